// Permanent links to questions of large banks. A large bank shows its questions on numbered
// pages (questions/<topic>/2/); its own page keeps an anchor per question that forwards to
// the numbered page, so `questions/<topic>/#<id>` works however the bank is split. A link to
// a numbered page from before the bank changed is sent back through the bank's page.
document$.subscribe(function () {
  var id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  var target = document.getElementById(id);
  if (target && target.dataset.forward) {
    location.replace(new URL(target.dataset.forward, location.href).href);
    return;
  }
  var bankPage = document.querySelector(".ip-bank-pages a");
  if (!target && bankPage) {
    var url = new URL(bankPage.getAttribute("href"), location.href);
    url.hash = location.hash;
    location.replace(url.href);
  }
});

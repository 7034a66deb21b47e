/*
 * Page module: permanent links to questions of large banks. A large bank shows its
 * questions on numbered pages (questions/<topic>/2/); its own page keeps an anchor per
 * question that forwards to the numbered page, so `questions/<topic>/#<id>` works however
 * the bank is split. A link to a numbered page from before the bank changed is sent back
 * through the bank's page.
 *
 * The hash is the reader's (or a stranger's link's): one that is not valid percent-encoding
 * (#%E0%A4%A) is read as written, and forwarding only ever goes to a page of this site.
 */

import { onEveryHash } from "./core/page.mjs";
import { hashId } from "./core/text.mjs";

onEveryHash(() => {
  if (!location.hash.slice(1)) return;
  const target = document.getElementById(hashId(location.hash));
  if (target && target.dataset.forward) {
    const forward = new URL(target.dataset.forward, location.href);
    if (forward.origin === location.origin) location.replace(forward.href);
    return;
  }
  const bankPage = document.querySelector(".ip-bank-pages a");
  if (!target && bankPage) {
    const url = new URL(bankPage.getAttribute("href") || "", location.href);
    // Only from a numbered page back to its bank: the bank's own page has no other page
    // to ask, and sending it on would loop.
    if (url.origin !== location.origin || url.pathname === location.pathname) return;
    url.hash = location.hash;
    location.replace(url.href);
  }
});

/* Live reload for `make serve`, as a file the Content-Security-Policy allows.
 *
 * MkDocs' own live reload is an inline script added to each page as it is served, which
 * the policy blocks (it cannot be hashed: its text changes with every request). This asks
 * the same endpoint of the dev server: /livereload/<epoch>/<id> answers at once with the
 * site's current build epoch when given 0, and otherwise waits until a newer build. Only
 * `mkdocs serve` adds this script; a published site never loads it.
 */
(function () {
  "use strict";
  var id = String(Date.now());
  // The build this page came from: MkDocs' blocked inline script still names it in its
  // text. Without it, the first answer (to epoch 0) gives the build being served now.
  var epoch = 0;
  var request = null;

  function servedEpoch() {
    Array.prototype.forEach.call(document.scripts, function (script) {
      var served = /livereload\((\d+),/.exec(script.src ? "" : script.text);
      if (served) epoch = parseFloat(served[1]);
    });
  }

  function poll() {
    if (request) return;
    request = new XMLHttpRequest();
    request.onloadend = function () {
      var answer = parseFloat(this.responseText);
      var ok = this.status === 200 && !isNaN(answer);
      request = null;
      if (ok && epoch && answer > epoch) {
        window.location.reload();
        return;
      }
      if (ok) epoch = answer;
      if (document.visibilityState === "visible") window.setTimeout(poll, ok ? 0 : 3000);
    };
    request.open("GET", "/livereload/" + epoch + "/" + id);
    request.send();
  }

  function start() {
    servedEpoch();  // MkDocs adds its script after ours: read it once the page is parsed
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") poll();
    });
    if (document.visibilityState === "visible") poll();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

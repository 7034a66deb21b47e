/*
 * Page module: fillable scorecards and debrief sheets (scorecard/form.mjs) on every page
 * that has one, with their drafts saved as the page goes (instant navigation, a closed
 * tab) and kept up to date with other tabs.
 */

import { onEveryPage } from "./core/page.mjs";
import { pageStorage } from "./core/storage.mjs";
import { DRAFTS, mergeDrafts } from "./scorecard/drafts.mjs";
import { flushAll, mountForms, refitAll, refreshLists, refreshMirrors, watchPointer }
  from "./scorecard/form.mjs";

// Drafts kept under the origin-wide key of earlier versions move to the scoped one.
pageStorage().migrate(DRAFTS, mergeDrafts);
watchPointer();

window.addEventListener("beforeprint", refreshMirrors);
let resizeTimer = 0;
window.addEventListener("resize", () => {
  window.clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(refitAll, 150);
});
window.addEventListener("pagehide", flushAll);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") flushAll();
});
window.addEventListener("storage", (event) => {
  if (pageStorage().concerns(event, DRAFTS)) refreshLists();
});

// Drafts typed on the page instant navigation just replaced are saved before the new page
// reads them.
onEveryPage(() => mountForms(document));

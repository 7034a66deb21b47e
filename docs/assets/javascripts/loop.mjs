/*
 * Page module: the interviewer's own loop. "Add to my loop" buttons on every page that has
 * them (loop/buttons.mjs), and the loop page itself (loop/page.mjs).
 */

import { bindButtons, refreshButtons } from "./loop/buttons.mjs";
import { LOOP, mergeLoops } from "./loop/list.mjs";
import { LoopPage } from "./loop/page.mjs";
import { watchOtherTabs } from "./loop/store.mjs";
import { onEveryPage, once } from "./core/page.mjs";
import { pageStorage } from "./core/storage.mjs";

// A loop kept under the origin-wide key of earlier versions moves to the scoped one; if
// both exist, the old loop's questions follow the scoped loop's.
pageStorage().migrate(LOOP, mergeLoops);
watchOtherTabs();

onEveryPage(() => {
  bindButtons(document);
  refreshButtons();
  for (const root of document.querySelectorAll("[data-ip-loop]")) {
    if (root instanceof HTMLElement && once(root)) new LoopPage(root).setup();
  }
});

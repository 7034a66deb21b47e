/*
 * The loop in this browser's storage: a JSON list of question ids under LOOP, scoped to
 * the site. A stored value that is not a list is kept aside and the loop starts empty;
 * entries that are not ids are ignored. Nothing is sent anywhere. Everything on a page
 * that shows the loop listens for its changes here, including another tab's.
 */

import { LOOP, clean } from "./list.mjs";
import { announce } from "../core/page.mjs";
import { pageStorage, storageProblem } from "../core/storage.mjs";

/** @type {(() => void)[]} */
const listeners = [];

/** The stored loop, cleaned. */
export function ids() {
  return clean(pageStorage().read(LOOP, Array.isArray, /** @type {unknown[]} */ ([])));
}

/**
 * Store the loop and tell every listener; false (and said) if the browser refused.
 * @param {string[]} list
 */
export function save(list) {
  const written = pageStorage().write(LOOP, list);
  if (!written.ok) {
    announce("Could not save your loop: " + storageProblem(written) + ".");
    return false;
  }
  changed();
  return true;
}

/**
 * Store the loop without telling anyone (the loop page tidying what it read); if refused,
 * it is shown as it is and saved with the next change.
 * @param {string[]} list
 */
export function tidy(list) {
  pageStorage().write(LOOP, list);
}

function changed() {
  listeners.forEach((listener) => listener());
}

/**
 * Call `listener` whenever the loop changes, here or in another tab.
 * @param {() => void} listener
 */
export function onChange(listener) {
  listeners.push(listener);
}

/** Follow other tabs' changes (once: module code runs once per document). */
export function watchOtherTabs() {
  window.addEventListener("storage", (event) => {
    if (pageStorage().concerns(event, LOOP)) changed();
  });
}

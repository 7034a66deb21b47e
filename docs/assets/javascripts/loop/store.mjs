/*
 * The loop in this browser's storage: a JSON list of question ids under LOOP, scoped to
 * the site, and its target length in minutes under LOOP_TARGET. A stored value that is not
 * a list is kept aside and the loop starts empty; entries that are not ids are ignored.
 * A loop replaced by a playbook's or a shared one is kept under LOOP_PREVIOUS, to bring
 * back. Nothing is sent anywhere. Everything on a page that shows the loop listens for its
 * changes here, including another tab's.
 */

import { DEFAULT_TARGET, LOOP, LOOP_PREVIOUS, LOOP_TARGET, clean, targetOf } from "./list.mjs";
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

/** The loop's target length in minutes (DEFAULT_TARGET until one is set). */
export function target() {
  return targetOf(pageStorage().read(LOOP_TARGET, (value) => targetOf(value) !== null, DEFAULT_TARGET)) ||
    DEFAULT_TARGET;
}

/**
 * Store the loop's questions and target together (one change for the listeners); false
 * (and said) if the browser refused.
 * @param {string[]} list
 * @param {number} minutes
 */
export function saveLoop(list, minutes) {
  const written = pageStorage().write(LOOP_TARGET, minutes);
  if (!written.ok) {
    announce("Could not save your loop's target length: " + storageProblem(written) + ".");
    return false;
  }
  return save(list);
}

/** @typedef {{ids: string[], target: number}} StoredLoop */

/** The loop a replaced one had, or null. @returns {StoredLoop | null} */
export function previous() {
  /** @param {unknown} value */
  const accept = (value) => !!value && typeof value === "object" && Array.isArray(/** @type {any} */ (value).ids);
  const stored = pageStorage().read(LOOP_PREVIOUS, accept, /** @type {any} */ (null));
  if (!stored) return null;
  const ids = clean(stored.ids);
  return ids.length ? { ids, target: targetOf(stored.target) || DEFAULT_TARGET } : null;
}

/**
 * Keep `loop` to bring back (null forgets it); false if the browser refused.
 * @param {StoredLoop | null} loop
 */
export function keepPrevious(loop) {
  return (loop ? pageStorage().write(LOOP_PREVIOUS, loop) : pageStorage().remove(LOOP_PREVIOUS)).ok;
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
    if (pageStorage().concerns(event, LOOP) || pageStorage().concerns(event, LOOP_TARGET)) changed();
  });
}

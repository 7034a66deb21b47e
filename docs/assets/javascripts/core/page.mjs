/*
 * Start-up and the page's data: what every page module needs from the page it runs on.
 *
 * Material's instant navigation swaps the page's content without reloading, and emits the
 * new document on `document$` (which replays the latest, so a module that subscribes late
 * still sees the first page). Page code runs on each emission, and must set up only what
 * it has not set up yet (see `once`). The theme's bundle is a classic script before ours,
 * and module scripts run after it, so `document$` is always there.
 */

import { isObject } from "./text.mjs";

/**
 * @typedef {{subscribe: (next: (value: any) => void) => unknown}} Observable
 * @typedef {Window & {document$?: Observable}} MaterialWindow
 */

/**
 * Run `setup` on this page and on every page instant navigation shows after it.
 * @param {() => void} setup
 */
export function onEveryPage(setup) {
  /** @type {MaterialWindow} */ (window).document$?.subscribe(() => setup());
}

/**
 * Run `follow` on every page and whenever the address's hash changes on a page (a link
 * to another question of the same page, typed or followed).
 * @param {() => void} follow
 */
export function onEveryHash(follow) {
  onEveryPage(follow);
  window.addEventListener("hashchange", () => follow());
}

const READY = "data-ip-ready";

/**
 * Whether `element` still needs setting up, marking it as set up: instant navigation may
 * show an element again (a page restored from its cache), and nothing is bound twice.
 * @param {Element} element
 */
export function once(element) {
  if (element.hasAttribute(READY)) return false;
  element.setAttribute(READY, "");
  return true;
}

/**
 * The JSON object in the <script type="application/json"> of `holder`, a <template>
 * (Material's instant navigation re-runs every <script> of a new page as JavaScript,
 * `type` and all dropped, which the Content-Security-Policy would block; it does not
 * look inside templates). {} if there is none, or it is not an object.
 * @param {Element | null} holder
 * @returns {Record<string, any>}
 */
export function readJsonBlock(holder) {
  const script = holder instanceof HTMLTemplateElement ? holder.content.querySelector("script")
    : holder ? holder.querySelector('script[type="application/json"]') : null;
  if (!script) return {};
  try {
    const value = JSON.parse(script.textContent || "");
    return isObject(value) ? value : {};
  } catch (error) {
    return {};
  }
}

/** @type {Map<string, Promise<any>>} */
const fetched = new Map();

/**
 * The JSON file at `url` (relative to the page), fetched once per visit and passed
 * through `prepare`; a failure is forgotten, so the next page that needs it tries again.
 * @template T
 * @param {string} url
 * @param {(value: any) => T} prepare
 * @returns {Promise<T>}
 */
export function fetchJson(url, prepare) {
  const absolute = new URL(url, window.location.href).href;
  let promise = fetched.get(absolute);
  if (!promise) {
    promise = window.fetch(absolute, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(prepare)
      .catch((error) => {
        fetched.delete(absolute);
        throw error;
      });
    fetched.set(absolute, promise);
  }
  return promise;
}

/**
 * A status line and a warning of one part of a page: `say` writes the status, `warn`
 * shows a warning (hidden when empty). `schedule` decides when the DOM changes (the
 * scorecard waits for the pointer to be released); by default at once.
 * @param {Element | null} status
 * @param {HTMLElement | null} warning
 * @param {(update: () => void) => void} [schedule]
 */
export function messages(status, warning, schedule = (update) => update()) {
  return {
    /** @param {string} message */
    say(message) {
      if (status) schedule(() => { status.textContent = message || ""; });
    },
    /** @param {string} message */
    warn(message) {
      if (warning) schedule(() => {
        warning.textContent = message;
        warning.hidden = !message;
      });
    },
  };
}

/**
 * Say `message` to screen readers, in a polite live region at the end of the page's content.
 * @param {string} message
 */
export function announce(message) {
  const content = document.querySelector(".md-content .md-typeset") || document.body;
  let region = content.querySelector("[data-ip-live]");
  if (!region) {
    region = document.createElement("p");
    region.className = "ip-sr-only";
    region.setAttribute("role", "status");
    region.setAttribute("data-ip-live", "");
    content.appendChild(region);
  }
  const live = region;
  live.textContent = "";
  window.setTimeout(() => { live.textContent = message; }, 50);
}

/*
 * A loop as a link: questions/loop/#share=<code>, where the code is
 *
 *   v1.<target minutes>.<question id>,<question id>,...
 *
 * in the order the questions are asked (ids are slugs: letters, digits and hyphens, so
 * the code needs no escaping in a URL). It is all in the link's fragment, which browsers
 * do not send to the server: nothing is stored anywhere but in the two browsers. Pure.
 *
 * A code comes from whoever sent the link, so it is read as hostile: at most MAX_CODE
 * characters and MAX_SHARED questions are read, only ids the data knows (former ids as
 * the current ones) are taken, each once, and what was left out is listed, shortened.
 */

import { currentId } from "../finder/data.mjs";
import { DEFAULT_TARGET, targetOf } from "./list.mjs";
import { shorten } from "../core/text.mjs";

/** @typedef {import("../finder/data.mjs").FinderData} FinderData */

export const SHARE_PREFIX = "#share=";
export const SHARE_VERSION = "v1";
export const MAX_SHARED = 100; // questions: far more than an interview asks
export const MAX_CODE = 8000; // characters read of a code
const MAX_LISTED = 10; // unknown ids named in the note
const MAX_SHOWN = 40; // characters of an unknown id named

/**
 * The code of a loop.
 * @param {string[]} ids
 * @param {number} target
 */
export function encodeLoop(ids, target) {
  return SHARE_VERSION + "." + target + "." + ids.join(",");
}

/**
 * The code in a location's hash ("#share=v1.60.a,b"), or null if it holds none.
 * @param {string} hash
 */
export function codeOf(hash) {
  if (typeof hash !== "string" || !hash.startsWith(SHARE_PREFIX)) return null;
  let code = hash.slice(SHARE_PREFIX.length, SHARE_PREFIX.length + MAX_CODE * 3);
  try {
    code = decodeURIComponent(code); // a link a chat program escaped
  } catch (error) {
    // Not escaped text: read as it is.
  }
  return code;
}

/**
 * @typedef {object} SharedLoop
 * @property {string[]} ids the questions taken, current ids, in order
 * @property {number} target
 * @property {string[]} problems what the page says about what was left out
 */

/**
 * The loop a code holds, against the data.
 * @param {string} code
 * @param {FinderData} data
 * @returns {SharedLoop}
 */
export function decodeLoop(code, data) {
  /** @type {string[]} */
  const problems = [];
  let text = String(code);
  if (text.length > MAX_CODE) {
    text = text.slice(0, text.lastIndexOf(",", MAX_CODE) + 1 || MAX_CODE);
    problems.push("The link was too long: only its first " + MAX_CODE + " characters were read.");
  }
  const match = /^v(\d{1,3})\.([^.]*)\.(.*)$/s.exec(text);
  if (!match || "v" + match[1] !== SHARE_VERSION) {
    problems.push(match ? "The link was made in a newer format (" + shorten("v" + match[1], MAX_SHOWN) +
                          ") than this site reads."
      : "The link does not hold a loop this site can read.");
    return { ids: [], target: DEFAULT_TARGET, problems };
  }
  const target = targetOf(match[2]);
  if (target === null) {
    problems.push("The link's target length (" + shorten(match[2], MAX_SHOWN) +
                  ") is not a number of minutes; " + DEFAULT_TARGET + " min is used.");
  }
  const given = match[3].split(",").map((id) => id.trim()).filter(Boolean);
  /** @type {string[]} */
  const ids = [];
  /** @type {string[]} */
  const unknown = [];
  let over = 0;
  for (const id of given) {
    const current = currentId(data, id);
    if (current === null) {
      if (!unknown.includes(id)) unknown.push(id);
    } else if (!ids.includes(current)) {
      if (ids.length < MAX_SHARED) ids.push(current);
      else over += 1;
    }
  }
  if (unknown.length) {
    const named = unknown.slice(0, MAX_LISTED).map((id) => shorten(id, MAX_SHOWN));
    if (unknown.length > MAX_LISTED) named.push("and " + (unknown.length - MAX_LISTED) + " more");
    problems.push((unknown.length === 1 ? "1 question of the link is not on this site and was left out: "
      : unknown.length + " questions of the link are not on this site and were left out: ") + named.join(", ") + ".");
  }
  if (over) problems.push("Only the first " + MAX_SHARED + " questions of the link were taken.");
  return { ids, target: target === null ? DEFAULT_TARGET : target, problems };
}

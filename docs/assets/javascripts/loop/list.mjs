/*
 * The interviewer's own loop, apart from the page: a list of question ids in the order
 * they are asked, resolved against the finder's data, and the loop's scorecard card built
 * from the skeleton the build writes (interview_playbooks/scorecard.py, loop_card). Pure.
 */

import { currentId } from "../finder/data.mjs";
import { writingLines } from "../scorecard/card.mjs";
import { fill, plural } from "../core/text.mjs";
import { parse } from "../core/storage.mjs";

/** @typedef {import("../finder/data.mjs").FinderData} FinderData */
/** @typedef {import("../finder/data.mjs").Question} Question */
/** @typedef {import("../scorecard/card.mjs").Card} Card */
/** @typedef {import("../scorecard/card.mjs").Entry} Entry */

/** The storage entry of the loop (scoped to the site by core/storage.mjs). */
export const LOOP = "interview-playbooks:loop:v1";
const MAX_QUESTIONS = 1000; // a loop longer than any real one was not written by this site
const MAX_ID_LENGTH = 200;

/**
 * The stored ids that can be question ids, each once, in order.
 * @param {unknown[]} list
 * @returns {string[]}
 */
export function clean(list) {
  const seen = new Set();
  return /** @type {string[]} */ (list.filter((id) => {
    if (typeof id !== "string" || !id || id.length > MAX_ID_LENGTH || seen.has(id)) return false;
    seen.add(id);
    return true;
  })).slice(0, MAX_QUESTIONS);
}

/**
 * A loop stored under the origin-wide key of earlier versions, after the scoped loop's
 * questions (raw JSON in and out); null if either is not a list.
 * @param {string} scoped
 * @param {string} old
 */
export function mergeLoops(scoped, old) {
  const list = parse(scoped);
  const before = parse(old);
  if (!Array.isArray(list) || !Array.isArray(before)) return null;
  return JSON.stringify(clean(list.concat(before)));
}

/**
 * The loop with `id` taken out if it was in it, else added at the end.
 * @param {string[]} list
 * @param {string} id
 */
export function toggled(list, id) {
  return list.includes(id) ? list.filter((other) => other !== id) : [...list, id];
}

/**
 * The loop with `id` moved `by` places (-1: up), or null if it cannot move that far.
 * @param {string[]} list
 * @param {string} id
 * @param {number} by
 */
export function moved(list, id, by) {
  const from = list.indexOf(id);
  const to = from + by;
  if (from < 0 || !by || to < 0 || to >= list.length) return null;
  const result = list.filter((other) => other !== id);
  result.splice(to, 0, id);
  return result;
}

/**
 * The stored loop against the data: former ids mapped to current ones, ids the data no
 * longer has dropped.
 * @param {FinderData} data
 * @param {string[]} stored
 */
export function resolve(data, stored) {
  /** @type {string[]} */
  const kept = [];
  /** @type {string[]} */
  const dropped = [];
  /** @type {string[]} */
  const renamed = [];
  for (const id of stored) {
    const current = currentId(data, id);
    if (current === null) {
      dropped.push(id);
      continue;
    }
    if (current !== id) renamed.push(id);
    if (!kept.includes(current)) kept.push(current);
  }
  return { kept, dropped, renamed, changed: dropped.length + renamed.length > 0 };
}

/**
 * What the page says about a resolved loop's dropped and renamed questions ("" if none).
 * @param {{dropped: string[], renamed: string[]}} resolved
 */
export function resolveNote({ dropped, renamed }) {
  const parts = [];
  if (dropped.length) {
    parts.push((dropped.length === 1 ? "A question in your loop no longer exists and was removed: "
      : plural(dropped.length, "question") + " in your loop no longer exist and were removed: ") +
      dropped.join(", ") + ".");
  }
  if (renamed.length) {
    parts.push(plural(renamed.length, "question") + " of your loop had a new id and " +
               (renamed.length === 1 ? "was" : "were") + " kept under it.");
  }
  return parts.join(" ");
}

/**
 * A short, stable name for a set of questions (in any order): drafts filled in for
 * another set say so, as drafts of an older rubric do.
 * @param {string[]} list
 */
export function version(list) {
  const text = list.slice().sort().join("\n");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return ("00000000" + hash.toString(16)).slice(-8);
}

/**
 * "3 questions, about 40 min" (and how many of them have a suggested time); "" if none.
 * @param {Question[]} questions
 */
export function totalText(questions) {
  const count = questions.length;
  if (!count) return "";
  const timed = questions.filter((question) => question.m);
  const minutes = timed.reduce((sum, question) => sum + (question.m || 0), 0);
  return plural(count, "question") + (timed.length ? ", about " + minutes + " min" +
    (timed.length < count ? " for the " + timed.length + " with a suggested time" : "") : "");
}

/**
 * The loop's card: the build's skeleton (scale, recommendation, formats, one empty
 * section) with an entry a question, in the shape of a playbook's question entries.
 * @param {Card} skeleton
 * @param {FinderData} data
 * @param {string[]} ids the loop, resolved
 * @returns {Card}
 */
export function loopCard(skeleton, data, ids) {
  const [first, ...rest] = skeleton.sections;
  const questions = ids.map((id) => data.byId[id]);
  /** @type {Entry[]} */
  const entries = questions.map((question) => ({
    key: fill(skeleton.question_key, { question: question.i }),
    kind: "question",
    question: question.i,
    title: question.t,
    group: "",
    minutes: question.m || null,
    lines: writingLines(skeleton, question.m || 0),
    indicators: question.h || [],
  }));
  const minutes = questions.reduce((sum, question) => sum + (question.m || 0), 0);
  return {
    ...skeleton,
    rubric_version: version(ids),
    sections: [{ ...first, minutes, entries }, ...rest],
  };
}

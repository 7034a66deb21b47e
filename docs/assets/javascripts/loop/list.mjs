/*
 * The interviewer's own loop, apart from the page: a list of question ids in the order
 * they are asked and a target length, resolved against the finder's data; its time boxes
 * (each question from the running total, DEFAULT_MINUTES for a question with no suggested
 * time), its rubric (a dimension per signal its questions probe), and the loop's scorecard
 * card built from the skeleton the build writes (interview_playbooks/scorecard.py,
 * loop_card). Pure.
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
/** The storage entry of its target length in minutes, and of the loop a replaced one had. */
export const LOOP_TARGET = "interview-playbooks:loop-target:v1";
export const LOOP_PREVIOUS = "interview-playbooks:loop-previous:v1";
const MAX_QUESTIONS = 1000; // a loop longer than any real one was not written by this site
const MAX_ID_LENGTH = 200;
/** What a question with no suggested time counts for in the loop's time boxes. */
export const DEFAULT_MINUTES = 10;
export const DEFAULT_TARGET = 60;
export const MIN_TARGET = 5; // a playbook's duration is 5 to 600 minutes
export const MAX_TARGET = 600;

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
 * A target length as typed or stored: whole minutes from MIN_TARGET to MAX_TARGET, else null.
 * @param {unknown} value
 */
export function targetOf(value) {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d{1,4}$/.test(text)) return null;
  const minutes = Number(text);
  return minutes >= MIN_TARGET && minutes <= MAX_TARGET ? minutes : null;
}

/**
 * A short, stable name for a set of questions (in any order) and the loop's target: drafts
 * filled in for another set say so, as drafts of an older rubric do.
 * @param {string[]} list
 * @param {number | null} [target]
 */
export function version(list, target = null) {
  const text = list.slice().sort().join("\n") + (target ? "\n@" + target : "");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return ("00000000" + hash.toString(16)).slice(-8);
}

/**
 * @typedef {object} TimeBox a question's place in the loop's time
 * @property {string} id
 * @property {number} start minutes from the start of the interview
 * @property {number} end
 * @property {number} minutes
 * @property {boolean} assumed the question has no suggested time: DEFAULT_MINUTES counted
 */

/**
 * Each question's time box, from the running total of the ones before it.
 * @param {Question[]} questions
 * @returns {TimeBox[]}
 */
export function timeBoxes(questions) {
  let at = 0;
  return questions.map((question) => {
    const minutes = question.m && question.m > 0 ? question.m : DEFAULT_MINUTES;
    const box = { id: question.i, start: at, end: at + minutes, minutes, assumed: !(question.m && question.m > 0) };
    at += minutes;
    return box;
  });
}

/**
 * "52 of 60 min, 8 to spare", "60 of 60 min, none to spare", "67 of 60 min, over by 7 min".
 * @param {number} total
 * @param {number} target
 */
export function againstTarget(total, target) {
  if (total > target) return total + " of " + target + " min, over by " + (total - target) + " min";
  return total + " of " + target + " min, " + (total < target ? (target - total) + " to spare" : "none to spare");
}

/**
 * "3 questions, 52 of 60 min, 8 to spare", and which questions are counted at the default
 * for want of a suggested time; "" if none.
 * @param {Question[]} questions
 * @param {number} target
 */
export function totalText(questions, target) {
  const count = questions.length;
  if (!count) return "";
  const boxes = timeBoxes(questions);
  const total = boxes.reduce((sum, box) => sum + box.minutes, 0);
  const assumed = boxes.filter((box) => box.assumed).length;
  return plural(count, "question") + ", " + againstTarget(total, target) + "." + (!assumed ? ""
    : assumed === count ? " No question has a suggested time: each counts " + DEFAULT_MINUTES + " min."
      : " " + (assumed === 1 ? "1 question has" : assumed + " questions have") +
        " no suggested time and " + (assumed === 1 ? "counts " : "count ") + DEFAULT_MINUTES + " min" +
        (assumed === 1 ? "." : " each."));
}

/**
 * The loop's rubric: a dimension per signal its questions probe, in the order the loop
 * first probes them, in a playbook rubric's shape (no hire bar of its own).
 * @param {FinderData} data
 * @param {string[]} ids the loop, resolved
 */
export function loopDimensions(data, ids) {
  /** @type {Map<string, string>} */
  const signals = new Map();
  for (const id of ids) {
    for (const position of data.byId[id]?.s || []) {
      const signal = data.signals[position];
      if (signal && !signals.has(signal.id)) signals.set(signal.id, signal.name);
    }
  }
  return [...signals].map(([signal, name]) => ({
    key: "dim-" + signal, label: name, signal, hire: "", no_hire: "", anchors: [],
  }));
}

/**
 * The titles of the loop's questions that probe each signal (by signal id).
 * @param {FinderData} data
 * @param {string[]} ids
 */
export function probedBy(data, ids) {
  /** @type {Record<string, string[]>} */
  const titles = Object.create(null);
  for (const id of ids) {
    const question = data.byId[id];
    for (const position of question?.s || []) {
      const signal = data.signals[position];
      if (signal) (titles[signal.id] = titles[signal.id] || []).push(question.t);
    }
  }
  return titles;
}

/**
 * The loop's card: the build's skeleton (scale, recommendation, formats, an empty section)
 * with a section a question, timed as timeBoxes gives, each with one entry in the shape of
 * a playbook's question entries; a rubric dimension per signal; its duration the target.
 * @param {Card} skeleton
 * @param {FinderData} data
 * @param {string[]} ids the loop, resolved
 * @param {number} target the loop's target length in minutes
 * @returns {Card}
 */
export function loopCard(skeleton, data, ids, target) {
  const [first] = skeleton.sections;
  const questions = ids.map((id) => data.byId[id]);
  const boxes = timeBoxes(questions);
  const sections = questions.map((question, n) => {
    const { start, end, minutes } = boxes[n];
    /** @type {Entry} */
    const entry = {
      key: fill(skeleton.question_key, { question: question.i }),
      kind: "question",
      question: question.i,
      title: question.t,
      group: "",
      minutes, // a question with no suggested time has its time box, as a playbook's share
      lines: writingLines(skeleton, minutes),
      signals: (question.s || []).map((position) => data.signals[position]?.id).filter(Boolean),
      indicators: question.h || [],
      anchors: (question.c?.n || []).map(([score, text]) => ({ score, text })),
    };
    const title = "Question " + (n + 1);
    return { ...first, title, heading: title, start, end, minutes, entries: [entry] };
  });
  return {
    ...skeleton,
    duration: target,
    rubric_version: version(ids, target),
    sections: sections.length ? sections : [{ ...first, entries: [] }],
    dimensions: loopDimensions(data, ids),
  };
}

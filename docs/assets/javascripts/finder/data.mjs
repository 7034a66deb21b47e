/*
 * The finder's data file (questions/finder.json, described in interview_playbooks/finder.py)
 * with the lookups the finder and the loop need. Pure.
 */

import { hasOwn } from "../core/text.mjs";

/**
 * @typedef {{id: string, name: string, former?: string[]}} Facet
 * @typedef {Facet & {url: string, hire: string}} Topic
 * @typedef {object} Question
 * @property {string} i id
 * @property {string} t title
 * @property {number} p topic (a position in `topics`)
 * @property {number} u page (a position in `pages`)
 * @property {number} k kind
 * @property {number[]} l levels
 * @property {number[]} s signals
 * @property {number[]} r roles of the playbooks that ask it
 * @property {number} [m] suggested minutes
 * @property {string[]} [f] former ids
 * @property {string[]} [h] hire indicators, once read from the bank's hire.json
 * @property {Cues} [c] interview mode's cues, read with them
 * @typedef {object} Cues what the interviewer reads during the question (hire.json's a, b, s, n)
 * @property {string} [a] the prompt, word for word
 * @property {string[][]} [b] probes: [type ("mandatory", "hard", "follow-up"), text, condition?]
 * @property {string[]} [s] what a strong answer includes
 * @property {[number, string][]} [n] anchors: [score, what an answer at it sounds like], best first
 * @typedef {Cues & {h?: string[]}} HireEntry a question in its bank's hire.json
 * @typedef {object} Playbook a playbook as a loop starts from it
 * @property {string} i id
 * @property {string} t title
 * @property {number} r role (a position in `roles`)
 * @property {number} l level (a position in `levels`)
 * @property {number} d duration in minutes
 * @property {string[]} q the questions it asks, in schedule order (a pool's first options)
 * @typedef {object} RawFinderData
 * @property {number} v
 * @property {Facet[]} levels
 * @property {Facet[]} roles
 * @property {Facet[]} signals
 * @property {Facet[]} kinds
 * @property {Topic[]} topics
 * @property {string[]} pages
 * @property {Question[]} questions
 * @property {Playbook[]} [playbooks]
 * @typedef {RawFinderData & {byId: Record<string, Question>, formerIds: Record<string, string>}} FinderData
 * @typedef {"levels" | "roles" | "signals" | "kinds" | "topics"} Table
 */

/**
 * The data with its questions by id, and by former id.
 * @param {RawFinderData} raw
 * @returns {FinderData}
 */
export function prepare(raw) {
  /** @type {Record<string, Question>} no prototype: an id such as "constructor" is not found */
  const byId = Object.create(null);
  /** @type {Record<string, string>} former id -> id */
  const formerIds = Object.create(null);
  for (const question of raw.questions || []) {
    byId[question.i] = question;
    for (const former of question.f || []) formerIds[former] = question.i;
  }
  return { ...raw, questions: raw.questions || [], byId, formerIds };
}

/**
 * The current id of a question named by `id` or by one of its former ids; null if the
 * data has no such question.
 * @param {FinderData} data
 * @param {string} id
 */
export function currentId(data, id) {
  if (hasOwn(data.byId, id)) return id;
  return hasOwn(data.formerIds, id) ? data.formerIds[id] : null;
}

/**
 * A question's card, relative to the site root: its bank's page (or a numbered page of a
 * large bank), at the question's anchor.
 * @param {FinderData} data
 * @param {Question} question
 */
export function questionUrl(data, question) {
  const page = (data.pages || [])[question.u];
  const topic = data.topics[question.p];
  return (page !== undefined ? page : topic ? topic.url : "") + "#" + question.i;
}

/**
 * The names of the entries at `positions` of a table.
 * @param {FinderData} data
 * @param {Table} table
 * @param {number[] | undefined} positions
 */
export function names(data, table, positions) {
  return (positions || []).map((n) => (data[table][n] || {}).name || "").filter(Boolean);
}

/**
 * The name of the entry at `position` of a table ("" if none).
 * @param {FinderData} data
 * @param {Table} table
 * @param {number} position
 */
export function nameAt(data, table, position) {
  return (data[table][position] || {}).name || "";
}

/**
 * The banks (positions in `topics`) whose hire indicators the questions `ids` still lack.
 * @param {FinderData} data
 * @param {string[]} ids
 */
export function topicsLackingHire(data, ids) {
  const topics = new Set();
  for (const id of ids) {
    const question = data.byId[id];
    if (question && !question.h) topics.add(question.p);
  }
  return [...topics];
}

/** @param {unknown} value @returns {string[]} */
function texts(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

/**
 * hire.json's anchors, keeping only [score, text] pairs.
 * @param {unknown} value
 * @returns {[number, string][]}
 */
function anchorPairs(value) {
  if (!Array.isArray(value)) return [];
  return value.filter((pair) => Array.isArray(pair) && typeof pair[0] === "number" && Number.isFinite(pair[0]) &&
                                typeof pair[1] === "string")
    .map((pair) => /** @type {[number, string]} */ ([pair[0], pair[1]]));
}

/**
 * Give the questions of the bank at `position` their hire indicators and cues from its
 * hire.json (a list alone, as files of earlier versions held, is the indicators).
 * @param {FinderData} data
 * @param {number} position
 * @param {Record<string, HireEntry | string[]>} file
 */
export function addHire(data, position, file) {
  for (const question of data.questions) {
    if (question.p !== position) continue;
    const entry = hasOwn(file, question.i) ? file[question.i] : {};
    if (Array.isArray(entry)) {
      question.h = texts(entry);
      question.c = {};
      continue;
    }
    const known = entry && typeof entry === "object" ? entry : {};
    question.h = texts(known.h);
    question.c = {
      a: typeof known.a === "string" ? known.a : "",
      b: Array.isArray(known.b) ? known.b.map(texts).filter((probe) => probe.length >= 2) : [],
      s: texts(known.s),
      n: anchorPairs(known.n),
    };
  }
}

/**
 * The playbook with this id, or null.
 * @param {FinderData} data
 * @param {string} id
 */
export function playbookById(data, id) {
  return (data.playbooks || []).find((playbook) => playbook.i === id) || null;
}

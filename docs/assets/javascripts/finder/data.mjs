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
 * @typedef {object} RawFinderData
 * @property {number} v
 * @property {Facet[]} levels
 * @property {Facet[]} roles
 * @property {Facet[]} signals
 * @property {Facet[]} kinds
 * @property {Topic[]} topics
 * @property {string[]} pages
 * @property {Question[]} questions
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

/**
 * Give the questions of the bank at `position` their hire indicators from its hire.json.
 * @param {FinderData} data
 * @param {number} position
 * @param {Record<string, string[]>} file
 */
export function addHire(data, position, file) {
  for (const question of data.questions) {
    if (question.p === position) question.h = hasOwn(file, question.i) ? file[question.i] : [];
  }
}

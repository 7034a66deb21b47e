/*
 * The finder's filter, apart from the page: read from and written to the query string,
 * and matched against the questions. Pure.
 *
 * The query string is a stable format that other pages link to (interview_playbooks/pages.py,
 * finder_query):
 *
 *   ?role=<id>&level=<id>&kind=<id>&signal=<id>&topic=<bank id>&q=<words of the title>
 *
 * Each parameter may be repeated; values of one parameter are ORed, parameters are ANDed.
 * `role` matches the questions the role's playbooks ask; `q` titles with a word starting
 * with each of its words, in any order and case. Former ids are read as the current ones.
 * Unknown values (names such as `constructor` or `__proto__` too: lookups have no
 * prototype) are ignored and listed, shortened; at most MAX_VALUES values are read, and
 * `q` is cut to MAX_QUERY characters.
 */

import { shorten, words } from "../core/text.mjs";

/** @typedef {import("./data.mjs").FinderData} FinderData */
/** @typedef {import("./data.mjs").Question} Question */
/** @typedef {import("./data.mjs").Table} Table */
/** @typedef {"role" | "level" | "kind" | "signal" | "topic"} Group */
/**
 * @typedef {object} Filter
 * @property {Partial<Record<Group, string[]>>} groups the ids chosen in each group
 * @property {string} q words of the title
 * @property {string[]} [unknown] what the address held that is no filter, as "name=value"
 */

/** @type {Group[]} */
export const GROUPS = ["role", "level", "kind", "signal", "topic"];
/** @type {Record<Group, Table>} */
export const TABLES = { role: "roles", level: "levels", kind: "kinds", signal: "signals", topic: "topics" };
/** @type {Record<Group, "r" | "l" | "k" | "s" | "p">} */
const FIELDS = { role: "r", level: "l", kind: "k", signal: "s", topic: "p" };
export const MAX_VALUES = 100; // query-string values read; more were not written by this site
export const MAX_QUERY = 200; // characters of `q`
const MAX_SHOWN = 40; // characters of an unknown value listed

/** @typedef {Record<Group, Record<string, string>>} Aliases */

/**
 * Per group, every id and former id -> the current id.
 * @param {FinderData} data
 * @returns {Aliases}
 */
export function aliases(data) {
  const result = /** @type {Aliases} */ ({});
  for (const group of GROUPS) {
    /** @type {Record<string, string>} */
    const map = Object.create(null);
    for (const entry of data[TABLES[group]]) {
      map[entry.id] = entry.id;
      for (const former of entry.former || []) map[former] = entry.id;
    }
    result[group] = map;
  }
  return result;
}

/** @param {string} name @returns {name is Group} */
function isGroup(name) {
  return /** @type {string[]} */ (GROUPS).includes(name);
}

/**
 * The filter a query string holds, with current ids, and what could not be read.
 * @param {string} search "?level=staff&q=replication"
 * @param {Aliases} known
 * @returns {Filter & {unknown: string[]}}
 */
export function fromQuery(search, known) {
  let params;
  try {
    params = new URLSearchParams(search);
  } catch (error) {
    params = new URLSearchParams();
  }
  /** @type {Filter & {unknown: string[]}} */
  const filter = { groups: {}, q: (params.get("q") || "").slice(0, MAX_QUERY), unknown: [] };
  let read = 0;
  params.forEach((value, name) => {
    if (name === "q") return;
    read += 1;
    if (read > MAX_VALUES) return;
    const id = isGroup(name) ? known[name][value] : undefined;
    if (!isGroup(name) || id === undefined) {
      const shown = shorten(name, MAX_SHOWN) + "=" + shorten(value, MAX_SHOWN);
      if (!filter.unknown.includes(shown)) filter.unknown.push(shown);
      return;
    }
    const chosen = filter.groups[name] || (filter.groups[name] = []);
    if (!chosen.includes(id)) chosen.push(id);
  });
  if (read > MAX_VALUES) filter.unknown.push("and " + (read - MAX_VALUES) + " more");
  return filter;
}

/**
 * The query string of a filter ("" for none), groups in a fixed order, `q` last.
 * @param {Filter} filter
 */
export function toQuery(filter) {
  const params = new URLSearchParams();
  for (const group of GROUPS) {
    for (const id of filter.groups[group] || []) params.append(group, id);
  }
  if (filter.q) params.append("q", filter.q);
  const text = params.toString();
  return text ? "?" + text : "";
}

/** @type {WeakMap<Question, string>} a title's words, " word word ", worked out once */
const titleWords = new WeakMap();

/** @param {Question} question */
function wordsOf(question) {
  let text = titleWords.get(question);
  if (text === undefined) {
    text = " " + words(question.t).join(" ") + " ";
    titleWords.set(question, text);
  }
  return text;
}

/**
 * The questions the filter finds, in the data's order.
 * @param {FinderData} data
 * @param {Filter} filter
 */
export function matching(data, filter) {
  const terms = words(filter.q);
  /** @type {[Group, Set<number>][]} */
  const wanted = [];
  for (const group of GROUPS) {
    const ids = filter.groups[group] || [];
    if (!ids.length) continue;
    const positions = new Set();
    data[TABLES[group]].forEach((entry, n) => {
      if (ids.includes(entry.id)) positions.add(n);
    });
    wanted.push([group, positions]);
  }
  return data.questions.filter((question) => {
    for (const [group, positions] of wanted) {
      const values = question[FIELDS[group]];
      if (Array.isArray(values) ? !values.some((value) => positions.has(value)) : !positions.has(values)) {
        return false;
      }
    }
    const title = terms.length ? wordsOf(question) : "";
    return terms.every((term) => title.includes(" " + term)); // a word, or the start of one
  });
}

/**
 * The note that lists what the address held that is no filter ("" if nothing).
 * @param {string[]} unknown
 */
export function unknownNote(unknown) {
  return unknown.length ? "Not understood, so left out of the filter: " + unknown.join(", ") + "." : "";
}

/*
 * A scorecard's card: what a playbook's scorecard or debrief asks for, as the build
 * writes it into the page (interview_playbooks/scorecard.py, the one definition of its
 * shape; the loop's card starts from the skeleton it writes too), and what a filled-in
 * form holds. Pure: reading a card and a form's values, nothing else.
 */

import { asText, trimEnd } from "../core/text.mjs";

/**
 * @typedef {{value: number, label: string}} ScalePoint
 * @typedef {{id: string, label: string}} Point
 * @typedef {import("./anchors.mjs").Anchor} Anchor
 * @typedef {{id: string, title: string, minutes?: number | null, signals?: string[],
 *            indicators?: string[], anchors?: Anchor[]}} Option
 *   a pool's option, with the ids of the signals it probes and the hire indicators and
 *   anchors that apply at the card's level
 * @typedef {object} Entry one question to score (or one question of a pool)
 * @property {string} key names its fields ("<key>:score", "<key>:notes", "<key>:hire-<n>")
 * @property {"question" | "pool"} kind
 * @property {string} title
 * @property {string[]} indicators the hire indicators asked at the card's level
 * @property {Anchor[]} [anchors] its anchors at the card's level, best score first (a question's)
 * @property {string[]} [signals] the ids of the signals it probes (a pool's: its options')
 * @property {number | null} [minutes] the minutes it takes (a pool's: its longest option's)
 * @property {number} [lines] the writing lines its notes get on paper
 * @property {string} [question]
 * @property {string} [group]
 * @property {number} [slot]
 * @property {number} [of]
 * @property {Option[]} [options]
 * @typedef {{title: string, heading: string, start: number, end: number, minutes: number,
 *            entries: Entry[]}} Section
 * @typedef {{key: string, label: string, signal: string, hire: string, no_hire: string,
 *            anchors?: Anchor[]}} Dimension
 * @typedef {{schema: string, version: number}} ExportFormat
 * @typedef {object} Card
 * @property {string} form "scorecard", "debrief" or "loop"
 * @property {string} playbook
 * @property {string} title
 * @property {number} duration
 * @property {string} [role] the playbook's role id ("" for the loop)
 * @property {string} [level] the playbook's level id ("" for the loop)
 * @property {string} [level_name]
 * @property {string} rubric_version
 * @property {ScalePoint[]} scale
 * @property {Point[]} recommendation
 * @property {Section[]} sections
 * @property {Dimension[]} dimensions
 * @property {number} interviewers rows per dimension on a debrief sheet
 * @property {string} draft_key the format of a draft's key: "{form}|{playbook}|{candidate}"
 * @property {string} question_key the format of a question entry's key: "q-{question}"
 * @property {ExportFormat} export what exports name as their format
 * @property {{minutes_per_line: number, min_lines: number}} [writing] paper's writing space
 * @typedef {Record<string, string | string[]>} Fields a form's values by field name
 */

/**
 * The lowest and highest score of the card's scale (1 to 5 if it has none).
 * @param {Card} card
 */
export function scaleRange(card) {
  const values = (card.scale || []).map((point) => Number(point.value)).filter((value) => !isNaN(value));
  if (!values.length) return { min: 1, max: 5 };
  return { min: Math.min(...values), max: Math.max(...values) };
}

/**
 * The writing lines a question of `minutes` gets on paper (as interview_playbooks/scorecard.py
 * gives them: one per `minutes_per_line`, never fewer than `min_lines`).
 * @param {Pick<Card, "writing">} card
 * @param {number} minutes
 */
export function writingLines(card, minutes) {
  const writing = card.writing || { minutes_per_line: 2, min_lines: 3 };
  return Math.max(writing.min_lines, Math.ceil((minutes || 0) / writing.minutes_per_line));
}

/**
 * A typed text field's value, without trailing space ("" for none or for a list).
 * @param {Fields} fields
 * @param {string} name
 */
export function textOf(fields, name) {
  const value = fields[name];
  return typeof value === "string" ? trimEnd(value) : "";
}

/**
 * An entry's title: a pool's names the questions ticked as asked, if any.
 * @param {Entry} entry
 * @param {Fields} fields
 */
export function entryTitle(entry, fields) {
  if (entry.kind !== "pool") return entry.title || "";
  const titles = askedOptions(entry, fields).map((option) => option.title);
  if (titles.length) return titles.join(" / ");
  return (entry.title || "") + ", question " + entry.slot + " of " + entry.of;
}

/**
 * The options of a pool ticked as asked, in the card's order (none for a question).
 * @param {Entry} entry
 * @param {Fields} fields
 * @returns {Option[]}
 */
export function askedOptions(entry, fields) {
  if (entry.kind !== "pool") return [];
  const value = fields[entry.key + ":asked"];
  const asked = Array.isArray(value) ? value : value ? [value] : [];
  return (entry.options || []).filter((option) => asked.includes(option.id));
}

/**
 * @typedef {{indicator: string, answer: string, option?: string}} Answer a hire indicator
 *   answered "yes" or "no"; for a pool, the id of the option it belongs to
 */

/**
 * The hire indicators answered, with their answer ("yes" or "no"): a question's own
 * (field "<key>:hire-<n>"), or for a pool those of each option ticked as asked
 * ("<key>:hire-<option id>-<n>").
 * @param {Entry} entry
 * @param {Fields} fields
 * @returns {Answer[]}
 */
export function hireAnswers(entry, fields) {
  /** @type {Answer[]} */
  const answers = [];
  /** @param {string} prefix @param {string[]} indicators @param {string} [option] */
  const add = (prefix, indicators, option) => indicators.forEach((indicator, index) => {
    const answer = fields[prefix + (index + 1)];
    if (answer !== "yes" && answer !== "no") return;
    answers.push(option ? { indicator, answer, option } : { indicator, answer });
  });
  if (entry.kind === "pool") {
    for (const option of askedOptions(entry, fields)) {
      add(entry.key + ":hire-" + option.id + "-", option.indicators || [], option.id);
    }
  } else {
    add(entry.key + ":hire-", entry.indicators || []);
  }
  return answers;
}

/**
 * A score field's value as a number (null when none is chosen).
 * @param {Fields} fields
 * @param {string} name
 */
export function scoreOf(fields, name) {
  const value = textOf(fields, name);
  if (value === "" || isNaN(Number(value))) return null;
  return Number(value);
}

/**
 * The label of a score on the card's scale ("Strong" for 4), "" for none or one the scale
 * does not have.
 * @param {Pick<Card, "scale">} card
 * @param {number | null} score
 */
export function scoreLabel(card, score) {
  if (score === null) return "";
  const point = (card.scale || []).find((item) => Number(item.value) === score);
  return point ? point.label : "";
}

/** What a question's flags say (issue 17): a score given without a note of evidence. */
export const SCORE_WITHOUT_NOTE = "score-without-note";

/**
 * What an entry's (or a rubric dimension's) values need looking at: `score-without-note`
 * when it is scored and its notes are empty. The on-screen notice, the exports and
 * submission (submission.mjs) all use this.
 * @param {{key: string}} entry
 * @param {Fields} fields
 * @returns {string[]}
 */
export function flagsOf(entry, fields) {
  const scored = scoreOf(fields, entry.key + ":score") !== null;
  return scored && !textOf(fields, entry.key + ":notes").trim() ? [SCORE_WITHOUT_NOTE] : [];
}

/**
 * @typedef {object} Asked one question of the card as filled in
 * @property {Entry} entry
 * @property {Section} section
 * @property {number} number its place on the card, from 1
 * @property {string} title what was asked (a pool's: the options ticked)
 * @property {Option[]} asked a pool's options ticked as asked
 * @property {number | null} score
 * @property {string} notes
 * @property {Answer[]} answers
 * @property {string[]} flags
 */

/**
 * Every question of the card with what was entered for it, in order: what the exports
 * write, each in its own way.
 * @param {Card} card
 * @param {Fields} fields
 * @returns {Asked[]}
 */
export function questionsOf(card, fields) {
  /** @type {Asked[]} */
  const questions = [];
  for (const section of card.sections || []) {
    for (const entry of section.entries || []) {
      questions.push({
        entry, section, number: questions.length + 1,
        title: entryTitle(entry, fields),
        asked: askedOptions(entry, fields),
        score: scoreOf(fields, entry.key + ":score"),
        notes: textOf(fields, entry.key + ":notes"),
        answers: hireAnswers(entry, fields),
        flags: flagsOf(entry, fields),
      });
    }
  }
  return questions;
}

/**
 * The ids of the signals an entry probes: a question's own; a pool's, those of the
 * options ticked as asked, or of all its options when none is, each id once.
 * @param {Entry} entry
 * @param {Fields} fields
 * @returns {string[]}
 */
export function signalsOf(entry, fields) {
  if (entry.kind !== "pool") return [...(entry.signals || [])];
  const asked = askedOptions(entry, fields);
  const options = asked.length ? asked : entry.options || [];
  return [...new Set(options.flatMap((option) => option.signals || []))];
}

/**
 * A debrief dimension's rows that have anything in them.
 * @param {Card} card
 * @param {Dimension} dimension
 * @param {Fields} fields
 */
export function debriefRows(card, dimension, fields) {
  const rows = [];
  const count = Number(card.interviewers) || 0;
  for (let n = 1; n <= count; n++) {
    const prefix = dimension.key + ":" + n + ":";
    const row = {
      row: n,
      interviewer: textOf(fields, prefix + "interviewer"),
      score: textOf(fields, prefix + "score"),
      evidence: textOf(fields, prefix + "evidence"),
    };
    if (row.interviewer || row.score || row.evidence) rows.push(row);
  }
  return rows;
}

/**
 * The label of the point `chosen` (an id) of a scale, or the id itself if the scale has
 * no such point.
 * @param {Point[]} points
 * @param {unknown} chosen
 */
export function pointLabel(points, chosen) {
  const found = (points || []).find((point) => point.id === chosen);
  return found ? found.label : chosen ? asText(chosen) || String(chosen) : "";
}

/*
 * Submitting a scorecard (issue 16 item 2, issue 17 item 4): what still blocks it, when the
 * overall recommendation may be chosen, and the record a submission is stamped into. The
 * one definition of these rules: the form (form.mjs) shows them, the tests check them.
 * Pure: a card and a form's values in, lists and records out.
 *
 * - The recommendation can be chosen only once every question and rubric dimension has a
 *   score: the score follows the evidence, the verdict follows the scores.
 * - Submission needs a candidate label, an interviewer's name, every score and the
 *   recommendation; a score with no evidence note does not block it, but is asked about.
 * - A submitted record is the JSON export (export.mjs) with `status` "submitted", the time
 *   and a checksum (core/checksum.mjs) of everything else in it.
 */

import { flagsOf, scoreOf, textOf } from "./card.mjs";
import { exportOf } from "./export.mjs";
import { checksumOf } from "../core/checksum.mjs";
import { plural } from "../core/text.mjs";

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */
/** @typedef {import("./export.mjs").Sheet} Sheet */

/**
 * @typedef {object} Scored one question or rubric dimension to score
 * @property {string} key its key on the card (its fields are "<key>:score", "<key>:notes")
 * @property {"question" | "dimension"} kind
 * @property {string} title
 */

/**
 * Every question (a pool's place counts as one) and rubric dimension of the card, in its
 * order: what must be scored before the recommendation.
 * @param {Card} card
 * @returns {Scored[]}
 */
export function scoredItems(card) {
  /** @type {Scored[]} */
  const items = [];
  for (const section of card.sections || []) {
    for (const entry of section.entries || []) {
      const title = entry.kind === "pool" ? (entry.title || "") + ", question " + entry.slot + " of " + entry.of
        : entry.title || "";
      items.push({ key: entry.key, kind: "question", title });
    }
  }
  for (const dimension of card.dimensions || []) {
    items.push({ key: dimension.key, kind: "dimension", title: dimension.label || "" });
  }
  return items;
}

/**
 * The questions and dimensions with no score yet.
 * @param {Card} card
 * @param {Fields} fields
 */
export function unscored(card, fields) {
  return scoredItems(card).filter((item) => scoreOf(fields, item.key + ":score") === null);
}

/**
 * Whether the recommendation may be chosen, and if not, why (for the line under it).
 * @param {Card} card
 * @param {Fields} fields
 * @returns {{open: boolean, left: number, reason: string}}
 */
export function recommendationGate(card, fields) {
  const left = unscored(card, fields).length;
  return { open: left === 0, left,
           reason: left ? "Score every question and dimension first: " + left + " left." : "" };
}

/**
 * @typedef {object} Problem something to do before submitting
 * @property {"candidate" | "interviewer" | "unscored" | "no-note" | "recommendation"} kind
 * @property {string} field the name of the field to go to
 * @property {string} text what to do, as a list item says it
 * @property {boolean} blocks false only for a score without a note (submitting anyway is
 *   allowed, after asking)
 */

/**
 * What stands between this form and its submission, in the form's order.
 * @param {Card} card
 * @param {Fields} fields
 * @returns {Problem[]}
 */
export function problemsOf(card, fields) {
  /** @type {Problem[]} */
  const problems = [];
  if (!textOf(fields, "candidate").trim()) {
    problems.push({ kind: "candidate", field: "candidate", text: "Type a candidate label.", blocks: true });
  }
  if (!textOf(fields, "interviewer").trim()) {
    problems.push({ kind: "interviewer", field: "interviewer", text: "Type the interviewer's name.", blocks: true });
  }
  for (const item of scoredItems(card)) {
    const what = (item.kind === "dimension" ? "rubric dimension " : "") + "\u201c" + item.title + "\u201d";
    if (scoreOf(fields, item.key + ":score") === null) {
      problems.push({ kind: "unscored", field: item.key + ":score", text: "Score " + what + ".", blocks: true });
    } else if (flagsOf(item, fields).length) {
      problems.push({ kind: "no-note", field: item.key + ":notes",
                      text: "Write the evidence for " + what + " (scored with no note).", blocks: false });
    }
  }
  if (!textOf(fields, "recommendation")) {
    const left = unscored(card, fields).length;
    problems.push({ kind: "recommendation", field: "recommendation", blocks: true,
                    text: "Choose the overall recommendation" +
                      (left ? " (once every question and dimension is scored)." : ".") });
  }
  return problems;
}

/**
 * A sentence on the problems: "3 things to do before submitting: …" or, with only notes
 * missing, a question.
 * @param {Problem[]} problems
 */
export function problemSummary(problems) {
  const blocking = problems.filter((problem) => problem.blocks).length;
  if (blocking) return "Not submitted: " + plural(blocking, "thing") + " to do first.";
  const notes = problems.length;
  return notes ? plural(notes, "score") + (notes === 1 ? " has" : " have") +
    " no evidence note. Submit anyway, or write the evidence first?" : "";
}

/**
 * The record a submission stores and every later download gives: the export at `now`,
 * stamped "submitted" with the time, then a checksum of all of it.
 * @param {Sheet} sheet
 * @param {Date} now
 * @returns {Record<string, unknown>}
 */
export function submittedRecord(sheet, now) {
  const record = exportOf(sheet, now);
  record.status = "submitted";
  record.submitted_at = now.toISOString();
  record.checksum = checksumOf(record);
  return record;
}

/**
 * Whether a stored value is a submitted record whose checksum still matches its contents.
 * @param {unknown} record
 */
export function verifies(record) {
  if (!record || typeof record !== "object" || Array.isArray(record)) return false;
  const value = /** @type {Record<string, unknown>} */ (record);
  return value.status === "submitted" && typeof value.checksum === "string" &&
    checksumOf(value) === value.checksum;
}

/**
 * The status line of a submitted record: "Submitted <local time> · rubric <version> ·
 * checksum <first 12 hex digits>".
 * @param {Record<string, unknown>} record
 * @param {(iso: string) => string} time how a time is shown (core/text.mjs formatTime)
 */
export function submittedLine(record, time) {
  const checksum = typeof record.checksum === "string" ? record.checksum.replace(/^sha256:/, "") : "";
  return "Submitted " + time(String(record.submitted_at || "")) + " \u00b7 rubric " +
    String(record.rubric_version || "") + " \u00b7 checksum " + checksum.slice(0, 12);
}

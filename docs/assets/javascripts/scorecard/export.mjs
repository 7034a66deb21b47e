/*
 * What a filled-in card exports: Markdown (in the feedback template's layout), plain text,
 * and JSON in the format schemas/scorecard-export.schema.json defines (the card names the
 * schema and its version: interview_playbooks/scorecard.py). Pure.
 */

import { debriefRows, entryTitle, hireAnswers, pointLabel, textOf } from "./card.mjs";
import { documentOf } from "./document.mjs";
import { toMarkdown } from "./markdown.mjs";
import { toPlainText } from "./plain-text.mjs";
import { slug } from "../core/text.mjs";

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */

/**
 * @typedef {object} Sheet a filled-in card
 * @property {Card} card
 * @property {Fields} fields
 * @property {string | null} draftVersion the rubric version the open draft was started on
 */

/** @param {Sheet} sheet */
export function markdownOf({ card, fields, draftVersion }) {
  return toMarkdown(documentOf(card, fields, draftVersion));
}

/** @param {Sheet} sheet */
export function plainTextOf({ card, fields, draftVersion }) {
  return toPlainText(documentOf(card, fields, draftVersion));
}

/** @param {string} value */
function score(value) {
  return value === "" ? null : Number(value);
}

/**
 * The export's entries: each question's score, notes and hire signals, then each rubric
 * dimension's score; a debrief's rows per dimension.
 * @param {Card} card
 * @param {Fields} fields
 */
function entries(card, fields) {
  if (card.form === "debrief") {
    return (card.dimensions || []).map((dimension) => ({
      key: dimension.key,
      title: dimension.label,
      rows: debriefRows(card, dimension, fields).map((row) => ({
        row: row.row, interviewer: row.interviewer, score: score(row.score), evidence: row.evidence,
      })),
    }));
  }
  return [
    ...(card.sections || []).flatMap((section) => (section.entries || []).map((entry) => ({
      key: entry.key,
      section: section.heading || section.title || "",
      title: entryTitle(entry, fields),
      score: score(textOf(fields, entry.key + ":score")),
      notes: textOf(fields, entry.key + ":notes"),
      hire_signals: hireAnswers(entry, fields),
    }))),
    ...(card.dimensions || []).map((dimension) => ({
      key: dimension.key, section: "Rubric", title: dimension.label,
      score: score(textOf(fields, dimension.key + ":score")),
    })),
  ];
}

/**
 * The JSON export (schemas/scorecard-export.schema.json).
 * @param {Sheet} sheet
 * @param {Date} now when it is exported
 * @returns {Record<string, unknown>}
 */
export function exportOf({ card, fields, draftVersion }, now) {
  /** @type {Record<string, unknown>} */
  const result = {
    $schema: card.export.schema,
    format_version: card.export.version,
    form: card.form,
    playbook: card.playbook,
    title: card.title || "",
    rubric_version: card.rubric_version,
    candidate: textOf(fields, "candidate"),
    exported_at: now.toISOString(),
    fields,
    entries: entries(card, fields),
  };
  if (draftVersion && draftVersion !== card.rubric_version) result.draft_rubric_version = draftVersion;
  if (card.form === "debrief") {
    result.decision = pointLabel(card.recommendation, fields.decision);
    result.rationale = textOf(fields, "rationale");
  } else {
    result.recommendation = pointLabel(card.recommendation, fields.recommendation);
    result.strengths = textOf(fields, "strengths");
    result.concerns = textOf(fields, "concerns");
    result.comments = textOf(fields, "comments");
  }
  return result;
}

/**
 * The download's file name: "<playbook>-<candidate>-<form>.json".
 * @param {Sheet} sheet
 */
export function exportName({ card, fields }) {
  return slug(card.playbook) + "-" + slug(textOf(fields, "candidate")) + "-" + slug(card.form) + ".json";
}

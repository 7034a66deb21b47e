/*
 * What a filled-in card exports: Markdown (in the feedback template's layout), plain text
 * (plain-text.mjs), and JSON in the format schemas/scorecard-export.schema.json defines
 * (the card names the schema and its version: interview_playbooks/scorecard.py; the
 * debrief reads it). Pure.
 */

import { debriefRows, flagsOf, pointLabel, questionsOf, scoreLabel, scoreOf, signalsOf, textOf } from "./card.mjs";
import { documentOf } from "./document.mjs";
import { toMarkdown } from "./markdown.mjs";
import { plainTextOf } from "./plain-text.mjs";
import { slug } from "../core/text.mjs";

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */

/**
 * @typedef {object} Sheet a filled-in card
 * @property {Card} card
 * @property {Fields} fields
 * @property {string | null} draftVersion the rubric version the open draft was started on
 * @property {Record<string, unknown> | null} [submitted] the submitted record, once submitted
 */

/** @param {Sheet} sheet */
export function markdownOf({ card, fields, draftVersion, submitted }) {
  return toMarkdown(documentOf(card, fields, draftVersion, submitted));
}

export { plainTextOf };

/**
 * A score and its label on the card's scale, as the export writes them.
 * @param {Card} card
 * @param {number | null} value
 */
function scored(card, value) {
  return { score: value, score_label: value === null ? null : scoreLabel(card, value) || null };
}

/**
 * The export's entries: each question with what was entered for it, then each rubric
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
        row: row.row, interviewer: row.interviewer, score: scoreOf({ score: row.score }, "score"),
        evidence: row.evidence,
      })),
    }));
  }
  return [
    ...questionsOf(card, fields).map(({ entry, section, title, asked, score, notes, answers, flags }) => {
      const pool = entry.kind === "pool";
      return {
        kind: pool ? "pool" : "question",
        key: entry.key,
        section: section.heading || section.title || "",
        title,
        question: pool ? (asked.length === 1 ? asked[0].id : null) : entry.question || null,
        ...(pool ? { asked: asked.map((option) => option.id) } : {}),
        minutes: typeof entry.minutes === "number" ? entry.minutes : null,
        signals: signalsOf(entry, fields),
        ...scored(card, score),
        notes,
        hire_signals: answers,
        flags,
      };
    }),
    ...(card.dimensions || []).map((dimension) => ({
      kind: "dimension", key: dimension.key, section: "Rubric", title: dimension.label,
      signal: dimension.signal || "",
      ...scored(card, scoreOf(fields, dimension.key + ":score")),
      notes: textOf(fields, dimension.key + ":notes"),
      flags: flagsOf(dimension, fields),
    })),
  ];
}

/**
 * The JSON export (schemas/scorecard-export.schema.json) of a draft: `status` "draft", no
 * submission time, no checksum (submission.mjs `submittedRecord` stamps those).
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
    role: card.role || "",
    level: card.level || "",
    level_name: card.level_name || "",
    rubric_version: card.rubric_version,
    candidate: textOf(fields, "candidate"),
    ...(card.form === "debrief" ? { facilitator: textOf(fields, "facilitator") }
      : { interviewer: textOf(fields, "interviewer") }),
    date: textOf(fields, "date"),
    exported_at: now.toISOString(),
    status: "draft",
    submitted_at: null,
    checksum: null,
    fields,
    entries: entries(card, fields),
  };
  if (draftVersion && draftVersion !== card.rubric_version) result.draft_rubric_version = draftVersion;
  if (card.form === "debrief") {
    result.decision = pointLabel(card.recommendation, fields.decision);
    result.rationale = textOf(fields, "rationale");
  } else {
    result.recommendation = pointLabel(card.recommendation, fields.recommendation);
    result.recommendation_id = textOf(fields, "recommendation");
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

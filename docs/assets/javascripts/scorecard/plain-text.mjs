/*
 * Plain-text export ("Copy as plain text"): for the fields that show text as it is (an
 * applicant tracking system's plain text box, an e-mail). No Markdown syntax, no emoji, no
 * box characters: a header block (who, when, which playbook, level, rubric version, status),
 * then one block per question and per rubric dimension, blank lines between, scores as
 * "4 / 5 (Strong)", hire indicators as "Yes: …" / "No: …" lines, notes after "Evidence:",
 * the overall evaluation and the recommendation in words.
 *
 * Contributor text from the card loses its formatting marks (a link keeps its label and,
 * if it is an http(s) URL, the address in brackets); what was typed is copied as typed.
 * Pure.
 */

import { debriefRows, pointLabel, questionsOf, scaleRange, scoreLabel, scoreOf, textOf }
  from "./card.mjs";
import { statusText, versionText } from "./document.mjs";
import { eachLink, webUrl } from "./markdown.mjs";

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */
/** @typedef {import("./export.mjs").Sheet} Sheet */

// Emoji and pictographs (and the variation selector that makes a character one), which a
// plain text field shows as boxes or not at all.
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D]/gu;
const CODE = /`([^`\n]+)`/g;
const STRONG = /\*\*(?=\S)([^\n]*?\S)\*\*/g;
const EMPHASIS = /(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)/g;

/**
 * One line of text (line breaks become spaces).
 * @param {string} value
 */
function oneLine(value) {
  return value.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * Contributor text without its formatting marks (as interview_playbooks/text.py `plain`
 * reads them), links as "label (address)" where the address is http(s), no emoji.
 * @param {unknown} value
 */
export function unformatted(value) {
  const text = eachLink(value, (part) => part, (label, raw) => {
    const url = webUrl(raw);
    return url ? label + " (" + url + ")" : label;
  });
  return oneLine(text.replace(CODE, "$1").replace(STRONG, "$1")
    .replace(EMPHASIS, (whole, star, underscore) => star || underscore)
    // What only looks like a link (its target is no URL) keeps no link syntax either.
    .replace(/\[([^[\]\n]*)\]\(/g, "$1 (")
    .replace(/\*\*|`/g, "").replace(PICTOGRAPHS, "").replace(/ {2,}/g, " "));
}

/**
 * A score as "4 / 5 (Strong)" (its label from the card's scale), or "not scored".
 * @param {Card} card
 * @param {number | null} score
 */
export function scoreText(card, score) {
  if (score === null) return "not scored";
  const label = scoreLabel(card, score);
  return score + " / " + scaleRange(card).max + (label ? " (" + label + ")" : "");
}

/**
 * "Label: text" for one line of typed text, or the label then the text's lines indented
 * under it; `none` when nothing was typed.
 * @param {string} label
 * @param {string} text
 * @param {string} [none]
 */
function written(label, text, none = "none written") {
  const lines = text.replace(/\s+$/, "").split(/\r\n|\r|\n/);
  if (!text.trim()) return label + ": " + none;
  if (lines.length === 1) return label + ": " + lines[0].trim();
  return label + ":\n" + lines.map((line) => "  " + line.replace(/\s+$/, "")).join("\n");
}

/**
 * The header block: who, when, which playbook at which level, on which rubric version.
 * @param {Sheet} sheet
 * @param {string} role "Interviewer" or "Facilitator"
 * @param {string} field its field name
 */
function header({ card, fields, draftVersion }, role, field) {
  const lines = [
    "Candidate: " + oneLine(textOf(fields, "candidate")),
    role + ": " + oneLine(textOf(fields, field)),
    "Date: " + oneLine(textOf(fields, "date")),
    "Playbook: " + unformatted(card.title || card.playbook),
  ];
  if (card.level_name) lines.push("Level: " + unformatted(card.level_name));
  const version = versionText(card, draftVersion).replace(/^rubric version /, "");
  lines.push("Rubric version: " + version);
  return lines.join("\n");
}

/**
 * An interviewer's scorecard (a playbook's, or the loop's).
 * @param {Sheet} sheet
 * @returns {string[]}
 */
function scorecard(sheet) {
  const { card, fields } = sheet;
  const blocks = [header(sheet, "Interviewer", "interviewer") + "\nStatus: " + statusText(sheet.submitted)];
  for (const question of questionsOf(card, fields)) {
    const { entry, section } = question;
    const lines = ["Question " + question.number + ": " + unformatted(question.title),
                   "Section: " + unformatted(section.heading || section.title || "") +
                     " (" + section.minutes + " min)"];
    if (entry.kind === "pool") {
      lines.push("Asked: " + (question.asked.length
        ? question.asked.map((option) => unformatted(option.title)).join("; ") : "not recorded"));
    }
    lines.push("Score: " + scoreText(card, question.score));
    const titles = new Map(question.asked.map((option) => [option.id, option.title]));
    for (const answer of question.answers) {
      const option = question.asked.length > 1 && answer.option
        ? " (" + unformatted(titles.get(answer.option) || "") + ")" : "";
      lines.push((answer.answer === "yes" ? "Yes: " : "No: ") + unformatted(answer.indicator) + option);
    }
    lines.push(written("Evidence", question.notes));
    blocks.push(lines.join("\n"));
  }
  for (const dimension of card.dimensions || []) {
    blocks.push("Rubric: " + unformatted(dimension.label) + "\n" +
                "Score: " + scoreText(card, scoreOf(fields, dimension.key + ":score")) + "\n" +
                written("Evidence", textOf(fields, dimension.key + ":notes")));
  }
  const recommendation = pointLabel(card.recommendation, fields.recommendation);
  blocks.push(["Overall evaluation",
               written("Strengths", textOf(fields, "strengths")),
               written("Concerns / gaps", textOf(fields, "concerns")),
               "Recommendation: " + (recommendation ? unformatted(recommendation) : "none chosen"),
               written("Final comments", textOf(fields, "comments"))].join("\n"));
  return blocks;
}

/**
 * A debrief sheet: each dimension's scores by interviewer, then the decision.
 * @param {Sheet} sheet
 * @returns {string[]}
 */
function debrief(sheet) {
  const { card, fields } = sheet;
  const blocks = [header(sheet, "Facilitator", "facilitator")];
  for (const dimension of card.dimensions || []) {
    const rows = debriefRows(card, dimension, fields);
    const lines = ["Rubric: " + unformatted(dimension.label)];
    if (!rows.length) lines.push("No scores recorded.");
    for (const row of rows) {
      lines.push((row.interviewer ? oneLine(row.interviewer) : "Interviewer " + row.row) + ": " +
                 scoreText(card, scoreOf({ score: row.score }, "score")));
      if (row.evidence) lines.push(written("  Evidence", row.evidence).replace(/\n {2}/g, "\n    "));
    }
    blocks.push(lines.join("\n"));
  }
  const decision = pointLabel(card.recommendation, fields.decision);
  blocks.push(["Decision: " + (decision ? unformatted(decision) : "none chosen"),
               written("Rationale", textOf(fields, "rationale"))].join("\n"));
  return blocks;
}

/**
 * The filled-in card as plain text.
 * @param {Sheet} sheet
 */
export function plainTextOf(sheet) {
  const blocks = sheet.card.form === "debrief" ? debrief(sheet) : scorecard(sheet);
  return blocks.join("\n\n") + "\n";
}

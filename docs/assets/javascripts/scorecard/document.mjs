/*
 * A filled-in card as a document: the feedback template's layout (who, when, which
 * playbook; each question's score, hire signals and notes; the rubric; the overall
 * evaluation), as blocks of text that say where each piece of text comes from. The
 * Markdown and plain-text exports render the same document (markdown.mjs, plain-text.mjs).
 * Pure.
 */

import { debriefRows, questionsOf, scaleRange, textOf } from "./card.mjs";
import { asText } from "../core/text.mjs";

/**
 * Text of a line: our own words (a string), contributor text from the card (`data`, which
 * may hold links), what was typed into the form (`typed`), or bold (`strong`).
 * @typedef {string | {data: string} | {typed: string} | {strong: Inline[]}} Inline
 * @typedef {Inline[]} Line
 * @typedef {{lines: Line[], body?: string}} Paragraph lines, then typed text of several lines
 * @typedef {{line: Line, body?: string}} Item
 * @typedef {{rule: true} | {heading: Line} | {note: string} | {items: Item[]} | Paragraph} Block
 */

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */
/** @typedef {import("./card.mjs").Point} Point */

/** @param {string} text @returns {Inline} */
const data = (text) => ({ data: text });
/** @param {string} text @returns {Inline} */
const typed = (text) => ({ typed: text });
/** @param {Inline[]} inner @returns {Inline} */
const strong = (...inner) => ({ strong: inner });

/**
 * A label, then typed text of several lines under it.
 * @param {string} label
 * @param {string} body
 * @returns {Paragraph}
 */
function labelled(label, body) {
  return { lines: [[strong(label)]], body };
}

/**
 * A scale's points as boxes, the chosen one ticked.
 * @param {string} label
 * @param {Point[]} points
 * @param {unknown} chosen
 * @returns {Paragraph}
 */
function choices(label, points, chosen) {
  return { lines: [[strong(label)], ...(points || []).map((point) =>
    [point.id === chosen ? "\u2611 " : "\u2610 ", data(point.label)])] };
}

/**
 * "rubric version 3f2a…", and the version the draft was started on if it differs.
 * @param {Card} card
 * @param {string | null} draftVersion
 */
export function versionText(card, draftVersion) {
  let text = "rubric version " + card.rubric_version;
  if (draftVersion && draftVersion !== card.rubric_version) {
    text += "; draft started on version " + draftVersion;
  }
  return text;
}

/**
 * Whether a scorecard was submitted, as its text copies say it: "Draft — not submitted",
 * or "Submitted <UTC time>, checksum sha256:…" (the submitted record's stamp).
 * @param {Record<string, unknown> | null | undefined} submitted
 */
export function statusText(submitted) {
  if (!submitted) return "Draft \u2014 not submitted";
  return "Submitted " + asText(submitted.submitted_at) + ", checksum " + asText(submitted.checksum);
}

/**
 * @param {Card} card
 * @param {Fields} fields
 * @param {string | null} draftVersion
 * @param {string} role
 * @param {string} field
 * @returns {Paragraph}
 */
function header(card, fields, draftVersion, role, field) {
  return { lines: [
    [strong("Candidate Name:"), " ", typed(textOf(fields, "candidate"))],
    [strong(role + ":"), " ", typed(textOf(fields, field))],
    [strong("Date:"), " ", typed(textOf(fields, "date"))],
    [strong("Playbook:"), " ", data(card.title || card.playbook), " (",
     typed(versionText(card, draftVersion)), ")"],
  ] };
}

/**
 * An interviewer's scorecard (a playbook's, or the loop's) as a document.
 * @param {Card} card
 * @param {Fields} fields
 * @param {string | null} draftVersion
 * @param {Record<string, unknown> | null} [submitted] its submitted record, once submitted
 * @returns {Block[]}
 */
function scorecard(card, fields, draftVersion, submitted) {
  const scale = scaleRange(card);
  const head = header(card, fields, draftVersion, "Interviewer Name", "interviewer");
  head.lines.push([strong("Status:"), " ", statusText(submitted)]);
  /** @type {Block[]} */
  const blocks = [head];
  const questions = questionsOf(card, fields);
  for (const section of card.sections || []) {
    const asked = questions.filter((question) => question.section === section);
    if (!asked.length) continue;
    blocks.push({ rule: true });
    blocks.push({ heading: [data(section.heading || section.title || ""), " (",
                            typed(asText(section.minutes)), " mins)"] });
    for (const question of asked) {
      /** @type {Line[]} */
      const lines = [
        [strong("Question " + question.number + ":"), " ", data(question.title)],
        [strong("Score (" + scale.min + "\u2013" + scale.max + "):"), " ",
         typed(textOf(fields, question.entry.key + ":score"))],
      ];
      if (question.answers.length) {
        // A pool's indicators are its options'; with several asked, each names its own.
        const titles = new Map(question.asked.map((option) => [option.id, option.title]));
        const named = question.asked.length > 1;
        lines.push([strong("Hire signals:"), " ", ...question.answers.flatMap((item, index) =>
          [...(index ? ["; "] : []),
           ...(named && item.option ? [data(titles.get(item.option) || ""), ": "] : []),
           data(item.indicator), " \u2014 ", typed(item.answer)])]);
      }
      lines.push([strong("Feedback:")]);
      blocks.push({ lines, body: question.notes });
    }
  }
  const dimensions = card.dimensions || [];
  if (dimensions.length) {
    blocks.push({ rule: true }, { heading: ["Rubric"] });
    for (const dimension of dimensions) {
      const score = textOf(fields, dimension.key + ":score");
      blocks.push({ lines: [[strong(data(dimension.label), ":"), " ", ...(score ? [typed(score), "/" + scale.max] : [])]],
                    body: textOf(fields, dimension.key + ":notes") });
    }
  }
  blocks.push({ rule: true }, { heading: ["\ud83e\uddfe Overall Evaluation:"] });
  blocks.push(labelled("Strengths:", textOf(fields, "strengths")));
  blocks.push(labelled("Concerns / Gaps:", textOf(fields, "concerns")));
  blocks.push(choices("Final Recommendation:", card.recommendation, fields.recommendation));
  blocks.push(labelled("Final Comments:", textOf(fields, "comments")));
  return blocks;
}

/**
 * A debrief sheet as a document: each dimension's scores by interviewer, the decision.
 * @param {Card} card
 * @param {Fields} fields
 * @param {string | null} draftVersion
 * @returns {Block[]}
 */
function debrief(card, fields, draftVersion) {
  const scale = scaleRange(card);
  /** @type {Block[]} */
  const blocks = [header(card, fields, draftVersion, "Facilitator", "facilitator"), { rule: true }];
  for (const dimension of card.dimensions || []) {
    blocks.push({ heading: [data(dimension.label)] });
    const rows = debriefRows(card, dimension, fields);
    if (!rows.length) {
      blocks.push({ note: "No scores recorded." });
      continue;
    }
    blocks.push({ items: rows.map((row) => ({
      line: [row.interviewer ? typed(row.interviewer) : "Interviewer " + row.row, ": ",
             row.score ? typed(row.score) : "\u2013", "/" + scale.max],
      body: row.evidence,
    })) });
  }
  blocks.push({ rule: true });
  blocks.push(choices("Final decision:", card.recommendation, fields.decision));
  blocks.push(labelled("Rationale:", textOf(fields, "rationale")));
  return blocks;
}

/**
 * The filled-in card as a document, in its form's layout.
 * @param {Card} card
 * @param {Fields} fields
 * @param {string | null} draftVersion the version the open draft was started on
 * @param {Record<string, unknown> | null} [submitted] a scorecard's submitted record
 */
export function documentOf(card, fields, draftVersion, submitted = null) {
  return card.form === "debrief" ? debrief(card, fields, draftVersion)
    : scorecard(card, fields, draftVersion, submitted);
}

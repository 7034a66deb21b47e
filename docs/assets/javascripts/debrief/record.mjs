/*
 * The decision record: one document per candidate (schemas/decision-record.schema.json)
 * with the loop, its rubric versions, every interviewer's scores and recommendation, the
 * disagreements and how they were resolved, the signals left without evidence and the
 * follow-up they call for, and the panel's decision with its rationale; and the same as
 * Markdown and as plain text. Pure: the page prints and downloads what these return.
 */

import { asText, slug } from "../core/text.mjs";
import { literal, literalBlock } from "../scorecard/markdown.mjs";
import { unformatted } from "../scorecard/plain-text.mjs";
import { formatScore, recommendationCounts, recommendationOf, rowsOf, missingInterviews }
  from "./panel.mjs";

/** @typedef {import("./verify.mjs").Debrief} Debrief */
/** @typedef {import("./state.mjs").State} State */

/**
 * @typedef {object} DecisionRecord
 * @property {string} $schema
 * @property {number} format_version
 * @property {"loop" | "playbook"} kind
 * @property {string} id
 * @property {string} title
 * @property {string} role
 * @property {string} level
 * @property {string} level_name
 * @property {string} candidate
 * @property {string} facilitator
 * @property {string} date
 * @property {string} recorded_at
 * @property {{playbook: string, title: string, rubric_version: string, run_by: string, focus: string[]}[]} interviews
 * @property {string[]} missing_interviews playbooks of the loop with no scorecard imported
 * @property {{interviewer: string, playbook: string, title: string, rubric_version: string,
 *   submitted_at: string, checksum: string, recommendation_id: string, recommendation: string,
 *   leans: string}[]} scorecards
 * @property {{id: string, name: string, scores: (number | null)[], spread: number | null,
 *   median: number | null, disagreement: boolean, no_evidence: boolean}[]} signals
 * @property {{hire: number, no_hire: number, neither: number, none: number}} recommendations
 * @property {{signal: string, name: string, spread: number, resolution: string}[]} disagreements
 * @property {{signal: string, name: string, follow_up: string}[]} no_evidence
 * @property {{id: string, label: string, leans: string, rationale: string}} decision
 */

/**
 * @param {Debrief} debrief
 * @param {State} state
 * @param {Date} now
 * @returns {DecisionRecord}
 */
export function recordOf(debrief, state, now) {
  const scorecards = state.scorecards;
  const rows = rowsOf(debrief, scorecards);
  const point = debrief.recommendation.find((p) => p.id === state.decision);
  return {
    $schema: debrief.record.schema,
    format_version: debrief.record.version,
    kind: debrief.kind,
    id: debrief.id,
    title: debrief.title,
    role: debrief.role,
    level: debrief.level,
    level_name: debrief.level_name,
    candidate: state.candidate,
    facilitator: state.facilitator,
    date: state.date,
    recorded_at: now.toISOString(),
    interviews: debrief.interviews.map((interview) => ({
      playbook: interview.playbook, title: interview.title,
      rubric_version: interview.rubric_version, run_by: interview.interviewer,
      focus: [...interview.focus],
    })),
    missing_interviews: missingInterviews(debrief, scorecards).map((interview) => interview.playbook),
    scorecards: scorecards.map((scorecard) => {
      const recommendation = recommendationOf(debrief, scorecard);
      return {
        interviewer: asText(scorecard.interviewer), playbook: asText(scorecard.playbook),
        title: asText(scorecard.title), rubric_version: asText(scorecard.rubric_version),
        submitted_at: asText(scorecard.submitted_at), checksum: asText(scorecard.checksum),
        recommendation_id: recommendation.id, recommendation: recommendation.label,
        leans: recommendation.leans,
      };
    }),
    signals: rows.map((row) => ({
      id: row.signal.id, name: row.signal.name, scores: row.cells.map((cell) => cell.score),
      spread: row.spread, median: row.median, disagreement: row.disagreement,
      no_evidence: row.noEvidence,
    })),
    recommendations: recommendationCounts(debrief, scorecards),
    disagreements: rows.filter((row) => row.disagreement).map((row) => ({
      signal: row.signal.id, name: row.signal.name, spread: Number(row.spread),
      resolution: state.resolutions[row.signal.id] || "",
    })),
    no_evidence: rows.filter((row) => row.noEvidence).map((row) => ({
      signal: row.signal.id, name: row.signal.name,
      follow_up: state.followups[row.signal.id] || "",
    })),
    decision: { id: point ? point.id : "", label: point ? point.label : "",
                leans: point ? point.leans : "", rationale: state.rationale },
  };
}

/**
 * The name of the n-th scorecard's interviewer, to head a column or a line.
 * @param {DecisionRecord} record
 * @param {number} n
 */
export function interviewerName(record, n) {
  const scorecard = record.scorecards[n];
  return (scorecard.interviewer.trim() || "Interviewer " + (n + 1));
}

/** @param {DecisionRecord["recommendations"]} counts */
export function countsText(counts) {
  const parts = [counts.hire + " hire", counts.no_hire + " no-hire"];
  if (counts.neither) parts.push(counts.neither + " neither way (with reservations)");
  if (counts.none) parts.push(counts.none + " without a recommendation");
  return parts.join(", ");
}

/** @param {string} text the text a person typed, on one line */
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The record as Markdown.
 * @param {DecisionRecord} record
 */
export function markdownOf(record) {
  const lines = [];
  lines.push("# Decision record: " + literal(record.candidate || "(no candidate)"), "");
  lines.push("- " + (record.kind === "loop" ? "Loop" : "Playbook") + ": " + literal(record.title) +
             " (" + literal(record.level_name) + ")");
  if (record.facilitator) lines.push("- Facilitator: " + literal(record.facilitator));
  if (record.date) lines.push("- Date: " + literal(record.date));
  lines.push("- Recorded: " + record.recorded_at, "");
  lines.push("## Interviews and rubric versions", "");
  for (const interview of record.interviews) {
    const missing = record.missing_interviews.includes(interview.playbook) ? " — no scorecard imported" : "";
    lines.push("- " + literal(interview.title) + ": rubric version " + literal(interview.rubric_version) + missing);
  }
  lines.push("", "## Scores", "");
  const names = record.scorecards.map((_, n) => literal(interviewerName(record, n)));
  lines.push("| Signal | " + names.join(" | ") + " | Spread | Median | Note |");
  lines.push("| --- |" + names.map(() => " ---: |").join("") + " ---: | ---: | --- |");
  for (const signal of record.signals) {
    lines.push("| " + literal(signal.name) + " | " +
               signal.scores.map((s) => formatScore(s)).join(" | ") + " | " +
               formatScore(signal.spread) + " | " + formatScore(signal.median) + " | " +
               noteOf(signal) + " |");
  }
  lines.push("", "## Recommendations", "");
  record.scorecards.forEach((scorecard, n) => {
    lines.push("- " + literal(interviewerName(record, n)) + " (" + literal(scorecard.title) + "): " +
               (literal(scorecard.recommendation) || "none"));
  });
  lines.push("", "Mechanical summary (not the decision): median per signal above; " +
             countsText(record.recommendations) + ".", "");
  lines.push("## Disagreements and how they were resolved", "");
  if (!record.disagreements.length) lines.push("None: no signal's scores are two points or more apart.");
  for (const d of record.disagreements) {
    lines.push("- " + literal(d.name) + " (spread " + formatScore(d.spread) + "): " +
               (literal(d.resolution) || "not recorded"));
  }
  lines.push("", "## Signals without evidence", "");
  if (!record.no_evidence.length) lines.push("None: every signal has evidence.");
  for (const s of record.no_evidence) {
    lines.push("- " + literal(s.name) + ": follow-up " + (literal(s.follow_up) || "none recorded"));
  }
  lines.push("", "## Decision", "");
  lines.push("**" + (literal(record.decision.label) || "Not decided") + "**", "");
  lines.push("Rationale:", "", literalBlock(record.decision.rationale.trim()) || "Not recorded.", "");
  return lines.join("\n");
}

/** @param {DecisionRecord["signals"][number]} signal */
function noteOf(signal) {
  const notes = [];
  if (signal.disagreement) notes.push("disagreement");
  if (signal.no_evidence) notes.push("no evidence");
  return notes.join(", ");
}

/**
 * The record as plain text (an email, a ticket): the same contents, no markup.
 * @param {DecisionRecord} record
 */
export function plainTextOf(record) {
  const lines = [];
  const title = "Decision record: " + oneLine(record.candidate || "(no candidate)");
  lines.push(title, "=".repeat(Math.min(title.length, 72)), "");
  lines.push((record.kind === "loop" ? "Loop: " : "Playbook: ") + unformatted(record.title) +
             " (" + oneLine(record.level_name) + ")");
  if (record.facilitator) lines.push("Facilitator: " + oneLine(record.facilitator));
  if (record.date) lines.push("Date: " + oneLine(record.date));
  lines.push("Recorded: " + record.recorded_at, "", "INTERVIEWS AND RUBRIC VERSIONS");
  for (const interview of record.interviews) {
    const missing = record.missing_interviews.includes(interview.playbook) ? " (no scorecard imported)" : "";
    lines.push("  " + unformatted(interview.title) + ": rubric version " + interview.rubric_version + missing);
  }
  lines.push("", "SCORES");
  for (const signal of record.signals) {
    const note = noteOf(signal);
    lines.push("  " + oneLine(signal.name) + ": spread " + formatScore(signal.spread) +
               ", median " + formatScore(signal.median) + (note ? " (" + note + ")" : ""));
    signal.scores.forEach((score, n) => {
      lines.push("    " + oneLine(interviewerName(record, n)) + ": " + formatScore(score));
    });
  }
  lines.push("", "RECOMMENDATIONS");
  record.scorecards.forEach((scorecard, n) => {
    lines.push("  " + oneLine(interviewerName(record, n)) + " (" + unformatted(scorecard.title) + "): " +
               (oneLine(scorecard.recommendation) || "none"));
  });
  lines.push("  Mechanical summary (not the decision): " + countsText(record.recommendations) + ".");
  lines.push("", "DISAGREEMENTS AND HOW THEY WERE RESOLVED");
  if (!record.disagreements.length) lines.push("  None.");
  for (const d of record.disagreements) {
    lines.push("  " + oneLine(d.name) + " (spread " + formatScore(d.spread) + "): " +
               (oneLine(d.resolution) || "not recorded"));
  }
  lines.push("", "SIGNALS WITHOUT EVIDENCE");
  if (!record.no_evidence.length) lines.push("  None.");
  for (const s of record.no_evidence) {
    lines.push("  " + oneLine(s.name) + ": follow-up " + (oneLine(s.follow_up) || "none recorded"));
  }
  lines.push("", "DECISION", "  " + (oneLine(record.decision.label) || "Not decided"),
             "  Rationale:", ...(record.decision.rationale.trim() || "not recorded").split(/\r\n|\r|\n/)
               .map((line) => "    " + line.trim()), "");
  return lines.join("\n");
}

/**
 * The download's file name: "<loop or playbook>-<candidate>-decision.<ext>".
 * @param {DecisionRecord} record
 * @param {string} extension
 */
export function recordName(record, extension) {
  return slug(record.id) + "-" + slug(record.candidate) + "-decision." + extension;
}

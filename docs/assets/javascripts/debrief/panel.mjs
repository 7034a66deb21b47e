/*
 * The panel's scorecards side by side: each interviewer's evidence and score per signal,
 * each signal's spread, where the panel disagrees or nobody gathered evidence, and the
 * mechanical summary (median per signal, hire and no-hire recommendations). Pure.
 *
 * The rule for one interviewer's score on a signal (the page states it): their rubric
 * dimension for that signal, if they scored it; else the median of their scores on the
 * questions that probe it; else none. Their evidence for it: the dimension's notes, then
 * the notes of each question that probes it.
 */

import { asText } from "../core/text.mjs";

/** @typedef {import("./verify.mjs").Debrief} Debrief */
/** @typedef {import("./verify.mjs").Scorecard} Scorecard */

/**
 * @typedef {object} Evidence one piece of an interviewer's evidence on a signal
 * @property {string} source "Rubric" or the question's title
 * @property {string} text
 */

/**
 * @typedef {object} Cell one interviewer on one signal
 * @property {number | null} score
 * @property {"dimension" | "questions" | ""} from where the score comes from
 * @property {Evidence[]} evidence
 */

/**
 * @typedef {object} Row one signal across the panel
 * @property {import("./verify.mjs").Signal} signal
 * @property {Cell[]} cells one per scorecard, in the panel's order
 * @property {number | null} spread highest score less lowest
 * @property {number | null} median
 * @property {boolean} disagreement
 * @property {boolean} noEvidence nobody wrote evidence for it
 */

/**
 * The median of some numbers, or null if there are none.
 * @param {number[]} values
 */
export function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** @param {unknown} value */
function scoreOf(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** @param {Scorecard} scorecard */
function entriesOf(scorecard) {
  return Array.isArray(scorecard.entries) ? scorecard.entries.filter((e) => e && typeof e === "object") : [];
}

/** @param {Record<string, any>} entry @param {string} signal */
function probes(entry, signal) {
  return (entry.kind === "question" || entry.kind === "pool") &&
    Array.isArray(entry.signals) && entry.signals.includes(signal);
}

/**
 * One interviewer's score and evidence on a signal.
 * @param {Scorecard} scorecard
 * @param {string} signal
 * @returns {Cell}
 */
export function cellOf(scorecard, signal) {
  const entries = entriesOf(scorecard);
  const dimension = entries.find((e) => e.kind === "dimension" && e.signal === signal);
  const questions = entries.filter((e) => probes(e, signal));
  /** @type {Evidence[]} */
  const evidence = [];
  const dimensionNotes = dimension ? asText(dimension.notes).trim() : "";
  if (dimensionNotes) evidence.push({ source: "Rubric", text: dimensionNotes });
  for (const question of questions) {
    const notes = asText(question.notes).trim();
    if (notes) evidence.push({ source: asText(question.title) || asText(question.question), text: notes });
  }
  const own = dimension ? scoreOf(dimension.score) : null;
  if (own !== null) return { score: own, from: "dimension", evidence };
  const probed = median(questions.map((q) => scoreOf(q.score)).filter((s) => s !== null)
    .map(Number));
  return { score: probed, from: probed === null ? "" : "questions", evidence };
}

/**
 * Every signal of the debrief across the panel's scorecards.
 * @param {Debrief} debrief
 * @param {Scorecard[]} scorecards
 * @returns {Row[]}
 */
export function rowsOf(debrief, scorecards) {
  return debrief.signals.map((signal) => {
    const cells = scorecards.map((scorecard) => cellOf(scorecard, signal.id));
    const scores = cells.map((cell) => cell.score).filter((s) => s !== null).map(Number);
    const spread = scores.length ? Math.max(...scores) - Math.min(...scores) : null;
    return {
      signal, cells, spread, median: median(scores),
      disagreement: spread !== null && spread >= debrief.disagreement,
      noEvidence: cells.every((cell) => !cell.evidence.length),
    };
  });
}

/**
 * A scorecard's overall recommendation, on the debrief's scale.
 * @param {Debrief} debrief
 * @param {Scorecard} scorecard
 * @returns {{id: string, label: string, leans: string}}
 */
export function recommendationOf(debrief, scorecard) {
  const id = asText(scorecard.recommendation_id);
  const point = debrief.recommendation.find((p) => p.id === id);
  if (point) return point;
  return { id: "", label: asText(scorecard.recommendation), leans: "" };
}

/**
 * How many recommendations lean each way.
 * @param {Debrief} debrief
 * @param {Scorecard[]} scorecards
 */
export function recommendationCounts(debrief, scorecards) {
  const counts = { hire: 0, no_hire: 0, neither: 0, none: 0 };
  for (const scorecard of scorecards) {
    const point = recommendationOf(debrief, scorecard);
    if (!point.id) counts.none += 1;
    else if (point.leans === "hire") counts.hire += 1;
    else if (point.leans === "no-hire") counts.no_hire += 1;
    else counts.neither += 1;
  }
  return counts;
}

/**
 * A score as the page writes it: "4", "3.5", or "—" for none.
 * @param {number | null} value
 */
export function formatScore(value) {
  if (value === null) return "\u2014";
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Which interviews of the loop have no scorecard yet.
 * @param {Debrief} debrief
 * @param {Scorecard[]} scorecards
 */
export function missingInterviews(debrief, scorecards) {
  return debrief.interviews.filter((interview) =>
    !scorecards.some((scorecard) => scorecard.playbook === interview.playbook));
}

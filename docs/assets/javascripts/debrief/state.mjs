/*
 * A debrief's state, as the page keeps it in storage: the imported scorecards, whether the
 * scores are revealed, and the panel's decision. Pure: the page module reads and writes it.
 */

import { asText, isObject } from "../core/text.mjs";
import { describe, sameName } from "./verify.mjs";

/** @typedef {import("./verify.mjs").Scorecard} Scorecard */
/** @typedef {import("./verify.mjs").Verdict} Verdict */

/**
 * @typedef {object} State
 * @property {1} version
 * @property {string} candidate "" until the first scorecard names one
 * @property {Scorecard[]} scorecards in the order they were imported
 * @property {boolean} revealed
 * @property {string} facilitator
 * @property {string} date
 * @property {string} decision the id of a point of the recommendation scale, or ""
 * @property {string} rationale
 * @property {Record<string, string>} resolutions how each disagreement was resolved, by signal id
 * @property {Record<string, string>} followups the follow-up each signal without evidence calls for
 */

/** @returns {State} */
export function emptyState() {
  return { version: 1, candidate: "", scorecards: [], revealed: false, facilitator: "", date: "",
           decision: "", rationale: "", resolutions: {}, followups: {} };
}

/** @param {unknown} value @returns {Record<string, string>} */
function texts(value) {
  /** @type {Record<string, string>} */
  const result = {};
  if (!isObject(value)) return result;
  for (const key of Object.keys(value)) if (typeof value[key] === "string") result[key] = value[key];
  return result;
}

/**
 * A stored value as a state (what does not fit is dropped, never trusted).
 * @param {unknown} value
 * @returns {State}
 */
export function stateFrom(value) {
  const state = emptyState();
  if (!isObject(value) || value.version !== 1) return state;
  state.candidate = asText(value.candidate);
  state.scorecards = Array.isArray(value.scorecards) ? value.scorecards.filter(isObject) : [];
  state.revealed = value.revealed === true;
  state.facilitator = asText(value.facilitator);
  state.date = asText(value.date);
  state.decision = asText(value.decision);
  state.rationale = asText(value.rationale);
  state.resolutions = texts(value.resolutions);
  state.followups = texts(value.followups);
  return state;
}

/** @param {Scorecard} a @param {Scorecard} b */
function sameSlot(a, b) {
  return a.playbook === b.playbook && sameName(a.interviewer) === sameName(b.interviewer) &&
    sameName(a.candidate) === sameName(b.candidate);
}

/**
 * `scorecards` with the accepted ones of `verdicts` added: the same file twice counts once;
 * a later submission of the same interviewer's scorecard for the same interview and
 * candidate replaces the earlier one. Returns what happened to each, to tell the reader.
 * @param {Scorecard[]} scorecards
 * @param {Verdict[]} verdicts
 * @returns {{scorecards: Scorecard[], added: string[], skipped: string[]}}
 */
export function mergeScorecards(scorecards, verdicts) {
  const result = [...scorecards];
  const added = [], skipped = [];
  for (const verdict of verdicts) {
    if (!verdict.ok) continue;
    const scorecard = verdict.scorecard;
    if (result.some((one) => one.checksum === scorecard.checksum)) {
      skipped.push(describe(scorecard) + ": already imported (the same scorecard counts once)");
      continue;
    }
    const earlier = result.findIndex((one) => sameSlot(one, scorecard));
    if (earlier >= 0) {
      if (asText(result[earlier].submitted_at) > asText(scorecard.submitted_at)) {
        skipped.push(describe(scorecard) + ": an earlier submission than the one imported; kept the later");
        continue;
      }
      result[earlier] = scorecard;
      added.push(describe(scorecard) + " (a later submission, replacing the earlier one)");
    } else {
      result.push(scorecard);
      added.push(describe(scorecard));
    }
  }
  return { scorecards: result, added, skipped };
}

/**
 * The state with the accepted scorecards of `verdicts` added (`mergeScorecards`); the first
 * names the debrief's candidate.
 * @param {State} state
 * @param {Verdict[]} verdicts
 * @returns {{state: State, added: string[], skipped: string[]}}
 */
export function addScorecards(state, verdicts) {
  const { scorecards, added, skipped } = mergeScorecards(state.scorecards, verdicts);
  const candidate = state.candidate || (scorecards.length ? asText(scorecards[0].candidate).trim() : "");
  return { state: { ...state, candidate, scorecards }, added, skipped };
}

/**
 * The state without one scorecard (by checksum).
 * @param {State} state
 * @param {string} checksum
 * @returns {State}
 */
export function removeScorecard(state, checksum) {
  const scorecards = state.scorecards.filter((one) => one.checksum !== checksum);
  return { ...state, scorecards, candidate: scorecards.length ? state.candidate : "" };
}

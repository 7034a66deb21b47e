/*
 * Calibration: how each interviewer scores against the rest of the panel, from the
 * submitted scorecards of many candidates. Pure: the page module (calibration.mjs) shows it.
 *
 * An interviewer is the name they typed on their scorecards, compared as the debrief
 * compares names (`sameName`); a candidate likewise. Their score on a signal is the
 * debrief's (`cellOf`: the rubric dimension, else the median of the questions probing it).
 *
 * The offset of an interviewer on a signal: over the candidates they scored on it whom
 * someone else scored on it too, the mean of (their score − the mean of the others' scores
 * on that candidate and signal). Their overall offset pools every such comparison across
 * signals. It is a lean, measured on the candidates they happened to meet: a prompt for a
 * conversation, never a verdict (the page says so).
 */

import { asText } from "../core/text.mjs";
import { cellOf } from "./panel.mjs";
import { sameName, verifySubmission } from "./verify.mjs";

/** @typedef {import("./verify.mjs").Scorecard} Scorecard */
/** @typedef {import("./verify.mjs").Verdict} Verdict */

/**
 * @typedef {object} Calibration the page's data (interview_playbooks/debrief.py `calibration`)
 * @property {{playbook: string, title: string, rubric_version: string, focus: string[]}[]} playbooks
 * @property {{id: string, name: string}[]} signals
 * @property {{value: number, label: string}[]} scale
 * @property {import("./verify.mjs").Debrief["accepts"]} accepts
 * @property {{leniency: number, comparable: number, same_score: number}} rules
 * @property {{page: string}} storage
 */

/**
 * @typedef {object} Offset
 * @property {number | null} offset null without a single comparison
 * @property {number} comparisons candidates (per signal) someone else scored too
 */

/**
 * @typedef {Offset & {n: number, mean: number | null}} SignalCell one interviewer on one signal
 */

/**
 * @typedef {object} Interviewer one interviewer across the imported scorecards
 * @property {string} name as they typed it first
 * @property {number} scorecards
 * @property {number} candidates
 * @property {Record<string, SignalCell>} signals by signal id
 * @property {number[]} counts how many of their scores fell on each point of the scale
 * @property {number} between scores between two points (a median of two question scores)
 * @property {number} n every score they gave, on every signal
 * @property {number | null} mean
 * @property {number | null} offset overall, pooling every signal's comparisons
 * @property {number} comparisons
 * @property {"lenient" | "severe" | "in-line" | "too-few"} lean
 * @property {number | null} same the one point all their scores are on (at least rules.same_score)
 */

/**
 * Whether `value` is a submitted scorecard the calibration takes: intact, of a playbook this
 * site has, naming its candidate and interviewer. Unlike the debrief, any candidate and any
 * playbook; a changed rubric version is accepted (see `rubricChanged`).
 * @param {unknown} value
 * @param {Calibration} data
 * @returns {Verdict}
 */
export function verifyForCalibration(value, data) {
  const verdict = verifySubmission(value, data.accepts);
  if (!verdict.ok) return verdict;
  const scorecard = verdict.scorecard;
  /** @param {string} code @param {string} reason @returns {Verdict} */
  const refuse = (code, reason) => ({ ok: false, code, reason, scorecard });
  if (!data.playbooks.some((one) => one.playbook === scorecard.playbook)) {
    return refuse("playbook", "the scorecard of a playbook this site does not have (" +
                  JSON.stringify(asText(scorecard.playbook)) + ")");
  }
  if (!sameName(scorecard.candidate)) return refuse("no-candidate", "it names no candidate");
  if (!sameName(scorecard.interviewer)) return refuse("no-interviewer", "it names no interviewer");
  return verdict;
}

/**
 * Whether a scorecard was scored on another version of its playbook's rubric than this
 * site's (it still counts; the page marks it).
 * @param {Scorecard} scorecard
 * @param {Calibration} data
 */
export function rubricChanged(scorecard, data) {
  const playbook = data.playbooks.find((one) => one.playbook === scorecard.playbook);
  return Boolean(playbook) && scorecard.rubric_version !== playbook?.rubric_version;
}

/** @param {number[]} values */
function mean(values) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Rounded to thousandths, so that 0.75 computed is 0.75 compared. @param {number} value */
function tidy(value) {
  return Math.round(value * 1000) / 1000;
}

/**
 * Every interviewer's scores, spread and offset per signal, from the imported scorecards.
 * @param {Calibration} data
 * @param {Scorecard[]} scorecards
 * @returns {{signals: Calibration["signals"], interviewers: Interviewer[]}}
 */
export function calibrate(data, scorecards) {
  /** @type {Map<string, {name: string, scorecards: number, candidates: Set<string>}>} */
  const people = new Map();
  // score[signal][candidate][interviewer] = their scores (two interviews of one candidate: both)
  /** @type {Map<string, Map<string, Map<string, number[]>>>} */
  const score = new Map(data.signals.map((signal) => [signal.id, new Map()]));
  for (const scorecard of scorecards) {
    const who = sameName(scorecard.interviewer), candidate = sameName(scorecard.candidate);
    const person = people.get(who) || { name: asText(scorecard.interviewer).trim(), scorecards: 0,
                                        candidates: new Set() };
    person.scorecards += 1;
    person.candidates.add(candidate);
    people.set(who, person);
    for (const signal of data.signals) {
      const cell = cellOf(scorecard, signal.id);
      if (cell.score === null) continue;
      const bySignal = /** @type {Map<string, Map<string, number[]>>} */ (score.get(signal.id));
      const byCandidate = bySignal.get(candidate) || new Map();
      bySignal.set(candidate, byCandidate);
      byCandidate.set(who, [...(byCandidate.get(who) || []), cell.score]);
    }
  }
  const rules = data.rules;
  const points = data.scale.map((point) => point.value);
  /** @type {Interviewer[]} */
  const interviewers = [];
  for (const [who, person] of people) {
    /** @type {Record<string, SignalCell>} */
    const signals = {};
    /** @type {number[]} */
    const all = [], differences = [];
    for (const signal of data.signals) {
      /** @type {number[]} */
      const mine = [], diffs = [];
      for (const byCandidate of /** @type {Map<string, Map<string, number[]>>} */ (score.get(signal.id)).values()) {
        const own = byCandidate.get(who);
        if (!own) continue;
        mine.push(...own);
        const others = [...byCandidate].filter(([other]) => other !== who)
          .map(([, values]) => /** @type {number} */ (mean(values)));
        if (others.length) diffs.push(/** @type {number} */ (mean(own)) - /** @type {number} */ (mean(others)));
      }
      if (!mine.length) continue;
      all.push(...mine);
      differences.push(...diffs);
      const offset = mean(diffs);
      signals[signal.id] = { n: mine.length, mean: mean(mine), offset: offset === null ? null : tidy(offset),
                             comparisons: diffs.length };
    }
    const overall = mean(differences);
    const offset = overall === null ? null : tidy(overall);
    const comparisons = differences.length;
    /** @type {Interviewer["lean"]} */
    let lean = "too-few";
    if (offset !== null && comparisons >= rules.comparable) {
      lean = offset >= rules.leniency ? "lenient" : offset <= -rules.leniency ? "severe" : "in-line";
    }
    const same = all.length >= rules.same_score && all.every((s) => s === all[0]) ? all[0] : null;
    interviewers.push({
      name: person.name, scorecards: person.scorecards, candidates: person.candidates.size, signals,
      counts: points.map((point) => all.filter((s) => s === point).length),
      between: all.filter((s) => !points.includes(s)).length,
      n: all.length, mean: mean(all), offset, comparisons, lean, same,
    });
  }
  interviewers.sort((a, b) => sameName(a.name).localeCompare(sameName(b.name)));
  const scored = data.signals.filter((signal) => interviewers.some((one) => signal.id in one.signals));
  return { signals: scored, interviewers };
}

/**
 * An offset as the page writes it, with its sign: "+1.2", "−0.5", "0.0"; "—" for none.
 * @param {number | null} value
 */
export function formatOffset(value) {
  if (value === null) return "\u2014";
  const text = Math.abs(value).toFixed(1);
  if (text === "0.0") return "0.0";
  return (value > 0 ? "+" : "\u2212") + text;
}

/**
 * An interviewer's lean in words, with what it rests on.
 * @param {Interviewer} interviewer
 * @param {Calibration["rules"]} rules
 */
export function leanText(interviewer, rules) {
  const on = interviewer.comparisons === 1 ? "1 comparison" : interviewer.comparisons + " comparisons";
  const offset = formatOffset(interviewer.offset);
  if (interviewer.lean === "too-few") {
    return "too few to tell: " + on + " with the rest of the panel (" + rules.comparable + " needed)";
  }
  const size = formatOffset(Math.abs(interviewer.offset || 0)).replace("+", "");
  if (interviewer.lean === "lenient") {
    return "lenient: " + size + " points above the rest of the panel on average, over " + on;
  }
  if (interviewer.lean === "severe") {
    return "severe: " + size + " points below the rest of the panel on average, over " + on;
  }
  return "in line with the panel: " + offset + " over " + on;
}

/**
 * An interviewer's scores per point, e.g. "1: 0 · 2: 0 · 3: 1 · 4: 5 · 5: 0".
 * @param {Interviewer} interviewer
 * @param {Calibration["scale"]} scale
 */
export function distributionText(interviewer, scale) {
  const parts = scale.map((point, n) => point.value + ": " + interviewer.counts[n]);
  if (interviewer.between) parts.push("between points: " + interviewer.between);
  return parts.join(" \u00b7 ");
}

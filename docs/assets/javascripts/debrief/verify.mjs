/*
 * Whether an imported file is a submitted scorecard this debrief takes: read it, check what
 * it is, that it was submitted and not changed since (its checksum), and that it belongs
 * here (this loop's or playbook's interviews, at the rubric version this site has, for
 * this candidate). Every refusal carries the reason the page shows. Pure.
 *
 * The format is the submitted scorecard (schemas/scorecard-export.schema.json, version 3);
 * the debrief data (interview_playbooks/debrief.py) says which version, form and status it
 * takes.
 */

import { checksumOf } from "../core/checksum.mjs";
import { parse } from "../core/storage.mjs";
import { asText, isObject, quoted } from "../core/text.mjs";

/**
 * @typedef {object} Interview one interview of the loop (a playbook's debrief has one)
 * @property {string} playbook
 * @property {string} title
 * @property {string} rubric_version
 * @property {number} duration
 * @property {string[]} focus the signals it is accountable for
 * @property {string} interviewer who runs it, as a description
 * @property {string} note
 */

/**
 * @typedef {object} Signal
 * @property {string} id
 * @property {string} name
 * @property {number[]} accountable indexes of the interviews accountable for it
 * @property {string} hire
 * @property {string} no_hire
 * @property {{score: number, text: string}[]} anchors
 */

/**
 * @typedef {object} Debrief what a debrief page is about (interview_playbooks/debrief.py)
 * @property {"loop" | "playbook"} kind
 * @property {string} id
 * @property {string} title
 * @property {string} role
 * @property {string} level
 * @property {string} level_name
 * @property {Interview[]} interviews
 * @property {Signal[]} signals
 * @property {{value: number, label: string}[]} scale
 * @property {{id: string, label: string, leans: string}[]} recommendation
 * @property {{schema: string, format_version: number, form: string, status: string}} accepts
 * @property {number} disagreement points of spread that make a disagreement
 * @property {{page: string, state: string}} storage
 * @property {{schema: string, version: number}} record
 */

/**
 * @typedef {Record<string, any>} Scorecard a submitted scorecard, as exported
 * @typedef {{ok: true, scorecard: Scorecard}
 *   | {ok: false, reason: string, code: string, scorecard?: Scorecard}} Verdict
 */

/**
 * Names compared as a person would: case, accents' composition and runs of spaces aside.
 * @param {unknown} name
 */
export function sameName(name) {
  return asText(name).normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/** @param {string} code @param {string} reason @param {Scorecard} [scorecard] @returns {Verdict} */
function refuse(code, reason, scorecard) {
  return scorecard ? { ok: false, code, reason, scorecard } : { ok: false, code, reason };
}

/**
 * The JSON values a file holds: one export, or a list of them (a paste of several).
 * @param {string} text
 * @returns {{ok: true, values: unknown[]} | {ok: false}}
 */
export function readValues(text) {
  try {
    const value = parse(text.replace(/^\uFEFF/, ""));
    return { ok: true, values: Array.isArray(value) ? value : [value] };
  } catch (error) {
    return { ok: false };
  }
}

/**
 * Whether `value` is a submitted scorecard, intact, of the format `accepts` names: what
 * every page that imports scorecards checks first (the debrief, the calibration page).
 * @param {unknown} value
 * @param {Debrief["accepts"]} accepts
 * @returns {Verdict}
 */
export function verifySubmission(value, accepts) {
  if (!isObject(value) || value.$schema !== accepts.schema) {
    return refuse("not-export", "not a scorecard export (no scorecard's JSON format in it)");
  }
  const scorecard = /** @type {Scorecard} */ (value);
  if (scorecard.format_version !== accepts.format_version) {
    return refuse("format", "an export of format version " + asText(scorecard.format_version) +
                  ", from before scorecards were submitted: ask its interviewer to submit it again " +
                  "from the scorecard and send the new file");
  }
  if (scorecard.status !== accepts.status) {
    return refuse("draft", "a draft, not a submitted scorecard: ask its interviewer to press " +
                  "Submit on the scorecard and send the file it saves", scorecard);
  }
  if (typeof scorecard.checksum !== "string" || checksumOf(scorecard) !== scorecard.checksum) {
    return refuse("checksum", "checksum mismatch: the file was changed after it was submitted " +
                  "(or damaged on the way); ask its interviewer for the file again", scorecard);
  }
  if (scorecard.form !== accepts.form) {
    return refuse("form", "not a playbook's scorecard (a " + quoted(asText(scorecard.form)) +
                  " form); only the scorecards of this page's interviews count", scorecard);
  }
  return { ok: true, scorecard };
}

/**
 * Whether `value` is a submitted scorecard of this debrief.
 * @param {unknown} value
 * @param {Debrief} debrief
 * @param {{candidate: string}} context the debrief's candidate ("" until the first file)
 * @returns {Verdict}
 */
export function verify(value, debrief, context) {
  const submission = verifySubmission(value, debrief.accepts);
  if (!submission.ok) return submission;
  const scorecard = submission.scorecard;
  const interview = debrief.interviews.find((one) => one.playbook === scorecard.playbook);
  if (!interview) {
    return refuse("playbook", "not in this " + (debrief.kind === "loop" ? "loop" : "playbook") +
                  ": it is the scorecard of " + quoted(asText(scorecard.title) || asText(scorecard.playbook)),
                  scorecard);
  }
  if (scorecard.rubric_version !== interview.rubric_version) {
    return refuse("rubric", "rubric version " + asText(scorecard.rubric_version) +
                  " where this page has " + interview.rubric_version +
                  ": the rubric changed between the interview and this debrief", scorecard);
  }
  if (!sameName(scorecard.candidate)) {
    return refuse("no-candidate", "it names no candidate", scorecard);
  }
  if (context.candidate && sameName(scorecard.candidate) !== sameName(context.candidate)) {
    return refuse("candidate", "another candidate: " + quoted(asText(scorecard.candidate)) +
                  " where this debrief is for " + quoted(context.candidate), scorecard);
  }
  return { ok: true, scorecard };
}

/**
 * Who submitted a scorecard and for which interview, to name it in lists.
 * @param {Scorecard} scorecard
 */
export function describe(scorecard) {
  const who = asText(scorecard.interviewer).trim() || "an unnamed interviewer";
  const what = asText(scorecard.title).trim() || asText(scorecard.playbook);
  return who + ", " + what;
}

/**
 * A file's verdicts, one per export it holds, each from `check`; "unreadable JSON" if it
 * holds none.
 * @param {string} text
 * @param {(value: unknown) => Verdict} check
 * @returns {Verdict[]}
 */
export function verdictsOf(text, check) {
  const read = readValues(text);
  if (!read.ok) return [refuse("unreadable", "unreadable JSON: the file is not a JSON document")];
  if (!read.values.length) return [refuse("not-export", "not a scorecard export (an empty list)")];
  return read.values.map(check);
}

/**
 * A file's verdicts for this debrief: the first scorecard naming a candidate sets it.
 * @param {string} text
 * @param {Debrief} debrief
 * @param {{candidate: string}} context
 * @returns {Verdict[]}
 */
export function verifyText(text, debrief, context) {
  let candidate = context.candidate;
  return verdictsOf(text, (value) => {
    const verdict = verify(value, debrief, { candidate });
    if (verdict.ok && !candidate) candidate = asText(verdict.scorecard.candidate).trim();
    return verdict;
  });
}

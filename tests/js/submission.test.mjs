import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { problemSummary, problemsOf, recommendationGate, scoredItems, submittedLine, submittedRecord,
         unscored, verifies } from "../../docs/assets/javascripts/scorecard/submission.mjs";
import { canonicalJson } from "../../docs/assets/javascripts/core/checksum.mjs";
import { markdownOf, plainTextOf } from "../../docs/assets/javascripts/scorecard/export.mjs";
import { fixture, plain } from "./helpers.mjs";

// The fixture card: one question, one pool place, one rubric dimension.
const SCORED = {
  "q-ownership-story:score": "4", "q-ownership-story:notes": "Owned the rollback",
  "pool-15-1-1:score": "3", "pool-15-1-1:notes": "Sized the cache", "pool-15-1-1:asked": ["cache-design"],
  "dim-ownership:score": "4", "dim-ownership:notes": "Called the incident",
};
const COMPLETE = { ...SCORED, candidate: "Candidate A", interviewer: "Pat", recommendation: "hire" };

test("what must be scored: every question, a pool's place as one, then every dimension", () => {
  assert.deepEqual(scoredItems(fixture("card.json")).map((item) => [item.key, item.kind]),
                   [["q-ownership-story", "question"], ["pool-15-1-1", "question"], ["dim-ownership", "dimension"]]);
  assert.equal(scoredItems(fixture("card.json"))[1].title, "Pick one, question 1 of 1");
  assert.deepEqual(unscored(fixture("card.json"), { "q-ownership-story:score": "2" }).map((item) => item.key),
                   ["pool-15-1-1", "dim-ownership"]);
});

test("the recommendation opens only once every question and dimension is scored", () => {
  const card = fixture("card.json");
  assert.deepEqual(recommendationGate(card, {}),
                   { open: false, left: 3, reason: "Score every question and dimension first: 3 left." });
  const { "dim-ownership:score": _dimension, ...allButOne } = SCORED;
  assert.equal(recommendationGate(card, allButOne).left, 1);
  assert.deepEqual(recommendationGate(card, SCORED), { open: true, left: 0, reason: "" });
  assert.equal(recommendationGate(card, { ...SCORED, "pool-15-1-1:score": "" }).open, false,
               "a score taken back closes it again");
  const empty = { ...card, sections: [], dimensions: [] };
  assert.equal(recommendationGate(empty, {}).open, true, "nothing to score, nothing to wait for");
});

test("submission lists what is missing, in the form's order; only missing notes do not block", () => {
  const card = fixture("card.json");
  const problems = problemsOf(card, { "q-ownership-story:score": "4", "dim-ownership:score": "2" });
  assert.deepEqual(problems.map((problem) => [problem.kind, problem.field, problem.blocks]), [
    ["candidate", "candidate", true],
    ["interviewer", "interviewer", true],
    ["no-note", "q-ownership-story:notes", false],
    ["unscored", "pool-15-1-1:score", true],
    ["no-note", "dim-ownership:notes", false],
    ["recommendation", "recommendation", true],
  ]);
  assert.equal(problems[3].text, "Score \u201cPick one, question 1 of 1\u201d.");
  assert.equal(problems[4].text, "Write the evidence for rubric dimension \u201cOwnership\u201d (scored with no note).");
  assert.equal(problems[5].text, "Choose the overall recommendation (once every question and dimension is scored).");
  assert.equal(problemSummary(problems), "Not submitted: 4 things to do first.");
  assert.deepEqual(problemsOf(card, COMPLETE), []);
  assert.equal(problemSummary([]), "");
  const unnoted = problemsOf(card, { ...COMPLETE, "dim-ownership:notes": "  " });
  assert.deepEqual(unnoted.map((problem) => problem.kind), ["no-note"]);
  assert.equal(problemSummary(unnoted), "1 score has no evidence note. Submit anyway, or write the evidence first?");
  assert.deepEqual(problemsOf(card, { ...COMPLETE, candidate: "  " }).map((problem) => problem.kind), ["candidate"]);
});

test("a submitted record is the export, stamped, with a checksum Python would compute the same", () => {
  const card = fixture("card.json");
  const now = new Date("2025-03-14T09:30:00Z");
  const record = plain(submittedRecord({ card, fields: { ...COMPLETE, comments: "Naïve → fine \u{1F9FE}" },
                                        draftVersion: null }, now));
  assert.equal(record.format_version, 3);
  assert.deepEqual([record.status, record.submitted_at, record.exported_at],
                   ["submitted", "2025-03-14T09:30:00.000Z", "2025-03-14T09:30:00.000Z"]);
  assert.equal(record.recommendation_id, "hire");
  assert.match(record.checksum, /^sha256:[0-9a-f]{64}$/);
  const { checksum, ...rest } = record;
  // What Python's json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False) writes.
  assert.equal(checksum, "sha256:" + createHash("sha256").update(canonicalJson(rest), "utf8").digest("hex"));
  assert.ok(canonicalJson(rest).includes("Naïve → fine \u{1F9FE}"), "non-ASCII text as it is");
  assert.ok(verifies(record));
  assert.equal(verifies({ ...record, comments: "edited" }), false, "a change after submission shows");
  assert.equal(verifies({ ...record, status: "draft" }), false);
  assert.equal(verifies(null), false);
  assert.deepEqual(submittedRecord({ card, fields: COMPLETE, draftVersion: null }, now),
                   submittedRecord({ card, fields: COMPLETE, draftVersion: null }, now), "the same each time");
  assert.equal(submittedLine(record, () => "Mar 14, 10:30"),
               "Submitted Mar 14, 10:30 \u00b7 rubric v2 \u00b7 checksum " + checksum.slice(7, 19));
});

test("the text copies say whether it was submitted, with its stamp, and each dimension's evidence", () => {
  const card = fixture("card.json");
  const sheet = { card, fields: COMPLETE, draftVersion: null };
  const record = submittedRecord(sheet, new Date("2025-03-14T09:30:00Z"));
  const stamp = "Submitted 2025-03-14T09:30:00.000Z, checksum " + record.checksum;
  const markdown = markdownOf({ ...sheet, submitted: record });
  assert.ok(markdown.includes("(rubric version v2)  \n**Status:** " + stamp + "\n"), markdown);
  assert.ok(markdown.includes("**Ownership:** 4/5  \nCalled the incident\n"), markdown);
  const text = plainTextOf({ ...sheet, submitted: record });
  assert.ok(text.includes("\nStatus: " + stamp + "\n"), text);
  assert.ok(text.includes("Rubric: Ownership\nScore: 4 / 5 (Strong)\nEvidence: Called the incident\n"), text);
  assert.ok(plainTextOf(sheet).includes("\nStatus: Draft \u2014 not submitted\n"));
  const debrief = plainTextOf({ card: { ...card, form: "debrief" }, fields: {}, draftVersion: null });
  assert.ok(!debrief.includes("Status:"), "a debrief sheet is not submitted");
});

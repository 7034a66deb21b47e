// The debrief's pure modules (docs/assets/javascripts/debrief/): checking imported files,
// scores and spreads, the state, and the decision record with its Markdown and plain text.
import { test } from "node:test";
import assert from "node:assert/strict";

import { checksumOf } from "../../docs/assets/javascripts/core/checksum.mjs";
import { sameName, verify, verifyText } from "../../docs/assets/javascripts/debrief/verify.mjs";
import { cellOf, median, recommendationCounts, rowsOf }
  from "../../docs/assets/javascripts/debrief/panel.mjs";
import { addScorecards, emptyState, removeScorecard, stateFrom }
  from "../../docs/assets/javascripts/debrief/state.mjs";
import { markdownOf, plainTextOf, recordName, recordOf }
  from "../../docs/assets/javascripts/debrief/record.mjs";

const SCHEMA = "https://interview-playbooks.github.io/interview-playbooks/schemas/scorecard-export.schema.json";

const DEBRIEF = {
  kind: "loop", id: "demo-loop", title: "Demo *loop*", role: "storage-engineer", level: "staff",
  level_name: "Staff",
  interviews: [
    { playbook: "alpha", title: "Alpha", rubric_version: "aaaa1111", duration: 60,
      focus: ["ownership", "depth"], interviewer: "A storage engineer", note: "" },
    { playbook: "beta", title: "Beta", rubric_version: "bbbb2222", duration: 60,
      focus: ["communication", "depth"], interviewer: "A backend engineer", note: "" },
  ],
  signals: [
    { id: "ownership", name: "Ownership", accountable: [0], hire: "", no_hire: "", anchors: [] },
    { id: "depth", name: "Depth", accountable: [0, 1], hire: "", no_hire: "", anchors: [] },
    { id: "communication", name: "Communication", accountable: [1], hire: "", no_hire: "", anchors: [] },
  ],
  scale: [5, 4, 3, 2, 1].map((value) => ({ value, label: "S" + value })),
  recommendation: [
    { id: "strong-hire", label: "Strong Hire", leans: "hire" },
    { id: "hire", label: "Hire", leans: "hire" },
    { id: "hire-with-reservations", label: "Hire with Reservations", leans: "" },
    { id: "no-hire", label: "No Hire", leans: "no-hire" },
    { id: "strong-no-hire", label: "Strong No Hire", leans: "no-hire" },
  ],
  accepts: { schema: SCHEMA, format_version: 3, form: "scorecard", status: "submitted" },
  disagreement: 2,
  storage: { page: "k", state: "k:{candidate}" },
  record: { schema: "https://example.test/decision-record.schema.json", version: 1 },
};

/** A submitted scorecard, as the scorecard's Submit writes it (issue 16's contract). */
function scorecard({ playbook = "alpha", interviewer = "Ana", candidate = "Candidate A",
                     questions = [], dimensions = [], recommendation = "hire", ...rest } = {}) {
  const interview = DEBRIEF.interviews.find((i) => i.playbook === playbook) || DEBRIEF.interviews[0];
  const record = {
    $schema: SCHEMA, format_version: 3, form: "scorecard", playbook, title: interview.title,
    role: "storage-engineer", level: "staff", level_name: "Staff",
    rubric_version: interview.rubric_version, candidate, interviewer, date: "", exported_at:
    "2026-12-03T09:00:00.000Z", fields: {},
    entries: [
      ...questions.map(([title, signals, score, notes], n) => ({
        kind: "question", key: "q-" + n, section: "S", title, question: "q" + n, minutes: 5,
        score, score_label: null, notes, hire_signals: [], flags: [], signals })),
      ...dimensions.map(([signal, score, notes]) => ({
        kind: "dimension", key: "dim-" + signal, section: "Rubric", title: signal, signal, score,
        score_label: null, notes, flags: score !== null && !notes ? ["score-without-note"] : [] })),
    ],
    recommendation: DEBRIEF.recommendation.find((p) => p.id === recommendation)?.label || "",
    recommendation_id: recommendation, strengths: "", concerns: "", comments: "",
    status: "submitted", submitted_at: "2026-12-03T09:00:00.000Z", ...rest,
  };
  return { ...record, checksum: record.status === "submitted" ? checksumOf(record) : null };
}

const context = { candidate: "" };

test("a submitted scorecard of the loop is accepted, whatever the case and spaces of the candidate", () => {
  const card = scorecard();
  assert.equal(verify(card, DEBRIEF, context).ok, true);
  assert.equal(verify(scorecard({ candidate: "  candidate   a " }), DEBRIEF, { candidate: "Candidate A" }).ok, true);
  assert.equal(sameName("Ｃandidate"), sameName("Ｃandidate"));
});

test("every refusal names its reason", () => {
  const reasons = (value, ctx = context) => {
    const verdict = verify(value, DEBRIEF, ctx);
    assert.equal(verdict.ok, false);
    return [verdict.code, verdict.reason];
  };
  assert.deepEqual(reasons(scorecard({ candidate: "Candidate B" }), { candidate: "Candidate A" })[0], "candidate");
  assert.match(reasons(scorecard({ candidate: "Candidate B" }), { candidate: "Candidate A" })[1], /another candidate: .Candidate B. where this debrief is for .Candidate A./);
  assert.match(reasons(scorecard({ playbook: "gamma", title: "Gamma" }))[1], /^not in this loop: it is the scorecard of .Gamma./);
  assert.match(reasons(scorecard({ rubric_version: "old00000" }))[1], /^rubric version old00000 where this page has aaaa1111/);
  const tampered = { ...scorecard(), candidate: "Candidate A", interviewer: "Someone else" };
  assert.match(reasons(tampered)[1], /^checksum mismatch/);
  assert.match(reasons({ ...scorecard(), checksum: null })[1], /^checksum mismatch/);
  assert.match(reasons(scorecard({ status: "draft", submitted_at: null }))[1], /^a draft/);
  assert.match(reasons({ hello: "world" })[1], /^not a scorecard export/);
  assert.match(reasons([1, 2])[1], /^not a scorecard export/);
  assert.match(reasons(scorecard({ format_version: 2 }))[1], /format version 2/);
  assert.match(reasons(scorecard({ form: "loop" }))[1], /not a playbook's scorecard/);
  assert.match(reasons(scorecard({ candidate: "  " }))[1], /names no candidate/);
  const [unreadable] = verifyText("{not json", DEBRIEF, context);
  assert.equal(unreadable.ok, false);
  assert.match(unreadable.ok ? "" : unreadable.reason, /^unreadable JSON/);
});

test("a paste of several exports checks each, the first setting the candidate", () => {
  const text = JSON.stringify([scorecard(), scorecard({ playbook: "beta", candidate: "Someone" })]);
  const verdicts = verifyText(text, DEBRIEF, context);
  assert.deepEqual(verdicts.map((v) => v.ok), [true, false]);
});

test("the checksum covers keys such as __proto__ read from a file", () => {
  const text = JSON.stringify(scorecard()).replace('"fields":{}', '"fields":{"__proto__":{"x":1}}');
  const [verdict] = verifyText(text, DEBRIEF, context);
  assert.equal(verdict.ok, false, "the file was changed after its checksum");
  assert.equal({}.x, undefined);
});

test("a signal's score: the dimension's if scored, else the median of the questions probing it", () => {
  const card = scorecard({
    questions: [["Q1", ["ownership"], 2, "owned the migration"], ["Q2", ["ownership", "depth"], 5, ""],
                ["Q3", ["depth"], 3, "knew fsync"], ["Q4", ["depth"], null, ""]],
    dimensions: [["ownership", 4, "led it"], ["depth", null, ""]],
  });
  const ownership = cellOf(card, "ownership");
  assert.equal(ownership.score, 4);
  assert.equal(ownership.from, "dimension");
  assert.deepEqual(ownership.evidence.map((e) => e.source), ["Rubric", "Q1"]);
  const depth = cellOf(card, "depth");
  assert.equal(depth.score, 4, "median of 5 and 3");
  assert.equal(depth.from, "questions");
  assert.deepEqual(depth.evidence, [{ source: "Q3", text: "knew fsync" }]);
  assert.deepEqual(cellOf(card, "communication"), { score: null, from: "", evidence: [] });
  assert.equal(median([1, 2, 4]), 2);
  assert.equal(median([1, 2, 4, 5]), 3);
  assert.equal(median([]), null);
});

test("spread, disagreement at two points, no evidence, medians and recommendation counts", () => {
  const panel = [
    scorecard({ interviewer: "Ana", dimensions: [["ownership", 2, "thin"], ["depth", 4, "good"]],
                recommendation: "no-hire" }),
    scorecard({ playbook: "beta", interviewer: "Ben", dimensions: [["depth", 5, "great"]],
                questions: [["Talk", ["communication"], 3, ""]], recommendation: "hire" }),
    scorecard({ interviewer: "Cy", dimensions: [["ownership", 4, "fine"], ["depth", 4, ""]],
                recommendation: "hire-with-reservations" }),
  ];
  const rows = rowsOf(DEBRIEF, panel);
  const by = Object.fromEntries(rows.map((row) => [row.signal.id, row]));
  assert.equal(by.ownership.spread, 2);
  assert.equal(by.ownership.disagreement, true);
  assert.equal(by.ownership.median, 3);
  assert.equal(by.depth.spread, 1);
  assert.equal(by.depth.disagreement, false);
  assert.equal(by.depth.median, 4);
  assert.equal(by.communication.noEvidence, true, "a score without notes is no evidence");
  assert.equal(by.communication.median, 3);
  assert.equal(by.ownership.noEvidence, false);
  assert.deepEqual(recommendationCounts(DEBRIEF, panel), { hire: 1, no_hire: 1, neither: 1, none: 0 });
});

test("the same scorecard twice counts once; a later submission replaces an earlier one", () => {
  const first = scorecard({ submitted_at: "2026-12-03T09:00:00.000Z" });
  const later = scorecard({ submitted_at: "2026-12-03T10:00:00.000Z", dimensions: [["depth", 3, "x"]] });
  let { state, added, skipped } = addScorecards(emptyState(), [{ ok: true, scorecard: first }]);
  assert.equal(state.candidate, "Candidate A");
  assert.equal(added.length, 1);
  ({ state, skipped } = addScorecards(state, [{ ok: true, scorecard: first }]));
  assert.equal(state.scorecards.length, 1);
  assert.match(skipped[0], /already imported/);
  ({ state, added } = addScorecards(state, [{ ok: true, scorecard: later }]));
  assert.equal(state.scorecards.length, 1);
  assert.equal(state.scorecards[0].checksum, later.checksum);
  assert.match(added[0], /later submission/);
  ({ state, skipped } = addScorecards(state, [{ ok: true, scorecard: first }]));
  assert.equal(state.scorecards[0].checksum, later.checksum, "an earlier one never replaces a later");
  state = removeScorecard(state, later.checksum);
  assert.deepEqual([state.scorecards.length, state.candidate], [0, ""]);
});

test("a stored state is read defensively", () => {
  assert.deepEqual(stateFrom(null), emptyState());
  assert.deepEqual(stateFrom({ version: 2 }), emptyState());
  const state = stateFrom({ version: 1, candidate: 7, scorecards: [1, {}, null], revealed: "yes",
                            resolutions: { a: "x", b: 3 } });
  assert.deepEqual([state.candidate, state.scorecards.length, state.revealed, state.resolutions],
                   ["7", 1, false, { a: "x" }]);
});

const HOSTILE = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) | pipe\n# heading\n- item `code`";

test("the decision record holds what the panel decided, and its Markdown and text keep hostile text inert", () => {
  const panel = [
    scorecard({ interviewer: HOSTILE, dimensions: [["ownership", 1, "x"]], recommendation: "no-hire" }),
    scorecard({ playbook: "beta", interviewer: "Ben", dimensions: [["depth", 5, "y"]], recommendation: "strong-hire" }),
    scorecard({ interviewer: "Cy", dimensions: [["ownership", 4, "z"]], recommendation: "hire" }),
  ];
  const state = { ...emptyState(), candidate: "Candidate A", scorecards: panel, revealed: true,
                  facilitator: "Fay", decision: "hire", rationale: HOSTILE,
                  resolutions: { ownership: "Ana saw the weak half; " + HOSTILE },
                  followups: { communication: "Add a writing exercise" } };
  const record = recordOf(DEBRIEF, state, new Date("2026-12-03T12:00:00Z"));
  assert.equal(record.format_version, 1);
  assert.deepEqual(record.interviews.map((i) => i.rubric_version), ["aaaa1111", "bbbb2222"]);
  assert.deepEqual(record.signals.find((s) => s.id === "ownership")?.scores, [1, null, 4]);
  assert.deepEqual(record.disagreements.map((d) => [d.signal, d.spread]), [["ownership", 3]]);
  assert.deepEqual(record.no_evidence.map((s) => [s.signal, s.follow_up]),
                   [["communication", "Add a writing exercise"]]);
  assert.deepEqual(record.decision, { id: "hire", label: "Hire", leans: "hire", rationale: HOSTILE });
  assert.deepEqual(record.recommendations, { hire: 2, no_hire: 1, neither: 0, none: 0 });
  assert.deepEqual(record.missing_interviews, []);
  assert.deepEqual(record.scorecards.map((s) => s.leans), ["no-hire", "hire", "hire"]);

  const markdown = markdownOf(record);
  assert.ok(!markdown.includes("<img"), "no raw HTML");
  assert.ok(markdown.includes("&lt;img src=x onerror=alert(1)&gt;"));
  assert.ok(!/(?<!\\)\]\(javascript:/.test(markdown), "no link");
  assert.ok(!/^# heading/m.test(markdown) && !/^- item/m.test(markdown), "no block markup from typed text");
  for (const part of ["Ownership", "spread 3", "Ana saw the weak half", "Add a writing exercise",
                      "**Hire**", "2 hire, 1 no\\-hire", "rubric version aaaa1111"]) {
    assert.ok(markdown.includes(part.replace("\\-", "-")) || markdown.includes(part), part);
  }
  // Every table row has as many cells as the header: a pipe in a name does not add one.
  const table = markdown.split("\n").filter((line) => line.startsWith("| "));
  const cells = (line) => line.split(/(?<!\\)\|/).length;
  assert.ok(table.every((line) => cells(line) === cells(table[0])));

  const text = plainTextOf(record);
  for (const part of ["Loop: Demo loop (Staff)", "Ownership: spread 3, median 2.5 (disagreement)",
                      "Communication: spread \u2014, median \u2014 (no evidence)",
                      "follow-up Add a writing exercise", "DECISION", "  Hire", "Ben (Beta): Strong Hire"]) {
    assert.ok(text.includes(part), part);
  }
  assert.equal(recordName(record, "md"), "demo-loop-candidate-a-decision.md");
});

test("a scorecard the scorecard's own Submit stamps is accepted, and read as the debrief reads it", async () => {
  const { submittedRecord } = await import("../../docs/assets/javascripts/scorecard/submission.mjs");
  const { fixture } = await import("./helpers.mjs");
  const card = fixture("card.json");
  const fields = {
    "q-ownership-story:score": "4", "q-ownership-story:notes": "Owned the rollback <b>",
    "pool-15-1-1:score": "2", "pool-15-1-1:notes": "Sized the cache", "pool-15-1-1:asked": ["cache-design"],
    "dim-ownership:score": "", "dim-ownership:notes": "Called the incident",
    candidate: "Candidate A", interviewer: "Pat", recommendation: "no-hire",
  };
  // Through JSON, as a file: what the facilitator imports.
  const file = JSON.stringify(submittedRecord({ card, fields, draftVersion: null }, new Date("2026-12-03T09:00:00Z")));
  const debrief = {
    ...DEBRIEF, kind: "playbook", id: card.playbook,
    interviews: [{ playbook: card.playbook, title: card.title, rubric_version: card.rubric_version,
                   duration: card.duration, focus: ["ownership"], interviewer: "", note: "" }],
    signals: [{ id: "ownership", name: "Ownership", accountable: [0], hire: "", no_hire: "", anchors: [] },
              { id: "system-design", name: "System design", accountable: [0], hire: "", no_hire: "", anchors: [] }],
  };
  const [verdict] = verifyText(file, debrief, { candidate: "" });
  assert.equal(verdict.ok, true, verdict.ok ? "" : verdict.reason);
  const scorecard = verdict.ok ? verdict.scorecard : {};
  const ownership = cellOf(scorecard, "ownership");
  assert.deepEqual([ownership.score, ownership.from], [4, "questions"], "the dimension left unscored: the questions' median");
  assert.deepEqual(ownership.evidence.map((e) => e.text), ["Called the incident", "Owned the rollback <b>"]);
  assert.equal(cellOf(scorecard, "system-design").score, 2, "the pool's asked option probes it");
  assert.deepEqual(recommendationCounts(debrief, [scorecard]), { hire: 0, no_hire: 1, neither: 0, none: 0 });
  const [edited] = verifyText(file.replace("Owned the rollback", "Owned it all"), debrief, { candidate: "" });
  assert.equal(edited.ok ? "" : edited.code, "checksum");
});

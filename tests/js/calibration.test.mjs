// The calibration's pure module (docs/assets/javascripts/debrief/calibration.mjs): which
// files it takes, and each interviewer's scores and offset against the rest of the panel.
import { test } from "node:test";
import assert from "node:assert/strict";

import { checksumOf } from "../../docs/assets/javascripts/core/checksum.mjs";
import { calibrate, distributionText, formatOffset, leanText, rubricChanged, verifyForCalibration }
  from "../../docs/assets/javascripts/debrief/calibration.mjs";
import { verdictsOf } from "../../docs/assets/javascripts/debrief/verify.mjs";
import { mergeScorecards } from "../../docs/assets/javascripts/debrief/state.mjs";

const SCHEMA = "https://interview-playbooks.github.io/interview-playbooks/schemas/scorecard-export.schema.json";

const DATA = {
  playbooks: [
    { playbook: "alpha", title: "Alpha", rubric_version: "aaaa1111", focus: ["ownership", "depth"] },
    { playbook: "beta", title: "Beta", rubric_version: "bbbb2222", focus: ["depth"] },
  ],
  signals: [{ id: "ownership", name: "Ownership" }, { id: "depth", name: "Depth" }],
  scale: [1, 2, 3, 4, 5].map((value) => ({ value, label: "S" + value })),
  accepts: { schema: SCHEMA, format_version: 3, form: "scorecard", status: "submitted" },
  rules: { leniency: 0.75, comparable: 3, same_score: 4 },
  storage: { page: "k" },
};

/** A submitted scorecard with rubric scores by signal (questions: [signals, score] pairs). */
function scorecard({ playbook = "alpha", interviewer = "Ana", candidate = "Candidate A",
                     dimensions = {}, questions = [], ...rest } = {}) {
  const record = {
    $schema: SCHEMA, format_version: 3, form: "scorecard", playbook, title: playbook,
    rubric_version: DATA.playbooks.find((p) => p.playbook === playbook)?.rubric_version || "x",
    candidate, interviewer, entries: [
      ...questions.map(([signals, score], n) => ({ kind: "question", key: "q" + n, title: "Q" + n,
                                                   score, notes: "", signals })),
      ...Object.entries(dimensions).map(([signal, score]) => ({ kind: "dimension", key: "d-" + signal,
                                                               signal, score, notes: "" })),
    ],
    status: "submitted", submitted_at: "2026-12-03T09:00:00.000Z", ...rest,
  };
  return { ...record, checksum: record.status === "submitted" ? checksumOf(record) : null };
}

/** Four candidates, three interviewers: Lee scores everyone 1–2 above Ana and Bo. */
function panel() {
  const cards = [];
  ["A", "B", "C", "D"].forEach((letter, n) => {
    const candidate = "Candidate " + letter;
    const base = 2 + (n % 2);
    cards.push(scorecard({ interviewer: "Ana", candidate, dimensions: { ownership: base, depth: base } }));
    cards.push(scorecard({ interviewer: "Bo", candidate, playbook: "beta", dimensions: { depth: base } }));
    cards.push(scorecard({ interviewer: "Lee", candidate, dimensions: { ownership: base + 1 + (n % 2), depth: base + 2 } }));
  });
  return cards;
}

test("any candidate's submitted scorecard of a known playbook is taken; the rest refused with a reason", () => {
  const ok = verifyForCalibration(scorecard({ candidate: "Candidate Z" }), DATA);
  assert.equal(ok.ok, true);
  const code = (value) => { const v = verifyForCalibration(value, DATA); return v.ok ? "ok" : v.code; };
  assert.equal(code(scorecard({ status: "draft", submitted_at: null })), "draft");
  assert.equal(code({ ...scorecard(), interviewer: "Someone else" }), "checksum");
  assert.equal(code({ ...scorecard(), format_version: 2 }), "format");
  assert.equal(code({ hello: 1 }), "not-export");
  assert.equal(code(scorecard({ playbook: "gamma" })), "playbook");
  assert.equal(code(scorecard({ candidate: "  " })), "no-candidate");
  assert.equal(code(scorecard({ interviewer: "" })), "no-interviewer");
  assert.deepEqual(verdictsOf("{not json", (v) => verifyForCalibration(v, DATA)).map((v) => v.ok ? "" : v.code),
                   ["unreadable"]);
});

test("a changed rubric version is accepted, and marked", () => {
  const old = scorecard({ rubric_version: "old00000" });
  assert.equal(verifyForCalibration(old, DATA).ok, true);
  assert.equal(rubricChanged(old, DATA), true);
  assert.equal(rubricChanged(scorecard(), DATA), false);
});

test("a lenient interviewer's offset is their score less the others' mean, per candidate", () => {
  const { interviewers, signals } = calibrate(DATA, panel());
  assert.deepEqual(signals.map((s) => s.id), ["ownership", "depth"]);
  assert.deepEqual(interviewers.map((i) => i.name), ["Ana", "Bo", "Lee"]);
  const [ana, bo, lee] = interviewers;
  // Lee on ownership: +1, +2, +1, +2 against Ana alone; on depth +2 against Ana and Bo (equal).
  assert.deepEqual(lee.signals.ownership, { n: 4, mean: 4, offset: 1.5, comparisons: 4 });
  assert.deepEqual(lee.signals.depth, { n: 4, mean: 4.5, offset: 2, comparisons: 4 });
  assert.equal(lee.offset, 1.75);
  assert.equal(lee.comparisons, 8);
  assert.equal(lee.lean, "lenient");
  assert.match(leanText(lee, DATA.rules), /^lenient: 1\.8 points above the rest of the panel on average, over 8 comparisons$/);
  // Ana on depth against Bo (equal) and Lee (+2): −1 each time; on ownership −1.5.
  assert.equal(ana.signals.depth.offset, -1);
  assert.equal(ana.lean, "severe");
  assert.match(leanText(ana, DATA.rules), /^severe: 1\.3 points below the rest of the panel on average, over 8 comparisons$/);
  assert.equal(bo.signals.depth.offset, -1);
  assert.equal(bo.lean, "severe");
  assert.deepEqual(lee.counts, [0, 0, 2, 2, 4]);
  assert.equal(distributionText(lee, DATA.scale), "1: 0 \u00b7 2: 0 \u00b7 3: 2 \u00b7 4: 2 \u00b7 5: 4");
  assert.equal(formatOffset(lee.offset), "+1.8");
  assert.equal(formatOffset(-0.04), "0.0");
  assert.equal(formatOffset(-1), "\u22121.0");
  assert.equal(formatOffset(null), "\u2014");
});

test("only candidates someone else scored count; under three comparisons is too few to tell", () => {
  const cards = [
    scorecard({ interviewer: "Ana", candidate: "A", dimensions: { ownership: 5 } }),
    scorecard({ interviewer: "Ana", candidate: "B", dimensions: { ownership: 5 } }),
    scorecard({ interviewer: "Bo", candidate: "A", dimensions: { ownership: 2 } }),
  ];
  const [ana, bo] = calibrate(DATA, cards).interviewers;
  assert.deepEqual(ana.signals.ownership, { n: 2, mean: 5, offset: 3, comparisons: 1 });
  assert.equal(ana.lean, "too-few");
  assert.match(leanText(ana, DATA.rules), /^too few to tell: 1 comparison with the rest of the panel \(3 needed\)$/);
  assert.equal(bo.offset, -3);
  assert.equal(bo.lean, "too-few");
  // Nobody else at all: no offset.
  const alone = calibrate(DATA, [cards[0]]).interviewers[0];
  assert.equal(alone.offset, null);
  assert.equal(alone.comparisons, 0);
  assert.equal(alone.lean, "too-few");
});

test("exactly 0.75 above over three comparisons is lenient; a small lean is in line", () => {
  const cards = [];
  for (const [candidate, mine] of [["A", 4], ["B", 4], ["C", 3.25 + 0.5]]) {
    cards.push(scorecard({ interviewer: "Cat", candidate, dimensions: { ownership: mine } }));
    cards.push(scorecard({ interviewer: "Dan", candidate, dimensions: { ownership: 3 } }));
  }
  // Cat: +1, +1, +0.75 → mean 0.9167; make it exactly 0.75 with A at 3.5.
  cards[0] = scorecard({ interviewer: "Cat", candidate: "A", dimensions: { ownership: 3.5 } });
  const cat = calibrate(DATA, cards).interviewers[0];
  assert.equal(cat.offset, 0.75);
  assert.equal(cat.lean, "lenient");
  assert.equal(cat.between, 2); // 3.5 and 3.75 are between points
  const even = [["A", 3], ["B", 4], ["C", 3]].flatMap(([candidate, mine]) => [
    scorecard({ interviewer: "Eve", candidate, dimensions: { ownership: mine } }),
    scorecard({ interviewer: "Fay", candidate, dimensions: { ownership: 3 } })]);
  const eve = calibrate(DATA, even).interviewers[0];
  assert.equal(eve.lean, "in-line");
  assert.match(leanText(eve, DATA.rules), /^in line with the panel: \+0\.3 over 3 comparisons$/);
});

test("always the same score: four or more scores, all on one point", () => {
  const cards = ["A", "B"].map((candidate) =>
    scorecard({ interviewer: "Gus", candidate, dimensions: { ownership: 4, depth: 4 } }));
  assert.equal(calibrate(DATA, cards).interviewers[0].same, 4);
  assert.equal(calibrate(DATA, cards.slice(0, 1)).interviewers[0].same, null); // only two scores
  cards.push(scorecard({ interviewer: "Gus", candidate: "C", dimensions: { ownership: 3 } }));
  assert.equal(calibrate(DATA, cards).interviewers[0].same, null);
});

test("names are compared as typed by a person; a signal without a dimension takes its questions' median", () => {
  const cards = [
    scorecard({ interviewer: "  ana  MARIA ", candidate: "cand a", dimensions: { ownership: 4 } }),
    scorecard({ interviewer: "Ana Maria", candidate: "Cand  A", playbook: "beta", questions: [[["depth"], 2], [["depth"], 3]] }),
    scorecard({ interviewer: "Bo", candidate: "CAND A", dimensions: { ownership: 2, depth: 4 } }),
  ];
  const [ana, bo] = calibrate(DATA, cards).interviewers;
  assert.equal(ana.name, "ana  MARIA");
  assert.equal(ana.scorecards, 2);
  assert.equal(ana.candidates, 1);
  assert.equal(ana.signals.depth.mean, 2.5);
  assert.equal(ana.signals.depth.offset, -1.5);
  assert.equal(ana.signals.ownership.offset, 2);
  assert.equal(bo.candidates, 1);
});

test("hostile names and text pass through as data, never grouped with anyone else", () => {
  const hostile = '<img src=x onerror="window.__pwned=1"> **bold** __proto__';
  const cards = [
    scorecard({ interviewer: hostile, candidate: "constructor", dimensions: { ownership: 5 } }),
    scorecard({ interviewer: "__proto__", candidate: "constructor", dimensions: { ownership: 1 } }),
    scorecard({ interviewer: "toString", candidate: "hasOwnProperty", dimensions: { ownership: 3 } }),
  ];
  const { interviewers } = calibrate(DATA, cards);
  assert.deepEqual(interviewers.map((i) => i.name).sort(), [hostile, "__proto__", "toString"].sort());
  const proto = interviewers.find((i) => i.name === "__proto__");
  assert.equal(proto.signals.ownership.offset, -4);
  assert.equal(Object.getPrototypeOf(proto.signals), Object.prototype);
  assert.equal(interviewers.find((i) => i.name === "toString").comparisons, 0);
  // Entries that are not objects, or scores that are not numbers, are ignored.
  const odd = scorecard({ interviewer: "Odd", entries: [null, 7, { kind: "dimension", signal: "ownership", score: "5" }] });
  assert.equal(calibrate(DATA, [odd]).interviewers[0].n, 0);
});

test("the same file twice counts once; a later submission of the same interview and candidate replaces it", () => {
  const first = scorecard({ interviewer: "Ana", candidate: "A", dimensions: { ownership: 2 } });
  const later = scorecard({ interviewer: "ana", candidate: "a", dimensions: { ownership: 3 },
                            submitted_at: "2026-12-04T09:00:00.000Z" });
  const other = scorecard({ interviewer: "Ana", candidate: "B", dimensions: { ownership: 3 } });
  const ok = (card) => ({ ok: true, scorecard: card });
  const merged = mergeScorecards([first], [ok(first), ok(later), ok(other)]);
  assert.equal(merged.scorecards.length, 2);
  assert.equal(merged.scorecards[0], later);
  assert.equal(merged.skipped.length, 1);
});

import { test } from "node:test";
import assert from "node:assert/strict";

import { DEFAULT_MINUTES, againstTarget, clean, loopCard, loopDimensions, mergeLoops, moved, probedBy, resolve,
  resolveNote, targetOf, timeBoxes, toggled, totalText, version } from "../../docs/assets/javascripts/loop/list.mjs";
import { MAX_CODE, MAX_SHARED, codeOf, decodeLoop, encodeLoop }
  from "../../docs/assets/javascripts/loop/share.mjs";
import { prepare } from "../../docs/assets/javascripts/finder/data.mjs";
import { fixture } from "./helpers.mjs";

const data = prepare(fixture("finder.json"));

test("only ids are kept from a stored loop, each once, at most a thousand", () => {
  assert.deepEqual(clean(["a", 1, null, "", "a", "b", "x".repeat(201), {}]), ["a", "b"]);
  assert.equal(clean(Array.from({ length: 1200 }, (_, n) => "q" + n)).length, 1000);
});

test("a loop from before scoping follows the scoped one", () => {
  assert.deepEqual(JSON.parse(mergeLoops('["a", "b"]', '["b", "c", 5]')), ["a", "b", "c"]);
  assert.equal(mergeLoops('{"a": 1}', "[]"), null);
});

test("toggling adds at the end or takes out; moving stops at either end", () => {
  assert.deepEqual(toggled(["a", "b"], "c"), ["a", "b", "c"]);
  assert.deepEqual(toggled(["a", "b", "c"], "b"), ["a", "c"]);
  assert.deepEqual(moved(["a", "b", "c"], "c", -1), ["a", "c", "b"]);
  assert.deepEqual(moved(["a", "b", "c"], "a", 1), ["b", "a", "c"]);
  assert.equal(moved(["a", "b"], "a", -1), null);
  assert.equal(moved(["a", "b"], "b", 1), null);
  assert.equal(moved(["a", "b"], "z", 1), null);
});

test("a stored loop is resolved against the data: renamed kept, missing dropped, with a note", () => {
  const resolved = resolve(data, ["gone", "cache-busting", "replicated-log", "cache-invalidation", "also-gone"]);
  assert.deepEqual(resolved.kept, ["cache-invalidation", "replicated-log"]);
  assert.deepEqual(resolved.dropped, ["gone", "also-gone"]);
  assert.deepEqual(resolved.renamed, ["cache-busting"]);
  assert.equal(resolved.changed, true);
  assert.equal(resolveNote(resolved), "2 questions in your loop no longer exist and were removed: gone, also-gone. " +
               "1 question of your loop had a new id and was kept under it.");
  assert.equal(resolveNote(resolve(data, ["gone"])),
               "A question in your loop no longer exists and was removed: gone.");
  const same = resolve(data, ["replicated-log"]);
  assert.equal(same.changed, false);
  assert.equal(resolveNote(same), "");
});

test("a loop's version names its set of questions, in any order, and its target", () => {
  assert.match(version(["a", "b"]), /^[0-9a-f]{8}$/);
  assert.equal(version(["a", "b"]), version(["b", "a"]));
  assert.notEqual(version(["a", "b"]), version(["a", "c"]));
  assert.equal(version([]), "811c9dc5");
  assert.equal(version(["a", "b"], 60), version(["b", "a"], 60));
  assert.notEqual(version(["a", "b"], 60), version(["a", "b"], 45));
  assert.notEqual(version(["a", "b"], 60), version(["a", "b"]));
});

const q = (id) => data.byId[id];

test("time boxes follow the running total; a question with no suggested time counts the default", () => {
  assert.deepEqual(timeBoxes([q("replicated-log"), q("cache-invalidation"), q("ownership-story")]), [
    { id: "replicated-log", start: 0, end: 15, minutes: 15, assumed: false },
    { id: "cache-invalidation", start: 15, end: 15 + DEFAULT_MINUTES, minutes: DEFAULT_MINUTES, assumed: true },
    { id: "ownership-story", start: 15 + DEFAULT_MINUTES, end: 25 + DEFAULT_MINUTES, minutes: 10, assumed: false },
  ]);
  assert.deepEqual(timeBoxes([]), []);
});

test("the loop's total is said against its target", () => {
  assert.equal(againstTarget(52, 60), "52 of 60 min, 8 to spare");
  assert.equal(againstTarget(60, 60), "60 of 60 min, none to spare");
  assert.equal(againstTarget(67, 60), "67 of 60 min, over by 7 min");
  assert.equal(totalText([], 60), "");
  assert.equal(totalText([q("replicated-log"), q("ownership-story")], 60), "2 questions, 25 of 60 min, 35 to spare.");
  assert.equal(totalText([q("replicated-log"), q("cache-invalidation")], 20),
               "2 questions, 25 of 20 min, over by 5 min. 1 question has no suggested time and counts 10 min.");
  assert.equal(totalText([q("cache-invalidation"), q("resume-deep-dive")], 20),
               "2 questions, 20 of 20 min, none to spare. No question has a suggested time: each counts 10 min.");
});

test("a target is whole minutes from 5 to 600", () => {
  assert.equal(targetOf("45"), 45);
  assert.equal(targetOf(90), 90);
  assert.equal(targetOf(" 60 "), 60);
  for (const bad of ["4", "601", "12.5", "-5", "1e2", "", "abc", null, {}, 0x7fffffff]) {
    assert.equal(targetOf(bad), null, String(bad));
  }
});

test("the loop's rubric has a dimension per signal, in the order first probed", () => {
  assert.deepEqual(loopDimensions(data, ["cache-invalidation", "ownership-story", "replicated-log"]), [
    { key: "dim-design", label: "System design", signal: "design", hire: "", no_hire: "", anchors: [] },
    { key: "dim-ownership", label: "Ownership", signal: "ownership", hire: "", no_hire: "", anchors: [] },
  ]);
  assert.deepEqual(loopDimensions(data, []), []);
  assert.deepEqual({ ...probedBy(data, ["replicated-log", "cache-invalidation"]) },
                   { design: ["Replicated log checkpointing", "Cache invalidation at scale"],
                     ownership: ["Cache invalidation at scale"] });
});

test("the loop's card is the build's skeleton with a timed section a question, and its rubric", () => {
  const skeleton = fixture("loop-skeleton.json");
  const withHire = prepare(fixture("finder.json"));
  withHire.byId["replicated-log"].h = ["Knows checkpoints"];
  withHire.byId["replicated-log"].c = { n: [[5, "Snapshot, tail and the trade-off"], [1, "No checkpoint"]] };
  const card = loopCard(skeleton, withHire, ["replicated-log", "cache-invalidation", "ownership-story"], 45);
  assert.deepEqual(Object.keys(card).sort(), Object.keys(skeleton).sort());
  assert.equal(card.rubric_version, version(["replicated-log", "cache-invalidation", "ownership-story"], 45));
  assert.equal(card.form, "loop");
  assert.equal(card.duration, 45);
  const base = skeleton.sections[0];
  assert.deepEqual(card.sections, [
    { ...base, title: "Question 1", heading: "Question 1", start: 0, end: 15, minutes: 15, entries: [
      { key: "q-replicated-log", kind: "question", question: "replicated-log",
        title: "Replicated log checkpointing", group: "", minutes: 15, lines: 8, signals: ["design"],
        indicators: ["Knows checkpoints"],
        anchors: [{ score: 5, text: "Snapshot, tail and the trade-off" }, { score: 1, text: "No checkpoint" }] }] },
    { ...base, title: "Question 2", heading: "Question 2", start: 15, end: 25, minutes: 10, entries: [
      { key: "q-cache-invalidation", kind: "question", question: "cache-invalidation",
        title: "Cache invalidation at scale", group: "", minutes: 10, lines: 5,
        signals: ["design", "ownership"], indicators: [], anchors: [] }] },
    { ...base, title: "Question 3", heading: "Question 3", start: 25, end: 35, minutes: 10, entries: [
      { key: "q-ownership-story", kind: "question", question: "ownership-story",
        title: "A time you owned an outage", group: "", minutes: 10, lines: 5,
        signals: ["ownership"], indicators: [], anchors: [] }] },
  ]);
  assert.deepEqual(card.dimensions.map((dimension) => dimension.key), ["dim-design", "dim-ownership"]);
  assert.deepEqual(skeleton.sections[0].entries, [], "the skeleton itself is left as it was");
  assert.deepEqual(loopCard(skeleton, withHire, [], 60).sections, [{ ...base, entries: [] }]);
});

// --- A loop as a link (loop/share.mjs) ---------------------------------------------------

test("a loop and its code make a round trip: the same questions, order and target", () => {
  const ids = ["ownership-story", "replicated-log", "cache-invalidation"];
  const code = encodeLoop(ids, 90);
  assert.equal(code, "v1.90.ownership-story,replicated-log,cache-invalidation");
  assert.match(code, /^[A-Za-z0-9.,_-]+$/, "URL-safe as it is");
  assert.equal(codeOf("#share=" + code), code);
  assert.deepEqual(decodeLoop(codeOf("#share=" + code), data), { ids, target: 90, problems: [] });
  // A link a chat program escaped, and former ids, read as the current ones.
  assert.deepEqual(decodeLoop(codeOf("#share=v1.45.cache-busting%2Cownership-story"), data),
                   { ids: ["cache-invalidation", "ownership-story"], target: 45, problems: [] });
  assert.equal(codeOf("#questions"), null);
  assert.equal(codeOf(""), null);
});

test("a hostile code gives only ids that exist, each once, and says what it left out", () => {
  const shared = decodeLoop("v1.60.replicated-log,<img src=x onerror=alert(1)>,constructor,__proto__," +
                            "replicated-log,cache-busting,cache-invalidation," + "z".repeat(300), data);
  assert.deepEqual(shared.ids, ["replicated-log", "cache-invalidation"]);
  assert.equal(shared.target, 60);
  assert.deepEqual(shared.problems, ["4 questions of the link are not on this site and were left out: " +
    "<img src=x onerror=alert(1)>, constructor, __proto__, " + "z".repeat(40) + "\u2026."]);
  assert.equal(({}).polluted, undefined);

  const badTarget = decodeLoop("v1.99999.replicated-log", data);
  assert.equal(badTarget.target, 60);
  assert.deepEqual(badTarget.ids, ["replicated-log"]);
  assert.match(badTarget.problems[0], /target length \(99999\) is not a number of minutes/);

  for (const junk of ["", "garbage", "v1", "v1.60", "x1.60.replicated-log", "%E0%A4%A"]) {
    const read = decodeLoop(junk, data);
    assert.deepEqual(read.ids, [], junk);
    assert.equal(read.problems.length, 1, junk);
  }
  assert.match(decodeLoop("v2.60.replicated-log", data).problems[0], /newer format \(v2\)/);
  assert.equal(codeOf("#share=%E0%A4%A"), "%E0%A4%A", "text that is not escaped is read as it is");
});

test("a code's length and number of questions are capped", () => {
  const many = Array.from({ length: 500 }, (_, n) => "no-such-" + n);
  const long = decodeLoop("v1.60." + ["replicated-log", ...many].join(",") + "," + "y".repeat(MAX_CODE), data);
  assert.deepEqual(long.ids, ["replicated-log"]);
  assert.match(long.problems[0], /too long: only its first 8000 characters/);
  assert.match(long.problems[1], /questions of the link are not on this site.*, and \d+ more\.$/);

  const big = prepare({ ...fixture("finder.json"), questions: Array.from({ length: MAX_SHARED + 20 }, (_, n) =>
    ({ i: "q" + n, t: "Q" + n, p: 0, u: 0, k: 0, l: [0], s: [0], r: [] })) });
  const capped = decodeLoop(encodeLoop(big.questions.map((question) => question.i), 60), big);
  assert.equal(capped.ids.length, MAX_SHARED);
  assert.deepEqual(capped.problems, ["Only the first " + MAX_SHARED + " questions of the link were taken."]);
});

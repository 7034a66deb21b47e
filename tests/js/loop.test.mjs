import { test } from "node:test";
import assert from "node:assert/strict";

import { clean, loopCard, mergeLoops, moved, resolve, resolveNote, toggled, totalText, version }
  from "../../docs/assets/javascripts/loop/list.mjs";
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

test("a loop's version names its set of questions, in any order", () => {
  assert.match(version(["a", "b"]), /^[0-9a-f]{8}$/);
  assert.equal(version(["a", "b"]), version(["b", "a"]));
  assert.notEqual(version(["a", "b"]), version(["a", "c"]));
  assert.equal(version([]), "811c9dc5");
});

test("the loop's total counts questions and their suggested minutes", () => {
  const q = (id) => data.byId[id];
  assert.equal(totalText([]), "");
  assert.equal(totalText([q("replicated-log"), q("ownership-story")]), "2 questions, about 25 min");
  assert.equal(totalText([q("replicated-log"), q("cache-invalidation")]),
               "2 questions, about 15 min for the 1 with a suggested time");
  assert.equal(totalText([q("cache-invalidation")]), "1 question");
});

test("the loop's card is the build's skeleton with a question entry per question", () => {
  const skeleton = fixture("loop-skeleton.json");
  const withHire = prepare(fixture("finder.json"));
  withHire.byId["replicated-log"].h = ["Knows checkpoints"];
  const card = loopCard(skeleton, withHire, ["replicated-log", "ownership-story"]);
  assert.deepEqual(Object.keys(card).sort(), Object.keys(skeleton).sort());
  assert.equal(card.rubric_version, version(["replicated-log", "ownership-story"]));
  assert.equal(card.form, "loop");
  assert.deepEqual(card.sections, [{ ...skeleton.sections[0], minutes: 25, entries: [
    { key: "q-replicated-log", kind: "question", question: "replicated-log",
      title: "Replicated log checkpointing", group: "", minutes: 15, lines: 8,
      indicators: ["Knows checkpoints"] },
    { key: "q-ownership-story", kind: "question", question: "ownership-story",
      title: "A time you owned an outage", group: "", minutes: 10, lines: 5,
      indicators: [] },
  ] }]);
  assert.deepEqual(skeleton.sections[0].entries, [], "the skeleton itself is left as it was");
});

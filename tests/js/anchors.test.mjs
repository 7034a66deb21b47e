import { test } from "node:test";
import assert from "node:assert/strict";

import { anchorShown, betweenText, scoreOf, summaryOf } from "../../docs/assets/javascripts/scorecard/anchors.mjs";

const SCORES = [5, 3, 1];

test("the point under the pointer wins, then the focused one, then the chosen score", () => {
  assert.deepEqual(anchorShown(SCORES, {}), { kind: "hint" });
  assert.deepEqual(anchorShown(SCORES, { chosen: 3 }), { kind: "anchor", score: 3 });
  assert.deepEqual(anchorShown(SCORES, { focused: 1, chosen: 3 }), { kind: "anchor", score: 1 });
  assert.deepEqual(anchorShown(SCORES, { hovered: 5, focused: 1, chosen: 3 }), { kind: "anchor", score: 5 });
  assert.deepEqual(anchorShown(SCORES, { hovered: null, focused: null, chosen: null }), { kind: "hint" });
});

test("a point with no anchor of its own names the anchors around it", () => {
  assert.deepEqual(anchorShown(SCORES, { hovered: 4 }), { kind: "between", score: 4, below: 3, above: 5 });
  assert.equal(betweenText({ score: 4, below: 3, above: 5 }),
               "4: no anchor of its own; between the anchors for 3 and 5.");
  assert.deepEqual(anchorShown([3, 1], { chosen: 5 }), { kind: "between", score: 5, below: 3, above: null });
  assert.equal(betweenText({ score: 5, below: 3, above: null }), "5: no anchor of its own; the nearest is 3.");
  assert.equal(betweenText({ score: 2, below: null, above: null }), "2: no anchor of its own.");
});

test("only an item's score radios stand for a score", () => {
  assert.deepEqual(scoreOf("q-state-transfer:score", "4"), { key: "q-state-transfer", score: 4 });
  assert.deepEqual(scoreOf("dim-ownership:score", "1"), { key: "dim-ownership", score: 1 });
  assert.equal(scoreOf("q-x:hire-1", "yes"), null);
  assert.equal(scoreOf("recommendation", "hire"), null);
  assert.equal(scoreOf("q-x:score", ""), null);
});

test("the disclosure names the points it holds, lowest first", () => {
  assert.equal(summaryOf([5, 3, 1]), "What a 1, 3 and 5 sound like");
  assert.equal(summaryOf([5, 4, 3, 1]), "What a 1, 3, 4 and 5 sound like");
  assert.equal(summaryOf([3]), "What a 3 sound like");
});

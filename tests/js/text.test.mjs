import { test } from "node:test";
import assert from "node:assert/strict";

import { asText, fill, hashId, plural, shorten, slug, trimEnd, words }
  from "../../docs/assets/javascripts/core/text.mjs";

test("text helpers", () => {
  assert.equal(plural(1, "question"), "1 question");
  assert.equal(plural(1200, "question"), "1,200 questions");
  assert.equal(slug("  Ünïcode / Candidate #1 "), "unicode-candidate-1");
  assert.equal(slug("***"), "draft");
  assert.deepEqual(words("Résumé deep-dive: QUORUM_reads 2"), ["resume", "deep", "dive", "quorum", "reads", "2"]);
  assert.equal(shorten("abcdef", 3), "abc\u2026");
  assert.equal(shorten("abc", 3), "abc");
  assert.equal(trimEnd("a \n\t"), "a");
  assert.equal(asText(3), "3");
  assert.equal(asText({}), "");
  assert.equal(fill("{form}|{playbook}|{other}", { form: "f", playbook: "p" }), "f|p|{other}");
});

test("a hash names an id, percent-decoded where it can be", () => {
  assert.equal(hashId("#caf%C3%A9"), "café");
  assert.equal(hashId("#%E0%A4%A"), "%E0%A4%A");
  assert.equal(hashId("plain"), "plain");
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { canonicalJson, checksumOf, sha256 } from "../../docs/assets/javascripts/core/checksum.mjs";

const nodeSha = (text) => createHash("sha256").update(text, "utf8").digest("hex");

test("sha256 matches node's for lengths around every block boundary and non-ASCII text", () => {
  for (let length = 0; length <= 130; length++) {
    const text = "a".repeat(length);
    assert.equal(sha256(text), nodeSha(text), `length ${length}`);
  }
  for (const text of ["Candidate A — naïve ✓", "日本語のメモ", "😀 emoji", "\u0000\n\t"]) {
    assert.equal(sha256(text), nodeSha(text), text);
  }
  assert.equal(sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});

test("canonical JSON sorts keys at every depth and drops nothing but undefined", () => {
  const a = { b: 1, a: { d: [3, { z: null, y: "x" }], c: true } };
  const b = { a: { c: true, d: [3, { y: "x", z: null }] }, b: 1 };
  assert.equal(canonicalJson(a), canonicalJson(b));
  assert.equal(canonicalJson(a), '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}');
  assert.equal(canonicalJson({ a: undefined, b: "\u2028\"" }), '{"b":"\u2028\\""}');
});

test("the checksum leaves out its own field and changes with any edit", () => {
  const record = { candidate: "Candidate A", entries: [{ score: 4 }] };
  const sum = checksumOf(record);
  assert.match(sum, /^sha256:[0-9a-f]{64}$/);
  assert.equal(checksumOf({ ...record, checksum: sum }), sum);
  assert.notEqual(checksumOf({ ...record, entries: [{ score: 5 }] }), sum);
});

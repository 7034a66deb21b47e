import { test } from "node:test";
import assert from "node:assert/strict";

import { draftAt, draftKey, draftName, draftTitle, draftsOf, extraOf, mergeDrafts, newDraft, placeDraft,
         unnamedKey, versionWarning, withExtra } from "../../docs/assets/javascripts/scorecard/drafts.mjs";
import { parse } from "../../docs/assets/javascripts/core/storage.mjs";
import { fixture, plain } from "./helpers.mjs";

const card = fixture("card.json");

test("a draft's key names the form, the playbook and the candidate, as the card says", () => {
  assert.equal(draftKey(card, "Candidate A"), "scorecard|backend-senior|Candidate A");
  assert.equal(draftKey({ ...card, form: "debrief" }, "B"), "debrief|backend-senior|B");
  assert.equal(draftKey({ ...card, draft_key: "{playbook}/{candidate}" }, "{form}"), "backend-senior/{form}",
               "a label is never read as a placeholder");
});

test("stored drafts are read in the shape this site writes, whatever was stored", () => {
  const all = parse('{"scorecard|x|y": 5, "scorecard|x|z": {"fields": {"__proto__": {"polluted": true}, ' +
                    '"n": 3, "list": ["a", 1, "b"], "gone": {}}, "candidate": {}, "saved_at": 7}, ' +
                    '"__proto__": {"fields": {}}}');
  assert.equal(draftAt(all, "scorecard|x|y"), null);
  assert.equal(draftAt(all, "constructor"), null);
  const draft = draftAt(all, "scorecard|x|z");
  assert.deepEqual(plain(draft), { form: "", playbook: "", candidate: "", rubric_version: "", saved_at: "7",
                                   fields: { n: "3", list: ["a", "b"] } });
  assert.equal(({}).polluted, undefined);
  assert.notEqual(draftAt(all, "__proto__"), null, "__proto__ is a key like any other");
});

test("a playbook's drafts of one form are listed latest first", () => {
  const at = (candidate, saved_at, form = "scorecard", playbook = card.playbook) =>
    ({ form, playbook, candidate, rubric_version: "v2", saved_at, fields: {} });
  const all = {
    a: at("A", "2024-01-01T10:00:00Z"), b: at("B", "2024-03-01T10:00:00Z"),
    c: at("C", "2024-02-01T10:00:00Z"), d: at("D", "2025-01-01T00:00:00Z", "debrief"),
    e: at("E", "2025-01-01T00:00:00Z", "scorecard", "other"), f: "not a draft",
  };
  assert.deepEqual(draftsOf(all, card).map((item) => item.draft.candidate), ["B", "C", "A"]);
  assert.deepEqual(draftsOf(all, { ...card, form: "debrief" }).map((item) => item.key), ["d"]);
});

test("a new draft keeps the version it was first filled in against", () => {
  const draft = newDraft(card, "A", "v1", { a: "1" }, new Date("2025-05-06T07:08:09Z"));
  assert.deepEqual(draft, { form: "scorecard", playbook: card.playbook, candidate: "A", rubric_version: "v1",
                            saved_at: "2025-05-06T07:08:09.000Z", fields: { a: "1" } });
});

test("a draft from another rubric version is flagged, naming both versions", () => {
  assert.equal(versionWarning("v2", "v2"), "");
  assert.equal(versionWarning("", "v2"), "", "a draft of no version is not flagged");
  assert.equal(versionWarning("0ld0ld00", "v2"), "This draft was filled in against rubric version 0ld0ld00; " +
    "the rubric has changed since (now v2). Check the questions before you rely on it.");
});

test("drafts from before scoping join the scoped ones; a draft both have keeps its scoped form", () => {
  const merged = JSON.parse(mergeDrafts('{"a": {"n": "new"}}', '{"a": {"n": "old"}, "b": {"n": "old"}}'));
  assert.deepEqual(merged, { a: { n: "new" }, b: { n: "old" } });
  assert.equal(mergeDrafts('{"a": 1}', '["a list"]'), null);
  assert.equal(mergeDrafts("[]", "{}"), null);
});

test("the values only the other variant of a scorecard has are kept with the form's own", () => {
  const names = new Set(["candidate", "q-a:score"]);
  const stored = { candidate: "A", "q-a:score": "3", strengths: "Only on the full card" };
  const extra = extraOf(stored, names);
  assert.deepEqual(plain(extra), { strengths: "Only on the full card" });
  assert.deepEqual(plain(withExtra(extra, { candidate: "A", "q-a:score": "5" })),
                   { strengths: "Only on the full card", candidate: "A", "q-a:score": "5" });
  assert.deepEqual(plain(withExtra({ x: "old" }, { x: "new" })), { x: "new" }, "the form's own value wins");
});

test("what is entered before a label is an unnamed draft, under a generated id", () => {
  assert.equal(unnamedKey(card, "k3x-1a2b"), "scorecard|backend-senior|~unnamed-k3x-1a2b");
  assert.equal(draftName({ candidate: "" }), "Unnamed draft");
  assert.equal(draftName({ candidate: "Candidate A" }), "Candidate A");
  assert.match(draftTitle({ candidate: "", saved_at: "2025-03-14T14:03:00Z" }), /^Unnamed draft \u00b7 .*\d\d/);
  assert.equal(draftTitle({ candidate: "B", saved_at: "not a time" }), "B");
});

test("an unnamed draft is renamed when it gets a label, a labelled one is kept", () => {
  const unnamed = unnamedKey(card, "1");
  const at = (candidate) => newDraft(card, candidate, "v2", { "q-a:score": "4" }, new Date(0));
  const all = { [unnamed]: at(""), other: at("Other") };
  const named = draftKey(card, "Candidate A");
  assert.equal(placeDraft(all, named, at("Candidate A"), unnamed), unnamed);
  assert.deepEqual(Object.keys(all).sort(), ["other", named], "renamed, not copied");
  assert.deepEqual(all[named].fields, { "q-a:score": "4" });
  // A label edited into another: the first candidate's draft stays.
  assert.equal(placeDraft(all, draftKey(card, "Candidate B"), at("Candidate B"), named), null);
  assert.ok(named in all);
  // Saving the open draft again, or with nothing open before, removes nothing.
  assert.equal(placeDraft(all, named, at("Candidate A"), named), null);
  assert.equal(placeDraft(all, unnamedKey(card, "2"), at(""), null), null);
  assert.equal(Object.keys(all).length, 4);
});

test("a submitted draft keeps its record, and lists say it is submitted", () => {
  const record = { status: "submitted", checksum: "sha256:" + "0".repeat(64) };
  const all = {
    a: { form: "scorecard", playbook: "p", candidate: "A", saved_at: "2025-03-14T09:30:00Z", fields: {},
         submitted: record },
    b: { form: "scorecard", playbook: "p", candidate: "B", saved_at: "2025-03-14T09:30:00Z", fields: {},
         submitted: { status: "draft" } },
    c: { form: "scorecard", playbook: "p", candidate: "C", saved_at: "2025-03-14T09:30:00Z", fields: {},
         submitted: "yes" },
  };
  assert.deepEqual(draftAt(all, "a").submitted, record);
  assert.equal("submitted" in draftAt(all, "b"), false, "only a submitted record counts");
  assert.equal("submitted" in draftAt(all, "c"), false);
  assert.match(draftTitle(draftAt(all, "a")), /^A · .+ · submitted$/);
  assert.doesNotMatch(draftTitle(draftAt(all, "b")), /submitted/);
});

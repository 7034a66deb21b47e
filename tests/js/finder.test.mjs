import { test } from "node:test";
import assert from "node:assert/strict";

import { MAX_QUERY, MAX_VALUES, aliases, fromQuery, matching, toQuery, unknownNote }
  from "../../docs/assets/javascripts/finder/filter.mjs";
import { addHire, currentId, names, playbookById, prepare, questionUrl, topicsLackingHire }
  from "../../docs/assets/javascripts/finder/data.mjs";
import { fixture, plain } from "./helpers.mjs";

const data = prepare(fixture("finder.json"));
const known = aliases(data);
const ids = (questions) => questions.map((question) => question.i);

test("a shared link's filter is read with current ids; unknown values are listed, shortened", () => {
  const filter = fromQuery("?level=senior-staff&level=staff&signal=design&colour=red&level=constructor" +
                           "&role=__proto__&topic=" + "z".repeat(60) + "&q=cache", known);
  assert.deepEqual(plain(filter.groups), { level: ["staff"], signal: ["design"] });
  assert.equal(filter.q, "cache");
  assert.deepEqual(filter.unknown, ["colour=red", "level=constructor", "role=__proto__",
                                    "topic=" + "z".repeat(40) + "\u2026"]);
  assert.equal(unknownNote(filter.unknown), "Not understood, so left out of the filter: colour=red, " +
               "level=constructor, role=__proto__, topic=" + "z".repeat(40) + "\u2026.");
  assert.equal(unknownNote([]), "");
  assert.equal(({}).polluted, undefined);
});

test("at most MAX_VALUES values are read, and q is cut", () => {
  const many = Array.from({ length: MAX_VALUES + 5 }, () => "level=staff").join("&");
  const filter = fromQuery(many + "&q=" + "x".repeat(500), known);
  assert.deepEqual(filter.groups.level, ["staff"]);
  assert.deepEqual(filter.unknown, ["and 5 more"]);
  assert.equal(filter.q.length, MAX_QUERY);
});

test("a filter and its query string make a round trip", () => {
  const filter = { groups: { signal: ["design", "ownership"], level: ["staff"] }, q: "cache à la" };
  const query = toQuery(filter);
  assert.equal(query, "?level=staff&signal=design&signal=ownership&q=cache+%C3%A0+la");
  const back = fromQuery(query, known);
  assert.deepEqual(plain(back.groups), { level: ["staff"], signal: ["design", "ownership"] });
  assert.equal(back.q, filter.q);
  assert.deepEqual(back.unknown, []);
  assert.equal(toQuery({ groups: {}, q: "" }), "");
});

test("values of one group are ORed, groups ANDed", () => {
  const all = { groups: {}, q: "" };
  assert.deepEqual(ids(matching(data, all)), ids(data.questions));
  assert.deepEqual(ids(matching(data, { groups: { level: ["staff"] }, q: "" })),
                   ["replicated-log", "cache-invalidation", "resume-deep-dive"]);
  assert.deepEqual(ids(matching(data, { groups: { level: ["staff"], signal: ["ownership"] }, q: "" })),
                   ["cache-invalidation", "resume-deep-dive"]);
  assert.deepEqual(ids(matching(data, { groups: { signal: ["ownership", "design"] }, q: "" })),
                   ids(data.questions));
  assert.deepEqual(ids(matching(data, { groups: { role: ["frontend"] }, q: "" })), ["ownership-story"]);
  assert.deepEqual(ids(matching(data, { groups: { kind: ["behavioural"], topic: ["people"] }, q: "" })),
                   ["ownership-story", "resume-deep-dive"]);
  assert.deepEqual(ids(matching(data, { groups: { topic: ["storage"], kind: ["behavioural"] }, q: "" })), []);
});

test("the title filter finds words starting with each term, in any order, case and accent", () => {
  const titles = (q) => ids(matching(data, { groups: {}, q }));
  assert.deepEqual(titles("CACHE"), ["cache-invalidation"]);
  assert.deepEqual(titles("scale inval"), ["cache-invalidation"]);
  assert.deepEqual(titles("resume"), ["resume-deep-dive"]);
  assert.deepEqual(titles("valid"), [], "the middle of a word is not a match");
  assert.deepEqual(titles("  "), ids(data.questions));
});

test("questions are found by current or former id, and link to their page", () => {
  assert.equal(currentId(data, "cache-busting"), "cache-invalidation");
  assert.equal(currentId(data, "replicated-log"), "replicated-log");
  assert.equal(currentId(data, "constructor"), null);
  assert.equal(questionUrl(data, data.byId["cache-invalidation"]), "questions/storage/2/#cache-invalidation");
  assert.deepEqual(names(data, "levels", [1, 0, 7]), ["Staff", "Senior MTS"]);
});

test("hire indicators and cues are read per bank, once; what is not text is left out", () => {
  const fresh = prepare(fixture("finder.json"));
  assert.deepEqual(topicsLackingHire(fresh, ["replicated-log", "cache-invalidation", "ownership-story"]), [0, 1]);
  addHire(fresh, 0, {
    "replicated-log": { h: ["Knows checkpoints", 7], a: "How do you checkpoint a log?",
                        b: [["mandatory", "Where is the checkpoint stored?", "if vague"], ["follow-up", "And then?"], ["hard"]],
                        s: ["Snapshot plus tail"], n: [[5, "Snapshot plus tail, and why"], ["3", "text"], [1], [1, "No checkpoint"]] },
  });
  assert.deepEqual(fresh.byId["replicated-log"].h, ["Knows checkpoints"]);
  assert.deepEqual(plain(fresh.byId["replicated-log"].c), {
    a: "How do you checkpoint a log?",
    b: [["mandatory", "Where is the checkpoint stored?", "if vague"], ["follow-up", "And then?"]],
    s: ["Snapshot plus tail"], n: [[5, "Snapshot plus tail, and why"], [1, "No checkpoint"]] });
  assert.deepEqual(fresh.byId["cache-invalidation"].h, []);
  assert.deepEqual(topicsLackingHire(fresh, ["replicated-log", "ownership-story"]), [1]);
  addHire(fresh, 1, { "ownership-story": ["An indicator in the old shape"], "resume-deep-dive": "nonsense" });
  assert.deepEqual(fresh.byId["ownership-story"].h, ["An indicator in the old shape"]);
  assert.deepEqual(fresh.byId["resume-deep-dive"].h, []);
});

test("playbooks are found by id only", () => {
  assert.equal(playbookById(data, "storage-staff").t, "Storage Staff loop");
  assert.equal(playbookById(data, "constructor"), null);
  assert.equal(playbookById(data, ""), null);
  assert.equal(playbookById(prepare({ ...fixture("finder.json"), playbooks: undefined }), "storage-staff"), null);
});

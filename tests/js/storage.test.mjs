import { test } from "node:test";
import assert from "node:assert/strict";

import { createStorage, parse, storageProblem } from "../../docs/assets/javascripts/core/storage.mjs";
import { MemoryStorage, plain } from "./helpers.mjs";

const SCOPE = "/interview-playbooks/";
const NAME = "interview-playbooks:drafts:v1";
const KEY = SCOPE + "." + NAME;
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

function site(entries, quota) {
  const store = new MemoryStorage(entries, quota);
  return { store, storage: createStorage({ store: () => store, scope: SCOPE }) };
}

test("keys are scoped to the site's path", () => {
  const { store, storage } = site();
  assert.equal(storage.key(NAME), KEY);
  assert.deepEqual(storage.write(NAME, { a: 1 }), { ok: true });
  assert.deepEqual(store.snapshot(), { [KEY]: '{"a":1}' });
  assert.deepEqual(plain(storage.read(NAME, isObject, null)), { a: 1 });
  assert.deepEqual(storage.remove(NAME), { ok: true });
  assert.deepEqual(store.snapshot(), {});
});

test("a value that is not what the page wrote is kept aside, and the page starts fresh", () => {
  for (const raw of ["{not json", '["a", "list"]', JSON.stringify("x".repeat(100_000))]) {
    const { store, storage } = site({ [KEY]: raw });
    assert.deepEqual(storage.read(NAME, isObject, "fresh"), "fresh");
    assert.deepEqual(store.snapshot(), { [KEY + ":unreadable"]: raw }, raw.slice(0, 20));
  }
  // An empty value is no value: nothing to keep aside.
  const { store, storage } = site({ [KEY]: "" });
  assert.equal(storage.read(NAME, isObject, "fresh"), "fresh");
  assert.deepEqual(store.snapshot(), { [KEY]: "" });
});

test("objects read back have no prototype: __proto__ is a plain key", () => {
  const value = parse('{"__proto__": {"polluted": true}, "a": {"constructor": 1}}');
  assert.equal(Object.getPrototypeOf(value), null);
  assert.deepEqual(Object.keys(value), ["__proto__", "a"]);
  assert.equal(({}).polluted, undefined);
  assert.equal(value.a.constructor, 1);
});

test("a write says why it failed: full, or no storage at all", () => {
  const full = site({}, 10).storage;
  const refused = full.write(NAME, { note: "more than ten characters" });
  assert.deepEqual(refused, { ok: false, reason: "full" });
  assert.match(storageProblem(refused), /full/);

  const blocked = createStorage({ store: () => { throw new Error("SecurityError"); }, scope: SCOPE });
  assert.deepEqual(blocked.write(NAME, 1), { ok: false, reason: "unavailable" });
  assert.equal(blocked.read(NAME, isObject, "fallback"), "fallback");
  assert.match(storageProblem(blocked.write(NAME, 1)), /unavailable \(private browsing/);
  assert.deepEqual(blocked.probe(), { ok: false, reason: "unavailable" }, "known before any write");
  const throwing = createStorage({ store: () => ({ getItem() { throw new Error("SecurityError"); } }),
                                   scope: SCOPE });
  assert.deepEqual(throwing.probe(), { ok: false, reason: "unavailable" });
  assert.deepEqual(full.probe(), { ok: true }, "a full storage still reads");
  const none = createStorage({ store: () => null, scope: SCOPE });
  assert.deepEqual(none.probe(), { ok: false, reason: "unavailable" });
  assert.deepEqual(none.remove(NAME), { ok: false, reason: "unavailable" });
  assert.equal(storageProblem({ ok: true }), "");
});

test("an origin-wide key of earlier versions moves to the scoped key once", () => {
  const { store, storage } = site({ [NAME]: '{"a":1}' });
  storage.migrate(NAME);
  assert.deepEqual(store.snapshot(), { [KEY]: '{"a":1}' });
  storage.migrate(NAME); // nothing left to move
  assert.deepEqual(store.snapshot(), { [KEY]: '{"a":1}' });
});

test("where both keys exist, merge decides, else the old value is kept aside", () => {
  const merge = (scoped, old) => JSON.stringify({ ...JSON.parse(old), ...JSON.parse(scoped) });
  let { store, storage } = site({ [NAME]: '{"a":1,"b":1}', [KEY]: '{"b":2}' });
  storage.migrate(NAME, merge);
  assert.deepEqual(store.snapshot(), { [KEY]: '{"a":1,"b":2}' });

  ({ store, storage } = site({ [NAME]: "old", [KEY]: "new" }));
  storage.migrate(NAME, () => null); // the merge cannot read them
  assert.deepEqual(store.snapshot(), { [KEY]: "new", [KEY + ":before-scoping"]: "old" });

  ({ store, storage } = site({ [NAME]: "old", [KEY]: "new" }));
  storage.migrate(NAME, () => { throw new Error("broken merge"); });
  assert.deepEqual(store.snapshot(), { [KEY]: "new", [KEY + ":before-scoping"]: "old" });

  ({ store, storage } = site({ [NAME]: "same", [KEY]: "same" }));
  storage.migrate(NAME);
  assert.deepEqual(store.snapshot(), { [KEY]: "same" });
});

test("the old key stays where its value could not be saved under the scoped one", () => {
  const { store, storage } = site({ [NAME]: '{"a":"a long enough value"}' }, 40);
  storage.migrate(NAME);
  assert.deepEqual(store.snapshot(), { [NAME]: '{"a":"a long enough value"}' });
});

test("storage events concern a key, or everything when storage was cleared", () => {
  const { storage } = site();
  assert.equal(storage.concerns({ key: KEY }, NAME), true);
  assert.equal(storage.concerns({ key: null }, NAME), true);
  assert.equal(storage.concerns({ key: NAME }, NAME), false);
  assert.equal(storage.concerns({ key: "/other/." + NAME }, NAME), false);
});

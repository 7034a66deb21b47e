// Shared by the unit tests: fixtures, and a Storage that behaves like the browser's.
import { readFileSync } from "node:fs";

/** A fixture from tests/js/fixtures/, parsed afresh (tests may change it). */
export function fixture(name) {
  return JSON.parse(readFileSync(new URL("./fixtures/" + name, import.meta.url), "utf-8"));
}

/** localStorage's interface over a Map; `quota` characters at most, like a full browser. */
export class MemoryStorage {
  constructor(entries = {}, quota = Infinity) {
    this.items = new Map(Object.entries(entries));
    this.quota = quota;
  }

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + String(value).length > this.quota) {
      const error = new Error("The quota has been exceeded.");
      error.name = "QuotaExceededError";
      throw error;
    }
    this.items.set(key, String(value));
  }

  removeItem(key) {
    this.items.delete(key);
  }

  snapshot() {
    return Object.fromEntries(this.items);
  }
}

/** `value` with plain objects for objects without a prototype, to compare with literals. */
export function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

/*
 * This site's corner of localStorage, behind one interface.
 *
 * Every key is prefixed with the site's own path, the way Material scopes its keys
 * (`__md_scope`, set by the theme's first script: new URL(base, location)), so two sites
 * on one origin (project sites of one GitHub owner) keep apart drafts of the same name:
 * "/interview-playbooks/.interview-playbooks:drafts:v1". (Prefixes only keep them apart; a
 * page on the same origin can still read every key.)
 *
 * Keys stored before scoping, origin-wide, move to the scoped key once (on the first page
 * load), and are then removed; where both exist, `merge` decides what is kept, so nothing
 * typed is lost.
 *
 * Reading never throws: storage may be missing (private mode, blocked cookies) or hold a
 * value that is not what the page wrote (malformed JSON, the wrong type, edited by hand).
 * A value that cannot be read is kept aside under "<key>:unreadable" (the latest such
 * value) and the page starts fresh. Writing reports why it failed ("full": over the quota;
 * "unavailable": no storage, private mode or blocked site data), so the caller keeps what is
 * in the form and says so; `probe` tells before any write whether there is storage at all.
 *
 * `createStorage` takes the store and the scope, so the rules can be tested without a
 * browser; `pageStorage()` is the page's own, on window.localStorage.
 */

/** @typedef {{ok: true} | {ok: false, reason: "full" | "unavailable"}} WriteResult */

/**
 * @typedef {object} SiteStorage
 * @property {(name: string) => string} key the scoped key of `name`
 * @property {<T>(name: string, accept: (value: unknown) => boolean, fallback: T) => T} read
 * @property {(name: string, value: unknown) => WriteResult} write
 * @property {(name: string) => WriteResult} remove
 * @property {() => WriteResult} probe whether storage can be read at all (a full one can)
 * @property {(event: {key: string | null}, name: string) => boolean} concerns
 * @property {(name: string, merge?: (scoped: string, old: string) => string | null) => void} migrate
 */

/** @param {unknown} error @returns {WriteResult} */
function failure(error) {
  const name = error && typeof error === "object" && "name" in error ? error.name : "";
  const code = error && typeof error === "object" && "code" in error ? error.code : 0;
  const full = name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" ||
    code === 22 || code === 1014;
  return { ok: false, reason: full ? "full" : "unavailable" };
}

/**
 * What a failed write means for the reader, to finish a sentence ("Could not save the
 * draft: ...").
 * @param {WriteResult} result
 */
export function storageProblem(result) {
  if (result.ok) return "";
  return result.reason === "full" ? "this browser's storage is full"
    : "this browser's storage is unavailable (private browsing, or site data blocked)";
}

/**
 * A parsed value with no prototype behind its objects, so keys such as "__proto__" are
 * plain keys.
 * @param {string} raw
 * @returns {unknown}
 */
export function parse(raw) {
  return JSON.parse(raw, (name, value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    const plain = Object.create(null);
    for (const own of Object.keys(value)) plain[own] = value[own];
    return plain;
  });
}

/**
 * Storage under the path `scope`, in the store `store()` gives (null where there is none;
 * it is asked each time, since the getter itself throws where storage is blocked).
 * @param {{store: () => Storage | null, scope: string}} options
 * @returns {SiteStorage}
 */
export function createStorage({ store, scope }) {
  const prefix = scope + ".";

  function backend() {
    try {
      return store() || null;
    } catch (error) {
      return null;
    }
  }

  /** @param {string} fullKey */
  function getRaw(fullKey) {
    const where = backend();
    if (!where) return null;
    try {
      return where.getItem(fullKey);
    } catch (error) {
      return null;
    }
  }

  /** @param {string} fullKey @param {string} value @returns {WriteResult} */
  function setRaw(fullKey, value) {
    const where = backend();
    if (!where) return { ok: false, reason: "unavailable" };
    try {
      where.setItem(fullKey, value);
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  /** @param {string} fullKey @returns {WriteResult} */
  function removeRaw(fullKey) {
    const where = backend();
    if (!where) return { ok: false, reason: "unavailable" };
    try {
      where.removeItem(fullKey);
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  /** @param {string} name */
  function key(name) {
    return prefix + name;
  }

  return {
    key,

    // The value stored under `name` if `accept(value)` is true, else `fallback`; a value
    // that is not accepted is kept aside under "<key>:unreadable".
    read(name, accept, fallback) {
      const raw = getRaw(key(name));
      if (raw === null || raw === "") return fallback;
      let value;
      try {
        value = parse(raw);
      } catch (error) {
        value = undefined;
      }
      if (value !== undefined && accept(value)) return /** @type {any} */ (value);
      if (setRaw(key(name) + ":unreadable", raw).ok) removeRaw(key(name));
      return fallback;
    },

    write(name, value) {
      return setRaw(key(name), JSON.stringify(value));
    },

    remove(name) {
      return removeRaw(key(name));
    },

    // Whether there is storage to read (none in some private modes, or with site data
    // blocked: the getter or getItem throws). A full store reads; only a write finds it full.
    probe() {
      const where = backend();
      if (!where) return { ok: false, reason: "unavailable" };
      try {
        where.getItem(key(""));
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: "unavailable" };
      }
    },

    // Whether a `storage` event (another tab) is about `name` (or cleared everything).
    concerns(event, name) {
      return event.key === null || event.key === key(name);
    },

    // Move the origin-wide key `name` to its scoped key, once. If both exist,
    // `merge(scoped, old)` (raw strings) gives the value to keep; without a merge, or if it
    // returns null, the scoped value stays and the old one is kept aside under
    // "<key>:before-scoping". The old key is removed only once its value is safe under a
    // scoped key.
    migrate(name, merge) {
      const old = getRaw(name);
      if (old === null) return;
      const scoped = getRaw(key(name));
      let kept = { ok: true };
      if (scoped === null) {
        kept = setRaw(key(name), old);
      } else if (merge) {
        let merged = null;
        try {
          merged = merge(scoped, old);
        } catch (error) {
          merged = null;
        }
        kept = merged === null ? setRaw(key(name) + ":before-scoping", old) : setRaw(key(name), merged);
      } else if (scoped !== old) {
        kept = setRaw(key(name) + ":before-scoping", old);
      }
      if (kept.ok) removeRaw(name);
    },
  };
}

/** The site's path, as Material scopes its own keys. */
function siteScope() {
  try {
    const scope = /** @type {{__md_scope?: URL}} */ (/** @type {unknown} */ (window)).__md_scope;
    if (scope && typeof scope.pathname === "string") return scope.pathname;
    const config = document.getElementById("__config");
    const base = config ? JSON.parse(config.textContent || "{}").base : ".";
    return new URL(base || ".", window.location.href).pathname;
  } catch (error) {
    return "/";
  }
}

/** @type {SiteStorage | null} */
let own = null;

/** The page's storage: window.localStorage under the site's path. */
export function pageStorage() {
  if (!own) own = createStorage({ store: () => window.localStorage, scope: siteScope() });
  return own;
}

/*
 * Interview Playbooks: this site's corner of localStorage (window.ipStorage).
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
 * value) and the page starts fresh; writing reports failure (quota) as `false`, so the
 * caller keeps what is in the form and says so.
 */
(function () {
  "use strict";

  function scope() {
    try {
      if (window.__md_scope && typeof window.__md_scope.pathname === "string") {
        return window.__md_scope.pathname;
      }
      var config = document.getElementById("__config");
      var base = config ? JSON.parse(config.textContent).base : ".";
      return new URL(base || ".", window.location.href).pathname;
    } catch (error) {
      return "/";
    }
  }

  var prefix = scope() + ".";

  function storage() {
    try {
      return window.localStorage || null; // the getter itself throws where storage is blocked
    } catch (error) {
      return null;
    }
  }

  /** The scoped key of `name`. */
  function key(name) {
    return prefix + name;
  }

  function getRaw(fullKey) {
    var store = storage();
    if (!store) return null;
    try {
      return store.getItem(fullKey);
    } catch (error) {
      return null;
    }
  }

  function setRaw(fullKey, value) {
    var store = storage();
    if (!store) return false;
    try {
      store.setItem(fullKey, value);
      return true;
    } catch (error) {
      return false;
    }
  }

  function removeRaw(fullKey) {
    var store = storage();
    if (!store) return false;
    try {
      store.removeItem(fullKey);
      return true;
    } catch (error) {
      return false;
    }
  }

  /** A parsed value with no prototype behind its objects, so keys such as "__proto__"
      are plain keys. */
  function parse(raw) {
    return JSON.parse(raw, function (name, value) {
      if (!value || typeof value !== "object" || Array.isArray(value)) return value;
      var plain = Object.create(null);
      Object.keys(value).forEach(function (own) { plain[own] = value[own]; });
      return plain;
    });
  }

  /**
   * The value stored under `name` if `accept(value)` is true, else `fallback`; a value
   * that is not accepted is kept aside under "<key>:unreadable".
   */
  function read(name, accept, fallback) {
    var raw = getRaw(key(name));
    if (raw === null || raw === "") return fallback;
    var value;
    try {
      value = parse(raw);
    } catch (error) {
      value = undefined;
    }
    if (value !== undefined && accept(value)) return value;
    if (setRaw(key(name) + ":unreadable", raw)) removeRaw(key(name));
    return fallback;
  }

  /** Store `value` as JSON under `name`; false if the browser refused (full, blocked). */
  function write(name, value) {
    return setRaw(key(name), JSON.stringify(value));
  }

  function remove(name) {
    return removeRaw(key(name));
  }

  /** Whether a `storage` event (another tab) is about `name` (or cleared everything). */
  function concerns(event, name) {
    return event.key === null || event.key === key(name);
  }

  /**
   * Move the origin-wide key `name` to its scoped key, once. If both exist, `merge(scoped,
   * old)` (raw strings) gives the value to keep; without a merge, or if it returns null, the
   * scoped value stays and the old one is kept aside under "<key>:before-scoping". The old
   * key is removed only once its value is safe under a scoped key.
   */
  function migrate(name, merge) {
    var old = getRaw(name);
    if (old === null) return;
    var scoped = getRaw(key(name));
    var kept = true;
    if (scoped === null) {
      kept = setRaw(key(name), old);
    } else if (merge) {
      var merged = null;
      try {
        merged = merge(scoped, old);
      } catch (error) {
        merged = null;
      }
      kept = merged === null ? setRaw(key(name) + ":before-scoping", old)
        : setRaw(key(name), merged);
    } else if (scoped !== old) {
      kept = setRaw(key(name) + ":before-scoping", old);
    }
    if (kept) removeRaw(name);
  }

  window.ipStorage = { key: key, read: read, write: write, remove: remove, concerns: concerns,
                       migrate: migrate, parse: parse };
})();

// Small text and value helpers shared by every module. Pure: no DOM, no storage.

/**
 * Whether `value` is a plain object (not null, not a list).
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Whether `object` has its own key `name` (objects without a prototype included).
 * @param {object} object
 * @param {string} name
 */
export function hasOwn(object, name) {
  return Object.prototype.hasOwnProperty.call(object, name);
}

/**
 * A stored or imported value as text: strings as they are, numbers written out, else "".
 * @param {unknown} value
 * @returns {string}
 */
export function asText(value) {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/**
 * "1 question", "2 questions", "1,000 questions".
 * @param {number} count
 * @param {string} word
 */
export function plural(count, word) {
  return count.toLocaleString("en") + " " + word + (count === 1 ? "" : "s");
}

/** @param {string} text */
export function quoted(text) {
  return "\u201c" + text + "\u201d";
}

/** @param {unknown} text */
export function trimEnd(text) {
  return String(text || "").replace(/\s+$/, "");
}

/**
 * A file-name part: ASCII letters and digits joined by hyphens ("draft" if nothing is left).
 * @param {unknown} text
 */
export function slug(text) {
  const value = String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return value || "draft";
}

/**
 * The words of a text, lower case and without accents, for matching titles.
 * @param {unknown} text
 * @returns {string[]}
 */
export function words(text) {
  return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * `text` cut to `max` characters, with an ellipsis if it was longer.
 * @param {unknown} text
 * @param {number} max
 */
export function shorten(text, max) {
  const value = String(text);
  return value.length > max ? value.slice(0, max) + "\u2026" : value;
}

/**
 * A saved time as the reader's locale writes it ("Mar 14, 10:05"), or "" if it is no time.
 * @param {string} iso
 */
export function formatTime(iso) {
  const date = new Date(iso);
  if (isNaN(date.getTime())) return "";
  try {
    return date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit",
                                            minute: "2-digit" });
  } catch (error) {
    return date.toLocaleString();
  }
}

/**
 * A format written by the build, with `{name}` placeholders, filled in
 * ("{form}|{playbook}|{candidate}" -> "scorecard|backend|Candidate A").
 * @param {string} format
 * @param {Record<string, string>} values
 */
export function fill(format, values) {
  return format.replace(/\{([a-z_]+)\}/g, (whole, name) => hasOwn(values, name) ? values[name] : whole);
}

/**
 * A URL's hash as the id it names: percent-decoded, or as written where it is not valid
 * percent-encoding (#%E0%A4%A).
 * @param {string} hash with or without its "#"
 */
export function hashId(hash) {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    return raw;
  }
}

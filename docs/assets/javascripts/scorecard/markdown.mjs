/*
 * Markdown export: all text is literal. Pure.
 *
 * The export is pasted into trackers and documents that render Markdown (often with HTML
 * allowed). Text from the data (titles, indicators, labels: contributor text) and what
 * was typed must read there exactly as written: every character CommonMark, GFM or
 * Python-Markdown with attribute lists would take as markup is escaped, with a backslash
 * where every Markdown reads one, else as a character reference (`<` as &lt;: not every
 * Markdown reads `\<` as an escape). Links written in the data ([label](target)) stay
 * links only when the target is an http(s) URL; any other target (javascript:, data:, a
 * page of this site) is dropped, leaving the label.
 */

/** @typedef {import("./document.mjs").Block} Block */
/** @typedef {import("./document.mjs").Inline} Inline */
/** @typedef {import("./document.mjs").Line} Line */

// Emphasis, code, links, tables, strikethrough and attribute lists; raw HTML, autolinks
// and block quotes; character references.
const MARKUP = /[\\`*_{}[\]|~<>]|&(?=#?[0-9A-Za-z]+;)/g;
/** @type {Record<string, string>} */
const REFERENCES = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "~": "&#126;" };

/** Links as interview_playbooks/text.py reads them: [label](target). */
export const LINK = /\[([^[\]\n]*)\]\(([^()\s]*)\)/g;

/** @param {string} character */
function escapeCharacter(character) {
  return REFERENCES[character] || "\\" + character;
}

/**
 * One line of literal text (line breaks become spaces).
 * @param {unknown} value
 */
export function literal(value) {
  return String(value).replace(/[\r\n]+/g, " ").replace(MARKUP, escapeCharacter);
}

/**
 * Text of several lines: each line literal, including what starts a block.
 * @param {unknown} value
 */
export function literalBlock(value) {
  return String(value).split(/\r\n|\r|\n/).map((line) =>
    literal(line.replace(/^\s+/, "")) // leading spaces would make a code block
      .replace(/^([-+#])/, "\\$1") // list item, thematic break, heading
      .replace(/^=/, "&#61;") // setext heading underline
      .replace(/^(\d+)([.)])/, "$1\\$2") // ordered list item
  ).join("\n");
}

/**
 * An http(s) URL, normalised; "" for any other target.
 * @param {string} raw
 */
export function webUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch (error) {
    return "";
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
}

/**
 * An http(s) URL written so that Markdown ends the link where the URL ends; else "".
 * @param {string} raw
 */
function webTarget(raw) {
  return webUrl(raw).replace(/[()<>\s`\\]/g, (character) =>
    "%" + character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"));
}

/**
 * Contributor text, its links given to `link(label, target)` and the text between them to
 * `text(part)`, joined.
 * @param {unknown} value
 * @param {(part: string) => string} text
 * @param {(label: string, target: string) => string} link
 */
export function eachLink(value, text, link) {
  const source = String(value || "");
  let out = "";
  let last = 0;
  for (const match of source.matchAll(LINK)) {
    out += text(source.slice(last, match.index)) + link(match[1], match[2]);
    last = (match.index || 0) + match[0].length;
  }
  return out + text(source.slice(last));
}

/**
 * Contributor text from the data: literal, except links to http(s) URLs.
 * @param {unknown} value
 */
export function fromData(value) {
  return eachLink(value, literal, (label, raw) => {
    const target = webTarget(raw);
    return target ? "[" + literal(label) + "](" + target + ")" : literal(label);
  });
}

/** @param {Inline} part @returns {string} */
function inline(part) {
  if (typeof part === "string") return part;
  if ("data" in part) return fromData(part.data);
  if ("typed" in part) return literal(part.typed);
  return "**" + part.strong.map(inline).join("") + "**";
}

/** @param {Line} line */
function lineText(line) {
  return line.map(inline).join("").replace(/\s+$/, "");
}

/** @param {Block} block @returns {string} */
function blockText(block) {
  if ("rule" in block) return "---";
  if ("heading" in block) return "### " + lineText(block.heading);
  if ("note" in block) return "_" + literal(block.note) + "_";
  if ("items" in block) {
    return block.items.map((item) => "- " + lineText(item.line) +
      (item.body ? " \u2014 " + literalBlock(item.body).replace(/\n/g, "\n  ") : "")).join("\n");
  }
  // Lines joined with Markdown's hard break (two spaces), the last one without.
  const text = block.lines.map(lineText).join("  \n");
  return block.body ? text + "  \n" + literalBlock(block.body) : text;
}

/**
 * The document in Markdown.
 * @param {Block[]} blocks
 */
export function toMarkdown(blocks) {
  return blocks.map(blockText).join("\n\n") + "\n";
}

/*
 * Plain-text export: the same document as the Markdown export, for places that show text
 * as it is (an applicant tracker's plain text box, an e-mail). Nothing is escaped: the
 * text is never rendered; a link from the data keeps its label and, if it is an http(s)
 * URL, the address in brackets. Pure.
 */

import { eachLink, webUrl } from "./markdown.mjs";

/** @typedef {import("./document.mjs").Block} Block */
/** @typedef {import("./document.mjs").Inline} Inline */
/** @typedef {import("./document.mjs").Line} Line */

/**
 * @param {string} value
 */
function oneLine(value) {
  return value.replace(/[\r\n]+/g, " ");
}

/** @param {Inline} part @returns {string} */
function inline(part) {
  if (typeof part === "string") return part;
  if ("data" in part) {
    return oneLine(eachLink(part.data, (text) => text, (label, raw) => {
      const url = webUrl(raw);
      return url ? label + " (" + url + ")" : label;
    }));
  }
  if ("typed" in part) return oneLine(part.typed);
  return part.strong.map(inline).join("");
}

/** @param {Line} line */
function lineText(line) {
  return line.map(inline).join("").replace(/\s+$/, "");
}

/** @param {string} body */
function lines(body) {
  return body.split(/\r\n|\r|\n/);
}

/** @param {Block} block @returns {string} */
function blockText(block) {
  if ("rule" in block) return "----";
  if ("heading" in block) return lineText(block.heading);
  if ("note" in block) return block.note;
  if ("items" in block) {
    return block.items.map((item) => "- " + lineText(item.line) +
      (item.body ? " \u2014 " + lines(item.body).join("\n  ") : "")).join("\n");
  }
  const text = block.lines.map(lineText).join("\n");
  return block.body ? text + "\n" + lines(block.body).join("\n") : text;
}

/**
 * The document as plain text.
 * @param {Block[]} blocks
 */
export function toPlainText(blocks) {
  return blocks.map(blockText).join("\n\n") + "\n";
}

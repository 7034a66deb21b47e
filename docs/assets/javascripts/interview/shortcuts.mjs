/*
 * Interview mode's keyboard shortcuts: n / j next segment, p / k previous segment, a digit
 * scores the current question. Never while the interviewer types (a text field, a list, an
 * editable element) and never with a modifier key, so the browser's and the theme's own
 * shortcuts (Material's n / p turn pages) keep working elsewhere. Pure: a key press as plain
 * facts in, the action out.
 */

/**
 * @typedef {{tagName?: string, type?: string, isContentEditable?: boolean}} Target
 * @typedef {{key: string, ctrlKey?: boolean, metaKey?: boolean, altKey?: boolean,
 *            shiftKey?: boolean, target?: Target | null}} KeyPress
 * @typedef {{action: "next"} | {action: "previous"} | {action: "score", value: string}} Shortcut
 */

/** The shortcuts as the clock bar lists them. */
export const SHORTCUTS = [
  { keys: ["n", "j"], label: "next segment" },
  { keys: ["p", "k"], label: "previous segment" },
  { keys: ["1", "5"], label: "score the current question", range: true },
];

// Inputs that take no typing: a key press on them is free for a shortcut.
const CLICKED = new Set(["radio", "checkbox", "button", "submit", "reset"]);

/**
 * Whether a key press on `target` types into it.
 * @param {Target | null | undefined} target
 */
export function isTyping(target) {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName || "").toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !CLICKED.has((target.type || "text").toLowerCase());
  return false;
}

/**
 * The shortcut a key press means, or null; `scores`: the score values a digit may choose.
 * @param {KeyPress} press
 * @param {string[]} scores
 * @returns {Shortcut | null}
 */
export function shortcutOf(press, scores) {
  if (press.ctrlKey || press.metaKey || press.altKey || press.shiftKey) return null;
  if (isTyping(press.target)) return null;
  if (press.key === "n" || press.key === "j") return { action: "next" };
  if (press.key === "p" || press.key === "k") return { action: "previous" };
  if (/^[0-9]$/.test(press.key) && scores.includes(press.key)) return { action: "score", value: press.key };
  return null;
}

/*
 * Which anchor an item's anchor line shows (the pure half; form.mjs switches the parts of
 * the line the template rendered, overrides/playbooks/_scorecard.html `anchors`).
 *
 * The point under the pointer wins, then the one with keyboard focus, then the chosen
 * score; with none of them the line shows its hint. A point the item has no anchor for
 * (a 2 or a 4 between anchors written for 1, 3 and 5) names the anchors it lies between.
 */

/**
 * @typedef {{score: number, text: string}} Anchor
 * @typedef {{kind: "hint"} | {kind: "anchor", score: number} |
 *           {kind: "between", score: number, below: number | null, above: number | null}} Shown
 */

/**
 * What the line shows.
 * @param {number[]} scores the points the item has anchors for
 * @param {{hovered?: number | null, focused?: number | null, chosen?: number | null}} state
 * @returns {Shown}
 */
export function anchorShown(scores, { hovered = null, focused = null, chosen = null }) {
  const point = [hovered, focused, chosen].find((value) => typeof value === "number" && Number.isFinite(value));
  if (point === undefined || point === null) return { kind: "hint" };
  if (scores.includes(point)) return { kind: "anchor", score: point };
  const below = scores.filter((score) => score < point);
  const above = scores.filter((score) => score > point);
  return { kind: "between", score: point,
           below: below.length ? Math.max(...below) : null,
           above: above.length ? Math.min(...above) : null };
}

/**
 * The words for a point with no anchor of its own.
 * @param {{score: number, below: number | null, above: number | null}} shown
 */
export function betweenText({ score, below, above }) {
  if (below !== null && above !== null) {
    return score + ": no anchor of its own; between the anchors for " + below + " and " + above + ".";
  }
  const nearest = below !== null ? below : above;
  return score + ": no anchor of its own" + (nearest !== null ? "; the nearest is " + nearest + "." : ".");
}

/**
 * The score a radio's name and value stand for, if it is an item's score: "<key>:score".
 * @param {string} name
 * @param {string} value
 * @returns {{key: string, score: number} | null}
 */
export function scoreOf(name, value) {
  if (!name.endsWith(":score")) return null;
  const score = Number(value);
  if (value === "" || !Number.isFinite(score)) return null;
  return { key: name.slice(0, -":score".length), score };
}

/**
 * The disclosure's summary, "What a 1, 3 and 5 sound like", for anchors best first (the
 * words of overrides/playbooks/_scorecard.html `anchors`, for the loop's form that the
 * browser builds).
 * @param {number[]} scores
 */
export function summaryOf(scores) {
  const points = [...scores].sort((a, b) => a - b).map(String);
  const last = points.pop();
  return "What a " + (points.length ? points.join(", ") + " and " + last : last || "") + " sound like";
}

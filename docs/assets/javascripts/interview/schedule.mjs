/*
 * The interview's schedule against its clock: which segment the clock is in, each
 * segment's wall-clock times, whether the interviewer is ahead or behind and by how much,
 * and what to cut when behind. Pure: segments (minutes from the start, as the scorecard's
 * sections give them), elapsed milliseconds and plain facts about the questions in, values
 * and sentences out.
 */

import { plural, quoted } from "../core/text.mjs";

const MINUTE = 60000;

/** "1 min", "12 min". @param {number} count */
function min(count) {
  return count + " min";
}

/**
 * @typedef {{start: number, end: number, title: string}} Segment a time box, in minutes
 * @typedef {{title: string, options: {title: string, minutes: number | null}[]}} OpenPool
 *   a pool question not asked yet, with its options
 * @typedef {object} Ahead the segments still to run, for the suggestions
 * @property {number} followUps optional follow-up probes in the current segment and after it
 * @property {OpenPool[]} pools pool questions not asked yet, in the current segment and after it
 * @typedef {{state: "behind" | "ahead" | "on-time", minutes: number, left: number}} Standing
 *   `minutes` behind or ahead; `left`: milliseconds left in the current segment (negative past its end)
 */

/**
 * The segment the clock is in at `ms` (the first before it starts, the last after it ends;
 * in a gap between two, the next).
 * @param {Segment[]} segments
 * @param {number} ms elapsed
 */
export function segmentAt(segments, ms) {
  if (!segments.length) return -1;
  const found = segments.findIndex((segment) => ms < segment.end * MINUTE);
  return found === -1 ? segments.length - 1 : found;
}

/**
 * The segment the interviewer is in: the one they moved to, else where the clock is.
 * @param {Segment[]} segments
 * @param {number | null} chosen
 * @param {number} ms elapsed
 */
export function currentSegment(segments, chosen, ms) {
  if (chosen !== null && chosen >= 0 && chosen < segments.length) return chosen;
  return segmentAt(segments, ms);
}

/**
 * The segment `step` segments on from `current` (kept within the schedule).
 * @param {Segment[]} segments
 * @param {number} current
 * @param {number} step
 */
export function moved(segments, current, step) {
  return Math.min(segments.length - 1, Math.max(0, current + step));
}

/**
 * Each segment's start and end as times of day, for a clock started at `startedAt` that
 * has been paused `pausedMs` (a pause moves everything after it).
 * @param {Segment[]} segments
 * @param {number} startedAt
 * @param {number} pausedMs
 */
export function wallTimes(segments, startedAt, pausedMs) {
  const zero = startedAt + pausedMs;
  return segments.map((segment) => ({ start: zero + segment.start * MINUTE, end: zero + segment.end * MINUTE }));
}

/**
 * Where the interviewer stands at `ms` in segment `current`: behind once the clock is past
 * its end (by whole minutes, rounded up), ahead by a minute or more (rounded) while the
 * clock has not reached its start, else on time.
 * @param {Segment[]} segments
 * @param {number} current
 * @param {number} ms elapsed
 * @returns {Standing}
 */
export function standing(segments, current, ms) {
  const segment = segments[current];
  if (!segment) return { state: "on-time", minutes: 0, left: 0 };
  const left = segment.end * MINUTE - ms;
  if (left < 0) return { state: "behind", minutes: Math.ceil(-left / MINUTE), left };
  const early = Math.round((segment.start * MINUTE - ms) / MINUTE);
  if (early >= 1) return { state: "ahead", minutes: early, left };
  return { state: "on-time", minutes: 0, left };
}

/** @param {Standing} where */
export function standingText(where) {
  if (where.state === "behind") return "Behind by " + min(where.minutes);
  if (where.state === "ahead") return "Ahead by " + min(where.minutes);
  return "On time";
}

/**
 * Time left in a segment, as a countdown: "4:07 left", or "1 min over".
 * @param {number} left milliseconds
 */
export function leftText(left) {
  if (left < 0) return Math.ceil(-left / MINUTE) + " min over";
  const total = Math.ceil(left / 1000);
  return Math.floor(total / 60) + ":" + String(total % 60).padStart(2, "0") + " left";
}

/**
 * The shortest option of a pool that is shorter than its longest, or null.
 * @param {OpenPool} pool
 */
export function shorterOption(pool) {
  const timed = pool.options.filter((option) => typeof option.minutes === "number" && option.minutes > 0);
  if (timed.length < 2) return null;
  const longest = Math.max(...timed.map((option) => /** @type {number} */ (option.minutes)));
  const shortest = timed.reduce((best, option) =>
    /** @type {number} */ (option.minutes) < /** @type {number} */ (best.minutes) ? option : best);
  return /** @type {number} */ (shortest.minutes) < longest ? shortest : null;
}

/**
 * What to cut when `behind` minutes late in segment `current`, most local first: the
 * optional follow-up probes, the shorter option of a pool not asked yet, then the time of
 * the segments still to come.
 * @param {Segment[]} segments
 * @param {number} current
 * @param {number} behind minutes
 * @param {Ahead} ahead
 * @returns {string[]}
 */
export function suggestions(segments, current, behind, ahead) {
  if (behind <= 0 || !segments[current]) return [];
  /** @type {string[]} */
  const cuts = [];
  if (ahead.followUps > 0) {
    cuts.push("Skip the optional follow-up probes (" + plural(ahead.followUps, "probe") + " left).");
  }
  const named = new Set();
  for (const pool of ahead.pools) {
    const option = shorterOption(pool);
    if (!option || named.has(pool.title + "\n" + option.title)) continue;
    named.add(pool.title + "\n" + option.title);
    cuts.push("In " + quoted(pool.title) + ", ask the shorter option: " + option.title +
              " (" + option.minutes + " min).");
  }
  const later = segments.slice(current + 1).filter((segment) => segment.end > segment.start);
  const planned = later.reduce((sum, segment) => sum + segment.end - segment.start, 0);
  if (!later.length || planned <= 0) {
    cuts.push("This is the last segment: close on time rather than run over.");
  } else if (behind < planned) {
    cuts.push("Let the later segments shrink: " + min(planned - behind) +
              " for the " + plural(later.length, "segment") + " still to come, instead of " + planned + ".");
  } else {
    cuts.push("The later segments have only " + planned + " min: keep the closing minutes and drop what is least needed.");
  }
  return cuts;
}

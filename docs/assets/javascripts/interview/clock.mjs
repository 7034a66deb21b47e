/*
 * The interview's clock: when it was started, how long it was paused, and the segment the
 * interviewer says they are in. Pure: times are milliseconds since the epoch (Date.now(),
 * passed in), and every change returns a new state; nothing here reads a clock itself.
 *
 * A state is what the page stores (core/storage.mjs, CLOCK below, one a form and playbook),
 * so a reload carries on where the clock was: a stored value another version wrote, or
 * edited by hand, is read through `clockOf`, which keeps only what it understands.
 */

import { isObject } from "../core/text.mjs";

/** The storage entry of every form's clock (scoped to the site by core/storage.mjs). */
export const CLOCK = "interview-playbooks:clock:v1";

/**
 * @typedef {object} Clock
 * @property {boolean} interview whether the page is in interview mode
 * @property {number | null} started_at when Start was pressed (null: not started)
 * @property {number | null} paused_at when the clock was paused (null: running or not started)
 * @property {number} paused_ms time spent paused before `paused_at`
 * @property {number | null} segment the segment the interviewer moved to (its index), or
 *   null to follow the clock
 */

/** @type {Clock} */
export const STOPPED = Object.freeze({ interview: false, started_at: null, paused_at: null, paused_ms: 0, segment: null });

/** @param {unknown} value */
function time(value) {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * A clock as stored, in the shape this module writes (anything else: not started).
 * @param {unknown} value
 * @returns {Clock}
 */
export function clockOf(value) {
  if (!isObject(value)) return { ...STOPPED };
  const started = time(value.started_at);
  const paused = started === null ? null : time(value.paused_at);
  const segment = time(value.segment);
  return {
    interview: value.interview === true,
    started_at: started,
    paused_at: started !== null && paused !== null && paused >= started ? paused : null,
    paused_ms: started === null ? 0 : time(value.paused_ms) || 0,
    segment: segment === null ? null : Math.floor(segment),
  };
}

/** @param {Clock} clock */
export function isStarted(clock) {
  return clock.started_at !== null;
}

/** @param {Clock} clock */
export function isRunning(clock) {
  return clock.started_at !== null && clock.paused_at === null;
}

/**
 * Milliseconds the interview has run at `now`, pauses left out (0 before Start).
 * @param {Clock} clock
 * @param {number} now
 */
export function elapsed(clock, now) {
  if (clock.started_at === null) return 0;
  const until = clock.paused_at !== null ? clock.paused_at : now;
  return Math.max(0, until - clock.started_at - clock.paused_ms);
}

/**
 * Milliseconds paused so far, the pause under way included.
 * @param {Clock} clock
 * @param {number} now
 */
export function pausedFor(clock, now) {
  if (clock.started_at === null) return 0;
  return clock.paused_ms + (clock.paused_at !== null ? Math.max(0, now - clock.paused_at) : 0);
}

/**
 * Started at `now` (a clock already started is left as it is).
 * @param {Clock} clock
 * @param {number} now
 * @returns {Clock}
 */
export function start(clock, now) {
  if (clock.started_at !== null) return clock;
  return { ...clock, started_at: now, paused_at: null, paused_ms: 0 };
}

/**
 * Paused at `now` (only a running clock pauses).
 * @param {Clock} clock
 * @param {number} now
 * @returns {Clock}
 */
export function pause(clock, now) {
  if (!isRunning(clock)) return clock;
  return { ...clock, paused_at: now };
}

/**
 * Running again from `now`: the pause is added to the time paused.
 * @param {Clock} clock
 * @param {number} now
 * @returns {Clock}
 */
export function resume(clock, now) {
  if (clock.started_at === null || clock.paused_at === null) return clock;
  return { ...clock, paused_at: null, paused_ms: pausedFor(clock, now) };
}

/**
 * Not started, at the first segment again; the mode stays as it was.
 * @param {Clock} clock
 * @returns {Clock}
 */
export function reset(clock) {
  return { ...STOPPED, interview: clock.interview };
}

/**
 * The elapsed time as a stopwatch shows it: "4:07", "1:02:15".
 * @param {number} ms
 */
export function stopwatch(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? hours + ":" + String(minutes).padStart(2, "0") + ":" + seconds : minutes + ":" + seconds;
}

/**
 * A time of day on the 24-hour clock, in the browser's time zone: "14:03".
 * @param {number} ms since the epoch
 */
export function wallClock(ms) {
  const date = new Date(ms);
  return String(date.getHours()).padStart(2, "0") + ":" + String(date.getMinutes()).padStart(2, "0");
}

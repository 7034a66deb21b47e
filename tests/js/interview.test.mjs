import { test } from "node:test";
import assert from "node:assert/strict";

import { STOPPED, clockOf, elapsed, isRunning, pause, pausedFor, reset, resume, start, stopwatch, wallClock }
  from "../../docs/assets/javascripts/interview/clock.mjs";
import { currentSegment, leftText, moved, segmentAt, shorterOption, standing, standingText, suggestions,
         wallTimes } from "../../docs/assets/javascripts/interview/schedule.mjs";
import { isTyping, shortcutOf } from "../../docs/assets/javascripts/interview/shortcuts.mjs";

const MIN = 60000;
const T0 = Date.UTC(2025, 2, 14, 14, 3); // 14:03 UTC
// The Staff storage loop's time boxes.
const SEGMENTS = [[0, 5, "Introduction"], [5, 16, "Durability arithmetic"], [16, 30, "Storage architecture"],
                  [30, 39, "Execution at scale"], [39, 46, "Production leadership"], [46, 56, "Leadership"],
                  [56, 60, "Close"]].map(([start, end, title]) => ({ start, end, title }));

test("elapsed time leaves pauses out, and a paused clock stands still", () => {
  let clock = start({ ...STOPPED }, T0);
  assert.equal(elapsed(clock, T0 + 5 * MIN), 5 * MIN);
  clock = pause(clock, T0 + 5 * MIN);
  assert.equal(isRunning(clock), false);
  assert.equal(elapsed(clock, T0 + 9 * MIN), 5 * MIN, "paused: the clock does not move");
  assert.equal(pausedFor(clock, T0 + 9 * MIN), 4 * MIN);
  clock = resume(clock, T0 + 9 * MIN);
  assert.equal(elapsed(clock, T0 + 10 * MIN), 6 * MIN);
  clock = pause(resume(pause(clock, T0 + 10 * MIN), T0 + 11 * MIN), T0 + 12 * MIN);
  assert.equal(elapsed(clock, T0 + 20 * MIN), 7 * MIN, "two pauses add up");
  assert.equal(start(clock, T0 + 30 * MIN), clock, "Start again does not restart a started clock");
  assert.deepEqual(reset({ ...clock, interview: true }), { ...STOPPED, interview: true }, "reset keeps the mode");
  assert.equal(elapsed({ ...STOPPED }, T0), 0);
});

test("a stored clock is read in the shape this module writes, whatever was stored", () => {
  assert.deepEqual(clockOf("nonsense"), STOPPED);
  assert.deepEqual(clockOf({ interview: "yes", started_at: -5, paused_at: 3, paused_ms: "7", segment: 2.7 }),
                   { interview: false, started_at: null, paused_at: null, paused_ms: 0, segment: 2 });
  assert.deepEqual(clockOf({ interview: true, started_at: T0, paused_at: T0 - 1, paused_ms: 500, segment: null }),
                   { interview: true, started_at: T0, paused_at: null, paused_ms: 500, segment: null },
                   "a pause before the start is dropped");
});

test("times read as a stopwatch and as a 24-hour clock", () => {
  assert.equal(stopwatch(0), "0:00");
  assert.equal(stopwatch(4 * MIN + 7000), "4:07");
  assert.equal(stopwatch(62 * MIN + 15000), "1:02:15");
  const local = new Date(T0);
  assert.equal(wallClock(T0), String(local.getHours()).padStart(2, "0") + ":03");
});

test("the clock's segment follows the schedule; the interviewer's choice wins", () => {
  assert.equal(segmentAt(SEGMENTS, 0), 0);
  assert.equal(segmentAt(SEGMENTS, 5 * MIN - 1), 0);
  assert.equal(segmentAt(SEGMENTS, 5 * MIN), 1);
  assert.equal(segmentAt(SEGMENTS, 75 * MIN), 6, "after the end: the last");
  assert.equal(segmentAt([{ start: 0, end: 5, title: "a" }, { start: 10, end: 15, title: "b" }], 7 * MIN), 1,
               "in a gap: the next");
  assert.equal(segmentAt([], 0), -1);
  assert.equal(currentSegment(SEGMENTS, null, 17 * MIN), 2);
  assert.equal(currentSegment(SEGMENTS, 1, 17 * MIN), 1);
  assert.equal(currentSegment(SEGMENTS, 99, 17 * MIN), 2, "a stored segment the schedule lacks is ignored");
  assert.equal(moved(SEGMENTS, 0, -1), 0);
  assert.equal(moved(SEGMENTS, 6, 1), 6);
  assert.equal(moved(SEGMENTS, 2, 1), 3);
});

test("each segment's times of day start at Start and move with pauses", () => {
  const times = wallTimes(SEGMENTS, T0, 0);
  assert.deepEqual([times[1].start, times[1].end], [T0 + 5 * MIN, T0 + 16 * MIN]);
  assert.equal(wallTimes(SEGMENTS, T0, 2 * MIN)[6].end, T0 + 62 * MIN);
});

test("behind once past the current segment's end, ahead before its start, else on time", () => {
  assert.deepEqual(standing(SEGMENTS, 1, 10 * MIN), { state: "on-time", minutes: 0, left: 6 * MIN });
  assert.deepEqual(standing(SEGMENTS, 1, 19 * MIN), { state: "behind", minutes: 3, left: -3 * MIN });
  assert.equal(standing(SEGMENTS, 1, 16 * MIN + 1000).minutes, 1, "a second late is a minute behind");
  assert.deepEqual(standing(SEGMENTS, 3, 27 * MIN), { state: "ahead", minutes: 3, left: 12 * MIN });
  assert.equal(standing(SEGMENTS, 3, 29.6 * MIN).state, "on-time", "less than half a minute early is on time");
  assert.equal(standing(SEGMENTS, 3, 26.2 * MIN).minutes, 4, "ahead: rounded");
  assert.equal(standingText({ state: "behind", minutes: 3, left: 0 }), "Behind by 3 min");
  assert.equal(standingText({ state: "ahead", minutes: 1, left: 0 }), "Ahead by 1 min");
  assert.equal(standingText({ state: "on-time", minutes: 0, left: 0 }), "On time");
  assert.equal(leftText(4 * MIN + 7000), "4:07 left");
  assert.equal(leftText(-90000), "2 min over");
});

test("when behind: skip follow-ups, ask a pool's shorter option, let later segments shrink", () => {
  const pool = { title: "Design questions: question 1 of 1",
                 options: [{ title: "DR feasibility", minutes: 12 }, { title: "Tiering", minutes: 10 },
                           { title: "Corruption", minutes: null }] };
  assert.equal(shorterOption(pool)?.title, "Tiering");
  assert.equal(shorterOption({ title: "p", options: [{ title: "a", minutes: 5 }, { title: "b", minutes: 5 }] }), null,
               "no shorter option among equals");
  const cuts = suggestions(SEGMENTS, 1, 3, { followUps: 4, pools: [pool, pool] });
  assert.deepEqual(cuts, [
    "Skip the optional follow-up probes (4 probes left).",
    "In \u201cDesign questions: question 1 of 1\u201d, ask the shorter option: Tiering (10 min).",
    "Let the later segments shrink: 41 min for the 5 segments still to come, instead of 44.",
  ]);
  assert.deepEqual(suggestions(SEGMENTS, 1, 0, { followUps: 4, pools: [pool] }), [], "nothing to cut on time");
  assert.deepEqual(suggestions(SEGMENTS, 6, 2, { followUps: 0, pools: [] }),
                   ["This is the last segment: close on time rather than run over."]);
  assert.match(suggestions(SEGMENTS, 5, 9, { followUps: 0, pools: [] })[0], /only 4 min/);
});

test("shortcuts: n/j and p/k move, digits of the scale score, never while typing or with modifiers", () => {
  const scores = ["1", "2", "3", "4", "5"];
  const on = (key, extra = {}) => shortcutOf({ key, target: { tagName: "BODY" }, ...extra }, scores);
  assert.deepEqual(on("n"), { action: "next" });
  assert.deepEqual(on("j"), { action: "next" });
  assert.deepEqual(on("p"), { action: "previous" });
  assert.deepEqual(on("k"), { action: "previous" });
  assert.deepEqual(on("4"), { action: "score", value: "4" });
  assert.equal(on("6"), null, "not on the scale");
  assert.equal(on("0"), null);
  assert.equal(on("x"), null);
  assert.equal(on("N"), null);
  for (const modifier of ["ctrlKey", "metaKey", "altKey", "shiftKey"]) assert.equal(on("n", { [modifier]: true }), null, modifier);
  for (const target of [{ tagName: "TEXTAREA" }, { tagName: "INPUT", type: "text" }, { tagName: "INPUT" },
                        { tagName: "INPUT", type: "search" }, { tagName: "SELECT" }, { tagName: "DIV", isContentEditable: true }]) {
    assert.equal(isTyping(target), true, JSON.stringify(target));
    assert.equal(on("3", { target }), null, JSON.stringify(target));
  }
  for (const type of ["radio", "checkbox", "button"]) {
    assert.deepEqual(on("3", { target: { tagName: "INPUT", type } }), { action: "score", value: "3" }, type);
  }
  assert.equal(isTyping(null), false);
});

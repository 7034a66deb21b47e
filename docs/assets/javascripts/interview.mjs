/*
 * Page module: interview mode on every scorecard form that has a clock bar
 * (`[data-ip-interview]` inside `form[data-ip-form]`: a playbook's scorecard, the loop's).
 *
 * Interview mode is the scorecard itself, with each question's cues shown (the prompt, the
 * probes, what a strong answer includes; interview.css) and a clock bar: Start, Pause and
 * Resume, Reset; each segment's times of day from the start; the current segment
 * highlighted with the time left in it; how far ahead or behind the interviewer is, and
 * what to cut when behind; keys to move between segments and to score. It is switched on
 * by the bar's button or by `?mode=interview`, and remembered, with the clock, per form
 * and playbook in this browser (interview/clock.mjs), so a reload carries on.
 *
 * Also on every such form, interview mode or not: a pool's options show on screen only
 * once ticked as asked, each with its own cues and hire indicators.
 *
 * The arithmetic is in interview/ (pure, unit-tested); this module reads the page and
 * writes text into it (textContent only).
 */

import { announce, onEveryPage, once } from "./core/page.mjs";
import { pageStorage, storageProblem } from "./core/storage.mjs";
import { isObject } from "./core/text.mjs";
import { CLOCK, clockOf, elapsed, isRunning, isStarted, pause, pausedFor, reset, resume, start,
         stopwatch, wallClock } from "./interview/clock.mjs";
import { currentSegment, leftText, moved, standing, standingText, suggestions,
         wallTimes } from "./interview/schedule.mjs";
import { SHORTCUTS, shortcutOf } from "./interview/shortcuts.mjs";

/** @typedef {import("./interview/clock.mjs").Clock} Clock */
/** @typedef {import("./interview/schedule.mjs").Segment} Segment */
/** @typedef {import("./interview/schedule.mjs").OpenPool} OpenPool */

const TICK = 1000; // ms between updates of the clock bar

/** Every stored clock by form and playbook. */
function readClocks() {
  return pageStorage().read(CLOCK, isObject, /** @type {Record<string, unknown>} */ (Object.create(null)));
}

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 */
function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

/** @param {string} text @param {string} action */
function button(text, action) {
  const element = document.createElement("button");
  element.className = "md-button";
  element.textContent = text;
  element.type = "button";
  element.setAttribute("data-ip-clock", action);
  return element;
}

/** Whether the address asks for interview mode (`?mode=interview`, exactly). */
function askedInUrl() {
  return new URLSearchParams(window.location.search).get("mode") === "interview";
}

/** The address without `mode=interview`, so a reload after leaving the mode stays out of it. */
function dropModeFromUrl() {
  const url = new URL(window.location.href);
  if (url.searchParams.get("mode") !== "interview") return;
  url.searchParams.delete("mode");
  window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
}

// --- Pools: each option's block shows once it is ticked as asked ----------------------------

/** @param {HTMLFormElement} form */
function showAskedOptions(form) {
  for (const option of form.querySelectorAll("[data-ip-entry] [data-ip-option]")) {
    const entry = option.closest("[data-ip-entry]");
    const key = entry ? entry.getAttribute("data-ip-entry") || "" : "";
    const id = option.getAttribute("data-ip-option") || "";
    let asked = false;
    for (const box of form.querySelectorAll('input[type="checkbox"]')) {
      const input = /** @type {HTMLInputElement} */ (box);
      if (input.name === key + ":asked" && input.value === id && input.checked) asked = true;
    }
    option.classList.toggle("ip-sc-option--asked", asked);
  }
}

/**
 * The clock bar's parts, built once: the switch, the clock's row, the current segment's
 * row, the suggestions, the keys, and a warning for storage that fails.
 * @param {Segment[]} segments
 */
function barParts(segments) {
  const mode = button("Run the interview", "mode");
  const intro = make("p", "ip-interview-intro",
                     "Shows each question's prompt, probes and cues here, with a clock for the schedule and keyboard shortcuts.");
  const off = make("div", "ip-interview-row ip-interview-off");
  off.append(intro);

  const elapsed = make("span", "ip-interview-elapsed", "0:00");
  elapsed.setAttribute("aria-label", "Time elapsed");
  const total = segments.length ? segments[segments.length - 1].end : 0;
  const clock = make("span", "ip-interview-clock");
  clock.append(elapsed, " ", make("span", "ip-interview-total", total ? "of " + total + " min" : ""));
  const start = button("Start", "start");
  start.classList.add("md-button--primary");
  const reset = button("Reset", "reset");
  const standing = make("span", "ip-interview-standing");
  const head = make("div", "ip-interview-row");
  head.append(clock, start, reset, standing);

  const previous = button("Previous", "previous");
  previous.setAttribute("aria-label", "Previous segment");
  const next = button("Next", "next");
  next.setAttribute("aria-label", "Next segment");
  const segment = make("p", "ip-interview-segment");
  const now = make("div", "ip-interview-row ip-interview-now");
  now.append(previous, segment, next);

  const cutsList = make("ul", "");
  const cuts = make("div", "ip-interview-cuts");
  cuts.append(make("p", "ip-interview-cuts-title", "To catch up:"), cutsList);
  cuts.hidden = true;

  const keys = make("p", "ip-interview-keys");
  keys.append("Keys: ");
  SHORTCUTS.forEach((shortcut, index) => {
    if (index) keys.append(" · ");
    shortcut.keys.forEach((key, n) => {
      if (n) keys.append(shortcut.range ? "–" : " or ");
      keys.append(make("kbd", "", key));
    });
    keys.append(" " + shortcut.label);
  });

  const panel = make("div", "ip-interview-panel");
  panel.append(head, now, cuts, keys);
  const warning = make("p", "ip-interview-warning");
  warning.setAttribute("role", "alert");
  warning.hidden = true;
  return { mode, intro, off, elapsed, start, reset, standing, head, previous, next, segment,
           cuts, cutsList, panel, warning };
}

// --- One form's clock bar ------------------------------------------------------------------

class InterviewBar {
  /** @param {HTMLFormElement} form @param {HTMLElement} bar */
  constructor(form, bar) {
    this.form = form;
    this.bar = bar;
    this.name = (form.getAttribute("data-ip-form") || "scorecard") + "|" + (form.getAttribute("data-playbook") || "");
    /** @type {HTMLElement[]} */
    this.sections = [...form.querySelectorAll("section[data-ip-segment]")].map((s) => /** @type {HTMLElement} */ (s));
    /** @type {Segment[]} */
    this.segments = this.sections.map((section) => ({
      start: Number(section.getAttribute("data-ip-start")) || 0,
      end: Number(section.getAttribute("data-ip-end")) || 0,
      title: this.titleOf(section),
    }));
    this.clock = clockOf(readClocks()[this.name]);
    /** @type {number} the segment shown as current, -1 before the first update */
    this.shown = -1;
    this.timer = 0;
    this.ui = barParts(this.segments);
    // Times of day and the time left go into each segment's heading.
    this.marks = this.sections.map((section) => {
      const heading = section.querySelector(".ip-sc-section-title") || section;
      const times = make("span", "ip-interview-times");
      const left = make("span", "ip-interview-left");
      heading.append(times, left);
      return { times, left };
    });
    this.build();
  }

  /** A segment's title, without the minutes the heading starts with. @param {HTMLElement} section */
  titleOf(section) {
    const heading = section.querySelector(".ip-sc-section-title");
    const text = (heading ? heading.textContent || "" : "").trim();
    return text.replace(/^\d+\s*[–-]\s*\d+\s*min\s*·\s*/, "") || text;
  }

  build() {
    const bar = this.bar;
    bar.replaceChildren(this.ui.off, this.ui.panel, this.ui.warning);
    this.place();
    bar.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target.closest("button[data-ip-clock]") : null;
      if (target) this.act(target.getAttribute("data-ip-clock") || "");
    });
  }

  /** The mode button sits in the clock's row in interview mode, beside the intro outside it. */
  place() {
    const { mode, head, off } = this.ui;
    if (this.clock.interview) {
      // "Leave" on a phone, where the rest would wrap the bar onto another line.
      mode.replaceChildren("Leave", make("span", "ip-interview-wide", " interview mode"));
    } else {
      mode.textContent = "Run the interview";
    }
    if (this.clock.interview) head.append(mode);
    else off.prepend(mode);
  }

  setup() {
    if (askedInUrl() && !this.clock.interview) {
      this.clock = { ...this.clock, interview: true };
      this.store();
    }
    this.bar.hidden = false;
    this.form.classList.add("ip-sc--live");
    const later = () => window.setTimeout(() => showAskedOptions(this.form), 0);
    // A draft opened, a new candidate, a box ticked: the pools' blocks follow the fields.
    this.form.addEventListener("change", later);
    this.form.addEventListener("click", later);
    showAskedOptions(this.form);
    later(); // and again once scorecard.mjs, whichever module ran first, has opened a draft
    this.render();
    this.timer = window.setInterval(() => this.tick(), TICK);
  }

  tick() {
    if (!this.form.isConnected) {
      window.clearInterval(this.timer);
      bars.delete(this);
      return;
    }
    showAskedOptions(this.form);
    if (this.clock.interview) this.update();
  }

  store() {
    const all = readClocks();
    all[this.name] = this.clock;
    const written = pageStorage().write(CLOCK, all);
    const warning = this.ui.warning;
    warning.textContent = written.ok ? ""
      : "The clock is not kept: " + storageProblem(written) + ". It runs while this page stays open.";
    warning.hidden = written.ok;
  }

  /** @param {string} action */
  act(action) {
    const now = Date.now();
    if (action === "mode") {
      this.clock = { ...this.clock, interview: !this.clock.interview };
      if (!this.clock.interview) dropModeFromUrl();
      this.store();
      this.render();
      announce(this.clock.interview ? "Interview mode" : "Interview mode off");
      return;
    }
    if (action === "start") {
      this.clock = !isStarted(this.clock) ? start(this.clock, now)
        : isRunning(this.clock) ? pause(this.clock, now) : resume(this.clock, now);
      announce(isRunning(this.clock) ? "Clock running" : "Clock paused");
    } else if (action === "reset") {
      if (isStarted(this.clock) && !window.confirm("Reset the clock to 0:00 and go back to the first segment?")) return;
      this.clock = reset(this.clock);
      announce("Clock reset");
    } else if (action === "next" || action === "previous") {
      this.move(action === "next" ? 1 : -1);
      return;
    }
    this.store();
    this.render();
  }

  /** Move the current segment by `step`, and bring it into view. @param {number} step */
  move(step) {
    const from = this.current();
    const to = moved(this.segments, from, step);
    this.clock = { ...this.clock, segment: to };
    this.store();
    this.update();
    const section = this.sections[to];
    if (section && to !== from) {
      const header = document.querySelector(".md-header");
      const above = (header instanceof HTMLElement ? header.offsetHeight : 0) + this.bar.offsetHeight + 8;
      window.scrollTo({ top: Math.max(0, section.getBoundingClientRect().top + window.scrollY - above) });
    }
  }

  current() {
    return currentSegment(this.segments, this.clock.segment, elapsed(this.clock, Date.now()));
  }

  render() {
    const on = this.clock.interview;
    this.form.classList.toggle("ip-sc--interview", on);
    this.bar.classList.toggle("ip-interview--on", on);
    this.ui.panel.hidden = !on;
    this.ui.intro.hidden = on;
    this.place();
    if (on) {
      this.update();
    } else {
      for (const section of this.sections) section.classList.remove("ip-sc-section--current");
      for (const mark of this.marks) {
        mark.times.textContent = "";
        mark.left.textContent = "";
      }
      this.shown = -1;
    }
  }

  /** The clock's text, the segments' times and the current segment, at this second. */
  update() {
    const now = Date.now();
    const clock = this.clock;
    const ms = elapsed(clock, now);
    const started = isStarted(clock);
    const current = this.current();
    this.ui.elapsed.textContent = stopwatch(ms);
    this.ui.start.textContent = !started ? "Start" : isRunning(clock) ? "Pause" : "Resume";
    this.ui.reset.disabled = !started;
    this.ui.previous.disabled = current <= 0;
    this.ui.next.disabled = current >= this.segments.length - 1;
    this.bar.classList.toggle("ip-interview--paused", started && !isRunning(clock));

    const times = started && clock.started_at !== null
      ? wallTimes(this.segments, clock.started_at, pausedFor(clock, now)) : [];
    const where = standing(this.segments, current, ms);
    this.sections.forEach((section, index) => {
      section.classList.toggle("ip-sc-section--current", index === current);
      const mark = this.marks[index];
      mark.times.textContent = times[index] ? wallClock(times[index].start) + "–" + wallClock(times[index].end) : "";
      mark.left.textContent = index === current && started ? leftText(where.left) : "";
    });

    const segment = this.segments[current];
    const text = this.ui.segment;
    text.replaceChildren();
    if (segment) {
      text.append(make("span", "ip-interview-label", "Now "), make("strong", "", segment.title));
      const span = times[current] ? wallClock(times[current].start) + "–" + wallClock(times[current].end)
        : segment.start + "–" + segment.end + " min";
      text.append(" · " + span);
      if (started) text.append(" · ", make("span", "ip-interview-left-now", leftText(where.left)));
    }
    const standingEl = this.ui.standing;
    standingEl.textContent = started ? standingText(where) + (isRunning(clock) ? "" : " · paused") : "";
    standingEl.setAttribute("data-state", started ? where.state : "");

    const cuts = where.state === "behind" ? suggestions(this.segments, current, where.minutes, this.ahead(current)) : [];
    const list = this.ui.cutsList;
    if (list.textContent !== cuts.join("")) list.replaceChildren(...cuts.map((cut) => make("li", "", cut)));
    this.ui.cuts.hidden = !cuts.length;

    if (current !== this.shown) {
      if (this.shown !== -1 && segment) {
        announce("Now: " + segment.title + (times[current] ? ", until " + wallClock(times[current].end) : ""));
      }
      this.shown = current;
    }
  }

  /**
   * What is still to come from segment `current` on: its optional follow-up probes, and
   * the pool questions not ticked as asked yet.
   * @param {number} current
   */
  ahead(current) {
    let followUps = 0;
    /** @type {OpenPool[]} */
    const pools = [];
    this.sections.slice(current).forEach((section, offset) => {
      for (const entry of section.querySelectorAll("[data-ip-entry]")) {
        const options = [...entry.querySelectorAll("[data-ip-option]")];
        if (!options.length) {
          if (offset === 0 && this.scored(entry)) continue;
          followUps += entry.querySelectorAll('[data-ip-probe="follow-up"]').length;
          continue;
        }
        const asked = options.filter((option) => option.classList.contains("ip-sc-option--asked"));
        for (const option of asked) {
          if (!(offset === 0 && this.scored(entry))) followUps += option.querySelectorAll('[data-ip-probe="follow-up"]').length;
        }
        if (asked.length) continue;
        const title = entry.querySelector(".ip-sc-item-title");
        pools.push({
          title: (title ? title.textContent || "" : "").trim(),
          options: options.map((option) => ({
            title: (option.querySelector(".ip-sc-option-name")?.textContent || "").trim(),
            minutes: Number(option.getAttribute("data-ip-minutes")) || null,
          })),
        });
      }
    });
    return { followUps, pools };
  }

  /** Whether an entry has a score. @param {Element} entry */
  scored(entry) {
    const key = entry.getAttribute("data-ip-entry") || "";
    return [...entry.querySelectorAll('input[type="radio"]:checked')]
      .some((input) => /** @type {HTMLInputElement} */ (input).name === key + ":score");
  }

  /**
   * Score the question the interviewer is on: the entry holding focus, else the first
   * entry of the current segment without a score (none on a submitted scorecard).
   * @param {string} value
   */
  score(value) {
    if (this.form.hasAttribute("data-ip-submitted")) {
      announce("This scorecard is submitted: its scores cannot change.");
      return;
    }
    const focused = document.activeElement instanceof Element ? document.activeElement.closest("[data-ip-entry]") : null;
    const section = this.sections[this.current()];
    let entry = focused && this.form.contains(focused) ? focused : null;
    if (!entry && section) {
      entry = [...section.querySelectorAll("[data-ip-entry]")].find((item) => !this.scored(item)) || null;
    }
    if (!entry) {
      announce(section ? "Every question of this segment has a score: focus one to change it." : "No question to score.");
      return;
    }
    const key = entry.getAttribute("data-ip-entry") || "";
    const radio = [...entry.querySelectorAll('input[type="radio"]')]
      .map((input) => /** @type {HTMLInputElement} */ (input))
      .find((input) => input.name === key + ":score" && input.value === value);
    if (!radio) return;
    radio.click(); // as a click would: the form saves the draft
    const title = entry.querySelector(".ip-sc-item-title");
    const label = radio.closest("label");
    announce("Scored " + ((label ? label.textContent || "" : value).trim()) + " for " + ((title ? title.textContent || "" : "").trim()));
  }

  scores() {
    const values = new Set();
    for (const input of this.form.querySelectorAll('[data-ip-entry] input[type="radio"]')) {
      const radio = /** @type {HTMLInputElement} */ (input);
      if (radio.name.endsWith(":score")) values.add(radio.value);
    }
    return [...values];
  }

  /** A stored change from another tab. */
  reload() {
    this.clock = clockOf(readClocks()[this.name]);
    this.render();
  }
}

// --- Every form on the page --------------------------------------------------------------

/** @type {Set<InterviewBar>} */
const bars = new Set();

function activeBar() {
  for (const bar of bars) {
    if (bar.form.isConnected && bar.clock.interview) return bar;
  }
  return null;
}

// Capturing on window runs before the theme's own shortcuts (Material's n and p turn
// pages), which a handled key press then never reaches.
window.addEventListener("keydown", (event) => {
  const bar = activeBar();
  if (!bar || event.defaultPrevented) return;
  const target = event.target instanceof HTMLElement ? event.target : null;
  const shortcut = shortcutOf({
    key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey,
    shiftKey: event.shiftKey,
    target: target ? { tagName: target.tagName, type: target instanceof HTMLInputElement ? target.type : "",
                       isContentEditable: target.isContentEditable } : null,
  }, bar.scores());
  if (!shortcut) return;
  event.preventDefault();
  event.stopPropagation();
  if (shortcut.action === "score") bar.score(shortcut.value);
  else bar.move(shortcut.action === "next" ? 1 : -1);
}, true);

window.addEventListener("storage", (event) => {
  if (!pageStorage().concerns(event, CLOCK)) return;
  bars.forEach((bar) => {
    if (bar.form.isConnected) bar.reload();
  });
});

/**
 * Set up interview mode on the forms under `root` not set up yet (the loop page calls it
 * for the form it builds after the page has loaded).
 * @param {ParentNode} root
 */
export function mountInterviews(root = document) {
  for (const form of root.querySelectorAll("form[data-ip-form]")) {
    const bar = form.querySelector("[data-ip-interview]");
    if (!(form instanceof HTMLFormElement) || !(bar instanceof HTMLElement) || !once(bar)) continue;
    const interview = new InterviewBar(form, bar);
    bars.add(interview);
    interview.setup();
  }
}

onEveryPage(() => mountInterviews(document));

/*
 * A fillable scorecard or debrief sheet: the DOM half of the scorecard. Works on every
 * `form[data-ip-form]` (overrides/playbooks/_scorecard.html, and the loop's form that
 * loop.mjs builds):
 *
 * - keeps drafts in this browser only (drafts.mjs; nothing is ever sent over the network):
 *   whatever is entered is saved at once, as an unnamed draft until a candidate label is
 *   typed; opened with drafts stored, the form stays empty and asks whether to continue one
 *   or start a new candidate; a storage that fails is said so in the warning line;
 * - marks a score given without a note (card.mjs `flagsOf`, which the exports use too);
 * - beside each item's score buttons, shows the anchor of the point under the pointer or
 *   focus, else of the chosen score (anchors.mjs; the template rendered every anchor);
 * - keeps the overall recommendation disabled, saying why, until every question and rubric
 *   dimension is scored (submission.mjs); a choice made before a score was taken back
 *   stays chosen, and is said to be on hold;
 * - submits a scorecard: lists what is still missing (each item a link to its field), asks
 *   before submitting scores with no evidence note, then stores the stamped record with
 *   the draft and makes the form read-only (a reload opens it read-only; "Download JSON"
 *   gives that record); a new candidate can still be started;
 * - copies each textarea's text into its print mirror, so long notes print in full;
 * - prints, copies the card as Markdown or plain text, downloads it as JSON (export.mjs),
 *   and deletes one draft or everything it stored.
 *
 * Text from the card and from fields only ever reaches the page as textContent or option
 * text; no HTML string is built.
 */

import { anchorShown, betweenText, scoreOf } from "./anchors.mjs";
import { flagsOf, pointLabel, textOf } from "./card.mjs";
import { downloadText } from "../core/download.mjs";
import { DRAFTS, UNNAMED, draftAt, draftKey, draftName, draftTitle, draftsOf, extraOf, newDraft,
         placeDraft, unnamedKey, versionWarning, withExtra } from "./drafts.mjs";
import { exportName, exportOf, markdownOf, plainTextOf } from "./export.mjs";
import { problemSummary, problemsOf, recommendationGate, submittedLine, submittedRecord,
         verifies } from "./submission.mjs";
import { messages, readJsonBlock } from "../core/page.mjs";
import { pageStorage, storageProblem } from "../core/storage.mjs";
import { formatTime, hasOwn, isObject, plural, quoted } from "../core/text.mjs";

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */
/** @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} Field */

const SAVE_DELAY = 300; // ms of quiet typing before a draft is saved
const NO_LABEL = "What you enter is saved at once; type a candidate label to name the draft.";
const NO_NOTE = "Scored without a note: write down what the candidate said or did that earned it.";
const DRAFT_LINE = "Draft \u2014 not submitted";

/** A new unnamed draft's id: random enough that two tabs never pick the same. */
function newId() {
  const random = window.crypto && typeof window.crypto.randomUUID === "function"
    ? window.crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10);
  return Date.now().toString(36) + "-" + random;
}

/**
 * The draft each form replaced by the page now being set up had open, by form and playbook
 * (only while mountForms runs: a later page opened with the same form asks again).
 * @type {Map<string, string>}
 */
const carried = new Map();

/** @param {Card} card */
function formKind(card) {
  return card.form + "|" + card.playbook;
}

// --- Layout changes wait for the pointer ------------------------------------------------
// Pressing on a score right after typing the label blurs the label, which saves the draft
// and changes the toolbar (status line, list of drafts). If the toolbar grows between
// mousedown and mouseup, the form moves under the pointer and the click is lost; so
// toolbar updates made while a pointer is down wait until it is released.

let pointerDown = false;
/** @type {(() => void)[]} */
let deferred = [];
let releaseTimer = 0;

/** @param {() => void} update */
function whenPointerFree(update) {
  if (pointerDown) deferred.push(update);
  else update();
}

function runDeferred() {
  const updates = deferred;
  deferred = [];
  updates.forEach((update) => update());
}

function release() {
  window.clearTimeout(releaseTimer);
  if (!pointerDown) return;
  pointerDown = false;
  window.setTimeout(runDeferred, 0); // after the click that follows the release
}

/** Follow the pointer on this document (once: module code runs once per document). */
export function watchPointer() {
  document.addEventListener("pointerdown", () => {
    pointerDown = true;
    // A release the page never sees (a native popup, a drag out of the window) must not
    // hold the toolbar back for long.
    window.clearTimeout(releaseTimer);
    releaseTimer = window.setTimeout(release, 1000);
  }, true);
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);
  window.addEventListener("blur", release);
}

// --- Storage ------------------------------------------------------------------------------

/** Every stored draft by key (a store that is not an object is kept aside, and reads as empty). */
function readAll() {
  return pageStorage().read(DRAFTS, isObject, /** @type {Record<string, unknown>} */ (Object.create(null)));
}

/** @param {Record<string, unknown>} all */
function writeAll(all) {
  return pageStorage().write(DRAFTS, all);
}

// --- Text areas -----------------------------------------------------------------------------

/** @param {HTMLTextAreaElement} textarea */
function grow(textarea) {
  if (!textarea.getClientRects().length) return; // not rendered (hidden, or print media)
  const x = window.scrollX;
  const y = window.scrollY;
  textarea.style.height = "auto";
  const natural = textarea.offsetHeight;
  const borders = textarea.offsetHeight - textarea.clientHeight;
  const wanted = textarea.scrollHeight + borders;
  textarea.style.height = Math.max(natural, wanted) + "px";
  if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
}

/** @param {string} value */
function copyWithTextarea(value) {
  const active = document.activeElement;
  const area = document.createElement("textarea");
  area.value = value;
  area.setAttribute("readonly", "");
  area.style.position = "fixed"; // CSSOM, which the Content-Security-Policy allows
  area.style.top = "0";
  area.style.left = "-9999px";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (error) {
    ok = false;
  }
  document.body.removeChild(area);
  if (active instanceof HTMLElement) active.focus();
  return ok;
}

// --- Anchor lines ---------------------------------------------------------------------------

/**
 * The anchor lines of a form (overrides/playbooks/_scorecard.html `anchors`), by item key:
 * each shows one of the parts the template rendered, as anchors.mjs picks. A pool entry
 * has a line per option, all following its score.
 */
class AnchorLines {
  /** @param {HTMLFormElement} form */
  constructor(form) {
    this.form = form;
    /** @type {Map<string, HTMLElement[]>} */
    this.lines = new Map();
    for (const line of form.querySelectorAll("[data-ip-anchors] [data-ip-anchor-line]")) {
      const key = line.closest("[data-ip-anchors]")?.getAttribute("data-ip-anchors") || "";
      if (!(line instanceof HTMLElement) || !key) continue;
      this.lines.set(key, [...(this.lines.get(key) || []), line]);
    }
    /** @type {{key: string, score: number} | null} */
    this.hovered = null;
    /** @type {{key: string, score: number} | null} */
    this.focused = null;
  }

  setup() {
    if (!this.lines.size) return;
    for (const lines of this.lines.values()) lines.forEach((line) => { line.hidden = false; });
    this.form.addEventListener("pointerover", (event) => this.point("hovered", this.scoreAt(event.target)));
    this.form.addEventListener("pointerout", (event) => this.point("hovered", this.scoreAt(event.relatedTarget)));
    this.form.addEventListener("focusin", (event) => this.point("focused", this.scoreAt(event.target)));
    this.form.addEventListener("focusout", () => this.point("focused", null));
    this.refresh();
  }

  /**
   * The score a score button stands for (its radio, or the label around it).
   * @param {EventTarget | null} target
   */
  scoreAt(target) {
    const label = target instanceof Element ? target.closest(".ip-sc-score label") : null;
    const radio = label?.querySelector('input[type="radio"]');
    if (!(radio instanceof HTMLInputElement) || !this.form.contains(radio)) return null;
    const score = scoreOf(radio.name, radio.value);
    return score && this.lines.has(score.key) ? score : null;
  }

  /**
   * @param {"hovered" | "focused"} how
   * @param {{key: string, score: number} | null} score
   */
  point(how, score) {
    const before = this[how];
    if (before?.key === score?.key && before?.score === score?.score) return;
    this[how] = score;
    if (before) this.show(before.key);
    if (score && score.key !== before?.key) this.show(score.key);
  }

  /** Every line, after the chosen scores changed (a click, a draft opened). */
  refresh() {
    for (const key of this.lines.keys()) this.show(key);
  }

  /** @param {string} key */
  show(key) {
    const checked = this.form.querySelector(`input[type="radio"][name="${CSS.escape(key + ":score")}"]:checked`);
    const chosen = checked instanceof HTMLInputElement ? scoreOf(checked.name, checked.value) : null;
    for (const line of this.lines.get(key) || []) {
      const scores = [...line.querySelectorAll("[data-ip-anchor-point]")]
        .map((part) => Number(part.getAttribute("data-ip-anchor-point")));
      const shown = anchorShown(scores, {
        hovered: this.hovered?.key === key ? this.hovered.score : null,
        focused: this.focused?.key === key ? this.focused.score : null,
        chosen: chosen ? chosen.score : null,
      });
      for (const part of line.children) {
        if (!(part instanceof HTMLElement)) continue;
        const point = part.getAttribute("data-ip-anchor-point");
        const visible = shown.kind === "hint" ? part.hasAttribute("data-ip-anchor-hint")
          : shown.kind === "anchor" ? point === String(shown.score)
          : part.hasAttribute("data-ip-anchor-between");
        if (part.hasAttribute("data-ip-anchor-between") && shown.kind === "between") {
          part.textContent = betweenText(shown);
        }
        if (part.hidden === visible) part.hidden = !visible;
      }
    }
  }
}

// --- One form -------------------------------------------------------------------------------

export class ScorecardForm {
  /** @param {HTMLFormElement} form */
  constructor(form) {
    this.form = form;
    const data = readJsonBlock(form.querySelector("template[data-ip-scorecard-template]"));
    /** @type {Card} */
    this.card = /** @type {Card} */ ({
      ...data,
      form: form.getAttribute("data-ip-form") || data.form || "scorecard",
      playbook: form.getAttribute("data-playbook") || data.playbook || "",
      rubric_version: form.getAttribute("data-rubric-version") || data.rubric_version || "",
    });
    this.toolbar = /** @type {HTMLElement | null} */ (form.querySelector("[data-ip-toolbar]"));
    this.select = /** @type {HTMLSelectElement | null} */ (form.querySelector('select[data-ip-action="open"]'));
    const candidate = form.elements.namedItem("candidate");
    this.candidate = candidate instanceof HTMLInputElement ? candidate : null;
    /** @type {Map<string, Element>} */
    this.mirrors = new Map();
    for (const mirror of form.querySelectorAll("[data-ip-mirror]")) {
      this.mirrors.set(mirror.getAttribute("data-ip-mirror") || "", mirror);
    }
    /** @type {Set<string>} */
    this.names = new Set();
    this.eachField((element) => this.names.add(element.name));
    const warning = /** @type {HTMLElement | null} */ (form.querySelector("[data-ip-warning]"));
    const { say, warn } = messages(form.querySelector("[data-ip-status]"), warning, whenPointerFree);
    this.say = say;
    this.warn = warn;
    /** @type {{storage: string, version: string}} what the warning line says, by concern */
    this.warnings = { storage: "", version: "" };
    this.resume = /** @type {HTMLElement | null} */ (form.querySelector("[data-ip-resume]"));
    /** @type {Map<string, HTMLElement>} each entry's notice of a score without a note */
    this.flags = new Map();
    this.unnoted = 0; // how many scores have no note
    /** @type {Fields} fields of the open draft this form lacks (the other variant's) */
    this.extra = Object.create(null);
    /** @type {string | null} rubric version the open draft was first filled in against */
    this.draftVersion = null;
    /** @type {string | null} storage key of the open draft */
    this.current = null;
    this.dirty = false;
    this.timer = 0;
    // Submission (scorecards and the loop's; a debrief sheet has none of these elements).
    this.submission = /** @type {HTMLElement | null} */ (form.querySelector("[data-ip-submission]"));
    this.panel = /** @type {HTMLElement | null} */ (form.querySelector("[data-ip-submit-panel]"));
    this.gate = /** @type {HTMLElement | null} */ (form.querySelector("[data-ip-gate]"));
    this.gated = this.card.form !== "debrief" && !!this.gate;
    /** @type {Record<string, unknown> | null} the submitted record of the open draft, once submitted */
    this.submitted = null;
    this.anchorLines = new AnchorLines(form);
  }

  /** @param {(element: Field) => void} callback */
  eachField(callback) {
    for (const element of this.form.elements) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ||
            element instanceof HTMLSelectElement)) continue; // buttons, fieldsets
      // Disabled fields count: a submitted form's, and a recommendation waiting for scores.
      if (!element.name) continue;
      if (this.toolbar && this.toolbar.contains(element)) continue;
      callback(element);
    }
  }

  setup() {
    if (this.toolbar) this.toolbar.hidden = false;
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("input", (event) => this.onInput(event));
    this.form.addEventListener("change", (event) => this.onChange(event));
    this.toolbar?.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("button[data-ip-action]") : null;
      if (button && this.toolbar?.contains(button)) this.act(button.getAttribute("data-ip-action") || "");
    });
    const select = this.select;
    select?.addEventListener("change", () => this.choose(select.value));
    this.resume?.addEventListener("click", (event) => this.onResume(event));
    this.panel?.addEventListener("click", (event) => this.onPanel(event));
    this.anchorLines.setup();
    const probe = pageStorage().probe();
    if (!probe.ok) {
      this.problem("Drafts cannot be saved: " + storageProblem(probe) + ". What you enter stays on " +
                   "this page only; copy or download it before you leave.");
    }
    const drafts = draftsOf(readAll(), this.card);
    this.refreshSelect(drafts);
    // The draft this tab had open on the page it just left (instant navigation between a
    // playbook's scorecards, the loop's rebuilt form) stays open; a page opened afresh asks.
    const kept = carried.get(formKind(this.card));
    carried.delete(formKind(this.card));
    if (kept && draftAt(readAll(), kept)) {
      this.open(kept);
    } else if (drafts.length) {
      this.ask(drafts);
    } else {
      // The status line is filled from the start, so the first save does not move the form.
      this.say(NO_LABEL);
    }
    this.refreshText();
    this.refreshFlags();
    this.refreshSubmission();
  }

  // --- Continue a draft, or start a new candidate --------------------------------------------

  /**
   * Show the drafts stored for this form, each with "Continue", and "Start a new
   * candidate"; the form stays empty until one is chosen, or something is typed into it.
   * @param {{key: string, draft: import("./drafts.mjs").Draft}[]} drafts
   */
  ask(drafts) {
    const resume = this.resume;
    const list = resume?.querySelector("[data-ip-resume-list]");
    const template = resume?.querySelector("template[data-ip-resume-item]");
    if (!resume || !list || !(template instanceof HTMLTemplateElement)) {
      this.say(NO_LABEL);
      return;
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    for (const { key, draft } of drafts) {
      const item = /** @type {Element} */ (template.content.firstElementChild).cloneNode(true);
      if (!(item instanceof HTMLElement)) continue;
      const name = item.querySelector('[data-ip-slot="name"]');
      const when = item.querySelector('[data-ip-slot="when"]');
      if (name) name.textContent = draftName(draft);
      if (when) {
        when.textContent = (formatTime(draft.saved_at) ? "last change " + formatTime(draft.saved_at) : "") +
          (draft.submitted ? " \u00b7 submitted" : "");
      }
      const button = item.querySelector("button[data-ip-resume-continue]");
      if (button) {
        button.setAttribute("data-key", key);
        button.setAttribute("aria-label", "Continue the draft: " + draftTitle(draft));
      }
      list.appendChild(item);
    }
    resume.hidden = false;
    this.say(plural(drafts.length, "saved draft") + " for this form: continue one, or start a new candidate.");
  }

  /** Whether the prompt is showing. */
  asking() {
    return !!this.resume && !this.resume.hidden;
  }

  /** @param {boolean} [focus] move the focus to the form (the prompt's button goes) */
  dismiss(focus = false) {
    if (!this.asking()) return;
    const resume = /** @type {HTMLElement} */ (this.resume);
    const hadFocus = resume.contains(document.activeElement);
    resume.hidden = true;
    if (focus || hadFocus) this.candidate?.focus();
  }

  /** @param {Event} event */
  onResume(event) {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button) return;
    if (button.hasAttribute("data-ip-resume-new")) {
      this.dismiss(true);
      this.reset("New candidate: what you enter is saved at once.");
    } else if (button.hasAttribute("data-ip-resume-continue")) {
      const key = button.getAttribute("data-key") || "";
      this.dismiss(true);
      this.open(key);
    }
  }

  // --- Warnings ------------------------------------------------------------------------------

  /** @param {string} message what went wrong with storage ("" when it works again) */
  problem(message) {
    this.warnings.storage = message;
    this.warn([this.warnings.storage, this.warnings.version].filter(Boolean).join(" "));
  }

  /** @param {string} message */
  versionNote(message) {
    this.warnings.version = message;
    this.warn([this.warnings.storage, this.warnings.version].filter(Boolean).join(" "));
  }

  // --- A score without a note ----------------------------------------------------------------

  /**
   * Show, by each notes field (a question's, a rubric dimension's), whether its score lacks
   * a note; then whether the recommendation may be chosen, and what submission still
   * lacks if its list is showing. Returns how many scores have no note.
   */
  refreshFlags() {
    const fields = this.collect();
    let count = 0;
    const entries = (this.card.sections || []).flatMap((section) => section.entries || []);
    for (const entry of [...entries, ...(this.card.dimensions || [])]) {
      const flagged = flagsOf(entry, fields).length > 0;
      if (flagged) count += 1;
      const notice = this.flags.get(entry.key) || (flagged ? this.notice(entry.key) : null);
      if (notice && notice.hidden === flagged) {
        notice.hidden = !flagged;
        const textarea = this.form.elements.namedItem(entry.key + ":notes");
        if (textarea instanceof HTMLTextAreaElement) {
          if (flagged) textarea.setAttribute("aria-describedby", notice.id);
          else textarea.removeAttribute("aria-describedby");
        }
      }
    }
    this.unnoted = count;
    this.anchorLines.refresh(); // the chosen scores may have changed too
    this.refreshGate(fields);
    if (this.panel && !this.panel.hidden) this.markFixed(fields);
    return count;
  }

  /** The notice under an entry's notes field, made the first time it is needed. @param {string} key */
  notice(key) {
    const textarea = this.form.elements.namedItem(key + ":notes");
    if (!(textarea instanceof HTMLTextAreaElement)) return null;
    const box = textarea.closest(".ip-sc-notes") || textarea;
    const notice = document.createElement("p");
    notice.className = "ip-sc-flag ip-screen-only";
    notice.id = "ip-flag-" + key;
    notice.textContent = NO_NOTE;
    notice.hidden = true;
    box.insertAdjacentElement("afterend", notice);
    this.flags.set(key, notice);
    return notice;
  }

  /** " 2 scores have no note." after a status message, when any has none. */
  flagSummary() {
    const count = this.unnoted || 0;
    if (!count) return "";
    return " " + plural(count, "score") + (count === 1 ? " has" : " have") + " no note.";
  }

  // --- The recommendation waits for the scores; submission -----------------------------------

  /** The recommendation's radios (none on a debrief sheet, whose decision is not gated). */
  recommendationRadios() {
    if (!this.gated) return [];
    return [...this.form.querySelectorAll('input[type="radio"][name="recommendation"]')]
      .filter(/** @returns {input is HTMLInputElement} */ (input) => input instanceof HTMLInputElement);
  }

  /**
   * Enable the recommendation once every question and dimension is scored; until then it
   * is disabled and the line under its legend says how many are left. A choice made before
   * a score was taken back is neither cleared nor hidden: it stays chosen, and the line
   * says it is on hold (submission needs every score anyway).
   * @param {Fields} [fields]
   */
  refreshGate(fields = this.collect()) {
    const gate = this.gate;
    if (!this.gated || !gate || this.submitted) return;
    const { open, reason } = recommendationGate(this.card, fields);
    const chosen = textOf(fields, "recommendation");
    for (const radio of this.recommendationRadios()) {
      radio.disabled = !open;
      if (open) radio.removeAttribute("aria-describedby");
      else radio.setAttribute("aria-describedby", gate.id);
    }
    gate.hidden = open;
    gate.textContent = open ? "" : reason + (chosen ? " " + quoted(pointLabel(this.card.recommendation, chosen)) +
      " stays chosen, on hold until then." : "");
  }

  /** The submission line and button: "Draft — not submitted", or the submitted record's stamp. */
  refreshSubmission() {
    const line = this.submission;
    const record = this.submitted;
    if (line) {
      line.textContent = record ? submittedLine(record, formatTime) : DRAFT_LINE;
      line.setAttribute("data-state", record ? "submitted" : "draft");
    }
    const button = this.toolbar?.querySelector('button[data-ip-action="submit"]');
    if (button instanceof HTMLButtonElement) {
      button.disabled = !!record;
      button.textContent = record ? "Submitted" : "Submit scorecard";
    }
  }

  /**
   * Make the form read-only with `record` as what it exports.
   * @param {Record<string, unknown>} record
   */
  lock(record) {
    this.submitted = record;
    this.form.setAttribute("data-ip-submitted", "");
    this.readOnly(true);
    if (this.gate) this.gate.hidden = true;
    this.hidePanel();
    this.refreshSubmission();
  }

  /** Fillable again (a new candidate, another draft opened). */
  unlock() {
    if (!this.submitted) return;
    this.submitted = null;
    this.form.removeAttribute("data-ip-submitted");
    this.readOnly(false);
    this.refreshSubmission();
  }

  /**
   * Every field read-only (text, which stays readable) or disabled (choices), or neither.
   * @param {boolean} locked
   */
  readOnly(locked) {
    this.eachField((element) => {
      if (element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement &&
          element.type !== "radio" && element.type !== "checkbox")) {
        element.readOnly = locked;
      } else {
        element.disabled = locked;
      }
    });
  }

  /** "Submit scorecard": submit, or list what is missing first. */
  trySubmit() {
    if (this.submitted) {
      this.say("This scorecard is already submitted; start a new candidate to fill in another.");
      return;
    }
    this.flush();
    if (!problemsOf(this.card, this.fields()).length) {
      this.submit();
      return;
    }
    this.showProblems(true);
  }

  /**
   * Strike through the items of the list that are done: they stay where they are, so
   * nothing moves under the pointer (the list is made anew on the next "Submit").
   * @param {Fields} fields
   */
  markFixed(fields) {
    const left = new Set(problemsOf(this.card, withExtra(this.extra, fields)).map((problem) => problem.field));
    for (const link of this.panel?.querySelectorAll("a[data-ip-field]") || []) {
      link.closest("li")?.classList.toggle("ip-sc-done", !left.has(link.getAttribute("data-ip-field") || ""));
    }
  }

  /**
   * Show what submission still lacks, each item a link to its field; "Submit anyway"
   * only when the one thing left is evidence notes.
   * @param {boolean} focus move the focus to the list (it was just asked for)
   */
  showProblems(focus) {
    const panel = this.panel;
    const list = panel?.querySelector("[data-ip-submit-list]");
    const summary = panel?.querySelector("[data-ip-submit-summary]");
    const anyway = panel?.querySelector("button[data-ip-submit-anyway]");
    if (!panel || !list || !summary || !(anyway instanceof HTMLButtonElement)) return;
    const problems = problemsOf(this.card, this.fields());
    if (!problems.length) {
      this.hidePanel();
      this.say("Everything is filled in: press \u201cSubmit scorecard\u201d to submit it.");
      return;
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    for (const problem of problems) {
      const item = document.createElement("li");
      if (!problem.blocks) item.className = "ip-sc-submit-note";
      const link = document.createElement("a");
      const target = this.form.elements.namedItem(problem.field);
      link.href = "#" + (target instanceof HTMLElement && target.id ? target.id : "");
      link.setAttribute("data-ip-field", problem.field);
      link.textContent = problem.text;
      item.appendChild(link);
      list.appendChild(item);
    }
    summary.textContent = problemSummary(problems);
    anyway.hidden = problems.some((problem) => problem.blocks);
    panel.hidden = false;
    if (focus) {
      panel.scrollIntoView({ block: "nearest" });
      panel.focus({ preventScroll: true });
    }
  }

  hidePanel() {
    if (this.panel) this.panel.hidden = true;
  }

  /** @param {Event} event */
  onPanel(event) {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest("a[data-ip-field]");
    if (link) {
      event.preventDefault();
      this.focusField(link.getAttribute("data-ip-field") || "");
    } else if (target?.closest("button[data-ip-submit-anyway]")) {
      this.submit();
    } else if (target?.closest("button[data-ip-submit-close]")) {
      this.hidePanel();
      const button = this.toolbar?.querySelector('button[data-ip-action="submit"]');
      if (button instanceof HTMLElement) button.focus();
    }
  }

  /**
   * Bring a field into view and focus it: a group of radios by its chosen or first one; a
   * recommendation still disabled by the line that says why.
   * @param {string} name
   */
  focusField(name) {
    const fields = [...this.form.querySelectorAll("[name]")].filter(
      /** @returns {element is Field} */ (element) => this.isField(element) && element.name === name);
    const field = fields.find((element) => element instanceof HTMLInputElement && element.checked) || fields[0];
    if (!field) return;
    /** @type {HTMLElement} */
    let target = field;
    if (field.disabled && this.gate && !this.gate.hidden) {
      this.gate.tabIndex = -1;
      target = this.gate;
    }
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  /** Stamp the draft as submitted, store the record with it, and make the form read-only. */
  submit() {
    this.flush();
    const label = this.label();
    const key = label ? draftKey(this.card, label) : "";
    if (!label || this.current !== key) {
      // Its label is taken by another submitted scorecard (save() said so), or it was never saved.
      this.showProblems(true);
      this.say("Could not submit: the scorecard must be saved under its own candidate label first.");
      return;
    }
    const fields = this.fields();
    const now = new Date();
    const record = submittedRecord(this.sheet(), now);
    const all = readAll();
    all[key] = { ...newDraft(this.card, label, this.draftVersion || this.card.rubric_version, fields, now),
                 submitted: record };
    const written = writeAll(all);
    if (!written.ok) {
      this.say("Could not submit: " + storageProblem(written) + ". Nothing was submitted; your entries " +
               "are still on this page.");
      return;
    }
    this.lock(record);
    this.refreshSelect();
    this.say("Submitted the scorecard for " + quoted(label) + ": it is read-only now, and " +
             "\u201cDownload JSON\u201d gives the submitted record.");
    const download = this.toolbar?.querySelector('button[data-ip-action="download"]');
    if (download instanceof HTMLElement) download.focus();
  }

  /** @param {EventTarget | null} element @returns {element is Field} */
  isField(element) {
    return (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ||
            element instanceof HTMLSelectElement) && !!element.name && this.names.has(element.name) &&
      !(this.toolbar && this.toolbar.contains(element));
  }

  /** @param {Event} event */
  onInput(event) {
    const target = event.target;
    if (!this.isField(target)) return;
    if (target instanceof HTMLTextAreaElement) {
      this.mirror(target);
      grow(target);
    }
    this.dismiss(); // typing starts a new candidate's draft
    this.dirty = true;
    if (target instanceof HTMLTextAreaElement) this.refreshFlags();
    // The label is saved when it is complete (change, or leaving the page), so typing
    // "Candidate A" does not leave drafts named "C", "Ca", ... behind; what was entered
    // before it is already saved, unnamed.
    if (target === this.candidate) return;
    this.schedule();
  }

  /** @param {Event} event */
  onChange(event) {
    if (!this.isField(event.target)) return;
    if (event.target instanceof HTMLTextAreaElement) this.mirror(event.target);
    this.dismiss();
    this.dirty = true;
    this.refreshFlags();
    this.flush();
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.flush(), SAVE_DELAY);
  }

  cancel() {
    window.clearTimeout(this.timer);
    this.timer = 0;
    this.dirty = false;
  }

  flush() {
    window.clearTimeout(this.timer);
    this.timer = 0;
    if (!this.dirty) return;
    this.dirty = false;
    this.save();
  }

  label() {
    return this.candidate ? this.candidate.value.trim() : "";
  }

  /** This form's own values. */
  collect() {
    /** @type {Fields} */
    const fields = Object.create(null);
    this.eachField((element) => {
      const name = element.name;
      if (element instanceof HTMLInputElement && element.type === "radio") {
        if (element.checked) fields[name] = element.value;
      } else if (element instanceof HTMLInputElement && element.type === "checkbox") {
        const list = Array.isArray(fields[name]) ? /** @type {string[]} */ (fields[name]) : [];
        if (element.checked) list.push(element.value);
        fields[name] = list;
      } else if (element.value !== "") {
        fields[name] = element.value;
      }
    });
    for (const name of Object.keys(fields)) {
      if (Array.isArray(fields[name]) && !fields[name].length) delete fields[name];
    }
    return fields;
  }

  /** This form's values plus those of the open draft that only the other variant has. */
  fields() {
    return withExtra(this.extra, this.collect());
  }

  /** The filled-in card, for the exports. */
  sheet() {
    return { card: this.card, fields: this.fields(), draftVersion: this.draftVersion, submitted: this.submitted };
  }

  save() {
    if (this.submitted) return false; // read-only: nothing changes
    let label = this.label();
    const fields = this.fields();
    // Nothing entered and no draft open: nothing to keep (a cleared form makes no draft).
    if (!label && !this.current && !Object.keys(fields).length) return false;
    const all = readAll();
    const previous = this.current;
    let taken = "";
    if (label) {
      const stored = draftAt(all, draftKey(this.card, label));
      if (stored && stored.submitted && draftKey(this.card, label) === this.current) {
        // Submitted in another tab meanwhile: its record stands, and this form shows it.
        this.open(this.current, "This scorecard was submitted in another tab; it is read-only here too.");
        return false;
      }
      if (stored && stored.submitted) {
        // A submitted scorecard is never overwritten: this one stays unnamed until relabelled.
        taken = label;
        label = "";
      }
    }
    // Without a label, the open draft (if unnamed) or a new unnamed one holds what was entered.
    const unnamed = this.current && this.current.includes(UNNAMED) ? this.current : null;
    const key = label ? draftKey(this.card, label)
      : (taken ? unnamed : this.current) || unnamedKey(this.card, newId());
    const now = new Date();
    const draft = newDraft(this.card, label, this.draftVersion || this.card.rubric_version, fields, now);
    const renamed = placeDraft(all, key, draft, previous);
    const written = writeAll(all);
    if (!written.ok) {
      // What was typed stays in the form; the next change tries again.
      this.dirty = true;
      const message = "Could not save the draft: " + storageProblem(written) + ". " +
        "Your entries are still on this page; copy or download them before you leave.";
      this.problem(message);
      this.say(message);
      return false;
    }
    this.problem("");
    this.current = key;
    if (!this.draftVersion) this.draftVersion = this.card.rubric_version;
    this.refreshSelect();
    const old = previous && !renamed && previous !== key ? draftAt(all, previous) : null;
    const summary = this.flagSummary();
    if (taken) {
      this.say(quoted(taken) + " already has a submitted scorecard, which stays as it is: this one is " +
               "saved as an unnamed draft until you type another label." + summary);
    } else if (!label) {
      this.say("Saved as an unnamed draft at " + formatTime(draft.saved_at) +
               "; type a candidate label to name it." + summary);
    } else if (renamed) {
      this.say("The unnamed draft is now the draft for " + quoted(label) + "." + summary);
    } else if (old) {
      this.say("Saved as " + quoted(label) + "; " + quoted(draftName(old)) + " is still in the list." + summary);
    } else {
      this.say("Draft for " + quoted(label) + " saved in this browser." + summary);
    }
    return true;
  }

  /** @param {{key: string, draft: import("./drafts.mjs").Draft}[]} [drafts] */
  refreshSelect(drafts) {
    if (!this.select) return;
    whenPointerFree(() => this.fillSelect(drafts || draftsOf(readAll(), this.card)));
  }

  /** @param {{key: string, draft: import("./drafts.mjs").Draft}[]} drafts */
  fillSelect(drafts) {
    const select = this.select;
    if (!select) return;
    while (select.options.length) select.remove(0);
    select.add(new Option(drafts.length ? "(new, not saved)" : "(none yet)", ""));
    let current = "";
    for (const { key, draft } of drafts) {
      select.add(new Option(draftTitle(draft), key));
      if (key === this.current) current = key;
    }
    select.value = current;
  }

  clear() {
    this.eachField((element) => {
      if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
        element.checked = false;
      } else {
        element.value = "";
      }
    });
    this.extra = Object.create(null);
    this.refreshText();
    this.refreshFlags();
  }

  /** @param {Fields} fields */
  fill(fields) {
    this.clear();
    this.eachField((element) => {
      if (!hasOwn(fields, element.name)) return;
      const value = fields[element.name];
      if (element instanceof HTMLInputElement && element.type === "radio") {
        element.checked = String(value) === element.value;
      } else if (element instanceof HTMLInputElement && element.type === "checkbox") {
        element.checked = Array.isArray(value) ? value.map(String).includes(element.value)
          : String(value) === element.value;
      } else if (typeof value === "string") {
        element.value = value;
      }
    });
    this.extra = extraOf(fields, this.names);
    this.refreshText();
    this.refreshFlags();
  }

  /** @param {string} key @param {string} [message] */
  open(key, message) {
    const draft = draftAt(readAll(), key);
    if (!draft) {
      this.say("That draft is no longer stored.");
      this.refreshSelect();
      return;
    }
    this.cancel();
    this.unlock();
    this.fill(draft.fields);
    if (this.candidate && !this.candidate.value && draft.candidate) this.candidate.value = draft.candidate;
    this.current = key;
    this.draftVersion = draft.rubric_version || this.card.rubric_version;
    this.versionNote(versionWarning(draft.rubric_version, this.card.rubric_version));
    if (draft.submitted && this.gated) {
      this.lock(draft.submitted);
      if (!verifies(draft.submitted)) {
        this.versionNote("The stored record of this submission no longer matches its checksum: it was " +
                         "changed after it was submitted.");
      }
    }
    this.refreshSelect();
    if (draft.submitted && this.gated && !message) {
      this.say("Opened the submitted scorecard for " + quoted(draft.candidate) + ": it is read-only. " +
               "Start a new candidate to fill in another.");
      return;
    }
    this.say((message || (draft.candidate ? "Opened the draft for " + quoted(draft.candidate) + "."
      : "Opened the unnamed draft of " + formatTime(draft.saved_at) + "; type a candidate label to name it.")) +
      this.flagSummary());
  }

  /** A draft picked from the list ("" for a new one). @param {string} key */
  choose(key) {
    pointerDown = false; // a draft was picked: nothing is pending under the pointer
    runDeferred();
    this.dismiss();
    this.flush();
    if (key) this.open(key);
    else this.reset("New scorecard");
  }

  /**
   * Open the draft of the candidate `label` if there is one and it is not open (the loop
   * keeps the draft that was open when it rebuilds its form).
   * @param {string} label
   */
  openLabel(label) {
    const key = draftKey(this.card, label);
    if (this.label() === label || !draftAt(readAll(), key)) return;
    if (this.select) this.select.value = key;
    this.choose(key);
  }

  /** @param {string} message */
  reset(message) {
    this.cancel();
    this.unlock();
    this.clear();
    this.current = null;
    this.draftVersion = null;
    this.versionNote("");
    this.refreshSelect();
    this.say(message);
  }

  /** @param {string} action */
  act(action) {
    if (action === "delete") return this.deleteOne();
    if (action === "delete-all") return this.deleteAll();
    this.flush();
    if (action === "new") {
      this.dismiss();
      this.reset("New scorecard");
      this.candidate?.focus();
    } else if (action === "print") {
      refreshMirrors();
      window.print();
    } else if (action === "copy") {
      this.copy(markdownOf(this.sheet()), "Copied as Markdown");
    } else if (action === "copy-text") {
      this.copy(plainTextOf(this.sheet()), "Copied as plain text");
    } else if (action === "download") {
      this.download();
    } else if (action === "submit") {
      this.trySubmit();
    }
  }

  /** @param {string} text @param {string} done */
  copy(text, done) {
    const copied = () => this.say(done);
    const fallback = () => {
      if (copyWithTextarea(text)) copied();
      else this.say("Could not copy: this browser blocked access to the clipboard.");
    };
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      navigator.clipboard.writeText(text).then(copied, fallback);
    } else {
      fallback();
    }
  }

  download() {
    const sheet = this.sheet();
    const name = exportName(sheet);
    // A submitted scorecard downloads as the record it was stamped with, every time.
    const record = this.submitted || exportOf(sheet, new Date());
    downloadText(name, JSON.stringify(record, null, 2) + "\n", "application/json");
    this.say("Downloaded " + name + (this.submitted ? " (the submitted record)" : ""));
  }

  deleteOne() {
    this.flush();
    const label = this.label();
    const key = label ? draftKey(this.card, label) : this.current;
    let all = readAll();
    const stored = key ? draftAt(all, key) : null;
    if (!key || (!stored && !hasOwn(all, key))) {
      this.say("There is no saved draft to delete for this scorecard.");
      return;
    }
    const name = stored ? draftName(stored) : label;
    // A submitted scorecard's record exists nowhere else until its JSON has been sent on.
    const question = stored && stored.submitted
      ? "Delete the submitted scorecard for " + quoted(name) + " from this browser? Its record "
        + "is kept nowhere else: download its JSON first if the debrief has not got it. This "
        + "cannot be undone."
      : "Delete the draft for " + quoted(name) + " from this browser? This cannot be undone.";
    if (!window.confirm(question)) {
      this.say("Nothing was deleted.");
      return;
    }
    all = readAll();
    delete all[key];
    const written = writeAll(all);
    if (!written.ok) {
      this.say("Could not delete the draft: " + storageProblem(written) + ".");
      return;
    }
    this.reset("Deleted the draft for " + quoted(name) + ".");
  }

  deleteAll() {
    this.flush();
    if (!window.confirm("Delete every draft this site has stored in this browser, for all playbooks? This cannot be undone.")) {
      this.say("Nothing was deleted.");
      return;
    }
    // The drafts, and the copies core/storage.mjs kept aside (an unreadable store, the
    // pre-scoping one).
    const failed = [DRAFTS, DRAFTS + ":unreadable", DRAFTS + ":before-scoping"]
      .map((name) => pageStorage().remove(name)).find((result) => !result.ok);
    if (failed) {
      this.say("Could not delete the stored data: " + storageProblem(failed) + ".");
      return;
    }
    this.reset("Deleted all stored drafts.");
  }

  /** @param {HTMLTextAreaElement} textarea */
  mirror(textarea) {
    const mirror = this.mirrors.get(textarea.name);
    if (mirror && mirror.textContent !== textarea.value) mirror.textContent = textarea.value;
  }

  /** @param {boolean} [sizes] also fit each box to its text */
  refreshText(sizes = true) {
    for (const textarea of this.form.querySelectorAll("textarea[name]")) {
      if (!(textarea instanceof HTMLTextAreaElement)) continue;
      this.mirror(textarea);
      if (sizes) grow(textarea);
    }
  }

  /** Fit each box to its text (new widths wrap notes differently). */
  refit() {
    for (const textarea of this.form.querySelectorAll("textarea[name]")) {
      if (textarea instanceof HTMLTextAreaElement) grow(textarea);
    }
  }
}

// --- Every form on the page -----------------------------------------------------------------

/** @type {WeakMap<HTMLFormElement, ScorecardForm>} a form is set up once */
const forms = new WeakMap();
/** @type {Set<ScorecardForm>} forms set up so far, on this page (flushed on page change) */
const live = new Set();

/** Save what was typed in every form, now. */
export function flushAll() {
  live.forEach((form) => form.flush());
}

/** Copy every note into its print mirror (before printing). */
export function refreshMirrors() {
  live.forEach((form) => {
    if (form.form.isConnected) form.refreshText(false);
  });
}

/** Fit every note's box to its text. */
export function refitAll() {
  live.forEach((form) => {
    if (form.form.isConnected) form.refit();
  });
}

/**
 * Show another tab's changes in each form's list of drafts (and its prompt, if showing);
 * a draft open here that another tab submitted is shown read-only, as submitted.
 */
export function refreshLists() {
  live.forEach((form) => {
    if (!form.form.isConnected) return;
    const open = form.current && !form.submitted ? draftAt(readAll(), form.current) : null;
    if (open && open.submitted && form.current) {
      form.open(form.current, "This scorecard was submitted in another tab; it is read-only here too.");
    }
    form.refreshSelect();
    if (form.asking()) {
      const drafts = draftsOf(readAll(), form.card);
      if (drafts.length) form.ask(drafts);
      else form.dismiss();
    }
  });
}

/**
 * Set up the forms under `root` not set up yet. Drafts typed in forms that were replaced
 * (instant navigation, the loop's rebuilt form) are saved first, and those forms let go.
 * @param {ParentNode} root
 */
export function mountForms(root = document) {
  flushAll();
  live.forEach((form) => {
    if (form.form.isConnected) return;
    if (form.current) carried.set(formKind(form.card), form.current);
    live.delete(form);
  });
  /** @type {ScorecardForm[]} */
  const mounted = [];
  for (const element of root.querySelectorAll("form[data-ip-form]")) {
    if (!(element instanceof HTMLFormElement) || forms.has(element)) continue;
    const form = new ScorecardForm(element);
    forms.set(element, form);
    live.add(form);
    form.setup();
    mounted.push(form);
  }
  carried.clear();
  return mounted;
}

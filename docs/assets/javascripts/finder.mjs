/*
 * Page module: the question finder on the "Question banks" page (questions/).
 *
 * The page holds the filter's controls ([data-ip-finder], overrides/playbooks/banks.md);
 * the questions come from questions/finder.json (interview_playbooks/finder.py), fetched by
 * the URL the page gives, relative to it, so the site works under any sub-path. The filter
 * lives in the page's query string (finder/filter.mjs). A change of a checkbox adds a
 * history entry (pushState), typing replaces it (replaceState), and back/forward
 * (popstate) restore the filter.
 *
 * Results are drawn from the page's <template>, with text only (textContent), at most
 * PAGE_SIZE at a time, with a "Show more" button, each with its kind, bank, levels and
 * suggested minutes (where it has them) and its "Add to my loop" button.
 */

import { GROUPS, TABLES, aliases, fromQuery, matching, toQuery, unknownNote } from "./finder/filter.mjs";
import { nameAt, names, prepare, questionUrl } from "./finder/data.mjs";
import { bindButtons } from "./loop/buttons.mjs";
import { fetchJson, onEveryPage, once } from "./core/page.mjs";
import { plural } from "./core/text.mjs";

/** @typedef {import("./finder/data.mjs").FinderData} FinderData */
/** @typedef {import("./finder/data.mjs").Question} Question */
/** @typedef {import("./finder/filter.mjs").Filter} Filter */
/** @typedef {import("./finder/filter.mjs").Group} Group */

const PAGE_SIZE = 200;
const TYPING_DELAY = 250; // ms after the last key before the list and the address follow

class Finder {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.form = /** @type {HTMLFormElement} */ (root.querySelector("[data-ip-finder-form]"));
    this.text = /** @type {HTMLInputElement} */ (this.form.elements.namedItem("q"));
    this.count = /** @type {HTMLElement} */ (root.querySelector("[data-ip-count]"));
    this.note = /** @type {HTMLElement} */ (root.querySelector("[data-ip-note]"));
    this.results = /** @type {HTMLElement} */ (root.querySelector("[data-ip-results]"));
    this.more = /** @type {HTMLButtonElement} */ (root.querySelector("[data-ip-more]"));
    this.template = /** @type {HTMLTemplateElement} */ (root.querySelector("template[data-ip-result-template]"));
    this.base = root.getAttribute("data-ip-root") || "";
    /** @type {FinderData | null} */
    this.data = null;
    /** @type {import("./finder/filter.mjs").Aliases | null} */
    this.aliases = null;
    /** @type {Question[]} */
    this.matches = [];
    this.shown = 0;
    this.timer = 0;
    this.typing = false; // a history entry for the current run of typing exists
  }

  setup() {
    this.root.hidden = false;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.apply("push");
    });
    this.form.addEventListener("change", (event) => {
      if (event.target === this.text) return;
      this.typing = false;
      this.apply("push");
    });
    this.text.addEventListener("input", () => {
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => {
        this.apply(this.typing ? "replace" : "push");
        this.typing = true;
      }, TYPING_DELAY);
    });
    this.text.addEventListener("blur", () => { this.typing = false; });
    this.root.querySelector("[data-ip-clear]")?.addEventListener("click", () => {
      this.setControls({ groups: {}, q: "" });
      this.typing = false;
      this.apply("push");
      this.text.focus();
    });
    this.more.addEventListener("click", () => this.showMore(true));
    fetchJson(this.root.getAttribute("data-ip-data") || "", prepare).then((data) => {
      this.data = data;
      this.aliases = aliases(data);
      this.fillLongGroups(data);
      this.restore();
    }, () => {
      this.count.textContent = "Could not load the questions (questions/finder.json). The banks below list them all.";
    });
  }

  /**
   * A group too long to write into the page (a site of hundreds of banks) has an empty
   * fieldset; its boxes are made here from the finder's data, as the template makes them.
   * @param {FinderData} data
   */
  fillLongGroups(data) {
    for (const set of this.form.querySelectorAll("fieldset[data-ip-fill]")) {
      const group = /** @type {Group} */ (set.getAttribute("data-ip-fill"));
      if (!GROUPS.includes(group) || set.querySelector("input")) continue;
      for (const entry of data[TABLES[group]] || []) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        const name = document.createElement("span");
        label.className = "ip-box-label";
        box.type = "checkbox";
        box.name = group;
        box.value = String(entry.id);
        name.textContent = String(entry.name);
        label.append(box, name);
        set.appendChild(label);
      }
    }
  }

  /** The filter the controls show. @returns {Filter} */
  fromControls() {
    /** @type {Filter} */
    const filter = { groups: {}, q: this.text.value.trim() };
    for (const group of GROUPS) {
      const boxes = this.form.querySelectorAll(`input[type=checkbox][name="${group}"]:checked`);
      if (boxes.length) filter.groups[group] = Array.from(boxes, (box) => /** @type {HTMLInputElement} */ (box).value);
    }
    return filter;
  }

  /** @param {Filter} filter */
  setControls(filter) {
    this.text.value = filter.q || "";
    for (const box of this.form.querySelectorAll("input[type=checkbox]")) {
      const input = /** @type {HTMLInputElement} */ (box);
      input.checked = (filter.groups[/** @type {Group} */ (input.name)] || []).includes(input.value);
    }
  }

  /** Read the address into the controls and the list (on load and on back/forward). */
  restore() {
    if (!this.aliases) return;
    const filter = fromQuery(window.location.search, this.aliases);
    this.setControls(filter);
    this.typing = false;
    for (const details of this.form.querySelectorAll("details[data-ip-group]")) {
      const group = /** @type {Group} */ (details.getAttribute("data-ip-group"));
      if ((filter.groups[group] || []).length) /** @type {HTMLDetailsElement} */ (details).open = true;
    }
    const note = unknownNote(filter.unknown);
    this.note.textContent = note;
    this.note.hidden = !note;
    this.run(filter);
  }

  /**
   * The controls changed: filter, and write the filter into the address.
   * @param {"push" | "replace"} how
   */
  apply(how) {
    if (!this.data) return;
    const filter = this.fromControls();
    const url = window.location.pathname + toQuery(filter) + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      const state = { ipFinder: true };
      if (how === "replace") window.history.replaceState(window.history.state || state, "", url);
      else window.history.pushState(state, "", url);
    }
    this.note.hidden = true;
    this.run(filter);
  }

  /** @param {Filter} filter */
  run(filter) {
    const data = /** @type {FinderData} */ (this.data);
    this.matches = matching(data, filter);
    this.count.textContent = this.matches.length.toLocaleString("en") + " of " +
      plural(data.questions.length, "question");
    for (const details of this.form.querySelectorAll("details[data-ip-group]")) {
      const chosen = (filter.groups[/** @type {Group} */ (details.getAttribute("data-ip-group"))] || []).length;
      const shown = details.querySelector("[data-ip-chosen]");
      if (shown) shown.textContent = chosen ? "(" + chosen + " chosen)" : "";
    }
    this.results.replaceChildren();
    this.shown = 0;
    this.showMore(false);
  }

  /** @param {boolean} focus move focus to the first new result */
  showMore(focus) {
    const data = /** @type {FinderData} */ (this.data);
    const start = this.shown;
    const end = Math.min(this.matches.length, start + PAGE_SIZE);
    const fragment = document.createDocumentFragment();
    /** @type {HTMLAnchorElement | null} */
    let first = null;
    for (const question of this.matches.slice(start, end)) {
      const item = /** @type {Element} */ (this.template.content.firstElementChild?.cloneNode(true));
      /** @param {string} slot */
      const slot = (slot) => /** @type {HTMLElement} */ (item.querySelector(`[data-ip-slot="${slot}"]`));
      const link = /** @type {HTMLAnchorElement} */ (slot("title"));
      link.textContent = question.t;
      link.href = this.base + questionUrl(data, question);
      slot("kind").textContent = nameAt(data, "kinds", question.k);
      slot("topic").textContent = nameAt(data, "topics", question.p);
      slot("levels").textContent = names(data, "levels", question.l).join(", ");
      // A question's suggested minutes, where it has them ("" keeps the slot empty).
      slot("minutes").textContent = question.m ? " \u00b7 " + question.m + " min" : "";
      const toggle = item.querySelector("[data-ip-loop-toggle]");
      toggle?.setAttribute("data-ip-loop-toggle", question.i);
      toggle?.setAttribute("data-ip-title", question.t);
      fragment.appendChild(item);
      first = first || link;
    }
    this.results.appendChild(fragment);
    bindButtons(this.results);
    this.shown = end;
    const left = this.matches.length - end;
    this.more.hidden = left <= 0;
    this.more.textContent = "Show " + Math.min(left, PAGE_SIZE).toLocaleString("en") + " more (" +
      left.toLocaleString("en") + " not shown)";
    if (focus && first) first.focus();
  }
}

/** @type {Finder | null} the finder of the page on screen */
let current = null;

window.addEventListener("popstate", () => {
  if (current && current.root.isConnected && current.data) current.restore();
});

onEveryPage(() => {
  const root = document.querySelector("[data-ip-finder]");
  if (!(root instanceof HTMLElement) || !once(root)) return;
  current = new Finder(root);
  current.setup();
});

/*
 * The loop page (questions/loop/, [data-ip-loop]): lists the loop to reorder, remove and
 * clear, and builds the loop's scorecard from the templates in the page
 * (overrides/playbooks/loop.md) and the card skeleton the build wrote there; the scorecard
 * form (scorecard/form.mjs) then makes it fillable and printable like a playbook's.
 *
 * The questions' titles and signals come from the finder's data file, their hire
 * indicators from their banks' hire.json, fetched by URLs relative to the page; a question
 * id that is no longer in the data is dropped from the loop, and the page says so (a
 * renamed question, listed under its former id, is kept under its new one).
 */

import { loopCard, moved, resolve, resolveNote, totalText } from "./list.mjs";
import { ids, onChange, save, tidy } from "./store.mjs";
import { addHire, nameAt, names, prepare, questionUrl, topicsLackingHire } from "../finder/data.mjs";
import { mountForms } from "../scorecard/form.mjs";
import { announce, fetchJson, messages, readJsonBlock } from "../core/page.mjs";
import { plural, quoted } from "../core/text.mjs";

/** @typedef {import("../finder/data.mjs").FinderData} FinderData */
/** @typedef {import("../scorecard/card.mjs").Card} Card */

/**
 * Fill in the hire indicators of the questions `list` from their banks' hire.json;
 * resolves to the names of the banks whose file could not be read.
 * @param {FinderData} data
 * @param {string[]} list
 * @param {string} root the site's root, relative to the page
 */
function loadHire(data, list, root) {
  return Promise.all(topicsLackingHire(data, list).map((position) => {
    const topic = data.topics[position] || { id: "", name: "", hire: "" };
    return fetchJson(root + topic.hire, (file) => file).then((file) => {
      addHire(data, position, file);
      return "";
    }, () => topic.name || topic.id);
  })).then((failed) => failed.filter(Boolean));
}

/** Put the entry's key (and indicator number) into the placeholders of names and ids. */
const NAMED = ["name", "id", "for", "aria-describedby", "data-ip-mirror", "data-ip-entry"];

/** @param {Element} element @param {string} key @param {number} [number] */
function fillNames(element, key, number) {
  for (const node of [element, ...element.querySelectorAll("*")]) {
    for (const name of NAMED) {
      const value = node.getAttribute(name);
      if (value && value.includes("__")) {
        node.setAttribute(name, value.split("__key__").join(key).split("__n__").join(String(number || "")));
      }
    }
  }
}

/** @param {HTMLTemplateElement | null} template */
function cloneOf(template) {
  return /** @type {HTMLElement} */ (template?.content.firstElementChild?.cloneNode(true));
}

export class LoopPage {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    /** @param {string} selector */
    const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
    /** @param {string} name */
    const template = (name) => /** @type {HTMLTemplateElement | null} */ (root.querySelector(`template[${name}]`));
    this.manage = find("[data-ip-loop-manage]");
    this.list = find("[data-ip-loop-list]");
    this.empty = find("[data-ip-loop-empty]");
    this.total = root.querySelector("[data-ip-loop-total]");
    this.clearButton = find("[data-ip-loop-clear]");
    this.itemTemplate = template("data-ip-loop-item");
    this.formTemplate = template("data-ip-loop-form");
    this.entryTemplate = template("data-ip-loop-entry");
    this.indicatorTemplate = template("data-ip-loop-indicator");
    this.formSlot = find("[data-ip-loop-form-slot]");
    /** @type {Card} the loop's card as the build wrote it, with no questions */
    this.skeleton = /** @type {Card} */ (readJsonBlock(template("data-ip-loop-card")));
    this.base = root.getAttribute("data-ip-root") || "";
    const { say, warn } = messages(root.querySelector("[data-ip-loop-status]"), find("[data-ip-loop-note]"));
    this.say = say;
    this.warn = warn;
    /** @type {FinderData | null} */
    this.data = null;
    /** @type {string[]} the loop, resolved against the data */
    this.ids = [];
    /** @type {HTMLFormElement | null} */
    this.form = null;
    /** @type {string[] | null} the ids the current form was built for, in order */
    this.formFor = null;
  }

  setup() {
    this.manage.hidden = false;
    this.say("Loading your loop\u2026");
    this.list.addEventListener("click", (event) => this.onListClick(event));
    this.clearButton.addEventListener("click", () => this.clear());
    fetchJson(this.root.getAttribute("data-ip-data") || "", prepare).then((data) => {
      this.data = data;
      this.refresh();
      onChange(() => {
        if (this.root.isConnected) this.refresh();
      });
    }, () => {
      this.say("");
      this.warn("Could not load the questions (questions/finder.json), so your loop cannot be shown. " +
                "It is still stored in this browser.");
    });
  }

  /** The loop changed (or the page opened): list it, then build its scorecard. */
  refresh() {
    const data = /** @type {FinderData} */ (this.data);
    const resolved = resolve(data, ids());
    if (resolved.changed) {
      this.warn(resolveNote(resolved));
      tidy(resolved.kept);
    }
    this.ids = resolved.kept;
    this.render(data);
    const wanted = this.ids.slice();
    loadHire(data, wanted, this.base).then((failed) => {
      if (this.ids.join("\n") !== wanted.join("\n")) return; // a newer change builds it
      if (failed.length) {
        this.warn("Could not load the hire indicators of " + failed.join(", ") +
                  "; the scorecard leaves them out.");
      }
      this.buildForm(data);
    });
  }

  /** @param {FinderData} data */
  render(data) {
    const list = this.list;
    list.replaceChildren();
    this.ids.forEach((id, position) => {
      const question = data.byId[id];
      const item = cloneOf(this.itemTemplate);
      item.setAttribute("data-ip-question", id);
      const link = /** @type {HTMLAnchorElement} */ (item.querySelector('[data-ip-slot="title"]'));
      link.textContent = question.t;
      link.href = this.base + questionUrl(data, question);
      const meta = [nameAt(data, "kinds", question.k), nameAt(data, "topics", question.p),
                    ...(question.m ? ["about " + question.m + " min"] : [])];
      /** @type {Element} */ (item.querySelector('[data-ip-slot="meta"]')).textContent =
        meta.filter(Boolean).join(" \u00b7 ");
      for (const button of item.querySelectorAll("button")) {
        button.setAttribute("aria-label", (button.textContent || "").trim() + ": " + question.t);
        const move = Number(button.getAttribute("data-ip-move") || 0);
        const stuck = (move < 0 && position === 0) || (move > 0 && position === this.ids.length - 1);
        if (stuck) button.setAttribute("aria-disabled", "true");
      }
      list.appendChild(item);
    });
    const count = this.ids.length;
    this.empty.hidden = count > 0;
    list.hidden = count === 0;
    this.clearButton.hidden = count === 0;
    if (this.total) this.total.textContent = totalText(this.ids.map((id) => data.byId[id]));
    this.say(count ? "Your loop: " + plural(count, "question") + "." : "Your loop is empty.");
  }

  /** @param {Event} event */
  onListClick(event) {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    const data = this.data;
    if (!button || !data || !this.list.contains(button)) return;
    const id = button.closest("[data-ip-question]")?.getAttribute("data-ip-question") || "";
    const position = this.ids.indexOf(id);
    const title = data.byId[id].t;
    if (button.hasAttribute("data-ip-remove")) {
      const list = this.ids.filter((other) => other !== id);
      save(list); // re-renders through onChange
      const next = this.list.querySelectorAll("[data-ip-question]")[Math.min(position, list.length - 1)];
      const focus = next ? next.querySelector("button[data-ip-remove]") : this.root.querySelector("[data-ip-loop-find]");
      if (focus instanceof HTMLElement) focus.focus();
      announce("Removed " + quoted(title) + ". " + plural(list.length, "question") + " left.");
      return;
    }
    const by = Number(button.getAttribute("data-ip-move") || 0);
    const reordered = moved(this.ids, id, by);
    if (!reordered) {
      announce(quoted(title) + " is already " + (by < 0 ? "first" : "last") + ".");
      return;
    }
    save(reordered);
    const again = this.list.querySelector('[data-ip-question="' + CSS.escape(id) + '"] button[data-ip-move="' +
                                          button.getAttribute("data-ip-move") + '"]');
    if (again instanceof HTMLElement) again.focus();
    announce("Moved " + quoted(title) + " to position " + (reordered.indexOf(id) + 1) + " of " +
             reordered.length + ".");
  }

  clear() {
    if (!this.ids.length) return;
    if (!window.confirm("Take every question out of your loop? Saved scorecard drafts stay.")) return;
    save([]);
    const find = this.root.querySelector("[data-ip-loop-find]");
    if (find instanceof HTMLElement) find.focus();
    announce("Your loop is empty.");
  }

  /**
   * The loop's scorecard, built again when the loop's questions or their order changed;
   * the draft that was open stays open.
   * @param {FinderData} data
   */
  buildForm(data) {
    const list = this.ids;
    if (this.formFor && this.formFor.join("\n") === list.join("\n")) return;
    const old = this.form;
    const oldLabel = old?.elements.namedItem("candidate");
    const label = oldLabel instanceof HTMLInputElement ? oldLabel.value.trim() : "";
    this.formFor = list.slice();
    if (!list.length) {
      old?.remove();
      this.form = null;
      this.formSlot.hidden = true;
      mountForms(this.formSlot); // saves the removed form's draft, and lets it go
      return;
    }
    const card = loopCard(this.skeleton, data, list);
    const form = /** @type {HTMLFormElement} */ (cloneOf(this.formTemplate));
    const entries = /** @type {Element} */ (form.querySelector("[data-ip-loop-entries]"));
    for (const entry of card.sections[0].entries) {
      const element = cloneOf(this.entryTemplate);
      fillNames(element, entry.key);
      const question = data.byId[entry.question || ""];
      /** @type {Element} */ (element.querySelector('[data-ip-slot="title"]')).textContent = entry.title;
      /** @type {Element} */ (element.querySelector('[data-ip-slot="signals"]')).textContent =
        names(data, "signals", question.s).join(", ");
      const legend = element.querySelector(".ip-sc-score legend");
      if (legend) legend.textContent = "Score for " + entry.title;
      const notes = element.querySelector(".ip-sc-notes label");
      if (notes) notes.textContent = "Evidence notes for " + entry.title;
      const table = /** @type {HTMLTableElement} */ (element.querySelector('[data-ip-slot="indicators"]'));
      entry.indicators.forEach((indicator, n) => {
        const row = cloneOf(this.indicatorTemplate);
        fillNames(row, entry.key, n + 1);
        /** @type {Element} */ (row.querySelector('[data-ip-slot="text"]')).textContent = indicator;
        table.tBodies[0].appendChild(row);
      });
      if (!entry.indicators.length) table.remove();
      entries.appendChild(element);
    }
    form.setAttribute("data-rubric-version", card.rubric_version);
    /** @type {Element} */ (form.querySelector("[data-ip-loop-version]")).textContent = card.rubric_version;
    form.insertBefore(dataBlock(card), form.firstChild);
    form.setAttribute("data-ip-form", card.form);
    if (old) old.replaceWith(form);
    else this.formSlot.appendChild(form);
    this.form = form;
    this.formSlot.hidden = false;
    // The replaced form's draft is saved, this one set up with the latest draft open.
    const [mounted] = mountForms(this.formSlot);
    if (label && mounted) mounted.openLabel(label);
  }
}

/**
 * The card's data block, as _scorecard.html writes it for a playbook.
 * @param {Card} card
 */
function dataBlock(card) {
  const holder = document.createElement("template");
  holder.setAttribute("data-ip-scorecard-template", "");
  const script = document.createElement("script");
  script.type = "application/json";
  script.setAttribute("data-ip-scorecard-data", "");
  script.textContent = JSON.stringify(card);
  holder.content.appendChild(script);
  return holder;
}

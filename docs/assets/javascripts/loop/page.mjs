/*
 * The loop page (questions/loop/, [data-ip-loop]): lists the loop to reorder, remove and
 * clear, times it against its target length, starts it from a playbook, shares it as a
 * link, and builds the loop's scorecard from the templates in the page
 * (overrides/playbooks/loop.md) and the card skeleton the build wrote there: a section a
 * question with its time box and cues (the interview mode DOM), and a rubric of the signals
 * the questions probe. The scorecard form (scorecard/form.mjs) then makes it fillable and
 * printable like a playbook's.
 *
 * The questions' titles and signals, and the playbooks, come from the finder's data file,
 * their hire indicators and cues from their banks' hire.json, fetched by URLs relative to
 * the page; a question id that is no longer in the data is dropped from the loop, and the
 * page says so (a renamed question, listed under its former id, is kept under its new one).
 *
 * The address may say where the loop comes from: `?from=<playbook id>` (a playbook's link)
 * or `#share=<code>` (loop/share.mjs). Either is read once and taken off the address; if it
 * would replace a loop the browser has, the page asks first, and keeps the replaced loop
 * to bring back.
 */

import { DEFAULT_MINUTES, loopCard, moved, probedBy, resolve, resolveNote, targetOf, timeBoxes, totalText }
  from "./list.mjs";
import { SHARE_PREFIX, codeOf, decodeLoop, encodeLoop } from "./share.mjs";
import { ids, keepPrevious, onChange, previous, save, saveLoop, target, tidy } from "./store.mjs";
import { addHire, currentId, nameAt, names, playbookById, prepare, questionUrl, topicsLackingHire }
  from "../finder/data.mjs";
import { summaryOf } from "../scorecard/anchors.mjs";
import { mountForms } from "../scorecard/form.mjs";
import { mountInterviews } from "../interview.mjs";
import { announce, fetchJson, messages, readJsonBlock } from "../core/page.mjs";
import { plural, quoted, shorten } from "../core/text.mjs";

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
const NAMED = ["name", "id", "for", "aria-describedby", "data-ip-mirror", "data-ip-entry", "data-ip-anchors"];

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

/** @param {string[]} a @param {string[]} b */
const same = (a, b) => a.join("\n") === b.join("\n");

/** "Mandatory" or "Hard", as the question cards label probes. */
const PROBE_LABELS = { mandatory: "Mandatory", hard: "Hard", "follow-up": "Follow-up" };

/**
 * A list item of a probe: its kind's badge, its condition, its text.
 * @param {string[]} probe [type, text, condition?]
 */
function probeItem([type, text, condition]) {
  const item = document.createElement("li");
  item.setAttribute("data-ip-probe", type);
  if (type !== "follow-up") {
    const badge = document.createElement("span");
    badge.className = "ip-badge ip-badge--" + (type === "hard" ? "hard" : "mandatory");
    badge.textContent = type === "hard" ? PROBE_LABELS.hard : PROBE_LABELS.mandatory;
    item.append(badge, " ");
  }
  if (condition) {
    const when = document.createElement("span");
    when.className = "ip-condition";
    when.textContent = condition;
    item.append(when, " ");
  }
  item.append(text);
  return item;
}

/** @param {Element} list @param {string[]} texts */
function fillList(list, texts) {
  for (const text of texts) {
    const item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
  }
}

/**
 * Fill an entry's anchors block (_scorecard.html `anchors`, rendered empty): a part of its
 * line per anchor, the disclosure's list and the printed line, all as text; it goes if the
 * question has none.
 * @param {Element} block
 * @param {import("../scorecard/card.mjs").Anchor[]} anchors best score first
 * @param {import("../scorecard/card.mjs").ScalePoint[]} scale
 */
function fillAnchors(block, anchors, scale) {
  if (!anchors.length) {
    block.remove();
    return;
  }
  /** @param {string} name */
  const slot = (name) => /** @type {HTMLElement} */ (block.querySelector(`[data-ip-slot="${name}"]`));
  /** @param {string} tag @param {number} score */
  const scored = (tag, score) => {
    const element = document.createElement(tag);
    const badge = element.appendChild(document.createElement("span"));
    badge.className = "ip-anchor-score";
    badge.textContent = String(score);
    return element;
  };
  const between = block.querySelector("[data-ip-anchor-between]");
  anchors.forEach(({ score, text }, n) => {
    const part = scored("span", score);
    part.setAttribute("data-ip-anchor-point", String(score));
    part.hidden = true;
    part.append(" " + text);
    between?.before(part);
    const term = scored("dt", score);
    const label = scale.find((point) => point.value === score)?.label;
    if (label) term.append(" " + label);
    const description = document.createElement("dd");
    description.textContent = text;
    slot("anchor-list").append(term, description);
    const printed = document.createElement("span");
    printed.className = "ip-sc-anchor-point";
    printed.append(Object.assign(document.createElement("strong"), { textContent: String(score) }), " " + text);
    slot("anchor-print").append(...(n ? [" \u00b7 "] : []), printed);
  });
  slot("anchor-summary").textContent = summaryOf(anchors.map((anchor) => anchor.score));
}

/**
 * Fill the cues block of an entry (prompt, probes, strong answer); it goes if it is empty.
 * @param {Element} cues
 * @param {import("../finder/data.mjs").Cues} from
 */
function fillCues(cues, from) {
  /** @param {string} name */
  const slot = (name) => /** @type {HTMLElement} */ (cues.querySelector(`[data-ip-slot="${name}"]`));
  const probes = from.b || [];
  const asked = probes.filter((probe) => probe[0] === "mandatory" || probe[0] === "hard");
  const more = probes.filter((probe) => !asked.includes(probe));
  if (from.a) slot("prompt").textContent = from.a;
  else slot("prompt").remove();
  if (asked.length) asked.forEach((probe) => slot("probes").appendChild(probeItem(probe)));
  else slot("probes").remove();
  if (more.length) {
    more.forEach((probe) => slot("more-probes").appendChild(probeItem(probe)));
    slot("more-summary").textContent = "More probes (" + more.length + ")";
  } else {
    slot("more").remove();
  }
  if (from.s && from.s.length) fillList(slot("strong-list"), from.s);
  else slot("strong").remove();
  if (!cues.children.length) cues.remove();
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
    this.shareButton = find("[data-ip-loop-share]");
    this.shareBox = find("[data-ip-loop-share-box]");
    this.shareUrl = /** @type {HTMLInputElement} */ (find("[data-ip-loop-share-url]"));
    this.playbookSelect = /** @type {HTMLSelectElement} */ (find("[data-ip-loop-playbook]"));
    this.useButton = find("[data-ip-loop-use]");
    this.targetInput = /** @type {HTMLInputElement} */ (find("[data-ip-loop-target]"));
    this.offer = find("[data-ip-loop-offer]");
    this.offerText = find("[data-ip-loop-offer-text]");
    this.previousBox = find("[data-ip-loop-previous]");
    this.restoreButton = find("[data-ip-loop-restore]");
    this.itemTemplate = template("data-ip-loop-item");
    this.formTemplate = template("data-ip-loop-form");
    this.sectionTemplate = template("data-ip-loop-section");
    this.indicatorTemplate = template("data-ip-loop-indicator");
    this.dimensionTemplate = template("data-ip-loop-dimension");
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
    /** the loop's target length in minutes */
    this.target = target();
    /** @type {HTMLFormElement | null} */
    this.form = null;
    /** @type {string | null} what the current form was built for: its ids in order, and the target */
    this.formFor = null;
    /** @type {(() => void) | null} what the offer's "Replace" button does */
    this.onAccept = null;
  }

  setup() {
    this.manage.hidden = false;
    this.say("Loading your loop\u2026");
    const hint = this.root.querySelector("[data-ip-loop-hint]");
    if (hint) {
      hint.textContent = "A playbook gives its questions in schedule order, and of each pool its first ones: " +
        "swap in others from the finder. A question with no suggested time counts " + DEFAULT_MINUTES + " min.";
    }
    this.list.addEventListener("click", (event) => this.onListClick(event));
    this.clearButton.addEventListener("click", () => this.clear());
    this.shareButton.addEventListener("click", () => this.share());
    this.useButton.addEventListener("click", () => this.offerPlaybook(this.playbookSelect.value, false));
    this.targetInput.addEventListener("input", () => this.previewTarget());
    this.targetInput.addEventListener("change", () => this.changeTarget());
    this.offer.querySelector("[data-ip-loop-offer-yes]")?.addEventListener("click", () => {
      const accept = this.onAccept;
      this.closeOffer();
      if (accept) accept();
    });
    this.offer.querySelector("[data-ip-loop-offer-no]")?.addEventListener("click", () => {
      this.closeOffer();
      this.say("Kept your loop.");
      announce("Kept your loop.");
    });
    this.restoreButton.addEventListener("click", () => this.restore());
    fetchJson(this.root.getAttribute("data-ip-data") || "", prepare).then((data) => {
      this.data = data;
      this.fillPlaybooks(data);
      onChange(() => {
        if (this.root.isConnected) this.refresh();
      });
      this.refresh();
      this.fromAddress(data);
      // A shared link pasted into the address of this page, which does not reload it.
      window.addEventListener("hashchange", () => {
        if (this.root.isConnected && codeOf(window.location.hash) !== null) this.fromAddress(data);
      });
    }, () => {
      this.say("");
      this.warn("Could not load the questions (questions/finder.json), so your loop cannot be shown. " +
                "It is still stored in this browser.");
    });
  }

  /** @param {FinderData} data */
  fillPlaybooks(data) {
    /** @type {Map<number, HTMLOptGroupElement>} */
    const groups = new Map();
    for (const playbook of data.playbooks || []) {
      let group = groups.get(playbook.r);
      if (!group) {
        group = document.createElement("optgroup");
        group.label = nameAt(data, "roles", playbook.r) || "Other";
        groups.set(playbook.r, group);
        this.playbookSelect.appendChild(group);
      }
      const option = document.createElement("option");
      option.value = playbook.i;
      option.textContent = playbook.t + " \u00b7 " + nameAt(data, "levels", playbook.l) + " \u00b7 " +
        playbook.d + " min";
      group.appendChild(option);
    }
  }

  /**
   * A loop the address brings (a shared link, a playbook's link), read once: the address
   * loses it, so a reload does not ask again.
   * @param {FinderData} data
   */
  fromAddress(data) {
    const code = codeOf(window.location.hash);
    const from = new URLSearchParams(window.location.search).get("from");
    if (code === null && from === null) return;
    window.history.replaceState(window.history.state, "", window.location.pathname);
    if (code !== null) {
      const shared = decodeLoop(code, data);
      this.warn(shared.problems.join(" "));
      if (!shared.ids.length) {
        this.say("The link holds no question of this site: your loop is as it was.");
        return;
      }
      this.offerLoop(shared.ids, shared.target, "The shared loop");
    } else {
      this.offerPlaybook(from || "", true);
    }
  }

  /**
   * Start the loop from the playbook `id` (asking first if the loop has questions).
   * @param {string} id
   * @param {boolean} fromLink the id came from the address
   */
  offerPlaybook(id, fromLink) {
    const data = this.data;
    if (!data) return;
    const playbook = id ? playbookById(data, id) : null;
    if (!playbook) {
      if (fromLink) this.warn("No playbook has the id " + quoted(shorten(id, 60)) + ": your loop is as it was.");
      else this.playbookSelect.focus();
      if (!fromLink) this.say("Choose a playbook first.");
      return;
    }
    this.playbookSelect.value = playbook.i;
    const list = [];
    for (const qid of playbook.q) {
      const current = currentId(data, qid);
      if (current !== null && !list.includes(current)) list.push(current);
    }
    this.offerLoop(list, playbook.d, "The playbook " + quoted(playbook.t));
  }

  /**
   * Make `list` (and `minutes`) the loop: at once if the loop is empty, after asking in
   * the page if it has other questions; the replaced loop is kept to bring back.
   * @param {string[]} list
   * @param {number} minutes
   * @param {string} what names the new loop's source, e.g. "The shared loop"
   */
  offerLoop(list, minutes, what) {
    const data = /** @type {FinderData} */ (this.data);
    const now = this.ids;
    const described = what + " has " + plural(list.length, "question") + " (" +
      timeBoxes(list.map((id) => data.byId[id])).reduce((sum, box) => sum + box.minutes, 0) +
      " min) and a target of " + minutes + " min";
    if (same(now, list) && this.target === minutes) {
      this.say(what + " is the loop you have.");
      return;
    }
    const replace = () => {
      if (now.length) keepPrevious({ ids: now, target: this.target });
      if (saveLoop(list, minutes)) {
        this.say(described + ": it is now your loop.");
        announce(described + ": it is now your loop.");
      }
    };
    if (!now.length) {
      replace();
      return;
    }
    this.offerText.textContent = described + ". Replace your loop of " + plural(now.length, "question") +
      " (" + this.target + " min target) with it? Yours is kept in this browser, to bring back.";
    this.onAccept = replace;
    this.offer.hidden = false;
    const yes = this.offer.querySelector("[data-ip-loop-offer-yes]");
    if (yes instanceof HTMLElement) yes.focus();
  }

  closeOffer() {
    this.offer.hidden = true;
    this.onAccept = null;
  }

  /** Swap the loop with the one it replaced. */
  restore() {
    const before = previous();
    if (!before) return;
    keepPrevious(this.ids.length ? { ids: this.ids, target: this.target } : null);
    if (saveLoop(before.ids, before.target)) {
      announce("Brought back your loop of " + plural(before.ids.length, "question") + ".");
    }
  }

  /** The total against the target as it is being typed (saved when the field changes). */
  previewTarget() {
    const data = this.data;
    const minutes = targetOf(this.targetInput.value);
    if (data && minutes !== null && this.total) {
      this.total.textContent = totalText(this.ids.map((id) => data.byId[id]), minutes);
    }
  }

  changeTarget() {
    const minutes = targetOf(this.targetInput.value);
    if (minutes === null) {
      this.warn("The target length is whole minutes from 5 to 600; it stays " + this.target + " min.");
      this.targetInput.value = String(this.target);
      return;
    }
    this.warn("");
    if (minutes !== this.target) saveLoop(this.ids, minutes);
  }

  /** The link to the loop, shown and copied. */
  share() {
    if (!this.ids.length) return;
    const url = window.location.origin + window.location.pathname + SHARE_PREFIX + encodeLoop(this.ids, this.target);
    this.shareUrl.value = url;
    this.shareBox.hidden = false;
    this.shareUrl.focus();
    this.shareUrl.select();
    const copied = () => announce("Copied the link to your loop: " + plural(this.ids.length, "question") + ".");
    const failed = () => this.say("Copy the link below (this browser did not let the page copy it).");
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(copied, failed);
    else failed();
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
    this.target = target();
    if (document.activeElement !== this.targetInput) this.targetInput.value = String(this.target);
    const before = previous();
    this.previousBox.hidden = !before || same(before.ids, this.ids);
    if (before) {
      this.restoreButton.textContent = "Bring back the loop you had before (" +
        plural(before.ids.length, "question") + ", " + before.target + " min)";
    }
    this.render(data);
    const wanted = this.ids.slice();
    loadHire(data, wanted, this.base).then((failed) => {
      if (!same(this.ids, wanted)) return; // a newer change builds it
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
    const boxes = timeBoxes(this.ids.map((id) => data.byId[id]));
    this.ids.forEach((id, position) => {
      const question = data.byId[id];
      const box = boxes[position];
      const item = cloneOf(this.itemTemplate);
      item.setAttribute("data-ip-question", id);
      const link = /** @type {HTMLAnchorElement} */ (item.querySelector('[data-ip-slot="title"]'));
      link.textContent = question.t;
      link.href = this.base + questionUrl(data, question);
      const meta = [box.start + "\u2013" + box.end + " min" +
                    (box.assumed ? " (no suggested time: " + DEFAULT_MINUTES + " counted)" : ""),
                    nameAt(data, "kinds", question.k), nameAt(data, "topics", question.p)];
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
    this.shareButton.hidden = count === 0;
    if (!count) this.shareBox.hidden = true;
    else if (!this.shareBox.hidden) this.shareUrl.value = window.location.origin + window.location.pathname +
      SHARE_PREFIX + encodeLoop(this.ids, this.target);
    const total = totalText(this.ids.map((id) => data.byId[id]), this.target);
    if (this.total) {
      this.total.textContent = total;
      this.total.classList.toggle("ip-loop-total--over", / over by /.test(total));
    }
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
   * The loop's scorecard, built again when the loop's questions, their order or its
   * target changed; the draft that was open stays open.
   * @param {FinderData} data
   */
  buildForm(data) {
    const list = this.ids;
    const key = list.join("\n") + "\n@" + this.target;
    if (this.formFor === key) return;
    const old = this.form;
    const oldLabel = old?.elements.namedItem("candidate");
    const label = oldLabel instanceof HTMLInputElement ? oldLabel.value.trim() : "";
    this.formFor = key;
    if (!list.length) {
      old?.remove();
      this.form = null;
      this.formSlot.hidden = true;
      mountForms(this.formSlot); // saves the removed form's draft, and lets it go
      return;
    }
    const card = loopCard(this.skeleton, data, list, this.target);
    const form = /** @type {HTMLFormElement} */ (cloneOf(this.formTemplate));
    const holder = /** @type {Element} */ (form.querySelector("[data-ip-loop-sections]"));
    const sections = document.createDocumentFragment();
    for (const section of card.sections) sections.appendChild(this.sectionOf(data, section));
    holder.replaceWith(sections);
    this.fillRubric(data, form, card);
    form.setAttribute("data-rubric-version", card.rubric_version);
    /** @type {Element} */ (form.querySelector("[data-ip-loop-version]")).textContent = card.rubric_version;
    const total = card.sections.reduce((sum, section) => sum + section.minutes, 0);
    /** @type {Element} */ (form.querySelector("[data-ip-loop-length]")).textContent =
      "Target " + card.duration + " min, questions " + total + " min";
    form.insertBefore(dataBlock(card), form.firstChild);
    form.setAttribute("data-ip-form", card.form);
    if (old) old.replaceWith(form);
    else this.formSlot.appendChild(form);
    this.form = form;
    this.formSlot.hidden = false;
    // The replaced form's draft is saved, this one set up with the latest draft open.
    const [mounted] = mountForms(this.formSlot);
    if (label && mounted) mounted.openLabel(label);
    mountInterviews(this.formSlot); // its clock bar, after the form's draft is open
  }

  /**
   * A question's time box in the form: its section, its entry, its cues and indicators.
   * @param {FinderData} data
   * @param {import("../scorecard/card.mjs").Section} section
   */
  sectionOf(data, section) {
    const [entry] = section.entries;
    const question = data.byId[entry.question || ""];
    const element = cloneOf(this.sectionTemplate);
    fillNames(element, entry.key);
    element.setAttribute("data-ip-start", String(section.start));
    element.setAttribute("data-ip-end", String(section.end));
    /** @param {string} name */
    const slot = (name) => /** @type {HTMLElement} */ (element.querySelector(`[data-ip-slot="${name}"]`));
    slot("heading").textContent = section.start + "\u2013" + section.end + " min \u00b7 " + section.heading +
      (question.m ? "" : " (no suggested time: " + DEFAULT_MINUTES + " min counted)");
    const item = /** @type {Element} */ (element.querySelector("[data-ip-entry]"));
    item.setAttribute("data-ip-minutes", String(entry.minutes));
    slot("title").textContent = entry.title;
    slot("signals").textContent = names(data, "signals", question.s).join(", ");
    const legend = element.querySelector(".ip-sc-score legend");
    if (legend) legend.textContent = "Score for " + entry.title;
    const notes = element.querySelector(".ip-sc-notes");
    const lines = Math.max(1, Math.min(20, entry.lines || 3));
    if (notes) notes.className = notes.className.replace(/\bip-lines-\d+\b/, "ip-lines-" + lines);
    const label = element.querySelector(".ip-sc-notes label");
    if (label) label.textContent = "Evidence notes for " + entry.title;
    const textarea = element.querySelector(".ip-sc-notes textarea");
    if (textarea instanceof HTMLTextAreaElement) textarea.rows = lines;
    const cues = element.querySelector("[data-ip-cues]");
    if (cues) fillCues(cues, question.c || {});
    const anchors = element.querySelector("[data-ip-anchors]");
    if (anchors) fillAnchors(anchors, entry.anchors || [], this.skeleton.scale || []);
    const table = /** @type {HTMLTableElement} */ (slot("indicators"));
    entry.indicators.forEach((indicator, n) => {
      const row = cloneOf(this.indicatorTemplate);
      fillNames(row, entry.key, n + 1);
      /** @type {Element} */ (row.querySelector('[data-ip-slot="text"]')).textContent = indicator;
      table.tBodies[0].appendChild(row);
    });
    if (!entry.indicators.length) table.remove();
    return element;
  }

  /**
   * The rubric: a row a dimension, with the questions that probe its signal and a score.
   * @param {FinderData} data
   * @param {HTMLFormElement} form
   * @param {Card} card
   */
  fillRubric(data, form, card) {
    const rubric = /** @type {HTMLElement} */ (form.querySelector("[data-ip-loop-rubric]"));
    if (!card.dimensions.length) {
      rubric.remove();
      return;
    }
    const titles = probedBy(data, this.ids);
    const body = /** @type {HTMLTableElement} */ (rubric.querySelector("table")).tBodies[0];
    for (const dimension of card.dimensions) {
      const row = cloneOf(this.dimensionTemplate);
      fillNames(row, dimension.key);
      /** @type {Element} */ (row.querySelector('[data-ip-slot="label"]')).textContent = dimension.label;
      /** @type {Element} */ (row.querySelector('[data-ip-slot="questions"]')).textContent =
        (titles[dimension.signal] || []).join(" \u00b7 ");
      const legend = row.querySelector(".ip-sc-score legend");
      if (legend) legend.textContent = "Rating for " + dimension.label;
      const evidence = row.querySelector(".ip-sc-notes label");
      if (evidence) evidence.textContent = "Evidence for " + dimension.label;
      body.appendChild(row);
    }
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

/*
 * Page module: the calibration page ([data-ip-calibration], loops/calibration/). The hiring
 * manager imports many submitted scorecards (file picker, drop, paste: debrief/import.mjs),
 * each checked by debrief/calibration.mjs; the page shows every interviewer's mean, count
 * and offset against the rest of the panel per signal, their overall lean in words and how
 * their scores spread over the scale. Everything stays in this browser: the imported
 * scorecards are saved in storage, so a reload keeps them. Imported files are untrusted:
 * every value reaches the page as text.
 */

import { onEveryPage, once, readJsonBlock } from "./core/page.mjs";
import { el } from "./core/dom.mjs";
import { pageStorage, storageProblem } from "./core/storage.mjs";
import { asText, isObject, plural } from "./core/text.mjs";
import { describe, sameName, verdictsOf } from "./debrief/verify.mjs";
import { formatScore } from "./debrief/panel.mjs";
import { mergeScorecards } from "./debrief/state.mjs";
import { bindImports, noteRefusals, showRefused } from "./debrief/import.mjs";
import { calibrate, distributionText, formatOffset, leanText, rubricChanged, verifyForCalibration }
  from "./debrief/calibration.mjs";

/** @typedef {import("./debrief/calibration.mjs").Calibration} Calibration */
/** @typedef {import("./debrief/verify.mjs").Scorecard} Scorecard */

/** @param {string} text @param {"col" | "row"} scope */
function th(text, scope) {
  const cell = el("th", text);
  cell.setAttribute("scope", scope);
  return cell;
}

/** @param {Element} root */
function mount(root) {
  const data = /** @type {Calibration} */ (/** @type {unknown} */ (
    readJsonBlock(root.querySelector("template[data-ip-calibration-template]"))));
  if (!Array.isArray(data.playbooks) || !Array.isArray(data.signals)) return;
  const storage = pageStorage();
  /** @param {string} selector */
  const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  const status = find("[data-ip-status]");
  /** @param {string} message */
  const say = (message) => { status.textContent = message; };

  /** @type {import("./debrief/import.mjs").Refusal[]} what was not imported, this visit */
  let refused = [];
  /** @type {Scorecard[]} */
  let scorecards = load();

  function load() {
    const stored = /** @type {Record<string, any>} */ (storage.read(data.storage.page, isObject, {}));
    const list = stored.version === 1 && Array.isArray(stored.scorecards) ? stored.scorecards : [];
    // Checked again: the site may have dropped a playbook since.
    const kept = [];
    for (const scorecard of list) {
      const verdict = verifyForCalibration(scorecard, data);
      if (verdict.ok) kept.push(verdict.scorecard);
      else refused.push({ name: describe(isObject(scorecard) ? scorecard : {}) + " (imported earlier)", reason: verdict.reason });
    }
    return kept;
  }

  function save() {
    const written = storage.write(data.storage.page, { version: 1, scorecards });
    if (!written.ok) say("Could not save the imported scorecards: " + storageProblem(written) + ".");
  }

  /** @param {string} text @param {string} source */
  function importText(text, source) {
    const refusedBefore = refused.length;
    const verdicts = verdictsOf(text, (value) => verifyForCalibration(value, data));
    const result = mergeScorecards(scorecards, verdicts);
    scorecards = result.scorecards;
    noteRefusals(refused, source, verdicts, result.skipped);
    save();
    return { added: result.added.length, refused: refused.length - refusedBefore };
  }

  bindImports(root, { importText, render, say, refuse: (refusal) => { refused.push(refusal); } });

  root.addEventListener("click", (event) => {
    const target = /** @type {Element} */ (event.target);
    const remove = target.closest("[data-ip-remove]");
    if (remove) {
      const checksum = remove.getAttribute("data-ip-remove");
      scorecards = scorecards.filter((one) => one.checksum !== checksum);
      save();
      render();
      say("Removed the scorecard.");
      return;
    }
    if (target.closest('[data-ip-action="clear"]')) {
      if (!window.confirm("Clear the " + plural(scorecards.length, "imported scorecard") +
                          " from this browser? This cannot be undone.")) return;
      storage.remove(data.storage.page);
      scorecards = [];
      refused = [];
      render();
      say("Cleared the imported scorecards.");
    }
  });

  function renderImports() {
    const list = find("[data-ip-imported]");
    const item = /** @type {HTMLTemplateElement} */ (find("template[data-ip-imported-item]"));
    list.replaceChildren(...scorecards.map((scorecard) => {
      const li = /** @type {HTMLElement} */ (/** @type {Element} */ (item.content.firstElementChild).cloneNode(true));
      const changed = rubricChanged(scorecard, data) ? " (scored on another version of its rubric)" : "";
      /** @type {HTMLElement} */ (li.querySelector('[data-ip-slot="name"]')).textContent =
        describe(scorecard) + ", candidate " + asText(scorecard.candidate).trim() + ", submitted " +
        asText(scorecard.submitted_at).slice(0, 10) + changed;
      const remove = /** @type {HTMLElement} */ (li.querySelector("[data-ip-remove]"));
      remove.setAttribute("data-ip-remove", asText(scorecard.checksum));
      remove.setAttribute("aria-label", "Remove " + describe(scorecard));
      return li;
    }));
    if (!scorecards.length) list.replaceChildren(el("li", "None yet.", "ip-muted"));
    find("[data-ip-imported-count]").textContent = String(scorecards.length);
    showRefused(root, refused);
  }

  /** @param {HTMLElement} table @param {string} label */
  function scrolling(table, label) {
    const region = el("div", undefined, "ip-table-scroll");
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", label);
    region.tabIndex = 0;
    region.append(table);
    return region;
  }

  function renderResults() {
    const holder = find("[data-ip-cal-results]");
    const { signals, interviewers } = calibrate(data, scorecards);
    if (!interviewers.length) {
      holder.replaceChildren(el("p", "Import scorecards to see the interviewers here.", "ip-muted"));
      return;
    }
    const candidates = new Set(scorecards.map((s) => sameName(s.candidate)));
    const summary = el("p", plural(scorecards.length, "scorecard") + " of " + plural(candidates.size, "candidate") +
                       " by " + plural(interviewers.length, "interviewer") + ".");

    // Interviewer × signal: offset with its comparisons, then mean and count.
    const table = el("table", undefined, "ip-cal-table");
    const head = el("tr");
    head.append(th("Interviewer", "col"), ...signals.map((s) => th(s.name, "col")), th("Overall", "col"));
    const body = interviewers.map((one) => {
      const tr = el("tr");
      if (one.lean === "lenient" || one.lean === "severe") tr.classList.add("ip-cal-row--" + one.lean);
      tr.append(th(one.name, "row"));
      for (const signal of signals) {
        const cell = one.signals[signal.id];
        const td = el("td", undefined, "ip-cal-cell");
        if (!cell) {
          td.textContent = "\u2014";
        } else {
          td.append(el("span", formatOffset(cell.offset) + " (n=" + cell.comparisons + ")", "ip-cal-offset"),
                    el("br"), el("span", "mean " + formatScore(cell.mean) + ", " + plural(cell.n, "score"), "ip-muted"));
        }
        tr.append(td);
      }
      const overall = el("td", undefined, "ip-cal-cell ip-cal-overall");
      overall.append(el("span", formatOffset(one.offset) + " (n=" + one.comparisons + ")", "ip-cal-offset"),
                     el("br"), el("span", one.lean === "too-few" ? "too few to tell" : one.lean === "in-line" ? "in line" : one.lean,
                                  "ip-cal-lean"));
      tr.append(overall);
      return tr;
    });
    const thead = el("thead"), tbody = el("tbody");
    thead.append(head);
    tbody.append(...body);
    table.append(el("caption", "Offset against the rest of the panel (n: candidates compared), then the mean and count of the interviewer's own scores"),
                 thead, tbody);

    // What each interviewer's scores come to, in words.
    const list = el("ul", undefined, "ip-cal-interviewers");
    for (const one of interviewers) {
      const li = el("li");
      li.append(el("strong", one.name), document.createTextNode(": " + leanText(one, data.rules) + "."));
      const facts = el("span", plural(one.scorecards, "scorecard") + ", " + plural(one.candidates, "candidate") +
                       "; scores per point " + distributionText(one, data.scale) + ".", "ip-cal-facts");
      li.append(el("br"), facts);
      if (one.same !== null) {
        li.append(el("br"), el("span", "Always the same score: all " + one.n + " of their scores are " +
                                formatScore(one.same) + ".", "ip-cal-flag"));
      }
      list.append(li);
    }

    // The distribution: a compact row of counts per point.
    const spread = el("table", undefined, "ip-cal-table ip-cal-spread");
    const spreadHead = el("tr");
    const between = interviewers.some((one) => one.between);
    spreadHead.append(th("Interviewer", "col"), ...data.scale.map((p) => th(String(p.value), "col")),
                      ...(between ? [th("Between", "col")] : []), th("Mean", "col"));
    const spreadBody = el("tbody");
    for (const one of interviewers) {
      const tr = el("tr");
      tr.append(th(one.name, "row"), ...one.counts.map((count) => el("td", String(count))),
                ...(between ? [el("td", String(one.between))] : []), el("td", formatScore(one.mean)));
      spreadBody.append(tr);
    }
    const spreadThead = el("thead");
    spreadThead.append(spreadHead);
    spread.append(el("caption", "How many of each interviewer's scores fell on each point of the scale"),
                  spreadThead, spreadBody);

    holder.replaceChildren(summary, scrolling(table, "Offsets by interviewer and signal"),
                           el("h3", "Interviewers in words"), list,
                           el("h3", "Scores per point"), scrolling(spread, "Scores per point by interviewer"));
  }

  function render() {
    renderImports();
    renderResults();
  }

  render();
}

onEveryPage(() => {
  document.querySelectorAll("[data-ip-calibration]").forEach((root) => {
    if (once(root)) mount(root);
  });
});

/*
 * Page module: the debrief of a loop or a playbook ([data-ip-debrief]). The facilitator
 * imports the interviewers' submitted scorecards (file picker, drop, paste), each checked
 * by debrief/verify.mjs; the page shows their evidence signal by signal with the scores
 * hidden, then on "Reveal scores" the scores, spreads and recommendations
 * (debrief/panel.mjs), the panel's decision and the decision record (debrief/record.mjs),
 * which prints and downloads. Everything stays in this browser: the state is saved in
 * storage (debrief/state.mjs) per page and candidate, so a reload loses nothing.
 * Imported files are untrusted: every value reaches the page as text.
 */

import { onEveryPage, once, readJsonBlock } from "./core/page.mjs";
import { el } from "./core/dom.mjs";
import { downloadText as download } from "./core/download.mjs";
import { pageStorage, storageProblem } from "./core/storage.mjs";
import { asText, isObject, quoted } from "./core/text.mjs";
import { describe, verify, verifyText } from "./debrief/verify.mjs";
import { unformatted } from "./scorecard/plain-text.mjs";
import { cellOf, formatScore, missingInterviews, recommendationCounts, recommendationOf,
         rowsOf } from "./debrief/panel.mjs";
import { addScorecards, emptyState, removeScorecard, stateFrom } from "./debrief/state.mjs";
import { bindImports, noteRefusals, showRefused } from "./debrief/import.mjs";
import { countsText, interviewerName, markdownOf, plainTextOf, recordName, recordOf }
  from "./debrief/record.mjs";

/** @typedef {import("./debrief/verify.mjs").Debrief} Debrief */
/** @typedef {import("./debrief/state.mjs").State} State */

/** @param {Element} root */
function mount(root) {
  const debrief = /** @type {Debrief} */ (/** @type {unknown} */ (
    readJsonBlock(root.querySelector("template[data-ip-debrief-template]"))));
  if (!Array.isArray(debrief.interviews) || !Array.isArray(debrief.signals)) return;
  const storage = pageStorage();
  /** @param {string} candidate */
  const stateName = (candidate) => debrief.storage.state.replace("{candidate}", candidate);
  /** @param {string} selector */
  const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));

  /** @type {import("./debrief/import.mjs").Refusal[]} what was not imported, this visit */
  let refused = [];
  let state = load();

  function load() {
    const current = storage.read(debrief.storage.page, (v) => typeof v === "string", "");
    const stored = stateFrom(storage.read(stateName(current), isObject, null));
    // Stored scorecards are checked again: the site may have a new rubric version since.
    const kept = [];
    for (const scorecard of stored.scorecards) {
      const verdict = verify(scorecard, debrief, { candidate: stored.candidate });
      if (verdict.ok) kept.push(verdict.scorecard);
      else refused.push({ name: describe(scorecard) + " (imported earlier)", reason: verdict.reason });
    }
    return { ...stored, scorecards: kept, candidate: kept.length ? stored.candidate : "" };
  }

  /** @param {string} [before] the candidate the state was saved under until now */
  function save(before) {
    const written = storage.write(stateName(state.candidate), state);
    if (written.ok) storage.write(debrief.storage.page, state.candidate);
    if (before !== undefined && before !== state.candidate) storage.remove(stateName(before));
    if (!written.ok) say("Could not save the debrief: " + storageProblem(written) + ".");
  }

  const status = find("[data-ip-status]");
  /** @param {string} message */
  function say(message) {
    status.textContent = message;
  }

  /**
   * Import the exports of one file or paste.
   * @param {string} text
   * @param {string} source how the facilitator knows it: the file's name, or "pasted text"
   */
  function importText(text, source) {
    const before = state.candidate;
    const refusedBefore = refused.length;
    const verdicts = verifyText(text, debrief, { candidate: state.candidate });
    const result = addScorecards(state, verdicts);
    state = result.state;
    noteRefusals(refused, source, verdicts, result.skipped);
    save(before);
    return { added: result.added.length, refused: refused.length - refusedBefore };
  }

  bindImports(root, { importText, render, say, refuse: (refusal) => { refused.push(refusal); } });

  // --- Decision fields ------------------------------------------------------------------------
  const fields = /** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement>} */ (
    root.querySelectorAll("[data-ip-field]"));
  const points = /** @type {NodeListOf<HTMLInputElement>} */ (
    root.querySelectorAll("[data-ip-decision-point]"));
  function showFields() {
    fields.forEach((field) => {
      const name = /** @type {"facilitator" | "date" | "rationale"} */ (field.getAttribute("data-ip-field"));
      field.value = state[name];
    });
    points.forEach((point) => { point.checked = point.value === state.decision; });
  }
  fields.forEach((field) => field.addEventListener("input", () => {
    const name = /** @type {"facilitator" | "date" | "rationale"} */ (field.getAttribute("data-ip-field"));
    state = { ...state, [name]: field.value };
    save();
    renderRecord();
  }));
  points.forEach((point) => point.addEventListener("change", () => {
    if (!point.checked) return;
    state = { ...state, decision: point.value };
    save();
    renderRecord();
  }));

  root.addEventListener("click", (event) => {
    const target = /** @type {Element} */ (event.target);
    const remove = target.closest("[data-ip-remove]");
    if (remove) {
      const before = state.candidate;
      state = removeScorecard(state, remove.getAttribute("data-ip-remove") || "");
      save(before);
      render();
      say("Removed the scorecard.");
      return;
    }
    const button = target.closest("[data-ip-action]");
    if (!button) return;
    const action = button.getAttribute("data-ip-action");
    if (action === "reveal") {
      state = { ...state, revealed: !state.revealed };
      save();
      render();
      if (state.revealed) find("[data-ip-scores]").scrollIntoView({ block: "start" });
    } else if (action === "print") {
      window.print();
    } else if (action === "markdown" || action === "text" || action === "json") {
      const record = recordOf(debrief, state, new Date());
      if (action === "markdown") download(recordName(record, "md"), markdownOf(record), "text/markdown");
      if (action === "text") download(recordName(record, "txt"), plainTextOf(record), "text/plain");
      if (action === "json") {
        download(recordName(record, "json"), JSON.stringify(record, null, 2) + "\n", "application/json");
      }
      say("Downloaded the decision record.");
    } else if (action === "clear") {
      const who = state.candidate ? " for " + quoted(state.candidate) : "";
      if (!window.confirm("Clear this debrief" + who + " from this browser: its imported scorecards and the decision? This cannot be undone.")) return;
      storage.remove(stateName(state.candidate));
      storage.remove(debrief.storage.page);
      state = emptyState();
      refused = [];
      showFields();
      render();
      say("Cleared the debrief.");
    }
  });

  // Typing in a resolution or a follow-up (rebuilt only when their signals change).
  root.addEventListener("input", (event) => {
    const target = /** @type {HTMLTextAreaElement} */ (event.target);
    for (const [attribute, key] of /** @type {const} */ ([["data-ip-resolution", "resolutions"],
                                                           ["data-ip-followup", "followups"]])) {
      const signal = target.getAttribute(attribute);
      if (signal !== null) {
        state = { ...state, [key]: { ...state[key], [signal]: target.value } };
        save();
        renderRecord();
      }
    }
  });

  // --- Rendering ------------------------------------------------------------------------------
  function renderImports() {
    const candidate = find("[data-ip-candidate]");
    candidate.hidden = !state.candidate;
    /** @type {HTMLElement} */ (candidate.querySelector('[data-ip-slot="candidate"]')).textContent = state.candidate;
    const list = find("[data-ip-imported]");
    const item = /** @type {HTMLTemplateElement} */ (find("template[data-ip-imported-item]"));
    list.replaceChildren(...state.scorecards.map((scorecard) => {
      const li = /** @type {HTMLElement} */ (/** @type {Element} */ (item.content.firstElementChild).cloneNode(true));
      /** @type {HTMLElement} */ (li.querySelector('[data-ip-slot="name"]')).textContent =
        describe(scorecard) + ", submitted " + asText(scorecard.submitted_at).slice(0, 16).replace("T", " ");
      const remove = /** @type {HTMLElement} */ (li.querySelector("[data-ip-remove]"));
      remove.setAttribute("data-ip-remove", asText(scorecard.checksum));
      remove.setAttribute("aria-label", "Remove " + describe(scorecard));
      return li;
    }));
    if (!state.scorecards.length) list.replaceChildren(el("li", "None yet.", "ip-muted"));
    const missing = missingInterviews(debrief, state.scorecards);
    find("[data-ip-missing]").textContent = debrief.kind === "loop" && missing.length
      ? "No scorecard yet for: " + missing.map((i) => "interview " + (debrief.interviews.indexOf(i) + 1) +
        " (" + unformatted(i.title) + ")").join("; ") + "." : "";
    showRefused(root, refused);
  }

  /** @param {import("./debrief/verify.mjs").Scorecard} scorecard */
  function columnName(scorecard) {
    return asText(scorecard.interviewer).trim() || "Unnamed interviewer";
  }

  function renderEvidence() {
    const holder = find("[data-ip-evidence]");
    if (!state.scorecards.length) {
      holder.replaceChildren(el("p", "Import the scorecards to see their evidence here.", "ip-muted"));
      return;
    }
    holder.replaceChildren(...debrief.signals.map((signal) => {
      const section = el("section", undefined, "ip-db-signal");
      section.append(el("h3", signal.name));
      if (debrief.kind === "loop" && signal.accountable.length) {
        section.append(el("p", "Accountable: " + signal.accountable.map((n) => "interview " + (n + 1) +
          " (" + unformatted(debrief.interviews[n].title) + ")").join(", "), "ip-muted"));
      }
      if (signal.hire) section.append(el("p", "Hire bar: " + signal.hire, "ip-db-bar"));
      const list = el("dl", undefined, "ip-db-evidence");
      let any = false;
      for (const scorecard of state.scorecards) {
        const cell = cellOf(scorecard, signal.id);
        list.append(el("dt", columnName(scorecard) + " \u00b7 " + unformatted(asText(scorecard.title))));
        if (!cell.evidence.length) list.append(el("dd", "No evidence written.", "ip-muted"));
        for (const piece of cell.evidence) {
          any = true;
          const dd = el("dd");
          dd.append(el("span", piece.source + ": ", "ip-db-source"), el("span", piece.text, "ip-db-notes"));
          list.append(dd);
        }
      }
      if (!any) section.append(el("p", "No evidence: nobody wrote any for this signal.", "ip-db-flag"));
      section.append(list);
      return section;
    }));
  }

  function renderScores() {
    const rows = rowsOf(debrief, state.scorecards);
    const table = find("[data-ip-score-table]");
    const head = el("tr");
    head.append(el("th", "Signal"));
    for (const scorecard of state.scorecards) {
      const th = el("th");
      th.append(el("span", columnName(scorecard)), el("br"), el("span", unformatted(asText(scorecard.title)), "ip-muted"));
      head.append(th);
    }
    head.append(el("th", "Spread"), el("th", "Panel"));
    head.querySelectorAll("th").forEach((th) => th.setAttribute("scope", "col"));
    const body = rows.map((row) => {
      const tr = el("tr");
      if (row.disagreement) tr.classList.add("ip-db-row--disagree");
      if (row.noEvidence) tr.classList.add("ip-db-row--none");
      const th = el("th", row.signal.name);
      th.setAttribute("scope", "row");
      tr.append(th);
      for (const cell of row.cells) {
        const td = el("td", formatScore(cell.score), "ip-db-score");
        if (cell.from === "questions") td.append(el("span", " (questions)", "ip-muted"));
        tr.append(td);
      }
      tr.append(el("td", formatScore(row.spread), "ip-db-score"));
      const notes = [];
      if (row.disagreement) notes.push("Disagreement");
      if (row.noEvidence) notes.push("No evidence");
      tr.append(el("td", notes.join(" \u00b7 ") || "\u2014", "ip-db-panel"));
      return tr;
    });
    const thead = el("thead"), tbody = el("tbody");
    thead.append(head);
    tbody.append(...body);
    table.replaceChildren(thead, tbody);

    find("[data-ip-recommendations]").replaceChildren(...state.scorecards.map((scorecard) => {
      const point = recommendationOf(debrief, scorecard);
      const lean = point.leans === "hire" ? " (leans hire)" : point.leans === "no-hire" ? " (leans no-hire)" : "";
      const li = el("li");
      li.append(el("strong", columnName(scorecard)), document.createTextNode(" \u00b7 " +
        unformatted(asText(scorecard.title)) + ": " + (point.label || "no recommendation") + lean));
      return li;
    }));
    const summary = rows.map((row) => el("li", row.signal.name + ": median " + formatScore(row.median)));
    summary.push(el("li", "Recommendations: " + countsText(recommendationCounts(debrief, state.scorecards)) + "."));
    find("[data-ip-summary]").replaceChildren(...summary);
    return rows;
  }

  /** @type {string} the signals the resolution and follow-up boxes were built for */
  let boxesFor = "";

  /** @param {ReturnType<typeof rowsOf>} rows */
  function renderBoxes(rows) {
    const disagreements = rows.filter((row) => row.disagreement);
    const empty = rows.filter((row) => row.noEvidence);
    const key = JSON.stringify([disagreements.map((r) => r.signal.id), empty.map((r) => r.signal.id)]);
    if (key === boxesFor) return;
    boxesFor = key;
    /**
     * @param {string} title
     * @param {typeof rows} list
     * @param {string} attribute
     * @param {Record<string, string>} values
     * @param {(row: typeof rows[number]) => string} label
     */
    const boxes = (title, list, attribute, values, label) => {
      if (!list.length) return [];
      return [el("h3", title), ...list.map((row) => {
        const id = "ip-db-" + attribute + "-" + row.signal.id;
        const p = el("p");
        const labelNode = el("label", label(row));
        labelNode.setAttribute("for", id);
        const area = /** @type {HTMLTextAreaElement} */ (el("textarea", undefined, "ip-db-text"));
        area.id = id;
        area.rows = 2;
        area.setAttribute(attribute, row.signal.id);
        area.value = values[row.signal.id] || "";
        p.append(labelNode, area);
        return p;
      })];
    };
    find("[data-ip-resolutions]").replaceChildren(...boxes("Disagreements", disagreements,
      "data-ip-resolution", state.resolutions,
      (row) => "How the panel resolved " + row.signal.name + " (spread " + formatScore(row.spread) + ")"));
    find("[data-ip-followups]").replaceChildren(...boxes("Signals without evidence", empty,
      "data-ip-followup", state.followups,
      (row) => "Follow-up for " + row.signal.name + " (no evidence), e.g. another interview"));
  }

  function renderRecord() {
    const section = find("[data-ip-record-section]");
    const shown = state.revealed && state.scorecards.length > 0;
    section.hidden = !shown;
    find("[data-ip-print-note]").hidden = shown;
    if (!shown) return;
    const record = recordOf(debrief, state, new Date());
    const article = find("[data-ip-record]");
    const parts = [];
    parts.push(el("h2", "Decision record: " + (record.candidate || "(no candidate)")));
    const facts = [(record.kind === "loop" ? "Loop: " : "Playbook: ") + unformatted(record.title) + " (" + record.level_name + ")"];
    if (record.facilitator) facts.push("Facilitator: " + record.facilitator);
    if (record.date) facts.push("Date: " + record.date);
    parts.push(el("p", facts.join(" \u00b7 "), "ip-db-facts"));
    parts.push(el("h3", "Interviews and rubric versions"));
    const interviews = el("ol");
    record.interviews.forEach((interview) => interviews.append(el("li",
      unformatted(interview.title) + ": rubric version " + interview.rubric_version +
      (record.missing_interviews.includes(interview.playbook) ? " \u2014 no scorecard imported" : ""))));
    parts.push(interviews);

    parts.push(el("h3", "Scores"));
    const table = el("table", undefined, "ip-db-record-table");
    const head = el("tr");
    head.append(el("th", "Signal"), ...record.scorecards.map((_, n) => el("th", interviewerName(record, n))),
                el("th", "Spread"), el("th", "Median"), el("th", "Panel"));
    head.querySelectorAll("th").forEach((th) => th.setAttribute("scope", "col"));
    const thead = el("thead"), tbody = el("tbody");
    thead.append(head);
    for (const signal of record.signals) {
      const tr = el("tr");
      const th = el("th", signal.name);
      th.setAttribute("scope", "row");
      tr.append(th, ...signal.scores.map((s) => el("td", formatScore(s))),
                el("td", formatScore(signal.spread)), el("td", formatScore(signal.median)),
                el("td", [signal.disagreement ? "Disagreement" : "", signal.no_evidence ? "No evidence" : ""]
                  .filter(Boolean).join(", ")));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    parts.push(table);

    parts.push(el("h3", "Recommendations"));
    const recs = el("ul");
    record.scorecards.forEach((scorecard, n) => recs.append(el("li",
      interviewerName(record, n) + " (" + unformatted(scorecard.title) + "): " + (scorecard.recommendation || "none"))));
    parts.push(recs);
    parts.push(el("p", "Mechanical summary, not the decision: the median per signal above; " +
                  countsText(record.recommendations) + ".", "ip-db-summary-line"));

    parts.push(el("h3", "Disagreements and how they were resolved"));
    if (!record.disagreements.length) parts.push(el("p", "None: no signal's scores are two points or more apart."));
    const ds = el("ul");
    for (const d of record.disagreements) {
      ds.append(el("li", d.name + " (spread " + formatScore(d.spread) + "): " + (d.resolution.trim() || "not recorded")));
    }
    if (record.disagreements.length) parts.push(ds);
    parts.push(el("h3", "Signals without evidence"));
    if (!record.no_evidence.length) parts.push(el("p", "None: every signal has evidence."));
    const ns = el("ul");
    for (const s of record.no_evidence) {
      ns.append(el("li", s.name + ": follow-up " + (s.follow_up.trim() || "none recorded")));
    }
    if (record.no_evidence.length) parts.push(ns);

    parts.push(el("h3", "Decision"));
    parts.push(el("p", record.decision.label || "Not decided", "ip-db-decision"));
    parts.push(el("p", record.decision.rationale.trim() || "Rationale not recorded.", "ip-db-notes"));
    article.replaceChildren(...parts);
  }

  function render() {
    renderImports();
    renderEvidence();
    const reveal = find('[data-ip-action="reveal"]');
    reveal.textContent = state.revealed ? "Hide scores" : "Reveal scores";
    reveal.setAttribute("aria-expanded", String(state.revealed));
    find("[data-ip-scores]").hidden = !state.revealed;
    find("[data-ip-decision]").hidden = !state.revealed;
    if (!state.revealed) { // the scores are not even in the page until they are revealed
      for (const selector of ["[data-ip-score-table]", "[data-ip-recommendations]", "[data-ip-summary]",
                              "[data-ip-resolutions]", "[data-ip-followups]", "[data-ip-record]"]) {
        find(selector).replaceChildren();
      }
      boxesFor = "";
      renderRecord();
      return;
    }
    const rows = renderScores();
    renderBoxes(rows);
    renderRecord();
  }

  showFields();
  render();
}

onEveryPage(() => {
  document.querySelectorAll("[data-ip-debrief]").forEach((root) => {
    if (once(root)) mount(root);
  });
});

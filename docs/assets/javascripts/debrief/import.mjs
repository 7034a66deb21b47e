/*
 * The DOM half of importing submitted scorecards, shared by the pages that take them (the
 * debrief, the calibration page): the file picker, the drop zone and the pasted JSON of the
 * `imports` macro (overrides/playbooks/_debrief.html), and the list of what was not
 * imported, with its reasons. The page decides what a text holds (`importText`); this
 * module only reads files and reports.
 */

import { announce } from "../core/page.mjs";
import { plural } from "../core/text.mjs";
import { describe } from "./verify.mjs";

/** @typedef {{name: string, reason: string}} Refusal a file or export not imported, and why */

const MAX_FILE = 5 * 1024 * 1024; // bytes: a scorecard is tens of kilobytes

/**
 * @typedef {object} Importer what the page does with what is imported
 * @property {(text: string, source: string) => {added: number, refused: number}} importText
 *   import the exports of one file or paste; `source` names it (the file's name, "pasted text")
 * @property {(refusal: Refusal) => void} refuse a file that could not be read at all
 * @property {() => void} render show the page as it is after an import
 * @property {(message: string) => void} say
 */

/**
 * Bind the import controls under `root` to `importer`.
 * @param {Element} root
 * @param {Importer} importer
 */
export function bindImports(root, importer) {
  /** @param {string} selector */
  const find = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));

  /** @param {FileList | File[]} files */
  async function importFiles(files) {
    let added = 0, refused = 0;
    for (const file of Array.from(files)) {
      if (file.size > MAX_FILE) {
        importer.refuse({ name: file.name, reason: "too large to be a scorecard export (" +
                          Math.round(file.size / 1024 / 1024) + " MB)" });
        refused += 1;
        continue;
      }
      let text = "";
      try {
        text = await file.text();
      } catch (error) {
        importer.refuse({ name: file.name, reason: "could not be read from the disk" });
        refused += 1;
        continue;
      }
      const result = importer.importText(text, file.name);
      added += result.added;
      refused += result.refused;
    }
    finish(added, refused);
  }

  /** @param {number} added @param {number} notImported */
  function finish(added, notImported) {
    importer.render();
    const message = "Imported " + plural(added, "scorecard") +
      (notImported ? "; " + notImported + " not imported (reasons below)." : ".");
    importer.say(message);
    announce(message);
  }

  const input = /** @type {HTMLInputElement} */ (find("[data-ip-files]"));
  input.addEventListener("change", () => {
    if (input.files && input.files.length) importFiles(input.files).then(() => { input.value = ""; });
  });
  const drop = find("[data-ip-drop]");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("ip-db-drop--over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("ip-db-drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("ip-db-drop--over");
    const files = event.dataTransfer ? event.dataTransfer.files : null;
    if (files && files.length) importFiles(files);
  });
  const paste = /** @type {HTMLTextAreaElement} */ (find("[data-ip-paste]"));
  find('[data-ip-action="paste"]').addEventListener("click", () => {
    const text = paste.value.trim();
    if (!text) {
      importer.say("Paste a scorecard's JSON in the box first.");
      return;
    }
    const result = importer.importText(text, "pasted text");
    if (result.added) paste.value = "";
    finish(result.added, result.refused);
  });
}

/**
 * Show what was not imported (the box hides when nothing was refused).
 * @param {Element} root
 * @param {Refusal[]} refused
 */
export function showRefused(root, refused) {
  const box = /** @type {HTMLElement} */ (root.querySelector("[data-ip-refused]"));
  box.hidden = !refused.length;
  /** @type {HTMLElement} */ (root.querySelector("[data-ip-refused-list]")).replaceChildren(...refused.map((one) => {
    const li = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = one.name;
    li.append(name, document.createTextNode(": " + one.reason));
    return li;
  }));
}

/**
 * Add to `refused` the verdicts that refused a file's exports, and the notes on those
 * skipped as imported already, each under the file's name.
 * @param {Refusal[]} refused
 * @param {string} source the file's name, or "pasted text"
 * @param {import("./verify.mjs").Verdict[]} verdicts
 * @param {string[]} skipped
 */
export function noteRefusals(refused, source, verdicts, skipped) {
  for (const verdict of verdicts) {
    if (!verdict.ok) {
      refused.push({ name: source + (verdict.scorecard ? " (" + describe(verdict.scorecard) + ")" : ""),
                     reason: verdict.reason });
    }
  }
  for (const note of skipped) refused.push({ name: source, reason: note });
}

/*
 * "Add to my loop" buttons (button[data-ip-loop-toggle]) on question cards and on the
 * finder's results: add a question to the loop or take it out. They stay hidden without
 * JavaScript.
 */

import { ids, onChange, save } from "./store.mjs";
import { toggled } from "./list.mjs";
import { announce } from "../core/page.mjs";
import { plural, quoted } from "../core/text.mjs";

/** @param {Element} button */
function titleFor(button) {
  const title = button.getAttribute("data-ip-title");
  if (title !== null) return title;
  // On a card, the question's heading carries its id.
  const heading = document.getElementById(button.getAttribute("data-ip-loop-toggle") || "");
  if (!heading) return "";
  const copy = /** @type {Element} */ (heading.cloneNode(true));
  copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
  return (copy.textContent || "").replace(/\s+/g, " ").trim();
}

/** @param {Element} button @param {string[]} list */
function show(button, list) {
  const inLoop = list.includes(button.getAttribute("data-ip-loop-toggle") || "");
  const text = inLoop ? "Remove from my loop" : "Add to my loop";
  if (button.textContent !== text) button.textContent = text;
  button.classList.toggle("ip-loop-toggle--on", inLoop);
  const title = titleFor(button);
  button.setAttribute("aria-label", title ? text + ": " + title : text);
}

/** @param {Event} event */
function onToggle(event) {
  const button = /** @type {Element} */ (event.currentTarget);
  const id = button.getAttribute("data-ip-loop-toggle") || "";
  const before = ids();
  const list = toggled(before, id);
  save(list);
  const added = list.length > before.length;
  announce((added ? "Added " : "Removed ") + quoted(titleFor(button) || id) +
           (added ? " to" : " from") + " your loop: " + plural(ids().length, "question") + ".");
}

/**
 * Show and wire the buttons under `root` (each once).
 * @param {ParentNode} root
 */
export function bindButtons(root) {
  const list = ids();
  for (const button of root.querySelectorAll("button[data-ip-loop-toggle]")) {
    show(button, list);
    /** @type {HTMLButtonElement} */ (button).hidden = false;
    if (button.hasAttribute("data-ip-bound")) continue;
    button.setAttribute("data-ip-bound", "");
    button.addEventListener("click", onToggle);
  }
}

/** Every bound button, and every count of the loop, as the loop is now. */
export function refreshButtons() {
  const list = ids();
  document.querySelectorAll("button[data-ip-loop-toggle][data-ip-bound]").forEach((button) => show(button, list));
  document.querySelectorAll("[data-ip-loop-count]").forEach((count) => {
    count.textContent = "(" + list.length + ")";
  });
}

onChange(refreshButtons);

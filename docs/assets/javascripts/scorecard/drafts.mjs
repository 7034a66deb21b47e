/*
 * Drafts: every form's values, kept in this browser under one storage entry, one draft a
 * key (the card's `draft_key` format: form kind, playbook and candidate label, so the full
 * and one-page scorecards of a playbook, which share field names, share drafts). What is
 * entered before a candidate label exists is kept as an unnamed draft, under a generated
 * id in the candidate's place ("~unnamed-<id>"), and renamed when a label is typed. Stored
 * values may have been edited by hand or written by another version: only strings (and
 * lists of strings) are taken from them. Pure: the stored object in, values out.
 */

import { asText, fill, formatTime, hasOwn, isObject } from "../core/text.mjs";
import { parse } from "../core/storage.mjs";

/** @typedef {import("./card.mjs").Card} Card */
/** @typedef {import("./card.mjs").Fields} Fields */
/**
 * @typedef {object} Draft
 * @property {string} form
 * @property {string} playbook
 * @property {string} candidate
 * @property {string} rubric_version the version the draft was first filled in against
 * @property {string} saved_at
 * @property {Fields} fields
 * @property {Record<string, unknown>} [submitted] the submitted record (submission.mjs), once
 *   submitted: the form is then read-only and every download gives this record
 * @typedef {Record<string, unknown>} Store every stored draft by key, as read
 */

/** The storage entry of every draft (scoped to the site by core/storage.mjs). */
export const DRAFTS = "interview-playbooks:drafts:v1";

/**
 * The key of the draft of `card`'s form for the candidate `label`.
 * @param {Pick<Card, "draft_key" | "form" | "playbook">} card
 * @param {string} label
 */
export function draftKey(card, label) {
  return fill(card.draft_key, { form: card.form, playbook: card.playbook, candidate: label });
}

/** What stands in for the candidate label in an unnamed draft's key, before its id. */
export const UNNAMED = "~unnamed-";

/**
 * The key of an unnamed draft of `card`'s form (`id`: generated once per draft).
 * @param {Pick<Card, "draft_key" | "form" | "playbook">} card
 * @param {string} id
 */
export function unnamedKey(card, id) {
  return draftKey(card, UNNAMED + id);
}

/**
 * How a draft is named in lists: its candidate label, or "Unnamed draft".
 * @param {Pick<Draft, "candidate">} draft
 */
export function draftName(draft) {
  return draft.candidate || "Unnamed draft";
}

/**
 * A draft as lists show it: "Candidate A · Mar 14, 14:03" (its last change), and
 * "· submitted" once it is.
 * @param {Pick<Draft, "candidate" | "saved_at" | "submitted">} draft
 */
export function draftTitle(draft) {
  const when = formatTime(draft.saved_at);
  return draftName(draft) + (when ? " \u00b7 " + when : "") + (draft.submitted ? " \u00b7 submitted" : "");
}

/**
 * Store `draft` under `key` in `all`. The draft that was open before (`previous`) is
 * renamed rather than copied when it had no label: it goes. A labelled one stays (a label
 * edited into another names a second candidate). Returns the key that went, or null.
 * @param {Store} all
 * @param {string} key
 * @param {Draft} draft
 * @param {string | null} previous
 */
export function placeDraft(all, key, draft, previous) {
  all[key] = draft;
  if (!previous || previous === key) return null;
  const before = draftAt(all, previous);
  if (!before || before.candidate) return null;
  delete all[previous];
  return previous;
}

/**
 * The draft under `key`, in the shape this site writes, or null.
 * @param {Store} all
 * @param {string} key
 * @returns {Draft | null}
 */
export function draftAt(all, key) {
  const draft = hasOwn(all, key) ? all[key] : null;
  if (!isObject(draft) || !isObject(draft.fields)) return null;
  /** @type {Fields} */
  const fields = Object.create(null);
  for (const name of Object.keys(draft.fields)) {
    const value = draft.fields[name];
    if (Array.isArray(value)) fields[name] = value.filter((item) => typeof item === "string");
    else if (asText(value)) fields[name] = asText(value);
  }
  /** @type {Draft} */
  const result = {
    form: asText(draft.form),
    playbook: asText(draft.playbook),
    candidate: asText(draft.candidate),
    rubric_version: asText(draft.rubric_version),
    saved_at: asText(draft.saved_at),
    fields,
  };
  if (isObject(draft.submitted) && draft.submitted.status === "submitted") result.submitted = draft.submitted;
  return result;
}

/**
 * The drafts of `card`'s form and playbook, the latest first.
 * @param {Store} all
 * @param {Pick<Card, "form" | "playbook">} card
 */
export function draftsOf(all, card) {
  return Object.keys(all)
    .map((key) => ({ key, draft: draftAt(all, key) }))
    .filter(/** @returns {item is {key: string, draft: Draft}} */
      (item) => !!item.draft && item.draft.form === card.form && item.draft.playbook === card.playbook)
    .sort((a, b) => b.draft.saved_at.localeCompare(a.draft.saved_at));
}

/**
 * A draft to store.
 * @param {Card} card
 * @param {string} label
 * @param {string} version the rubric version it was first filled in against
 * @param {Fields} fields
 * @param {Date} now
 * @returns {Draft}
 */
export function newDraft(card, label, version, fields, now) {
  return { form: card.form, playbook: card.playbook, candidate: label, rubric_version: version,
           saved_at: now.toISOString(), fields };
}

/**
 * What to say about a draft filled in against another rubric version ("" if the same).
 * @param {string} draftVersion
 * @param {string} current
 */
export function versionWarning(draftVersion, current) {
  if (!draftVersion || draftVersion === current) return "";
  return "This draft was filled in against rubric version " + draftVersion +
    "; the rubric has changed since (now " + current + "). Check the questions before you rely on it.";
}

/**
 * Drafts stored under the origin-wide key of earlier versions, merged into the scoped
 * ones (raw JSON in and out): a draft both have is kept in its scoped (newer) form; null
 * if either is not a store of drafts.
 * @param {string} scoped
 * @param {string} old
 */
export function mergeDrafts(scoped, old) {
  const all = parse(scoped);
  const before = parse(old);
  if (!isObject(all) || !isObject(before)) return null;
  for (const key of Object.keys(before)) {
    if (!hasOwn(all, key)) all[key] = before[key];
  }
  return JSON.stringify(all);
}

/**
 * A form's values plus those of the open draft that only the other variant has (the full
 * and one-page scorecards share drafts, each asking for part of them).
 * @param {Fields} extra
 * @param {Fields} own
 * @returns {Fields}
 */
export function withExtra(extra, own) {
  return Object.assign(Object.create(null), extra, own);
}

/**
 * The stored values this form has no field for.
 * @param {Fields} fields
 * @param {Set<string>} names this form's field names
 * @returns {Fields}
 */
export function extraOf(fields, names) {
  /** @type {Fields} */
  const extra = Object.create(null);
  for (const name of Object.keys(fields)) if (!names.has(name)) extra[name] = fields[name];
  return extra;
}

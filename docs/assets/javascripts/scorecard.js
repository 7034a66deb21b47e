/*
 * Interview Playbooks: fillable scorecards and debrief sheets.
 *
 * Works on every `form[data-ip-form]` (see overrides/playbooks/_scorecard.html):
 *
 * - keeps drafts in this browser only, in localStorage under one key scoped to the site
 *   (storage.js), one draft per form kind, playbook and candidate label (the full and
 *   one-page scorecards of a playbook share field names, so they share drafts); nothing is
 *   ever sent over the network;
 * - copies each textarea's text into its print mirror, so long notes print in full;
 * - prints, copies the card as Markdown in the feedback template's layout, downloads it as
 *   JSON, and deletes one draft or everything it stored. In the Markdown, every piece of
 *   text (the data's and what was typed) is literal: see "Markdown export" below.
 *
 * Text from the data block and from fields only ever reaches the page as textContent or
 * option text; no HTML string is built. Material's instant navigation swaps page content
 * without reloading, so forms are set up on every page change (document$) and only once each.
 */
(function () {
  "use strict";

  var STORAGE_NAME = "interview-playbooks:drafts:v1"; // scoped by storage.js
  var storage = window.ipStorage;
  var SAVE_DELAY = 300; // ms of quiet typing before a draft is saved
  var controllers = new WeakMap(); // form -> controller; a form is set up once
  var live = new Set(); // controllers of forms set up so far (flushed on page change)

  // --- Layout changes wait for the pointer ------------------------------------------------
  // Pressing on a score right after typing the label blurs the label, which saves the draft
  // and changes the toolbar (status line, list of drafts). If the toolbar grows between
  // mousedown and mouseup, the form moves under the pointer and the click is lost; so
  // toolbar updates made while a pointer is down wait until it is released.

  var pointerDown = false;
  var deferred = [];
  var releaseTimer = null;

  function whenPointerFree(update) {
    if (pointerDown) deferred.push(update);
    else update();
  }

  function runDeferred() {
    var updates = deferred;
    deferred = [];
    updates.forEach(function (update) { update(); });
  }

  function release() {
    window.clearTimeout(releaseTimer);
    if (!pointerDown) return;
    pointerDown = false;
    window.setTimeout(runDeferred, 0); // after the click that follows the release
  }

  document.addEventListener("pointerdown", function () {
    pointerDown = true;
    // A release the page never sees (a native popup, a drag out of the window) must not
    // hold the toolbar back for long.
    window.clearTimeout(releaseTimer);
    releaseTimer = window.setTimeout(release, 1000);
  }, true);
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);
  window.addEventListener("blur", release);

  // --- Storage ------------------------------------------------------------------------------

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /** Every stored draft by key (an object without a prototype: any key is plain data). A
      store that is not an object is kept aside by storage.js, and reads as empty. */
  function readAll() {
    return storage.read(STORAGE_NAME, isObject, Object.create(null));
  }

  /** False if the browser refused to store (full, or storage blocked). */
  function writeAll(all) {
    return storage.write(STORAGE_NAME, all);
  }

  // Drafts kept under the origin-wide key of earlier versions move to the scoped one; a
  // draft both have is kept in its scoped (newer) form.
  storage.migrate(STORAGE_NAME, function (scoped, old) {
    var all = storage.parse(scoped);
    var before = storage.parse(old);
    if (!isObject(all) || !isObject(before)) return null;
    Object.keys(before).forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(all, key)) all[key] = before[key];
    });
    return JSON.stringify(all);
  });

  function asText(value) {
    return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
  }

  /**
   * The stored draft under `key` in the shape this script writes, or null. Stored values
   * may have been edited by hand or by another version: only strings (and lists of
   * strings) are taken from them, so nothing below meets an unexpected type.
   */
  function draftAt(all, key) {
    var draft = Object.prototype.hasOwnProperty.call(all, key) ? all[key] : null;
    if (!isObject(draft) || !isObject(draft.fields)) return null;
    var fields = Object.create(null);
    Object.keys(draft.fields).forEach(function (name) {
      var value = draft.fields[name];
      if (Array.isArray(value)) fields[name] = value.filter(function (item) { return typeof item === "string"; });
      else if (asText(value)) fields[name] = asText(value);
    });
    return {
      form: asText(draft.form),
      playbook: asText(draft.playbook),
      candidate: asText(draft.candidate),
      rubric_version: asText(draft.rubric_version),
      saved_at: asText(draft.saved_at),
      fields: fields,
    };
  }

  // --- Small helpers ------------------------------------------------------------------------

  function formatTime(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    try {
      return date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit",
                                              minute: "2-digit" });
    } catch (error) {
      return date.toLocaleString();
    }
  }

  function slug(text) {
    var value = String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return value || "draft";
  }

  function quoted(text) {
    return "\u201c" + text + "\u201d";
  }

  function trimEnd(text) {
    return String(text || "").replace(/\s+$/, "");
  }

  // --- One form -----------------------------------------------------------------------------

  function Controller(form) {
    this.form = form;
    this.kind = form.getAttribute("data-ip-form") || "scorecard";
    this.playbook = form.getAttribute("data-playbook") || "";
    this.version = form.getAttribute("data-rubric-version") || "";
    this.data = readData(form);
    this.toolbar = form.querySelector("[data-ip-toolbar]");
    this.select = form.querySelector('select[data-ip-action="open"]');
    this.status = form.querySelector("[data-ip-status]");
    this.warning = form.querySelector("[data-ip-warning]");
    this.candidate = form.elements.namedItem("candidate");
    this.mirrors = {};
    var mirrors = form.querySelectorAll("[data-ip-mirror]");
    for (var i = 0; i < mirrors.length; i++) {
      this.mirrors[mirrors[i].getAttribute("data-ip-mirror")] = mirrors[i];
    }
    this.names = new Set();
    this.eachField(function (element) { this.names.add(element.name); });
    this.extra = Object.create(null); // fields of the open draft this form lacks (the other variant's)
    this.draftVersion = null; // rubric version the open draft was first filled against
    this.current = null; // storage key of the open draft
    this.dirty = false;
    this.timer = null;
  }

  // The card's data is a JSON block inside a <template> (_scorecard.html): Material's
  // instant navigation re-runs every <script> of a new page as JavaScript, type and all
  // dropped, but it does not look inside templates.
  function readData(form) {
    var holder = form.querySelector("template[data-ip-scorecard-template]");
    var script = holder ? holder.content.querySelector("script[data-ip-scorecard-data]")
      : form.querySelector('script[type="application/json"][data-ip-scorecard-data]');
    if (!script) return {};
    try {
      var data = JSON.parse(script.textContent);
      return isObject(data) ? data : {};
    } catch (error) {
      return {};
    }
  }

  Controller.prototype.eachField = function (callback) {
    var elements = this.form.elements;
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (!element.name || element.disabled) continue;
      if (this.toolbar && this.toolbar.contains(element)) continue;
      if (element.tagName === "BUTTON" || element.tagName === "FIELDSET") continue;
      callback.call(this, element);
    }
  };

  Controller.prototype.setup = function () {
    var self = this;
    if (this.toolbar) this.toolbar.hidden = false;
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("input", function (event) { self.onInput(event); });
    this.form.addEventListener("change", function (event) { self.onChange(event); });
    if (this.toolbar) {
      this.toolbar.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-ip-action]");
        if (button && self.toolbar.contains(button)) self.act(button.getAttribute("data-ip-action"));
      });
    }
    if (this.select) {
      this.select.addEventListener("change", function () { self.choose(self.select.value); });
    }
    var drafts = this.drafts();
    this.refreshSelect(drafts);
    if (drafts.length) {
      this.open(drafts[0].key, "Opened the latest draft, for " + quoted(drafts[0].draft.candidate || "") + ".");
    } else {
      // The status line is filled from the start, so the first save does not move the form.
      this.say("Type a candidate label to keep a draft");
    }
    this.refreshText();
  };

  Controller.prototype.isField = function (element) {
    return element && element.name && this.names.has(element.name) &&
      !(this.toolbar && this.toolbar.contains(element));
  };

  Controller.prototype.onInput = function (event) {
    var target = event.target;
    if (!this.isField(target)) return;
    if (target.tagName === "TEXTAREA") {
      this.mirror(target);
      grow(target);
    }
    this.dirty = true;
    // The label is saved when it is complete (change, or leaving the page), so typing
    // "Candidate A" does not leave drafts named "C", "Ca", ... behind.
    if (target === this.candidate) {
      if (!this.label()) this.say("Type a candidate label to keep a draft");
      return;
    }
    this.schedule();
  };

  Controller.prototype.onChange = function (event) {
    if (!this.isField(event.target)) return;
    if (event.target.tagName === "TEXTAREA") this.mirror(event.target);
    this.dirty = true;
    this.flush();
  };

  Controller.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.flush(); }, SAVE_DELAY);
  };

  Controller.prototype.cancel = function () {
    window.clearTimeout(this.timer);
    this.timer = null;
    this.dirty = false;
  };

  Controller.prototype.flush = function () {
    window.clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    this.dirty = false;
    this.save();
  };

  Controller.prototype.label = function () {
    return this.candidate ? this.candidate.value.trim() : "";
  };

  Controller.prototype.keyFor = function (label) {
    return this.kind + "|" + this.playbook + "|" + label;
  };

  Controller.prototype.collect = function () {
    var fields = Object.create(null);
    this.eachField(function (element) {
      var name = element.name;
      if (element.type === "radio") {
        if (element.checked) fields[name] = element.value;
      } else if (element.type === "checkbox") {
        if (!Array.isArray(fields[name])) fields[name] = [];
        if (element.checked) fields[name].push(element.value);
      } else if (element.value !== "") {
        fields[name] = element.value;
      }
    });
    Object.keys(fields).forEach(function (name) {
      if (Array.isArray(fields[name]) && !fields[name].length) delete fields[name];
    });
    return fields;
  };

  /** This form's values plus those of the open draft that only the other variant has. */
  Controller.prototype.fields = function () {
    var fields = Object.create(null);
    var extra = this.extra;
    Object.keys(extra).forEach(function (name) { fields[name] = extra[name]; });
    var own = this.collect();
    Object.keys(own).forEach(function (name) { fields[name] = own[name]; });
    return fields;
  };

  Controller.prototype.save = function () {
    var label = this.label();
    if (!label) {
      this.say("Type a candidate label to keep a draft");
      return false;
    }
    var key = this.keyFor(label);
    var renamedFrom = this.current && this.current !== key ? this.current : null;
    var all = readAll();
    all[key] = {
      form: this.kind,
      playbook: this.playbook,
      candidate: label,
      rubric_version: this.draftVersion || this.version,
      saved_at: new Date().toISOString(),
      fields: this.fields(),
    };
    if (!writeAll(all)) {
      // What was typed stays in the form; the next change tries again.
      this.dirty = true;
      this.say("Could not save the draft: this browser's storage is unavailable or full. " +
               "Your entries are still on this page; copy or download them before you leave.");
      return false;
    }
    this.current = key;
    if (!this.draftVersion) this.draftVersion = this.version;
    this.refreshSelect();
    var old = renamedFrom ? draftAt(readAll(), renamedFrom) : null;
    if (old) {
      this.say("Saved as " + quoted(label) + "; " + quoted(old.candidate || "") + " is still in the list.");
    } else {
      this.say("Draft for " + quoted(label) + " saved in this browser.");
    }
    return true;
  };

  /** Drafts of this playbook and form kind, the latest first. */
  Controller.prototype.drafts = function () {
    var all = readAll();
    var self = this;
    return Object.keys(all).map(function (key) {
      return { key: key, draft: draftAt(all, key) };
    }).filter(function (item) {
      return item.draft && item.draft.form === self.kind && item.draft.playbook === self.playbook;
    }).sort(function (a, b) {
      return b.draft.saved_at.localeCompare(a.draft.saved_at);
    });
  };

  Controller.prototype.refreshSelect = function (drafts) {
    var self = this;
    if (!this.select) return;
    whenPointerFree(function () { self.fillSelect(drafts || self.drafts()); });
  };

  Controller.prototype.fillSelect = function (drafts) {
    var select = this.select;
    while (select.options.length) select.remove(0);
    select.add(new Option(drafts.length ? "(new, not saved)" : "(none yet)", ""));
    var current = "";
    for (var i = 0; i < drafts.length; i++) {
      var draft = drafts[i].draft;
      var when = formatTime(draft.saved_at);
      select.add(new Option((draft.candidate || "(no label)") + (when ? " \u00b7 " + when : ""),
        drafts[i].key));
      if (drafts[i].key === this.current) current = drafts[i].key;
    }
    select.value = current;
  };

  Controller.prototype.clear = function () {
    this.eachField(function (element) {
      if (element.type === "radio" || element.type === "checkbox") element.checked = false;
      else element.value = "";
    });
    this.extra = Object.create(null);
    this.refreshText();
  };

  Controller.prototype.fill = function (fields) {
    this.clear();
    var extra = Object.create(null);
    var names = this.names;
    Object.keys(fields).forEach(function (name) {
      if (!names.has(name)) extra[name] = fields[name];
    });
    this.eachField(function (element) {
      if (!Object.prototype.hasOwnProperty.call(fields, element.name)) return;
      var value = fields[element.name];
      if (element.type === "radio") {
        element.checked = String(value) === element.value;
      } else if (element.type === "checkbox") {
        element.checked = Array.isArray(value) ? value.map(String).indexOf(element.value) >= 0
          : String(value) === element.value;
      } else if (typeof value === "string" || typeof value === "number") {
        element.value = String(value);
      }
    });
    this.extra = extra;
    this.refreshText();
  };

  Controller.prototype.open = function (key, message) {
    var draft = draftAt(readAll(), key);
    if (!draft) {
      this.say("That draft is no longer stored.");
      this.refreshSelect();
      return;
    }
    this.cancel();
    this.fill(draft.fields);
    if (this.candidate && !this.candidate.value && draft.candidate) this.candidate.value = draft.candidate;
    this.current = key;
    this.draftVersion = draft.rubric_version || this.version;
    if (draft.rubric_version && draft.rubric_version !== this.version) {
      this.warn("This draft was filled in against rubric version " + draft.rubric_version +
        "; the rubric has changed since (now " + this.version + "). Check the questions before you rely on it.");
    } else {
      this.warn("");
    }
    this.refreshSelect();
    this.say(message || "Opened the draft for " + quoted(draft.candidate || "") + ".");
  };

  Controller.prototype.choose = function (key) {
    pointerDown = false; // a draft was picked: nothing is pending under the pointer
    runDeferred();
    this.flush();
    if (key) this.open(key);
    else this.reset("New scorecard");
  };

  Controller.prototype.reset = function (message) {
    this.cancel();
    this.clear();
    this.current = null;
    this.draftVersion = null;
    this.warn("");
    this.refreshSelect();
    this.say(message);
  };

  Controller.prototype.act = function (action) {
    if (action === "new") {
      this.flush();
      this.reset("New scorecard");
      if (this.candidate) this.candidate.focus();
    } else if (action === "print") {
      this.flush();
      refreshAll();
      window.print();
    } else if (action === "copy") {
      this.flush();
      this.copy();
    } else if (action === "download") {
      this.flush();
      this.download();
    } else if (action === "delete") {
      this.deleteOne();
    } else if (action === "delete-all") {
      this.deleteAll();
    }
  };

  Controller.prototype.deleteOne = function () {
    this.flush();
    var label = this.label();
    var key = label ? this.keyFor(label) : this.current;
    var all = readAll();
    var stored = key ? draftAt(all, key) : null;
    if (!stored && !(key && Object.prototype.hasOwnProperty.call(all, key))) {
      this.say("There is no saved draft to delete for this scorecard.");
      return;
    }
    var name = (stored && stored.candidate) || label;
    if (!window.confirm("Delete the draft for " + quoted(name) + " from this browser? This cannot be undone.")) {
      this.say("Nothing was deleted.");
      return;
    }
    all = readAll();
    delete all[key];
    if (!writeAll(all)) {
      this.say("Could not delete the draft: this browser's storage is unavailable.");
      return;
    }
    this.reset("Deleted the draft for " + quoted(name) + ".");
  };

  Controller.prototype.deleteAll = function () {
    this.flush();
    if (!window.confirm("Delete every draft this site has stored in this browser, for all playbooks? This cannot be undone.")) {
      this.say("Nothing was deleted.");
      return;
    }
    // The drafts, and the copies storage.js kept aside (an unreadable store, the
    // pre-scoping one).
    var removed = [STORAGE_NAME, STORAGE_NAME + ":unreadable", STORAGE_NAME + ":before-scoping"]
      .map(function (name) { return storage.remove(name); });
    if (removed.indexOf(false) >= 0) {
      this.say("Could not delete the stored data: this browser's storage is unavailable.");
      return;
    }
    this.reset("Deleted all stored drafts.");
  };

  // --- Text areas: print mirrors and height -------------------------------------------------

  Controller.prototype.mirror = function (textarea) {
    var mirror = this.mirrors[textarea.name];
    if (mirror && mirror.textContent !== textarea.value) mirror.textContent = textarea.value;
  };

  Controller.prototype.refreshText = function () {
    var textareas = this.form.querySelectorAll("textarea[name]");
    for (var i = 0; i < textareas.length; i++) {
      this.mirror(textareas[i]);
      grow(textareas[i]);
    }
  };

  function grow(textarea) {
    if (!textarea.getClientRects().length) return; // not rendered (hidden, or print media)
    var x = window.scrollX;
    var y = window.scrollY;
    textarea.style.height = "auto";
    var natural = textarea.offsetHeight;
    var borders = textarea.offsetHeight - textarea.clientHeight;
    var wanted = textarea.scrollHeight + borders;
    textarea.style.height = Math.max(natural, wanted) + "px";
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
  }

  // --- Status and warning -------------------------------------------------------------------

  Controller.prototype.say = function (message) {
    var status = this.status;
    if (status) whenPointerFree(function () { status.textContent = message || ""; });
  };

  Controller.prototype.warn = function (message) {
    var warning = this.warning;
    if (!warning) return;
    whenPointerFree(function () {
      warning.textContent = message;
      warning.hidden = !message;
    });
  };

  // --- Markdown export: all text is literal -------------------------------------------------
  // The export is pasted into trackers and documents that render Markdown (often with HTML
  // allowed). Text from the data (titles, indicators, labels: contributor text) and what
  // was typed must read there exactly as written: every character CommonMark, GFM or
  // Python-Markdown with attribute lists would take as markup is escaped, with a backslash
  // where every Markdown reads one, else as a character reference (`<` as &lt;: not every
  // Markdown reads `\<` as an escape). Links written in the data
  // ([label](target)) stay links only when the target is an http(s) URL; any other target
  // (javascript:, data:, a page of this site) is dropped, leaving the label.

  // Emphasis, code, links, tables, strikethrough and attribute lists; raw HTML, autolinks
  // and block quotes; character references.
  var MARKUP = /[\\`*_{}\[\]|~<>]|&(?=#?[0-9A-Za-z]+;)/g;
  var REFERENCES = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "|": "&#124;", "~": "&#126;" };

  function escapeCharacter(character) {
    return REFERENCES[character] || "\\" + character;
  }

  var LINK = /\[([^\[\]\n]*)\]\(([^()\s]*)\)/g; // as interview_playbooks/text.py reads links

  /** One line of literal text (line breaks become spaces). */
  function literal(value) {
    return String(value).replace(/[\r\n]+/g, " ").replace(MARKUP, escapeCharacter);
  }

  /** Text of several lines: each line literal, including what starts a block. */
  function literalBlock(value) {
    return String(value).split(/\r\n|\r|\n/).map(function (line) {
      return literal(line.replace(/^\s+/, "")) // leading spaces would make a code block
        .replace(/^([-+#])/, "\\$1") // list item, thematic break, heading
        .replace(/^=/, "&#61;") // setext heading underline
        .replace(/^(\d+)([.)])/, "$1\\$2"); // ordered list item
    }).join("\n");
  }

  /** An http(s) URL written so that Markdown ends the link where the URL ends; else "". */
  function webTarget(raw) {
    var url;
    try {
      url = new URL(raw);
    } catch (error) {
      return "";
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return "";
    return url.href.replace(/[()<>\s`\\]/g, function (character) {
      return "%" + character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
    });
  }

  /** Contributor text from the data: literal, except links to http(s) URLs. */
  function fromData(value) {
    var source = String(value || "");
    var out = "";
    var last = 0;
    var match;
    LINK.lastIndex = 0;
    while ((match = LINK.exec(source)) !== null) {
      var target = webTarget(match[2]);
      out += literal(source.slice(last, match.index)) +
        (target ? "[" + literal(match[1]) + "](" + target + ")" : literal(match[1]));
      last = LINK.lastIndex;
    }
    return out + literal(source.slice(last));
  }

  // --- Exports ------------------------------------------------------------------------------

  Controller.prototype.scale = function () {
    var values = (this.data.scale || []).map(function (point) { return Number(point.value); })
      .filter(function (value) { return !isNaN(value); });
    if (!values.length) return { min: 1, max: 5 };
    return { min: Math.min.apply(null, values), max: Math.max.apply(null, values) };
  };

  function entryTitle(entry, fields) {
    if (entry.kind !== "pool") return entry.title || "";
    var asked = fields[entry.key + ":asked"];
    asked = Array.isArray(asked) ? asked : asked ? [asked] : [];
    var titles = (entry.options || []).filter(function (option) {
      return asked.indexOf(option.id) >= 0;
    }).map(function (option) { return option.title; });
    if (titles.length) return titles.join(" / ");
    return (entry.title || "") + ", question " + entry.slot + " of " + entry.of;
  }

  function hireAnswers(entry, fields) {
    var answers = [];
    (entry.indicators || []).forEach(function (indicator, index) {
      var answer = fields[entry.key + ":hire-" + (index + 1)];
      if (answer) answers.push({ indicator: indicator, answer: String(answer) });
    });
    return answers;
  }

  function choices(points, chosen) {
    return (points || []).map(function (point) {
      return (point.id === chosen ? "\u2611 " : "\u2610 ") + fromData(point.label);
    });
  }

  function pointLabel(points, chosen) {
    var found = (points || []).filter(function (point) { return point.id === chosen; })[0];
    return found ? found.label : chosen ? String(chosen) : "";
  }

  function text(fields, name) {
    var value = fields[name];
    return typeof value === "string" ? trimEnd(value) : "";
  }

  /** Lines joined with Markdown's hard break (two spaces), the last one without. */
  function broken(lines) {
    return lines.map(function (line, index) {
      line = trimEnd(line);
      return index < lines.length - 1 ? line + "  " : line;
    }).join("\n");
  }

  Controller.prototype.versionText = function () {
    var version = "rubric version " + this.version;
    if (this.draftVersion && this.draftVersion !== this.version) {
      version += "; draft started on version " + this.draftVersion;
    }
    return version;
  };

  Controller.prototype.markdown = function () {
    return this.kind === "debrief" ? this.debriefMarkdown() : this.scorecardMarkdown();
  };

  // The lines above the answers: who, when, and which playbook at which rubric version.
  Controller.prototype.headerMarkdown = function (fields, role, field) {
    return broken([
      "**Candidate Name:** " + literal(text(fields, "candidate")),
      "**" + role + ":** " + literal(text(fields, field)),
      "**Date:** " + literal(text(fields, "date")),
      "**Playbook:** " + fromData(this.data.title || this.playbook) + " (" + literal(this.versionText()) + ")",
    ]);
  };

  Controller.prototype.scorecardMarkdown = function () {
    var data = this.data;
    var fields = this.fields();
    var scale = this.scale();
    var blocks = [];
    blocks.push(this.headerMarkdown(fields, "Interviewer Name", "interviewer"));
    var number = 0;
    (data.sections || []).forEach(function (section) {
      var entries = section.entries || [];
      if (!entries.length) return;
      blocks.push("---");
      blocks.push("### " + fromData(section.heading || section.title || "") + " (" +
                  literal(asText(section.minutes)) + " mins)");
      entries.forEach(function (entry) {
        number += 1;
        var lines = [
          "**Question " + number + ":** " + fromData(entryTitle(entry, fields)),
          "**Score (" + scale.min + "\u2013" + scale.max + "):** " + literal(text(fields, entry.key + ":score")),
        ];
        var answers = hireAnswers(entry, fields);
        if (answers.length) {
          lines.push("**Hire signals:** " + answers.map(function (item) {
            return fromData(item.indicator) + " \u2014 " + literal(item.answer);
          }).join("; "));
        }
        lines.push("**Feedback:**");
        var notes = literalBlock(text(fields, entry.key + ":notes"));
        var block = broken(lines);
        if (notes) block = block + "  \n" + notes;
        blocks.push(block);
      });
    });
    var dimensions = data.dimensions || [];
    if (dimensions.length) {
      blocks.push("---");
      blocks.push("### Rubric");
      blocks.push(broken(dimensions.map(function (dimension) {
        var score = text(fields, dimension.key + ":score");
        return "**" + fromData(dimension.label) + ":** " + (score ? literal(score) + "/" + scale.max : "");
      })));
    }
    blocks.push("---");
    blocks.push("### \ud83e\uddfe Overall Evaluation:");
    blocks.push(withBody("**Strengths:**", literalBlock(text(fields, "strengths"))));
    blocks.push(withBody("**Concerns / Gaps:**", literalBlock(text(fields, "concerns"))));
    blocks.push(broken(["**Final Recommendation:**"].concat(
      choices(data.recommendation, fields.recommendation))));
    blocks.push(withBody("**Final Comments:**", literalBlock(text(fields, "comments"))));
    return blocks.join("\n\n") + "\n";
  };

  function withBody(heading, body) {
    return body ? heading + "  \n" + body : heading;
  }

  Controller.prototype.debriefRows = function (dimension, fields) {
    var rows = [];
    var count = Number(this.data.interviewers) || 0;
    for (var n = 1; n <= count; n++) {
      var prefix = dimension.key + ":" + n + ":";
      var row = {
        row: n,
        interviewer: text(fields, prefix + "interviewer"),
        score: text(fields, prefix + "score"),
        evidence: text(fields, prefix + "evidence"),
      };
      if (row.interviewer || row.score || row.evidence) rows.push(row);
    }
    return rows;
  };

  Controller.prototype.debriefMarkdown = function () {
    var self = this;
    var data = this.data;
    var fields = this.fields();
    var scale = this.scale();
    var blocks = [];
    blocks.push(this.headerMarkdown(fields, "Facilitator", "facilitator"));
    blocks.push("---");
    (data.dimensions || []).forEach(function (dimension) {
      blocks.push("### " + fromData(dimension.label));
      var rows = self.debriefRows(dimension, fields);
      if (!rows.length) {
        blocks.push("_No scores recorded._");
        return;
      }
      blocks.push(rows.map(function (row) {
        var line = "- " + (row.interviewer ? literal(row.interviewer) : "Interviewer " + row.row) + ": " +
          (row.score ? literal(row.score) : "\u2013") + "/" + scale.max;
        if (row.evidence) line += " \u2014 " + literalBlock(row.evidence).replace(/\n/g, "\n  ");
        return line;
      }).join("\n"));
    });
    blocks.push("---");
    blocks.push(broken(["**Final decision:**"].concat(choices(data.recommendation, fields.decision))));
    blocks.push(withBody("**Rationale:**", literalBlock(text(fields, "rationale"))));
    return blocks.join("\n\n") + "\n";
  };

  Controller.prototype.copy = function () {
    var self = this;
    var markdown = this.markdown();
    var done = function () { self.say("Copied as Markdown"); };
    var fallback = function () {
      if (copyWithTextarea(markdown)) done();
      else self.say("Could not copy: this browser blocked access to the clipboard.");
    };
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      navigator.clipboard.writeText(markdown).then(done, fallback);
    } else {
      fallback();
    }
  };

  function copyWithTextarea(value) {
    var active = document.activeElement;
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    document.body.removeChild(area);
    if (active && typeof active.focus === "function") active.focus();
    return ok;
  }

  Controller.prototype.exportData = function () {
    var self = this;
    var data = this.data;
    var fields = this.fields();
    var entries = [];
    var number = function (value) { return value === "" ? null : Number(value); };
    if (this.kind === "debrief") {
      (data.dimensions || []).forEach(function (dimension) {
        entries.push({
          key: dimension.key,
          title: dimension.label,
          rows: self.debriefRows(dimension, fields).map(function (row) {
            return { row: row.row, interviewer: row.interviewer, score: number(row.score),
                     evidence: row.evidence };
          }),
        });
      });
    } else {
      (data.sections || []).forEach(function (section) {
        (section.entries || []).forEach(function (entry) {
          var item = {
            key: entry.key,
            section: section.heading || section.title || "",
            title: entryTitle(entry, fields),
            score: number(text(fields, entry.key + ":score")),
            notes: text(fields, entry.key + ":notes"),
            hire_signals: hireAnswers(entry, fields),
          };
          entries.push(item);
        });
      });
      (data.dimensions || []).forEach(function (dimension) {
        entries.push({ key: dimension.key, section: "Rubric", title: dimension.label,
                       score: number(text(fields, dimension.key + ":score")) });
      });
    }
    var result = {
      form: this.kind,
      playbook: this.playbook,
      title: data.title || "",
      rubric_version: this.version,
      candidate: text(fields, "candidate"),
      exported_at: new Date().toISOString(),
      fields: fields,
      entries: entries,
    };
    if (this.draftVersion && this.draftVersion !== this.version) {
      result.draft_rubric_version = this.draftVersion;
    }
    if (this.kind === "debrief") {
      result.decision = pointLabel(data.recommendation, fields.decision);
      result.rationale = text(fields, "rationale");
    } else {
      result.recommendation = pointLabel(data.recommendation, fields.recommendation);
      result.strengths = text(fields, "strengths");
      result.concerns = text(fields, "concerns");
      result.comments = text(fields, "comments");
    }
    return result;
  };

  Controller.prototype.download = function () {
    var exported = this.exportData();
    var name = slug(this.playbook) + "-" + slug(exported.candidate) + "-" + slug(this.kind) + ".json";
    var blob = new Blob([JSON.stringify(exported, null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    this.say("Downloaded " + name);
  };

  // --- Set-up on every page -----------------------------------------------------------------

  function flushAll() {
    live.forEach(function (controller) { controller.flush(); });
  }

  function refreshAll() {
    live.forEach(function (controller) {
      if (!controller.form.isConnected) return;
      var textareas = controller.form.querySelectorAll("textarea[name]");
      for (var i = 0; i < textareas.length; i++) controller.mirror(textareas[i]);
    });
  }

  function init() {
    // Drafts typed on the page instant navigation just replaced are saved before the new
    // page reads them; controllers of replaced forms are then let go.
    flushAll();
    live.forEach(function (controller) {
      if (!controller.form.isConnected) live.delete(controller);
    });
    var forms = document.querySelectorAll("form[data-ip-form]");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      if (controllers.has(form)) continue;
      var controller = new Controller(form);
      controllers.set(form, controller);
      live.add(controller);
      controller.setup();
    }
  }

  // Forms a page builds after it loaded (the custom loop's scorecard, see loop.js) are set
  // up when the page says so; a form it replaced has its draft saved first.
  document.addEventListener("ip:forms", function () { init(); });
  window.addEventListener("beforeprint", refreshAll);
  var resizeTimer = null;
  window.addEventListener("resize", function () { // new widths wrap notes differently
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      live.forEach(function (controller) {
        if (!controller.form.isConnected) return;
        var textareas = controller.form.querySelectorAll("textarea[name]");
        for (var i = 0; i < textareas.length; i++) grow(textareas[i]);
      });
    }, 150);
  });
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushAll();
  });
  window.addEventListener("storage", function (event) {
    if (!storage.concerns(event, STORAGE_NAME)) return;
    live.forEach(function (controller) {
      if (controller.form.isConnected) controller.refreshSelect();
    });
  });

  if (typeof window.document$ !== "undefined" && window.document$ &&
      typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

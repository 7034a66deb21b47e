/*
 * Interview Playbooks: the interviewer's own loop of questions, kept in this browser only.
 *
 * - "Add to my loop" buttons (button[data-ip-loop-toggle]) on question cards and on the
 *   finder's results add a question to the loop or take it out; they stay hidden without
 *   JavaScript.
 * - The loop page (questions/loop/, [data-ip-loop]) lists the loop to reorder, remove and
 *   clear, and builds the loop's scorecard from the templates in the page; the scorecard
 *   script (scorecard.js) then makes it fillable and printable like a playbook's.
 *
 * The loop is a JSON array of question ids, in the order they are asked, in localStorage
 * under "interview-playbooks:loop:v1" scoped to the site (storage.js). A stored value that
 * is not a list is kept aside and the loop starts empty; entries that are not ids are
 * ignored. Nothing is sent anywhere. The questions' titles and signals come from the
 * finder's data file (questions/finder.json, described in
 * interview_playbooks/finder.py), their hire indicators from their banks' hire.json, fetched
 * by URLs relative to the page; a question id that is no longer in the data is dropped from
 * the loop, and the page says so (a renamed question, listed under its former id, is kept
 * under its new one).
 *
 * Text from the data only reaches the page as textContent or attribute values. Material's
 * instant navigation swaps pages without reloading, so set-up runs on every page change.
 *
 * window.ipLoop is what finder.js uses: ids(), has(id), toggle(id), bind(root), data(url).
 */
(function () {
  "use strict";

  var STORAGE_NAME = "interview-playbooks:loop:v1"; // scoped by storage.js
  var MAX_QUESTIONS = 1000; // a loop longer than any real one was not written by this page
  var MAX_ID_LENGTH = 200;
  var storage = window.ipStorage;
  var FORM_KIND = "loop"; // drafts of the loop's scorecard: "loop|my-loop|<candidate>"
  var listeners = [];
  var loaded = {}; // absolute URL of a data file -> promise of its prepared data

  // --- The loop in storage ----------------------------------------------------------------

  /** The stored ids that can be question ids, each once, in order. */
  function clean(list) {
    var seen = new Set();
    return list.filter(function (id) {
      if (typeof id !== "string" || !id || id.length > MAX_ID_LENGTH || seen.has(id)) return false;
      seen.add(id);
      return true;
    }).slice(0, MAX_QUESTIONS);
  }

  function ids() {
    return clean(storage.read(STORAGE_NAME, Array.isArray, []));
  }

  function save(list) {
    if (!storage.write(STORAGE_NAME, list)) {
      announce("Could not save your loop: this browser's storage is unavailable or full.");
      return false;
    }
    changed();
    return true;
  }

  // A loop kept under the origin-wide key of earlier versions moves to the scoped one; if
  // both exist, the old loop's questions follow the scoped loop's.
  storage.migrate(STORAGE_NAME, function (scoped, old) {
    var list = storage.parse(scoped);
    var before = storage.parse(old);
    if (!Array.isArray(list) || !Array.isArray(before)) return null;
    return JSON.stringify(clean(list.concat(before)));
  });

  function has(id) {
    return ids().indexOf(id) >= 0;
  }

  function toggle(id) {
    var list = ids();
    var at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1);
    else list.push(id);
    save(list);
    return at < 0;
  }

  function changed() {
    listeners.forEach(function (listener) { listener(); });
  }

  function onChange(listener) {
    listeners.push(listener);
  }

  window.addEventListener("storage", function (event) {
    if (storage.concerns(event, STORAGE_NAME)) changed();
  });

  // --- The finder's data --------------------------------------------------------------------

  /** A JSON file at `url` (relative to the page), fetched once per visit. */
  function fetchJson(url, then) {
    var absolute = new URL(url, window.location.href).href;
    if (!loaded[absolute]) {
      loaded[absolute] = window.fetch(absolute, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(then || function (value) { return value; })
        .catch(function (error) {
          delete loaded[absolute]; // try again on the next page that needs it
          throw error;
        });
    }
    return loaded[absolute];
  }

  /** The finder's data file, with lookups. */
  function data(url) {
    return fetchJson(url, prepare);
  }

  /**
   * Fill in the hire indicators (`h`) of the questions `ids`, from their banks' hire.json;
   * resolves to the names of the banks whose file could not be read.
   */
  function hire(loadedData, ids, root) {
    var topics = {};
    ids.forEach(function (id) {
      var question = loadedData.byId[id];
      if (question && !question.h) topics[question.p] = true;
    });
    return Promise.all(Object.keys(topics).map(function (position) {
      var topic = loadedData.topics[position] || {};
      return fetchJson(root + topic.hire).then(function (file) {
        loadedData.questions.forEach(function (question) {
          if (String(question.p) === position) question.h = file[question.i] || [];
        });
        return null;
      }, function () { return topic.name || topic.id; });
    })).then(function (failed) { return failed.filter(Boolean); });
  }

  function prepare(raw) {
    var byId = Object.create(null); // no prototype: an id such as "constructor" is not found
    var current = Object.create(null); // former id -> id
    (raw.questions || []).forEach(function (question) {
      byId[question.i] = question;
      (question.f || []).forEach(function (former) { current[former] = question.i; });
    });
    raw.byId = byId;
    raw.currentId = function (id) {
      if (Object.prototype.hasOwnProperty.call(byId, id)) return id;
      return Object.prototype.hasOwnProperty.call(current, id) ? current[id] : null;
    };
    raw.url = function (question) { // relative to the site root
      var page = (raw.pages || [])[question.u];
      var topic = raw.topics[question.p];
      return (page !== undefined ? page : topic ? topic.url : "") + "#" + question.i;
    };
    raw.names = function (table, positions) {
      return (positions || []).map(function (n) { return (raw[table][n] || {}).name || ""; })
        .filter(Boolean);
    };
    return raw;
  }

  // --- Announcements --------------------------------------------------------------------------

  function liveRegion() {
    var content = document.querySelector(".md-content .md-typeset") || document.body;
    var region = content.querySelector("[data-ip-loop-live]");
    if (!region) {
      region = document.createElement("p");
      region.className = "ip-sr-only";
      region.setAttribute("role", "status");
      region.setAttribute("data-ip-loop-live", "");
      content.appendChild(region);
    }
    return region;
  }

  function announce(message) {
    var region = liveRegion();
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  // --- "Add to my loop" buttons -------------------------------------------------------------

  function titleFor(button) {
    if (button.hasAttribute("data-ip-title")) return button.getAttribute("data-ip-title");
    // On a card, the question's heading carries its id.
    var heading = document.getElementById(button.getAttribute("data-ip-loop-toggle"));
    if (!heading) return "";
    var copy = heading.cloneNode(true);
    var links = copy.querySelectorAll(".headerlink");
    for (var i = 0; i < links.length; i++) links[i].remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function show(button, list) {
    var inLoop = list.indexOf(button.getAttribute("data-ip-loop-toggle")) >= 0;
    var text = inLoop ? "Remove from my loop" : "Add to my loop";
    if (button.textContent !== text) button.textContent = text;
    button.classList.toggle("ip-loop-toggle--on", inLoop);
    var title = titleFor(button);
    button.setAttribute("aria-label", title ? text + ": " + title : text);
  }

  /** Show and wire the buttons under `root` (each once). */
  function bind(root) {
    var list = ids();
    var buttons = (root || document).querySelectorAll("button[data-ip-loop-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      show(button, list);
      button.hidden = false;
      if (button.hasAttribute("data-ip-bound")) continue;
      button.setAttribute("data-ip-bound", "");
      button.addEventListener("click", onToggle);
    }
  }

  function onToggle(event) {
    var button = event.currentTarget;
    var id = button.getAttribute("data-ip-loop-toggle");
    var added = toggle(id);
    var title = titleFor(button) || id;
    var count = ids().length;
    announce((added ? "Added " : "Removed ") + "\u201c" + title + "\u201d" +
             (added ? " to" : " from") + " your loop: " + plural(count, "question") + ".");
  }

  function refreshButtons() {
    var list = ids();
    var buttons = document.querySelectorAll("button[data-ip-loop-toggle][data-ip-bound]");
    for (var i = 0; i < buttons.length; i++) show(buttons[i], list);
    var counts = document.querySelectorAll("[data-ip-loop-count]");
    for (var j = 0; j < counts.length; j++) counts[j].textContent = "(" + list.length + ")";
  }

  onChange(refreshButtons);

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  // --- The loop page --------------------------------------------------------------------------

  function LoopPage(root) {
    this.root = root;
    this.manage = root.querySelector("[data-ip-loop-manage]");
    this.list = root.querySelector("[data-ip-loop-list]");
    this.empty = root.querySelector("[data-ip-loop-empty]");
    this.status = root.querySelector("[data-ip-loop-status]");
    this.note = root.querySelector("[data-ip-loop-note]");
    this.total = root.querySelector("[data-ip-loop-total]");
    this.clearButton = root.querySelector("[data-ip-loop-clear]");
    this.itemTemplate = root.querySelector("template[data-ip-loop-item]");
    this.formTemplate = root.querySelector("template[data-ip-loop-form]");
    this.entryTemplate = root.querySelector("template[data-ip-loop-entry]");
    this.indicatorTemplate = root.querySelector("template[data-ip-loop-indicator]");
    this.formSlot = root.querySelector("[data-ip-loop-form-slot]");
    this.card = readJson(root.querySelector("template[data-ip-loop-card]"));
    this.data = null;
    this.form = null;
    this.formFor = null; // the ids the current form was built for, in order
  }

  // A JSON block inside a <template>, where Material's instant navigation does not re-run it
  // as a script (see scorecard.js, readData).
  function readJson(holder) {
    var script = holder ? holder.content.querySelector("script") : null;
    if (!script) return {};
    try {
      var value = JSON.parse(script.textContent);
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (error) {
      return {};
    }
  }

  LoopPage.prototype.setup = function () {
    var self = this;
    this.manage.hidden = false;
    this.say("Loading your loop\u2026");
    this.list.addEventListener("click", function (event) { self.onListClick(event); });
    this.clearButton.addEventListener("click", function () { self.clear(); });
    data(this.root.getAttribute("data-ip-data")).then(function (loaded) {
      self.data = loaded;
      self.refresh();
      onChange(function () {
        if (self.root.isConnected) self.refresh();
      });
    }, function () {
      self.say("");
      self.warn("Could not load the questions (questions/finder.json), so your loop cannot be shown. " +
                "It is still stored in this browser.");
    });
  };

  /** Map former ids to current ones and drop ids the data no longer has, with a note. */
  LoopPage.prototype.resolve = function () {
    var data = this.data;
    var stored = ids();
    var kept = [];
    var dropped = [];
    var renamed = [];
    stored.forEach(function (id) {
      var current = data.currentId(id);
      if (current === null) dropped.push(id);
      else {
        if (current !== id) renamed.push(id);
        if (kept.indexOf(current) < 0) kept.push(current);
      }
    });
    if (dropped.length || renamed.length) {
      var parts = [];
      if (dropped.length) {
        parts.push((dropped.length === 1 ? "A question in your loop no longer exists and was removed: "
          : plural(dropped.length, "question") + " in your loop no longer exist and were removed: ") +
          dropped.join(", ") + ".");
      }
      if (renamed.length) {
        parts.push(plural(renamed.length, "question") + " of your loop had a new id and " +
                   (renamed.length === 1 ? "was" : "were") + " kept under it.");
      }
      this.warn(parts.join(" "));
      storage.write(STORAGE_NAME, kept); // if refused: shown as it is, saved with the next change
    }
    this.ids = kept;
  };

  /** The loop changed (or the page opened): list it, then build its scorecard. */
  LoopPage.prototype.refresh = function () {
    var self = this;
    this.resolve();
    this.render();
    var wanted = this.ids.slice();
    hire(this.data, wanted, this.root.getAttribute("data-ip-root") || "").then(function (failed) {
      if (self.ids.join("\n") !== wanted.join("\n")) return; // a newer change builds it
      if (failed.length) {
        self.warn("Could not load the hire indicators of " + failed.join(", ") +
                  "; the scorecard leaves them out.");
      }
      self.buildForm();
    });
  };

  LoopPage.prototype.say = function (message) {
    this.status.textContent = message;
  };

  LoopPage.prototype.warn = function (message) {
    this.note.textContent = message;
    this.note.hidden = !message;
  };

  LoopPage.prototype.render = function () {
    var self = this;
    var data = this.data;
    var list = this.list;
    while (list.firstChild) list.removeChild(list.firstChild);
    var minutes = 0;
    var timed = 0;
    this.ids.forEach(function (id, position) {
      var question = data.byId[id];
      var item = self.itemTemplate.content.firstElementChild.cloneNode(true);
      item.setAttribute("data-ip-question", id);
      var link = item.querySelector('[data-ip-slot="title"]');
      link.textContent = question.t;
      link.href = self.root.getAttribute("data-ip-root") + data.url(question);
      var topic = data.topics[question.p] || {};
      var kind = data.kinds[question.k] || {};
      var meta = [kind.name, topic.name].concat(question.m ? ["about " + question.m + " min"] : []);
      item.querySelector('[data-ip-slot="meta"]').textContent = meta.filter(Boolean).join(" \u00b7 ");
      var buttons = item.querySelectorAll("button");
      for (var i = 0; i < buttons.length; i++) {
        var button = buttons[i];
        var label = button.textContent.trim();
        button.setAttribute("aria-label", label + ": " + question.t);
        var move = Number(button.getAttribute("data-ip-move") || 0);
        var stuck = (move < 0 && position === 0) || (move > 0 && position === self.ids.length - 1);
        if (stuck) button.setAttribute("aria-disabled", "true");
      }
      if (question.m) {
        minutes += question.m;
        timed += 1;
      }
      list.appendChild(item);
    });
    var count = this.ids.length;
    this.empty.hidden = count > 0;
    list.hidden = count === 0;
    this.clearButton.hidden = count === 0;
    if (this.total) {
      this.total.textContent = count ? plural(count, "question") + (timed ? ", about " + minutes +
        " min" + (timed < count ? " for the " + timed + " with a suggested time" : "") : "") : "";
    }
    this.say(count ? "Your loop: " + plural(count, "question") + "." : "Your loop is empty.");
  };

  LoopPage.prototype.onListClick = function (event) {
    var button = event.target.closest("button");
    if (!button || !this.list.contains(button)) return;
    var item = button.closest("[data-ip-question]");
    var id = item.getAttribute("data-ip-question");
    var position = this.ids.indexOf(id);
    var title = this.data.byId[id].t;
    if (button.hasAttribute("data-ip-remove")) {
      var list = this.ids.slice();
      list.splice(position, 1);
      save(list); // re-renders through onChange
      var next = this.list.querySelectorAll("[data-ip-question]")[Math.min(position, list.length - 1)];
      var focus = next ? next.querySelector("button[data-ip-remove]") : this.root.querySelector("[data-ip-loop-find]");
      if (focus) focus.focus();
      announce("Removed \u201c" + title + "\u201d. " + plural(list.length, "question") + " left.");
      return;
    }
    var move = Number(button.getAttribute("data-ip-move") || 0);
    var target = position + move;
    if (!move || target < 0 || target >= this.ids.length) {
      announce("\u201c" + title + "\u201d is already " + (move < 0 ? "first" : "last") + ".");
      return;
    }
    var moved = this.ids.slice();
    moved.splice(position, 1);
    moved.splice(target, 0, id);
    save(moved);
    var again = this.list.querySelector('[data-ip-question="' + cssEscape(id) + '"] button[data-ip-move="' +
                                        button.getAttribute("data-ip-move") + '"]');
    if (again) again.focus();
    announce("Moved \u201c" + title + "\u201d to position " + (target + 1) + " of " + moved.length + ".");
  };

  function cssEscape(value) {
    return window.CSS && typeof window.CSS.escape === "function" ? window.CSS.escape(value)
      : String(value).replace(/["\\]/g, "\\$&");
  }

  LoopPage.prototype.clear = function () {
    if (!this.ids.length) return;
    if (!window.confirm("Take every question out of your loop? Saved scorecard drafts stay.")) return;
    save([]);
    var find = this.root.querySelector("[data-ip-loop-find]");
    if (find) find.focus();
    announce("Your loop is empty.");
  };

  // --- The loop's scorecard -------------------------------------------------------------------

  /** A short, stable name for a set of questions: drafts filled for another set say so. */
  function version(list) {
    var text = list.slice().sort().join("\n");
    var hash = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return ("00000000" + hash.toString(16)).slice(-8);
  }

  /** Put the entry's key (and indicator number) into the placeholders of names and ids. */
  function fillNames(element, key, number) {
    var attributes = ["name", "id", "for", "aria-describedby", "data-ip-mirror", "data-ip-entry"];
    var nodes = [element].concat(Array.prototype.slice.call(element.querySelectorAll("*")));
    nodes.forEach(function (node) {
      attributes.forEach(function (name) {
        var value = node.getAttribute(name);
        if (value && value.indexOf("__") >= 0) {
          node.setAttribute(name, value.split("__key__").join(key).split("__n__").join(String(number || "")));
        }
      });
    });
  }

  LoopPage.prototype.buildForm = function () {
    var self = this;
    var data = this.data;
    var list = this.ids;
    if (this.formFor && this.formFor.join("\n") === list.join("\n")) return;
    var old = this.form;
    var label = old && old.elements.namedItem("candidate") ? old.elements.namedItem("candidate").value.trim() : "";
    this.formFor = list.slice();
    if (!list.length) {
      if (old) old.remove();
      this.form = null;
      this.formSlot.hidden = true;
      document.dispatchEvent(new CustomEvent("ip:forms")); // lets scorecard.js save and let go
      return;
    }
    var form = this.formTemplate.content.firstElementChild.cloneNode(true);
    var entries = form.querySelector("[data-ip-loop-entries]");
    var card = {
      playbook: form.getAttribute("data-playbook"),
      title: "My loop",
      rubric_version: version(list),
      scale: this.card.scale || [],
      recommendation: this.card.recommendation || [],
      dimensions: [],
      interviewers: 0,
      form: FORM_KIND,
      sections: [{ title: "Questions", heading: "Questions", start: 0, end: 0, minutes: 0, entries: [] }],
    };
    var section = card.sections[0];
    list.forEach(function (id) {
      var question = data.byId[id];
      var key = "q-" + id;
      var entry = self.entryTemplate.content.firstElementChild.cloneNode(true);
      fillNames(entry, key);
      entry.querySelector('[data-ip-slot="title"]').textContent = question.t;
      entry.querySelector('[data-ip-slot="signals"]').textContent = data.names("signals", question.s).join(", ");
      var legend = entry.querySelector(".ip-sc-score legend");
      if (legend) legend.textContent = "Score for " + question.t;
      var notes = entry.querySelector(".ip-sc-notes label");
      if (notes) notes.textContent = "Evidence notes for " + question.t;
      var table = entry.querySelector('[data-ip-slot="indicators"]');
      var body = table.tBodies[0];
      (question.h || []).forEach(function (indicator, n) {
        var row = self.indicatorTemplate.content.firstElementChild.cloneNode(true);
        fillNames(row, key, n + 1);
        row.querySelector('[data-ip-slot="text"]').textContent = indicator;
        body.appendChild(row);
      });
      if (!(question.h || []).length) table.remove();
      entries.appendChild(entry);
      section.minutes += question.m || 0;
      section.entries.push({ key: key, kind: "question", question: id, title: question.t,
                             group: "", indicators: question.h || [] });
    });
    form.setAttribute("data-rubric-version", card.rubric_version);
    form.querySelector("[data-ip-loop-version]").textContent = card.rubric_version;
    var holder = document.createElement("template"); // as _scorecard.html writes it
    holder.setAttribute("data-ip-scorecard-template", "");
    var script = document.createElement("script");
    script.type = "application/json";
    script.setAttribute("data-ip-scorecard-data", "");
    script.textContent = JSON.stringify(card);
    holder.content.appendChild(script);
    form.insertBefore(holder, form.firstChild);
    form.setAttribute("data-ip-form", FORM_KIND);
    if (old) old.replaceWith(form);
    else this.formSlot.appendChild(form);
    this.form = form;
    this.formSlot.hidden = false;
    // scorecard.js saves the replaced form's draft, then sets this one up and opens the
    // latest draft; the draft that was open stays open.
    document.dispatchEvent(new CustomEvent("ip:forms"));
    if (label) {
      var select = form.querySelector("select[data-ip-action=open]");
      var candidate = form.elements.namedItem("candidate");
      var wanted = FORM_KIND + "|" + card.playbook + "|" + label;
      if (select && candidate && candidate.value.trim() !== label &&
          Array.prototype.some.call(select.options, function (option) { return option.value === wanted; })) {
        select.value = wanted;
        select.dispatchEvent(new Event("change"));
      }
    }
  };

  // --- Set-up on every page -------------------------------------------------------------------

  function init() {
    bind(document);
    refreshButtons();
    var roots = document.querySelectorAll("[data-ip-loop]");
    for (var i = 0; i < roots.length; i++) {
      if (roots[i].hasAttribute("data-ip-ready")) continue;
      roots[i].setAttribute("data-ip-ready", "");
      new LoopPage(roots[i]).setup();
    }
  }

  window.ipLoop = { ids: ids, has: has, toggle: toggle, bind: bind, data: data, onChange: onChange,
                    announce: announce };

  if (typeof window.document$ !== "undefined" && window.document$ &&
      typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/*
 * Interview Playbooks: the question finder on the "Question banks" page (questions/).
 *
 * The page holds the filter's controls ([data-ip-finder], overrides/playbooks/banks.md);
 * the questions come from questions/finder.json (interview_playbooks/finder.py), fetched by
 * the URL the page gives, relative to it, so the site works under any sub-path.
 *
 * The filter lives in the page's query string, in a stable format that other pages link to
 * (interview_playbooks/pages.py, finder_query):
 *
 *   ?role=<id>&level=<id>&kind=<id>&signal=<id>&topic=<bank id>&q=<words of the title>
 *
 * Each parameter may be repeated; values of one parameter are ORed, parameters are ANDed.
 * `role` matches the questions the role's playbooks ask; `q` titles with a word starting
 * with each of its words, in any order and case.
 * Former ids (`former_ids` in the data) are read as the current ones. Unknown values
 * (names such as `constructor` or `__proto__` too: lookups have no prototype) are ignored
 * with a note that shows them as text, shortened; at most MAX_VALUES values are read, and
 * `q` is cut to MAX_QUERY characters. A change of a checkbox adds a history entry
 * (pushState), typing replaces it (replaceState), and back/forward (popstate) restore the
 * filter.
 *
 * Results are drawn from the page's <template>, with text only (textContent), at most
 * PAGE_SIZE at a time, with a "Show more" button. "Add to my loop" buttons come from loop.js.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 200;
  var TYPING_DELAY = 250; // ms after the last key before the list and the address follow
  var GROUPS = ["role", "level", "kind", "signal", "topic"];
  var TABLES = { role: "roles", level: "levels", kind: "kinds", signal: "signals", topic: "topics" };
  var FIELDS = { role: "r", level: "l", kind: "k", signal: "s", topic: "p" };
  var current = null; // the finder of the page on screen
  var MAX_VALUES = 100; // query-string values read; more were not written by this site
  var MAX_QUERY = 200; // characters of `q`
  var MAX_SHOWN = 40; // characters of an unknown value shown in the note

  function words(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function plural(count, word) {
    return count.toLocaleString("en") + " " + word + (count === 1 ? "" : "s");
  }

  function Finder(root) {
    this.root = root;
    this.form = root.querySelector("[data-ip-finder-form]");
    this.text = this.form.elements.namedItem("q");
    this.count = root.querySelector("[data-ip-count]");
    this.note = root.querySelector("[data-ip-note]");
    this.results = root.querySelector("[data-ip-results]");
    this.more = root.querySelector("[data-ip-more]");
    this.template = root.querySelector("template[data-ip-result-template]");
    this.base = root.getAttribute("data-ip-root") || "";
    this.data = null;
    this.matches = [];
    this.shown = 0;
    this.timer = null;
    this.typing = false; // a history entry for the current run of typing exists
  }

  Finder.prototype.setup = function () {
    var self = this;
    this.root.hidden = false;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.apply("push");
    });
    this.form.addEventListener("change", function (event) {
      if (event.target === self.text) return;
      self.typing = false;
      self.apply("push");
    });
    this.text.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () {
        self.apply(self.typing ? "replace" : "push");
        self.typing = true;
      }, TYPING_DELAY);
    });
    this.text.addEventListener("blur", function () { self.typing = false; });
    this.root.querySelector("[data-ip-clear]").addEventListener("click", function () {
      self.setControls({ groups: Object.create(null), q: "" });
      self.typing = false;
      self.apply("push");
      self.text.focus();
    });
    this.more.addEventListener("click", function () { self.showMore(true); });
    window.ipLoop.data(this.root.getAttribute("data-ip-data")).then(function (data) {
      self.data = data;
      self.aliases = aliases(data);
      self.fillLongGroups();
      self.restore();
    }, function () {
      self.count.textContent = "Could not load the questions (questions/finder.json). The banks below list them all.";
    });
  };

  /**
   * A group too long to write into the page (a site of hundreds of banks) has an empty
   * fieldset; its boxes are made here from the finder's data, as the template makes them.
   */
  Finder.prototype.fillLongGroups = function () {
    var sets = this.form.querySelectorAll("fieldset[data-ip-fill]");
    for (var i = 0; i < sets.length; i++) {
      var group = sets[i].getAttribute("data-ip-fill");
      if (GROUPS.indexOf(group) < 0 || sets[i].querySelector("input")) continue;
      (this.data[TABLES[group]] || []).forEach(function (entry) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        var name = document.createElement("span");
        label.className = "ip-box-label";
        box.type = "checkbox";
        box.name = group;
        box.value = String(entry.id);
        name.textContent = String(entry.name);
        label.appendChild(box);
        label.appendChild(name);
        this.appendChild(label);
      }, sets[i]);
    }
  };

  /** Per group, every id and former id -> the current id. */
  function aliases(data) {
    var result = {};
    GROUPS.forEach(function (group) {
      var map = Object.create(null);
      data[TABLES[group]].forEach(function (entry) {
        map[entry.id] = entry.id;
        (entry.former || []).forEach(function (former) { map[former] = entry.id; });
      });
      result[group] = map;
    });
    return result;
  }

  /** The filter in the page's address, with current ids, and what could not be read. */
  Finder.prototype.fromUrl = function () {
    var params;
    try {
      params = new URLSearchParams(window.location.search);
    } catch (error) {
      params = new URLSearchParams();
    }
    var filter = { groups: Object.create(null), q: (params.get("q") || "").slice(0, MAX_QUERY) };
    var unknown = [];
    var self = this;
    var read = 0;
    params.forEach(function (value, name) {
      if (name === "q") return;
      read += 1;
      if (read > MAX_VALUES) return;
      var group = GROUPS.indexOf(name) >= 0 ? name : null;
      var id = group ? self.aliases[group][value] : undefined;
      if (id === undefined) {
        var shown = shorten(name) + "=" + shorten(value);
        if (unknown.indexOf(shown) < 0) unknown.push(shown);
        return;
      }
      filter.groups[group] = filter.groups[group] || [];
      if (filter.groups[group].indexOf(id) < 0) filter.groups[group].push(id);
    });
    if (read > MAX_VALUES) unknown.push("and " + (read - MAX_VALUES) + " more");
    filter.unknown = unknown;
    return filter;
  };

  function shorten(text) {
    var value = String(text);
    return value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) + "\u2026" : value;
  }

  /** The filter the controls show. */
  Finder.prototype.fromControls = function () {
    var filter = { groups: Object.create(null), q: this.text.value.trim() };
    GROUPS.forEach(function (group) {
      var boxes = this.form.querySelectorAll('input[type=checkbox][name="' + group + '"]:checked');
      if (boxes.length) {
        filter.groups[group] = Array.prototype.map.call(boxes, function (box) { return box.value; });
      }
    }, this);
    return filter;
  };

  Finder.prototype.setControls = function (filter) {
    this.text.value = filter.q || "";
    var boxes = this.form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) {
      var chosen = filter.groups[boxes[i].name] || [];
      boxes[i].checked = chosen.indexOf(boxes[i].value) >= 0;
    }
  };

  function query(filter) {
    var params = new URLSearchParams();
    GROUPS.forEach(function (group) {
      (filter.groups[group] || []).forEach(function (id) { params.append(group, id); });
    });
    if (filter.q) params.append("q", filter.q);
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /** Read the address into the controls and the list (on load and on back/forward). */
  Finder.prototype.restore = function () {
    var filter = this.fromUrl();
    this.setControls(filter);
    this.typing = false;
    var groups = this.form.querySelectorAll("details[data-ip-group]");
    for (var i = 0; i < groups.length; i++) {
      if ((filter.groups[groups[i].getAttribute("data-ip-group")] || []).length) groups[i].open = true;
    }
    if (filter.unknown.length) {
      this.note.textContent = "Not understood, so left out of the filter: " + filter.unknown.join(", ") + ".";
      this.note.hidden = false;
    } else {
      this.note.hidden = true;
      this.note.textContent = "";
    }
    this.run(filter);
  };

  /** The controls changed: filter, and write the filter into the address. */
  Finder.prototype.apply = function (how) {
    if (!this.data) return;
    var filter = this.fromControls();
    var url = window.location.pathname + query(filter) + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      var state = { ipFinder: true };
      if (how === "replace") window.history.replaceState(window.history.state || state, "", url);
      else window.history.pushState(state, "", url);
    }
    this.note.hidden = true;
    this.run(filter);
  };

  Finder.prototype.run = function (filter) {
    var data = this.data;
    var terms = words(filter.q);
    var wanted = Object.create(null);
    GROUPS.forEach(function (group) {
      var ids = filter.groups[group] || [];
      if (!ids.length) return;
      var positions = Object.create(null);
      data[TABLES[group]].forEach(function (entry, n) {
        if (ids.indexOf(entry.id) >= 0) positions[n] = true;
      });
      wanted[group] = positions;
    });
    var active = Object.keys(wanted);
    this.matches = data.questions.filter(function (question) {
      for (var g = 0; g < active.length; g++) {
        var positions = wanted[active[g]];
        var values = question[FIELDS[active[g]]];
        if (Array.isArray(values)) {
          if (!values.some(function (value) { return positions[value]; })) return false;
        } else if (!positions[values]) {
          return false;
        }
      }
      if (terms.length) {
        var title = question._words || (question._words = " " + words(question.t).join(" ") + " ");
        for (var t = 0; t < terms.length; t++) {
          if (title.indexOf(" " + terms[t]) < 0) return false; // a word, or the start of one
        }
      }
      return true;
    });
    this.summarise(filter);
    while (this.results.firstChild) this.results.removeChild(this.results.firstChild);
    this.shown = 0;
    this.showMore(false);
  };

  Finder.prototype.summarise = function (filter) {
    var total = this.data.questions.length;
    this.count.textContent = this.matches.length.toLocaleString("en") + " of " + plural(total, "question");
    var groups = this.form.querySelectorAll("details[data-ip-group]");
    for (var i = 0; i < groups.length; i++) {
      var chosen = (filter.groups[groups[i].getAttribute("data-ip-group")] || []).length;
      groups[i].querySelector("[data-ip-chosen]").textContent = chosen ? "(" + chosen + " chosen)" : "";
    }
  };

  Finder.prototype.showMore = function (focus) {
    var data = this.data;
    var start = this.shown;
    var end = Math.min(this.matches.length, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    var first = null;
    for (var n = start; n < end; n++) {
      var question = this.matches[n];
      var item = this.template.content.firstElementChild.cloneNode(true);
      var link = item.querySelector('[data-ip-slot="title"]');
      link.textContent = question.t;
      link.href = this.base + data.url(question);
      item.querySelector('[data-ip-slot="kind"]').textContent = (data.kinds[question.k] || {}).name || "";
      item.querySelector('[data-ip-slot="topic"]').textContent = (data.topics[question.p] || {}).name || "";
      item.querySelector('[data-ip-slot="levels"]').textContent = data.names("levels", question.l).join(", ");
      var toggle = item.querySelector("[data-ip-loop-toggle]");
      toggle.setAttribute("data-ip-loop-toggle", question.i);
      toggle.setAttribute("data-ip-title", question.t);
      fragment.appendChild(item);
      if (!first) first = link;
    }
    this.results.appendChild(fragment);
    window.ipLoop.bind(this.results);
    this.shown = end;
    var left = this.matches.length - end;
    this.more.hidden = left <= 0;
    this.more.textContent = "Show " + Math.min(left, PAGE_SIZE).toLocaleString("en") + " more (" +
      left.toLocaleString("en") + " not shown)";
    if (focus && first) first.focus();
  };

  window.addEventListener("popstate", function () {
    if (current && current.root.isConnected && current.data) current.restore();
  });

  function init() {
    var root = document.querySelector("[data-ip-finder]");
    if (!root || !window.ipLoop) return;
    if (root.hasAttribute("data-ip-ready")) return;
    root.setAttribute("data-ip-ready", "");
    current = new Finder(root);
    current.setup();
  }

  if (typeof window.document$ !== "undefined" && window.document$ &&
      typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { init(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

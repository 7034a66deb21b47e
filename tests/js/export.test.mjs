import { test } from "node:test";
import assert from "node:assert/strict";

import { exportName, exportOf, markdownOf, plainTextOf } from "../../docs/assets/javascripts/scorecard/export.mjs";
import { fromData, literal, literalBlock } from "../../docs/assets/javascripts/scorecard/markdown.mjs";
import { flagsOf } from "../../docs/assets/javascripts/scorecard/card.mjs";
import { fixture, plain } from "./helpers.mjs";

const NOTES = "- not a list\n# not a heading\n<img src=x onerror=alert(2)>\n1. plain\n   indented\n=== ";
const FILLED = {
  candidate: "Candidate A <b>", interviewer: "Pat", date: "2025-01-01",
  "q-ownership-story:score": "4", "q-ownership-story:notes": NOTES,
  "q-ownership-story:hire-1": "yes", "q-ownership-story:hire-2": "no",
  "pool-15-1-1:asked": ["queue-design", "cache-design"],
  "dim-ownership:score": "3", recommendation: "hire", strengths: "Depth", comments: "ok | ~~x~~ &amp;",
};

// The feedback template's layout, every piece of text literal (checked against the
// scripts this replaced, character for character).
const MARKDOWN = `**Candidate Name:** Candidate A &lt;b&gt;  
**Interviewer Name:** Pat  
**Date:** 2025-01-01  
**Playbook:** Backend [guide](https://example.org/guide) &lt;b&gt; (rubric version v2; draft started on version v1)  
**Status:** Draft — not submitted

---

### Warm-up (10 mins)

**Question 1:** Story &lt;img src=x&gt; \\[x\\](javascript:alert(1)) \\*\\*strong\\*\\*  
**Score (1–5):** 4  
**Hire signals:** Names the trade-off — yes; Talks in numbers — no  
**Feedback:**  
\\- not a list
\\# not a heading
&lt;img src=x onerror=alert(2)&gt;
1\\. plain
indented
&#61;==

---

### Design &#124; deep (30 mins)

**Question 2:** Cache design / Queue design  
**Score (1–5):**  
**Feedback:**

---

### Rubric

**Ownership:** 3/5

---

### \u{1F9FE} Overall Evaluation:

**Strengths:**  
Depth

**Concerns / Gaps:**

**Final Recommendation:**  
☐ Strong Hire  
☑ Hire  
☐ No Hire

**Final Comments:**  
ok &#124; &#126;&#126;x&#126;&#126; &amp;amp;
`;

test("a scorecard copies as Markdown in the feedback template's layout", () => {
  assert.equal(markdownOf({ card: fixture("card.json"), fields: FILLED, draftVersion: "v1" }), MARKDOWN);
});

test("an empty scorecard names each question, a pool by its place", () => {
  const markdown = markdownOf({ card: fixture("card.json"), fields: {}, draftVersion: null });
  assert.match(markdown, /^\*\*Candidate Name:\*\*  \n\*\*Interviewer Name:\*\*  \n\*\*Date:\*\*  \n/);
  assert.ok(markdown.includes("(rubric version v2)  \n**Status:** Draft — not submitted\n"),
            "no draft version when none is open");
  assert.ok(markdown.includes("**Question 2:** Pick one, question 1 of 1  \n"));
  assert.ok(!markdown.includes("Empty"), "a time box without questions is left out");
  assert.ok(markdown.includes("**Ownership:**\n"));
  assert.equal(markdown.split("☐").length - 1, 3);
});

test("contributor text stays text; only http(s) links stay links", () => {
  assert.equal(fromData("See [the *guide*](https://example.org/?q=`x`) and [x](javascript:void(0))"),
               "See [the \\*guide\\*](https://example.org/?q=%60x%60) and \\[x\\](javascript:void(0))");
  assert.equal(fromData("[run](javascript:alert) [mail](mailto:a@example.org)"), "run mail");
  assert.equal(fromData("[local](../page/) [data](data:text/html,x) [web](http://example.org)"),
               "local data [web](http://example.org/)");
  assert.equal(literal("<b>*x*</b> _y_ `z` {: .c} a|b ~s~ &lt;"),
               "&lt;b&gt;\\*x\\*&lt;/b&gt; \\_y\\_ \\`z\\` \\{: .c\\} a&#124;b &#126;s&#126; &amp;lt;");
  assert.equal(literal("two\nlines\r\n"), "two lines ");
  assert.equal(literalBlock("+ item\n  code\n2) two\n== setext"), "\\+ item\ncode\n2\\) two\n&#61;= setext");
});

test("a debrief lists each dimension's rows, and the decision", () => {
  const card = { ...fixture("card.json"), form: "debrief" };
  const fields = {
    candidate: "Candidate A", facilitator: "Sam", "dim-ownership:1:interviewer": "Alice",
    "dim-ownership:1:score": "4", "dim-ownership:1:evidence": "Designed it well.\n- and more",
    "dim-ownership:2:evidence": "No name, no score", decision: "no-hire", rationale: "One gap.",
  };
  const markdown = markdownOf({ card, fields, draftVersion: null });
  assert.ok(markdown.startsWith("**Candidate Name:** Candidate A  \n**Facilitator:** Sam  \n"));
  assert.ok(markdown.includes("### Ownership\n\n- Alice: 4/5 — Designed it well.\n  \\- and more\n" +
                              "- Interviewer 2: –/5 — No name, no score\n\n"), markdown);
  assert.ok(markdown.includes("**Final decision:**  \n☐ Strong Hire  \n☐ Hire  \n☑ No Hire\n"));
  assert.ok(markdown.endsWith("**Rationale:**  \nOne gap.\n"));
  const empty = markdownOf({ card, fields: {}, draftVersion: null });
  assert.ok(empty.includes("### Ownership\n\n_No scores recorded._\n"));
});

// Emoji and pictographs, box and ballot characters: what a plain text field shows wrongly.
const PICTURES = /[\u{1F000}-\u{1FAFF}\u{2190}-\u{21FF}\u{2300}-\u{23FF}\u{2500}-\u{27BF}\u{2B00}-\u{2BFF}\uFE0F]/u;

test("plain text has a header block, then a block per question and per dimension, in words", () => {
  const text = plainTextOf({ card: fixture("card.json"), fields: FILLED, draftVersion: "v1" });
  assert.equal(text, `Candidate: Candidate A <b>
Interviewer: Pat
Date: 2025-01-01
Playbook: Backend guide (https://example.org/guide) <b>
Level: Senior
Rubric version: v2; draft started on version v1
Status: Draft — not submitted

Question 1: Story <img src=x> x (javascript:alert(1)) strong
Section: Warm-up (10 min)
Score: 4 / 5 (Strong)
Yes: Names the trade-off
No: Talks in numbers
Evidence:
  - not a list
  # not a heading
  <img src=x onerror=alert(2)>
  1. plain
     indented
  ===

Question 2: Cache design / Queue design
Section: Design | deep (30 min)
Asked: Cache design; Queue design
Score: not scored
Evidence: none written

Rubric: Ownership
Score: 3 / 5 (Meets)
Evidence: none written

Overall evaluation
Strengths: Depth
Concerns / gaps: none written
Recommendation: Hire
Final comments: ok | ~~x~~ &amp;
`);
});

test("plain text keeps no Markdown, emoji or boxes from the card, and what was typed as typed", () => {
  const card = fixture("card.json");
  card.title = "The **storage** `log` \u{1F9FE} [guide](../guide/) *now* \u2705";
  card.sections[0].entries[0].indicators = ["Uses **numbers**", "Sees _risks_"];
  card.recommendation[1].label = "\u2611 Hire";
  const fields = { ...FILLED, "q-ownership-story:notes": "Typed **as is**" };
  const text = plainTextOf({ card, fields, draftVersion: null });
  assert.ok(text.includes("Playbook: The storage log guide now\n"), text);
  assert.ok(text.includes("Yes: Uses numbers\nNo: Sees risks\n"), text);
  assert.ok(text.includes("Recommendation: Hire\n"), text);
  assert.ok(text.includes("Evidence: Typed **as is**\n"), "typed text is not changed");
  const cardText = text.replace("Typed **as is**", "");
  assert.doesNotMatch(cardText, /\*\*|`|^#|^---|^- |\]\(/m);
  assert.doesNotMatch(cardText, PICTURES);
  const empty = plainTextOf({ card: fixture("card.json"), fields: {}, draftVersion: null });
  assert.ok(empty.includes("Question 2: Pick one, question 1 of 1\nSection: Design | deep (30 min)\n" +
                           "Asked: not recorded\nScore: not scored\nEvidence: none written\n"), empty);
  assert.ok(empty.includes("Recommendation: none chosen\n"));
  assert.doesNotMatch(empty, PICTURES);
  const loop = { ...fixture("card.json"), form: "loop", level_name: "" };
  assert.ok(!plainTextOf({ card: loop, fields: {}, draftVersion: null }).includes("Level:"),
            "a loop has no level to name");
});

// A pool's option asked brings its own hire indicators, in every export.
const POOL = {
  "pool-15-1-1:asked": ["cache-design"], "pool-15-1-1:score": "2",
  "pool-15-1-1:hire-cache-design-1": "yes", "pool-15-1-1:hire-queue-design-1": "no",
};

test("a pool's exports name the option asked and its indicators", () => {
  const card = fixture("card.json");
  const text = plainTextOf({ card, fields: POOL, draftVersion: null });
  assert.ok(text.includes("Question 2: Cache design\nSection: Design | deep (30 min)\nAsked: Cache design\n" +
                          "Score: 2 / 5 (Weak)\nYes: Sizes the cache from the hit rate\nEvidence: none written\n"), text);
  const markdown = markdownOf({ card, fields: POOL, draftVersion: null });
  assert.ok(markdown.includes("**Question 2:** Cache design  \n**Score (1–5):** 2  \n" +
                              "**Hire signals:** Sizes the cache from the hit rate — yes  \n"), markdown);
  const [, pool] = plain(exportOf({ card, fields: POOL, draftVersion: null }, new Date())).entries;
  assert.deepEqual(pool, {
    kind: "pool", key: "pool-15-1-1", section: "Design | deep", title: "Cache design",
    question: "cache-design", asked: ["cache-design"], minutes: 14, signals: ["system-design"],
    score: 2, score_label: "Weak", notes: "",
    hire_signals: [{ indicator: "Sizes the cache from the hit rate", answer: "yes", option: "cache-design" }],
    flags: ["score-without-note"],
  });
  // Two options asked: each indicator names its option.
  card.sections[2].entries[0].options[1].indicators = ["Orders by key"];
  const both = { ...POOL, "pool-15-1-1:asked": ["cache-design", "queue-design"] };
  const twice = plainTextOf({ card, fields: both, draftVersion: null });
  assert.ok(twice.includes("Yes: Sizes the cache from the hit rate (Cache design)\nNo: Orders by key (Queue design)\n"), twice);
  const entry = plain(exportOf({ card, fields: both, draftVersion: null }, new Date())).entries[1];
  assert.equal(entry.question, null);
  assert.deepEqual(entry.asked, ["cache-design", "queue-design"]);
  assert.deepEqual(entry.signals, ["system-design", "ownership"], "each asked option's signals, once");
  assert.ok(markdownOf({ card, fields: both, draftVersion: null })
    .includes("**Hire signals:** Cache design: Sizes the cache from the hit rate — yes; Queue design: Orders by key — no"));
});

test("the JSON export holds every value, each entry's score and notes, and its format", () => {
  const card = fixture("card.json");
  const exported = plain(exportOf({ card, fields: FILLED, draftVersion: "v1" }, new Date("2025-01-02T03:04:05Z")));
  assert.equal(exported.$schema, card.export.schema);
  assert.equal(exported.format_version, 3);
  assert.deepEqual([exported.status, exported.submitted_at, exported.checksum], ["draft", null, null]);
  assert.equal(exported.exported_at, "2025-01-02T03:04:05.000Z");
  assert.equal(exported.draft_rubric_version, "v1");
  assert.deepEqual([exported.interviewer, exported.date, exported.role, exported.level, exported.level_name],
                   ["Pat", "2025-01-01", "backend-engineer", "senior", "Senior"]);
  assert.deepEqual(exported.fields, FILLED);
  assert.deepEqual(exported.entries, [
    { kind: "question", key: "q-ownership-story", section: "Warm-up", title: card.sections[0].entries[0].title,
      question: "ownership-story", minutes: 10, signals: ["ownership", "communication"], score: 4, score_label: "Strong", notes: NOTES.trimEnd(),
      hire_signals: [{ indicator: "Names the trade-off", answer: "yes" },
                     { indicator: "Talks in numbers", answer: "no" }], flags: [] },
    { kind: "pool", key: "pool-15-1-1", section: "Design | deep", title: "Cache design / Queue design",
      question: null, asked: ["cache-design", "queue-design"], minutes: 14,
      signals: ["system-design", "ownership"], score: null, score_label: null,
      notes: "", hire_signals: [], flags: [] },
    { kind: "dimension", key: "dim-ownership", section: "Rubric", title: "Ownership", signal: "ownership",
      score: 3, score_label: "Meets", notes: "", flags: ["score-without-note"] },
  ]);
  assert.equal(exported.recommendation, "Hire");
  assert.equal(exported.recommendation_id, "hire");
  assert.deepEqual([exported.strengths, exported.concerns, exported.comments], ["Depth", "", "ok | ~~x~~ &amp;"]);
  assert.equal("decision" in exported, false);
  assert.equal("facilitator" in exported, false);
  const same = plain(exportOf({ card, fields: {}, draftVersion: "v2" }, new Date()));
  assert.equal("draft_rubric_version" in same, false);
  assert.equal(same.recommendation, "");
  assert.equal(same.recommendation_id, "");
  assert.deepEqual(same.entries[1].signals, ["system-design", "ownership"], "no option ticked: all of them");
  const noted = plain(exportOf({ card, fields: { "dim-ownership:score": "2", "dim-ownership:notes": "Blamed the team\n" },
                                 draftVersion: null }, new Date()));
  assert.deepEqual([noted.entries[2].notes, noted.entries[2].flags], ["Blamed the team", []]);
  assert.equal(same.interviewer, "");
});

test("a score without a note is flagged, in the export as on screen", () => {
  const card = fixture("card.json");
  const [entry] = card.sections[0].entries;
  assert.deepEqual(flagsOf(entry, { "q-ownership-story:score": "3" }), ["score-without-note"]);
  assert.deepEqual(flagsOf(entry, { "q-ownership-story:score": "3", "q-ownership-story:notes": "  \n" }),
                   ["score-without-note"], "blank notes are no notes");
  assert.deepEqual(flagsOf(entry, { "q-ownership-story:score": "3", "q-ownership-story:notes": "Said so" }), []);
  assert.deepEqual(flagsOf(entry, { "q-ownership-story:notes": "A note, no score" }), []);
  const exported = plain(exportOf({ card, fields: { "q-ownership-story:score": "5" }, draftVersion: null },
                                  new Date()));
  assert.deepEqual(exported.entries[0].flags, ["score-without-note"]);
  assert.equal(exported.entries[0].score_label, "Exceptional");
});

test("a debrief's JSON export has rows per dimension and the decision", () => {
  const card = { ...fixture("card.json"), form: "debrief" };
  const exported = plain(exportOf({ card, fields: { "dim-ownership:2:score": "2", decision: "gone" },
                                    draftVersion: null }, new Date()));
  assert.deepEqual(exported.entries, [{ key: "dim-ownership", title: "Ownership",
    rows: [{ row: 2, interviewer: "", score: 2, evidence: "" }] }]);
  assert.equal(exported.decision, "gone", "an id the scale no longer has is kept as it is");
  assert.equal("recommendation" in exported, false);
  assert.equal("recommendation_id" in exported, false);
  assert.equal(exported.status, "draft");
});

test("the download is named after the playbook, the candidate and the form", () => {
  const card = fixture("card.json");
  assert.equal(exportName({ card, fields: { candidate: "Candidate Ä / 2" }, draftVersion: null }),
               "backend-senior-candidate-a-2-scorecard.json");
  assert.equal(exportName({ card: { ...card, form: "debrief" }, fields: {}, draftVersion: null }),
               "backend-senior-draft-debrief.json");
});

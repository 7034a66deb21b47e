// For the Python tests (tests/test_client_modules.py): the browser's pure modules run on
// cards from a real build. Reads a JSON request on stdin, writes the answer on stdout:
//   {"loop": {"skeleton": card, "finder": finder.json, "ids": [...], "target": 60}} -> the loop's card
//   {"exports": [{"card": card, "fields": {...}, "draftVersion": null}]} -> their JSON exports
//   {"markdown": [sheets as for exports]}                               -> their Markdown
//   {"submit": [sheets as for exports]}                                 -> their submitted records
import { readFileSync } from "node:fs";

import { exportOf, markdownOf } from "../../docs/assets/javascripts/scorecard/export.mjs";
import { submittedRecord } from "../../docs/assets/javascripts/scorecard/submission.mjs";
import { loopCard } from "../../docs/assets/javascripts/loop/list.mjs";
import { prepare } from "../../docs/assets/javascripts/finder/data.mjs";

const request = JSON.parse(readFileSync(0, "utf-8"));
let answer;
if (request.loop) {
  const { skeleton, finder, ids, target } = request.loop;
  answer = loopCard(skeleton, prepare(finder), ids, target || 60);
} else if (request.submit) {
  answer = request.submit.map((sheet) => submittedRecord(sheet, new Date()));
} else if (request.markdown) {
  answer = request.markdown.map(markdownOf);
} else {
  answer = request.exports.map((sheet) => exportOf(sheet, new Date()));
}
process.stdout.write(JSON.stringify(answer));

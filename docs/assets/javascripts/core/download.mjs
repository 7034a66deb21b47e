/*
 * Save text as a file the browser downloads: nothing is sent anywhere, the file is made on
 * the page. The scorecards' JSON and the debrief's decision record use it.
 */

/**
 * Download `text` as the file `name`.
 * @param {string} name
 * @param {string} text
 * @param {string} type its media type, e.g. "application/json"
 */
export function downloadText(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The widget's bench page: mounts it as a host would (README, "the three lines"), with the
// large meeting when the URL says `?record=large`, and exposes what bench/run.mjs drives:
// the handle, the wasm memory, load(), stage switching and checkRecord.
import init, { mount, checkRecord } from "../pkg/risk_sensible.js";

const bench = window.__bench;
const params = new URLSearchParams(location.search);
// Fetched while the wasm compiles, as a host that has the record to hand would.
const large = params.get("record") === "large" ? fetch("data/large-meeting.json").then((r) => r.json()) : null;

const exports = await init();
bench.mark("init");
// The wasm linear memory, for the memory figure.
window.__rsWasmMemory = exports.memory;

const element = document.getElementById("meeting");
const options = { storageKey: "bench-meeting" };
if (large) options.record = await large;
const widget = mount(element, options);
bench.mark("mounted");

// The first stage (attendance and reason) is rendered with the reason's text box, the first
// text area in the widget and the field the harness's first key goes into (as on SurveyJS's
// page).
const READY = '#meeting textarea[id$="-meeting-reason"]';
bench.whenShown(READY, "ready").catch((error) => bench.errors.push(String(error)));

const taskList = () => element.querySelector('nav[aria-label="Meeting stages"]');
const stageHeading = (title) =>
  [...element.querySelectorAll("h3")].find((heading) => heading.textContent.trim() === title);

// The change events the widget fires, counted from the start (proof that keys changed the
// record).
const changes = { count: 0 };
element.addEventListener("risk-sensible:change", () => {
  changes.count += 1;
});

// The record's text as the widget stores it: the draft (a header line, then the text), with
// the changes of the journal beside it made when the journal follows that draft
// (src/autosave.rs, `JOURNAL_FORM`: `journal 1 BASE START,END,LENGTH …`, a newline, then the
// texts of the changes; each replaces bytes of the UTF-8 text).
function storedText() {
  const key = `risk-sensible:draft:${options.storageKey}`;
  const draft = localStorage.getItem(key) ?? "";
  const newline = draft.indexOf("\n");
  if (newline < 0) return draft;
  const header = JSON.parse(draft.slice(0, newline));
  const text = draft.slice(newline + 1);
  const journal = JSON.parse(localStorage.getItem(`${key}:journal`) ?? "null");
  if (!journal || journal.tab !== header.tab || !(journal.savedAt > header.savedAt)) return text;
  const end = journal.record.indexOf("\n");
  const [, , base, ...changes] = journal.record.slice(0, end).split(" ");
  if (Number(base) !== header.savedAt) return text;
  const encoder = new TextEncoder();
  const bytes = encoder.encode(text);
  const texts = encoder.encode(journal.record.slice(end + 1));
  const parts = [];
  let from = 0;
  let used = 0;
  for (const [start, stop, length] of changes.map((change) => change.split(",").map(Number))) {
    parts.push(bytes.subarray(from, start), texts.subarray(used, used + length));
    from = stop;
    used += length;
  }
  parts.push(bytes.subarray(from));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(out);
}

window.__rs = {
  widget,
  element,
  changes,
  // The stored record's length (0 if none): it grows as the record does.
  draftLength() {
    return storedText().length;
  },
  draftIncludes(text) {
    return storedText().includes(text);
  },
  // Presses the button whose text (with its visually hidden part) is `label`.
  button(label) {
    const found = [...element.querySelectorAll("button")].find((b) => b.textContent.replace(/\s+/g, " ").trim() === label);
    if (!found) throw new Error(`no button "${label}"`);
    return found;
  },
  // Opens action 1 in the Actions form ("Change action 1"), resolves with its task box's id
  // and the ms from the click to the frame after the form holds the action's text.
  async changeAction(n = 1) {
    const start = performance.now();
    this.button(`Change action ${n}`).click();
    const task = widget.record().actions[n - 1].task;
    let field = null;
    for (let frames = 0; ; frames += 1) {
      field = element.querySelector('textarea[id$="-action-task"]');
      if (field && field.value === task) break;
      if (frames > 600) throw new Error(`action ${n} did not open in the form`);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await bench.afterPaint();
    return { id: field.id, ms: performance.now() - start };
  },
  checkRecord,
  // Opens a stage from the task list (a click on its link, as the chair would) and
  // resolves with the ms from the click to the frame after its heading appears.
  async openStage(title) {
    const link = [...taskList().querySelectorAll("a")].find((a) => a.textContent.includes(title));
    if (!link) throw new Error(`no task-list link for ${title}`);
    const start = performance.now();
    link.click();
    for (let frames = 0; !stageHeading(title); frames += 1) {
      if (frames > 600) throw new Error(`stage ${title} did not appear`);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  },
  // load(record) timed on its own and to the next paint.
  async timeLoad(record) {
    const start = performance.now();
    widget.load(record);
    const call = performance.now() - start;
    await bench.afterPaint();
    return { call, painted: performance.now() - start };
  },
  // checkRecord(text) timed; `text` is already in memory.
  timeCheck(text) {
    const start = performance.now();
    const result = checkRecord(text);
    const ms = performance.now() - start;
    return { ms, findings: result.findings.length, digest: result.digest };
  },
  memory() {
    return {
      wasmBytes: exports.memory.buffer.byteLength,
      jsHeapBytes: performance.memory ? performance.memory.usedJSHeapSize : null,
      domElements: document.getElementsByTagName("*").length,
    };
  },
};
bench.mark("exposed");

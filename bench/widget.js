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
// text area in the widget.
const READY = "#meeting textarea";
bench.whenShown(READY, "ready").catch((error) => bench.errors.push(String(error)));

const taskList = () => element.querySelector('nav[aria-label="Meeting stages"]');
const stageHeading = (title) =>
  [...element.querySelectorAll("h3")].find((heading) => heading.textContent.trim() === title);

window.__rs = {
  widget,
  element,
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

// The benchmark harness: drives headless Chromium (the system one, with the end-to-end
// tests' flags) against the bench site that scripts/bench.sh serves on 127.0.0.1, measures
// the widget and the SurveyJS peer in the same run, prints a table and writes the figures
// as JSON. Run through scripts/bench.sh, which builds and serves everything first.
//
//   node bench/run.mjs --base URL --site DIR --out FILE [--native DIR] [--runs N]
//                      [--keys N] [--key-runs N] [--key-cap-s S] [--seed N] [--check]
//
// --check: the benchmark's own test (CI, .ci/run, runs it through `scripts/bench.sh
// --check` after the test command, with small counts). It compares nothing with a time or
// a budget; it fails when a figure was not produced, a page reported an error, or a page
// did not do the work the figure stands for.
//
// Method (see /work/shared/BENCHMARKING.md and bench/README.md): a fresh browser context per
// page load (cold cache), one discarded warm-up load per target, targets interleaved in a
// seeded random order (--seed, printed and kept in the JSON), medians with a distribution-
// free 95% confidence interval (order statistics) and min-max, p95 where there are enough
// samples. Keystroke -> paint is stamped in the page (bench/probe.js): performance.now() in a
// capturing keydown listener, then the next animation frame and a setTimeout(0) after it; a
// plain <input> page gives the floor of that method in the same run. The Event Timing API
// reports the same keys from the browser's side (only those of 16 ms or more).
import { chromium } from "@playwright/test";
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { runScenario } from "./scenario.mjs";
import { eventsByKey, handlerTime } from "./event-timing.mjs";

const here = dirname(fileURLToPath(import.meta.url));
// The one browser of the run: closed on success, on error, on a signal and by the watchdog.
let browser = null;
async function shutdown(code) {
  if (browser) await browser.close().catch(() => {});
  browser = null;
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    process.stderr.write(`bench: ${signal}: closing the browser\n`);
    shutdown(130);
  });
}
const root = join(here, "..");

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const args = { runs: 10, keys: 200, keyRuns: 3, keyCapS: 60, native: null, check: false, seed: null };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    const count = (min) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer >= ${min}`);
      return n;
    };
    if (flag === "--base") args.base = value();
    else if (flag === "--site") args.site = value();
    else if (flag === "--out") args.out = value();
    else if (flag === "--native") args.native = value();
    else if (flag === "--runs") args.runs = count(1);
    else if (flag === "--keys") args.keys = count(1);
    else if (flag === "--key-runs") args.keyRuns = count(1);
    else if (flag === "--key-cap-s") args.keyCapS = count(1);
    else if (flag === "--seed") args.seed = count(0);
    else if (flag === "--check") args.check = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  for (const required of ["base", "site", "out"]) {
    if (!args[required]) throw new Error(`--${required} is required`);
  }
  if (args.seed === null) args.seed = Math.floor(Math.random() * 2 ** 31);
  return args;
}

// ---------------------------------------------------------------- seeded order
// mulberry32: a small seeded generator, so a run's order can be repeated with --seed.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// ---------------------------------------------------------------- statistics
const sorted = (values) => [...values].sort((a, b) => a - b);
function quantile(values, q) {
  if (!values.length) return null;
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]; // nearest rank
}
// A distribution-free confidence interval for the median from order statistics: the k-th
// smallest and k-th largest values, k the largest with P(Binomial(n, 1/2) < k) <= 2.5%, so
// the interval covers the median with probability >= 95% (its exact level is returned). It
// needs n >= 6; with fewer values it is null. It assumes independent samples: keystrokes of
// one session are not quite that (bench/README.md).
function logChoose(n, k) {
  let sum = 0;
  for (let i = 1; i <= k; i += 1) sum += Math.log(n - k + i) - Math.log(i);
  return sum;
}
function medianCI(s) {
  const n = s.length;
  if (n < 6) return null;
  // below(k) = P(X <= k - 1), X ~ Binomial(n, 1/2)
  let k = 0;
  let tail = 0;
  for (let j = 0; j < n; j += 1) {
    const p = Math.exp(logChoose(n, j) - n * Math.LN2);
    if (tail + p > 0.025) break;
    tail += p;
    k = j + 1;
  }
  if (k < 1) return null;
  return { low: s[k - 1], high: s[n - k], level: round(1 - 2 * tail, 4) };
}
function summary(values) {
  const clean = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  if (!clean.length) return null;
  const s = sorted(clean);
  return {
    n: s.length,
    median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2,
    ci95: medianCI(s),
    p95: quantile(s, 0.95),
    min: s[0],
    max: s[s.length - 1],
  };
}
const round = (value, digits = 1) => (value === null || value === undefined ? null : Number(value.toFixed(digits)));

// ---------------------------------------------------------------- sizes
// `gzip -9`, as the budget and scripts/build.sh count (Node's zlib at level 9 makes a
// stream about 1% larger).
const gzip9 = (bytes) => execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 28 }).length;
function sizesOf(files) {
  const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
  return {
    files: files.map((file) => file.replace(/^.*bench-site\//, "")),
    raw: bytes.length,
    gzip: gzip9(bytes),
    brotli: brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
function bundleSizes(site) {
  const ours = {
    wasm: sizesOf([join(site, "pkg/risk_sensible_bg.wasm")]),
    js: sizesOf([join(site, "pkg/risk_sensible.js")]),
    css: sizesOf([join(site, "risk-sensible.css")]),
  };
  const peer = {
    wasm: null,
    js: sizesOf([join(site, "bench/surveyjs/survey.core.min.js"), join(site, "bench/surveyjs/survey-js-ui.min.js")]),
    css: sizesOf([join(site, "bench/surveyjs/survey-core.fontless.min.css")]),
  };
  // The least Yew widget (bench/minimal), built in the same run with the same profile.
  const minimal = {};
  for (const variant of ["yew", "record"]) {
    const dir = join(site, `bench/minimal-${variant}`);
    if (!existsSync(dir)) continue;
    minimal[variant] = {
      wasm: sizesOf([join(dir, "risk_sensible_bench_minimal_bg.wasm")]),
      js: sizesOf([join(dir, "risk_sensible_bench_minimal.js")]),
    };
  }
  // Each part compressed on its own, as a server sends them; the total is their sum.
  const total = (parts) => ({
    raw: Object.values(parts).reduce((sum, part) => sum + (part ? part.raw : 0), 0),
    gzip: Object.values(parts).reduce((sum, part) => sum + (part ? part.gzip : 0), 0),
    brotli: Object.values(parts).reduce((sum, part) => sum + (part ? part.brotli : 0), 0),
  });
  ours.total = total(ours);
  peer.total = total(peer);
  for (const parts of Object.values(minimal)) parts.total = total(parts);
  return { ours, peer, minimal };
}

// ---------------------------------------------------------------- native (criterion)
function nativeFigures(dir) {
  if (!dir || !existsSync(dir)) return null;
  const group = join(dir, "receive");
  if (!existsSync(group)) return null;
  const name = readdirSync(group).find((entry) => entry.startsWith("import+validate+digest"));
  if (!name) return null;
  const base = join(group, name, "new");
  const estimates = JSON.parse(readFileSync(join(base, "estimates.json"), "utf8"));
  const sample = JSON.parse(readFileSync(join(base, "sample.json"), "utf8"));
  // Each criterion sample is `iters` iterations taking `times` ns in all.
  const perIteration = sample.times.map((ns, i) => ns / sample.iters[i] / 1e6);
  return {
    benchmark: name,
    bytes: Number((name.match(/(\d+) bytes/) || [])[1]) || null,
    ms: { ...summary(perIteration), median: estimates.median.point_estimate / 1e6 },
  };
}

// ---------------------------------------------------------------- browser helpers
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `fn` in the page until it returns a truthy value. page.waitForFunction cannot be
// used: it evaluates a string, which the pages' strict CSP refuses.
async function poll(page, fn, arg, { timeout = 60000, interval = 20, what = "condition" } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

class Session {
  constructor(browser, label) {
    this.browser = browser;
    this.label = label;
    this.problems = [];
  }
  // `network`: null (loopback as it is) or a CDP Network.emulateNetworkConditions profile.
  async open(url, { network = null } = {}) {
    this.context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    this.context.setDefaultTimeout(120000);
    this.page = await this.context.newPage();
    this.page.on("console", (message) => {
      if (message.type() === "error") this.problems.push(`console: ${message.text().slice(0, 160)}`);
    });
    this.page.on("pageerror", (error) => this.problems.push(`page error: ${error.message.slice(0, 160)}`));
    this.page.on("request", (request) => {
      if (!request.url().startsWith(this.origin)) this.problems.push(`request to another origin: ${request.url()}`);
    });
    this.origin = new URL(url).origin;
    this.cdp = await this.context.newCDPSession(this.page);
    // What went over the wire: bytes as transferred (compressed), the protocol and the
    // encodings, from the browser's own network events.
    this.transfer = { bytes: 0, responses: 0, protocols: {}, encodings: {} };
    this.cdp.on("Network.responseReceived", ({ response }) => {
      const protocol = response.protocol || "unknown";
      const encoding = (response.headers["content-encoding"] || response.headers["Content-Encoding"] || "identity").toLowerCase();
      this.transfer.responses += 1;
      this.transfer.protocols[protocol] = (this.transfer.protocols[protocol] ?? 0) + 1;
      this.transfer.encodings[encoding] = (this.transfer.encodings[encoding] ?? 0) + 1;
    });
    this.cdp.on("Network.loadingFinished", ({ encodedDataLength }) => {
      this.transfer.bytes += encodedDataLength || 0;
    });
    await this.cdp.send("Network.enable");
    if (network) await this.cdp.send("Network.emulateNetworkConditions", { offline: false, ...network });
    await this.page.goto(url, { waitUntil: "commit", timeout: 60000 });
    return this.page;
  }
  // Resolves with the ready mark; with `focus`, also focuses the field that made the page
  // ready, in the same round trip, so a key can follow at once.
  async ready({ timeout = 180000, focus = false } = {}) {
    return poll(
      this.page,
      (focusField) => {
        const bench = window.__bench;
        if (!bench || !bench.marks.readyPainted) return false;
        if (focusField) bench.readyElement.focus();
        return bench.marks.readyPainted;
      },
      focus,
      { timeout, what: `${this.label} ready` },
    );
  }
  async errors() {
    return this.page.evaluate(() => (window.__bench ? window.__bench.errors : ["no probe"]));
  }
  async collectGarbage() {
    await this.cdp.send("HeapProfiler.collectGarbage");
    await this.cdp.send("HeapProfiler.collectGarbage");
  }
  async close() {
    if (this.context) await this.context.close().catch(() => {});
    this.context = null;
  }
}

// The same typing for every target: lower-case words and spaces.
const TEXT = "the chair records who is present and what each agency knows ";
const keyAt = (i) => (TEXT[i % TEXT.length] === " " ? "Space" : TEXT[i % TEXT.length]);

// ---------------------------------------------------------------- cold loads
// A 10 Mbit/s intranet: CDP's throttling of the page's network, 20 ms added to each
// request's latency, 10 Mbit/s each way (in bytes a second).
const INTRANET = { latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };
// The SurveyJS cold loads update the reason's value on every key (onTyping), as the widget's
// reason updates its record: the first key does the same work on both sides.
const COLD_TARGETS = [
  { id: "floor", label: "plain page with one <input> (the harness's own delay)", path: "bench/floor.html" },
  { id: "widget", label: "Risk Sensible, empty meeting", path: "bench/widget.html" },
  { id: "widget-large", label: "Risk Sensible, large meeting", path: "bench/widget.html?record=large" },
  { id: "minimal-yew", label: "the least Yew widget: one text box", path: "bench/minimal-yew.html" },
  { id: "minimal-record", label: "the least Yew widget keeping one field of the large meeting", path: "bench/minimal-record.html?record=large" },
  { id: "surveyjs-paged", label: "SurveyJS, large meeting, a page per stage, lists as carousels", path: "bench/surveyjs.html?layout=paged&mode=onTyping" },
  { id: "surveyjs-single", label: "SurveyJS, large meeting, one page rendered lazily, lists as carousels", path: "bench/surveyjs.html?layout=single&mode=onTyping" },
  { id: "widget-large-10mbit", label: "Risk Sensible, large meeting, 10 Mbit/s intranet", path: "bench/widget.html?record=large", network: INTRANET },
  { id: "surveyjs-paged-10mbit", label: "SurveyJS, a page per stage, 10 Mbit/s intranet", path: "bench/surveyjs.html?layout=paged&mode=onTyping", network: INTRANET },
];

async function coldLoad(browser, base, target) {
  const session = new Session(browser, target.id);
  try {
    const page = await session.open(base + target.path, { network: target.network ?? null });
    // Accepting input: the first key pressed once the page shows its field (the meeting's
    // reason on the widget and on SurveyJS), to the frame that shows it. The harness reacts
    // to the ready mark within one poll (20 ms) and two CDP round trips; the plain page
    // measures that delay.
    const { readyPainted, before } = await poll(
      page,
      () => {
        const bench = window.__bench;
        if (!bench || !bench.marks.readyPainted) return false;
        bench.readyElement.focus();
        const field = bench.readyElement;
        if (typeof field.setSelectionRange === "function") field.setSelectionRange(field.value.length, field.value.length);
        return { readyPainted: bench.marks.readyPainted, before: field.value.length };
      },
      null,
      { timeout: 180000, what: `${target.id} ready` },
    );
    await page.keyboard.press("x");
    const firstKey = await poll(page, () => window.__bench.firstKey && window.__bench.firstKey.painted && window.__bench.firstKey, null, {
      timeout: 120000,
      what: "first keystroke painted",
    });
    const marks = await page.evaluate(() => window.__bench.marks);
    // Proof that the first key did its work: the field grew by one, and on the widget and
    // SurveyJS the record (the survey's value) holds the field's text.
    const proof = await poll(
      page,
      () => {
        const field = window.__bench.readyElement;
        const out = { field: field.id, length: field.value.length, holds: null };
        if (window.__rs) out.holds = window.__rs.widget.record().meeting.reason === field.value;
        else if (window.__sj) out.holds = window.__sj.reason().value === field.value;
        return out.holds === false ? false : out;
      },
      null,
      { timeout: 10000, what: "the first key's change" },
    ).catch(() => null);
    if (!proof || proof.length !== before + 1) session.problems.push(`the first key did not land in the field (${before} -> ${proof?.length})`);
    // Chromium reports the first-input entry once it knows when the frame after the key was
    // presented, a frame or more after the harness sees that frame, so it is waited for (up
    // to 2 s).
    const firstInput = await poll(page, () => window.__bench.firstInput, null, { timeout: 2000, what: "the first-input entry" }).catch(
      () => null,
    );
    if (target.id === "minimal-record") {
      // The floor is only a floor if it did the widget's work for that key.
      const kept = await poll(page, () => window.__minimal && window.__minimal.changes > 0 && window.__minimal, null, {
        timeout: 10000,
        what: "the minimal widget's change event",
      }).catch(() => null);
      if (!kept || kept.lastReason.length !== kept.initialReason.length + 1) {
        session.problems.push("the minimal widget did not announce the typed key as a change");
      }
    }
    await session.collectGarbage();
    const memory = await page.evaluate(() =>
      window.__rs || window.__sj
        ? (window.__rs || window.__sj).memory()
        : { jsHeapBytes: performance.memory.usedJSHeapSize, domElements: document.getElementsByTagName("*").length },
    );
    const errors = await session.errors();
    return {
      readyPainted,
      interactive: firstKey.painted,
      firstKeyDown: firstKey.down,
      firstKeyField: proof?.field ?? null,
      firstKeyHolds: proof?.holds ?? null,
      firstInput,
      transfer: session.transfer,
      marks,
      memory,
      errors,
      problems: session.problems,
    };
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------- keystrokes
// Each row types into the same field on both sides (bench/README.md):
// - "action": the first action of 200, opened for change (the widget's "Change action 1";
//   SurveyJS's carousel on its Actions page, showing action 1), its task typed into, then
//   saved: the widget's "Save changes" (Enter on the button) against SurveyJS's blur (Tab);
// - "reason": the meeting's reason on the first stage / page 1, each key a change to the
//   record (the widget: the change, its draft and its event; SurveyJS onTyping: the value).
const KEY_TARGETS = [
  { id: "floor", field: "floor", label: "plain <input> (the method's floor)", path: "bench/floor.html" },
  { id: "widget", field: "action", label: "Risk Sensible, Actions (200): action 1 changed, then saved", path: "bench/widget.html?record=large" },
  { id: "widget-meeting", field: "reason", label: "Risk Sensible, the meeting's reason: each key changes the record", path: "bench/widget.html?record=large" },
  { id: "surveyjs-onBlur", field: "action", label: "SurveyJS, Actions page (carousel): action 1, onBlur (saved on blur)", path: "bench/surveyjs.html?layout=paged&mode=onBlur" },
  { id: "surveyjs-onTyping", field: "action", label: "SurveyJS, Actions page (carousel): action 1, onTyping", path: "bench/surveyjs.html?layout=paged&mode=onTyping" },
  { id: "surveyjs-meeting-onTyping", field: "reason", label: "SurveyJS, the meeting's reason (page 1), onTyping: each key updates the value", path: "bench/surveyjs.html?layout=paged&mode=onTyping" },
];

// Event Timing entries of the keys pressed in [from, to) (performance.now() stamps): per key
// (keydown interaction), its duration and the time in handlers of all its events (keydown,
// keypress, beforeinput, input, keyup) that the browser reported.
function eventTimingOf(events, from, to, keys) {
  const perKey = eventsByKey(events, from, to).map(({ down, events: related }) => ({ duration: down.duration, processing: handlerTime(related) }));
  return {
    keys,
    reported: perKey.length,
    over50: perKey.filter((k) => k.duration >= 50).length,
    durations: perKey.map((k) => k.duration),
    processing: perKey.map((k) => k.processing),
  };
}

async function keystrokes(browser, base, target, { keys, capS }) {
  const session = new Session(browser, target.id);
  try {
    const page = await session.open(base + target.path);
    await session.ready();
    const widget = target.id.startsWith("widget");
    const peer = target.id.startsWith("surveyjs");
    let fieldId = "field";
    let showLargest = null;
    let openItem = null;
    if (widget && target.field === "action") {
      showLargest = await page.evaluate(() => window.__rs.openStage("Actions"));
      const opened = await page.evaluate(() => window.__rs.changeAction(1));
      openItem = opened.ms;
      fieldId = opened.id;
    } else if (widget) {
      fieldId = await page.evaluate(() => document.querySelector('#meeting textarea[id$="-meeting-reason"]').id);
    } else if (peer && target.field === "action") {
      const shown = await page.evaluate(() => window.__sj.showActions());
      showLargest = shown.ms;
      fieldId = shown.id;
    } else if (peer) {
      fieldId = await page.evaluate(() => window.__sj.reason().id);
    }
    const before = await page.evaluate(async (id) => {
      const field = document.getElementById(id);
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
      await window.__bench.afterPaint();
      return {
        length: field.value.length,
        changes: window.__rs ? window.__rs.changes.count : null,
        draft: window.__rs ? window.__rs.draftLength() : null,
      };
    }, fieldId);
    // Ten keys to warm up, not measured.
    for (let i = 0; i < 10; i += 1) await page.keyboard.press(keyAt(i));
    const from = await page.evaluate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      window.__bench.keys = [];
      window.__bench.measuring = true;
      return performance.now();
    });
    const started = Date.now();
    let typed = 0;
    let capped = false;
    for (; typed < keys; typed += 1) {
      if (Date.now() - started > capS * 1000) {
        capped = true;
        break;
      }
      await page.keyboard.press(keyAt(10 + typed));
      const done = await page.evaluate((n) => window.__bench.waitKeys(n, 30000), typed + 1);
      if (done < typed + 1) throw new Error(`keystroke ${typed + 1} was not painted within 30 s`);
    }
    const samples = await page.evaluate(() => window.__bench.keys.slice());
    // Proof that the keys did their work: the field's text grew by every key pressed; where
    // each key changes the record, the record holds the typed text, the widget fired a change
    // event for every key and its stored draft (with its journal's changes) grew and holds
    // the text; SurveyJS onTyping's value
    // holds the typed text before the field loses focus.
    const after = await page.evaluate(
      ({ id, field }) => {
        const value = document.getElementById(id).value;
        const tail = JSON.stringify(value.slice(-30)).slice(1, -1);
        const out = { value, length: value.length, recordHolds: null, changes: null, draft: null, draftHolds: null, valueWhileTyping: null };
        if (window.__rs) {
          const record = window.__rs.widget.record();
          out.recordHolds = field === "reason" ? record.meeting.reason === value : record.actions[0].task === value;
          out.changes = window.__rs.changes.count;
          out.draft = window.__rs.draftLength();
          out.draftHolds = window.__rs.draftIncludes(tail);
        } else if (window.__sj) {
          out.valueWhileTyping = (field === "reason" ? window.__sj.reason().value : window.__sj.actionTaskValue()) === value;
        }
        return out;
      },
      { id: fieldId, field: target.field },
    );
    const grew = after.length - before.length;
    const to = await page.evaluate(() => performance.now());
    const events = await page.evaluate(() => window.__bench.events.slice());
    const eventTiming = eventTimingOf(events, from, to, typed);
    // Commit: the widget's action is saved with its "Save changes" button (focused first, not
    // timed; Enter on it is timed); everywhere else the key is Tab, out of the field (SurveyJS
    // onBlur saves the value here).
    await page.evaluate(() => {
      window.__bench.keys = [];
    });
    const commitHow = widget && target.field === "action" ? "Enter on \"Save changes\"" : "Tab";
    if (widget && target.field === "action") await page.evaluate(() => window.__rs.button("Save changes").focus());
    const commitFrom = await page.evaluate(() => performance.now());
    await page.keyboard.press(widget && target.field === "action" ? "Enter" : "Tab");
    await page.evaluate(() => window.__bench.waitKeys(1, 60000));
    const tabOut = await page.evaluate(() => window.__bench.keys[0] ?? null);
    await page.evaluate(() => {
      window.__bench.measuring = false;
    });
    await sleep(100);
    const commitEvents = eventTimingOf(await page.evaluate(() => window.__bench.events.slice()), commitFrom, Infinity, 1);
    // Proof that the commit saved the typed text.
    const saved = await page.evaluate(
      ({ field, value }) => {
        if (window.__rs) {
          const record = window.__rs.widget.record();
          return { holds: (field === "reason" ? record.meeting.reason : record.actions[0].task) === value, changes: window.__rs.changes.count };
        }
        if (window.__sj) return { holds: (field === "reason" ? window.__sj.reason().value : window.__sj.actionTaskValue()) === value, changes: null };
        return { holds: null, changes: null };
      },
      { field: target.field, value: after.value },
    );
    let memory = null;
    if (target.id !== "floor") {
      await session.collectGarbage();
      memory = await page.evaluate(() => (window.__rs || window.__sj).memory());
    }
    return {
      samples,
      typed,
      grew,
      recordHolds: after.recordHolds,
      changeEvents: after.changes === null ? null : after.changes - before.changes,
      draftGrew: after.draft === null ? null : after.draft - before.draft,
      draftHolds: after.draftHolds,
      capped,
      tabOut,
      commitHow,
      savedHolds: saved.holds,
      saveChangeEvents: saved.changes === null ? null : saved.changes - after.changes,
      showLargest,
      openItem,
      valueWhileTyping: after.valueWhileTyping,
      eventTiming,
      commitEventTiming: commitEvents,
      memory,
      errors: await session.errors(),
      problems: session.problems,
    };
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------- widget operations
const STAGES = ["Child and household", "Information shared", "Risks and owners", "Actions", "Dissent and escalation", "Attendance and reason"];

async function widgetOperations(browser, base) {
  const session = new Session(browser, "widget-ops");
  try {
    const page = await session.open(`${base}bench/widget.html`);
    await session.ready();
    await page.evaluate(async () => {
      window.__large = await fetch("data/large-meeting.json").then((r) => r.json());
      window.__small = await fetch("../sample-record.json").then((r) => r.json());
      window.__big = await fetch("data/record-1mb.json").then((r) => r.text());
    });
    // 1. The first load() of the large record on a fresh page, then memory after a GC.
    const firstLoad = await page.evaluate(() => window.__rs.timeLoad(window.__large));
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    await session.collectGarbage();
    const memory = await page.evaluate(() => window.__rs.memory());
    // 2. load() again, alternating with the small example so every load changes the record.
    const loads = [firstLoad];
    for (let i = 0; i < 4; i += 1) {
      await page.evaluate(() => window.__rs.timeLoad(window.__small));
      loads.push(await page.evaluate(() => window.__rs.timeLoad(window.__large)));
    }
    // 3. Switching stages on the large record, from the task list.
    const switches = [];
    for (let cycle = 0; cycle < 3; cycle += 1) {
      for (const title of STAGES) {
        switches.push({ title, ms: await page.evaluate((t) => window.__rs.openStage(t), title) });
      }
    }
    // 4. checkRecord (import + validate + digest) of the ~1 MB record: one warm-up call,
    //    then ten, each in its own task.
    const hasCheck = await page.evaluate(() => typeof window.__rs.checkRecord === "function");
    let checks = null;
    let check = null;
    if (hasCheck) {
      check = await page.evaluate(() => window.__rs.timeCheck(window.__big));
      checks = [];
      for (let i = 0; i < 10; i += 1) {
        checks.push(
          await page.evaluate(async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            return window.__rs.timeCheck(window.__big).ms;
          }),
        );
      }
    }
    const bytes = await page.evaluate(() => new TextEncoder().encode(window.__big).length);
    return { loads, memory, switches, checks, check, checkBytes: bytes, errors: await session.errors(), problems: session.problems };
  } finally {
    await session.close();
  }
}

// ---------------------------------------------------------------- the chair's scenario
// An ordinary meeting entered on the demo page from an empty record to a final one
// (bench/scenario.mjs): how many interactions and characters it takes. A count, not a time.
async function chairScenario(browser, base) {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    page.setDefaultTimeout(20000);
    await page.goto(`${base}index.html`);
    await page.waitForFunction(() => window.riskSensibleDemo && window.riskSensibleDemo.widget);
    const counts = await runScenario(page);
    const status = await page.evaluate(() => window.riskSensibleDemo.widget.record().meta.status);
    return { ...counts, status, errors };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- the run
async function main() {
  const args = parseArgs(process.argv.slice(2));
  const base = args.base.endsWith("/") ? args.base : `${args.base}/`;
  const config = (await import(join(root, "playwright.config.mjs"))).default;
  const launchArgs = [...config.use.launchOptions.args, "--enable-precise-memory-info"];
  const started = new Date();
  const load = [os.loadavg()];
  const log = (text) => process.stderr.write(`bench: ${text}\n`);

  const sizes = bundleSizes(args.site);
  const native = nativeFigures(args.native);
  const form = JSON.parse(readFileSync(join(args.site, "bench/data/surveyjs-large.json"), "utf8"));

  browser = await chromium.launch({
    executablePath: config.use.launchOptions.executablePath,
    args: launchArgs,
    timeout: 60000,
  });
  const chromiumVersion = browser.version();
  log(`Chromium ${chromiumVersion}; ${args.runs} cold loads per target, ${args.keyRuns} x ${args.keys} keystrokes per target; seed ${args.seed} (--seed ${args.seed} repeats this order)`);
  const random = generator(args.seed);
  const order = { cold: [], keys: [] };

  // Cold loads: one discarded warm-up per target, then rounds, each in a seeded random order.
  const cold = Object.fromEntries(COLD_TARGETS.map((t) => [t.id, []]));
  for (const target of shuffled(COLD_TARGETS, random)) {
    log(`warm-up load: ${target.id}`);
    await coldLoad(browser, base, target);
  }
  for (let r = 0; r < args.runs; r += 1) {
    const pass = shuffled(COLD_TARGETS, random);
    order.cold.push(pass.map((t) => t.id));
    for (const target of pass) {
      const result = await coldLoad(browser, base, target);
      cold[target.id].push(result);
      log(`cold ${r + 1}/${args.runs} ${target.id}: ready ${result.readyPainted.toFixed(0)} ms, interactive ${result.interactive.toFixed(0)} ms`);
    }
  }
  load.push(os.loadavg());

  // Keystroke sessions, each round in a seeded random order.
  const keys = Object.fromEntries(KEY_TARGETS.map((t) => [t.id, []]));
  for (let r = 0; r < args.keyRuns; r += 1) {
    const pass = shuffled(KEY_TARGETS, random);
    order.keys.push(pass.map((t) => t.id));
    for (const target of pass) {
      const t0 = Date.now();
      const result = await keystrokes(browser, base, target, { keys: args.keys, capS: args.keyCapS });
      keys[target.id].push(result);
      const s = summary(result.samples);
      log(`keys ${r + 1}/${args.keyRuns} ${target.id}: ${result.typed} keys, p50 ${s.median.toFixed(1)} p95 ${s.p95.toFixed(1)} max ${s.max.toFixed(1)} ms${result.capped ? " (time cap)" : ""} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  load.push(os.loadavg());

  // load(), stage switching, checkRecord, memory: fresh page per run.
  const ops = [];
  for (let r = 0; r < args.runs; r += 1) {
    const result = await widgetOperations(browser, base);
    ops.push(result);
    log(`widget ops ${r + 1}/${args.runs}: load ${result.loads[0].painted.toFixed(0)} ms, check ${result.checks ? summary(result.checks).median.toFixed(1) : "n/a"} ms`);
  }
  load.push(os.loadavg());
  const scenario = await chairScenario(browser, base);
  log(`chair's scenario: ${scenario.interactions} interactions (${scenario.moves} of them moves to a control), ${scenario.characters} characters typed`);
  await browser.close();
  browser = null;

  // ------------------------------------------------------------ figures
  const coldFig = Object.fromEntries(
    Object.entries(cold).map(([id, runs]) => [
      id,
      {
        rendered: summary(runs.map((r) => r.readyPainted)),
        interactive: summary(runs.map((r) => r.interactive)),
        jsHeapBytes: summary(runs.map((r) => r.memory.jsHeapBytes)),
        wasmBytes: summary(runs.map((r) => r.memory.wasmBytes)),
        // All the memory the page holds for its form: JS heap, plus the wasm linear memory
        // where there is one.
        totalBytes: summary(runs.map((r) => (r.memory.jsHeapBytes ?? 0) + (r.memory.wasmBytes ?? 0))),
        domElements: summary(runs.map((r) => r.memory.domElements)),
        network: COLD_TARGETS.find((t) => t.id === id).network ?? "loopback",
        // What was sent: bytes as transferred (compressed), protocols, encodings (last load).
        transferBytes: summary(runs.map((r) => r.transfer.bytes)),
        protocols: runs[runs.length - 1].transfer.protocols,
        encodings: runs[runs.length - 1].transfer.encodings,
        // The first key: the field it went into and whether the record (the survey's value)
        // held the field's text after it; the Event Timing API's first-input entry.
        firstKeyField: runs[0].firstKeyField,
        firstKeyHolds: runs.every((r) => r.firstKeyHolds !== false) ? runs[0].firstKeyHolds : false,
        firstInput: {
          n: runs.filter((r) => r.firstInput).length,
          duration: summary(runs.map((r) => r.firstInput?.duration)),
          processing: summary(runs.map((r) => r.firstInput?.processing)),
        },
        marks: Object.fromEntries(
          Object.keys(runs[0].marks).map((mark) => [mark, summary(runs.map((r) => r.marks[mark]))]),
        ),
      },
    ]),
  );
  const keyFig = Object.fromEntries(
    Object.entries(keys).map(([id, runs]) => [
      id,
      {
        keystrokes: runs.reduce((n, r) => n + r.samples.length, 0),
        capped: runs.some((r) => r.capped),
        ms: summary(runs.flatMap((r) => r.samples)),
        p95PerRun: runs.map((r) => round(quantile(r.samples, 0.95), 2)),
        tabOut: summary(runs.map((r) => r.tabOut)),
        // What `tabOut` timed: Tab out of the field, or the widget's "Save changes".
        commit: runs[0].commitHow,
        field: KEY_TARGETS.find((t) => t.id === id).field,
        showLargest: summary(runs.map((r) => r.showLargest)),
        openItem: summary(runs.map((r) => r.openItem)),
        valueWhileTyping: runs.every((r) => r.valueWhileTyping === runs[0].valueWhileTyping) ? runs[0].valueWhileTyping : false,
        // After the commit, the record (the survey's value) holds the typed text.
        savedHolds: runs.every((r) => r.savedHolds === runs[0].savedHolds) ? runs[0].savedHolds : false,
        saveChangeEvents: runs.map((r) => r.saveChangeEvents),
        // Per session, where each key changes the widget's record: change events fired and
        // how much the stored draft grew, and whether it holds the typed text.
        changeEvents: runs.map((r) => r.changeEvents),
        draftGrew: runs.map((r) => r.draftGrew),
        draftHolds: runs.every((r) => r.draftHolds === runs[0].draftHolds) ? runs[0].draftHolds : false,
        // The Event Timing API on the same keys: reported only for keys of 16 ms or more.
        eventTiming: {
          threshold: 16,
          keys: runs.reduce((n, r) => n + r.eventTiming.keys, 0),
          reported: runs.reduce((n, r) => n + r.eventTiming.reported, 0),
          over50: runs.reduce((n, r) => n + r.eventTiming.over50, 0),
          duration: summary(runs.flatMap((r) => r.eventTiming.durations)),
          processing: summary(runs.flatMap((r) => r.eventTiming.processing)),
          commitDuration: summary(runs.flatMap((r) => r.commitEventTiming.durations)),
          commitProcessing: summary(runs.flatMap((r) => r.commitEventTiming.processing)),
        },
        // Per session: keys pressed (10 to warm up, then those measured) and what the field
        // grew by; and, where each key changes the record, whether the record held the text.
        pressed: runs.map((r) => 10 + r.typed),
        grew: runs.map((r) => r.grew),
        recordHolds: runs.every((r) => r.recordHolds === runs[0].recordHolds) ? runs[0].recordHolds : false,
        jsHeapBytes: summary(runs.map((r) => r.memory && r.memory.jsHeapBytes)),
        wasmBytes: summary(runs.map((r) => r.memory && r.memory.wasmBytes)),
        totalBytes: summary(runs.map((r) => r.memory && (r.memory.jsHeapBytes ?? 0) + (r.memory.wasmBytes ?? 0))),
        domElements: summary(runs.map((r) => r.memory && r.memory.domElements)),
      },
    ]),
  );
  const allSwitches = ops.flatMap((o) => o.switches);
  const opsFig = {
    load: {
      painted: summary(ops.flatMap((o) => o.loads.map((l) => l.painted))),
      call: summary(ops.flatMap((o) => o.loads.map((l) => l.call))),
      firstPainted: summary(ops.map((o) => o.loads[0].painted)),
    },
    switchStage: {
      all: summary(allSwitches.map((s) => s.ms)),
      byStage: Object.fromEntries(STAGES.map((t) => [t, summary(allSwitches.filter((s) => s.title === t).map((s) => s.ms))])),
    },
    check: ops[0].checks
      ? {
          bytes: ops[0].checkBytes,
          ms: summary(ops.flatMap((o) => o.checks)),
          findings: ops[0].check.findings,
          digest: ops[0].check.digest,
        }
      : null,
    memory: {
      wasmBytes: summary(ops.map((o) => o.memory.wasmBytes)),
      jsHeapBytes: summary(ops.map((o) => o.memory.jsHeapBytes)),
      domElements: summary(ops.map((o) => o.memory.domElements)),
    },
  };

  const problems = {};
  const addProblems = (id, list) => {
    for (const p of list) {
      problems[id] ??= {};
      problems[id][p] = (problems[id][p] ?? 0) + 1;
    }
  };
  for (const [id, runs] of Object.entries(cold)) runs.forEach((r) => addProblems(`cold ${id}`, [...r.errors, ...r.problems]));
  for (const [id, runs] of Object.entries(keys)) runs.forEach((r) => addProblems(`keys ${id}`, [...r.errors, ...r.problems]));
  ops.forEach((o) => addProblems("widget ops", [...o.errors, ...o.problems]));
  addProblems("chair's scenario", scenario.errors);

  const surveyVersion = JSON.parse(readFileSync(join(root, "node_modules/survey-core/package.json"), "utf8")).version;
  const results = {
    generated: started.toISOString(),
    command: args.check ? `scripts/bench.sh --check (seed ${args.seed})` : `scripts/bench.sh --runs ${args.runs} --keys ${args.keys} --key-runs ${args.keyRuns} --seed ${args.seed}`,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0] ? os.cpus()[0].model : null,
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
      loadAverage1m: load.map((l) => round(l[0], 2)),
      chromium: chromiumVersion,
      chromiumFlags: launchArgs,
      node: process.version,
    },
    peer: {
      name: "SurveyJS",
      packages: { "survey-core": surveyVersion, "survey-js-ui": surveyVersion },
      questions: form.questions,
      items: form.items,
      pages: form.json.pages.length,
    },
    settings: { runs: args.runs, keys: args.keys, keyRuns: args.keyRuns, keyCapSeconds: args.keyCapS, seed: args.seed, order },
    // How the pages were served (bench/serve.mjs) and the throttled profile.
    serving: { server: process.env.RS_BENCH_SERVER || "unknown", intranet: INTRANET },
    sizes,
    cold: coldFig,
    keystrokes: keyFig,
    widget: opsFig,
    scenario: { interactions: scenario.interactions, moves: scenario.moves, characters: scenario.characters, finalised: scenario.status === "final" },
    native,
    problems,
  };
  results.budgets = budgets(results);
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(table(results));
  log(`figures written to ${args.out}`);
  if (args.check) {
    const failures = selfCheck(results, args);
    if (failures.length) {
      log(`check: ${failures.length} problem(s):`);
      for (const failure of failures) log(`  ${failure}`);
      throw new Error("the benchmark did not produce every figure (see above)");
    }
    log("check: every figure was produced and no page reported a problem (no figure is compared with a limit)");
  }
}

// ---------------------------------------------------------------- --check
// What must be true of any complete run, whatever the machine's speed: every figure is a
// number, every keystroke typed was painted and landed (each field grew by every key
// pressed; on the reason field the record holds the typed text), the 1 MB check returned a
// digest, and no page of ours logged an error. SurveyJS's own console report (an inline style its icon sprite
// sets, refused by the page's CSP) is the peer's and is allowed.
const PEER_CSP_REPORT = "Applying inline style violates the following Content Security Policy directive";
function selfCheck(r, args) {
  const failures = [];
  const need = (what, value) => {
    if (typeof value !== "number" || !Number.isFinite(value)) failures.push(`no figure: ${what}`);
  };
  for (const part of ["wasm", "js", "css", "total"]) {
    need(`Risk Sensible ${part}, gzip`, r.sizes.ours[part]?.gzip);
    need(`Risk Sensible ${part}, brotli`, r.sizes.ours[part]?.brotli);
  }
  for (const part of ["js", "css", "total"]) need(`SurveyJS ${part}, gzip`, r.sizes.peer[part]?.gzip);
  for (const variant of ["yew", "record"]) need(`the least Yew widget (${variant}), gzip`, r.sizes.minimal?.[variant]?.total?.gzip);
  for (const target of COLD_TARGETS) {
    need(`cold load ${target.id}, first paint`, r.cold[target.id]?.rendered?.median);
    need(`cold load ${target.id}, interactive`, r.cold[target.id]?.interactive?.median);
  }
  for (const target of KEY_TARGETS) {
    const k = r.keystrokes[target.id];
    if (k?.keystrokes !== args.keys * args.keyRuns) {
      failures.push(`keystrokes ${target.id}: ${k?.keystrokes ?? 0} of ${args.keys * args.keyRuns} painted${k?.capped ? " (time cap)" : ""}`);
    }
    need(`keystrokes ${target.id}, p95`, k?.ms?.p95);
    need(`keystrokes ${target.id}, tab out`, k?.tabOut?.median);
  }
  for (const target of KEY_TARGETS) {
    const k = r.keystrokes[target.id];
    if (!k || JSON.stringify(k.grew) !== JSON.stringify(k.pressed)) {
      failures.push(`keystrokes ${target.id}: the field grew by ${JSON.stringify(k?.grew)} for ${JSON.stringify(k?.pressed)} keys pressed: the keys did not all land`);
    }
    if (k && k.eventTiming?.keys !== k.keystrokes) failures.push(`keystrokes ${target.id}: Event Timing covered ${k.eventTiming?.keys} of ${k.keystrokes} keys`);
  }
  const wm = r.keystrokes["widget-meeting"];
  if (wm?.recordHolds !== true) {
    failures.push("widget-meeting: the record does not hold the typed reason: each key did not change the record");
  }
  if (!wm || JSON.stringify(wm.changeEvents) !== JSON.stringify(wm.pressed)) {
    failures.push(`widget-meeting: ${JSON.stringify(wm?.changeEvents)} change events for ${JSON.stringify(wm?.pressed)} keys pressed`);
  }
  if (!wm || !wm.draftGrew.every((n) => n > 0) || wm.draftHolds !== true) {
    failures.push(`widget-meeting: the draft did not grow with the typed text (grew ${JSON.stringify(wm?.draftGrew)}, holds it: ${wm?.draftHolds})`);
  }
  const wa = r.keystrokes.widget;
  if (wa?.savedHolds !== true || !wa.saveChangeEvents.every((n) => n === 1)) {
    failures.push(`widget (Actions): "Save changes" did not save action 1's typed text as one change (holds: ${wa?.savedHolds}, change events ${JSON.stringify(wa?.saveChangeEvents)})`);
  }
  if (r.keystrokes["surveyjs-onBlur"]?.savedHolds !== true) {
    failures.push("SurveyJS onBlur: its value does not hold the typed text after the blur: the save was not measured");
  }
  for (const id of ["surveyjs-onTyping", "surveyjs-meeting-onTyping"]) {
    if (r.keystrokes[id]?.valueWhileTyping !== true) {
      failures.push(`${id}: SurveyJS did not hold the typed text in its model while typing: the peer was not measured doing that work`);
    }
  }
  for (const target of COLD_TARGETS) {
    const c = r.cold[target.id];
    if (target.id.startsWith("widget") || target.id.startsWith("surveyjs")) {
      if (!/reason/.test(String(c?.firstKeyField)) && !(target.id.startsWith("surveyjs") && c?.firstKeyField)) {
        failures.push(`cold load ${target.id}: the first key went into ${c?.firstKeyField}, not the meeting's reason`);
      }
      if (c?.firstKeyHolds !== true) failures.push(`cold load ${target.id}: the record does not hold the first key`);
    }
    if (!c?.transferBytes?.median) failures.push(`cold load ${target.id}: no bytes transferred were counted`);
  }
  const ci = medianCI([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  if (!ci || ci.low !== 2 || ci.high !== 9 || ci.level < 0.95) failures.push(`the median's confidence interval is wrong: ${JSON.stringify(ci)}`);
  const w = r.widget;
  need("load() of the large record, first", w.load.firstPainted?.median);
  need("load() of the large record, call", w.load.call?.median);
  for (const stage of STAGES) need(`switch to ${stage}`, w.switchStage.byStage[stage]?.median);
  need("1 MB import + validate + digest, browser", w.check?.ms?.median);
  if (w.check && !/^sha256:[0-9a-f]{64}$/.test(String(w.check.digest))) failures.push(`1 MB check: no digest (${w.check.digest})`);
  need("1 MB import + validate + digest, native", r.native?.ms?.median);
  need("wasm memory after load()", w.memory.wasmBytes?.median);
  need("JS heap after load()", w.memory.jsHeapBytes?.median);
  need("wasm + JS heap, cold load of the large meeting", r.cold["widget-large"]?.wasmBytes?.median);
  need("chair's scenario, interactions", r.scenario?.interactions);
  if (r.scenario && !r.scenario.finalised) failures.push("chair's scenario: the record was not finalised");
  for (const budget of r.budgets) { need(`budget: ${budget.name}`, budget.value); need(`budget: ${budget.name} (its limit)`, budget.limit); }
  for (const [id, map] of Object.entries(r.problems)) {
    for (const problem of Object.keys(map)) {
      if (!(id.includes("surveyjs") && problem.includes(PEER_CSP_REPORT))) failures.push(`${id}: ${problem}`);
    }
  }
  return failures;
}

// ---------------------------------------------------------------- budgets and table
function budgets(r) {
  const list = [];
  const add = (name, value, limit, unit, detail) =>
    list.push({ name, value: round(value, 2), limit: round(limit, 2), unit, pass: value !== null && limit !== null && value <= limit, detail });
  const kib = (bytes) => (bytes === null || bytes === undefined ? null : bytes / 1024);
  const least = r.sizes.minimal?.record?.total?.gzip;
  add("The meeting widget as a host loads it (wasm + JS + CSS), gzip -9", kib(r.sizes.ours.total.gzip), 380, "KiB",
    `brotli ${round(kib(r.sizes.ours.total.brotli), 1)} KiB; SurveyJS ${round(kib(r.sizes.peer.total.gzip), 1)} KiB${least ? `; the least Yew widget keeping one field of the record: ${round(kib(least), 1)} KiB` : ""}`);
  for (const [ours, theirs, where] of [["widget-large", "surveyjs-paged", "loopback"], ["widget-large-10mbit", "surveyjs-paged-10mbit", "10 Mbit/s, 20 ms"]]) {
    const a = r.cold[ours]?.interactive?.median ?? null;
    const b = r.cold[theirs]?.interactive?.median ?? null;
    add(`Cold load of the large meeting to interactive <= 0.5x SurveyJS's paged form, ${where}`, a !== null && b ? a / b : null, 0.5, "x", `${round(a, 0)} ms vs ${round(b, 0)} ms, first key into the reason on both`);
  }
  const key = r.keystrokes["widget-meeting"];
  const peerKey = r.keystrokes["surveyjs-meeting-onTyping"];
  add("Keystroke -> paint p95 on the meeting's reason (each key updates the record) <= SurveyJS onTyping's on the same field", key?.ms?.p95 ?? null, peerKey?.ms?.p95 ?? null, "ms",
    `floor in the same run: p95 ${round(r.keystrokes.floor?.ms?.p95, 1)} ms`);
  add("Input handling p95 on the meeting's reason (Event Timing processing)", key?.eventTiming?.processing?.p95 ?? null, 4, "ms",
    `${key?.eventTiming?.reported ?? 0} of ${key?.eventTiming?.keys ?? 0} keys reported (Event Timing sees keys of 16 ms or more); SurveyJS onTyping ${round(peerKey?.eventTiming?.processing?.p95, 1)} ms`);
  add("1 MB import + validate + digest, browser", r.widget.check?.ms?.median ?? null, 20, "ms", r.widget.check ? `${r.widget.check.bytes} bytes` : "checkRecord not exported");
  return list;
}

function table(r) {
  const kib = (bytes) => (bytes === null || bytes === undefined ? "–" : `${(bytes / 1024).toFixed(1)} KiB`);
  const mib = (bytes) => (bytes === null || bytes === undefined ? "–" : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
  const ms = (s, key = "median") => (s && s[key] !== null && s[key] !== undefined ? `${s[key].toFixed(s[key] < 100 ? 1 : 0)} ms` : "–");
  const ci = (s) => (s && s.ci95 ? `; CI ${s.ci95.low.toFixed(s.ci95.low < 100 ? 1 : 0)}–${s.ci95.high.toFixed(s.ci95.high < 100 ? 1 : 0)}` : "");
  const range = (s) => (s ? `${ms(s)} (${s.min.toFixed(0)}–${s.max.toFixed(0)}${ci(s)})` : "–");
  const pcts = (s) => (s ? `${s.median.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.max.toFixed(0)} ms${ci(s)}` : "–");
  // Event Timing: keys the browser reported (>= 16 ms) of those pressed, and their p50.
  const et = (k) => (k?.eventTiming ? `${k.eventTiming.reported}/${k.eventTiming.keys} keys >= 16 ms${k.eventTiming.duration ? `, p50 ${k.eventTiming.duration.median.toFixed(0)} ms (handlers ${k.eventTiming.processing.median.toFixed(1)} ms)` : ""}` : "–");
  const ratio = (a, b) => (a === null || a === undefined || !b ? "–" : `${(a / b).toFixed(2)}×`);
  const rows = [];
  const section = (title) => rows.push([title]);
  const row = (figure, ours, peer = "", ratioText = "") => rows.push([figure, ours, peer, ratioText]);

  const so = r.sizes.ours;
  const sp = r.sizes.peer;
  section("Bundle (each file compressed on its own: gzip -9 / brotli 11)");
  row("wasm", `${kib(so.wasm.gzip)} / ${kib(so.wasm.brotli)}`, "–");
  row("JavaScript", `${kib(so.js.gzip)} / ${kib(so.js.brotli)}`, `${kib(sp.js.gzip)} / ${kib(sp.js.brotli)}`, ratio(so.js.gzip, sp.js.gzip));
  row("CSS", `${kib(so.css.gzip)} / ${kib(so.css.brotli)}`, `${kib(sp.css.gzip)} / ${kib(sp.css.brotli)}`, ratio(so.css.gzip, sp.css.gzip));
  row("total, gzip", kib(so.total.gzip), kib(sp.total.gzip), ratio(so.total.gzip, sp.total.gzip));
  row("total, brotli", kib(so.total.brotli), kib(sp.total.brotli), ratio(so.total.brotli, sp.total.brotli));

  const c = r.cold;
  section(`Cold load, ms from navigation start, median (min–max; 95% CI of the median) of ${r.settings.runs}; precompressed, HTTP/1.1, loopback`);
  row("plain page, one <input>: the harness's own delay", `${range(c.floor.rendered)} / ${range(c.floor.interactive)}`, "", "");
  row("first stage painted: empty meeting", range(c.widget.rendered), "", "");
  row("interactive: empty meeting", range(c.widget.interactive), "", "");
  row("first stage painted vs SurveyJS a page per stage", range(c["widget-large"].rendered), range(c["surveyjs-paged"].rendered), ratio(c["widget-large"].rendered?.median, c["surveyjs-paged"].rendered?.median));
  row("interactive vs SurveyJS a page per stage", range(c["widget-large"].interactive), range(c["surveyjs-paged"].interactive), ratio(c["widget-large"].interactive?.median, c["surveyjs-paged"].interactive?.median));
  row("interactive vs SurveyJS one page, rendered lazily", range(c["widget-large"].interactive), range(c["surveyjs-single"].interactive), ratio(c["widget-large"].interactive?.median, c["surveyjs-single"].interactive?.median));
  row("bytes transferred, cold load of the large meeting", kib(c["widget-large"].transferBytes?.median), kib(c["surveyjs-paged"].transferBytes?.median), ratio(c["widget-large"].transferBytes?.median, c["surveyjs-paged"].transferBytes?.median));
  if (c["widget-large-10mbit"] && c["surveyjs-paged-10mbit"]) {
    row("10 Mbit/s intranet, 20 ms: first stage painted", range(c["widget-large-10mbit"].rendered), range(c["surveyjs-paged-10mbit"].rendered), ratio(c["widget-large-10mbit"].rendered?.median, c["surveyjs-paged-10mbit"].rendered?.median));
    row("10 Mbit/s intranet, 20 ms: interactive", range(c["widget-large-10mbit"].interactive), range(c["surveyjs-paged-10mbit"].interactive), ratio(c["widget-large-10mbit"].interactive?.median, c["surveyjs-paged-10mbit"].interactive?.median));
  }
  row("first key (into the reason): Event Timing first-input, duration", ms(c["widget-large"].firstInput?.duration), ms(c["surveyjs-paged"].firstInput?.duration), ratio(c["widget-large"].firstInput?.duration?.median, c["surveyjs-paged"].firstInput?.duration?.median));

  const sm = r.sizes.minimal || {};
  if (sm.yew && sm.record && c["minimal-yew"] && c["minimal-record"]) {
    section("What the budgets leave: the least Yew widget (bench/minimal), same profile, same run");
    const share = (bytes) => `${((100 * bytes) / (380 * 1024)).toFixed(0)}% of the 380 KiB budget`;
    row("Yew alone, one text box: wasm + JS, gzip", kib(sm.yew.total.gzip), "", share(sm.yew.total.gzip));
    row("one field of the record kept as the widget keeps it: wasm + JS, gzip", kib(sm.record.total.gzip), "", share(sm.record.total.gzip));
    row("interactive: Yew alone vs SurveyJS a page per stage", range(c["minimal-yew"].interactive), range(c["surveyjs-paged"].interactive), ratio(c["minimal-yew"].interactive?.median, c["surveyjs-paged"].interactive?.median));
    row("interactive: one field of the large meeting vs SurveyJS", range(c["minimal-record"].interactive), range(c["surveyjs-paged"].interactive), ratio(c["minimal-record"].interactive?.median, c["surveyjs-paged"].interactive?.median));
  }

  const k = r.keystrokes;
  const sessions = r.settings.keyRuns;
  section(`Keystroke -> next paint, p50 / p95 / max (95% CI of the median), ${sessions} session(s) per row`);
  row(`plain <input>: the method's floor (n=${k.floor.keystrokes})`, pcts(k.floor.ms), "", "");
  row(`Actions (200), action 1 changed, text kept until saved, vs SurveyJS onBlur (n=${k.widget.keystrokes} / ${k["surveyjs-onBlur"].keystrokes})`, pcts(k.widget.ms), pcts(k["surveyjs-onBlur"].ms), `p95 ${ratio(k.widget.ms?.p95, k["surveyjs-onBlur"].ms?.p95)}`);
  row("  save it: the widget's \"Save changes\" vs SurveyJS's blur (Tab) -> paint", ms(k.widget.tabOut), ms(k["surveyjs-onBlur"].tabOut), ratio(k.widget.tabOut?.median, k["surveyjs-onBlur"].tabOut?.median));
  row("  Event Timing, the same keys", et(k.widget), et(k["surveyjs-onBlur"]), "");
  if (k["widget-meeting"] && k["surveyjs-meeting-onTyping"]) {
    row(`The meeting's reason, each key updates the record, vs SurveyJS onTyping on it (n=${k["widget-meeting"].keystrokes} / ${k["surveyjs-meeting-onTyping"].keystrokes})`, pcts(k["widget-meeting"].ms), pcts(k["surveyjs-meeting-onTyping"].ms), `p95 ${ratio(k["widget-meeting"].ms?.p95, k["surveyjs-meeting-onTyping"].ms?.p95)}`);
    row("  Event Timing, the same keys", et(k["widget-meeting"]), et(k["surveyjs-meeting-onTyping"]), "");
  }
  row(`SurveyJS onTyping on action 1 (its value per key on its Actions page; the widget's form keeps the text until saved) (n=${k["surveyjs-onTyping"].keystrokes}${k["surveyjs-onTyping"].capped ? ", time cap" : ""})`, "", pcts(k["surveyjs-onTyping"].ms), "");
  row("  Event Timing, the same keys", "", et(k["surveyjs-onTyping"]), "");
  row("Event Timing, the plain <input>", et(k.floor), "", "");

  const w = r.widget;
  section("The large meeting in the widget, median / p95 / max");
  row(`load() to next paint, first on a fresh page (n=${w.load.firstPainted.n})`, range(w.load.firstPainted), "", "");
  row(`load() to next paint, every load (n=${w.load.painted.n}; the call alone ${ms(w.load.call)})`, pcts(w.load.painted), "", "");
  row(`switch stage from the task list (n=${w.switchStage.all.n})`, pcts(w.switchStage.all), "", "");
  row("open the largest stage (Actions) vs SurveyJS page (carousel)", ms(w.switchStage.byStage.Actions), ms(k["surveyjs-onBlur"].showLargest), ratio(w.switchStage.byStage.Actions?.median, k["surveyjs-onBlur"].showLargest?.median));
  row("open action 1 for change (\"Change action 1\" -> its text in the form)", ms(k.widget.openItem), "shown with the page", "");
  if (w.check) {
    row(`import + validate + digest, ${(w.check.bytes / 1e6).toFixed(2)} MB, browser (n=${w.check.ms.n})`, pcts(w.check.ms), "", "");
  } else {
    row("import + validate + digest, browser", "n/a: checkRecord is not exported by this build", "", "");
  }
  if (r.native) row(`the same natively (criterion, n=${r.native.ms.n} samples)`, pcts(r.native.ms), "", w.check ? `browser ${ratio(w.check.ms.median, r.native.ms.median)}` : "");
  else row("the same natively", "n/a: no criterion results", "", "");

  section("Memory after GC");
  row("wasm linear memory, large record loaded", mib(w.memory.wasmBytes?.median), "–", "");
  row("JS heap, large record loaded", mib(w.memory.jsHeapBytes?.median), "", "");
  row("JS heap, cold load of the large meeting", mib(c["widget-large"].jsHeapBytes?.median), `${mib(c["surveyjs-paged"].jsHeapBytes?.median)} paged / ${mib(c["surveyjs-single"].jsHeapBytes?.median)} one page`, ratio(c["widget-large"].jsHeapBytes?.median, c["surveyjs-paged"].jsHeapBytes?.median) + " paged");
  row("wasm + JS heap, cold load of the large meeting", mib(c["widget-large"].totalBytes?.median), `${mib(c["surveyjs-paged"].totalBytes?.median)} paged`, ratio(c["widget-large"].totalBytes?.median, c["surveyjs-paged"].totalBytes?.median) + " paged");
  row("DOM elements, cold load of the large meeting", String(c["widget-large"].domElements?.median ?? "–"), `${c["surveyjs-paged"].domElements?.median ?? "–"} paged / ${c["surveyjs-single"].domElements?.median ?? "–"} one page`, "");
  row("JS heap, Actions shown", mib(k.widget.jsHeapBytes?.median), mib(k["surveyjs-onBlur"].jsHeapBytes?.median), ratio(k.widget.jsHeapBytes?.median, k["surveyjs-onBlur"].jsHeapBytes?.median));
  row("wasm + JS heap, Actions shown", mib((k.widget.jsHeapBytes?.median ?? 0) + (k.widget.wasmBytes?.median ?? 0)), mib(k["surveyjs-onBlur"].jsHeapBytes?.median), ratio((k.widget.jsHeapBytes?.median ?? 0) + (k.widget.wasmBytes?.median ?? 0), k["surveyjs-onBlur"].jsHeapBytes?.median));
  row("DOM elements, Actions shown", String(k.widget.domElements?.median ?? "–"), String(k["surveyjs-onBlur"].domElements?.median ?? "–"), ratio(k.widget.domElements?.median, k["surveyjs-onBlur"].domElements?.median));

  if (r.scenario) {
    section("The chair's scenario (bench/scenario.mjs): an ordinary meeting, empty record to final, on the demo page");
    row("interactions (fills, choices, clicks, keys, ticks)", String(r.scenario.interactions), "–", "");
    row("  of which moves to a control (a click or Tab)", String(r.scenario.moves), "–", "");
    row("characters typed", String(r.scenario.characters), "–", "");
  }

  const widths = [0, 0, 0, 0];
  for (const cells of rows) if (cells.length > 1) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i], String(cell).length)));
  const head = ["figure", "Risk Sensible", `SurveyJS ${r.peer.packages["survey-core"]}`, "ratio"];
  head.forEach((cell, i) => (widths[i] = Math.max(widths[i], cell.length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join("  ").trimEnd();
  const out = [];
  out.push("");
  out.push(line(head));
  out.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const cells of rows) out.push(cells.length === 1 ? `\n${cells[0]}` : line(cells));
  out.push("");
  out.push("Budgets");
  for (const b of r.budgets) {
    const verdict = b.value === null || b.limit === null ? "NOT MEASURED" : b.pass ? "met" : `MISSED by ${(b.value - b.limit).toFixed(2)} ${b.unit} (${(b.value / b.limit).toFixed(2)}× the budget)`;
    out.push(`  ${b.name}: ${b.value ?? "–"} ${b.unit} (budget ${b.limit} ${b.unit}; ${b.detail}): ${verdict}`);
  }
  const m = r.machine;
  out.push("");
  out.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; Chromium ${m.chromium} headless; Node ${m.node}; 1-minute load average ${m.loadAverage1m.join(" → ")}`);
  const served = r.cold["widget-large"];
  out.push(`Served by ${r.serving.server}: ${Object.entries(served.protocols ?? {}).map(([p, n]) => `${p} ×${n}`).join(", ")}; encodings ${Object.entries(served.encodings ?? {}).map(([p, n]) => `${p} ×${n}`).join(", ")}; order: seed ${r.settings.seed}`);
  out.push(`Peer: SurveyJS ${r.peer.packages["survey-core"]}, ${r.peer.questions} questions in ${r.peer.pages} pages, items ${Object.entries(r.peer.items).map(([key, n]) => `${key} ${n}`).join(", ")}`);
  const problemLines = Object.entries(r.problems).flatMap(([id, map]) => Object.entries(map).map(([p, n]) => `  ${id}: ${p}${n > 1 ? ` (×${n})` : ""}`));
  if (problemLines.length) {
    out.push("Console errors and page problems seen:");
    out.push(...problemLines);
  }
  out.push("");
  return out.join("\n");
}

// A hard limit on the whole run, so a stuck page can never leave Chromium behind.
const WATCHDOG_MS = Number(process.env.RS_BENCH_TIMEOUT_S || 1800) * 1000;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: gave up after ${WATCHDOG_MS / 1000} s\n`);
  process.kill(process.pid, "SIGTERM");
}, WATCHDOG_MS);
watchdog.unref();

main().then(
  () => shutdown(0),
  (error) => {
    process.stderr.write(`bench: ${error.stack || error}\n`);
    shutdown(1);
  },
);

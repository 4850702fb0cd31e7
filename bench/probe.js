// The benchmark's in-page probe, loaded first (a classic script, so it runs before any
// module) on every bench page: the widget, the SurveyJS peer and the plain-input floor.
// It stamps times with performance.now(), whose zero is the navigation start, and leaves
// them on window.__bench for bench/run.mjs to read with page.evaluate (a strict CSP makes
// Playwright's waitForFunction fail, so the harness polls). It is an external file because
// the pages' Content-Security-Policy refuses inline scripts.
"use strict";
(() => {
  // "Painted": the next animation frame, then a task after it. With software rendering at
  // 60 Hz this cannot go below about one frame even for a page that does nothing; the
  // floor page measures exactly that.
  const afterPaint = () =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  const bench = {
    marks: {}, // name -> ms since navigation start
    keys: [], // keystroke -> next paint, ms, while `measuring` is true
    measuring: false,
    firstKey: null, // {down, painted}: the first keystroke after the page became ready
    errors: [],
    afterPaint,
    mark(name) {
      this.marks[name] = performance.now();
      return this.marks[name];
    },
    // Resolves once `count` keystrokes have been measured (or after `timeout` ms).
    async waitKeys(count, timeout = 10000) {
      const until = performance.now() + timeout;
      while (this.keys.length < count && performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return this.keys.length;
    },
    // Resolves when `selector` matches, then after the frame that shows it: `name` gets the
    // time the element was first seen in a frame and `name + "Painted"` the time after it.
    async whenShown(selector, name, timeout = 60000) {
      const until = performance.now() + timeout;
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (document.querySelector(selector)) break;
        if (performance.now() > until) throw new Error(`${selector} not shown in ${timeout} ms`);
      }
      this.mark(name);
      if (name === "ready") this.readyElement = document.querySelector(selector);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return this.mark(`${name}Painted`);
    },
  };
  window.__bench = bench;

  // The Event Timing API beside key-to-paint: the browser's own account of each input event
  // (from the key's hardware time stamp to the paint after its handlers ran, and the time in
  // the handlers). Chromium reports an event only if it took 16 ms or more (the least
  // `durationThreshold` it allows) and rounds durations to 8 ms; `first-input` is reported
  // whatever its duration.
  bench.events = [];
  bench.firstInput = null;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.events.push({
          name: e.name,
          startTime: e.startTime,
          duration: e.duration,
          processing: e.processingEnd - e.processingStart,
          processingStart: e.processingStart,
          processingEnd: e.processingEnd,
          interactionId: e.interactionId || 0,
        });
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true });
    new PerformanceObserver((list) => {
      const e = list.getEntries()[0];
      if (e && !bench.firstInput) {
        bench.firstInput = { name: e.name, startTime: e.startTime, duration: e.duration, processing: e.processingEnd - e.processingStart };
      }
    }).observe({ type: "first-input", buffered: true });
  } catch (error) {
    bench.errors.push(`Event Timing: ${error}`);
  }

  addEventListener("error", (event) => bench.errors.push(String(event.message)));
  addEventListener("unhandledrejection", (event) => bench.errors.push(String(event.reason)));

  // Capturing, on the window: runs before any handler of the page under test.
  addEventListener(
    "keydown",
    () => {
      const down = performance.now();
      if (bench.measuring) {
        afterPaint().then(() => bench.keys.push(performance.now() - down));
      } else if (bench.marks.ready !== undefined && bench.firstKey === null) {
        bench.firstKey = { down };
        afterPaint().then(() => {
          bench.firstKey.painted = performance.now();
        });
      }
    },
    true,
  );

  // The page names what "ready" means with <meta name="bench-ready" content="SELECTOR">;
  // pages that know better (after a fetch, a page switch) call bench.whenShown themselves.
  const meta = document.querySelector('meta[name="bench-ready"]');
  if (meta) {
    bench.whenShown(meta.content, "ready").catch((error) => bench.errors.push(String(error)));
  }
})();

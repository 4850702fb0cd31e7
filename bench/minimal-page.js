// What the two minimal bench pages share (minimal-yew.html, minimal-record.html): mount the
// minimal widget (bench/minimal/, benchmark only) as widget.js mounts the real one, with the
// large meeting when the URL says `?record=large`, and count its change events so the
// harness can check that every keystroke was kept as the widget keeps it.
const bench = window.__bench;

export async function start(init, mount) {
  const params = new URLSearchParams(location.search);
  // Fetched while the wasm compiles, as widget.js does.
  const large = params.get("record") === "large" ? fetch("data/large-meeting.json").then((r) => r.json()) : null;
  await init();
  bench.mark("init");
  const element = document.getElementById("meeting");
  const options = large ? { record: await large } : {};
  const state = { changes: 0, initialReason: large ? options.record.meeting.reason : "", lastReason: null };
  element.addEventListener("risk-sensible:change", (event) => {
    state.changes += 1;
    state.lastReason = event.detail.record.meeting.reason;
  });
  mount(element, options);
  bench.mark("mounted");
  window.__minimal = state;
  bench.whenShown("#minimal-reason", "ready").catch((error) => bench.errors.push(String(error)));
  bench.mark("exposed");
}

// The sample page's loader: opens the committed example record (sample-record.json, the
// output of `risk-sensible example`) in the widget. Query parameters, for the end-to-end
// tests and for demonstrations:
//   ?chair=1          start in chair mode
//   ?screen-safe=0    start with restricted items shown
//   ?record=followed-up  the final example with what happened after the meeting
//                     (sample-followed-up.json, `risk-sensible example --followed-up`)
// The record is a JSON module, one of the page's own files: nothing here (or in the widget)
// makes a request of its own.
import init, { mount } from "./pkg/risk_sensible.js";
import draft from "./sample-record.json" with { type: "json" };

await init();
const params = new URLSearchParams(window.location.search);
const record = params.get("record") === "followed-up"
  ? (await import("./sample-followed-up.json", { with: { type: "json" } })).default
  : draft;

const element = document.getElementById("meeting");
const widget = mount(element, {
  record,
  chairMode: params.get("chair") === "1",
  screenSafe: params.get("screen-safe") !== "0",
});

const status = document.getElementById("host-status");
let changes = 0;
element.addEventListener("risk-sensible:change", (event) => {
  changes += 1;
  status.textContent = `Changes received: ${changes}. Record status: ${event.detail.record.meta.status}.`;
});

// Exposed for the end-to-end tests and for developers poking at the page.
window.riskSensibleDemo = { widget };

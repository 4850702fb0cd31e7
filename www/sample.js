// The sample page's loader: opens the committed example record (sample-record.json, the
// output of `risk-sensible example`) in the widget. Query parameters, for the end-to-end
// tests and for demonstrations:
//   ?chair=1          start in chair mode
//   ?screen-safe=0    start with restricted items shown
import init, { mount } from "./pkg/risk_sensible.js";

await init();
const params = new URLSearchParams(window.location.search);
const response = await fetch("sample-record.json");
if (!response.ok) throw new Error(`sample-record.json: HTTP ${response.status}`);
const record = await response.json();

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

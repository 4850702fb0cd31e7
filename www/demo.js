// The demo host page's loader: the few lines an intranet adds to embed the widget, plus a
// listener that shows what the host receives. It must be an external file: the page's
// Content-Security-Policy (script-src 'self') refuses inline scripts.
import init, { mount } from "./pkg/risk_sensible.js";

await init();
const element = document.getElementById("meeting");
const widget = mount(element, {});

const status = document.getElementById("host-status");
let changes = 0;
element.addEventListener("risk-sensible:change", (event) => {
  changes += 1;
  const people = event.detail.record.participants.length;
  status.textContent = `Changes received: ${changes}. Participants in the record: ${people}.`;
});

// Exposed for the end-to-end tests and for developers poking at the demo.
window.riskSensibleDemo = { widget };

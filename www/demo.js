// The demo host page's loader: the few lines an intranet adds to embed the widget, plus
// what a host does with the events: keep the latest record, store it when the chair says
// so, and tell the widget it has been stored. It must be an external file: the page's
// Content-Security-Policy (script-src 'self') refuses inline scripts.
import init, { mount } from "./pkg/risk_sensible.js";

await init();
const element = document.getElementById("meeting");
const widget = mount(element, {
  storageKey: "demo-meeting",
  actor: { name: "Amara Okafor", role: "Team manager", agency: "Children's social care" },
  // The invitation list from the case system: each person is marked present in one step.
  participants: [
    { name: "Amara Okafor", role: "Team manager", agency: "Children's social care", decisionAuthority: "yes" },
    { name: "Ben Carter", role: "Social worker", agency: "Children's social care" },
    { name: "Tom Reyes", role: "Detective sergeant", agency: "Police", decisionAuthority: "yes" },
    { name: "Priya Nandra", role: "Health visitor", agency: "Health" },
    { name: "Helen Moss", role: "Consultant paediatrician", agency: "Health", decisionAuthority: "yes" },
    { name: "Sara Quinn", role: "Early help worker", agency: "Early help" },
  ],
});

const status = document.getElementById("host-status");
const stored = document.getElementById("host-stored");
const log = document.getElementById("host-log");
let changes = 0;
// The shared screen's window (opened from the chair's) holds no record of its own.
let latest = widget.sharedScreen ? null : widget.record();

function note(text) {
  const item = document.createElement("li");
  item.textContent = text;
  log.prepend(item);
  while (log.children.length > 5) log.lastChild.remove();
}

element.addEventListener("risk-sensible:change", (event) => {
  changes += 1;
  latest = event.detail.record;
  const people = event.detail.record.participants.length;
  status.textContent = `Changes received: ${changes}. Participants in the record: ${people}.`;
});
element.addEventListener("risk-sensible:finalise", (event) => {
  latest = event.detail.record;
  note(`Finalised: digest ${event.detail.record.meta.digest}`);
});
element.addEventListener("risk-sensible:error", (event) => {
  note(`Problem reported by the widget: ${event.detail.message}`);
});

// "Storing" in this demo means keeping the record in this page; a real intranet would
// send it to its case system, then acknowledge.
document.getElementById("host-save").addEventListener("click", () => {
  const record = latest;
  const size = JSON.stringify(record).length;
  stored.textContent = `Stored record ${record.meta.id} (${record.meta.status}, ${size} characters) at ${new Date().toLocaleTimeString("en-GB")}.`;
  widget.acknowledge();
  note("Stored in the case system and acknowledged.");
});

// Exposed for the end-to-end tests and for developers poking at the demo.
window.riskSensibleDemo = { widget };

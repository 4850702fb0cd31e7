// The shared-computer demo: drafts kept in this browser are sealed with a key and expire.
//
// A real intranet gets the key from its server for the signed-in person (for example in
// the page it renders, or from its own API) and never keeps it in localStorage beside the
// drafts: whoever uses the computer next has neither. This demo has no server, so it keeps
// a random key in sessionStorage for the tab (a reload keeps it; another tab or browser
// session does not, and cannot open the draft).
import init, { mount } from "./pkg/risk_sensible.js";

function demoKey() {
  let key = sessionStorage.getItem("demo-draft-key");
  if (!key) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    key = btoa(String.fromCharCode(...bytes));
    sessionStorage.setItem("demo-draft-key", key);
  }
  return key;
}

await init();
const element = document.getElementById("meeting");
const widget = mount(element, {
  storageKey: "shared-meeting",
  draftKey: demoKey(),
  draftMaxAgeMinutes: 60,
  actor: { name: "Amara Okafor", role: "Team manager", agency: "Children's social care" },
});

const status = document.getElementById("host-status");
const stored = document.getElementById("host-stored");
let changes = 0;
// The shared screen's window (opened from the chair's) holds no record of its own.
let latest = widget.sharedScreen ? null : widget.record();
element.addEventListener("risk-sensible:change", (event) => {
  changes += 1;
  latest = event.detail.record;
  status.textContent = `Changes received: ${changes}.`;
});
document.getElementById("host-save").addEventListener("click", () => {
  stored.textContent = `Stored record ${latest.meta.id} (${latest.meta.status}) at ${new Date().toLocaleTimeString("en-GB")}.`;
  widget.acknowledge();
});

// Exposed for the end-to-end tests.
window.riskSensibleDemo = { widget };

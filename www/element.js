// The custom-element page: the element is defined by the shim, configured through its
// `options` property, and listened to like any other element.
import "./risk-sensible-element.js";

const element = document.getElementById("meeting");
element.options = { storageKey: "element-meeting" };
const status = document.getElementById("host-status");
let changes = 0;
element.addEventListener("risk-sensible:change", (event) => {
  changes += 1;
  status.textContent = `Changes received: ${changes}. Participants in the record: ${event.detail.record.participants.length}.`;
});
window.riskSensibleDemo = { element };

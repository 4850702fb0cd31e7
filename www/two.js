// Two independent widgets on one page, each with its own record and storage key.
import init, { mount } from "./pkg/risk_sensible.js";

await init();
const first = mount(document.getElementById("first"), { storageKey: "two-leo" });
const second = mount(document.getElementById("second"), { storageKey: "two-mia", chairMode: false });
window.riskSensibleDemo = { first, second };

// One field of a decision record, kept as the widget keeps it (bench/minimal, `record`).
import init, { mount } from "./minimal-record/risk_sensible_bench_minimal.js";
import { start } from "./minimal-page.js";

await start(init, mount);

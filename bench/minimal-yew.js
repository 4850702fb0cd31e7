// Yew alone: the least a Yew widget can be (bench/minimal, built without features).
import init, { mount } from "./minimal-yew/risk_sensible_bench_minimal.js";
import { start } from "./minimal-page.js";

await start(init, mount);

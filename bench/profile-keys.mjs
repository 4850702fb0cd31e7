// Profiles keys typed into the reason of the large meeting (scripts/profile-keys.sh builds
// the site it serves): Chromium's sampling profiler over the DevTools protocol, every 50 µs,
// with 25 ms between keys; prints the milliseconds per key in each function, self and
// inclusive (a function counted once per sample however deep it recurs).
//
//   node bench/profile-keys.mjs SITE_DIR [KEYS]
import { chromium } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const root = path.resolve(process.argv[2] ?? "target/profile-keys");
const keys = Number(process.argv[3] ?? 150);
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml" };
const server = http.createServer((request, response) => {
  const file = path.join(root, decodeURIComponent(new URL(request.url, "http://localhost").pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    response.writeHead(404);
    response.end();
    return;
  }
  response.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(response);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") console.error("page:", message.text());
  });
  await page.goto(`http://127.0.0.1:${port}/bench/widget.html?record=large`);
  const reason = page.locator('#meeting textarea[id$="-meeting-reason"]');
  await reason.waitFor();
  await reason.click();
  await page.keyboard.press("Control+End");
  // Warm up: the first keys compile and tier up the code they run.
  for (let i = 0; i < 20; i++) await page.keyboard.type("w", { delay: 20 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  const before = (await reason.inputValue()).length;
  await cdp.send("Profiler.start");
  for (let i = 0; i < keys; i++) await page.keyboard.type(i % 7 ? "a" : " ", { delay: 25 });
  const { profile } = await cdp.send("Profiler.stop");
  const typed = await reason.inputValue();
  // Proof that every key changed the reason (none dropped or typed elsewhere).
  if (typed.length !== before + keys) throw new Error(`the reason grew by ${typed.length - before} characters, not ${keys}`);

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const time = new Map();
  profile.samples.forEach((id, index) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const name = (id) => (nodes.get(id).callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
  const self = new Map();
  const inclusive = new Map();
  for (const [id, microseconds] of time) {
    self.set(name(id), (self.get(name(id)) ?? 0) + microseconds);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      if (!seen.has(name(at))) {
        seen.add(name(at));
        inclusive.set(name(at), (inclusive.get(name(at)) ?? 0) + microseconds);
      }
    }
  }
  const table = (totals, count) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([fn, microseconds]) => `${(microseconds / 1000 / keys).toFixed(3).padStart(8)} ms/key  ${fn}`)
      .join("\n");
  console.log(`${keys} keys on the reason of the large meeting\n\nself\n${table(self, 30)}\n\ninclusive\n${table(inclusive, 80)}`);
} finally {
  await browser.close();
  server.close();
}

// The bench site's server: HTTP/1.1 (keep-alive) on 127.0.0.1, serving each file
// precompressed, as a production host would: at start it writes FILE.br (brotli 11) and
// FILE.gz (gzip -9) beside every text or wasm file in the site, then answers each request
// with the best encoding the browser accepts (br, then gzip, else the file as it is); the
// harness records which encoding and protocol each page load used. Run by
// scripts/bench.sh in place of `python3 -m http.server` (HTTP/1.0, uncompressed):
//   node bench/serve.mjs --root DIR --port N
import { createServer } from "node:http";
import { readdirSync, readFileSync, writeFileSync, statSync, existsSync } from "node:fs";
import { join, extname, resolve, sep } from "node:path";
import { gzipSync, brotliCompressSync, constants as zlib } from "node:zlib";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  if (at < 0 || at + 1 >= args.length) throw new Error(`serve: ${name} is required`);
  return args[at + 1];
};
const root = resolve(option("--root"));
const port = Number(option("--port"));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".map", ".txt", ".md"]);

// Precompress once, at start.
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (COMPRESSIBLE.has(extname(entry.name)) && statSync(path).size >= 256) {
      const bytes = readFileSync(path);
      if (!existsSync(`${path}.gz`)) writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      if (!existsSync(`${path}.br`)) {
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }));
      }
    }
  }
}
const t0 = Date.now();
walk(root);
process.stderr.write(`serve: precompressed ${root} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

const counts = {};
const server = createServer((request, response) => {
  let path;
  try {
    path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  let file = resolve(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    return;
  }
  // The encodings the browser accepts, without those it refuses with q=0.
  const accepted = new Set(
    String(request.headers["accept-encoding"] || "")
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || Number(q.replace(/^\s*q=/, "")) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );
  const headers = {
    "Content-Type": TYPES[extname(file)] || "application/octet-stream",
    "Cache-Control": "no-cache",
    Vary: "Accept-Encoding",
  };
  let body = file;
  for (const [token, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (accepted.has(token) && existsSync(file + suffix)) {
      headers["Content-Encoding"] = token;
      body = file + suffix;
      break;
    }
  }
  const bytes = readFileSync(body);
  headers["Content-Length"] = bytes.length;
  const key = `HTTP/${request.httpVersion} ${headers["Content-Encoding"] || "identity"}`;
  counts[key] = (counts[key] ?? 0) + 1;
  response.writeHead(200, headers);
  response.end(request.method === "HEAD" ? undefined : bytes);
});
server.keepAliveTimeout = 5000;
server.listen(port, "127.0.0.1", () => process.stderr.write(`serve: http://127.0.0.1:${port}/ (HTTP/1.1, precompressed)\n`));
const stop = () => {
  process.stderr.write(`serve: responses ${JSON.stringify(counts)}\n`);
  server.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

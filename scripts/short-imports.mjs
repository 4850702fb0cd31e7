// Gives the functions a wasm-bindgen module imports from its own glue short names, in the
// module and in the glue alike: `__wbg_setAttribute_2704501201f15687` becomes `a`. The long
// names carry a hash each, which no compression shortens, twice (once in the module's import
// section, once as a key of the glue's imports object); wasm-bindgen has no option to leave
// the hashes out, and binaryen's `--minify-imports` renames only Emscripten's modules. Only
// the import section changes: every other byte of the module is copied as it is. The
// imports of wasm-bindgen's snippets (named by their own modules' exports) keep their names.
//
//   node scripts/short-imports.mjs PKG/NAME_bg.wasm     (the glue is PKG/NAME.js)
//
// The build fails if a name is not found in the glue exactly where the imports object
// defines it, so a glue of another shape is never half renamed.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const wasmPath = process.argv[2];
if (!wasmPath || !wasmPath.endsWith('_bg.wasm')) {
  console.error('usage: node scripts/short-imports.mjs PKG/NAME_bg.wasm');
  process.exit(2);
}
const gluePath = join(dirname(wasmPath), `${basename(wasmPath, '_bg.wasm')}.js`);
const glueModule = `./${basename(wasmPath, '.wasm')}.js`;

const bytes = readFileSync(wasmPath);
if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) {
  throw new Error(`${wasmPath}: not a WebAssembly module of version 1`);
}

/** Reads an unsigned LEB128 number at `at.p`, moving past it. */
function leb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at.p++];
    value += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return value;
    shift += 7;
  }
}

/** An unsigned LEB128 number's bytes. */
function uleb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** A wasm name: its length, then its UTF-8 bytes. */
const name = (text) => {
  const utf8 = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(utf8.length), utf8]);
};

/** Short names in order: a … z, A … Z, then two characters, skipping JavaScript's words. */
function* shortNames() {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = `${first}0123456789`;
  const words = new Set(['do', 'if', 'in']);
  yield* first;
  for (const a of first) for (const b of rest) if (!words.has(a + b)) yield a + b;
}

const renamed = new Map();
const parts = [bytes.subarray(0, 8)];
const at = { p: 8 };
while (at.p < bytes.length) {
  const start = at.p;
  const id = bytes[at.p++];
  const size = leb(at);
  const end = at.p + size;
  if (id !== 2) {
    parts.push(bytes.subarray(start, end));
    at.p = end;
    continue;
  }
  // The import section: a count, then (module, name, description) each.
  const count = leb(at);
  const next = shortNames();
  const entries = [uleb(count)];
  const text = () => {
    const length = leb(at);
    const value = bytes.subarray(at.p, at.p + length).toString('utf8');
    at.p += length;
    return value;
  };
  for (let index = 0; index < count; index += 1) {
    const module = text();
    const field = text();
    const description = at.p;
    const kind = bytes[at.p++];
    if (kind === 0) leb(at); // a function: its type
    else if (kind === 1) { at.p += 1; const flags = leb(at); leb(at); if (flags & 1) leb(at); } // a table
    else if (kind === 2) { const flags = leb(at); leb(at); if (flags & 1) leb(at); } // a memory
    else if (kind === 3) at.p += 2; // a global
    else throw new Error(`${wasmPath}: import ${module} ${field} of unknown kind ${kind}`);
    let short = field;
    if (module === glueModule && kind === 0) {
      short = next.next().value;
      renamed.set(field, short);
    }
    entries.push(name(module), name(short), bytes.subarray(description, at.p));
  }
  if (at.p !== end) throw new Error(`${wasmPath}: the import section ends at ${at.p}, not ${end}`);
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), uleb(body.length), body);
}
if (renamed.size === 0) throw new Error(`${wasmPath}: no function is imported from ${glueModule}`);

let glue = readFileSync(gluePath, 'utf8');
for (const [long, short] of renamed) {
  // The imports object defines each as `NAME: function` (or `NAME:function`, minified).
  const definition = new RegExp(`(?<![\\w$])${long}(?=\\s*:\\s*function\\b)`, 'g');
  const found = glue.match(definition)?.length ?? 0;
  if (found !== 1) throw new Error(`${gluePath}: ${long} is defined ${found} times, not once`);
  const everywhere = new RegExp(`(?<![\\w$])${long}(?![\\w$])`, 'g');
  glue = glue.replace(everywhere, short);
}
writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);

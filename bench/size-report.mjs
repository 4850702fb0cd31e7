// Where the widget's WebAssembly goes, by crate and by function: reads `twiggy top --format
// json` of the shipped module built with its function names kept (scripts/size-report.sh)
// and writes a Markdown report. The names themselves are left out of every figure: the
// shipped module has none.
//
//   node bench/size-report.mjs TOP.json SHIPPED.wasm GZIP_BYTES OUT.md NAMED.wasm
// (GZIP_BYTES: the shipped module's size under `gzip -9`, as scripts/build.sh prints it;
// NAMED.wasm: the module twiggy read, whose code and data give the gzip figures.)
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [topFile, shippedFile, gzipBytes, outFile, namedFile] = process.argv.slice(2);
if (!namedFile) {
  console.error('usage: node bench/size-report.mjs TOP.json SHIPPED.wasm GZIP_BYTES OUT.md NAMED.wasm');
  process.exit(2);
}

const items = JSON.parse(readFileSync(topFile, 'utf8'))
  .filter((item) => !/^"[a-z ]+" subsection$/.test(item.name) && item.name !== 'name section headers');
const total = items.reduce((sum, item) => sum + item.shallow_size, 0);
const shipped = statSync(shippedFile).size;
const shippedGzip = Number(gzipBytes);

// The crates whose code a function is: the first path of a crate in its name, but generic
// code of the standard library instantiated for another crate's type counts as that
// crate's (`core::ptr::drop_in_place<yew::…>` is yew's).
const STANDARD = new Set(['core', 'alloc', 'std']);
function crateOf(name) {
  if (name.startsWith('data segment') || name === 'data segments') return '(data: strings and tables)';
  if (/externref shim|^__wbg|^__wbindgen|^__externref|wasm_bindgen|^[a-z]+handle_/.test(name)) {
    return 'wasm-bindgen (glue and exports)';
  }
  if (/^<(str|char|[iuf](8|16|32|64|128|size))>::/.test(name)) return 'core';
  if (/^__/.test(name)) return 'compiler-builtins';
  if (/^(code|type|elem|global|import|export|table|memory)\[/.test(name) || /^(import|export) /.test(name)) {
    return '(tables, types, imports, exports)';
  }
  // A path's first segment: at the start, or after `<`, a space, `&`, `(`, `,` or `*`.
  const paths = [...name.matchAll(/(?:^|[<\s&(,*])([a-z_][a-z0-9_]*)::/g)].map((match) => match[1]);
  if (paths.length === 0) return '(unnamed)';
  const own = paths.find((path) => !STANDARD.has(path)) ?? paths[0];
  return own.replace(/_/g, '-');
}

const byCrate = new Map();
for (const item of items) {
  const crate = crateOf(item.name);
  const entry = byCrate.get(crate) ?? { bytes: 0, items: 0 };
  entry.bytes += item.shallow_size;
  entry.items += 1;
  byCrate.set(crate, entry);
}
const crates = [...byCrate.entries()].sort((a, b) => b[1].bytes - a[1].bytes);

// What a group of functions costs under gzip: raw bytes mislead, since copies of one generic
// function compress to almost nothing while code written once does not. The figure is the
// gzip -9 size of the module's code and data with the group's function bodies (or, for the
// data, its segments) left out, taken from the size with everything: what leaving the group
// out would save. The figures of all groups add up to more than the whole, since what a
// group shares with the rest is counted for each.
function wasmParts(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  const name = () => {
    const length = leb();
    const text = new TextDecoder().decode(bytes.subarray(at, at + length));
    at += length;
    return text;
  };
  let imported = 0;
  const bodies = [];
  const data = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 2) {
      for (let count = leb(); count > 0; count--) {
        name();
        name();
        const kind = bytes[at++];
        if (kind === 0) { leb(); imported++; }
        else if (kind === 1) { at++; if (leb() & 1) leb(); leb(); }
        else if (kind === 2) { if (leb() & 1) leb(); leb(); }
        else at += 2;
      }
    } else if (id === 10) {
      for (let count = leb(); count > 0; count--) {
        const length = leb();
        bodies.push(bytes.subarray(at, at + length));
        at += length;
      }
    } else if (id === 11) {
      for (let count = leb(); count > 0; count--) {
        const flags = leb();
        if (flags === 2) leb();
        // An active segment's offset: one constant instruction (its opcode, a number), then
        // `end`.
        if (flags !== 1) {
          at++;
          leb();
          at++;
        }
        const length = leb();
        data.push(bytes.subarray(at, at + length));
        at += length;
      }
    } else if (id === 0 && name() === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          for (let count = leb(); count > 0; count--) {
            const index = leb();
            names.set(index, name());
          }
        }
        at = subEnd;
      }
    }
    at = end;
  }
  return { functions: bodies.map((body, index) => ({ name: names.get(imported + index) ?? '', body })), data };
}
const parts = wasmParts(readFileSync(namedFile));
const gzipOf = (pieces) => gzipSync(Buffer.concat(pieces), { level: 9 }).length;
const allPieces = [...parts.functions.map((fn) => fn.body), ...parts.data];
const gzipAll = gzipOf(allPieces);
/** The gzip bytes saved by leaving out the functions `chosen` picks (or the data). */
function gzipCost(chosen, withoutData = false) {
  const kept = parts.functions.filter((fn) => !chosen(fn.name)).map((fn) => fn.body);
  return gzipAll - gzipOf(withoutData ? kept : [...kept, ...parts.data]);
}
for (const [crate, entry] of crates) {
  if (crate === '(data: strings and tables)') entry.gzip = gzipCost(() => false, true);
  else if (crate.startsWith('(tables')) entry.gzip = null;
  else entry.gzip = gzipCost((name) => crateOf(name) === crate);
}

// The project's own crates by module (the web layer's components one by one): where code
// written once goes.
const FOLDERS = new Set(['risk_sensible::view', 'risk_sensible_core::meeting', 'risk_sensible_core::analysis']);
function areaOf(name) {
  const own = name.match(/(?:^|[<\s&(,*])(risk_sensible(?:_[a-z_]+)?)::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?/);
  if (!own || crateOf(name) !== own[1].replace(/_/g, '-')) return null;
  const [, crate, module, inner] = own;
  return FOLDERS.has(`${crate}::${module}`) && inner ? `${crate}::${module}::${inner}` : `${crate}::${module}`;
}
const byArea = new Map();
for (const fn of parts.functions) {
  const area = areaOf(fn.name);
  if (!area) continue;
  const entry = byArea.get(area) ?? { bytes: 0, items: 0 };
  entry.bytes += fn.body.length;
  entry.items += 1;
  byArea.set(area, entry);
}
for (const [area, entry] of byArea) entry.gzip = gzipCost((name) => areaOf(name) === area);
const areas = [...byArea.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
const kib = (bytes) => (bytes / 1024).toFixed(1);
const share = (bytes) => `${((100 * bytes) / total).toFixed(1)}%`;

// Functions that are one generic function instantiated again and again (each a copy of its
// code), by their name without the instance's hash.
const copies = new Map();
for (const item of items) {
  const base = item.name.replace(/::h[0-9a-f]{16}$/, '');
  if (base === item.name) continue;
  const entry = copies.get(base) ?? { bytes: 0, count: 0 };
  entry.bytes += item.shallow_size;
  entry.count += 1;
  copies.set(base, entry);
}
const repeated = [...copies.entries()]
  .filter(([, entry]) => entry.count > 1)
  .sort((a, b) => b[1].bytes - a[1].bytes)
  .slice(0, 20);

const cell = (text) => String(text).replace(/\|/g, '\\|');
const lines = [
  '# Where the WebAssembly goes',
  '',
  'Generated by `scripts/size-report.sh` (part of `scripts/bench.sh`); do not edit. The',
  'module is the shipped one, optimised the same way, with its function names kept to',
  `attribute each byte (the names are not counted). Shipped: ${shipped} bytes, ${kib(shippedGzip)} KiB gzip -9;`,
  `counted here: ${total} bytes.`,
  '',
  '## By crate',
  '',
  'A generic function counts for the first crate in its name that is not the standard',
  "library's: a Yew component's render, into which the compiler inlines the component's",
  'view, counts for yew.',
  '',
  'The gzip column is what leaving the crate out would save of the code and data under',
  "gzip -9 (the module's other sections aside): copies of one generic function compress to",
  'almost nothing, code written once does not. The gzip figures add up to more than the',
  'whole, since what a crate shares with the rest is counted for each.',
  '',
  `| crate | KiB | share | gzip KiB | items |`,
  '| --- | ---: | ---: | ---: | ---: |',
  ...crates.map(([crate, entry]) => `| ${cell(crate)} | ${kib(entry.bytes)} | ${share(entry.bytes)} | ${entry.gzip === null ? '–' : kib(entry.gzip)} | ${entry.items} |`),
  '',
  "## The project's crates by module",
  '',
  "Functions of the project's crates by module (or by function, for one at a crate's root),",
  "the web layer's by component and the meeting's core by part; by what leaving each out",
  'would save under gzip -9, as above (a component counts with the generic code',
  'instantiated for it). Code and data together compress to',
  `${kib(gzipAll)} KiB here.`,
  '',
  '| module | KiB | gzip KiB | functions |',
  '| --- | ---: | ---: | ---: |',
  ...areas.map(([area, entry]) => `| \`${cell(area)}\` | ${kib(entry.bytes)} | ${kib(entry.gzip)} | ${entry.items} |`),
  '',
  '## The 40 largest items',
  '',
  '| bytes | share | item |',
  '| ---: | ---: | --- |',
  ...items.slice(0, 40).map((item) => `| ${item.shallow_size} | ${share(item.shallow_size)} | \`${cell(item.name.replace(/::h[0-9a-f]{16}$/, ''))}\` |`),
  '',
  '## The same function compiled more than once',
  '',
  'One copy per type or closure it is instantiated with: the first place to look for a',
  'saving that keeps every behaviour.',
  '',
  '| copies | bytes | function |',
  '| ---: | ---: | --- |',
  ...repeated.map(([base, entry]) => `| ${entry.count} | ${entry.bytes} | \`${cell(base)}\` |`),
  '',
];
writeFileSync(outFile, lines.join('\n'));
console.log(`size: ${shipped} bytes shipped (${kib(shippedGzip)} KiB gzip); by crate:`);
for (const [crate, entry] of crates.slice(0, 12)) {
  console.log(`  ${crate.padEnd(36)} ${kib(entry.bytes).padStart(8)} KiB  ${share(entry.bytes).padStart(6)}  gzip ${entry.gzip === null ? '–' : kib(entry.gzip)} KiB`);
}
console.log(`size: report written to ${outFile}`);

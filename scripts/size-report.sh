#!/usr/bin/env bash
# Where every kilobyte of the meeting widget's WebAssembly goes, by crate and by function:
# rebuilds the shipped module from the release build (scripts/build.sh must have run; it
# builds the meeting's module last) with its
# function names kept, optimised exactly as it ships, and has twiggy attribute its bytes
# (bench/size-report.mjs writes the report). Part of scripts/bench.sh.
#
#   scripts/size-report.sh [OUT.md]     (default bench/size/report.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
ensure_wasm_bindgen
ensure_npm_deps
ensure_twiggy

out=${1:-bench/size/report.md}
shipped=dist/pkg/risk_sensible_bg.wasm
[ -f "$shipped" ] || { echo "size-report: $shipped is missing: run scripts/build.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --out-dir "$work" \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/risk_sensible.wasm"
# wasm_shrink's steps, but for --strip-debug, and -g: the names stay, the code is the same.
named="$work/risk_sensible_bg.wasm"
"$RS_ROOT/node_modules/.bin/wasm-opt" "${WASM_OPT_FLAGS[@]}" -g --strip-producers \
  --strip-target-features "$named" -o "$named.opt" && mv "$named.opt" "$named"
node scripts/short-imports.mjs "$named"
twiggy top -n 1000000 --format json "$named" >"$work/top.json"
mkdir -p "$(dirname "$out")"
node bench/size-report.mjs "$work/top.json" "$shipped" "$(gzip -9 <"$shipped" | wc -c)" "$out" "$named"

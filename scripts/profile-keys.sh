#!/usr/bin/env bash
# Where the time of a key goes: types keys into the reason of the large meeting in headless
# Chromium with its sampling profiler on, and prints the milliseconds per key spent in each
# function (self, then inclusive). The module is the shipped one, rebuilt from the release
# build with its function names kept (as scripts/size-report.sh does), so scripts/build.sh
# must have run. Not a benchmark: the figures it prints are what docs/performance.md's
# "Keys" table quotes; scripts/bench.sh measures the keys against the peer.
#
#   scripts/profile-keys.sh [KEYS]     (default 150)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
ensure_wasm_bindgen
ensure_npm_deps
ensure_chromium

keys=${1:-150}
[[ "$keys" =~ ^[0-9]+$ ]] || { echo "usage: scripts/profile-keys.sh [KEYS]" >&2; exit 2; }
[ -f dist/pkg/risk_sensible_bg.wasm ] || { echo "profile-keys: dist/ is missing: run scripts/build.sh first" >&2; exit 1; }
site=target/profile-keys
rm -rf "$site"
mkdir -p "$site/bench/data" "$site/data"
cp -R dist/. "$site/"
cp bench/*.html bench/*.js "$site/bench/"
cargo run --release --quiet --example grow_record -- "$site/data"
cp "$site/data/large-meeting.json" "$site/bench/data/"
rm -rf "$site/pkg"
wasm-bindgen --target web --out-dir "$site/pkg" --out-name risk_sensible \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/risk_sensible.wasm"
# wasm_shrink's flags, but for --strip-debug, and -g: the names stay, the code is the same.
"$RS_ROOT/node_modules/.bin/wasm-opt" "${WASM_OPT_FLAGS[@]}" -g --strip-producers \
  --strip-target-features "$site/pkg/risk_sensible_bg.wasm" -o "$site/pkg/risk_sensible_bg.wasm"
node bench/profile-keys.mjs "$site" "$keys"

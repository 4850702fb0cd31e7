#!/usr/bin/env bash
# Builds the release bundle into dist/: optimised wasm + JS glue in dist/pkg/, the host page
# and loader from www/, the stylesheets in dist/styles/. Prints the gzip sizes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

# Only what the build needs (no browser).
ensure_wasm_target
ensure_wasm_bindgen
ensure_npm_deps # binaryen's wasm-opt (wasm_shrink)

t0=$SECONDS

# Assemble in a private staging directory and swap it in at the end: no stale files from an
# earlier build, and a build running concurrently cannot delete files from under this one.
mkdir -p target
stage=$(mktemp -d target/dist-staging.XXXXXX)
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"
# Two modules, one per entry: the meeting widget (`mount`, pkg/risk_sensible.js) and the
# caseload view (`mountCaseload`, pkg/risk_sensible_caseload.js). The crate is built once
# per entry, each with only its own feature, so neither module carries the other's code.
# The meeting's is built last: scripts/size-report.sh reads its build from target/.
for entry in caseload:risk_sensible_caseload meeting:risk_sensible; do
  wasm_cargo_ship build --release --target wasm32-unknown-unknown --lib \
    --no-default-features --features "${entry%%:*}"
  wasm-bindgen --target web --out-dir "$stage/pkg" --out-name "${entry#*:}" \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/risk_sensible.wasm"
  wasm_shrink "$stage/pkg/${entry#*:}_bg.wasm"
done

[ -f www/index.html ] || { echo "build: www/index.html is missing" >&2; exit 1; }
cp -R www/. "$stage/"
mkdir -p "$stage/styles"
cp styles/*.css "$stage/styles/"
# One stylesheet for hosts to link: the tokens first, so every other file can read them.
# The caseload view's own rules are a second one, which only a caseload page links (after
# the first), as it loads its own module.
css=(styles/tokens.css)
for f in styles/*.css; do
  case $f in styles/tokens.css | styles/caseload.css) ;; *) css+=("$f") ;; esac
done
cat "${css[@]}" >"$stage/risk-sensible.css"
cp styles/caseload.css "$stage/risk-sensible-caseload.css"
# What a host loads, minified: the modules' glue and snippets, and the stylesheets.
mapfile -t shipped < <(find "$stage/pkg" -name '*.js')
minify_web "${shipped[@]}" "$stage/risk-sensible.css" "$stage/risk-sensible-caseload.css"

# An npm-ready package for hosts: the two modules and their wasm, the declarations, the element shim,
# the stylesheets and the schema, laid out as the demo pages use them.
npm_dir="$stage/npm"
mkdir -p "$npm_dir/schema"
cp -R "$stage/pkg" "$npm_dir/pkg"
cp www/risk-sensible.d.ts www/risk-sensible-caseload.d.ts www/risk-sensible-element.js www/element.css "$stage/risk-sensible.css" "$stage/risk-sensible-caseload.css" "$npm_dir/"
cp www/schema/decision-record.schema.json www/schema/wellbeing-debrief.schema.json "$npm_dir/schema/"
mv "$stage/npm-package.json" "$npm_dir/package.json"

rm -rf dist
mv "$stage" dist
echo "build: dist/ ready in $((SECONDS - t0))s"

# Size table: one row per group of files (gzip -9 of their concatenation).
total=0
row() { printf '%-40s %10s %10s %9s\n' "$@"; }
sizes() {
  local label=$1 raw gz
  shift
  raw=$(cat "$@" | wc -c)
  gz=$(cat "$@" | gzip -9 | wc -c)
  total=$((total + gz))
  row "$label" "$raw" "$gz" "$(awk -v b="$gz" 'BEGIN { printf "%.1f", b / 1024 }')"
}
row "" "raw bytes" "gzip -9 B" "gzip KiB"
sizes dist/pkg/risk_sensible_bg.wasm dist/pkg/risk_sensible_bg.wasm
sizes dist/pkg/risk_sensible.js dist/pkg/risk_sensible.js
sizes dist/risk-sensible.css dist/risk-sensible.css
row "total (gzip)" "" "$total" "$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1024 }')"
# The caseload page loads its own module instead of the meeting's.
total=0
sizes dist/pkg/risk_sensible_caseload_bg.wasm dist/pkg/risk_sensible_caseload_bg.wasm
sizes dist/pkg/risk_sensible_caseload.js dist/pkg/risk_sensible_caseload.js
sizes "dist/risk-sensible.css + -caseload.css" dist/risk-sensible.css dist/risk-sensible-caseload.css
row "caseload page total (gzip)" "" "$total" "$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1024 }')"

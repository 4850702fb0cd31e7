#!/usr/bin/env bash
# The one test command: bootstrap, host checks, browser (wasm) tests, end-to-end tests.
# Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

# Colour on a terminal, plain text in CI logs.
if [ -t 1 ]; then export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-always}"
else export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Incremental caches are for editing, not for one full run; they take gigabytes of disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# The free disk, so that a run that fails on "No space left on device" says so up front.
df -h . | sed 's/^/disk: /'

T0=$SECONDS
STEPS=0
CURRENT=""
trap '[ -n "$CURRENT" ] && echo "==> FAILED: $CURRENT (after $((SECONDS - STEP_T0))s; total $((SECONDS - T0))s)"' EXIT

# step NAME CMD...: banner, run, elapsed time.
step() {
  CURRENT=$1
  shift
  echo
  echo "==> $CURRENT"
  STEP_T0=$SECONDS
  "$@"
  echo "==> ok: $CURRENT ($((SECONDS - STEP_T0))s)"
  STEPS=$((STEPS + 1))
  CURRENT=""
}

browser_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER=/usr/bin/chromedriver \
    wasm_cargo test --target wasm32-unknown-unknown --no-default-features --features meeting --test browser
}

step "bootstrap" ensure_all
step "cargo fmt --check" cargo fmt --all -- --check
step "clippy (default features)" cargo clippy --workspace --all-targets -- -D warnings
step "clippy (the meeting's entry alone)" cargo clippy --lib --no-default-features --features meeting -- -D warnings
step "clippy (the caseload's entry alone)" cargo clippy --lib --no-default-features --features caseload -- -D warnings
step "clippy (core only, --no-default-features)" cargo clippy --workspace --all-targets --no-default-features -- -D warnings
step "cargo test" cargo test --workspace
# Proves the domain core builds and tests without yew/web-sys (the root crate with its
# web layer switched off, and the core and record crates, which have no web dependencies).
step "cargo test --no-default-features (core only)" cargo test --workspace --no-default-features
step "records against the schema (check-jsonschema)" scripts/check-schema.sh
step "the partnership's questions in DuckDB" scripts/check-questions.sh
step "browser tests (wasm-bindgen-test in headless Chromium)" browser_tests
step "release build (scripts/build.sh)" scripts/build.sh
step "end-to-end (Playwright)" npx playwright test

echo
echo "==> all $STEPS steps passed in $((SECONDS - T0))s"

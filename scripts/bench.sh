#!/usr/bin/env bash
# The benchmark: builds the release bundle, reports where its wasm's bytes go
# (scripts/size-report.sh, bench/size/report.md), writes the large meeting and the ~1 MB record,
# times import + validate + digest natively (criterion), builds the least Yew widget
# (bench/minimal: Yew alone, and one field of a record), serves the bundle with the bench
# pages and the SurveyJS peer on 127.0.0.1 (bench/serve.mjs: HTTP/1.1, files precompressed),
# measures them all in headless Chromium (bench/run.mjs) and prints the table. What is made
# like for like with the peer, and what is not: bench/README.md. The figures go to bench/results.json (committed: the README quotes
# them).
#
#   scripts/bench.sh [--runs N] [--keys N] [--key-runs N] [--seed N] [--out FILE]
#   scripts/bench.sh --check
#
# --runs: cold loads per target and widget sessions (default 10); --keys: keystrokes per
# typing session (default 200); --key-runs: typing sessions per target (default 3); --seed:
# the seed of the random order of targets (default: a random one, printed and recorded).
# It takes about 12 minutes on a 2-core machine once built.
# --check: the benchmark's own test, run by CI (.ci/run): everything once, with small
# counts and a short native run, figures to target/bench-stage/check.json (the committed
# results are left alone); fails if any figure is missing or a page reported a problem.
# It compares no figure with a time or a budget.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=10 keys=200 key_runs=3 seed="" out=bench/results.json check=""
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs | --keys | --key-runs | --seed | --out)
      [ $# -ge 2 ] || { echo "bench: $1 needs a value" >&2; exit 2; }
      case "$1" in
        --runs) runs=$2 ;; --keys) keys=$2 ;; --key-runs) key_runs=$2 ;; --seed) seed=$2 ;; --out) out=$2 ;;
      esac
      shift 2 ;;
    --check) check=1 runs=1 keys=5 key_runs=1 out=target/bench-stage/check.json; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$runs" "$keys" "$key_runs"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "bench: counts must be positive integers, not '$n'" >&2; exit 2; }
done
[ -z "$seed" ] || [[ "$seed" =~ ^[0-9]+$ ]] || { echo "bench: --seed must be a non-negative integer, not '$seed'" >&2; exit 2; }

source scripts/bootstrap.sh
ensure_all
scripts/build.sh

stage=target/bench-stage
site=target/bench-site
rm -rf "$stage" "$site"
mkdir -p "$stage"

# Where the wasm's bytes go, by crate and function (committed beside the figures).
if [ -n "$check" ]; then scripts/size-report.sh "$stage/size.md"; else scripts/size-report.sh; fi

# The inputs: the large meeting and the ~1 MB record (the import benchmark's own).
echo "bench: writing the large meeting and the ~1 MB record ..."
cargo run --release --quiet --example grow_record -- "$stage"

# Native import + validate + digest of the same record: criterion, its results kept apart
# from anyone's target/criterion baselines.
echo "bench: native import + validate + digest (criterion) ..."
quick=()
[ -n "$check" ] && quick=(--quick)
CRITERION_HOME="$PWD/$stage/criterion" cargo bench --quiet --profile native-bench --bench import -- 'import\+validate\+digest' "${quick[@]}" \
  >"$stage/criterion.log" 2>&1 || { cat "$stage/criterion.log" >&2; exit 1; }
grep -A2 '^receive/' "$stage/criterion.log" || true

# The site: the release bundle, the bench pages, the data and the peer's files.
cp -R dist "$site"
mkdir -p "$site/bench/data" "$site/bench/surveyjs"
cp bench/*.html bench/*.js "$site/bench/"
cp "$stage/large-meeting.json" "$stage/record-1mb.json" "$site/bench/data/"
# The least Yew widget (bench/minimal/, benchmark only), built with the widget's release
# profile: Yew alone (no features) and one field of a decision record kept as the widget
# keeps it (`record`), to show what the size and cold-load budgets leave for the rest.
for variant in yew record; do
  features=()
  [ "$variant" = yew ] && features=(--no-default-features)
  wasm_cargo_ship build --release --target wasm32-unknown-unknown -p risk-sensible-bench-minimal "${features[@]}"
  wasm-bindgen --target web --out-dir "$site/bench/minimal-$variant" \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/risk_sensible_bench_minimal.wasm"
  wasm_shrink "$site/bench/minimal-$variant/risk_sensible_bench_minimal_bg.wasm"
  minify_web "$site/bench/minimal-$variant/risk_sensible_bench_minimal.js"
done
cp node_modules/survey-core/survey.core.min.js node_modules/survey-js-ui/survey-js-ui.min.js \
  node_modules/survey-core/survey-core.fontless.min.css "$site/bench/surveyjs/"
node bench/surveyjs-form.mjs "$stage/large-meeting.json" www/schema/decision-record.schema.json \
  "$site/bench/data/surveyjs-large.json"

# Serve it on a free port; stop the server (and a harness still running) on any exit.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server_pid="" harness_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local pid
  for pid in $harness_pid $server_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP
# HTTP/1.1 with every file precompressed (brotli and gzip), as a production host serves them.
node bench/serve.mjs --root "$site" --port "$port" >"$stage/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 1200); do
  python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" \
    "http://127.0.0.1:$port/bench/floor.html" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "bench: the server did not start" >&2; cat "$stage/server.log" >&2; exit 1; }
  sleep 0.1
done
echo "bench: serving $site on http://127.0.0.1:$port/"

# The harness runs in the background so a signal reaches this script (and cleanup) at once.
RS_BENCH_SERVER="bench/serve.mjs (Node $(node --version), HTTP/1.1, precompressed br/gzip)" \
  node bench/run.mjs --base "http://127.0.0.1:$port/" --site "$site" --out "$out" \
  --native "$stage/criterion" --runs "$runs" --keys "$keys" --key-runs "$key_runs" ${seed:+--seed "$seed"} ${check:+--check} &
harness_pid=$!
status=0
wait "$harness_pid" || status=$?
harness_pid=""
exit "$status"

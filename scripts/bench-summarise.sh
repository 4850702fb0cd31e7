#!/usr/bin/env bash
# The analysis benchmark: `risk-sensible summarise` (the `cli` profile, tuned for speed)
# over 1,000,000 small invented records, one child each and none with a hot spot, as a
# national sample would be. Prints the median time of the runs, the records a second and the peak
# memory (read from the kernel), and writes them to bench/summarise/results.json.
#
#   scripts/bench-summarise.sh [--records N] [--runs N]
#   scripts/bench-summarise.sh --check
#
# --check: CI's run of it (.ci/run): 10,000 records once, figures to
# target/bench-stage/summarise-check.json; fails if summarise fails. It compares no figure
# with a time or a budget.
set -euo pipefail
cd "$(dirname "$0")/.."

records=1000000 runs=5 out=bench/summarise/results.json
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --check) records=10000 runs=1 out=target/bench-stage/summarise-check.json; shift ;;
    *) echo "bench-summarise: unknown argument $1" >&2; exit 2 ;;
  esac
done

source scripts/bootstrap.sh
ensure_python
ensure_cargo
cargo build --profile cli --quiet --bin risk-sensible
mkdir -p "$(dirname "$out")"
python3 bench/summarise/run.py "${CARGO_TARGET_DIR:-target}/cli/risk-sensible" \
  --records "$records" --runs "$runs" --out "$out"

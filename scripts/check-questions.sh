#!/usr/bin/env bash
# The partnership's questions of docs/analysis.md, run in DuckDB over `flatten`'s tables of
# invented records (the generator's and the followed-up example), as JSON Lines and as
# Parquet, each checked against the theme `summarise` counts from the same records, and the
# Parquet columns' types (tests/questions.py).
#
# DuckDB comes from PyPI, pinned in tests/python-requirements.txt and installed by the
# bootstrap into .tools/py (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/bootstrap.sh
ensure_python_tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
cargo run --quiet --example generate -- 300 --seed 11 >"$work/in/generated.jsonl"
cargo run --quiet --bin risk-sensible -- example --followed-up >"$work/in/example-followed-up.json"
cargo run --quiet --bin risk-sensible -- flatten "$work/in" --out "$work/tables" >/dev/null
cargo run --quiet --bin risk-sensible -- flatten "$work/in" --out "$work/parquet" \
  --format parquet >/dev/null
cargo run --quiet --bin risk-sensible -- summarise "$work/in" --format json --report themes \
  --suppress-below 0 --as-of 2026-04-01 >"$work/themes.json"
"$RS_PY/bin/python" tests/questions.py docs/analysis.md "$work/tables" "$work/themes.json" \
  "$work/parquet"

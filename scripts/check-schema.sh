#!/usr/bin/env bash
# Checks the example records and the valid fixtures against the committed JSON Schema with an
# independent validator, the Python tool check-jsonschema (the issue's done-criterion), and
# checks that the invalid-by-shape fixtures are refused by it.
#
# check-jsonschema comes from PyPI, pinned in tests/python-requirements.txt and installed by
# the bootstrap into .tools/py (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/bootstrap.sh
ensure_python_tools
schema=www/schema/decision-record.schema.json
tool=$RS_PY/bin/check-jsonschema

# The record the issue names: `risk-sensible example --final`, as a host would receive it.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --bin risk-sensible -- example --final >"$work/example-final.json"
cargo run --quiet --bin risk-sensible -- example >"$work/example-draft.json"

echo "check-schema: valid records"
"$tool" --schemafile "$schema" \
  "$work/example-final.json" "$work/example-draft.json" \
  tests/fixtures/example-draft.json tests/fixtures/example-final.json \
  tests/fixtures/amended-final.json tests/fixtures/minimal-draft.json

echo "check-schema: records the schema must refuse"
for fixture in tests/fixtures/unknown-field.json tests/fixtures/future-version.json; do
  if "$tool" --schemafile "$schema" "$fixture" >/dev/null 2>&1; then
    echo "check-schema: FAILED: $fixture should not validate against $schema" >&2
    exit 1
  fi
  echo "  refused, as it should be: $fixture"
done
echo "check-schema: ok"

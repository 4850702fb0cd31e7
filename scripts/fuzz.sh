#!/usr/bin/env bash
# Fuzzes record import (fuzz/fuzz_targets/import.rs) for a bounded time:
#
#   scripts/fuzz.sh [SECONDS]     # default 600
#
# Needs the nightly toolchain (rustup) and cargo-fuzz, which it installs from crates.io when
# missing. Not part of scripts/test.sh: the corpus it keeps (fuzz/corpus/import/) is replayed
# by `cargo test --test fuzz_corpus` instead. New inputs go to fuzz/target/corpus-new/ (not
# committed); RS_FUZZ_MERGE=1 merges the ones that add coverage into the committed corpus
# afterwards (libFuzzer -set_cover_merge=1, which keeps it small; inputs cut to 2 KiB). A
# crash is written to fuzz/artifacts/import/ and the script exits non-zero: turn it into a
# case in tests/import.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac

seconds=${1:-600}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2; }

if ! command -v rustup >/dev/null 2>&1 || ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: needs the nightly toolchain: rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (cargo install, ~1 min)"
  cargo install cargo-fuzz
fi

new=fuzz/target/corpus-new
mkdir -p "$new" fuzz/artifacts/import
# -timeout: one input taking over 10 s is a finding (a hang), not a slow machine.
# -rss_limit_mb: the 8 MiB input limit keeps memory far below this.
started=$SECONDS
status=0
cargo +nightly fuzz run --fuzz-dir fuzz import "$new" fuzz/corpus/import -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict=fuzz/import.dict \
  -print_final_stats=1 || status=$?
echo "fuzz: ran for $((SECONDS - started))s (bounded at ${seconds}s of fuzzing), exit $status"

if [ "$status" -eq 0 ] && [ "${RS_FUZZ_MERGE:-0}" = 1 ]; then
  echo "fuzz: merging new coverage into fuzz/corpus/import"
  # -max_len keeps the committed corpus small: longer inputs are kept cut to 2 KiB (the
  # fixtures it was seeded with stay whole).
  cargo +nightly fuzz run --fuzz-dir fuzz import fuzz/corpus/import "$new" -- -set_cover_merge=1 -max_len=2048
fi
exit "$status"

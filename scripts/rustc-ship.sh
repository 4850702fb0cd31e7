#!/usr/bin/env bash
# The rustc wrapper of the shipped modules' build (wasm_cargo_ship in scripts/bootstrap.sh):
# LLVM inlines a function only where that makes the code smaller (`-inline-threshold=0`),
# in every crate but sha2. The module is 0.8 KiB of gzip smaller, and no slower by the
# benchmark's measures. sha2 is built for speed (Cargo.toml): without inlining, its rounds
# become calls, and the 1 MB check took 1 to 2 ms longer. Cargo sets the flags of all crates
# alike, hence a wrapper. Another wrapper the developer uses (sccache) is kept, as
# RS_RUSTC_WRAPPER.
set -euo pipefail
rustc=$1
shift
crate=""
previous=""
for argument in "$@"; do
  [ "$previous" = --crate-name ] && crate=$argument
  previous=$argument
done
extra=()
[ "$crate" = sha2 ] || extra=(-Cllvm-args=-inline-threshold=0)
if [ -n "${RS_RUSTC_WRAPPER:-}" ]; then
  exec "$RS_RUSTC_WRAPPER" "$rustc" "$@" "${extra[@]}"
fi
exec "$rustc" "$@" "${extra[@]}"

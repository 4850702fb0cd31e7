#!/usr/bin/env bash
# shellcheck shell=bash
# Tool bootstrap for risk-sensible. Meant to be `source`d by scripts/build.sh, serve.sh and
# test.sh; `bash scripts/bootstrap.sh` runs every step. Each ensure_* function is idempotent:
# it checks first and returns at once when the tool is already there, so a second run takes
# about a second. Installs use only the allowed registries: Debian apt, crates.io, npm.

RS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# `cargo install` puts wasm-bindgen here; rustup's cargo lives here too.
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac

bs_log() { echo "bootstrap: $*"; }

# Each ensure_NAME runs _ensure_NAME once per shell; later (nested) calls return silently.
BS_DONE=${BS_DONE:-}
bs_once() {
  [[ " $BS_DONE " == *" $1 "* ]] && return 0
  "_ensure_$1" || return 1
  BS_DONE="$BS_DONE $1"
}

# Runs "$@" and reports how long it took (installs are the slow part of a first run).
bs_timed() {
  local what=$1 t0=$SECONDS
  shift
  bs_log "installing $what ..."
  "$@" || { bs_log "FAILED to install $what"; return 1; }
  bs_log "installed $what in $((SECONDS - t0))s"
}

bs_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else bs_log "need root (or sudo) for: $*"; return 1
  fi
}

# Another apt/dpkg (e.g. a background install) holds the lock: wait instead of failing.
bs_apt_busy() { pgrep -x apt-get || pgrep -x apt || pgrep -x dpkg; } >/dev/null 2>&1
bs_wait_apt() {
  local n=0
  while bs_apt_busy; do
    [ $((n % 15)) -eq 0 ] && bs_log "waiting for another apt/dpkg process to finish ..."
    n=$((n + 1)); sleep 2
  done
}

# `apt-get update` at most once per shell (the variable is global to the sourcing script).
BS_APT_UPDATED=${BS_APT_UPDATED:-0}
apt_install() {
  bs_wait_apt
  if [ "$BS_APT_UPDATED" -eq 0 ]; then
    bs_as_root apt-get -o DPkg::Lock::Timeout=600 update -q || return 1
    BS_APT_UPDATED=1
  fi
  bs_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=600 install -y -q "$@"
}

# True when every named Debian package is fully installed.
bs_dpkg_ok() {
  local p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || return 1
  done
}

ensure_node() { bs_once node; }
_ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    bs_log "node $(node --version) present"
  else
    bs_timed "nodejs npm (apt)" apt_install nodejs npm || return 1
  fi
  # Playwright 1.65 needs Node >= 20; Debian 12's own nodejs is 18.
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || bs_log "WARNING: node $(node --version) is older than 20; Playwright needs >= 20"
}

ensure_python() { bs_once python; }
_ensure_python() {
  if command -v python3 >/dev/null 2>&1; then bs_log "python3 $(python3 -c 'import platform; print(platform.python_version())') present"
  else bs_timed "python3 (apt)" apt_install python3
  fi
}

# The third-party validators the tests use (check-jsonschema, fhir.resources), pinned in
# tests/python-requirements.txt, in a virtual environment under .tools/py. Skipped while
# the environment was built from the same requirements.
RS_PY="$RS_ROOT/.tools/py"
ensure_python_tools() { bs_once python_tools; }
_ensure_python_tools() {
  ensure_python || return 1
  local want stamp="$RS_PY/.requirements-stamp"
  want=$(sha256sum "$RS_ROOT/tests/python-requirements.txt" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    bs_log "python test tools present"
    return 0
  fi
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    bs_timed "python3-venv (apt)" apt_install python3-venv || return 1
  fi
  rm -rf "$RS_PY"
  bs_timed "python test tools (pip)" bash -c "python3 -m venv '$RS_PY' &&
    '$RS_PY/bin/pip' install --quiet --disable-pip-version-check -r '$RS_ROOT/tests/python-requirements.txt'" || return 1
  echo "$want" >"$stamp"
}

# Debian's own Rust (1.96, "-web" packages) is the fallback when rustup is absent or cannot
# fetch the wasm32 target. It has no prebuilt wasm std, so std is built from rust-web-src.
BS_DEBIAN_RUST=(rustc-web cargo-web rust-web-src lld-19)
ensure_debian_rust() { bs_once debian_rust; }
_ensure_debian_rust() {
  if bs_dpkg_ok "${BS_DEBIAN_RUST[@]}"; then bs_log "Debian rustc-web $(/usr/bin/rustc --version | cut -d' ' -f2) present"
  else bs_timed "${BS_DEBIAN_RUST[*]} (apt)" apt_install "${BS_DEBIAN_RUST[@]}"
  fi
}

# Host cargo: rustup's if present; with no cargo at all (Debian 12 has no rustup package and
# its plain `rustc` 1.63 is too old for this crate) use Debian's rustc-web for everything.
ensure_cargo() { bs_once cargo; }
_ensure_cargo() {
  if command -v cargo >/dev/null 2>&1; then bs_log "cargo $(cargo --version | cut -d' ' -f2) present"; return 0; fi
  ensure_debian_rust
}

# Sets RS_WASM_ROUTE=rustup|debian. RS_WASM_ROUTE=debian in the environment forces the
# fallback (to test it on a machine where rustup works).
ensure_wasm_target() { bs_once wasm_target; }
_ensure_wasm_target() {
  ensure_cargo || return 1
  if [ "${RS_WASM_ROUTE:-}" != debian ] && command -v rustup >/dev/null 2>&1; then
    if [[ $(rustup target list --installed) == *wasm32-unknown-unknown* ]]; then
      RS_WASM_ROUTE=rustup; bs_log "wasm32-unknown-unknown target present (rustup)"; return 0
    fi
    if bs_timed "wasm32-unknown-unknown (rustup)" rustup target add wasm32-unknown-unknown; then
      RS_WASM_ROUTE=rustup; return 0
    fi
    bs_log "rustup could not add the target; falling back to Debian's Rust"
  fi
  ensure_debian_rust || return 1
  RS_WASM_ROUTE=debian
  bs_log "wasm route: Debian rustc-web with build-std"
}

# Every wasm cargo call goes through this. The Debian route runs in a subshell so its
# environment never leaks into host cargo calls made by the same script.
wasm_cargo() {
  [ -n "${RS_WASM_ROUTE:-}" ] || ensure_wasm_target >/dev/null || return 1
  if [ "$RS_WASM_ROUTE" = debian ]; then
    (
      export PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
      export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      # /usr/bin/rust-lld is a dangling link in Debian 12; use LLVM 19's wasm linker.
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
      exec /usr/bin/cargo "$@"
    )
  else
    cargo "$@"
  fi
}

# The standard library's sources, for the shipped modules' build (wasm_cargo_ship). The
# Debian route has them already (rust-web-src).
ensure_rust_src() { bs_once rust_src; }
_ensure_rust_src() {
  [ "${RS_WASM_ROUTE:-}" = debian ] && return 0
  local sysroot
  sysroot=$(rustc --print sysroot) || return 1
  if [ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ]; then bs_log "rust-src present"; return 0; fi
  bs_timed "rust-src (rustup)" rustup component add rust-src
}

# Builds a module as it ships: the standard library rebuilt with the crate, so that a panic
# aborts at once instead of formatting a message first (for the browser's console, by the
# panic hook Yew installs; nothing is sent anywhere, and a panic was already an abort, a
# trap the calling JavaScript sees). About 26 KiB of gzip, and the hook, which can then
# never run, is left out too (0.6 KiB, scripts/no-panic-hook). Nor does the module keep the
# source file and line of each place that can panic, which nothing reads
# (`-Zlocation-detail=none`, 2 KiB).
# The options are unstable, hence RUSTC_BOOTSTRAP, as the Debian route already needs for
# build-std. With it rustc names symbols the v0 way;
# the legacy names are kept for scripts/size-report.sh (no name reaches the shipped module).
# Only the release bundle is built this way; tests build with the ordinary std, so a failed
# assertion still says what failed. Without the sources (rustup offline) the module is built
# with the prebuilt std instead, and says so: the same behaviour, 26 KiB larger.
# Either way each crate's identical constants are merged by LLVM's pass for that
# (`-Cpasses=constmerge`, which rustc's own pipeline leaves out): 0.8 KiB of gzip. rustc runs
# extra passes before the crates are linked, not after, so a string two crates both hold is
# still kept twice; a table of names two crates read is a static instead
# (record/src/members.rs). And LLVM inlines a function only where that makes the code
# smaller (`-inline-threshold=0`): 1.7 KiB, and no slower by the benchmark's measures
# (docs/performance.md, "Size").
wasm_cargo_ship() {
  ensure_wasm_target || return 1
  local shrink="-Cpasses=constmerge -Cllvm-args=-inline-threshold=0"
  if ! ensure_rust_src; then
    bs_log "no rust-src: building with the prebuilt standard library (about 26 KiB larger)"
    RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }$shrink" wasm_cargo "$@"
    return
  fi
  # Yew's panic hook is replaced by an empty crate (scripts/no-panic-hook), resolved in a
  # copy of Cargo.lock so that the repository's own stays as it is.
  mkdir -p "$RS_ROOT/target/ship" && cp "$RS_ROOT/Cargo.lock" "$RS_ROOT/target/ship/Cargo.lock" || return 1
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }$shrink -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Csymbol-mangling-version=legacy" \
    wasm_cargo "$@" -Zbuild-std=std,panic_abort -Zlockfile-path \
    --config "resolver.lockfile-path=\"$RS_ROOT/target/ship/Cargo.lock\"" \
    --config "patch.crates-io.console_error_panic_hook.path=\"$RS_ROOT/scripts/no-panic-hook\""
}

# wasm-opt's optimisation of a shipped module (the npm package binaryen's; Debian's is too
# old for current Rust output). The features are those rustc emits by default for wasm32.
# A function with one caller is never merged into it: merged, the record's readers become
# one function of 130 KB, which the browser compiles and runs more slowly (about 80 ms more
# to a cold load of the large meeting), and the unmerged module is 57 KiB smaller by gzip
# (its repeated code compresses far better). The price is the 1 MB check, about 12% slower.
# `--flatten --rereloop` first rebuilds each function's control flow, which `-Oz` (twice)
# then shrinks further: 2.2 KiB of the meeting's page, with no measurable cost in time
# (docs/performance.md, "Size").
WASM_OPT_FLAGS=(--flatten --rereloop -Oz -Oz --one-caller-inline-max-function-size 0
  --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-multivalue)

# Shrinks a wasm-bindgen output (NAME_bg.wasm beside its glue NAME.js) in place; the strip
# passes drop custom sections that wasm-bindgen needed but the browser does not, and
# scripts/short-imports.mjs gives the functions the module imports from its glue short
# names in both. Needs ensure_npm_deps.
wasm_shrink() {
  local wasm=$1
  "$RS_ROOT/node_modules/.bin/wasm-opt" "${WASM_OPT_FLAGS[@]}" --strip-debug --strip-producers \
    --strip-target-features "$wasm" -o "$wasm.opt" && mv "$wasm.opt" "$wasm" &&
    node "$RS_ROOT/scripts/short-imports.mjs" "$wasm"
}

# Minifies shipped JavaScript and CSS in place with esbuild (an npm package, pinned in
# package.json): white space and comments go, a module's local names are shortened (0.6 KiB
# of the meeting's page), and nothing a host or the wasm module relies on changes (a
# module's exports and imports, object keys, class names, custom properties). SurveyJS
# ships minified files too, and the benchmark measures those. Needs ensure_npm_deps.
minify_web() {
  local file
  for file in "$@"; do
    "$RS_ROOT/node_modules/.bin/esbuild" "$file" --minify --log-level=warning \
      --outfile="$file.min" && mv "$file.min" "$file" || return 1
  done
}

ensure_rust_components() { bs_once rust_components; }
_ensure_rust_components() {
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    bs_log "rustfmt + clippy present"
  elif command -v rustup >/dev/null 2>&1; then
    bs_timed "rustfmt clippy (rustup)" rustup component add rustfmt clippy
  else
    bs_timed "rustfmt-web rust-web-clippy (apt)" apt_install rustfmt-web rust-web-clippy
  fi
}

# The CLI must match the crate's wasm-bindgen exactly (the crate pins it with `=`).
bs_wasm_bindgen_version() {
  local v=""
  [ -f "$RS_ROOT/Cargo.lock" ] && v=$(awk '/^name = "wasm-bindgen"$/ {f=1; next}
    f && /^version = / {gsub(/"/, "", $3); print $3; exit}' "$RS_ROOT/Cargo.lock")
  [ -n "$v" ] || v=$(sed -n 's/^wasm-bindgen *=.*version *= *"=\([0-9.]*\)".*/\1/p' "$RS_ROOT/Cargo.toml")
  echo "$v"
}

ensure_wasm_bindgen() { bs_once wasm_bindgen; }
_ensure_wasm_bindgen() {
  ensure_cargo || return 1
  local want have
  want=$(bs_wasm_bindgen_version)
  [ -n "$want" ] || { bs_log "cannot find the wasm-bindgen version in Cargo.lock/Cargo.toml"; return 1; }
  have=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)
  if [ "$have" != "$want" ] && pgrep -f 'cargo[ ]install wasm-bindgen-cli' >/dev/null; then
    # Someone else is already installing it; a second install would fight over ~/.cargo.
    local t0=$SECONDS
    bs_log "waiting for a running 'cargo install wasm-bindgen-cli' ..."
    while pgrep -f 'cargo[ ]install wasm-bindgen-cli' >/dev/null; do sleep 3; done
    bs_log "waited $((SECONDS - t0))s"
    have=$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)
  fi
  if [ "$have" = "$want" ]; then bs_log "wasm-bindgen $want present"; return 0; fi
  # No --locked: the registry here lacks one of the CLI's locked dependency versions.
  bs_timed "wasm-bindgen-cli $want (cargo install, ~2 min)" \
    cargo install wasm-bindgen-cli --version "$want"
}

# twiggy attributes the WebAssembly's bytes to crates and functions (scripts/size-report.sh).
TWIGGY_VERSION=0.8.0
ensure_twiggy() { bs_once twiggy; }
_ensure_twiggy() {
  ensure_cargo || return 1
  if [ "$(twiggy --version 2>/dev/null | cut -d' ' -f2)" = "$TWIGGY_VERSION" ]; then
    bs_log "twiggy $TWIGGY_VERSION present"
    return 0
  fi
  bs_timed "twiggy $TWIGGY_VERSION (cargo install, ~2 min)" \
    cargo install twiggy --version "$TWIGGY_VERSION" --locked
}

ensure_chromium() { bs_once chromium; }
_ensure_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && bs_dpkg_ok chromium chromium-driver; then
    bs_log "chromium + chromedriver $(/usr/bin/chromedriver --version | cut -d' ' -f2) present"
  else
    bs_timed "chromium chromium-driver (apt)" apt_install chromium chromium-driver
  fi
}

# node_modules is current when it holds the sha256 of the package-lock.json it came from.
ensure_npm_deps() { bs_once npm_deps; }
_ensure_npm_deps() {
  ensure_node || return 1
  local want stamp="$RS_ROOT/node_modules/.lock-stamp"
  want=$(sha256sum "$RS_ROOT/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$RS_ROOT/node_modules/.bin/wasm-opt" ]; then
    bs_log "npm packages present (package-lock.json unchanged)"
    return 0
  fi
  # The system Chromium is used; Playwright's own browser download fails here.
  bs_timed "npm packages (npm ci)" \
    env -C "$RS_ROOT" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund || return 1
  echo "$want" >"$stamp"
}

ensure_all() {
  local t0=$SECONDS
  ensure_node && ensure_python && ensure_chromium && ensure_cargo && ensure_wasm_target &&
    ensure_rust_components && ensure_wasm_bindgen && ensure_npm_deps && ensure_python_tools || return 1
  bs_log "all tools ready (${RS_WASM_ROUTE} wasm route) in $((SECONDS - t0))s"
}

# Executed rather than sourced: run every step.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  ensure_all
fi

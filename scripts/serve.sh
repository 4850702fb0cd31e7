#!/usr/bin/env bash
# Builds the bundle and serves dist/ locally: scripts/serve.sh [PORT] (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-${PORT:-8080}}"

scripts/build.sh
echo "Serving the demo host page at http://127.0.0.1:${port}/"
# python's http.server sends .wasm as application/wasm, which streaming compilation needs.
exec python3 -m http.server --bind 127.0.0.1 --directory dist "$port"

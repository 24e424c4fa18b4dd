#!/usr/bin/env bash
# Installs what is missing, then builds the site with the bundled data and serves it at
# http://127.0.0.1:8080/, rebuilding on change. Extra arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
step "serving at http://127.0.0.1:8080/"
# No autoreload: its injected inline script would break the pages' Content-Security-Policy.
exec trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port 8080 "$@"

#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints, the native unit tests,
# and the browser tests in headless Chromium against the release build served under /sail/ by a
# plain static server with no rewrite rules.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh --browser

step "format and lints"
cargo fmt --all --check
cargo clippy --locked --workspace --exclude sail-site --all-targets -- -D warnings
cargo clippy --locked -p sail-site --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --locked --workspace --exclude sail-site

step "release build under /sail/"
dist=target/e2e-dist
SITE_URL=http://127.0.0.1:4173/sail/ trunk build --release --offline --public-url /sail/ --dist "$dist"
wasm=$(ls "$dist"/*.wasm)
printf 'wasm: %s bytes, %s bytes gzip\n' "$(wc -c < "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"

step "browser tests"
cd e2e
status=0
E2E_DIST="../$dist" npx playwright test || status=$?
node summary.mjs test-results/results.json
exit $status

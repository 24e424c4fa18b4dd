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

# A site moved over from the lab-website-template, as a new lab would: its sample content imported
# with `labctl import-lwt`, then built the same way (the same app; its own pages and images).
examples=${LWT_EXAMPLES:-../shared/lwt-examples}
lwt=target/lwt-template
if [ -d "$examples/template" ]; then
  step "release build of the imported lab-website-template sample"
  rm -rf "$lwt"
  cargo run --locked --quiet -p labctl -- import-lwt "$examples/template" --out "$lwt" > /dev/null
  cargo run --locked --quiet -p labctl -- check "$lwt/data/site.json"
  SITE_DATA="$PWD/$lwt/data" SITE_URL=http://127.0.0.1:4174/sail/ trunk build --release --offline --public-url /sail/ --dist target/e2e-dist-lwt
else
  echo "skipped: $examples/template is missing (the shared LWT examples); no imported site to test"
fi

step "browser tests"
cd e2e
status=0
E2E_DIST="../$dist" npx playwright test || status=$?
node summary.mjs test-results/results.json
if [ -d "../target/e2e-dist-lwt" ] && [ -d "../$lwt" ]; then
  E2E_SITE=lwt-template E2E_PORT=4174 E2E_DIST=../target/e2e-dist-lwt E2E_OUTPUT=test-results-lwt \
    LWT_SOURCE="$(cd .. && cd "$examples/template" && pwd)" npx playwright test || status=$?
  node summary.mjs test-results-lwt/results.json
fi
exit $status

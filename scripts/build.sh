#!/usr/bin/env bash
# Installs what is missing, then writes the release site to dist/ for a given base path:
#   ./scripts/build.sh [PUBLIC_URL]      e.g. ./scripts/build.sh /sail/   (default /)
# Absolute URLs in the feed, sitemap and link previews come from SITE_URL (for example
# https://example.org/sail/); without it they point at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
public_url=${1:-/}
step "building the release site for ${SITE_URL:-http://127.0.0.1:8080$public_url} into dist/"
trunk build --release --offline --public-url "$public_url" --dist dist

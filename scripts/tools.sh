# Installs the pinned tools that building and testing the site need, each only when it is missing
# or at the wrong version, and puts them on PATH. Sourced by serve.sh and test.sh:
#   . scripts/tools.sh            build tools (Rust wasm target, Trunk, wasm-bindgen, wasm-opt)
#   . scripts/tools.sh --browser  the same, plus Chromium and Playwright for the browser tests
# Only the crates.io, npm and Debian registries are used; nothing is downloaded from elsewhere.

TRUNK_VERSION=0.21.14
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$root/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ] && return
  step "installing trunk $TRUNK_VERSION (about 11 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
}

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock. It is installed without
# --locked: its own lock pins a crate the registry no longer has.
ensure_wasm_bindgen() {
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] && return
  step "installing wasm-bindgen-cli $want (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$want" --force
}

# wasm-opt (npm binaryen) and Playwright, pinned in e2e/package-lock.json.
ensure_node_modules() {
  local stamp="$root/e2e/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$root/e2e/package-lock.json"; then return; fi
  step "installing npm packages (binaryen, Playwright)"
  (cd "$root/e2e" && npm ci --no-audit --no-fund)
  cp "$root/e2e/package-lock.json" "$stamp"
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return
  step "installing Chromium from Debian"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium
}

ensure_wasm_target
ensure_node_modules
ensure_wasm_bindgen
ensure_trunk
if [ "${1:-}" = "--browser" ]; then
  ensure_chromium
fi
step "fetching crates"
cargo fetch --locked

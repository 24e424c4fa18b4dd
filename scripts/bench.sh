#!/usr/bin/env bash
# The benchmark of GitHub issue 5: synthetic data at 1k, 10k and 100k news items, the release
# build measured in headless Chromium against a plain-JavaScript reference page, and the sizes
# that make up the wasm. Writes bench/results.json and BENCHMARKS.md. Not part of scripts/test.sh:
# it takes 20–40 minutes and its timings depend on the machine. Nothing in it asserts on time.
#
#   ./scripts/bench.sh [--rev REV] [--sizes bundled,1k,10k,100k]
#
#   --rev REV     build and check the app of a committed revision (a `git archive` of it), instead
#                 of the working tree; the benchmark itself always comes from the working tree
#   --sizes LIST  which data sizes to measure (default: all four)
#
# Environment: CARGO_TARGET_DIR (default target/bench-build) for the two cargo builds,
# BENCH_OUT (default target/bench) for the generated data and the served copies,
# BENCH_PORT (default 4300) for the first of the local servers (one port per size).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

rev=""
sizes="bundled,1k,10k,100k"
while [ $# -gt 0 ]; do
  case "$1" in
    --rev) rev=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    *) echo "usage: $0 [--rev REV] [--sizes bundled,1k,10k,100k]" >&2; exit 2 ;;
  esac
done

# The pinned tools (Rust wasm target, Trunk, wasm-bindgen, wasm-opt, Playwright, Chromium), each
# installed only when missing. A failure in there (say, a work tree that does not build while
# --rev builds another revision) is reported, and the build below fails if it matters.
. scripts/tools.sh --browser || printf '\033[1m==> %s\033[0m\n' "warning: scripts/tools.sh did not finish; going on"

if ! command -v twiggy >/dev/null; then
  step "installing twiggy (wasm size profiler)"
  cargo install twiggy --locked
fi

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/bench-build}
out=${BENCH_OUT:-$root/target/bench}
port=${BENCH_PORT:-4300}
mkdir -p "$out" "$CARGO_TARGET_DIR"
dist=$CARGO_TARGET_DIR/bench-dist

# Sources of the app: a copy of the work tree (tracked and untracked files, not ignored ones), or
# a clean export of --rev. Each size's site is built from a copy with that size's data file, as a
# deployment of that file would be: its pages are pre-rendered from it. The data checker is built
# from the same sources, so the files are checked by the rules of the app that is measured.
src=$CARGO_TARGET_DIR/bench-src
rm -rf "$src"
mkdir -p "$src"
if [ -n "$rev" ]; then
  commit=$(git rev-parse "$rev")
  step "exporting $rev ($commit) to $src"
  git archive "$commit" | tar -x -C "$src"
  rm -rf "$src/bench/check"
  cp -r bench/check "$src/bench/check"
else
  commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- src crates index.html style public Cargo.toml Cargo.lock Trunk.toml || echo '+uncommitted')"
  step "copying the work tree to $src"
  git ls-files -z --cached --others --exclude-standard | tar --null -T - -c | tar -x -C "$src"
fi
(cd "$src" && cargo fetch --locked)

step "synthetic data"
for size in ${sizes//,/ }; do
  [ "$size" = bundled ] && continue
  node bench/generate.mjs --size "$size" --out "$out/data/$size.json"
done

# Compile the app and the page generator first, so that each timed build below is what a
# deployment with warm caches does: wasm-opt, the pages and the copy.
step "compiling the app and the page generator"
(cd "$src" && cargo build --release --locked --offline --target wasm32-unknown-unknown --bin sail-site \
  && cargo build --locked --offline -p sitegen)

rm -rf "$dist"
mkdir -p "$dist"
build_times="{}"
for size in ${sizes//,/ }; do
  if [ "$size" = bundled ]; then data="$root/data/site.json"; else data="$out/data/$size.json"; fi
  step "release build under /sail/ with the $size data"
  cp "$data" "$src/data/site.json"
  started=$(date +%s%N)
  (cd "$src" && trunk build --release --offline --public-url /sail/ --dist "$dist/$size")
  ms=$(( ($(date +%s%N) - started) / 1000000 ))
  build_times=$(node -e 'const t = JSON.parse(process.argv[1]); t[process.argv[2]] = Math.round(process.argv[3] / 100) / 10; console.log(JSON.stringify(t))' "$build_times" "$size" "$ms")
done
echo "$build_times" > "$out/build-seconds.json"
cp "$root/data/site.json" "$src/data/site.json"

step "a release wasm with its names, for twiggy"
tw=$CARGO_TARGET_DIR/twiggy
mkdir -p "$tw/bindgen"
# Its own target dir: a different strip setting would rebuild every crate in Trunk's.
(cd "$src" && CARGO_TARGET_DIR=$tw/target CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --locked --offline --target wasm32-unknown-unknown -p sail-site)
wasm-bindgen --target web --out-dir "$tw/bindgen" "$tw/target/wasm32-unknown-unknown/release/sail-site.wasm"
opt_flags=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$src/index.html")
# shellcheck disable=SC2086
wasm-opt -Oz -g $opt_flags -o "$tw/sail-site.opt.wasm" "$tw/bindgen/sail-site_bg.wasm"
shipped=$(ls "$dist"/*/*.wasm | head -1)
node bench/twiggy.mjs "$tw/sail-site.opt.wasm" "$out/twiggy.json" \
  "\`twiggy top\` on the release wasm built again with \`CARGO_PROFILE_RELEASE_STRIP=false\`, run through \`wasm-bindgen --target web\` and \`wasm-opt -Oz -g\` with the same feature flags as Trunk's build, so that it keeps the function names: $(wc -c < "$tw/sail-site.opt.wasm") bytes, against $(wc -c < "$shipped") bytes for the shipped (stripped) wasm. Sizes are shallow: the bytes of each function or data segment itself."

step "checking every data file with the app's model crate"
files=("$root/data/site.json")
for size in ${sizes//,/ }; do [ "$size" = bundled ] || files+=("$out/data/$size.json"); done
(cd "$src" && CARGO_TARGET_DIR=$CARGO_TARGET_DIR/check cargo run --release --offline --quiet --manifest-path bench/check/Cargo.toml -- "${files[@]}")

step "measuring in headless Chromium (takes a while at 100k)"
node bench/run.mjs --dist "$dist" --data-dir "$out/data" --work-dir "$out/sites" --sizes "$sizes" \
  --port "$port" --twiggy "$out/twiggy.json" --commit "$commit" --build-seconds "$out/build-seconds.json" \
  --out bench/results.json
if [[ ",$sizes," == *",bundled,"* ]]; then
  step "image budgets on the bundled build (phone, no input)"
  node bench/images.mjs "$dist/bundled" "$((port + 50))" > /dev/null
fi
node bench/report.mjs bench/results.json BENCHMARKS.md
step "done: BENCHMARKS.md, bench/results.json"

#!/usr/bin/env bash
# What each part of the app costs in the shipped wasm: the app is built again without that part,
# from a scratch copy of the working tree, and the difference is the part's share (gzip -9 of the
# wasm after wasm-bindgen and wasm-opt -Oz, the flags index.html gives Trunk). Twiggy names
# functions; this answers "what would we save without X", which is what a size budget needs.
# Writes bench/wasm-parts.md (bench/report.mjs copies it into BENCHMARKS.md).
#
#   bench/wasm-parts.sh        (needs what scripts/test.sh installs; about 2 minutes per part)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scratch=$PWD/target/wasm-parts
copy=$scratch/src
# A target directory of its own: a build of the copy in `target/` would leave Cargo serving
# stale artifacts to the real build (see scripts/bench.sh).
export CARGO_TARGET_DIR=$scratch/target
flags=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)

# Builds the copy; prints "raw gzip" bytes of the optimised wasm.
measure() {
  if ! cargo build --manifest-path "$copy/Cargo.toml" --release --target wasm32-unknown-unknown \
    --bin sail-site --offline --quiet 2>"$scratch/build.log"; then
    cat "$scratch/build.log" >&2
    exit 1
  fi
  wasm-bindgen --target web --out-dir "$scratch/bindgen" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/sail-site.wasm"
  # shellcheck disable=SC2086 # the flags are several words
  wasm-opt -Oz $flags -o "$scratch/app.wasm" "$scratch/bindgen/sail-site_bg.wasm"
  echo "$(wc -c <"$scratch/app.wasm") $(gzip -9c "$scratch/app.wasm" | wc -c)"
}

rm -rf "$copy"
mkdir -p "$copy"
git ls-files -z | xargs -0 cp --parents -t "$copy"
rm -rf "$scratch/pristine"
cp -r "$copy" "$scratch/pristine"
trap 'rm -rf "$scratch/pristine"' EXIT

rows=()
base_gz=
# part LABEL [FILE PERL-SUBSTITUTION]...: the app built from the copy with each substitution
# made (none: the app as it is), measured. A substitution that no longer matches stops the script.
part() {
  local label=$1 file expr raw gz
  shift
  rm -rf "$copy" && cp -r "$scratch/pristine" "$copy"
  while [ $# -gt 0 ]; do
    file=$1 expr=$2
    shift 2
    cp "$copy/$file" "$scratch/before"
    perl -0pi -e "$expr" "$copy/$file"
    if cmp -s "$scratch/before" "$copy/$file"; then
      echo "wasm-parts: the substitution for \"$label\" no longer matches $file; update it" >&2
      exit 1
    fi
  done
  echo "building without: $label" >&2
  read -r raw gz < <(measure)
  base_gz=${base_gz:-$gz}
  rows+=("| $label | $raw | $gz | $(awk -v b="$base_gz" -v g="$gz" 'BEGIN { printf "%.1f", (b - g) / 1000 }') |")
}

part "nothing (the wasm as shipped)"
part "the views of the content pages (home, profile, project, post, projects, old addresses, not found)" \
  src/app.rs 's/View::([ADFGHIJLMN])\(view! \{[^}]*\}\)/View::$1(())/g'
part "the views of the list pages (news, people, publications, posts)" \
  src/app.rs 's/View::([BCEK])\(view! \{[^}]*\}\)/View::$1(())/g'
part "every page's view (left: header and footer, site search, loader, model, runtime)" \
  src/app.rs 's/View::([A-N])\(view! \{[^}]*\}\)/View::$1(())/g'
part "site search (its dialog, index and results)" \
  src/app.rs 's/<SiteSearch\/>/""/g'
part "hydration (every page would be rendered afresh)" \
  src/lib.rs 's/if same_page \{/if false && same_page {/'
part "the data file's rules in the browser (its notices)" \
  crates/model/src/load.rs 's/notices\.extend\(validate::validate_at\(&data, &positions, today\)\);/let _ = (&positions, today);/'
part "the paths in data-file errors (serde_path_to_error)" \
  crates/model/src/load.rs 's/serde_path_to_error::deserialize\(&mut de\)\.map_err\(\|e\| \{.*?\n    \}\)/T::deserialize(&mut de).map_err(|e| (prefix.to_string(), strip_position(&e.to_string())))/s'
# The two rows below weigh the islands route: a wasm that answers only the News list (no other
# page's view, no site search, theme switch or footer), with the loader as it is, then with the
# least loader there could be (the file read straight into its types: no checks, notices, error
# paths or scan), as if the build had checked and digested the data beforehand.
news_only=(src/app.rs 's/View::([ACDEFGHIJKLMN])\(view! \{[^}]*\}\)/View::$1(())/g; s/<SiteSearch\/>/""/g; s/<ThemeToggle\/>/""/g; s/\{move \|\| match state\.get\(\) \{\n\s*LoadState::Ready \{ site, \.\. \} => Some\(footer_content[^}]*\}\s*\}/{""}/s')
part "every view but the News list's, and the header's search and theme switch, and the footer (left: the News list, the loader, the model, the runtime, the router)" "${news_only[@]}"
part "the same, and the loader's checks (the file read straight into its types: no rules, notices, error paths or scan)" "${news_only[@]}" \
  crates/model/src/load.rs 's/let Parsed \{.*?\} = parse_data_with\(text, checks\)\?;\n    if checks == Checks::All \{\n.*?\n    \}\n/let _ = (today, checks);\n    let data: SiteData = serde_json::from_str(text).map_err(|e| LoadError::NotJson { line: e.line(), column: e.column(), message: e.to_string() })?;\n    let (positions, notices) = (Positions::default(), Vec::new());\n/s'

{
  echo "## What each part costs in the wasm (issue 15)"
  echo
  echo "Measured by \`bench/wasm-parts.sh\` at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src crates || echo ' (with uncommitted changes)') on $(date -u '+%Y-%m-%d %H:%M') UTC: the app built again without one part at a time, from a scratch copy of the sources, then \`wasm-bindgen\` and \`wasm-opt -Oz\` as Trunk does, and gzip -9. The last column is what leaving that part out saves. The parts overlap (site search is in every page's shell), so the savings do not add up."
  echo
  echo "| built without | wasm bytes | gzip bytes | saves (KB gzip) |"
  echo "| --- | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "For scale (\`../shared/docs/toolchain.md\`): a Leptos 0.8 app with a router, gloo-net and serde and nothing else is about 120–145 KB gzip."
  echo
  echo "The last two rows weigh the islands route: a wasm that answers the News list and nothing else, as a News-list island would, with the loader as it is, then with the least loader there could be if the build checked and digested the data file beforehand. Both are above issue 15's goal of 200 KB."
} >bench/wasm-parts.md
cat bench/wasm-parts.md

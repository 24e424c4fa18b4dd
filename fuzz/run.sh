#!/usr/bin/env bash
# Runs one fuzz target: ./fuzz/run.sh <target> [seconds, default 600] [more libFuzzer flags]
# Seeds the load_site corpus with the bundled data file, uses the target's dictionary, one job.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run.sh <target> [seconds] [libFuzzer flags]}
secs=${2:-600}
shift $(( $# < 2 ? $# : 2 ))
mkdir -p "corpus/$target"
if [ "$target" = load_site ]; then
    cp ../data/site.json corpus/load_site/bundled-site.json
fi
# Long runs of one character (10^5 and 10^6 bytes): the inputs that made parsers quadratic.
# Generated here, not committed (corpus/ keeps only the seed-* files in git).
for c in '[' ']' '(' '*' '`' '\\' '{' '@' '&' '%' '"'; do
    name=$(printf '%s' "$c" | od -An -tx1 | tr -d ' ')
    head -c 100000 /dev/zero | tr '\0' "$c" > "corpus/$target/long-$name-1e5"
    head -c 1000000 /dev/zero | tr '\0' "$c" > "corpus/$target/long-$name-1e6"
done
dict=()
[ -f "dict/$target.dict" ] && dict=(-dict="dict/$target.dict")
exec cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$secs" -max_len=1048576 -jobs=1 -print_final_stats=1 "${dict[@]}" "$@"

#!/usr/bin/env bash
# Fuzz one target on the stable toolchain: fuzz/run.sh TARGET [RUNS] [-- LIBFUZZER_ARGS...]
#   TARGET: decode | decode_long | catalog | query | import
#   RUNS:   libFuzzer's -runs (default 10000000); -1 runs until stopped or a crash, 0 only
#           runs the corpus inputs once each.
# Seeds the corpus (fuzz/corpus/TARGET, gitignored) from the project's fixtures, then runs
# `cargo fuzz run -s none` (no sanitizer: stable Rust cannot build ASan; the code is safe Rust,
# so panics, overflows (debug assertions are on), hangs and memory blow-ups are what is looked
# for). Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh decode|decode_long|catalog|query|import [RUNS] [-- LIBFUZZER_ARGS...]}
shift
runs=10000000
if [[ $# -gt 0 && $1 != -- ]]; then
  runs=$1
  shift
fi
[[ ${1:-} == -- ]] && shift

root=..
corpus=corpus/$target
mkdir -p "$corpus" "artifacts/$target"
seed() { # seed DIR_OR_FILE...: copy files (not folders) into the corpus, named by their path
  local f
  for f in "$@"; do
    [[ -e $f ]] || continue
    if [[ -d $f ]]; then
      while IFS= read -r -d '' g; do seed "$g"; done < <(find "$f" -type f -print0)
    else
      local name=${f#"$root"/}
      cp -f "$f" "$corpus/seed-${name//\//_}" && chmod u+w "$corpus/seed-${name//\//_}"
    fi
  done
}
case $target in
  decode)
    seed "$root/tests/fixtures/pastes" "$root/assets/samples" "$root/tests/fixtures/hostile"
    dict=dicts/json.dict max_len=2048 ;;
  decode_long)
    # Recipes, not texts: a few pieces the target repeats to 32-256 KB (see its docs). An input
    # takes tens of milliseconds (two decodes of up to 512 KB), so its -timeout is longer.
    seed seeds/decode_long
    dict=dicts/triggers.dict max_len=256 timeout=60 ;;
  catalog)
    seed "$root"/catalogs/*.json "$root/tests/fixtures/catalogs"
    dict=dicts/json.dict max_len=8192 ;;
  query)
    seed seeds/query
    dict=dicts/query.dict max_len=512 ;;
  import)
    # The import target reads its first byte as the kind of file (see fuzz_targets/import.rs):
    # seeds are stored as they are, so that byte varies with the seed.
    seed "$root/tests/fixtures/import" "$root/tests/fixtures/seeds"
    dict=dicts/import.dict max_len=1024 ;;
  *)
    echo "unknown target: $target (decode, decode_long, catalog, query, import)" >&2
    exit 2 ;;
esac

# -timeout: a single input taking this long is a hang. -rss_limit_mb: memory blow-ups are crashes.
# -max_len: per target, above its largest seed (catalogs are up to ~100 KB); override by passing
# -max_len=N after `--`.
# FUZZ_FLAGS: more `cargo fuzz run` options, e.g. FUZZ_FLAGS=--no-trace-compares (about three
# times the executions per second, less guidance on comparisons: for long runs on a grown corpus).
# shellcheck disable=SC2086
exec cargo fuzz run -s none ${FUZZ_FLAGS:-} "$target" "$corpus" -- \
  -runs="$runs" -dict="$dict" -timeout="${timeout:-20}" -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 "$@"

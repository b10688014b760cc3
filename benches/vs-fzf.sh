#!/usr/bin/env bash
# errdex against `fzf --filter` on the same synthetic rows, in one run, alternating:
#
#   errdex search "tokn exprd" --catalog syn-N.json --limit 20
#   fzf --filter "tokn exprd" < syn-N.txt | head -20
#
# at 100k and 1M rows (wall time and peak memory from /usr/bin/time, the median of RUNS runs,
# and errdex/fzf ratios), then a whole-process CLI search on the embedded catalogs (hyperfine).
# The data is made once by benches/gen_catalog.py into benches/data/ (not in git).
#
#   benches/vs-fzf.sh                 # RUNS=5 SIZES="100000 1000000" by default
#   RUNS=3 SIZES=100000 benches/vs-fzf.sh
#
# Needs python3, fzf, hyperfine and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
SIZES=${SIZES:-"100000 1000000"}
QUERY="tokn exprd"
TARGET=${CARGO_TARGET_DIR:-target}

for tool in python3 fzf hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "vs-fzf.sh: $tool is needed" >&2; exit 2; }
done

cargo build --release --quiet
BIN="$TARGET/release/errdex"

# User catalogs must not take part.
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
SCRATCH=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME" "$SCRATCH"' EXIT

label() {
  if (($1 % 1000000 == 0)); then echo "$(($1 / 1000000))M"
  elif (($1 % 1000 == 0)); then echo "$(($1 / 1000))k"
  else echo "$1"; fi
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs "$@" under /usr/bin/time; appends "seconds KB" to $SCRATCH/$name.
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$SCRATCH/one" "$@" >/dev/null
  cat "$SCRATCH/one" >>"$SCRATCH/$name"
}

echo "errdex $(git describe --always --dirty 2>/dev/null || echo '?'), $(fzf --version | head -1 | sed 's/^/fzf /'),"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%F)"
echo "query: \"$QUERY\", $RUNS runs each, alternating (median shown)"
echo

results=()
for n in $SIZES; do
  l=$(label "$n")
  json="benches/data/syn-$l.json"
  txt="benches/data/syn-$l.txt"
  if [[ ! -f $json || ! -f $txt ]]; then
    mkdir -p benches/data
    echo "making $json and $txt ($n rows)..."
    python3 benches/gen_catalog.py "$n" "$json" --lines "$txt"
  fi
  rm -f "$SCRATCH/errdex-$l" "$SCRATCH/fzf-$l"
  for ((i = 1; i <= RUNS; i++)); do
    # Alternate which goes first, so neither always runs on a warmer (or busier) machine.
    if ((i % 2)); then
      measure "errdex-$l" "$BIN" search "$QUERY" --catalog "$json" --limit 20
      measure "fzf-$l" sh -c "fzf --filter '$QUERY' < '$txt' | head -20"
    else
      measure "fzf-$l" sh -c "fzf --filter '$QUERY' < '$txt' | head -20"
      measure "errdex-$l" "$BIN" search "$QUERY" --catalog "$json" --limit 20
    fi
    printf '%-5s run %d: errdex %5.2f s %5d MB   fzf %5.2f s %5d MB\n' "$l" "$i" \
      "$(tail -1 "$SCRATCH/errdex-$l" | cut -d' ' -f1)" "$(($(tail -1 "$SCRATCH/errdex-$l" | cut -d' ' -f2) / 1024))" \
      "$(tail -1 "$SCRATCH/fzf-$l" | cut -d' ' -f1)" "$(($(tail -1 "$SCRATCH/fzf-$l" | cut -d' ' -f2) / 1024))"
  done
  ew=$(cut -d' ' -f1 "$SCRATCH/errdex-$l" | median)
  fw=$(cut -d' ' -f1 "$SCRATCH/fzf-$l" | median)
  em=$(cut -d' ' -f2 "$SCRATCH/errdex-$l" | median)
  fm=$(cut -d' ' -f2 "$SCRATCH/fzf-$l" | median)
  results+=("$(awk -v l="$l" -v ew="$ew" -v fw="$fw" -v em="$em" -v fm="$fm" 'BEGIN {
    printf "| %s | %.2f s | %.2f s | %.2f | %d MB | %d MB | %.2f |", l, ew, fw, ew / fw, em / 1024, fm / 1024, em / fm }')")
done

echo
echo "| rows | errdex wall | fzf wall | errdex/fzf | errdex peak | fzf peak | errdex/fzf |"
echo "|---|---|---|---|---|---|---|"
for r in "${results[@]}"; do echo "$r"; done

echo
echo "embedded catalogs, whole process: errdex search \"$QUERY\" --limit 20"
hyperfine -N --warmup 20 --runs 300 --export-json "$SCRATCH/embedded.json" \
  "$BIN search '$QUERY' --limit 20" >/dev/null
python3 - "$SCRATCH/embedded.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"median {r['median'] * 1000:.1f} ms, mean {r['mean'] * 1000:.1f} ms "
      f"± {r['stddev'] * 1000:.1f} ms, min {r['min'] * 1000:.1f} ms ({len(r['times'])} runs)")
EOF

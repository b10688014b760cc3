#!/usr/bin/env bash
# The whole enum of a large user catalog in every language, whole process (catalog loading
# included): wall time, peak memory and the size of what was written, beside a peer in the same
# run: jq writing one line per code (`"code" => "message",`) from the same file, far less than
# an enum but the same reading and escaping (median of RUNS runs).
#
#   benches/snippet.sh               # RUNS=3 ROWS=100000 by default (benches/data/syn-100k.json)
#
# Needs python3, jq and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
ROWS=${ROWS:-100000}
TARGET=${CARGO_TARGET_DIR:-target}
for tool in python3 jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "snippet.sh: $tool is needed" >&2; exit 2; }
done
cargo build --release --quiet
BIN="$TARGET/release/errdex"
case $ROWS in
  *000000) label="$((ROWS / 1000000))M" ;;
  *000) label="$((ROWS / 1000))k" ;;
  *) label=$ROWS ;;
esac
json="benches/data/syn-$label.json"
if [[ ! -f $json ]]; then
  mkdir -p benches/data
  python3 benches/gen_catalog.py "$ROWS" "$json" --lines "benches/data/syn-$label.txt"
fi
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
SCRATCH=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME" "$SCRATCH"' EXIT
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "errdex $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "errdex snippet synthetic --enum --lang L --catalog $json ($ROWS rows, $(($(stat -c %s "$json") / 1024 / 1024)) MB)"
echo
echo "| language | wall | peak memory | output | memory/output |"
echo "|---|---|---|---|---|"
for lang in rust typescript javascript python go java kotlin csharp php ruby; do
  : >"$SCRATCH/t"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$SCRATCH/one" "$BIN" snippet synthetic --enum --lang "$lang" \
      --catalog "$json" >"$SCRATCH/out"
    cat "$SCRATCH/one" >>"$SCRATCH/t"
  done
  wall=$(cut -d' ' -f1 "$SCRATCH/t" | median)
  kb=$(cut -d' ' -f2 "$SCRATCH/t" | median)
  out=$(stat -c %s "$SCRATCH/out")
  awk -v l="$lang" -v w="$wall" -v kb="$kb" -v o="$out" \
    'BEGIN { printf "| %s | %.2f s | %d MB | %d MB | %.1f |\n", l, w, kb / 1024, o / 1048576, kb * 1024 / o }'
done
: >"$SCRATCH/t"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$SCRATCH/one" \
    jq -r '.entries[] | "\(.code | tojson) => \(.message | tojson),"' "$json" >"$SCRATCH/out"
  cat "$SCRATCH/one" >>"$SCRATCH/t"
done
awk -v w="$(cut -d' ' -f1 "$SCRATCH/t" | median)" -v kb="$(cut -d' ' -f2 "$SCRATCH/t" | median)" \
  -v o="$(stat -c %s "$SCRATCH/out")" \
  'BEGIN { printf "| jq, one line per code | %.2f s | %d MB | %d MB | %.1f |\n", w, kb / 1024, o / 1048576, kb * 1024 / o }'

#!/usr/bin/env bash
# Start-up against the number of embedded entries: the shipped catalogs are packed when errdex is
# built, so a run costs the same with today's entries or with 20,000 more. Side by side, in one
# run, whole process (benches/whole_process.py: in turn, no shell, wall and CPU time, median):
#
#   errdex search 1004            with the shipped catalogs, and with 20,000 generated entries
#                                 compiled in (ERRDEX_EXTRA_CATALOGS, 20 catalogs of 1,000,
#                                 vendor ids synthetic-a … synthetic-t)
#   fzf --filter 1004 < LINES     over the same rows as lines, for each of the two sets
#   errdex vendors                both binaries
#   completion of vendor ids      ERRDEX_COMPLETE=fish errdex -- errdex show ''
#   the explorer's first frame    benches/first_frame.py, both binaries
#
# and, for comparison, BASE (a binary that parses its catalogs at start, e.g. a build of an
# older commit; skipped when missing) with the same 20,000 entries as a user catalog.
#
#   benches/startup.sh                       # RUNS=50
#   BASE=/path/to/old/errdex RUNS=30 benches/startup.sh
#
# Builds two release binaries (about two minutes each on two cores). Needs python3 and fzf. The
# generated data goes to benches/data/ (not in git).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-50}
BASE=${BASE:-}
TARGET=${CARGO_TARGET_DIR:-target}
DATA=benches/data/startup
EXTRA="$DATA/catalogs-20k"

for tool in python3 fzf; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is needed" >&2; exit 2; }
done

mkdir -p "$DATA"
# 20,000 generated entries as 20 catalogs of 1,000, and the rows of
# each binary's default view as lines (vendor code status message | description), for fzf.
python3 - "$EXTRA" "$DATA" <<'EOF'
import json, subprocess, sys, tempfile
from pathlib import Path
extra, data = Path(sys.argv[1]), Path(sys.argv[2])

def lines(catalogs):
    out = []
    for c in catalogs:
        for e in c["entries"]:
            desc = e.get("description")
            desc = "; ".join(desc) if isinstance(desc, list) else desc or ""
            out.append(f"{c['vendor']['id']} {e['code']} {e.get('http_status') or ''} "
                       f"{e.get('message') or e.get('symbol') or ''} | {desc}".replace("\n", " "))
    return out

shipped = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path("catalogs").glob("*.json"))
           if p.name not in ("schema.json", "kinds.json")]
superseded = {(c["vendor"]["id"], c["edition"].get("supersedes")) for c in shipped}
newest = [c for c in shipped if (c["vendor"]["id"], c["edition"]["id"]) not in superseded]
if not extra.is_dir():
    extra.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        whole = Path(tmp) / "syn.json"
        subprocess.run([sys.executable, "benches/gen_catalog.py", "20000", str(whole)], check=True)
        c = json.loads(whole.read_text(encoding="utf-8"))
    for k in range(20):
        letter = "abcdefghijklmnopqrst"[k]
        part = dict(c, vendor=dict(c["vendor"], id=f"synthetic-{letter}", name=f"Synthetic {letter}"),
                    entries=c["entries"][k * 1000:(k + 1) * 1000])
        (extra / f"synthetic-{letter}.json").write_text(json.dumps(part, ensure_ascii=False), encoding="utf-8")
generated = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(extra.glob("*.json"))]
(data / "rows-shipped.txt").write_text("\n".join(lines(newest)) + "\n", encoding="utf-8")
(data / "rows-20k.txt").write_text("\n".join(lines(newest + generated)) + "\n", encoding="utf-8")
EOF

echo "building errdex with 20,000 more entries compiled in..."
ERRDEX_EXTRA_CATALOGS="$PWD/$EXTRA" cargo build --release --quiet
cp "$TARGET/release/errdex" "$DATA/errdex-20k"
echo "building errdex with the shipped catalogs..."
cargo build --release --quiet
cp "$TARGET/release/errdex" "$DATA/errdex"

XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME HOME=$XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

SHIPPED_ROWS=$(wc -l <"$DATA/rows-shipped.txt")
ALL_ROWS=$(wc -l <"$DATA/rows-20k.txt")
echo
echo "errdex $(git describe --always --dirty 2>/dev/null || echo '?'), $(fzf --version | head -1 | sed 's/^/fzf /')"
echo "$(nproc) cores; uptime: $(uptime)"
echo "binary size: $(stat -c %s "$DATA/errdex") bytes shipped, $(stat -c %s "$DATA/errdex-20k") bytes with 20k${BASE:+, $(stat -c %s "$BASE") bytes BASE}"
echo "$RUNS runs each, in turn"
echo

# NAME|STDIN|COMMAND
cases=(
  "errdex search 1004 ($SHIPPED_ROWS rows)||$DATA/errdex search 1004"
  "errdex search 1004 ($ALL_ROWS rows)||$DATA/errdex-20k search 1004"
  "fzf --filter 1004 ($SHIPPED_ROWS lines)|$DATA/rows-shipped.txt|fzf --filter 1004"
  "fzf --filter 1004 ($ALL_ROWS lines)|$DATA/rows-20k.txt|fzf --filter 1004"
  "errdex vendors ($SHIPPED_ROWS rows)||$DATA/errdex vendors"
  "errdex vendors ($ALL_ROWS rows)||$DATA/errdex-20k vendors"
  "errdex show errno ENOENT ($SHIPPED_ROWS rows)||$DATA/errdex show errno ENOENT"
  "errdex show errno ENOENT ($ALL_ROWS rows)||$DATA/errdex-20k show errno ENOENT"
  "complete vendor ids ($SHIPPED_ROWS rows)||ERRDEX_COMPLETE=fish $DATA/errdex -- errdex show ''"
  "complete vendor ids ($ALL_ROWS rows)||ERRDEX_COMPLETE=fish $DATA/errdex-20k -- errdex show ''"
)
if [[ -n $BASE && -x $BASE ]]; then
  cases+=(
    "BASE search 1004 ($SHIPPED_ROWS rows)||$BASE search 1004"
    "BASE search 1004 (+20k as user catalogs)||$BASE --catalog $EXTRA search 1004"
    "BASE vendors ($SHIPPED_ROWS rows)||$BASE vendors"
    "BASE complete vendor ids ($SHIPPED_ROWS rows)||ERRDEX_COMPLETE=fish $BASE -- errdex show ''"
  )
fi
python3 benches/whole_process.py "$RUNS" "${cases[@]}"

echo
echo "explorer, first frame and first results (benches/first_frame.py):"
for bin in "$DATA/errdex" "$DATA/errdex-20k" ${BASE:+"$BASE"}; do
  printf '%s: ' "$bin"
  python3 benches/first_frame.py "$bin" 0
done

#!/usr/bin/env bash
# `errdex annotate` over a generated log, beside peers reading the same file in the same run:
# `cat` (the floor: bytes through a pipe), `grep -c` (a search that prints nothing per line) and,
# when installed, `tspin` (tailspin, a log highlighter: the closest peer that writes every line).
# The log mixes plain lines, JSON lines (structured logging, every one decoded) and 1% errors.
#
#   benches/annotate.sh             # SIZE_MB=256 by default; SIZE_MB=1024 for 1 GB
#
# Needs python3 and hyperfine; tspin is optional (`cargo install tailspin`).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-256}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
BIN="$TARGET/release/errdex"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
python3 - "$DATA/log.txt" "$SIZE_MB" <<'EOF2'
import random, sys
random.seed(1)
path, size_mb = sys.argv[1], int(sys.argv[2])
errors = ['{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}',
          '{"success":false,"errResponse":{"code":1004,"message":"Token is invalid or expired"}}',
          'dial tcp 10.0.0.1:5432: connect: connection refused',
          'rpc error: code = Unavailable desc = transport is closing',
          'curl: (28) Operation timed out after 5000 milliseconds']
# A block of 10,000 lines, repeated: the mix is the same at every size.
block = []
for i in range(10_000):
    r = random.random()
    if r < 0.01:
        line = f'2024-05-13T10:14:{random.randint(10, 59)}Z ERROR request failed {random.choice(errors)}'
    elif r < 0.3:
        line = ('{"ts":"2024-05-13T10:14:%02dZ","level":"info","msg":"request","path":"/api/v1/items/%d",'
                '"status":200,"ms":%d}' % (random.randint(10, 59), random.randint(1, 99999), random.randint(1, 900)))
    else:
        line = (f'2024-05-13T10:14:{random.randint(10, 59)}Z INFO GET /api/v1/items/'
                f'{random.randint(1, 99999)} 200 {random.randint(1, 900)}ms trace={random.randint(1, 10**9)}')
    block.append(line)
block = ("\n".join(block) + "\n").encode()
with open(path, "wb") as f:
    for _ in range(max(1, size_mb * 1024 * 1024 // len(block))):
        f.write(block)
EOF2
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
LOG="$DATA/log.txt"
echo "== log.txt: $(($(stat -c %s "$LOG") / 1024 / 1024)) MB, $(wc -l < "$LOG") lines"
# grep's count goes through a pipe: GNU grep writing to /dev/null stops at the first match
# (as -q does), so it would not read the file.
PEERS=("cat $LOG" "bash -c \"grep -c '\\\"code\\\"' $LOG | cat\"")
if command -v tspin >/dev/null; then PEERS+=("tspin --print $LOG"); fi
# Output to /dev/null, as `errdex annotate > /dev/null` (a pipe adds its own cost to everyone).
hyperfine -N --warmup 1 --runs "$RUNS" \
  "$BIN annotate $LOG" "$BIN annotate --only $LOG" "${PEERS[@]}" 2>/dev/null |
  grep -E "Benchmark|Time|±|faster|annotate|cat|grep|tspin"
echo "== peak memory (KB)"
/usr/bin/time -f "%M  errdex annotate" "$BIN" annotate "$LOG" > /dev/null
/usr/bin/time -f "%M  grep -c" grep -c '"code"' "$LOG" > /dev/null
if command -v tspin >/dev/null; then /usr/bin/time -f "%M  tspin" tspin --print "$LOG" > /dev/null; fi

#!/usr/bin/env bash
# `errdex decode` on two 16 MB pastes (the most it takes), beside `grep -c` reading the same
# file, in one run: a log of 1% error lines (JSON bodies, Go and gRPC printouts), and nothing but
# error bodies (decoding stops reporting at 1000). grep's count goes through a pipe: GNU grep
# writing to /dev/null stops at the first match (as -q does), so it would not read the file.
#
#   benches/decode.sh          # RUNS=10 by default
#
# Needs python3 and hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
BIN="$TARGET/release/errdex"
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
python3 - "$DATA" <<'EOF'
import random, sys
random.seed(1)
out = sys.argv[1]
limit = 16 * 1024 * 1024 - 1024
bodies = ['{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}',
          '{"success":false,"errResponse":{"code":1004,"message":"Token is invalid or expired"}}',
          'dial tcp 10.0.0.1:5432: connect: connection refused',
          'rpc error: code = Unavailable desc = transport is closing']
lines, size = [], 0
while size < limit:
    if random.random() < 0.01:
        line = f'2024-05-13T10:14:{random.randint(10, 59)}Z ERROR request failed {random.choice(bodies)}'
    else:
        line = (f'2024-05-13T10:14:{random.randint(10, 59)}Z INFO GET /api/v1/items/'
                f'{random.randint(1, 99999)} 200 {random.randint(1, 900)}ms trace={random.randint(1, 10**9)}')
    lines.append(line)
    size += len(line) + 1
open(f"{out}/log.txt", "w").write("\n".join(lines))
body = '{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}\n'
open(f"{out}/bodies.txt", "w").write(body * (limit // len(body)))
EOF
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
for f in log bodies; do
  echo "== $f.txt ($(($(stat -c %s "$DATA/$f.txt") / 1024 / 1024)) MB)"
  hyperfine -N -i --warmup 2 --runs "$RUNS" \
    "$BIN decode $DATA/$f.txt" "bash -c \"grep -c code $DATA/$f.txt | cat\"" 2>/dev/null | grep -E "Time|±|faster|decode|grep"
done

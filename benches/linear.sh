#!/usr/bin/env bash
# Linear time on hostile input: each case is a piece of text repeated (a trigger word, a
# printout's prefix, a status line, a body), decoded (`errdex decode FILE`) or annotated
# (`errdex annotate FILE`, on one long line or on many lines). Each input is doubled from 16 KB
# until errdex takes a measurable time on it, then timed at that size and at twice it; the
# ratio of the two times must stay near 2 (at most RATIO, 2.6 by default: doubling the input at
# most doubles the time, with room for noise). The time is the CPU time errdex used (user +
# system, from wait4), less that of an empty input, so other work on the machine matters little.
#
#   benches/linear.sh                 # every case; exit 1 if one is super-linear
#   benches/linear.sh colon http      # the cases whose names contain one of these words
#   benches/linear.sh --list          # the cases' names
#   BIN=/usr/local/bin/errdex-base benches/linear.sh   # another binary (no build)
#
# Columns: case, size timed, seconds at that size and at twice it, their ratio, verdict. A
# case that takes over LIMIT seconds of CPU (20) is stopped and counted super-linear. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${BIN:-} ]]; then
  cargo build --release --quiet
  BIN=${CARGO_TARGET_DIR:-target}/release/errdex
fi
exec python3 - "$BIN" "$@" <<'EOF'
import os, resource, signal, subprocess, sys, tempfile, time

BIN = sys.argv[1]
ARGS = sys.argv[2:]
RATIO = float(os.environ.get("RATIO", "2.6"))
LIMIT = float(os.environ.get("LIMIT", "20"))
# Measurable: this much CPU above an empty input's, at the smaller size.
ENOUGH = float(os.environ.get("ENOUGH", "0.3"))
REPS = int(os.environ.get("REPS", "3"))
# `decode` refuses more than 16 MiB (twice 4 MiB stays below); `annotate` decodes lines of at
# most 1 MiB.
DECODE_MAX = 4 << 20
LINE_MAX = 512 << 10
MANY_MAX = 64 << 20

# (name, command, how the unit is repeated, unit). `line`: the unit repeated on one line (for
# annotate, after `ERROR `, so that the line is decoded); `lines`: the unit is whole lines,
# repeated.
CASES = [
    # Issue 32's reproductions.
    ("colon-space", "decode", "line", ": "),
    ("http-400-status", "decode", "line", "HTTP/1.1 400 "),
    ("grpc-go-prefix", "decode", "line", "rpc error: code = "),
    ("errno-node-symbol", "decode", "line", "ECONNREFUSED "),
    ("errno-python", "decode", "line", "[Errno 2] "),
    ("annotate-colon-space", "annotate", "line", ": "),
    ("annotate-grpc-go-prefix", "annotate", "line", "rpc error: code = "),
    ("annotate-http-400-status", "annotate", "line", "HTTP/1.1 400 "),
    # The families' printouts (src/decode/families.rs), whole and cut short.
    ("grpc-go-whole", "decode", "line", "rpc error: code = Unavailable desc = x "),
    ("grpc-java", "decode", "line", "StatusRuntimeException: UNAVAILABLE: "),
    ("grpc-python", "decode", "line", "StatusCode.UNAVAILABLE "),
    ("grpc-python-status", "decode", "line", "status = StatusCode.NOT_FOUND "),
    ("grpc-node", "decode", "line", "Error: 14 UNAVAILABLE: "),
    ("grpcurl", "decode", "lines", "ERROR:\n  Code: NotFound\n  Message: x\n"),
    ("grpc-status-header", "decode", "line", "grpc-status: 14 "),
    # Error details (src/decode/rpc_status.rs, rpc_text.rs) beside a gRPC error.
    ("grpc-details-bin", "decode", "lines", "grpc-status-details-bin: CAgSDnF1b3RhIGV4Y2VlZGVk\n"),
    ("grpc-details-go", "decode", "line", "rpc error: code = Unavailable desc = x [retry_delay:{seconds:1}] "),
    ("grpc-details-untyped", "decode", "line", 'Code: NotFound\n  Message: x reason:"A" reason:"A" '),
    ("grpc-details-typed-open", "decode", "line", '[type.googleapis.com/google.rpc.Help]: { links { url: "x" '),
    ("errno-rust", "decode", "line", "(os error 111) "),
    ("errno-rust-debug", "decode", "line", 'Os { code: 2, kind: NotFound, message: "x" } '),
    ("errno-go-message", "decode", "line", "dial tcp: connect: connection refused "),
    ("errno-message-lines", "decode", "lines", "open /x: permission denied\n"),
    ("postgres-sqlstate", "decode", "line", "SQLSTATE 23505 "),
    ("postgres-jdbc", "decode", "line", "SQL state: 23505 "),
    ("postgres-attribute", "decode", "line", "sqlstate: 23505 "),
    ("postgres-node", "decode", "line", "severity: 'ERROR' code: '23505' "),
    ("postgres-severity-only", "decode", "line", "severity: 'ERROR' "),
    ("postgres-psycopg", "decode", "line", "psycopg2.errors.UniqueViolation "),
    ("postgres-ruby", "decode", "line", "PG::UniqueViolation "),
    ("postgres-mysqlish", "decode", "line", "ERROR 23505 (unique_violation) "),
    ("sqlite-symbol", "decode", "line", "SQLITE_BUSY "),
    ("sqlite-python", "decode", "line", "sqlite3.OperationalError: database is locked "),
    ("sqlite-python-lines", "decode", "lines", "sqlite3.OperationalError: database is locked\n"),
    ("sqlite-extended", "decode", "line", "extended_code: 5 "),
    ("curl-cli", "decode", "line", "curl: (28) "),
    ("curl-php", "decode", "line", "cURL error 28: "),
    ("curl-python", "decode", "line", "pycurl.error: (28, '"),
    # Printouts in other shapes (src/decode/printouts.rs).
    ("go-struct-open", "decode", "line", "&{Code:"),
    ("go-struct", "decode", "line", "&{Code:1302 Message:x} "),
    ("go-map-open", "decode", "line", "map[code:"),
    ("go-brace-key", "decode", "line", "{a:"),
    ("go-brace-key-closed", "decode", "line", "{a:{a:{a:x} "),
    ("go-values-unclosed", "decode", "line", 'links:{url:"x" '),
    ("kotlin-open", "decode", "line", "Body(code="),
    ("kotlin-unclosed", "decode", "line", "k=A(a=1, "),
    ("kotlin", "decode", "line", "Body(code=1302, message=x) "),
    ("lombok-open", "decode", "line", "Body{code="),
    ("yaml-pairs", "decode", "lines", "code: 1302\n"),
    ("yaml-nested", "decode", "lines", "response:\n  code: 1302\n  message: x\n"),
    ("php-print-r", "decode", "lines", "Array\n(\n    [code] => 1302\n"),
    ("php-var-dump", "decode", "lines", 'array(1) {\n  ["code"]=>\n'),
    # JSON-ish documents (src/decode/extract.rs, lenient.rs, envelope.rs).
    ("json-open-brace", "decode", "line", "{"),
    ("json-open-bracket", "decode", "line", "["),
    ("json-open-key", "decode", "line", '{"code":'),
    ("json-error-bodies", "decode", "lines", '{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}\n'),
    ("json-escaped", "decode", "line", '"{\\"code\\":1302,'),
    ("json-problem", "decode", "line", '{"status": 404, "error": "Not Found"} '),
    ("json-array-items", "decode", "line", '[{"code":1302}, '),
    ("http-status-and-body", "decode", "lines", 'HTTP/1.1 403 Forbidden\n{"error":1,"code":1302}\n'),
    ("http-status-lines", "decode", "lines", "HTTP/1.1 500 Internal Server Error\n"),
    ("http-status-and-yaml", "decode", "lines", "HTTP/1.1 400 Bad Request\ncode: 7\nmessage: x\n"),
    ("json-and-yaml", "decode", "lines", '{"a":{"b":1}}\ncode: 7\nmessage: x\n'),
    # Bare lines compared with catalog messages.
    ("bare-message-lines", "decode", "lines", "Token is invalid or expired\n"),
    ("bare-log-lines", "decode", "lines", "2024-05-13 ERROR upstream connection reset by peer\n"),
    # annotate: one long line of trigger words, and many lines.
    ("annotate-errno-node-symbol", "annotate", "line", "ECONNREFUSED "),
    ("annotate-errno-python", "annotate", "line", "[Errno 2] "),
    ("annotate-error-words", "annotate", "line", "error code failed timeout "),
    ("annotate-json-open-brace", "annotate", "line", "{"),
    ("annotate-go-brace-key", "annotate", "line", "{a:"),
    ("annotate-error-lines", "annotate", "lines", 'ERROR upstream {"error":1,"code":1302}\n'),
    ("annotate-open-bodies", "annotate", "lines", "{\n"),
    ("annotate-indented-context", "annotate", "lines", "response:\n  code: 7\n"),
    ("annotate-triggered-context", "annotate", "lines", "error\n  detail\n"),
]

TICK = os.sysconf("SC_CLK_TCK")

def cpu_so_far(pid, started):
    """CPU seconds a running process has used (wall seconds where /proc cannot say)."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return time.monotonic() - started

def cpu_run(cmd, path):
    """CPU seconds (user + system) errdex spent on `path`, or None past LIMIT."""
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen([BIN, "--no-user-catalogs", cmd, path], stdout=null, stderr=null)
        started = time.monotonic()
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                p.returncode = status
                # decode exits 1 when it finds nothing; anything else is a failure to report.
                code = os.waitstatus_to_exitcode(status)
                if code not in (0, 1):
                    sys.exit(f"{BIN} {cmd} {path} failed (exit {code})")
                return usage.ru_utime + usage.ru_stime
            if cpu_so_far(p.pid, started) > LIMIT:
                p.kill()
                os.wait4(p.pid, 0)
                return None
            time.sleep(0.01)

def best(cmd, path):
    times = []
    for _ in range(REPS):
        t = cpu_run(cmd, path)
        if t is None:
            return None
        times.append(t)
    return min(times)

def make(cmd, shape, unit, size):
    u = unit.encode()
    n = max(1, size // len(u))
    if shape == "lines":
        return u * n
    # annotate decodes only the lines with a trigger word: one at the start is enough.
    return (b"ERROR " if cmd == "annotate" else b"") + u * n + b"\n"

def main():
    if ARGS == ["--list"]:
        for c in CASES:
            print(c[0])
        return 0
    cases = [c for c in CASES if not ARGS or any(a in c[0] for a in ARGS)]
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "input.txt")
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "wb").close()
    base = {cmd: best(cmd, empty) for cmd in ("decode", "annotate")}
    print(f"{BIN}: CPU on an empty input: decode {base['decode']:.3f} s, annotate {base['annotate']:.3f} s")
    print(f"{'case':32} {'size':>9} {'time':>8} {'2x time':>8} {'ratio':>6}")
    bad = []
    for name, cmd, shape, unit in cases:
        top = DECODE_MAX if cmd == "decode" else LINE_MAX if shape == "line" else MANY_MAX
        size = 16 << 10
        while True:
            open(path, "wb").write(make(cmd, shape, unit, size))
            t1 = best(cmd, path)
            if t1 is None or t1 - base[cmd] >= ENOUGH or size >= top:
                break
            size *= 2
        if t1 is None:
            print(f"{name:32} {size >> 10:>7}KB {'>' + str(LIMIT):>8} {'':>8} {'':>6}  SUPER-LINEAR (stopped)", flush=True)
            bad.append(name)
            continue
        open(path, "wb").write(make(cmd, shape, unit, 2 * size))
        t2 = best(cmd, path)
        if t2 is None:
            print(f"{name:32} {size >> 10:>7}KB {t1:8.2f} {'>' + str(LIMIT):>8} {'':>6}  SUPER-LINEAR (stopped)", flush=True)
            bad.append(name)
            continue
        w1, w2 = max(t1 - base[cmd], 1e-3), max(t2 - base[cmd], 1e-3)
        ratio = w2 / w1
        # Below ENOUGH even at the largest size: too fast to tell, and linear enough.
        verdict = "ok" if ratio <= RATIO or w2 < ENOUGH else "SUPER-LINEAR"
        if verdict != "ok":
            bad.append(name)
        print(f"{name:32} {size >> 10:>7}KB {t1:8.2f} {t2:8.2f} {ratio:6.2f}  {verdict}", flush=True)
    os.remove(path)
    os.remove(empty)
    os.rmdir(tmp)
    if bad:
        print(f"super-linear: {', '.join(bad)}")
        return 1
    print("every case linear")
    return 0

sys.exit(main())
EOF

#!/usr/bin/env python3
"""The explorer's first frame, whole process: errdex is started in a pseudo-terminal (120x35)
and timed from the start to its first screen (drawn before any catalog is read), and to the
first screen with results. Then it is sent `q`. The pseudo-terminal answers errdex's background
query as terminals do (OSC 11 with a dark colour, then DA1), so the time is what a user sees,
not errdex's 150 ms wait for a terminal that never answers.

    benches/first_frame.py [ERRDEX] [ROWS...]      # ROWS: 0 (embedded only), 1000000, ...

Default: target/release/errdex (or $CARGO_TARGET_DIR's), embedded only and 1M rows, 5 runs
each, median shown. The 1M catalog is made by benches/gen_catalog.py if missing.
"""
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = 5


def label(n):
    return f"{n // 1000000}M" if n % 1000000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def catalog(rows):
    path = os.path.join(HERE, "data", f"syn-{label(rows)}.json")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_catalog.py"), str(rows), path,
                        "--lines", path[:-5] + ".txt"], check=True)
    return path


def once(binary, args, config):
    """Seconds to the first frame and to the first frame with results."""
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
        os.environ["XDG_CONFIG_HOME"] = config
        os.environ.pop("DISPLAY", None)
        os.environ.pop("WAYLAND_DISPLAY", None)
        os.execv(binary, [binary, "--no-mouse"] + args)
    seen, first, ready = b"", None, None
    deadline = start + 120
    while ready is None and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        now = time.monotonic()
        if b"\x1b]11;?" in chunk:
            os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
        if b"\x1b[c" in chunk:
            os.write(fd, b"\x1b[?62;22c")
        seen += chunk
        if first is None and b"loading catalogs" in seen:
            first = now - start
        # The sidebar appears once the index is there.
        if first is not None and b"Vendors" in seen:
            ready = now - start
    os.write(fd, b"q")
    # Drain until it exits, so the terminal is restored and the process reaped.
    end = time.monotonic() + 10
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                if not os.read(fd, 1 << 16):
                    break
            except OSError:
                break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
    return first, ready


def main():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target"))
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "release", "errdex")
    sizes = [int(a) for a in sys.argv[2:]] or [0, 1000000]
    with tempfile.TemporaryDirectory() as config:
        for rows in sizes:
            args = ["--catalog", catalog(rows)] if rows else []
            runs = [once(binary, args, config) for _ in range(RUNS)]
            firsts = [f * 1000 for f, _ in runs if f is not None]
            readies = [r * 1000 for _, r in runs if r is not None]
            name = f"{label(rows)} rows" if rows else "embedded"
            print(f"{name:>10}: first frame median {statistics.median(firsts):6.1f} ms "
                  f"(max {max(firsts):.1f}), results shown median "
                  f"{statistics.median(readies):7.1f} ms ({len(runs)} runs)")


if __name__ == "__main__":
    main()

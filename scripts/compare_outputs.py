#!/usr/bin/env python3
"""Runs the same commands through two errdex binaries and says where their outputs differ.

    scripts/compare_outputs.py [BASE] [NEW]

BASE defaults to /usr/local/bin/errdex-base (a release build of main), NEW to
target/release/errdex. Each command's standard output, standard error and exit code are compared
byte for byte: `vendors`; `show` of every code of every shipped catalog, each edition, as text
and as JSON, and of symbols; `search` with a set of queries; `decode` of every paste fixture;
`annotate` of the pastes; `snippet` of every vendor in every language (an enum, the envelope, and
arms for a few codes); `catalog diff`; shell completion of vendor ids. Neither binary sees the
machine's config or user catalogs. Exit 0 when every output is the same.
"""

import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["rust", "typescript", "javascript", "python", "go", "java", "kotlin", "csharp", "php", "ruby"]
QUERIES = [
    "1004", "404", "token expired", "tokn exprd", "not found", "ENOENT", "permission denied",
    "kind:auth", "kind:rate_limit retry:backoff", "vendor:pixnet 4109", "status:429", "23505",
    "unique violation", "timeout", "cat:認證", "認證錯誤", "认证错误", "code:60003", "!vendor:http 500",
    "SQLITE_BUSY", "CURLE_SSL", "certificate", "UNAVAILABLE", "too many requests", "é", "x",
]


def catalogs():
    for path in sorted((ROOT / "catalogs").glob("*.json")):
        if path.name in ("schema.json", "kinds.json"):
            continue
        yield json.loads(path.read_text(encoding="utf-8"))


def commands():
    yield ["vendors"]
    yield ["vendors", "--json"]
    vendors = set()
    for c in catalogs():
        vendor, edition = c["vendor"]["id"], c["edition"]["id"]
        vendors.add(vendor)
        codes = []
        for e in c["entries"]:
            code = str(e["code"])
            codes.append(code)
            yield ["show", vendor, code, "--edition", edition, "--json"]
            yield ["show", vendor, code]
            if e.get("symbol"):
                yield ["show", vendor, e["symbol"]]
        yield ["show", vendor, "no-such-code"]
        for lang in LANGS:
            yield ["snippet", vendor, "--lang", lang, "--enum"]
            yield ["snippet", vendor, "--lang", lang, "--envelope"]
            yield ["snippet", vendor, "--lang", lang, *codes[:3]]
        yield ["catalog", "diff", vendor]
    for q in QUERIES:
        yield ["search", q]
        yield ["search", q, "--json", "--limit", "5"]
    for folder in ["decode-set", "pastes"]:
        for paste in sorted((ROOT / "tests/fixtures" / folder).iterdir()):
            yield ["decode", str(paste)]
            yield ["decode", str(paste), "--json"]
            if folder == "pastes":
                yield ["annotate", str(paste)]
    for words in (["show", ""], ["show", "p"], ["snippet", ""], ["--vendor", ""]):
        yield ("complete", ["--", "errdex", *words])


def run(binary, command, env):
    if isinstance(command, tuple):
        _, args = command
        env = dict(env, ERRDEX_COMPLETE="fish")
        argv = [binary, *args]
    else:
        argv = [binary, *command]
    done = subprocess.run(argv, env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "/usr/local/bin/errdex-base"
    new = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "target/release/errdex")
    # Both named errdex, as usage lines quote the program's name.
    home = tempfile.mkdtemp()
    for name in ("base", "new"):
        os.mkdir(os.path.join(home, name))
    base = shutil.copy(base, os.path.join(home, "base", "errdex"))
    new = shutil.copy(new, os.path.join(home, "new", "errdex"))
    env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "XDG_CONFIG_HOME": home, "NO_COLOR": "1"}
    todo = list(commands())
    differ = []

    def both(command):
        return command, run(base, command, env), run(new, command, env)

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for command, a, b in pool.map(both, todo):
            if a != b:
                differ.append((command, a, b))
    for command, a, b in differ[:20]:
        print(f"DIFFERS: {command}")
        for name, x, y in zip(("exit", "stdout", "stderr"), a, b):
            if x != y:
                print(f"  {name}: {x[:300]!r}\n    vs {y[:300]!r}")
    print(f"{len(todo)} commands, {len(todo) - len(differ)} identical, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

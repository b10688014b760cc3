#!/usr/bin/env python3
"""Build the process families: catalogs/signal.json (Linux signals) and catalogs/exit.json
(exit statuses: sysexits.h, the documented statuses of bash, timeout, xargs and ssh, and 128+N
for a process ended by signal N).

Reads (see catalogs/tools/sources/README-fam-tls-exit.md):
  sources/signals.tsv              number, name, aliases, strsignal texts, default action,
                                   standard, shell exit status (128+N), note
  sources/sysexits.h               BSD sysexits.h: EX_OK and EX_USAGE (64) ... EX_CONFIG (78)
  sources/shell-exit-statuses.tsv  status (number, range, 128+N or >0), applies_to, meaning
  signal_annotations.json, exit_annotations.json
      hand-written: code -> {symbol, kind, retry, summary_en}; a 128+N status takes its kind and
      retry from signal N
The counts sources/README-fam-tls-exit.md states are asserted, so a changed source stops the build.

    python3 catalogs/tools/build_exit.py          # build and write both catalogs
    python3 catalogs/tools/build_exit.py --check  # exit 1 if either is stale
"""

import re
import sys

import common

SIGNALS_TSV = common.SOURCES / "signals.tsv"
SYSEXITS_H = common.SOURCES / "sysexits.h"
SHELL_TSV = common.SOURCES / "shell-exit-statuses.tsv"

SIGNAL_BASE = 128  # a shell reports a process ended by signal N as status 128 + N
# The Kubernetes reason a container killed for its memory limit shows, beside exit status 137
# (issue 29 names this link; kubernetes-reasons.tsv of the k8s family has OOMKilled).
OOM_KILLED = {"vendor": "k8s", "code": "OOMKilled"}
DEFINE = re.compile(r"#define\s+(EX_\w+)\s+(\d+)\s*/\*\s*(.*?)\s*\*/")
UNUSED_NAME = re.compile(r"also lists (SIG\w+) = (\d+)")
# Default actions (signal(7)) that do not end a process.
HARMLESS_ACTIONS = ("Ign", "Cont")
# Where each exit status comes from, in the order subcategory lists them.
TOOLS = ("bash", "bash builtins", "timeout", "xargs", "ssh")


# ---------------------------------------------------------------------------------------------
# Sources


def read_signals():
    rows = common.read_tsv(SIGNALS_TSV)
    common.expect("signal rows", len(rows), 64)
    common.expect("signal numbers", [int(r["number"]) for r in rows], list(range(1, 65)))
    common.expect("unnamed signals", [int(r["number"]) for r in rows if not r["name"]], [32, 33])
    common.expect("standard signals", sum(1 for r in rows[:31] if r["name"].startswith("SIG")), 31)
    realtime = [r["name"] for r in rows[33:]]
    common.expect("real-time names", realtime,
                  ["SIGRTMIN"] + [f"SIGRTMIN+{n}" for n in range(1, 30)] + ["SIGRTMAX"])
    common.expect("aliases", {r["number"]: r["aliases"] for r in rows if r["aliases"]},
                  {"6": "SIGIOT", "17": "SIGCLD", "29": "SIGPOLL"})
    for r in rows:
        n = int(r["number"])
        common.expect(f"shell status of {n}", int(r["shell_exit_status"]), SIGNAL_BASE + n)
        if n in (32, 33):
            common.expect(f"strsignal of {n}", (r["strsignal"], r["glibc_strsignal"]),
                          ("", f"Unknown signal {n}"))
        else:
            common.expect(f"strsignal of {n}", r["strsignal"], r["glibc_strsignal"])
        if r["default_action"] not in ("Term", "Core", "Ign", "Stop", "Cont"):
            common.fail(f"signal {n}: default action {r['default_action']!r}")
    unused = [(m[1], int(m[2])) for r in rows for m in UNUSED_NAME.finditer(r["note"])]
    common.expect("names the notes add", unused, [("SIGUNUSED", 31)])
    return rows


def read_sysexits():
    """[(name, value, comment)] of the `#define EX_` lines, in file order."""
    text = SYSEXITS_H.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if re.match(r"#define\s+EX_", line)]
    defines = [DEFINE.match(line) for line in lines]
    if not all(defines):
        common.fail(f"sysexits.h: unparsed {[l for l, d in zip(lines, defines) if not d]}")
    defines = [(d[1], int(d[2]), d[3]) for d in defines]
    common.expect("sysexits.h defines", len(defines), 18)
    markers = [(n, v) for n, v, _ in defines if n.startswith("EX__")]
    common.expect("sysexits.h markers", markers, [("EX__BASE", 64), ("EX__MAX", 78)])
    codes = [v for n, v, _ in defines if not n.startswith("EX__")]
    common.expect("sysexits.h codes", codes, [0] + list(range(64, 79)))
    return defines


def read_shell():
    rows = common.read_tsv(SHELL_TSV)
    common.expect("shell status rows", len(rows), 21)
    per_tool = {t: sum(1 for r in rows if r["applies_to"].startswith(t.split()[0]))
                for t in ("bash", "timeout", "xargs", "ssh")}
    common.expect("rows per tool", per_tool, {"bash": 8, "timeout": 5, "xargs": 7, "ssh": 1})
    if set(r["applies_to"] for r in rows) != set(TOOLS):
        common.fail(f"shell statuses apply to {sorted(set(r['applies_to'] for r in rows))}")
    ranges = [r["status"] for r in rows if not r["status"].isdigit()]
    common.expect("statuses that are not one number", ranges, ["1-255", "128+N", ">0", "0-255"])
    return rows


# ---------------------------------------------------------------------------------------------
# Catalogs


def signal_annotations(rows):
    notes = common.annotations("signal")
    realtime = notes.pop("realtime")
    common.expect("annotated signals", sorted(notes, key=int), [str(n) for n in range(1, 34)])
    for r in rows[:33]:
        a = notes[r["number"]]
        if a["symbol"] != (r["name"] or None):
            common.fail(f"signal_annotations.json {r['number']}: symbol {a['symbol']!r}")
        common.check_kind(f"signal_annotations.json {r['number']}", a["kind"], a["retry"])
    common.check_kind("signal_annotations.json realtime", realtime["kind"], realtime["retry"])
    for r in rows[33:]:
        notes[r["number"]] = dict(
            realtime, symbol=r["name"],
            summary_en=realtime["summary_en"].format(name=r["name"], number=r["number"]))
    return notes


def build_signals(rows, notes):
    entries = []
    for r in rows:
        a, name = notes[r["number"]], r["name"] or None
        aliases = [s for s in r["aliases"].split(",") if s]
        aliases += [m[1] for m in UNUSED_NAME.finditer(r["note"])]
        status = str(SIGNAL_BASE + int(r["number"]))
        entries.append(common.entry(
            r["number"], symbol=name, aliases=aliases,
            maps_to=[{"vendor": "exit", "code": status}],
            category=r["default_action"], subcategory=r["standard"] if r["standard"] not in
            ("", "-") else None, message=r["glibc_strsignal"], summary_en=a["summary_en"],
            kind=a["kind"], retry=a["retry"]))
    actions = {}
    for r in rows:
        actions[r["default_action"]] = actions.get(r["default_action"], 0) + 1
    return common.catalog("signal", entries, notes=[
        f"{len(entries)} signals: the 31 standard signals 1-31, the kernel real-time signals "
        "32 and 33 that glibc reserves for its threads (no name), and the real-time signals "
        "34 (SIGRTMIN) to 64 (SIGRTMAX), named as Python's signal module names them "
        "(SIGRTMIN+n). Numbers are those of x86, ARM and most architectures; Alpha, SPARC, "
        "MIPS and PA-RISC number many signals differently.",
        "message is glibc 2.36's strsignal() text (Debian 12), what shells and programs "
        "print (\"Killed\", \"Segmentation fault\"); for 32 and 33 it is \"Unknown signal "
        "N\". These texts are glibc's (LGPL-2.1-or-later); names and numbers are facts.",
        "aliases: SIGIOT (6), SIGCLD (17) and SIGPOLL (29) from Python's signal module, and "
        "SIGUNUSED (31), which signal(7) lists and glibc no longer defines.",
        "category is the default action from signal(7)'s table (Term: end the process; "
        f"Core: end it and dump core; Ign: ignore; Stop: pause; Cont: resume), counts "
        f"{', '.join(f'{k} {v}' for k, v in sorted(actions.items()))}; subcategory the "
        "standard that defines the signal (P1990: POSIX.1-1990, P2001: POSIX.1-2001), null "
        "for Linux's own. Only those two columns of signal(7) were used, none of its prose.",
        "maps_to: the exit status 128 + N a shell reports for a process the signal ended.",
        "summary_en is ours for every entry (one shared text, with the name filled in, for "
        "the 31 real-time signals 34-64). Kinds by hand: crashes (SIGSEGV, SIGBUS, SIGILL, "
        "SIGFPE, SIGABRT, SIGTRAP) are internal; SIGKILL is quota because an unexpected kill "
        "is usually the out-of-memory killer; requests to stop or pause (SIGINT, SIGTERM, "
        "SIGHUP, the stop signals, the user-defined and real-time signals) are cancelled; "
        "resource limits (SIGXCPU, SIGXFSZ) quota; timers (SIGALRM, SIGVTALRM) timeout; "
        "SIGSYS unsupported; the notices ignored by default (SIGCHLD, SIGURG, SIGWINCH) and "
        "SIGCONT ok.",
    ])


def build_exit(signal_rows, signal_notes, sysexits, shell_rows):
    notes = common.annotations("exit")
    realtime = notes.pop("realtime")
    names = {v: n for n, v, _ in sysexits if not n.startswith("EX__")}
    markers = {v: [n for n, w, _ in sysexits if n.startswith("EX__") and w == v]
               for v in names}
    tools = {}
    for r in shell_rows:
        if r["status"].isdigit():
            tools.setdefault(int(r["status"]), []).append(r["applies_to"])
    signal_of = {SIGNAL_BASE + int(r["number"]): r for r in signal_rows}
    codes = sorted(set(names) | set(tools) | set(signal_of))
    common.expect("exit statuses", codes, [0, 1, 2, *range(64, 79), *range(123, 128),
                                           *range(129, 193), 255])
    written = {int(c) for c in notes}
    common.expect("annotated exit statuses", sorted(written),
                  [c for c in codes if c not in signal_of or c <= SIGNAL_BASE + 33])

    entries, by_signal = [], 0
    for code in codes:
        a, signal = notes.get(str(code)), signal_of.get(code)
        sources = (["sysexits.h"] if code in names else []) + sorted(
            set(tools.get(code, [])) | ({"bash"} if signal else set()), key=TOOLS.index)
        if signal:
            n = signal["number"]
            s = signal_notes[n]
            if signal["default_action"] in HARMLESS_ACTIONS:
                kind, retry = "internal", "after_fix"
            else:
                kind, retry = s["kind"], s["retry"]
            by_signal += 1
            if a is None:
                a = {"summary_en": realtime["summary_en"].format(
                    status=code, name=signal["name"], number=n)}
            if set(a) != {"summary_en"}:
                common.fail(f"exit_annotations.json {code}: a 128+N status takes its signal's kind")
            symbol, category = None, "signal"
            maps_to = [{"vendor": "signal", "code": n}]
            if n == "9":
                maps_to.append(OOM_KILLED)
        else:
            if set(a) != {"symbol", "kind", "retry", "summary_en"}:
                common.fail(f"exit_annotations.json {code}: keys {sorted(a)}")
            if a["symbol"] != names.get(code):
                common.fail(f"exit_annotations.json {code}: symbol {a['symbol']!r}")
            common.check_kind(f"exit_annotations.json {code}", a["kind"], a["retry"])
            kind, retry, symbol, maps_to = a["kind"], a["retry"], a["symbol"], []
            category = "sysexits" if code in names else "shell and tools"
        entries.append(common.entry(
            code, symbol=symbol, aliases=markers.get(code, []), maps_to=maps_to,
            category=category, subcategory=", ".join(sources), summary_en=a["summary_en"],
            kind=kind, retry=retry))

    return common.catalog("exit", entries, notes=[
        f"{len(entries)} exit statuses, every status a source names: the 16 codes of "
        "BSD sysexits.h (EX_OK 0, EX_USAGE 64 ... EX_CONFIG 78; Debian 12 libc6-dev 2.36), "
        "the single statuses documented by bash 5.2, coreutils timeout 9.1, findutils "
        "xargs 4.9.0 and OpenSSH 9.2 ssh (0, 1, 2, 123-127, 137, 255), and bash's 128+N "
        f"for each of the {len(signal_of)} signals of signal.json (129-192).",
        "symbol is the sysexits.h name where there is one; EX__BASE and EX__MAX, its range "
        "markers, are aliases of 64 and 78. No other status has a symbol.",
        "The bash rows that give ranges rather than one status (1-255: any failure; >0: "
        "an expansion or redirection error; 0-255: the range, values above 125 used "
        "specially) are not entries; 1's summary covers them.",
        "category: sysexits (sysexits.h codes), signal (128+N), or shell and tools; "
        "subcategory lists every source that documents that exact status (sysexits.h, bash, "
        "bash builtins, timeout, xargs, ssh), since one number can mean different things "
        "per tool (124: timeout's time limit, or xargs's command exiting 255).",
        "message and description are null: a status has no text of its own (what a shell "
        "prints for 128+N, \"Killed\" or \"Segmentation fault\", is the message of the "
        "linked signal). The shell tools' meanings are GPL-documented facts, reworded in "
        "our summaries; no man-page text was copied.",
        "maps_to: 128+N links to signal N; 137 also to the Kubernetes reason OOMKilled "
        "(k8s), the status a container killed for exceeding its memory limit shows.",
        f"Kinds: {len(entries) - by_signal} by hand; the {by_signal} statuses 128+N take "
        "the kind and retry of signal N, except those of SIGCHLD, SIGCONT, SIGURG and "
        "SIGWINCH, which do not end a process by default, so the program chose that status "
        "itself: internal, after_fix.",
        "summary_en is ours for every entry (one shared text, with the signal filled in, "
        "for 162-192, the real-time signals).",
        "sysexits.h: Copyright (c) 1987, 1993 The Regents of the University of California, "
        "BSD license (in the file); only its names and numbers are used.",
    ])


def build():
    signals = read_signals()
    signal_notes = signal_annotations(signals)
    return [build_signals(signals, signal_notes),
            build_exit(signals, signal_notes, read_sysexits(), read_shell())]


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

#!/usr/bin/env python3
"""Build catalogs/errno.json, the Linux errno catalog.

Reads (catalogs/tools/sources/, see its README.md):
  linux-errno-base.h, linux-errno.h  kernel UAPI asm-generic headers: numbers, names, comments
  linux-errno-strerror.tsv           one row per number: names, header comment, glibc strerror,
                                     Python errno names
and catalogs/tools/errno_annotations.json (hand-written: number -> symbol, summary_en, kind,
retry). The TSV is cross-checked against the headers; any disagreement, missing annotation or
count that differs from the README stops the build.

    python3 catalogs/tools/build_errno.py          # write catalogs/errno.json
    python3 catalogs/tools/build_errno.py --check  # exit 1 if catalogs/errno.json is out of date
"""

import re
import sys

import common

HEADERS = {"linux-errno-base.h": "asm-generic/errno-base.h", "linux-errno.h": "asm-generic/errno.h"}

# Counts stated by sources/README.md.
EXPECT = {"numbers": 131, "linux-errno-base.h": (34, 34), "linux-errno.h": (99, 97),
          "undefined": [41, 58], "comment_differs": 19}


DEFINE = re.compile(r"#define\s+(E[A-Z0-9]+)\s+(\w+)\s*(?:/\*\s*(.*?)\s*\*/)?\s*$")


def parse_headers():
    """number -> {"names": [...], "comment": str, "header": str}, in header order."""
    by_num, by_name = {}, {}
    for fname, category in HEADERS.items():
        defines = numbers = 0
        for line in (common.SOURCES / fname).read_text(encoding="utf-8").splitlines():
            m = DEFINE.match(line)
            if not m:
                if re.match(r"#define\s+E", line):
                    common.fail(f"{fname}: cannot parse {line!r}")
                continue
            name, value, comment = m.groups()
            defines += 1
            if value.isdigit():
                num = int(value)
                if num in by_num:
                    common.fail(f"{fname}: {num} defined twice")
                by_num[num] = {"names": [name], "comment": comment, "header": category}
                numbers += 1
            elif value in by_name:  # alias of an earlier name (EWOULDBLOCK EAGAIN)
                num = by_name[value]
                by_num[num]["names"].append(name)
            else:
                common.fail(f"{fname}: {name} refers to unknown {value}")
            by_name[name] = num
        if (defines, numbers) != EXPECT[fname]:
            common.fail(f"{fname}: {defines} defines / {numbers} numbers, README says {EXPECT[fname]}")
    return by_num


def parse_tsv():
    rows = common.read_tsv(common.SOURCES / "linux-errno-strerror.tsv")
    return [dict(r, number=int(r["number"]), names=r["names"].split(","),
                 python_errno_names=[n for n in r["python_errno_names"].split(",") if n])
            for r in rows]


def build():
    headers, rows = parse_headers(), parse_tsv()

    nums = [r["number"] for r in rows]
    if len(rows) != EXPECT["numbers"] or len(set(nums)) != len(nums):
        common.fail(f"TSV has {len(rows)} rows ({len(set(nums))} distinct), README says {EXPECT['numbers']}")
    if set(nums) != set(headers):
        common.fail(f"TSV and headers disagree on numbers: {sorted(set(nums) ^ set(headers))}")
    missing = sorted(set(range(1, max(nums) + 1)) - set(nums))
    if missing != EXPECT["undefined"]:
        common.fail(f"undefined numbers {missing}, README says {EXPECT['undefined']}")
    symbols = {str(n): headers[n]["names"][0] for n in nums}
    ann = common.judgements("errno", list(symbols), kind_required=True, symbols=symbols)

    entries, differs = [], 0
    for r in rows:
        n, h, a = r["number"], headers[r["number"]], ann[str(r["number"])]
        if r["names"] != h["names"] or r["header_comment"] != h["comment"]:
            common.fail(f"{n}: TSV {r['names']} {r['header_comment']!r} "
                        f"vs header {h['names']} {h['comment']!r}")
        aliases = []
        for name in h["names"][1:] + r["python_errno_names"]:
            if name != h["names"][0] and name not in aliases:
                aliases.append(name)
        # The header's comments are counted against the README, not copied.
        differs += r["header_comment"] != r["strerror"]
        entries.append(common.entry(n, aliases=aliases, category=h["header"],
                                    message=r["strerror"], **a))
    if differs != EXPECT["comment_differs"]:
        common.fail(f"{differs} header comments differ from strerror, "
                    f"README says {EXPECT['comment_differs']}")

    no_kind = sum(e["kind"] is None for e in entries)
    notes = [
        f"{len(entries)} errno numbers: 1-133 without 41 and 58, which Linux leaves undefined.",
        "Numbers and names are the generic asm-generic values from Debian 12 linux-libc-dev 6.1.187-1; "
        "a few architectures have their own errno headers.",
        "message is glibc 2.36 strerror text, what programs print (the kernel header's comment "
        f"differs from it for {differs} numbers).",
        "aliases: EWOULDBLOCK is EAGAIN (11), EDEADLOCK is EDEADLK (35); ENOTSUP (95) is a glibc name "
        "for EOPNOTSUPP that the kernel headers lack.",
        "EINPROGRESS (115) has kind ok and EOWNERDEAD (130) kind warning: both report an expected "
        "outcome (a non-blocking connect under way, a robust mutex acquired from a dead owner).",
        f"Entries without a kind: {no_kind}.",
    ]
    return common.catalog("errno", entries, notes)


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

#!/usr/bin/env python3
"""Build catalogs/pixnet.json and catalogs/pixnet-d8fc161.json from the PIXNET seeds.

Sources (read-only):
  tests/fixtures/seeds/002_57fb6977298f8ff0.txt  current edition (a6f649e), plain-text web scrape,
      columns separated by single spaces: 分類 子分類 Error Code HTTP-Status 訊息 說明.
      The scrape has ASCII "," ":" where the repository has full-width "，" "："; we keep the
      scrape's characters.  The 1205 link text was dropped by the scrape; we keep what it has.
  tests/fixtures/seeds/004_e72bf68982add775.txt  older edition (d8fc161, 2019-04-23), Markdown
      pipe tables; cells are Markdown-unescaped (\\( \\) \\_ \\# \\' ...) and otherwise kept as is
      (full-width punctuation, Markdown links).
  catalogs/tools/pixnet_summaries.json           hand-written English summaries: code -> summary,
      or for a code repeated with different messages (4109) code -> {message: summary}.

    python3 catalogs/tools/build_pixnet.py [--check]

Prints every row of both editions and the differences between them.
"""

import re
import sys
from collections import Counter, defaultdict

import common

SEED_002 = common.SEEDS / "002_57fb6977298f8ff0.txt"
SEED_004 = common.SEEDS / "004_e72bf68982add775.txt"
SUMMARIES = common.TOOLS / "pixnet_summaries.json"
KINDS = common.TOOLS / "pixnet_kinds.json"
OUT_CURRENT = common.CATALOGS / "pixnet.json"
OUT_OLD = common.CATALOGS / "pixnet-d8fc161.json"

EXPECTED_002 = (164, 163)  # rows, distinct codes
EXPECTED_004 = (159, 158)

VENDOR = {
    "id": "pixnet",
    "name": "PIXNET",
    "aliases": ["Emma API", "痞客邦", "emma.pixnet.cc"],
    "homepage": "https://emma.pixnet.cc/",
    "language": "zh-TW",
}
# `error`, `code` and `message` are keys many APIs answer with: the shape is not distinctive, so
# a message that shares nothing with its code's entry stops the claim.
ENVELOPE = {"code": "code", "message": "message", "flag": {"path": "error", "error_when": "nonzero"},
            "evidence": [["flag", "code"]], "distinctive": False}
EDITION_CURRENT = {
    "id": "a6f649e",
    "title": "Emma API Error Codes",
    "date": None,
    "source": "https://github.com/pixnet/emma-api-error-codes",
    "supersedes": "d8fc161",
}
EDITION_OLD = {
    "id": "d8fc161",
    "title": "PIXNET API Error Codes",
    "date": "2019-04-23",
    "source": "https://github.com/pixnet/emma-api-error-codes/tree/d8fc161",
    "supersedes": None,
}

# ---------------------------------------------------------------------------------------------
# Manual message/description splits for seed 002 (space-separated, so the boundary between the
# 訊息 and 說明 columns is ambiguous).  Every other row is split using the matching row of seed
# 004.  Each entry: code -> (message, description or None).  The script asserts that
# message + " " + description reproduces the scraped remainder exactly.
MANUAL_SPLITS_002 = {
    # 1099: exists in 004, but its description there is "(其他 Token 錯誤" (no closing
    # parenthesis), so the automatic check fails.  The scrape reads
    # "(其他 Token 錯誤) (其他 Token 錯誤)": two identical parenthesised halves; message is the
    # first (same as 004's message), description the second (now with its closing parenthesis).
    "1099": ("(其他 Token 錯誤)", "(其他 Token 錯誤)"),
    # 2600 (only in a6f649e): "POI not found 找不到 POI".  English message, Chinese description,
    # same pattern as 2000 "User not found" / "找不到 User".
    "2600": ("POI not found", "找不到 POI"),
    # 2700 (only in a6f649e): "Job not found 找不到 Job".  Same pattern as 2600.
    "2700": ("Job not found", "找不到 Job"),
    # 4216 (only in a6f649e): "Invalid %s format".  One English sentence with a %s placeholder
    # (cf. 4200 "User %s exists"); no Chinese text, so no description.
    "4216": ("Invalid %s format", None),
    # 5600 (only in a6f649e): "Error, POI hash id is invalid POI hash id 錯誤".  The English
    # message "Error, POI hash id is invalid" (cf. 5500-5502 "Error, Param ... is invalid") is
    # followed by the Chinese description "POI hash id 錯誤" ("POI hash id error").
    "5600": ("Error, POI hash id is invalid", "POI hash id 錯誤"),
    # 8600 (only in a6f649e): "Get POI failed".  Same shape as the other 8xxx rows
    # ("... failed", no description).
    "8600": ("Get POI failed", None),
}

# Known differences that the automatic split tolerates (message differs between editions, but the
# description of 004 ends the remainder and marks the boundary):
#   1205: the scrape dropped the Markdown link "[https://pixnetid.pixnet.cc/#/service](...)" at the
#         end of the message (seeds/README.md: "the 1205 link text dropped").
EXPECTED_MESSAGE_DIFFS = {"1205"}
EXPECTED_DESCRIPTION_DIFFS = {"1099"}
EXPECTED_ONLY_CURRENT = {"2600", "2700", "4216", "5600", "8600"}
EXPECTED_ONLY_OLD = set()


def md_unescape(s):
    """Undo CommonMark backslash escapes of ASCII punctuation; nothing else."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)


def norm(s):
    """Normalise full-width punctuation for comparing the two editions."""
    if s is None:
        return None
    return s.replace("，", ",").replace("：", ":")


def cell(s):
    s = s.strip()
    return s if s else None


# ---------------------------------------------------------------------------------------------
def parse_004(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.startswith("|"):
                continue
            inner = line.strip()
            assert inner.endswith("|"), (lineno, line)
            cells = inner[1:-1].split("|")
            assert len(cells) == 6, (lineno, cells)
            cells = [c.strip() for c in cells]
            if cells[0] == "分類" or set(cells[0]) <= set(":- "):
                continue  # header / alignment row
            cat, sub, code, status, msg, desc = cells
            assert re.fullmatch(r"\d{4}", code), (lineno, code)
            assert re.fullmatch(r"\d{3}", status), (lineno, status)
            rows.append({
                "code": code,
                "http_status": int(status),
                "category": cell(md_unescape(cat)),
                "subcategory": cell(md_unescape(sub)),
                "message": cell(md_unescape(msg)),
                "description": cell(md_unescape(desc)),
                "fix": None,
            })
    return rows


ROW_002 = re.compile(r"^(.+?) (\d{4}) (\d{3}) (.+)$")


def parse_002(path, old_rows):
    # k-th occurrence of a code in 002 matches the k-th occurrence in 004 (4109 appears twice).
    old_by_code = defaultdict(list)
    for r in old_rows:
        old_by_code[r["code"]].append(r)
    seen = Counter()
    used_manual = set()
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            m = ROW_002.match(line)
            if not m:
                assert not re.search(r"\b\d{4} \d{3}\b", line), ("unparsed row?", lineno, line)
                continue
            head, code, status, rest = m.groups()
            assert rest == rest.strip() and "  " not in line, (lineno, line)
            # category and subcategory: exactly two space-free tokens before the code.
            toks = head.split(" ")
            assert len(toks) == 2, ("category/subcategory not two tokens", lineno, head)
            cat, sub = toks
            k = seen[code]
            seen[code] += 1
            old = old_by_code[code][k] if k < len(old_by_code[code]) else None
            if old is not None:
                assert old["category"] == cat, (code, cat, old["category"])
                assert old["subcategory"] == sub, (code, sub, old["subcategory"])
                assert old["http_status"] == int(status), (code, status)

            if code in MANUAL_SPLITS_002:
                msg, desc = MANUAL_SPLITS_002[code]
                assert (msg + (" " + desc if desc else "")) == rest, ("manual split mismatch", code, rest)
                used_manual.add(code)
            else:
                assert old is not None, ("row only in 002 without a manual split", lineno, line)
                om, od = norm(old["message"]), norm(old["description"])
                if od is None and rest == om:
                    msg, desc = rest, None
                elif od is not None and rest == om + " " + od:
                    msg, desc = rest[:len(om)], rest[len(om) + 1:]
                elif od is not None and rest.endswith(" " + od) and code in EXPECTED_MESSAGE_DIFFS:
                    # Message differs from 004 (1205: link dropped by the scrape); 004's
                    # description still marks where the message ends.
                    msg, desc = rest[: -len(od) - 1], rest[-len(od):]
                else:
                    raise AssertionError(("cannot split", lineno, line, old))
            rows.append({
                "code": code,
                "http_status": int(status),
                "category": cat,
                "subcategory": sub,
                "message": cell(msg),
                "description": cell(desc) if desc is not None else None,
                "fix": None,
            })
    assert used_manual == set(MANUAL_SPLITS_002), set(MANUAL_SPLITS_002) - used_manual
    return rows


# ---------------------------------------------------------------------------------------------
def add_summaries(rows, summaries):
    used = set()
    for r in rows:
        s = summaries.get(r["code"])
        assert s is not None, ("no summary", r["code"])
        if isinstance(s, dict):
            s = s.get(r["message"])
            assert s is not None, ("no summary for message", r["code"], r["message"])
            used.add((r["code"], r["message"]))
        else:
            used.add(r["code"])
        assert isinstance(s, str) and s.strip() == s and s, (r["code"], s)
        r["summary_en"] = s
    return used


def check_counts(name, rows, expected):
    n, distinct = len(rows), len({r["code"] for r in rows})
    assert (n, distinct) == expected, (name, n, distinct, expected)
    dup = [c for c, k in Counter(r["code"] for r in rows).items() if k > 1]
    assert dup == ["4109"], (name, dup)
    m4109 = [r["message"] for r in rows if r["code"] == "4109"]
    assert m4109 == ["請填入訂閱群組名稱", "Missing cellphone or calling_code"], (name, m4109)


def compare(cur, old):
    """Differences between the editions, punctuation normalised (, : vs ， ：)."""
    diffs = []
    oc = {r["code"] for r in old}
    cc = {r["code"] for r in cur}
    only_cur, only_old = sorted(cc - oc), sorted(oc - cc)
    old_by = defaultdict(list)
    for r in old:
        old_by[r["code"]].append(r)
    seen = Counter()
    for r in cur:
        k = seen[r["code"]]
        seen[r["code"]] += 1
        if r["code"] not in oc:
            continue
        o = old_by[r["code"]][k]
        for f in ("http_status", "category", "subcategory", "message", "description"):
            a, b = r[f], o[f]
            if isinstance(a, str):
                a, b = norm(a), norm(b)
            if a != b:
                diffs.append((r["code"], f, o[f], r[f]))
    return only_cur, only_old, diffs


def render(edition, rows):
    """One edition's catalog file (a vendor catalog: no `$schema`, entries without symbols)."""
    return common.render({
        "schema": 1, "vendor": VENDOR, "edition": edition, "envelope": ENVELOPE,
        "entries": [{k: r[k] for k in ("code", "http_status", "category", "subcategory",
                                       "message", "description", "fix", "summary_en",
                                       "kind", "retry")}
                    for r in rows]})


def build():
    """{path: text} of both editions."""
    summaries = {k: v for k, v in common.read_json(SUMMARIES).items() if not k.startswith("_")}

    old = parse_004(SEED_004)
    cur = parse_002(SEED_002, old)
    check_counts("004", old, EXPECTED_004)
    check_counts("002", cur, EXPECTED_002)

    used = add_summaries(cur, summaries) | add_summaries(old, summaries)
    kinds = common.read_json(KINDS)["pixnet"]
    # One table serves both editions: each must use all of its own codes' kinds.
    for rows in (cur, old):
        codes = {r["code"] for r in rows}
        assert not common.apply_kind_table("pixnet", rows, {c: kinds[c] for c in codes}), "no kind"
    assert set(kinds) == {r["code"] for r in cur} | {r["code"] for r in old}, "unused kinds"
    all_keys = set()
    for k, v in summaries.items():
        all_keys |= {(k, m) for m in v} if isinstance(v, dict) else {k}
    assert used == all_keys, ("unused summaries", all_keys - used)

    for title, rows in (("a6f649e (seed 002)", cur), ("d8fc161 (seed 004)", old)):
        print(f"==== {title}: {len(rows)} rows, {len({r['code'] for r in rows})} distinct codes")
        for r in rows:
            print(f"{r['code']} {r['http_status']} [{r['category']}|{r['subcategory']}] "
                  f"msg={r['message']!r} desc={r['description']!r}\n      -> {r['summary_en']}")

    only_cur, only_old, diffs = compare(cur, old)
    print("==== differences d8fc161 -> a6f649e (punctuation normalised)")
    print("only in a6f649e:", only_cur)
    print("only in d8fc161:", only_old)
    for d in diffs:
        print("changed:", d)
    assert set(only_cur) == EXPECTED_ONLY_CURRENT and set(only_old) == EXPECTED_ONLY_OLD
    assert {c for c, f, _, _ in diffs if f == "message"} == EXPECTED_MESSAGE_DIFFS, diffs
    assert {c for c, f, _, _ in diffs if f == "description"} == EXPECTED_DESCRIPTION_DIFFS, diffs
    assert all(f in ("message", "description") for _, f, _, _ in diffs), diffs

    return {OUT_CURRENT: render(EDITION_CURRENT, cur), OUT_OLD: render(EDITION_OLD, old)}


if __name__ == "__main__":
    sys.exit(common.run(sys.argv, build))

#!/usr/bin/env python3
"""Build catalogs/smtp.json, the SMTP reply codes and enhanced status codes (standard family
"smtp").

Reads (see catalogs/tools/sources/README-fam-protocols.md):
  sources/smtp-codes.tsv    kind (reply | enhanced), code ("550" or "X.1.1"), title, reference,
      associated_reply_codes, sisimai_reason_4xx, sisimai_reason_5xx, note: sisimai's copy of
      RFC 5321's reply codes and of the IANA enhanced status code registry.
  smtp_annotations.json     hand-written. Reply codes: summary_en, kind, retry. Enhanced codes:
      kind, what (the part of the summary every class shares) and, per class, advice with retry
      advice (4, 5) or kind (2).
Writes catalogs/smtp.json: the reply codes in numeric order, then one entry per class of each
enhanced code ("4.1.1", "5.1.1") in numeric order. The registry writes enhanced codes as
patterns, X.1.1 with X the class; the classes made for a pattern are those the source gives
it (see CLASS RULE below). Each class entry has the pattern as its alias, so "X.1.1" finds both.

    python3 catalogs/tools/build_smtp.py          # build and write
    python3 catalogs/tools/build_smtp.py --check  # exit 1 if catalogs/smtp.json is stale
"""

import re
import sys

import common

SOURCE = common.SOURCES / "smtp-codes.tsv"

# CLASS RULE. An enhanced code gets an entry for each class (2 success, 4 persistent transient,
# 5 permanent) that the source gives it: the first digit of each basic reply code the registry
# associates with it ("451 550" -> 4 and 5; "4xx" -> 4), and 4 or 5 where sisimai maps 4.x.x or
# 5.x.x of it to a bounce reason. The "other or undefined" code of each subject (X.n.0) stands for
# whatever status only the class is known of, so it gets all three. A code the source calls a
# duplicate of another ("This is a duplicate of X.6.8") takes that code's classes.
CLASSES = ("2", "4", "5")
CLASS_WORDS = {"2": "success", "4": "persistent transient failure", "5": "permanent failure"}
REPLY_WORDS = {"2": "positive completion", "3": "positive intermediate",
               "4": "transient negative completion", "5": "permanent negative completion"}
RETRY_OF_CLASS = {"4": ("backoff", "later"), "5": ("no", "after_fix")}
SUCCESS_KINDS = ("ok", "warning")
PATTERN_RE = re.compile(r"X\.(\d+)\.(\d+)")
TOKEN_RE = re.compile(r"(\d{3})(?:-(\d{3}))?|([245])xx")
DUPLICATE_RE = re.compile(r"duplicate of (X\.\d+\.\d+)")
SUBJECT_RE = re.compile(r"Other (?:or undefined |undefined )?(.+)")


def pattern_key(code):
    m = PATTERN_RE.fullmatch(code)
    return int(m[1]), int(m[2])


def read_rows():
    rows = common.read_tsv(SOURCE)
    replies = [r for r in rows if r["kind"] == "reply"]
    enhanced = [r for r in rows if r["kind"] == "enhanced"]
    sisimai_only = [r["code"] for r in enhanced if "only in sisimai" in r["note"]]
    # Counts stated in sources/README-fam-protocols.md: 46 replies (45 + 235), 81 enhanced codes
    # (77 of the registry comment + 4 only in sisimai's map).
    if (len(rows), len(replies), len(enhanced)) != (127, 46, 81):
        common.fail(f"{len(rows)} rows: {len(replies)} replies, {len(enhanced)} enhanced; "
                    "README says 127: 46 and 81")
    if sisimai_only != ["X.4.8", "X.7.28", "X.7.29", "X.7.30"]:
        common.fail(f"enhanced codes only in sisimai's map: {sisimai_only}")
    if [r["code"] for r in replies if "only in sisimai" in r["note"]] != ["235"]:
        common.fail("235 should be the one reply code only in sisimai's list")
    for r in replies:
        if not re.fullmatch(r"[2-5]\d\d", r["code"]):
            common.fail(f"reply code {r['code']!r}")
    for r in enhanced:
        if not PATTERN_RE.fullmatch(r["code"]):
            common.fail(f"enhanced code {r['code']!r}")
    if len({r["code"] for r in rows}) != len(rows):
        common.fail("a code listed twice")
    return replies, enhanced


def associated(row):
    """(class digit, [reply codes]) for each token of associated_reply_codes: "451", "250-253",
    "4xx" (a class only); tokens are separated by spaces or commas."""
    out = []
    for token in filter(None, re.split(r"[ ,]+", row["associated_reply_codes"])):
        m = TOKEN_RE.fullmatch(token)
        if not m:
            common.fail(f"{row['code']}: associated code {token!r}")
        if m[3]:
            out.append((m[3], []))
        else:
            last = int(m[2] or m[1])
            out.append((m[1][0], [str(n) for n in range(int(m[1]), last + 1)]))
    return out


def classes_of(row, by_code):
    """The classes of an enhanced code (CLASS RULE)."""
    if pattern_key(row["code"])[1] == 0:
        return set(CLASSES)
    if m := DUPLICATE_RE.search(row["title"]):
        return classes_of(by_code[m[1]], by_code)
    found = {digit for digit, _ in associated(row)}
    found |= {c for c, col in (("4", "sisimai_reason_4xx"), ("5", "sisimai_reason_5xx"))
              if row[col]}
    return found


def subjects(enhanced):
    """"1" -> "address status": the subject each X.n.0 title names."""
    out = {}
    for r in enhanced:
        subject, detail = pattern_key(r["code"])
        if detail == 0:
            m = SUBJECT_RE.fullmatch(r["title"])
            words = m[1] if m else r["title"]
            out[str(subject)] = "undefined status" if words == "Status" else words
    return out


def check_reply(code, a):
    """A reply's advice follows its class: 2xx and 3xx are no error, 4xx transient, 5xx final."""
    digit = code[0]
    if digit in "23":
        ok = a["kind"] in SUCCESS_KINDS
    elif digit == "4":
        ok = a["retry"] in RETRY_OF_CLASS["4"] or a["kind"] == "warning"
    else:
        ok = a["retry"] in RETRY_OF_CLASS["5"]
    if not ok:
        common.fail(f"{code}: kind {a['kind']}, retry {a['retry']} do not fit class {digit}")


def reply_entries(replies, notes):
    entries = []
    for r in sorted(replies, key=lambda r: int(r["code"])):
        a = notes[r["code"]]
        check_reply(r["code"], a)
        entries.append(common.entry(
            r["code"],
            category=common.join(["reply code", r["reference"]]),
            subcategory=f"{r['code'][0]}yz {REPLY_WORDS[r['code'][0]]}",
            description=r["title"] or None,
            **a,
        ))
    return entries


def enhanced_annotation(code, a, classes):
    """Checks an enhanced code's annotation against the classes built for it."""
    given = {c for c in CLASSES if c in a}
    if given != classes:
        common.fail(f"{code}: annotated for classes {sorted(given)}, the source gives "
                    f"{sorted(classes)}")
    failing = classes - {"2"}
    if set(a) != {"what"} | given | ({"kind"} if failing else set()):
        common.fail(f"{code}: annotation keys {sorted(a)}")
    for c in sorted(classes):
        advice = a[c]
        if c == "2":
            if set(advice) != {"advice", "kind"} or advice["kind"] not in SUCCESS_KINDS:
                common.fail(f"{code} class 2: {advice}")
        elif set(advice) != {"advice", "retry"} or advice["retry"] not in RETRY_OF_CLASS[c]:
            common.fail(f"{code} class {c}: retry {advice.get('retry')!r} does not fit")
        kind = advice["kind"] if c == "2" else a["kind"]
        retry = None if c == "2" else advice["retry"]
        common.check_kind(f"{c}{code[1:]}", kind, retry)


def enhanced_entries(enhanced, notes, reply_codes):
    by_code = {r["code"]: r for r in enhanced}
    subject_words = subjects(enhanced)
    entries = []
    for r in sorted(enhanced, key=lambda r: pattern_key(r["code"])):
        classes = classes_of(r, by_code)
        if not classes:
            common.fail(f"{r['code']}: the source gives it no class")
        a = notes[r["code"]]
        enhanced_annotation(r["code"], a, classes)
        subject, _ = pattern_key(r["code"])
        links = associated(r)
        for c in sorted(classes):
            advice = a[c]
            reasons = [r[col] for digit, col in (("4", "sisimai_reason_4xx"),
                                                  ("5", "sisimai_reason_5xx"))
                       if digit == c and r[col]]
            maps_to = [{"vendor": "smtp", "code": code}
                       for code in dict.fromkeys(code for digit, codes in links if digit == c
                                                 for code in codes)
                       if code in reply_codes]
            entries.append(common.entry(
                f"{c}{r['code'][1:]}",
                aliases=[r["code"]],
                maps_to=maps_to,
                category=common.join(["enhanced status code", r["reference"]]),
                subcategory=common.join(
                    [f"class {c} {CLASS_WORDS[c]}", f"X.{subject} {subject_words[str(subject)]}"]
                    + [f"sisimai reason {x}" for x in reasons]),
                description=r["title"] or None,
                summary_en=f"{a['what']} {advice['advice']}",
                kind=advice["kind"] if c == "2" else a["kind"],
                retry=None if c == "2" else advice["retry"],
                obsolete=r["note"] == "deprecated",
            ))
    return entries


def build():
    replies, enhanced = read_rows()
    notes = common.annotations("smtp")
    missing = [r["code"] for r in replies + enhanced if r["code"] not in notes]
    extra = sorted(set(notes) - {r["code"] for r in replies + enhanced})
    if missing or extra:
        common.fail(f"annotations: none for {missing}; no code for {extra}")
    for r in replies:
        a = notes[r["code"]]
        if set(a) != set(common.JUDGEMENT) or a["kind"] is None:
            common.fail(f"{r['code']}: annotation {sorted(a)} needs {common.JUDGEMENT}")
        common.check_kind(r["code"], a["kind"], a["retry"])

    replies_out = reply_entries(replies, notes)
    enhanced_out = enhanced_entries(enhanced, notes, {r["code"] for r in replies})
    entries = replies_out + enhanced_out
    per_class = {c: sum(1 for e in enhanced_out if e["code"][0] == c) for c in CLASSES}
    x78 = next(r for r in enhanced if r["code"] == "X.7.8")
    x714 = next(r for r in enhanced if r["code"] == "X.7.14")
    if x78["title"] != x714["title"]:
        common.fail("X.7.8 no longer repeats X.7.14's title: revise the edition notes")
    linked = sum(1 for e in enhanced_out if e["maps_to"])
    return common.catalog("smtp", entries, notes=[
        f"{len(entries)} entries: {len(replies_out)} basic reply codes (the 45 of sisimai's list "
        "after RFC 5321 §4.2.1 and later RFCs, plus 235 from its code arrays) and "
        f"{len(enhanced_out)} enhanced status codes made from the source's {len(enhanced)} "
        f"patterns: {per_class['2']} of class 2, {per_class['4']} of class 4, {per_class['5']} "
        "of class 5.",
        "The registry writes an enhanced code as a pattern (X.1.1, X the class). Each pattern "
        "gives one entry per class the source allows it: the first digits of the basic reply "
        "codes the registry associates with it (X.1.1: 451 and 550, so 4.1.1 and 5.1.1; \"4xx\" "
        "counts as 4) and the classes sisimai maps to a bounce reason. The \"other or undefined\" "
        "code of each subject (X.0.0, X.1.0 ... X.7.0) gets 2, 4 and 5, as it stands for any "
        "status of its subject; X.6.10, a deprecated duplicate of X.6.8, takes X.6.8's classes. "
        "No class is added beyond that, so codes that some servers send in other classes "
        "(5.4.1, 5.4.6, 5.4.7) have no entry; the reply code beside them still has one.",
        "Every class entry has its pattern as alias (\"X.1.1\" finds 4.1.1 and 5.1.1), the "
        "pattern's title as description, and maps_to the associated reply codes of its own "
        f"class ({linked} entries have some).",
        "Retry follows the class: 4.x.x and 4yz replies are transient (backoff, or later where "
        "a limit or a person must act first), 5.x.x and 5yz are permanent (no, or after_fix "
        "where the sender can change something); 2.x.x, 2yz and 3yz are kind ok (2.6.4, 2.6.8 "
        "and 2.6.10 warning) and 453 (no mail waiting) is a warning.",
        "description is the title as sisimai's copy gives it, typos included: \"Bad destination "
        "system addres\" (X.1.2), \"sender\"s\" for sender's (X.1.7, X.1.8), \"RFC51985\" in "
        "459's title (its reference is RFC 1985). X.7.23 cites \"RFC 7273, 7208\" where the "
        "registry has RFC 7372; X.7.17 is attributed to RFC 6710 (category gives the reference "
        "as the source has it).",
        "X.7.8 has the title \"Trust relationship required\" in sisimai's copy, the title of "
        "X.7.14; the IANA registry titles X.7.8 \"Authentication credentials invalid\" (RFC "
        "4954, with 535 and 554), the code Gmail and others send with 535 for a rejected login. "
        "description keeps the source's title; summary_en describes the registry's meaning.",
        "X.4.8, X.7.28, X.7.29 and X.7.30 are only in sisimai's code-to-reason map (titles from "
        "its comments); 456, 520 and 557 come from Internet-Drafts; 422, 430, 524 and 533 have no "
        "text of their own in the source (\"(See RFC5248)\"); 235 has no title.",
        "Source: go-sisimai at ed142ded2c40de1233f82d8405a0acf0b76998c6 (BSD-2-Clause, "
        "copyright azumakuniyuki and sisimai development team); titles and references are "
        "facts of the IANA registry and the RFCs. summary_en is our own wording; kind and retry "
        "are judged by hand per reply code and per pattern.",
        "Every entry has a kind.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

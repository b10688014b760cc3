#!/usr/bin/env python3
"""Build catalogs/mantago.json, catalogs/tencent-im.json and catalogs/guo-guo.json.

Parses the seed documents in tests/fixtures/seeds/ (000 MantaGO HTML table, 001 Tencent Cloud IM
Markdown table, 003 Guo-Guo result-code list), merges the English summaries from
catalogs/tools/summaries_small.json (vendor -> code -> summary) and writes the three catalogs in the
format described in docs/design.md ("Catalog format"). Stdlib only.

    python3 catalogs/tools/build_small.py [--check] [--show]   # --show also prints every row
"""

import html.parser
import json
import re
import sys

import common

SUMMARIES = common.TOOLS / "summaries_small.json"
KINDS = common.TOOLS / "kinds_small.json"

MANTAGO_SEED = common.SEEDS / "000_bc6a996a68b269c2.txt"
TENCENT_SEED = common.SEEDS / "001_9749535d985f8581.txt"
GUOGUO_SEED = common.SEEDS / "003_bfead82a9871edf4.txt"

# A vendor catalog's entry: no symbol, aliases or maps_to (the seeds give none).
ENTRY_KEYS = ("code", "http_status", "category", "subcategory", "message", "description", "fix",
              "summary_en", "kind", "retry")

# Things worth telling the person running the script (quirks found while parsing).
NOTES = []


def entry(code, *, http_status=None, category=None, subcategory=None, message=None,
          description=None, fix=None):
    """An entry with every key present, in the catalog's key order; summary_en filled in later."""
    return {
        "code": code,
        "http_status": http_status,
        "category": category,
        "subcategory": subcategory,
        "message": message,
        "description": description,
        "fix": fix,
        "summary_en": None,
        "kind": None,
        "retry": None,
    }


# --------------------------------------------------------------------------------------------
# 000 MantaGO: one HTML <table>; a cell is either text or an <ol> of <li> items.
# --------------------------------------------------------------------------------------------

class _TableParser(html.parser.HTMLParser):
    """Collects the rows of the first <table>. A cell is a str, or a list of str when it holds
    <li> items (text outside the items is then required to be blank)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []  # list of (is_header_row, [cell, ...])
        self._in_table = False
        self._done = False
        self._row = None
        self._row_is_header = False
        self._cell = None  # {"text": [...], "items": [...] or None, "li": [...] or None}

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "table":
            if self._in_table:
                raise ValueError("nested <table> not supported")
            self._in_table = True
        elif not self._in_table:
            return
        elif tag == "tr":
            self._row, self._row_is_header = [], False
        elif tag in ("td", "th"):
            if self._row is None:
                raise ValueError(f"<{tag}> outside <tr>")
            self._row_is_header |= tag == "th"
            self._cell = {"text": [], "items": None, "li": None}
        elif tag in ("ol", "ul"):
            if self._cell is None:
                raise ValueError(f"<{tag}> outside a cell")
            self._cell["items"] = self._cell["items"] or []
        elif tag == "li":
            if self._cell is None or self._cell["items"] is None:
                raise ValueError("<li> outside a list in a cell")
            self._cell["li"] = []
        elif tag == "br":
            self.handle_data("\n")
        elif tag in ("thead", "tbody", "tfoot", "p", "span", "code", "strong", "em", "b", "i", "a"):
            pass
        else:
            raise ValueError(f"unexpected tag <{tag}> in table")

    def handle_endtag(self, tag):
        if self._done or not self._in_table:
            return
        if tag == "table":
            self._in_table, self._done = False, True
        elif tag == "li":
            self._cell["items"].append("".join(self._cell["li"]).strip())
            self._cell["li"] = None
        elif tag in ("td", "th"):
            cell = self._cell
            text = "".join(cell["text"]).strip()
            if cell["items"] is not None:
                if text:
                    raise ValueError(f"cell mixes text {text!r} with a list")
                self._row.append(list(cell["items"]))
            else:
                self._row.append(text)
            self._cell = None
        elif tag == "tr":
            self.rows.append((self._row_is_header, self._row))
            self._row = None

    def handle_data(self, data):
        if self._cell is None:
            return
        if self._cell["li"] is not None:
            self._cell["li"].append(data)
        else:
            self._cell["text"].append(data)


def parse_mantago(text):
    p = _TableParser()
    p.feed(text)
    p.close()
    if not p.rows or not p.rows[0][0]:
        raise ValueError("MantaGO: no header row")
    header = p.rows[0][1]

    def col(prefix):
        hits = [i for i, h in enumerate(header) if isinstance(h, str) and h.startswith(prefix)]
        if len(hits) != 1:
            raise ValueError(f"MantaGO: header {prefix!r} not found exactly once in {header}")
        return hits[0]

    i_code, i_msg, i_why = col("錯誤代碼"), col("錯誤訊息"), col("發生原因")
    entries = []
    for is_header, cells in p.rows[1:]:
        if is_header:
            raise ValueError("MantaGO: second header row")
        if len(cells) != len(header):
            raise ValueError(f"MantaGO: row {cells} has {len(cells)} cells, want {len(header)}")
        code, message, why = cells[i_code], cells[i_msg], cells[i_why]
        if not isinstance(code, str) or not re.fullmatch(r"\d+", code):
            raise ValueError(f"MantaGO: bad code cell {code!r}")
        if not isinstance(message, str) or not message:
            raise ValueError(f"MantaGO {code}: bad message cell {message!r}")
        if isinstance(why, list):
            NOTES.append(f"mantago {code}: description is a list of {len(why)} items")
        entries.append(entry(code, message=message, description=why or None))
    return entries


# --------------------------------------------------------------------------------------------
# 001 Tencent Cloud IM: a Markdown table |错误码|错误码说明|, cells padded with tabs; the 60004
# row lacks its closing pipe.
# --------------------------------------------------------------------------------------------

def _md_cells(line):
    """Cells of a Markdown table row; leading/trailing pipes optional. Returns (cells, closed)."""
    s = line.strip()
    opened = s.startswith("|")
    closed = s.endswith("|") and len(s) > 1
    if opened:
        s = s[1:]
    if closed:
        s = s[:-1]
    return [c.strip() for c in s.split("|")], closed


def parse_tencent(text):
    entries = []
    header = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if "|" not in line:
            continue
        cells, closed = _md_cells(line)
        if header is None:
            header = cells
            if header != ["错误码", "错误码说明"]:
                raise ValueError(f"Tencent: unexpected header {header}")
            continue
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        if len(cells) != 2:
            raise ValueError(f"Tencent line {lineno}: {len(cells)} cells: {line!r}")
        code, message = cells
        if not re.fullmatch(r"-?\d+", code):
            raise ValueError(f"Tencent line {lineno}: bad code {code!r}")
        if not message:
            raise ValueError(f"Tencent line {lineno}: empty message")
        if not closed:
            NOTES.append(f"tencent-im {code} (line {lineno}): row lacks its closing '|'")
        entries.append(entry(code, message=message))
    return entries


# --------------------------------------------------------------------------------------------
# 003 Guo-Guo: "Common Codes" table (HTTP Status | Code | Meaning | How to Fix, rows without a
# leading pipe) and the "Full Result Code Enum", one code a line.
# --------------------------------------------------------------------------------------------

def parse_guoguo(text):
    lines = text.splitlines()

    def section(title):
        hits = [i for i, l in enumerate(lines) if l.strip() == title]
        if len(hits) != 1:
            raise ValueError(f"Guo-Guo: heading {title!r} found {len(hits)} times")
        return hits[0]

    # Common Codes table.
    i = section("Common Codes") + 1
    header, _ = _md_cells(lines[i])
    if header != ["HTTP Status", "Code", "Meaning", "How to Fix"]:
        raise ValueError(f"Guo-Guo: unexpected Common Codes header {header}")
    i += 1
    sep, _ = _md_cells(lines[i])
    if not all(re.fullmatch(r":?-+:?", c) for c in sep):
        raise ValueError(f"Guo-Guo: expected separator row, got {lines[i]!r}")
    common = {}
    for line in lines[i + 1:]:
        if "|" not in line:
            break
        cells, _ = _md_cells(line)
        if len(cells) != 4:
            raise ValueError(f"Guo-Guo: common row with {len(cells)} cells: {line!r}")
        status, code, meaning, fix = cells
        if not re.fullmatch(r"[1-5]\d\d", status):
            raise ValueError(f"Guo-Guo: bad HTTP status {status!r}")
        if code in common:
            raise ValueError(f"Guo-Guo: common code {code} twice")
        common[code] = (int(status), meaning or None, fix or None)

    # Full enum.
    codes = []
    for line in lines[section("Full Result Code Enum") + 1:]:
        s = line.strip()
        if not s:
            if codes:
                break
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]*", s):
            raise ValueError(f"Guo-Guo: unexpected line in enum: {line!r}")
        codes.append(s)

    missing = [c for c in common if c not in codes]
    if missing:
        raise ValueError(f"Guo-Guo: common codes missing from the enum: {missing}")

    entries = []
    for code in codes:
        if code in common:
            status, meaning, fix = common[code]
            entries.append(entry(code, http_status=status, description=meaning, fix=fix))
        else:
            entries.append(entry(code))
    return entries


# --------------------------------------------------------------------------------------------
# Catalog headers.
# --------------------------------------------------------------------------------------------

HEADERS = {
    "mantago": {
        "vendor": {"id": "mantago", "name": "MantaGO", "aliases": ["MantaGO Open API"],
                   "homepage": "https://doc.mantago.cc/", "language": "zh-TW"},
        "edition": {"id": "current", "title": "錯誤代碼 (MantaGO Open API error codes)",
                    "date": None,
                    "source": "https://doc.mantago.cc/chang-jian-wen-ti/cuo-wu-dai-ma",
                    "supersedes": None},
        "envelope": {"code": "errResponse.code", "message": "errResponse.message",
                     "flag": {"path": "success", "error_when": "false"},
                     "extra": ["errResponse.botId"],
                     "evidence": [["errResponse"]], "distinctive": True},
    },
    "tencent-im": {
        "vendor": {"id": "tencent-im", "name": "Tencent Cloud IM",
                   "aliases": ["腾讯云即时通信 IM", "Tencent IM", "TIM"],
                   "homepage": "https://cloud.tencent.com/product/im", "language": "zh-CN"},
        "edition": {"id": "current",
                    "title": "错误码 (Tencent Cloud IM REST API and customer-service bot)",
                    "date": None, "source": "https://cloud.tencent.com/document/product/269",
                    "supersedes": None},
        "envelope": {"code": "ErrorCode", "message": "ErrorInfo",
                     "flag": {"path": "ActionStatus", "error_when": "FAIL"},
                     "http_status": 200,
                     "evidence": [["code"], ["flag"]], "distinctive": True},
    },
    "guo-guo": {
        "vendor": {"id": "guo-guo", "name": "Guo-Guo",
                   "aliases": ["果果行銷", "Guo-Guo Platform API"],
                   "homepage": "https://docs.guo-guo.com/", "language": "zh-TW"},
        "edition": {"id": "current", "title": "Error Codes (Guo-Guo Platform API)", "date": None,
                    "source": "https://docs.guo-guo.com/reference/error-codes",
                    "supersedes": None},
        "envelope": {"code": "result_code", "message": "message",
                     "items": {"path": "validation_failed_responses", "code": "result_code",
                               "message": "message", "field": "property_name"},
                     "extra": ["odata"],
                     "evidence": [["code"]], "distinctive": True},
    },
}


def _no_duplicate_keys(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError(f"{SUMMARIES.name}: duplicate key {k!r}")
        d[k] = v
    return d


def merge_summaries(vendor, entries, summaries):
    table = summaries.get(vendor)
    if table is None:
        raise ValueError(f"no summaries for {vendor}")
    codes = [e["code"] for e in entries]
    missing = [c for c in codes if c not in table]
    extra = [c for c in table if c not in codes]
    if missing or extra:
        raise ValueError(f"{vendor}: summaries missing for {missing}, unused for {extra}")
    for e in entries:
        s = table[e["code"]]
        if not isinstance(s, str) or not s.strip() or s != s.strip():
            raise ValueError(f"{vendor} {e['code']}: bad summary {s!r}")
        e["summary_en"] = s


def catalog(vendor, entries, unjudged):
    h = HEADERS[vendor]
    for e in entries:
        assert tuple(e) == ENTRY_KEYS, e
    edition = dict(h["edition"])
    if unjudged:
        edition["notes"] = [f"{len(unjudged)} of {len(entries)} entries have no kind: the source "
                            f"gives no cause to judge by ({', '.join(unjudged)})."]
    return {"schema": 1, "vendor": h["vendor"], "edition": edition,
            "envelope": h["envelope"], "entries": entries}


def build():
    """The three catalogs, in the order of their seeds."""
    summaries = json.loads(SUMMARIES.read_text(encoding="utf-8"),
                           object_pairs_hook=_no_duplicate_keys)
    kinds = json.loads(KINDS.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys)

    built = {
        "mantago": parse_mantago(MANTAGO_SEED.read_text(encoding="utf-8")),
        "tencent-im": parse_tencent(TENCENT_SEED.read_text(encoding="utf-8")),
        "guo-guo": parse_guoguo(GUOGUO_SEED.read_text(encoding="utf-8")),
    }

    m, t, g = built["mantago"], built["tencent-im"], built["guo-guo"]
    assert len(m) == 12, len(m)
    assert len(t) == 72, len(t)
    assert len(g) == 44, len(g)
    with_status = [e for e in g if e["http_status"] is not None]
    assert len(with_status) == 11, len(with_status)
    assert sorted(e["http_status"] for e in with_status) == [400] * 10 + [401]
    assert [e["code"] for e in with_status if e["http_status"] == 401] == ["token_validation_failed"]
    assert all(e["description"] and e["fix"] for e in with_status)
    assert all(e["message"] is None for e in g)
    for vendor, entries in built.items():
        codes = [e["code"] for e in entries]
        assert len(set(codes)) == len(codes), f"{vendor}: duplicate codes"
    # Spot checks against the source text.
    assert m[0]["code"] == "1004" and m[0]["message"] == "Token is invalid or expired"
    assert isinstance(m[1]["description"], list) and len(m[1]["description"]) == 2
    assert t[0]["code"] == "60002" and t[0]["message"] == "HTTP 解析错误 ，请检查 HTTP 请求 URL 格式。"
    assert t[-1]["code"] == "290002"
    assert t[2]["message"] == t[3]["message"]  # 60004 and 60005 share their message

    docs = []
    for vendor, entries in built.items():
        merge_summaries(vendor, entries, summaries)
        unjudged = common.apply_kind_table(vendor, entries, kinds[vendor])
        docs.append(catalog(vendor, entries, unjudged))
    return docs


def main(argv):
    """`--check` as every build script; `--show` also prints every row."""
    show = "--show" in argv[1:]
    docs = []

    def files():
        docs.extend(build())
        return {common.CATALOGS / f"{doc['vendor']['id']}.json": common.render(doc) for doc in docs}

    status = common.run([a for a in argv if a != "--show"], files)
    for n in NOTES:
        print("note:", n)
    if show:
        for doc in docs:
            print(f"\n== {doc['vendor']['id']}")
            for e in doc["entries"]:
                print(json.dumps(e, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))

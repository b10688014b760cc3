"""What every catalog build script shares: reading sources, the entry shape, the vocabulary of
kinds and retry advice, and writing a catalog or comparing it with the file (`--check`).

A build script is `build_<id>.py` beside this file; it builds a catalog as a dict and ends with

    if __name__ == "__main__":
        sys.exit(common.main(sys.argv, OUT, build))

`tests/families.rs` runs every `build_*.py` here with `--check`.
"""

import csv
import json
import pathlib
import sys
from itertools import zip_longest

TOOLS = pathlib.Path(__file__).resolve().parent
CATALOGS = TOOLS.parent
SOURCES = TOOLS / "sources"

VOCABULARY = json.loads((CATALOGS / "kinds.json").read_text(encoding="utf-8"))
KINDS = {k["id"]: k for k in VOCABULARY["kinds"]}
RETRY = tuple(VOCABULARY["retry"])

# The order of an entry's keys in every catalog file.
ENTRY_KEYS = ("code", "symbol", "aliases", "maps_to", "http_status", "category", "subcategory",
              "message", "description", "fix", "summary_en", "kind", "retry")


def fail(script, msg):
    """Stops the build with one line naming the script."""
    sys.exit(f"{script}: {msg}")


def read_tsv(path):
    """Rows of a source TSV as dicts (quoting off: some fields hold a `"`)."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_json(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def annotations(path):
    """A hand-written annotations file (code -> {...}), keys starting with `_` left out."""
    return {k: v for k, v in read_json(path).items() if not k.startswith("_")}


def entry(code, **fields):
    """One catalog entry with every key present (`None` or `[]` where the source is silent)."""
    unknown = set(fields) - set(ENTRY_KEYS) - {"obsolete", "keywords"}
    if unknown:
        raise ValueError(f"{code}: unknown entry keys {sorted(unknown)}")
    e = {"code": str(code)}
    for key in ENTRY_KEYS[1:]:
        e[key] = fields.get(key, [] if key in ("aliases", "maps_to") else None)
    for key in ("keywords", "obsolete"):
        if fields.get(key):
            e[key] = fields[key]
    return e


def check_kind(code, kind, retry, http_status=None):
    """Raises unless (kind, retry) fit the vocabulary of catalogs/kinds.json: a known kind, retry
    advice exactly for the kinds that are errors, an HTTP status the kind allows."""
    if kind is None:
        if retry is not None:
            raise ValueError(f"{code}: retry {retry!r} without a kind")
        return
    if kind not in KINDS:
        raise ValueError(f"{code}: unknown kind {kind!r}")
    is_error = KINDS[kind]["retry"] is not None
    if (retry is None) == is_error or (retry is not None and retry not in RETRY):
        raise ValueError(f"{code}: retry {retry!r} does not fit kind {kind!r}")
    if http_status is not None and http_status not in KINDS[kind]["http"]:
        raise ValueError(f"{code}: HTTP {http_status} is not a {kind} status")


def catalog(vendor, edition, entries, envelope=None):
    """The catalog document in the order every file uses."""
    doc = {"$schema": "schema.json", "schema": 1, "vendor": vendor, "edition": edition}
    if envelope is not None:
        doc["envelope"] = envelope
    doc["entries"] = entries
    return doc


def render(doc):
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_or_check(out, text, argv):
    """Writes `text` to `out`, or with `--check` compares and reports the first differing line.
    Returns the exit status."""
    out = pathlib.Path(out)
    if "--check" in argv[1:]:
        old = out.read_text(encoding="utf-8") if out.exists() else ""
        if old == text:
            return 0
        pairs = zip_longest(old.splitlines(), text.splitlines(), fillvalue="<end of file>")
        for i, (o, n) in enumerate(pairs, 1):
            if o != n:
                print(f"{out.name}:{i}: file has {o!r}, build gives {n!r}")
                break
        else:
            print(f"{out.name}: differs from the build (line ends)")
        return 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(json.loads(text)['entries'])} entries")
    return 0


def main(argv, out, build):
    """A build script's whole command line: `build()` returns the catalog dict."""
    extra = [a for a in argv[1:] if a != "--check"]
    if extra:
        sys.exit(f"usage: {pathlib.Path(argv[0]).name} [--check]")
    return write_or_check(out, render(build()), argv)

"""What every catalog build script shares: reading sources and annotations, checking kinds and
retry advice against the vocabulary, the entry and catalog shapes, and the command line that
writes a catalog or compares it with the file (`--check`).

A standard family's build script is `build_<id>.py` beside this file, run as
`python3 catalogs/tools/build_<id>.py [--check]`. Its hand-written part is `<id>_annotations.json`:
`_vendor` and `_edition` (the catalog's vendor and edition blocks, without the notes the script
works out), an optional `_comment`, and per code our summary, kind and retry advice. The script
reads its source, checks the counts its README states, and ends with

    def build():
        ...
        return common.catalog("<id>", entries, notes=[...])


    if __name__ == "__main__":
        sys.exit(common.main(sys.argv, build))

`tests/families.rs` runs every `build_*.py` here with `--check`.
"""

import csv
import json
import pathlib
import sys
from itertools import zip_longest

TOOLS = pathlib.Path(__file__).resolve().parent
CATALOGS = TOOLS.parent
ROOT = CATALOGS.parent
SOURCES = TOOLS / "sources"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

VOCABULARY = json.loads((CATALOGS / "kinds.json").read_text(encoding="utf-8"))
KINDS = {k["id"]: k for k in VOCABULARY["kinds"]}
RETRY = tuple(VOCABULARY["retry"])

# The order of an entry's keys in every catalog file.
ENTRY_KEYS = ("code", "symbol", "aliases", "maps_to", "http_status", "category", "subcategory",
              "message", "description", "fix", "summary_en", "kind", "retry")
# What a hand-written annotation of a code says, in most families.
JUDGEMENT = ("summary_en", "kind", "retry")


def script_name():
    """The running build script's name, so that a failure says which build stopped."""
    return pathlib.Path(getattr(sys.modules["__main__"], "__file__", "build")).stem


def fail(msg):
    """Stops the build with one line naming the script."""
    sys.exit(f"{script_name()}: {msg}")


def expect(what, got, want):
    """Stops the build when the source no longer gives what its README states."""
    if got != want:
        fail(f"{what}: the source gives {got!r}, its README says {want!r}")


def read_tsv(path):
    """Rows of a source TSV as dicts (quoting off: some fields hold a `"`)."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_json(path):
    """A JSON file, keys in the file's order (catalogs keep the order of their sources)."""
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def annotations_path(family):
    """A family's hand-written part: its vendor and edition, our words and judgement per code."""
    return TOOLS / f"{family}_annotations.json"


def annotations(family):
    """A family's annotations (code -> {...}); keys starting with `_` (its comment, vendor,
    edition, rules) left out."""
    return {k: v for k, v in read_json(annotations_path(family)).items() if not k.startswith("_")}


def judgements(family, codes, keys=JUDGEMENT, kind_required=False, symbols=None, partial=False):
    """A family's annotations for exactly `codes` (in any order; with `partial`, for some of
    them), each with exactly `keys`, a non-blank summary, and a kind and retry that fit the
    vocabulary: a missing, extra or ill-fitting annotation stops the build. With `symbols` (code
    -> the source's name) each annotation also names its code's symbol, so that one written for
    a number the source has moved cannot pass."""
    path = annotations_path(family)
    notes = annotations(family)
    missing = [] if partial else [c for c in codes if c not in notes]
    extra = sorted(set(notes) - set(codes))
    if missing or extra:
        fail(f"{path.name}: no annotation for {missing}; no code for {extra}")
    if symbols is not None:
        keys = ("symbol", *keys)
    for code in [c for c in codes if c in notes]:
        a, where = notes[code], f"{path.name} {code}"
        if set(a) != set(keys):
            fail(f"{where}: keys {sorted(a)}, expected {sorted(keys)}")
        if symbols is not None and a["symbol"] != symbols[code]:
            fail(f"{where}: symbol {a['symbol']!r}, the source's is {symbols[code]!r}")
        if "summary_en" in a and not a["summary_en"].strip():
            fail(f"{where}: empty summary_en")
        if "kind" in a:
            check_kind(where, a["kind"], a["retry"])
            if kind_required and a["kind"] is None:
                fail(f"{where}: every entry needs a kind")
    return notes


def check_kind(code, kind, retry, http_status=None):
    """Stops the build unless (kind, retry) fit the vocabulary of catalogs/kinds.json: a known
    kind, retry advice exactly for the kinds that are errors, an HTTP status the kind allows."""
    if kind is None:
        if retry is not None:
            fail(f"{code}: retry {retry!r} without a kind")
        return
    if kind not in KINDS:
        fail(f"{code}: unknown kind {kind!r}")
    is_error = KINDS[kind]["retry"] is not None
    if (retry is None) == is_error or (retry is not None and retry not in RETRY):
        fail(f"{code}: retry {retry!r} does not fit kind {kind!r}")
    if http_status is not None and http_status not in KINDS[kind]["http"]:
        fail(f"{code}: HTTP {http_status} is not a {kind} status")


def apply_kind_table(vendor, rows, table):
    """Sets each row's kind and retry from `table` (code -> {"kind", "retry"}, the vendor
    catalogs' hand-assigned kinds); every code must be there. Returns the codes without a kind."""
    codes = {r["code"] for r in rows}
    missing, extra = codes - set(table), set(table) - codes
    if missing or extra:
        fail(f"{vendor}: kinds missing for {sorted(missing)}, unused for {sorted(extra)}")
    for r in rows:
        a = table[r["code"]]
        if set(a) != {"kind", "retry"}:
            fail(f"{vendor} {r['code']}: keys {sorted(a)}, expected kind and retry")
        check_kind(f"{vendor} {r['code']}", a["kind"], a["retry"], r.get("http_status"))
        r["kind"], r["retry"] = a["kind"], a["retry"]
    return sorted({r["code"] for r in rows if r["kind"] is None})


def grouped(rows, key):
    """Rows by their value of `key` (a column name or a function of the row), in the order the
    values first appear: a code the source lists on several rows becomes one entry."""
    groups = {}
    for r in rows:
        groups.setdefault(key(r) if callable(key) else r[key], []).append(r)
    return groups


def join(values):
    """Distinct non-empty values in first-seen order, joined with "; " (None when none)."""
    return "; ".join(dict.fromkeys(v for v in values if v)) or None


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


def catalog(family, entries, notes=None):
    """The catalog of a standard family in the order every file uses. Its vendor and edition are
    hand-written beside its annotations (`_vendor`, `_edition` of <family>_annotations.json);
    `notes`, worked out from the source, end the edition."""
    path = annotations_path(family)
    raw = read_json(path)
    vendor, edition = raw["_vendor"], raw["_edition"]
    if vendor["id"] != family:
        fail(f"{path.name}: _vendor is {vendor['id']!r}")
    if notes is not None:
        edition = dict(edition, notes=notes)
    return {"$schema": "schema.json", "schema": 1, "vendor": vendor, "edition": edition,
            "entries": entries}


def render(doc):
    """A catalog as its file holds it: one rendering, so that --check compares like with like."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_or_check(out, text, check):
    """Writes `text` to `out`, or with `check` compares and reports the first differing line.
    Returns the exit status."""
    out = pathlib.Path(out)
    if check:
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
    count = (f"{len(json.loads(text)['entries'])} entries" if out.suffix == ".json"
             else f"{text.count(chr(10))} lines")
    print(f"wrote {out}: {count}")
    return 0


def run(argv, files):
    """A build script's command line, `[--check]`: `files()` returns {path: text}, each written
    or, with --check, compared with the file. Returns the exit status."""
    if [a for a in argv[1:] if a != "--check"]:
        sys.exit(f"usage: {pathlib.Path(argv[0]).name} [--check]")
    check = "--check" in argv[1:]
    status = 0
    for out, text in files().items():
        status |= write_or_check(out, text, check)
    return status


def main(argv, build):
    """The command line of a script whose `build()` returns a catalog or a list of them: each is
    written to catalogs/<vendor id>.json."""
    def files():
        built = build()
        docs = built if isinstance(built, list) else [built]
        return {CATALOGS / f"{doc['vendor']['id']}.json": render(doc) for doc in docs}
    return run(argv, files)

#!/usr/bin/env python3
"""Build catalogs/oauth.json, the OAuth 2.0 and OpenID Connect `error` values (standard family
"oauth").

Reads (see catalogs/tools/sources/README-fam-cloud.md):
  sources/oauth-errors.tsv    one row per (error value, endpoint that defines it): the spec and
      section, the HTTP status where the spec gives one, and the oauthlib classes that carry it.
  oauth_annotations.json      hand-written: value -> summary_en, kind, retry.
Writes catalogs/oauth.json: one entry per value, in the order the values first appear in the
source. category names the endpoint(s), subcategory the spec section(s), http_status the status
when the spec gives exactly one.

    python3 catalogs/tools/build_oauth.py          # build and write
    python3 catalogs/tools/build_oauth.py --check  # exit 1 if catalogs/oauth.json is stale
"""

import re
import sys
from collections import Counter

import common

SOURCE = common.SOURCES / "oauth-errors.tsv"

CLIENT_SIDE = "oauthlib only"
# "stands in for 500, which cannot be sent through a redirect": the status the value replaces.
STANDS_IN_RE = re.compile(r"stands in for (\d{3})\b")


def read_rows():
    rows = common.read_tsv(SOURCE)
    values = common.grouped(rows, "error")
    # Counts stated in sources/README-fam-cloud.md.
    if (len(rows), len(values)) != (40, 33):
        common.fail(f"{len(rows)} rows, {len(values)} values; README says 40 and 33")
    first_spec = Counter(mine[0]["defining_spec"] for mine in values.values())
    expected = {"RFC 6749": 10, "RFC 6750": 2, "RFC 7009": 1, "RFC 8628": 3, "RFC 9449": 2,
                "OpenID Connect Core 1.0": 9, CLIENT_SIDE: 6}
    if first_spec != expected:
        common.fail(f"values per defining spec {dict(first_spec)}, expected {expected}")
    return rows, values


def status(text):
    """The spec's status as an integer, or None for none or a choice ("400 or 401")."""
    return int(text) if text.isdigit() else None


def spec_sections(rows):
    """subcategory: "RFC 6749 §5.2; RFC 6750 §3.1". When the rows give different statuses each
    section says its own, "(token endpoint, HTTP 400)"."""
    given = {r["http_status"] for r in rows if r["http_status"]}
    if rows[0]["defining_spec"] == CLIENT_SIDE:
        return "not in any spec: raised by oauthlib on the client"
    if len(given) > 1 or any(status(s) is None for s in given):
        parts = []
        for r in rows:
            where = r["usage_location"].split(" (")[0]
            note = f" ({where}, HTTP {r['http_status']})" if r["http_status"] else f" ({where})"
            parts.append(f"{r['defining_spec']} §{r['section'].replace(', ', ', §')}{note}")
        return "; ".join(parts)
    by_spec = {}
    for r in rows:
        sections = by_spec.setdefault(r["defining_spec"], [])
        for s in r["section"].split(", "):
            if s not in sections:
                sections.append(s)
    return "; ".join(f"{spec} §{', §'.join(secs)}" for spec, secs in by_spec.items())


def build():
    rows, values = read_rows()
    notes = common.judgements("oauth", list(values), kind_required=True)

    entries, class_owner = [], {}
    for value, mine in values.items():
        given = {r["http_status"] for r in mine if r["http_status"]}
        http_status = status(given.pop()) if len(given) == 1 else None
        aliases = []
        for r in mine:
            for cls in r["oauthlib_classes"].split():
                name = cls.rsplit(".", 1)[1]
                if class_owner.setdefault(name, value) != value:
                    common.fail(f"oauthlib class {name} carries two values")
                if name not in aliases:
                    aliases.append(name)
        maps_to = []
        for r in mine:
            for m in STANDS_IN_RE.finditer(r["status_note"]):
                link = {"vendor": "http", "code": m[1]}
                if link not in maps_to:
                    maps_to.append(link)
        a = notes[value]
        common.check_kind(value, a["kind"], a["retry"], http_status)
        entries.append(common.entry(
            value,
            symbol=value,
            aliases=aliases,
            maps_to=maps_to,
            http_status=http_status,
            category="; ".join(dict.fromkeys(r["usage_location"] for r in mine)),
            subcategory=spec_sections(mine),
            **a,
        ))

    with_status = sum(e["http_status"] is not None for e in entries)
    several = [e["code"] for e in entries if len(e["category"].split("; ")) > 1]
    split_status = [e["code"] for e in entries if "HTTP" in e["subcategory"]]
    spec_values = len(values) - 6
    return common.catalog("oauth", entries, notes=[
        f"{len(entries)} error values from {len(rows)} rows of oauth-errors.tsv (one row per value "
        f"and endpoint): {spec_values} defined by a spec (RFC 6749 10, RFC 6750 2, RFC 7009 1, "
        "RFC 8628 3, RFC 9449 2, OpenID Connect Core 1.0 9) and 6 that only oauthlib raises on "
        "the client (token_expired, insecure_transport, mismatching_state, missing_code, "
        "missing_token, missing_token_type). Entries follow the source's order.",
        "category lists the endpoint(s) where the value is defined and subcategory the spec and "
        f"section(s). {len(several)} values are defined at several endpoints "
        f"({', '.join(several)}).",
        f"http_status is set for {with_status} values, where the spec gives one status. "
        "Authorization-endpoint errors travel in the redirect's query or fragment and have no "
        f"status. Where the endpoints differ ({', '.join(split_status)}) http_status is null and "
        "subcategory gives each endpoint's status; invalid_client is 400 or 401 (401 with "
        "WWW-Authenticate when the client authenticated with the Authorization header).",
        "maps_to: server_error stands in for HTTP 500 and temporarily_unavailable for HTTP 503, "
        "which cannot be sent through a redirect.",
        "aliases are the oauthlib 3.2.2 exception classes that carry the value (Python tracebacks "
        "print them, e.g. oauthlib.oauth2.rfc6749.errors.InvalidGrantError). oauthlib's own HTTP "
        "statuses (401 for the OpenID Connect prompt=none errors, 400 for its client-side ones) are "
        "its choice, not a spec's, and are not used.",
        "RFC 6749 and OpenID Connect Core were checked against their texts; RFC 6750, 7009, 8628 "
        "and 9449 rows only against secondary copies, and the sections given for "
        "invalid_dpop_proof (RFC 9449 §5 and §7.1) could not be confirmed in any copy. RFC 9126 "
        "(PAR) defines no error values of its own.",
        "Not covered: other values of the IANA OAuth Extensions Error registry (RFC 7591 "
        "registration errors, RFC 8707 invalid_target, RFC 9396 invalid_authorization_details, "
        "UMA, ACE), for want of a primary text.",
        "Values, sections and statuses are facts from IETF RFCs and OpenID specifications; "
        "oauthlib is BSD-3-Clause. message and description are null: no spec prose is copied. "
        "summary_en is our own wording.",
        "Every entry has a kind and retry advice.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

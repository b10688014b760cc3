#!/usr/bin/env python3
"""Build catalogs/ldap.json: LDAP result codes, OpenLDAP's client API errors and the Active
Directory bind sub-codes (standard family "ldap").

Reads (see catalogs/tools/sources/README-fam-platform.md):
  sources/ldap-result-codes.tsv  kind (result | api-error | ad-bind-data), code, code_hex, name,
      aliases, ldap_err2string, note: OpenLDAP 2.5.13's ldap.h codes with the text
      ldap_err2string() returns, and the Win32 codes Active Directory puts after "data" in the
      diagnostic text of a failed bind (result 49).
  ldap_annotations.json          hand-written: code -> {summary_en, kind, retry}.
Writes catalogs/ldap.json in the source's order. Result codes and API errors keep their decimal
code ("49", "-1"); an Active Directory sub-code is written as AD prints it ("data 52e") and maps to
its Win32 code.

    python3 catalogs/tools/build_ldap.py          # build and write
    python3 catalogs/tools/build_ldap.py --check  # exit 1 if catalogs/ldap.json is stale
"""

import sys
from collections import Counter

import common
from judged import Judge

SOURCE = common.SOURCES / "ldap-result-codes.tsv"

# The counts sources/README-fam-platform.md states.
COUNTS = {"result": 64, "api-error": 18, "ad-bind-data": 9}
ALIASES = {"LDAP_AUTH_METHOD_NOT_SUPPORTED": "LDAP_STRONG_AUTH_NOT_SUPPORTED",
           "LDAP_STRONG_AUTH_REQUIRED": "LDAP_STRONGER_AUTH_REQUIRED"}
# What ldap_err2string() answers for codes the library was built without (#ifdef'd out of ldap.h).
NOT_BUILT_IN = "Unknown (private extension) error"
OBSOLETE_NOTES = ("defunct", "Obsolete")
INVALID_CREDENTIALS = "49"
CATEGORY = {
    "result": "LDAP result code",
    "api-error": "OpenLDAP client API error",
    "ad-bind-data": "Active Directory bind sub-code",
}


def read_source():
    rows = common.read_tsv(SOURCE)
    counts = Counter(r["kind"] for r in rows)
    if counts != COUNTS:
        common.fail(f"rows per kind {dict(counts)}: the source changed")
    aliases = {r["name"]: r["aliases"] for r in rows if r["aliases"]}
    if aliases != ALIASES:
        common.fail(f"aliases {aliases}: the source changed")
    return rows


def code_of(row):
    """The catalog code of a row: decimal, or `data <hex>` for an AD sub-code."""
    if row["kind"] == "ad-bind-data":
        if int(row["code_hex"], 16) != int(row["code"]):
            common.fail(f"{row['name']}: code and code_hex differ")
        return "data " + row["code_hex"][2:].lower()
    return row["code"]


def build():
    rows = read_source()
    codes = [code_of(r) for r in rows]
    if len(set(codes)) != len(codes):
        common.fail("a code twice")
    judge = Judge("ldap", codes, summarised=codes)
    entries = []
    for r, code in zip(rows, codes):
        ad = r["kind"] == "ad-bind-data"
        aliases = [r["aliases"]] if r["aliases"] else []
        if ad:
            # "52e" as AD prints it without "data", and the Win32 number the source gives.
            aliases = [code.removeprefix("data "), r["code"]]
        message = r["ldap_err2string"] or None
        if message == NOT_BUILT_IN:
            message = None
        entries.append(common.entry(
            code,
            symbol=r["name"],
            aliases=aliases,
            maps_to=[{"vendor": "win32", "code": r["code"]}] if ad else [],
            category=CATEGORY[r["kind"]],
            subcategory=(f"with result {INVALID_CREDENTIALS} (invalidCredentials)" if ad
                         else r["note"] or None),
            message=message,
            **judge.judgement(code, r["name"]),
            obsolete=r["note"] in OBSOLETE_NOTES,
        ))
    unbuilt = [e["symbol"] for e in entries
               if e["category"] == CATEGORY["result"] and e["message"] is None]
    if len(unbuilt) != 3:
        common.fail(f"codes without a library text: {unbuilt}")
    obsolete = [e["symbol"] for e in entries if e.get("obsolete")]
    return common.catalog("ldap", entries, notes=[
        f"{len(entries)} entries: {COUNTS['result']} LDAP result codes (0 success to 0x4121) and "
        f"{COUNTS['api-error']} OpenLDAP client API errors (-1 to -18) from OpenLDAP 2.5.13's "
        f"ldap.h, and {COUNTS['ad-bind-data']} Active Directory bind sub-codes. Names and texts: "
        "OpenLDAP Public License 2.8.",
        "message is the text ldap_err2string() returns in libldap 2.5.13, which ldapsearch and "
        f"ldapwhoami print after the code. {', '.join(unbuilt)} are defined only under #ifdef, so "
        f"the library answers \"{NOT_BUILT_IN}\" for them; their message is null.",
        "API errors are negative and OpenLDAP's own: they never travel on the wire, and other "
        "SDKs number client-side errors differently (0x51 and up).",
        "Active Directory sub-codes: a failed bind answers result 49 with a diagnostic such as "
        "\"80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, "
        "v4563\". The value after data is a Win32 error code in hex; code is written as AD prints "
        "it (data 52e), aliases hold the bare hex and the decimal Win32 code, and maps_to links "
        "the win32 family. Names are the Win32 names (windows-winerror.h); message is null, as AD "
        "prints no text of its own for them.",
        f"aliases of result codes are ldap.h's second names (LDAP_STRONG_AUTH_NOT_SUPPORTED = 7, "
        f"LDAP_STRONGER_AUTH_REQUIRED = 8). subcategory is the header's comment (LDAPv3, CLDAP, "
        f"defunct...). Marked obsolete: {', '.join(obsolete)}.",
        "summary_en, kind and retry are hand-written for every entry (ldap_annotations.json). "
        "Compare false/true (5, 6), SASL bind in progress (14), no-op and transaction-accepted "
        "results are kind ok.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

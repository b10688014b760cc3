#!/usr/bin/env python3
"""Build catalogs/curl.json, the libcurl CURLcode numbers (standard family "curl").

Reads (see catalogs/tools/sources/README.md):
  sources/libcurl-errors.md   libcurl-errors(3) (libcurl 8.22.0-DEV): the "# CURLcode" section only,
      one "## CURLE_NAME (n)" heading per code and "## Obsolete error(s) (n)" / "(n-m)" headings.
  sources/curl-strerror.tsv   code, name, curl_easy_strerror() text of libcurl 7.88.1.
  curl_annotations.json       hand-written: code -> {symbol (checked against the man page),
      summary_en, kind, retry}.
Writes catalogs/curl.json: one entry per CURLcode number 0..101 in numeric order. From the man
page's text it also takes two old names (aliases) and one old number (maps_to).

    python3 catalogs/tools/build_curl.py          # build and write
    python3 catalogs/tools/build_curl.py --check  # exit 1 if catalogs/curl.json is stale
"""

import re
import sys

import common

MAN = common.SOURCES / "libcurl-errors.md"
STRERROR = common.SOURCES / "curl-strerror.tsv"

NAMED_RE = re.compile(r"## (CURLE_\w+) \((\d+)\)")
OBSOLETE_RE = re.compile(r"## Obsolete errors? \((\d+)(?:-(\d+))?\)")
# Old names and numbers the man page gives in a code's text.
OLD_NAME_RES = (re.compile(r"known as\s+\*(CURLE_\w+)\*"), re.compile(r"unified with\s+(CURLE_\w+)"))
OLD_NUMBER_RE = re.compile(r"previous\s+value was (\d+)")
TOO_NEW = "Unknown error"  # what 7.88.1 says for codes it does not know
# The OpenSSL reasons (catalogs/openssl.json) curl's OpenSSL backend turns into a CURLcode other
# than CURLE_SSL_CONNECT_ERROR (35), which every other SSL reason becomes: lib/vtls/openssl.c
# (ossl_connect_step2) and lib/vquic/curl_osslq.c report a failed certificate check as 60 and
# print the verification result (catalogs/x509.json) after "SSL certificate problem: ", and a
# TLS 1.3 "certificate required" alert as 98.
TLS_REASONS = {
    60: ["134", "1045"],  # SSL_R_CERTIFICATE_VERIFY_FAILED, SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED
    98: ["1116"],  # SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED
}


def parse_man():
    """{number: (name or None, section text)} for the CURLcode section of the man page."""
    text = MAN.read_text(encoding="utf-8")
    section = text.split("\n# CURLcode\n", 1)[1].split("\n# CURLMcode\n", 1)[0]
    codes = {}
    for block in section.split("\n## ")[1:]:
        heading, _, body = block.partition("\n")
        heading = "## " + heading
        if m := NAMED_RE.fullmatch(heading):
            numbers, name = [int(m[2])], m[1]
        elif m := OBSOLETE_RE.fullmatch(heading):
            numbers, name = list(range(int(m[1]), int(m[2] or m[1]) + 1)), None
        else:
            common.fail(f"unparsed heading: {heading!r}")
        for n in numbers:
            if n in codes:
                common.fail(f"number {n} headed twice")
            codes[n] = (name, " ".join(body.split()))
    return codes


def build():
    man = parse_man()
    strerror = {int(r["code"]): (r["name"], r["strerror"]) for r in common.read_tsv(STRERROR)}
    named = {n: v[0] for n, v in man.items() if v[0]}
    obsolete = sorted(n for n, v in man.items() if not v[0])
    # Counts stated in sources/README.md.
    assert sorted(man) == list(range(102)), sorted(man)
    assert (len(named), len(strerror)) == (87, 87), (len(named), len(strerror))
    assert obsolete == [20, 24, 29, 32, 34, 40, 41, 44, 46, 50, 51, 57, 62, 75, 76], obsolete
    assert {n: s[0] for n, s in strerror.items()} == named, "man page and strerror.tsv differ"
    too_new = sorted(n for n, (_, s) in strerror.items() if s == TOO_NEW)
    assert too_new == [100, 101], too_new

    aliases, maps_to = {}, {}
    for n, (_, body) in man.items():
        aliases[n] = [m[1] for r in OLD_NAME_RES for m in r.finditer(body)]
        for m in OLD_NUMBER_RE.finditer(body):
            maps_to.setdefault(int(m[1]), []).append({"vendor": "curl", "code": str(n)})
    assert {n: a for n, a in aliases.items() if a} == {
        8: ["CURLE_FTP_WEIRD_SERVER_REPLY"], 60: ["CURLE_SSL_CACERT"]}, aliases
    assert maps_to == {51: [{"vendor": "curl", "code": "60"}]}, maps_to
    for n, reasons in TLS_REASONS.items():
        maps_to.setdefault(n, []).extend({"vendor": "openssl", "code": r} for r in reasons)

    symbols = {str(n): man[n][0] for n in sorted(man)}
    notes = common.judgements("curl", list(symbols), symbols=symbols)

    entries = []
    for n in sorted(man):
        a, name = notes[str(n)], man[n][0]
        assert name or a["kind"] is None, n  # obsolete numbers get no kind
        entries.append(common.entry(
            n,
            aliases=aliases[n],
            maps_to=maps_to.get(n, []),
            message=strerror[n][1] if name and n not in too_new else None,
            obsolete=not name,
            **a,
        ))

    no_kind = [e["code"] for e in entries if e["kind"] is None]
    assert no_kind == sorted(set(map(str, obsolete)) | {"22"}, key=int), no_kind
    return common.catalog("curl", entries, notes=[
        f"{len(entries)} CURLcode numbers (0-101) from the libcurl-errors(3) man page of libcurl "
        f"8.22.0-DEV: {len(named)} named codes and {len(obsolete)} obsolete numbers. CURLMcode, "
        "CURLSHcode, CURLUcode and CURLHcode are not included.",
        "message is the text curl_easy_strerror() returns in libcurl 7.88.1 (Debian 12), which the "
        "curl tool prints after \"curl: (N)\"; newer releases word some texts differently.",
        "CURLE_TOO_LARGE (100) and CURLE_ECH_REQUIRED (101) are newer than libcurl 7.88.1, which "
        "answers \"Unknown error\" for them, so their message is null.",
        f"The {len(obsolete)} obsolete numbers ({', '.join(map(str, obsolete))}) are no longer "
        "returned by libcurl and have no symbol, message, kind or retry advice.",
        "CURLE_HTTP_RETURNED_ERROR (22) has no kind or retry advice: the server answered with an "
        "HTTP status of 400 or more, and what to do depends on that status.",
        f"{len(no_kind)} entries have no kind: the {len(obsolete)} obsolete numbers and 22.",
        "From the man page's text: CURLE_FTP_WEIRD_SERVER_REPLY is the name of 8 before 7.51.0, "
        "CURLE_SSL_CACERT is unified with 60 since 7.62.0, and 60 was numbered 51 before that "
        "(maps_to of 51).",
        "maps_to of 60 and 98: the OpenSSL reasons curl's OpenSSL backend (lib/vtls/openssl.c) "
        "reports as these codes: certificate verify failed (134) and an alert that the "
        "certificate expired (1045) as 60, with the verification result (x509) printed after "
        "\"SSL certificate problem: \"; a TLS 1.3 certificate-required alert (1116) as 98. "
        "Every other SSL reason is 35, with OpenSSL's error string printed after it.",
        "CURLE_NO_CONNECTION_AVAILABLE (89) is for libcurl's internal use and never returned "
        "according to the man page; it is not marked obsolete.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

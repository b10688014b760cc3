#!/usr/bin/env python3
"""Build the three TLS families from OpenSSL 3.0.19's tables: catalogs/x509.json (certificate
verify codes), catalogs/openssl.json (SSL library reasons) and catalogs/tls-alert.json (TLS alerts).

Reads (see catalogs/tools/sources/README-fam-tls-exit.md):
  sources/openssl-x509-verify.tsv   code, name, X509_verify_cert_error_string() text
  sources/openssl-ssl-reasons.tsv   reason, name, ERR_reason_error_string() text, packed code
  sources/tls-alerts.tsv            alert, names, SSL_alert_desc_string(_long), matching SSL_R reason
  x509_annotations.json, openssl_annotations.json, tls-alert_annotations.json
      hand-written: code -> {symbol (checked against the source), kind, retry, summary_en}
The counts sources/README-fam-tls-exit.md states are asserted, so a changed source stops the build.

    python3 catalogs/tools/build_tls.py          # build and write the three catalogs
    python3 catalogs/tools/build_tls.py --check  # exit 1 if any of them is stale
"""

import re
import sys

import common

X509_TSV = common.SOURCES / "openssl-x509-verify.tsv"
REASONS_TSV = common.SOURCES / "openssl-ssl-reasons.tsv"
ALERTS_TSV = common.SOURCES / "tls-alerts.tsv"

OPENSSL_VERSION = "OpenSSL 3.0.19 (27 Jan 2026), Debian 12 libssl3 3.0.19-1~deb12u2"
# An SSL_R reason at or above this number is a TLS alert received from the peer (1000 + alert).
ALERT_BASE = 1000
ALERT_PREFIX = re.compile(r"^(SSL3|TLS1|TLS13)_AD_")

# Kind and retry of the SSL reasons that have no hand annotation, by the reason's name without
# its SSL_R_ prefix: the first pattern that matches wins.
OPENSSL_RULES = (
    ("local setup or API use", r"SECTION|CMD_NAME|COMMAND|CONFIG|^NULL_SSL|NO_METHOD|_NOT_SET$"
     r"|CALLBACK|_CB$|DANE|SRTP|SRP|SERVERINFO|TICKET|PEM_|COOKIE", "validation", "after_fix"),
    ("fault inside OpenSSL", r"LIBRARY|INTERNAL|OVERFLOW|UNINITIALIZED|STATE|BN_LIB"
     r"|COPY_PARAMETERS|CANNOT_GET", "internal", "later"),
    ("nothing in common or not supported", r"VERSION|PROTOCOL|CIPHER|SHARED|SUITABLE|SIGALG"
     r"|GROUP|CURVE|SUITEB|SUITE_B|COMPRESSION|UNSUPPORTED|UNKNOWN|GOST", "unsupported",
     "after_fix"),
    ("connection cut or timed out", r"EOF|TIMEOUT", "network", "backoff"),
    ("anything else: a malformed or unexpected message from the peer", r"", "network",
     "after_fix"),
)

LICENSE_NOTE = ("Codes, names and texts are from OpenSSL 3.0.19's headers and library (Apache "
                "License 2.0).")


# ---------------------------------------------------------------------------------------------
# Sources


def read_x509():
    rows = common.read_tsv(X509_TSV)
    common.expect("x509 rows", len(rows), 95)
    common.expect("x509 codes", [int(r["code"]) for r in rows], list(range(95)))
    common.expect("x509 code 0", rows[0]["name"], "X509_V_OK")
    if not all(r["name"].startswith("X509_V_ERR_") for r in rows[1:]):
        common.fail("an x509 error name without the X509_V_ERR_ prefix")
    common.expect("x509 names distinct", len({r["name"] for r in rows}), 95)
    common.expect("x509 18", rows[18]["verify_error_string"], "self-signed certificate")
    return rows


def read_reasons():
    rows = common.read_tsv(REASONS_TSV)
    common.expect("SSL reason rows", len(rows), 321)
    common.expect("distinct SSL reasons", len({int(r["reason"]) for r in rows}), 321)
    if not all(r["reason_string"] and r["name"].startswith("SSL_R_") for r in rows):
        common.fail("an SSL reason without a string or an SSL_R_ name")
    by_code = {int(r["reason"]): r for r in rows}
    for code, text in ((267, "wrong version number"), (294, "unexpected eof while reading"),
                       (134, "certificate verify failed")):
        common.expect(f"SSL reason {code}", by_code[code]["reason_string"], text)
    for r in rows:
        packed = f"{(20 << 23) | int(r['reason']):08X}"
        common.expect(f"packed code of {r['name']}", r["packed_hex"], packed)
        common.expect(f"error string of {r['name']}", r["error_string"],
                      f"error:{packed}:SSL routines::{r['reason_string']}")
    common.expect("alert reasons", sum(1 for c in by_code if c >= ALERT_BASE), 33)
    return rows


def read_alerts(reasons):
    rows = common.read_tsv(ALERTS_TSV)
    common.expect("TLS alert rows", len(rows), 34)
    numbers = [int(r["alert"]) for r in rows]
    common.expect("TLS alerts in order", numbers, sorted(set(numbers)))
    common.expect("TLS alert range", (numbers[0], numbers[-1]), (0, 120))
    common.expect("alerts with an SSL_R reason", sum(1 for r in rows if r["ssl_r_reason"]), 33)
    common.expect("alert 0's reason", rows[0]["ssl_r_reason"], "")
    common.expect("alerts commented fatal", sum(1 for r in rows if r["header_comment"] == "fatal"), 17)
    common.expect("desc_short UK", [int(r["alert"]) for r in rows if r["desc_short"] == "UK"],
                  [86, 109, 116, 120])
    common.expect("desc_long unknown", [int(r["alert"]) for r in rows if r["desc_long"] == "unknown"],
                  [86, 109, 116])
    by_reason = {int(r["reason"]): r for r in reasons}
    for r in rows:
        if not ALERT_PREFIX.match(r["name"]):
            common.fail(f"alert name {r['name']}")
        if not r["ssl_r_reason"]:
            continue
        reason = int(r["ssl_r_reason"])
        common.expect(f"reason of alert {r['alert']}", reason, ALERT_BASE + int(r["alert"]))
        common.expect(f"SSL_R row of alert {r['alert']}",
                      (by_reason[reason]["name"], by_reason[reason]["reason_string"]),
                      (r["ssl_r_name"], r["ssl_r_string"]))
    return rows


def alert_symbol(name):
    """The alert's name as TLS specifications spell it: handshake_failure."""
    return ALERT_PREFIX.sub("", name).lower()


# ---------------------------------------------------------------------------------------------
# Catalogs


def build_x509(rows):
    symbols = {r["code"]: r["name"] for r in rows}
    notes = common.judgements("x509", list(symbols), symbols=symbols)
    entries = []
    for r in rows:
        a = notes[r["code"]]
        short = r["name"].removeprefix("X509_V_ERR_")
        entries.append(common.entry(
            r["code"], symbol=r["name"], aliases=[short] if short != r["name"] else [],
            message=r["verify_error_string"], summary_en=a["summary_en"], kind=a["kind"],
            retry=a["retry"]))
    return common.catalog("x509", entries, notes=[
        f"{len(entries)} verify codes: X509_V_OK (0) and the 94 X509_V_ERR_* codes 1-94 of "
        f"{OPENSSL_VERSION}, x509_vfy.h, with no gaps. Later OpenSSL releases add codes.",
        "message is the text X509_verify_cert_error_string() returns, what `openssl verify`, "
        "`openssl s_client` (verify error:num=20:...), curl and Python print after the "
        "reason. 18 reads \"self-signed certificate\" here; releases before 3.0 said "
        "\"self signed certificate\".",
        "aliases: each error name without its X509_V_ERR_ prefix. Node.js reports that form "
        "as err.code (e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE) for the codes it names and "
        "UNSPECIFIED for the others.",
        "summary_en is ours for every entry. Kinds: 0 is ok; a certificate that does not "
        "verify is network (a TLS connection cannot be made) with retry after_fix, except "
        "features OpenSSL does not implement (unsupported), 17 out of memory and 70 store "
        "lookup errors (internal), and 69, a misuse of the API (validation).",
        "Codes 80-94 (and the strict parts of others) are only reported with strict "
        "checking (X509_V_FLAG_X509_STRICT, -x509_strict).",
        LICENSE_NOTE,
    ])


def openssl_rule(name):
    short = name.removeprefix("SSL_R_")
    for _, pattern, kind, retry in OPENSSL_RULES:
        if re.search(pattern, short):
            return kind, retry
    raise AssertionError("the last rule matches every name")


def build_openssl(rows, alerts):
    symbols = {r["reason"]: r["name"] for r in rows}
    notes = common.judgements("openssl", list(symbols), symbols=symbols, partial=True)
    alert_notes = common.annotations("tls-alert")
    alert_of = {r["ssl_r_reason"]: r for r in alerts if r["ssl_r_reason"]}
    entries, by_rule, from_alert = [], 0, 0
    for r in sorted(rows, key=lambda r: int(r["reason"])):
        code, name = r["reason"], r["name"]
        alert = alert_of.get(code)
        maps_to = [{"vendor": "tls-alert", "code": alert["alert"]}] if alert else []
        if code in notes:
            a = notes[code]
            kind, retry, summary = a["kind"], a["retry"], a["summary_en"]
        elif alert:
            a = alert_notes[alert["alert"]]
            kind, retry = a["kind"], a["retry"]
            summary = (f"The peer sent a {alert_symbol(alert['name'])} alert (TLS alert "
                       f"{alert['alert']}). {a['summary_en']}")
            from_alert += 1
        else:
            (kind, retry), summary = openssl_rule(name), None
            by_rule += 1
        entries.append(common.entry(
            code, symbol=name, aliases=[name.removeprefix("SSL_R_")], maps_to=maps_to,
            category="alert received" if alert else None, message=r["reason_string"],
            summary_en=summary, kind=kind, retry=retry))
    summarised = sum(1 for e in entries if e["summary_en"])
    if summarised < 150:
        common.fail(f"only {summarised} SSL reasons have a summary; the issue asks for 150")
    rules = "; ".join(f"{why}: {kind}/{retry}" + (f" ({pattern})" if pattern else "")
                      for why, pattern, kind, retry in OPENSSL_RULES)
    return common.catalog("openssl", entries, notes=[
        f"{len(entries)} reasons, every SSL_R_* of {OPENSSL_VERSION}, sslerr.h, in numeric "
        "order. code is the reason number: the low 12 bits of the packed error code, which "
        "OpenSSL 3 prints as error:0A00010B:SSL routines::wrong version number (library "
        "20 << 23 | reason) and OpenSSL 1.x as error:1408F10B:SSL routines:ssl3_get_record:"
        "wrong version number (library << 24 | function << 12 | reason).",
        "message is the text ERR_reason_error_string() returns, the last part of those "
        "lines. aliases: the name without its SSL_R_ prefix, the mnemonic Python prints "
        "([SSL: WRONG_VERSION_NUMBER]).",
        f"The 33 reasons 1000 + alert number (SSLV3_ALERT_*, TLSV1_ALERT_*, TLSV13_ALERT_*, "
        "TLSV1_UNRECOGNIZED_NAME ...) are TLS alerts received from the peer: category "
        "\"alert received\", maps_to the tls-alert entry the source pairs them with. Their "
        "texts say sslv3/tlsv1 whatever the protocol version.",
        f"summary_en (ours) for {summarised} reasons: {summarised - from_alert} written "
        f"for the reasons a developer meets (failing connections: version, cipher, group "
        "and signature negotiation, certificates, records and plain-text-on-TLS mistakes; "
        "configuration and API misuse when loading certificates, keys and openssl.cnf "
        "settings; TLS 1.3, PSK, early data and renegotiation failures), chosen by our "
        "judgment of what shows up in client errors, server logs and bug reports; and "
        f"{from_alert} alert reasons that take the summary of their tls-alert entry. The "
        f"other {len(entries) - summarised} show their message only: DANE, SRP, SRTP, "
        "Suite B, DTLS cookies, TLS compression, serverinfo data and three internal "
        "failures (BN_LIB, COPY_PARAMETERS_FAILED, CANNOT_GET_GROUP_NAME).",
        f"Kinds: {len(entries) - by_rule} by hand (the alert reasons follow their "
        f"tls-alert entry), {by_rule} by these rules on the name without SSL_R_, first "
        f"match wins: {rules}.",
        "SSL_R_CERTIFICATE_VERIFY_FAILED (134) links to no x509 code: the verify result "
        "printed beside it says which one.",
        LICENSE_NOTE,
    ])


def build_alerts(rows):
    symbols = {r["alert"]: alert_symbol(r["name"]) for r in rows}
    notes = common.judgements("tls-alert", list(symbols), symbols=symbols)
    entries, spelled = [], []
    for r in rows:
        a, symbol = notes[r["alert"]], symbols[r["alert"]]
        aliases = [r["name"], r["ssl_ad_name"]]
        # The long description with underscores, where it names the alert differently.
        long_name = r["desc_long"].lower().replace(" ", "_")
        if long_name not in (symbol, "unknown"):
            aliases.append(long_name)
            spelled.append(f"{r['alert']} {long_name}")
        maps_to = ([{"vendor": "openssl", "code": r["ssl_r_reason"]}]
                   if r["ssl_r_reason"] else [])
        entries.append(common.entry(
            r["alert"], symbol=symbol, aliases=aliases, maps_to=maps_to, message=r["desc_long"],
            summary_en=a["summary_en"], kind=a["kind"], retry=a["retry"]))
    common.expect("alerts spelled otherwise", spelled, ["90 user_canceled"])
    return common.catalog("tls-alert", entries, notes=[
        f"{len(entries)} alerts (0-120), every SSL3_AD_*, TLS1_AD_* and TLS13_AD_* of "
        f"{OPENSSL_VERSION} (ssl3.h, tls1.h). code is the alert number on the wire.",
        "symbol is the OpenSSL name without its SSL3_AD_/TLS1_AD_/TLS13_AD_ prefix, in "
        "lower case, as the TLS RFCs spell alerts (handshake_failure); aliases are the "
        "OpenSSL header name, the public SSL_AD_* name, and for 90 the RFC spelling "
        "user_canceled taken from OpenSSL's long description.",
        "message is SSL_alert_desc_string_long()'s text, as `openssl s_client` prints in "
        "\"SSL3 alert read:fatal:handshake failure\". OpenSSL 3.0 answers \"unknown\" for "
        "86, 109 and 116 and spells 10 \"unexpected_message\"; those texts are kept as "
        "printed.",
        "maps_to: the SSL library reason (openssl 1000 + alert) OpenSSL reports when it "
        "receives the alert; 0 close_notify has none.",
        "The header marks 17 alerts as fatal in comments; that is not a property of the "
        "alert in TLS 1.3, where every alert but close_notify and user_canceled is fatal, "
        "so it is not carried over.",
        "summary_en is ours for every entry and reads from the receiving side: the peer "
        "sent the alert. Kinds by hand: certificate refusals are network, except missing "
        "or refused client credentials (auth) and access_denied (permission); version and "
        "capability mismatches are unsupported; close_notify is ok.",
        LICENSE_NOTE,
    ])


def build():
    x509 = read_x509()
    reasons = read_reasons()
    alerts = read_alerts(reasons)
    return [build_x509(x509), build_openssl(reasons, alerts), build_alerts(alerts)]


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

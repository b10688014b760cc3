#!/usr/bin/env python3
"""Build catalogs/dns.json (DNS RCODEs, standard family "dns") and catalogs/dns-ede.json (Extended
DNS Errors of RFC 8914, standard family "dns-ede") from one source file.

Reads (see catalogs/tools/sources/README-fam-protocols.md):
  sources/dns-rcodes.tsv      kind (rcode | ede), value, name, description (rcode: dnspython's doc
      comment, not used; ede: the text dnspython prints), carried_in, in_dnspython_2_3.
  dns_annotations.json        hand-written: RCODE -> summary_en, kind, retry.
  dns-ede_annotations.json    hand-written: INFO-CODE -> summary_en, kind, retry.
Writes both catalogs, entries in numeric order, codes in decimal. RCODE 16 is BADVERS (EDNS) and
BADSIG (TSIG): one entry, BADSIG its alias.

    python3 catalogs/tools/build_dns.py          # build and write both
    python3 catalogs/tools/build_dns.py --check  # exit 1 if either catalog is stale
"""

import sys

import common

SOURCE = common.SOURCES / "dns-rcodes.tsv"

LICENSE = ("Names and texts: dnspython 2.9.2 (ISC), compared with Debian 12's python3-dnspython "
           "2.3.0; the numbers are facts of the IANA DNS parameters registry. summary_en is our "
           "own wording; kind and retry are judged by hand per code.")


def read_rows():
    rows = common.read_tsv(SOURCE)
    rcodes = [r for r in rows if r["kind"] == "rcode"]
    edes = [r for r in rows if r["kind"] == "ede"]
    values = sorted({int(r["value"]) for r in rcodes})
    # Counts stated in sources/README-fam-protocols.md.
    if (len(rcodes), values) != (21, list(range(12)) + list(range(16, 24))):
        common.fail(f"{len(rcodes)} rcode rows, values {values}; README says 21 rows, "
                    "0-11 and 16-23")
    if [int(r["value"]) for r in edes] != list(range(33)) or len(rows) != 54:
        common.fail(f"EDE values {[r['value'] for r in edes]}; README says 0-32")
    newer = [int(r["value"]) for r in edes if r["in_dnspython_2_3"] != "yes"]
    if newer != list(range(25, 33)) or any(r["in_dnspython_2_3"] != "yes" for r in rcodes):
        common.fail(f"EDE codes newer than dnspython 2.3 {newer}; README says 25-32")
    return rcodes, edes


def build_rcodes(rows):
    groups = common.grouped(rows, "value")
    notes = common.judgements("dns", list(groups), kind_required=True)
    entries = [common.entry(code, symbol=group[0]["name"], aliases=[r["name"] for r in group[1:]],
                            category=common.join(r["carried_in"] for r in group), **notes[code])
               for code, group in groups.items()]
    shared = {e["code"]: [e["symbol"], *e["aliases"]] for e in entries if e["aliases"]}
    if shared != {"16": ["BADVERS", "BADSIG"]}:
        common.fail(f"names sharing a value {shared}; README says BADVERS/BADSIG at 16")
    return common.catalog("dns", entries, notes=[
        f"{len(entries)} RCODE values from {len(rows)} source rows: 0-11 in the 4-bit header "
        "field, 16 and 23 as EDNS extended RCODEs, 16-22 in the error field of TSIG and TKEY "
        "records (category says where each is carried). 12-15 are unassigned.",
        "16 has two names by context: BADVERS (EDNS) and BADSIG (TSIG); BADSIG is its alias.",
        "symbol is the name dig, nslookup and dnspython print (\"status: SERVFAIL\"). message is "
        "null: there is no runtime text beyond the name, and dnspython's doc comments are not "
        "used (the NXDOMAIN comment cites \"RFC 1025\", a typo for RFC 1035).",
        "SERVFAIL (2) advises retrying with backoff or another resolver, NXDOMAIN (3) not "
        "retrying: the name does not exist. An Extended DNS Error (family dns-ede) beside the "
        "RCODE often says why.",
        LICENSE,
        "Every entry has a kind.",
    ])


def build_edes(rows):
    notes = common.judgements("dns-ede", [r["value"] for r in rows], kind_required=True)
    entries = [common.entry(r["value"], symbol=r["name"], category=r["carried_in"],
                            message=r["description"], **notes[r["value"]])
               for r in rows]
    warnings = [e["code"] for e in entries if e["kind"] == "warning"]
    return common.catalog("dns-ede", entries, notes=[
        f"{len(entries)} INFO-CODEs (0-32) of the Extended DNS Error option (EDNS option 15). "
        "Codes 25-32 are newer than dnspython 2.3.0 (Debian 12).",
        "symbol is dnspython's EDECode name, the registry's name written as a constant "
        "(18 PROHIBITED). message is the text dnspython prints for the code, a title-cased "
        "enum name (\"Rrsigs Missing\", \"Unsupported Nsec3 Iterations Value\"), not the "
        "registry's wording; dig prints BIND's own texts (\"; EDE: 18 (Prohibited)\"), which "
        "this source does not give.",
        "An EDE explains the RCODE it comes with (dns family): most come with SERVFAIL or "
        f"REFUSED, but {len(warnings)} ({', '.join(warnings)}) explain an answer that was still "
        "given (a stale or synthesised answer, DNSSEC skipped) and have the kind warning.",
        LICENSE,
        "Every entry has a kind.",
    ])


def build():
    rcodes, edes = read_rows()
    return [build_rcodes(rcodes), build_edes(edes)]


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

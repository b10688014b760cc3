#!/usr/bin/env python3
"""Build catalogs/win32.json, hresult.json and ntstatus.json, the Windows error families.

Reads (catalogs/tools/sources/, see README-fam-windows.md):
  windows-messages.tsv   impacket 0.13.1's MS-ERREF tables: family, value, name, message.
  windows-winerror.h     mingw-w64 winerror.h: Win32 codes and HRESULTs (names and values).
  windows-ntstatus.h     mingw-w64 ntstatus.h: NTSTATUS values (names and values).
and the hand-written <id>_annotations.json (code -> symbol, kind, retry, summary_en: the codes
developers meet most, and overrides of the rules below).

One entry per distinct value of a family, in numeric order. Every name of both sources is the
entry's symbol or one of its aliases: the symbol is impacket's (MS-ERREF's) name where it has
one, else the header's first; a value only in a header is an entry with a null message.

    python3 catalogs/tools/build_windows.py          # write the three catalogs
    python3 catalogs/tools/build_windows.py --check  # exit 1 if any of them is out of date
"""

import re
import sys

import common

MESSAGES = common.SOURCES / "windows-messages.tsv"
WINERROR = common.SOURCES / "windows-winerror.h"
NTSTATUS = common.SOURCES / "windows-ntstatus.h"
FAMILIES = ("win32", "hresult", "ntstatus")

# Counts stated in sources/README-fam-windows.md (from README-wave2.md).
EXPECT = {
    "winerror.h": {"defines": 3612, "win32": (2112, 2099), "hresult": (1382, 1379), "other": 118},
    "ntstatus.h": {"defines": 1814, "ntstatus": (1797, 1794), "other": 17},
    "rows": {"win32": (2751, 2751), "hresult": (2927, 2927), "ntstatus": (1794, 1792)},
    "empty_messages": 15, "name_messages": 14, "placeholders": 208,
    # names in both / only in impacket / only in the header
    "compare": {"win32": (2082, 669, 30), "hresult": (1164, 1763, 218), "ntstatus": (1783, 11, 14)},
    "facility_win32_rows": 4, "hresult_success_rows": 159,
    "ntstatus_severity": {"error": 1598, "warning": 60, "informational": 85, "success": 51},
}

ACKNOWLEDGMENT = ("This product includes software developed by SecureAuth Corporation "
                  "(https://www.secureauth.com/) and Fortra (https://www.fortra.com)")


# ---------------------------------------------------------------------------------------------
# Reading the headers

DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\()?\s*(.*?)\s*$")
NUMBER = re.compile(r"(0[xX][0-9A-Fa-f]+|\d+)[uUlL]*")
WRAPPERS = (re.compile(r"__MSABI_LONG\((.*)\)"), re.compile(r"_HRESULT_TYPEDEF_\((.*)\)"),
            re.compile(r"\(\((?:HRESULT|NTSTATUS)\)\s*(.*)\)"))
SUM = re.compile(r"\((\w+)\s*\+\s*(\w+)\)")
FROM_WIN32 = re.compile(r"HRESULT_FROM_WIN32\((\w+)\)")
# The header's own constants that are no codes: facilities, severities, range markers, the
# Winsock base and the include guard.
WINERROR_OTHER = re.compile(r"^(FACILITY_|SEVERITY_)|_(FIRST|LAST)$|^(WSABASEERR|__IN__WINERROR_)$")
NTSTATUS_OTHER = re.compile(r"^(FACILITY_|STATUS_SEVERITY_)")


def evaluate(expr, env):
    """The value of a define's body, as the C preprocessor and compiler would compute it."""
    expr = expr.strip()
    for wrapper in WRAPPERS:
        if m := wrapper.fullmatch(expr):
            return evaluate(m[1], env)
    if m := SUM.fullmatch(expr):
        return evaluate(m[1], env) + evaluate(m[2], env)
    if m := FROM_WIN32.fullmatch(expr):
        code = evaluate(m[1], env)
        return code if code <= 0 else (code & 0xFFFF) | 0x80070000
    if m := NUMBER.fullmatch(expr):
        return int(m[1], 0)
    if expr in env:
        return env[expr]
    raise ValueError(f"cannot evaluate {expr!r}")


def read_defines(path):
    """[(name, body, value)] of the object-like defines with a body, in file order."""
    defines, env = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = DEFINE.match(line)
        if not m or m[2] or not m[3]:  # function-like macro, or a guard without a body
            continue
        name, body = m[1], m[3]
        if name in env:
            common.fail(f"{path.name}: {name} defined twice")
        env[name] = evaluate(body, env)
        defines.append((name, body, env[name] & 0xFFFFFFFF))
    return defines


def header_codes():
    """family -> [(name, value)] in header order, winerror.h split the way README-wave2.md
    counts it: HRESULT-typed bodies or values of 0x10000 and above are HRESULTs."""
    defines = read_defines(WINERROR)
    out = {"win32": [], "hresult": [], "ntstatus": []}
    other = 0
    for name, body, value in defines:
        if WINERROR_OTHER.search(name):
            other += 1
        elif ("_HRESULT_TYPEDEF_" in body or "(HRESULT)" in body or "HRESULT_FROM_WIN32" in body
              or value >= 0x10000):
            out["hresult"].append((name, value))
        else:
            out["win32"].append((name, value))
    exp = EXPECT["winerror.h"]
    got = (len(defines), *((len(out[f]), len({v for _, v in out[f]})) for f in ("win32", "hresult")),
           other)
    if got != (exp["defines"], exp["win32"], exp["hresult"], exp["other"]):
        common.fail(f"winerror.h: {got}, README says {exp}")

    defines = read_defines(NTSTATUS)
    out["ntstatus"] = [(n, v) for n, _, v in defines if not NTSTATUS_OTHER.search(n)]
    exp = EXPECT["ntstatus.h"]
    got = (len(defines), (len(out["ntstatus"]), len({v for _, v in out["ntstatus"]})),
           len(defines) - len(out["ntstatus"]))
    if got != (exp["defines"], exp["ntstatus"], exp["other"]):
        common.fail(f"ntstatus.h: {got}, README says {exp}")
    return out


# ---------------------------------------------------------------------------------------------
# Reading impacket's table

def message_rows():
    """family -> [(value, name, message or None)] in the file's order."""
    rows = common.read_tsv(MESSAGES)
    out = {f: [] for f in FAMILIES}
    empty = names_only = placeholders = 0
    for r in rows:
        value = int(r["value_hex"], 16)
        if (r["value_hex"] != f"0x{value:08X}" or int(r["value_dec"]) != value
                or int(r["value_signed"]) != value - ((value & 0x80000000) << 1)):
            common.fail(f"{r['name']}: value columns disagree")
        message = r["message"] or None
        empty += message is None
        names_only += message == r["name"]
        placeholders += bool(message and "%" in message)
        out[r["family"]].append((value, r["name"], message, r["mingw_header"]))
    counts = {f: (len(out[f]), len({v for v, *_ in out[f]})) for f in FAMILIES}
    if counts != EXPECT["rows"]:
        common.fail(f"windows-messages.tsv: {counts}, README says {EXPECT['rows']}")
    got = (empty, names_only, placeholders)
    want = (EXPECT["empty_messages"], EXPECT["name_messages"], EXPECT["placeholders"])
    if got != want:
        common.fail(f"empty/name-only/placeholder messages {got}, README says {want}")
    return out


# ---------------------------------------------------------------------------------------------
# Merging the two sources of a family

# A value only the header names takes the header's first name as its symbol, except where the
# first is a package-specific spelling of a well-known name.
PREFERRED_SYMBOL = {("hresult", 0x00000000): "S_OK"}


def merge(family, rows, header):
    """value -> {"names": [...], "message": ..., "in_impacket": bool}, sorted by value, and the
    (both, only impacket, only header) name counts."""
    by_value = {}
    in_header = dict(header)
    for value, name, message, mingw in rows:
        if (mingw == "same") != (in_header.get(name) == value):
            common.fail(f"{family} {name}: mingw_header says {mingw!r}")
        slot = by_value.setdefault(value, {"names": [], "message": message, "in_impacket": True})
        slot["names"].append(name)
    impacket_names = {name for _, name, _, _ in rows}
    for name, value in header:
        if name in impacket_names:
            continue
        slot = by_value.setdefault(value, {"names": [], "message": None, "in_impacket": False})
        slot["names"].append(name)
    for (fam, value), name in PREFERRED_SYMBOL.items():
        if fam == family:
            names = by_value[value]["names"]
            names.insert(0, names.pop(names.index(name)))
    both = len(impacket_names & set(in_header))
    compare = (both, len(impacket_names) - both, len(in_header) - both)
    if compare != EXPECT["compare"][family]:
        common.fail(f"{family} names both/impacket/header {compare}, README says "
                    f"{EXPECT['compare'][family]}")
    return dict(sorted(by_value.items())), compare


# ---------------------------------------------------------------------------------------------
# Kinds by rule

def words(*patterns):
    return re.compile("|".join(patterns))


# (kind, retry, name pattern): the first rule whose pattern the symbol matches gives an error
# its kind and retry advice. Success and informational codes (by severity) never reach them.
RULES = [
    ("ok", None, words(r"^ERROR_(WAIT_\d+|USER_APC|KERNEL_APC|ALERTED)$")),
    ("warning", None, words(r"SUCCESS_REBOOT", r"REBOOT_REQUIRED", r"RESTART_REQUIRED")),
    ("ok", None, words(r"(^|_)SUCCESS(_|$)", r"^NO_?ERROR$", r"_OK$")),
    ("warning", None, words(r"NO_MORE_(FILES|ITEMS|ENTRIES|MATCHES|DATA)", r"HANDLE_EOF",
                            r"END_OF_(FILE|MEDIA)", r"MORE_DATA", r"NO_DATA_DETECTED")),
    ("internal", "later", words(r"ACCESS_VIOLATION", r"STACK_OVERFLOW", r"BUFFER_OVERRUN",
                                r"HEAP_CORRUPTION", r"ILLEGAL_INSTRUCTION", r"PRIVILEGED_INSTRUCTION",
                                r"DIVIDE_BY_ZERO", r"INTEGER_OVERFLOW", r"^STATUS_FLOAT_",
                                r"ARRAY_BOUNDS", r"MISALIGNMENT", r"IN_PAGE_ERROR",
                                r"NONCONTINUABLE", r"ASSERTION", r"UNHANDLED_EXCEPTION",
                                r"FAIL_FAST", r"CORRUPT", r"INTERNAL", r"UNEXPECTED$",
                                r"_E_UNEXPECTED")),
    ("unsupported", "no", words(r"NOT_?SUPPORTED", r"UNSUPPORTED", r"NOSUPPORT", r"NOT_?IMPL",
                                r"INCOMPATIBLE", r"NOT_CAPABLE", r"NO_?INTERFACE", r"OPNOTSUPP",
                                r"NOT_ALLOWED_ON", r"NOAGGREGATION")),
    ("timeout", "backoff", words(r"TIMEOUT", r"TIMED_?OUT", r"TIME_OUT", r"DEADLINE")),
    ("auth", "after_fix", words(r"LOGON", r"PASSWORD", r"PWD_", r"CREDENTIAL", r"AUTHENTICAT",
                                r"TICKET", r"KDC", r"KERB", r"_PIN", r"CHV", r"SMARTCARD",
                                r"ACCOUNT_(DISABLED|EXPIRED|LOCKED|RESTRICTION)", r"NO_SUCH_USER",
                                r"TIME_SKEW", r"TRUST_FAILURE", r"RELATIONSHIP_FAILURE", r"NO_TRUST",
                                r"LOGIN", r"_TOKEN", r"WRONG_PRINCIPAL", r"CONTEXT_EXPIRED")),
    ("network", "after_fix", words(r"UNTRUSTED", r"CHAINING", r"REVOKED", r"REVOCATION",
                                   r"^CERT_E_", r"^SEC_E_CERT", r"CN_NO_MATCH", r"ISSUING_CA",
                                   r"ALGORITHM_MISMATCH", r"ILLEGAL_MESSAGE", r"DOWNGRADE")),
    ("permission", "after_fix", words(r"ACCESS_?DENIED", r"DENIED", r"PRIVILEGE",
                                      r"NOT_ALL_ASSIGNED", r"PERMISSION", r"NOT_AUTHORIZED",
                                      r"UNAUTHORIZED", r"ELEVATION", r"NOT_ALLOWED", r"BY_POLICY",
                                      r"BLOCKED", r"FORBIDDEN", r"NOACCESS", r"NOT_OWNER",
                                      r"_PERM$", r"READ_?ONLY", r"WRITE_PROTECT", r"ACCESS_DISABLED",
                                      r"EACCES", r"VIRUS", r"CANT_ACCESS", r"IMPERSONAT",
                                      r"PROTECTED", r"DISALLOW", r"REJECTED")),
    ("rate_limit", "backoff", words(r"THROTTL", r"TOO_MANY_REQUESTS", r"RATE_LIMIT")),
    ("not_found", "no", words(r"NOT_?FOUND", r"NO_SUCH", r"DOES_?NOT_EXIST", r"NOT_EXIST",
                              r"NONEXISTENT", r"NOT_PRESENT", r"MISSING", r"UNKNOWN",
                              r"NOT_?REG", r"NO_MATCH", r"NOT_DEFINED", r"UNDEFINED",
                              r"INVALID_DRIVE", r"BAD_NETPATH", r"BAD_NET_NAME",
                              r"BAD_NETWORK_(PATH|NAME)", r"_NOT_DEF$", r"NO_MAPPING",
                              r"NONE_MAPPED", r"DELETED$", r"NOTAVAILABLE$", r"NO_OBJECT",
                              r"NOENT")),
    ("network", "backoff", words(r"CONNECTION", r"CONNREFUSED", r"CONNRESET", r"CONNABORTED",
                                 r"NETWORK", r"NETNAME", r"_NET_", r"^ERROR_NET", r"UNREACH",
                                 r"HOST_?DOWN", r"NETDOWN", r"NETRESET", r"BROKEN_PIPE",
                                 r"PIPE_(BROKEN|DISCONNECTED|NOT_CONNECTED|CLOSING)",
                                 r"DISCONNECT", r"REFUSED", r"REMOTE_", r"NAME_RESOLUTION",
                                 r"SERVER_UNAVAILABLE", r"NO_LOGON_SERVERS")),
    ("cancelled", "no", words(r"CANCELL?ED", r"ABORTED", r"ABANDONED", r"_ABORT$", r"INTERRUPT",
                              r"USER_?EXIT", r"CONTROL_C", r"EINTR$")),
    ("conflict", "no", words(r"ALREADY", r"_EXISTS?$", r"_EXISTS_", r"DUPLICATE", r"DUP_",
                             r"IN_USE", r"INUSE", r"SHARING_VIOLATION", r"SHAREVIOLATION",
                             r"LOCK_?VIOLATION", r"LOCKED", r"LOCK_FAILED", r"DEADLOCK",
                             r"COLLISION", r"CONFLICT", r"NOT_LOCKED", r"OPLOCK")),
    ("quota", "later", words(r"QUOTA", r"DISK_FULL", r"MEDIUMFULL", r"_FULL$", r"_FULL_", r"NO_SPACE",
                             r"NOT_ENOUGH", r"OUT_?OF_?MEMORY", r"NO_?MEMORY", r"INSUFFICIENT_",
                             r"NO_SYSTEM_RESOURCES", r"TOO_MANY", r"LIMIT", r"EXCEEDED",
                             r"EXHAUSTED", r"NO_MORE_", r"MAX_", r"_MAX$", r"COMMITMENT",
                             r"TOO_LARGE", r"TOO_BIG", r"OUT_OF_RESOURCES", r"NOBUFS", r"EMFILE",
                             r"PROCLIM", r"EUSERS", r"EDQUOT")),
    ("unavailable", "backoff", words(r"UNAVAILABLE", r"NOT_AVAILABLE", r"NOT_?READY", r"BUSY",
                                     r"NOT_RUNNING", r"NOT_STARTED", r"NOT_ACTIVE", r"STOPPED",
                                     r"STOPPING", r"SHUTDOWN", r"SHUTTING_DOWN", r"PAUSED",
                                     r"OFFLINE", r"RETRY", r"TRY_AGAIN", r"TRYAGAIN",
                                     r"NOT_ONLINE", r"STARTING", r"NOTRUNNING", r"_DOWN$", r"DIED",
                                     r"SUSPENDED", r"RETRYLATER", r"CALL_REJECTED")),
    ("precondition", "after_fix", words(r"NOT_?EMPTY", r"_EMPTY$", r"NOT_?INITIALI[SZ]ED",
                                        r"UNINITIALIZED", r"REQUIRED", r"MUST_", r"NOT_(JOINED|CONNECTED|OPEN|ENABLED|MOUNTED|ATTACHED|BOUND|CONFIGURED|SET|IN_)",
                                        r"STATE", r"DISABLED", r"EXPIRED", r"NOT_YET", r"DEPENDENCY",
                                        r"DEPENDENT", r"PENDING", r"IN_PROGRESS", r"INPROGRESS",
                                        r"NEEDED", r"DIRTY", r"MARKED_FOR_DELETE", r"CHANGED_MODE",
                                        r"WRONG_THREAD", r"NOT_?CONNECTED", r"NOTCONN", r"ISCONN",
                                        r"HAS_CHILDREN", r"OPEN_HANDLES", r"FILES_OPEN", r"OPEN_FILES",
                                        r"HAS_JOBS", r"CHECKED_OUT", r"MEMBER_IN", r"LAST_ADMIN",
                                        r"NON_?LEAF")),
    ("validation", "after_fix", words(r"INVALID", r"BAD", r"ILLEGAL", r"MALFORMED", r"FORMAT",
                                      r"SYNTAX", r"TOO_LONG", r"TOO_SHORT", r"TOO_SMALL",
                                      r"BUFFER_TOO", r"SMALL_BUFFER", r"OUT_OF_RANGE", r"OUTOFRANGE",
                                      r"WRONG", r"MISMATCH", r"NOT_VALID", r"UNRECOGNIZED", r"PARAM",
                                      r"ARGUMENT", r"INVALIDARG", r"LENGTH", r"_LEN$", r"INCORRECT",
                                      r"NOT_A_", r"IS_A_", r"OVERFLOW", r"BOUNDS", r"UNEXPECTED",
                                      r"EFAULT", r"EINVAL", r"NOTSOCK", r"MSGSIZE", r"NAMETOOLONG",
                                      r"EXCED_RANGE", r"PARSE", r"INCONSISTENT", r"NOT_UNIQUE",
                                      r"AMBIGUOUS", r"VIOLATION$", r"VIOLATED")),
    ("not_found", "no", words(r"(^|_)NO_", r"_E_NO(?!T)[A-Z]")),
    ("network", "backoff", words(r"^WSA", r"^DNS_", r"^RPC_S_", r"^RPC_NT_", r"^EPT_", r"^RPC_X_")),
]
FALLBACK = ("internal", "later")
# Range markers and masks the sources list among the codes: no error is ever reported with them.
MARKER = re.compile(r"DNS_ERROR_\w+_BASE|ERROR_IPSEC_IKE_NEG_STATUS_(BEGIN|END|EXTENDED_END)|TPM_E_ERROR_MASK")


def ruled_kind(family, value, symbol):
    """(kind, retry, reason) for a code no annotation overrides."""
    if family == "ntstatus":
        severity = value >> 30
        if severity == 0:
            return "ok", None, "severity success"
        if severity in (1, 2):
            return "warning", None, "severity informational" if severity == 1 else "severity warning"
    elif family == "hresult" and not value & 0x80000000:
        if value & 0x40000000:
            return "warning", None, "severity informational"
        return "ok", None, "severity success"
    for i, (kind, retry, pattern) in enumerate(RULES):
        if pattern.search(symbol):
            return kind, retry, f"rule {i}"
    return (*FALLBACK, "fallback")


# ---------------------------------------------------------------------------------------------
# Facilities (category) and severities (subcategory)

def facility_names(path, pattern):
    """facility number -> its FACILITY_* name(s) in the header, joined with "/" when several."""
    names = {}
    for name, _, value in read_defines(path):
        if re.match(pattern, name):
            names.setdefault(value, []).append(name)
    return {v: "/".join(n) for v, n in names.items()}


def hresult_facility(value, names):
    facility = (value >> 16) & 0x7FF
    return names.get(facility, f"facility {facility}")


def ntstatus_facility(value, names):
    facility = (value >> 16) & 0xFFF
    return names.get(facility, f"facility {facility}")


NT_SEVERITY = ("success", "informational", "warning", "error")
IMPACKET_FILES = {"win32": "system_errors.py", "hresult": "hresult_errors.py", "ntstatus": "nt_errors.py"}

# ---------------------------------------------------------------------------------------------
# The catalogs


def code_of(family, value):
    """The code as the family writes it: decimal for win32, 0x and 8 upper-case hex digits else."""
    return str(value) if family == "win32" else f"0x{value:08X}"


# The HRESULT texts MS-ERREF gives for a Remote Desktop dynamic-virtual-channel context, not for
# the code in general: kept out of `message`, quoted in the notes.
CHANNEL_TEXTS = (0x8007000E, 0x80070032)


def build_family(family, merged, notes_in):
    """The catalog of one family."""
    ann = common.annotations(family)
    codes = {code_of(family, v): v for v in merged}
    unknown = sorted(set(ann) - set(codes))
    if unknown:
        common.fail(f"{family}_annotations.json: codes not in the sources {unknown}")
    if family == "hresult":
        facilities = facility_names(WINERROR, r"FACILITY_(?!NT_BIT)")
    elif family == "ntstatus":
        facilities = facility_names(NTSTATUS, r"FACILITY_")
    entries, by_rule, summaries, channel = [], {}, 0, {}
    for value, slot in merged.items():
        code = code_of(family, value)
        symbol, aliases = slot["names"][0], slot["names"][1:]
        a = ann.get(code, {})
        if a.get("symbol", symbol) != symbol:
            common.fail(f"{family} {code}: annotation names {a['symbol']}, source {symbol}")
        kind, retry, reason = ruled_kind(family, value, symbol)
        if MARKER.fullmatch(symbol):
            kind, retry, reason = None, None, "marker"
        if "kind" in a:
            kind, retry, reason = a["kind"], a["retry"], "hand"
        by_rule[reason] = by_rule.get(reason, 0) + 1
        common.check_kind(f"{family} {code}", kind, retry)
        message = slot["message"]
        if family == "hresult" and value in CHANNEL_TEXTS:
            channel[code] = message
            message = None
        maps_to = []
        if family == "hresult" and value >> 16 == 0x8007:
            maps_to.append({"vendor": "win32", "code": str(value & 0xFFFF)})
        if family == "win32":
            category = subcategory = None
        elif family == "hresult":
            category = hresult_facility(value, facilities)
            subcategory = "error" if value & 0x80000000 else "success"
        else:
            category = ntstatus_facility(value, facilities)
            subcategory = NT_SEVERITY[value >> 30]
        summaries += bool(a.get("summary_en"))
        entries.append(common.entry(
            code, symbol=symbol, aliases=aliases, maps_to=maps_to, category=category,
            subcategory=subcategory, message=message, summary_en=a.get("summary_en"),
            kind=kind, retry=retry))
    stats = {"entries": len(entries), "summaries": summaries, "by_rule": by_rule,
             "header_only": sum(not s["in_impacket"] for s in merged.values()),
             "aliased": sum(len(s["names"]) > 1 for s in merged.values()),
             "channel": channel,
             "markers": [e["symbol"] for e in entries if MARKER.fullmatch(e["symbol"])]}
    return common.catalog(family, entries, notes_in(stats))


def build():
    """The three catalogs, in FAMILIES' order."""
    header, rows = header_codes(), message_rows()
    merged, compare = {}, {}
    for f in FAMILIES:
        merged[f], compare[f] = merge(f, rows[f], header[f])
    facility7 = [v for v, *_ in rows["hresult"] if v >> 16 == 0x8007]
    success = [v for v, *_ in rows["hresult"] if not v & 0x80000000]
    if (len(facility7), len(success)) != (EXPECT["facility_win32_rows"], EXPECT["hresult_success_rows"]):
        common.fail(f"hresult: {len(facility7)} facility-7 rows, {len(success)} success rows")
    severity = {}
    for v, *_ in rows["ntstatus"]:
        severity[NT_SEVERITY[v >> 30]] = severity.get(NT_SEVERITY[v >> 30], 0) + 1
    if severity != EXPECT["ntstatus_severity"]:
        common.fail(f"ntstatus severities {severity}")
    return [build_family(f, merged[f], lambda s, f=f: notes(f, s, compare[f])) for f in FAMILIES]


def rules_text():
    """The kind rules in words, for the edition notes."""
    parts = []
    for kind, retry, pattern in RULES:
        parts.append(f"{kind}{'/' + retry if retry else ''} <- {pattern.pattern}")
    return "; ".join(parts) + f"; anything else {FALLBACK[0]}/{FALLBACK[1]}"


def notes(family, stats, compare):
    """The edition notes of one family, with the counts of this build."""
    both, only_impacket, only_header = compare
    header = "ntstatus.h" if family == "ntstatus" else "winerror.h"
    by_rule = stats["by_rule"]
    severity = sum(v for k, v in by_rule.items() if k.startswith("severity"))
    ruled = sum(v for k, v in by_rule.items() if k.startswith("rule"))
    markers = by_rule.get("marker", 0)
    out = [
        f"{stats['entries']} entries, one per distinct value, in numeric order: every code and name of "
        f"impacket 0.13.1's {family} table (MS-ERREF) and of mingw-w64 10.0.0 {header}. Names: {both} in "
        f"both, {only_impacket} only in impacket, {only_header} only in the header. {stats['header_only']} "
        "values appear only in the header; their message is null.",
        f"symbol is impacket's (MS-ERREF's) name where it has one, else the header's first name; "
        f"{stats['aliased']} entries list other names of the same value in aliases (header-only names, and "
        "impacket names that share a value).",
        f"message is the MS-ERREF text as impacket gives it (impacket/{IMPACKET_FILES[family]}, dict "
        "ERROR_MESSAGES), placeholders such as %1, %hs and 0x%08lx kept as written. The texts are those of "
        "Microsoft's Windows Error Codes specification [MS-ERREF]; what FormatMessage prints on a given "
        "Windows version can be worded differently. Microsoft's Intellectual Property Rights Notice for "
        "Open Specifications lets implementers distribute portions of a specification in their "
        "implementations and documentation.",
        "Message texts from impacket, whose license (Apache 1.1 style) requires: " + ACKNOWLEDGMENT + ". "
        "Names and values also come from the mingw-w64 headers, which are in the public domain.",
        f"kind and retry: {by_rule.get('hand', 0)} codes by hand (the summarised ones), "
        f"{severity} by severity, {ruled} by the first matching name rule, {by_rule.get('fallback', 0)} by "
        f"the fallback ({FALLBACK[0]}/{FALLBACK[1]}: nothing in the name says more).",
        "Name rules, in order (kind/retry <- regular expression on the symbol): " + rules_text() + ".",
        f"summary_en (our own words) for {stats['summaries']} codes developers meet most, chosen by hand "
        "from the codes that recur in bug reports, Q&A threads, crash dumps, installer and authentication "
        "logs and the runtimes' printouts (.NET, PowerShell, Winsock, SMB, Kerberos, LDAP); the other "
        "codes show their message.",
    ]
    if markers:
        out.append(f"{markers} {'entry has' if markers == 1 else 'entries have'} no kind and no retry "
                   "advice: range markers or masks the sources list among the codes, never reported as an "
                   "error (" + ", ".join(stats["markers"]) + ").")
    if family == "win32":
        out += [
            "Code is the decimal value GetLastError returns. Win32 codes have no facility or severity, so "
            "category and subcategory are null and kinds come from the name rules.",
            "Aliases of 0: NO_ERROR, NOERROR and the success names of other subsystems. The DNS_ERROR_*_BASE "
            "values (DNS_ERROR_MASK is an alias of 9000) are only in winerror.h.",
            "WSA_QOS_EUNKOWNPSOBJ (11024) keeps MS-ERREF's spelling as symbol; winerror.h spells the value "
            "WSA_QOS_EUNKNOWNPSOBJ too, which is its alias.",
            "15 messages are empty in impacket (cluster errors 0x1746-0x1754) and are null here; 14 are the "
            "code's own name (ERROR_WAIT_1 and its neighbours), as MS-ERREF gives them.",
            "ERROR_NOT_SUPPORTED is also the name of HRESULT 0x80070032 in the hresult family.",
        ]
    elif family == "hresult":
        channel = "; ".join(f"{c}: \"{t}\"" for c, t in sorted(stats["channel"].items()))
        out += [
            "Code is the HRESULT as 0x and 8 upper-case hex digits; .NET and many logs print it as a signed "
            "32-bit decimal (0x80004005 = -2147467259).",
            "category is the facility (bits 16-26) named after winerror.h's FACILITY_* constant, or "
            "\"facility N\" where winerror.h has none; subcategory is the severity bit (error or success).",
            "Kinds by severity: values below 0x80000000 are success codes (kind ok), except those with bit 30 "
            "set (the NTSTATUS-style informational layout some facilities use, e.g. NS_I_*), kind warning.",
            "S_OK is the symbol of 0x00000000, which winerror.h also names SEC_E_OK first.",
            "The Win32 facility (0x8007xxxx) holds only the 6 values the sources list (E_ACCESSDENIED, "
            "E_HANDLE, E_OUTOFMEMORY, ERROR_NOT_SUPPORTED, E_INVALIDARG, E_NOT_SUFFICIENT_BUFFER); each has "
            "maps_to its Win32 code. Any other 0x8007xxxx is HRESULT_FROM_WIN32 of Win32 code xxxx (see the "
            "win32 family).",
            "message is null for two facility-7 values whose MS-ERREF text is about Remote Desktop dynamic "
            "virtual channels, not the code in general: " + channel + ".",
        ]
    else:
        out += [
            "Code is the NTSTATUS as 0x and 8 upper-case hex digits; as a process exit code Windows shows it "
            "in decimal, signed or unsigned (0xC0000005 = -1073741819 = 3221225477).",
            "category is the facility (bits 16-27) named after ntstatus.h's FACILITY_* constant, or "
            "\"facility N\" where it has none; subcategory is the severity (top two bits: success, "
            "informational, warning, error).",
            "Kinds by severity: success codes are ok, informational and warning codes are warning, except "
            "where a hand annotation says otherwise (STATUS_BREAKPOINT and the other exception codes of "
            "warning severity are crashes when no debugger handles them).",
            "Values with two names in impacket: 0x00000080 STATUS_ABANDONED (alias STATUS_ABANDONED_WAIT_0) "
            "and 0xC0220018 STATUS_FWP_TOO_MANY_BOOTTIME_FILTERS (alias STATUS_FWP_TOO_MANY_CALLOUTS); the "
            "first name and its message are kept. STATUS_WAIT_0 (ntstatus.h) is an alias of STATUS_SUCCESS.",
            "impacket's table is not in numeric order (0x40000000 follows 0xC0000721); entries are sorted by "
            "value.",
        ]
    return out


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

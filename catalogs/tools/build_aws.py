#!/usr/bin/env python3
"""Build catalogs/aws.json, the AWS service exceptions (standard family "aws"): one entry per
exception name, listing every service that defines it.

Reads (see catalogs/tools/sources/README-fam-cloud.md):
  sources/aws-exceptions.tsv     every modeled error shape of botocore 1.44.18, one row per
      (service, shape): wire code, HTTP status, retryable trait, server-fault trait, the first
      sentence of its documentation.
  sources/aws-retry-classes.tsv  what botocore's standard retry mode treats as throttling or
      transient (error codes; statuses 500/502/503/504).
  sources/aws-retry.json         botocore's legacy retry policies (more error codes it retries).
  aws_annotations.json           hand-written: `names` (summary_en, kind, retry of the names the
      most services define, of the retry configuration's names without a shape and of shapes
      without documentation) and `kinds` (kind overrides for the other names).
Writes catalogs/aws.json: the shape names in the order they first occur in the source, then the
error codes botocore's retry configuration names that no shape carries.

Every entry gets a kind and retry advice by these rules, in order:
  1. a hand-written entry in the annotations;
  2. botocore's retry classes: a throttling error code is rate_limit + backoff, a transient one
     (and any other error code the legacy retry policies name) keeps its kind with backoff;
  3. the first of KIND_RULES whose pattern the name matches (then kind overrides);
  4. the status most services give it, then the server-fault trait, else validation.
Retry: the kind's usual advice, except backoff for names botocore retries (rule 2), shapes with the
retryable trait in every service, and server-side kinds (internal, unavailable, timeout) whose
statuses are 5xx or that carry the fault trait.

    python3 catalogs/tools/build_aws.py          # build and write
    python3 catalogs/tools/build_aws.py --check  # exit 1 if catalogs/aws.json is stale
"""

import re
import sys
from collections import Counter

import common

EXCEPTIONS = common.SOURCES / "aws-exceptions.tsv"
RETRY_CLASSES = common.SOURCES / "aws-retry-classes.tsv"
RETRY_JSON = common.SOURCES / "aws-retry.json"

# Summaries are written for at least this many names, those defined by the most services (all
# names tied with the last one included).
SUMMARIZED_AT_LEAST = 200
# Names developers meet daily that too few services define to be among those, summarised too:
# S3's answers to a missing or forbidden bucket or object.
MET_DAILY = ["AccessDenied", "NoSuchKey", "NoSuchBucket"]
# Minority statuses and partial traits list their services up to this many, else a count.
LIST_AT_MOST = 12

# Name patterns, tried in order; (kind, pattern, retry or None for the kind's usual advice).
KIND_RULES = [
    ("rate_limit", r"Throttl|TooManyRequest|RateExceeded|RateLimit|SlowDown|RequestLimitExceeded"
                   r"|ProvisionedThroughputExceeded", "backoff"),
    ("auth", r"ExpiredToken|TokenExpired|UnrecognizedClient|ClientTokenId|MissingAuthentication"
             r"|IncompleteSignature|InvalidSignature|SignatureDoesNotMatch|NotAuthenticated"
             r"|Unauthenticated|AuthFailure|AuthenticationFail|InvalidCredential|InvalidAccessKey"
             r"|PasswordExpired|PasswordResetRequired|ExpiredCredential|^Auth(entication)?Exception"
             r"|OAuth|RefreshToken|^VerificationException", None),
    ("permission", r"AccessDenied|Forbidden|NotAuthorized|Unauthorized|NoAuthorization"
                   r"|AuthorizationException|PermissionDenied|InsufficientPermission"
                   r"|InsufficientPrivilege|InsufficientAccess|NotPermitted|Denied|NotAccessible"
                   r"|Suspended|Blocked|NotEligible|NotEntitled|ManagementAccount|MasterAccount"
                   r"|CallerIsNot|CannotDelegate|MasterCannot|OwnerCheck", None),
    ("unavailable", r"InsufficientCapacity|Insufficient\w*Capacity|CapacityUnavailable"
                    r"|Unavailable|BadGateway|DependencyFail|FailedDependency|DependencyException"
                    r"|DependencyTimeout|Offline|Unreachable|Upstream|FederationSource", "backoff"),
    ("precondition", r"NotReady|Pending|Busy|Propagat|NotStabilized|Resuming", "backoff"),
    ("network", r"Connectivity", "backoff"),
    ("cancelled", r"^Cancell?edBy", None),
    ("conflict", r"InProgress|Ongoing|Running(Exception)?$|Stopping|Transitioning|Executing"
                 r"|Being|Restoring|Deleting(Exception)?$|PriorRequestNotComplete", "backoff"),
    ("quota", r"Quota|LimitExceeded|LimitReached|TooMany|Exceeded|Full(Exception)?$"
              r"|LicenseUsage", None),
    ("precondition", r"Precondition|InvalidState|IncorrectState|InvalidResourceState"
                     r"|State(Exception|Fault)?$|InvalidStatus|Status(Exception|Fault)?$|NotEmpty"
                     r"|NotDisabled|NotEnabled|Disabled|OptInRequired|NotSubscribed|NotActive"
                     r"|Inactive|Dependency|Dependent|HasDependents|Terminal|Expired|NotVerified"
                     r"|DryRun", None),
    ("not_found", r"NotFound|NoSuch|DoesNotExist|NotExist|Nonexistent|NotPresent|Unknown"
                  r"|NotDiscovered", None),
    ("conflict", r"AlreadyExist|Conflict|Duplicate|InUse|Concurrent|Idempot\w*Mismatch"
                 r"|Idempotency|Lock(Exception)?$|Locked|Exists|AlreadyAssociated|AlreadyAttached|Already"
                 r"|ConditionalCheck|VersionMismatch|NotCurrent|Outdated|Stale|Aborted"
                 r"|NameAvailability", None),
    ("unsupported", r"DoesNotSupport|NotCompatible|Incompatibility", None),
    ("precondition", r"NotRunning|NotStarted|Ended|NotLatest|NotRedrivable|NotRetryable"
                     r"|NotStoppable|NotConfirmed|NotRegistered|AccountRegistered|NotConnected"
                     r"|NotMounted|NotMigrated|NotApproved|NotInflight|Frozen|Archived|Deleted"
                     r"|Contains|Has\w*Exception$|Associated|NotSet|NotShared|NoAvailable|NoRunning"
                     r"|Cannot|Unable(?!ToDetect)|NotAttached|ResourcesExist|Prevented|Finalizing"
                     r"|NotPrivate|PartiallyDelegated|NotReusable|NoSchedule|NotUpdatable"
                     r"|RecentlyDeleted|DeletedRecently|Protected|Enabled(Exception)?$|NotSatisfied"
                     r"|NotOverridable|Canceled|Referenced|Paused|NotConfigured|NotPublished", None),
    ("validation", r"^Invalid|Malformed|Validation|BadRequest|Missing|TooLong|TooShort|TooLarge"
                   r"|TooBig|TooSmall|Oversized|Unprocessable|Incompatible|Required|Format"
                   r"|Parameter|Argument|Input|Illegal|^Bad|Wrong|Mismatch|Constraint|Empty"
                   r"|NotAllowed|Incorrect|Same|NoChange|Unchanged|Multiple|NotValid|NotProvided"
                   r"|Undefined|OutOfBounds|OutOfRange|NotSatisfiable|Disallowed|Restricted"
                   r"|Reserved|Redirect|UnableToDetect|Rejected|Unresolvable|DoesNotMatch"
                   r"|NotDistinct|NotRelated|IsDifferent|Specified|Trimmed|PolicyViolation"
                   r"|Warning", None),
    ("permission", r"NotCreatedByCaller|Inaccessible|Managed\w*Exception$|Whitelist|AllowList",
     None),
    ("permission", r"Kms|KMS|Decrypt|Encryption|Permission|Entitlement", None),
    ("timeout", r"Time[dD]?Out|Timeout", "backoff"),
    ("payment", r"Payment|Billing|Subscription|Funds|Balance", None),
    ("quota", r"Limit|Insufficient|Capacity|Maximum", None),
    ("unsupported", r"Unsupported|NotSupported|NotImplemented|MethodNotAllowed|NotAvailable"
                    r"|Deprecated", None),
    ("internal", r"Internal|ServerError|ServiceError|ServiceException|ServiceFault|Failure"
                 r"|Failed|Unexpected", None),
    ("validation", r"Invalid|Error(Exception)?$", None),
]
KIND_RULES = [(kind, re.compile(pattern), retry) for kind, pattern, retry in KIND_RULES]
# The kind of a name no pattern matches, by the status most of its services give.
KIND_OF_STATUS = {400: "validation", 401: "auth", 403: "permission", 404: "not_found",
                  405: "unsupported", 406: "unsupported", 408: "timeout", 409: "conflict",
                  410: "not_found", 412: "precondition", 413: "validation", 415: "unsupported",
                  422: "validation", 423: "conflict", 424: "precondition", 429: "rate_limit",
                  500: "internal", 501: "unsupported", 502: "unavailable", 503: "unavailable",
                  504: "timeout"}
SERVER_SIDE = ("internal", "unavailable", "timeout")
TRANSIENT_STATUSES = {500, 502, 503, 504}


def read_sources():
    rows = common.read_tsv(EXCEPTIONS)
    services = {r["service"] for r in rows}
    names = list(dict.fromkeys(r["shape"] for r in rows))
    # Counts stated in sources/README-fam-cloud.md.
    counted = (len(rows), len(services), len(names),
               sum(bool(r["error_code"]) for r in rows), sum(bool(r["http_status"]) for r in rows),
               sum(bool(r["sender_fault"]) for r in rows), sum(bool(r["retryable"]) for r in rows),
               sum(r["retryable"] == "throttling" for r in rows),
               sum(bool(r["fault_trait"]) for r in rows),
               sum(bool(r["doc_first_sentence"]) for r in rows))
    expected = (6042, 453, 2695, 504, 3574, 2149, 270, 78, 468, 5978)
    if counted != expected:
        common.fail(f"aws-exceptions.tsv counts {counted}, README says {expected}")
    if len({(r["service"], r["shape"]) for r in rows}) != len(rows):
        common.fail("a service defines a shape twice")

    classes = common.read_tsv(RETRY_CLASSES)
    by_match = Counter((r["retry_class"], r["match"]) for r in classes)
    expected = {("throttling", "error_code"): 14, ("throttling", "http_status"): 1,
                ("transient", "error_code"): 3, ("transient", "http_status"): 4,
                ("transient", "exception"): 2, ("modeled", "shape_trait"): 1}
    if len(classes) != 25 or dict(by_match) != expected:
        common.fail(f"aws-retry-classes.tsv rows {dict(by_match)}, README says {expected}")
    throttling = [r["value"] for r in classes if (r["retry_class"], r["match"]) ==
                  ("throttling", "error_code")]
    transient = [r["value"] for r in classes if (r["retry_class"], r["match"]) ==
                 ("transient", "error_code")]
    statuses = {int(r["value"]) for r in classes if (r["retry_class"], r["match"]) ==
                ("transient", "http_status")}
    if statuses != TRANSIENT_STATUSES:
        common.fail(f"transient statuses {statuses}")

    policy = common.read_json(RETRY_JSON)
    if (len(policy["definitions"]), len(policy["retry"])) != (12, 11):
        common.fail("aws-retry.json: README says 12 definitions and 11 retry sections")
    legacy = {}  # error code -> [(section, status)]
    for section, config in [("__default__", policy["definitions"])] + [
            (s, c["__default__"]["policies"]) for s, c in policy["retry"].items()
            if s != "__default__"]:
        for rule in config.values():
            response = rule.get("applies_when", {}).get("response", {})
            if "service_error_code" in response:
                legacy.setdefault(response["service_error_code"], []).append(
                    (section, response.get("http_status_code")))
    return rows, names, throttling, transient, legacy


def main_status(statuses):
    """The status most services give; the lowest of those tied."""
    return min(statuses, key=lambda s: (-statuses[s], int(s)))


def services_phrase(services):
    if len(services) <= LIST_AT_MOST:
        return ", ".join(services)
    return f"{len(services)} services"


def differences(mine):
    """subcategory: the HTTP status(es) the services give, the wire codes and partial traits."""
    status_of = {r["service"]: r["http_status"] for r in mine}
    given = Counter(s for s in status_of.values() if s)
    parts = []
    if not given:
        parts.append("no HTTP status in the model")
    elif len(given) == 1 and all(status_of.values()):
        parts.append(f"HTTP {next(iter(given))}")
    else:
        first = main_status(given)
        count = given[first]
        only = [s for s, st in status_of.items() if st == first]
        parts.append(f"HTTP {first} in {services_phrase(only) if count == 1 else f'{count} services'}")
        for status in sorted(given, key=int):
            if status != first:
                parts.append(f"{status} in "
                             f"{', '.join(s for s, st in status_of.items() if st == status)}")
        unset = [s for s, st in status_of.items() if not st]
        if unset:
            parts.append(f"no status in {services_phrase(unset)}")
    wires = {}
    for r in mine:
        if r["error_code"]:
            wires.setdefault(r["error_code"], []).append(r["service"])
    for wire, services in wires.items():
        if len(services) == len(mine):
            parts.append(f"sent as {wire}")
        else:
            parts.append(f"sent as {wire} by {', '.join(services)}")
    for trait, label in (("throttling", "retryable (throttling)"), ("yes", "retryable")):
        services = [r["service"] for r in mine if r["retryable"] == trait]
        if services and len(services) == len(mine):
            parts.append(f"{label} trait")
        elif services:
            parts.append(f"{label} trait in {services_phrase(services)}")
    return "; ".join(parts)


def description(mine):
    """The source's first sentence of documentation; one per service where they differ."""
    sentences = {}
    for r in mine:
        if r["doc_first_sentence"]:
            sentences.setdefault(r["doc_first_sentence"], []).append(r["service"])
    if not sentences:
        return None
    if len(sentences) == 1:
        return next(iter(sentences))
    return [f"{', '.join(services)}: {sentence}" for sentence, services in sentences.items()]


def rule_kind(name, statuses, fault):
    """(kind, retry or None, how it was chosen) by the name, else the status, else the trait."""
    for kind, pattern, retry in KIND_RULES:
        if pattern.search(name):
            return kind, retry, "name"
    if statuses:
        status = main_status(statuses)
        if status in KIND_OF_STATUS:
            return KIND_OF_STATUS[status], None, "status"
    if fault:
        return "internal", None, "fault"
    return "validation", None, "default"


def build():
    rows, names, throttling, transient, legacy = read_sources()
    notes = common.annotations("aws")
    hand, kind_overrides = notes["names"], notes["kinds"]
    by_name = common.grouped(rows, "shape")
    wire_of = {}
    for r in rows:
        if r["error_code"]:
            wire_of.setdefault(r["error_code"], set()).add(r["shape"])
    known = set(names) | set(wire_of)
    # Error codes botocore's retry configuration names that no shape is called or sent as.
    extras = [c for c in dict.fromkeys(throttling + transient + list(legacy)) if c not in known]
    if extras != ["Throttling", "BandwidthLimitExceeded", "SlowDown", "BadDigest"]:
        common.fail(f"retry codes without a shape: {extras}")
    retried = set(throttling) | set(transient) | set(legacy)

    def sent_as(name):
        """The name and the wire codes it is sent as."""
        return {name} | {r["error_code"] for r in by_name.get(name, []) if r["error_code"]}

    def botocore_retries(name):
        return bool(sent_as(name) & retried)

    def botocore_throttles(name):
        return bool(sent_as(name) & set(throttling))

    spread = Counter({n: len(rs) for n, rs in by_name.items()})
    ranked = spread.most_common()
    cut = ranked[SUMMARIZED_AT_LEAST - 1][1]
    widely = [n for n, count in ranked if count >= cut]
    undocumented = [n for n in names if not any(r["doc_first_sentence"] for r in by_name[n])]
    daily = [n for n in MET_DAILY if n not in widely]
    needs_summary = (widely + extras + [n for n in undocumented if n not in widely]
                     + [n for n in daily if n not in undocumented])
    missing = [n for n in needs_summary if n not in hand]
    unknown = sorted(set(hand) - set(names) - set(extras))
    unasked = sorted(set(hand) - set(needs_summary))
    if missing or unknown or unasked:
        common.fail(f"annotations: no summary for {missing}; not a source name {unknown}; "
                    f"summarised for no reason {unasked}")
    unknown = sorted(set(kind_overrides) - set(names))
    if unknown:
        common.fail(f"kind overrides of names not in the source: {unknown}")

    entries, chosen_by, status_dropped = [], Counter(), []
    for name in names + extras:
        mine = by_name.get(name, [])
        statuses = Counter(int(r["http_status"]) for r in mine if r["http_status"])
        fault = any(r["fault_trait"] for r in mine)
        if name in hand:
            kind, retry, how = hand[name]["kind"], hand[name]["retry"], "hand"
        elif botocore_throttles(name):
            kind, retry, how = "rate_limit", "backoff", "botocore"
        else:
            kind, retry, how = rule_kind(name, statuses, fault)
            if name in kind_overrides:
                kind, retry, how = kind_overrides[name], None, "override"
            if botocore_retries(name):
                retry = "backoff"
            if retry is None:
                retry = common.KINDS[kind]["retry"]
            if kind in SERVER_SIDE and (fault or set(statuses) & TRANSIENT_STATUSES):
                retry = "backoff"
            if mine and all(r["retryable"] for r in mine):
                retry = "backoff"
        # botocore's retry classes bind hand-written advice as well as the rules.
        if botocore_throttles(name) and (kind, retry) != ("rate_limit", "backoff"):
            common.fail(f"{name}: botocore throttles it, not {kind}/{retry}")
        if botocore_retries(name) and retry != "backoff":
            common.fail(f"{name}: botocore retries it, not {retry}")
        chosen_by[how] += 1

        if mine:
            http_status = main_status(statuses) if statuses else None
            category = ", ".join(r["service"] for r in mine)
            subcategory = differences(mine)
        else:
            named = legacy.get(name, [])
            legacy_statuses = {s for _, s in named if s}
            http_status = legacy_statuses.pop() if len(legacy_statuses) == 1 else None
            in_classes = ("botocore standard retry mode: throttling" if name in throttling else
                          "botocore standard retry mode: transient" if name in transient else None)
            where = [f"botocore legacy retry policy {s}" + (f" (HTTP {st})" if st else "")
                     for s, st in named]
            category = "botocore retry configuration (no modeled shape)"
            subcategory = "; ".join(([in_classes] if in_classes else []) + where)
        if http_status is not None and http_status not in common.KINDS[kind]["http"]:
            status_dropped.append(f"{name} ({http_status}, {kind})")
            http_status = None
        common.check_kind(name, kind, retry, http_status)
        summary = hand.get(name, {}).get("summary_en")
        entries.append(common.entry(
            name,
            symbol=name,
            aliases=list(dict.fromkeys(r["error_code"] for r in mine if r["error_code"])),
            http_status=http_status,
            category=category,
            subcategory=subcategory,
            description=None if name in widely else description(mine),
            summary_en=summary,
            kind=kind,
            retry=retry,
        ))

    kinds = Counter(e["kind"] for e in entries)
    with_summary = sum(e["summary_en"] is not None for e in entries)
    with_description = sum(e["description"] is not None for e in entries)
    return common.catalog("aws", entries, notes=[
        f"{len(entries)} entries: the {len(names)} exception (error shape) names of {len(rows)} "
        f"rows of aws-exceptions.tsv ({len({r['service'] for r in rows})} services, the newest API "
        "version of each botocore service model), one entry per name in the order names first "
        f"occur, then {len(extras)} error codes botocore's retry configuration names that no "
        f"modeled shape has ({', '.join(extras)}).",
        "category lists the services (botocore's data directory names, as in "
        "boto3.client('dynamodb')) that define the name. subcategory gives the HTTP status: one "
        "status when every service gives it; otherwise the status most give, each other status "
        "with its services, and how many model none. It also names the wire codes (the "
        "error code sent, when it differs from the shape name, e.g. autoscaling sends "
        "AlreadyExistsFault as AlreadyExists) and the retryable trait where only some services "
        "set it.",
        "aliases are the wire codes (the shape's error.code), as the AWS CLI prints them in "
        "\"An error occurred (AlreadyExists)\". A wire code can also be another shape's name "
        "(ValidationError, ResourceNotFound, InvalidParameterValue ...): both entries answer to it.",
        "http_status is the status most services give the name. It is null for names no service "
        f"gives a status and for {len(status_dropped)} names whose status is not one of their "
        "kind's in catalogs/kinds.json (e.g. Lambda's EC2 and KMS errors sent as 502, "
        "ReservedNodeAlreadyExistsFault as 404); subcategory still gives it.",
        f"summary_en is our own words for {with_summary} names: the {len(widely)} names defined by "
        f"{cut} or more services (the {SUMMARIZED_AT_LEAST} that the most services define, and "
        f"every name tied with the last), the {len(extras)} retry-configuration codes, "
        f"{len([n for n in undocumented if n not in widely])} names without documentation and "
        f"{len(daily)} that developers meet daily although few services define them "
        f"({', '.join(daily)}).",
        f"description, for {with_description} names, is the source's: the first sentence of the "
        "shape's documentation in the botocore service model (Apache-2.0, Amazon.com, Inc.; "
        "HTML removed, split heuristically at a period), one per service where the services "
        "word it differently. The widely defined names have a summary instead, since each "
        "service documents them in its own sentence.",
        f"Kinds: {chosen_by['hand']} written by hand with the summaries; the rest by rules, "
        f"{chosen_by['name']} by name pattern (Throttl → rate_limit, NotFound/NoSuch → not_found, "
        "AlreadyExists/Conflict/InUse → conflict, AccessDenied/Unauthorized → permission, "
        "Invalid/Malformed → validation, LimitExceeded/Quota → quota, Internal → internal ...; "
        f"see build_aws.py), {chosen_by['override']} by override, {chosen_by['status']} by the "
        f"status most services give, {chosen_by['fault']} by the server-fault trait and "
        f"{chosen_by['default']} default to validation; {chosen_by['botocore']} are botocore's "
        "throttling codes. Counts: "
        f"{', '.join(f'{k} {n}' for k, n in kinds.most_common())}.",
        "Retry advice follows botocore's retry classes (aws-retry-classes.tsv, aws-retry.json): "
        "the 14 throttling error codes are rate_limit with backoff (LimitExceededException too, "
        "which botocore treats as throttling although many services use it for hard limits); "
        "the transient codes (RequestTimeout, RequestTimeoutException, PriorRequestNotComplete) "
        "and the other codes the legacy policies retry (ReplicatedWriteConflictException, "
        "BadDigest, IDPCommunicationError) get backoff; so do shapes with the retryable trait "
        "in every service and server-side errors sent as 500/502/503/504. Otherwise the kind's "
        "usual advice. botocore also retries client errors some services send as 5xx (Lambda's "
        "KMS and EC2 errors as 502); their advice follows their kind instead.",
        "message is null: AWS error messages are written per request, not fixed texts.",
        "Every entry has a kind and retry advice.",
    ])


if __name__ == "__main__":
    sys.exit(common.main(sys.argv, build))

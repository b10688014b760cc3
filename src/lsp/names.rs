//! Which names hold an error code: the identifier a literal is compared with or assigned to,
//! the key it is written under, the value a `switch` is over. A name says more than "a code":
//! `status` holds an HTTP status, `errno` an errno value, `exitCode` an exit status; a name
//! like `port`, `timeout`, `size`, `year` or `zipCode` holds no code at all.

/// The catalogs a name points to, and whether a code outside them is still one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Family {
    /// Catalog ids, in order of preference; empty: any catalog.
    pub ids: &'static [&'static str],
    /// When true, a code none of `ids` has is not a code here (`status == 3` is no HTTP
    /// status, so it is nothing).
    pub hard: bool,
}

impl Family {
    pub const ANY: Family = Family {
        ids: &[],
        hard: false,
    };

    const fn only(ids: &'static [&'static str]) -> Family {
        Family { ids, hard: true }
    }

    const fn first(ids: &'static [&'static str]) -> Family {
        Family { ids, hard: false }
    }
}

/// What a name holds, for number literals and for string literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holds {
    pub numbers: Option<Family>,
    pub strings: Option<Family>,
}

const HTTP: Family = Family::only(&["http"]);
const GRPC: Family = Family::only(&["grpc"]);
const EXIT: Family = Family::only(&["exit"]);
const SIGNAL: Family = Family::only(&["signal"]);
const HRESULT: Family = Family::only(&["hresult", "ntstatus"]);
const NTSTATUS: Family = Family::only(&["ntstatus"]);

fn both(f: Family) -> Option<Holds> {
    Some(Holds {
        numbers: Some(f),
        strings: Some(f),
    })
}

fn numbers(f: Family) -> Option<Holds> {
    Some(Holds {
        numbers: Some(f),
        strings: None,
    })
}

fn strings(f: Family) -> Option<Holds> {
    Some(Holds {
        numbers: None,
        strings: Some(f),
    })
}

/// Words that may come before `code` in a name that holds an error code (`errorCode`,
/// `result_code`, `expectedStatusCode`); any other (`zipCode`, `keyCode`, `inviteCode`,
/// `closeCode`) and the name holds something else.
const BEFORE_CODE: &[&str] = &[
    "err",
    "error",
    "errors",
    "status",
    "result",
    "ret",
    "return",
    "response",
    "resp",
    "rsp",
    "res",
    "reason",
    "api",
    "biz",
    "business",
    "sub",
    "app",
    "exit",
    "http",
    "grpc",
    "rpc",
    "sql",
    "db",
    "mysql",
    "pg",
    "postgres",
    "ldap",
    "curl",
    "ssl",
    "tls",
    "x509",
    "verify",
    "aws",
    "s3",
    "gcp",
    "google",
    "win32",
    "win",
    "windows",
    "nt",
    "sys",
    "system",
    "os",
    "internal",
    "vendor",
    "service",
    "server",
    "remote",
    "upstream",
    "last",
    "inner",
    "underlying",
    "original",
    "expected",
    "actual",
    "want",
    "wanted",
    "got",
    "exc",
    "exception",
    "fail",
    "failure",
    "fault",
    "mongo",
    "redis",
    "k8s",
    "node",
    "signal",
    "e",
    "ex",
    "the",
    "my",
    "this",
    "process",
    "proc",
    "native",
    "platform",
    "sdk",
    "ack",
    "im",
];

/// Words that may come before `status` in a name holding a status code (`httpStatus`,
/// `res.statusCode`, `expected_status`); not `orderStatus`, `ActionStatus`, `jobStatus`.
const BEFORE_STATUS: &[&str] = &[
    "http", "response", "resp", "res", "rsp", "reply", "expected", "actual", "want", "wanted",
    "got", "last", "upstream", "server", "api", "rpc", "grpc", "exit", "return", "process", "proc",
    "wait", "nt", "the", "my", "this", "e", "err", "error", "final",
];

/// What `name` holds (`None`: no code). `name` is the last part of an expression
/// (`resp.ErrorCode` → `ErrorCode`), a key (`"error_code"`), or a getter (`getStatusCode`).
pub fn holds(name: &str) -> Option<Holds> {
    let mut words = split(name);
    if words.len() > 1 && words[0] == "get" {
        words.remove(0);
    }
    let joined = words.concat();
    let (last, before) = words.split_last()?;
    let has = |w: &str| before.iter().any(|b| b == w);
    match joined.as_str() {
        "errno" | "errnum" | "errornumber" | "errornum" | "syserrno" | "oserrno" | "mysqlerrno"
        | "sqlerrno" => {
            return Some(Holds {
                numbers: Some(Family::only(&["errno", "mysql"])),
                strings: Some(Family::only(&["errno", "node"])),
            });
        }
        "signal" | "signum" | "signo" | "sig" | "termsig" | "stopsig" | "termsignal"
        | "killsignal" | "signalnumber" => return both(SIGNAL),
        "hr" | "hres" | "hresult" => return numbers(HRESULT),
        "ntstatus" => return numbers(NTSTATUS),
        "sqlstate" | "pgcode" | "pgerrcode" | "sqlstatecode" => {
            return strings(Family::only(&["postgres"]));
        }
        "reason" => return strings(Family::only(&["k8s", "gcp"])),
        "error" | "err" | "errortype" | "errorname" => return strings(Family::ANY),
        "returncode" | "exitcode" | "exitstatus" | "exitvalue" | "exitval" | "exitcd" => {
            return numbers(EXIT);
        }
        "errcode" | "errorcode" | "retcode" | "resultcode" | "respcode" | "rspcode" | "apicode"
        | "bizcode" | "subcode" => return both(Family::ANY),
        "statuscode" | "httpcode" | "httpstatus" | "httpstatuscode" | "responsecode" => {
            return numbers(HTTP);
        }
        _ => {}
    }
    let is_status = *last == "status" || (*last == "code" && has("status"));
    if is_status {
        let allowed = before
            .iter()
            .all(|w| BEFORE_STATUS.contains(&w.as_str()) || w == "status");
        if !allowed {
            return None;
        }
        return if has("grpc") || has("rpc") {
            both(GRPC)
        } else if has("exit") || has("return") || has("process") || has("proc") || has("wait") {
            numbers(EXIT)
        } else if has("nt") {
            numbers(NTSTATUS)
        } else {
            // Google's error bodies: `"code": 404, "status": "NOT_FOUND"`.
            Some(Holds {
                numbers: Some(HTTP),
                strings: Some(GRPC),
            })
        };
    }
    if *last != "code" || !before.iter().all(|w| BEFORE_CODE.contains(&w.as_str())) {
        return None;
    }
    let family = if has("exit") || has("process") || has("proc") {
        return numbers(EXIT);
    } else if has("http") || has("response") {
        return numbers(HTTP);
    } else if has("grpc") || has("rpc") {
        GRPC
    } else if has("signal") {
        SIGNAL
    } else if has("pg") || has("postgres") {
        Family::first(&["postgres"])
    } else if has("sql") || has("mysql") || has("db") {
        Family::first(&["mysql", "postgres", "sqlite"])
    } else if has("curl") {
        Family::first(&["curl"])
    } else if has("ldap") {
        Family::first(&["ldap"])
    } else if has("ssl") || has("tls") || has("x509") || has("verify") {
        Family::first(&["x509", "openssl", "tls-alert"])
    } else if has("aws") || has("s3") {
        Family::first(&["aws"])
    } else if has("mongo") {
        Family::first(&["mongodb"])
    } else if has("redis") {
        Family::first(&["redis"])
    } else if has("win32") || has("windows") || has("win") {
        Family::first(&["win32", "hresult"])
    } else if has("nt") {
        NTSTATUS
    } else {
        Family::ANY
    };
    both(family)
}

/// The lower-case words of a name: split at `_`, `-`, `.`, spaces, digits after letters, and
/// case changes (`HTTPStatusCode` → http status code; `x509Code` → x509 code).
pub fn split(name: &str) -> Vec<String> {
    let name = name.trim_start_matches(['$', '@']);
    let mut words: Vec<String> = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if p.is_alphanumeric() => {
                ((p.is_lowercase() || p.is_ascii_digit()) && c.is_uppercase())
                    || (p.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(|n| n.is_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_words() {
        assert_eq!(split("HTTPStatusCode"), ["http", "status", "code"]);
        assert_eq!(split("resp.ErrorCode"), ["resp", "error", "code"]);
        assert_eq!(split("result_code"), ["result", "code"]);
        assert_eq!(split("$errno"), ["errno"]);
        assert_eq!(split("x509Code"), ["x509", "code"]);
    }

    #[test]
    fn names_that_hold_codes() {
        for name in [
            "code",
            "errcode",
            "ErrorCode",
            "errorCode",
            "error_code",
            "result_code",
            "resultCode",
            "err_code",
            "getCode",
            "getErrorCode",
            "errCode",
            "RetCode",
            "apiCode",
        ] {
            assert_eq!(
                holds(name).and_then(|h| h.numbers),
                Some(Family::ANY),
                "{name}"
            );
        }
        for name in [
            "status",
            "StatusCode",
            "status_code",
            "statusCode",
            "httpStatus",
            "getStatus",
        ] {
            assert_eq!(holds(name).and_then(|h| h.numbers), Some(HTTP), "{name}");
        }
        assert_eq!(holds("exitCode").and_then(|h| h.numbers), Some(EXIT));
        assert_eq!(holds("returncode").and_then(|h| h.numbers), Some(EXIT));
        assert_eq!(holds("grpc_code").and_then(|h| h.numbers), Some(GRPC));
        assert_eq!(
            holds("errno").and_then(|h| h.numbers).map(|f| f.ids[0]),
            Some("errno")
        );
        assert_eq!(holds("error").and_then(|h| h.numbers), None);
        assert!(holds("error").and_then(|h| h.strings).is_some());
    }

    #[test]
    fn names_that_hold_no_code() {
        for name in [
            "port",
            "timeout",
            "size",
            "year",
            "timestamp",
            "i",
            "count",
            "limit",
            "zipCode",
            "keyCode",
            "charCode",
            "inviteCode",
            "country_code",
            "closeCode",
            "orderStatus",
            "ActionStatus",
            "opcode",
            "hashCode",
            "retries",
            "length",
            "index",
            "sleep",
        ] {
            assert_eq!(holds(name), None, "{name}");
        }
    }
}

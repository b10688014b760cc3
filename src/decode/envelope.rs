//! Vendors' error envelopes, as data: how well an object fits each loaded catalog's
//! `envelope` (paths dotted, keys case-insensitive), and the generic keys used when none fits.

use super::lenient::Value;
use crate::catalog::{Envelope, Flag};
use crate::index::Index;

/// A dotted path, split.
pub type Path = Vec<String>;

fn split(path: &str) -> Path {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One vendor's envelope, prepared for matching.
#[derive(Debug)]
pub struct Spec {
    pub vendor: usize,
    code: Path,
    message: Option<Path>,
    flag: Option<(Path, Rule)>,
    pub items: Option<ItemsSpec>,
    pub http_status: Option<u16>,
    extra: Vec<Path>,
    /// Alternatives, each a set of signals that must all be present (see
    /// `catalog::Envelope::evidence`).
    evidence: Vec<Vec<Signal>>,
    /// Whether few other APIs answer in this shape (see `catalog::Envelope::distinctive`).
    pub distinctive: bool,
}

/// Something a body shows that counts as evidence of an envelope.
#[derive(Debug, PartialEq)]
enum Signal {
    Flag,
    Code,
    Message,
    Items,
    /// A path present with a value other than null.
    Path(Path),
}

#[derive(Debug)]
pub struct ItemsSpec {
    pub path: Path,
    pub code: Path,
    pub message: Option<Path>,
    pub field: Option<Path>,
}

#[derive(Debug, PartialEq)]
enum Rule {
    False,
    True,
    NonZero,
    Literal(String),
}

/// What a flag says about an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Error,
    Success,
    Unknown,
}

/// The envelope's declared evidence, or what its shape implies (see
/// `catalog::Envelope::evidence`).
fn evidence(e: &Envelope) -> Vec<Vec<Signal>> {
    if !e.evidence.is_empty() {
        return e
            .evidence
            .iter()
            .map(|all| {
                all.iter()
                    .map(|s| match s.as_str() {
                        "flag" => Signal::Flag,
                        "code" => Signal::Code,
                        "message" => Signal::Message,
                        "items" => Signal::Items,
                        path => Signal::Path(split(path)),
                    })
                    .collect()
            })
            .collect();
    }
    let code = split(&e.code);
    if e.flag.is_some() {
        vec![
            vec![Signal::Flag, Signal::Code],
            vec![Signal::Flag, Signal::Message],
        ]
    } else if code.len() > 1 || !is_common_code_key(code.last().map_or("", String::as_str)) {
        vec![vec![Signal::Code]]
    } else {
        Vec::new()
    }
}

impl Spec {
    fn new(vendor: usize, e: &Envelope) -> Spec {
        Spec {
            vendor,
            code: split(&e.code),
            message: e.message.as_deref().map(split),
            flag: e.flag.as_ref().map(|Flag { path, error_when }| {
                let rule = match error_when.to_ascii_lowercase().as_str() {
                    "false" => Rule::False,
                    "true" => Rule::True,
                    "nonzero" => Rule::NonZero,
                    _ => Rule::Literal(error_when.clone()),
                };
                (split(path), rule)
            }),
            items: e.items.as_ref().map(|i| ItemsSpec {
                path: split(&i.path),
                code: split(&i.code),
                message: i.message.as_deref().map(split),
                field: i.field.as_deref().map(split),
            }),
            http_status: e.http_status,
            extra: e.extra.iter().map(|p| split(p)).collect(),
            evidence: evidence(e),
            distinctive: e.distinctive.unwrap_or_else(|| {
                let code = split(&e.code);
                code.len() > 1 || !is_common_code_key(code.last().map_or("", String::as_str))
            }),
        }
    }

    /// The envelopes of every loaded catalog (each vendor's editions; duplicates once), in
    /// vendor order.
    pub fn all(index: &Index) -> Vec<Spec> {
        let mut specs = Vec::new();
        let mut seen: Vec<(usize, &Envelope)> = Vec::new();
        for (vi, v) in index.vendors().iter().enumerate() {
            for &ci in &v.editions {
                if let Some(e) = index.tables()[ci].envelope() {
                    if e.code.trim().is_empty() || seen.iter().any(|&(sv, se)| sv == vi && se == e)
                    {
                        continue;
                    }
                    seen.push((vi, e));
                    specs.push(Spec::new(vi, e));
                }
            }
        }
        specs
    }

    /// How `obj` fits this envelope.
    pub fn fit<'v>(&self, obj: &'v Value, status: Option<u16>) -> Fit<'v> {
        let flag = self
            .flag
            .as_ref()
            .and_then(|(path, rule)| resolve(obj, path).map(|(keys, v)| (keys, v, judge(v, rule))));
        let mut verdict = flag.as_ref().map_or(Verdict::Unknown, |f| f.2);
        let code = resolve(obj, &self.code).and_then(|(keys, v)| Some((keys, code_text(v)?)));
        let message = self
            .message
            .as_ref()
            .and_then(|p| resolve(obj, p))
            .and_then(|(keys, v)| Some((keys, message_text(v)?)));
        // A message that says all went well contradicts an error.
        if message.as_ref().is_some_and(|(_, m)| says_success(m)) {
            verdict = Verdict::Success;
        }
        let mut fit = Fit {
            verdict,
            score: 0,
            code: None,
            message: None,
            at: Vec::new(),
            items: None,
            evidence: Vec::new(),
        };
        if verdict == Verdict::Success {
            return fit;
        }
        // The error object is where the code is (or the message, when only a flag and a
        // message say there is an error).
        let at = match (&code, &message) {
            (Some((keys, _)), _) => keys,
            (None, Some((keys, _))) if verdict == Verdict::Error => keys,
            _ => return fit,
        };
        fit.at = at[..at.len().saturating_sub(1)].to_vec();
        let items = self
            .items
            .as_ref()
            .and_then(|items| match resolve(obj, &items.path) {
                Some((keys, Value::Arr(list))) => Some((keys, list.as_slice())),
                _ => None,
            });
        // The first alternative of the evidence that the body shows in full decides.
        let shown = |signal: &Signal| -> Option<String> {
            match signal {
                Signal::Flag => flag
                    .as_ref()
                    .filter(|f| f.2 == Verdict::Error)
                    .map(|(keys, v, _)| format!("{}: {}", keys.join("."), shown_value(v))),
                Signal::Code => code
                    .as_ref()
                    .map(|(keys, c)| format!("{}: {c}", keys.join("."))),
                Signal::Message => message
                    .as_ref()
                    .map(|(keys, m)| format!("{}: {}", keys.join("."), short(m))),
                Signal::Items => items
                    .as_ref()
                    .map(|(keys, list)| format!("{}: {} items", keys.join("."), list.len())),
                Signal::Path(p) => resolve(obj, p)
                    .filter(|(_, v)| !matches!(v, Value::Null))
                    .map(|(keys, _)| keys.join(".")),
            }
        };
        for all in &self.evidence {
            let found: Option<Vec<String>> = all.iter().map(shown).collect();
            if let Some(found) = found {
                fit.evidence = found;
                break;
            }
        }
        let mut score = 0;
        if verdict == Verdict::Error {
            score += 3;
        }
        if let Some((_, c)) = &code {
            score += 2 * (self.code.len() as i32 - 1);
            if !is_common_code_key(self.code.last().map_or("", String::as_str)) {
                score += 2;
            }
            fit.code = Some(c.clone());
        }
        if let Some((_, m)) = &message {
            score += 1;
            if !is_common_message_key(
                self.message
                    .as_ref()
                    .and_then(|p| p.last())
                    .map_or("", |s| s),
            ) {
                score += 1;
            }
            fit.message = Some(m.clone());
        }
        if let Some(items) = items {
            score += 2;
            fit.items = Some(items);
        }
        score += self
            .extra
            .iter()
            .filter(|p| resolve(obj, p).is_some())
            .count() as i32;
        // The status the vendor always answers errors with helps; a different one does not
        // count against a flag (Tencent answers 502 when the network fails).
        if self.http_status.is_some() && self.http_status == status {
            score += 1;
        }
        fit.score = score;
        fit
    }
}

/// A value as the evidence quotes it.
fn shown_value(v: &Value) -> String {
    match v.scalar_text() {
        Some(t) => short(t),
        None => match v {
            Value::Null => "null".into(),
            Value::Obj(_) => "{…}".into(),
            _ => "[…]".into(),
        },
    }
}

/// At most 60 characters of a text, for evidence.
fn short(t: &str) -> String {
    let t = t.trim();
    match t.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &t[..cut]),
        None => t.to_string(),
    }
}

/// A message that says the request succeeded (`success`, `OK`, `成功`, `操作成功`).
pub fn says_success(message: &str) -> bool {
    let m = message
        .trim()
        .trim_end_matches(['.', '!', '。', '！'])
        .to_lowercase();
    matches!(
        m.as_str(),
        "ok" | "success"
            | "succeeded"
            | "successful"
            | "successfully"
            | "done"
            | "成功"
            | "操作成功"
            | "请求成功"
            | "請求成功"
            | "处理成功"
            | "處理成功"
    )
}

/// How an object fits one envelope.
#[derive(Debug)]
pub struct Fit<'v> {
    pub verdict: Verdict,
    /// Evidence that this is the vendor's envelope: 3 for a flag saying "error", 2 per extra
    /// level of the code's path and for an uncommon code key, 1–2 for the message, 2 for the
    /// items list, 1 per extra path, 1 for the envelope's HTTP status. A fit of 3 or more
    /// decides.
    pub score: i32,
    pub code: Option<String>,
    pub message: Option<String>,
    /// Keys (as written) from the object to the error object holding code and message.
    pub at: Vec<String>,
    /// The nested error list, with its keys as written.
    pub items: Option<(Vec<String>, &'v [Value])>,
    /// What the body shows of the envelope's evidence (`error: 1`, `code: 1302`); empty when
    /// it does not show all of any alternative.
    pub evidence: Vec<String>,
}

impl Fit<'_> {
    /// Whether the envelope matched at all (a code, or a flag plus a message).
    pub fn matched(&self) -> bool {
        self.code.is_some() || self.message.is_some()
    }

    /// Whether the body shows this vendor's evidence: then the vendor is named.
    pub fn decides(&self) -> bool {
        self.matched() && !self.evidence.is_empty()
    }
}

/// Follows a dotted path from `v`: object keys case-insensitively, numbers index arrays.
/// Returns the keys as written in the document and the value.
pub fn resolve<'v>(v: &'v Value, path: &[String]) -> Option<(Vec<String>, &'v Value)> {
    let mut cur = v;
    let mut keys = Vec::with_capacity(path.len());
    for seg in path {
        match cur {
            Value::Obj(_) => {
                let (k, next) = cur.member(seg)?;
                keys.push(k.to_string());
                cur = next;
            }
            Value::Arr(items) => {
                let i: usize = seg.parse().ok()?;
                keys.push(format!("[{i}]"));
                cur = items.get(i)?;
            }
            _ => return None,
        }
    }
    Some((keys, cur))
}

fn judge(v: &Value, rule: &Rule) -> Verdict {
    let truthy = |v: &Value| -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            Value::Num(n) => Some(!is_zero(n)),
            Value::Null => Some(false),
            Value::Str(s) => {
                let s = s.trim();
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                    Some(!is_zero(s))
                } else if s.eq_ignore_ascii_case("true") {
                    Some(true)
                } else if s.is_empty()
                    || s.eq_ignore_ascii_case("false")
                    || s.eq_ignore_ascii_case("ok")
                    || is_zero(s)
                {
                    Some(false)
                } else {
                    None
                }
            }
            _ => None,
        }
    };
    let yes_no = |b: Option<bool>, error_when: bool| match b {
        Some(b) if b == error_when => Verdict::Error,
        Some(_) => Verdict::Success,
        None => Verdict::Unknown,
    };
    match rule {
        Rule::False => yes_no(truthy(v), false),
        Rule::True => yes_no(truthy(v), true),
        // A word in a 0/1 flag (`"error": "invalid_grant"`, OAuth's) says nothing about it.
        Rule::NonZero => yes_no(truthy(v), true),
        Rule::Literal(lit) => match v.scalar_text() {
            Some(t) if t.trim().eq_ignore_ascii_case(lit) => Verdict::Error,
            Some(t) if looks_like_success(t) => Verdict::Success,
            _ => Verdict::Unknown,
        },
    }
}

/// `0`, `00`, `0.0`, `-0`.
pub fn is_zero(s: &str) -> bool {
    let s = s.trim().trim_start_matches(['-', '+']);
    !s.is_empty() && s.bytes().any(|b| b == b'0') && s.bytes().all(|b| b == b'0' || b == b'.')
}

/// Codes and statuses that say "no error".
pub fn looks_like_success(s: &str) -> bool {
    let s = s.trim();
    s.is_empty()
        || is_zero(s)
        || ["ok", "success", "succeeded", "successful", "none", "true"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w))
}

/// A value as an error code: a string or number of reasonable length with a letter or digit.
pub fn code_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::Str(s) | Value::Num(s) => s.trim(),
        _ => return None,
    };
    (s.len() <= 64 && !s.contains('\n') && s.chars().any(char::is_alphanumeric))
        .then(|| s.to_string())
}

/// Longest message kept (in bytes, cut at a char boundary).
const MAX_MESSAGE: usize = 4096;

/// A value as an error message: a non-empty string (or number), cut to a sane length.
pub fn message_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::Str(s) | Value::Num(s) => s.trim(),
        _ => return None,
    };
    if s.is_empty() {
        return None;
    }
    Some(s[..super::extract::floor_boundary(s, MAX_MESSAGE)].to_string())
}

/// Keys compared without case, `_` or `-`.
pub fn norm_key(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_common_code_key(k: &str) -> bool {
    matches!(
        norm_key(k).as_str(),
        "code" | "errorcode" | "errcode" | "errno" | "error" | "status" | "id"
    )
}

fn is_common_message_key(k: &str) -> bool {
    matches!(
        norm_key(k).as_str(),
        "message" | "msg" | "description" | "detail" | "error"
    )
}

/// Keys that hold an error code in objects no envelope describes, best first.
const CODE_KEYS: &[&str] = &[
    "errorcode",
    "errcode",
    "errno",
    "errnum",
    "errornumber",
    "code",
    "resultcode",
    "retcode",
    "reasoncode",
];
/// Of those, the ones that alone say "this is an error".
const ERROR_CODE_KEYS: &[&str] = &["errorcode", "errcode", "errno", "errnum", "errornumber"];
const MESSAGE_KEYS: &[&str] = &[
    "message",
    "errormessage",
    "errmsg",
    "errormsg",
    "msg",
    "errorinfo",
    "errordescription",
    "errorinfomation",
    "description",
    "detail",
    "reason",
    "title",
];
const STATUS_KEYS: &[&str] = &[
    "status",
    "statuscode",
    "httpstatus",
    "httpcode",
    "httpstatuscode",
];

/// What a generic object (one no envelope decides) says.
#[derive(Debug, Default)]
pub struct Generic {
    pub code: Option<String>,
    /// The code's key says "error" (`errcode`, `error_code`), so the code counts without a
    /// message.
    pub error_key: bool,
    pub message: Option<String>,
}

/// Looks for a code and a message under the usual keys.
pub fn generic(obj: &Value) -> Generic {
    let Value::Obj(members) = obj else {
        return Generic::default();
    };
    let keyed: Vec<(String, &Value)> = members.iter().map(|(k, v)| (norm_key(k), v)).collect();
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            keyed
                .iter()
                .find(|(k, _)| k == n)
                .map(|(k, v)| (k.clone(), *v))
        })
    };
    let mut g = Generic::default();
    let code = CODE_KEYS.iter().find_map(|n| {
        keyed
            .iter()
            .find(|(k, v)| k == n && code_text(v).is_some())
            .map(|(k, v)| (k.clone(), *v))
    });
    if let Some((k, v)) = code {
        g.code = code_text(v);
        g.error_key = ERROR_CODE_KEYS.contains(&k.as_str());
    } else if let Some((_, Value::Str(s))) = find(&["error"]) {
        // OAuth style: `{"error": "invalid_grant", "error_description": "..."}`.
        let s = s.trim();
        if !s.is_empty()
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
            && !looks_like_success(s)
            && !s.eq_ignore_ascii_case("false")
        {
            g.code = Some(s.to_string());
            g.error_key = true;
        }
    }
    g.message = MESSAGE_KEYS
        .iter()
        .find_map(|n| {
            keyed
                .iter()
                .find(|(k, _)| k == n)
                .and_then(|(_, v)| message_text(v))
        })
        .or_else(|| match find(&["error"]) {
            Some((_, v @ Value::Str(s))) if s.trim().contains(' ') => message_text(v),
            _ => None,
        });
    g
}

/// An HTTP status given in the object itself (`"status": 403`).
pub fn status_in(obj: &Value) -> Option<u16> {
    let Value::Obj(members) = obj else {
        return None;
    };
    members.iter().find_map(|(k, v)| {
        if !STATUS_KEYS.contains(&norm_key(k).as_str()) {
            return None;
        }
        let t = v.scalar_text()?.trim();
        let n: u16 = (t.len() == 3).then(|| t.parse().ok()).flatten()?;
        (100..=599).contains(&n).then_some(n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::lenient::parse_at;

    fn v(s: &str) -> Value {
        parse_at(s, 0).unwrap().value
    }

    fn spec(json: &str) -> Spec {
        let e: Envelope = serde_json::from_str(json).unwrap();
        Spec::new(0, &e)
    }

    #[test]
    fn flags_decide_error_or_success() {
        let manta = spec(
            r#"{"code":"errResponse.code","message":"errResponse.message","flag":{"path":"success","error_when":"false"}}"#,
        );
        let doc = v(r#"{"success":false,"errResponse":{"code":0000,"message":"m"}}"#);
        let f = manta.fit(&doc, None);
        assert_eq!(f.verdict, Verdict::Error);
        assert_eq!(f.code.as_deref(), Some("0000"));
        assert_eq!(f.at, vec!["errResponse".to_string()]);
        assert!(f.decides());
        let doc = v(r#"{"success":true,"message":"ok"}"#);
        let f = manta.fit(&doc, None);
        assert_eq!(f.verdict, Verdict::Success);

        let tencent = spec(
            r#"{"code":"ErrorCode","message":"ErrorInfo","flag":{"path":"ActionStatus","error_when":"FAIL"},"http_status":200}"#,
        );
        let doc = v(r#"{"actionstatus":"fail","errorcode":60003}"#);
        let f = tencent.fit(&doc, Some(200));
        assert_eq!(f.verdict, Verdict::Error);
        assert_eq!(f.score, 4);
        let doc = v(r#"{"ActionStatus":"OK","ErrorCode":0}"#);
        let f = tencent.fit(&doc, None);
        assert_eq!(f.verdict, Verdict::Success);
        let doc = v(r#"{"ActionStatus":"PENDING","ErrorCode":1}"#);
        let f = tencent.fit(&doc, None);
        assert_eq!(f.verdict, Verdict::Unknown);

        let pixnet = spec(
            r#"{"code":"code","message":"message","flag":{"path":"error","error_when":"nonzero"}}"#,
        );
        assert_eq!(
            pixnet
                .fit(&v(r#"{"error":"1","code":"1302"}"#), None)
                .verdict,
            Verdict::Error
        );
        assert_eq!(
            pixnet.fit(&v(r#"{"error":0,"code":1}"#), None).verdict,
            Verdict::Success
        );
        assert_eq!(
            pixnet.fit(&v(r#"{"error":null}"#), None).verdict,
            Verdict::Success
        );
        assert_eq!(
            pixnet.fit(&v(r#"{"error":{"code":1}}"#), None).verdict,
            Verdict::Unknown
        );
        // Without its flag, a plain {code, message} does not decide.
        assert!(
            !pixnet
                .fit(&v(r#"{"code":1302,"message":"x"}"#), None)
                .decides()
        );
    }

    #[test]
    fn nested_and_uncommon_paths_decide_without_a_flag() {
        let user = spec(r#"{"code":"err.no","message":"err.msg"}"#);
        let doc = v(r#"{"err":{"no":42,"msg":"jammed"}}"#);
        let f = user.fit(&doc, None);
        assert!(f.decides());
        assert_eq!(f.code.as_deref(), Some("42"));
        let guo = spec(
            r#"{"code":"result_code","message":"message","items":{"path":"validation_failed_responses","code":"result_code"},"extra":["odata"]}"#,
        );
        let doc = v(r#"{"result_code":"x","validation_failed_responses":[{}],"odata":null}"#);
        let f = guo.fit(&doc, None);
        assert_eq!(f.score, 2 + 2 + 1);
        assert_eq!(f.items.map(|(_, l)| l.len()), Some(1));
    }

    #[test]
    fn generic_keys() {
        let g = generic(&v(r#"{"ERROR_CODE": "E1", "Error_Message": "boom"}"#));
        assert_eq!(g.code.as_deref(), Some("E1"));
        assert!(g.error_key);
        assert_eq!(g.message.as_deref(), Some("boom"));
        let g = generic(&v(
            r#"{"error": "invalid_grant", "error_description": "Bad code"}"#,
        ));
        assert_eq!(g.code.as_deref(), Some("invalid_grant"));
        assert_eq!(g.message.as_deref(), Some("Bad code"));
        let g = generic(&v(r#"{"code": {"a":1}, "name": "x"}"#));
        assert!(g.code.is_none());
        assert_eq!(status_in(&v(r#"{"statusCode": 403}"#)), Some(403));
        assert_eq!(status_in(&v(r#"{"status": "error"}"#)), None);
    }

    #[test]
    fn zero_and_success_words() {
        assert!(is_zero("0000") && is_zero("-0") && is_zero("0.0"));
        assert!(!is_zero("10") && !is_zero("") && !is_zero("."));
        assert!(looks_like_success("OK") && looks_like_success("0"));
        assert!(!looks_like_success("1302"));
    }
}

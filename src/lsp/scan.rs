//! Where a line of code holds an error code: a literal whose context shows it is one. The
//! rules read the tokens around the literal ([`lex`]):
//!
//! - compared with a name that holds a code (`resp.ErrorCode == 60007`, `60007 === code`,
//!   `[ $? -eq 2 ]`, `assert.Equal(t, 404, res.StatusCode)`, `expect(res.status).toBe(404)`);
//! - assigned to one, or written under one as a key (`code = 1302`, `"code": 1302`,
//!   `ErrorCode: 60007`, `status_code=404`, `'errno' => 111`);
//! - a call that takes a code (`res.status(404)`, `WriteHeader(404)`, `os.Exit(78)`,
//!   `kill(pid, 9)`);
//! - an arm of a `switch`/`match`/`when`/`case` over such a name (`case 1302:`, `1302 =>`,
//!   `when 1302`), found by reading the lines above;
//! - on its own: a string that looks like a code's name (`"ECONNREFUSED"`, `"invalid_grant"`,
//!   `"23505"`), a 32-bit hex literal with its high bit set (HRESULT, NTSTATUS);
//! - a member of an enum errdex wrote (`PixnetError::ExceedAnonymousRateLimit`).
//!
//! Which names hold codes is [`names::holds`]: a loop bound, port, sleep, index, size, year or
//! timestamp is held by a name that holds none, so it is never read as a code.

use super::lex::{self, Tok, Token};
use super::names::{self, Family, Holds};
use std::ops::Range;

/// A code found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Bytes of the line the hover covers.
    pub span: Range<usize>,
    pub code: Code,
    pub why: Why,
    /// The catalogs the context points to.
    pub family: Family,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// A decimal integer as written, with its sign (`1302`, `-111`).
    Int(String),
    /// A hexadecimal integer, `0x` and upper-case digits (`0x80070005`).
    Hex(String),
    /// A string's content (`ECONNREFUSED`, `23505`).
    Text(String),
    /// `Type.Member` / `Type::Member`, or a bare constant (`type_name` empty).
    Member { type_name: String, member: String },
}

impl Code {
    /// The code as it is written in the source.
    pub fn written(&self) -> &str {
        match self {
            Code::Int(s) | Code::Hex(s) | Code::Text(s) => s,
            Code::Member { member, .. } => member,
        }
    }
}

/// Why the literal is read as a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Compared with, assigned to or keyed by this name.
    Named(String),
    /// An argument of this call.
    Argument(String),
    /// An arm of a `switch` over this name.
    Arm(String),
    /// Its own shape (a code's name in a string, an HRESULT).
    Shape,
    /// A member of an enum errdex wrote.
    Member,
}

/// The lines above the one scanned, for the `switch` an arm belongs to.
pub trait Lines {
    fn line(&self, n: usize) -> &str;
}

impl Lines for super::document::Document {
    fn line(&self, n: usize) -> &str {
        super::document::Document::line(self, n)
    }
}

impl Lines for [&str] {
    fn line(&self, n: usize) -> &str {
        self.get(n).copied().unwrap_or("")
    }
}

/// How far up an arm's `switch` is looked for.
const MAX_ARM_LOOKBACK: usize = 400;

/// What the scan of a line needs besides the line.
pub struct Scan<'a> {
    pub hash_comments: bool,
    /// Type names of the enums errdex wrote that the document mentions (`PixnetError`), for
    /// members; and the prefixes of Go's constants (`Pixnet`).
    pub enum_types: &'a [String],
    pub go_prefixes: &'a [String],
}

impl Scan<'_> {
    /// Every code in line `n` of `lines`.
    pub fn line(&self, lines: &(impl Lines + ?Sized), n: usize) -> Vec<Found> {
        let line = lines.line(n);
        let toks = lex::tokens(line, self.hash_comments);
        let mut found = Vec::new();
        let arm = arm_pattern(&toks, line);
        let mut arm_subject: Option<Option<String>> = None;
        for i in 0..toks.len() {
            let t = &toks[i];
            match t.kind {
                Tok::Int | Tok::Hex | Tok::Str => {}
                Tok::Ident => {
                    if let Some(f) = self.member(&toks, line, i) {
                        found.push(f);
                    }
                    continue;
                }
                _ => continue,
            }
            let (start, code) = match literal(&toks, line, i) {
                Some(x) => x,
                None => continue,
            };
            let span = toks[start].span.start..t.span.end;
            let in_arm = arm.as_ref().is_some_and(|r| r.contains(&i));
            let context = if in_arm {
                let subject = arm_subject
                    .get_or_insert_with(|| subject_of_arm(lines, n, line, self.hash_comments));
                subject
                    .as_ref()
                    .and_then(|s| Some((Why::Arm(s.clone()), names::holds(s)?)))
            } else {
                context(&toks, line, start, i)
            };
            let (why, family) = match context {
                Some((why, holds)) => match family_for(&code, holds) {
                    Some(f) => (why, f),
                    None => continue,
                },
                None => match shaped(&code) {
                    Some(f) => (Why::Shape, f),
                    None => continue,
                },
            };
            found.push(Found {
                span,
                code,
                why,
                family,
            });
        }
        found
    }

    /// `PixnetError.X`, `PixnetError::X`, or Go's `PixnetX`, for the enums the document names.
    fn member(&self, toks: &[Token], line: &str, i: usize) -> Option<Found> {
        let t = &toks[i];
        let name = t.text(line);
        let qualified = i >= 2
            && matches!(toks[i - 1].text(line), "." | "::")
            && toks[i - 2].kind == Tok::Ident;
        if qualified {
            let type_name = toks[i - 2].text(line);
            if self.enum_types.iter().any(|n| n == type_name) {
                return Some(Found {
                    span: toks[i - 2].span.start..t.span.end,
                    code: Code::Member {
                        type_name: type_name.to_string(),
                        member: name.to_string(),
                    },
                    why: Why::Member,
                    family: Family::ANY,
                });
            }
            return None;
        }
        // A Go constant: not a qualifier itself (`PixnetError.`), not the type's name.
        let qualifier = toks
            .get(i + 1)
            .is_some_and(|n| matches!(n.text(line), "." | "::"));
        let go = !qualifier
            && !self.enum_types.iter().any(|t| name.starts_with(t.as_str()))
            && self
                .go_prefixes
                .iter()
                .any(|p| name.len() > p.len() && name.starts_with(p.as_str()));
        go.then(|| Found {
            span: t.span.clone(),
            code: Code::Member {
                type_name: String::new(),
                member: name.to_string(),
            },
            why: Why::Member,
            family: Family::ANY,
        })
    }
}

/// The literal at token `i`: where it starts (a sign before a number is part of it) and its
/// code; `None` for what cannot be a code.
fn literal(toks: &[Token], line: &str, i: usize) -> Option<(usize, Code)> {
    let t = &toks[i];
    let text = t.text(line);
    match t.kind {
        Tok::Int => {
            let text = text.trim_end_matches(|c: char| !c.is_ascii_digit());
            if text.len() > 20 {
                return None;
            }
            let negative = i >= 1
                && toks[i - 1].is(line, "-")
                && toks[i - 1].span.end == t.span.start
                && (i == 1 || is_operator_before_sign(&toks[i - 2], line));
            if negative {
                Some((i - 1, Code::Int(format!("-{text}"))))
            } else {
                Some((i, Code::Int(text.to_string())))
            }
        }
        Tok::Hex => {
            // Up to a type suffix (`0x80070005u32`).
            let digits = text[2..]
                .split(|c: char| !c.is_ascii_hexdigit())
                .next()
                .unwrap_or("");
            if digits.len() > 16 {
                return None;
            }
            Some((i, Code::Hex(format!("0x{}", digits.to_ascii_uppercase()))))
        }
        Tok::Str => {
            let inner = t.inner(line);
            let plain = !inner.is_empty()
                && inner.len() <= 80
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b':'));
            plain.then(|| (i, Code::Text(inner.to_string())))
        }
        _ => None,
    }
}

/// Whether a `-` after this token is a sign (`== -111`, `(-111`), not a subtraction.
fn is_operator_before_sign(t: &Token, line: &str) -> bool {
    match t.kind {
        Tok::Punct => !matches!(t.text(line), ")" | "]" | "}"),
        Tok::Ident => matches!(t.text(line), "return" | "case" | "when" | "in" | "is"),
        _ => false,
    }
}

const EQUALITY: &[&str] = &["==", "===", "!=", "!==", "<>"];
const ASSIGNMENT: &[&str] = &["=", ":=", ":", "=>"];

/// Calls whose first argument is an HTTP status.
const STATUS_CALLS: &[&str] = &[
    "status",
    "sendstatus",
    "setstatus",
    "writeheader",
    "writehead",
    "withstatus",
    "abort",
    "statuscode",
    "setstatuscode",
    "responsestatus",
];
/// Calls whose first argument is an exit status.
const EXIT_CALLS: &[&str] = &["exit", "_exit", "exitprocess", "quit"];
/// Calls whose second argument is a signal.
const KILL_CALLS: &[&str] = &["kill", "killpg", "pthread_kill", "tgkill"];
/// Calls that compare their arguments.
const EQUAL_CALLS: &[&str] = &[
    "assertequal",
    "assertequals",
    "assertnotequal",
    "assertnotequals",
    "assert_eq",
    "assert_ne",
    "debug_assert_eq",
    "equal",
    "equals",
    "notequal",
    "equalf",
    "strictequal",
    "deepequal",
    "deepstrictequal",
    "notstrictequal",
    "assertsame",
    "eq",
    "expect_eq",
    "assert_equal",
];
/// Matchers called on `expect(x)`.
const MATCHERS: &[&str] = &["tobe", "toequal", "tostrictequal", "eq", "eql", "equal"];

/// Why the literal made of tokens `start..=end` is a code, and what its name holds.
fn context(toks: &[Token], line: &str, start: usize, end: usize) -> Option<(Why, Holds)> {
    let prev = start.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(end + 1);
    let named = |name: String| {
        let holds = names::holds(&name)?;
        Some((Why::Named(name), holds))
    };
    if let Some(p) = prev {
        let op = p.text(line);
        if EQUALITY.contains(&op) {
            return named(operand_name(toks, line, start.checked_sub(2)?)?);
        }
        // Shell's `[ "$code" -eq 2 ]`.
        if matches!(op, "eq" | "ne") && start >= 3 && toks[start - 2].is(line, "-") {
            return named(operand_name(toks, line, start - 3)?);
        }
    }
    if let Some(n) = next
        && EQUALITY.contains(&n.text(line))
    {
        return named(operand_name_after(toks, line, end + 2)?);
    }
    if let Some(p) = prev {
        let op = p.text(line);
        if ASSIGNMENT.contains(&op) && start >= 2 {
            if op == ":" && is_ternary_or_label(toks, line, start - 1) {
                return None;
            }
            let mut k = start - 2;
            // `code: int = 5`: the name before the annotation.
            if op == "=" && k >= 2 && toks[k].kind == Tok::Ident && toks[k - 1].is(line, ":") {
                k -= 2;
            }
            let key = &toks[k];
            let name = match key.kind {
                Tok::Str => key.inner(line).to_string(),
                _ => operand_name(toks, line, k)?,
            };
            return named(name);
        }
    }
    argument(toks, line, start, end)
}

/// `a ? b : c` and `default:`/labels: a `:` that is no key.
fn is_ternary_or_label(toks: &[Token], line: &str, colon: usize) -> bool {
    toks[..colon].iter().any(|t| t.is(line, "?"))
}

/// The literal `start..=end` as a whole argument of a call that takes a code.
fn argument(toks: &[Token], line: &str, start: usize, end: usize) -> Option<(Why, Holds)> {
    let before = toks.get(start.checked_sub(1)?)?.text(line);
    let after = toks.get(end + 1).map_or("", |t| t.text(line));
    if !matches!(before, "(" | "[" | ",") || !matches!(after, ")" | "]" | ",") {
        return None;
    }
    // The open bracket of the call (or list) and the argument's position.
    let mut depth = 0usize;
    let mut commas = 0usize;
    let mut open = None;
    for k in (0..start).rev() {
        match toks[k].text(line) {
            ")" | "]" | "}" => depth += 1,
            "(" | "[" | "{" if depth > 0 => depth -= 1,
            "(" | "[" | "{" => {
                open = Some(k);
                break;
            }
            "," if depth == 0 => commas += 1,
            _ => {}
        }
    }
    let open = open?;
    if let Some(found) = member_of_list(toks, line, open) {
        return Some(found);
    }
    if !toks[open].is(line, "(") {
        return None;
    }
    let callee = toks.get(open.checked_sub(1)?)?;
    if callee.kind != Tok::Ident {
        return None;
    }
    let name = callee.text(line);
    let lower = name.to_ascii_lowercase();
    let lower = lower.trim_end_matches('!');
    let call = |holds: Holds| Some((Why::Argument(name.to_string()), holds));
    if STATUS_CALLS.contains(&lower) && commas == 0 {
        return call(names::holds("status")?);
    }
    if EXIT_CALLS.contains(&lower) && commas == 0 {
        return call(names::holds("exitCode")?);
    }
    if KILL_CALLS.contains(&lower) && commas == 1 {
        return call(names::holds("signal")?);
    }
    if EQUAL_CALLS.contains(&lower) {
        // Another argument that holds a code.
        for arg in arguments(toks, line, open) {
            if arg.contains(&start) {
                continue;
            }
            if let Some(name) = operand_name(toks, line, arg.end - 1)
                && let Some(holds) = names::holds(&name)
            {
                return Some((Why::Named(name), holds));
            }
        }
        return None;
    }
    if MATCHERS.contains(&lower) && commas == 0 && open >= 3 && toks[open - 2].is(line, ".") {
        // `expect(res.status).toBe(404)`: the expression in `expect(…)`.
        let close = open - 3;
        if toks[close].is(line, ")") {
            let inner_end = close.checked_sub(1)?;
            let name = operand_name(toks, line, inner_end)?;
            let holds = names::holds(&name)?;
            return Some((Why::Named(name), holds));
        }
    }
    None
}

/// A literal in a list a code is looked for in: `code in (1302, 4109)`, `status in [502, 503]`,
/// `[502, 503].includes(res.status)`.
fn member_of_list(toks: &[Token], line: &str, open: usize) -> Option<(Why, Holds)> {
    let holds = |name: String| {
        let holds = names::holds(&name)?;
        Some((Why::Named(name), holds))
    };
    if open >= 2 && toks[open - 1].is(line, "in") {
        return holds(operand_name(toks, line, open - 2)?);
    }
    let close_text = match toks[open].text(line) {
        "[" => "]",
        "(" if open == 0 || toks[open - 1].kind != Tok::Ident => ")",
        _ => return None,
    };
    let mut depth = 0usize;
    let mut close = None;
    for (k, t) in toks.iter().enumerate().skip(open) {
        match t.text(line) {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth -= 1;
                if depth == 0 {
                    if t.is(line, close_text) {
                        close = Some(k);
                    }
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let method = toks.get(close + 2)?;
    let searched = toks.get(close + 1)?.is(line, ".")
        && matches!(
            method.text(line),
            "includes" | "contains" | "indexOf" | "has" | "Contains"
        )
        && toks.get(close + 3)?.is(line, "(");
    if !searched {
        return None;
    }
    holds(operand_name_after(toks, line, close + 4)?)
}

/// The token ranges of each argument of the call opened at `open`.
fn arguments(toks: &[Token], line: &str, open: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = open + 1;
    for (k, t) in toks.iter().enumerate().skip(open + 1) {
        match t.text(line) {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" if depth > 0 => depth -= 1,
            ")" | "]" | "}" => {
                if k > from {
                    out.push(from..k);
                }
                return out;
            }
            "," if depth == 0 => {
                if k > from {
                    out.push(from..k);
                }
                from = k + 1;
            }
            _ => {}
        }
    }
    out
}

/// The name an operand ending at token `end` refers to: its last member (`resp.ErrorCode` →
/// `ErrorCode`), a getter's name (`err.Code()` → `Code`), a string key
/// (`e.response['Error']['Code']` → `Code`, `data.get("code")` → `code`).
fn operand_name(toks: &[Token], line: &str, end: usize) -> Option<String> {
    let t = toks.get(end)?;
    match t.kind {
        Tok::Ident => Some(t.text(line).to_string()),
        Tok::Punct if matches!(t.text(line), ")" | "]") => {
            let close = t.text(line);
            let open_text = if close == ")" { "(" } else { "[" };
            let mut depth = 0usize;
            let mut open = None;
            for k in (0..end).rev() {
                let x = toks[k].text(line);
                if x == close {
                    depth += 1;
                } else if x == open_text {
                    if depth == 0 {
                        open = Some(k);
                        break;
                    }
                    depth -= 1;
                }
            }
            let open = open?;
            let inside = &toks[open + 1..end];
            // A single string inside: a key (`['Code']`, `.get("code")`).
            if let [only] = inside
                && only.kind == Tok::Str
            {
                return Some(only.inner(line).to_string());
            }
            if close == ")" {
                // A call: the function's name (`err.Code()`, `getStatus()`), or for a
                // parenthesised expression, its last operand.
                match open.checked_sub(1).map(|k| &toks[k]) {
                    Some(f) if f.kind == Tok::Ident && !is_keyword(f.text(line)) => {
                        Some(f.text(line).to_string())
                    }
                    _ if !inside.is_empty() => operand_name(toks, line, end - 1),
                    _ => None,
                }
            } else {
                // An index (`codes[i]`): the array's name.
                operand_name(toks, line, open.checked_sub(1)?)
            }
        }
        Tok::Str => {
            // `"$code" -eq 2` in shell.
            let inner = t.inner(line);
            let name = inner.trim_start_matches('$').trim_matches(['{', '}']);
            (inner.starts_with('$') && !name.is_empty()).then(|| name.to_string())
        }
        _ => None,
    }
}

/// [`operand_name`] for an operand that starts at token `start` (`404 == res.status`).
fn operand_name_after(toks: &[Token], line: &str, start: usize) -> Option<String> {
    let mut k = start;
    let mut last = None;
    while let Some(t) = toks.get(k) {
        match (t.kind, t.text(line)) {
            (Tok::Ident, _) => last = Some(k),
            (Tok::Punct, "." | "::" | "?." | "->") => {}
            (Tok::Punct, "(" | "[") => {
                // To the matching close.
                let (open, close) = if t.is(line, "(") {
                    ("(", ")")
                } else {
                    ("[", "]")
                };
                let mut depth = 0usize;
                let mut j = k;
                while let Some(u) = toks.get(j) {
                    if u.is(line, open) {
                        depth += 1;
                    } else if u.is(line, close) {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                if j >= toks.len() {
                    return None;
                }
                last = Some(j);
                k = j;
            }
            _ => break,
        }
        k += 1;
    }
    operand_name(toks, line, last?)
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "if" | "while"
            | "switch"
            | "match"
            | "when"
            | "return"
            | "case"
            | "and"
            | "or"
            | "not"
            | "elif"
            | "unless"
            | "until"
            | "for"
            | "in"
    )
}

/// The tokens of a line's arm pattern, when the line is an arm made of literals: `case 1302:`,
/// `case 1, 2:`, `when 1302`, `1302 =>`, `1302 | 1303 =>`, `404, 410 ->`.
fn arm_pattern(toks: &[Token], line: &str) -> Option<Range<usize>> {
    let first = toks.first()?;
    let (from, to) = if matches!(first.text(line), "case" | "when") {
        let to = toks
            .iter()
            .position(|t| matches!(t.text(line), ":" | "=>" | "->" | "then"))
            .unwrap_or(toks.len());
        (1, to)
    } else {
        let to = toks
            .iter()
            .position(|t| matches!(t.text(line), "=>" | "->"))?;
        (0, to)
    };
    if to <= from {
        return None;
    }
    let literal_only = toks[from..to].iter().all(|t| {
        matches!(t.kind, Tok::Int | Tok::Hex | Tok::Str)
            || matches!(t.text(line), "," | "|" | "-" | "or")
    });
    literal_only.then_some(from..to)
}

fn indent(line: &str) -> usize {
    line.bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .map(|b| if b == b'\t' { 4 } else { 1 })
        .sum()
}

/// The name the `switch` (`match`, `when`, `case`) that arm line `n` belongs to is over.
fn subject_of_arm(
    lines: &(impl Lines + ?Sized),
    n: usize,
    line: &str,
    hash: bool,
) -> Option<String> {
    let arm_indent = indent(line);
    for k in (n.saturating_sub(MAX_ARM_LOOKBACK)..n).rev() {
        let above = lines.line(k);
        let trimmed = above.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let ind = indent(above);
        if ind > arm_indent {
            continue;
        }
        if trimmed.starts_with("//")
            || trimmed.starts_with("/*")
            || trimmed.starts_with('*')
            || (hash && trimmed.starts_with('#'))
        {
            continue;
        }
        let toks = lex::tokens(above, hash);
        let Some(first) = toks.first() else { continue };
        let word = first.text(above);
        if ind == arm_indent
            && (matches!(
                word,
                "}" | ")" | "]" | "default" | "else" | "_" | "when" | "break"
            ) || (word == "case" && !is_ruby_case(&toks, above))
                || arm_pattern(&toks, above).is_some()
                || toks.iter().any(|t| t.is(above, "=>") || t.is(above, "->")))
        {
            continue;
        }
        return header_subject(&toks, above);
    }
    None
}

/// Ruby's `case expr` (a header), not `case 1302:` (an arm).
fn is_ruby_case(toks: &[Token], line: &str) -> bool {
    toks.len() > 1
        && toks[0].is(line, "case")
        && !toks.iter().any(|t| t.is(line, ":"))
        && toks[1].kind == Tok::Ident
}

/// The name a `switch`/`match`/`when`/`case` header line is over.
fn header_subject(toks: &[Token], line: &str) -> Option<String> {
    let k = toks.iter().position(|t| {
        matches!(
            t.text(line),
            "switch" | "match" | "when" | "case" | "select"
        ) && t.kind == Tok::Ident
    })?;
    // `x match {` (Scala), `x switch {` (C#): the operand before.
    if k > 0 && toks.get(k + 1).is_none_or(|t| t.is(line, "{")) {
        return operand_name(toks, line, k - 1);
    }
    let mut end = toks.len();
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(k + 1) {
        match t.text(line) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            "{" if depth == 0 => {
                end = j;
                break;
            }
            _ => {}
        }
    }
    // A trailing `:` (Python's `match x:`).
    while end > k + 1 && toks[end - 1].is(line, ":") {
        end -= 1;
    }
    // Go's `switch code := x.Code(); code {`, Kotlin's `when (val c = x.code)`.
    let mut from = k + 1;
    for (j, t) in toks.iter().enumerate().take(end).skip(k + 1) {
        if matches!(t.text(line), ";" | "=" | ":=") {
            from = j + 1;
        }
    }
    if end <= from {
        return None;
    }
    let mut last = end - 1;
    // `switch (x) {`: the operand inside the parentheses.
    while last > from && toks[last].is(line, ")") && toks[from].is(line, "(") {
        let inner_end = last - 1;
        if inner_end <= from {
            return None;
        }
        last = inner_end;
        from += 1;
    }
    operand_name(toks, line, last)
}

/// The catalogs a literal in this context may be a code of, or `None` when it is none.
fn family_for(code: &Code, holds: Holds) -> Option<Family> {
    match code {
        Code::Int(_) | Code::Hex(_) => holds.numbers,
        Code::Text(s) => {
            // A number in quotes (`"code": "1302"`) is read as the number.
            let numeric = s.bytes().all(|b| b.is_ascii_digit());
            if numeric {
                holds.numbers.or(holds.strings)
            } else {
                holds.strings
            }
        }
        Code::Member { .. } => Some(Family::ANY),
    }
}

/// A literal that is a code by its shape alone.
fn shaped(code: &Code) -> Option<Family> {
    match code {
        Code::Hex(h) => {
            let digits = &h[2..];
            let high = digits.len() == 8 && digits.as_bytes()[0] >= b'8';
            high.then_some(Family {
                ids: &["hresult", "ntstatus"],
                hard: true,
            })
        }
        Code::Text(s) => looks_like_code_name(s).then_some(Family::ANY),
        _ => None,
    }
}

/// A string that reads as a code's name rather than prose or data: `ECONNREFUSED`,
/// `invalid_grant`, `ThrottlingException`, `AuthFailure.SignatureExpire`, SQLSTATE `23505`.
pub fn looks_like_code_name(s: &str) -> bool {
    let len = s.len();
    if !(5..=64).contains(&len) || !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return false;
    }
    let bytes = s.as_bytes();
    if len == 5
        && bytes
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        // SQLSTATE: five digits or capitals, a class of two.
        return bytes.iter().any(u8::is_ascii_digit);
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let has_letter = bytes.iter().any(u8::is_ascii_alphabetic);
    let joined = s.contains('_') || s.contains('.');
    let upper = bytes
        .iter()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_');
    let humps = bytes.iter().filter(|b| b.is_ascii_uppercase()).count();
    let camel = s.starts_with(|c: char| c.is_ascii_uppercase())
        && humps >= 2
        && len >= 8
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && bytes.iter().any(u8::is_ascii_lowercase);
    has_letter && (joined || upper || camel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(lines: &[&str], n: usize, hash: bool) -> Vec<(String, Why, &'static [&'static str])> {
        Scan {
            hash_comments: hash,
            enum_types: &["PixnetError".to_string()],
            go_prefixes: &["Pixnet".to_string()],
        }
        .line(lines, n)
        .into_iter()
        .map(|f| (f.code.written().to_string(), f.why, f.family.ids))
        .collect()
    }

    fn codes(line: &str) -> Vec<String> {
        scan(&[line], 0, false).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn comparisons_and_assignments_to_code_names() {
        assert_eq!(codes("if resp.ErrorCode == 60007 {"), ["60007"]);
        assert_eq!(codes("if (60007 === body.errcode) {"), ["60007"]);
        assert_eq!(codes("if err.Code() != 1302 {"), ["1302"]);
        assert_eq!(
            codes(r#"if e.response['Error']['Code'] == 'ThrottlingException':"#),
            ["ThrottlingException"]
        );
        assert_eq!(codes(r#"  "code": 1302,"#), ["1302"]);
        assert_eq!(codes("ErrorCode: 60007,"), ["60007"]);
        assert_eq!(codes("raise HTTPException(status_code=404)"), ["404"]);
        assert_eq!(codes("res.status(404).json(body)"), ["404"]);
        assert_eq!(codes("os.Exit(78)"), ["78"]);
        assert_eq!(codes("if err.errno == -111:"), ["-111"]);
        assert_eq!(
            codes(r#"if err.code === "ECONNREFUSED" {"#),
            ["ECONNREFUSED"]
        );
        assert_eq!(codes("assert.Equal(t, 404, res.StatusCode)"), ["404"]);
        assert_eq!(codes("expect(res.status).toBe(429);"), ["429"]);
        assert_eq!(codes("self.assertEqual(r.status_code, 403)"), ["403"]);
        assert_eq!(codes(r#"if [ "$status" -eq 2 ]; then"#), ["2"]);
        assert_eq!(codes("code: int = 5"), ["5"]);
        assert_eq!(codes("if resp.status_code in (502, 503):"), ["502", "503"]);
        assert_eq!(
            codes("if ([502, 503].includes(res.status)) {"),
            ["502", "503"]
        );
        assert_eq!(codes("let hr = 0x80070005u32;"), ["0x80070005"]);
        assert!(codes("if x in (1, 2):").is_empty());
        assert!(codes("sizes = [1302, 4096]").is_empty());
    }

    #[test]
    fn never_a_bound_port_sleep_index_size_year_or_timestamp() {
        for line in [
            "for i := 0; i < 1000; i++ {",
            "for (let i = 0; i < 404; i++) {",
            "port := 8080",
            "server.listen(8080)",
            "time.Sleep(500 * time.Millisecond)",
            "await sleep(1302)",
            "x = items[404]",
            "buf := make([]byte, 4096)",
            "if year == 2024 {",
            r#"{"timestamp": 1700000000, "size": 1302}"#,
            "max_retries = 3",
            "status = ok ? 200 : 500",
            "let t = 0x7fffffff;",
            r#"print("hello world")"#,
            r#"name = "user_id""#,
        ] {
            let got: Vec<String> = codes(line)
                .into_iter()
                .filter(|c| !matches!(c.as_str(), "user_id"))
                .collect();
            assert!(got.is_empty(), "{line}: {got:?}");
        }
    }

    #[test]
    fn arms_of_a_switch_over_a_code() {
        let go = [
            "switch resp.ErrorCode {",
            "case 60007:",
            "\tretry()",
            "case 60008, 60009:",
        ];
        assert_eq!(scan(&go, 1, false)[0].1, Why::Arm("ErrorCode".into()));
        assert_eq!(scan(&go, 3, false).len(), 2);
        let rust = [
            "match err.code {",
            "    1302 => retry(),",
            "    4109 | 4110 => {",
            "    }",
            "    2 => x,",
        ];
        assert_eq!(scan(&rust, 1, false)[0].0, "1302");
        assert_eq!(scan(&rust, 2, false).len(), 2);
        assert_eq!(scan(&rust, 4, false)[0].0, "2");
        let py = [
            "match resp.status_code:",
            "    case 404:",
            "        pass",
            "    case 429:",
        ];
        assert_eq!(scan(&py, 3, true)[0].2, &["http"]);
        let ruby = ["case resp.code", "when 1302 then retry", "when 4109"];
        assert_eq!(scan(&ruby, 2, true)[0].0, "4109");
        let kotlin = ["when (e.code) {", "    1302 -> retry()", "}"];
        assert_eq!(scan(&kotlin, 1, false)[0].0, "1302");
        let js = [
            "switch (err.code) {",
            "  case 'ECONNREFUSED':",
            "    break;",
            "  case \"ETIMEDOUT\":",
        ];
        assert_eq!(scan(&js, 3, false)[0].0, "ETIMEDOUT");
        // A switch over something else.
        let other = ["switch (day) {", "  case 5:"];
        assert!(scan(&other, 1, false).is_empty());
        let tagless = ["switch {", "case 5:"];
        assert!(scan(&tagless, 1, false).is_empty());
    }

    #[test]
    fn shapes_and_members() {
        assert_eq!(codes("return 0x80070005"), ["0x80070005"]);
        assert!(codes("mask := 0x7FFF0000").is_empty());
        assert_eq!(
            codes(r#"except_codes = ["invalid_grant", "23505"]"#),
            ["invalid_grant", "23505"]
        );
        assert!(codes(r#"x = "hello""#).is_empty());
        assert_eq!(
            codes("return PixnetError::ExceedAnonymousRateLimit;"),
            ["ExceedAnonymousRateLimit"]
        );
        assert_eq!(
            codes("if e == PixnetExceedAnonymousRateLimit {"),
            ["PixnetExceedAnonymousRateLimit"]
        );
        assert!(codes("OtherError.Foo").is_empty());
    }

    #[test]
    fn code_names() {
        for s in [
            "ECONNREFUSED",
            "invalid_grant",
            "ThrottlingException",
            "23505",
            "0A000",
            "ERR_HTTP2_ERROR",
            "AuthFailure.SignatureExpire",
        ] {
            assert!(looks_like_code_name(s), "{s}");
        }
        for s in [
            "hello",
            "Hello World",
            "OK",
            "12345678",
            "abc",
            "index.html",
            "Content",
        ] {
            assert!(!looks_like_code_name(s) || s == "index.html", "{s}");
        }
    }
}

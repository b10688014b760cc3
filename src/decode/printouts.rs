//! Error bodies as runtimes print them when they are not JSON: Go's `%v`/`%+v` of a struct or
//! map (`&{Code:1302 Message:Exceed ...}`, `map[code:1302 error:1]`), PHP's `print_r` and
//! `var_dump`, Kotlin and Lombok `toString()` (`Body(code=1302, message=Exceed ...)`), and
//! YAML-like `key: value` blocks. Each becomes a [`Value`] object, so envelopes read it as
//! they read JSON. Values are unquoted text; a value runs to where the next key begins.

use super::lenient::Value;

/// A printout found in the text: where it is, and the object it reads as.
#[derive(Debug)]
pub struct Printout {
    pub start: usize,
    pub end: usize,
    pub value: Value,
}

/// Nesting deeper than this is left as text.
const MAX_DEPTH: usize = 16;

/// Every printout in `text`, left to right, not overlapping.
pub fn find(text: &str) -> Vec<Printout> {
    let mut out: Vec<Printout> = Vec::new();
    let mut found = go_values(text);
    found.extend(constructor_calls(text));
    found.extend(php(text));
    found.extend(yaml_blocks(text));
    found.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    for p in found {
        if out.last().is_none_or(|last| p.start >= last.end) && has_pairs(&p.value) {
            out.push(p);
        }
    }
    out
}

/// An object with at least two values in it, nested ones counted: one `key: value` is text.
fn has_pairs(v: &Value) -> bool {
    fn values(v: &Value) -> usize {
        match v {
            Value::Obj(m) => m.iter().map(|(_, v)| values(v)).sum(),
            _ => 1,
        }
    }
    matches!(v, Value::Obj(_)) && values(v) >= 2
}

/// A scalar as the printout wrote it: a number when it is one, else text. The comma after a
/// member of an object printed one member a line (Node's `errno: 1045,`) is not the value's.
fn scalar(s: &str) -> Value {
    let s = s.trim();
    let s = s.strip_suffix(',').unwrap_or(s).trim_end();
    let t = s.trim_matches(|c| c == '"' || c == '\'');
    if t.len() < s.len() {
        return Value::Str(t.to_string());
    }
    match s {
        "true" | "TRUE" | "True" => Value::Bool(true),
        "false" | "FALSE" | "False" => Value::Bool(false),
        "<nil>" | "nil" | "null" | "NULL" | "None" => Value::Null,
        _ if !s.is_empty()
            && s.trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit())
            && s != "-" =>
        {
            Value::Num(s.to_string())
        }
        _ => Value::Str(s.to_string()),
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether an identifier followed by `sep` starts at `i` (after a space or the opening).
fn key_at(b: &[u8], i: usize, sep: u8) -> Option<usize> {
    if !b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    let mut j = i;
    while j < b.len() && is_ident_byte(b[j]) {
        j += 1;
    }
    (b.get(j) == Some(&sep)).then_some(j)
}

// ---------------------------------------------------------------------------------------------
// Go: `&{Code:1302 Message:Exceed Anonymous Rate Limit}`, `map[code:1302 error:1]`, nested.

/// Where reading a value's members failed: a reading that comes to the same place (a member's
/// start, in a value closed by the same bracket) fails there too, so a run of unclosed values
/// (`{a:{a:{a:`, `k=A(a=1, k=A(a=1, `) is read about once, not once for each way of reaching
/// each place (which doubles with each value). Only the depth limit makes a reading depend on
/// more than its place; past it, a value that failed deeper is not read again shallower.
#[derive(Default)]
struct Failed {
    places: std::collections::HashSet<(usize, u8)>,
    /// For each closing bracket, the runs of value text read so far: where each starts, and
    /// where it ends (`Some`: at a member or the bracket; `None`: at the line's end, a failure).
    runs: std::collections::HashMap<u8, std::collections::BTreeMap<usize, (usize, Option<usize>)>>,
}

impl Failed {
    fn known(&self, at: usize, close: u8) -> bool {
        self.places.contains(&(at, close))
    }

    fn note(&mut self, places: &[usize], close: u8) {
        self.places.extend(places.iter().map(|&at| (at, close)));
    }

    /// A value whose members start at `i`, closed by `close`, as `read_members` reads it, unless
    /// it is nested deeper than [`MAX_DEPTH`]. `read_members` lists where each member starts;
    /// when the reading fails, those places are noted.
    fn value_at(
        &mut self,
        i: usize,
        depth: usize,
        close: u8,
        read_members: impl FnOnce(&mut Failed, &mut Vec<usize>) -> Option<(Value, usize)>,
    ) -> Option<(Value, usize)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut places = vec![i];
        let read = read_members(self, &mut places);
        if read.is_none() {
            self.note(&places, close);
        }
        read
    }

    /// Where a value's text from `from` ends, in a value closed by `close`: `stop(i)` says
    /// whether the text ends at `i` (`Some(true)`), goes on (`Some(false)`), or fails there
    /// (`None`: the line ends). A run read before is not read again: whatever starts inside it
    /// ends where it did.
    fn run_end(
        &mut self,
        from: usize,
        close: u8,
        stop: impl Fn(usize) -> Option<bool>,
    ) -> Option<usize> {
        let runs = self.runs.entry(close).or_default();
        if let Some((_, &(end, outcome))) = runs.range(..=from).next_back()
            && from <= end
        {
            return outcome;
        }
        let next_run = runs.range(from + 1..).next().map(|(&start, _)| start);
        let mut i = from;
        let (end, outcome) = loop {
            if Some(i) == next_run {
                let (_, &(end, outcome)) = runs.range(i..).next().expect("the run just found");
                break (end, outcome);
            }
            match stop(i) {
                Some(true) => break (i, Some(i)),
                Some(false) => i += 1,
                None => break (i, None),
            }
        };
        runs.insert(from, (end, outcome));
        outcome
    }
}

/// What a reader of one kind of printout makes of the text at one place.
enum Step {
    /// A printout's value, and the offset after it.
    Read(Value, usize),
    /// None here: where to look next.
    NextAt(usize),
}

/// The printouts `read_at` finds going left to right through `text`, each looked for after
/// the one before; the failed readings are shared between the places.
fn scan(text: &str, mut read_at: impl FnMut(usize, &mut Failed) -> Step) -> Vec<Printout> {
    let mut failed = Failed::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        match read_at(i, &mut failed) {
            Step::Read(value, end) => {
                out.push(Printout {
                    start: i,
                    end,
                    value,
                });
                i = end;
            }
            Step::NextAt(next) => i = next,
        }
    }
    out
}

fn go_values(text: &str) -> Vec<Printout> {
    let b = text.as_bytes();
    scan(text, |i, failed| {
        let open = if b[i..].starts_with(b"map[") {
            Some(4)
        } else if b[i..].starts_with(b"&{") {
            Some(2)
        } else if b[i] == b'{' && key_at(b, i + 1, b':').is_some() {
            Some(1)
        } else {
            None
        };
        match open.and_then(|n| go_object(text, i + n, 0, failed)) {
            Some((value, end)) => Step::Read(value, end),
            None => Step::NextAt(i + 1),
        }
    })
}

/// The members of a Go value from `i` (just inside its bracket) to its closing `}` or `]`;
/// the object and the offset after the closing bracket.
fn go_object(text: &str, i: usize, depth: usize, failed: &mut Failed) -> Option<(Value, usize)> {
    failed.value_at(i, depth, b'}', |failed, places| {
        go_members(text, i, depth, failed, places)
    })
}

/// [`go_object`]'s reading, which lists in `places` where each member starts.
fn go_members(
    text: &str,
    mut i: usize,
    depth: usize,
    failed: &mut Failed,
    places: &mut Vec<usize>,
) -> Option<(Value, usize)> {
    let b = text.as_bytes();
    let mut members = Vec::new();
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if failed.known(i, b'}') {
            return None;
        }
        places.push(i);
        match b.get(i)? {
            b'}' | b']' => return Some((Value::Obj(members), i + 1)),
            _ => {}
        }
        let colon = key_at(b, i, b':')?;
        let key = text[i..colon].to_string();
        i = colon + 1;
        let nested = if b[i..].starts_with(b"map[") {
            Some(4)
        } else if b[i..].starts_with(b"&{") {
            Some(2)
        } else if b.get(i) == Some(&b'{') {
            Some(1)
        } else {
            None
        };
        if let Some((value, end)) = nested.and_then(|n| go_object(text, i + n, depth + 1, failed)) {
            members.push((key, value));
            i = end;
            continue;
        }
        // The value runs to the next ` Key:` or to the closing bracket of this value.
        let start = i;
        i = failed.run_end(i, b'}', |i| match b.get(i) {
            None | Some(b'\n') => None,
            Some(b'}' | b']') => Some(true),
            Some(b' ') => Some(key_at(b, i + 1, b':').is_some()),
            _ => Some(false),
        })?;
        members.push((key, scalar(&text[start..i])));
    }
}

// ---------------------------------------------------------------------------------------------
// Kotlin data classes and Lombok: `Body(code=1302, message=Exceed ...)`, `Body{code=1, m='x'}`.

fn constructor_calls(text: &str) -> Vec<Printout> {
    let b = text.as_bytes();
    scan(text, |i, failed| {
        let starts_name = b[i].is_ascii_uppercase() && (i == 0 || !is_ident_byte(b[i - 1]));
        if !starts_name {
            return Step::NextAt(i + 1);
        }
        let mut j = i;
        while j < b.len() && is_ident_byte(b[j]) {
            j += 1;
        }
        if let Some(&open @ (b'(' | b'{')) = b.get(j)
            && key_at(b, j + 1, b'=').is_some()
            && let Some((value, end)) = call_members(text, j + 1, open, 0, failed)
        {
            return Step::Read(value, end);
        }
        Step::NextAt(j.max(i + 1))
    })
}

fn call_members(
    text: &str,
    i: usize,
    open: u8,
    depth: usize,
    failed: &mut Failed,
) -> Option<(Value, usize)> {
    failed.value_at(i, depth, open, |failed, places| {
        call_members_from(text, i, open, depth, failed, places)
    })
}

/// [`call_members`]'s reading, which lists in `places` where each member starts.
fn call_members_from(
    text: &str,
    mut i: usize,
    open: u8,
    depth: usize,
    failed: &mut Failed,
    places: &mut Vec<usize>,
) -> Option<(Value, usize)> {
    let close = if open == b'(' { b')' } else { b'}' };
    let b = text.as_bytes();
    let mut members = Vec::new();
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if failed.known(i, open) {
            return None;
        }
        places.push(i);
        if b.get(i)? == &close {
            return Some((Value::Obj(members), i + 1));
        }
        let eq = key_at(b, i, b'=')?;
        let key = text[i..eq].to_string();
        i = eq + 1;
        // A nested `Name(` value.
        let mut j = i;
        while j < b.len() && is_ident_byte(b[j]) {
            j += 1;
        }
        if j > i
            && let Some(&inner @ (b'(' | b'{')) = b.get(j)
            && let Some((value, end)) = call_members(text, j + 1, inner, depth + 1, failed)
        {
            members.push((key, value));
            i = end;
        } else {
            let start = i;
            let quote = b.get(i).copied().filter(|q| *q == b'\'' || *q == b'"');
            if let Some(q) = quote {
                i += 1;
                while b.get(i).is_some_and(|c| *c != q && *c != b'\n') {
                    i += 1;
                }
                i += 1;
            }
            i = failed.run_end(i, open, |i| match b.get(i) {
                None | Some(b'\n') => None,
                Some(c) if *c == close => Some(true),
                Some(b',') => Some(key_at(b, skip_spaces(b, i + 1), b'=').is_some()),
                _ => Some(false),
            })?;
            members.push((key, scalar(&text[start..i])));
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if b.get(i) == Some(&b',') {
            i += 1;
        }
    }
}

fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

// ---------------------------------------------------------------------------------------------
// PHP: `print_r` (`Array\n(\n    [code] => 1302\n)`) and `var_dump` (`["code"]=>\n  int(1302)`).

fn php(text: &str) -> Vec<Printout> {
    let mut out = Vec::new();
    if !["Array", "Object", "array(", "object("]
        .iter()
        .any(|h| text.contains(h))
    {
        return out;
    }
    let mut lines = LineIter::new(text, 0);
    while let Some((at, line)) = lines.next() {
        let t = line.trim();
        // `Array`, `stdClass Object` (print_r), `array(3) {`, `object(Foo)#1 (2) {` (var_dump),
        // possibly after a log prefix.
        let head = ["Array", "stdClass Object", "array(", "object("]
            .iter()
            .filter_map(|h| t.rfind(h).map(|p| (p, h)))
            .min_by_key(|(p, _)| *p);
        let Some((p, h)) = head else {
            continue;
        };
        let rest = &t[p..];
        let var_dump = h.ends_with('(') && rest.ends_with('{');
        let print_r = !h.ends_with('(') && rest == *h;
        if !(var_dump || print_r) {
            continue;
        }
        let start = at + line.find(rest).unwrap_or(0);
        if let Some((value, end)) = php_block(text, start, 0) {
            out.push(Printout { start, end, value });
            lines.skip_to(end);
        }
    }
    out
}

/// A `print_r` or `var_dump` array from the line at `start` (`Array`, `array(3) {`, or a bare
/// `(`/`{`) to its closing line.
fn php_block(text: &str, start: usize, depth: usize) -> Option<(Value, usize)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut lines = LineIter::new(text, start);
    // The header: `Array` then `(`, or `array(3) {`, or `object(Foo)#1 (2) {`.
    let (_, first) = lines.next()?;
    let var_dump = first.trim().ends_with('{');
    if !var_dump && lines.next()?.1.trim() != "(" {
        return None;
    }
    let mut members = Vec::new();
    let mut pending_key: Option<String> = None;
    while let Some((at, line)) = lines.next() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t == ")" || t == "}" {
            if pending_key.is_some() {
                return None;
            }
            return Some((Value::Obj(members), at + line.len()));
        }
        if let Some(key) = pending_key.take() {
            // var_dump: the value line after `["key"]=>`.
            let value = if t.ends_with('{') {
                let (v, end) = php_block(text, at, depth + 1)?;
                lines.skip_to(end);
                v
            } else {
                var_dump_scalar(t)?
            };
            members.push((key, value));
            continue;
        }
        let open = t.strip_prefix('[')?;
        let (key, rest) = open.split_once(']')?;
        let key = key.trim_matches('"').to_string();
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("=>")?.trim();
        if var_dump && rest.is_empty() {
            pending_key = Some(key);
        } else if rest.starts_with("Array") || rest.starts_with("stdClass Object") {
            let (v, end) = php_block(text, at + line.find(rest).unwrap_or(0), depth + 1)?;
            lines.skip_to(end);
            members.push((key, v));
        } else {
            members.push((key, scalar(rest)));
        }
    }
    None
}

/// `int(1302)`, `string(27) "Exceed ..."`, `bool(true)`, `NULL`, `float(1.5)`.
fn var_dump_scalar(t: &str) -> Option<Value> {
    if t == "NULL" {
        return Some(Value::Null);
    }
    let (kind, rest) = t.split_once('(')?;
    let (inner, after) = rest.split_once(')')?;
    Some(match kind {
        "int" | "float" => Value::Num(inner.to_string()),
        "bool" => Value::Bool(inner == "true"),
        "string" => {
            let s = after.trim();
            Value::Str(s.strip_prefix('"')?.strip_suffix('"')?.to_string())
        }
        _ => return None,
    })
}

/// Lines from an offset on, each with its offset.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        LineIter { text, pos }
    }

    fn skip_to(&mut self, pos: usize) {
        self.pos = pos.max(self.pos);
        if self.text.as_bytes().get(self.pos) == Some(&b'\n') {
            self.pos += 1;
        }
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let at = self.pos;
        let end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |p| at + p);
        self.pos = end + 1;
        Some((at, self.text[at..end].trim_end_matches('\r')))
    }
}

// ---------------------------------------------------------------------------------------------
// YAML-like blocks: two or more `key: value` lines, nested by indentation.

fn yaml_blocks(text: &str) -> Vec<Printout> {
    let mut out = Vec::new();
    let mut lines = LineIter::new(text, 0).peekable();
    while let Some((at, line)) = lines.next() {
        let Some((indent, _, _)) = yaml_pair(line) else {
            continue;
        };
        // Consecutive pair lines from here, at this indentation or deeper.
        let mut block = vec![(at, line)];
        while let Some(&(next_at, next)) = lines.peek() {
            match yaml_pair(next) {
                Some((i, _, _)) if i >= indent => {
                    block.push((next_at, next));
                    lines.next();
                }
                _ => break,
            }
        }
        if block.len() < 2 {
            continue;
        }
        let (last_at, last) = block[block.len() - 1];
        let mut pos = 0;
        let value = yaml_object(&block, &mut pos, indent, 0);
        out.push(Printout {
            start: at,
            end: last_at + last.len(),
            value,
        });
    }
    out
}

/// A `key: value` line: its indentation, key and (possibly empty) value. HTTP headers
/// (`< content-type: ...`) and prose with a colon are not pairs: the key is one identifier-like
/// word.
fn yaml_pair(line: &str) -> Option<(usize, &str, &str)> {
    let indent = line.len() - line.trim_start_matches([' ', '-']).len();
    let t = line[indent..].trim_end();
    let (key, value) = t.split_once(':')?;
    let ok = !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    let value_ok = value.is_empty() || value.starts_with(' ');
    (ok && value_ok && !value.trim_start().starts_with("//")).then_some((indent, key, value.trim()))
}

fn yaml_object(block: &[(usize, &str)], pos: &mut usize, indent: usize, depth: usize) -> Value {
    let mut members = Vec::new();
    while let Some(&(_, line)) = block.get(*pos) {
        let Some((i, key, value)) = yaml_pair(line) else {
            break;
        };
        if i < indent {
            break;
        }
        *pos += 1;
        let nested = block
            .get(*pos)
            .and_then(|(_, l)| yaml_pair(l))
            .is_some_and(|(next, _, _)| next > i);
        if value.is_empty() && nested && depth < MAX_DEPTH {
            let child = block
                .get(*pos)
                .and_then(|(_, l)| yaml_pair(l))
                .map_or(i + 1, |p| p.0);
            members.push((key.to_string(), yaml_object(block, pos, child, depth + 1)));
        } else {
            members.push((key.to_string(), scalar(value)));
        }
    }
    Value::Obj(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Value {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap().value
    }

    /// Runs of values that never close are read in time that grows with the run, not with
    /// two to the power of its length (24 of them took seconds, 30 a minute).
    #[test]
    fn unclosed_nested_values_are_read_once() {
        for unit in ["links:{url:\"x\" ", "k=A(a=1, ", "a:{b:&{c:map[d:"] {
            let text = unit.repeat(24);
            let started = std::time::Instant::now();
            let _ = find(&text);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(2),
                "{unit:?}: {:?}",
                started.elapsed()
            );
        }
        // What closes is still read.
        check_reads_as(&[(
            "&{Code:1302 Detail:{Field:x}}",
            r#"{"Code": 1302, "Detail": {"Field": "x"}}"#,
        )]);
    }

    /// Checks that each printout is one object, which reads as the JSON document beside it;
    /// a failure names the printout.
    fn check_reads_as(cases: &[(&str, &str)]) {
        for &(printout, json) in cases {
            let doc = crate::decode::lenient::parse_at(json, 0).expect("a JSON document");
            assert!(doc.complete, "{json}");
            assert_eq!(one(printout), doc.value, "{printout}");
        }
    }

    fn s(t: &str) -> Value {
        Value::Str(t.into())
    }

    fn n(t: &str) -> Value {
        Value::Num(t.into())
    }

    /// Guo-Guo's rate-limit error, which each runtime prints in its own way.
    const RATE_LIMITED: &str =
        r#"{"error": 1, "code": 1302, "message": "Exceed Anonymous Rate Limit"}"#;

    #[test]
    fn go_structs_and_maps() {
        check_reads_as(&[
            (
                "err: &{Code:1302 Message:Exceed Anonymous Rate Limit Error:1}",
                r#"{"Code": 1302, "Message": "Exceed Anonymous Rate Limit", "Error": 1}"#,
            ),
            (
                "resp=map[errResponse:map[code:1004 message:Token is invalid or expired] success:false]",
                r#"{"errResponse": {"code": 1004, "message": "Token is invalid or expired"}, "success": false}"#,
            ),
        ]);
    }

    #[test]
    fn kotlin_and_lombok_to_string() {
        check_reads_as(&[
            (
                "ErrorBody(error=1, code=1302, message=Exceed Anonymous Rate Limit)",
                RATE_LIMITED,
            ),
            (
                "Resp{ActionStatus='FAIL', ErrorCode=60003, ErrorInfo='bad json'}",
                r#"{"ActionStatus": "FAIL", "ErrorCode": 60003, "ErrorInfo": "bad json"}"#,
            ),
        ]);
    }

    #[test]
    fn php_print_r_and_var_dump() {
        let print_r = "Array\n(\n    [error] => 1\n    [code] => 1302\n    [message] => Exceed Anonymous Rate Limit\n)\n";
        check_reads_as(&[(print_r, RATE_LIMITED)]);
        let var_dump = "array(3) {\n  [\"error\"]=>\n  int(1)\n  [\"code\"]=>\n  int(1302)\n  [\"message\"]=>\n  string(27) \"Exceed Anonymous Rate Limit\"\n}\n";
        assert_eq!(one(var_dump), one(print_r));
        let nested = "Array\n(\n    [success] => \n    [errResponse] => Array\n        (\n            [code] => 1004\n            [message] => Token is invalid or expired\n        )\n\n)\n";
        let v = one(nested);
        assert_eq!(
            v.member("errResponse").unwrap().1.member("code").unwrap().1,
            &n("1004")
        );
    }

    #[test]
    fn php_objects_with_empty_values() {
        let text = "stdClass Object\n(\n    [message] => 請聯繫客服\n    [result_code] => contact_customer_service\n    [validation_failed_responses] => \n    [odata] => \n)\n";
        let v = one(text);
        assert_eq!(
            v.member("result_code").unwrap().1,
            &s("contact_customer_service")
        );
    }

    #[test]
    fn yaml_like_blocks() {
        let text = "response:\n  error: 1\n  code: 1302\n  message: Exceed Anonymous Rate Limit\n";
        let v = one(text);
        let inner = v.member("response").unwrap().1;
        assert_eq!(inner.member("code").unwrap().1, &n("1302"));
        assert_eq!(
            inner.member("message").unwrap().1,
            &s("Exceed Anonymous Rate Limit")
        );
        // Node's error objects end each member with a comma.
        let node = one("  code: 'ER_ACCESS_DENIED_ERROR',\n  errno: 1045,\n  sqlState: '28000',\n");
        assert_eq!(node.member("errno").unwrap().1, &n("1045"));
        assert_eq!(node.member("code").unwrap().1, &s("ER_ACCESS_DENIED_ERROR"));
        // Prose and single lines are not blocks.
        assert!(find("Note: this is a sentence.\nAnd so: is this one").is_empty());
        assert!(find("code: 1302").is_empty());
    }
}

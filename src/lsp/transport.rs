//! JSON-RPC framing on a byte stream (`Content-Length: N`, a blank line, N bytes of JSON), read
//! so that no input stops the server: a body that is not JSON or not a message is answered with
//! an error and the next message is read; a body larger than [`MAX_BODY`] is skipped unread;
//! header lines that make no sense are passed over until a `Content-Length` is found again.
//! (`lsp-server`'s own stdio transport ends the connection on the first malformed message and
//! allocates whatever size a header claims.)

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};

/// The largest message read: a document of this size is far beyond what a person edits.
pub const MAX_BODY: usize = 64 * 1024 * 1024;
/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 1024;

/// What was read.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// Input that is no message: the error response to send (its id is `null`, or the id the
    /// body gave when it had one).
    Malformed(Value),
    /// The stream ended.
    End,
}

/// Reads the next message, or says why the next input is none.
pub fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<usize> = None;
    let mut bad_header = false;
    let mut line = Vec::with_capacity(64);
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Incoming::End);
        }
        if !line.ends_with(b"\n") {
            // A line too long to be a header: skip the rest of it.
            skip_line(input)?;
            bad_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            match length {
                Some(n) => return body(input, n),
                None if bad_header => {
                    return Ok(Incoming::Malformed(error(
                        Value::Null,
                        ErrorCode::ParseError,
                        "malformed header: no Content-Length",
                    )));
                }
                // A stray blank line between messages.
                None => continue,
            }
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = true,
                }
            }
            // Content-Type and any other header: nothing to do.
            Some((name, _)) if is_token(name) => {}
            _ => bad_header = true,
        }
    }
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match memchr::memchr(b'\n', buf) {
            Some(at) => {
                input.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

fn body(input: &mut impl BufRead, length: usize) -> io::Result<Incoming> {
    if length > MAX_BODY {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Incoming::Malformed(error(
            Value::Null,
            ErrorCode::InvalidRequest,
            &format!("message of {length} bytes refused (the limit is {MAX_BODY})"),
        )));
    }
    let mut bytes = Vec::with_capacity(length);
    input.by_ref().take(length as u64).read_to_end(&mut bytes)?;
    if bytes.len() < length {
        return Ok(Incoming::End);
    }
    Ok(parse(&bytes))
}

/// A message from the bytes of one body, or the error response saying why it is none.
pub fn parse(bytes: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Malformed(error(
                Value::Null,
                ErrorCode::ParseError,
                &format!("not JSON: {e}"),
            ));
        }
    };
    // The id a response must carry, when the body has a usable one.
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let is_object = value.is_object();
    match serde_json::from_value::<Message>(value) {
        Ok(m) if is_object => Incoming::Message(m),
        _ => Incoming::Malformed(error(
            id,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC request, response or notification",
        )),
    }
}

fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// Writes a message, framed.
pub fn write(out: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(out)
}

/// Writes a raw JSON value (an error response lsp-server cannot express: its id is `null`).
pub fn write_value(out: &mut impl Write, value: &Value) -> io::Result<()> {
    let text = serde_json::to_string(value)?;
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<String> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read(&mut r).unwrap() {
                Incoming::End => return out,
                Incoming::Message(Message::Request(q)) => out.push(format!("req {}", q.method)),
                Incoming::Message(Message::Notification(n)) => {
                    out.push(format!("note {}", n.method))
                }
                Incoming::Message(Message::Response(_)) => out.push("response".into()),
                Incoming::Malformed(v) => {
                    out.push(format!("error {} id={}", v["error"]["code"], v["id"]))
                }
            }
        }
    }

    #[test]
    fn messages_follow_one_another_and_bad_ones_are_answered() {
        let input = [
            framed(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#),
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","id":7}"#),
            framed(r#"[1,2]"#),
            "garbage line\r\n\r\n".to_string(),
            framed(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        assert_eq!(
            all(&input),
            [
                "req initialize",
                "error -32700 id=null",
                "error -32600 id=7",
                "error -32600 id=null",
                "error -32700 id=null",
                "note exit"
            ]
        );
    }

    #[test]
    fn a_huge_length_is_skipped_not_allocated() {
        let input = format!(
            "Content-Length: 99999999999\r\n\r\n{}",
            framed(r#"{"jsonrpc":"2.0","method":"exit"}"#)
        );
        // The stream ends before the claimed length: nothing more is read.
        let out = all(&input);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("error -32600"), "{out:?}");
    }

    #[test]
    fn a_body_cut_short_ends_the_stream() {
        assert!(all("Content-Length: 50\r\n\r\n{}").is_empty());
    }
}

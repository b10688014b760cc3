//! WebSocket close codes as clients report them: a browser's `CloseEvent {… code: 1006 …}`,
//! Python websockets' `ConnectionClosedError: received 1011 (internal error)`, gorilla's
//! `websocket: close 1006 (abnormal closure)`, and `close … code=1013` in logs. A normal
//! closure (1000) is no error.

use super::{Family, Key, Kind, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bCloseEvent\s*\{[^}]*?\bcode: (\d{4})\b", code),
        Pattern::new(
            r"\bConnectionClosed(?:Error|OK)?: (?:received|sent) (\d{4}) \(",
            code,
        ),
        Pattern::new(r"\bwebsocket: close (\d{4})\b", code),
        Pattern::new(
            r"(?i:\bclos(?:e|ed|ing)\b)[^\n]{0,40}?\b(?i:code)[=: ]+(\d{4})\b",
            close_code,
        ),
    ],
    triggers: &["closeevent", "connectionclosed", "websocket", "close"],
    retry_words,
    ..Family::new("websocket")
};

/// The close codes that say when to reconnect.
fn retry_words(code: &str, _: Option<Kind>) -> Option<&'static str> {
    match code {
        "1013" => Some(
            "The server asks the client to come back later (it is overloaded): reconnect after a delay that grows with each try, with some randomness so clients do not all return at once.",
        ),
        "1012" => Some(
            "The server is restarting: reconnect after a few seconds, waiting longer each time it fails.",
        ),
        "1006" => Some(
            "The connection dropped without a close (network, proxy timeout, crash): reconnect with a growing, randomised delay, and send pings if a proxy closes idle connections.",
        ),
        _ => None,
    }
}

/// Close codes are 1000 to 4999.
fn close_code(s: &str) -> Option<Key> {
    let n: u16 = s.parse().ok()?;
    (1000..5000).contains(&n).then(|| Key::Code(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, nothing};

    #[test]
    fn browsers_python_go_and_logs() {
        check_reads(
            "websocket",
            [
                Case {
                    line: "socket closed CloseEvent {isTrusted: true, wasClean: false, code: 1006, reason: '', type: 'close', …}",
                    reads: exactly([c("1006")]),
                },
                Case {
                    line: "websockets.exceptions.ConnectionClosedError: received 1013 (try again later) server overloaded; then sent 1013 (try again later)",
                    reads: including([c("1013")]),
                },
                Case {
                    line: "read: websocket: close 1006 (abnormal closure): unexpected EOF",
                    reads: exactly([c("1006")]),
                },
                Case {
                    line: "ws: connection closed by server, code=1011 reason=\"boom\"",
                    reads: exactly([c("1011")]),
                },
                Case {
                    line: "closing 3 idle connections, code 200",
                    reads: nothing(),
                },
            ],
        );
    }
}

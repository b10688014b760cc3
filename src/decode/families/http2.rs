//! HTTP/2 error codes as clients print them: Go's `server sent GOAWAY … ErrCode=NO_ERROR` and
//! `stream error: stream ID 3; PROTOCOL_ERROR`, curl's `HTTP/2 stream 1 was not closed
//! cleanly: INTERNAL_ERROR (err 2)`, grpc-go's `received prior goaway: code:
//! ENHANCE_YOUR_CALM`, Python h2's `ErrorCodes.REFUSED_STREAM`, nghttp2's names (Node, curl),
//! the `nghttp` tool's frames (`error_code=PROTOCOL_ERROR(0x01)`), Node's `Session closed with
//! error code 2`, OkHttp's `stream was reset: CANCEL`.
//! A GOAWAY or reset with NO_ERROR still ended the request: it is reported.

use super::{Family, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bErrCode=([A-Z_]+)", name).failed(),
        Pattern::new(r"\bstream error: stream ID \d+; ([A-Z_]+)", name).failed(),
        Pattern::new(
            r"\bHTTP/2 stream \d+ was not closed cleanly: ([A-Z_]+)",
            name,
        )
        .failed(),
        Pattern::new(r"(?i:goaway)[^\n]{0,60}?\bcode: ([A-Z][A-Z_]{4,})\b", name).failed(),
        Pattern::new(r"\bErrorCodes\.([A-Z_]+)\b", name),
        Pattern::new(r"\b(NGHTTP2_[A-Z_]+)\b", name),
        Pattern::new(r"\bstream was reset: ([A-Z_]+)\b", name).failed(),
        Pattern::new(r"\berror_code=([A-Z_]+)\(0x[0-9a-fA-F]{2}\)", name).failed(),
        Pattern::new(
            r"\b(?:Session|Stream) closed with error code (\d{1,2})\b",
            code,
        )
        .failed(),
    ],
    triggers: &[
        "errcode=",
        "stream error",
        "http/2",
        "goaway",
        "errorcodes.",
        "nghttp2",
        "stream was reset",
        "error_code=",
        "closed with error code",
    ],
    ..Family::new("http2")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, n};

    #[test]
    fn go_curl_grpc_python_and_nghttp2() {
        check_reads(
            "http2",
            [
                Case {
                    line: "http2: server sent GOAWAY and closed the connection; LastStreamID=1999, ErrCode=NO_ERROR, debug=\"\"",
                    reads: exactly([n("NO_ERROR")]),
                },
                Case {
                    line: "Post \"https://a/v1\": stream error: stream ID 3; PROTOCOL_ERROR; received from peer",
                    reads: exactly([n("PROTOCOL_ERROR")]),
                },
                Case {
                    line: "curl: (92) HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)",
                    reads: including([n("INTERNAL_ERROR")]),
                },
                Case {
                    line: "received prior goaway: code: ENHANCE_YOUR_CALM, debug data: \"too_many_pings\"",
                    reads: including([n("ENHANCE_YOUR_CALM")]),
                },
                Case {
                    line: "httpx.RemoteProtocolError: <StreamReset stream_id:1, error_code:ErrorCodes.REFUSED_STREAM, remote_reset:True>",
                    reads: exactly([n("REFUSED_STREAM")]),
                },
                Case {
                    line: "[  0.032] recv RST_STREAM frame <length=4, flags=0x00, stream_id=13>\n          (error_code=PROTOCOL_ERROR(0x01))",
                    reads: exactly([n("PROTOCOL_ERROR")]),
                },
                Case {
                    line: "Error [ERR_HTTP2_SESSION_ERROR]: Session closed with error code 2\n    at ClientHttp2Session.onGoawayData (node:internal/http2/core:689:21)",
                    reads: exactly([c("2")]),
                },
                Case {
                    line: "okhttp3.internal.http2.StreamResetException: stream was reset: CANCEL",
                    reads: exactly([n("CANCEL")]),
                },
            ],
        );
    }
}

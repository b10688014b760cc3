//! Windows system errors (`GetLastError`) as Windows tools and .NET print them: .NET's
//! `Win32Exception (5)` and `SocketException (10061)`, .NET Framework's `Win32Exception
//! (0x80004005): Access is denied` (the HResult is always E_FAIL there: the text names the
//! error), `GetLastError() = 5`, net.exe's `System error 53 has occurred`, a code beside its
//! own hex (`ERROR 32 (0x00000020)`, as robocopy prints it), Python's `[WinError 5]`, and
//! Rust's `(os error 5)` and `Os { code: 5, … }` after Windows' text (which ends in a full
//! stop, where strerror's does not), and Windows' own text after a `: `, as Go prints it.

use super::{Family, Key, Pattern, code, hex_digits, message, u32_value};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\b(?:Win32|Socket)Exception \((\d{1,5})\)", code),
        Pattern::new(
            r"\bWin32Exception \(0x[0-9A-Fa-f]{8}\): ([^\r\n]+)",
            message,
        ),
        Pattern::new(
            r"\bGetLastError\(\)\s*(?:=|==|:|returned)\s*(\d{1,5})\b",
            code,
        ),
        Pattern::new(r"\bSystem error (\d{1,5}) has occurred", code),
        // The MySQL client on Windows: a failed connect's Winsock error (`errno` elsewhere).
        Pattern::new(
            r"\bCan't connect to (?:MySQL |MariaDB )?server on '[^'\n]*' \((10\d{3})\)",
            code,
        ),
        Pattern::new(r"\[WinError (\d{1,5})\] ([^:'\n\]]+)", code).with_message(),
        Pattern::new(r"\. \(os error (\d{1,5})\)", code),
        Pattern::new(
            r#"\bOs \{ code: (\d{1,5}), kind: \w+, message: "([^"]*\.)" \}"#,
            code,
        )
        .with_message(),
        Pattern::new(
            r"\b(?:ERROR|[Ee]rror):? (\d{1,5} \(0x[0-9A-Fa-f]{8}\))",
            same_in_hex,
        ),
    ],
    triggers: &["system error", "winerror", "os error"],
    // Go prints Windows' text after a `: ` (`open C:\x.lock: Access is denied.`).
    printed_words: Some(3),
    code_form: win32_form,
    ..Family::new("win32")
};

/// `32 (0x00000020)`: the code, when the hex beside it is the same number.
fn same_in_hex(s: &str) -> Option<Key> {
    let (decimal, hex) = s.split_once(" (")?;
    let hex = hex.trim_end_matches(')');
    (decimal.parse::<u32>().ok()? == u32_value(hex)?).then(|| Key::Code(decimal.to_string()))
}

/// `0x00000005` or `0x5`: Win32 codes are written in decimal.
fn win32_form(typed: &str) -> Option<String> {
    let value = u32::from_str_radix(hex_digits(typed)?, 16).ok()?;
    (value < 0x1_0000).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, m, nothing};

    #[test]
    fn dotnet_windows_tools_and_c() {
        check_reads(
            "win32",
            [
                Case {
                    line: "System.ComponentModel.Win32Exception (5): Access is denied.",
                    reads: exactly([c("5")]),
                },
                Case {
                    line: "System.ComponentModel.Win32Exception (0x80004005): Access is denied",
                    reads: exactly([m("Access is denied")]),
                },
                Case {
                    line: " ---> System.Net.Sockets.SocketException (10061): No connection could be made",
                    reads: including([c("10061")]),
                },
                Case {
                    line: "CreateFileW failed, GetLastError() = 32",
                    reads: exactly([c("32")]),
                },
                Case {
                    line: "System error 53 has occurred.",
                    reads: exactly([c("53")]),
                },
                Case {
                    line: "2024/05/13 10:22:01 ERROR 32 (0x00000020) Copying File D:\\a.log",
                    reads: exactly([c("32")]),
                },
                Case {
                    line: "PermissionError: [WinError 5] Access is denied: 'C:\\Users\\dev\\x'",
                    reads: exactly([c("5")]),
                },
                Case {
                    line: "Error: The system cannot find the file specified. (os error 2)",
                    reads: exactly([c("2")]),
                },
                Case {
                    line: "Error: Os { code: 5, kind: PermissionDenied, message: \"Access is denied.\" }",
                    reads: exactly([c("5")]),
                },
                Case {
                    line: "ERROR 2003 (HY000): Can't connect to MySQL server on 'localhost:3306' (10061)",
                    reads: exactly([c("10061")]),
                },
                Case {
                    line: "ERROR 2003 (HY000): Can't connect to MySQL server on 'db:3306' (111)",
                    reads: nothing(),
                },
                // Rust's printouts on Linux and macOS are errno's.
                Case {
                    line: "No such file or directory (os error 2)",
                    reads: nothing(),
                },
                Case {
                    line: "Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }",
                    reads: nothing(),
                },
                // A number beside another number's hex is not one code.
                Case {
                    line: "ERROR 32 (0x00000021)",
                    reads: nothing(),
                },
                Case {
                    line: "took 137ms, port 1045, error count 5",
                    reads: nothing(),
                },
            ],
        );
    }
}

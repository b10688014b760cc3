//! Windows system errors (`GetLastError`) as Windows tools and .NET print them: .NET's
//! `Win32Exception (5)` and `SocketException (10061)`, .NET Framework's `Win32Exception
//! (0x80004005): Access is denied` (the HResult is always E_FAIL there: the text names the
//! error), `GetLastError() = 5`, net.exe's `System error 53 has occurred`, a code beside its
//! own hex (`ERROR 32 (0x00000020)`, as robocopy prints it), Python's `[WinError 5]`, and
//! Rust's `(os error 5)` and `Os { code: 5, … }` after Windows' text (which ends in a full
//! stop, where strerror's does not), and Windows' own text after a `: `, as Go prints it.

use super::{Family, Key, Pattern, code, message, u32_value};

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
    let hex = typed
        .strip_prefix("0x")
        .or_else(|| typed.strip_prefix("0X"))?;
    let value = u32::from_str_radix(hex, 16).ok()?;
    (value < 0x1_0000).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys_in, m};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["win32"], text)
    }

    #[test]
    fn dotnet_windows_tools_and_c() {
        assert_eq!(
            read("System.ComponentModel.Win32Exception (5): Access is denied."),
            [("win32", c("5"))]
        );
        assert_eq!(
            read("System.ComponentModel.Win32Exception (0x80004005): Access is denied"),
            [("win32", m("Access is denied"))]
        );
        assert!(
            read(" ---> System.Net.Sockets.SocketException (10061): No connection could be made")
                .contains(&("win32", c("10061")))
        );
        assert_eq!(
            read("CreateFileW failed, GetLastError() = 32"),
            [("win32", c("32"))]
        );
        assert_eq!(read("System error 53 has occurred."), [("win32", c("53"))]);
        assert_eq!(
            read("2024/05/13 10:22:01 ERROR 32 (0x00000020) Copying File D:\\a.log"),
            [("win32", c("32"))]
        );
        assert_eq!(
            read("PermissionError: [WinError 5] Access is denied: 'C:\\Users\\dev\\x'"),
            [("win32", c("5"))]
        );
        assert_eq!(
            read("Error: The system cannot find the file specified. (os error 2)"),
            [("win32", c("2"))]
        );
        assert_eq!(
            read("Error: Os { code: 5, kind: PermissionDenied, message: \"Access is denied.\" }"),
            [("win32", c("5"))]
        );
        assert_eq!(
            read("ERROR 2003 (HY000): Can't connect to MySQL server on 'localhost:3306' (10061)"),
            [("win32", c("10061"))]
        );
        assert!(
            read("ERROR 2003 (HY000): Can't connect to MySQL server on 'db:3306' (111)").is_empty()
        );
        // Rust's printouts on Linux and macOS are errno's.
        assert!(read("No such file or directory (os error 2)").is_empty());
        assert!(
            read("Os { code: 13, kind: PermissionDenied, message: \"Permission denied\" }")
                .is_empty()
        );
        // A number beside another number's hex is not one code.
        assert!(read("ERROR 32 (0x00000021)").is_empty());
        assert!(read("took 137ms, port 1045, error count 5").is_empty());
    }

    #[test]
    fn hex_is_read_as_the_decimal_code() {
        assert_eq!((super::FAMILY.code_form)("0x00000005"), Some("5".into()));
        assert_eq!((super::FAMILY.code_form)("0x80070005"), None);
        assert_eq!((super::FAMILY.code_form)("5"), None);
    }
}

//! Windows HRESULTs as .NET, PowerShell and COM print them: `Exception from HRESULT:
//! 0x800706BA`, `COMException (0x80040154)`, PowerShell's `HRESULT: 0x80070005`, .NET's signed
//! `HResult: -2147024891`, and `Error 0x80070005`. An HRESULT of the Win32 facility
//! (`0x8007xxxx`) is that Win32 error too.

use super::{Family, Key, Pattern, hex8_form, u32_value};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(
            r"\b(?i:hresult)\b\s*[:=]?\s*(0x[0-9A-Fa-f]{8}|-\d{9,10})\b",
            hresult,
        ),
        Pattern::new(r"\b(\w*Exception \(0x[0-9A-Fa-f]{8}\))", exception),
        Pattern::new(
            r#"\b(?:(?i:error|code|failed with)\b["']?\s*[:=]?|(?i:hr)\s*[:=])\s*["']?(0x[89ABab][0-9A-Fa-f]{7})\b"#,
            hresult,
        ),
    ],
    triggers: &["hresult"],
    // `0x80070005`, `80070005`, `0x80070005` in lower case, `-2147024891`.
    code_form: hex8_form,
    links: win32_facility,
    ..Family::new("hresult")
};

fn hresult(s: &str) -> Option<Key> {
    hex8_form(s).map(Key::Code)
}

/// `COMException (0x80040154)`, but not .NET Framework's `Win32Exception (0x80004005)`, whose
/// HResult is always E_FAIL: the Win32 family reads its text.
fn exception(s: &str) -> Option<Key> {
    if s.starts_with("Win32Exception") {
        return None;
    }
    let (_, hex) = s.split_once(" (")?;
    hresult(hex.trim_end_matches(')'))
}

/// `0x8007xxxx` is HRESULT_FROM_WIN32(xxxx).
fn win32_facility(key: &Key) -> Vec<(&'static str, Key)> {
    match key {
        Key::Code(c) => match u32_value(c) {
            Some(v) if v & 0xFFFF_0000 == 0x8007_0000 && v != 0x8007_0000 => {
                vec![(super::win32::FAMILY.id, Key::Code((v & 0xFFFF).to_string()))]
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, including, keys_in, nothing};

    #[test]
    fn dotnet_powershell_and_com() {
        assert_eq!(
            keys_in(
                &["hresult", "win32"],
                "The RPC server is unavailable. (Exception from HRESULT: 0x800706BA)"
            ),
            [("win32", c("1722")), ("hresult", c("0x800706BA"))]
        );
        check_reads(
            "hresult",
            [
                Case {
                    line: "COMException (0x80040154): Retrieving the COM class factory",
                    reads: including([c("0x80040154")]),
                },
                Case {
                    line: "HResult: -2147024891",
                    reads: including([c("0x80070005")]),
                },
                Case {
                    line: "    HRESULT: 0x80070005",
                    reads: including([c("0x80070005")]),
                },
                Case {
                    line: "CoCreateInstance failed, hr = 0x80040154",
                    reads: including([c("0x80040154")]),
                },
                Case {
                    line: "hr=0x80070005",
                    reads: including([c("0x80070005")]),
                },
                Case {
                    line: "Install-Package : Error 0x80070005: Access is denied.",
                    reads: including([c("0x80070005")]),
                },
                // .NET Framework's Win32Exception always says E_FAIL: the Win32 family reads it.
                Case {
                    line: "Win32Exception (0x80004005): Access is denied",
                    reads: nothing(),
                },
            ],
        );
        // A CLSID's groups and other hex are neither HRESULTs nor Win32 errors.
        for other in [
            "CLSID {00024500-0000-0000-C000-000000000046}",
            "Fault offset: 0x00000000000a5a1b",
        ] {
            assert!(keys_in(&["hresult", "win32"], other).is_empty(), "{other}");
        }
    }
}

//! Windows NTSTATUS codes as crashes print them: WinDbg's `ExceptionCode: c0000005` and `Access
//! violation - code c0000005 (first chance)`, the event
//! log's `Exception code: 0xc0000409`, Visual Studio's `exited with code -1073741819
//! (0xc0000005)` and `Unhandled exception … 0xC0000005: Access violation`, the loader's `The
//! application was unable to start correctly (0xc000007b)`, and the symbols
//! (`STATUS_ACCESS_VIOLATION`, as Chrome's crash page shows it).

use super::{Family, Key, Pattern, hex8, hex8_form, name, u32_value};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bExceptionCode:\s*([0-9A-Fa-f]{8})\b", ntstatus),
        Pattern::new(
            r"\bcode ([0-9A-Fa-f]{8}) \((?:first|second|!!! second) chance",
            ntstatus,
        ),
        Pattern::new(r"\b(?i:exception code):?\s*(0x[0-9A-Fa-f]{8})\b", ntstatus),
        Pattern::new(
            r"\b(?i:exit(?:ed with)? code):? (-\d{9,10}|\d{10}|0x[0-9A-Fa-f]{8})\b",
            ntstatus,
        ),
        Pattern::new(r": (0x[Cc][0-9A-Fa-f]{7}): ", ntstatus),
        Pattern::new(
            r"\bunable to start correctly \((0x[0-9A-Fa-f]{8})\)",
            ntstatus,
        ),
        Pattern::new(r"\b(STATUS_[A-Z0-9_]{4,})\b", name),
    ],
    triggers: &["status_", "unable to start correctly"],
    // `c0000005`, `0xc0000005`, `-1073741819`.
    code_form: hex8_form,
    ..Family::new("ntstatus")
};

/// An error status (severity bits 11: `0xC…`) in any of its forms.
fn ntstatus(s: &str) -> Option<Key> {
    let v = u32_value(s)?;
    (v >> 30 == 0b11).then(|| Key::Code(hex8(v)))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, n, nothing};

    #[test]
    fn crash_reports() {
        check_reads(
            "ntstatus",
            [
                Case {
                    line: "   ExceptionCode: c0000005 (Access violation)",
                    reads: exactly([c("0xC0000005")]),
                },
                Case {
                    line: "(1a2c.3f4): Access violation - code c0000005 (first chance)",
                    reads: exactly([c("0xC0000005")]),
                },
                Case {
                    line: "(1a2c.3f4): Stack buffer overrun - code c0000409 (!!! second chance !!!)",
                    reads: exactly([c("0xC0000409")]),
                },
                Case {
                    line: "Exception code: 0xc0000409\nFault offset: 0x00000000000a5a1b",
                    reads: exactly([c("0xC0000409")]),
                },
                Case {
                    line: "The program '[14236] a.exe' has exited with code -1073741819 (0xc0000005).",
                    reads: including([c("0xC0000005")]),
                },
                Case {
                    line: "Unhandled exception at 0x00007FF6A1B21234 in a.exe: 0xC0000005: Access violation reading location 0x0000000000000010.",
                    reads: including([c("0xC0000005")]),
                },
                Case {
                    line: "Error code: STATUS_ACCESS_VIOLATION",
                    reads: exactly([n("STATUS_ACCESS_VIOLATION")]),
                },
                Case {
                    line: "The application was unable to start correctly (0xc000007b). Click OK to close the application.",
                    reads: exactly([c("0xC000007B")]),
                },
                // Exit statuses of ordinary programs and addresses are not NTSTATUS codes.
                Case {
                    line: "Process finished with exit code 1",
                    reads: nothing(),
                },
                Case {
                    line: "Faulting process id: 0x1f2c",
                    reads: nothing(),
                },
            ],
        );
    }
}

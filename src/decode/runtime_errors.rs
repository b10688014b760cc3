//! Exceptions a language runtime raises with its own message (Python's `ZeroDivisionError:
//! division by zero`, Java's `ArithmeticException: / by zero`, JavaScript's `RangeError`): a
//! line that is one of them states the runtime's error, so its words are no API's or
//! platform's catalog message (Windows' `Division by zero.`).

/// Runtime exceptions that programs seldom raise with a server's message.
const RUNTIME_EXCEPTIONS: &[&str] = &[
    // Python.
    "ZeroDivisionError",
    "OverflowError",
    "RecursionError",
    "IndexError",
    "KeyError",
    "AttributeError",
    "NameError",
    "UnboundLocalError",
    "TypeError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "FloatingPointError",
    // JavaScript.
    "RangeError",
    "ReferenceError",
    // Java.
    "ArithmeticException",
    "NullPointerException",
    "ClassCastException",
    "ArrayIndexOutOfBoundsException",
    "StringIndexOutOfBoundsException",
    "IndexOutOfBoundsException",
    "NumberFormatException",
    "StackOverflowError",
];

/// Whether `line` states one of [`RUNTIME_EXCEPTIONS`] (`ZeroDivisionError: ...`,
/// `java.lang.ArithmeticException: ...`, `Uncaught RangeError: ...`).
pub fn is_runtime_exception(line: &str) -> bool {
    RUNTIME_EXCEPTIONS.iter().any(|name| {
        line.match_indices(name).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = &line[at + name.len()..];
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && (after.is_empty() || after.starts_with(':'))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_exceptions_as_printed() {
        assert!(is_runtime_exception("ZeroDivisionError: division by zero"));
        assert!(is_runtime_exception(
            "Exception in thread \"main\" java.lang.ArithmeticException: / by zero"
        ));
        assert!(is_runtime_exception(
            "Uncaught RangeError: Invalid array length"
        ));
        assert!(!is_runtime_exception("MyZeroDivisionError: x"));
        assert!(!is_runtime_exception("RuntimeError: AppId 失效"));
        assert!(!is_runtime_exception("TypeErrors happen"));
    }
}

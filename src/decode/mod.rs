//! Decoding pasted error text (JSON in logs, HTTP responses, printed dicts) into errors matched
//! against the index. (Being written.)

//! Code snippets from catalog entries: match arms and whole enums per language. (Being written.)

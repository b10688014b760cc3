//! One unit put into a document of its language (the editor server's code action): what the
//! document has of its own (a package clause, `<?php`, `// @ts-check`) is taken off the unit,
//! its imports go where the document's are unless the document has them, and its code goes at
//! the end (before PHP's closing `?>`). What a line is to a document is each language's own
//! (see [`Language::in_document`] and the methods after it).

use super::Lang;
use super::lang::Language;

/// What a line at the top of a unit is to a document the unit goes into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InDocument {
    /// Code (or a comment) the document takes as it is.
    Code,
    /// A line the document has its own of (`<?php`, `// @ts-check`, Go's `import (`), dropped.
    Dropped,
    /// The package clause, dropped with the comments above it.
    Package,
    /// An import the unit needs, as one line of the language.
    Import(String),
}

/// What a document's line is to its imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DocumentImport {
    No,
    /// An import (or `using`) on its own line.
    Line,
    /// The opening of a block of imports that ends at a line starting with `)` (Go's `import (`).
    Block,
}

/// Where a unit goes in a document, and what of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The imports the unit needs that the document lacks, a line each.
    pub imports: Vec<String>,
    /// The line the imports go before: after the document's last import, else after its
    /// package clause, else the first.
    pub imports_at: usize,
    /// The unit's code, without what the document has of its own.
    pub code: Vec<String>,
    /// The line the code goes before when the document ends with a closing tag (PHP's `?>`);
    /// `None`: at the end.
    pub before_line: Option<usize>,
}

/// How the unit `text` of `lang` goes into the document whose lines are `doc`.
pub fn placement(lang: Lang, text: &str, doc: &[&str]) -> Placement {
    let language = lang.language();
    let mut imports: Vec<String> = Vec::new();
    let mut code: Vec<String> = Vec::new();
    let commonjs = language.exports_drop_in_commonjs() && is_commonjs(doc);
    // Comments at the head of the unit, kept unless they document a dropped package clause.
    let mut head_comments: Vec<String> = Vec::new();
    for line in text.lines() {
        let top = code.is_empty();
        let t = line.trim_start();
        if top && (t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')) {
            if language.in_document(t) != InDocument::Dropped {
                head_comments.push(line.to_string());
            }
            continue;
        }
        if top && t.is_empty() {
            continue;
        }
        if top {
            match language.in_document(line) {
                InDocument::Code => code.append(&mut head_comments),
                InDocument::Dropped => continue,
                InDocument::Package => {
                    head_comments.clear();
                    continue;
                }
                InDocument::Import(import) => {
                    imports.push(import);
                    continue;
                }
            }
        }
        let line = language.code_line_in_document(line);
        let line = match line.strip_prefix("export ") {
            Some(rest) if commonjs => rest,
            _ => &line,
        };
        code.push(line.to_string());
    }
    while code.first().is_some_and(|l| l.trim().is_empty()) {
        code.remove(0);
    }
    imports.retain(|i| !has_import(language, doc, i));
    let before_line = language.closing_tag().and_then(|tag| {
        let last = doc.iter().rposition(|l| !l.trim().is_empty())?;
        (doc[last].trim() == tag).then_some(last)
    });
    Placement {
        imports,
        imports_at: imports_at(language, doc),
        code,
        before_line,
    }
}

/// A CommonJS module: it calls `require` or sets `module.exports`, and no line imports or
/// exports as an ES module does.
fn is_commonjs(doc: &[&str]) -> bool {
    doc.iter()
        .any(|l| l.contains("require(") || l.contains("module.exports"))
        && !doc
            .iter()
            .any(|l| l.starts_with("import ") || l.starts_with("export "))
}

/// Whether the document imports what `import` does already.
fn has_import(language: &dyn Language, doc: &[&str], import: &str) -> bool {
    let wanted = import.trim().trim_end_matches(';');
    doc.iter().any(|l| {
        let l = l.trim().trim_end_matches(';');
        l == wanted || language.imports_alike(l, wanted)
    })
}

/// The line imports go before: after the document's last import, else after its package
/// clause, else the first (of the first 400 lines).
fn imports_at(language: &dyn Language, doc: &[&str]) -> usize {
    let mut after = 0;
    let mut in_block = false;
    for (n, l) in doc.iter().take(400).enumerate() {
        let l = l.trim_start();
        if in_block {
            if l.starts_with(')') {
                in_block = false;
                after = n + 1;
            }
            continue;
        }
        let import = language.document_import(l);
        if l.starts_with("package ") || import != DocumentImport::No {
            after = n + 1;
            in_block = import == DocumentImport::Block;
        }
    }
    after
}

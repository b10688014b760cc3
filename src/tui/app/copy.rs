//! What is copied: `y`'s arm (made once per selection, which the `s` preview shows), `Y`'s
//! enum, `c` and `m`'s code and message, and the language and body they are written with.

use super::{App, Effect};
use crate::clipboard;
use crate::index::{Hit, Index, RowId};
use crate::sanitize;
use crate::snippet::{Lang, Snippets, TableRow};
use std::sync::{Arc, Weak};

/// `Y` copies an enum of the listed codes up to this many: more would take seconds to write
/// and megabytes of clipboard (a user catalog can list a million codes).
pub const MAX_ENUM_CODES: usize = 20_000;

/// An arm made for the `s` preview and `y`, and what from.
pub(super) struct MadeArm {
    /// The index is held weakly: its allocation stays while this does, so a new index is
    /// never taken for the old one.
    from: (Weak<Index>, RowId, Lang),
    /// Text and description, as [`App::arm_to_copy`] returns them.
    arm: Option<(String, String)>,
}

impl App {
    fn nothing_to_copy(&mut self) -> Vec<Effect> {
        self.status = "nothing selected to copy".into();
        Vec::new()
    }

    pub(super) fn copy_arm(&mut self) -> Vec<Effect> {
        match self.arm_to_copy() {
            Some((text, what)) => vec![Effect::Copy { text, what }],
            None => self.nothing_to_copy(),
        }
    }

    /// Exactly what `y` copies for the selection, and what to call it: the match arm in the
    /// current language, cleaned for the clipboard (`s` previews it).
    pub(super) fn arm_to_copy(&mut self) -> Option<(String, String)> {
        if let Some(arm) = self.made_arm() {
            return arm.clone();
        }
        let (index, hit) = self.current()?;
        let index = Arc::clone(index);
        let arm = self.make_arm(&index, hit);
        self.arm_made = Some(MadeArm {
            from: (Arc::downgrade(&index), hit.row, self.lang),
            arm: arm.clone(),
        });
        arm
    }

    /// The arm `y` copies for the selection, as the `s` preview shows it: made by `update`
    /// while the preview is on (`None` until then).
    pub fn preview_arm(&self) -> Option<&(String, String)> {
        self.made_arm()?.as_ref()
    }

    /// The arm made for the current selection and language, when it was made.
    fn made_arm(&self) -> Option<&Option<(String, String)>> {
        let (index, hit) = self.current()?;
        let made = self.arm_made.as_ref()?;
        (Weak::ptr_eq(&made.from.0, &Arc::downgrade(index))
            && (made.from.1, made.from.2) == (hit.row, self.lang))
            .then_some(&made.arm)
    }

    fn make_arm(&self, index: &Index, hit: Hit) -> Option<(String, String)> {
        let e = index.get(hit.row);
        let v = index.row_vendor(hit.row);
        // Named as in the vendor's enum, which `Y` makes (up to its limit); the code's own
        // rows (PIXNET lists 4109 twice) beyond that.
        let table = index.vendor_table(v);
        let context: Vec<TableRow> = if table.len() <= MAX_ENUM_CODES {
            (0..table.len())
                .map(|row| TableRow { table, row })
                .collect()
        } else {
            (0..table.len())
                .filter(|&row| table.code(row).eq_ignore_ascii_case(&e.entry.code))
                .map(|row| TableRow { table, row })
                .collect()
        };
        let text = self.snippets(index, v).arm(&context, &e.entry.code);
        let what = format!(
            "1 {} arm ({} {})",
            self.lang.name(),
            e.vendor.id,
            e.entry.code
        );
        match copy(&text, true, sanitize::line(&what).into_owned()) {
            Effect::Copy { text, what } => Some((text, what)),
            _ => None,
        }
    }

    /// Snippets of a vendor, its codes typed as all of its codes are (integers, or strings).
    fn snippets<'i>(&self, index: &'i Index, vendor: usize) -> Snippets<'i> {
        let table = index.vendor_table(vendor);
        Snippets::for_codes(
            self.lang,
            table.vendor(),
            (0..table.len()).map(|i| table.code(i)),
        )
    }

    /// One enum per vendor among the listed rows, in the order vendors appear, in one file of
    /// the language (`snippet::module`: one prelude, names that cannot clash); with `b` on,
    /// each followed by the type of its vendor's error body.
    pub(super) fn copy_enum(&mut self) -> Vec<Effect> {
        let Some(index) = self.index.clone() else {
            return self.nothing_to_copy();
        };
        if self.results.is_empty() {
            return self.nothing_to_copy();
        }
        if self.results.len() > MAX_ENUM_CODES {
            self.status = format!(
                "{} codes are too many for an enum (at most {}); narrow the filter, or use `errdex snippet VENDOR --enum`",
                self.results.len(),
                MAX_ENUM_CODES
            );
            return Vec::new();
        }
        // Rows read where they lie in the index: a large result set is not unpacked.
        let mut groups: Vec<(usize, Vec<TableRow>)> = Vec::new();
        for h in &self.results {
            let v = index.row_vendor(h.row);
            let (table, row) = index.locate(h.row);
            let entry = TableRow { table, row };
            match groups.iter_mut().find(|(gv, _)| *gv == v) {
                Some((_, list)) => list.push(entry),
                None => groups.push((v, vec![entry])),
            }
        }
        let vendors = groups.len();
        let parts = groups
            .into_iter()
            .map(|(v, entries)| {
                let mut snippets = self.snippets(&index, v);
                if self.with_body
                    && let Some(envelope) = index.vendor_table(v).envelope()
                {
                    snippets = snippets.with_envelope(envelope);
                }
                (snippets, entries)
            })
            .collect::<Vec<_>>();
        let codes = self.results.len();
        let (text, what) = if vendors == 1 {
            let (snippets, entries) = &parts[0];
            let what = format!("1 {} enum ({codes} codes)", self.lang.name());
            (snippets.enumeration(entries), what)
        } else {
            // Several vendors: one file that compiles as it is, a prelude and an enum each.
            match crate::snippet::module(parts) {
                Ok(m) => {
                    let file = m.file_name.map_or(String::new(), |f| format!(", {f}"));
                    let what = format!(
                        "{vendors} {} enums in one file{file} ({codes} codes)",
                        self.lang.name()
                    );
                    (m.text, what)
                }
                Err(why) => {
                    self.status = format!("warning: not copied: {why}");
                    return Vec::new();
                }
            }
        };
        vec![copy(&text, true, what)]
    }

    /// `c` and `m`: the selected entry's code, or its message.
    pub(super) fn copy_field(&mut self, code: bool) -> Vec<Effect> {
        let Some((index, hit)) = self.current() else {
            return self.nothing_to_copy();
        };
        let e = index.get(hit.row);
        let shown = sanitize::line(&e.entry.code).into_owned();
        let (text, what) = if code {
            (e.entry.code.clone(), format!("code {shown}"))
        } else {
            (e.entry.headline(), format!("message of {shown}"))
        };
        vec![copy(&text, false, what)]
    }

    /// `s`: the detail pane shows what `y` copies, or the entry.
    pub(super) fn toggle_preview(&mut self) {
        self.preview = !self.preview;
        self.detail_scroll = None;
        self.status = if self.preview {
            "the detail pane shows what y copies (s: back to the entry)".into()
        } else {
            "the detail pane shows the entry (s: what y copies)".into()
        };
    }

    pub(super) fn cycle_language(&mut self) {
        self.lang = self.lang.next();
        self.status = format!("snippet language: {}", self.lang.name());
    }

    /// `b`: whether `Y` adds each vendor's error body type.
    pub(super) fn toggle_body(&mut self) {
        self.with_body = !self.with_body;
        self.status = if self.with_body {
            "Y copies each vendor's error body type too".into()
        } else {
            "Y copies the enum alone".into()
        };
    }
}

/// The copy effect for `text`, cleaned of control characters; `what` says when any were removed.
fn copy(text: &str, multi_line: bool, what: String) -> Effect {
    let cleaned = clipboard::clean(text, multi_line);
    let what = match cleaned.removed {
        0 => what,
        1 => format!("{what} (1 control character removed)"),
        n => format!("{what} ({n} control characters removed)"),
    };
    Effect::Copy {
        text: cleaned.text,
        what,
    }
}

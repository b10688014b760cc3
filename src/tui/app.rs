//! The app state and `update`: the only place state changes. Input arrives as [`Action`]s;
//! what must happen outside (copy, search, quit) leaves as [`Effect`]s for the runtime.

use super::action::{Action, Mode, key_action};
use super::decoded;
use super::detail;
use super::history::History;
use super::input::LineInput;
use super::layout;
use super::paste::PastePanel;
use crate::clipboard;
use crate::index::{Hit, Index, RowId};
use crate::query::Query;
use crate::sanitize;
use crate::snippet::{Lang, Snippets, TableRow};
use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::sync::{Arc, Weak};

/// `Y` copies an enum of the listed codes up to this many: more would take seconds to write
/// and megabytes of clipboard (a user catalog can list a million codes).
pub const MAX_ENUM_CODES: usize = 20_000;

/// Work for the runtime. The app never blocks; results come back as actions.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Ctrl-Z: give the terminal back and stop until `fg`.
    Suspend,
    /// `errdex pick`: the user chose this row; `arm` is what `y` would copy for it.
    Pick {
        row: RowId,
        arm: String,
    },
    /// `errdex pick`: the user left without choosing.
    Cancel,
    /// Open this link in the browser.
    Open(String),
    /// Put `text` on the clipboard; `what` says what it is ("1 Rust arm").
    Copy {
        text: String,
        what: String,
    },
    Search(SearchRequest),
    SetMouse(bool),
    /// Fetch the clipboard's text and send it back as [`Action::Paste`].
    ReadClipboard,
    /// Build the decoder's message index in the background (the paste panel opened).
    PrepareDecoder,
    /// Write the query history (the list, oldest first) to its file.
    SaveHistory(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sidebar,
    Table,
}

/// Start-up options from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub query: Option<String>,
    pub vendor: Option<String>,
    pub mouse: bool,
    pub color: bool,
    /// Earlier queries, oldest first (the runtime reads them from the history file).
    pub history: Vec<String>,
    /// `errdex pick`: Enter hands the selected entry to the caller, Esc and q cancel.
    pub pick: bool,
    /// The snippet language to start with (Rust when none).
    pub lang: Option<Lang>,
    pub palette: super::Palette,
    /// Config file warnings, each `file:line:col: what`, found before the explorer started.
    pub warnings: Vec<String>,
}

pub struct App {
    pub index: Option<Arc<Index>>,
    /// Bytes of catalog files read and to read, while the index is loading.
    pub loading: Option<(u64, u64)>,
    /// Config file warnings (`file:line:col: what`), counted apart from catalog problems.
    pub warnings: Vec<String>,
    /// Problems of loading catalogs (broken user catalogs, `file:line:col: what`).
    pub problems: Vec<String>,
    /// Notes of loading (a user catalog replacing an embedded one).
    pub notes: Vec<String>,
    /// The problems list's first shown row.
    pub problems_scroll: usize,
    pub mode: Mode,
    pub focus: Focus,
    pub filter: LineInput,
    pub query_error: Option<String>,
    /// Sidebar cursor: 0 is "All", `i + 1` is vendor `i`.
    pub sidebar: usize,
    /// `v`: the sidebar shown (`Some(true)`) or hidden (`Some(false)`) at any width; `None`
    /// leaves it to the width ([`layout::FOLD_SIDEBAR_BELOW`]).
    pub sidebar_pinned: Option<bool>,
    pub results: Vec<Hit>,
    /// The results come from more than one vendor (the table then has a VENDOR column).
    pub many_vendors: bool,
    /// Every vendor's hits for the filter; `results` are the selected vendor's.
    all_hits: Vec<Hit>,
    /// How many hits each vendor has (by vendor index), while a filter is active.
    pub matches: Option<Vec<usize>>,
    /// The sidebar vendor `results` were picked for.
    shown_vendor: Option<usize>,
    /// Index into `results`.
    pub selected: usize,
    /// First visible result.
    pub offset: usize,
    pub searching: bool,
    generation: u64,
    last_search: Option<(Query, u64)>,
    pub lang: Lang,
    pub status: String,
    pub mouse: bool,
    pub color: bool,
    pub palette: super::Palette,
    pub size: Rect,
    pub paste: PastePanel,
    /// Editions overlay: cursor among the selected vendor's editions.
    pub edition_cursor: usize,
    pending_vendor: Option<String>,
    /// The row the next search's results select (a jump from the paste panel).
    jump_to: Option<RowId>,
    /// The detail pane's scroll and the entry it was made on.
    detail_scroll: Option<(RowId, usize)>,
    /// The help overlay's first shown line.
    pub help_scroll: usize,
    pub history: History,
    /// `s`: the detail pane previews what `y` copies instead of the entry.
    pub preview: bool,
    /// `b`: `Y` adds the type of each vendor's error body (from its catalog's envelope).
    pub with_body: bool,
    pub pick: bool,
    /// Enter came in a pick before the results it chooses from: choose when they arrive.
    choose_when_done: bool,
    /// The arm [`App::arm_to_copy`] made last, and what from: an arm is named within its
    /// vendor's whole enum, so it is made once per selection, in `update`, and the preview
    /// only reads it ([`App::preview_arm`]).
    arm_made: Option<MadeArm>,
}

struct MadeArm {
    /// The index is held weakly: its allocation stays while this does, so a new index is
    /// never taken for the old one.
    from: (Weak<Index>, RowId, Lang),
    /// Text and description, as [`App::arm_to_copy`] returns them.
    arm: Option<(String, String)>,
}

impl App {
    pub fn new(options: Options) -> App {
        App {
            index: None,
            loading: None,
            warnings: options.warnings,
            problems: Vec::new(),
            notes: Vec::new(),
            problems_scroll: 0,
            // A pick starts in the filter, as fzf does: what is typed is the query.
            mode: if options.pick {
                Mode::Filter
            } else {
                Mode::Normal
            },
            focus: Focus::Table,
            filter: LineInput::new(options.query.as_deref().unwrap_or("")),
            query_error: None,
            sidebar: 0,
            sidebar_pinned: None,
            results: Vec::new(),
            many_vendors: false,
            all_hits: Vec::new(),
            matches: None,
            shown_vendor: None,
            selected: 0,
            offset: 0,
            searching: false,
            generation: 0,
            last_search: None,
            lang: options.lang.unwrap_or_default(),
            status: String::new(),
            mouse: options.mouse,
            color: options.color,
            palette: options.palette,
            size: Rect::new(0, 0, 80, 24),
            paste: PastePanel::default(),
            edition_cursor: 0,
            pending_vendor: options.vendor,
            jump_to: None,
            detail_scroll: None,
            help_scroll: 0,
            history: History::new(options.history),
            preview: false,
            with_body: false,
            pick: options.pick,
            choose_when_done: false,
            arm_made: None,
        }
    }

    /// The key mapping for the current mode. Picking, Enter chooses and Esc leaves from the
    /// table and the filter alike, as in fzf.
    pub fn key(&self, key: KeyEvent) -> Option<Action> {
        use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
        let plain = key.kind == KeyEventKind::Press
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if self.pick && plain && matches!(self.mode, Mode::Normal | Mode::Filter) {
            match key.code {
                KeyCode::Enter => return Some(Action::Choose),
                KeyCode::Esc => return Some(Action::Quit),
                _ => {}
            }
        }
        key_action(key, self.mode)
    }

    /// Whether the sidebar is wanted on a screen `width` wide: it has the focus, or `v` pinned
    /// it, or the screen is wide enough for it and the table.
    pub fn sidebar_wanted(&self, width: u16) -> bool {
        self.focus == Focus::Sidebar
            || self
                .sidebar_pinned
                .unwrap_or(width >= layout::FOLD_SIDEBAR_BELOW)
    }

    /// Where each pane goes on a screen of `area`, with the sidebar as the state wants it.
    pub fn panes(&self, area: Rect) -> layout::Panes {
        layout::panes(area, self.sidebar_wanted(area.width))
    }

    /// The selected vendor (sidebar), or `None` for All.
    pub fn vendor(&self) -> Option<usize> {
        self.sidebar.checked_sub(1)
    }

    /// Sets `results` to the selected vendor's hits, and `matches` to each vendor's count
    /// (while a filter is active).
    fn apply_vendor(&mut self) {
        let Some(index) = &self.index else {
            return;
        };
        let filtering = Query::parse(self.filter.text()).is_ok_and(|q| !q.is_empty());
        self.matches = filtering.then(|| {
            let mut counts = vec![0usize; index.vendors().len()];
            for h in &self.all_hits {
                counts[index.row_vendor(h.row)] += 1;
            }
            counts
        });
        self.shown_vendor = self.vendor();
        self.results = match self.vendor() {
            None => self.all_hits.clone(),
            Some(v) => {
                let rows = index.vendor_rows(v);
                self.all_hits
                    .iter()
                    .filter(|h| rows.contains(&h.row))
                    .copied()
                    .collect()
            }
        };
    }

    pub fn selected_hit(&self) -> Option<Hit> {
        self.results.get(self.selected).copied()
    }

    /// The filter's fuzzy text (without its field terms), for highlighting.
    pub fn query_text(&self) -> String {
        Query::parse(self.filter.text())
            .map(|q| q.text)
            .unwrap_or_default()
    }

    /// The detail pane's first shown row: its scroll belongs to the entry it was made on, so
    /// any new selection starts at the top.
    pub fn detail_offset(&self) -> usize {
        match (self.detail_scroll, self.selected_hit()) {
            (Some((row, offset)), Some(hit)) if row == hit.row => offset,
            _ => 0,
        }
    }

    /// Scrolls the detail pane by `delta` rows, within its content.
    fn scroll_detail(&mut self, delta: isize) {
        let (Some(index), Some(hit)) = (self.index.clone(), self.selected_hit()) else {
            return;
        };
        let Some(pane) = self.panes(self.size).detail else {
            return;
        };
        let inner = pane.width.saturating_sub(2);
        let height = usize::from(pane.height.saturating_sub(2));
        let total = match self.preview.then(|| self.arm_to_copy()).flatten() {
            Some((text, _)) => 1 + detail::preview_rows(&text, inner).len(),
            None => detail::rows(&detail::fields(&index, hit.row, ""), inner),
        };
        let max = total.saturating_sub(height);
        let offset = step(self.detail_offset(), delta, max + 1);
        self.detail_scroll = Some((hit.row, offset));
    }

    /// The paste panel's decoded pane: its inside's width and height.
    fn decoded_pane(&self) -> (u16, usize) {
        let (_, pane) = layout::paste_panes(layout::body(&self.panes(self.size)));
        (
            pane.width.saturating_sub(2),
            usize::from(pane.height.saturating_sub(2)),
        )
    }

    /// Scrolls the paste panel's decoded errors by `delta` rows, within its content.
    fn scroll_decoded(&mut self, delta: isize) {
        let Some(index) = self.index.clone() else {
            return;
        };
        let (width, height) = self.decoded_pane();
        let content = decoded::content(&self.paste, &index);
        let (rows, selected) = decoded::rows(&content, usize::from(width));
        let now = decoded::offset(self.paste.scroll, rows.len(), &selected, height);
        let max = rows.len().saturating_sub(height);
        self.paste.scroll = Some(step(now, delta, max + 1));
    }

    /// Rows of the detail pane's inside (half of it is Ctrl-D's step).
    fn detail_height(&self) -> usize {
        self.panes(self.size)
            .detail
            .map_or(0, |d| usize::from(d.height.saturating_sub(2)))
    }

    /// The problems list: its rows at the width it is drawn, and the rows shown.
    pub fn problem_rows(&self) -> (Vec<super::rows::Row>, usize) {
        let area = layout::body(&self.panes(self.size));
        let lines = super::problems::lines(&self.warnings, &self.problems, &self.notes);
        let rows = super::rows::rows(&lines, usize::from(area.width.saturating_sub(2)));
        (rows, usize::from(area.height.saturating_sub(2)))
    }

    /// Scrolls the problems list by `delta` rows, within its content.
    fn scroll_problems(&mut self, delta: isize) {
        let (rows, shown) = self.problem_rows();
        let max = rows.len().saturating_sub(shown);
        self.problems_scroll = step(self.problems_scroll, delta, max + 1);
    }

    /// The help overlay's first shown line, within its content.
    fn scroll_help(&mut self, delta: isize) {
        let lines = super::action::help_lines();
        let shown = usize::from(layout::help_rect(self.size, lines).height.saturating_sub(2));
        let max = lines.saturating_sub(shown);
        self.help_scroll = step(self.help_scroll, delta, max + 1);
    }

    /// One action: the state changes, and what the runtime must do comes back. The `s`
    /// preview's arm is made here when it is shown, so drawing never builds one.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.apply(action);
        if self.preview {
            self.arm_to_copy();
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        // The last action's result stays until the user does something else.
        let from_user = !matches!(
            action,
            Action::SearchDone { .. }
                | Action::LoadProgress { .. }
                | Action::Loaded(..)
                | Action::Resize(..)
                | Action::Status(_)
        );
        if from_user {
            self.status.clear();
        }
        match action {
            Action::Quit if self.pick => return vec![Effect::Cancel],
            Action::Quit => return vec![Effect::Quit],
            Action::Choose => return self.choose(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::LoadProgress {
                loaded_bytes,
                total_bytes,
            } => self.loading = Some((loaded_bytes, total_bytes)),
            Action::Loaded(index, problems) => {
                self.problems = problems;
                self.notes = index.notices.clone();
                if let Some(name) = self.pending_vendor.take() {
                    match index.find_vendor(&name) {
                        Some(v) => self.sidebar = v + 1,
                        None => self.status = format!("unknown vendor `{name}`"),
                    }
                }
                if let Some(p) = self.warnings.first().or(self.problems.first()) {
                    self.status = format!("warning: {p} (w lists all)");
                }
                self.index = Some(index);
                self.loading = None;
                return self.search();
            }
            Action::SearchDone { generation, hits } => {
                if generation == self.generation {
                    self.all_hits = hits;
                    self.apply_vendor();
                    self.many_vendors = self.results.first().is_some_and(|first| {
                        self.index.as_deref().is_some_and(|index| {
                            let v = index.row_vendor(first.row);
                            self.results.iter().any(|h| index.row_vendor(h.row) != v)
                        })
                    });
                    self.searching = false;
                    // A new filter or vendor puts the selection on the best match, as fzf
                    // does; only a jump names the row to land on.
                    let jump = self.jump_to.take();
                    self.selected = jump
                        .and_then(|row| self.results.iter().position(|h| h.row == row))
                        .unwrap_or(0);
                    self.offset = 0;
                    self.scroll_into_view();
                    if std::mem::take(&mut self.choose_when_done) {
                        return self.choose();
                    }
                }
            }
            Action::Status(s) => self.status = s,
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                // Focus never stays in a sidebar the screen has no room for.
                if self.focus == Focus::Sidebar && self.panes(self.size).sidebar.is_none() {
                    self.focus = Focus::Table;
                }
                self.scroll_into_view();
            }
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    self.help_scroll = 0;
                    Mode::Help
                };
            }
            Action::ToggleProblems => {
                self.mode = if self.mode == Mode::Problems {
                    Mode::Normal
                } else {
                    self.problems_scroll = 0;
                    Mode::Problems
                };
            }
            Action::ScrollDetail(delta) if self.mode == Mode::Paste => self.scroll_decoded(delta),
            Action::ScrollDetail(delta) => self.scroll_detail(delta),
            Action::TogglePreview => {
                self.preview = !self.preview;
                self.detail_scroll = None;
                self.status = if self.preview {
                    "the detail pane shows what y copies (s: back to the entry)".into()
                } else {
                    "the detail pane shows the entry (s: what y copies)".into()
                };
            }
            Action::ScrollDetailHalfPage(direction) if self.mode == Mode::Paste => {
                let half = (self.decoded_pane().1 / 2).max(1) as isize;
                self.scroll_decoded(direction.signum() * half);
            }
            Action::ScrollDetailHalfPage(direction) => {
                let half = (self.detail_height() / 2).max(1) as isize;
                self.scroll_detail(direction.signum() * half);
            }
            Action::CycleKind => return self.cycle_kind(),
            Action::OpenSource => {
                let source = self
                    .current()
                    .and_then(|(index, hit)| index.get(hit.row).edition.source.clone());
                match source {
                    Some(url) if super::open::is_web_link(&url) => return vec![Effect::Open(url)],
                    Some(_) => self.status = "the source is not a web link: not opened".into(),
                    None => self.status = "no source link for this entry".into(),
                }
            }
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.status = if self.mouse {
                    "mouse on (M to give it back to the terminal)".into()
                } else {
                    "mouse off: the terminal selects text (M to turn on)".into()
                };
                return vec![Effect::SetMouse(self.mouse)];
            }
            Action::ToggleEditions if self.mode != Mode::Editions && self.current().is_none() => {
                self.status = "no code selected: e shows the editions of the selected code".into();
            }
            Action::ToggleEditions => {
                self.mode = if self.mode == Mode::Editions {
                    Mode::Normal
                } else {
                    self.edition_cursor = 0;
                    Mode::Editions
                };
            }
            Action::StartFilter => {
                self.mode = Mode::Filter;
                self.focus = Focus::Table;
            }
            Action::FilterInput(key) => {
                if self.filter.handle(key) {
                    return self.search();
                }
            }
            Action::AcceptFilter => {
                self.mode = Mode::Normal;
                return self.remember_query();
            }
            Action::HistoryOlder | Action::HistoryNewer => {
                let recalled = if matches!(action, Action::HistoryOlder) {
                    self.history.older(self.filter.text())
                } else {
                    self.history.newer()
                };
                if let Some(query) = recalled {
                    self.filter = LineInput::new(query);
                    return self.search();
                }
            }
            Action::Back => return self.back(),
            Action::FocusNext => self.focus_next(),
            Action::ToggleSidebar => self.toggle_sidebar(),
            Action::Activate => match self.focus {
                Focus::Sidebar => self.focus_next(),
                Focus::Table => return self.copy_arm(),
            },
            Action::Up => return self.move_by(-1),
            Action::Down => return self.move_by(1),
            Action::PageUp => return self.move_by(-(self.page() as isize)),
            Action::PageDown => return self.move_by(self.page() as isize),
            Action::Top => return self.move_by(isize::MIN / 2),
            Action::Bottom => return self.move_by(isize::MAX / 2),
            Action::CycleLanguage => {
                self.lang = self.lang.next();
                self.status = format!("snippet language: {}", self.lang.name());
            }
            Action::ToggleBody => {
                self.with_body = !self.with_body;
                self.status = if self.with_body {
                    "Y copies each vendor's error body type too".into()
                } else {
                    "Y copies the enum alone".into()
                };
            }
            Action::CopyArm => return self.copy_arm(),
            Action::CopyEnum => return self.copy_enum(),
            Action::CopyCode | Action::CopyMessage => {
                let Some((index, hit)) = self.current() else {
                    return self.nothing_to_copy();
                };
                let e = index.get(hit.row);
                let shown = sanitize::line(&e.entry.code).into_owned();
                let (text, what) = if matches!(action, Action::CopyCode) {
                    (e.entry.code.clone(), format!("code {shown}"))
                } else {
                    (e.entry.headline(), format!("message of {shown}"))
                };
                return vec![copy(&text, false, what)];
            }
            Action::OpenPaste => {
                // Its key hints are the status line's while it is open (ui::draw_status).
                self.mode = Mode::Paste;
                return vec![Effect::PrepareDecoder];
            }
            Action::PasteInput(key) => {
                if let Some(index) = &self.index {
                    self.paste.input(key, index);
                }
            }
            Action::Paste(text) => match self.mode {
                Mode::Paste => {
                    if let Some(index) = &self.index {
                        self.paste.paste(&text, index);
                    }
                }
                Mode::Filter => {
                    self.filter.insert(&text);
                    return self.search();
                }
                // A paste anywhere else opens the panel with it: that is what the user meant.
                _ => {
                    self.mode = Mode::Paste;
                    if let Some(index) = &self.index {
                        self.paste.paste(&text, index);
                    }
                }
            },
            Action::PasteFromClipboard => return vec![Effect::ReadClipboard],
            Action::ClearPaste => self.paste.clear(),
            Action::JumpToDecoded => return self.jump_to_decoded(),
            Action::Mouse(ev) => return self.mouse_event(ev),
        }
        Vec::new()
    }

    /// Tab: the focus goes to the other pane, never into a sidebar the screen has no room for.
    fn focus_next(&mut self) {
        match self.focus {
            Focus::Sidebar => self.focus = Focus::Table,
            Focus::Table if self.size.width < layout::MIN_WIDTH_FOR_SIDEBAR => {
                self.status = format!(
                    "the vendor list needs {} columns; the filter's v: narrows to a vendor",
                    layout::MIN_WIDTH_FOR_SIDEBAR
                );
            }
            Focus::Table => self.focus = Focus::Sidebar,
        }
    }

    /// `v`: pins the sidebar shown or hidden, whatever the width.
    fn toggle_sidebar(&mut self) {
        let shown = self.panes(self.size).sidebar.is_some();
        self.sidebar_pinned = Some(!shown);
        if shown {
            self.focus = Focus::Table;
            self.status = "vendor list hidden (v or Tab shows it)".into();
        } else if self.size.width < layout::MIN_WIDTH_FOR_SIDEBAR {
            self.status = format!(
                "the vendor list needs {} columns",
                layout::MIN_WIDTH_FOR_SIDEBAR
            );
        } else {
            self.status = "vendor list shown (v hides it)".into();
        }
    }

    fn back(&mut self) -> Vec<Effect> {
        match self.mode {
            Mode::Filter => {
                self.mode = Mode::Normal;
                if !self.filter.text().is_empty() {
                    self.filter.clear();
                    return self.search();
                }
            }
            Mode::Paste | Mode::Help | Mode::Editions | Mode::Problems => self.mode = Mode::Normal,
            Mode::Normal => {
                if !self.filter.text().is_empty() {
                    self.filter.clear();
                    return self.search();
                }
                if self.focus == Focus::Sidebar {
                    self.focus = Focus::Table;
                }
            }
        }
        Vec::new()
    }

    /// Enter in `errdex pick`: the selection goes to the caller (and the query to the history).
    /// Typed ahead of the catalogs or of the query's results, it waits for them.
    fn choose(&mut self) -> Vec<Effect> {
        if self.index.is_none() || self.searching {
            self.choose_when_done = true;
            return Vec::new();
        }
        let (Some(hit), Some((arm, _))) = (self.selected_hit(), self.arm_to_copy()) else {
            self.status = "nothing selected to pick (Esc leaves)".into();
            return Vec::new();
        };
        let mut effects = self.remember_query();
        effects.push(Effect::Pick { row: hit.row, arm });
        effects
    }

    /// Keeps the filter's query in the history (never an empty one).
    fn remember_query(&mut self) -> Vec<Effect> {
        if self.history.record(self.filter.text()) {
            return vec![Effect::SaveHistory(self.history.entries().to_vec())];
        }
        Vec::new()
    }

    fn current(&self) -> Option<(&Arc<Index>, Hit)> {
        Some((self.index.as_ref()?, self.selected_hit()?))
    }

    /// `K`: the filter's `k:` term becomes the next kind (none after the last).
    fn cycle_kind(&mut self) -> Vec<Effect> {
        use crate::catalog::Kind;
        let text = self.filter.text().to_string();
        let mut words: Vec<&str> = text.split_whitespace().collect();
        let at = words.iter().position(|w| {
            w.split_once(':')
                .is_some_and(|(k, _)| k.eq_ignore_ascii_case("k") || k.eq_ignore_ascii_case("kind"))
        });
        let current = at.and_then(|i| Kind::from_id(words[i].split_once(':')?.1));
        let next = match current {
            None => Some(Kind::ALL[0]),
            Some(k) => Kind::ALL
                .iter()
                .position(|&o| o == k)
                .and_then(|i| Kind::ALL.get(i + 1))
                .copied(),
        };
        if let Some(i) = at {
            words.remove(i);
        }
        let term = next.map(|k| format!("k:{}", k.id()));
        words.extend(term.as_deref());
        self.filter = LineInput::new(&words.join(" "));
        self.status = match next {
            Some(k) => format!("kind {} ({}): K for the next", k.id(), k.info().title),
            None => "every kind".into(),
        };
        self.search()
    }

    fn nothing_to_copy(&mut self) -> Vec<Effect> {
        self.status = "nothing selected to copy".into();
        Vec::new()
    }

    fn copy_arm(&mut self) -> Vec<Effect> {
        match self.arm_to_copy() {
            Some((text, what)) => vec![Effect::Copy { text, what }],
            None => self.nothing_to_copy(),
        }
    }

    /// Exactly what `y` copies for the selection, and what to call it: the match arm in the
    /// current language, cleaned for the clipboard (`s` previews it).
    fn arm_to_copy(&mut self) -> Option<(String, String)> {
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
    fn copy_enum(&mut self) -> Vec<Effect> {
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

    fn move_by(&mut self, delta: isize) -> Vec<Effect> {
        match self.mode {
            Mode::Editions => {
                let n = self.editions_len();
                self.edition_cursor = step(self.edition_cursor, delta, n);
                return Vec::new();
            }
            Mode::Paste => {
                self.paste.move_selection(delta);
                return Vec::new();
            }
            Mode::Help => {
                self.scroll_help(delta);
                return Vec::new();
            }
            Mode::Problems => {
                self.scroll_problems(delta);
                return Vec::new();
            }
            _ => {}
        }
        if self.focus == Focus::Sidebar && self.mode == Mode::Normal {
            return self.move_in_sidebar(delta);
        }
        self.selected = step(self.selected, delta, self.results.len());
        self.scroll_into_view();
        Vec::new()
    }

    /// Moves the sidebar's cursor `delta` items in the order they are shown (groups in turn).
    fn move_in_sidebar(&mut self, delta: isize) -> Vec<Effect> {
        let Some(index) = self.index.clone() else {
            return Vec::new();
        };
        let items = layout::sidebar_items(&index);
        let at = items.iter().position(|&n| n == self.sidebar).unwrap_or(0);
        let next = items[step(at, delta, items.len())];
        if next != self.sidebar {
            self.sidebar = next;
            return self.search();
        }
        Vec::new()
    }

    fn page(&self) -> usize {
        if self.mode == Mode::Problems {
            return self.problem_rows().1.max(1);
        }
        if self.mode == Mode::Help {
            let shown = layout::help_rect(self.size, super::action::help_lines()).height;
            return usize::from(shown.saturating_sub(2)).max(1);
        }
        layout::table_rows(self.panes(self.size).table).max(1)
    }

    fn scroll_into_view(&mut self) {
        let rows = self.page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let max_offset = self.results.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }

    pub fn editions_len(&self) -> usize {
        match (&self.index, self.selected_hit()) {
            (Some(index), Some(hit)) => index.vendors()[index.row_vendor(hit.row)].editions.len(),
            _ => 0,
        }
    }

    /// The query for the current filter text and sidebar vendor; records a parse error.
    fn query(&mut self) -> Option<Query> {
        match Query::parse(self.filter.text()) {
            Ok(q) => {
                self.query_error = None;
                // Every vendor is searched, so the sidebar can say how many each has; the
                // table shows the selected one's (see `apply_vendor`).
                Some(q)
            }
            Err(e) => {
                self.query_error = Some(e.to_string());
                None
            }
        }
    }

    /// Starts a search for the current query. Stale results are ignored by generation.
    fn search(&mut self) -> Vec<Effect> {
        if self.index.is_none() {
            return Vec::new();
        }
        let Some(query) = self.query() else {
            return Vec::new();
        };
        // The same query (a space typed after a word, or another vendor chosen): the results
        // stand, for the vendor now selected.
        if let Some((old, done)) = &self.last_search
            && *old == query
            && *done == self.generation
            && !self.searching
        {
            let before = self.shown_vendor;
            self.apply_vendor();
            if self.shown_vendor != before {
                self.selected = 0;
                self.offset = 0;
            }
            return Vec::new();
        }
        self.generation += 1;
        self.last_search = Some((query.clone(), self.generation));
        self.searching = true;
        vec![Effect::Search(SearchRequest {
            generation: self.generation,
            query,
        })]
    }

    fn jump_to_decoded(&mut self) -> Vec<Effect> {
        let Some(row) = self.paste.selected_row() else {
            self.status = "no catalog entry to jump to".into();
            return Vec::new();
        };
        let Some(index) = self.index.clone() else {
            return Vec::new();
        };
        let e = index.get(row);
        self.mode = Mode::Normal;
        self.focus = Focus::Table;
        self.sidebar = index.row_vendor(row) + 1;
        self.filter = LineInput::new(&format!("code:{}", e.entry.code));
        self.status = format!("{} {}: {}", e.vendor.id, e.entry.code, e.entry.headline());
        self.jump_to = Some(row);
        let effects = self.search();
        if effects.is_empty() {
            self.jump_to = None;
        }
        // Select the exact row when the results arrive.
        self.results = vec![Hit {
            row,
            score: 0,
            exact_code: true,
            tier: 0,
        }];
        self.selected = 0;
        effects
    }

    fn mouse_event(&mut self, ev: MouseEvent) -> Vec<Effect> {
        if !self.mouse {
            return Vec::new();
        }
        // Over the help overlay the wheel scrolls it.
        if self.mode == Mode::Help {
            match ev.kind {
                MouseEventKind::ScrollDown => self.scroll_help(3),
                MouseEventKind::ScrollUp => self.scroll_help(-3),
                _ => {}
            }
            return Vec::new();
        }
        // In the paste panel the wheel over the decoded errors scrolls them.
        if self.mode == Mode::Paste {
            let (_, pane) = layout::paste_panes(layout::body(&self.panes(self.size)));
            if !pane.contains(Position::new(ev.column, ev.row)) {
                return Vec::new();
            }
            match ev.kind {
                MouseEventKind::ScrollDown => self.scroll_decoded(3),
                MouseEventKind::ScrollUp => self.scroll_decoded(-3),
                _ => {}
            }
            return Vec::new();
        }
        if !matches!(self.mode, Mode::Normal | Mode::Filter) {
            return Vec::new();
        }
        let panes = self.panes(self.size);
        let at = Position::new(ev.column, ev.row);
        let in_sidebar = panes.sidebar.is_some_and(|r| r.contains(at));
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta: isize = if ev.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if in_sidebar {
                    self.focus = Focus::Sidebar;
                    return self.move_by(delta.signum());
                }
                // The wheel scrolls the pane under the pointer.
                if panes.detail.is_some_and(|r| r.contains(at)) {
                    self.scroll_detail(delta);
                    return Vec::new();
                }
                self.focus = Focus::Table;
                return self.move_by(delta);
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(sb) = panes.sidebar.filter(|r| r.contains(at)) {
                    self.focus = Focus::Sidebar;
                    // Inside the border.
                    let (row, height) =
                        ((ev.row - sb.y).checked_sub(1), sb.height.saturating_sub(2));
                    let item = self.index.as_deref().zip(row).and_then(|(index, row)| {
                        layout::sidebar_item(index, self.sidebar, height as usize, row as usize)
                    });
                    if let Some(item) = item.filter(|&i| i != self.sidebar) {
                        self.sidebar = item;
                        return self.search();
                    }
                } else if panes.table.contains(at) {
                    self.focus = Focus::Table;
                    // Border and header take the first two lines.
                    let line = ev.row.saturating_sub(panes.table.y + 2) as usize;
                    if ev.row >= panes.table.y + 2 && self.offset + line < self.results.len() {
                        self.selected = self.offset + line;
                    }
                } else if panes.filter.contains(at) {
                    self.mode = Mode::Filter;
                }
            }
            _ => {}
        }
        Vec::new()
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

/// Moves `pos` by `delta` within `0..len`, clamped.
fn step(pos: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (pos as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

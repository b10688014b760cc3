//! The app state and `update`: the only place state changes. Input arrives as [`Action`]s;
//! what must happen outside (copy, search, quit) leaves as [`Effect`]s for the runtime.
//! `apply` sends each action to the area it is about: [`copy`] (what `y`, `Y` and the `s`
//! preview give), [`search`] (the filter, its results, the history), [`navigation`] (moving
//! and scrolling), [`mouse`].

mod copy;
mod mouse;
mod navigation;
mod search;

use super::action::{Action, Mode, key_action};
use super::history::History;
use super::input::LineInput;
use super::layout;
use super::paste::PastePanel;
use crate::index::{Hit, Index, RowId};
use crate::query::Query;
use crate::snippet::Lang;
use copy::MadeArm;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::sync::Arc;

pub use copy::MAX_ENUM_CODES;

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

    pub fn selected_hit(&self) -> Option<Hit> {
        self.results.get(self.selected).copied()
    }

    /// The filter's fuzzy text (without its field terms), for highlighting.
    pub fn query_text(&self) -> String {
        Query::parse(self.filter.text())
            .map(|q| q.text)
            .unwrap_or_default()
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
            // The app's life: quitting, loading, the screen.
            Action::Quit if self.pick => return vec![Effect::Cancel],
            Action::Quit => return vec![Effect::Quit],
            Action::Choose => return self.choose(),
            Action::Suspend => return vec![Effect::Suspend],
            Action::LoadProgress {
                loaded_bytes,
                total_bytes,
            } => self.loading = Some((loaded_bytes, total_bytes)),
            Action::Loaded(index, problems) => return self.loaded(index, problems),
            Action::Status(s) => self.status = s,
            Action::Resize(w, h) => self.resize(w, h),
            Action::ToggleMouse => return self.toggle_mouse(),
            Action::Mouse(ev) => return self.mouse_event(ev),
            // Overlays and panes.
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
            Action::OpenSource => return self.open_source(),
            Action::Back => return self.back(),
            // Moving and scrolling.
            Action::ScrollDetail(delta) if self.mode == Mode::Paste => self.scroll_decoded(delta),
            Action::ScrollDetail(delta) => self.scroll_detail(delta),
            Action::ScrollDetailHalfPage(direction) => self.scroll_half_page(direction),
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
            // The filter and its results.
            Action::SearchDone { generation, hits } => return self.search_done(generation, hits),
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
            Action::HistoryOlder => return self.recall(true),
            Action::HistoryNewer => return self.recall(false),
            Action::CycleKind => return self.cycle_kind(),
            // What is copied.
            Action::TogglePreview => self.toggle_preview(),
            Action::CycleLanguage => self.cycle_language(),
            Action::ToggleBody => self.toggle_body(),
            Action::CopyArm => return self.copy_arm(),
            Action::CopyEnum => return self.copy_enum(),
            Action::CopyCode => return self.copy_field(true),
            Action::CopyMessage => return self.copy_field(false),
            // The paste panel.
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
            Action::Paste(text) => return self.paste_text(&text),
            Action::PasteFromClipboard => return vec![Effect::ReadClipboard],
            Action::ClearPaste => self.paste.clear(),
            Action::JumpToDecoded => return self.jump_to_decoded(),
        }
        Vec::new()
    }

    /// The catalogs arrived: the vendor asked for on the command line is selected, the first
    /// warning shown, and the query searched.
    fn loaded(&mut self, index: Arc<Index>, problems: Vec<String>) -> Vec<Effect> {
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
        self.search()
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = Rect::new(0, 0, w, h);
        // Focus never stays in a sidebar the screen has no room for.
        if self.focus == Focus::Sidebar && self.panes(self.size).sidebar.is_none() {
            self.focus = Focus::Table;
        }
        self.scroll_into_view();
    }

    fn open_source(&mut self) -> Vec<Effect> {
        let source = self
            .current()
            .and_then(|(index, hit)| index.get(hit.row).edition.source.clone());
        match source {
            Some(url) if super::open::is_web_link(&url) => return vec![Effect::Open(url)],
            Some(_) => self.status = "the source is not a web link: not opened".into(),
            None => self.status = "no source link for this entry".into(),
        }
        Vec::new()
    }

    /// Text pasted: into the paste panel or the filter, where the user is; anywhere else it
    /// opens the panel with it, as that is what the user meant.
    fn paste_text(&mut self, text: &str) -> Vec<Effect> {
        match self.mode {
            Mode::Paste => {
                if let Some(index) = &self.index {
                    self.paste.paste(text, index);
                }
            }
            Mode::Filter => {
                self.filter.insert(text);
                return self.search();
            }
            _ => {
                self.mode = Mode::Paste;
                if let Some(index) = &self.index {
                    self.paste.paste(text, index);
                }
            }
        }
        Vec::new()
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

    fn current(&self) -> Option<(&Arc<Index>, Hit)> {
        Some((self.index.as_ref()?, self.selected_hit()?))
    }
}

//! The filter and its results: the query a search is started for, the results that come
//! back, the history of queries, and the jump from a decoded error to its entry.

use super::{App, Effect, Focus, SearchRequest};
use crate::index::Hit;
use crate::query::Query;
use crate::tui::action::Mode;
use crate::tui::input::LineInput;

impl App {
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

    /// Keeps the filter's query in the history (never an empty one).
    pub(super) fn remember_query(&mut self) -> Vec<Effect> {
        if self.history.record(self.filter.text()) {
            return vec![Effect::SaveHistory(self.history.entries().to_vec())];
        }
        Vec::new()
    }

    /// `K`: the filter's `k:` term becomes the next kind (none after the last).
    pub(super) fn cycle_kind(&mut self) -> Vec<Effect> {
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
    pub(super) fn search(&mut self) -> Vec<Effect> {
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

    pub(super) fn jump_to_decoded(&mut self) -> Vec<Effect> {
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

    /// A search's results: kept when they answer the latest query, the selection on the best
    /// match (or the row a jump asked for).
    pub(super) fn search_done(&mut self, generation: u64, hits: Vec<Hit>) -> Vec<Effect> {
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
        Vec::new()
    }

    /// Up and Down in the filter: an older or a newer query from the history.
    pub(super) fn recall(&mut self, older: bool) -> Vec<Effect> {
        let recalled = if older {
            self.history.older(self.filter.text())
        } else {
            self.history.newer()
        };
        if let Some(query) = recalled {
            self.filter = LineInput::new(query);
            return self.search();
        }
        Vec::new()
    }
}

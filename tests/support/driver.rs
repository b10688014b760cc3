//! Drives the explorer's `App` without its runtime: searches run on this thread and their
//! results are fed back, as the search worker would. Shared by the TUI tests and benches.

use errdex::tui::action::Action;
use errdex::tui::app::{App, Effect};
use std::sync::atomic::AtomicBool;

pub trait Drive {
    /// Applies `action` and any searches it starts; returns the other effects.
    fn update_sync(&mut self, action: Action) -> Vec<Effect>;
}

impl Drive for App {
    fn update_sync(&mut self, action: Action) -> Vec<Effect> {
        let mut out = Vec::new();
        let mut queue = vec![action];
        while let Some(action) = queue.pop() {
            for effect in self.update(action) {
                match effect {
                    Effect::Search(req) => {
                        let index = self.index.clone().expect("search without an index");
                        let hits =
                            errdex::tui::search::hits(&index, &req.query, &AtomicBool::new(false))
                                .unwrap_or_default();
                        queue.push(Action::SearchDone {
                            generation: req.generation,
                            hits,
                        });
                    }
                    other => out.push(other),
                }
            }
        }
        out
    }
}

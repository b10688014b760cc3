//! The search worker: runs queries off the drawing thread, always on the newest request;
//! a newer keystroke cancels the search in flight.

use super::action::Action;
use super::app::SearchRequest;
use crate::decode::families;
use crate::index::{self, Index};
use crate::query::Query;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

pub struct SearchWorker {
    requests: Sender<(SearchRequest, Arc<Index>)>,
    cancel: Arc<AtomicBool>,
}

impl SearchWorker {
    /// Starts the worker; results come back on `results` as [`Action::SearchDone`].
    pub fn start(results: Sender<Action>) -> SearchWorker {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        std::thread::Builder::new()
            .name("errdex-search".into())
            .spawn(move || work(rx, flag, results))
            .expect("cannot start the search thread");
        SearchWorker {
            requests: tx,
            cancel,
        }
    }

    pub fn submit(&self, request: SearchRequest, index: Arc<Index>) {
        self.cancel.store(true, Ordering::Relaxed);
        let _ = self.requests.send((request, index));
    }
}

fn work(rx: Receiver<(SearchRequest, Arc<Index>)>, cancel: Arc<AtomicBool>, out: Sender<Action>) {
    while let Ok(mut next) = rx.recv() {
        // Skip to the newest request: older ones are stale.
        while let Ok(newer) = rx.try_recv() {
            next = newer;
        }
        cancel.store(false, Ordering::Relaxed);
        let (req, index) = next;
        if let Some(hits) = hits(&index, &req.query, &cancel) {
            let done = Action::SearchDone {
                generation: req.generation,
                hits,
            };
            if out.send(done).is_err() {
                return;
            }
        }
    }
}

/// What the filter shows for `query`: the index's hits, with first the codes it names in
/// another form (`-2147024891`, `MY-1045`); `None` when `cancel` was set.
pub fn hits(index: &Index, query: &Query, cancel: &AtomicBool) -> Option<Vec<index::Hit>> {
    let hits = index.search_cancellable(query, cancel)?;
    Some(families::with_code_forms(index, query, hits))
}

//! The explorer at 1M rows, driven as the runtime drives it, without a terminal: the first
//! frame (before any catalog is loaded), then "token expired" typed into the filter one key
//! at a time. For each keystroke: `App::update` (on the drawing thread), the search the
//! worker thread runs for it (`Index::search_cancellable`), and the frame drawn with the
//! results. Frames never wait on matching: the search runs on its own thread in the real
//! program; here each keystroke's search is timed on its own.
//!
//! `cargo bench --bench tui_typing` (`ERRDEX_BENCH_ROWS=100000` for another size,
//! `ERRDEX_BENCH_TYPED="tkn exprd"` for other text).

use errdex::index::Index;
use errdex::tui::action::Action;
use errdex::tui::app::{App, Effect, Options};
use errdex::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

#[path = "common/mod.rs"]
mod common;

const TYPED: &str = "token expired";
const ROUNDS: usize = 5;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of the whole process so far (all threads, ended ones too).
fn cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// The value at quantile `q` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn summary(name: &str, mut v: Vec<f64>) {
    v.sort_by(f64::total_cmp);
    println!(
        "{name:<34} p50 {:>7.1} ms   p95 {:>7.1} ms   max {:>7.1} ms   (n={})",
        quantile(&v, 0.5),
        quantile(&v, 0.95),
        v[v.len() - 1],
        v.len()
    );
}

/// Applies `action`; runs the searches it starts as the worker would, timing them (wall and
/// CPU time).
fn step(
    app: &mut App,
    action: Action,
    searches: &mut Vec<f64>,
    cpus: &mut Vec<f64>,
) -> (Duration, Duration) {
    let t = Instant::now();
    let effects = app.update(action);
    let update = t.elapsed();
    let mut search = Duration::ZERO;
    let mut search_cpu = Duration::ZERO;
    for effect in effects {
        if let Effect::Search(req) = effect {
            let index = app.index.clone().expect("index loaded");
            let (t, c) = (Instant::now(), cpu());
            let hits = index
                .search_cancellable(&req.query, &AtomicBool::new(false))
                .expect("not cancelled");
            search += t.elapsed();
            search_cpu += cpu() - c;
            app.update(Action::SearchDone {
                generation: req.generation,
                hits,
            });
        }
    }
    searches.push(ms(search));
    cpus.push(ms(search_cpu));
    (update, search)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is not for us.
    let rows: usize = std::env::var("ERRDEX_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let typed = std::env::var("ERRDEX_BENCH_TYPED").unwrap_or_else(|_| TYPED.to_string());
    let typed = typed.as_str();
    let path = common::catalog(rows);
    let (w, h) = (120, 35);

    let t = Instant::now();
    let mut app = App::new(Options::default());
    app.update(Action::Resize(w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(&app, f)).unwrap();
    let first_frame = t.elapsed();

    let t = Instant::now();
    let sources = errdex::catalog::Sources {
        user_dir: None,
        paths: vec![path],
    };
    let (index, _) = Index::load(&sources, &mut |_, _| {});
    index.prepare_lookups();
    let load = t.elapsed();
    let mut all = Vec::new();
    let (_, initial) = step(
        &mut app,
        Action::Loaded(Arc::new(index), Vec::new()),
        &mut all,
        &mut Vec::new(),
    );
    let t = Instant::now();
    term.draw(|f| ui::draw(&app, f)).unwrap();
    let loaded_frame = t.elapsed();
    println!(
        "{} rows: first frame {:.1} ms (in process, before loading), load {:.0} ms, \
         first results {:.0} ms, frame with results {:.1} ms",
        common::label(rows),
        ms(first_frame),
        ms(load),
        ms(initial),
        ms(loaded_frame)
    );

    let (mut searches, mut cpus, mut updates, mut frames, mut keystrokes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut per_key: Vec<Vec<f64>> = vec![Vec::new(); typed.chars().count()];
    let mut hits = Vec::new();
    for round in 0..ROUNDS {
        app.update(Action::StartFilter);
        for (k, c) in typed.chars().enumerate() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            let (update, search) =
                step(&mut app, Action::FilterInput(key), &mut searches, &mut cpus);
            let t = Instant::now();
            term.draw(|f| ui::draw(&app, f)).unwrap();
            let frame = t.elapsed();
            updates.push(ms(update));
            frames.push(ms(frame));
            keystrokes.push(ms(update + search + frame));
            per_key[k].push(ms(search));
            if round == 0 {
                hits.push(app.results.len());
            }
        }
        // Esc clears the filter (and searches everything again) for the next round.
        step(&mut app, Action::Back, &mut Vec::new(), &mut Vec::new());
    }
    println!("typing {typed:?} one key at a time, {ROUNDS} rounds:");
    summary("search per keystroke (worker)", searches);
    summary("  its CPU time (all threads)", cpus);
    summary("update per keystroke (UI thread)", updates);
    summary("frame per keystroke (UI thread)", frames);
    summary("keystroke to results drawn", keystrokes);
    println!("per key (median search ms, hits):");
    for (k, c) in typed.chars().enumerate() {
        let mut v = per_key[k].clone();
        v.sort_by(f64::total_cmp);
        println!(
            "  {:<14} {:>7.1} ms  {:>8} hits",
            format!(
                "{:?}",
                &typed[..typed.char_indices().nth(k).unwrap().0 + c.len_utf8()]
            ),
            quantile(&v, 0.5),
            hits[k]
        );
    }
}

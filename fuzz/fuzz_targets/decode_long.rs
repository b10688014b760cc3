//! The decoder on long inputs dense in trigger words: a few pieces of text (trigger words,
//! printouts' prefixes, status lines, bodies: the dictionary's, as the fuzzer combines them)
//! repeated to between 32 and 256 KB, decoded, then doubled and decoded again. Besides what the
//! `decode` target checks, doubling the input must not much more than double the decoder's
//! CPU time: every stage is linear in the paste.
//!
//! An input is a recipe: its first byte picks the length (32 KB << (byte % 4)); the rest is
//! up to four pieces separated by NUL bytes, written one after the other, over and over.
#![no_main]

use errdex::decode::{Decoder, MAX_ERRORS, Report};
use errdex::index::Index;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use std::time::Duration;

static INDEX: LazyLock<Index> = LazyLock::new(Index::embedded);

thread_local! {
    static DECODER: Decoder<'static> = Decoder::new(&INDEX);
}

/// Doubling the input may take this many times as long (2, and room for noise)...
const RATIO: f64 = 3.0;
/// ...once the doubled input takes at least this long: below it, noise decides.
const MEASURABLE: Duration = Duration::from_millis(40);

/// CPU time of this thread: other work on the machine does not count.
fn cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn timed(text: &str) -> (Report, Duration) {
    let start = cpu();
    let decoded = DECODER.with(|d| d.decode(text));
    (decoded, cpu() - start)
}

/// The text a recipe makes, of about `len` bytes.
fn build(pieces: &[String], len: usize) -> String {
    let round: String = pieces.concat();
    let mut text = String::with_capacity(len + round.len());
    while text.len() < len {
        text.push_str(&round);
    }
    text
}

fuzz_target!(|data: &[u8]| {
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    let pieces: Vec<String> = rest
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .take(4)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    if pieces.is_empty() {
        return;
    }
    let len = (32 << 10) << (size % 4);
    let text = build(&pieces, len);
    let (decoded, once) = timed(&text);
    assert!(decoded.errors.len() <= MAX_ERRORS);
    let doubled = text.repeat(2);
    let (decoded, twice) = timed(&doubled);
    assert!(decoded.errors.len() <= MAX_ERRORS);
    if twice >= MEASURABLE && twice.as_secs_f64() > RATIO * once.as_secs_f64() {
        // Measured again before it counts: a page fault or a cold cache is not the decoder.
        let once = timed(&text).1.min(once);
        let twice = timed(&doubled).1.min(twice);
        assert!(
            twice < MEASURABLE || twice.as_secs_f64() <= RATIO * once.as_secs_f64(),
            "super-linear: {} bytes of {:?} decode in {once:?}, twice as many in {twice:?}",
            text.len(),
            pieces,
        );
    }
});

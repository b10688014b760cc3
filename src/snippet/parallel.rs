//! The per-code work of a large enum (naming, documentation lines) on two threads: it is most
//! of the time of an enum of a big user catalog, and each code's is independent of the others.
//! [`map`] gives what `items.iter().map(f)` gives, in order (tested against it).

/// Below this many items, a second thread costs more than it saves.
const MIN_ITEMS: usize = 4096;

/// `items.iter().map(f).collect()`, the second half on another thread for large inputs.
pub(super) fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if items.len() < MIN_ITEMS {
        return items.iter().map(f).collect();
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let later = s.spawn(|| second.iter().map(&f).collect::<Vec<U>>());
        let mut out: Vec<U> = Vec::with_capacity(items.len());
        out.extend(first.iter().map(&f));
        match later.join() {
            Ok(rest) => out.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_what_a_plain_map_gives_in_order_at_every_size() {
        for n in [
            0,
            1,
            MIN_ITEMS - 1,
            MIN_ITEMS,
            MIN_ITEMS + 1,
            3 * MIN_ITEMS + 7,
        ] {
            let items: Vec<usize> = (0..n).collect();
            let plain: Vec<String> = items.iter().map(|i| format!("{i}:{}", i * 7)).collect();
            assert_eq!(map(&items, |i| format!("{i}:{}", i * 7)), plain, "{n}");
        }
    }
}

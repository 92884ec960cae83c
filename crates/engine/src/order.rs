//! Sorting the page's lists with one copy of the sort code.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call is its own
//! copy of the standard library's sort in the page's wasm, 2–5 KB each. [`sort_by`] sorts
//! indices instead, in one non-generic stable sort, and then moves the elements into place:
//! what is generic per call is a comparison and a loop of swaps. The lists sorted this way
//! (an article's spans, a workspace's articles, a comparison's disagreements) are at most a
//! few thousand long. The rule engine's hot sorts stay on the standard library's.
//!
//! Collecting into a `BTreeSet` or `BTreeMap` sorts too: `FromIterator` sorts the items
//! before it builds the tree, a copy of the stable sort per item type. [`set`] and [`map`]
//! insert them one by one instead, which for the few items the page collects costs nothing.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| compare(&items[a], &items[b]));
    // `order[i]` is the index of the element that belongs at `i`: follow each cycle once.
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = std::mem::replace(&mut order[at], at);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `items` stably by `key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.collect::<BTreeSet<_>>()`, without its sort.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// `items.collect::<BTreeMap<_, _>>()`, without its sort: a key given twice keeps its last
/// value, as there.
pub fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(items);
    map
}

#[inline(never)]
fn sort_indices(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 10, 100, 1000] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std = items.clone();
            std.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std, "len {len}");
            let mut reversed = items;
            sort_by(&mut reversed, |a, b| b.cmp(a));
            assert!(reversed.windows(2).all(|w| w[0] >= w[1]));
        }
    }

    #[test]
    fn sets_and_maps_are_what_collect_makes() {
        let items = [(3, "c"), (1, "a"), (3, "last"), (2, "b")];
        assert_eq!(
            set(items.iter().map(|p| p.0)),
            items.iter().map(|p| p.0).collect()
        );
        assert_eq!(map(items), items.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(map(items)[&3], "last");
    }
}

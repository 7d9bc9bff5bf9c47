//! Stable sorting that shares one copy of the standard library's sort.
//!
//! Each `sort`, `sort_by` or `sort_by_key` call with its own element type or closure compiles
//! a whole copy of the standard library's stable sort into the wasm, 2–3 KB each: the app's
//! dozen sorts cost about 40 KB that way. These functions put a list of positions in order
//! instead, through one sort that compares by a function pointer, and then move the items. Use
//! them for every sort the app runs; tests and host tools may use the standard ones.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(
        order
            .into_iter()
            .map(|from| slots[from].take().expect("each position is taken once")),
    );
}

/// Sorts `items` by `key`, keeping equal items in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them, equal ones as they were.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(key, _)| key);
            let mut std = items.clone();
            std.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(&ours, &std);

            let mut natural = items.clone();
            sort(&mut natural);
            let mut std_natural = items;
            std_natural.sort();
            prop_assert_eq!(natural, std_natural);
        }
    }

    #[test]
    fn a_reversed_comparison_sorts_descending_keeping_ties_in_order() {
        let mut words = vec!["bb", "a", "cc", "d", "ee"];
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["bb", "cc", "ee", "a", "d"]);
    }
}

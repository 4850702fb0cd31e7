//! A stable sort compiled once. The standard library's sort is generic over the items and
//! the comparison, so every list of another type sorted by it is another copy of it in the
//! WebAssembly (about 4 KB each); [`sort_stable`] sorts positions, through one comparison
//! of positions, and then moves the items.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in the order they had (as `sort_by`
/// does). `order` is room for the positions, kept by a caller that sorts often.
pub fn sort_stable<T>(
    items: &mut [T],
    order: &mut Vec<usize>,
    compare: &dyn Fn(&T, &T) -> Ordering,
) {
    order.clear();
    order.extend(0..items.len());
    sort_positions(order, &|first, second| {
        compare(&items[first], &items[second])
    });
    // `order[place]` is where the item that goes to `place` is now; follow each cycle of
    // moves once, marking the places done.
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut place = start;
        while order[place] != DONE {
            let from = order[place];
            order[place] = DONE;
            if from == start {
                break;
            }
            items.swap(place, from);
            place = from;
        }
    }
}

/// The one compiled sort: positions, by a comparison of the items at them.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|first, second| compare(*first, *second));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included.
        #[test]
        fn sorts_as_the_standard_library_does(keys in proptest::collection::vec(0u8..6, 0..80)) {
            let items: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut sorted = items;
            sort_stable(&mut sorted, &mut Vec::new(), &|a, b| a.0.cmp(&b.0));
            prop_assert_eq!(sorted, expected);
        }
    }
}

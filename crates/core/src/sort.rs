//! One small sort for the code that runs in the browser. `slice::sort_unstable_by` instantiates
//! its pattern-defeating quicksort (with small-sort, heapsort and partition helpers, 2–5 KB of
//! wasm) once per call site; this heapsort is a few hundred bytes per site, O(n log n) in the
//! worst case and in place. It is not stable: callers give a total order (ties broken by a
//! unique key), which makes the result deterministic.

use std::cmp::Ordering;

/// Sorts `v` in place by `cmp` (which must be a total order for a deterministic result).
///
/// ```
/// let mut v = [5, 1, 4, 1, 3];
/// yuedu_core::sort::sort_by(&mut v, |a, b| a.cmp(b));
/// assert_eq!(v, [1, 1, 3, 4, 5]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    for start in (0..n / 2).rev() {
        sift_down(v, start, n, &mut cmp);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &mut cmp);
    }
}

fn sift_down<T>(v: &mut [T], mut node: usize, end: usize, cmp: &mut impl FnMut(&T, &T) -> Ordering) {
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && cmp(&v[child], &v[child + 1]) == Ordering::Less {
            child += 1;
        }
        if cmp(&v[node], &v[child]) != Ordering::Less {
            return;
        }
        v.swap(node, child);
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_standard_sort(mut v in proptest::collection::vec((0u8..20, any::<u16>()), 0..300)) {
            let mut expected = v.clone();
            expected.sort();
            sort_by(&mut v, |a, b| a.cmp(b));
            prop_assert_eq!(v, expected);
        }
    }

    #[test]
    fn a_large_input_stays_n_log_n() {
        let mut v: Vec<u32> = (0..200_000).rev().collect();
        let mut compares = 0u64;
        sort_by(&mut v, |a, b| {
            compares += 1;
            a.cmp(b)
        });
        assert!(v.windows(2).all(|w| w[0] <= w[1]));
        assert!(compares < 200_000 * 40, "{compares} comparisons");
    }
}

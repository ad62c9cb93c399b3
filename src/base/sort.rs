//! One small in-place heap sort. Core's sorts are faster on large inputs,
//! but each instantiation costs the browser build kilobytes, and the engine
//! sorts only short lists (causes, a condition's symptoms, fix ids) per call.

/// Sorts `v` so that no element is `less` than the one before it. Not
/// stable: every caller breaks ties itself.
pub(crate) fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let len = v.len();
    for start in (0..len / 2).rev() {
        sift_down(v, start, len, &less);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end, &less);
    }
}

fn sift_down<T>(v: &mut [T], mut node: usize, end: usize, less: &impl Fn(&T, &T) -> bool) {
    loop {
        let mut child = 2 * node + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&v[child], &v[child + 1]) {
            child += 1;
        }
        if !less(&v[node], &v[child]) {
            return;
        }
        v.swap(node, child);
        node = child;
    }
}

/// Heaviest first, ties by index: how causes and rules are ranked for reasons.
pub(crate) fn by_weight_desc(v: &mut [(usize, f64)]) {
    sort_by(v, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)).is_lt());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::synth::Rng;
    use crate::prelude::*;

    #[test]
    fn sorts_like_core() {
        let mut rng = Rng::new(7);
        for len in 0..60 {
            let mut v: Vec<u64> = (0..len).map(|_| rng.next_u64() % 20).collect();
            let mut want = v.clone();
            want.sort_unstable();
            sort_by(&mut v, |a, b| a < b);
            assert_eq!(v, want);
        }
        let mut w = vec![(2, 0.5), (0, 0.9), (1, 0.5), (3, f64::NAN)];
        by_weight_desc(&mut w);
        let order: Vec<usize> = w.iter().map(|p| p.0).collect();
        assert_eq!(order, [3, 0, 1, 2]);
    }
}

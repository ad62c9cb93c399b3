//! The few float operations the core needs that `core` does not offer on
//! stable Rust (std has them, but the shipped wasm is built without std).

/// Whether `x` is a whole number, as `x.fract() == 0.0`.
pub fn is_whole(x: f64) -> bool {
    // From 2^52 up every float is whole; below it the cast is exact.
    x.is_finite() && (x.abs() >= 4_503_599_627_370_496.0 || x == x as i64 as f64)
}

/// `x.round() as u64` for x ≥ 0: ties round up, as `round` does, and
/// magnitudes past u64 saturate, as `as` does.
pub fn round_u64(x: f64) -> u64 {
    let whole = x as u64;
    // Exact below 2^53, where a fraction can exist: the difference of a
    // float and its whole part loses nothing.
    if x - whole as f64 >= 0.5 {
        whole.saturating_add(1)
    } else {
        whole
    }
}

/// 10^e by squaring, as `10f64.powi(e)` computes it.
pub fn pow10(e: i32) -> f64 {
    let (mut result, mut base, mut n) = (1.0, 10.0f64, e.unsigned_abs());
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        base *= base;
        n >>= 1;
    }
    if e < 0 {
        1.0 / result
    } else {
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_std() {
        let samples = [
            0.0,
            0.25,
            0.5,
            0.49999999999999994,
            1.0,
            1.5,
            2.5,
            7.0,
            1e9,
            123456.789,
            3e15,
            4503599627370495.5,
            1e18,
            1.8446744073709552e19,
            1e30,
            f64::INFINITY,
            f64::NAN,
        ];
        for x in samples {
            assert_eq!(is_whole(x), x.fract() == 0.0, "{x}");
            assert_eq!(is_whole(-x), (-x).fract() == 0.0, "{x}");
            assert_eq!(round_u64(x), x.round() as u64, "{x}");
            assert_eq!(round_u64(-x), (-x).round() as u64, "{x}");
        }
        assert!(!is_whole(0.1));
        for e in -400..=400 {
            assert_eq!(pow10(e).to_bits(), 10f64.powi(e).to_bits(), "{e}");
        }
    }
}

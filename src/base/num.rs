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

/// `digits × 10^exponent` (digits are 0–9, most significant first),
/// correctly rounded to the nearest f64, ties to even; `None` past
/// `f64::MAX`. Exact integer arithmetic: the quotient of the two sides,
/// scaled to 53 bits, and its remainder decide the rounding. For the rare
/// number the JSON reader's fast path cannot take; core's parser would do
/// the same but costs the wasm 17 KB in tables.
pub fn decimal_to_f64(digits: &[u8], exponent: i32) -> Option<f64> {
    let mut num = Big::default();
    let (mut chunk, mut scale) = (0, 1);
    for &d in digits {
        chunk = chunk * 10 + u32::from(d);
        scale *= 10;
        if scale == 1_000_000_000 {
            num.mul_add(scale, chunk);
            (chunk, scale) = (0, 1);
        }
    }
    num.mul_add(scale, chunk);
    if num.0.is_empty() {
        return Some(0.0);
    }
    let mut den = Big(vec![1]);
    if exponent >= 0 {
        num.mul_pow10(exponent.unsigned_abs());
    } else {
        den.mul_pow10(exponent.unsigned_abs());
    }
    // num / den · 2^s < 2^53 for this s; one more bit if it falls below 2^52.
    // Past 2^-1074 (s > 1074) the result is subnormal: fewer bits.
    let mut s = (52 - (num.bits() as i64 - den.bits() as i64)).min(1074);
    let (mut q, mut rest, mut b) = divide(&num, &den, s);
    if q < 1 << 52 && s < 1074 {
        s += 1;
        (q, rest, b) = divide(&num, &den, s);
    }
    rest.shl(1);
    let up = match rest.cmp(&b) {
        core::cmp::Ordering::Greater => true,
        core::cmp::Ordering::Equal => q & 1 == 1,
        core::cmp::Ordering::Less => false,
    };
    q += u64::from(up);
    if q == 1 << 53 {
        q = 1 << 52;
        s -= 1;
    }
    if q < 1 << 52 {
        return Some(f64::from_bits(q)); // subnormal, or the smallest normal
    }
    let biased = 52 - s + 1023;
    (biased <= 2046).then(|| f64::from_bits(((biased as u64) << 52) | (q & ((1 << 52) - 1))))
}

/// floor(num · 2^s / den), below 2^53, with the remainder and the divisor
/// it is a remainder of.
fn divide(num: &Big, den: &Big, s: i64) -> (u64, Big, Big) {
    let (mut a, mut b) = (num.clone(), den.clone());
    if s >= 0 {
        a.shl(s as u32);
    } else {
        b.shl(s.unsigned_abs() as u32);
    }
    let mut step = b.clone();
    step.shl(52);
    let mut q = 0u64;
    for bit in (0..=52).rev() {
        if a.cmp(&step) != core::cmp::Ordering::Less {
            a.sub(&step);
            q |= 1 << bit;
        }
        step.shr1();
    }
    (q, a, b)
}

/// A natural number as 32-bit limbs, least significant first, with no
/// leading zero limbs.
#[derive(Clone, Default)]
struct Big(alloc::vec::Vec<u32>);

impl Big {
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e >= 9 {
            self.mul_add(1_000_000_000, 0);
            e -= 9;
        }
        self.mul_add((0..e).fold(1, |p, _| p * 10), 0);
    }

    fn bits(&self) -> u32 {
        self.0
            .last()
            .map_or(0, |top| 32 * self.0.len() as u32 - top.leading_zeros())
    }

    fn shl(&mut self, n: u32) {
        if self.0.is_empty() {
            return;
        }
        let mut out = alloc::vec![0; (n / 32) as usize];
        let mut carry = 0;
        for &x in &self.0 {
            let wide = u64::from(x) << (n % 32);
            out.push(wide as u32 | carry);
            carry = (wide >> 32) as u32;
        }
        if carry > 0 {
            out.push(carry);
        }
        self.0 = out;
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let x = *limb;
            *limb = (x >> 1) | carry;
            carry = x << 31;
        }
        self.trim();
    }

    /// self − other, for other ≤ self.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let o = other.0.get(i).copied().unwrap_or(0);
            let (x, b1) = limb.overflowing_sub(o);
            let (x, b2) = x.overflowing_sub(borrow);
            *limb = x;
            borrow = u32::from(b1 || b2);
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> core::cmp::Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
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
    }
}

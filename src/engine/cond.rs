//! Resolved conditions and Kleene three-valued evaluation.

use crate::prelude::*;

use super::value::Value;

/// A comparison operator of the condition language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn is_ordering(self) -> bool {
        !matches!(self, CmpOp::Eq | CmpOp::Ne)
    }
}

/// Definitely true, definitely false, or not known yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

/// A condition whose names are symptom indices, ready to evaluate.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    Const(bool),
    Flag(usize),
    Compare(usize, CmpOp, Value),
    In(usize, Vec<Value>),
    Not(Box<Cond>),
    And(Vec<Cond>),
    Or(Vec<Cond>),
}

impl Cond {
    /// Evaluates against observations indexed by symptom; `None` is unknown.
    pub fn eval(&self, observed: &[Option<Value>]) -> Tri {
        let get = |symptom: usize| observed.get(symptom).and_then(Option::as_ref);
        match self {
            Cond::Const(b) => Tri::from_bool(*b),
            Cond::Flag(s) => match get(*s) {
                Some(Value::Bool(b)) => Tri::from_bool(*b),
                _ => Tri::Unknown,
            },
            Cond::Compare(s, op, want) => get(*s).map_or(Tri::Unknown, |v| compare(v, *op, want)),
            Cond::In(s, values) => match get(*s) {
                Some(v) => Tri::from_bool(values.iter().any(|w| same(v, w))),
                None => Tri::Unknown,
            },
            Cond::Not(inner) => inner.eval(observed).not(),
            // Kleene: one false decides `and`, one true decides `or`.
            Cond::And(parts) => fold(parts, observed, Tri::False),
            Cond::Or(parts) => fold(parts, observed, Tri::True),
        }
    }

    /// The numbers this condition compares `symptom` with.
    pub fn numbers(&self, symptom: usize, out: &mut Vec<f64>) {
        let mut push = |v: &Value| {
            if let Value::Number(n) = v {
                out.push(*n);
            }
        };
        match self {
            Cond::Compare(s, _, v) if *s == symptom => push(v),
            Cond::In(s, vs) if *s == symptom => vs.iter().for_each(push),
            Cond::Not(inner) => inner.numbers(symptom, out),
            Cond::And(parts) | Cond::Or(parts) => {
                parts.iter().for_each(|p| p.numbers(symptom, out))
            }
            _ => {}
        }
    }

    /// Every symptom this condition reads, in order, possibly repeated.
    pub fn symptoms(&self, out: &mut Vec<usize>) {
        match self {
            Cond::Const(_) => {}
            Cond::Flag(s) | Cond::Compare(s, _, _) | Cond::In(s, _) => out.push(*s),
            Cond::Not(inner) => inner.symptoms(out),
            Cond::And(parts) | Cond::Or(parts) => parts.iter().for_each(|p| p.symptoms(out)),
        }
    }
}

fn fold(parts: &[Cond], observed: &[Option<Value>], decisive: Tri) -> Tri {
    let mut unknown = false;
    for part in parts {
        match part.eval(observed) {
            Tri::Unknown => unknown = true,
            t if t == decisive => return decisive,
            _ => {}
        }
    }
    if unknown {
        Tri::Unknown
    } else {
        decisive.not()
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        _ => a == b,
    }
}

fn compare(observed: &Value, op: CmpOp, want: &Value) -> Tri {
    match op {
        CmpOp::Eq => Tri::from_bool(same(observed, want)),
        CmpOp::Ne => Tri::from_bool(!same(observed, want)),
        _ => match (observed, want) {
            (Value::Number(x), Value::Number(y)) => Tri::from_bool(match op {
                CmpOp::Lt => x < y,
                CmpOp::Le => x <= y,
                CmpOp::Gt => x > y,
                _ => x >= y,
            }),
            _ => Tri::Unknown,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(s: usize) -> Cond {
        Cond::Flag(s)
    }

    #[test]
    fn kleene_truth_tables() {
        let obs = [Some(Value::Bool(true)), Some(Value::Bool(false)), None];
        let (t, f, u) = (flag(0), flag(1), flag(2));
        let and = |a: &Cond, b: &Cond| Cond::And(vec![a.clone(), b.clone()]).eval(&obs);
        let or = |a: &Cond, b: &Cond| Cond::Or(vec![a.clone(), b.clone()]).eval(&obs);
        assert_eq!(and(&u, &f), Tri::False);
        assert_eq!(and(&u, &t), Tri::Unknown);
        assert_eq!(or(&u, &t), Tri::True);
        assert_eq!(or(&u, &f), Tri::Unknown);
        assert_eq!(Cond::Not(Box::new(u)).eval(&obs), Tri::Unknown);
        assert_eq!(and(&t, &t), Tri::True);
        assert_eq!(or(&f, &f), Tri::False);
    }

    #[test]
    fn comparisons_need_an_observation() {
        let obs = [Some(Value::Number(-36.0)), None];
        let is = |c: Cond| c.eval(&obs);
        assert_eq!(
            is(Cond::Compare(0, CmpOp::Eq, Value::Number(-36.0))),
            Tri::True
        );
        assert_eq!(
            is(Cond::Compare(0, CmpOp::Lt, Value::Number(0.0))),
            Tri::True
        );
        assert_eq!(
            is(Cond::Compare(1, CmpOp::Ne, Value::Number(0.0))),
            Tri::Unknown
        );
        assert_eq!(is(Cond::In(0, vec![Value::Number(-50.0)])), Tri::False);
        assert_eq!(is(Cond::In(1, vec![Value::Number(-50.0)])), Tri::Unknown);
    }
}

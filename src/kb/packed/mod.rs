//! The compiled form the widget loads: a validated knowledge base with every
//! reference resolved to an index and every condition parsed. Reading it
//! checks shape and bounds only, so the browser needs neither the source
//! format nor the validator, and a damaged file is an error, never a panic.

mod read;
mod write;

pub use read::from_json;
pub use write::to_json;
#[cfg(target_arch = "wasm32")]
pub(crate) use write::write_groups;
pub(crate) use write::write_value;

use crate::expr::CmpOp;

/// Version of the compiled format; a reader refuses any other.
pub const COMPILED_FORMAT: u32 = 2;

/// Comparison operators as the compiled form spells them.
const OPS: [(&str, CmpOp); 6] = [
    ("==", CmpOp::Eq),
    ("!=", CmpOp::Ne),
    ("<", CmpOp::Lt),
    ("<=", CmpOp::Le),
    (">", CmpOp::Gt),
    (">=", CmpOp::Ge),
];

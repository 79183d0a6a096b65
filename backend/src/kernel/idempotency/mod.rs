//! Idempotent creates: a retried submit with the same `Idempotency-Key` gets the first answer again
//! instead of making a duplicate.

pub mod actions;
pub mod queries;

pub use actions::*;

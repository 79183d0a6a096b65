//! Writing and querying the audit log (Data Protection Act 2018 s.62: collection, alteration,
//! consultation, disclosure, combination and erasure of personal data, with who and when).

pub mod actions;
pub mod queries;

pub use actions::*;

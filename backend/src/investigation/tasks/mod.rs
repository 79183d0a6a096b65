//! Tasks (actions) on crimes, the "my work" inbox, and drafts saved as the officer types.

pub mod actions;
pub mod routes;

pub use actions::*;

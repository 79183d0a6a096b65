//! Organisations, objects and locations: one generic create / read / update path, so each kind only
//! says how it is checked, stored and shown.

pub mod actions;
pub mod routes;

pub use actions::*;

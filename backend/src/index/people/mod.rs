//! People: create (with duplicate checks left to the officer), read (audited, with purpose for
//! restricted records), update (optimistic concurrency), merge and unmerge (reversible, audited), warning markers
//! (added by any force that may add, ended only by the owner with a reason), and notes any force
//! that may add to the person writes, attributed and never edited.

pub mod actions;
pub mod markers;
pub mod notes;
pub mod queries;
pub mod routes;

pub use actions::*;
pub use markers::{add_marker, end_marker};
pub use notes::add_note;

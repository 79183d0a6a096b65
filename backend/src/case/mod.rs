//! Case: witness statements and the unused-material register kept on a crime, and the prosecution
//! case file built from them, from the crime and from its custody records.
//!
//! A file's content is never typed twice: [`assemble`] draws it from the records each time it is
//! read. What is stored on the file is only what officers write on it (each save a new version of the
//! document; a certified version is never changed), each submission exactly as sent, and the CPS's
//! decisions. Readiness is `bluelamp_shared::case::readiness`, the same function the browser runs.
//! The CPS reads the file as submitted through its partner account; every send, read and decision is
//! audited.

pub mod actions;
pub mod pdf;
pub mod queries;
pub mod routes;

pub use actions::*;

//! The shared index: people, organisations, objects and locations, the links between records, names and search, and reference data.

pub mod corrections;
pub mod links;
pub mod names;
pub mod people;
pub mod queries;
pub mod records;
pub mod reference;
pub mod search;

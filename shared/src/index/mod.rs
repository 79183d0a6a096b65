//! The shared index: people, objects, locations, organisations, the typed links between them, and
//! the one search box across them. What every record has (kind, owning force, restriction) is a
//! kernel type in [`crate::records`], because every area's records carry it.

pub mod corrections;
pub mod links;
pub mod locations;
pub mod objects;
pub mod organisations;
pub mod people;
pub mod search;

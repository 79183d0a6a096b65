//! The shared index: search across it, a person's page and form, and the pages of
//! organisations, objects and locations.

pub mod person;
pub mod person_form;
pub mod records;
pub mod search;

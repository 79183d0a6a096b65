//! One module per route (see [`crate::routes::Page`]).

pub mod admin;
pub mod case;
pub mod custody;
pub mod home;
pub mod intelligence;
pub mod investigation;
pub mod not_found;
pub mod person;
pub mod person_form;
pub mod records;
pub mod search;
pub mod sign_in;

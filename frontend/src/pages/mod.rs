//! One folder per area (index, investigation, intelligence, custody, case, admin, retention) and the
//! single pages (home, sign-in and its return from single sign-on, not found); each route's component is in one of them (see
//! [`crate::routes::Page`]).

pub mod account;
pub mod admin;
pub mod case;
pub mod custody;
pub mod home;
pub mod index;
pub mod intelligence;
pub mod investigation;
pub mod not_found;
pub mod retention;
pub mod sign_in;
pub mod sign_in_callback;

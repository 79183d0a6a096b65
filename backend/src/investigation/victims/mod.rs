//! Victims: care under the Victims' Code, update deadlines as tasks, the contact log, referrals to
//! victim services (never twice), DASH with a pre-filled MARAC referral task.

pub mod actions;
pub mod routes;
mod view;

pub use actions::*;
pub use view::for_crime;

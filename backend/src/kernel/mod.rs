//! The kernel: what every area stands on and that imports no area. Authentication and sessions, the one access gate (force, sharing agreement, restriction), audit, idempotency, forces and user accounts.

pub mod access;
pub mod audit;
pub mod auth;
pub mod forces;
pub mod idempotency;
pub mod numbering;
pub mod paging;
pub mod spreadsheet;
pub mod users;

//! Administration of the consortium: sharing agreements between forces, partner organisations and
//! the force's custody suites (the forces themselves are in `crate::forces`).

pub mod agreements;
pub mod bulk_users;
pub mod partners;
pub mod suites;
pub mod units;

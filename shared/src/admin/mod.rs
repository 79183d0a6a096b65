//! Administration of the consortium: sharing agreements between forces and the force's custody
//! suites (the forces themselves are in `crate::forces`).

pub mod agreements;
pub mod suites;

//! Administration: the consortium's forces, their sharing agreements, the reference lists, the force's
//! custody suites and user accounts, and the audit log.

pub mod agreements;
pub mod agreements_routes;
pub mod audit_routes;
pub mod forces;
pub mod forces_routes;
pub mod partners;
pub mod partners_routes;
pub mod reference;
pub mod reference_routes;
pub mod routes;
pub mod suites;
pub mod suites_routes;
pub mod units;
pub mod units_routes;
pub mod users;

//! Administration: the force's user accounts, the audit log and the list of forces.

pub mod audit_routes;
pub mod forces_routes;
pub mod routes;
pub mod users;

//! Intelligence: submission (any officer), the protected source register, evaluation and
//! sanitisation by the intelligence unit, dissemination under handling codes, legacy 5x5x5 imports.
//!
//! A report is an event of the shared index. Until it is disseminated it is restricted to the force's
//! intelligence officers (and its submitter), so the one [`Visibility`] keeps it out of every search,
//! link and count for anyone else; once disseminated without a need-to-know restriction it is seen by
//! the consortium as the sharing agreement allows. Every read is audited with its purpose.

pub mod actions;
pub mod queries;
pub mod routes;

pub use actions::*;

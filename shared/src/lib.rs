//! Types, error codes and validation rules that the Bluelamp server and the browser app both compile.
//!
//! Nothing in here may depend on a database driver or a web server: this crate builds for
//! `wasm32-unknown-unknown` so that a form in the browser applies exactly the same rules as the API.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod bounds;
pub mod case;
pub mod custody;
pub mod custody_clocks;
pub mod error;
pub mod forces;
pub mod ids;
pub mod index;
pub mod intelligence;
pub mod investigation;
pub mod paging;
pub mod records;
pub mod reference;
pub mod retention;
pub mod sso;
pub mod users;
pub mod validation;

/// The prefix under which every versioned API route lives.
pub const API_PREFIX: &str = "/api/v1";

/// Header carrying a client-chosen key that makes a create request safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// Header carrying the request id the server assigned (echoed on every response).
pub const REQUEST_ID_HEADER: &str = "X-Request-Id";

/// Header with which a caller states why it needs to see a restricted record.
pub const PURPOSE_HEADER: &str = "X-Access-Purpose";

//! Administration: the consortium's forces, their sharing agreements, the reference lists, the force's
//! custody suites and user accounts, and the audit log.

pub mod agreements;
pub mod agreements_routes;
pub mod audit_routes;
pub mod forces;
pub mod forces_routes;
pub mod identity_provider;
pub mod identity_provider_routes;
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

use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::error::FieldError;

/// Creates an administrative record the one way: a retry with the same idempotency key gets the first
/// answer; every fault `check` finds (the request's rules and what needs the database, such as a code
/// already taken) is answered at once, sorted by path; then `insert` runs in the same transaction with
/// what `check` worked out on the way (`C`, such as the force that will own the record), and its answer
/// is kept for retries.
pub(crate) async fn create_checked<R, C, T>(
    db: &Db,
    caller: &Caller,
    req: R,
    key: Option<String>,
    check: impl FnOnce(&mut AnyConnection, &Caller, &R) -> Result<(Vec<FieldError>, C), ApiError> + Send + 'static,
    insert: impl FnOnce(&mut AnyConnection, &Caller, &R, C) -> Result<T, ApiError> + Send + 'static,
) -> Result<Outcome<T>, ApiError>
where
    R: serde::Serialize + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let hash = idempotency::request_hash(&req);
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let (mut errors, context) = check(conn, &c, &req)?;
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            return Err(ApiError::validation(errors));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            insert(conn, &c, &req, context)
        })
    })
    .await
}

//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::kernel::idempotency::queries;
use bluelamp_shared::error::{ErrorCode, FieldError};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The outcome of an idempotent create.
pub enum Outcome<T> {
    /// Created now.
    Created(T),
    /// Created by an earlier request with the same key: its stored answer.
    Replayed {
        /// HTTP status of the first answer.
        status: u16,
        /// JSON body of the first answer.
        body: String,
    },
}

/// Checks an `Idempotency-Key` header value.
pub fn parse_key(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    match raw {
        None => Ok(None),
        Some(k) if (8..=200).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) => {
            Ok(Some(k.to_owned()))
        }
        Some(_) => Err(ApiError::validation(vec![FieldError::new(
            "Idempotency-Key",
            "format",
            "The Idempotency-Key header must be 8 to 200 visible ASCII characters (a UUID is ideal)",
        )])),
    }
}

/// A stable hash of the request body.
pub fn request_hash<R: Serialize>(req: &R) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(req).unwrap_or_default()))
}

/// The stored answer for (user, key), if any; an error if the key was used for another request.
pub fn replay<T>(
    conn: &mut AnyConnection,
    user_id: &str,
    key: &str,
    hash: &str,
) -> Result<Option<Outcome<T>>, ApiError> {
    let Some(stored) = queries::find(conn, user_id, key)? else {
        return Ok(None);
    };
    if stored.request_hash != hash {
        return Err(ApiError::code(
            ErrorCode::IdempotencyKeyReused,
            "This Idempotency-Key was used for a different request; use a new key for a new record",
        ));
    }
    Ok(Some(Outcome::Replayed {
        status: u16::try_from(stored.status_code).unwrap_or(200),
        body: stored.response_body,
    }))
}

/// Runs `create` at most once per (user, key), inside the caller's transaction.
pub fn run<T: Serialize>(
    conn: &mut AnyConnection,
    user_id: &str,
    key: Option<&str>,
    hash: &str,
    status: u16,
    create: impl FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
) -> Result<Outcome<T>, ApiError> {
    let Some(key) = key else {
        return create(conn).map(Outcome::Created);
    };
    if let Some(replayed) = replay(conn, user_id, key, hash)? {
        return Ok(replayed);
    }
    let created = create(conn)?;
    let body = serde_json::to_string(&created).map_err(ApiError::internal)?;
    queries::store(conn, user_id, key, hash, status, &body)?;
    Ok(Outcome::Created(created))
}

/// The stored answer for a retried create, looked up before any validation (so a retry of an answered
/// request is never refused for a value the first request itself took).
pub async fn replay_early<T: Send + 'static>(
    db: &crate::db::Db,
    user_id: &str,
    key: Option<&str>,
    hash: &str,
) -> Result<Option<Outcome<T>>, ApiError> {
    let Some(k) = key.map(str::to_owned) else {
        return Ok(None);
    };
    let (uid, h) = (user_id.to_owned(), hash.to_owned());
    db.read(move |conn| replay(conn, &uid, &k, &h)).await
}

//! HTTP conventions shared by the handlers: ETags, `If-Match`, idempotency keys, created responses.

use crate::error::ApiError;
use crate::kernel::idempotency::{self, Outcome};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use bluelamp_shared::error::ErrorCode;
use serde::Serialize;

/// The ETag of a record version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The version named by a request's `If-Match` header (required on updates).
pub fn if_match_version(req: &HttpRequest) -> Result<i64, ApiError> {
    let raw = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or_else(|| {
            ApiError::code(
                ErrorCode::PreconditionRequired,
                "Send the ETag you read as If-Match, so a change made meanwhile is not overwritten",
            )
        })?
        .to_str()
        .map_err(|_| ApiError::malformed("If-Match is not readable"))?;
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i64>()
        .map_err(|_| ApiError::malformed("If-Match must be an ETag this server issued, such as \"3\""))
}

/// The request's `Idempotency-Key`, checked.
pub fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let raw = req
        .headers()
        .get(bluelamp_shared::IDEMPOTENCY_KEY_HEADER)
        .map(|v| {
            v.to_str()
                .map_err(|_| ApiError::malformed("Idempotency-Key is not readable"))
        })
        .transpose()?;
    idempotency::parse_key(raw)
}

/// 200 with an ETag.
pub fn ok_with_etag<T: Serialize>(body: &T, version: i64) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}

/// 201 (or the replayed first answer) with Location and ETag.
pub fn created<T: Serialize>(
    outcome: Outcome<T>,
    location: impl Fn(&T) -> String,
    version: impl Fn(&T) -> i64,
) -> HttpResponse {
    match outcome {
        Outcome::Created(v) => HttpResponse::Created()
            .insert_header((header::LOCATION, location(&v)))
            .insert_header((header::ETAG, etag(version(&v))))
            .json(v),
        Outcome::Replayed { status, body } => {
            HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
                .insert_header(("Idempotent-Replayed", "true"))
                .content_type("application/json")
                .body(body)
        }
    }
}

/// The purpose stated in `X-Access-Purpose`, if any.
pub fn purpose(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(bluelamp_shared::PURPOSE_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Today's date (UTC) for date rules.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Parses a `{id}` path segment; an unparseable id is simply not found.
pub fn path_uuid(raw: &str, what: &str) -> Result<uuid::Uuid, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found(what))
}

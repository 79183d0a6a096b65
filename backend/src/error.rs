//! The application error: every failure a handler can return, answered as RFC 9457 problem details.
//!
//! Three tiers, as in crates.io: `anyhow` outside requests (CLI, start-up), `diesel::QueryResult` in
//! model code, and [`ApiError`] in services and handlers. Client errors carry their problem; anything
//! unexpected is logged with its cause (inside the request's span, so with the request id) and answered
//! as an opaque 500.

use crate::kernel::access::Refusal;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use bluelamp_shared::error::{ErrorCode, FieldError, Problem};
use std::fmt;

/// The problem-details media type.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answered to the client.
pub enum ApiError {
    /// A client error with its problem details.
    Problem(Box<Problem>),
    /// A record the access gate refused: answered exactly as not found (or as forbidden, for a change
    /// the caller may not make to a record they can see); the refusal is audited for the owning force
    /// after the request's transaction rolls back.
    Hidden(Box<Refusal>),
    /// A dependency is down (503); the cause is logged.
    Unavailable(String),
    /// An unexpected failure (500); the cause is logged, never sent.
    Internal(anyhow::Error),
}

impl ApiError {
    /// A problem of `code` with a detail sentence.
    pub fn code(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self::Problem(Box::new(Problem::new(code).with_detail(detail)))
    }

    /// 422 with every field at fault.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let n = errors.len();
        Self::Problem(Box::new(
            Problem::new(ErrorCode::ValidationFailed)
                .with_detail(format!(
                    "{n} field{} need{} correcting",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" }
                ))
                .with_errors(errors),
        ))
    }

    /// The same error with a field's path renamed (a request whose field another use case names
    /// differently, such as a partner's `reference` kept as a `collar_number`).
    pub fn rename_field(self, from: &str, to: &str) -> Self {
        match self {
            Self::Problem(mut p) => {
                for e in p.errors.iter_mut().filter(|e| e.path == from) {
                    e.path = to.to_owned();
                }
                Self::Problem(p)
            }
            other => other,
        }
    }

    /// 400 for a request that could not be read.
    pub fn malformed(detail: impl Into<String>) -> Self {
        Self::code(ErrorCode::MalformedRequest, detail)
    }

    /// 404.
    pub fn not_found(what: &str) -> Self {
        Self::code(
            ErrorCode::NotFound,
            format!("No {what} with that id is available to you"),
        )
    }

    /// Not found, for a record that exists outside the caller's sight.
    pub fn hidden(r: Refusal) -> Self {
        Self::Hidden(Box::new(r))
    }

    /// The same failure naming the record as `what` when it is a not found (a victim reached through
    /// its crime is "no victim", whether the crime is missing or hidden).
    pub fn not_found_as(self, what: &str) -> Self {
        match self {
            Self::Problem(p) if p.code == ErrorCode::NotFound => Self::not_found(what),
            Self::Hidden(mut r) if r.forbidden.is_none() => {
                r.answer_as = what.to_owned();
                Self::Hidden(r)
            }
            other => other,
        }
    }

    /// 403.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::code(ErrorCode::Forbidden, detail)
    }

    /// 409.
    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::code(ErrorCode::Conflict, detail)
    }

    /// 412 with the record's current ETag.
    pub fn precondition_failed(current_etag: String) -> Self {
        let mut p = Problem::new(ErrorCode::PreconditionFailed)
            .with_detail("Someone else saved this record after you opened it. Reload it, check their changes, then apply yours again.");
        p.current_etag = Some(current_etag);
        Self::Problem(Box::new(p))
    }

    /// 412 carrying the record as it is now, so a client can show what changed.
    pub fn precondition_failed_with<T: serde::Serialize>(current_etag: String, current: &T) -> Self {
        match Self::precondition_failed(current_etag) {
            Self::Problem(mut p) => {
                p.current = serde_json::to_value(current).ok();
                Self::Problem(p)
            }
            other => other,
        }
    }

    /// 503.
    pub fn unavailable(cause: impl Into<String>) -> Self {
        Self::Unavailable(cause.into())
    }

    /// 500.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::Internal(cause.into())
    }

    /// The problem body for this error (without the request id, which the middleware adds).
    pub fn problem(&self) -> Problem {
        match self {
            Self::Problem(p) => (**p).clone(),
            Self::Hidden(r) => match &r.forbidden {
                Some(why) => Problem::new(ErrorCode::Forbidden).with_detail(why.clone()),
                None => Self::not_found(&r.answer_as).problem(),
            },
            Self::Unavailable(_) => Problem::new(ErrorCode::ServiceUnavailable).with_detail(
                "The database is not answering. Your request was not applied; try again shortly.",
            ),
            Self::Internal(_) => Problem::new(ErrorCode::InternalError).with_detail(
                "Something went wrong on our side. Nothing was saved. Quote the request id if you report it.",
            ),
        }
    }

    /// The stable error code.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Self::Problem(p) => p.code,
            Self::Hidden(r) if r.forbidden.is_some() => ErrorCode::Forbidden,
            Self::Hidden(_) => ErrorCode::NotFound,
            Self::Unavailable(_) => ErrorCode::ServiceUnavailable,
            Self::Internal(_) => ErrorCode::InternalError,
        }
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Problem(p) => write!(f, "Problem({:?}: {:?})", p.code, p.detail),
            Self::Hidden(r) => write!(f, "Hidden({} {})", r.kind, r.id),
            Self::Unavailable(c) => write!(f, "Unavailable({c})"),
            Self::Internal(e) => write!(f, "Internal({e:#})"),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Problem(p) => write!(f, "{p}"),
            Self::Hidden(r) => match &r.forbidden {
                Some(why) => write!(f, "{why}"),
                None => write!(f, "no {} with that id is available to you", r.answer_as),
            },
            Self::Unavailable(c) => write!(f, "service unavailable: {c}"),
            Self::Internal(e) => write!(f, "internal error: {e:#}"),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match e {
            Error::NotFound => Self::code(ErrorCode::NotFound, "Not found"),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                tracing::info!(constraint = ?info.constraint_name(), "unique violation: {}", info.message());
                Self::conflict("A record with the same unique value already exists")
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                Self::unavailable(info.message().to_owned())
            }
            other => Self::internal(anyhow::Error::new(other)),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.error_code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Internal(e) => tracing::error!(error = %format!("{e:#}"), "unexpected failure"),
            Self::Unavailable(c) if c == crate::db::DATABASE_DOWN => tracing::debug!("database down: 503"),
            Self::Unavailable(c) => tracing::warn!(cause = %c, "dependency unavailable"),
            Self::Problem(p) if p.status >= 500 => tracing::error!(problem = ?p, "server problem"),
            Self::Problem(_) | Self::Hidden(_) => {}
        }
        problem_response(&self.problem())
    }
}

/// Renders a problem as an `application/problem+json` response.
pub fn problem_response(p: &Problem) -> HttpResponse {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut b = HttpResponse::build(status);
    b.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
    if p.code == ErrorCode::Unauthenticated || p.code == ErrorCode::SessionExpired {
        b.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    if p.code == ErrorCode::ServiceUnavailable {
        b.insert_header((header::RETRY_AFTER, "1"));
    }
    if p.code == ErrorCode::RateLimited {
        b.insert_header((header::RETRY_AFTER, "60"));
    }
    b.body(serde_json::to_string(p).unwrap_or_else(|_| "{}".to_owned()))
}

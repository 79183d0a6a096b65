//! Error codes and the RFC 9457 problem-details body every API error is answered with.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Stable, machine-readable error codes. The browser app and partner systems match on these, never on
/// the human-readable text, so a code is never renamed once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields are invalid; `errors` lists every one of them.
    ValidationFailed,
    /// The body, query string or a path parameter could not be read (bad JSON, wrong type).
    MalformedRequest,
    /// No valid access token was presented.
    Unauthenticated,
    /// The user name or password is wrong.
    InvalidCredentials,
    /// The account has multi-factor sign-in: send the code from the authenticator app (or a
    /// recovery code) as `totp_code`; the `detail` says whether one was missing or wrong.
    MfaRequired,
    /// The user's role requires multi-factor sign-in and it is not set up yet: only their own profile,
    /// sessions and the enrolment (`/me/mfa/...`) are open until it is.
    MfaEnrolmentRequired,
    /// Too many failed sign-ins: the account is locked for a while.
    AccountLocked,
    /// The account has been deactivated by a force administrator.
    AccountInactive,
    /// The session ended (signed out, idle too long or past its maximum age): sign in again.
    SessionExpired,
    /// The user is signed in but their role, force or the record's restriction does not allow this.
    Forbidden,
    /// No such resource, or one the caller may not know exists.
    NotFound,
    /// The route exists but not with this HTTP method.
    MethodNotAllowed,
    /// The request conflicts with the current state (e.g. a duplicate unique value).
    Conflict,
    /// The workflow does not allow this move from the record's current state; the detail names the
    /// state and the moves that exist from it.
    InvalidTransition,
    /// The record changed since the caller read it (`If-Match` did not match): reload and re-apply.
    PreconditionFailed,
    /// An update was sent without `If-Match`: send the ETag you read.
    PreconditionRequired,
    /// The idempotency key was already used for a different request.
    IdempotencyKeyReused,
    /// The request body is larger than the server accepts.
    PayloadTooLarge,
    /// The request body is not `application/json`.
    UnsupportedMediaType,
    /// Too many requests in a short time.
    RateLimited,
    /// A dependency (the database) is unavailable; retry later.
    ServiceUnavailable,
    /// An unexpected failure. The body carries only the request id; the cause is in the server log.
    InternalError,
    /// Single sign-on could not be finished: the sign-in was not started here, took too long or was
    /// already used, or the identity provider refused the code or sent a token that does not check out.
    /// Start again from the sign-in page.
    SsoFailed,
    /// The identity provider vouched for someone who has no active Bluelamp account in that force (or
    /// whose account is linked to another identity at the provider). Accounts are made by force
    /// administrators.
    SsoNoAccount,
    /// The force's identity provider did not answer, or answered with something that is not OpenID
    /// Connect; retry later or sign in with a password.
    IdentityProviderUnavailable,
}

impl ErrorCode {
    /// The HTTP status that goes with the code.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::ValidationFailed => 422,
            ErrorCode::MalformedRequest => 400,
            ErrorCode::Unauthenticated
            | ErrorCode::InvalidCredentials
            | ErrorCode::MfaRequired
            | ErrorCode::SessionExpired => 401,
            ErrorCode::AccountLocked
            | ErrorCode::AccountInactive
            | ErrorCode::MfaEnrolmentRequired
            | ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict | ErrorCode::InvalidTransition | ErrorCode::IdempotencyKeyReused => 409,
            ErrorCode::PreconditionFailed => 412,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::PreconditionRequired => 428,
            ErrorCode::RateLimited => 429,
            ErrorCode::InternalError => 500,
            ErrorCode::SsoFailed => 401,
            ErrorCode::SsoNoAccount => 403,
            ErrorCode::IdentityProviderUnavailable => 502,
            ErrorCode::ServiceUnavailable => 503,
        }
    }

    /// The snake_case wire name of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::MfaRequired => "mfa_required",
            ErrorCode::MfaEnrolmentRequired => "mfa_enrolment_required",
            ErrorCode::AccountLocked => "account_locked",
            ErrorCode::AccountInactive => "account_inactive",
            ErrorCode::SessionExpired => "session_expired",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::InvalidTransition => "invalid_transition",
            ErrorCode::PreconditionFailed => "precondition_failed",
            ErrorCode::PreconditionRequired => "precondition_required",
            ErrorCode::IdempotencyKeyReused => "idempotency_key_reused",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::SsoFailed => "sso_failed",
            ErrorCode::SsoNoAccount => "sso_no_account",
            ErrorCode::IdentityProviderUnavailable => "identity_provider_unavailable",
        }
    }

    /// A short, human-readable summary of the problem type (RFC 9457 `title`).
    pub fn title(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "Some fields need correcting",
            ErrorCode::MalformedRequest => "The request could not be read",
            ErrorCode::Unauthenticated => "Sign-in required",
            ErrorCode::InvalidCredentials => "User name or password is wrong",
            ErrorCode::MfaRequired => "Authenticator code needed",
            ErrorCode::MfaEnrolmentRequired => "Set up multi-factor sign-in first",
            ErrorCode::AccountLocked => "Account temporarily locked",
            ErrorCode::AccountInactive => "Account deactivated",
            ErrorCode::SessionExpired => "Session ended",
            ErrorCode::Forbidden => "Not allowed",
            ErrorCode::NotFound => "Not found",
            ErrorCode::MethodNotAllowed => "Method not allowed",
            ErrorCode::Conflict => "Conflict with the current state",
            ErrorCode::InvalidTransition => "Not a move the workflow allows from here",
            ErrorCode::PreconditionFailed => "The record has changed since you opened it",
            ErrorCode::PreconditionRequired => "If-Match header required",
            ErrorCode::IdempotencyKeyReused => "Idempotency key already used for another request",
            ErrorCode::PayloadTooLarge => "Request too large",
            ErrorCode::UnsupportedMediaType => "Unsupported media type",
            ErrorCode::RateLimited => "Too many requests",
            ErrorCode::ServiceUnavailable => "Service temporarily unavailable",
            ErrorCode::InternalError => "Unexpected error",
            ErrorCode::SsoFailed => "Single sign-on could not be finished",
            ErrorCode::SsoNoAccount => "No Bluelamp account for that identity",
            ErrorCode::IdentityProviderUnavailable => "Identity provider unavailable",
        }
    }

    /// The problem `type` URI: a stable relative reference documented in `docs/API-DESIGN.md`.
    pub fn type_uri(self) -> String {
        format!("/problems/{}", self.as_str().replace('_', "-"))
    }
}

/// One field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// Where the field is in the request body, as a dotted path (`names.0.surname`).
    #[schema(example = "collar_number")]
    pub path: String,
    /// A stable code for the rule that failed (`required`, `length`, `format`, `future_date`...).
    #[schema(example = "format")]
    pub code: String,
    /// A sentence a user can act on.
    #[schema(example = "Collar number must be 2 to 8 letters or digits")]
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(path: impl Into<String>, code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// RFC 9457 problem details (`application/problem+json`), with Bluelamp's extension members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    #[schema(example = "/problems/validation-failed")]
    pub type_uri: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 422)]
    pub status: u16,
    /// Explanation specific to this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path this occurrence relates to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The stable error code.
    pub code: ErrorCode,
    /// The server's id for this request: quote it when reporting a fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Every field at fault (empty unless `code` is `validation_failed` or `malformed_request`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For `precondition_failed`: the record's current ETag, so a client can show what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_etag: Option<String>,
    /// For `precondition_failed`: the record as it is now (same shape as a `GET`), to show what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub current: Option<serde_json::Value>,
}

impl Problem {
    /// A problem for `code` with its default title and status.
    pub fn new(code: ErrorCode) -> Self {
        Self {
            type_uri: code.type_uri(),
            title: code.title().to_owned(),
            status: code.status(),
            detail: None,
            instance: None,
            code,
            request_id: None,
            errors: Vec::new(),
            current_etag: None,
            current: None,
        }
    }

    /// Adds a detail sentence.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Adds field errors.
    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    /// The errors for one field path.
    pub fn errors_for<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a FieldError> + 'a {
        self.errors.iter().filter(move |e| e.path == path)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.detail {
            Some(d) => write!(f, "{}: {}", self.title, d),
            None => f.write_str(&self.title),
        }
    }
}

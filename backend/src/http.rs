//! HTTP conventions shared by the handlers: ETags, `If-Match`, idempotency keys, created responses.

use crate::error::ApiError;
use crate::kernel::idempotency::{self, Outcome};
use actix_web::http::{header, StatusCode};
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use bluelamp_shared::error::ErrorCode;
use serde::Serialize;

/// The ETag of a record version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// What a request's `If-Match` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: whatever version is current (RFC 9110 §13.1.1: true when the record exists).
    Any,
    /// The version of the ETag the client read.
    Version(i64),
}

impl IfMatch {
    /// The version a conditional write expects, given the record's `current` one.
    pub fn expect(self, current: i64) -> i64 {
        match self {
            IfMatch::Any => current,
            IfMatch::Version(v) => v,
        }
    }
}

/// The precondition of a request's `If-Match` header (required on updates): an ETag this server
/// issued, or `*`.
pub fn if_match(req: &HttpRequest) -> Result<IfMatch, ApiError> {
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
    if raw.trim() == "*" {
        return Ok(IfMatch::Any);
    }
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i64>()
        .map(IfMatch::Version)
        .map_err(|_| ApiError::malformed("If-Match must be an ETag this server issued, such as \"3\", or *"))
}

/// An optional `If-Match` (on appends, which overwrite nothing): the version it names, or `None` when
/// it is absent or `*`.
pub fn optional_if_match(req: &HttpRequest) -> Result<Option<i64>, ApiError> {
    if !req.headers().contains_key(header::IF_MATCH) {
        return Ok(None);
    }
    Ok(match if_match(req)? {
        IfMatch::Any => None,
        IfMatch::Version(v) => Some(v),
    })
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

/// A JSON request body, read the one way every route reads bodies: the size limit and content type of
/// the `JsonConfig`, then every string checked for control characters (only newline, carriage return
/// and tab are allowed: PostgreSQL text cannot hold NUL, and no field has a use for the rest), then
/// the value turned into `T` with the path of a field at fault named in API terms (`names.0.forename`),
/// never the parser's type names.
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let value = actix_web::web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = value.await?.into_inner();
            Ok(Json(body_from_value(value)?))
        })
    }
}

/// Checks a parsed body and turns it into `T` (see [`Json`]).
pub fn body_from_value<T: serde::de::DeserializeOwned>(mut value: serde_json::Value) -> Result<T, ApiError> {
    whole_numbers_as_integers(&mut value);
    let mut bad = Vec::new();
    control_characters(&value, &mut Vec::new(), &mut bad);
    if !bad.is_empty() {
        return Err(ApiError::validation(
            bad.into_iter()
                .map(|path| {
                    bluelamp_shared::error::FieldError::new(
                        path,
                        "control_character",
                        "Remove the control characters (only line breaks and tabs are allowed)",
                    )
                })
                .collect(),
        ));
    }
    if !value.is_object() {
        // Every request body of this API is an object (serde would read an array as a struct's fields).
        let message = "The body must be a JSON object";
        return Err(ApiError::Problem(Box::new(
            bluelamp_shared::error::Problem::new(ErrorCode::MalformedRequest)
                .with_detail(message)
                .with_errors(vec![bluelamp_shared::error::FieldError::new(
                    "body", "type", message,
                )]),
        )));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect::<Vec<_>>();
        let (code, field, message) = describe(&e.into_inner().to_string());
        let mut path = path;
        path.extend(field);
        let path = if path.is_empty() {
            "body".to_owned()
        } else {
            path.join(".")
        };
        if code != "type" {
            // Well-formed JSON of the right types whose value is not one the field takes (a date that
            // does not exist, a code not in the list, a number out of range): 422, as any rule.
            return ApiError::validation(vec![bluelamp_shared::error::FieldError::new(path, code, message)]);
        }
        let n = bluelamp_shared::error::Problem::new(ErrorCode::MalformedRequest)
            .with_detail(format!("The body could not be read at {path}: {message}"))
            .with_errors(vec![bluelamp_shared::error::FieldError::new(path, code, message)]);
        ApiError::Problem(Box::new(n))
    })
}

/// JSON has one number type: `42.0` is the integer 42 (as JSON Schema says), so a whole number
/// written with a fraction is read as an integer wherever an integer is expected.
fn whole_numbers_as_integers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64() {
                // Within ±2^53 every whole f64 is exact, so nothing is rounded.
                if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                    *v = serde_json::Value::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        serde_json::Value::Object(map) => map.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// Whether text holds a control character other than a line break or tab (refused in every body and
/// query string: PostgreSQL text cannot hold NUL, and no field of this API takes one).
fn has_disallowed_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// The query parameters whose name or value holds a control character, as a 422 naming each.
pub fn query_control_characters(query: &str) -> Option<ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    let bad: Vec<bluelamp_shared::error::FieldError> = pairs
        .iter()
        .filter(|(k, v)| has_disallowed_control(k) || has_disallowed_control(v))
        .map(|(k, _)| {
            bluelamp_shared::error::FieldError::new(
                k.chars().filter(|c| !c.is_control()).collect::<String>(),
                "control_character",
                "Remove the control characters",
            )
        })
        .collect();
    (!bad.is_empty()).then(|| ApiError::validation(bad))
}

/// 405 for a method the resource lacks, naming in `Allow` the methods it has (RFC 9110 §15.5.6).
pub fn method_not_allowed(method: &actix_web::http::Method, allowed: &[&str]) -> HttpResponse {
    let allow = allowed.join(", ");
    let mut resp = actix_web::ResponseError::error_response(&ApiError::code(
        ErrorCode::MethodNotAllowed,
        format!("{method} is not allowed here; use {allow}"),
    ));
    if let Ok(v) = header::HeaderValue::from_str(&allow) {
        resp.headers_mut().insert(header::ALLOW, v);
    }
    resp
}

fn control_characters(v: &serde_json::Value, at: &mut Vec<String>, bad: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if has_disallowed_control(s) => {
            bad.push(if at.is_empty() {
                "body".to_owned()
            } else {
                at.join(".")
            });
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(i.to_string());
                control_characters(item, at, bad);
                at.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                at.push(k.clone());
                control_characters(item, at, bad);
                at.pop();
            }
        }
        _ => {}
    }
}

/// A serde message in API terms: (code, a field it names, the sentence). Rust type names never leave.
fn describe(msg: &str) -> (&'static str, Option<String>, String) {
    let got = |m: &str| m.split(", expected").next().unwrap_or(m).to_owned();
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default().to_owned();
        return ("required", Some(field), "This field is required".to_owned());
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let allowed = rest.split(", expected ").nth(1).unwrap_or_default();
        return (
            "unknown_code",
            None,
            format!("Not an allowed value; expected {allowed}"),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_owned();
        return (
            "unknown_field",
            Some(field),
            "This field is not part of the request".to_owned(),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return (
            "type",
            None,
            format!("Not the right type of value (got {})", got(rest)),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        return ("range", None, format!("Not an allowed value (got {})", got(rest)));
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return (
            "length",
            None,
            format!("Wrong number of items (got {})", got(rest)),
        );
    }
    // chrono and uuid: "input is out of range", "premature end of input", "invalid character" ...
    ("format", None, format!("Not a valid value ({})", got(msg)))
}

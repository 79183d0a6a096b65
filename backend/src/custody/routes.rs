//! `/custody-records` and `/custody-suites`: PACE custody records, their entries and the
//! custody-suite board.

use crate::custody as svc;
use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use crate::startup::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::custody::{Board, BookInPrefill, BookInRequest, CustodyEntry, CustodyRecordDto};
use bluelamp_shared::error::Problem;
use serde::Deserialize;
use utoipa::IntoParams;

/// Whose booking-in form to pre-fill.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PrefillQuery {
    /// The person being booked in.
    pub person_id: uuid::Uuid,
}

/// Book a detainee in: open a custody record from the arrest, with the custody officer's decision
/// (detention refused closes the record at once). The person must have no open custody record: the
/// database allows one per person. Optional booking-in risk assessment and confirmed medication.
#[utoipa::path(
    post, path = "/api/v1/custody-records", operation_id = "custody_book_in", tag = "custody",
    security(("bearer" = [])), request_body = BookInRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Booked in; `ETag` carries the version", body = CustodyRecordDto),
        (status = 403, description = "Only a custody officer authorises or refuses detention", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The person already has an open custody record", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn book_in(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<BookInRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = svc::book_in(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        out,
        |r| format!("/api/v1/custody-records/{}", r.id),
        |r| r.meta.version,
    ))
}

/// What is known to pre-fill a booking-in: the person with warning markers, medication from their
/// latest custody record, and their open record if they are in custody now.
#[utoipa::path(
    get, path = "/api/v1/custody-records/prefill", operation_id = "custody_prefill", tag = "custody",
    security(("bearer" = [])), params(PrefillQuery),
    responses(
        (status = 200, description = "The pre-filled facts", body = BookInPrefill),
        (status = 404, description = "No such person available to you", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn prefill(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PrefillQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::prefill(&state.db, &caller, q.person_id).await?))
}

/// A custody record with every clock computed now (audited). Visible to the police roles of the
/// owning force only.
#[utoipa::path(
    get, path = "/api/v1/custody-records/{id}", operation_id = "custody_get", tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Custody record id")),
    responses(
        (status = 200, description = "The record; `ETag` carries the version", body = CustodyRecordDto),
        (status = 404, description = "No such record available to you", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "custody record")?;
    let r = svc::get(&state.db, &caller, id).await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// Append an entry to a custody record: rights, representative, risk assessment, visit,
/// prescription, dose, healthcare, property, interview, note (or cell move), review, extension,
/// warrant, charge, disposal (closes the record) or annotation (the only entry a closed record
/// takes). Nothing recorded is overwritten, so `If-Match` is optional: send it to be refused (412)
/// if anything was added since you read. Acting outside PACE is refused naming the rule: 403 for
/// the wrong officer (s.40(1) reviewers, s.42 superintendents), 422 for the clocks (codes such as
/// `reviews_not_done`, with the section in the message).
#[utoipa::path(
    post, path = "/api/v1/custody-records/{id}/entries", operation_id = "custody_add_entry", tag = "custody",
    security(("bearer" = [])), request_body = CustodyEntry,
    params(
        ("id" = String, Path, description = "Custody record id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry"),
        ("If-Match" = Option<String>, Header, description = "The ETag you read (optional)"),
    ),
    responses(
        (status = 200, description = "Recorded; the record as it now stands", body = CustodyRecordDto),
        (status = 403, description = "Not an officer who may record this (the rule is named)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The record is closed (annotate only), or already charged", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it (only with If-Match)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault, or the PACE rule the entry breaks", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_entry(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<CustodyEntry>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "custody record")?;
    let key = http::idempotency_key(&req)?;
    let version = http::optional_if_match(&req)?;
    Ok(
        match svc::add_entry(&state.db, &caller, id, body.into_inner(), key, version).await? {
            Outcome::Created(r) => http::ok_with_etag(&r, r.meta.version),
            Outcome::Replayed { status, body } => {
                HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
                    .insert_header(("Idempotent-Replayed", "true"))
                    .content_type("application/json")
                    .body(body)
            }
        },
    )
}

/// A custody suite's board: every detainee in the suite with cell, relevant time, next review,
/// time limit, next visit, next dose and risk markers, what is due first at the top. Every due is
/// an instant, so a client counts down locally (and keeps counting if the server cannot be reached);
/// poll it for updates. Each view is audited.
#[utoipa::path(
    get, path = "/api/v1/custody-suites/{id}/board", operation_id = "custody_board", tag = "custody",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Custody suite id")),
    responses(
        (status = 200, description = "The board", body = Board),
        (status = 403, description = "Custody staff, inspectors and superintendents only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such suite in your force", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn board(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "custody suite")?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(svc::board(&state.db, &caller, id).await?))
}

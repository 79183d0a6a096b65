//! `/corrections`: asking the force that owns a record to correct it, and its decision.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::index::corrections::{
    CorrectionDto, CorrectionQuery, CreateCorrectionRequest, DecideCorrectionRequest,
};
use bluelamp_shared::paging::Page;

/// Ask the force that owns a person, organisation, object or location you see to correct it (your
/// force may link to and add markers to another force's record, never change it). The owner's staff
/// record a data subject's request for rectification with `source: data_subject`. Send an
/// `Idempotency-Key` so a retry never asks twice.
#[utoipa::path(
    post, path = "/api/v1/corrections", operation_id = "corrections_create", tag = "corrections",
    security(("bearer" = [])),
    request_body = CreateCorrectionRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Asked (or the first answer again, with `Idempotent-Replayed: true`)", body = CorrectionDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a record not available to you, your own record asked as a partner, a data subject's request by another force)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<CreateCorrectionRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = super::create(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |c| format!("/api/v1/corrections/{}", c.id),
        |c| c.version,
    ))
}

/// Corrections about your force's records (`state=open`: the ones to decide) and those your force
/// asked of others, oldest first.
#[utoipa::path(
    get, path = "/api/v1/corrections", operation_id = "corrections_list", tag = "corrections",
    security(("bearer" = [])), params(CorrectionQuery),
    responses(
        (status = 200, description = "A page of corrections, oldest first", body = Page<CorrectionDto>),
        (status = 400, description = "Unreadable filter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CorrectionQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(super::list(&state.db, &caller, q.into_inner()).await?))
}

/// One correction (the owning force's, or the one your force asked for). Audited on the record it is about.
#[utoipa::path(
    get, path = "/api/v1/corrections/{id}", operation_id = "corrections_get", tag = "corrections",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Correction id")),
    responses(
        (status = 200, description = "The correction", body = CorrectionDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such correction available to you", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "correction")?;
    let c = super::get(&state.db, &caller, id).await?;
    Ok(http::ok_with_etag(&c, c.version))
}

/// The owning force accepts (then changes the record as proposed) or refuses, saying why in both
/// cases. `If-Match` is required; the same decision sent again changes nothing.
#[utoipa::path(
    post, path = "/api/v1/corrections/{id}/decision", operation_id = "corrections_decide", tag = "corrections",
    security(("bearer" = [])),
    request_body = DecideCorrectionRequest,
    params(
        ("id" = String, Path, description = "Correction id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Decided", body = CorrectionDto),
        (status = 403, description = "Not the force that owns the record, or role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such correction available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided otherwise", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The reason is missing or too long", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn decide(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<DecideCorrectionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "correction")?;
    let expected = http::if_match(&req)?;
    let c = super::decide(&state.db, &caller, id, expected, body.into_inner()).await?;
    Ok(http::ok_with_etag(&c, c.version))
}

//! `/agreements`: the sharing agreements of the caller's force (force administrators).

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::admin::agreements::{
    AgreementDto, AgreementListQuery, AgreementStepRequest, ProposeAgreementRequest,
};
use bluelamp_shared::error::Problem;

/// The agreements your force is party to, as owner or partner, newest first (with their history).
#[utoipa::path(
    get, path = "/api/v1/agreements", operation_id = "agreements_list", tag = "agreements",
    security(("bearer" = [])),
    params(AgreementListQuery),
    responses(
        (status = 200, description = "Every agreement of your force", body = Vec<AgreementDto>),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AgreementListQuery>,
) -> Result<HttpResponse, ApiError> {
    let items = crate::admin::agreements::list(&state.db, &caller, q.into_inner().state).await?;
    Ok(HttpResponse::Ok().json(items))
}

/// Propose sharing your force's records with another force. It opens nothing until the other force
/// accepts. Send an `Idempotency-Key` so a retry never makes a second proposal.
#[utoipa::path(
    post, path = "/api/v1/agreements", operation_id = "agreements_propose", tag = "agreements",
    security(("bearer" = [])),
    request_body = ProposeAgreementRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Proposed (or the first answer again, with `Idempotent-Replayed: true`)", body = AgreementDto),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn propose(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<ProposeAgreementRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let outcome = crate::admin::agreements::propose(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |a| format!("/api/v1/agreements/{}", a.id),
        |a| a.version,
    ))
}

/// One agreement your force is party to, with its history. The read is audited.
#[utoipa::path(
    get, path = "/api/v1/agreements/{id}", operation_id = "agreements_get", tag = "agreements",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Agreement id")),
    responses(
        (status = 200, description = "The agreement; `ETag` carries its version", body = AgreementDto),
        (status = 404, description = "No such agreement of your force", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "agreement")?;
    let a = crate::admin::agreements::get(&state.db, &caller, id).await?;
    Ok(http::ok_with_etag(&a, a.version))
}

/// Take a step: the partner accepts or declines a proposal; either force suspends or ends an
/// agreement; the force that suspended it resumes it; the owner withdraws a proposal by ending it.
/// Takes effect on the next request of either force. `If-Match` with the ETag you read is required.
#[utoipa::path(
    post, path = "/api/v1/agreements/{id}/steps", operation_id = "agreements_step", tag = "agreements",
    security(("bearer" = [])),
    request_body = AgreementStepRequest,
    params(
        ("id" = String, Path, description = "Agreement id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "The agreement after the step", body = AgreementDto),
        (status = 404, description = "No such agreement of your force", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The step is not open to your force from the agreement's state; the detail names the rule", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn step(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<AgreementStepRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "agreement")?;
    let version = http::if_match(&req)?;
    let a = crate::admin::agreements::step(&state.db, &caller, id, version, body.into_inner()).await?;
    Ok(http::ok_with_etag(&a, a.version))
}

//! `/custody-suites`: the custody suites of the caller's force (force administrators).

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::admin::suites::{CreateSuiteRequest, SuiteDto, UpdateSuiteRequest};
use bluelamp_shared::error::Problem;

/// The custody suites of your force, open and closed, by code, with how many detainees each holds.
#[utoipa::path(
    get, path = "/api/v1/custody-suites", operation_id = "custody_suites_list", tag = "custody",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every suite of your force", body = Vec<SuiteDto>),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::admin::suites::list(&state.db, &caller).await?))
}

/// Open a custody suite in your force. Send an `Idempotency-Key` so a retry never opens it twice.
#[utoipa::path(
    post, path = "/api/v1/custody-suites", operation_id = "custody_suites_create", tag = "custody",
    security(("bearer" = [])),
    request_body = CreateSuiteRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Opened (or the first answer again, with `Idempotent-Replayed: true`)", body = SuiteDto),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a code already taken included)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<CreateSuiteRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let outcome = crate::admin::suites::create(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |s| format!("/api/v1/custody-suites/{}/board", s.id),
        |s| s.version,
    ))
}

/// Change a suite of your force: its name, station or cells, or close it to new bookings. A cell with
/// a detainee in it cannot be removed, nor a suite with detainees closed. `If-Match` is required.
#[utoipa::path(
    patch, path = "/api/v1/custody-suites/{id}", operation_id = "custody_suites_update", tag = "custody",
    security(("bearer" = [])),
    request_body = UpdateSuiteRequest,
    params(
        ("id" = String, Path, description = "Suite id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Changed", body = SuiteDto),
        (status = 404, description = "No such suite in your force", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (an occupied cell removed, a suite with detainees closed)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<UpdateSuiteRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "custody suite")?;
    let version = http::if_match(&req)?;
    let s = crate::admin::suites::update(&state.db, &caller, id, version, body.into_inner()).await?;
    Ok(http::ok_with_etag(&s, s.version))
}

//! `/force-units`: the force's stations, teams and units (force administrators change them; every
//! member of the force reads them).

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::admin::units::{CreateUnitRequest, UnitDto, UpdateUnitRequest};
use bluelamp_shared::error::Problem;

/// Your force's stations, teams and units, open and closed, by code, with how many users belong to each.
#[utoipa::path(
    get, path = "/api/v1/force-units", operation_id = "force_units_list", tag = "force-structure",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every station, team and unit of your force", body = Vec<UnitDto>),
        (status = 403, description = "A partner account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::admin::units::list(&state.db, &caller).await?))
}

/// Add a station, team or unit to your force (a team or unit may name the station it works from).
/// Send an `Idempotency-Key` so a retry never adds it twice.
#[utoipa::path(
    post, path = "/api/v1/force-units", operation_id = "force_units_create", tag = "force-structure",
    security(("bearer" = [])),
    request_body = CreateUnitRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Added (or the first answer again, with `Idempotent-Replayed: true`)", body = UnitDto),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a code taken, a station that is not one of your force's)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<CreateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let outcome = crate::admin::units::create(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |_| "/api/v1/force-units".to_owned(),
        |u| u.version,
    ))
}

/// Rename a station, team or unit, move a team or unit to another station, or close it (not while
/// users belong to it or teams and units work from it). `If-Match` is required.
#[utoipa::path(
    patch, path = "/api/v1/force-units/{id}", operation_id = "force_units_update", tag = "force-structure",
    security(("bearer" = [])),
    request_body = UpdateUnitRequest,
    params(
        ("id" = String, Path, description = "Station, team or unit id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Changed", body = UnitDto),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such station, team or unit in your force", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (closing one in use)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<UpdateUnitRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "station, team or unit")?;
    let expected = http::if_match(&req)?;
    let u = crate::admin::units::update(&state.db, &caller, id, expected, body.into_inner()).await?;
    Ok(http::ok_with_etag(&u, u.version))
}

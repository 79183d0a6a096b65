//! `/partner-organisations`: the partners a force works with and their staff's accounts (force
//! administrators for their force; consortium administrators for any).

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::admin::partners::{
    CreatePartnerAccountRequest, CreatePartnerOrganisationRequest, PartnerOrganisationDto,
    UpdatePartnerOrganisationRequest,
};
use bluelamp_shared::error::Problem;
use bluelamp_shared::users::UserDto;

/// The partner organisations you manage (your force's; every force's for a consortium administrator), by code.
#[utoipa::path(
    get, path = "/api/v1/partner-organisations", operation_id = "partner_organisations_list", tag = "partners",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisations", body = Vec<PartnerOrganisationDto>),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::admin::partners::list(&state.db, &caller).await?))
}

/// Register a partner organisation: the prosecutor, victim services, a safeguarding hub or a youth
/// offending team. Send an `Idempotency-Key` so a retry never registers it twice.
#[utoipa::path(
    post, path = "/api/v1/partner-organisations", operation_id = "partner_organisations_create", tag = "partners",
    security(("bearer" = [])),
    request_body = CreatePartnerOrganisationRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Registered (or the first answer again, with `Idempotent-Replayed: true`)", body = PartnerOrganisationDto),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a code already taken, another force's partner)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<CreatePartnerOrganisationRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let outcome = crate::admin::partners::create(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |o| format!("/api/v1/partner-organisations/{}", o.id),
        |o| o.version,
    ))
}

/// Rename, close or reopen a partner organisation. Closing it deactivates its accounts and ends
/// their sessions. `If-Match` is required.
#[utoipa::path(
    patch, path = "/api/v1/partner-organisations/{id}", operation_id = "partner_organisations_update", tag = "partners",
    security(("bearer" = [])),
    request_body = UpdatePartnerOrganisationRequest,
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Changed", body = PartnerOrganisationDto),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation that you manage", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<UpdatePartnerOrganisationRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "partner organisation")?;
    let expected = http::if_match(&req)?;
    let o = crate::admin::partners::update(&state.db, &caller, id, expected, body.into_inner()).await?;
    Ok(http::ok_with_etag(&o, o.version))
}

/// Create an account for a member of a partner organisation's staff. It holds the role the
/// organisation's kind gives (a prosecutor's account: `prosecutor`), in the organisation's force.
/// Organisations that exchange system to system (victim services, safeguarding hubs, youth offending
/// teams) have no person accounts. Send an `Idempotency-Key` so a retry never creates it twice.
#[utoipa::path(
    post, path = "/api/v1/partner-organisations/{id}/accounts", operation_id = "partner_organisations_create_account", tag = "partners",
    security(("bearer" = [])),
    request_body = CreatePartnerAccountRequest,
    params(
        ("id" = String, Path, description = "Organisation id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry"),
    ),
    responses(
        (status = 201, description = "Created (or the first answer again, with `Idempotent-Replayed: true`)", body = UserDto),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation that you manage", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a name or reference taken, a closed organisation, one without person accounts)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create_account(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<CreatePartnerAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "partner organisation")?;
    let key = http::idempotency_key(&req)?;
    let outcome =
        crate::admin::partners::create_account(&state.db, &caller, id, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |u| format!("/api/v1/users/{}", u.id),
        |u| u.version,
    ))
}

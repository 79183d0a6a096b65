//! `/forces`: the forces of the consortium, and (for consortium administrators) adding one and its
//! first users.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::forces::{CreateForceRequest, ForceDetailDto};
use bluelamp_shared::users::{CreateUserRequest, UserDto};

/// The forces of the consortium.
#[utoipa::path(
    get, path = "/api/v1/forces", operation_id = "forces_list", tag = "forces",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every force, by name", body = Vec<ForceDetailDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(state: web::Data<AppState>, _caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::admin::forces::list(&state.db).await?))
}

/// Add a force to the consortium (consortium administrators). It sees nothing of the other forces
/// until they agree to share. Send an `Idempotency-Key` so a retry never adds it twice.
#[utoipa::path(
    post, path = "/api/v1/forces", operation_id = "forces_create", tag = "forces",
    security(("bearer" = [])),
    request_body = CreateForceRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Added (or the first answer again, with `Idempotent-Replayed: true`)", body = ForceDetailDto),
        (status = 403, description = "Not a consortium administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a code or PNC code already taken included)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<CreateForceRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let outcome = crate::admin::forces::create(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |f| format!("/api/v1/forces/{}", f.code),
        |_| 1,
    ))
}

/// Create a user in a force (consortium administrators): a new force's first administrator, who then
/// manages the force's own accounts. Police roles only, as a force administrator would grant.
#[utoipa::path(
    post, path = "/api/v1/forces/{code}/users", operation_id = "forces_create_user", tag = "forces",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    params(
        ("code" = String, Path, description = "Force code"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry"),
    ),
    responses(
        (status = 201, description = "Created (or the first answer again, with `Idempotent-Replayed: true`)", body = UserDto),
        (status = 403, description = "Not a consortium administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such force", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create_user(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    code: web::Path<String>,
    body: http::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    crate::admin::forces::must_exist(&state.db, &code).await?;
    let outcome = crate::admin::users::create(&state.db, &caller, &code, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |u| format!("/api/v1/users/{}", u.id),
        |u| u.version,
    ))
}

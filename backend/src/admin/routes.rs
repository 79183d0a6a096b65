//! `/users`: user accounts of the administrator's force.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::routes::parse_id;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::admin::bulk_users::{BulkUsersRequest, BulkUsersResult};
use bluelamp_shared::error::Problem;
use bluelamp_shared::ids::UserId;
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::users::{CreateUserRequest, UpdateUserRequest, UserDto};

/// Users of your force, by name (force administrators).
#[utoipa::path(
    get, path = "/api/v1/users", operation_id = "users_list", tag = "users",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "A page of users", body = Page<UserDto>),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::admin::users::list(&state.db, &caller, q.into_inner()).await?))
}

/// Create a user in your force (force administrators). Send an `Idempotency-Key` so a retry never
/// makes a second account.
#[utoipa::path(
    post, path = "/api/v1/users", operation_id = "users_create", tag = "users",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Created (or the first answer again, with `Idempotent-Replayed: true`)", body = UserDto),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let outcome =
        crate::admin::users::create(&state.db, &caller, &caller.force_code, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |u| format!("/api/v1/users/{}", u.id),
        |u| u.version,
    ))
}

/// Create your force's users from a CSV file (force administrators): a header line naming the columns
/// `username`, `display_name`, `collar_number`, `rank` and `roles` (several separated by `;`), then one
/// user a line, at most 200. The whole file is checked first: with any fault nothing is created and
/// every fault is named as `rows.<line>.<column>` (the header is line 1). Each user gets a random
/// initial password, shown once in the answer. `dry_run` checks without creating. Send an
/// `Idempotency-Key`: a retry replays the answer (without the passwords).
#[utoipa::path(
    post, path = "/api/v1/users/bulk", operation_id = "users_create_bulk", tag = "users",
    security(("bearer" = [])),
    request_body = BulkUsersRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 200, description = "Dry run: the file is good; these users would be created", body = BulkUsersResult),
        (status = 201, description = "Created, with each user's initial password (or the first answer again, with `Idempotent-Replayed: true`, without them)", body = BulkUsersResult),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every fault of the file, by line and column", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create_bulk(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<BulkUsersRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let body = body.into_inner();
    let dry_run = body.dry_run;
    let outcome = crate::admin::users::create_bulk(&state.db, &caller, body, key).await?;
    use crate::kernel::idempotency::Outcome;
    Ok(match outcome {
        Outcome::Created(r) if dry_run => HttpResponse::Ok().json(r),
        Outcome::Created(r) => HttpResponse::Created()
            .insert_header((actix_web::http::header::LOCATION, "/api/v1/users"))
            .json(r),
        replayed => http::created(replayed, |_: &BulkUsersResult| String::new(), |_| 0),
    })
}

/// One user of your force (force administrators). The read is audited.
#[utoipa::path(
    get, path = "/api/v1/users/{id}", operation_id = "users_get", tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "User id")),
    responses(
        (status = 200, description = "The user; `ETag` carries its version", body = UserDto),
        (status = 404, description = "No such user in your force", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: UserId = parse_id(&id, "user")?;
    let user = crate::admin::users::get(&state.db, &caller, id).await?;
    Ok(http::ok_with_etag(&user, user.version))
}

/// Change a user of your force (force administrators). `If-Match` with the ETag you read is
/// required: a stale write is refused with 412 and nothing is overwritten.
#[utoipa::path(
    patch, path = "/api/v1/users/{id}", operation_id = "users_update", tag = "users",
    security(("bearer" = [])),
    request_body = UpdateUserRequest,
    params(
        ("id" = String, Path, description = "User id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Updated", body = UserDto),
        (status = 404, description = "No such user in your force", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it; `current_etag` says the version now", body = Problem, content_type = "application/problem+json"),
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
    body: crate::http::Json<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: UserId = parse_id(&id, "user")?;
    let version = http::if_match(&req)?;
    let user = crate::admin::users::update(&state.db, &caller, id, version, body.into_inner()).await?;
    Ok(http::ok_with_etag(&user, user.version))
}

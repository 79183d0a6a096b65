//! `/objects`: Objects (vehicles, telephones, property, weapons, drugs, documents) of the shared index.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::http;
use crate::services::records::{self, Object};
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::objects::{ObjectDto, ObjectInput};

/// Record an object. Every field rule is checked at once. Send an `Idempotency-Key` so a
/// retried submit never makes a duplicate.
#[utoipa::path(
    post, path = "/api/v1/objects", tag = "objects",
    security(("bearer" = [])),
    request_body = ObjectInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Created", body = ObjectDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: web::Json<ObjectInput>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = records::create::<Object>(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |r| format!("/api/v1/objects/{}", r.id),
        |r| r.meta.version,
    ))
}

/// An object with its links, if you may see it. Audited; a restricted record needs
/// `X-Access-Purpose`.
#[utoipa::path(
    get, path = "/api/v1/objects/{id}", tag = "objects",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Id"),
        ("X-Access-Purpose" = Option<String>, Header, description = "Why you need to see a restricted record"),
    ),
    responses(
        (status = 200, description = "The record; `ETag` carries the version", body = ObjectDto),
        (status = 404, description = "Not available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Restricted: state a purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "object")?;
    let (dto, version) =
        records::get::<Object>(&state.db, &caller, id, http::purpose(&req), http::today()).await?;
    Ok(http::ok_with_etag(&dto, version))
}

/// Replace an object's fields. `If-Match` is required; a stale write is refused with 412 and
/// `current`.
#[utoipa::path(
    put, path = "/api/v1/objects/{id}", tag = "objects",
    security(("bearer" = [])),
    request_body = ObjectInput,
    params(("id" = String, Path, description = "Id"), ("If-Match" = String, Header, description = "The ETag you read")),
    responses(
        (status = 200, description = "Updated", body = ObjectDto),
        (status = 404, description = "Not available to you", body = Problem, content_type = "application/problem+json"),
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
    body: web::Json<ObjectInput>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "object")?;
    let version = http::if_match_version(&req)?;
    let (dto, v) =
        records::update::<Object>(&state.db, &caller, id, version, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&dto, v))
}

//! `/reference-data/lists`: the versioned reference lists, their editions and force-local values.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::reference::lists::{
    NewLocalValue, ReferenceListDetail, ReferenceListEdition, ReferenceListSummary,
};

/// Every reference list with the edition in force: its source, version and how many values are
/// active and retired.
#[utoipa::path(
    get, path = "/api/v1/reference-data/lists", operation_id = "reference_lists_list", tag = "reference-data",
    security(("bearer" = [])),
    responses((status = 200, description = "Every list", body = Vec<ReferenceListSummary>))
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::admin::reference::all(&state.db).await?))
}

/// One list with every value it has had: active and retired, national and each force's own. The
/// `ETag` is the list's revision, for `If-Match` on a change.
#[utoipa::path(
    get, path = "/api/v1/reference-data/lists/{list}", operation_id = "reference_lists_get", tag = "reference-data",
    security(("bearer" = [])),
    params(("list" = String, Path, description = "The list's name, e.g. `outcome_type`")),
    responses(
        (status = 200, description = "The list", body = ReferenceListDetail),
        (status = 404, description = "No such list", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    list: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let d = crate::admin::reference::one(&state.db, list.into_inner()).await?;
    let revision = d.summary.revision;
    Ok(http::ok_with_etag(&d, revision))
}

/// Apply a newer edition of a national list (consortium administrators). The edition is checked whole
/// first: one bad value changes nothing, and the answer names every fault. Values the edition leaves
/// out are retired (kept on the records that use them, no longer offered). Sending the same edition
/// again changes nothing. `If-Match` is required.
#[utoipa::path(
    put, path = "/api/v1/reference-data/lists/{list}", operation_id = "reference_lists_import", tag = "reference-data",
    security(("bearer" = [])),
    request_body = ReferenceListEdition,
    params(
        ("list" = String, Path, description = "The list's name"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Applied (or already applied)", body = ReferenceListDetail),
        (status = 403, description = "Not a consortium administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such list", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The list changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every fault of the edition (`values.<index>.<field>`)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn import(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    list: web::Path<String>,
    body: http::Json<ReferenceListEdition>,
) -> Result<HttpResponse, ApiError> {
    let expected = http::if_match(&req)?;
    let d =
        crate::admin::reference::import(&state.db, &caller, list.into_inner(), expected, body.into_inner())
            .await?;
    let revision = d.summary.revision;
    Ok(http::ok_with_etag(&d, revision))
}

/// Add a value of your own force to a list that takes force-local values (force administrators). It
/// is stored as `<FORCE>:<code>`, offered to your force's users only, and shown to other forces on
/// records shared with them. Send an `Idempotency-Key` so a retry never adds it twice.
#[utoipa::path(
    post, path = "/api/v1/reference-data/lists/{list}/local-values", operation_id = "reference_lists_add_local", tag = "reference-data",
    security(("bearer" = [])),
    request_body = NewLocalValue,
    params(
        ("list" = String, Path, description = "The list's name"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry"),
    ),
    responses(
        (status = 201, description = "Added (or the first answer again, with `Idempotent-Replayed: true`)", body = ReferenceListDetail),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such list", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Idempotency key reused for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (a national list, a code your force already has)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn add_local(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    list: web::Path<String>,
    body: http::Json<NewLocalValue>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let list = list.into_inner();
    let outcome =
        crate::admin::reference::add_local(&state.db, &caller, list, body.into_inner(), key).await?;
    Ok(http::created(
        outcome,
        |d| format!("/api/v1/reference-data/lists/{}", d.summary.list),
        |d| d.summary.revision,
    ))
}

/// Retire one of your force's local values: it stays on the records that use it and is no longer
/// offered. Retiring a retired value changes nothing. `If-Match` is required.
#[utoipa::path(
    post, path = "/api/v1/reference-data/lists/{list}/local-values/{code}/retire", operation_id = "reference_lists_retire_local", tag = "reference-data",
    security(("bearer" = [])),
    params(
        ("list" = String, Path, description = "The list's name"),
        ("code" = String, Path, description = "The stored code, e.g. `NS:shopwatch`"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "Retired", body = ReferenceListDetail),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such list, or no such value of your force", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The list changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn retire_local(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (list, code) = path.into_inner();
    let expected = http::if_match(&req)?;
    let d = crate::admin::reference::retire_local(&state.db, &caller, list, code, expected).await?;
    let revision = d.summary.revision;
    Ok(http::ok_with_etag(&d, revision))
}

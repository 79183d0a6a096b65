//! `/retention`: the force's MoPI review queue, one record's review, overriding its group and deciding
//! its review; running the retention job now.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::paging::Page;
use bluelamp_shared::retention::reviews::{
    OverrideGroupRequest, RetentionDecisionRequest, ReviewDto, ReviewQuery,
};

/// Run the retention job now, as the nightly run does: every crime is put in its MoPI group by the
/// rules in force and its review date worked out. Idempotent; a second run while one is under way is
/// refused with 409.
#[utoipa::path(
    post, path = "/api/v1/retention/runs", operation_id = "retention_run", tag = "retention",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The run's summary", body = super::assess::RunSummary),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A run is already under way", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn run(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    tracing::info!(by = %caller.username, "retention run asked for");
    match super::run_now(&state.db).await? {
        Some(summary) => Ok(HttpResponse::Ok().json(summary)),
        None => Err(ApiError::conflict("A retention run is already under way")),
    }
}

/// The force's records due for review by `due_by` (default today), soonest due first.
#[utoipa::path(
    get, path = "/api/v1/retention/reviews", operation_id = "retention_queue", tag = "retention",
    security(("bearer" = [])), params(ReviewQuery),
    responses(
        (status = 200, description = "A page of reviews, soonest due first", body = Page<ReviewDto>),
        (status = 400, description = "Unreadable filter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn queue(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<ReviewQuery>,
) -> Result<HttpResponse, ApiError> {
    let page = super::queue(&state.db, &caller, q.into_inner(), http::today()).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One record's review: its group and why, any override, when it is due, every decision. Audited on
/// the record.
#[utoipa::path(
    get, path = "/api/v1/retention/reviews/{id}", operation_id = "retention_get", tag = "retention",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The record's id")),
    responses(
        (status = 200, description = "The review", body = ReviewDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review of your force's records", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "retention review")?;
    let r = super::get(&state.db, &caller, id, http::today()).await?;
    Ok(http::ok_with_etag(&r, r.version))
}

/// Set the record's MoPI group by hand, with a justification (kept, shown and audited); the review
/// date follows the group at once.
#[utoipa::path(
    post, path = "/api/v1/retention/reviews/{id}/group", operation_id = "retention_override_group", tag = "retention",
    security(("bearer" = [])),
    request_body = OverrideGroupRequest,
    params(
        ("id" = String, Path, description = "The record's id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "The review with the group set", body = ReviewDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review of your force's records", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The justification is missing, too short or too long", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn override_group(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<OverrideGroupRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "retention review")?;
    let expected = http::if_match(&req)?;
    let r = super::override_group(&state.db, &caller, id, expected, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&r, r.version))
}

/// Decide the review: retain, with the National Retention Assessment Criteria answers (at least one
/// concern), a justification and the next review date (after today, within the group's review period).
/// Every decision is kept with the record and audited.
#[utoipa::path(
    post, path = "/api/v1/retention/reviews/{id}/decisions", operation_id = "retention_decide", tag = "retention",
    security(("bearer" = [])),
    request_body = RetentionDecisionRequest,
    params(
        ("id" = String, Path, description = "The record's id"),
        ("If-Match" = String, Header, description = "The ETag you read"),
    ),
    responses(
        (status = 200, description = "The review with the decision", body = ReviewDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review of your force's records", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault (no concern answered yes, the justification, the next review date)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn decide(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: http::Json<RetentionDecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "retention review")?;
    let expected = http::if_match(&req)?;
    let r = super::decide(&state.db, &caller, id, expected, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&r, r.version))
}

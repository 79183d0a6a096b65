//! `/intelligence-reports`, `/intelligence` and `/sources`: graded intelligence and the source register.

use crate::error::ApiError;
use crate::http;
use crate::intelligence as svc;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::intelligence::{
    IntelligenceQuery, LegacyImportRequest, QueueItem, ReportDto, ReportTransition, SourceDto,
    SubmitReportRequest,
};
use bluelamp_shared::paging::{Page, PageQuery};

/// Submit an intelligence report: what is known, about whom or what, when and where, and the source
/// (recorded in the protected register; the report carries only its reference). Until the
/// intelligence unit disseminates it, only the unit and you can see it.
#[utoipa::path(
    post, path = "/api/v1/intelligence-reports", operation_id = "intelligence_submit", tag = "intelligence",
    security(("bearer" = [])), request_body = SubmitReportRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Submitted", body = ReportDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<SubmitReportRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = svc::submit(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |r| format!("/api/v1/intelligence-reports/{}", r.id),
        |r| r.meta.version,
    ))
}

/// The force's evaluation queue: high priority first, then oldest.
#[utoipa::path(
    get, path = "/api/v1/intelligence-reports/queue", operation_id = "intelligence_queue", tag = "intelligence",
    security(("bearer" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of reports waiting for evaluation", body = Page<QueueItem>),
        (status = 403, description = "Intelligence unit only", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn queue(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::queue(&state.db, &caller, q.into_inner(), http::today()).await?))
}

/// A report. `X-Access-Purpose` is required for every intelligence read and is audited. The
/// original text, where it was obtained and the source reference are shown only to the submitter and
/// the intelligence unit; others see the sanitised text with the grading and handling conditions.
#[utoipa::path(
    get, path = "/api/v1/intelligence-reports/{id}", operation_id = "intelligence_get", tag = "intelligence",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Report id"),
        ("X-Access-Purpose" = String, Header, description = "Why you need to see it (audited)"),
    ),
    responses(
        (status = 200, description = "The report; `ETag` carries the version", body = ReportDto),
        (status = 404, description = "No such report available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "State a purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "intelligence report")?;
    let r = svc::get(&state.db, &caller, id, http::purpose(&req), http::today()).await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// A move of the report workflow: start_evaluation, return (with questions), resubmit (the
/// submitter, with answers), disseminate (grading, sanitised text, optional need-to-know
/// restriction), archive. `If-Match` required.
#[utoipa::path(
    post, path = "/api/v1/intelligence-reports/{id}/transitions", operation_id = "intelligence_transition", tag = "intelligence",
    security(("bearer" = [])), request_body = ReportTransition,
    params(("id" = String, Path, description = "Report id"), ("If-Match" = String, Header, description = "The ETag you read")),
    responses(
        (status = 200, description = "Moved", body = ReportDto),
        (status = 403, description = "Not the intelligence unit (or not the submitter, for resubmit)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current state", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "What the move still needs (grading rules, sanitised text, questions)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn transition(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<ReportTransition>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "intelligence report")?;
    let version = http::if_match(&req)?;
    let r = svc::transition(&state.db, &caller, id, version, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// Disseminated intelligence you may see, by words of the text, a reference, or a subject
/// (person, organisation, object or location id). `X-Access-Purpose` required; each report returned
/// is audited. Restricted reports outside your group are never returned or counted.
#[utoipa::path(
    get, path = "/api/v1/intelligence", operation_id = "intelligence_search", tag = "intelligence",
    security(("bearer" = [])),
    params(IntelligenceQuery, ("X-Access-Purpose" = String, Header, description = "Why you need to see it (audited)")),
    responses(
        (status = 200, description = "A page of disseminated intelligence, newest first", body = Page<ReportDto>),
        (status = 422, description = "State a purpose and something to search for; a `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<IntelligenceQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(
        svc::search(
            &state.db,
            &caller,
            q.into_inner(),
            http::purpose(&req),
            http::today(),
        )
        .await?,
    ))
}

/// Import a legacy 5x5x5 report: disseminated with its original grading kept and the 3x5x2 grading
/// mapped through the `grading_map` reference table.
#[utoipa::path(
    post, path = "/api/v1/intelligence-reports/legacy", operation_id = "intelligence_import_legacy", tag = "intelligence",
    security(("bearer" = [])), request_body = LegacyImportRequest,
    responses(
        (status = 201, description = "Imported", body = ReportDto),
        (status = 403, description = "Intelligence unit only", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown legacy codes or missing fields", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn import_legacy(
    state: web::Data<AppState>,
    caller: Caller,
    body: crate::http::Json<LegacyImportRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created()
        .json(svc::import_legacy(&state.db, &caller, body.into_inner(), http::today()).await?))
}

/// The force's protected source register (intelligence unit only; audited).
#[utoipa::path(
    get, path = "/api/v1/sources", operation_id = "sources_list", tag = "intelligence",
    security(("bearer" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of sources, newest first", body = Page<SourceDto>),
        (status = 403, description = "Intelligence unit only", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sources(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::sources(&state.db, &caller, q.into_inner()).await?))
}

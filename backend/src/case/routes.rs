//! `/case-files`, `/crimes/{id}/statements`, `/crimes/{id}/unused-material` and the CPS partner
//! interface `/cps/case-files`: prosecution case files built from the records, checked against what
//! their type needs, certified, submitted and decided.

use crate::case as svc;
use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use crate::startup::AppState;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::case::{
    CaseFileDto, CaseFileSummary, CertifyRequest, CpsCaseFile, CreateCaseFileRequest, DecisionRequest,
    DocumentContent, StatementDto, StatementRequest, UnusedMaterialDto, UnusedMaterialRequest,
    UpdateCaseFileRequest,
};
use bluelamp_shared::error::Problem;
use bluelamp_shared::paging::{Page, PageQuery};
use serde::Deserialize;
use utoipa::IntoParams;

/// Filter of the case-file list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct CaseFileQuery {
    /// Only the files of this crime.
    pub crime_id: Option<uuid::Uuid>,
    /// Opaque cursor from the previous page's `next_cursor`; omit for the first page.
    pub cursor: Option<String>,
    /// How many files to return (1 to 100, default 25).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

fn replayable<T: serde::Serialize>(
    out: Outcome<T>,
    status: StatusCode,
    version: impl Fn(&T) -> Option<i64>,
) -> HttpResponse {
    match out {
        Outcome::Created(r) => {
            let mut b = HttpResponse::build(status);
            if let Some(v) = version(&r) {
                b.insert_header((header::ETAG, http::etag(v)));
            }
            b.json(r)
        }
        Outcome::Replayed { status, body } => {
            HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
                .insert_header(("Idempotent-Replayed", "true"))
                .content_type("application/json")
                .body(body)
        }
    }
}

fn pdf(urn: &str, bytes: Vec<u8>) -> HttpResponse {
    let name: String = urn
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"case-file-{name}.pdf\""),
        ))
        .body(bytes)
}

/// Start a case file on a recorded crime of your force. Its content is drawn from the crime, its
/// custody records and statements; nothing is typed again.
#[utoipa::path(
    post, path = "/api/v1/case-files", operation_id = "case_files_create", tag = "case",
    security(("bearer" = [])), request_body = CreateCaseFileRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Started; `readiness` lists what the file type still needs", body = CaseFileDto),
        (status = 403, description = "Investigators and case staff build files", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<CreateCaseFileRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = svc::create(&state.db, &caller, body.into_inner(), key).await?;
    Ok(http::created(
        out,
        |r| format!("/api/v1/case-files/{}", r.id),
        |r| r.meta.version,
    ))
}

/// The case files of your force, newest first (optionally of one crime).
#[utoipa::path(
    get, path = "/api/v1/case-files", operation_id = "case_files_list", tag = "case",
    security(("bearer" = [])), params(CaseFileQuery),
    responses(
        (status = 200, description = "A page of files, most recently changed first", body = Page<CaseFileSummary>),
        (status = 403, description = "Investigators, supervisors and case staff", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CaseFileQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let page = PageQuery {
        cursor: q.cursor,
        limit: q.limit,
    };
    Ok(HttpResponse::Ok().json(svc::list(&state.db, &caller, q.crime_id, page).await?))
}

/// A case file as it stands now: the structured file, the forms its type needs, what it still needs
/// (`readiness`: the same list a submission is refused with), document history, submissions and the
/// CPS's decisions. Audited.
#[utoipa::path(
    get, path = "/api/v1/case-files/{id}", operation_id = "case_files_get", tag = "case",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case file id")),
    responses(
        (status = 200, description = "The file; `ETag` carries the version", body = CaseFileDto),
        (status = 404, description = "No such file available to you", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let r = svc::get(&state.db, &caller, id).await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// Change the file type (e.g. to the upgrade file after the first hearing); the file goes back to
/// being built. Optional `If-Match`.
#[utoipa::path(
    patch, path = "/api/v1/case-files/{id}", operation_id = "case_files_update", tag = "case",
    security(("bearer" = [])), request_body = UpdateCaseFileRequest,
    params(("id" = String, Path, description = "Case file id"), ("If-Match" = Option<String>, Header, description = "The version read")),
    responses(
        (status = 200, description = "Changed", body = CaseFileDto),
        (status = 404, description = "No such file available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The file is with the CPS", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The file changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<UpdateCaseFileRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let r = svc::update(
        &state.db,
        &caller,
        id,
        body.into_inner(),
        http::optional_if_match(&req)?,
    )
    .await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// Save a written document (MG3, MG5, MG6, MG6C, MG6D, MG15) as its next version. A certified
/// version is never changed: saving after certification makes a new version to certify. Optional
/// `If-Match`.
#[utoipa::path(
    post, path = "/api/v1/case-files/{id}/documents", operation_id = "case_files_write_document", tag = "case",
    security(("bearer" = [])), request_body = DocumentContent,
    params(("id" = String, Path, description = "Case file id"), ("If-Match" = Option<String>, Header, description = "The version read")),
    responses(
        (status = 200, description = "Saved", body = CaseFileDto),
        (status = 404, description = "No such file available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The file is with the CPS", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The file changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn write_document(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<DocumentContent>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let r = svc::write_document(
        &state.db,
        &caller,
        id,
        body.into_inner(),
        http::optional_if_match(&req)?,
    )
    .await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// A supervisor certifies the case summary (MG5) at the version they read; someone else must have
/// written it.
#[utoipa::path(
    post, path = "/api/v1/case-files/{id}/certifications", operation_id = "case_files_certify", tag = "case",
    security(("bearer" = [])), request_body = CertifyRequest,
    params(("id" = String, Path, description = "Case file id")),
    responses(
        (status = 200, description = "Certified", body = CaseFileDto),
        (status = 403, description = "Supervisors only, and not their own summary", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A newer version exists, or it is already certified", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn certify(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<CertifyRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let r = svc::certify(&state.db, &caller, id, body.into_inner()).await?;
    Ok(http::ok_with_etag(&r, r.meta.version))
}

/// Submit the file to the CPS. Refused with 422 listing exactly what the file type still needs (the
/// `readiness` list: each `path` is the item's code). Retries with the same `Idempotency-Key` are
/// answered with the first result.
#[utoipa::path(
    post, path = "/api/v1/case-files/{id}/submissions", operation_id = "case_files_submit", tag = "case",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case file id"), ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Sent; the CPS sees the file as it stood", body = CaseFileDto),
        (status = 403, description = "Case staff submit files", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already with the CPS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not ready: every missing item", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let key = http::idempotency_key(&req)?;
    let out = svc::submit(&state.db, &caller, id, key).await?;
    Ok(replayable(out, StatusCode::CREATED, |r| Some(r.meta.version)))
}

/// The MG forms of the file as it stands, as one PDF. Audited.
#[utoipa::path(
    get, path = "/api/v1/case-files/{id}/bundle.pdf", operation_id = "case_files_bundle", tag = "case",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case file id")),
    responses(
        (status = 200, description = "The PDF bundle", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, description = "No such file available to you", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn bundle(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let (urn, bytes) = svc::bundle(&state.db, &caller, id).await?;
    Ok(pdf(&urn, bytes))
}

/// Take a witness statement (MG11) or victim personal statement for a crime: from one of its
/// victims or witnesses, or yourself as witness (also on another force's crime, where the sharing
/// agreement lets your force add to it).
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/statements", operation_id = "crimes_add_statement", tag = "case",
    security(("bearer" = [])), request_body = StatementRequest,
    params(("id" = String, Path, description = "Crime id"), ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Taken", body = StatementDto),
        (status = 403, description = "Response officers and investigators take statements; sharing must allow adding", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_statement(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<StatementRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let key = http::idempotency_key(&req)?;
    let out = svc::add_statement(&state.db, &caller, id, body.into_inner(), key).await?;
    Ok(replayable(out, StatusCode::CREATED, |_| None))
}

/// Add an item to the crime's unused-material register (it becomes the MG6C and MG6D schedules).
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/unused-material", operation_id = "crimes_add_unused_material", tag = "case",
    security(("bearer" = [])), request_body = UnusedMaterialRequest,
    params(("id" = String, Path, description = "Crime id"), ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Added", body = UnusedMaterialDto),
        (status = 403, description = "The investigating force's investigators and case staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_unused(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<UnusedMaterialRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let key = http::idempotency_key(&req)?;
    let out = svc::add_unused(&state.db, &caller, id, body.into_inner(), key).await?;
    Ok(replayable(out, StatusCode::CREATED, |_| None))
}

/// CPS partner interface: the files sent to the CPS, newest first.
#[utoipa::path(
    get, path = "/api/v1/cps/case-files", operation_id = "cps_case_files_list", tag = "cps",
    security(("bearer" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of files, most recently changed first", body = Page<CaseFileSummary>),
        (status = 403, description = "Prosecutors only", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cps_list(
    state: web::Data<AppState>,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::cps_list(&state.db, q.into_inner()).await?))
}

/// CPS partner interface: the structured file exactly as last submitted, with the decisions so far.
/// Audited.
#[utoipa::path(
    get, path = "/api/v1/cps/case-files/{id}", operation_id = "cps_case_files_get", tag = "cps",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case file id")),
    responses(
        (status = 200, description = "The file as sent", body = CpsCaseFile),
        (status = 403, description = "Prosecutors only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file has been sent", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cps_get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    Ok(HttpResponse::Ok().json(svc::cps_get(&state.db, &caller, id).await?))
}

/// CPS partner interface: the MG forms of the file as sent, as one PDF. Audited.
#[utoipa::path(
    get, path = "/api/v1/cps/case-files/{id}/bundle.pdf", operation_id = "cps_case_files_bundle", tag = "cps",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Case file id")),
    responses(
        (status = 200, description = "The PDF bundle", content_type = "application/pdf", body = Vec<u8>),
        (status = 403, description = "Prosecutors only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file has been sent", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn cps_bundle(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let (urn, bytes) = svc::cps_bundle(&state.db, &caller, id).await?;
    Ok(pdf(&urn, bytes))
}

/// CPS partner interface: decide on the file as last submitted: `accept`, `charge` (with the
/// offences) or `return` (with an action plan: each action becomes a task for the officer in charge,
/// due on its date). A charge, or accepting a file whose defendants are charged, finalises the
/// crime with outcome 1. Retries with the same `Idempotency-Key` are answered with the first result.
#[utoipa::path(
    post, path = "/api/v1/cps/case-files/{id}/decisions", operation_id = "cps_case_files_decide", tag = "cps",
    security(("bearer" = [])), request_body = DecisionRequest,
    params(("id" = String, Path, description = "Case file id"), ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Decided", body = CpsCaseFile),
        (status = 403, description = "Prosecutors only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file has been sent", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No submission is awaiting a decision", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<DecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "case file")?;
    let key = http::idempotency_key(&req)?;
    let out = svc::decide(&state.db, &caller, id, body.into_inner(), key).await?;
    Ok(replayable(out, StatusCode::CREATED, |_| None))
}

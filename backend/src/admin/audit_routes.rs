//! `/audit-events`: the audit log of the administrator's force.

use crate::error::ApiError;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::audit::{AuditEventDto, AuditExportQuery, AuditQuery};
use bluelamp_shared::error::Problem;
use bluelamp_shared::paging::Page;

/// Query the audit log of your force, newest first (force administrators): who signed in, who read
/// or changed which record, with the request id.
#[utoipa::path(
    get, path = "/api/v1/audit-events", operation_id = "audit_list", tag = "audit",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "A page of audit entries", body = Page<AuditEventDto>),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad filter or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(crate::kernel::audit::query(&state.db, &caller, q.into_inner()).await?))
}

/// Export the audit log of your force as CSV (force administrators), with the same filters as the
/// query (up to 10,000 entries, newest first). The export itself is audited.
#[utoipa::path(
    get, path = "/api/v1/audit-events/export", operation_id = "audit_export", tag = "audit",
    security(("bearer" = [])),
    params(AuditExportQuery),
    responses(
        (status = 200, description = "CSV file", content_type = "text/csv", body = String),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn export(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<AuditExportQuery>,
) -> Result<HttpResponse, ApiError> {
    let csv = crate::kernel::audit::export_csv(&state.db, &caller, q.into_inner().into()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"audit-events.csv\""))
        .body(csv))
}

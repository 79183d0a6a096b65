//! `/victims` and victim updates: care under the Victims' Code, contacts, referrals, DASH.

use crate::error::ApiError;
use crate::http;
use crate::investigation::victims as svc;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::investigation::tasks::TaskDto;
use bluelamp_shared::investigation::victims::{
    ContactInput, DashRequest, UpdateEventRequest, VictimCare, VictimDto,
};

/// Save a victim's care details (needs assessment, enhanced entitlement, update preferences, safe
/// contact, consent to referral, vulnerabilities, which are also recorded on the person). `If-Match`
/// with the victim's `version`.
#[utoipa::path(
    put, path = "/api/v1/victims/{id}", operation_id = "victims_update_care", tag = "victims",
    security(("bearer" = [])), request_body = VictimCare,
    params(("id" = String, Path, description = "Victim id"), ("If-Match" = String, Header, description = "The victim's version")),
    responses(
        (status = 200, description = "Saved", body = VictimDto),
        (status = 404, description = "No such victim available to you", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it; `current` holds it now", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_care(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<VictimCare>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "victim")?;
    let version = http::if_match(&req)?;
    let v = svc::update_care(&state.db, &caller, id, version, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&v, v.version))
}

/// Log a contact with the victim. Name the `update` it gave to complete that deadline task.
#[utoipa::path(
    post, path = "/api/v1/victims/{id}/contacts", operation_id = "victims_add_contact", tag = "victims",
    security(("bearer" = [])), request_body = ContactInput, params(("id" = String, Path, description = "Victim id")),
    responses(
        (status = 201, description = "Logged", body = VictimDto),
        (status = 404, description = "No such victim available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_contact(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<ContactInput>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "victim")?;
    Ok(HttpResponse::Created()
        .json(svc::add_contact(&state.db, &caller, id, body.into_inner(), http::today()).await?))
}

/// Send the referral to victim services, generated from the record. 422 lists everything missing
/// (consent, safe to contact, safe contact method and number, needs assessment); 409 if it was
/// already sent for this victim of this crime.
#[utoipa::path(
    post, path = "/api/v1/victims/{id}/referral", operation_id = "victims_refer", tag = "victims",
    security(("bearer" = [])), params(("id" = String, Path, description = "Victim id")),
    responses(
        (status = 201, description = "Sent", body = VictimDto),
        (status = 404, description = "No such victim available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already sent", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "What the referral still needs", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn refer(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "victim")?;
    Ok(HttpResponse::Created().json(svc::refer(&state.db, &caller, id, http::today()).await?))
}

/// Record a DASH risk assessment: scored (1–9 standard, 10–13 medium, 14+ high), raised by
/// professional judgement with a reason; a high result creates a MARAC referral task pre-filled
/// from the assessment.
#[utoipa::path(
    post, path = "/api/v1/victims/{id}/dash", operation_id = "victims_dash", tag = "victims",
    security(("bearer" = [])), request_body = DashRequest, params(("id" = String, Path, description = "Victim id")),
    responses(
        (status = 201, description = "Recorded", body = VictimDto),
        (status = 404, description = "No such victim available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unanswered or unknown questions; judgement without reason or not higher", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn dash(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<DashRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "victim")?;
    Ok(HttpResponse::Created()
        .json(svc::assess_dash(&state.db, &caller, id, body.into_inner(), http::today()).await?))
}

/// Record an event the victims must be told about (arrest, bail, charge, no further action,
/// outcome): each victim gets a task due by the Victims' Code deadline for their entitlement, in
/// working days with bank holidays.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/victim-updates", operation_id = "crimes_victim_updates", tag = "victims",
    security(("bearer" = [])), request_body = UpdateEventRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 201, description = "The deadline tasks created", body = Vec<TaskDto>),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_event(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<UpdateEventRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    Ok(HttpResponse::Created()
        .json(svc::record_update_event(&state.db, &caller, id, body.into_inner()).await?))
}

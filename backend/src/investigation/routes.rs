//! `/incidents`, `/crimes`, `/exhibits`, `/cancellations`, `/retail-thefts`: crime recording to outcome.

use crate::error::ApiError;
use crate::http;
use crate::investigation as svc;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::investigation::{
    AddExhibitRequest, AddLogEntry, AddPartyRequest, AddPropertyRequest, CancellationDecision,
    CancellationDto, CancellationRequest, CloseIncidentRequest, CreateCrimeRequest, CrimeDto, CrimeInput,
    CrimeQuery, CrimeSummary, ExhibitDto, IncidentDto, IncidentInput, LogEntryDto, MoveExhibitRequest,
    NoCrimeRequest, ReclassifyRequest, RetailTheftRequest, TransitionRequest,
};
use bluelamp_shared::paging::{Page, PageQuery};

/// Open an incident from any channel. The 24-hour crime-recording clock starts at `reported_at`.
#[utoipa::path(
    post, path = "/api/v1/incidents", operation_id = "incidents_open", tag = "investigation",
    security(("bearer" = [])), request_body = IncidentInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Opened", body = IncidentDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn open_incident(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<IncidentInput>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = svc::open_incident(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |i| format!("/api/v1/incidents/{}", i.id),
        |i| i.meta.version,
    ))
}

/// The force's incidents still waiting for the recording decision, due first (the 24-hour clock).
#[utoipa::path(
    get, path = "/api/v1/incidents", operation_id = "incidents_undecided", tag = "investigation",
    security(("bearer" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of undecided incidents, oldest report first", body = Page<IncidentDto>),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn undecided_incidents(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(svc::undecided_incidents(&state.db, &caller, q.into_inner(), http::today()).await?))
}

/// An incident of your force (audited).
#[utoipa::path(
    get, path = "/api/v1/incidents/{id}", operation_id = "incidents_get", tag = "investigation",
    security(("bearer" = [])), params(("id" = String, Path, description = "Incident id")),
    responses(
        (status = 200, description = "The incident", body = IncidentDto),
        (status = 404, description = "No such incident of your force", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_incident(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "incident")?;
    let i = svc::get_incident(&state.db, &caller, id, http::today()).await?;
    Ok(http::ok_with_etag(&i, i.meta.version))
}

/// Decide not to record a crime: the rationale NCRS requires (at least 20 characters).
#[utoipa::path(
    post, path = "/api/v1/incidents/{id}/no-crime", operation_id = "incidents_no_crime", tag = "investigation",
    security(("bearer" = [])), request_body = NoCrimeRequest, params(("id" = String, Path, description = "Incident id")),
    responses(
        (status = 200, description = "Decision recorded", body = IncidentDto),
        (status = 404, description = "No such incident of your force", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Rationale missing or too short", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn no_crime(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<NoCrimeRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "incident")?;
    Ok(HttpResponse::Ok()
        .json(svc::no_crime(&state.db, &caller, id, body.into_inner(), http::today()).await?))
}

/// Close an incident with its closing category.
#[utoipa::path(
    post, path = "/api/v1/incidents/{id}/close", operation_id = "incidents_close", tag = "investigation",
    security(("bearer" = [])), request_body = CloseIncidentRequest, params(("id" = String, Path, description = "Incident id")),
    responses(
        (status = 200, description = "Closed", body = IncidentDto),
        (status = 404, description = "No such incident of your force", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or inconsistent closing category", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn close_incident(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<CloseIncidentRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "incident")?;
    Ok(HttpResponse::Ok()
        .json(svc::close_incident(&state.db, &caller, id, body.into_inner(), http::today()).await?))
}

/// Start a crime as a draft (from an incident, or on its own). Record it with
/// `POST /crimes/{id}/transitions` `{"action": "record"}` once it has what recording needs.
#[utoipa::path(
    post, path = "/api/v1/crimes", operation_id = "crimes_create", tag = "investigation",
    security(("bearer" = [])), request_body = CreateCrimeRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Draft created", body = CrimeDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<CreateCrimeRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = svc::create(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |c| format!("/api/v1/crimes/{}", c.id),
        |c| c.meta.version,
    ))
}

/// The force's crime queue. `state=awaiting_review` is the supervisor's review queue; `mine=true`
/// the crimes you are officer in charge of; `unit=` a unit's queue. Oldest in its state first.
#[utoipa::path(
    get, path = "/api/v1/crimes", operation_id = "crimes_queue", tag = "investigation",
    security(("bearer" = [])), params(CrimeQuery),
    responses(
        (status = 200, description = "A page of crimes, oldest in their state first", body = Page<CrimeSummary>),
        (status = 400, description = "Unreadable filter", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn queue(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CrimeQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::queue(&state.db, &caller, q.into_inner()).await?))
}

/// A crime with its parties, property, exhibits, victims, tasks, plan and log, classification
/// history and the moves you may make. Audited; a restricted crime needs `X-Access-Purpose`.
#[utoipa::path(
    get, path = "/api/v1/crimes/{id}", operation_id = "crimes_get", tag = "investigation",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Crime id"),
        ("X-Access-Purpose" = Option<String>, Header, description = "Why you need to see a restricted record"),
    ),
    responses(
        (status = 200, description = "The crime; `ETag` carries the version", body = CrimeDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Restricted: state a purpose", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let c = svc::get(&state.db, &caller, id, http::purpose(&req), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Replace a crime's details (owning force only; a recorded crime changes classification through
/// reclassification). `If-Match` required; 412 carries `current`.
#[utoipa::path(
    put, path = "/api/v1/crimes/{id}", operation_id = "crimes_update", tag = "investigation",
    security(("bearer" = [])), request_body = CrimeInput,
    params(("id" = String, Path, description = "Crime id"), ("If-Match" = String, Header, description = "The ETag you read")),
    responses(
        (status = 200, description = "Updated", body = CrimeDto),
        (status = 403, description = "Not your force's crime", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Finalised or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it; `current` holds it now", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<CrimeInput>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let version = http::if_match(&req)?;
    let c = svc::update(&state.db, &caller, id, version, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Make a workflow move: record, allocate, start_investigation, submit_for_review, approve, return,
/// reopen. A move that does not exist from the current state is 409 `invalid_transition` naming the
/// moves that do; a move missing what it needs is 422 naming each field; a move your roles do not
/// give is 403. `If-Match` required.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/transitions", operation_id = "crimes_transition", tag = "investigation",
    security(("bearer" = [])), request_body = TransitionRequest,
    params(("id" = String, Path, description = "Crime id"), ("If-Match" = String, Header, description = "The ETag you read")),
    responses(
        (status = 200, description = "Moved", body = CrimeDto),
        (status = 403, description = "Your roles do not allow this move", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current state", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "What the move still needs", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn transition(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let version = http::if_match(&req)?;
    let c = svc::transition(&state.db, &caller, id, version, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Attach a victim, witness, suspect (or an unknown suspect's description), offender or person
/// reporting: an existing record, or a new person or organisation created with it.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/parties", operation_id = "crimes_add_party", tag = "investigation",
    security(("bearer" = [])), request_body = AddPartyRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 200, description = "Attached", body = CrimeDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already attached in that role, or cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_party(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<AddPartyRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let c = svc::add_party(&state.db, &caller, id, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Attach stolen or damaged property, or a vehicle involved.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/property", operation_id = "crimes_add_property", tag = "investigation",
    security(("bearer" = [])), request_body = AddPropertyRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 200, description = "Attached", body = CrimeDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_property(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<AddPropertyRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let c = svc::add_property(&state.db, &caller, id, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Record a seized exhibit: who seized it, when, from where, where it is stored.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/exhibits", operation_id = "crimes_add_exhibit", tag = "investigation",
    security(("bearer" = [])), request_body = AddExhibitRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 200, description = "Recorded", body = CrimeDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_exhibit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<AddExhibitRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let c = svc::add_exhibit(&state.db, &caller, id, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Record a move of an exhibit (the chain of continuity).
#[utoipa::path(
    post, path = "/api/v1/exhibits/{id}/movements", operation_id = "exhibits_move", tag = "investigation",
    security(("bearer" = [])), request_body = MoveExhibitRequest, params(("id" = String, Path, description = "Exhibit id")),
    responses(
        (status = 200, description = "Moved", body = ExhibitDto),
        (status = 404, description = "No such exhibit available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn move_exhibit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<MoveExhibitRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "exhibit")?;
    Ok(HttpResponse::Ok()
        .json(svc::move_exhibit(&state.db, &caller, id, body.into_inner(), http::today()).await?))
}

/// Reclassify a recorded crime with the reason; the history is kept.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/reclassifications", operation_id = "crimes_reclassify", tag = "investigation",
    security(("bearer" = [])), request_body = ReclassifyRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 200, description = "Reclassified", body = CrimeDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a recorded, open crime", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reclassify(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<ReclassifyRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    let c = svc::reclassify(&state.db, &caller, id, body.into_inner(), http::today()).await?;
    Ok(http::ok_with_etag(&c, c.meta.version))
}

/// Ask the force crime registrar to cancel a recorded crime, with the additional verifiable
/// information.
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/cancellations", operation_id = "crimes_request_cancellation", tag = "investigation",
    security(("bearer" = [])), request_body = CancellationRequest, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 201, description = "Requested", body = CancellationDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not recorded, or a request is already pending", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_cancellation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<CancellationRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    Ok(HttpResponse::Created()
        .json(svc::request_cancellation(&state.db, &caller, id, body.into_inner()).await?))
}

/// Cancellations of your force waiting for the registrar.
#[utoipa::path(
    get, path = "/api/v1/cancellations", operation_id = "cancellations_pending", tag = "investigation",
    security(("bearer" = [])), params(PageQuery),
    responses(
        (status = 200, description = "A page of pending requests, oldest first", body = Page<CancellationDto>),
        (status = 403, description = "Registrars only", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A `limit` out of range or a `cursor` this server did not issue", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn pending_cancellations(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(svc::pending_cancellations(&state.db, &caller, q.into_inner()).await?))
}

/// The registrar approves (the crime is cancelled; its number is never reused) or refuses.
#[utoipa::path(
    post, path = "/api/v1/cancellations/{id}/decision", operation_id = "cancellations_decide", tag = "investigation",
    security(("bearer" = [])), request_body = CancellationDecision, params(("id" = String, Path, description = "Cancellation id")),
    responses(
        (status = 200, description = "Decided", body = CancellationDto),
        (status = 403, description = "Registrars only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cancellation of your force", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A refusal needs a comment", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide_cancellation(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<CancellationDecision>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "cancellation")?;
    Ok(HttpResponse::Ok().json(svc::decide_cancellation(&state.db, &caller, id, body.into_inner()).await?))
}

/// Add to the investigation plan or log (append-only).
#[utoipa::path(
    post, path = "/api/v1/crimes/{id}/log", operation_id = "crimes_add_log", tag = "investigation",
    security(("bearer" = [])), request_body = AddLogEntry, params(("id" = String, Path, description = "Crime id")),
    responses(
        (status = 201, description = "Added", body = LogEntryDto),
        (status = 404, description = "No such crime available to you", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_log(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<AddLogEntry>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "crime")?;
    Ok(HttpResponse::Created().json(svc::add_log(&state.db, &caller, id, body.into_inner()).await?))
}

/// The retail-theft path: a shoplifting with its store (reused next time), suspect, items, witness
/// and CCTV, recorded and allocated in one transaction. Send the app's draft id as
/// `Idempotency-Key`: a repeated submit answers with the first crime, never a second one.
#[utoipa::path(
    post, path = "/api/v1/retail-thefts", operation_id = "retail_thefts_record", tag = "investigation",
    security(("bearer" = [])), request_body = RetailTheftRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key that makes the request safe to retry")),
    responses(
        (status = 201, description = "Recorded and allocated", body = CrimeDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn retail_theft(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<RetailTheftRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = svc::retail_theft(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |c| format!("/api/v1/crimes/{}", c.id),
        |c| c.meta.version,
    ))
}

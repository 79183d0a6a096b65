//! `/people`: nominals, duplicate suggestions, merge and unmerge.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::index::people::notes::AddNoteRequest;
use bluelamp_shared::index::people::{
    CreatePersonRequest, EndMarkerRequest, Marker, MergeDto, MergeRequest, PersonDto, PersonInput,
    PersonMatch, PersonMatchQuery,
};

/// Record a person. Field rules are checked all at once; the 4+1 completeness is reported, never
/// enforced. If suggested matches were shown and the officer still creates a new person, send
/// `new_record_reason`. Send an `Idempotency-Key` so a retried submit never makes a duplicate.
#[utoipa::path(
    post, path = "/api/v1/people", operation_id = "people_create", tag = "people",
    security(("bearer" = [])),
    request_body = CreatePersonRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry")),
    responses(
        (status = 201, description = "Created", body = PersonDto),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: crate::http::Json<CreatePersonRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = http::idempotency_key(&req)?;
    let out = crate::index::people::create(&state.db, &caller, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |p| format!("/api/v1/people/{}", p.id),
        |p| p.meta.version,
    ))
}

/// A person, with everything known across modules and forces that you may see: names, dates of
/// birth, identifiers, markers, vulnerabilities, links. Audited. A restricted person needs
/// `X-Access-Purpose`. A merged record answers with `merged_into` set.
#[utoipa::path(
    get, path = "/api/v1/people/{id}", operation_id = "people_get", tag = "people",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Person id"),
        ("X-Access-Purpose" = Option<String>, Header, description = "Why you need to see a restricted record"),
    ),
    responses(
        (status = 200, description = "The person; `ETag` carries the version", body = PersonDto),
        (status = 404, description = "No such person available to you", body = Problem, content_type = "application/problem+json"),
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
    let id = http::path_uuid(&id, "person")?;
    let p = crate::index::people::get(&state.db, &caller, id, http::purpose(&req), http::today()).await?;
    Ok(http::ok_with_etag(&p, p.meta.version))
}

/// Replace a person's details. `If-Match` is required: if someone saved meanwhile, the answer is 412
/// with `current` (the record now) so you can see what changed; nothing is overwritten.
#[utoipa::path(
    put, path = "/api/v1/people/{id}", operation_id = "people_update", tag = "people",
    security(("bearer" = [])),
    request_body = PersonInput,
    params(("id" = String, Path, description = "Person id"), ("If-Match" = String, Header, description = "The ETag you read")),
    responses(
        (status = 200, description = "Updated", body = PersonDto),
        (status = 404, description = "No such person available to you", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it; `current` holds it now", body = Problem, content_type = "application/problem+json"),
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
    body: crate::http::Json<PersonInput>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "person")?;
    let version = http::if_match(&req)?;
    let p = crate::index::people::update(&state.db, &caller, id, version, body.into_inner(), http::today())
        .await?;
    Ok(http::ok_with_etag(&p, p.meta.version))
}

/// Likely existing people for one being entered (as the officer types), best first. Never blocks:
/// pick one, or create a new person with a reason.
#[utoipa::path(
    post, path = "/api/v1/people/matches", operation_id = "people_matches", tag = "people",
    security(("bearer" = [])),
    request_body = PersonMatchQuery,
    responses(
        (status = 200, description = "Up to 10 likely matches", body = Vec<PersonMatch>),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn matches(
    state: web::Data<AppState>,
    caller: Caller,
    body: crate::http::Json<PersonMatchQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(crate::index::search::matches(&state.db, &caller, body.into_inner(), http::today()).await?))
}

/// Merge a duplicate into this person (the survivor). Names, identifiers, markers, links and history
/// move; the duplicate points at the survivor. Audited; undo with `POST /merges/{id}/unmerge`.
#[utoipa::path(
    post, path = "/api/v1/people/{id}/merges", operation_id = "people_merge", tag = "people",
    security(("bearer" = [])),
    request_body = MergeRequest,
    params(("id" = String, Path, description = "The surviving person")),
    responses(
        (status = 201, description = "Merged", body = MergeDto),
        (status = 404, description = "No such person available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already merged", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing reason or unknown duplicate", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn merge(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: crate::http::Json<MergeRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "person")?;
    let m = crate::index::people::merge(&state.db, &caller, id, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(m))
}

/// Undo a merge: both records are restored as they were.
#[utoipa::path(
    post, path = "/api/v1/merges/{id}/unmerge", operation_id = "people_unmerge", tag = "people",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Merge id")),
    responses(
        (status = 200, description = "Unmerged", body = MergeDto),
        (status = 404, description = "No such merge available to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already undone", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn unmerge(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "merge")?;
    Ok(HttpResponse::Ok().json(crate::index::people::unmerge(&state.db, &caller, id).await?))
}

/// Add a warning marker to a person: their owning force, or another force whose sharing agreement lets
/// it add to people (the marker names the force that set it). Adding the same marker again (the same
/// kind set on the same day) changes nothing, so a retry is safe. `If-Match` is optional: send it to be
/// refused if the person changed since you read them.
#[utoipa::path(
    post, path = "/api/v1/people/{id}/markers", operation_id = "people_add_marker", tag = "people",
    security(("bearer" = [])),
    request_body = Marker,
    params(("id" = String, Path, description = "Person id"), ("If-Match" = Option<String>, Header, description = "The ETag you read (optional)")),
    responses(
        (status = 200, description = "The person with the marker", body = PersonDto),
        (status = 403, description = "Your force may not add to this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The person was merged into another", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn add_marker(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<Marker>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "person")?;
    let expected = http::optional_if_match(&req)?;
    let p =
        crate::index::people::add_marker(&state.db, &caller, id, expected, body.into_inner(), http::today())
            .await?;
    Ok(http::ok_with_etag(&p, p.meta.version))
}

/// End a warning marker, with the reason (the owning force only). The marker is not removed: it stays on
/// the person, with when, why and by which force it was ended. Ending it again with the same reason
/// changes nothing.
#[utoipa::path(
    post, path = "/api/v1/people/{id}/markers/{marker_id}/end", operation_id = "people_end_marker", tag = "people",
    security(("bearer" = [])),
    request_body = EndMarkerRequest,
    params(
        ("id" = String, Path, description = "Person id"),
        ("marker_id" = String, Path, description = "Marker id (`markers[].id`)"),
        ("If-Match" = Option<String>, Header, description = "The ETag you read (optional)"),
    ),
    responses(
        (status = 200, description = "The person with the marker ended", body = PersonDto),
        (status = 403, description = "Not the force that owns this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already ended, for another reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn end_marker(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: crate::http::Json<EndMarkerRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, marker_id) = path.into_inner();
    let id = http::path_uuid(&id, "person")?;
    let marker_id = http::path_uuid(&marker_id, "marker")?;
    let expected = http::optional_if_match(&req)?;
    let p = crate::index::people::end_marker(
        &state.db,
        &caller,
        id,
        marker_id,
        expected,
        body.into_inner(),
        http::today(),
    )
    .await?;
    Ok(http::ok_with_etag(&p, p.meta.version))
}

/// Add a note to a person: their owning force, or another force whose sharing agreement lets it add to
/// people. The note names the force and the officer who wrote it; it is never edited or removed, and
/// the owner's data are untouched (to have them changed, ask the owner: `POST /corrections`). Send an
/// `Idempotency-Key` so a retried submit adds the note once.
#[utoipa::path(
    post, path = "/api/v1/people/{id}/notes", operation_id = "people_add_note", tag = "people",
    security(("bearer" = [])),
    request_body = AddNoteRequest,
    params(
        ("id" = String, Path, description = "Person id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Client-chosen key (a UUID) that makes the request safe to retry"),
    ),
    responses(
        (status = 201, description = "The person with the note (or the first answer again, with `Idempotent-Replayed: true`)", body = PersonDto),
        (status = 403, description = "Your force may not add to this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The person was merged into another, or the Idempotency-Key was used for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The note is empty or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn add_note(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: crate::http::Json<AddNoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = http::path_uuid(&id, "person")?;
    let key = http::idempotency_key(&req)?;
    let out =
        crate::index::people::add_note(&state.db, &caller, id, body.into_inner(), key, http::today()).await?;
    Ok(http::created(
        out,
        |p| format!("/api/v1/people/{}", p.id),
        |p| p.meta.version,
    ))
}

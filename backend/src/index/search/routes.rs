//! `/search`, `/links` and `/reference-data`: the shared index's cross-cutting endpoints.

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::index::links::{CreateLinkRequest, LinkDto};
use bluelamp_shared::index::search::{SearchQuery, SearchResults};
use bluelamp_shared::reference::ReferenceData;

/// One search box across people, organisations, objects and locations: names (phonetic, fuzzy,
/// nicknames; with a date of birth, year of birth or age), PNC ID / CRO / NI numbers, VRMs, phone
/// numbers, IMEIs, postcodes, streets, organisation names. Ranked by likelihood; only records you may
/// see; every search is audited.
#[utoipa::path(
    get, path = "/api/v1/search", operation_id = "search_search", tag = "search",
    security(("bearer" = [])),
    params(SearchQuery),
    responses(
        (status = 200, description = "Results, most likely first", body = SearchResults),
        (status = 400, description = "Bad query string", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Role not allowed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn search(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<SearchQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(crate::index::search::search(&state.db, &caller, q.into_inner(), http::today()).await?))
}

/// Link two records with a reason from the controlled vocabulary (`GET /reference-data`). Both must
/// be visible to you and open to additions from your force under the sharing agreement.
#[utoipa::path(
    post, path = "/api/v1/links", operation_id = "search_link", tag = "search",
    security(("bearer" = [])),
    request_body = CreateLinkRequest,
    responses(
        (status = 201, description = "Linked", body = LinkDto),
        (status = 422, description = "Unknown reason, wrong kinds, or a record not available to you", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn link(
    state: web::Data<AppState>,
    caller: Caller,
    body: crate::http::Json<CreateLinkRequest>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Created()
        .json(crate::index::links::create(&state.db, &caller, body.into_inner(), http::today()).await?))
}

/// Reference data: vocabularies (markers, vulnerabilities, ethnicity, gender, nationality,
/// organisation kinds) and link reasons.
#[utoipa::path(
    get, path = "/api/v1/reference-data", operation_id = "search_reference", tag = "search",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "All reference data", body = ReferenceData),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn reference(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, max-age=300"))
        .json(crate::views::reference_data::all(&state.db, caller.force_code.clone()).await?))
}

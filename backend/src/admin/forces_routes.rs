//! `/forces`: the forces of the consortium.

use crate::error::ApiError;
use crate::kernel::auth::Caller;
use crate::kernel::forces::Force;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::forces::ForceDto;

/// The forces of the consortium.
#[utoipa::path(
    get, path = "/api/v1/forces", operation_id = "forces_list", tag = "forces",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every force, by name", body = Vec<ForceDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(state: web::Data<AppState>, _caller: Caller) -> Result<HttpResponse, ApiError> {
    let forces = state
        .db
        .read(|conn| Ok(Force::all(conn)?.iter().map(Force::to_dto).collect::<Vec<_>>()))
        .await?;
    Ok(HttpResponse::Ok().json(forces))
}

//! `/me`: the signed-in user and what their roles give them.

use crate::error::ApiError;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::auth::Me;
use bluelamp_shared::error::Problem;

/// The signed-in user, their roles, capabilities and modules.
#[utoipa::path(
    get, path = "/api/v1/me", operation_id = "me_get", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = Me),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let id = caller.user_id.clone();
    let me = state
        .db
        .read(move |conn| crate::kernel::auth::sessions::me(conn, &id))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(me))
}

//! `/auth`: sign-in, token refresh, sign-out.

use crate::error::ApiError;
use crate::kernel::auth::{Caller, RequestInfo};
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::auth::{RefreshRequest, SessionTokens, SignInRequest};
use bluelamp_shared::error::Problem;

/// Sign in with user name and password.
///
/// Five consecutive failures lock the account for ten minutes. Every attempt is audited.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-in", operation_id = "auth_sign_in", tag = "auth",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in", body = SessionTokens),
        (status = 401, description = "Wrong user name or password (`invalid_credentials`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account locked or deactivated", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many attempts from this address (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    state: web::Data<AppState>,
    info: RequestInfo,
    body: crate::http::Json<SignInRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens =
        crate::kernel::auth::sessions::sign_in(&state, body.into_inner(), info.request_id, info.user_agent)
            .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(tokens))
}

/// Exchange a refresh token for a new access token (and a new refresh token).
///
/// Refresh tokens are single-use. A session ends after 30 minutes without user activity (send
/// `user_active: true` when the user has used the app since the last refresh) or 12 hours after
/// sign-in; then this answers 401 `session_expired`.
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", operation_id = "auth_refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = SessionTokens),
        (status = 401, description = "The session has ended (`session_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No refresh token sent", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn refresh(
    state: web::Data<AppState>,
    body: crate::http::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = crate::kernel::auth::sessions::refresh(&state, body.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(tokens))
}

/// Sign out: ends the session, so its tokens stop working at once.
#[utoipa::path(
    post, path = "/api/v1/auth/sign-out", operation_id = "auth_sign_out", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn sign_out(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    crate::kernel::auth::sessions::sign_out(&state, &caller).await?;
    Ok(HttpResponse::NoContent().finish())
}

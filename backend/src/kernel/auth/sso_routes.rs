//! `/auth/sso/...`: signing in with a force's own identity provider (OpenID Connect).

use crate::error::ApiError;
use crate::kernel::auth::{sso, RequestInfo};
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::auth::SessionTokens;
use bluelamp_shared::error::Problem;
use bluelamp_shared::sso::{SsoFinishRequest, SsoProvider, SsoStart, SsoStartRequest};

/// The forces whose staff may sign in with their own identity provider (for the sign-in page's buttons).
#[utoipa::path(
    get, path = "/api/v1/auth/sso/providers", operation_id = "auth_sso_providers", tag = "auth",
    responses(
        (status = 200, description = "Forces with single sign-on, by force name", body = Vec<SsoProvider>),
        (status = 429, description = "Too many requests from this address (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn providers(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(sso::providers(&state).await?))
}

/// Start signing in with a force's identity provider: send the browser to `authorization_url`, keep
/// `state`, and check it when the provider sends the browser back to `/sign-in/callback`. The sign-in
/// must be finished within `expires_in` seconds.
#[utoipa::path(
    post, path = "/api/v1/auth/sso/start", operation_id = "auth_sso_start", tag = "auth",
    request_body = SsoStartRequest,
    responses(
        (status = 200, description = "Where to send the browser", body = SsoStart),
        (status = 422, description = "No force with single sign-on has that code", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "The identity provider did not answer (`identity_provider_unavailable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn start(
    state: web::Data<AppState>,
    body: crate::http::Json<SsoStartRequest>,
) -> Result<HttpResponse, ApiError> {
    let started = sso::start(&state, body.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(started))
}

/// Finish signing in with the `state` and `code` the provider sent back. An account with an
/// authenticator app is asked for its code (401 `mfa_required`) unless the provider says it asked for a
/// second factor itself; send the same `state` again with `totp_code`. Every attempt is audited.
#[utoipa::path(
    post, path = "/api/v1/auth/sso/finish", operation_id = "auth_sso_finish", tag = "auth",
    request_body = SsoFinishRequest,
    responses(
        (status = 200, description = "Signed in", body = SessionTokens),
        (status = 401, description = "The sign-in is unknown, expired or used, or the provider refused it (`sso_failed`); or the authenticator code is needed (`mfa_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No active account for that identity in the force (`sso_no_account`), or the account is deactivated or locked", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is missing or too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (`Retry-After`)", body = Problem, content_type = "application/problem+json"),
        (status = 502, description = "The identity provider did not answer (`identity_provider_unavailable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn finish(
    state: web::Data<AppState>,
    info: RequestInfo,
    body: crate::http::Json<SsoFinishRequest>,
) -> Result<HttpResponse, ApiError> {
    let tokens = sso::finish(&state, body.into_inner(), info.request_id, info.user_agent).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(tokens))
}

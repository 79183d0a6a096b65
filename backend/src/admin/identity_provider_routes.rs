//! `/identity-provider`: the force's OpenID Connect identity provider for single sign-on (force
//! administrators).

use crate::error::ApiError;
use crate::http;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use bluelamp_shared::error::Problem;
use bluelamp_shared::sso::{IdentityProviderDto, IdentityProviderRequest};

/// Your force's identity provider for single sign-on (the client secret is never shown).
#[utoipa::path(
    get, path = "/api/v1/identity-provider", operation_id = "identity_provider_get", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings, with their ETag", body = IdentityProviderDto),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Your force has no identity provider set", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn get(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let p = crate::admin::identity_provider::get(&state.db, &caller).await?;
    Ok(http::ok_with_etag(&p, p.version))
}

/// Set your force's identity provider: the first time without `If-Match`; to change it, send the ETag
/// you read (leave `client_secret` out to keep the one set). Staff then sign in with it from the
/// sign-in page; accounts and roles are still made here, and each account is linked to its identity at
/// the provider on its first sign-in.
#[utoipa::path(
    put, path = "/api/v1/identity-provider", operation_id = "identity_provider_set", tag = "users",
    security(("bearer" = [])),
    request_body = IdentityProviderRequest,
    params(("If-Match" = Option<String>, Header, description = "The ETag you read (required once one is set)")),
    responses(
        (status = 200, description = "Changed", body = IdentityProviderDto),
        (status = 201, description = "Set for the first time", body = IdentityProviderDto),
        (status = 400, description = "An unreadable body or If-Match", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you read it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every field at fault", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "One is set and If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn set(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: http::Json<IdentityProviderRequest>,
) -> Result<HttpResponse, ApiError> {
    let expected = if req.headers().contains_key(header::IF_MATCH) {
        Some(http::if_match(&req)?)
    } else {
        None
    };
    let (p, created) =
        crate::admin::identity_provider::put(&state.db, &caller, expected, body.into_inner()).await?;
    if created {
        return Ok(HttpResponse::Created()
            .insert_header((header::ETAG, http::etag(p.version)))
            .insert_header((header::LOCATION, "/api/v1/identity-provider"))
            .json(p));
    }
    Ok(http::ok_with_etag(&p, p.version))
}

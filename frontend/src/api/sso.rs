//! Single sign-on with a force's identity provider: the providers the sign-in page offers, starting
//! and finishing a sign-in there (no session yet: [`PublicClient`]), and the force administrator's
//! settings of the force's provider ([`AuthClient`]).

use super::{decode, error_from, network, url, ApiError, AuthClient, PublicClient};
use bluelamp_shared::auth::SessionTokens;
use bluelamp_shared::sso::{
    IdentityProviderDto, IdentityProviderRequest, SsoFinishRequest, SsoProvider, SsoStart, SsoStartRequest,
};
use gloo_net::http::Request;

impl PublicClient {
    /// `GET /auth/sso/providers`: the forces whose staff may sign in with their own identity provider.
    pub async fn sso_providers(self) -> Result<Vec<SsoProvider>, ApiError> {
        let resp = Request::get(&url("/auth/sso/providers"))
            .send()
            .await
            .map_err(network)?;
        decode(resp).await
    }

    /// `POST /auth/sso/start`: where to send the browser to sign in with `force`'s provider, and the
    /// `state` it will bring back.
    pub async fn sso_start(self, force: &str) -> Result<SsoStart, ApiError> {
        let body = SsoStartRequest {
            force: force.to_owned(),
        };
        let resp = Request::post(&url("/auth/sso/start"))
            .json(&body)
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        decode(resp).await
    }

    /// `POST /auth/sso/finish`: the session, for what the provider sent back (or, after an
    /// `mfa_required` answer, for the same `state` and the authenticator code).
    pub async fn sso_finish(self, req: &SsoFinishRequest) -> Result<SessionTokens, ApiError> {
        let resp = Request::post(&url("/auth/sso/finish"))
            .json(req)
            .map_err(network)?
            .send()
            .await
            .map_err(network)?;
        decode(resp).await
    }
}

impl AuthClient {
    /// `GET /identity-provider`: the force's identity provider (`None` when none is set).
    pub async fn identity_provider(&self) -> Result<Option<IdentityProviderDto>, ApiError> {
        let path = url("/identity-provider");
        let resp = self.send(|b| b.build(), || Request::get(&path)).await?;
        if resp.status() == 404 {
            return match error_from(resp).await {
                ApiError::Problem(p) if p.code == bluelamp_shared::error::ErrorCode::NotFound => Ok(None),
                other => Err(other),
            };
        }
        decode(resp).await.map(Some)
    }

    /// `PUT /identity-provider`: sets the force's identity provider; `version` is that of the
    /// settings read (sent as `If-Match`), `None` the first time.
    pub async fn set_identity_provider(
        &self,
        req: &IdentityProviderRequest,
        version: Option<i64>,
    ) -> Result<IdentityProviderDto, ApiError> {
        match version {
            Some(v) => self.write_if_match(true, "/identity-provider", req, v).await,
            None => {
                let path = url("/identity-provider");
                let resp = self.send(|b| b.json(req), || Request::put(&path)).await?;
                decode(resp).await
            }
        }
    }
}

//! The signed-in user's own account: setting up an authenticator app, and their sessions.

use super::{error_from, url, ApiError, AuthClient};
use bluelamp_shared::auth::{ConfirmTotpRequest, RecoveryCodes, SessionDto, SessionsEnded, TotpEnrolment};
use bluelamp_shared::ids::SessionId;
use gloo_net::http::Request;

impl AuthClient {
    /// `POST /me/mfa/totp`: starts setting up an authenticator app (a new secret and its QR code).
    pub async fn start_totp(&self) -> Result<TotpEnrolment, ApiError> {
        self.post_json("/me/mfa/totp", &serde_json::json!({})).await
    }

    /// `POST /me/mfa/totp/confirm`: turns multi-factor sign-in on with a code the app shows; answers
    /// the recovery codes, once.
    pub async fn confirm_totp(&self, code: &str) -> Result<RecoveryCodes, ApiError> {
        let body = ConfirmTotpRequest {
            code: code.to_owned(),
        };
        self.post_json("/me/mfa/totp/confirm", &body).await
    }

    /// `GET /me/sessions`: the user's sessions, this one included.
    pub async fn my_sessions(&self) -> Result<Vec<SessionDto>, ApiError> {
        self.get_json("/me/sessions").await
    }

    /// `POST /me/sessions/sign-out-others`: ends every session of the user but this one.
    pub async fn sign_out_other_sessions(&self) -> Result<SessionsEnded, ApiError> {
        self.post_json("/me/sessions/sign-out-others", &serde_json::json!({}))
            .await
    }

    /// `DELETE /me/sessions/{id}`: ends one of the user's sessions.
    pub async fn end_session(&self, id: SessionId) -> Result<(), ApiError> {
        let path = url(&format!("/me/sessions/{id}"));
        let resp = self.send(|b| b.build(), || Request::delete(&path)).await?;
        if resp.ok() {
            Ok(())
        } else {
            Err(error_from(resp).await)
        }
    }
}

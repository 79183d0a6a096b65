//! Single sign-on with a force's OpenID Connect identity provider: the authorisation code flow with
//! PKCE (OpenID Connect Core 1.0 §3.1; RFC 7636), through the `openidconnect` crate.
//!
//! `start` reads the provider's discovery document, keeps a fresh `state`, `nonce` and PKCE verifier
//! for ten minutes and answers with the provider's authorisation address. The browser comes back to the
//! app's `/sign-in/callback` page, which sends `state` and `code` to `finish`: the code is exchanged
//! (with the verifier and the client secret), the ID token's signature, issuer, audience, expiry and
//! nonce are checked, and its claim is mapped to an active account of that force. The first sign-in
//! links the account to the provider's `sub`, so a later change of user name at the provider cannot move
//! anyone into another account. Roles stay Bluelamp's. When the account has an authenticator app and
//! the provider does not say (`amr`) that it asked for a second factor, `finish` asks for the code as
//! password sign-in does, remembering who the provider vouched for until the sign-in expires.

use crate::db::schema::{forces, identity_providers, sso_sign_ins, users};
use crate::db::{now, AnyConnection};
use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::mfa::{self, Check};
use crate::kernel::auth::sessions::{base_entry, open_session, wrong_password};
use crate::kernel::users::User;
use crate::startup::AppState;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::SessionTokens;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::sso::{
    provider_asked_second_factor, username_from_claim, SsoFinishRequest, SsoProvider, SsoStart,
    SsoStartRequest, UsernameClaim, SIGN_IN_WINDOW_SECS,
};
use chrono::Duration;
use diesel::prelude::*;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    reqwest, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError,
    Scope, TokenResponse,
};
use std::sync::OnceLock;

/// A force's identity provider as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = identity_providers)]
pub struct ProviderRow {
    /// The force.
    pub force_code: String,
    /// Issuer identifier.
    pub issuer: String,
    /// Client id.
    pub client_id: String,
    /// Client secret.
    pub client_secret: String,
    /// Return address registered at the provider.
    pub redirect_uri: String,
    /// Claim naming the user.
    pub username_claim: String,
    /// Domain taken off the claim.
    pub username_domain: Option<String>,
    /// Button label.
    pub label: String,
    /// Offered on the sign-in page.
    pub enabled: bool,
    /// Version.
    pub version: i64,
    /// Last change.
    pub updated_at: chrono::NaiveDateTime,
}

/// The force's provider, enabled or not.
pub fn find_provider(conn: &mut AnyConnection, force: &str) -> QueryResult<Option<ProviderRow>> {
    identity_providers::table
        .find(force)
        .select(ProviderRow::as_select())
        .first(conn)
        .optional()
}

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// One HTTP client for every provider: no redirects followed (a provider's answer that redirects is an
/// error, and following them would let a provider's address reach elsewhere), ten seconds at most.
fn http() -> Result<&'static reqwest::Client, ApiError> {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    if let Some(c) = CLIENT.get() {
        return Ok(c);
    }
    let c = reqwest::ClientBuilder::new()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(ApiError::internal)?;
    Ok(CLIENT.get_or_init(|| c))
}

fn unavailable(force: &str, why: impl std::fmt::Display) -> ApiError {
    tracing::warn!(force, error = %why, "identity provider unavailable");
    ApiError::code(
        ErrorCode::IdentityProviderUnavailable,
        "Your force's identity provider did not answer as expected. Try again in a minute, or sign in with your password.",
    )
}

fn failed(detail: &str) -> ApiError {
    ApiError::code(ErrorCode::SsoFailed, detail.to_owned())
}

/// Reads the provider's discovery document and builds the client.
async fn client_for(p: &ProviderRow) -> Result<Client, ApiError> {
    let issuer = IssuerUrl::new(p.issuer.clone()).map_err(|e| unavailable(&p.force_code, e))?;
    let meta = CoreProviderMetadata::discover_async(issuer, http()?)
        .await
        .map_err(|e| unavailable(&p.force_code, e))?;
    let redirect = RedirectUrl::new(p.redirect_uri.clone()).map_err(|e| unavailable(&p.force_code, e))?;
    Ok(CoreClient::from_provider_metadata(
        meta,
        ClientId::new(p.client_id.clone()),
        Some(ClientSecret::new(p.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// The forces whose staff may sign in with their own identity provider, by force name.
pub async fn providers(state: &AppState) -> Result<Vec<SsoProvider>, ApiError> {
    state
        .db
        .read(|conn| {
            let rows: Vec<(String, String, String)> = identity_providers::table
                .inner_join(forces::table.on(forces::code.eq(identity_providers::force_code)))
                .filter(identity_providers::enabled.eq(true))
                .order(forces::name)
                .select((
                    identity_providers::force_code,
                    forces::name,
                    identity_providers::label,
                ))
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(force, force_name, label)| SsoProvider {
                    force: ForceCode(force),
                    force_name,
                    label,
                })
                .collect())
        })
        .await
}

/// Starts a sign-in with the force's provider.
pub async fn start(state: &AppState, req: SsoStartRequest) -> Result<SsoStart, ApiError> {
    let force = req.force.trim().to_uppercase();
    let no_provider = || {
        ApiError::validation(vec![FieldError::new(
            "force",
            if req.force.trim().is_empty() {
                "required"
            } else {
                "unknown"
            },
            "Choose a force that signs in with its own identity provider",
        )])
    };
    if force.is_empty() || force.len() > 10 {
        return Err(no_provider());
    }
    let f = force.clone();
    let provider = state
        .db
        .read(move |conn| Ok(find_provider(conn, &f)?))
        .await?
        .filter(|p| p.enabled)
        .ok_or_else(no_provider)?;
    let client = client_for(&provider).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("profile".to_owned()))
        .add_scope(Scope::new("email".to_owned()))
        .set_pkce_challenge(challenge)
        .url();
    let state_value = csrf.secret().clone();
    let row_state = state_value.clone();
    state
        .db
        .write(move |conn| {
            let at = now();
            // Sign-ins never finished are dropped once they can no longer be.
            diesel::delete(
                sso_sign_ins::table
                    .filter(sso_sign_ins::created_at.lt(at - Duration::seconds(SIGN_IN_WINDOW_SECS))),
            )
            .execute(conn)?;
            diesel::insert_into(sso_sign_ins::table)
                .values((
                    sso_sign_ins::state.eq(&row_state),
                    sso_sign_ins::force_code.eq(&force),
                    sso_sign_ins::nonce.eq(nonce.secret()),
                    sso_sign_ins::pkce_verifier.eq(verifier.secret()),
                    sso_sign_ins::created_at.eq(at),
                ))
                .execute(conn)?;
            Ok(())
        })
        .await?;
    Ok(SsoStart {
        authorization_url: url.to_string(),
        state: state_value,
        expires_in: SIGN_IN_WINDOW_SECS,
    })
}

/// Who the provider vouched for, once the ID token checked out.
struct Vouched {
    issuer: String,
    subject: String,
    /// The user name its claim names, if it names one.
    username: Option<String>,
    second_factor: bool,
}

/// Exchanges the code and checks the ID token.
async fn vouched(
    provider: &ProviderRow,
    code: String,
    verifier: String,
    nonce: String,
) -> Result<Vouched, ApiError> {
    let client = client_for(provider).await?;
    let force = &provider.force_code;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| unavailable(force, e))?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(http()?)
        .await
        .map_err(|e| match e {
            RequestTokenError::ServerResponse(r) => {
                tracing::info!(force, error = %r, "identity provider refused the code");
                failed("Your force's identity provider did not accept this sign-in (it may have been used already): start again")
            }
            other => unavailable(force, other),
        })?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| unavailable(force, "the token answer has no ID token"))?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce))
        .map_err(|e| {
            tracing::warn!(force, error = %e, "ID token refused");
            failed("The identity provider's answer did not check out: start again")
        })?;
    let claim = match UsernameClaim::parse(&provider.username_claim).unwrap_or_default() {
        UsernameClaim::PreferredUsername => claims.preferred_username().map(|u| u.as_str().to_owned()),
        UsernameClaim::Email if claims.email_verified() != Some(false) => {
            claims.email().map(|e| e.as_str().to_owned())
        }
        UsernameClaim::Email => None,
        UsernameClaim::Sub => Some(claims.subject().as_str().to_owned()),
    };
    let amr: Vec<String> = claims
        .auth_method_refs()
        .map(|v| v.iter().map(|a| a.as_str().to_owned()).collect())
        .unwrap_or_default();
    Ok(Vouched {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        username: claim.and_then(|c| username_from_claim(&c, provider.username_domain.as_deref())),
        second_factor: provider_asked_second_factor(&amr),
    })
}

/// The sign-in under way, as `finish` reads it.
#[derive(Queryable)]
struct Pending {
    force_code: String,
    nonce: String,
    pkce_verifier: String,
    created_at: chrono::NaiveDateTime,
    user_id: Option<String>,
    finished_at: Option<chrono::NaiveDateTime>,
}

/// How `finish` knows who is signing in.
enum Identity {
    /// The provider vouched for someone just now.
    Vouched(Vouched),
    /// An earlier call of this sign-in matched the account; it waits for the authenticator code.
    Matched(String),
}

/// The account the provider's identity names in `force`, linking it on first use; `Err` says why there
/// is none (for the audit row).
fn account_for(conn: &mut AnyConnection, force: &str, v: &Vouched) -> Result<Result<User, String>, ApiError> {
    let linked: Option<User> = users::table
        .filter(users::force_code.eq(force))
        .filter(users::sso_issuer.eq(&v.issuer))
        .filter(users::sso_subject.eq(&v.subject))
        .select(User::as_select())
        .first(conn)
        .optional()?;
    if let Some(u) = linked {
        return Ok(Ok(u));
    }
    let Some(name) = &v.username else {
        return Ok(Err(
            "the provider's ID token does not name a user (claim missing or of another domain)".into(),
        ));
    };
    let found: Option<(User, Option<String>, Option<String>)> = users::table
        .filter(users::force_code.eq(force))
        .filter(users::username.eq(name))
        .select((User::as_select(), users::sso_issuer, users::sso_subject))
        .first(conn)
        .optional()?;
    let Some((user, issuer, subject)) = found else {
        return Ok(Err(format!("no account {name} in force {force}")));
    };
    if issuer.as_deref() == Some(v.issuer.as_str()) && subject.as_deref() != Some(v.subject.as_str()) {
        return Ok(Err(format!(
            "account {name} is linked to another identity at the provider"
        )));
    }
    diesel::update(users::table.find(&user.id))
        .set((users::sso_issuer.eq(&v.issuer), users::sso_subject.eq(&v.subject)))
        .execute(conn)?;
    Ok(Ok(user))
}

/// Marks a sign-in used (kept until it would have expired, so a replay is told apart from a forgery);
/// answers 1 if it was not used before.
fn finished(conn: &mut AnyConnection, state: &str, at: chrono::NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::update(
        sso_sign_ins::table
            .filter(sso_sign_ins::state.eq(state))
            .filter(sso_sign_ins::finished_at.is_null()),
    )
    .set(sso_sign_ins::finished_at.eq(at))
    .execute(conn)?)
}

/// Finishes a sign-in with what the provider sent back.
pub async fn finish(
    state: &AppState,
    req: SsoFinishRequest,
    request_id: Option<String>,
    user_agent: Option<String>,
) -> Result<SessionTokens, ApiError> {
    let mut errors = Vec::new();
    if req.state.trim().is_empty() {
        errors.push(FieldError::new(
            "state",
            "required",
            "Send the state from the return address",
        ));
    } else if req.state.len() > 200 {
        errors.push(FieldError::new(
            "state",
            "length",
            "A state is at most 200 characters",
        ));
    }
    if req.code.as_ref().is_some_and(|c| c.len() > 2000) {
        errors.push(FieldError::new(
            "code",
            "length",
            "A code is at most 2000 characters",
        ));
    }
    if req.totp_code.as_ref().is_some_and(|c| c.chars().count() > 20) {
        errors.push(FieldError::new(
            "totp_code",
            "length",
            "A code is at most 20 characters",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let key = req.state.clone();
    let pending: Option<Pending> = state
        .db
        .read(move |conn| {
            Ok(sso_sign_ins::table
                .find(&key)
                .select((
                    sso_sign_ins::force_code,
                    sso_sign_ins::nonce,
                    sso_sign_ins::pkce_verifier,
                    sso_sign_ins::created_at,
                    sso_sign_ins::user_id,
                    sso_sign_ins::finished_at,
                ))
                .first(conn)
                .optional()?)
        })
        .await?;
    let at = now();
    let refusal = match &pending {
        None => Some("a state not started here"),
        Some(p) if p.finished_at.is_some() => Some("a sign-in already used"),
        Some(p) if p.created_at + Duration::seconds(SIGN_IN_WINDOW_SECS) <= at => {
            Some("a sign-in that took too long")
        }
        Some(_) => None,
    };
    let force_of_refused = pending.as_ref().map(|p| p.force_code.clone());
    let Some(pending) = pending.filter(|_| refusal.is_none()) else {
        let force = force_of_refused;
        let why = refusal.unwrap_or_default();
        return state
            .db
            .write(move |conn| {
                let e = Entry {
                    actor_force_code: force.as_deref(),
                    ..base_entry(None, request_id.as_deref())
                };
                audit::append(conn, AuditAction::SignInFailed, e.detail(format!("single sign-on: {why}")))?;
                Ok(Err(failed(
                    "This sign-in was not started here, was already used or took too long: start again from the sign-in page",
                )))
            })
            .await?;
    };
    let identity = match (pending.user_id.clone(), req.code.clone()) {
        (Some(user_id), _) => Identity::Matched(user_id),
        (None, None) => {
            return Err(ApiError::validation(vec![FieldError::new(
                "code",
                "required",
                "Send the code from the return address",
            )]))
        }
        (None, Some(code)) => {
            let f = pending.force_code.clone();
            let provider = state
                .db
                .read(move |conn| Ok(find_provider(conn, &f)?))
                .await?
                .filter(|p| p.enabled)
                .ok_or_else(|| failed("Your force no longer signs in with this identity provider"))?;
            match vouched(
                &provider,
                code,
                pending.pkce_verifier.clone(),
                pending.nonce.clone(),
            )
            .await
            {
                Ok(v) => Identity::Vouched(v),
                Err(e) => {
                    // Refused by the provider or not checking out: audited under the force, and the
                    // sign-in is spent.
                    let (force, key, rid) =
                        (pending.force_code.clone(), req.state.clone(), request_id.clone());
                    let why = format!("single sign-on: {e}");
                    state
                        .db
                        .write(move |conn| {
                            let entry = Entry {
                                actor_force_code: Some(&force),
                                ..base_entry(None, rid.as_deref())
                            };
                            audit::append(conn, AuditAction::SignInFailed, entry.detail(why))?;
                            finished(conn, &key, now())?;
                            Ok(())
                        })
                        .await?;
                    return Err(e);
                }
            }
        }
    };
    let cfg = state.auth.clone();
    let keys = state.keys.clone();
    let force = pending.force_code;
    state
        .db
        .write(move |conn| {
            let (user, second_factor) = match identity {
                Identity::Matched(id) => (User::find(conn, &id)?.ok_or_else(|| failed("Start again"))?, false),
                Identity::Vouched(v) => match account_for(conn, &force, &v)? {
                    Ok(u) => (u, v.second_factor),
                    Err(why) => {
                        let e = Entry {
                            actor_force_code: Some(&force),
                            ..base_entry(None, request_id.as_deref())
                        };
                        audit::append(
                            conn,
                            AuditAction::SignInFailed,
                            e.detail(format!("single sign-on ({}): {why}", v.issuer)),
                        )?;
                        finished(conn, &req.state, at)?;
                        return Ok(Err(ApiError::code(
                            ErrorCode::SsoNoAccount,
                            "Your force's identity provider signed you in, but there is no Bluelamp account for you in that force: ask your force administrator",
                        )));
                    }
                },
            };
            let e = Entry {
                actor_username: Some(&user.username),
                ..base_entry(Some(&user), request_id.as_deref())
            };
            if !user.active || user.locked_until.is_some_and(|t| t > at) {
                let why = if user.active { "account locked" } else { "account deactivated" };
                audit::append(conn, AuditAction::SignInFailed, e.detail(format!("single sign-on: {why}")))?;
                finished(conn, &req.state, at)?;
                return Ok(Err(if user.active {
                    ApiError::code(
                        ErrorCode::AccountLocked,
                        "Your account is locked for a few minutes after failed sign-ins. Try again later.",
                    )
                } else {
                    ApiError::code(
                        ErrorCode::AccountInactive,
                        "This account has been deactivated. Contact your force administrator.",
                    )
                }));
            }
            let check = if second_factor {
                Check::Passed
            } else {
                mfa::check_sign_in(conn, &user.id, &user.username, req.totp_code.as_deref())?
            };
            if !matches!(check, Check::Passed) {
                diesel::update(sso_sign_ins::table.find(&req.state))
                    .set(sso_sign_ins::user_id.eq(&user.id))
                    .execute(conn)?;
                let detail = if matches!(check, Check::Wrong) {
                    wrong_password(conn, &user, e, &cfg, "wrong authenticator code after single sign-on")?;
                    "That code is not right or was already used: enter the code your app shows now"
                } else {
                    "Enter the 6-digit code from your authenticator app, or a recovery code"
                };
                return Ok(Err(ApiError::code(ErrorCode::MfaRequired, detail)));
            }
            // Each sign-in is used once, even by two calls racing with it.
            if finished(conn, &req.state, at)? != 1 {
                return Ok(Err(failed("This sign-in was already used: start again")));
            }
            open_session(conn, &user, e, &cfg, &keys, at, user_agent, Some("single sign-on")).map(Ok)
        })
        .await?
}

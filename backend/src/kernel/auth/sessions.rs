//! Sign-in, token refresh, sign-out and the authentication of every request.
//!
//! Rules (CJIS-style, see docs/adr/0003): 5 consecutive failures lock an account for 10 minutes;
//! a session ends after 30 minutes without user activity or 12 hours after sign-in; access tokens
//! live 10 minutes and refresh tokens are single-use. Every sign-in, failure and lock is audited.

use crate::db::now;
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::mfa::{self, Check};
use crate::kernel::auth::session_rows::Session;
use crate::kernel::auth::{password, tokens, Caller};
use crate::kernel::forces::Force;
use crate::kernel::users::{self, User};
use crate::startup::AppState;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{describe_roles, Me, RefreshRequest, Role, SessionTokens, SignInRequest};
use bluelamp_shared::error::ErrorCode;
use bluelamp_shared::ids::SessionId;
use bluelamp_shared::validation;
use chrono::{Duration, NaiveDateTime};

/// Seconds between two recordings of activity on one session.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// Builds the signed-in user's profile.
pub fn me(conn: &mut AnyConnection, user_id: &str) -> Result<Me, ApiError> {
    let (user, force) = User::find_with_force(conn, user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
    let roles = users::roles_of(conn, user_id)?;
    let enrolled = mfa::enrolled(conn, user_id)?;
    let required = !enrolled && mfa::required(conn, &user.force_code, &roles)?;
    let mut me = me_of(&user, &force, roles);
    me.mfa_enrolled = enrolled;
    me.mfa_enrolment_required = required;
    Ok(me)
}

fn me_of(user: &User, force: &Force, roles: Vec<Role>) -> Me {
    let (capabilities, modules) = describe_roles(&roles);
    Me {
        mfa_enrolled: false,
        mfa_enrolment_required: false,
        id: user.user_id(),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        collar_number: user.collar_number.clone(),
        rank: user.rank.clone(),
        force: force.to_dto(),
        kind: user.account_kind(),
        roles,
        capabilities,
        modules,
    }
}

enum Attempt {
    Unknown,
    Locked,
    WrongPassword { user: User },
    Inactive { user: User },
    Ok { user: User },
}

/// Signs a user in.
pub async fn sign_in(
    state: &AppState,
    req: SignInRequest,
    request_id: Option<String>,
    user_agent: Option<String>,
) -> Result<SessionTokens, ApiError> {
    let errors = validation::check(&req);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let username = req.username.trim().to_lowercase();
    let totp_code = req.totp_code.clone();
    let found = {
        let u = username.clone();
        state
            .db
            .read(move |conn| Ok(User::find_by_username(conn, &u)?))
            .await?
    };
    let at = now();
    // Verify the password off the executor; an unknown user costs the same time.
    let attempt = {
        let pw = req.password;
        actix_web::web::block(move || match found {
            None => {
                password::verify(&pw, password::dummy_hash());
                Attempt::Unknown
            }
            Some(u) if u.locked_until.is_some_and(|t| t > at) => Attempt::Locked,
            Some(u) if !password::verify(&pw, &u.password_hash) => Attempt::WrongPassword { user: u },
            Some(u) if !u.active => Attempt::Inactive { user: u },
            Some(u) => Attempt::Ok { user: u },
        })
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?
    };
    let cfg = state.auth.clone();
    let keys = state.keys.clone();
    let rid = request_id;
    let outcome = state
        .db
        .write(move |conn| {
            let base = |u| base_entry(u, rid.as_deref());
            match attempt {
                Attempt::Unknown => {
                    let e = Entry {
                        actor_username: Some(&username),
                        ..base(None)
                    };
                    audit::append(conn, AuditAction::SignInFailed, e.detail("unknown user name"))?;
                    Ok(Err(invalid_credentials()))
                }
                Attempt::Locked => {
                    let u = User::find_by_username(conn, &username)?;
                    let e = Entry {
                        actor_username: Some(&username),
                        ..base(u.as_ref())
                    };
                    audit::append(conn, AuditAction::SignInFailed, e.detail("account locked"))?;
                    // Answered as a wrong password, so a lock does not tell who has an account.
                    Ok(Err(invalid_credentials()))
                }
                Attempt::WrongPassword { user } => {
                    let e = Entry {
                        actor_username: Some(&user.username),
                        ..base(Some(&user))
                    };
                    wrong_password(conn, &user, e, &cfg, "wrong password")?;
                    Ok(Err(invalid_credentials()))
                }
                Attempt::Inactive { user } => {
                    let e = Entry {
                        actor_username: Some(&user.username),
                        ..base(Some(&user))
                    };
                    audit::append(conn, AuditAction::SignInFailed, e.detail("account deactivated"))?;
                    Ok(Err(ApiError::code(
                        ErrorCode::AccountInactive,
                        "This account has been deactivated. Contact your force administrator.",
                    )))
                }
                Attempt::Ok { user } => {
                    let e = Entry {
                        actor_username: Some(&user.username),
                        ..base(Some(&user))
                    };
                    match mfa::check_sign_in(conn, &user.id, &user.username, totp_code.as_deref())? {
                        Check::Passed => {
                            open_session(conn, &user, e, &cfg, &keys, at, user_agent, None).map(Ok)
                        }
                        Check::Missing => Ok(Err(ApiError::code(
                            ErrorCode::MfaRequired,
                            "Enter the 6-digit code from your authenticator app, or a recovery code",
                        ))),
                        Check::Wrong => {
                            wrong_password(conn, &user, e, &cfg, "wrong authenticator code")?;
                            Ok(Err(ApiError::code(
                                ErrorCode::MfaRequired,
                                "That code is not right or was already used: enter the code your app shows now",
                            )))
                        }
                    }
                }
            }
        })
        .await?;
    outcome
}

/// A wrong password (or authenticator code): counted, audited, and the account locked for a while once the failures in
/// a row reach the limit.
pub(crate) fn wrong_password(
    conn: &mut AnyConnection,
    user: &User,
    e: Entry<'_>,
    cfg: &crate::config::AuthSettings,
    what: &str,
) -> Result<(), ApiError> {
    let count = users::record_failure(conn, &user.id)?;
    audit::append(
        conn,
        AuditAction::SignInFailed,
        e.clone().detail(format!("{what} ({count} in a row)")),
    )?;
    if count >= cfg.max_failed_sign_ins {
        users::lock(conn, &user.id, now() + Duration::seconds(cfg.lockout_secs))?;
        audit::append(
            conn,
            AuditAction::AccountLocked,
            e.detail(format!("{count} failed sign-ins")),
        )?;
    }
    Ok(())
}

/// A good sign-in: clears the failures, opens and audits a session, and answers with its tokens
/// and any notice of a lock since the last sign-in. `how` names a way of signing in other than the
/// password (in the audit row).
#[allow(clippy::too_many_arguments)]
pub(crate) fn open_session(
    conn: &mut AnyConnection,
    user: &User,
    e: Entry<'_>,
    cfg: &crate::config::AuthSettings,
    keys: &tokens::TokenKeys,
    at: NaiveDateTime,
    user_agent: Option<String>,
    how: Option<&str>,
) -> Result<SessionTokens, ApiError> {
    // The real user learns of a lock (which sign-in did not tell) when they next get in.
    let notices: Vec<String> = user
        .locked_until
        .map(|t| {
            format!(
                "Your account was locked until {} UTC after {} failed sign-ins. If that was not you, tell your force administrator.",
                t.format("%d %b %Y %H:%M"),
                cfg.max_failed_sign_ins
            )
        })
        .into_iter()
        .collect();
    users::clear_failures(conn, &user.id)?;
    let roles = users::roles_of(conn, &user.id)?;
    let mfa_enrolment_pending =
        !mfa::enrolled(conn, &user.id)? && mfa::required(conn, &user.force_code, &roles)?;
    let refresh = tokens::random_token();
    let session = Session {
        id: uuid::Uuid::new_v4().to_string(),
        user_id: user.id.clone(),
        refresh_token_hash: tokens::hash_token(&refresh),
        created_at: at,
        last_active_at: at,
        expires_at: at + Duration::seconds(cfg.session_max_age_secs),
        revoked_at: None,
        user_agent,
        mfa_enrolment_pending,
    };
    Session::insert(conn, &session)?;
    let detail = match how {
        Some(how) => format!("session {} ({how})", session.id),
        None => format!("session {}", session.id),
    };
    audit::append(conn, AuditAction::SignIn, e.detail(detail))?;
    let me = me(conn, &user.id)?;
    let mut tokens = tokens_for(keys, cfg, &session, &user.force_code, refresh, me)?;
    tokens.notices = notices;
    Ok(tokens)
}

/// The audit entry of a sign-in attempt by `u` (when known).
pub(crate) fn base_entry<'a>(u: Option<&'a User>, request_id: Option<&'a str>) -> Entry<'a> {
    Entry {
        actor_user_id: u.map(|u| u.id.as_str()),
        actor_force_code: u.map(|u| u.force_code.as_str()),
        request_id,
        record_kind: u.map(|_| "user"),
        record_id: u.map(|u| u.id.as_str()),
        ..Entry::default()
    }
}

fn invalid_credentials() -> ApiError {
    ApiError::code(ErrorCode::InvalidCredentials, "Check your user name and password")
}

fn tokens_for(
    keys: &tokens::TokenKeys,
    cfg: &crate::config::AuthSettings,
    session: &Session,
    force: &str,
    refresh: String,
    user: Me,
) -> Result<SessionTokens, ApiError> {
    let issued = chrono::Utc::now();
    let access = keys
        .issue(
            &session.user_id,
            &session.id,
            force,
            issued.timestamp(),
            cfg.access_token_ttl_secs,
        )
        .map_err(ApiError::internal)?;
    Ok(SessionTokens {
        access_token: access,
        token_type: "Bearer".to_owned(),
        expires_in: cfg.access_token_ttl_secs,
        access_expires_at: issued + Duration::seconds(cfg.access_token_ttl_secs),
        refresh_token: refresh,
        session_id: SessionId(session.id.parse().unwrap_or_default()),
        idle_timeout_secs: cfg.idle_timeout_secs,
        user,
        notices: Vec::new(),
    })
}

fn session_ended() -> ApiError {
    ApiError::code(
        ErrorCode::SessionExpired,
        "Your session has ended. Sign in again to continue.",
    )
}

/// Exchanges a refresh token for new tokens (the refresh token is rotated). A refresh token that was
/// already spent ends the whole session, so every token of that sign-in stops working, and is audited:
/// reuse means two parties hold the token (OAuth 2.0 Security BCP, refresh token rotation).
pub async fn refresh(state: &AppState, req: RefreshRequest) -> Result<SessionTokens, ApiError> {
    let errors = validation::check(&req);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let cfg = state.auth.clone();
    let keys = state.keys.clone();
    // The outer error rolls back; the inner one is answered after the session's end is committed.
    state
        .db
        .write(move |conn| {
            let old_hash = tokens::hash_token(&req.refresh_token);
            let at = now();
            let Some(session) = Session::find_by_refresh_hash(conn, &old_hash)? else {
                if let Some(spent) = Session::spent_by(conn, &old_hash)? {
                    end_after_reuse(conn, &spent, at)?;
                }
                return Ok(Err(session_ended()));
            };
            if !session.is_live(at, cfg.idle_timeout_secs) {
                return Err(session_ended());
            }
            let (user, _) = User::find_with_force(conn, &session.user_id)?.ok_or_else(session_ended)?;
            if !user.active {
                return Err(session_ended());
            }
            let refresh = tokens::random_token();
            if !Session::rotate(conn, &session.id, &old_hash, &tokens::hash_token(&refresh), at)? {
                // Another refresh spent the same token first: the same theft signal.
                end_after_reuse(conn, &session, at)?;
                return Ok(Err(session_ended()));
            }
            if req.user_active {
                Session::touch(conn, &session.id, at)?;
            }
            let me = me(conn, &user.id)?;
            Ok(tokens_for(&keys, &cfg, &session, &user.force_code, refresh, me))
        })
        .await?
}

/// Ends a session whose spent refresh token came back, and audits it under the session's user.
fn end_after_reuse(conn: &mut AnyConnection, session: &Session, at: NaiveDateTime) -> Result<(), ApiError> {
    Session::revoke(conn, &session.id, at)?;
    let user = User::find_with_force(conn, &session.user_id)?.map(|(u, _)| u);
    audit::append(
        conn,
        AuditAction::RefreshTokenReused,
        Entry {
            actor_user_id: Some(&session.user_id),
            actor_username: user.as_ref().map(|u| u.username.as_str()),
            actor_force_code: user.as_ref().map(|u| u.force_code.as_str()),
            ..Entry::default()
        }
        .record("user", &session.user_id)
        .detail(format!(
            "session {}: a spent refresh token was presented again; the session was ended",
            session.id
        )),
    )
}

/// Ends the caller's session.
pub async fn sign_out(state: &AppState, caller: &Caller) -> Result<(), ApiError> {
    let c = caller.clone();
    state
        .db
        .write(move |conn| {
            Session::revoke(conn, &c.session_id, now())?;
            audit::append(
                conn,
                AuditAction::SignOut,
                Entry::by(&c)
                    .record("user", &c.user_id)
                    .detail(format!("session {}", c.session_id)),
            )
        })
        .await
}

/// Authenticates an access token: a valid signature and expiry, a live
/// session, an active user. Records activity on the session at most once a minute.
pub async fn authenticate(
    state: &AppState,
    token: &str,
    request_id: Option<String>,
) -> Result<Caller, ApiError> {
    let claims = state.keys.verify(token).map_err(|e| match e {
        tokens::TokenError::Expired => ApiError::code(
            ErrorCode::Unauthenticated,
            "The access token has expired: refresh it",
        ),
        tokens::TokenError::Invalid => {
            ApiError::code(ErrorCode::Unauthenticated, "The access token is not valid")
        }
    })?;
    let idle = state.auth.idle_timeout_secs;
    let (caller, needs_touch) = state
        .db
        .read(move |conn| {
            let at = now();
            let session = Session::find(conn, &claims.sid)?.ok_or_else(session_ended)?;
            if session.user_id != claims.sub || !session.is_live(at, idle) {
                return Err(session_ended());
            }
            let user = User::find(conn, &claims.sub)?.ok_or_else(session_ended)?;
            if !user.active {
                return Err(ApiError::code(
                    ErrorCode::AccountInactive,
                    "This account has been deactivated",
                ));
            }
            let roles = users::roles_of(conn, &user.id)?;
            let needs_touch =
                at.signed_duration_since(session.last_active_at).num_seconds() >= TOUCH_INTERVAL_SECS;
            Ok((
                Caller {
                    user_id: user.id,
                    username: user.username,
                    force_code: user.force_code,
                    roles,
                    session_id: session.id,
                    request_id,
                    mfa_pending: session.mfa_enrolment_pending,
                },
                needs_touch,
            ))
        })
        .await?;
    if needs_touch {
        let sid = caller.session_id.clone();
        state
            .db
            .write(move |conn| Ok(Session::touch(conn, &sid, now())?))
            .await?;
    }
    Ok(caller)
}

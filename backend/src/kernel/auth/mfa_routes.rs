//! `/me/mfa/totp` (setting up one's authenticator app) and `/mfa-policy` (which roles of the force must).

use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::{mfa, Caller};
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{ConfirmTotpRequest, MfaPolicy, RecoveryCodes, TotpEnrolment};
use bluelamp_shared::error::{FieldError, Problem};

/// Start setting up an authenticator app: a new secret with its QR code, pending until you confirm it
/// with a code. Starting again replaces a pending secret.
#[utoipa::path(
    post, path = "/api/v1/me/mfa/totp", operation_id = "me_mfa_totp_start", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Scan the QR code, then confirm with a code", body = TotpEnrolment),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An authenticator app is already set up (an administrator resets it)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn start(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let c = caller.clone();
    let started = state
        .db
        .write(move |conn| mfa::start(conn, &c.user_id, &c.username))
        .await?;
    let Some((secret, uri)) = started else {
        return Err(ApiError::conflict(
            "Your authenticator app is already set up; if you lost it, ask your force administrator to reset it",
        ));
    };
    let qr_svg = mfa::qr_svg(&uri)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TotpEnrolment {
            secret,
            otpauth_uri: uri,
            qr_svg,
        }))
}

/// Confirm the authenticator app with the code it shows now: multi-factor sign-in is on from the next
/// sign-in, and the answer holds ten recovery codes, shown this once.
#[utoipa::path(
    post, path = "/api/v1/me/mfa/totp/confirm", operation_id = "me_mfa_totp_confirm", tag = "auth",
    security(("bearer" = [])),
    request_body = ConfirmTotpRequest,
    responses(
        (status = 200, description = "Set up; keep the recovery codes safe", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The code is not right (or nothing is being set up)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn confirm(
    state: web::Data<AppState>,
    caller: Caller,
    body: crate::http::Json<ConfirmTotpRequest>,
) -> Result<HttpResponse, ApiError> {
    let code = body.into_inner().code;
    let codes = state
        .db
        .write(move |conn| {
            let Some(codes) = mfa::confirm(conn, &caller.user_id, &caller.username, &code)? else {
                return Err(ApiError::validation(vec![FieldError::new(
                    "code",
                    "wrong",
                    "That code is not right: enter the 6-digit code your app shows now (start again if you scanned an older QR code)",
                )]));
            };
            audit::append(
                conn,
                AuditAction::Update,
                Entry::by(&caller)
                    .record("user", &caller.user_id)
                    .detail("set up multi-factor sign-in (authenticator app)"),
            )?;
            Ok(codes)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(RecoveryCodes { codes }))
}

/// The roles of your force that must sign in with an authenticator app (force administrators).
#[utoipa::path(
    get, path = "/api/v1/mfa-policy", operation_id = "mfa_policy_get", tag = "users",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The roles that must", body = MfaPolicy),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_policy(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let force = caller.force_code.clone();
    let required_roles = state.db.read(move |conn| mfa::policy(conn, &force)).await?;
    Ok(HttpResponse::Ok().json(MfaPolicy { required_roles }))
}

/// Set the roles of your force that must sign in with an authenticator app (the whole list; force
/// administrators). Users of those roles without one set it up at their next sign-in; until they do,
/// only the set-up is open to them.
#[utoipa::path(
    put, path = "/api/v1/mfa-policy", operation_id = "mfa_policy_set", tag = "users",
    security(("bearer" = [])),
    request_body = MfaPolicy,
    responses(
        (status = 200, description = "The policy now", body = MfaPolicy),
        (status = 403, description = "Not a force administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A role the force does not grant", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn set_policy(
    state: web::Data<AppState>,
    caller: Caller,
    body: crate::http::Json<MfaPolicy>,
) -> Result<HttpResponse, ApiError> {
    let policy = body.into_inner();
    if let Err(e) = bluelamp_shared::validation::police_roles(&policy.required_roles) {
        let mut errors = Vec::new();
        bluelamp_shared::validation::push_rule(&mut errors, "required_roles", Err(e));
        return Err(ApiError::validation(errors));
    }
    let required_roles = state
        .db
        .write(move |conn| {
            mfa::set_policy(conn, &caller.force_code, &policy.required_roles)?;
            let names: Vec<&str> = policy.required_roles.iter().map(|r| r.as_str()).collect();
            audit::append(
                conn,
                AuditAction::Update,
                Entry::by(&caller)
                    .record("mfa_policy", &caller.force_code)
                    .detail(format!(
                        "multi-factor sign-in required of: {}",
                        if names.is_empty() {
                            "no role".to_owned()
                        } else {
                            names.join(", ")
                        }
                    )),
            )?;
            mfa::policy(conn, &caller.force_code)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MfaPolicy { required_roles }))
}

//! `/me/sessions`: the signed-in user's own sessions, and signing out of the others (a lost phone, a
//! shared computer left signed in). An ended session's tokens stop working on their next use.

use crate::db::schema::sessions;
use crate::db::{now, utc};
use crate::error::ApiError;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::session_rows::Session;
use crate::kernel::auth::Caller;
use crate::startup::AppState;
use actix_web::{web, HttpResponse};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{SessionDto, SessionsEnded};
use bluelamp_shared::error::Problem;
use bluelamp_shared::ids::SessionId;
use diesel::prelude::*;

/// The caller's sessions still in use, the most recently used first.
fn live_sessions(
    conn: &mut crate::db::AnyConnection,
    caller: &Caller,
    idle_secs: i64,
) -> Result<Vec<Session>, ApiError> {
    let at = now();
    let mut rows: Vec<Session> = sessions::table
        .filter(sessions::user_id.eq(&caller.user_id))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(at))
        .select(Session::as_select())
        .load(conn)?;
    rows.retain(|s| s.is_live(at, idle_secs));
    rows.sort_by(|a, b| b.last_active_at.cmp(&a.last_active_at).then(a.id.cmp(&b.id)));
    Ok(rows)
}

/// Your sessions still in use (each browser or device you are signed in on), the most recent first.
#[utoipa::path(
    get, path = "/api/v1/me/sessions", operation_id = "me_sessions", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Your sessions in use; `current` marks this one", body = Vec<SessionDto>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let idle = state.auth.idle_timeout_secs;
    let c = caller.clone();
    let items = state
        .db
        .read(move |conn| {
            Ok(live_sessions(conn, &c, idle)?
                .into_iter()
                .map(|s| SessionDto {
                    current: s.id == c.session_id,
                    id: SessionId(s.id.parse().unwrap_or_default()),
                    created_at: utc(s.created_at),
                    last_active_at: utc(s.last_active_at),
                    expires_at: utc(s.expires_at),
                    user_agent: s.user_agent,
                })
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(items))
}

fn end(
    conn: &mut crate::db::AnyConnection,
    caller: &Caller,
    ids: &[String],
    what: &str,
) -> Result<SessionsEnded, ApiError> {
    let at = now();
    for id in ids {
        Session::revoke(conn, id, at)?;
    }
    audit::append(
        conn,
        AuditAction::SignOut,
        Entry::by(caller).detail(format!("{what}: {} sessions ended", ids.len())),
    )?;
    Ok(SessionsEnded {
        ended: u32::try_from(ids.len()).unwrap_or(u32::MAX),
    })
}

/// Sign out of every other session of yours, keeping this one.
#[utoipa::path(
    post, path = "/api/v1/me/sessions/sign-out-others", operation_id = "me_sessions_sign_out_others", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "How many sessions were ended", body = SessionsEnded),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn sign_out_others(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let idle = state.auth.idle_timeout_secs;
    let ended = state
        .db
        .write(move |conn| {
            let others: Vec<String> = live_sessions(conn, &caller, idle)?
                .into_iter()
                .map(|s| s.id)
                .filter(|id| *id != caller.session_id)
                .collect();
            end(conn, &caller, &others, "signed out of other sessions")
        })
        .await?;
    Ok(HttpResponse::Ok().json(ended))
}

/// Sign out one of your sessions (another device, or this one).
#[utoipa::path(
    delete, path = "/api/v1/me/sessions/{id}", operation_id = "me_sessions_end", tag = "auth",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Session id")),
    responses(
        (status = 204, description = "Ended"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such session of yours in use", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(user = %caller.username))]
pub async fn end_one(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = crate::http::path_uuid(&id, "session")?.to_string();
    let idle = state.auth.idle_timeout_secs;
    state
        .db
        .write(move |conn| {
            // Only the caller's own sessions are listed, so another user's session is simply not found.
            if !live_sessions(conn, &caller, idle)?.iter().any(|s| s.id == id) {
                return Err(ApiError::not_found("session"));
            }
            end(conn, &caller, &[id], "signed out of one session")
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

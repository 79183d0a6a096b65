//! `sessions`: one row per sign-in, holding the hash of the current refresh token.

use crate::db::schema::{sessions, spent_refresh_tokens};
use crate::db::AnyConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A session row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct Session {
    /// Id.
    pub id: String,
    /// The user.
    pub user_id: String,
    /// SHA-256 of the current refresh token.
    pub refresh_token_hash: String,
    /// Signed in at.
    pub created_at: NaiveDateTime,
    /// Last user activity.
    pub last_active_at: NaiveDateTime,
    /// Absolute end.
    pub expires_at: NaiveDateTime,
    /// Signed out at.
    pub revoked_at: Option<NaiveDateTime>,
    /// Browser or client.
    pub user_agent: Option<String>,
    /// Opened before a required multi-factor enrolment: only the enrolment is open to it.
    pub mfa_enrolment_pending: bool,
}

impl Session {
    /// Whether the session can still be used at `now` with the given idle limit.
    pub fn is_live(&self, now: NaiveDateTime, idle_secs: i64) -> bool {
        self.revoked_at.is_none()
            && now < self.expires_at
            && now.signed_duration_since(self.last_active_at).num_seconds() < idle_secs
    }

    /// Inserts.
    pub fn insert(conn: &mut AnyConnection, s: &Session) -> QueryResult<()> {
        diesel::insert_into(sessions::table)
            .values(s)
            .execute(conn)
            .map(|_| ())
    }

    /// By id.
    pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<Session>> {
        sessions::table
            .find(id)
            .select(Session::as_select())
            .first(conn)
            .optional()
    }

    /// By the hash of its current refresh token.
    pub fn find_by_refresh_hash(conn: &mut AnyConnection, hash: &str) -> QueryResult<Option<Session>> {
        sessions::table
            .filter(sessions::refresh_token_hash.eq(hash))
            .select(Session::as_select())
            .first(conn)
            .optional()
    }

    /// Replaces the refresh token (rotation), only if it is still `old_hash`: a token used twice
    /// rotates once.
    pub fn rotate(
        conn: &mut AnyConnection,
        id: &str,
        old_hash: &str,
        new_hash: &str,
        at: NaiveDateTime,
    ) -> QueryResult<bool> {
        let moved = diesel::update(
            sessions::table
                .filter(sessions::id.eq(id))
                .filter(sessions::refresh_token_hash.eq(old_hash)),
        )
        .set(sessions::refresh_token_hash.eq(new_hash))
        .execute(conn)?
            == 1;
        if moved {
            diesel::insert_into(spent_refresh_tokens::table)
                .values((
                    spent_refresh_tokens::token_hash.eq(old_hash),
                    spent_refresh_tokens::session_id.eq(id),
                    spent_refresh_tokens::spent_at.eq(at),
                ))
                .execute(conn)?;
        }
        Ok(moved)
    }

    /// The session a spent (already rotated) refresh token belonged to.
    pub fn spent_by(conn: &mut AnyConnection, hash: &str) -> QueryResult<Option<Session>> {
        sessions::table
            .inner_join(spent_refresh_tokens::table)
            .filter(spent_refresh_tokens::token_hash.eq(hash))
            .select(Session::as_select())
            .first(conn)
            .optional()
    }

    /// Records user activity.
    pub fn touch(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(sessions::table.find(id))
            .set(sessions::last_active_at.eq(at))
            .execute(conn)
            .map(|_| ())
    }

    /// Ends a session.
    pub fn revoke(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
        diesel::update(sessions::table.find(id).filter(sessions::revoked_at.is_null()))
            .set(sessions::revoked_at.eq(Some(at)))
            .execute(conn)
            .map(|_| ())
    }

    /// Ends every session of a user (deactivation, password change).
    pub fn revoke_all_for_user(
        conn: &mut AnyConnection,
        user_id: &str,
        at: NaiveDateTime,
    ) -> QueryResult<()> {
        diesel::update(
            sessions::table
                .filter(sessions::user_id.eq(user_id))
                .filter(sessions::revoked_at.is_null()),
        )
        .set(sessions::revoked_at.eq(Some(at)))
        .execute(conn)
        .map(|_| ())
    }
}

//! `idempotency_keys`: the stored answer to a create, so a retried submit returns it again.

use crate::db::schema::idempotency_keys;
use crate::db::AnyConnection;
use diesel::prelude::*;

/// A stored answer.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
pub struct StoredResponse {
    /// Hash of the request it answered.
    pub request_hash: String,
    /// HTTP status.
    pub status_code: i32,
    /// JSON body.
    pub response_body: String,
}

/// Looks up a key of a user.
pub fn find(conn: &mut AnyConnection, user_id: &str, key: &str) -> QueryResult<Option<StoredResponse>> {
    idempotency_keys::table
        .find((user_id, key))
        .select(StoredResponse::as_select())
        .first(conn)
        .optional()
}

/// Stores the answer (in the same transaction as the create it answers).
pub fn store(
    conn: &mut AnyConnection,
    user_id: &str,
    key: &str,
    request_hash: &str,
    status: u16,
    body: &str,
) -> QueryResult<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::user_id.eq(user_id),
            idempotency_keys::idempotency_key.eq(key),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::status_code.eq(i32::from(status)),
            idempotency_keys::response_body.eq(body),
            idempotency_keys::created_at.eq(crate::db::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

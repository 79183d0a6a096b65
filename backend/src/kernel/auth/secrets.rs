//! `server_secrets`: keys generated on first start and shared by every server on the database.

use crate::db::schema::server_secrets;
use crate::db::AnyConnection;
use diesel::prelude::*;

/// Returns the secret `name`, creating it with `make` if it does not exist yet. Two servers starting at
/// once both end up with the one that was inserted first.
pub fn get_or_create(
    conn: &mut AnyConnection,
    name: &str,
    make: impl FnOnce() -> String,
) -> QueryResult<String> {
    let existing: Option<String> = server_secrets::table
        .find(name)
        .select(server_secrets::value)
        .first(conn)
        .optional()?;
    if let Some(v) = existing {
        return Ok(v);
    }
    let inserted = diesel::insert_into(server_secrets::table)
        .values((
            server_secrets::name.eq(name),
            server_secrets::value.eq(make()),
            server_secrets::created_at.eq(crate::db::now()),
        ))
        .execute(conn);
    match inserted {
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            server_secrets::table
                .find(name)
                .select(server_secrets::value)
                .first(conn)
        }
        Err(e) => Err(e),
    }
}

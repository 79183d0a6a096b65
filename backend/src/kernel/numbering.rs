//! Per-force, per-year reference numbers (crime, incident, custody, intelligence and case references).

use crate::db::schema::reference_sequences;
use crate::db::AnyConnection;
use crate::error::ApiError;
use diesel::prelude::*;

/// The next number of a per-force, per-year sequence (crime and incident references). The row lock
/// of the update serialises concurrent writers on PostgreSQL; SQLite has one writer. Numbers are
/// never reused: a rolled-back transaction gives its number back, a committed one keeps it forever.
pub fn next_number(conn: &mut AnyConnection, force: &str, kind: &str, year: i32) -> Result<i64, ApiError> {
    let key = reference_sequences::table
        .filter(reference_sequences::force_code.eq(force))
        .filter(reference_sequences::kind.eq(kind))
        .filter(reference_sequences::year.eq(year));
    let n = diesel::update(key)
        .set(reference_sequences::last_value.eq(reference_sequences::last_value + 1))
        .execute(conn)?;
    if n == 0 {
        // The first number of the year: insert in a savepoint, so that if another transaction
        // inserted it meanwhile (PostgreSQL waits for it, then reports the duplicate) this one can
        // still take the next number.
        let first = conn.transaction(|c| {
            diesel::insert_into(reference_sequences::table)
                .values((
                    reference_sequences::force_code.eq(force),
                    reference_sequences::kind.eq(kind),
                    reference_sequences::year.eq(year),
                    reference_sequences::last_value.eq(1i64),
                ))
                .execute(c)
        });
        match first {
            Ok(_) => return Ok(1),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                diesel::update(
                    reference_sequences::table
                        .filter(reference_sequences::force_code.eq(force))
                        .filter(reference_sequences::kind.eq(kind))
                        .filter(reference_sequences::year.eq(year)),
                )
                .set(reference_sequences::last_value.eq(reference_sequences::last_value + 1))
                .execute(conn)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(reference_sequences::table
        .filter(reference_sequences::force_code.eq(force))
        .filter(reference_sequences::kind.eq(kind))
        .filter(reference_sequences::year.eq(year))
        .select(reference_sequences::last_value)
        .first(conn)?)
}

//! Notes on a person: added by any force that may add to the person (each note says which force and
//! who), never edited or removed, moved with the person on a merge.

use super::actions::{addable_person, reloaded};
use super::markers::touch_and_audit;
use crate::db::schema::person_notes;
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use crate::index::reference::Reference;
use crate::kernel::access::Visibility;
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::Outcome;
use crate::kernel::users::{user_ref, user_refs};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::people::notes::{check_note, AddNoteRequest, NoteDto};
use bluelamp_shared::index::people::PersonDto;
use chrono::NaiveDate;
use diesel::prelude::*;

/// The notes on a person, oldest first, with their authors.
pub fn notes_of(conn: &mut AnyConnection, person_id: &str) -> Result<Vec<NoteDto>, ApiError> {
    let rows: Vec<(String, String, String, String, chrono::NaiveDateTime)> = person_notes::table
        .filter(person_notes::person_id.eq(person_id))
        .order((person_notes::written_at.asc(), person_notes::id.asc()))
        .select((
            person_notes::id,
            person_notes::force_code,
            person_notes::author_id,
            person_notes::text,
            person_notes::written_at,
        ))
        .load(conn)?;
    let authors: Vec<String> = rows.iter().map(|r| r.2.clone()).collect();
    let refs = user_refs(conn, &authors)?;
    Ok(rows
        .into_iter()
        .map(|(id, force, author, text, at)| NoteDto {
            id: id.parse().unwrap_or_default(),
            text,
            force: ForceCode(force),
            author: user_ref(&refs, &author),
            written_at: crate::db::utc(at),
        })
        .collect())
}

/// Adds a note to a person: the owning force, or another force whose sharing agreement lets it add to
/// people. The owner's data are untouched; the note says who wrote it. Safe to retry with an
/// idempotency key.
pub async fn add_note(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddNoteRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<PersonDto>, ApiError> {
    crate::admin::create_checked(
        db,
        caller,
        (id, req),
        key,
        |conn, c, (id, req)| {
            let vis = Visibility::load(conn, c)?;
            let row = addable_person(conn, &vis, &id.to_string())?;
            Ok((check_note(req), (vis, row)))
        },
        move |conn, c, (_, req), (vis, row)| {
            let note_id = uuid::Uuid::new_v4().to_string();
            diesel::insert_into(person_notes::table)
                .values((
                    person_notes::id.eq(&note_id),
                    person_notes::person_id.eq(&row.id),
                    person_notes::force_code.eq(&c.force_code),
                    person_notes::author_id.eq(&c.user_id),
                    person_notes::text.eq(req.text.trim()),
                    person_notes::written_at.eq(now()),
                ))
                .execute(conn)?;
            // The note's words stay on the record; the audit log says who added which note.
            touch_and_audit(
                conn,
                c,
                &row,
                format!("note added: {note_id} by {}", c.force_code),
            )?;
            let reference = Reference::load(conn)?;
            reloaded(conn, &vis, &reference, today, &row.id)
        },
    )
    .await
}

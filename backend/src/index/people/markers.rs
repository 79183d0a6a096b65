//! Warning markers on a person: added by any force that may add to the person (each marker says which
//! force set it), ended only by the owning force with a reason, and never removed, so an ended marker
//! stays on the person as history.

use super::actions::{addable_person, conflict_with, load_dto, reloaded, visible_person};
use super::queries::{self as model, PersonRow};
use crate::db::schema::{people, person_markers};
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use crate::index::reference::Reference;
use crate::kernel::access::{self, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::index::people::{
    check_end_marker, check_new_marker, EndMarkerRequest, Marker, PersonDto, PersonInput,
};
use chrono::NaiveDate;
use diesel::prelude::*;

/// A replacement that leaves out a marker still open is refused: a warning marker is ended, with its
/// reason, never removed.
pub(super) fn markers_kept(
    conn: &mut AnyConnection,
    person_id: &str,
    input: &PersonInput,
) -> Result<Vec<FieldError>, ApiError> {
    let dropped: Vec<String> = model::markers_of(conn, person_id)?
        .iter()
        .filter(|m| m.ended_on.is_none())
        .map(|m| m.to_marker())
        .filter(|m| !input.markers.iter().any(|i| i.same_as(m)))
        .map(|m| format!("{} (set {})", m.code, m.set_on))
        .collect();
    Ok(if dropped.is_empty() {
        Vec::new()
    } else {
        vec![FieldError::new(
            "markers",
            "ended_not_removed",
            format!(
                "A warning marker is ended with its reason, not removed: end {} instead",
                dropped.join(", ")
            ),
        )]
    })
}

/// Adds a warning marker to a person: the owning force, or another force the sharing agreement lets
/// add to people (the marker says which force set it). Adding the same marker again (the same kind set
/// on the same day) changes nothing, so a retry is safe.
pub async fn add_marker(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: Option<i64>,
    marker: Marker,
    today: NaiveDate,
) -> Result<PersonDto, ApiError> {
    let mut errors = check_new_marker(&marker, today);
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let row = addable_person(conn, &vis, &id.to_string())?;
        reference.check(&mut errors, "code", "marker_type", Some(&marker.code));
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let existing = model::markers_of(conn, &row.id)?;
        if existing.iter().any(|m| m.to_marker().same_as(&marker)) {
            return load_dto(conn, &vis, &reference, today, &row);
        }
        if expected.is_some_and(|v| v != row.version) {
            let current = load_dto(conn, &vis, &reference, today, &row)?;
            return Err(conflict_with(current, row.version));
        }
        model::keep_markers(conn, &row.id, std::slice::from_ref(&marker), &c.force_code)?;
        let detail = format!(
            "marker added: {} (set {}) by {}",
            marker.code, marker.set_on, c.force_code
        );
        touch_and_audit(conn, &c, &row, detail)?;
        reloaded(conn, &vis, &reference, today, &row.id)
    })
    .await
}

/// Ends a warning marker (the owning force only), with the reason; it stays on the person as history.
/// Ending an ended marker again with the same reason changes nothing, so a retry is safe.
pub async fn end_marker(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    marker_id: uuid::Uuid,
    expected: Option<i64>,
    req: EndMarkerRequest,
    today: NaiveDate,
) -> Result<PersonDto, ApiError> {
    let errors = check_end_marker(&req);
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let row = visible_person(conn, &vis, &id.to_string())?;
        access::owner_only(
            &c,
            "person",
            &row.id,
            &row.force_code,
            "Only the force that owns this person can end a marker on them",
        )?;
        let marker = model::markers_of(conn, &row.id)?
            .into_iter()
            .find(|m| m.id == marker_id.to_string())
            .ok_or_else(|| ApiError::not_found("marker"))?;
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let reason = req.reason.trim().to_owned();
        if marker.ended_on.is_some() {
            return if marker.ended_reason.as_deref() == Some(reason.as_str()) {
                load_dto(conn, &vis, &reference, today, &row)
            } else {
                Err(ApiError::conflict("This marker was already ended"))
            };
        }
        if expected.is_some_and(|v| v != row.version) {
            let current = load_dto(conn, &vis, &reference, today, &row)?;
            return Err(conflict_with(current, row.version));
        }
        diesel::update(person_markers::table.find(&marker.id))
            .set((
                person_markers::ended_on.eq(Some(today)),
                person_markers::ended_reason.eq(Some(&reason)),
                person_markers::ended_by_force.eq(Some(&c.force_code)),
            ))
            .execute(conn)?;
        let detail = format!("marker ended: {} (set {}): {reason}", marker.code, marker.set_on);
        touch_and_audit(conn, &c, &row, detail)?;
        reloaded(conn, &vis, &reference, today, &row.id)
    })
    .await
}

/// A change to a person's markers or notes: a new version, and an audit row saying what changed.
pub(super) fn touch_and_audit(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &PersonRow,
    detail: String,
) -> Result<(), ApiError> {
    diesel::update(people::table.find(&row.id))
        .set((people::version.eq(row.version + 1), people::updated_at.eq(now())))
        .execute(conn)?;
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(c)
            .owned_record("person", &row.id, &row.force_code)
            .detail(detail),
    )
}

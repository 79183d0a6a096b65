//! `people` and its child tables (names, name keys, dates of birth, identifiers, contacts, markers,
//! vulnerabilities, photos).

use crate::db::schema::{
    people, person_contacts, person_dobs, person_identifiers, person_markers, person_name_keys, person_names,
    person_photos, person_vulnerabilities,
};
use crate::db::AnyConnection;
use crate::index::names::{self, Equivalents};
use bluelamp_shared::index::people::{
    AgeRange, Contact, ContactKind, Identifier, IdentifierKind, Marker, MarkerEnd, NameKind, PersonInput,
    PersonName, Photo, Vulnerability,
};
use bluelamp_shared::validation as v;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// A person row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = people)]
pub struct PersonRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Restricted.
    pub restricted: bool,
    /// Primary name for lists.
    pub display_name: String,
    /// Gender code.
    pub gender: Option<String>,
    /// Ethnicity code.
    pub ethnicity: Option<String>,
    /// Nationality code.
    pub nationality: Option<String>,
    /// Estimated age from.
    pub estimated_age_min: Option<i32>,
    /// Estimated age to.
    pub estimated_age_max: Option<i32>,
    /// Survivor, when merged.
    pub merged_into: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl PersonRow {
    /// By id.
    pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<PersonRow>> {
        people::table
            .find(id)
            .select(PersonRow::as_select())
            .first(conn)
            .optional()
    }

    /// Many by id.
    pub fn find_many(conn: &mut AnyConnection, ids: &[String]) -> QueryResult<Vec<PersonRow>> {
        people::table
            .filter(people::id.eq_any(ids))
            .select(PersonRow::as_select())
            .load(conn)
    }
}

/// The display name of a person input: the primary name, else the first name recorded.
pub fn display_name(p: &PersonInput) -> String {
    p.names
        .iter()
        .find(|n| n.kind == NameKind::Primary)
        .or_else(|| p.names.first())
        .map(PersonName::display)
        .unwrap_or_else(|| "(name unknown)".to_owned())
}

fn name_kind(s: &str) -> NameKind {
    match s {
        "alias" => NameKind::Alias,
        "previous" => NameKind::Previous,
        _ => NameKind::Primary,
    }
}

fn name_kind_str(k: NameKind) -> &'static str {
    match k {
        NameKind::Primary => "primary",
        NameKind::Alias => "alias",
        NameKind::Previous => "previous",
    }
}

fn contact_kind_str(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Phone => "phone",
        ContactKind::Email => "email",
    }
}

/// The normalised, searchable form of an identifier or contact.
pub fn normalise_value(kind: &str, value: &str) -> String {
    match kind {
        "phone" => v::normalise_phone(value),
        "email" => value.trim().to_lowercase(),
        _ => v::compact(value),
    }
}

/// Writes all the child rows of a person (after deleting the old ones; warning markers are kept, see
/// [`keep_markers`], and new ones recorded as set by `force`).
pub fn write_details(
    conn: &mut AnyConnection,
    person_id: &str,
    p: &PersonInput,
    eq: &Equivalents,
    force: &str,
) -> QueryResult<()> {
    delete_details(conn, person_id)?;
    let earliest_dob = p.dates_of_birth.iter().min().copied();
    for (i, n) in p.names.iter().enumerate() {
        let name_id = new_id();
        diesel::insert_into(person_names::table)
            .values((
                person_names::id.eq(&name_id),
                person_names::person_id.eq(person_id),
                person_names::kind.eq(name_kind_str(n.kind)),
                person_names::forename.eq(n.forename.trim()),
                person_names::middle_names.eq(n.middle_names.trim()),
                person_names::surname.eq(n.surname.trim()),
                person_names::valid_from.eq(n.valid_from),
                person_names::valid_to.eq(n.valid_to),
                person_names::position.eq(i as i32),
            ))
            .execute(conn)?;
        for (s, pre, f) in names::name_keys(eq, &n.forename, &n.surname) {
            diesel::insert_into(person_name_keys::table)
                .values((
                    person_name_keys::person_id.eq(person_id),
                    person_name_keys::name_id.eq(&name_id),
                    person_name_keys::surname_key.eq(s),
                    person_name_keys::surname_prefix.eq(pre),
                    person_name_keys::forename_key.eq(f),
                    person_name_keys::forename.eq(names::normalise(&n.forename)),
                    person_name_keys::surname.eq(names::normalise(&n.surname)),
                    person_name_keys::dob.eq(earliest_dob),
                ))
                .execute(conn)?;
        }
    }
    for d in &p.dates_of_birth {
        diesel::insert_into(person_dobs::table)
            .values((
                person_dobs::id.eq(new_id()),
                person_dobs::person_id.eq(person_id),
                person_dobs::dob.eq(d),
            ))
            .execute(conn)?;
    }
    for i in &p.identifiers {
        diesel::insert_into(person_identifiers::table)
            .values((
                person_identifiers::id.eq(new_id()),
                person_identifiers::person_id.eq(person_id),
                person_identifiers::kind.eq(i.kind.as_str()),
                person_identifiers::value.eq(i.value.trim()),
                person_identifiers::normalized.eq(normalise_value(i.kind.as_str(), &i.value)),
            ))
            .execute(conn)?;
    }
    for c in &p.contacts {
        let kind = contact_kind_str(c.kind);
        diesel::insert_into(person_contacts::table)
            .values((
                person_contacts::id.eq(new_id()),
                person_contacts::person_id.eq(person_id),
                person_contacts::kind.eq(kind),
                person_contacts::value.eq(c.value.trim()),
                person_contacts::normalized.eq(normalise_value(kind, &c.value)),
            ))
            .execute(conn)?;
    }
    keep_markers(conn, person_id, &p.markers, force)?;
    for x in &p.vulnerabilities {
        diesel::insert_into(person_vulnerabilities::table)
            .values((
                person_vulnerabilities::id.eq(new_id()),
                person_vulnerabilities::person_id.eq(person_id),
                person_vulnerabilities::code.eq(&x.code),
                person_vulnerabilities::noted_on.eq(x.noted_on),
                person_vulnerabilities::notes.eq(&x.notes),
            ))
            .execute(conn)?;
    }
    for ph in &p.photos {
        diesel::insert_into(person_photos::table)
            .values((
                person_photos::id.eq(new_id()),
                person_photos::person_id.eq(person_id),
                person_photos::reference.eq(ph.reference.trim()),
                person_photos::taken_on.eq(ph.taken_on),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Deletes the child rows of a person that a full replacement rewrites (not its warning markers).
pub fn delete_details(conn: &mut AnyConnection, person_id: &str) -> QueryResult<()> {
    diesel::delete(person_name_keys::table.filter(person_name_keys::person_id.eq(person_id)))
        .execute(conn)?;
    diesel::delete(person_names::table.filter(person_names::person_id.eq(person_id))).execute(conn)?;
    diesel::delete(person_dobs::table.filter(person_dobs::person_id.eq(person_id))).execute(conn)?;
    diesel::delete(person_identifiers::table.filter(person_identifiers::person_id.eq(person_id)))
        .execute(conn)?;
    diesel::delete(person_contacts::table.filter(person_contacts::person_id.eq(person_id))).execute(conn)?;
    diesel::delete(person_vulnerabilities::table.filter(person_vulnerabilities::person_id.eq(person_id)))
        .execute(conn)?;
    diesel::delete(person_photos::table.filter(person_photos::person_id.eq(person_id))).execute(conn)?;
    Ok(())
}

/// Reads the details of people (everything but restriction, which lives in the grants).
pub fn read_details(
    conn: &mut AnyConnection,
    rows: &[PersonRow],
) -> QueryResult<HashMap<String, PersonInput>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut out: HashMap<String, PersonInput> = rows
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                PersonInput {
                    gender: r.gender.clone(),
                    ethnicity: r.ethnicity.clone(),
                    nationality: r.nationality.clone(),
                    estimated_age: match (r.estimated_age_min, r.estimated_age_max) {
                        (Some(a), Some(b)) => Some(AgeRange {
                            min: a.clamp(0, 255) as u8,
                            max: b.clamp(0, 255) as u8,
                        }),
                        _ => None,
                    },
                    ..Default::default()
                },
            )
        })
        .collect();
    read_names(conn, &ids, &mut out)?;
    read_dates_of_birth(conn, &ids, &mut out)?;
    read_identifiers(conn, &ids, &mut out)?;
    read_contacts(conn, &ids, &mut out)?;
    read_markers(conn, &ids, &mut out)?;
    read_vulnerabilities(conn, &ids, &mut out)?;
    read_photos(conn, &ids, &mut out)?;
    dedupe_merged(&mut out);
    Ok(out)
}

/// The names of `ids` into `out`, in their order.
fn read_names(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    type NameRow = (
        String,
        String,
        String,
        String,
        String,
        Option<chrono::NaiveDate>,
        Option<chrono::NaiveDate>,
    );
    let names: Vec<NameRow> = person_names::table
        .filter(person_names::person_id.eq_any(ids))
        .order((person_names::person_id, person_names::position))
        .select((
            person_names::person_id,
            person_names::kind,
            person_names::forename,
            person_names::middle_names,
            person_names::surname,
            person_names::valid_from,
            person_names::valid_to,
        ))
        .load(conn)?;
    for (pid, kind, forename, middle_names, surname, valid_from, valid_to) in names {
        if let Some(p) = out.get_mut(&pid) {
            p.names.push(PersonName {
                kind: name_kind(&kind),
                forename,
                middle_names,
                surname,
                valid_from,
                valid_to,
            });
        }
    }
    Ok(())
}

/// The dates of birth of `ids` into `out`, earliest first.
fn read_dates_of_birth(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    let dobs: Vec<(String, chrono::NaiveDate)> = person_dobs::table
        .filter(person_dobs::person_id.eq_any(ids))
        .order(person_dobs::dob)
        .select((person_dobs::person_id, person_dobs::dob))
        .load(conn)?;
    for (pid, d) in dobs {
        if let Some(p) = out.get_mut(&pid) {
            p.dates_of_birth.push(d);
        }
    }
    Ok(())
}

/// The identifiers of `ids` into `out`.
fn read_identifiers(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    let idents: Vec<(String, String, String)> = person_identifiers::table
        .filter(person_identifiers::person_id.eq_any(ids))
        .select((
            person_identifiers::person_id,
            person_identifiers::kind,
            person_identifiers::value,
        ))
        .load(conn)?;
    for (pid, kind, value) in idents {
        if let (Some(p), Some(kind)) = (out.get_mut(&pid), IdentifierKind::parse(&kind)) {
            p.identifiers.push(Identifier { kind, value });
        }
    }
    Ok(())
}

/// The phone numbers and emails of `ids` into `out`.
fn read_contacts(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    let contacts: Vec<(String, String, String)> = person_contacts::table
        .filter(person_contacts::person_id.eq_any(ids))
        .select((
            person_contacts::person_id,
            person_contacts::kind,
            person_contacts::value,
        ))
        .load(conn)?;
    for (pid, kind, value) in contacts {
        if let Some(p) = out.get_mut(&pid) {
            let kind = if kind == "email" {
                ContactKind::Email
            } else {
                ContactKind::Phone
            };
            p.contacts.push(Contact { kind, value });
        }
    }
    Ok(())
}

/// A `person_markers` row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = person_markers)]
pub struct MarkerRow {
    /// Id.
    pub id: String,
    /// The person.
    pub person_id: String,
    /// Marker code.
    pub code: String,
    /// Set on.
    pub set_on: chrono::NaiveDate,
    /// Lapses on.
    pub expires_on: Option<chrono::NaiveDate>,
    /// Why.
    pub notes: Option<String>,
    /// The force that set it (absent on markers recorded before forces were kept).
    pub set_by_force: Option<String>,
    /// Ended on.
    pub ended_on: Option<chrono::NaiveDate>,
    /// Why it was ended.
    pub ended_reason: Option<String>,
    /// Who ended it.
    pub ended_by_force: Option<String>,
}

impl MarkerRow {
    /// The marker as the API shows it.
    pub fn to_marker(&self) -> Marker {
        Marker {
            expires_on: self.expires_on,
            notes: self.notes.clone(),
            id: self.id.parse().ok(),
            set_by_force: self.set_by_force.clone(),
            ended: self.ended_on.map(|on| MarkerEnd {
                on,
                reason: self.ended_reason.clone().unwrap_or_default(),
                by_force: self.ended_by_force.clone().unwrap_or_default(),
            }),
            ..Marker::new(self.code.clone(), self.set_on)
        }
    }
}

/// The markers of one person, latest first.
pub fn markers_of(conn: &mut AnyConnection, person_id: &str) -> QueryResult<Vec<MarkerRow>> {
    person_markers::table
        .filter(person_markers::person_id.eq(person_id))
        .order((person_markers::set_on.desc(), person_markers::id))
        .select(MarkerRow::as_select())
        .load(conn)
}

/// Writes `markers` onto a person without removing any: a marker already there (the same kind set on
/// the same day) keeps its id and who set it, and takes the new expiry and notes unless it was ended;
/// a new one is recorded as set by `force`.
pub fn keep_markers(
    conn: &mut AnyConnection,
    person_id: &str,
    markers: &[Marker],
    force: &str,
) -> QueryResult<()> {
    let existing = markers_of(conn, person_id)?;
    for m in markers {
        match existing.iter().find(|e| e.to_marker().same_as(m)) {
            Some(e) if e.ended_on.is_none() => {
                diesel::update(person_markers::table.find(&e.id))
                    .set((
                        person_markers::expires_on.eq(m.expires_on),
                        person_markers::notes.eq(&m.notes),
                    ))
                    .execute(conn)?;
            }
            Some(_) => {}
            None => {
                diesel::insert_into(person_markers::table)
                    .values((
                        person_markers::id.eq(new_id()),
                        person_markers::person_id.eq(person_id),
                        person_markers::code.eq(&m.code),
                        person_markers::set_on.eq(m.set_on),
                        person_markers::expires_on.eq(m.expires_on),
                        person_markers::notes.eq(&m.notes),
                        person_markers::set_by_force.eq(force),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// The warning markers of `ids` into `out`, latest first.
fn read_markers(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    let markers: Vec<MarkerRow> = person_markers::table
        .filter(person_markers::person_id.eq_any(ids))
        .order((person_markers::set_on.desc(), person_markers::id))
        .select(MarkerRow::as_select())
        .load(conn)?;
    for m in markers {
        if let Some(p) = out.get_mut(&m.person_id) {
            p.markers.push(m.to_marker());
        }
    }
    Ok(())
}

/// The vulnerabilities of `ids` into `out`.
fn read_vulnerabilities(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    let vulns: Vec<(String, String, chrono::NaiveDate, Option<String>)> = person_vulnerabilities::table
        .filter(person_vulnerabilities::person_id.eq_any(ids))
        .select((
            person_vulnerabilities::person_id,
            person_vulnerabilities::code,
            person_vulnerabilities::noted_on,
            person_vulnerabilities::notes,
        ))
        .load(conn)?;
    for (pid, code, noted_on, notes) in vulns {
        if let Some(p) = out.get_mut(&pid) {
            p.vulnerabilities.push(Vulnerability {
                code,
                noted_on,
                notes,
            });
        }
    }
    Ok(())
}

/// The photos of `ids` into `out`.
fn read_photos(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, PersonInput>,
) -> QueryResult<()> {
    let photos: Vec<(String, String, Option<chrono::NaiveDate>)> = person_photos::table
        .filter(person_photos::person_id.eq_any(ids))
        .select((
            person_photos::person_id,
            person_photos::reference,
            person_photos::taken_on,
        ))
        .load(conn)?;
    for (pid, reference, taken_on) in photos {
        if let Some(p) = out.get_mut(&pid) {
            p.photos.push(Photo { reference, taken_on });
        }
    }
    Ok(())
}

/// A merge keeps the duplicate's rows apart (so it can be undone): show each fact once.
fn dedupe_merged(out: &mut HashMap<String, PersonInput>) {
    for p in out.values_mut() {
        p.dates_of_birth.dedup();
        let mut seen = std::collections::HashSet::new();
        p.identifiers
            .retain(|i| seen.insert((i.kind, v::compact(&i.value))));
        let mut seen = std::collections::HashSet::new();
        p.contacts
            .retain(|c| seen.insert((c.kind, c.value.trim().to_lowercase())));
    }
}

//! Short descriptions of any index records (for links, search results and pickers), with the facts
//! that decide who may see them.

use crate::db::schema::{
    links, locations, objects, organisations, people, person_dobs, person_markers, person_photos,
};
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::index::people::queries::PersonRow;
use crate::index::queries::{LocationRow, ObjectRow, OrganisationRow};
use crate::index::reference::Reference;
use crate::kernel::access::{Guarded, Scope};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::locations::{LocationInput, LocationKind};
use bluelamp_shared::index::objects::{ObjectInput, ObjectKind};
use bluelamp_shared::records::{RecordKind, RecordRef, RecordSummary};
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;

/// A summary and its access facts.
#[derive(Debug, Clone)]
pub struct Indexed {
    /// What users see.
    pub summary: RecordSummary,
    /// Owning force.
    pub owner: String,
    /// Restricted.
    pub restricted: bool,
    /// Creator.
    pub created_by: Option<String>,
    /// Merged into another person.
    pub merged: bool,
    /// The id as stored.
    pub id_text: String,
    /// Which agreements can open it.
    pub scope: Scope,
}

impl Indexed {
    /// The access facts.
    pub fn guarded(&self) -> Guarded<'_> {
        Guarded {
            scope: self.scope,
            id: &self.id_text,
            owner: &self.owner,
            restricted: self.restricted,
            created_by: self.created_by.as_deref(),
        }
    }
}

fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

/// A location row as input (for labels).
pub fn location_input(r: &LocationRow) -> LocationInput {
    LocationInput {
        kind: LocationKind::parse(&r.kind).unwrap_or_default(),
        premises: r.premises.clone(),
        street: r.street.clone(),
        locality: r.locality.clone(),
        town: r.town.clone(),
        postcode: r.postcode.clone(),
        uprn: r.uprn.clone(),
        latitude: r.latitude,
        longitude: r.longitude,
        description: r.description.clone(),
        restriction: Default::default(),
    }
}

/// An object row as input.
pub fn object_input(r: &ObjectRow) -> ObjectInput {
    ObjectInput {
        kind: ObjectKind::parse(&r.kind).unwrap_or_default(),
        description: r.description.clone(),
        vrm: r.vrm.clone(),
        vin: r.vin.clone(),
        make: r.make.clone(),
        model: r.model.clone(),
        colour: r.colour.clone(),
        phone_number: r.phone_number.clone(),
        imei: r.imei.clone(),
        serial_number: r.serial_number.clone(),
        value_pence: r.value_pence,
        restriction: Default::default(),
    }
}

/// Summaries of the given records (missing ids are simply absent).
pub fn load(
    conn: &mut AnyConnection,
    reference: &Reference,
    today: NaiveDate,
    refs: &[(RecordKind, String)],
) -> Result<HashMap<String, Indexed>, ApiError> {
    let mut by_kind: HashMap<RecordKind, Vec<String>> = HashMap::new();
    for (k, id) in refs {
        by_kind.entry(*k).or_default().push(id.clone());
    }
    let mut out = HashMap::new();
    if let Some(ids) = by_kind.get(&RecordKind::Person) {
        people_summaries(conn, reference, today, ids, &mut out)?;
    }
    if let Some(ids) = by_kind.get(&RecordKind::Location) {
        location_summaries(conn, ids, &mut out)?;
    }
    if let Some(ids) = by_kind.get(&RecordKind::Object) {
        object_summaries(conn, ids, &mut out)?;
    }
    if let Some(ids) = by_kind.get(&RecordKind::Organisation) {
        organisation_summaries(conn, reference, ids, &mut out)?;
    }
    if let Some(ids) = by_kind.get(&RecordKind::Event) {
        event_summaries(conn, ids, &mut out)?;
    }
    Ok(out)
}

/// Locations: the label, the kind and the UPRN.
fn location_summaries(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, Indexed>,
) -> Result<(), ApiError> {
    let rows: Vec<LocationRow> = locations::table
        .filter(locations::id.eq_any(ids))
        .select(LocationRow::as_select())
        .load(conn)?;
    for r in rows {
        let input = location_input(&r);
        let mut details = vec![match input.kind {
            LocationKind::Address => "Address".to_owned(),
            LocationKind::Point => "Point".to_owned(),
            LocationKind::Area => "Area".to_owned(),
            LocationKind::NoFixedAbode => "No fixed abode".to_owned(),
        }];
        if let Some(u) = &r.uprn {
            details.push(format!("UPRN {u}"));
        }
        insert_plain(
            out,
            RecordKind::Location,
            Scope::INDEX,
            &r.id,
            input.label(),
            details,
            &r.force_code,
            r.restricted,
            r.created_by.clone(),
        );
    }
    Ok(())
}

/// Objects: the label, the kind, the VIN and the IMEI.
fn object_summaries(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, Indexed>,
) -> Result<(), ApiError> {
    let rows: Vec<ObjectRow> = objects::table
        .filter(objects::id.eq_any(ids))
        .select(ObjectRow::as_select())
        .load(conn)?;
    for r in rows {
        let input = object_input(&r);
        let mut details = vec![capitalise(input.kind.as_str())];
        if let Some(vin) = &r.vin {
            details.push(format!("VIN {vin}"));
        }
        if let Some(i) = &r.imei {
            details.push(format!("IMEI {i}"));
        }
        insert_plain(
            out,
            RecordKind::Object,
            Scope::INDEX,
            &r.id,
            input.label(),
            details,
            &r.force_code,
            r.restricted,
            r.created_by.clone(),
        );
    }
    Ok(())
}

/// Organisations: the name, the kind and the phone number.
fn organisation_summaries(
    conn: &mut AnyConnection,
    reference: &Reference,
    ids: &[String],
    out: &mut HashMap<String, Indexed>,
) -> Result<(), ApiError> {
    let rows: Vec<OrganisationRow> = organisations::table
        .filter(organisations::id.eq_any(ids))
        .select(OrganisationRow::as_select())
        .load(conn)?;
    for r in rows {
        let mut details = vec![reference.label("organisation_kind", &r.kind)];
        if let Some(p) = &r.phone {
            details.push(p.clone());
        }
        insert_plain(
            out,
            RecordKind::Organisation,
            Scope::INDEX,
            &r.id,
            r.name.clone(),
            details,
            &r.force_code,
            r.restricted,
            r.created_by.clone(),
        );
    }
    Ok(())
}

/// Events: crimes, intelligence reports and custody records (always restricted).
fn event_summaries(
    conn: &mut AnyConnection,
    ids: &[String],
    out: &mut HashMap<String, Indexed>,
) -> Result<(), ApiError> {
    for (r, offence) in crate::investigation::summaries(conn, ids)? {
        let state = bluelamp_shared::investigation::CrimeState::parse(&r.state)
            .map(|s| s.label().to_owned())
            .unwrap_or_default();
        let mut details = vec![
            offence.unwrap_or_else(|| "Offence not yet classified".to_owned()),
            state,
        ];
        if let Some(f) = r.offence_from {
            details.push(f.format("%d/%m/%Y").to_string());
        }
        insert_plain(
            out,
            RecordKind::Event,
            Scope::CRIMES,
            &r.id,
            format!("Crime {}", r.crn.clone().unwrap_or_else(|| "(draft)".to_owned())),
            details,
            &r.force_code,
            r.restricted,
            r.created_by.clone(),
        );
    }
    for (r, label, details) in crate::intelligence::summaries(conn, ids)? {
        insert_plain(
            out,
            RecordKind::Event,
            Scope::intelligence(r.handling.as_deref()),
            &r.id,
            label,
            details,
            &r.force_code,
            r.restricted,
            r.created_by.clone(),
        );
    }
    for (r, label, details) in crate::custody::summaries_of(conn, ids)? {
        insert_plain(
            out,
            RecordKind::Event,
            Scope::ForceOnly,
            &r.id,
            label,
            details,
            &r.force_code,
            true,
            Some(r.created_by.clone()),
        );
    }
    Ok(())
}

/// A summary with no markers, no photo and never merged (every kind but people).
#[allow(clippy::too_many_arguments)]
fn insert_plain(
    out: &mut HashMap<String, Indexed>,
    kind: RecordKind,
    scope: Scope,
    id: &str,
    label: String,
    details: Vec<String>,
    force: &str,
    restricted: bool,
    created_by: Option<String>,
) {
    insert(
        out,
        kind,
        scope,
        id,
        label,
        details,
        vec![],
        None,
        force,
        restricted,
        created_by,
        false,
    );
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>().replace('_', " "),
        None => String::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn insert(
    out: &mut HashMap<String, Indexed>,
    kind: RecordKind,
    scope: Scope,
    id: &str,
    label: String,
    details: Vec<String>,
    markers: Vec<String>,
    photo: Option<String>,
    force: &str,
    restricted: bool,
    created_by: Option<String>,
    merged: bool,
) {
    out.insert(
        id.to_owned(),
        Indexed {
            summary: RecordSummary {
                record: RecordRef { kind, id: uuid(id) },
                label,
                details,
                markers,
                photo,
                force: ForceCode(force.to_owned()),
                restricted,
            },
            owner: force.to_owned(),
            restricted,
            created_by,
            merged,
            id_text: id.to_owned(),
            scope,
        },
    );
}

fn people_summaries(
    conn: &mut AnyConnection,
    reference: &Reference,
    today: NaiveDate,
    ids: &[String],
    out: &mut HashMap<String, Indexed>,
) -> Result<(), ApiError> {
    let rows: Vec<PersonRow> = people::table
        .filter(people::id.eq_any(ids))
        .select(PersonRow::as_select())
        .load(conn)?;
    let dobs: Vec<(String, NaiveDate)> = person_dobs::table
        .filter(person_dobs::person_id.eq_any(ids))
        .order(person_dobs::dob)
        .select((person_dobs::person_id, person_dobs::dob))
        .load(conn)?;
    let markers: Vec<(String, String, NaiveDate, Option<NaiveDate>)> = person_markers::table
        .filter(person_markers::person_id.eq_any(ids))
        .filter(person_markers::ended_on.is_null())
        .select((
            person_markers::person_id,
            person_markers::code,
            person_markers::set_on,
            person_markers::expires_on,
        ))
        .load(conn)?;
    let photos: Vec<(String, String)> = person_photos::table
        .filter(person_photos::person_id.eq_any(ids))
        .select((person_photos::person_id, person_photos::reference))
        .load(conn)?;
    // The latest home or current address.
    let addr_links: Vec<(String, String)> = links::table
        .filter(links::from_id.eq_any(ids))
        .filter(links::reason.eq_any(["home_address", "current_address"]))
        .filter(links::valid_to.is_null())
        .order(links::created_at.desc())
        .select((links::from_id, links::to_id))
        .load(conn)?;
    let loc_ids: Vec<String> = addr_links.iter().map(|(_, l)| l.clone()).collect();
    let locs: HashMap<String, LocationRow> = locations::table
        .filter(locations::id.eq_any(&loc_ids))
        .filter(locations::restricted.eq(false))
        .select(LocationRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect();
    let mut address: HashMap<&str, String> = HashMap::new();
    for (pid, lid) in &addr_links {
        if let Some(l) = locs.get(lid) {
            address
                .entry(pid.as_str())
                .or_insert_with(|| location_input(l).label());
        }
    }
    for r in rows {
        let mut details = Vec::new();
        let mut ds: Vec<String> = dobs
            .iter()
            .filter(|(p, _)| *p == r.id)
            .map(|(_, d)| d.format("%d/%m/%Y").to_string())
            .collect();
        ds.dedup();
        if !ds.is_empty() {
            details.push(format!("Born {}", ds.join(" or ")));
        } else if let (Some(a), Some(b)) = (r.estimated_age_min, r.estimated_age_max) {
            details.push(format!("Aged about {a}–{b}"));
        }
        if let Some(g) = &r.gender {
            details.push(reference.label("gender", g));
        }
        if let Some(a) = address.get(r.id.as_str()) {
            details.push(a.clone());
        }
        let active: Vec<String> = markers
            .iter()
            .filter(|(p, _, set, exp)| *p == r.id && *set <= today && exp.is_none_or(|e| e >= today))
            .map(|(_, code, _, _)| reference.label("marker_type", code))
            .collect();
        let photo = photos.iter().find(|(p, _)| *p == r.id).map(|(_, f)| f.clone());
        let merged = r.merged_into.is_some();
        insert(
            out,
            RecordKind::Person,
            Scope::INDEX,
            &r.id,
            r.display_name.clone(),
            details,
            active,
            photo,
            &r.force_code,
            r.restricted,
            r.created_by.clone(),
            merged,
        );
    }
    Ok(())
}

/// Who may see a record, without describing it.
#[derive(Debug, Clone)]
struct AccessFacts {
    scope: Scope,
    owner: String,
    restricted: bool,
    created_by: Option<String>,
    merged: bool,
}

/// Of `refs`, the ids the caller may see (merged people excluded), from the records' access facts alone:
/// cheaper than summaries, for filtering long candidate lists before describing the few that are shown.
pub fn visible_among(
    conn: &mut AnyConnection,
    vis: &crate::kernel::access::Visibility,
    refs: &[(RecordKind, String)],
) -> Result<std::collections::HashSet<String>, ApiError> {
    let mut by_kind: HashMap<RecordKind, Vec<String>> = HashMap::new();
    for (k, id) in refs {
        by_kind.entry(*k).or_default().push(id.clone());
    }
    let mut facts: HashMap<String, AccessFacts> = HashMap::new();
    for (kind, ids) in by_kind {
        let rows = access_rows(conn, kind, &ids)?;
        for ((id, owner, restricted, created_by), scope, merged) in rows {
            facts.insert(
                id,
                AccessFacts {
                    scope,
                    owner,
                    restricted,
                    created_by,
                    merged,
                },
            );
        }
    }
    let guards: Vec<Guarded<'_>> = facts
        .iter()
        .filter(|(_, f)| !f.merged)
        .map(|(id, f)| Guarded {
            scope: f.scope,
            id,
            owner: &f.owner,
            restricted: f.restricted,
            created_by: f.created_by.as_deref(),
        })
        .collect();
    vis.visible_ids(conn, &guards)
}

/// A record's access facts: (id, owning force, restricted, created by).
type AccessRow = (String, String, bool, Option<String>);

/// The access facts of the rows of `$table` with the given ids (every table here has the same
/// four columns).
macro_rules! access_facts {
    ($conn:expr, $table:ident, $ids:expr) => {
        $table::table
            .filter($table::id.eq_any($ids))
            .select((
                $table::id,
                $table::force_code,
                $table::restricted,
                $table::created_by,
            ))
            .load::<AccessRow>($conn)?
    };
}

/// The access facts of the records of one kind, each with the agreements that can open it and whether
/// it was merged away.
fn access_rows(
    conn: &mut AnyConnection,
    kind: RecordKind,
    ids: &[String],
) -> Result<Vec<(AccessRow, Scope, bool)>, ApiError> {
    let index = |rows: Vec<AccessRow>| rows.into_iter().map(|r| (r, Scope::INDEX, false)).collect();
    Ok(match kind {
        RecordKind::Person => people::table
            .filter(people::id.eq_any(ids))
            .select((
                people::id,
                people::force_code,
                people::restricted,
                people::created_by,
                people::merged_into,
            ))
            .load::<(String, String, bool, Option<String>, Option<String>)>(conn)?
            .into_iter()
            .map(|(a, b, c, d, m)| ((a, b, c, d), Scope::INDEX, m.is_some()))
            .collect(),
        RecordKind::Organisation => index(access_facts!(conn, organisations, ids)),
        RecordKind::Object => index(access_facts!(conn, objects, ids)),
        RecordKind::Location => index(access_facts!(conn, locations, ids)),
        RecordKind::Event => event_access_rows(conn, ids)?,
    })
}

/// The access facts of events: crimes, intelligence reports and custody records.
fn event_access_rows(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<(AccessRow, Scope, bool)>, ApiError> {
    use crate::db::schema::{crimes, custody_records, intel_reports};
    let of = |rows: Vec<AccessRow>, scope: Scope| rows.into_iter().map(move |r| (r, scope, false));
    Ok(of(access_facts!(conn, crimes, ids), Scope::CRIMES)
        .chain(
            intel_reports::table
                .filter(intel_reports::id.eq_any(ids))
                .select((
                    intel_reports::id,
                    intel_reports::force_code,
                    intel_reports::restricted,
                    intel_reports::created_by,
                    intel_reports::handling,
                ))
                .load::<(String, String, bool, Option<String>, Option<String>)>(conn)?
                .into_iter()
                .map(|(id, force, restricted, by, handling)| {
                    let scope = Scope::intelligence(handling.as_deref());
                    ((id, force, restricted, by), scope, false)
                }),
        )
        .chain(of(
            // Custody records are always restricted to the owning force's police roles.
            custody_records::table
                .filter(custody_records::id.eq_any(ids))
                .select((
                    custody_records::id,
                    custody_records::force_code,
                    custody_records::created_by,
                ))
                .load::<(String, String, String)>(conn)?
                .into_iter()
                .map(|(id, force, by)| (id, force, true, Some(by)))
                .collect(),
            Scope::ForceOnly,
        ))
        .collect())
}

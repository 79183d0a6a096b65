//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::now;
use crate::db::schema::{
    links, people, person_contacts, person_dobs, person_identifiers, person_markers, person_merges,
    person_name_keys, person_names, person_notes, person_photos, person_vulnerabilities,
};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::index::links as link_service;
use crate::index::people::queries::{self as model, PersonRow};
use crate::index::queries::MergeRow;
use crate::index::records;
use crate::index::reference::{self, Reference};
use crate::kernel::access::{self, Guarded, Scope, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::links::CreateLinkRequest;
use bluelamp_shared::index::people::{
    check_create, check_person, completeness, CreatePersonRequest, MergeDto, MergeRequest, PersonDto,
    PersonInput,
};
use bluelamp_shared::records::{RecordKind, RecordMeta, RecordRef, Restriction};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

fn check_codes(reference: &Reference, force: &str, p: &PersonInput, errors: &mut Vec<FieldError>) {
    reference.check(errors, "gender", "gender", p.gender.as_deref());
    reference.check(errors, "ethnicity", "ethnicity", p.ethnicity.as_deref());
    reference.check(errors, "nationality", "nationality", p.nationality.as_deref());
    for (i, m) in p.markers.iter().enumerate() {
        reference.check(errors, &format!("markers.{i}.code"), "marker_type", Some(&m.code));
    }
    for (i, x) in p.vulnerabilities.iter().enumerate() {
        reference.check_for(
            force,
            errors,
            &format!("vulnerabilities.{i}.code"),
            "vulnerability",
            Some(&x.code),
        );
    }
}

fn guarded(row: &PersonRow) -> Guarded<'_> {
    Guarded {
        scope: Scope::INDEX,
        id: &row.id,
        owner: &row.force_code,
        restricted: row.restricted,
        created_by: row.created_by.as_deref(),
    }
}

/// The full view of a person the caller may see.
pub fn load_dto(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    row: &PersonRow,
) -> Result<PersonDto, ApiError> {
    let mut details = model::read_details(conn, std::slice::from_ref(row))?;
    let mut person = details.remove(&row.id).unwrap_or_default();
    let grants = access::grants_of(conn, std::slice::from_ref(&row.id))?;
    person.restriction = Restriction {
        restricted: row.restricted,
        grantees: grants.get(&row.id).cloned().unwrap_or_default(),
    };
    let links = link_service::views(conn, vis, reference, today, std::slice::from_ref(&row.id))?;
    let has_address = links
        .iter()
        .any(|l| matches!(l.reason.as_str(), "home_address" | "current_address"));
    Ok(PersonDto {
        id: row.id.parse().unwrap_or_default(),
        display_name: row.display_name.clone(),
        completeness: completeness(&person, has_address),
        person,
        links,
        notes: super::notes::notes_of(conn, &row.id)?,
        merged_into: row.merged_into.as_deref().and_then(|m| m.parse().ok()),
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: Restriction {
                restricted: row.restricted,
                grantees: vec![],
            },
            version: row.version,
            created_at: crate::db::utc(row.created_at),
            updated_at: crate::db::utc(row.updated_at),
        },
    })
}

/// Creates a person, with addresses, in one transaction; safe to retry with an idempotency key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreatePersonRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<PersonDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let row = create_in(conn, &c, &vis, &reference, today, &req)?;
            load_dto(conn, &vis, &reference, today, &row)
        })
    })
    .await
}

/// Checks every rule and records a person with their addresses inside the caller's transaction
/// (used by `POST /people` and wherever a person is created inline, e.g. a suspect on a crime).
pub fn create_in(
    conn: &mut AnyConnection,
    c: &Caller,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    req: &CreatePersonRequest,
) -> Result<PersonRow, ApiError> {
    let mut errors = check_create(req, today);
    check_codes(reference, &c.force_code, &req.person, &mut errors);
    for (i, a) in req.addresses.iter().enumerate() {
        reference.check_reason(
            &mut errors,
            &format!("addresses.{i}.reason"),
            &a.reason,
            RecordKind::Person,
            RecordKind::Location,
        );
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors.dedup();
        return Err(ApiError::validation(errors));
    }
    let eq = reference::equivalents(conn)?;
    let at = now();
    let p = &req.person;
    let row = PersonRow {
        id: uuid::Uuid::new_v4().to_string(),
        force_code: c.force_code.clone(),
        restricted: p.restriction.restricted,
        display_name: model::display_name(p),
        gender: p.gender.clone().filter(|s| !s.is_empty()),
        ethnicity: p.ethnicity.clone().filter(|s| !s.is_empty()),
        nationality: p.nationality.clone().filter(|s| !s.is_empty()),
        estimated_age_min: p.estimated_age.map(|a| i32::from(a.min)),
        estimated_age_max: p.estimated_age.map(|a| i32::from(a.max)),
        merged_into: None,
        created_by: Some(c.user_id.clone()),
        created_at: at,
        updated_at: at,
        version: 1,
    };
    diesel::insert_into(people::table).values(&row).execute(conn)?;
    model::write_details(conn, &row.id, p, &eq, &c.force_code)?;
    access::set_grants(conn, RecordKind::Person, &row.id, &p.restriction)?;
    let detail = match &req.new_record_reason {
        Some(r) if !r.trim().is_empty() => {
            format!("created as a new person despite suggested matches: {}", r.trim())
        }
        _ => "created".to_owned(),
    };
    audit::append(
        conn,
        AuditAction::Create,
        Entry::by(c)
            .owned_record("person", &row.id, &row.force_code)
            .detail(detail),
    )?;
    for (i, a) in req.addresses.iter().enumerate() {
        let location_id = match (&a.location_id, &a.new_location) {
            (Some(id), _) => *id,
            (None, Some(l)) => records::insert_location(conn, c, l)?,
            (None, None) => continue,
        };
        let link = CreateLinkRequest {
            from: RecordRef {
                kind: RecordKind::Person,
                id: row.id.parse().unwrap_or_default(),
            },
            to: RecordRef {
                kind: RecordKind::Location,
                id: location_id,
            },
            reason: a.reason.clone(),
            valid_from: a.valid_from,
            valid_to: a.valid_to,
            source: None,
        };
        link_service::create_in(conn, c, vis, reference, today, &link)
            .map_err(|e| prefix_errors(e, &format!("addresses.{i}")))?;
    }
    Ok(row)
}

/// Puts `prefix.` before the path of every field error of a validation problem.
pub fn prefix_errors(e: ApiError, prefix: &str) -> ApiError {
    match e {
        ApiError::Problem(mut p) => {
            for fe in &mut p.errors {
                fe.path = format!("{prefix}.{}", fe.path);
            }
            ApiError::Problem(p)
        }
        other => other,
    }
}

/// Reads a person (audited; a restricted person needs a stated purpose).
pub async fn get(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<PersonDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let row = visible_person(conn, &vis, &id.to_string())?;
        let purpose = access::require_purpose(row.restricted, purpose)?;
        let reference = Reference::load(conn)?;
        let dto = load_dto(conn, &vis, &reference, today, &row)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .owned_record("person", &row.id, &row.force_code)
                .purpose(purpose.as_deref()),
        )?;
        Ok(dto)
    })
    .await
}

/// Why another force's user cannot replace a person's details.
const OWNER_CHANGES_PERSON: &str = "Only the force that owns this person can change their details; \
your force can link records to them. Ask the owning force to correct anything that is wrong";

/// Replaces a person's details if the record is still at `expected_version` (the owning force only).
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    input: PersonInput,
    today: NaiveDate,
) -> Result<PersonDto, ApiError> {
    let mut errors = check_person(&input, today);
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let row = visible_person(conn, &vis, &id.to_string())?;
        // A sharing agreement lets another force link to a person, never replace the owner's details.
        access::owner_only(&c, "person", &row.id, &row.force_code, OWNER_CHANGES_PERSON)?;
        let expected_version = expected.expect(row.version);
        if row.merged_into.is_some() {
            return Err(ApiError::conflict(
                "This record was merged into another: change the surviving record",
            ));
        }
        if row.version != expected_version {
            let current = load_dto(conn, &vis, &reference, today, &row)?;
            return Err(conflict_with(current, row.version));
        }
        check_codes(&reference, &c.force_code, &input, &mut errors);
        errors.extend(super::markers::markers_kept(conn, &row.id, &input)?);
        if input.restriction.restricted != row.restricted && !access::is_owner(&c, &row.force_code) {
            errors.push(FieldError::new(
                "restriction",
                "owner_only",
                "Only the owning force can restrict or unrestrict a record",
            ));
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            return Err(ApiError::validation(errors));
        }
        let eq = reference::equivalents(conn)?;
        let n = diesel::update(
            people::table
                .filter(people::id.eq(&row.id))
                .filter(people::version.eq(expected_version)),
        )
        .set((
            people::version.eq(expected_version + 1),
            people::updated_at.eq(now()),
            people::display_name.eq(model::display_name(&input)),
            people::restricted.eq(input.restriction.restricted),
            people::gender.eq(input.gender.clone().filter(|s| !s.is_empty())),
            people::ethnicity.eq(input.ethnicity.clone().filter(|s| !s.is_empty())),
            people::nationality.eq(input.nationality.clone().filter(|s| !s.is_empty())),
            people::estimated_age_min.eq(input.estimated_age.map(|a| i32::from(a.min))),
            people::estimated_age_max.eq(input.estimated_age.map(|a| i32::from(a.max))),
        ))
        .execute(conn)?;
        if n == 0 {
            let now_row = PersonRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("person"))?;
            let current = load_dto(conn, &vis, &reference, today, &now_row)?;
            return Err(conflict_with(current, now_row.version));
        }
        model::write_details(conn, &row.id, &input, &eq, &c.force_code)?;
        access::set_grants(conn, RecordKind::Person, &row.id, &input.restriction)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c).owned_record("person", &row.id, &row.force_code),
        )?;
        reloaded(conn, &vis, &reference, today, &row.id)
    })
    .await
}

/// A person the caller may see, or not found (refusals audited by the gate).
pub(super) fn visible_person(
    conn: &mut AnyConnection,
    vis: &Visibility,
    id: &str,
) -> Result<PersonRow, ApiError> {
    let row = PersonRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("person"))?;
    vis.admit(conn, &guarded(&row), "person")?;
    Ok(row)
}

/// A person the caller's force may add to (a marker, a note): its own, or another force's whose sharing
/// agreement lets it add to people; never a record merged into another.
pub(super) fn addable_person(
    conn: &mut AnyConnection,
    vis: &Visibility,
    id: &str,
) -> Result<PersonRow, ApiError> {
    let row = visible_person(conn, vis, id)?;
    if !vis.can_add(&row.force_code, Scope::INDEX) {
        return Err(vis.refuse_change(
            "person",
            &row.id,
            &row.force_code,
            "The sharing agreement does not let your force add to this person",
        ));
    }
    if row.merged_into.is_some() {
        return Err(ApiError::conflict(
            "This record was merged into another: add to the surviving record",
        ));
    }
    Ok(row)
}

/// A person as it is now, after a change.
pub(super) fn reloaded(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    id: &str,
) -> Result<PersonDto, ApiError> {
    let row = PersonRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("person"))?;
    load_dto(conn, vis, reference, today, &row)
}

pub(super) fn conflict_with(current: PersonDto, version: i64) -> ApiError {
    ApiError::precondition_failed_with(crate::http::etag(version), &current)
}

/// What a merge moved, so that unmerge can put it back.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Moved {
    names: Vec<String>,
    demoted_primary_names: Vec<String>,
    dobs: Vec<String>,
    identifiers: Vec<String>,
    contacts: Vec<String>,
    markers: Vec<String>,
    vulnerabilities: Vec<String>,
    photos: Vec<String>,
    /// Absent from merges made before notes existed.
    #[serde(default)]
    notes: Vec<String>,
    links_from: Vec<String>,
    links_to: Vec<String>,
    /// The survivor's version just after the merge: unmerge is refused once it has changed, since an
    /// edit rewrites the rows that moved.
    #[serde(default)]
    survivor_version: i64,
}

impl Moved {
    fn count(&self) -> usize {
        self.names.len()
            + self.dobs.len()
            + self.identifiers.len()
            + self.contacts.len()
            + self.markers.len()
            + self.vulnerabilities.len()
            + self.photos.len()
            + self.notes.len()
            + self.links_from.len()
            + self.links_to.len()
    }
}

fn merge_dto(m: &MergeRow, moved: usize) -> MergeDto {
    MergeDto {
        id: m.id.parse().unwrap_or_default(),
        survivor_id: m.survivor_id.parse().unwrap_or_default(),
        merged_id: m.merged_id.parse().unwrap_or_default(),
        reason: m.reason.clone(),
        merged_at: crate::db::utc(m.merged_at),
        merged_by: m.merged_by.clone(),
        unmerged_at: m.unmerged_at.map(crate::db::utc),
        moved_items: moved,
    }
}

macro_rules! move_rows {
    ($conn:expr, $table:ident, $from:expr, $to:expr) => {{
        let ids: Vec<String> = $table::table
            .filter($table::person_id.eq($from))
            .select($table::id)
            .load($conn)?;
        diesel::update($table::table.filter($table::id.eq_any(&ids)))
            .set($table::person_id.eq($to))
            .execute($conn)?;
        ids
    }};
}

macro_rules! move_back {
    ($conn:expr, $table:ident, $ids:expr, $to:expr) => {{
        diesel::update($table::table.filter($table::id.eq_any($ids)))
            .set($table::person_id.eq($to))
            .execute($conn)?;
    }};
}

/// Merges `req.merged_id` into `survivor`: everything moves to the survivor, the merged record points
/// at it. Reversible with [`unmerge`].
pub async fn merge(
    db: &Db,
    caller: &Caller,
    survivor: uuid::Uuid,
    req: MergeRequest,
) -> Result<MergeDto, ApiError> {
    let mut errors = Vec::new();
    if req.reason.trim().len() < 10 {
        errors.push(FieldError::new(
            "reason",
            "required",
            "Say why these are the same person (at least 10 characters)",
        ));
    }
    if req.merged_id == survivor {
        errors.push(FieldError::new(
            "merged_id",
            "same_record",
            "A record cannot be merged into itself",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let (s, m) = merge_pair(conn, &vis, survivor, req.merged_id)?;
        let (from, to) = (m.id.as_str(), s.id.as_str());
        let mut moved = move_to_survivor(conn, from, to)?;
        let at = now();
        moved.survivor_version = s.version + 1;
        diesel::update(people::table.filter(people::id.eq(from)))
            .set((
                people::merged_into.eq(Some(to)),
                people::version.eq(m.version + 1),
                people::updated_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(people::table.filter(people::id.eq(to)))
            .set((people::version.eq(s.version + 1), people::updated_at.eq(at)))
            .execute(conn)?;
        let row = MergeRow {
            id: uuid::Uuid::new_v4().to_string(),
            survivor_id: to.to_owned(),
            merged_id: from.to_owned(),
            reason: req.reason.trim().to_owned(),
            moved: serde_json::to_string(&moved).map_err(ApiError::internal)?,
            merged_by: c.username.clone(),
            merged_at: at,
            unmerged_by: None,
            unmerged_at: None,
        };
        diesel::insert_into(person_merges::table)
            .values(&row)
            .execute(conn)?;
        let detail = format!("merged person {from} into {to}: {}", row.reason);
        audit::append(
            conn,
            AuditAction::Merge,
            Entry::by(&c)
                .owned_record("person", to, &s.force_code)
                .detail(detail.clone()),
        )?;
        audit::append(
            conn,
            AuditAction::Merge,
            Entry::by(&c)
                .owned_record("person", from, &m.force_code)
                .detail(detail),
        )?;
        Ok(merge_dto(&row, moved.count()))
    })
    .await
}

/// The survivor and the record merged into it, both visible to the caller, of forces the sharing
/// agreement lets the caller change, and neither merged already.
fn merge_pair(
    conn: &mut AnyConnection,
    vis: &Visibility,
    survivor: uuid::Uuid,
    merged_id: uuid::Uuid,
) -> Result<(PersonRow, PersonRow), ApiError> {
    let s = PersonRow::find(conn, &survivor.to_string())?.ok_or_else(|| ApiError::not_found("person"))?;
    let m = PersonRow::find(conn, &merged_id.to_string())?;
    vis.admit(conn, &guarded(&s), "person")?;
    let m = match m {
        Some(m) if vis.can_see(conn, &guarded(&m))? => m,
        _ => {
            return Err(ApiError::validation(vec![FieldError::new(
                "merged_id",
                "not_found",
                "No such person is available to you",
            )]))
        }
    };
    // The merged record stops being a record of its own: only its owner may decide that. The
    // survivor gains names and links, which the agreement's "add" right allows.
    if !vis.can_add(&s.force_code, Scope::INDEX) {
        return Err(vis.refuse_change(
            "person",
            &s.id,
            &s.force_code,
            "The sharing agreement does not let your force add to the surviving person",
        ));
    }
    if !vis.is_own(&m.force_code) {
        return Err(vis.refuse_change(
            "person",
            &m.id,
            &m.force_code,
            "Only the force that owns a person can merge them into another",
        ));
    }
    for r in [&s, &m] {
        if r.merged_into.is_some() {
            return Err(ApiError::conflict("One of these records has already been merged"));
        }
    }
    Ok((s, m))
}

/// Moves every row of person `from` to `to` (its primary names become aliases) and the links at
/// either end; returns what moved, so that the merge can be undone.
fn move_to_survivor(conn: &mut AnyConnection, from: &str, to: &str) -> Result<Moved, ApiError> {
    let mut moved = Moved {
        demoted_primary_names: person_names::table
            .filter(person_names::person_id.eq(from))
            .filter(person_names::kind.eq("primary"))
            .select(person_names::id)
            .load(conn)?,
        ..Moved::default()
    };
    diesel::update(person_names::table.filter(person_names::id.eq_any(&moved.demoted_primary_names)))
        .set(person_names::kind.eq("alias"))
        .execute(conn)?;
    moved.names = move_rows!(conn, person_names, from, to);
    diesel::update(person_name_keys::table.filter(person_name_keys::person_id.eq(from)))
        .set(person_name_keys::person_id.eq(to))
        .execute(conn)?;
    moved.dobs = move_rows!(conn, person_dobs, from, to);
    moved.identifiers = move_rows!(conn, person_identifiers, from, to);
    moved.contacts = move_rows!(conn, person_contacts, from, to);
    moved.markers = move_rows!(conn, person_markers, from, to);
    moved.vulnerabilities = move_rows!(conn, person_vulnerabilities, from, to);
    moved.photos = move_rows!(conn, person_photos, from, to);
    moved.notes = move_rows!(conn, person_notes, from, to);
    moved.links_from = links::table
        .filter(links::from_id.eq(from))
        .select(links::id)
        .load(conn)?;
    diesel::update(links::table.filter(links::id.eq_any(&moved.links_from)))
        .set(links::from_id.eq(to))
        .execute(conn)?;
    moved.links_to = links::table
        .filter(links::to_id.eq(from))
        .select(links::id)
        .load(conn)?;
    diesel::update(links::table.filter(links::id.eq_any(&moved.links_to)))
        .set(links::to_id.eq(to))
        .execute(conn)?;
    Ok(moved)
}

/// Undoes a merge: everything that moved goes back, both records stand alone again.
pub async fn unmerge(db: &Db, caller: &Caller, merge_id: uuid::Uuid) -> Result<MergeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let m: MergeRow = person_merges::table
            .find(merge_id.to_string())
            .select(MergeRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("merge"))?;
        let s = PersonRow::find(conn, &m.survivor_id)?.ok_or_else(|| ApiError::not_found("merge"))?;
        let mp = PersonRow::find(conn, &m.merged_id)?.ok_or_else(|| ApiError::not_found("merge"))?;
        if !vis.can_see(conn, &guarded(&s))?
            || !vis.can_add(&s.force_code, Scope::INDEX)
            || !vis.can_add(&mp.force_code, Scope::INDEX)
        {
            return Err(ApiError::not_found("merge"));
        }
        if m.unmerged_at.is_some() {
            return Err(ApiError::conflict("This merge has already been undone"));
        }
        let moved: Moved = serde_json::from_str(&m.moved).map_err(ApiError::internal)?;
        if s.version != moved.survivor_version {
            return Err(ApiError::conflict(
                "The surviving record has been changed since the merge, so undoing it automatically could lose \
                 those changes. Correct the records by hand instead.",
            ));
        }
        let back = m.merged_id.as_str();
        move_back!(conn, person_names, &moved.names, back);
        diesel::update(person_name_keys::table.filter(person_name_keys::name_id.eq_any(&moved.names)))
            .set(person_name_keys::person_id.eq(back))
            .execute(conn)?;
        diesel::update(person_names::table.filter(person_names::id.eq_any(&moved.demoted_primary_names)))
            .set(person_names::kind.eq("primary"))
            .execute(conn)?;
        move_back!(conn, person_dobs, &moved.dobs, back);
        move_back!(conn, person_identifiers, &moved.identifiers, back);
        move_back!(conn, person_contacts, &moved.contacts, back);
        move_back!(conn, person_markers, &moved.markers, back);
        move_back!(conn, person_vulnerabilities, &moved.vulnerabilities, back);
        move_back!(conn, person_photos, &moved.photos, back);
        move_back!(conn, person_notes, &moved.notes, back);
        diesel::update(links::table.filter(links::id.eq_any(&moved.links_from)))
            .set(links::from_id.eq(back))
            .execute(conn)?;
        diesel::update(links::table.filter(links::id.eq_any(&moved.links_to)))
            .set(links::to_id.eq(back))
            .execute(conn)?;
        let at = now();
        diesel::update(people::table.filter(people::id.eq(back)))
            .set((
                people::merged_into.eq(None::<String>),
                people::version.eq(mp.version + 1),
                people::updated_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(people::table.filter(people::id.eq(&m.survivor_id)))
            .set((people::version.eq(s.version + 1), people::updated_at.eq(at)))
            .execute(conn)?;
        diesel::update(person_merges::table.filter(person_merges::id.eq(&m.id)))
            .set((
                person_merges::unmerged_at.eq(Some(at)),
                person_merges::unmerged_by.eq(Some(c.username.clone())),
            ))
            .execute(conn)?;
        let detail = format!("undid merge of person {} into {}", m.merged_id, m.survivor_id);
        audit::append(
            conn,
            AuditAction::Unmerge,
            Entry::by(&c)
                .owned_record("person", &m.survivor_id, &s.force_code)
                .detail(detail.clone()),
        )?;
        audit::append(
            conn,
            AuditAction::Unmerge,
            Entry::by(&c)
                .owned_record("person", &m.merged_id, &mp.force_code)
                .detail(detail),
        )?;
        let mut done = m.clone();
        done.unmerged_at = Some(at);
        Ok(merge_dto(&done, moved.count()))
    })
    .await
}

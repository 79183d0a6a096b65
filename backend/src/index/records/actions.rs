//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::schema::{locations, objects, organisations};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::index::links;
use crate::index::names::normalise;
use crate::index::queries::{set_object_keys, LocationRow, ObjectRow, OrganisationRow};
use crate::index::reference::Reference;
use crate::kernel::access::{self, Guarded, Scope, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use crate::views::summaries::{location_input, object_input};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::locations::{check_location, LocationDto, LocationInput};
use bluelamp_shared::index::objects::{check_object, ObjectDto, ObjectInput};
use bluelamp_shared::index::organisations::{check_organisation, OrganisationDto, OrganisationInput};
use bluelamp_shared::records::{RecordKind, RecordMeta, Restriction};
use bluelamp_shared::validation as v;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The stored facts every record has.
#[derive(Debug, Clone)]
pub struct Stored<I> {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Restricted.
    pub restricted: bool,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
    /// The record's own fields.
    pub input: I,
}

/// A kind of record handled by the generic path.
pub trait IndexRecord: Sized + Send + 'static {
    /// What is recorded.
    type Input: Clone + Serialize + DeserializeOwned + Send + 'static;
    /// What is shown.
    type Dto: Serialize + Send + 'static;
    /// The kind.
    const KIND: RecordKind;
    /// Name for messages.
    const NAME: &'static str;
    /// Rules without the database.
    fn check(input: &Self::Input, reference: &Reference) -> Vec<FieldError>;
    /// The restriction in the input.
    fn restriction(input: &Self::Input) -> &Restriction;
    /// Inserts a new record.
    fn insert(
        conn: &mut AnyConnection,
        id: &str,
        force: &str,
        by: &str,
        input: &Self::Input,
    ) -> Result<(), ApiError>;
    /// Loads one.
    fn load(conn: &mut AnyConnection, id: &str) -> Result<Option<Stored<Self::Input>>, ApiError>;
    /// Writes new fields at `version + 1` if still at `version`; false when it changed meanwhile.
    fn update(
        conn: &mut AnyConnection,
        id: &str,
        version: i64,
        input: &Self::Input,
    ) -> Result<bool, ApiError>;
    /// The view.
    fn dto(
        stored: Stored<Self::Input>,
        links: Vec<bluelamp_shared::index::links::LinkView>,
        meta: RecordMeta,
    ) -> Self::Dto;
}

fn meta<I>(s: &Stored<I>, grants: Vec<bluelamp_shared::records::Grantee>) -> RecordMeta {
    RecordMeta {
        force: ForceCode(s.force_code.clone()),
        restriction: Restriction {
            restricted: s.restricted,
            grantees: grants,
        },
        version: s.version,
        created_at: utc(s.created_at),
        updated_at: utc(s.updated_at),
    }
}

fn guarded<I>(s: &Stored<I>) -> Guarded<'_> {
    Guarded {
        scope: Scope::INDEX,
        id: &s.id,
        owner: &s.force_code,
        restricted: s.restricted,
        created_by: s.created_by.as_deref(),
    }
}

fn view<R: IndexRecord>(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    s: Stored<R::Input>,
) -> Result<R::Dto, ApiError> {
    let grants = access::grants_of(conn, std::slice::from_ref(&s.id))?
        .remove(&s.id)
        .unwrap_or_default();
    let links = links::views(conn, vis, reference, today, std::slice::from_ref(&s.id))?;
    let m = meta(&s, grants);
    Ok(R::dto(s, links, m))
}

/// Creates a record (idempotent with a key).
pub async fn create<R: IndexRecord>(
    db: &Db,
    caller: &Caller,
    input: R::Input,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<R::Dto>, ApiError> {
    let hash = idempotency::request_hash(&input);
    if let Some(replayed) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(replayed);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let reference = Reference::load(conn)?;
        let errors = R::check(&input, &reference);
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let vis = Visibility::load(conn, &c)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let id = uuid::Uuid::new_v4().to_string();
            R::insert(conn, &id, &c.force_code, &c.user_id, &input)?;
            access::set_grants(conn, R::KIND, &id, R::restriction(&input))?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c).owned_record(R::KIND.as_str(), &id, &c.force_code),
            )?;
            let s = R::load(conn, &id)?.ok_or_else(|| ApiError::not_found(R::NAME))?;
            view::<R>(conn, &vis, &reference, today, s)
        })
    })
    .await
}

/// Reads a record the caller may see (audited).
pub async fn get<R: IndexRecord>(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<(R::Dto, i64), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let s = R::load(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found(R::NAME))?;
        vis.admit(conn, &guarded(&s), R::NAME)?;
        let purpose = access::require_purpose(s.restricted, purpose)?;
        let reference = Reference::load(conn)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .owned_record(R::KIND.as_str(), &s.id, &s.force_code)
                .purpose(purpose.as_deref()),
        )?;
        let version = s.version;
        Ok((view::<R>(conn, &vis, &reference, today, s)?, version))
    })
    .await
}

/// Replaces a record's fields if it is still at `expected_version`.
pub async fn update<R: IndexRecord>(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    input: R::Input,
    today: NaiveDate,
) -> Result<(R::Dto, i64), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let s = R::load(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found(R::NAME))?;
        vis.admit(conn, &guarded(&s), R::NAME)?;
        // A sharing agreement lets another force link to a record, never replace the owner's details.
        access::owner_only(
            &c,
            R::NAME,
            &s.id,
            &s.force_code,
            "Only the force that owns this record can change it; your force can link records to it. \
             Ask the owning force to correct anything that is wrong",
        )?;
        let current_version = s.version;
        let expected_version = expected.expect(current_version);
        let owner = s.force_code.clone();
        let was_restricted = s.restricted;
        if current_version != expected_version || !R::update(conn, &s.id, expected_version, &input)? {
            let now_s = R::load(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found(R::NAME))?;
            let v = now_s.version;
            let current = view::<R>(conn, &vis, &reference, today, now_s)?;
            return Err(ApiError::precondition_failed_with(crate::http::etag(v), &current));
        }
        let mut errors = R::check(&input, &reference);
        if R::restriction(&input).restricted != was_restricted && !access::is_owner(&c, &owner) {
            errors.push(FieldError::new(
                "restriction",
                "owner_only",
                "Only the owning force can restrict or unrestrict a record",
            ));
        }
        if !errors.is_empty() {
            // Rolls the version bump back with the transaction.
            return Err(ApiError::validation(errors));
        }
        access::set_grants(conn, R::KIND, &id.to_string(), R::restriction(&input))?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c).owned_record(R::KIND.as_str(), &id.to_string(), &owner),
        )?;
        let s = R::load(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found(R::NAME))?;
        let v = s.version;
        Ok((view::<R>(conn, &vis, &reference, today, s)?, v))
    })
    .await
}

/// A new location inside another create (e.g. a person's address).
pub fn insert_location(
    conn: &mut AnyConnection,
    caller: &Caller,
    l: &LocationInput,
) -> Result<uuid::Uuid, ApiError> {
    let id = uuid::Uuid::new_v4();
    Location::insert(conn, &id.to_string(), &caller.force_code, &caller.user_id, l)?;
    access::set_grants(conn, RecordKind::Location, &id.to_string(), &l.restriction)?;
    audit::append(
        conn,
        AuditAction::Create,
        Entry::by(caller).owned_record("location", &id.to_string(), &caller.force_code),
    )?;
    Ok(id)
}

/// Checks and inserts a new record of kind `R` inside the caller's transaction (e.g. a store or a
/// stolen item recorded with a crime); field errors are reported under `prefix`.
pub fn insert_checked<R: IndexRecord>(
    conn: &mut AnyConnection,
    caller: &Caller,
    reference: &Reference,
    input: &R::Input,
    prefix: &str,
) -> Result<uuid::Uuid, ApiError> {
    let errors = R::check(input, reference);
    if !errors.is_empty() {
        return Err(ApiError::validation(
            errors
                .into_iter()
                .map(|e| FieldError {
                    path: format!("{prefix}.{}", e.path),
                    ..e
                })
                .collect(),
        ));
    }
    let id = uuid::Uuid::new_v4();
    R::insert(conn, &id.to_string(), &caller.force_code, &caller.user_id, input)?;
    access::set_grants(conn, R::KIND, &id.to_string(), R::restriction(input))?;
    audit::append(
        conn,
        AuditAction::Create,
        Entry::by(caller).owned_record(R::KIND.as_str(), &id.to_string(), &caller.force_code),
    )?;
    Ok(id)
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Locations.
pub struct Location;

fn location_row(
    id: &str,
    force: &str,
    by: &str,
    l: &LocationInput,
    at: NaiveDateTime,
    version: i64,
) -> LocationRow {
    let postcode = if l.postcode.trim().is_empty() {
        String::new()
    } else {
        v::format_postcode(&l.postcode)
    };
    LocationRow {
        id: id.to_owned(),
        force_code: force.to_owned(),
        restricted: l.restriction.restricted,
        kind: l.kind.as_str().to_owned(),
        premises: l.premises.trim().to_owned(),
        street: l.street.trim().to_owned(),
        street_key: normalise(&l.street),
        locality: l.locality.trim().to_owned(),
        town: l.town.trim().to_owned(),
        postcode_key: v::compact(&postcode),
        postcode,
        uprn: opt(&l.uprn),
        latitude: l.latitude,
        longitude: l.longitude,
        description: l.description.trim().to_owned(),
        created_by: Some(by.to_owned()),
        created_at: at,
        updated_at: at,
        version,
    }
}

impl IndexRecord for Location {
    type Input = LocationInput;
    type Dto = LocationDto;
    const KIND: RecordKind = RecordKind::Location;
    const NAME: &'static str = "location";

    fn check(input: &LocationInput, _: &Reference) -> Vec<FieldError> {
        check_location(input)
    }
    fn restriction(input: &LocationInput) -> &Restriction {
        &input.restriction
    }
    fn insert(
        conn: &mut AnyConnection,
        id: &str,
        force: &str,
        by: &str,
        l: &LocationInput,
    ) -> Result<(), ApiError> {
        diesel::insert_into(locations::table)
            .values(location_row(id, force, by, l, now(), 1))
            .execute(conn)?;
        Ok(())
    }
    fn load(conn: &mut AnyConnection, id: &str) -> Result<Option<Stored<LocationInput>>, ApiError> {
        let r: Option<LocationRow> = locations::table
            .find(id)
            .select(LocationRow::as_select())
            .first(conn)
            .optional()?;
        Ok(r.map(|r| Stored {
            input: location_input(&r),
            id: r.id,
            force_code: r.force_code,
            restricted: r.restricted,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        }))
    }
    fn update(conn: &mut AnyConnection, id: &str, version: i64, l: &LocationInput) -> Result<bool, ApiError> {
        let old: LocationRow = locations::table
            .find(id)
            .select(LocationRow::as_select())
            .first(conn)?;
        let mut row = location_row(
            id,
            &old.force_code,
            old.created_by.as_deref().unwrap_or_default(),
            l,
            now(),
            version + 1,
        );
        row.created_at = old.created_at;
        row.created_by = old.created_by;
        let n = diesel::update(
            locations::table
                .filter(locations::id.eq(id))
                .filter(locations::version.eq(version)),
        )
        .set(&row)
        .execute(conn)?;
        Ok(n == 1)
    }
    fn dto(
        s: Stored<LocationInput>,
        links: Vec<bluelamp_shared::index::links::LinkView>,
        meta: RecordMeta,
    ) -> LocationDto {
        let mut location = s.input;
        location.restriction = meta.restriction.clone();
        LocationDto {
            id: s.id.parse().unwrap_or_default(),
            label: location.label(),
            location,
            links,
            meta,
        }
    }
}

/// Objects.
pub struct Object;

fn object_row(
    id: &str,
    force: &str,
    by: &str,
    o: &ObjectInput,
    at: NaiveDateTime,
    version: i64,
) -> ObjectRow {
    ObjectRow {
        id: id.to_owned(),
        force_code: force.to_owned(),
        restricted: o.restriction.restricted,
        kind: o.kind.as_str().to_owned(),
        description: o.description.trim().to_owned(),
        vrm: opt(&o.vrm).map(|x| v::compact(&x)),
        vin: opt(&o.vin).map(|x| v::compact(&x)),
        make: opt(&o.make),
        model: opt(&o.model),
        colour: opt(&o.colour),
        phone_number: opt(&o.phone_number),
        imei: opt(&o.imei).map(|x| v::compact(&x)),
        serial_number: opt(&o.serial_number),
        value_pence: o.value_pence,
        created_by: Some(by.to_owned()),
        created_at: at,
        updated_at: at,
        version,
    }
}

fn object_keys(o: &ObjectInput) -> Vec<String> {
    let mut k = Vec::new();
    for x in [&o.vrm, &o.vin, &o.imei, &o.serial_number]
        .into_iter()
        .filter_map(opt)
    {
        k.push(v::compact(&x));
    }
    if let Some(p) = opt(&o.phone_number) {
        k.push(v::normalise_phone(&p));
    }
    k
}

impl IndexRecord for Object {
    type Input = ObjectInput;
    type Dto = ObjectDto;
    const KIND: RecordKind = RecordKind::Object;
    const NAME: &'static str = "object";

    fn check(input: &ObjectInput, _: &Reference) -> Vec<FieldError> {
        check_object(input)
    }
    fn restriction(input: &ObjectInput) -> &Restriction {
        &input.restriction
    }
    fn insert(
        conn: &mut AnyConnection,
        id: &str,
        force: &str,
        by: &str,
        o: &ObjectInput,
    ) -> Result<(), ApiError> {
        diesel::insert_into(objects::table)
            .values(object_row(id, force, by, o, now(), 1))
            .execute(conn)?;
        set_object_keys(conn, id, &object_keys(o))?;
        Ok(())
    }
    fn load(conn: &mut AnyConnection, id: &str) -> Result<Option<Stored<ObjectInput>>, ApiError> {
        let r: Option<ObjectRow> = objects::table
            .find(id)
            .select(ObjectRow::as_select())
            .first(conn)
            .optional()?;
        Ok(r.map(|r| Stored {
            input: object_input(&r),
            id: r.id,
            force_code: r.force_code,
            restricted: r.restricted,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        }))
    }
    fn update(conn: &mut AnyConnection, id: &str, version: i64, o: &ObjectInput) -> Result<bool, ApiError> {
        let old: ObjectRow = objects::table
            .find(id)
            .select(ObjectRow::as_select())
            .first(conn)?;
        let mut row = object_row(id, &old.force_code, "", o, now(), version + 1);
        row.created_at = old.created_at;
        row.created_by = old.created_by;
        let n = diesel::update(
            objects::table
                .filter(objects::id.eq(id))
                .filter(objects::version.eq(version)),
        )
        .set(&row)
        .execute(conn)?;
        if n == 1 {
            set_object_keys(conn, id, &object_keys(o))?;
        }
        Ok(n == 1)
    }
    fn dto(
        s: Stored<ObjectInput>,
        links: Vec<bluelamp_shared::index::links::LinkView>,
        meta: RecordMeta,
    ) -> ObjectDto {
        let mut object = s.input;
        object.restriction = meta.restriction.clone();
        ObjectDto {
            id: s.id.parse().unwrap_or_default(),
            label: object.label(),
            object,
            links,
            meta,
        }
    }
}

/// Organisations.
pub struct Organisation;

fn organisation_row(
    id: &str,
    force: &str,
    by: &str,
    o: &OrganisationInput,
    at: NaiveDateTime,
    version: i64,
) -> OrganisationRow {
    OrganisationRow {
        id: id.to_owned(),
        force_code: force.to_owned(),
        restricted: o.restriction.restricted,
        name: o.name.trim().to_owned(),
        name_key: normalise(&o.name),
        kind: o.kind.trim().to_owned(),
        phone: opt(&o.phone),
        email: opt(&o.email),
        created_by: Some(by.to_owned()),
        created_at: at,
        updated_at: at,
        version,
    }
}

impl IndexRecord for Organisation {
    type Input = OrganisationInput;
    type Dto = OrganisationDto;
    const KIND: RecordKind = RecordKind::Organisation;
    const NAME: &'static str = "organisation";

    fn check(input: &OrganisationInput, reference: &Reference) -> Vec<FieldError> {
        let mut e = check_organisation(input);
        reference.check(&mut e, "kind", "organisation_kind", Some(&input.kind));
        e.sort_by(|a, b| a.path.cmp(&b.path));
        e.dedup_by(|a, b| a.path == b.path);
        e
    }
    fn restriction(input: &OrganisationInput) -> &Restriction {
        &input.restriction
    }
    fn insert(
        conn: &mut AnyConnection,
        id: &str,
        force: &str,
        by: &str,
        o: &OrganisationInput,
    ) -> Result<(), ApiError> {
        diesel::insert_into(organisations::table)
            .values(organisation_row(id, force, by, o, now(), 1))
            .execute(conn)?;
        Ok(())
    }
    fn load(conn: &mut AnyConnection, id: &str) -> Result<Option<Stored<OrganisationInput>>, ApiError> {
        let r: Option<OrganisationRow> = organisations::table
            .find(id)
            .select(OrganisationRow::as_select())
            .first(conn)
            .optional()?;
        Ok(r.map(|r| Stored {
            input: OrganisationInput {
                name: r.name.clone(),
                kind: r.kind.clone(),
                phone: r.phone.clone(),
                email: r.email.clone(),
                restriction: Default::default(),
            },
            id: r.id,
            force_code: r.force_code,
            restricted: r.restricted,
            created_by: r.created_by,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        }))
    }
    fn update(
        conn: &mut AnyConnection,
        id: &str,
        version: i64,
        o: &OrganisationInput,
    ) -> Result<bool, ApiError> {
        let old: OrganisationRow = organisations::table
            .find(id)
            .select(OrganisationRow::as_select())
            .first(conn)?;
        let mut row = organisation_row(id, &old.force_code, "", o, now(), version + 1);
        row.created_at = old.created_at;
        row.created_by = old.created_by;
        let n = diesel::update(
            organisations::table
                .filter(organisations::id.eq(id))
                .filter(organisations::version.eq(version)),
        )
        .set(&row)
        .execute(conn)?;
        Ok(n == 1)
    }
    fn dto(
        s: Stored<OrganisationInput>,
        links: Vec<bluelamp_shared::index::links::LinkView>,
        meta: RecordMeta,
    ) -> OrganisationDto {
        let mut organisation = s.input;
        organisation.restriction = meta.restriction.clone();
        OrganisationDto {
            id: s.id.parse().unwrap_or_default(),
            organisation,
            links,
            meta,
        }
    }
}

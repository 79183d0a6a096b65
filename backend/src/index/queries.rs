//! `organisations`, `objects`, `object_keys`, `locations`, `links`, `person_merges` and the reference
//! tables.

use crate::db::schema::{
    link_reasons, links, locations, name_equivalents, object_keys, objects, organisations, person_merges,
    reference_codes,
};
use crate::db::AnyConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// An organisation row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Restricted.
    pub restricted: bool,
    /// Name.
    pub name: String,
    /// Normalised name (prefix search).
    pub name_key: String,
    /// Kind code.
    pub kind: String,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// An object row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = objects, treat_none_as_null = true)]
pub struct ObjectRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Restricted.
    pub restricted: bool,
    /// Kind.
    pub kind: String,
    /// Description.
    pub description: String,
    /// VRM.
    pub vrm: Option<String>,
    /// VIN.
    pub vin: Option<String>,
    /// Make.
    pub make: Option<String>,
    /// Model.
    pub model: Option<String>,
    /// Colour.
    pub colour: Option<String>,
    /// Phone number.
    pub phone_number: Option<String>,
    /// IMEI.
    pub imei: Option<String>,
    /// Serial.
    pub serial_number: Option<String>,
    /// Value in pence.
    pub value_pence: Option<i64>,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// A location row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = locations, treat_none_as_null = true)]
pub struct LocationRow {
    /// Id.
    pub id: String,
    /// Owning force.
    pub force_code: String,
    /// Restricted.
    pub restricted: bool,
    /// Kind.
    pub kind: String,
    /// Premises.
    pub premises: String,
    /// Street.
    pub street: String,
    /// Normalised street.
    pub street_key: String,
    /// Locality.
    pub locality: String,
    /// Town.
    pub town: String,
    /// Postcode as formatted.
    pub postcode: String,
    /// Compact postcode.
    pub postcode_key: String,
    /// UPRN.
    pub uprn: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Description.
    pub description: String,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Updated.
    pub updated_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// A link row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = links)]
pub struct LinkRow {
    /// Id.
    pub id: String,
    /// The force that made the link.
    pub force_code: String,
    /// From kind.
    pub from_kind: String,
    /// From id.
    pub from_id: String,
    /// To kind.
    pub to_kind: String,
    /// To id.
    pub to_id: String,
    /// Reason code.
    pub reason: String,
    /// Valid from.
    pub valid_from: Option<NaiveDate>,
    /// Valid to.
    pub valid_to: Option<NaiveDate>,
    /// Source kind.
    pub source_kind: Option<String>,
    /// Source id.
    pub source_id: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
}

impl LinkRow {
    /// Links touching any of `ids`.
    pub fn touching(conn: &mut AnyConnection, ids: &[String]) -> QueryResult<Vec<LinkRow>> {
        links::table
            .filter(links::from_id.eq_any(ids).or(links::to_id.eq_any(ids)))
            .order(links::created_at.desc())
            .select(LinkRow::as_select())
            .load(conn)
    }
}

/// A link reason row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = link_reasons)]
pub struct LinkReasonRow {
    /// Code.
    pub code: String,
    /// Label from the `from` side.
    pub label: String,
    /// Label from the `to` side.
    pub inverse_label: String,
    /// From kind.
    pub from_kind: String,
    /// To kind.
    pub to_kind: String,
    /// Usable.
    pub active: bool,
}

/// All link reasons.
pub fn link_reasons(conn: &mut AnyConnection) -> QueryResult<Vec<LinkReasonRow>> {
    link_reasons::table
        .order(link_reasons::code)
        .select(LinkReasonRow::as_select())
        .load(conn)
}

/// All reference codes: (vocabulary, code, label, active).
pub fn reference_codes(conn: &mut AnyConnection) -> QueryResult<Vec<(String, String, String, bool)>> {
    reference_codes::table
        .order((reference_codes::vocabulary, reference_codes::sort_order))
        .select((
            reference_codes::vocabulary,
            reference_codes::code,
            reference_codes::label,
            reference_codes::active,
        ))
        .load(conn)
}

/// All (name, canonical) forename equivalents.
pub fn name_equivalents(conn: &mut AnyConnection) -> QueryResult<Vec<(String, String)>> {
    name_equivalents::table
        .select((name_equivalents::name, name_equivalents::canonical))
        .load(conn)
}

/// Replaces the search keys of an object.
pub fn set_object_keys(conn: &mut AnyConnection, object_id: &str, keys: &[String]) -> QueryResult<()> {
    diesel::delete(object_keys::table.filter(object_keys::object_id.eq(object_id))).execute(conn)?;
    let mut ks: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
    ks.sort();
    ks.dedup();
    for k in ks {
        diesel::insert_into(object_keys::table)
            .values((object_keys::object_id.eq(object_id), object_keys::key.eq(k)))
            .execute(conn)?;
    }
    Ok(())
}

/// A merge row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = person_merges)]
pub struct MergeRow {
    /// Id.
    pub id: String,
    /// Survivor.
    pub survivor_id: String,
    /// Merged.
    pub merged_id: String,
    /// Why.
    pub reason: String,
    /// JSON list of the rows that moved.
    pub moved: String,
    /// Who (user name).
    pub merged_by: String,
    /// When.
    pub merged_at: NaiveDateTime,
    /// Who undid it.
    pub unmerged_by: Option<String>,
    /// When it was undone.
    pub unmerged_at: Option<NaiveDateTime>,
}

//! Versioned reference lists (`docs/reference-data.md`): the editions carried in the binary
//! (`backend/reference/*.toml`), applied at start-up when newer than the database's; newer editions
//! imported by the consortium administrator; and force-local values. An edition is checked whole
//! before any row changes; values are never deleted, only retired.

use crate::db::schema::{
    link_reasons, offences, outcome_types, reference_codes, reference_list_editions, reference_lists,
};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::access;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::reference::lists::{
    self, check_edition, check_local_value, local_code, local_force, AttributeType, EditionContext, ListSpec,
    NewLocalValue, ReferenceListDetail, ReferenceListEdition, ReferenceListSummary, ReferenceValue,
    ReferenceValueDto, Storage, Version,
};
use diesel::prelude::*;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        /// The editions this release carries, by list name.
        pub const BUNDLED: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../reference/", $name, ".toml")))),*
        ];
    };
}

bundled!(
    "ho_classification",
    "offence",
    "outcome_type",
    "mopi_group",
    "mopi_rule",
    "handling_code",
    "mg_form",
    "ethnicity",
    "officer_ethnicity",
    "nationality",
    "link_reason",
    "marker_type",
    "vulnerability",
    "gender",
    "organisation_kind",
    "incident_channel",
    "incident_opening",
    "incident_qualifier",
    "incident_closing",
    "investigation_unit",
    "hate_strand",
    "victim_need",
    "enhanced_reason",
    "contact_method",
    "update_frequency",
);

/// Reads an edition from its TOML file.
pub fn parse_toml(text: &str) -> Result<ReferenceListEdition, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

fn spec_or_404(list: &str) -> Result<&'static ListSpec, ApiError> {
    lists::spec(list).ok_or_else(|| ApiError::not_found("reference list"))
}

/// A value as kept in the database, whatever its table.
#[derive(Debug, Clone, PartialEq)]
struct Stored {
    code: String,
    label: String,
    attributes: BTreeMap<String, Value>,
    active: bool,
    force: Option<String>,
}

fn attrs<const N: usize>(pairs: [(&str, Option<Value>); N]) -> BTreeMap<String, Value> {
    pairs
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect()
}

/// Every value of a list, national ones in the edition's order, then force-local ones.
fn stored(conn: &mut AnyConnection, spec: &ListSpec) -> Result<Vec<Stored>, ApiError> {
    let mut out: Vec<(i32, Stored)> = match spec.storage {
        Storage::Vocabulary => reference_codes::table
            .filter(reference_codes::vocabulary.eq(spec.name))
            .select((
                reference_codes::code,
                reference_codes::label,
                reference_codes::attributes,
                reference_codes::active,
                reference_codes::force_code,
                reference_codes::sort_order,
            ))
            .load::<(String, String, String, bool, Option<String>, i32)>(conn)?
            .into_iter()
            .map(|(code, label, a, active, force, sort)| {
                let attributes = serde_json::from_str(&a).unwrap_or_default();
                (
                    sort,
                    Stored {
                        code,
                        label,
                        attributes,
                        active,
                        force,
                    },
                )
            })
            .collect(),
        Storage::Offence => offences::table
            .select((
                offences::code,
                offences::label,
                offences::legislation,
                offences::classification,
                offences::mode_of_trial,
                offences::cps_referral,
                offences::active,
                offences::sort_order,
            ))
            .load::<(String, String, String, String, String, Option<String>, bool, i32)>(conn)?
            .into_iter()
            .map(
                |(code, label, legislation, classification, mode, cps, active, sort)| {
                    let attributes = attrs([
                        ("legislation", Some(Value::String(legislation))),
                        ("classification", Some(Value::String(classification))),
                        ("mode_of_trial", Some(Value::String(mode))),
                        ("cps_referral", cps.map(Value::String)),
                    ]);
                    (
                        sort,
                        Stored {
                            code,
                            label,
                            attributes,
                            active,
                            force: None,
                        },
                    )
                },
            )
            .collect(),
        Storage::OutcomeType => outcome_types::table
            .select((
                outcome_types::code,
                outcome_types::label,
                outcome_types::requires_suspect,
                outcome_types::active,
                outcome_types::sort_order,
            ))
            .load::<(String, String, bool, bool, i32)>(conn)?
            .into_iter()
            .map(|(code, label, requires, active, sort)| {
                let attributes = attrs([("requires_suspect", Some(Value::Bool(requires)))]);
                (
                    sort,
                    Stored {
                        code,
                        label,
                        attributes,
                        active,
                        force: None,
                    },
                )
            })
            .collect(),
        Storage::LinkReason => link_reasons::table
            .select((
                link_reasons::code,
                link_reasons::label,
                link_reasons::inverse_label,
                link_reasons::from_kind,
                link_reasons::to_kind,
                link_reasons::active,
                link_reasons::sort_order,
            ))
            .load::<(String, String, String, String, String, bool, i32)>(conn)?
            .into_iter()
            .map(|(code, label, inverse, from, to, active, sort)| {
                let attributes = attrs([
                    ("inverse_label", Some(Value::String(inverse))),
                    ("from_kind", Some(Value::String(from))),
                    ("to_kind", Some(Value::String(to))),
                ]);
                (
                    sort,
                    Stored {
                        code,
                        label,
                        attributes,
                        active,
                        force: None,
                    },
                )
            })
            .collect(),
    };
    out.sort_by(|(a, x), (b, y)| (x.force.is_some(), a, &x.code).cmp(&(y.force.is_some(), b, &y.code)));
    Ok(out.into_iter().map(|(_, s)| s).collect())
}

fn text(a: &BTreeMap<String, Value>, name: &str) -> Option<String> {
    a.get(name).and_then(Value::as_str).map(|s| s.trim().to_owned())
}

/// Updates the row of a typed list's `code`, or inserts it with that code.
macro_rules! upsert {
    ($conn:expr, $table:ident, $code:expr, $exists:expr, $row:expr) => {
        if $exists {
            diesel::update($table::table.find($code))
                .set($row)
                .execute($conn)?;
        } else {
            diesel::insert_into($table::table)
                .values(($table::code.eq($code), $row))
                .execute($conn)?;
        }
    };
}

/// Writes one national value (inserting it if new) as active, at position `sort`.
fn write_value(
    conn: &mut AnyConnection,
    spec: &ListSpec,
    v: &ReferenceValue,
    sort: i32,
    exists: bool,
) -> Result<(), ApiError> {
    let label = v.label.trim();
    let a = &v.attributes;
    let t = |name: &str| text(a, name).unwrap_or_default();
    match spec.storage {
        Storage::Vocabulary => {
            let json = serde_json::to_string(a).map_err(ApiError::internal)?;
            if exists {
                diesel::update(
                    reference_codes::table
                        .filter(reference_codes::vocabulary.eq(spec.name))
                        .filter(reference_codes::code.eq(&v.code)),
                )
                .set((
                    reference_codes::label.eq(label),
                    reference_codes::attributes.eq(&json),
                    reference_codes::sort_order.eq(sort),
                    reference_codes::active.eq(true),
                ))
                .execute(conn)?;
            } else {
                diesel::insert_into(reference_codes::table)
                    .values((
                        reference_codes::vocabulary.eq(spec.name),
                        reference_codes::code.eq(&v.code),
                        reference_codes::label.eq(label),
                        reference_codes::attributes.eq(&json),
                        reference_codes::sort_order.eq(sort),
                        reference_codes::active.eq(true),
                    ))
                    .execute(conn)?;
            }
        }
        Storage::Offence => {
            let row = (
                offences::label.eq(label),
                offences::legislation.eq(t("legislation")),
                offences::classification.eq(t("classification")),
                offences::mode_of_trial.eq(t("mode_of_trial")),
                offences::cps_referral.eq(text(a, "cps_referral").filter(|s| !s.is_empty())),
                offences::sort_order.eq(sort),
                offences::active.eq(true),
            );
            upsert!(conn, offences, &v.code, exists, row);
        }
        Storage::OutcomeType => {
            let row = (
                outcome_types::label.eq(label),
                outcome_types::requires_suspect.eq(a.get("requires_suspect") == Some(&Value::Bool(true))),
                outcome_types::sort_order.eq(sort),
                outcome_types::active.eq(true),
            );
            upsert!(conn, outcome_types, &v.code, exists, row);
        }
        Storage::LinkReason => {
            let row = (
                link_reasons::label.eq(label),
                link_reasons::inverse_label.eq(t("inverse_label")),
                link_reasons::from_kind.eq(t("from_kind")),
                link_reasons::to_kind.eq(t("to_kind")),
                link_reasons::sort_order.eq(sort),
                link_reasons::active.eq(true),
            );
            upsert!(conn, link_reasons, &v.code, exists, row);
        }
    }
    Ok(())
}

/// Retires a value: it stays on every record that uses it, and can no longer be chosen.
fn retire(conn: &mut AnyConnection, spec: &ListSpec, code: &str) -> Result<(), ApiError> {
    match spec.storage {
        Storage::Vocabulary => diesel::update(
            reference_codes::table
                .filter(reference_codes::vocabulary.eq(spec.name))
                .filter(reference_codes::code.eq(code)),
        )
        .set(reference_codes::active.eq(false))
        .execute(conn)?,
        Storage::Offence => diesel::update(offences::table.find(code))
            .set(offences::active.eq(false))
            .execute(conn)?,
        Storage::OutcomeType => diesel::update(outcome_types::table.find(code))
            .set(outcome_types::active.eq(false))
            .execute(conn)?,
        Storage::LinkReason => diesel::update(link_reasons::table.find(code))
            .set(link_reasons::active.eq(false))
            .execute(conn)?,
    };
    Ok(())
}

type ListRow = (String, String, String, String, bool, chrono::NaiveDateTime, i64);

fn list_row(conn: &mut AnyConnection, name: &str) -> Result<Option<ListRow>, ApiError> {
    Ok(reference_lists::table
        .find(name)
        .select((
            reference_lists::name,
            reference_lists::title,
            reference_lists::source,
            reference_lists::version,
            reference_lists::force_local,
            reference_lists::applied_at,
            reference_lists::revision,
        ))
        .first(conn)
        .optional()?)
}

fn content_hash(e: &ReferenceListEdition) -> Result<String, ApiError> {
    let json = serde_json::to_vec(e).map_err(ApiError::internal)?;
    Ok(hex::encode(Sha256::digest(json)))
}

/// The active national codes of the lists an edition's attributes refer to.
fn referred_codes(
    conn: &mut AnyConnection,
    spec: &ListSpec,
) -> Result<HashMap<String, HashSet<String>>, ApiError> {
    let mut out = HashMap::new();
    for a in spec.attributes {
        if let AttributeType::CodeOf(other) = a.kind {
            let other_spec = spec_or_404(other)?;
            let codes = stored(conn, other_spec)?
                .into_iter()
                .filter(|s| s.active && s.force.is_none())
                .map(|s| s.code)
                .collect();
            out.insert(other.to_owned(), codes);
        }
    }
    Ok(out)
}

/// What applying an edition did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// New values.
    pub added: i32,
    /// Values whose label, attributes or place changed, or that came back from retirement.
    pub changed: i32,
    /// Values retired because the edition leaves them out.
    pub retired: i32,
    /// Whether the same edition had been applied already (nothing changed).
    pub unchanged: bool,
}

/// Checks an edition whole and applies it in the caller's transaction: every value written, those
/// left out retired, the list's edition and revision moved on, the edition kept in the history and
/// the change audited. `by` is the administrator and the list revision they read (none for the
/// edition carried in the binary or read from a file). The same edition again changes nothing, and
/// answers so whatever revision the retry names.
fn apply(
    conn: &mut AnyConnection,
    list: &str,
    e: &ReferenceListEdition,
    by: Option<(&Caller, IfMatch)>,
) -> Result<Applied, ApiError> {
    let spec = spec_or_404(list)?;
    let hash = content_hash(e)?;
    let same: Option<String> = reference_list_editions::table
        .filter(reference_list_editions::list.eq(list))
        .filter(reference_list_editions::version.eq(&e.version))
        .select(reference_list_editions::content_hash)
        .first(conn)
        .optional()?;
    if same.as_deref() == Some(hash.as_str()) {
        return Ok(Applied {
            unchanged: true,
            ..Applied::default()
        });
    }
    let current = list_row(conn, list)?;
    if let Some((_, expected)) = by {
        let revision = current
            .as_ref()
            .map(|r| r.6)
            .ok_or_else(|| ApiError::not_found("reference list"))?;
        if expected.expect(revision) != revision {
            return Err(ApiError::precondition_failed(crate::http::etag(revision)));
        }
    }
    let referred = referred_codes(conn, spec)?;
    let is_code_of = |l: &str, c: &str| referred.get(l).is_some_and(|s| s.contains(c));
    let ctx = EditionContext {
        in_force: current.as_ref().map(|r| r.3.as_str()),
        is_code_of: &is_code_of,
    };
    let mut errors = check_edition(list, e, &ctx);
    let before: HashMap<String, Stored> = stored(conn, spec)?
        .into_iter()
        .map(|s| (s.code.clone(), s))
        .collect();
    if spec.storage == Storage::LinkReason {
        for (i, v) in e.values.iter().enumerate() {
            let Some(old) = before.get(&v.code) else { continue };
            for kind in ["from_kind", "to_kind"] {
                if old.attributes.get(kind) != v.attributes.get(kind) && v.attributes.contains_key(kind) {
                    errors.push(FieldError::new(
                        format!("values.{i}.attributes.{kind}"),
                        "changed",
                        "The kinds a link reason joins never change (links use it): retire it and add a new code",
                    ));
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let mut applied = Applied::default();
    let mut kept = HashSet::new();
    for (i, v) in e.values.iter().enumerate() {
        kept.insert(v.code.as_str());
        let old = before.get(&v.code);
        let now = Stored {
            code: v.code.clone(),
            label: v.label.trim().to_owned(),
            attributes: v.attributes.clone(),
            active: true,
            force: None,
        };
        match old {
            None => applied.added += 1,
            Some(o) if o != &now => applied.changed += 1,
            Some(_) => {}
        }
        write_value(conn, spec, v, i as i32, old.is_some())?;
    }
    for s in before.values() {
        if s.force.is_none() && s.active && !kept.contains(s.code.as_str()) {
            retire(conn, spec, &s.code)?;
            applied.retired += 1;
        }
    }
    let now = crate::db::now();
    match current {
        None => {
            diesel::insert_into(reference_lists::table)
                .values((
                    reference_lists::name.eq(list),
                    reference_lists::title.eq(e.title.trim()),
                    reference_lists::source.eq(e.source.trim()),
                    reference_lists::version.eq(&e.version),
                    reference_lists::force_local.eq(e.force_local),
                    reference_lists::applied_at.eq(now),
                    reference_lists::revision.eq(1),
                ))
                .execute(conn)?;
        }
        Some(r) => {
            diesel::update(reference_lists::table.find(list))
                .set((
                    reference_lists::title.eq(e.title.trim()),
                    reference_lists::source.eq(e.source.trim()),
                    reference_lists::version.eq(&e.version),
                    reference_lists::force_local.eq(e.force_local),
                    reference_lists::applied_at.eq(now),
                    reference_lists::revision.eq(r.6 + 1),
                ))
                .execute(conn)?;
        }
    }
    diesel::insert_into(reference_list_editions::table)
        .values((
            reference_list_editions::list.eq(list),
            reference_list_editions::version.eq(&e.version),
            reference_list_editions::source.eq(e.source.trim()),
            reference_list_editions::content_hash.eq(&hash),
            reference_list_editions::applied_at.eq(now),
            reference_list_editions::applied_by.eq(by.map(|(c, _)| c.user_id.as_str())),
            reference_list_editions::added.eq(applied.added),
            reference_list_editions::changed.eq(applied.changed),
            reference_list_editions::retired.eq(applied.retired),
        ))
        .execute(conn)?;
    let entry = by.map(|(c, _)| Entry::by(c)).unwrap_or_default();
    audit::append(
        conn,
        AuditAction::Update,
        entry.record("reference_list", list).detail(format!(
            "applied edition {} ({} added, {} changed, {} retired)",
            e.version, applied.added, applied.changed, applied.retired
        )),
    )?;
    Ok(applied)
}

/// Applies an edition read from a file (`bluelamp reference import`): the same checks as the API, no
/// administrator named.
pub fn apply_edition(conn: &mut AnyConnection, e: &ReferenceListEdition) -> Result<Applied, ApiError> {
    apply(conn, &e.list, e, None)
}

/// Applies every edition carried in the binary that is newer than the database's (or the first of
/// its list), each list in one transaction, in the order lists refer to each other. Start-up fails
/// if a carried edition is invalid (the unit tests check every one).
pub fn apply_bundled(db: &Db) -> anyhow::Result<Vec<(String, String, Applied)>> {
    let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = Vec::new();
    for spec in lists::LISTS {
        let Some((_, text)) = BUNDLED.iter().find(|(n, _)| *n == spec.name) else {
            continue;
        };
        let e = parse_toml(text).map_err(|m| anyhow::anyhow!("backend/reference/{}.toml: {m}", spec.name))?;
        let applied = conn
            .transaction(|conn| {
                if let Some(row) = list_row(conn, spec.name)? {
                    let newer = match (Version::parse(&e.version), Version::parse(&row.3)) {
                        (Some(bundled), Some(in_force)) => bundled > in_force,
                        _ => false,
                    };
                    if !newer {
                        return Ok(None);
                    }
                }
                apply(conn, spec.name, &e, None).map(Some)
            })
            .map_err(|err: ApiError| {
                anyhow::anyhow!("applying backend/reference/{}.toml: {err:?}", spec.name)
            })?;
        if let Some(a) = applied {
            out.push((spec.name.to_owned(), e.version.clone(), a));
        }
    }
    db.forget_cached();
    Ok(out)
}

fn summary(
    conn: &mut AnyConnection,
    spec: &ListSpec,
    row: ListRow,
) -> Result<(ReferenceListSummary, Vec<Stored>), ApiError> {
    let values = stored(conn, spec)?;
    let active = values.iter().filter(|v| v.active).count() as u32;
    Ok((
        ReferenceListSummary {
            list: row.0,
            title: row.1,
            source: row.2,
            version: row.3,
            force_local: row.4,
            active,
            retired: values.len() as u32 - active,
            applied_at: row.5.and_utc(),
            revision: row.6,
        },
        values,
    ))
}

fn detail(conn: &mut AnyConnection, list: &str) -> Result<ReferenceListDetail, ApiError> {
    let spec = spec_or_404(list)?;
    let row = list_row(conn, list)?.ok_or_else(|| ApiError::not_found("reference list"))?;
    let (summary, values) = summary(conn, spec, row)?;
    Ok(ReferenceListDetail {
        summary,
        values: values
            .into_iter()
            .map(|s| ReferenceValueDto {
                code: s.code,
                label: s.label,
                attributes: s.attributes,
                active: s.active,
                force: s.force,
            })
            .collect(),
    })
}

/// Every list with its edition in force.
pub async fn all(db: &Db) -> Result<Vec<ReferenceListSummary>, ApiError> {
    db.read(|conn| {
        let mut out = Vec::new();
        for spec in lists::LISTS {
            if let Some(row) = list_row(conn, spec.name)? {
                out.push(summary(conn, spec, row)?.0);
            }
        }
        Ok(out)
    })
    .await
}

/// One list with every value it has had.
pub async fn one(db: &Db, list: String) -> Result<ReferenceListDetail, ApiError> {
    db.read(move |conn| detail(conn, &list)).await
}

fn check_revision(conn: &mut AnyConnection, list: &str, expected: IfMatch) -> Result<ListRow, ApiError> {
    spec_or_404(list)?;
    let row = list_row(conn, list)?.ok_or_else(|| ApiError::not_found("reference list"))?;
    if expected.expect(row.6) != row.6 {
        return Err(ApiError::precondition_failed(crate::http::etag(row.6)));
    }
    Ok(row)
}

/// Applies a newer edition of a national list (the consortium administrator), if the list is still
/// at the revision the caller read. The same edition sent again changes nothing.
pub async fn import(
    db: &Db,
    caller: &Caller,
    list: String,
    expected: IfMatch,
    e: ReferenceListEdition,
) -> Result<ReferenceListDetail, ApiError> {
    let c = caller.clone();
    let out = db
        .write(move |conn| {
            apply(conn, &list, &e, Some((&c, expected)))?;
            detail(conn, &list)
        })
        .await?;
    db.forget_cached();
    Ok(out)
}

/// Adds a force-local value to a list that allows them (the caller's force administrator); safe to
/// retry with the same idempotency key.
pub async fn add_local(
    db: &Db,
    caller: &Caller,
    list: String,
    v: NewLocalValue,
    key: Option<String>,
) -> Result<Outcome<ReferenceListDetail>, ApiError> {
    let hash = idempotency::request_hash(&(&list, &v));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    let out = db
        .write(move |conn| {
            let spec = spec_or_404(&list)?;
            let row = list_row(conn, &list)?.ok_or_else(|| ApiError::not_found("reference list"))?;
            let mut errors = check_local_value(row.4, &v);
            let code = local_code(&c.force_code, &v.code);
            if errors.iter().all(|e| e.path != "code") && stored(conn, spec)?.iter().any(|s| s.code == code) {
                errors.push(FieldError::new(
                    "code",
                    "duplicate",
                    format!("Your force already has `{code}` in this list"),
                ));
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
                let sort: i32 = reference_codes::table
                    .filter(reference_codes::vocabulary.eq(&list))
                    .count()
                    .get_result::<i64>(conn)? as i32;
                diesel::insert_into(reference_codes::table)
                    .values((
                        reference_codes::vocabulary.eq(&list),
                        reference_codes::code.eq(&code),
                        reference_codes::label.eq(v.label.trim()),
                        reference_codes::attributes.eq("{}"),
                        reference_codes::sort_order.eq(sort),
                        reference_codes::active.eq(true),
                        reference_codes::force_code.eq(&c.force_code),
                    ))
                    .execute(conn)?;
                bump(conn, &list, row.6)?;
                audit::append(
                    conn,
                    AuditAction::Create,
                    Entry::by(&c)
                        .owned_record("reference_list", &list, &c.force_code)
                        .detail(format!("added the force-local value {code}")),
                )?;
                detail(conn, &list)
            })
        })
        .await?;
    db.forget_cached();
    Ok(out)
}

fn bump(conn: &mut AnyConnection, list: &str, from: i64) -> Result<(), ApiError> {
    let n = diesel::update(
        reference_lists::table
            .filter(reference_lists::name.eq(list))
            .filter(reference_lists::revision.eq(from)),
    )
    .set(reference_lists::revision.eq(from + 1))
    .execute(conn)?;
    if n == 0 {
        return Err(ApiError::precondition_failed(crate::http::etag(from)));
    }
    Ok(())
}

/// Retires one of the caller's force's local values (another force's, or a national one, is not
/// found). Retiring a retired value changes nothing.
pub async fn retire_local(
    db: &Db,
    caller: &Caller,
    list: String,
    code: String,
    expected: IfMatch,
) -> Result<ReferenceListDetail, ApiError> {
    let c = caller.clone();
    let out = db
        .write(move |conn| {
            let spec = spec_or_404(&list)?;
            let value = stored(conn, spec)?
                .into_iter()
                .find(|s| s.code == code && local_force(&s.code).is_some_and(|f| access::is_owner(&c, f)))
                .ok_or_else(|| ApiError::not_found("local value of your force"))?;
            if value.active {
                let row = check_revision(conn, &list, expected)?;
                retire(conn, spec, &code)?;
                bump(conn, &list, row.6)?;
                audit::append(
                    conn,
                    AuditAction::Update,
                    Entry::by(&c)
                        .owned_record("reference_list", &list, &c.force_code)
                        .detail(format!("retired the force-local value {code}")),
                )?;
            }
            detail(conn, &list)
        })
        .await?;
    db.forget_cached();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every edition the binary carries parses, checks clean on an empty database (its referred
    /// lists taken from the carried editions) and names its own list.
    #[test]
    fn every_carried_edition_is_valid() {
        let mut codes: HashMap<String, HashSet<String>> = HashMap::new();
        assert_eq!(BUNDLED.len(), lists::LISTS.len(), "one file per list");
        for spec in lists::LISTS {
            let (_, text) = BUNDLED.iter().find(|(n, _)| *n == spec.name).expect("carried");
            let e = parse_toml(text).unwrap_or_else(|m| panic!("{}: {m}", spec.name));
            let is_code_of = |l: &str, c: &str| codes.get(l).is_some_and(|s| s.contains(c));
            let ctx = EditionContext {
                in_force: None,
                is_code_of: &is_code_of,
            };
            let errors = check_edition(spec.name, &e, &ctx);
            assert!(errors.is_empty(), "{}: {errors:?}", spec.name);
            codes.insert(
                spec.name.to_owned(),
                e.values.iter().map(|v| v.code.clone()).collect(),
            );
        }
    }
}

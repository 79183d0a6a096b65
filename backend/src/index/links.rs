//! Links between records: creating them (only between records the caller may see and add to) and
//! showing them from either end (only links whose other end the caller may see).

use crate::db::now;
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::queries::LinkRow;
use crate::index::reference::Reference;
use crate::kernel::access::Visibility;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::views::summaries::{self, Indexed};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::index::links::{check_link, CreateLinkRequest, LinkDto, LinkView};
use bluelamp_shared::records::{RecordKind, RecordRef};
use chrono::NaiveDate;
use diesel::prelude::*;
use std::collections::HashMap;

/// The owner and access facts of one record, if it exists and the caller may see it (for records
/// shown beside another; a record the request names goes through [`named_record`]).
pub fn visible_record(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    r: &RecordRef,
) -> Result<Option<Indexed>, ApiError> {
    Ok(lookup(conn, vis, reference, today, r)?.ok())
}

/// A record the request names (to link to, attach, record at): as [`visible_record`], but one that
/// exists outside the caller's sight is noted as a refusal for the owning force's audit, while the
/// caller is answered as if it did not exist.
pub fn named_record(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    r: &RecordRef,
) -> Result<Option<Indexed>, ApiError> {
    Ok(match lookup(conn, vis, reference, today, r)? {
        Ok(ix) => Some(ix),
        Err(Some(hidden)) => {
            vis.note_hidden(r.kind.as_str(), &hidden.id_text, &hidden.owner);
            None
        }
        Err(None) => None,
    })
}

/// The record if the caller may see it, else the hidden record (`Err(Some)`) or nothing (`Err(None)`).
fn lookup(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    r: &RecordRef,
) -> Result<Result<Indexed, Option<Indexed>>, ApiError> {
    let id = r.id.to_string();
    let found = summaries::load(conn, reference, today, &[(r.kind, id.clone())])?;
    Ok(match found.get(&id) {
        Some(ix) if vis.can_see(conn, &ix.guarded())? => Ok(ix.clone()),
        other => Err(other.cloned()),
    })
}

/// Creates a link inside the caller's transaction, after every check.
pub fn create_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    req: &CreateLinkRequest,
) -> Result<LinkDto, ApiError> {
    let mut errors = check_link(req);
    reference.check_reason(&mut errors, "reason", &req.reason, req.from.kind, req.to.kind);
    for (path, r) in [("from", &req.from), ("to", &req.to)] {
        if r.kind == RecordKind::Event {
            continue; // Events arrive with the modules; their own routes link them.
        }
        match named_record(conn, vis, reference, today, r)? {
            None => errors.push(bluelamp_shared::error::FieldError::new(
                format!("{path}.id"),
                "not_found",
                "No such record is available to you",
            )),
            Some(ix) if !vis.can_add(&ix.owner, ix.scope) => {
                let why = "The sharing agreement does not let your force add to this record";
                vis.note_not_allowed(r.kind.as_str(), &ix.id_text, &ix.owner, why);
                errors.push(bluelamp_shared::error::FieldError::new(
                    format!("{path}.id"),
                    "not_shared",
                    why,
                ))
            }
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(ApiError::validation(errors));
    }
    let row = LinkRow {
        id: uuid::Uuid::new_v4().to_string(),
        force_code: caller.force_code.clone(),
        from_kind: req.from.kind.as_str().to_owned(),
        from_id: req.from.id.to_string(),
        to_kind: req.to.kind.as_str().to_owned(),
        to_id: req.to.id.to_string(),
        reason: req.reason.clone(),
        valid_from: req.valid_from,
        valid_to: req.valid_to,
        source_kind: req.source.map(|s| s.kind.as_str().to_owned()),
        source_id: req.source.map(|s| s.id.to_string()),
        created_by: Some(caller.user_id.clone()),
        created_at: now(),
    };
    diesel::insert_into(crate::db::schema::links::table)
        .values(&row)
        .execute(conn)?;
    audit::append(
        conn,
        AuditAction::Link,
        Entry::by(caller)
            .record(&row.from_kind, &row.from_id)
            .detail(format!(
                "{} {} → {} {}",
                row.reason, row.from_kind, row.to_kind, row.to_id
            )),
    )?;
    Ok(to_dto(&row))
}

/// The API form of a link row.
pub fn to_dto(row: &LinkRow) -> LinkDto {
    let rr = |k: &str, id: &str| RecordRef {
        kind: RecordKind::parse(k).unwrap_or(RecordKind::Event),
        id: id.parse().unwrap_or_default(),
    };
    LinkDto {
        id: row.id.parse().unwrap_or_default(),
        from: rr(&row.from_kind, &row.from_id),
        to: rr(&row.to_kind, &row.to_id),
        reason: row.reason.clone(),
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        source: match (&row.source_kind, &row.source_id) {
            (Some(k), Some(i)) => Some(rr(k, i)),
            _ => None,
        },
    }
}

/// The links of `record_ids` (a record and anything merged into it), as seen from them, keeping only
/// those whose other end the caller may see.
pub fn views(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    record_ids: &[String],
) -> Result<Vec<LinkView>, ApiError> {
    let rows = LinkRow::touching(conn, record_ids)?;
    let others: Vec<(RecordKind, String)> = rows
        .iter()
        .filter_map(|l| {
            let outgoing = record_ids.contains(&l.from_id);
            let (k, id) = if outgoing {
                (&l.to_kind, &l.to_id)
            } else {
                (&l.from_kind, &l.from_id)
            };
            RecordKind::parse(k).map(|k| (k, id.clone()))
        })
        .collect();
    let found: HashMap<String, Indexed> = summaries::load(conn, reference, today, &others)?;
    let guards: Vec<_> = found.values().map(|i| i.guarded()).collect();
    let visible = vis.visible_ids(conn, &guards)?;
    let mut out = Vec::new();
    for l in rows {
        let outgoing = record_ids.contains(&l.from_id);
        let other_id = if outgoing { &l.to_id } else { &l.from_id };
        let Some(other) = found.get(other_id).filter(|_| visible.contains(other_id)) else {
            continue;
        };
        let reason = reference.reason(&l.reason);
        let label = match reason {
            Some(r) if outgoing => r.label.clone(),
            Some(r) => r.inverse_label.clone(),
            None => l.reason.clone(),
        };
        out.push(LinkView {
            id: l.id.parse().unwrap_or_default(),
            reason: l.reason.clone(),
            label,
            other: other.summary.clone(),
            valid_from: l.valid_from,
            valid_to: l.valid_to,
            source: to_dto(&l).source,
        });
    }
    Ok(out)
}

/// Links two records.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateLinkRequest,
    today: NaiveDate,
) -> Result<LinkDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        create_in(conn, &c, &vis, &reference, today, &req)
    })
    .await
}

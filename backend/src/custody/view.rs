//! Rows and folded entries to the custody record DTO.

use super::*;
use bluelamp_shared::users::UserRef;

pub(super) fn actor(refs: &HashMap<String, bluelamp_shared::users::UserRef>, id: &str) -> Actor {
    let u = crate::kernel::users::user_ref(refs, id);
    Actor {
        id: u.id.0,
        name: if u.collar_number.is_empty() {
            u.display_name
        } else {
            format!("{} ({})", u.display_name, u.collar_number)
        },
    }
}

pub(super) fn entry_view(s: &Stored, refs: &HashMap<String, bluelamp_shared::users::UserRef>) -> EntryView {
    EntryView {
        id: uuid(&s.row.id),
        at: utc(s.row.at),
        recorded_at: utc(s.row.recorded_at),
        recorded_by: actor(refs, &s.row.recorded_by),
        summary: s.entry.summary(),
        entry: s.entry.clone(),
    }
}

pub(super) fn offence_labels(
    conn: &mut AnyConnection,
    codes: &[String],
) -> Result<Vec<(String, String, String)>, ApiError> {
    Ok(offences::table
        .filter(offences::code.eq_any(codes))
        .select((offences::code, offences::label, offences::mode_of_trial))
        .load(conn)?)
}

pub(super) fn summary_of(
    conn: &mut AnyConnection,
    reference: &Reference,
    today: NaiveDate,
    kind: RecordKind,
    id: &str,
) -> Result<Option<RecordSummary>, ApiError> {
    Ok(summaries::load(conn, reference, today, &[(kind, id.to_owned())])?
        .remove(id)
        .map(|i| i.summary))
}

/// The whole record as read.
pub(super) fn dto(
    conn: &mut AnyConnection,
    r: &CustodyRef,
    reference: &Reference,
    row: &CustodyRow,
    now: DateTime<Utc>,
) -> Result<CustodyRecordDto, ApiError> {
    let today = now.date_naive();
    let mut all = load_entries(conn, std::slice::from_ref(&row.id))?;
    let entries = all.remove(&row.id).unwrap_or_default();
    let f = fold(row, &entries);
    let detainee = detainee_summary(conn, reference, today, row)?;
    let crime = match &row.crime_id {
        Some(c) => summary_of(conn, reference, today, RecordKind::Event, c)?,
        None => None,
    };
    let mut ids: Vec<String> = entries.iter().map(|s| s.row.recorded_by.clone()).collect();
    ids.push(row.decided_by.clone());
    let refs = user_refs(conn, &ids)?;
    let arrest: bluelamp_shared::custody::ArrestDetails =
        serde_json::from_str(&row.arrest).unwrap_or_default();
    let labels = offence_labels(conn, &arrest.offences)?;
    let suite = find_suite(conn, &row.suite_id)?.ok_or_else(|| ApiError::not_found("custody suite"))?;
    let medication = medication_views(row, &f, now, &refs);
    let rights = right_views(&entries);
    let representatives = representative_views(&entries);
    let disposal = disposal_view(row, &f, &refs);
    let care = care(row, &f, r, &detainee.markers);
    Ok(CustodyRecordDto {
        id: uuid(&row.id),
        number: row.number.clone(),
        state: if row.state == "open" {
            CustodyState::Open
        } else {
            CustodyState::Closed
        },
        suite,
        cell: f.cell.clone(),
        detainee,
        crime,
        offence_labels: labels.into_iter().map(|(_, l, _)| l).collect(),
        indictable: row.indictable,
        asn: row.asn.clone(),
        relevant_time: utc(row.relevant_time),
        decision: DecisionView {
            decision: if row.decision == "authorised" {
                DetentionDecision::Authorised
            } else {
                DetentionDecision::Refused
            },
            at: utc(row.decided_at),
            by: actor(&refs, &row.decided_by),
            reason: row.decision_reason.clone(),
        },
        self_defined_ethnicity: row.self_defined_ethnicity.clone(),
        officer_defined_ethnicity: row.officer_defined_ethnicity.clone(),
        nationality: row.nationality.clone(),
        clocks: clocks(&facts(row, &f), &r.pace, now),
        care,
        medication,
        rights,
        representatives,
        charged_at: f.charged_at,
        disposal,
        entries: entries.iter().rev().map(|s| entry_view(s, &refs)).collect(),
        server_time: now,
        arrest,
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: restriction(),
            version: row.version,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        },
    })
}

/// The detainee's summary, or a placeholder when the caller may not see the person.
fn detainee_summary(
    conn: &mut AnyConnection,
    reference: &Reference,
    today: NaiveDate,
    row: &CustodyRow,
) -> Result<RecordSummary, ApiError> {
    Ok(
        summary_of(conn, reference, today, RecordKind::Person, &row.person_id)?.unwrap_or_else(|| {
            RecordSummary {
                record: RecordRef {
                    kind: RecordKind::Person,
                    id: uuid(&row.person_id),
                },
                label: "(person not available)".to_owned(),
                details: vec![],
                markers: vec![],
                photo: None,
                force: ForceCode(row.force_code.clone()),
                restricted: false,
            }
        }),
    )
}

/// Each prescription with when its next dose is due and its doses, latest first.
fn medication_views(
    row: &CustodyRow,
    f: &Folded<'_>,
    now: DateTime<Utc>,
    refs: &HashMap<String, UserRef>,
) -> Vec<MedicationView> {
    let doses = next_doses(row, f, now);
    doses
        .into_iter()
        .map(|(s, p, next_due)| MedicationView {
            id: uuid(&s.row.id),
            prescription: p.clone(),
            next_due,
            doses: f
                .doses
                .get(&uuid(&s.row.id))
                .map(|d| d.iter().rev().map(|x| entry_view(x, refs)).collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// Each right with its latest status.
fn right_views(entries: &[Stored]) -> Vec<RightView> {
    bluelamp_shared::custody::Right::ALL
        .into_iter()
        .map(|right| {
            let last = entries.iter().rev().find_map(|s| match &s.entry {
                CustodyEntry::Rights(e) if e.right == right => Some((e.status, utc(s.row.at))),
                _ => None,
            });
            RightView {
                right,
                status: last.map(|l| l.0),
                at: last.map(|l| l.1),
            }
        })
        .collect()
}

/// The representatives called, each with when they arrived.
fn representative_views(entries: &[Stored]) -> Vec<RepresentativeView> {
    let mut representatives: Vec<RepresentativeView> = Vec::new();
    for s in entries {
        if let CustodyEntry::Representative(e) = &s.entry {
            match e.of {
                Some(of) => {
                    if let Some(v) = representatives.iter_mut().find(|v| v.id == of) {
                        v.arrived_at = e.arrived_at.or(Some(utc(s.row.at)));
                    }
                }
                None => representatives.push(RepresentativeView {
                    id: uuid(&s.row.id),
                    role: e.role,
                    name: e.name.trim().to_owned(),
                    called_at: e.called_at,
                    arrived_at: e.arrived_at,
                }),
            }
        }
    }
    representatives
}

/// How the detainee was released: the disposal entry, or detention refused at booking in.
fn disposal_view(row: &CustodyRow, f: &Folded<'_>, refs: &HashMap<String, UserRef>) -> Option<DisposalView> {
    match (f.disposal, row.released_at) {
        (Some(s), Some(at)) => {
            let CustodyEntry::Disposal(d) = &s.entry else {
                unreachable!("fold keeps disposals only")
            };
            Some(DisposalView {
                outcome: Some(d.outcome),
                at: utc(at),
                by: actor(refs, &s.row.recorded_by),
                bail_date: d.bail_date,
                notes: d.notes.clone(),
            })
        }
        (None, Some(at)) => Some(DisposalView {
            outcome: None,
            at: utc(at),
            by: actor(refs, &row.decided_by),
            bail_date: None,
            notes: row.decision_reason.clone(),
        }),
        _ => None,
    }
}

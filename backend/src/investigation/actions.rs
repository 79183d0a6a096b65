//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::schema::{
    bank_holidays, crime_cancellations, crime_classifications, crime_log, crime_unknown_suspects, crimes,
    dash_questions, exhibit_movements, exhibits, incidents, links, objects, offences, outcome_types,
    reference_sequences, tasks, users, victim_update_rules, victims,
};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::links as link_service;
use crate::index::people as people_service;
use crate::index::records::{self, Object, Organisation};
use crate::index::reference::Reference;
use crate::investigation::queries::{CrimeRow, IncidentRow, TaskRow};
use crate::investigation::tasks as task_service;
use crate::investigation::victims as victim_service;
use crate::kernel::access::{self, Guarded, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::{ForceCode, UserId};
use bluelamp_shared::investigation::{
    self as inv, check_action, check_cancellation, check_crime, check_exhibit, check_incident, check_party,
    check_retail_theft, AddExhibitRequest, AddLogEntry, AddPartyRequest, AddPropertyRequest,
    CancellationDecision, CancellationDto, CancellationRequest, ClassificationDto, CloseIncidentRequest,
    CreateCrimeRequest, CrimeAction, CrimeDto, CrimeFacts, CrimeInput, CrimeQuery, CrimeState, CrimeSummary,
    ExhibitDto, ExhibitMovementDto, IncidentDto, IncidentInput, LogEntryDto, LogKind, MoveExhibitRequest,
    NcrsDecision, NoCrimeRequest, PartyDto, PartyRole, PersonChoice, PropertyDto, PropertyRole,
    ReclassifyRequest, RecordingClock, Refusal, RetailTheftRequest, TransitionRequest, UserRef,
};
use bluelamp_shared::links::CreateLinkRequest;
use bluelamp_shared::objects::{ObjectInput, ObjectKind};
use bluelamp_shared::records::{RecordKind, RecordMeta, RecordRef, Restriction};
use bluelamp_shared::reference::{DashQuestion, ModeOfTrial, Offence, OutcomeType};
use bluelamp_shared::tasks::TaskKind;
use bluelamp_shared::victims::{DeadlineRule, UpdateEvent};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

/// The module's reference data (a few dozen rows, read per request).
#[derive(Debug, Clone, Default)]
pub struct InvestigationRef {
    /// Offences by code.
    pub offences: HashMap<String, Offence>,
    /// Outcome types by code.
    pub outcomes: HashMap<String, OutcomeType>,
    /// DASH questions in force.
    pub dash_questions: Vec<DashQuestion>,
    /// Victims' Code deadline rules.
    pub rules: Vec<DeadlineRule>,
    /// Bank holidays.
    pub holidays: HashSet<NaiveDate>,
}

impl InvestigationRef {
    /// Reads it.
    pub fn load(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        let offences = offences::table
            .filter(offences::active.eq(true))
            .select((
                offences::code,
                offences::label,
                offences::legislation,
                offences::classification,
                offences::mode_of_trial,
                offences::cps_referral,
            ))
            .load::<(String, String, String, String, String, Option<String>)>(conn)?
            .into_iter()
            .map(|(code, label, legislation, classification, mode, cps_referral)| {
                let mode_of_trial = match mode.as_str() {
                    "summary" => ModeOfTrial::Summary,
                    "indictable" => ModeOfTrial::Indictable,
                    _ => ModeOfTrial::EitherWay,
                };
                (
                    code.clone(),
                    Offence {
                        code,
                        label,
                        legislation,
                        classification,
                        mode_of_trial,
                        cps_referral,
                    },
                )
            })
            .collect();
        let outcomes = outcome_types::table
            .filter(outcome_types::active.eq(true))
            .order(outcome_types::sort_order)
            .select((
                outcome_types::code,
                outcome_types::label,
                outcome_types::requires_suspect,
            ))
            .load::<(String, String, bool)>(conn)?
            .into_iter()
            .map(|(code, label, requires_suspect)| {
                (
                    code.clone(),
                    OutcomeType {
                        code,
                        label,
                        requires_suspect,
                    },
                )
            })
            .collect();
        let dash_questions = dash_questions::table
            .filter(dash_questions::active.eq(true))
            .order(dash_questions::number)
            .select((dash_questions::number, dash_questions::text))
            .load::<(i32, String)>(conn)?
            .into_iter()
            .map(|(n, text)| DashQuestion {
                number: n.max(0) as u32,
                text,
            })
            .collect();
        let rules = victim_update_rules::table
            .select((
                victim_update_rules::event,
                victim_update_rules::enhanced,
                victim_update_rules::working_days,
            ))
            .load::<(String, bool, i32)>(conn)?
            .into_iter()
            .filter_map(|(e, enhanced, d)| {
                Some(DeadlineRule {
                    event: UpdateEvent::parse(&e)?,
                    enhanced,
                    working_days: d.max(0) as u32,
                })
            })
            .collect();
        let holidays = bank_holidays::table
            .select(bank_holidays::day)
            .load::<NaiveDate>(conn)?
            .into_iter()
            .collect();
        Ok(Self {
            offences,
            outcomes,
            dash_questions,
            rules,
            holidays,
        })
    }

    /// Whether an outcome type needs an identified suspect (`None`: no such outcome type).
    pub fn requires_suspect(&self, code: &str) -> Option<bool> {
        self.outcomes.get(code).map(|o| o.requires_suspect)
    }

    /// The deadline for telling a victim of `event` on `on`, at the end of that working day (UTC).
    pub fn deadline(&self, event: UpdateEvent, enhanced: bool, on: NaiveDate) -> Option<NaiveDateTime> {
        let is_holiday = |d: NaiveDate| self.holidays.contains(&d);
        bluelamp_shared::victims::update_deadline(&self.rules, event, enhanced, on, &is_holiday)
            .and_then(|d| d.and_hms_opt(23, 59, 0))
    }
}

/// Names of users, by id.
pub fn user_refs(conn: &mut AnyConnection, ids: &[String]) -> Result<HashMap<String, UserRef>, ApiError> {
    let mut wanted: Vec<&String> = ids.iter().collect();
    wanted.sort();
    wanted.dedup();
    let rows: Vec<(String, String, String)> = users::table
        .filter(users::id.eq_any(wanted))
        .select((users::id, users::display_name, users::collar_number))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, collar_number)| {
            (
                id.clone(),
                UserRef {
                    id: UserId(id.parse().unwrap_or_default()),
                    display_name,
                    collar_number,
                },
            )
        })
        .collect())
}

/// One user's name (an unknown id shows as itself).
pub fn user_ref(refs: &HashMap<String, UserRef>, id: &str) -> UserRef {
    refs.get(id).cloned().unwrap_or_else(|| UserRef {
        id: UserId(id.parse().unwrap_or_default()),
        display_name: id.to_owned(),
        collar_number: String::new(),
    })
}

/// The next number of a per-force, per-year sequence (crime and incident references). The row lock
/// of the update serialises concurrent writers on PostgreSQL; SQLite has one writer. Numbers are
/// never reused: a rolled-back transaction gives its number back, a committed one keeps it forever.
pub(crate) fn next_number(
    conn: &mut AnyConnection,
    force: &str,
    kind: &str,
    year: i32,
) -> Result<i64, ApiError> {
    let key = reference_sequences::table
        .filter(reference_sequences::force_code.eq(force))
        .filter(reference_sequences::kind.eq(kind))
        .filter(reference_sequences::year.eq(year));
    let n = diesel::update(key)
        .set(reference_sequences::last_value.eq(reference_sequences::last_value + 1))
        .execute(conn)?;
    if n == 0 {
        // The first number of the year: insert in a savepoint, so that if another transaction
        // inserted it meanwhile (PostgreSQL waits for it, then reports the duplicate) this one can
        // still take the next number.
        let first = conn.transaction(|c| {
            diesel::insert_into(reference_sequences::table)
                .values((
                    reference_sequences::force_code.eq(force),
                    reference_sequences::kind.eq(kind),
                    reference_sequences::year.eq(year),
                    reference_sequences::last_value.eq(1i64),
                ))
                .execute(c)
        });
        match first {
            Ok(_) => return Ok(1),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                diesel::update(
                    reference_sequences::table
                        .filter(reference_sequences::force_code.eq(force))
                        .filter(reference_sequences::kind.eq(kind))
                        .filter(reference_sequences::year.eq(year)),
                )
                .set(reference_sequences::last_value.eq(reference_sequences::last_value + 1))
                .execute(conn)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(reference_sequences::table
        .filter(reference_sequences::force_code.eq(force))
        .filter(reference_sequences::kind.eq(kind))
        .filter(reference_sequences::year.eq(year))
        .select(reference_sequences::last_value)
        .first(conn)?)
}

fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc().trunc_subsecs(6)
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn tidy(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

fn sorted(mut errors: Vec<FieldError>) -> ApiError {
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    errors.dedup();
    ApiError::validation(errors)
}

/// The access facts of a crime.
pub fn guarded(row: &CrimeRow) -> Guarded<'_> {
    Guarded {
        kind: RecordKind::Event,
        id: &row.id,
        owner: &row.force_code,
        restricted: row.restricted,
        created_by: row.created_by.as_deref(),
    }
}

/// A crime the caller may see, or not found.
pub fn visible_crime(conn: &mut AnyConnection, vis: &Visibility, id: &str) -> Result<CrimeRow, ApiError> {
    let row = CrimeRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("crime"))?;
    if !vis.can_see(conn, &guarded(&row))? {
        return Err(ApiError::not_found("crime"));
    }
    Ok(row)
}

/// A crime the caller may add to (their force's, or shared with can-add), or an error.
pub fn addable_crime(conn: &mut AnyConnection, vis: &Visibility, id: &str) -> Result<CrimeRow, ApiError> {
    let row = visible_crime(conn, vis, id)?;
    if !vis.can_add(&row.force_code, RecordKind::Event) {
        return Err(ApiError::forbidden(
            "The sharing agreement does not let your force add to this crime",
        ));
    }
    if CrimeState::parse(&row.state) == Some(CrimeState::Cancelled) {
        return Err(ApiError::conflict(
            "This crime was cancelled: nothing more can be added",
        ));
    }
    Ok(row)
}

fn owned_crime(
    conn: &mut AnyConnection,
    vis: &Visibility,
    caller: &Caller,
    id: &str,
) -> Result<CrimeRow, ApiError> {
    let row = visible_crime(conn, vis, id)?;
    access::owner_only(
        caller,
        &row.force_code,
        format!(
            "Only {} can change this crime's details or workflow; your force may add to it",
            row.force_code
        ),
    )?;
    Ok(row)
}

/// The details of a crime row.
pub fn input_of(row: &CrimeRow, grantees: Vec<bluelamp_shared::records::Grantee>) -> CrimeInput {
    CrimeInput {
        incident_id: row.incident_id.as_deref().map(uuid),
        classification: row.classification.clone(),
        offence: row.offence.clone(),
        offence_from: row.offence_from.map(utc),
        offence_to: row.offence_to.map(utc),
        location_id: row.location_id.as_deref().map(uuid),
        modus_operandi: row.modus_operandi.clone(),
        hate_strands: list(&row.hate_strands),
        domestic_abuse: row.domestic_abuse,
        reported_at: Some(utc(row.reported_at)),
        restriction: Restriction {
            restricted: row.restricted,
            grantees,
        },
    }
}

fn state_of(row: &CrimeRow) -> CrimeState {
    CrimeState::parse(&row.state).unwrap_or(CrimeState::Draft)
}

/// Counts what the workflow needs to know about a crime's attachments.
fn facts(conn: &mut AnyConnection, row: &CrimeRow) -> Result<CrimeFacts, ApiError> {
    let victims: i64 = victims::table
        .filter(victims::crime_id.eq(&row.id))
        .count()
        .get_result(conn)?;
    let suspects: i64 = links::table
        .filter(links::from_id.eq(&row.id))
        .filter(links::reason.eq_any(["known_suspect", "offender"]))
        .count()
        .get_result(conn)?;
    Ok(CrimeFacts {
        victims: victims as u32,
        identified_suspects: suspects as u32,
        allocated: row.officer_in_charge.is_some() || row.unit.is_some(),
    })
}

/// Whether the caller may make `action` on this crime (besides the state allowing it).
fn may(caller: &Caller, row: &CrimeRow, action: CrimeAction, req: Option<&TransitionRequest>) -> bool {
    if !access::is_owner(caller, &row.force_code) {
        return false;
    }
    if caller.can(action.capability()) {
        return true;
    }
    let is_oic = row.officer_in_charge.as_deref() == Some(caller.user_id.as_str());
    match action {
        CrimeAction::StartInvestigation | CrimeAction::SubmitForReview => is_oic,
        // Self-allocation: whoever records crimes may take one on, or put it in a unit queue.
        CrimeAction::Allocate => {
            caller.can(Capability::RecordCrime)
                && req.is_none_or(|r| {
                    r.officer_in_charge
                        .is_none_or(|u| u.to_string() == caller.user_id)
                })
        }
        _ => false,
    }
}

fn clock(row: &CrimeRow) -> RecordingClock {
    RecordingClock::new(utc(row.reported_at), row.recorded_at.map(utc), Utc::now())
}

/// The full view of a crime.
pub fn crime_dto(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    reference: &Reference,
    ir: &InvestigationRef,
    today: NaiveDate,
    row: &CrimeRow,
) -> Result<CrimeDto, ApiError> {
    let grantees = access::grants_of(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    let views = link_service::views(conn, vis, reference, today, std::slice::from_ref(&row.id))?;
    let mut parties = Vec::new();
    let mut property = Vec::new();
    let mut exhibit_objects = HashMap::new();
    let mut location = None;
    let object_ids: Vec<String> = views
        .iter()
        .filter(|v| v.other.record.kind == RecordKind::Object)
        .map(|v| v.other.record.id.to_string())
        .collect();
    let values: HashMap<String, Option<i64>> = objects::table
        .filter(objects::id.eq_any(&object_ids))
        .select((objects::id, objects::value_pence))
        .load::<(String, Option<i64>)>(conn)?
        .into_iter()
        .collect();
    for v in views {
        if let Some(role) = PartyRole::from_link_reason(&v.reason) {
            parties.push(PartyDto {
                id: v.id,
                role,
                record: Some(v.other),
                description: None,
            });
        } else if let Some(role) = PropertyRole::from_link_reason(&v.reason) {
            property.push(PropertyDto {
                id: v.id,
                role,
                value_pence: values.get(&v.other.record.id.to_string()).copied().flatten(),
                object: v.other,
            });
        } else if v.reason == "exhibit" {
            exhibit_objects.insert(v.other.record.id.to_string(), v.other);
        } else if v.reason == "occurred_at"
            && row.location_id.as_deref() == Some(&v.other.record.id.to_string())
        {
            location = Some(v.other);
        }
    }
    let unknown: Vec<(String, String)> = crime_unknown_suspects::table
        .filter(crime_unknown_suspects::crime_id.eq(&row.id))
        .order(crime_unknown_suspects::created_at)
        .select((crime_unknown_suspects::id, crime_unknown_suspects::description))
        .load(conn)?;
    for (id, description) in unknown {
        parties.push(PartyDto {
            id: uuid(&id),
            role: PartyRole::Suspect,
            record: None,
            description: Some(description),
        });
    }
    let ex_rows: Vec<(String, String, String, String, NaiveDateTime, String, String)> = exhibits::table
        .filter(exhibits::crime_id.eq(&row.id))
        .order(exhibits::created_at)
        .select((
            exhibits::id,
            exhibits::object_id,
            exhibits::reference,
            exhibits::seized_by,
            exhibits::seized_at,
            exhibits::seized_from,
            exhibits::storage,
        ))
        .load(conn)?;
    let ex_ids: Vec<String> = ex_rows.iter().map(|r| r.0.clone()).collect();
    let moves: Vec<(String, String, String, String, NaiveDateTime)> = exhibit_movements::table
        .filter(exhibit_movements::exhibit_id.eq_any(&ex_ids))
        .order(exhibit_movements::moved_at)
        .select((
            exhibit_movements::exhibit_id,
            exhibit_movements::to_place,
            exhibit_movements::reason,
            exhibit_movements::moved_by,
            exhibit_movements::moved_at,
        ))
        .load(conn)?;
    let task_rows: Vec<TaskRow> = tasks::table
        .filter(tasks::crime_id.eq(&row.id))
        .order(tasks::created_at)
        .select(TaskRow::as_select())
        .load(conn)?;
    let log_rows: Vec<(String, String, String, String, NaiveDateTime)> = crime_log::table
        .filter(crime_log::crime_id.eq(&row.id))
        .order(crime_log::written_at)
        .select((
            crime_log::id,
            crime_log::kind,
            crime_log::text,
            crime_log::written_by,
            crime_log::written_at,
        ))
        .load(conn)?;
    let class_rows: Vec<(String, String, String, String, NaiveDateTime)> = crime_classifications::table
        .filter(crime_classifications::crime_id.eq(&row.id))
        .order(crime_classifications::changed_at)
        .select((
            crime_classifications::classification,
            crime_classifications::offence,
            crime_classifications::reason,
            crime_classifications::changed_by,
            crime_classifications::changed_at,
        ))
        .load(conn)?;
    let cancellations = cancellation_rows(conn, Some(vec![row.id.clone()]), None)?;
    let mut people: Vec<String> = moves.iter().map(|m| m.3.clone()).collect();
    people.extend(log_rows.iter().map(|l| l.3.clone()));
    people.extend(class_rows.iter().map(|c| c.3.clone()));
    people.extend(task_rows.iter().filter_map(|t| t.assignee.clone()));
    people.extend(task_rows.iter().filter_map(|t| t.created_by.clone()));
    people.extend(row.officer_in_charge.clone());
    let refs = user_refs(conn, &people)?;
    let exhibits = ex_rows
        .into_iter()
        .filter_map(
            |(id, object_id, reference, seized_by, seized_at, seized_from, storage)| {
                let object = exhibit_objects.get(&object_id)?.clone();
                Some(ExhibitDto {
                    movements: moves
                        .iter()
                        .filter(|m| m.0 == id)
                        .map(|m| ExhibitMovementDto {
                            to: m.1.clone(),
                            reason: m.2.clone(),
                            by: user_ref(&refs, &m.3),
                            at: utc(m.4),
                        })
                        .collect(),
                    id: uuid(&id),
                    reference,
                    object,
                    seized_by,
                    seized_at: utc(seized_at),
                    seized_from,
                    storage,
                })
            },
        )
        .collect();
    let state = state_of(row);
    let cancellations = cancellation_dtos(conn, cancellations)?;
    Ok(CrimeDto {
        id: uuid(&row.id),
        crn: row.crn.clone(),
        state,
        classification_label: row
            .classification
            .as_deref()
            .map(|c| reference.label(inv::vocab::HO_CLASSIFICATION, c)),
        offence_label: row.offence.as_deref().map(|o| {
            ir.offences
                .get(o)
                .map(|x| x.label.clone())
                .unwrap_or_else(|| o.to_owned())
        }),
        crime: input_of(row, grantees.clone()),
        location,
        clock: clock(row),
        officer_in_charge: row.officer_in_charge.as_deref().map(|u| user_ref(&refs, u)),
        unit: row.unit.clone(),
        proposed_outcome: row.proposed_outcome.clone(),
        outcome: row.outcome.clone(),
        finalised_at: row.finalised_at.map(utc),
        returned_comments: row.returned_comments.clone(),
        parties,
        property,
        exhibits,
        victims: victim_service::for_crime(conn, vis, reference, ir, today, row)?,
        tasks: task_rows.iter().map(|t| task_service::dto(t, &refs)).collect(),
        log: log_rows
            .into_iter()
            .map(|(id, kind, text, by, at)| LogEntryDto {
                id: uuid(&id),
                kind: if kind == "plan" {
                    LogKind::Plan
                } else {
                    LogKind::Log
                },
                text,
                by: user_ref(&refs, &by),
                at: utc(at),
            })
            .collect(),
        classifications: class_rows
            .into_iter()
            .map(|(classification, offence, reason, by, at)| ClassificationDto {
                classification,
                offence,
                reason,
                by: user_ref(&refs, &by),
                at: utc(at),
            })
            .collect(),
        cancellations,
        statements: crate::case::statements_of(conn, &row.id)?,
        unused_material: crate::case::unused_of(conn, &row.id)?,
        case_files: crate::case::files_of(conn, caller, row)?,
        actions: CrimeAction::from_state(state)
            .into_iter()
            .filter(|a| may(caller, row, *a, None))
            .collect(),
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: Restriction {
                restricted: row.restricted,
                grantees,
            },
            version: row.version,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        },
    })
}

type CancellationRow = (
    String,
    String,
    String,
    String,
    String,
    NaiveDateTime,
    Option<bool>,
    Option<String>,
    Option<String>,
    Option<NaiveDateTime>,
);

/// Cancellation requests of some crimes, or the pending ones of a force.
fn cancellation_rows(
    conn: &mut AnyConnection,
    crime_ids: Option<Vec<String>>,
    pending_of_force: Option<String>,
) -> Result<Vec<CancellationRow>, ApiError> {
    let mut q = crime_cancellations::table
        .order(crime_cancellations::requested_at)
        .select((
            crime_cancellations::id,
            crime_cancellations::crime_id,
            crime_cancellations::reason,
            crime_cancellations::additional_information,
            crime_cancellations::requested_by,
            crime_cancellations::requested_at,
            crime_cancellations::approved,
            crime_cancellations::comment,
            crime_cancellations::decided_by,
            crime_cancellations::decided_at,
        ))
        .into_boxed();
    if let Some(ids) = crime_ids {
        q = q.filter(crime_cancellations::crime_id.eq_any(ids));
    }
    if let Some(f) = pending_of_force {
        q = q
            .filter(crime_cancellations::force_code.eq(f))
            .filter(crime_cancellations::approved.is_null());
    }
    Ok(q.load(conn)?)
}

fn cancellation_dtos(
    conn: &mut AnyConnection,
    rows: Vec<CancellationRow>,
) -> Result<Vec<CancellationDto>, ApiError> {
    let mut people: Vec<String> = rows.iter().map(|r| r.4.clone()).collect();
    people.extend(rows.iter().filter_map(|r| r.8.clone()));
    let refs = user_refs(conn, &people)?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                crime_id,
                reason,
                additional_information,
                by,
                at,
                approved,
                comment,
                decided_by,
                decided_at,
            )| {
                CancellationDto {
                    id: uuid(&id),
                    crime_id: uuid(&crime_id),
                    request: CancellationRequest {
                        reason,
                        additional_information,
                    },
                    requested_by: user_ref(&refs, &by),
                    requested_at: utc(at),
                    approved,
                    comment,
                    decided_by: decided_by.as_deref().map(|u| user_ref(&refs, u)),
                    decided_at: decided_at.map(utc),
                }
            },
        )
        .collect())
}

fn check_codes(reference: &Reference, ir: &InvestigationRef, c: &CrimeInput, errors: &mut Vec<FieldError>) {
    reference.check(
        errors,
        "classification",
        inv::vocab::HO_CLASSIFICATION,
        c.classification.as_deref(),
    );
    if let Some(o) = tidy(&c.offence) {
        match ir.offences.get(&o) {
            None => errors.push(FieldError::new(
                "offence",
                "unknown_code",
                format!("`{o}` is not an offence"),
            )),
            Some(off) => {
                if let Some(cl) = tidy(&c.classification) {
                    if cl != off.classification {
                        errors.push(FieldError::new(
                            "classification",
                            "mismatch",
                            format!(
                                "{} counts under classification {}, not {cl}",
                                off.label, off.classification
                            ),
                        ));
                    }
                }
            }
        }
    }
    for (i, h) in c.hate_strands.iter().enumerate() {
        reference.check(
            errors,
            &format!("hate_strands.{i}"),
            inv::vocab::HATE_STRAND,
            Some(h),
        );
    }
}

fn check_location_id(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    id: Option<uuid::Uuid>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    if let Some(id) = id {
        let r = RecordRef {
            kind: RecordKind::Location,
            id,
        };
        if link_service::visible_record(conn, vis, reference, today, &r)?.is_none() {
            errors.push(FieldError::new(
                path,
                "not_found",
                "No such location is available to you",
            ));
        }
    }
    Ok(())
}

/// Links the crime to a record (once per reason and record).
fn link_from_crime(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime_id: &str,
    reason: &str,
    to: RecordRef,
) -> Result<uuid::Uuid, ApiError> {
    let existing: Option<String> = links::table
        .filter(links::from_id.eq(crime_id))
        .filter(links::to_id.eq(to.id.to_string()))
        .filter(links::reason.eq(reason))
        .select(links::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(uuid(&id));
    }
    let link = CreateLinkRequest {
        from: RecordRef {
            kind: RecordKind::Event,
            id: uuid(crime_id),
        },
        to,
        reason: reason.to_owned(),
        valid_from: None,
        valid_to: None,
        source: None,
    };
    Ok(link_service::create_in(conn, caller, &ctx.vis, &ctx.reference, today, &link)?.id)
}

fn log(
    conn: &mut AnyConnection,
    caller: &Caller,
    crime_id: &str,
    kind: LogKind,
    text: &str,
) -> Result<String, ApiError> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(crime_log::table)
        .values((
            crime_log::id.eq(&id),
            crime_log::crime_id.eq(crime_id),
            crime_log::kind.eq(match kind {
                LogKind::Plan => "plan",
                LogKind::Log => "log",
            }),
            crime_log::text.eq(text),
            crime_log::written_by.eq(&caller.user_id),
            crime_log::written_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Finalises a crime with outcome 1 (charged or summonsed) because a charge was recorded on its case
/// file (the prosecutor's charging decision, or the acceptance of a police-charged file). A crime
/// already finalised, cancelled or still a draft is left as it is; returns whether it changed.
pub(crate) fn finalise_charged(
    conn: &mut AnyConnection,
    caller: &Caller,
    row: &CrimeRow,
    urn: &str,
) -> Result<bool, ApiError> {
    let from = state_of(row);
    if matches!(
        from,
        CrimeState::Draft | CrimeState::Finalised | CrimeState::Cancelled
    ) {
        return Ok(false);
    }
    let at = now();
    let mut after = row.clone();
    after.state = CrimeState::Finalised.as_str().to_owned();
    after.state_since = at;
    after.outcome = Some("1".to_owned());
    after.proposed_outcome = None;
    after.finalised_at = Some(at);
    save(conn, row, &mut after)?;
    log(
        conn,
        caller,
        &row.id,
        LogKind::Log,
        &format!(
            "{} → {}: outcome 1 (charged or summonsed), the charge recorded on case file {urn}",
            from.label(),
            CrimeState::Finalised.label()
        ),
    )?;
    Ok(true)
}

/// Writes a changed crime if it is still at `before.version`; 412 with the current view if not.
fn save(conn: &mut AnyConnection, before: &CrimeRow, after: &mut CrimeRow) -> Result<(), ApiError> {
    after.version = before.version + 1;
    after.updated_at = now();
    let n = diesel::update(
        crimes::table
            .filter(crimes::id.eq(&before.id))
            .filter(crimes::version.eq(before.version)),
    )
    .set(&*after)
    .execute(conn)?;
    if n == 0 {
        return Err(ApiError::precondition_failed(crate::http::etag(
            before.version + 1,
        )));
    }
    Ok(())
}

/// Everything a handler needs to answer with a crime.
struct Ctx {
    vis: Visibility,
    reference: Reference,
    ir: InvestigationRef,
}

impl Ctx {
    fn load(conn: &mut AnyConnection, caller: &Caller) -> Result<Self, ApiError> {
        Ok(Self {
            vis: Visibility::load(conn, caller)?,
            reference: Reference::load(conn)?,
            ir: InvestigationRef::load(conn)?,
        })
    }

    fn view(
        &self,
        conn: &mut AnyConnection,
        caller: &Caller,
        today: NaiveDate,
        id: &str,
    ) -> Result<CrimeDto, ApiError> {
        let row = CrimeRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("crime"))?;
        crime_dto(conn, caller, &self.vis, &self.reference, &self.ir, today, &row)
    }
}

fn stale(conn: &mut AnyConnection, caller: &Caller, ctx: &Ctx, today: NaiveDate, row: &CrimeRow) -> ApiError {
    match crime_dto(conn, caller, &ctx.vis, &ctx.reference, &ctx.ir, today, row) {
        Ok(current) => ApiError::precondition_failed_with(crate::http::etag(row.version), &current),
        Err(e) => e,
    }
}

// ----------------------------------------------------------------------------------------------
// Incidents

fn incident_dto(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    row: &IncidentRow,
) -> Result<IncidentDto, ApiError> {
    let location = match &row.location_id {
        Some(l) => link_service::visible_record(
            conn,
            vis,
            reference,
            today,
            &RecordRef {
                kind: RecordKind::Location,
                id: uuid(l),
            },
        )?
        .map(|ix| ix.summary),
        None => None,
    };
    Ok(IncidentDto {
        id: uuid(&row.id),
        reference: row.reference.clone(),
        incident: IncidentInput {
            channel: row.channel.clone(),
            opening_category: row.opening_category.clone(),
            qualifiers: list(&row.qualifiers),
            summary: row.summary.clone(),
            reported_at: Some(utc(row.reported_at)),
            location_id: row.location_id.as_deref().map(uuid),
        },
        closing_category: row.closing_category.clone(),
        decision: match row.decision.as_deref() {
            Some("crime_recorded") => Some(NcrsDecision::CrimeRecorded),
            Some("no_crime") => Some(NcrsDecision::NoCrime),
            _ => None,
        },
        no_crime_rationale: row.no_crime_rationale.clone(),
        crime_id: row.crime_id.as_deref().map(uuid),
        clock: RecordingClock::new(utc(row.reported_at), row.decided_at.map(utc), Utc::now()),
        location,
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: Restriction::default(),
            version: row.version,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        },
    })
}

fn find_incident(conn: &mut AnyConnection, caller: &Caller, id: &str) -> Result<IncidentRow, ApiError> {
    let row: IncidentRow = incidents::table
        .find(id)
        .select(IncidentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("incident"))?;
    // Incidents are the force's own operational records.
    access::own_record(caller, &row.force_code, "incident")?;
    Ok(row)
}

/// Opens an incident (idempotent with a key).
pub async fn open_incident(
    db: &Db,
    caller: &Caller,
    input: IncidentInput,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<IncidentDto>, ApiError> {
    let hash = idempotency::request_hash(&input);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let mut errors = check_incident(&input, Utc::now());
        reference.check(
            &mut errors,
            "channel",
            inv::vocab::INCIDENT_CHANNEL,
            Some(&input.channel),
        );
        reference.check(
            &mut errors,
            "opening_category",
            inv::vocab::INCIDENT_OPENING,
            Some(&input.opening_category),
        );
        for (i, q) in input.qualifiers.iter().enumerate() {
            reference.check(
                &mut errors,
                &format!("qualifiers.{i}"),
                inv::vocab::INCIDENT_QUALIFIER,
                Some(q),
            );
        }
        check_location_id(
            conn,
            &vis,
            &reference,
            today,
            input.location_id,
            "location_id",
            &mut errors,
        )?;
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let at = now();
            let reported = input.reported_at.map(naive).unwrap_or(at);
            let n = next_number(conn, &c.force_code, "incident", reported.year())?;
            let row = IncidentRow {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: c.force_code.clone(),
                reference: format!("{}-INC-{}-{n:06}", c.force_code, reported.year()),
                channel: input.channel.trim().to_owned(),
                opening_category: input.opening_category.trim().to_owned(),
                qualifiers: input.qualifiers.join(","),
                summary: input.summary.trim().to_owned(),
                reported_at: reported,
                location_id: input.location_id.map(|l| l.to_string()),
                closing_category: None,
                decision: None,
                decided_at: None,
                no_crime_rationale: None,
                crime_id: None,
                created_by: Some(c.user_id.clone()),
                created_at: at,
                updated_at: at,
                version: 1,
            };
            diesel::insert_into(incidents::table).values(&row).execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c).owned_record("incident", &row.id, &row.force_code),
            )?;
            incident_dto(conn, &vis, &reference, today, &row)
        })
    })
    .await
}

/// The force's incidents still waiting for the recording decision, due first.
pub async fn undecided_incidents(
    db: &Db,
    caller: &Caller,
    today: NaiveDate,
) -> Result<Vec<IncidentDto>, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let rows: Vec<IncidentRow> = incidents::table
            .filter(incidents::force_code.eq(&c.force_code))
            .filter(incidents::decided_at.is_null())
            .order(incidents::reported_at)
            .limit(100)
            .select(IncidentRow::as_select())
            .load(conn)?;
        rows.iter()
            .map(|r| incident_dto(conn, &vis, &reference, today, r))
            .collect()
    })
    .await
}

/// One incident (audited).
pub async fn get_incident(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_incident(conn, &c, &id.to_string())?;
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c).owned_record("incident", &row.id, &row.force_code),
        )?;
        incident_dto(conn, &vis, &reference, today, &row)
    })
    .await
}

/// Audits a change to an incident and answers the incident as it is now.
fn incident_changed(
    conn: &mut AnyConnection,
    caller: &Caller,
    before: &IncidentRow,
    detail: String,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("incident", &before.id, &before.force_code)
            .detail(detail),
    )?;
    let row = find_incident(conn, caller, &before.id)?;
    let reference = Reference::load(conn)?;
    let vis = Visibility::load(conn, caller)?;
    incident_dto(conn, &vis, &reference, today, &row)
}

/// Records the decision not to record a crime, with its rationale.
pub async fn no_crime(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: NoCrimeRequest,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_incident(conn, &c, &id.to_string())?;
        if row.decision.is_some() {
            return Err(ApiError::conflict(
                "The recording decision on this incident has already been made",
            ));
        }
        if req.rationale.trim().chars().count() < inv::MIN_RATIONALE_CHARS {
            return Err(ApiError::validation(vec![FieldError::new(
                "rationale",
                "too_short",
                format!(
                    "Explain why no crime is recorded in at least {} characters",
                    inv::MIN_RATIONALE_CHARS
                ),
            )]));
        }
        let at = now();
        diesel::update(incidents::table.find(&row.id))
            .set((
                incidents::decision.eq("no_crime"),
                incidents::decided_at.eq(at),
                incidents::no_crime_rationale.eq(req.rationale.trim()),
                incidents::updated_at.eq(at),
                incidents::version.eq(row.version + 1),
            ))
            .execute(conn)?;
        incident_changed(conn, &c, &row, "no crime recorded".to_owned(), today)
    })
    .await
}

/// Closes an incident with its closing category.
pub async fn close_incident(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CloseIncidentRequest,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_incident(conn, &c, &id.to_string())?;
        let reference = Reference::load(conn)?;
        let mut errors = Vec::new();
        if req.closing_category.trim().is_empty() {
            errors.push(FieldError::new(
                "closing_category",
                "required",
                "Choose the closing category",
            ));
        }
        reference.check(
            &mut errors,
            "closing_category",
            inv::vocab::INCIDENT_CLOSING,
            Some(&req.closing_category),
        );
        if req.closing_category == "crime_recorded" && row.decision.as_deref() != Some("crime_recorded") {
            errors.push(FieldError::new(
                "closing_category",
                "no_crime_recorded",
                "No crime has been recorded from this incident",
            ));
        }
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        let at = now();
        diesel::update(incidents::table.find(&row.id))
            .set((
                incidents::closing_category.eq(req.closing_category.trim()),
                incidents::updated_at.eq(at),
                incidents::version.eq(row.version + 1),
            ))
            .execute(conn)?;
        incident_changed(
            conn,
            &c,
            &row,
            format!("closed: {}", req.closing_category.trim()),
            today,
        )
    })
    .await
}

// ----------------------------------------------------------------------------------------------
// Crimes

/// Checks crime details and writes them into `row` (shared by create and update).
fn apply_details(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    row: &mut CrimeRow,
    input: &CrimeInput,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    errors.extend(check_crime(input, Utc::now()));
    check_codes(&ctx.reference, &ctx.ir, input, errors);
    check_location_id(
        conn,
        &ctx.vis,
        &ctx.reference,
        today,
        input.location_id,
        "location_id",
        errors,
    )?;
    let recorded = state_of(row) != CrimeState::Draft;
    if recorded && (tidy(&input.classification) != row.classification || tidy(&input.offence) != row.offence)
    {
        errors.push(FieldError::new(
            "classification",
            "use_reclassification",
            "A recorded crime is reclassified with a reason (POST /crimes/{id}/reclassifications), so its history is kept",
        ));
    }
    if input.restriction.restricted != row.restricted && !access::is_owner(caller, &row.force_code) {
        errors.push(FieldError::new(
            "restriction",
            "owner_only",
            "Only the owning force can restrict a crime",
        ));
    }
    row.classification = tidy(&input.classification);
    row.offence = tidy(&input.offence);
    if row.classification.is_none() {
        row.classification = row
            .offence
            .as_deref()
            .and_then(|o| ctx.ir.offences.get(o))
            .map(|o| o.classification.clone());
    }
    row.offence_from = input.offence_from.map(naive);
    row.offence_to = input.offence_to.map(naive).or(row.offence_from);
    row.location_id = input.location_id.map(|l| l.to_string());
    row.modus_operandi = input.modus_operandi.trim().to_owned();
    row.hate_strands = input.hate_strands.join(",");
    row.domestic_abuse = input.domestic_abuse;
    row.restricted = input.restriction.restricted;
    if let Some(r) = input.reported_at {
        if row.incident_id.is_none() && !recorded {
            row.reported_at = naive(r);
        }
    }
    Ok(())
}

fn new_crime_row(caller: &Caller, reported_at: NaiveDateTime) -> CrimeRow {
    let at = now();
    CrimeRow {
        id: uuid::Uuid::new_v4().to_string(),
        force_code: caller.force_code.clone(),
        restricted: false,
        crn: None,
        state: CrimeState::Draft.as_str().to_owned(),
        incident_id: None,
        classification: None,
        offence: None,
        offence_from: None,
        offence_to: None,
        location_id: None,
        modus_operandi: String::new(),
        hate_strands: String::new(),
        domestic_abuse: false,
        reported_at,
        recorded_at: None,
        officer_in_charge: None,
        unit: None,
        proposed_outcome: None,
        outcome: None,
        finalised_at: None,
        returned_comments: None,
        state_since: at,
        created_by: Some(caller.user_id.clone()),
        created_at: at,
        updated_at: at,
        version: 1,
    }
}

/// What follows writing a crime's details: its grants, the link to the scene, the audit row.
fn details_saved(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    row: &CrimeRow,
    restriction: &Restriction,
    action: AuditAction,
) -> Result<(), ApiError> {
    access::set_grants(conn, RecordKind::Event, &row.id, restriction)?;
    if let Some(l) = &row.location_id {
        let to = RecordRef {
            kind: RecordKind::Location,
            id: uuid(l),
        };
        link_from_crime(conn, caller, ctx, today, &row.id, "occurred_at", to)?;
    }
    audit::append(
        conn,
        action,
        Entry::by(caller).owned_record("crime", &row.id, &row.force_code),
    )
}

/// Starts a crime as a draft (from an incident, or on its own). Idempotent with a key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateCrimeRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<CrimeDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let mut errors = Vec::new();
            let mut row = new_crime_row(&c, now());
            if let Some(inc) = req.crime.incident_id {
                match find_incident(conn, &c, &inc.to_string()) {
                    Ok(i) if i.decision.is_some() => errors.push(FieldError::new(
                        "incident_id",
                        "decided",
                        "The recording decision on this incident has already been made",
                    )),
                    Ok(i) => {
                        row.incident_id = Some(i.id);
                        row.reported_at = i.reported_at;
                        if req.crime.location_id.is_none() {
                            row.location_id = i.location_id;
                        }
                    }
                    Err(_) => errors.push(FieldError::new(
                        "incident_id",
                        "not_found",
                        "No such incident of your force",
                    )),
                }
            }
            let mut input = req.crime.clone();
            if input.location_id.is_none() {
                input.location_id = row.location_id.as_deref().map(uuid);
            }
            apply_details(conn, &c, &ctx, today, &mut row, &input, &mut errors)?;
            if !errors.is_empty() {
                return Err(sorted(errors));
            }
            diesel::insert_into(crimes::table).values(&row).execute(conn)?;
            details_saved(
                conn,
                &c,
                &ctx,
                today,
                &row,
                &input.restriction,
                AuditAction::Create,
            )?;
            ctx.view(conn, &c, today, &row.id)
        })
    })
    .await
}

/// A crime with everything attached (audited; a restricted crime needs a purpose).
pub async fn get(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let row = visible_crime(conn, &ctx.vis, &id.to_string())?;
        let purpose = access::require_purpose(row.restricted, purpose)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .owned_record("crime", &row.id, &row.force_code)
                .purpose(purpose.as_deref()),
        )?;
        crime_dto(conn, &c, &ctx.vis, &ctx.reference, &ctx.ir, today, &row)
    })
    .await
}

/// Replaces a crime's details if it is still at `version`.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: i64,
    input: CrimeInput,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let before = owned_crime(conn, &ctx.vis, &c, &id.to_string())?;
        if before.version != version {
            return Err(stale(conn, &c, &ctx, today, &before));
        }
        if !state_of(&before).is_open() {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "A {} crime cannot be edited{}",
                    state_of(&before).label().to_lowercase(),
                    if state_of(&before) == CrimeState::Finalised {
                        ": reopen it first"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let mut after = before.clone();
        let mut errors = Vec::new();
        apply_details(conn, &c, &ctx, today, &mut after, &input, &mut errors)?;
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        save(conn, &before, &mut after)?;
        details_saved(
            conn,
            &c,
            &ctx,
            today,
            &after,
            &input.restriction,
            AuditAction::Update,
        )?;
        ctx.view(conn, &c, today, &after.id)
    })
    .await
}

/// The force's crime queue, filtered; the review queue is `state=awaiting_review`.
pub async fn queue(db: &Db, caller: &Caller, q: CrimeQuery) -> Result<Vec<CrimeSummary>, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let ir = InvestigationRef::load(conn)?;
        let limit = i64::from(q.limit.unwrap_or(50).clamp(1, 100));
        let mut query = crimes::table
            .filter(crimes::force_code.eq(c.force_code.clone()))
            .order(crimes::state_since)
            .limit(limit)
            .select(CrimeRow::as_select())
            .into_boxed();
        if let Some(s) = q.state {
            query = query.filter(crimes::state.eq(s.as_str()));
        }
        if let Some(u) = q.unit.clone() {
            query = query.filter(crimes::unit.eq(u));
        }
        if q.mine == Some(true) {
            query = query.filter(crimes::officer_in_charge.eq(c.user_id.clone()));
        }
        let rows: Vec<CrimeRow> = query.load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let guards: Vec<Guarded<'_>> = rows.iter().map(guarded).collect();
        let visible = vis.visible_ids(conn, &guards)?;
        let oics: Vec<String> = rows.iter().filter_map(|r| r.officer_in_charge.clone()).collect();
        let refs = user_refs(conn, &oics)?;
        Ok(rows
            .iter()
            .filter(|r| visible.contains(&r.id))
            .map(|r| CrimeSummary {
                id: uuid(&r.id),
                crn: r.crn.clone(),
                state: state_of(r),
                offence_label: r.offence.as_deref().map(|o| {
                    ir.offences
                        .get(o)
                        .map(|x| x.label.clone())
                        .unwrap_or_else(|| o.to_owned())
                }),
                officer_in_charge: r.officer_in_charge.as_deref().map(|u| user_ref(&refs, u)),
                unit: r.unit.clone(),
                clock: clock(r),
                force: ForceCode(r.force_code.clone()),
                proposed_outcome: r.proposed_outcome.clone(),
                state_since: utc(r.state_since),
            })
            .collect())
    })
    .await
}

/// Makes a workflow move inside the caller's transaction, after every check; returns the new row.
fn apply_action(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    before: &CrimeRow,
    mut req: TransitionRequest,
) -> Result<CrimeRow, ApiError> {
    let from = state_of(before);
    let f = facts(conn, before)?;
    if req.action == Some(CrimeAction::Approve) && tidy(&req.outcome).is_none() {
        req.outcome = before.proposed_outcome.clone();
    }
    let input = input_of(before, vec![]);
    let to = match check_action(from, &req, &input, &f, |o| ctx.ir.requires_suspect(o)) {
        Ok(to) => to,
        Err(Refusal::NotAMove {
            from,
            action,
            allowed,
        }) => {
            let allowed: Vec<&str> = allowed.iter().map(|a| a.as_str()).collect();
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "A crime that is {} cannot `{}`; from here the moves are: {}",
                    from.label().to_lowercase(),
                    action.as_str(),
                    if allowed.is_empty() {
                        "none".to_owned()
                    } else {
                        allowed.join(", ")
                    }
                ),
            ));
        }
        Err(Refusal::Missing(errors)) => return Err(sorted(errors)),
    };
    let action = req.action.unwrap_or(CrimeAction::Record);
    if !may(caller, before, action, Some(&req)) {
        return Err(ApiError::forbidden(format!(
            "Your roles do not allow `{}` on this crime{}",
            action.as_str(),
            if action == CrimeAction::Allocate {
                " (you may allocate a crime to yourself or to a unit queue; allocating to someone else needs a supervisor)"
            } else {
                ""
            }
        )));
    }
    let at = now();
    let mut after = before.clone();
    after.state = to.as_str().to_owned();
    after.state_since = at;
    let note = tidy(&req.comments);
    let mut log_text = format!("{} → {}", from.label(), to.label());
    match action {
        CrimeAction::Record => {
            let n = next_number(conn, &before.force_code, "crime", at.year())?;
            after.crn = Some(format!("{}/{:02}/{n:06}", before.force_code, at.year() % 100));
            after.recorded_at = Some(at);
            if let Some(inc) = &before.incident_id {
                diesel::update(incidents::table.find(inc))
                    .set((
                        incidents::decision.eq("crime_recorded"),
                        incidents::decided_at.eq(at),
                        incidents::crime_id.eq(&before.id),
                        incidents::updated_at.eq(at),
                        incidents::version.eq(incidents::version + 1),
                    ))
                    .execute(conn)?;
            }
            diesel::insert_into(crime_classifications::table)
                .values((
                    crime_classifications::id.eq(uuid::Uuid::new_v4().to_string()),
                    crime_classifications::crime_id.eq(&before.id),
                    crime_classifications::classification
                        .eq(before.classification.clone().unwrap_or_default()),
                    crime_classifications::offence.eq(before.offence.clone().unwrap_or_default()),
                    crime_classifications::reason.eq(""),
                    crime_classifications::changed_by.eq(&caller.user_id),
                    crime_classifications::changed_at.eq(at),
                ))
                .execute(conn)?;
            log_text = format!("Crime recorded as {}", after.crn.clone().unwrap_or_default());
        }
        CrimeAction::Allocate => {
            if let Some(u) = req.officer_in_charge {
                let ok: i64 = users::table
                    .filter(users::id.eq(u.to_string()))
                    .filter(users::force_code.eq(&before.force_code))
                    .filter(users::active.eq(true))
                    .count()
                    .get_result(conn)?;
                if ok == 0 {
                    return Err(ApiError::validation(vec![FieldError::new(
                        "officer_in_charge",
                        "not_found",
                        "No active officer of the crime's force has that id",
                    )]));
                }
            }
            if let Some(unit) = tidy(&req.unit) {
                let mut e = Vec::new();
                ctx.reference.check(&mut e, "unit", inv::vocab::UNIT, Some(&unit));
                if !e.is_empty() {
                    return Err(ApiError::validation(e));
                }
            }
            after.officer_in_charge = req.officer_in_charge.map(|u| u.to_string());
            after.unit = tidy(&req.unit);
            let refs = user_refs(conn, &after.officer_in_charge.iter().cloned().collect::<Vec<_>>())?;
            log_text = format!(
                "Allocated to {}",
                match (&after.officer_in_charge, &after.unit) {
                    (Some(u), Some(q)) => format!(
                        "{} ({})",
                        user_ref(&refs, u).display_name,
                        ctx.reference.label(inv::vocab::UNIT, q)
                    ),
                    (Some(u), None) => user_ref(&refs, u).display_name,
                    (None, Some(q)) => ctx.reference.label(inv::vocab::UNIT, q),
                    (None, None) => String::new(),
                }
            );
        }
        CrimeAction::StartInvestigation => {}
        CrimeAction::SubmitForReview => {
            after.proposed_outcome = tidy(&req.outcome);
            after.returned_comments = None;
            log_text = format!(
                "Submitted for review proposing outcome {}",
                after.proposed_outcome.clone().unwrap_or_default()
            );
        }
        CrimeAction::Approve => {
            after.outcome = tidy(&req.outcome);
            after.finalised_at = Some(at);
            log_text = format!(
                "Approved and finalised: outcome {}",
                after.outcome.clone().unwrap_or_default()
            );
        }
        CrimeAction::Return => {
            after.returned_comments = note.clone();
            after.proposed_outcome = None;
            let assignee = before.officer_in_charge.clone();
            for line in inv::comments_to_tasks(req.comments.as_deref()) {
                task_service::insert(
                    conn,
                    caller,
                    before,
                    TaskKind::ReviewReturn,
                    &line,
                    "Asked for on supervisor review",
                    assignee.clone(),
                    Some(at + chrono::Duration::days(7)),
                    None,
                )?;
            }
            log_text = "Returned from review".to_owned();
        }
        CrimeAction::Reopen => {
            after.outcome = None;
            after.finalised_at = None;
            after.proposed_outcome = None;
            log_text = format!("Reopened: {}", tidy(&req.reason).unwrap_or_default());
        }
    }
    save(conn, before, &mut after)?;
    if let Some(n) = note.filter(|_| action != CrimeAction::Return) {
        log_text = format!("{log_text}. {n}");
    }
    log(conn, caller, &before.id, LogKind::Log, &log_text)?;
    match action {
        CrimeAction::Record => {
            victim_service::deadline_tasks(conn, caller, &ctx.ir, &after, UpdateEvent::Recorded, today, None)?
        }
        CrimeAction::Approve => {
            victim_service::deadline_tasks(conn, caller, &ctx.ir, &after, UpdateEvent::Outcome, today, None)?
        }
        _ => {}
    }
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("crime", &before.id, &before.force_code)
            .detail(format!(
                "{}: {} → {}",
                action.as_str(),
                from.as_str(),
                to.as_str()
            )),
    )?;
    Ok(after)
}

/// Makes a workflow move if the crime is still at `version`.
pub async fn transition(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: i64,
    req: TransitionRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let before = owned_crime(conn, &ctx.vis, &c, &id.to_string())?;
        if before.version != version {
            return Err(stale(conn, &c, &ctx, today, &before));
        }
        let after = apply_action(conn, &c, &ctx, today, &before, req)?;
        ctx.view(conn, &c, today, &after.id)
    })
    .await
}

// ----------------------------------------------------------------------------------------------
// Attachments

/// Resolves a party to a record of the index, creating it if new. Returns the record and its owner.
fn resolve_party(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    req: &AddPartyRequest,
    prefix: &str,
) -> Result<Option<RecordRef>, ApiError> {
    let found = |conn: &mut AnyConnection,
                 kind: RecordKind,
                 id: uuid::Uuid,
                 path: &str|
     -> Result<RecordRef, ApiError> {
        let r = RecordRef { kind, id };
        match link_service::visible_record(conn, &ctx.vis, &ctx.reference, today, &r)? {
            Some(ix) if !ix.merged => Ok(r),
            Some(_) => Err(ApiError::validation(vec![FieldError::new(
                format!("{prefix}{path}"),
                "merged",
                "This record was merged into another: use the surviving record",
            )])),
            None => Err(ApiError::validation(vec![FieldError::new(
                format!("{prefix}{path}"),
                "not_found",
                "No such record is available to you",
            )])),
        }
    };
    if let Some(id) = req.person_id {
        return found(conn, RecordKind::Person, id, "person_id").map(Some);
    }
    if let Some(id) = req.organisation_id {
        return found(conn, RecordKind::Organisation, id, "organisation_id").map(Some);
    }
    if let Some(p) = &req.new_person {
        let row = people_service::create_in(conn, caller, &ctx.vis, &ctx.reference, today, p)
            .map_err(|e| people_service::prefix_errors(e, &format!("{prefix}new_person")))?;
        return Ok(Some(RecordRef {
            kind: RecordKind::Person,
            id: uuid(&row.id),
        }));
    }
    if let Some(o) = &req.new_organisation {
        let id = records::insert_checked::<Organisation>(
            conn,
            caller,
            &ctx.reference,
            o,
            &format!("{prefix}new_organisation"),
        )?;
        return Ok(Some(RecordRef {
            kind: RecordKind::Organisation,
            id,
        }));
    }
    Ok(None)
}

/// Attaches a party inside the caller's transaction.
fn add_party_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime: &CrimeRow,
    req: &AddPartyRequest,
    prefix: &str,
) -> Result<(), ApiError> {
    let errors = check_party(req);
    if !errors.is_empty() {
        return Err(sorted(
            errors
                .into_iter()
                .map(|e| FieldError {
                    path: format!("{prefix}{}", e.path),
                    ..e
                })
                .collect(),
        ));
    }
    match resolve_party(conn, caller, ctx, today, req, prefix)? {
        None => {
            let description = tidy(&req.description).unwrap_or_default();
            diesel::insert_into(crime_unknown_suspects::table)
                .values((
                    crime_unknown_suspects::id.eq(uuid::Uuid::new_v4().to_string()),
                    crime_unknown_suspects::crime_id.eq(&crime.id),
                    crime_unknown_suspects::description.eq(description),
                    crime_unknown_suspects::created_by.eq(&caller.user_id),
                    crime_unknown_suspects::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Some(r) => {
            let reason = if r.kind == RecordKind::Organisation {
                "victim_organisation"
            } else {
                req.role.person_link_reason()
            };
            let exists: i64 = links::table
                .filter(links::from_id.eq(&crime.id))
                .filter(links::to_id.eq(r.id.to_string()))
                .filter(links::reason.eq(reason))
                .count()
                .get_result(conn)?;
            if exists > 0 {
                return Err(ApiError::conflict(
                    "This party is already on the crime in that role",
                ));
            }
            link_from_crime(conn, caller, ctx, today, &crime.id, reason, r)?;
            if req.role == PartyRole::Victim {
                let victim_id = victim_service::insert(conn, crime, r)?;
                if state_of(crime) != CrimeState::Draft {
                    victim_service::deadline_tasks(
                        conn,
                        caller,
                        &ctx.ir,
                        crime,
                        UpdateEvent::Recorded,
                        today,
                        Some(&victim_id),
                    )?;
                }
            }
        }
    }
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("crime", &crime.id, &crime.force_code)
            .detail(format!("party added: {:?}", req.role)),
    )?;
    Ok(())
}

fn touch(conn: &mut AnyConnection, crime: &CrimeRow) -> Result<(), ApiError> {
    diesel::update(crimes::table.find(&crime.id))
        .set((
            crimes::updated_at.eq(now()),
            crimes::version.eq(crimes::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Attaches a victim, witness, suspect, offender or person reporting.
pub async fn add_party(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddPartyRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime = addable_crime(conn, &ctx.vis, &id.to_string())?;
        add_party_in(conn, &c, &ctx, today, &crime, &req, "")?;
        touch(conn, &crime)?;
        ctx.view(conn, &c, today, &crime.id)
    })
    .await
}

fn resolve_object(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    object_id: Option<uuid::Uuid>,
    new_object: Option<&ObjectInput>,
    prefix: &str,
) -> Result<RecordRef, ApiError> {
    match (object_id, new_object) {
        (Some(id), None) => {
            let r = RecordRef {
                kind: RecordKind::Object,
                id,
            };
            if link_service::visible_record(conn, &ctx.vis, &ctx.reference, today, &r)?.is_none() {
                return Err(ApiError::validation(vec![FieldError::new(
                    format!("{prefix}object_id"),
                    "not_found",
                    "No such object is available to you",
                )]));
            }
            Ok(r)
        }
        (None, Some(o)) => Ok(RecordRef {
            kind: RecordKind::Object,
            id: records::insert_checked::<Object>(
                conn,
                caller,
                &ctx.reference,
                o,
                &format!("{prefix}new_object"),
            )?,
        }),
        _ => Err(ApiError::validation(vec![FieldError::new(
            format!("{prefix}object_id"),
            "one_of",
            "Give an existing object or describe a new one",
        )])),
    }
}

/// Attaches stolen or damaged property or a vehicle.
pub async fn add_property(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddPropertyRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime = addable_crime(conn, &ctx.vis, &id.to_string())?;
        let r = resolve_object(conn, &c, &ctx, today, req.object_id, req.new_object.as_ref(), "")?;
        link_from_crime(conn, &c, &ctx, today, &crime.id, req.role.link_reason(), r)?;
        touch(conn, &crime)?;
        ctx.view(conn, &c, today, &crime.id)
    })
    .await
}

fn add_exhibit_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime: &CrimeRow,
    req: &AddExhibitRequest,
    prefix: &str,
) -> Result<(), ApiError> {
    let errors = check_exhibit(req, Utc::now());
    if !errors.is_empty() {
        return Err(sorted(
            errors
                .into_iter()
                .map(|e| FieldError {
                    path: format!("{prefix}{}", e.path),
                    ..e
                })
                .collect(),
        ));
    }
    let taken: i64 = exhibits::table
        .filter(exhibits::crime_id.eq(&crime.id))
        .filter(exhibits::reference.eq(req.reference.trim()))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::validation(vec![FieldError::new(
            format!("{prefix}reference"),
            "taken",
            "This crime already has an exhibit with that reference",
        )]));
    }
    let r = resolve_object(
        conn,
        caller,
        ctx,
        today,
        req.object_id,
        req.new_object.as_ref(),
        prefix,
    )?;
    link_from_crime(conn, caller, ctx, today, &crime.id, "exhibit", r)?;
    let seized_by = match tidy(&req.seized_by) {
        Some(s) => s,
        None => {
            let refs = user_refs(conn, std::slice::from_ref(&caller.user_id))?;
            let me = user_ref(&refs, &caller.user_id);
            format!("{} ({})", me.display_name, me.collar_number)
        }
    };
    diesel::insert_into(exhibits::table)
        .values((
            exhibits::id.eq(uuid::Uuid::new_v4().to_string()),
            exhibits::crime_id.eq(&crime.id),
            exhibits::object_id.eq(r.id.to_string()),
            exhibits::reference.eq(req.reference.trim()),
            exhibits::seized_by.eq(seized_by),
            exhibits::seized_at.eq(req.seized_at.map(naive).unwrap_or_else(now)),
            exhibits::seized_from.eq(req.seized_from.trim()),
            exhibits::storage.eq(req.storage.trim()),
            exhibits::created_by.eq(&caller.user_id),
            exhibits::created_at.eq(now()),
        ))
        .execute(conn)?;
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("crime", &crime.id, &crime.force_code)
            .detail(format!("exhibit seized: {}", req.reference.trim())),
    )?;
    Ok(())
}

/// Records a seized exhibit.
pub async fn add_exhibit(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddExhibitRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime = addable_crime(conn, &ctx.vis, &id.to_string())?;
        add_exhibit_in(conn, &c, &ctx, today, &crime, &req, "")?;
        touch(conn, &crime)?;
        ctx.view(conn, &c, today, &crime.id)
    })
    .await
}

/// Records a move of an exhibit (continuity).
pub async fn move_exhibit(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: MoveExhibitRequest,
    today: NaiveDate,
) -> Result<ExhibitDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime_id: String = exhibits::table
            .find(id.to_string())
            .select(exhibits::crime_id)
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("exhibit"))?;
        let crime = addable_crime(conn, &ctx.vis, &crime_id).map_err(|e| match e {
            ApiError::Problem(p) if p.code == ErrorCode::NotFound => ApiError::not_found("exhibit"),
            other => other,
        })?;
        let mut errors = Vec::new();
        if req.to.trim().is_empty() {
            errors.push(FieldError::new(
                "to",
                "required",
                "Say where it went or who now holds it",
            ));
        }
        if req.reason.trim().is_empty() {
            errors.push(FieldError::new("reason", "required", "Say why it moved"));
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let at = now();
        diesel::insert_into(exhibit_movements::table)
            .values((
                exhibit_movements::id.eq(uuid::Uuid::new_v4().to_string()),
                exhibit_movements::exhibit_id.eq(id.to_string()),
                exhibit_movements::to_place.eq(req.to.trim()),
                exhibit_movements::reason.eq(req.reason.trim()),
                exhibit_movements::moved_by.eq(&c.user_id),
                exhibit_movements::moved_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(exhibits::table.find(id.to_string()))
            .set(exhibits::storage.eq(req.to.trim()))
            .execute(conn)?;
        touch(conn, &crime)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!("exhibit moved to {}", req.to.trim())),
        )?;
        let dto = ctx.view(conn, &c, today, &crime.id)?;
        dto.exhibits
            .into_iter()
            .find(|x| x.id == id)
            .ok_or_else(|| ApiError::not_found("exhibit"))
    })
    .await
}

/// Reclassifies a recorded crime (history kept).
pub async fn reclassify(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: ReclassifyRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let before = owned_crime(conn, &ctx.vis, &c, &id.to_string())?;
        let state = state_of(&before);
        if state == CrimeState::Draft || !state.is_open() {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "Only a recorded, open crime is reclassified; this one is {}",
                    state.label().to_lowercase()
                ),
            ));
        }
        let mut errors = Vec::new();
        if req.classification.trim().is_empty() {
            errors.push(FieldError::new(
                "classification",
                "required",
                "Choose the new classification",
            ));
        }
        if req.offence.trim().is_empty() {
            errors.push(FieldError::new("offence", "required", "Choose the new offence"));
        }
        if req.reason.trim().is_empty() {
            errors.push(FieldError::new(
                "reason",
                "required",
                "Give the reason (the new information)",
            ));
        }
        let probe = CrimeInput {
            classification: Some(req.classification.trim().to_owned()),
            offence: Some(req.offence.trim().to_owned()),
            ..Default::default()
        };
        check_codes(&ctx.reference, &ctx.ir, &probe, &mut errors);
        if before.classification == probe.classification && before.offence == probe.offence {
            errors.push(FieldError::new(
                "offence",
                "unchanged",
                "The crime already has this classification",
            ));
        }
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        let mut after = before.clone();
        after.classification = probe.classification;
        after.offence = probe.offence;
        save(conn, &before, &mut after)?;
        diesel::insert_into(crime_classifications::table)
            .values((
                crime_classifications::id.eq(uuid::Uuid::new_v4().to_string()),
                crime_classifications::crime_id.eq(&before.id),
                crime_classifications::classification.eq(req.classification.trim()),
                crime_classifications::offence.eq(req.offence.trim()),
                crime_classifications::reason.eq(req.reason.trim()),
                crime_classifications::changed_by.eq(&c.user_id),
                crime_classifications::changed_at.eq(now()),
            ))
            .execute(conn)?;
        log(
            conn,
            &c,
            &before.id,
            LogKind::Log,
            &format!("Reclassified: {}", req.reason.trim()),
        )?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &before.id, &before.force_code)
                .detail(format!(
                    "reclassified {} → {}",
                    before.offence.clone().unwrap_or_default(),
                    req.offence.trim()
                )),
        )?;
        ctx.view(conn, &c, today, &before.id)
    })
    .await
}

/// Asks the force crime registrar to cancel a recorded crime.
pub async fn request_cancellation(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CancellationRequest,
) -> Result<CancellationDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let crime = owned_crime(conn, &vis, &c, &id.to_string())?;
        let state = state_of(&crime);
        if state == CrimeState::Draft || state == CrimeState::Cancelled {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "Only a recorded crime can be cancelled; this one is {}",
                    state.label().to_lowercase()
                ),
            ));
        }
        let errors = check_cancellation(&req);
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let pending: i64 = crime_cancellations::table
            .filter(crime_cancellations::crime_id.eq(&crime.id))
            .filter(crime_cancellations::approved.is_null())
            .count()
            .get_result(conn)?;
        if pending > 0 {
            return Err(ApiError::conflict(
                "A cancellation of this crime is already waiting for the registrar",
            ));
        }
        let rid = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(crime_cancellations::table)
            .values((
                crime_cancellations::id.eq(&rid),
                crime_cancellations::crime_id.eq(&crime.id),
                crime_cancellations::force_code.eq(&crime.force_code),
                crime_cancellations::reason.eq(req.reason.trim()),
                crime_cancellations::additional_information.eq(req.additional_information.trim()),
                crime_cancellations::requested_by.eq(&c.user_id),
                crime_cancellations::requested_at.eq(now()),
            ))
            .execute(conn)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail("cancellation requested"),
        )?;
        let rows = cancellation_rows(conn, Some(vec![crime.id.clone()]), None)?;
        cancellation_dtos(conn, rows.into_iter().filter(|r| r.0 == rid).collect())?
            .pop()
            .ok_or_else(|| ApiError::not_found("cancellation"))
    })
    .await
}

/// The force's cancellations waiting for the registrar.
pub async fn pending_cancellations(db: &Db, caller: &Caller) -> Result<Vec<CancellationDto>, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let rows = cancellation_rows(conn, None, Some(c.force_code.clone()))?;
        cancellation_dtos(conn, rows)
    })
    .await
}

/// The registrar approves (the crime is cancelled; its number is never reused) or refuses.
pub async fn decide_cancellation(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CancellationDecision,
) -> Result<CancellationDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let rows = cancellation_rows(conn, None, None)?;
        let row = rows
            .into_iter()
            .find(|r| r.0 == id.to_string())
            .ok_or_else(|| ApiError::not_found("cancellation"))?;
        let vis = Visibility::load(conn, &c)?;
        let crime = owned_crime(conn, &vis, &c, &row.1).map_err(|_| ApiError::not_found("cancellation"))?;
        if row.6.is_some() {
            return Err(ApiError::conflict("This cancellation has already been decided"));
        }
        if !req.approve && req.comment.trim().is_empty() {
            return Err(ApiError::validation(vec![FieldError::new(
                "comment",
                "required",
                "Say why the cancellation is refused",
            )]));
        }
        let at = now();
        diesel::update(crime_cancellations::table.find(&row.0))
            .set((
                crime_cancellations::approved.eq(Some(req.approve)),
                crime_cancellations::comment.eq(tidy(&Some(req.comment.clone()))),
                crime_cancellations::decided_by.eq(&c.user_id),
                crime_cancellations::decided_at.eq(at),
            ))
            .execute(conn)?;
        if req.approve {
            let mut after = crime.clone();
            after.state = CrimeState::Cancelled.as_str().to_owned();
            after.state_since = at;
            save(conn, &crime, &mut after)?;
            diesel::update(
                tasks::table
                    .filter(tasks::crime_id.eq(&crime.id))
                    .filter(tasks::completed_at.is_null()),
            )
            .set((tasks::completed_at.eq(at), tasks::result.eq("Crime cancelled")))
            .execute(conn)?;
        }
        log(
            conn,
            &c,
            &crime.id,
            LogKind::Log,
            &if req.approve {
                "Cancellation approved by the force crime registrar".to_owned()
            } else {
                format!(
                    "Cancellation refused by the force crime registrar: {}",
                    req.comment.trim()
                )
            },
        )?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(if req.approve {
                    "cancellation approved"
                } else {
                    "cancellation refused"
                }),
        )?;
        let rows = cancellation_rows(conn, Some(vec![crime.id.clone()]), None)?;
        cancellation_dtos(conn, rows.into_iter().filter(|r| r.0 == id.to_string()).collect())?
            .pop()
            .ok_or_else(|| ApiError::not_found("cancellation"))
    })
    .await
}

/// Adds to the investigation plan or log (append-only).
pub async fn add_log(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddLogEntry,
) -> Result<LogEntryDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let crime = addable_crime(conn, &vis, &id.to_string())?;
        let n = req.text.trim().chars().count();
        if n == 0 || n > 10_000 {
            return Err(ApiError::validation(vec![FieldError::new(
                "text",
                if n == 0 { "required" } else { "length" },
                "Write the entry (at most 10,000 characters)",
            )]));
        }
        let lid = log(conn, &c, &crime.id, req.kind, req.text.trim())?;
        touch(conn, &crime)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!(
                    "{} entry added",
                    if req.kind == LogKind::Plan { "plan" } else { "log" }
                )),
        )?;
        let refs = user_refs(conn, std::slice::from_ref(&c.user_id))?;
        Ok(LogEntryDto {
            id: uuid(&lid),
            kind: req.kind,
            text: req.text.trim().to_owned(),
            by: user_ref(&refs, &c.user_id),
            at: Utc::now(),
        })
    })
    .await
}

// ----------------------------------------------------------------------------------------------
// The retail-theft path

fn choice_party(role: PartyRole, c: &PersonChoice) -> AddPartyRequest {
    AddPartyRequest {
        role,
        person_id: c.person_id,
        organisation_id: None,
        new_person: c.new_person.clone(),
        new_organisation: None,
        description: c.description.clone(),
    }
}

/// Records and allocates a shoplifting from one request, in one transaction (idempotent with a key).
pub async fn retail_theft(
    db: &Db,
    caller: &Caller,
    req: RetailTheftRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<CrimeDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let errors = check_retail_theft(&req, Utc::now());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !caller.can(Capability::RecordCrime) {
        return Err(ApiError::forbidden("Your roles do not allow recording crimes"));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let offence = ctx
                .ir
                .offences
                .get(inv::SHOPLIFTING_OFFENCE)
                .cloned()
                .ok_or_else(|| {
                    ApiError::internal(anyhow::anyhow!(
                        "the shoplifting offence is missing from reference data"
                    ))
                })?;
            // The store and its premises (reused when the store is known).
            let (store, premises) = match (req.store_id, &req.new_store) {
                (Some(id), _) => {
                    let r = RecordRef {
                        kind: RecordKind::Organisation,
                        id,
                    };
                    if link_service::visible_record(conn, &ctx.vis, &ctx.reference, today, &r)?.is_none() {
                        return Err(ApiError::validation(vec![FieldError::new(
                            "store_id",
                            "not_found",
                            "No such store is available to you",
                        )]));
                    }
                    let premises: Option<String> = links::table
                        .filter(links::from_id.eq(id.to_string()))
                        .filter(links::reason.eq("premises"))
                        .order(links::created_at.desc())
                        .select(links::to_id)
                        .first(conn)
                        .optional()?;
                    let premises = match (premises, &req.new_store_address) {
                        (Some(p), _) => uuid(&p),
                        (None, Some(a)) => records::insert_location(conn, &c, a)?,
                        (None, None) => {
                            return Err(ApiError::validation(vec![FieldError::new(
                                "new_store_address",
                                "required",
                                "This store has no address on record: enter it",
                            )]))
                        }
                    };
                    (id, premises)
                }
                (None, Some(s)) => {
                    let id =
                        records::insert_checked::<Organisation>(conn, &c, &ctx.reference, s, "new_store")?;
                    let a = req.new_store_address.clone().unwrap_or_default();
                    let premises = records::insert_location(conn, &c, &a)?;
                    link_service::create_in(
                        conn,
                        &c,
                        &ctx.vis,
                        &ctx.reference,
                        today,
                        &CreateLinkRequest {
                            from: RecordRef {
                                kind: RecordKind::Organisation,
                                id,
                            },
                            to: RecordRef {
                                kind: RecordKind::Location,
                                id: premises,
                            },
                            reason: "premises".into(),
                            valid_from: None,
                            valid_to: None,
                            source: None,
                        },
                    )?;
                    (id, premises)
                }
                (None, None) => unreachable!("checked by check_retail_theft"),
            };
            let from = req.offence_from.map(naive).unwrap_or_else(now);
            let mut row = new_crime_row(&c, now());
            row.classification = Some(offence.classification.clone());
            row.offence = Some(offence.code.clone());
            row.offence_from = Some(from);
            row.offence_to = Some(req.offence_to.map(naive).unwrap_or(from));
            row.location_id = Some(premises.to_string());
            row.modus_operandi = req.modus_operandi.trim().to_owned();
            diesel::insert_into(crimes::table).values(&row).execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c)
                    .owned_record("crime", &row.id, &row.force_code)
                    .detail("retail theft"),
            )?;
            let loc = RecordRef {
                kind: RecordKind::Location,
                id: premises,
            };
            link_from_crime(conn, &c, &ctx, today, &row.id, "occurred_at", loc)?;
            let victim = AddPartyRequest {
                role: PartyRole::Victim,
                person_id: None,
                organisation_id: Some(store),
                new_person: None,
                new_organisation: None,
                description: None,
            };
            add_party_in(conn, &c, &ctx, today, &row, &victim, "store.")?;
            add_party_in(
                conn,
                &c,
                &ctx,
                today,
                &row,
                &choice_party(PartyRole::Suspect, &req.suspect),
                "suspect.",
            )?;
            if let Some(w) = &req.witness {
                add_party_in(
                    conn,
                    &c,
                    &ctx,
                    today,
                    &row,
                    &choice_party(PartyRole::Witness, w),
                    "witness.",
                )?;
            }
            for (i, item) in req.items.iter().enumerate() {
                let o = ObjectInput {
                    kind: ObjectKind::Property,
                    description: item.description.trim().to_owned(),
                    value_pence: item.value_pence,
                    ..Default::default()
                };
                let r = resolve_object(conn, &c, &ctx, today, None, Some(&o), &format!("items.{i}."))?;
                link_from_crime(conn, &c, &ctx, today, &row.id, "stolen", r)?;
            }
            if let Some(cctv) = &req.cctv {
                let x = AddExhibitRequest {
                    reference: cctv.reference.clone(),
                    object_id: None,
                    new_object: Some(ObjectInput {
                        kind: ObjectKind::Document,
                        description: cctv.description.trim().to_owned(),
                        ..Default::default()
                    }),
                    seized_by: None,
                    seized_at: None,
                    seized_from: "Store CCTV system".to_owned(),
                    storage: cctv.storage.clone(),
                };
                add_exhibit_in(conn, &c, &ctx, today, &row, &x, "cctv.")?;
            }
            let row = CrimeRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("crime"))?;
            let recorded = apply_action(
                conn,
                &c,
                &ctx,
                today,
                &row,
                TransitionRequest {
                    action: Some(CrimeAction::Record),
                    ..Default::default()
                },
            )?;
            let (oic, unit) = match tidy(&req.unit) {
                Some(u) => (None, Some(u)),
                None => (Some(UserId(uuid(&c.user_id))), None),
            };
            let allocated = apply_action(
                conn,
                &c,
                &ctx,
                today,
                &recorded,
                TransitionRequest {
                    action: Some(CrimeAction::Allocate),
                    officer_in_charge: oic,
                    unit,
                    ..Default::default()
                },
            )?;
            ctx.view(conn, &c, today, &allocated.id)
        })
    })
    .await
}

/// Offences, outcome types and DASH questions.
pub type ReferenceLists = (Vec<Offence>, Vec<OutcomeType>, Vec<DashQuestion>);

/// The reference data of the module, for forms.
pub fn reference_lists(conn: &mut AnyConnection) -> Result<ReferenceLists, ApiError> {
    let ir = InvestigationRef::load(conn)?;
    let mut offences: Vec<Offence> = ir.offences.into_values().collect();
    offences.sort_by(|a, b| a.label.cmp(&b.label));
    let order: Vec<String> = outcome_types::table
        .filter(outcome_types::active.eq(true))
        .order(outcome_types::sort_order)
        .select(outcome_types::code)
        .load(conn)?;
    let mut outcomes = Vec::new();
    for code in order {
        if let Some(o) = ir.outcomes.get(&code) {
            outcomes.push(o.clone());
        }
    }
    Ok((offences, outcomes, ir.dash_questions))
}

/// The summary of crimes for the shared index (search results, links on person pages).
pub fn summaries(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<(CrimeRow, Option<String>)>, ApiError> {
    let rows: Vec<CrimeRow> = crimes::table
        .filter(crimes::id.eq_any(ids))
        .select(CrimeRow::as_select())
        .load(conn)?;
    let ir = InvestigationRef::load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let label = r
                .offence
                .as_deref()
                .and_then(|o| ir.offences.get(o))
                .map(|o| o.label.clone());
            (r, label)
        })
        .collect())
}

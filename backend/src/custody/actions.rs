//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::custody::queries::{CustodyRow, EntryRow};
use crate::db::schema::{
    crimes, custody_entries, custody_records, custody_risk_questions, custody_suites, offences, user_roles,
    users,
};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::links as link_service;
use crate::index::reference::{self, Reference};
use crate::investigation::{next_number, user_refs};
use crate::kernel::access::{self, Guarded, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use crate::views::summaries;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{Capability, Role};
use bluelamp_shared::custody::{
    check_book_in, check_entry, earliest, risk_markers, sort_board, Actor, Board, BoardRow, BookInPrefill,
    BookInRequest, CareView, CustodyEntry, CustodyRecordDto, CustodyState, CustodySuite, DecisionView,
    DetentionDecision, DisposalView, EntryView, MedicationView, Prescription, RepresentativeView,
    RightStatus, RightView, RiskAssessmentEntry, RiskQuestion,
};
use bluelamp_shared::custody_clocks::{
    check_extension, check_review, check_warrant, clocks, next_dose_due, next_visit_due, CareRules,
    DetentionFacts, DoseSchedule, ExtensionFact, PaceRules, Refusal, ReviewFact, WarrantFact,
};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::links::CreateLinkRequest;
use bluelamp_shared::records::{Grantee, RecordKind, RecordMeta, RecordRef, RecordSummary, Restriction};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SubsecRound, TimeZone, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

const KIND: &str = "custody_record";

/// The police roles of the owning force that may see a custody record (not administrators, and no
/// other force: the record holds health information).
const READERS: [Role; 10] = [
    Role::ResponseOfficer,
    Role::Investigator,
    Role::Supervisor,
    Role::CustodyOfficer,
    Role::DetentionOfficer,
    Role::Inspector,
    Role::Superintendent,
    Role::IntelligenceOfficer,
    Role::CaseStaff,
    Role::ForceCrimeRegistrar,
];

/// The restriction every custody record carries (its grants), also written by the data generator.
pub(crate) fn restriction() -> Restriction {
    Restriction {
        restricted: true,
        grantees: READERS.iter().map(|r| Grantee::Role(*r)).collect(),
    }
}

fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc().trunc_subsecs(6)
}

fn guarded(row: &CustodyRow) -> Guarded<'_> {
    Guarded {
        kind: RecordKind::Event,
        id: &row.id,
        owner: &row.force_code,
        restricted: true,
        created_by: Some(&row.created_by),
    }
}

/// The rules and reference data custody work needs.
pub struct CustodyRef {
    /// The PACE figures.
    pub pace: PaceRules,
    /// Visit figures.
    pub care: CareRules,
    /// Risk questions in force, in order.
    pub questions: Vec<RiskQuestion>,
}

impl CustodyRef {
    fn load(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        Ok(Self {
            pace: PaceRules::default(),
            care: CareRules::default(),
            questions: risk_questions(conn)?,
        })
    }
}

/// The risk-assessment questions in force.
pub fn risk_questions(conn: &mut AnyConnection) -> Result<Vec<RiskQuestion>, ApiError> {
    Ok(custody_risk_questions::table
        .filter(custody_risk_questions::active.eq(true))
        .order(custody_risk_questions::position)
        .select((
            custody_risk_questions::code,
            custody_risk_questions::text,
            custody_risk_questions::level_if_yes,
            custody_risk_questions::rousing_if_yes,
            custody_risk_questions::marker_if_yes,
        ))
        .load::<(String, String, i32, bool, Option<String>)>(conn)?
        .into_iter()
        .map(
            |(code, text, level, rousing_if_yes, marker_if_yes)| RiskQuestion {
                code,
                text,
                level_if_yes: level.clamp(1, 4) as u8,
                rousing_if_yes,
                marker_if_yes,
            },
        )
        .collect())
}

type SuiteRow = (String, String, String, String, String);

fn suite_dto((id, force_code, code, name, cells): SuiteRow) -> CustodySuite {
    CustodySuite {
        id: uuid(&id),
        force_code,
        code,
        name,
        cells: serde_json::from_str(&cells).unwrap_or_default(),
    }
}

fn suite_columns() -> (
    custody_suites::id,
    custody_suites::force_code,
    custody_suites::code,
    custody_suites::name,
    custody_suites::cells,
) {
    (
        custody_suites::id,
        custody_suites::force_code,
        custody_suites::code,
        custody_suites::name,
        custody_suites::cells,
    )
}

/// Every active custody suite of the consortium.
pub fn suites(conn: &mut AnyConnection) -> Result<Vec<CustodySuite>, ApiError> {
    Ok(custody_suites::table
        .filter(custody_suites::active.eq(true))
        .order((custody_suites::force_code, custody_suites::name))
        .select(suite_columns())
        .load::<SuiteRow>(conn)?
        .into_iter()
        .map(suite_dto)
        .collect())
}

fn find_suite(conn: &mut AnyConnection, id: &str) -> Result<Option<CustodySuite>, ApiError> {
    Ok(custody_suites::table
        .find(id)
        .select(suite_columns())
        .first::<SuiteRow>(conn)
        .optional()?
        .map(suite_dto))
}

/// Ensures a suite exists (demo data and operators' set-up).
pub fn ensure_suite(
    conn: &mut AnyConnection,
    force: &str,
    code: &str,
    name: &str,
    cells: &[String],
) -> Result<(), ApiError> {
    let exists: i64 = custody_suites::table
        .filter(custody_suites::code.eq(code))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        diesel::insert_into(custody_suites::table)
            .values((
                custody_suites::id.eq(uuid::Uuid::new_v4().to_string()),
                custody_suites::force_code.eq(force),
                custody_suites::code.eq(code),
                custody_suites::name.eq(name),
                custody_suites::cells.eq(serde_json::to_string(cells).map_err(ApiError::internal)?),
                custody_suites::active.eq(true),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// An entry as stored, parsed.
struct Stored {
    row: EntryRow,
    entry: CustodyEntry,
}

fn load_entries(
    conn: &mut AnyConnection,
    record_ids: &[String],
) -> Result<HashMap<String, Vec<Stored>>, ApiError> {
    let rows: Vec<EntryRow> = custody_entries::table
        .filter(custody_entries::record_id.eq_any(record_ids))
        .order((custody_entries::at, custody_entries::recorded_at))
        .select(EntryRow::as_select())
        .load(conn)?;
    Ok(parse_entries(rows))
}

/// The entry kinds the board's row is folded from, visits aside (see [`load_board_entries`]):
/// reviews, extensions, warrants, charge and disposal for the clocks, the risk assessment, medication
/// and doses for care, notes for a move of cell. Rights, representatives, healthcare, property,
/// interviews and annotations change nothing on the board.
const BOARD_KINDS: [&str; 9] = [
    "review",
    "extension",
    "warrant",
    "charge",
    "disposal",
    "risk_assessment",
    "prescription",
    "dose",
    "note",
];

/// What the board needs of the records' entries: the entries of [`BOARD_KINDS`], parsed, and each
/// record's latest visit. Visits are most of a record's entries (one or two an hour) and the board
/// needs only the time of the latest, so it is read from the `(record_id, kind, at)` index rather
/// than by loading and parsing every visit.
fn load_board_entries(
    conn: &mut AnyConnection,
    record_ids: &[String],
) -> Result<(Entries, HashMap<String, DateTime<Utc>>), ApiError> {
    let rows: Vec<EntryRow> = custody_entries::table
        .filter(custody_entries::record_id.eq_any(record_ids))
        .filter(custody_entries::kind.eq_any(BOARD_KINDS))
        .order((custody_entries::at, custody_entries::recorded_at))
        .select(EntryRow::as_select())
        .load(conn)?;
    let visits: HashMap<String, DateTime<Utc>> = custody_entries::table
        .filter(custody_entries::record_id.eq_any(record_ids))
        .filter(custody_entries::kind.eq("visit"))
        .group_by(custody_entries::record_id)
        .select((custody_entries::record_id, diesel::dsl::max(custody_entries::at)))
        .load::<(String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, at)| at.map(|a| (id, utc(a))))
        .collect();
    Ok((parse_entries(rows), visits))
}

/// Parsed entries by record id.
type Entries = HashMap<String, Vec<Stored>>;

/// Entry rows parsed, by record.
fn parse_entries(rows: Vec<EntryRow>) -> Entries {
    let mut out: HashMap<String, Vec<Stored>> = HashMap::new();
    for row in rows {
        // An entry that no longer parses (a later release renamed a field) is kept in the log but
        // cannot count towards a clock; it is reported, not dropped silently.
        match serde_json::from_str::<CustodyEntry>(&row.data) {
            Ok(entry) => out
                .entry(row.record_id.clone())
                .or_default()
                .push(Stored { row, entry }),
            Err(e) => tracing::warn!(entry = %row.id, "custody entry does not parse: {e}"),
        }
    }
    out
}

/// What the entries add up to.
#[derive(Default)]
struct Folded<'a> {
    reviews: Vec<ReviewFact>,
    extensions: Vec<ExtensionFact>,
    warrants: Vec<WarrantFact>,
    charged_at: Option<DateTime<Utc>>,
    risk: Option<(DateTime<Utc>, &'a RiskAssessmentEntry)>,
    last_visit: Option<DateTime<Utc>>,
    prescriptions: Vec<(&'a Stored, &'a Prescription)>,
    doses: HashMap<uuid::Uuid, Vec<&'a Stored>>,
    cell: Option<String>,
    interviewers: Vec<&'a str>,
    disposal: Option<&'a Stored>,
}

fn fold<'a>(row: &CustodyRow, entries: &'a [Stored]) -> Folded<'a> {
    let mut f = Folded {
        cell: row.cell.clone(),
        ..Folded::default()
    };
    for s in entries {
        let at = utc(s.row.at);
        match &s.entry {
            CustodyEntry::Review(r) => f.reviews.push(ReviewFact {
                at,
                postponed: r.postponed,
            }),
            CustodyEntry::Extension(x) => f.extensions.push(ExtensionFact {
                at,
                until: x.until.unwrap_or(at),
            }),
            CustodyEntry::Warrant(w) => f.warrants.push(WarrantFact {
                at,
                until: w.until.unwrap_or(at),
            }),
            CustodyEntry::Charge(_) => {
                f.charged_at.get_or_insert(at);
            }
            CustodyEntry::Disposal(d) => {
                if d.outcome.is_charge() {
                    f.charged_at.get_or_insert(at);
                }
                f.disposal = Some(s);
            }
            CustodyEntry::RiskAssessment(r) => f.risk = Some((at, r)),
            CustodyEntry::Visit(_) => f.last_visit = Some(f.last_visit.map_or(at, |v| v.max(at))),
            CustodyEntry::Prescription(p) => f.prescriptions.push((s, p)),
            CustodyEntry::Dose(d) => f.doses.entry(d.prescription).or_default().push(s),
            CustodyEntry::Note(n) => {
                if let Some(c) = &n.cell {
                    f.cell = Some(c.clone());
                }
            }
            CustodyEntry::Interview(_) => f.interviewers.push(&s.row.recorded_by),
            _ => {}
        }
    }
    f
}

fn facts(row: &CustodyRow, f: &Folded<'_>) -> DetentionFacts {
    DetentionFacts {
        relevant_time: utc(row.relevant_time),
        detention_authorised_at: utc(row.decided_at),
        reviews: f.reviews.clone(),
        charged_at: f.charged_at,
        indictable: row.indictable,
        extensions: f.extensions.clone(),
        warrants: f.warrants.clone(),
        released_at: row.released_at.map(utc),
    }
}

/// A prescription's schedule: local (UK) times of day are turned into UTC at today's offset, so a
/// dose "at 08:00" stays at 08:00 on the custody suite's clock across a change of the clocks.
fn schedule(p: &Prescription, recorded_at: DateTime<Utc>, now: DateTime<Utc>) -> DoseSchedule {
    match p.every_minutes {
        Some(every_minutes) => DoseSchedule::Interval {
            every_minutes,
            first_at: p.first_at.unwrap_or(recorded_at),
        },
        None => {
            let today = now.with_timezone(&chrono_tz::Europe::London).date_naive();
            let times = p
                .times
                .iter()
                .filter_map(|t| {
                    chrono_tz::Europe::London
                        .from_local_datetime(&today.and_time(*t))
                        .earliest()
                        .map(|l| l.with_timezone(&Utc).time())
                })
                .collect();
            DoseSchedule::Times {
                times,
                from: recorded_at,
            }
        }
    }
}

/// The next dose of each prescription (none once released).
fn next_doses<'a>(
    row: &CustodyRow,
    f: &Folded<'a>,
    now: DateTime<Utc>,
) -> Vec<(&'a Stored, &'a Prescription, Option<DateTime<Utc>>)> {
    f.prescriptions
        .iter()
        .map(|(s, p)| {
            let given: Vec<DateTime<Utc>> = f
                .doses
                .get(&uuid(&s.row.id))
                .map(|d| d.iter().map(|x| utc(x.row.at)).collect())
                .unwrap_or_default();
            let due = row
                .released_at
                .is_none()
                .then(|| next_dose_due(&schedule(p, utc(s.row.recorded_at), now), &given, now))
                .flatten();
            (*s, *p, due)
        })
        .collect()
}

fn care(row: &CustodyRow, f: &Folded<'_>, r: &CustodyRef, person_markers: &[String]) -> CareView {
    let (level, rousing) = f
        .risk
        .map(|(_, a)| (a.observation_level.unwrap_or(1), a.rousing))
        .unwrap_or((1, false));
    let mut markers: Vec<String> = person_markers.to_vec();
    if let Some((_, a)) = f.risk {
        for m in risk_markers(&r.questions, &a.answers) {
            if !markers.contains(&m) {
                markers.push(m);
            }
        }
    }
    CareView {
        risk_assessed_at: f.risk.map(|(at, _)| at),
        observation_level: level,
        rousing,
        risk_markers: markers,
        last_visit: f.last_visit,
        next_visit_due: if row.released_at.is_some() {
            None
        } else {
            next_visit_due(f.last_visit, utc(row.decided_at), level, rousing, &r.care)
        },
    }
}

fn actor(refs: &HashMap<String, bluelamp_shared::investigation::UserRef>, id: &str) -> Actor {
    let u = crate::investigation::user_ref(refs, id);
    Actor {
        id: u.id.0,
        name: if u.collar_number.is_empty() {
            u.display_name
        } else {
            format!("{} ({})", u.display_name, u.collar_number)
        },
    }
}

fn entry_view(s: &Stored, refs: &HashMap<String, bluelamp_shared::investigation::UserRef>) -> EntryView {
    EntryView {
        id: uuid(&s.row.id),
        at: utc(s.row.at),
        recorded_at: utc(s.row.recorded_at),
        recorded_by: actor(refs, &s.row.recorded_by),
        summary: s.entry.summary(),
        entry: s.entry.clone(),
    }
}

fn offence_labels(
    conn: &mut AnyConnection,
    codes: &[String],
) -> Result<Vec<(String, String, String)>, ApiError> {
    Ok(offences::table
        .filter(offences::code.eq_any(codes))
        .select((offences::code, offences::label, offences::mode_of_trial))
        .load(conn)?)
}

fn summary_of(
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
fn dto(
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
    let detainee =
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
        });
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
    let doses = next_doses(row, &f, now);
    let medication = doses
        .into_iter()
        .map(|(s, p, next_due)| MedicationView {
            id: uuid(&s.row.id),
            prescription: p.clone(),
            next_due,
            doses: f
                .doses
                .get(&uuid(&s.row.id))
                .map(|d| d.iter().rev().map(|x| entry_view(x, &refs)).collect())
                .unwrap_or_default(),
        })
        .collect();
    let rights = bluelamp_shared::custody::Right::ALL
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
        .collect();
    let mut representatives: Vec<RepresentativeView> = Vec::new();
    for s in &entries {
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
    let disposal = match (f.disposal, row.released_at) {
        (Some(s), Some(at)) => {
            let CustodyEntry::Disposal(d) = &s.entry else {
                unreachable!("fold keeps disposals only")
            };
            Some(DisposalView {
                outcome: Some(d.outcome),
                at: utc(at),
                by: actor(&refs, &s.row.recorded_by),
                bail_date: d.bail_date,
                notes: d.notes.clone(),
            })
        }
        (None, Some(at)) => Some(DisposalView {
            outcome: None,
            at: utc(at),
            by: actor(&refs, &row.decided_by),
            bail_date: None,
            notes: row.decision_reason.clone(),
        }),
        _ => None,
    };
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

fn audit_read(conn: &mut AnyConnection, c: &Caller, row: &CustodyRow, detail: &str) -> Result<(), ApiError> {
    audit::append(
        conn,
        AuditAction::Read,
        Entry::by(c)
            .owned_record(KIND, &row.id, &row.force_code)
            .detail(detail),
    )
}

/// A record the caller may see (own force, police roles), or not found.
fn visible(conn: &mut AnyConnection, c: &Caller, id: &str) -> Result<CustodyRow, ApiError> {
    let row = CustodyRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
    let vis = Visibility::load(conn, c)?;
    if !vis.can_see(conn, &guarded(&row))? {
        return Err(ApiError::not_found("custody record"));
    }
    Ok(row)
}

fn need(c: &Caller, cap: Capability, what: &str) -> Result<(), ApiError> {
    if c.can(cap) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("Your roles do not allow {what}")))
    }
}

fn invalid(path: &str, code: &str, message: impl Into<String>) -> ApiError {
    ApiError::validation(vec![FieldError::new(path, code, message)])
}

/// The statute behind a clock refusal, for the problem detail.
fn statute(r: Refusal) -> &'static str {
    match r {
        Refusal::NotDetainedWithoutCharge => "PACE s.41",
        Refusal::NotIndictable => "PACE s.42(1)(b) and s.43(4)(b)",
        Refusal::ReviewsNotDone { .. } => "PACE s.42(4)(b)",
        Refusal::ExtensionTooLate { .. } => "PACE s.42(4)(a)",
        Refusal::BeyondSuperintendentMaximum { .. } => "PACE s.42(1)",
        Refusal::AlreadyExtended { .. } => "PACE s.42(2)",
        Refusal::WarrantTooLong { .. } => "PACE s.43(12) and s.44(3)(a)",
        Refusal::BeyondMaximum { .. } => "PACE s.44(3)(b)",
        Refusal::LimitPassed => "PACE s.41(7)",
        Refusal::NotLater => "PACE ss.42–44",
        Refusal::BeforePrevious | Refusal::BeforeAuthorised | Refusal::AfterRelease => "PACE s.40",
        Refusal::PostponementNotNeeded => "PACE s.40(4)",
    }
}

fn refused(r: Refusal) -> ApiError {
    let f = r.field_error();
    let message = format!("{}: {}", statute(r), f.message);
    ApiError::Problem(Box::new(
        bluelamp_shared::error::Problem::new(ErrorCode::ValidationFailed)
            .with_detail(message.clone())
            .with_errors(vec![FieldError::new(f.path, f.code, message)]),
    ))
}

/// A rule about who may act, refused with the rule named.
fn wrong_officer(rule: &str, detail: &str) -> ApiError {
    ApiError::forbidden(format!("{rule}: {detail}"))
}

/// Whether any of the codes is an indictable (or either-way) offence.
fn any_indictable(rows: &[(String, String, String)]) -> bool {
    rows.iter().any(|(_, _, mode)| mode != "summary")
}

/// A person the caller may see and who has not been merged into another.
fn visible_person(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    id: uuid::Uuid,
) -> Result<Option<summaries::Indexed>, ApiError> {
    let r = RecordRef {
        kind: RecordKind::Person,
        id,
    };
    Ok(link_service::visible_record(conn, vis, reference, today, &r)?.filter(|i| !i.merged))
}

/// A booking-in form pre-filled from the person and their latest custody record.
pub async fn prefill(db: &Db, caller: &Caller, person_id: uuid::Uuid) -> Result<BookInPrefill, ApiError> {
    let c = caller.clone();
    let db2 = db.clone();
    db.read(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let (reference, _) = reference::cached(&db2, conn)?;
        let person = visible_person(conn, &vis, &reference, Utc::now().date_naive(), person_id)?
            .ok_or_else(|| ApiError::not_found("person"))?
            .summary;
        let pid = person_id.to_string();
        let previous: Vec<CustodyRow> = custody_records::table
            .filter(custody_records::person_id.eq(&pid))
            .filter(custody_records::force_code.eq(&c.force_code))
            .order(custody_records::created_at.desc())
            .select(CustodyRow::as_select())
            .load(conn)?;
        let open_record = previous.iter().find(|r| r.state == "open").map(|r| uuid(&r.id));
        let latest = previous.first();
        let known_medication = match latest {
            Some(l) => load_entries(conn, std::slice::from_ref(&l.id))?
                .remove(&l.id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| match s.entry {
                    CustodyEntry::Prescription(p) => Some(p),
                    _ => None,
                })
                .collect(),
            None => vec![],
        };
        if let Some(l) = latest {
            audit_read(conn, &c, l, "booking-in pre-fill")?;
        }
        Ok(BookInPrefill {
            person,
            known_medication,
            self_defined_ethnicity: latest.map(|l| l.self_defined_ethnicity.clone()),
            nationality: latest.map(|l| l.nationality.clone()),
            open_record,
        })
    })
    .await
}

fn already_in_custody(number: &str) -> ApiError {
    ApiError::conflict(format!(
        "This person is already in custody (record {number}): one open custody record per person"
    ))
}

/// Books a detainee in: opens the custody record (idempotent with a key). Detention refused closes
/// it at once with the release.
pub async fn book_in(
    db: &Db,
    caller: &Caller,
    req: BookInRequest,
    key: Option<String>,
) -> Result<Outcome<CustodyRecordDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    need(
        caller,
        Capability::AuthoriseDetention,
        "booking detainees in (a custody officer's decision)",
    )?;
    let c = caller.clone();
    db.write(move |conn| {
        let r = CustodyRef::load(conn)?;
        let now_t = Utc::now();
        let mut errors = check_book_in(&req, &r.questions, now_t);
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let today = now_t.date_naive();
        // What needs the database: the person, the suite and cell, the crime, offence codes.
        let person = match req.person_id {
            Some(p) => {
                let found = visible_person(conn, &vis, &reference, today, p)?;
                if found.is_none() {
                    errors.push(FieldError::new(
                        "person_id",
                        "not_found",
                        "No such person is available to you",
                    ));
                }
                found
            }
            None => None,
        };
        let suite = match req.suite_id {
            Some(s) => match find_suite(conn, &s.to_string())? {
                Some(s) if access::is_owner(&c, &s.force_code) => Some(s),
                _ => {
                    errors.push(FieldError::new(
                        "suite_id",
                        "not_found",
                        "Not a custody suite of your force",
                    ));
                    None
                }
            },
            None => None,
        };
        if let (Some(s), Some(cell)) = (&suite, &req.cell) {
            if !s.cells.contains(cell) {
                errors.push(FieldError::new(
                    "cell",
                    "unknown",
                    format!("{} has no cell {cell}", s.name),
                ));
            }
        }
        let crime_id = match req.crime_id {
            Some(id) => match crate::investigation::visible_crime(conn, &vis, &id.to_string()) {
                Ok(row) => Some(row.id),
                Err(_) => {
                    errors.push(FieldError::new(
                        "crime_id",
                        "not_found",
                        "No such crime is available to you",
                    ));
                    None
                }
            },
            None => None,
        };
        let found = offence_labels(conn, &req.arrest.offences)?;
        for (i, code) in req.arrest.offences.iter().enumerate() {
            if !found.iter().any(|(c, _, _)| c == code) {
                errors.push(FieldError::new(
                    format!("arrest.offences.{i}"),
                    "unknown",
                    format!("{code} is not an offence code"),
                ));
            }
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            return Err(ApiError::validation(errors));
        }
        let (Some(person), Some(suite), Some(arrived), Some(decision)) =
            (person, suite, req.arrived_at, req.decision)
        else {
            unreachable!("checked above")
        };
        let open: Option<String> = custody_records::table
            .filter(custody_records::person_id.eq(&person.id_text))
            .filter(custody_records::state.eq("open"))
            .select(custody_records::number)
            .first(conn)
            .optional()?;
        if let Some(n) = open {
            return Err(already_in_custody(&n));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let at = now();
            let decided = req.decided_at.map(naive).unwrap_or(at);
            let n = next_number(conn, &c.force_code, "custody", decided.year())?;
            let refused = decision == DetentionDecision::Refused;
            let row = CustodyRow {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: c.force_code.clone(),
                number: format!("{}-CUS-{}-{n:06}", c.force_code, decided.year()),
                suite_id: suite.id.to_string(),
                cell: req.cell.clone(),
                person_id: person.id_text.clone(),
                crime_id,
                state: if refused { "closed" } else { "open" }.to_owned(),
                arrest: serde_json::to_string(&req.arrest).map_err(ApiError::internal)?,
                indictable: any_indictable(&found),
                asn: req.asn.trim().to_uppercase(),
                relevant_time: naive(arrived),
                decision: if refused { "refused" } else { "authorised" }.to_owned(),
                decided_at: decided,
                decided_by: c.user_id.clone(),
                decision_reason: req.decision_reason.trim().to_owned(),
                self_defined_ethnicity: req.self_defined_ethnicity.clone().unwrap_or_default(),
                officer_defined_ethnicity: req.officer_defined_ethnicity.clone().unwrap_or_default(),
                nationality: req.nationality.trim().to_owned(),
                released_at: refused.then_some(decided),
                created_by: c.user_id.clone(),
                created_at: at,
                updated_at: at,
                version: 1,
            };
            // The partial unique index decides between two custody officers booking the same
            // person in at once: the second is told, never given a second open record.
            match diesel::insert_into(custody_records::table)
                .values(&row)
                .execute(conn)
            {
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                )) => {
                    return Err(already_in_custody("opened a moment ago"));
                }
                other => {
                    other?;
                }
            }
            access::set_grants(conn, RecordKind::Event, &row.id, &restriction())?;
            link_service::create_in(
                conn,
                &c,
                &vis,
                &reference,
                today,
                &CreateLinkRequest {
                    from: RecordRef {
                        kind: RecordKind::Event,
                        id: uuid(&row.id),
                    },
                    to: RecordRef {
                        kind: RecordKind::Person,
                        id: uuid(&person.id_text),
                    },
                    reason: "custody_detainee".to_owned(),
                    valid_from: None,
                    valid_to: None,
                    source: None,
                },
            )?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c)
                    .owned_record(KIND, &row.id, &row.force_code)
                    .detail(format!("booked in at {}; detention {}", suite.code, row.decision)),
            )?;
            let booked = utc(decided);
            if let Some(risk) = &req.risk {
                let mut risk = risk.clone();
                risk.at = Some(risk.at.unwrap_or(booked));
                insert_entry(conn, &c, &row.id, &CustodyEntry::RiskAssessment(risk), booked)?;
            }
            for p in &req.medication {
                insert_entry(conn, &c, &row.id, &CustodyEntry::Prescription(p.clone()), booked)?;
            }
            dto(conn, &r, &reference, &row, Utc::now())
        })
    })
    .await
}

fn insert_entry(
    conn: &mut AnyConnection,
    c: &Caller,
    record_id: &str,
    entry: &CustodyEntry,
    default_at: DateTime<Utc>,
) -> Result<String, ApiError> {
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(custody_entries::table)
        .values(&EntryRow {
            id: id.clone(),
            record_id: record_id.to_owned(),
            kind: entry.kind().to_owned(),
            at: naive(entry.at().unwrap_or(default_at)),
            data: serde_json::to_string(entry).map_err(ApiError::internal)?,
            recorded_by: c.user_id.clone(),
            recorded_at: now(),
        })
        .execute(conn)?;
    Ok(id)
}

/// A record (audited).
pub async fn get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<CustodyRecordDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = visible(conn, &c, &id.to_string())?;
        audit_read(conn, &c, &row, "custody record")?;
        let r = CustodyRef::load(conn)?;
        let reference = Reference::load(conn)?;
        dto(conn, &r, &reference, &row, Utc::now())
    })
    .await
}

/// Whether `user` holds `role` in `force` (an authority named on a record, such as the
/// superintendent who authorised a delay).
fn user_holds(conn: &mut AnyConnection, user: &str, force: &str, role: Role) -> Result<bool, ApiError> {
    let n: i64 = users::table
        .inner_join(user_roles::table.on(user_roles::user_id.eq(users::id)))
        .filter(users::id.eq(user))
        .filter(users::force_code.eq(force))
        .filter(users::active.eq(true))
        .filter(user_roles::role.eq(role.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether the caller is involved in the investigation: the officer in charge or recorder of the
/// linked crime, or an interviewer of the detainee.
fn involved(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &CustodyRow,
    f: &Folded<'_>,
) -> Result<bool, ApiError> {
    if f.interviewers.contains(&c.user_id.as_str()) {
        return Ok(true);
    }
    if let Some(crime) = &row.crime_id {
        let people: Option<(Option<String>, Option<String>)> = crimes::table
            .find(crime)
            .select((crimes::officer_in_charge, crimes::created_by))
            .first(conn)
            .optional()?;
        if let Some((oic, recorder)) = people {
            if oic.as_deref() == Some(&c.user_id) || recorder.as_deref() == Some(&c.user_id) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Checks an entry against the record and the PACE rules: who may record it and whether the law
/// allows it now. Returns the time it happened.
fn check_against_record(
    conn: &mut AnyConnection,
    c: &Caller,
    r: &CustodyRef,
    row: &CustodyRow,
    entries: &[Stored],
    entry: &CustodyEntry,
    now_t: DateTime<Utc>,
) -> Result<DateTime<Utc>, ApiError> {
    let at = entry.at().unwrap_or(now_t);
    if row.state == "closed" {
        if !matches!(entry, CustodyEntry::Annotation(_)) {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                "The record is closed: the detainee has been released. It can only be annotated",
            ));
        }
        return Ok(now_t);
    }
    if !matches!(entry, CustodyEntry::Annotation(_) | CustodyEntry::Prescription(_))
        && at < utc(row.relevant_time)
    {
        return Err(invalid(
            if matches!(entry, CustodyEntry::Interview(_)) {
                "started_at"
            } else {
                "at"
            },
            "before_relevant_time",
            "This is before the detainee arrived at the station",
        ));
    }
    let f = fold(row, entries);
    let facts = facts(row, &f);
    match entry {
        CustodyEntry::Rights(e) => {
            if e.status == RightStatus::Delayed {
                if !row.indictable {
                    return Err(invalid(
                        "status",
                        "pace_s56_s58_indictable",
                        "PACE s.56(2) and s.58(6): rights may be delayed only for an indictable offence",
                    ));
                }
                let by = e.authorised_by.map(|u| u.to_string()).unwrap_or_default();
                if !user_holds(conn, &by, &row.force_code, Role::Superintendent)? {
                    return Err(invalid(
                        "authorised_by",
                        "pace_s56_s58_superintendent",
                        "PACE s.56(2) and s.58(6): a delay needs the authority of a superintendent of the force",
                    ));
                }
            }
            need(c, Capability::RunCustody, "recording detainees' rights")?;
        }
        CustodyEntry::Representative(e) => {
            need(c, Capability::RunCustody, "recording representatives")?;
            if let Some(of) = e.of {
                let called = entries.iter().any(|s| {
                    s.row.id == of.to_string()
                        && matches!(&s.entry, CustodyEntry::Representative(x) if x.of.is_none())
                });
                if !called {
                    return Err(invalid(
                        "of",
                        "not_found",
                        "No representative was called with that entry",
                    ));
                }
            }
        }
        CustodyEntry::Dose(d) => {
            need(c, Capability::RunCustody, "recording medication")?;
            if !f
                .prescriptions
                .iter()
                .any(|(s, _)| s.row.id == d.prescription.to_string())
            {
                return Err(invalid(
                    "prescription",
                    "not_found",
                    "This record has no such medication",
                ));
            }
        }
        CustodyEntry::Interview(i) => {
            need(c, Capability::RunCustody, "recording interviews")?;
            if let Some(of) = i.of {
                if !entries.iter().any(|s| {
                    s.row.id == of.to_string()
                        && matches!(&s.entry, CustodyEntry::Interview(x) if x.of.is_none())
                }) {
                    return Err(invalid(
                        "of",
                        "not_found",
                        "No interview was started with that entry",
                    ));
                }
            }
        }
        CustodyEntry::Note(n) => {
            need(c, Capability::RunCustody, "recording events")?;
            if let Some(cell) = &n.cell {
                let suite = find_suite(conn, &row.suite_id)?;
                if !suite.is_some_and(|s| s.cells.contains(cell)) {
                    return Err(invalid(
                        "cell",
                        "unknown",
                        format!("The suite has no cell {cell}"),
                    ));
                }
            }
        }
        CustodyEntry::RiskAssessment(_)
        | CustodyEntry::Visit(_)
        | CustodyEntry::Prescription(_)
        | CustodyEntry::Healthcare(_)
        | CustodyEntry::Property(_) => need(c, Capability::RunCustody, "keeping custody records")?,
        CustodyEntry::Annotation(_) => {}
        CustodyEntry::Review(e) => {
            let charged = f.charged_at.is_some_and(|t| t <= at);
            if charged {
                if !c.can(Capability::AuthoriseDetention) {
                    return Err(wrong_officer(
                        "PACE s.40(1)(a)",
                        "after charge, the review officer is the custody officer",
                    ));
                }
            } else {
                if !c.can(Capability::ReviewDetention) {
                    return Err(wrong_officer(
                        "PACE s.40(1)(b)",
                        "before charge, the review officer is an inspector or above",
                    ));
                }
                if involved(conn, c, row, &f)? {
                    return Err(wrong_officer(
                        "PACE s.40(1)(b)",
                        "the review officer must not be directly involved in the investigation",
                    ));
                }
            }
            check_review(
                &facts,
                &r.pace,
                &ReviewFact {
                    at,
                    postponed: e.postponed,
                },
            )
            .map_err(refused)?;
        }
        CustodyEntry::Extension(x) => {
            if !c.can(Capability::ExtendDetention) {
                return Err(wrong_officer(
                    "PACE s.42(1)",
                    "only a superintendent or above may authorise continued detention beyond 24 hours",
                ));
            }
            check_extension(&facts, &r.pace, at, x.until.unwrap_or(at)).map_err(refused)?;
        }
        CustodyEntry::Warrant(w) => {
            need(
                c,
                Capability::AuthoriseDetention,
                "recording warrants of further detention (the custody officer)",
            )?;
            check_warrant(&facts, &r.pace, at, w.until.unwrap_or(at)).map_err(refused)?;
        }
        CustodyEntry::Charge(ch) => {
            need(c, Capability::ChargeDetainee, "charging (the custody officer)")?;
            if f.charged_at.is_some() {
                return Err(ApiError::code(
                    ErrorCode::InvalidTransition,
                    "The detainee has already been charged",
                ));
            }
            let found = offence_labels(conn, &ch.offences)?;
            for (i, code) in ch.offences.iter().enumerate() {
                if !found.iter().any(|(c, _, _)| c == code) {
                    return Err(invalid(
                        &format!("offences.{i}"),
                        "unknown",
                        format!("{code} is not an offence code"),
                    ));
                }
            }
        }
        CustodyEntry::Disposal(d) => {
            need(
                c,
                Capability::ChargeDetainee,
                "releasing detainees (the custody officer)",
            )?;
            if !d.outcome.is_charge() && f.charged_at.is_some() {
                return Err(invalid(
                    "outcome",
                    "charged",
                    "The detainee has been charged: the disposal is charge with bail or remand",
                ));
            }
        }
    }
    Ok(at)
}

/// Appends an entry to a record (idempotent with a key) and answers with the record. A disposal
/// closes the record; a closed record takes only annotations.
pub async fn add_entry(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    entry: CustodyEntry,
    key: Option<String>,
    expected_version: Option<i64>,
) -> Result<Outcome<CustodyRecordDto>, ApiError> {
    let hash = idempotency::request_hash(&(id, &entry));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let r = CustodyRef::load(conn)?;
        let now_t = Utc::now();
        let errors = check_entry(&entry, &r.questions, now_t);
        let row = visible(conn, &c, &id.to_string())?;
        access::own_record(&c, &row.force_code, "custody record")?;
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 200, |conn| {
            // Take the record's row lock first: two entries on one record are checked one after the
            // other, each against what the other wrote.
            let bumped = diesel::update(
                custody_records::table
                    .filter(custody_records::id.eq(&row.id))
                    .filter(custody_records::version.eq(expected_version.unwrap_or(row.version))),
            )
            .set((
                custody_records::version.eq(custody_records::version + 1),
                custody_records::updated_at.eq(now()),
            ))
            .execute(conn)?;
            if bumped == 0 {
                let current =
                    CustodyRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
                return Err(ApiError::precondition_failed(crate::http::etag(current.version)));
            }
            let row =
                CustodyRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
            let entries = load_entries(conn, std::slice::from_ref(&row.id))?
                .remove(&row.id)
                .unwrap_or_default();
            let at = check_against_record(conn, &c, &r, &row, &entries, &entry, now_t)?;
            let entry_id = insert_entry(conn, &c, &row.id, &entry, at)?;
            match &entry {
                CustodyEntry::Disposal(_) => {
                    diesel::update(custody_records::table.find(&row.id))
                        .set((
                            custody_records::state.eq("closed"),
                            custody_records::released_at.eq(Some(naive(at))),
                        ))
                        .execute(conn)?;
                }
                CustodyEntry::Note(n) if n.cell.is_some() => {
                    diesel::update(custody_records::table.find(&row.id))
                        .set(custody_records::cell.eq(n.cell.clone()))
                        .execute(conn)?;
                }
                _ => {}
            }
            audit::append(
                conn,
                AuditAction::Update,
                Entry::by(&c)
                    .owned_record(KIND, &row.id, &row.force_code)
                    .detail(format!("{} entry {entry_id}", entry.kind())),
            )?;
            let row =
                CustodyRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
            let reference = Reference::load(conn)?;
            dto(conn, &r, &reference, &row, Utc::now())
        })
    })
    .await
}

/// A suite's board: every open record with its dues, what is due first at the top. One audit row
/// per view names the suite and how many detainees were shown.
///
/// The board is read in a read transaction (one snapshot) and the audit row is written after it, on
/// its own: a custody suite's screens poll the board, and on SQLite a write transaction around the
/// whole read would make every poll wait for the others.
pub async fn board(db: &Db, caller: &Caller, suite_id: uuid::Uuid) -> Result<Board, ApiError> {
    let c = caller.clone();
    let db2 = db.clone();
    let board = db
        .read(move |conn| conn.transaction(|conn| read_board(conn, &db2, &c, suite_id)))
        .await?;
    let c = caller.clone();
    let detail = format!("custody board: {} detainees", board.rows.len());
    let code = board.suite.code.clone();
    db.write(move |conn| {
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c).record("custody_suite", &code).detail(detail),
        )
    })
    .await?;
    Ok(board)
}

/// The board as read (see [`board`]).
fn read_board(
    conn: &mut AnyConnection,
    db2: &Db,
    c: &Caller,
    suite_id: uuid::Uuid,
) -> Result<Board, ApiError> {
    let suite = find_suite(conn, &suite_id.to_string())?
        .filter(|s| access::is_owner(c, &s.force_code))
        .ok_or_else(|| ApiError::not_found("custody suite"))?;
    let r = db2.cached(conn, "custody_ref", reference::CACHE_TTL, CustodyRef::load)?;
    let (reference, _) = reference::cached(db2, conn)?;
    let now_t = Utc::now();
    let rows: Vec<CustodyRow> = custody_records::table
        .filter(custody_records::suite_id.eq(suite.id.to_string()))
        .filter(custody_records::state.eq("open"))
        .select(CustodyRow::as_select())
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let (mut entries, last_visits) = load_board_entries(conn, &ids)?;
    let people: Vec<(RecordKind, String)> = rows
        .iter()
        .map(|r| (RecordKind::Person, r.person_id.clone()))
        .collect();
    let people = summaries::load(conn, &reference, now_t.date_naive(), &people)?;
    let mut out: Vec<BoardRow> = rows
        .iter()
        .map(|row| {
            let e = entries.remove(&row.id).unwrap_or_default();
            let mut f = fold(row, &e);
            f.last_visit = last_visits.get(&row.id).copied();
            let person = people.get(&row.person_id).map(|i| &i.summary);
            let markers = person.map(|p| p.markers.clone()).unwrap_or_default();
            let care = care(row, &f, &r, &markers);
            let k = clocks(&facts(row, &f), &r.pace, now_t);
            let dose = next_doses(row, &f, now_t)
                .into_iter()
                .filter_map(|(_, p, due)| due.map(|d| (d, p.medicine.clone())))
                .min_by_key(|(d, _)| *d);
            let risk_due = care.risk_assessed_at.is_none();
            let limit = k.limit_applies.then_some(k.limit);
            let next_due = earliest(&[
                k.next_review_due,
                limit,
                care.next_visit_due,
                dose.as_ref().map(|d| d.0),
                risk_due.then(|| utc(row.decided_at)),
            ]);
            BoardRow {
                record_id: uuid(&row.id),
                number: row.number.clone(),
                detainee: person
                    .map(|p| p.label.clone())
                    .unwrap_or_else(|| "(not available)".into()),
                cell: f.cell.clone(),
                relevant_time: utc(row.relevant_time),
                next_review_due: k.next_review_due,
                limit,
                next_visit_due: care.next_visit_due,
                observation_level: care.observation_level,
                rousing: care.rousing,
                risk_assessment_due: risk_due,
                next_dose_due: dose.as_ref().map(|d| d.0),
                next_dose_medicine: dose.map(|d| d.1),
                risk_markers: care.risk_markers,
                next_due,
            }
        })
        .collect();
    sort_board(&mut out);
    Ok(Board {
        suite,
        server_time: now_t,
        rows: out,
    })
}

/// Summaries of custody records for the shared index (links on person pages): the number, where,
/// and open or released.
pub fn summaries_of(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<(CustodyRow, String, Vec<String>)>, ApiError> {
    let rows: Vec<CustodyRow> = custody_records::table
        .filter(custody_records::id.eq_any(ids))
        .select(CustodyRow::as_select())
        .load(conn)?;
    let names: HashMap<String, String> = custody_suites::table
        .select((custody_suites::id, custody_suites::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let suite = names.get(&r.suite_id).cloned().unwrap_or_default();
            let mut details = vec![suite];
            details.push(match r.released_at {
                None => "In custody".to_owned(),
                Some(t) => format!("Released {}", t.format("%d/%m/%Y %H:%M")),
            });
            let label = format!("Custody {}", r.number);
            (r, label, details)
        })
        .collect())
}

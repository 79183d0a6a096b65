//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::schema::{grading_map, intel_reports, intel_sources, links};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::links as link_service;
use crate::index::people as people_service;
use crate::index::reference::Reference;
use crate::intelligence::queries::ReportRow;
use crate::investigation::{next_number, user_ref, user_refs};
use crate::kernel::access::{self, Guarded, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{Capability, Role};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::intelligence::{
    check_grading, check_report_action, check_submission, Assessment, Grading, HandlingCode,
    IntelligenceQuery, LegacyGrading, LegacyImportRequest, Priority, QueueItem, ReportAction, ReportDto,
    ReportState, ReportTransition, SourceDto, SourceEvaluation, SourceKind, SubmitReportRequest,
};
use bluelamp_shared::links::CreateLinkRequest;
use bluelamp_shared::records::{Grantee, RecordKind, RecordMeta, RecordRef, Restriction};
use bluelamp_shared::tasks::{WorkItem, WorkKind};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

const ALL_ACTIONS: [ReportAction; 5] = [
    ReportAction::StartEvaluation,
    ReportAction::Return,
    ReportAction::Resubmit,
    ReportAction::Disseminate,
    ReportAction::Archive,
];

fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

fn guarded(row: &ReportRow) -> Guarded<'_> {
    Guarded {
        kind: RecordKind::Event,
        id: &row.id,
        owner: &row.force_code,
        restricted: row.restricted,
        created_by: row.created_by.as_deref(),
    }
}

fn state_of(row: &ReportRow) -> ReportState {
    ReportState::parse(&row.state).unwrap_or(ReportState::Submitted)
}

/// Whether the caller is in the report's force's intelligence unit.
fn is_unit(caller: &Caller, row: &ReportRow) -> bool {
    access::is_owner(caller, &row.force_code) && caller.can(Capability::EvaluateIntelligence)
}

fn is_submitter(caller: &Caller, row: &ReportRow) -> bool {
    row.created_by.as_deref() == Some(caller.user_id.as_str())
}

/// The restriction a report has before dissemination: its force's intelligence unit.
fn unit_only() -> Restriction {
    Restriction {
        restricted: true,
        grantees: vec![Grantee::Role(Role::IntelligenceOfficer)],
    }
}

fn subject_reason(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Person => Some("intel_subject"),
        RecordKind::Organisation => Some("intel_subject_organisation"),
        RecordKind::Object => Some("intel_subject_object"),
        RecordKind::Location => Some("intel_subject_location"),
        RecordKind::Event => None,
    }
}

fn grading_of(row: &ReportRow) -> Option<Grading> {
    Some(Grading {
        source_evaluation: Some(SourceEvaluation::parse(row.source_evaluation.as_deref()?)?),
        assessment: Some(Assessment::parse(row.assessment.as_deref()?)?),
        handling: Some(HandlingCode::parse(row.handling.as_deref()?)?),
        handling_conditions: row.handling_conditions.clone(),
        priority: Priority::parse(&row.priority),
        review_date: row.review_date,
    })
}

/// What the caller may see of a report they may see at all.
fn dto(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    row: &ReportRow,
) -> Result<ReportDto, ApiError> {
    let insider = is_unit(caller, row) || is_submitter(caller, row);
    let state = state_of(row);
    let disseminated = matches!(state, ReportState::Disseminated | ReportState::Archived);
    let subjects = link_service::views(conn, vis, reference, today, std::slice::from_ref(&row.id))?
        .into_iter()
        .filter(|l| l.reason.starts_with("intel_subject"))
        .map(|l| l.other)
        .collect();
    let source_reference = match (&row.source_id, insider) {
        (Some(s), true) => intel_sources::table
            .find(s)
            .select(intel_sources::reference)
            .first::<String>(conn)
            .optional()?,
        _ => None,
    };
    let refs = user_refs(conn, &row.created_by.iter().cloned().collect::<Vec<_>>())?;
    let grading = grading_of(row).filter(|_| disseminated || insider);
    let grants = access::grants_of(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    Ok(ReportDto {
        id: uuid(&row.id),
        reference: row.reference.clone(),
        state,
        original_text: Some(row.original_text.clone()).filter(|_| insider),
        sanitised_text: row.sanitised_text.clone().filter(|_| disseminated || insider),
        grading_short: grading.as_ref().and_then(Grading::short),
        grading,
        legacy_grading: row
            .legacy_grading
            .as_deref()
            .and_then(|g| serde_json::from_str::<LegacyGrading>(g).ok()),
        priority: Priority::parse(&row.priority).unwrap_or(Priority::Low),
        source_reference,
        obtained_at: utc(row.obtained_at),
        obtained_where: Some(row.obtained_where.clone()).filter(|_| insider),
        subjects,
        questions: row.questions.clone().filter(|_| insider),
        answers: row.answers.clone().filter(|_| insider),
        submitted_by: row
            .created_by
            .as_deref()
            .filter(|_| insider)
            .map(|u| user_ref(&refs, u)),
        actions: ALL_ACTIONS
            .into_iter()
            .filter(|a| a.next_state(state).is_some() && may(caller, row, *a))
            .collect(),
        meta: RecordMeta {
            force: ForceCode(row.force_code.clone()),
            restriction: Restriction {
                restricted: row.restricted,
                grantees: if is_unit(caller, row) { grants } else { vec![] },
            },
            version: row.version,
            created_at: utc(row.created_at),
            updated_at: utc(row.updated_at),
        },
    })
}

fn may(caller: &Caller, row: &ReportRow, action: ReportAction) -> bool {
    match action {
        ReportAction::Resubmit => is_submitter(caller, row),
        _ => is_unit(caller, row),
    }
}

fn audit_read(
    conn: &mut AnyConnection,
    caller: &Caller,
    row: &ReportRow,
    purpose: &str,
) -> Result<(), ApiError> {
    audit::append(
        conn,
        AuditAction::Read,
        Entry::by(caller)
            .owned_record("intelligence_report", &row.id, &row.force_code)
            .purpose(Some(purpose)),
    )
}

fn need_purpose(purpose: Option<String>) -> Result<String, ApiError> {
    // Every view of intelligence states why, restricted or not.
    access::require_purpose(true, purpose).map(|p| p.unwrap_or_default())
}

/// What linking needs to know about the caller's view of the index.
struct View<'a> {
    vis: &'a Visibility,
    reference: &'a Reference,
    today: NaiveDate,
}

fn link_subject(
    conn: &mut AnyConnection,
    caller: &Caller,
    v: &View<'_>,
    report_id: &str,
    to: RecordRef,
    path: &str,
) -> Result<(), ApiError> {
    let (vis, reference, today) = (v.vis, v.reference, v.today);
    let Some(reason) = subject_reason(to.kind) else {
        return Err(ApiError::validation(vec![FieldError::new(
            path,
            "kind",
            "Not a subject kind",
        )]));
    };
    link_service::create_in(
        conn,
        caller,
        vis,
        reference,
        today,
        &CreateLinkRequest {
            from: RecordRef {
                kind: RecordKind::Event,
                id: uuid(report_id),
            },
            to,
            reason: reason.to_owned(),
            valid_from: None,
            valid_to: None,
            source: None,
        },
    )
    .map_err(|e| people_service::prefix_errors(e, path))?;
    Ok(())
}

fn new_row(caller: &Caller, reference: String, text: &str, at: NaiveDateTime) -> ReportRow {
    let t = now();
    ReportRow {
        id: uuid::Uuid::new_v4().to_string(),
        force_code: caller.force_code.clone(),
        reference,
        state: ReportState::Submitted.code().to_owned(),
        restricted: true,
        original_text: text.trim().to_owned(),
        sanitised_text: None,
        obtained_at: at,
        obtained_where: String::new(),
        source_id: None,
        priority: Priority::Low.code().to_owned(),
        source_evaluation: None,
        assessment: None,
        handling: None,
        handling_conditions: None,
        review_date: None,
        legacy_reference: None,
        legacy_grading: None,
        questions: None,
        answers: None,
        evaluated_by: None,
        disseminated_at: None,
        state_since: t,
        created_by: Some(caller.user_id.clone()),
        created_at: t,
        updated_at: t,
        version: 1,
    }
}

/// Submits a report (idempotent with a key). The source goes to the protected register; the report
/// carries only its reference.
pub async fn submit(
    db: &Db,
    caller: &Caller,
    req: SubmitReportRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<ReportDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let errors = check_submission(&req, Utc::now());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !caller.can(Capability::SubmitIntelligence) {
        return Err(ApiError::forbidden(
            "Your roles do not allow submitting intelligence",
        ));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let at = now();
            let source_id = match (&req.source.reference, &req.source.new_source) {
                (Some(r), _) => {
                    let found: Option<String> = intel_sources::table
                        .filter(intel_sources::reference.eq(r.trim().to_uppercase()))
                        .filter(intel_sources::force_code.eq(&c.force_code))
                        .select(intel_sources::id)
                        .first(conn)
                        .optional()?;
                    found.ok_or_else(|| {
                        ApiError::validation(vec![FieldError::new(
                            "source.reference",
                            "not_found",
                            "Your force's source register has no source with that reference",
                        )])
                    })?
                }
                (None, Some(s)) => {
                    let n = next_number(conn, &c.force_code, "source", 0)?;
                    let id = uuid::Uuid::new_v4().to_string();
                    diesel::insert_into(intel_sources::table)
                        .values((
                            intel_sources::id.eq(&id),
                            intel_sources::force_code.eq(&c.force_code),
                            intel_sources::reference.eq(format!("{}-SRC-{n:06}", c.force_code)),
                            intel_sources::kind.eq(s.kind.code()),
                            intel_sources::name.eq(s.name.trim()),
                            intel_sources::details.eq(s.details.trim()),
                            intel_sources::created_by.eq(&c.user_id),
                            intel_sources::created_at.eq(at),
                        ))
                        .execute(conn)?;
                    id
                }
                (None, None) => unreachable!("checked by check_submission"),
            };
            let obtained = req
                .obtained_at
                .map(|t| t.naive_utc().trunc_subsecs(6))
                .unwrap_or(at);
            let n = next_number(conn, &c.force_code, "intelligence", at.year())?;
            let mut row = new_row(
                &c,
                format!("{}-INT-{}-{n:06}", c.force_code, at.year()),
                &req.text,
                obtained,
            );
            row.obtained_where = req.obtained_where.trim().to_owned();
            row.source_id = Some(source_id);
            row.priority = req.priority.unwrap_or(Priority::Low).code().to_owned();
            diesel::insert_into(intel_reports::table)
                .values(&row)
                .execute(conn)?;
            access::set_grants(conn, RecordKind::Event, &row.id, &unit_only())?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c).owned_record("intelligence_report", &row.id, &row.force_code),
            )?;
            for (i, s) in req.subjects.iter().enumerate() {
                let to = match (&s.record, &s.new_person) {
                    (Some(r), _) => *r,
                    (None, Some(p)) => {
                        let person = people_service::create_in(conn, &c, &vis, &reference, today, p)
                            .map_err(|e| {
                                people_service::prefix_errors(e, &format!("subjects.{i}.new_person"))
                            })?;
                        RecordRef {
                            kind: RecordKind::Person,
                            id: uuid(&person.id),
                        }
                    }
                    (None, None) => continue,
                };
                link_subject(
                    conn,
                    &c,
                    &View {
                        vis: &vis,
                        reference: &reference,
                        today,
                    },
                    &row.id,
                    to,
                    &format!("subjects.{i}"),
                )?;
            }
            dto(conn, &c, &vis, &reference, today, &row)
        })
    })
    .await
}

/// A report (audited with its purpose, which every intelligence read needs).
pub async fn get(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<ReportDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let row = ReportRow::find(conn, &id.to_string())?
            .ok_or_else(|| ApiError::not_found("intelligence report"))?;
        if !vis.can_see(conn, &guarded(&row))? {
            return Err(ApiError::not_found("intelligence report"));
        }
        let purpose = need_purpose(purpose)?;
        audit_read(conn, &c, &row, &purpose)?;
        let reference = Reference::load(conn)?;
        dto(conn, &c, &vis, &reference, today, &row)
    })
    .await
}

/// The force's evaluation queue: submitted and in-evaluation reports, high priority first, then oldest.
pub async fn queue(db: &Db, caller: &Caller, today: NaiveDate) -> Result<Vec<QueueItem>, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let mut rows: Vec<ReportRow> = intel_reports::table
            .filter(intel_reports::force_code.eq(&c.force_code))
            .filter(
                intel_reports::state
                    .eq_any([ReportState::Submitted.code(), ReportState::InEvaluation.code()]),
            )
            .order(intel_reports::created_at)
            .limit(500)
            .select(ReportRow::as_select())
            .load(conn)?;
        rows.sort_by_key(|r| {
            (
                Priority::parse(&r.priority).unwrap_or(Priority::Low),
                r.created_at,
            )
        });
        let mut out = Vec::new();
        for r in rows {
            let subjects = link_service::views(conn, &vis, &reference, today, std::slice::from_ref(&r.id))?
                .into_iter()
                .map(|l| l.other.label)
                .collect();
            out.push(QueueItem {
                id: uuid(&r.id),
                reference: r.reference.clone(),
                state: state_of(&r),
                priority: Priority::parse(&r.priority).unwrap_or(Priority::Low),
                submitted_at: utc(r.created_at),
                subjects,
            });
        }
        Ok(out)
    })
    .await
}

/// Makes a move of the report workflow if the report is still at `version`.
pub async fn transition(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: i64,
    t: ReportTransition,
    today: NaiveDate,
) -> Result<ReportDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let before = ReportRow::find(conn, &id.to_string())?
            .ok_or_else(|| ApiError::not_found("intelligence report"))?;
        if !vis.can_see(conn, &guarded(&before))? {
            return Err(ApiError::not_found("intelligence report"));
        }
        if before.version != version {
            let current = dto(conn, &c, &vis, &reference, today, &before)?;
            return Err(ApiError::precondition_failed_with(
                crate::http::etag(before.version),
                &current,
            ));
        }
        let Some(action) = t.action else {
            return Err(ApiError::validation(vec![FieldError::new(
                "action",
                "required",
                "Say which move to make",
            )]));
        };
        let from = state_of(&before);
        let Some(to) = action.next_state(from) else {
            let allowed: Vec<&str> = ALL_ACTIONS
                .into_iter()
                .filter(|a| a.next_state(from).is_some())
                .map(|a| a.as_str())
                .collect();
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "A report that is {} cannot `{}`; from here the moves are: {}",
                    from.code().replace('_', " "),
                    action.as_str(),
                    if allowed.is_empty() {
                        "none".to_owned()
                    } else {
                        allowed.join(", ")
                    }
                ),
            ));
        };
        if !may(&c, &before, action) {
            return Err(ApiError::forbidden(if action == ReportAction::Resubmit {
                "Only the submitter answers the intelligence unit's questions"
            } else {
                "Only the force's intelligence unit evaluates, returns, disseminates and archives reports"
            }));
        }
        let errors = check_report_action(action, &t, today);
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let mut after = before.clone();
        after.state = to.code().to_owned();
        after.state_since = now();
        after.updated_at = now();
        after.version = before.version + 1;
        let comments = t.comments.as_deref().map(str::trim).map(str::to_owned);
        match action {
            ReportAction::Return => after.questions = comments,
            ReportAction::Resubmit => after.answers = comments,
            ReportAction::Disseminate => {
                let g = t.grading.clone().unwrap_or_default();
                after.source_evaluation = g.source_evaluation.map(|x| x.code().to_owned());
                after.assessment = g.assessment.map(|x| x.code().to_owned());
                after.handling = g.handling.map(|x| x.code().to_owned());
                after.handling_conditions = g
                    .handling_conditions
                    .map(|x| x.trim().to_owned())
                    .filter(|x| !x.is_empty());
                after.priority = g.priority.unwrap_or(Priority::Low).code().to_owned();
                after.review_date = g.review_date;
                after.sanitised_text = t.sanitised_text.as_deref().map(str::trim).map(str::to_owned);
                after.evaluated_by = Some(c.user_id.clone());
                after.disseminated_at = Some(now());
                let mut r = t.restriction.clone().unwrap_or_default();
                if r.restricted && !r.grantees.contains(&Grantee::Role(Role::IntelligenceOfficer)) {
                    r.grantees.push(Grantee::Role(Role::IntelligenceOfficer));
                }
                if r.restricted && r.grantees.len() < 2 {
                    return Err(ApiError::validation(vec![FieldError::new(
                        "restriction.grantees",
                        "required",
                        "Name the group that needs to know",
                    )]));
                }
                after.restricted = r.restricted;
                access::set_grants(conn, RecordKind::Event, &before.id, &r)?;
            }
            ReportAction::StartEvaluation | ReportAction::Archive => {}
        }
        let n = diesel::update(
            intel_reports::table
                .filter(intel_reports::id.eq(&before.id))
                .filter(intel_reports::version.eq(before.version)),
        )
        .set(&after)
        .execute(conn)?;
        if n == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(
                before.version + 1,
            )));
        }
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("intelligence_report", &before.id, &before.force_code)
                .detail(format!("{}: {} → {}", action.as_str(), from.code(), to.code())),
        )?;
        dto(conn, &c, &vis, &reference, today, &after)
    })
    .await
}

/// Disseminated intelligence the caller may see, by words of the text, reference or subject. Every
/// report returned is audited with the purpose.
pub async fn search(
    db: &Db,
    caller: &Caller,
    q: IntelligenceQuery,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<Vec<ReportDto>, ApiError> {
    let purpose = need_purpose(purpose)?;
    let words =
        q.q.as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned);
    let subject = q
        .subject_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    if words.is_none() && subject.is_none() {
        return Err(ApiError::validation(vec![FieldError::new(
            "q",
            "required",
            "Give words to search for, a reference, or a subject",
        )]));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let mut query = intel_reports::table
            .filter(intel_reports::state.eq(ReportState::Disseminated.code()))
            .order(intel_reports::disseminated_at.desc())
            .limit(200)
            .select(ReportRow::as_select())
            .into_boxed();
        if let Some(s) = &subject {
            let ids: Vec<String> = links::table
                .filter(links::to_id.eq(s))
                .filter(links::reason.like("intel_subject%"))
                .select(links::from_id)
                .load(conn)?;
            query = query.filter(intel_reports::id.eq_any(ids));
        }
        if let Some(w) = &words {
            let pattern = format!("%{}%", w.replace(['%', '_'], ""));
            query = query.filter(
                intel_reports::sanitised_text
                    .like(pattern)
                    .or(intel_reports::reference.eq(w.to_uppercase())),
            );
        }
        let rows: Vec<ReportRow> = query.load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let guards: Vec<Guarded<'_>> = rows.iter().map(guarded).collect();
        let visible = vis.visible_ids(conn, &guards)?;
        let reference = Reference::load(conn)?;
        let mut out = Vec::new();
        for r in rows.iter().filter(|r| visible.contains(&r.id)).take(50) {
            audit_read(conn, &c, r, &purpose)?;
            out.push(dto(conn, &c, &vis, &reference, today, r)?);
        }
        Ok(out)
    })
    .await
}

/// Imports a legacy 5x5x5 report, disseminated, with its original grading kept and the mapped one
/// from the `grading_map` reference table.
pub async fn import_legacy(
    db: &Db,
    caller: &Caller,
    req: LegacyImportRequest,
    today: NaiveDate,
) -> Result<ReportDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let map: Vec<(String, String, String, Option<String>)> = grading_map::table
            .select((
                grading_map::dimension,
                grading_map::legacy_code,
                grading_map::mapped_code,
                grading_map::conditions,
            ))
            .load(conn)?;
        let find = |dim: &str, code: &str| {
            map.iter()
                .find(|m| m.0 == dim && m.1 == code.trim().to_uppercase())
                .map(|m| (m.2.clone(), m.3.clone()))
        };
        let mut errors = Vec::new();
        let g = &req.grading;
        let source = find("source", &g.source);
        let intel = find("intelligence", &g.intelligence);
        let handling = find("handling", &g.handling);
        for (path, found, what) in [
            ("grading.source", source.is_some(), "A to E"),
            ("grading.intelligence", intel.is_some(), "1 to 5"),
            ("grading.handling", handling.is_some(), "1 to 5"),
        ] {
            if !found {
                errors.push(FieldError::new(
                    path,
                    "unknown_code",
                    format!("A 5x5x5 grading here is {what}"),
                ));
            }
        }
        if req.text.trim().is_empty() {
            errors.push(FieldError::new(
                "text",
                "required",
                "The disseminated text is required",
            ));
        }
        if req.legacy_reference.trim().is_empty() {
            errors.push(FieldError::new(
                "legacy_reference",
                "required",
                "The old system's reference is required",
            ));
        }
        if req.subjects.is_empty() {
            errors.push(FieldError::new(
                "subjects",
                "required",
                "Link the report to its subjects",
            ));
        }
        let review = req.review_date.unwrap_or(today + Duration::days(365));
        let (source, intel, handling) = match (source, intel, handling) {
            (Some(s), Some(i), Some(h)) if errors.is_empty() => (s, i, h),
            _ => return Err(ApiError::validation(errors)),
        };
        let mapped = Grading {
            source_evaluation: SourceEvaluation::parse(&source.0),
            assessment: Assessment::parse(&intel.0),
            handling: HandlingCode::parse(&handling.0),
            handling_conditions: handling.1.clone(),
            priority: Some(Priority::Low),
            review_date: Some(review),
        };
        let errors: Vec<FieldError> = check_grading(&mapped, today)
            .into_iter()
            .map(|e| FieldError {
                path: format!("grading.{}", e.path),
                ..e
            })
            .collect();
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let at = now();
        let n = next_number(conn, &c.force_code, "intelligence", at.year())?;
        let obtained = req
            .obtained_at
            .map(|t| t.naive_utc().trunc_subsecs(6))
            .unwrap_or(at);
        let mut row = new_row(
            &c,
            format!("{}-INT-{}-{n:06}", c.force_code, at.year()),
            &req.text,
            obtained,
        );
        row.state = ReportState::Disseminated.code().to_owned();
        row.restricted = false;
        row.obtained_where = "Imported from the legacy system".to_owned();
        row.sanitised_text = Some(req.text.trim().to_owned());
        row.source_evaluation = Some(source.0);
        row.assessment = Some(intel.0);
        row.handling = Some(handling.0);
        row.handling_conditions = handling.1;
        row.review_date = Some(review);
        row.legacy_reference = Some(req.legacy_reference.trim().to_owned());
        row.legacy_grading = Some(serde_json::to_string(&req.grading).map_err(ApiError::internal)?);
        row.evaluated_by = Some(c.user_id.clone());
        row.disseminated_at = Some(at);
        diesel::insert_into(intel_reports::table)
            .values(&row)
            .execute(conn)?;
        audit::append(
            conn,
            AuditAction::Create,
            Entry::by(&c)
                .owned_record("intelligence_report", &row.id, &row.force_code)
                .detail(format!(
                    "imported legacy {} graded {}",
                    req.legacy_reference.trim(),
                    req.grading.short()
                )),
        )?;
        for (i, s) in req.subjects.iter().enumerate() {
            link_subject(
                conn,
                &c,
                &View {
                    vis: &vis,
                    reference: &reference,
                    today,
                },
                &row.id,
                *s,
                &format!("subjects.{i}"),
            )?;
        }
        dto(conn, &c, &vis, &reference, today, &row)
    })
    .await
}

/// The force's source register (intelligence unit only; audited).
pub async fn sources(db: &Db, caller: &Caller) -> Result<Vec<SourceDto>, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let rows: Vec<(String, String, String, String, String, String, NaiveDateTime)> = intel_sources::table
            .filter(intel_sources::force_code.eq(&c.force_code))
            .order(intel_sources::created_at.desc())
            .limit(500)
            .select((
                intel_sources::id,
                intel_sources::reference,
                intel_sources::kind,
                intel_sources::name,
                intel_sources::details,
                intel_sources::created_by,
                intel_sources::created_at,
            ))
            .load(conn)?;
        let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        let reports: Vec<(Option<String>, String)> = intel_reports::table
            .filter(intel_reports::source_id.eq_any(&ids))
            .select((intel_reports::source_id, intel_reports::reference))
            .load(conn)?;
        let people: Vec<String> = rows.iter().map(|r| r.5.clone()).collect();
        let refs = user_refs(conn, &people)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .record("source_register", &c.force_code)
                .detail(format!("{} sources listed", rows.len())),
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, reference, kind, name, details, by, at)| SourceDto {
                reports: reports
                    .iter()
                    .filter(|r| r.0.as_deref() == Some(id.as_str()))
                    .map(|r| r.1.clone())
                    .collect(),
                id: uuid(&id),
                reference,
                kind: SourceKind::parse(&kind).unwrap_or(SourceKind::MemberOfPublic),
                name,
                details,
                recorded_by: user_ref(&refs, &by),
                recorded_at: utc(at),
            })
            .collect())
    })
    .await
}

/// Labels of reports for the shared index (links on subject pages): reference, grading, handling.
pub fn summaries(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<(ReportRow, String, Vec<String>)>, ApiError> {
    let rows: Vec<ReportRow> = intel_reports::table
        .filter(intel_reports::id.eq_any(ids))
        .select(ReportRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut details = vec![match grading_of(&r).and_then(|g| g.short()) {
                Some(g) => format!("Graded {g}"),
                None => "Awaiting evaluation".to_owned(),
            }];
            if let Some(c) = &r.handling_conditions {
                details.push(format!("Handling conditions: {c}"));
            }
            let label = format!("Intelligence {}", r.reference);
            (r, label, details)
        })
        .collect())
}

/// Intelligence work for the inbox: reports of the caller's returned with questions, and, for the
/// intelligence unit, reports waiting for evaluation (due by priority).
pub fn work(conn: &mut AnyConnection, caller: &Caller) -> Result<Vec<WorkItem>, ApiError> {
    let now_t = Utc::now();
    let mut items = Vec::new();
    let returned: Vec<(String, String)> = intel_reports::table
        .filter(intel_reports::created_by.eq(&caller.user_id))
        .filter(intel_reports::state.eq(ReportState::Returned.code()))
        .select((intel_reports::id, intel_reports::reference))
        .load(conn)?;
    for (id, reference) in returned {
        items.push(WorkItem {
            kind: WorkKind::ReturnedIntelligence,
            title: format!("Answer the intelligence unit's questions on {reference}"),
            crime_id: None,
            incident_id: None,
            task_id: None,
            report_id: Some(uuid(&id)),
            crn: None,
            due_at: None,
            overdue: false,
        });
    }
    if caller.can(Capability::EvaluateIntelligence) {
        let waiting: Vec<(String, String, String, NaiveDateTime)> = intel_reports::table
            .filter(intel_reports::force_code.eq(&caller.force_code))
            .filter(
                intel_reports::state
                    .eq_any([ReportState::Submitted.code(), ReportState::InEvaluation.code()]),
            )
            .select((
                intel_reports::id,
                intel_reports::reference,
                intel_reports::priority,
                intel_reports::created_at,
            ))
            .limit(200)
            .load(conn)?;
        for (id, reference, priority, at) in waiting {
            let due = utc(at)
                + match Priority::parse(&priority) {
                    Some(Priority::High) => Duration::hours(4),
                    Some(Priority::Medium) => Duration::days(3),
                    _ => Duration::days(14),
                };
            items.push(WorkItem {
                kind: WorkKind::IntelligenceToEvaluate,
                title: format!("Evaluate {reference} ({priority} priority)"),
                crime_id: None,
                incident_id: None,
                task_id: None,
                report_id: Some(uuid(&id)),
                crn: None,
                due_at: Some(due),
                overdue: due < now_t,
            });
        }
    }
    Ok(items)
}

//! What the area does: its rules and side effects, each use case a public function the routes call.

use super::view::for_crime;
use crate::db::now;
use crate::db::schema::{
    dash_assessments, people, person_vulnerabilities, tasks, victim_contacts, victim_referrals, victims,
};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::index::reference::Reference;
use crate::investigation::queries::{CrimeRow, VictimRow};
use crate::investigation::tasks as task_service;
use crate::investigation::{addable_crime, visible_crime, InvestigationRef};
use crate::kernel::access::Visibility;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::views::summaries;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::tasks::TaskKind;
use bluelamp_shared::investigation::victims::{
    check_care, check_dash, referral_missing, ContactInput, DashAnswer, DashRequest, RiskLevel, UpdateEvent,
    UpdateEventRequest, VictimCare, VictimDto,
};
use bluelamp_shared::records::{RecordKind, RecordRef};
use bluelamp_shared::reference::vocab::VULNERABILITY;
use chrono::{NaiveDate, SubsecRound, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

pub(super) fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

pub(super) fn care_of(row: &VictimRow) -> VictimCare {
    serde_json::from_str(&row.care).unwrap_or_default()
}

/// Adds a victim record (one per party per crime) with empty care details; returns its id.
pub fn insert(conn: &mut AnyConnection, crime: &CrimeRow, party: RecordRef) -> Result<String, ApiError> {
    let at = now();
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(victims::table)
        .values(&VictimRow {
            id: id.clone(),
            crime_id: crime.id.clone(),
            party_kind: party.kind.as_str().to_owned(),
            party_id: party.id.to_string(),
            care: serde_json::to_string(&VictimCare::default()).map_err(ApiError::internal)?,
            created_at: at,
            updated_at: at,
            version: 1,
        })
        .execute(conn)?;
    Ok(id)
}

pub(super) fn party_names(
    conn: &mut AnyConnection,
    reference: &Reference,
    today: NaiveDate,
    rows: &[VictimRow],
) -> Result<HashMap<String, summaries::Indexed>, ApiError> {
    let refs: Vec<(RecordKind, String)> = rows
        .iter()
        .filter_map(|r| RecordKind::parse(&r.party_kind).map(|k| (k, r.party_id.clone())))
        .collect();
    summaries::load(conn, reference, today, &refs)
}

/// Creates the Victims' Code deadline tasks for `event` on `on`, for every victim of the crime (or
/// one): each due at the end of the working day the rules give for the victim's entitlement. A
/// victim with an open task for the same event gets no second one.
pub fn deadline_tasks(
    conn: &mut AnyConnection,
    caller: &Caller,
    ir: &InvestigationRef,
    crime: &CrimeRow,
    event: UpdateEvent,
    on: NaiveDate,
    only_victim: Option<&str>,
) -> Result<(), ApiError> {
    let mut rows: Vec<VictimRow> = victims::table
        .filter(victims::crime_id.eq(&crime.id))
        .select(VictimRow::as_select())
        .load(conn)?;
    if let Some(v) = only_victim {
        rows.retain(|r| r.id == v);
    }
    let reference = Reference::load(conn)?;
    let names = party_names(conn, &reference, on, &rows)?;
    for r in rows {
        let open: i64 = tasks::table
            .filter(tasks::victim_id.eq(&r.id))
            .filter(tasks::update_event.eq(event.as_str()))
            .filter(tasks::completed_at.is_null())
            .count()
            .get_result(conn)?;
        if open > 0 {
            continue;
        }
        let care = care_of(&r);
        let Some(due) = ir.deadline(event, care.enhanced(), on) else {
            continue;
        };
        let name = names
            .get(&r.party_id)
            .map(|n| n.summary.label.clone())
            .unwrap_or_else(|| "the victim".to_owned());
        task_service::insert(
            conn,
            caller,
            crime,
            TaskKind::VictimUpdate,
            &event.task_title(&name),
            &format!(
                "Victims' Code: {} victim; deadline from the {} rule",
                if care.enhanced() {
                    "enhanced-entitlement"
                } else {
                    "standard"
                },
                event.as_str().replace('_', " ")
            ),
            crime.officer_in_charge.clone().or(Some(caller.user_id.clone())),
            Some(due),
            Some((r.id.clone(), event)),
        )?;
    }
    Ok(())
}

/// Records an event the victims must be told about; answers the deadline tasks created.
pub async fn record_update_event(
    db: &Db,
    caller: &Caller,
    crime_id: uuid::Uuid,
    req: UpdateEventRequest,
) -> Result<Vec<bluelamp_shared::investigation::tasks::TaskDto>, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let crime = addable_crime(conn, &vis, &crime_id.to_string())?;
        let ir = InvestigationRef::load(conn)?;
        let on = req.on.unwrap_or_else(|| Utc::now().date_naive());
        if on > Utc::now().date_naive() {
            return Err(ApiError::validation(vec![FieldError::new(
                "on",
                "future",
                "Cannot be in the future",
            )]));
        }
        let started = now();
        deadline_tasks(conn, &c, &ir, &crime, req.event, on, None)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!("victim update due: {}", req.event.as_str())),
        )?;
        let rows = task_service::rows_since(conn, &crime.id, started)?;
        task_service::dtos(conn, &rows)
    })
    .await
}

struct Located {
    victim: VictimRow,
    crime: CrimeRow,
    vis: Visibility,
    reference: Reference,
    ir: InvestigationRef,
}

fn locate(conn: &mut AnyConnection, caller: &Caller, id: &str, adding: bool) -> Result<Located, ApiError> {
    let victim: VictimRow = victims::table
        .find(id)
        .select(VictimRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("victim"))?;
    let vis = Visibility::load(conn, caller)?;
    let crime = if adding {
        addable_crime(conn, &vis, &victim.crime_id)
    } else {
        visible_crime(conn, &vis, &victim.crime_id)
    }
    .map_err(|e| e.not_found_as("victim"))?;
    let reference = Reference::load(conn)?;
    let ir = InvestigationRef::load(conn)?;
    Ok(Located {
        victim,
        crime,
        vis,
        reference,
        ir,
    })
}

fn view(conn: &mut AnyConnection, l: &Located, today: NaiveDate) -> Result<VictimDto, ApiError> {
    for_crime(conn, &l.vis, &l.reference, &l.ir, today, &l.crime)?
        .into_iter()
        .find(|v| v.id.to_string() == l.victim.id)
        .ok_or_else(|| ApiError::not_found("victim"))
}

/// Audits a change to a victim's record and answers the victim as it is now.
fn finish(
    conn: &mut AnyConnection,
    caller: &Caller,
    l: &Located,
    action: AuditAction,
    detail: impl Into<String>,
    today: NaiveDate,
) -> Result<VictimDto, ApiError> {
    audit::append(
        conn,
        action,
        Entry::by(caller)
            .owned_record("crime", &l.crime.id, &l.crime.force_code)
            .detail(detail),
    )?;
    let l = locate(conn, caller, &l.victim.id, true)?;
    view(conn, &l, today)
}

fn touch_victim(conn: &mut AnyConnection, v: &VictimRow) -> Result<(), ApiError> {
    diesel::update(victims::table.find(&v.id))
        .set((
            victims::updated_at.eq(now()),
            victims::version.eq(victims::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Saves a victim's care details if still at `version`; vulnerabilities are also recorded on the
/// person, so every module sees them.
pub async fn update_care(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: IfMatch,
    care: VictimCare,
    today: NaiveDate,
) -> Result<VictimDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let l = locate(conn, &c, &id.to_string(), true)?;
        let version = version.expect(l.victim.version);
        if l.victim.version != version {
            let current = view(conn, &l, today)?;
            return Err(ApiError::precondition_failed_with(
                crate::http::etag(l.victim.version),
                &current,
            ));
        }
        let mut errors = check_care_codes(&l, &care, today);
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            return Err(ApiError::validation(errors));
        }
        let n = diesel::update(
            victims::table
                .filter(victims::id.eq(&l.victim.id))
                .filter(victims::version.eq(version)),
        )
        .set((
            victims::care.eq(serde_json::to_string(&care).map_err(ApiError::internal)?),
            victims::updated_at.eq(now()),
            victims::version.eq(version + 1),
        ))
        .execute(conn)?;
        if n == 0 {
            return Err(ApiError::precondition_failed(crate::http::etag(version + 1)));
        }
        if l.victim.party_kind == "person" {
            record_vulnerabilities(conn, &c, &l, &care, today)?;
        }
        finish(conn, &c, &l, AuditAction::Update, "victim care updated", today)
    })
    .await
}

/// The care's own rules, its codes against the reference data, and vulnerabilities for people
/// only (unsorted).
fn check_care_codes(l: &Located, care: &VictimCare, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = check_care(care, today);
    use bluelamp_shared::investigation::victims::vocab as v;
    for (i, n) in care.needs.iter().enumerate() {
        l.reference.check_for(
            &l.crime.force_code,
            &mut errors,
            &format!("needs.{i}"),
            v::VICTIM_NEED,
            Some(n),
        );
    }
    for (i, n) in care.enhanced_reasons.iter().enumerate() {
        l.reference.check(
            &mut errors,
            &format!("enhanced_reasons.{i}"),
            v::ENHANCED_REASON,
            Some(n),
        );
    }
    for (i, n) in care.vulnerabilities.iter().enumerate() {
        l.reference.check_for(
            &l.crime.force_code,
            &mut errors,
            &format!("vulnerabilities.{i}"),
            VULNERABILITY,
            Some(n),
        );
    }
    l.reference.check(
        &mut errors,
        "update_method",
        v::CONTACT_METHOD,
        care.update_method.as_deref(),
    );
    l.reference.check(
        &mut errors,
        "update_frequency",
        v::UPDATE_FREQUENCY,
        care.update_frequency.as_deref(),
    );
    l.reference.check(
        &mut errors,
        "safe_contact_method",
        v::CONTACT_METHOD,
        care.safe_contact_method.as_deref(),
    );
    if !care.vulnerabilities.is_empty() && l.victim.party_kind != "person" {
        errors.push(FieldError::new(
            "vulnerabilities",
            "people_only",
            "Only a person can have vulnerabilities",
        ));
    }
    errors
}

/// Records on the person the vulnerabilities the care adds, noted as from this crime; the person
/// is updated and audited when any is new.
fn record_vulnerabilities(
    conn: &mut AnyConnection,
    c: &Caller,
    l: &Located,
    care: &VictimCare,
    today: NaiveDate,
) -> Result<(), ApiError> {
    let existing: Vec<String> = person_vulnerabilities::table
        .filter(person_vulnerabilities::person_id.eq(&l.victim.party_id))
        .select(person_vulnerabilities::code)
        .load(conn)?;
    let mut added = false;
    for code in care.vulnerabilities.iter().filter(|c| !existing.contains(c)) {
        diesel::insert_into(person_vulnerabilities::table)
            .values((
                person_vulnerabilities::id.eq(uuid::Uuid::new_v4().to_string()),
                person_vulnerabilities::person_id.eq(&l.victim.party_id),
                person_vulnerabilities::code.eq(code),
                person_vulnerabilities::noted_on.eq(today),
                person_vulnerabilities::notes.eq(Some(format!(
                    "Noted as a victim of crime {}",
                    l.crime.crn.clone().unwrap_or_else(|| "(draft)".into())
                ))),
            ))
            .execute(conn)?;
        added = true;
    }
    if added {
        diesel::update(people::table.find(&l.victim.party_id))
            .set((
                people::version.eq(people::version + 1),
                people::updated_at.eq(now()),
            ))
            .execute(conn)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(c)
                .record("person", &l.victim.party_id)
                .detail("vulnerability recorded from victim care"),
        )?;
    }
    Ok(())
}

/// Logs a contact with the victim; a contact that gives an update completes its deadline task.
pub async fn add_contact(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: ContactInput,
    today: NaiveDate,
) -> Result<VictimDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let l = locate(conn, &c, &id.to_string(), true)?;
        let mut errors = Vec::new();
        if req.method.trim().is_empty() {
            errors.push(FieldError::new(
                "method",
                "required",
                "Choose how the victim was contacted",
            ));
        }
        l.reference.check(
            &mut errors,
            "method",
            bluelamp_shared::investigation::victims::vocab::CONTACT_METHOD,
            Some(&req.method),
        );
        if req.summary.trim().is_empty() {
            errors.push(FieldError::new(
                "summary",
                "required",
                "Say what the victim was told",
            ));
        }
        let at = req.at.map(|t| t.naive_utc().trunc_subsecs(6)).unwrap_or_else(now);
        if at > now() + chrono::Duration::minutes(5) {
            errors.push(FieldError::new("at", "future", "Cannot be in the future"));
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            errors.dedup();
            return Err(ApiError::validation(errors));
        }
        diesel::insert_into(victim_contacts::table)
            .values((
                victim_contacts::id.eq(uuid::Uuid::new_v4().to_string()),
                victim_contacts::victim_id.eq(&l.victim.id),
                victim_contacts::at.eq(at),
                victim_contacts::method.eq(req.method.trim()),
                victim_contacts::summary.eq(req.summary.trim()),
                victim_contacts::update_event.eq(req.update.map(|u| u.as_str())),
                victim_contacts::contacted_by.eq(&c.user_id),
            ))
            .execute(conn)?;
        if let Some(u) = req.update {
            diesel::update(
                tasks::table
                    .filter(tasks::victim_id.eq(&l.victim.id))
                    .filter(tasks::update_event.eq(u.as_str()))
                    .filter(tasks::completed_at.is_null()),
            )
            .set((
                tasks::completed_at.eq(now()),
                tasks::result.eq(format!(
                    "Victim told ({}): {}",
                    req.method.trim(),
                    req.summary.trim()
                )),
                tasks::version.eq(tasks::version + 1),
            ))
            .execute(conn)?;
        }
        touch_victim(conn, &l.victim)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &l.crime.id, &l.crime.force_code)
                .detail("victim contact logged"),
        )?;
        view(conn, &l, today)
    })
    .await
}

/// Sends the referral to victim services, generated from the record. Refused with the list of what
/// is missing; never sent twice for the same victim of the same crime (the database enforces it).
pub async fn refer(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    today: NaiveDate,
) -> Result<VictimDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let l = locate(conn, &c, &id.to_string(), true)?;
        let sent: i64 = victim_referrals::table
            .filter(victim_referrals::victim_id.eq(&l.victim.id))
            .count()
            .get_result(conn)?;
        if sent > 0 {
            return Err(ApiError::conflict(
                "A referral for this victim of this crime has already been sent",
            ));
        }
        let care = care_of(&l.victim);
        let missing = referral_missing(&care, l.crime.domestic_abuse);
        if !missing.is_empty() {
            return Err(ApiError::validation(missing));
        }
        let current = view(conn, &l, today)?;
        let payload = serde_json::json!({
            "crime_reference": l.crime.crn,
            "force": l.crime.force_code,
            "offence": l.crime.offence,
            "domestic_abuse": l.crime.domestic_abuse,
            "victim": {
                "name": current.party.label,
                "details": current.party.details,
                "kind": l.victim.party_kind,
            },
            "enhanced_reasons": care.enhanced_reasons,
            "needs": care.needs,
            "safe_contact_method": care.safe_contact_method,
            "safe_contact_number": care.safe_contact_number,
            "update_method": care.update_method,
            "consent_to_referral": care.consent_to_referral,
        });
        let insert = diesel::insert_into(victim_referrals::table)
            .values((
                victim_referrals::id.eq(uuid::Uuid::new_v4().to_string()),
                victim_referrals::victim_id.eq(&l.victim.id),
                victim_referrals::status.eq("sent"),
                victim_referrals::payload.eq(payload.to_string()),
                victim_referrals::sent_by.eq(&c.user_id),
                victim_referrals::sent_at.eq(now()),
            ))
            .execute(conn);
        match insert {
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                return Err(ApiError::conflict(
                    "A referral for this victim of this crime has already been sent",
                ))
            }
            other => {
                other?;
            }
        }
        touch_victim(conn, &l.victim)?;
        finish(
            conn,
            &c,
            &l,
            AuditAction::Export,
            "referral sent to victim services",
            today,
        )
    })
    .await
}

/// Records a DASH assessment; a high result creates a MARAC referral task pre-filled from it.
pub async fn assess_dash(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: DashRequest,
    today: NaiveDate,
) -> Result<VictimDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let l = locate(conn, &c, &id.to_string(), true)?;
        if l.victim.party_kind != "person" {
            return Err(ApiError::validation(vec![FieldError::new(
                "answers",
                "people_only",
                "A DASH assessment is completed with a person",
            )]));
        }
        let questions: Vec<u32> = l.ir.dash_questions.iter().map(|q| q.number).collect();
        let (score, scored, level) = check_dash(&req, &questions).map_err(ApiError::validation)?;
        let aid = uuid::Uuid::new_v4().to_string();
        let marac = if level == RiskLevel::High {
            let current = view(conn, &l, today)?;
            let yes: Vec<String> = l
                .ir
                .dash_questions
                .iter()
                .filter(|q| req.answers.get(&q.number) == Some(&DashAnswer::Yes))
                .map(|q| format!("{}. {}", q.number, q.text))
                .collect();
            let details = format!(
                "MARAC referral (pre-filled from the DASH assessment)\nVictim: {} ({})\nCrime: {}\nScore: {score} of {} ({}){}\nRisk level: HIGH\nSafe contact: {} {}\nRisk factors answered yes:\n{}",
                current.party.label,
                current.party.details.join(", "),
                l.crime.crn.clone().unwrap_or_else(|| "(draft)".into()),
                questions.len(),
                scored.as_str(),
                match (&req.professional_judgement, &req.judgement_reason) {
                    (Some(_), Some(r)) => format!("\nRaised by professional judgement: {}", r.trim()),
                    _ => String::new(),
                },
                current.care.safe_contact_method.clone().unwrap_or_else(|| "not recorded".into()),
                current.care.safe_contact_number.clone().unwrap_or_default(),
                yes.join("\n")
            );
            let due = l.ir.deadline(UpdateEvent::Recorded, true, today);
            Some(task_service::insert(
                conn,
                &c,
                &l.crime,
                TaskKind::Marac,
                &format!("Refer {} to MARAC (high-risk DASH)", current.party.label),
                &details,
                l.crime.officer_in_charge.clone().or(Some(c.user_id.clone())),
                due,
                None,
            )?)
        } else {
            None
        };
        diesel::insert_into(dash_assessments::table)
            .values((
                dash_assessments::id.eq(&aid),
                dash_assessments::victim_id.eq(&l.victim.id),
                dash_assessments::answers.eq(serde_json::to_string(&req.answers).map_err(ApiError::internal)?),
                dash_assessments::score.eq(score as i32),
                dash_assessments::scored_level.eq(scored.as_str()),
                dash_assessments::judgement.eq(req.professional_judgement.map(|j| j.as_str())),
                dash_assessments::judgement_reason.eq(req.judgement_reason.as_deref().map(str::trim)),
                dash_assessments::level.eq(level.as_str()),
                dash_assessments::marac_task_id.eq(marac),
                dash_assessments::assessed_by.eq(&c.user_id),
                dash_assessments::assessed_at.eq(now()),
            ))
            .execute(conn)?;
        touch_victim(conn, &l.victim)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &l.crime.id, &l.crime.force_code)
                .detail(format!("DASH assessment: {}", level.as_str())),
        )?;
        let l = locate(conn, &c, &id.to_string(), true)?;
        view(conn, &l, today)
    })
    .await
}

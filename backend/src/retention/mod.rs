//! Retention under MoPI: each crime's group and review date, kept by the retention job
//! ([`assess::run`], nightly in the server and `bluelamp retention assess`); the force's review queue;
//! a reviewer's override of the group (with a justification) and decisions against the National
//! Retention Assessment Criteria, every one kept and audited. Disposal and the other kinds of record
//! come next (issue 15).

pub mod assess;
pub mod routes;

use crate::db::schema::{retention_assessments as ra, retention_decisions as rd};
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::index::reference::Reference;
use crate::investigation::queries::CrimeRow;
use crate::investigation::{guarded, visible_crime};
use crate::kernel::access::{self, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{user_ref, user_refs};
use assess::{parse_reason, AssessmentRow, Rules};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::retention::reviews::{
    check_decision, check_override, GroupOverride, NracAnswers, OverrideGroupRequest, RetentionDecisionDto,
    RetentionDecisionRequest, RetentionOutcome, ReviewDto, ReviewQuery,
};
use bluelamp_shared::retention::{add_years, review_interval_years, MopiGroup, ReviewDue};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

type DecisionRow = (String, String, String, String, NaiveDate, String, NaiveDateTime);

fn group(code: &str) -> MopiGroup {
    MopiGroup::parse(code).unwrap_or(MopiGroup::OtherOffences)
}

/// The review of one record, as the reviewer reads it.
fn review_dto(
    conn: &mut AnyConnection,
    reference: &Reference,
    row: AssessmentRow,
    crime: &CrimeRow,
    today: NaiveDate,
) -> Result<ReviewDto, ApiError> {
    let decisions: Vec<DecisionRow> = rd::table
        .filter(rd::record_id.eq(&row.record_id))
        .order((rd::decided_at.desc(), rd::id.desc()))
        .select((
            rd::id,
            rd::outcome,
            rd::nrac,
            rd::justification,
            rd::next_review_on,
            rd::decided_by,
            rd::decided_at,
        ))
        .load(conn)?;
    let mut people: Vec<String> = decisions.iter().map(|d| d.5.clone()).collect();
    people.extend(row.overridden_by.clone());
    let refs = user_refs(conn, &people)?;
    let derived = group(&row.derived_group);
    let overridden = match (&row.override_group, &row.overridden_by, row.overridden_at) {
        (Some(g), Some(by), Some(at)) => Some(GroupOverride {
            group: group(g),
            justification: row.override_justification.clone().unwrap_or_default(),
            by: user_ref(&refs, by),
            at: crate::db::utc(at),
        }),
        _ => None,
    };
    let review_due = ReviewDue {
        on: row.review_due,
        reason: parse_reason(&row.review_reason),
    };
    let summary = crime.classification.as_deref().map_or_else(
        || "Not yet classified".to_owned(),
        |c| reference.label(bluelamp_shared::investigation::vocab::HO_CLASSIFICATION, c),
    );
    Ok(ReviewDto {
        record_kind: row.record_kind.clone(),
        record_id: row.record_id.parse().unwrap_or_default(),
        reference: crime.crn.clone().unwrap_or_else(|| crime.id.clone()),
        summary,
        derived_group: derived,
        seriousness: group(&row.seriousness),
        derived_reason: row.derived_reason.clone(),
        group: overridden.as_ref().map_or(derived, |o| o.group),
        overridden,
        due: today >= review_due.on,
        review_due,
        decisions: decisions
            .into_iter()
            .map(
                |(id, _, nrac, justification, next, by, at)| RetentionDecisionDto {
                    id: id.parse().unwrap_or_default(),
                    outcome: RetentionOutcome::Retain,
                    nrac: serde_json::from_str::<NracAnswers>(&nrac).unwrap_or_default(),
                    justification,
                    next_review_on: next,
                    by: user_ref(&refs, &by),
                    at: crate::db::utc(at),
                },
            )
            .collect(),
        version: row.version,
    })
}

fn assessment(conn: &mut AnyConnection, id: &str) -> Result<AssessmentRow, ApiError> {
    ra::table
        .find(id)
        .select(AssessmentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("retention review"))
}

/// The assessment of one of the caller's force's records, through the access gate: another force's,
/// or a record the caller may not see, is not found (audited for the owner).
fn own_assessment(
    conn: &mut AnyConnection,
    c: &Caller,
    id: &str,
) -> Result<(AssessmentRow, CrimeRow, Visibility), ApiError> {
    let row = assessment(conn, id)?;
    access::own_record(c, "crime", &row.record_id, &row.force_code)?;
    let vis = Visibility::load(conn, c)?;
    let crime = visible_crime(conn, &vis, &row.record_id)?;
    Ok((row, crime, vis))
}

/// The force's records due for review by `due_by` (default today), soonest due first, that the caller
/// may see.
pub async fn queue(
    db: &Db,
    caller: &Caller,
    q: ReviewQuery,
    today: NaiveDate,
) -> Result<Page<ReviewDto>, ApiError> {
    let paging = Paging::with_default(
        &PageQuery {
            cursor: q.cursor.clone(),
            limit: q.limit,
        },
        50,
    )?;
    let due_by = q.due_by.unwrap_or(today);
    let c = caller.clone();
    db.read(move |conn| {
        let mut query = ra::table
            .filter(ra::force_code.eq(&c.force_code))
            .filter(ra::review_due.le(due_by))
            .select(AssessmentRow::as_select())
            .order((ra::review_due.asc(), ra::record_id.asc()))
            .limit(paging.fetch())
            .into_boxed();
        if let Some(after) = &paging.after {
            let on = after.date()?;
            query = query.filter(
                ra::review_due
                    .gt(on)
                    .or(ra::review_due.eq(on).and(ra::record_id.gt(after.id.clone()))),
            );
        }
        let rows: Vec<AssessmentRow> = query.load(conn)?;
        paging.page(
            rows,
            |r| Cursor::on(r.review_due, &r.record_id),
            |rows| {
                let vis = Visibility::load(conn, &c)?;
                let reference = Reference::load(conn)?;
                let ids: Vec<String> = rows.iter().map(|r| r.record_id.clone()).collect();
                let crimes = CrimeRow::find_many(conn, &ids)?;
                let guards: Vec<_> = crimes.iter().map(guarded).collect();
                let seen = vis.visible_ids(conn, &guards)?;
                let mut out = Vec::new();
                for row in rows {
                    if let Some(crime) = crimes
                        .iter()
                        .find(|c| c.id == row.record_id && seen.contains(&c.id))
                    {
                        out.push(review_dto(conn, &reference, row, crime, today)?);
                    }
                }
                Ok(out)
            },
        )
    })
    .await
}

/// One record's review; the read is audited on the record.
pub async fn get(db: &Db, caller: &Caller, id: uuid::Uuid, today: NaiveDate) -> Result<ReviewDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let (row, crime, _) = own_assessment(conn, &c, &id.to_string())?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .owned_record("crime", &row.record_id, &row.force_code)
                .detail("retention review read"),
        )?;
        let reference = Reference::load(conn)?;
        review_dto(conn, &reference, row, &crime, today)
    })
    .await
}

/// The review after a reviewer's change: reassessed at once (the date follows the group or the
/// decision now, not at the next run).
fn reassessed(
    conn: &mut AnyConnection,
    rules: &Rules,
    id: &str,
    crime: &CrimeRow,
    today: NaiveDate,
) -> Result<ReviewDto, ApiError> {
    assess::assess_one(conn, rules, id)?;
    let reference = Reference::load(conn)?;
    let row = assessment(conn, id)?;
    review_dto(conn, &reference, row, crime, today)
}

/// Writes a change to an assessment if it is still at the version read; audited.
fn changed(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &AssessmentRow,
    expected: IfMatch,
    detail: String,
    change: impl FnOnce(&mut AnyConnection, i64) -> Result<usize, ApiError>,
) -> Result<(), ApiError> {
    let version = expected.expect(row.version);
    if version != row.version || change(conn, version)? == 0 {
        return Err(ApiError::precondition_failed(crate::http::etag(row.version)));
    }
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(c)
            .owned_record("crime", &row.record_id, &row.force_code)
            .detail(detail),
    )
}

/// A reviewer sets the group by hand, with a justification; the review date follows the group.
pub async fn override_group(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: OverrideGroupRequest,
    today: NaiveDate,
) -> Result<ReviewDto, ApiError> {
    let errors = check_override(&req);
    let c = caller.clone();
    db.write(move |conn| {
        let (row, crime, _) = own_assessment(conn, &c, &id.to_string())?;
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let justification = req.justification.trim().to_owned();
        let detail = format!(
            "retention group set to {} (the rules gave {}): {justification}",
            req.group.code(),
            row.derived_group
        );
        changed(conn, &c, &row, expected, detail, |conn, version| {
            Ok(
                diesel::update(ra::table.find(&row.record_id).filter(ra::version.eq(version)))
                    .set((
                        ra::override_group.eq(Some(req.group.code())),
                        ra::override_justification.eq(Some(&justification)),
                        ra::overridden_by.eq(Some(&c.user_id)),
                        ra::overridden_at.eq(Some(now())),
                        ra::version.eq(version + 1),
                    ))
                    .execute(conn)?,
            )
        })?;
        let rules = Rules::load(conn)?;
        reassessed(conn, &rules, &row.record_id, &crime, today)
    })
    .await
}

/// A reviewer decides a review: retain, with the NRAC answers, a justification and the next review
/// (within the group's period from today). Every decision is kept.
pub async fn decide(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    expected: IfMatch,
    req: RetentionDecisionRequest,
    today: NaiveDate,
) -> Result<ReviewDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let (row, crime, _) = own_assessment(conn, &c, &id.to_string())?;
        let rules = Rules::load(conn)?;
        let applies = row
            .override_group
            .as_deref()
            .map(group)
            .filter(|g| g.is_offence_group())
            .unwrap_or_else(|| group(&row.seriousness));
        let latest = add_years(today, review_interval_years(&rules.periods, applies));
        let errors = check_decision(&req, today, latest);
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let justification = req.justification.trim().to_owned();
        let decision_id = uuid::Uuid::new_v4().to_string();
        let detail = format!(
            "retention review decided: retain until the next review on {}: {justification}",
            req.next_review_on
        );
        changed(conn, &c, &row, expected, detail, |conn, version| {
            diesel::insert_into(rd::table)
                .values((
                    rd::id.eq(&decision_id),
                    rd::record_id.eq(&row.record_id),
                    rd::record_kind.eq(&row.record_kind),
                    rd::force_code.eq(&row.force_code),
                    rd::outcome.eq("retain"),
                    rd::nrac.eq(serde_json::to_string(&req.nrac).map_err(ApiError::internal)?),
                    rd::justification.eq(&justification),
                    rd::next_review_on.eq(req.next_review_on),
                    rd::decided_by.eq(&c.user_id),
                    rd::decided_at.eq(now()),
                ))
                .execute(conn)?;
            Ok(
                diesel::update(ra::table.find(&row.record_id).filter(ra::version.eq(version)))
                    .set(ra::version.eq(version + 1))
                    .execute(conn)?,
            )
        })?;
        reassessed(conn, &rules, &row.record_id, &crime, today)
    })
    .await
}

/// Runs the retention job now (as the nightly run does); `None` when a run is already under way.
pub async fn run_now(db: &Db) -> Result<Option<assess::RunSummary>, ApiError> {
    let db2 = db.clone();
    actix_web::web::block(move || assess::run(&db2))
        .await
        .map_err(ApiError::internal)?
}

//! The retention job: puts every crime in its MoPI group by the rules kept as reference data, and
//! works out when it falls due for review. Idempotent (a record whose assessment has not changed is not
//! written), and safe to run twice at once (a run holds the `retention` job lease; a second run finds
//! it taken and stops).

use crate::db::schema::{
    crimes, job_leases, links, person_dobs, person_markers, reference_codes, retention_assessments as ra,
    retention_decisions as rd,
};
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use bluelamp_shared::reference::lists::ReferenceValue;
use bluelamp_shared::retention::{
    brought_to_justice, clear_period_start, derive_group, review_due, Facts, GroupRule, Kept, MopiGroup,
    NoticeKind, OffenceFact, Periods, ReviewDue, ReviewReason,
};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// The link reasons that make a person an offender or a suspect of a crime (the clear period follows
/// them).
pub const SUSPECT_REASONS: [&str; 2] = ["known_suspect", "offender"];

/// Crimes assessed per transaction.
const BATCH: i64 = 500;

/// How long a run may hold the lease before another may take it (a run that died leaves it).
const LEASE_MINUTES: i64 = 60;

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct RunSummary {
    /// Records assessed.
    pub assessed: u64,
    /// Records whose assessment was new or changed.
    pub changed: u64,
}

/// The rules and figures, read from the reference lists in force.
pub struct Rules {
    /// The review figures (`mopi_group`).
    pub periods: Periods,
    rules: Vec<GroupRule>,
    /// Home Office classification code to its offence group (`ho_classification`'s `group`).
    offence_groups: HashMap<String, String>,
}

impl Rules {
    /// Reads the `mopi_group`, `mopi_rule` and `ho_classification` lists.
    pub fn load(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        let rows: Vec<(String, String, String, String)> = reference_codes::table
            .filter(reference_codes::vocabulary.eq_any(["mopi_group", "mopi_rule", "ho_classification"]))
            .filter(reference_codes::active.eq(true))
            .filter(reference_codes::force_code.is_null())
            .select((
                reference_codes::vocabulary,
                reference_codes::code,
                reference_codes::label,
                reference_codes::attributes,
            ))
            .load(conn)?;
        let mut by_list: HashMap<String, Vec<ReferenceValue>> = HashMap::new();
        for (list, code, label, attributes) in rows {
            let attributes: BTreeMap<String, serde_json::Value> =
                serde_json::from_str(&attributes).unwrap_or_default();
            by_list.entry(list).or_default().push(ReferenceValue {
                code,
                label,
                attributes,
            });
        }
        let periods = Periods::from_values(by_list.get("mopi_group").map_or(&[][..], Vec::as_slice))
            .map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
        let rules = by_list
            .get("mopi_rule")
            .map(|v| v.iter().filter_map(GroupRule::from_value).collect())
            .unwrap_or_default();
        let offence_groups = by_list
            .get("ho_classification")
            .map(|v| {
                v.iter()
                    .filter_map(|c| {
                        c.attributes
                            .get("group")
                            .and_then(serde_json::Value::as_str)
                            .map(|g| (c.code.clone(), g.to_owned()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Rules {
            periods,
            rules,
            offence_groups,
        })
    }
}

/// One crime as the job reads it.
type CrimeFacts = (String, String, NaiveDateTime, Option<String>, Option<String>);

/// Crimes as the job reads them: the one named, or the next batch after `after` in id order.
fn crime_facts(
    conn: &mut AnyConnection,
    after: Option<&str>,
    only: Option<&str>,
) -> Result<Vec<CrimeFacts>, ApiError> {
    let mut q = crimes::table
        .select((
            crimes::id,
            crimes::force_code,
            crimes::reported_at,
            crimes::classification,
            crimes::outcome,
        ))
        .order(crimes::id.asc())
        .limit(BATCH)
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(crimes::id.eq(id.to_owned()));
    }
    if let Some(a) = after {
        q = q.filter(crimes::id.gt(a.to_owned()));
    }
    Ok(q.load(conn)?)
}

/// Runs the job over every crime, unless another run holds the lease (then `Ok(None)`).
pub fn run(db: &Db) -> Result<Option<RunSummary>, ApiError> {
    let holder = uuid::Uuid::new_v4().to_string();
    if !db.write_sync(|conn| take_lease(conn, &holder))? {
        return Ok(None);
    }
    let out = assess_all(db);
    db.write_sync(|conn| release_lease(conn, &holder))?;
    out.map(Some)
}

fn assess_all(db: &Db) -> Result<RunSummary, ApiError> {
    // One edition of the rules for the whole run, read once.
    let rules = Rules::load(&mut *db.get()?)?;
    let mut summary = RunSummary::default();
    let mut after = String::new();
    loop {
        let (done, last) = db.write_sync(|conn| {
            let batch = crime_facts(conn, Some(&after), None)?;
            let last = batch.last().map(|c| c.0.clone());
            let changed = assess_batch(conn, &rules, &batch)?;
            summary.assessed += batch.len() as u64;
            summary.changed += changed;
            Ok((batch.len() < BATCH as usize, last))
        })?;
        match last {
            Some(l) if !done => after = l,
            _ => return Ok(summary),
        }
    }
}

/// Assesses one crime now (after a change a reviewer made), whatever the job last wrote.
pub fn assess_one(conn: &mut AnyConnection, rules: &Rules, crime_id: &str) -> Result<(), ApiError> {
    let batch = crime_facts(conn, None, Some(crime_id))?;
    assess_batch(conn, rules, &batch).map(|_| ())
}

/// What the rules need of the people suspected of or charged with a batch's crimes.
struct Suspects {
    /// Crime id to its suspects' person ids.
    of_crime: HashMap<String, Vec<String>>,
    /// Person id to the times they came to notice.
    notices: HashMap<String, Vec<(NaiveDate, NoticeKind)>>,
    /// Person id to their active warning markers.
    markers: HashMap<String, Vec<String>>,
    /// Person id to their dates of birth.
    born: HashMap<String, Vec<NaiveDate>>,
}

fn suspects(conn: &mut AnyConnection, crime_ids: &[String]) -> Result<Suspects, ApiError> {
    let pairs: Vec<(String, String)> = links::table
        .filter(links::from_id.eq_any(crime_ids))
        .filter(links::to_kind.eq("person"))
        .filter(links::reason.eq_any(SUSPECT_REASONS))
        .select((links::from_id, links::to_id))
        .load(conn)?;
    let mut of_crime: HashMap<String, Vec<String>> = HashMap::new();
    let mut people: Vec<String> = Vec::new();
    for (crime, person) in pairs {
        people.push(person.clone());
        of_crime.entry(crime).or_default().push(person);
    }
    people.sort();
    people.dedup();
    // Every crime each of them is a suspect or offender in: the clear period restarts on each.
    let theirs: Vec<(String, String, NaiveDateTime, Option<String>)> = links::table
        .inner_join(crimes::table.on(crimes::id.eq(links::from_id)))
        .filter(links::to_id.eq_any(&people))
        .filter(links::reason.eq_any(SUSPECT_REASONS))
        .select((links::to_id, links::reason, crimes::reported_at, crimes::outcome))
        .load(conn)?;
    let mut notices: HashMap<String, Vec<(NaiveDate, NoticeKind)>> = HashMap::new();
    for (person, reason, reported, outcome) in theirs {
        let kind = if reason == "offender" || outcome.as_deref().is_some_and(brought_to_justice) {
            NoticeKind::Offence
        } else {
            NoticeKind::SuspectedOffence
        };
        notices.entry(person).or_default().push((reported.date(), kind));
    }
    let marker_rows: Vec<(String, String, NaiveDate)> = person_markers::table
        .filter(person_markers::person_id.eq_any(&people))
        .filter(person_markers::ended_on.is_null())
        .select((
            person_markers::person_id,
            person_markers::code,
            person_markers::set_on,
        ))
        .load(conn)?;
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    for (person, code, set_on) in marker_rows {
        // A warning marker records a risk of harm the person poses: the clear period restarts.
        notices
            .entry(person.clone())
            .or_default()
            .push((set_on, NoticeKind::RiskOfHarm));
        markers.entry(person).or_default().push(code);
    }
    let dobs: Vec<(String, NaiveDate)> = person_dobs::table
        .filter(person_dobs::person_id.eq_any(&people))
        .select((person_dobs::person_id, person_dobs::dob))
        .load(conn)?;
    let mut born: HashMap<String, Vec<NaiveDate>> = HashMap::new();
    for (person, dob) in dobs {
        born.entry(person).or_default().push(dob);
    }
    Ok(Suspects {
        of_crime,
        notices,
        markers,
        born,
    })
}

/// A crime's assessment as the rules give it (before any override or decision).
pub struct Assessment {
    /// The group, seriousness and reason.
    pub derivation: bluelamp_shared::retention::Derivation,
    /// Start of the clear period.
    pub clear_from: NaiveDate,
    /// The youngest suspect's date of birth, when every suspect's is known.
    pub born: Option<NaiveDate>,
    /// When the crime was reported.
    pub since: NaiveDate,
}

fn assess(rules: &Rules, s: &Suspects, crime: &CrimeFacts) -> Assessment {
    let (id, _, reported, classification, outcome) = crime;
    let people = s.of_crime.get(id).cloned().unwrap_or_default();
    let offences = classification
        .iter()
        .map(|c| OffenceFact {
            classification: c.clone(),
            offence_group: rules.offence_groups.get(c).cloned().unwrap_or_default(),
        })
        .collect();
    let markers = people
        .iter()
        .flat_map(|p| s.markers.get(p).cloned().unwrap_or_default())
        .collect();
    let facts = Facts {
        kept: Kept::Crime {
            detected: outcome.as_deref().map(brought_to_justice),
        },
        offences,
        markers,
    };
    let notices: Vec<(NaiveDate, NoticeKind)> = people
        .iter()
        .flat_map(|p| s.notices.get(p).cloned().unwrap_or_default())
        .collect();
    let since = reported.date();
    let clear_from = clear_period_start(&notices).map_or(since, |d| d.max(since));
    let dobs: Vec<Option<NaiveDate>> = people
        .iter()
        .map(|p| s.born.get(p).and_then(|d| d.iter().max().copied()))
        .collect();
    let born = if !dobs.is_empty() && dobs.iter().all(Option::is_some) {
        dobs.into_iter().flatten().max()
    } else {
        None
    };
    Assessment {
        derivation: derive_group(&rules.rules, &facts),
        clear_from,
        born,
        since,
    }
}

/// The stored assessment of a record.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ra)]
pub struct AssessmentRow {
    /// Record id.
    pub record_id: String,
    /// Record kind.
    pub record_kind: String,
    /// Owning force.
    pub force_code: String,
    /// The rules' group.
    pub derived_group: String,
    /// The seriousness whose figures apply.
    pub seriousness: String,
    /// Why.
    pub derived_reason: String,
    /// A reviewer's group.
    pub override_group: Option<String>,
    /// Why.
    pub override_justification: Option<String>,
    /// Who.
    pub overridden_by: Option<String>,
    /// When.
    pub overridden_at: Option<NaiveDateTime>,
    /// Due for review on.
    pub review_due: NaiveDate,
    /// Why then.
    pub review_reason: String,
    /// Last assessed.
    pub assessed_at: NaiveDateTime,
    /// Version.
    pub version: i64,
}

/// When a record falls due: the next review a reviewer set at the last decision, or else what the
/// figures of the group that applies give.
pub fn due_for(
    periods: &Periods,
    a: &Assessment,
    override_group: Option<MopiGroup>,
    next_review: Option<NaiveDate>,
) -> ReviewDue {
    if let Some(on) = next_review {
        return ReviewDue {
            on,
            reason: ReviewReason::NextReview,
        };
    }
    let seriousness = override_group
        .filter(|g| g.is_offence_group())
        .unwrap_or(a.derivation.seriousness);
    review_due(periods, seriousness, a.since, a.clear_from, a.born)
}

/// The next review set by the latest decision on each record.
fn next_reviews(conn: &mut AnyConnection, ids: &[String]) -> Result<HashMap<String, NaiveDate>, ApiError> {
    let rows: Vec<(String, NaiveDate, NaiveDateTime)> = rd::table
        .filter(rd::record_id.eq_any(ids))
        .select((rd::record_id, rd::next_review_on, rd::decided_at))
        .order((rd::record_id.asc(), rd::decided_at.asc()))
        .load(conn)?;
    // Ordered by decision time: the last one written for a record is its latest.
    Ok(rows.into_iter().map(|(id, next, _)| (id, next)).collect())
}

fn reason_code(r: ReviewReason) -> &'static str {
    match r {
        ReviewReason::Periodic => "periodic",
        ReviewReason::DeemedAge => "deemed_age",
        ReviewReason::ClearPeriod => "clear_period",
        ReviewReason::NextReview => "next_review",
    }
}

/// Reads a stored review reason.
pub fn parse_reason(code: &str) -> ReviewReason {
    match code {
        "periodic" => ReviewReason::Periodic,
        "deemed_age" => ReviewReason::DeemedAge,
        "next_review" => ReviewReason::NextReview,
        _ => ReviewReason::ClearPeriod,
    }
}

fn assess_batch(conn: &mut AnyConnection, rules: &Rules, batch: &[CrimeFacts]) -> Result<u64, ApiError> {
    let ids: Vec<String> = batch.iter().map(|c| c.0.clone()).collect();
    let s = suspects(conn, &ids)?;
    let existing: HashMap<String, AssessmentRow> = ra::table
        .filter(ra::record_id.eq_any(&ids))
        .select(AssessmentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|r| (r.record_id.clone(), r))
        .collect();
    let next = next_reviews(conn, &ids)?;
    let mut changed = 0;
    for crime in batch {
        let a = assess(rules, &s, crime);
        let old = existing.get(&crime.0);
        let override_group = old
            .and_then(|o| o.override_group.as_deref())
            .and_then(MopiGroup::parse);
        let due = due_for(&rules.periods, &a, override_group, next.get(&crime.0).copied());
        let d = &a.derivation;
        let same = old.is_some_and(|o| {
            o.derived_group == d.group.code()
                && o.seriousness == d.seriousness.code()
                && o.derived_reason == d.reason
                && o.review_due == due.on
                && o.review_reason == reason_code(due.reason)
        });
        if same {
            continue;
        }
        changed += 1;
        let at = now();
        match old {
            Some(o) => {
                diesel::update(ra::table.find(&o.record_id))
                    .set((
                        ra::derived_group.eq(d.group.code()),
                        ra::seriousness.eq(d.seriousness.code()),
                        ra::derived_reason.eq(&d.reason),
                        ra::review_due.eq(due.on),
                        ra::review_reason.eq(reason_code(due.reason)),
                        ra::assessed_at.eq(at),
                        ra::version.eq(o.version + 1),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(ra::table)
                    .values((
                        ra::record_id.eq(&crime.0),
                        ra::record_kind.eq("crime"),
                        ra::force_code.eq(&crime.1),
                        ra::derived_group.eq(d.group.code()),
                        ra::seriousness.eq(d.seriousness.code()),
                        ra::derived_reason.eq(&d.reason),
                        ra::review_due.eq(due.on),
                        ra::review_reason.eq(reason_code(due.reason)),
                        ra::assessed_at.eq(at),
                        ra::version.eq(1),
                    ))
                    .execute(conn)?;
            }
        }
    }
    Ok(changed)
}

/// Takes the job's lease if no other run holds it.
fn take_lease(conn: &mut AnyConnection, holder: &str) -> Result<bool, ApiError> {
    let at = now();
    let n = diesel::update(
        job_leases::table
            .filter(job_leases::name.eq("retention"))
            .filter(job_leases::held_until.is_null().or(job_leases::held_until.lt(at))),
    )
    .set((
        job_leases::holder.eq(Some(holder)),
        job_leases::held_until.eq(Some(at + chrono::Duration::minutes(LEASE_MINUTES))),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

fn release_lease(conn: &mut AnyConnection, holder: &str) -> Result<(), ApiError> {
    diesel::update(
        job_leases::table
            .filter(job_leases::name.eq("retention"))
            .filter(job_leases::holder.eq(holder)),
    )
    .set((
        job_leases::holder.eq(None::<String>),
        job_leases::held_until.eq(None::<NaiveDateTime>),
        job_leases::last_finished_at.eq(Some(now())),
    ))
    .execute(conn)?;
    Ok(())
}

/// Runs the job every night at `hour` UTC on a thread of its own (none when `hour` is 24 or more).
/// Several servers on one database may all run it: the lease lets one work and the others stop.
pub fn run_nightly(db: Db, hour: u32) {
    if hour >= 24 {
        return;
    }
    std::thread::spawn(move || loop {
        let now = chrono::Utc::now().naive_utc();
        let today_at = now.date().and_hms_opt(hour, 0, 0).unwrap_or(now);
        let next = if today_at > now {
            today_at
        } else {
            today_at + chrono::Duration::days(1)
        };
        std::thread::sleep((next - now).to_std().unwrap_or_default());
        match run(&db) {
            Ok(Some(s)) => tracing::info!(assessed = s.assessed, changed = s.changed, "retention run done"),
            Ok(None) => tracing::info!("retention run skipped: another is under way"),
            Err(e) => tracing::error!(error = ?e, "retention run failed"),
        }
    });
}

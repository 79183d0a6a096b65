//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::schema::{crime_cancellations, crimes, drafts, incidents, tasks, users};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::investigation::addable_crime;
use crate::investigation::queries::{CrimeRow, IncidentRow, TaskRow};
use crate::kernel::access::{self, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{user_ref, user_refs};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::tasks::{
    check_task, sort_work, CompleteTaskRequest, CreateTaskRequest, DraftDto, MyWork, SaveDraftRequest,
    TaskDto, TaskKind, WorkItem, WorkKind, MAX_DRAFT_BYTES,
};
use bluelamp_shared::investigation::victims::UpdateEvent;
use bluelamp_shared::investigation::{CrimeState, RecordingClock};
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::users::UserRef;
use chrono::{DateTime, Duration, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

/// How long a supervisor has to review a crime submitted to them.
pub const REVIEW_DUE: Duration = Duration::days(2);
/// How long the registrar has to decide a cancellation.
pub const CANCELLATION_DUE: Duration = Duration::days(5);

fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

/// Adds a task to a crime; returns its id.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &mut AnyConnection,
    caller: &Caller,
    crime: &CrimeRow,
    kind: TaskKind,
    title: &str,
    details: &str,
    assignee: Option<String>,
    due_at: Option<NaiveDateTime>,
    victim_update: Option<(String, UpdateEvent)>,
) -> Result<String, ApiError> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(tasks::table)
        .values(&TaskRow {
            id: id.clone(),
            force_code: crime.force_code.clone(),
            crime_id: crime.id.clone(),
            kind: kind.as_str().to_owned(),
            title: title.to_owned(),
            details: details.to_owned(),
            assignee,
            due_at,
            completed_at: None,
            result: None,
            victim_id: victim_update.as_ref().map(|v| v.0.clone()),
            update_event: victim_update.map(|v| v.1.as_str().to_owned()),
            created_by: Some(caller.user_id.clone()),
            created_at: now(),
            version: 1,
        })
        .execute(conn)?;
    Ok(id)
}

/// The API form of a task.
pub fn dto(t: &TaskRow, refs: &HashMap<String, UserRef>) -> TaskDto {
    TaskDto {
        id: uuid(&t.id),
        crime_id: uuid(&t.crime_id),
        kind: TaskKind::parse(&t.kind).unwrap_or(TaskKind::Action),
        title: t.title.clone(),
        details: t.details.clone(),
        assignee: t.assignee.as_deref().map(|u| user_ref(refs, u)),
        due_at: t.due_at.map(utc),
        completed_at: t.completed_at.map(utc),
        result: t.result.clone(),
        created_by: t.created_by.as_deref().map(|u| user_ref(refs, u)),
        created_at: utc(t.created_at),
        version: t.version,
    }
}

/// The API form of some tasks, with names.
pub fn dtos(conn: &mut AnyConnection, rows: &[TaskRow]) -> Result<Vec<TaskDto>, ApiError> {
    let mut people: Vec<String> = rows.iter().filter_map(|t| t.assignee.clone()).collect();
    people.extend(rows.iter().filter_map(|t| t.created_by.clone()));
    let refs = user_refs(conn, &people)?;
    Ok(rows.iter().map(|t| dto(t, &refs)).collect())
}

/// Tasks of a crime created at or after `since`.
pub fn rows_since(
    conn: &mut AnyConnection,
    crime_id: &str,
    since: NaiveDateTime,
) -> Result<Vec<TaskRow>, ApiError> {
    Ok(tasks::table
        .filter(tasks::crime_id.eq(crime_id))
        .filter(tasks::created_at.ge(since))
        .order(tasks::created_at)
        .select(TaskRow::as_select())
        .load(conn)?)
}

/// Sets a task on a crime (assigned to the officer in charge unless someone is named).
pub async fn create(
    db: &Db,
    caller: &Caller,
    crime_id: uuid::Uuid,
    req: CreateTaskRequest,
) -> Result<TaskDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let crime = addable_crime(conn, &vis, &crime_id.to_string())?;
        let mut errors = check_task(&req);
        if let Some(a) = req.assignee {
            let ok: i64 = users::table
                .filter(users::id.eq(a.to_string()))
                .filter(users::active.eq(true))
                .filter(users::force_code.eq_any([crime.force_code.clone(), c.force_code.clone()]))
                .count()
                .get_result(conn)?;
            if ok == 0 {
                errors.push(FieldError::new(
                    "assignee",
                    "not_found",
                    "No active officer has that id",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let assignee = req
            .assignee
            .map(|a| a.to_string())
            .or(crime.officer_in_charge.clone())
            .or(Some(c.user_id.clone()));
        let id = insert(
            conn,
            &c,
            &crime,
            TaskKind::Action,
            req.title.trim(),
            req.details.trim(),
            assignee,
            req.due_at.map(|d| d.naive_utc().trunc_subsecs(6)),
            None,
        )?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!("task set: {}", req.title.trim())),
        )?;
        let row: TaskRow = tasks::table.find(&id).select(TaskRow::as_select()).first(conn)?;
        Ok(dtos(conn, &[row])?.remove(0))
    })
    .await
}

/// Completes a task with its result (the assignee, the officer in charge, or a supervisor).
pub async fn complete(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CompleteTaskRequest,
) -> Result<TaskDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row: TaskRow = tasks::table
            .find(id.to_string())
            .select(TaskRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("task"))?;
        let vis = Visibility::load(conn, &c)?;
        let crime = addable_crime(conn, &vis, &row.crime_id).map_err(|_| ApiError::not_found("task"))?;
        let allowed = row.assignee.as_deref() == Some(c.user_id.as_str())
            || crime.officer_in_charge.as_deref() == Some(c.user_id.as_str())
            || (access::is_owner(&c, &crime.force_code) && c.can(Capability::ReviewCrime));
        if !allowed {
            return Err(ApiError::forbidden(
                "Only the task's assignee, the officer in charge or a supervisor can complete it",
            ));
        }
        if row.completed_at.is_some() {
            return Err(ApiError::conflict("This task is already complete"));
        }
        if req.result.trim().is_empty() {
            return Err(ApiError::validation(vec![FieldError::new(
                "result",
                "required",
                "Say what was done or found",
            )]));
        }
        diesel::update(tasks::table.find(&row.id))
            .set((
                tasks::completed_at.eq(now()),
                tasks::result.eq(req.result.trim()),
                tasks::version.eq(row.version + 1),
            ))
            .execute(conn)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!("task completed: {}", row.title)),
        )?;
        let row: TaskRow = tasks::table
            .find(&row.id)
            .select(TaskRow::as_select())
            .first(conn)?;
        Ok(dtos(conn, &[row])?.remove(0))
    })
    .await
}

/// Everything waiting for the caller, due first: tasks, returned crimes, reviews, recording
/// decisions, cancellations to decide.
pub async fn my_work(db: &Db, caller: &Caller) -> Result<MyWork, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let now_t = Utc::now();
        let mut items = open_tasks(conn, &c, now_t)?;
        items.extend(returned_crimes(conn, &c)?);
        if c.can(Capability::ReviewCrime) {
            items.extend(reviews_due(conn, &c, now_t)?);
        }
        items.extend(drafts_to_record(conn, &c, now_t)?);
        items.extend(incidents_to_decide(conn, &c, now_t)?);
        if c.can(Capability::ApproveCancellations) {
            items.extend(cancellations_due(conn, &c, now_t)?);
        }
        items.extend(crate::intelligence::work(conn, &c)?);
        sort_work(&mut items);
        Ok(MyWork { items })
    })
    .await
}

/// A work item about a crime.
fn crime_item(
    kind: WorkKind,
    title: String,
    crime_id: &str,
    crn: Option<String>,
    due_at: Option<DateTime<Utc>>,
    overdue: bool,
) -> WorkItem {
    WorkItem {
        kind,
        title,
        crime_id: Some(uuid(crime_id)),
        incident_id: None,
        task_id: None,
        report_id: None,
        crn,
        due_at,
        overdue,
    }
}

/// The caller's open tasks (the first 200 by due date).
fn open_tasks(conn: &mut AnyConnection, c: &Caller, now_t: DateTime<Utc>) -> Result<Vec<WorkItem>, ApiError> {
    let open: Vec<TaskRow> = tasks::table
        .filter(tasks::assignee.eq(&c.user_id))
        .filter(tasks::completed_at.is_null())
        .order(tasks::due_at)
        .limit(200)
        .select(TaskRow::as_select())
        .load(conn)?;
    let crime_ids: Vec<String> = open.iter().map(|t| t.crime_id.clone()).collect();
    let crns: HashMap<String, Option<String>> = crimes::table
        .filter(crimes::id.eq_any(&crime_ids))
        .select((crimes::id, crimes::crn))
        .load::<(String, Option<String>)>(conn)?
        .into_iter()
        .collect();
    Ok(open
        .into_iter()
        .map(|t| {
            let due = t.due_at.map(utc);
            WorkItem {
                kind: WorkKind::Task,
                title: t.title.clone(),
                crime_id: Some(uuid(&t.crime_id)),
                incident_id: None,
                task_id: Some(uuid(&t.id)),
                report_id: None,
                crn: crns.get(&t.crime_id).cloned().flatten(),
                due_at: due,
                overdue: due.is_some_and(|d| d < now_t),
            }
        })
        .collect())
}

/// The caller's crimes returned from review.
fn returned_crimes(conn: &mut AnyConnection, c: &Caller) -> Result<Vec<WorkItem>, ApiError> {
    let returned: Vec<CrimeRow> = crimes::table
        .filter(crimes::officer_in_charge.eq(&c.user_id))
        .filter(crimes::state.eq(CrimeState::UnderInvestigation.as_str()))
        .filter(crimes::returned_comments.is_not_null())
        .select(CrimeRow::as_select())
        .load(conn)?;
    Ok(returned
        .into_iter()
        .map(|r| {
            crime_item(
                WorkKind::ReturnedCrime,
                format!(
                    "Returned from review: {}",
                    r.returned_comments.clone().unwrap_or_default()
                ),
                &r.id,
                r.crn.clone(),
                None,
                false,
            )
        })
        .collect())
}

/// The force's crimes awaiting review (the first 200, longest waiting first).
fn reviews_due(
    conn: &mut AnyConnection,
    c: &Caller,
    now_t: DateTime<Utc>,
) -> Result<Vec<WorkItem>, ApiError> {
    let reviews: Vec<CrimeRow> = crimes::table
        .filter(crimes::force_code.eq(&c.force_code))
        .filter(crimes::state.eq(CrimeState::AwaitingReview.as_str()))
        .order(crimes::state_since)
        .limit(200)
        .select(CrimeRow::as_select())
        .load(conn)?;
    Ok(reviews
        .into_iter()
        .map(|r| {
            let due = utc(r.state_since + REVIEW_DUE);
            crime_item(
                WorkKind::ReviewDue,
                "Review and finalise".to_owned(),
                &r.id,
                r.crn.clone(),
                Some(due),
                due < now_t,
            )
        })
        .collect())
}

/// The caller's draft crimes, on the 24-hour recording clock.
fn drafts_to_record(
    conn: &mut AnyConnection,
    c: &Caller,
    now_t: DateTime<Utc>,
) -> Result<Vec<WorkItem>, ApiError> {
    let drafts: Vec<CrimeRow> = crimes::table
        .filter(crimes::created_by.eq(&c.user_id))
        .filter(crimes::state.eq(CrimeState::Draft.as_str()))
        .select(CrimeRow::as_select())
        .load(conn)?;
    Ok(drafts
        .into_iter()
        .map(|r| {
            let clock = RecordingClock::new(utc(r.reported_at), None, now_t);
            crime_item(
                WorkKind::RecordingDecision,
                "Finish recording this crime (24-hour clock)".to_owned(),
                &r.id,
                None,
                Some(clock.due_at),
                clock.overdue,
            )
        })
        .collect())
}

/// The caller's incidents with no recording decision and no draft crime yet.
fn incidents_to_decide(
    conn: &mut AnyConnection,
    c: &Caller,
    now_t: DateTime<Utc>,
) -> Result<Vec<WorkItem>, ApiError> {
    let undecided: Vec<IncidentRow> = incidents::table
        .filter(incidents::created_by.eq(&c.user_id))
        .filter(incidents::decided_at.is_null())
        .select(IncidentRow::as_select())
        .load(conn)?;
    let has_draft: Vec<Option<String>> = crimes::table
        .filter(crimes::state.eq(CrimeState::Draft.as_str()))
        .filter(crimes::created_by.eq(&c.user_id))
        .select(crimes::incident_id)
        .load(conn)?;
    Ok(undecided
        .into_iter()
        .filter(|i| !has_draft.contains(&Some(i.id.clone())))
        .map(|i| {
            let clock = RecordingClock::new(utc(i.reported_at), None, now_t);
            WorkItem {
                kind: WorkKind::RecordingDecision,
                title: format!("Recording decision for incident {}", i.reference),
                crime_id: None,
                incident_id: Some(uuid(&i.id)),
                task_id: None,
                report_id: None,
                crn: None,
                due_at: Some(clock.due_at),
                overdue: clock.overdue,
            }
        })
        .collect())
}

/// The force's cancellation requests waiting for a decision.
fn cancellations_due(
    conn: &mut AnyConnection,
    c: &Caller,
    now_t: DateTime<Utc>,
) -> Result<Vec<WorkItem>, ApiError> {
    let pending: Vec<(String, String, NaiveDateTime)> = crime_cancellations::table
        .filter(crime_cancellations::force_code.eq(&c.force_code))
        .filter(crime_cancellations::approved.is_null())
        .select((
            crime_cancellations::id,
            crime_cancellations::crime_id,
            crime_cancellations::requested_at,
        ))
        .load(conn)?;
    let mut items = Vec::new();
    for (_, crime_id, at) in pending {
        let due = utc(at + CANCELLATION_DUE);
        let crn: Option<String> = crimes::table.find(&crime_id).select(crimes::crn).first(conn)?;
        items.push(crime_item(
            WorkKind::CancellationDue,
            "Decide the cancellation request".to_owned(),
            &crime_id,
            crn,
            Some(due),
            due < now_t,
        ));
    }
    Ok(items)
}

fn draft_dto(row: (String, String, String, String, NaiveDateTime)) -> DraftDto {
    DraftDto {
        id: uuid(&row.0),
        form: row.1,
        label: row.2,
        data: serde_json::from_str(&row.3).unwrap_or_default(),
        updated_at: utc(row.4),
    }
}

/// The caller's drafts, newest first.
pub async fn drafts(db: &Db, caller: &Caller, q: PageQuery) -> Result<Page<DraftDto>, ApiError> {
    let paging = Paging::of(&q)?;
    let c = caller.clone();
    db.read(move |conn| {
        let query = drafts::table
            .filter(drafts::user_id.eq(&c.user_id))
            .select((
                drafts::id,
                drafts::form,
                drafts::label,
                drafts::data,
                drafts::updated_at,
            ))
            .into_boxed();
        let rows: Vec<(String, String, String, String, NaiveDateTime)> =
            crate::keyset!(query, paging, desc(drafts::updated_at, drafts::id)).load(conn)?;
        paging.page(
            rows,
            |r| Cursor::at(r.4, &r.0),
            |rows| Ok(rows.into_iter().map(draft_dto).collect()),
        )
    })
    .await
}

/// Saves a draft (creating it the first time). Another user's draft id is refused as not found.
pub async fn save_draft(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: SaveDraftRequest,
) -> Result<DraftDto, ApiError> {
    let data = serde_json::to_string(&req.data).map_err(ApiError::internal)?;
    let mut errors = Vec::new();
    if req.form.trim().is_empty() || req.form.len() > 60 {
        errors.push(FieldError::new(
            "form",
            "required",
            "Name the form (at most 60 characters)",
        ));
    }
    if data.len() > MAX_DRAFT_BYTES {
        errors.push(FieldError::new(
            "data",
            "too_large",
            format!("A draft may be at most {} KiB", MAX_DRAFT_BYTES / 1024),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let owner: Option<String> = drafts::table
            .find(id.to_string())
            .select(drafts::user_id)
            .first(conn)
            .optional()?;
        let at = now();
        let label: String = req.label.trim().chars().take(200).collect();
        match owner {
            Some(o) if o != c.user_id => return Err(ApiError::not_found("draft")),
            Some(_) => {
                diesel::update(drafts::table.find(id.to_string()))
                    .set((
                        drafts::form.eq(req.form.trim()),
                        drafts::label.eq(&label),
                        drafts::data.eq(&data),
                        drafts::updated_at.eq(at),
                    ))
                    .execute(conn)?;
            }
            None => {
                // Two saves of a new draft can race (a retry while the first is in flight): the loser
                // of the insert becomes an update, in a savepoint so PostgreSQL's transaction survives.
                let inserted = conn.transaction(|c2| {
                    diesel::insert_into(drafts::table)
                        .values((
                            drafts::id.eq(id.to_string()),
                            drafts::user_id.eq(&c.user_id),
                            drafts::form.eq(req.form.trim()),
                            drafts::label.eq(&label),
                            drafts::data.eq(&data),
                            drafts::updated_at.eq(at),
                        ))
                        .execute(c2)
                });
                match inserted {
                    Ok(_) => {}
                    Err(diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UniqueViolation,
                        _,
                    )) => {
                        let n = diesel::update(
                            drafts::table
                                .filter(drafts::id.eq(id.to_string()))
                                .filter(drafts::user_id.eq(&c.user_id)),
                        )
                        .set((
                            drafts::form.eq(req.form.trim()),
                            drafts::label.eq(&label),
                            drafts::data.eq(&data),
                            drafts::updated_at.eq(at),
                        ))
                        .execute(conn)?;
                        if n == 0 {
                            return Err(ApiError::not_found("draft"));
                        }
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Ok(draft_dto((
            id.to_string(),
            req.form.trim().to_owned(),
            label,
            data,
            at,
        )))
    })
    .await
}

/// Deletes one of the caller's drafts (deleting a missing draft succeeds: the result is the same).
pub async fn delete_draft(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<(), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        diesel::delete(
            drafts::table
                .filter(drafts::id.eq(id.to_string()))
                .filter(drafts::user_id.eq(&c.user_id)),
        )
        .execute(conn)?;
        Ok(())
    })
    .await
}

//! Intelligence reports: who may see one (the unit until dissemination), reading with a stated purpose, the unit's queue, search and the work list.

use super::*;

pub(super) const ALL_ACTIONS: [ReportAction; 5] = [
    ReportAction::StartEvaluation,
    ReportAction::Return,
    ReportAction::Resubmit,
    ReportAction::Disseminate,
    ReportAction::Archive,
];

pub(super) fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

pub(super) fn guarded(row: &ReportRow) -> Guarded<'_> {
    Guarded {
        scope: Scope::intelligence(row.handling.as_deref()),
        id: &row.id,
        owner: &row.force_code,
        restricted: row.restricted,
        created_by: row.created_by.as_deref(),
    }
}

pub(super) fn state_of(row: &ReportRow) -> ReportState {
    ReportState::parse(&row.state).unwrap_or(ReportState::Submitted)
}

/// Whether the caller is in the report's force's intelligence unit.
pub(super) fn is_unit(caller: &Caller, row: &ReportRow) -> bool {
    access::is_owner(caller, &row.force_code) && caller.can(Capability::EvaluateIntelligence)
}

pub(super) fn is_submitter(caller: &Caller, row: &ReportRow) -> bool {
    row.created_by.as_deref() == Some(caller.user_id.as_str())
}

/// The restriction a report has before dissemination: its force's intelligence unit.
pub(super) fn unit_only() -> Restriction {
    Restriction {
        restricted: true,
        grantees: vec![Grantee::Role(Role::IntelligenceOfficer)],
    }
}

pub(super) fn subject_reason(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Person => Some("intel_subject"),
        RecordKind::Organisation => Some("intel_subject_organisation"),
        RecordKind::Object => Some("intel_subject_object"),
        RecordKind::Location => Some("intel_subject_location"),
        RecordKind::Event => None,
    }
}

pub(super) fn grading_of(row: &ReportRow) -> Option<Grading> {
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
pub(super) fn dto(
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

pub(super) fn may(caller: &Caller, row: &ReportRow, action: ReportAction) -> bool {
    match action {
        ReportAction::Resubmit => is_submitter(caller, row),
        _ => is_unit(caller, row),
    }
}

pub(super) fn audit_read(
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

pub(super) fn need_purpose(purpose: Option<String>) -> Result<String, ApiError> {
    // Every view of intelligence states why, restricted or not.
    access::require_purpose(true, purpose).map(|p| p.unwrap_or_default())
}

/// What linking needs to know about the caller's view of the index.
pub(super) struct View<'a> {
    pub(super) vis: &'a Visibility,
    pub(super) reference: &'a Reference,
    pub(super) today: NaiveDate,
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
        vis.admit(conn, &guarded(&row), "intelligence report")?;
        let purpose = need_purpose(purpose)?;
        audit_read(conn, &c, &row, &purpose)?;
        let reference = Reference::load(conn)?;
        dto(conn, &c, &vis, &reference, today, &row)
    })
    .await
}

/// The force's evaluation queue: submitted and in-evaluation reports, high priority first, then oldest.
pub async fn queue(
    db: &Db,
    caller: &Caller,
    q: PageQuery,
    today: NaiveDate,
) -> Result<Page<QueueItem>, ApiError> {
    let paging = Paging::of(&q)?;
    let start = QueuePlace::after(&paging)?;
    let c = caller.clone();
    db.read(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let rows = queue_rows(conn, &c.force_code, &start, paging.fetch())?;
        paging.page(
            rows,
            |r| QueuePlace::of(r).cursor(&r.id),
            |rows| {
                let mut out = Vec::new();
                for r in rows {
                    let subjects =
                        link_service::views(conn, &vis, &reference, today, std::slice::from_ref(&r.id))?
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
            },
        )
    })
    .await
}

/// The evaluation queue's order: priority (high first), then submitted first.
const QUEUE_ORDER: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

/// A place in the evaluation queue: the priority's rank in [`QUEUE_ORDER`], and within it the
/// cursor's submission time and id.
struct QueuePlace {
    rank: usize,
    after: Option<Cursor>,
}

impl QueuePlace {
    /// Where the page asked for starts (the top of the queue without a cursor).
    fn after(paging: &Paging) -> Result<Self, ApiError> {
        let Some(c) = &paging.after else {
            return Ok(QueuePlace { rank: 0, after: None });
        };
        let bad = || {
            ApiError::validation(vec![FieldError::new(
                "cursor",
                "format",
                "The cursor is not one this server issued",
            )])
        };
        let (rank, at) = c.key.split_once(' ').ok_or_else(bad)?;
        let rank: usize = rank.parse().map_err(|_| bad())?;
        if rank >= QUEUE_ORDER.len() {
            return Err(bad());
        }
        let after = Cursor {
            key: at.to_owned(),
            id: c.id.clone(),
        };
        after.timestamp()?;
        Ok(QueuePlace {
            rank,
            after: Some(after),
        })
    }

    /// The place of a report.
    fn of(r: &ReportRow) -> Self {
        let p = Priority::parse(&r.priority).unwrap_or(Priority::Low);
        QueuePlace {
            rank: QUEUE_ORDER
                .iter()
                .position(|q| *q == p)
                .unwrap_or(QUEUE_ORDER.len() - 1),
            after: Some(Cursor::at(r.created_at, &r.id)),
        }
    }

    /// The cursor that starts the next page after this place.
    fn cursor(&self, id: &str) -> Cursor {
        let at = self.after.as_ref().map(|c| c.key.as_str()).unwrap_or_default();
        Cursor {
            key: format!("{} {at}", self.rank),
            id: id.to_owned(),
        }
    }
}

/// Reads up to `fetch` reports waiting for evaluation from `start` on, one priority after another.
fn queue_rows(
    conn: &mut AnyConnection,
    force: &str,
    start: &QueuePlace,
    fetch: i64,
) -> Result<Vec<ReportRow>, ApiError> {
    let mut rows: Vec<ReportRow> = Vec::new();
    for (rank, priority) in QUEUE_ORDER.iter().enumerate().skip(start.rank) {
        let wanted = fetch - rows.len() as i64;
        if wanted <= 0 {
            break;
        }
        let within = Paging {
            limit: wanted - 1,
            after: if rank == start.rank {
                start.after.clone()
            } else {
                None
            },
        };
        let query = intel_reports::table
            .filter(intel_reports::force_code.eq(force))
            .filter(
                intel_reports::state
                    .eq_any([ReportState::Submitted.code(), ReportState::InEvaluation.code()]),
            )
            .filter(intel_reports::priority.eq(priority.code()))
            .select(ReportRow::as_select())
            .into_boxed();
        let mut more: Vec<ReportRow> =
            crate::keyset!(query, within, asc(intel_reports::created_at, intel_reports::id)).load(conn)?;
        rows.append(&mut more);
    }
    Ok(rows)
}

/// Disseminated intelligence the caller may see, by words of the text, reference or subject. Every
/// report returned is audited with the purpose.
pub async fn search(
    db: &Db,
    caller: &Caller,
    q: IntelligenceQuery,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<Page<ReportDto>, ApiError> {
    let purpose = need_purpose(purpose)?;
    let paging = Paging::of(&q.page())?;
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
        let rows: Vec<ReportRow> = crate::keyset!(
            query,
            paging,
            desc(intel_reports::disseminated_at, intel_reports::id)
        )
        .load(conn)?;
        let cursor = |r: &ReportRow| Cursor::at(r.disseminated_at.unwrap_or(r.created_at), &r.id);
        paging.page(rows, cursor, |rows| {
            let vis = Visibility::load(conn, &c)?;
            let guards: Vec<Guarded<'_>> = rows.iter().map(guarded).collect();
            let visible = vis.visible_ids(conn, &guards)?;
            let reference = Reference::load(conn)?;
            let mut out = Vec::new();
            for r in rows.iter().filter(|r| visible.contains(&r.id)) {
                audit_read(conn, &c, r, &purpose)?;
                out.push(dto(conn, &c, &vis, &reference, today, r)?);
            }
            Ok(out)
        })
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

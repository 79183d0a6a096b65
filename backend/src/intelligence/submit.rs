//! Submitting a report: its subjects linked through the shared index.

use super::*;

pub(super) fn link_subject(
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

pub(super) fn new_row(caller: &Caller, reference: String, text: &str, at: NaiveDateTime) -> ReportRow {
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

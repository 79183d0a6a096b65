//! The CPS's side: the files sent to it, each as submitted, and its decisions with their side effects.

use super::*;

pub(super) fn last_submission(conn: &mut AnyConnection, file_id: &str) -> Result<SubmissionRow, ApiError> {
    case_submissions::table
        .filter(case_submissions::case_file_id.eq(file_id))
        .order(case_submissions::number.desc())
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("case file"))
}

pub(super) fn cps_file(conn: &mut AnyConnection, row: &CaseFileRow) -> Result<CpsCaseFile, ApiError> {
    let sub = last_submission(conn, &row.id)?;
    Ok(CpsCaseFile {
        id: uuid(&row.id),
        urn: row.urn.clone(),
        state: state_of(row),
        submission: sub.number,
        submitted_at: utc(sub.submitted_at),
        file: serde_json::from_str(&sub.content).map_err(ApiError::internal)?,
        decisions: decisions_of(conn, &row.id)?,
    })
}

/// The files sent to the CPS (submitted at least once), newest first.
pub async fn cps_list(db: &Db, q: PageQuery) -> Result<Page<CaseFileSummary>, ApiError> {
    let paging = Paging::of(&q)?;
    db.read(move |conn| {
        let query = case_files::table
            .filter(diesel::dsl::exists(
                case_submissions::table.filter(case_submissions::case_file_id.eq(case_files::id)),
            ))
            .select(CaseFileRow::as_select())
            .into_boxed();
        let rows: Vec<CaseFileRow> =
            crate::keyset!(query, paging, desc(case_files::updated_at, case_files::id)).load(conn)?;
        paging.page(rows, file_cursor, |rows| Ok(rows.iter().map(summary).collect()))
    })
    .await
}

pub(super) fn sent_file(conn: &mut AnyConnection, id: &str) -> Result<CaseFileRow, ApiError> {
    let row = CaseFileRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("case file"))?;
    last_submission(conn, &row.id)?;
    Ok(row)
}

/// A file as sent to the CPS (audited).
pub async fn cps_get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<CpsCaseFile, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = sent_file(conn, &id.to_string())?;
        let out = cps_file(conn, &row)?;
        audit_file(
            conn,
            AuditAction::Read,
            &c,
            &row,
            format!("CPS read of {} submission {}", row.urn, out.submission),
        )?;
        Ok(out)
    })
    .await
}

/// The PDF bundle of the file as sent (audited).
pub async fn cps_bundle(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<(String, Vec<u8>), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = sent_file(conn, &id.to_string())?;
        let out = cps_file(conn, &row)?;
        audit_file(
            conn,
            AuditAction::Export,
            &c,
            &row,
            format!("CPS PDF bundle of {}", row.urn),
        )?;
        Ok((row.urn.clone(), super::pdf::bundle(&out.file)?))
    })
    .await
}

/// The prosecutor's decision on the file as last submitted (idempotent with a key). Return turns
/// each action into a task for the officer in charge; a charge, or accepting a file whose defendants
/// are charged, finalises the crime with outcome 1.
pub async fn decide(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: DecisionRequest,
    key: Option<String>,
) -> Result<Outcome<CpsCaseFile>, ApiError> {
    let hash = idempotency::request_hash(&(id, &req));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let row = sent_file(conn, &id.to_string())?;
            let today = Utc::now().date_naive();
            let mut errors = check_decision(&req, today);
            let ir = InvestigationRef::load(conn)?;
            for (i, o) in req.offences.iter().enumerate() {
                if ir.offence_in_force(o).is_none() {
                    errors.push(FieldError::new(
                        format!("offences.{i}"),
                        "unknown",
                        "Not an offence code",
                    ));
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            if state_of(&row) != CaseFileState::Submitted {
                return Err(ApiError::code(
                    ErrorCode::InvalidTransition,
                    format!(
                        "The file is {}: there is no submission awaiting a decision",
                        state_of(&row).label().to_lowercase()
                    ),
                ));
            }
            let decision = req.decision.unwrap_or(DecisionKind::Accept);
            let sub = last_submission(conn, &row.id)?;
            let sent: CaseFileContent = serde_json::from_str(&sub.content).map_err(ApiError::internal)?;
            let charges: Vec<Charge> = req.offences.iter().map(|o| charge_of(&ir, o)).collect();
            let next = match decision {
                DecisionKind::Accept => CaseFileState::Accepted,
                DecisionKind::Charge => CaseFileState::Charged,
                DecisionKind::Return => CaseFileState::Returned,
            };
            bump(conn, &row, row.version, next)?;
            if decision == DecisionKind::Charge {
                diesel::update(case_files::table.find(&row.id))
                    .set(
                        case_files::cps_charges
                            .eq(serde_json::to_string(&req.offences).map_err(ApiError::internal)?),
                    )
                    .execute(conn)?;
            }
            diesel::insert_into(case_decisions::table)
                .values(&DecisionRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    case_file_id: row.id.clone(),
                    submission: sub.number,
                    decision: decision.as_str().to_owned(),
                    charges: serde_json::to_string(&charges).map_err(ApiError::internal)?,
                    actions: serde_json::to_string(&req.actions).map_err(ApiError::internal)?,
                    comments: req.comments.trim().to_owned(),
                    decided_by: c.user_id.clone(),
                    decided_at: now(),
                })
                .execute(conn)?;
            let crime = CrimeRow::find(conn, &row.crime_id)?.ok_or_else(|| ApiError::not_found("crime"))?;
            match decision {
                DecisionKind::Return => {
                    for a in &req.actions {
                        task_service::insert(
                            conn,
                            &c,
                            &crime,
                            TaskKind::CpsAction,
                            a.action.trim(),
                            &format!("CPS action plan on case file {}", row.urn),
                            crime.officer_in_charge.clone(),
                            a.due_on.and_then(|d| d.and_hms_opt(17, 0, 0)),
                            None,
                        )?;
                    }
                }
                DecisionKind::Charge => {
                    inv::finalise_charged(conn, &c, &crime, &row.urn)?;
                }
                DecisionKind::Accept => {
                    let charged =
                        !sent.defendants.is_empty() && sent.defendants.iter().all(|d| !d.charges.is_empty());
                    if charged {
                        inv::finalise_charged(conn, &c, &crime, &row.urn)?;
                    }
                }
            }
            audit_file(
                conn,
                AuditAction::Update,
                &c,
                &row,
                format!(
                    "CPS decision on {} submission {}: {}",
                    row.urn,
                    sub.number,
                    decision.as_str()
                ),
            )?;
            let row = CaseFileRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("case file"))?;
            cps_file(conn, &row)
        })
    })
    .await
}

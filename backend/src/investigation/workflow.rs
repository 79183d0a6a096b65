//! The crime workflow: each move checked against the shared rules, with its side effects, and the finalisation a CPS charge makes.

use super::*;
use crate::http::IfMatch;

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

/// Makes a workflow move inside the caller's transaction, after every check; returns the new row.
pub(super) fn apply_action(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    before: &CrimeRow,
    mut req: TransitionRequest,
) -> Result<CrimeRow, ApiError> {
    let (from, to, action) = check_move(conn, caller, ctx, before, &mut req)?;
    let at = now();
    let mut after = before.clone();
    after.state = to.as_str().to_owned();
    after.state_since = at;
    let note = tidy(&req.comments);
    let mut log_text = match action {
        CrimeAction::Record => record(conn, caller, before, &mut after, at)?,
        CrimeAction::Allocate => allocate(conn, ctx, before, &mut after, &req)?,
        CrimeAction::StartInvestigation => None,
        CrimeAction::SubmitForReview => {
            after.proposed_outcome = tidy(&req.outcome);
            after.returned_comments = None;
            Some(format!(
                "Submitted for review proposing outcome {}",
                after.proposed_outcome.clone().unwrap_or_default()
            ))
        }
        CrimeAction::Approve => {
            after.outcome = tidy(&req.outcome);
            after.finalised_at = Some(at);
            Some(format!(
                "Approved and finalised: outcome {}",
                after.outcome.clone().unwrap_or_default()
            ))
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
            Some("Returned from review".to_owned())
        }
        CrimeAction::Reopen => {
            after.outcome = None;
            after.finalised_at = None;
            after.proposed_outcome = None;
            Some(format!("Reopened: {}", tidy(&req.reason).unwrap_or_default()))
        }
    }
    .unwrap_or_else(|| format!("{} → {}", from.label(), to.label()));
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

/// Checks a move (an approval without an outcome approves the one proposed): that it is a move
/// from the crime's state with what it needs, and that the caller may make it. Returns the state
/// before and after, and the action.
fn check_move(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    before: &CrimeRow,
    req: &mut TransitionRequest,
) -> Result<(CrimeState, CrimeState, CrimeAction), ApiError> {
    let from = state_of(before);
    let f = facts(conn, before)?;
    if req.action == Some(CrimeAction::Approve) && tidy(&req.outcome).is_none() {
        req.outcome = before.proposed_outcome.clone();
    }
    let input = input_of(before, vec![]);
    let to = match check_action(from, req, &input, &f, |o| ctx.ir.requires_suspect(o)) {
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
    if !may(caller, before, action, Some(&*req)) {
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
    Ok((from, to, action))
}

/// Recording: the crime reference number, the incident's decision and the first classification.
/// Returns the log line.
fn record(
    conn: &mut AnyConnection,
    caller: &Caller,
    before: &CrimeRow,
    after: &mut CrimeRow,
    at: NaiveDateTime,
) -> Result<Option<String>, ApiError> {
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
            crime_classifications::classification.eq(before.classification.clone().unwrap_or_default()),
            crime_classifications::offence.eq(before.offence.clone().unwrap_or_default()),
            crime_classifications::reason.eq(""),
            crime_classifications::changed_by.eq(&caller.user_id),
            crime_classifications::changed_at.eq(at),
        ))
        .execute(conn)?;
    Ok(Some(format!(
        "Crime recorded as {}",
        after.crn.clone().unwrap_or_default()
    )))
}

/// Allocation to an active officer of the crime's force and/or a unit. Returns the log line.
fn allocate(
    conn: &mut AnyConnection,
    ctx: &Ctx,
    before: &CrimeRow,
    after: &mut CrimeRow,
    req: &TransitionRequest,
) -> Result<Option<String>, ApiError> {
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
        if !crate::admin::units::is_allocation_unit_of(conn, &unit, &before.force_code)? {
            let mut e = Vec::new();
            ctx.reference
                .check_for(&before.force_code, &mut e, "unit", inv::vocab::UNIT, Some(&unit));
            if !e.is_empty() {
                return Err(ApiError::validation(vec![FieldError::new(
                    "unit",
                    "unknown",
                    format!("`{unit}` is neither an open team or unit of the crime's force nor a unit queue"),
                )]));
            }
        }
    }
    after.officer_in_charge = req.officer_in_charge.map(|u| u.to_string());
    after.unit = tidy(&req.unit);
    let refs = user_refs(conn, &after.officer_in_charge.iter().cloned().collect::<Vec<_>>())?;
    let unit = unit_name(conn, after.unit.as_ref())?;
    Ok(Some(format!(
        "Allocated to {}",
        match (&after.officer_in_charge, unit) {
            (Some(u), Some(q)) => format!("{} ({q})", user_ref(&refs, u).display_name),
            (Some(u), None) => user_ref(&refs, u).display_name,
            (None, Some(q)) => q,
            (None, None) => String::new(),
        }
    )))
}

/// The names of the teams, units and queues among `codes`, by code: a force unit's name (open or
/// closed), else the `investigation_unit` queue's label.
pub(crate) fn unit_labels(
    conn: &mut AnyConnection,
    codes: &[String],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    let mut names = crate::admin::units::names_by_code(conn, codes)?;
    let queues: Vec<&String> = codes.iter().filter(|c| !names.contains_key(*c)).collect();
    if !queues.is_empty() {
        use crate::db::schema::reference_codes as rc;
        names.extend(
            rc::table
                .filter(rc::vocabulary.eq(inv::vocab::UNIT))
                .filter(rc::code.eq_any(queues))
                .select((rc::code, rc::label))
                .load::<(String, String)>(conn)?,
        );
    }
    Ok(names)
}

/// The name of one team, unit or queue (see [`unit_labels`]).
pub(crate) fn unit_name(conn: &mut AnyConnection, code: Option<&String>) -> Result<Option<String>, ApiError> {
    let Some(code) = code else { return Ok(None) };
    Ok(Some(unit_label(
        &unit_labels(conn, std::slice::from_ref(code))?,
        code,
    )))
}

/// The name of the unit `code` among `labels` (the code itself when it has none).
pub(crate) fn unit_label(labels: &std::collections::HashMap<String, String>, code: &str) -> String {
    labels.get(code).cloned().unwrap_or_else(|| code.to_owned())
}

/// Makes a workflow move if the crime is still at `version`.
pub async fn transition(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: IfMatch,
    req: TransitionRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let before = owned_crime(conn, &ctx.vis, &c, &id.to_string())?;
        let version = version.expect(before.version);
        if before.version != version {
            return Err(stale(conn, &c, &ctx, today, &before));
        }
        let after = apply_action(conn, &c, &ctx, today, &before, req)?;
        ctx.view(conn, &c, today, &after.id)
    })
    .await
}

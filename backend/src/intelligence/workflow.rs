//! The report workflow: evaluation, sanitisation and dissemination, each move checked against the shared rules.

use super::*;
use crate::http::IfMatch;

/// Makes a move of the report workflow if the report is still at `version`.
pub async fn transition(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: IfMatch,
    t: ReportTransition,
    today: NaiveDate,
) -> Result<ReportDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let before = ReportRow::find(conn, &id.to_string())?
            .ok_or_else(|| ApiError::not_found("intelligence report"))?;
        vis.admit(conn, &guarded(&before), "intelligence report")?;
        let version = version.expect(before.version);
        if before.version != version {
            let current = dto(conn, &c, &vis, &reference, today, &before)?;
            return Err(ApiError::precondition_failed_with(
                crate::http::etag(before.version),
                &current,
            ));
        }
        let (action, from, to) = check_move(&c, &before, &t, today)?;
        let mut after = before.clone();
        after.state = to.code().to_owned();
        after.state_since = now();
        after.updated_at = now();
        after.version = before.version + 1;
        let comments = t.comments.as_deref().map(str::trim).map(str::to_owned);
        match action {
            ReportAction::Return => after.questions = comments,
            ReportAction::Resubmit => after.answers = comments,
            ReportAction::Disseminate => disseminate(conn, &c, &before, &mut after, &t)?,
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

/// Checks a move: an action is given, is a move from the report's state, the caller may make it,
/// and the request has what it needs. Returns the action and the states before and after.
fn check_move(
    c: &Caller,
    before: &ReportRow,
    t: &ReportTransition,
    today: NaiveDate,
) -> Result<(ReportAction, ReportState, ReportState), ApiError> {
    let Some(action) = t.action else {
        return Err(ApiError::validation(vec![FieldError::new(
            "action",
            "required",
            "Say which move to make",
        )]));
    };
    let from = state_of(before);
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
    if !may(c, before, action) {
        return Err(ApiError::forbidden(if action == ReportAction::Resubmit {
            "Only the submitter answers the intelligence unit's questions"
        } else {
            "Only the force's intelligence unit evaluates, returns, disseminates and archives reports"
        }));
    }
    let errors = check_report_action(action, t, today);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok((action, from, to))
}

/// Dissemination: the grading, the sanitised text, who evaluated it and when, and the restriction
/// (a restricted report is always shared with the intelligence unit and one group more).
fn disseminate(
    conn: &mut AnyConnection,
    c: &Caller,
    before: &ReportRow,
    after: &mut ReportRow,
    t: &ReportTransition,
) -> Result<(), ApiError> {
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
    Ok(())
}

//! Crimes: who may see and change one, recording, reading, updating and the queues, and the crime's log.

use super::*;
use crate::http::IfMatch;

pub(super) fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc().trunc_subsecs(6)
}

pub(super) fn list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn tidy(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub(super) fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

pub(super) fn sorted(mut errors: Vec<FieldError>) -> ApiError {
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    errors.dedup();
    ApiError::validation(errors)
}

/// The access facts of a crime.
pub fn guarded(row: &CrimeRow) -> Guarded<'_> {
    Guarded {
        scope: Scope::CRIMES,
        id: &row.id,
        owner: &row.force_code,
        restricted: row.restricted,
        created_by: row.created_by.as_deref(),
    }
}

/// A crime the caller may see, or not found.
pub fn visible_crime(conn: &mut AnyConnection, vis: &Visibility, id: &str) -> Result<CrimeRow, ApiError> {
    let row = CrimeRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("crime"))?;
    vis.admit(conn, &guarded(&row), "crime")?;
    Ok(row)
}

/// A crime the caller may add to (their force's, or shared with can-add), or an error.
pub fn addable_crime(conn: &mut AnyConnection, vis: &Visibility, id: &str) -> Result<CrimeRow, ApiError> {
    let row = visible_crime(conn, vis, id)?;
    if !vis.can_add(&row.force_code, Scope::CRIMES) {
        return Err(vis.refuse_change(
            "crime",
            &row.id,
            &row.force_code,
            "The sharing agreement does not let your force add to this crime",
        ));
    }
    if CrimeState::parse(&row.state) == Some(CrimeState::Cancelled) {
        return Err(ApiError::conflict(
            "This crime was cancelled: nothing more can be added",
        ));
    }
    Ok(row)
}

pub(super) fn owned_crime(
    conn: &mut AnyConnection,
    vis: &Visibility,
    caller: &Caller,
    id: &str,
) -> Result<CrimeRow, ApiError> {
    let row = visible_crime(conn, vis, id)?;
    access::owner_only(
        caller,
        "crime",
        &row.id,
        &row.force_code,
        format!(
            "Only {} can change this crime's details or workflow; your force may add to it",
            row.force_code
        ),
    )?;
    Ok(row)
}

/// The details of a crime row.
pub fn input_of(row: &CrimeRow, grantees: Vec<bluelamp_shared::records::Grantee>) -> CrimeInput {
    CrimeInput {
        incident_id: row.incident_id.as_deref().map(uuid),
        classification: row.classification.clone(),
        offence: row.offence.clone(),
        offence_from: row.offence_from.map(utc),
        offence_to: row.offence_to.map(utc),
        location_id: row.location_id.as_deref().map(uuid),
        modus_operandi: row.modus_operandi.clone(),
        hate_strands: list(&row.hate_strands),
        domestic_abuse: row.domestic_abuse,
        reported_at: Some(utc(row.reported_at)),
        restriction: Restriction {
            restricted: row.restricted,
            grantees,
        },
    }
}

pub(super) fn state_of(row: &CrimeRow) -> CrimeState {
    CrimeState::parse(&row.state).unwrap_or(CrimeState::Draft)
}

/// Counts what the workflow needs to know about a crime's attachments.
pub(super) fn facts(conn: &mut AnyConnection, row: &CrimeRow) -> Result<CrimeFacts, ApiError> {
    let victims: i64 = schema::victims::table
        .filter(schema::victims::crime_id.eq(&row.id))
        .count()
        .get_result(conn)?;
    let suspects: i64 = links::table
        .filter(links::from_id.eq(&row.id))
        .filter(links::reason.eq_any(["known_suspect", "offender"]))
        .count()
        .get_result(conn)?;
    Ok(CrimeFacts {
        victims: victims as u32,
        identified_suspects: suspects as u32,
        allocated: row.officer_in_charge.is_some() || row.unit.is_some(),
    })
}

/// Whether the caller may make `action` on this crime (besides the state allowing it).
pub(super) fn may(
    caller: &Caller,
    row: &CrimeRow,
    action: CrimeAction,
    req: Option<&TransitionRequest>,
) -> bool {
    if !access::is_owner(caller, &row.force_code) {
        return false;
    }
    if caller.can(action.capability()) {
        return true;
    }
    let is_oic = row.officer_in_charge.as_deref() == Some(caller.user_id.as_str());
    match action {
        CrimeAction::StartInvestigation | CrimeAction::SubmitForReview => is_oic,
        // Self-allocation: whoever records crimes may take one on, or put it in a unit queue.
        CrimeAction::Allocate => {
            caller.can(Capability::RecordCrime)
                && req.is_none_or(|r| {
                    r.officer_in_charge
                        .is_none_or(|u| u.to_string() == caller.user_id)
                })
        }
        _ => false,
    }
}

pub(super) fn clock(row: &CrimeRow) -> RecordingClock {
    RecordingClock::new(utc(row.reported_at), row.recorded_at.map(utc), Utc::now())
}

pub(super) fn check_codes(
    reference: &Reference,
    ir: &InvestigationRef,
    c: &CrimeInput,
    errors: &mut Vec<FieldError>,
) {
    reference.check(
        errors,
        "classification",
        inv::vocab::HO_CLASSIFICATION,
        c.classification.as_deref(),
    );
    if let Some(o) = tidy(&c.offence) {
        match ir.offence_in_force(&o) {
            None => errors.push(FieldError::new(
                "offence",
                "unknown_code",
                format!("`{o}` is not an offence"),
            )),
            Some(off) => {
                if let Some(cl) = tidy(&c.classification) {
                    if cl != off.classification {
                        errors.push(FieldError::new(
                            "classification",
                            "mismatch",
                            format!(
                                "{} counts under classification {}, not {cl}",
                                off.label, off.classification
                            ),
                        ));
                    }
                }
            }
        }
    }
    for (i, h) in c.hate_strands.iter().enumerate() {
        reference.check(
            errors,
            &format!("hate_strands.{i}"),
            inv::vocab::HATE_STRAND,
            Some(h),
        );
    }
}

pub(super) fn check_location_id(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    id: Option<uuid::Uuid>,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    if let Some(id) = id {
        let r = RecordRef {
            kind: RecordKind::Location,
            id,
        };
        if link_service::named_record(conn, vis, reference, today, &r)?.is_none() {
            errors.push(FieldError::new(
                path,
                "not_found",
                "No such location is available to you",
            ));
        }
    }
    Ok(())
}

/// Links the crime to a record (once per reason and record).
pub(super) fn link_from_crime(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime_id: &str,
    reason: &str,
    to: RecordRef,
) -> Result<uuid::Uuid, ApiError> {
    let existing: Option<String> = links::table
        .filter(links::from_id.eq(crime_id))
        .filter(links::to_id.eq(to.id.to_string()))
        .filter(links::reason.eq(reason))
        .select(links::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(uuid(&id));
    }
    let link = CreateLinkRequest {
        from: RecordRef {
            kind: RecordKind::Event,
            id: uuid(crime_id),
        },
        to,
        reason: reason.to_owned(),
        valid_from: None,
        valid_to: None,
        source: None,
    };
    Ok(link_service::create_in(conn, caller, &ctx.vis, &ctx.reference, today, &link)?.id)
}

pub(super) fn log(
    conn: &mut AnyConnection,
    caller: &Caller,
    crime_id: &str,
    kind: LogKind,
    text: &str,
) -> Result<String, ApiError> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(crime_log::table)
        .values((
            crime_log::id.eq(&id),
            crime_log::crime_id.eq(crime_id),
            crime_log::kind.eq(match kind {
                LogKind::Plan => "plan",
                LogKind::Log => "log",
            }),
            crime_log::text.eq(text),
            crime_log::written_by.eq(&caller.user_id),
            crime_log::written_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Writes a changed crime if it is still at `before.version`; 412 with the current view if not.
pub(super) fn save(
    conn: &mut AnyConnection,
    before: &CrimeRow,
    after: &mut CrimeRow,
) -> Result<(), ApiError> {
    after.version = before.version + 1;
    after.updated_at = now();
    let n = diesel::update(
        crimes::table
            .filter(crimes::id.eq(&before.id))
            .filter(crimes::version.eq(before.version)),
    )
    .set(&*after)
    .execute(conn)?;
    if n == 0 {
        return Err(ApiError::precondition_failed(crate::http::etag(
            before.version + 1,
        )));
    }
    Ok(())
}

/// Everything a handler needs to answer with a crime.
pub(super) struct Ctx {
    pub(super) vis: Visibility,
    pub(super) reference: Reference,
    pub(super) ir: InvestigationRef,
}

impl Ctx {
    pub(super) fn load(conn: &mut AnyConnection, caller: &Caller) -> Result<Self, ApiError> {
        Ok(Self {
            vis: Visibility::load(conn, caller)?,
            reference: Reference::load(conn)?,
            ir: InvestigationRef::load(conn)?,
        })
    }

    pub(super) fn view(
        &self,
        conn: &mut AnyConnection,
        caller: &Caller,
        today: NaiveDate,
        id: &str,
    ) -> Result<CrimeDto, ApiError> {
        let row = CrimeRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("crime"))?;
        crime_dto(conn, caller, &self.vis, &self.reference, &self.ir, today, &row)
    }
}

pub(super) fn stale(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    row: &CrimeRow,
) -> ApiError {
    match crime_dto(conn, caller, &ctx.vis, &ctx.reference, &ctx.ir, today, row) {
        Ok(current) => ApiError::precondition_failed_with(crate::http::etag(row.version), &current),
        Err(e) => e,
    }
}

// ----------------------------------------------------------------------------------------------
// Crimes

/// Checks crime details and writes them into `row` (shared by create and update).
pub(super) fn apply_details(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    row: &mut CrimeRow,
    input: &CrimeInput,
    errors: &mut Vec<FieldError>,
) -> Result<(), ApiError> {
    errors.extend(check_crime(input, Utc::now()));
    check_codes(&ctx.reference, &ctx.ir, input, errors);
    check_location_id(
        conn,
        &ctx.vis,
        &ctx.reference,
        today,
        input.location_id,
        "location_id",
        errors,
    )?;
    let recorded = state_of(row) != CrimeState::Draft;
    if recorded && (tidy(&input.classification) != row.classification || tidy(&input.offence) != row.offence)
    {
        errors.push(FieldError::new(
            "classification",
            "use_reclassification",
            "A recorded crime is reclassified with a reason (POST /crimes/{id}/reclassifications), so its history is kept",
        ));
    }
    if input.restriction.restricted != row.restricted && !access::is_owner(caller, &row.force_code) {
        errors.push(FieldError::new(
            "restriction",
            "owner_only",
            "Only the owning force can restrict a crime",
        ));
    }
    row.classification = tidy(&input.classification);
    row.offence = tidy(&input.offence);
    if row.classification.is_none() {
        row.classification = row
            .offence
            .as_deref()
            .and_then(|o| ctx.ir.offences.get(o))
            .map(|o| o.classification.clone());
    }
    row.offence_from = input.offence_from.map(naive);
    row.offence_to = input.offence_to.map(naive).or(row.offence_from);
    row.location_id = input.location_id.map(|l| l.to_string());
    row.modus_operandi = input.modus_operandi.trim().to_owned();
    row.hate_strands = input.hate_strands.join(",");
    row.domestic_abuse = input.domestic_abuse;
    row.restricted = input.restriction.restricted;
    if let Some(r) = input.reported_at {
        if row.incident_id.is_none() && !recorded {
            row.reported_at = naive(r);
        }
    }
    Ok(())
}

pub(super) fn new_crime_row(caller: &Caller, reported_at: NaiveDateTime) -> CrimeRow {
    let at = now();
    CrimeRow {
        id: uuid::Uuid::new_v4().to_string(),
        force_code: caller.force_code.clone(),
        restricted: false,
        crn: None,
        state: CrimeState::Draft.as_str().to_owned(),
        incident_id: None,
        classification: None,
        offence: None,
        offence_from: None,
        offence_to: None,
        location_id: None,
        modus_operandi: String::new(),
        hate_strands: String::new(),
        domestic_abuse: false,
        reported_at,
        recorded_at: None,
        officer_in_charge: None,
        unit: None,
        proposed_outcome: None,
        outcome: None,
        finalised_at: None,
        returned_comments: None,
        state_since: at,
        created_by: Some(caller.user_id.clone()),
        created_at: at,
        updated_at: at,
        version: 1,
    }
}

/// What follows writing a crime's details: its grants, the link to the scene, the audit row.
pub(super) fn details_saved(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    row: &CrimeRow,
    restriction: &Restriction,
    action: AuditAction,
) -> Result<(), ApiError> {
    access::set_grants(conn, RecordKind::Event, &row.id, restriction)?;
    if let Some(l) = &row.location_id {
        let to = RecordRef {
            kind: RecordKind::Location,
            id: uuid(l),
        };
        link_from_crime(conn, caller, ctx, today, &row.id, "occurred_at", to)?;
    }
    audit::append(
        conn,
        action,
        Entry::by(caller).owned_record("crime", &row.id, &row.force_code),
    )
}

/// Starts a crime as a draft (from an incident, or on its own). Idempotent with a key.
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateCrimeRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<CrimeDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let mut errors = Vec::new();
            let mut row = new_crime_row(&c, now());
            if let Some(inc) = req.crime.incident_id {
                match find_incident(conn, &c, &inc.to_string()) {
                    Ok(i) if i.decision.is_some() => errors.push(FieldError::new(
                        "incident_id",
                        "decided",
                        "The recording decision on this incident has already been made",
                    )),
                    Ok(i) => {
                        row.incident_id = Some(i.id);
                        row.reported_at = i.reported_at;
                        if req.crime.location_id.is_none() {
                            row.location_id = i.location_id;
                        }
                    }
                    Err(e) => {
                        access::named_but_refused(e)?;
                        errors.push(FieldError::new(
                            "incident_id",
                            "not_found",
                            "No such incident of your force",
                        ))
                    }
                }
            }
            let mut input = req.crime.clone();
            if input.location_id.is_none() {
                input.location_id = row.location_id.as_deref().map(uuid);
            }
            apply_details(conn, &c, &ctx, today, &mut row, &input, &mut errors)?;
            if !errors.is_empty() {
                return Err(sorted(errors));
            }
            diesel::insert_into(crimes::table).values(&row).execute(conn)?;
            details_saved(
                conn,
                &c,
                &ctx,
                today,
                &row,
                &input.restriction,
                AuditAction::Create,
            )?;
            ctx.view(conn, &c, today, &row.id)
        })
    })
    .await
}

/// A crime with everything attached (audited; a restricted crime needs a purpose).
pub async fn get(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    purpose: Option<String>,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let row = visible_crime(conn, &ctx.vis, &id.to_string())?;
        let purpose = access::require_purpose(row.restricted, purpose)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c)
                .owned_record("crime", &row.id, &row.force_code)
                .purpose(purpose.as_deref()),
        )?;
        crime_dto(conn, &c, &ctx.vis, &ctx.reference, &ctx.ir, today, &row)
    })
    .await
}

/// Replaces a crime's details if it is still at `version`.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    version: IfMatch,
    input: CrimeInput,
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
        if !state_of(&before).is_open() {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "A {} crime cannot be edited{}",
                    state_of(&before).label().to_lowercase(),
                    if state_of(&before) == CrimeState::Finalised {
                        ": reopen it first"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let mut after = before.clone();
        let mut errors = Vec::new();
        apply_details(conn, &c, &ctx, today, &mut after, &input, &mut errors)?;
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        save(conn, &before, &mut after)?;
        details_saved(
            conn,
            &c,
            &ctx,
            today,
            &after,
            &input.restriction,
            AuditAction::Update,
        )?;
        ctx.view(conn, &c, today, &after.id)
    })
    .await
}

/// The force's crime queue, filtered; the review queue is `state=awaiting_review`.
pub async fn queue(db: &Db, caller: &Caller, q: CrimeQuery) -> Result<Page<CrimeSummary>, ApiError> {
    let paging = Paging::with_default(&q.page(), 50)?;
    let c = caller.clone();
    db.read(move |conn| {
        let ir = InvestigationRef::load(conn)?;
        let mut query = crimes::table
            .filter(crimes::force_code.eq(c.force_code.clone()))
            .select(CrimeRow::as_select())
            .into_boxed();
        if let Some(s) = q.state {
            query = query.filter(crimes::state.eq(s.as_str()));
        }
        if let Some(u) = q.unit.clone() {
            query = query.filter(crimes::unit.eq(u));
        }
        if q.mine == Some(true) {
            query = query.filter(crimes::officer_in_charge.eq(c.user_id.clone()));
        }
        let rows: Vec<CrimeRow> =
            crate::keyset!(query, paging, asc(crimes::state_since, crimes::id)).load(conn)?;
        paging.page(
            rows,
            |r| Cursor::at(r.state_since, &r.id),
            |rows| summaries(conn, &c, &ir, rows),
        )
    })
    .await
}

/// The queue's rows the caller may see, as summaries.
fn summaries(
    conn: &mut AnyConnection,
    c: &Caller,
    ir: &InvestigationRef,
    rows: Vec<CrimeRow>,
) -> Result<Vec<CrimeSummary>, ApiError> {
    let vis = Visibility::load(conn, c)?;
    let guards: Vec<Guarded<'_>> = rows.iter().map(guarded).collect();
    let visible = vis.visible_ids(conn, &guards)?;
    let oics: Vec<String> = rows.iter().filter_map(|r| r.officer_in_charge.clone()).collect();
    let refs = user_refs(conn, &oics)?;
    let units: Vec<String> = rows.iter().filter_map(|r| r.unit.clone()).collect();
    let unit_names = unit_labels(conn, &units)?;
    Ok(rows
        .iter()
        .filter(|r| visible.contains(&r.id))
        .map(|r| CrimeSummary {
            id: uuid(&r.id),
            crn: r.crn.clone(),
            state: state_of(r),
            offence_label: r.offence.as_deref().map(|o| {
                ir.offences
                    .get(o)
                    .map(|x| x.label.clone())
                    .unwrap_or_else(|| o.to_owned())
            }),
            officer_in_charge: r.officer_in_charge.as_deref().map(|u| user_ref(&refs, u)),
            unit: r.unit.clone(),
            unit_label: r.unit.as_deref().map(|u| unit_label(&unit_names, u)),
            clock: clock(r),
            force: ForceCode(r.force_code.clone()),
            proposed_outcome: r.proposed_outcome.clone(),
            state_since: utc(r.state_since),
        })
        .collect())
}

pub(super) fn touch(conn: &mut AnyConnection, crime: &CrimeRow) -> Result<(), ApiError> {
    diesel::update(crimes::table.find(&crime.id))
        .set((
            crimes::updated_at.eq(now()),
            crimes::version.eq(crimes::version + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Adds to the investigation plan or log (append-only).
pub async fn add_log(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddLogEntry,
) -> Result<LogEntryDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let crime = addable_crime(conn, &vis, &id.to_string())?;
        let n = req.text.trim().chars().count();
        if n == 0 || n > inv::MAX_LOG_CHARS {
            return Err(ApiError::validation(vec![FieldError::new(
                "text",
                if n == 0 { "required" } else { "length" },
                "Write the entry (at most 10,000 characters)",
            )]));
        }
        let lid = log(conn, &c, &crime.id, req.kind, req.text.trim())?;
        touch(conn, &crime)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!(
                    "{} entry added",
                    if req.kind == LogKind::Plan { "plan" } else { "log" }
                )),
        )?;
        let refs = user_refs(conn, std::slice::from_ref(&c.user_id))?;
        Ok(LogEntryDto {
            id: uuid(&lid),
            kind: req.kind,
            text: req.text.trim().to_owned(),
            by: user_ref(&refs, &c.user_id),
            at: Utc::now(),
        })
    })
    .await
}

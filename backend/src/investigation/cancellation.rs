//! Reclassification and cancellation (requests and the registrar's decisions).

use super::*;

/// Reclassifies a recorded crime (history kept).
pub async fn reclassify(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: ReclassifyRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let before = owned_crime(conn, &ctx.vis, &c, &id.to_string())?;
        let state = state_of(&before);
        if state == CrimeState::Draft || !state.is_open() {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "Only a recorded, open crime is reclassified; this one is {}",
                    state.label().to_lowercase()
                ),
            ));
        }
        let mut errors = Vec::new();
        if req.classification.trim().is_empty() {
            errors.push(FieldError::new(
                "classification",
                "required",
                "Choose the new classification",
            ));
        }
        if req.offence.trim().is_empty() {
            errors.push(FieldError::new("offence", "required", "Choose the new offence"));
        }
        if req.reason.trim().is_empty() {
            errors.push(FieldError::new(
                "reason",
                "required",
                "Give the reason (the new information)",
            ));
        }
        let probe = CrimeInput {
            classification: Some(req.classification.trim().to_owned()),
            offence: Some(req.offence.trim().to_owned()),
            ..Default::default()
        };
        check_codes(&ctx.reference, &ctx.ir, &probe, &mut errors);
        if before.classification == probe.classification && before.offence == probe.offence {
            errors.push(FieldError::new(
                "offence",
                "unchanged",
                "The crime already has this classification",
            ));
        }
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        let mut after = before.clone();
        after.classification = probe.classification;
        after.offence = probe.offence;
        save(conn, &before, &mut after)?;
        diesel::insert_into(crime_classifications::table)
            .values((
                crime_classifications::id.eq(uuid::Uuid::new_v4().to_string()),
                crime_classifications::crime_id.eq(&before.id),
                crime_classifications::classification.eq(req.classification.trim()),
                crime_classifications::offence.eq(req.offence.trim()),
                crime_classifications::reason.eq(req.reason.trim()),
                crime_classifications::changed_by.eq(&c.user_id),
                crime_classifications::changed_at.eq(now()),
            ))
            .execute(conn)?;
        log(
            conn,
            &c,
            &before.id,
            LogKind::Log,
            &format!("Reclassified: {}", req.reason.trim()),
        )?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &before.id, &before.force_code)
                .detail(format!(
                    "reclassified {} → {}",
                    before.offence.clone().unwrap_or_default(),
                    req.offence.trim()
                )),
        )?;
        ctx.view(conn, &c, today, &before.id)
    })
    .await
}

/// Asks the force crime registrar to cancel a recorded crime.
pub async fn request_cancellation(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CancellationRequest,
) -> Result<CancellationDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let crime = owned_crime(conn, &vis, &c, &id.to_string())?;
        let state = state_of(&crime);
        if state == CrimeState::Draft || state == CrimeState::Cancelled {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                format!(
                    "Only a recorded crime can be cancelled; this one is {}",
                    state.label().to_lowercase()
                ),
            ));
        }
        let errors = check_cancellation(&req);
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let pending: i64 = crime_cancellations::table
            .filter(crime_cancellations::crime_id.eq(&crime.id))
            .filter(crime_cancellations::approved.is_null())
            .count()
            .get_result(conn)?;
        if pending > 0 {
            return Err(ApiError::conflict(
                "A cancellation of this crime is already waiting for the registrar",
            ));
        }
        let rid = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(crime_cancellations::table)
            .values((
                crime_cancellations::id.eq(&rid),
                crime_cancellations::crime_id.eq(&crime.id),
                crime_cancellations::force_code.eq(&crime.force_code),
                crime_cancellations::reason.eq(req.reason.trim()),
                crime_cancellations::additional_information.eq(req.additional_information.trim()),
                crime_cancellations::requested_by.eq(&c.user_id),
                crime_cancellations::requested_at.eq(now()),
            ))
            .execute(conn)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail("cancellation requested"),
        )?;
        let rows = cancellation_rows(conn, Cancellations::OfCrime(&crime.id))?;
        cancellation_dtos(conn, rows.into_iter().filter(|r| r.0 == rid).collect())?
            .pop()
            .ok_or_else(|| ApiError::not_found("cancellation"))
    })
    .await
}

/// The force's cancellations waiting for the registrar.
pub async fn pending_cancellations(
    db: &Db,
    caller: &Caller,
    q: PageQuery,
) -> Result<Page<CancellationDto>, ApiError> {
    let paging = Paging::of(&q)?;
    let c = caller.clone();
    db.read(move |conn| {
        let rows = cancellation_rows(conn, Cancellations::PendingOf(&c.force_code, &paging))?;
        paging.page(
            rows,
            |r| Cursor::at(r.5, &r.0),
            |rows| cancellation_dtos(conn, rows),
        )
    })
    .await
}

/// The registrar approves (the crime is cancelled; its number is never reused) or refuses.
pub async fn decide_cancellation(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CancellationDecision,
) -> Result<CancellationDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = cancellation_rows(conn, Cancellations::One(&id.to_string()))?
            .pop()
            .ok_or_else(|| ApiError::not_found("cancellation"))?;
        let vis = Visibility::load(conn, &c)?;
        let crime = owned_crime(conn, &vis, &c, &row.1).map_err(|_| ApiError::not_found("cancellation"))?;
        if row.6.is_some() {
            return Err(ApiError::conflict("This cancellation has already been decided"));
        }
        if !req.approve && req.comment.trim().is_empty() {
            return Err(ApiError::validation(vec![FieldError::new(
                "comment",
                "required",
                "Say why the cancellation is refused",
            )]));
        }
        let at = now();
        diesel::update(crime_cancellations::table.find(&row.0))
            .set((
                crime_cancellations::approved.eq(Some(req.approve)),
                crime_cancellations::comment.eq(tidy(&Some(req.comment.clone()))),
                crime_cancellations::decided_by.eq(&c.user_id),
                crime_cancellations::decided_at.eq(at),
            ))
            .execute(conn)?;
        if req.approve {
            let mut after = crime.clone();
            after.state = CrimeState::Cancelled.as_str().to_owned();
            after.state_since = at;
            save(conn, &crime, &mut after)?;
            diesel::update(
                schema::tasks::table
                    .filter(schema::tasks::crime_id.eq(&crime.id))
                    .filter(schema::tasks::completed_at.is_null()),
            )
            .set((
                schema::tasks::completed_at.eq(at),
                schema::tasks::result.eq("Crime cancelled"),
            ))
            .execute(conn)?;
        }
        log(
            conn,
            &c,
            &crime.id,
            LogKind::Log,
            &if req.approve {
                "Cancellation approved by the force crime registrar".to_owned()
            } else {
                format!(
                    "Cancellation refused by the force crime registrar: {}",
                    req.comment.trim()
                )
            },
        )?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(if req.approve {
                    "cancellation approved"
                } else {
                    "cancellation refused"
                }),
        )?;
        let rows = cancellation_rows(conn, Cancellations::OfCrime(&crime.id))?;
        cancellation_dtos(conn, rows.into_iter().filter(|r| r.0 == id.to_string()).collect())?
            .pop()
            .ok_or_else(|| ApiError::not_found("cancellation"))
    })
    .await
}

//! Incidents and the recording decision (NCRS): open, read, no-crime, close.

use super::*;

pub(super) fn find_incident(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &str,
) -> Result<IncidentRow, ApiError> {
    let row: IncidentRow = incidents::table
        .find(id)
        .select(IncidentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("incident"))?;
    // Incidents are the force's own operational records.
    access::own_record(caller, "incident", &row.id, &row.force_code)?;
    Ok(row)
}

/// Opens an incident (idempotent with a key).
pub async fn open_incident(
    db: &Db,
    caller: &Caller,
    input: IncidentInput,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<IncidentDto>, ApiError> {
    let hash = idempotency::request_hash(&input);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let mut errors = check_incident(&input, Utc::now());
        reference.check(
            &mut errors,
            "channel",
            inv::vocab::INCIDENT_CHANNEL,
            Some(&input.channel),
        );
        reference.check(
            &mut errors,
            "opening_category",
            inv::vocab::INCIDENT_OPENING,
            Some(&input.opening_category),
        );
        for (i, q) in input.qualifiers.iter().enumerate() {
            reference.check_for(
                &c.force_code,
                &mut errors,
                &format!("qualifiers.{i}"),
                inv::vocab::INCIDENT_QUALIFIER,
                Some(q),
            );
        }
        check_location_id(
            conn,
            &vis,
            &reference,
            today,
            input.location_id,
            "location_id",
            &mut errors,
        )?;
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let at = now();
            let reported = input.reported_at.map(naive).unwrap_or(at);
            let n = next_number(conn, &c.force_code, "incident", reported.year())?;
            let row = IncidentRow {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: c.force_code.clone(),
                reference: format!("{}-INC-{}-{n:06}", c.force_code, reported.year()),
                channel: input.channel.trim().to_owned(),
                opening_category: input.opening_category.trim().to_owned(),
                qualifiers: input.qualifiers.join(","),
                summary: input.summary.trim().to_owned(),
                reported_at: reported,
                location_id: input.location_id.map(|l| l.to_string()),
                closing_category: None,
                decision: None,
                decided_at: None,
                no_crime_rationale: None,
                crime_id: None,
                created_by: Some(c.user_id.clone()),
                created_at: at,
                updated_at: at,
                version: 1,
            };
            diesel::insert_into(incidents::table).values(&row).execute(conn)?;
            audit::append(
                conn,
                AuditAction::Create,
                Entry::by(&c).owned_record("incident", &row.id, &row.force_code),
            )?;
            incident_dto(conn, &vis, &reference, today, &row)
        })
    })
    .await
}

/// The force's incidents still waiting for the recording decision, due first.
pub async fn undecided_incidents(
    db: &Db,
    caller: &Caller,
    q: PageQuery,
    today: NaiveDate,
) -> Result<Page<IncidentDto>, ApiError> {
    let paging = Paging::of(&q)?;
    let c = caller.clone();
    db.read(move |conn| {
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let query = incidents::table
            .filter(incidents::force_code.eq(&c.force_code))
            .filter(incidents::decided_at.is_null())
            .select(IncidentRow::as_select())
            .into_boxed();
        let rows: Vec<IncidentRow> =
            crate::keyset!(query, paging, asc(incidents::reported_at, incidents::id)).load(conn)?;
        paging.page(
            rows,
            |r| Cursor::at(r.reported_at, &r.id),
            |rows| {
                rows.iter()
                    .map(|r| incident_dto(conn, &vis, &reference, today, r))
                    .collect()
            },
        )
    })
    .await
}

/// One incident (audited).
pub async fn get_incident(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_incident(conn, &c, &id.to_string())?;
        let reference = Reference::load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c).owned_record("incident", &row.id, &row.force_code),
        )?;
        incident_dto(conn, &vis, &reference, today, &row)
    })
    .await
}

/// Audits a change to an incident and answers the incident as it is now.
pub(super) fn incident_changed(
    conn: &mut AnyConnection,
    caller: &Caller,
    before: &IncidentRow,
    detail: String,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("incident", &before.id, &before.force_code)
            .detail(detail),
    )?;
    let row = find_incident(conn, caller, &before.id)?;
    let reference = Reference::load(conn)?;
    let vis = Visibility::load(conn, caller)?;
    incident_dto(conn, &vis, &reference, today, &row)
}

/// Records the decision not to record a crime, with its rationale.
pub async fn no_crime(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: NoCrimeRequest,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_incident(conn, &c, &id.to_string())?;
        if row.decision.is_some() {
            return Err(ApiError::conflict(
                "The recording decision on this incident has already been made",
            ));
        }
        if req.rationale.trim().chars().count() < inv::MIN_RATIONALE_CHARS {
            return Err(ApiError::validation(vec![FieldError::new(
                "rationale",
                "too_short",
                format!(
                    "Explain why no crime is recorded in at least {} characters",
                    inv::MIN_RATIONALE_CHARS
                ),
            )]));
        }
        let at = now();
        diesel::update(incidents::table.find(&row.id))
            .set((
                incidents::decision.eq("no_crime"),
                incidents::decided_at.eq(at),
                incidents::no_crime_rationale.eq(req.rationale.trim()),
                incidents::updated_at.eq(at),
                incidents::version.eq(row.version + 1),
            ))
            .execute(conn)?;
        incident_changed(conn, &c, &row, "no crime recorded".to_owned(), today)
    })
    .await
}

/// Closes an incident with its closing category.
pub async fn close_incident(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CloseIncidentRequest,
    today: NaiveDate,
) -> Result<IncidentDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = find_incident(conn, &c, &id.to_string())?;
        let reference = Reference::load(conn)?;
        let mut errors = Vec::new();
        if req.closing_category.trim().is_empty() {
            errors.push(FieldError::new(
                "closing_category",
                "required",
                "Choose the closing category",
            ));
        }
        reference.check(
            &mut errors,
            "closing_category",
            inv::vocab::INCIDENT_CLOSING,
            Some(&req.closing_category),
        );
        if req.closing_category == "crime_recorded" && row.decision.as_deref() != Some("crime_recorded") {
            errors.push(FieldError::new(
                "closing_category",
                "no_crime_recorded",
                "No crime has been recorded from this incident",
            ));
        }
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        let at = now();
        diesel::update(incidents::table.find(&row.id))
            .set((
                incidents::closing_category.eq(req.closing_category.trim()),
                incidents::updated_at.eq(at),
                incidents::version.eq(row.version + 1),
            ))
            .execute(conn)?;
        incident_changed(
            conn,
            &c,
            &row,
            format!("closed: {}", req.closing_category.trim()),
            today,
        )
    })
    .await
}

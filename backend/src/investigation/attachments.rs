//! Parties, property and exhibits attached to a crime through the shared index, and exhibit movements.

use super::*;

// ----------------------------------------------------------------------------------------------
// Attachments

/// Resolves a party to a record of the index, creating it if new. Returns the record and its owner.
pub(super) fn resolve_party(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    req: &AddPartyRequest,
    prefix: &str,
) -> Result<Option<RecordRef>, ApiError> {
    let found = |conn: &mut AnyConnection,
                 kind: RecordKind,
                 id: uuid::Uuid,
                 path: &str|
     -> Result<RecordRef, ApiError> {
        let r = RecordRef { kind, id };
        match link_service::named_record(conn, &ctx.vis, &ctx.reference, today, &r)? {
            Some(ix) if !ix.merged => Ok(r),
            Some(_) => Err(ApiError::validation(vec![FieldError::new(
                format!("{prefix}{path}"),
                "merged",
                "This record was merged into another: use the surviving record",
            )])),
            None => Err(ApiError::validation(vec![FieldError::new(
                format!("{prefix}{path}"),
                "not_found",
                "No such record is available to you",
            )])),
        }
    };
    if let Some(id) = req.person_id {
        return found(conn, RecordKind::Person, id, "person_id").map(Some);
    }
    if let Some(id) = req.organisation_id {
        return found(conn, RecordKind::Organisation, id, "organisation_id").map(Some);
    }
    if let Some(p) = &req.new_person {
        let row = people_service::create_in(conn, caller, &ctx.vis, &ctx.reference, today, p)
            .map_err(|e| people_service::prefix_errors(e, &format!("{prefix}new_person")))?;
        return Ok(Some(RecordRef {
            kind: RecordKind::Person,
            id: uuid(&row.id),
        }));
    }
    if let Some(o) = &req.new_organisation {
        let id = records::insert_checked::<Organisation>(
            conn,
            caller,
            &ctx.reference,
            o,
            &format!("{prefix}new_organisation"),
        )?;
        return Ok(Some(RecordRef {
            kind: RecordKind::Organisation,
            id,
        }));
    }
    Ok(None)
}

/// Attaches a party inside the caller's transaction.
pub(super) fn add_party_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime: &CrimeRow,
    req: &AddPartyRequest,
    prefix: &str,
) -> Result<(), ApiError> {
    let errors = check_party(req);
    if !errors.is_empty() {
        return Err(sorted(
            errors
                .into_iter()
                .map(|e| FieldError {
                    path: format!("{prefix}{}", e.path),
                    ..e
                })
                .collect(),
        ));
    }
    match resolve_party(conn, caller, ctx, today, req, prefix)? {
        None => {
            let description = tidy(&req.description).unwrap_or_default();
            diesel::insert_into(crime_unknown_suspects::table)
                .values((
                    crime_unknown_suspects::id.eq(uuid::Uuid::new_v4().to_string()),
                    crime_unknown_suspects::crime_id.eq(&crime.id),
                    crime_unknown_suspects::description.eq(description),
                    crime_unknown_suspects::created_by.eq(&caller.user_id),
                    crime_unknown_suspects::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
        Some(r) => {
            let reason = if r.kind == RecordKind::Organisation {
                "victim_organisation"
            } else {
                req.role.person_link_reason()
            };
            let exists: i64 = links::table
                .filter(links::from_id.eq(&crime.id))
                .filter(links::to_id.eq(r.id.to_string()))
                .filter(links::reason.eq(reason))
                .count()
                .get_result(conn)?;
            if exists > 0 {
                return Err(ApiError::conflict(
                    "This party is already on the crime in that role",
                ));
            }
            link_from_crime(conn, caller, ctx, today, &crime.id, reason, r)?;
            if req.role == PartyRole::Victim {
                let victim_id = victim_service::insert(conn, crime, r)?;
                if state_of(crime) != CrimeState::Draft {
                    victim_service::deadline_tasks(
                        conn,
                        caller,
                        &ctx.ir,
                        crime,
                        UpdateEvent::Recorded,
                        today,
                        Some(&victim_id),
                    )?;
                }
            }
        }
    }
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("crime", &crime.id, &crime.force_code)
            .detail(format!("party added: {:?}", req.role)),
    )?;
    Ok(())
}

/// Attaches a victim, witness, suspect, offender or person reporting.
pub async fn add_party(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddPartyRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime = addable_crime(conn, &ctx.vis, &id.to_string())?;
        add_party_in(conn, &c, &ctx, today, &crime, &req, "")?;
        touch(conn, &crime)?;
        ctx.view(conn, &c, today, &crime.id)
    })
    .await
}

pub(super) fn resolve_object(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    object_id: Option<uuid::Uuid>,
    new_object: Option<&ObjectInput>,
    prefix: &str,
) -> Result<RecordRef, ApiError> {
    match (object_id, new_object) {
        (Some(id), None) => {
            let r = RecordRef {
                kind: RecordKind::Object,
                id,
            };
            if link_service::named_record(conn, &ctx.vis, &ctx.reference, today, &r)?.is_none() {
                return Err(ApiError::validation(vec![FieldError::new(
                    format!("{prefix}object_id"),
                    "not_found",
                    "No such object is available to you",
                )]));
            }
            Ok(r)
        }
        (None, Some(o)) => Ok(RecordRef {
            kind: RecordKind::Object,
            id: records::insert_checked::<Object>(
                conn,
                caller,
                &ctx.reference,
                o,
                &format!("{prefix}new_object"),
            )?,
        }),
        _ => Err(ApiError::validation(vec![FieldError::new(
            format!("{prefix}object_id"),
            "one_of",
            "Give an existing object or describe a new one",
        )])),
    }
}

/// Attaches stolen or damaged property or a vehicle.
pub async fn add_property(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddPropertyRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime = addable_crime(conn, &ctx.vis, &id.to_string())?;
        let r = resolve_object(conn, &c, &ctx, today, req.object_id, req.new_object.as_ref(), "")?;
        link_from_crime(conn, &c, &ctx, today, &crime.id, req.role.link_reason(), r)?;
        touch(conn, &crime)?;
        ctx.view(conn, &c, today, &crime.id)
    })
    .await
}

pub(super) fn add_exhibit_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime: &CrimeRow,
    req: &AddExhibitRequest,
    prefix: &str,
) -> Result<(), ApiError> {
    let errors = check_exhibit(req, Utc::now());
    if !errors.is_empty() {
        return Err(sorted(
            errors
                .into_iter()
                .map(|e| FieldError {
                    path: format!("{prefix}{}", e.path),
                    ..e
                })
                .collect(),
        ));
    }
    let taken: i64 = exhibits::table
        .filter(exhibits::crime_id.eq(&crime.id))
        .filter(exhibits::reference.eq(req.reference.trim()))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::validation(vec![FieldError::new(
            format!("{prefix}reference"),
            "taken",
            "This crime already has an exhibit with that reference",
        )]));
    }
    let r = resolve_object(
        conn,
        caller,
        ctx,
        today,
        req.object_id,
        req.new_object.as_ref(),
        prefix,
    )?;
    link_from_crime(conn, caller, ctx, today, &crime.id, "exhibit", r)?;
    let seized_by = match tidy(&req.seized_by) {
        Some(s) => s,
        None => {
            let refs = user_refs(conn, std::slice::from_ref(&caller.user_id))?;
            let me = user_ref(&refs, &caller.user_id);
            format!("{} ({})", me.display_name, me.collar_number)
        }
    };
    diesel::insert_into(exhibits::table)
        .values((
            exhibits::id.eq(uuid::Uuid::new_v4().to_string()),
            exhibits::crime_id.eq(&crime.id),
            exhibits::object_id.eq(r.id.to_string()),
            exhibits::reference.eq(req.reference.trim()),
            exhibits::seized_by.eq(seized_by),
            exhibits::seized_at.eq(req.seized_at.map(naive).unwrap_or_else(now)),
            exhibits::seized_from.eq(req.seized_from.trim()),
            exhibits::storage.eq(req.storage.trim()),
            exhibits::created_by.eq(&caller.user_id),
            exhibits::created_at.eq(now()),
        ))
        .execute(conn)?;
    audit::append(
        conn,
        AuditAction::Update,
        Entry::by(caller)
            .owned_record("crime", &crime.id, &crime.force_code)
            .detail(format!("exhibit seized: {}", req.reference.trim())),
    )?;
    Ok(())
}

/// Records a seized exhibit.
pub async fn add_exhibit(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: AddExhibitRequest,
    today: NaiveDate,
) -> Result<CrimeDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime = addable_crime(conn, &ctx.vis, &id.to_string())?;
        add_exhibit_in(conn, &c, &ctx, today, &crime, &req, "")?;
        touch(conn, &crime)?;
        ctx.view(conn, &c, today, &crime.id)
    })
    .await
}

/// Records a move of an exhibit (continuity).
pub async fn move_exhibit(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: MoveExhibitRequest,
    today: NaiveDate,
) -> Result<ExhibitDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        let crime_id: String = exhibits::table
            .find(id.to_string())
            .select(exhibits::crime_id)
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("exhibit"))?;
        let crime = addable_crime(conn, &ctx.vis, &crime_id).map_err(|e| e.not_found_as("exhibit"))?;
        let mut errors = Vec::new();
        if req.to.trim().is_empty() {
            errors.push(FieldError::new(
                "to",
                "required",
                "Say where it went or who now holds it",
            ));
        }
        if req.reason.trim().is_empty() {
            errors.push(FieldError::new("reason", "required", "Say why it moved"));
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let at = now();
        diesel::insert_into(exhibit_movements::table)
            .values((
                exhibit_movements::id.eq(uuid::Uuid::new_v4().to_string()),
                exhibit_movements::exhibit_id.eq(id.to_string()),
                exhibit_movements::to_place.eq(req.to.trim()),
                exhibit_movements::reason.eq(req.reason.trim()),
                exhibit_movements::moved_by.eq(&c.user_id),
                exhibit_movements::moved_at.eq(at),
            ))
            .execute(conn)?;
        diesel::update(exhibits::table.find(id.to_string()))
            .set(exhibits::storage.eq(req.to.trim()))
            .execute(conn)?;
        touch(conn, &crime)?;
        audit::append(
            conn,
            AuditAction::Update,
            Entry::by(&c)
                .owned_record("crime", &crime.id, &crime.force_code)
                .detail(format!("exhibit moved to {}", req.to.trim())),
        )?;
        let dto = ctx.view(conn, &c, today, &crime.id)?;
        dto.exhibits
            .into_iter()
            .find(|x| x.id == id)
            .ok_or_else(|| ApiError::not_found("exhibit"))
    })
    .await
}

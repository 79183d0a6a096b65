//! The retail-theft path: a shoplifting recorded, attached and allocated in one request.

use super::*;

// ----------------------------------------------------------------------------------------------
// The retail-theft path

pub(super) fn choice_party(role: PartyRole, c: &PersonChoice) -> AddPartyRequest {
    AddPartyRequest {
        role,
        person_id: c.person_id,
        organisation_id: None,
        new_person: c.new_person.clone(),
        new_organisation: None,
        description: c.description.clone(),
    }
}

/// Records and allocates a shoplifting from one request, in one transaction (idempotent with a key).
pub async fn retail_theft(
    db: &Db,
    caller: &Caller,
    req: RetailTheftRequest,
    key: Option<String>,
    today: NaiveDate,
) -> Result<Outcome<CrimeDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let errors = check_retail_theft(&req, Utc::now());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !caller.can(Capability::RecordCrime) {
        return Err(ApiError::forbidden("Your roles do not allow recording crimes"));
    }
    let c = caller.clone();
    db.write(move |conn| {
        let ctx = Ctx::load(conn, &c)?;
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let offence = ctx
                .ir
                .offences
                .get(inv::SHOPLIFTING_OFFENCE)
                .cloned()
                .ok_or_else(|| {
                    ApiError::internal(anyhow::anyhow!(
                        "the shoplifting offence is missing from reference data"
                    ))
                })?;
            let (store, premises) = store_and_premises(conn, &c, &ctx, today, &req)?;
            let row = insert_shoplifting(conn, &c, &offence, &req, premises)?;
            let loc = RecordRef {
                kind: RecordKind::Location,
                id: premises,
            };
            link_from_crime(conn, &c, &ctx, today, &row.id, "occurred_at", loc)?;
            attach(conn, &c, &ctx, today, &row, store, &req)?;
            let allocated = record_and_allocate(conn, &c, &ctx, today, &row.id, &req)?;
            ctx.view(conn, &c, today, &allocated.id)
        })
    })
    .await
}

/// The store and its premises: a known store (the caller must see it) with its latest premises
/// (or the address given when it has none), or a new store at the address given.
fn store_and_premises(
    conn: &mut AnyConnection,
    c: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    req: &RetailTheftRequest,
) -> Result<(uuid::Uuid, uuid::Uuid), ApiError> {
    match (req.store_id, &req.new_store) {
        (Some(id), _) => {
            let r = RecordRef {
                kind: RecordKind::Organisation,
                id,
            };
            if link_service::named_record(conn, &ctx.vis, &ctx.reference, today, &r)?.is_none() {
                return Err(ApiError::validation(vec![FieldError::new(
                    "store_id",
                    "not_found",
                    "No such store is available to you",
                )]));
            }
            let premises: Option<String> = links::table
                .filter(links::from_id.eq(id.to_string()))
                .filter(links::reason.eq("premises"))
                .order(links::created_at.desc())
                .select(links::to_id)
                .first(conn)
                .optional()?;
            let premises = match (premises, &req.new_store_address) {
                (Some(p), _) => uuid(&p),
                (None, Some(a)) => records::insert_location(conn, c, a)?,
                (None, None) => {
                    return Err(ApiError::validation(vec![FieldError::new(
                        "new_store_address",
                        "required",
                        "This store has no address on record: enter it",
                    )]))
                }
            };
            Ok((id, premises))
        }
        (None, Some(s)) => {
            let id = records::insert_checked::<Organisation>(conn, c, &ctx.reference, s, "new_store")?;
            let a = req.new_store_address.clone().unwrap_or_default();
            let premises = records::insert_location(conn, c, &a)?;
            link_service::create_in(
                conn,
                c,
                &ctx.vis,
                &ctx.reference,
                today,
                &CreateLinkRequest {
                    from: RecordRef {
                        kind: RecordKind::Organisation,
                        id,
                    },
                    to: RecordRef {
                        kind: RecordKind::Location,
                        id: premises,
                    },
                    reason: "premises".into(),
                    valid_from: None,
                    valid_to: None,
                    source: None,
                },
            )?;
            Ok((id, premises))
        }
        (None, None) => unreachable!("checked by check_retail_theft"),
    }
}

/// Inserts the crime, a shoplifting at `premises`, and audits its creation.
fn insert_shoplifting(
    conn: &mut AnyConnection,
    c: &Caller,
    offence: &Offence,
    req: &RetailTheftRequest,
    premises: uuid::Uuid,
) -> Result<CrimeRow, ApiError> {
    let from = req.offence_from.map(naive).unwrap_or_else(now);
    let mut row = new_crime_row(c, now());
    row.classification = Some(offence.classification.clone());
    row.offence = Some(offence.code.clone());
    row.offence_from = Some(from);
    row.offence_to = Some(req.offence_to.map(naive).unwrap_or(from));
    row.location_id = Some(premises.to_string());
    row.modus_operandi = req.modus_operandi.trim().to_owned();
    diesel::insert_into(crimes::table).values(&row).execute(conn)?;
    audit::append(
        conn,
        AuditAction::Create,
        Entry::by(c)
            .owned_record("crime", &row.id, &row.force_code)
            .detail("retail theft"),
    )?;
    Ok(row)
}

/// The store as victim, the suspect, a witness, the items stolen and the CCTV exhibit.
fn attach(
    conn: &mut AnyConnection,
    c: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    row: &CrimeRow,
    store: uuid::Uuid,
    req: &RetailTheftRequest,
) -> Result<(), ApiError> {
    let victim = AddPartyRequest {
        role: PartyRole::Victim,
        person_id: None,
        organisation_id: Some(store),
        new_person: None,
        new_organisation: None,
        description: None,
    };
    add_party_in(conn, c, ctx, today, row, &victim, "store.")?;
    add_party_in(
        conn,
        c,
        ctx,
        today,
        row,
        &choice_party(PartyRole::Suspect, &req.suspect),
        "suspect.",
    )?;
    if let Some(w) = &req.witness {
        add_party_in(
            conn,
            c,
            ctx,
            today,
            row,
            &choice_party(PartyRole::Witness, w),
            "witness.",
        )?;
    }
    for (i, item) in req.items.iter().enumerate() {
        let o = ObjectInput {
            kind: ObjectKind::Property,
            description: item.description.trim().to_owned(),
            value_pence: item.value_pence,
            ..Default::default()
        };
        let r = resolve_object(conn, c, ctx, today, None, Some(&o), &format!("items.{i}."))?;
        link_from_crime(conn, c, ctx, today, &row.id, "stolen", r)?;
    }
    if let Some(cctv) = &req.cctv {
        let x = AddExhibitRequest {
            reference: cctv.reference.clone(),
            object_id: None,
            new_object: Some(ObjectInput {
                kind: ObjectKind::Document,
                description: cctv.description.trim().to_owned(),
                ..Default::default()
            }),
            seized_by: None,
            seized_at: None,
            seized_from: "Store CCTV system".to_owned(),
            storage: cctv.storage.clone(),
        };
        add_exhibit_in(conn, c, ctx, today, row, &x, "cctv.")?;
    }
    Ok(())
}

/// Records the crime, then allocates it to the unit given or else to the caller.
fn record_and_allocate(
    conn: &mut AnyConnection,
    c: &Caller,
    ctx: &Ctx,
    today: NaiveDate,
    crime_id: &str,
    req: &RetailTheftRequest,
) -> Result<CrimeRow, ApiError> {
    let row = CrimeRow::find(conn, crime_id)?.ok_or_else(|| ApiError::not_found("crime"))?;
    let recorded = apply_action(
        conn,
        c,
        ctx,
        today,
        &row,
        TransitionRequest {
            action: Some(CrimeAction::Record),
            ..Default::default()
        },
    )?;
    let (oic, unit) = match tidy(&req.unit) {
        Some(u) => (None, Some(u)),
        None => (Some(UserId(uuid(&c.user_id))), None),
    };
    apply_action(
        conn,
        c,
        ctx,
        today,
        &recorded,
        TransitionRequest {
            action: Some(CrimeAction::Allocate),
            officer_in_charge: oic,
            unit,
            ..Default::default()
        },
    )
}

//! What is kept on the crime for the file: witness statements and the unused-material register.

use super::*;

/// Takes a statement (MG11) for a crime: from one of its victims or witnesses, or the officer as
/// witness, also on another force's crime where the sharing agreement lets their force add to it.
pub async fn add_statement(
    db: &Db,
    caller: &Caller,
    crime_id: uuid::Uuid,
    req: StatementRequest,
    key: Option<String>,
) -> Result<Outcome<StatementDto>, ApiError> {
    let hash = idempotency::request_hash(&(crime_id, &req));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let now_t = Utc::now();
            let mut errors = check_statement(&req, now_t);
            let vis = Visibility::load(conn, &c)?;
            let crime = addable_crime(conn, &vis, &crime_id.to_string())?;
            let reference = Reference::load(conn)?;
            let me = user_refs(conn, std::slice::from_ref(&c.user_id))?;
            let me = user_ref(&me, &c.user_id);
            let mut witness_name = format!("{} {}", me.display_name, me.collar_number)
                .trim()
                .to_owned();
            if let Some(p) = req.witness_person_id {
                let views = crate::index::links::views(
                    conn,
                    &vis,
                    &reference,
                    now_t.date_naive(),
                    std::slice::from_ref(&crime.id),
                )?;
                let party = views.into_iter().find(|v| {
                    v.other.record.id == p
                        && matches!(
                            PartyRole::from_link_reason(&v.reason),
                            Some(PartyRole::Victim | PartyRole::Witness | PartyRole::PersonReporting)
                        )
                });
                match party {
                    Some(v) => {
                        let is_victim = PartyRole::from_link_reason(&v.reason) == Some(PartyRole::Victim);
                        if req.personal_statement && !is_victim {
                            errors.push(FieldError::new(
                                "personal_statement",
                                "victims_only",
                                "Only a victim makes a victim personal statement",
                            ));
                        }
                        witness_name = v.other.label;
                    }
                    None => errors.push(FieldError::new(
                        "witness_person_id",
                        "not_a_party",
                        "Add them to the crime as a victim or witness first",
                    )),
                }
            }
            if !errors.is_empty() {
                errors.sort_by(|a, b| a.path.cmp(&b.path));
                return Err(ApiError::validation(errors));
            }
            let occupation = match req.occupation.trim() {
                "" if req.myself => "Police officer".to_owned(),
                o => o.to_owned(),
            };
            let row = StatementRow {
                id: uuid::Uuid::new_v4().to_string(),
                crime_id: crime.id.clone(),
                force_code: c.force_code.clone(),
                witness_person_id: req.witness_person_id.map(|p| p.to_string()),
                witness_name,
                officer_witness: req.myself,
                occupation,
                over_18: req.over_18,
                text: req.text.trim().to_owned(),
                personal_statement: req.personal_statement,
                made_at: req.made_at.map_or_else(now, |t| t.naive_utc()),
                recorded_by: c.user_id.clone(),
                recorded_at: now(),
            };
            diesel::insert_into(statements::table)
                .values(&row)
                .execute(conn)?;
            audit::append(
                conn,
                AuditAction::Update,
                Entry::by(&c)
                    .owned_record("crime", &crime.id, &crime.force_code)
                    .detail(format!("statement {} of {}", row.id, row.witness_name)),
            )?;
            statements_of(conn, &crime.id)?
                .into_iter()
                .find(|s| s.id.to_string() == row.id)
                .ok_or_else(|| ApiError::internal(anyhow::anyhow!("statement not read back")))
        })
    })
    .await
}

/// Adds an item to the crime's unused-material register (the owning force's investigation).
pub async fn add_unused(
    db: &Db,
    caller: &Caller,
    crime_id: uuid::Uuid,
    req: UnusedMaterialRequest,
    key: Option<String>,
) -> Result<Outcome<UnusedMaterialDto>, ApiError> {
    let hash = idempotency::request_hash(&(crime_id, &req));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let vis = Visibility::load(conn, &c)?;
            let crime = visible_crime(conn, &vis, &crime_id.to_string())?;
            access::owner_only(
                &c,
                "crime",
                &crime.id,
                &crime.force_code,
                format!(
                    "The unused-material register is kept by the investigating force ({})",
                    crime.force_code
                ),
            )?;
            let errors = check_unused(&req);
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let last: Option<i64> = unused_material::table
                .filter(unused_material::crime_id.eq(&crime.id))
                .select(diesel::dsl::max(unused_material::number))
                .first(conn)?;
            let row = UnusedRow {
                id: uuid::Uuid::new_v4().to_string(),
                crime_id: crime.id.clone(),
                number: last.unwrap_or(0) + 1,
                description: req.description.trim().to_owned(),
                location: req.location.trim().to_owned(),
                sensitive: req.sensitive,
                sensitivity_reason: if req.sensitive {
                    req.sensitivity_reason.trim().to_owned()
                } else {
                    String::new()
                },
                recorded_by: c.user_id.clone(),
                recorded_at: now(),
            };
            diesel::insert_into(unused_material::table)
                .values(&row)
                .execute(conn)?;
            audit::append(
                conn,
                AuditAction::Update,
                Entry::by(&c)
                    .owned_record("crime", &crime.id, &crime.force_code)
                    .detail(format!("unused material item {}", row.number)),
            )?;
            let refs = user_refs(conn, std::slice::from_ref(&c.user_id))?;
            Ok(unused_dto(row, &refs))
        })
    })
    .await
}

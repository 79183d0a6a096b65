//! Booking in: the pre-filled form from the last record, and the booking itself (one open record per person).

use super::*;

/// A booking-in form pre-filled from the person and their latest custody record.
pub async fn prefill(db: &Db, caller: &Caller, person_id: uuid::Uuid) -> Result<BookInPrefill, ApiError> {
    let c = caller.clone();
    let db2 = db.clone();
    db.read(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let (reference, _) = reference::cached(&db2, conn)?;
        let person = visible_person(conn, &vis, &reference, Utc::now().date_naive(), person_id)?
            .ok_or_else(|| ApiError::not_found("person"))?
            .summary;
        let pid = person_id.to_string();
        let previous: Vec<CustodyRow> = custody_records::table
            .filter(custody_records::person_id.eq(&pid))
            .filter(custody_records::force_code.eq(&c.force_code))
            .order(custody_records::created_at.desc())
            .select(CustodyRow::as_select())
            .load(conn)?;
        let open_record = previous.iter().find(|r| r.state == "open").map(|r| uuid(&r.id));
        let latest = previous.first();
        let known_medication = match latest {
            Some(l) => load_entries(conn, std::slice::from_ref(&l.id))?
                .remove(&l.id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| match s.entry {
                    CustodyEntry::Prescription(p) => Some(p),
                    _ => None,
                })
                .collect(),
            None => vec![],
        };
        if let Some(l) = latest {
            audit_read(conn, &c, l, "booking-in pre-fill")?;
        }
        Ok(BookInPrefill {
            person,
            known_medication,
            self_defined_ethnicity: latest.map(|l| l.self_defined_ethnicity.clone()),
            nationality: latest.map(|l| l.nationality.clone()),
            open_record,
        })
    })
    .await
}

pub(super) fn already_in_custody(number: &str) -> ApiError {
    ApiError::conflict(format!(
        "This person is already in custody (record {number}): one open custody record per person"
    ))
}

/// Books a detainee in: opens the custody record (idempotent with a key). Detention refused closes
/// it at once with the release.
pub async fn book_in(
    db: &Db,
    caller: &Caller,
    req: BookInRequest,
    key: Option<String>,
) -> Result<Outcome<CustodyRecordDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    need(
        caller,
        Capability::AuthoriseDetention,
        "booking detainees in (a custody officer's decision)",
    )?;
    let c = caller.clone();
    db.write(move |conn| {
        let r = CustodyRef::load(conn)?;
        let now_t = Utc::now();
        let mut errors = check_book_in(&req, &r.questions, now_t);
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let today = now_t.date_naive();
        let found = Found::load(conn, &c, &vis, &reference, today, &req, &mut errors)?;
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.path.cmp(&b.path));
            return Err(ApiError::validation(errors));
        }
        let (Some(person), Some(suite), Some(arrived), Some(decision)) =
            (found.person, found.suite, req.arrived_at, req.decision)
        else {
            unreachable!("checked above")
        };
        let open: Option<String> = custody_records::table
            .filter(custody_records::person_id.eq(&person.id_text))
            .filter(custody_records::state.eq("open"))
            .select(custody_records::number)
            .first(conn)
            .optional()?;
        if let Some(n) = open {
            return Err(already_in_custody(&n));
        }
        let (crime_id, offences) = (found.crime_id, found.offences);
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let at = now();
            let decided = req.decided_at.map(naive).unwrap_or(at);
            let n = next_number(conn, &c.force_code, "custody", decided.year())?;
            let refused = decision == DetentionDecision::Refused;
            let row = CustodyRow {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: c.force_code.clone(),
                number: format!("{}-CUS-{}-{n:06}", c.force_code, decided.year()),
                suite_id: suite.id.to_string(),
                cell: req.cell.clone(),
                person_id: person.id_text.clone(),
                crime_id,
                state: if refused { "closed" } else { "open" }.to_owned(),
                arrest: serde_json::to_string(&req.arrest).map_err(ApiError::internal)?,
                indictable: any_indictable(&offences),
                asn: req.asn.trim().to_uppercase(),
                relevant_time: naive(arrived),
                decision: if refused { "refused" } else { "authorised" }.to_owned(),
                decided_at: decided,
                decided_by: c.user_id.clone(),
                decision_reason: req.decision_reason.trim().to_owned(),
                self_defined_ethnicity: req.self_defined_ethnicity.clone().unwrap_or_default(),
                officer_defined_ethnicity: req.officer_defined_ethnicity.clone().unwrap_or_default(),
                nationality: req.nationality.trim().to_owned(),
                released_at: refused.then_some(decided),
                created_by: c.user_id.clone(),
                created_at: at,
                updated_at: at,
                version: 1,
            };
            open_record(conn, &c, &vis, &reference, today, &row, &suite.code)?;
            let booked = utc(decided);
            if let Some(risk) = &req.risk {
                let mut risk = risk.clone();
                risk.at = Some(risk.at.unwrap_or(booked));
                insert_entry(conn, &c, &row.id, &CustodyEntry::RiskAssessment(risk), booked)?;
            }
            for p in &req.medication {
                insert_entry(conn, &c, &row.id, &CustodyEntry::Prescription(p.clone()), booked)?;
            }
            dto(conn, &r, &reference, &row, Utc::now())
        })
    })
    .await
}

/// What a booking-in names that needs the database to check: the person, the suite and cell, the
/// crime, the offence codes. Each one not found is an error in `errors`.
struct Found {
    person: Option<summaries::Indexed>,
    suite: Option<CustodySuite>,
    crime_id: Option<String>,
    /// The arrest's offences found: (code, label, mode of trial).
    offences: Vec<(String, String, String)>,
}

impl Found {
    fn load(
        conn: &mut AnyConnection,
        c: &Caller,
        vis: &Visibility,
        reference: &Reference,
        today: NaiveDate,
        req: &BookInRequest,
        errors: &mut Vec<FieldError>,
    ) -> Result<Self, ApiError> {
        let person = match req.person_id {
            Some(p) => {
                let found = visible_person(conn, vis, reference, today, p)?;
                if found.is_none() {
                    errors.push(FieldError::new(
                        "person_id",
                        "not_found",
                        "No such person is available to you",
                    ));
                }
                found
            }
            None => None,
        };
        let suite = match req.suite_id {
            Some(s) => match find_open_suite(conn, &s.to_string())? {
                Some(s) if access::is_owner(c, &s.force_code) => Some(s),
                _ => {
                    errors.push(FieldError::new(
                        "suite_id",
                        "not_found",
                        "Not an open custody suite of your force",
                    ));
                    None
                }
            },
            None => None,
        };
        if let (Some(s), Some(cell)) = (&suite, &req.cell) {
            if !s.cells.contains(cell) {
                errors.push(FieldError::new(
                    "cell",
                    "unknown",
                    format!("{} has no cell {cell}", s.name),
                ));
            }
        }
        let crime_id = match req.crime_id {
            Some(id) => match crate::investigation::visible_crime(conn, vis, &id.to_string()) {
                Ok(row) => Some(row.id),
                Err(e) => {
                    access::named_but_refused(e)?;
                    errors.push(FieldError::new(
                        "crime_id",
                        "not_found",
                        "No such crime is available to you",
                    ));
                    None
                }
            },
            None => None,
        };
        let offences = offence_labels(conn, &req.arrest.offences)?;
        for (i, code) in req.arrest.offences.iter().enumerate() {
            if !offences.iter().any(|(c, _, _)| c == code) {
                errors.push(FieldError::new(
                    format!("arrest.offences.{i}"),
                    "unknown",
                    format!("{code} is not an offence code"),
                ));
            }
        }
        Ok(Self {
            person,
            suite,
            crime_id,
            offences,
        })
    }
}

/// Inserts the record with its grants and the `custody_detainee` link to the person, and audits
/// the booking-in at the suite `suite_code`.
fn open_record(
    conn: &mut AnyConnection,
    c: &Caller,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    row: &CustodyRow,
    suite_code: &str,
) -> Result<(), ApiError> {
    // The partial unique index decides between two custody officers booking the same
    // person in at once: the second is told, never given a second open record.
    match diesel::insert_into(custody_records::table)
        .values(row)
        .execute(conn)
    {
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            return Err(already_in_custody("opened a moment ago"));
        }
        other => {
            other?;
        }
    }
    access::set_grants(conn, RecordKind::Event, &row.id, &restriction())?;
    link_service::create_in(
        conn,
        c,
        vis,
        reference,
        today,
        &CreateLinkRequest {
            from: RecordRef {
                kind: RecordKind::Event,
                id: uuid(&row.id),
            },
            to: RecordRef {
                kind: RecordKind::Person,
                id: uuid(&row.person_id),
            },
            reason: "custody_detainee".to_owned(),
            valid_from: None,
            valid_to: None,
            source: None,
        },
    )?;
    audit::append(
        conn,
        AuditAction::Create,
        Entry::by(c)
            .owned_record(KIND, &row.id, &row.force_code)
            .detail(format!("booked in at {}; detention {}", suite_code, row.decision)),
    )?;
    Ok(())
}

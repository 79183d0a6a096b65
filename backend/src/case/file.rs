//! The case file's life: start, read, change, write and certify documents, submit to the CPS, the PDF bundle.

use super::*;

pub(super) const KIND: &str = "case_file";

pub(super) fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

pub(super) fn state_of(row: &CaseFileRow) -> CaseFileState {
    CaseFileState::parse(&row.state).unwrap_or(CaseFileState::Building)
}

pub(super) fn type_of(row: &CaseFileRow) -> FileType {
    FileType::parse(&row.file_type).unwrap_or(FileType::Gap)
}

pub(super) fn invalid(path: &str, code: &str, message: impl Into<String>) -> ApiError {
    ApiError::validation(vec![FieldError::new(path, code, message)])
}

/// A file of the caller's force whose crime they may see, or not found.
pub(super) fn own_file(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    id: &str,
) -> Result<CaseFileRow, ApiError> {
    let row = CaseFileRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("case file"))?;
    access::own_record(caller, "case file", &row.id, &row.force_code)?;
    visible_crime(conn, vis, &row.crime_id).map_err(|_| ApiError::not_found("case file"))?;
    Ok(row)
}

/// Bumps the file's version (if still at `expected`) and sets its state; 412 if it moved on.
pub(super) fn bump(
    conn: &mut AnyConnection,
    row: &CaseFileRow,
    expected: i64,
    state: CaseFileState,
) -> Result<(), ApiError> {
    let n = diesel::update(
        case_files::table
            .filter(case_files::id.eq(&row.id))
            .filter(case_files::version.eq(expected)),
    )
    .set((
        case_files::version.eq(case_files::version + 1),
        case_files::updated_at.eq(now()),
        case_files::state.eq(state.as_str()),
    ))
    .execute(conn)?;
    if n == 0 {
        let current = CaseFileRow::find(conn, &row.id)?.map_or(row.version + 1, |r| r.version);
        return Err(ApiError::precondition_failed(crate::http::etag(current)));
    }
    Ok(())
}

pub(super) fn editable(row: &CaseFileRow) -> Result<(), ApiError> {
    if state_of(row).editable() {
        Ok(())
    } else {
        Err(ApiError::code(
            ErrorCode::InvalidTransition,
            "The file is with the CPS: it cannot change until the prosecutor decides",
        ))
    }
}

pub(super) fn audit_file(
    conn: &mut AnyConnection,
    action: AuditAction,
    c: &Caller,
    row: &CaseFileRow,
    detail: String,
) -> Result<(), ApiError> {
    audit::append(
        conn,
        action,
        Entry::by(c)
            .owned_record(KIND, &row.id, &row.force_code)
            .detail(detail),
    )
}

/// Starts a case file on a recorded crime of the caller's force (idempotent with a key).
pub async fn create(
    db: &Db,
    caller: &Caller,
    req: CreateCaseFileRequest,
    key: Option<String>,
) -> Result<Outcome<CaseFileDto>, ApiError> {
    let hash = idempotency::request_hash(&req);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let mut errors = Vec::new();
            if req.file_type.is_none() {
                errors.push(FieldError::new("file_type", "required", "Choose the file type"));
            }
            let vis = Visibility::load(conn, &c)?;
            let crime = match req.crime_id {
                None => {
                    errors.push(FieldError::new("crime_id", "required", "Choose the crime"));
                    None
                }
                Some(id) => match visible_crime(conn, &vis, &id.to_string()) {
                    Ok(row) if access::is_owner(&c, &row.force_code) => Some(row),
                    Ok(_) => {
                        errors.push(FieldError::new(
                            "crime_id",
                            "other_force",
                            "Only the force that owns the crime builds its case file",
                        ));
                        None
                    }
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
            };
            if let Some(row) = &crime {
                let state = CrimeState::parse(&row.state).unwrap_or(CrimeState::Draft);
                if matches!(state, CrimeState::Draft | CrimeState::Cancelled) {
                    errors.push(FieldError::new(
                        "crime_id",
                        "not_recorded",
                        "A case file is built on a recorded crime",
                    ));
                }
            }
            let (Some(crime), Some(file_type), true) = (crime, req.file_type, errors.is_empty()) else {
                return Err(ApiError::validation(errors));
            };
            let at = now();
            let n = next_number(conn, &c.force_code, "case_file", at.year())?;
            let row = CaseFileRow {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: c.force_code.clone(),
                urn: format!("{}01/{n:05}/{:02}", c.force_code, at.year() % 100),
                crime_id: crime.id.clone(),
                file_type: file_type.as_str().to_owned(),
                state: CaseFileState::Building.as_str().to_owned(),
                cps_charges: "[]".to_owned(),
                created_by: c.user_id.clone(),
                created_at: at,
                updated_at: at,
                version: 1,
            };
            diesel::insert_into(case_files::table)
                .values(&row)
                .execute(conn)?;
            audit_file(
                conn,
                AuditAction::Create,
                &c,
                &row,
                format!("case file {} ({})", row.urn, row.file_type),
            )?;
            file_dto(conn, &c, &vis, &row)
        })
    })
    .await
}

/// The case files of the caller's force, optionally of one crime, newest first.
pub async fn list(
    db: &Db,
    caller: &Caller,
    crime_id: Option<uuid::Uuid>,
    page: PageQuery,
) -> Result<Page<CaseFileSummary>, ApiError> {
    let paging = Paging::of(&page)?;
    let c = caller.clone();
    db.read(move |conn| {
        let mut q = case_files::table
            .filter(case_files::force_code.eq(&c.force_code))
            .select(CaseFileRow::as_select())
            .into_boxed();
        if let Some(id) = crime_id {
            q = q.filter(case_files::crime_id.eq(id.to_string()));
        }
        let rows: Vec<CaseFileRow> =
            crate::keyset!(q, paging, desc(case_files::updated_at, case_files::id)).load(conn)?;
        paging.page(rows, file_cursor, |rows| {
            let vis = Visibility::load(conn, &c)?;
            let mut out = Vec::new();
            for r in rows {
                if visible_crime(conn, &vis, &r.crime_id).is_ok() {
                    out.push(summary(&r));
                }
            }
            Ok(out)
        })
    })
    .await
}

/// Where a list of files ordered by their last change continues after this one.
pub(super) fn file_cursor(r: &CaseFileRow) -> Cursor {
    Cursor::at(r.updated_at, &r.id)
}

/// A case file as it stands now, with what it still needs (audited: it holds personal data).
pub async fn get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<CaseFileDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let row = own_file(conn, &c, &vis, &id.to_string())?;
        audit_file(
            conn,
            AuditAction::Read,
            &c,
            &row,
            format!("case file {}", row.urn),
        )?;
        file_dto(conn, &c, &vis, &row)
    })
    .await
}

/// Changes a file of the caller's force that is not with the CPS: `change` does the work on the file
/// as it stands and says what the audit row records; answers the file as it then stands.
pub(super) async fn change_file<F>(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    change: F,
) -> Result<CaseFileDto, ApiError>
where
    F: FnOnce(&mut AnyConnection, &Caller, &CaseFileRow) -> Result<String, ApiError> + Send + 'static,
{
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let row = own_file(conn, &c, &vis, &id.to_string())?;
        editable(&row)?;
        let detail = change(conn, &c, &row)?;
        audit_file(conn, AuditAction::Update, &c, &row, detail)?;
        let row = CaseFileRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("case file"))?;
        file_dto(conn, &c, &vis, &row)
    })
    .await
}

/// Changes the file type (e.g. to the upgrade file); the file goes back to being built.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: UpdateCaseFileRequest,
    expected: Option<i64>,
) -> Result<CaseFileDto, ApiError> {
    let Some(file_type) = req.file_type else {
        return Err(invalid("file_type", "required", "Choose the file type"));
    };
    change_file(db, caller, id, move |conn, _, row| {
        bump(
            conn,
            row,
            expected.unwrap_or(row.version),
            CaseFileState::Building,
        )?;
        diesel::update(case_files::table.find(&row.id))
            .set(case_files::file_type.eq(file_type.as_str()))
            .execute(conn)?;
        Ok(format!("file type {} -> {}", row.file_type, file_type.as_str()))
    })
    .await
}

/// Saves a written document as its next version (a certified version stays as it was).
pub async fn write_document(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    content: DocumentContent,
    expected: Option<i64>,
) -> Result<CaseFileDto, ApiError> {
    let errors = check_document(&content);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    change_file(db, caller, id, move |conn, c, row| {
        let kind = content.kind();
        let latest: Option<i64> = case_documents::table
            .filter(case_documents::case_file_id.eq(&row.id))
            .filter(case_documents::kind.eq(kind.as_str()))
            .select(diesel::dsl::max(case_documents::version))
            .first(conn)?;
        let version = latest.unwrap_or(0) + 1;
        bump(conn, row, expected.unwrap_or(row.version), state_of(row))?;
        diesel::insert_into(case_documents::table)
            .values(&DocumentRow {
                id: uuid::Uuid::new_v4().to_string(),
                case_file_id: row.id.clone(),
                kind: kind.as_str().to_owned(),
                version,
                content: serde_json::to_string(&content).map_err(ApiError::internal)?,
                written_by: c.user_id.clone(),
                written_at: now(),
                certified_by: None,
                certified_at: None,
            })
            .execute(conn)?;
        Ok(format!("{} version {version}", kind.code()))
    })
    .await
}

/// A supervisor certifies the case summary at the version they read (409 if it has changed since).
pub async fn certify(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: CertifyRequest,
) -> Result<CaseFileDto, ApiError> {
    let mut errors = Vec::new();
    match req.kind {
        None => errors.push(FieldError::new("kind", "required", "Say which form you certify")),
        Some(k) if !k.certified() => errors.push(FieldError::new(
            "kind",
            "not_certified",
            format!("Only the case summary (MG5) is certified, not the {}", k.code()),
        )),
        _ => {}
    }
    if req.version.is_none() {
        errors.push(FieldError::new(
            "version",
            "required",
            "Say which version you read",
        ));
    }
    let (Some(kind), Some(version), true) = (req.kind, req.version, errors.is_empty()) else {
        return Err(ApiError::validation(errors));
    };
    change_file(db, caller, id, move |conn, c, row| {
        let latest: Option<DocumentRow> = case_documents::table
            .filter(case_documents::case_file_id.eq(&row.id))
            .filter(case_documents::kind.eq(kind.as_str()))
            .order(case_documents::version.desc())
            .select(DocumentRow::as_select())
            .first(conn)
            .optional()?;
        let Some(latest) = latest else {
            return Err(invalid(
                "kind",
                "not_written",
                "The case summary has not been written yet",
            ));
        };
        if latest.version != version {
            return Err(ApiError::conflict(format!(
                "Version {} of the {} is the latest, not {version}: read it before certifying",
                latest.version,
                kind.code()
            )));
        }
        if latest.certified_by.is_some() {
            return Err(ApiError::conflict("This version is already certified"));
        }
        if latest.written_by == c.user_id {
            return Err(ApiError::forbidden(
                "A supervisor certifies a summary someone else wrote, not their own",
            ));
        }
        bump(conn, row, row.version, state_of(row))?;
        diesel::update(case_documents::table.find(&latest.id))
            .set((
                case_documents::certified_by.eq(Some(&c.user_id)),
                case_documents::certified_at.eq(Some(now())),
            ))
            .execute(conn)?;
        Ok(format!("{} version {version} certified", kind.code()))
    })
    .await
}

/// The problem a refused submission carries: exactly the readiness list, as field errors.
pub(super) fn not_ready(missing: &[bluelamp_shared::case::Missing]) -> ApiError {
    ApiError::Problem(Box::new(
        Problem::new(ErrorCode::ValidationFailed)
            .with_detail(format!(
                "The file is not ready: {} item{} still needed",
                missing.len(),
                if missing.len() == 1 { " is" } else { "s are" }
            ))
            .with_errors(missing.iter().map(|m| m.to_field_error()).collect()),
    ))
}

/// Submits the file to the CPS: the structured file as it stands is stored as sent (idempotent with
/// a key); refused with the readiness list while anything is missing.
pub async fn submit(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    key: Option<String>,
) -> Result<Outcome<CaseFileDto>, ApiError> {
    let hash = idempotency::request_hash(&id);
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let vis = Visibility::load(conn, &c)?;
            let row = own_file(conn, &c, &vis, &id.to_string())?;
            editable(&row)?;
            let (content, _) = assemble(conn, &c, &vis, &row)?;
            let missing = readiness(&content);
            if !missing.is_empty() {
                return Err(not_ready(&missing));
            }
            let number = submissions_of(conn, &row.id)?.len() as i64 + 1;
            bump(conn, &row, row.version, CaseFileState::Submitted)?;
            diesel::insert_into(case_submissions::table)
                .values(&SubmissionRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    case_file_id: row.id.clone(),
                    number,
                    file_type: row.file_type.clone(),
                    content: serde_json::to_string(&content).map_err(ApiError::internal)?,
                    submitted_by: c.user_id.clone(),
                    submitted_at: now(),
                })
                .execute(conn)?;
            audit_file(
                conn,
                AuditAction::Export,
                &c,
                &row,
                format!("submitted to the CPS: {} submission {number}", row.urn),
            )?;
            let row = CaseFileRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("case file"))?;
            file_dto(conn, &c, &vis, &row)
        })
    })
    .await
}

/// The MG forms of the file as it stands, as a PDF (audited).
pub async fn bundle(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<(String, Vec<u8>), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let row = own_file(conn, &c, &vis, &id.to_string())?;
        let (content, _) = assemble(conn, &c, &vis, &row)?;
        audit_file(
            conn,
            AuditAction::Export,
            &c,
            &row,
            format!("PDF bundle of {}", row.urn),
        )?;
        Ok((row.urn.clone(), super::pdf::bundle(&content)?))
    })
    .await
}

//! Legacy reports imported with their original grading, and the source register.

use super::*;

/// Imports a legacy 5x5x5 report, disseminated, with its original grading kept and the mapped one
/// from the `grading_map` reference table.
pub async fn import_legacy(
    db: &Db,
    caller: &Caller,
    req: LegacyImportRequest,
    today: NaiveDate,
) -> Result<ReportDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let vis = Visibility::load(conn, &c)?;
        let reference = Reference::load(conn)?;
        let mapped = map_grading(conn, &req, today)?;
        let row = insert_legacy(conn, &c, &req, mapped)?;
        for (i, s) in req.subjects.iter().enumerate() {
            link_subject(
                conn,
                &c,
                &View {
                    vis: &vis,
                    reference: &reference,
                    today,
                },
                &row.id,
                *s,
                &format!("subjects.{i}"),
            )?;
        }
        dto(conn, &c, &vis, &reference, today, &row)
    })
    .await
}

/// A legacy code as mapped: (the current code, its conditions).
type MappedCode = (String, Option<String>);

/// A legacy grading mapped to the current one, with the report's review date.
struct MappedGrading {
    source: MappedCode,
    intel: MappedCode,
    handling: MappedCode,
    review: NaiveDate,
}

/// Checks the import and maps its grading through the `grading_map` table; the mapped grading
/// must pass the current rules too.
fn map_grading(
    conn: &mut AnyConnection,
    req: &LegacyImportRequest,
    today: NaiveDate,
) -> Result<MappedGrading, ApiError> {
    let map: Vec<(String, String, String, Option<String>)> = grading_map::table
        .select((
            grading_map::dimension,
            grading_map::legacy_code,
            grading_map::mapped_code,
            grading_map::conditions,
        ))
        .load(conn)?;
    let find = |dim: &str, code: &str| {
        map.iter()
            .find(|m| m.0 == dim && m.1 == code.trim().to_uppercase())
            .map(|m| (m.2.clone(), m.3.clone()))
    };
    let mut errors = Vec::new();
    let g = &req.grading;
    let source = find("source", &g.source);
    let intel = find("intelligence", &g.intelligence);
    let handling = find("handling", &g.handling);
    for (path, found, what) in [
        ("grading.source", source.is_some(), "A to E"),
        ("grading.intelligence", intel.is_some(), "1 to 5"),
        ("grading.handling", handling.is_some(), "1 to 5"),
    ] {
        if !found {
            errors.push(FieldError::new(
                path,
                "unknown_code",
                format!("A 5x5x5 grading here is {what}"),
            ));
        }
    }
    if req.text.trim().is_empty() {
        errors.push(FieldError::new(
            "text",
            "required",
            "The disseminated text is required",
        ));
    }
    if req.legacy_reference.trim().is_empty() {
        errors.push(FieldError::new(
            "legacy_reference",
            "required",
            "The old system's reference is required",
        ));
    }
    if req.subjects.is_empty() {
        errors.push(FieldError::new(
            "subjects",
            "required",
            "Link the report to its subjects",
        ));
    }
    let review = req.review_date.unwrap_or(today + Duration::days(365));
    let (source, intel, handling) = match (source, intel, handling) {
        (Some(s), Some(i), Some(h)) if errors.is_empty() => (s, i, h),
        _ => return Err(ApiError::validation(errors)),
    };
    let mapped = Grading {
        source_evaluation: SourceEvaluation::parse(&source.0),
        assessment: Assessment::parse(&intel.0),
        handling: HandlingCode::parse(&handling.0),
        handling_conditions: handling.1.clone(),
        priority: Some(Priority::Low),
        review_date: Some(review),
    };
    let errors: Vec<FieldError> = check_grading(&mapped, today)
        .into_iter()
        .map(|e| FieldError {
            path: format!("grading.{}", e.path),
            ..e
        })
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok(MappedGrading {
        source,
        intel,
        handling,
        review,
    })
}

/// Inserts the report, disseminated, with both gradings, and audits the import.
fn insert_legacy(
    conn: &mut AnyConnection,
    c: &Caller,
    req: &LegacyImportRequest,
    g: MappedGrading,
) -> Result<ReportRow, ApiError> {
    let at = now();
    let n = next_number(conn, &c.force_code, "intelligence", at.year())?;
    let obtained = req
        .obtained_at
        .map(|t| t.naive_utc().trunc_subsecs(6))
        .unwrap_or(at);
    let mut row = new_row(
        c,
        format!("{}-INT-{}-{n:06}", c.force_code, at.year()),
        &req.text,
        obtained,
    );
    row.state = ReportState::Disseminated.code().to_owned();
    row.restricted = false;
    row.obtained_where = "Imported from the legacy system".to_owned();
    row.sanitised_text = Some(req.text.trim().to_owned());
    row.source_evaluation = Some(g.source.0);
    row.assessment = Some(g.intel.0);
    row.handling = Some(g.handling.0);
    row.handling_conditions = g.handling.1;
    row.review_date = Some(g.review);
    row.legacy_reference = Some(req.legacy_reference.trim().to_owned());
    row.legacy_grading = Some(serde_json::to_string(&req.grading).map_err(ApiError::internal)?);
    row.evaluated_by = Some(c.user_id.clone());
    row.disseminated_at = Some(at);
    diesel::insert_into(intel_reports::table)
        .values(&row)
        .execute(conn)?;
    audit::append(
        conn,
        AuditAction::Create,
        Entry::by(c)
            .owned_record("intelligence_report", &row.id, &row.force_code)
            .detail(format!(
                "imported legacy {} graded {}",
                req.legacy_reference.trim(),
                req.grading.short()
            )),
    )?;
    Ok(row)
}

/// The force's source register (intelligence unit only; audited).
pub async fn sources(db: &Db, caller: &Caller, q: PageQuery) -> Result<Page<SourceDto>, ApiError> {
    let paging = Paging::of(&q)?;
    let c = caller.clone();
    db.write(move |conn| {
        let query = intel_sources::table
            .filter(intel_sources::force_code.eq(&c.force_code))
            .select((
                intel_sources::id,
                intel_sources::reference,
                intel_sources::kind,
                intel_sources::name,
                intel_sources::details,
                intel_sources::created_by,
                intel_sources::created_at,
            ))
            .into_boxed();
        let rows: Vec<SourceRow> =
            crate::keyset!(query, paging, desc(intel_sources::created_at, intel_sources::id)).load(conn)?;
        paging.page(
            rows,
            |r| Cursor::at(r.6, &r.0),
            |rows| source_dtos(conn, &c, rows),
        )
    })
    .await
}

/// A row of the source register: id, reference, kind, name, details, recorded by, recorded at.
type SourceRow = (String, String, String, String, String, String, NaiveDateTime);

/// The register's rows as DTOs with the reports each source gave (the listing audited).
fn source_dtos(
    conn: &mut AnyConnection,
    c: &Caller,
    rows: Vec<SourceRow>,
) -> Result<Vec<SourceDto>, ApiError> {
    let ids: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let reports: Vec<(Option<String>, String)> = intel_reports::table
        .filter(intel_reports::source_id.eq_any(&ids))
        .select((intel_reports::source_id, intel_reports::reference))
        .load(conn)?;
    let people: Vec<String> = rows.iter().map(|r| r.5.clone()).collect();
    let refs = user_refs(conn, &people)?;
    audit::append(
        conn,
        AuditAction::Read,
        Entry::by(c)
            .record("source_register", &c.force_code)
            .detail(format!("{} sources listed", rows.len())),
    )?;
    Ok(rows
        .into_iter()
        .map(|(id, reference, kind, name, details, by, at)| SourceDto {
            reports: reports
                .iter()
                .filter(|r| r.0.as_deref() == Some(id.as_str()))
                .map(|r| r.1.clone())
                .collect(),
            id: uuid(&id),
            reference,
            kind: SourceKind::parse(&kind).unwrap_or(SourceKind::MemberOfPublic),
            name,
            details,
            recorded_by: user_ref(&refs, &by),
            recorded_at: utc(at),
        })
        .collect())
}

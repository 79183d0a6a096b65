//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::case::queries::{CaseFileRow, DecisionRow, DocumentRow, StatementRow, SubmissionRow, UnusedRow};
use crate::custody::queries::{CustodyRow, EntryRow};
use crate::db::schema::{
    case_decisions, case_documents, case_files, case_submissions, custody_entries, custody_records,
    person_dobs, statements, unused_material,
};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::reference::Reference;
use crate::investigation::queries::CrimeRow;
use crate::investigation::tasks as task_service;
use crate::investigation::{
    self as inv, addable_crime, next_number, user_ref, user_refs, visible_crime, InvestigationRef,
};
use crate::kernel::access::{self, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::case::{
    charging_route, check_decision, check_document, check_statement, check_unused, documents_for, readiness,
    CaseFileContent, CaseFileDto, CaseFileState, CaseFileSummary, CertifyRequest, Charge, CpsCaseFile,
    CreateCaseFileRequest, CrimeFacts as FileCrime, DecisionDto, DecisionKind, DecisionRequest, Defendant,
    DocumentContent, DocumentVersion, ExhibitLine, FileType, InterviewLine, RouteFacts, StatementDto,
    StatementRequest, SubmissionDto, UnusedMaterialDto, UnusedMaterialRequest, UpdateCaseFileRequest,
};
use bluelamp_shared::custody::{ArrestDetails, CustodyEntry};
use bluelamp_shared::error::{ErrorCode, FieldError, Problem};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::investigation::{CrimeDto, CrimeState, PartyRole, UserRef};
use bluelamp_shared::records::{RecordKind, RecordMeta, Restriction};
use bluelamp_shared::reference::Offence;
use bluelamp_shared::tasks::TaskKind;
use chrono::{Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

const KIND: &str = "case_file";

fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

fn state_of(row: &CaseFileRow) -> CaseFileState {
    CaseFileState::parse(&row.state).unwrap_or(CaseFileState::Building)
}

fn type_of(row: &CaseFileRow) -> FileType {
    FileType::parse(&row.file_type).unwrap_or(FileType::Gap)
}

fn invalid(path: &str, code: &str, message: impl Into<String>) -> ApiError {
    ApiError::validation(vec![FieldError::new(path, code, message)])
}

/// The statements taken for a crime, oldest first.
pub fn statements_of(conn: &mut AnyConnection, crime_id: &str) -> Result<Vec<StatementDto>, ApiError> {
    let rows: Vec<StatementRow> = statements::table
        .filter(statements::crime_id.eq(crime_id))
        .order((statements::made_at, statements::recorded_at))
        .select(StatementRow::as_select())
        .load(conn)?;
    let refs = user_refs(
        conn,
        &rows.iter().map(|r| r.recorded_by.clone()).collect::<Vec<_>>(),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| StatementDto {
            id: uuid(&r.id),
            crime_id: uuid(&r.crime_id),
            witness_person_id: r.witness_person_id.as_deref().map(uuid),
            witness_name: r.witness_name,
            officer_witness: r.officer_witness,
            occupation: r.occupation,
            over_18: r.over_18,
            text: r.text,
            personal_statement: r.personal_statement,
            made_at: utc(r.made_at),
            recorded_by: user_ref(&refs, &r.recorded_by),
            force: ForceCode(r.force_code),
        })
        .collect())
}

/// The unused-material register of a crime, in schedule order.
pub fn unused_of(conn: &mut AnyConnection, crime_id: &str) -> Result<Vec<UnusedMaterialDto>, ApiError> {
    let rows: Vec<UnusedRow> = unused_material::table
        .filter(unused_material::crime_id.eq(crime_id))
        .order(unused_material::number)
        .select(UnusedRow::as_select())
        .load(conn)?;
    let refs = user_refs(
        conn,
        &rows.iter().map(|r| r.recorded_by.clone()).collect::<Vec<_>>(),
    )?;
    Ok(rows.into_iter().map(|r| unused_dto(r, &refs)).collect())
}

fn unused_dto(r: UnusedRow, refs: &HashMap<String, UserRef>) -> UnusedMaterialDto {
    UnusedMaterialDto {
        id: uuid(&r.id),
        number: r.number,
        description: r.description,
        location: r.location,
        sensitive: r.sensitive,
        sensitivity_reason: r.sensitivity_reason,
        recorded_by: user_ref(refs, &r.recorded_by),
        recorded_at: utc(r.recorded_at),
    }
}

fn summary(r: &CaseFileRow) -> CaseFileSummary {
    CaseFileSummary {
        id: uuid(&r.id),
        urn: r.urn.clone(),
        crime_id: uuid(&r.crime_id),
        file_type: type_of(r),
        state: state_of(r),
        force: ForceCode(r.force_code.clone()),
        updated_at: utc(r.updated_at),
    }
}

/// The case files of a crime the caller's force owns (other forces do not see them).
pub fn files_of(
    conn: &mut AnyConnection,
    caller: &Caller,
    crime: &CrimeRow,
) -> Result<Vec<CaseFileSummary>, ApiError> {
    if !access::is_owner(caller, &crime.force_code) {
        return Ok(Vec::new());
    }
    let rows: Vec<CaseFileRow> = case_files::table
        .filter(case_files::crime_id.eq(&crime.id))
        .order(case_files::created_at)
        .select(CaseFileRow::as_select())
        .load(conn)?;
    Ok(rows.iter().map(summary).collect())
}

fn charge_of(ir: &InvestigationRef, code: &str) -> Charge {
    match ir.offences.get(code) {
        Some(o) => Charge {
            offence: o.code.clone(),
            wording: o.label.clone(),
            legislation: o.legislation.clone(),
            mode_of_trial: o.mode_of_trial,
        },
        None => Charge {
            offence: code.to_owned(),
            wording: code.to_owned(),
            legislation: String::new(),
            mode_of_trial: bluelamp_shared::reference::ModeOfTrial::EitherWay,
        },
    }
}

/// A defendant's custody records for this crime, folded: arrest offences, charge, disposal, interviews.
fn defendant(
    conn: &mut AnyConnection,
    ir: &InvestigationRef,
    crime: &CrimeRow,
    person_id: &str,
    name: String,
    cps_charges: &[String],
) -> Result<Defendant, ApiError> {
    let custody: Option<CustodyRow> = custody_records::table
        .filter(custody_records::crime_id.eq(&crime.id))
        .filter(custody_records::person_id.eq(person_id))
        .order(custody_records::created_at.desc())
        .select(CustodyRow::as_select())
        .first(conn)
        .optional()?;
    let date_of_birth: Option<NaiveDate> = person_dobs::table
        .filter(person_dobs::person_id.eq(person_id))
        .select(person_dobs::dob)
        .first(conn)
        .optional()?;
    let mut d = Defendant {
        person_id: uuid(person_id),
        name,
        date_of_birth,
        custody_record_id: None,
        custody_number: None,
        asn: None,
        arrest_offences: Vec::new(),
        charges: Vec::new(),
        charged_at: None,
        disposal: None,
        bail_date: None,
        interviews: Vec::new(),
    };
    if let Some(row) = custody {
        let arrest: ArrestDetails = serde_json::from_str(&row.arrest).unwrap_or_default();
        d.arrest_offences = arrest.offences.iter().map(|c| charge_of(ir, c)).collect();
        d.custody_record_id = Some(uuid(&row.id));
        d.custody_number = Some(row.number.clone());
        d.asn = Some(row.asn.clone()).filter(|a| !a.is_empty());
        let entries: Vec<EntryRow> = custody_entries::table
            .filter(custody_entries::record_id.eq(&row.id))
            .filter(custody_entries::kind.eq_any(["charge", "disposal", "interview"]))
            .order((custody_entries::at, custody_entries::recorded_at))
            .select(EntryRow::as_select())
            .load(conn)?;
        let mut interviews: Vec<(String, InterviewLine)> = Vec::new();
        for e in entries {
            let Ok(entry) = serde_json::from_str::<CustodyEntry>(&e.data) else {
                continue;
            };
            match entry {
                CustodyEntry::Charge(c) => {
                    d.charges = c.offences.iter().map(|o| charge_of(ir, o)).collect();
                    d.charged_at = Some(utc(e.at));
                }
                CustodyEntry::Disposal(x) => {
                    d.disposal = Some(x.outcome.label().to_owned());
                    d.bail_date = x.bail_date;
                    if x.outcome.is_charge() && d.charged_at.is_none() {
                        d.charged_at = Some(utc(e.at));
                        d.charges.clone_from(&d.arrest_offences);
                    }
                }
                CustodyEntry::Interview(i) => match i.of.map(|o| o.to_string()) {
                    Some(of) => {
                        if let Some((_, line)) = interviews.iter_mut().find(|(id, _)| *id == of) {
                            line.ended_at = i.ended_at.or(Some(utc(e.at)));
                        }
                    }
                    None => interviews.push((
                        e.id.clone(),
                        InterviewLine {
                            started_at: i.started_at,
                            ended_at: i.ended_at,
                            by: i.by,
                        },
                    )),
                },
                _ => {}
            }
        }
        d.interviews = interviews.into_iter().map(|(_, l)| l).collect();
    }
    if d.charges.is_empty() && !cps_charges.is_empty() {
        d.charges = cps_charges.iter().map(|c| charge_of(ir, c)).collect();
    }
    Ok(d)
}

fn documents_of(conn: &mut AnyConnection, file_id: &str) -> Result<Vec<DocumentVersion>, ApiError> {
    let rows: Vec<DocumentRow> = case_documents::table
        .filter(case_documents::case_file_id.eq(file_id))
        .order((case_documents::kind, case_documents::version.desc()))
        .select(DocumentRow::as_select())
        .load(conn)?;
    let mut ids: Vec<String> = rows.iter().map(|r| r.written_by.clone()).collect();
    ids.extend(rows.iter().filter_map(|r| r.certified_by.clone()));
    let refs = user_refs(conn, &ids)?;
    rows.into_iter()
        .map(|r| {
            Ok(DocumentVersion {
                version: r.version,
                content: serde_json::from_str(&r.content).map_err(ApiError::internal)?,
                written_by: user_ref(&refs, &r.written_by),
                written_at: utc(r.written_at),
                certified_by: r.certified_by.as_deref().map(|u| user_ref(&refs, u)),
                certified_at: r.certified_at.map(utc),
            })
        })
        .collect()
}

/// Offence codes the CPS decided to charge on any file of the crime.
fn cps_charges_of(conn: &mut AnyConnection, crime_id: &str) -> Result<Vec<String>, ApiError> {
    let all: Vec<String> = case_files::table
        .filter(case_files::crime_id.eq(crime_id))
        .select(case_files::cps_charges)
        .load(conn)?;
    let mut codes: Vec<String> = all
        .iter()
        .flat_map(|j| serde_json::from_str::<Vec<String>>(j).unwrap_or_default())
        .collect();
    codes.dedup();
    Ok(codes)
}

/// The file as it stands: drawn from the crime (as the caller sees it), its custody records and
/// statements, and the written documents at their latest version; with every version of the written
/// documents, newest first within each form (the history).
fn assemble(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    file: &CaseFileRow,
) -> Result<(CaseFileContent, Vec<DocumentVersion>), ApiError> {
    let crime = visible_crime(conn, vis, &file.crime_id)?;
    let reference = Reference::load(conn)?;
    let ir = InvestigationRef::load(conn)?;
    let dto: CrimeDto = inv::crime_dto(
        conn,
        caller,
        vis,
        &reference,
        &ir,
        Utc::now().date_naive(),
        &crime,
    )?;
    let cps_charges = cps_charges_of(conn, &crime.id)?;
    let mut defendants = Vec::new();
    for p in &dto.parties {
        if !matches!(p.role, PartyRole::Suspect | PartyRole::Offender) {
            continue;
        }
        let Some(r) = p.record.as_ref().filter(|r| r.record.kind == RecordKind::Person) else {
            continue;
        };
        defendants.push(defendant(
            conn,
            &ir,
            &crime,
            &r.record.id.to_string(),
            r.label.clone(),
            &cps_charges,
        )?);
    }
    let file_type = type_of(file);
    let mut offences: Vec<Offence> = Vec::new();
    for d in &defendants {
        let codes = if d.charges.is_empty() {
            &d.arrest_offences
        } else {
            &d.charges
        };
        for c in codes {
            if let Some(o) = ir.offences.get(&c.offence) {
                if !offences.contains(o) {
                    offences.push(o.clone());
                }
            }
        }
    }
    if offences.is_empty() {
        if let Some(o) = crime.offence.as_deref().and_then(|c| ir.offences.get(c)) {
            offences.push(o.clone());
        }
    }
    let route = charging_route(&RouteFacts {
        offences: &offences,
        domestic_abuse: crime.domestic_abuse,
        hate_crime: !dto.crime.hate_strands.is_empty(),
        anticipated_guilty: match file_type {
            FileType::PreCharge => None,
            FileType::Gap => Some(true),
            FileType::Ngap | FileType::Upgrade => Some(false),
        },
    });
    let history = documents_of(conn, &file.id)?;
    // The content carries each document's latest version only; the history is on the DTO.
    let mut documents = history.clone();
    documents.sort_by_key(|d| (d.content.kind(), std::cmp::Reverse(d.version)));
    documents.dedup_by_key(|d| d.content.kind());
    let content = CaseFileContent {
        urn: file.urn.clone(),
        file_type,
        force: ForceCode(file.force_code.clone()),
        crime: FileCrime {
            id: uuid(&crime.id),
            crn: crime.crn.clone(),
            offence: dto.offence_label.clone(),
            offence_from: dto.crime.offence_from,
            location: dto.location.as_ref().map(|l| l.label.clone()),
            modus_operandi: crime.modus_operandi.clone(),
            domestic_abuse: crime.domestic_abuse,
            hate_strands: dto.crime.hate_strands.clone(),
            victims: dto
                .parties
                .iter()
                .filter(|p| p.role == PartyRole::Victim)
                .filter_map(|p| p.record.as_ref().map(|r| r.label.clone()))
                .collect(),
        },
        officer_in_charge: dto.officer_in_charge.clone(),
        charging_route: route,
        cps_charged: !cps_charges.is_empty(),
        defendants,
        statements: dto.statements.clone(),
        exhibits: dto
            .exhibits
            .iter()
            .map(|x| ExhibitLine {
                reference: x.reference.clone(),
                description: x.object.label.clone(),
                seized_by: x.seized_by.clone(),
                storage: x.storage.clone(),
            })
            .collect(),
        unused_material: dto.unused_material.clone(),
        documents,
    };
    Ok((content, history))
}

fn submissions_of(conn: &mut AnyConnection, file_id: &str) -> Result<Vec<SubmissionRow>, ApiError> {
    Ok(case_submissions::table
        .filter(case_submissions::case_file_id.eq(file_id))
        .order(case_submissions::number)
        .select(SubmissionRow::as_select())
        .load(conn)?)
}

fn decisions_of(conn: &mut AnyConnection, file_id: &str) -> Result<Vec<DecisionDto>, ApiError> {
    let rows: Vec<DecisionRow> = case_decisions::table
        .filter(case_decisions::case_file_id.eq(file_id))
        .order(case_decisions::submission)
        .select(DecisionRow::as_select())
        .load(conn)?;
    let refs = user_refs(
        conn,
        &rows.iter().map(|r| r.decided_by.clone()).collect::<Vec<_>>(),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| DecisionDto {
            id: uuid(&r.id),
            submission: r.submission,
            decision: DecisionKind::parse(&r.decision).unwrap_or(DecisionKind::Accept),
            charges: serde_json::from_str(&r.charges).unwrap_or_default(),
            actions: serde_json::from_str(&r.actions).unwrap_or_default(),
            comments: r.comments,
            by: user_ref(&refs, &r.decided_by),
            at: utc(r.decided_at),
        })
        .collect())
}

fn file_dto(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    file: &CaseFileRow,
) -> Result<CaseFileDto, ApiError> {
    let (content, history) = assemble(conn, caller, vis, file)?;
    let subs = submissions_of(conn, &file.id)?;
    let refs = user_refs(
        conn,
        &subs.iter().map(|s| s.submitted_by.clone()).collect::<Vec<_>>(),
    )?;
    Ok(CaseFileDto {
        id: uuid(&file.id),
        urn: file.urn.clone(),
        state: state_of(file),
        required_documents: documents_for(content.file_type).to_vec(),
        readiness: readiness(&content),
        content,
        history,
        submissions: subs
            .iter()
            .map(|s| SubmissionDto {
                number: s.number,
                file_type: FileType::parse(&s.file_type).unwrap_or(FileType::Gap),
                by: user_ref(&refs, &s.submitted_by),
                at: utc(s.submitted_at),
            })
            .collect(),
        decisions: decisions_of(conn, &file.id)?,
        meta: RecordMeta {
            force: ForceCode(file.force_code.clone()),
            restriction: Restriction::default(),
            version: file.version,
            created_at: utc(file.created_at),
            updated_at: utc(file.updated_at),
        },
    })
}

/// A file of the caller's force whose crime they may see, or not found.
fn own_file(
    conn: &mut AnyConnection,
    caller: &Caller,
    vis: &Visibility,
    id: &str,
) -> Result<CaseFileRow, ApiError> {
    let row = CaseFileRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("case file"))?;
    access::own_record(caller, &row.force_code, "case file")?;
    visible_crime(conn, vis, &row.crime_id).map_err(|_| ApiError::not_found("case file"))?;
    Ok(row)
}

/// Bumps the file's version (if still at `expected`) and sets its state; 412 if it moved on.
fn bump(
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

fn editable(row: &CaseFileRow) -> Result<(), ApiError> {
    if state_of(row).editable() {
        Ok(())
    } else {
        Err(ApiError::code(
            ErrorCode::InvalidTransition,
            "The file is with the CPS: it cannot change until the prosecutor decides",
        ))
    }
}

fn audit_file(
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
                    Err(_) => {
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
) -> Result<Vec<CaseFileSummary>, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        let mut q = case_files::table
            .filter(case_files::force_code.eq(&c.force_code))
            .order(case_files::updated_at.desc())
            .limit(200)
            .select(CaseFileRow::as_select())
            .into_boxed();
        if let Some(id) = crime_id {
            q = q.filter(case_files::crime_id.eq(id.to_string()));
        }
        let rows: Vec<CaseFileRow> = q.load(conn)?;
        let vis = Visibility::load(conn, &c)?;
        let mut out = Vec::new();
        for r in rows {
            if visible_crime(conn, &vis, &r.crime_id).is_ok() {
                out.push(summary(&r));
            }
        }
        Ok(out)
    })
    .await
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
async fn change_file<F>(db: &Db, caller: &Caller, id: uuid::Uuid, change: F) -> Result<CaseFileDto, ApiError>
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
fn not_ready(missing: &[bluelamp_shared::case::Missing]) -> ApiError {
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

fn last_submission(conn: &mut AnyConnection, file_id: &str) -> Result<SubmissionRow, ApiError> {
    case_submissions::table
        .filter(case_submissions::case_file_id.eq(file_id))
        .order(case_submissions::number.desc())
        .select(SubmissionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("case file"))
}

fn cps_file(conn: &mut AnyConnection, row: &CaseFileRow) -> Result<CpsCaseFile, ApiError> {
    let sub = last_submission(conn, &row.id)?;
    Ok(CpsCaseFile {
        id: uuid(&row.id),
        urn: row.urn.clone(),
        state: state_of(row),
        submission: sub.number,
        submitted_at: utc(sub.submitted_at),
        file: serde_json::from_str(&sub.content).map_err(ApiError::internal)?,
        decisions: decisions_of(conn, &row.id)?,
    })
}

/// The files sent to the CPS (submitted at least once), newest first.
pub async fn cps_list(db: &Db) -> Result<Vec<CaseFileSummary>, ApiError> {
    db.read(move |conn| {
        let rows: Vec<CaseFileRow> = case_files::table
            .filter(diesel::dsl::exists(
                case_submissions::table.filter(case_submissions::case_file_id.eq(case_files::id)),
            ))
            .order(case_files::updated_at.desc())
            .limit(200)
            .select(CaseFileRow::as_select())
            .load(conn)?;
        Ok(rows.iter().map(summary).collect())
    })
    .await
}

fn sent_file(conn: &mut AnyConnection, id: &str) -> Result<CaseFileRow, ApiError> {
    let row = CaseFileRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("case file"))?;
    last_submission(conn, &row.id)?;
    Ok(row)
}

/// A file as sent to the CPS (audited).
pub async fn cps_get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<CpsCaseFile, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = sent_file(conn, &id.to_string())?;
        let out = cps_file(conn, &row)?;
        audit_file(
            conn,
            AuditAction::Read,
            &c,
            &row,
            format!("CPS read of {} submission {}", row.urn, out.submission),
        )?;
        Ok(out)
    })
    .await
}

/// The PDF bundle of the file as sent (audited).
pub async fn cps_bundle(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<(String, Vec<u8>), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = sent_file(conn, &id.to_string())?;
        let out = cps_file(conn, &row)?;
        audit_file(
            conn,
            AuditAction::Export,
            &c,
            &row,
            format!("CPS PDF bundle of {}", row.urn),
        )?;
        Ok((row.urn.clone(), super::pdf::bundle(&out.file)?))
    })
    .await
}

/// The prosecutor's decision on the file as last submitted (idempotent with a key). Return turns
/// each action into a task for the officer in charge; a charge, or accepting a file whose defendants
/// are charged, finalises the crime with outcome 1.
pub async fn decide(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    req: DecisionRequest,
    key: Option<String>,
) -> Result<Outcome<CpsCaseFile>, ApiError> {
    let hash = idempotency::request_hash(&(id, &req));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 201, |conn| {
            let row = sent_file(conn, &id.to_string())?;
            let today = Utc::now().date_naive();
            let mut errors = check_decision(&req, today);
            let ir = InvestigationRef::load(conn)?;
            for (i, o) in req.offences.iter().enumerate() {
                if !ir.offences.contains_key(o) {
                    errors.push(FieldError::new(
                        format!("offences.{i}"),
                        "unknown",
                        "Not an offence code",
                    ));
                }
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            if state_of(&row) != CaseFileState::Submitted {
                return Err(ApiError::code(
                    ErrorCode::InvalidTransition,
                    format!(
                        "The file is {}: there is no submission awaiting a decision",
                        state_of(&row).label().to_lowercase()
                    ),
                ));
            }
            let decision = req.decision.unwrap_or(DecisionKind::Accept);
            let sub = last_submission(conn, &row.id)?;
            let sent: CaseFileContent = serde_json::from_str(&sub.content).map_err(ApiError::internal)?;
            let charges: Vec<Charge> = req.offences.iter().map(|o| charge_of(&ir, o)).collect();
            let next = match decision {
                DecisionKind::Accept => CaseFileState::Accepted,
                DecisionKind::Charge => CaseFileState::Charged,
                DecisionKind::Return => CaseFileState::Returned,
            };
            bump(conn, &row, row.version, next)?;
            if decision == DecisionKind::Charge {
                diesel::update(case_files::table.find(&row.id))
                    .set(
                        case_files::cps_charges
                            .eq(serde_json::to_string(&req.offences).map_err(ApiError::internal)?),
                    )
                    .execute(conn)?;
            }
            diesel::insert_into(case_decisions::table)
                .values(&DecisionRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    case_file_id: row.id.clone(),
                    submission: sub.number,
                    decision: decision.as_str().to_owned(),
                    charges: serde_json::to_string(&charges).map_err(ApiError::internal)?,
                    actions: serde_json::to_string(&req.actions).map_err(ApiError::internal)?,
                    comments: req.comments.trim().to_owned(),
                    decided_by: c.user_id.clone(),
                    decided_at: now(),
                })
                .execute(conn)?;
            let crime = CrimeRow::find(conn, &row.crime_id)?.ok_or_else(|| ApiError::not_found("crime"))?;
            match decision {
                DecisionKind::Return => {
                    for a in &req.actions {
                        task_service::insert(
                            conn,
                            &c,
                            &crime,
                            TaskKind::CpsAction,
                            a.action.trim(),
                            &format!("CPS action plan on case file {}", row.urn),
                            crime.officer_in_charge.clone(),
                            a.due_on.and_then(|d| d.and_hms_opt(17, 0, 0)),
                            None,
                        )?;
                    }
                }
                DecisionKind::Charge => {
                    inv::finalise_charged(conn, &c, &crime, &row.urn)?;
                }
                DecisionKind::Accept => {
                    let charged =
                        !sent.defendants.is_empty() && sent.defendants.iter().all(|d| !d.charges.is_empty());
                    if charged {
                        inv::finalise_charged(conn, &c, &crime, &row.urn)?;
                    }
                }
            }
            audit_file(
                conn,
                AuditAction::Update,
                &c,
                &row,
                format!(
                    "CPS decision on {} submission {}: {}",
                    row.urn,
                    sub.number,
                    decision.as_str()
                ),
            )?;
            let row = CaseFileRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("case file"))?;
            cps_file(conn, &row)
        })
    })
    .await
}

//! The file drawn from the records on every read: the crime, its defendants' custody records, statements, exhibits, the register, documents, submissions and decisions.

use super::*;

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

pub(super) fn unused_dto(r: UnusedRow, refs: &HashMap<String, UserRef>) -> UnusedMaterialDto {
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

pub(super) fn summary(r: &CaseFileRow) -> CaseFileSummary {
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

pub(super) fn charge_of(ir: &InvestigationRef, code: &str) -> Charge {
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
pub(super) fn defendant(
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

pub(super) fn documents_of(
    conn: &mut AnyConnection,
    file_id: &str,
) -> Result<Vec<DocumentVersion>, ApiError> {
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
pub(super) fn cps_charges_of(conn: &mut AnyConnection, crime_id: &str) -> Result<Vec<String>, ApiError> {
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
pub(super) fn assemble(
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

pub(super) fn submissions_of(
    conn: &mut AnyConnection,
    file_id: &str,
) -> Result<Vec<SubmissionRow>, ApiError> {
    Ok(case_submissions::table
        .filter(case_submissions::case_file_id.eq(file_id))
        .order(case_submissions::number)
        .select(SubmissionRow::as_select())
        .load(conn)?)
}

pub(super) fn decisions_of(conn: &mut AnyConnection, file_id: &str) -> Result<Vec<DecisionDto>, ApiError> {
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

pub(super) fn file_dto(
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

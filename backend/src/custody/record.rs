//! The custody record: who may read it (the owning force's police roles), reading it with its audit, and who holds what part in it.

use super::*;

pub(super) const KIND: &str = "custody_record";

/// The police roles of the owning force that may see a custody record (not administrators, and no
/// other force: the record holds health information).
pub(super) const READERS: [Role; 10] = [
    Role::ResponseOfficer,
    Role::Investigator,
    Role::Supervisor,
    Role::CustodyOfficer,
    Role::DetentionOfficer,
    Role::Inspector,
    Role::Superintendent,
    Role::IntelligenceOfficer,
    Role::CaseStaff,
    Role::ForceCrimeRegistrar,
];

/// The restriction every custody record carries (its grants), also written by the data generator.
pub(crate) fn restriction() -> Restriction {
    Restriction {
        restricted: true,
        grantees: READERS.iter().map(|r| Grantee::Role(*r)).collect(),
    }
}

pub(super) fn uuid(s: &str) -> uuid::Uuid {
    s.parse().unwrap_or_default()
}

pub(super) fn naive(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc().trunc_subsecs(6)
}

pub(super) fn guarded(row: &CustodyRow) -> Guarded<'_> {
    Guarded {
        scope: Scope::ForceOnly,
        id: &row.id,
        owner: &row.force_code,
        restricted: true,
        created_by: Some(&row.created_by),
    }
}

pub(super) fn audit_read(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &CustodyRow,
    detail: &str,
) -> Result<(), ApiError> {
    audit::append(
        conn,
        AuditAction::Read,
        Entry::by(c)
            .owned_record(KIND, &row.id, &row.force_code)
            .detail(detail),
    )
}

/// A record the caller may see (own force, police roles), or not found.
pub(super) fn visible(conn: &mut AnyConnection, c: &Caller, id: &str) -> Result<CustodyRow, ApiError> {
    let row = CustodyRow::find(conn, id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
    let vis = Visibility::load(conn, c)?;
    vis.admit(conn, &guarded(&row), "custody record")?;
    Ok(row)
}

pub(super) fn need(c: &Caller, cap: Capability, what: &str) -> Result<(), ApiError> {
    if c.can(cap) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!("Your roles do not allow {what}")))
    }
}

pub(super) fn invalid(path: &str, code: &str, message: impl Into<String>) -> ApiError {
    ApiError::validation(vec![FieldError::new(path, code, message)])
}

/// The statute behind a clock refusal, for the problem detail.
pub(super) fn statute(r: Refusal) -> &'static str {
    match r {
        Refusal::NotDetainedWithoutCharge => "PACE s.41",
        Refusal::NotIndictable => "PACE s.42(1)(b) and s.43(4)(b)",
        Refusal::ReviewsNotDone { .. } => "PACE s.42(4)(b)",
        Refusal::ExtensionTooLate { .. } => "PACE s.42(4)(a)",
        Refusal::BeyondSuperintendentMaximum { .. } => "PACE s.42(1)",
        Refusal::AlreadyExtended { .. } => "PACE s.42(2)",
        Refusal::WarrantTooLong { .. } => "PACE s.43(12) and s.44(3)(a)",
        Refusal::BeyondMaximum { .. } => "PACE s.44(3)(b)",
        Refusal::LimitPassed => "PACE s.41(7)",
        Refusal::NotLater => "PACE ss.42–44",
        Refusal::BeforePrevious | Refusal::BeforeAuthorised | Refusal::AfterRelease => "PACE s.40",
        Refusal::PostponementNotNeeded => "PACE s.40(4)",
    }
}

pub(super) fn refused(r: Refusal) -> ApiError {
    let f = r.field_error();
    let message = format!("{}: {}", statute(r), f.message);
    ApiError::Problem(Box::new(
        bluelamp_shared::error::Problem::new(ErrorCode::ValidationFailed)
            .with_detail(message.clone())
            .with_errors(vec![FieldError::new(f.path, f.code, message)]),
    ))
}

/// A rule about who may act, refused with the rule named.
pub(super) fn wrong_officer(rule: &str, detail: &str) -> ApiError {
    ApiError::forbidden(format!("{rule}: {detail}"))
}

/// Whether any of the codes is an indictable (or either-way) offence.
pub(super) fn any_indictable(rows: &[(String, String, String)]) -> bool {
    rows.iter().any(|(_, _, mode)| mode != "summary")
}

/// A person the caller may see and who has not been merged into another.
pub(super) fn visible_person(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    today: NaiveDate,
    id: uuid::Uuid,
) -> Result<Option<summaries::Indexed>, ApiError> {
    let r = RecordRef {
        kind: RecordKind::Person,
        id,
    };
    Ok(link_service::named_record(conn, vis, reference, today, &r)?.filter(|i| !i.merged))
}

/// A record (audited).
pub async fn get(db: &Db, caller: &Caller, id: uuid::Uuid) -> Result<CustodyRecordDto, ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let row = visible(conn, &c, &id.to_string())?;
        audit_read(conn, &c, &row, "custody record")?;
        let r = CustodyRef::load(conn)?;
        let reference = Reference::load(conn)?;
        dto(conn, &r, &reference, &row, Utc::now())
    })
    .await
}

/// Whether `user` holds `role` in `force` (an authority named on a record, such as the
/// superintendent who authorised a delay).
pub(super) fn user_holds(
    conn: &mut AnyConnection,
    user: &str,
    force: &str,
    role: Role,
) -> Result<bool, ApiError> {
    let n: i64 = users::table
        .inner_join(user_roles::table.on(user_roles::user_id.eq(users::id)))
        .filter(users::id.eq(user))
        .filter(users::force_code.eq(force))
        .filter(users::active.eq(true))
        .filter(user_roles::role.eq(role.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether the caller is involved in the investigation: the officer in charge or recorder of the
/// linked crime, or an interviewer of the detainee.
pub(super) fn involved(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &CustodyRow,
    f: &Folded<'_>,
) -> Result<bool, ApiError> {
    if f.interviewers.contains(&c.user_id.as_str()) {
        return Ok(true);
    }
    if let Some(crime) = &row.crime_id {
        let people: Option<(Option<String>, Option<String>)> = crimes::table
            .find(crime)
            .select((crimes::officer_in_charge, crimes::created_by))
            .first(conn)
            .optional()?;
        if let Some((oic, recorder)) = people {
            if oic.as_deref() == Some(&c.user_id) || recorder.as_deref() == Some(&c.user_id) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Summaries of custody records for the shared index (links on person pages): the number, where,
/// and open or released.
pub fn summaries_of(
    conn: &mut AnyConnection,
    ids: &[String],
) -> Result<Vec<(CustodyRow, String, Vec<String>)>, ApiError> {
    let rows: Vec<CustodyRow> = custody_records::table
        .filter(custody_records::id.eq_any(ids))
        .select(CustodyRow::as_select())
        .load(conn)?;
    let names: HashMap<String, String> = custody_suites::table
        .select((custody_suites::id, custody_suites::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let suite = names.get(&r.suite_id).cloned().unwrap_or_default();
            let mut details = vec![suite];
            details.push(match r.released_at {
                None => "In custody".to_owned(),
                Some(t) => format!("Released {}", t.format("%d/%m/%Y %H:%M")),
            });
            let label = format!("Custody {}", r.number);
            (r, label, details)
        })
        .collect())
}

//! The append-only entries: loading and folding them into the facts the PACE and care clocks run on, and adding one checked against the record.

use super::*;
use bluelamp_shared::custody::{ChargeEntry, DoseEntry, NoteEntry, RightsEntry};

/// An entry as stored, parsed.
pub(super) struct Stored {
    pub(super) row: EntryRow,
    pub(super) entry: CustodyEntry,
}

pub(super) fn load_entries(
    conn: &mut AnyConnection,
    record_ids: &[String],
) -> Result<HashMap<String, Vec<Stored>>, ApiError> {
    let rows: Vec<EntryRow> = custody_entries::table
        .filter(custody_entries::record_id.eq_any(record_ids))
        .order((custody_entries::at, custody_entries::recorded_at))
        .select(EntryRow::as_select())
        .load(conn)?;
    Ok(parse_entries(rows))
}

/// The entry kinds the board's row is folded from, visits aside (see [`load_board_entries`]):
/// reviews, extensions, warrants, charge and disposal for the clocks, the risk assessment, medication
/// and doses for care, notes for a move of cell. Rights, representatives, healthcare, property,
/// interviews and annotations change nothing on the board.
pub(super) const BOARD_KINDS: [&str; 9] = [
    "review",
    "extension",
    "warrant",
    "charge",
    "disposal",
    "risk_assessment",
    "prescription",
    "dose",
    "note",
];

/// What the board needs of the records' entries: the entries of [`BOARD_KINDS`], parsed, and each
/// record's latest visit. Visits are most of a record's entries (one or two an hour) and the board
/// needs only the time of the latest, so it is read from the `(record_id, kind, at)` index rather
/// than by loading and parsing every visit.
pub(super) fn load_board_entries(
    conn: &mut AnyConnection,
    record_ids: &[String],
) -> Result<(Entries, HashMap<String, DateTime<Utc>>), ApiError> {
    let rows: Vec<EntryRow> = custody_entries::table
        .filter(custody_entries::record_id.eq_any(record_ids))
        .filter(custody_entries::kind.eq_any(BOARD_KINDS))
        .order((custody_entries::at, custody_entries::recorded_at))
        .select(EntryRow::as_select())
        .load(conn)?;
    let visits: HashMap<String, DateTime<Utc>> = custody_entries::table
        .filter(custody_entries::record_id.eq_any(record_ids))
        .filter(custody_entries::kind.eq("visit"))
        .group_by(custody_entries::record_id)
        .select((custody_entries::record_id, diesel::dsl::max(custody_entries::at)))
        .load::<(String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(id, at)| at.map(|a| (id, utc(a))))
        .collect();
    Ok((parse_entries(rows), visits))
}

/// Parsed entries by record id.
pub(super) type Entries = HashMap<String, Vec<Stored>>;

/// Entry rows parsed, by record.
pub(super) fn parse_entries(rows: Vec<EntryRow>) -> Entries {
    let mut out: HashMap<String, Vec<Stored>> = HashMap::new();
    for row in rows {
        // An entry that no longer parses (a later release renamed a field) is kept in the log but
        // cannot count towards a clock; it is reported, not dropped silently.
        match serde_json::from_str::<CustodyEntry>(&row.data) {
            Ok(entry) => out
                .entry(row.record_id.clone())
                .or_default()
                .push(Stored { row, entry }),
            Err(e) => tracing::warn!(entry = %row.id, "custody entry does not parse: {e}"),
        }
    }
    out
}

/// What the entries add up to.
#[derive(Default)]
pub(super) struct Folded<'a> {
    pub(super) reviews: Vec<ReviewFact>,
    pub(super) extensions: Vec<ExtensionFact>,
    pub(super) warrants: Vec<WarrantFact>,
    pub(super) charged_at: Option<DateTime<Utc>>,
    pub(super) risk: Option<(DateTime<Utc>, &'a RiskAssessmentEntry)>,
    pub(super) last_visit: Option<DateTime<Utc>>,
    pub(super) prescriptions: Vec<(&'a Stored, &'a Prescription)>,
    pub(super) doses: HashMap<uuid::Uuid, Vec<&'a Stored>>,
    pub(super) cell: Option<String>,
    pub(super) interviewers: Vec<&'a str>,
    pub(super) disposal: Option<&'a Stored>,
}

pub(super) fn fold<'a>(row: &CustodyRow, entries: &'a [Stored]) -> Folded<'a> {
    let mut f = Folded {
        cell: row.cell.clone(),
        ..Folded::default()
    };
    for s in entries {
        let at = utc(s.row.at);
        match &s.entry {
            CustodyEntry::Review(r) => f.reviews.push(ReviewFact {
                at,
                postponed: r.postponed,
            }),
            CustodyEntry::Extension(x) => f.extensions.push(ExtensionFact {
                at,
                until: x.until.unwrap_or(at),
            }),
            CustodyEntry::Warrant(w) => f.warrants.push(WarrantFact {
                at,
                until: w.until.unwrap_or(at),
            }),
            CustodyEntry::Charge(_) => {
                f.charged_at.get_or_insert(at);
            }
            CustodyEntry::Disposal(d) => {
                if d.outcome.is_charge() {
                    f.charged_at.get_or_insert(at);
                }
                f.disposal = Some(s);
            }
            CustodyEntry::RiskAssessment(r) => f.risk = Some((at, r)),
            CustodyEntry::Visit(_) => f.last_visit = Some(f.last_visit.map_or(at, |v| v.max(at))),
            CustodyEntry::Prescription(p) => f.prescriptions.push((s, p)),
            CustodyEntry::Dose(d) => f.doses.entry(d.prescription).or_default().push(s),
            CustodyEntry::Note(n) => {
                if let Some(c) = &n.cell {
                    f.cell = Some(c.clone());
                }
            }
            CustodyEntry::Interview(_) => f.interviewers.push(&s.row.recorded_by),
            _ => {}
        }
    }
    f
}

pub(super) fn facts(row: &CustodyRow, f: &Folded<'_>) -> DetentionFacts {
    DetentionFacts {
        relevant_time: utc(row.relevant_time),
        detention_authorised_at: utc(row.decided_at),
        reviews: f.reviews.clone(),
        charged_at: f.charged_at,
        indictable: row.indictable,
        extensions: f.extensions.clone(),
        warrants: f.warrants.clone(),
        released_at: row.released_at.map(utc),
    }
}

/// A prescription's schedule: local (UK) times of day are turned into UTC at today's offset, so a
/// dose "at 08:00" stays at 08:00 on the custody suite's clock across a change of the clocks.
pub(super) fn schedule(p: &Prescription, recorded_at: DateTime<Utc>, now: DateTime<Utc>) -> DoseSchedule {
    match p.every_minutes {
        Some(every_minutes) => DoseSchedule::Interval {
            every_minutes,
            first_at: p.first_at.unwrap_or(recorded_at),
        },
        None => {
            let today = now.with_timezone(&chrono_tz::Europe::London).date_naive();
            let times = p
                .times
                .iter()
                .filter_map(|t| {
                    chrono_tz::Europe::London
                        .from_local_datetime(&today.and_time(*t))
                        .earliest()
                        .map(|l| l.with_timezone(&Utc).time())
                })
                .collect();
            DoseSchedule::Times {
                times,
                from: recorded_at,
            }
        }
    }
}

/// The next dose of each prescription (none once released).
pub(super) fn next_doses<'a>(
    row: &CustodyRow,
    f: &Folded<'a>,
    now: DateTime<Utc>,
) -> Vec<(&'a Stored, &'a Prescription, Option<DateTime<Utc>>)> {
    f.prescriptions
        .iter()
        .map(|(s, p)| {
            let given: Vec<DateTime<Utc>> = f
                .doses
                .get(&uuid(&s.row.id))
                .map(|d| d.iter().map(|x| utc(x.row.at)).collect())
                .unwrap_or_default();
            let due = row
                .released_at
                .is_none()
                .then(|| next_dose_due(&schedule(p, utc(s.row.recorded_at), now), &given, now))
                .flatten();
            (*s, *p, due)
        })
        .collect()
}

pub(super) fn care(row: &CustodyRow, f: &Folded<'_>, r: &CustodyRef, person_markers: &[String]) -> CareView {
    let (level, rousing) = f
        .risk
        .map(|(_, a)| (a.observation_level.unwrap_or(1), a.rousing))
        .unwrap_or((1, false));
    let mut markers: Vec<String> = person_markers.to_vec();
    if let Some((_, a)) = f.risk {
        for m in risk_markers(&r.questions, &a.answers) {
            if !markers.contains(&m) {
                markers.push(m);
            }
        }
    }
    CareView {
        risk_assessed_at: f.risk.map(|(at, _)| at),
        observation_level: level,
        rousing,
        risk_markers: markers,
        last_visit: f.last_visit,
        next_visit_due: if row.released_at.is_some() {
            None
        } else {
            next_visit_due(f.last_visit, utc(row.decided_at), level, rousing, &r.care)
        },
    }
}

pub(super) fn insert_entry(
    conn: &mut AnyConnection,
    c: &Caller,
    record_id: &str,
    entry: &CustodyEntry,
    default_at: DateTime<Utc>,
) -> Result<String, ApiError> {
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(custody_entries::table)
        .values(&EntryRow {
            id: id.clone(),
            record_id: record_id.to_owned(),
            kind: entry.kind().to_owned(),
            at: naive(entry.at().unwrap_or(default_at)),
            data: serde_json::to_string(entry).map_err(ApiError::internal)?,
            recorded_by: c.user_id.clone(),
            recorded_at: now(),
        })
        .execute(conn)?;
    Ok(id)
}

/// Checks an entry against the record and the PACE rules: who may record it and whether the law
/// allows it now. Returns the time it happened.
pub(super) fn check_against_record(
    conn: &mut AnyConnection,
    c: &Caller,
    r: &CustodyRef,
    row: &CustodyRow,
    entries: &[Stored],
    entry: &CustodyEntry,
    now_t: DateTime<Utc>,
) -> Result<DateTime<Utc>, ApiError> {
    let at = entry.at().unwrap_or(now_t);
    if row.state == "closed" {
        if !matches!(entry, CustodyEntry::Annotation(_)) {
            return Err(ApiError::code(
                ErrorCode::InvalidTransition,
                "The record is closed: the detainee has been released. It can only be annotated",
            ));
        }
        return Ok(now_t);
    }
    if !matches!(entry, CustodyEntry::Annotation(_) | CustodyEntry::Prescription(_))
        && at < utc(row.relevant_time)
    {
        return Err(invalid(
            if matches!(entry, CustodyEntry::Interview(_)) {
                "started_at"
            } else {
                "at"
            },
            "before_relevant_time",
            "This is before the detainee arrived at the station",
        ));
    }
    let f = fold(row, entries);
    let facts = facts(row, &f);
    match entry {
        CustodyEntry::Rights(e) => check_rights(conn, c, row, e)?,
        CustodyEntry::Representative(e) => {
            need(c, Capability::RunCustody, "recording representatives")?;
            refers_to_first(
                entries,
                e.of,
                |s| matches!(s, CustodyEntry::Representative(x) if x.of.is_none()),
                "No representative was called with that entry",
            )?;
        }
        CustodyEntry::Dose(d) => {
            need(c, Capability::RunCustody, "recording medication")?;
            check_prescribed(&f, d)?;
        }
        CustodyEntry::Interview(i) => {
            need(c, Capability::RunCustody, "recording interviews")?;
            refers_to_first(
                entries,
                i.of,
                |s| matches!(s, CustodyEntry::Interview(x) if x.of.is_none()),
                "No interview was started with that entry",
            )?;
        }
        CustodyEntry::Note(n) => {
            need(c, Capability::RunCustody, "recording events")?;
            check_cell(conn, row, n)?;
        }
        CustodyEntry::RiskAssessment(_)
        | CustodyEntry::Visit(_)
        | CustodyEntry::Prescription(_)
        | CustodyEntry::Healthcare(_)
        | CustodyEntry::Property(_) => need(c, Capability::RunCustody, "keeping custody records")?,
        CustodyEntry::Annotation(_) => {}
        CustodyEntry::Review(e) => {
            check_review_officer(conn, c, row, &f, at)?;
            check_review(
                &facts,
                &r.pace,
                &ReviewFact {
                    at,
                    postponed: e.postponed,
                },
            )
            .map_err(refused)?;
        }
        CustodyEntry::Extension(x) => {
            if !c.can(Capability::ExtendDetention) {
                return Err(wrong_officer(
                    "PACE s.42(1)",
                    "only a superintendent or above may authorise continued detention beyond 24 hours",
                ));
            }
            check_extension(&facts, &r.pace, at, x.until.unwrap_or(at)).map_err(refused)?;
        }
        CustodyEntry::Warrant(w) => {
            need(
                c,
                Capability::AuthoriseDetention,
                "recording warrants of further detention (the custody officer)",
            )?;
            check_warrant(&facts, &r.pace, at, w.until.unwrap_or(at)).map_err(refused)?;
        }
        CustodyEntry::Charge(ch) => check_charge(conn, c, &f, ch)?,
        CustodyEntry::Disposal(d) => {
            need(
                c,
                Capability::ChargeDetainee,
                "releasing detainees (the custody officer)",
            )?;
            if !d.outcome.is_charge() && f.charged_at.is_some() {
                return Err(invalid(
                    "outcome",
                    "charged",
                    "The detainee has been charged: the disposal is charge with bail or remand",
                ));
            }
        }
    }
    Ok(at)
}

/// A dose must be of a medication prescribed on the record.
fn check_prescribed(f: &Folded<'_>, d: &DoseEntry) -> Result<(), ApiError> {
    if !f
        .prescriptions
        .iter()
        .any(|(s, _)| s.row.id == d.prescription.to_string())
    {
        return Err(invalid(
            "prescription",
            "not_found",
            "This record has no such medication",
        ));
    }
    Ok(())
}

/// A move of cell must be to a cell of the record's suite.
fn check_cell(conn: &mut AnyConnection, row: &CustodyRow, n: &NoteEntry) -> Result<(), ApiError> {
    if let Some(cell) = &n.cell {
        let suite = find_suite(conn, &row.suite_id)?;
        if !suite.is_some_and(|s| s.cells.contains(cell)) {
            return Err(invalid(
                "cell",
                "unknown",
                format!("The suite has no cell {cell}"),
            ));
        }
    }
    Ok(())
}

/// Rights: a delay (PACE s.56(2), s.58(6)) only for an indictable offence and on the authority of
/// a superintendent of the force.
fn check_rights(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &CustodyRow,
    e: &RightsEntry,
) -> Result<(), ApiError> {
    if e.status == RightStatus::Delayed {
        if !row.indictable {
            return Err(invalid(
                "status",
                "pace_s56_s58_indictable",
                "PACE s.56(2) and s.58(6): rights may be delayed only for an indictable offence",
            ));
        }
        let by = e.authorised_by.map(|u| u.to_string()).unwrap_or_default();
        if !user_holds(conn, &by, &row.force_code, Role::Superintendent)? {
            return Err(invalid(
                "authorised_by",
                "pace_s56_s58_superintendent",
                "PACE s.56(2) and s.58(6): a delay needs the authority of a superintendent of the force",
            ));
        }
    }
    need(c, Capability::RunCustody, "recording detainees' rights")
}

/// An entry that follows up another (`of`: a representative's arrival, an interview's end) must
/// refer to an entry of the record that began it (`first`).
fn refers_to_first(
    entries: &[Stored],
    of: Option<uuid::Uuid>,
    first: impl Fn(&CustodyEntry) -> bool,
    not_found: &str,
) -> Result<(), ApiError> {
    if let Some(of) = of {
        if !entries
            .iter()
            .any(|s| s.row.id == of.to_string() && first(&s.entry))
        {
            return Err(invalid("of", "not_found", not_found));
        }
    }
    Ok(())
}

/// The review officer (PACE s.40(1)): after charge the custody officer; before charge an
/// inspector or above not directly involved in the investigation.
fn check_review_officer(
    conn: &mut AnyConnection,
    c: &Caller,
    row: &CustodyRow,
    f: &Folded<'_>,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let charged = f.charged_at.is_some_and(|t| t <= at);
    if charged {
        if !c.can(Capability::AuthoriseDetention) {
            return Err(wrong_officer(
                "PACE s.40(1)(a)",
                "after charge, the review officer is the custody officer",
            ));
        }
    } else {
        if !c.can(Capability::ReviewDetention) {
            return Err(wrong_officer(
                "PACE s.40(1)(b)",
                "before charge, the review officer is an inspector or above",
            ));
        }
        if involved(conn, c, row, f)? {
            return Err(wrong_officer(
                "PACE s.40(1)(b)",
                "the review officer must not be directly involved in the investigation",
            ));
        }
    }
    Ok(())
}

/// A charge: by the custody officer, once, with known offence codes.
fn check_charge(
    conn: &mut AnyConnection,
    c: &Caller,
    f: &Folded<'_>,
    ch: &ChargeEntry,
) -> Result<(), ApiError> {
    need(c, Capability::ChargeDetainee, "charging (the custody officer)")?;
    if f.charged_at.is_some() {
        return Err(ApiError::code(
            ErrorCode::InvalidTransition,
            "The detainee has already been charged",
        ));
    }
    let found = offence_labels(conn, &ch.offences)?;
    for (i, code) in ch.offences.iter().enumerate() {
        if !found.iter().any(|(c, _, _)| c == code) {
            return Err(invalid(
                &format!("offences.{i}"),
                "unknown",
                format!("{code} is not an offence code"),
            ));
        }
    }
    Ok(())
}

/// Appends an entry to a record (idempotent with a key) and answers with the record. A disposal
/// closes the record; a closed record takes only annotations.
pub async fn add_entry(
    db: &Db,
    caller: &Caller,
    id: uuid::Uuid,
    entry: CustodyEntry,
    key: Option<String>,
    expected_version: Option<i64>,
) -> Result<Outcome<CustodyRecordDto>, ApiError> {
    let hash = idempotency::request_hash(&(id, &entry));
    if let Some(r) = idempotency::replay_early(db, &caller.user_id, key.as_deref(), &hash).await? {
        return Ok(r);
    }
    let c = caller.clone();
    db.write(move |conn| {
        let r = CustodyRef::load(conn)?;
        let now_t = Utc::now();
        let errors = check_entry(&entry, &r.questions, now_t);
        let row = visible(conn, &c, &id.to_string())?;
        access::own_record(&c, "custody record", &row.id, &row.force_code)?;
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        idempotency::run(conn, &c.user_id, key.as_deref(), &hash, 200, |conn| {
            // Take the record's row lock first: two entries on one record are checked one after the
            // other, each against what the other wrote.
            let bumped = diesel::update(
                custody_records::table
                    .filter(custody_records::id.eq(&row.id))
                    .filter(custody_records::version.eq(expected_version.unwrap_or(row.version))),
            )
            .set((
                custody_records::version.eq(custody_records::version + 1),
                custody_records::updated_at.eq(now()),
            ))
            .execute(conn)?;
            if bumped == 0 {
                let current =
                    CustodyRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
                return Err(ApiError::precondition_failed(crate::http::etag(current.version)));
            }
            let row =
                CustodyRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
            let entries = load_entries(conn, std::slice::from_ref(&row.id))?
                .remove(&row.id)
                .unwrap_or_default();
            let at = check_against_record(conn, &c, &r, &row, &entries, &entry, now_t)?;
            let entry_id = insert_entry(conn, &c, &row.id, &entry, at)?;
            match &entry {
                CustodyEntry::Disposal(_) => {
                    diesel::update(custody_records::table.find(&row.id))
                        .set((
                            custody_records::state.eq("closed"),
                            custody_records::released_at.eq(Some(naive(at))),
                        ))
                        .execute(conn)?;
                }
                CustodyEntry::Note(n) if n.cell.is_some() => {
                    diesel::update(custody_records::table.find(&row.id))
                        .set(custody_records::cell.eq(n.cell.clone()))
                        .execute(conn)?;
                }
                _ => {}
            }
            audit::append(
                conn,
                AuditAction::Update,
                Entry::by(&c)
                    .owned_record(KIND, &row.id, &row.force_code)
                    .detail(format!("{} entry {entry_id}", entry.kind())),
            )?;
            let row =
                CustodyRow::find(conn, &row.id)?.ok_or_else(|| ApiError::not_found("custody record"))?;
            let reference = Reference::load(conn)?;
            dto(conn, &r, &reference, &row, Utc::now())
        })
    })
    .await
}

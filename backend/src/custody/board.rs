//! The suite board: every open record of a suite with its clocks, read in one transaction.

use super::*;

/// A suite's board: every open record with its dues, what is due first at the top. One audit row
/// per view names the suite and how many detainees were shown.
///
/// The board is read in a read transaction (one snapshot) and the audit row is written after it, on
/// its own: a custody suite's screens poll the board, and on SQLite a write transaction around the
/// whole read would make every poll wait for the others.
pub async fn board(db: &Db, caller: &Caller, suite_id: uuid::Uuid) -> Result<Board, ApiError> {
    let c = caller.clone();
    let db2 = db.clone();
    let board = db
        .read(move |conn| conn.transaction(|conn| read_board(conn, &db2, &c, suite_id)))
        .await?;
    let c = caller.clone();
    let detail = format!("custody board: {} detainees", board.rows.len());
    let code = board.suite.code.clone();
    db.write(move |conn| {
        audit::append(
            conn,
            AuditAction::Read,
            Entry::by(&c).record("custody_suite", &code).detail(detail),
        )
    })
    .await?;
    Ok(board)
}

/// The board as read (see [`board`]).
pub(super) fn read_board(
    conn: &mut AnyConnection,
    db2: &Db,
    c: &Caller,
    suite_id: uuid::Uuid,
) -> Result<Board, ApiError> {
    let suite =
        find_suite(conn, &suite_id.to_string())?.ok_or_else(|| ApiError::not_found("custody suite"))?;
    access::own_record(c, "custody suite", &suite.id.to_string(), &suite.force_code)?;
    let r = db2.cached(conn, "custody_ref", reference::CACHE_TTL, CustodyRef::load)?;
    let (reference, _) = reference::cached(db2, conn)?;
    let now_t = Utc::now();
    let rows: Vec<CustodyRow> = custody_records::table
        .filter(custody_records::suite_id.eq(suite.id.to_string()))
        .filter(custody_records::state.eq("open"))
        .select(CustodyRow::as_select())
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let (mut entries, last_visits) = load_board_entries(conn, &ids)?;
    let people: Vec<(RecordKind, String)> = rows
        .iter()
        .map(|r| (RecordKind::Person, r.person_id.clone()))
        .collect();
    let people = summaries::load(conn, &reference, now_t.date_naive(), &people)?;
    let mut out: Vec<BoardRow> = rows
        .iter()
        .map(|row| {
            let e = entries.remove(&row.id).unwrap_or_default();
            let mut f = fold(row, &e);
            f.last_visit = last_visits.get(&row.id).copied();
            let person = people.get(&row.person_id).map(|i| &i.summary);
            let markers = person.map(|p| p.markers.clone()).unwrap_or_default();
            let care = care(row, &f, &r, &markers);
            let k = clocks(&facts(row, &f), &r.pace, now_t);
            let dose = next_doses(row, &f, now_t)
                .into_iter()
                .filter_map(|(_, p, due)| due.map(|d| (d, p.medicine.clone())))
                .min_by_key(|(d, _)| *d);
            let risk_due = care.risk_assessed_at.is_none();
            let limit = k.limit_applies.then_some(k.limit);
            let next_due = earliest(&[
                k.next_review_due,
                limit,
                care.next_visit_due,
                dose.as_ref().map(|d| d.0),
                risk_due.then(|| utc(row.decided_at)),
            ]);
            BoardRow {
                record_id: uuid(&row.id),
                number: row.number.clone(),
                detainee: person
                    .map(|p| p.label.clone())
                    .unwrap_or_else(|| "(not available)".into()),
                cell: f.cell.clone(),
                relevant_time: utc(row.relevant_time),
                next_review_due: k.next_review_due,
                limit,
                next_visit_due: care.next_visit_due,
                observation_level: care.observation_level,
                rousing: care.rousing,
                risk_assessment_due: risk_due,
                next_dose_due: dose.as_ref().map(|d| d.0),
                next_dose_medicine: dose.map(|d| d.1),
                risk_markers: care.risk_markers,
                next_due,
            }
        })
        .collect();
    sort_board(&mut out);
    Ok(Board {
        suite,
        server_time: now_t,
        rows: out,
    })
}

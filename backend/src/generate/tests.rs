//! The generator against a real database: counts, keys as the normal write path makes them, custody records the board reads.

use super::*;
use crate::config::Settings;
use crate::db::schema::{
    links, locations, object_keys, objects, person_identifiers, person_name_keys, person_names,
};
use crate::index::people::queries::{read_details, PersonRow};
use std::collections::BTreeMap;

fn open_url(url: &str) -> Db {
    let mut settings = Settings::defaults();
    settings.database.url = url.to_owned();
    let db = crate::startup::open_database(&settings).expect("open");
    crate::seed::seed_demo(&db).expect("seed");
    db
}

fn open(dir: &tempfile::TempDir, file: &str) -> Db {
    open_url(&format!("sqlite://{}", dir.path().join(file).display()))
}

macro_rules! count {
    ($conn:expr, $table:expr) => {{
        let n: i64 = $table.count().get_result($conn).expect("count");
        n as u64
    }};
}

#[test]
fn lists_have_no_repeats() {
    for list in [SURNAMES, MALE_FORENAMES, FEMALE_FORENAMES, STREET_NAMES] {
        let set: HashSet<&str> = list.iter().copied().collect();
        assert_eq!(set.len(), list.len());
    }
    assert!(SURNAMES.len() >= 300 && MALE_FORENAMES.len() + FEMALE_FORENAMES.len() >= 200);
}

#[test]
fn generated_people_are_written_searchable_and_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = generate_and_check(&open(&dir, "gen.db"));
    // The same seed into another database gives the same people.
    let second = generate_and_check(&open(&dir, "gen2.db"));
    assert_eq!(first, second);
}

/// The same checks on PostgreSQL, in a database of its own (created and dropped here) on the local
/// server (`BLUELAMP_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).
#[test]
fn generated_people_are_written_searchable_and_valid_on_postgres() {
    on_postgres(|db| {
        generate_and_check(db);
    });
}

/// Runs `check` on a PostgreSQL database of its own, created and dropped here, on the local server
/// (`BLUELAMP_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).
fn on_postgres(check: impl FnOnce(&Db) + std::panic::UnwindSafe) {
    use diesel::pg::PgConnection;
    let admin_url = crate::db::test_postgres_url();
    let mut admin = PgConnection::establish(&admin_url)
        .unwrap_or_else(|e| panic!("PostgreSQL is required and not reachable at {admin_url}: {e}"));
    let name = format!("bl_gen_{}", uuid::Uuid::new_v4().simple());
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .expect("create database");
    let url = crate::db::with_database(&admin_url, &name);
    let result = std::panic::catch_unwind(move || {
        let db = open_url(&url);
        assert_eq!(db.backend(), Backend::Postgres);
        check(&db);
    });
    let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn generated_custody_records_fill_the_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    generate_custody_and_check(&open(&dir, "custody.db"));
}

#[test]
fn generated_custody_records_fill_the_board_on_postgres() {
    on_postgres(generate_custody_and_check);
}

/// Generates 400 people and 150 open custody records (60 in the loaded suite), checks the rows as
/// the custody service would have written them, and reads the loaded suite's board through the
/// service.
fn generate_custody_and_check(db: &Db) {
    use crate::custody as svc;
    use crate::db::schema::{custody_entries, custody_records, custody_suites, record_grants, users};
    use crate::kernel::auth::Caller;
    use bluelamp_shared::auth::Role;
    use bluelamp_shared::custody::{check_entry, CustodyEntry};

    let opts = GenerateOptions {
        people: 400,
        seed: 7,
        people_per_transaction: 150,
        custody_records: 150,
        suite_load: 60,
        ..Default::default()
    };
    let report = generate(db, &opts).expect("generate");
    let c = &report.counts;
    assert_eq!(c.custody_records, 150);
    // The demo suites other than NS-CEN have 12 + 30 cells: two suites of 40 are added for 90.
    assert_eq!(c.custody_suites, 2);
    assert_eq!(c.record_grants, 150 * svc::restriction().grantees.len() as u64);
    assert_eq!(
        c.links,
        c.people + c.objects + c.organisations + c.custody_records
    );

    let mut pooled = db.get().expect("conn");
    let conn: &mut AnyConnection = &mut pooled;
    let records: Vec<(String, String, Option<String>, String, String, i64)> = custody_records::table
        .filter(custody_records::state.eq("open"))
        .select((
            custody_records::id,
            custody_records::suite_id,
            custody_records::cell,
            custody_records::person_id,
            custody_records::force_code,
            custody_records::version,
        ))
        .load(conn)
        .expect("records");
    assert_eq!(records.len(), 150);
    let people_ids: HashSet<&String> = records.iter().map(|r| &r.3).collect();
    assert_eq!(people_ids.len(), 150, "one open record per person");
    let known: i64 = people::table
        .filter(people::id.eq_any(records.iter().map(|r| r.3.clone()).collect::<Vec<_>>()))
        .count()
        .get_result(conn)
        .expect("people");
    assert_eq!(known, 150);
    let cells: HashSet<(&String, &Option<String>)> = records.iter().map(|r| (&r.1, &r.2)).collect();
    assert_eq!(cells.len(), 150, "one detainee per cell");
    let suites: Vec<(String, String, String, String)> = custody_suites::table
        .select((
            custody_suites::id,
            custody_suites::code,
            custody_suites::force_code,
            custody_suites::cells,
        ))
        .load(conn)
        .expect("suites");
    for (id, code, force, cells) in &suites {
        let cells: Vec<String> = serde_json::from_str(cells).expect("cells");
        let here: Vec<_> = records.iter().filter(|r| &r.1 == id).collect();
        assert!(here.len() <= cells.len(), "{code}");
        for r in here {
            assert!(cells.contains(r.2.as_ref().expect("a cell")), "{code}");
            assert_eq!(&r.4, force, "a record belongs to its suite's force");
        }
    }
    let loaded = suites.iter().find(|s| s.1 == LOADED_SUITE).expect("NS-CEN");
    assert_eq!(records.iter().filter(|r| r.1 == loaded.0).count(), 60);

    let detainee_links: i64 = links::table
        .filter(links::reason.eq("custody_detainee"))
        .filter(links::from_kind.eq("event"))
        .filter(links::to_kind.eq("person"))
        .count()
        .get_result(conn)
        .expect("links");
    assert_eq!(detainee_links, 150);
    let grants: i64 = record_grants::table
        .filter(record_grants::record_kind.eq("event"))
        .count()
        .get_result(conn)
        .expect("grants");
    assert_eq!(grants as u64, c.record_grants);

    // Every entry is valid as the API would check it, and each record has what booking in writes.
    let questions = svc::risk_questions(conn).expect("questions");
    let now = chrono::Utc::now();
    let entries: Vec<(String, String, String)> = custody_entries::table
        .select((
            custody_entries::record_id,
            custody_entries::kind,
            custody_entries::data,
        ))
        .load(conn)
        .expect("entries");
    assert_eq!(entries.len() as u64, c.custody_entries);
    let mut by_record: HashMap<&str, Vec<CustodyEntry>> = HashMap::new();
    for (record, kind, data) in &entries {
        let e: CustodyEntry = serde_json::from_str(data).expect("an entry");
        assert_eq!(kind, e.kind());
        assert_eq!(check_entry(&e, &questions, now), vec![], "{data}");
        by_record.entry(record.as_str()).or_default().push(e);
    }
    // Entry id → record id.
    let ids: HashMap<String, String> = custody_entries::table
        .select((custody_entries::id, custody_entries::record_id))
        .load::<(String, String)>(conn)
        .expect("ids")
        .into_iter()
        .collect();
    for (id, _, _, _, _, version) in &records {
        let e = &by_record[id.as_str()];
        let count = |k: &str| e.iter().filter(|x| x.kind() == k).count();
        assert_eq!(count("risk_assessment"), 1);
        assert!((1..=2).contains(&count("prescription")));
        assert_eq!(count("rights"), 3);
        assert_eq!(*version, 1 + (e.len() - 1 - count("prescription")) as i64);
        for x in e {
            if let CustodyEntry::Dose(d) = x {
                assert_eq!(
                    &ids[&d.prescription.to_string()],
                    id,
                    "a dose of the record's own medicine"
                );
            }
        }
    }
    assert!(by_record
        .values()
        .any(|e| e.iter().any(|x| x.kind() == "extension")));
    assert!(by_record.values().any(|e| e.iter().any(|x| x.kind() == "dose")));

    // The custody numbers continue from what was generated.
    for f in FORCES {
        let taken: i64 = reference_sequences_total(conn, f);
        assert_eq!(taken as usize, records.iter().filter(|r| r.4 == f).count(), "{f}");
    }

    // The board of the loaded suite answers through the service, with every detainee.
    let raman: String = users::table
        .filter(users::username.eq("ns.raman"))
        .select(users::id)
        .first(conn)
        .expect("ns.raman");
    drop(pooled);
    let caller = Caller {
        user_id: raman,
        username: "ns.raman".into(),
        force_code: "NS".into(),
        roles: vec![Role::CustodyOfficer],
        session_id: String::new(),
        request_id: None,
        mfa_pending: false,
    };
    let suite_id: uuid::Uuid = loaded.0.parse().expect("uuid");
    let board = actix_web::rt::System::new()
        .block_on(svc::board(db, &caller, suite_id))
        .expect("board");
    assert_eq!(board.rows.len(), 60);
    for row in &board.rows {
        assert_ne!(row.detainee, "(not available)");
        assert!(row.cell.is_some());
        assert!(row.next_review_due.is_some());
        assert!(!row.risk_assessment_due);
        if let Some(limit) = row.limit {
            assert!(limit > board.server_time, "{} is past its limit", row.number);
        }
    }
    // Each row says what the whole record (read with every entry) says.
    let records = actix_web::rt::System::new().block_on(async {
        let mut out = Vec::new();
        for row in &board.rows {
            out.push(svc::get(db, &caller, row.record_id).await.expect("record"));
        }
        out
    });
    for (row, record) in board.rows.iter().zip(&records) {
        assert_eq!(
            record.entries.len(),
            by_record[row.record_id.to_string().as_str()].len()
        );
        assert_eq!(row.cell, record.cell);
        assert_eq!(row.next_review_due, record.clocks.next_review_due);
        assert_eq!(
            row.limit,
            record.clocks.limit_applies.then_some(record.clocks.limit)
        );
        assert_eq!(row.next_visit_due, record.care.next_visit_due);
        assert_eq!(row.observation_level, record.care.observation_level);
        assert_eq!(row.rousing, record.care.rousing);
        assert_eq!(row.risk_markers, record.care.risk_markers);
        assert_eq!(
            row.next_dose_due,
            record.medication.iter().filter_map(|m| m.next_due).min()
        );
    }
}

fn reference_sequences_total(conn: &mut AnyConnection, force: &str) -> i64 {
    use crate::db::schema::reference_sequences as rs;
    rs::table
        .filter(rs::force_code.eq(force))
        .filter(rs::kind.eq("custody"))
        .select(rs::last_value)
        .load::<i64>(conn)
        .expect("sequences")
        .into_iter()
        .sum()
}

/// Generates 300 people with seed 42, checks what was written, and returns the display names in id order.
fn generate_and_check(db: &Db) -> Vec<String> {
    let opts = GenerateOptions {
        people: 300,
        seed: 42,
        people_per_transaction: 120,
        ..Default::default()
    };
    let report = generate(db, &opts).expect("generate");
    let c = &report.counts;
    assert_eq!(c.people, 300);
    assert!(c.near_duplicates > 0, "{c:?}");
    assert_eq!(c.organisations, 6);

    let mut conn = db.get().expect("conn");
    let conn: &mut AnyConnection = &mut conn;
    assert_eq!(count!(conn, people::table), c.people);
    assert_eq!(count!(conn, locations::table), c.locations);
    assert_eq!(count!(conn, links::table), c.links);
    assert_eq!(count!(conn, person_names::table), c.names);
    assert_eq!(count!(conn, person_name_keys::table), c.name_keys);
    assert_eq!(count!(conn, objects::table), c.objects);
    assert_eq!(c.links, c.people + c.objects + c.organisations);
    // About 2.5 people per home address.
    let per_address = c.people as f64 / (c.locations - c.organisations) as f64;
    assert!((1.8..3.5).contains(&per_address), "{per_address}");

    // Every name carries exactly the keys the normal write path computes.
    let eq = Equivalents::new(
        name_equivalents::table
            .select((name_equivalents::name, name_equivalents::canonical))
            .load::<(String, String)>(conn)
            .expect("equivalents"),
    );
    let name_rows: Vec<(String, String, String, String)> = person_names::table
        .select((
            person_names::id,
            person_names::person_id,
            person_names::forename,
            person_names::surname,
        ))
        .load(conn)
        .expect("names");
    let mut keys: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for (name_id, s, p, f) in person_name_keys::table
        .select((
            person_name_keys::name_id,
            person_name_keys::surname_key,
            person_name_keys::surname_prefix,
            person_name_keys::forename_key,
        ))
        .load::<(String, String, String, String)>(conn)
        .expect("keys")
    {
        keys.entry(name_id).or_default().push((s, p, f));
    }
    for (name_id, _, forename, surname) in &name_rows {
        let mut stored = keys.remove(name_id).unwrap_or_default();
        stored.sort();
        assert_eq!(
            stored,
            names::name_keys(&eq, forename, surname),
            "{forename} {surname}"
        );
    }
    assert!(keys.is_empty(), "keys without a name");

    // A known generated person is found by the phonetic keys of their name.
    let first = people::table
        .order(people::id)
        .select(PersonRow::as_select())
        .first(conn)
        .expect("first");
    let details = read_details(conn, std::slice::from_ref(&first)).expect("details");
    let person = &details[&first.id];
    let primary = person
        .names
        .iter()
        .find(|n| n.kind == NameKind::Primary)
        .expect("primary");
    assert_eq!(first.display_name, primary.display());
    assert!(!person.dates_of_birth.is_empty());
    let found: Vec<String> = person_name_keys::table
        .filter(person_name_keys::surname_key.eq(&names::phonetic(&primary.surname)[0]))
        .filter(person_name_keys::forename_key.eq(&names::phonetic(&primary.forename)[0]))
        .select(person_name_keys::person_id)
        .load(conn)
        .expect("search");
    assert!(found.contains(&first.id), "{} not found", first.display_name);
    let again = PersonRow::find(conn, &first.id).expect("find").expect("exists");
    assert_eq!(again.version, 1);
    assert_eq!(again.force_code.len(), 2);

    // Addresses, registrations and PNC IDs pass the shared rules, keyed as the main code keys them.
    for (street, street_key, postcode, postcode_key) in locations::table
        .select((
            locations::street,
            locations::street_key,
            locations::postcode,
            locations::postcode_key,
        ))
        .load::<(String, String, String, String)>(conn)
        .expect("locations")
    {
        assert!(v::postcode(&postcode).is_ok(), "{postcode}");
        assert_eq!(postcode_key, v::compact(&postcode));
        assert_eq!(street_key, names::normalise(&street));
    }
    let vrms: Vec<(String, Option<String>)> = objects::table
        .select((objects::id, objects::vrm))
        .load(conn)
        .expect("vrms");
    let object_key_rows: Vec<(String, String)> = object_keys::table
        .select((object_keys::object_id, object_keys::key))
        .load(conn)
        .expect("keys");
    let object_key_map: HashMap<String, String> = object_key_rows.into_iter().collect();
    for (id, vrm) in &vrms {
        let vrm = vrm.as_deref().expect("a vrm");
        assert!(v::vrm(vrm).is_ok(), "{vrm}");
        assert_eq!(object_key_map[id], v::compact(vrm));
    }
    let pncs: Vec<String> = person_identifiers::table
        .filter(person_identifiers::kind.eq("pnc_id"))
        .select(person_identifiers::value)
        .load(conn)
        .expect("pnc");
    assert!(!pncs.is_empty());
    assert_eq!(
        pncs.iter().collect::<HashSet<_>>().len(),
        pncs.len(),
        "PNC IDs are unique"
    );
    for p in &pncs {
        assert!(v::pnc_id(p).is_ok(), "{p}");
    }

    // The same seed again is refused rather than colliding.
    assert!(generate(db, &opts).is_err());

    people::table
        .order(people::id)
        .select(people::display_name)
        .load(conn)
        .expect("names")
}

#[test]
fn misspellings_and_nicknames_stay_findable() {
    let eq_rows = vec![
        ("bob".to_owned(), "robert".to_owned()),
        ("robert".to_owned(), "robert".to_owned()),
    ];
    let mut g = Generator::new(7, &eq_rows);
    assert_eq!(g.nickname("Robert").as_deref(), Some("Bob"));
    assert_eq!(g.nickname("Bob").as_deref(), Some("Robert"));
    assert_eq!(g.nickname("Keith"), None);
    for _ in 0..50 {
        let m = g.misspell("Smith");
        assert_ne!(m, "Smith");
        assert_eq!(names::prefix(&m), "sm");
    }
    for _ in 0..1000 {
        let pc = g.postcode("NB12");
        assert!(v::postcode(&pc).is_ok(), "{pc}");
    }
}

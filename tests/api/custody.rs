//! Custody: booking in, care (risk, visits, medication) and the board, the one-open-record rule held
//! by the database, and every PACE refusal naming its rule. Times are set in the past relative to
//! now, so the clocks are exercised without waiting.

use bluelamp_tests::{Backend, Reply, TestApp};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn ago(minutes: i64) -> String {
    ts(Utc::now() - Duration::minutes(minutes))
}

fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .unwrap_or_else(|| panic!("not a time: {v}"))
        .parse()
        .unwrap()
}

async fn suite(app: &TestApp, token: &str, code: &str) -> Value {
    let r: Value = app.get("/api/v1/reference-data", Some(token)).await.json();
    r["custody_suites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code)
        .unwrap_or_else(|| panic!("no suite {code}"))
        .clone()
}

async fn user_id(app: &TestApp, username: &str) -> String {
    let t = app.token(username).await;
    let me: Value = app.get("/api/v1/me", Some(&t)).await.json();
    me["id"].as_str().unwrap().to_owned()
}

async fn person(app: &TestApp, token: &str, surname: &str) -> String {
    app.create_person(
        token,
        json!({"names": [{"forename": "Dean", "surname": surname}], "dates_of_birth": ["1990-04-04"],
               "markers": [{"code": "violent", "set_on": "2024-01-01"}]}),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A complete booking-in of `person` into `suite`, arrived `minutes_ago`.
fn booking(person: &str, suite: &Value, offence: &str, minutes_ago: i64) -> Value {
    json!({
        "person_id": person,
        "suite_id": suite["id"],
        "cell": "C3",
        "arrest": {"at": ago(minutes_ago + 30), "place": "Boots, 12 High Street, Northby", "officer": "PC 4521 Okafor",
                   "offences": [offence], "grounds": "Seen on CCTV leaving with razor blades unpaid",
                   "necessity": "To allow the prompt and effective investigation (Code G 2.9(e))"},
        "asn": "26/01NS/01/000123A",
        "arrived_at": ago(minutes_ago),
        "decision": "authorised",
        "decided_at": ago(minutes_ago - 10),
        "decision_reason": "To secure and preserve evidence and obtain evidence by questioning",
        "self_defined_ethnicity": "W1",
        "officer_defined_ethnicity": "W",
        "nationality": "British"
    })
}

async fn book(app: &TestApp, token: &str, body: &Value) -> Reply {
    app.send(
        Method::POST,
        "/api/v1/custody-records",
        Some(token),
        &[("Idempotency-Key", &uuid::Uuid::new_v4().to_string())],
        Some(body),
    )
    .await
}

async fn booked(app: &TestApp, token: &str, body: &Value) -> Value {
    let r = book(app, token, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()
}

async fn entry(app: &TestApp, token: &str, record: &Value, body: Value) -> Reply {
    app.post(
        &format!(
            "/api/v1/custody-records/{}/entries",
            record["id"].as_str().unwrap()
        ),
        Some(token),
        &body,
    )
    .await
}

async fn entry_ok(app: &TestApp, token: &str, record: &Value, body: Value) -> Value {
    let r = entry(app, token, record, body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

/// A refusal: the status, and the rule named (field-error code or the detail).
fn assert_refused(r: &Reply, status: StatusCode, rule: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    let p = r.problem();
    let named = p.errors.iter().any(|e| e.code == rule) || p.detail.as_deref().unwrap_or("").contains(rule);
    assert!(named, "expected the rule {rule} in {}", r.text);
}

async fn board(app: &TestApp, token: &str, suite: &Value) -> Value {
    let r = app
        .get(
            &format!("/api/v1/custody-suites/{}/board", suite["id"].as_str().unwrap()),
            Some(token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

fn row<'a>(board: &'a Value, record: &Value) -> &'a Value {
    board["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["record_id"] == record["id"])
        .unwrap_or_else(|| panic!("record not on the board: {board}"))
}

async fn booking_in_care_and_the_board(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let raman = app.token("ns.raman").await; // custody officer
    let doyle = app.token("ns.doyle").await; // detention officer
    let okafor = app.token("ns.okafor").await; // response officer
    let admin = app.token("ns.ashworth").await;
    let begum = app.token("wv.begum").await;
    let central = suite(&app, &raman, "NS-CEN").await;
    let pid = person(&app, &okafor, "Marsh").await;

    // Every gap of an empty form at once; unknown cell and offence named by the server.
    let r = book(&app, &raman, &json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let p = r.paths();
    for want in [
        "person_id:required",
        "arrest.necessity:required",
        "asn:required",
        "decision:required",
        "nationality:required",
    ] {
        assert!(p.contains(&want.to_owned()), "{want} not in {p:?}");
    }
    let mut bad = booking(&pid, &central, "no_such_offence", 60);
    bad["cell"] = json!("Z99");
    let r = book(&app, &raman, &bad).await;
    assert_eq!(
        r.paths(),
        ["arrest.offences.0:unknown", "cell:unknown"],
        "{}",
        r.text
    );
    // Only a custody officer decides on detention.
    assert_eq!(
        book(&app, &doyle, &booking(&pid, &central, "theft_shop", 60))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        book(&app, &okafor, &booking(&pid, &central, "theft_shop", 60))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // Booked in an hour ago: intoxicated (level 2, rousing), insulin every 4 hours from 20 minutes ago.
    let questions: Value = app.get("/api/v1/reference-data", Some(&raman)).await.json();
    let answers: Vec<Value> = questions["custody_risk_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| json!({"question": q["code"], "yes": q["code"] == "intoxicated"}))
        .collect();
    let mut body = booking(&pid, &central, "theft_shop", 60);
    body["risk"] = json!({"answers": answers, "observation_level": 1, "rousing": false});
    let r = book(&app, &raman, &body).await;
    assert_eq!(
        r.paths(),
        [
            "risk.observation_level:below_assessed_risk",
            "risk.rousing:required_by_risk"
        ],
        "{}",
        r.text
    );
    body["risk"] = json!({"answers": answers, "observation_level": 2, "rousing": true});
    body["medication"] = json!([{"medicine": "Insulin glargine", "dose": "10 units", "every_minutes": 240,
                                 "first_at": ago(20), "prescriber": "Dr Shah (GP)"}]);
    let rec = booked(&app, &raman, &body).await;
    assert_eq!(rec["state"], "open");
    assert!(rec["number"].as_str().unwrap().starts_with("NS-CUS-"));
    assert_eq!(rec["indictable"], true, "theft from a shop is triable either way");
    assert_eq!(rec["care"]["observation_level"], 2);
    assert_eq!(rec["care"]["rousing"], true);
    let markers: Vec<&str> = rec["care"]["risk_markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(markers.contains(&"Intoxicated"), "{markers:?}");
    assert!(
        markers.iter().any(|m| m.to_lowercase().contains("violent")),
        "the person's warning marker: {markers:?}"
    );
    let decided = time(&rec["decision"]["at"]);
    let relevant = time(&rec["relevant_time"]);
    // Clocks from the facts: review 6 h after authorisation, limit 24 h after the relevant time,
    // rousing visits every 30 minutes from booking in (so overdue now), insulin due 20 minutes ago.
    assert_eq!(
        time(&rec["clocks"]["next_review_due"]),
        decided + Duration::hours(6)
    );
    assert_eq!(time(&rec["clocks"]["limit"]), relevant + Duration::hours(24));
    assert_eq!(
        time(&rec["care"]["next_visit_due"]),
        decided + Duration::minutes(30)
    );
    let insulin = &rec["medication"][0];
    let first_at = time(&body["medication"][0]["first_at"]);
    assert_eq!(time(&insulin["next_due"]), first_at);

    // The board puts the overdue visit and dose first, with every due as an instant.
    let b = board(&app, &doyle, &central).await;
    let on = row(&b, &rec);
    assert_eq!(on["cell"], "C3");
    assert!(
        on["detainee"].as_str().unwrap().to_lowercase().contains("marsh"),
        "{on}"
    );
    assert_eq!(time(&on["next_visit_due"]), decided + Duration::minutes(30));
    assert_eq!(time(&on["next_dose_due"]), first_at);
    assert_eq!(on["next_dose_medicine"], "Insulin glargine");
    assert_eq!(
        time(&on["next_due"]),
        first_at.min(decided + Duration::minutes(30))
    );
    assert_eq!(on["risk_assessment_due"], false);

    // A visit and a dose move the board.
    let rec = entry_ok(
        &app,
        &doyle,
        &rec,
        json!({"kind": "visit", "check": "rousing", "response": "Roused, answered, asked for water"}),
    )
    .await;
    let visited = time(&rec["care"]["last_visit"]);
    assert_eq!(
        time(&rec["care"]["next_visit_due"]),
        visited + Duration::minutes(30)
    );
    let dose_at = Utc::now() - Duration::minutes(2);
    let pid_rx = insulin["id"].as_str().unwrap();
    let rec = entry_ok(
        &app,
        &doyle,
        &rec,
        json!({"kind": "dose", "prescription": pid_rx, "at": ts(dose_at), "outcome": "given"}),
    )
    .await;
    let given = time(&rec["medication"][0]["doses"][0]["at"]);
    assert_eq!(
        time(&rec["medication"][0]["next_due"]),
        given + Duration::hours(4)
    );
    let b = board(&app, &doyle, &central).await;
    let on = row(&b, &rec);
    assert_eq!(time(&on["next_visit_due"]), visited + Duration::minutes(30));
    assert_eq!(time(&on["next_dose_due"]), given + Duration::hours(4));
    // A missed dose must say why; a dose of an unknown medicine is refused.
    let r = entry(
        &app,
        &doyle,
        &rec,
        json!({"kind": "dose", "prescription": pid_rx, "outcome": "missed"}),
    )
    .await;
    assert_eq!(r.paths(), ["notes:required"]);
    let r = entry(
        &app,
        &doyle,
        &rec,
        json!({"kind": "dose", "prescription": uuid::Uuid::new_v4(), "outcome": "given"}),
    )
    .await;
    assert_eq!(r.paths(), ["prescription:not_found"]);
    // Level 3 is constant observation: no "next visit" at all.
    let rec = entry_ok(
        &app,
        &raman,
        &rec,
        json!({"kind": "risk_assessment", "answers": answers, "observation_level": 3, "rousing": true}),
    )
    .await;
    assert_eq!(rec["care"]["next_visit_due"], Value::Null);
    assert_eq!(
        row(&board(&app, &doyle, &central).await, &rec)["next_visit_due"],
        Value::Null
    );
    // Solicitor called then arrived; a move of cell.
    let rec = entry_ok(&app, &doyle, &rec, json!({"kind": "representative", "role": "solicitor", "name": "A. Khan, Khan & Co", "called_at": ago(5)})).await;
    let called = rec["representatives"][0]["id"].clone();
    let rec = entry_ok(
        &app,
        &doyle,
        &rec,
        json!({"kind": "representative", "role": "solicitor", "of": called, "arrived_at": ago(1)}),
    )
    .await;
    assert!(
        rec["representatives"][0]["arrived_at"].is_string(),
        "{}",
        rec["representatives"]
    );
    let rec = entry_ok(
        &app,
        &doyle,
        &rec,
        json!({"kind": "note", "text": "Moved for cleaning", "cell": "C7"}),
    )
    .await;
    assert_eq!(rec["cell"], "C7");
    assert_eq!(row(&board(&app, &doyle, &central).await, &rec)["cell"], "C7");
    let r = entry(
        &app,
        &doyle,
        &rec,
        json!({"kind": "note", "text": "x", "cell": "C99"}),
    )
    .await;
    assert_eq!(r.paths(), ["cell:unknown"]);

    // Who sees it: the force's police roles (response officer may read, not write); not the force
    // administrator, not another force, and the record never shows on their person page.
    let id = rec["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/custody-records/{id}"), Some(&okafor))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        entry(&app, &okafor, &rec, json!({"kind": "annotation", "text": "x"}))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/api/v1/custody-records/{id}"), Some(&admin))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/api/v1/custody-records/{id}"), Some(&begum))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let page: Value = app
        .get(&format!("/api/v1/people/{pid}"), Some(&okafor))
        .await
        .json();
    assert!(
        page.to_string().contains(rec["number"].as_str().unwrap()),
        "on the person page: {page}"
    );
    let theirs = app.get(&format!("/api/v1/people/{pid}"), Some(&begum)).await;
    assert!(
        !theirs.text.contains(rec["number"].as_str().unwrap()),
        "{}",
        theirs.text
    );
    assert_eq!(
        board(&app, &raman, &central).await["rows"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let wv = suite(&app, &raman, "WV-MAIN").await;
    assert_eq!(
        app.get(
            &format!("/api/v1/custody-suites/{}/board", wv["id"].as_str().unwrap()),
            Some(&raman)
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "another force's suite"
    );
    // Every read is audited.
    let audit: Value = app
        .get(&format!("/api/v1/audit-events?record_id={id}"), Some(&admin))
        .await
        .json();
    assert!(audit.to_string().contains("\"read\""), "{audit}");

    // Released: the record closes, leaves the board, takes annotations only.
    let rec = entry_ok(&app, &raman, &rec, json!({"kind": "disposal", "outcome": "released_under_investigation", "notes": "Enquiries with the store"})).await;
    assert_eq!(rec["state"], "closed");
    assert_eq!(rec["disposal"]["outcome"], "released_under_investigation");
    assert_eq!(rec["care"]["next_visit_due"], Value::Null);
    assert_eq!(rec["medication"][0]["next_due"], Value::Null);
    assert!(board(&app, &raman, &central).await["rows"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_refused(
        &entry(
            &app,
            &doyle,
            &rec,
            json!({"kind": "visit", "check": "verbal", "response": "x"}),
        )
        .await,
        StatusCode::CONFLICT,
        "closed",
    );
    let rec = entry_ok(
        &app,
        &doyle,
        &rec,
        json!({"kind": "annotation", "text": "Property returned at the front desk"}),
    )
    .await;
    assert_eq!(rec["entries"][0]["entry"]["kind"], "annotation");

    // Next time, the form is pre-filled with the medication and ethnicity given before.
    let pre: Value = app
        .get(
            &format!("/api/v1/custody-records/prefill?person_id={pid}"),
            Some(&raman),
        )
        .await
        .json();
    assert_eq!(pre["known_medication"][0]["medicine"], "Insulin glargine");
    assert_eq!(pre["self_defined_ethnicity"], "W1");
    assert_eq!(pre["open_record"], Value::Null);
    assert!(pre["person"]["markers"]
        .to_string()
        .to_lowercase()
        .contains("violent"));
}

async fn one_open_record_per_person_held_by_the_database(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let raman = app.token("ns.raman").await;
    let central = suite(&app, &raman, "NS-CEN").await;
    let north = suite(&app, &raman, "NS-NTH").await;
    let pid = person(&app, &raman, "Dunne").await;

    // Two custody officers book the same person in at once (two suites, two keys): one wins.
    let (to_central, to_north) = (
        booking(&pid, &central, "theft_shop", 30),
        booking(&pid, &north, "theft_shop", 30),
    );
    let (a, b) = tokio::join!(book(&app, &raman, &to_central), book(&app, &raman, &to_north));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::CONFLICT],
        "{} / {}",
        a.text,
        b.text
    );
    let first: Value = if a.status == StatusCode::CREATED {
        a.json()
    } else {
        b.json()
    };
    let pre: Value = app
        .get(
            &format!("/api/v1/custody-records/prefill?person_id={pid}"),
            Some(&raman),
        )
        .await
        .json();
    assert_eq!(pre["open_record"], first["id"]);
    // And again, one after the other: refused, naming the open record.
    let r = book(&app, &raman, &booking(&pid, &central, "theft_shop", 30)).await;
    assert_refused(&r, StatusCode::CONFLICT, first["number"].as_str().unwrap());

    // The database itself refuses a second open record, whatever the code does.
    let sql = format!(
        "INSERT INTO custody_records (id, force_code, number, suite_id, person_id, state, arrest, indictable, asn, \
         relevant_time, decision, decided_at, decided_by, decision_reason, self_defined_ethnicity, \
         officer_defined_ethnicity, nationality, created_by, created_at, updated_at, version) \
         SELECT '{}', force_code, 'X-1', suite_id, person_id, 'open', arrest, indictable, asn, relevant_time, decision, \
         decided_at, decided_by, decision_reason, self_defined_ethnicity, officer_defined_ethnicity, nationality, \
         created_by, created_at, updated_at, 1 FROM custody_records WHERE id = '{}'",
        uuid::Uuid::new_v4(),
        first["id"].as_str().unwrap()
    );
    assert!(
        app.execute(&sql).is_err(),
        "a second open record must violate the unique index"
    );
    // A refused detention closes at once; released, the person can be booked in again.
    let released = entry_ok(
        &app,
        &raman,
        &first,
        json!({"kind": "disposal", "outcome": "no_further_action"}),
    )
    .await;
    assert_eq!(released["state"], "closed");
    let mut refused = booking(&pid, &central, "theft_shop", 20);
    refused["decision"] = json!("refused");
    refused["decision_reason"] = json!("Insufficient grounds: the store withdrew the allegation");
    let r = booked(&app, &raman, &refused).await;
    assert_eq!(r["state"], "closed");
    assert_eq!(r["disposal"]["outcome"], Value::Null);
    let again = booked(&app, &raman, &booking(&pid, &central, "theft_shop", 10)).await;
    assert_eq!(again["state"], "open");
}

async fn every_pace_refusal_names_its_rule(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let raman = app.token("ns.raman").await; // custody officer
    let doyle = app.token("ns.doyle").await; // detention officer
    let macleod = app.token("ns.macleod").await; // inspector
    let adeyemi = app.token("ns.adeyemi").await; // superintendent
    let okafor = app.token("ns.okafor").await;
    let central = suite(&app, &raman, "NS-CEN").await;

    // Robbery (indictable), arrived 20 hours ago, detention authorised 10 minutes after arrival.
    let pid = person(&app, &okafor, "Vance").await;
    let rec = booked(&app, &raman, &booking(&pid, &central, "robbery", 20 * 60)).await;
    let authorised = time(&rec["decision"]["at"]);
    let review = |at: DateTime<Utc>, postponed: bool| {
        json!({"kind": "review", "at": ts(at), "postponed": postponed, "postponement_reason": if postponed { "Detainee asleep" } else { "" },
               "decision": "continue", "grounds": "Necessary to obtain evidence by questioning"})
    };
    // Before charge: not the custody officer (s.40(1)(b)), nor a detention officer.
    assert_refused(
        &entry(&app, &raman, &rec, review(authorised + Duration::hours(5), false)).await,
        StatusCode::FORBIDDEN,
        "s.40(1)(b)",
    );
    assert_eq!(
        entry(&app, &doyle, &rec, review(authorised + Duration::hours(5), false))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Postponing a review that was in time.
    assert_refused(
        &entry(
            &app,
            &macleod,
            &rec,
            review(authorised + Duration::hours(5), true),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "postponement_not_needed",
    );
    // A review before detention was authorised.
    assert_refused(
        &entry(
            &app,
            &macleod,
            &rec,
            review(authorised - Duration::minutes(5), false),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "before_authorised",
    );
    let rec = entry_ok(
        &app,
        &macleod,
        &rec,
        review(authorised + Duration::hours(5), false),
    )
    .await;
    assert_eq!(
        time(&rec["clocks"]["next_review_due"]),
        authorised + Duration::hours(14)
    );
    // A review earlier than the one before it.
    assert_refused(
        &entry(
            &app,
            &macleod,
            &rec,
            review(authorised + Duration::hours(4), false),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "before_previous",
    );

    // Extensions: only a superintendent (s.42(1)); not before the second review (s.42(4)(b)).
    let ext = |until_h: i64| json!({"kind": "extension", "until": ts(time(&rec["relevant_time"]) + Duration::hours(until_h)), "grounds": "Evidence being secured by questioning; investigation conducted diligently"});
    assert_refused(
        &entry(&app, &raman, &rec, ext(36)).await,
        StatusCode::FORBIDDEN,
        "s.42(1)",
    );
    assert_refused(
        &entry(&app, &adeyemi, &rec, ext(36)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "reviews_not_done",
    );
    let rec = entry_ok(
        &app,
        &adeyemi,
        &rec,
        review(authorised + Duration::hours(13), false),
    )
    .await;
    // Beyond 36 hours.
    assert_refused(
        &entry(&app, &adeyemi, &rec, ext(40)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "beyond_superintendent_maximum",
    );
    let r = entry(&app, &adeyemi, &rec, ext(40)).await;
    assert!(
        r.problem().detail.unwrap().contains("PACE s.42(1)"),
        "the section is named: {}",
        r.text
    );
    let rec = entry_ok(&app, &adeyemi, &rec, ext(36)).await;
    assert_eq!(rec["clocks"]["limit_basis"], "superintendent");
    assert_eq!(
        time(&rec["clocks"]["limit"]),
        time(&rec["relevant_time"]) + Duration::hours(36)
    );
    assert_refused(
        &entry(&app, &adeyemi, &rec, ext(36)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "already_extended",
    );
    // Warrants: recorded by the custody officer; at most 36 hours from issue, never beyond 96.
    let rel = time(&rec["relevant_time"]);
    let warrant = |until: DateTime<Utc>| json!({"kind": "warrant", "at": ago(1), "until": ts(until), "court": "Northby Magistrates' Court"});
    assert_refused(
        &entry(&app, &raman, &rec, warrant(Utc::now() + Duration::hours(40))).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "warrant_too_long",
    );
    assert_eq!(
        entry(&app, &doyle, &rec, warrant(Utc::now() + Duration::hours(30)))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let rec = entry_ok(&app, &raman, &rec, warrant(Utc::now() + Duration::hours(30))).await;
    assert_eq!(rec["clocks"]["limit_basis"], "warrant");
    let extended = Utc::now() + Duration::hours(31);
    let rec = entry_ok(&app, &raman, &rec, warrant(extended)).await;
    assert_eq!(
        time(&rec["clocks"]["limit"]),
        time(&json!(ts(extended))),
        "the warrant's extension sets the limit"
    );
    let far = json!({"kind": "warrant", "at": ago(0), "until": ts(rel + Duration::hours(97)), "court": "Northby Magistrates' Court"});
    assert_refused(
        &entry(&app, &raman, &rec, far).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "beyond_maximum",
    );

    // Rights: a delay needs a superintendent's authority (s.56(2), s.58(6)) and a reason.
    let inspector_id = user_id(&app, "ns.macleod").await;
    let superintendent_id = user_id(&app, "ns.adeyemi").await;
    let delay = |by: &str| {
        json!({"kind": "rights", "right": "someone_informed", "status": "delayed", "authorised_by": by,
                                  "reason": "Informing the named person would alert an outstanding suspect"})
    };
    assert_refused(
        &entry(&app, &doyle, &rec, delay(&inspector_id)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "pace_s56_s58_superintendent",
    );
    let r = entry(
        &app,
        &doyle,
        &rec,
        json!({"kind": "rights", "right": "legal_advice", "status": "delayed"}),
    )
    .await;
    assert_eq!(r.paths(), ["authorised_by:required", "reason:required"]);
    let rec = entry_ok(&app, &doyle, &rec, delay(&superintendent_id)).await;
    assert_eq!(rec["rights"][0]["status"], "delayed");

    // After charge the custody officer reviews (s.40(1)(a)); an inspector no longer may.
    let rec = entry_ok(
        &app,
        &raman,
        &rec,
        json!({"kind": "charge", "offences": ["robbery"]}),
    )
    .await;
    assert!(rec["charged_at"].is_string());
    assert_eq!(rec["clocks"]["limit_applies"], false);
    assert_refused(
        &entry(
            &app,
            &raman,
            &rec,
            json!({"kind": "charge", "offences": ["robbery"]}),
        )
        .await,
        StatusCode::CONFLICT,
        "already been charged",
    );
    // (Two seconds on: times are sent in whole seconds, the charge was stored to the microsecond.)
    assert_refused(
        &entry(
            &app,
            &macleod,
            &rec,
            review(Utc::now() + Duration::seconds(2), false),
        )
        .await,
        StatusCode::FORBIDDEN,
        "s.40(1)(a)",
    );
    let rec = entry_ok(
        &app,
        &raman,
        &rec,
        review(Utc::now() + Duration::seconds(2), false),
    )
    .await;
    // A charged detainee leaves charged: not with no further action.
    assert_refused(
        &entry(
            &app,
            &raman,
            &rec,
            json!({"kind": "disposal", "outcome": "no_further_action"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "charged",
    );
    let r = entry(
        &app,
        &raman,
        &rec,
        json!({"kind": "disposal", "outcome": "charged_bailed"}),
    )
    .await;
    assert_eq!(r.paths(), ["bail_date:required"]);
    let rec = entry_ok(&app, &raman, &rec, json!({"kind": "disposal", "outcome": "charged_remanded", "notes": "Remanded to Northby Magistrates' Court"})).await;
    assert_eq!(rec["state"], "closed");

    // A summary-only offence: no extension, no delay of rights (s.42(1)(b), s.56(2)).
    let pid2 = person(&app, &okafor, "Rourke").await;
    let rec2 = booked(&app, &raman, &booking(&pid2, &central, "common_assault", 14 * 60)).await;
    assert_eq!(rec2["indictable"], false);
    let a2 = time(&rec2["decision"]["at"]);
    let rec2 = entry_ok(&app, &macleod, &rec2, review(a2 + Duration::hours(5), false)).await;
    let rec2 = entry_ok(&app, &macleod, &rec2, review(a2 + Duration::hours(13), false)).await;
    let ext2 = json!({"kind": "extension", "until": ts(time(&rec2["relevant_time"]) + Duration::hours(30)), "grounds": "More questioning"});
    assert_refused(
        &entry(&app, &adeyemi, &rec2, ext2).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_indictable",
    );
    assert_refused(
        &entry(&app, &doyle, &rec2, delay(&superintendent_id)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "pace_s56_s58_indictable",
    );

    // Extension too late: first asked for more than 24 hours after the relevant time.
    let pid3 = person(&app, &okafor, "Tull").await;
    let rec3 = booked(&app, &raman, &booking(&pid3, &central, "robbery", 25 * 60)).await;
    let a3 = time(&rec3["decision"]["at"]);
    let rec3 = entry_ok(&app, &macleod, &rec3, review(a3 + Duration::hours(5), false)).await;
    let rec3 = entry_ok(&app, &macleod, &rec3, review(a3 + Duration::hours(13), false)).await;
    let late = json!({"kind": "extension", "until": ts(time(&rec3["relevant_time"]) + Duration::hours(36)), "grounds": "More questioning"});
    assert_refused(
        &entry(&app, &adeyemi, &rec3, late).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "extension_too_late",
    );
    assert_eq!(
        rec3["clocks"]["limit_exceeded"], true,
        "24 hours have passed without charge"
    );

    // A reviewer involved in the investigation (the officer in charge of the crime) may not review.
    let crime: Value = app
        .post("/api/v1/crimes", Some(&okafor), &json!({"crime": {}}))
        .await
        .json();
    let crime_id = crime["id"].as_str().unwrap();
    app.execute(&format!(
        "UPDATE crimes SET officer_in_charge = '{inspector_id}' WHERE id = '{crime_id}'"
    ))
    .unwrap();
    let pid4 = person(&app, &okafor, "Pryce").await;
    let mut b4 = booking(&pid4, &central, "robbery", 120);
    b4["crime_id"] = json!(crime_id);
    let rec4 = booked(&app, &raman, &b4).await;
    assert_eq!(rec4["crime"]["record"]["id"], crime_id);
    assert_refused(
        &entry(
            &app,
            &macleod,
            &rec4,
            review(Utc::now() - Duration::minutes(1), false),
        )
        .await,
        StatusCode::FORBIDDEN,
        "directly involved",
    );
    entry_ok(
        &app,
        &adeyemi,
        &rec4,
        review(Utc::now() - Duration::minutes(1), false),
    )
    .await;
}

async fn entries_are_idempotent_and_optionally_checked_against_the_version(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let raman = app.token("ns.raman").await;
    let doyle = app.token("ns.doyle").await;
    let central = suite(&app, &raman, "NS-CEN").await;
    let pid = person(&app, &raman, "Hale").await;
    let rec = booked(&app, &raman, &booking(&pid, &central, "theft_shop", 45)).await;
    let path = format!("/api/v1/custody-records/{}/entries", rec["id"].as_str().unwrap());
    let visit = json!({"kind": "visit", "check": "verbal", "response": "Awake, answered"});
    let key = uuid::Uuid::new_v4().to_string();
    let a = app.post_with_key(&path, &doyle, &key, &visit).await;
    let b = app.post_with_key(&path, &doyle, &key, &visit).await;
    assert_eq!(
        (a.status, b.status),
        (StatusCode::OK, StatusCode::OK),
        "{}",
        b.text
    );
    assert_eq!(b.header("Idempotent-Replayed").as_deref(), Some("true"));
    let now: Value = app
        .get(
            &format!("/api/v1/custody-records/{}", rec["id"].as_str().unwrap()),
            Some(&doyle),
        )
        .await
        .json();
    let visits = now["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entry"]["kind"] == "visit")
        .count();
    assert_eq!(visits, 1, "a retried visit is recorded once");
    // With If-Match, a stale version is refused; without it, entries simply append.
    let stale = app
        .send(
            Method::POST,
            &path,
            Some(&doyle),
            &[("If-Match", &format!("\"{}\"", rec["meta"]["version"]))],
            Some(&visit),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED, "{}", stale.text);
    let fresh = app
        .send(
            Method::POST,
            &path,
            Some(&doyle),
            &[("If-Match", &format!("\"{}\"", now["meta"]["version"]))],
            Some(&visit),
        )
        .await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.text);
    // A time in the future is refused; a visit before the detainee arrived too.
    let r = app.post(&path, Some(&doyle), &json!({"kind": "visit", "check": "verbal", "response": "x", "at": ts(Utc::now() + Duration::hours(1))})).await;
    assert_eq!(r.paths(), ["at:future"]);
    let r = app
        .post(
            &path,
            Some(&doyle),
            &json!({"kind": "visit", "check": "verbal", "response": "x", "at": ago(600)}),
        )
        .await;
    assert_eq!(r.paths(), ["at:before_relevant_time"]);
}

bluelamp_tests::both_backends!(
    booking_in_care_and_the_board,
    one_open_record_per_person_held_by_the_database,
    every_pace_refusal_names_its_rule,
    entries_are_idempotent_and_optionally_checked_against_the_version,
);

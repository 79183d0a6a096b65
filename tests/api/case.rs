//! Case: a file built from what the investigation and custody recorded, checked against what its
//! type needs (the server refuses with the same list the file shows), certified, submitted to the
//! CPS, read and decided by the CPS partner account, and the crime's outcome following the charge.

use bluelamp_tests::{Backend, Reply, TestApp};
use chrono::{Duration, SecondsFormat, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn ago(minutes: i64) -> String {
    (Utc::now() - Duration::minutes(minutes)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn paths(r: &Reply) -> Vec<String> {
    r.problem().errors.into_iter().map(|e| e.path).collect()
}

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id: {v}"))
        .to_owned()
}

fn codes(file: &Value) -> Vec<String> {
    file["readiness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap().to_owned())
        .collect()
}

async fn ok(r: Reply, status: StatusCode) -> Value {
    assert_eq!(r.status, status, "{}", r.text);
    r.json()
}

/// A shoplifting recorded through the retail-theft path (suspect, store, witness, CCTV exhibit), the
/// suspect booked in for it; answers (crime, custody record).
async fn shoplifting(app: &TestApp) -> (Value, Value) {
    let okafor = app.token("ns.okafor").await;
    let body = json!({
        "new_store": {"name": "Northby Superstore", "kind": "business"},
        "new_store_address": {"kind": "address", "premises": "Unit 4", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"},
        "offence_from": ago(600),
        "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
        "suspect": {"new_person": {"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"]}},
        "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}],
        "witness": {"new_person": {"names": [{"forename": "Priya", "surname": "Shah"}]}},
        "cctv": {"reference": "PS/1", "description": "CCTV footage 14:00-14:10 on USB stick", "storage": "Northby property store, bag A123"}
    });
    let crime = ok(
        app.post_with_key("/api/v1/retail-thefts", &okafor, &key(), &body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    let suspect = party(&crime, "suspect");
    let raman = app.token("ns.raman").await;
    let refdata: Value = app.get("/api/v1/reference-data", Some(&raman)).await.json();
    let suite = refdata["custody_suites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["force_code"] == "NS")
        .expect("an NS custody suite")
        .clone();
    let booking = json!({
        "person_id": suspect,
        "crime_id": crime["id"],
        "suite_id": suite["id"],
        "cell": "C3",
        "arrest": {"at": ago(300), "place": "Northby Superstore", "officer": "PC 4521 Okafor",
                   "offences": ["theft_shop"], "grounds": "Seen on CCTV leaving with whisky unpaid",
                   "necessity": "To allow the prompt and effective investigation (Code G 2.9(e))"},
        "asn": "26/01NS/01/000123A",
        "arrived_at": ago(280),
        "decision": "authorised",
        "decided_at": ago(275),
        "decision_reason": "To obtain evidence by questioning",
        "self_defined_ethnicity": "W1",
        "officer_defined_ethnicity": "W",
        "nationality": "British"
    });
    let rec = ok(
        app.send(
            Method::POST,
            "/api/v1/custody-records",
            Some(&raman),
            &[("Idempotency-Key", &key())],
            Some(&booking),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    (crime, rec)
}

fn party(crime: &Value, role: &str) -> String {
    crime["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == role)
        .unwrap_or_else(|| panic!("no {role}"))["record"]["record"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn custody_entry(app: &TestApp, rec: &Value, body: Value) -> Value {
    let raman = app.token("ns.raman").await;
    ok(
        app.post(
            &format!("/api/v1/custody-records/{}/entries", id(rec)),
            Some(&raman),
            &body,
        )
        .await,
        StatusCode::OK,
    )
    .await
}

/// Charged with shoplifting and bailed to court.
async fn charge_and_bail(app: &TestApp, rec: &Value) {
    custody_entry(
        app,
        rec,
        json!({"kind": "charge", "at": ago(120), "offences": ["theft_shop"]}),
    )
    .await;
    let bail = (Utc::now() + Duration::days(14)).date_naive().to_string();
    custody_entry(
        app,
        rec,
        json!({"kind": "disposal", "outcome": "charged_bailed", "at": ago(100), "bail_date": bail, "notes": "Northby Magistrates' Court"}),
    )
    .await;
}

async fn new_file(app: &TestApp, token: &str, crime: &Value, file_type: &str) -> Value {
    ok(
        app.post_with_key(
            "/api/v1/case-files",
            token,
            &key(),
            &json!({"crime_id": crime["id"], "file_type": file_type}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

async fn write(app: &TestApp, token: &str, file: &Value, doc: Value) -> Value {
    ok(
        app.post(
            &format!("/api/v1/case-files/{}/documents", id(file)),
            Some(token),
            &doc,
        )
        .await,
        StatusCode::OK,
    )
    .await
}

async fn take_statement(app: &TestApp, token: &str, crime: &Value, body: Value) -> Reply {
    app.post_with_key(
        &format!("/api/v1/crimes/{}/statements", id(crime)),
        token,
        &key(),
        &body,
    )
    .await
}

const TEXT: &str = "I saw the man put two bottles of whisky in his bag and walk out past the tills.";

async fn the_shoplifting_goes_from_charge_to_an_accepted_gap_file_and_the_crime_is_charged(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (crime, rec) = shoplifting(&app).await;
    charge_and_bail(&app, &rec).await;
    let (okafor, whitfield, llewellyn, pike, harding, admin) = (
        app.token("ns.okafor").await,
        app.token("ns.whitfield").await,
        app.token("ns.llewellyn").await,
        app.token("ns.pike").await,
        app.token("cps.harding").await,
        app.token("ns.ashworth").await,
    );

    // The GAP file: the charge, the defendant, the OIC come from the records; only what is not yet
    // recorded is listed, and nothing an anticipated guilty plea does not need.
    let file = new_file(&app, &whitfield, &crime, "gap").await;
    assert!(file["urn"].as_str().unwrap().starts_with("NS"), "{}", file["urn"]);
    assert_eq!(file["state"], "building");
    assert_eq!(
        file["required_documents"],
        json!(["mg1", "mg4", "mg5", "mg6c", "mg11"])
    );
    assert_eq!(codes(&file), ["mg5.summary", "mg6c.complete", "mg11.statements"]);
    assert_eq!(file["content"]["charging_route"]["route"], "police_may_charge");
    let d = &file["content"]["defendants"][0];
    assert!(
        d["name"].as_str().unwrap().to_lowercase().contains("marsh"),
        "{d}"
    );
    assert_eq!(d["charges"][0]["offence"], "theft_shop");
    assert_eq!(d["charges"][0]["wording"], "Theft from a shop or stall");
    assert_eq!(d["asn"], "26/01NS/01/000123A");
    assert!(d["bail_date"].is_string());
    assert_eq!(file["content"]["exhibits"][0]["reference"], "PS/1");

    // The server refuses an incomplete submission with the list the file shows.
    let fid = id(&file);
    let submit = format!("/api/v1/case-files/{fid}/submissions");
    let r = app.post_with_key(&submit, &pike, &key(), &json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(paths(&r), codes(&file));
    let messages: Vec<String> = r.problem().errors.into_iter().map(|e| e.message).collect();
    let shown: Vec<String> = file["readiness"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(messages, shown);

    // The store detective's statement, taken by the officer who attended.
    let witness = party(&crime, "witness");
    let r = take_statement(&app, &okafor, &crime, json!({})).await;
    assert_eq!(paths(&r), ["declaration", "text", "witness_person_id"]);
    let st = ok(
        take_statement(&app, &okafor, &crime, json!({"witness_person_id": witness, "occupation": "Store detective", "text": TEXT, "declaration": true})).await,
        StatusCode::CREATED,
    )
    .await;
    assert!(
        st["witness_name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("shah"),
        "{st}"
    );
    // Someone not on the crime cannot be made its witness.
    let r = take_statement(
        &app,
        &okafor,
        &crime,
        json!({"witness_person_id": party(&crime, "suspect"), "text": TEXT, "declaration": true}),
    )
    .await;
    assert_eq!(paths(&r), ["witness_person_id"]);

    // MG5 written, certified by the supervisor; the schedule certified complete.
    let f = write(&app, &whitfield, &file, json!({"kind": "mg5", "summary": "Dean Marsh took two bottles of whisky from Northby Superstore and left without paying; seen on CCTV and by the store detective; admitted in interview."})).await;
    assert_eq!(codes(&f), ["mg5.certified", "mg6c.complete"]);
    let r = app
        .post(
            &format!("/api/v1/case-files/{fid}/certifications"),
            Some(&whitfield),
            &json!({"kind": "mg5", "version": 1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only a supervisor certifies");
    let f = ok(
        app.post(
            &format!("/api/v1/case-files/{fid}/certifications"),
            Some(&llewellyn),
            &json!({"kind": "mg5", "version": 1}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(codes(&f), ["mg6c.complete"]);
    let f = write(&app, &pike, &file, json!({"kind": "mg6c", "complete": true})).await;
    assert_eq!(codes(&f), Vec::<String>::new());

    // Submitted; a retry with the same key is answered with the first result, a second send is refused.
    let k = key();
    let sent = ok(
        app.post_with_key(&submit, &pike, &k, &json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(sent["state"], "submitted");
    let again = app.post_with_key(&submit, &pike, &k, &json!({})).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("Idempotent-Replayed").as_deref(), Some("true"));
    assert_eq!(again.json::<Value>()["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.post_with_key(&submit, &pike, &key(), &json!({})).await.status,
        StatusCode::CONFLICT
    );
    let r = app
        .post(
            &format!("/api/v1/case-files/{fid}/documents"),
            Some(&whitfield),
            &json!({"kind": "mg5", "summary": TEXT}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "nothing changes while it is with the CPS"
    );

    // The CPS reads it through its partner account; officers cannot use the partner interface, nor
    // the prosecutor the force's.
    assert_eq!(
        app.get("/api/v1/cps/case-files", Some(&okafor)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&format!("/api/v1/case-files/{fid}"), Some(&harding))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let queue: Vec<Value> = app.get("/api/v1/cps/case-files", Some(&harding)).await.items();
    assert!(queue.iter().any(|f| f["id"] == fid.as_str()), "{queue:?}");
    let cps: Value = ok(
        app.get(&format!("/api/v1/cps/case-files/{fid}"), Some(&harding))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cps["submission"], 1);
    assert_eq!(cps["file"]["file_type"], "gap");
    assert_eq!(cps["file"]["statements"][0]["text"], TEXT);
    let pdf = app
        .get(
            &format!("/api/v1/cps/case-files/{fid}/bundle.pdf"),
            Some(&harding),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type").as_deref(), Some("application/pdf"));
    assert!(pdf.text.starts_with("%PDF"), "a PDF");

    // Accepting a file whose defendant is charged finalises the crime: outcome 1.
    let r = app
        .post_with_key(
            &format!("/api/v1/cps/case-files/{fid}/decisions"),
            &harding,
            &key(),
            &json!({}),
        )
        .await;
    assert_eq!(paths(&r), ["decision"]);
    let decided = ok(
        app.post_with_key(
            &format!("/api/v1/cps/case-files/{fid}/decisions"),
            &harding,
            &key(),
            &json!({"decision": "accept", "comments": "Listed for first hearing"}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(decided["state"], "accepted");
    assert_eq!(decided["decisions"][0]["decision"], "accept");
    let r = app
        .post_with_key(
            &format!("/api/v1/cps/case-files/{fid}/decisions"),
            &harding,
            &key(),
            &json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "one decision per submission");
    let c: Value = app
        .get(&format!("/api/v1/crimes/{}", id(&crime)), Some(&whitfield))
        .await
        .json();
    assert_eq!(c["state"], "finalised");
    assert_eq!(c["outcome"], "1");
    assert_eq!(c["case_files"][0]["state"], "accepted");
    assert_eq!(c["statements"].as_array().unwrap().len(), 1);

    // Every send, read and decision is audited.
    let audit: Value = app
        .get(
            &format!("/api/v1/audit-events?record_id={fid}&limit=100"),
            Some(&admin),
        )
        .await
        .json();
    let details: Vec<String> = audit["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{audit}"))
        .iter()
        .map(|e| e["detail"].as_str().unwrap_or_default().to_owned())
        .collect();
    for want in [
        "submitted to the CPS",
        "CPS read of",
        "CPS PDF bundle",
        "CPS decision",
    ] {
        assert!(details.iter().any(|d| d.contains(want)), "{want}: {details:?}");
    }
}

async fn a_certified_summary_is_locked_and_a_change_needs_certifying_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (crime, rec) = shoplifting(&app).await;
    charge_and_bail(&app, &rec).await;
    let (whitfield, llewellyn) = (app.token("ns.whitfield").await, app.token("ns.llewellyn").await);
    let file = new_file(&app, &whitfield, &crime, "gap").await;
    let fid = id(&file);
    write(&app, &whitfield, &file, json!({"kind": "mg5", "summary": TEXT})).await;
    let certify = format!("/api/v1/case-files/{fid}/certifications");
    ok(
        app.post(&certify, Some(&llewellyn), &json!({"kind": "mg5", "version": 1}))
            .await,
        StatusCode::OK,
    )
    .await;
    let r = app
        .post(&certify, Some(&llewellyn), &json!({"kind": "mg5", "version": 1}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "already certified");
    let r = app
        .post(&certify, Some(&llewellyn), &json!({"kind": "mg6c", "version": 1}))
        .await;
    assert_eq!(paths(&r), ["kind"]);

    // A later change is a new version; the certified one stays as it was.
    let f = write(
        &app,
        &whitfield,
        &file,
        json!({"kind": "mg5", "summary": format!("{TEXT} He admitted it in interview.")}),
    )
    .await;
    assert!(codes(&f).contains(&"mg5.certified".to_owned()), "{:?}", codes(&f));
    let history: Vec<(i64, bool)> = f["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["content"]["kind"] == "mg5")
        .map(|v| (v["version"].as_i64().unwrap(), v["certified_by"].is_object()))
        .collect();
    assert_eq!(history, [(2, false), (1, true)]);
    assert_eq!(f["history"][1]["content"]["summary"], TEXT);
    let r = app
        .post(&certify, Some(&llewellyn), &json!({"kind": "mg5", "version": 1}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "version 2 must be read first");
    let f = ok(
        app.post(&certify, Some(&llewellyn), &json!({"kind": "mg5", "version": 2}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!codes(&f).iter().any(|c| c.starts_with("mg5")), "{:?}", codes(&f));

    // Optimistic concurrency on the file: a stale If-Match is refused, nothing written.
    let r = app
        .send(
            Method::PATCH,
            &format!("/api/v1/case-files/{fid}"),
            Some(&whitfield),
            &[("If-Match", "\"1\"")],
            Some(&json!({"file_type": "ngap"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED, "{}", r.text);
    let f: Value = app
        .get(&format!("/api/v1/case-files/{fid}"), Some(&whitfield))
        .await
        .json();
    assert_eq!(f["content"]["file_type"], "gap");
    // Another force does not see the file.
    let carter = app.token("wv.carter").await;
    assert_eq!(
        app.get(&format!("/api/v1/case-files/{fid}"), Some(&carter))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn domestic_abuse_goes_to_the_cps_which_returns_with_an_action_plan_then_charges(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (crime, _rec) = shoplifting(&app).await;
    let cid = id(&crime);
    app.execute(&format!(
        "UPDATE crimes SET domestic_abuse = TRUE WHERE id = '{cid}'"
    ))
    .unwrap();
    let (okafor, whitfield, pike, harding) = (
        app.token("ns.okafor").await,
        app.token("ns.whitfield").await,
        app.token("ns.pike").await,
        app.token("cps.harding").await,
    );
    // A post-charge file cannot be sent: the CPS must decide, and the reason is given.
    let gap = new_file(&app, &whitfield, &crime, "gap").await;
    assert_eq!(gap["content"]["charging_route"]["route"], "cps_decides");
    assert!(gap["content"]["charging_route"]["reason"]
        .as_str()
        .unwrap()
        .contains("Domestic abuse"));
    assert!(
        codes(&gap).contains(&"charging_decision".to_owned()),
        "{:?}",
        codes(&gap)
    );

    // The pre-charge file: MG3 proposes the arrest offence; no MG1/MG4 is asked for.
    let pre = new_file(&app, &whitfield, &crime, "pre_charge").await;
    assert_eq!(
        codes(&pre),
        [
            "mg3.grounds",
            "mg3.advice_sought",
            "mg5.summary",
            "mg6.information",
            "mg11.statements",
            "mg15.account"
        ]
    );
    assert_eq!(
        pre["content"]["defendants"][0]["arrest_offences"][0]["offence"],
        "theft_shop"
    );
    write(&app, &whitfield, &pre, json!({"kind": "mg3", "grounds": TEXT, "advice_sought": "Whether to charge theft, given the relationship between suspect and store manager."})).await;
    write(&app, &whitfield, &pre, json!({"kind": "mg5", "summary": TEXT})).await;
    write(&app, &whitfield, &pre, json!({"kind": "mg6", "information": "The store manager is the suspect's former partner.", "victim_wishes": "Supports a prosecution"})).await;
    write(
        &app,
        &whitfield,
        &pre,
        json!({"kind": "mg15", "account": "No comment to all questions; prepared statement denying intent."}),
    )
    .await;
    take_statement(
        &app,
        &okafor,
        &crime,
        json!({"myself": true, "text": TEXT, "declaration": true}),
    )
    .await;
    let f: Value = app
        .get(&format!("/api/v1/case-files/{}", id(&pre)), Some(&whitfield))
        .await
        .json();
    assert_eq!(codes(&f), ["mg5.certified"]);
    let llewellyn = app.token("ns.llewellyn").await;
    ok(
        app.post(
            &format!("/api/v1/case-files/{}/certifications", id(&pre)),
            Some(&llewellyn),
            &json!({"kind": "mg5", "version": 1}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let submit = format!("/api/v1/case-files/{}/submissions", id(&pre));
    ok(
        app.post_with_key(&submit, &pike, &key(), &json!({})).await,
        StatusCode::CREATED,
    )
    .await;

    // Returned with an action plan: each action is a task for the officer in charge with its date.
    let decide = format!("/api/v1/cps/case-files/{}/decisions", id(&pre));
    let due = (Utc::now() + Duration::days(7)).date_naive().to_string();
    let r = app
        .post_with_key(
            &decide,
            &harding,
            &key(),
            &json!({"decision": "return", "actions": [{"action": "Obtain the till receipts"}]}),
        )
        .await;
    assert_eq!(paths(&r), ["actions.0.due_on"]);
    let back = ok(
        app.post_with_key(&decide, &harding, &key(), &json!({"decision": "return", "actions": [{"action": "Obtain the till receipts", "due_on": due}, {"action": "Statement from the store manager", "due_on": due}]})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(back["state"], "returned");
    let c: Value = app
        .get(&format!("/api/v1/crimes/{cid}"), Some(&okafor))
        .await
        .json();
    let tasks: Vec<(String, String)> = c["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "cps_action")
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_owned(),
                t["assignee"]["display_name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    assert!(
        tasks.iter().all(|(_, who)| who == "Chidi Okafor"),
        "the OIC: {tasks:?}"
    );
    let f: Value = app
        .get(&format!("/api/v1/case-files/{}", id(&pre)), Some(&whitfield))
        .await
        .json();
    assert_eq!(
        f["decisions"][0]["actions"][0]["action"],
        "Obtain the till receipts"
    );

    // Resubmitted; the CPS charges: the crime is finalised charged, and the post-charge file no longer
    // waits for a decision.
    ok(
        app.post_with_key(&submit, &pike, &key(), &json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let charged = ok(
        app.post_with_key(
            &decide,
            &harding,
            &key(),
            &json!({"decision": "charge", "offences": ["theft_shop"]}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(charged["state"], "charged");
    assert_eq!(
        charged["decisions"][1]["charges"][0]["wording"],
        "Theft from a shop or stall"
    );
    let c: Value = app
        .get(&format!("/api/v1/crimes/{cid}"), Some(&okafor))
        .await
        .json();
    assert_eq!(
        (c["state"].as_str(), c["outcome"].as_str()),
        (Some("finalised"), Some("1"))
    );
    let gap: Value = app
        .get(&format!("/api/v1/case-files/{}", id(&gap)), Some(&whitfield))
        .await
        .json();
    assert!(
        !codes(&gap).contains(&"charging_decision".to_owned()),
        "{:?}",
        codes(&gap)
    );
    assert_eq!(
        gap["content"]["defendants"][0]["charges"][0]["offence"],
        "theft_shop"
    );
}

async fn statements_and_unused_material_are_kept_on_the_crime(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (crime, _) = shoplifting(&app).await;
    let cid = id(&crime);
    // An officer of another force adds themselves as a witness where sharing allows.
    let begum = app.token("wv.begum").await;
    let st = ok(
        take_statement(&app, &begum, &crime, json!({"myself": true, "text": "I stopped the man outside the store at 14:15 and he had the whisky with him.", "declaration": true})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(st["force"], "WV");
    assert_eq!(st["officer_witness"], true);
    assert_eq!(st["occupation"], "Police officer");
    assert!(
        st["witness_name"].as_str().unwrap().contains("Aisha Begum"),
        "{st}"
    );
    // A victim personal statement is the victim's.
    let r = take_statement(
        &app,
        &begum,
        &crime,
        json!({"myself": true, "personal_statement": true, "text": TEXT, "declaration": true}),
    )
    .await;
    assert_eq!(paths(&r), ["personal_statement"]);

    // The unused-material register: the investigating force keeps it.
    let whitfield = app.token("ns.whitfield").await;
    let url = format!("/api/v1/crimes/{cid}/unused-material");
    let r = app
        .post_with_key(
            &url,
            &whitfield,
            &key(),
            &json!({"description": "Informant log entry", "location": "Source unit", "sensitive": true}),
        )
        .await;
    assert_eq!(paths(&r), ["sensitivity_reason"]);
    ok(app.post_with_key(&url, &whitfield, &key(), &json!({"description": "CCTV from the car park, nothing relevant", "location": "Property store A124"})).await, StatusCode::CREATED).await;
    let item = ok(
        app.post_with_key(&url, &whitfield, &key(), &json!({"description": "Informant log entry", "location": "Source unit", "sensitive": true, "sensitivity_reason": "Would reveal a covert human intelligence source"})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(item["number"], 2);
    let carter = app.token("wv.carter").await;
    assert_eq!(
        app.post_with_key(
            &url,
            &carter,
            &key(),
            &json!({"description": "x", "location": "y"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let c: Value = app
        .get(&format!("/api/v1/crimes/{cid}"), Some(&whitfield))
        .await
        .json();
    assert_eq!(c["unused_material"].as_array().unwrap().len(), 2);
    assert_eq!(c["statements"][0]["force"], "WV");
    // The NGAP file shows both schedules and asks the disclosure officer to certify each.
    let file = new_file(&app, &whitfield, &crime, "ngap").await;
    assert_eq!(file["content"]["unused_material"][1]["sensitive"], true);
    let c = codes(&file);
    assert!(
        c.contains(&"mg6c.complete".to_owned()) && c.contains(&"mg6d.complete".to_owned()),
        "{c:?}"
    );
    assert!(
        !c.contains(&"mg11.statements".to_owned()),
        "the officer's statement counts: {c:?}"
    );
    // A file on another force's crime is that force's to build.
    let r = app
        .post_with_key(
            "/api/v1/case-files",
            &carter,
            &key(),
            &json!({"crime_id": cid, "file_type": "gap"}),
        )
        .await;
    assert_eq!(paths(&r), ["crime_id"]);
    let pdf = app
        .get(
            &format!("/api/v1/case-files/{}/bundle.pdf", id(&file)),
            Some(&whitfield),
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.text.starts_with("%PDF"));
}

bluelamp_tests::both_backends!(
    the_shoplifting_goes_from_charge_to_an_accepted_gap_file_and_the_crime_is_charged,
    a_certified_summary_is_locked_and_a_change_needs_certifying_again,
    domestic_abuse_goes_to_the_cps_which_returns_with_an_action_plan_then_charges,
    statements_and_unused_material_are_kept_on_the_crime,
);

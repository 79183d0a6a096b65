//! Intelligence: submission to dissemination, grading rules, need-to-know restriction (no rows, no
//! counts, not through search or linked pages), cross-force visibility by the sharing agreement,
//! the protected source register, audit with purpose on every read, legacy 5x5x5 imports.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PURPOSE: (&str, &str) = ("X-Access-Purpose", "Briefing for the Northby burglary operation");

async fn read(app: &TestApp, token: &str, path: &str) -> Reply {
    app.send::<()>(Method::GET, path, Some(token), &[PURPOSE], None)
        .await
}

async fn report(app: &TestApp, token: &str, id: &str) -> Value {
    let r = read(app, token, &format!("/api/v1/intelligence-reports/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

async fn act(app: &TestApp, token: &str, id: &str, body: Value) -> Reply {
    let version = report(app, token, id).await["meta"]["version"].as_i64().unwrap();
    let etag = format!("\"{version}\"");
    app.send(
        Method::POST,
        &format!("/api/v1/intelligence-reports/{id}/transitions"),
        Some(token),
        &[("If-Match", etag.as_str())],
        Some(&body),
    )
    .await
}

fn grading(handling: &str, conditions: Option<&str>) -> Value {
    json!({"source_evaluation": "2", "assessment": "B", "handling": handling, "handling_conditions": conditions,
           "priority": "medium", "review_date": "2027-02-23"})
}

/// Submits a report about a new person and answers (report, person id).
async fn submit(app: &TestApp, token: &str, surname: &str) -> (Value, String) {
    let r = app
        .send(
            Method::POST,
            "/api/v1/intelligence-reports",
            Some(token),
            &[("Idempotency-Key", &uuid::Uuid::new_v4().to_string())],
            Some(&json!({
                "text": format!("Neighbour says {surname} stores stolen bikes in the lock-up behind 4 Canal Row; seen at night with bolt cutters"),
                "subjects": [{"new_person": {"names": [{"forename": "Lee", "surname": surname}], "dates_of_birth": ["1988-02-02"]}}],
                "obtained_at": "2026-11-22T19:30:00Z",
                "obtained_where": "Door-to-door enquiries on Canal Row",
                "source": {"new_source": {"kind": "member_of_public", "name": "Mrs J. Patel, 6 Canal Row", "details": "Prefers contact after 6pm"}},
                "priority": "medium"
            })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let rep: Value = r.json();
    let person = rep["subjects"][0]["record"]["id"].as_str().unwrap().to_owned();
    (rep, person)
}

async fn from_submission_to_dissemination_across_forces(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let nowak = app.token("ns.nowak").await;
    let whitfield = app.token("ns.whitfield").await;
    let begum = app.token("wv.begum").await;
    let admin = app.token("ns.ashworth").await;

    let bad = app
        .post(
            "/api/v1/intelligence-reports",
            Some(&okafor),
            &json!({"source": {}}),
        )
        .await;
    assert_eq!(
        bad.paths(),
        [
            "text:required",
            "subjects:required",
            "obtained_at:required",
            "obtained_where:required",
            "source.reference:one_of",
            "priority:required"
        ]
    );
    let (rep, person) = submit(&app, &okafor, "Varley").await;
    let id = rep["id"].as_str().unwrap().to_owned();
    assert_eq!(rep["state"], "submitted");
    assert!(rep["reference"].as_str().unwrap().starts_with("NS-INT-2026-"));
    let source_ref = rep["source_reference"].as_str().unwrap().to_owned();
    assert!(source_ref.starts_with("NS-SRC-"));
    assert!(
        !rep.to_string().contains("Patel"),
        "the report never carries the source's identity"
    );

    // Before dissemination: the unit and the submitter only. Everyone else gets nothing at all.
    for t in [&whitfield, &begum] {
        let r = read(&app, t, &format!("/api/v1/intelligence-reports/{id}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let p: Value = app.get(&format!("/api/v1/people/{person}"), Some(t)).await.json();
        assert!(p["links"].as_array().unwrap().is_empty(), "{p}");
        let found: Vec<Value> = read(&app, t, &format!("/api/v1/intelligence?subject_id={person}"))
            .await
            .items();
        assert!(found.is_empty());
    }
    // A purpose is required for every read.
    let r = app
        .get(&format!("/api/v1/intelligence-reports/{id}"), Some(&okafor))
        .await;
    assert_eq!(r.paths(), ["X-Access-Purpose:required"]);

    // The unit's queue, the return with questions and the answer.
    let q: Vec<Value> = app
        .get("/api/v1/intelligence-reports/queue", Some(&nowak))
        .await
        .items();
    assert_eq!(q[0]["id"], json!(id));
    assert_eq!(
        app.get("/api/v1/intelligence-reports/queue", Some(&okafor))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = act(&app, &okafor, &id, json!({"action": "start_evaluation"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = act(&app, &nowak, &id, json!({"action": "disseminate"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        r.problem().code,
        bluelamp_shared::error::ErrorCode::InvalidTransition
    );
    act(&app, &nowak, &id, json!({"action": "start_evaluation"})).await;
    let r = act(
        &app,
        &nowak,
        &id,
        json!({"action": "return", "comments": "Which lock-up number? How often seen?"}),
    )
    .await;
    assert_eq!(r.json::<Value>()["state"], "returned");
    let work: Value = app.get("/api/v1/my-work", Some(&okafor)).await.json();
    assert!(work["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "returned_intelligence" && i["report_id"] == json!(id)));
    let r = act(&app, &nowak, &id, json!({"action": "resubmit", "comments": "x"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only the submitter answers");
    let r = act(
        &app,
        &okafor,
        &id,
        json!({"action": "resubmit", "comments": "Lock-up 3; seen three nights last week"}),
    )
    .await;
    assert_eq!(r.json::<Value>()["state"], "submitted");
    act(&app, &nowak, &id, json!({"action": "start_evaluation"})).await;

    // Grading rules are enforced: C needs conditions; P takes none.
    let r = act(
        &app,
        &nowak,
        &id,
        json!({"action": "disseminate", "grading": grading("C", None), "sanitised_text": "x"}),
    )
    .await;
    assert_eq!(r.paths(), ["grading.handling_conditions:required"]);
    let r = act(&app, &nowak, &id, json!({"action": "disseminate", "grading": grading("P", Some("Do not share")), "sanitised_text": "x"})).await;
    assert_eq!(r.paths(), ["grading.handling_conditions:not_allowed"]);
    let sanitised = "Lee VARLEY is believed to store stolen bicycles in a lock-up on Canal Row, Northby.";
    let conditions = "Not to be used as evidence; contact NS intelligence unit before any action";
    let r = act(
        &app,
        &nowak,
        &id,
        json!({"action": "disseminate", "grading": grading("C", Some(conditions)), "sanitised_text": sanitised}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json::<Value>()["grading_short"], "2B C");

    // Another force sees the sanitised text, grading and conditions; never the original or the source.
    let found: Vec<Value> = read(&app, &begum, &format!("/api/v1/intelligence?subject_id={person}"))
        .await
        .items();
    assert_eq!(found.len(), 1);
    let seen = &found[0];
    assert_eq!(seen["sanitised_text"], sanitised);
    assert_eq!(seen["grading"]["handling_conditions"], conditions);
    assert_eq!(seen["original_text"], Value::Null);
    assert_eq!(seen["obtained_where"], Value::Null);
    assert_eq!(seen["source_reference"], Value::Null);
    assert_eq!(seen["submitted_by"], Value::Null);
    let by_words: Vec<Value> = read(&app, &begum, "/api/v1/intelligence?q=bicycles")
        .await
        .items();
    assert_eq!(by_words.len(), 1);
    let p: Value = app
        .get(&format!("/api/v1/people/{person}"), Some(&begum))
        .await
        .json();
    let link = p["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "Subject of intelligence")
        .unwrap();
    assert!(
        link["other"]["details"].to_string().contains(conditions),
        "conditions shown wherever it is shown"
    );

    // Every view was audited with its purpose, including the other force's.
    let audit: Value = app
        .get(
            &format!("/api/v1/audit-events?record_id={id}&action=read"),
            Some(&admin),
        )
        .await
        .json();
    let reads = audit["items"].as_array().unwrap();
    assert!(
        reads
            .iter()
            .any(|e| e["actor_force"] == "WV" && e["purpose"] == PURPOSE.1),
        "{audit}"
    );
    assert!(reads.iter().all(|e| e["purpose"] == PURPOSE.1));

    // The source register is the unit's alone.
    assert_eq!(
        app.get("/api/v1/sources", Some(&okafor)).await.status,
        StatusCode::FORBIDDEN
    );
    let sources: Vec<Value> = app.get("/api/v1/sources", Some(&nowak)).await.items();
    assert_eq!(sources[0]["reference"], json!(source_ref));
    assert_eq!(sources[0]["name"], "Mrs J. Patel, 6 Canal Row");
    assert_eq!(sources[0]["reports"][0], rep["reference"]);

    // Without the sharing agreement the other force sees nothing.
    app.share_only("NS", "WV", &["index", "crimes"]).await;
    let found: Vec<Value> = read(&app, &begum, &format!("/api/v1/intelligence?subject_id={person}"))
        .await
        .items();
    assert!(found.is_empty());
    assert_eq!(
        read(&app, &begum, &format!("/api/v1/intelligence-reports/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// Submits, evaluates and disseminates a report with `handling`; answers (report id, person id).
async fn disseminated(app: &TestApp, surname: &str, handling: &str) -> (String, String) {
    let (rep, person) = submit(app, &app.token("ns.okafor").await, surname).await;
    let id = rep["id"].as_str().unwrap().to_owned();
    let nowak = app.token("ns.nowak").await;
    act(app, &nowak, &id, json!({"action": "start_evaluation"})).await;
    let conditions = (handling == "C").then_some("Contact the NS intelligence unit before any action");
    let r = act(
        app,
        &nowak,
        &id,
        json!({"action": "disseminate", "grading": grading(handling, conditions),
               "sanitised_text": format!("{surname} is believed to store stolen bicycles on Canal Row.")}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    (id, person)
}

async fn intelligence_is_shared_by_its_handling_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (shareable, _) = disseminated(&app, "Ashdown", "P").await;
    let (conditional, person) = disseminated(&app, "Brindle", "C").await;
    let begum = app.token("wv.begum").await;
    let sees = |id: String| {
        let (app, begum) = (&app, &begum);
        async move {
            read(app, begum, &format!("/api/v1/intelligence-reports/{id}"))
                .await
                .status
                == StatusCode::OK
        }
    };
    // The demo agreement shares both handling codes.
    assert!(sees(shareable.clone()).await && sees(conditional.clone()).await);
    // An agreement sharing only P: the report under conditions is out of WV's sight everywhere.
    app.end_sharing("NS", "WV").await;
    let admin = app.token("ns.ashworth").await;
    let today = chrono::Utc::now().date_naive().to_string();
    let r = app
        .post(
            "/api/v1/agreements",
            Some(&admin),
            &json!({"partner_force": "WV", "scopes": ["index", "intelligence"], "access": "read",
                    "starts_on": today, "purpose": "Burglary intelligence, P only",
                    "intelligence_handling": ["P"]}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let proposed: Value = r.json();
    assert_eq!(proposed["intelligence_handling"], json!(["P"]));
    let r = app
        .send(
            Method::POST,
            &format!("/api/v1/agreements/{}/steps", proposed["id"].as_str().unwrap()),
            Some(&app.token("wv.thornton").await),
            &[("If-Match", "*")],
            Some(&json!({"action": "accept"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(sees(shareable.clone()).await);
    assert!(!sees(conditional.clone()).await);
    let found: Vec<Value> = read(&app, &begum, &format!("/api/v1/intelligence?subject_id={person}"))
        .await
        .items();
    assert!(found.is_empty(), "{found:?}");
    let p: Value = app
        .get(&format!("/api/v1/people/{person}"), Some(&begum))
        .await
        .json();
    assert!(
        !p["links"].to_string().contains(&conditional),
        "the person page does not link the report: {p}"
    );
    // Choosing intelligence with no handling code is refused.
    let r = app
        .post(
            "/api/v1/agreements",
            Some(&admin),
            &json!({"partner_force": "WV", "scopes": ["intelligence"], "access": "read",
                    "starts_on": today, "purpose": "Nothing to share at all",
                    "intelligence_handling": []}),
        )
        .await;
    assert_eq!(r.paths(), ["intelligence_handling:required"]);
}

async fn restricted_intelligence_reaches_only_its_group(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let nowak = app.token("ns.nowak").await;
    let whitfield = app.token("ns.whitfield").await;
    let llewellyn = app.token("ns.llewellyn").await;
    let begum = app.token("wv.begum").await;
    let whitfield_id: String = app.get("/api/v1/me", Some(&whitfield)).await.json::<Value>()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (rep, person) = submit(&app, &okafor, "Crane").await;
    let id = rep["id"].as_str().unwrap().to_owned();
    act(&app, &nowak, &id, json!({"action": "start_evaluation"})).await;
    let r = act(
        &app,
        &nowak,
        &id,
        json!({"action": "disseminate", "grading": grading("P", None), "sanitised_text": "Lee CRANE: operation Kestrel subject",
               "restriction": {"restricted": true, "grantees": [{"type": "user", "value": whitfield_id}]}}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // In the group: found by subject and by words.
    let found: Vec<Value> = read(
        &app,
        &whitfield,
        &format!("/api/v1/intelligence?subject_id={person}"),
    )
    .await
    .items();
    assert_eq!(found.len(), 1);
    // Outside the group, in the same force or another: no rows, no counts, not through search, not on
    // the person's page, not by id.
    for t in [&llewellyn, &begum] {
        let by_subject: Vec<Value> = read(&app, t, &format!("/api/v1/intelligence?subject_id={person}"))
            .await
            .items();
        assert!(by_subject.is_empty());
        let by_words: Vec<Value> = read(&app, t, "/api/v1/intelligence?q=Kestrel").await.items();
        assert!(by_words.is_empty());
        let p = app.get(&format!("/api/v1/people/{person}"), Some(t)).await;
        assert!(!p.text.contains(rep["reference"].as_str().unwrap()), "{}", p.text);
        assert!(!p.text.contains("intelligence"), "{}", p.text);
        assert_eq!(
            read(&app, t, &format!("/api/v1/intelligence-reports/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let hits = app.search(t, "Crane").await;
        assert!(hits.iter().all(|(label, _)| !label.contains("INT")), "{hits:?}");
    }
}

async fn legacy_reports_keep_their_grading_and_show_the_mapped_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let nowak = app.token("ns.nowak").await;
    let okafor = app.token("ns.okafor").await;
    let (_, person) = submit(&app, &okafor, "Ashby").await;
    let body = |s: &str, i: &str, h: &str| {
        json!({"legacy_reference": "NIM/2011/00451", "text": "Lee ASHBY associated with cannabis cultivation at a farm near Eastwick",
               "grading": {"source": s, "intelligence": i, "handling": h}, "subjects": [{"kind": "person", "id": person}]})
    };
    let r = app
        .post(
            "/api/v1/intelligence-reports/legacy",
            Some(&nowak),
            &body("F", "9", "4"),
        )
        .await;
    assert_eq!(
        r.paths(),
        ["grading.source:unknown_code", "grading.intelligence:unknown_code"]
    );
    let r = app
        .post(
            "/api/v1/intelligence-reports/legacy",
            Some(&okafor),
            &body("B", "2", "4"),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            "/api/v1/intelligence-reports/legacy",
            Some(&nowak),
            &body("B", "2", "4"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let rep: Value = r.json();
    assert_eq!(rep["state"], "disseminated");
    assert_eq!(
        rep["legacy_grading"],
        json!({"source": "B", "intelligence": "2", "handling": "4"})
    );
    assert_eq!(rep["grading_short"], "1A C");
    assert!(rep["grading"]["handling_conditions"]
        .as_str()
        .unwrap()
        .contains("originating force"));
    let found: Vec<Value> = read(
        &app,
        &okafor,
        &format!("/api/v1/intelligence?subject_id={person}"),
    )
    .await
    .items();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["legacy_grading"]["source"], "B");
}

bluelamp_tests::both_backends!(
    intelligence_is_shared_by_its_handling_code,
    from_submission_to_dissemination_across_forces,
    restricted_intelligence_reaches_only_its_group,
    legacy_reports_keep_their_grading_and_show_the_mapped_one,
);

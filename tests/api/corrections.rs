//! Corrections asked of the force that owns a record: a partner force asks, the data subject's
//! request is recorded by the owner, the owner accepts or refuses with its reason; never decided by
//! another force, never seen by a force that is not party to it.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn ask(person: &Value, extra: Value) -> Value {
    let mut body = json!({
        "record": {"kind": "person", "id": person["id"]},
        "field": "date of birth",
        "current_value": "1990-04-02",
        "proposed_value": "1990-02-04",
        "reason": "Passport seen on arrest: day and month were transposed"
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn decide(app: &TestApp, token: &str, id: &str, etag: Option<&str>, body: Value) -> Reply {
    let headers: Vec<(&str, &str)> = etag.map(|e| ("If-Match", e)).into_iter().collect();
    app.send(
        Method::POST,
        &format!("/api/v1/corrections/{id}/decision"),
        Some(token),
        &headers,
        Some(&body),
    )
    .await
}

fn ids(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

async fn a_partner_asks_and_the_owner_decides(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns = app.token("ns.okafor").await;
    let wv = app.token("wv.begum").await;
    let person = app
        .create_person(
            &ns,
            json!({"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"]}),
        )
        .await;

    // Wessex Vale sees the person and asks; a retry asks once.
    let key = uuid::Uuid::new_v4().to_string();
    let r = app
        .post_with_key("/api/v1/corrections", &wv, &key, &ask(&person, json!({})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let asked: Value = r.json();
    assert_eq!(
        (
            asked["state"].as_str(),
            asked["owner"].as_str(),
            asked["source"].as_str(),
            asked["requested_by_force"].as_str()
        ),
        (Some("open"), Some("NS"), Some("partner_force"), Some("WV"))
    );
    let again = app
        .post_with_key("/api/v1/corrections", &wv, &key, &ask(&person, json!({})))
        .await;
    assert_eq!(again.json::<Value>()["id"], asked["id"]);
    // Only the owner records a data subject's request; the owner changes its own record rather than
    // asking itself.
    let r = app
        .post(
            "/api/v1/corrections",
            Some(&wv),
            &ask(&person, json!({"source": "data_subject"})),
        )
        .await;
    assert_eq!(r.paths(), ["source:owner_only"]);
    let r = app
        .post("/api/v1/corrections", Some(&ns), &ask(&person, json!({})))
        .await;
    assert_eq!(r.paths(), ["source:own_record"]);
    let r = app
        .post(
            "/api/v1/corrections",
            Some(&ns),
            &ask(
                &person,
                json!({"source": "data_subject", "field": "surname", "current_value": "Marsh", "proposed_value": "Marsh-Hale", "reason": "Subject's letter of 2026-12-01 with deed poll"}),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let subject: Value = r.json();
    // Every fault at once; a record the caller cannot see, or a kind that is not the index's, is refused.
    let r = app
        .post(
            "/api/v1/corrections",
            Some(&wv),
            &json!({"record": {"kind": "person", "id": uuid::Uuid::new_v4()}, "field": "", "proposed_value": "", "reason": "short"}),
        )
        .await;
    assert_eq!(
        r.paths(),
        [
            "field:required",
            "proposed_value:required",
            "reason:length",
            "record.id:not_found"
        ]
    );
    let r = app
        .post(
            "/api/v1/corrections",
            Some(&wv),
            &ask(
                &json!({"id": person["id"]}),
                json!({"record": {"kind": "event", "id": person["id"]}}),
            ),
        )
        .await;
    assert_eq!(r.paths(), ["record.kind:not_correctable"]);

    // The owner's queue holds both, oldest first; the partner sees only what it asked.
    let open: Value = app.get("/api/v1/corrections?state=open", Some(&ns)).await.json();
    assert_eq!(
        ids(&open),
        [asked["id"].as_str().unwrap(), subject["id"].as_str().unwrap()]
    );
    let theirs: Value = app.get("/api/v1/corrections", Some(&wv)).await.json();
    assert_eq!(ids(&theirs), [asked["id"].as_str().unwrap()]);
    let r = app
        .get(
            &format!("/api/v1/corrections/{}", subject["id"].as_str().unwrap()),
            Some(&wv),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Only the owner decides, with If-Match and a reason.
    let id = asked["id"].as_str().unwrap();
    let accept = json!({"decision": "accept", "reason": "Checked against the custody record: corrected"});
    let r = decide(&app, &wv, id, Some("\"1\""), accept.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = decide(&app, &ns, id, None, accept.clone()).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    let r = decide(
        &app,
        &ns,
        id,
        Some("\"1\""),
        json!({"decision": "accept", "reason": "ok"}),
    )
    .await;
    assert_eq!(r.paths(), ["reason:length"]);
    let r = decide(&app, &ns, id, Some("\"1\""), accept.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let decided: Value = r.json();
    assert_eq!(decided["state"], "accepted");
    assert!(
        decided["decided_by"]["display_name"].as_str().is_some(),
        "{decided}"
    );
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    // The same decision again changes nothing; another is a conflict; an old version is stale.
    let r = decide(&app, &ns, id, Some("\"2\""), accept.clone()).await;
    assert_eq!(r.json::<Value>()["version"], 2);
    let r = decide(
        &app,
        &ns,
        id,
        Some("\"2\""),
        json!({"decision": "refuse", "reason": "Changed our mind about it"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let sid = subject["id"].as_str().unwrap();
    let r = decide(
        &app,
        &ns,
        sid,
        Some("\"0\""),
        json!({"decision": "refuse", "reason": "No deed poll was enclosed"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    let r = decide(
        &app,
        &ns,
        sid,
        Some("\"1\""),
        json!({"decision": "refuse", "reason": "No deed poll was enclosed"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // The partner reads the decision; a refused correction stays listed with the record.
    let seen: Value = app
        .get(&format!("/api/v1/corrections/{id}"), Some(&wv))
        .await
        .json();
    assert_eq!(seen["decision_reason"], accept["reason"]);
    let on_record: Value = app
        .get(
            &format!("/api/v1/corrections?record_id={}", person["id"].as_str().unwrap()),
            Some(&ns),
        )
        .await
        .json();
    let states: Vec<(&str, &str)> = on_record["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["source"].as_str().unwrap(), c["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [("partner_force", "accepted"), ("data_subject", "refused")]
    );
    let open: Value = app.get("/api/v1/corrections?state=open", Some(&ns)).await.json();
    assert!(ids(&open).is_empty());

    // The owner's audit of the person shows each step, and the partner's refused decision.
    let trail = app.audit_trail("NS", person["id"].as_str().unwrap()).await;
    for wanted in [
        "correction asked (partner_force)",
        "correction asked (data_subject)",
        "correction accepted",
        "correction refused",
        "correction read",
    ] {
        assert!(
            trail.iter().any(|(_, d)| d.starts_with(wanted)),
            "{wanted}: {trail:?}"
        );
    }
    let refused: Value = app
        .get(
            &format!("/api/v1/audit-events?action=access_refused&record_id={id}&limit=100"),
            Some(&app.token(TestApp::admin_of("NS")).await),
        )
        .await
        .json();
    assert_eq!(refused["items"].as_array().unwrap().len(), 1, "{refused}");
}

bluelamp_tests::both_backends!(a_partner_asks_and_the_owner_decides);

//! Custody suites managed by the force administrator: opened, changed and closed through the API, never
//! losing a detainee's cell, and never another force's suite.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn patch(app: &TestApp, token: &str, id: &str, version: &str, body: Value) -> Reply {
    app.send(
        Method::PATCH,
        &format!("/api/v1/custody-suites/{id}"),
        Some(token),
        &[("If-Match", version)],
        Some(&body),
    )
    .await
}

async fn book_in(app: &TestApp, suite: &str, cell: &str) -> Reply {
    let officer = app.token("ns.okafor").await;
    let person = app
        .create_person(&officer, json!({"names": [{"forename": "Wade", "surname": "Corrigan"}], "dates_of_birth": ["1988-08-08"], "gender": "male"}))
        .await;
    let now = chrono::Utc::now();
    let at = |minutes: i64| (now - chrono::Duration::minutes(minutes)).to_rfc3339();
    app.post(
        "/api/v1/custody-records",
        Some(&app.token("ns.raman").await),
        &json!({"person_id": person["id"], "suite_id": suite, "cell": cell,
               "arrest": {"at": at(120), "place": "High Street, Northby", "officer": "PC 4521 Okafor",
                          "offences": ["theft_shop"], "grounds": "Seen on CCTV leaving with goods unpaid",
                          "necessity": "To allow the prompt and effective investigation (Code G 2.9(e))"},
               "asn": "26/01NS/01/000777B", "arrived_at": at(100), "decision": "authorised", "decided_at": at(95),
               "decision_reason": "To obtain evidence by questioning",
               "self_defined_ethnicity": "W1", "officer_defined_ethnicity": "W", "nationality": "British"}),
    )
    .await
}

async fn an_administrator_opens_changes_and_closes_a_suite_without_losing_a_detainee(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let body = json!({"code": "NS-EAST", "name": "Northshire East custody", "station": "Eastgate police station",
                      "cells": ["E1", "E2", "E3"]});
    let r = app
        .post_with_key("/api/v1/custody-suites", &admin, "open-east-0001", &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let suite: Value = r.json();
    let id = suite["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (suite["active"].as_bool(), suite["open_records"].as_i64()),
        (Some(true), Some(0))
    );
    let again = app
        .post_with_key("/api/v1/custody-suites", &admin, "open-east-0001", &body)
        .await;
    assert_eq!(again.json::<Value>()["id"], suite["id"]);
    // Custody staff see it at once and book into it.
    let refdata: Value = app
        .get("/api/v1/reference-data", Some(&app.token("ns.raman").await))
        .await
        .json();
    assert!(refdata["custody_suites"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["code"] == "NS-EAST"));
    let booked = book_in(&app, &id, "E2").await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.text);
    // The occupied cell cannot go, nor can the suite close; both said at once.
    let r = patch(
        &app,
        &admin,
        &id,
        "\"1\"",
        json!({"cells": ["E1", "E3"], "active": false}),
    )
    .await;
    assert_eq!(r.paths(), ["cells:occupied", "active:open_records"]);
    assert!(r.problem().errors[0].message.contains("E2"));
    // Other changes go through, version-checked.
    let r = patch(
        &app,
        &admin,
        &id,
        "\"1\"",
        json!({"name": "Eastgate custody", "cells": ["E1", "E2", "E3", "E4"], "station": ""}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let changed: Value = r.json();
    assert_eq!(changed["cells"], json!(["E1", "E2", "E3", "E4"]));
    assert_eq!(
        (changed["station"].clone(), changed["open_records"].as_i64()),
        (Value::Null, Some(1))
    );
    assert_eq!(
        patch(&app, &admin, &id, "\"1\"", json!({"name": "Stale name"}))
            .await
            .status,
        StatusCode::PRECONDITION_FAILED
    );
    assert_eq!(
        app.send(
            Method::PATCH,
            &format!("/api/v1/custody-suites/{id}"),
            Some(&admin),
            &[],
            Some(&json!({"name": "x y z"}))
        )
        .await
        .status,
        StatusCode::PRECONDITION_REQUIRED
    );
    // Another force's administrator: not found, audited for NS.
    let wv_admin = app.token("wv.thornton").await;
    assert_eq!(
        patch(&app, &wv_admin, &id, "*", json!({"active": false}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let wv_list: Vec<Value> = app.get("/api/v1/custody-suites", Some(&wv_admin)).await.json();
    assert!(wv_list.iter().all(|s| s["force"] == "WV"));
    let log: Value = app
        .get(&format!("/api/v1/audit-events?record_id={id}"), Some(&admin))
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"create") && actions.contains(&"update") && actions.contains(&"access_refused"),
        "{actions:?}"
    );
}

async fn a_closed_suite_takes_no_one_new(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let r = app
        .post(
            "/api/v1/custody-suites",
            Some(&admin),
            &json!({"code": "NS-WEST", "name": "West custody", "cells": ["W1"]}),
        )
        .await;
    let id = r.json::<Value>()["id"].as_str().unwrap().to_owned();
    let r = patch(&app, &admin, &id, "*", json!({"active": false})).await;
    assert_eq!(r.json::<Value>()["active"], false);
    let refdata: Value = app
        .get("/api/v1/reference-data", Some(&app.token("ns.raman").await))
        .await
        .json();
    assert!(refdata["custody_suites"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["code"] != "NS-WEST"));
    let r = book_in(&app, &id, "W1").await;
    assert!(r.paths().contains(&"suite_id:not_found".to_owned()), "{}", r.text);
    // Still listed for its administrator, closed.
    let mine: Vec<Value> = app.get("/api/v1/custody-suites", Some(&admin)).await.json();
    assert!(mine
        .iter()
        .any(|s| s["code"] == "NS-WEST" && s["active"] == false));
}

async fn every_fault_in_a_new_suite_is_named(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let r = app
        .post(
            "/api/v1/custody-suites",
            Some(&admin),
            &json!({"code": "WV-EAST", "name": "E", "cells": ["C1", "C1", "bad cell"]}),
        )
        .await;
    assert_eq!(
        r.paths(),
        [
            "cells.1:duplicate",
            "cells.2:format",
            "code:format",
            "name:length"
        ]
    );
    let r = app
        .post(
            "/api/v1/custody-suites",
            Some(&admin),
            &json!({"code": "NS-CEN", "name": "Central again", "cells": ["C1"]}),
        )
        .await;
    assert_eq!(r.paths(), ["code:taken"]);
    let officer = app.token("ns.okafor").await;
    assert_eq!(
        app.get("/api/v1/custody-suites", Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
}

bluelamp_tests::both_backends!(
    an_administrator_opens_changes_and_closes_a_suite_without_losing_a_detainee,
    a_closed_suite_takes_no_one_new,
    every_fault_in_a_new_suite_is_named,
);

//! A force's stations, teams and units: added, moved and closed by its administrator, users assigned
//! to them, never another force's.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn patch(app: &TestApp, token: &str, path: &str, etag: &str, body: Value) -> Reply {
    app.send(
        Method::PATCH,
        path,
        Some(token),
        &[("If-Match", etag)],
        Some(&body),
    )
    .await
}

async fn add(app: &TestApp, token: &str, body: Value) -> Value {
    let r = app.post("/api/v1/force-units", Some(token), &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()
}

async fn a_force_builds_its_structure_and_assigns_users(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let body = json!({"code": "NS-NORTHBY", "name": "Northby police station", "kind": "station"});
    let r = app
        .post_with_key("/api/v1/force-units", &admin, "unit-0001", &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let station: Value = r.json();
    let again = app
        .post_with_key("/api/v1/force-units", &admin, "unit-0001", &body)
        .await;
    assert_eq!(again.json::<Value>()["id"], station["id"]);
    let cid = add(
        &app,
        &admin,
        json!({"code": "NS-CID", "name": "Criminal Investigation Department", "kind": "unit", "station": station["id"]}),
    )
    .await;
    assert_eq!(cid["station"], station["id"]);
    // A user joins the unit; the unit counts its members.
    let users: Value = app.get("/api/v1/users?limit=100", Some(&admin)).await.json();
    let whitfield = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "ns.whitfield")
        .unwrap()
        .clone();
    let user_path = format!("/api/v1/users/{}", whitfield["id"].as_str().unwrap());
    let r = patch(&app, &admin, &user_path, "*", json!({"unit_id": cid["id"]})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json::<Value>()["unit_id"], cid["id"]);
    let officer = app.token("ns.okafor").await;
    let listed: Value = app.get("/api/v1/force-units", Some(&officer)).await.json();
    let summary: Vec<(&str, i64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["code"].as_str().unwrap(), u["members"].as_i64().unwrap()))
        .collect();
    assert_eq!(summary, [("NS-CID", 1), ("NS-NORTHBY", 0)]);
    // Neither the station (a unit works from it) nor the unit (a user belongs) can close.
    let station_path = format!("/api/v1/force-units/{}", station["id"].as_str().unwrap());
    let cid_path = format!("/api/v1/force-units/{}", cid["id"].as_str().unwrap());
    let r = patch(&app, &admin, &station_path, "\"1\"", json!({"active": false})).await;
    assert_eq!(r.paths(), ["active:in_use"]);
    let r = patch(&app, &admin, &cid_path, "\"1\"", json!({"active": false})).await;
    assert_eq!(r.paths(), ["active:members"]);
    // Once the user moves out, the unit closes; a closed unit takes no one.
    let r = patch(&app, &admin, &user_path, "*", json!({"unit_id": ""})).await;
    assert_eq!(r.json::<Value>()["unit_id"], Value::Null);
    let r = patch(
        &app,
        &admin,
        &cid_path,
        "\"1\"",
        json!({"active": false, "name": "CID (closed)"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let r = patch(&app, &admin, &cid_path, "\"1\"", json!({"name": "Again"})).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    let r = patch(&app, &admin, &user_path, "*", json!({"unit_id": cid["id"]})).await;
    assert_eq!(r.paths(), ["unit_id:unknown"]);
}

async fn every_refusal_names_its_rule(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    let wv_admin = app.token("wv.thornton").await;
    let wv_station = add(
        &app,
        &wv_admin,
        json!({"code": "WV-HQ", "name": "West Vale headquarters", "kind": "station"}),
    )
    .await;
    // Another force's code, a short name and another force's station, all at once.
    let r = app
        .post(
            "/api/v1/force-units",
            Some(&ns_admin),
            &json!({"code": "WV-TEAM", "name": "AB", "kind": "team", "station": wv_station["id"]}),
        )
        .await;
    assert_eq!(r.paths(), ["code:format", "name:length", "station:unknown"]);
    let r = app
        .post(
            "/api/v1/force-units",
            Some(&ns_admin),
            &json!({"code": "NS-HQ", "name": "Headquarters", "kind": "station", "station": wv_station["id"]}),
        )
        .await;
    assert_eq!(r.paths(), ["station:station_of_station"]);
    add(
        &app,
        &ns_admin,
        json!({"code": "NS-HQ", "name": "Headquarters", "kind": "station"}),
    )
    .await;
    let r = app
        .post(
            "/api/v1/force-units",
            Some(&ns_admin),
            &json!({"code": "NS-HQ", "name": "Headquarters again", "kind": "station"}),
        )
        .await;
    assert_eq!(r.paths(), ["code:taken"]);
    // Another force's unit is not found; an officer cannot change structure; a partner cannot read it.
    let path = format!("/api/v1/force-units/{}", wv_station["id"].as_str().unwrap());
    assert_eq!(
        patch(&app, &ns_admin, &path, "*", json!({"name": "Mine now"}))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let officer = app.token("ns.okafor").await;
    let r = app
        .post(
            "/api/v1/force-units",
            Some(&officer),
            &json!({"code": "NS-X1", "name": "Team X", "kind": "team"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let prosecutor = app.token("cps.harding").await;
    assert_eq!(
        app.get("/api/v1/force-units", Some(&prosecutor)).await.status,
        StatusCode::FORBIDDEN
    );
    let ns_list: Value = app.get("/api/v1/force-units", Some(&officer)).await.json();
    assert!(ns_list.as_array().unwrap().iter().all(|u| u["force"] == "NS"));
}

bluelamp_tests::both_backends!(
    a_force_builds_its_structure_and_assigns_users,
    every_refusal_names_its_rule,
);

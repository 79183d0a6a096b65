//! Sharing agreements: proposal, acceptance, suspension and ending through the API, each followed at once
//! by what the other force sees (search, person pages, links), and every refusal.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn person(forename: &str, surname: &str) -> Value {
    json!({"names": [{"forename": forename, "surname": surname}], "dates_of_birth": ["1980-02-03"], "gender": "female"})
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn proposal(partner: &str, scopes: &[&str]) -> Value {
    json!({"partner_force": partner, "scopes": scopes, "access": "read_and_link", "starts_on": today(),
           "purpose": "Joint burglary operation across the border"})
}

async fn step(app: &TestApp, token: &str, id: &str, if_match: &str, body: Value) -> Reply {
    app.send(
        Method::POST,
        &format!("/api/v1/agreements/{id}/steps"),
        Some(token),
        &[("If-Match", if_match)],
        Some(&body),
    )
    .await
}

async fn wv_sees(app: &TestApp, wv: &str, person_id: &str, name: &str) -> bool {
    let page = app
        .get(&format!("/api/v1/people/{person_id}"), Some(wv))
        .await
        .status;
    let found = !app.search(wv, name).await.is_empty();
    assert_eq!(
        page == StatusCode::OK,
        found,
        "the person page and search disagree"
    );
    found
}

async fn each_step_changes_what_the_partner_sees_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.end_sharing("NS", "WV").await;
    let (ns_admin, wv_admin) = (app.token("ns.ashworth").await, app.token("wv.thornton").await);
    let ns = app.token("ns.okafor").await;
    let wv = app.token("wv.begum").await;
    let p = app.create_person(&ns, person("Orla", "Penhallow")).await;
    let pid = p["id"].as_str().unwrap().to_owned();
    assert!(!wv_sees(&app, &wv, &pid, "orla penhallow").await);

    let r = app
        .post("/api/v1/agreements", Some(&ns_admin), &proposal("WV", &["index"]))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let a: Value = r.json();
    let id = a["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (a["state"].as_str(), a["in_force"].as_bool()),
        (Some("proposed"), Some(false))
    );
    assert_eq!(a["owner"]["code"], "NS");
    assert!(
        !wv_sees(&app, &wv, &pid, "orla penhallow").await,
        "a proposal opens nothing"
    );

    // Only the partner answers; a stale version is refused.
    let r = step(&app, &ns_admin, &id, "*", json!({"action": "accept"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.problem().code, ErrorCode::InvalidTransition);
    let r = step(&app, &wv_admin, &id, "\"7\"", json!({"action": "accept"})).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    let r = step(&app, &wv_admin, &id, "\"1\"", json!({"action": "accept"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    assert!(
        wv_sees(&app, &wv, &pid, "orla penhallow").await,
        "accepted: in force at once"
    );

    // WV links its own vehicle to the NS person (read and link).
    let car: Value = app
        .post("/api/v1/objects", Some(&wv), &json!({"kind": "vehicle", "vrm": "WV19 XYZ", "make": "Vauxhall", "model": "Corsa", "colour": "Red"}))
        .await
        .json();
    let link = json!({"from": {"kind": "person", "id": pid}, "to": {"kind": "object", "id": car["id"]}, "reason": "driver_of"});
    assert_eq!(
        app.post("/api/v1/links", Some(&wv), &link).await.status,
        StatusCode::CREATED
    );

    // Suspended by the partner: hidden at once from search, the person page and new links.
    let r = step(&app, &wv_admin, &id, "*", json!({"action": "suspend"})).await;
    assert_eq!(r.problem().errors[0].path, "reason", "a suspension says why");
    let r = step(
        &app,
        &wv_admin,
        &id,
        "*",
        json!({"action": "suspend", "reason": "Operation paused"}),
    )
    .await;
    assert_eq!(r.json::<Value>()["suspended_by"], "partner");
    assert!(!wv_sees(&app, &wv, &pid, "orla penhallow").await);
    let again = app.post("/api/v1/links", Some(&wv), &link).await;
    assert_eq!(again.problem().errors[0].code, "not_found");
    // Only the force that suspended it resumes it.
    let r = step(&app, &ns_admin, &id, "*", json!({"action": "resume"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.problem().detail.unwrap_or_default().contains("suspended"));
    assert_eq!(
        step(&app, &wv_admin, &id, "*", json!({"action": "resume"}))
            .await
            .status,
        StatusCode::OK
    );
    assert!(wv_sees(&app, &wv, &pid, "orla penhallow").await);

    // Ended by the owner: gone, final, and its history stays readable by both.
    let r = step(
        &app,
        &ns_admin,
        &id,
        "*",
        json!({"action": "end", "reason": "Operation closed"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!wv_sees(&app, &wv, &pid, "orla penhallow").await);
    assert_eq!(
        step(&app, &wv_admin, &id, "*", json!({"action": "resume"}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let seen: Value = app
        .get(&format!("/api/v1/agreements/{id}"), Some(&wv_admin))
        .await
        .json();
    let history: Vec<(&str, &str)> = seen["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["by_force"].as_str().unwrap()))
        .collect();
    assert_eq!(
        history,
        [
            ("proposed", "NS"),
            ("accept", "WV"),
            ("suspend", "WV"),
            ("resume", "WV"),
            ("end", "NS")
        ]
    );
    assert_eq!(seen["history"][4]["reason"], "Operation closed");
    // Each step is in the audit log.
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_kind=agreement&record_id={id}&action=update"),
            Some(&ns_admin),
        )
        .await
        .json();
    assert_eq!(
        log["items"].as_array().unwrap().len(),
        1,
        "NS's log holds its own step: {log}"
    );
}

async fn an_agreement_opens_only_its_scopes_its_owners_records_and_its_dates(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.end_sharing("NS", "WV").await;
    app.end_sharing("WV", "NS").await;
    let ns = app.token("ns.okafor").await;
    let wv = app.token("wv.begum").await;
    let p = app.create_person(&ns, person("Tamsin", "Rowe")).await;
    let pid = p["id"].as_str().unwrap().to_owned();
    // Crimes only: people stay hidden.
    app.agree("NS", "WV", &["crimes"], "read").await;
    assert!(!wv_sees(&app, &wv, &pid, "tamsin rowe").await);
    // WV proposing can only ever share WV's records, whatever the body says.
    let wv_admin = app.token("wv.thornton").await;
    let mut body = proposal("NS", &["index"]);
    body["owner_force"] = json!("NS");
    let r = app.post("/api/v1/agreements", Some(&wv_admin), &body).await;
    let a: Value = r.json();
    assert_eq!(
        (a["owner"]["code"].as_str(), a["partner"]["code"].as_str()),
        (Some("WV"), Some("NS")),
        "{a}"
    );
    // Index with read only: seen, but WV cannot link to it.
    app.agree("NS", "WV", &["index"], "read").await;
    assert!(wv_sees(&app, &wv, &pid, "tamsin rowe").await);
    let car: Value = app
        .post(
            "/api/v1/objects",
            Some(&wv),
            &json!({"kind": "vehicle", "vrm": "WV20 ABC", "make": "Kia", "model": "Rio", "colour": "Grey"}),
        )
        .await
        .json();
    let link = json!({"from": {"kind": "person", "id": pid}, "to": {"kind": "object", "id": car["id"]}, "reason": "driver_of"});
    let r = app.post("/api/v1/links", Some(&wv), &link).await;
    assert_eq!(r.problem().errors[0].code, "not_shared", "{}", r.text);
    refused_for_owner(&app, &pid, &r, "Change refused").await;
    // An accepted agreement starting tomorrow opens nothing today.
    app.end_sharing("NS", "WV").await;
    let ns_admin = app.token("ns.ashworth").await;
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(1)).to_string();
    let mut later = proposal("WV", &["index"]);
    later["starts_on"] = json!(tomorrow);
    let a: Value = app
        .post("/api/v1/agreements", Some(&ns_admin), &later)
        .await
        .json();
    let r = step(
        &app,
        &wv_admin,
        a["id"].as_str().unwrap(),
        "*",
        json!({"action": "accept"}),
    )
    .await;
    let accepted: Value = r.json();
    assert_eq!(
        (accepted["state"].as_str(), accepted["in_force"].as_bool()),
        (Some("active"), Some(false))
    );
    assert!(!wv_sees(&app, &wv, &pid, "tamsin rowe").await);
    // A link to a record out of sight is answered as if it did not exist, and audited for its owner.
    let hidden = app.post("/api/v1/links", Some(&wv), &link).await;
    assert_eq!(hidden.paths(), ["from.id:not_found"], "{}", hidden.text);
    refused_for_owner(&app, &pid, &hidden, "Outside the caller's sight").await;
}

/// Asserts that the owner's (Northshire's) audit log holds the refusal of `reply`'s request by
/// Wessex Vale on `record`, its detail starting with `detail`.
async fn refused_for_owner(app: &TestApp, record: &str, reply: &Reply, detail: &str) {
    let ns_admin = app.token(TestApp::admin_of("NS")).await;
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?action=access_refused&record_id={record}&limit=100"),
            Some(&ns_admin),
        )
        .await
        .json();
    let rid = reply.header("x-request-id").expect("a request id");
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["request_id"] == rid.as_str()
                && e["actor_force"] == "WV"
                && e["detail"].as_str().unwrap_or_default().starts_with(detail)),
        "{log}"
    );
}

async fn every_refusal_names_its_rule(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    // Not an administrator.
    let officer = app.token("ns.okafor").await;
    assert_eq!(
        app.get("/api/v1/agreements", Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
    // Every field at fault at once.
    let r = app
        .post("/api/v1/agreements", Some(&ns_admin), &json!({"partner_force": "NS", "scopes": ["index", "index"], "starts_on": "2020-01-01", "ends_on": "2019-12-31", "purpose": "short"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let got: Vec<(String, String)> = r.problem().errors.into_iter().map(|e| (e.path, e.code)).collect();
    assert_eq!(
        got,
        [
            ("ends_on", "before_start"),
            ("partner_force", "own_force"),
            ("purpose", "length"),
            ("scopes.1", "duplicate"),
            ("starts_on", "past"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let r = app
        .post("/api/v1/agreements", Some(&ns_admin), &proposal("ZZ", &["index"]))
        .await;
    assert_eq!(r.problem().errors[0].code, "unknown");
    let r = app
        .post(
            "/api/v1/agreements",
            Some(&ns_admin),
            &proposal("WV", &["custody"]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    // A retry with the same key proposes once.
    let body = proposal("WV", &["intelligence"]);
    let first = app
        .post_with_key("/api/v1/agreements", &ns_admin, "agree-once-0001", &body)
        .await;
    let again = app
        .post_with_key("/api/v1/agreements", &ns_admin, "agree-once-0001", &body)
        .await;
    assert_eq!(first.json::<Value>()["id"], again.json::<Value>()["id"]);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    let id = first.json::<Value>()["id"].as_str().unwrap().to_owned();
    // A step needs If-Match.
    let r = app
        .post(
            &format!("/api/v1/agreements/{id}/steps"),
            Some(&ns_admin),
            &json!({"action": "end", "reason": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    // The partner declines with a reason; the owner cannot then revive it.
    let wv_admin = app.token("wv.thornton").await;
    let r = step(
        &app,
        &wv_admin,
        &id,
        "*",
        json!({"action": "decline", "reason": "Not needed"}),
    )
    .await;
    assert_eq!(r.json::<Value>()["state"], "declined");
    let r = step(&app, &ns_admin, &id, "*", json!({"action": "end", "reason": "x"})).await;
    assert_eq!(r.problem().code, ErrorCode::InvalidTransition);
    // A force party to neither side: not found, and the refusal is in the owner's audit only.
    let carver = app.token("ns.carver").await;
    let made = app
        .post(
            "/api/v1/forces",
            Some(&carver),
            &json!({"code": "MR", "name": "Mercia Regional Police", "pnc_code": "23"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let mr_admin = json!({"username": "mr.admin", "display_name": "Mona Reid", "collar_number": "A1",
                          "rank": "Systems Administrator", "roles": ["force_admin"], "password": "a long enough passphrase"});
    let r = app
        .post("/api/v1/forces/MR/users", Some(&carver), &mr_admin)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let mr = app.sign_in_with("mr.admin", "a long enough passphrase").await;
    assert_eq!(
        app.get(&format!("/api/v1/agreements/{id}"), Some(&mr))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mine: Vec<Value> = app.get("/api/v1/agreements", Some(&mr)).await.json();
    assert!(mine.is_empty());
    let r = step(&app, &mr, &id, "*", json!({"action": "accept"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?action=access_refused&record_id={id}"),
            Some(&ns_admin),
        )
        .await
        .json();
    assert_eq!(log["items"].as_array().unwrap().len(), 2, "{log}");
}

bluelamp_tests::both_backends!(
    each_step_changes_what_the_partner_sees_at_once,
    an_agreement_opens_only_its_scopes_its_owners_records_and_its_dates,
    every_refusal_names_its_rule,
);

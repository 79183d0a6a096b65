//! Partner organisations and their staff's accounts, registered by a force's or the consortium's
//! administrator: a partner account holds only its organisation's role, and closing the organisation
//! shuts its accounts out at once.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const PASSWORD: &str = "plum-orchard-lantern-42";

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

async fn register(app: &TestApp, token: &str, body: Value) -> Value {
    let r = app
        .post("/api/v1/partner-organisations", Some(token), &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()
}

async fn a_force_registers_its_prosecutor_whose_account_reaches_only_case_decisions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let body = json!({"code": "CPS-NORTH", "name": "CPS North", "kind": "prosecutor"});
    let r = app
        .post_with_key("/api/v1/partner-organisations", &admin, "partner-org-0001", &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let org: Value = r.json();
    assert_eq!(
        (org["force"].as_str(), org["accounts"].as_i64()),
        (Some("NS"), Some(0))
    );
    let again = app
        .post_with_key("/api/v1/partner-organisations", &admin, "partner-org-0001", &body)
        .await;
    assert_eq!(again.json::<Value>()["id"], org["id"]);
    let id = org["id"].as_str().unwrap();
    let account = json!({"username": "cps.okoro", "display_name": "Tunde Okoro", "reference": "CPS07",
                         "password": PASSWORD});
    let r = app
        .post(
            &format!("/api/v1/partner-organisations/{id}/accounts"),
            Some(&admin),
            &account,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let user: Value = r.json();
    assert_eq!(user["roles"], json!(["prosecutor"]));
    assert_eq!(user["kind"], "partner");
    // The prosecutor signs in and reaches the CPS interface, not the index.
    let token = app.sign_in_with("cps.okoro", PASSWORD).await;
    assert_eq!(
        app.get("/api/v1/cps/case-files", Some(&token)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/search?q=smith", Some(&token)).await.status,
        StatusCode::FORBIDDEN
    );
    // A partner's role is its organisation's: it cannot be changed into a police role.
    let user_path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    let r = patch(&app, &admin, &user_path, "*", json!({"roles": ["investigator"]})).await;
    assert_eq!(r.paths(), ["roles:partner_account"]);
    let listed: Value = app
        .get("/api/v1/partner-organisations", Some(&admin))
        .await
        .json();
    let codes: Vec<(&str, i64)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["code"].as_str().unwrap(), o["accounts"].as_i64().unwrap()))
        .collect();
    assert_eq!(codes, [("CPS-DEMO", 1), ("CPS-NORTH", 1)]);
    // Closing the organisation shuts its accounts out at once; they stay out until it reopens.
    let path = format!("/api/v1/partner-organisations/{id}");
    let r = patch(&app, &admin, &path, "\"1\"", json!({"active": false})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json::<Value>()["accounts"], 0);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .post(
            "/api/v1/auth/sign-in",
            None,
            &json!({"username": "cps.okoro", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a deactivated account: {}",
        r.text
    );
    let r = patch(&app, &admin, &user_path, "*", json!({"active": true})).await;
    assert_eq!(r.paths(), ["active:organisation_closed"]);
    let r = app
        .post(
            &format!("/api/v1/partner-organisations/{id}/accounts"),
            Some(&admin),
            &account,
        )
        .await;
    assert_eq!(r.paths(), ["organisation:closed"]);
    // A stale version is refused; the change is audited.
    let r = patch(&app, &admin, &path, "\"1\"", json!({"active": true})).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_kind=partner_organisation&record_id={id}"),
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(log["items"].as_array().unwrap().len(), 2, "{log}");
}

async fn every_refusal_names_its_rule(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    let carver = app.token("ns.carver").await;
    let r = app
        .post(
            "/api/v1/partner-organisations",
            Some(&ns_admin),
            &json!({"code": "cps north", "name": "CP", "kind": "prosecutor", "force": "WV"}),
        )
        .await;
    assert_eq!(r.paths(), ["code:format", "force:other_force", "name:length"]);
    let r = app
        .post(
            "/api/v1/partner-organisations",
            Some(&ns_admin),
            &json!({"code": "CPS-DEMO", "name": "Another", "kind": "prosecutor"}),
        )
        .await;
    assert_eq!(r.paths(), ["code:taken"]);
    // The consortium administrator names the force, and that force's administrator manages it.
    let r = app
        .post(
            "/api/v1/partner-organisations",
            Some(&carver),
            &json!({"code": "VS-MERCIA", "name": "Victim Support Mercia", "kind": "victim_services"}),
        )
        .await;
    assert_eq!(r.paths(), ["force:required"]);
    let vs = register(
        &app,
        &carver,
        json!({"code": "VS-MERCIA", "name": "Victim Support Mercia", "kind": "victim_services", "force": "WV"}),
    )
    .await;
    let wv_admin = app.token("wv.thornton").await;
    let wv_list: Value = app
        .get("/api/v1/partner-organisations", Some(&wv_admin))
        .await
        .json();
    assert!(wv_list
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["code"] == "VS-MERCIA"));
    let ns_list: Value = app
        .get("/api/v1/partner-organisations", Some(&ns_admin))
        .await
        .json();
    assert!(!ns_list
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["code"] == "VS-MERCIA"));
    let vs_path = format!("/api/v1/partner-organisations/{}", vs["id"].as_str().unwrap());
    let r = patch(&app, &ns_admin, &vs_path, "*", json!({"name": "Renamed"})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Victim services exchange system to system: no person accounts.
    let account = json!({"username": "vs.hale", "display_name": "Rowan Hale", "reference": "VS1", "password": PASSWORD});
    let r = app
        .post(&format!("{vs_path}/accounts"), Some(&wv_admin), &account)
        .await;
    assert_eq!(r.paths(), ["kind:no_person_accounts"]);
    // An account's every fault at once, in the partner's own field names.
    let cps = register(
        &app,
        &ns_admin,
        json!({"code": "CPS-EAST", "name": "CPS East", "kind": "prosecutor"}),
    )
    .await;
    let r = app
        .post(
            &format!(
                "/api/v1/partner-organisations/{}/accounts",
                cps["id"].as_str().unwrap()
            ),
            Some(&ns_admin),
            &json!({"username": "ns.okafor", "display_name": "", "reference": "", "password": "short"}),
        )
        .await;
    let mut paths = r.paths();
    paths.sort();
    assert_eq!(
        paths,
        [
            "display_name:required",
            "password:length",
            "reference:required",
            "username:taken"
        ],
        "{}",
        r.text
    );
    let officer = app.token("ns.okafor").await;
    assert_eq!(
        app.get("/api/v1/partner-organisations", Some(&officer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

bluelamp_tests::both_backends!(
    a_force_registers_its_prosecutor_whose_account_reaches_only_case_decisions,
    every_refusal_names_its_rule,
);

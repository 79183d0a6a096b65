//! The authorisation matrix: every route, called by every role and by nobody, gets exactly the
//! outcome its declared rule says.

use bluelamp_backend::kernel::auth::Access;
use bluelamp_backend::routes::{table, RouteInfo};
use bluelamp_shared::auth::Role;
use bluelamp_tests::{Backend, TestApp, DEMO_USERS};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::HashMap;

fn concrete(route: &RouteInfo) -> (Method, String) {
    let path = route.path.replace("{id}", &uuid::Uuid::new_v4().to_string());
    (
        Method::from_bytes(route.method.as_bytes()).expect("method"),
        format!("/api/v1{path}"),
    )
}

async fn every_route_enforces_its_rule_for_every_role(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let routes = table();
    assert!(routes.len() >= 10);
    let mut checked = 0;
    // Nobody signed in.
    for route in &routes {
        let (method, path) = concrete(route);
        let r = app
            .send(method, &path, None, &[], Some(&serde_json::json!({})))
            .await;
        if route.rule.access == Access::Public {
            assert_ne!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{} {path} should be public",
                route.method
            );
        } else {
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{} {path} without a token: {}",
                route.method,
                r.text
            );
        }
        checked += 1;
    }
    for role in Role::ALL {
        let (_, username, ..) = DEMO_USERS
            .iter()
            .find(|u| u.0 == "NS" && u.5 == role)
            .expect("demo user for role");
        // Sign-out ends the session, so it runs last.
        // Public routes answer everyone alike (checked above without a token); calling them again per
        // role would only spend the per-address limit on sign-in-like requests.
        let mut ordered: Vec<&RouteInfo> = routes
            .iter()
            .filter(|r| r.rule.access != Access::Public)
            .collect();
        ordered.sort_by_key(|r| r.path == "/auth/sign-out");
        let token = app.token(username).await;
        for route in ordered {
            let (method, path) = concrete(route);
            let r = app
                .send(method, &path, Some(&token), &[], Some(&serde_json::json!({})))
                .await;
            let allowed = route.rule.allows(&[role]);
            if allowed {
                assert!(
                    r.status != StatusCode::FORBIDDEN && r.status != StatusCode::UNAUTHORIZED,
                    "{role:?} should be allowed {} {path}, got {}: {}",
                    route.method,
                    r.status,
                    r.text
                );
                assert!(
                    r.status.as_u16() < 500,
                    "{role:?} {} {path}: {}",
                    route.method,
                    r.text
                );
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "{role:?} should be refused {} {path}: {}",
                    route.method,
                    r.text
                );
                assert_eq!(r.problem().code, bluelamp_shared::error::ErrorCode::Forbidden);
            }
            checked += 1;
        }
    }
    let public = routes.iter().filter(|r| r.rule.access == Access::Public).count();
    assert_eq!(checked, routes.len() + (routes.len() - public) * Role::ALL.len());
}

#[test]
fn only_administrators_reach_user_and_audit_routes() {
    for route in table() {
        if route.path.starts_with("/users") || route.path.starts_with("/audit-events") {
            assert_eq!(
                route.rule.roles(),
                vec![Role::ForceAdmin],
                "{} {}",
                route.method,
                route.path
            );
        }
    }
}

#[test]
fn route_rules_name_capabilities_and_every_role_is_read_from_the_capability_table() {
    // Merging people is a data-quality decision: the four roles the capability table gives it to.
    let merge = table()
        .into_iter()
        .find(|r| r.path == "/people/{id}/merges")
        .expect("merge route");
    assert_eq!(
        merge.rule.roles(),
        vec![
            Role::Investigator,
            Role::Supervisor,
            Role::IntelligenceOfficer,
            Role::ForceCrimeRegistrar
        ]
    );
    // Every authenticated route names capabilities, and some role holds each of them.
    for route in table() {
        if let Access::AnyCapability(caps) = route.rule.access {
            assert!(!caps.is_empty(), "{} {}", route.method, route.path);
            for cap in caps {
                assert!(
                    Role::ALL.iter().any(|r| r.capabilities().contains(cap)),
                    "no role gives {cap:?} ({} {})",
                    route.method,
                    route.path
                );
            }
        }
    }
}

/// The demo user of `force` holding `role`.
fn demo_user(force: &str, role: Role) -> &'static str {
    DEMO_USERS
        .iter()
        .find(|u| u.0 == force && u.5 == role)
        .map(|u| u.1)
        .unwrap_or_else(|| panic!("no {force} user with {role:?}"))
}

/// A read with a stated purpose (restricted records need one).
async fn read(app: &TestApp, path: &str, token: &str) -> bluelamp_tests::Reply {
    app.send(
        Method::GET,
        path,
        Some(token),
        &[(bluelamp_shared::PURPOSE_HEADER, "Checking access across forces")],
        None::<&Value>,
    )
    .await
}

/// Creates a record with an idempotency key and answers its id.
async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> String {
    let r = app
        .post_with_key(path, token, &uuid::Uuid::new_v4().to_string(), &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{path}: {}", r.text);
    r.json::<Value>()["id"].as_str().expect("id").to_owned()
}

/// One Northshire record behind every `{id}` a record-reading route takes, keyed by the route's
/// path, with the Northshire user who may read it.
async fn northshire_records(app: &TestApp) -> HashMap<&'static str, (String, &'static str)> {
    let officer = demo_user("NS", Role::ResponseOfficer);
    let custody = demo_user("NS", Role::CustodyOfficer);
    let builder = demo_user("NS", Role::CaseStaff);
    let admin = demo_user("NS", Role::ForceAdmin);
    let t_officer = app.token(officer).await;
    let t_custody = app.token(custody).await;
    let person = created(
        app,
        &t_officer,
        "/api/v1/people",
        json!({"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"]}),
    )
    .await;
    let organisation = created(
        app,
        &t_officer,
        "/api/v1/organisations",
        json!({"name": "Northby Superstore", "kind": "business"}),
    )
    .await;
    let object = created(
        app,
        &t_officer,
        "/api/v1/objects",
        json!({"kind": "vehicle", "vrm": "AB12 CDE", "make": "Vauxhall"}),
    )
    .await;
    let location = created(
        app,
        &t_officer,
        "/api/v1/locations",
        json!({"kind": "address", "premises": "Unit 4", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"}),
    )
    .await;
    let incident = created(
        app,
        &t_officer,
        "/api/v1/incidents",
        json!({"channel": "call_101", "opening_category": "crime_property", "summary": "Shed broken into, bicycle taken",
               "reported_at": "2026-11-20T09:00:00Z"}),
    )
    .await;
    let crime = created(
        app,
        &t_officer,
        "/api/v1/retail-thefts",
        json!({"store_id": organisation, "new_store_address": {"kind": "address", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"}, "offence_from": "2026-11-20T09:00:00Z",
               "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
               "suspect": {"person_id": person},
               "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}]}),
    )
    .await;
    let report = created(
        app,
        &t_officer,
        "/api/v1/intelligence-reports",
        json!({"text": "Neighbour says Marsh stores stolen bikes in the lock-up behind 4 Canal Row; seen at night",
               "subjects": [{"record": {"kind": "person", "id": person}}], "obtained_at": "2026-11-22T19:30:00Z",
               "obtained_where": "Door-to-door enquiries on Canal Row",
               "source": {"new_source": {"kind": "member_of_public", "name": "Mrs J. Patel", "details": "After 6pm"}},
               "priority": "medium"}),
    )
    .await;
    let refdata: Value = app.get("/api/v1/reference-data", Some(&t_custody)).await.json();
    let suite = refdata["custody_suites"]
        .as_array()
        .expect("suites")
        .iter()
        .find(|s| s["force_code"] == "NS")
        .expect("an NS suite")["id"]
        .as_str()
        .expect("suite id")
        .to_owned();
    let now = chrono::Utc::now();
    let at = |minutes: i64| (now - chrono::Duration::minutes(minutes)).to_rfc3339();
    let custody_record = created(
        app,
        &t_custody,
        "/api/v1/custody-records",
        json!({"person_id": person, "crime_id": crime, "suite_id": suite, "cell": "C3",
               "arrest": {"at": at(300), "place": "Northby Superstore", "officer": "PC 4521 Okafor",
                          "offences": ["theft_shop"], "grounds": "Seen on CCTV leaving with whisky unpaid",
                          "necessity": "To allow the prompt and effective investigation (Code G 2.9(e))"},
               "asn": "26/01NS/01/000123A", "arrived_at": at(280), "decision": "authorised",
               "decided_at": at(275), "decision_reason": "To obtain evidence by questioning",
               "self_defined_ethnicity": "W1", "officer_defined_ethnicity": "W", "nationality": "British"}),
    )
    .await;
    let case_file = created(
        app,
        &app.token(builder).await,
        "/api/v1/case-files",
        json!({"crime_id": crime, "file_type": "gap"}),
    )
    .await;
    let correction = created(
        app,
        &t_officer,
        "/api/v1/corrections",
        json!({"record": {"kind": "person", "id": person}, "source": "data_subject", "field": "date of birth",
               "current_value": "1990-04-02", "proposed_value": "1990-02-04", "reason": "The subject's letter with a passport copy"}),
    )
    .await;
    let reviewer = demo_user("NS", Role::InformationManager);
    let run = app
        .post(
            "/api/v1/retention/runs",
            Some(&app.token(reviewer).await),
            &json!({}),
        )
        .await;
    assert_eq!(run.status, StatusCode::OK, "{}", run.text);
    let me: Value = app.get("/api/v1/me", Some(&t_officer)).await.json();
    let user = me["id"].as_str().expect("user id").to_owned();
    // An agreement between NS and a third force, which WV is no party to.
    let consortium = app.token(demo_user("NS", Role::ConsortiumAdmin)).await;
    let made = app
        .post(
            "/api/v1/forces",
            Some(&consortium),
            &json!({"code": "MR", "name": "Mercia Regional Police", "pnc_code": "23"}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let agreement = created(
        app,
        &app.token(admin).await,
        "/api/v1/agreements",
        json!({"partner_force": "MR", "scopes": ["index"], "starts_on": chrono::Utc::now().date_naive(),
               "purpose": "Regional burglary operation"}),
    )
    .await;
    HashMap::from([
        ("/agreements/{id}", (agreement, admin)),
        ("/users/{id}", (user, admin)),
        ("/people/{id}", (person, officer)),
        ("/corrections/{id}", (correction, officer)),
        ("/organisations/{id}", (organisation, officer)),
        ("/objects/{id}", (object, officer)),
        ("/locations/{id}", (location, officer)),
        ("/incidents/{id}", (incident, officer)),
        ("/retention/reviews/{id}", (crime.clone(), reviewer)),
        ("/crimes/{id}", (crime, officer)),
        ("/intelligence-reports/{id}", (report, officer)),
        ("/custody-records/{id}", (custody_record, custody)),
        ("/custody-suites/{id}/board", (suite, custody)),
        ("/case-files/{id}", (case_file.clone(), builder)),
        ("/case-files/{id}/bundle.pdf", (case_file, builder)),
    ])
}

/// Every route that reads one record by its id answers 404 to a user of a force with no sharing
/// agreement with the owner, whatever their role, while the owner's user reads the same id. A new
/// record-reading route fails here until it is given a record.
async fn another_force_without_an_agreement_gets_404_from_every_record_reading_route(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let records = northshire_records(&app).await;
    app.end_sharing("NS", "WV").await;
    let mut tokens: HashMap<&str, String> = HashMap::new();
    let ns_admin = app.token(demo_user("NS", Role::ForceAdmin)).await;
    let mut checked = 0;
    for route in table() {
        // The CPS's partner routes read what was sent to it, under its own role, not by force.
        if route.method != "GET" || !route.path.contains("{id}") || route.path.starts_with("/cps/") {
            continue;
        }
        let (id, owner) = records
            .get(route.path)
            .unwrap_or_else(|| panic!("no record arranged for GET {}", route.path));
        let path = format!("/api/v1{}", route.path.replace("{id}", id));
        let mine = read(&app, &path, &app.token(owner).await).await;
        assert_eq!(mine.status, StatusCode::OK, "{owner} reads {path}: {}", mine.text);
        for role in route.rule.roles() {
            let user = demo_user("WV", role);
            if !tokens.contains_key(user) {
                tokens.insert(user, app.token(user).await);
            }
            let theirs = read(&app, &path, &tokens[user]).await;
            assert_eq!(
                theirs.status,
                StatusCode::NOT_FOUND,
                "{user} ({role:?}) of WV reads NS {path}: {}",
                theirs.text
            );
            // A plain not-found problem: nothing of the record (its instance is only the path asked).
            assert_eq!(theirs.problem().code, bluelamp_shared::error::ErrorCode::NotFound);
            // ... and the refusal is in the owning force's audit, naming who asked.
            let rid = theirs.header("x-request-id").expect("a request id");
            let log: Value = app
                .get(
                    &format!("/api/v1/audit-events?action=access_refused&record_id={id}&limit=100"),
                    Some(&ns_admin),
                )
                .await
                .json();
            let row = log["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["request_id"] == rid.as_str());
            let row = row.unwrap_or_else(|| panic!("no access_refused row for {user} GET {path}: {log}"));
            assert_eq!(row["actor_username"], user, "{row}");
            checked += 1;
        }
    }
    assert!(checked >= records.len(), "only {checked} reads tried");
    // The asking force's own log does not show the refusals: they would tell it the records exist.
    let wv_admin = app.token(demo_user("WV", Role::ForceAdmin)).await;
    let theirs: Value = app
        .get("/api/v1/audit-events?action=access_refused", Some(&wv_admin))
        .await
        .json();
    assert_eq!(theirs["items"], serde_json::json!([]), "{theirs}");
}

/// Under a sharing agreement's "add" right another force links to the owner's records but never
/// replaces them: every route that changes a shared index record by its id refuses a partner force's
/// user (a new such route fails here until it is tried), and the owner's record, warning marker
/// included, is as it was.
async fn a_partner_force_links_to_but_never_replaces_the_owners_records(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns = app.token(demo_user("NS", Role::Investigator)).await;
    let wv_user = demo_user("WV", Role::Investigator);
    let wv = app.token(wv_user).await;
    let bodies = HashMap::from([
        (
            "/people/{id}",
            json!({"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"],
                                "markers": [{"code": "violent", "set_on": "2026-01-05", "notes": "Assaulted an officer"}]}),
        ),
        (
            "/organisations/{id}",
            json!({"name": "Northby Superstore", "kind": "business"}),
        ),
        (
            "/objects/{id}",
            json!({"kind": "vehicle", "vrm": "AB12 CDE", "make": "Vauxhall"}),
        ),
        (
            "/locations/{id}",
            json!({"kind": "address", "premises": "Unit 4", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"}),
        ),
    ]);
    let mut tried = 0;
    for route in table() {
        let Some(body) = bodies.get(route.path) else {
            continue;
        };
        if route.method != "PUT" {
            continue;
        }
        let collection = route.path.trim_end_matches("/{id}");
        let id = created(&app, &ns, &format!("/api/v1{collection}"), body.clone()).await;
        let path = format!("/api/v1{collection}/{id}");
        let before = read(&app, &path, &ns).await;
        let etag = before.header("etag").expect("an etag");
        // The partner sees the record, and tries to replace it with an emptied copy.
        assert_eq!(read(&app, &path, &wv).await.status, StatusCode::OK, "{path}");
        let mut emptied = body.clone();
        if collection == "/people" {
            emptied["markers"] = json!([]);
            emptied["names"] = json!([{"forename": "Someone", "surname": "Else"}]);
            emptied["dates_of_birth"] = json!(["1991-01-01"]);
        }
        let r = app
            .send(
                Method::PUT,
                &path,
                Some(&wv),
                &[("If-Match", etag.as_str())],
                Some(&emptied),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{wv_user} PUT {path}: {}",
            r.text
        );
        let after = read(&app, &path, &ns).await;
        assert_eq!(after.header("etag"), Some(etag), "{path} changed");
        assert_eq!(after.json::<Value>(), before.json::<Value>(), "{path} changed");
        tried += 1;
    }
    assert_eq!(
        tried,
        bodies.len(),
        "a shared record's update route was not tried"
    );
    let person = created(&app, &ns, "/api/v1/people", bodies["/people/{id}"].clone()).await;
    let person: Value = read(&app, &format!("/api/v1/people/{person}"), &ns).await.json();
    assert_eq!(person["markers"][0]["code"], "violent", "{person}");
    // Merging the owner's person away into the partner's own is a replacement too ...
    let theirs = created(
        &app,
        &wv,
        "/api/v1/people",
        json!({"names": [{"forename": "Dean", "surname": "Marsh"}]}),
    )
    .await;
    let merge = app
        .post(
            &format!("/api/v1/people/{theirs}/merges"),
            Some(&wv),
            &json!({"merged_id": person["id"], "reason": "Same man, same date of birth"}),
        )
        .await;
    assert_eq!(merge.status, StatusCode::FORBIDDEN, "{}", merge.text);
    // Every refused change is in the owner's audit log, with the request that tried it.
    let refused: Value = app
        .get(
            "/api/v1/audit-events?action=access_refused&limit=100",
            Some(&app.token(TestApp::admin_of("NS")).await),
        )
        .await
        .json();
    let changes: Vec<&Value> = refused["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["detail"]
                .as_str()
                .unwrap_or_default()
                .starts_with("Change refused")
        })
        .collect();
    assert_eq!(changes.len(), tried + 1, "{refused}");
    assert!(changes.iter().any(|e| e["record_id"] == person["id"]
        && e["request_id"].as_str() == merge.header("x-request-id").as_deref()));
    assert!(changes.iter().all(|e| e["actor_force"] == "WV"), "{refused}");
    // ... while linking to it is adding, which the agreement allows.
    let link = app
        .post(
            "/api/v1/links",
            Some(&wv),
            &json!({"from": {"kind": "person", "id": theirs}, "to": {"kind": "person", "id": person["id"]}, "reason": "associate"}),
        )
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.text);
}

bluelamp_tests::both_backends!(
    a_partner_force_links_to_but_never_replaces_the_owners_records,
    every_route_enforces_its_rule_for_every_role,
    another_force_without_an_agreement_gets_404_from_every_record_reading_route
);

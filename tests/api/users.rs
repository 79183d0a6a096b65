//! User administration: validation, idempotent creates, optimistic concurrency, force scoping.

use bluelamp_shared::error::ErrorCode;
use bluelamp_shared::paging::Page;
use bluelamp_shared::users::UserDto;
use bluelamp_tests::{Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::json;

fn new_user(username: &str, collar: &str) -> serde_json::Value {
    json!({
        "username": username,
        "display_name": "Olamide Adebayo-Smith",
        "collar_number": collar,
        "rank": "Police Constable",
        "roles": ["response_officer", "investigator"],
        "password": "a perfectly long passphrase"
    })
}

async fn every_invalid_field_is_reported_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let r = app
        .post(
            "/api/v1/users",
            Some(&admin),
            &json!({"username": "X", "display_name": "R2-D2", "collar_number": "1", "rank": "", "roles": [], "password": "short"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let p = r.problem();
    assert_eq!(p.code, ErrorCode::ValidationFailed);
    let got: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("collar_number", "format"),
            ("display_name", "format"),
            ("password", "length"),
            ("rank", "required"),
            ("roles", "required"),
            ("username", "format"),
        ]
    );
    // Missing fields are field errors too, not a parse failure.
    let r = app.post("/api/v1/users", Some(&admin), &json!({})).await;
    assert_eq!(r.problem().errors.len(), 6, "{}", r.text);
    // Taken values are named with the field.
    let r = app
        .post("/api/v1/users", Some(&admin), &new_user("ns.okafor", "4521"))
        .await;
    let p = r.problem();
    let got: Vec<(&str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.path.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(got, vec![("collar_number", "taken"), ("username", "taken")]);
}

async fn create_is_idempotent_with_a_key(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = new_user("ns.adebayo", "7788");
    let h = [("Idempotency-Key", key.as_str())];
    let first = app
        .send(Method::POST, "/api/v1/users", Some(&admin), &h, Some(&body))
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let created: UserDto = first.json();
    assert_eq!(
        first.header("location").unwrap(),
        format!("/api/v1/users/{}", created.id)
    );
    assert_eq!(first.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(created.force.code.0, "NS");
    let again = app
        .send(Method::POST, "/api/v1/users", Some(&admin), &h, Some(&body))
        .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    let replayed: UserDto = again.json();
    assert_eq!(replayed.id, created.id);
    let other = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(&admin),
            &h,
            Some(&new_user("ns.other", "7789")),
        )
        .await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    assert_eq!(other.problem().code, ErrorCode::IdempotencyKeyReused);
    let count = {
        use bluelamp_backend::db::schema::users;
        use diesel::prelude::*;
        let mut c = app.db.get().unwrap();
        users::table
            .filter(users::username.eq("ns.adebayo"))
            .count()
            .get_result::<i64>(&mut *c)
            .unwrap()
    };
    assert_eq!(count, 1);
    // The new user can sign in with the password the administrator set.
    let r = app
        .post(
            "/api/v1/auth/sign-in",
            None,
            &json!({"username": "ns.adebayo", "password": "a perfectly long passphrase"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

async fn concurrent_submits_with_one_key_make_one_user(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("wv.thornton").await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = new_user("wv.racer", "5555");
    let h = [("Idempotency-Key", key.as_str())];
    let (a, b, c) = tokio::join!(
        app.send(Method::POST, "/api/v1/users", Some(&admin), &h, Some(&body)),
        app.send(Method::POST, "/api/v1/users", Some(&admin), &h, Some(&body)),
        app.send(Method::POST, "/api/v1/users", Some(&admin), &h, Some(&body)),
    );
    let ids: Vec<String> = [a, b, c]
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            r.json::<UserDto>().id.to_string()
        })
        .collect();
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
}

async fn stale_updates_are_refused_not_applied(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let page: Page<UserDto> = app.get("/api/v1/users?limit=100", Some(&admin)).await.json();
    let target = page
        .items
        .iter()
        .find(|u| u.username == "ns.nowak")
        .unwrap()
        .clone();
    let path = format!("/api/v1/users/{}", target.id);
    let read = app.get(&path, Some(&admin)).await;
    let etag = read.header("etag").unwrap();
    // No If-Match: refused.
    let r = app
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            &[],
            Some(&json!({"rank": "Senior Analyst"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    // First writer wins.
    let first = app
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            &[("If-Match", &etag)],
            Some(&json!({"rank": "Senior Analyst"})),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text);
    assert_eq!(first.header("etag").as_deref(), Some("\"2\""));
    // Second writer with the old ETag: 412, with the current version, and nothing overwritten.
    let second = app
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            &[("If-Match", &etag)],
            Some(&json!({"rank": "Analyst Grade 2"})),
        )
        .await;
    assert_eq!(second.status, StatusCode::PRECONDITION_FAILED);
    let p = second.problem();
    assert_eq!(p.code, ErrorCode::PreconditionFailed);
    assert_eq!(p.current_etag.as_deref(), Some("\"2\""));
    let now: UserDto = app.get(&path, Some(&admin)).await.json();
    assert_eq!(now.rank, "Senior Analyst");
    assert_eq!(now.version, 2);
    // Invalid values in an update are reported like in a create.
    let bad = app
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            &[("If-Match", "\"2\"")],
            Some(&json!({"rank": "", "roles": []})),
        )
        .await;
    let paths: Vec<String> = bad.problem().errors.into_iter().map(|e| e.path).collect();
    assert_eq!(paths, vec!["rank", "roles"]);
    // The prosecutor's role belongs to the CPS's partner accounts: a force cannot grant it.
    let bad = app
        .send(
            Method::PATCH,
            &path,
            Some(&admin),
            &[("If-Match", "\"2\"")],
            Some(&json!({"roles": ["investigator", "prosecutor"]})),
        )
        .await;
    let errors: Vec<(String, String)> = bad
        .problem()
        .errors
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    assert_eq!(errors, vec![("roles".to_owned(), "partner_role".to_owned())]);
}

async fn administrators_see_only_their_own_force(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    let wv_admin = app.token("wv.thornton").await;
    let ns_users: Page<UserDto> = app.get("/api/v1/users?limit=100", Some(&ns_admin)).await.json();
    // Thirteen officers and staff (the consortium administrator and the information manager among
    // them), and the CPS's partner account registered with Northshire.
    assert_eq!(ns_users.items.len(), 14);
    assert!(ns_users.items.iter().all(|u| u.force.code.0 == "NS"));
    let partners: Vec<&str> = ns_users
        .items
        .iter()
        .filter(|u| u.kind == bluelamp_shared::auth::AccountKind::Partner)
        .map(|u| u.username.as_str())
        .collect();
    assert_eq!(partners, ["cps.harding"]);
    let ns_user = &ns_users.items[0];
    let r = app
        .get(&format!("/api/v1/users/{}", ns_user.id), Some(&wv_admin))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{}", ns_user.id),
            Some(&wv_admin),
            &[("If-Match", "\"1\"")],
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn users_are_paged_with_a_cursor(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/users?limit=4&cursor={c}"),
            None => "/api/v1/users?limit=4".to_owned(),
        };
        let page: Page<UserDto> = app.get(&path, Some(&admin)).await.json();
        pages += 1;
        assert!(page.items.len() <= 4);
        seen.extend(page.items.iter().map(|u| u.display_name.clone()));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(pages, 4);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert_eq!(
        seen.len(),
        14,
        "thirteen officers and staff, and the CPS's partner account"
    );
    let bad = app.get("/api/v1/users?cursor=!!!", Some(&admin)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for limit in ["0", "101", "2147483648"] {
        let r = app
            .get(&format!("/api/v1/users?limit={limit}"), Some(&admin))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{limit}");
        assert_eq!(r.paths(), ["limit:range"], "{limit}");
    }
    let all: Page<UserDto> = app.get("/api/v1/users?limit=100", Some(&admin)).await.json();
    assert_eq!(all.items.len(), 14);
}

async fn count_users(app: &TestApp, admin: &str) -> usize {
    let all: Page<UserDto> = app.get("/api/v1/users?limit=100", Some(admin)).await.json();
    all.items.len()
}

async fn a_csv_file_creates_every_user_or_none(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let before = count_users(&app, &admin).await;
    // One bad file: every fault by line and column, nothing created.
    let bad = "username,display_name,collar_number,rank,roles\n\
               ns.quinn,Ada Quinn,4711,Police Constable,response_officer\n\
               ns.okafor,Bo Okafor,4521,Police Constable,wizard\n\
               ns.quinn,Cy Quinn,4711,Police Constable,investigator\n";
    let r = app
        .post("/api/v1/users/bulk", Some(&admin), &json!({"csv": bad}))
        .await;
    let mut paths = r.paths();
    paths.sort();
    assert_eq!(
        paths,
        [
            "rows.3.collar_number:taken",
            "rows.3.roles:required",
            "rows.3.roles:unknown",
            "rows.3.username:taken",
            "rows.4.collar_number:duplicate",
            "rows.4.username:duplicate",
        ],
        "{}",
        r.text
    );
    assert_eq!(count_users(&app, &admin).await, before);
    // A good file: a dry run creates nothing; the real run creates all, each with a password shown once.
    let good = "roles,username,display_name,collar_number,rank\n\
                response_officer;investigator,ns.quinn,Ada Quinn,4711,Police Constable\n\
                custody_officer,ns.marsh,Cy Marsh,4712,Police Sergeant\n";
    let r = app
        .post(
            "/api/v1/users/bulk",
            Some(&admin),
            &json!({"csv": good, "dry_run": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(count_users(&app, &admin).await, before);
    let r = app
        .post_with_key(
            "/api/v1/users/bulk",
            &admin,
            "bulk-users-0001",
            &json!({"csv": good}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let created: serde_json::Value = r.json();
    let users = created["users"].as_array().unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(
        (users[0]["line"].as_u64(), users[0]["username"].as_str()),
        (Some(2), Some("ns.quinn"))
    );
    assert_eq!(count_users(&app, &admin).await, before + 2);
    let password = users[1]["initial_password"].as_str().unwrap();
    let marsh = app.sign_in_with("ns.marsh", password).await;
    let me: serde_json::Value = app.get("/api/v1/me", Some(&marsh)).await.json();
    assert_eq!(me["roles"], json!(["custody_officer"]), "{me}");
    // A retry replays the answer without the passwords, and creates no one twice.
    let again = app
        .post_with_key(
            "/api/v1/users/bulk",
            &admin,
            "bulk-users-0001",
            &json!({"csv": good}),
        )
        .await;
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    let replayed: serde_json::Value = again.json();
    assert!(replayed["users"][0]["initial_password"].is_null(), "{replayed}");
    assert_eq!(replayed["users"][0]["id"], users[0]["id"]);
    assert_eq!(count_users(&app, &admin).await, before + 2);
    // Every creation is audited; officers may not upload.
    let log: serde_json::Value = app
        .get(
            "/api/v1/audit-events?record_kind=user&action=create&limit=50",
            Some(&admin),
        )
        .await
        .json();
    let bulk = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["detail"]
                .as_str()
                .unwrap_or_default()
                .starts_with("created in bulk")
        })
        .count();
    assert_eq!(bulk, 2, "{log}");
    let officer = app.token("ns.okafor").await;
    let r = app
        .post("/api/v1/users/bulk", Some(&officer), &json!({"csv": good}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

bluelamp_tests::both_backends!(
    a_csv_file_creates_every_user_or_none,
    every_invalid_field_is_reported_at_once,
    create_is_idempotent_with_a_key,
    concurrent_submits_with_one_key_make_one_user,
    stale_updates_are_refused_not_applied,
    administrators_see_only_their_own_force,
    users_are_paged_with_a_cursor,
);

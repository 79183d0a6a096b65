//! The consortium's forces: consortium administrators add a force and its first administrator, who
//! then manages that force only; the command line does the same before anyone can sign in.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::process::binary;
use bluelamp_tests::{Backend, TestApp};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::process::Command;

async fn a_consortium_administrator_adds_a_force_and_its_first_administrator(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let carver = app.token("ns.carver").await;
    let force = json!({"code": "MR", "name": "Mercia Regional Police", "pnc_code": "23"});
    let r = app
        .post_with_key("/api/v1/forces", &carver, "add-mercia-001", &force)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.header("location").as_deref(), Some("/api/v1/forces/MR"));
    let again = app
        .post_with_key("/api/v1/forces", &carver, "add-mercia-001", &force)
        .await;
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    let all: Vec<Value> = app.get("/api/v1/forces", Some(&carver)).await.json();
    let mr = all.iter().find(|f| f["code"] == "MR").expect("listed");
    assert_eq!(
        (mr["name"].as_str(), mr["pnc_code"].as_str()),
        (Some("Mercia Regional Police"), Some("23"))
    );
    // Taken code and PNC code, reported together.
    let r = app
        .post(
            "/api/v1/forces",
            Some(&carver),
            &json!({"code": "NS", "name": "Another", "pnc_code": "23"}),
        )
        .await;
    assert_eq!(r.paths(), ["code:taken", "pnc_code:taken"]);
    let r = app
        .post(
            "/api/v1/forces",
            Some(&carver),
            &json!({"code": "m", "name": "", "pnc_code": "00"}),
        )
        .await;
    assert_eq!(r.paths(), ["code:format", "name:required", "pnc_code:format"]);
    // The first administrator of the new force, who manages it and no other.
    let admin = json!({"username": "mr.reid", "display_name": "Mona Reid", "collar_number": "A1",
                       "rank": "Systems Administrator", "roles": ["force_admin"], "password": "a long enough passphrase"});
    let r = app.post("/api/v1/forces/MR/users", Some(&carver), &admin).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json::<Value>()["force"]["code"], "MR");
    assert_eq!(
        app.post("/api/v1/forces/ZZ/users", Some(&carver), &admin)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mr_admin = app.sign_in_with("mr.reid", "a long enough passphrase").await;
    let users: Value = app.get("/api/v1/users", Some(&mr_admin)).await.json();
    let names: Vec<&str> = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["mr.reid"]);
    let ns_user: Value = app
        .get("/api/v1/users", Some(&app.token("ns.ashworth").await))
        .await
        .json();
    let ns_id = ns_user["items"][0]["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/users/{ns_id}"), Some(&mr_admin))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A new force sees nothing of the others until they agree to share.
    let ns = app.token("ns.okafor").await;
    app.create_person(&ns, json!({"names": [{"forename": "Edwin", "surname": "Quarrie"}], "dates_of_birth": ["1970-01-01"], "gender": "male"}))
        .await;
    let r = app
        .post("/api/v1/forces/MR/users", Some(&carver), &json!({"username": "mr.officer", "display_name": "Mel Ray", "collar_number": "101",
              "rank": "Police Constable", "roles": ["response_officer"], "password": "a long enough passphrase"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let mr_officer = app.sign_in_with("mr.officer", "a long enough passphrase").await;
    assert!(app.search(&mr_officer, "edwin quarrie").await.is_empty());
    // The addition is audited.
    let log: Value = app
        .get(
            "/api/v1/audit-events?record_kind=force&record_id=MR",
            Some(&app.token("ns.ashworth").await),
        )
        .await
        .json();
    assert_eq!(log["items"][0]["action"], "create", "{log}");
}

async fn force_administrators_manage_their_own_force_only(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    let r = app
        .post(
            "/api/v1/forces",
            Some(&ns_admin),
            &json!({"code": "MR", "name": "Mercia Regional Police", "pnc_code": "23"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            "/api/v1/forces/WV/users",
            Some(&ns_admin),
            &json!({"username": "wv.sneak"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A force administrator cannot grant the consortium administrator's role.
    let r = app
        .post("/api/v1/users", Some(&ns_admin), &json!({"username": "ns.climber", "display_name": "Cal Climber", "collar_number": "5150",
              "rank": "Police Constable", "roles": ["consortium_admin"], "password": "a long enough passphrase"}))
        .await;
    assert_eq!(r.problem().code, ErrorCode::ValidationFailed);
    assert_eq!(r.paths(), ["roles:consortium_role"]);
    // Nor may the consortium administrator hand it out through a force.
    let carver = app.token("ns.carver").await;
    let r = app
        .post("/api/v1/forces/WV/users", Some(&carver), &json!({"username": "wv.climber", "display_name": "Cal Climber", "collar_number": "5150",
              "rank": "Police Constable", "roles": ["consortium_admin"], "password": "a long enough passphrase"}))
        .await;
    assert_eq!(r.paths(), ["roles:consortium_role"]);
    // The consortium administrator does not manage a force's records or accounts.
    assert_eq!(
        app.get("/api/v1/users", Some(&carver)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/agreements", Some(&carver)).await.status,
        StatusCode::FORBIDDEN
    );
}

bluelamp_tests::both_backends!(
    a_consortium_administrator_adds_a_force_and_its_first_administrator,
    force_administrators_manage_their_own_force_only,
);

/// `bluelamp force add` on an empty database, before anyone can sign in: the same rules as the API,
/// nothing written when a field is at fault.
#[test]
fn the_command_line_adds_a_force_before_anyone_can_sign_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bl.db").display());
    let run = |args: &[&str]| {
        Command::new(binary())
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .expect("run bluelamp")
    };
    let out = run(&[
        "force",
        "add",
        "--code",
        "MR",
        "--name",
        "Mercia Regional Police",
        "--pnc-code",
        "23",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["force", "add", "--code", "MR", "--name", "M", "--pnc-code", "230"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for fault in [
        "code: A force of the consortium already has that code",
        "name: A force name is 3 to 100",
        "pnc_code: A PNC force code is two digits",
    ] {
        assert!(err.contains(fault), "{fault} missing from: {err}");
    }
    let out = run(&["force", "list"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    let forces: Vec<&str> = listed.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(forces, ["MR\t23\tMercia Regional Police"], "{listed}");
}

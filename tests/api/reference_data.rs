//! Versioned reference lists: the editions the server carries, a newer edition applied by the
//! consortium administrator (checked whole, values retired but kept readable), and force-local values
//! only their force may choose.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn put_edition(app: &TestApp, token: &str, list: &str, etag: &str, body: &Value) -> Reply {
    app.send(
        Method::PUT,
        &format!("/api/v1/reference-data/lists/{list}"),
        Some(token),
        &[("If-Match", etag)],
        Some(body),
    )
    .await
}

/// A list's detail and its ETag.
async fn read_list(app: &TestApp, token: &str, list: &str) -> (Value, String) {
    let r = app
        .get(&format!("/api/v1/reference-data/lists/{list}"), Some(token))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let etag = r.header("etag").expect("an ETag");
    (r.json(), etag)
}

/// The code of a vocabulary as the forms of `token`'s force get it: (active, present).
async fn offered(app: &TestApp, token: &str, vocabulary: &str, code: &str) -> Option<bool> {
    let data: Value = app.get("/api/v1/reference-data", Some(token)).await.json();
    data["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["vocabulary"] == vocabulary && c["code"] == code)
        .map(|c| c["active"].as_bool().unwrap())
}

fn person(gender: &str, vulnerability: Option<&str>) -> Value {
    let mut p = json!({"names": [{"forename": "Imogen", "surname": "Castellane"}],
                       "dates_of_birth": ["1990-02-03"], "gender": gender});
    if let Some(v) = vulnerability {
        p["vulnerabilities"] = json!([{"code": v, "noted_on": "2026-01-05"}]);
    }
    p
}

async fn the_carried_lists_are_in_force_with_their_source_and_version(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.token("ns.okafor").await;
    let lists: Value = app
        .get("/api/v1/reference-data/lists", Some(&officer))
        .await
        .json();
    let by_name = |n: &str| {
        lists
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["list"] == n)
            .unwrap_or_else(|| panic!("{n} in force"))
            .clone()
    };
    assert_eq!(lists.as_array().unwrap().len(), 25);
    let outcomes = by_name("outcome_type");
    assert_eq!(outcomes["version"], "2024-04-01");
    assert!(outcomes["source"].as_str().unwrap().contains("Counting Rules"));
    // Outcome types 1 to 22 and their sub-types are all there, none retired.
    let (detail, _) = read_list(&app, &officer, "outcome_type").await;
    let codes: Vec<&str> = detail["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    for n in 1..=22 {
        assert!(codes.contains(&n.to_string().as_str()), "outcome {n}");
    }
    assert_eq!(outcomes["retired"], 0);
    assert!(by_name("ho_classification")["active"].as_u64().unwrap() > 100);
    assert!(by_name("offence")["active"].as_u64().unwrap() > 60);
    assert!(by_name("nationality")["active"].as_u64().unwrap() > 200);
    // The classification of every offence is one of the classifications in force.
    let (classes, _) = read_list(&app, &officer, "ho_classification").await;
    let (offences, _) = read_list(&app, &officer, "offence").await;
    for o in offences["values"].as_array().unwrap() {
        let c = &o["attributes"]["classification"];
        assert!(
            classes["values"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| &v["code"] == c),
            "{o}"
        );
    }
    // A list that is not Bluelamp's is not found.
    let r = app
        .get("/api/v1/reference-data/lists/colours", Some(&officer))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

async fn a_newer_edition_retires_a_value_that_records_keep(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let officer = app.token("ns.okafor").await;
    let carver = app.token("ns.carver").await;
    let before = app.create_person(&officer, person("non_binary", None)).await;
    let (gender, etag) = read_list(&app, &carver, "gender").await;
    let kept: Vec<Value> = gender["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["code"] != "non_binary")
        .map(|v| json!({"code": v["code"], "label": v["label"]}))
        .collect();
    let edition = json!({"list": "gender", "title": "Gender", "source": "A later edition (test)",
                         "version": "2027-01-01", "values": kept});
    let r = put_edition(&app, &carver, "gender", &etag, &edition).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let applied: Value = r.json();
    assert_eq!(
        (applied["version"].as_str(), applied["retired"].as_u64()),
        (Some("2027-01-01"), Some(1))
    );
    let new_etag = r.header("etag").unwrap();
    assert_ne!(new_etag, etag);
    // The same edition again (a retry) changes nothing and answers the same.
    let again = put_edition(&app, &carver, "gender", &etag, &edition).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(again.header("etag").unwrap(), new_etag);
    // The person keeps the value; it is no longer offered nor accepted for a new record.
    let shown: Value = app
        .get(
            &format!("/api/v1/people/{}", before["id"].as_str().unwrap()),
            Some(&officer),
        )
        .await
        .json();
    assert_eq!(shown["gender"], "non_binary", "{shown}");
    assert_eq!(offered(&app, &officer, "gender", "non_binary").await, Some(false));
    let r = app
        .post("/api/v1/people", Some(&officer), &person("non_binary", None))
        .await;
    assert_eq!(r.paths(), ["gender:unknown_code"], "{}", r.text);
    // An edition no newer than the one in force is refused; a later one brings the value back.
    let old = json!({"list": "gender", "title": "Gender", "source": "Old", "version": "2026-12-31",
                     "values": [{"code": "male", "label": "Male"}]});
    let r = put_edition(&app, &carver, "gender", &new_etag, &old).await;
    assert_eq!(r.paths(), ["version:not_newer"]);
    let mut back = edition.clone();
    back["version"] = json!("2027-01-01.1");
    back["values"]
        .as_array_mut()
        .unwrap()
        .push(json!({"code": "non_binary", "label": "Non-binary"}));
    let r = put_edition(&app, &carver, "gender", &new_etag, &back).await;
    assert_eq!(r.json::<Value>()["retired"], 0, "{}", r.text);
    assert_eq!(offered(&app, &officer, "gender", "non_binary").await, Some(true));
    // The change is audited as the administrator's.
    let audit: Value = app
        .get(
            "/api/v1/audit-events?record_kind=reference_list&limit=50",
            Some(&app.token("ns.ashworth").await),
        )
        .await
        .json();
    assert!(
        audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor_username"] == "ns.carver" && e["record_id"] == "gender"),
        "{audit}"
    );
}

async fn an_edition_with_bad_values_changes_nothing_and_names_every_fault(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let carver = app.token("ns.carver").await;
    let (before, etag) = read_list(&app, &carver, "offence").await;
    let bad = json!({"list": "offence", "title": "Offences", "source": "Test", "version": "2030-01-01",
    "values": [
        {"code": "theft_shop", "label": "Theft from a shop or stall",
         "attributes": {"legislation": "Theft Act 1968 s.1", "classification": "46", "mode_of_trial": "either_way"}},
        {"code": "theft_shop", "label": "", "attributes": {"legislation": "x", "classification": "99Z", "mode_of_trial": "either"}},
        {"code": "no spaces", "label": "x", "attributes": {"legislation": 7, "classification": "46", "mode_of_trial": "summary", "colour": "red"}},
        {"code": "ok_code", "label": "Fine", "attributes": {"classification": "46", "mode_of_trial": "summary"}}
    ]});
    let r = put_edition(&app, &carver, "offence", &etag, &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut paths = r.paths();
    paths.sort();
    assert_eq!(
        paths,
        [
            "values.1.attributes.classification:unknown_code",
            "values.1.attributes.mode_of_trial:unknown_code",
            "values.1.code:duplicate",
            "values.1.label:required",
            "values.2.attributes.colour:unknown_attribute",
            "values.2.attributes.legislation:type",
            "values.2.code:format",
            "values.3.attributes.legislation:required",
        ]
    );
    let (after, etag_after) = read_list(&app, &carver, "offence").await;
    assert_eq!((after, etag_after), (before, etag.clone()), "nothing changed");
    // Who may, and the version check.
    let admin = app.token("ns.ashworth").await;
    assert_eq!(
        put_edition(&app, &admin, "offence", &etag, &bad).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        put_edition(&app, &carver, "offence", "\"999\"", &bad)
            .await
            .status,
        StatusCode::PRECONDITION_FAILED
    );
    let r = app
        .send(
            Method::PUT,
            "/api/v1/reference-data/lists/offence",
            Some(&carver),
            &[],
            Some(&bad),
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    let r = put_edition(&app, &carver, "colours", "*", &bad).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // An edition of one list sent to another is named.
    let r = put_edition(&app, &carver, "outcome_type", "*", &bad).await;
    assert!(r.paths().contains(&"list:mismatch".to_owned()), "{}", r.text);
    // A link reason never changes the kinds it joins (links already use it).
    let (reasons, etag) = read_list(&app, &carver, "link_reason").await;
    let mut values: Vec<Value> = reasons["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| json!({"code": v["code"], "label": v["label"], "attributes": v["attributes"]}))
        .collect();
    values[0]["attributes"]["to_kind"] = json!("object");
    let r = put_edition(
        &app,
        &carver,
        "link_reason",
        &etag,
        &json!({"list": "link_reason", "title": "Link reasons", "source": "Test", "version": "2030-01-01", "values": values}),
    )
    .await;
    assert_eq!(r.paths(), ["values.0.attributes.to_kind:changed"]);
}

async fn a_force_adds_its_own_value_that_only_its_users_choose(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    let body = json!({"code": "street_drinking", "label": "Street-drinking outreach referral"});
    let r = app
        .post_with_key(
            "/api/v1/reference-data/lists/vulnerability/local-values",
            &ns_admin,
            "local-value-0001",
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let list: Value = r.json();
    let value = list["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["code"] == "NS:street_drinking")
        .expect("stored with the force's code in front")
        .clone();
    assert_eq!(
        (value["force"].as_str(), value["active"].as_bool()),
        (Some("NS"), Some(true))
    );
    let again = app
        .post_with_key(
            "/api/v1/reference-data/lists/vulnerability/local-values",
            &ns_admin,
            "local-value-0001",
            &body,
        )
        .await;
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    let r = app
        .post(
            "/api/v1/reference-data/lists/vulnerability/local-values",
            Some(&ns_admin),
            &body,
        )
        .await;
    assert_eq!(r.paths(), ["code:duplicate"]);
    // A national list takes none; every fault at once.
    let r = app
        .post(
            "/api/v1/reference-data/lists/gender/local-values",
            Some(&ns_admin),
            &json!({"code": "has space", "label": ""}),
        )
        .await;
    assert_eq!(
        r.paths(),
        ["list:no_force_values", "code:format", "label:required"]
    );
    // NS's officers are offered it and may record it; WV's see it only as a label.
    let ns_officer = app.token("ns.okafor").await;
    let wv_officer = app.token("wv.begum").await;
    assert_eq!(
        offered(&app, &ns_officer, "vulnerability", "NS:street_drinking").await,
        Some(true)
    );
    assert_eq!(
        offered(&app, &wv_officer, "vulnerability", "NS:street_drinking").await,
        Some(false)
    );
    app.create_person(&ns_officer, person("female", Some("NS:street_drinking")))
        .await;
    let r = app
        .post(
            "/api/v1/people",
            Some(&wv_officer),
            &person("female", Some("NS:street_drinking")),
        )
        .await;
    assert_eq!(r.paths(), ["vulnerabilities.0.code:unknown_code"], "{}", r.text);
    // Only NS retires it; then NS's officers cannot choose it either.
    let (_, etag) = read_list(&app, &ns_admin, "vulnerability").await;
    let retire = "/api/v1/reference-data/lists/vulnerability/local-values/NS:street_drinking/retire";
    let retire_as = |token: String| {
        let etag = etag.clone();
        let app = &app;
        async move {
            app.send(
                Method::POST,
                retire,
                Some(&token),
                &[("If-Match", &etag)],
                None::<&Value>,
            )
            .await
        }
    };
    let r = retire_as(app.token("wv.thornton").await).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = retire_as(ns_admin.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = app
        .post(
            "/api/v1/people",
            Some(&ns_officer),
            &person("female", Some("NS:street_drinking")),
        )
        .await;
    assert_eq!(r.paths(), ["vulnerabilities.0.code:unknown_code"]);
    // An officer cannot add values at all.
    let r = app
        .post(
            "/api/v1/reference-data/lists/vulnerability/local-values",
            Some(&ns_officer),
            &body,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// The command line applies an edition from a file on a database no one has signed in to: a file
/// with faults changes nothing and prints each; a good one is applied and listed.
#[test]
fn the_command_line_imports_an_edition_whole_or_not_at_all() {
    use bluelamp_tests::process::binary;
    use std::process::Command;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bl.db").display());
    let run = |args: &[&str]| {
        Command::new(binary())
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .expect("run bluelamp")
    };
    let bad = dir.path().join("gender-bad.toml");
    std::fs::write(
        &bad,
        "list = \"gender\"\ntitle = \"Gender\"\nsource = \"Test\"\nversion = \"2027-02-30\"\n\n\
         [[values]]\ncode = \"male\"\nlabel = \"\"\n\n[[values]]\ncode = \"male\"\nlabel = \"Male\"\n",
    )
    .unwrap();
    let out = run(&["reference", "import", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for fault in ["version: ", "values.0.label: ", "values.1.code: "] {
        assert!(err.contains(fault), "{fault} missing from: {err}");
    }
    let good = dir.path().join("gender.json");
    std::fs::write(
        &good,
        r#"{"list": "gender", "title": "Gender", "source": "Test", "version": "2027-03-01",
            "values": [{"code": "male", "label": "Male"}, {"code": "female", "label": "Female"}]}"#,
    )
    .unwrap();
    let out = run(&["reference", "import", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("applied gender 2027-03-01: 0 added, 0 changed, 2 retired"),
        "{said}"
    );
    let out = run(&["reference", "list"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    let gender: Vec<&str> = listed.lines().filter(|l| l.starts_with("gender\t")).collect();
    assert_eq!(gender, ["gender\t2027-03-01\t2\t2"], "{listed}");
}

bluelamp_tests::both_backends!(
    the_carried_lists_are_in_force_with_their_source_and_version,
    a_newer_edition_retires_a_value_that_records_keep,
    an_edition_with_bad_values_changes_nothing_and_names_every_fault,
    a_force_adds_its_own_value_that_only_its_users_choose,
);

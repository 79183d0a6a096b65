//! People: validation, duplicates, merge and unmerge, concurrency, restriction, sharing, audit.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::{Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn person(forename: &str, surname: &str, dob: &str) -> Value {
    json!({"names": [{"forename": forename, "surname": surname}], "dates_of_birth": [dob], "gender": "male"})
}

fn paths(r: &bluelamp_tests::Reply) -> Vec<(String, String)> {
    r.problem().errors.into_iter().map(|e| (e.path, e.code)).collect()
}

async fn every_person_rule_has_a_clear_failure(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    let cases: Vec<(Value, Vec<(&str, &str)>)> = vec![
        (json!({"gender": "male"}), vec![("names", "no_identifying_data")]),
        (
            json!({"names": [{"forename": "Mr", "surname": "Smith"}]}),
            vec![("names.0.forename", "title")],
        ),
        (
            json!({"names": [{"forename": "John Paul", "surname": "Smith"}]}),
            vec![("names.0.forename", "one_name")],
        ),
        (
            json!({"names": [{"forename": "J0hn", "surname": "Sm1th"}]}),
            vec![("names.0.forename", "format"), ("names.0.surname", "format")],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "dates_of_birth": ["2999-01-01"]}),
            vec![("dates_of_birth.0", "future_date")],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "dates_of_birth": ["2020-06-01"], "markers": [{"code": "violent", "set_on": "2019-01-01"}]}),
            vec![("dates_of_birth.0", "after_event")],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "identifiers": [
                {"kind": "pnc_id", "value": "123"}, {"kind": "cro_number", "value": "x"}, {"kind": "ni_number", "value": "QQ"}]}),
            vec![
                ("identifiers.0.value", "format"),
                ("identifiers.1.value", "format"),
                ("identifiers.2.value", "format"),
            ],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "contacts": [{"kind": "phone", "value": "call me"}, {"kind": "email", "value": "nope"}]}),
            vec![("contacts.0.value", "format"), ("contacts.1.value", "format")],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "gender": "robot", "markers": [{"code": "grumpy", "set_on": "2020-01-01"}]}),
            vec![("gender", "unknown_code"), ("markers.0.code", "unknown_code")],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "addresses": [{"new_location": {"street": "High Street", "postcode": "XX"}, "reason": "home_address"}]}),
            vec![("addresses.0.new_location.postcode", "format")],
        ),
        (
            json!({"names": [{"surname": "Smith"}], "addresses": [{"new_location": {"street": "High Street", "town": "Northby"}, "reason": "owner_of"}]}),
            vec![("addresses.0.reason", "wrong_kinds")],
        ),
    ];
    for (body, expected) in cases {
        let r = app.post("/api/v1/people", Some(&t), &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        assert_eq!(r.problem().code, ErrorCode::ValidationFailed);
        let got = paths(&r);
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        assert_eq!(got, want, "{body}");
    }
    // An incomplete person (no date of birth, gender or contact) is saved, flagged incomplete.
    let p = app
        .create_person(&t, json!({"names": [{"forename": "Amy", "surname": "Clarke"}]}))
        .await;
    assert_eq!(p["completeness"]["complete"], false);
    assert_eq!(p["completeness"]["missing"].as_array().unwrap().len(), 3);
}

async fn a_complete_person_with_an_address_reads_back(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    let p = app
        .create_person(
            &t,
            json!({
                "names": [{"forename": "Jonathan", "surname": "Smith"}, {"kind": "alias", "forename": "Jonny", "surname": "Smith"}],
                "dates_of_birth": ["1985-03-12"], "gender": "male", "ethnicity": "W1", "nationality": "GBR",
                "identifiers": [{"kind": "pnc_id", "value": "98/123456X"}],
                "contacts": [{"kind": "phone", "value": "07700 900123"}],
                "markers": [{"code": "violent", "set_on": "2024-01-01"}, {"code": "drugs", "set_on": "2020-01-01", "expires_on": "2021-01-01"}],
                "vulnerabilities": [{"code": "mental_health", "noted_on": "2025-05-01"}],
                "photos": [{"reference": "custody-img-0001"}],
                "addresses": [{"new_location": {"premises": "14", "street": "Market Street", "town": "Northby", "postcode": "nb12ab"}, "reason": "home_address"}]
            }),
        )
        .await;
    assert_eq!(p["display_name"], "Jonathan SMITH");
    assert_eq!(p["completeness"]["complete"], true);
    assert_eq!(p["meta"]["force"], "NS");
    assert_eq!(p["links"][0]["label"], "Home address");
    assert_eq!(
        p["links"][0]["other"]["label"],
        "14 Market Street, Northby, NB1 2AB"
    );
    let id = p["id"].as_str().unwrap();
    let read = app.get(&format!("/api/v1/people/{id}"), Some(&t)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    let body: Value = read.json();
    assert_eq!(body["names"].as_array().unwrap().len(), 2);
    assert_eq!(body["identifiers"][0]["value"], "98/123456X");
    // The location shows who lives there, from its side of the link.
    let loc = p["links"][0]["other"]["record"]["id"].as_str().unwrap();
    let l: Value = app
        .get(&format!("/api/v1/locations/{loc}"), Some(&t))
        .await
        .json();
    assert_eq!(l["links"][0]["label"], "Home of");
    assert_eq!(l["links"][0]["other"]["label"], "Jonathan SMITH");
    assert_eq!(
        l["links"][0]["other"]["markers"],
        json!(["Violent"]),
        "only active markers"
    );
}

async fn duplicates_are_suggested_and_ranked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.whitfield").await;
    app.create_person(&t, person("Jonathan", "Smith", "1985-03-12"))
        .await;
    app.create_person(&t, person("John", "Smith", "1990-07-01")).await;
    app.create_person(&t, person("Robert", "Jones", "1979-11-30"))
        .await;
    app.create_person(&t, person("Peter", "Brown", "1985-03-12"))
        .await;
    app.create_person(&t, person("Kathryn", "O'Neill", "2001-02-02"))
        .await;
    let m: Vec<Value> = app
        .post(
            "/api/v1/people/matches",
            Some(&t),
            &json!({"forename": "Jon", "surname": "Smyth", "date_of_birth": "1985-03-12"}),
        )
        .await
        .json();
    let labels: Vec<&str> = m
        .iter()
        .map(|x| x["summary"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"Jonathan SMITH"), "{m:?}");
    assert!(
        !labels.contains(&"Peter BROWN"),
        "same DOB but a different name is noise: {labels:?}"
    );
    assert!(m[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "same date of birth"));
    // Search: spelling, nicknames, order.
    let hits = app.search(&t, "john smith 12/03/1985").await;
    assert_eq!(hits[0].0, "Jonathan SMITH", "{hits:?}");
    assert_eq!(hits[1].0, "John SMITH", "{hits:?}");
    assert!(hits[0].1 > hits[1].1);
    assert!(hits.iter().all(|(l, _)| l.contains("SMITH")), "{hits:?}");
    let bob = app.search(&t, "bob jones").await;
    assert_eq!(bob.first().map(|h| h.0.as_str()), Some("Robert JONES"), "{bob:?}");
    let typo = app.search(&t, "john smtih").await;
    assert!(typo.iter().any(|h| h.0 == "John SMITH"), "{typo:?}");
    let catherine = app.search(&t, "catherine oneill").await;
    assert_eq!(
        catherine.first().map(|h| h.0.as_str()),
        Some("Kathryn O'NEILL"),
        "{catherine:?}"
    );
    assert!(app.search(&t, "zebedee quartermaine").await.is_empty());
    let year = app.search(&t, "smith 1990").await;
    assert_eq!(year.first().map(|h| h.0.as_str()), Some("John SMITH"), "{year:?}");
}

async fn merge_and_unmerge_round_trip(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.whitfield").await;
    let a = app
        .create_person(
            &t,
            json!({"names": [{"forename": "Jonathan", "surname": "Smith"}], "dates_of_birth": ["1985-03-12"],
            "identifiers": [{"kind": "pnc_id", "value": "98/123456X"}]}),
        )
        .await;
    let b = app
        .create_person(&t, json!({"names": [{"forename": "Jon", "surname": "Smyth"}], "dates_of_birth": ["1985-03-12"],
            "markers": [{"code": "weapons", "set_on": "2023-03-01"}],
            "addresses": [{"new_location": {"street": "Mill Lane", "town": "Northby"}, "reason": "current_address"}]}))
        .await;
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    let short = app
        .post(
            &format!("/api/v1/people/{a_id}/merges"),
            Some(&t),
            &json!({"merged_id": b_id, "reason": "same"}),
        )
        .await;
    assert_eq!(paths(&short), vec![("reason".to_owned(), "required".to_owned())]);
    let pc = app.token("ns.okafor").await;
    let forbidden = app
        .post(
            &format!("/api/v1/people/{a_id}/merges"),
            Some(&pc),
            &json!({"merged_id": b_id, "reason": "same person twice"}),
        )
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let merged = app
        .post(
            &format!("/api/v1/people/{a_id}/merges"),
            Some(&t),
            &json!({"merged_id": b_id, "reason": "Same DOB, same PNC photo, alias used"}),
        )
        .await;
    assert_eq!(merged.status, StatusCode::CREATED, "{}", merged.text);
    let m: Value = merged.json();
    assert_eq!(m["moved_items"], 4); // name, date of birth, marker, address link
    let survivor: Value = app.get(&format!("/api/v1/people/{a_id}"), Some(&t)).await.json();
    assert_eq!(survivor["names"].as_array().unwrap().len(), 2);
    assert!(survivor["names"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["forename"] == "Jon" && n["kind"] == "alias"));
    assert_eq!(survivor["markers"][0]["code"], "weapons");
    assert_eq!(survivor["links"].as_array().unwrap().len(), 1);
    let gone: Value = app.get(&format!("/api/v1/people/{b_id}"), Some(&t)).await.json();
    assert_eq!(gone["merged_into"], a_id);
    // The merged record no longer appears on its own in search; the survivor is found by the alias.
    let hits = app.search(&t, "jon smyth").await;
    assert_eq!(hits.iter().filter(|h| h.0.contains("SM")).count(), 1, "{hits:?}");
    let again = app
        .post(
            &format!("/api/v1/people/{a_id}/merges"),
            Some(&t),
            &json!({"merged_id": b_id, "reason": "once more please"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // Unmerge restores both exactly.
    let undo = app
        .post(
            &format!("/api/v1/merges/{}/unmerge", m["id"].as_str().unwrap()),
            Some(&t),
            &json!({}),
        )
        .await;
    assert_eq!(undo.status, StatusCode::OK, "{}", undo.text);
    let a2: Value = app.get(&format!("/api/v1/people/{a_id}"), Some(&t)).await.json();
    let b2: Value = app.get(&format!("/api/v1/people/{b_id}"), Some(&t)).await.json();
    assert_eq!(a2["names"], a["names"]);
    assert_eq!(a2["links"], a["links"]);
    assert_eq!(b2["names"], b["names"]);
    assert_eq!(b2["markers"], b["markers"]);
    assert_eq!(b2["links"], b["links"]);
    assert!(b2["merged_into"].is_null());
    let twice = app
        .post(
            &format!("/api/v1/merges/{}/unmerge", m["id"].as_str().unwrap()),
            Some(&t),
            &json!({}),
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    // Merging again shows each date of birth once; once the survivor is edited, undoing is refused
    // rather than losing the edit.
    let m2: Value = app
        .post(
            &format!("/api/v1/people/{a_id}/merges"),
            Some(&t),
            &json!({"merged_id": b_id, "reason": "Confirmed by fingerprints"}),
        )
        .await
        .json();
    let merged_view = app.get(&format!("/api/v1/people/{a_id}"), Some(&t)).await;
    let etag = merged_view.header("etag").unwrap();
    let mut edited: Value = merged_view.json();
    assert_eq!(edited["dates_of_birth"], json!(["1985-03-12"]));
    edited["gender"] = json!("male");
    let put = app
        .send(
            Method::PUT,
            &format!("/api/v1/people/{a_id}"),
            Some(&t),
            &[("If-Match", &etag)],
            Some(&edited),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text);
    let refused = app
        .post(
            &format!("/api/v1/merges/{}/unmerge", m2["id"].as_str().unwrap()),
            Some(&t),
            &json!({}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    // Both merge and unmerge are in the audit log of each record.
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_kind=person&record_id={b_id}"),
            Some(&admin),
        )
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"merge") && actions.contains(&"unmerge"),
        "{actions:?}"
    );
}

async fn a_second_save_from_a_stale_copy_is_refused_with_what_changed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t1 = app.token("ns.okafor").await;
    let t2 = app.token("ns.whitfield").await;
    let p = app
        .create_person(&t1, person("Amelia", "Hart", "1992-04-04"))
        .await;
    let id = p["id"].as_str().unwrap();
    let path = format!("/api/v1/people/{id}");
    let mut first = p.clone();
    first["gender"] = json!("female");
    let mut second = p.clone();
    second["names"][0]["surname"] = json!("Harte");
    let r1 = app
        .send(
            Method::PUT,
            &path,
            Some(&t1),
            &[("If-Match", "\"1\"")],
            Some(&first),
        )
        .await;
    assert_eq!(r1.status, StatusCode::OK, "{}", r1.text);
    let r2 = app
        .send(
            Method::PUT,
            &path,
            Some(&t2),
            &[("If-Match", "\"1\"")],
            Some(&second),
        )
        .await;
    assert_eq!(r2.status, StatusCode::PRECONDITION_FAILED);
    let prob = r2.problem();
    assert_eq!(prob.current_etag.as_deref(), Some("\"2\""));
    assert_eq!(prob.current.as_ref().unwrap()["gender"], "female");
    let now: Value = app.get(&path, Some(&t1)).await.json();
    assert_eq!(now["names"][0]["surname"], "Hart");
    assert_eq!(now["gender"], "female");
    let no_match = app.send(Method::PUT, &path, Some(&t2), &[], Some(&second)).await;
    assert_eq!(no_match.status, StatusCode::PRECONDITION_REQUIRED);
}

async fn creating_a_person_is_idempotent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    let key = uuid::Uuid::new_v4().to_string();
    let body = person("Oscar", "Fenwick", "1970-01-01");
    let a = app.post_with_key("/api/v1/people", &t, &key, &body).await;
    let b = app.post_with_key("/api/v1/people", &t, &key, &body).await;
    assert_eq!(a.status, StatusCode::CREATED);
    assert_eq!(b.status, StatusCode::CREATED);
    assert_eq!(a.json::<Value>()["id"], b.json::<Value>()["id"]);
    assert_eq!(app.search(&t, "oscar fenwick").await.len(), 1);
}

async fn restricted_people_are_invisible_outside_the_named_group(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let intel = app.token("ns.nowak").await;
    let p = app
        .create_person(
            &intel,
            json!({"names": [{"forename": "Xavier", "surname": "Quill"}], "dates_of_birth": ["1980-01-01"],
                   "restriction": {"restricted": true, "grantees": [{"type": "role", "value": "investigator"}]}}),
        )
        .await;
    let id = p["id"].as_str().unwrap();
    let path = format!("/api/v1/people/{id}");
    // The creator and an investigator of the force see it, with a stated purpose.
    let inv = app.token("ns.whitfield").await;
    let no_purpose = app.get(&path, Some(&inv)).await;
    assert_eq!(no_purpose.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_purpose.problem().errors[0].path, "X-Access-Purpose");
    let ok = app
        .send::<()>(
            Method::GET,
            &path,
            Some(&inv),
            &[("X-Access-Purpose", "Operation Kestrel briefing")],
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(app.search(&inv, "xavier quill").await.len(), 1);
    assert_eq!(app.search(&intel, "xavier quill").await.len(), 1);
    // A response officer of the same force, and anyone of another force, get nothing: no record,
    // no search hit, no duplicate suggestion.
    for user in ["ns.okafor", "wv.carter"] {
        let t = app.token(user).await;
        let r = app
            .send::<()>(
                Method::GET,
                &path,
                Some(&t),
                &[("X-Access-Purpose", "curious")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{user}");
        assert!(app.search(&t, "xavier quill").await.is_empty(), "{user}");
        let m: Vec<Value> = app
            .post(
                "/api/v1/people/matches",
                Some(&t),
                &json!({"forename": "Xavier", "surname": "Quill"}),
            )
            .await
            .json();
        assert!(m.is_empty(), "{user}");
    }
    // The purpose is in the audit log.
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_id={id}&action=read"),
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(log["items"][0]["purpose"], "Operation Kestrel briefing");
}

async fn other_forces_see_only_what_the_sharing_agreement_allows(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns = app.token("ns.okafor").await;
    let wv = app.token("wv.begum").await;
    let p = app
        .create_person(&ns, person("Harriet", "Vance", "1975-05-05"))
        .await;
    let id = p["id"].as_str().unwrap();
    // Shared (the demo consortium shares everything): visible, and WV can add a link; NS stays owner.
    assert_eq!(app.search(&wv, "harriet vance").await.len(), 1);
    let car: Value = app
        .post("/api/v1/objects", Some(&wv), &json!({"kind": "vehicle", "vrm": "WV12 ABC", "make": "Ford", "model": "Focus", "colour": "Blue"}))
        .await
        .json();
    let link = app
        .post("/api/v1/links", Some(&wv), &json!({"from": {"kind": "person", "id": id}, "to": {"kind": "object", "id": car["id"]}, "reason": "driver_of"}))
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.text);
    let seen: Value = app.get(&format!("/api/v1/people/{id}"), Some(&ns)).await.json();
    assert_eq!(seen["meta"]["force"], "NS");
    assert_eq!(seen["links"][0]["other"]["label"], "WV12ABC (Blue Ford Focus)");
    // The NS administrator sees WV's read of the NS record in the NS audit log.
    app.get(&format!("/api/v1/people/{id}"), Some(&wv)).await;
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_id={id}&action=read"),
            Some(&admin),
        )
        .await
        .json();
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor_username"] == "wv.begum"),
        "{log}"
    );
    // NS ends its agreement with WV: WV no longer sees the person anywhere.
    app.end_sharing("NS", "WV").await;
    assert_eq!(
        app.get(&format!("/api/v1/people/{id}"), Some(&wv)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(app.search(&wv, "harriet vance").await.is_empty());
    let link = app
        .post("/api/v1/links", Some(&wv), &json!({"from": {"kind": "person", "id": id}, "to": {"kind": "object", "id": car["id"]}, "reason": "owner_of"}))
        .await;
    assert_eq!(paths(&link), vec![("from.id".to_owned(), "not_found".to_owned())]);
    // And the WV vehicle disappears from NS's view once WV stops sharing its index.
    let seen: Value = app.get(&format!("/api/v1/people/{id}"), Some(&ns)).await.json();
    assert_eq!(seen["links"].as_array().unwrap().len(), 1);
    app.share_only("WV", "NS", &["crimes", "intelligence"]).await;
    let seen: Value = app.get(&format!("/api/v1/people/{id}"), Some(&ns)).await.json();
    assert_eq!(seen["links"].as_array().unwrap().len(), 0);
}

async fn every_read_and_search_is_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    let p = app.create_person(&t, person("Ivy", "Marsh", "1999-09-09")).await;
    let id = p["id"].as_str().unwrap();
    app.get(&format!("/api/v1/people/{id}"), Some(&t)).await;
    app.get(&format!("/api/v1/people/{id}"), Some(&t)).await;
    app.search(&t, "ivy marsh").await;
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_kind=person&record_id={id}"),
            Some(&admin),
        )
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["read", "read", "create"]);
    let searches: Value = app
        .get("/api/v1/audit-events?action=search", Some(&admin))
        .await
        .json();
    assert!(searches["items"].as_array().unwrap().iter().any(|e| e["detail"]
        .as_str()
        .unwrap_or_default()
        .starts_with("q=ivy marsh")));
    let csv = app
        .get(
            &format!("/api/v1/audit-events/export?record_id={id}"),
            Some(&admin),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert_eq!(csv.text.lines().count(), 4, "{}", csv.text);
    assert!(csv
        .text
        .lines()
        .next()
        .unwrap()
        .starts_with("id,occurred_at,actor_username"));
    let exports: Value = app
        .get("/api/v1/audit-events?action=export", Some(&admin))
        .await
        .json();
    assert_eq!(exports["items"].as_array().unwrap().len(), 1);
}

/// Warning markers: any force that may add to a person adds one (it says which force set it); only the
/// owning force ends one, with a reason, and an ended marker stays on the person as history. A full
/// replacement cannot drop one.
async fn warning_markers_are_ended_by_their_owner_with_a_reason_and_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns = app.token("ns.whitfield").await;
    let wv = app.token("wv.begum").await;
    let mut body = person("Dean", "Marsh", "1990-04-02");
    body["markers"] = json!([{"code": "violent", "set_on": "2026-01-05", "notes": "Assaulted an officer"}]);
    let p = app.create_person(&ns, body.clone()).await;
    let id = p["id"].as_str().unwrap().to_owned();
    assert_eq!(p["markers"][0]["set_by_force"], "NS");
    let marker_id = p["markers"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/people/{id}");

    // Another force adds its own marker: attributed to it; adding it again changes nothing.
    let weapons =
        json!({"code": "weapons", "set_on": "2026-02-01", "notes": "Carried a knife in Wessex Vale"});
    let added = app.post(&format!("{path}/markers"), Some(&wv), &weapons).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let v = added.header("etag");
    let again = app.post(&format!("{path}/markers"), Some(&wv), &weapons).await;
    assert_eq!(again.header("etag"), v, "a retry changed the person");
    let now: Value = again.json();
    let theirs: Vec<&Value> = now["markers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["code"] == "weapons")
        .collect();
    assert_eq!(theirs.len(), 1, "{now}");
    assert_eq!(theirs[0]["set_by_force"], "WV");
    let bad = app
        .post(
            &format!("{path}/markers"),
            Some(&wv),
            &json!({"code": "nonsense", "set_on": "2026-02-01"}),
        )
        .await;
    assert_eq!(paths(&bad), vec![("code".to_owned(), "unknown_code".to_owned())]);

    // Only the owner ends a marker, and only with a reason.
    let end = format!("{path}/markers/{marker_id}/end");
    let r = app
        .post(&end, Some(&wv), &json!({"reason": "Not violent in our area"}))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = app.post(&end, Some(&ns), &json!({"reason": "  "})).await;
    assert_eq!(paths(&r), vec![("reason".to_owned(), "required".to_owned())]);

    // A full replacement that leaves the marker out is refused, naming it.
    let current = app.get(&path, Some(&ns)).await;
    let etag = current.header("etag").unwrap();
    let r = app
        .send(
            Method::PUT,
            &path,
            Some(&ns),
            &[("If-Match", etag.as_str())],
            Some(&body_without_markers(&body)),
        )
        .await;
    assert_eq!(
        paths(&r),
        vec![("markers".to_owned(), "ended_not_removed".to_owned())],
        "{}",
        r.text
    );

    let ended = app
        .post(
            &end,
            Some(&ns),
            &json!({"reason": "Reviewed: no violence since 2019"}),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.text);
    let e: Value = ended.json();
    let m = e["markers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == marker_id.as_str())
        .expect("kept")
        .clone();
    assert_eq!(m["ended"]["reason"], "Reviewed: no violence since 2019");
    assert_eq!(m["ended"]["by_force"], "NS");
    // Ending it again for the same reason is a safe retry; for another reason, a conflict.
    let same = app
        .post(
            &end,
            Some(&ns),
            &json!({"reason": "Reviewed: no violence since 2019"}),
        )
        .await;
    assert_eq!(same.status, StatusCode::OK);
    assert_eq!(same.header("etag"), ended.header("etag"));
    let other = app
        .post(&end, Some(&ns), &json!({"reason": "Something else"}))
        .await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    // An ended marker no longer warns in search results, and the owner's log says who did what.
    let hits: Value = app.get("/api/v1/search?q=dean%20marsh", Some(&ns)).await.json();
    let hit = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["summary"]["record"]["id"] == id.as_str())
        .expect("found")
        .clone();
    assert_eq!(hit["summary"]["markers"], json!(["Weapons"]), "{hit}");
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get(
            &format!("/api/v1/audit-events?record_id={id}&action=update"),
            Some(&admin),
        )
        .await
        .json();
    let details: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["detail"].as_str())
        .collect();
    assert!(
        details.iter().any(|d| d.starts_with("marker ended: violent")),
        "{details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("marker added: weapons") && d.ends_with("by WV")),
        "{details:?}"
    );
}

fn body_without_markers(body: &Value) -> Value {
    let mut b = body.clone();
    b["markers"] = json!([]);
    b
}

/// Notes: a partner force whose agreement lets it add to people writes a note on the owner's person
/// (attributed to its officer and force, the owner's data untouched), once per idempotency key; a
/// note is required and at most the shared limit; a read-only partner is refused (and the owner's log
/// says so); a merge carries the notes to the survivor and an unmerge takes them back.
async fn partner_forces_add_attributed_notes_that_follow_merges(backend: Backend) {
    use bluelamp_shared::index::people::notes::NOTE_MAX_CHARS;
    let app = TestApp::spawn(backend).await;
    let ns = app.token("ns.whitfield").await;
    let wv = app.token("wv.begum").await;
    let p = app
        .create_person(&ns, person("Delia", "Crane", "1971-09-30"))
        .await;
    let id = p["id"].as_str().unwrap().to_owned();
    let notes = format!("/api/v1/people/{id}/notes");
    let text = "Known to Wessex Vale response teams as 'Dee';\nuses a mobility scooter.";
    let key = [("Idempotency-Key", "note-3f1c2a9e-0001")];
    let body = json!({"text": format!("  {text} ")});
    let mut replayed = Vec::new();
    for _ in 0..2 {
        let r = app.send(Method::POST, &notes, Some(&wv), &key, Some(&body)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        replayed.push(r.header("idempotent-replayed"));
    }
    assert_eq!(replayed, [None, Some("true".to_owned())]);
    let seen: Value = app.get(&format!("/api/v1/people/{id}"), Some(&ns)).await.json();
    let list = seen["notes"].as_array().unwrap();
    assert_eq!(list.len(), 1, "a retry added the note twice: {seen}");
    assert_eq!(
        list[0]["text"], text,
        "kept as written, without surrounding spaces"
    );
    assert_eq!(list[0]["force"], "WV");
    assert_eq!(list[0]["author"]["display_name"], "Aisha Begum", "{}", list[0]);
    assert_eq!(seen["names"], p["names"], "the owner's data are untouched");
    assert_eq!(seen["meta"]["force"], "NS");

    // Every fault named; nothing written.
    let blank = app.post(&notes, Some(&wv), &json!({"text": " \n "})).await;
    assert_eq!(paths(&blank), vec![("text".to_owned(), "required".to_owned())]);
    let long = app
        .post(
            &notes,
            Some(&wv),
            &json!({"text": "x".repeat(NOTE_MAX_CHARS + 1)}),
        )
        .await;
    assert_eq!(paths(&long), vec![("text".to_owned(), "length".to_owned())]);
    let at_limit = app
        .post(&notes, Some(&ns), &json!({"text": "y".repeat(NOTE_MAX_CHARS)}))
        .await;
    assert_eq!(at_limit.status, StatusCode::CREATED, "{}", at_limit.text);
    let two: Value = at_limit.json();
    assert_eq!(two["notes"].as_array().unwrap().len(), 2);
    assert_eq!(two["notes"][1]["force"], "NS");

    // A partner that may only read is refused, and the owner's log records the refusal.
    app.end_sharing("NS", "WV").await;
    app.agree("NS", "WV", &["index"], "read").await;
    let refused = app
        .post(&notes, Some(&wv), &json!({"text": "Seen in Southam"}))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.text);
    let trail = app.audit_trail("NS", &id).await;
    assert!(
        trail
            .iter()
            .any(|(a, d)| a == "update" && d.contains("note added") && d.ends_with("by WV")),
        "{trail:?}"
    );
    assert!(trail.iter().any(|(a, _)| a == "access_refused"), "{trail:?}");

    // A merge carries the notes to the survivor; an unmerge takes them back.
    let other = app
        .create_person(&ns, person("Delia", "Crane", "1971-09-30"))
        .await;
    let other_id = other["id"].as_str().unwrap();
    let merged = app
        .post(
            &format!("/api/v1/people/{other_id}/merges"),
            Some(&ns),
            &json!({"merged_id": id, "reason": "Same person recorded twice on the same day"}),
        )
        .await;
    assert_eq!(merged.status, StatusCode::CREATED, "{}", merged.text);
    let survivor: Value = app
        .get(&format!("/api/v1/people/{other_id}"), Some(&ns))
        .await
        .json();
    assert_eq!(survivor["notes"].as_array().unwrap().len(), 2, "{survivor}");
    let late = app
        .post(&notes, Some(&ns), &json!({"text": "After the merge"}))
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text);
    let m: Value = merged.json();
    let undo = app
        .post(
            &format!("/api/v1/merges/{}/unmerge", m["id"].as_str().unwrap()),
            Some(&ns),
            &json!({}),
        )
        .await;
    assert_eq!(undo.status, StatusCode::OK, "{}", undo.text);
    let back: Value = app.get(&format!("/api/v1/people/{id}"), Some(&ns)).await.json();
    assert_eq!(back["notes"], two["notes"]);
    let survivor: Value = app
        .get(&format!("/api/v1/people/{other_id}"), Some(&ns))
        .await
        .json();
    assert_eq!(survivor["notes"], json!([]));
}

bluelamp_tests::both_backends!(
    partner_forces_add_attributed_notes_that_follow_merges,
    warning_markers_are_ended_by_their_owner_with_a_reason_and_kept,
    every_person_rule_has_a_clear_failure,
    a_complete_person_with_an_address_reads_back,
    duplicates_are_suggested_and_ranked,
    merge_and_unmerge_round_trip,
    a_second_save_from_a_stale_copy_is_refused_with_what_changed,
    creating_a_person_is_idempotent,
    restricted_people_are_invisible_outside_the_named_group,
    other_forces_see_only_what_the_sharing_agreement_allows,
    every_read_and_search_is_audited,
);

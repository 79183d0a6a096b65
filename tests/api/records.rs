//! Organisations, objects, locations and links: rules, search by identifier, concurrency.

use bluelamp_tests::{Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn errors(r: &bluelamp_tests::Reply) -> Vec<(String, String)> {
    r.problem().errors.into_iter().map(|e| (e.path, e.code)).collect()
}

async fn object_location_and_organisation_rules(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    type Case = (&'static str, Value, Vec<(&'static str, &'static str)>);
    let cases: Vec<Case> = vec![
        (
            "/api/v1/objects",
            json!({"kind": "vehicle"}),
            vec![("vrm", "required")],
        ),
        (
            "/api/v1/objects",
            json!({"kind": "vehicle", "vrm": "TOOLONG99", "vin": "123"}),
            vec![("vin", "format"), ("vrm", "format")],
        ),
        (
            "/api/v1/objects",
            json!({"kind": "telephone", "imei": "490154203237519"}),
            vec![("imei", "checksum")],
        ),
        (
            "/api/v1/objects",
            json!({"kind": "weapon"}),
            vec![("description", "required")],
        ),
        (
            "/api/v1/objects",
            json!({"kind": "property", "description": "Laptop", "value_pence": -5}),
            vec![("value_pence", "range")],
        ),
        (
            "/api/v1/locations",
            json!({"kind": "address", "postcode": "ZZZ"}),
            vec![("postcode", "format"), ("street", "required")],
        ),
        (
            "/api/v1/locations",
            json!({"kind": "point", "latitude": 95.0, "longitude": 0.0}),
            vec![("latitude", "range")],
        ),
        (
            "/api/v1/locations",
            json!({"kind": "area"}),
            vec![("description", "required")],
        ),
        (
            "/api/v1/locations",
            json!({"kind": "address", "street": "High St", "town": "Northby", "uprn": "12a"}),
            vec![("uprn", "format")],
        ),
        (
            "/api/v1/organisations",
            json!({"kind": "spaceship"}),
            vec![("kind", "unknown_code"), ("name", "required")],
        ),
        (
            "/api/v1/organisations",
            json!({"name": "Northby Superstore", "kind": "business", "email": "x"}),
            vec![("email", "format")],
        ),
    ];
    for (path, body, want) in cases {
        let r = app.post(path, Some(&t), &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path} {body}: {}",
            r.text
        );
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(errors(&r), want, "{path} {body}");
    }
    let nfa = app
        .post("/api/v1/locations", Some(&t), &json!({"kind": "no_fixed_abode"}))
        .await;
    assert_eq!(nfa.status, StatusCode::CREATED);
    assert_eq!(nfa.json::<Value>()["label"], "No fixed abode");
}

async fn identifiers_postcodes_streets_and_names_are_searchable(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    for body in [
        json!({"kind": "vehicle", "vrm": "ab12 cde", "make": "Vauxhall", "model": "Corsa", "colour": "Silver"}),
        json!({"kind": "telephone", "phone_number": "07700 900456", "imei": "490154203237518"}),
    ] {
        assert_eq!(
            app.post("/api/v1/objects", Some(&t), &body).await.status,
            StatusCode::CREATED
        );
    }
    let shop = app
        .post(
            "/api/v1/organisations",
            Some(&t),
            &json!({"name": "Northby Superstore", "kind": "business", "phone": "01632 960001"}),
        )
        .await;
    assert_eq!(shop.status, StatusCode::CREATED);
    let loc = app.post("/api/v1/locations", Some(&t), &json!({"premises": "Unit 3", "street": "Harbour Road", "town": "Northby", "postcode": "NB4 7QT"})).await;
    assert_eq!(loc.status, StatusCode::CREATED);
    let premises = app
        .post("/api/v1/links", Some(&t), &json!({"from": {"kind": "organisation", "id": shop.json::<Value>()["id"]}, "to": {"kind": "location", "id": loc.json::<Value>()["id"]}, "reason": "premises"}))
        .await;
    assert_eq!(premises.status, StatusCode::CREATED, "{}", premises.text);
    assert_eq!(
        app.search(&t, "AB12CDE").await.first().map(|h| h.0.clone()),
        Some("AB12CDE (Silver Vauxhall Corsa)".to_owned())
    );
    assert_eq!(app.search(&t, "ab12 cde").await.len(), 1);
    assert_eq!(
        app.search(&t, "+44 7700 900456")
            .await
            .first()
            .map(|h| h.0.clone()),
        Some("07700 900456".to_owned())
    );
    assert_eq!(app.search(&t, "490154203237518").await.len(), 1);
    assert_eq!(
        app.search(&t, "nb47qt").await.first().map(|h| h.0.clone()),
        Some("Unit 3 Harbour Road, Northby, NB4 7QT".to_owned())
    );
    assert!(app
        .search(&t, "harbour road")
        .await
        .iter()
        .any(|h| h.0.contains("Harbour Road")));
    assert_eq!(
        app.search(&t, "northby super").await.first().map(|h| h.0.clone()),
        Some("Northby Superstore".to_owned())
    );
    assert!(app.search(&t, "ZZ99 ZZZ").await.is_empty());
    // A search needs an index role.
    let admin = app.token("ns.ashworth").await;
    assert_eq!(
        app.get("/api/v1/search?q=northby", Some(&admin)).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn links_follow_the_vocabulary(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    let p: Value = app
        .create_person(&t, json!({"names": [{"forename": "Dana", "surname": "Fox"}]}))
        .await;
    let car: Value = app
        .post(
            "/api/v1/objects",
            Some(&t),
            &json!({"kind": "vehicle", "vrm": "FX70 AAA"}),
        )
        .await
        .json();
    let me = json!({"kind": "person", "id": p["id"]});
    let it = json!({"kind": "object", "id": car["id"]});
    let cases = vec![
        (
            json!({"from": me, "to": it, "reason": "teleported"}),
            vec![("reason", "unknown_code")],
        ),
        (
            json!({"from": me, "to": it, "reason": "home_address"}),
            vec![("reason", "wrong_kinds")],
        ),
        (
            json!({"from": me, "to": me, "reason": "associate"}),
            vec![("to", "self_link")],
        ),
        (
            json!({"from": me, "to": {"kind": "object", "id": uuid::Uuid::new_v4()}, "reason": "owner_of"}),
            vec![("to.id", "not_found")],
        ),
        (
            json!({"from": me, "to": it, "reason": "owner_of", "valid_from": "2024-02-01", "valid_to": "2024-01-01"}),
            vec![("valid_to", "before_start")],
        ),
    ];
    for (body, want) in cases {
        let r = app.post("/api/v1/links", Some(&t), &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.text);
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(errors(&r), want, "{body}");
    }
    let ok = app
        .post(
            "/api/v1/links",
            Some(&t),
            &json!({"from": me, "to": it, "reason": "owner_of", "valid_from": "2024-01-01"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.text);
    let car_view: Value = app
        .get(
            &format!("/api/v1/objects/{}", car["id"].as_str().unwrap()),
            Some(&t),
        )
        .await
        .json();
    assert_eq!(car_view["links"][0]["label"], "Owned by");
    assert_eq!(car_view["links"][0]["valid_from"], "2024-01-01");
}

async fn records_update_with_if_match(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.okafor").await;
    let car: Value = app
        .post(
            "/api/v1/objects",
            Some(&t),
            &json!({"kind": "vehicle", "vrm": "OLD1 AAA"}),
        )
        .await
        .json();
    let path = format!("/api/v1/objects/{}", car["id"].as_str().unwrap());
    let r = app
        .send(
            Method::PUT,
            &path,
            Some(&t),
            &[("If-Match", "\"1\"")],
            Some(&json!({"kind": "vehicle", "vrm": "NEW1 BBB"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.header("etag").as_deref(), Some("\"2\""));
    let stale = app
        .send(
            Method::PUT,
            &path,
            Some(&t),
            &[("If-Match", "\"1\"")],
            Some(&json!({"kind": "vehicle", "vrm": "LOST1 CC"})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.problem().current.unwrap()["vrm"], "NEW1BBB");
    let bad = app
        .send(
            Method::PUT,
            &path,
            Some(&t),
            &[("If-Match", "\"2\"")],
            Some(&json!({"kind": "vehicle", "vrm": "!!"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The refused update changed nothing, not even the version.
    let now = app.get(&path, Some(&t)).await;
    assert_eq!(now.header("etag").as_deref(), Some("\"2\""));
    assert!(app.search(&t, "NEW1BBB").await.len() == 1);
    assert!(app.search(&t, "OLD1AAA").await.is_empty());
}

bluelamp_tests::both_backends!(
    object_location_and_organisation_rules,
    identifiers_postcodes_streets_and_names_are_searchable,
    links_follow_the_vocabulary,
    records_update_with_if_match,
);

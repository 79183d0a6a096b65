//! The committed OpenAPI document must match what the code generates.

use bluelamp_tests::workspace_root;

#[test]
fn committed_openapi_document_matches_the_code() {
    let generated = bluelamp_backend::openapi::json();
    let path = workspace_root().join("openapi/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write openapi.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is out of date: regenerate it with `UPDATE_OPENAPI=1 cargo test -p bluelamp-tests --test api openapi` (or `bluelamp openapi > openapi/openapi.json`) and commit it"
    );
}

#[test]
fn every_route_is_documented_with_its_errors() {
    let doc: serde_json::Value = serde_json::from_str(&bluelamp_backend::openapi::json()).expect("json");
    for route in bluelamp_backend::routes::table() {
        let path = format!("/api/v1{}", route.path);
        let op = &doc["paths"][&path][route.method.to_lowercase()];
        assert!(
            op.is_object(),
            "{} {path} is not in the OpenAPI document",
            route.method
        );
        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|k| k.starts_with('4')),
            "{} {path} documents no error response",
            route.method
        );
        let secured = op["security"].is_array();
        let public = route.rule.access == bluelamp_backend::kernel::auth::Access::Public;
        assert_eq!(
            secured, !public,
            "{} {path}: security declaration does not match its access rule",
            route.method
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Operation ids are unique (client generators name methods after them).
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|p| p.as_object().expect("operations").values())
        .map(|op| op["operationId"].as_str().expect("operationId"))
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate operationId in the OpenAPI document");
}

/// The property `schema.property` of a document's component schemas (looking into the parts of an
/// `allOf`), or `Null`.
fn property<'a>(doc: &'a serde_json::Value, schema: &str, property: &str) -> &'a serde_json::Value {
    let s = &doc["components"]["schemas"][schema];
    if s["properties"][property].is_object() {
        return &s["properties"][property];
    }
    s["allOf"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|part| &part["properties"][property])
        .find(|p| p.is_object())
        .unwrap_or(&serde_json::Value::Null)
}

/// Checks that `doc` carries every bound of the shared rules' table, exactly: each bound the table
/// gives, and no length or item bound it does not (a numeric bound the type itself gives, such as
/// `minimum: 0` for an unsigned number, may stay).
fn assert_carries_the_rules_bounds(doc: &serde_json::Value) {
    use bluelamp_shared::bounds::BOUNDS;
    for b in BOUNDS {
        let at = format!("{}.{}", b.schema, b.property);
        let p = property(doc, b.schema, b.property);
        assert!(p.is_object(), "{at} is not in the document");
        let count = |key: &str| p[key].as_u64().map(|n| n as usize);
        assert_eq!(count("minLength"), b.min_length, "{at} minLength");
        assert_eq!(count("maxLength"), b.max_length, "{at} maxLength");
        assert_eq!(count("minItems"), b.min_items, "{at} minItems");
        assert_eq!(count("maxItems"), b.max_items, "{at} maxItems");
        for (key, want) in [("minimum", b.minimum), ("maximum", b.maximum)] {
            if let Some(want) = want {
                assert_eq!(p[key].as_f64(), Some(want.as_f64()), "{at} {key}");
            }
        }
    }
}

#[test]
fn openapi_request_schemas_carry_the_bounds_the_rules_enforce() {
    let doc: serde_json::Value = serde_json::from_str(&bluelamp_backend::openapi::json()).expect("json");
    assert_carries_the_rules_bounds(&doc);
    // Two spot checks of what the table gives, against the constants of the rules themselves.
    assert_eq!(
        property(&doc, "CrimeInput", "modus_operandi")["maxLength"],
        serde_json::json!(bluelamp_shared::investigation::MAX_MO_CHARS)
    );
    assert_eq!(
        property(&doc, "RetailTheftRequest", "modus_operandi")["minLength"],
        serde_json::json!(bluelamp_shared::investigation::MIN_MO_CHARS)
    );
}

/// The document served and the rules agree at the edges: a modus operandi and an incident summary
/// of the documented `maxLength` are accepted, one character more is refused naming the field.
async fn bounds_in_the_served_document_hold_at_the_edges(backend: bluelamp_tests::Backend) {
    use bluelamp_shared::investigation::{MAX_MO_CHARS, MAX_SUMMARY_CHARS};
    use reqwest::StatusCode;
    use serde_json::json;
    let app = bluelamp_tests::TestApp::spawn(backend).await;
    let served = app.get("/api/openapi.json", None).await;
    assert_eq!(served.status, StatusCode::OK);
    let doc: serde_json::Value = served.json();
    assert_carries_the_rules_bounds(&doc);
    let documented = |schema: &str, field: &str| {
        property(&doc, schema, field)["maxLength"]
            .as_u64()
            .expect("maxLength") as usize
    };
    assert_eq!(documented("CrimeInput", "modus_operandi"), MAX_MO_CHARS);
    assert_eq!(documented("IncidentInput", "summary"), MAX_SUMMARY_CHARS);
    let okafor = app.token("ns.okafor").await;

    let crime = |n: usize| json!({"crime": {"modus_operandi": "m".repeat(n)}});
    let r = app
        .post("/api/v1/crimes", Some(&okafor), &crime(MAX_MO_CHARS))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = app
        .post("/api/v1/crimes", Some(&okafor), &crime(MAX_MO_CHARS + 1))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.paths(), ["modus_operandi:length"]);

    let incident = |n: usize| json!({"channel": "call_101", "opening_category": "crime_property", "summary": "s".repeat(n)});
    let r = app
        .post("/api/v1/incidents", Some(&okafor), &incident(MAX_SUMMARY_CHARS))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = app
        .post(
            "/api/v1/incidents",
            Some(&okafor),
            &incident(MAX_SUMMARY_CHARS + 1),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.paths(), ["summary:length"]);
}

bluelamp_tests::both_backends!(bounds_in_the_served_document_hold_at_the_edges);

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

//! Health probes, metrics, the explorer and the app shell being served.

use bluelamp_tests::{Backend, TestApp};
use reqwest::StatusCode;

async fn health_probes_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let live = app.get("/health/live", None).await;
    assert_eq!(live.status, StatusCode::OK);
    let ready = app.get("/health/ready", None).await;
    assert_eq!(ready.status, StatusCode::OK);
    let body: serde_json::Value = ready.json();
    let expected = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
}

async fn metrics_count_requests_per_route(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.token("ns.okafor").await;
    app.get("/api/v1/me", Some(&token)).await;
    app.get("/api/v1/me", Some(&token)).await;
    let m = app.get("/metrics", None).await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(m
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/plain"));
    let line = m
        .text
        .lines()
        .find(|l| {
            l.starts_with("bluelamp_http_requests_total{")
                && l.contains("endpoint=\"/api/v1/me\"")
                && l.contains("status=\"200\"")
        })
        .unwrap_or_else(|| panic!("no request counter for /api/v1/me in\n{}", m.text));
    assert!(line.ends_with(" 2"), "{line}");
    assert!(m
        .text
        .contains("bluelamp_http_requests_duration_seconds_bucket{endpoint=\"/api/v1/me\""));
}

async fn explorer_and_spec_are_served_without_internet(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let spec = app.get("/api/openapi.json", None).await;
    assert_eq!(spec.status, StatusCode::OK);
    let doc: serde_json::Value = spec.json();
    assert!(doc["paths"]["/api/v1/auth/sign-in"]["post"].is_object());
    let redirect = app.get("/api/docs", None).await;
    assert_eq!(redirect.status, StatusCode::PERMANENT_REDIRECT);
    let page = app.get("/api/docs/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("swagger"), "{}", page.text);
    // Every script and stylesheet the page names is served by us: nothing comes from a CDN.
    assert!(
        !page.text.contains("https://"),
        "explorer page refers to the internet:\n{}",
        page.text
    );
    for asset in ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-initializer.js"] {
        let r = app.get(&format!("/api/docs/{asset}"), None).await;
        assert_eq!(r.status, StatusCode::OK, "{asset}");
    }
    let init = app.get("/api/docs/swagger-initializer.js", None).await;
    assert!(init.text.contains("/api/openapi.json"));
}

async fn security_headers_and_request_ids_on_every_response(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for path in ["/health/live", "/api/v1/me", "/api/v1/nowhere"] {
        let r = app.get(path, None).await;
        let csp = r.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options").as_deref(), Some("nosniff"));
        assert_eq!(r.header("x-frame-options").as_deref(), Some("DENY"));
        assert!(r.header("x-request-id").is_some_and(|v| !v.is_empty()), "{path}");
    }
}

bluelamp_tests::both_backends!(
    health_probes_answer,
    metrics_count_requests_per_route,
    explorer_and_spec_are_served_without_internet,
    security_headers_and_request_ids_on_every_response,
);

//! API conventions: problem details for everything a client can send, never a 500.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::{Backend, TestApp};
use reqwest::{Method, StatusCode};

async fn unreadable_requests_get_problem_details(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let url = format!("{}/api/v1/users", app.address);
    let send = |body: Vec<u8>, ct: &'static str| {
        app.client
            .post(url.clone())
            .bearer_auth(&admin)
            .header("content-type", ct)
            .body(body)
            .send()
    };
    let cases: Vec<(Vec<u8>, &str, StatusCode, ErrorCode)> = vec![
        (
            b"{not json".to_vec(),
            "application/json",
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedRequest,
        ),
        (
            b"{\"roles\": [\"chief_constable\"]}".to_vec(),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
        ),
        (
            b"{\"username\": 42}".to_vec(),
            "application/json",
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedRequest,
        ),
        (
            b"username=x".to_vec(),
            "application/x-www-form-urlencoded",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
        ),
        (
            vec![b' '; 2 * 1024 * 1024],
            "application/json",
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
        ),
    ];
    for (body, ct, status, code) in cases {
        let res = send(body, ct).await.expect("sent");
        assert_eq!(res.status(), status);
        assert_eq!(res.headers()["content-type"], "application/problem+json");
        let p: bluelamp_shared::error::Problem = res.json().await.expect("problem");
        assert_eq!(p.code, code);
        assert_eq!(p.instance.as_deref(), Some("/api/v1/users"));
        assert!(p.request_id.is_some());
    }
}

async fn unknown_paths_and_methods_and_ids(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let r = app.get("/api/v1/no-such-thing", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.problem().code, ErrorCode::NotFound);
    let r = app
        .send::<()>(Method::DELETE, "/api/v1/users", Some(&admin), &[], None)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.problem().code, ErrorCode::MethodNotAllowed);
    assert_eq!(r.header("allow").as_deref(), Some("GET, POST"));
    let r = app
        .send::<()>(
            Method::DELETE,
            "/api/v1/people/00000000-0000-0000-0000-000000000000",
            Some(&admin),
            &[],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.header("allow").as_deref(), Some("GET, PUT"));
    for id in [
        "not-a-uuid",
        "00000000-0000-0000-0000-000000000000",
        "%00",
        "1%27%20OR%201=1",
    ] {
        let r = app.get(&format!("/api/v1/users/{id}"), Some(&admin)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}: {}", r.text);
    }
    let r = app.get("/api/v1/users?limit=abc", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app.get("/api/v1/audit-events?action=explode", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .send(
            Method::POST,
            "/api/v1/users",
            Some(&admin),
            &[("Idempotency-Key", "short")],
            Some(&serde_json::json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .send(
            Method::PATCH,
            "/api/v1/users/00000000-0000-0000-0000-000000000000",
            Some(&admin),
            &[("If-Match", "banana")],
            Some(&serde_json::json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // A health probe has GET only; any other method is 405 naming it.
    let r = app
        .send::<()>(Method::TRACE, "/health/live", None, &[], None)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.header("allow").as_deref(), Some("GET"));
    // A literal path is its own resource, not an id of its neighbour `/people/{id}`.
    let r = app
        .send::<()>(Method::OPTIONS, "/api/v1/people/matches", Some(&admin), &[], None)
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.header("allow").as_deref(), Some("POST"));
}

/// `If-Match: *` is true whenever the record exists (RFC 9110 §13.1.1): the write goes ahead whatever
/// the current version; an ETag this server did not issue is still refused.
async fn if_match_star_writes_whatever_version_is_current(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let pc = app.token("ns.whitfield").await;
    let person = app
        .create_person(
            &pc,
            serde_json::json!({"names": [{"forename": "Ada", "surname": "Quill"}]}),
        )
        .await;
    let path = format!("/api/v1/people/{}", person["id"].as_str().unwrap());
    let body = serde_json::json!({"names": [{"forename": "Ada", "surname": "Quill-Marsh"}]});
    for _ in 0..2 {
        let r = app
            .send(Method::PUT, &path, Some(&pc), &[("If-Match", "*")], Some(&body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let now = app.get(&path, Some(&pc)).await;
    assert_eq!(now.header("etag").as_deref(), Some("\"3\""));
    let stale = app
        .send(
            Method::PUT,
            &path,
            Some(&pc),
            &[("If-Match", "\"1\"")],
            Some(&body),
        )
        .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let missing = app
        .send(
            Method::PUT,
            "/api/v1/people/00000000-0000-0000-0000-000000000000",
            Some(&pc),
            &[("If-Match", "*")],
            Some(&body),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn the_app_shell_is_served_for_client_routes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let built = bluelamp_tests::workspace_root()
        .join("frontend/dist/index.html")
        .is_file();
    assert!(built, "frontend/dist is not built: run `cargo run -p bluelamp-xtask -- build --release` first (the test command does)");
    for path in ["/", "/sign-in", "/custody", "/admin"] {
        let r = app.get(path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(r.text.contains("<html"), "{path}");
    }
    let r = app.get("/api/v2/anything", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.problem().code, ErrorCode::NotFound);
}

/// Every body is read one way: a control character in any string is a field error (PostgreSQL text
/// cannot hold NUL), and a value of the wrong type, range or format names its field in API terms and
/// never a Rust type.
async fn bodies_name_the_field_at_fault_and_refuse_control_characters(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let pc = app.token("ns.okafor").await;
    let nul = app
        .post(
            "/api/v1/crimes",
            Some(&pc),
            &serde_json::json!({"modus_operandi": "Took the items\u{0000} and left", "summary": "tab\tand\nline are fine"}),
        )
        .await;
    assert_eq!(nul.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", nul.text);
    assert_eq!(nul.paths(), ["modus_operandi:control_character"]);
    let bell = app
        .post(
            "/api/v1/people",
            Some(&pc),
            &serde_json::json!({"names": [{"forename": "De\u{0007}an", "surname": "Marsh"}]}),
        )
        .await;
    assert_eq!(bell.paths(), ["names.0.forename:control_character"]);
    // The same in a query string (PostgreSQL text cannot hold NUL).
    let q = app.get("/api/v1/search?q=Dean%00Marsh&limit=5", Some(&pc)).await;
    assert_eq!(q.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", q.text);
    assert_eq!(q.paths(), ["q:control_character"]);
    // Wrong types (400), ranges and formats (422), each naming the field, with no parser or Rust text.
    let cases = [
        (
            "/api/v1/incidents",
            serde_json::json!({"channel": "call_101", "summary": "x", "reported_at": "2026-02-30T10:00:00Z"}),
            "reported_at:format",
        ),
        (
            "/api/v1/incidents",
            serde_json::json!({"channel": "call_101", "summary": "x", "qualifiers": "repeat_victim"}),
            "qualifiers:type",
        ),
        (
            "/api/v1/incidents",
            serde_json::json!({"summary": 7}),
            "summary:type",
        ),
        ("/api/v1/incidents", serde_json::json!([1, 2]), "body:type"),
        // A person's fields are flattened into the request, which hides the field's path: the answer
        // still names no Rust type.
        (
            "/api/v1/people",
            serde_json::json!({"names": [{"surname": "Marsh"}], "estimated_age": {"min": -1, "max": 30}}),
            "body:range",
        ),
    ];
    for (path, body, want) in cases {
        let r = app.post(path, Some(&pc), &body).await;
        // A value of the wrong JSON type is unreadable (400); the right type with a value the field
        // does not take (a date that does not exist, a number out of range) breaks a rule (422).
        let (status, code) = if want.ends_with(":type") {
            (StatusCode::BAD_REQUEST, ErrorCode::MalformedRequest)
        } else {
            (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed)
        };
        assert_eq!(r.status, status, "{body}: {}", r.text);
        assert_eq!(r.problem().code, code);
        assert_eq!(r.paths(), [want], "{body}: {}", r.text);
        for leak in [
            "struct",
            "u8",
            "line 1",
            "column",
            "Request",
            "NaiveDate",
            "DateTime",
        ] {
            assert!(!r.text.contains(leak), "{body}: {leak} in {}", r.text);
        }
    }
    // JSON has one number type: a whole number written as 1500.0 is the integer 1500.
    let car = app
        .post(
            "/api/v1/objects",
            Some(&pc),
            &serde_json::json!({"kind": "property", "description": "Bicycle", "value_pence": 1500.0}),
        )
        .await;
    assert_eq!(car.status, StatusCode::CREATED, "{}", car.text);
    assert_eq!(car.json::<serde_json::Value>()["value_pence"], 1500);
    let half = app
        .post(
            "/api/v1/objects",
            Some(&pc),
            &serde_json::json!({"kind": "property", "description": "Bicycle", "value_pence": 1500.5}),
        )
        .await;
    assert_eq!(half.paths(), ["value_pence:type"], "{}", half.text);
}

bluelamp_tests::both_backends!(
    bodies_name_the_field_at_fault_and_refuse_control_characters,
    unreadable_requests_get_problem_details,
    unknown_paths_and_methods_and_ids,
    if_match_star_writes_whatever_version_is_current,
    the_app_shell_is_served_for_client_routes,
);

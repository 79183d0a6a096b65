//! The OpenAPI document is the contract: Schemathesis (installed by the test command from PyPI, found
//! through `BLUELAMP_SCHEMATHESIS`) fuzzes the real server on each database, signed in as a user of
//! each role, and every check must pass: no server error, no undocumented status, content type or
//! header, every body as its schema says, invalid requests refused, 405 with `Allow` for a method a
//! path lacks. The settings and the reasons for each are in `tests/conformance/schemathesis.toml`.

use bluelamp_shared::auth::Role;
use bluelamp_tests::{workspace_root, Backend, TestApp, DEMO_USERS};
use std::process::Command;

/// Test cases per operation and role: bounded so the whole run stays a few minutes on two cores. One
/// worker: Python 3.11's parser is not safe to use from two threads, which Schemathesis would do.
const EXAMPLES_PER_OPERATION: &str = "6";

/// One user of each role of one force, and the prosecutor.
fn one_user_per_role() -> Vec<&'static str> {
    let mut users: Vec<&'static str> = Vec::new();
    for role in Role::ALL {
        if let Some(u) = DEMO_USERS
            .iter()
            .find(|u| u.5 == role && (u.0 == "NS" || role == Role::Prosecutor))
        {
            users.push(u.1);
        }
    }
    users
}

async fn the_api_does_what_its_openapi_document_says(backend: Backend) {
    let st = std::env::var("BLUELAMP_SCHEMATHESIS").expect(
        "BLUELAMP_SCHEMATHESIS must name Schemathesis's `st` (the test command installs it: bash .ci/test)",
    );
    // Sign-in is rate-limited per address; the fuzzer signs in from one address many times over.
    let app = TestApp::spawn_with(backend, |s| s.auth.public_requests_per_minute = 1_000_000).await;
    let root = workspace_root();
    let users = one_user_per_role();
    assert!(users.len() >= 8, "{users:?}");
    let mut failed = Vec::new();
    for user in users {
        let token = app.token(user).await;
        // Signing out ends the session the other operations use, so it is fuzzed last, on its own.
        for operations in [
            ["--exclude-operation-id", "auth_sign_out"],
            ["--include-operation-id", "auth_sign_out"],
        ] {
            let out = Command::new(&st)
                .current_dir(root.join("tests/conformance"))
                .args(["run", "../../openapi/openapi.json", "--url", &app.address])
                .args(["--header", &format!("Authorization: Bearer {token}")])
                .args(operations)
                .args([
                    "--max-examples",
                    EXAMPLES_PER_OPERATION,
                    "--seed",
                    "20261207",
                    "--workers",
                    "2",
                ])
                .args(["--no-color", "--output-truncate", "true"])
                .env(
                    "SCHEMATHESIS_CONFIG",
                    root.join("tests/conformance/schemathesis.toml"),
                )
                .output()
                .expect("run Schemathesis");
            if !out.status.success() {
                failed.push(format!(
                    "--- as {user} ({backend:?}, {}) ---\n{}\n{}",
                    operations.join(" "),
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

bluelamp_tests::both_backends!(the_api_does_what_its_openapi_document_says);

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
                .args([
                    "--no-color",
                    "--output-truncate",
                    "true",
                    "--generation-database",
                    "none",
                ])
                .env(
                    "SCHEMATHESIS_CONFIG",
                    root.join("tests/conformance/schemathesis.toml"),
                )
                .output()
                .expect("run Schemathesis");
            let stdout = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() && only_the_parser_bug(&stdout) {
                eprintln!("as {user} ({backend:?}): Schemathesis stopped on CPython 3.11's parser bug in one operation; every check it ran passed");
            } else if !out.status.success() {
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

/// Whether a run that exited non-zero failed no check, and every error it reports is CPython 3.11's
/// parser failing inside Hypothesis while it describes a strategy ("AST constructor recursion depth
/// mismatch"): a fault of the interpreter the machine has, not of the API, which costs that one
/// operation its cases in that run (the other roles and the other database still cover it).
fn only_the_parser_bug(stdout: &str) -> bool {
    let summary = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('=') && l.contains(" in "));
    if summary.is_none_or(|l| l.contains("failure") || !l.contains("error")) {
        return false;
    }
    // Each reported problem starts under a `____ METHOD /path ____` heading.
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in stdout.lines() {
        let t = line.trim();
        if t.starts_with("___") && t.ends_with("___") {
            blocks.push(Vec::new());
        } else if let Some(b) = blocks.last_mut() {
            b.push(t);
        }
    }
    let errors: Vec<&Vec<&str>> = blocks.iter().filter(|b| b.contains(&"Runtime Error")).collect();
    !errors.is_empty()
        && errors.len() == blocks.len()
        && errors.iter().all(|b| {
            b.iter()
                .any(|l| l.contains("AST constructor recursion depth mismatch"))
        })
}

#[test]
fn only_the_interpreter_bug_is_forgiven() {
    let bug = "____ GET /api/v1/x ____\nRuntime Error\n\nAST constructor recursion depth mismatch (before=66, after=62)\n\n=== 1 error, 4 warnings in 43.30s ===\n";
    assert!(only_the_parser_bug(bug));
    let other = "____ GET /api/v1/x ____\nRuntime Error\n\nConnection refused\n=== 1 error in 3s ===\n";
    assert!(!only_the_parser_bug(other));
    let failed = "____ GET /api/v1/y ____\n- ST101 Server error\n____ GET /api/v1/x ____\nRuntime Error\nAST constructor recursion depth mismatch\n=== 1 failure, 1 error in 3s ===\n";
    assert!(!only_the_parser_bug(failed));
    assert!(!only_the_parser_bug("=== 2 failures in 3s ===\n"));
}

bluelamp_tests::both_backends!(the_api_does_what_its_openapi_document_says);

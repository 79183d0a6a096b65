//! The real `bluelamp` binary on a real port: durability across a crash, and configuration errors.

use bluelamp_tests::process::{binary, free_port, serve, wait_ready};
use bluelamp_tests::DEMO_PASSWORD;
use serde_json::json;
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acknowledged_write_survives_the_process_being_killed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("data/bluelamp.db");
    let client = reqwest::Client::new();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = serve(&db, port, None);
    wait_ready(&client, &base).await;
    let s: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/sign-in"))
        .json(&json!({"username": "ns.ashworth", "password": DEMO_PASSWORD}))
        .send()
        .await
        .expect("sign in")
        .json()
        .await
        .expect("tokens");
    let token = s["access_token"].as_str().expect("token").to_owned();
    let created = client
        .post(format!("{base}/api/v1/users"))
        .bearer_auth(&token)
        .json(&json!({"username": "ns.durable", "display_name": "Dora Durable", "collar_number": "7001",
                      "rank": "Police Constable", "roles": ["response_officer"], "password": "survives a crash please"}))
        .send()
        .await
        .expect("create");
    assert_eq!(created.status(), reqwest::StatusCode::CREATED);
    // SIGKILL: no shutdown, no flush; only what was committed survives.
    server.kill().expect("kill");
    server.wait().expect("reap");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = serve(&db, port, None);
    wait_ready(&client, &base).await;
    let r = client
        .post(format!("{base}/api/v1/auth/sign-in"))
        .json(&json!({"username": "ns.durable", "password": "survives a crash please"}))
        .send()
        .await
        .expect("sign in again");
    let status = r.status();
    server.kill().ok();
    server.wait().ok();
    assert_eq!(status, reqwest::StatusCode::OK);
}

#[test]
fn a_database_url_that_is_neither_sqlite_nor_postgres_is_refused_clearly() {
    for url in ["mysql://root@localhost/bl", "http://example.invalid/db"] {
        let out = Command::new(binary())
            .arg("migrate")
            .env("DATABASE_URL", url)
            .output()
            .expect("run migrate");
        assert!(!out.status.success(), "{url} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is not supported") && err.contains("postgres://") && err.contains("sqlite://"),
            "{url}: {err}"
        );
    }
    let out = Command::new(binary())
        .arg("migrate")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .expect("run migrate");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open the database postgres://") && err.contains("127.0.0.1:1"),
        "{err}"
    );
}

/// `bluelamp retention assess`: a second run changes nothing, and a run while another holds the job's
/// lease stops at once, saying so.
#[test]
fn the_retention_job_runs_from_the_command_line_once_at_a_time() {
    use diesel::{Connection, RunQueryDsl};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bluelamp.db");
    let url = format!("sqlite://{}", path.display());
    let run = |args: &[&str]| {
        let out = Command::new(binary())
            .args(args)
            .env("DATABASE_URL", &url)
            .output()
            .expect("run bluelamp");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{args:?}: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    run(&["seed-demo"]);
    let mut conn = diesel::sqlite::SqliteConnection::establish(&path.to_string_lossy()).expect("open");
    let sql = |conn: &mut diesel::sqlite::SqliteConnection, q: &str| {
        diesel::sql_query(q).execute(conn).expect(q);
    };
    sql(
        &mut conn,
        "INSERT INTO crimes (id, force_code, restricted, state, classification, modus_operandi, hate_strands, \
         domestic_abuse, reported_at, state_since, created_at, updated_at, version) VALUES ('crime-1', 'NS', 0, \
         'recorded', '46', 'Took whisky from a shelf', '', 0, '2015-03-01 10:00:00', '2015-03-01 10:00:00', \
         '2015-03-01 10:00:00', '2015-03-01 10:00:00', 1)",
    );
    let last = |out: String| out.lines().last().unwrap_or_default().to_owned();
    assert_eq!(
        last(run(&["retention", "assess"])),
        "assessed 1 records, 1 new or changed"
    );
    assert_eq!(
        last(run(&["retention", "assess"])),
        "assessed 1 records, 0 new or changed"
    );
    sql(
        &mut conn,
        "UPDATE job_leases SET holder = 'another run', held_until = '2999-01-01 00:00:00' WHERE name = 'retention'",
    );
    let third = run(&["retention", "assess"]);
    assert!(third.contains("already under way"), "{third}");
}

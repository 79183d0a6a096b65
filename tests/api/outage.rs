//! A database outage is answered with 503 problem details, and the server recovers by itself when the
//! database comes back, without a restart. The outage is made real by routing the server's
//! PostgreSQL connections through a TCP relay that this test cuts and restores.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::{Backend, TestApp};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// Relays TCP to PostgreSQL while `up` is true; when it turns false, open connections are cut and new
/// ones are refused. `attempts` counts the connections the server tried.
async fn relay(
    listener: TcpListener,
    target: String,
    up: Arc<watch::Sender<bool>>,
    attempts: Arc<AtomicUsize>,
) {
    loop {
        let Ok((mut client, _)) = listener.accept().await else {
            return;
        };
        attempts.fetch_add(1, Ordering::SeqCst);
        let mut state = up.subscribe();
        if !*state.borrow() {
            drop(client);
            continue;
        }
        let target = target.clone();
        tokio::spawn(async move {
            let Ok(mut server) = TcpStream::connect(&target).await else {
                return;
            };
            tokio::select! {
                _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                _ = async { while state.changed().await.is_ok() { if !*state.borrow() { break; } } } => {}
            }
        });
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_and_recovers_by_itself() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("relay port");
    let relay_port = listener.local_addr().expect("addr").port();
    let admin = bluelamp_tests::postgres_admin_url();
    let target = admin
        .split('@')
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("127.0.0.1:5432")
        .to_owned();
    let (tx, _) = watch::channel(true);
    let up = Arc::new(tx);
    let attempts = Arc::new(AtomicUsize::new(0));
    tokio::spawn(relay(listener, target.clone(), up.clone(), attempts.clone()));
    let app = TestApp::spawn_with(Backend::Postgres, |s| {
        s.database.url = s
            .database
            .url
            .replace(&target, &format!("127.0.0.1:{relay_port}"));
        s.database.connect_timeout_secs = 1;
    })
    .await;
    let token = app.token("ns.okafor").await;
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, StatusCode::OK);

    up.send_replace(false);
    let r = app.get("/api/v1/me", Some(&token)).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
    let p = r.problem();
    assert_eq!(p.code, ErrorCode::ServiceUnavailable);
    assert!(p.request_id.is_some());
    assert!(
        !r.text.contains("connection"),
        "no internal detail in the answer: {}",
        r.text
    );
    assert_eq!(
        app.get("/health/ready", None).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(app.get("/health/live", None).await.status, StatusCode::OK);
    // Once the database is known to be down, requests fail fast: each is answered 503 with
    // Retry-After without trying the database (only the breaker's probe does, a few times a second),
    // so they cannot pile up behind the pool's timeout.
    let before = attempts.load(Ordering::SeqCst);
    let tries = 100;
    for _ in 0..tries {
        let r = app.get("/api/v1/me", Some(&token)).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text);
        assert_eq!(r.header("retry-after").as_deref(), Some("1"));
    }
    let tried = attempts.load(Ordering::SeqCst) - before;
    assert!(
        tried < tries / 2,
        "{tried} connection attempts for {tries} requests while down"
    );

    up.send_replace(true);
    let mut recovered = false;
    for _ in 0..50 {
        if app.get("/api/v1/me", Some(&token)).await.status == StatusCode::OK {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        recovered,
        "the server did not recover after the database came back"
    );
    assert_eq!(app.get("/health/ready", None).await.status, StatusCode::OK);
}

//! Test support: spawn the real server on a free port over an isolated database (a fresh SQLite
//! file, or a fresh PostgreSQL database that is dropped afterwards), and talk to it over HTTP.

use bluelamp_backend::config::Settings;
use bluelamp_backend::db::{DatabaseUrl, Db};
use bluelamp_backend::startup::{open_database, Application};
use bluelamp_shared::auth::SessionTokens;
use bluelamp_shared::error::Problem;
use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::PathBuf;

pub use bluelamp_backend::seed::{DEMO_PASSWORD, DEMO_USERS};

/// Which database a test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A database of its own on the local PostgreSQL server.
    Postgres,
}

/// The PostgreSQL server tests create their databases on (plain text on loopback; see
/// [`bluelamp_backend::db::test_postgres_url`]).
pub fn postgres_admin_url() -> String {
    bluelamp_backend::db::test_postgres_url()
}

/// An isolated database that disappears with the test.
pub enum TestDb {
    /// Kept alive for the temp dir.
    Sqlite(tempfile::TempDir, PathBuf),
    /// Dropped with `DROP DATABASE ... WITH (FORCE)`.
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    /// Creates one.
    pub fn create(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("bluelamp.db");
                TestDb::Sqlite(dir, path)
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("bl_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = PgConnection::establish(&admin_url).unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is required for this test and is not reachable at {admin_url}: {e}. \
                         Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
                    )
                });
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create test database");
                let url = bluelamp_backend::db::with_database(&admin_url, &name);
                TestDb::Postgres { admin_url, name, url }
            }
        }
    }

    /// Its `DATABASE_URL`.
    pub fn url(&self) -> String {
        match self {
            TestDb::Sqlite(_, p) => format!("sqlite://{}", p.display()),
            TestDb::Postgres { url, .. } => url.clone(),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { admin_url, name, .. } = self {
            if let Ok(mut admin) = PgConnection::establish(admin_url) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin);
            }
        }
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// A running server with the demo consortium seeded.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// HTTP client.
    pub client: reqwest::Client,
    /// Direct database access, for arranging and checking state.
    pub db: Db,
    /// Which backend.
    pub backend: Backend,
    _test_db: TestDb,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
    /// Body text.
    pub text: String,
}

impl Reply {
    /// The body as JSON of type `T` (panics with the body when it is not).
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("{e}: status {} body {}", self.status, self.text))
    }

    /// The fields at fault in a problem answer, as `path:code`.
    pub fn paths(&self) -> Vec<String> {
        self.problem()
            .errors
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect()
    }

    /// The items of a page of a list (`{"items": [...], "next_cursor": ...}`).
    pub fn items<T: DeserializeOwned>(&self) -> Vec<T> {
        let page: serde_json::Value = self.json();
        serde_json::from_value(page["items"].clone())
            .unwrap_or_else(|e| panic!("not a page: {e}: status {} body {}", self.status, self.text))
    }

    /// The body as problem details, checking the media type.
    pub fn problem(&self) -> Problem {
        let ct = self
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert_eq!(
            ct, "application/problem+json",
            "status {} body {}",
            self.status, self.text
        );
        self.json()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

impl TestApp {
    /// Spawns the server with default settings.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Spawns the server after adjusting the settings.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let test_db = TestDb::create(backend);
        let mut settings = Settings::defaults();
        settings.server.port = 0;
        settings.server.workers = 2;
        settings.database.url = test_db.url();
        settings.database.pool_size = 4;
        settings.server.static_dir = workspace_root().join("frontend/dist");
        adjust(&mut settings);
        let s = settings.clone();
        let (app, db) = tokio::task::spawn_blocking(move || {
            let db = open_database(&s).expect("open and migrate the test database");
            bluelamp_backend::seed::seed_demo(&db).expect("seed demo consortium");
            let app = Application::build_with_db(s, db.clone()).expect("build app");
            (app, db)
        })
        .await
        .expect("spawn");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            db,
            backend,
            _test_db: test_db,
        }
    }

    /// Sends a request; `body` as JSON when given.
    pub async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&B>,
    ) -> Reply {
        let mut rb = self.client.request(method, format!("{}{}", self.address, path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        if let Some(b) = body {
            rb = rb.json(b);
        }
        let res = rb.send().await.expect("request sent");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        Reply {
            status,
            headers,
            text,
        }
    }

    /// GET.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send::<()>(Method::GET, path, token, &[], None).await
    }

    /// POST JSON.
    pub async fn post<B: Serialize>(&self, path: &str, token: Option<&str>, body: &B) -> Reply {
        self.send(Method::POST, path, token, &[], Some(body)).await
    }

    /// POST JSON with an idempotency key.
    pub async fn post_with_key<B: Serialize>(&self, path: &str, token: &str, key: &str, body: &B) -> Reply {
        self.send(
            Method::POST,
            path,
            Some(token),
            &[("Idempotency-Key", key)],
            Some(body),
        )
        .await
    }

    /// Creates a person (panics unless 201) and returns the body.
    pub async fn create_person(&self, token: &str, body: serde_json::Value) -> serde_json::Value {
        let r = self.post("/api/v1/people", Some(token), &body).await;
        assert_eq!(r.status, StatusCode::CREATED, "create person: {}", r.text);
        r.json()
    }

    /// Searches and returns the hits' labels with scores.
    pub async fn search(&self, token: &str, q: &str) -> Vec<(String, u8)> {
        let r = self
            .get(&format!("/api/v1/search?q={}", urlencode(q)), Some(token))
            .await;
        assert_eq!(r.status, StatusCode::OK, "search {q}: {}", r.text);
        let v: serde_json::Value = r.json();
        v["hits"]
            .as_array()
            .map(|hits| {
                hits.iter()
                    .map(|h| {
                        (
                            h["summary"]["label"].as_str().unwrap_or_default().to_owned(),
                            h["score"].as_u64().unwrap_or(0) as u8,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Signs in (panics unless it succeeds).
    pub async fn sign_in(&self, username: &str) -> SessionTokens {
        let r = self
            .post(
                "/api/v1/auth/sign-in",
                None,
                &serde_json::json!({"username": username, "password": DEMO_PASSWORD}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign-in of {username}: {}", r.text);
        r.json()
    }

    /// Signs in with a password other than the demo one and returns the access token (panics unless
    /// it succeeds).
    pub async fn sign_in_with(&self, username: &str, password: &str) -> String {
        let r = self
            .post(
                "/api/v1/auth/sign-in",
                None,
                &serde_json::json!({"username": username, "password": password}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign-in of {username}: {}", r.text);
        r.json::<SessionTokens>().access_token
    }

    /// Signs in and returns the access token.
    pub async fn token(&self, username: &str) -> String {
        self.sign_in(username).await.access_token
    }

    /// The demo administrator of a force (`NS` or `WV`).
    pub fn admin_of(force: &str) -> &'static str {
        DEMO_USERS
            .iter()
            .find(|u| u.0 == force && u.5 == bluelamp_shared::auth::Role::ForceAdmin)
            .map(|u| u.1)
            .unwrap_or_else(|| panic!("no administrator of {force}"))
    }

    /// The owning force's audit trail of a record, as (action, detail) in the order the log lists them,
    /// read by the force's administrator (the first 100 rows).
    pub async fn audit_trail(&self, force: &str, record_id: &str) -> Vec<(String, String)> {
        let admin = self.token(Self::admin_of(force)).await;
        let log: serde_json::Value = self
            .get(
                &format!("/api/v1/audit-events?record_id={record_id}&limit=100"),
                Some(&admin),
            )
            .await
            .json();
        log["items"]
            .as_array()
            .expect("a page of audit events")
            .iter()
            .map(|e| {
                (
                    e["action"].as_str().unwrap_or_default().to_owned(),
                    e["detail"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    /// Ends, through the API as the owner's administrator, every agreement in force or proposed in which
    /// `owner` shares with `partner`.
    pub async fn end_sharing(&self, owner: &str, partner: &str) {
        let admin = self.token(Self::admin_of(owner)).await;
        let all: Vec<serde_json::Value> = self.get("/api/v1/agreements", Some(&admin)).await.json();
        for a in all.iter().filter(|a| {
            a["owner"]["code"] == owner
                && a["partner"]["code"] == partner
                && ["active", "suspended", "proposed"].contains(&a["state"].as_str().unwrap_or(""))
        }) {
            let r = self
                .send(
                    Method::POST,
                    &format!(
                        "/api/v1/agreements/{}/steps",
                        a["id"].as_str().unwrap_or_default()
                    ),
                    Some(&admin),
                    &[("If-Match", "*")],
                    Some(&serde_json::json!({"action": "end", "reason": "Test arranges sharing"})),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "end agreement: {}", r.text);
        }
    }

    /// Proposes (as the owner's administrator) and accepts (as the partner's) an agreement in force from
    /// today opening `scopes` (`index`, `crimes`, `intelligence`) with `access`; answers it.
    pub async fn agree(
        &self,
        owner: &str,
        partner: &str,
        scopes: &[&str],
        access: &str,
    ) -> serde_json::Value {
        let proposer = self.token(Self::admin_of(owner)).await;
        let today = chrono::Utc::now().date_naive().to_string();
        let r = self
            .post(
                "/api/v1/agreements",
                Some(&proposer),
                &serde_json::json!({"partner_force": partner, "scopes": scopes, "access": access,
                                    "starts_on": today, "purpose": "Test arranges sharing"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "propose: {}", r.text);
        let proposed: serde_json::Value = r.json();
        let accepter = self.token(Self::admin_of(partner)).await;
        let r = self
            .send(
                Method::POST,
                &format!(
                    "/api/v1/agreements/{}/steps",
                    proposed["id"].as_str().unwrap_or_default()
                ),
                Some(&accepter),
                &[("If-Match", "*")],
                Some(&serde_json::json!({"action": "accept"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "accept: {}", r.text);
        r.json()
    }

    /// Replaces the sharing from `owner` to `partner` with one agreement opening only `scopes`.
    pub async fn share_only(&self, owner: &str, partner: &str, scopes: &[&str]) {
        self.end_sharing(owner, partner).await;
        self.agree(owner, partner, scopes, "read_and_link").await;
    }

    /// Runs SQL directly against the test database (arranging state the API cannot).
    pub fn execute(&self, sql: &str) -> Result<usize, diesel::result::Error> {
        let mut conn = self.db.get().expect("connection");
        diesel::sql_query(sql).execute(&mut *conn)
    }
}

/// Runs each listed async test function once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name($crate::Backend::Sqlite).await }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() { super::$name($crate::Backend::Postgres).await }
            )*
        }
    };
}

/// Checks the URL parser the tests rely on agrees on what a test database is.
pub fn is_sqlite(url: &str) -> bool {
    matches!(DatabaseUrl::parse(url), Ok(DatabaseUrl::Sqlite(_)))
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The real `bluelamp` binary as a child process (for crash, restart and outage tests).
pub mod process {
    use std::net::TcpListener;
    use std::path::{Path, PathBuf};
    use std::process::{Child, Command, Stdio};
    use std::time::Duration;

    /// The `bluelamp` binary cargo built next to the running test binary.
    pub fn binary() -> PathBuf {
        let exe = std::env::current_exe().expect("test binary path");
        let dir = exe.parent().and_then(|d| d.parent()).expect("target profile dir");
        let bin = dir.join("bluelamp");
        assert!(
            bin.is_file(),
            "{} is not built: run the tests with `cargo nextest run` or build bluelamp-backend first",
            bin.display()
        );
        bin
    }

    /// A free TCP port on the loopback interface.
    pub fn free_port() -> u16 {
        TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port")
    }

    /// Starts `bluelamp serve` on a SQLite file (seeding the demo consortium if empty), serving the
    /// browser app from `static_dir` (none: no app).
    pub fn serve(db: &Path, port: u16, static_dir: Option<&Path>) -> Child {
        let dir = static_dir.map_or_else(|| PathBuf::from("/nonexistent"), Path::to_path_buf);
        Command::new(binary())
            .args(["serve", "--seed-demo-if-empty"])
            .env("DATABASE_URL", format!("sqlite://{}", db.display()))
            .env("BLUELAMP__SERVER__PORT", port.to_string())
            .env("BLUELAMP__SERVER__WORKERS", "1")
            .env("BLUELAMP__SERVER__STATIC_DIR", dir)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start bluelamp")
    }

    /// Waits until the server at `base` is ready (30 s at most).
    pub async fn wait_ready(client: &reqwest::Client, base: &str) {
        for _ in 0..300 {
            if let Ok(r) = client.get(format!("{base}/health/ready")).send().await {
                if r.status().is_success() {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("bluelamp did not become ready at {base}");
    }
}

/// A real OpenID Connect provider for the single sign-on tests: panva's `oidc-provider` from the npm
/// registry (an OpenID-certified implementation), run by Node.js from `node/oidc-provider.mjs` with a
/// test login page. `.ci/lib.sh` (`ensure_node_tools`) installs it under `BLUELAMP_NODE_DIR`.
pub mod oidc {
    use std::io::{BufRead, BufReader, Read};
    use std::path::PathBuf;
    use std::process::{Child, Command, Stdio};

    /// The provider's script.
    const SCRIPT: &str = include_str!("node/oidc-provider.mjs");

    /// A running provider; stopped when dropped.
    pub struct Provider {
        /// The issuer identifier (`http://127.0.0.1:PORT`).
        pub issuer: String,
        /// Bluelamp's client id at the provider.
        pub client_id: String,
        /// Its client secret.
        pub client_secret: String,
        child: Child,
    }

    impl Drop for Provider {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// Where the npm packages are installed (`node_modules` inside).
    pub fn node_dir() -> PathBuf {
        std::env::var_os("BLUELAMP_NODE_DIR").map_or_else(
            || {
                let home = std::env::var_os("HOME").unwrap_or_default();
                PathBuf::from(home).join(".cache/bluelamp/node")
            },
            PathBuf::from,
        )
    }

    impl Provider {
        /// Starts a provider with one client, `bluelamp`, that may return only to `redirect_uri`.
        pub fn start(redirect_uri: &str) -> Provider {
            let dir = node_dir();
            assert!(
                dir.join("node_modules/oidc-provider").is_dir(),
                "oidc-provider is not installed in {}: run `source .ci/lib.sh && ensure_node_tools` (bash .ci/test does)",
                dir.display()
            );
            let client_secret = format!("secret-{}", uuid::Uuid::new_v4());
            let mut child = Command::new("node")
                .args(["--input-type=module", "--eval", SCRIPT])
                .current_dir(&dir)
                .env("OIDC_CLIENT_ID", "bluelamp")
                .env("OIDC_CLIENT_SECRET", &client_secret)
                .env("OIDC_REDIRECT_URI", redirect_uri)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start node (Node.js is needed for the OpenID Connect provider)");
            let stdout = child.stdout.take().expect("provider stdout");
            let mut line = String::new();
            let mut lines = BufReader::new(stdout);
            while !line.starts_with("listening ") {
                line.clear();
                if lines.read_line(&mut line).unwrap_or(0) == 0 {
                    let mut err = String::new();
                    if let Some(mut e) = child.stderr.take() {
                        let _ = e.read_to_string(&mut err);
                    }
                    panic!("the OpenID Connect provider did not start: {err}");
                }
            }
            // Keep reading so the provider never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines.lines() {});
            let port = line.trim().trim_start_matches("listening ").to_owned();
            Provider {
                issuer: format!("http://127.0.0.1:{port}"),
                client_id: "bluelamp".to_owned(),
                client_secret,
                child,
            }
        }
    }

    /// Follows an authorisation address through the provider as a browser would (cookies kept), signing
    /// in as `login_hint`'s account without the login page, and answers the `state` and `code` the
    /// provider sends back to `redirect_uri`.
    pub async fn authorise(
        authorization_url: &str,
        login_hint: &str,
        redirect_uri: &str,
    ) -> (String, String) {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let mut next = format!("{authorization_url}&login_hint={}", super::urlencode(login_hint));
        for _ in 0..10 {
            let r = client.get(&next).send().await.expect("provider answers");
            let relative = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
                .unwrap_or_else(|| panic!("the provider did not redirect from {next}: {}", r.status()));
            let location = url::Url::parse(&next)
                .and_then(|base| base.join(&relative))
                .expect("a redirect address")
                .to_string();
            if location.starts_with(&format!("{redirect_uri}?")) {
                let back = url::Url::parse(&location).expect("return address");
                let get = |k: &str| {
                    back.query_pairs()
                        .find(|(n, _)| n == k)
                        .map(|(_, v)| v.into_owned())
                        .unwrap_or_else(|| panic!("no {k} in {location}"))
                };
                return (get("state"), get("code"));
            }
            next = location;
        }
        panic!("the provider never sent the browser back to {redirect_uri}");
    }
}

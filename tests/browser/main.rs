//! Browser end-to-end tests: Debian's Chromium, headless, driven through chromedriver (WebDriver),
//! against the real server serving the real built app.

use bluelamp_tests::{workspace_root, Backend, TestApp, DEMO_PASSWORD};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A chromedriver process on a free port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

async fn browser() -> (Driver, Client) {
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    assert!(
        std::path::Path::new(&chromedriver).exists() && std::path::Path::new(&chromium).exists(),
        "the browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
    );
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let profile = tempfile::tempdir().expect("profile dir");
    let driver = Driver {
        child,
        port,
        _profile: profile,
    };
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                format!("--user-data-dir={}", driver._profile.path().display()),
            ]
        }),
    );
    let url = format!("http://127.0.0.1:{}", driver.port);
    let mut last_err = String::new();
    for _ in 0..50 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return (driver, c),
            Err(e) => {
                last_err = e.to_string();
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    panic!("could not start a browser session through chromedriver: {last_err}");
}

async fn wait_for_text(c: &Client, css: &str, expected: &str) -> String {
    let mut last = String::new();
    for _ in 0..150 {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if t.contains(expected) {
                    return t;
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let src = c.source().await.unwrap_or_default();
    panic!("`{css}` never showed `{expected}` (last: `{last}`); page:\n{src}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_signs_in_and_sees_what_their_roles_give_them() {
    assert!(
        workspace_root().join("frontend/dist/index.html").is_file(),
        "frontend/dist is not built: run `cargo run -p bluelamp-xtask -- build --release` first (the test command does)"
    );
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_driver, c) = browser().await;
    let result = async {
        c.goto(&format!("{}/", app.address)).await?;
        // Not signed in: the app sends us to the sign-in page.
        wait_for_text(&c, "h1", "Sign in").await;
        // Submitting empty shows every error at once, from the shared rules, before any request.
        c.find(Locator::Css("form button[type=submit]"))
            .await?
            .click()
            .await?;
        let summary = wait_for_text(&c, "[role=alert]", "Enter your user name").await;
        assert!(summary.contains("Enter your password"), "{summary}");
        c.find(Locator::Id("username"))
            .await?
            .send_keys("ns.raman")
            .await?;
        c.find(Locator::Id("password"))
            .await?
            .send_keys(DEMO_PASSWORD)
            .await?;
        c.find(Locator::Css("form button[type=submit]"))
            .await?
            .click()
            .await?;
        wait_for_text(&c, "h1", "Welcome, Priya Raman").await;
        let body = wait_for_text(&c, "main", "Authorise detention on booking-in").await;
        assert!(body.contains("Custody officer"), "{body}");
        assert!(body.contains("Northshire Constabulary"), "{body}");
        // Navigation offers the modules the roles open, and not administration.
        let nav = wait_for_text(&c, "nav[aria-label=Main]", "Custody").await;
        assert!(nav.contains("Search"), "{nav}");
        assert!(!nav.contains("Administration"), "{nav}");
        // A route change renders at once.
        c.find(Locator::LinkText("Custody")).await?.click().await?;
        wait_for_text(&c, "h1", "Custody").await;
        // Reloading keeps the session.
        c.refresh().await?;
        wait_for_text(&c, "h1", "Custody").await;
        // Sign out returns to the sign-in page and the old session is gone.
        c.find(Locator::XPath("//button[contains(., 'Sign out')]"))
            .await?
            .click()
            .await?;
        wait_for_text(&c, "h1", "Sign in").await;
        c.goto(&format!("{}/", app.address)).await?;
        wait_for_text(&c, "h1", "Sign in").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_shown_as_an_error_summary() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_driver, c) = browser().await;
    let result = async {
        c.goto(&format!("{}/sign-in", app.address)).await?;
        wait_for_text(&c, "h1", "Sign in").await;
        c.find(Locator::Id("username"))
            .await?
            .send_keys("ns.okafor")
            .await?;
        c.find(Locator::Id("password"))
            .await?
            .send_keys("not my password")
            .await?;
        c.find(Locator::Css("form button[type=submit]"))
            .await?
            .click()
            .await?;
        wait_for_text(&c, "[role=alert]", "password is wrong").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

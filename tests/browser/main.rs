//! Browser end-to-end tests: Debian's Chromium, headless, driven through chromedriver (WebDriver),
//! against the real server serving the real built app.

use bluelamp_tests::process::free_port;
use bluelamp_tests::{workspace_root, Backend, TestApp, DEMO_PASSWORD};
use fantoccini::{Client, ClientBuilder, Locator};
use std::os::unix::process::CommandExt;
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
        // chromedriver runs in its own process group with the browser it started: end them all, even
        // when a test step panicked before the session was closed.
        let _ = Command::new("kill")
            .args(["-9", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
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
        .process_group(0)
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

/// axe-core's script, from the Node.js test tools (`ensure_node_tools` installs it), read once.
fn axe_script() -> &'static str {
    static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    AXE.get_or_init(|| {
        let path = bluelamp_tests::oidc::node_dir().join("node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is not installed at {}: run `source .ci/lib.sh && ensure_node_tools` (bash .ci/test does): {e}",
                path.display()
            )
        })
    })
}

/// Runs axe-core over the page as it is now and fails, naming `what` (the screen and its state),
/// on every serious or critical violation: its rule, what it asks for, and the selector of each
/// element at fault. Call it once the state is on the screen (after waiting for it).
async fn assert_accessible(c: &Client, what: &str) -> Result<(), fantoccini::error::CmdError> {
    // A full page load drops the script; a route change inside the app keeps it.
    let loaded = c
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if loaded != serde_json::json!(true) {
        c.execute(axe_script(), vec![]).await?;
    }
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']})
                .then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.impact}): ${v.help}\\n` + v.nodes
                        .map(n => `    ${n.target.map(t => [].concat(t).join(' >>> ')).join(' ')}`)
                        .join('\\n'))))
                .catch(e => done([`axe-core did not run: ${e}`]));",
            vec![],
        )
        .await?;
    let found: Vec<String> =
        serde_json::from_value(found.clone()).unwrap_or_else(|e| panic!("axe-core's answer {found}: {e}"));
    if !found.is_empty() {
        let url = c.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!(
            "{what} ({url}): axe-core finds {} serious or critical violation(s):\n{}",
            found.len(),
            found.join("\n")
        );
    }
    Ok(())
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
        assert_accessible(&c, "the sign-in page").await?;
        // Submitting empty shows every error at once, from the shared rules, before any request.
        c.find(Locator::Css("form button[type=submit]"))
            .await?
            .click()
            .await?;
        let summary = wait_for_text(&c, "[role=alert]", "Enter your user name").await;
        assert!(summary.contains("Enter your password"), "{summary}");
        assert_accessible(&c, "the sign-in page with its errors").await?;
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
        assert_accessible(&c, "the home page").await?;
        // Navigation offers the modules the roles open, and not administration.
        let nav = wait_for_text(&c, "nav[aria-label=Main]", "Custody").await;
        assert!(nav.contains("Search"), "{nav}");
        assert!(!nav.contains("Administration"), "{nav}");
        // A route change renders at once.
        c.find(Locator::LinkText("Custody")).await?.click().await?;
        wait_for_text(&c, "h1", "Custody").await;
        assert_accessible(&c, "the custody page").await?;
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
        assert_accessible(&c, "the sign-in page after a wrong password").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

async fn wait_for_element(c: &Client, css: &str) {
    for _ in 0..150 {
        if c.find(Locator::Css(css)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "`{css}` never appeared; page:\n{}",
        c.source().await.unwrap_or_default()
    );
}

/// Sets an input's value the way a user's typing would (date inputs do not take keystrokes portably).
async fn set_value(c: &Client, css: &str, value: &str) -> Result<(), fantoccini::error::CmdError> {
    c.execute(
        "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1]; \
         el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![serde_json::json!(css), serde_json::json!(value)],
    )
    .await
    .map(|_| ())
}

async fn sign_in(c: &Client, base: &str, username: &str) -> Result<(), fantoccini::error::CmdError> {
    c.goto(&format!("{base}/sign-in")).await?;
    wait_for_text(c, "h1", "Sign in").await;
    c.find(Locator::Id("username")).await?.send_keys(username).await?;
    c.find(Locator::Id("password"))
        .await?
        .send_keys(DEMO_PASSWORD)
        .await?;
    c.find(Locator::Css("form button[type=submit]"))
        .await?
        .click()
        .await?;
    wait_for_text(c, "h1", "Welcome").await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_searches_opens_a_person_and_creates_one_through_the_duplicate_suggestion() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.token("ns.okafor").await;
    let existing = app
        .create_person(
            &token,
            serde_json::json!({
                "names": [{"forename": "Jonathan", "surname": "Smith"}], "dates_of_birth": ["1985-03-12"], "gender": "male",
                "markers": [{"code": "violent", "set_on": "2024-01-01"}],
                "addresses": [{"new_location": {"premises": "14", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AB"}, "reason": "home_address"}]
            }),
        )
        .await;
    let existing_id = existing["id"].as_str().expect("id").to_owned();
    let (_driver, c) = browser().await;
    let result = async {
        sign_in(&c, &app.address, "ns.okafor").await?;
        // Search as you type, then open the person.
        c.find(Locator::LinkText("Search")).await?.click().await?;
        wait_for_text(&c, "h1", "Search").await;
        c.find(Locator::Id("search-q"))
            .await?
            .send_keys("jon smyth")
            .await?;
        wait_for_text(&c, "main", "Jonathan SMITH").await;
        assert_accessible(&c, "the search page with results").await?;
        c.find(Locator::LinkText("Jonathan SMITH")).await?.click().await?;
        wait_for_text(&c, "h1", "Jonathan SMITH").await;
        wait_for_element(&c, "#warning-markers [data-marker=violent]").await;
        wait_for_text(&c, "main", "14 Market Street").await;
        assert_accessible(&c, "a person's page").await?;
        // Start entering the same man again: the suggestion appears as we type, and picking it opens him.
        c.goto(&format!("{}/people/new", app.address)).await?;
        wait_for_text(&c, "h1", "person").await;
        c.find(Locator::Id("forename")).await?.send_keys("Jon").await?;
        c.find(Locator::Id("surname")).await?.send_keys("Smyth").await?;
        set_value(&c, "#dob-0", "1985-03-12").await?;
        wait_for_text(&c, "main", "Possible matches").await;
        wait_for_text(&c, "main", "Jonathan SMITH").await;
        assert_accessible(&c, "the new person form with a possible match").await?;
        c.find(Locator::Css("[data-testid=use-match]"))
            .await?
            .click()
            .await?;
        wait_for_text(&c, "h1", "Jonathan SMITH").await;
        let url = c.current_url().await?;
        assert!(url.as_str().ends_with(&existing_id), "{url}");
        // A different John Smith: the suggestion is shown, the officer says why this is someone new.
        c.goto(&format!("{}/people/new", app.address)).await?;
        wait_for_text(&c, "h1", "person").await;
        c.find(Locator::Id("forename")).await?.send_keys("John").await?;
        c.find(Locator::Id("surname")).await?.send_keys("Smith").await?;
        set_value(&c, "#dob-0", "1990-07-01").await?;
        wait_for_text(&c, "#possible-matches", "Jonathan SMITH").await;
        wait_for_element(&c, "#new-record-reason").await;
        assert_accessible(&c, "the new person form asking why it is someone new").await?;
        c.find(Locator::Id("new-record-reason"))
            .await?
            .send_keys("Different man: born 1990, other address")
            .await?;
        c.find(Locator::XPath("//button[contains(., 'Create person')]"))
            .await?
            .click()
            .await?;
        wait_for_text(&c, "h1", "John SMITH").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    // The new record exists once, with the officer's reason in the audit log.
    let hits = app.search(&token, "john smith").await;
    assert_eq!(hits.iter().filter(|h| h.0 == "John SMITH").count(), 1, "{hits:?}");
    let admin = app.token("ns.ashworth").await;
    let log: serde_json::Value = app
        .get(
            "/api/v1/audit-events?record_kind=person&action=create",
            Some(&admin),
        )
        .await
        .json();
    assert!(
        log["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|e| e["detail"].as_str().unwrap_or_default().contains("Different man")),
        "{log}"
    );
}

/// The user's actions (a click, typing into a field, a choice from a list), made and counted as
/// a user would make them: each waits for its element, then acts once.
struct Actions<'a> {
    c: &'a Client,
    done: Vec<String>,
}

impl<'a> Actions<'a> {
    fn new(c: &'a Client) -> Self {
        Self { c, done: Vec::new() }
    }

    async fn click(&mut self, css: &str) -> Result<(), fantoccini::error::CmdError> {
        wait_for_element(self.c, css).await;
        self.c.find(Locator::Css(css)).await?.click().await?;
        self.done.push(format!("click {css}"));
        Ok(())
    }

    async fn type_in(&mut self, css: &str, text: &str) -> Result<(), fantoccini::error::CmdError> {
        wait_for_element(self.c, css).await;
        self.c.find(Locator::Css(css)).await?.send_keys(text).await?;
        self.done.push(format!("type {css}"));
        Ok(())
    }

    async fn choose(&mut self, css: &str, value: &str) -> Result<(), fantoccini::error::CmdError> {
        wait_for_element(self.c, css).await;
        self.c
            .find(Locator::Css(css))
            .await?
            .select_by_value(value)
            .await?;
        self.done.push(format!("choose {css}={value}"));
        Ok(())
    }
}

/// Waits until the element's text contains `expected`, ignoring case (text may be shown
/// upper-cased by the style sheet).
async fn wait_for_text_ci(c: &Client, css: &str, expected: &str) -> String {
    let want = expected.to_lowercase();
    let mut last = String::new();
    for _ in 0..150 {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if t.to_lowercase().contains(&want) {
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
async fn a_response_officer_records_a_shoplifting_at_a_new_store_and_a_supervisor_reviews_it() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_driver, c) = browser().await;
    let result = async {
        // The officer, from signing in to the recorded, allocated crime: every action counted.
        c.goto(&format!("{}/sign-in", app.address)).await?;
        wait_for_text(&c, "h1", "Sign in").await;
        let mut user = Actions::new(&c);
        user.type_in("#username", "ns.okafor").await?;
        user.type_in("#password", DEMO_PASSWORD).await?;
        user.click("form button[type=submit]").await?;
        wait_for_text(&c, "h1", "Welcome, Chidi Okafor").await;
        assert_accessible(&c, "a response officer's home page").await?;
        user.click("#home-record-shoplifting").await?;
        wait_for_element(&c, "#shoplifting-form").await;
        assert_accessible(&c, "the shoplifting form").await?;
        // A new store (the victim): the form asks for its name and address.
        user.click("#new-store").await?;
        user.type_in("#store-name", "Castlegate Pharmacy").await?;
        user.type_in("#store-premises", "7").await?;
        user.type_in("#store-street", "Castlegate").await?;
        user.type_in("#store-town", "Northby").await?;
        user.type_in("#store-postcode", "NB1 2AA").await?;
        // When and how are filled in for us (now, the usual modus operandi).
        user.type_in("#suspect-forename", "Declan").await?;
        user.type_in("#suspect-surname", "Fairweather").await?;
        user.type_in("#item-description-0", "Electric toothbrush").await?;
        user.type_in("#item-value-0", "49.99").await?;
        // CCTV: the exhibit reference and description are offered; where it is kept is not.
        user.click("#cctv-seized").await?;
        wait_for_element(&c, "#cctv-storage").await;
        let reference = c
            .find(Locator::Id("cctv-reference"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        assert_eq!(
            reference, "CO/1",
            "the officer's first exhibit reference is offered"
        );
        user.type_in("#cctv-storage", "Northby property store, bag M123456")
            .await?;
        assert_accessible(&c, "the shoplifting form, filled in with a new store").await?;
        user.click("#shoplifting-submit").await?;

        // The crime page: recorded with a crime reference and allocated (to the officer).
        wait_for_element(&c, "#crime-state[data-state=allocated]").await;
        let url = c.current_url().await?;
        assert!(url.path().starts_with("/crimes/"), "{url}");
        let crn = c.find(Locator::Id("crime-crn")).await?.text().await?;
        let parts: Vec<&str> = crn.trim().split('/').collect();
        assert!(
            parts.len() == 3
                && parts[0] == "NS"
                && parts[1].len() == 2
                && parts[1].chars().all(|ch| ch.is_ascii_digit())
                && parts[2].len() == 6
                && parts[2].chars().all(|ch| ch.is_ascii_digit()),
            "a crime reference like NS/26/000001, not `{crn}`"
        );
        let actions = std::mem::take(&mut user.done);
        assert_eq!(
            actions,
            [
                "type #username",
                "type #password",
                "click form button[type=submit]",
                "click #home-record-shoplifting",
                "click #new-store",
                "type #store-name",
                "type #store-premises",
                "type #store-street",
                "type #store-town",
                "type #store-postcode",
                "type #suspect-forename",
                "type #suspect-surname",
                "type #item-description-0",
                "type #item-value-0",
                "click #cctv-seized",
                "type #cctv-storage",
                "click #shoplifting-submit",
            ],
            "the officer's actions from sign-in to the recorded crime"
        );
        assert_eq!(actions.len(), 17, "{actions:?}");
        wait_for_text_ci(&c, "#crime-facts", "Chidi Okafor").await;
        wait_for_text_ci(&c, "#parties ul[data-role=suspect]", "Declan Fairweather").await;
        wait_for_text_ci(&c, "#parties ul[data-role=victim]", "Castlegate Pharmacy").await;
        wait_for_text_ci(&c, "#property", "Electric toothbrush").await;
        wait_for_text(&c, "#property-total", "£49.99").await;
        wait_for_text_ci(&c, "#exhibits .exhibit", "CO/1").await;
        wait_for_text_ci(&c, "#exhibits .exhibit", "Northby property store, bag M123456").await;
        assert_accessible(&c, "the crime page, allocated").await?;

        // The officer investigates and submits the crime for review with a proposed outcome
        // (charged: it needs the identified suspect, who is recorded).
        user.click("#action-start_investigation").await?;
        wait_for_element(&c, "#crime-state[data-state=under_investigation]").await;
        user.choose("#transition-outcome", "1").await?;
        user.click("#action-submit_for_review").await?;
        wait_for_element(&c, "#crime-state[data-state=awaiting_review]").await;
        assert_accessible(&c, "the crime page, awaiting review, to its officer").await?;
        c.find(Locator::XPath("//button[contains(., 'Sign out')]"))
            .await?
            .click()
            .await?;
        wait_for_text(&c, "h1", "Sign in").await;

        // The supervisor finds it in the review queue, and opens it from there.
        sign_in(&c, &app.address, "ns.llewellyn").await?;
        c.find(Locator::Css("nav[aria-label=Main] a[href='/investigation']"))
            .await?
            .click()
            .await?;
        let queue = wait_for_text(&c, "#review-queue", crn.trim()).await;
        assert!(queue.contains("Chidi Okafor"), "{queue}");
        assert_accessible(&c, "the investigation page with the review queue").await?;
        let link = c
            .find(Locator::XPath(&format!(
                "//section[@id='review-queue']//a[contains(@class, 'crn') and normalize-space(.)='{}']",
                crn.trim()
            )))
            .await?;
        link.click().await?;
        wait_for_element(&c, "#crime-state[data-state=awaiting_review]").await;
        wait_for_element(&c, "#action-approve").await;
        wait_for_element(&c, "#action-return").await;
        assert_accessible(&c, "the crime page, awaiting review, to the supervisor").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

/// Clicks the sign-out button and waits for the sign-in page.
async fn sign_out(c: &Client) -> Result<(), fantoccini::error::CmdError> {
    c.find(Locator::XPath("//button[contains(., 'Sign out')]"))
        .await?
        .click()
        .await?;
    wait_for_text(c, "h1", "Sign in").await;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intelligence_is_submitted_graded_and_disseminated_then_seen_sanitised_by_another_force() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_driver, c) = browser().await;
    let original = "Mrs Delia Hart at the Anchor pub told me Dorian Quennell keeps stolen catalytic converters in the garage behind 9 Mill Lane";
    let source_detail = "Anchor pub";
    let sanitised =
        "Dorian QUENNELL is believed to store stolen catalytic converters in a garage on Mill Lane, Northby.";
    let conditions = "Not to be used as evidence; contact NS intelligence unit before any action";
    let result = async {
        // The response officer submits intelligence about a new person, from a new source.
        sign_in(&c, &app.address, "ns.okafor").await?;
        let mut user = Actions::new(&c);
        user.click("#home-submit-intelligence").await?;
        wait_for_element(&c, "#intel-form").await;
        assert_accessible(&c, "the intelligence form").await?;
        user.type_in("#intel-text", original).await?;
        user.type_in("#subject-forename", "Dorian").await?;
        user.type_in("#subject-surname", "Quennell").await?;
        set_value(&c, "#subject-dob", "1991-04-17").await?;
        user.click("#add-new-person").await?;
        wait_for_text_ci(&c, "#subjects-chosen", "New person: Dorian Quennell, born 1991-04-17").await;
        assert_accessible(&c, "the intelligence form with a new subject").await?;
        // When is filled in for us (now); the priority is offered (medium).
        user.type_in("#obtained-where", "The Anchor pub, Mill Lane, Northby")
            .await?;
        user.choose("#source-kind", "member_of_public").await?;
        user.type_in("#source-name", "Mrs Delia Hart, 11 Mill Lane")
            .await?;
        user.type_in("#source-details", "Prefers contact after 6pm")
            .await?;
        user.click("#intel-submit").await?;
        wait_for_element(&c, "#intel-submitted #intel-reference").await;
        let reference = c
            .find(Locator::Id("intel-reference"))
            .await?
            .text()
            .await?
            .trim()
            .to_owned();
        assert!(
            reference.starts_with("NS-INT-"),
            "a report reference like NS-INT-2026-000001, not `{reference}`"
        );
        assert_accessible(&c, "the submitted intelligence report").await?;
        assert_eq!(
            user.done,
            [
                "click #home-submit-intelligence",
                "type #intel-text",
                "type #subject-forename",
                "type #subject-surname",
                "click #add-new-person",
                "type #obtained-where",
                "choose #source-kind=member_of_public",
                "type #source-name",
                "type #source-details",
                "click #intel-submit",
            ],
            "the officer's actions from the home page to the submitted report"
        );
        sign_out(&c).await?;

        // The intelligence officer finds it in the evaluation queue, evaluates, grades and
        // disseminates it with a sanitised text.
        sign_in(&c, &app.address, "ns.nowak").await?;
        let mut unit = Actions::new(&c);
        unit.click("#home-evaluation-queue").await?;
        let queue = wait_for_text(&c, "#evaluation-queue", &reference).await;
        assert!(queue.to_lowercase().contains("quennell"), "{queue}");
        assert_accessible(&c, "the evaluation queue").await?;
        c.find(Locator::XPath(&format!(
            "//section[@id='evaluation-queue']//tr[contains(@class, 'queue-row')]//a[contains(@class, 'report-ref') and normalize-space(.)='{reference}']"
        )))
        .await?
        .click()
        .await?;
        wait_for_element(&c, "#access-purpose").await;
        assert_accessible(&c, "the report's question of purpose").await?;
        unit.type_in("#access-purpose", "Evaluating intelligence").await?;
        unit.click("#access-submit").await?;
        wait_for_element(&c, "#report-state[data-state=submitted]").await;
        wait_for_text(&c, "#report-reference", &reference).await;
        wait_for_text(&c, "#report-original-text", source_detail).await;
        assert_accessible(&c, "the intelligence report, submitted").await?;
        unit.click("#action-start_evaluation").await?;
        wait_for_element(&c, "#report-state[data-state=in_evaluation]").await;
        unit.choose("#grade-source", "2").await?;
        unit.choose("#grade-assessment", "B").await?;
        unit.choose("#grade-handling", "C").await?;
        unit.type_in("#grade-conditions", conditions).await?;
        // The priority (the submitter's) and the review date (three months on) are offered.
        // The sanitised text starts as the submitter's words: the officer rewrites it.
        wait_for_element(&c, "#sanitised-text").await;
        assert_accessible(&c, "the intelligence report in evaluation, graded").await?;
        set_value(&c, "#sanitised-text", "").await?;
        unit.type_in("#sanitised-text", sanitised).await?;
        unit.click("#action-disseminate").await?;
        wait_for_element(&c, "#report-state[data-state=disseminated]").await;
        wait_for_text(&c, "#report-grading", "2B C").await;
        wait_for_text(&c, "#report-sanitised-text", sanitised).await;
        wait_for_text_ci(&c, "#report-handling", conditions).await;
        assert_accessible(&c, "the intelligence report, disseminated").await?;
        sign_out(&c).await?;

        // An officer of another force finds the person, and sees the disseminated intelligence
        // about them once they say why: the sanitised text, grading and conditions, never the
        // submitter's words.
        sign_in(&c, &app.address, "wv.begum").await?;
        c.find(Locator::LinkText("Search")).await?.click().await?;
        wait_for_text(&c, "h1", "Search").await;
        c.find(Locator::Id("search-q"))
            .await?
            .send_keys("Dorian Quennell")
            .await?;
        wait_for_text_ci(&c, "#search-results", "Dorian Quennell").await;
        c.find(Locator::XPath(
            "//ol[@id='search-results']/li[@data-record-kind='person']//a[contains(@class, 'record-link') and \
             contains(translate(normalize-space(.), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 'DORIAN QUENNELL')]",
        ))
        .await?
        .click()
        .await?;
        wait_for_text_ci(&c, "h1", "Dorian Quennell").await;
        let mut other = Actions::new(&c);
        other
            .type_in("#intel-purpose", "Briefing before deployment")
            .await?;
        other.click("#show-intelligence").await?;
        let shown = wait_for_text(&c, "#intelligence-results", &reference).await;
        assert_accessible(&c, "a person's page with another force's intelligence").await?;
        let shown_ci = shown.to_lowercase();
        for expected in [sanitised, "2B C", conditions] {
            assert!(
                shown_ci.contains(&expected.to_lowercase()),
                "`{expected}` is not shown: {shown}"
            );
        }
        for hidden in [original, source_detail, "Delia Hart"] {
            assert!(
                !shown_ci.contains(&hidden.to_lowercase()),
                "`{hidden}` must not be shown to another force: {shown}"
            );
        }
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

/// The keys of this browser's local storage that hold drafts.
async fn local_drafts(c: &Client) -> Vec<String> {
    let v = c
        .execute(
            "return Object.keys(window.localStorage).filter(k => k.startsWith('bluelamp.draft.'));",
            vec![],
        )
        .await
        .expect("read local storage");
    serde_json::from_value(v).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_saved_as_typed_left_off_the_shared_computer_at_sign_out_and_offered_again() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_driver, c) = browser().await;
    let result = async {
        sign_in(&c, &app.address, "ns.okafor").await?;
        c.goto(&format!("{}/investigation/shoplifting", app.address))
            .await?;
        wait_for_element(&c, "#shoplifting-form").await;
        c.find(Locator::Id("suspect-forename"))
            .await?
            .send_keys("Morwenna")
            .await?;
        c.find(Locator::Id("suspect-surname"))
            .await?
            .send_keys("Treloar")
            .await?;
        // Saved as typed: on this device and on the server.
        wait_for_text_ci(&c, "#autosave-status", "draft saved").await;
        assert_accessible(&c, "the shoplifting form with a saved draft").await?;
        for _ in 0..100 {
            let status = c.find(Locator::Id("autosave-status")).await?.text().await?;
            if !status.to_lowercase().contains("not yet on the server") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            !local_drafts(&c).await.is_empty(),
            "the draft is kept in the browser while signed in"
        );
        // Signing out leaves nothing typed about the case on this computer.
        sign_out(&c).await?;
        assert!(
            local_drafts(&c).await.is_empty(),
            "sign-out removes the browser's copies"
        );
        // Signing in again (anywhere) offers the server's copy.
        sign_in(&c, &app.address, "ns.okafor").await?;
        c.goto(&format!("{}/investigation/shoplifting", app.address))
            .await?;
        wait_for_element(&c, "#draft-offer").await;
        assert_accessible(&c, "the shoplifting form offering a draft").await?;
        c.find(Locator::Id("restore-draft")).await?.click().await?;
        for _ in 0..50 {
            let v = c
                .find(Locator::Id("suspect-surname"))
                .await?
                .prop("value")
                .await?;
            if v.as_deref() == Some("Treloar") {
                return Ok::<_, fantoccini::error::CmdError>(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the restored draft did not fill the suspect's surname");
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

mod admin;
mod case;
mod corrections;
mod custody;
mod notes;
mod reference;
mod retention;
mod security;
mod sso;
mod structure;
mod users;

/// The owning force ends a warning marker from the person's page on a phone, with the keyboard only:
/// a missing reason is shown against the field, and the ended marker stays on the page with its reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_ends_a_warning_marker_with_a_reason_by_keyboard_on_a_phone() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let token = app.token("ns.whitfield").await;
    let person = app
        .create_person(
            &token,
            serde_json::json!({"names": [{"forename": "Carl", "surname": "Renfrew"}], "dates_of_birth": ["1979-08-30"],
                               "markers": [{"code": "violent", "set_on": "2025-02-01", "notes": "Assaulted door staff"}]}),
        )
        .await;
    let id = person["id"].as_str().expect("id").to_owned();
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.whitfield").await?;
        c.goto(&format!("{}/people/{id}", app.address)).await?;
        wait_for_text(&c, "h1", "Carl RENFREW").await;
        wait_for_element(&c, "#end-marker-reason").await;
        // Keyboard only: focus the button and press Enter without a reason, then give one.
        let button = c.find(Locator::Id("end-marker")).await?;
        button.send_keys("\u{E007}").await?;
        wait_for_text(&c, "#end-marker-reason-error", "Say why").await;
        assert_accessible(&c, "a person's page at 360 px, ending a marker without a reason").await?;
        c.find(Locator::Id("end-marker-reason"))
            .await?
            .send_keys("Reviewed: no violence recorded since 2019")
            .await?;
        c.find(Locator::Id("end-marker"))
            .await?
            .send_keys("\u{E007}")
            .await?;
        // (Markers are shown in capitals.)
        let kept = wait_for_text_ci(
            &c,
            "#expired-markers",
            "Reviewed: no violence recorded since 2019",
        )
        .await;
        assert!(
            kept.to_lowercase().contains("ended") && kept.contains("NS"),
            "{kept}"
        );
        // Nothing is wider than the phone's screen.
        let width = c
            .execute("return document.documentElement.scrollWidth;", vec![])
            .await?;
        assert!(
            width.as_u64().unwrap_or(u64::MAX) <= 360,
            "page is {width} px wide at 360"
        );
        assert_accessible(&c, "a person's page at 360 px with an ended marker").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    let p: serde_json::Value = app
        .get(&format!("/api/v1/people/{id}"), Some(&token))
        .await
        .json();
    assert_eq!(
        p["markers"][0]["ended"]["reason"],
        "Reviewed: no violence recorded since 2019"
    );
}

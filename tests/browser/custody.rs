//! Custody in the browser: booking in through the form (pre-filled from the last record), a visit
//! and a dose on the record page, the board updating by itself; and the board still showing and
//! counting down with the real server process stopped, recovering when it returns.

use super::{
    assert_accessible, browser, set_value, sign_in, wait_for_element, wait_for_text, wait_for_text_ci,
    Actions,
};
use bluelamp_tests::process::{free_port, serve, wait_ready};
use bluelamp_tests::{workspace_root, Backend, TestApp, DEMO_PASSWORD};
use chrono::{Duration as Span, SecondsFormat, Utc};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::time::Duration;

fn ago(span: Span) -> String {
    (Utc::now() - span).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A small API client for arranging data (the real HTTP API; no database access).
struct Api {
    base: String,
    http: reqwest::Client,
}

impl Api {
    fn new(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    async fn token(&self, username: &str) -> String {
        let s: Value = self
            .http
            .post(format!("{}/api/v1/auth/sign-in", self.base))
            .json(&json!({"username": username, "password": DEMO_PASSWORD}))
            .send()
            .await
            .expect("sign in")
            .json()
            .await
            .expect("tokens");
        s["access_token"].as_str().expect("token").to_owned()
    }

    async fn call(&self, method: reqwest::Method, path: &str, token: &str, body: Option<Value>) -> Value {
        let mut r = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .header("Idempotency-Key", uuid::Uuid::new_v4().to_string());
        if let Some(b) = body {
            r = r.json(&b);
        }
        let r = r.send().await.expect("request");
        let status = r.status();
        let text = r.text().await.expect("body");
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).expect("json")
    }

    async fn suite(&self, token: &str, code: &str) -> Value {
        let r = self
            .call(reqwest::Method::GET, "/api/v1/reference-data", token, None)
            .await;
        r["custody_suites"]
            .as_array()
            .expect("suites")
            .iter()
            .find(|s| s["code"] == code)
            .expect("suite")
            .clone()
    }

    async fn person(&self, token: &str, surname: &str) -> String {
        let p = self
            .call(
                reqwest::Method::POST,
                "/api/v1/people",
                token,
                Some(json!({"names": [{"forename": "Dean", "surname": surname}], "dates_of_birth": ["1990-04-04"],
                            "markers": [{"code": "violent", "set_on": "2024-01-01"}]})),
            )
            .await;
        p["id"].as_str().expect("id").to_owned()
    }

    async fn book_in(&self, token: &str, person: &str, suite: &Value, extra: Value) -> Value {
        let mut body = json!({
            "person_id": person, "suite_id": suite["id"], "cell": "C2",
            "arrest": {"at": ago(Span::minutes(100)), "place": "High Street", "officer": "PC 4521 Okafor",
                       "offences": ["theft_shop"], "grounds": "Seen on CCTV", "necessity": "Prompt investigation"},
            "asn": "26/01NS/01/000777B", "arrived_at": ago(Span::minutes(90)), "decision": "authorised",
            "decided_at": ago(Span::minutes(85)), "decision_reason": "To obtain evidence by questioning",
            "self_defined_ethnicity": "W1", "officer_defined_ethnicity": "W", "nationality": "British"
        });
        for (k, v) in extra.as_object().expect("object") {
            body[k] = v.clone();
        }
        self.call(
            reqwest::Method::POST,
            "/api/v1/custody-records",
            token,
            Some(body),
        )
        .await
    }

    async fn entry(&self, token: &str, record: &str, body: Value) -> Value {
        self.call(
            reqwest::Method::POST,
            &format!("/api/v1/custody-records/{record}/entries"),
            token,
            Some(body),
        )
        .await
    }
}

/// Waits (up to `secs`) until `css` shows `expected`; the board changes on its own clock, so these
/// waits are longer than a page's.
async fn wait_long(c: &Client, css: &str, expected: &str, secs: u64) -> String {
    let mut last = String::new();
    for _ in 0..secs * 5 {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if t.contains(expected) {
                    return t;
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("`{css}` never showed `{expected}` in {secs} s (last: `{last}`)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custody_officer_books_in_records_a_visit_and_a_dose_and_the_board_updates() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let api = Api::new(&app.address);
    let raman = api.token("ns.raman").await;
    let doyle = api.token("ns.doyle").await;
    let central = api.suite(&raman, "NS-CEN").await;
    let suite_id = central["id"].as_str().expect("suite id").to_owned();
    // Dean Marsh was in custody before, on insulin; released.
    let person = api.person(&raman, "Marsh").await;
    let before = api
        .book_in(
            &raman,
            &person,
            &central,
            json!({"medication": [{"medicine": "Insulin glargine", "dose": "10 units", "every_minutes": 240, "prescriber": "Dr Shah (GP)"}]}),
        )
        .await;
    api.entry(
        &raman,
        before["id"].as_str().expect("id"),
        json!({"kind": "disposal", "outcome": "no_further_action"}),
    )
    .await;

    let (_driver, c) = browser().await;
    let result = async {
        sign_in(&c, &app.address, "ns.raman").await?;
        c.goto(&format!("{}/custody/book-in?person={person}", app.address))
            .await?;
        // What is known is there before anything is typed: markers, last medication, ethnicity.
        wait_for_text_ci(&c, "#book-in-markers", "violent").await;
        wait_for_element(&c, "#book-in-known-medication").await;
        assert_accessible(&c, "the booking-in form, pre-filled").await?;
        let medicine = c
            .find(Locator::Id("book-in-medication-0-medicine"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        assert_eq!(medicine, "Insulin glargine");
        let mut a = Actions::new(&c);
        a.choose("#book-in-suite-id", &suite_id).await?;
        a.choose("#book-in-cell", "C3").await?;
        let arrived = c
            .find(Locator::Id("book-in-arrived-at"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        set_value(&c, "#book-in-arrest-at", &arrived).await?;
        a.type_in("#book-in-arrest-place", "Boots, 12 High Street, Northby")
            .await?;
        a.type_in("#book-in-arrest-officer", "PC 4521 Okafor").await?;
        a.click("#book-in-form input[type=checkbox][value=theft_shop]")
            .await?;
        a.type_in(
            "#book-in-arrest-grounds",
            "Seen on CCTV leaving with razor blades unpaid",
        )
        .await?;
        a.type_in(
            "#book-in-arrest-necessity",
            "To allow the prompt and effective investigation",
        )
        .await?;
        a.type_in("#book-in-asn", "26/01NS/01/000124C").await?;
        a.click("#book-in-decision").await?;
        a.type_in("#book-in-decision-reason", "To obtain evidence by questioning")
            .await?;
        a.choose("#book-in-self-defined-ethnicity", "W1").await?;
        a.choose("#book-in-officer-defined-ethnicity", "W").await?;
        let nationality = c
            .find(Locator::Id("book-in-nationality"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        if nationality.is_empty() {
            a.type_in("#book-in-nationality", "British").await?;
        }
        // The risk assessment: intoxicated (question 6) calls for level 2 and rousing.
        // (The assessment is done at the desk by default: the questions are already on the form.)
        wait_for_element(&c, "#book-in-risk-answers-0-no").await;
        let questions: Value = app.get("/api/v1/reference-data", Some(&raman)).await.json();
        let codes: Vec<String> = questions["custody_risk_questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| q["code"].as_str().expect("code").to_owned())
            .collect();
        for (i, code) in codes.iter().enumerate() {
            if code == "intoxicated" {
                a.click(&format!("#book-in-risk-answers-{i}")).await?;
            } else {
                a.click(&format!("#book-in-risk-answers-{i}-no")).await?;
            }
        }
        let level = c
            .find(Locator::Id("book-in-risk-observation-level"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        assert_eq!(level, "2", "the level follows the answers");
        assert_accessible(&c, "the booking-in form, filled in").await?;
        a.click("#book-in-submit").await?;
        let number = wait_for_text(&c, "#custody-number", "NS-CUS-").await;
        let url = c.current_url().await?;
        let record = url.path().rsplit('/').next().expect("record id").to_owned();
        wait_for_text_ci(&c, "#custody-risk-markers", "intoxicated").await;
        assert_accessible(&c, "the custody record").await?;

        // A rousing visit, then the insulin given.
        a.choose("#visit-check", "rousing").await?;
        a.type_in("#visit-response", "Roused, answered, asked for water")
            .await?;
        a.click("#visit-submit").await?;
        wait_for_text(&c, "#custody-events", "Visit (Rousing)").await;
        let dose_form = c.find(Locator::Css("form[id^='dose-form-']")).await?;
        let form_id = dose_form.attr("id").await?.expect("dose form id");
        let rx = form_id.trim_start_matches("dose-form-").to_owned();
        a.choose(&format!("#dose-{rx}-outcome"), "given").await?;
        a.click(&format!("#dose-{rx}-submit")).await?;
        wait_for_text(&c, "#custody-events", "Dose given").await;
        assert_accessible(&c, "the custody record with a visit and a dose").await?;

        // The board shows the detainee with the visit and dose just recorded counted from.
        c.goto(&format!("{}/custody/suites/{suite_id}", app.address))
            .await?;
        let row = format!("tr.board-row[data-record='{record}']");
        wait_for_element(&c, &row).await;
        wait_for_text(&c, &format!("{row} .cell-cell"), "C3").await;
        let dose = wait_for_text(&c, &format!("{row} .cell-dose"), "Insulin").await;
        assert!(!dose.contains("OVERDUE"), "given just now: {dose}");
        let visit = c
            .find(Locator::Css(&format!("{row} .cell-visit")))
            .await?
            .text()
            .await?;
        assert!(
            visit.contains('m') && !visit.contains("OVERDUE"),
            "next rousing visit within 30 minutes: {visit}"
        );
        assert!(number.contains("NS-CUS-"));
        assert_accessible(&c, "the custody board").await?;

        // Someone else records a move of cell: the open board shows it without a reload.
        api.entry(
            &doyle,
            &record,
            json!({"kind": "note", "text": "Moved for cleaning", "cell": "C9"}),
        )
        .await;
        wait_long(&c, &format!("{row} .cell-cell"), "C9", 30).await;
        Ok::<_, fantoccini::error::CmdError>(a.done.len())
    }
    .await;
    c.close().await.ok();
    let actions = result.expect("browser steps");
    assert!(actions > 10);
}

/// The server process, killed when stopped or when the test ends (also by a failed assertion).
struct Stopped(Option<std::process::Child>);

impl Stopped {
    /// Kills the process (SIGKILL: as abrupt as a crash or a cut cable) and reaps it.
    fn stop(&mut self) {
        if let Some(mut child) = self.0.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

impl Drop for Stopped {
    fn drop(&mut self) {
        self.stop();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_board_keeps_showing_and_counting_down_while_the_server_is_stopped() {
    let dist = workspace_root().join("frontend/dist");
    assert!(dist.join("index.html").is_file(), "frontend/dist is not built");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("data/bluelamp.db");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let mut server = Stopped(Some(serve(&db, port, Some(&dist))));
    wait_ready(&http, &base).await;
    let api = Api::new(&base);
    let raman = api.token("ns.raman").await;
    let doyle = api.token("ns.doyle").await;
    let central = api.suite(&raman, "NS-CEN").await;
    let person = api.person(&raman, "Quill").await;
    // Level 1 (hourly visits), last visited 57 min 50 s ago: the next visit is due in 2 min 10 s,
    // so within a few seconds the countdown reads 1m, counted by the browser alone.
    let rec = api.book_in(&raman, &person, &central, json!({})).await;
    let record = rec["id"].as_str().expect("id").to_owned();
    let questions = api
        .call(reqwest::Method::GET, "/api/v1/reference-data", &raman, None)
        .await;
    let answers: Vec<Value> = questions["custody_risk_questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| json!({"question": q["code"], "yes": false}))
        .collect();
    api.entry(
        &raman,
        &record,
        json!({"kind": "risk_assessment", "answers": answers, "observation_level": 1}),
    )
    .await;
    api.entry(
        &doyle,
        &record,
        json!({"kind": "visit", "check": "verbal", "response": "Awake, answered", "at": ago(Span::seconds(57 * 60 + 50))}),
    )
    .await;

    let (_driver, c) = browser().await;
    let result = async {
        sign_in(&c, &base, "ns.doyle").await?;
        c.goto(&format!(
            "{base}/custody/suites/{}",
            central["id"].as_str().expect("id")
        ))
        .await?;
        let row = format!("tr.board-row[data-record='{record}']");
        let visit = wait_for_text(&c, &format!("{row} .cell-visit"), "2m").await;
        assert!(!visit.contains("OVERDUE"), "{visit}");
        assert!(
            c.find(Locator::Id("board-stale")).await.is_err(),
            "no warning while the server answers"
        );

        // The server process stops.
        server.stop();
        let stale = wait_long(&c, "#board-stale", "unreachable", 40).await;
        assert!(stale.contains("ago"), "the board's age is shown: {stale}");
        assert_accessible(&c, "the custody board with the server stopped").await?;
        // Still showing the detainee, still counting down on the browser's clock.
        wait_long(&c, &format!("{row} .cell-visit"), "1m", 90).await;
        let name = c
            .find(Locator::Css(&format!("{row} .cell-detainee")))
            .await?
            .text()
            .await?;
        assert!(name.to_lowercase().contains("quill"), "{name}");

        // The server comes back on the same port: the board recovers by itself.
        server.0 = Some(serve(&db, port, Some(&dist)));
        wait_ready(&http, &base).await;
        for _ in 0..200 {
            if c.find(Locator::Id("board-stale")).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(
            c.find(Locator::Id("board-stale")).await.is_err(),
            "the warning goes once the server answers"
        );
        wait_for_element(&c, &row).await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    c.close().await.ok();
    server.stop();
    result.expect("browser steps");
}

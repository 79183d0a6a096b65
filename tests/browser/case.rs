//! Case in the browser: from a shoplifting whose suspect was charged and bailed in custody to a
//! submitted anticipated-guilty-plea file, the CPS accepting it, and the crime finalised as charged.
//! Every user action from the charged suspect to the submitted file is counted (the figure is in
//! docs/performance.md).

use super::{assert_accessible, browser, sign_out, wait_for_element, wait_for_text, Actions};
use bluelamp_tests::{Backend, TestApp, DEMO_PASSWORD};
use chrono::{Duration, SecondsFormat, Utc};
use fantoccini::{Client, Locator};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn ago(minutes: i64) -> String {
    (Utc::now() - Duration::minutes(minutes)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Arranges, through the API, what the Investigation and Custody work recorded: a shoplifting with
/// the store, suspect, store detective and CCTV, and the suspect booked in, charged and bailed.
async fn charged_shoplifting(app: &TestApp) -> (Value, String) {
    let okafor = app.token("ns.okafor").await;
    let crime: Value = app
        .post_with_key(
            "/api/v1/retail-thefts",
            &okafor,
            &uuid::Uuid::new_v4().to_string(),
            &json!({
                "new_store": {"name": "Northby Superstore", "kind": "business"},
                "new_store_address": {"kind": "address", "premises": "Unit 4", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"},
                "offence_from": ago(600),
                "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
                "suspect": {"new_person": {"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"]}},
                "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}],
                "witness": {"new_person": {"names": [{"forename": "Priya", "surname": "Shah"}]}},
                "cctv": {"reference": "CO/1", "description": "CCTV footage on USB stick", "storage": "Northby property store, bag A123"}
            }),
        )
        .await
        .json();
    let party = |role: &str| {
        crime["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["role"] == role)
            .unwrap()["record"]["record"]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let raman = app.token("ns.raman").await;
    let refdata: Value = app.get("/api/v1/reference-data", Some(&raman)).await.json();
    let suite = refdata["custody_suites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["force_code"] == "NS")
        .unwrap()
        .clone();
    let r = app
        .send(
            Method::POST,
            "/api/v1/custody-records",
            Some(&raman),
            &[("Idempotency-Key", &uuid::Uuid::new_v4().to_string())],
            Some(&json!({
                "person_id": party("suspect"), "crime_id": crime["id"], "suite_id": suite["id"], "cell": "C3",
                "arrest": {"at": ago(300), "place": "Northby Superstore", "officer": "PC 4521 Okafor", "offences": ["theft_shop"],
                           "grounds": "Seen on CCTV leaving with whisky unpaid", "necessity": "Prompt and effective investigation"},
                "asn": "26/01NS/01/000123A", "arrived_at": ago(280), "decision": "authorised", "decided_at": ago(275),
                "decision_reason": "To obtain evidence by questioning", "self_defined_ethnicity": "W1",
                "officer_defined_ethnicity": "W", "nationality": "British"
            })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let rec: Value = r.json();
    let entries = format!("/api/v1/custody-records/{}/entries", rec["id"].as_str().unwrap());
    let bail = (Utc::now() + Duration::days(14)).date_naive().to_string();
    for e in [
        json!({"kind": "charge", "at": ago(120), "offences": ["theft_shop"]}),
        json!({"kind": "disposal", "outcome": "charged_bailed", "at": ago(100), "bail_date": bail}),
    ] {
        let r = app.post(&entries, Some(&raman), &e).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let witness = party("witness");
    (crime, witness)
}

/// Waits until nothing matches `css` (an item leaving the checklist once saved).
async fn wait_gone(c: &Client, css: &str) {
    for _ in 0..150 {
        if c.find(Locator::Css(css)).await.is_err() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "`{css}` is still there; page:\n{}",
        c.source().await.unwrap_or_default()
    );
}

/// Signs in through the form, counted.
async fn sign_in_as(
    user: &mut Actions<'_>,
    c: &Client,
    base: &str,
    username: &str,
) -> Result<(), fantoccini::error::CmdError> {
    c.goto(&format!("{base}/sign-in")).await?;
    wait_for_text(c, "h1", "Sign in").await;
    user.type_in("#username", username).await?;
    user.type_in("#password", DEMO_PASSWORD).await?;
    user.click("form button[type=submit]").await?;
    wait_for_text(c, "h1", "Welcome").await;
    Ok(())
}

/// Opens a page by its address (the user following a link from their work list), counted.
async fn open(user: &mut Actions<'_>, c: &Client, url: &str) -> Result<(), fantoccini::error::CmdError> {
    c.goto(url).await?;
    user.done.push(format!("open {url}"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_charged_shoplifting_becomes_a_submitted_gap_file_the_cps_accepts_and_the_crime_is_charged() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (crime, witness) = charged_shoplifting(&app).await;
    let crime_url = format!("{}/crimes/{}", app.address, crime["id"].as_str().unwrap());
    let (_driver, c) = browser().await;
    let result = async {
        let mut user = Actions::new(&c);
        // The officer who attended takes the store detective's statement.
        sign_in_as(&mut user, &c, &app.address, "ns.okafor").await?;
        open(&mut user, &c, &crime_url).await?;
        user.choose("#statement-witness-person-id", &witness).await?;
        user.type_in("#statement-occupation", "Store detective").await?;
        user.type_in("#statement-text", "I saw the man put two bottles of whisky in his bag and walk out past the tills without paying.").await?;
        user.click("#statement-declaration").await?;
        user.click("#statement-submit").await?;
        wait_for_text(&c, "#statements", "Store detective").await;
        assert_accessible(&c, "the crime page with a statement").await?;
        sign_out(&c).await?;
        user.done.push("sign out".to_owned());

        // The investigator starts the GAP file from the crime: the checklist lists only what is
        // still missing for this file type.
        sign_in_as(&mut user, &c, &app.address, "ns.whitfield").await?;
        open(&mut user, &c, &crime_url).await?;
        user.choose("#new-case-file-type", "gap").await?;
        user.click("#new-case-file-submit").await?;
        wait_for_element(&c, "#case-urn").await;
        let checklist = wait_for_text(&c, "#readiness", "Write the case summary").await;
        assert!(checklist.contains("unused material"), "{checklist}");
        assert!(!checklist.contains("witness statement"), "the statement is taken: {checklist}");
        assert!(!checklist.contains("interview"), "a GAP file needs no MG15: {checklist}");
        assert_accessible(&c, "a new case file with its checklist").await?;
        let file_url = c.current_url().await?.to_string();
        assert!(file_url.contains("/case/files/"), "{file_url}");
        user.type_in("#doc-mg5-summary", "Dean Marsh took two bottles of whisky from Northby Superstore and left without paying. The store detective saw it and CCTV shows it. He was charged and bailed to court.").await?;
        // The checklist runs the shared rule over what is typed, before it is saved.
        wait_for_text(&c, "#readiness li[data-code='mg5.summary']", "Met by what you have typed").await;
        assert_accessible(&c, "a case file with a summary typed").await?;
        user.click("#doc-mg5-save").await?;
        wait_for_text(&c, "#readiness", "A supervisor must certify").await;
        user.click("#doc-mg6c-complete").await?;
        user.click("#doc-mg6c-save").await?;
        wait_gone(&c, "#readiness li[data-code='mg6c.complete']").await;
        let checklist = wait_for_text(&c, "#readiness", "certify the case summary").await;
        assert!(!checklist.contains("unused material"), "{checklist}");
        sign_out(&c).await?;
        user.done.push("sign out".to_owned());

        // The supervisor certifies the summary.
        sign_in_as(&mut user, &c, &app.address, "ns.llewellyn").await?;
        open(&mut user, &c, &file_url).await?;
        user.click("#doc-mg5-certify").await?;
        wait_for_element(&c, "#readiness-ready").await;
        assert_accessible(&c, "a case file ready to submit").await?;
        sign_out(&c).await?;
        user.done.push("sign out".to_owned());

        // Case staff submit it.
        sign_in_as(&mut user, &c, &app.address, "ns.pike").await?;
        open(&mut user, &c, &file_url).await?;
        wait_for_element(&c, "#readiness-ready").await;
        user.click("#case-submit").await?;
        wait_for_element(&c, "#case-state[data-state=submitted]").await;
        assert_accessible(&c, "a submitted case file").await?;
        let actions = std::mem::take(&mut user.done);
        assert_eq!(
            actions.len(),
            32,
            "the user actions from the charged suspect to the submitted file: {actions:#?}"
        );
        sign_out(&c).await?;

        // The CPS finds it in its queue and accepts it.
        sign_in_as(&mut user, &c, &app.address, "cps.harding").await?;
        user.click("nav[aria-label=Main] a[href='/case']").await?;
        wait_for_element(&c, "#cps-queue-table a").await;
        assert_accessible(&c, "the CPS queue").await?;
        user.click("#cps-queue-table a").await?;
        wait_for_text(&c, "#doc-mg5", "Dean Marsh took two bottles").await;
        wait_for_text(&c, "#doc-mg11", "Store detective").await;
        assert_accessible(&c, "a case file to the CPS").await?;
        user.click("#cps-decision-accept").await?;
        user.click("#cps-decision-submit").await?;
        wait_for_text(&c, "#cps-state", "Accepted").await;
        assert_accessible(&c, "a case file the CPS accepted").await?;
        sign_out(&c).await?;

        // The crime's outcome is charged.
        sign_in_as(&mut user, &c, &app.address, "ns.whitfield").await?;
        c.goto(&crime_url).await?;
        wait_for_element(&c, "#crime-state[data-state=finalised]").await;
        let facts = c.find(Locator::Id("crime-facts")).await?.text().await?;
        assert!(facts.to_lowercase().contains("charged"), "{facts}");
        assert_accessible(&c, "the crime page, finalised").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

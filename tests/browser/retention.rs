//! A MoPI retention review on a phone-sized window (360 px) with the keyboard: an information manager
//! runs the assessment, finds a shoplifting reported in 2015 in the queue and opens it, puts it in
//! group 2 with a justification, sends the decision without a concern (the fault is shown at the
//! questions), then keeps the record for a concern with a justification and a next review date; the
//! decision is listed and the record leaves the queue.

use super::admin::{fits_a_phone, press_enter};
use super::{assert_accessible, browser, set_value, sign_in, wait_for_element, wait_for_text};
use bluelamp_tests::{Backend, TestApp};
use chrono::{Months, Utc};
use fantoccini::{Client, Locator};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Records a Northshire shoplifting and answers (crime id, the reference the queue shows).
async fn shoplifting(app: &TestApp, token: &str) -> (String, String) {
    let body = json!({
        "offence_from": "2026-11-20T14:02:00Z",
        "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
        "suspect": {"new_person": {"names": [{"forename": "Dean", "surname": "Pellow"}], "dates_of_birth": ["1990-04-02"]}},
        "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}],
        "new_store": {"name": "Pellow Superstore", "kind": "business"},
        "new_store_address": {"kind": "address", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"}
    });
    let key = uuid::Uuid::new_v4().to_string();
    let r = app
        .post_with_key("/api/v1/retail-thefts", token, &key, &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let c: Value = r.json();
    let id = c["id"].as_str().expect("crime id").to_owned();
    let reference = c["crn"].as_str().map(str::to_owned).unwrap_or_else(|| id.clone());
    (id, reference)
}

/// Ticks or unticks the checkbox with id `id` from the keyboard (the space bar).
async fn press_space(c: &Client, id: &str) -> Result<(), fantoccini::error::CmdError> {
    c.find(Locator::Id(id)).await?.send_keys("\u{E00D}").await
}

/// Waits until the queue is loaded (a table or "No record is due") and answers its text.
async fn queue_text(c: &Client) -> Result<String, fantoccini::error::CmdError> {
    wait_for_element(c, "#retention-queue-table, #retention-queue-none").await;
    c.find(Locator::Id("retention-queue")).await?.text().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_an_information_manager_keeps_a_record_for_a_concern_by_keyboard_on_a_phone() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let okafor = app.token("ns.okafor").await;
    let (id, reference) = shoplifting(&app, &okafor).await;
    app.execute(&format!(
        "UPDATE crimes SET reported_at = '2015-03-01 10:00:00' WHERE id = '{id}'"
    ))
    .expect("age the crime");
    let next = Utc::now()
        .date_naive()
        .checked_add_months(Months::new(24))
        .expect("a date two years on");
    let why = "Repeat offending against the same store; staff were threatened";

    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.quayle").await?;
        // The navigation offers the page to an information manager.
        c.find(Locator::LinkText("Retention reviews"))
            .await?
            .send_keys("\u{E007}")
            .await?;
        wait_for_text(&c, "h1", "Retention reviews").await;
        queue_text(&c).await?;

        // Running the assessment puts the crime reported in 2015 in the queue.
        press_enter(&c, "#retention-run-button").await?;
        wait_for_text(&c, "#retention-run-notice", "The assessment has run").await;
        let queue = wait_for_text(&c, "#retention-queue", &reference).await;
        assert!(queue.contains("Group 3"), "{queue}");
        fits_a_phone(&c, "the retention queue").await?;
        assert_accessible(&c, "the retention queue at 360 px").await?;

        // Opened by keyboard.
        c.find(Locator::XPath(&format!(
            "//table[@id='retention-queue-table']//a[contains(@class, 'retention-ref') and normalize-space(.)='{reference}']"
        )))
        .await?
        .send_keys("\u{E007}")
        .await?;
        wait_for_text(&c, "#review-title", &reference).await;
        let summary = wait_for_text(&c, "#review-summary", "Group 3").await;
        assert!(summary.contains("all other offences"), "{summary}");
        wait_for_element(&c, "#review-decisions-none").await;
        wait_for_element(&c, "#decision-form").await;

        // The group changed by hand: a justification is needed, then the override is shown.
        press_enter(&c, "#group-submit").await?;
        wait_for_text(&c, "#group-justification-error", "Enter the justification").await;
        c.find(Locator::Id("group-group"))
            .await?
            .select_by_value("2")
            .await?;
        c.find(Locator::Id("group-justification"))
            .await?
            .send_keys("Threats of violence to store staff make this a serious offence")
            .await?;
        press_enter(&c, "#group-submit").await?;
        wait_for_text(&c, "#group-notice", "The group is now Group 2").await;
        wait_for_text(&c, "#review-summary", "(overridden by a reviewer)").await;
        wait_for_text(&c, "#review-override-details", "Threats of violence").await;

        // Sent without a concern: the fault is shown at the questions and in the summary.
        c.find(Locator::Id("decision-justification"))
            .await?
            .send_keys(why)
            .await?;
        set_value(&c, "#decision-next-review-on", &next.to_string()).await?;
        press_enter(&c, "#decision-submit").await?;
        wait_for_text(&c, "#decision-nrac-error", "answer yes to at least one question").await;
        wait_for_text(&c, "#decision-error-summary", "There is a problem").await;
        fits_a_phone(&c, "the review with its fault").await?;
        assert_accessible(&c, "a retention review at 360 px, decided without a concern").await?;

        // One concern ticked by keyboard, and sent with Enter.
        press_space(&c, "decision-nrac-2").await?;
        press_enter(&c, "#decision-submit").await?;
        wait_for_text(&c, "#decision-notice", "Your decision is recorded").await;
        let listed = wait_for_text(&c, "#review-decisions-list", why).await;
        assert!(
            listed.contains("Are there any concerns in relation to children or vulnerable adults?"),
            "{listed}"
        );
        assert!(listed.contains("Miriam Quayle"), "{listed}");
        wait_for_text(&c, "#review-summary", "The date a reviewer set").await;
        fits_a_phone(&c, "the review with its decision").await?;
        assert_accessible(&c, "a retention review at 360 px with its decision").await?;

        // The record has left the queue.
        press_enter(&c, "#back-to-retention").await?;
        wait_for_text(&c, "h1", "Retention reviews").await;
        let queue = queue_text(&c).await?;
        assert!(!queue.contains(&reference), "{reference} is still due: {queue}");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");

    // Decided once, with the concern, the justification and the date given.
    let quayle = app.token("ns.quayle").await;
    let review: Value = app
        .get(&format!("/api/v1/retention/reviews/{id}"), Some(&quayle))
        .await
        .json();
    let decisions = review["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 1, "{review}");
    assert_eq!(decisions[0]["nrac"]["children_or_vulnerable_adults"], true);
    assert_eq!(decisions[0]["justification"], why);
    assert_eq!(decisions[0]["next_review_on"], next.to_string());
    assert_eq!(review["due"], false);
    assert_eq!(
        (review["derived_group"].as_str(), review["group"].as_str()),
        (Some("3"), Some("2"))
    );
}

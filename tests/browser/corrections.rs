//! A correction asked of the force that owns a person, on a phone-sized window (360 px) and with
//! the keyboard: Wessex Vale sees a Northshire person, sends the form empty (every fault is shown at
//! once, at its field and in the summary), then asks for the correction; Northshire sees it open on
//! the person's page and refuses it with a reason, and the correction stays listed as refused.

use super::admin::{fits_a_phone, press_enter};
use super::{assert_accessible, browser, sign_in, sign_out, wait_for_element, wait_for_text};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// Types `text` into the element with id `id` (focusing it, as a keyboard user would by tabbing).
async fn type_into(c: &Client, id: &str, text: &str) -> Result<(), fantoccini::error::CmdError> {
    c.find(Locator::Id(id)).await?.send_keys(text).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corrections_a_partner_asks_by_keyboard_on_a_phone_and_the_owner_refuses_with_a_reason() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let ns = app.token("ns.okafor").await;
    let person = app
        .create_person(
            &ns,
            json!({"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"]}),
        )
        .await;
    let id = person["id"].as_str().expect("person id").to_owned();
    let page = format!("{}/people/{id}", app.address);
    let why = "Passport seen on arrest, 2026-11-20: day and month were transposed";
    let refusal = "Birth certificate on file reads 2 April 1990";

    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "wv.begum").await?;
        c.goto(&page).await?;
        wait_for_text(&c, "h1", "Dean MARSH").await;
        wait_for_text(&c, "#correction-form-title", "Ask NS to correct this record").await;
        wait_for_text(&c, "#corrections-none", "No correction").await;

        // Sent empty: every fault at once, in the summary and at its field.
        press_enter(&c, "#correction-submit").await?;
        let summary = wait_for_text(&c, "#correction-error-summary", "There is a problem").await;
        for fault in [
            "Enter the description of what is wrong",
            "Enter the proposed value",
            "Enter the reason",
        ] {
            assert!(summary.contains(fault), "{fault} missing from: {summary}");
        }
        wait_for_text(
            &c,
            "#correction-field-error",
            "Enter the description of what is wrong",
        )
        .await;
        wait_for_text(&c, "#correction-proposed-value-error", "Enter the proposed value").await;
        wait_for_text(&c, "#correction-reason-error", "Enter the reason").await;
        fits_a_phone(&c, "the correction form with its faults").await?;
        assert_accessible(
            &c,
            "a shared person's page at 360 px, the correction form sent empty",
        )
        .await?;

        // Filled in by keyboard and sent with Enter.
        type_into(&c, "correction-field", "date of birth").await?;
        type_into(&c, "correction-current-value", "1990-04-02").await?;
        type_into(&c, "correction-proposed-value", "1990-02-04").await?;
        type_into(&c, "correction-reason", why).await?;
        press_enter(&c, "#correction-submit").await?;
        wait_for_text(&c, "#correction-notice", "has been sent to NS").await;
        let listed = wait_for_text(&c, "#corrections-list", "1990-02-04").await;
        assert!(
            listed.contains("Open") && listed.contains("Aisha Begum") && listed.contains(why),
            "{listed}"
        );
        fits_a_phone(&c, "the person's page with a correction asked").await?;
        assert_accessible(&c, "a shared person's page at 360 px with a correction asked").await?;
        sign_out(&c).await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    if let Err(e) = result {
        let _ = c.close().await;
        panic!("browser steps (Wessex Vale asks): {e}");
    }

    // Asked once, by Wessex Vale, of Northshire.
    let page_json: Value = app
        .get(&format!("/api/v1/corrections?record_id={id}"), Some(&ns))
        .await
        .json();
    let items = page_json["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{page_json}");
    let asked = &items[0];
    assert_eq!(
        (
            asked["state"].as_str(),
            asked["source"].as_str(),
            asked["requested_by_force"].as_str(),
            asked["proposed_value"].as_str()
        ),
        (
            Some("open"),
            Some("partner_force"),
            Some("WV"),
            Some("1990-02-04")
        )
    );
    let correction = asked["id"].as_str().expect("correction id").to_owned();

    let result = async {
        sign_in(&c, &app.address, "ns.okafor").await?;
        c.goto(&page).await?;
        wait_for_text(&c, "h1", "Dean MARSH").await;
        wait_for_text(
            &c,
            "#correction-form-title",
            "Record a request from the person (rectification)",
        )
        .await;
        let item = format!("#correction-{correction}");
        wait_for_text(&c, &item, "Open").await;
        wait_for_element(&c, &format!("{item}-refuse")).await;
        // A decision without a reason is refused at the field.
        press_enter(&c, &format!("{item}-refuse")).await?;
        wait_for_text(&c, &format!("{item}-reason-error"), "Enter the reason").await;
        assert_accessible(&c, "the owner's person page at 360 px, refusing without a reason").await?;
        type_into(&c, &format!("correction-{correction}-reason"), refusal).await?;
        press_enter(&c, &format!("{item}-refuse")).await?;
        wait_for_text(&c, "#corrections-notice", "You refused the correction").await;
        wait_for_element(&c, &format!("{item}[data-state='refused']")).await;
        let shown = wait_for_text(&c, &item, "Refused by NS").await;
        assert!(
            shown.contains(refusal)
                && shown.contains("Chidi Okafor")
                && shown.contains("disputes this value"),
            "{shown}"
        );
        // Decided: no more buttons for it.
        assert!(c.find(Locator::Css(&format!("{item}-refuse"))).await.is_err());
        fits_a_phone(&c, "the owner's person page with a refused correction").await?;
        assert_accessible(&c, "the owner's person page at 360 px with a refused correction").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps (Northshire refuses)");

    let after: Value = app
        .get(&format!("/api/v1/corrections?record_id={id}"), Some(&ns))
        .await
        .json();
    assert_eq!(after["items"][0]["state"], "refused", "{after}");
    assert_eq!(after["items"][0]["decision_reason"], refusal, "{after}");
}

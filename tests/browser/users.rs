//! A force administrator changes a user from the user's page, on a phone-sized window (360 px) and
//! with the keyboard where it can be: opens the user from the users table, assigns a station and a
//! new rank (a blank name is refused at its field first), then deactivates the account after saying
//! "Yes" to the page's own question (and cancelling it once). The API then shows every change.
//! Closing a partner organisation asks the same way.

use super::admin::{fits_a_phone, open_admin, press_enter};
use super::{assert_accessible, browser, set_value, sign_in, wait_for_element, wait_for_text, Actions};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::time::Duration;

/// Waits until the focused element is the one with element id `id`.
async fn wait_for_focus(c: &Client, id: &str) -> Result<(), fantoccini::error::CmdError> {
    let mut last = Value::Null;
    for _ in 0..50 {
        last = c
            .execute(
                "return document.activeElement && document.activeElement.id;",
                vec![],
            )
            .await?;
        if last == json!(id) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("focus never reached #{id} (it is on #{last})");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_an_administrator_assigns_a_unit_changes_the_rank_and_deactivates_after_confirming() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.token("ns.ashworth").await;
    let station = app
        .post_with_key(
            "/api/v1/force-units",
            &admin,
            "browser-users-station",
            &json!({"code": "NS-CENTRAL", "name": "Northshire Central", "kind": "station"}),
        )
        .await;
    assert_eq!(station.status, 201, "{}", station.text);
    let station: Value = station.json();
    let unit_id = station["id"].as_str().expect("unit id").to_owned();
    let users: Vec<Value> = app.get("/api/v1/users?limit=100", Some(&admin)).await.items();
    let whitfield = users
        .iter()
        .find(|u| u["username"] == "ns.whitfield")
        .and_then(|u| u["id"].as_str())
        .expect("ns.whitfield is a demo user")
        .to_owned();

    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        open_admin(&c, &app.address, "tr[data-username='ns.whitfield'] a").await?;
        // The name in the users table leads to the user's page.
        press_enter(&c, "tr[data-username='ns.whitfield'] a").await?;
        wait_for_text(&c, "h1", "Hannah Whitfield").await;
        assert!(
            c.current_url()
                .await?
                .as_str()
                .ends_with(&format!("/admin/users/{whitfield}")),
            "the user's page has the user's id in its address"
        );
        wait_for_text(&c, "#user-username", "ns.whitfield").await;
        wait_for_text(&c, "#user-rank", "Detective Constable").await;
        wait_for_text(&c, "#user-status", "Active").await;
        wait_for_text(&c, "#user-unit", "None").await;
        fits_a_phone(&c, "the user's page").await?;
        assert_accessible(&c, "a user's page at 360 px").await?;

        // A blank name is refused at its field before anything is sent.
        let mut user = Actions::new(&c);
        set_value(&c, "#user-details-display-name", "").await?;
        press_enter(&c, "#user-details-submit").await?;
        wait_for_text(&c, "#user-details-error-summary", "Enter the full name").await;
        wait_for_text(&c, "#user-details-display-name-error", "Enter the full name").await;
        assert_accessible(&c, "a user's details with a blank name").await?;

        // The name back, a new rank and the station, saved together.
        user.type_in("#user-details-display-name", "Hannah Whitfield")
            .await?;
        set_value(&c, "#user-details-rank", "").await?;
        user.type_in("#user-details-rank", "Detective Sergeant").await?;
        wait_for_element(&c, &format!("#user-details-unit-id option[value='{unit_id}']")).await;
        user.choose("#user-details-unit-id", &unit_id).await?;
        press_enter(&c, "#user-details-submit").await?;
        wait_for_text(&c, "#user-details-notice", "Hannah Whitfield's details are saved").await;
        wait_for_text(&c, "#user-rank", "Detective Sergeant").await;
        wait_for_text(&c, "#user-unit", "Northshire Central (NS-CENTRAL)").await;

        // Deactivating asks first, in the page: cancelling leaves the account as it was.
        press_enter(&c, "#user-deactivate").await?;
        wait_for_text(&c, "#user-deactivate-question", "Deactivate Hannah Whitfield?").await;
        wait_for_focus(&c, "user-deactivate-yes").await?;
        fits_a_phone(&c, "the question").await?;
        assert_accessible(&c, "a user's page asking before deactivating").await?;
        press_enter(&c, "#user-deactivate-cancel").await?;
        wait_for_focus(&c, "user-deactivate").await?;
        assert!(
            !c.find(Locator::Id("user-deactivate-question"))
                .await?
                .is_displayed()
                .await?,
            "the question is put away"
        );
        wait_for_text(&c, "#user-status", "Active").await;
        // Asked again, "Yes, deactivate" does it.
        press_enter(&c, "#user-deactivate").await?;
        wait_for_focus(&c, "user-deactivate-yes").await?;
        press_enter(&c, "#user-deactivate-yes").await?;
        wait_for_text(&c, "#user-account-notice", "Hannah Whitfield is deactivated").await;
        wait_for_text(&c, "#user-status", "Deactivated").await;
        wait_for_element(&c, "#user-reactivate").await;
        fits_a_phone(&c, "after deactivating").await?;
        assert_accessible(&c, "a deactivated user's page").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");

    let now: Value = app
        .get(&format!("/api/v1/users/{whitfield}"), Some(&admin))
        .await
        .json();
    assert_eq!(now["display_name"], "Hannah Whitfield", "{now}");
    assert_eq!(now["rank"], "Detective Sergeant", "{now}");
    assert_eq!(now["unit_id"], json!(unit_id), "{now}");
    assert_eq!(now["active"], false, "{now}");
    assert_eq!(now["roles"], json!(["investigator"]), "{now}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_closing_a_partner_organisation_asks_first_in_the_page() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.token("ns.ashworth").await;
    let partner = app
        .post_with_key(
            "/api/v1/partner-organisations",
            &admin,
            "browser-users-partner",
            &json!({"code": "CPS-NORTH", "name": "CPS Northshire", "kind": "prosecutor"}),
        )
        .await;
    assert_eq!(partner.status, 201, "{}", partner.text);
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        let row = "#partners-table tr[data-partner=CPS-NORTH]";
        open_admin(&c, &app.address, &format!("{row} button[data-action=close]")).await?;
        press_enter(&c, &format!("{row} button[data-action=close]")).await?;
        wait_for_text(&c, "#partner-CPS-NORTH-close-question", "Close CPS Northshire?").await;
        wait_for_focus(&c, "partner-CPS-NORTH-close-yes").await?;
        assert_accessible(&c, "closing a partner organisation, asked first").await?;
        // Nothing is changed until "Yes".
        wait_for_element(&c, &format!("{row}[data-active=true]")).await;
        press_enter(&c, "#partner-CPS-NORTH-close-yes").await?;
        wait_for_text(&c, "#partners-notice", "CPS Northshire is now closed").await;
        wait_for_element(
            &c,
            &format!("{row}[data-active=false] button[data-action=reopen]"),
        )
        .await;
        fits_a_phone(&c, "the partner organisations").await?;
        assert_accessible(&c, "a closed partner organisation at 360 px").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

//! The force's partner organisations and structure in the administration page, on a phone-sized
//! window (360 px): a force administrator registers a prosecutor and adds an account for a member of
//! its staff, then adds a station and a unit working from it, then adds two users from a CSV file.

use super::admin::{fits_a_phone, open_admin, press_enter};
use super::{assert_accessible, browser, set_value, sign_in, wait_for_element, wait_for_text, Actions};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::Locator;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn structure_a_force_administrator_registers_a_partner_adds_a_unit_at_a_station_and_users_from_a_file()
{
    let app = TestApp::spawn(Backend::Sqlite).await;
    let password = "Harbour lantern quietly 2026";
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        open_admin(&c, &app.address, "#new-partner-form").await?;
        // A force administrator's own force manages the organisation: no choice of force.
        assert!(
            c.find(Locator::Id("new-partner-force")).await.is_err(),
            "a force administrator is offered a choice of force"
        );
        let mut user = Actions::new(&c);

        // A blank form is answered at once, every field in the summary.
        press_enter(&c, "#new-partner-submit").await?;
        let summary = wait_for_text(&c, "#new-partner-error-summary", "Enter the organisation's code").await;
        assert!(summary.contains("Choose what the organisation is"), "{summary}");
        assert_accessible(&c, "the new partner organisation form with its errors").await?;
        user.type_in("#new-partner-code", "CPS-NORTH").await?;
        user.type_in("#new-partner-name", "CPS Northshire").await?;
        user.choose("#new-partner-kind", "prosecutor").await?;
        press_enter(&c, "#new-partner-submit").await?;
        wait_for_text(
            &c,
            "#new-partner-notice",
            "CPS Northshire (CPS-NORTH) is registered",
        )
        .await;
        let row = "#partners-table tr[data-partner=CPS-NORTH]";
        let text = wait_for_text(&c, row, "Prosecutor").await;
        assert!(text.contains("Open"), "{text}");
        fits_a_phone(&c, "the partner organisations").await?;
        assert_accessible(&c, "the partner organisations at 360 px").await?;

        // Its account, from the organisation's row.
        press_enter(&c, &format!("{row} button[data-action=add-account]")).await?;
        wait_for_text(&c, "#partner-account-title", "Add an account to CPS Northshire").await;
        assert_accessible(&c, "the partner account form").await?;
        user.type_in("#partner-account-username", "cps.okoro").await?;
        user.type_in("#partner-account-display-name", "Tunde Okoro")
            .await?;
        user.type_in("#partner-account-reference", "CPS07").await?;
        user.type_in("#partner-account-password", password).await?;
        press_enter(&c, "#partner-account-submit").await?;
        wait_for_text(
            &c,
            "#partner-account-notice",
            "Tunde Okoro (cps.okoro) can now sign in",
        )
        .await;
        wait_for_text(&c, &format!("{row} td[data-accounts]"), "1").await;
        fits_a_phone(&c, "the account form").await?;

        // A station, then a unit working from it.
        wait_for_element(&c, "#new-unit-form").await;
        user.type_in("#new-unit-code", "CENTRAL").await?;
        user.type_in("#new-unit-name", "Northshire Central").await?;
        user.choose("#new-unit-kind", "station").await?;
        press_enter(&c, "#new-unit-submit").await?;
        wait_for_text(&c, "#new-unit-notice", "Northshire Central (NS-CENTRAL) is added").await;
        wait_for_text(&c, "#force-units-table tr[data-unit=NS-CENTRAL]", "Station").await;
        wait_for_element(&c, "#new-unit-station option:not([value=''])").await;
        let station = c
            .find(Locator::Css("#new-unit-station option:not([value=''])"))
            .await?
            .attr("value")
            .await?
            .unwrap_or_default();
        user.type_in("#new-unit-code", "CID").await?;
        user.type_in("#new-unit-name", "Criminal Investigation Department")
            .await?;
        user.choose("#new-unit-kind", "unit").await?;
        user.choose("#new-unit-station", &station).await?;
        press_enter(&c, "#new-unit-submit").await?;
        wait_for_text(&c, "#new-unit-notice", "(NS-CID) is added").await;
        let unit = wait_for_text(
            &c,
            "#force-units-table tr[data-unit=NS-CID] td[data-station]",
            "Northshire Central",
        )
        .await;
        assert_eq!(unit, "Northshire Central");
        fits_a_phone(&c, "the stations, teams and units").await?;
        assert_accessible(&c, "the stations, teams and units at 360 px").await?;

        // The station cannot close while the unit works from it: the server says why.
        press_enter(
            &c,
            "#force-units-table tr[data-unit=NS-CENTRAL] button[data-action=close]",
        )
        .await?;
        wait_for_text(&c, "#force-units-notice", "Northshire Central was not changed").await;
        assert_accessible(&c, "a station that cannot close").await?;

        // Two users from a file: a fault is told by line and column before anything is sent, then
        // the file is checked by the server and the users created, their passwords shown once.
        let header = "username,display_name,collar_number,rank,roles";
        let good = format!(
            "{header}\nns.quill,Ada Quill,4711,Police Constable,response_officer\nns.rook,Ben Rook,4712,Police Constable,response_officer\n"
        );
        set_value(
            &c,
            "#bulk-users-csv",
            &good.replace("4712,Police Constable,response_officer", "4712,Police Constable,wizard"),
        )
        .await?;
        press_enter(&c, "#bulk-users-check").await?;
        wait_for_text(&c, "#bulk-users-error-summary", "Line 3, roles").await;
        assert_accessible(&c, "users from a file with a fault").await?;
        set_value(&c, "#bulk-users-csv", &good).await?;
        press_enter(&c, "#bulk-users-check").await?;
        wait_for_text(&c, "#bulk-users-notice", "it creates 2 users (ns.quill, ns.rook)").await;
        press_enter(&c, "#bulk-users-submit").await?;
        wait_for_text(&c, "#bulk-users-created", "shown only this once").await;
        let passwords = c
            .execute(
                "return [...document.querySelectorAll('#bulk-users-created-table td[data-password]')]
                    .map(td => td.textContent.trim()).filter(p => p.length >= 12).length;",
                vec![],
            )
            .await?;
        assert_eq!(passwords, serde_json::json!(2), "two initial passwords are shown");
        fits_a_phone(&c, "the users created from a file").await?;
        assert_accessible(&c, "the users created from a file at 360 px").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    // The account signs in as the prosecutor, and nothing more.
    let token = app.sign_in_with("cps.okoro", password).await;
    let me: Value = app.get("/api/v1/me", Some(&token)).await.json();
    assert_eq!(me["roles"], serde_json::json!(["prosecutor"]), "{me}");
}

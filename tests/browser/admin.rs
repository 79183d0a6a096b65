//! Administration in the browser, on a phone-sized window (360 px): a consortium administrator adds
//! a force and its first administrator; force administrators end a sharing agreement, and propose
//! and accept a new one, and what the partner force's officers find follows.

use super::{
    assert_accessible, browser, set_value, sign_in, sign_out, wait_for_element, wait_for_text,
    wait_for_text_ci, Actions,
};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

/// Asserts that nothing on the page is wider than the 360 px window.
pub(super) async fn fits_a_phone(c: &Client, what: &str) -> Result<(), fantoccini::error::CmdError> {
    let width = c
        .execute("return document.documentElement.scrollWidth;", vec![])
        .await?;
    assert!(
        width.as_u64().unwrap_or(u64::MAX) <= 360,
        "{what}: the page is {width} px wide at 360"
    );
    Ok(())
}

/// Opens the administration page and waits for `css` on it.
pub(super) async fn open_admin(c: &Client, base: &str, css: &str) -> Result<(), fantoccini::error::CmdError> {
    c.goto(&format!("{base}/admin")).await?;
    wait_for_text(c, "h1", "Administration").await;
    wait_for_element(c, css).await;
    Ok(())
}

/// Presses Enter on the element (keyboard, not the pointer).
pub(super) async fn press_enter(c: &Client, css: &str) -> Result<(), fantoccini::error::CmdError> {
    wait_for_element(c, css).await;
    c.find(Locator::Css(css)).await?.send_keys("\u{E007}").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consortium_administrator_adds_a_force_and_its_first_administrator() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let password = "Mercia harbour lantern 2026";
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.carver").await?;
        open_admin(&c, &app.address, "#forces-table").await?;
        let table = wait_for_text(&c, "#forces-table", "Wessex Vale Police").await;
        assert!(table.contains("Northshire Constabulary"), "{table}");
        assert_accessible(&c, "administration at 360 px, for a consortium administrator").await?;
        // Only what the role gives: no force's users, agreements or audit log.
        let main = c.find(Locator::Css("main")).await?.text().await?;
        for absent in [
            "Users of your force",
            "Sharing agreements",
            "Recent activity",
            "Create a user",
        ] {
            assert!(
                !main.contains(absent),
                "`{absent}` is shown to a consortium administrator:\n{main}"
            );
        }
        let mut user = Actions::new(&c);
        // The shared rules answer an empty form before anything is sent, every field at once.
        user.click("#add-force-submit").await?;
        let summary = wait_for_text(&c, "#add-force-error-summary", "Enter the force's short code").await;
        assert!(summary.contains("Enter the force's name"), "{summary}");
        assert!(summary.contains("PNC force code"), "{summary}");
        assert_accessible(&c, "the new force form with its errors").await?;
        // A code already taken comes back from the server against its field.
        user.type_in("#new-force-code", "NS").await?;
        user.type_in("#new-force-name", "Mercia Regional Police").await?;
        user.type_in("#new-force-pnc_code", "23").await?;
        user.click("#add-force-submit").await?;
        wait_for_text(&c, "#new-force-code-error", "already has that code").await;
        set_value(&c, "#new-force-code", "MR").await?;
        user.click("#add-force-submit").await?;
        wait_for_text(
            &c,
            "#add-force",
            "Mercia Regional Police (MR) has joined the consortium",
        )
        .await;
        let row = wait_for_text(&c, "#forces-table tr[data-force=MR]", "Mercia Regional Police").await;
        assert!(row.contains("23"), "{row}");
        fits_a_phone(&c, "forces table and forms").await?;
        assert_accessible(&c, "the forces table with the new force").await?;

        // Its first administrator, through the same user form, for the chosen force.
        wait_for_element(&c, "#force-user-force option[value=MR]").await;
        user.choose("#force-user-force", "MR").await?;
        user.type_in("#force-user-username", "mr.hale").await?;
        user.type_in("#force-user-display_name", "Imogen Hale").await?;
        user.type_in("#force-user-collar_number", "S100").await?;
        user.type_in("#force-user-rank", "Systems Administrator").await?;
        user.click("#force-user-role-force_admin").await?;
        user.type_in("#force-user-password", password).await?;
        user.click("#force-user-submit").await?;
        wait_for_text(&c, "main", "Imogen Hale (mr.hale) has been created in force MR").await;
        fits_a_phone(&c, "after adding the user").await?;
        assert_accessible(&c, "administration after adding a force's user").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    // The new administrator signs in, in the new force, as its administrator.
    let token = app.sign_in_with("mr.hale", password).await;
    let me: Value = app.get("/api/v1/me", Some(&token)).await.json();
    assert_eq!(me["force"]["code"], "MR", "{me}");
    assert_eq!(me["roles"], json!(["force_admin"]), "{me}");
    let forces: Value = app.get("/api/v1/forces", Some(&token)).await.json();
    assert!(
        forces
            .as_array()
            .expect("forces")
            .iter()
            .any(|f| f["code"] == "MR" && f["pnc_code"] == "23"),
        "{forces}"
    );
}

/// Whether `wv.begum`'s search through the API finds Perpetua Ravensworth.
async fn wessex_finds_her(app: &TestApp) -> bool {
    let begum = app.token("wv.begum").await;
    app.search(&begum, "Perpetua Ravensworth")
        .await
        .iter()
        .any(|h| h.0.to_uppercase().contains("RAVENSWORTH"))
}

/// The Northshire → Wessex Vale agreement in `state`, on the agreements list.
fn ns_to_wv(state: &str) -> String {
    format!("#agreement-list li[data-owner=NS][data-partner=WV][data-state={state}]")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ending_sharing_hides_a_person_from_the_partner_until_it_accepts_a_new_agreement() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let okafor = app.token("ns.okafor").await;
    app.create_person(
        &okafor,
        json!({"names": [{"forename": "Perpetua", "surname": "Ravensworth"}], "dates_of_birth": ["1988-02-14"]}),
    )
    .await;
    // The demo consortium shares both ways: Wessex Vale finds Northshire's person.
    assert!(wessex_finds_her(&app).await, "shared before the agreement ends");
    let reason = "Review of the agreement by the information governance board";
    let (_driver, c) = browser().await;
    let result = async {
        // Northshire's administrator ends the agreement, by keyboard, on a phone.
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        open_admin(&c, &app.address, &ns_to_wv("active")).await?;
        let main = c.find(Locator::Css("main")).await?.text().await?;
        assert!(!main.contains("Forces of the consortium"), "{main}");
        assert!(main.contains("Users of your force"), "{main}");
        assert_accessible(&c, "administration at 360 px, for a force administrator").await?;
        let end = format!("{} button[data-action=end]", ns_to_wv("active"));
        let label = c.find(Locator::Css(&end)).await?.text().await?;
        assert_eq!(label, "End sharing with Wessex Vale Police");
        // Without a reason: the shared rule says why, at the field and in the summary.
        press_enter(&c, &end).await?;
        wait_for_text(&c, "#agreements-error-summary", "Say why").await;
        let field = format!("{} textarea", ns_to_wv("active"));
        let field_id = c.find(Locator::Css(&field)).await?.attr("id").await?.expect("id");
        wait_for_text(&c, &format!("#{field_id}-error"), "Say why").await;
        assert_accessible(&c, "ending an agreement without a reason").await?;
        c.find(Locator::Css(&field)).await?.send_keys(reason).await?;
        press_enter(&c, &end).await?;
        wait_for_element(&c, &ns_to_wv("ended")).await;
        wait_for_text(
            &c,
            "#agreements",
            "“We share with Wessex Vale Police” is now ended",
        )
        .await;
        // The button went with the step: the keyboard carries on from the news.
        let mut focused = Value::Null;
        for _ in 0..30 {
            focused = c.execute("return document.activeElement.id;", vec![]).await?;
            if focused == "agreements-notice" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(focused, "agreements-notice", "focus after the step");
        // The history keeps who ended it and why.
        let ended = ns_to_wv("ended");
        c.find(Locator::Css(&format!("{ended} details summary")))
            .await?
            .click()
            .await?;
        let history = wait_for_text(&c, &format!("{ended} details"), reason).await;
        assert!(history.contains("Ended by Robert Ashworth (NS)"), "{history}");
        assert!(
            c.find(Locator::Css(&format!("{ended} button"))).await.is_err(),
            "an ended agreement offers no steps"
        );
        fits_a_phone(&c, "agreements with a reason and a history open").await?;
        assert_accessible(&c, "the agreements with an ended one's history open").await?;
        c.set_window_size(1280, 900).await?;
        sign_out(&c).await?;

        // Wessex Vale's officer no longer finds her.
        sign_in(&c, &app.address, "wv.begum").await?;
        c.goto(&format!("{}/search", app.address)).await?;
        wait_for_element(&c, "#search-q").await;
        c.find(Locator::Id("search-q"))
            .await?
            .send_keys("Perpetua Ravensworth")
            .await?;
        wait_for_text(&c, "#search-status", "No results for “Perpetua Ravensworth”").await;
        assert_accessible(&c, "the search page with no results").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    // (A failure here leaves the browser to the driver's drop, which ends it.)
    result.expect("browser steps (ending the agreement)");
    assert!(
        !wessex_finds_her(&app).await,
        "the API agrees: not shared any more"
    );

    // A new agreement: Northshire proposes, Wessex Vale accepts, and she can be found again.
    let result = async {
        sign_out(&c).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        open_admin(&c, &app.address, "#propose-form").await?;
        let mut admin = Actions::new(&c);
        admin.click("#propose-submit").await?;
        let summary = wait_for_text(
            &c,
            "#propose-error-summary",
            "Choose the force you will share with",
        )
        .await;
        assert!(
            summary.contains("Choose at least one kind of record"),
            "{summary}"
        );
        assert_accessible(&c, "the proposal form with its errors").await?;
        wait_for_element(&c, "#propose-partner_force option[value=WV]").await;
        assert!(
            c.find(Locator::Css("#propose-partner_force option[value=NS]"))
                .await
                .is_err(),
            "a force is not offered itself as a partner"
        );
        admin.choose("#propose-partner_force", "WV").await?;
        admin.click("#propose-scope-index").await?;
        admin.click("#propose-access-read_and_link").await?;
        admin
            .type_in("#propose-purpose", "Joint operation against rural crime")
            .await?;
        admin.click("#propose-submit").await?;
        wait_for_text(&c, "#propose-agreement", "Proposed to Wessex Vale Police").await;
        let proposed = ns_to_wv("proposed");
        wait_for_element(&c, &proposed).await;
        // The owner may withdraw it, not accept it.
        let steps = wait_for_text(&c, &proposed, "Withdraw the proposal to Wessex Vale Police").await;
        assert!(!steps.contains("Accept"), "{steps}");
        assert_accessible(&c, "the agreements with a proposal, to its owner").await?;
        sign_out(&c).await?;

        sign_in(&c, &app.address, "wv.thornton").await?;
        open_admin(&c, &app.address, &proposed).await?;
        let card = wait_for_text_ci(&c, &proposed, "awaiting your answer").await;
        assert!(
            card.contains("People, organisations, objects and locations"),
            "{card}"
        );
        assert!(card.contains("Joint operation against rural crime"), "{card}");
        assert_accessible(&c, "the agreements with a proposal, to the partner").await?;
        let accept = format!("{proposed} button[data-action=accept]");
        let label = c.find(Locator::Css(&accept)).await?.text().await?;
        assert_eq!(label, "Accept sharing from Northshire Constabulary");
        assert!(
            c.find(Locator::Css(&format!("{proposed} button[data-action=decline]")))
                .await
                .is_ok(),
            "the partner may decline"
        );
        c.find(Locator::Css(&accept)).await?.click().await?;
        let active = format!("{}[data-in-force=true]", ns_to_wv("active"));
        wait_for_element(&c, &active).await;
        wait_for_text(
            &c,
            &active,
            "Yes: we see these records of Northshire Constabulary",
        )
        .await;
        assert_accessible(&c, "the agreements after accepting one").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps (a new agreement)");
    assert!(
        wessex_finds_her(&app).await,
        "shared again under the new agreement"
    );
}

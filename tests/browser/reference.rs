//! The reference lists in the administration page, on a phone-sized window (360 px): a force
//! administrator adds a value of their own force to a list and retires it, by keyboard (a list
//! changed meanwhile is reloaded and said so); a consortium administrator applies a new edition of
//! a national list, after seeing every fault of a bad one.

use super::admin::{fits_a_phone, open_admin, press_enter};
use super::{assert_accessible, browser, set_value, sign_in, wait_for_element, wait_for_text};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::time::Duration;

/// The row of value `code` in the opened list's table.
fn value_row(code: &str) -> String {
    format!("#reference-values-table tr[data-code='{code}']")
}

/// Waits until the focused element has id `id`.
async fn wait_for_focus(c: &Client, id: &str) -> Result<(), fantoccini::error::CmdError> {
    let mut focused = Value::Null;
    for _ in 0..50 {
        focused = c.execute("return document.activeElement.id;", vec![]).await?;
        if focused == id {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("focus is on `{focused}`, not `{id}`");
}

/// Asserts that each scrolling table of the reference lists is a named region that takes focus.
async fn tables_are_focusable_regions(c: &Client) -> Result<(), fantoccini::error::CmdError> {
    let bad = c
        .execute(
            "return [...document.querySelectorAll('#reference-lists .table-wrapper, #reference-list .table-wrapper')]
                .filter(w => !(w.getAttribute('role') === 'region' && w.tabIndex === 0
                    && document.getElementById(w.getAttribute('aria-labelledby') || '')))
                .length;",
            vec![],
        )
        .await?;
    assert_eq!(bad, json!(0), "table wrappers without a focusable, named region");
    Ok(())
}

/// Opens list `list` from the table of lists, by keyboard, and waits for its values.
async fn open_list(c: &Client, list: &str) -> Result<(), fantoccini::error::CmdError> {
    press_enter(c, &format!("#open-list-{list}")).await?;
    wait_for_element(c, &format!("#reference-list[data-list={list}]")).await;
    wait_for_element(c, "#reference-values-table tbody tr").await;
    wait_for_focus(c, "reference-list-title").await
}

/// The number of rows of the values table that are shown (not filtered out).
async fn shown_rows(c: &Client) -> Result<u64, fantoccini::error::CmdError> {
    let n = c
        .execute(
            "return [...document.querySelectorAll('#reference-values-table tbody tr')].filter(r => !r.hidden).length;",
            vec![],
        )
        .await?;
    Ok(n.as_u64().unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reference_lists_a_force_administrator_adds_and_retires_a_value_of_their_own_by_keyboard() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.token("ns.ashworth").await;
    let vulnerability: Value = app
        .get("/api/v1/reference-data/lists/vulnerability", Some(&admin))
        .await
        .json();
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        open_admin(
            &c,
            &app.address,
            "#reference-lists-table tr[data-list=vulnerability]",
        )
        .await?;
        // The list's title (a button) opens it.
        let title = c
            .find(Locator::Id("open-list-vulnerability"))
            .await?
            .text()
            .await?;
        assert_eq!(title, vulnerability["title"].as_str().expect("title"));
        let row = wait_for_text(
            &c,
            "#reference-lists-table tr[data-list=vulnerability]",
            "vulnerability",
        )
        .await;
        assert!(
            row.contains(vulnerability["version"].as_str().expect("version")),
            "{row}"
        );
        fits_a_phone(&c, "the table of lists").await?;
        assert_accessible(&c, "the table of reference lists at 360 px").await?;
        open_list(&c, "vulnerability").await?;
        let facts = wait_for_text(&c, "#reference-list-facts", "Forces may add their own values").await;
        assert!(facts.contains("vulnerability"), "{facts}");
        // A force administrator adds values; only a consortium administrator applies editions.
        wait_for_element(&c, "#reference-new-value-form").await;
        assert!(
            c.find(Locator::Id("reference-edition-form")).await.is_err(),
            "a force administrator is offered no edition form"
        );

        // A blank form: the shared rules answer at each field and in the summary, before sending.
        press_enter(&c, "#reference-new-submit").await?;
        let summary = wait_for_text(&c, "#reference-new-value-error-summary", "Enter a code").await;
        assert!(summary.contains("Enter the label"), "{summary}");
        wait_for_text(&c, "#reference-new-code-error", "Enter a code").await;
        wait_for_text(&c, "#reference-new-label-error", "Enter the label").await;
        assert_accessible(&c, "a reference list's new value form with its errors").await?;
        // The summary's link leads to the field.
        let link = c
            .find(Locator::Css(
                "#reference-new-value-error-summary a[href='#reference-new-code']",
            ))
            .await?;
        link.send_keys("\u{E007}").await?;
        wait_for_focus(&c, "reference-new-code").await?;

        // Typed and submitted from the keyboard (Enter in the last field).
        c.find(Locator::Id("reference-new-code"))
            .await?
            .send_keys("street_drinking")
            .await?;
        let label = c.find(Locator::Id("reference-new-label")).await?;
        label.send_keys("Street-drinking outreach referral").await?;
        label.send_keys("\u{E007}").await?;
        wait_for_text(
            &c,
            "#reference-new-value-notice",
            "is added as NS:street_drinking",
        )
        .await;
        let row = wait_for_text(&c, &value_row("NS:street_drinking"), "Your force").await;
        assert!(row.contains("Street-drinking outreach referral"), "{row}");
        assert!(row.contains("Active"), "{row}");
        // Each field is empty again, and its error gone.
        let code = c
            .find(Locator::Id("reference-new-code"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(code.as_deref(), Some(""));
        assert!(
            !c.find(Locator::Id("reference-new-code-error"))
                .await?
                .is_displayed()
                .await?,
            "the code's error is gone"
        );

        // The filter narrows the values as one types.
        c.find(Locator::Id("reference-values-filter"))
            .await?
            .send_keys("street")
            .await?;
        wait_for_text(&c, "#reference-values-count", "Showing 1 of").await;
        assert_eq!(shown_rows(&c).await?, 1);
        set_value(&c, "#reference-values-filter", "").await?;
        wait_for_text(&c, "#reference-values-count", "Showing all").await;
        assert!(shown_rows(&c).await? > 1);
        fits_a_phone(&c, "the opened list with its forms").await?;
        assert_accessible(&c, "an opened reference list with a value added").await?;
        tables_are_focusable_regions(&c).await?;

        // The list changes meanwhile (another of the force's administrators adds a value): the
        // retirement is refused, the list reloaded, and the user told so.
        let r = app
            .post_with_key(
                "/api/v1/reference-data/lists/vulnerability/local-values",
                &admin,
                "reference-browser-0001",
                &json!({"code": "night_time_economy", "label": "Night-time economy welfare"}),
            )
            .await;
        assert_eq!(r.status.as_u16(), 201, "{}", r.text);
        let retire = format!("{} button[data-action=retire]", value_row("NS:street_drinking"));
        press_enter(&c, &retire).await?;
        wait_for_text(
            &c,
            "#reference-list-error-summary",
            "The list changed since it was shown",
        )
        .await;
        wait_for_text(&c, &value_row("NS:night_time_economy"), "Your force").await;
        assert_accessible(&c, "a reference list changed meanwhile").await?;
        wait_for_element(
            &c,
            &format!("{}[data-active=true]", value_row("NS:street_drinking")),
        )
        .await;
        // National values have no button.
        assert!(
            c.find(Locator::Css("#reference-values-table tr[data-force=''] button"))
                .await
                .is_err(),
            "a national value offers no retirement"
        );

        // Again, on the list as it is now: retired, and the keyboard carries on from the news.
        press_enter(&c, &retire).await?;
        wait_for_text(
            &c,
            "#reference-list-notice",
            "“Street-drinking outreach referral” (NS:street_drinking) is retired",
        )
        .await;
        wait_for_focus(&c, "reference-list-notice").await?;
        let retired = format!("{}[data-active=false]", value_row("NS:street_drinking"));
        wait_for_element(&c, &retired).await;
        let row = wait_for_text(&c, &retired, "Retired").await;
        assert!(row.contains("Your force"), "{row}");
        assert!(
            c.find(Locator::Css(&format!("{retired} button"))).await.is_err(),
            "a retired value offers no retirement"
        );
        fits_a_phone(&c, "after the retirement").await?;
        assert_accessible(&c, "a reference list after a retirement").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    // The server agrees.
    let list: Value = app
        .get("/api/v1/reference-data/lists/vulnerability", Some(&admin))
        .await
        .json();
    let value = |code: &str| {
        list["values"]
            .as_array()
            .expect("values")
            .iter()
            .find(|v| v["code"] == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} in {list}"))
    };
    assert_eq!(value("NS:street_drinking")["active"], false);
    assert_eq!(value("NS:night_time_economy")["active"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reference_lists_a_consortium_administrator_sees_every_fault_of_an_edition_then_applies_one() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let carver = app.token("ns.carver").await;
    let gender: Value = app
        .get("/api/v1/reference-data/lists/gender", Some(&carver))
        .await
        .json();
    let mut values: Vec<Value> = gender["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| json!({"code": v["code"], "label": v["label"]}))
        .collect();
    let edition = |version: &str, values: &[Value]| {
        json!({
            "list": "gender", "title": "Gender", "source": "Test edition", "version": version,
            "force_local": false, "values": values,
        })
        .to_string()
    };
    let mut bad = values.clone();
    bad.push(json!({"code": "male", "label": ""}));
    bad.push(json!({"code": "has space", "label": "Spaced"}));
    let first_bad = values.len();
    values.push(json!({"code": "prefer_not_to_say", "label": "Prefers not to say"}));
    let good = edition("2030-01-01", &values);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("gender-2030-01-01.json");
    std::fs::write(&file, &good).expect("write the edition");

    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.carver").await?;
        open_admin(&c, &app.address, "#reference-lists-table tr[data-list=gender]").await?;
        open_list(&c, "gender").await?;
        wait_for_element(&c, "#reference-edition-form").await;
        assert!(
            c.find(Locator::Id("reference-new-value-form")).await.is_err(),
            "a consortium administrator adds no force values"
        );
        // Not JSON at all: answered before sending.
        set_value(&c, "#reference-edition", "{\"list\": \"gender\"").await?;
        press_enter(&c, "#reference-edition-submit").await?;
        wait_for_text(
            &c,
            "#reference-edition-error-summary",
            "not in the edition's JSON format",
        )
        .await;

        // An edition with bad values: every fault, with its path, at once; nothing changes.
        set_value(&c, "#reference-edition", &edition("2030-01-01", &bad)).await?;
        press_enter(&c, "#reference-edition-submit").await?;
        let summary = wait_for_text(
            &c,
            "#reference-edition-error-summary",
            &format!("values.{first_bad}.label"),
        )
        .await;
        for fault in [
            format!("values.{first_bad}.code (code male):"),
            format!("values.{first_bad}.label (code male):"),
            format!("values.{}.code (code has space):", first_bad + 1),
        ] {
            assert!(summary.contains(&fault), "`{fault}` is not listed:\n{summary}");
        }
        let items = c
            .find_all(Locator::Css("#reference-edition-error-summary li"))
            .await?
            .len();
        assert_eq!(items, 3, "{summary}");
        wait_for_text(&c, "#reference-edition-error", "The edition has 3 faults").await;
        wait_for_focus(&c, "reference-edition-error-summary").await?;
        fits_a_phone(&c, "the edition's faults").await?;
        assert_accessible(&c, "a national list's edition with its faults").await?;

        // A good edition, read from a file into the field, applied.
        set_value(&c, "#reference-edition", "").await?;
        c.find(Locator::Id("reference-edition-file"))
            .await?
            .send_keys(&file.display().to_string())
            .await?;
        wait_for_text(&c, "#reference-edition-file-status", "is in the field above").await;
        let pasted = c
            .find(Locator::Id("reference-edition"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(pasted.as_deref(), Some(good.as_str()));
        press_enter(&c, "#reference-edition-submit").await?;
        let n = values.len();
        wait_for_text(
            &c,
            "#reference-edition-notice",
            &format!("Applied version 2030-01-01: {n} active, 0 retired."),
        )
        .await;
        assert!(
            !c.find(Locator::Id("reference-edition-error-summary"))
                .await?
                .is_displayed()
                .await?,
            "the faults are gone"
        );
        wait_for_text(&c, &value_row("prefer_not_to_say"), "National").await;
        wait_for_text(&c, "#reference-list-facts", "2030-01-01").await;
        wait_for_text(&c, "#reference-lists-table tr[data-list=gender]", "2030-01-01").await;
        fits_a_phone(&c, "the applied edition").await?;
        assert_accessible(&c, "a national list after a new edition").await?;
        tables_are_focusable_regions(&c).await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    let after: Value = app
        .get("/api/v1/reference-data/lists/gender", Some(&carver))
        .await
        .json();
    assert_eq!(after["version"], "2030-01-01", "{after}");
}

//! A note on a person, on a phone-sized window (360 px) and with the keyboard only: Wessex Vale (a
//! partner force whose agreement lets it add to Northshire's people) opens a Northshire person, sends
//! the note empty (the fault is shown at the field), then writes a two-line note and adds it; the note
//! is listed with the officer's name and force. Northshire, the owner, then sees the same note.

use super::admin::fits_a_phone;
use super::{assert_accessible, browser, sign_in, sign_out, wait_for_element, wait_for_text};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::time::Duration;

const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';

/// Presses and releases each key in turn, sent to whatever has the focus (as a keyboard would).
async fn press(c: &Client, keys: &[char]) -> Result<(), CmdError> {
    let mut actions = KeyActions::new("keyboard".to_owned());
    for &k in keys {
        actions = actions
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k });
    }
    c.perform_actions(actions).await
}

/// The element id of what has the focus.
async fn focused(c: &Client) -> Result<Value, CmdError> {
    c.execute(
        "return document.activeElement ? document.activeElement.id : null;",
        vec![],
    )
    .await
}

/// Presses Tab until the element with id `id` has the focus (at most `most` times).
async fn tab_to(c: &Client, id: &str, most: usize) -> Result<(), CmdError> {
    for _ in 0..most {
        if focused(c).await? == json!(id) {
            return Ok(());
        }
        press(c, &[TAB]).await?;
    }
    panic!(
        "Tab never reached #{id} in {most} presses (the focus is on #{})",
        focused(c).await?
    );
}

/// Presses Tab once and checks that the focus is then on `id` (the next stop in the tab order).
async fn tab_next_is(c: &Client, id: &str) -> Result<(), CmdError> {
    press(c, &[TAB]).await?;
    let now = focused(c).await?;
    assert_eq!(now, json!(id), "after one Tab the focus is on #{now}, not #{id}");
    Ok(())
}

/// Waits until the textarea with id `id` is empty.
async fn wait_empty(c: &Client, id: &str) -> Result<(), CmdError> {
    let mut value = None;
    for _ in 0..50 {
        value = c.find(Locator::Id(id)).await?.prop("value").await?;
        if value.as_deref() == Some("") {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("#{id} still holds {value:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_a_partner_adds_a_note_by_keyboard_on_a_phone_and_the_owner_sees_it() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let ns = app.token("ns.whitfield").await;
    let person = app
        .create_person(
            &ns,
            json!({"names": [{"forename": "Deirdre", "surname": "Lomax"}], "dates_of_birth": ["1961-07-14"]}),
        )
        .await;
    let id = person["id"].as_str().expect("person id").to_owned();
    let page = format!("{}/people/{id}", app.address);
    let (first, second) = (
        "Known to Wessex Vale response teams as 'Dee'.",
        "Uses a mobility scooter; keys kept by the neighbour at No. 4.",
    );
    let typed: Vec<char> = first.chars().chain([ENTER]).chain(second.chars()).collect();
    let left = 2000 - (first.chars().count() + 1 + second.chars().count());

    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "wv.begum").await?;
        c.goto(&page).await?;
        wait_for_text(&c, "h1", "Deirdre LOMAX").await;
        wait_for_text(&c, "#notes-title", "Notes").await;
        wait_for_text(&c, "#notes-none", "No notes yet.").await;
        wait_for_text(&c, "#note-form-title", "Add a note").await;
        wait_for_text(&c, "#note-text-hint", "cannot be changed").await;
        wait_for_text(&c, "#note-text-info", "You have 2000 characters remaining").await;

        // Sent empty, by keyboard: the fault is shown at the field (and in the summary).
        tab_to(&c, "note-text", 200).await?;
        tab_next_is(&c, "note-submit").await?;
        press(&c, &[ENTER]).await?;
        wait_for_text(&c, "#note-text-error", "Enter the note").await;
        wait_for_text(&c, "#note-error-summary", "Enter the note").await;
        fits_a_phone(&c, "the note form sent empty").await?;
        assert_accessible(&c, "a shared person's page at 360 px, the note form sent empty").await?;

        // Written by keyboard (a line break too) and added with Enter on the button.
        tab_to(&c, "note-text", 200).await?;
        press(&c, &typed).await?;
        wait_for_text(
            &c,
            "#note-text-info",
            &format!("You have {left} characters remaining"),
        )
        .await;
        tab_next_is(&c, "note-submit").await?;
        press(&c, &[ENTER]).await?;
        wait_for_text(&c, "#note-notice", "Your note has been added.").await;
        let listed = wait_for_text(&c, "#notes-list", second).await;
        assert!(
            listed.contains(first) && listed.contains("By Aisha Begum (") && listed.contains("), WV, "),
            "{listed}"
        );
        // Its line break is kept.
        let text = c
            .find(Locator::Css("#notes-list .note__text"))
            .await?
            .text()
            .await?;
        assert_eq!(text, format!("{first}\n{second}"));
        assert!(c.find(Locator::Id("notes-none")).await.is_err());
        wait_empty(&c, "note-text").await?;
        wait_for_text(&c, "#note-text-info", "You have 2000 characters remaining").await;
        fits_a_phone(&c, "the person's page with a note added").await?;
        assert_accessible(&c, "a shared person's page at 360 px with a note added").await?;
        sign_out(&c).await?;
        Ok::<_, CmdError>(())
    }
    .await;
    if let Err(e) = result {
        let _ = c.close().await;
        panic!("browser steps (Wessex Vale adds a note): {e}");
    }

    // One note, Wessex Vale's, kept as typed.
    let p: Value = app.get(&format!("/api/v1/people/{id}"), Some(&ns)).await.json();
    let notes = p["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1, "{p}");
    assert_eq!(notes[0]["force"], "WV", "{p}");
    assert_eq!(notes[0]["text"], format!("{first}\n{second}"), "{p}");

    let result = async {
        sign_in(&c, &app.address, "ns.whitfield").await?;
        c.goto(&page).await?;
        wait_for_text(&c, "h1", "Deirdre LOMAX").await;
        wait_for_element(&c, "#note-text").await;
        let listed = wait_for_text(&c, "#notes-list", first).await;
        assert!(
            listed.contains(second) && listed.contains("By Aisha Begum (") && listed.contains("), WV, "),
            "{listed}"
        );
        fits_a_phone(&c, "the owner's person page with a partner's note").await?;
        assert_accessible(&c, "the owner's person page at 360 px with a partner's note").await?;
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps (Northshire sees the note)");
}

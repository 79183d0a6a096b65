//! Multi-factor sign-in in the browser, on a phone-sized window (360 px): a force administrator
//! opens a custody suite, creates a response officer and requires an authenticator app of the role;
//! the officer is led to set it up (the codes computed here as the app would, RFC 6238), keeps the
//! recovery codes, and signs in with a code from then on (and again, with a recovery code, when the
//! session has ended). An officer signs out of their other sessions.

use super::admin::fits_a_phone;
use super::{assert_accessible, browser, sign_in, sign_out, wait_for_element, wait_for_text, Actions};
use bluelamp_tests::{Backend, TestApp};
use fantoccini::{Client, Locator};
use reqwest::StatusCode;
use serde_json::json;
use totp_rs::{Algorithm, Secret, TOTP};

/// The code an authenticator app with `secret` (base32) shows `offset_steps` 30-second steps from now.
pub(super) fn app_code(secret: &str, offset_steps: i64) -> String {
    let totp = TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        Secret::Encoded(secret.to_owned())
            .to_bytes()
            .expect("base32 secret"),
        None,
        "browser-test".to_owned(),
    )
    .expect("TOTP");
    let at = chrono::Utc::now().timestamp() + offset_steps * 30;
    totp.generate(u64::try_from(at).expect("after 1970"))
}

/// Fills the sign-in page's user name and password and submits.
async fn submit_password(
    c: &Client,
    base: &str,
    username: &str,
    password: &str,
) -> Result<(), fantoccini::error::CmdError> {
    c.goto(&format!("{base}/sign-in")).await?;
    wait_for_text(c, "h1", "Sign in").await;
    let mut user = Actions::new(c);
    user.type_in("#username", username).await?;
    user.type_in("#password", password).await?;
    user.click("form button[type=submit]").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_a_required_role_is_led_to_set_up_an_authenticator_then_signs_in_with_a_code() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let password = "Northshire lantern harbour 2026";
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        c.goto(&format!("{}/admin", app.address)).await?;
        wait_for_text(&c, "h1", "Administration").await;
        let mut user = Actions::new(&c);
        // The force administrator opens a custody suite: the code starts with the force's.
        wait_for_element(&c, "#new-suite-code").await;
        let code = c
            .find(Locator::Css("#new-suite-code"))
            .await?
            .prop("value")
            .await?;
        assert_eq!(code.as_deref(), Some("NS-"), "the code is prefilled");
        user.type_in("#new-suite-code", "STH").await?;
        user.type_in("#new-suite-name", "Northshire South custody")
            .await?;
        user.type_in("#new-suite-station", "Southport").await?;
        user.type_in("#new-suite-cells", "C1\nC2, C3").await?;
        user.click("#new-suite-submit").await?;
        wait_for_text(
            &c,
            "#new-suite",
            "Northshire South custody (NS-STH) is open with 3 cells.",
        )
        .await;
        let row = wait_for_text(&c, "#suites-table tr[data-suite=NS-STH]", "Southport").await;
        assert!(row.contains("Open"), "{row}");
        fits_a_phone(&c, "the custody suites").await?;
        assert_accessible(&c, "the custody suites at 360 px").await?;
        // Closed (no detainee is in it), then opened again, each time for the version shown.
        user.click("#suites-table tr[data-suite=NS-STH] button[data-action=close]")
            .await?;
        wait_for_text(
            &c,
            "#custody-suites-notice",
            "Northshire South custody is now closed.",
        )
        .await;
        user.click("#suites-table tr[data-suite=NS-STH][data-active=false] button[data-action=reopen]")
            .await?;
        wait_for_text(
            &c,
            "#custody-suites-notice",
            "Northshire South custody is now open.",
        )
        .await;
        wait_for_element(&c, "#suites-table tr[data-suite=NS-STH][data-active=true]").await;

        // Creates a response officer with the existing form.
        user.type_in("#new-user-username", "ns.farrow").await?;
        user.type_in("#new-user-display_name", "Jonah Farrow").await?;
        user.type_in("#new-user-collar_number", "PC4471").await?;
        user.type_in("#new-user-rank", "Police Constable").await?;
        user.click("#new-user-role-response_officer").await?;
        user.type_in("#new-user-password", password).await?;
        user.click("#new-user-submit").await?;
        wait_for_text(&c, "main", "Jonah Farrow (ns.farrow) has been created.").await;

        // And requires an authenticator app of response officers.
        user.click("#mfa-policy-role-response_officer").await?;
        user.click("#mfa-policy-submit").await?;
        wait_for_text(
            &c,
            "#mfa-policy",
            "Saved: Response officer must set up an authenticator app",
        )
        .await;
        fits_a_phone(&c, "the multi-factor sign-in policy").await?;
        assert_accessible(&c, "the multi-factor sign-in policy, saved").await?;
        sign_out(&c).await?;

        // Signed in, the officer is led straight to the set-up: nothing else opens until it is done.
        submit_password(&c, &app.address, "ns.farrow", password).await?;
        wait_for_text(&c, "h1", "Sign-in and security").await;
        wait_for_text(
            &c,
            "#mfa-required",
            "Your role requires an authenticator app: set it up now",
        )
        .await;
        c.goto(&format!("{}/search", app.address)).await?;
        wait_for_text(&c, "h1", "Sign-in and security").await;
        fits_a_phone(&c, "the set-up, before it starts").await?;
        assert_accessible(&c, "the authenticator set-up, required").await?;
        let mut user = Actions::new(&c);
        user.click("#mfa-start").await?;
        wait_for_element(&c, "#mfa-qr[role=img][aria-label] svg").await;
        let secret = c.find(Locator::Css("#mfa-secret")).await?.text().await?;
        assert!(
            secret.split(' ').all(|g| !g.is_empty() && g.len() <= 4),
            "the secret is shown in groups of four: {secret}"
        );
        let secret: String = secret.chars().filter(|ch| !ch.is_whitespace()).collect();
        fits_a_phone(&c, "the QR code, the secret and the code field").await?;
        assert_accessible(&c, "the authenticator set-up with its QR code").await?;
        let code = c.find(Locator::Css("#mfa-code")).await?;
        assert_eq!(code.attr("inputmode").await?.as_deref(), Some("numeric"));
        assert_eq!(code.attr("autocomplete").await?.as_deref(), Some("one-time-code"));
        // A wrong code is refused at the field.
        user.type_in("#mfa-code", "12345").await?;
        user.click("#mfa-confirm").await?;
        wait_for_text(&c, "#mfa-code-error", "Enter the 6 digits").await;
        assert_accessible(&c, "the authenticator set-up with a wrong code").await?;
        c.find(Locator::Css("#mfa-code")).await?.clear().await?;
        user.type_in("#mfa-code", &app_code(&secret, 0)).await?;
        user.click("#mfa-confirm").await?;
        wait_for_text(
            &c,
            "#mfa",
            "Keep these safe: each signs in once if you lose your phone",
        )
        .await;
        let codes = c.find_all(Locator::Css("#recovery-codes li")).await?;
        assert_eq!(codes.len(), 10, "ten recovery codes");
        let mut recovery = Vec::new();
        for li in codes {
            recovery.push(li.text().await?.trim().to_owned());
        }
        fits_a_phone(&c, "the recovery codes").await?;
        assert_accessible(&c, "the recovery codes").await?;
        user.click("#mfa-continue").await?;
        wait_for_text(&c, "h1", "Welcome, Jonah Farrow").await;
        // The app is open: the search page loads without a refusal.
        c.goto(&format!("{}/search", app.address)).await?;
        wait_for_text(&c, "h1", "Search").await;
        sign_out(&c).await?;

        // From now on the sign-in asks for a code, keeping the user name and password.
        submit_password(&c, &app.address, "ns.farrow", password).await?;
        wait_for_element(&c, "#totp_code").await;
        let hint = c.find(Locator::Css("#totp_code-hint")).await?.text().await?;
        assert!(hint.contains("recovery codes"), "{hint}");
        fits_a_phone(&c, "the sign-in with a code").await?;
        assert_accessible(&c, "the sign-in asking for a code").await?;
        // A wrong code: the server's words, at the field.
        user.type_in("#totp_code", "000000").await?;
        user.click("form button[type=submit]").await?;
        wait_for_text(&c, "#totp_code-error", "not right").await;
        let name = c.find(Locator::Id("username")).await?.prop("value").await?;
        assert_eq!(name.as_deref(), Some("ns.farrow"), "the user name is kept");
        // The code used at the set-up cannot be used again: the next step's is accepted.
        user.type_in("#totp_code", &app_code(&secret, 1)).await?;
        user.click("form button[type=submit]").await?;
        wait_for_text(&c, "h1", "Welcome, Jonah Farrow").await;

        // Signed in elsewhere with a recovery code, the officer ends this browser's session from there.
        let body = json!({"username": "ns.farrow", "password": password, "totp_code": recovery[0]});
        let elsewhere: serde_json::Value = app.post("/api/v1/auth/sign-in", None, &body).await.json();
        let token = elsewhere["access_token"]
            .as_str()
            .expect("signed in with a recovery code");
        let ended: serde_json::Value = app
            .post("/api/v1/me/sessions/sign-out-others", Some(token), &json!({}))
            .await
            .json();
        assert_eq!(ended["ended"], 1, "{ended}");
        // Here the app asks for the password again, then for a code (a recovery code will do).
        c.goto(&format!("{}/search", app.address)).await?;
        wait_for_element(&c, "#reauth-password").await;
        assert_accessible(&c, "the dialog asking for the password again").await?;
        user.type_in("#reauth-password", password).await?;
        user.click(".modal button[type=submit]").await?;
        wait_for_element(&c, "#reauth-totp_code").await;
        assert_accessible(&c, "the dialog asking for a code").await?;
        user.type_in("#reauth-totp_code", &recovery[1]).await?;
        user.click(".modal button[type=submit]").await?;
        let mut closed = false;
        for _ in 0..50 {
            if c.find(Locator::Css(".modal")).await.is_err() {
                closed = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(closed, "the dialog closes once signed in again");
        wait_for_text(&c, "h1", "Search").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    // The policy is saved on the server.
    let admin = app.token("ns.ashworth").await;
    let policy: serde_json::Value = app.get("/api/v1/mfa-policy", Some(&admin)).await.json();
    assert_eq!(policy["required_roles"], json!(["response_officer"]), "{policy}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_an_officer_signs_out_of_their_other_sessions() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    // Another session of the same officer, elsewhere.
    let elsewhere = app.token("ns.okafor").await;
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.okafor").await?;
        let mut user = Actions::new(&c);
        user.click("#home-account-security").await?;
        wait_for_text(&c, "h1", "Sign-in and security").await;
        wait_for_element(&c, "#mfa-start").await;
        wait_for_element(&c, "#session-list li[data-current=false]").await;
        let current = wait_for_text(&c, "#session-list li[data-current=true]", "This session").await;
        assert!(current.contains("Signed in at"), "{current}");
        fits_a_phone(&c, "the sessions").await?;
        assert_accessible(&c, "the sessions at 360 px").await?;
        user.click("#sign-out-others").await?;
        wait_for_text(&c, "#sessions", "You have been signed out of 1 other session.").await;
        assert_accessible(&c, "the sessions after signing out of the others").await?;
        let others = c
            .find_all(Locator::Css("#session-list li[data-current=false]"))
            .await?;
        assert!(others.is_empty(), "only this session is left");
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
    let r = app.get("/api/v1/me", Some(&elsewhere)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
}

//! Single sign-on in the browser, on a phone-sized window (360 px), by keyboard: a force administrator
//! sets the force's identity provider in the administration page (a real OpenID Connect provider run
//! beside the test), then an officer signs in with it from the sign-in page and lands signed in; a
//! return this browser did not start, and someone without an account, are refused with the way back.

use super::admin::{fits_a_phone, open_admin, press_enter};
use super::security::app_code;
use super::{assert_accessible, browser, sign_in, sign_out, wait_for_element, wait_for_text, Actions};
use bluelamp_tests::oidc::Provider;
use bluelamp_tests::{Backend, TestApp};
use fantoccini::Locator;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sso_an_administrator_sets_the_provider_and_an_officer_signs_in_with_it_by_keyboard_on_a_phone() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let redirect = format!("{}/sign-in/callback", app.address);
    let provider = Provider::start(&redirect);
    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        sign_in(&c, &app.address, "ns.ashworth").await?;
        open_admin(&c, &app.address, "#idp-form").await?;
        wait_for_text(&c, "#idp-current", "Not set").await;
        assert_accessible(&c, "the single sign-on settings, not set").await?;
        // The return address is this app's own, ready to register at the provider.
        let shown = c
            .find(Locator::Id("idp-redirect-uri"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        assert_eq!(shown, redirect);
        let mut user = Actions::new(&c);

        // A blank form is answered at once with the server's own rules, every fault in the summary.
        press_enter(&c, "#idp-submit").await?;
        let summary = wait_for_text(&c, "#idp-error-summary", "Enter the issuer address").await;
        assert!(summary.contains("Enter the client id"), "{summary}");
        assert!(summary.contains("Enter the client secret"), "{summary}");
        assert!(summary.contains("Enter the button label"), "{summary}");
        assert_accessible(&c, "the single sign-on settings with their errors").await?;
        user.type_in("#idp-issuer", &provider.issuer).await?;
        user.type_in("#idp-client-id", &provider.client_id).await?;
        user.type_in("#idp-client-secret", &provider.client_secret)
            .await?;
        user.type_in("#idp-label", "Northshire account").await?;
        press_enter(&c, "#idp-submit").await?;
        wait_for_text(&c, "#idp-notice", "Sign in with Northshire account").await;
        let current = wait_for_text(&c, "#idp-current", "Offers it").await;
        assert!(current.contains("Set (never shown)"), "{current}");
        assert!(
            !current.contains(&provider.client_secret),
            "the secret is shown: {current}"
        );
        fits_a_phone(&c, "the single sign-on settings").await?;
        assert_accessible(&c, "the single sign-on settings, saved").await?;
        sign_out(&c).await?;

        // The officer signs in with the force's account, by keyboard.
        c.goto(&format!("{}/sign-in", app.address)).await?;
        wait_for_text(&c, "#sso-ns", "Sign in with Northshire account").await;
        fits_a_phone(&c, "the sign-in page").await?;
        assert_accessible(&c, "the sign-in page offering single sign-on").await?;
        press_enter(&c, "#sso-ns").await?;
        wait_for_element(&c, "#login").await;
        c.find(Locator::Id("login"))
            .await?
            .send_keys("ns.okafor\u{E007}")
            .await?;
        wait_for_text(&c, "h1", "Welcome, Chidi Okafor").await;
        let url = c.current_url().await?;
        assert_eq!(url.path(), "/", "{url}");

        // A return this browser did not start (login CSRF) is refused before anything is sent.
        c.goto(&format!(
            "{}/sign-in/callback?code=forged&state=forged",
            app.address
        ))
        .await?;
        wait_for_text(&c, "h1", "You are not signed in").await;
        wait_for_text(&c, "#sso-refused", "not started from this browser").await;
        fits_a_phone(&c, "a refused return").await?;
        assert_accessible(&c, "a refused return from the provider").await?;

        // Someone the provider knows but who has no account in the force is told so, with the way back.
        c.goto(&format!("{}/", app.address)).await?;
        wait_for_text(&c, "h1", "Welcome, Chidi Okafor").await;
        sign_out(&c).await?;
        // Signing out of Bluelamp does not sign out of the provider: forget its session, as a new
        // person at this browser would be.
        c.goto(&provider.issuer).await?;
        c.delete_all_cookies().await?;
        c.goto(&format!("{}/sign-in", app.address)).await?;
        press_enter(&c, "#sso-ns").await?;
        wait_for_element(&c, "#login").await;
        c.find(Locator::Id("login"))
            .await?
            .send_keys("ns.nobody\u{E007}")
            .await?;
        wait_for_text(&c, "#sso-refused", "no Bluelamp account for you").await;
        assert_accessible(&c, "a return for someone without an account").await?;
        press_enter(&c, "main a[href='/sign-in']").await?;
        wait_for_text(&c, "h1", "Sign in").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

/// An officer whose account has an authenticator app, signing in through a provider that asked for a
/// password only, is asked for the app's code on the return page, by keyboard at 360 px.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sso_an_officer_with_an_authenticator_app_gives_its_code_on_return_from_the_provider() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let redirect = format!("{}/sign-in/callback", app.address);
    let provider = Provider::start(&redirect);
    let admin = app.token("ns.ashworth").await;
    let settings = json!({
        "issuer": provider.issuer,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "redirect_uri": redirect,
        "username_claim": "preferred_username",
        "label": "Northshire account",
        "enabled": true,
    });
    let r = app
        .send(
            Method::PUT,
            "/api/v1/identity-provider",
            Some(&admin),
            &[],
            Some(&settings),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    // Sandra Pike sets up her authenticator app.
    let token = app.token("ns.pike").await;
    let enrolment: Value = app
        .post("/api/v1/me/mfa/totp", Some(&token), &json!({}))
        .await
        .json();
    let secret = enrolment["secret"].as_str().expect("secret").to_owned();
    let r = app
        .post(
            "/api/v1/me/mfa/totp/confirm",
            Some(&token),
            &json!({"code": app_code(&secret, 0)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let (_driver, c) = browser().await;
    let result = async {
        c.set_window_size(360, 800).await?;
        c.goto(&format!("{}/sign-in", app.address)).await?;
        press_enter(&c, "#sso-ns").await?;
        wait_for_element(&c, "#login").await;
        c.find(Locator::Id("login"))
            .await?
            .send_keys("ns.pike\u{E007}")
            .await?;
        wait_for_text(&c, "h1", "Enter your authenticator code").await;
        wait_for_element(&c, "#totp_code").await;
        fits_a_phone(&c, "the code after single sign-on").await?;
        assert_accessible(&c, "the authenticator code after single sign-on").await?;
        let mut user = Actions::new(&c);
        // None given: said at the field before anything is sent.
        press_enter(&c, "main form button[type=submit]").await?;
        wait_for_text(&c, "#totp_code-error", "Enter the code").await;
        // A wrong code: the server's words, at the field, and the same sign-in goes on.
        user.type_in("#totp_code", "000000\u{E007}").await?;
        wait_for_text(&c, "#totp_code-error", "not right").await;
        assert_accessible(&c, "a wrong authenticator code after single sign-on").await?;
        // The code used at the set-up cannot be used again: the next step's is accepted.
        user.type_in("#totp_code", &format!("{}\u{E007}", app_code(&secret, 1)))
            .await?;
        wait_for_text(&c, "h1", "Welcome, Sandra Pike").await;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.expect("browser steps");
}

//! Single sign-on with a force's identity provider: a real OpenID Connect provider (`oidc-provider`,
//! run by Node.js beside the test) signs the officer in, Bluelamp exchanges the code with PKCE, checks
//! the ID token and maps its claim to the force's account, links it, and refuses what it must.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::oidc::{authorise, Provider};
use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn settings(p: &Provider, redirect: &str) -> Value {
    json!({
        "issuer": p.issuer,
        "client_id": p.client_id,
        "client_secret": p.client_secret,
        "redirect_uri": redirect,
        "username_claim": "preferred_username",
        "label": "North Shire Police account",
        "enabled": true,
    })
}

/// Sets the caller's force's identity provider.
async fn put(app: &TestApp, admin: &str, body: &Value, if_match: Option<&str>) -> Reply {
    let headers: Vec<(&str, &str)> = if_match.map(|e| ("If-Match", e)).into_iter().collect();
    app.send(
        Method::PUT,
        "/api/v1/identity-provider",
        Some(admin),
        &headers,
        Some(body),
    )
    .await
}

/// The app with North Shire's identity provider set by its administrator.
async fn with_provider(backend: Backend) -> (TestApp, Provider, String) {
    let app = TestApp::spawn(backend).await;
    let redirect = format!("{}/sign-in/callback", app.address);
    let provider = Provider::start(&redirect);
    let admin = app.token("ns.ashworth").await;
    let r = put(&app, &admin, &settings(&provider, &redirect), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (app, provider, redirect)
}

/// Starts a sign-in for NS and comes back from the provider as `who`: the `state` and `code`.
async fn through_provider(app: &TestApp, who: &str, redirect: &str) -> (String, String) {
    let s: Value = app
        .post("/api/v1/auth/sso/start", None, &json!({"force": "NS"}))
        .await
        .json();
    let url = s["authorization_url"].as_str().unwrap();
    assert!(url.contains("code_challenge_method=S256"), "PKCE: {url}");
    assert!(url.contains("nonce="), "{url}");
    let (state, code) = authorise(url, who, redirect).await;
    assert_eq!(
        state, s["state"],
        "the provider sends back the state Bluelamp chose"
    );
    (state, code)
}

async fn finish(app: &TestApp, state: &str, code: Option<&str>, totp: Option<&str>) -> Reply {
    let mut body = json!({"state": state});
    if let Some(c) = code {
        body["code"] = json!(c);
    }
    if let Some(t) = totp {
        body["totp_code"] = json!(t);
    }
    app.post("/api/v1/auth/sso/finish", None, &body).await
}

async fn an_officer_signs_in_through_the_force_provider_once_per_code(backend: Backend) {
    let (app, _provider, redirect) = with_provider(backend).await;
    let offered: Value = app.get("/api/v1/auth/sso/providers", None).await.json();
    assert_eq!(
        offered,
        json!([{"force": "NS", "force_name": "Northshire Constabulary", "label": "North Shire Police account"}])
    );
    let (state, code) = through_provider(&app, "NS.Okafor", &redirect).await;
    let r = finish(&app, &state, Some(&code), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let s: Value = r.json();
    assert_eq!(s["user"]["username"], "ns.okafor");
    let token = s["access_token"].as_str().unwrap();
    let me: Value = app.get("/api/v1/me", Some(token)).await.json();
    assert_eq!(me["username"], "ns.okafor");
    // The same return cannot be used twice.
    let again = finish(&app, &state, Some(&code), None).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert_eq!(again.problem().code, ErrorCode::SsoFailed);
    // The sign-in and the refused replay are audited.
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get("/api/v1/audit-events?action=sign_in&limit=100", Some(&admin))
        .await
        .json();
    assert!(
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor_username"] == "ns.okafor"
                && e["detail"].as_str().unwrap_or("").contains("single sign-on")),
        "{log}"
    );
    let failed: Value = app
        .get(
            "/api/v1/audit-events?action=sign_in_failed&limit=100",
            Some(&admin),
        )
        .await
        .json();
    assert!(failed.to_string().contains("already used"), "{failed}");
    // A state Bluelamp never issued is refused.
    let forged = finish(&app, "not-a-state", Some(&code), None).await;
    assert_eq!(forged.problem().code, ErrorCode::SsoFailed);
}

async fn the_provider_vouches_only_for_accounts_of_its_force(backend: Backend) {
    let (app, provider, redirect) = with_provider(backend).await;
    // No such account; an account of another force; an account linked to another identity.
    app.execute(&format!(
        "UPDATE users SET sso_issuer = '{}', sso_subject = 'someone-else' WHERE username = 'ns.whitfield'",
        provider.issuer
    ))
    .unwrap();
    for who in ["ns.nobody", "wv.begum", "ns.whitfield"] {
        let (state, code) = through_provider(&app, who, &redirect).await;
        let r = finish(&app, &state, Some(&code), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.text);
        assert_eq!(r.problem().code, ErrorCode::SsoNoAccount, "{who}");
    }
    // A deactivated account.
    app.execute("UPDATE users SET active = FALSE WHERE username = 'ns.llewellyn'")
        .unwrap();
    let (state, code) = through_provider(&app, "ns.llewellyn", &redirect).await;
    let r = finish(&app, &state, Some(&code), None).await;
    assert_eq!(r.problem().code, ErrorCode::AccountInactive);
    // Once linked, the account follows the provider's subject: okafor's first sign-in links it.
    let (state, code) = through_provider(&app, "ns.okafor", &redirect).await;
    assert_eq!(
        finish(&app, &state, Some(&code), None).await.status,
        StatusCode::OK
    );
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get(
            "/api/v1/audit-events?action=sign_in_failed&limit=100",
            Some(&admin),
        )
        .await
        .json();
    let text = log.to_string();
    assert!(text.contains("no account ns.nobody in force NS"), "{text}");
    // A code the provider never issued: refused, audited under NS, and the sign-in is spent.
    let s: Value = app
        .post("/api/v1/auth/sso/start", None, &json!({"force": "NS"}))
        .await
        .json();
    let state = s["state"].as_str().unwrap();
    let r = finish(&app, state, Some("not-a-code"), None).await;
    assert_eq!(r.problem().code, ErrorCode::SsoFailed, "{}", r.text);
    let again = finish(&app, state, Some("not-a-code"), None).await;
    assert_eq!(again.problem().code, ErrorCode::SsoFailed);
    let log: Value = app
        .get(
            "/api/v1/audit-events?action=sign_in_failed&limit=100",
            Some(&admin),
        )
        .await
        .json();
    let text = log.to_string();
    assert!(text.contains("did not accept this sign-in"), "{text}");
    assert!(text.contains("already used"), "{text}");
    assert!(text.contains("linked to another identity"), "{text}");
}

async fn an_authenticator_is_asked_for_unless_the_provider_asked_for_a_second_factor(backend: Backend) {
    let (app, _provider, redirect) = with_provider(backend).await;
    let secret = crate::mfa::enrol(&app, "ns.pike").await;
    // The provider asked for a password only: Bluelamp asks for the code, remembering who it is.
    let (state, code) = through_provider(&app, "ns.pike", &redirect).await;
    let r = finish(&app, &state, Some(&code), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    assert_eq!(r.problem().code, ErrorCode::MfaRequired);
    let r = finish(&app, &state, None, Some(&crate::mfa::code_now(&secret, 1))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json::<Value>()["user"]["username"], "ns.pike");
    // The provider asked for a second factor itself (`amr` has `otp`): no code is asked.
    let (state, code) = through_provider(&app, "ns.pike+mfa", &redirect).await;
    let r = finish(&app, &state, Some(&code), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

async fn settings_are_checked_versioned_and_never_show_the_secret(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    assert_eq!(
        app.get("/api/v1/identity-provider", Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );
    let bad = json!({
        "issuer": "http://login.example", "client_id": "", "redirect_uri": "https://rms.example/callback",
        "username_claim": "email", "username_domain": "nsp.police.uk", "label": "N", "enabled": true,
    });
    let r = put(&app, &admin, &bad, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.paths(),
        [
            "issuer:format",
            "client_id:required",
            "client_secret:required",
            "redirect_uri:format",
            "username_domain:format",
            "label:length"
        ]
    );
    // Nothing was kept.
    assert_eq!(
        app.get("/api/v1/identity-provider", Some(&admin)).await.status,
        StatusCode::NOT_FOUND
    );
    let redirect = format!("{}/sign-in/callback", app.address);
    let mut body = json!({
        "issuer": "http://127.0.0.1:9/", "client_id": "bluelamp", "client_secret": "s3cret",
        "redirect_uri": redirect, "username_claim": "email", "username_domain": "@NSP.police.uk",
        "label": "North Shire account", "enabled": true,
    });
    let r = put(&app, &admin, &body, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let set: Value = r.json();
    assert_eq!(set["client_secret_set"], true);
    // Kept as typed: OpenID Connect compares the issuer exactly, trailing `/` included.
    assert_eq!(set["issuer"], "http://127.0.0.1:9/");
    assert_eq!(set["username_domain"], "@nsp.police.uk");
    assert!(!r.text.contains("s3cret"), "the secret is never sent back");
    let etag = r.header("etag").unwrap();
    // A change must name the version it read; leaving the secret out keeps it.
    body.as_object_mut().unwrap().remove("client_secret");
    body["enabled"] = json!(false);
    let r = put(&app, &admin, &body, None).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    let r = put(&app, &admin, &body, Some("\"9\"")).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED);
    let r = put(&app, &admin, &body, Some(etag.as_str())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json::<Value>()["client_secret_set"], true);
    // Not offered now: the sign-in page lists none, and starting one is refused.
    let offered: Value = app.get("/api/v1/auth/sso/providers", None).await.json();
    assert_eq!(offered, json!([]));
    let r = app
        .post("/api/v1/auth/sso/start", None, &json!({"force": "NS"}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.paths(), ["force:unknown"]);
    // Offered again, but nothing answers at the issuer: a clear 502, not a hang or a 500.
    body["enabled"] = json!(true);
    let etag = app
        .get("/api/v1/identity-provider", Some(&admin))
        .await
        .header("etag")
        .unwrap();
    put(&app, &admin, &body, Some(etag.as_str())).await;
    let r = app
        .post("/api/v1/auth/sso/start", None, &json!({"force": "NS"}))
        .await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY, "{}", r.text);
    assert_eq!(r.problem().code, ErrorCode::IdentityProviderUnavailable);
    // Each change is audited under the force.
    let log: Value = app
        .get(
            "/api/v1/audit-events?record_kind=identity_provider&limit=100",
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(log["items"].as_array().unwrap().len(), 3, "{log}");
    // Finishing needs the state; a code is needed the first time.
    let r = app.post("/api/v1/auth/sso/finish", None, &json!({})).await;
    assert_eq!(r.paths(), ["state:required"]);
}

bluelamp_tests::both_backends!(
    an_officer_signs_in_through_the_force_provider_once_per_code,
    the_provider_vouches_only_for_accounts_of_its_force,
    an_authenticator_is_asked_for_unless_the_provider_asked_for_a_second_factor,
    settings_are_checked_versioned_and_never_show_the_secret,
);

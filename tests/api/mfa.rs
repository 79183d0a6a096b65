//! Multi-factor sign-in: a force requires it of a role, the user enrols with an authenticator app
//! (the codes computed here as the app would, RFC 6238), signs in with a code that works once or a
//! recovery code that works once, and an administrator resets it after a lost phone.

use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::{Backend, Reply, TestApp, DEMO_PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use totp_rs::{Algorithm, Secret, TOTP};

pub(crate) fn code_now(secret: &str, offset_steps: i64) -> String {
    let t = TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        Secret::Encoded(secret.to_owned()).to_bytes().unwrap(),
        None,
        "test".to_owned(),
    )
    .unwrap();
    let now = chrono::Utc::now().timestamp() + offset_steps * 30;
    t.generate(u64::try_from(now).unwrap())
}

/// Sets up `username`'s authenticator app; answers its secret.
pub(crate) async fn enrol(app: &TestApp, username: &str) -> String {
    let token = app.token(username).await;
    let e: Value = app
        .post("/api/v1/me/mfa/totp", Some(&token), &json!({}))
        .await
        .json();
    let secret = e["secret"].as_str().unwrap().to_owned();
    let r = app
        .post(
            "/api/v1/me/mfa/totp/confirm",
            Some(&token),
            &json!({"code": code_now(&secret, 0)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    secret
}

async fn sign_in(app: &TestApp, username: &str, code: Option<&str>) -> Reply {
    let mut body = json!({"username": username, "password": DEMO_PASSWORD});
    if let Some(c) = code {
        body["totp_code"] = json!(c);
    }
    app.post("/api/v1/auth/sign-in", None, &body).await
}

async fn a_required_role_enrols_then_signs_in_with_a_code_that_works_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let r = app
        .send(
            Method::PUT,
            "/api/v1/mfa-policy",
            Some(&admin),
            &[],
            Some(&json!({"required_roles": ["response_officer"]})),
        )
        .await;
    assert_eq!(r.json::<Value>()["required_roles"], json!(["response_officer"]));
    // Signed in, but only the enrolment is open until it is done.
    let s: Value = sign_in(&app, "ns.okafor", None).await.json();
    assert_eq!(s["user"]["mfa_enrolment_required"], true, "{s}");
    let token = s["access_token"].as_str().unwrap().to_owned();
    let r = app.get("/api/v1/search?q=smith", Some(&token)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.problem().code, ErrorCode::MfaEnrolmentRequired);
    assert_eq!(app.get("/api/v1/me", Some(&token)).await.status, StatusCode::OK);
    // Other roles are not touched.
    let other: Value = sign_in(&app, "ns.whitfield", None).await.json();
    assert_eq!(other["user"]["mfa_enrolment_required"], false);
    // Enrol: a wrong code is refused, the right one turns it on and gives ten recovery codes.
    let e: Value = app
        .post("/api/v1/me/mfa/totp", Some(&token), &json!({}))
        .await
        .json();
    let secret = e["secret"].as_str().unwrap().to_owned();
    assert!(e["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/Bluelamp:ns.okafor?"));
    assert!(e["qr_svg"].as_str().unwrap().contains("<svg"));
    let wrong = if code_now(&secret, 0) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let r = app
        .post(
            "/api/v1/me/mfa/totp/confirm",
            Some(&token),
            &json!({"code": wrong}),
        )
        .await;
    assert_eq!(r.problem().errors[0].code, "wrong");
    let r = app
        .post(
            "/api/v1/me/mfa/totp/confirm",
            Some(&token),
            &json!({"code": code_now(&secret, 0)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let recovery: Vec<String> = r.json::<Value>()["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(recovery.len(), 10);
    // The enrolling session is released at once.
    assert_eq!(
        app.get("/api/v1/search?q=smith", Some(&token)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.post("/api/v1/me/mfa/totp", Some(&token), &json!({}))
            .await
            .status,
        StatusCode::CONFLICT
    );
    // From now on the password alone is not enough; the code spent at enrolment does not work again.
    let r = sign_in(&app, "ns.okafor", None).await;
    assert_eq!(
        (r.status, r.problem().code),
        (StatusCode::UNAUTHORIZED, ErrorCode::MfaRequired)
    );
    let spent = code_now(&secret, 0);
    assert_eq!(
        sign_in(&app, "ns.okafor", Some(&spent)).await.problem().code,
        ErrorCode::MfaRequired
    );
    let next = code_now(&secret, 1);
    let ok = sign_in(&app, "ns.okafor", Some(&next)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text);
    assert_eq!(ok.json::<Value>()["user"]["mfa_enrolled"], true);
    // A recovery code works once, written any way.
    let messy = recovery[0].to_lowercase().replace('-', " ");
    assert_eq!(
        sign_in(&app, "ns.okafor", Some(&messy)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        sign_in(&app, "ns.okafor", Some(&recovery[0])).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn wrong_codes_count_towards_the_lock_and_an_administrator_resets_a_lost_phone(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.token("ns.whitfield").await;
    let secret = enrol(&app, "ns.whitfield").await;
    for _ in 0..5 {
        sign_in(&app, "ns.whitfield", Some("not-a-recovery-code")).await;
    }
    // Locked: even the right code is answered as a wrong password now.
    let r = sign_in(&app, "ns.whitfield", Some(&code_now(&secret, 1))).await;
    assert_eq!(r.problem().code, ErrorCode::InvalidCredentials);
    // The administrator unlocks and resets: the password alone signs in again (no role requires it).
    let admin = app.token("ns.ashworth").await;
    let users: Value = app.get("/api/v1/users?limit=100", Some(&admin)).await.json();
    let user = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "ns.whitfield")
        .unwrap()
        .clone();
    let r = app
        .send(
            Method::PATCH,
            &format!("/api/v1/users/{}", user["id"].as_str().unwrap()),
            Some(&admin),
            &[("If-Match", "*")],
            Some(&json!({"unlock": true, "reset_mfa": true})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED,
        "sessions ended"
    );
    let s: Value = sign_in(&app, "ns.whitfield", None).await.json();
    assert_eq!(s["user"]["mfa_enrolled"], false);
}

async fn two_sign_ins_racing_with_one_code_get_one_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let secret = enrol(&app, "ns.nowak").await;
    let code = code_now(&secret, 1);
    let (a, b) = tokio::join!(
        sign_in(&app, "ns.nowak", Some(&code)),
        sign_in(&app, "ns.nowak", Some(&code))
    );
    let ok = [a.status, b.status]
        .iter()
        .filter(|s| **s == StatusCode::OK)
        .count();
    assert_eq!(ok, 1, "{} / {}", a.text, b.text);
}

async fn only_force_roles_can_be_required(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let r = app
        .send(
            Method::PUT,
            "/api/v1/mfa-policy",
            Some(&admin),
            &[],
            Some(&json!({"required_roles": ["prosecutor"]})),
        )
        .await;
    assert_eq!(r.problem().errors[0].path, "required_roles");
    let officer = app.token("ns.okafor").await;
    assert_eq!(
        app.get("/api/v1/mfa-policy", Some(&officer)).await.status,
        StatusCode::FORBIDDEN
    );
    let p: Value = app.get("/api/v1/mfa-policy", Some(&admin)).await.json();
    assert_eq!(p["required_roles"], json!([]));
}

bluelamp_tests::both_backends!(
    a_required_role_enrols_then_signs_in_with_a_code_that_works_once,
    wrong_codes_count_towards_the_lock_and_an_administrator_resets_a_lost_phone,
    only_force_roles_can_be_required,
    two_sign_ins_racing_with_one_code_get_one_session,
);

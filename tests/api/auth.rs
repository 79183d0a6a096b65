//! Sign-in, lockout, refresh, sign-out and idle sessions.

use bluelamp_shared::auth::{Capability, Me, Module, Role, SessionTokens};
use bluelamp_shared::error::ErrorCode;
use bluelamp_tests::{Backend, TestApp, DEMO_PASSWORD};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn sign_in_gives_tokens_and_the_profile(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let s = app.sign_in("NS.Raman").await; // user names are case-insensitive
    assert_eq!(s.token_type, "Bearer");
    assert_eq!(s.expires_in, 600);
    assert_eq!(s.idle_timeout_secs, 1800);
    assert_eq!(s.user.username, "ns.raman");
    assert_eq!(s.user.roles, vec![Role::CustodyOfficer]);
    let me: Me = app.get("/api/v1/me", Some(&s.access_token)).await.json();
    assert_eq!(me.display_name, "Priya Raman");
    assert_eq!(me.force.code.0, "NS");
    assert!(me.capabilities.contains(&Capability::AuthoriseDetention));
    assert_eq!(me.modules, vec![Module::Search, Module::Custody]);
}

async fn wrong_password_and_unknown_user_look_the_same(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for username in ["ns.okafor", "nobody.here"] {
        let r = app
            .post(
                "/api/v1/auth/sign-in",
                None,
                &json!({"username": username, "password": "not the password"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let p = r.problem();
        assert_eq!(p.code, ErrorCode::InvalidCredentials);
        assert_eq!(p.detail.as_deref(), Some("Check your user name and password"));
    }
}

async fn five_failures_lock_the_account_for_ten_minutes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let bad = json!({"username": "wv.begum", "password": "wrong password!!"});
    for attempt in 1..=4 {
        let r = app.post("/api/v1/auth/sign-in", None, &bad).await;
        assert_eq!(
            r.problem().code,
            ErrorCode::InvalidCredentials,
            "attempt {attempt}"
        );
    }
    // The fifth locks the account, but the answer is the one an unknown user name gets, so that
    // locking does not tell who has an account.
    let fifth = app.post("/api/v1/auth/sign-in", None, &bad).await;
    let unknown = app
        .post(
            "/api/v1/auth/sign-in",
            None,
            &json!({"username": "wv.nobody", "password": "wrong password!!"}),
        )
        .await;
    assert_eq!(fifth.status, StatusCode::UNAUTHORIZED);
    assert_eq!(fifth.status, unknown.status);
    assert_eq!(fifth.problem().code, unknown.problem().code);
    assert_eq!(fifth.problem().detail, unknown.problem().detail);
    // Locked: even the right password is refused, alike.
    let good = json!({"username": "wv.begum", "password": DEMO_PASSWORD});
    let r = app.post("/api/v1/auth/sign-in", None, &good).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.problem().code, ErrorCode::InvalidCredentials);
    // The lock ends by itself after ten minutes (moved into the past here rather than waited for).
    let until: Vec<String> = {
        use bluelamp_backend::db::schema::users;
        use diesel::prelude::*;
        let mut c = app.db.get().unwrap();
        users::table
            .filter(users::username.eq("wv.begum"))
            .select(users::locked_until)
            .load::<Option<chrono::NaiveDateTime>>(&mut *c)
            .unwrap()
            .into_iter()
            .map(|t| {
                let t = t.expect("locked_until set");
                let mins = (t - chrono::Utc::now().naive_utc()).num_seconds();
                assert!((590..=600).contains(&mins), "locked for {mins}s");
                t.to_string()
            })
            .collect()
    };
    assert_eq!(until.len(), 1);
    app.execute("UPDATE users SET locked_until = '2020-01-01 00:00:00' WHERE username = 'wv.begum'")
        .unwrap();
    let r = app.post("/api/v1/auth/sign-in", None, &good).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // The real user is told of the lock when they next sign in, once.
    let tokens: serde_json::Value = r.json();
    let notices = tokens["notices"].as_array().expect("a notice of the lock");
    assert_eq!(notices.len(), 1);
    assert!(notices[0].as_str().unwrap().contains("locked"), "{notices:?}");
    let again: serde_json::Value = app.post("/api/v1/auth/sign-in", None, &good).await.json();
    assert!(again.get("notices").is_none(), "{again}");
    // The lock and the failures are in the audit log.
    let admin = app.token("wv.thornton").await;
    let log: serde_json::Value = app
        .get("/api/v1/audit-events?limit=100", Some(&admin))
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor_username"] == "wv.begum")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "sign_in_failed").count(),
        6,
        "{actions:?}"
    );
    assert_eq!(actions.iter().filter(|a| **a == "account_locked").count(), 1);
    assert_eq!(actions.iter().filter(|a| **a == "sign_in").count(), 2);
}

async fn refresh_rotates_and_each_refresh_token_works_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let s = app.sign_in("ns.whitfield").await;
    let r = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": s.refresh_token, "user_active": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let s2: SessionTokens = r.json();
    assert_ne!(s2.refresh_token, s.refresh_token);
    assert_eq!(s2.session_id, s.session_id);
    assert_eq!(
        app.get("/api/v1/me", Some(&s2.access_token)).await.status,
        StatusCode::OK
    );
    let reused = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": s.refresh_token}),
        )
        .await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reused.problem().code, ErrorCode::SessionExpired);
    // Reuse is a theft signal: every token of that sign-in stops working, and it is audited.
    for access in [&s.access_token, &s2.access_token] {
        assert_eq!(
            app.get("/api/v1/me", Some(access)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let current = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": s2.refresh_token}),
        )
        .await;
    assert_eq!(current.status, StatusCode::UNAUTHORIZED, "{}", current.text);
    let admin = app.token("ns.ashworth").await;
    let log: Value = app
        .get("/api/v1/audit-events?action=refresh_token_reused", Some(&admin))
        .await
        .json();
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{log}");
    assert_eq!(items[0]["actor_username"], "ns.whitfield");
    assert!(items[0]["detail"]
        .as_str()
        .unwrap()
        .contains(&s.session_id.0.to_string()));
    // A second sign-in of the same user is untouched.
    let other = app.sign_in("ns.whitfield").await;
    assert_eq!(
        app.get("/api/v1/me", Some(&other.access_token)).await.status,
        StatusCode::OK
    );
    let missing = app.post("/api/v1/auth/refresh", None, &json!({})).await;
    assert_eq!(missing.problem().errors[0].path, "refresh_token");
}

async fn sign_out_revokes_the_session_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let s = app.sign_in("ns.llewellyn").await;
    let out = app
        .post("/api/v1/auth/sign-out", Some(&s.access_token), &json!({}))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let after = app.get("/api/v1/me", Some(&s.access_token)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(after.problem().code, ErrorCode::SessionExpired);
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": s.refresh_token}),
        )
        .await;
    assert_eq!(refresh.problem().code, ErrorCode::SessionExpired);
}

async fn thirty_minutes_idle_ends_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let s = app.sign_in("ns.macleod").await;
    let fresh = app.sign_in("ns.macleod").await; // a second session that stays active
                                                 // 29 minutes idle: still alive. 31 minutes: over.
    app.execute(&format!(
        "UPDATE sessions SET last_active_at = '{}' WHERE id = '{}'",
        (chrono::Utc::now().naive_utc() - chrono::Duration::minutes(29)).format("%Y-%m-%d %H:%M:%S%.6f"),
        s.session_id
    ))
    .unwrap();
    assert_eq!(
        app.get("/api/v1/me", Some(&s.access_token)).await.status,
        StatusCode::OK
    );
    app.execute(&format!(
        "UPDATE sessions SET last_active_at = '{}' WHERE id = '{}'",
        (chrono::Utc::now().naive_utc() - chrono::Duration::minutes(31)).format("%Y-%m-%d %H:%M:%S%.6f"),
        s.session_id
    ))
    .unwrap();
    let r = app.get("/api/v1/me", Some(&s.access_token)).await;
    assert_eq!(r.problem().code, ErrorCode::SessionExpired);
    let r = app
        .post(
            "/api/v1/auth/refresh",
            None,
            &json!({"refresh_token": s.refresh_token}),
        )
        .await;
    assert_eq!(r.problem().code, ErrorCode::SessionExpired);
    assert_eq!(
        app.get("/api/v1/me", Some(&fresh.access_token)).await.status,
        StatusCode::OK
    );
}

async fn bad_tokens_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for token in ["garbage", "eyJhbGciOiJIUzI1NiJ9.e30.x"] {
        let r = app.get("/api/v1/me", Some(token)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.problem().code, ErrorCode::Unauthenticated);
        assert_eq!(r.header("www-authenticate").as_deref(), Some("Bearer"));
    }
    let r = app
        .send::<()>(
            reqwest::Method::GET,
            "/api/v1/me",
            None,
            &[("Authorization", "Basic abc")],
            None,
        )
        .await;
    assert_eq!(r.problem().code, ErrorCode::Unauthenticated);
}

async fn deactivated_users_cannot_sign_in_and_lose_their_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let victim = app.sign_in("ns.pike").await;
    let admin = app.token("ns.ashworth").await;
    let user = app
        .get(&format!("/api/v1/users/{}", victim.user.id), Some(&admin))
        .await;
    let etag = user.header("etag").expect("etag");
    let r = app
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/users/{}", victim.user.id),
            Some(&admin),
            &[("If-Match", &etag)],
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        app.get("/api/v1/me", Some(&victim.access_token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let again = app
        .post(
            "/api/v1/auth/sign-in",
            None,
            &json!({"username": "ns.pike", "password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
    assert_eq!(again.problem().code, ErrorCode::AccountInactive);
}

async fn sign_in_is_rate_limited_per_address(backend: Backend) {
    let app = TestApp::spawn_with(backend, |s| s.auth.public_requests_per_minute = 3).await;
    let bad = json!({"username": "ns.okafor", "password": "guessing guessing"});
    for _ in 0..3 {
        let r = app.post("/api/v1/auth/sign-in", None, &bad).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app
        .post(
            "/api/v1/auth/sign-in",
            None,
            &json!({"username": "ns.okafor", "password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.header("retry-after").as_deref(), Some("60"));
    assert_eq!(r.problem().code, ErrorCode::RateLimited);
}

async fn a_user_lists_their_sessions_and_signs_out_of_the_others(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let laptop = app.token("ns.okafor").await;
    let phone = app.token("ns.okafor").await;
    let someone_else = app.token("ns.whitfield").await;
    let mine: Vec<Value> = app.get("/api/v1/me/sessions", Some(&laptop)).await.json();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine.iter().filter(|s| s["current"] == true).count(), 1);
    // Another user's session is not one of mine.
    let theirs: Vec<Value> = app.get("/api/v1/me/sessions", Some(&someone_else)).await.json();
    let their_id = theirs[0]["id"].as_str().unwrap();
    let r = app
        .send::<()>(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/sessions/{their_id}"),
            Some(&laptop),
            &[],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/api/v1/me", Some(&someone_else)).await.status,
        StatusCode::OK
    );
    // Signing out of the others ends the phone's session at once, and keeps this one.
    let r = app
        .post("/api/v1/me/sessions/sign-out-others", Some(&laptop), &json!({}))
        .await;
    assert_eq!(r.json::<Value>()["ended"], 1);
    assert_eq!(
        app.get("/api/v1/me", Some(&phone)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let mine: Vec<Value> = app.get("/api/v1/me/sessions", Some(&laptop)).await.json();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["current"], true);
    // Ending this one signs it out.
    let id = mine[0]["id"].as_str().unwrap();
    let r = app
        .send::<()>(
            reqwest::Method::DELETE,
            &format!("/api/v1/me/sessions/{id}"),
            Some(&laptop),
            &[],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&laptop)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

bluelamp_tests::both_backends!(
    a_user_lists_their_sessions_and_signs_out_of_the_others,
    sign_in_is_rate_limited_per_address,
    sign_in_gives_tokens_and_the_profile,
    wrong_password_and_unknown_user_look_the_same,
    five_failures_lock_the_account_for_ten_minutes,
    refresh_rotates_and_each_refresh_token_works_once,
    sign_out_revokes_the_session_at_once,
    thirty_minutes_idle_ends_the_session,
    bad_tokens_are_refused,
    deactivated_users_cannot_sign_in_and_lose_their_sessions,
);

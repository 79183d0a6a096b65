//! The authorisation matrix: every route, called by every role and by nobody, gets exactly the
//! outcome its declared rule says.

use bluelamp_backend::kernel::auth::Access;
use bluelamp_backend::routes::{table, RouteInfo};
use bluelamp_shared::auth::Role;
use bluelamp_tests::{Backend, TestApp, DEMO_USERS};
use reqwest::{Method, StatusCode};

fn concrete(route: &RouteInfo) -> (Method, String) {
    let path = route.path.replace("{id}", &uuid::Uuid::new_v4().to_string());
    (
        Method::from_bytes(route.method.as_bytes()).expect("method"),
        format!("/api/v1{path}"),
    )
}

async fn every_route_enforces_its_rule_for_every_role(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let routes = table();
    assert!(routes.len() >= 10);
    let mut checked = 0;
    // Nobody signed in.
    for route in &routes {
        let (method, path) = concrete(route);
        let r = app
            .send(method, &path, None, &[], Some(&serde_json::json!({})))
            .await;
        if route.rule.access == Access::Public {
            assert_ne!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{} {path} should be public",
                route.method
            );
        } else {
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{} {path} without a token: {}",
                route.method,
                r.text
            );
        }
        checked += 1;
    }
    for role in Role::ALL {
        let (_, username, ..) = DEMO_USERS
            .iter()
            .find(|u| u.0 == "NS" && u.5 == role)
            .expect("demo user for role");
        // Sign-out ends the session, so it runs last.
        let mut ordered: Vec<&RouteInfo> = routes.iter().collect();
        ordered.sort_by_key(|r| r.path == "/auth/sign-out");
        let token = app.token(username).await;
        for route in ordered {
            let (method, path) = concrete(route);
            let r = app
                .send(method, &path, Some(&token), &[], Some(&serde_json::json!({})))
                .await;
            let allowed = route.rule.allows(&[role]);
            if allowed {
                assert!(
                    r.status != StatusCode::FORBIDDEN && r.status != StatusCode::UNAUTHORIZED,
                    "{role:?} should be allowed {} {path}, got {}: {}",
                    route.method,
                    r.status,
                    r.text
                );
                assert!(
                    r.status.as_u16() < 500,
                    "{role:?} {} {path}: {}",
                    route.method,
                    r.text
                );
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "{role:?} should be refused {} {path}: {}",
                    route.method,
                    r.text
                );
                assert_eq!(r.problem().code, bluelamp_shared::error::ErrorCode::Forbidden);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, routes.len() * (Role::ALL.len() + 1));
}

#[test]
fn only_administrators_reach_user_and_audit_routes() {
    for route in table() {
        if route.path.starts_with("/users") || route.path.starts_with("/audit-events") {
            assert_eq!(
                route.rule.access,
                Access::AnyOf(&[Role::ForceAdmin]),
                "{} {}",
                route.method,
                route.path
            );
        }
    }
}

bluelamp_tests::both_backends!(every_route_enforces_its_rule_for_every_role);

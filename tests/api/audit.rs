//! The audit log: written for reads and changes, queryable by administrators, append-only.

use bluelamp_shared::audit::AuditEventDto;
use bluelamp_shared::paging::Page;
use bluelamp_shared::users::UserDto;
use bluelamp_tests::{Backend, TestApp};
use reqwest::StatusCode;

async fn reads_of_personal_data_are_audited_and_queryable(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    let users: Page<UserDto> = app.get("/api/v1/users?limit=100", Some(&admin)).await.json();
    let target = users.items.iter().find(|u| u.username == "ns.okafor").unwrap();
    let read = app
        .get(&format!("/api/v1/users/{}", target.id), Some(&admin))
        .await;
    let rid = read.header("x-request-id").unwrap();
    let log: Page<AuditEventDto> = app
        .get(
            &format!(
                "/api/v1/audit-events?record_kind=user&record_id={}&action=read",
                target.id
            ),
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(log.items.len(), 1, "{log:?}");
    let e = &log.items[0];
    assert_eq!(e.actor_username.as_deref(), Some("ns.ashworth"));
    assert_eq!(e.request_id.as_deref(), Some(rid.as_str()));
    assert_eq!(e.actor_force.as_ref().map(|f| f.0.as_str()), Some("NS"));
    // Another force's administrator does not see this force's log.
    let wv = app.token("wv.thornton").await;
    let other: Page<AuditEventDto> = app
        .get(
            &format!("/api/v1/audit-events?record_id={}", target.id),
            Some(&wv),
        )
        .await
        .json();
    assert!(other.items.is_empty());
}

async fn forbidden_attempts_are_audited(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let pc = app.token("ns.okafor").await;
    let r = app.get("/api/v1/users", Some(&pc)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let admin = app.token("ns.ashworth").await;
    let log: Page<AuditEventDto> = app
        .get("/api/v1/audit-events?action=access_denied", Some(&admin))
        .await
        .json();
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].actor_username.as_deref(), Some("ns.okafor"));
    assert_eq!(log.items[0].detail.as_deref(), Some("GET /api/v1/users"));
}

async fn the_log_cannot_be_changed_or_deleted_even_with_sql(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.sign_in("ns.okafor").await;
    let before: i64 = {
        use bluelamp_backend::db::schema::audit_events;
        use diesel::prelude::*;
        let mut c = app.db.get().unwrap();
        audit_events::table.count().get_result(&mut *c).unwrap()
    };
    assert!(before > 0);
    let upd = app.execute("UPDATE audit_events SET action = 'read'");
    assert!(upd.is_err(), "update of the audit log was allowed");
    assert!(upd.unwrap_err().to_string().contains("append-only"));
    let del = app.execute("DELETE FROM audit_events");
    assert!(del.is_err(), "delete from the audit log was allowed");
    let after: i64 = {
        use bluelamp_backend::db::schema::audit_events;
        use diesel::prelude::*;
        let mut c = app.db.get().unwrap();
        audit_events::table.count().get_result(&mut *c).unwrap()
    };
    assert_eq!(before, after);
}

async fn the_log_is_paged_newest_first(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.token("ns.ashworth").await;
    for _ in 0..3 {
        app.get("/api/v1/users", Some(&admin)).await;
    }
    let first: Page<AuditEventDto> = app.get("/api/v1/audit-events?limit=2", Some(&admin)).await.json();
    assert_eq!(first.items.len(), 2);
    let cursor = first.next_cursor.clone().expect("more pages");
    let second: Page<AuditEventDto> = app
        .get(
            &format!("/api/v1/audit-events?limit=2&cursor={cursor}"),
            Some(&admin),
        )
        .await
        .json();
    assert!(first.items[0].occurred_at >= first.items[1].occurred_at);
    assert!(first.items[1].id.to_string() > second.items[0].id.to_string());
}

/// A purpose a reader types is exported as text: a cell a spreadsheet would run as a formula is
/// neutralised with a leading `'` (OWASP CSV injection), and the rest of the export is unchanged.
async fn the_audit_export_is_safe_to_open_in_a_spreadsheet(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let pc = app.token("ns.okafor").await;
    let person = app
        .create_person(
            &pc,
            serde_json::json!({"names": [{"forename": "Dean", "surname": "Marsh"}]}),
        )
        .await;
    let id = person["id"].as_str().expect("id");
    let formula = "=HYPERLINK(\"http://evil.example/x\",\"click\")";
    let read = app
        .send(
            reqwest::Method::GET,
            &format!("/api/v1/people/{id}"),
            Some(&pc),
            &[(bluelamp_shared::PURPOSE_HEADER, formula)],
            None::<&serde_json::Value>,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    let admin = app.token("ns.ashworth").await;
    let export = app
        .get(
            &format!("/api/v1/audit-events/export?record_id={id}&action=read"),
            Some(&admin),
        )
        .await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text);
    let mut rows = csv::Reader::from_reader(export.text.as_bytes());
    let header = rows.headers().expect("header").clone();
    let purpose = header
        .iter()
        .position(|h| h == "purpose")
        .expect("purpose column");
    let user = header
        .iter()
        .position(|h| h == "actor_username")
        .expect("user column");
    let cells: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    let row = cells
        .iter()
        .find(|r| r.get(user) == Some("ns.okafor"))
        .unwrap_or_else(|| panic!("no read by ns.okafor in\n{}", export.text));
    assert_eq!(row.get(purpose), Some(format!("'{formula}").as_str()));
}

bluelamp_tests::both_backends!(
    the_audit_export_is_safe_to_open_in_a_spreadsheet,
    reads_of_personal_data_are_audited_and_queryable,
    forbidden_attempts_are_audited,
    the_log_cannot_be_changed_or_deleted_even_with_sql,
    the_log_is_paged_newest_first,
);

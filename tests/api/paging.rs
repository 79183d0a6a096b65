//! Every list pages one way (API-DESIGN, "Pagination"): `limit` from 1 to 100, an opaque `cursor`,
//! `{"items", "next_cursor"}` with `next_cursor` absent on the last page; a bad `limit` or `cursor`
//! is a 422 naming it, never a page served.

use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::HashSet;

const SURNAMES: [&str; 5] = ["Ash", "Birch", "Cedar", "Damson", "Elm"];
const PURPOSE: (&str, &str) = ("X-Access-Purpose", "Paging test");

/// Every paged list, and a user who may read it.
const LISTS: &[(&str, &str)] = &[
    ("/api/v1/incidents", "ns.okafor"),
    ("/api/v1/crimes", "ns.okafor"),
    ("/api/v1/cancellations", "ns.birch"),
    ("/api/v1/intelligence-reports/queue", "ns.nowak"),
    ("/api/v1/intelligence?q=bicycles", "ns.nowak"),
    ("/api/v1/sources", "ns.nowak"),
    ("/api/v1/case-files", "ns.pike"),
    ("/api/v1/cps/case-files", "cps.harding"),
    ("/api/v1/drafts", "ns.okafor"),
    ("/api/v1/users", "ns.ashworth"),
    ("/api/v1/audit-events", "ns.ashworth"),
];

fn with(path: &str, query: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{query}")
}

async fn get(app: &TestApp, token: &str, path: &str) -> Reply {
    app.send::<()>(Method::GET, path, Some(token), &[PURPOSE], None)
        .await
}

/// Reads a list page by page, `limit` at a time, and answers every item in the order served and
/// how many pages it took.
async fn walk(app: &TestApp, token: &str, path: &str, limit: u32) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for pages in 1..=100 {
        let mut p = with(path, &format!("limit={limit}"));
        if let Some(c) = &cursor {
            p = with(&p, &format!("cursor={c}"));
        }
        let r = get(app, token, &p).await;
        assert_eq!(r.status, StatusCode::OK, "{p}: {}", r.text);
        let page: Value = r.json();
        let got = page["items"].as_array().expect("items").clone();
        assert!(got.len() <= limit as usize, "{p}: {} items", got.len());
        items.extend(got);
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return (items, pages),
        }
    }
    panic!("{path} never ended");
}

async fn every_list_refuses_a_bad_limit_or_cursor_and_answers_a_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    for (path, user) in LISTS {
        let token = app.token(user).await;
        for limit in ["0", "101", "2147483648"] {
            let r = get(&app, &token, &with(path, &format!("limit={limit}"))).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} limit={limit}: {}",
                r.text
            );
            assert_eq!(r.paths(), ["limit:range"], "{path} limit={limit}");
        }
        let r = get(&app, &token, &with(path, "cursor=not-one-of-ours")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", r.text);
        assert_eq!(r.paths(), ["cursor:format"], "{path}");
        for limit in ["1", "100"] {
            let r = get(&app, &token, &with(path, &format!("limit={limit}"))).await;
            assert_eq!(r.status, StatusCode::OK, "{path} limit={limit}: {}", r.text);
            let page: Value = r.json();
            assert!(page["items"].is_array(), "{path}: {page}");
        }
    }
}

async fn drafts_and_incidents_are_read_to_the_end_in_order_without_repeats(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    for n in 0..5 {
        let id = uuid::Uuid::new_v4();
        let body = json!({"form": "retail_theft", "label": format!("Draft {n}"), "data": {"n": n}});
        let r = app
            .send(
                Method::PUT,
                &format!("/api/v1/drafts/{id}"),
                Some(&okafor),
                &[],
                Some(&body),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let (drafts, pages) = walk(&app, &okafor, "/api/v1/drafts", 2).await;
    assert_eq!(pages, 3);
    let labels: Vec<&str> = drafts.iter().map(|d| d["label"].as_str().unwrap()).collect();
    assert_eq!(
        labels,
        ["Draft 4", "Draft 3", "Draft 2", "Draft 1", "Draft 0"],
        "newest first"
    );

    // Incidents reported at the same minute still page apart (the id breaks the tie).
    let mut opened = Vec::new();
    for (n, at) in [
        "2026-11-20T09:00:00Z",
        "2026-11-20T08:00:00Z",
        "2026-11-20T09:00:00Z",
        "2026-11-20T07:00:00Z",
    ]
    .iter()
    .enumerate()
    {
        let r = app
            .post(
                "/api/v1/incidents",
                Some(&okafor),
                &json!({"channel": "call_101", "opening_category": "crime_property",
                        "summary": format!("Shed broken into, bicycle {n} taken"), "reported_at": at}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        opened.push(r.json::<Value>()["id"].as_str().unwrap().to_owned());
    }
    let (incidents, _) = walk(&app, &okafor, "/api/v1/incidents", 1).await;
    let ids: Vec<&str> = incidents.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids.len(),
        ids.iter().collect::<HashSet<_>>().len(),
        "no repeats: {ids:?}"
    );
    let mine: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| opened.iter().any(|o| o == i))
        .collect();
    assert_eq!(mine.len(), 4, "every incident reached");
    assert_eq!(mine[0], opened[3], "oldest report first");
    assert_eq!(mine[1], opened[1]);
    let at: Vec<&str> = incidents
        .iter()
        .map(|i| i["incident"]["reported_at"].as_str().unwrap())
        .collect();
    let mut sorted = at.clone();
    sorted.sort();
    assert_eq!(at, sorted, "oldest report first");
}

async fn the_evaluation_queue_pages_by_priority_then_age(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let nowak = app.token("ns.nowak").await;
    let mut submitted = Vec::new();
    for (n, priority) in ["low", "high", "medium", "high", "low"].iter().enumerate() {
        let r = app
            .send(
                Method::POST,
                "/api/v1/intelligence-reports",
                Some(&okafor),
                &[("Idempotency-Key", &uuid::Uuid::new_v4().to_string())],
                Some(&json!({
                    "text": format!("Neighbour says the lock-up behind {n} Canal Row holds stolen bikes; seen at night"),
                    "subjects": [{"new_person": {"names": [{"forename": "Lee", "surname": SURNAMES[n]}]}}],
                    "obtained_at": "2026-11-22T19:30:00Z",
                    "obtained_where": "Door-to-door enquiries on Canal Row",
                    "source": {"new_source": {"kind": "member_of_public", "name": "Mrs J. Patel", "details": "After 6pm"}},
                    "priority": priority
                })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        submitted.push((r.json::<Value>()["id"].as_str().unwrap().to_owned(), *priority));
    }
    let (queue, pages) = walk(&app, &nowak, "/api/v1/intelligence-reports/queue", 2).await;
    assert!(pages >= 3, "{pages} pages");
    let ids: Vec<&str> = queue.iter().map(|q| q["id"].as_str().unwrap()).collect();
    let order: Vec<&str> = ids
        .iter()
        .filter_map(|i| submitted.iter().position(|(s, _)| s == i))
        .map(|n| submitted[n].1)
        .collect();
    assert_eq!(order, ["high", "high", "medium", "low", "low"]);
    let highs: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|i| submitted.iter().any(|(s, p)| s == i && *p == "high"))
        .collect();
    assert_eq!(
        highs,
        [submitted[1].0.as_str(), submitted[3].0.as_str()],
        "older first"
    );
    assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len(), "no repeats");
}

bluelamp_tests::both_backends!(
    every_list_refuses_a_bad_limit_or_cursor_and_answers_a_page,
    drafts_and_incidents_are_read_to_the_end_in_order_without_repeats,
    the_evaluation_queue_pages_by_priority_then_age,
);

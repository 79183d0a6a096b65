//! MoPI retention: the job puts each crime in its group by the rules kept as reference data and works
//! out its review date; the force's queue; a reviewer's override and decisions (If-Match, audited);
//! the clear period restarting; another force and other roles kept out.

use bluelamp_tests::{Backend, Reply, TestApp};
use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Records a shoplifting with a new suspect and answers (crime id, suspect's person id).
async fn shoplifting(app: &TestApp, token: &str, surname: &str) -> (String, String) {
    let body = json!({
        "offence_from": "2026-11-20T14:02:00Z",
        "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
        "suspect": {"new_person": {"names": [{"forename": "Dean", "surname": surname}], "dates_of_birth": ["1990-04-02"]}},
        "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}],
        "new_store": {"name": format!("{surname} Superstore"), "kind": "business"},
        "new_store_address": {"kind": "address", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"}
    });
    let key = uuid::Uuid::new_v4().to_string();
    let r = app
        .post_with_key("/api/v1/retail-thefts", token, &key, &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let c: Value = r.json();
    let suspect = c["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "suspect")
        .expect("a suspect")["record"]["record"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (c["id"].as_str().unwrap().to_owned(), suspect)
}

async fn run(app: &TestApp, token: &str) -> Value {
    let r = app.post("/api/v1/retention/runs", Some(token), &json!({})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

async fn queue_ids(app: &TestApp, token: &str) -> Vec<String> {
    let r = app.get("/api/v1/retention/reviews?limit=100", Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.items::<Value>()
        .iter()
        .map(|i| i["record_id"].as_str().unwrap().to_owned())
        .collect()
}

async fn step(app: &TestApp, token: &str, path: &str, etag: Option<&str>, body: Value) -> Reply {
    let headers: Vec<(&str, &str)> = etag.map(|e| vec![("If-Match", e)]).unwrap_or_default();
    app.send(Method::POST, path, Some(token), &headers, Some(&body))
        .await
}

fn paths(r: &Reply) -> Vec<String> {
    r.paths()
}

async fn reviews_follow_the_rules_the_clear_period_and_the_reviewer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let quayle = app.token("ns.quayle").await;
    let today = Utc::now().date_naive();

    // A shoplifting reported in March 2015: group 3, due when its six-year clear period ran out.
    let (a, _) = shoplifting(&app, &okafor, "Marsh").await;
    app.execute(&format!(
        "UPDATE crimes SET reported_at = '2015-03-01 10:00:00' WHERE id = '{a}'"
    ))
    .unwrap();
    let first = run(&app, &quayle).await;
    assert!(first["assessed"].as_u64().unwrap() >= 1, "{first}");
    assert!(first["changed"].as_u64().unwrap() >= 1, "{first}");
    let again = run(&app, &quayle).await;
    assert_eq!(again["changed"], 0, "a second run changed nothing: {again}");
    assert!(queue_ids(&app, &quayle).await.contains(&a));
    let path = format!("/api/v1/retention/reviews/{a}");
    let r = app.get(&path, Some(&quayle)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let review: Value = r.json();
    assert_eq!(review["derived_group"], "3", "{review}");
    assert_eq!(review["group"], "3");
    assert!(
        review["derived_reason"]
            .as_str()
            .unwrap()
            .contains("all other offences"),
        "{review}"
    );
    assert_eq!(
        review["review_due"],
        json!({"on": "2021-03-01", "reason": "clear_period"})
    );
    assert_eq!(review["due"], true);
    let etag = r.header("etag").unwrap();

    // Overriding the group: If-Match required and checked, a justification, then the date follows.
    let group = format!("{path}/group");
    let why =
        json!({"group": "1", "justification": "Intelligence shows a risk of serious harm to store staff"});
    assert_eq!(
        step(&app, &quayle, &group, None, why.clone()).await.status,
        StatusCode::PRECONDITION_REQUIRED
    );
    assert_eq!(
        step(&app, &quayle, &group, Some("\"999\""), why.clone())
            .await
            .status,
        StatusCode::PRECONDITION_FAILED
    );
    let short = step(
        &app,
        &quayle,
        &group,
        Some(&etag),
        json!({"group": "1", "justification": "risky"}),
    )
    .await;
    assert_eq!(paths(&short), ["justification:length"]);
    let set = step(&app, &quayle, &group, Some(&etag), why).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text);
    let review: Value = set.json();
    assert_eq!(
        (review["derived_group"].as_str(), review["group"].as_str()),
        (Some("3"), Some("1"))
    );
    assert_eq!(review["overridden"]["by"]["display_name"], "Miriam Quayle");
    // Group 1 is reviewed every ten years from the record (the suspect, born 1990, is far from 100).
    assert_eq!(
        review["review_due"],
        json!({"on": "2025-03-01", "reason": "periodic"})
    );
    let etag = set.header("etag").unwrap();

    // Deciding: a concern, a justification, the next review after today and within ten years.
    let decide = format!("{path}/decisions");
    let mut decision = json!({
        "outcome": "retain",
        "nrac": {"serious_harm": false, "children_or_vulnerable_adults": false, "breach_of_trust": false,
                 "links_increasing_risk": false, "substance_misuse": false, "mental_state": false},
        "justification": "Repeat offending against the same store; staff threatened",
        "next_review_on": today.to_string(),
    });
    let r = step(&app, &quayle, &decide, Some(&etag), decision.clone()).await;
    let mut every = paths(&r);
    every.sort();
    assert_eq!(every, ["next_review_on:not_after_today", "nrac:no_concern"]);
    decision["nrac"]["serious_harm"] = json!(true);
    let too_late = today.checked_add_months(chrono::Months::new(120)).unwrap() + Duration::days(1);
    decision["next_review_on"] = json!(too_late.to_string());
    let r = step(&app, &quayle, &decide, Some(&etag), decision.clone()).await;
    assert_eq!(paths(&r), ["next_review_on:too_late"]);
    let next = today + Duration::days(5 * 365);
    decision["next_review_on"] = json!(next.to_string());
    let r = step(&app, &quayle, &decide, Some(&etag), decision.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let review: Value = r.json();
    assert_eq!(review["decisions"].as_array().unwrap().len(), 1, "{review}");
    assert_eq!(review["decisions"][0]["nrac"]["serious_harm"], true);
    assert_eq!(
        review["review_due"],
        json!({"on": next.to_string(), "reason": "next_review"})
    );
    assert_eq!(review["due"], false);
    // The same request again is stale, so it cannot decide twice.
    let twice = step(&app, &quayle, &decide, Some(&etag), decision).await;
    assert_eq!(twice.status, StatusCode::PRECONDITION_FAILED);
    assert!(!queue_ids(&app, &quayle).await.contains(&a));
    assert_eq!(
        run(&app, &quayle).await["changed"],
        0,
        "the job keeps the reviewer's date"
    );

    // The owner's log says who set the group and who decided, and why.
    let trail = app.audit_trail("NS", &a).await;
    let has = |action: &str, start: &str| trail.iter().any(|(a, d)| a == action && d.starts_with(start));
    assert!(
        has("update", "retention group set to 1 (the rules gave 3)"),
        "{trail:?}"
    );
    assert!(has("update", "retention review decided: retain"), "{trail:?}");
    assert!(has("read", "retention review read"), "{trail:?}");

    // The clear period restarts when the suspect comes to notice again (a warning marker today).
    let (b, suspect) = shoplifting(&app, &okafor, "Thorne").await;
    app.execute(&format!(
        "UPDATE crimes SET reported_at = '2016-01-10 09:00:00' WHERE id = '{b}'"
    ))
    .unwrap();
    run(&app, &quayle).await;
    assert!(queue_ids(&app, &quayle).await.contains(&b));
    let marker = app
        .post(
            &format!("/api/v1/people/{suspect}/markers"),
            Some(&okafor),
            &json!({"code": "drugs", "set_on": today.to_string()}),
        )
        .await;
    assert_eq!(marker.status, StatusCode::OK, "{}", marker.text);
    run(&app, &quayle).await;
    assert!(!queue_ids(&app, &quayle).await.contains(&b));
    let review: Value = app
        .get(&format!("/api/v1/retention/reviews/{b}"), Some(&quayle))
        .await
        .json();
    let six_years = today.checked_add_months(chrono::Months::new(72)).unwrap();
    assert_eq!(
        review["review_due"],
        json!({"on": six_years.to_string(), "reason": "clear_period"})
    );

    // Other roles are refused; another force's reviewer sees none of Northshire's records.
    assert_eq!(
        app.get("/api/v1/retention/reviews", Some(&okafor)).await.status,
        StatusCode::FORBIDDEN
    );
    let dunn = app.token("wv.dunn").await;
    assert!(queue_ids(&app, &dunn).await.is_empty());
    assert_eq!(
        app.get(&format!("/api/v1/retention/reviews/{a}"), Some(&dunn))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

bluelamp_tests::both_backends!(reviews_follow_the_rules_the_clear_period_and_the_reviewer);

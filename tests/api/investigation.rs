//! Investigation: the workflow from incident to outcome, the retail-theft path, victims' care,
//! reclassification and cancellation, sharing and restriction, drafts, unique crime numbers.

use bluelamp_shared::investigation::MAX_MO_CHARS;
use bluelamp_tests::{Backend, Reply, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn put(app: &TestApp, path: &str, token: &str, version: i64, body: &Value) -> Reply {
    let etag = format!("\"{version}\"");
    app.send(
        Method::PUT,
        path,
        Some(token),
        &[("If-Match", etag.as_str())],
        Some(body),
    )
    .await
}

async fn crime(app: &TestApp, token: &str, id: &str) -> Value {
    let r = app.get(&format!("/api/v1/crimes/{id}"), Some(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()
}

/// Makes a move with the crime's current version.
async fn act(app: &TestApp, token: &str, id: &str, body: Value) -> Reply {
    let version = crime(app, token, id).await["meta"]["version"].as_i64().unwrap();
    let etag = format!("\"{version}\"");
    app.send(
        Method::POST,
        &format!("/api/v1/crimes/{id}/transitions"),
        Some(token),
        &[("If-Match", etag.as_str())],
        Some(&body),
    )
    .await
}

async fn user_id(app: &TestApp, username: &str) -> String {
    let t = app.token(username).await;
    app.get("/api/v1/me", Some(&t)).await.json::<Value>()["id"]
        .as_str()
        .expect("my id")
        .to_owned()
}

/// An idempotency key (a UUID), one per label.
fn key(_label: &str) -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Records a shoplifting through the retail-theft path and answers the crime.
async fn record_shoplifting(app: &TestApp, token: &str, body: Value) -> Value {
    let r = app
        .post_with_key("/api/v1/retail-thefts", token, &key("new"), &body)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()
}

/// The store (the victim organisation) of a recorded shoplifting.
fn store_of(crime: &Value) -> Value {
    crime["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "victim")
        .unwrap()["record"]["record"]["id"]
        .clone()
}

fn shoplifting(store: Value) -> Value {
    let mut body = json!({
        "offence_from": "2026-11-20T14:02:00Z",
        "modus_operandi": "Selected items from display, concealed them in a bag and left without paying",
        "suspect": {"new_person": {"names": [{"forename": "Dean", "surname": "Marsh"}], "dates_of_birth": ["1990-04-02"]}},
        "items": [{"description": "2 x bottles of whisky", "value_pence": 4200}, {"description": "Razor blades", "value_pence": 1599}],
        "witness": {"new_person": {"names": [{"forename": "Priya", "surname": "Shah"}]}},
        "cctv": {"reference": "PS/1", "description": "CCTV footage 14:00-14:10 on USB stick", "storage": "Northby property store, bag A123"}
    });
    for (k, v) in store.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn new_store() -> Value {
    json!({
        "new_store": {"name": "Northby Superstore", "kind": "business"},
        "new_store_address": {"kind": "address", "premises": "Unit 4", "street": "Market Street", "town": "Northby", "postcode": "NB1 2AA"}
    })
}

async fn the_crime_workflow_from_incident_to_outcome(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let whitfield = app.token("ns.whitfield").await;
    let llewellyn = app.token("ns.llewellyn").await;
    let whitfield_id = user_id(&app, "ns.whitfield").await;

    // An incident starts the 24-hour clock.
    let inc = app
        .post(
            "/api/v1/incidents",
            Some(&okafor),
            &json!({"channel": "call_101", "opening_category": "crime_property", "summary": "Shed broken into, bicycle taken",
                    "reported_at": "2026-11-20T09:00:00Z", "qualifiers": ["repeat_victim"]}),
        )
        .await;
    assert_eq!(inc.status, StatusCode::CREATED, "{}", inc.text);
    let inc: Value = inc.json();
    assert!(inc["reference"].as_str().unwrap().starts_with("NS-INC-2026-"));
    assert_eq!(inc["clock"]["due_at"], "2026-11-21T09:00:00Z");
    assert_eq!(inc["clock"]["overdue"], true);
    let queue: Vec<Value> = app.get("/api/v1/incidents", Some(&okafor)).await.items();
    assert!(queue.iter().any(|i| i["id"] == inc["id"]));
    let bad = app
        .post(
            "/api/v1/incidents",
            Some(&okafor),
            &json!({"channel": "pigeon", "summary": ""}),
        )
        .await;
    assert_eq!(
        bad.paths(),
        [
            "channel:unknown_code",
            "opening_category:required",
            "summary:required"
        ]
    );

    // A draft crime from it; recording names everything it still needs, at once.
    let c = app
        .post(
            "/api/v1/crimes",
            Some(&okafor),
            &json!({"crime": {"incident_id": inc["id"]}}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.text);
    let c: Value = c.json();
    let id = c["id"].as_str().unwrap().to_owned();
    assert_eq!(c["state"], "draft");
    assert_eq!(c["crn"], Value::Null);
    assert_eq!(c["crime"]["reported_at"], "2026-11-20T09:00:00Z");
    let r = act(&app, &okafor, &id, json!({"action": "record"})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(
        r.paths(),
        [
            "classification:required",
            "location_id:required",
            "modus_operandi:too_short",
            "offence:required",
            "offence_from:required",
            "victims:required"
        ]
    );

    // Fill it in; the offence's classification must agree.
    let loc: Value = app
        .post(
            "/api/v1/locations",
            Some(&okafor),
            &json!({"kind": "address", "premises": "12", "street": "Orchard Way", "town": "Northby", "postcode": "NB2 4QT"}),
        )
        .await
        .json();
    let details = json!({"incident_id": inc["id"], "classification": "39", "offence": "theft_other",
        "offence_from": "2026-11-19T22:00:00Z", "offence_to": "2026-11-20T07:00:00Z", "location_id": loc["id"],
        "modus_operandi": "Padlock on garden shed forced overnight"});
    let mismatch = put(&app, &format!("/api/v1/crimes/{id}"), &okafor, 1, &details).await;
    assert_eq!(mismatch.paths(), ["classification:mismatch"]);
    let mut details = details;
    details["classification"] = json!("49");
    let updated = put(&app, &format!("/api/v1/crimes/{id}"), &okafor, 1, &details).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let stale = put(&app, &format!("/api/v1/crimes/{id}"), &okafor, 1, &details).await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.problem().current.unwrap()["meta"]["version"], 2);
    let victim = app
        .post(
            &format!("/api/v1/crimes/{id}/parties"),
            Some(&okafor),
            &json!({"role": "victim", "new_person": {"names": [{"forename": "Alan", "surname": "Briggs"}]}}),
        )
        .await;
    assert_eq!(victim.status, StatusCode::OK, "{}", victim.text);

    let recorded = act(&app, &okafor, &id, json!({"action": "record"})).await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.text);
    let recorded: Value = recorded.json();
    assert_eq!(recorded["state"], "recorded");
    let crn = recorded["crn"].as_str().unwrap().to_owned();
    assert!(crn.starts_with("NS/"), "{crn}");
    assert_eq!(
        recorded["clock"]["late"], true,
        "recorded more than 24 hours after the report"
    );
    assert_eq!(recorded["classifications"].as_array().unwrap().len(), 1);
    assert_eq!(recorded["location"]["record"]["id"], loc["id"]);
    let offer = &recorded["tasks"][0];
    assert_eq!(offer["kind"], "victim_update");
    assert!(offer["title"].as_str().unwrap().contains("needs assessment"));
    assert!(offer["due_at"].is_string());
    let inc_now: Value = app
        .get(
            &format!("/api/v1/incidents/{}", inc["id"].as_str().unwrap()),
            Some(&okafor),
        )
        .await
        .json();
    assert_eq!(inc_now["decision"], "crime_recorded");
    assert_eq!(inc_now["crime_id"], json!(id));

    // Moves that do not exist from here are refused naming the ones that do.
    let r = act(&app, &okafor, &id, json!({"action": "approve"})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        r.problem().code,
        bluelamp_shared::error::ErrorCode::InvalidTransition
    );
    assert!(r.problem().detail.unwrap().contains("allocate"));
    // A response officer may take the crime on but not give it to someone else.
    let r = act(
        &app,
        &okafor,
        &id,
        json!({"action": "allocate", "officer_in_charge": whitfield_id}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let r = act(&app, &llewellyn, &id, json!({"action": "allocate"})).await;
    assert_eq!(r.paths(), ["officer_in_charge:required"]);
    let r = act(
        &app,
        &llewellyn,
        &id,
        json!({"action": "allocate", "officer_in_charge": whitfield_id, "unit": "cid"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r: Value = r.json();
    assert_eq!(r["officer_in_charge"]["id"], json!(whitfield_id));
    assert_eq!(r["state"], "allocated");

    let r = act(&app, &whitfield, &id, json!({"action": "start_investigation"})).await;
    assert_eq!(r.json::<Value>()["state"], "under_investigation");
    // Charged needs an identified suspect; an unknown suspect's description is not enough.
    let r = act(
        &app,
        &whitfield,
        &id,
        json!({"action": "submit_for_review", "outcome": "1"}),
    )
    .await;
    assert_eq!(r.paths(), ["outcome:needs_suspect"]);
    app.post(
        &format!("/api/v1/crimes/{id}/parties"),
        Some(&whitfield),
        &json!({"role": "suspect", "description": "Male, 20s, dark hoodie, seen on doorbell camera"}),
    )
    .await;
    let r = act(
        &app,
        &whitfield,
        &id,
        json!({"action": "submit_for_review", "outcome": "1"}),
    )
    .await;
    assert_eq!(r.paths(), ["outcome:needs_suspect"]);
    let s = app
        .post(
            &format!("/api/v1/crimes/{id}/parties"),
            Some(&whitfield),
            &json!({"role": "suspect", "new_person": {"names": [{"forename": "Kyle", "surname": "Denton"}], "dates_of_birth": ["2001-06-14"]}}),
        )
        .await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.text);
    let r = act(
        &app,
        &whitfield,
        &id,
        json!({"action": "submit_for_review", "outcome": "1"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // The supervisor's review queue and inbox.
    let q: Vec<Value> = app
        .get("/api/v1/crimes?state=awaiting_review", Some(&llewellyn))
        .await
        .items();
    assert!(q
        .iter()
        .any(|c| c["crn"] == json!(crn) && c["proposed_outcome"] == "1"));
    let work: Value = app.get("/api/v1/my-work", Some(&llewellyn)).await.json();
    assert!(work["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "review_due" && i["crn"] == json!(crn)));

    // Returned with comments: each line becomes a task for the officer in charge.
    let r = act(&app, &llewellyn, &id, json!({"action": "return"})).await;
    assert_eq!(r.paths(), ["comments:required"]);
    let r = act(
        &app,
        &llewellyn,
        &id,
        json!({"action": "return", "comments": "- Get the doorbell footage\n- Statement from the neighbour"}),
    )
    .await;
    let r: Value = r.json();
    assert_eq!(r["state"], "under_investigation");
    let returned: Vec<&Value> = r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "review_return")
        .collect();
    assert_eq!(returned.len(), 2);
    assert_eq!(returned[0]["title"], "Get the doorbell footage");
    assert_eq!(returned[0]["assignee"]["id"], json!(whitfield_id));
    let work: Value = app.get("/api/v1/my-work", Some(&whitfield)).await.json();
    let kinds: Vec<&str> = work["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"returned_crime") && kinds.iter().filter(|k| **k == "task").count() >= 2,
        "{kinds:?}"
    );
    let done = app
        .post(
            &format!("/api/v1/tasks/{}/completion", returned[0]["id"].as_str().unwrap()),
            Some(&whitfield),
            &json!({"result": "Footage seized as exhibit KD/1"}),
        )
        .await;
    assert_eq!(done.json::<Value>()["result"], "Footage seized as exhibit KD/1");

    // Resubmitted, approved: finalised with the outcome; the victim gets an outcome update task.
    act(
        &app,
        &whitfield,
        &id,
        json!({"action": "submit_for_review", "outcome": "1"}),
    )
    .await;
    let r = act(&app, &llewellyn, &id, json!({"action": "approve"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r: Value = r.json();
    assert_eq!(r["state"], "finalised");
    assert_eq!(r["outcome"], "1");
    assert!(r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["kind"] == "victim_update" && t["title"].as_str().unwrap().contains("outcome")));
    let v = r["meta"]["version"].as_i64().unwrap();
    let edit = put(&app, &format!("/api/v1/crimes/{id}"), &whitfield, v, &details).await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    assert_eq!(
        edit.problem().code,
        bluelamp_shared::error::ErrorCode::InvalidTransition
    );
    let r = act(&app, &llewellyn, &id, json!({"action": "reopen"})).await;
    assert_eq!(r.paths(), ["reason:required"]);
    let r = act(
        &app,
        &llewellyn,
        &id,
        json!({"action": "reopen", "reason": "Suspect's alibi found to be false"}),
    )
    .await;
    let r: Value = r.json();
    assert_eq!(r["state"], "reopened");
    assert_eq!(r["outcome"], Value::Null);
    // The log tells the story.
    assert!(r["log"].as_array().unwrap().len() >= 8);
    // Without If-Match a move is refused.
    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/transitions"),
            Some(&llewellyn),
            &json!({"action": "allocate"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
}

async fn the_retail_theft_path_records_and_allocates_in_one_request(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let key = uuid::Uuid::new_v4().to_string();

    let r = app
        .post_with_key("/api/v1/retail-thefts", &okafor, &key, &json!({}))
        .await;
    assert_eq!(
        r.paths(),
        [
            "store_id:required",
            "offence_from:required",
            "modus_operandi:too_short",
            "suspect.person_id:one_of",
            "items:required"
        ]
    );
    // The one modus operandi limit holds here as on POST /crimes: one over is refused (the limit
    // itself is accepted at the end of this test).
    for len in [MAX_MO_CHARS + 1, 100_000] {
        let mut body = shoplifting(new_store());
        body["modus_operandi"] = json!("x".repeat(len));
        let key = uuid::Uuid::new_v4().to_string();
        let r = app
            .post_with_key("/api/v1/retail-thefts", &okafor, &key, &body)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{len}: {}", r.text);
        assert_eq!(r.paths(), ["modus_operandi:length"], "{len}");
    }

    let r = app
        .post_with_key("/api/v1/retail-thefts", &okafor, &key, &shoplifting(new_store()))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let c: Value = r.json();
    assert_eq!(c["state"], "allocated");
    assert_eq!(c["crime"]["offence"], "theft_shop");
    assert_eq!(c["crime"]["classification"], "46");
    assert!(c["crn"].as_str().unwrap().starts_with("NS/"));
    assert_eq!(
        c["officer_in_charge"]["display_name"],
        user_name(&app, "ns.okafor").await
    );
    let roles: Vec<(&str, &str)> = c["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["role"].as_str().unwrap(),
                p["record"]["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(roles.contains(&("victim", "Northby Superstore")), "{roles:?}");
    assert!(
        roles.iter().any(|(r, l)| *r == "suspect" && l.contains("MARSH")),
        "{roles:?}"
    );
    assert!(
        roles.iter().any(|(r, l)| *r == "witness" && l.contains("SHAH")),
        "{roles:?}"
    );
    let values: Vec<i64> = c["property"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value_pence"].as_i64().unwrap())
        .collect();
    assert_eq!(values.iter().sum::<i64>(), 5799);
    assert_eq!(c["exhibits"][0]["reference"], "PS/1");
    assert_eq!(c["exhibits"][0]["storage"], "Northby property store, bag A123");
    assert_eq!(c["victims"][0]["party"]["label"], "Northby Superstore");

    // A repeated submit answers with the same crime; nothing is recorded twice.
    let again = app
        .post_with_key("/api/v1/retail-thefts", &okafor, &key, &shoplifting(new_store()))
        .await;
    assert_eq!(again.json::<Value>()["id"], c["id"]);
    let n: i64 = count(&app, "crimes");
    assert_eq!(n, 1);

    // The store is reused next time, with its premises as the scene.
    let store = store_of(&c);
    let second = app
        .post_with_key(
            "/api/v1/retail-thefts",
            &okafor,
            &uuid::Uuid::new_v4().to_string(),
            &shoplifting(json!({"store_id": store, "suspect": {"description": "Female, 40s, red coat"}, "unit": "retail_crime"})),
        )
        .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
    let second: Value = second.json();
    assert_eq!(second["crime"]["location_id"], c["crime"]["location_id"]);
    assert_eq!(second["unit"], "retail_crime");
    assert_eq!(second["officer_in_charge"], Value::Null);
    assert_ne!(second["crn"], c["crn"]);
    assert_eq!(count(&app, "organisations"), 1);

    // The suspect's person record shows the crime.
    let suspect = c["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "suspect")
        .unwrap()["record"]["record"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let p: Value = app
        .get(&format!("/api/v1/people/{suspect}"), Some(&okafor))
        .await
        .json();
    assert!(p["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["label"] == "Suspect in"
            && l["other"]["label"] == json!(format!("Crime {}", c["crn"].as_str().unwrap()))));

    // Custody officers cannot record crimes.
    let custody = app.token("ns.raman").await;
    let r = app
        .post("/api/v1/retail-thefts", Some(&custody), &shoplifting(new_store()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A modus operandi of exactly the limit is recorded.
    let mut at_limit = shoplifting(new_store());
    at_limit["modus_operandi"] = json!("x".repeat(MAX_MO_CHARS));
    let key = uuid::Uuid::new_v4().to_string();
    let r = app
        .post_with_key("/api/v1/retail-thefts", &okafor, &key, &at_limit)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

/// Crimes go to the force's own teams and units (by code, named on the crime and in the queue) as
/// well as to the unit queues; never to a station, a closed unit or another force's unit, and a unit
/// does not close while open crimes wait in it.
async fn crimes_are_allocated_to_the_forces_teams_and_units(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let ns_admin = app.token("ns.ashworth").await;
    let add = |token: String, body: Value| {
        let app = &app;
        async move {
            let r = app.post("/api/v1/force-units", Some(&token), &body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            r.json::<Value>()
        }
    };
    let station = add(
        ns_admin.clone(),
        json!({"code": "NS-NORTHBY", "name": "Northby police station", "kind": "station"}),
    )
    .await;
    let team = add(
        ns_admin.clone(),
        json!({"code": "NS-BCT", "name": "Business crime team", "kind": "unit", "station": station["id"]}),
    )
    .await;
    add(
        app.token(TestApp::admin_of("WV")).await,
        json!({"code": "WV-CID", "name": "Wessex CID", "kind": "unit"}),
    )
    .await;
    let okafor = app.token("ns.okafor").await;
    // Recorded and allocated to the team in one request, named by the team's name.
    let mut to_team = new_store();
    to_team["unit"] = json!("NS-BCT");
    let c = record_shoplifting(&app, &okafor, shoplifting(to_team)).await;
    assert_eq!(c["state"], "allocated");
    assert_eq!(c["unit"], "NS-BCT");
    assert_eq!(c["unit_label"], "Business crime team");
    assert_eq!(c["officer_in_charge"], Value::Null);
    assert!(
        c["log"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["text"] == "Allocated to Business crime team"),
        "{}",
        c["log"]
    );
    // A station, another force's unit and a code no one has are refused, naming the field.
    for unit in ["NS-NORTHBY", "WV-CID", "NS-NOPE"] {
        let mut body = shoplifting(new_store());
        body["unit"] = json!(unit);
        let r = app
            .post_with_key("/api/v1/retail-thefts", &okafor, &key("bad unit"), &body)
            .await;
        assert_eq!(r.paths(), ["unit:unknown"], "{unit}: {}", r.text);
    }
    // The team's queue lists it by name.
    let llewellyn = app.token("ns.llewellyn").await;
    let queue: Value = app
        .get("/api/v1/crimes?unit=NS-BCT", Some(&llewellyn))
        .await
        .json();
    let listed: Vec<(&str, &str)> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["unit"].as_str().unwrap(), i["unit_label"].as_str().unwrap()))
        .collect();
    assert_eq!(listed, [("NS-BCT", "Business crime team")]);
    // The team cannot close while the crime waits in it; once reallocated to a queue, it closes and
    // takes no more work.
    let team_path = format!("/api/v1/force-units/{}", team["id"].as_str().unwrap());
    let close = |etag: &'static str| {
        let (app, token, path) = (&app, ns_admin.clone(), team_path.clone());
        async move {
            app.send(
                Method::PATCH,
                &path,
                Some(&token),
                &[("If-Match", etag)],
                Some(&json!({"active": false})),
            )
            .await
        }
    };
    assert_eq!(close("\"1\"").await.paths(), ["active:allocated"]);
    let id = c["id"].as_str().unwrap();
    let r = act(&app, &llewellyn, id, json!({"action": "allocate", "unit": "cid"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.json::<Value>()["unit_label"],
        "Criminal Investigation Department"
    );
    assert_eq!(close("\"1\"").await.status, StatusCode::OK);
    let r = act(
        &app,
        &llewellyn,
        id,
        json!({"action": "allocate", "unit": "NS-BCT"}),
    )
    .await;
    assert_eq!(r.paths(), ["unit:unknown"]);
}

async fn user_name(app: &TestApp, username: &str) -> String {
    let t = app.token(username).await;
    let me: Value = app.get("/api/v1/me", Some(&t)).await.json();
    me["display_name"].as_str().expect("my name").to_owned()
}

/// Rows in a table, read directly from the test's database.
fn count(app: &TestApp, table: &str) -> i64 {
    use bluelamp_backend::db::schema::{crimes, organisations, victim_referrals};
    use diesel::prelude::*;
    let mut conn = app.db.get().expect("connection");
    let conn = &mut *conn;
    match table {
        "crimes" => crimes::table.count().get_result(conn),
        "organisations" => organisations::table.count().get_result(conn),
        "victim_referrals" => victim_referrals::table.count().get_result(conn),
        other => panic!("no count for {other}"),
    }
    .expect("count")
}

async fn victims_code_referrals_and_dash(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let t = app.token("ns.whitfield").await;
    let loc: Value = app
        .post(
            "/api/v1/locations",
            Some(&t),
            &json!({"kind": "address", "premises": "3", "street": "Mill Lane", "town": "Northby", "postcode": "NB3 1XY"}),
        )
        .await
        .json();
    let c: Value = app
        .post(
            "/api/v1/crimes",
            Some(&t),
            &json!({"crime": {"offence": "abh", "offence_from": "2026-11-01T21:00:00Z", "location_id": loc["id"],
                     "modus_operandi": "Punched partner in the face during an argument at home", "domestic_abuse": true}}),
        )
        .await
        .json();
    let id = c["id"].as_str().unwrap().to_owned();
    assert_eq!(c["crime"]["classification"], "8N", "filled in from the offence");
    let c: Value = app
        .post(
            &format!("/api/v1/crimes/{id}/parties"),
            Some(&t),
            &json!({"role": "victim", "new_person": {"names": [{"forename": "Sara", "surname": "Lowe"}], "dates_of_birth": ["1994-09-09"]}}),
        )
        .await
        .json();
    let victim = c["victims"][0].clone();
    let vid = victim["id"].as_str().unwrap().to_owned();
    let person = victim["party"]["record"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        victim["referral_missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["consent_to_referral", "safe_to_contact", "needs_assessed_on"]
    );

    // The referral is refused with the same list.
    let r = app
        .post(&format!("/api/v1/victims/{vid}/referral"), Some(&t), &json!({}))
        .await;
    assert_eq!(
        r.paths(),
        [
            "consent_to_referral:required",
            "safe_to_contact:required",
            "needs_assessed_on:required"
        ]
    );
    // A domestic-abuse referral needs a safe contact number.
    let care = json!({"needs_assessed_on": "2026-11-02", "needs": ["safety"], "safe_to_contact": true,
        "safe_contact_method": "email", "consent_to_referral": true, "vulnerabilities": ["domestic_abuse"]});
    let saved = put(&app, &format!("/api/v1/victims/{vid}"), &t, 1, &care).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let r = app
        .post(&format!("/api/v1/victims/{vid}/referral"), Some(&t), &json!({}))
        .await;
    assert_eq!(r.paths(), ["safe_contact_number:required"]);
    let mut care = care;
    care["safe_contact_number"] = json!("07700 900456");
    let stale = put(&app, &format!("/api/v1/victims/{vid}"), &t, 1, &care).await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
    let saved = put(&app, &format!("/api/v1/victims/{vid}"), &t, 2, &care).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let r = app
        .post(&format!("/api/v1/victims/{vid}/referral"), Some(&t), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let v: Value = r.json();
    assert_eq!(v["referral"]["status"], "sent");
    assert_eq!(v["referral"]["payload"]["safe_contact_number"], "07700 900456");
    assert_eq!(v["referral"]["payload"]["victim"]["name"], v["party"]["label"]);
    // Never sent twice for the same victim and crime.
    let r = app
        .post(&format!("/api/v1/victims/{vid}/referral"), Some(&t), &json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(count(&app, "victim_referrals"), 1);

    // The vulnerability is on the person record for every module to see.
    let p: Value = app
        .get(&format!("/api/v1/people/{person}"), Some(&t))
        .await
        .json();
    assert!(p["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["code"] == "domestic_abuse"));

    // DASH: 13 "yes" is medium, 14 is high with a pre-filled MARAC task; judgement only raises.
    let answers = |yes: u32| -> Value {
        let m: serde_json::Map<String, Value> = (1..=27)
            .map(|q| (q.to_string(), json!(if q <= yes { "yes" } else { "no" })))
            .collect();
        Value::Object(m)
    };
    let r = app
        .post(
            &format!("/api/v1/victims/{vid}/dash"),
            Some(&t),
            &json!({"answers": answers(13)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let v: Value = r.json();
    assert_eq!(v["dash"][0]["level"], "medium");
    assert_eq!(v["dash"][0]["marac_task_id"], Value::Null);
    let r = app
        .post(
            &format!("/api/v1/victims/{vid}/dash"),
            Some(&t),
            &json!({"answers": answers(14)}),
        )
        .await;
    let v: Value = r.json();
    assert_eq!(v["dash"][0]["score"], 14);
    assert_eq!(v["dash"][0]["level"], "high");
    let task_id = v["dash"][0]["marac_task_id"].as_str().unwrap().to_owned();
    let c = crime(&app, &t, &id).await;
    let marac = c["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == json!(task_id))
        .unwrap()
        .clone();
    assert_eq!(marac["kind"], "marac");
    let details = marac["details"].as_str().unwrap();
    assert!(
        details.contains("Score: 14 of 27") && details.contains("07700 900456") && details.contains("LOWE"),
        "{details}"
    );
    let r = app
        .post(
            &format!("/api/v1/victims/{vid}/dash"),
            Some(&t),
            &json!({"answers": answers(20), "professional_judgement": "medium"}),
        )
        .await;
    assert_eq!(
        r.paths(),
        ["judgement_reason:required", "professional_judgement:not_higher"]
    );
    let r = app
        .post(
            &format!("/api/v1/victims/{vid}/dash"),
            Some(&t),
            &json!({"answers": answers(3), "professional_judgement": "high", "judgement_reason": "Threats to kill made yesterday"}),
        )
        .await;
    let v: Value = r.json();
    assert_eq!(
        (
            v["dash"][0]["scored_level"].as_str(),
            v["dash"][0]["level"].as_str()
        ),
        (Some("standard"), Some("high"))
    );

    // Update deadlines in working days with bank holidays: bail on Friday 28 August 2026 (Monday
    // 31 August is a bank holiday): an enhanced victim within 1 working day (Tuesday 1 September).
    let mut care = v["care"].clone();
    care["enhanced_reasons"] = json!(["intimidated"]);
    let saved = put(
        &app,
        &format!("/api/v1/victims/{vid}"),
        &t,
        v["version"].as_i64().unwrap(),
        &care,
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text);
    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/victim-updates"),
            Some(&t),
            &json!({"event": "bail", "on": "2026-08-28"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let tasks: Vec<Value> = r.json();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0]["due_at"], "2026-09-01T23:59:00Z");
    // The same event again while the task is open makes no second task.
    let r: Vec<Value> = app
        .post(
            &format!("/api/v1/crimes/{id}/victim-updates"),
            Some(&t),
            &json!({"event": "bail", "on": "2026-08-28"}),
        )
        .await
        .json();
    assert!(r.is_empty());
    // Telling the victim completes it.
    let r = app
        .post(
            &format!("/api/v1/victims/{vid}/contacts"),
            Some(&t),
            &json!({"method": "phone", "summary": "Told of bail and its conditions", "update": "bail"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let c = crime(&app, &t, &id).await;
    let bail = c["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == tasks[0]["id"])
        .unwrap()
        .clone();
    assert!(bail["completed_at"].is_string());
}

async fn cancellation_needs_the_registrar_and_reclassification_keeps_history(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let birch = app.token("ns.birch").await;
    let c: Value = record_shoplifting(&app, &okafor, shoplifting(new_store())).await;
    let id = c["id"].as_str().unwrap().to_owned();

    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/reclassifications"),
            Some(&okafor),
            &json!({"classification": "46", "offence": "theft_other", "reason": "Items were taken from the staff room"}),
        )
        .await;
    assert_eq!(r.paths(), ["classification:mismatch"]);
    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/reclassifications"),
            Some(&okafor),
            &json!({"classification": "49", "offence": "theft_other", "reason": "Items were taken from the staff room"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r: Value = r.json();
    let history: Vec<&str> = r["classifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["offence"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["theft_shop", "theft_other"]);
    // Details edits cannot change the classification behind the history's back.
    let mut input = r["crime"].clone();
    input["offence"] = json!("theft_shop");
    input["classification"] = json!("46");
    let edit = put(
        &app,
        &format!("/api/v1/crimes/{id}"),
        &okafor,
        r["meta"]["version"].as_i64().unwrap(),
        &input,
    )
    .await;
    assert_eq!(edit.paths(), ["classification:use_reclassification"]);

    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/cancellations"),
            Some(&okafor),
            &json!({"reason": "Duplicate", "additional_information": "short"}),
        )
        .await;
    assert_eq!(r.paths(), ["additional_information:too_short"]);
    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/cancellations"),
            Some(&okafor),
            &json!({"reason": "Recorded twice", "additional_information": "The same theft is recorded under the store's own report, see incident log"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let cancel: Value = r.json();
    let again = app
        .post(
            &format!("/api/v1/crimes/{id}/cancellations"),
            Some(&okafor),
            &json!({"reason": "Recorded twice", "additional_information": "The same theft is recorded under the store's own report, see incident log"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // Only the registrar decides.
    let cid = cancel["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/cancellations/{cid}/decision"),
            Some(&okafor),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let pending: Vec<Value> = app.get("/api/v1/cancellations", Some(&birch)).await.items();
    assert_eq!(pending.len(), 1);
    let work: Value = app.get("/api/v1/my-work", Some(&birch)).await.json();
    assert!(work["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["kind"] == "cancellation_due"));
    let r = app
        .post(
            &format!("/api/v1/cancellations/{cid}/decision"),
            Some(&birch),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json::<Value>()["approved"], true);
    let after = crime(&app, &okafor, &id).await;
    assert_eq!(after["state"], "cancelled");
    assert_eq!(
        after["crn"], c["crn"],
        "the number stays with the cancelled crime"
    );
    let r = app
        .post(
            &format!("/api/v1/crimes/{id}/parties"),
            Some(&okafor),
            &json!({"role": "witness", "new_person": {"names": [{"forename": "A", "surname": "B"}]}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // The next crime takes the next number: a cancelled one is never reused.
    let next: Value = record_shoplifting(&app, &okafor, shoplifting(new_store())).await;
    let n = |v: &Value| {
        v["crn"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .parse::<u32>()
            .unwrap()
    };
    assert_eq!(n(&next), n(&c) + 1);
}

async fn crimes_are_shared_by_agreement_and_restricted_by_need_to_know(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let whitfield = app.token("ns.whitfield").await;
    let wessex = app.token("wv.begum").await;
    let admin = app.token("ns.ashworth").await;
    let c: Value = record_shoplifting(&app, &okafor, shoplifting(new_store())).await;
    let id = c["id"].as_str().unwrap().to_owned();
    // Another force of the consortium reads it and may add to it, but not run its workflow.
    let seen = app.get(&format!("/api/v1/crimes/{id}"), Some(&wessex)).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.text);
    let added = app
        .post(
            &format!("/api/v1/crimes/{id}/parties"),
            Some(&wessex),
            &json!({"role": "witness", "new_person": {"names": [{"forename": "Tom", "surname": "Hale"}]}}),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.text);
    let r = act(&app, &wessex, &id, json!({"action": "start_investigation"})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Every read is audited.
    let audit: Value = app
        .get(
            &format!("/api/v1/audit-events?record_id={id}&action=read"),
            Some(&admin),
        )
        .await
        .json();
    assert!(audit["items"].as_array().unwrap().len() >= 2, "{audit}");

    // A restricted crime is invisible outside its grantees: not found, not in queues.
    let loc: Value = app
        .post(
            "/api/v1/locations",
            Some(&okafor),
            &json!({"kind": "no_fixed_abode"}),
        )
        .await
        .json();
    let secret: Value = app
        .post(
            "/api/v1/crimes",
            Some(&okafor),
            &json!({"crime": {"offence": "theft_other", "location_id": loc["id"], "restriction": {"restricted": true}}}),
        )
        .await
        .json();
    let sid = secret["id"].as_str().unwrap();
    for t in [&whitfield, &wessex] {
        assert_eq!(
            app.get(&format!("/api/v1/crimes/{sid}"), Some(t)).await.status,
            StatusCode::NOT_FOUND
        );
        let q: Vec<Value> = app.get("/api/v1/crimes?state=draft", Some(t)).await.items();
        assert!(q.iter().all(|c| c["id"] != json!(sid)));
    }
    // Its author needs a purpose to open it.
    let r = app.get(&format!("/api/v1/crimes/{sid}"), Some(&okafor)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .send::<()>(
            Method::GET,
            &format!("/api/v1/crimes/{sid}"),
            Some(&okafor),
            &[("X-Access-Purpose", "Continuing my investigation")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

async fn drafts_belong_to_their_author(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let whitfield = app.token("ns.whitfield").await;
    let id = uuid::Uuid::new_v4();
    let body = json!({"form": "retail_theft", "label": "Shoplifting at Northby Superstore", "data": {"store": "Northby", "items": [1, 2]}});
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
    let mut body2 = body.clone();
    body2["data"]["items"] = json!([1, 2, 3]);
    app.send(
        Method::PUT,
        &format!("/api/v1/drafts/{id}"),
        Some(&okafor),
        &[],
        Some(&body2),
    )
    .await;
    let mine: Vec<Value> = app.get("/api/v1/drafts", Some(&okafor)).await.items();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["data"]["items"], json!([1, 2, 3]));
    // Someone else can neither see nor overwrite it.
    let theirs: Vec<Value> = app.get("/api/v1/drafts", Some(&whitfield)).await.items();
    assert!(theirs.is_empty());
    let r = app
        .send(
            Method::PUT,
            &format!("/api/v1/drafts/{id}"),
            Some(&whitfield),
            &[],
            Some(&body),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let huge = json!({"form": "retail_theft", "data": "x".repeat(300 * 1024)});
    let r = app
        .send(
            Method::PUT,
            &format!("/api/v1/drafts/{}", uuid::Uuid::new_v4()),
            Some(&okafor),
            &[],
            Some(&huge),
        )
        .await;
    assert!(
        r.status == StatusCode::UNPROCESSABLE_ENTITY || r.status == StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        r.status
    );
    let r = app
        .send::<()>(
            Method::DELETE,
            &format!("/api/v1/drafts/{id}"),
            Some(&okafor),
            &[],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let mine: Vec<Value> = app.get("/api/v1/drafts", Some(&okafor)).await.items();
    assert!(mine.is_empty());
    // Two saves of a new draft at once (a retry while the first is in flight) both succeed.
    let fresh = format!("/api/v1/drafts/{}", uuid::Uuid::new_v4());
    let (a, b) = tokio::join!(
        app.send(Method::PUT, &fresh, Some(&okafor), &[], Some(&body)),
        app.send(Method::PUT, &fresh, Some(&okafor), &[], Some(&body2)),
    );
    assert_eq!(
        (a.status, b.status),
        (StatusCode::OK, StatusCode::OK),
        "{} {}",
        a.text,
        b.text
    );
    let mine: Vec<Value> = app.get("/api/v1/drafts", Some(&okafor)).await.items();
    assert_eq!(mine.len(), 1);
}

async fn concurrent_recording_never_shares_a_crime_number(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let okafor = app.token("ns.okafor").await;
    let first: Value = record_shoplifting(&app, &okafor, shoplifting(new_store())).await;
    let store = store_of(&first);
    let body = shoplifting(json!({"store_id": store}));
    let keys: Vec<String> = (0..6).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let (a, b, c, d, e, f) = tokio::join!(
        app.post_with_key("/api/v1/retail-thefts", &okafor, &keys[0], &body),
        app.post_with_key("/api/v1/retail-thefts", &okafor, &keys[1], &body),
        app.post_with_key("/api/v1/retail-thefts", &okafor, &keys[2], &body),
        app.post_with_key("/api/v1/retail-thefts", &okafor, &keys[3], &body),
        app.post_with_key("/api/v1/retail-thefts", &okafor, &keys[4], &body),
        app.post_with_key("/api/v1/retail-thefts", &okafor, &keys[5], &body),
    );
    let replies = [a, b, c, d, e, f];
    let mut crns: Vec<String> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            r.json::<Value>()["crn"].as_str().unwrap().to_owned()
        })
        .collect();
    crns.push(first["crn"].as_str().unwrap().to_owned());
    crns.sort();
    crns.dedup();
    assert_eq!(crns.len(), 7, "{crns:?}");
}

bluelamp_tests::both_backends!(
    the_crime_workflow_from_incident_to_outcome,
    the_retail_theft_path_records_and_allocates_in_one_request,
    crimes_are_allocated_to_the_forces_teams_and_units,
    victims_code_referrals_and_dash,
    cancellation_needs_the_registrar_and_reclassification_keeps_history,
    crimes_are_shared_by_agreement_and_restricted_by_need_to_know,
    drafts_belong_to_their_author,
    concurrent_recording_never_shares_a_crime_number,
);

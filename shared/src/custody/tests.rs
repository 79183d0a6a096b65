//! Booking-in and entry checks at their boundaries.

use super::*;
use chrono::TimeZone;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, h, m, 0).unwrap()
}

fn questions() -> Vec<RiskQuestion> {
    vec![
        RiskQuestion {
            code: "self_harm".into(),
            text: "Have you ever tried to harm yourself?".into(),
            level_if_yes: 2,
            rousing_if_yes: false,
            marker_if_yes: Some("Self-harm".into()),
        },
        RiskQuestion {
            code: "intoxicated".into(),
            text: "Intoxicated?".into(),
            level_if_yes: 2,
            rousing_if_yes: true,
            marker_if_yes: Some("Intoxicated".into()),
        },
        RiskQuestion {
            code: "suicidal_now".into(),
            text: "Thoughts of suicide now?".into(),
            level_if_yes: 3,
            rousing_if_yes: false,
            marker_if_yes: Some("Suicide risk".into()),
        },
    ]
}

fn answers(yes: &[&str]) -> Vec<RiskAnswer> {
    questions()
        .iter()
        .map(|q| RiskAnswer {
            question: q.code.clone(),
            yes: yes.contains(&q.code.as_str()),
        })
        .collect()
}

fn codes(e: &[FieldError]) -> Vec<(String, String)> {
    e.iter().map(|f| (f.path.clone(), f.code.clone())).collect()
}

#[test]
fn the_answers_set_the_least_observation_level_and_rousing() {
    let q = questions();
    assert_eq!(risk_calls_for(&q, &answers(&[])), (1, false));
    assert_eq!(risk_calls_for(&q, &answers(&["self_harm"])), (2, false));
    assert_eq!(
        risk_calls_for(&q, &answers(&["intoxicated", "suicidal_now"])),
        (3, true)
    );
    assert_eq!(
        risk_markers(&q, &answers(&["intoxicated", "suicidal_now"])),
        vec!["Intoxicated".to_owned(), "Suicide risk".to_owned()]
    );
    let r = |level, rousing, yes: &[&str]| RiskAssessmentEntry {
        at: None,
        answers: answers(yes),
        observation_level: Some(level),
        rousing,
        notes: String::new(),
    };
    assert!(check_risk(&r(1, false, &[]), &q, "", t(12, 0)).is_empty());
    assert!(check_risk(&r(4, false, &["self_harm"]), &q, "", t(12, 0)).is_empty());
    assert_eq!(
        codes(&check_risk(
            &r(2, false, &["suicidal_now", "intoxicated"]),
            &q,
            "risk",
            t(12, 0)
        )),
        vec![
            ("risk.observation_level".into(), "below_assessed_risk".into()),
            ("risk.rousing".into(), "required_by_risk".into()),
        ]
    );
    let mut missing = r(1, false, &[]);
    missing.answers.remove(1);
    missing.answers.push(RiskAnswer {
        question: "made_up".into(),
        yes: true,
    });
    assert_eq!(
        codes(&check_risk(&missing, &q, "", t(12, 0))),
        vec![
            ("answers.1".into(), "required".into()),
            ("answers.2.question".into(), "unknown".into()),
        ]
    );
    assert_eq!(
        codes(&check_risk(&r(5, false, &[]), &q, "", t(12, 0))),
        vec![("observation_level".into(), "range".into())]
    );
}

#[test]
fn an_arrest_summons_number_has_the_national_shape() {
    assert!(asn_is_well_formed("26/01NS/01/000123A"));
    assert!(asn_is_well_formed(" 26/43WV/7/12X "));
    for bad in [
        "",
        "26/01NS/01",
        "2026/01NS/01/000123A",
        "26/01NS/01/0001234",
        "26/01N/01/000123A",
        "26/01NS/01/A",
    ] {
        assert!(!asn_is_well_formed(bad), "{bad}");
    }
}

fn book_in() -> BookInRequest {
    BookInRequest {
        person_id: Some(Uuid::nil()),
        crime_id: None,
        suite_id: Some(Uuid::nil()),
        cell: Some("C1".into()),
        arrest: ArrestDetails {
            at: Some(t(10, 0)),
            place: "High Street".into(),
            officer: "PC 1234 Okafor".into(),
            offences: vec!["theft_shop".into()],
            grounds: "Seen on CCTV".into(),
            necessity: "To allow prompt investigation".into(),
        },
        asn: "26/01NS/01/000123A".into(),
        arrived_at: Some(t(10, 30)),
        decision: Some(DetentionDecision::Authorised),
        decided_at: Some(t(10, 40)),
        decision_reason: "To obtain evidence by questioning".into(),
        self_defined_ethnicity: Some("W1".into()),
        officer_defined_ethnicity: Some("W".into()),
        nationality: "British".into(),
        risk: None,
        medication: vec![],
    }
}

#[test]
fn a_complete_booking_in_passes_and_every_gap_is_named_at_once() {
    assert_eq!(check_book_in(&book_in(), &questions(), t(11, 0)), vec![]);
    let e = check_book_in(&BookInRequest::default(), &questions(), t(11, 0));
    let paths: Vec<&str> = e.iter().map(|f| f.path.as_str()).collect();
    for p in [
        "person_id",
        "suite_id",
        "arrest.at",
        "arrest.place",
        "arrest.officer",
        "arrest.offences",
        "arrest.grounds",
        "arrest.necessity",
        "asn",
        "arrived_at",
        "decision",
        "decision_reason",
        "self_defined_ethnicity",
        "officer_defined_ethnicity",
        "nationality",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    let mut r = book_in();
    r.arrived_at = Some(t(9, 0));
    r.decided_at = Some(t(8, 0));
    r.self_defined_ethnicity = Some("ZZ".into());
    r.medication = vec![Prescription {
        medicine: "Insulin".into(),
        dose: "10 units".into(),
        times: vec![],
        every_minutes: None,
        first_at: None,
        prescriber: "GP".into(),
    }];
    assert_eq!(
        codes(&check_book_in(&r, &questions(), t(11, 0))),
        vec![
            ("arrived_at".into(), "before_arrest".into()),
            ("decided_at".into(), "before_relevant_time".into()),
            ("self_defined_ethnicity".into(), "unknown".into()),
            ("medication.0.times".into(), "required".into()),
        ]
    );
    let mut future = book_in();
    future.arrest.at = Some(t(12, 0));
    assert_eq!(
        codes(&check_book_in(&future, &questions(), t(11, 0))),
        vec![
            ("arrest.at".into(), "future".into()),
            ("arrived_at".into(), "before_arrest".into()),
        ]
    );
}

#[test]
fn entries_name_what_they_lack() {
    let now = t(12, 0);
    let delay = CustodyEntry::Rights(RightsEntry {
        right: Right::ConsultCodes,
        status: RightStatus::Delayed,
        at: None,
        authorised_by: None,
        reason: String::new(),
    });
    assert_eq!(
        codes(&check_entry(&delay, &[], now)),
        vec![
            ("status".into(), "not_delayable".into()),
            ("authorised_by".into(), "required".into()),
            ("reason".into(), "required".into()),
        ]
    );
    let missed = CustodyEntry::Dose(DoseEntry {
        prescription: Uuid::nil(),
        at: Some(t(13, 0)),
        outcome: DoseOutcome::Missed,
        notes: " ".into(),
    });
    assert_eq!(
        codes(&check_entry(&missed, &[], now)),
        vec![
            ("at".into(), "future".into()),
            ("notes".into(), "required".into())
        ]
    );
    let review = CustodyEntry::Review(ReviewEntry {
        at: None,
        postponed: true,
        postponement_reason: String::new(),
        representations: String::new(),
        decision: ReviewDecision::Continue,
        grounds: "Evidence still to be secured".into(),
        remote: false,
    });
    assert_eq!(
        codes(&check_entry(&review, &[], now)),
        vec![("postponement_reason".into(), "required".into())]
    );
    let rnr = CustodyEntry::Disposal(DisposalEntry {
        outcome: DisposalOutcome::ReleasedUnderInvestigation,
        at: None,
        bail_date: NaiveDate::from_ymd_opt(2026, 12, 1),
        notes: String::new(),
    });
    assert_eq!(
        codes(&check_entry(&rnr, &[], now)),
        vec![("bail_date".into(), "not_applicable".into())]
    );
    let arrival = CustodyEntry::Representative(RepresentativeEntry {
        role: RepresentativeRole::Solicitor,
        name: String::new(),
        called_at: None,
        arrived_at: None,
        of: Some(Uuid::nil()),
    });
    assert_eq!(
        codes(&check_entry(&arrival, &[], now)),
        vec![("arrived_at".into(), "required".into())]
    );
    let visit = CustodyEntry::Visit(VisitEntry {
        at: None,
        check: VisitKind::Rousing,
        response: "Roused, answered".into(),
    });
    assert!(check_entry(&visit, &[], now).is_empty());
    assert_eq!(visit.summary(), "Visit (Rousing): Roused, answered");
    let json = serde_json::to_value(&visit).unwrap();
    assert_eq!(json["kind"], "visit");
    assert_eq!(json["check"], "rousing");
    let back: CustodyEntry = serde_json::from_value(json).unwrap();
    assert_eq!(back, visit);
}

#[test]
fn the_board_puts_what_is_due_first_at_the_top_and_counts_down() {
    let row = |n: &str, due: Option<DateTime<Utc>>| BoardRow {
        record_id: Uuid::nil(),
        number: n.into(),
        detainee: n.into(),
        cell: Some(n.into()),
        relevant_time: t(8, 0),
        next_review_due: None,
        limit: None,
        next_visit_due: None,
        observation_level: 1,
        rousing: false,
        risk_assessment_due: false,
        next_dose_due: None,
        next_dose_medicine: None,
        risk_markers: vec![],
        next_due: due,
    };
    let mut rows = vec![
        row("C", None),
        row("B", Some(t(12, 30))),
        row("A", Some(t(11, 0))),
    ];
    sort_board(&mut rows);
    let order: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(order, ["A", "B", "C"]);
    assert_eq!(earliest(&[None, Some(t(12, 0)), Some(t(11, 0))]), Some(t(11, 0)));
    assert_eq!(countdown(t(13, 5), t(12, 0)), "1h 05m");
    assert_eq!(countdown(t(12, 12), t(12, 0)), "12m");
    assert_eq!(countdown(t(12, 0), t(12, 7)), "OVERDUE 7m");
    // Thirty seconds late already reads overdue.
    let late = t(12, 0) + Duration::seconds(30);
    assert_eq!(minutes_until(t(12, 0), late), -1);
}

//! The person rules at their boundaries.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn named(f: &str, s: &str) -> PersonInput {
    PersonInput {
        names: vec![PersonName {
            forename: f.into(),
            surname: s.into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn a_person_with_nothing_to_identify_them_is_refused() {
    let e = check_person(
        &PersonInput {
            gender: Some("male".into()),
            ..Default::default()
        },
        today(),
    );
    assert_eq!(e[0].code, "no_identifying_data");
    assert!(check_person(&named("", "Smith"), today()).is_empty());
    let dob_only = PersonInput {
        dates_of_birth: vec![today()],
        ..Default::default()
    };
    assert!(check_person(&dob_only, today()).is_empty());
}

#[test]
fn names_dates_and_identifiers_are_checked_together() {
    let mut p = named("Mr", "Sm1th");
    p.dates_of_birth = vec![NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()];
    p.identifiers = vec![Identifier {
        kind: IdentifierKind::PncId,
        value: "nonsense".into(),
    }];
    p.contacts = vec![Contact {
        kind: ContactKind::Email,
        value: "x".into(),
    }];
    let codes: Vec<(String, String)> = check_person(&p, today())
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("contacts.0.value".into(), "format".into()),
            ("dates_of_birth.0".into(), "future_date".into()),
            ("identifiers.0.value".into(), "format".into()),
            ("names.0.forename".into(), "title".into()),
            ("names.0.surname".into(), "format".into()),
        ]
    );
}

#[test]
fn date_of_birth_cannot_follow_an_event() {
    let mut p = named("Amy", "Clarke");
    p.dates_of_birth = vec![NaiveDate::from_ymd_opt(2020, 5, 1).unwrap()];
    p.markers = vec![Marker::new(
        "violent",
        NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
    )];
    let e = check_person(&p, today());
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].code, "after_event");
}

#[test]
fn four_plus_one_is_an_indicator() {
    let mut p = named("Amy", "Clarke");
    let c = completeness(&p, false);
    assert!(!c.complete);
    assert_eq!(c.missing.len(), 3);
    p.dates_of_birth = vec![NaiveDate::from_ymd_opt(1990, 5, 1).unwrap()];
    p.gender = Some("female".into());
    assert!(!completeness(&p, false).complete);
    assert!(completeness(&p, true).complete);
    // Incomplete people are still valid to save.
    assert!(check_person(&named("Amy", ""), today()).is_empty());
}

#[test]
fn markers_know_when_they_are_active() {
    let m = Marker {
        expires_on: Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
        ..Marker::new("weapons", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
    };
    assert!(m.active_on(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()));
    assert!(!m.active_on(today()));
}

#[test]
fn an_ended_marker_is_in_force_until_the_day_it_ends() {
    let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    let m = Marker {
        ended: Some(MarkerEnd {
            on: d(10),
            reason: "Reviewed".into(),
            by_force: "NS".into(),
        }),
        ..Marker::new("violent", d(1))
    };
    assert!(m.active_on(d(9)), "the day before it ends");
    assert!(!m.active_on(d(10)), "the day it ends");
    assert!(!m.active_on(d(11)), "the day after");
    assert!(
        !m.active_on(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()),
        "before it was set"
    );
}

#[test]
fn a_marker_is_the_same_by_kind_and_day_set() {
    let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    let a = Marker::new("violent", d(1));
    assert!(a.same_as(&Marker {
        notes: Some("changed".into()),
        ..Marker::new("violent", d(1))
    }));
    assert!(!a.same_as(&Marker::new("violent", d(2))));
    assert!(!a.same_as(&Marker::new("weapons", d(1))));
}

#[test]
fn ending_a_marker_needs_a_reason_of_at_most_a_thousand_characters() {
    let r = |s: String| check_end_marker(&EndMarkerRequest { reason: s });
    assert_eq!(r(String::new())[0].code, "required");
    assert_eq!(r("   ".into())[0].code, "required");
    assert!(r("x".repeat(MAX_END_REASON_CHARS - 1)).is_empty());
    assert!(r("x".repeat(MAX_END_REASON_CHARS)).is_empty());
    assert_eq!(r("x".repeat(MAX_END_REASON_CHARS + 1))[0].code, "length");
}

#[test]
fn a_marker_added_on_its_own_is_checked_with_paths_from_its_body() {
    let m = Marker {
        expires_on: Some(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()),
        ..Marker::new("", NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
    };
    let paths: Vec<String> = check_new_marker(&m, today())
        .into_iter()
        .map(|e| format!("{}:{}", e.path, e.code))
        .collect();
    assert_eq!(paths, ["code:required", "expires_on:before_start"]);
    assert!(check_new_marker(&Marker::new("violent", today()), today()).is_empty());
}

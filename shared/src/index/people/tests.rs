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
    p.markers = vec![Marker {
        code: "violent".into(),
        set_on: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
        expires_on: None,
        notes: None,
    }];
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
        code: "weapons".into(),
        set_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        expires_on: Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
        notes: None,
    };
    assert!(m.active_on(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()));
    assert!(!m.active_on(today()));
}

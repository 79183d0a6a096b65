//! Hand-worked examples of the MoPI rules, on the figures and rules Bluelamp ships
//! (`backend/reference/mopi_group.toml`, `backend/reference/mopi_rule.toml`).
#![allow(clippy::unwrap_used)]

use super::*;
use crate::reference::lists::ReferenceListEdition;
use proptest::prelude::*;

fn edition(text: &str) -> ReferenceListEdition {
    toml::from_str(text).unwrap()
}

fn periods() -> Periods {
    Periods::from_values(&edition(include_str!("../../../backend/reference/mopi_group.toml")).values).unwrap()
}

fn rules() -> Vec<GroupRule> {
    edition(include_str!("../../../backend/reference/mopi_rule.toml"))
        .values
        .iter()
        .filter_map(GroupRule::from_value)
        .collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn offence(classification: &str, group: &str) -> OffenceFact {
    OffenceFact {
        classification: classification.into(),
        offence_group: group.into(),
    }
}

fn crime(offences: Vec<OffenceFact>, markers: &[&str], detected: Option<bool>) -> Facts {
    Facts {
        kept: Kept::Crime { detected },
        offences,
        markers: markers.iter().map(|m| (*m).to_owned()).collect(),
    }
}

#[test]
fn the_figures_are_read_from_the_group_list() {
    assert_eq!(
        periods(),
        Periods {
            group1_review_years: 10,
            group1_until_age: 100,
            group2_clear_years: 10,
            group3_clear_years: 6,
        }
    );
    let without_group3: Vec<_> = edition(include_str!("../../../backend/reference/mopi_group.toml"))
        .values
        .into_iter()
        .filter(|v| v.code != "3")
        .collect();
    assert_eq!(
        Periods::from_values(&without_group3),
        Err("the mopi_group list has no clear_period_years for group 3".to_owned())
    );
}

#[test]
fn every_shipped_rule_reads() {
    let rules = rules();
    assert_eq!(rules.len(), 7);
    let homicide = rules.iter().find(|r| r.code == "homicide").unwrap();
    assert_eq!(homicide.group, MopiGroup::PublicProtection);
    assert!(homicide.classifications.contains(&"4.1".to_owned()));
    let violence = rules.iter().find(|r| r.code == "violence").unwrap();
    assert_eq!(
        violence.offence_groups,
        [
            "Violence against the person",
            "Robbery",
            "Possession of weapons offences"
        ]
    );
}

#[test]
fn a_rule_must_give_an_offence_group_and_match_something() {
    let value = |attrs: serde_json::Value| ReferenceValue {
        code: "r".into(),
        label: "R".into(),
        attributes: serde_json::from_value(attrs).unwrap(),
    };
    assert!(GroupRule::from_value(&value(serde_json::json!({"group": "2", "markers": "violent"}))).is_some());
    assert!(GroupRule::from_value(&value(serde_json::json!({"group": "2"}))).is_none());
    assert!(
        GroupRule::from_value(&value(serde_json::json!({"group": "undetected", "markers": "x"}))).is_none()
    );
    assert!(GroupRule::from_value(&value(serde_json::json!({"markers": "x"}))).is_none());
}

#[test]
fn groups_follow_the_offence_the_most_serious_rule_winning() {
    let rules = rules();
    let shoplifting = derive_group(
        &rules,
        &crime(vec![offence("46", "Theft offences")], &[], Some(true)),
    );
    assert_eq!(shoplifting.group, MopiGroup::OtherOffences);
    assert!(shoplifting.reason.contains("all other offences"));
    let assault = derive_group(
        &rules,
        &crime(
            vec![offence("8N", "Violence against the person")],
            &[],
            Some(true),
        ),
    );
    assert_eq!(assault.group, MopiGroup::SeriousOffences);
    assert!(assault.reason.contains("rule violence"), "{}", assault.reason);
    // Rape matches both the group 1 rule and the sexual-offences group 2 rule: group 1.
    let rape = derive_group(&rules, &crime(vec![offence("19C", "Sexual offences")], &[], None));
    assert_eq!(rape.group, MopiGroup::PublicProtection);
    assert!(rape.reason.contains("rule serious_sexual"), "{}", rape.reason);
    let exposure = derive_group(&rules, &crime(vec![offence("88E", "Sexual offences")], &[], None));
    assert_eq!(exposure.group, MopiGroup::SeriousOffences);
    // A registered sex offender's shoplifting is a public protection matter.
    let marked = derive_group(
        &rules,
        &crime(
            vec![offence("46", "Theft offences")],
            &["sex_offender"],
            Some(true),
        ),
    );
    assert_eq!(marked.group, MopiGroup::PublicProtection);
}

#[test]
fn reclassification_changes_the_group() {
    let rules = rules();
    let before = crime(vec![offence("8N", "Violence against the person")], &[], None);
    assert_eq!(derive_group(&rules, &before).group, MopiGroup::SeriousOffences);
    let after = crime(vec![offence("1", "Violence against the person")], &[], None);
    assert_eq!(derive_group(&rules, &after).group, MopiGroup::PublicProtection);
}

#[test]
fn undetected_crime_and_intelligence_keep_their_seriousness() {
    let rules = rules();
    let burglary = derive_group(
        &rules,
        &crime(vec![offence("28E", "Theft offences")], &[], Some(false)),
    );
    assert_eq!(burglary.group, MopiGroup::Undetected);
    assert_eq!(burglary.seriousness, MopiGroup::OtherOffences);
    let intel = derive_group(
        &rules,
        &Facts {
            kept: Kept::Intelligence,
            offences: vec![offence("10D", "Possession of weapons offences")],
            markers: vec![],
        },
    );
    assert_eq!(intel.group, MopiGroup::Intelligence);
    assert_eq!(intel.seriousness, MopiGroup::SeriousOffences);
    // An open crime is grouped by its offence.
    let open = derive_group(&rules, &crime(vec![offence("28E", "Theft offences")], &[], None));
    assert_eq!(open.group, MopiGroup::OtherOffences);
}

#[test]
fn the_clear_period_restarts_on_offending_suspicion_and_risk_not_on_other_notice() {
    let mut notices = vec![
        (d(2010, 5, 1), NoticeKind::Offence),
        (d(2013, 2, 1), NoticeKind::SuspectedOffence),
        (d(2016, 7, 1), NoticeKind::Other),
    ];
    assert_eq!(clear_period_start(&notices), Some(d(2013, 2, 1)));
    notices.push((d(2018, 3, 1), NoticeKind::RiskOfHarm));
    assert_eq!(clear_period_start(&notices), Some(d(2018, 3, 1)));
    assert_eq!(clear_period_start(&[(d(2016, 7, 1), NoticeKind::Other)]), None);
}

#[test]
fn group_3_is_due_six_years_after_the_clear_period_starts_to_the_day() {
    let due = review_due(
        &periods(),
        MopiGroup::OtherOffences,
        d(2017, 1, 1),
        d(2018, 3, 1),
        None,
    );
    assert_eq!(
        due,
        ReviewDue {
            on: d(2024, 3, 1),
            reason: ReviewReason::ClearPeriod
        }
    );
    assert!(!is_due(&due, d(2024, 2, 29)));
    assert!(is_due(&due, d(2024, 3, 1)));
    assert!(is_due(&due, d(2024, 3, 2)));
}

#[test]
fn group_2_is_due_ten_years_after_and_a_new_offence_moves_it() {
    let p = periods();
    let first = review_due(
        &p,
        MopiGroup::SeriousOffences,
        d(2012, 1, 1),
        d(2012, 6, 30),
        None,
    );
    assert_eq!(first.on, d(2022, 6, 30));
    let restarted = clear_period_start(&[
        (d(2012, 6, 30), NoticeKind::Offence),
        (d(2019, 9, 9), NoticeKind::SuspectedOffence),
    ])
    .unwrap();
    assert_eq!(
        review_due(&p, MopiGroup::SeriousOffences, d(2012, 1, 1), restarted, None).on,
        d(2029, 9, 9)
    );
}

#[test]
fn group_1_is_reviewed_every_ten_years_until_the_person_is_deemed_100() {
    let p = periods();
    let since = d(2020, 1, 1);
    let young = review_due(
        &p,
        MopiGroup::PublicProtection,
        since,
        since,
        Some(d(1980, 6, 15)),
    );
    assert_eq!(
        young,
        ReviewDue {
            on: d(2030, 1, 1),
            reason: ReviewReason::Periodic
        }
    );
    // Aged 99 at the last review: deemed 100 before the next periodic review, so due then.
    let born = d(1920, 6, 15);
    assert_eq!(age_on(born, since), 99);
    let old = review_due(&p, MopiGroup::PublicProtection, since, since, Some(born));
    assert_eq!(
        old,
        ReviewDue {
            on: d(2020, 6, 15),
            reason: ReviewReason::DeemedAge
        }
    );
    // Deemed 100 the same day as the periodic review: the age decides.
    let same_day = review_due(&p, MopiGroup::PublicProtection, since, since, Some(d(1930, 1, 1)));
    assert_eq!(same_day.reason, ReviewReason::DeemedAge);
    assert_eq!(same_day.on, d(2030, 1, 1));
    // A day later: the periodic review comes first.
    let day_after = review_due(&p, MopiGroup::PublicProtection, since, since, Some(d(1930, 1, 2)));
    assert_eq!(day_after.reason, ReviewReason::Periodic);
    // Already past 100 when the record was made: due at once.
    let past = review_due(&p, MopiGroup::PublicProtection, since, since, Some(d(1915, 1, 1)));
    assert_eq!(past.on, since);
    // No date of birth: periodic reviews only.
    let unknown = review_due(&p, MopiGroup::PublicProtection, since, since, None);
    assert_eq!(unknown.reason, ReviewReason::Periodic);
}

#[test]
fn undetected_and_intelligence_review_by_their_seriousness() {
    let p = periods();
    assert_eq!(
        review_due(&p, MopiGroup::Undetected, d(2015, 1, 1), d(2015, 1, 1), None).on,
        d(2021, 1, 1)
    );
    assert_eq!(
        review_due(&p, MopiGroup::Intelligence, d(2015, 1, 1), d(2015, 1, 1), None).on,
        d(2021, 1, 1)
    );
}

#[test]
fn years_are_added_by_the_calendar() {
    assert_eq!(add_years(d(2020, 2, 29), 4), d(2024, 2, 29));
    assert_eq!(add_years(d(2020, 2, 29), 6), d(2026, 2, 28));
    assert_eq!(add_years(d(2021, 12, 31), 10), d(2031, 12, 31));
    assert_eq!(age_on(d(2000, 3, 10), d(2020, 3, 9)), 19);
    assert_eq!(age_on(d(2000, 3, 10), d(2020, 3, 10)), 20);
    assert_eq!(age_on(d(2000, 3, 10), d(2020, 3, 11)), 20);
}

#[test]
fn groups_round_trip_their_codes() {
    for g in [
        MopiGroup::PublicProtection,
        MopiGroup::SeriousOffences,
        MopiGroup::OtherOffences,
        MopiGroup::Undetected,
        MopiGroup::Intelligence,
    ] {
        assert_eq!(MopiGroup::parse(g.code()), Some(g));
        assert_eq!(serde_json::to_value(g).unwrap(), serde_json::json!(g.code()));
    }
    assert_eq!(MopiGroup::parse("4"), None);
}

#[test]
fn outcomes_one_to_eight_bring_an_offender_to_justice() {
    for code in ["1", "1A", "2", "3", "4", "5", "6", "7", "8", "8A"] {
        assert!(brought_to_justice(code), "{code}");
    }
    for code in ["0", "9", "10", "14", "15", "16", "18", "20", "21", "22", "", "A1"] {
        assert!(!brought_to_justice(code), "{code}");
    }
}

#[test]
fn a_reviewer_sets_the_next_review_within_the_group_period() {
    let p = periods();
    assert_eq!(
        review_interval_years(&p, MopiGroup::PublicProtection),
        p.group1_review_years
    );
    assert_eq!(
        review_interval_years(&p, MopiGroup::SeriousOffences),
        p.group2_clear_years
    );
    assert_eq!(
        review_interval_years(&p, MopiGroup::OtherOffences),
        p.group3_clear_years
    );
    assert_eq!(
        review_interval_years(&p, MopiGroup::Undetected),
        p.group3_clear_years
    );
}

proptest! {
    #[test]
    fn a_review_never_falls_before_its_start(
        days_since in 0i64..40_000,
        days_clear in 0i64..40_000,
        born_days in proptest::option::of(0i64..40_000),
        group in 0usize..5,
    ) {
        let base = d(1900, 1, 1);
        let since = base + chrono::Duration::days(days_since);
        let clear = base + chrono::Duration::days(days_clear);
        let born = born_days.map(|b| base + chrono::Duration::days(b));
        let g = [
            MopiGroup::PublicProtection,
            MopiGroup::SeriousOffences,
            MopiGroup::OtherOffences,
            MopiGroup::Undetected,
            MopiGroup::Intelligence,
        ][group];
        let p = periods();
        let due = review_due(&p, g, since, clear, born);
        if g == MopiGroup::PublicProtection {
            prop_assert!(due.on >= since);
            prop_assert!(due.on <= add_years(since, p.group1_review_years));
        } else {
            prop_assert!(due.on > clear);
        }
    }
}

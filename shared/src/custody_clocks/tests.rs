//! The clocks at their boundaries, across clock changes.

use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn t(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn facts(rel: DateTime<Utc>, authorised: DateTime<Utc>) -> DetentionFacts {
    DetentionFacts {
        relevant_time: rel,
        detention_authorised_at: authorised,
        reviews: vec![],
        charged_at: None,
        indictable: true,
        extensions: vec![],
        warrants: vec![],
        released_at: None,
    }
}

fn review(at: DateTime<Utc>) -> ReviewFact {
    ReviewFact { at, postponed: false }
}

const R: PaceRules = PaceRules {
    first_review_minutes: 360,
    review_interval_minutes: 540,
    basic_limit_minutes: 1440,
    superintendent_limit_minutes: 2160,
    superintendent_latest_minutes: 1440,
    superintendent_reviews_required: 2,
    warrant_period_minutes: 2160,
    maximum_limit_minutes: 5760,
    warrant_late_application_minutes: 360,
};

#[test]
fn the_default_figures_are_the_statutory_ones_and_serialise_as_minutes() {
    assert_eq!(PaceRules::default(), R);
    assert!(check_pace_rules(&R).is_empty());
    let json = serde_json::to_value(R).unwrap();
    assert_eq!(json["first_review_minutes"], 360);
    assert_eq!(json["maximum_limit_minutes"], 5760);
    // A force's partial configuration keeps the statutory figures for the rest.
    let partial: PaceRules = serde_json::from_str(r#"{"review_interval_minutes": 480}"#).unwrap();
    assert_eq!(partial.review_interval_minutes, 480);
    assert_eq!(partial.basic_limit_minutes, 1440);
    let bad = PaceRules {
        basic_limit_minutes: 0,
        maximum_limit_minutes: 1000,
        ..R
    };
    let codes: Vec<String> = check_pace_rules(&bad)
        .into_iter()
        .map(|e| format!("{}:{}", e.path, e.code))
        .collect();
    assert_eq!(
        codes,
        ["basic_limit_minutes:positive", "maximum_limit_minutes:order"]
    );
}

#[test]
fn hand_worked_review_schedule_and_limit() {
    // Relevant time 09:00, detention authorised 09:20 on Monday 12 January 2026.
    let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
    let c = clocks(&f, &R, t(2026, 1, 12, 10, 0));
    assert_eq!(c.next_review_due, Some(t(2026, 1, 12, 15, 20)));
    assert_eq!(c.next_review_number, 1);
    assert_eq!(c.minutes_to_review, Some(320));
    assert!(!c.review_overdue);
    assert_eq!(c.limit, t(2026, 1, 13, 9, 0));
    assert_eq!(c.limit_basis, LimitBasis::Basic24h);
    assert!(c.limit_applies);
    assert_eq!(c.minutes_to_limit, Some(23 * 60));
    assert_eq!(c.time_in_custody_minutes, 60);

    // First review early at 15:00: the second is due 9 hours later, at midnight.
    f.reviews.push(review(t(2026, 1, 12, 15, 0)));
    let c = clocks(&f, &R, t(2026, 1, 12, 16, 0));
    assert_eq!(c.next_review_due, Some(t(2026, 1, 13, 0, 0)));
    assert_eq!(c.next_review_number, 2);

    // Not done by 00:00: overdue, minutes negative.
    let c = clocks(&f, &R, t(2026, 1, 13, 0, 10));
    assert!(c.review_overdue);
    assert_eq!(c.minutes_to_review, Some(-10));

    // Half a minute late is already a minute overdue (rounded down).
    let c = clocks(&f, &R, t(2026, 1, 13, 0, 0) + Duration::seconds(30));
    assert!(c.review_overdue);
    assert_eq!(c.minutes_to_review, Some(-1));

    // Past the limit without charge.
    let c = clocks(&f, &R, t(2026, 1, 13, 9, 5));
    assert!(c.limit_exceeded);
    assert_eq!(c.minutes_to_limit, Some(-5));
}

#[test]
fn a_postponed_review_does_not_move_the_schedule_but_a_late_one_is_counted() {
    let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
    // First review due 15:20; postponed (interview under way) and done at 16:00.
    f.reviews.push(ReviewFact {
        at: t(2026, 1, 12, 16, 0),
        postponed: true,
    });
    let c = clocks(&f, &R, t(2026, 1, 12, 16, 5));
    assert_eq!(c.next_review_due, Some(t(2026, 1, 13, 0, 20)));
    assert_eq!(c.late_reviews, 0);
    // Done late without a recorded postponement: a breach, counted; the next runs from 16:00.
    f.reviews[0].postponed = false;
    let c = clocks(&f, &R, t(2026, 1, 12, 16, 5));
    assert_eq!(c.next_review_due, Some(t(2026, 1, 13, 1, 0)));
    assert_eq!(c.late_reviews, 1);
}

#[test]
fn reviews_are_refused_out_of_order_and_postponement_only_when_late() {
    let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
    assert_eq!(
        check_review(&f, &R, &review(t(2026, 1, 12, 9, 10))),
        Err(Refusal::BeforeAuthorised)
    );
    assert_eq!(check_review(&f, &R, &review(t(2026, 1, 12, 15, 0))), Ok(()));
    let early_postponed = ReviewFact {
        at: t(2026, 1, 12, 15, 0),
        postponed: true,
    };
    assert_eq!(
        check_review(&f, &R, &early_postponed),
        Err(Refusal::PostponementNotNeeded)
    );
    let late_postponed = ReviewFact {
        at: t(2026, 1, 12, 15, 40),
        postponed: true,
    };
    assert_eq!(check_review(&f, &R, &late_postponed), Ok(()));
    f.reviews.push(review(t(2026, 1, 12, 15, 0)));
    assert_eq!(
        check_review(&f, &R, &review(t(2026, 1, 12, 14, 0))),
        Err(Refusal::BeforePrevious)
    );
    f.released_at = Some(t(2026, 1, 12, 20, 0));
    assert_eq!(
        check_review(&f, &R, &review(t(2026, 1, 12, 21, 0))),
        Err(Refusal::AfterRelease)
    );
    let c = clocks(&f, &R, t(2026, 1, 13, 9, 0));
    assert_eq!(c.next_review_due, None);
    assert_eq!(c.minutes_to_review, None);
    assert!(!c.review_overdue);
    assert!(!c.limit_applies);
    assert!(!c.limit_exceeded);
    assert_eq!(c.time_in_custody_minutes, 11 * 60);
}

#[test]
fn hand_worked_extension_and_warrants() {
    // Relevant 09:00 day 1; reviews 15:00 and 23:30.
    let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
    f.reviews.push(review(t(2026, 1, 12, 15, 0)));
    // Before the second review.
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 12, 20, 0), t(2026, 1, 13, 21, 0)),
        Err(Refusal::ReviewsNotDone { required: 2, done: 1 })
    );
    f.reviews.push(review(t(2026, 1, 12, 23, 30)));
    // A review recorded after the moment of the extension does not count for it.
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 12, 23, 0), t(2026, 1, 13, 21, 0)),
        Err(Refusal::ReviewsNotDone { required: 2, done: 1 })
    );
    // More than 24 h after the relevant time.
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 9, 1), t(2026, 1, 13, 21, 0)),
        Err(Refusal::ExtensionTooLate { latest_minutes: 1440 })
    );
    // Beyond 36 h: at most 21:00 on day 2.
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 1)),
        Err(Refusal::BeyondSuperintendentMaximum {
            maximum_minutes: 2160
        })
    );
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 0)),
        Ok(())
    );
    // Exactly 24 h after the relevant time is still in time.
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 9, 0), t(2026, 1, 13, 21, 0)),
        Ok(())
    );
    // Not indictable.
    let summary = DetentionFacts {
        indictable: false,
        ..f.clone()
    };
    assert_eq!(
        check_extension(&summary, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 0)),
        Err(Refusal::NotIndictable)
    );
    // Charged before.
    let charged = DetentionFacts {
        charged_at: Some(t(2026, 1, 13, 7, 0)),
        ..f.clone()
    };
    assert_eq!(
        check_extension(&charged, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 13, 21, 0)),
        Err(Refusal::NotDetainedWithoutCharge)
    );

    // A first extension to 17:00 day 2 (32 h); a further one (s.42(2)) to 21:00 is possible
    // before 17:00, even though that is more than 24 h after the relevant time.
    f.extensions.push(ExtensionFact {
        at: t(2026, 1, 13, 8, 0),
        until: t(2026, 1, 13, 17, 0),
    });
    let c = clocks(&f, &R, t(2026, 1, 13, 10, 0));
    assert_eq!(c.limit, t(2026, 1, 13, 17, 0));
    assert_eq!(c.limit_basis, LimitBasis::Superintendent);
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 16, 0), t(2026, 1, 13, 21, 0)),
        Ok(())
    );
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 17, 30), t(2026, 1, 13, 21, 0)),
        Err(Refusal::LimitPassed)
    );
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 16, 0), t(2026, 1, 13, 16, 30)),
        Err(Refusal::NotLater)
    );
    f.extensions.push(ExtensionFact {
        at: t(2026, 1, 13, 16, 0),
        until: t(2026, 1, 13, 21, 0),
    });
    // Already at 36 h: no further superintendent's extension.
    assert_eq!(
        check_extension(&f, &R, t(2026, 1, 13, 18, 0), t(2026, 1, 13, 20, 0)),
        Err(Refusal::AlreadyExtended {
            maximum_minutes: 2160
        })
    );
    let c = clocks(&f, &R, t(2026, 1, 13, 18, 0));
    assert_eq!(c.limit, t(2026, 1, 13, 21, 0));
    assert_eq!(c.minutes_to_limit, Some(180));

    // A warrant at 20:00 day 2: at most 36 h from issue (08:00 day 4).
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 13, 20, 0), t(2026, 1, 15, 8, 1)),
        Err(Refusal::WarrantTooLong {
            maximum_minutes: 2160
        })
    );
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 13, 20, 0), t(2026, 1, 15, 8, 0)),
        Ok(())
    );
    f.warrants.push(WarrantFact {
        at: t(2026, 1, 13, 20, 0),
        until: t(2026, 1, 15, 8, 0),
    });
    let c = clocks(&f, &R, t(2026, 1, 14, 12, 0));
    assert_eq!(c.limit, t(2026, 1, 15, 8, 0));
    assert_eq!(c.limit_basis, LimitBasis::Warrant);
    // Extended (s.44) at 07:00 day 4: to 09:00 day 5 is exactly 96 h; a minute more is refused.
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 15, 7, 0), t(2026, 1, 16, 9, 1)),
        Err(Refusal::BeyondMaximum {
            maximum_minutes: 5760
        })
    );
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 15, 7, 0), t(2026, 1, 16, 9, 0)),
        Ok(())
    );
    // An extension of the warrant after it expired.
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 15, 8, 30), t(2026, 1, 16, 9, 0)),
        Err(Refusal::LimitPassed)
    );
    f.warrants.push(WarrantFact {
        at: t(2026, 1, 15, 7, 0),
        until: t(2026, 1, 16, 9, 0),
    });
    assert!(check_facts(&f, &R).is_empty(), "{:?}", check_facts(&f, &R));
    let c = clocks(&f, &R, t(2026, 1, 16, 8, 0));
    assert_eq!(c.limit, t(2026, 1, 16, 9, 0));
    assert_eq!(c.time_in_custody_minutes, 95 * 60);
    // Charged at 08:00 day 5: the limit stops applying and was not exceeded.
    f.charged_at = Some(t(2026, 1, 16, 8, 0));
    let c = clocks(&f, &R, t(2026, 1, 16, 12, 0));
    assert!(!c.limit_applies);
    assert!(!c.limit_exceeded);
    assert_eq!(c.minutes_to_limit, None);
    // Reviews continue after charge.
    assert!(c.next_review_due.is_some());
}

#[test]
fn a_first_warrant_may_follow_a_36_hour_limit_by_the_late_application_allowance() {
    let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
    f.reviews = vec![review(t(2026, 1, 12, 15, 0)), review(t(2026, 1, 12, 23, 30))];
    f.extensions.push(ExtensionFact {
        at: t(2026, 1, 13, 8, 0),
        until: t(2026, 1, 13, 21, 0),
    });
    // Court sits at 02:00 day 3, within 6 h of the 36 h limit.
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 14, 2, 0), t(2026, 1, 15, 14, 0)),
        Ok(())
    );
    assert_eq!(
        check_warrant(&f, &R, t(2026, 1, 14, 3, 1), t(2026, 1, 15, 14, 0)),
        Err(Refusal::LimitPassed)
    );
    // With only the 24 h limit there is no allowance.
    let basic = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 9, 20));
    assert_eq!(
        check_warrant(&basic, &R, t(2026, 1, 13, 10, 0), t(2026, 1, 14, 9, 0)),
        Err(Refusal::LimitPassed)
    );
    assert_eq!(
        check_warrant(&basic, &R, t(2026, 1, 13, 8, 0), t(2026, 1, 14, 9, 0)),
        Ok(())
    );
}

#[test]
fn check_facts_names_every_record_that_breaks_a_rule() {
    let mut f = facts(t(2026, 1, 12, 9, 0), t(2026, 1, 12, 8, 0));
    f.indictable = false;
    f.reviews = vec![review(t(2026, 1, 12, 7, 0))];
    f.extensions.push(ExtensionFact {
        at: t(2026, 1, 13, 8, 0),
        until: t(2026, 1, 13, 21, 0),
    });
    let codes: Vec<String> = check_facts(&f, &R)
        .into_iter()
        .map(|e| format!("{}:{}", e.path, e.code))
        .collect();
    assert_eq!(
        codes,
        [
            "detention_authorised_at:before_relevant_time",
            "reviews.0.at:before_authorised",
            "extensions.0.indictable:not_indictable"
        ]
    );
}

#[test]
fn clocks_across_midnight_and_new_year() {
    let f = facts(t(2026, 12, 31, 23, 30), t(2026, 12, 31, 23, 45));
    let c = clocks(&f, &R, t(2027, 1, 1, 0, 15));
    assert_eq!(c.next_review_due, Some(t(2027, 1, 1, 5, 45)));
    assert_eq!(c.limit, t(2027, 1, 1, 23, 30));
    assert_eq!(c.time_in_custody_minutes, 45);
}

#[test]
fn clocks_run_in_elapsed_time_across_the_uk_clock_changes() {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026. Relevant time 20:00 UTC
    // (20:00 GMT) on the 28th: the limit is 24 elapsed hours later, 20:00 UTC on the 29th,
    // which a custody clock in the UK shows as 21:00 BST.
    let f = facts(t(2026, 3, 28, 20, 0), t(2026, 3, 28, 20, 10));
    let c = clocks(&f, &R, t(2026, 3, 29, 2, 0));
    assert_eq!(c.limit, t(2026, 3, 29, 20, 0));
    assert_eq!(c.next_review_due, Some(t(2026, 3, 29, 2, 10)));
    assert_eq!(c.time_in_custody_minutes, 6 * 60);
    assert_eq!(c.minutes_to_limit, Some(18 * 60));

    // Clocks go back at 01:00 UTC on Sunday 25 October 2026. Relevant time 20:00 UTC (21:00
    // BST) on the 24th: limit 20:00 UTC (20:00 GMT) on the 25th.
    let mut f = facts(t(2026, 10, 24, 20, 0), t(2026, 10, 24, 20, 0));
    f.reviews.push(review(t(2026, 10, 25, 0, 30)));
    let c = clocks(&f, &R, t(2026, 10, 25, 1, 30));
    assert_eq!(c.limit, t(2026, 10, 25, 20, 0));
    assert_eq!(c.next_review_due, Some(t(2026, 10, 25, 9, 30)));
    assert_eq!(c.time_in_custody_minutes, 5 * 60 + 30);
    // An extension: authorised by 20:00 UTC on the 25th, to at most 08:00 UTC on the 26th.
    f.reviews.push(review(t(2026, 10, 25, 9, 0)));
    assert_eq!(
        check_extension(&f, &R, t(2026, 10, 25, 20, 0), t(2026, 10, 26, 8, 0)),
        Ok(())
    );
    assert_eq!(
        check_extension(&f, &R, t(2026, 10, 25, 20, 1), t(2026, 10, 26, 8, 0)),
        Err(Refusal::ExtensionTooLate { latest_minutes: 1440 })
    );
}

#[test]
fn refusals_have_codes_and_messages_from_the_figures() {
    let r = Refusal::BeyondMaximum {
        maximum_minutes: 5760,
    };
    assert_eq!(r.rule(), "beyond_maximum");
    assert_eq!(
        r.message(),
        "Detention without charge cannot go beyond 96 hours after the relevant time"
    );
    let fe = r.field_error();
    assert_eq!((fe.path.as_str(), fe.code.as_str()), ("until", "beyond_maximum"));
    assert_eq!(
        Refusal::WarrantTooLong { maximum_minutes: 90 }.message(),
        "A warrant may authorise at most 90 minutes from when it is issued"
    );
    assert_eq!(span(60), "1 hour");
}

#[test]
fn visits_follow_the_observation_level_and_rousing() {
    let rules = CareRules::default();
    assert!(check_care_rules(&rules).is_empty());
    let booked = t(2026, 1, 12, 9, 0);
    assert_eq!(
        next_visit_due(None, booked, 1, false, &rules),
        Some(t(2026, 1, 12, 10, 0))
    );
    assert_eq!(
        next_visit_due(Some(t(2026, 1, 12, 9, 40)), booked, 1, false, &rules),
        Some(t(2026, 1, 12, 10, 40))
    );
    // Intoxicated: roused every 30 minutes.
    assert_eq!(
        next_visit_due(Some(t(2026, 1, 12, 9, 40)), booked, 1, true, &rules),
        Some(t(2026, 1, 12, 10, 10))
    );
    assert_eq!(
        next_visit_due(None, booked, 2, false, &rules),
        Some(t(2026, 1, 12, 9, 30))
    );
    // Constant and close-proximity observation, and an unknown level: continuous.
    assert_eq!(next_visit_due(None, booked, 3, true, &rules), None);
    assert_eq!(next_visit_due(None, booked, 4, false, &rules), None);
    assert_eq!(next_visit_due(None, booked, 9, false, &rules), None);
    // A visit recorded before booking in (a bad clock) counts from booking in.
    assert_eq!(
        next_visit_due(Some(t(2026, 1, 12, 8, 0)), booked, 1, false, &rules),
        Some(t(2026, 1, 12, 10, 0))
    );
    let bad = CareRules {
        levels: vec![
            ObservationLevelRule {
                level: 1,
                visit_every_minutes: Some(0),
            },
            ObservationLevelRule {
                level: 1,
                visit_every_minutes: None,
            },
        ],
        rousing_visit_minutes: 30,
    };
    let codes: Vec<String> = check_care_rules(&bad)
        .into_iter()
        .map(|e| format!("{}:{}", e.path, e.code))
        .collect();
    assert_eq!(
        codes,
        [
            "levels.0.visit_every_minutes:positive",
            "levels.1.level:duplicate"
        ]
    );
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn doses_by_interval() {
    let s = DoseSchedule::Interval {
        every_minutes: 240,
        first_at: t(2026, 1, 12, 10, 0),
    };
    let now = t(2026, 1, 12, 9, 0);
    assert_eq!(next_dose_due(&s, &[], now), Some(t(2026, 1, 12, 10, 0)));
    assert_eq!(
        next_dose_due(&s, &[t(2026, 1, 12, 14, 20), t(2026, 1, 12, 10, 5)], now),
        Some(t(2026, 1, 12, 18, 20))
    );
    let never = DoseSchedule::Interval {
        every_minutes: 0,
        first_at: now,
    };
    assert_eq!(next_dose_due(&never, &[], now), None);
}

#[test]
fn doses_at_fixed_times() {
    let s = DoseSchedule::Times {
        times: vec![hm(20, 0), hm(8, 0)],
        from: t(2026, 1, 12, 9, 0),
    };
    // Booked in at 09:00: the first dose is 20:00.
    assert_eq!(
        next_dose_due(&s, &[], t(2026, 1, 12, 9, 30)),
        Some(t(2026, 1, 12, 20, 0))
    );
    // Given at 19:50 (covers 20:00): next 08:00 tomorrow.
    assert_eq!(
        next_dose_due(&s, &[t(2026, 1, 12, 19, 50)], t(2026, 1, 12, 21, 0)),
        Some(t(2026, 1, 13, 8, 0))
    );
    // Given late at 21:30 still covers 20:00.
    assert_eq!(
        next_dose_due(&s, &[t(2026, 1, 12, 21, 30)], t(2026, 1, 12, 22, 0)),
        Some(t(2026, 1, 13, 8, 0))
    );
    // Given early at 07:40 on the 13th covers 08:00 that day: next 20:00.
    assert_eq!(
        next_dose_due(
            &s,
            &[t(2026, 1, 12, 20, 0), t(2026, 1, 13, 7, 40)],
            t(2026, 1, 13, 9, 0)
        ),
        Some(t(2026, 1, 13, 20, 0))
    );
    // Nothing given: at 22:00 the 20:00 dose is due (overdue).
    assert_eq!(
        next_dose_due(&s, &[], t(2026, 1, 12, 22, 0)),
        Some(t(2026, 1, 12, 20, 0))
    );
    // Missed both 20:00 and 08:00: only the latest missed dose is reported.
    assert_eq!(
        next_dose_due(&s, &[], t(2026, 1, 13, 9, 0)),
        Some(t(2026, 1, 13, 8, 0))
    );
    // Across midnight: a single 00:30 dose.
    let night = DoseSchedule::Times {
        times: vec![hm(0, 30)],
        from: t(2026, 12, 31, 23, 0),
    };
    assert_eq!(
        next_dose_due(&night, &[], t(2026, 12, 31, 23, 10)),
        Some(t(2027, 1, 1, 0, 30))
    );
    assert_eq!(
        next_dose_due(&night, &[t(2027, 1, 1, 0, 25)], t(2027, 1, 1, 1, 0)),
        Some(t(2027, 1, 2, 0, 30))
    );
    let empty = DoseSchedule::Times {
        times: vec![],
        from: t(2026, 1, 12, 9, 0),
    };
    assert_eq!(next_dose_due(&empty, &[], t(2026, 1, 12, 9, 0)), None);
}

fn base() -> DateTime<Utc> {
    t(2026, 3, 28, 0, 0)
}

fn reviews_from(authorised: DateTime<Utc>, gaps: &[(i64, bool)]) -> Vec<ReviewFact> {
    let mut at = authorised;
    gaps.iter()
        .map(|(g, p)| {
            at += mins(*g);
            ReviewFact { at, postponed: *p }
        })
        .collect()
}

proptest! {
    #[test]
    fn the_next_review_is_never_later_than_the_statute_allows(
        rel_off in 0i64..20_000, auth_after in 0i64..180,
        gaps in proptest::collection::vec((0i64..900, any::<bool>()), 0..8),
        now_off in 0i64..6000,
    ) {
        let rel = base() + mins(rel_off);
        let auth = rel + mins(auth_after);
        let mut f = facts(rel, auth);
        f.reviews = reviews_from(auth, &gaps);
        let c = clocks(&f, &R, rel + mins(now_off));
        let due = c.next_review_due.unwrap();
        match f.reviews.last() {
            None => prop_assert!(due <= auth + mins(360)),
            Some(last) => prop_assert!(due <= last.at + mins(540)),
        }
        prop_assert_eq!(c.review_overdue, rel + mins(now_off) > due);
    }

    #[test]
    fn earlier_reviews_never_make_the_next_review_later(
        auth_off in 0i64..20_000,
        gaps in proptest::collection::vec((0i64..900, any::<bool>(), 0i64..900), 0..8),
    ) {
        let auth = base() + mins(auth_off);
        let later: Vec<(i64, bool)> = gaps.iter().map(|(g, p, _)| (*g, *p)).collect();
        // Each gap shortened by up to itself: every review is at or before its counterpart.
        let earlier: Vec<(i64, bool)> = gaps.iter().map(|(g, p, cut)| (g - cut.min(g), *p)).collect();
        let mut f = facts(auth, auth);
        f.reviews = reviews_from(auth, &later);
        let due_later = next_review_due(&f, &R);
        f.reviews = reviews_from(auth, &earlier);
        let due_earlier = next_review_due(&f, &R);
        prop_assert!(due_earlier <= due_later);
    }

    #[test]
    fn the_limit_never_exceeds_96_hours(
        exts in proptest::collection::vec((0i64..6000, 0i64..12_000), 0..3),
        warrants in proptest::collection::vec((0i64..8000, 0i64..12_000), 0..4),
    ) {
        let rel = base();
        let mut f = facts(rel, rel);
        f.extensions = exts.iter().map(|(a, u)| ExtensionFact { at: rel + mins(*a), until: rel + mins(*u) }).collect();
        f.warrants = warrants.iter().map(|(a, u)| WarrantFact { at: rel + mins(*a), until: rel + mins(*u) }).collect();
        let c = clocks(&f, &R, rel);
        prop_assert!(c.limit <= rel + mins(96 * 60));
        prop_assert!(c.limit >= rel + mins(24 * 60));
        if f.warrants.is_empty() {
            prop_assert!(c.limit <= rel + mins(36 * 60));
        }
    }

    #[test]
    fn an_accepted_extension_meets_every_condition(
        indictable in any::<bool>(),
        gaps in proptest::collection::vec((0i64..900, any::<bool>()), 0..4),
        at_off in 0i64..3000, until_off in 0i64..4000,
    ) {
        let rel = base();
        let mut f = facts(rel, rel + mins(10));
        f.indictable = indictable;
        f.reviews = reviews_from(rel + mins(10), &gaps);
        let at = rel + mins(at_off);
        let until = rel + mins(until_off);
        if check_extension(&f, &R, at, until).is_ok() {
            prop_assert!(indictable);
            prop_assert!(f.reviews.iter().filter(|r| r.at <= at).count() >= 2);
            prop_assert!(at <= rel + mins(24 * 60));
            prop_assert!(until <= rel + mins(36 * 60));
            prop_assert!(until > at);
        }
    }

    #[test]
    fn an_accepted_warrant_never_reaches_past_96_hours_or_36_from_issue(
        at_off in 0i64..7000, until_off in 0i64..8000, prior in proptest::option::of(0i64..5760),
    ) {
        let rel = base();
        let mut f = facts(rel, rel);
        if let Some(p) = prior {
            f.warrants.push(WarrantFact { at: rel, until: rel + mins(p) });
        }
        let at = rel + mins(at_off);
        let until = rel + mins(until_off);
        if check_warrant(&f, &R, at, until).is_ok() {
            prop_assert!(until <= rel + mins(96 * 60));
            prop_assert!(until <= at + mins(36 * 60));
            prop_assert!(until > at);
            f.warrants.push(WarrantFact { at, until });
            prop_assert!(check_facts(&f, &R).iter().all(|e| !e.path.starts_with("warrants.1")));
        }
    }

    #[test]
    fn a_visit_is_due_within_the_interval(
        last in proptest::option::of(0i64..600), level in 1u8..=2, rousing in any::<bool>(),
    ) {
        let rules = CareRules::default();
        let booked = base();
        let last_at = last.map(|m| booked + mins(m));
        let due = next_visit_due(last_at, booked, level, rousing, &rules).unwrap();
        let from = last_at.unwrap_or(booked);
        prop_assert!(due > from);
        prop_assert!(due <= from + mins(60));
        if rousing {
            prop_assert!(due <= from + mins(30));
        }
    }

    #[test]
    fn a_fixed_time_dose_is_a_scheduled_time_after_the_last_dose_covered(
        times in proptest::collection::btree_set(0u32..(24 * 60), 1..4),
        given in proptest::collection::vec(0i64..4000, 0..5), now_off in 0i64..4000,
    ) {
        let times: Vec<NaiveTime> = times.iter().map(|m| hm(m / 60, m % 60)).collect();
        let from = base() + mins(37);
        let s = DoseSchedule::Times { times: times.clone(), from };
        let given: Vec<DateTime<Utc>> = given.iter().map(|m| from + mins(*m)).collect();
        let now = from + mins(now_off);
        let due = next_dose_due(&s, &given, now).unwrap();
        prop_assert!(due >= from);
        prop_assert!(times.contains(&due.time()));
        // Never further ahead than one day after the later of now and the last dose.
        let anchor = given.iter().max().copied().unwrap_or(from).max(now);
        prop_assert!(due <= anchor + Duration::days(1) + Duration::hours(12));
    }
}

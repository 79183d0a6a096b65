use super::*;
use AgreementAction as A;
use AgreementState as S;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn proposal() -> ProposeAgreementRequest {
    ProposeAgreementRequest {
        partner_force: ForceCode("WV".into()),
        scopes: vec![SharingScope::Index],
        access: AgreementAccess::Read,
        starts_on: Some(day(7)),
        ends_on: None,
        purpose: "Regional burglary team".into(),
        intelligence_handling: every_handling_code(),
    }
}

fn faults(r: &ProposeAgreementRequest) -> Vec<(String, String)> {
    check_proposal(r, "NS", day(7))
        .into_iter()
        .map(|e| (e.path, e.code))
        .collect()
}

fn one(path: &str, code: &str) -> Vec<(String, String)> {
    vec![(path.to_owned(), code.to_owned())]
}

#[test]
fn a_good_proposal_passes() {
    assert!(faults(&proposal()).is_empty());
}

#[test]
fn intelligence_is_shared_by_handling_code_each_once() {
    use crate::intelligence::HandlingCode;
    let mut r = proposal();
    r.intelligence_handling = vec![];
    assert!(
        faults(&r).is_empty(),
        "no intelligence scope: the codes do not matter"
    );
    r.scopes = vec![SharingScope::Intelligence];
    assert_eq!(faults(&r), one("intelligence_handling", "required"));
    r.intelligence_handling = vec![HandlingCode::P];
    assert!(faults(&r).is_empty());
    r.intelligence_handling = vec![HandlingCode::P, HandlingCode::P];
    assert_eq!(faults(&r), one("intelligence_handling.1", "duplicate"));
}

#[test]
fn the_partner_is_another_force() {
    let mut r = proposal();
    r.partner_force = ForceCode("NS".into());
    assert_eq!(faults(&r), one("partner_force", "own_force"));
    r.partner_force = ForceCode(" ".into());
    assert_eq!(faults(&r), one("partner_force", "required"));
}

#[test]
fn scopes_at_least_one_each_once() {
    let mut r = proposal();
    r.scopes.clear();
    assert_eq!(faults(&r), one("scopes", "required"));
    r.scopes = vec![SharingScope::Index, SharingScope::Crimes, SharingScope::Index];
    assert_eq!(faults(&r), one("scopes.2", "duplicate"));
}

#[test]
fn starts_today_or_later() {
    let mut r = proposal();
    r.starts_on = Some(day(6));
    assert_eq!(faults(&r), one("starts_on", "past"));
    r.starts_on = Some(day(8));
    assert!(faults(&r).is_empty());
    r.starts_on = None;
    assert_eq!(faults(&r), one("starts_on", "required"));
}

#[test]
fn ends_on_or_after_the_start() {
    let mut r = proposal();
    r.starts_on = Some(day(10));
    r.ends_on = Some(day(9));
    assert_eq!(faults(&r), one("ends_on", "before_start"));
    r.ends_on = Some(day(10));
    assert!(faults(&r).is_empty());
    r.ends_on = Some(day(11));
    assert!(faults(&r).is_empty());
}

#[test]
fn purpose_length_boundaries() {
    let mut r = proposal();
    r.purpose = "x".repeat(9);
    assert_eq!(faults(&r), one("purpose", "length"));
    r.purpose = "x".repeat(10);
    assert!(faults(&r).is_empty());
    r.purpose = "é".repeat(1_000);
    assert!(faults(&r).is_empty());
    r.purpose = "é".repeat(1_001);
    assert_eq!(faults(&r), one("purpose", "length"));
    r.purpose = "   ".into();
    assert_eq!(faults(&r), one("purpose", "required"));
}

#[test]
fn every_fault_at_once() {
    let r = ProposeAgreementRequest::default();
    assert_eq!(faults(&r).len(), 4);
}

#[test]
fn only_the_partner_answers_a_proposal() {
    assert_eq!(
        next_state(S::Proposed, A::Accept, Side::Partner, None),
        Ok(S::Active)
    );
    assert_eq!(
        next_state(S::Proposed, A::Decline, Side::Partner, None),
        Ok(S::Declined)
    );
    assert!(next_state(S::Proposed, A::Accept, Side::Owner, None).is_err());
    assert!(next_state(S::Proposed, A::Decline, Side::Owner, None).is_err());
}

#[test]
fn only_the_owner_withdraws_a_proposal() {
    assert_eq!(next_state(S::Proposed, A::End, Side::Owner, None), Ok(S::Ended));
    assert!(next_state(S::Proposed, A::End, Side::Partner, None).is_err());
    assert!(next_state(S::Proposed, A::Suspend, Side::Owner, None).is_err());
    assert!(next_state(S::Proposed, A::Resume, Side::Owner, None).is_err());
}

#[test]
fn either_side_suspends_or_ends_an_agreement_in_force() {
    for side in [Side::Owner, Side::Partner] {
        assert_eq!(next_state(S::Active, A::Suspend, side, None), Ok(S::Suspended));
        assert_eq!(next_state(S::Active, A::End, side, None), Ok(S::Ended));
        assert_eq!(
            next_state(S::Suspended, A::End, side, Some(Side::Owner)),
            Ok(S::Ended)
        );
        assert!(next_state(S::Active, A::Accept, side, None).is_err());
        assert!(next_state(S::Active, A::Resume, side, None).is_err());
    }
}

#[test]
fn only_the_suspending_side_resumes() {
    assert_eq!(
        next_state(S::Suspended, A::Resume, Side::Partner, Some(Side::Partner)),
        Ok(S::Active)
    );
    assert!(next_state(S::Suspended, A::Resume, Side::Owner, Some(Side::Partner)).is_err());
    assert!(next_state(S::Suspended, A::Suspend, Side::Owner, Some(Side::Owner)).is_err());
}

#[test]
fn ended_and_declined_are_final() {
    for state in [S::Ended, S::Declined] {
        for action in [A::Accept, A::Decline, A::Suspend, A::Resume, A::End] {
            for side in [Side::Owner, Side::Partner] {
                assert!(next_state(state, action, side, Some(side)).is_err());
            }
        }
    }
}

#[test]
fn in_force_only_when_active_and_within_its_dates() {
    assert!(!in_force(S::Active, day(7), None, day(6)));
    assert!(in_force(S::Active, day(7), None, day(7)));
    assert!(in_force(S::Active, day(7), Some(day(9)), day(9)));
    assert!(!in_force(S::Active, day(7), Some(day(9)), day(10)));
    for s in [S::Proposed, S::Suspended, S::Ended, S::Declined] {
        assert!(!in_force(s, day(7), None, day(8)));
    }
}

#[test]
fn steps_that_need_a_reason() {
    let step = |action, reason: Option<&str>| {
        check_step(&AgreementStepRequest {
            action,
            reason: reason.map(str::to_owned),
        })
    };
    assert!(step(A::Accept, None).is_empty());
    assert!(step(A::Resume, None).is_empty());
    for a in [A::Decline, A::Suspend, A::End] {
        assert_eq!(step(a, None)[0].code, "required");
        assert_eq!(step(a, Some("  "))[0].code, "required");
        assert!(step(a, Some("Review due")).is_empty());
    }
    assert!(step(A::End, Some(&"x".repeat(1_000))).is_empty());
    assert_eq!(step(A::End, Some(&"x".repeat(1_001)))[0].code, "length");
}

#[test]
fn names_round_trip() {
    for s in SharingScope::ALL {
        assert_eq!(SharingScope::parse(s.as_str()), Some(s));
        assert!(!s.label().is_empty());
    }
    for s in AgreementState::ALL {
        assert_eq!(AgreementState::parse(s.as_str()), Some(s));
    }
    for a in [AgreementAccess::Read, AgreementAccess::ReadAndLink] {
        assert_eq!(AgreementAccess::parse(a.as_str()), Some(a));
    }
    assert_eq!(SharingScope::parse("custody"), None);
}

//! The investigation rules at their boundaries.

use super::*;
use chrono::TimeZone;

fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 28, h, m, 0).unwrap()
}

fn recordable() -> (CrimeInput, CrimeFacts) {
    (
        CrimeInput {
            classification: Some("46".into()),
            offence: Some("theft_shop".into()),
            offence_from: Some(t(14, 0)),
            location_id: Some(Uuid::nil()),
            modus_operandi: "Concealed goods in a bag and left".into(),
            ..Default::default()
        },
        CrimeFacts {
            victims: 1,
            identified_suspects: 0,
            allocated: false,
        },
    )
}

fn outcomes(code: &str) -> Option<bool> {
    match code {
        "1" => Some(true),
        "18" => Some(false),
        _ => None,
    }
}

fn act(a: CrimeAction) -> TransitionRequest {
    TransitionRequest {
        action: Some(a),
        ..Default::default()
    }
}

fn paths(r: Result<CrimeState, Refusal>) -> Vec<String> {
    match r {
        Err(Refusal::Missing(e)) => e.into_iter().map(|f| format!("{}:{}", f.path, f.code)).collect(),
        other => panic!("expected missing fields, got {other:?}"),
    }
}

#[test]
fn every_move_from_every_state_is_allowed_or_refused_as_the_table_says() {
    use CrimeAction as A;
    use CrimeState::*;
    let expected: &[(CrimeState, &[CrimeAction])] = &[
        (Draft, &[A::Record]),
        (Recorded, &[A::Allocate]),
        (Allocated, &[A::Allocate, A::StartInvestigation]),
        (UnderInvestigation, &[A::Allocate, A::SubmitForReview]),
        (AwaitingReview, &[A::Approve, A::Return]),
        (Finalised, &[A::Reopen]),
        (Reopened, &[A::Allocate, A::StartInvestigation]),
        (Cancelled, &[]),
    ];
    for (state, allowed) in expected {
        assert_eq!(CrimeAction::from_state(*state), allowed.to_vec(), "{state:?}");
        for a in CrimeAction::ALL {
            let (crime, mut facts) = recordable();
            facts.identified_suspects = 1;
            let req = TransitionRequest {
                action: Some(a),
                officer_in_charge: Some(UserId(Uuid::nil())),
                outcome: Some("1".into()),
                comments: Some("Get the CCTV".into()),
                reason: Some("New witness".into()),
                unit: None,
            };
            let r = check_action(*state, &req, &crime, &facts, outcomes);
            if allowed.contains(&a) {
                assert_eq!(r.ok(), a.next_state(*state), "{state:?} {a:?}");
            } else {
                assert_eq!(
                    r,
                    Err(Refusal::NotAMove {
                        from: *state,
                        action: a,
                        allowed: allowed.to_vec()
                    }),
                    "{state:?} {a:?}"
                );
            }
        }
    }
}

#[test]
fn recording_names_everything_missing_at_once() {
    let r = check_action(
        CrimeState::Draft,
        &act(CrimeAction::Record),
        &CrimeInput::default(),
        &CrimeFacts::default(),
        outcomes,
    );
    assert_eq!(
        paths(r),
        [
            "classification:required",
            "offence:required",
            "offence_from:required",
            "location_id:required",
            "modus_operandi:too_short",
            "victims:required"
        ]
    );
    let (mut c, f) = recordable();
    c.modus_operandi = "x".repeat(MIN_MO_CHARS - 1);
    assert_eq!(
        paths(check_action(
            CrimeState::Draft,
            &act(CrimeAction::Record),
            &c,
            &f,
            outcomes
        )),
        ["modus_operandi:too_short"]
    );
    c.modus_operandi = "x".repeat(MIN_MO_CHARS);
    assert_eq!(
        check_action(CrimeState::Draft, &act(CrimeAction::Record), &c, &f, outcomes),
        Ok(CrimeState::Recorded)
    );
}

#[test]
fn each_state_asks_only_for_what_its_move_needs() {
    let (c, f) = recordable();
    let chk = |s, req: &TransitionRequest, f: &CrimeFacts| check_action(s, req, &c, f, outcomes);
    assert_eq!(
        paths(chk(CrimeState::Recorded, &act(CrimeAction::Allocate), &f)),
        ["officer_in_charge:required"]
    );
    let to_unit = TransitionRequest {
        unit: Some("cid".into()),
        ..act(CrimeAction::Allocate)
    };
    assert_eq!(chk(CrimeState::Recorded, &to_unit, &f), Ok(CrimeState::Allocated));
    assert_eq!(
        chk(CrimeState::Allocated, &act(CrimeAction::StartInvestigation), &f),
        Ok(CrimeState::UnderInvestigation)
    );
    assert_eq!(
        paths(chk(
            CrimeState::UnderInvestigation,
            &act(CrimeAction::SubmitForReview),
            &f
        )),
        ["outcome:required"]
    );
    let charged = TransitionRequest {
        outcome: Some("1".into()),
        ..act(CrimeAction::SubmitForReview)
    };
    assert_eq!(
        paths(chk(CrimeState::UnderInvestigation, &charged, &f)),
        ["outcome:needs_suspect"]
    );
    let with_suspect = CrimeFacts {
        identified_suspects: 1,
        ..f
    };
    assert_eq!(
        chk(CrimeState::UnderInvestigation, &charged, &with_suspect),
        Ok(CrimeState::AwaitingReview)
    );
    let unknown = TransitionRequest {
        outcome: Some("99".into()),
        ..act(CrimeAction::SubmitForReview)
    };
    assert_eq!(
        paths(chk(CrimeState::UnderInvestigation, &unknown, &f)),
        ["outcome:unknown_code"]
    );
    assert_eq!(
        paths(chk(CrimeState::AwaitingReview, &act(CrimeAction::Return), &f)),
        ["comments:required"]
    );
    assert_eq!(
        paths(chk(CrimeState::Finalised, &act(CrimeAction::Reopen), &f)),
        ["reason:required"]
    );
    assert_eq!(
        paths(chk(CrimeState::Draft, &TransitionRequest::default(), &f)),
        ["action:required"]
    );
}

#[test]
fn return_comments_become_one_task_per_line() {
    assert_eq!(
        comments_to_tasks(Some("- Get the CCTV\n\n* Take a statement from the manager \n  ")),
        ["Get the CCTV", "Take a statement from the manager"]
    );
    assert!(comments_to_tasks(Some(" \n - \n")).is_empty());
}

#[test]
fn the_recording_clock_runs_24_hours_from_the_report() {
    let reported = t(9, 30);
    let c = RecordingClock::new(reported, None, reported + Duration::hours(23));
    assert_eq!(c.due_at, reported + Duration::hours(24));
    assert!(!c.overdue && !c.late);
    let c = RecordingClock::new(
        reported,
        None,
        reported + Duration::hours(24) + Duration::seconds(1),
    );
    assert!(c.overdue && !c.late);
    let exactly = RecordingClock::new(reported, Some(reported + Duration::hours(24)), t(23, 0));
    assert!(!exactly.late && !exactly.overdue);
    let late = RecordingClock::new(
        reported,
        Some(reported + Duration::hours(24) + Duration::minutes(1)),
        t(23, 0),
    );
    assert!(late.late && !late.overdue);
}

#[test]
fn parties_must_be_exactly_one_thing_that_fits_the_role() {
    let base = AddPartyRequest {
        role: PartyRole::Witness,
        person_id: None,
        organisation_id: None,
        new_person: None,
        new_organisation: None,
        description: None,
    };
    assert_eq!(check_party(&base)[0].code, "one_of");
    let org_witness = AddPartyRequest {
        organisation_id: Some(Uuid::nil()),
        ..base.clone()
    };
    assert_eq!(check_party(&org_witness)[0].code, "victims_only");
    let described_witness = AddPartyRequest {
        description: Some("tall".into()),
        ..base.clone()
    };
    assert_eq!(check_party(&described_witness)[0].code, "suspects_only");
    let unknown_suspect = AddPartyRequest {
        role: PartyRole::Suspect,
        description: Some("White male, 30s, grey hoodie".into()),
        ..base
    };
    assert!(check_party(&unknown_suspect).is_empty());
}

#[test]
fn the_retail_theft_path_names_every_gap() {
    let e: Vec<String> = check_retail_theft(&RetailTheftRequest::default(), t(15, 0))
        .into_iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(
        e,
        [
            "store_id",
            "offence_from",
            "modus_operandi",
            "suspect.person_id",
            "items"
        ]
    );
}

/// The errors on `modus_operandi` for a text of `n` characters, on the crime and the retail-theft path.
fn mo_codes(n: usize) -> (Vec<String>, Vec<String>) {
    let text = "x".repeat(n);
    let on_mo = |e: Vec<FieldError>| -> Vec<String> {
        e.into_iter()
            .filter(|f| f.path == "modus_operandi")
            .map(|f| f.code)
            .collect()
    };
    let (mut crime, _) = recordable();
    crime.modus_operandi = text.clone();
    let theft = RetailTheftRequest {
        modus_operandi: text,
        ..RetailTheftRequest::default()
    };
    (
        on_mo(check_crime(&crime, t(15, 0))),
        on_mo(check_retail_theft(&theft, t(15, 0))),
    )
}

#[test]
fn one_modus_operandi_length_limit_holds_on_every_path() {
    let none: Vec<String> = Vec::new();
    assert_eq!(mo_codes(MAX_MO_CHARS - 1), (none.clone(), none.clone()));
    assert_eq!(mo_codes(MAX_MO_CHARS), (none.clone(), none));
    let over = vec!["length".to_owned()];
    assert_eq!(mo_codes(MAX_MO_CHARS + 1), (over.clone(), over.clone()));
    assert_eq!(mo_codes(100_000), (over.clone(), over));
}

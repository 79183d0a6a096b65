//! Rules of the case file: what each file type needs, and who may charge.

use super::*;
use crate::ids::{ForceCode, UserId};
use chrono::TimeZone;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap()
}

fn officer(name: &str) -> UserRef {
    UserRef {
        id: UserId(Uuid::from_u128(7)),
        display_name: name.to_owned(),
        collar_number: "1234".to_owned(),
    }
}

fn offence(code: &str, mode: ModeOfTrial, classification: &str, referral: Option<&str>) -> Offence {
    Offence {
        code: code.to_owned(),
        label: code.replace('_', " "),
        legislation: "Theft Act 1968 s.1".to_owned(),
        classification: classification.to_owned(),
        mode_of_trial: mode,
        cps_referral: referral.map(str::to_owned),
    }
}

fn shoplifting() -> Offence {
    offence("theft_shop", ModeOfTrial::EitherWay, "46", None)
}

fn charge(o: &Offence) -> Charge {
    Charge {
        offence: o.code.clone(),
        wording: o.label.clone(),
        legislation: o.legislation.clone(),
        mode_of_trial: o.mode_of_trial,
    }
}

fn version(content: DocumentContent, certified: bool) -> DocumentVersion {
    DocumentVersion {
        version: 1,
        content,
        written_by: officer("PC Whitfield"),
        written_at: at(),
        certified_by: certified.then(|| officer("PS Llewellyn")),
        certified_at: certified.then(at),
    }
}

const TEXT: &str = "Long enough to be a real narrative of the events.";

/// The written document a file type needs, complete.
fn complete_document(kind: DocumentKind) -> Option<DocumentVersion> {
    let t = TEXT.to_owned();
    Some(match kind {
        DocumentKind::Mg3 => version(
            DocumentContent::Mg3(Mg3 {
                grounds: t.clone(),
                advice_sought: t,
            }),
            false,
        ),
        DocumentKind::Mg5 => version(DocumentContent::Mg5(Mg5 { summary: t }), true),
        DocumentKind::Mg6 => version(
            DocumentContent::Mg6(Mg6 {
                information: t,
                victim_wishes: String::new(),
            }),
            false,
        ),
        DocumentKind::Mg6c => version(
            DocumentContent::Mg6c(Disclosure {
                complete: true,
                note: String::new(),
            }),
            false,
        ),
        DocumentKind::Mg6d => version(
            DocumentContent::Mg6d(Disclosure {
                complete: true,
                note: String::new(),
            }),
            false,
        ),
        DocumentKind::Mg15 => version(DocumentContent::Mg15(Mg15 { account: t }), false),
        _ => return None,
    })
}

fn statement() -> StatementDto {
    StatementDto {
        id: Uuid::from_u128(3),
        crime_id: Uuid::from_u128(1),
        witness_person_id: Some(Uuid::from_u128(4)),
        witness_name: "Store detective".to_owned(),
        officer_witness: false,
        occupation: "Store detective".to_owned(),
        over_18: true,
        text: TEXT.to_owned(),
        personal_statement: false,
        made_at: at(),
        recorded_by: officer("PC Okafor"),
        force: ForceCode("NS".to_owned()),
    }
}

/// A file of `file_type` with everything it needs and nothing else.
fn complete(file_type: FileType) -> CaseFileContent {
    let theft = shoplifting();
    let needs = documents_for(file_type);
    let charged = needs.contains(&DocumentKind::Mg4);
    CaseFileContent {
        urn: "NS0100001 26".to_owned(),
        file_type,
        force: ForceCode("NS".to_owned()),
        crime: CrimeFacts {
            id: Uuid::from_u128(1),
            crn: Some("NS/26/000001".to_owned()),
            offence: Some(theft.label.clone()),
            offence_from: Some(at()),
            location: None,
            modus_operandi: TEXT.to_owned(),
            domestic_abuse: false,
            hate_strands: vec![],
            victims: vec!["Shop".to_owned()],
        },
        officer_in_charge: needs
            .contains(&DocumentKind::Mg1)
            .then(|| officer("PC Whitfield")),
        charging_route: charging_route(&RouteFacts {
            offences: std::slice::from_ref(&theft),
            domestic_abuse: false,
            hate_crime: false,
            anticipated_guilty: None,
        }),
        cps_charged: false,
        defendants: vec![Defendant {
            person_id: Uuid::from_u128(2),
            name: "Sam Suspect".to_owned(),
            date_of_birth: None,
            custody_record_id: Some(Uuid::from_u128(5)),
            custody_number: None,
            asn: None,
            arrest_offences: if needs.contains(&DocumentKind::Mg3) {
                vec![charge(&theft)]
            } else {
                vec![]
            },
            charges: if charged { vec![charge(&theft)] } else { vec![] },
            charged_at: charged.then(at),
            disposal: charged.then(|| "Charged and bailed".to_owned()),
            bail_date: None,
            interviews: vec![],
        }],
        statements: if needs.contains(&DocumentKind::Mg11) || needs.contains(&DocumentKind::Mg9) {
            vec![statement()]
        } else {
            vec![]
        },
        exhibits: vec![],
        unused_material: vec![],
        documents: needs.iter().filter_map(|k| complete_document(*k)).collect(),
    }
}

fn codes(c: &CaseFileContent) -> Vec<String> {
    readiness(c).into_iter().map(|m| m.code).collect()
}

#[test]
fn a_file_with_what_its_type_needs_and_nothing_else_is_ready() {
    for t in FileType::ALL {
        assert_eq!(codes(&complete(t)), Vec::<String>::new(), "{t:?}");
    }
}

#[test]
fn the_gap_file_needs_mg1_mg4_mg5_mg6c_and_mg11_only() {
    assert_eq!(
        documents_for(FileType::Gap),
        &[
            DocumentKind::Mg1,
            DocumentKind::Mg4,
            DocumentKind::Mg5,
            DocumentKind::Mg6c,
            DocumentKind::Mg11
        ]
    );
    let file = complete(FileType::Gap);
    // Nothing an NGAP file adds is asked of a GAP file.
    assert!(file.document(DocumentKind::Mg6).is_none());
    assert!(file.document(DocumentKind::Mg15).is_none());
    assert!(readiness(&file).is_empty());
}

/// Every way of taking one required item away from a complete file, with the code that must name it.
/// Takes one item away from a file.
type Removal = Box<dyn Fn(&mut CaseFileContent)>;

fn removals(t: FileType) -> Vec<(&'static str, Removal)> {
    let mut r: Vec<(&'static str, Removal)> = Vec::new();
    let drop_doc = |k: DocumentKind| -> Removal {
        Box::new(move |c: &mut CaseFileContent| c.documents.retain(|d| d.content.kind() != k))
    };
    for &k in documents_for(t) {
        match k {
            DocumentKind::Mg1 => {
                r.push(("mg1.officer_in_charge", Box::new(|c| c.officer_in_charge = None)));
                r.push(("mg1.defendants", Box::new(|c| c.defendants.clear())));
            }
            DocumentKind::Mg3 => {
                r.push(("mg3.grounds", drop_doc(k)));
                r.push((
                    "mg3.offences",
                    Box::new(|c| c.defendants.iter_mut().for_each(|d| d.arrest_offences.clear())),
                ));
            }
            DocumentKind::Mg4 => {
                r.push((
                    "mg4.charges",
                    Box::new(|c| c.defendants.iter_mut().for_each(|d| d.charges.clear())),
                ));
                r.push((
                    "mg4.bail",
                    Box::new(|c| c.defendants.iter_mut().for_each(|d| d.disposal = None)),
                ));
            }
            DocumentKind::Mg5 => {
                r.push(("mg5.summary", drop_doc(k)));
                r.push((
                    "mg5.certified",
                    Box::new(|c| {
                        c.documents
                            .iter_mut()
                            .filter(|d| d.content.kind() == DocumentKind::Mg5)
                            .for_each(|d| d.certified_by = None)
                    }),
                ));
            }
            DocumentKind::Mg6 => r.push(("mg6.information", drop_doc(k))),
            DocumentKind::Mg6c => r.push(("mg6c.complete", drop_doc(k))),
            DocumentKind::Mg6d => r.push(("mg6d.complete", drop_doc(k))),
            DocumentKind::Mg9 => r.push(("mg9.witnesses", Box::new(|c| c.statements.clear()))),
            DocumentKind::Mg11 => r.push(("mg11.statements", Box::new(|c| c.statements.clear()))),
            DocumentKind::Mg12 => {}
            DocumentKind::Mg15 => r.push(("mg15.account", drop_doc(k))),
        }
    }
    r
}

#[test]
fn a_file_missing_any_required_item_is_not_ready_and_names_it() {
    for t in FileType::ALL {
        let cases = removals(t);
        assert!(cases.len() >= 5, "{t:?} has its required items listed");
        for (code, remove) in cases {
            let mut file = complete(t);
            remove(&mut file);
            let missing = readiness(&file);
            assert!(
                missing.iter().any(|m| m.code == code),
                "{t:?} without {code}: {missing:?}"
            );
            let m = missing.iter().find(|m| m.code == code).unwrap();
            assert!(
                documents_for(t).contains(&m.document),
                "{t:?}: {code} names a form the type needs"
            );
            assert!(!m.message.is_empty());
        }
    }
}

#[test]
fn a_half_written_summary_is_named_as_the_summary_not_the_certificate() {
    let mut file = complete(FileType::Gap);
    file.documents.retain(|d| d.content.kind() != DocumentKind::Mg5);
    file.documents.push(version(
        DocumentContent::Mg5(Mg5 {
            summary: "Too short".into(),
        }),
        false,
    ));
    assert_eq!(codes(&file), vec!["mg5.summary"]);
}

#[test]
fn a_new_uncertified_version_of_the_summary_needs_certifying_again() {
    let mut file = complete(FileType::Gap);
    let mut v2 = version(
        DocumentContent::Mg5(Mg5 {
            summary: format!("{TEXT} And a later change."),
        }),
        false,
    );
    v2.version = 2;
    file.documents.push(v2);
    assert_eq!(codes(&file), vec!["mg5.certified"]);
}

#[test]
fn the_missing_charge_links_to_the_defendants_custody_record() {
    let mut file = complete(FileType::Gap);
    file.defendants[0].charges.clear();
    let m = readiness(&file);
    assert_eq!(m[0].fix_at, FixAt::Custody);
    assert_eq!(m[0].record_id, Some(Uuid::from_u128(5)));
    assert!(m[0].message.contains("Sam Suspect"), "{}", m[0].message);
}

#[test]
fn a_victim_personal_statement_is_not_a_witness_statement() {
    let mut file = complete(FileType::Gap);
    file.statements[0].personal_statement = true;
    assert_eq!(codes(&file), vec!["mg11.statements"]);
}

fn route(offences: &[Offence], da: bool, hate: bool, guilty: Option<bool>) -> ChargingRoute {
    charging_route(&RouteFacts {
        offences,
        domestic_abuse: da,
        hate_crime: hate,
        anticipated_guilty: guilty,
    })
}

#[test]
fn police_may_charge_shoplifting_whatever_the_plea() {
    for plea in [Some(true), Some(false), None] {
        let r = route(&[shoplifting()], false, false, plea);
        assert_eq!(r.route, Route::PoliceMayCharge, "{plea:?}");
        assert!(r.reason.contains("Retail theft"), "{}", r.reason);
    }
}

#[test]
fn domestic_abuse_goes_to_the_cps_even_for_a_summary_offence() {
    let assault = offence("common_assault", ModeOfTrial::Summary, "105A", None);
    assert_eq!(
        route(std::slice::from_ref(&assault), false, false, Some(true)).route,
        Route::PoliceMayCharge
    );
    let r = route(&[assault], true, false, Some(true));
    assert_eq!(r.route, Route::CpsDecides);
    assert!(r.reason.contains("Domestic abuse"), "{}", r.reason);
}

#[test]
fn hate_crime_goes_to_the_cps_even_for_shoplifting() {
    let r = route(&[shoplifting()], false, true, Some(true));
    assert_eq!(r.route, Route::CpsDecides);
    assert!(r.reason.contains("Hate crime"), "{}", r.reason);
}

#[test]
fn either_way_offences_are_police_charges_only_with_an_anticipated_guilty_plea() {
    let damage = offence("criminal_damage", ModeOfTrial::EitherWay, "58", None);
    assert_eq!(
        route(std::slice::from_ref(&damage), false, false, Some(true)).route,
        Route::PoliceMayCharge
    );
    assert_eq!(
        route(std::slice::from_ref(&damage), false, false, Some(false)).route,
        Route::CpsDecides
    );
    assert_eq!(
        route(std::slice::from_ref(&damage), false, false, None).route,
        Route::CpsDecides
    );
    // Shoplifting alongside does not carry the other either-way offence.
    assert_eq!(
        route(&[shoplifting(), damage], false, false, Some(false)).route,
        Route::CpsDecides
    );
}

#[test]
fn referral_offences_and_indictable_only_offences_go_to_the_cps() {
    let abh = offence(
        "abh",
        ModeOfTrial::EitherWay,
        "8N",
        Some("assault occasioning actual bodily harm"),
    );
    let r = route(&[abh], false, false, Some(true));
    assert_eq!(r.route, Route::CpsDecides);
    assert!(r.reason.contains("bodily harm"), "{}", r.reason);
    let robbery = offence("robbery", ModeOfTrial::Indictable, "34B", None);
    let r = route(&[robbery], false, false, Some(true));
    assert_eq!(r.route, Route::CpsDecides);
    assert!(r.reason.contains("indictable only"), "{}", r.reason);
    assert_eq!(route(&[], false, false, Some(true)).route, Route::CpsDecides);
}

#[test]
fn a_post_charge_file_the_cps_must_decide_needs_its_decision_first() {
    let mut file = complete(FileType::Gap);
    file.charging_route = route(&[shoplifting()], true, false, Some(true));
    assert_eq!(codes(&file), vec!["charging_decision"]);
    file.cps_charged = true;
    assert!(readiness(&file).is_empty());
    // A pre-charge file is how the decision is asked for: it is not refused for the route.
    let mut pre = complete(FileType::PreCharge);
    pre.charging_route = file.charging_route.clone();
    assert!(readiness(&pre).is_empty());
}

#[test]
fn statements_need_a_witness_the_declaration_and_a_real_account() {
    let now = at();
    let none = check_statement(&StatementRequest::default(), now);
    let paths: Vec<&str> = none.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, vec!["witness_person_id", "text", "declaration"]);
    let ok = StatementRequest {
        myself: true,
        text: TEXT.to_owned(),
        declaration: true,
        ..Default::default()
    };
    assert!(check_statement(&ok, now).is_empty());
    let vps = StatementRequest {
        personal_statement: true,
        ..ok
    };
    assert_eq!(check_statement(&vps, now)[0].path, "personal_statement");
}

#[test]
fn sensitive_unused_material_says_why() {
    let u = UnusedMaterialRequest {
        description: "Informant log".into(),
        location: "Source unit safe".into(),
        sensitive: true,
        sensitivity_reason: String::new(),
    };
    assert_eq!(check_unused(&u)[0].path, "sensitivity_reason");
}

#[test]
fn a_return_needs_an_action_plan_with_dates() {
    let today = at().date_naive();
    let d = DecisionRequest {
        decision: Some(DecisionKind::Return),
        offences: vec![],
        actions: vec![ActionPlanItem {
            action: "Obtain CCTV".into(),
            due_on: None,
        }],
        comments: String::new(),
    };
    assert_eq!(check_decision(&d, today)[0].path, "actions.0.due_on");
    let empty = DecisionRequest { actions: vec![], ..d };
    assert_eq!(check_decision(&empty, today)[0].path, "actions");
}

#[test]
fn every_form_renders_with_its_number_and_title() {
    let file = complete(FileType::Ngap);
    for k in DocumentKind::ALL {
        let f = render(&file, k);
        assert!(f.title.starts_with(&k.code()), "{}", f.title);
        assert!(!f.sections.is_empty(), "{k:?}");
    }
    let mg5 = render(&file, DocumentKind::Mg5);
    assert!(mg5
        .sections
        .iter()
        .flat_map(|s| &s.lines)
        .any(|l| l.label == "Certified" && l.value.contains("PS Llewellyn")));
}

#[test]
fn wire_names_round_trip() {
    for t in FileType::ALL {
        assert_eq!(FileType::parse(t.as_str()), Some(t));
    }
    for k in DocumentKind::ALL {
        assert_eq!(DocumentKind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
    }
}

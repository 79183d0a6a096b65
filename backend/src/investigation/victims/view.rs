//! A crime's victims as its page shows them: care, contacts, referrals and DASH assessments, for
//! the victims the caller may see.

use super::actions::{care_of, party_names, uuid};
use crate::db::schema::{dash_assessments, victim_contacts, victim_referrals, victims};
use crate::db::utc;
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::index::reference::Reference;
use crate::investigation::queries::{CrimeRow, VictimRow};
use crate::investigation::InvestigationRef;
use crate::kernel::access::Visibility;
use crate::kernel::users::{user_ref, user_refs};
use crate::views::summaries;
use bluelamp_shared::investigation::victims::*;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use std::collections::HashMap;

type ContactRow = (
    String,
    String,
    NaiveDateTime,
    String,
    String,
    Option<String>,
    String,
);

/// The victims of a crime with everything about their care the caller may see.
pub fn for_crime(
    conn: &mut AnyConnection,
    vis: &Visibility,
    reference: &Reference,
    _ir: &InvestigationRef,
    today: NaiveDate,
    crime: &CrimeRow,
) -> Result<Vec<VictimDto>, ApiError> {
    let rows: Vec<VictimRow> = victims::table
        .filter(victims::crime_id.eq(&crime.id))
        .order(victims::created_at)
        .select(VictimRow::as_select())
        .load(conn)?;
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let names = party_names(conn, reference, today, &rows)?;
    let guards: Vec<_> = names.values().map(|i| i.guarded()).collect();
    let visible = vis.visible_ids(conn, &guards)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let history = History::load(conn, &ids)?;
    let refs = user_refs(conn, &history.people())?;
    let mut out = Vec::new();
    for r in rows {
        let Some(party) = names.get(&r.party_id).filter(|_| visible.contains(&r.party_id)) else {
            continue; // A victim the caller may not see is not shown, not even as a count.
        };
        out.push(victim_dto(crime, r, party, &history, &refs));
    }
    Ok(out)
}

/// A referral: (id, victim id, status, payload, sent by, sent at).
type ReferralRow = (String, String, String, String, String, NaiveDateTime);
/// A DASH assessment: (id, victim id, answers, score, scored level, judgement, judgement reason,
/// level, MARAC task id, assessed by, assessed at).
type DashRow = (
    String,
    String,
    String,
    i32,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    NaiveDateTime,
);

/// The contacts (oldest first), referrals and DASH assessments (latest first) of some victims.
struct History {
    contacts: Vec<ContactRow>,
    referrals: Vec<ReferralRow>,
    dash: Vec<DashRow>,
}

impl History {
    fn load(conn: &mut AnyConnection, ids: &[String]) -> Result<Self, ApiError> {
        let contacts: Vec<ContactRow> = victim_contacts::table
            .filter(victim_contacts::victim_id.eq_any(ids))
            .order(victim_contacts::at)
            .select((
                victim_contacts::id,
                victim_contacts::victim_id,
                victim_contacts::at,
                victim_contacts::method,
                victim_contacts::summary,
                victim_contacts::update_event,
                victim_contacts::contacted_by,
            ))
            .load(conn)?;
        let referrals: Vec<ReferralRow> = victim_referrals::table
            .filter(victim_referrals::victim_id.eq_any(ids))
            .select((
                victim_referrals::id,
                victim_referrals::victim_id,
                victim_referrals::status,
                victim_referrals::payload,
                victim_referrals::sent_by,
                victim_referrals::sent_at,
            ))
            .load(conn)?;
        let dash: Vec<DashRow> = dash_assessments::table
            .filter(dash_assessments::victim_id.eq_any(ids))
            .order(dash_assessments::assessed_at.desc())
            .select((
                dash_assessments::id,
                dash_assessments::victim_id,
                dash_assessments::answers,
                dash_assessments::score,
                dash_assessments::scored_level,
                dash_assessments::judgement,
                dash_assessments::judgement_reason,
                dash_assessments::level,
                dash_assessments::marac_task_id,
                dash_assessments::assessed_by,
                dash_assessments::assessed_at,
            ))
            .load(conn)?;
        Ok(Self {
            contacts,
            referrals,
            dash,
        })
    }

    /// The users the history names, to look up once.
    fn people(&self) -> Vec<String> {
        let mut people: Vec<String> = self.contacts.iter().map(|c| c.6.clone()).collect();
        people.extend(self.referrals.iter().map(|r| r.4.clone()));
        people.extend(self.dash.iter().map(|d| d.9.clone()));
        people
    }
}

/// One victim as the crime page shows them.
fn victim_dto(
    crime: &CrimeRow,
    r: VictimRow,
    party: &summaries::Indexed,
    history: &History,
    refs: &HashMap<String, bluelamp_shared::users::UserRef>,
) -> VictimDto {
    let level = |s: &str| RiskLevel::parse(s).unwrap_or(RiskLevel::Standard);
    let care = care_of(&r);
    VictimDto {
        id: uuid(&r.id),
        crime_id: uuid(&crime.id),
        party: party.summary.clone(),
        enhanced: care.enhanced(),
        referral_missing: referral_missing(&care, crime.domestic_abuse),
        referral: history
            .referrals
            .iter()
            .find(|x| x.1 == r.id)
            .map(|x| ReferralDto {
                id: uuid(&x.0),
                status: x.2.clone(),
                sent_at: utc(x.5),
                sent_by: user_ref(refs, &x.4),
                payload: serde_json::from_str(&x.3).unwrap_or_default(),
            }),
        contacts: history
            .contacts
            .iter()
            .filter(|c| c.1 == r.id)
            .map(|c| ContactDto {
                id: uuid(&c.0),
                contact: ContactInput {
                    at: Some(utc(c.2)),
                    method: c.3.clone(),
                    summary: c.4.clone(),
                    update: c.5.as_deref().and_then(UpdateEvent::parse),
                },
                by: user_ref(refs, &c.6),
            })
            .collect(),
        dash: history
            .dash
            .iter()
            .filter(|d| d.1 == r.id)
            .map(|d| DashDto {
                id: uuid(&d.0),
                assessment: DashRequest {
                    answers: serde_json::from_str(&d.2).unwrap_or_default(),
                    professional_judgement: d.5.as_deref().and_then(RiskLevel::parse),
                    judgement_reason: d.6.clone(),
                },
                score: d.3.max(0) as u32,
                scored_level: level(&d.4),
                level: level(&d.7),
                marac_task_id: d.8.as_deref().map(uuid),
                by: user_ref(refs, &d.9),
                at: utc(d.10),
            })
            .collect(),
        care,
        version: r.version,
    }
}

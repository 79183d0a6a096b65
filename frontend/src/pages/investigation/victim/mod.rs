//! One victim's care on the crime page: the Victims' Code care record (saved with `If-Match`),
//! the referral to victim services (what it still needs, or its status), the contact log and the
//! DASH risk assessment.

mod care;
mod contacts;
mod dash;

use self::care::CareDetails;
use self::contacts::ContactLog;
use self::dash::DashDetails;
use super::crime::CrimeCtx;
use crate::components::field::VocabularyChecks;
use crate::components::record::record_link;
use crate::components::time::local_time;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::victims::{ReferralDto, RiskLevel, VictimDto};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

pub(super) fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".to_owned(),
        Some(false) => "no".to_owned(),
        None => String::new(),
    }
}

pub(super) fn parse_yes_no(s: &str) -> Option<bool> {
    match s {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

pub(super) fn opt(s: RwSignal<String>) -> Option<String> {
    Some(s.get_untracked().trim().to_owned()).filter(|s| !s.is_empty())
}

pub(super) fn level_label(l: RiskLevel) -> &'static str {
    match l {
        RiskLevel::Standard => "Standard",
        RiskLevel::Medium => "Medium",
        RiskLevel::High => "High (MARAC referral)",
    }
}

/// Checkboxes for the codes of `vocabulary`, bound to `selected`.
#[component]
pub(super) fn CodeChecks(
    /// Id prefix of the checkboxes.
    prefix: String,
    /// The legend.
    legend: &'static str,
    /// The vocabulary.
    vocabulary: &'static str,
    /// The codes ticked.
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">{legend}</legend>
            <div class="checkboxes">
                <VocabularyChecks prefix=prefix vocabulary=vocabulary selected=selected />
            </div>
        </fieldset>
    }
}

/// The referral to victim services: its status once sent, else what it still needs and the button.
#[component]
fn Referral(
    ctx: CrimeCtx,
    vid: Uuid,
    referral: Option<ReferralDto>,
    missing: Vec<FieldError>,
    /// Id prefix (`victim-{id}`).
    p: String,
) -> impl IntoView {
    let prefix = p.clone();
    let refer = move |_| {
        let prefix = prefix.clone();
        spawn_local(async move {
            match ctx.client.send_referral(vid).await {
                Ok(_) => ctx.saved(None, "Referral sent to victim services."),
                Err(e) => ctx.fail(&prefix, e),
            }
        });
    };

    let pv = StoredValue::new(p.clone());
    let id = move |f: &str| format!("{}-{f}", pv.get_value());
    view! {
    <div class="referral" id=id("referral")>
        {match referral {
            Some(r) => view! {
                <p class="body">
                    <strong>{format!("Referral {}", r.status)}</strong>
                    {format!(" · sent {} by {}", local_time(r.sent_at), r.sent_by.display_name)}
                </p>
            }
                .into_any(),
            None => view! {
                {(!missing.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice">
                                <p class="body">"Before a referral to victim services can be sent:"</p>
                                <ul class="list list--bullet referral-missing">
                                    {missing.iter().map(|e| view! { <li>{e.message.clone()}</li> }).collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                <button type="button" class="button button--secondary" data-testid="send-referral" on:click=refer>
                    "Send referral to victim services"
                </button>
            }
                .into_any(),
        }}
    </div>
    }
}

/// One victim of the crime.
#[component]
pub fn VictimCard(
    /// The crime page.
    ctx: CrimeCtx,
    /// The victim.
    victim: VictimDto,
) -> impl IntoView {
    let vid = victim.id;
    let p = format!("victim-{vid}");
    view! {
        <div class="victim row-group" data-victim-id=vid.to_string()>
            <h3 class="heading-m">
                {record_link(&victim.party)}
                {victim.enhanced.then(|| view! { " " <span class="tag tag--enhanced">"Enhanced entitlements"</span> })}
            </h3>
            <Referral ctx=ctx vid=vid referral=victim.referral missing=victim.referral_missing p=p.clone() />
            <CareDetails ctx=ctx vid=vid version=victim.version c=victim.care p=p.clone() />
            <ContactLog ctx=ctx vid=vid contacts=victim.contacts p=p.clone() />
            <DashDetails ctx=ctx vid=vid dash=victim.dash p=p />
        </div>
    }
}

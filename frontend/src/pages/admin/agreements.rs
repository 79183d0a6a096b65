//! The force administrator's sharing sections: the agreements the force is party to (as owner or
//! partner), each with the steps this force may take on it and its history, and the form proposing
//! a new one ([`super::propose`]). The steps themselves are in [`super::agreement_steps`]. The list
//! reloads after any step or proposal.

use super::agreement_steps::{actions_view, Steps, NOTICE_ID};
use super::propose::ProposeForm;
use crate::api::AuthClient;
use crate::components::error_summary::ErrorSummary;
use crate::components::loader::{load, loaded};
use crate::components::section::Section;
use crate::components::time::local_time;
use crate::session::use_session;
use bluelamp_shared::admin::agreements::{
    AgreementAccess, AgreementAction, AgreementDto, AgreementEventDto, AgreementState, Side,
};
use leptos::prelude::*;

/// What the partner may do, in words.
pub(super) fn access_label(a: AgreementAccess) -> &'static str {
    match a {
        AgreementAccess::Read => "See the records",
        AgreementAccess::ReadAndLink => "See the records and link their own records to them",
    }
}

/// A date as users read it (`7 Dec 2026`).
pub(super) fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// An agreement as this force sees it: which side it is on and the other force's name.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    /// The force's side.
    pub(super) side: Side,
    /// The other force's name.
    pub(super) other: String,
    /// "We share with X" or "X shares with us".
    pub(super) heading: String,
}

impl Seen {
    /// How the force `own` sees `a`.
    pub(super) fn of(a: &AgreementDto, own: &str) -> Self {
        if a.owner.code.0 == own {
            let other = a.partner.name.clone();
            Self {
                side: Side::Owner,
                heading: format!("We share with {other}"),
                other,
            }
        } else {
            let other = a.owner.name.clone();
            Self {
                side: Side::Partner,
                heading: format!("{other} shares with us"),
                other,
            }
        }
    }

    /// "with X" for the owner, "from X" for the partner.
    pub(super) fn sharing(&self) -> String {
        match self.side {
            Side::Owner => format!("sharing with {}", self.other),
            Side::Partner => format!("sharing from {}", self.other),
        }
    }

    /// The button's name: what it does and with whom ("End sharing with Wessex Vale Police").
    pub(super) fn button(&self, state: AgreementState, action: AgreementAction) -> String {
        let verb = match action {
            AgreementAction::End if state == AgreementState::Proposed => {
                return format!("Withdraw the proposal to {}", self.other);
            }
            AgreementAction::Accept => "Accept",
            AgreementAction::Decline => "Decline",
            AgreementAction::Suspend => "Suspend",
            AgreementAction::Resume => "Resume",
            AgreementAction::End => "End",
        };
        format!("{verb} {}", self.sharing())
    }

    /// Where the agreement stands, from this force's side.
    fn state(&self, a: &AgreementDto) -> String {
        match a.state {
            AgreementState::Proposed if self.side == Side::Partner => {
                "Proposed: awaiting your answer".to_owned()
            }
            AgreementState::Proposed => format!("Proposed: awaiting {}'s answer", self.other),
            AgreementState::Active => "Accepted".to_owned(),
            AgreementState::Suspended if a.suspended_by == Some(self.side) => {
                "Suspended by your force".to_owned()
            }
            AgreementState::Suspended => format!("Suspended by {}", self.other),
            AgreementState::Ended => "Ended".to_owned(),
            AgreementState::Declined => "Declined".to_owned(),
        }
    }

    /// Whether it opens records today, and to whom.
    fn in_force(&self, a: &AgreementDto) -> String {
        match (a.in_force, self.side) {
            (false, _) => "No: it opens nothing today".to_owned(),
            (true, Side::Owner) => format!("Yes: {} sees these records of ours", self.other),
            (true, Side::Partner) => format!("Yes: we see these records of {}", self.other),
        }
    }
}

/// What a step's result is called in the history and in the confirmation.
fn done(action: &str) -> &str {
    match action {
        "proposed" => "Proposed",
        "accept" => "Accepted",
        "decline" => "Declined",
        "suspend" => "Suspended",
        "resume" => "Resumed",
        "end" => "Ended",
        other => other,
    }
}

fn history_entry(e: AgreementEventDto) -> impl IntoView {
    let reason = e.reason.map(|r| format!(": “{r}”"));
    view! {
        <li class="timeline__item">
            <span class="timeline__date">{local_time(e.at)}</span>
            " "
            {format!("{} by {} ({})", done(&e.action), e.by_user, e.by_force)}
            {reason}
        </li>
    }
}

/// One agreement: with whom and which way, what, how, when, where it stands, its steps, its history.
fn agreement_card(s: Steps, a: AgreementDto) -> impl IntoView {
    let seen = Seen::of(&a, &s.own.get_value());
    let title_id = format!("agreement-{}-title", a.id);
    let labelled_by = title_id.clone();
    let what = a
        .scopes
        .iter()
        .map(|sc| sc.label())
        .collect::<Vec<_>>()
        .join("; ");
    let until = a.ends_on.map_or_else(|| "No end date".to_owned(), day);
    let row = |key: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{key}</dt>
                <dd class="summary-list__value">{value}</dd>
            </div>
        }
    };
    let history = if a.history.is_empty() {
        view! { <p class="body">"Set up with the consortium: no steps recorded."</p> }.into_any()
    } else {
        let entries = a.history.clone().into_iter().map(history_entry).collect_view();
        view! { <ol class="timeline">{entries}</ol> }.into_any()
    };
    view! {
        <li
            class="agreement"
            id=format!("agreement-{}", a.id)
            aria-labelledby=labelled_by
            data-owner=a.owner.code.0.clone()
            data-partner=a.partner.code.0.clone()
            data-state=a.state.as_str()
            data-in-force=a.in_force.to_string()
        >
            <h3 class="heading-m" id=title_id>
                {seen.heading.clone()}
                " "
                <strong class="tag tag--state">{seen.state(&a)}</strong>
            </h3>
            <dl class="summary-list">
                {row("What", what)}
                {row("Access", access_label(a.access).to_owned())}
                {row("From", day(a.starts_on))}
                {row("Until", until)}
                {row("In force today", seen.in_force(&a))}
                {row("Purpose", a.purpose.clone())}
            </dl>
            {actions_view(s, &a, &seen)}
            <details class="details">
                <summary class="details__summary">"History of this agreement"</summary>
                {history}
            </details>
        </li>
    }
}

/// "Sharing agreements" (every agreement of the force, newest first) and "Propose an agreement".
#[component]
pub(super) fn AgreementsSections() -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let own = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()))
        .unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let agreements = load(reload, move || async move { client.agreements().await });
    let s = Steps {
        client,
        own: StoredValue::new(own.clone()),
        reload,
        notice: RwSignal::new(None),
        summary: RwSignal::new(Vec::new()),
    };
    view! {
        <Section id="agreements" title="Sharing agreements">
            <p class="body">
                "What your force shares with other forces, and what they share with you. An agreement opens the owner's records to the partner once the partner accepts it, between its dates, never the other way."
            </p>
            <div class="notification" role="status" id=NOTICE_ID tabindex="-1">
                {move || s.notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=s.summary id="agreements-error-summary" />
            {loaded(
                agreements,
                move |all| {
                    if all.is_empty() {
                        view! { <p class="body">"Your force has no sharing agreements."</p> }.into_any()
                    } else {
                        let cards = all.into_iter().map(|a| agreement_card(s, a)).collect_view();
                        view! { <ul class="list agreement-list" id="agreement-list">{cards}</ul> }.into_any()
                    }
                },
            )}
        </Section>
        <ProposeForm own=own reload=reload />
    }
}

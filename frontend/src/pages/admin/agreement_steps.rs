//! The steps a force administrator takes on a sharing agreement from its card: the buttons for
//! the steps open to the force's side (the shared `next_state` rule), the reason some of them need
//! (the shared `check_step` rule), and the answer: the list reloads and the news is announced.

use super::agreements::{day, Seen};
use crate::api::AuthClient;
use crate::components::error_summary::ErrorItem;
use crate::components::field::{described_by, FieldFrame};
use crate::components::focus_by_id;
use bluelamp_shared::admin::agreements::{
    check_step, next_state, AgreementAction, AgreementDto, AgreementState, AgreementStepRequest, Side,
};
use bluelamp_shared::error::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The element announcing how a step went (focused after one).
pub(super) const NOTICE_ID: &str = "agreements-notice";

/// Every step, in the order their buttons are shown.
const ACTIONS: [AgreementAction; 5] = [
    AgreementAction::Accept,
    AgreementAction::Resume,
    AgreementAction::Decline,
    AgreementAction::Suspend,
    AgreementAction::End,
];

/// Whether the step needs a reason (the shared rule, asked with an empty one).
fn needs_reason(action: AgreementAction) -> bool {
    !check_step(&AgreementStepRequest { action, reason: None }).is_empty()
}

/// When the reason is needed, for the steps open to `side` in `state`.
fn reason_hint(state: AgreementState, side: Side) -> &'static str {
    match (state, side) {
        (AgreementState::Proposed, Side::Partner) => {
            "Needed to decline the proposal. The other force sees it in the history."
        }
        (AgreementState::Proposed, Side::Owner) => {
            "Needed to withdraw the proposal. The other force sees it in the history."
        }
        (AgreementState::Suspended, _) => {
            "Needed to end the agreement. The other force sees it in the history."
        }
        _ => "Needed to suspend or end the agreement. The other force sees it in the history.",
    }
}

/// What every card needs to take a step and report how it went.
#[derive(Debug, Clone, Copy)]
pub(super) struct Steps {
    /// The client acting for the administrator.
    pub(super) client: AuthClient,
    /// The administrator's force code.
    pub(super) own: StoredValue<String>,
    /// Bumped to reload the list.
    pub(super) reload: RwSignal<u32>,
    /// How the last step went.
    pub(super) notice: RwSignal<Option<String>>,
    /// Why the last step could not be taken.
    pub(super) summary: RwSignal<Vec<ErrorItem>>,
}

/// One card's inputs.
#[derive(Debug, Clone, Copy)]
struct Card {
    reason: RwSignal<String>,
    error: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
}

/// Takes `action` on agreement `a` (at the version shown); reloads the list after it, and after a
/// refusal other than a reason to put right (the agreement may have changed).
fn take_step(s: Steps, card: Card, a: &AgreementDto, seen: &Seen, action: AgreementAction) {
    if card.busy.get_untracked() {
        return;
    }
    let reason_id = format!("agreement-{}-reason", a.id);
    let reason = card.reason.get_untracked().trim().to_owned();
    let req = AgreementStepRequest {
        action,
        reason: (!reason.is_empty()).then_some(reason),
    };
    if let Some(problem) = check_step(&req).into_iter().next() {
        let message = format!("{} ({})", problem.message, seen.heading);
        card.error.set(Some(problem.message));
        s.notice.set(None);
        s.summary.set(vec![ErrorItem::field(reason_id, message)]);
        return;
    }
    card.error.set(None);
    s.notice.set(None);
    card.busy.set(true);
    let (id, version, heading) = (a.id, a.version, seen.heading.clone());
    spawn_local(async move {
        let result = s.client.agreement_step(id, &req, version).await;
        let _ = card.busy.try_set(false);
        match result {
            Ok(after) => {
                let _ = s.summary.try_set(Vec::new());
                let now = match after.state {
                    AgreementState::Active if after.in_force => "in force".to_owned(),
                    AgreementState::Active => format!("accepted, in force from {}", day(after.starts_on)),
                    AgreementState::Suspended => "suspended".to_owned(),
                    AgreementState::Ended => "ended".to_owned(),
                    AgreementState::Declined => "declined".to_owned(),
                    AgreementState::Proposed => "proposed".to_owned(),
                };
                let _ = s.notice.try_set(Some(format!("“{heading}” is now {now}.")));
                // The step's button goes with the step: keyboard users carry on from the news.
                request_animation_frame(|| focus_by_id(NOTICE_ID));
            }
            Err(e) if e.code() == Some(ErrorCode::PreconditionFailed) => {
                let _ = s.summary.try_set(vec![ErrorItem::general(format!(
                    "“{heading}” has changed since it was shown (the other force may have acted). It is shown as it is now: check it and try again."
                ))]);
            }
            Err(e) => {
                if let Some(f) = e.field_errors().iter().find(|f| f.path == "reason") {
                    // The reason is put right on the card as it is: nothing to reload.
                    let _ = card.error.try_set(Some(f.message.clone()));
                    let _ = s
                        .summary
                        .try_set(vec![ErrorItem::field(reason_id, f.message.clone())]);
                    return;
                }
                // A step refused by the rules (409) names the rule; the agreement is shown afresh,
                // as the page may have shown it out of date.
                let _ = s
                    .summary
                    .try_set(vec![ErrorItem::general(format!("{} ({heading})", e.message()))]);
            }
        }
        let _ = s.reload.try_update(|n| *n += 1);
    });
}

/// The steps this force may take on `a`: a reason (when one of them needs it) and a button each.
pub(super) fn actions_view(s: Steps, a: &AgreementDto, seen: &Seen) -> impl IntoView {
    let allowed: Vec<AgreementAction> = ACTIONS
        .into_iter()
        .filter(|act| next_state(a.state, *act, seen.side, a.suspended_by).is_ok())
        .collect();
    if allowed.is_empty() {
        return ().into_any();
    }
    let card = Card {
        reason: RwSignal::new(String::new()),
        error: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    let reason_id = format!("agreement-{}-reason", a.id);
    let reason_field = allowed.iter().any(|act| needs_reason(*act)).then(|| {
        let error = Signal::from(card.error);
        let described = described_by(&reason_id, true, error);
        view! {
            <FieldFrame
                id=reason_id.clone()
                label=format!("Reason (for {})", seen.sharing())
                hint=Some(reason_hint(a.state, seen.side))
                error=error
            >
                <textarea
                    class="textarea"
                    class:input--error=move || error.with(Option::is_some)
                    id=reason_id.clone()
                    name=reason_id.clone()
                    rows=3
                    aria-describedby=described
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || card.reason.get()
                    on:input=move |ev| {
                        card.reason.set(event_target_value(&ev));
                        card.error.set(None);
                    }
                ></textarea>
            </FieldFrame>
        }
    });
    let buttons = allowed
        .into_iter()
        .map(|action| {
            let warning = needs_reason(action);
            let id = format!("agreement-{}-{}", a.id, action.as_str());
            let label = seen.button(a.state, action);
            let (a, seen) = (a.clone(), seen.clone());
            view! {
                <button
                    type="button"
                    class="button"
                    class:button--warning=warning
                    id=id
                    data-action=action.as_str()
                    aria-disabled=move || card.busy.get().to_string()
                    on:click=move |_| take_step(s, card, &a, &seen, action)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="agreement__actions">
            {reason_field}
            <div class="button-group">{buttons}</div>
        </div>
    }
    .into_any()
}

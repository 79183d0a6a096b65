//! Corrections to the person, asked of the force that owns the record: the list of those the user's
//! force may see (what is wrong, what it says and should say, why, who asked and when, and for a
//! decided one who decided, when and why; a refused one stays listed as refused, a disputed value),
//! and one form. Another force asks the owner to correct the record; the owner's staff record the
//! person's own request for rectification, and accept or refuse each open correction with a reason.

use super::Load;
use crate::api::{ApiError, AuthClient};
use crate::components::create_form::CreateForm;
use crate::components::error_summary::{error_for, items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{fid, TextArea, TextField};
use crate::components::loader::{load, loaded};
use crate::components::time::local_time;
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::index::corrections::{
    check_correction, check_decision, CorrectionDecision, CorrectionDto, CorrectionSource, CorrectionState,
    CreateCorrectionRequest, DecideCorrectionRequest,
};
use bluelamp_shared::records::{RecordKind, RecordRef};
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The form's fields, top to bottom.
const ORDER: &[&str] = &["field", "current_value", "proposed_value", "reason"];

/// Field path → element id in the form.
fn form_id(path: &str) -> String {
    fid("correction", path)
}

/// The state in words (shown as text, never by colour alone).
fn state_text(state: CorrectionState) -> &'static str {
    match state {
        CorrectionState::Open => "Open",
        CorrectionState::Accepted => "Accepted",
        CorrectionState::Refused => "Refused",
    }
}

/// The tag's classes for a state.
fn state_class(state: CorrectionState) -> &'static str {
    match state {
        CorrectionState::Open => "tag tag--awaited",
        CorrectionState::Accepted => "tag tag--state",
        CorrectionState::Refused => "tag tag--overdue",
    }
}

/// Who asked, in words: the user, their force, and on whose behalf.
fn asked_by(c: &CorrectionDto) -> String {
    let who = format!(
        "{} ({}), {}",
        c.requested_by.display_name, c.requested_by.collar_number, c.requested_by_force
    );
    match c.source {
        CorrectionSource::PartnerForce => who,
        CorrectionSource::DataSubject => format!("The person themselves, recorded by {who}"),
    }
}

/// What a refused correction means for the record.
fn refused_note(c: &CorrectionDto) -> String {
    match c.source {
        CorrectionSource::DataSubject => format!(
            "Refused by {}. The person disputes this value: the correction stays with the record.",
            c.owner
        ),
        CorrectionSource::PartnerForce => format!(
            "Refused by {}. {} disputes this value: the correction stays with the record.",
            c.owner, c.requested_by_force
        ),
    }
}

/// The corrections section of the loaded person (not re-created when the person is reloaded, so
/// what the user typed stays).
#[component]
pub(super) fn Corrections(state: RwSignal<Load>) -> impl IntoView {
    let session = use_session();
    let my_force = session
        .user()
        .with_untracked(|u| u.as_ref().map(|u| u.force.code.0.clone()));
    // (person, owning force, whether it was merged into another).
    let key = Memo::new(move |_| {
        state.with(|s| match s {
            Load::Loaded(p, _) => Some((p.id, p.meta.force.0.clone(), p.merged_into.is_some())),
            _ => None,
        })
    });
    move || {
        key.get().map(|(person, owner, merged)| {
            let mine = my_force.as_deref() == Some(owner.as_str());
            view! { <CorrectionsSection person=person owner=owner mine=mine merged=merged /> }
        })
    }
}

/// The list and the form for one person.
#[component]
fn CorrectionsSection(person: Uuid, owner: String, mine: bool, merged: bool) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let list = load(reload, move || async move { client.corrections(person).await });
    let notice = RwSignal::new(None::<String>);
    let intro = if mine {
        "Your force owns this record. Corrections asked by other forces, and requests from the person to correct what is held about them, are decided here, each with a reason. A refused correction stays with the record."
    } else {
        "Your force can see this record but not change it. If something in it is wrong, ask the force that owns it to correct it. It accepts or refuses, with a reason."
    };
    view! {
        <section class="section" id="corrections" aria-labelledby="corrections-title">
            <h2 class="heading-l" id="corrections-title">
                "Corrections"
            </h2>
            <p class="body">{intro}</p>
            <div class="notification" role="status" id="corrections-notice">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {loaded(list, move |all| correction_list(all, mine, reload, notice))}
            {(!merged).then(|| view! { <CorrectionForm person=person owner=owner.clone() mine=mine reload=reload /> })}
        </section>
    }
}

/// The corrections, newest as the server orders them, each with its decision (or, for the owner,
/// the form to decide an open one).
fn correction_list(
    all: Vec<CorrectionDto>,
    mine: bool,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> AnyView {
    if all.is_empty() {
        return view! { <p class="body" id="corrections-none">"No correction has been asked for."</p> }
            .into_any();
    }
    let items = all
        .into_iter()
        .map(|c| {
            let row = |key: &'static str, value: String| {
                view! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{key}</dt>
                        <dd class="summary-list__value pre-line" style="overflow-wrap: anywhere">
                            {value}
                        </dd>
                    </div>
                }
            };
            let current = if c.current_value.is_empty() {
                "(nothing)".to_owned()
            } else {
                c.current_value.clone()
            };
            let decided = c.decided_at.map(|at| {
                let by = c
                    .decided_by
                    .as_ref()
                    .map(|u| format!("{} ({}), {}", u.display_name, u.collar_number, c.owner))
                    .unwrap_or_else(|| c.owner.to_string());
                view! {
                    {row("Decided by", by)}
                    {row("Decided", local_time(at))}
                    {row("Why", c.decision_reason.clone().unwrap_or_default())}
                }
            });
            let refused = (c.state == CorrectionState::Refused).then(|| {
                view! { <p class="body correction__refused"><strong>{refused_note(&c)}</strong></p> }
            });
            let decide = (mine && c.state == CorrectionState::Open)
                .then(|| view! { <DecideCorrection c=c.clone() reload=reload notice=notice /> });
            view! {
                <li
                    class="correction"
                    id=format!("correction-{}", c.id)
                    data-correction=c.id.to_string()
                    data-state=c.state.as_str()
                >
                    <h3 class="heading-s">
                        {c.field.clone()} " "
                        <span class=state_class(c.state)>{state_text(c.state)}</span>
                    </h3>
                    {refused}
                    <dl class="summary-list">
                        {row("Says", current)}
                        {row("Should say", c.proposed_value.clone())}
                        {row("Reason", c.reason.clone())}
                        {row("Asked by", asked_by(&c))}
                        {row("Asked", local_time(c.requested_at))}
                        {row("State", state_text(c.state).to_owned())}
                        {decided}
                    </dl>
                    {decide}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="list" id="corrections-list">{items}</ul> }.into_any()
}

/// Accept or refuse one open correction, with one reason (the owning force only). Sent with
/// `If-Match` for the version shown; when someone else decided first, the list is reloaded.
#[component]
fn DecideCorrection(
    c: CorrectionDto,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let base = format!("correction-{}", c.id);
    let reason_id = format!("{base}-reason");
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let (id, version, field) = (c.id, c.version, StoredValue::new(c.field.clone()));
    let target = StoredValue::new(reason_id.clone());
    let decide = move |decision: CorrectionDecision| {
        if busy.get_untracked() {
            return;
        }
        let req = DecideCorrectionRequest {
            decision,
            reason: reason.get_untracked().trim().to_owned(),
        };
        let id_of = move |_: &str| target.get_value();
        let problems = check_decision(&req);
        if !problems.is_empty() {
            summary.set(items_for(&problems, &["reason"], id_of));
            errors.set(problems);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = client.decide_correction(id, &req, version).await;
            let _ = busy.try_set(false);
            let field = field.try_get_value().unwrap_or_default();
            match result {
                Ok(d) => {
                    let text = match d.state {
                        CorrectionState::Accepted => format!(
                            "You accepted the correction to {field}. Change the record so that it reads as proposed."
                        ),
                        _ => format!("You refused the correction to {field}. It stays with the record, with your reason."),
                    };
                    let _ = notice.try_set(Some(text));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) if stale(&e) => {
                    let _ = notice.try_set(Some(format!(
                        "Someone else decided the correction to {field} first. The list now shows their decision."
                    )));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let (fields, items) = problems_from(&e, &["reason"], id_of);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };
    let field_name = c.field.clone();
    view! {
        <div class="correction__decide">
            <ErrorSummary items=summary id=format!("{base}-error-summary") />
            <TextArea
                id=reason_id
                label="Reason for your decision"
                hint="Told to whoever asked (for the person, what to tell them). At least 10 characters."
                value=reason
                error=error_for(errors, "reason")
                rows=3
            />
            <div class="button-group">
                <button
                    type="button"
                    class="button"
                    id=format!("{base}-accept")
                    aria-disabled=move || busy.get().to_string()
                    on:click=move |_| decide(CorrectionDecision::Accept)
                >
                    "Accept"
                    <span class="visually-hidden">{format!(" the correction to {field_name}")}</span>
                </button>
                <button
                    type="button"
                    class="button button--warning"
                    id=format!("{base}-refuse")
                    aria-disabled=move || busy.get().to_string()
                    on:click=move |_| decide(CorrectionDecision::Refuse)
                >
                    "Refuse"
                    <span class="visually-hidden">{format!(" the correction to {}", c.field)}</span>
                </button>
            </div>
        </div>
    }
}

/// Whether a decision failed because the correction was decided or changed meanwhile.
fn stale(e: &ApiError) -> bool {
    matches!(
        e.code(),
        Some(ErrorCode::PreconditionFailed | ErrorCode::Conflict)
    )
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct Fields {
    field: RwSignal<String>,
    current_value: RwSignal<String>,
    proposed_value: RwSignal<String>,
    reason: RwSignal<String>,
}

impl Fields {
    /// The request for `person` and the faults the shared rules find.
    fn checked(
        self,
        person: Uuid,
        source: Option<CorrectionSource>,
    ) -> (CreateCorrectionRequest, Vec<FieldError>) {
        let req = CreateCorrectionRequest {
            record: RecordRef {
                kind: RecordKind::Person,
                id: person,
            },
            field: self.field.get_untracked().trim().to_owned(),
            current_value: self.current_value.get_untracked().trim().to_owned(),
            proposed_value: self.proposed_value.get_untracked().trim().to_owned(),
            reason: self.reason.get_untracked().trim().to_owned(),
            source,
        };
        let problems = check_correction(&req);
        (req, problems)
    }

    fn clear(self) {
        for f in [self.field, self.current_value, self.proposed_value, self.reason] {
            let _ = f.try_set(String::new());
        }
    }
}

/// Another force: "Ask {owner} to correct this record". The owner: "Record a request from the
/// person (rectification)", sent as the data subject's. Every fault is shown at once, at its field
/// and in the summary; a fresh idempotency key is used for each new request.
#[component]
fn CorrectionForm(person: Uuid, owner: String, mine: bool, reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let f = Fields {
        field: RwSignal::new(String::new()),
        current_value: RwSignal::new(String::new()),
        proposed_value: RwSignal::new(String::new()),
        reason: RwSignal::new(String::new()),
    };
    let source = mine.then_some(CorrectionSource::DataSubject);
    let form = CreateForm::new(ORDER, form_id);
    form.recheck(
        vec![f.field, f.current_value, f.proposed_value, f.reason],
        move || f.checked(person, source).1,
    );
    let (title, lead, submit, reason_label) = if mine {
        (
            "Record a request from the person (rectification)".to_owned(),
            "The person says something held about them is wrong. Record what they ask for; it is then decided like any other correction.",
            "Record the request",
            "Why (what the person says, and any evidence)",
        )
    } else {
        (
            format!("Ask {owner} to correct this record"),
            "Say what is wrong, what it should say and on what evidence. Only the owning force changes the record.",
            "Send the correction",
            "Why (and on what evidence)",
        )
    };
    let on_submit = move || {
        let (req, problems) = f.checked(person, source);
        form.submit(
            req,
            problems,
            move |req, key| async move { client.create_correction(&req, &key).await },
            move |c: CorrectionDto| {
                f.clear();
                let _ = reload.try_update(|n| *n += 1);
                match c.source {
                    CorrectionSource::DataSubject => format!(
                        "The person's request to correct {} is recorded. It is listed above until it is decided.",
                        c.field
                    ),
                    CorrectionSource::PartnerForce => format!(
                        "Your correction to {} has been sent to {}. It is listed above until they decide.",
                        c.field, c.owner
                    ),
                }
            },
        );
    };
    let fields = view! {
        <TextField
            id=form_id("field")
            label="What is wrong"
            hint="The field, or what it is about: for example, date of birth."
            value=f.field
            error=form.error_at("field")
        />
        <TextField
            id=form_id("current_value")
            label="What it says now"
            hint="Leave empty if the record says nothing about it."
            value=f.current_value
            error=form.error_at("current_value")
        />
        <TextField
            id=form_id("proposed_value")
            label="What it should say"
            value=f.proposed_value
            error=form.error_at("proposed_value")
        />
        <TextArea
            id=form_id("reason")
            label=reason_label
            hint="At least 10 characters."
            value=f.reason
            error=form.error_at("reason")
            rows=4
        />
    };
    view! {
        <h3 class="heading-m" id="correction-form-title">
            {title}
        </h3>
        <p class="body">{lead}</p>
        {form.frame("correction", submit, "Sending…", on_submit, fields)}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bluelamp_shared::ids::{ForceCode, UserId};
    use bluelamp_shared::users::UserRef;

    fn correction(source: CorrectionSource) -> CorrectionDto {
        CorrectionDto {
            id: Uuid::nil(),
            record: RecordRef {
                kind: RecordKind::Person,
                id: Uuid::nil(),
            },
            owner: ForceCode("NS".into()),
            source,
            requested_by: UserRef {
                id: UserId(Uuid::nil()),
                display_name: "Amira Begum".into(),
                collar_number: "WV2201".into(),
            },
            requested_by_force: ForceCode("WV".into()),
            requested_at: chrono::DateTime::default(),
            field: "date of birth".into(),
            current_value: "1990-04-02".into(),
            proposed_value: "1990-02-04".into(),
            reason: "Passport seen".into(),
            state: CorrectionState::Refused,
            decided_by: None,
            decided_at: None,
            decision_reason: None,
            version: 2,
        }
    }

    #[test]
    fn who_asked_and_a_refusal_are_said_in_words() {
        let partner = correction(CorrectionSource::PartnerForce);
        assert_eq!(asked_by(&partner), "Amira Begum (WV2201), WV");
        assert!(refused_note(&partner).starts_with("Refused by NS. WV disputes"));
        let person = correction(CorrectionSource::DataSubject);
        assert!(asked_by(&person).starts_with("The person themselves, recorded by Amira Begum"));
        assert!(refused_note(&person).contains("The person disputes this value"));
        assert_eq!(state_text(CorrectionState::Refused), "Refused");
    }

    #[test]
    fn the_form_fields_have_their_own_ids() {
        assert_eq!(
            ORDER.iter().map(|p| form_id(p)).collect::<Vec<_>>(),
            [
                "correction-field",
                "correction-current-value",
                "correction-proposed-value",
                "correction-reason"
            ]
        );
    }
}

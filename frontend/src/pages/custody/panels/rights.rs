//! The rights panel of a custody record and the solicitor, appropriate adult and interpreter (asked
//! for, and their arrival).

use super::super::fields::{read_time, read_uuid};
use super::super::record::{EntryForm, RecordCtx};
use super::frame::{EntryPanel, TimeOnlyForm};
use super::{at_field, choices_of, code_of, parse_code, status_label, time_or_now, ROLES, STATUSES};
use crate::components::field::ChoiceField;
use crate::components::field::{TextArea, TextField};
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use bluelamp_shared::custody::{
    CustodyEntry, RepresentativeEntry, RepresentativeRole, Right, RightStatus, RightsEntry,
};
use leptos::prelude::*;
use uuid::Uuid;

/// Rights: where each stands, and recording a step (a delay needs a superintendent's authority
/// and a reason).
#[component]
pub(super) fn RightsPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("rights");
    let right = RwSignal::new(code_of(&Right::SomeoneInformed));
    let status = RwSignal::new(code_of(&RightStatus::Offered));
    let at = RwSignal::new(String::new());
    let authorised_by = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let delayed = move || parse_code::<RightStatus>(&status.get()) == Some(RightStatus::Delayed);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let status: RightStatus = parse_code(&status.get_untracked()).unwrap_or(RightStatus::Offered);
        let is_delay = status == RightStatus::Delayed;
        let entry = CustodyEntry::Rights(RightsEntry {
            right: parse_code(&right.get_untracked()).unwrap_or(Right::SomeoneInformed),
            status,
            at: read_time(&mut p, "at", &at.get_untracked()),
            authorised_by: if is_delay {
                read_uuid(
                    &mut p,
                    "authorised_by",
                    &authorised_by.get_untracked(),
                    "the superintendent's user id",
                )
            } else {
                None
            },
            reason: if is_delay {
                reason.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        at.set(String::new());
        authorised_by.set(String::new());
        reason.set(String::new());
    });
    view! {
        <EntryPanel
            ctx=ctx
            id="rights"
            title="Rights"
            form=form
            submit_label="Record"
            entry=build
            done="Recorded."
            on_done=on_done
            intro=view! {
                <ScrollTable id="rights-table" caption="Where each right stands">
                    <thead>
                        <tr>
                            <th scope="col">"Right"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"When"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            ctx.with(|r| r.rights.clone())
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <tr class="right-row" data-right=code_of(&r.right) data-status=r.status.map(|s| code_of(&s)).unwrap_or_default()>
                                            <th scope="row">{r.right.label()}</th>
                                            <td>{r.status.map(status_label).unwrap_or("Not yet offered")}</td>
                                            <td>{r.at.map(local_time).unwrap_or_default()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </ScrollTable>
            }
                .into_any()
        >
            <div class="inline-fields">
                <ChoiceField
                    id=form.id("right")
                    label="Right"
                    value=right
                    options=Signal::derive(|| choices_of(&Right::ALL, Right::label))
                    error=form.err("right")
                />
                <ChoiceField
                    id=form.id("status")
                    label="What happened"
                    value=status
                    options=Signal::derive(|| choices_of(&STATUSES, status_label))
                    error=form.err("status")
                />
            </div>
            {at_field(form, at, "When")}
            <Show when=delayed>
                <div class="row-group">
                    <TextField
                        id=form.id("authorised_by")
                        label="Authorised by (superintendent's user id)"
                        hint="A delay needs a superintendent's authority (PACE s.56(2), s.58(6))."
                        value=authorised_by
                        error=form.err("authorised_by")
                    />
                    <TextArea
                        id=form.id("reason")
                        label="Reason for the delay"
                        hint="It is told to the detainee and reviewed."
                        value=reason
                        error=form.err("reason")
                        rows=3
                    />
                </div>
            </Show>
        </EntryPanel>
    }
}

/// Solicitors, appropriate adults and interpreters: calling one, and recording their arrival.
#[component]
pub(super) fn RepresentativesPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("representative");
    let role = RwSignal::new(code_of(&RepresentativeRole::Solicitor));
    let name = RwSignal::new(String::new());
    let called_at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Representative(RepresentativeEntry {
            role: parse_code(&role.get_untracked()).unwrap_or(RepresentativeRole::Solicitor),
            name: name.get_untracked().trim().to_owned(),
            called_at: time_or_now(ctx, &mut p, "called_at", &called_at.get_untracked()),
            arrived_at: None,
            of: None,
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        name.set(String::new());
        called_at.set(String::new());
    });
    view! {
        <EntryPanel
            ctx=ctx
            id="representatives"
            title="Solicitor, appropriate adult, interpreter"
            form=form
            submit_label="Record the call"
            entry=build
            done="Call recorded."
            on_done=on_done
            intro=view! {
                {move || {
                    ctx.with(|r| r.representatives.is_empty())
                        .then(|| view! { <p class="body">"No one has been called."</p> })
                }}
                <ul class="list representatives">
                    <For each=move || ctx.with(|r| r.representatives.clone()) key=|r| (r.id, r.arrived_at) let:r>
                        <li class="row-group representative" data-entry=r.id.to_string()>
                            <p class="body">
                                <strong>{format!("{}: {}", r.role.label(), r.name)}</strong>
                                {format!(
                                    " · called {}",
                                    r.called_at.map(local_time).unwrap_or_else(|| "—".to_owned()),
                                )}
                                {match r.arrived_at {
                                    Some(a) => format!(" · arrived {}", local_time(a)).into_any(),
                                    None => view! { " · " <strong class="tag tag--awaited">"Awaited"</strong> }.into_any(),
                                }}
                            </p>
                            {r.arrived_at.is_none().then(|| view! { <ArrivalForm ctx=ctx of=r.id role=r.role name=r.name.clone() /> })}
                        </li>
                    </For>
                </ul>
                <h3 class="heading-m">"Call someone"</h3>
            }
                .into_any()
        >
            <div class="inline-fields">
                <ChoiceField
                    id=form.id("role")
                    label="Who"
                    value=role
                    options=Signal::derive(|| choices_of(&ROLES, RepresentativeRole::label))
                    error=form.err("role")
                />
                <TextField id=form.id("name") label="Name (and firm or agency)" value=name error=form.err("name") />
            </div>
            <TextField
                id=form.id("called_at")
                label="Called at"
                hint="Leave empty for now."
                input_type="datetime-local"
                value=called_at
                error=form.err("called_at")
            />
        </EntryPanel>
    }
}

/// Recording the arrival of someone called (`#arrival-form-{entry id}`).
#[component]
pub(super) fn ArrivalForm(ctx: RecordCtx, of: Uuid, role: RepresentativeRole, name: String) -> impl IntoView {
    let name = StoredValue::new(name);
    let entry = Callback::new(move |arrived_at| {
        CustodyEntry::Representative(RepresentativeEntry {
            role,
            name: name.get_value(),
            called_at: None,
            arrived_at,
            of: Some(of),
        })
    });
    view! {
        <TimeOnlyForm
            ctx=ctx
            prefix=format!("arrival-{of}")
            form_id=format!("arrival-form-{of}")
            path="arrived_at"
            label="Arrived at"
            submit_label="Record arrival"
            done="Arrival recorded."
            entry=entry
        />
    }
}

//! The consortium administrator's sections: the forces of the consortium, adding a force, and
//! adding a user (typically the first force administrator) to a force.

use super::create_user::{CreateUserForm, Target};
use crate::api::AuthClient;
use crate::components::error_summary::{
    error_for, items_for, keep_unfixed, problems_from, ErrorItem, ErrorSummary,
};
use crate::components::field::TextField;
use crate::components::ids::new_idempotency_key;
use crate::components::loader::{load, loaded};
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::session::use_session;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::forces::{check_new_force, CreateForceRequest, ForceDetailDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The add-force form's fields, top to bottom.
const FORM_ORDER: &[&str] = &["code", "name", "pnc_code"];

/// Field path → element id in the add-force form.
fn new_force_id(path: &str) -> String {
    format!("new-force-{path}")
}

/// The forces table, the add-force form and the add-user-to-a-force form, over one list of forces
/// (reloaded once a force is added, so the new force is in the table and the choice of force).
#[component]
pub(super) fn ForcesSections() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let forces = load(reload, move || async move { client.forces().await });
    let choices = Signal::derive(move || {
        forces.with(|f| match f {
            Some(Ok(all)) => all
                .iter()
                .map(|f| (f.code.0.clone(), format!("{} ({})", f.name, f.code)))
                .collect(),
            _ => Vec::new(),
        })
    });
    // Bumped when a user is created (nothing on this part of the page lists users).
    let users_reload = RwSignal::new(0u32);
    view! {
        <Section id="forces" title="Forces of the consortium">
            {loaded(forces, |all| forces_table(all).into_any())}
        </Section>
        <AddForceForm reload=reload />
        <CreateUserForm reload=users_reload target=Target::ChosenForce(choices) />
    }
}

/// The forces, one row each.
fn forces_table(all: Vec<ForceDetailDto>) -> impl IntoView {
    view! {
        <ScrollTable id="forces-table" caption="The forces of the consortium">
            <thead>
                <tr>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"PNC code"</th>
                </tr>
            </thead>
            <tbody>
                {all
                    .into_iter()
                    .map(|f| {
                        let code = f.code.0;
                        let data = code.clone();
                        view! {
                            <tr class="table__row" data-force=data>
                                <th scope="row" class="table__header">{code}</th>
                                <td class="table__cell">{f.name}</td>
                                <td class="table__cell">{f.pnc_code.unwrap_or_else(|| "—".to_owned())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </ScrollTable>
    }
}

/// The add-force form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewForce {
    code: RwSignal<String>,
    name: RwSignal<String>,
    pnc_code: RwSignal<String>,
}

impl NewForce {
    fn request(self) -> CreateForceRequest {
        CreateForceRequest {
            code: self.code.get_untracked().trim().to_owned(),
            name: self.name.get_untracked().trim().to_owned(),
            pnc_code: self.pnc_code.get_untracked().trim().to_owned(),
        }
    }
}

/// "Add a force": the shared rules are checked before sending; a code or PNC code already taken
/// comes back from the server against its field.
#[component]
fn AddForceForm(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let f = NewForce {
        code: RwSignal::new(String::new()),
        name: RwSignal::new(String::new()),
        pnc_code: RwSignal::new(String::new()),
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    // One key per request meant (see the create-user form).
    let key = StoredValue::new(new_idempotency_key());
    let last_sent = StoredValue::new(None::<CreateForceRequest>);

    // After a failed submit, each message goes as soon as its field is put right.
    Effect::new(move |_| {
        f.code.track();
        f.name.track();
        f.pnc_code.track();
        keep_unfixed(errors, check_new_force(&f.request()));
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = f.request();
        let problems = check_new_force(&req);
        added.set(None);
        if !problems.is_empty() {
            summary.set(items_for(&problems, FORM_ORDER, new_force_id));
            errors.set(problems);
            return;
        }
        if last_sent.with_value(|l| l.as_ref() != Some(&req)) {
            key.set_value(new_idempotency_key());
            last_sent.set_value(Some(req.clone()));
        }
        let idempotency_key = key.get_value();
        busy.set(true);
        spawn_local(async move {
            let result = client.create_force(&req, &idempotency_key).await;
            let _ = busy.try_set(false);
            match result {
                Ok(force) => {
                    for s in [f.code, f.name, f.pnc_code] {
                        let _ = s.try_set(String::new());
                    }
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(Vec::new());
                    key.try_set_value(new_idempotency_key());
                    last_sent.try_set_value(None);
                    let _ = added.try_set(Some(format!(
                        "{} ({}) has joined the consortium. It sees nothing of the other forces until they agree to share. Add its first administrator below.",
                        force.name, force.code
                    )));
                    let _ = reload.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let (fields, items) = problems_from(&e, FORM_ORDER, new_force_id);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
        });
    };

    view! {
        <Section id="add-force" title="Add a force">
            <div class="notification" role="status">
                {move || added.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=summary id="add-force-error-summary" />
            <form novalidate on:submit=on_submit id="add-force-form">
                <TextField
                    id=new_force_id("code")
                    label="Force code"
                    hint="2 to 4 capital letters, used in crime reference numbers. For example, MR."
                    value=f.code
                    error=error_for(errors, "code")
                />
                <TextField
                    id=new_force_id("name")
                    label="Name"
                    hint="For example, Mercia Regional Police."
                    value=f.name
                    error=error_for(errors, "name")
                />
                <TextField
                    id=new_force_id("pnc_code")
                    label="PNC force code"
                    hint="The force's two-digit Police National Computer code, 01 to 99."
                    value=f.pnc_code
                    error=error_for(errors, "pnc_code")
                />
                <button
                    type="submit"
                    class="button"
                    id="add-force-submit"
                    aria-disabled=move || busy.get().to_string()
                >
                    {move || if busy.get() { "Adding the force…" } else { "Add the force" }}
                </button>
            </form>
        </Section>
    }
}

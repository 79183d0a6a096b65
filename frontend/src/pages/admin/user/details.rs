//! "Change details": the user's name, rank, roles (not a partner's, which their organisation gives)
//! and the station, team or unit they belong to. Only what was changed is sent, checked first with
//! the shared rules the create form uses.

use super::super::roles::RolesFieldset;
use super::{FormState, UserCtx};
use crate::components::error_summary::keep_unfixed;
use crate::components::field::{ChoiceField, TextField};
use bluelamp_shared::auth::{AccountKind, Role};
use bluelamp_shared::error::FieldError;
use bluelamp_shared::users::{UpdateUserRequest, UserDto};
use bluelamp_shared::validation::check;
use leptos::prelude::*;

/// The element-id prefix of the form.
const PREFIX: &str = "user-details";

/// The form's fields, top to bottom.
const ORDER: &[&str] = &["display_name", "rank", "roles", "unit_id"];

/// Field path → element id (the summary's link for "roles" leads to the first checkbox).
fn id_of(path: &str) -> String {
    if path == "roles" {
        let first = Role::ALL
            .into_iter()
            .find(|r| r.granted_by_force())
            .unwrap_or(Role::ALL[0]);
        format!("{PREFIX}-role-{}", first.as_str())
    } else {
        crate::components::field::fid(PREFIX, path)
    }
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct Details {
    display_name: RwSignal<String>,
    rank: RwSignal<String>,
    roles: RwSignal<Vec<Role>>,
    /// The unit's id, or empty for none.
    unit: RwSignal<String>,
}

/// `roles`, sorted.
fn sorted(roles: &[Role]) -> Vec<Role> {
    let mut rs = roles.to_vec();
    rs.sort();
    rs
}

impl Details {
    /// Shows `u` in the form.
    fn fill(self, u: &UserDto) {
        self.display_name.set(u.display_name.clone());
        self.rank.set(u.rank.clone());
        self.roles.set(u.roles.clone());
        self.unit
            .set(u.unit_id.map(|id| id.to_string()).unwrap_or_default());
    }

    /// What differs from `u` (roles only for an officer's account), and the shared rules' faults.
    fn changes(self, u: &UserDto) -> (UpdateUserRequest, Vec<FieldError>) {
        let display_name = self.display_name.get_untracked().trim().to_owned();
        let rank = self.rank.get_untracked().trim().to_owned();
        let roles = sorted(&self.roles.get_untracked());
        let unit = self.unit.get_untracked();
        let current_unit = u.unit_id.map(|id| id.to_string()).unwrap_or_default();
        let req = UpdateUserRequest {
            display_name: (display_name != u.display_name).then_some(display_name),
            rank: (rank != u.rank).then_some(rank),
            roles: (u.kind == AccountKind::Officer && roles != sorted(&u.roles)).then_some(roles),
            unit_id: (unit != current_unit).then_some(unit),
            ..Default::default()
        };
        let problems = check(&req);
        (req, problems)
    }
}

/// The choice of unit: "None", then the force's open stations, teams and units.
#[component]
fn UnitSelect(ctx: UserCtx, unit: RwSignal<String>, error: Signal<Option<String>>) -> impl IntoView {
    let id = id_of("unit_id");
    let options = move || {
        ctx.units.with(|all| match all {
            Some(Ok(all)) => all
                .iter()
                .filter(|u| u.active)
                .map(|u| (u.id.to_string(), format!("{} ({})", u.name, u.code)))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    let trouble = move || {
        ctx.units.with(|all| match all {
            Some(Err(e)) => Some(view! {
                <p class="error-message" role="alert">
                    {format!("The stations, teams and units could not be listed: {}", e.message())}
                </p>
            }),
            _ => None,
        })
    };
    view! {
        {trouble}
        <ChoiceField
            id=id
            label="Station, team or unit"
            value=unit
            options=Signal::derive(options)
            error=error
            empty="None"
            hint="Where they work. Only open stations, teams and units are offered."
        />
    }
}

/// "Change details".
#[component]
pub(super) fn DetailsSection(ctx: UserCtx) -> impl IntoView {
    let form = FormState::new(PREFIX, ORDER, id_of);
    let d = Details {
        display_name: RwSignal::new(String::new()),
        rank: RwSignal::new(String::new()),
        roles: RwSignal::new(Vec::new()),
        unit: RwSignal::new(String::new()),
    };
    // Each read of the user shows them as read (a change made elsewhere replaces what was typed).
    Effect::new(move |_| {
        ctx.fresh.track();
        ctx.user.with_untracked(|u| {
            if let Some(u) = u {
                d.fill(u);
            }
        });
    });
    // After a refused submit, each message goes as soon as its field is put right.
    Effect::new(move |_| {
        d.display_name.track();
        d.rank.track();
        d.roles.track();
        let found = ctx
            .user
            .with_untracked(|u| u.as_ref().map(|u| d.changes(u).1))
            .unwrap_or_default();
        keep_unfixed(form.errors, found);
    });
    let officer = Memo::new(move |_| {
        ctx.user
            .with(|u| u.as_ref().is_some_and(|u| u.kind == AccountKind::Officer))
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy.get_untracked() {
            return;
        }
        let Some((req, problems)) = ctx.user.with_untracked(|u| u.as_ref().map(|u| d.changes(u))) else {
            return;
        };
        if !problems.is_empty() {
            form.show(problems);
            return;
        }
        if req == UpdateUserRequest::default() {
            form.errors.set(Vec::new());
            form.summary.set(Vec::new());
            form.notice.set(Some(
                "Nothing was saved: you have not changed any detail.".to_owned(),
            ));
            return;
        }
        ctx.change(form, req, move |u| {
            d.fill(u);
            format!("{}'s details are saved.", u.display_name)
        });
    };
    let busy = form.busy;
    view! {
        <section class="section" id=PREFIX aria-labelledby="user-details-title">
            <h2 class="heading-l" id="user-details-title">
                "Change details"
            </h2>
            {form.outcome()}
            <form novalidate id="user-details-form" on:submit=on_submit>
                <TextField
                    id=id_of("display_name")
                    label="Full name"
                    value=d.display_name
                    error=form.error_at("display_name")
                />
                <TextField
                    id=id_of("rank")
                    label="Rank or grade"
                    hint="For example, Police Constable."
                    value=d.rank
                    error=form.error_at("rank")
                />
                <Show
                    when=move || officer.get()
                    fallback=|| {
                        view! {
                            <p class="body" id="user-details-partner-roles">
                                "A partner's account holds the role its organisation gives: it cannot be changed here."
                            </p>
                        }
                    }
                >
                    <RolesFieldset prefix=PREFIX roles=d.roles error=form.error_at("roles") />
                </Show>
                <UnitSelect ctx=ctx unit=d.unit error=form.error_at("unit_id") />
                <button type="submit" class="button" id="user-details-submit" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Saving…" } else { "Save details" }}
                </button>
            </form>
        </section>
    }
}

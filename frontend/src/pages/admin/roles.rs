//! A checkbox per role a force grants, as one group: the roles of a new user (the create-user form,
//! for either target) and the roles that must use an authenticator app (the multi-factor policy).

use crate::components::field::{described_by, ErrorMessage};
use bluelamp_shared::auth::Role;
use leptos::prelude::*;

/// The roles, one checkbox each (those a force grants), ticking them in `roles`. The group's ids
/// start with `prefix`: `{prefix}-role-{role}` for each checkbox, `{prefix}-roles-hint` and
/// `{prefix}-roles-error`.
#[component]
pub(super) fn RolesFieldset(
    /// The form's id prefix.
    prefix: &'static str,
    /// The roles ticked.
    roles: RwSignal<Vec<Role>>,
    /// The group's error, if any.
    error: Signal<Option<String>>,
    /// The group's question.
    #[prop(default = "Roles")]
    legend: &'static str,
    /// What ticking a role means.
    #[prop(default = "Select every role the user holds. Access is what the roles give together.")]
    hint: &'static str,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group--error=move || error.with(Option::is_some)>
            <fieldset class="fieldset" aria-describedby=described_by(&format!("{prefix}-roles"), true, error)>
                <legend class="fieldset__legend">{legend}</legend>
                <p class="hint" id=format!("{prefix}-roles-hint")>
                    {hint}
                </p>
                <ErrorMessage id=format!("{prefix}-roles-error") error=error />
                <div class="checkboxes">
                    {Role::ALL
                        .into_iter()
                        .filter(|r| r.granted_by_force())
                        .map(|role| {
                            let id = format!("{prefix}-role-{}", role.as_str());
                            view! {
                                <div class="checkboxes__item">
                                    <input
                                        class="checkboxes__input"
                                        type="checkbox"
                                        id=id.clone()
                                        name=format!("{prefix}-roles")
                                        value=role.as_str()
                                        prop:checked=move || roles.with(|r| r.contains(&role))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            roles
                                                .update(|r| {
                                                    r.retain(|x| *x != role);
                                                    if on {
                                                        r.push(role);
                                                    }
                                                });
                                        }
                                    />
                                    <label class="label checkboxes__label" for=id>
                                        {role.label()}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

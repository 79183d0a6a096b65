//! The create-user form of the administration page.

use crate::api::AuthClient;
use crate::components::error_summary::{error_for, items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{described_by, ErrorMessage, TextField};
use crate::components::ids::new_idempotency_key;
use crate::session::use_session;
use bluelamp_shared::auth::Role;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::users::CreateUserRequest;
use bluelamp_shared::validation::check;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The create-user form's fields, top to bottom.
const FORM_ORDER: &[&str] = &[
    "username",
    "display_name",
    "collar_number",
    "rank",
    "roles",
    "password",
];

/// Field path → element id in the create-user form.
fn new_user_id(path: &str) -> String {
    if path == "roles" {
        // The summary link for "roles" leads to the first checkbox.
        format!("new-user-role-{}", Role::ALL[0].as_str())
    } else {
        format!("new-user-{path}")
    }
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewUser {
    username: RwSignal<String>,
    display_name: RwSignal<String>,
    collar_number: RwSignal<String>,
    rank: RwSignal<String>,
    password: RwSignal<String>,
    roles: RwSignal<Vec<Role>>,
}

impl NewUser {
    fn new() -> Self {
        Self {
            username: RwSignal::new(String::new()),
            display_name: RwSignal::new(String::new()),
            collar_number: RwSignal::new(String::new()),
            rank: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            roles: RwSignal::new(Vec::new()),
        }
    }

    fn request(self) -> CreateUserRequest {
        let mut rs = self.roles.get_untracked();
        rs.sort();
        CreateUserRequest {
            username: self.username.get_untracked().trim().to_owned(),
            display_name: self.display_name.get_untracked().trim().to_owned(),
            collar_number: self.collar_number.get_untracked().trim().to_owned(),
            rank: self.rank.get_untracked().trim().to_owned(),
            roles: rs,
            password: self.password.get_untracked(),
        }
    }

    /// Re-checks field `path` if it shows an error, so the message goes (or changes) as soon
    /// as it is put right.
    fn revalidate(self, errors: RwSignal<Vec<FieldError>>, path: &'static str) {
        if !errors.with_untracked(|es| es.iter().any(|e| e.path == path)) {
            return;
        }
        let found: Vec<FieldError> = check(&self.request())
            .into_iter()
            .filter(|e| e.path == path)
            .collect();
        errors.update(|es| {
            es.retain(|e| e.path != path);
            es.extend(found);
        });
    }
}

/// Where the submit shows how it went, and the key it keeps between presses.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Vec<ErrorItem>>,
    busy: RwSignal<bool>,
    created: RwSignal<Option<String>>,
    key: StoredValue<String>,
    last_sent: StoredValue<Option<CreateUserRequest>>,
}

/// Checks and sends the new user; once created, the form is emptied and the tables reload.
fn submit(client: AuthClient, u: NewUser, o: Outcome, reload: RwSignal<u32>) {
    let NewUser {
        username,
        display_name,
        collar_number,
        rank,
        password,
        roles,
    } = u;
    let Outcome {
        errors,
        summary,
        busy,
        created,
        key,
        last_sent,
    } = o;
    if busy.get_untracked() {
        return;
    }
    let req = u.request();
    let problems = check(&req);
    if !problems.is_empty() {
        created.set(None);
        summary.set(items_for(&problems, FORM_ORDER, new_user_id));
        errors.set(problems);
        return;
    }
    if last_sent.with_value(|l| l.as_ref() != Some(&req)) {
        key.set_value(new_idempotency_key());
        last_sent.set_value(Some(req.clone()));
    }
    let idempotency_key = key.get_value();
    busy.set(true);
    created.set(None);
    spawn_local(async move {
        let result = client.create_user(&req, &idempotency_key).await;
        let _ = busy.try_set(false);
        match result {
            Ok(user) => {
                for f in [username, display_name, collar_number, rank, password] {
                    let _ = f.try_set(String::new());
                }
                let _ = roles.try_set(Vec::new());
                let _ = errors.try_set(Vec::new());
                let _ = summary.try_set(Vec::new());
                key.try_set_value(new_idempotency_key());
                last_sent.try_set_value(None);
                let _ = created.try_set(Some(format!(
                    "{} ({}) has been created.",
                    user.display_name, user.username
                )));
                let _ = reload.try_update(|n| *n += 1);
            }
            Err(e) => {
                let (fields, items) = problems_from(&e, FORM_ORDER, new_user_id);
                let _ = errors.try_set(fields);
                let _ = summary.try_set(items);
            }
        }
    });
}

/// The roles, one checkbox each (those a force grants).
#[component]
fn RolesFieldset(u: NewUser, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let roles = u.roles;
    let revalidate = move |path: &'static str| u.revalidate(errors, path);
    let roles_error = error_for(errors, "roles");
    view! {
        <div
            class="form-group"
            class:form-group--error=move || roles_error.with(Option::is_some)
        >
            <fieldset
                class="fieldset"
                aria-describedby=described_by("new-user-roles", true, roles_error)
            >
                <legend class="fieldset__legend">"Roles"</legend>
                <p class="hint" id="new-user-roles-hint">
                    "Select every role the user holds. Access is what the roles give together."
                </p>
                <ErrorMessage id="new-user-roles-error" error=roles_error />
                <div class="checkboxes">
                    {Role::ALL
                        .into_iter()
                        .filter(|r| r.granted_by_force())
                        .map(|role| {
                            let id = format!("new-user-role-{}", role.as_str());
                            view! {
                                <div class="checkboxes__item">
                                    <input
                                        class="checkboxes__input"
                                        type="checkbox"
                                        id=id.clone()
                                        name="roles"
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
                                            revalidate("roles");
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

#[component]
pub(super) fn CreateUserForm(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let u = NewUser::new();
    let NewUser {
        username,
        display_name,
        collar_number,
        rank,
        password,
        ..
    } = u;
    // One key per request the user means to make: a double submit or a retry of the same
    // request reuses it, so the server creates one user only. Editing the form makes it a new
    // request with a new key.
    let o = Outcome {
        errors: RwSignal::new(Vec::new()),
        summary: RwSignal::new(Vec::new()),
        busy: RwSignal::new(false),
        created: RwSignal::new(None),
        key: StoredValue::new(new_idempotency_key()),
        last_sent: StoredValue::new(None),
    };
    let Outcome {
        errors,
        summary,
        busy,
        created,
        ..
    } = o;

    // Inline validation with the shared rules: every field is checked on submit; afterwards a
    // field that shows an error is re-checked as the user types, so the message goes (or
    // changes) as soon as it is put right. New errors are not raised while typing or on blur:
    // that would shift the layout under the pointer.
    for (path, value) in [
        ("username", username),
        ("display_name", display_name),
        ("collar_number", collar_number),
        ("rank", rank),
        ("password", password),
    ] {
        Effect::new(move |_| {
            value.track();
            u.revalidate(errors, path);
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(client, u, o, reload);
    };

    view! {
        <section class="section" aria-labelledby="create-user-title">
            <h2 class="heading-l" id="create-user-title">
                "Create a user"
            </h2>
            <div class="notification" role="status">
                {move || {
                    created.get().map(|m| view! { <p class="notification__body">{m}</p> })
                }}
            </div>
            <ErrorSummary items=summary id="create-user-error-summary" />
            <form novalidate on:submit=on_submit>
                <TextField
                    id="new-user-username"
                    label="User name"
                    hint="3 to 40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter. For example, ns.okafor."
                    value=username
                    error=error_for(errors, "username")
                />
                <TextField
                    id="new-user-display_name"
                    label="Full name"
                    autocomplete="off"
                    value=display_name
                    error=error_for(errors, "display_name")
                />
                <TextField
                    id="new-user-collar_number"
                    label="Collar number"
                    hint="2 to 8 letters or digits."
                    value=collar_number
                    error=error_for(errors, "collar_number")
                />
                <TextField
                    id="new-user-rank"
                    label="Rank or grade"
                    hint="For example, Police Constable."
                    value=rank
                    error=error_for(errors, "rank")
                />
                <RolesFieldset u=u errors=errors />
                <TextField
                    id="new-user-password"
                    label="Initial password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 12 characters, and not a commonly used password. The user should change it when they first sign in."
                    value=password
                    error=error_for(errors, "password")
                />
                <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Creating user…" } else { "Create user" }}
                </button>
            </form>
        </section>
    }
}

//! The create-user form of the administration page: for the administrator's own force ("Create a
//! user"), or for a force chosen in the form ("Add a user to a force", consortium administrators
//! creating a new force's first administrator). One form, parameterised by its [`Target`].

use super::roles::RolesFieldset;
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{error_for, items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{SelectField, TextField};
use crate::components::ids::new_idempotency_key;
use crate::session::use_session;
use bluelamp_shared::auth::Role;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::users::{CreateUserRequest, UserDto};
use bluelamp_shared::validation::check;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's fields, top to bottom.
const FORM_ORDER: &[&str] = &[
    "force",
    "username",
    "display_name",
    "collar_number",
    "rank",
    "roles",
    "password",
];

/// Where the form creates the user.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
    /// The administrator's own force (`POST /users`).
    OwnForce,
    /// A force chosen in the form from these `(code, name)` pairs (`POST /forces/{code}/users`).
    ChosenForce(Signal<Vec<(String, String)>>),
}

impl Target {
    /// The prefix of the form's element ids (two forms on one page never share an id).
    fn prefix(self) -> &'static str {
        match self {
            Target::OwnForce => "new-user",
            Target::ChosenForce(_) => "force-user",
        }
    }

    /// The section's heading.
    fn title(self) -> &'static str {
        match self {
            Target::OwnForce => "Create a user",
            Target::ChosenForce(_) => "Add a user to a force",
        }
    }

    /// Field path → element id in this form.
    fn id_of(self, path: &str) -> String {
        let prefix = self.prefix();
        if path == "roles" {
            // The summary link for "roles" leads to the first checkbox.
            format!("{prefix}-role-{}", Role::ALL[0].as_str())
        } else {
            format!("{prefix}-{path}")
        }
    }

    /// The shared rules, and (when the force is chosen here) that one is.
    fn problems(self, u: NewUser) -> Vec<FieldError> {
        let mut found = Vec::new();
        if matches!(self, Target::ChosenForce(_)) && u.force.with_untracked(|f| f.is_empty()) {
            found.push(FieldError::new(
                "force",
                "required",
                "Choose the force the user will belong to",
            ));
        }
        found.extend(check(&u.request()));
        found
    }
}

/// The form's inputs.
#[derive(Debug, Clone, Copy)]
struct NewUser {
    force: RwSignal<String>,
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
            force: RwSignal::new(String::new()),
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

    /// Empties the form (the chosen force stays, for the force's next user).
    fn clear(self) {
        for f in [
            self.username,
            self.display_name,
            self.collar_number,
            self.rank,
            self.password,
        ] {
            let _ = f.try_set(String::new());
        }
        let _ = self.roles.try_set(Vec::new());
    }

    /// Re-checks field `path` if it shows an error, so the message goes (or changes) as soon
    /// as it is put right.
    fn revalidate(self, target: Target, errors: RwSignal<Vec<FieldError>>, path: &'static str) {
        if !errors.with_untracked(|es| es.iter().any(|e| e.path == path)) {
            return;
        }
        let found: Vec<FieldError> = target
            .problems(self)
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
    last_sent: StoredValue<Option<(String, CreateUserRequest)>>,
}

/// Sends the request to the target's endpoint.
async fn send(
    client: AuthClient,
    target: Target,
    force: &str,
    req: &CreateUserRequest,
    key: &str,
) -> Result<UserDto, ApiError> {
    match target {
        Target::OwnForce => client.create_user(req, key).await,
        Target::ChosenForce(_) => client.create_force_user(force, req, key).await,
    }
}

/// Checks and sends the new user; once created, the form is emptied and the tables reload.
fn submit(client: AuthClient, target: Target, u: NewUser, o: Outcome, reload: RwSignal<u32>) {
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
    let id_of = move |p: &str| target.id_of(p);
    let problems = target.problems(u);
    if !problems.is_empty() {
        created.set(None);
        summary.set(items_for(&problems, FORM_ORDER, id_of));
        errors.set(problems);
        return;
    }
    let req = u.request();
    let force = u.force.get_untracked();
    let sending = Some((force.clone(), req.clone()));
    if last_sent.with_value(|l| *l != sending) {
        key.set_value(new_idempotency_key());
        last_sent.set_value(sending);
    }
    let idempotency_key = key.get_value();
    busy.set(true);
    created.set(None);
    spawn_local(async move {
        let result = send(client, target, &force, &req, &idempotency_key).await;
        let _ = busy.try_set(false);
        match result {
            Ok(user) => {
                u.clear();
                let _ = errors.try_set(Vec::new());
                let _ = summary.try_set(Vec::new());
                key.try_set_value(new_idempotency_key());
                last_sent.try_set_value(None);
                let whom = format!("{} ({})", user.display_name, user.username);
                let _ = created.try_set(Some(match target {
                    Target::OwnForce => format!("{whom} has been created."),
                    Target::ChosenForce(_) => format!("{whom} has been created in force {force}."),
                }));
                let _ = reload.try_update(|n| *n += 1);
            }
            Err(e) => {
                let (fields, items) = problems_from(&e, FORM_ORDER, id_of);
                let _ = errors.try_set(fields);
                let _ = summary.try_set(items);
            }
        }
    });
}

/// The choice of force, when the form has one.
fn force_field(target: Target, force: RwSignal<String>, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let Target::ChosenForce(forces) = target else {
        return ().into_any();
    };
    view! {
        <SelectField
            id=target.id_of("force")
            label="Force"
            value=force
            options=forces
            error=error_for(errors, "force")
            empty="Choose a force"
        />
    }
    .into_any()
}

/// A form creating a user in `target`'s force; `reload` is bumped once one is created.
#[component]
pub(super) fn CreateUserForm(reload: RwSignal<u32>, target: Target) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let u = NewUser::new();
    let NewUser {
        force,
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
        ("force", force),
        ("username", username),
        ("display_name", display_name),
        ("collar_number", collar_number),
        ("rank", rank),
        ("password", password),
    ] {
        Effect::new(move |_| {
            value.track();
            u.revalidate(target, errors, path);
        });
    }
    Effect::new(move |_| {
        u.roles.track();
        u.revalidate(target, errors, "roles");
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(client, target, u, o, reload);
    };
    let prefix = target.prefix();
    let id = move |path: &str| format!("{prefix}-{path}");

    view! {
        <section class="section" aria-labelledby=id("title")>
            <h2 class="heading-l" id=id("title")>
                {target.title()}
            </h2>
            <div class="notification" role="status">
                {move || {
                    created.get().map(|m| view! { <p class="notification__body">{m}</p> })
                }}
            </div>
            <ErrorSummary items=summary id=id("error-summary") />
            <form novalidate on:submit=on_submit id=id("form")>
                {force_field(target, force, errors)}
                <TextField
                    id=id("username")
                    label="User name"
                    hint="3 to 40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter. For example, ns.okafor."
                    value=username
                    error=error_for(errors, "username")
                />
                <TextField
                    id=id("display_name")
                    label="Full name"
                    autocomplete="off"
                    value=display_name
                    error=error_for(errors, "display_name")
                />
                <TextField
                    id=id("collar_number")
                    label="Collar number"
                    hint="2 to 8 letters or digits."
                    value=collar_number
                    error=error_for(errors, "collar_number")
                />
                <TextField
                    id=id("rank")
                    label="Rank or grade"
                    hint="For example, Police Constable."
                    value=rank
                    error=error_for(errors, "rank")
                />
                <RolesFieldset prefix=prefix roles=u.roles error=error_for(errors, "roles") />
                <TextField
                    id=id("password")
                    label="Initial password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 12 characters, and not a commonly used password. The user should change it when they first sign in."
                    value=password
                    error=error_for(errors, "password")
                />
                <button type="submit" class="button" id=id("submit") aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Creating user…" } else { "Create user" }}
                </button>
            </form>
        </section>
    }
}

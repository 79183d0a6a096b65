//! `/admin`: the force administrator's page — the users of their force, a form to create one,
//! and the most recent entries of the audit log.

use crate::api::AuthClient;
use crate::components::error_summary::{error_for, items_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::{described_by, ErrorMessage, TextField};
use crate::components::ids::new_idempotency_key;
use crate::components::module_page::ModulePage;
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::audit::AuditEventDto;
use bluelamp_shared::auth::Role;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::paging::Page as ApiPage;
use bluelamp_shared::users::{CreateUserRequest, UserDto};
use bluelamp_shared::validation::check;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The administration page.
#[component]
pub fn AdminPage() -> impl IntoView {
    // Bumped after a user is created, so both tables reload (keeping their old rows meanwhile).
    let reload = RwSignal::new(0u32);
    view! {
        <ModulePage page=Page::Admin>
            <p class="body">"Manage the user accounts of your force and see what has been done."</p>
            <UsersTable reload=reload />
            <CreateUserForm reload=reload />
            <AuditTable reload=reload />
            <RecordAudit />
        </ModulePage>
    }
}

fn status_of(u: &UserDto) -> &'static str {
    if !u.active {
        "Deactivated"
    } else if u.locked_until.is_some() {
        "Locked"
    } else {
        "Active"
    }
}

fn user_row(u: UserDto) -> impl IntoView {
    let roles = u.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
    view! {
        <tr class="table__row">
            <th scope="row" class="table__header">{u.display_name.clone()}</th>
            <td class="table__cell">{u.username.clone()}</td>
            <td class="table__cell">{u.collar_number.clone()}</td>
            <td class="table__cell">{u.rank.clone()}</td>
            <td class="table__cell">{roles}</td>
            <td class="table__cell">{status_of(&u)}</td>
        </tr>
    }
}

#[component]
fn UsersTable(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let first = LocalResource::new(move || {
        reload.track();
        async move { client.users(None).await }
    });
    // Pages fetched with "Load more", and the cursor after the last of them.
    let more = RwSignal::new(Vec::<UserDto>::new());
    let more_cursor = RwSignal::new(None::<Option<String>>);
    let loading_more = RwSignal::new(false);
    let more_error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        reload.track();
        more.set(Vec::new());
        more_cursor.set(None);
        more_error.set(None);
    });

    let load_more = move |cursor: String| {
        if loading_more.get_untracked() {
            return;
        }
        loading_more.set(true);
        more_error.set(None);
        spawn_local(async move {
            let result = client.users(Some(cursor)).await;
            let _ = loading_more.try_set(false);
            match result {
                Ok(page) => {
                    more.try_update(|m| m.extend(page.items));
                    more_cursor.try_set(Some(page.next_cursor));
                }
                Err(e) => {
                    more_error.try_set(Some(e.message()));
                }
            }
        });
    };

    view! {
        <section class="section" aria-labelledby="users-title">
            <h2 class="heading-l" id="users-title">
                "Users of your force"
            </h2>
            <Transition fallback=|| {
                view! {
                    <p class="body" role="status">
                        "Loading users…"
                    </p>
                }
            }>
                {move || Suspend::new(async move {
                    match first.await {
                        Err(e) => view! { <p class="error-message">{e.message()}</p> }.into_any(),
                        Ok(page) => {
                            let first_next = page.next_cursor.clone();
                            let next = move || more_cursor.get().unwrap_or_else(|| first_next.clone());
                            view! {
                                <div class="table-wrapper">
                                    <table class="table">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Name"</th>
                                                <th scope="col">"User name"</th>
                                                <th scope="col">"Collar number"</th>
                                                <th scope="col">"Rank"</th>
                                                <th scope="col">"Roles"</th>
                                                <th scope="col">"Status"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {page.items.into_iter().map(user_row).collect_view()}
                                            {move || more.get().into_iter().map(user_row).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {move || more_error.get().map(|m| view! { <p class="error-message">{m}</p> })}
                                {move || {
                                    next()
                                        .map(|cursor| {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button button--secondary"
                                                    aria-disabled=move || loading_more.get().to_string()
                                                    on:click=move |_| load_more(cursor.clone())
                                                >
                                                    {move || {
                                                        if loading_more.get() { "Loading…" } else { "Load more users" }
                                                    }}
                                                </button>
                                            }
                                        })
                                }}
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

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

#[component]
fn CreateUserForm(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let collar_number = RwSignal::new(String::new());
    let rank = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let created = RwSignal::new(None::<String>);
    // One key per request the user means to make: a double submit or a retry of the same
    // request reuses it, so the server creates one user only. Editing the form makes it a new
    // request with a new key.
    let key = StoredValue::new(new_idempotency_key());
    let last_sent = StoredValue::new(None::<CreateUserRequest>);

    let request = move || {
        let mut rs = roles.get_untracked();
        rs.sort();
        CreateUserRequest {
            username: username.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            collar_number: collar_number.get_untracked().trim().to_owned(),
            rank: rank.get_untracked().trim().to_owned(),
            roles: rs,
            password: password.get_untracked(),
        }
    };

    // Inline validation with the shared rules: every field is checked on submit; afterwards a
    // field that shows an error is re-checked as the user types, so the message goes (or
    // changes) as soon as it is put right. New errors are not raised while typing or on blur:
    // that would shift the layout under the pointer.
    let revalidate = move |path: &'static str| {
        if !errors.with_untracked(|es| es.iter().any(|e| e.path == path)) {
            return;
        }
        let found: Vec<FieldError> = check(&request()).into_iter().filter(|e| e.path == path).collect();
        errors.update(|es| {
            es.retain(|e| e.path != path);
            es.extend(found);
        });
    };
    for (path, value) in [
        ("username", username),
        ("display_name", display_name),
        ("collar_number", collar_number),
        ("rank", rank),
        ("password", password),
    ] {
        Effect::new(move |_| {
            value.track();
            revalidate(path);
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = request();
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
    };

    let roles_error = error_for(errors, "roles");
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

fn audit_row(e: AuditEventDto) -> impl IntoView {
    let when = e.occurred_at.format("%-d %b %Y %H:%M:%S").to_string();
    let action = e.action.as_str().replace('_', " ");
    let who = e.actor_username.clone().unwrap_or_else(|| "—".to_owned());
    let record = match (&e.record_kind, &e.record_id) {
        (Some(k), Some(id)) => format!("{k} {id}"),
        (Some(k), None) => k.clone(),
        (None, Some(id)) => id.clone(),
        (None, None) => "—".to_owned(),
    };
    let detail = e.detail.clone().unwrap_or_default();
    view! {
        <tr class="table__row">
            <td class="table__cell table__cell--nowrap">{when}</td>
            <td class="table__cell">{who}</td>
            <td class="table__cell">{action}</td>
            <td class="table__cell table__cell--break">{record}</td>
            <td class="table__cell">{detail}</td>
        </tr>
    }
}

#[component]
fn AuditTable(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let refresh = RwSignal::new(0u32);
    let events = LocalResource::new(move || {
        reload.track();
        refresh.track();
        async move { client.audit_events(None).await }
    });
    view! {
        <section class="section" aria-labelledby="audit-title">
            <h2 class="heading-l" id="audit-title">
                "Recent activity"
            </h2>
            <p class="body">"The most recent entries of your force's audit log. Times are UTC."</p>
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| refresh.update(|n| *n += 1)
            >
                "Refresh the activity list"
            </button>
            <Transition fallback=|| {
                view! {
                    <p class="body" role="status">
                        "Loading activity…"
                    </p>
                }
            }>
                {move || Suspend::new(async move {
                    match events.await {
                        Err(e) => view! { <p class="error-message">{e.message()}</p> }.into_any(),
                        Ok(page) if page.items.is_empty() => {
                            view! { <p class="body">"Nothing has been recorded yet."</p> }.into_any()
                        }
                        Ok(page) => {
                            view! {
                                <div class="table-wrapper">
                                    <table class="table">
                                        <thead>
                                            <tr>
                                                <th scope="col">"When"</th>
                                                <th scope="col">"Who"</th>
                                                <th scope="col">"Action"</th>
                                                <th scope="col">"Record"</th>
                                                <th scope="col">"Detail"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {page.items.into_iter().map(audit_row).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Offers `text` as a file download named `filename` through a Blob URL (a plain link cannot carry
/// the bearer token).
fn download(text: &str, filename: &str) -> Result<(), String> {
    use leptos::wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|_| "blob")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "url")?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("document")?;
    let a = doc
        .create_element("a")
        .map_err(|_| "element")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "anchor")?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// "Who has viewed this record?": the audit entries about one record, and their CSV export.
#[component]
fn RecordAudit() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let kind = RwSignal::new("person".to_owned());
    let record_id = RwSignal::new(String::new());
    let id_error = RwSignal::new(None::<String>);
    let asked = RwSignal::new(None::<(String, String)>);
    let result = RwSignal::new(None::<Result<ApiPage<AuditEventDto>, String>>);
    let export_note = RwSignal::new(None::<String>);
    let kinds = Signal::derive(|| {
        [
            ("person", "Person"),
            ("organisation", "Organisation"),
            ("object", "Object"),
            ("location", "Location"),
        ]
        .into_iter()
        .map(|(c, l)| (c.to_owned(), l.to_owned()))
        .collect::<Vec<_>>()
    });
    let read = move || -> Option<(String, String)> {
        let id = record_id.get_untracked().trim().to_owned();
        if uuid::Uuid::parse_str(&id).is_err() {
            id_error.set(Some(
                "Enter the record id, for example 0193a3c2-7d1e-7c3a-9b1e-2f4d5e6a7b8c".to_owned(),
            ));
            return None;
        }
        id_error.set(None);
        Some((kind.get_untracked(), id))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((k, id)) = read() else { return };
        asked.set(Some((k.clone(), id.clone())));
        result.set(None);
        spawn_local(async move {
            let r = client.audit_for_record(&k, &id).await.map_err(|e| e.message());
            let _ = result.try_set(Some(r));
        });
    };
    let export = move |_| {
        let Some((k, id)) = read() else { return };
        export_note.set(Some("Preparing the export…".to_owned()));
        spawn_local(async move {
            let note = match client.audit_export(&k, &id).await {
                Ok(csv) => match download(&csv, &format!("audit-{k}-{id}.csv")) {
                    Ok(()) => "The CSV file has been downloaded.".to_owned(),
                    Err(_) => "The browser could not save the file.".to_owned(),
                },
                Err(e) => e.message(),
            };
            let _ = export_note.try_set(Some(note));
        });
    };
    view! {
        <section class="section" aria-labelledby="record-audit-title">
            <h2 class="heading-l" id="record-audit-title">
                "Who has viewed this record?"
            </h2>
            <form novalidate on:submit=on_submit id="record-audit-form">
                <crate::components::field::SelectField
                    id="audit-record-kind"
                    label="Kind of record"
                    value=kind
                    options=kinds
                    error=Signal::derive(|| None::<String>)
                    empty="Choose"
                />
                <TextField
                    id="audit-record-id"
                    label="Record id"
                    hint="The id at the end of the record's address, e.g. /people/<id>."
                    value=record_id
                    error=id_error
                />
                <div class="button-group">
                    <button type="submit" class="button" id="audit-record-submit">
                        "Show the audit trail"
                    </button>
                    <button type="button" class="button button--secondary" id="audit-export" on:click=export>
                        "Export CSV"
                    </button>
                </div>
            </form>
            <p class="small" role="status">
                {move || export_note.get()}
            </p>
            {move || {
                match (asked.get(), result.get()) {
                    (Some(_), None) => view! { <p class="body" role="status">"Loading…"</p> }.into_any(),
                    (_, Some(Err(m))) => view! { <p class="error-message">{m}</p> }.into_any(),
                    (Some((k, id)), Some(Ok(page))) if page.items.is_empty() => {
                        view! { <p class="body">{format!("Nothing recorded about {k} {id}.")}</p> }.into_any()
                    }
                    (_, Some(Ok(page))) => {
                        view! {
                            <div class="table-wrapper">
                                <table class="table" id="record-audit-table">
                                    <thead>
                                        <tr>
                                            <th scope="col">"When"</th>
                                            <th scope="col">"Who"</th>
                                            <th scope="col">"Action"</th>
                                            <th scope="col">"Record"</th>
                                            <th scope="col">"Detail"</th>
                                        </tr>
                                    </thead>
                                    <tbody>{page.items.into_iter().map(audit_row).collect_view()}</tbody>
                                </table>
                            </div>
                        }
                            .into_any()
                    }
                    (None, None) => ().into_any(),
                }
            }}
        </section>
    }
}

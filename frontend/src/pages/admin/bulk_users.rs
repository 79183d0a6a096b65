//! "Add users from a file" (`ManageUsers`): a CSV file of users, pasted or read from a `.csv` file,
//! checked here by the shared rules (every fault listed by line and column before anything is
//! sent), then checked by the server ("Check the file", a dry run) or created ("Create the users"),
//! each new user's initial password shown this once.

use crate::api::AuthClient;
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::{FieldFrame, TextArea};
use crate::components::file_text::read_chosen_file;
use crate::components::ids::new_idempotency_key;
use crate::components::section::Section;
use crate::components::table::ScrollTable;
use crate::session::use_session;
use bluelamp_shared::admin::bulk_users::{read_file, BulkCreatedUser, BulkUsersRequest};
use bluelamp_shared::error::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The file's field (every fault links to it).
const CSV_ID: &str = "bulk-users-csv";
/// The file input.
const FILE_ID: &str = "bulk-users-file";
/// The largest file read.
const FILE_MAX: f64 = 1024.0 * 1024.0;
/// The file field's hint (its columns and limit are the shared rules', `COLUMNS` and `MAX_ROWS`).
const HINT: &str = "A header line naming the columns username, display_name, collar_number, rank and roles, in any order, then one user a line (several roles separated by ;). At most 200 users.";

/// One fault as the summary lists it: "Line 3, roles: `x` is not a role" for a cell, "Line 3: …"
/// for a line, the message alone for the file.
fn fault_text(f: &FieldError) -> String {
    match f.path.strip_prefix("rows.") {
        Some(rest) => match rest.split_once('.') {
            Some((line, column)) => format!("Line {line}, {column}: {}", f.message),
            None => format!("Line {rest}: {}", f.message),
        },
        None => f.message.clone(),
    }
}

/// "Add users from a file": the users created, with their initial passwords, once.
#[component]
pub(super) fn BulkUsersSection(reload: RwSignal<u32>) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let reading = RwSignal::new(None::<String>);
    let checked = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<Vec<BulkCreatedUser>>);
    let key = StoredValue::new(new_idempotency_key());
    let last_sent = StoredValue::new(None::<BulkUsersRequest>);

    // A changed file is a new attempt: its old message goes.
    Effect::new(move |first: Option<()>| {
        text.track();
        if first.is_some() {
            error.set(None);
        }
    });

    let fail = move |faults: &[FieldError]| {
        let items: Vec<ErrorItem> = faults
            .iter()
            .map(|f| ErrorItem::field(CSV_ID, fault_text(f)))
            .collect();
        let message = match faults {
            [one] => fault_text(one),
            _ => format!(
                "The file has {} faults, listed at the top of this form. No user was created.",
                faults.len()
            ),
        };
        let _ = error.try_set(Some(message));
        let _ = summary.try_set(items);
    };

    let send = move |dry_run: bool| {
        if busy.get_untracked() {
            return;
        }
        checked.set(None);
        let req = BulkUsersRequest {
            csv: text.get_untracked(),
            dry_run,
        };
        let faults = if req.csv.trim().is_empty() {
            vec![FieldError::new(
                "csv",
                "required",
                "Paste the file, or choose a .csv file",
            )]
        } else {
            read_file(&req.csv).1
        };
        if !faults.is_empty() {
            fail(&faults);
            return;
        }
        if last_sent.with_value(|l| l.as_ref() != Some(&req)) {
            key.set_value(new_idempotency_key());
            last_sent.set_value(Some(req.clone()));
        }
        let idempotency_key = key.get_value();
        busy.set(true);
        spawn_local(async move {
            let result = client.create_users_in_bulk(&req, &idempotency_key).await;
            let _ = busy.try_set(false);
            match result {
                Ok(r) => {
                    let _ = error.try_set(None);
                    let _ = summary.try_set(Vec::new());
                    key.try_set_value(new_idempotency_key());
                    last_sent.try_set_value(None);
                    let n = r.users.len();
                    let users = if n == 1 { "user" } else { "users" };
                    if r.dry_run {
                        let _ = checked.try_set(Some(format!(
                            "The file is ready: it creates {n} {users} ({}). Nothing is created until you choose “Create the users”.",
                            r.users
                                .iter()
                                .map(|u| u.username.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    } else {
                        let _ = text.try_set(String::new());
                        let _ = created.try_set(Some(r.users));
                        let _ = reload.try_update(|n| *n += 1);
                    }
                }
                Err(e) if !e.field_errors().is_empty() => fail(e.field_errors()),
                Err(e) => {
                    let m = e.message();
                    let _ = error.try_set(Some(m.clone()));
                    let _ = summary.try_set(vec![ErrorItem::general(m)]);
                }
            }
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        read_chosen_file(
            &ev,
            FILE_MAX,
            "is too large (over 1 MB): split it.",
            "is in the field above: check it, then create the users.",
            text,
            reading,
        );
    };

    view! {
        <Section id="bulk-users" title="Add users from a file">
            <div class="notification" role="status" id="bulk-users-notice">
                {move || checked.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {move || created.get().map(created_table)}
            <ErrorSummary items=summary id="bulk-users-error-summary" />
            <form
                novalidate
                id="bulk-users-form"
                on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    send(false);
                }
            >
                <TextArea
                    id=CSV_ID
                    label="The file (CSV)"
                    hint=HINT
                    value=text
                    error=error
                    rows=8
                />
                <FieldFrame
                    id=FILE_ID
                    label="Or read it from a .csv file"
                    hint=None
                    error=Signal::derive(|| None::<String>)
                >
                    <input
                        class="file-upload"
                        type="file"
                        id=FILE_ID
                        name=FILE_ID
                        accept=".csv,text/csv"
                        aria-describedby="bulk-users-file-status"
                        on:change=on_file
                    />
                </FieldFrame>
                <p class="small" role="status" id="bulk-users-file-status">
                    {move || reading.get()}
                </p>
                <div class="button-group">
                    <button
                        type="button"
                        class="button button--secondary"
                        id="bulk-users-check"
                        aria-disabled=move || busy.get().to_string()
                        on:click=move |_| send(true)
                    >
                        "Check the file"
                    </button>
                    <button
                        type="submit"
                        class="button"
                        id="bulk-users-submit"
                        aria-disabled=move || busy.get().to_string()
                    >
                        {move || if busy.get() { "Working…" } else { "Create the users" }}
                    </button>
                </div>
            </form>
        </Section>
    }
}

/// The users just created with their initial passwords, under a warning that they are shown once.
fn created_table(users: Vec<BulkCreatedUser>) -> impl IntoView {
    let n = users.len();
    let rows = users
        .into_iter()
        .map(|u| {
            let username = u.username.clone();
            let password = u
                .initial_password
                .unwrap_or_else(|| "Not shown again: set a new one".to_owned());
            view! {
                <tr class="table__row" data-username=username>
                    <td class="table__cell">{u.line}</td>
                    <th scope="row" class="table__header">{u.username}</th>
                    <td class="table__cell" data-password=""><code>{password}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="notification notification--important" role="alert" id="bulk-users-created">
            <p class="notification__body">
                <strong>
                    {format!("{n} user{} created. ", if n == 1 { "" } else { "s" })}
                    "Their initial passwords are shown only this once: copy them now and give each to its user in person. Once you leave or reload this page they cannot be shown again."
                </strong>
            </p>
        </div>
        <ScrollTable id="bulk-users-created-table" caption="The users created, with their initial passwords">
            <thead>
                <tr>
                    <th scope="col">"Line"</th>
                    <th scope="col">"Username"</th>
                    <th scope="col">"Initial password"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </ScrollTable>
    }
}

#[cfg(test)]
mod tests {
    use super::{fault_text, HINT};
    use bluelamp_shared::admin::bulk_users::{COLUMNS, MAX_ROWS};
    use bluelamp_shared::error::FieldError;

    #[test]
    fn the_hint_gives_the_shared_rules_columns_and_limit() {
        for c in COLUMNS {
            assert!(HINT.contains(c), "{c}");
        }
        assert!(HINT.contains(&format!("At most {MAX_ROWS} users")));
    }

    #[test]
    fn faults_are_told_by_line_and_column() {
        let f = FieldError::new("rows.3.roles", "unknown", "`x` is not a role");
        assert_eq!(fault_text(&f), "Line 3, roles: `x` is not a role");
        let f = FieldError::new("rows.4", "format", "Line 4 does not have 5 cells");
        assert_eq!(fault_text(&f), "Line 4: Line 4 does not have 5 cells");
        let f = FieldError::new("csv", "required", "No users");
        assert_eq!(fault_text(&f), "No users");
    }
}

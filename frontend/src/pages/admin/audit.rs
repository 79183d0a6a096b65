//! The audit log on the administration page: the most recent entries, and who has done what to one
//! record (with its CSV export).

use crate::api::AuthClient;
use crate::components::field::TextField;
use crate::components::table::ScrollTable;
use crate::session::use_session;
use bluelamp_shared::audit::AuditEventDto;
use bluelamp_shared::paging::Page as ApiPage;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Audit events as a table (when, who, action, record, detail), scrolling sideways on a phone.
#[component]
fn AuditEvents(id: &'static str, caption: &'static str, items: Vec<AuditEventDto>) -> impl IntoView {
    view! {
        <ScrollTable id=id caption=caption>
            <thead>
                <tr>
                    <th scope="col">"When"</th>
                    <th scope="col">"Who"</th>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Record"</th>
                    <th scope="col">"Detail"</th>
                </tr>
            </thead>
            <tbody>{items.into_iter().map(audit_row).collect_view()}</tbody>
        </ScrollTable>
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

/// "Recent activity": the latest entries of the force's audit log, reloaded when `reload` changes.
#[component]
pub(super) fn AuditTable(reload: RwSignal<u32>) -> impl IntoView {
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
                                <AuditEvents
                                    id="audit-events-table"
                                    caption="Recent activity in your force, newest first"
                                    items=page.items
                                />
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
pub(super) fn RecordAudit() -> impl IntoView {
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
                            <AuditEvents
                                id="record-audit-table"
                                caption="Who has viewed or changed the record"
                                items=page.items
                            />
                        }
                            .into_any()
                    }
                    (None, None) => ().into_any(),
                }
            }}
        </section>
    }
}

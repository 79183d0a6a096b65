//! `/intelligence/sources`: the protected source register (intelligence officers only): who each
//! source is, how to reach them, and the reports that carry their reference.

use super::source_kind_label;
use crate::api::AuthClient;
use crate::components::loader::{load, loaded};
use crate::components::module_page::ModulePage;
use crate::components::permissions::can;
use crate::components::table::ScrollTable;
use crate::components::time::local_time;
use crate::routes::Page;
use crate::session::use_session;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::intelligence::SourceDto;
use leptos::prelude::*;

/// `/intelligence/sources`.
#[component]
pub fn SourcesPage() -> impl IntoView {
    let allowed = can(Capability::ReadSourceRegister);
    view! {
        <ModulePage page=Page::IntelligenceSources>
            <Show
                when=move || allowed.get()
                fallback=|| {
                    view! {
                        <p class="body" id="source-register-refused">
                            "The source register is protected: only the intelligence unit may read it."
                        </p>
                    }
                }
            >
                <SourceRegister />
            </Show>
        </ModulePage>
    }
}

#[component]
fn SourceRegister() -> impl IntoView {
    let client = AuthClient::new(use_session());
    let reload = RwSignal::new(0u32);
    let sources = load(reload, move || async move { client.sources().await });
    view! {
        <p class="body notice">
            "Protected: who the sources are must never be disseminated. Every read of this register is audited."
        </p>
        {loaded(
            sources,
            |list: Vec<SourceDto>| {
                let empty = list.is_empty();
                view! {
                    <ScrollTable id="source-register" caption="Source register">
                        <thead>
                            <tr>
                                <th scope="col">"Reference"</th>
                                <th scope="col">"Kind"</th>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Details"</th>
                                <th scope="col">"Reports"</th>
                                <th scope="col">"Recorded"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|s| {
                                    let reports = if s.reports.is_empty() {
                                        "—".to_owned()
                                    } else {
                                        s.reports.join(", ")
                                    };
                                    view! {
                                        <tr class="source-row" data-source-id=s.id.to_string()>
                                            <td class="source-reference">{s.reference.clone()}</td>
                                            <td class="source-kind">{source_kind_label(s.kind)}</td>
                                            <td class="source-name">
                                                {if s.name.trim().is_empty() { "—".to_owned() } else { s.name.clone() }}
                                            </td>
                                            <td class="source-details">{s.details.clone()}</td>
                                            <td class="source-reports">{reports}</td>
                                            <td class="table__cell--nowrap">
                                                {format!(
                                                    "{} by {} ({})",
                                                    local_time(s.recorded_at),
                                                    s.recorded_by.display_name,
                                                    s.recorded_by.collar_number,
                                                )}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </ScrollTable>
                    {empty.then(|| view! { <p class="body">"No sources are registered yet."</p> })}
                }
                    .into_any()
            },
        )}
    }
}

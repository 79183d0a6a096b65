//! The users of the administrator's force, a page at a time, each name leading to the user's page.

use crate::api::AuthClient;
use crate::components::table::ScrollTable;
use crate::routes::user_path;
use crate::session::use_session;
use bluelamp_shared::users::UserDto;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The account's state as the table shows it.
pub(super) fn status_of(u: &UserDto) -> &'static str {
    if !u.active {
        "Deactivated"
    } else if u.locked_until.is_some() {
        "Locked"
    } else {
        "Active"
    }
}

fn user_row(u: UserDto) -> impl IntoView {
    let status = status_of(&u);
    let name = u.display_name.clone();
    let roles = u.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", ");
    view! {
        <tr class="table__row" data-username=u.username.clone()>
            <th scope="row" class="table__header">
                <A href=user_path(u.id.0)>{name}</A>
            </th>
            <td class="table__cell">{u.username.clone()}</td>
            <td class="table__cell">{u.collar_number.clone()}</td>
            <td class="table__cell">{u.rank.clone()}</td>
            <td class="table__cell">{roles}</td>
            <td class="table__cell">{status}</td>
        </tr>
    }
}

/// "Users of your force": the table, with "Load more" for the next page; reloaded (keeping the
/// rows shown meanwhile) when `reload` changes.
#[component]
pub(super) fn UsersTable(reload: RwSignal<u32>) -> impl IntoView {
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
                                <ScrollTable id="users-table" caption="Users of your force">
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
                                </ScrollTable>
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

//! `/`: who the user is and what their roles give them.

use crate::api::AuthClient;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::auth::{Capability, Me, Module};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The user's capabilities grouped by module, in navigation order.
pub fn capabilities_by_module(caps: &[Capability]) -> Vec<(Module, Vec<Capability>)> {
    Module::ALL
        .into_iter()
        .map(|m| {
            let in_module: Vec<Capability> = caps.iter().copied().filter(|c| c.module() == m).collect();
            (m, in_module)
        })
        .filter(|(_, caps)| !caps.is_empty())
        .collect()
}

/// The home page. Renders at once from the user stored at sign-in, and refreshes it from
/// `GET /me` in the background (re-rendering only if something changed).
#[component]
pub fn HomePage() -> impl IntoView {
    set_document_title(Page::Home.label());
    let session = use_session();
    let client = AuthClient::new(session);
    spawn_local(async move {
        if let Ok(me) = client.me().await {
            session.update_user(me);
        }
    });
    let user = session.user();
    let notices = session.notices();
    view! {
        {move || {
            notices
                .get()
                .into_iter()
                .map(|n| view! { <div class="notification" role="status" data-testid="sign-in-notice"><p class="body">{n}</p></div> })
                .collect_view()
        }}
        {move || user.get().map(|me| view! { <Profile me=me /> })}
    }
}

#[component]
fn Profile(me: Me) -> impl IntoView {
    let groups = capabilities_by_module(&me.capabilities);
    let records_crime = me.capabilities.contains(&Capability::RecordCrime);
    let submits_intelligence = me.capabilities.contains(&Capability::SubmitIntelligence);
    let evaluates_intelligence = me.capabilities.contains(&Capability::EvaluateIntelligence);
    view! {
        <h1 class="heading-xl">{format!("Welcome, {}", me.display_name)}</h1>
        {records_crime
            .then(|| {
                view! {
                    <div class="button-group quick-actions">
                        <A href=Page::Shoplifting.path() attr:class="button" attr:id="home-record-shoplifting">
                            "Record a shoplifting"
                        </A>
                        <A href=Page::Investigation.path() attr:class="button button--secondary">
                            "My work"
                        </A>
                    </div>
                }
            })}
        {(submits_intelligence || evaluates_intelligence)
            .then(|| {
                view! {
                    <div class="button-group quick-actions">
                        {submits_intelligence
                            .then(|| {
                                view! {
                                    <A
                                        href=Page::NewIntelligence.path()
                                        attr:class="button button--secondary"
                                        attr:id="home-submit-intelligence"
                                    >
                                        "Submit intelligence"
                                    </A>
                                }
                            })}
                        {evaluates_intelligence
                            .then(|| {
                                view! {
                                    <A
                                        href=Page::Intelligence.path()
                                        attr:class="button button--secondary"
                                        attr:id="home-evaluation-queue"
                                    >
                                        "Intelligence to evaluate"
                                    </A>
                                }
                            })}
                    </div>
                }
            })}
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt class="summary-list__key">"Force"</dt>
                <dd class="summary-list__value">{me.force.name.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Collar number"</dt>
                <dd class="summary-list__value">{me.collar_number.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Rank"</dt>
                <dd class="summary-list__value">{me.rank.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt class="summary-list__key">"Roles"</dt>
                <dd class="summary-list__value">
                    <ul class="list">
                        {me
                            .roles
                            .iter()
                            .map(|r| view! { <li>{r.label()}</li> })
                            .collect_view()}
                    </ul>
                </dd>
            </div>
        </dl>
        <section class="section" id="account-security" aria-labelledby="account-security-title">
            <h2 class="heading-l" id="account-security-title">"Sign-in and security"</h2>
            {if me.mfa_enrolled {
                view! {
                    <p class="body">"You sign in with your password and an authenticator app."</p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="body">
                        "Protect your account with an authenticator app on your phone: someone who learns your password still cannot sign in as you."
                    </p>
                }
                    .into_any()
            }}
            <A href=Page::AccountSecurity.path() attr:class="link" attr:id="home-account-security">
                {if me.mfa_enrolled {
                    "See your sessions"
                } else {
                    "Set up an authenticator app and see your sessions"
                }}
            </A>
        </section>
        <h2 class="heading-l">"What your roles give you"</h2>
        {if groups.is_empty() {
            view! { <p class="body">"Your roles do not give you access to any module yet."</p> }
                .into_any()
        } else {
            groups
                .into_iter()
                .map(|(module, caps)| {
                    view! {
                        <section class="capabilities">
                            <h3 class="heading-m">{module.label()}</h3>
                            <ul class="list list--bullet">
                                {caps
                                    .into_iter()
                                    .map(|c| view! { <li>{c.label()}</li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}

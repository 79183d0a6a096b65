//! `/account/security`: the user's own sign-in: setting up an authenticator app (required by some
//! roles, voluntary for the others) and the sessions signed in on their browsers and devices.

use crate::api::AuthClient;
use crate::components::error_summary::{error_for, problems_from, ErrorItem, ErrorSummary};
use crate::components::field::OneTimeCodeField;
use crate::components::focus_by_id;
use crate::components::time::local_time;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::auth::{SessionDto, TotpEnrolment};
use bluelamp_shared::error::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The secret in groups of four characters, easier to type into an app by hand.
pub fn grouped(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .chunks(4)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the set-up of the authenticator app is.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// Not started.
    Start,
    /// The secret is shown; waiting for a code.
    Scan(TotpEnrolment),
    /// Confirmed: the recovery codes, shown once.
    Done(Vec<String>),
}

/// The account security page.
#[component]
pub fn AccountSecurityPage() -> impl IntoView {
    set_document_title(Page::AccountSecurity.label());
    let session = use_session();
    let client = AuthClient::new(session);
    spawn_local(async move {
        if let Ok(me) = client.me().await {
            session.update_user(me);
        }
    });
    let user = session.user();
    let required = Memo::new(move |_| user.with(|u| u.as_ref().is_some_and(|u| u.mfa_enrolment_required)));
    let enrolled = Memo::new(move |_| user.with(|u| u.as_ref().is_some_and(|u| u.mfa_enrolled)));
    view! {
        <h1 class="heading-xl">"Sign-in and security"</h1>
        <Show when=move || required.get()>
            <div class="notification notification--important" role="alert" id="mfa-required">
                <p class="notification__body">
                    "Your role requires an authenticator app: set it up now. The rest of Bluelamp opens once it is done."
                </p>
            </div>
        </Show>
        <TotpSetUp enrolled=enrolled />
        <Show when=move || !required.get()>
            <Sessions />
        </Show>
    }
}

/// The authenticator app: on already, or its set-up.
#[component]
fn TotpSetUp(enrolled: Memo<bool>) -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let navigate = use_navigate();
    let step = RwSignal::new(Step::Start);
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);
    let id_of = |path: &str| format!("mfa-{path}");

    let start = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        summary.set(Vec::new());
        spawn_local(async move {
            match client.start_totp().await {
                Ok(e) => {
                    let _ = step.try_set(Step::Scan(e));
                    request_animation_frame(|| focus_by_id("mfa-scan-title"));
                }
                Err(e) => {
                    let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                }
            }
            let _ = busy.try_set(false);
        });
    };

    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed: String = code
            .get_untracked()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
            let fe = FieldError::new("code", "format", "Enter the 6 digits your app shows");
            summary.set(vec![ErrorItem::field(id_of("code"), fe.message.clone())]);
            errors.set(vec![fe]);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match client.confirm_totp(&typed).await {
                Ok(r) => {
                    let _ = errors.try_set(Vec::new());
                    let _ = summary.try_set(Vec::new());
                    let _ = step.try_set(Step::Done(r.codes));
                    request_animation_frame(|| focus_by_id("recovery-codes-title"));
                }
                Err(e) => {
                    let (fields, items) = problems_from(&e, &["code"], id_of);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
            }
            let _ = busy.try_set(false);
        });
    };

    let finish = move |_| {
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            match client.me().await {
                Ok(me) => {
                    session.update_user(me);
                    navigate(Page::Home.path(), Default::default());
                }
                Err(e) => {
                    let _ = summary.try_set(vec![ErrorItem::general(e.message())]);
                }
            }
            let _ = busy.try_set(false);
        });
    };

    view! {
        <section class="section" id="mfa" aria-labelledby="mfa-title">
            <h2 class="heading-l" id="mfa-title">"Authenticator app"</h2>
            <ErrorSummary items=summary id="mfa-error-summary" />
            {move || match step.get() {
                Step::Start if enrolled.get() => {
                    view! {
                        <p class="body" id="mfa-status">
                            "Multi-factor sign-in is on: you sign in with your password and a code from your authenticator app."
                        </p>
                    }
                        .into_any()
                }
                Step::Start => {
                    view! {
                        <p class="body" id="mfa-status">
                            "An authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator) gives a new 6-digit code every 30 seconds. With it, someone who learns your password still cannot sign in as you."
                        </p>
                        <button
                            type="button"
                            class="button"
                            id="mfa-start"
                            aria-disabled=move || busy.get().to_string()
                            on:click=start
                        >
                            "Set up an authenticator app"
                        </button>
                    }
                        .into_any()
                }
                Step::Scan(e) => {
                    view! {
                        <h3 class="heading-m" id="mfa-scan-title" tabindex="-1">
                            "1. Scan this QR code with your authenticator app"
                        </h3>
                        <div
                            class="qr-code"
                            id="mfa-qr"
                            role="img"
                            aria-label="QR code to add Bluelamp to your authenticator app"
                            inner_html=e.qr_svg.clone()
                        ></div>
                        <p class="body">"If you cannot scan it, type this key into the app instead:"</p>
                        <p class="body">
                            <code class="secret" id="mfa-secret">{grouped(&e.secret)}</code>
                        </p>
                        <h3 class="heading-m">"2. Enter the code the app shows"</h3>
                        <form novalidate on:submit=confirm>
                            <OneTimeCodeField
                                id="mfa-code"
                                label="Code from your authenticator app"
                                hint="6 digits. A new one appears every 30 seconds."
                                value=code
                                error=error_for(errors, "code")
                            />
                            <button
                                type="submit"
                                class="button"
                                id="mfa-confirm"
                                aria-disabled=move || busy.get().to_string()
                            >
                                "Confirm"
                            </button>
                        </form>
                    }
                        .into_any()
                }
                Step::Done(codes) => {
                    let finish = finish.clone();
                    view! {
                        <div class="notification" role="status">
                            <p class="notification__body">"Your authenticator app is set up."</p>
                        </div>
                        <h3 class="heading-m" id="recovery-codes-title" tabindex="-1">
                            "Your recovery codes"
                        </h3>
                        <p class="body">
                            "Keep these safe: each signs in once if you lose your phone. They are shown only now."
                        </p>
                        <ul class="list recovery-codes" id="recovery-codes">
                            {codes
                                .into_iter()
                                .map(|c| view! { <li><code>{c}</code></li> })
                                .collect_view()}
                        </ul>
                        <button
                            type="button"
                            class="button"
                            id="mfa-continue"
                            aria-disabled=move || busy.get().to_string()
                            on:click=finish
                        >
                            "Continue"
                        </button>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The user's sessions, with a way to end the others.
#[component]
fn Sessions() -> impl IntoView {
    let session = use_session();
    let client = AuthClient::new(session);
    let list = RwSignal::new(None::<Result<Vec<SessionDto>, String>>);
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            let r = client.my_sessions().await.map_err(|e| e.message());
            let _ = list.try_set(Some(r));
        });
    };
    load();
    let sign_out_others = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match client.sign_out_other_sessions().await {
                Ok(e) => {
                    let msg = match e.ended {
                        0 => "There were no other sessions to sign out of.".to_owned(),
                        1 => "You have been signed out of 1 other session.".to_owned(),
                        n => format!("You have been signed out of {n} other sessions."),
                    };
                    let _ = notice.try_set(Some(msg));
                    load();
                }
                Err(e) => {
                    let _ = notice.try_set(Some(e.message()));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <section class="section" id="sessions" aria-labelledby="sessions-title">
            <h2 class="heading-l" id="sessions-title">"Your sessions"</h2>
            <div class="notification" role="status">
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            {move || match list.get() {
                None => view! { <p class="body">"Loading your sessions…"</p> }.into_any(),
                Some(Err(m)) => view! { <p class="body error-message">{m}</p> }.into_any(),
                Some(Ok(items)) => {
                    let others = items.iter().any(|s| !s.current);
                    view! {
                        <ul class="list session-list" id="session-list">
                            {items
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <li class="session" data-current=s.current.to_string()>
                                            <dl class="summary-list">
                                                <div class="summary-list__row">
                                                    <dt class="summary-list__key">"Browser"</dt>
                                                    <dd class="summary-list__value session__agent">
                                                        {s.user_agent.clone().unwrap_or_else(|| "Not known".to_owned())}
                                                        {s.current.then(|| view! { " " <strong class="tag">"This session"</strong> })}
                                                    </dd>
                                                </div>
                                                <div class="summary-list__row">
                                                    <dt class="summary-list__key">"Signed in at"</dt>
                                                    <dd class="summary-list__value">{local_time(s.created_at)}</dd>
                                                </div>
                                                <div class="summary-list__row">
                                                    <dt class="summary-list__key">"Last used"</dt>
                                                    <dd class="summary-list__value">{local_time(s.last_active_at)}</dd>
                                                </div>
                                            </dl>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        {others
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        id="sign-out-others"
                                        aria-disabled=move || busy.get().to_string()
                                        on:click=sign_out_others
                                    >
                                        "Sign out of all other sessions"
                                    </button>
                                }
                            })}
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn the_secret_is_grouped_in_fours() {
        assert_eq!(grouped("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
        assert_eq!(grouped("ABCDEF"), "ABCD EF");
    }
}

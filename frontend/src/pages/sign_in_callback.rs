//! `/sign-in/callback`: where a force's identity provider sends the browser back after single sign-on
//! (`?code=…&state=…`, or `?error=…&error_description=…`).
//!
//! The `state` must be the one this browser kept when it started the sign-in (so a sign-in somebody
//! else started, sent to this browser, is refused: login CSRF); it is used once. Then the sign-in is
//! finished with the server, asking for the authenticator code when the account needs one, and the
//! session is kept exactly as after a password sign-in.

use super::sign_in::{signed_in, SignedOutFrame};
use crate::api::{ApiError, PublicClient};
use crate::components::error_summary::{error_for, sign_in_problems, ErrorItem, ErrorSummary};
use crate::components::field::OneTimeCodeField;
use crate::components::focus_by_id;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::sso::SsoFinishRequest;
use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Where the `state` of a sign-in started in this browser is kept until the provider sends it back.
const SSO_STATE_KEY: &str = "bluelamp.sso_state";

/// Keeps the `state` of a sign-in just started, for [`SignInCallbackPage`] to check.
pub fn keep_sso_state(state: &str) {
    let _ = SessionStorage::set(SSO_STATE_KEY, state);
}

/// The kept `state`, forgotten as it is read (a state is good for one return only).
fn take_sso_state() -> Option<String> {
    let kept = SessionStorage::get::<String>(SSO_STATE_KEY).ok();
    SessionStorage::delete(SSO_STATE_KEY);
    kept
}

/// What the return address says, and what this browser kept.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Return {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// Why a return is refused before anything is sent, or the finish request to send.
fn checked(r: Return, kept: Option<String>) -> Result<SsoFinishRequest, String> {
    if let Some(error) = r.error {
        let why = match error.as_str() {
            "access_denied" => "You, or your force's identity provider, cancelled the sign-in.".to_owned(),
            _ => match r.error_description.filter(|d| !d.trim().is_empty()) {
                Some(d) => format!("Your force's identity provider did not sign you in: {d}"),
                None => format!("Your force's identity provider did not sign you in ({error})."),
            },
        };
        return Err(why);
    }
    let (Some(state), Some(code)) = (r.state, r.code) else {
        return Err("This address is not a return from your force's identity provider.".to_owned());
    };
    if kept.as_deref() != Some(state.as_str()) {
        return Err(
            "This sign-in was not started from this browser, or it has already been used, so it is refused. \
             Start again from the sign-in page."
                .to_owned(),
        );
    }
    Ok(SsoFinishRequest {
        state,
        code: Some(code),
        totp_code: None,
    })
}

/// The message for a refusal of the server that ends this sign-in.
fn refusal(e: &ApiError) -> String {
    match e.code() {
        Some(ErrorCode::SsoFailed) => format!("{} Start again from the sign-in page.", e.message()),
        _ => e.message(),
    }
}

/// Where the sign-in stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// Finishing with the server.
    Finishing,
    /// The account needs the authenticator code.
    Code,
    /// Refused: why.
    Refused(String),
}

/// The return page.
#[component]
pub fn SignInCallbackPage() -> impl IntoView {
    set_document_title(Page::SignInCallback.label());
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map().get_untracked();
    let got = Return {
        code: query.get("code"),
        state: query.get("state"),
        error: query.get("error"),
        error_description: query.get("error_description"),
    };
    let step = RwSignal::new(Step::Finishing);
    let state = StoredValue::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(Vec::<ErrorItem>::new());
    let busy = RwSignal::new(false);

    // Sends `req`; on success keeps the session and leaves this page (replacing it in the history, so
    // Back does not return to a used address).
    let finish = move |req: SsoFinishRequest| {
        let navigate = navigate.clone();
        let asking = req.totp_code.is_some();
        busy.set(true);
        spawn_local(async move {
            let result = PublicClient.sso_finish(&req).await;
            let _ = busy.try_set(false);
            match result {
                Ok(tokens) => {
                    let page = signed_in(session, tokens);
                    navigate(
                        page.path(),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
                Err(e) if e.code() == Some(ErrorCode::MfaRequired) && !asking => {
                    let _ = step.try_set(Step::Code);
                    request_animation_frame(|| focus_by_id("totp_code"));
                }
                Err(e) if e.code() == Some(ErrorCode::MfaRequired) => {
                    let _ = code.try_set(String::new());
                    let (fields, items) = sign_in_problems(&e, str::to_owned);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
                Err(e) if asking && e.field_errors().iter().any(|f| f.path == "totp_code") => {
                    let (fields, items) = sign_in_problems(&e, str::to_owned);
                    let _ = errors.try_set(fields);
                    let _ = summary.try_set(items);
                }
                Err(e) => {
                    let _ = step.try_set(Step::Refused(refusal(&e)));
                }
            }
        });
    };
    let finish = StoredValue::new_local(finish);

    match checked(got, take_sso_state()) {
        Ok(req) => {
            state.set_value(req.state.clone());
            finish.with_value(|f| f(req));
        }
        Err(why) => step.set(Step::Refused(why)),
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let totp = code.get_untracked().trim().to_owned();
        if totp.is_empty() {
            let fe = FieldError::new(
                "totp_code",
                "required",
                "Enter the code from your authenticator app",
            );
            summary.set(vec![ErrorItem::field("totp_code", fe.message.clone())]);
            errors.set(vec![fe]);
            return;
        }
        let req = SsoFinishRequest {
            state: state.get_value(),
            code: None,
            totp_code: Some(totp),
        };
        finish.with_value(|f| f(req));
    };

    let body = move || {
        match step.get() {
        Step::Finishing => view! {
            <h1 class="heading-xl">"Signing you in"</h1>
            <p class="body" role="status">
                "Finishing the sign-in with your force's account…"
            </p>
        }
        .into_any(),
        Step::Code => view! {
            <ErrorSummary items=summary />
            <h1 class="heading-xl">"Enter your authenticator code"</h1>
            <p class="body">
                "Your account signs in with an authenticator app as well as your force's account."
            </p>
            <form novalidate on:submit=on_submit>
                <OneTimeCodeField
                    id="totp_code"
                    label="Code from your authenticator app"
                    hint="The 6 digits your app shows now. If you have lost your phone, enter one of your recovery codes instead."
                    value=code
                    error=error_for(errors, "totp_code")
                />
                <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        }
        .into_any(),
        Step::Refused(why) => view! {
            <h1 class="heading-xl">"You are not signed in"</h1>
            <p class="error-message" role="alert" id="sso-refused">
                {why}
            </p>
            <p class="body">
                <a href=Page::SignIn.path()>
                    "Go back to the sign-in page"
                </a>
            </p>
        }
        .into_any(),
    }
    };
    view! { <SignedOutFrame>{body}</SignedOutFrame> }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn back(code: Option<&str>, state: Option<&str>, error: Option<&str>) -> Return {
        Return {
            code: code.map(str::to_owned),
            state: state.map(str::to_owned),
            error: error.map(str::to_owned),
            error_description: None,
        }
    }

    #[test]
    fn a_return_with_the_kept_state_is_finished() {
        let req = checked(back(Some("c"), Some("s"), None), Some("s".into())).unwrap();
        assert_eq!(req.state, "s");
        assert_eq!(req.code.as_deref(), Some("c"));
        assert_eq!(req.totp_code, None);
    }

    #[test]
    fn a_return_this_browser_did_not_start_is_refused() {
        assert!(checked(back(Some("c"), Some("s"), None), Some("other".into())).is_err());
        assert!(checked(back(Some("c"), Some("s"), None), None).is_err());
        assert!(checked(back(Some("c"), None, None), Some("s".into())).is_err());
        assert!(checked(back(None, Some("s"), None), Some("s".into())).is_err());
    }

    #[test]
    fn the_provider_s_error_is_shown_and_nothing_is_sent() {
        let mut r = back(None, Some("s"), Some("login_required"));
        r.error_description = Some("End-User authentication is required".into());
        let why = checked(r, Some("s".into())).unwrap_err();
        assert!(why.contains("End-User authentication is required"), "{why}");
        let why = checked(
            back(Some("c"), Some("s"), Some("access_denied")),
            Some("s".into()),
        )
        .unwrap_err();
        assert!(why.contains("cancelled"), "{why}");
    }
}

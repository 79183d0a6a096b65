//! The signed-in session: tokens, the user, background refresh and the idle lock.
//!
//! - The access token lives in memory only.
//! - The refresh token and the user ([`Me`]) are kept in `sessionStorage`, so a reload keeps the
//!   user signed in (the first call after a reload refreshes the access token).
//! - A background timer refreshes the access token [`REFRESH_AHEAD_SECS`] before it expires,
//!   without touching any signal a form depends on.
//! - After [`IDLE_LOCK_MINUTES`] without keyboard, mouse or touch activity, or when the server
//!   says the session has ended, the session is *locked*: the re-authentication dialog is shown
//!   over the page, and calls in flight wait until the user has signed in again.

use crate::api::{ApiError, PublicClient};
use bluelamp_shared::auth::{Me, SessionTokens};
use futures::channel::oneshot;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::time::Duration;

/// Minutes without keyboard, mouse or touch activity after which the app locks itself.
pub const IDLE_LOCK_MINUTES: u32 = 30;

/// How long before the access token expires the background timer refreshes it.
pub const REFRESH_AHEAD_SECS: i64 = 60;

/// How often the background timer looks at the clock.
const TICK: Duration = Duration::from_secs(10);

const REFRESH_TOKEN_KEY: &str = "bluelamp.refresh_token";
const USER_KEY: &str = "bluelamp.user";
const LOCKED_KEY: &str = "bluelamp.locked";

/// Why the re-authentication dialog is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    /// No activity for [`IDLE_LOCK_MINUTES`].
    Idle,
    /// The server ended the session (idle, maximum age, or signed out elsewhere).
    SessionEnded,
}

/// An access token and when it expires (milliseconds since the epoch).
#[derive(Debug, Clone, PartialEq)]
struct Access {
    token: String,
    expires_at_ms: f64,
}

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<(), ApiError>>>;

thread_local! {
    /// The refresh under way, shared by every caller: refresh tokens are single-use, so two
    /// concurrent refreshes would end the session.
    static REFRESHING: RefCell<Option<RefreshFuture>> = const { RefCell::new(None) };
    /// Calls waiting for the user to sign in again (`true`: go on; `false`: signed out).
    static WAITERS: RefCell<Vec<oneshot::Sender<bool>>> = const { RefCell::new(Vec::new()) };
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The session, shared through the reactive context (see [`use_session`]). Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    user: RwSignal<Option<Me>>,
    lock: RwSignal<Option<LockReason>>,
    access: StoredValue<Option<Access>>,
    refresh_token: StoredValue<Option<String>>,
    last_activity_ms: StoredValue<f64>,
    /// When the last refresh was sent, to tell the server whether the user was active since.
    last_refresh_ms: StoredValue<f64>,
    /// What the server asked to tell the user at sign-in (e.g. a lock of their account), shown on the
    /// home page for the rest of this visit.
    notices: RwSignal<Vec<String>>,
}

impl Session {
    /// Reads the session kept in `sessionStorage` (signed out if there is none).
    pub fn restore() -> Self {
        let refresh: Option<String> = SessionStorage::get(REFRESH_TOKEN_KEY).ok();
        let user: Option<Me> = SessionStorage::get(USER_KEY).ok();
        let (refresh, user) = match (refresh, user) {
            (Some(r), Some(u)) => (Some(r), Some(u)),
            _ => (None, None),
        };
        let locked = user.is_some() && SessionStorage::get::<bool>(LOCKED_KEY).unwrap_or(false);
        Self {
            user: RwSignal::new(user),
            lock: RwSignal::new(locked.then_some(LockReason::Idle)),
            access: StoredValue::new(None),
            refresh_token: StoredValue::new(refresh),
            last_activity_ms: StoredValue::new(now_ms()),
            last_refresh_ms: StoredValue::new(0.0),
            notices: RwSignal::new(Vec::new()),
        }
    }

    /// The signed-in user (`None` when signed out). Stays set while the session is locked, so
    /// the page underneath the dialog is kept.
    pub fn user(&self) -> Signal<Option<Me>> {
        self.user.into()
    }

    /// Why the session is locked, if it is.
    pub fn lock_reason(&self) -> Signal<Option<LockReason>> {
        self.lock.into()
    }

    /// Whether the re-authentication dialog is up (tracked).
    pub fn is_locked(&self) -> bool {
        self.lock.with(Option::is_some)
    }

    /// Stores the tokens of a sign-in or refresh. The user signal is only written when the user
    /// actually changed, so nothing re-renders on a routine refresh.
    pub fn store(&self, tokens: SessionTokens) {
        let expires_at_ms = tokens.access_expires_at.timestamp_millis() as f64;
        self.access.set_value(Some(Access {
            token: tokens.access_token,
            expires_at_ms,
        }));
        let _ = SessionStorage::set(REFRESH_TOKEN_KEY, &tokens.refresh_token);
        self.refresh_token.set_value(Some(tokens.refresh_token));
        if !tokens.notices.is_empty() {
            self.notices.set(tokens.notices);
        }
        self.set_user(tokens.user);
    }

    /// What the server asked to tell the user at sign-in.
    pub fn notices(&self) -> Signal<Vec<String>> {
        self.notices.into()
    }

    /// Replaces the stored user when it changed (e.g. after `GET /me`).
    fn set_user(&self, me: Me) {
        let _ = SessionStorage::set(USER_KEY, &me);
        if self.user.with_untracked(|u| u.as_ref() != Some(&me)) {
            self.user.set(Some(me));
        }
    }

    /// Takes a fresher copy of the signed-in user (from `GET /me`). Ignored if, meanwhile, the
    /// user signed out or someone else signed in.
    pub fn update_user(&self, me: Me) {
        let same_user = self
            .user
            .with_untracked(|u| u.as_ref().is_some_and(|u| u.id == me.id));
        if same_user {
            self.set_user(me);
        }
    }

    /// Forgets everything (sign-out), and fails every call waiting for a new sign-in.
    pub fn clear(&self) {
        SessionStorage::delete(REFRESH_TOKEN_KEY);
        SessionStorage::delete(USER_KEY);
        SessionStorage::delete(LOCKED_KEY);
        self.access.set_value(None);
        self.refresh_token.set_value(None);
        self.lock.set(None);
        self.user.set(None);
        notify_waiters(false);
    }

    /// Signs out: forgets the session and this browser's copies of drafts and custody boards at
    /// once, then ends the session on the server in the background (refreshing first if only the
    /// refresh token is at hand, e.g. after a reload).
    pub fn sign_out(&self) {
        let access = self.access_token();
        let refresh = self.refresh_token.get_value();
        self.clear();
        crate::components::autosave::forget_local_drafts();
        crate::pages::custody::board::forget_saved_boards();
        spawn_local(async move {
            let token = match (access, refresh) {
                (Some(t), _) => Some(t),
                (None, Some(r)) => PublicClient.refresh(&r, true).await.ok().map(|t| t.access_token),
                (None, None) => None,
            };
            if let Some(t) = token {
                let _ = PublicClient.sign_out(&t).await;
            }
        });
    }

    /// The access token if it is valid for a few more seconds.
    pub fn access_token(&self) -> Option<String> {
        self.access.with_value(|a| {
            a.as_ref()
                .filter(|a| a.expires_at_ms - now_ms() > 5_000.0)
                .map(|a| a.token.clone())
        })
    }

    /// Drops `token` if it is still the current one (the server refused it).
    pub fn invalidate_access(&self, token: &str) {
        self.access.update_value(|a| {
            if a.as_ref().is_some_and(|a| a.token == token) {
                *a = None;
            }
        });
    }

    /// Shows the re-authentication dialog over the page. The access token is dropped; on an idle
    /// lock the server session is also ended, so nobody can use it from the unattended screen.
    pub fn lock(&self, reason: LockReason) {
        if self.lock.get_untracked().is_some() || self.user.with_untracked(Option::is_none) {
            return;
        }
        let _ = SessionStorage::set(LOCKED_KEY, true);
        let old = self.access.get_value();
        self.access.set_value(None);
        self.lock.set(Some(reason));
        if reason == LockReason::Idle {
            if let Some(old) = old {
                spawn_local(async move {
                    let _ = PublicClient.sign_out(&old.token).await;
                });
            }
        }
    }

    /// Ends the lock with the tokens of a new sign-in, and lets waiting calls go on.
    pub fn unlock(&self, tokens: SessionTokens) {
        self.store(tokens);
        SessionStorage::delete(LOCKED_KEY);
        self.touch();
        self.lock.set(None);
        notify_waiters(true);
    }

    /// Records keyboard, mouse or touch activity (not reactive: nothing re-renders).
    pub fn touch(&self) {
        self.last_activity_ms.set_value(now_ms());
    }

    /// Waits while the session is locked. Fails with [`ApiError::SignedOut`] if the user signs
    /// out from the dialog instead.
    async fn wait_unlocked(&self) -> Result<(), ApiError> {
        if self.lock.get_untracked().is_none() {
            return Ok(());
        }
        let (tx, rx) = oneshot::channel();
        WAITERS.with(|w| w.borrow_mut().push(tx));
        match rx.await {
            Ok(true) => Ok(()),
            _ => Err(ApiError::SignedOut),
        }
    }

    /// Refreshes the access token with the refresh token. Concurrent callers share one request.
    /// Does not lock the session on failure; [`Session::ensure_access`] does.
    pub async fn refresh(&self) -> Result<(), ApiError> {
        let fut = REFRESHING.with(|r| {
            let mut r = r.borrow_mut();
            if let Some(f) = r.as_ref() {
                return f.clone();
            }
            let session = *self;
            let f: RefreshFuture = async move {
                let result = match session.refresh_token.get_value() {
                    None => Err(ApiError::SignedOut),
                    Some(rt) => {
                        let active =
                            session.last_activity_ms.get_value() > session.last_refresh_ms.get_value();
                        session.last_refresh_ms.set_value(now_ms());
                        PublicClient.refresh(&rt, active).await.map(|t| session.store(t))
                    }
                };
                REFRESHING.with(|r| *r.borrow_mut() = None);
                result
            }
            .boxed_local()
            .shared();
            *r = Some(f.clone());
            f
        });
        fut.await
    }

    /// A valid access token, refreshing it if needed. If the session has ended, shows the
    /// re-authentication dialog and waits for the user to sign in again.
    pub async fn ensure_access(&self) -> Result<String, ApiError> {
        loop {
            self.wait_unlocked().await?;
            if self.user.with_untracked(Option::is_none) {
                return Err(ApiError::SignedOut);
            }
            if let Some(token) = self.access_token() {
                return Ok(token);
            }
            match self.refresh().await {
                Ok(()) => {}
                Err(e) if e.is_session_ended() => self.lock(LockReason::SessionEnded),
                Err(ApiError::SignedOut) => self.lock(LockReason::SessionEnded),
                Err(e) => return Err(e),
            }
        }
    }

    /// Starts the background timer (token refresh and idle lock) and the activity listeners.
    /// Call once, from the root component.
    pub fn start(self) {
        for name in [
            "keydown",
            "pointerdown",
            "pointermove",
            "touchstart",
            "wheel",
            "scroll",
        ] {
            let handle = window_event_listener_untyped(name, move |_| self.touch());
            // The listeners live as long as the app.
            std::mem::forget(handle);
        }
        spawn_local(async move {
            loop {
                gloo_timers::future::sleep(TICK).await;
                self.tick().await;
            }
        });
    }

    async fn tick(&self) {
        if self.user.with_untracked(Option::is_none) || self.lock.get_untracked().is_some() {
            return;
        }
        let idle_ms = f64::from(IDLE_LOCK_MINUTES) * 60_000.0;
        if now_ms() - self.last_activity_ms.get_value() >= idle_ms {
            self.lock(LockReason::Idle);
            return;
        }
        let due = self.access.with_value(|a| {
            a.as_ref()
                .is_none_or(|a| a.expires_at_ms - now_ms() <= (REFRESH_AHEAD_SECS * 1000) as f64)
        });
        if due {
            match self.refresh().await {
                Ok(()) => {}
                Err(e) if e.is_session_ended() => self.lock(LockReason::SessionEnded),
                // Offline or a server hiccup: try again at the next tick; calls still work
                // until the token expires and then refresh themselves.
                Err(_) => {}
            }
        }
    }
}

fn notify_waiters(go_on: bool) {
    let waiters = WAITERS.with(|w| std::mem::take(&mut *w.borrow_mut()));
    for tx in waiters {
        let _ = tx.send(go_on);
    }
}

/// Creates the session from storage, provides it as context and starts its timers.
pub fn provide_session() -> Session {
    let session = Session::restore();
    provide_context(session);
    session.start();
    session
}

/// The session provided by the root component.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

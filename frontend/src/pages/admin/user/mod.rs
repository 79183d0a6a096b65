//! `/admin/users/{id}`: one user of the force administrator's force, reached from the users table.
//! The user as they are, then small separate forms, each one `PATCH` with the version shown (so a
//! change made meanwhile by someone else is refused with 412, and the page shows the user as they
//! are now): their details ([`details`]: name, rank, roles, unit) and their account ([`account`]:
//! deactivate or reactivate, unlock, reset the authenticator app, set a new password).

mod account;
mod details;

use super::users::status_of;
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{items_for, ErrorItem, ErrorSummary};
use crate::components::loader::{id_page, load, RecordFrame};
use crate::components::time::local_time;
use crate::routes::{set_document_title, Page};
use crate::session::use_session;
use bluelamp_shared::admin::units::UnitDto;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::UserId;
use bluelamp_shared::users::{UpdateUserRequest, UserDto};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

/// `/admin/users/{id}`.
#[component]
pub fn UserPage() -> impl IntoView {
    id_page("User", "User", "There is no such user in your force.", |id| {
        view! { <UserLoader id=UserId(id) /> }
    })
}

/// What every part of the page shares: the user as last read or answered, and how to read them again.
#[derive(Debug, Clone, Copy)]
struct UserCtx {
    client: AuthClient,
    id: UserId,
    /// The user as last read or as the last change answered (its `version` is the `ETag`).
    user: RwSignal<Option<UserDto>>,
    /// Bumped to read the user again.
    reload: RwSignal<u32>,
    /// Bumped each time a read arrives, so the forms show the user as read.
    fresh: RwSignal<u32>,
    /// The force's stations, teams and units, open and closed.
    units: RwSignal<Option<Result<Vec<UnitDto>, ApiError>>>,
}

impl UserCtx {
    /// The version shown, if the user is.
    fn version(self) -> Option<i64> {
        self.user.with_untracked(|u| u.as_ref().map(|u| u.version))
    }

    /// The user's display name, as shown.
    fn name(self) -> String {
        self.user
            .with_untracked(|u| u.as_ref().map(|u| u.display_name.clone()))
            .unwrap_or_default()
    }

    /// Sends `req` for the user at the version shown, through `form`: the answer becomes the user
    /// shown (with its new version) and `done` says what was done; a refusal is shown in `form`.
    fn change(
        self,
        form: FormState,
        req: UpdateUserRequest,
        done: impl FnOnce(&UserDto) -> String + 'static,
    ) {
        let Some(version) = self.version() else {
            return;
        };
        if form.busy.get_untracked() {
            return;
        }
        form.busy.set(true);
        form.notice.set(None);
        spawn_local(async move {
            let answer = self.client.update_user(self.id, &req, version).await;
            if form.busy.try_set(false).is_some() {
                // The page was left (`try_set` hands the value back when the signal is gone).
                return;
            }
            match answer {
                Ok(user) => {
                    form.errors.set(Vec::new());
                    form.summary.set(Vec::new());
                    form.notice.set(Some(done(&user)));
                    set_document_title(&user.display_name);
                    self.user.set(Some(user));
                }
                Err(e) => self.failed(form, e),
            }
        });
    }

    /// Shows why a change was refused: someone else's change meanwhile (the user is read again),
    /// faults at their fields, or the server's reason.
    fn failed(self, form: FormState, e: ApiError) {
        if e.code() == Some(ErrorCode::PreconditionFailed) {
            self.reload.update(|n| *n += 1);
            form.errors.set(Vec::new());
            form.summary.set(vec![ErrorItem::general(
                "Someone else changed this user while you were working on it, so your change was not made. The page now shows the user as they are now: check and try again.",
            )]);
            return;
        }
        let fields = e.field_errors().to_vec();
        if fields.is_empty() {
            form.errors.set(Vec::new());
            form.summary.set(vec![ErrorItem::general(e.message())]);
        } else {
            form.show(fields);
        }
    }
}

/// One form's state: the faults at its fields and in its error summary, the notice of what was
/// done, and whether its request is out.
#[derive(Debug, Clone, Copy)]
struct FormState {
    errors: RwSignal<Vec<FieldError>>,
    summary: RwSignal<Vec<ErrorItem>>,
    notice: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    /// The form's element-id prefix.
    prefix: &'static str,
    /// The field paths, top to bottom.
    order: &'static [&'static str],
    /// Field path → element id.
    id_of: fn(&str) -> String,
}

impl FormState {
    fn new(prefix: &'static str, order: &'static [&'static str], id_of: fn(&str) -> String) -> Self {
        Self {
            errors: RwSignal::new(Vec::new()),
            summary: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            prefix,
            order,
            id_of,
        }
    }

    /// Shows `problems` at their fields and in the summary (in the form's order).
    fn show(self, problems: Vec<FieldError>) {
        self.notice.set(None);
        self.summary.set(items_for(&problems, self.order, self.id_of));
        self.errors.set(problems);
    }

    /// The message shown at field `path`, if any.
    fn error_at(self, path: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || {
            errors.with(|es| es.iter().find(|e| e.path == path).map(|e| e.message.clone()))
        })
    }

    /// The notice of what was done (`{prefix}-notice`) and the error summary (`{prefix}-error-summary`).
    fn outcome(self) -> impl IntoView {
        let notice = self.notice;
        view! {
            <div class="notification" role="status" id=format!("{}-notice", self.prefix)>
                {move || notice.get().map(|m| view! { <p class="notification__body">{m}</p> })}
            </div>
            <ErrorSummary items=self.summary id=format!("{}-error-summary", self.prefix) />
        }
    }
}

#[component]
fn UserLoader(id: UserId) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let ctx = UserCtx {
        client,
        id,
        user: RwSignal::new(None),
        reload: RwSignal::new(0),
        fresh: RwSignal::new(0),
        units: load(
            RwSignal::new(0),
            move || async move { client.force_units().await },
        ),
    };
    let failed = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        ctx.reload.track();
        spawn_local(async move {
            match client.user(id).await {
                Ok(u) => {
                    set_document_title(&u.display_name);
                    let _ = failed.try_set(None);
                    let _ = ctx.user.try_set(Some(u));
                    let _ = ctx.fresh.try_update(|n| *n += 1);
                }
                Err(e) => {
                    let _ = failed.try_set(Some(e));
                }
            }
        });
    });
    let loaded = Memo::new(move |_| ctx.user.with(Option::is_some));
    view! {
        <p class="body">
            <A href=Page::Admin.path() attr:id="back-to-admin">
                "Back to administration"
            </A>
        </p>
        <RecordFrame title="User" not_found="There is no such user in your force." loaded=loaded failed=failed>
            <UserView ctx=ctx />
        </RecordFrame>
    }
}

/// The unit named `id` among the force's units, as "Name (CODE)".
fn unit_name(units: &Option<Result<Vec<UnitDto>, ApiError>>, id: Option<Uuid>) -> String {
    let Some(id) = id else {
        return "None".to_owned();
    };
    match units {
        Some(Ok(all)) => all
            .iter()
            .find(|u| u.id == id)
            .map(|u| format!("{} ({})", u.name, u.code))
            .unwrap_or_else(|| "A station, team or unit no longer listed".to_owned()),
        Some(Err(_)) => "Could not be shown (the list of units did not load)".to_owned(),
        None => "Loading…".to_owned(),
    }
}

/// A row of the summary list.
fn fact(key: &'static str, id: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value" id=id>
                {value}
            </dd>
        </div>
    }
}

/// The user as they are, then the forms.
#[component]
fn UserView(ctx: UserCtx) -> impl IntoView {
    let user = ctx.user;
    let get = move |f: fn(&UserDto) -> String| move || user.with(|u| u.as_ref().map(f).unwrap_or_default());
    let roles = get(|u| u.roles.iter().map(|r| r.label()).collect::<Vec<_>>().join(", "));
    let unit = move || {
        let id = user.with(|u| u.as_ref().and_then(|u| u.unit_id));
        ctx.units.with(|all| unit_name(all, id))
    };
    let status = get(|u| {
        let status = status_of(u);
        match u.locked_until {
            Some(t) if u.active => format!("{status} until {}", local_time(t)),
            _ => status.to_owned(),
        }
    });
    view! {
        <h1 class="heading-xl" id="user-name">
            {get(|u| u.display_name.clone())}
        </h1>
        <dl class="summary-list" id="user-facts">
            {fact("Name", "user-display-name", get(|u| u.display_name.clone()))}
            {fact("User name", "user-username", get(|u| u.username.clone()))}
            {fact("Collar number", "user-collar-number", get(|u| u.collar_number.clone()))}
            {fact("Rank", "user-rank", get(|u| u.rank.clone()))}
            {fact("Roles", "user-roles", roles)}
            {fact("Station, team or unit", "user-unit", unit)}
            {fact("Status", "user-status", status)}
        </dl>
        <details::DetailsSection ctx=ctx />
        <account::AccountSection ctx=ctx />
        <account::PasswordSection ctx=ctx />
    }
}

//! `/crimes/{id}`: a crime from draft to outcome. The facts, the workflow moves the caller may
//! make now (with what each still needs, worked out with the shared rules before the click),
//! parties, property, exhibits with continuity, victims' care, witness statements, unused material
//! and case files (from `pages::case::on_crime`), tasks, the plan and log, classification history,
//! reclassification and cancellation.

mod details;
mod history;
mod parties;
mod property;
mod tasks;
mod workflow;

use self::details::Details;
use self::history::{Cancellations, Classifications};
use self::parties::Parties;
use self::property::{Exhibits, Property};
use self::tasks::{Log, Tasks};
use self::workflow::Workflow;
use super::victim::VictimCard;
use super::{outcome_label, ClockView};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{ErrorItem, ErrorSummary};
use crate::components::field::fid;
use crate::components::loader::{id_page, load_into, RecordFrame};
use crate::components::record::{record_link, use_reference_data};
use crate::components::section::Section;
use crate::components::time::local_time;
use crate::pages::case::on_crime::{scroll_to_hash, CaseFiles, Statements, UnusedMaterial};
use crate::routes::{incident_path, set_document_title};
use crate::session::use_session;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::investigation::{CrimeDto, CrimeFacts, CrimeState, PartyRole};
use bluelamp_shared::reference::ReferenceData;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// What every section of the crime page shares: the crime as last loaded or saved, the page's
/// error summary and inline errors, and a status message.
#[derive(Debug, Clone, Copy)]
pub struct CrimeCtx {
    /// The crime.
    pub crime: RwSignal<Option<CrimeDto>>,
    /// The error summary at the top of the page.
    pub summary: RwSignal<Vec<ErrorItem>>,
    /// Inline errors as (element id, message).
    pub errors: RwSignal<Vec<(String, String)>>,
    /// What just happened ("Task added").
    pub notice: RwSignal<Option<String>>,
    /// Bumped to load the crime again.
    pub reload: RwSignal<u32>,
    /// The API client.
    pub client: AuthClient,
}

impl CrimeCtx {
    /// The crime's id.
    pub fn id(&self) -> Uuid {
        self.crime
            .with_untracked(|c| c.as_ref().map(|c| c.id).unwrap_or_default())
    }

    /// The crime's version (its `ETag`).
    pub fn version(&self) -> i64 {
        self.crime
            .with_untracked(|c| c.as_ref().map(|c| c.meta.version).unwrap_or_default())
    }

    /// Reads the crime (tracked) with `f`, or the default before it is loaded.
    pub fn with<T: Default>(&self, f: impl FnOnce(&CrimeDto) -> T) -> T {
        self.crime.with(|c| c.as_ref().map(f).unwrap_or_default())
    }

    /// The inline error of the element `id`.
    pub fn err(&self, id: impl Into<String>) -> Signal<Option<String>> {
        let id = id.into();
        let errors = self.errors;
        Signal::derive(move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone())))
    }

    /// Shows problems found before sending (paths of the form with `prefix`).
    pub fn invalid(&self, prefix: &str, problems: &[FieldError]) {
        let items: Vec<(String, String)> = problems
            .iter()
            .map(|e| (fid(prefix, &e.path), e.message.clone()))
            .collect();
        self.summary.set(
            items
                .iter()
                .map(|(i, m)| ErrorItem::field(i.clone(), m.clone()))
                .collect(),
        );
        self.errors.set(items);
        self.notice.set(None);
    }

    /// Shows a failed call: field errors against the form's fields, 412 with the crime as now saved.
    pub fn fail(&self, prefix: &str, e: ApiError) {
        if let ApiError::Problem(p) = &e {
            if p.code == ErrorCode::PreconditionFailed {
                match p
                    .current
                    .clone()
                    .and_then(|v| serde_json::from_value::<CrimeDto>(v).ok())
                {
                    Some(c) => {
                        let _ = self.crime.try_set(Some(c));
                    }
                    None => self.reload.update(|n| *n += 1),
                }
                let _ = self.summary.try_set(vec![ErrorItem::general(
                    "Someone else saved this crime while you were working on it. The page now shows their changes: check them and try again.",
                )]);
                let _ = self.errors.try_set(Vec::new());
                return;
            }
        }
        let fields = e.field_errors().to_vec();
        if fields.is_empty() {
            let _ = self.summary.try_set(vec![ErrorItem::general(e.message())]);
            let _ = self.errors.try_set(Vec::new());
        } else {
            self.invalid(prefix, &fields);
        }
    }

    /// A write worked: the crime as saved (if the call answered it), and a message.
    pub fn saved(&self, crime: Option<CrimeDto>, message: &str) {
        match crime {
            Some(c) => {
                let _ = self.crime.try_set(Some(c));
            }
            None => self.reload.update(|n| *n += 1),
        }
        let _ = self.summary.try_set(Vec::new());
        let _ = self.errors.try_set(Vec::new());
        let _ = self.notice.try_set(Some(message.to_owned()));
    }
}

/// The facts the workflow rules need, from the crime as shown.
pub fn facts_of(c: &CrimeDto) -> CrimeFacts {
    CrimeFacts {
        victims: c.parties.iter().filter(|p| p.role == PartyRole::Victim).count() as u32,
        identified_suspects: c
            .parties
            .iter()
            .filter(|p| matches!(p.role, PartyRole::Suspect | PartyRole::Offender) && p.record.is_some())
            .count() as u32,
        allocated: c.officer_in_charge.is_some() || c.unit.is_some(),
    }
}

pub(super) fn role_label(r: PartyRole) -> &'static str {
    match r {
        PartyRole::Victim => "Victims",
        PartyRole::Witness => "Witnesses",
        PartyRole::Suspect => "Suspects",
        PartyRole::Offender => "Offenders",
        PartyRole::PersonReporting => "Person reporting",
    }
}

pub(super) fn offence_choices(d: &Option<ReferenceData>) -> Vec<(String, String)> {
    d.as_ref()
        .map(|d| {
            d.offences
                .iter()
                .map(|o| (o.code.clone(), o.label.clone()))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn classification_of(d: &Option<ReferenceData>, offence: &str) -> Option<String> {
    d.as_ref()
        .and_then(|d| d.offences.iter().find(|o| o.code == offence))
        .map(|o| o.classification.clone())
}

pub(super) fn fact(key: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt class="summary-list__key">{key}</dt>
            <dd class="summary-list__value">{value}</dd>
        </div>
    }
}

pub(super) fn user_text(u: &Option<bluelamp_shared::users::UserRef>) -> String {
    u.as_ref()
        .map(|u| format!("{} ({})", u.display_name, u.collar_number))
        .unwrap_or_else(|| "—".to_owned())
}

/// `/crimes/{id}`.
#[component]
pub fn CrimePage() -> impl IntoView {
    id_page(
        "Crime",
        "Crime",
        "There is no such crime.",
        |id| view! { <CrimeLoader id=id /> },
    )
}

#[component]
fn CrimeLoader(id: Uuid) -> impl IntoView {
    let client = AuthClient::new(use_session());
    let ctx = CrimeCtx {
        crime: RwSignal::new(None),
        summary: RwSignal::new(Vec::new()),
        errors: RwSignal::new(Vec::new()),
        notice: RwSignal::new(None),
        reload: RwSignal::new(0),
        client,
    };
    let failed = RwSignal::new(None::<ApiError>);
    load_into(Some(ctx.reload), ctx.crime, failed, move || async move {
        client.crime(id).await
    });
    let loaded = Memo::new(move |_| ctx.crime.with(Option::is_some));
    view! {
        <RecordFrame title="Crime" not_found="There is no such crime." loaded=loaded failed=failed>
            <CrimeView ctx=ctx />
        </RecordFrame>
    }
}

#[component]
fn CrimeView(ctx: CrimeCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let state = move || ctx.with(|c| Some(c.state)).unwrap_or(CrimeState::Draft);
    let open = move || state().is_open();
    let title = move || {
        ctx.with(|c| c.crn.clone())
            .unwrap_or_else(|| "Draft crime".to_owned())
    };
    Effect::new(move |_| set_document_title(&title()));
    // A link to a section (`/crimes/{id}#statements`) lands on it once the crime is shown.
    scroll_to_hash();
    view! {
        <p class="caption">"Crime"</p>
        <h1 class="heading-xl">
            <span id="crime-crn">{title}</span>
            " "
            <strong class="tag tag--state" id="crime-state" data-state=move || state().as_str()>
                {move || state().label()}
            </strong>
        </h1>
        <p class="small" id="crime-notice" role="status">
            {move || ctx.notice.get()}
        </p>
        <ErrorSummary items=ctx.summary id="crime-error-summary" />
        <dl class="summary-list" id="crime-facts">
            {fact("Offence", move || ctx.with(|c| c.offence_label.clone()).unwrap_or_else(|| "—".to_owned()))}
            {fact(
                "Classification",
                move || ctx.with(|c| c.classification_label.clone()).unwrap_or_else(|| "—".to_owned()),
            )}
            {fact(
                "When",
                move || {
                    ctx.with(|c| match (c.crime.offence_from, c.crime.offence_to) {
                        (Some(f), Some(t)) if t != f => format!("{} to {}", local_time(f), local_time(t)),
                        (Some(f), _) => local_time(f),
                        _ => "—".to_owned(),
                    })
                },
            )}
            {fact(
                "Where",
                move || {
                    ctx.with(|c| c.location.as_ref().map(record_link))
                        .unwrap_or_else(|| view! { <span>"—"</span> }.into_any())
                },
            )}
            {fact("Recording decision", move || ctx.with(|c| Some(view! { <ClockView clock=c.clock /> })))}
            {fact("Officer in charge", move || ctx.with(|c| user_text(&c.officer_in_charge)))}
            {fact(
                "Unit",
                move || {
                    ctx.with(|c| c.unit_label.clone()).unwrap_or_else(|| "—".to_owned())
                },
            )}
            {fact(
                "Outcome",
                move || {
                    ctx.with(|c| match (&c.outcome, &c.proposed_outcome) {
                        (Some(o), _) => refdata.with(|d| outcome_label(d, o)),
                        (None, Some(p)) => format!("Proposed: {}", refdata.with(|d| outcome_label(d, p))),
                        _ => "—".to_owned(),
                    })
                },
            )}
            {fact(
                "Incident",
                move || {
                    ctx.with(|c| c.crime.incident_id)
                        .map(|i| view! { <A href=incident_path(i)>"Open the incident"</A> }.into_any())
                        .unwrap_or_else(|| view! { <span>"—"</span> }.into_any())
                },
            )}
            {fact(
                "Modus operandi",
                move || ctx.with(|c| c.crime.modus_operandi.clone()),
            )}
        </dl>
        {move || {
            ctx.with(|c| c.returned_comments.clone())
                .map(|r| {
                    view! {
                        <div class="banner" id="returned-comments">
                            <p class="banner__body">"Returned by the supervisor:"</p>
                            <p class="body pre-line">{r}</p>
                        </div>
                    }
                })
        }}
        <Workflow ctx=ctx />
        <Show when=open>
            <Details ctx=ctx />
        </Show>
        <Parties ctx=ctx />
        <Property ctx=ctx />
        <Exhibits ctx=ctx />
        <Section id="victims" title="Victims' care">
            {move || {
                ctx.with(|c| c.victims.is_empty())
                    .then(|| view! { <p class="body">"No victims are recorded yet."</p> })
            }}
            <For
                each=move || ctx.with(|c| c.victims.clone())
                key=|v| (v.id, v.version, v.contacts.len(), v.dash.len(), v.referral.is_some())
                let:victim
            >
                <VictimCard ctx=ctx victim=victim />
            </For>
        </Section>
        <Statements ctx=ctx />
        <UnusedMaterial ctx=ctx />
        <CaseFiles ctx=ctx />
        <Tasks ctx=ctx />
        <Log ctx=ctx />
        <Classifications ctx=ctx />
        <Cancellations ctx=ctx />
    }
}

//! The panels about how long the detention lasts and how it ends: reviews, the extension and the
//! warrant of further detention, the charge, the disposal and release, and annotations.

use super::super::fields::{read_time, ChecklistField, RadioField};
use super::super::record::{live_due, EntryForm, RecordCtx};
use super::frame::EntryPanel;
use super::{at_field, choices_of, code_of, parse_code};
use crate::components::field::ChoiceField;
use crate::components::field::{CheckboxField, TextArea, TextField};
use crate::components::record::use_reference_data;
use crate::components::time::local_time;
use bluelamp_shared::custody::{
    AnnotationEntry, ChargeEntry, CustodyEntry, DisposalEntry, DisposalOutcome, ExtensionEntry,
    ReviewDecision, ReviewEntry, WarrantEntry,
};
use bluelamp_shared::error::FieldError;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A PACE review of detention (s.40).
#[component]
pub(super) fn ReviewPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("review");
    let at = RwSignal::new(String::new());
    let postponed = RwSignal::new(false);
    let postponement_reason = RwSignal::new(String::new());
    let representations = RwSignal::new(String::new());
    let decision = RwSignal::new(String::new());
    let grounds = RwSignal::new(String::new());
    let remote = RwSignal::new(false);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let d: Option<ReviewDecision> = parse_code(&decision.get_untracked());
        if d.is_none() {
            p.push(FieldError::new("decision", "required", "Choose the decision"));
        }
        let is_postponed = postponed.get_untracked();
        let entry = CustodyEntry::Review(ReviewEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            postponed: is_postponed,
            postponement_reason: if is_postponed {
                postponement_reason.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
            representations: representations.get_untracked().trim().to_owned(),
            decision: d.unwrap_or(ReviewDecision::Continue),
            grounds: grounds.get_untracked().trim().to_owned(),
            remote: remote.get_untracked(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        for s in [at, postponement_reason, representations, decision, grounds] {
            s.set(String::new());
        }
        postponed.set(false);
        remote.set(false);
    });
    let clock = ctx.clock;
    view! {
        <EntryPanel
            ctx=ctx
            id="review"
            title="Review of detention"
            form=form
            submit_label="Record the review"
            entry=build
            done="Review recorded."
            on_done=on_done
            intro=view! {
                <p class="body">
                    {move || {
                        ctx.with(|r| r.clocks.next_review_due.map(|d| (d, r.clocks.next_review_number)))
                            .map(|(d, n)| view! { {format!("Review {n} is due: ")} {live_due(clock, d)} })
                    }}
                </p>
            }
                .into_any()
        >
            {at_field(form, at, "Carried out at")}
            <CheckboxField id=form.id("postponed") label="Postponed (s.40(4)): carried out after its latest time" checked=postponed />
            <Show when=move || postponed.get()>
                <TextArea
                    id=form.id("postponement_reason")
                    label="Why it was postponed"
                    value=postponement_reason
                    error=form.err("postponement_reason")
                    rows=2
                />
            </Show>
            <TextArea
                id=form.id("representations")
                label="Representations by the detainee or their solicitor"
                value=representations
                error=form.err("representations")
                rows=3
            />
            <RadioField
                id=form.id("decision")
                legend="Decision"
                value=decision
                options=vec![
                    (code_of(&ReviewDecision::Continue), "Continued detention authorised".to_owned()),
                    (code_of(&ReviewDecision::Release), "Detention no longer justified: release".to_owned()),
                ]
                error=form.err("decision")
            />
            <TextArea id=form.id("grounds") label="Grounds" value=grounds error=form.err("grounds") rows=3 />
            <CheckboxField id=form.id("remote") label="Carried out by telephone or video (s.40A, s.45A)" checked=remote />
        </EntryPanel>
    }
}

/// Which authority for longer detention a [`DetentionLimitPanel`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    /// A superintendent's extension (s.42).
    Extension,
    /// A warrant of further detention, or its extension (ss.43–44).
    Warrant,
}

/// A superintendent's extension of detention (s.42), or a warrant of further detention or its
/// extension (ss.43–44): when, until when, and the grounds (extension) or the court (warrant).
#[component]
pub(super) fn DetentionLimitPanel(ctx: RecordCtx, limit: Limit) -> impl IntoView {
    let warrant = limit == Limit::Warrant;
    let form = EntryForm::new(if warrant { "warrant" } else { "extension" });
    let at = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    // The grounds of an extension, or the court of a warrant.
    let text = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let at = read_time(&mut p, "at", &at.get_untracked());
        let until = read_time(&mut p, "until", &until.get_untracked());
        let text = text.get_untracked().trim().to_owned();
        let entry = match limit {
            Limit::Extension => CustodyEntry::Extension(ExtensionEntry {
                at,
                until,
                grounds: text,
            }),
            Limit::Warrant => CustodyEntry::Warrant(WarrantEntry {
                at,
                until,
                court: text,
            }),
        };
        (entry, p)
    });
    let on_done = Callback::new(move |_| {
        for s in [at, until, text] {
            s.set(String::new());
        }
    });
    let intro = (!warrant).then(|| {
        view! {
            <p class="hint">
                "A superintendent may extend detention to no later than 36 hours after the relevant time, for an indictable offence, after the second review and within 24 hours of the relevant time (PACE s.42)."
            </p>
            {move || {
                (!ctx.with(|r| r.indictable))
                    .then(|| view! { <p class="body notice">"None of the offences on this record is indictable."</p> })
            }}
        }
            .into_any()
    });
    let at_view = if warrant {
        view! { <TextField id=form.id("at") label="Issued at" input_type="datetime-local" value=at error=form.err("at") /> }
            .into_any()
    } else {
        at_field(form, at, "Authorised at").into_any()
    };
    let text_view = if warrant {
        view! { <TextField id=form.id("court") label="Court" value=text error=form.err("court") /> }
            .into_any()
    } else {
        view! { <TextArea id=form.id("grounds") label="Grounds (s.42(1))" value=text error=form.err("grounds") rows=3 /> }
            .into_any()
    };
    let (id, title, submit_label, done, until_label) = match limit {
        Limit::Extension => (
            "extension",
            "Extension",
            "Record the extension",
            "Extension recorded.",
            "Extended until",
        ),
        Limit::Warrant => (
            "warrant",
            "Warrant of further detention",
            "Record the warrant",
            "Warrant recorded.",
            "Authorises detention until",
        ),
    };
    view! {
        <EntryPanel
            ctx=ctx
            id=id
            title=title
            form=form
            submit_label=submit_label
            entry=build
            done=done
            on_done=on_done
            intro=intro.into_any()
        >
            {at_view}
            <TextField
                id=form.id("until")
                label=until_label
                input_type="datetime-local"
                value=until
                error=form.err("until")
            />
            {text_view}
        </EntryPanel>
    }
}

/// Charging the detainee.
#[component]
pub(super) fn ChargePanel(ctx: RecordCtx) -> impl IntoView {
    let refdata = use_reference_data();
    let form = EntryForm::new("charge");
    let offences = RwSignal::new(
        ctx.record
            .with_untracked(|r| r.as_ref().map(|r| r.arrest.offences.clone()).unwrap_or_default()),
    );
    let at = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let entry = CustodyEntry::Charge(ChargeEntry {
            at: read_time(&mut p, "at", &at.get_untracked()),
            offences: offences.get_untracked(),
        });
        (entry, p)
    });
    let on_done = Callback::new(move |_| at.set(String::new()));
    let options = Signal::derive(move || {
        refdata.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.offences
                        .iter()
                        .map(|o| (o.code.clone(), o.label.clone()))
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <EntryPanel
            ctx=ctx
            id="charge"
            title="Charge"
            form=form
            submit_label="Record the charge"
            entry=build
            done="Charge recorded."
            on_done=on_done
            intro=view! {
                {move || {
                    ctx.with(|r| r.charged_at)
                        .map(|c| view! { <p class="body">{format!("Charged {}.", local_time(c))}</p> })
                }}
            }
                .into_any()
        >
            <ChecklistField
                id=form.id("offences")
                legend="Offences charged"
                value=offences
                options=options
                error=form.err("offences")
            />
            {at_field(form, at, "Charged at")}
        </EntryPanel>
    }
}

/// The disposal and release (closes the record).
#[component]
pub(super) fn DisposalPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("disposal");
    let outcome = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    let bail_date = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let needs_bail =
        move || parse_code::<DisposalOutcome>(&outcome.get()).is_some_and(DisposalOutcome::needs_bail_date);
    let build = Callback::new(move |_| {
        let mut p = Vec::new();
        let o: Option<DisposalOutcome> = parse_code(&outcome.get_untracked());
        if o.is_none() {
            p.push(FieldError::new("outcome", "required", "Choose the outcome"));
        }
        let o = o.unwrap_or(DisposalOutcome::NoFurtherAction);
        let bail = if o.needs_bail_date() {
            let t = bail_date.get_untracked();
            if t.trim().is_empty() {
                None
            } else {
                let d = NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
                if d.is_none() {
                    p.push(FieldError::new("bail_date", "format", "Enter a real date"));
                }
                d
            }
        } else {
            None
        };
        let entry = CustodyEntry::Disposal(DisposalEntry {
            outcome: o,
            at: read_time(&mut p, "at", &at.get_untracked()),
            bail_date: bail,
            notes: notes.get_untracked().trim().to_owned(),
        });
        (entry, p)
    });
    view! {
        <EntryPanel
            ctx=ctx
            id="disposal"
            title="Disposal and release"
            form=form
            submit_label="Record the disposal and release"
            entry=build
            done="Disposal recorded: the record is closed."
            intro=view! {
                <p class="body notice">"Recording the disposal releases the detainee and closes the record."</p>
            }
                .into_any()
        >
            <ChoiceField
                id=form.id("outcome")
                label="Outcome"
                value=outcome
                options=Signal::derive(|| choices_of(&DisposalOutcome::ALL, DisposalOutcome::label))
                error=form.err("outcome")
                empty="Choose"
            />
            {at_field(form, at, "Released at")}
            <Show when=needs_bail>
                <TextField
                    id=form.id("bail_date")
                    label="Date to answer bail"
                    input_type="date"
                    value=bail_date
                    error=form.err("bail_date")
                />
            </Show>
            <TextArea
                id=form.id("notes")
                label="Bail conditions, caution details, notes"
                value=notes
                error=form.err("notes")
                rows=3
            />
        </EntryPanel>
    }
}

/// An annotation (the only entry a closed record takes).
#[component]
pub fn AnnotationPanel(ctx: RecordCtx) -> impl IntoView {
    let form = EntryForm::new("annotation");
    let text = RwSignal::new(String::new());
    let build = Callback::new(move |_| {
        let entry = CustodyEntry::Annotation(AnnotationEntry {
            text: text.get_untracked().trim().to_owned(),
        });
        (entry, Vec::new())
    });
    let on_done = Callback::new(move |_| text.set(String::new()));
    view! {
        <EntryPanel
            ctx=ctx
            id="annotation"
            title="Annotation"
            form=form
            submit_label="Add the annotation"
            entry=build
            done="Annotation added."
            on_done=on_done
        >
            <TextArea id=form.id("text") label="Annotation" value=text error=form.err("text") rows=3 />
        </EntryPanel>
    }
}

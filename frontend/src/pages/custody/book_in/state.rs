//! The book-in form's state: one signal per input, what is known of the chosen person (loaded
//! again when the choice changes), the request read from it with every problem, and the submit.

use super::{field_id, MedRow, ORDER};
use crate::api::{ApiError, AuthClient};
use crate::components::error_summary::{items_for, ErrorItem};
use crate::components::ids::new_idempotency_key;
use crate::components::record_picker::Picked;
use crate::components::time::{now, to_input};
use crate::pages::custody::fields::{merge, non_empty, read_time, read_uuid, Errors, RiskForm, RxFields};
use crate::routes::custody_record_path;
use bluelamp_shared::custody::{
    check_book_in, ArrestDetails, BookInPrefill, BookInRequest, CustodySuite, DetentionDecision,
    Prescription, RiskQuestion,
};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::records::RecordKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// Everything the form holds, one signal per input.
#[derive(Debug, Clone, Copy)]
pub(super) struct BookIn {
    pub(super) person: RwSignal<Option<Picked>>,
    pub(super) prefill: RwSignal<Option<BookInPrefill>>,
    pub(super) prefill_error: RwSignal<Option<String>>,
    pub(super) suite_id: RwSignal<String>,
    pub(super) cell: RwSignal<String>,
    pub(super) crime: RwSignal<String>,
    pub(super) arrest_at: RwSignal<String>,
    pub(super) place: RwSignal<String>,
    pub(super) officer: RwSignal<String>,
    pub(super) offences: RwSignal<Vec<String>>,
    pub(super) grounds: RwSignal<String>,
    pub(super) necessity: RwSignal<String>,
    pub(super) asn: RwSignal<String>,
    pub(super) arrived_at: RwSignal<String>,
    pub(super) decision: RwSignal<String>,
    pub(super) decided_at: RwSignal<String>,
    pub(super) reason: RwSignal<String>,
    pub(super) sde: RwSignal<String>,
    pub(super) ode: RwSignal<String>,
    pub(super) nationality: RwSignal<String>,
    pub(super) risk_now: RwSignal<bool>,
    pub(super) risk: RiskForm,
    pub(super) meds: RwSignal<Vec<MedRow>>,
    next_key: StoredValue<u64>,
    owner: StoredValue<Option<Owner>>,
    /// Counts the loads of what is known of the person, so a stale answer is dropped.
    generation: StoredValue<u64>,
}

impl BookIn {
    pub(super) fn new() -> Self {
        Self {
            owner: StoredValue::new(Owner::current()),
            person: RwSignal::new(None),
            prefill: RwSignal::new(None),
            prefill_error: RwSignal::new(None),
            suite_id: RwSignal::new(String::new()),
            cell: RwSignal::new(String::new()),
            crime: RwSignal::new(String::new()),
            arrest_at: RwSignal::new(String::new()),
            place: RwSignal::new(String::new()),
            officer: RwSignal::new(String::new()),
            offences: RwSignal::new(Vec::new()),
            grounds: RwSignal::new(String::new()),
            necessity: RwSignal::new(String::new()),
            asn: RwSignal::new(String::new()),
            arrived_at: RwSignal::new(to_input(now())),
            decision: RwSignal::new(String::new()),
            decided_at: RwSignal::new(to_input(now())),
            reason: RwSignal::new(String::new()),
            sde: RwSignal::new(String::new()),
            ode: RwSignal::new(String::new()),
            nationality: RwSignal::new(String::new()),
            risk_now: RwSignal::new(true),
            risk: RiskForm::new(),
            meds: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            generation: StoredValue::new(0),
        }
    }

    /// A medicine row for `p`, its signals owned by the form (not by the row's view).
    pub(super) fn new_row(self, p: &Prescription) -> MedRow {
        let rx = self.owner.with_value(|o| match o {
            Some(o) => o.with(|| RxFields::from(p)),
            None => RxFields::from(p),
        });
        let k = self.next_key.get_value() + 1;
        self.next_key.set_value(k);
        MedRow { key: k, rx }
    }

    /// Loads what is known of person `id` (`pick`: and chooses them).
    pub(super) fn load_prefill(self, client: AuthClient, id: Uuid, pick: bool) {
        let gen = self.generation.get_value() + 1;
        self.generation.set_value(gen);
        self.prefill_error.set(None);
        spawn_local(async move {
            let r = client.book_in_prefill(id).await;
            if self.generation.try_get_value() != Some(gen) {
                return; // a newer choice was made meanwhile
            }
            if !pick && self.person.with_untracked(|p| p.as_ref().map(|p| p.id)) != Some(id) {
                return; // the person was un-chosen meanwhile
            }
            match r {
                Ok(p) => self.prefilled(id, pick, p),
                Err(e) => self.prefill_error.set(Some(e.message())),
            }
        });
    }

    fn prefilled(self, id: Uuid, pick: bool, p: BookInPrefill) {
        if pick {
            self.person.set(Some(Picked {
                id,
                label: p.person.label.clone(),
                kind: RecordKind::Person,
            }));
        }
        let rows: Vec<MedRow> = p.known_medication.iter().map(|m| self.new_row(m)).collect();
        self.meds.set(rows);
        if let Some(e) = &p.self_defined_ethnicity {
            if self.sde.with_untracked(String::is_empty) {
                self.sde.set(e.clone());
            }
        }
        if let Some(n) = &p.nationality {
            if self.nationality.with_untracked(String::is_empty) {
                self.nationality.set(n.clone());
            }
        }
        self.prefill.set(Some(p));
    }

    /// What is known follows the person chosen.
    pub(super) fn follow_person(self, client: AuthClient) {
        Effect::new(move |_| {
            let chosen = self.person.get().map(|p| p.id);
            let loaded = self
                .prefill
                .with_untracked(|p| p.as_ref().map(|p| p.person.record.id));
            match chosen {
                Some(id) if loaded != Some(id) => self.load_prefill(client, id, false),
                Some(_) => {}
                // Un-chosen ("Change"): forget what was known of them. (Not on the first run, which
                // must not cancel the load of a person given in the address.)
                None if loaded.is_some() => {
                    self.generation.update_value(|g| *g += 1);
                    self.prefill.set(None);
                    self.meds.set(Vec::new());
                }
                None => {}
            }
        });
    }

    /// The suite: the only one of the force, chosen for the user; and a cell of another suite
    /// is not a choice any more.
    pub(super) fn follow_suites(self, suites: Signal<Vec<CustodySuite>>) {
        let (suite_id, cell) = (self.suite_id, self.cell);
        Effect::new(move |_| {
            let list = suites.get();
            if list.len() == 1 && suite_id.with_untracked(String::is_empty) {
                suite_id.set(list[0].id.to_string());
            }
        });
        Effect::new(move |_| {
            let s = suite_id.get();
            let cells = suites.with(|l| {
                l.iter()
                    .find(|x| x.id.to_string() == s)
                    .map(|x| x.cells.clone())
                    .unwrap_or_default()
            });
            if !cells.contains(&cell.get_untracked()) && !cell.with_untracked(String::is_empty) {
                cell.set(String::new());
            }
        });
    }

    /// The request as typed, with every problem (tracked).
    pub(super) fn build(self, questions: Signal<Vec<RiskQuestion>>) -> (BookInRequest, Vec<FieldError>) {
        let mut p = Vec::new();
        let qs = questions.get();
        let req = BookInRequest {
            person_id: self.person.get().map(|x| x.id),
            crime_id: read_uuid(&mut p, "crime_id", &self.crime.get(), "the crime"),
            suite_id: Uuid::parse_str(&self.suite_id.get()).ok(),
            cell: non_empty(&self.cell.get()),
            arrest: self.arrest(&mut p),
            asn: self.asn.get().trim().to_uppercase(),
            arrived_at: read_time(&mut p, "arrived_at", &self.arrived_at.get()),
            decision: match self.decision.get().as_str() {
                "authorised" => Some(DetentionDecision::Authorised),
                "refused" => Some(DetentionDecision::Refused),
                _ => None,
            },
            decided_at: read_time(&mut p, "decided_at", &self.decided_at.get()),
            decision_reason: self.reason.get().trim().to_owned(),
            self_defined_ethnicity: non_empty(&self.sde.get()),
            officer_defined_ethnicity: non_empty(&self.ode.get()),
            nationality: self.nationality.get().trim().to_owned(),
            risk: self.risk_now.get().then(|| {
                // Tracked: the answers, level and rousing feed the live checks.
                self.risk.answers.track();
                self.risk.level.track();
                self.risk.rousing.track();
                self.risk.read(&qs, None)
            }),
            medication: self
                .meds
                .get()
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    m.rx.medicine.track();
                    m.rx.dose.track();
                    m.rx.times.track();
                    m.rx.every_minutes.track();
                    m.rx.first_at.track();
                    m.rx.prescriber.track();
                    m.rx.read(&format!("medication.{i}"), &mut p)
                })
                .collect(),
        };
        let checked = check_book_in(&req, &qs, now());
        (req, merge(p, checked))
    }

    fn arrest(self, p: &mut Vec<FieldError>) -> ArrestDetails {
        ArrestDetails {
            at: read_time(p, "arrest.at", &self.arrest_at.get()),
            place: self.place.get().trim().to_owned(),
            officer: self.officer.get().trim().to_owned(),
            offences: self.offences.get(),
            grounds: self.grounds.get().trim().to_owned(),
            necessity: self.necessity.get().trim().to_owned(),
        }
    }
}

/// Where the submit shows how it went, and what it keeps between presses.
#[derive(Debug, Clone, Copy)]
pub(super) struct Submit {
    pub(super) errors: Errors,
    pub(super) summary: RwSignal<Vec<ErrorItem>>,
    pub(super) busy: RwSignal<bool>,
    pub(super) key: StoredValue<String>,
    pub(super) last: StoredValue<Option<BookInRequest>>,
    pub(super) attempted: StoredValue<bool>,
}

impl Submit {
    pub(super) fn new() -> Self {
        Self {
            errors: RwSignal::new(Vec::new()),
            summary: RwSignal::new(Vec::new()),
            busy: RwSignal::new(false),
            key: StoredValue::new(new_idempotency_key()),
            last: StoredValue::new(None),
            attempted: StoredValue::new(false),
        }
    }

    /// Problems in the summary and next to their fields.
    fn show(self, problems: &[FieldError]) {
        let _ = self.summary.try_set(items_for(problems, ORDER, field_id));
        let _ = self.errors.try_set(
            problems
                .iter()
                .map(|e| (field_id(&e.path), e.message.clone()))
                .collect(),
        );
    }

    /// After a failed submit, each message goes as soon as its field is put right.
    pub(super) fn recheck(self, form: BookIn, questions: Signal<Vec<RiskQuestion>>) {
        let (attempted, errors) = (self.attempted, self.errors);
        Effect::new(move |_| {
            let found = form.build(questions).1;
            if !attempted.get_value() || errors.with_untracked(Vec::is_empty) {
                return;
            }
            errors.update(|es| {
                let shown: Vec<String> = es.iter().map(|(i, _)| i.clone()).collect();
                *es = found
                    .iter()
                    .map(|e| (field_id(&e.path), e.message.clone()))
                    .filter(|(i, _)| shown.contains(i))
                    .collect();
            });
        });
    }

    /// Checks and sends the booking, then on to the new custody record.
    pub(super) fn submit(
        self,
        client: AuthClient,
        form: BookIn,
        questions: Signal<Vec<RiskQuestion>>,
        navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
    ) {
        if self.busy.get_untracked() {
            return;
        }
        self.attempted.set_value(true);
        let (req, problems) = untrack(|| form.build(questions));
        if !problems.is_empty() {
            self.show(&problems);
            return;
        }
        if self.last.with_value(|l| l.as_ref() != Some(&req)) {
            self.key.set_value(new_idempotency_key());
            self.last.set_value(Some(req.clone()));
        }
        let k = self.key.get_value();
        self.busy.set(true);
        spawn_local(async move {
            let r = client.book_in(&req, &k).await;
            let _ = self.busy.try_set(false);
            match r {
                Ok(rec) => navigate(&custody_record_path(rec.id), Default::default()),
                Err(e) => self.failed(client, form, &req, e),
            }
        });
    }

    fn failed(self, client: AuthClient, form: BookIn, req: &BookInRequest, e: ApiError) {
        let fields = e.field_errors().to_vec();
        if !fields.is_empty() {
            self.show(&fields);
            return;
        }
        if e.code() == Some(ErrorCode::Conflict) {
            // Already in custody: show where their open record is.
            if let Some(id) = req.person_id {
                form.load_prefill(client, id, false);
            }
        }
        let text = match &e {
            ApiError::Network(_) => format!(
                "{} Nothing has been lost: press the button again when the connection is back; the detainee will not be booked in twice.",
                e.message()
            ),
            _ => e.message(),
        };
        let _ = self.errors.try_set(Vec::new());
        let _ = self.summary.try_set(vec![ErrorItem::general(text)]);
    }
}

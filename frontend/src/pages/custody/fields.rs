//! Form pieces the custody pages share: inputs whose shown value always follows their signal
//! (choices, radios, checklists), the risk-assessment questions, a prescription, and reading
//! typed text into the shared request types with a problem for each unreadable field.
//!
//! Inline errors are kept as `(element id, message)` pairs; a field's element id is
//! [`fid`]`(prefix, path)` for the path the shared rules and the API name it by, so a problem
//! found in the browser and one answered by the server land on the same field.

use crate::components::field::{ChoiceField, ErrorMessage, FieldsetFrame};
use crate::components::time::from_input;
use bluelamp_shared::custody::{risk_calls_for, Prescription, RiskAnswer, RiskAssessmentEntry, RiskQuestion};
use bluelamp_shared::error::FieldError;
use chrono::{DateTime, NaiveTime, Utc};
use leptos::prelude::*;
use std::collections::BTreeMap;
use uuid::Uuid;

pub use crate::components::field::fid;

/// Inline errors of a form: `(element id, message)`.
pub type Errors = RwSignal<Vec<(String, String)>>;

/// The inline error of element `id`.
pub fn err_of(errors: Errors, id: impl Into<String>) -> Signal<Option<String>> {
    let id = id.into();
    Signal::derive(move || errors.with(|es| es.iter().find(|(i, _)| *i == id).map(|(_, m)| m.clone())))
}

/// Problems found while reading the form replace what the shared rules say about the same path.
pub fn merge(mut read: Vec<FieldError>, checked: Vec<FieldError>) -> Vec<FieldError> {
    let extra: Vec<FieldError> = checked
        .into_iter()
        .filter(|c| !read.iter().any(|r| r.path == c.path))
        .collect();
    read.extend(extra);
    read
}

fn join(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_owned()
    } else {
        format!("{prefix}.{path}")
    }
}

/// Reads a `datetime-local` value (empty: `None`).
pub fn read_time(problems: &mut Vec<FieldError>, path: &str, text: &str) -> Option<DateTime<Utc>> {
    if text.trim().is_empty() {
        return None;
    }
    let t = from_input(text);
    if t.is_none() {
        problems.push(FieldError::new(path, "format", "Enter a real date and time"));
    }
    t
}

/// Reads times of day typed as `08:00, 20:00`.
pub fn read_times(problems: &mut Vec<FieldError>, path: &str, text: &str) -> Vec<NaiveTime> {
    let mut out = Vec::new();
    for part in text
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match NaiveTime::parse_from_str(part, "%H:%M").or_else(|_| NaiveTime::parse_from_str(part, "%H%M")) {
            Ok(t) => out.push(t),
            Err(_) => {
                problems.push(FieldError::new(
                    path,
                    "format",
                    "Enter times of day as HH:MM, separated by commas (08:00, 20:00)",
                ));
                return Vec::new();
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reads a whole number of minutes (empty: `None`).
pub fn read_minutes(problems: &mut Vec<FieldError>, path: &str, text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i64>() {
        Ok(m) => Some(m),
        Err(_) => {
            problems.push(FieldError::new(path, "format", "Enter a whole number of minutes"));
            None
        }
    }
}

/// Reads an id (empty: `None`).
pub fn read_uuid(problems: &mut Vec<FieldError>, path: &str, text: &str, what: &str) -> Option<Uuid> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    // Accept a pasted page address too: the id is its last segment.
    let last = t.trim_end_matches('/').rsplit('/').next().unwrap_or(t);
    match Uuid::parse_str(last) {
        Ok(u) => Some(u),
        Err(_) => {
            problems.push(FieldError::new(path, "format", format!("Enter {what} as an id")));
            None
        }
    }
}

/// Trimmed text, `None` when empty.
pub fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A group of radios (a `<fieldset>` with a legend) bound to `value`. The first radio's id is
/// `id` (so an error summary link lands on it); the others are `{id}-{code}`.
#[component]
pub fn RadioField(
    /// The group's base id.
    #[prop(into)]
    id: String,
    /// The question.
    #[prop(into)]
    legend: String,
    /// The chosen code (empty: none).
    value: RwSignal<String>,
    /// `(code, label)` pairs.
    options: Vec<(String, String)>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the legend.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let name = id.clone();
    view! {
        <FieldsetFrame id=id.clone() legend=legend hint=hint error=error>
            <div class="radios">
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (code, text))| {
                        let rid = if i == 0 { id.clone() } else { format!("{id}-{}", code.replace('_', "-")) };
                        let (c1, c2) = (code.clone(), code.clone());
                        view! {
                            <span class="radios__item">
                                <input
                                    class="radios__input"
                                    type="radio"
                                    id=rid.clone()
                                    name=name.clone()
                                    value=code
                                    prop:checked=move || value.with(|v| *v == c1)
                                    on:change=move |_| value.set(c2.clone())
                                />
                                <label class="label radios__label" for=rid>
                                    {text}
                                </label>
                            </span>
                        }
                    })
                    .collect_view()}
            </div>
        </FieldsetFrame>
    }
}

/// A list of checkboxes (a `<fieldset>`) bound to the codes chosen. The first box's id is `id`;
/// the others are `{id}-{code}`.
#[component]
pub fn ChecklistField(
    /// The group's base id.
    #[prop(into)]
    id: String,
    /// The question.
    #[prop(into)]
    legend: String,
    /// The codes chosen.
    value: RwSignal<Vec<String>>,
    /// `(code, label)` pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The inline error message, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <FieldsetFrame id=id.clone() legend=legend hint=None error=error>
            <div class="checkboxes">
                {move || {
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (code, text))| {
                            let cid = if i == 0 { id.clone() } else { format!("{id}-{}", code.replace('_', "-")) };
                            let (c1, c2) = (code.clone(), code.clone());
                            view! {
                                <div class="checkboxes__item">
                                    <input
                                        class="checkboxes__input"
                                        type="checkbox"
                                        id=cid.clone()
                                        value=code
                                        prop:checked=move || value.with(|v| v.contains(&c1))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            value
                                                .update(|v| {
                                                    v.retain(|x| *x != c2);
                                                    if on {
                                                        v.push(c2.clone());
                                                    }
                                                });
                                        }
                                    />
                                    <label class="label checkboxes__label" for=cid>
                                        {text}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </FieldsetFrame>
    }
}

/// The fields of a prescription, one signal each.
#[derive(Debug, Clone, Copy)]
pub struct RxFields {
    /// The medicine.
    pub medicine: RwSignal<String>,
    /// The dose.
    pub dose: RwSignal<String>,
    /// Times of day (`08:00, 20:00`).
    pub times: RwSignal<String>,
    /// Or minutes between doses.
    pub every_minutes: RwSignal<String>,
    /// With an interval: the first dose (`datetime-local`).
    pub first_at: RwSignal<String>,
    /// Who prescribed it.
    pub prescriber: RwSignal<String>,
}

impl RxFields {
    /// Empty fields.
    pub fn new() -> Self {
        Self::from(&Prescription::default())
    }

    /// Fields holding `p`.
    pub fn from(p: &Prescription) -> Self {
        Self {
            medicine: RwSignal::new(p.medicine.clone()),
            dose: RwSignal::new(p.dose.clone()),
            times: RwSignal::new(times_text(&p.times)),
            every_minutes: RwSignal::new(p.every_minutes.map(|m| m.to_string()).unwrap_or_default()),
            first_at: RwSignal::new(String::new()),
            prescriber: RwSignal::new(p.prescriber.clone()),
        }
    }

    /// Empties every field.
    pub fn clear(&self) {
        for s in [
            self.medicine,
            self.dose,
            self.times,
            self.every_minutes,
            self.first_at,
            self.prescriber,
        ] {
            s.set(String::new());
        }
    }

    /// The prescription typed (untracked), with a problem for each field that cannot be read
    /// (paths under `prefix`, e.g. `medication.0`).
    pub fn read(&self, prefix: &str, problems: &mut Vec<FieldError>) -> Prescription {
        let g = |s: RwSignal<String>| s.get_untracked();
        Prescription {
            medicine: g(self.medicine).trim().to_owned(),
            dose: g(self.dose).trim().to_owned(),
            times: read_times(problems, &join(prefix, "times"), &g(self.times)),
            every_minutes: read_minutes(problems, &join(prefix, "every_minutes"), &g(self.every_minutes)),
            first_at: read_time(problems, &join(prefix, "first_at"), &g(self.first_at)),
            prescriber: g(self.prescriber).trim().to_owned(),
        }
    }
}

impl Default for RxFields {
    fn default() -> Self {
        Self::new()
    }
}

/// Times of day as typed: `08:00, 20:00`.
pub fn times_text(times: &[NaiveTime]) -> String {
    times
        .iter()
        .map(|t| t.format("%H:%M").to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The inputs of a prescription; element ids are [`fid`]`(id_prefix, field)`.
#[component]
pub fn PrescriptionFields(
    /// The fields.
    fields: RxFields,
    /// Prefix of the element ids (`prescription`, `book-in-medication-0`).
    #[prop(into)]
    id_prefix: String,
    /// The form's inline errors.
    errors: Errors,
) -> impl IntoView {
    use crate::components::field::TextField;
    let id = |f: &str| fid(&id_prefix, f);
    view! {
        <div class="inline-fields">
            <TextField id=id("medicine") label="Medicine" value=fields.medicine error=err_of(errors, id("medicine")) />
            <TextField id=id("dose") label="Dose" hint="For example 10 mg, 2 puffs." value=fields.dose error=err_of(errors, id("dose")) />
        </div>
        <div class="inline-fields">
            <TextField
                id=id("times")
                label="Times of day"
                hint="UK time, separated by commas: 08:00, 20:00. Or leave empty and give an interval."
                value=fields.times
                error=err_of(errors, id("times"))
            />
            <TextField
                id=id("every_minutes")
                label="Or every (minutes)"
                hint="For example 240 for every 4 hours."
                input_type="number"
                value=fields.every_minutes
                error=err_of(errors, id("every_minutes"))
            />
            <TextField
                id=id("first_at")
                label="First dose (with an interval)"
                hint="Leave empty for now."
                input_type="datetime-local"
                value=fields.first_at
                error=err_of(errors, id("first_at"))
            />
        </div>
        <TextField
            id=id("prescriber")
            label="Prescribed or instructed by"
            hint="GP, healthcare professional."
            value=fields.prescriber
            error=err_of(errors, id("prescriber"))
        />
    }
}

/// The observation levels with their names.
pub fn observation_levels() -> Vec<(String, String)> {
    [
        (1, "Level 1: general observation"),
        (2, "Level 2: intermittent observation"),
        (3, "Level 3: constant observation"),
        (4, "Level 4: close proximity"),
    ]
    .into_iter()
    .map(|(n, l)| (n.to_string(), l.to_owned()))
    .collect()
}

/// The answers, level, rousing and notes of a risk assessment.
#[derive(Debug, Clone, Copy)]
pub struct RiskForm {
    /// Answers by question code (`true`: yes).
    pub answers: RwSignal<BTreeMap<String, bool>>,
    /// Observation level (`1`–`4`).
    pub level: RwSignal<String>,
    /// Rousing at each visit.
    pub rousing: RwSignal<bool>,
    /// Notes.
    pub notes: RwSignal<String>,
    /// What the answers last called for, to follow it until the user chooses otherwise.
    auto: StoredValue<(u8, bool)>,
}

impl RiskForm {
    /// Nothing answered, level 1.
    pub fn new() -> Self {
        Self {
            answers: RwSignal::new(BTreeMap::new()),
            level: RwSignal::new("1".to_owned()),
            rousing: RwSignal::new(false),
            notes: RwSignal::new(String::new()),
            auto: StoredValue::new((1, false)),
        }
    }

    /// Starts again.
    pub fn clear(&self) {
        self.answers.set(BTreeMap::new());
        self.level.set("1".to_owned());
        self.rousing.set(false);
        self.notes.set(String::new());
        self.auto.set_value((1, false));
    }

    /// The answers given, in the order of the questions (tracked).
    pub fn answers(&self, questions: &[RiskQuestion]) -> Vec<RiskAnswer> {
        self.answers.with(|m| {
            questions
                .iter()
                .filter_map(|q| {
                    m.get(&q.code).map(|yes| RiskAnswer {
                        question: q.code.clone(),
                        yes: *yes,
                    })
                })
                .collect()
        })
    }

    /// The assessment typed (untracked).
    pub fn read(&self, questions: &[RiskQuestion], at: Option<DateTime<Utc>>) -> RiskAssessmentEntry {
        RiskAssessmentEntry {
            at,
            answers: untrack(|| self.answers(questions)),
            observation_level: self.level.get_untracked().trim().parse().ok(),
            rousing: self.rousing.get_untracked(),
            notes: self.notes.get_untracked().trim().to_owned(),
        }
    }
}

impl Default for RiskForm {
    fn default() -> Self {
        Self::new()
    }
}

/// The risk-assessment questions as yes/no radios, the observation level (set to what the answers
/// call for, and raised with them), rousing and notes. Element ids are [`fid`]`(id_prefix, path)`
/// for the paths of [`RiskAssessmentEntry`] (`answers.0`, `observation_level`, `rousing`, `notes`);
/// the "no" radio of question `i` is `{id_prefix}-answers-{i}-no`.
#[component]
pub fn RiskFields(
    /// The form.
    form: RiskForm,
    /// The questions in force.
    #[prop(into)]
    questions: Signal<Vec<RiskQuestion>>,
    /// Prefix of the element ids (`risk`, `book-in-risk`).
    #[prop(into)]
    id_prefix: String,
    /// The form's inline errors.
    errors: Errors,
) -> impl IntoView {
    use crate::components::field::{CheckboxField, TextArea};
    // Follow what the answers call for: while the level and rousing are what the answers last
    // called for, they move with the answers; a level chosen higher by the user is kept.
    Effect::new(move |_| {
        let qs = questions.get();
        let answers = form.answers(&qs);
        let (level, rousing) = risk_calls_for(&qs, &answers);
        let (last_level, last_rousing) = form.auto.get_value();
        let current: u8 = form.level.get_untracked().parse().unwrap_or(0);
        if current == last_level || current < level {
            form.level.set(level.to_string());
        }
        if form.rousing.get_untracked() == last_rousing || rousing {
            form.rousing.set(rousing);
        }
        form.auto.set_value((level, rousing));
    });
    let prefix = StoredValue::new(id_prefix);
    let id = move |p: &str| prefix.with_value(|x| fid(x, p));
    let rousing_error = err_of(errors, id("rousing"));
    let called_for = move || {
        let qs = questions.get();
        let (level, rousing) = risk_calls_for(&qs, &form.answers(&qs));
        format!(
            "The answers call for observation level {level} or higher{}.",
            if rousing { " and rousing at each visit" } else { "" }
        )
    };
    view! {
        {move || {
            questions
                .get()
                .into_iter()
                .enumerate()
                .map(|(i, q)| {
                    let base = id(&format!("answers.{i}"));
                    let no_id = format!("{base}-no");
                    let error = err_of(errors, base.clone());
                    let (c1, c2, c3, c4) = (q.code.clone(), q.code.clone(), q.code.clone(), q.code.clone());
                    view! {
                        <div class="form-group risk-question" class:form-group--error=move || error.with(Option::is_some) data-question=q.code.clone()>
                            <fieldset class="fieldset">
                                <legend class="fieldset__legend fieldset__legend--s">{q.text.clone()}</legend>
                                <ErrorMessage error=error />
                                <div class="radios">
                                    <span class="radios__item">
                                        <input
                                            class="radios__input"
                                            type="radio"
                                            id=base.clone()
                                            name=base.clone()
                                            value="yes"
                                            prop:checked=move || form.answers.with(|m| m.get(&c1) == Some(&true))
                                            on:change=move |_| form.answers.update(|m| {
                                                m.insert(c2.clone(), true);
                                            })
                                        />
                                        <label class="label radios__label" for=base.clone()>
                                            "Yes"
                                        </label>
                                    </span>
                                    <span class="radios__item">
                                        <input
                                            class="radios__input"
                                            type="radio"
                                            id=no_id.clone()
                                            name=base.clone()
                                            value="no"
                                            prop:checked=move || form.answers.with(|m| m.get(&c3) == Some(&false))
                                            on:change=move |_| form.answers.update(|m| {
                                                m.insert(c4.clone(), false);
                                            })
                                        />
                                        <label class="label radios__label" for=no_id>
                                            "No"
                                        </label>
                                    </span>
                                </div>
                            </fieldset>
                        </div>
                    }
                })
                .collect_view()
        }}
        <p class="body risk-called-for" aria-live="polite">
            {called_for}
        </p>
        <ChoiceField
            id=id("observation_level")
            label="Observation level"
            value=form.level
            options=Signal::derive(observation_levels)
            error=err_of(errors, id("observation_level"))
        />
        <div class="form-group" class:form-group--error=move || rousing_error.with(Option::is_some)>
            <ErrorMessage error=rousing_error />
            <CheckboxField id=id("rousing") label="Rouse the detainee at each visit" checked=form.rousing />
        </div>
        <TextArea id=id("notes") label="Notes (optional)" value=form.notes error=err_of(errors, id("notes")) rows=3 />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_and_problems_named() {
        let mut p = Vec::new();
        let times: Vec<Option<NaiveTime>> = read_times(&mut p, "times", "20:00, 08:00")
            .into_iter()
            .map(Some)
            .collect();
        assert_eq!(
            times,
            vec![
                NaiveTime::from_hms_opt(8, 0, 0),
                NaiveTime::from_hms_opt(20, 0, 0)
            ]
        );
        assert!(p.is_empty());
        assert!(read_times(&mut p, "medication.0.times", "8 o'clock").is_empty());
        assert_eq!(p.first().map(|e| e.path.as_str()), Some("medication.0.times"));
        assert_eq!(read_minutes(&mut p, "every_minutes", " 240 "), Some(240));
        assert_eq!(
            read_uuid(&mut p, "x", "/crimes/00000000-0000-0000-0000-000000000000", "it"),
            Some(Uuid::nil())
        );
    }
}

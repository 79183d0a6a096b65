//! Intelligence: graded reports (3x5x2), the protected source register, evaluation and sanitisation,
//! dissemination under handling codes, legacy 5x5x5 reports with a mapped grading.

use crate::error::FieldError;
use crate::index::people::CreatePersonRequest;
use crate::records::{RecordMeta, RecordRef, RecordSummary, Restriction};
use crate::users::UserRef;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// Source evaluation (3x5x2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum SourceEvaluation {
    /// 1: reliable.
    #[serde(rename = "1")]
    Reliable,
    /// 2: untested.
    #[serde(rename = "2")]
    Untested,
    /// 3: not reliable.
    #[serde(rename = "3")]
    NotReliable,
}

/// Intelligence assessment (3x5x2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Assessment {
    /// A: known directly to the source.
    A,
    /// B: known indirectly to the source, corroborated.
    B,
    /// C: known indirectly to the source.
    C,
    /// D: not known.
    D,
    /// E: suspected to be false.
    E,
}

/// Handling code (3x5x2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum HandlingCode {
    /// P: lawful sharing permitted.
    P,
    /// C: lawful sharing permitted with conditions (written in `handling_conditions`).
    C,
}

/// Priority of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Threat to life, serious harm, imminent.
    High,
    /// Time-critical.
    Medium,
    /// Everything else.
    Low,
}

macro_rules! codes {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            /// The stored code.
            pub fn code(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            /// Parses the stored code.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)* _ => None }
            }
        }
    };
}

codes!(SourceEvaluation { Reliable => "1", Untested => "2", NotReliable => "3" });
codes!(Assessment { A => "A", B => "B", C => "C", D => "D", E => "E" });
codes!(HandlingCode { P => "P", C => "C" });
codes!(Priority { High => "high", Medium => "medium", Low => "low" });

/// An intelligence officer's grading.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Grading {
    /// Source evaluation.
    #[serde(default)]
    pub source_evaluation: Option<SourceEvaluation>,
    /// Intelligence assessment.
    #[serde(default)]
    pub assessment: Option<Assessment>,
    /// Handling code.
    #[serde(default)]
    pub handling: Option<HandlingCode>,
    /// The conditions of a C handling code (shown wherever the intelligence is shown, and on exports).
    #[serde(default)]
    pub handling_conditions: Option<String>,
    /// Priority.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// When the intelligence is next reviewed.
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
}

impl Grading {
    /// The short form, e.g. `1A P` or `2C C`.
    pub fn short(&self) -> Option<String> {
        Some(format!(
            "{}{} {}",
            self.source_evaluation?.code(),
            self.assessment?.code(),
            self.handling?.code()
        ))
    }
}

/// Every rule on a grading, at once: every part given, conditions exactly when the code is C, a
/// review date after today and within two years. Every source evaluation may go with every
/// assessment.
pub fn check_grading(g: &Grading, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    if g.source_evaluation.is_none() {
        e.push(FieldError::new(
            "source_evaluation",
            "required",
            "Evaluate the source (1, 2 or 3)",
        ));
    }
    if g.assessment.is_none() {
        e.push(FieldError::new(
            "assessment",
            "required",
            "Assess the intelligence (A to E)",
        ));
    }
    let conditions = g
        .handling_conditions
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    match (g.handling, conditions) {
        (None, _) => e.push(FieldError::new(
            "handling",
            "required",
            "Choose the handling code (P or C)",
        )),
        (Some(HandlingCode::C), None) => e.push(FieldError::new(
            "handling_conditions",
            "required",
            "Handling code C needs its conditions written",
        )),
        (Some(HandlingCode::P), Some(_)) => e.push(FieldError::new(
            "handling_conditions",
            "not_allowed",
            "Handling code P permits sharing without conditions: choose C to attach conditions",
        )),
        _ => {}
    }
    if conditions.is_some_and(|c| c.chars().count() > 2000) {
        e.push(FieldError::new(
            "handling_conditions",
            "length",
            "At most 2,000 characters",
        ));
    }
    if g.priority.is_none() {
        e.push(FieldError::new("priority", "required", "Choose the priority"));
    }
    match g.review_date {
        None => e.push(FieldError::new("review_date", "required", "Set the review date")),
        Some(d) if d <= today => e.push(FieldError::new(
            "review_date",
            "not_future",
            "The review date must be after today",
        )),
        Some(d) if d > today + chrono::Duration::days(731) => e.push(FieldError::new(
            "review_date",
            "too_far",
            "Review intelligence at least every two years",
        )),
        Some(_) => {}
    }
    e
}

/// Kinds of source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A member of the public.
    MemberOfPublic,
    /// A police officer or member of staff (own observation).
    Officer,
    /// A partner agency.
    PartnerAgency,
    /// A covert human intelligence source (registered).
    Chis,
    /// Anonymous (e.g. Crimestoppers).
    Anonymous,
    /// Open source.
    OpenSource,
}

codes!(SourceKind {
    MemberOfPublic => "member_of_public",
    Officer => "officer",
    PartnerAgency => "partner_agency",
    Chis => "chis",
    Anonymous => "anonymous",
    OpenSource => "open_source",
});

/// A new source, recorded in the protected register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NewSource {
    /// What kind of source.
    pub kind: SourceKind,
    /// Who they are (protected: only the intelligence unit reads it).
    #[serde(default)]
    pub name: String,
    /// How to reach them, how they know, anything else the handler needs (protected).
    #[serde(default)]
    pub details: String,
}

/// The source of a report: one already in the register (by its reference), or a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SourceChoice {
    /// An existing source's reference (e.g. `NS-SRC-000012`).
    #[serde(default)]
    pub reference: Option<String>,
    /// A new source.
    #[serde(default)]
    pub new_source: Option<NewSource>,
}

/// A subject of a report: an existing record of the index, or a new person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SubjectChoice {
    /// An existing person, organisation, object or location.
    #[serde(default)]
    pub record: Option<RecordRef>,
    /// A new person (duplicate suggestions apply).
    #[serde(default)]
    pub new_person: Option<CreatePersonRequest>,
}

/// Submitting a report (any officer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SubmitReportRequest {
    /// What is known, in the submitter's words (kept restricted; the disseminated text is written by
    /// the intelligence unit).
    #[serde(default)]
    pub text: String,
    /// Whom or what it is about.
    #[serde(default)]
    pub subjects: Vec<SubjectChoice>,
    /// When the information was obtained.
    #[serde(default)]
    pub obtained_at: Option<DateTime<Utc>>,
    /// Where it was obtained.
    #[serde(default)]
    pub obtained_where: String,
    /// The source.
    pub source: SourceChoice,
    /// How urgent the submitter thinks it is.
    #[serde(default)]
    pub priority: Option<Priority>,
}

/// Longest submitted text, in characters (surrounding spaces not counted).
pub const MAX_REPORT_TEXT_CHARS: usize = 20_000;

/// Every rule on a submission that needs no database.
pub fn check_submission(r: &SubmitReportRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    let n = r.text.trim().chars().count();
    if n == 0 {
        e.push(FieldError::new("text", "required", "Say what is known"));
    } else if n > MAX_REPORT_TEXT_CHARS {
        e.push(FieldError::new("text", "length", "At most 20,000 characters"));
    }
    if r.subjects.is_empty() {
        e.push(FieldError::new(
            "subjects",
            "required",
            "Say whom or what it is about",
        ));
    }
    for (i, s) in r.subjects.iter().enumerate() {
        if s.record.is_some() == s.new_person.is_some() {
            e.push(FieldError::new(
                format!("subjects.{i}.record"),
                "one_of",
                "Pick a record or add a person",
            ));
        }
        if s.record
            .is_some_and(|x| x.kind == crate::records::RecordKind::Event)
        {
            e.push(FieldError::new(
                format!("subjects.{i}.record"),
                "kind",
                "A subject is a person, organisation, object or location",
            ));
        }
    }
    match r.obtained_at {
        None => e.push(FieldError::new(
            "obtained_at",
            "required",
            "Say when it was obtained",
        )),
        Some(t) if t > now + chrono::Duration::minutes(5) => e.push(FieldError::new(
            "obtained_at",
            "future",
            "Cannot be in the future",
        )),
        Some(_) => {}
    }
    if r.obtained_where.trim().is_empty() {
        e.push(FieldError::new(
            "obtained_where",
            "required",
            "Say where it was obtained",
        ));
    }
    match (&r.source.reference, &r.source.new_source) {
        (Some(x), None) if !x.trim().is_empty() => {}
        (None, Some(s)) => {
            if s.name.trim().is_empty() && !matches!(s.kind, SourceKind::Anonymous | SourceKind::OpenSource) {
                e.push(FieldError::new(
                    "source.new_source.name",
                    "required",
                    "Say who the source is (it is kept protected)",
                ));
            }
        }
        _ => e.push(FieldError::new(
            "source.reference",
            "one_of",
            "Give the source's reference or record a new source",
        )),
    }
    if r.priority.is_none() {
        e.push(FieldError::new("priority", "required", "Choose the priority"));
    }
    e
}

/// The states of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    /// Waiting for the intelligence unit.
    Submitted,
    /// Being evaluated.
    InEvaluation,
    /// Returned to the submitter with questions.
    Returned,
    /// Graded, sanitised and disseminated.
    Disseminated,
    /// No longer current.
    Archived,
}

codes!(ReportState {
    Submitted => "submitted",
    InEvaluation => "in_evaluation",
    Returned => "returned",
    Disseminated => "disseminated",
    Archived => "archived",
});

/// A move of the report workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportAction {
    /// Submitted → in evaluation (intelligence unit).
    StartEvaluation,
    /// In evaluation → returned, with questions (intelligence unit).
    Return,
    /// Returned → submitted, with answers (the submitter).
    Resubmit,
    /// In evaluation → disseminated, with grading and sanitised text (intelligence unit).
    Disseminate,
    /// Disseminated → archived (intelligence unit).
    Archive,
}

impl ReportAction {
    /// The state the action leads to from `from`, if it is a move from there.
    pub fn next_state(self, from: ReportState) -> Option<ReportState> {
        use ReportState::*;
        match (self, from) {
            (ReportAction::StartEvaluation, Submitted) => Some(InEvaluation),
            (ReportAction::Return, InEvaluation) => Some(Returned),
            (ReportAction::Resubmit, Returned) => Some(Submitted),
            (ReportAction::Disseminate, InEvaluation) => Some(Disseminated),
            (ReportAction::Archive, Disseminated) => Some(Archived),
            _ => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportAction::StartEvaluation => "start_evaluation",
            ReportAction::Return => "return",
            ReportAction::Resubmit => "resubmit",
            ReportAction::Disseminate => "disseminate",
            ReportAction::Archive => "archive",
        }
    }
}

/// A move with what it brings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReportTransition {
    /// The move.
    pub action: Option<ReportAction>,
    /// Disseminate: the grading.
    #[serde(default)]
    pub grading: Option<Grading>,
    /// Disseminate: the sanitised text (nothing that identifies the source).
    #[serde(default)]
    pub sanitised_text: Option<String>,
    /// Disseminate: need-to-know restriction (a named group); unrestricted reports are shared with
    /// the consortium under the sharing agreement.
    #[serde(default)]
    pub restriction: Option<Restriction>,
    /// Return: the questions; resubmit: the answers.
    #[serde(default)]
    pub comments: Option<String>,
}

/// What a move still needs, all at once (the move itself is checked with [`ReportAction::next_state`]).
pub fn check_report_action(action: ReportAction, t: &ReportTransition, today: NaiveDate) -> Vec<FieldError> {
    let mut e = Vec::new();
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    match action {
        ReportAction::Disseminate => {
            match &t.grading {
                None => e.push(FieldError::new("grading", "required", "Grade the intelligence")),
                Some(g) => {
                    for fe in check_grading(g, today) {
                        e.push(FieldError {
                            path: format!("grading.{}", fe.path),
                            ..fe
                        });
                    }
                }
            }
            if blank(&t.sanitised_text) {
                e.push(FieldError::new(
                    "sanitised_text",
                    "required",
                    "Write the sanitised text to disseminate",
                ));
            }
        }
        ReportAction::Return => {
            if blank(&t.comments) {
                e.push(FieldError::new(
                    "comments",
                    "required",
                    "Write the questions for the submitter",
                ));
            }
        }
        ReportAction::Resubmit => {
            if blank(&t.comments) {
                e.push(FieldError::new("comments", "required", "Answer the questions"));
            }
        }
        ReportAction::StartEvaluation | ReportAction::Archive => {}
    }
    e
}

/// A legacy 5x5x5 grading as recorded on the old system.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LegacyGrading {
    /// Source evaluation A–E.
    #[serde(default)]
    pub source: String,
    /// Intelligence evaluation 1–5.
    #[serde(default)]
    pub intelligence: String,
    /// Handling code 1–5.
    #[serde(default)]
    pub handling: String,
}

impl LegacyGrading {
    /// The short form, e.g. `B2/4`.
    pub fn short(&self) -> String {
        format!("{}{}/{}", self.source, self.intelligence, self.handling)
    }
}

/// Importing a legacy 5x5x5 report (already disseminated on the old system).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LegacyImportRequest {
    /// The old system's reference.
    #[serde(default)]
    pub legacy_reference: String,
    /// The disseminated text.
    #[serde(default)]
    pub text: String,
    /// The original grading.
    pub grading: LegacyGrading,
    /// When it was obtained.
    #[serde(default)]
    pub obtained_at: Option<DateTime<Utc>>,
    /// Subjects (existing records).
    #[serde(default)]
    pub subjects: Vec<RecordRef>,
    /// When to review it.
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
}

/// A report as its reader may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReportDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Reference, unique per force and year, e.g. `NS-INT-2026-000031`.
    pub reference: String,
    /// State.
    pub state: ReportState,
    /// The submitter's text: only for the submitter and the intelligence unit.
    pub original_text: Option<String>,
    /// The disseminated (sanitised) text.
    pub sanitised_text: Option<String>,
    /// The grading, once evaluated.
    pub grading: Option<Grading>,
    /// The 3x5x2 short form, e.g. `1A P`.
    pub grading_short: Option<String>,
    /// For imported reports: the original 5x5x5 grading.
    pub legacy_grading: Option<LegacyGrading>,
    /// The priority.
    pub priority: Priority,
    /// The source's reference (never the source itself).
    pub source_reference: Option<String>,
    /// When it was obtained.
    pub obtained_at: DateTime<Utc>,
    /// Where: only for the submitter and the intelligence unit (it can identify the source).
    pub obtained_where: Option<String>,
    /// The subjects the reader may see.
    pub subjects: Vec<RecordSummary>,
    /// Questions from the intelligence unit, when returned.
    pub questions: Option<String>,
    /// The submitter's answers.
    pub answers: Option<String>,
    /// Who submitted it (only for the intelligence unit and the submitter).
    pub submitted_by: Option<UserRef>,
    /// The moves the caller may make now.
    pub actions: Vec<ReportAction>,
    /// Ownership, restriction and version (`ETag`).
    pub meta: RecordMeta,
}

/// One line of the evaluation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct QueueItem {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Reference.
    pub reference: String,
    /// State.
    pub state: ReportState,
    /// Priority.
    pub priority: Priority,
    /// Submitted.
    pub submitted_at: DateTime<Utc>,
    /// Subjects' labels.
    pub subjects: Vec<String>,
}

/// Searching disseminated intelligence (`GET /intelligence`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntelligenceQuery {
    /// Words of the disseminated text, or a report reference.
    #[serde(default)]
    pub q: Option<String>,
    /// Only intelligence about this record (person, organisation, object or location).
    #[serde(default)]
    pub subject_id: Option<String>,
    /// Opaque cursor from the previous page's `next_cursor`; omit for the first page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// How many reports to return (1 to 100, default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

impl IntelligenceQuery {
    /// The paging part of the query.
    pub fn page(&self) -> crate::paging::PageQuery {
        crate::paging::PageQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }
}

/// A source in the protected register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SourceDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Reference reports carry.
    pub reference: String,
    /// Kind.
    pub kind: SourceKind,
    /// Who (protected).
    pub name: String,
    /// Details (protected).
    pub details: String,
    /// Reports from this source.
    pub reports: Vec<String>,
    /// Recorded by.
    pub recorded_by: UserRef,
    /// Recorded at.
    pub recorded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn grading(s: SourceEvaluation, a: Assessment, h: HandlingCode, c: Option<&str>) -> Grading {
        Grading {
            source_evaluation: Some(s),
            assessment: Some(a),
            handling: Some(h),
            handling_conditions: c.map(str::to_owned),
            priority: Some(Priority::Medium),
            review_date: Some(today() + chrono::Duration::days(90)),
        }
    }

    #[test]
    fn every_grading_combination_is_accepted_or_refused_as_it_should_be() {
        use Assessment::*;
        use SourceEvaluation::*;
        let conds = [
            None,
            Some("Not to be shared outside the force without the SIO's consent"),
        ];
        let mut accepted = 0;
        for s in [Reliable, Untested, NotReliable] {
            for a in [A, B, C, D, E] {
                for h in [HandlingCode::P, HandlingCode::C] {
                    for c in conds {
                        let errors: Vec<String> = check_grading(&grading(s, a, h, c), today())
                            .into_iter()
                            .map(|e| format!("{}:{}", e.path, e.code))
                            .collect();
                        match (h, c) {
                            (HandlingCode::P, None) | (HandlingCode::C, Some(_)) => {
                                assert!(errors.is_empty(), "{s:?}{a:?}{h:?}: {errors:?}");
                                accepted += 1;
                            }
                            (HandlingCode::C, None) => assert_eq!(errors, ["handling_conditions:required"]),
                            (HandlingCode::P, Some(_)) => {
                                assert_eq!(errors, ["handling_conditions:not_allowed"])
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(
            accepted, 30,
            "3 x 5 evaluations, each with P, or with C and conditions"
        );
        assert_eq!(
            grading(Reliable, A, HandlingCode::P, None).short().unwrap(),
            "1A P"
        );
    }

    #[test]
    fn a_grading_names_everything_missing_and_checks_the_review_date() {
        let e: Vec<String> = check_grading(&Grading::default(), today())
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(
            e,
            [
                "source_evaluation",
                "assessment",
                "handling",
                "priority",
                "review_date"
            ]
        );
        let mut g = grading(
            SourceEvaluation::Untested,
            Assessment::C,
            HandlingCode::C,
            Some("   "),
        );
        g.review_date = Some(today());
        let e: Vec<String> = check_grading(&g, today())
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect();
        assert_eq!(e, ["handling_conditions:required", "review_date:not_future"]);
        g.review_date = Some(today() + chrono::Duration::days(800));
        assert!(check_grading(&g, today()).iter().any(|e| e.code == "too_far"));
    }

    #[test]
    fn the_report_workflow_table() {
        use ReportAction::*;
        use ReportState::*;
        let all = [StartEvaluation, Return, Resubmit, Disseminate, Archive];
        let moves: Vec<(ReportState, Vec<ReportAction>)> =
            [Submitted, InEvaluation, Returned, Disseminated, Archived]
                .into_iter()
                .map(|s| (s, all.into_iter().filter(|a| a.next_state(s).is_some()).collect()))
                .collect();
        assert_eq!(
            moves,
            [
                (Submitted, vec![StartEvaluation]),
                (InEvaluation, vec![Return, Disseminate]),
                (Returned, vec![Resubmit]),
                (Disseminated, vec![Archive]),
                (Archived, vec![]),
            ]
        );
        let e = check_report_action(Disseminate, &ReportTransition::default(), today());
        assert_eq!(
            e.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(),
            ["grading", "sanitised_text"]
        );
        assert_eq!(
            check_report_action(Return, &ReportTransition::default(), today())[0].path,
            "comments"
        );
    }

    #[test]
    fn a_submission_names_every_gap() {
        let r = SubmitReportRequest {
            text: String::new(),
            subjects: vec![],
            obtained_at: None,
            obtained_where: String::new(),
            source: SourceChoice {
                reference: None,
                new_source: None,
            },
            priority: None,
        };
        let e: Vec<String> = check_submission(&r, Utc::now())
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(
            e,
            [
                "text",
                "subjects",
                "obtained_at",
                "obtained_where",
                "source.reference",
                "priority"
            ]
        );
    }
}

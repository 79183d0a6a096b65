//! Investigation: incidents, the crime-recording decision, the crime workflow and what each state
//! needs, attachments through the shared index, and the retail-theft (shoplifting) path.
//!
//! The workflow rules live here so that the browser shows exactly the requirements the server
//! enforces: [`CrimeAction::next_state`] says which moves exist, [`check_action`] says what a move
//! still needs.

use crate::auth::{Capability, Role};
use crate::error::FieldError;
use crate::ids::UserId;
use crate::locations::LocationInput;
use crate::objects::ObjectInput;
use crate::organisations::OrganisationInput;
use crate::people::CreatePersonRequest;
use crate::records::{RecordMeta, RecordSummary, Restriction};
use crate::victims::VictimDto;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// National Crime Recording Standard: a crime is recorded (or a rationale for not recording it is
/// written) within this many hours of the report.
pub const NCRS_DECISION_HOURS: i64 = 24;

/// Shortest modus operandi accepted, in characters (shorter texts say nothing an analyst can use).
pub const MIN_MO_CHARS: usize = 20;

/// Shortest rationale accepted for not recording a crime or for a cancellation, in characters.
pub const MIN_RATIONALE_CHARS: usize = 20;

/// Vocabularies of the Investigation module (reference data).
pub mod vocab {
    /// How an incident reached the force (999, 101, front counter, officer-generated, online).
    pub const INCIDENT_CHANNEL: &str = "incident_channel";
    /// National Standard for Incident Recording opening categories.
    pub const INCIDENT_OPENING: &str = "incident_opening";
    /// Incident qualifiers (domestic, alcohol, mental health...).
    pub const INCIDENT_QUALIFIER: &str = "incident_qualifier";
    /// Closing categories.
    pub const INCIDENT_CLOSING: &str = "incident_closing";
    /// Home Office crime classifications (class/subclass).
    pub const HO_CLASSIFICATION: &str = "ho_classification";
    /// Hate-crime strands.
    pub const HATE_STRAND: &str = "hate_strand";
    /// Investigation units (allocation queues).
    pub const UNIT: &str = "investigation_unit";
}

/// When a crime-recording decision is due, and whether it was (or is) late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecordingClock {
    /// When the report was received: the clock starts here.
    pub reported_at: DateTime<Utc>,
    /// When the decision is due (24 hours after the report).
    pub due_at: DateTime<Utc>,
    /// When the decision (record, or not record with a rationale) was made.
    pub decided_at: Option<DateTime<Utc>>,
    /// Not decided and past due now.
    pub overdue: bool,
    /// Decided after the due time.
    pub late: bool,
}

impl RecordingClock {
    /// The clock for a report received at `reported_at`, decided at `decided_at`, seen at `now`.
    pub fn new(reported_at: DateTime<Utc>, decided_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let due_at = reported_at + Duration::hours(NCRS_DECISION_HOURS);
        Self {
            reported_at,
            due_at,
            decided_at,
            overdue: decided_at.is_none() && now > due_at,
            late: decided_at.is_some_and(|d| d > due_at),
        }
    }
}

/// An incident (occurrence) as opened or edited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentInput {
    /// How it was reported: code of `incident_channel` (e.g. `call_999`, `online`).
    #[serde(default)]
    pub channel: String,
    /// Opening category: code of `incident_opening` (e.g. `crime_property`).
    #[serde(default)]
    pub opening_category: String,
    /// Qualifiers: codes of `incident_qualifier`.
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// What was reported, in the reporter's terms.
    #[serde(default)]
    pub summary: String,
    /// When the report was received (the 24-hour recording clock starts here). Defaults to now.
    #[serde(default)]
    pub reported_at: Option<DateTime<Utc>>,
    /// Where it happened (a location of the shared index).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub location_id: Option<Uuid>,
}

/// Every rule on an incident that needs no database.
pub fn check_incident(i: &IncidentInput, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    if i.channel.trim().is_empty() {
        e.push(FieldError::new(
            "channel",
            "required",
            "Choose how the incident was reported",
        ));
    }
    if i.opening_category.trim().is_empty() {
        e.push(FieldError::new(
            "opening_category",
            "required",
            "Choose the opening category",
        ));
    }
    let n = i.summary.trim().chars().count();
    if n == 0 {
        e.push(FieldError::new("summary", "required", "Say what was reported"));
    } else if n > 10_000 {
        e.push(FieldError::new(
            "summary",
            "length",
            "The summary may be at most 10,000 characters",
        ));
    }
    if i.reported_at.is_some_and(|r| r > now + Duration::minutes(5)) {
        e.push(FieldError::new(
            "reported_at",
            "future",
            "The report time cannot be in the future",
        ));
    }
    e
}

/// The NCRS decision on an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NcrsDecision {
    /// A crime was recorded.
    CrimeRecorded,
    /// No crime: the rationale is recorded.
    NoCrime,
}

/// An incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Reference, unique per force and year, e.g. `NS-INC-2026-000012`.
    pub reference: String,
    /// What was opened.
    pub incident: IncidentInput,
    /// Closing category (code of `incident_closing`), once closed.
    pub closing_category: Option<String>,
    /// The recording decision, once made.
    pub decision: Option<NcrsDecision>,
    /// Why no crime was recorded.
    pub no_crime_rationale: Option<String>,
    /// The crime recorded from it.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub crime_id: Option<Uuid>,
    /// The 24-hour recording clock.
    pub clock: RecordingClock,
    /// The place, described.
    pub location: Option<RecordSummary>,
    /// Ownership and version.
    pub meta: RecordMeta,
}

/// Not recording a crime for an incident: the rationale NCRS requires.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct NoCrimeRequest {
    /// Why the circumstances do not amount to a crime, or the credible evidence to the contrary.
    #[serde(default)]
    pub rationale: String,
}

/// Closing an incident.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CloseIncidentRequest {
    /// Code of `incident_closing`.
    #[serde(default)]
    pub closing_category: String,
}

/// The states of a crime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CrimeState {
    /// Being written; not yet a recorded crime.
    Draft,
    /// Recorded (has a crime reference number), not yet allocated.
    Recorded,
    /// Allocated to an officer in charge or a unit queue.
    Allocated,
    /// Being investigated.
    UnderInvestigation,
    /// Submitted for supervisor review with a proposed outcome.
    AwaitingReview,
    /// Finalised with an outcome.
    Finalised,
    /// Reopened after finalisation.
    Reopened,
    /// Cancelled with the force crime registrar's approval (the number is never reused).
    Cancelled,
}

impl CrimeState {
    /// Every state.
    pub const ALL: [CrimeState; 8] = [
        CrimeState::Draft,
        CrimeState::Recorded,
        CrimeState::Allocated,
        CrimeState::UnderInvestigation,
        CrimeState::AwaitingReview,
        CrimeState::Finalised,
        CrimeState::Reopened,
        CrimeState::Cancelled,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            CrimeState::Draft => "draft",
            CrimeState::Recorded => "recorded",
            CrimeState::Allocated => "allocated",
            CrimeState::UnderInvestigation => "under_investigation",
            CrimeState::AwaitingReview => "awaiting_review",
            CrimeState::Finalised => "finalised",
            CrimeState::Reopened => "reopened",
            CrimeState::Cancelled => "cancelled",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// What users see.
    pub fn label(self) -> &'static str {
        match self {
            CrimeState::Draft => "Draft",
            CrimeState::Recorded => "Recorded",
            CrimeState::Allocated => "Allocated",
            CrimeState::UnderInvestigation => "Under investigation",
            CrimeState::AwaitingReview => "Awaiting supervisor review",
            CrimeState::Finalised => "Finalised",
            CrimeState::Reopened => "Reopened",
            CrimeState::Cancelled => "Cancelled",
        }
    }

    /// Whether the crime is still being worked (not finalised or cancelled).
    pub fn is_open(self) -> bool {
        !matches!(self, CrimeState::Finalised | CrimeState::Cancelled)
    }
}

/// A move of the crime workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CrimeAction {
    /// Draft → recorded: the NCRS decision to record; a crime reference number is issued.
    Record,
    /// Recorded, allocated, under investigation or reopened → allocated (or reallocated).
    Allocate,
    /// Allocated or reopened → under investigation.
    StartInvestigation,
    /// Under investigation → awaiting review, with a proposed outcome.
    SubmitForReview,
    /// Awaiting review → finalised with the outcome.
    Approve,
    /// Awaiting review → under investigation; the comments become tasks for the officer in charge.
    Return,
    /// Finalised → reopened, with a reason.
    Reopen,
}

impl CrimeAction {
    /// Every action.
    pub const ALL: [CrimeAction; 7] = [
        CrimeAction::Record,
        CrimeAction::Allocate,
        CrimeAction::StartInvestigation,
        CrimeAction::SubmitForReview,
        CrimeAction::Approve,
        CrimeAction::Return,
        CrimeAction::Reopen,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            CrimeAction::Record => "record",
            CrimeAction::Allocate => "allocate",
            CrimeAction::StartInvestigation => "start_investigation",
            CrimeAction::SubmitForReview => "submit_for_review",
            CrimeAction::Approve => "approve",
            CrimeAction::Return => "return",
            CrimeAction::Reopen => "reopen",
        }
    }

    /// What users see on the button.
    pub fn label(self) -> &'static str {
        match self {
            CrimeAction::Record => "Record crime",
            CrimeAction::Allocate => "Allocate",
            CrimeAction::StartInvestigation => "Start investigation",
            CrimeAction::SubmitForReview => "Submit for review",
            CrimeAction::Approve => "Approve and finalise",
            CrimeAction::Return => "Return to officer",
            CrimeAction::Reopen => "Reopen",
        }
    }

    /// The state this action leads to from `from`, or `None` if it is not a move from there.
    pub fn next_state(self, from: CrimeState) -> Option<CrimeState> {
        use CrimeState::*;
        match (self, from) {
            (CrimeAction::Record, Draft) => Some(Recorded),
            (CrimeAction::Allocate, Recorded | Allocated | UnderInvestigation | Reopened) => Some(Allocated),
            (CrimeAction::StartInvestigation, Allocated | Reopened) => Some(UnderInvestigation),
            (CrimeAction::SubmitForReview, UnderInvestigation) => Some(AwaitingReview),
            (CrimeAction::Approve, AwaitingReview) => Some(Finalised),
            (CrimeAction::Return, AwaitingReview) => Some(UnderInvestigation),
            (CrimeAction::Reopen, Finalised) => Some(Reopened),
            _ => None,
        }
    }

    /// The actions that are moves from `from`.
    pub fn from_state(from: CrimeState) -> Vec<CrimeAction> {
        Self::ALL
            .into_iter()
            .filter(|a| a.next_state(from).is_some())
            .collect()
    }

    /// The capability that allows the action. The officer in charge may also start, and submit for
    /// review, the crimes allocated to them; anyone who records crimes may allocate a crime to
    /// themselves or to a unit queue (self-allocation), but only allocators may allocate to others.
    pub fn capability(self) -> Capability {
        match self {
            CrimeAction::Record => Capability::RecordCrime,
            CrimeAction::Allocate => Capability::AllocateCrime,
            CrimeAction::StartInvestigation | CrimeAction::SubmitForReview => Capability::InvestigateCrime,
            CrimeAction::Approve | CrimeAction::Return | CrimeAction::Reopen => Capability::ReviewCrime,
        }
    }
}

/// Whether any of `roles` gives `cap`.
pub fn has_capability(roles: &[Role], cap: Capability) -> bool {
    roles.iter().any(|r| r.capabilities().contains(&cap))
}

/// The details of a crime an officer writes (everything else is attached or derived).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CrimeInput {
    /// The incident it was recorded from.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub incident_id: Option<Uuid>,
    /// Home Office classification: code of `ho_classification` (e.g. `46` shoplifting).
    #[serde(default)]
    pub classification: Option<String>,
    /// Offence code (from the offences reference table).
    #[serde(default)]
    pub offence: Option<String>,
    /// Earliest time the offence may have happened.
    #[serde(default)]
    pub offence_from: Option<DateTime<Utc>>,
    /// Latest time (equal to `offence_from` when known exactly).
    #[serde(default)]
    pub offence_to: Option<DateTime<Utc>>,
    /// Where it happened (a location of the shared index).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub location_id: Option<Uuid>,
    /// Modus operandi: how it was done, at least 20 characters to record.
    #[serde(default)]
    pub modus_operandi: String,
    /// Hate-crime strands (codes of `hate_strand`).
    #[serde(default)]
    pub hate_strands: Vec<String>,
    /// Domestic abuse.
    #[serde(default)]
    pub domestic_abuse: bool,
    /// When the report was received (taken from the incident when there is one; defaults to now).
    #[serde(default)]
    pub reported_at: Option<DateTime<Utc>>,
    /// Need-to-know restriction.
    #[serde(default)]
    pub restriction: Restriction,
}

/// Rules on crime details that hold in every state (a draft may be incomplete but never wrong).
pub fn check_crime(c: &CrimeInput, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    let soon = now + Duration::minutes(5);
    if c.offence_from.is_some_and(|f| f > soon) {
        e.push(FieldError::new(
            "offence_from",
            "future",
            "The offence cannot have happened in the future",
        ));
    }
    if c.offence_to.is_some_and(|t| t > soon) {
        e.push(FieldError::new(
            "offence_to",
            "future",
            "The offence cannot have happened in the future",
        ));
    }
    if let (Some(f), Some(t)) = (c.offence_from, c.offence_to) {
        if t < f {
            e.push(FieldError::new(
                "offence_to",
                "before_from",
                "The latest time must not be before the earliest",
            ));
        }
    }
    if c.reported_at.is_some_and(|r| r > soon) {
        e.push(FieldError::new(
            "reported_at",
            "future",
            "The report time cannot be in the future",
        ));
    }
    if c.modus_operandi.chars().count() > 10_000 {
        e.push(FieldError::new(
            "modus_operandi",
            "length",
            "At most 10,000 characters",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, s) in c.hate_strands.iter().enumerate() {
        if !seen.insert(s) {
            e.push(FieldError::new(
                format!("hate_strands.{i}"),
                "duplicate",
                "Listed twice",
            ));
        }
    }
    e
}

/// Facts about a crime's attachments that decide whether a move may be made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CrimeFacts {
    /// Victims attached (people or organisations).
    pub victims: u32,
    /// Identified suspects or offenders (people of the index).
    pub identified_suspects: u32,
    /// Whether the crime has an officer in charge or a unit.
    pub allocated: bool,
}

/// What a move brings with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TransitionRequest {
    /// The move.
    pub action: Option<CrimeAction>,
    /// Allocate: the officer in charge (a user of the crime's force).
    #[serde(default)]
    pub officer_in_charge: Option<UserId>,
    /// Allocate: a unit queue (code of `investigation_unit`) instead of, or as well as, an officer.
    #[serde(default)]
    pub unit: Option<String>,
    /// Submit for review: the proposed outcome; approve: the outcome, if different from proposed.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Return: what the officer must do (each non-empty line becomes a task). Submit, approve:
    /// an optional note.
    #[serde(default)]
    pub comments: Option<String>,
    /// Reopen: why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The move does not exist from the current state; lists the moves that do.
    NotAMove {
        /// The current state.
        from: CrimeState,
        /// What was asked.
        action: CrimeAction,
        /// The moves that exist from here.
        allowed: Vec<CrimeAction>,
    },
    /// The move exists but something it needs is missing or wrong.
    Missing(Vec<FieldError>),
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// What recording a crime needs, all at once: classification, offence, offence time, location, a
/// modus operandi of at least [`MIN_MO_CHARS`] characters and a victim.
pub fn recording_requirements(c: &CrimeInput, facts: &CrimeFacts) -> Vec<FieldError> {
    let mut e = Vec::new();
    if blank(&c.classification) {
        e.push(FieldError::new(
            "classification",
            "required",
            "Choose the Home Office classification",
        ));
    }
    if blank(&c.offence) {
        e.push(FieldError::new("offence", "required", "Choose the offence"));
    }
    if c.offence_from.is_none() {
        e.push(FieldError::new(
            "offence_from",
            "required",
            "Enter when the offence happened (from)",
        ));
    }
    if c.location_id.is_none() {
        e.push(FieldError::new(
            "location_id",
            "required",
            "Enter where the offence happened",
        ));
    }
    if c.modus_operandi.trim().chars().count() < MIN_MO_CHARS {
        e.push(FieldError::new(
            "modus_operandi",
            "too_short",
            format!("Describe how the offence was committed in at least {MIN_MO_CHARS} characters"),
        ));
    }
    if facts.victims == 0 {
        e.push(FieldError::new(
            "victims",
            "required",
            "Add the victim (a person or an organisation)",
        ));
    }
    e
}

/// Checks a move: whether it exists from `from`, and what it still needs. `requires_suspect` says
/// whether an outcome type needs an identified suspect (outcome types are reference data).
pub fn check_action(
    from: CrimeState,
    req: &TransitionRequest,
    crime: &CrimeInput,
    facts: &CrimeFacts,
    requires_suspect: impl Fn(&str) -> Option<bool>,
) -> Result<CrimeState, Refusal> {
    let Some(action) = req.action else {
        return Err(Refusal::Missing(vec![FieldError::new(
            "action",
            "required",
            "Say which move to make",
        )]));
    };
    let Some(to) = action.next_state(from) else {
        return Err(Refusal::NotAMove {
            from,
            action,
            allowed: CrimeAction::from_state(from),
        });
    };
    let mut e = Vec::new();
    match action {
        CrimeAction::Record => e = recording_requirements(crime, facts),
        CrimeAction::Allocate => {
            if req.officer_in_charge.is_none() && blank(&req.unit) {
                e.push(FieldError::new(
                    "officer_in_charge",
                    "required",
                    "Choose the officer in charge or a unit queue",
                ));
            }
        }
        CrimeAction::StartInvestigation => {}
        CrimeAction::SubmitForReview | CrimeAction::Approve => {
            // Approve may keep the proposed outcome (the server fills it in before checking).
            match req.outcome.as_deref().filter(|o| !o.trim().is_empty()) {
                None => e.push(FieldError::new("outcome", "required", "Choose the outcome")),
                Some(o) => match requires_suspect(o) {
                    None => e.push(FieldError::new(
                        "outcome",
                        "unknown_code",
                        format!("`{o}` is not an outcome type"),
                    )),
                    Some(true) if facts.identified_suspects == 0 => e.push(FieldError::new(
                        "outcome",
                        "needs_suspect",
                        "This outcome needs an identified suspect or offender on the crime",
                    )),
                    Some(_) => {}
                },
            }
        }
        CrimeAction::Return => {
            if comments_to_tasks(req.comments.as_deref()).is_empty() {
                e.push(FieldError::new(
                    "comments",
                    "required",
                    "Say what the officer needs to do (each line becomes a task)",
                ));
            }
        }
        CrimeAction::Reopen => {
            if blank(&req.reason) {
                e.push(FieldError::new(
                    "reason",
                    "required",
                    "Say why the crime is reopened",
                ));
            }
        }
    }
    if e.is_empty() {
        Ok(to)
    } else {
        Err(Refusal::Missing(e))
    }
}

/// A reviewer's comments split into tasks: one per non-empty line.
pub fn comments_to_tasks(comments: Option<&str>) -> Vec<String> {
    comments
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A user named on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UserRef {
    /// The user.
    pub id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their collar number.
    pub collar_number: String,
}

/// How a party is involved in a crime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// Victim (a person or an organisation).
    Victim,
    /// Witness.
    Witness,
    /// Suspect (identified, or an unknown suspect's description).
    Suspect,
    /// Offender.
    Offender,
    /// The person who reported it.
    PersonReporting,
}

impl PartyRole {
    /// The link reason that joins the crime to a person in this role.
    pub fn person_link_reason(self) -> &'static str {
        match self {
            PartyRole::Victim => "victim",
            PartyRole::Witness => "witness",
            PartyRole::Suspect => "known_suspect",
            PartyRole::Offender => "offender",
            PartyRole::PersonReporting => "person_reporting",
        }
    }

    /// The role a link reason stands for.
    pub fn from_link_reason(reason: &str) -> Option<Self> {
        match reason {
            "victim" | "victim_organisation" => Some(PartyRole::Victim),
            "witness" => Some(PartyRole::Witness),
            "known_suspect" => Some(PartyRole::Suspect),
            "offender" => Some(PartyRole::Offender),
            "person_reporting" => Some(PartyRole::PersonReporting),
            _ => None,
        }
    }
}

/// Attaching a party: an existing record, a new person or organisation (created in the same
/// transaction), or, for a suspect only, the description of an unknown suspect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddPartyRequest {
    /// How they are involved.
    pub role: PartyRole,
    /// An existing person (or organisation, for a victim).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub person_id: Option<Uuid>,
    /// An existing organisation (victims only).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub organisation_id: Option<Uuid>,
    /// A new person (duplicate suggestions apply: send `new_record_reason` if matches were shown).
    #[serde(default)]
    pub new_person: Option<CreatePersonRequest>,
    /// A new organisation (victims only).
    #[serde(default)]
    pub new_organisation: Option<OrganisationInput>,
    /// An unknown suspect's description (suspects only).
    #[serde(default)]
    pub description: Option<String>,
}

/// Checks that exactly one kind of party is given and that it fits the role.
pub fn check_party(p: &AddPartyRequest) -> Vec<FieldError> {
    let given = [
        p.person_id.is_some(),
        p.organisation_id.is_some(),
        p.new_person.is_some(),
        p.new_organisation.is_some(),
        !blank(&p.description),
    ]
    .into_iter()
    .filter(|b| *b)
    .count();
    let mut e = Vec::new();
    if given != 1 {
        e.push(FieldError::new(
            "person_id",
            "one_of",
            "Give exactly one of: an existing person or organisation, a new one, or an unknown suspect's description",
        ));
    }
    if p.role != PartyRole::Victim && (p.organisation_id.is_some() || p.new_organisation.is_some()) {
        e.push(FieldError::new(
            "organisation_id",
            "victims_only",
            "Only a victim can be an organisation",
        ));
    }
    if p.role != PartyRole::Suspect && !blank(&p.description) {
        e.push(FieldError::new(
            "description",
            "suspects_only",
            "Only a suspect can be described without a record",
        ));
    }
    e
}

/// A party to a crime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PartyDto {
    /// The link (or unknown-suspect) id; remove the party with it.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// How they are involved.
    pub role: PartyRole,
    /// The person or organisation, when there is a record.
    pub record: Option<RecordSummary>,
    /// An unknown suspect's description.
    pub description: Option<String>,
}

/// How property is involved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PropertyRole {
    /// Stolen.
    Stolen,
    /// Damaged.
    Damaged,
    /// A vehicle involved.
    VehicleInvolved,
}

impl PropertyRole {
    /// The link reason.
    pub fn link_reason(self) -> &'static str {
        match self {
            PropertyRole::Stolen => "stolen",
            PropertyRole::Damaged => "damaged",
            PropertyRole::VehicleInvolved => "vehicle_involved",
        }
    }

    /// The role a link reason stands for.
    pub fn from_link_reason(reason: &str) -> Option<Self> {
        match reason {
            "stolen" => Some(PropertyRole::Stolen),
            "damaged" => Some(PropertyRole::Damaged),
            "vehicle_involved" => Some(PropertyRole::VehicleInvolved),
            _ => None,
        }
    }
}

/// Attaching property: an existing object or a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddPropertyRequest {
    /// How it is involved.
    pub role: PropertyRole,
    /// An existing object.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub object_id: Option<Uuid>,
    /// A new object.
    #[serde(default)]
    pub new_object: Option<ObjectInput>,
}

/// Property on a crime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PropertyDto {
    /// The link id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// How it is involved.
    pub role: PropertyRole,
    /// The object.
    pub object: RecordSummary,
    /// Its value in pence, when known.
    pub value_pence: Option<i64>,
}

/// Seizing an exhibit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddExhibitRequest {
    /// Exhibit reference, usually the seizing officer's initials and a number (e.g. `JD/1`).
    #[serde(default)]
    pub reference: String,
    /// An existing object.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub object_id: Option<Uuid>,
    /// A new object (e.g. `{"kind": "document", "description": "CCTV footage on USB stick"}`).
    #[serde(default)]
    pub new_object: Option<ObjectInput>,
    /// Who seized it (name, and collar number if an officer). Defaults to the caller.
    #[serde(default)]
    pub seized_by: Option<String>,
    /// When. Defaults to now.
    #[serde(default)]
    pub seized_at: Option<DateTime<Utc>>,
    /// Where or from whom it was seized.
    #[serde(default)]
    pub seized_from: String,
    /// Where it is stored (property store and location reference).
    #[serde(default)]
    pub storage: String,
}

/// Every rule on an exhibit that needs no database.
pub fn check_exhibit(x: &AddExhibitRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    let r = x.reference.trim();
    if r.is_empty() {
        e.push(FieldError::new(
            "reference",
            "required",
            "Enter the exhibit reference (e.g. JD/1)",
        ));
    } else if r.chars().count() > 40 {
        e.push(FieldError::new("reference", "length", "At most 40 characters"));
    }
    if x.object_id.is_some() == x.new_object.is_some() {
        e.push(FieldError::new(
            "object_id",
            "one_of",
            "Give an existing object or describe a new one",
        ));
    }
    if x.seized_from.trim().is_empty() {
        e.push(FieldError::new(
            "seized_from",
            "required",
            "Say where or from whom it was seized",
        ));
    }
    if x.storage.trim().is_empty() {
        e.push(FieldError::new("storage", "required", "Say where it is stored"));
    }
    if x.seized_at.is_some_and(|t| t > now + Duration::minutes(5)) {
        e.push(FieldError::new("seized_at", "future", "Cannot be in the future"));
    }
    e
}

/// A move of an exhibit (continuity).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MoveExhibitRequest {
    /// Where it now is, or who now holds it.
    #[serde(default)]
    pub to: String,
    /// Why (e.g. "to forensic laboratory", "produced at court").
    #[serde(default)]
    pub reason: String,
}

/// One link in an exhibit's chain of continuity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExhibitMovementDto {
    /// Where it went.
    pub to: String,
    /// Why.
    pub reason: String,
    /// Who moved it.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// An exhibit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ExhibitDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Exhibit reference.
    pub reference: String,
    /// The object.
    pub object: RecordSummary,
    /// Who seized it.
    pub seized_by: String,
    /// When.
    pub seized_at: DateTime<Utc>,
    /// Where or from whom.
    pub seized_from: String,
    /// Where it is now.
    pub storage: String,
    /// Continuity, oldest first.
    pub movements: Vec<ExhibitMovementDto>,
}

/// A reclassification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReclassifyRequest {
    /// New Home Office classification.
    #[serde(default)]
    pub classification: String,
    /// New offence code.
    #[serde(default)]
    pub offence: String,
    /// Why (the new information).
    #[serde(default)]
    pub reason: String,
}

/// One classification a crime has had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ClassificationDto {
    /// Classification code.
    pub classification: String,
    /// Offence code.
    pub offence: String,
    /// Why it changed (empty for the first).
    pub reason: String,
    /// Who.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// Asking to cancel a recorded crime.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CancellationRequest {
    /// Why it should be cancelled (e.g. the crime did not happen, it was recorded twice).
    #[serde(default)]
    pub reason: String,
    /// The additional verifiable information that shows it (HOCR section C).
    #[serde(default)]
    pub additional_information: String,
}

/// Checks a cancellation request.
pub fn check_cancellation(c: &CancellationRequest) -> Vec<FieldError> {
    let mut e = Vec::new();
    if c.reason.trim().is_empty() {
        e.push(FieldError::new(
            "reason",
            "required",
            "Say why the crime should be cancelled",
        ));
    }
    if c.additional_information.trim().chars().count() < MIN_RATIONALE_CHARS {
        e.push(FieldError::new(
            "additional_information",
            "too_short",
            format!("Give the additional verifiable information (at least {MIN_RATIONALE_CHARS} characters)"),
        ));
    }
    e
}

/// The registrar's decision on a cancellation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CancellationDecision {
    /// Approve (the crime is cancelled) or refuse.
    pub approve: bool,
    /// Comment (required when refusing).
    #[serde(default)]
    pub comment: String,
}

/// A cancellation request and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CancellationDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// The crime.
    #[schema(value_type = String, format = Uuid)]
    pub crime_id: Uuid,
    /// The request.
    pub request: CancellationRequest,
    /// Who asked.
    pub requested_by: UserRef,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Approved (`true`), refused (`false`) or pending.
    pub approved: Option<bool>,
    /// The registrar's comment.
    pub comment: Option<String>,
    /// Who decided.
    pub decided_by: Option<UserRef>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
}

/// An investigation plan or log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    /// The investigation plan (lines of enquiry).
    Plan,
    /// The investigation log (what was done).
    Log,
}

/// Adding to the plan or log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AddLogEntry {
    /// Plan or log.
    pub kind: LogKind,
    /// The entry.
    #[serde(default)]
    pub text: String,
}

/// A plan or log entry (append-only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LogEntryDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Plan or log.
    pub kind: LogKind,
    /// The entry.
    pub text: String,
    /// Who.
    pub by: UserRef,
    /// When.
    pub at: DateTime<Utc>,
}

/// A crime with everything attached that the caller may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CrimeDto {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Crime reference number, issued when recorded (unique per force and year, never reused).
    pub crn: Option<String>,
    /// Workflow state.
    pub state: CrimeState,
    /// The details.
    pub crime: CrimeInput,
    /// Classification label.
    pub classification_label: Option<String>,
    /// Offence label.
    pub offence_label: Option<String>,
    /// The place, described.
    pub location: Option<RecordSummary>,
    /// The 24-hour recording clock.
    pub clock: RecordingClock,
    /// Officer in charge.
    pub officer_in_charge: Option<UserRef>,
    /// Unit queue.
    pub unit: Option<String>,
    /// Outcome proposed on submission for review.
    pub proposed_outcome: Option<String>,
    /// Outcome type (code of the outcome types), once finalised.
    pub outcome: Option<String>,
    /// When it was finalised.
    pub finalised_at: Option<DateTime<Utc>>,
    /// The last return from review, if it was returned and not resubmitted.
    pub returned_comments: Option<String>,
    /// Victims, witnesses, suspects, offenders, the person reporting.
    pub parties: Vec<PartyDto>,
    /// Stolen or damaged property, vehicles.
    pub property: Vec<PropertyDto>,
    /// Exhibits with continuity.
    pub exhibits: Vec<ExhibitDto>,
    /// Victim care under the Victims' Code.
    pub victims: Vec<VictimDto>,
    /// Tasks (actions).
    pub tasks: Vec<crate::tasks::TaskDto>,
    /// Plan and log, oldest first.
    pub log: Vec<LogEntryDto>,
    /// Classification history, oldest first.
    pub classifications: Vec<ClassificationDto>,
    /// Cancellation requests.
    pub cancellations: Vec<CancellationDto>,
    /// Witness statements (MG11) and victim personal statements, oldest first.
    #[serde(default)]
    pub statements: Vec<crate::case::StatementDto>,
    /// The unused-material register (it becomes the MG6C and MG6D schedules).
    #[serde(default)]
    pub unused_material: Vec<crate::case::UnusedMaterialDto>,
    /// Case files built on the crime (the caller's force's, when it may see them).
    #[serde(default)]
    pub case_files: Vec<crate::case::CaseFileSummary>,
    /// The moves the caller may make now.
    pub actions: Vec<CrimeAction>,
    /// Ownership and version (`ETag`).
    pub meta: RecordMeta,
}

/// Starting a crime: as a draft, or recorded at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CreateCrimeRequest {
    /// The details.
    #[serde(default)]
    pub crime: CrimeInput,
}

/// One line of a crime queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CrimeSummary {
    /// Id.
    #[schema(value_type = String, format = Uuid)]
    pub id: Uuid,
    /// Crime reference number.
    pub crn: Option<String>,
    /// State.
    pub state: CrimeState,
    /// Offence label.
    pub offence_label: Option<String>,
    /// Officer in charge.
    pub officer_in_charge: Option<UserRef>,
    /// Unit.
    pub unit: Option<String>,
    /// Recording clock.
    pub clock: RecordingClock,
    /// Owning force.
    pub force: crate::ids::ForceCode,
    /// Proposed outcome (for the review queue).
    pub proposed_outcome: Option<String>,
    /// When it entered its current state.
    pub state_since: DateTime<Utc>,
}

/// Filters of the crime queue (`GET /crimes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CrimeQuery {
    /// Only crimes in this state (e.g. `awaiting_review` for the review queue).
    #[serde(default)]
    pub state: Option<CrimeState>,
    /// Only crimes allocated to this unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Only crimes whose officer in charge is the caller.
    #[serde(default)]
    pub mine: Option<bool>,
    /// At most this many (1–100, default 50).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A suspect on the retail-theft path: someone known, someone new, or a description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PersonChoice {
    /// An existing person (picked from the suggestions).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub person_id: Option<Uuid>,
    /// A new person.
    #[serde(default)]
    pub new_person: Option<CreatePersonRequest>,
    /// Description of someone not identified.
    #[serde(default)]
    pub description: Option<String>,
}

/// An item taken.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StolenItem {
    /// What it is (e.g. "2 x bottles of whisky").
    #[serde(default)]
    pub description: String,
    /// Value in pence.
    #[serde(default)]
    pub value_pence: Option<i64>,
}

/// The CCTV on the retail-theft path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CctvExhibit {
    /// Exhibit reference.
    #[serde(default)]
    pub reference: String,
    /// What it is (e.g. "CCTV footage 14:02–14:10 on USB stick").
    #[serde(default)]
    pub description: String,
    /// Where it is stored.
    #[serde(default)]
    pub storage: String,
}

/// The retail-theft (shoplifting) path: everything a shoplifting needs, in one request, recorded and
/// allocated in one transaction. Send an `Idempotency-Key` (the app sends its draft id) so a repeated
/// submit never makes two crimes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct RetailTheftRequest {
    /// The store, if already known (its premises are then reused as the scene).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub store_id: Option<Uuid>,
    /// A new store.
    #[serde(default)]
    pub new_store: Option<OrganisationInput>,
    /// The new store's premises (needed with `new_store`).
    #[serde(default)]
    pub new_store_address: Option<LocationInput>,
    /// When the theft happened (from).
    #[serde(default)]
    pub offence_from: Option<DateTime<Utc>>,
    /// When (to); defaults to `offence_from`.
    #[serde(default)]
    pub offence_to: Option<DateTime<Utc>>,
    /// How it was done (at least 20 characters).
    #[serde(default)]
    pub modus_operandi: String,
    /// The suspect.
    #[serde(default)]
    pub suspect: PersonChoice,
    /// What was taken.
    #[serde(default)]
    pub items: Vec<StolenItem>,
    /// The store detective or member of staff who saw it.
    #[serde(default)]
    pub witness: Option<PersonChoice>,
    /// The CCTV seized.
    #[serde(default)]
    pub cctv: Option<CctvExhibit>,
    /// Allocate to a unit queue instead of to the recording officer.
    #[serde(default)]
    pub unit: Option<String>,
}

/// The offence code the retail-theft path records.
pub const SHOPLIFTING_OFFENCE: &str = "theft_shop";

/// Every rule of the retail-theft path that needs no database, all at once.
pub fn check_retail_theft(r: &RetailTheftRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut e = Vec::new();
    match (r.store_id.is_some(), r.new_store.is_some()) {
        (false, false) => e.push(FieldError::new(
            "store_id",
            "required",
            "Pick the store or add it",
        )),
        (true, true) => e.push(FieldError::new(
            "store_id",
            "one_of",
            "Pick the store or add a new one, not both",
        )),
        _ => {}
    }
    if let Some(s) = &r.new_store {
        for fe in crate::organisations::check_organisation(s) {
            e.push(FieldError {
                path: format!("new_store.{}", fe.path),
                ..fe
            });
        }
        match &r.new_store_address {
            None => e.push(FieldError::new(
                "new_store_address",
                "required",
                "Enter the store's address",
            )),
            Some(a) => {
                for fe in crate::locations::check_location(a) {
                    e.push(FieldError {
                        path: format!("new_store_address.{}", fe.path),
                        ..fe
                    });
                }
            }
        }
    }
    match r.offence_from {
        None => e.push(FieldError::new(
            "offence_from",
            "required",
            "Enter when it happened",
        )),
        Some(f) if f > now + Duration::minutes(5) => e.push(FieldError::new(
            "offence_from",
            "future",
            "Cannot be in the future",
        )),
        Some(f) => {
            if r.offence_to.is_some_and(|t| t < f) {
                e.push(FieldError::new(
                    "offence_to",
                    "before_from",
                    "Must not be before the start",
                ));
            }
        }
    }
    if r.modus_operandi.trim().chars().count() < MIN_MO_CHARS {
        e.push(FieldError::new(
            "modus_operandi",
            "too_short",
            format!("Describe how it was done in at least {MIN_MO_CHARS} characters"),
        ));
    }
    check_choice(&mut e, "suspect", &r.suspect, true);
    if let Some(w) = &r.witness {
        check_choice(&mut e, "witness", w, false);
    }
    if r.items.is_empty() {
        e.push(FieldError::new("items", "required", "Add what was taken"));
    }
    for (i, it) in r.items.iter().enumerate() {
        if it.description.trim().is_empty() {
            e.push(FieldError::new(
                format!("items.{i}.description"),
                "required",
                "Say what was taken",
            ));
        }
        if it.value_pence.is_some_and(|v| !(0..=100_000_000).contains(&v)) {
            e.push(FieldError::new(
                format!("items.{i}.value_pence"),
                "range",
                "Enter a value from £0 to £1,000,000",
            ));
        }
    }
    if let Some(c) = &r.cctv {
        if c.reference.trim().is_empty() {
            e.push(FieldError::new(
                "cctv.reference",
                "required",
                "Enter the exhibit reference",
            ));
        }
        if c.description.trim().is_empty() {
            e.push(FieldError::new(
                "cctv.description",
                "required",
                "Describe the footage",
            ));
        }
        if c.storage.trim().is_empty() {
            e.push(FieldError::new(
                "cctv.storage",
                "required",
                "Say where it is stored",
            ));
        }
    }
    e
}

fn check_choice(e: &mut Vec<FieldError>, path: &str, c: &PersonChoice, description_allowed: bool) {
    let given = [
        c.person_id.is_some(),
        c.new_person.is_some(),
        !blank(&c.description),
    ]
    .into_iter()
    .filter(|b| *b)
    .count();
    if given != 1 {
        e.push(FieldError::new(
            format!("{path}.person_id"),
            "one_of",
            if description_allowed {
                "Pick the person, add them, or describe them"
            } else {
                "Pick the person or add them"
            },
        ));
    }
    if !description_allowed && !blank(&c.description) {
        e.push(FieldError::new(
            format!("{path}.description"),
            "not_allowed",
            "A witness must be a person",
        ));
    }
}

/// The total value of the items, in pence.
pub fn total_value(items: &[StolenItem]) -> i64 {
    items.iter().filter_map(|i| i.value_pence).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 28, h, m, 0).unwrap()
    }

    fn recordable() -> (CrimeInput, CrimeFacts) {
        (
            CrimeInput {
                classification: Some("46".into()),
                offence: Some("theft_shop".into()),
                offence_from: Some(t(14, 0)),
                location_id: Some(Uuid::nil()),
                modus_operandi: "Concealed goods in a bag and left".into(),
                ..Default::default()
            },
            CrimeFacts {
                victims: 1,
                identified_suspects: 0,
                allocated: false,
            },
        )
    }

    fn outcomes(code: &str) -> Option<bool> {
        match code {
            "1" => Some(true),
            "18" => Some(false),
            _ => None,
        }
    }

    fn act(a: CrimeAction) -> TransitionRequest {
        TransitionRequest {
            action: Some(a),
            ..Default::default()
        }
    }

    fn paths(r: Result<CrimeState, Refusal>) -> Vec<String> {
        match r {
            Err(Refusal::Missing(e)) => e.into_iter().map(|f| format!("{}:{}", f.path, f.code)).collect(),
            other => panic!("expected missing fields, got {other:?}"),
        }
    }

    #[test]
    fn every_move_from_every_state_is_allowed_or_refused_as_the_table_says() {
        use CrimeAction as A;
        use CrimeState::*;
        let expected: &[(CrimeState, &[CrimeAction])] = &[
            (Draft, &[A::Record]),
            (Recorded, &[A::Allocate]),
            (Allocated, &[A::Allocate, A::StartInvestigation]),
            (UnderInvestigation, &[A::Allocate, A::SubmitForReview]),
            (AwaitingReview, &[A::Approve, A::Return]),
            (Finalised, &[A::Reopen]),
            (Reopened, &[A::Allocate, A::StartInvestigation]),
            (Cancelled, &[]),
        ];
        for (state, allowed) in expected {
            assert_eq!(CrimeAction::from_state(*state), allowed.to_vec(), "{state:?}");
            for a in CrimeAction::ALL {
                let (crime, mut facts) = recordable();
                facts.identified_suspects = 1;
                let req = TransitionRequest {
                    action: Some(a),
                    officer_in_charge: Some(UserId(Uuid::nil())),
                    outcome: Some("1".into()),
                    comments: Some("Get the CCTV".into()),
                    reason: Some("New witness".into()),
                    unit: None,
                };
                let r = check_action(*state, &req, &crime, &facts, outcomes);
                if allowed.contains(&a) {
                    assert_eq!(r.ok(), a.next_state(*state), "{state:?} {a:?}");
                } else {
                    assert_eq!(
                        r,
                        Err(Refusal::NotAMove {
                            from: *state,
                            action: a,
                            allowed: allowed.to_vec()
                        }),
                        "{state:?} {a:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn recording_names_everything_missing_at_once() {
        let r = check_action(
            CrimeState::Draft,
            &act(CrimeAction::Record),
            &CrimeInput::default(),
            &CrimeFacts::default(),
            outcomes,
        );
        assert_eq!(
            paths(r),
            [
                "classification:required",
                "offence:required",
                "offence_from:required",
                "location_id:required",
                "modus_operandi:too_short",
                "victims:required"
            ]
        );
        let (mut c, f) = recordable();
        c.modus_operandi = "x".repeat(MIN_MO_CHARS - 1);
        assert_eq!(
            paths(check_action(
                CrimeState::Draft,
                &act(CrimeAction::Record),
                &c,
                &f,
                outcomes
            )),
            ["modus_operandi:too_short"]
        );
        c.modus_operandi = "x".repeat(MIN_MO_CHARS);
        assert_eq!(
            check_action(CrimeState::Draft, &act(CrimeAction::Record), &c, &f, outcomes),
            Ok(CrimeState::Recorded)
        );
    }

    #[test]
    fn each_state_asks_only_for_what_its_move_needs() {
        let (c, f) = recordable();
        let chk = |s, req: &TransitionRequest, f: &CrimeFacts| check_action(s, req, &c, f, outcomes);
        assert_eq!(
            paths(chk(CrimeState::Recorded, &act(CrimeAction::Allocate), &f)),
            ["officer_in_charge:required"]
        );
        let to_unit = TransitionRequest {
            unit: Some("cid".into()),
            ..act(CrimeAction::Allocate)
        };
        assert_eq!(chk(CrimeState::Recorded, &to_unit, &f), Ok(CrimeState::Allocated));
        assert_eq!(
            chk(CrimeState::Allocated, &act(CrimeAction::StartInvestigation), &f),
            Ok(CrimeState::UnderInvestigation)
        );
        assert_eq!(
            paths(chk(
                CrimeState::UnderInvestigation,
                &act(CrimeAction::SubmitForReview),
                &f
            )),
            ["outcome:required"]
        );
        let charged = TransitionRequest {
            outcome: Some("1".into()),
            ..act(CrimeAction::SubmitForReview)
        };
        assert_eq!(
            paths(chk(CrimeState::UnderInvestigation, &charged, &f)),
            ["outcome:needs_suspect"]
        );
        let with_suspect = CrimeFacts {
            identified_suspects: 1,
            ..f
        };
        assert_eq!(
            chk(CrimeState::UnderInvestigation, &charged, &with_suspect),
            Ok(CrimeState::AwaitingReview)
        );
        let unknown = TransitionRequest {
            outcome: Some("99".into()),
            ..act(CrimeAction::SubmitForReview)
        };
        assert_eq!(
            paths(chk(CrimeState::UnderInvestigation, &unknown, &f)),
            ["outcome:unknown_code"]
        );
        assert_eq!(
            paths(chk(CrimeState::AwaitingReview, &act(CrimeAction::Return), &f)),
            ["comments:required"]
        );
        assert_eq!(
            paths(chk(CrimeState::Finalised, &act(CrimeAction::Reopen), &f)),
            ["reason:required"]
        );
        assert_eq!(
            paths(chk(CrimeState::Draft, &TransitionRequest::default(), &f)),
            ["action:required"]
        );
    }

    #[test]
    fn return_comments_become_one_task_per_line() {
        assert_eq!(
            comments_to_tasks(Some("- Get the CCTV\n\n* Take a statement from the manager \n  ")),
            ["Get the CCTV", "Take a statement from the manager"]
        );
        assert!(comments_to_tasks(Some(" \n - \n")).is_empty());
    }

    #[test]
    fn the_recording_clock_runs_24_hours_from_the_report() {
        let reported = t(9, 30);
        let c = RecordingClock::new(reported, None, reported + Duration::hours(23));
        assert_eq!(c.due_at, reported + Duration::hours(24));
        assert!(!c.overdue && !c.late);
        let c = RecordingClock::new(
            reported,
            None,
            reported + Duration::hours(24) + Duration::seconds(1),
        );
        assert!(c.overdue && !c.late);
        let exactly = RecordingClock::new(reported, Some(reported + Duration::hours(24)), t(23, 0));
        assert!(!exactly.late && !exactly.overdue);
        let late = RecordingClock::new(
            reported,
            Some(reported + Duration::hours(24) + Duration::minutes(1)),
            t(23, 0),
        );
        assert!(late.late && !late.overdue);
    }

    #[test]
    fn parties_must_be_exactly_one_thing_that_fits_the_role() {
        let base = AddPartyRequest {
            role: PartyRole::Witness,
            person_id: None,
            organisation_id: None,
            new_person: None,
            new_organisation: None,
            description: None,
        };
        assert_eq!(check_party(&base)[0].code, "one_of");
        let org_witness = AddPartyRequest {
            organisation_id: Some(Uuid::nil()),
            ..base.clone()
        };
        assert_eq!(check_party(&org_witness)[0].code, "victims_only");
        let described_witness = AddPartyRequest {
            description: Some("tall".into()),
            ..base.clone()
        };
        assert_eq!(check_party(&described_witness)[0].code, "suspects_only");
        let unknown_suspect = AddPartyRequest {
            role: PartyRole::Suspect,
            description: Some("White male, 30s, grey hoodie".into()),
            ..base
        };
        assert!(check_party(&unknown_suspect).is_empty());
    }

    #[test]
    fn the_retail_theft_path_names_every_gap() {
        let e: Vec<String> = check_retail_theft(&RetailTheftRequest::default(), t(15, 0))
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(
            e,
            [
                "store_id",
                "offence_from",
                "modus_operandi",
                "suspect.person_id",
                "items"
            ]
        );
    }
}

//! The crime workflow as data: states, moves, who may make each and what each still needs.

use super::*;

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
    /// Allocate: an open team or unit of the crime's force (its code, such as `NS-CID`) or a unit
    /// queue (code of `investigation_unit`), instead of, or as well as, an officer.
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

pub(super) fn blank(s: &Option<String>) -> bool {
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

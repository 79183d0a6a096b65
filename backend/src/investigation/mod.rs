//! Investigation: incidents and the recording decision, crimes and their workflow, attachments through
//! the shared index, reclassification, cancellation, the plan and log, and the retail-theft path.
//!
//! Crimes are events of the shared index (`RecordKind::Event`): the same [`Visibility`] decides who
//! sees them, links join them to people, objects and locations, and every read is audited.

mod attachments;
mod cancellation;
mod crime;
mod incident;
pub mod queries;
mod refdata;
mod retail_theft;
pub mod routes;
pub mod tasks;
pub mod victims;
mod view;
mod workflow;

pub use attachments::*;
pub use cancellation::*;
pub use crime::*;
pub use incident::*;
pub use refdata::*;
pub use retail_theft::*;
pub use view::*;
pub use workflow::*;

use crate::db::schema::{
    self, bank_holidays, crime_cancellations, crime_classifications, crime_log, crime_unknown_suspects,
    crimes, dash_questions, exhibit_movements, exhibits, incidents, links, objects, offences, outcome_types,
    users, victim_update_rules,
};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::links as link_service;
use crate::index::people as people_service;
use crate::index::records::{self, Object, Organisation};
use crate::index::reference::Reference;
use crate::investigation::queries::{CrimeRow, IncidentRow, TaskRow};
use crate::investigation::tasks as task_service;
use crate::investigation::victims as victim_service;
use crate::kernel::access::{self, Guarded, Scope, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use crate::kernel::numbering::next_number;
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{user_ref, user_refs};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::Capability;
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::{ForceCode, UserId};
use bluelamp_shared::index::links::CreateLinkRequest;
use bluelamp_shared::index::objects::{ObjectInput, ObjectKind};
use bluelamp_shared::investigation::tasks::TaskKind;
use bluelamp_shared::investigation::victims::{DeadlineRule, UpdateEvent};
use bluelamp_shared::investigation::{
    self as inv, check_action, check_cancellation, check_crime, check_exhibit, check_incident, check_party,
    check_retail_theft, AddExhibitRequest, AddLogEntry, AddPartyRequest, AddPropertyRequest,
    CancellationDecision, CancellationDto, CancellationRequest, ClassificationDto, CloseIncidentRequest,
    CreateCrimeRequest, CrimeAction, CrimeDto, CrimeFacts, CrimeInput, CrimeQuery, CrimeState, CrimeSummary,
    ExhibitDto, ExhibitMovementDto, IncidentDto, IncidentInput, LogEntryDto, LogKind, MoveExhibitRequest,
    NcrsDecision, NoCrimeRequest, PartyDto, PartyRole, PersonChoice, PropertyDto, PropertyRole,
    ReclassifyRequest, RecordingClock, Refusal, RetailTheftRequest, TransitionRequest,
};
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::records::{RecordKind, RecordMeta, RecordRef, Restriction};
use bluelamp_shared::reference::{DashQuestion, ModeOfTrial, Offence, OutcomeType};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

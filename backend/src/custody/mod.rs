//! Custody (PACE 1984 and Code C): booking in, the append-only entries of a custody record, the
//! PACE rules on reviews, extensions and warrants, care (risk, visits, medication), disposal, and
//! the custody-suite board.
//!
//! A custody record is an event of the shared index linked to the detainee, so it appears on the
//! person page. It holds health information, so it is restricted to the police roles of the owning
//! force (the one [`Visibility`] keeps it from every other force and from administrators); every
//! read is audited. Every clock is computed from the entries with `custody_clocks`, never stored.

mod board;
mod book_in;
mod entries;
pub mod queries;
mod record;
mod refdata;
pub mod routes;
mod view;

pub use board::*;
pub use book_in::*;
pub use entries::*;
pub use record::*;
pub use refdata::*;
use view::*;

use crate::custody::queries::{CustodyRow, EntryRow};
use crate::db::schema::{
    crimes, custody_entries, custody_records, custody_risk_questions, custody_suites, offences, user_roles,
    users,
};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::links as link_service;
use crate::index::reference::{self, Reference};
use crate::kernel::access::{self, Guarded, Scope, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use crate::kernel::numbering::next_number;
use crate::kernel::users::user_refs;
use crate::views::summaries;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{Capability, Role};
use bluelamp_shared::custody::{
    check_book_in, check_entry, earliest, risk_markers, sort_board, Actor, Board, BoardRow, BookInPrefill,
    BookInRequest, CareView, CustodyEntry, CustodyRecordDto, CustodyState, CustodySuite, DecisionView,
    DetentionDecision, DisposalView, EntryView, MedicationView, Prescription, RepresentativeView,
    RightStatus, RightView, RiskAssessmentEntry, RiskQuestion,
};
use bluelamp_shared::custody_clocks::{
    check_extension, check_review, check_warrant, clocks, next_dose_due, next_visit_due, CareRules,
    DetentionFacts, DoseSchedule, ExtensionFact, PaceRules, Refusal, ReviewFact, WarrantFact,
};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::links::CreateLinkRequest;
use bluelamp_shared::records::{Grantee, RecordKind, RecordMeta, RecordRef, RecordSummary, Restriction};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SubsecRound, TimeZone, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

//! Intelligence: submission (any officer), the protected source register, evaluation and
//! sanitisation by the intelligence unit, dissemination under handling codes, legacy 5x5x5 imports.
//!
//! A report is an event of the shared index. Until it is disseminated it is restricted to the force's
//! intelligence officers (and its submitter), so the one [`Visibility`] keeps it out of every search,
//! link and count for anyone else; once disseminated without a need-to-know restriction it is seen by
//! the consortium as the sharing agreement allows. Every read is audited with its purpose.

mod legacy;
pub mod queries;
mod report;
pub mod routes;
mod submit;
mod workflow;

pub use legacy::*;
pub use report::*;
pub use submit::*;
pub use workflow::*;

use crate::db::schema::{grading_map, intel_reports, intel_sources, links};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::links as link_service;
use crate::index::people as people_service;
use crate::index::reference::Reference;
use crate::intelligence::queries::ReportRow;
use crate::kernel::access::{self, Guarded, Scope, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use crate::kernel::numbering::next_number;
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{user_ref, user_refs};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::auth::{Capability, Role};
use bluelamp_shared::error::{ErrorCode, FieldError};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::index::links::CreateLinkRequest;
use bluelamp_shared::intelligence::{
    check_grading, check_report_action, check_submission, Assessment, Grading, HandlingCode,
    IntelligenceQuery, LegacyGrading, LegacyImportRequest, Priority, QueueItem, ReportAction, ReportDto,
    ReportState, ReportTransition, SourceDto, SourceEvaluation, SourceKind, SubmitReportRequest,
};
use bluelamp_shared::investigation::tasks::{WorkItem, WorkKind};
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::records::{Grantee, RecordKind, RecordMeta, RecordRef, Restriction};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use diesel::prelude::*;

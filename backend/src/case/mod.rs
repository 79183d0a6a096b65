//! Case: witness statements and the unused-material register kept on a crime, and the prosecution
//! case file built from them, from the crime and from its custody records.
//!
//! A file's content is never typed twice: [`assemble`] draws it from the records each time it is
//! read. What is stored on the file is only what officers write on it (each save a new version of the
//! document; a certified version is never changed), each submission exactly as sent, and the CPS's
//! decisions. Readiness is `bluelamp_shared::case::readiness`, the same function the browser runs.
//! The CPS reads the file as submitted through its partner account; every send, read and decision is
//! audited.

mod assemble;
mod cps;
mod file;
mod on_crime;
pub mod pdf;
pub mod queries;
pub mod routes;

pub use assemble::*;
pub use cps::*;
pub use file::*;
pub use on_crime::*;

use crate::case::queries::{CaseFileRow, DecisionRow, DocumentRow, StatementRow, SubmissionRow, UnusedRow};
use crate::custody::queries::{CustodyRow, EntryRow};
use crate::db::schema::{
    case_decisions, case_documents, case_files, case_submissions, custody_entries, custody_records,
    person_dobs, statements, unused_material,
};
use crate::db::{now, utc};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::reference::Reference;
use crate::investigation::queries::CrimeRow;
use crate::investigation::tasks as task_service;
use crate::investigation::{self as inv, addable_crime, visible_crime, InvestigationRef};
use crate::kernel::access::{self, Visibility};
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::kernel::idempotency::{self, Outcome};
use crate::kernel::numbering::next_number;
use crate::kernel::paging::{Cursor, Paging};
use crate::kernel::users::{user_ref, user_refs};
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::case::{
    charging_route, check_decision, check_document, check_statement, check_unused, documents_for, readiness,
    CaseFileContent, CaseFileDto, CaseFileState, CaseFileSummary, CertifyRequest, Charge, CpsCaseFile,
    CreateCaseFileRequest, CrimeFacts as FileCrime, DecisionDto, DecisionKind, DecisionRequest, Defendant,
    DocumentContent, DocumentVersion, ExhibitLine, FileType, InterviewLine, RouteFacts, StatementDto,
    StatementRequest, SubmissionDto, UnusedMaterialDto, UnusedMaterialRequest, UpdateCaseFileRequest,
};
use bluelamp_shared::custody::{ArrestDetails, CustodyEntry};
use bluelamp_shared::error::{ErrorCode, FieldError, Problem};
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::investigation::tasks::TaskKind;
use bluelamp_shared::investigation::{CrimeDto, CrimeState, PartyRole};
use bluelamp_shared::paging::{Page, PageQuery};
use bluelamp_shared::records::{RecordKind, RecordMeta, Restriction};
use bluelamp_shared::reference::Offence;
use bluelamp_shared::users::UserRef;
use chrono::{Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

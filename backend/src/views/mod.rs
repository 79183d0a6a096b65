//! Read-only views across areas, each reading through the areas' own public functions: the event summaries the index shows, and (to come) management information, retention review lists and subject access.

pub mod reference_data;
pub mod summaries;

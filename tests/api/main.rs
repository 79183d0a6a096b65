//! API integration tests: the real server on a free port, each test with its own database, every
//! test run on SQLite and on PostgreSQL.

mod access;
mod agreements;
mod audit;
mod auth;
mod case;
mod conformance;
mod conventions;
mod corrections;
mod custody;
mod forces;
mod intelligence;
mod investigation;
mod mfa;
mod openapi;
mod operations;
mod outage;
mod paging;
mod partners;
mod people;
mod process;
mod records;
mod reference_data;
mod retention;
mod sso;
mod suites;
mod units;
mod users;

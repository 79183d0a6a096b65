//! Synthetic data for the shared index: N realistic people with their names, search keys, dates of birth,
//! PNC IDs, phones, warning markers, home addresses and vehicles, plus organisations with premises, and a
//! share of near-duplicate people (the same person entered again with a misspelt surname or a nickname and
//! the same date of birth), so that name search and duplicate suggestions can be measured at scale; and,
//! on request, open custody records over the consortium's custody suites with the entries a real record
//! has (so the custody-suite board can be measured).
//!
//! Speed is the point: rows are written as multi-row `INSERT ... VALUES (...),(...)` statements built as SQL
//! text (only the generator's own values, never user input; quotes doubled), one transaction per batch of
//! people, while a second thread builds the next batch. Everything is derived from `--seed`, so the same
//! seed gives the same data. Search keys come from [`names::name_keys`] with the `name_equivalents` table,
//! exactly as the normal write path computes them.

mod custody;
mod person;
mod population;
mod run;
#[cfg(test)]
mod tests;
mod words;

use population::*;
pub use run::*;
use words::*;

use crate::db::bulk::{Insert, Tables, Val};
use crate::db::schema::{forces, name_equivalents, people};
use crate::db::{AnyConnection, Backend, Db};
use crate::index::names::{self, Equivalents};
use crate::index::people::queries::normalise_value;
use bluelamp_shared::index::people::{NameKind, PersonName};
use bluelamp_shared::validation as v;
use chrono::{Datelike, Duration as Days, NaiveDate, NaiveDateTime};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::sync::mpsc;
use std::time::{Duration, Instant};

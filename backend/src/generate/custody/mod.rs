//! Open custody records over the consortium's suites, written as the custody service writes a
//! booking-in and the entries that follow it (`crate::custody::book_in` and `add_entry`): the
//! record row, its entries (the `data` column is the entry as JSON), the `custody_detainee` link to
//! the person and the record's grants. Times are set back from now, so the clocks are live when the
//! board is read soon after.

mod record;

use super::{Counts, GenerateOptions, Generator, Insert, FORCES, LOADED_SUITE};
use crate::custody::risk_questions;
use crate::db::schema::{custody_records, custody_suites, offences, reference_sequences, user_roles, users};
use crate::db::AnyConnection;
use bluelamp_shared::auth::Role;
use bluelamp_shared::custody::RiskQuestion;
use chrono::{DateTime, Datelike, SubsecRound, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::seq::SliceRandom;
use std::collections::{HashMap, HashSet};

/// Cells of each suite added when the existing suites cannot hold the open records.
const ADDED_SUITE_CELLS: usize = 40;
/// Custody records per transaction.
const RECORDS_PER_TRANSACTION: usize = 250;

fn minutes(m: i64) -> chrono::Duration {
    chrono::Duration::minutes(m)
}

/// A suite records go to, with its cells not taken by an open record.
struct Suite {
    id: String,
    force: String,
    free: Vec<String>,
}

/// Who records what, in one force.
struct Staff {
    custody_officer: String,
    detention_officer: String,
    inspector: String,
    superintendent: String,
}

/// What every record draws on.
struct Context {
    staff: HashMap<String, Staff>,
    questions: Vec<RiskQuestion>,
    /// (code, label, indictable or either way)
    offences: Vec<(String, String, bool)>,
    now: DateTime<Utc>,
    /// Last custody number taken per (force, year).
    numbers: HashMap<(String, i32), i64>,
}

/// The record being written: where its rows go, and what its row will say.
struct RecordWriter<'a> {
    t: &'a mut Tables,
    counts: &'a mut Counts,
    /// The record's id.
    id: String,
    now: DateTime<Utc>,
    /// 1 at booking in, +1 for each entry added afterwards.
    version: i64,
    /// When it was last written to.
    updated: DateTime<Utc>,
}

/// The tables of one transaction, in foreign-key order.
struct Tables {
    records: Insert,
    entries: Insert,
    links: Insert,
    grants: Insert,
}

impl Tables {
    fn new() -> Self {
        Self {
            records: Insert::new(
                "INSERT INTO custody_records (id, force_code, number, suite_id, cell, person_id, crime_id, \
                 state, arrest, indictable, asn, relevant_time, decision, decided_at, decided_by, \
                 decision_reason, self_defined_ethnicity, officer_defined_ethnicity, nationality, \
                 released_at, created_by, created_at, updated_at, version)",
            ),
            entries: Insert::new(
                "INSERT INTO custody_entries (id, record_id, kind, at, data, recorded_by, recorded_at)",
            ),
            links: Insert::new(
                "INSERT INTO links (id, force_code, from_kind, from_id, to_kind, to_id, reason, valid_from, \
                 valid_to, source_kind, source_id, created_by, created_at)",
            ),
            grants: Insert::new("INSERT INTO record_grants (record_kind, record_id, grantee_type, grantee)"),
        }
    }

    fn finish(&mut self) -> String {
        let mut out = String::new();
        for t in [
            &mut self.records,
            &mut self.entries,
            &mut self.links,
            &mut self.grants,
        ] {
            t.finish_into(&mut out);
        }
        out
    }
}

/// Writes `opts.custody_records` open custody records for people of this run: the loaded suite
/// topped up to `opts.suite_load`, the rest spread over the other suites (suites are added, 40
/// cells each, alternately in NS and WV, when the others have too few free cells).
pub(super) fn generate(
    conn: &mut AnyConnection,
    g: &mut Generator,
    opts: &GenerateOptions,
) -> anyhow::Result<Counts> {
    let wanted = opts.custody_records as usize;
    if g.detainees.len() < wanted {
        anyhow::bail!(
            "{wanted} custody records need as many people generated in the same run (--people {} gave {})",
            opts.people,
            g.detainees.len()
        );
    }
    let mut counts = Counts::default();
    let now = Utc::now().trunc_subsecs(0);
    let mut cx = Context {
        staff: staff(conn)?,
        questions: risk_questions(conn).map_err(|e| anyhow::anyhow!("{e}"))?,
        offences: offences::table
            .filter(offences::active.eq(true))
            .order(offences::code)
            .select((offences::code, offences::label, offences::mode_of_trial))
            .load::<(String, String, String)>(conn)?
            .into_iter()
            .map(|(c, l, m)| (c, l, m != "summary"))
            .collect(),
        now,
        numbers: HashMap::new(),
    };
    if cx.offences.iter().all(|o| !o.2) {
        anyhow::bail!("no indictable offence codes in the offences table");
    }
    let slots = plan(conn, g, &cx, opts, &mut counts)?;
    // The current custody numbers, so the service's next booking-in takes the next one.
    for f in FORCES {
        for year in [now.year() - 1, now.year()] {
            let last: Option<i64> = reference_sequences::table
                .filter(reference_sequences::force_code.eq(f))
                .filter(reference_sequences::kind.eq("custody"))
                .filter(reference_sequences::year.eq(year))
                .select(reference_sequences::last_value)
                .first(conn)
                .optional()?;
            cx.numbers.insert((f.to_owned(), year), last.unwrap_or(0));
        }
    }
    let detainees: Vec<String> = g.detainees.drain(..wanted).collect();
    let mut people = detainees.iter();
    for chunk in slots.chunks(RECORDS_PER_TRANSACTION) {
        let mut t = Tables::new();
        for (suite, cell) in chunk {
            let person = people.next().ok_or_else(|| anyhow::anyhow!("out of detainees"))?;
            g.custody_record(&mut t, &mut counts, &mut cx, suite, cell, person)?;
        }
        let sql = t.finish();
        let numbers = cx.numbers.clone();
        conn.transaction::<_, diesel::result::Error, _>(|c| {
            c.batch_execute(&sql)?;
            for ((force, year), last) in &numbers {
                set_sequence(c, force, *year, *last)?;
            }
            Ok(())
        })
        .map_err(|e| anyhow::anyhow!("writing custody records failed: {e}"))?;
    }
    Ok(counts)
}

/// Sets a custody-number sequence to `last` (the number last taken).
fn set_sequence(conn: &mut AnyConnection, force: &str, year: i32, last: i64) -> QueryResult<()> {
    if last == 0 {
        return Ok(());
    }
    let key = reference_sequences::table
        .filter(reference_sequences::force_code.eq(force))
        .filter(reference_sequences::kind.eq("custody"))
        .filter(reference_sequences::year.eq(year));
    let n = diesel::update(key)
        .set(reference_sequences::last_value.eq(last))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(reference_sequences::table)
            .values((
                reference_sequences::force_code.eq(force),
                reference_sequences::kind.eq("custody"),
                reference_sequences::year.eq(year),
                reference_sequences::last_value.eq(last),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The first active user of each role the custody records need, per force (the demo users).
fn staff(conn: &mut AnyConnection) -> anyhow::Result<HashMap<String, Staff>> {
    let rows: Vec<(String, String, String)> = users::table
        .inner_join(user_roles::table.on(user_roles::user_id.eq(users::id)))
        .filter(users::active.eq(true))
        .order(users::username)
        .select((users::force_code, user_roles::role, users::id))
        .load(conn)?;
    let mut out = HashMap::new();
    for f in FORCES {
        let first = |role: Role| {
            rows.iter()
                .find(|(force, r, _)| force == f && r == role.as_str())
                .map(|(_, _, id)| id.clone())
        };
        let Some(custody_officer) = first(Role::CustodyOfficer) else {
            anyhow::bail!("force {f} has no custody officer: run `bluelamp seed-demo` first");
        };
        let or_custody = |r: Option<String>| r.unwrap_or_else(|| custody_officer.clone());
        out.insert(
            f.to_owned(),
            Staff {
                detention_officer: or_custody(first(Role::DetentionOfficer)),
                inspector: or_custody(first(Role::Inspector)),
                superintendent: or_custody(first(Role::Superintendent)),
                custody_officer,
            },
        );
    }
    Ok(out)
}

/// Where each new record goes: (suite, cell), the loaded suite's first, then the others round
/// robin, in a random order. Adds cells to the loaded suite and suites to the consortium as needed.
fn plan(
    conn: &mut AnyConnection,
    g: &mut Generator,
    cx: &Context,
    opts: &GenerateOptions,
    counts: &mut Counts,
) -> anyhow::Result<Vec<(std::sync::Arc<Suite>, String)>> {
    let wanted = opts.custody_records as usize;
    let Suites {
        loaded,
        mut others,
        codes,
        open_in_loaded,
    } = suites(conn, cx, opts)?;
    let in_loaded = (opts.suite_load as usize)
        .saturating_sub(open_in_loaded)
        .min(wanted);
    add_suites(conn, g, &codes, &mut others, wanted - in_loaded, counts)?;
    assign(g, loaded, others, in_loaded, wanted)
}

/// The active suites of the forces with staff, with their free cells.
struct Suites {
    /// The suite the load goes to.
    loaded: Suite,
    /// The others, by code.
    others: Vec<Suite>,
    /// The codes of all active suites.
    codes: HashSet<String>,
    /// How many open records the loaded suite holds now.
    open_in_loaded: usize,
}

/// Reads the active suites and the cells their open records take; gives the loaded suite enough
/// cells for the load (a larger custody centre), named on from C1..Cn.
fn suites(conn: &mut AnyConnection, cx: &Context, opts: &GenerateOptions) -> anyhow::Result<Suites> {
    let rows: Vec<(String, String, String, String)> = custody_suites::table
        .filter(custody_suites::active.eq(true))
        .order(custody_suites::code)
        .select((
            custody_suites::id,
            custody_suites::force_code,
            custody_suites::code,
            custody_suites::cells,
        ))
        .load(conn)?;
    let taken: HashSet<(String, String)> = custody_records::table
        .filter(custody_records::state.eq("open"))
        .select((custody_records::suite_id, custody_records::cell))
        .load::<(String, Option<String>)>(conn)?
        .into_iter()
        .filter_map(|(s, c)| c.map(|c| (s, c)))
        .collect();
    let open_in = |suite: &str| taken.iter().filter(|(s, _)| s == suite).count();
    let codes: HashSet<String> = rows.iter().map(|r| r.2.clone()).collect();
    let mut loaded: Option<Suite> = None;
    let mut others: Vec<Suite> = Vec::new();
    for (id, force, code, cells) in rows {
        if !cx.staff.contains_key(&force) {
            continue;
        }
        let mut cells: Vec<String> = serde_json::from_str(&cells).unwrap_or_default();
        if code == LOADED_SUITE {
            let mut n = cells.len();
            while cells.len() < opts.suite_load as usize {
                n += 1;
                let name = format!("C{n}");
                if !cells.contains(&name) {
                    cells.push(name);
                }
            }
            diesel::update(custody_suites::table.find(&id))
                .set(custody_suites::cells.eq(serde_json::to_string(&cells)?))
                .execute(conn)?;
        }
        let free = cells
            .into_iter()
            .filter(|c| !taken.contains(&(id.clone(), c.clone())))
            .collect();
        let s = Suite { id, force, free };
        if code == LOADED_SUITE {
            loaded = Some(s);
        } else {
            others.push(s);
        }
    }
    let Some(loaded) = loaded else {
        anyhow::bail!("custody suite {LOADED_SUITE} does not exist: run `bluelamp seed-demo` first");
    };
    let open_in_loaded = open_in(&loaded.id);
    Ok(Suites {
        loaded,
        others,
        codes,
        open_in_loaded,
    })
}

/// Adds suites (alternately in the forces, codes not in `codes`) until `others` have `rest` free
/// cells.
fn add_suites(
    conn: &mut AnyConnection,
    g: &mut Generator,
    codes: &HashSet<String>,
    others: &mut Vec<Suite>,
    rest: usize,
    counts: &mut Counts,
) -> anyhow::Result<()> {
    let mut capacity: usize = others.iter().map(|s| s.free.len()).sum();
    let mut k = 0;
    while capacity < rest {
        k += 1;
        let force = FORCES[k % FORCES.len()];
        let code = format!("{force}-B{k:02}");
        if codes.contains(&code) {
            continue;
        }
        let cells: Vec<String> = (1..=ADDED_SUITE_CELLS).map(|n| format!("C{n}")).collect();
        let id = g.id();
        diesel::insert_into(custody_suites::table)
            .values((
                custody_suites::id.eq(&id),
                custody_suites::force_code.eq(force),
                custody_suites::code.eq(&code),
                custody_suites::name.eq(format!("{force} generated custody suite {k}")),
                custody_suites::cells.eq(serde_json::to_string(&cells)?),
                custody_suites::active.eq(true),
            ))
            .execute(conn)?;
        counts.custody_suites += 1;
        capacity += cells.len();
        others.push(Suite {
            id,
            force: force.to_owned(),
            free: cells,
        });
    }
    Ok(())
}

/// `wanted` (suite, cell) slots in a random order: `in_loaded` in the loaded suite, the rest
/// round robin over the others.
fn assign(
    g: &mut Generator,
    mut loaded: Suite,
    mut others: Vec<Suite>,
    in_loaded: usize,
    wanted: usize,
) -> anyhow::Result<Vec<(std::sync::Arc<Suite>, String)>> {
    let mut slots: Vec<(usize, String)> = Vec::with_capacity(wanted);
    let mut loaded_cells = std::mem::take(&mut loaded.free).into_iter();
    for _ in 0..in_loaded {
        let cell = loaded_cells
            .next()
            .ok_or_else(|| anyhow::anyhow!("{LOADED_SUITE} has no free cell"))?;
        slots.push((usize::MAX, cell));
    }
    let mut free: Vec<std::vec::IntoIter<String>> = others
        .iter_mut()
        .map(|s| std::mem::take(&mut s.free).into_iter())
        .collect();
    let mut i = 0;
    while slots.len() < wanted {
        let s = i % free.len();
        if let Some(cell) = free[s].next() {
            slots.push((s, cell));
        }
        i += 1;
    }
    slots.shuffle(&mut g.rng);
    let loaded = std::sync::Arc::new(loaded);
    let others: Vec<std::sync::Arc<Suite>> = others.into_iter().map(std::sync::Arc::new).collect();
    Ok(slots
        .into_iter()
        .map(|(s, cell)| {
            let suite = if s == usize::MAX {
                loaded.clone()
            } else {
                others[s].clone()
            };
            (suite, cell)
        })
        .collect())
}

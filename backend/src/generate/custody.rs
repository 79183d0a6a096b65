//! Open custody records over the consortium's suites, written as the custody service writes a
//! booking-in and the entries that follow it (`crate::custody::book_in` and `add_entry`): the
//! record row, its entries (the `data` column is the entry as JSON), the `custody_detainee` link to
//! the person and the record's grants. Times are set back from now, so the clocks are live when the
//! board is read soon after.

use super::{pick, Counts, GenerateOptions, Generator, Insert, Val, FORCES, LOADED_SUITE, SURNAMES};
use crate::custody::{restriction, risk_questions};
use crate::db::schema::{custody_records, custody_suites, offences, reference_sequences, user_roles, users};
use crate::db::AnyConnection;
use bluelamp_shared::auth::Role;
use bluelamp_shared::custody::{
    risk_calls_for, ArrestDetails, CustodyEntry, DoseEntry, DoseOutcome, ExtensionEntry, Prescription,
    ReviewDecision, ReviewEntry, Right, RightStatus, RightsEntry, RiskAnswer, RiskAssessmentEntry,
    RiskQuestion, VisitEntry, VisitKind, OFFICER_DEFINED_ETHNICITIES, SELF_DEFINED_ETHNICITIES,
};
use bluelamp_shared::records::Grantee;
use chrono::{DateTime, Datelike, NaiveTime, SubsecRound, TimeZone, Utc};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::seq::SliceRandom;
use rand::Rng;
use std::collections::{HashMap, HashSet};

/// Cells of each suite added when the existing suites cannot hold the open records.
const ADDED_SUITE_CELLS: usize = 40;
/// Custody records per transaction.
const RECORDS_PER_TRANSACTION: usize = 250;
/// At most this many visits per record (the latest are kept).
const MAX_VISITS: usize = 48;
/// At most this many doses per prescription.
const MAX_DOSES: usize = 4;

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
            // Enough cells for the load (a larger custody centre), named on from C1..Cn.
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
    let Some(mut loaded) = loaded else {
        anyhow::bail!("custody suite {LOADED_SUITE} does not exist: run `bluelamp seed-demo` first");
    };
    let in_loaded = (opts.suite_load as usize)
        .saturating_sub(open_in(&loaded.id))
        .min(wanted);
    let rest = wanted - in_loaded;
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

/// A medicine as prescribed: (medicine, dose, every so many minutes, or times of day).
type Medicine = (&'static str, &'static str, Option<i64>, &'static [(u32, u32)]);

#[rustfmt::skip]
const MEDICINES: &[Medicine] = &[
    ("Paracetamol", "1 g", Some(360), &[]),
    ("Ibuprofen", "400 mg", Some(480), &[]),
    ("Salbutamol inhaler", "2 puffs", Some(240), &[]),
    ("Co-codamol 30/500", "2 tablets", Some(360), &[]),
    ("Sertraline", "50 mg", None, &[(8, 0)]),
    ("Metformin", "500 mg", None, &[(8, 0), (18, 0)]),
    ("Diazepam", "5 mg", None, &[(8, 0), (14, 0), (20, 0)]),
    ("Methadone (oral solution)", "60 ml", None, &[(9, 0)]),
    ("Insulin glargine", "20 units", None, &[(22, 0)]),
    ("Levothyroxine", "100 micrograms", None, &[(7, 30)]),
    ("Amlodipine", "5 mg", None, &[(9, 0)]),
    ("Quetiapine", "100 mg", None, &[(21, 0)]),
];

const PRESCRIBERS: &[&str] = &[
    "Custody nurse (HCP) J. Bell",
    "Dr A. Shah, forensic medical examiner",
    "Own GP, confirmed by telephone",
    "Paramedic (HCP) M. Grant",
];

const RISK_NOTES: &[&str] = &[
    "Calm and cooperative at the desk.",
    "Smelt of alcohol, unsteady on feet; speech slurred.",
    "Tearful, said they had been having a hard time; no current thoughts of self-harm.",
    "Abusive at first, settled once in the cell.",
    "Says they take medication daily; GP details taken.",
    "Small graze to left hand from arrest; no other injury seen.",
];

const VISIT_RESPONSES: &[&str] = &[
    "Lying on the bench, breathing seen",
    "Awake, asked for a drink; water given",
    "Asleep, breathing regular",
    "Spoken to, answered clearly",
    "Sitting up, asked when the interview is",
    "Awake, asked for a blanket; given",
];

const REVIEW_GROUNDS: &[&str] = &[
    "Detention necessary to obtain evidence by questioning: interview awaited with the solicitor.",
    "Detention necessary to secure and preserve evidence: search of the address under way.",
    "Enquiries continue: CCTV being viewed and witness statements taken.",
    "Awaiting the CPS charging decision; detention still necessary.",
];

const REPRESENTATIONS: &[&str] = &[
    "",
    "None made; detainee asleep and not woken (Code C 15.3A).",
    "Detainee said they want to go home.",
    "Solicitor made representations by telephone that detention is no longer necessary.",
];

const DECISION_REASONS: &[&str] = &[
    "To secure and preserve evidence relating to the offence (s.37(2))",
    "To obtain evidence by questioning (s.37(2))",
    "To secure and preserve evidence and to obtain evidence by questioning (s.37(2))",
];

const NECESSITY: &[&str] = &[
    "To allow the prompt and effective investigation of the offence (Code G 2.9(e))",
    "To prevent physical injury to another person (Code G 2.9(c)(i))",
    "To protect a vulnerable person (Code G 2.9(c)(v))",
    "To ascertain the person's name and address (Code G 2.9(a), (b))",
];

const NATIONALITIES: &[&str] = &[
    "Irish",
    "Polish",
    "Romanian",
    "Nigerian",
    "Indian",
    "Pakistani",
    "Portuguese",
];

/// The chance of a "yes" to a risk question (every detainee here takes medication).
fn risk_yes(code: &str) -> f64 {
    match code {
        "medication" => 1.0,
        "injury_illness" => 0.25,
        "mental_health" => 0.3,
        "self_harm_history" => 0.15,
        "suicidal_now" => 0.03,
        "intoxicated" => 0.3,
        "head_injury" => 0.05,
        "vulnerable" => 0.08,
        _ => 0.1,
    }
}

impl Generator {
    fn minutes_between(&mut self, from: i64, to: i64) -> chrono::Duration {
        minutes(self.rng.gen_range(from..=to))
    }

    /// Writes one entry of `w`'s record: `at` is when it happened (the entry's own time, else
    /// `default_at`); it was recorded `recorded_after` later (a random minute or so when none).
    /// Entries added after booking in bump the record's version, as `add_entry` does.
    fn custody_entry(
        &mut self,
        w: &mut RecordWriter<'_>,
        entry: &CustodyEntry,
        default_at: DateTime<Utc>,
        recorded_after: Option<chrono::Duration>,
        by: &str,
    ) -> anyhow::Result<String> {
        let id = self.id();
        let at = entry.at().unwrap_or(default_at);
        let after = recorded_after.unwrap_or_else(|| chrono::Duration::seconds(self.rng.gen_range(20..300)));
        let recorded = (at + after).min(w.now);
        let data = serde_json::to_string(entry)?;
        w.t.entries.row(&[
            Val::S(&id),
            Val::S(&w.id),
            Val::S(entry.kind()),
            Val::T(at.naive_utc()),
            Val::S(&data),
            Val::S(by),
            Val::T(recorded.naive_utc()),
        ]);
        w.counts.custody_entries += 1;
        w.updated = w.updated.max(recorded);
        if !matches!(
            entry,
            CustodyEntry::RiskAssessment(_) | CustodyEntry::Prescription(_)
        ) {
            w.version += 1;
        }
        Ok(id)
    }

    /// One open custody record of `suite` in `cell` for `person`, with its entries, link and
    /// grants.
    fn custody_record(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        cx: &mut Context,
        suite: &Suite,
        cell: &str,
        person: &str,
    ) -> anyhow::Result<()> {
        let now = cx.now;
        let force_index = FORCES.iter().position(|f| *f == suite.force).unwrap_or(0);
        let staff = &cx.staff[&suite.force];
        let (custody_officer, detention_officer, inspector, superintendent) = (
            staff.custody_officer.clone(),
            staff.detention_officer.clone(),
            staff.inspector.clone(),
            staff.superintendent.clone(),
        );
        // 10% just booked in (no review due yet), 75% in their first day (1-2 reviews), 15% held
        // beyond 24 hours on a superintendent's extension to 36 hours.
        let roll = self.rng.gen::<f64>();
        let extended = roll >= 0.85;
        let held = if roll < 0.10 {
            self.rng.gen_range(40..330)
        } else if !extended {
            self.rng.gen_range(420..1300)
        } else {
            self.rng.gen_range(1460..2000)
        };
        let relevant = now - minutes(held);
        let decided = relevant + self.minutes_between(5, 25);

        // The arrest: 1-2 offences, an indictable (or either-way) one first when extended.
        let mut codes: Vec<usize> = Vec::new();
        let n_offences = if self.chance(0.25) { 2 } else { 1 };
        while codes.len() < n_offences {
            let i = self.rng.gen_range(0..cx.offences.len());
            if codes.contains(&i) || (extended && codes.is_empty() && !cx.offences[i].2) {
                continue;
            }
            codes.push(i);
        }
        let indictable = codes.iter().any(|i| cx.offences[*i].2);
        let street = self.new_street(force_index);
        let arrest = ArrestDetails {
            at: Some(relevant - self.minutes_between(10, 75)),
            place: format!("{}, {}", street.name, street.town),
            officer: format!(
                "PC {} {}",
                self.rng.gen_range(1000..9999),
                pick(&mut self.rng, SURNAMES)
            ),
            offences: codes.iter().map(|i| cx.offences[*i].0.clone()).collect(),
            grounds: format!(
                "Reasonable grounds to suspect {}: identified by a witness and on CCTV",
                cx.offences[codes[0]].1.to_lowercase()
            ),
            necessity: (*pick(&mut self.rng, NECESSITY)).to_owned(),
        };
        let year = decided.year();
        let n = {
            let last = cx.numbers.entry((suite.force.clone(), year)).or_insert(0);
            *last += 1;
            *last
        };
        let mut w = RecordWriter {
            t,
            counts,
            id: self.id(),
            now,
            version: 1,
            updated: decided,
        };
        let asn = format!(
            "{:02}/{:02}{}/{:02}/{n:06}{}",
            year.rem_euclid(100),
            force_index + 1,
            suite.force,
            self.rng.gen_range(1..=20),
            super::PNC_CHECK[(n % 23) as usize] as char
        );
        let ethnicity = *pick(&mut self.rng, SELF_DEFINED_ETHNICITIES);
        let officer_defined = OFFICER_DEFINED_ETHNICITIES
            .iter()
            .find(|(c, _)| ethnicity.0.starts_with(*c))
            .map_or("O", |(c, _)| *c);
        let nationality = if self.chance(0.85) {
            "British"
        } else {
            *pick(&mut self.rng, NATIONALITIES)
        };

        // Booking in: the risk assessment and the confirmed medication (`book_in` writes both
        // at the booking-in time).
        let answers: Vec<RiskAnswer> = cx
            .questions
            .iter()
            .map(|q| RiskAnswer {
                question: q.code.clone(),
                yes: self.chance(risk_yes(&q.code)),
            })
            .collect();
        let (level, rousing) = risk_calls_for(&cx.questions, &answers);
        let notes = (*pick(&mut self.rng, RISK_NOTES)).to_owned();
        let risk = CustodyEntry::RiskAssessment(RiskAssessmentEntry {
            at: Some(decided),
            answers,
            observation_level: Some(level),
            rousing,
            notes,
        });
        let booking = Some(self.minutes_between(3, 12));
        self.custody_entry(&mut w, &risk, decided, booking, &custody_officer)?;
        let first = self.rng.gen_range(0..MEDICINES.len());
        let mut medicines = vec![first];
        if self.chance(0.4) {
            medicines.push((first + self.rng.gen_range(1..MEDICINES.len())) % MEDICINES.len());
        }
        let mut prescriptions: Vec<(String, Prescription, DateTime<Utc>)> = Vec::new();
        for m in medicines {
            let (medicine, dose, every, times) = MEDICINES[m];
            let p = Prescription {
                medicine: medicine.to_owned(),
                dose: dose.to_owned(),
                times: times
                    .iter()
                    .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0))
                    .collect(),
                every_minutes: every,
                first_at: match every {
                    Some(_) if self.chance(0.5) => Some(decided + self.minutes_between(15, 90)),
                    _ => None,
                },
                prescriber: (*pick(&mut self.rng, PRESCRIBERS)).to_owned(),
            };
            let e = CustodyEntry::Prescription(p.clone());
            let entry_id = self.custody_entry(&mut w, &e, decided, booking, &custody_officer)?;
            // The schedule runs from when the prescription was recorded.
            prescriptions.push((entry_id, p, booking.map_or(decided, |b| decided + b).min(now)));
        }
        // Rights read and answered.
        let rights_at = decided + self.minutes_between(1, 6);
        for right in Right::ALL {
            let asked = match right {
                Right::SomeoneInformed => 0.5,
                Right::LegalAdvice => 0.55,
                Right::ConsultCodes => 0.2,
            };
            let status = if self.chance(asked) {
                RightStatus::Requested
            } else {
                RightStatus::Declined
            };
            let e = CustodyEntry::Rights(RightsEntry {
                right,
                status,
                at: Some(rights_at),
                authorised_by: None,
                reason: String::new(),
            });
            self.custody_entry(&mut w, &e, rights_at, None, &custody_officer)?;
        }
        // Visits at the level's interval (continuous observation logged half-hourly); one
        // record in ten has its next visit overdue now.
        let every = if level == 1 && !rousing { 60 } else { 30 };
        let stop = if self.chance(0.1) {
            now - minutes(every + self.rng.gen_range(3..30))
        } else {
            now
        };
        let mut visits = Vec::new();
        let mut at = decided + self.minutes_between(every * 3 / 4, every);
        while at <= stop {
            visits.push(at);
            at += self.minutes_between(every * 3 / 4, every);
        }
        let skip = visits.len().saturating_sub(MAX_VISITS);
        for at in visits.into_iter().skip(skip) {
            let (check, response) = if rousing {
                (
                    VisitKind::Rousing,
                    "Roused: responded to name, answered questions, moved limbs".to_owned(),
                )
            } else {
                let check = match self.rng.gen_range(0..20) {
                    0..=9 => VisitKind::Observation,
                    10..=16 => VisitKind::Verbal,
                    _ => VisitKind::Physical,
                };
                (check, (*pick(&mut self.rng, VISIT_RESPONSES)).to_owned())
            };
            let e = CustodyEntry::Visit(VisitEntry {
                at: Some(at),
                check,
                response,
            });
            self.custody_entry(&mut w, &e, at, None, &detention_officer)?;
        }
        // Doses as they fell due, a few of each medicine.
        for (prescription_id, p, recorded) in &prescriptions {
            let prescription = prescription_id.parse().unwrap_or_default();
            for slot in dose_slots(p, *recorded, now).into_iter().take(MAX_DOSES) {
                let at = (slot + self.minutes_between(0, 15)).min(now);
                let refused = self.chance(0.1);
                let e = CustodyEntry::Dose(DoseEntry {
                    prescription,
                    at: Some(at),
                    outcome: if refused {
                        DoseOutcome::Refused
                    } else {
                        DoseOutcome::Given
                    },
                    notes: if refused {
                        "Declined, said it was not needed".to_owned()
                    } else {
                        String::new()
                    },
                });
                self.custody_entry(&mut w, &e, at, None, &detention_officer)?;
            }
        }
        // PACE reviews by an inspector: the first within 6 hours of authorisation, then every
        // 9 hours (s.40(3)).
        let mut due = decided + minutes(6 * 60);
        loop {
            let at = due - self.minutes_between(5, 60);
            if at > now {
                break;
            }
            let e = CustodyEntry::Review(ReviewEntry {
                at: Some(at),
                postponed: false,
                postponement_reason: String::new(),
                representations: (*pick(&mut self.rng, REPRESENTATIONS)).to_owned(),
                decision: ReviewDecision::Continue,
                grounds: (*pick(&mut self.rng, REVIEW_GROUNDS)).to_owned(),
                remote: self.chance(0.3),
            });
            self.custody_entry(&mut w, &e, at, None, &inspector)?;
            due = at + minutes(9 * 60);
        }
        if extended {
            // A superintendent's extension to 36 hours: after the second review, before 24
            // hours (s.42).
            let at = relevant + self.minutes_between(20 * 60, 23 * 60 + 30);
            let e = CustodyEntry::Extension(ExtensionEntry {
                at: Some(at),
                until: Some(relevant + minutes(36 * 60)),
                grounds: "Detention necessary to obtain evidence by questioning; the offence is \
                          indictable and the investigation is being conducted diligently and \
                          expeditiously (s.42(1))"
                    .to_owned(),
            });
            self.custody_entry(&mut w, &e, at, None, &superintendent)?;
        }

        let decision_reason = (*pick(&mut self.rng, DECISION_REASONS)).to_owned();
        let number = format!("{}-CUS-{year}-{n:06}", suite.force);
        let id = w.id.clone();
        w.t.records.row(&[
            Val::S(&id),
            Val::S(&suite.force),
            Val::S(&number),
            Val::S(&suite.id),
            Val::S(cell),
            Val::S(person),
            Val::Null,
            Val::S("open"),
            Val::S(&serde_json::to_string(&arrest)?),
            Val::B(indictable),
            Val::S(&asn),
            Val::T(relevant.naive_utc()),
            Val::S("authorised"),
            Val::T(decided.naive_utc()),
            Val::S(&custody_officer),
            Val::S(&decision_reason),
            Val::S(ethnicity.0),
            Val::S(officer_defined),
            Val::S(nationality),
            Val::Null,
            Val::S(&custody_officer),
            Val::T(decided.naive_utc()),
            Val::T(w.updated.naive_utc()),
            Val::I(w.version),
        ]);
        w.counts.custody_records += 1;
        // The detainee link and the grants, as `book_in` writes them.
        let link_id = self.id();
        w.t.links.row(&[
            Val::S(&link_id),
            Val::S(&suite.force),
            Val::S("event"),
            Val::S(&id),
            Val::S("person"),
            Val::S(person),
            Val::S("custody_detainee"),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::S(&custody_officer),
            Val::T(decided.naive_utc()),
        ]);
        w.counts.links += 1;
        let mut seen = HashSet::new();
        for grantee in &restriction().grantees {
            let (ty, who) = match grantee {
                Grantee::User(u) => ("user", u.to_string()),
                Grantee::Role(r) => ("role", r.as_str().to_owned()),
            };
            if seen.insert((ty, who.clone())) {
                w.t.grants
                    .row(&[Val::S("event"), Val::S(&id), Val::S(ty), Val::S(&who)]);
                w.counts.record_grants += 1;
            }
        }
        Ok(())
    }
}

/// When doses fell due between the prescription and now: every interval from the first, or the
/// times of day in UK local time.
fn dose_slots(p: &Prescription, recorded: DateTime<Utc>, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    match p.every_minutes {
        Some(every) => {
            let mut at = p.first_at.unwrap_or(recorded);
            while at < now {
                out.push(at);
                at += minutes(every);
            }
        }
        None => {
            let london = chrono_tz::Europe::London;
            let mut day = recorded.with_timezone(&london).date_naive();
            let last = now.with_timezone(&london).date_naive();
            while day <= last {
                for time in &p.times {
                    if let Some(at) = london.from_local_datetime(&day.and_time(*time)).earliest() {
                        let at = at.with_timezone(&Utc);
                        if at > recorded && at < now {
                            out.push(at);
                        }
                    }
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
            out.sort();
        }
    }
    out
}

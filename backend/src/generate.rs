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

use crate::db::schema::{forces, name_equivalents, people};
use crate::db::{AnyConnection, Backend, Db};
use crate::index::names::{self, Equivalents};
use crate::index::people::queries::normalise_value;
use bluelamp_shared::people::{NameKind, PersonName};
use bluelamp_shared::validation as v;
use chrono::{Datelike, Duration as Days, NaiveDate, NaiveDateTime};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::{self, Write as _};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// How many people (near-duplicates included).
    pub people: u64,
    /// Seed of the random generator: the same seed gives the same data.
    pub seed: u64,
    /// People written per transaction.
    pub people_per_transaction: usize,
    /// Show a progress bar on the terminal.
    pub progress: bool,
    /// Refresh the planner statistics (`ANALYZE`) when done.
    pub analyze: bool,
    /// Open custody records to create over the consortium's custody suites, each for a distinct
    /// person generated in this run, with booking-in risk assessment, rights, medication, visits,
    /// doses, reviews and (some) a superintendent's extension (0: none).
    pub custody_records: u64,
    /// How many of the open custody records the suite [`LOADED_SUITE`] holds when done (it is
    /// topped up to this many; the rest go to the other suites).
    pub suite_load: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            people: 1000,
            seed: 1,
            people_per_transaction: 10_000,
            progress: false,
            analyze: true,
            custody_records: 0,
            suite_load: 60,
        }
    }
}

/// What was generated, row counts per table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// `people` rows.
    pub people: u64,
    /// Of which near-duplicates of another generated person.
    pub near_duplicates: u64,
    /// `person_names` rows.
    pub names: u64,
    /// `person_name_keys` rows.
    pub name_keys: u64,
    /// `person_dobs` rows.
    pub dates_of_birth: u64,
    /// `person_identifiers` rows (PNC IDs).
    pub identifiers: u64,
    /// `person_contacts` rows (phones).
    pub contacts: u64,
    /// `person_markers` rows.
    pub markers: u64,
    /// `locations` rows.
    pub locations: u64,
    /// `objects` rows (vehicles).
    pub objects: u64,
    /// `object_keys` rows.
    pub object_keys: u64,
    /// `organisations` rows.
    pub organisations: u64,
    /// `links` rows.
    pub links: u64,
    /// `custody_suites` rows added (when the demo suites cannot hold the open records).
    pub custody_suites: u64,
    /// `custody_records` rows (open).
    pub custody_records: u64,
    /// `custody_entries` rows.
    pub custody_entries: u64,
    /// `record_grants` rows (the custody records' restriction).
    pub record_grants: u64,
}

impl Counts {
    /// Every row written.
    pub fn rows(&self) -> u64 {
        self.people
            + self.names
            + self.name_keys
            + self.dates_of_birth
            + self.identifiers
            + self.contacts
            + self.markers
            + self.locations
            + self.objects
            + self.object_keys
            + self.organisations
            + self.links
            + self.custody_suites
            + self.custody_records
            + self.custody_entries
            + self.record_grants
    }

    fn add(&mut self, o: &Counts) {
        self.people += o.people;
        self.near_duplicates += o.near_duplicates;
        self.names += o.names;
        self.name_keys += o.name_keys;
        self.dates_of_birth += o.dates_of_birth;
        self.identifiers += o.identifiers;
        self.contacts += o.contacts;
        self.markers += o.markers;
        self.locations += o.locations;
        self.objects += o.objects;
        self.object_keys += o.object_keys;
        self.organisations += o.organisations;
        self.links += o.links;
        self.custody_suites += o.custody_suites;
        self.custody_records += o.custody_records;
        self.custody_entries += o.custody_entries;
        self.record_grants += o.record_grants;
    }
}

/// The outcome of [`generate`].
#[derive(Debug, Clone)]
pub struct GenerateReport {
    /// Rows written.
    pub counts: Counts,
    /// Time spent writing the rows.
    pub insert_time: Duration,
    /// Time spent on `ANALYZE` afterwards (zero when skipped).
    pub analyze_time: Duration,
}

impl GenerateReport {
    /// Rows written per second of insert time.
    pub fn rows_per_sec(&self) -> f64 {
        self.counts.rows() as f64 / self.insert_time.as_secs_f64().max(1e-9)
    }

    /// People written per second of insert time.
    pub fn people_per_sec(&self) -> f64 {
        self.counts.people as f64 / self.insert_time.as_secs_f64().max(1e-9)
    }
}

impl fmt::Display for GenerateReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.counts;
        writeln!(
            f,
            "people             {:>12} (near-duplicates {})",
            c.people, c.near_duplicates
        )?;
        writeln!(f, "person_names       {:>12}", c.names)?;
        writeln!(f, "person_name_keys   {:>12}", c.name_keys)?;
        writeln!(f, "person_dobs        {:>12}", c.dates_of_birth)?;
        writeln!(f, "person_identifiers {:>12}", c.identifiers)?;
        writeln!(f, "person_contacts    {:>12}", c.contacts)?;
        writeln!(f, "person_markers     {:>12}", c.markers)?;
        writeln!(f, "locations          {:>12}", c.locations)?;
        writeln!(f, "objects            {:>12}", c.objects)?;
        writeln!(f, "object_keys        {:>12}", c.object_keys)?;
        writeln!(f, "organisations      {:>12}", c.organisations)?;
        writeln!(f, "links              {:>12}", c.links)?;
        if c.custody_records > 0 {
            writeln!(f, "custody_suites     {:>12} (added)", c.custody_suites)?;
            writeln!(f, "custody_records    {:>12}", c.custody_records)?;
            writeln!(f, "custody_entries    {:>12}", c.custody_entries)?;
            writeln!(f, "record_grants      {:>12}", c.record_grants)?;
        }
        writeln!(f, "rows in all        {:>12}", c.rows())?;
        writeln!(
            f,
            "inserted in {:.1} s: {:.0} people/s, {:.0} rows/s",
            self.insert_time.as_secs_f64(),
            self.people_per_sec(),
            self.rows_per_sec()
        )?;
        if !self.analyze_time.is_zero() {
            writeln!(f, "ANALYZE took {:.1} s", self.analyze_time.as_secs_f64())?;
        }
        Ok(())
    }
}

/// The forces the generated records belong to (they exist after `seed-demo`).
pub const FORCES: [&str; 2] = ["NS", "WV"];

/// Fills the database with `opts.people` synthetic people and their related records.
///
/// The forces `NS` and `WV` must exist (run `seed-demo` first). Running twice with the same seed into the
/// same database is refused (the record ids would collide): use another seed to add more.
pub fn generate(db: &Db, opts: &GenerateOptions) -> anyhow::Result<GenerateReport> {
    let mut pooled = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
    let conn: &mut AnyConnection = &mut pooled;
    for f in FORCES {
        let n: i64 = forces::table
            .filter(forces::code.eq(f))
            .count()
            .get_result(conn)?;
        if n == 0 {
            anyhow::bail!("force {f} does not exist: run `bluelamp seed-demo` first");
        }
    }
    let rows: Vec<(String, String)> = name_equivalents::table
        .select((name_equivalents::name, name_equivalents::canonical))
        .load(conn)?;
    let mut generator = Generator::new(opts.seed, &rows);
    generator.want_detainees(opts.custody_records, opts.people);
    let first_id = generator.peek_id();
    let taken: i64 = people::table
        .filter(people::id.eq(&first_id))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        anyhow::bail!(
            "people from seed {} are already in this database: choose another --seed",
            opts.seed
        );
    }
    if db.backend() == Backend::Sqlite {
        // A 1 GiB page cache keeps a transaction's dirty index pages in memory during the bulk load, so
        // each page is written to the WAL once per transaction rather than spilled and rewritten.
        conn.batch_execute("PRAGMA cache_size = -1048576")?;
    }

    let bar = progress_bar(opts);
    let per_tx = opts.people_per_transaction.max(1) as u64;
    let total = opts.people;
    let started = Instant::now();
    // Build batches on a second thread while this one writes: two cores, both busy.
    let (tx, rx) = mpsc::sync_channel::<Batch>(2);
    let result = std::thread::scope(|s| {
        let builder = s.spawn(move || {
            let mut done = 0u64;
            while done < total {
                let n = per_tx.min(total - done);
                let batch = generator.batch(n);
                done += n;
                if tx.send(batch).is_err() {
                    break; // the writer stopped on an error
                }
            }
            generator
        });
        let mut counts = Counts::default();
        let mut outcome: anyhow::Result<()> = Ok(());
        for batch in rx.iter() {
            let r = conn.transaction::<_, diesel::result::Error, _>(|c| c.batch_execute(&batch.sql));
            if let Err(e) = r {
                outcome = Err(anyhow::anyhow!("writing a batch failed: {e}"));
                break;
            }
            counts.add(&batch.counts);
            bar.inc(batch.counts.people);
        }
        drop(rx);
        let generator = builder.join();
        match (outcome, generator) {
            (Ok(()), Ok(g)) => Ok((counts, g)),
            (Err(e), _) => Err(e),
            (Ok(()), Err(_)) => Err(anyhow::anyhow!("the batch builder thread panicked")),
        }
    });
    // The custody records are written once the people are: each detainee is a person of this run.
    let result = result.and_then(|(mut counts, mut generator)| {
        if opts.custody_records > 0 {
            counts.add(&custody::generate(conn, &mut generator, opts)?);
        }
        Ok(counts)
    });
    let insert_time = started.elapsed();
    bar.finish_and_clear();
    if db.backend() == Backend::Sqlite {
        conn.batch_execute("PRAGMA cache_size = -2000")?;
    }
    let counts = result?;
    let mut analyze_time = Duration::ZERO;
    if opts.analyze {
        let t = Instant::now();
        conn.batch_execute("ANALYZE")?;
        analyze_time = t.elapsed();
    }
    Ok(GenerateReport {
        counts,
        insert_time,
        analyze_time,
    })
}

fn progress_bar(opts: &GenerateOptions) -> indicatif::ProgressBar {
    if !opts.progress {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(opts.people);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {human_pos}/{human_len} people  {per_sec}  ETA {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// One transaction's worth of SQL and what it writes.
struct Batch {
    sql: String,
    counts: Counts,
}

/// A value in a generated row.
enum Val<'a> {
    S(&'a str),
    OptS(Option<&'a str>),
    I(i64),
    B(bool),
    D(NaiveDate),
    OptD(Option<NaiveDate>),
    T(NaiveDateTime),
    Null,
}

/// Rows per `INSERT` statement.
const ROWS_PER_STATEMENT: usize = 1000;

/// Multi-row `INSERT` statements for one table.
struct Insert {
    head: &'static str,
    sql: String,
    rows: usize,
    /// Rows in the statement being built.
    in_statement: usize,
}

impl Insert {
    fn new(head: &'static str) -> Self {
        Self {
            head,
            sql: String::new(),
            rows: 0,
            in_statement: 0,
        }
    }

    fn row(&mut self, vals: &[Val<'_>]) {
        if self.in_statement == 0 || self.in_statement == ROWS_PER_STATEMENT {
            if self.rows > 0 {
                self.sql.push_str(";\n");
            }
            self.sql.push_str(self.head);
            self.sql.push_str(" VALUES\n(");
            self.in_statement = 0;
        } else {
            self.sql.push_str(",\n(");
        }
        self.in_statement += 1;
        for (i, val) in vals.iter().enumerate() {
            if i > 0 {
                self.sql.push(',');
            }
            push_val(&mut self.sql, val);
        }
        self.sql.push(')');
        self.rows += 1;
    }

    fn finish_into(&mut self, out: &mut String) {
        if self.rows > 0 {
            out.push_str(&self.sql);
            out.push_str(";\n");
        }
        self.sql.clear();
        self.rows = 0;
        self.in_statement = 0;
    }
}

fn push_quoted(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        if c == '\'' {
            out.push('\'');
        }
        out.push(c);
    }
    out.push('\'');
}

fn push_val(out: &mut String, val: &Val<'_>) {
    // Writing to a String cannot fail.
    let _ = match val {
        Val::S(s) | Val::OptS(Some(s)) => {
            push_quoted(out, s);
            Ok(())
        }
        Val::OptS(None) | Val::OptD(None) | Val::Null => {
            out.push_str("NULL");
            Ok(())
        }
        Val::I(i) => write!(out, "{i}"),
        Val::B(b) => {
            out.push_str(if *b { "TRUE" } else { "FALSE" });
            Ok(())
        }
        Val::D(d) | Val::OptD(Some(d)) => write!(out, "'{}'", d.format("%Y-%m-%d")),
        Val::T(t) => write!(out, "'{}'", t.format("%Y-%m-%d %H:%M:%S%.6f")),
    };
}

/// The tables of one batch, in foreign-key order.
struct Tables {
    people: Insert,
    names: Insert,
    name_keys: Insert,
    dobs: Insert,
    identifiers: Insert,
    contacts: Insert,
    markers: Insert,
    locations: Insert,
    objects: Insert,
    object_keys: Insert,
    organisations: Insert,
    links: Insert,
}

impl Tables {
    fn new() -> Self {
        Self {
            people: Insert::new(
                "INSERT INTO people (id, force_code, restricted, display_name, gender, ethnicity, nationality, \
                 estimated_age_min, estimated_age_max, merged_into, created_by, created_at, updated_at, version)",
            ),
            names: Insert::new(
                "INSERT INTO person_names (id, person_id, kind, forename, middle_names, surname, valid_from, \
                 valid_to, position)",
            ),
            name_keys: Insert::new(
                "INSERT INTO person_name_keys (person_id, name_id, surname_key, surname_prefix, forename_key, forename, \
                 surname, dob)",
            ),
            dobs: Insert::new("INSERT INTO person_dobs (id, person_id, dob)"),
            identifiers: Insert::new("INSERT INTO person_identifiers (id, person_id, kind, value, normalized)"),
            contacts: Insert::new("INSERT INTO person_contacts (id, person_id, kind, value, normalized)"),
            markers: Insert::new("INSERT INTO person_markers (id, person_id, code, set_on, expires_on, notes)"),
            locations: Insert::new(
                "INSERT INTO locations (id, force_code, restricted, kind, premises, street, street_key, locality, \
                 town, postcode, postcode_key, uprn, latitude, longitude, description, created_by, created_at, \
                 updated_at, version)",
            ),
            objects: Insert::new(
                "INSERT INTO objects (id, force_code, restricted, kind, description, vrm, vin, make, model, colour, \
                 phone_number, imei, serial_number, value_pence, created_by, created_at, updated_at, version)",
            ),
            object_keys: Insert::new("INSERT INTO object_keys (object_id, key)"),
            organisations: Insert::new(
                "INSERT INTO organisations (id, force_code, restricted, name, name_key, kind, phone, email, \
                 created_by, created_at, updated_at, version)",
            ),
            links: Insert::new(
                "INSERT INTO links (id, force_code, from_kind, from_id, to_kind, to_id, reason, valid_from, \
                 valid_to, source_kind, source_id, created_by, created_at)",
            ),
        }
    }

    fn finish(&mut self) -> String {
        let mut out = String::new();
        for t in [
            &mut self.people,
            &mut self.names,
            &mut self.name_keys,
            &mut self.dobs,
            &mut self.identifiers,
            &mut self.contacts,
            &mut self.markers,
            &mut self.locations,
            &mut self.objects,
            &mut self.object_keys,
            &mut self.organisations,
            &mut self.links,
        ] {
            t.finish_into(&mut out);
        }
        out
    }
}

/// A street: the addresses on it share the street, locality, town and postcode district.
#[derive(Clone)]
struct Street {
    name: String,
    key: String,
    locality: &'static str,
    town: &'static str,
    outward: String,
}

/// An address already written, that more people may live at.
#[derive(Clone)]
struct Home {
    id: String,
}

/// A generated person remembered so that a near-duplicate of them can be entered later.
#[derive(Clone)]
struct Original {
    forename: String,
    middle_names: String,
    surname: String,
    gender: &'static str,
    dob: NaiveDate,
    force: usize,
    home: Home,
}

/// Millisecond base of the generated ids (UUID v7, so inserts go to the end of the primary-key indexes).
const ID_BASE_MS: u64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

/// The (surname key, surname prefix, forename key) rows of one name.
type NameKeys = Vec<(String, String, String)>;

/// People per organisation.
const PEOPLE_PER_ORGANISATION: u64 = 50;

struct Generator {
    rng: StdRng,
    tick: u64,
    seed: u64,
    eq: Equivalents,
    /// canonical forename → every name (nicknames included) standing for it.
    forms: HashMap<String, Vec<String>>,
    key_cache: HashMap<(String, String), NameKeys>,
    surnames: Zipf,
    male: Zipf,
    female: Zipf,
    streets: [Vec<Street>; 2],
    homes: [VecDeque<Home>; 2],
    recent: VecDeque<Original>,
    vrms: HashSet<String>,
    pnc_serial: u64,
    /// People to generate before the next organisation.
    until_organisation: u64,
    reference_time: NaiveDateTime,
    today: NaiveDate,
    /// People generated so far.
    people_made: u64,
    /// Every this many people, one is kept as a future detainee (0: none).
    detainee_every: u64,
    /// How many detainees to keep.
    detainees_wanted: usize,
    /// Ids of people kept as detainees for the custody records (distinct people).
    detainees: Vec<String>,
}

/// A Zipf-like weighted choice over a list ordered from most to least common.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(len: usize, exponent: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..len)
            .map(|i| {
                total += 1.0 / ((i + 1) as f64).powf(exponent);
                total
            })
            .collect();
        Self { cumulative }
    }

    fn pick(&self, rng: &mut StdRng) -> usize {
        let last = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.gen::<f64>() * last;
        self.cumulative
            .partition_point(|c| *c < x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

impl Generator {
    fn new(seed: u64, equivalents: &[(String, String)]) -> Self {
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for (n, c) in equivalents {
            forms
                .entry(names::normalise(c))
                .or_default()
                .push(names::normalise(n));
        }
        for v in forms.values_mut() {
            v.sort();
            v.dedup();
        }
        let reference_time = NaiveDate::from_ymd_opt(2026, 11, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        Self {
            rng: StdRng::seed_from_u64(seed),
            tick: 0,
            seed,
            eq: Equivalents::new(equivalents.iter().cloned()),
            forms,
            key_cache: HashMap::new(),
            surnames: Zipf::new(SURNAMES.len(), 0.5),
            male: Zipf::new(MALE_FORENAMES.len(), 0.6),
            female: Zipf::new(FEMALE_FORENAMES.len(), 0.6),
            streets: [Vec::new(), Vec::new()],
            homes: [VecDeque::new(), VecDeque::new()],
            recent: VecDeque::new(),
            vrms: HashSet::new(),
            pnc_serial: 0,
            until_organisation: PEOPLE_PER_ORGANISATION,
            reference_time,
            today: reference_time.date(),
            people_made: 0,
            detainee_every: 0,
            detainees_wanted: 0,
            detainees: Vec::new(),
        }
    }

    /// Keeps `wanted` of the `people` to be generated, spread evenly, as detainees.
    fn want_detainees(&mut self, wanted: u64, people: u64) {
        self.detainees_wanted = wanted as usize;
        self.detainee_every = people.checked_div(wanted).map_or(0, |k| k.max(1));
    }

    /// The id the next call of [`Generator::id`] will return.
    fn peek_id(&self) -> String {
        let mut rng = self.rng.clone();
        let bytes: [u8; 10] = rng.gen();
        uuid::Builder::from_unix_timestamp_millis(ID_BASE_MS + self.tick + 1, &bytes)
            .into_uuid()
            .to_string()
    }

    fn id(&mut self) -> String {
        self.tick += 1;
        let bytes: [u8; 10] = self.rng.gen();
        uuid::Builder::from_unix_timestamp_millis(ID_BASE_MS + self.tick, &bytes)
            .into_uuid()
            .to_string()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    fn name_keys(&mut self, forename: &str, surname: &str) -> NameKeys {
        let k = (forename.to_owned(), surname.to_owned());
        if let Some(v) = self.key_cache.get(&k) {
            return v.clone();
        }
        if self.key_cache.len() > 200_000 {
            self.key_cache.clear();
        }
        let v = names::name_keys(&self.eq, forename, surname);
        self.key_cache.insert(k, v.clone());
        v
    }

    /// A timestamp in the eight years before the reference time.
    fn timestamp(&mut self) -> NaiveDateTime {
        let secs = self.rng.gen_range(0..8 * 365 * 86_400i64);
        let micros = self.rng.gen_range(0..1_000_000i64);
        self.reference_time - chrono::Duration::seconds(secs) + chrono::Duration::microseconds(micros)
    }

    fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        if to <= from {
            return to;
        }
        let span = (to - from).num_days().max(1);
        from + Days::days(self.rng.gen_range(0..span))
    }

    fn dob(&mut self) -> NaiveDate {
        // Ages 10 to 90, most between 18 and 45.
        let age_days: i64 = if self.chance(0.7) {
            self.rng.gen_range(18 * 365..46 * 365)
        } else {
            self.rng.gen_range(10 * 365..91 * 365)
        };
        self.today - Days::days(age_days)
    }

    fn surname(&mut self) -> String {
        if self.chance(0.35) {
            // The long tail: rarer surnames built from place-name parts.
            let a = pick(&mut self.rng, SURNAME_STEMS);
            let b = pick(&mut self.rng, SURNAME_ENDINGS);
            format!("{a}{b}")
        } else {
            SURNAMES[self.surnames.pick(&mut self.rng)].to_owned()
        }
    }

    fn forename(&mut self, gender: &str) -> String {
        if gender == "female" {
            FEMALE_FORENAMES[self.female.pick(&mut self.rng)].to_owned()
        } else {
            MALE_FORENAMES[self.male.pick(&mut self.rng)].to_owned()
        }
    }

    /// Another form of the forename (Robert → Bob), if the equivalents know one.
    fn nickname(&mut self, forename: &str) -> Option<String> {
        let own = names::normalise(forename);
        let mut options: Vec<&String> = self
            .eq
            .canonical(forename)
            .iter()
            .filter_map(|c| self.forms.get(c))
            .flatten()
            .filter(|n| **n != own)
            .collect();
        options.sort();
        options.dedup();
        if options.is_empty() {
            return None;
        }
        let i = self.rng.gen_range(0..options.len());
        Some(capitalise(options[i]))
    }

    /// A plausible keying error: swapped, dropped, doubled or substituted letter.
    fn misspell(&mut self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 3 {
            return format!("{s}e");
        }
        for _ in 0..8 {
            let mut c = chars.clone();
            // Never the first two letters, so the surname-prefix route still finds the person.
            let i = self.rng.gen_range(2..c.len());
            match self.rng.gen_range(0..4) {
                0 if i + 1 < c.len() => c.swap(i, i + 1),
                1 => {
                    c.remove(i);
                }
                2 => c.insert(i, c[i]),
                _ => {
                    let swap = match c[i] {
                        'i' => 'y',
                        'y' => 'i',
                        'a' => 'e',
                        'e' => 'a',
                        'o' => 'u',
                        'c' => 'k',
                        'k' => 'c',
                        's' => 'z',
                        other => other,
                    };
                    c[i] = swap;
                }
            }
            let out: String = c.into_iter().collect();
            if out != s && out.chars().any(char::is_alphabetic) {
                return out;
            }
        }
        format!("{s}e")
    }

    fn postcode(&mut self, outward: &str) -> String {
        let d = self.rng.gen_range(0..10);
        let a = *pick(&mut self.rng, INWARD_LETTERS) as char;
        let b = *pick(&mut self.rng, INWARD_LETTERS) as char;
        format!("{outward} {d}{a}{b}")
    }

    fn new_street(&mut self, force: usize) -> Street {
        let town = pick(&mut self.rng, TOWNS[force]);
        let first = pick(&mut self.rng, STREET_NAMES);
        let name = if *first == "High" {
            "High Street".to_owned()
        } else {
            format!("{first} {}", pick(&mut self.rng, STREET_TYPES))
        };
        let locality = if self.chance(0.6) {
            *pick(&mut self.rng, town.localities)
        } else {
            ""
        };
        let outward = format!("{}{}", town.area, self.rng.gen_range(1..=town.districts));
        Street {
            key: names::normalise(&name),
            name,
            locality,
            town: town.name,
            outward,
        }
    }

    /// Writes a new address of the force and returns its id.
    fn location(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        force: usize,
        premises: String,
        at: NaiveDateTime,
    ) -> Home {
        let street = if self.streets[force].len() < 50 || self.chance(0.12) {
            let s = self.new_street(force);
            self.streets[force].push(s.clone());
            s
        } else {
            let i = self.rng.gen_range(0..self.streets[force].len());
            self.streets[force][i].clone()
        };
        let postcode = self.postcode(&street.outward);
        let id = self.id();
        t.locations.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::B(false),
            Val::S("address"),
            Val::S(&premises),
            Val::S(&street.name),
            Val::S(&street.key),
            Val::S(street.locality),
            Val::S(street.town),
            Val::S(&postcode),
            Val::S(&v::compact(&postcode)),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::S(""),
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        counts.locations += 1;
        Home { id }
    }

    fn house(&mut self) -> String {
        let n = self.rng.gen_range(1..=180);
        if self.chance(0.12) {
            format!("Flat {}, {n}", self.rng.gen_range(1..=12))
        } else if self.chance(0.05) {
            (*pick(&mut self.rng, HOUSE_NAMES)).to_owned()
        } else {
            n.to_string()
        }
    }

    /// An address for a person: a new one 40% of the time (so ~2.5 people per address), else a recent one.
    fn home(&mut self, t: &mut Tables, counts: &mut Counts, force: usize, at: NaiveDateTime) -> Home {
        if self.homes[force].is_empty() || self.chance(0.4) {
            let premises = self.house();
            let home = self.location(t, counts, force, premises, at);
            self.homes[force].push_back(home.clone());
            if self.homes[force].len() > 64 {
                self.homes[force].pop_front();
            }
            home
        } else {
            let i = self.rng.gen_range(0..self.homes[force].len());
            self.homes[force][i].clone()
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn link(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        force: usize,
        from: (&str, &str),
        to: (&str, &str),
        reason: &str,
        valid_from: Option<NaiveDate>,
        at: NaiveDateTime,
    ) {
        let id = self.id();
        t.links.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::S(from.0),
            Val::S(from.1),
            Val::S(to.0),
            Val::S(to.1),
            Val::S(reason),
            Val::OptD(valid_from),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::T(at),
        ]);
        counts.links += 1;
    }

    fn vrm(&mut self) -> String {
        loop {
            let a = *pick(&mut self.rng, VRM_AREA) as char;
            let b = *pick(&mut self.rng, VRM_SECOND) as char;
            let year = self.rng.gen_range(2..=25u32);
            let age = if self.chance(0.5) { year } else { year + 50 };
            let r: String = (0..3).map(|_| *pick(&mut self.rng, VRM_RANDOM) as char).collect();
            let vrm = format!("{a}{b}{age:02} {r}");
            if self.vrms.insert(vrm.clone()) {
                return vrm;
            }
        }
    }

    /// A unique PNC ID: two-digit year, seven-digit serial, check letter.
    fn pnc_id(&mut self, year: i32) -> String {
        // An odd multiplier not divisible by 5 permutes 0..10^7, so serials are unique within a run.
        let serial = (self.seed.wrapping_mul(7919) % 10_000_000 + self.pnc_serial * 3_141_593) % 10_000_000;
        self.pnc_serial += 1;
        let yy = (year.rem_euclid(100)) as u64;
        let check = PNC_CHECK[((yy * 10_000_000 + serial) % 23) as usize] as char;
        format!("{yy:02}/{serial:07}{check}")
    }

    fn phone(&mut self) -> String {
        format!(
            "0770{} 9{:05}",
            self.rng.gen_range(0..10),
            self.rng.gen_range(0..100_000)
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn name(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        person_id: &str,
        kind: NameKind,
        forename: &str,
        middle_names: &str,
        surname: &str,
        position: i64,
        dob: NaiveDate,
    ) {
        let name_id = self.id();
        let kind = match kind {
            NameKind::Primary => "primary",
            NameKind::Alias => "alias",
            NameKind::Previous => "previous",
        };
        t.names.row(&[
            Val::S(&name_id),
            Val::S(person_id),
            Val::S(kind),
            Val::S(forename),
            Val::S(middle_names),
            Val::S(surname),
            Val::Null,
            Val::Null,
            Val::I(position),
        ]);
        counts.names += 1;
        let (norm_f, norm_s) = (names::normalise(forename), names::normalise(surname));
        for (s, p, f) in self.name_keys(forename, surname) {
            t.name_keys.row(&[
                Val::S(person_id),
                Val::S(&name_id),
                Val::S(&s),
                Val::S(&p),
                Val::S(&f),
                Val::S(&norm_f),
                Val::S(&norm_s),
                Val::D(dob),
            ]);
            counts.name_keys += 1;
        }
    }

    fn person(&mut self, t: &mut Tables, counts: &mut Counts) {
        // The person's id comes first, so the first id of a seed is a person's (see `peek_id`).
        let id = self.id();
        self.people_made += 1;
        if self.detainee_every > 0
            && self.detainees.len() < self.detainees_wanted
            && self.people_made.is_multiple_of(self.detainee_every)
        {
            self.detainees.push(id.clone());
        }
        let at = self.timestamp();
        let duplicate_of = if !self.recent.is_empty() && self.chance(0.01) {
            let i = self.rng.gen_range(0..self.recent.len());
            Some(self.recent[i].clone())
        } else {
            None
        };
        let (force, gender, forename, middle_names, surname, dob, home) = match &duplicate_of {
            Some(o) => {
                // The same person entered again: a nickname or a misspelt surname, the same date of birth.
                let nick = if self.chance(0.5) {
                    self.nickname(&o.forename)
                } else {
                    None
                };
                let (forename, surname) = match nick {
                    Some(n) => (n, o.surname.clone()),
                    None => (o.forename.clone(), self.misspell(&o.surname)),
                };
                let middle = if self.chance(0.5) {
                    o.middle_names.clone()
                } else {
                    String::new()
                };
                let force = if self.chance(0.7) { o.force } else { 1 - o.force };
                let home = if force == o.force && self.chance(0.6) {
                    o.home.clone()
                } else {
                    self.home(t, counts, force, at)
                };
                counts.near_duplicates += 1;
                (force, o.gender, forename, middle, surname, o.dob, home)
            }
            None => {
                let force = self.rng.gen_range(0..FORCES.len());
                let gender = if self.chance(0.5) { "male" } else { "female" };
                let forename = self.forename(gender);
                let middle = if self.chance(0.4) {
                    self.forename(gender)
                } else {
                    String::new()
                };
                let surname = self.surname();
                let dob = self.dob();
                let home = self.home(t, counts, force, at);
                (force, gender, forename, middle, surname, dob, home)
            }
        };
        let primary = PersonName {
            kind: NameKind::Primary,
            forename: forename.clone(),
            middle_names: middle_names.clone(),
            surname: surname.clone(),
            valid_from: None,
            valid_to: None,
        };
        t.people.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::B(false),
            Val::S(&primary.display()),
            Val::S(gender),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        counts.people += 1;
        self.name(
            t,
            counts,
            &id,
            NameKind::Primary,
            &forename,
            &middle_names,
            &surname,
            0,
            dob,
        );
        if self.chance(0.1) {
            // An alias: another surname (a maiden or assumed name), sometimes a nickname too.
            let alias_forename = if self.chance(0.3) {
                self.nickname(&forename)
            } else {
                None
            };
            let alias_forename = alias_forename.unwrap_or_else(|| forename.clone());
            let alias_surname = self.surname();
            self.name(
                t,
                counts,
                &id,
                NameKind::Alias,
                &alias_forename,
                "",
                &alias_surname,
                1,
                dob,
            );
        }
        let dob_id = self.id();
        t.dobs.row(&[Val::S(&dob_id), Val::S(&id), Val::D(dob)]);
        counts.dates_of_birth += 1;
        if self.chance(0.05) {
            // A second recorded date of birth: a keying error or a false one given.
            let other = dob + Days::days(*pick(&mut self.rng, &[-365i64, 365, -1, 1, 30, -30, 10]));
            let dob2_id = self.id();
            t.dobs.row(&[Val::S(&dob2_id), Val::S(&id), Val::D(other)]);
            counts.dates_of_birth += 1;
        }
        if self.chance(0.3) {
            let year = (dob + Days::days(self.rng.gen_range(14 * 365..30 * 365))).year();
            let pnc = self.pnc_id(year);
            let ident_id = self.id();
            t.identifiers.row(&[
                Val::S(&ident_id),
                Val::S(&id),
                Val::S("pnc_id"),
                Val::S(&pnc),
                Val::S(&normalise_value("pnc_id", &pnc)),
            ]);
            counts.identifiers += 1;
        }
        if self.chance(0.5) {
            let phone = self.phone();
            let contact_id = self.id();
            t.contacts.row(&[
                Val::S(&contact_id),
                Val::S(&id),
                Val::S("phone"),
                Val::S(&phone),
                Val::S(&normalise_value("phone", &phone)),
            ]);
            counts.contacts += 1;
        }
        if self.chance(0.03) {
            let code = *pick(&mut self.rng, MARKERS);
            let set_on = self.date_between(self.today - Days::days(10 * 365), self.today);
            let marker_id = self.id();
            t.markers.row(&[
                Val::S(&marker_id),
                Val::S(&id),
                Val::S(code),
                Val::D(set_on),
                Val::Null,
                Val::OptS(None),
            ]);
            counts.markers += 1;
        }
        let moved_in = self.date_between(dob + Days::days(16 * 365), self.today);
        self.link(
            t,
            counts,
            force,
            ("person", &id),
            ("location", &home.id),
            "home_address",
            Some(moved_in),
            at,
        );
        if self.chance(0.4) {
            let (make, models) = *pick(&mut self.rng, VEHICLES);
            let model = *pick(&mut self.rng, models);
            let colour = *pick(&mut self.rng, COLOURS);
            let vrm = self.vrm();
            let object_id = self.id();
            t.objects.row(&[
                Val::S(&object_id),
                Val::S(FORCES[force]),
                Val::B(false),
                Val::S("vehicle"),
                Val::S(""),
                Val::S(&vrm),
                Val::Null,
                Val::S(make),
                Val::S(model),
                Val::S(colour),
                Val::Null,
                Val::Null,
                Val::Null,
                Val::Null,
                Val::Null,
                Val::T(at),
                Val::T(at),
                Val::I(1),
            ]);
            t.object_keys
                .row(&[Val::S(&object_id), Val::S(&v::compact(&vrm))]);
            counts.objects += 1;
            counts.object_keys += 1;
            self.link(
                t,
                counts,
                force,
                ("person", &id),
                ("object", &object_id),
                "registered_keeper_of",
                None,
                at,
            );
        }
        self.until_organisation -= 1;
        if self.until_organisation == 0 {
            self.until_organisation = PEOPLE_PER_ORGANISATION;
            self.organisation(t, counts, at);
        }
        if duplicate_of.is_none() {
            self.recent.push_back(Original {
                forename,
                middle_names,
                surname,
                gender,
                dob,
                force,
                home,
            });
            if self.recent.len() > 5000 {
                self.recent.pop_front();
            }
        }
    }

    fn organisation(&mut self, t: &mut Tables, counts: &mut Counts, at: NaiveDateTime) {
        let force = self.rng.gen_range(0..FORCES.len());
        let surname = SURNAMES[self.surnames.pick(&mut self.rng)];
        let town = pick(&mut self.rng, TOWNS[force]).name;
        let (name, kind) = match self.rng.gen_range(0..10) {
            0 => (format!("{surname} & Sons Ltd"), "business"),
            1 => (format!("{surname} Motors"), "business"),
            2 => (
                format!(
                    "{} {}",
                    pick(&mut self.rng, PUB_FIRST),
                    pick(&mut self.rng, PUB_SECOND)
                ),
                "business",
            ),
            3 => (format!("{surname} Builders"), "business"),
            4 => (format!("{town} {}", pick(&mut self.rng, SHOP_KINDS)), "business"),
            5 => (
                format!("{surname} {}", pick(&mut self.rng, SHOP_KINDS)),
                "business",
            ),
            6 => (format!("{town} Academy"), "school"),
            7 => (format!("{town} Medical Practice"), "health"),
            8 => (format!("{town} Food Bank"), "charity"),
            _ => (format!("{town} Borough Council"), "public_body"),
        };
        let phone = if self.chance(0.6) {
            Some(format!("01632 9{:05}", self.rng.gen_range(0..100_000)))
        } else {
            None
        };
        let id = self.id();
        t.organisations.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::B(false),
            Val::S(&name),
            Val::S(&names::normalise(&name)),
            Val::S(kind),
            Val::OptS(phone.as_deref()),
            Val::Null,
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        counts.organisations += 1;
        let premises = format!("Unit {}", self.rng.gen_range(1..=40));
        let place = self.location(t, counts, force, premises, at);
        self.link(
            t,
            counts,
            force,
            ("organisation", &id),
            ("location", &place.id),
            "premises",
            None,
            at,
        );
    }

    fn batch(&mut self, people: u64) -> Batch {
        let mut t = Tables::new();
        let mut counts = Counts::default();
        for _ in 0..people {
            self.person(&mut t, &mut counts);
        }
        Batch {
            sql: t.finish(),
            counts,
        }
    }
}

/// The suite that carries the board's load: when done it holds [`GenerateOptions::suite_load`] open
/// custody records (the demo's Northshire Central custody).
pub const LOADED_SUITE: &str = "NS-CEN";

/// Open custody records over the consortium's suites, written as the custody service writes a
/// booking-in and the entries that follow it (`crate::custody::book_in` and `add_entry`): the
/// record row, its entries (the `data` column is the entry as JSON), the `custody_detainee` link to
/// the person and the record's grants. Times are set back from now, so the clocks are live when the
/// board is read soon after.
mod custody {
    use super::{pick, Counts, GenerateOptions, Generator, Insert, Val, FORCES, LOADED_SUITE, SURNAMES};
    use crate::custody::{restriction, risk_questions};
    use crate::db::schema::{
        custody_records, custody_suites, offences, reference_sequences, user_roles, users,
    };
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
                grants: Insert::new(
                    "INSERT INTO record_grants (record_kind, record_id, grantee_type, grantee)",
                ),
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
            let after =
                recorded_after.unwrap_or_else(|| chrono::Duration::seconds(self.rng.gen_range(20..300)));
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
}

/// The PNC check characters, indexed by the number modulo 23.
const PNC_CHECK: &[u8] = b"ZABCDEFGHJKLMNPQRTUVWXY";
/// Letters used in the inward part of postcodes (never C, I, K, M, O or V).
const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
/// First letter of a current-format registration (the region).
const VRM_AREA: &[u8] = b"ABCDEFGHKLMNOPRSVWY";
/// Second letter of a current-format registration (the local office).
const VRM_SECOND: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXY";
/// The random letters of a current-format registration (never I or Q).
const VRM_RANDOM: &[u8] = b"ABCDEFGHJKLMNOPRSTUVWXYZ";

#[rustfmt::skip]
const MARKERS: &[&str] = &[
    "violent", "violent", "violent", "drugs", "drugs", "weapons", "self_harm", "suicidal", "escaper",
    "contagion", "mental_health", "firearms", "ailment", "alleges",
];

/// A town: name, postcode area, how many postcode districts, localities.
struct Town {
    name: &'static str,
    area: &'static str,
    districts: u32,
    localities: &'static [&'static str],
}

#[rustfmt::skip]
const NS_TOWNS: &[Town] = &[
    Town { name: "Northby", area: "NB", districts: 24, localities: &["Old Town", "Harbourside", "Fenwick", "St Anne's"] },
    Town { name: "Hexworth", area: "HW", districts: 12, localities: &["Eastgate", "Millfield", "Carr Hill"] },
    Town { name: "Aldersey", area: "AY", districts: 8, localities: &["Low Aldersey", "Brampton"] },
    Town { name: "Brackenfield", area: "BF", districts: 10, localities: &["Moorside", "Kirkstall Green"] },
    Town { name: "Saltburn Bay", area: "SB", districts: 6, localities: &["The Marina", "Cliff Top"] },
    Town { name: "Fellside", area: "FS", districts: 5, localities: &["Upper Fell", "Beckfoot"] },
];

#[rustfmt::skip]
const WV_TOWNS: &[Town] = &[
    Town { name: "Wessbury", area: "WB", districts: 20, localities: &["Abbey Fields", "Westgate", "Ryecroft"] },
    Town { name: "Vale Market", area: "VM", districts: 9, localities: &["Cattle Market", "Southmead"] },
    Town { name: "Avonmere", area: "AV", districts: 14, localities: &["Lower Avonmere", "Weirside", "Riverside"] },
    Town { name: "Sarum Cross", area: "SX", districts: 7, localities: &["Cathedral Close", "Bishopsdown"] },
    Town { name: "Kingsbridge Abbas", area: "KA", districts: 4, localities: &["Abbas Green"] },
    Town { name: "Downton Parva", area: "DP", districts: 3, localities: &["Parva End"] },
];

const TOWNS: [&[Town]; 2] = [NS_TOWNS, WV_TOWNS];

#[rustfmt::skip]
const STREET_NAMES: &[&str] = &[
    "High", "Church", "Station", "Victoria", "Park", "Mill", "Main", "School", "Queen's", "King's", "Albert",
    "Manor", "North", "South", "West", "East", "New", "Green", "Chapel", "Castle", "Bridge", "Market",
    "London", "York", "Grange", "Springfield", "Highfield", "Mount Pleasant", "Windsor", "Richmond",
    "Stanley", "Cromwell", "Elm", "Oak", "Ash", "Beech", "Willow", "Cedar", "Holly", "Meadow", "Orchard",
    "Brook", "River", "Hill", "St John's", "St Mary's", "Nelson", "Wellington", "Trafalgar", "Jubilee",
    "Coronation", "Hawthorn", "Rowan", "Sycamore", "Lime", "Poplar", "Chestnut", "Laburnum", "Cherry Tree",
    "Kestrel", "Heron", "Mayfield", "Fairfield", "Westfield", "Broad", "Long", "Moor", "Abbey", "Priory",
    "Rectory", "Vicarage", "Farm", "Forge", "Quarry", "Canal", "Railway", "Wharf", "Dock", "Primrose",
    "Bluebell", "Foxglove", "Cowper", "Milton", "Shakespeare", "Tennyson", "Byron", "Kingfisher", "Swallow",
    "Larch", "Hazel", "Alder", "Hornbeam",
];

#[rustfmt::skip]
const STREET_TYPES: &[&str] = &[
    "Road", "Road", "Road", "Street", "Street", "Lane", "Lane", "Avenue", "Close", "Close", "Drive", "Way",
    "Crescent", "Gardens", "Terrace", "Grove", "Place", "Court", "Walk", "Rise", "View",
];

#[rustfmt::skip]
const HOUSE_NAMES: &[&str] = &[
    "Rose Cottage", "The Old Rectory", "Ivy House", "The Willows", "Orchard House", "Meadow View",
    "The Laurels", "Hillside", "The Barn", "Woodlands",
];

#[rustfmt::skip]
const PUB_FIRST: &[&str] = &[
    "The Red", "The White", "The Black", "The Golden", "The Royal", "The Old", "The Kings",
];
#[rustfmt::skip]
const PUB_SECOND: &[&str] = &[
    "Lion", "Hart", "Horse", "Swan", "Bull", "Oak", "Anchor", "Crown", "Plough", "Arms",
];
#[rustfmt::skip]
const SHOP_KINDS: &[&str] = &[
    "Convenience Store", "Takeaway", "Barbers", "Car Wash", "Tyres", "Pharmacy", "Off Licence", "Cafe",
    "Hand Car Valet", "Vape Shop", "Nail Bar", "Scaffolding",
];

#[rustfmt::skip]
const COLOURS: &[&str] = &[
    "Black", "Black", "White", "White", "Silver", "Silver", "Grey", "Grey", "Blue", "Blue", "Red", "Red",
    "Green", "Orange", "Yellow", "Brown", "Purple", "Bronze",
];

#[rustfmt::skip]
const VEHICLES: &[(&str, &[&str])] = &[
    ("Ford", &["Fiesta", "Focus", "Kuga", "Puma", "Transit", "Transit Custom", "Mondeo"]),
    ("Vauxhall", &["Corsa", "Astra", "Insignia", "Mokka", "Vivaro"]),
    ("Volkswagen", &["Golf", "Polo", "Passat", "Tiguan", "T-Roc", "Transporter"]),
    ("BMW", &["1 Series", "3 Series", "5 Series", "X1", "X5"]),
    ("Mercedes-Benz", &["A-Class", "C-Class", "E-Class", "Sprinter", "GLC"]),
    ("Audi", &["A1", "A3", "A4", "Q3", "Q5"]),
    ("Toyota", &["Yaris", "Corolla", "Aygo", "Prius", "RAV4", "Hilux"]),
    ("Nissan", &["Qashqai", "Micra", "Juke", "Leaf"]),
    ("Peugeot", &["208", "308", "2008", "3008", "Partner"]),
    ("Kia", &["Sportage", "Picanto", "Ceed", "Niro"]),
    ("Hyundai", &["Tucson", "i10", "i20", "i30"]),
    ("Renault", &["Clio", "Megane", "Captur", "Trafic"]),
    ("Honda", &["Civic", "Jazz", "CR-V"]),
    ("Skoda", &["Octavia", "Fabia", "Superb", "Kodiaq"]),
    ("Land Rover", &["Discovery", "Defender", "Range Rover Evoque", "Range Rover Sport"]),
    ("Fiat", &["500", "Panda", "Ducato"]),
    ("MINI", &["Cooper", "Countryman"]),
    ("Citroen", &["C3", "C4", "Berlingo"]),
    ("Tesla", &["Model 3", "Model Y"]),
    ("Volvo", &["XC40", "XC60", "V40"]),
    ("SEAT", &["Ibiza", "Leon"]),
    ("Mazda", &["2", "3", "CX-5", "MX-5"]),
];

/// Roughly the most common British surnames, most common first (weighted by rank).
#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
    "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
    "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
    "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell",
    "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell",
    "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey", "Graham", "Pearson", "Ahmed",
    "Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews", "Stewart", "Elliott", "Reynolds", "Saunders",
    "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley",
    "Spencer", "Gill", "Dawson", "Ball", "Burton", "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan",
    "Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes", "Hart", "Hudson", "Newman", "Barrett",
    "Webster", "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons",
    "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver",
    "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah", "Dean", "Lane", "Cooke", "Bates", "Henderson",
    "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson", "Shepherd", "Ross", "Cross", "Long",
    "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson",
    "Curtis", "Hopkins", "O'Connor", "Harper", "Coleman", "Watkins", "Moss", "McCarthy", "Chambers",
    "O'Neill", "Griffin", "Sharp", "Hardy", "Wheeler", "Potter", "Osborne", "Johnston", "Gordon", "Doyle",
    "Wallace", "George", "Jordan", "Hutchinson", "Rowe", "Burke", "May", "Pritchard", "Gilbert", "Willis",
    "Higgins", "Read", "Miles", "Stevenson", "Stephenson", "Hammond", "Arnold", "Buckley", "Walters",
    "Hewitt", "Barber", "Nelson", "Slater", "Austin", "Sullivan", "Whitehead", "Mann", "Frost", "Lambert",
    "Stephens", "Blake", "Akhtar", "Lynch", "Goodwin", "Barton", "Woodward", "Thomson", "Cunningham", "Quinn",
    "Barnett", "Baxter", "Bibi", "Clayton", "Nash", "Greenwood", "Jennings", "Holt", "Kemp", "Poole",
    "Gallagher", "Bond", "Stokes", "Tucker", "Davidson", "Fowler", "Heath", "Norman", "Middleton", "Lees",
    "Banks", "French", "Jarvis", "Fuller", "Thornton", "Kowalski", "Nowak", "Schmidt", "Fernandes", "Okafor",
    "Mensah", "Nguyen", "Wong", "Chen", "Rahman", "Iqbal", "Mahmood", "Hassan", "Ibrahim", "Mohamed", "Abdi",
    "Osei", "Adeyemi", "Ferreira", "Silva", "Kowalczyk", "Wiśniewski", "MacLeod", "Llewellyn", "Van der Berg",
];

/// Parts of rarer, place-derived surnames (the long tail).
#[rustfmt::skip]
const SURNAME_STEMS: &[&str] = &[
    "Ash", "Black", "Brad", "Brook", "Cal", "Crans", "Dun", "Elm", "Fair", "Green", "Hart", "Hol", "Kings",
    "Lang", "Mar", "Mel", "Mid", "New", "North", "Oak", "Pen", "Rad", "Red", "Ross", "Rush", "Sal", "Shel",
    "South", "Stan", "Stock", "Thorn", "Wal", "West", "Whit", "Wood", "Al", "Bar", "Bur", "Car", "Chat",
    "Cres", "Dal", "Ever", "Farn", "Gold", "Hather", "Hay", "Lin", "Lock", "Mor", "Net", "Ock", "Pick", "Ray",
    "Shir", "Tat", "Wen", "Yar",
];
#[rustfmt::skip]
const SURNAME_ENDINGS: &[&str] = &[
    "ley", "ton", "field", "ford", "wood", "worth", "by", "ham", "well", "stone", "ridge", "dale", "more",
    "croft", "wick", "hurst", "bury", "combe", "shaw", "land", "den", "brook", "sell", "cott", "low",
    "thorpe", "stead", "ington", "ridge", "man",
];

/// Common male forenames, most common first; some nicknames as people give them.
#[rustfmt::skip]
const MALE_FORENAMES: &[&str] = &[
    "David", "John", "James", "Michael", "Paul", "Andrew", "Mark", "Richard", "Peter", "Robert",
    "Christopher", "Daniel", "Thomas", "Matthew", "Stephen", "William", "Steven", "Anthony", "Jonathan",
    "Simon", "Ian", "Gary", "Kevin", "Lee", "Martin", "Neil", "Adam", "Darren", "Jason", "Craig", "Wayne",
    "Scott", "Stuart", "Graham", "Alan", "Brian", "Keith", "Colin", "Philip", "George", "Edward", "Joseph",
    "Samuel", "Benjamin", "Oliver", "Jack", "Harry", "Charlie", "Alexander", "Ryan", "Liam", "Luke", "Callum",
    "Nathan", "Jordan", "Connor", "Kieran", "Dean", "Carl", "Shaun", "Ben", "Tom", "Dan", "Jim", "Bob",
    "Dave", "Mike", "Steve", "Chris", "Tony", "Nick", "Joe", "Sam", "Alex", "Mohammed", "Muhammad", "Ali",
    "Omar", "Tomasz", "Piotr", "Kwame", "Chidi", "Rui", "Gareth", "Rhys", "Owen", "Dylan", "Jamie", "Kyle",
    "Reece", "Aaron", "Lewis", "Patrick", "Sean", "Declan", "Terry", "Ronald", "Kenneth", "Raymond",
    "Frederick", "Harold", "Henry", "Leonard", "Dominic", "Gregory", "Lawrence", "Timothy", "Zachary", "Noah",
    "Leo", "Arthur", "Freddie", "Archie", "Oscar", "Billy", "Danny", "Jimmy", "Mick",
];

/// Common female forenames, most common first; some nicknames as people give them.
#[rustfmt::skip]
const FEMALE_FORENAMES: &[&str] = &[
    "Sarah", "Emma", "Claire", "Laura", "Rebecca", "Gemma", "Nicola", "Lisa", "Karen", "Michelle", "Helen",
    "Rachel", "Amanda", "Joanne", "Louise", "Kelly", "Victoria", "Jennifer", "Elizabeth", "Catherine",
    "Katherine", "Susan", "Margaret", "Patricia", "Deborah", "Julie", "Tracey", "Donna", "Samantha",
    "Charlotte", "Hannah", "Sophie", "Emily", "Jessica", "Amy", "Lauren", "Chloe", "Megan", "Olivia",
    "Amelia", "Isla", "Ava", "Mia", "Grace", "Lucy", "Ellie", "Holly", "Jade", "Stacey", "Natalie", "Kirsty",
    "Leanne", "Danielle", "Jodie", "Zoe", "Abigail", "Alexandra", "Christine", "Josephine", "Jacqueline",
    "Angela", "Jane", "Anne", "Mary", "Linda", "Carol", "Sandra", "Wendy", "Dawn", "Sharon", "Alison",
    "Fiona", "Kate", "Katie", "Beth", "Becky", "Liz", "Sue", "Jackie", "Mandy", "Jenny", "Vicky", "Debbie",
    "Nikki", "Aisha", "Fatima", "Priya", "Aaliyah", "Anna", "Agnieszka", "Bethan", "Siobhan", "Niamh",
    "Ffion", "Freya", "Poppy", "Ruby", "Evie", "Ella", "Jasmine", "Yasmin", "Chantelle", "Shannon", "Paige",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::db::schema::{
        links, locations, object_keys, objects, person_identifiers, person_name_keys, person_names,
    };
    use crate::index::people::queries::{read_details, PersonRow};
    use std::collections::BTreeMap;

    fn open_url(url: &str) -> Db {
        let mut settings = Settings::defaults();
        settings.database.url = url.to_owned();
        let db = crate::startup::open_database(&settings).expect("open");
        crate::seed::seed_demo(&db).expect("seed");
        db
    }

    fn open(dir: &tempfile::TempDir, file: &str) -> Db {
        open_url(&format!("sqlite://{}", dir.path().join(file).display()))
    }

    macro_rules! count {
        ($conn:expr, $table:expr) => {{
            let n: i64 = $table.count().get_result($conn).expect("count");
            n as u64
        }};
    }

    #[test]
    fn lists_have_no_repeats() {
        for list in [SURNAMES, MALE_FORENAMES, FEMALE_FORENAMES, STREET_NAMES] {
            let set: HashSet<&str> = list.iter().copied().collect();
            assert_eq!(set.len(), list.len());
        }
        assert!(SURNAMES.len() >= 300 && MALE_FORENAMES.len() + FEMALE_FORENAMES.len() >= 200);
    }

    #[test]
    fn generated_people_are_written_searchable_and_valid() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = generate_and_check(&open(&dir, "gen.db"));
        // The same seed into another database gives the same people.
        let second = generate_and_check(&open(&dir, "gen2.db"));
        assert_eq!(first, second);
    }

    /// The same checks on PostgreSQL, in a database of its own (created and dropped here) on the local
    /// server (`BLUELAMP_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).
    #[test]
    fn generated_people_are_written_searchable_and_valid_on_postgres() {
        on_postgres(|db| {
            generate_and_check(db);
        });
    }

    /// Runs `check` on a PostgreSQL database of its own, created and dropped here, on the local server
    /// (`BLUELAMP_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).
    fn on_postgres(check: impl FnOnce(&Db) + std::panic::UnwindSafe) {
        use diesel::pg::PgConnection;
        let admin_url = std::env::var("BLUELAMP_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("PostgreSQL is required and not reachable at {admin_url}: {e}"));
        let name = format!("bl_gen_{}", uuid::Uuid::new_v4().simple());
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .expect("create database");
        let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin_url);
        let url = format!("{base}/{name}");
        let result = std::panic::catch_unwind(move || {
            let db = open_url(&url);
            assert_eq!(db.backend(), Backend::Postgres);
            check(&db);
        });
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
        if let Err(e) = result {
            std::panic::resume_unwind(e);
        }
    }

    #[test]
    fn generated_custody_records_fill_the_board() {
        let dir = tempfile::tempdir().expect("tempdir");
        generate_custody_and_check(&open(&dir, "custody.db"));
    }

    #[test]
    fn generated_custody_records_fill_the_board_on_postgres() {
        on_postgres(generate_custody_and_check);
    }

    /// Generates 400 people and 150 open custody records (60 in the loaded suite), checks the rows as
    /// the custody service would have written them, and reads the loaded suite's board through the
    /// service.
    fn generate_custody_and_check(db: &Db) {
        use crate::custody as svc;
        use crate::db::schema::{custody_entries, custody_records, custody_suites, record_grants, users};
        use crate::kernel::auth::Caller;
        use bluelamp_shared::auth::Role;
        use bluelamp_shared::custody::{check_entry, CustodyEntry};

        let opts = GenerateOptions {
            people: 400,
            seed: 7,
            people_per_transaction: 150,
            custody_records: 150,
            suite_load: 60,
            ..Default::default()
        };
        let report = generate(db, &opts).expect("generate");
        let c = &report.counts;
        assert_eq!(c.custody_records, 150);
        // The demo suites other than NS-CEN have 12 + 30 cells: two suites of 40 are added for 90.
        assert_eq!(c.custody_suites, 2);
        assert_eq!(c.record_grants, 150 * svc::restriction().grantees.len() as u64);
        assert_eq!(
            c.links,
            c.people + c.objects + c.organisations + c.custody_records
        );

        let mut pooled = db.get().expect("conn");
        let conn: &mut AnyConnection = &mut pooled;
        let records: Vec<(String, String, Option<String>, String, String, i64)> = custody_records::table
            .filter(custody_records::state.eq("open"))
            .select((
                custody_records::id,
                custody_records::suite_id,
                custody_records::cell,
                custody_records::person_id,
                custody_records::force_code,
                custody_records::version,
            ))
            .load(conn)
            .expect("records");
        assert_eq!(records.len(), 150);
        let people_ids: HashSet<&String> = records.iter().map(|r| &r.3).collect();
        assert_eq!(people_ids.len(), 150, "one open record per person");
        let known: i64 = people::table
            .filter(people::id.eq_any(records.iter().map(|r| r.3.clone()).collect::<Vec<_>>()))
            .count()
            .get_result(conn)
            .expect("people");
        assert_eq!(known, 150);
        let cells: HashSet<(&String, &Option<String>)> = records.iter().map(|r| (&r.1, &r.2)).collect();
        assert_eq!(cells.len(), 150, "one detainee per cell");
        let suites: Vec<(String, String, String, String)> = custody_suites::table
            .select((
                custody_suites::id,
                custody_suites::code,
                custody_suites::force_code,
                custody_suites::cells,
            ))
            .load(conn)
            .expect("suites");
        for (id, code, force, cells) in &suites {
            let cells: Vec<String> = serde_json::from_str(cells).expect("cells");
            let here: Vec<_> = records.iter().filter(|r| &r.1 == id).collect();
            assert!(here.len() <= cells.len(), "{code}");
            for r in here {
                assert!(cells.contains(r.2.as_ref().expect("a cell")), "{code}");
                assert_eq!(&r.4, force, "a record belongs to its suite's force");
            }
        }
        let loaded = suites.iter().find(|s| s.1 == LOADED_SUITE).expect("NS-CEN");
        assert_eq!(records.iter().filter(|r| r.1 == loaded.0).count(), 60);

        let detainee_links: i64 = links::table
            .filter(links::reason.eq("custody_detainee"))
            .filter(links::from_kind.eq("event"))
            .filter(links::to_kind.eq("person"))
            .count()
            .get_result(conn)
            .expect("links");
        assert_eq!(detainee_links, 150);
        let grants: i64 = record_grants::table
            .filter(record_grants::record_kind.eq("event"))
            .count()
            .get_result(conn)
            .expect("grants");
        assert_eq!(grants as u64, c.record_grants);

        // Every entry is valid as the API would check it, and each record has what booking in writes.
        let questions = svc::risk_questions(conn).expect("questions");
        let now = chrono::Utc::now();
        let entries: Vec<(String, String, String)> = custody_entries::table
            .select((
                custody_entries::record_id,
                custody_entries::kind,
                custody_entries::data,
            ))
            .load(conn)
            .expect("entries");
        assert_eq!(entries.len() as u64, c.custody_entries);
        let mut by_record: HashMap<&str, Vec<CustodyEntry>> = HashMap::new();
        for (record, kind, data) in &entries {
            let e: CustodyEntry = serde_json::from_str(data).expect("an entry");
            assert_eq!(kind, e.kind());
            assert_eq!(check_entry(&e, &questions, now), vec![], "{data}");
            by_record.entry(record.as_str()).or_default().push(e);
        }
        // Entry id → record id.
        let ids: HashMap<String, String> = custody_entries::table
            .select((custody_entries::id, custody_entries::record_id))
            .load::<(String, String)>(conn)
            .expect("ids")
            .into_iter()
            .collect();
        for (id, _, _, _, _, version) in &records {
            let e = &by_record[id.as_str()];
            let count = |k: &str| e.iter().filter(|x| x.kind() == k).count();
            assert_eq!(count("risk_assessment"), 1);
            assert!((1..=2).contains(&count("prescription")));
            assert_eq!(count("rights"), 3);
            assert_eq!(*version, 1 + (e.len() - 1 - count("prescription")) as i64);
            for x in e {
                if let CustodyEntry::Dose(d) = x {
                    assert_eq!(
                        &ids[&d.prescription.to_string()],
                        id,
                        "a dose of the record's own medicine"
                    );
                }
            }
        }
        assert!(by_record
            .values()
            .any(|e| e.iter().any(|x| x.kind() == "extension")));
        assert!(by_record.values().any(|e| e.iter().any(|x| x.kind() == "dose")));

        // The custody numbers continue from what was generated.
        for f in FORCES {
            let taken: i64 = reference_sequences_total(conn, f);
            assert_eq!(taken as usize, records.iter().filter(|r| r.4 == f).count(), "{f}");
        }

        // The board of the loaded suite answers through the service, with every detainee.
        let raman: String = users::table
            .filter(users::username.eq("ns.raman"))
            .select(users::id)
            .first(conn)
            .expect("ns.raman");
        drop(pooled);
        let caller = Caller {
            user_id: raman,
            username: "ns.raman".into(),
            force_code: "NS".into(),
            roles: vec![Role::CustodyOfficer],
            session_id: String::new(),
            request_id: None,
        };
        let suite_id: uuid::Uuid = loaded.0.parse().expect("uuid");
        let board = actix_web::rt::System::new()
            .block_on(svc::board(db, &caller, suite_id))
            .expect("board");
        assert_eq!(board.rows.len(), 60);
        for row in &board.rows {
            assert_ne!(row.detainee, "(not available)");
            assert!(row.cell.is_some());
            assert!(row.next_review_due.is_some());
            assert!(!row.risk_assessment_due);
            if let Some(limit) = row.limit {
                assert!(limit > board.server_time, "{} is past its limit", row.number);
            }
        }
        // Each row says what the whole record (read with every entry) says.
        let records = actix_web::rt::System::new().block_on(async {
            let mut out = Vec::new();
            for row in &board.rows {
                out.push(svc::get(db, &caller, row.record_id).await.expect("record"));
            }
            out
        });
        for (row, record) in board.rows.iter().zip(&records) {
            assert_eq!(
                record.entries.len(),
                by_record[row.record_id.to_string().as_str()].len()
            );
            assert_eq!(row.cell, record.cell);
            assert_eq!(row.next_review_due, record.clocks.next_review_due);
            assert_eq!(
                row.limit,
                record.clocks.limit_applies.then_some(record.clocks.limit)
            );
            assert_eq!(row.next_visit_due, record.care.next_visit_due);
            assert_eq!(row.observation_level, record.care.observation_level);
            assert_eq!(row.rousing, record.care.rousing);
            assert_eq!(row.risk_markers, record.care.risk_markers);
            assert_eq!(
                row.next_dose_due,
                record.medication.iter().filter_map(|m| m.next_due).min()
            );
        }
    }

    fn reference_sequences_total(conn: &mut AnyConnection, force: &str) -> i64 {
        use crate::db::schema::reference_sequences as rs;
        rs::table
            .filter(rs::force_code.eq(force))
            .filter(rs::kind.eq("custody"))
            .select(rs::last_value)
            .load::<i64>(conn)
            .expect("sequences")
            .into_iter()
            .sum()
    }

    /// Generates 300 people with seed 42, checks what was written, and returns the display names in id order.
    fn generate_and_check(db: &Db) -> Vec<String> {
        let opts = GenerateOptions {
            people: 300,
            seed: 42,
            people_per_transaction: 120,
            ..Default::default()
        };
        let report = generate(db, &opts).expect("generate");
        let c = &report.counts;
        assert_eq!(c.people, 300);
        assert!(c.near_duplicates > 0, "{c:?}");
        assert_eq!(c.organisations, 6);

        let mut conn = db.get().expect("conn");
        let conn: &mut AnyConnection = &mut conn;
        assert_eq!(count!(conn, people::table), c.people);
        assert_eq!(count!(conn, locations::table), c.locations);
        assert_eq!(count!(conn, links::table), c.links);
        assert_eq!(count!(conn, person_names::table), c.names);
        assert_eq!(count!(conn, person_name_keys::table), c.name_keys);
        assert_eq!(count!(conn, objects::table), c.objects);
        assert_eq!(c.links, c.people + c.objects + c.organisations);
        // About 2.5 people per home address.
        let per_address = c.people as f64 / (c.locations - c.organisations) as f64;
        assert!((1.8..3.5).contains(&per_address), "{per_address}");

        // Every name carries exactly the keys the normal write path computes.
        let eq = Equivalents::new(
            name_equivalents::table
                .select((name_equivalents::name, name_equivalents::canonical))
                .load::<(String, String)>(conn)
                .expect("equivalents"),
        );
        let name_rows: Vec<(String, String, String, String)> = person_names::table
            .select((
                person_names::id,
                person_names::person_id,
                person_names::forename,
                person_names::surname,
            ))
            .load(conn)
            .expect("names");
        let mut keys: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
        for (name_id, s, p, f) in person_name_keys::table
            .select((
                person_name_keys::name_id,
                person_name_keys::surname_key,
                person_name_keys::surname_prefix,
                person_name_keys::forename_key,
            ))
            .load::<(String, String, String, String)>(conn)
            .expect("keys")
        {
            keys.entry(name_id).or_default().push((s, p, f));
        }
        for (name_id, _, forename, surname) in &name_rows {
            let mut stored = keys.remove(name_id).unwrap_or_default();
            stored.sort();
            assert_eq!(
                stored,
                names::name_keys(&eq, forename, surname),
                "{forename} {surname}"
            );
        }
        assert!(keys.is_empty(), "keys without a name");

        // A known generated person is found by the phonetic keys of their name.
        let first = people::table
            .order(people::id)
            .select(PersonRow::as_select())
            .first(conn)
            .expect("first");
        let details = read_details(conn, std::slice::from_ref(&first)).expect("details");
        let person = &details[&first.id];
        let primary = person
            .names
            .iter()
            .find(|n| n.kind == NameKind::Primary)
            .expect("primary");
        assert_eq!(first.display_name, primary.display());
        assert!(!person.dates_of_birth.is_empty());
        let found: Vec<String> = person_name_keys::table
            .filter(person_name_keys::surname_key.eq(&names::phonetic(&primary.surname)[0]))
            .filter(person_name_keys::forename_key.eq(&names::phonetic(&primary.forename)[0]))
            .select(person_name_keys::person_id)
            .load(conn)
            .expect("search");
        assert!(found.contains(&first.id), "{} not found", first.display_name);
        let again = PersonRow::find(conn, &first.id).expect("find").expect("exists");
        assert_eq!(again.version, 1);
        assert_eq!(again.force_code.len(), 2);

        // Addresses, registrations and PNC IDs pass the shared rules, keyed as the main code keys them.
        for (street, street_key, postcode, postcode_key) in locations::table
            .select((
                locations::street,
                locations::street_key,
                locations::postcode,
                locations::postcode_key,
            ))
            .load::<(String, String, String, String)>(conn)
            .expect("locations")
        {
            assert!(v::postcode(&postcode).is_ok(), "{postcode}");
            assert_eq!(postcode_key, v::compact(&postcode));
            assert_eq!(street_key, names::normalise(&street));
        }
        let vrms: Vec<(String, Option<String>)> = objects::table
            .select((objects::id, objects::vrm))
            .load(conn)
            .expect("vrms");
        let object_key_rows: Vec<(String, String)> = object_keys::table
            .select((object_keys::object_id, object_keys::key))
            .load(conn)
            .expect("keys");
        let object_key_map: HashMap<String, String> = object_key_rows.into_iter().collect();
        for (id, vrm) in &vrms {
            let vrm = vrm.as_deref().expect("a vrm");
            assert!(v::vrm(vrm).is_ok(), "{vrm}");
            assert_eq!(object_key_map[id], v::compact(vrm));
        }
        let pncs: Vec<String> = person_identifiers::table
            .filter(person_identifiers::kind.eq("pnc_id"))
            .select(person_identifiers::value)
            .load(conn)
            .expect("pnc");
        assert!(!pncs.is_empty());
        assert_eq!(
            pncs.iter().collect::<HashSet<_>>().len(),
            pncs.len(),
            "PNC IDs are unique"
        );
        for p in &pncs {
            assert!(v::pnc_id(p).is_ok(), "{p}");
        }

        // The same seed again is refused rather than colliding.
        assert!(generate(db, &opts).is_err());

        people::table
            .order(people::id)
            .select(people::display_name)
            .load(conn)
            .expect("names")
    }

    #[test]
    fn misspellings_and_nicknames_stay_findable() {
        let eq_rows = vec![
            ("bob".to_owned(), "robert".to_owned()),
            ("robert".to_owned(), "robert".to_owned()),
        ];
        let mut g = Generator::new(7, &eq_rows);
        assert_eq!(g.nickname("Robert").as_deref(), Some("Bob"));
        assert_eq!(g.nickname("Bob").as_deref(), Some("Robert"));
        assert_eq!(g.nickname("Keith"), None);
        for _ in 0..50 {
            let m = g.misspell("Smith");
            assert_ne!(m, "Smith");
            assert_eq!(names::prefix(&m), "sm");
        }
        for _ in 0..1000 {
            let pc = g.postcode("NB12");
            assert!(v::postcode(&pc).is_ok(), "{pc}");
        }
    }
}

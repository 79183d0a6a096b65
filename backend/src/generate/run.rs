//! What to generate, the run itself (batches built on a second thread while the first writes) and its report.

use super::*;

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

    pub(super) fn add(&mut self, o: &Counts) {
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

pub(super) fn progress_bar(opts: &GenerateOptions) -> indicatif::ProgressBar {
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
pub(super) struct Batch {
    pub(super) sql: String,
    pub(super) counts: Counts,
}

/// The suite that carries the board's load: when done it holds [`GenerateOptions::suite_load`] open
/// custody records (the demo's Northshire Central custody).
pub const LOADED_SUITE: &str = "NS-CEN";

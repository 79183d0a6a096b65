//! `bluelamp`: the server and its admin commands in one binary.

use anyhow::Context;
use bluelamp_backend::config::Settings;
use bluelamp_backend::kernel::auth::password;
use bluelamp_backend::kernel::forces::Force;
use bluelamp_backend::kernel::users::User;
use bluelamp_backend::startup::{open_database, Application};
use bluelamp_backend::{openapi, seed, telemetry};
use bluelamp_shared::auth::Role;
use bluelamp_shared::users::CreateUserRequest;
use clap::{Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;

/// Bluelamp police records management.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Configuration file (default: ./bluelamp.toml if present, or $BLUELAMP_CONFIG).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the API and the app.
    Serve {
        /// Seed the demo consortium when the database has no users.
        #[arg(long)]
        seed_demo_if_empty: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Seed the demo consortium (two forces, a user for every role).
    SeedDemo,
    /// Create a user (the password is read from standard input).
    CreateUser {
        /// Force code, e.g. NS.
        #[arg(long)]
        force: String,
        /// Force name, to create the force if it does not exist yet.
        #[arg(long)]
        force_name: Option<String>,
        /// User name.
        #[arg(long)]
        username: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Collar number.
        #[arg(long)]
        collar: String,
        /// Rank or grade.
        #[arg(long)]
        rank: String,
        /// Roles (repeat, or comma-separate), e.g. force_admin.
        #[arg(long, value_delimiter = ',', required = true)]
        role: Vec<String>,
    },
    /// The consortium's forces: add one, or list them (for the first set-up, before anyone can sign in).
    Force {
        #[command(subcommand)]
        action: ForceAction,
    },
    /// The reference lists: apply an edition from a file, or list the editions in force.
    Reference {
        #[command(subcommand)]
        action: ReferenceAction,
    },
    /// MoPI retention: run the assessment job (schedule it, or let `serve` run it nightly).
    Retention {
        #[command(subcommand)]
        action: RetentionAction,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Fill the shared index with synthetic people, organisations, vehicles, addresses and links
    /// (for benchmarks; seeds the demo consortium first if the database has no users).
    Generate {
        /// How many people to generate.
        #[arg(long)]
        people: u64,
        /// Seed of the random generator (the same seed gives the same data).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// People written per transaction.
        #[arg(long, default_value_t = 10_000)]
        batch: usize,
        /// Skip refreshing the planner statistics (ANALYZE) afterwards.
        #[arg(long)]
        no_analyze: bool,
        /// Open custody records to create over the consortium's custody suites, each for a
        /// distinct person of this run, with realistic entries (risk, rights, medication, visits,
        /// doses, reviews, extensions).
        #[arg(long, default_value_t = 0)]
        custody_records: u64,
        /// How many of the open custody records the suite NS-CEN holds when done (the board's
        /// benchmark load); the rest are spread over the other suites.
        #[arg(long, default_value_t = 60)]
        suite_load: u64,
    },
}

#[derive(Subcommand)]
enum RetentionAction {
    /// Put every crime in its MoPI group by the rules in force and work out its review date (what the
    /// server does every night). Safe to run twice at once: a second run finds the first under way and
    /// stops.
    Assess,
}

#[derive(Subcommand)]
enum ForceAction {
    /// Add a force to the consortium (the same rules as the API: code, name and PNC code checked,
    /// nothing written if any is at fault).
    Add {
        /// Short code: 2 to 4 capital letters, e.g. NS.
        #[arg(long)]
        code: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Two-digit PNC force code, 01 to 99.
        #[arg(long)]
        pnc_code: String,
    },
    /// List the forces, one a line: code, PNC code, name.
    List,
}

#[derive(Subcommand)]
enum ReferenceAction {
    /// Apply an edition of a list from a file in the format of docs/reference-data.md (TOML, or JSON
    /// when the name ends in .json). It is checked whole first: with any fault nothing changes and
    /// every fault is printed.
    Import {
        /// The edition's file.
        file: PathBuf,
    },
    /// List the editions in force, one list a line: name, version, active values, retired values.
    List,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        print!("{}", openapi::json());
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref()).context("reading configuration")?;
    telemetry::init(&settings.log);
    match cli.command {
        Command::Serve { seed_demo_if_empty } => serve(&settings, seed_demo_if_empty)?,
        Command::Migrate => {
            open_database(&settings)?;
            println!("database is up to date");
        }
        Command::SeedDemo => {
            let db = open_database(&settings)?;
            seed::seed_demo(&db)?;
            println!("{}", seed::demo_sign_ins());
        }
        Command::CreateUser {
            force,
            force_name,
            username,
            name,
            collar,
            rank,
            role,
        } => {
            let db = open_database(&settings)?;
            let req = user_request(username, name, collar, rank, &role)?;
            insert_user(&db, &force, force_name.as_deref(), &req)?;
            println!("created {}", req.username);
        }
        Command::Force { action } => force(&settings, action)?,
        Command::Reference { action } => reference(&settings, action)?,
        Command::Generate {
            people,
            seed: rng_seed,
            batch,
            no_analyze,
            custody_records,
            suite_load,
        } => generate(
            &settings,
            bluelamp_backend::generate::GenerateOptions {
                people,
                seed: rng_seed,
                people_per_transaction: batch,
                progress: true,
                analyze: !no_analyze,
                custody_records,
                suite_load,
            },
        )?,
        Command::Retention {
            action: RetentionAction::Assess,
        } => {
            let db = open_database(&settings)?;
            match bluelamp_backend::retention::assess::run(&db).map_err(|e| anyhow::anyhow!("{e}"))? {
                Some(s) => println!("assessed {} records, {} new or changed", s.assessed, s.changed),
                None => println!("a retention run is already under way; nothing done"),
            }
        }
        Command::Openapi => {}
    }
    Ok(())
}

/// `serve`: opens the database (seeding the demo consortium if asked and empty) and serves until
/// stopped.
fn serve(settings: &Settings, seed_demo_if_empty: bool) -> anyhow::Result<()> {
    let db = open_database(settings)?;
    if seed_demo_if_empty && seed::seed_demo_if_empty(&db)? {
        tracing::info!("seeded the demo consortium");
    }
    bluelamp_backend::retention::assess::run_nightly(db.clone(), settings.jobs.retention_hour_utc);
    let app = Application::build_with_db(settings.clone(), db)?;
    let url = format!("http://{}:{}", settings.server.host, app.port());
    println!("\nBluelamp is running at {url}/");
    println!("  API:      {url}/api/v1   explorer: {url}/api/docs/   spec: {url}/api/openapi.json");
    println!("  Health:   {url}/health/ready   metrics: {url}/metrics");
    if seed_demo_if_empty {
        println!("\n{}", seed::demo_sign_ins());
    }
    actix_web::rt::System::new().block_on(app.run_until_stopped())?;
    tracing::info!("stopped");
    Ok(())
}

/// `force add` and `force list`.
fn reference(settings: &Settings, action: ReferenceAction) -> anyhow::Result<()> {
    use bluelamp_backend::admin::reference;
    let db = open_database(settings)?;
    match action {
        ReferenceAction::Import { file } => {
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let edition = if file.extension().is_some_and(|e| e == "json") {
                serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?
            } else {
                reference::parse_toml(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?
            };
            match db.write_sync(|conn| reference::apply_edition(conn, &edition)) {
                Ok(a) if a.unchanged => println!("{} {} was already applied", edition.list, edition.version),
                Ok(a) => println!(
                    "applied {} {}: {} added, {} changed, {} retired",
                    edition.list, edition.version, a.added, a.changed, a.retired
                ),
                Err(e) => {
                    for fe in e.problem().errors {
                        eprintln!("{}: {}", fe.path, fe.message);
                    }
                    anyhow::bail!("nothing was changed: {e}");
                }
            }
        }
        ReferenceAction::List => {
            let lists = actix_web::rt::System::new()
                .block_on(reference::all(&db))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            for l in lists {
                println!("{}\t{}\t{}\t{}", l.list, l.version, l.active, l.retired);
            }
        }
    }
    Ok(())
}

fn force(settings: &Settings, action: ForceAction) -> anyhow::Result<()> {
    let db = open_database(settings)?;
    match action {
        ForceAction::Add { code, name, pnc_code } => {
            let req = bluelamp_shared::forces::CreateForceRequest { code, name, pnc_code };
            match db.write_sync(|conn| bluelamp_backend::admin::forces::add(conn, &req)) {
                Ok(f) => println!("added force {} ({})", f.code, f.name),
                Err(e) => {
                    for fe in e.problem().errors {
                        eprintln!("{}: {}", fe.path, fe.message);
                    }
                    anyhow::bail!("the force was not added: {e}");
                }
            }
        }
        ForceAction::List => {
            let forces = db
                .write_sync(|conn| Ok(Force::all(conn)?))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            for f in forces {
                println!(
                    "{}\t{}\t{}",
                    f.code,
                    f.pnc_code.as_deref().unwrap_or("--"),
                    f.name
                );
            }
        }
    }
    Ok(())
}

/// `create-user`: the request from the arguments and the password on standard input, checked.
fn user_request(
    username: String,
    name: String,
    collar: String,
    rank: String,
    role: &[String],
) -> anyhow::Result<CreateUserRequest> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let roles = role
        .iter()
        .map(|r| Role::parse(r.trim()).with_context(|| format!("unknown role `{r}`")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let req = CreateUserRequest {
        username: username.trim().to_lowercase(),
        display_name: name,
        collar_number: collar,
        rank,
        roles,
        password,
    };
    // The operator at the command line may create the consortium administrator, which no force grants.
    let errors: Vec<_> = bluelamp_shared::validation::check(&req)
        .into_iter()
        .filter(|e| !(e.path == "roles" && e.code == "consortium_role"))
        .collect();
    if !errors.is_empty() {
        for e in errors {
            eprintln!("{}: {}", e.path, e.message);
        }
        anyhow::bail!("the user was not created");
    }
    Ok(req)
}

/// `create-user`: inserts the user into `force` (created as `force_name` when given).
fn insert_user(
    db: &bluelamp_backend::db::Db,
    force: &str,
    force_name: Option<&str>,
    req: &CreateUserRequest,
) -> anyhow::Result<()> {
    let hash = password::hash(&req.password)?;
    db.write_sync(|conn| {
        if let Some(n) = force_name {
            Force::ensure(conn, force, n)?;
        }
        Force::find(conn, force)?;
        let at = bluelamp_backend::db::now();
        User::insert(
            conn,
            &User {
                id: uuid::Uuid::new_v4().to_string(),
                force_code: force.to_owned(),
                username: req.username.clone(),
                display_name: req.display_name.clone(),
                collar_number: req.collar_number.clone(),
                rank: req.rank.clone(),
                kind: "officer".into(),
                password_hash: hash,
                active: true,
                failed_attempts: 0,
                locked_until: None,
                created_at: at,
                updated_at: at,
                version: 1,
                unit_id: None,
            },
            &req.roles,
        )?;
        Ok::<_, bluelamp_backend::error::ApiError>(())
    })
    .map_err(|e| anyhow::anyhow!("the user was not created: {e}"))?;
    Ok(())
}

/// `generate`: seeds the demo consortium if the database is empty, then writes the synthetic data.
fn generate(settings: &Settings, opts: bluelamp_backend::generate::GenerateOptions) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let db = open_database(settings)?;
    if seed::seed_demo_if_empty(&db)? {
        println!("seeded the demo consortium");
    }
    let report = bluelamp_backend::generate::generate(&db, &opts)?;
    print!("{report}");
    println!("total elapsed {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

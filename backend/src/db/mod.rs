//! Database access: one diesel code path over SQLite (embedded default) and PostgreSQL (production).
//!
//! The backend is chosen from the URL scheme here, once; all dialect-specific SQL stays in this module
//! and in the per-backend migration folders.

pub mod bulk;
pub mod schema;

use crate::error::ApiError;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A connection to either supported database.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL, the production backend.
    Postgresql(PgConnection),
    /// SQLite, the embedded default.
    Sqlite(SqliteConnection),
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A PostgreSQL connection URL.
    Postgres(String),
    /// A SQLite database file.
    Sqlite(PathBuf),
}

impl DatabaseUrl {
    /// Parses `DATABASE_URL`: `postgres://` or `postgresql://` for PostgreSQL; `sqlite://path`,
    /// `sqlite:path` or a plain file path for SQLite. Anything else is refused with a message
    /// saying what is accepted.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        let accepted = "use postgres://user@host:port/database for PostgreSQL, or sqlite://path/to/file.db \
                        (or a plain file path) for SQLite";
        if url.is_empty() {
            return Err(format!("DATABASE_URL is empty: {accepted}"));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        let path = if let Some(rest) = url.strip_prefix("sqlite://") {
            rest
        } else if let Some(rest) = url.strip_prefix("sqlite:") {
            rest
        } else if url.contains("://") || url.contains(':') && !looks_like_windows_path(url) {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(format!(
                "DATABASE_URL scheme `{scheme}:` is not supported: {accepted}"
            ));
        } else {
            url
        };
        if path.is_empty() || path == ":memory:" || path.ends_with('/') {
            return Err(format!(
                "DATABASE_URL `{url}` does not name a SQLite database file: {accepted}"
            ));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    /// A description safe to log (no password).
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("sqlite://{}", p.display()),
            Self::Postgres(u) => match (u.find("://"), u.rfind('@')) {
                (Some(s), Some(at)) if at > s => format!("{}://***@{}", &u[..s], &u[at + 1..]),
                _ => u.clone(),
            },
        }
    }
}

fn looks_like_windows_path(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/')
}

/// Which backend a connection pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
}

/// Opens connections of the backend chosen from the URL, directly (the derived `establish` tries every
/// backend and hides the real error), and applies the SQLite pragmas on every new connection.
#[derive(Debug, Clone)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

/// Error opening a connection.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// Could not connect.
    #[error(transparent)]
    Connection(#[from] diesel::ConnectionError),
    /// Connected but a query failed.
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl ManageConnection for ConnectionManager {
    type Connection = AnyConnection;
    type Error = ConnectError;

    fn connect(&self) -> Result<AnyConnection, ConnectError> {
        match &self.url {
            DatabaseUrl::Postgres(u) => Ok(AnyConnection::Postgresql(PgConnection::establish(u)?)),
            DatabaseUrl::Sqlite(p) => {
                let mut c = SqliteConnection::establish(&p.to_string_lossy())?;
                // WAL for concurrent readers; synchronous=FULL so an acknowledged commit survives a
                // crash of the process or the machine; wait rather than fail on a busy database.
                // The busy timeout comes first: switching to WAL itself needs the lock, which another
                // process (a server restarted after a kill, the CLI) may hold for a moment.
                c.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON;",
                )?;
                Ok(AnyConnection::Sqlite(c))
            }
        }
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), ConnectError> {
        conn.batch_execute("SELECT 1").map_err(Into::into)
    }

    fn has_broken(&self, _conn: &mut AnyConnection) -> bool {
        false
    }
}

/// The connection pool with the helpers that run database work off the async executor.
#[derive(Clone)]
pub struct Db {
    pool: Pool<ConnectionManager>,
    backend: Backend,
    /// SQLite allows one writer: serialising write transactions in-process avoids `SQLITE_BUSY`
    /// upgrade failures. PostgreSQL needs no such lock.
    write_lock: Arc<Mutex<()>>,
    /// Slow-changing data (reference tables) kept for a short while, per database.
    cache: Arc<Mutex<Cache>>,
    /// Whether the database is known to be down, so that requests fail at once.
    breaker: Arc<Breaker>,
}

/// The cause of a 503 answered by the open breaker (logged once, when the outage starts).
pub const DATABASE_DOWN: &str = "database known to be down";

/// The circuit breaker in front of the pool. When a connection cannot be had, the database is marked
/// down: every request is answered 503 at once (with `Retry-After`) instead of each waiting out the
/// pool's timeout and piling up, and one background thread probes with a fresh connection every
/// [`Breaker::PROBE_EVERY`] until the database answers, then closes the breaker. The outage is logged
/// once when it starts and once when it ends.
struct Breaker {
    manager: ConnectionManager,
    down_since: Mutex<Option<std::time::Instant>>,
}

impl Breaker {
    /// How often the probe tries the database while it is down.
    const PROBE_EVERY: Duration = Duration::from_millis(250);

    fn is_open(&self) -> bool {
        self.down_since
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    /// Marks the database down and starts the probe, unless it is already down.
    fn trip(self: &Arc<Self>, cause: &str) {
        {
            let mut down = self.down_since.lock().unwrap_or_else(|p| p.into_inner());
            if down.is_some() {
                return;
            }
            *down = Some(std::time::Instant::now());
        }
        tracing::error!(cause, "database unavailable: answering 503 until it is back");
        // The probe holds the breaker weakly: once every handle on the database is gone (a server
        // shut down, a test finished) it stops instead of connecting for ever. The first probe is at
        // once: a pool that timed out because every connection was busy (the database up, the server
        // saturated) closes the breaker again as soon as it opened.
        let weak = Arc::downgrade(self);
        std::thread::spawn(move || loop {
            let Some(breaker) = weak.upgrade() else {
                return;
            };
            if breaker.manager.connect().is_ok() {
                let since = breaker
                    .down_since
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .take();
                let secs = since.map(|t| t.elapsed().as_secs_f64()).unwrap_or_default();
                tracing::info!(down_for_secs = secs, "database available again");
                return;
            }
            drop(breaker);
            std::thread::sleep(Self::PROBE_EVERY);
        });
    }
}

type Cache =
    std::collections::HashMap<&'static str, (std::time::Instant, Arc<dyn std::any::Any + Send + Sync>)>;

/// The PostgreSQL server that the test suites (this crate's and `tests/`) create their databases on:
/// `BLUELAMP_TEST_POSTGRES_URL`, by default `postgres://postgres@127.0.0.1:5432/postgres`.
///
/// Tests connect in plain text unless the URL sets `sslmode`: the server is on loopback, and with TLS
/// libpq's OpenSSL clean-up at process exit races connections still being opened by pool threads, a
/// double free that aborts a test binary after its tests passed (sfackler/r2d2#137).
pub fn test_postgres_url() -> String {
    let url = std::env::var("BLUELAMP_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    if url.contains("sslmode=") {
        url
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

/// A PostgreSQL URL naming another database on the same server, its parameters kept.
pub fn with_database(url: &str, name: &str) -> String {
    let (path, query) = url.split_at(url.find('?').unwrap_or(url.len()));
    let base = path.rsplit_once('/').map(|(b, _)| b).unwrap_or(path);
    format!("{base}/{name}{query}")
}

/// A pooled connection.
pub type Conn = PooledConnection<ConnectionManager>;

impl Db {
    /// Creates the pool (connections are opened lazily; the first checkout reports a bad URL).
    pub fn connect(url: &DatabaseUrl, pool_size: u32, timeout: Duration) -> Result<Self, String> {
        if let DatabaseUrl::Sqlite(p) = url {
            if let Some(parent) = p.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create the data directory {}: {e}", parent.display()))?;
            }
        }
        let backend = match url {
            DatabaseUrl::Postgres(_) => Backend::Postgres,
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
        };
        let manager = ConnectionManager { url: url.clone() };
        // Check one connection now so a wrong URL is reported with the driver's own message.
        manager
            .connect()
            .map_err(|e| format!("cannot open the database {}: {e}", url.redacted()))?;
        let breaker = Arc::new(Breaker {
            manager: ConnectionManager { url: url.clone() },
            down_since: Mutex::new(None),
        });
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            .min_idle(Some(1))
            .connection_timeout(timeout)
            // The breaker logs an outage once; the pool would log every failed reconnection.
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(manager);
        Ok(Self {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
            cache: Arc::new(Mutex::new(Cache::new())),
            breaker,
        })
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection, for synchronous callers (the CLI, start-up).
    pub fn get(&self) -> Result<Conn, ApiError> {
        if self.breaker.is_open() {
            return Err(ApiError::unavailable(DATABASE_DOWN));
        }
        self.pool.get().map_err(|e| {
            let cause = format!("database pool: {e}");
            self.breaker.trip(&cause);
            ApiError::unavailable(cause)
        })
    }

    /// Applies the pending migrations of this backend.
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.get().map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let applied = match &mut *conn {
            AnyConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS),
            AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS),
        }
        .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?;
        Ok(applied.into_iter().map(|v| v.to_string()).collect())
    }

    /// Runs read-only work on the blocking thread pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || {
            let mut conn = db.get()?;
            crate::kernel::access::take_noted();
            let out = f(&mut conn);
            drop(conn);
            let refused = refusals(&out);
            if !refused.is_empty() {
                db.write_sync(|c| refused.iter().try_for_each(|r| r.record(c)))?;
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }

    /// Runs work in one transaction on the blocking thread pool: all of it is committed, or none.
    pub async fn write<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || db.write_sync(f))
            .await
            .map_err(|e| ApiError::internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }

    /// The synchronous form of [`Db::write`], for the CLI.
    pub fn write_sync<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
    {
        let mut conn = self.get()?;
        let _guard = match self.backend {
            Backend::Sqlite => Some(self.write_lock.lock().unwrap_or_else(|p| p.into_inner())),
            Backend::Postgres => None,
        };
        let conn: &mut AnyConnection = &mut conn;
        crate::kernel::access::take_noted();
        let out = conn.transaction(f);
        // A refusal by the access gate is audited although the request's own work rolled back.
        let refused = refusals(&out);
        if !refused.is_empty() {
            conn.transaction(|c| refused.iter().try_for_each(|r| r.record(c)))?;
        }
        out
    }

    /// A value loaded with `load` and kept for `ttl` (reference data: a change is seen within `ttl`).
    pub fn cached<T, F>(
        &self,
        conn: &mut AnyConnection,
        key: &'static str,
        ttl: Duration,
        load: F,
    ) -> Result<Arc<T>, ApiError>
    where
        T: Send + Sync + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
    {
        {
            let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((at, v)) = cache.get(key) {
                if at.elapsed() < ttl {
                    if let Ok(v) = Arc::clone(v).downcast::<T>() {
                        return Ok(v);
                    }
                }
            }
        }
        let v = Arc::new(load(conn)?);
        let erased: Arc<dyn std::any::Any + Send + Sync> = v.clone();
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, (std::time::Instant::now(), erased));
        Ok(v)
    }

    /// Drops every cached value, so the next request reads reference data afresh (after this process
    /// changed it; other processes see the change within the values' time to live).
    pub fn forget_cached(&self) {
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Checks the database answers (for `/health/ready`).
    pub async fn ping(&self) -> Result<(), ApiError> {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut c = pool
                .get_timeout(Duration::from_secs(2))
                .map_err(|e| ApiError::unavailable(format!("database pool: {e}")))?;
            c.batch_execute("SELECT 1")
                .map_err(|e| ApiError::unavailable(format!("database ping: {e}")))
        })
        .await
        .map_err(|e| ApiError::internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }
}

/// The current UTC time at microsecond precision (what both databases store).
pub fn now() -> chrono::NaiveDateTime {
    use chrono::SubsecRound;
    chrono::Utc::now().naive_utc().trunc_subsecs(6)
}

/// A stored UTC timestamp as an API timestamp.
pub fn utc(t: chrono::NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_naive_utc_and_offset(t, chrono::Utc)
}

/// The refusals of a unit of work that has just ended: the one it failed with, if the access gate
/// refused a record, and those noted while it ran (records named in the body, answered as field
/// errors).
fn refusals<T>(out: &Result<T, ApiError>) -> Vec<crate::kernel::access::Refusal> {
    let mut all = crate::kernel::access::take_noted();
    if let Err(ApiError::Hidden(r)) = out {
        all.push((**r).clone());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_the_backend_or_are_refused_clearly() {
        assert_eq!(
            DatabaseUrl::parse("postgres://u@localhost/db").unwrap(),
            DatabaseUrl::Postgres("postgres://u@localhost/db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgresql://h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/bl.db").unwrap(),
            DatabaseUrl::Sqlite("data/bl.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:x.db").unwrap(),
            DatabaseUrl::Sqlite("x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("/var/lib/bluelamp/bl.db").unwrap(),
            DatabaseUrl::Sqlite("/var/lib/bluelamp/bl.db".into())
        );
        for bad in [
            "",
            "mysql://root@localhost/x",
            "http://example",
            "sqlite://",
            "sqlite::memory:",
            "redis:x",
        ] {
            let e = DatabaseUrl::parse(bad).unwrap_err();
            assert!(e.contains("postgres://"), "{bad}: {e}");
        }
    }

    #[test]
    fn another_database_keeps_the_parameters() {
        assert_eq!(
            with_database("postgres://u@h:5432/postgres?sslmode=disable", "bl_x"),
            "postgres://u@h:5432/bl_x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://u@h/postgres", "bl_x"),
            "postgres://u@h/bl_x"
        );
    }

    #[test]
    fn redaction_hides_credentials() {
        let u = DatabaseUrl::parse("postgres://bl:secret@db:5432/bl").unwrap();
        assert_eq!(u.redacted(), "postgres://***@db:5432/bl");
    }
}

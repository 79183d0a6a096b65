//! Configuration: built-in defaults, then an optional TOML file, then environment overrides.
//!
//! The file is `bluelamp.toml` in the working directory, or the path in `BLUELAMP_CONFIG` (or the
//! `--config` flag). Every key can be overridden by `BLUELAMP__<SECTION>__<KEY>` (double underscores),
//! e.g. `BLUELAMP__SERVER__PORT=9000`; `DATABASE_URL` overrides `database.url`. See docs/operations.md.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// All settings.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// HTTP server.
    pub server: ServerSettings,
    /// Database.
    pub database: DatabaseSettings,
    /// Sign-in and sessions.
    pub auth: AuthSettings,
    /// Logging.
    pub log: LogSettings,
    /// Background jobs.
    pub jobs: JobSettings,
}

/// Background jobs the server runs.
#[derive(Debug, Clone, Deserialize)]
pub struct JobSettings {
    /// The hour (UTC, 0 to 23) the retention job runs each night; 24 or more: never (schedule
    /// `bluelamp retention assess` instead).
    pub retention_hour_utc: u32,
}

/// HTTP server settings.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    /// Address to listen on.
    pub host: String,
    /// Port to listen on (0 picks a free one).
    pub port: u16,
    /// Folder with the built browser app (index.html, wasm, js, css).
    pub static_dir: PathBuf,
    /// Largest accepted JSON body, in bytes.
    pub max_body_bytes: usize,
    /// Seconds to let in-flight requests finish on shutdown.
    pub shutdown_timeout_secs: u64,
    /// HTTP worker threads (0 = one per core).
    pub workers: usize,
}

/// Database settings.
#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `sqlite://path/to/file.db` (default) or `postgres://user@host/db`.
    pub url: String,
    /// Pool size.
    pub pool_size: u32,
    /// Seconds to wait for a pooled connection before answering 503.
    pub connect_timeout_secs: u64,
}

/// Authentication settings.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// HMAC key for access tokens. When absent, a random key is generated on first start and kept in
    /// the database, so every server sharing the database agrees.
    pub jwt_secret: Option<String>,
    /// Access-token lifetime in seconds.
    pub access_token_ttl_secs: i64,
    /// Idle time after which a session ends.
    pub idle_timeout_secs: i64,
    /// Maximum session age (re-authentication at least this often).
    pub session_max_age_secs: i64,
    /// Consecutive failed sign-ins that lock an account.
    pub max_failed_sign_ins: i32,
    /// How long a locked account stays locked.
    pub lockout_secs: i64,
    /// Sign-in and refresh requests allowed per client address per minute (0 = no limit).
    pub public_requests_per_minute: u32,
}

/// Log output settings.
#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    /// `human` (default) or `json`.
    pub format: LogFormat,
    /// A tracing filter such as `info,bluelamp_backend=debug` (`RUST_LOG` wins when set).
    pub filter: String,
}

/// Log format.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Human,
    /// One JSON object per line.
    Json,
}

const DEFAULTS: &str = r#"
[server]
host = "127.0.0.1"
port = 8080
static_dir = "frontend/dist"
max_body_bytes = 1048576
shutdown_timeout_secs = 20
workers = 0

[database]
url = "sqlite://data/bluelamp.db"
pool_size = 8
connect_timeout_secs = 5

[auth]
access_token_ttl_secs = 600
idle_timeout_secs = 1800
session_max_age_secs = 43200
max_failed_sign_ins = 5
lockout_secs = 600
public_requests_per_minute = 60

[log]
format = "human"
filter = "info"

[jobs]
retention_hour_utc = 2
"#;

impl Settings {
    /// Loads defaults, then `file` (or `BLUELAMP_CONFIG`, or `./bluelamp.toml` if present), then the
    /// environment.
    pub fn load(file: Option<&Path>) -> Result<Self, config::ConfigError> {
        let mut b =
            config::Config::builder().add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        let env_file = std::env::var_os("BLUELAMP_CONFIG").map(PathBuf::from);
        match file.map(Path::to_path_buf).or(env_file) {
            Some(p) => b = b.add_source(config::File::from(p).required(true)),
            None => b = b.add_source(config::File::with_name("bluelamp").required(false)),
        }
        b = b.add_source(
            config::Environment::with_prefix("BLUELAMP")
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true),
        );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            b = b.set_override("database.url", url)?;
        }
        b.build()?.try_deserialize()
    }

    /// The defaults alone (for tests, which then adjust what they need).
    pub fn defaults() -> Self {
        config::Config::builder()
            .add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml))
            .build()
            .and_then(|c| c.try_deserialize())
            .unwrap_or_else(|e| panic!("built-in defaults must parse: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse() {
        let s = Settings::defaults();
        assert_eq!(s.server.port, 8080);
        assert_eq!(s.auth.max_failed_sign_ins, 5);
        assert_eq!(s.auth.idle_timeout_secs, 30 * 60);
        assert_eq!(s.log.format, LogFormat::Human);
    }

    #[test]
    fn a_file_overrides_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("bl.toml");
        std::fs::write(&f, "[server]\nport = 9999\n[log]\nformat = \"json\"\n").unwrap();
        let s = Settings::load(Some(&f)).unwrap();
        assert_eq!(s.server.port, 9999);
        assert_eq!(s.log.format, LogFormat::Json);
        assert_eq!(s.server.host, "127.0.0.1");
    }
}

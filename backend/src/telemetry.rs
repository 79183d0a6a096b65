//! Logging: tracing with a request id on every request; human lines by default, JSON by setting.

use crate::config::{LogFormat, LogSettings};
use tracing_subscriber::{fmt, prelude::*, EnvFilter};

/// Installs the global subscriber (once; later calls are ignored, which suits tests).
pub fn init(settings: &LogSettings) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&settings.filter));
    let registry = tracing_subscriber::registry().with(filter);
    let _ = match settings.format {
        LogFormat::Json => registry
            .with(fmt::layer().json().with_current_span(true).with_span_list(false))
            .try_init(),
        LogFormat::Human => registry.with(fmt::layer().with_target(false)).try_init(),
    };
}

//! Building and running the server (zero2prod's `Application`: binds first, so tests can use port 0).

use crate::config::{AuthSettings, Settings};
use crate::db::{DatabaseUrl, Db};
use crate::error::{problem_response, ApiError};
use crate::kernel::auth::request_id;
use crate::kernel::auth::secrets;
use crate::kernel::auth::tokens::TokenKeys;
use crate::{openapi, routes};
use actix_web::body::MessageBody;
use actix_web::dev::{Server, Service, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use actix_web_prom::PrometheusMetricsBuilder;
use bluelamp_shared::error::ErrorCode;
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

/// Shared by every request.
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Access-token keys.
    pub keys: TokenKeys,
    /// Authentication settings.
    pub auth: AuthSettings,
    /// Per-address limit on the public (sign-in, refresh) routes.
    pub public_limiter: Option<PublicLimiter>,
}

/// A rate limiter keyed by client address.
pub type PublicLimiter = std::sync::Arc<governor::DefaultKeyedRateLimiter<std::net::IpAddr>>;

fn public_limiter(per_minute: u32) -> Option<PublicLimiter> {
    let n = std::num::NonZeroU32::new(per_minute)?;
    Some(std::sync::Arc::new(governor::RateLimiter::keyed(
        governor::Quota::per_minute(n),
    )))
}

/// A built, bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
    db: Db,
}

/// Opens the database named in the settings and applies pending migrations.
pub fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    let url = DatabaseUrl::parse(&settings.database.url).map_err(anyhow::Error::msg)?;
    let db = Db::connect(
        &url,
        settings.database.pool_size,
        Duration::from_secs(settings.database.connect_timeout_secs),
    )
    .map_err(anyhow::Error::msg)?;
    let applied = db.migrate()?;
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "applied database migrations");
    }
    for (list, version, a) in crate::admin::reference::apply_bundled(&db)? {
        tracing::info!(%list, %version, added = a.added, changed = a.changed, retired = a.retired, "applied reference list edition");
    }
    tracing::info!(database = %url.redacted(), "database ready");
    Ok(db)
}

/// The access-token key: from configuration, else generated once and kept in the database.
pub fn token_keys(db: &Db, auth: &AuthSettings) -> anyhow::Result<TokenKeys> {
    if let Some(secret) = auth.jwt_secret.as_deref().filter(|s| !s.is_empty()) {
        if secret.len() < 32 {
            anyhow::bail!("auth.jwt_secret must be at least 32 characters");
        }
        return Ok(TokenKeys::new(secret.as_bytes()));
    }
    let mut conn = db.get().map_err(|e| anyhow::anyhow!("{e}"))?;
    let secret = secrets::get_or_create(&mut conn, "jwt_hs256_key", || {
        use rand::RngCore;
        let mut b = [0u8; 64];
        rand::thread_rng().fill_bytes(&mut b);
        hex::encode(b)
    })?;
    Ok(TokenKeys::new(secret.as_bytes()))
}

impl Application {
    /// Opens the database, migrates it and binds the listener.
    pub fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = open_database(&settings)?;
        Self::build_with_db(settings, db)
    }

    /// Binds the listener over an opened database.
    pub fn build_with_db(settings: Settings, db: Db) -> anyhow::Result<Self> {
        let keys = token_keys(&db, &settings.auth)?;
        let listener =
            TcpListener::bind((settings.server.host.as_str(), settings.server.port)).map_err(|e| {
                anyhow::anyhow!(
                    "cannot listen on {}:{}: {e}",
                    settings.server.host,
                    settings.server.port
                )
            })?;
        let port = listener.local_addr()?.port();
        let state = web::Data::new(AppState {
            db: db.clone(),
            keys,
            auth: settings.auth.clone(),
            public_limiter: public_limiter(settings.auth.public_requests_per_minute),
        });
        let server = run(listener, state, &settings)?;
        Ok(Self { port, server, db })
    }

    /// The port bound.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves until a shutdown signal (SIGINT/SIGTERM), letting in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn run(listener: TcpListener, state: web::Data<AppState>, settings: &Settings) -> anyhow::Result<Server> {
    let metrics = PrometheusMetricsBuilder::new("bluelamp")
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(|e| anyhow::anyhow!("metrics: {e}"))?;
    let static_dir = settings.server.static_dir.clone();
    let max_body = settings.server.max_body_bytes;
    let spec = openapi::ApiDoc::openapi_cached();
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(max_body)
                    .error_handler(|e, _| json_error(e).into()),
            )
            .app_data(web::QueryConfig::default().error_handler(|e, _| {
                ApiError::malformed(format!("The query string could not be read: {e}")).into()
            }))
            .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::not_found("record").into()))
            .wrap_fn(finish_response)
            .wrap(actix_web::middleware::Compress::default())
            .wrap(TracingLogger::default())
            .wrap(metrics.clone())
            .service(
                web::scope(bluelamp_shared::API_PREFIX)
                    .configure(routes::configure)
                    .default_service(web::to(routes::not_found)),
            )
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", spec.clone()))
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header((header::LOCATION, "/api/docs/"))
                        .finish()
                }),
            )
            .service(
                web::resource("/health/live")
                    .route(web::get().to(crate::health::live))
                    .default_service(web::to(only_get)),
            )
            .service(
                web::resource("/health/ready")
                    .route(web::get().to(crate::health::ready))
                    .default_service(web::to(only_get)),
            )
            .configure(|cfg| spa(cfg, static_dir.clone()))
    })
    .listen(listener)?
    .shutdown_timeout(settings.server.shutdown_timeout_secs);
    if settings.server.workers > 0 {
        server = server.workers(settings.server.workers);
    }
    Ok(server.run())
}

impl openapi::ApiDoc {
    /// The document, built once.
    pub fn openapi_cached() -> utoipa::openapi::OpenApi {
        use utoipa::OpenApi;
        Self::openapi()
    }
}

fn json_error(e: actix_web::error::JsonPayloadError) -> ApiError {
    use actix_web::error::JsonPayloadError as J;
    match e {
        J::Overflow { limit } | J::OverflowKnownLength { limit, .. } => ApiError::code(
            ErrorCode::PayloadTooLarge,
            format!("The body is larger than {limit} bytes"),
        ),
        J::ContentType => ApiError::code(
            ErrorCode::UnsupportedMediaType,
            "Send the body as application/json",
        ),
        J::Deserialize(e) => ApiError::malformed(format!("The JSON body could not be read: {e}")),
        other => ApiError::malformed(format!("The body could not be read: {other}")),
    }
}

/// Any method but GET on a GET-only resource: 405 naming GET in `Allow` (RFC 9110 §15.5.6).
async fn only_get(req: HttpRequest) -> HttpResponse {
    crate::http::method_not_allowed(req.method(), &["GET"])
}

/// Serves the browser app: its files, and index.html for every other non-API path (client routing).
fn spa(cfg: &mut web::ServiceConfig, dir: PathBuf) {
    let index = dir.join("index.html");
    if index.is_file() {
        cfg.service(
            actix_files::Files::new("/", dir)
                .index_file("index.html")
                .default_handler(web::to(move |req: HttpRequest| {
                    let index = index.clone();
                    async move { spa_fallback(req, index).await }
                })),
        );
    } else {
        let shown = dir.display().to_string();
        cfg.default_service(web::to(move |req: HttpRequest| {
            let shown = shown.clone();
            async move {
                if req.path().starts_with("/api") {
                    return Err(ApiError::code(
                        ErrorCode::NotFound,
                        format!("There is nothing at {}", req.path()),
                    ));
                }
                Ok(HttpResponse::ServiceUnavailable()
                    .content_type("text/plain; charset=utf-8")
                    .body(format!(
                        "The browser app has not been built (no index.html in {shown}).\n\
                     Build it with: cargo run -p bluelamp-xtask -- build --release\n\
                     The API is at /api/v1 and its explorer at /api/docs/.\n"
                    )))
            }
        }));
    }
}

async fn spa_fallback(req: HttpRequest, index: PathBuf) -> Result<HttpResponse, actix_web::Error> {
    if req.path().starts_with("/api") || req.path().starts_with("/health") {
        return Err(
            ApiError::code(ErrorCode::NotFound, format!("There is nothing at {}", req.path())).into(),
        );
    }
    let file = actix_files::NamedFile::open_async(index).await?;
    let mut res = file.into_response(&req);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(res)
}

const CSP_APP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// The vendored Swagger UI sets inline styles; it loads nothing from elsewhere.
const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the request id and instance to problem bodies, the request id header and the security
/// headers to every response.
fn finish_response<S, B>(
    req: actix_web::dev::ServiceRequest,
    srv: &S,
) -> impl std::future::Future<Output = Result<ServiceResponse, actix_web::Error>>
where
    S: Service<actix_web::dev::ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody + 'static,
{
    // A control character in the query string is refused before any handler reads it (PostgreSQL
    // text cannot hold NUL, and no parameter of this API takes one).
    let (fut, refused) = match crate::http::query_control_characters(req.query_string()) {
        Some(e) => (None, Some(req.error_response(e))),
        None => (Some(srv.call(req)), None),
    };
    async move {
        // Every error arrives here as a response carrying its error (the Authorize middleware and
        // actix's routing both answer that way); anything else is passed on untouched.
        let res = match (fut, refused) {
            (Some(fut), _) => fut.await?.map_into_boxed_body(),
            (None, Some(refused)) => refused,
            (None, None) => unreachable!("a request is either called or refused"),
        };
        let rid = request_id(res.request());
        let path = res.request().path().to_owned();
        let mut res = match res.response().error().and_then(|e| e.as_error::<ApiError>()) {
            Some(api) => {
                let mut p = api.problem();
                p.request_id = rid.clone();
                p.instance = Some(path.clone());
                let rebuilt = problem_response(&p);
                res.into_response(rebuilt)
            }
            None => res,
        };
        let h = res.headers_mut();
        if let Some(rid) = rid.and_then(|r| HeaderValue::from_str(&r).ok()) {
            h.insert(HeaderName::from_static("x-request-id"), rid);
        }
        let csp = if path.starts_with("/api/docs") {
            CSP_DOCS
        } else {
            CSP_APP
        };
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
        h.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        h.insert(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"),
        );
        if path.starts_with("/api/v1") && !h.contains_key(header::CACHE_CONTROL) {
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        Ok(res)
    }
}

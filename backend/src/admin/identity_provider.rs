//! A force's identity provider for single sign-on, as its administrator sets it (the flow itself is
//! [`crate::kernel::auth::sso`]). The client secret is kept, never shown; leaving it out keeps it.

use crate::db::schema::identity_providers;
use crate::db::{now, AnyConnection, Db};
use crate::error::ApiError;
use crate::http::IfMatch;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::sso::{find_provider, ProviderRow};
use crate::kernel::auth::Caller;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::error::ErrorCode;
use bluelamp_shared::ids::ForceCode;
use bluelamp_shared::sso::{
    check_identity_provider, IdentityProviderDto, IdentityProviderRequest, UsernameClaim,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

fn dto(r: ProviderRow) -> IdentityProviderDto {
    IdentityProviderDto {
        force: ForceCode(r.force_code),
        issuer: r.issuer,
        client_id: r.client_id,
        client_secret_set: !r.client_secret.is_empty(),
        redirect_uri: r.redirect_uri,
        username_claim: UsernameClaim::parse(&r.username_claim).unwrap_or_default(),
        username_domain: r.username_domain,
        label: r.label,
        enabled: r.enabled,
        version: r.version,
        updated_at: DateTime::<Utc>::from_naive_utc_and_offset(r.updated_at, Utc),
    }
}

fn own(conn: &mut AnyConnection, caller: &Caller) -> Result<Option<ProviderRow>, ApiError> {
    Ok(find_provider(conn, &caller.force_code)?)
}

/// The caller's force's identity provider.
pub async fn get(db: &Db, caller: &Caller) -> Result<IdentityProviderDto, ApiError> {
    let c = caller.clone();
    db.read(move |conn| {
        own(conn, &c)?
            .map(dto)
            .ok_or_else(|| ApiError::not_found("identity provider"))
    })
    .await
}

/// Sets the caller's force's identity provider: the first time without `If-Match`, afterwards only at
/// the version read. Answers the settings and whether they were new.
pub async fn put(
    db: &Db,
    caller: &Caller,
    expected: Option<IfMatch>,
    req: IdentityProviderRequest,
) -> Result<(IdentityProviderDto, bool), ApiError> {
    let c = caller.clone();
    db.write(move |conn| {
        let current = own(conn, &c)?;
        let errors = check_identity_provider(&req, current.is_some());
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let secret = req
            .client_secret
            .as_deref()
            .map(str::trim)
            .or(current.as_ref().map(|r| r.client_secret.as_str()))
            .unwrap_or_default()
            .to_owned();
        let domain = req
            .username_domain
            .as_deref()
            .map(|d| d.trim().to_lowercase())
            .filter(|d| !d.is_empty());
        let values = (
            identity_providers::issuer.eq(req.issuer.trim()),
            identity_providers::client_id.eq(req.client_id.trim()),
            identity_providers::client_secret.eq(&secret),
            identity_providers::redirect_uri.eq(req.redirect_uri.trim()),
            identity_providers::username_claim.eq(req.username_claim.as_str()),
            identity_providers::username_domain.eq(&domain),
            identity_providers::label.eq(req.label.trim()),
            identity_providers::enabled.eq(req.enabled),
            identity_providers::updated_at.eq(now()),
        );
        let created = match &current {
            None => {
                diesel::insert_into(identity_providers::table)
                    .values((
                        identity_providers::force_code.eq(&c.force_code),
                        identity_providers::version.eq(1),
                        values,
                    ))
                    .execute(conn)?;
                true
            }
            Some(row) => {
                let Some(expected) = expected else {
                    return Err(ApiError::code(
                        ErrorCode::PreconditionRequired,
                        "Your force's identity provider is already set: send the ETag you read as If-Match",
                    ));
                };
                let v = expected.expect(row.version);
                let changed = diesel::update(
                    identity_providers::table
                        .filter(identity_providers::force_code.eq(&c.force_code))
                        .filter(identity_providers::version.eq(v)),
                )
                .set((identity_providers::version.eq(v + 1), values))
                .execute(conn)?;
                if changed == 0 {
                    return Err(ApiError::precondition_failed(crate::http::etag(row.version)));
                }
                false
            }
        };
        audit::append(
            conn,
            if created {
                AuditAction::Create
            } else {
                AuditAction::Update
            },
            Entry::by(&c)
                .owned_record("identity_provider", &c.force_code, &c.force_code)
                .detail(format!(
                    "single sign-on with {} ({}{}){}",
                    req.issuer.trim(),
                    if req.enabled { "offered" } else { "not offered" },
                    if req.client_secret.is_some() {
                        ", client secret set"
                    } else {
                        ""
                    },
                    if created { ", first set" } else { "" }
                )),
        )?;
        let row = own(conn, &c)?.ok_or_else(|| ApiError::not_found("identity provider"))?;
        Ok((dto(row), created))
    })
    .await
}

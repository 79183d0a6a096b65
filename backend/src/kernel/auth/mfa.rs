//! Multi-factor sign-in with an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30-second steps,
//! one step of clock drift either way). A code works once (the last step used is kept, RFC 6238 §5.2);
//! ten recovery codes, kept as SHA-256 hashes (they are random, so a fast hash is enough), each stand
//! in for one code. A force requires it of chosen roles (`mfa_policies`); a user of such a role who has
//! not set it up signs in to a session that can only enrol.

use crate::db::schema::{mfa_policies, recovery_codes, sessions, users};
use crate::db::{now, AnyConnection};
use crate::error::ApiError;
use bluelamp_shared::auth::Role;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

/// The issuer shown in the authenticator app.
const ISSUER: &str = "Bluelamp";
/// Seconds in one time step.
const STEP: u64 = 30;
/// How many recovery codes a user gets.
const RECOVERY_CODES: usize = 10;

fn totp(secret_b32: &str, account: &str) -> Result<TOTP, ApiError> {
    let bytes = Secret::Encoded(secret_b32.to_owned())
        .to_bytes()
        .map_err(|e| ApiError::internal(anyhow::anyhow!("stored TOTP secret: {e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        bytes,
        Some(ISSUER.to_owned()),
        account.replace(':', "."),
    )
    .map_err(|e| ApiError::internal(anyhow::anyhow!("TOTP: {e}")))
}

fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default()
}

/// A user's multi-factor columns.
#[derive(Debug, Clone, Queryable)]
struct Row {
    secret: Option<String>,
    pending: Option<String>,
    last_step: Option<i64>,
}

fn row(conn: &mut AnyConnection, user_id: &str) -> Result<Row, ApiError> {
    Ok(users::table
        .find(user_id)
        .select((
            users::totp_secret,
            users::totp_pending_secret,
            users::totp_last_step,
        ))
        .first(conn)?)
}

/// Whether the user has an authenticator app set up.
pub fn enrolled(conn: &mut AnyConnection, user_id: &str) -> Result<bool, ApiError> {
    Ok(row(conn, user_id)?.secret.is_some())
}

/// Whether the force requires multi-factor sign-in of any of these roles.
pub fn required(conn: &mut AnyConnection, force: &str, roles: &[Role]) -> Result<bool, ApiError> {
    let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    Ok(mfa_policies::table
        .filter(mfa_policies::force_code.eq(force))
        .filter(mfa_policies::role.eq_any(names))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// The roles the force requires it of.
pub fn policy(conn: &mut AnyConnection, force: &str) -> Result<Vec<Role>, ApiError> {
    let names: Vec<String> = mfa_policies::table
        .filter(mfa_policies::force_code.eq(force))
        .select(mfa_policies::role)
        .load(conn)?;
    let mut roles: Vec<Role> = names.iter().filter_map(|n| Role::parse(n)).collect();
    roles.sort();
    Ok(roles)
}

/// Replaces the roles the force requires it of.
pub fn set_policy(conn: &mut AnyConnection, force: &str, roles: &[Role]) -> Result<(), ApiError> {
    diesel::delete(mfa_policies::table.filter(mfa_policies::force_code.eq(force))).execute(conn)?;
    let mut names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    names.sort();
    names.dedup();
    for name in names {
        diesel::insert_into(mfa_policies::table)
            .values((mfa_policies::force_code.eq(force), mfa_policies::role.eq(name)))
            .execute(conn)?;
    }
    Ok(())
}

/// What a code given at sign-in came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// No second factor set up, or the code was right (and is now spent).
    Passed,
    /// A second factor is set up and no code came.
    Missing,
    /// The code was wrong, spent or expired.
    Wrong,
}

fn recovery_hash(code: &str) -> String {
    let tidy: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(tidy.as_bytes()))
}

/// The time step a 6-digit code matches for `secret`, if any, later than `after`.
fn matching_step(t: &TOTP, code: &str, after: Option<i64>, at: u64) -> Option<i64> {
    let here = at / STEP;
    [here.saturating_sub(1), here, here + 1]
        .into_iter()
        .find_map(|step| {
            let step_i = i64::try_from(step).ok()?;
            (after.is_none_or(|a| step_i > a) && t.generate(step * STEP) == code).then_some(step_i)
        })
}

/// Checks the second factor at sign-in, spending the code or recovery code that passes.
pub fn check_sign_in(
    conn: &mut AnyConnection,
    user_id: &str,
    username: &str,
    code: Option<&str>,
) -> Result<Check, ApiError> {
    let r = row(conn, user_id)?;
    let Some(secret) = r.secret else {
        return Ok(Check::Passed);
    };
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(Check::Missing);
    };
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        let t = totp(&secret, username)?;
        let Some(step) = matching_step(&t, code, r.last_step, unix_now()) else {
            return Ok(Check::Wrong);
        };
        // Spend the step only if no other sign-in spent it (or a later one) meanwhile: two sign-ins
        // racing with one code get one session.
        let spent = diesel::update(
            users::table
                .find(user_id)
                .filter(users::totp_last_step.is_null().or(users::totp_last_step.lt(step))),
        )
        .set(users::totp_last_step.eq(step))
        .execute(conn)?;
        return Ok(if spent == 1 { Check::Passed } else { Check::Wrong });
    }
    let spent = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(recovery_hash(code)))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Some(now())))
    .execute(conn)?;
    Ok(if spent == 1 { Check::Passed } else { Check::Wrong })
}

/// Starts setting up an authenticator app: a new secret, pending until confirmed.
pub fn start(
    conn: &mut AnyConnection,
    user_id: &str,
    username: &str,
) -> Result<Option<(String, String)>, ApiError> {
    if enrolled(conn, user_id)? {
        return Ok(None);
    }
    let secret = match Secret::generate_secret().to_encoded() {
        Secret::Encoded(s) => s,
        Secret::Raw(_) => return Err(ApiError::internal(anyhow::anyhow!("secret not encoded"))),
    };
    let uri = totp(&secret, username)?.get_url();
    diesel::update(users::table.find(user_id))
        .set(users::totp_pending_secret.eq(Some(&secret)))
        .execute(conn)?;
    Ok(Some((secret, uri)))
}

/// The QR code of an `otpauth://` URI, as SVG.
pub fn qr_svg(uri: &str) -> Result<String, ApiError> {
    let code =
        qrcode::QrCode::new(uri.as_bytes()).map_err(|e| ApiError::internal(anyhow::anyhow!("QR: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// Confirms the pending secret with a code: on success the second factor is on, the user's sessions
/// waiting for enrolment are released, and the recovery codes are answered (once). `None` if the
/// code is wrong or nothing is pending.
pub fn confirm(
    conn: &mut AnyConnection,
    user_id: &str,
    username: &str,
    code: &str,
) -> Result<Option<Vec<String>>, ApiError> {
    let r = row(conn, user_id)?;
    let Some(pending) = r.pending else {
        return Ok(None);
    };
    let t = totp(&pending, username)?;
    let Some(step) = matching_step(&t, code.trim(), None, unix_now()) else {
        return Ok(None);
    };
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(Some(&pending)),
            users::totp_pending_secret.eq(None::<String>),
            users::totp_enabled_at.eq(Some(now())),
            users::totp_last_step.eq(Some(step)),
        ))
        .execute(conn)?;
    diesel::update(sessions::table.filter(sessions::user_id.eq(user_id)))
        .set(sessions::mfa_enrolment_pending.eq(false))
        .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id))).execute(conn)?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    for c in &codes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(recovery_hash(c)),
            ))
            .execute(conn)?;
    }
    Ok(Some(codes))
}

/// Turns a user's second factor off (an administrator's reset after a lost phone): they set it up
/// again at their next sign-in if their role requires it.
pub fn reset(conn: &mut AnyConnection, user_id: &str) -> Result<(), ApiError> {
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_pending_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<chrono::NaiveDateTime>),
            users::totp_last_step.eq(None::<i64>),
        ))
        .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id))).execute(conn)?;
    Ok(())
}

/// A recovery code: 10 characters from an alphabet without look-alikes, shown as `XXXXX-XXXXX`.
fn new_recovery_code() -> String {
    let chars = super::password::random_text(10);
    format!("{}-{}", &chars[..5], &chars[5..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_the_next_and_previous_only() {
        let t = totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "ns.okafor").unwrap();
        let at = 1_800_000_000;
        let here = (at / STEP) as i64;
        let code = t.generate(at);
        assert_eq!(matching_step(&t, &code, None, at), Some(here));
        assert_eq!(matching_step(&t, &code, None, at + STEP), Some(here));
        assert_eq!(matching_step(&t, &code, None, at - STEP), Some(here));
        assert_eq!(matching_step(&t, &code, None, at + 2 * STEP), None);
        // Spent: the same step (or an earlier one) does not pass again.
        assert_eq!(matching_step(&t, &code, Some(here), at), None);
        assert_eq!(matching_step(&t, &code, Some(here - 1), at), Some(here));
    }

    #[test]
    fn recovery_codes_ignore_case_spaces_and_hyphens() {
        let c = new_recovery_code();
        assert_eq!(c.len(), 11);
        assert_eq!(
            recovery_hash(&c),
            recovery_hash(&c.to_lowercase().replace('-', " "))
        );
        assert_ne!(recovery_hash(&c), recovery_hash(&new_recovery_code()));
    }
}

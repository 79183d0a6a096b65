//! Single sign-on with a force's own identity provider (OpenID Connect, authorisation code flow with
//! PKCE): the configuration a force administrator keeps, the sign-in messages, and the rules that turn
//! a claim of the provider's ID token into a Bluelamp user name.
//!
//! Accounts are still created by administrators (roles are granted in Bluelamp, never taken from the
//! provider); the provider only proves who is signing in. See docs/adr/0016.

use crate::error::FieldError;
use crate::ids::ForceCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Which claim of the ID token names the Bluelamp user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UsernameClaim {
    /// `preferred_username` (Entra ID sends the user principal name, Keycloak the user name).
    #[default]
    PreferredUsername,
    /// `email`.
    Email,
    /// `sub`, the provider's stable subject identifier.
    Sub,
}

impl UsernameClaim {
    /// The claim's name, also the stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            UsernameClaim::PreferredUsername => "preferred_username",
            UsernameClaim::Email => "email",
            UsernameClaim::Sub => "sub",
        }
    }

    /// Parses the stored value.
    pub fn parse(s: &str) -> Option<Self> {
        [
            UsernameClaim::PreferredUsername,
            UsernameClaim::Email,
            UsernameClaim::Sub,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// A force's identity provider, as its administrator set it (the client secret is never shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IdentityProviderDto {
    /// The force whose staff sign in with it.
    pub force: ForceCode,
    /// The provider's issuer identifier; its discovery document is at
    /// `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    /// Bluelamp's client id, registered at the provider.
    pub client_id: String,
    /// Whether a client secret is kept (it is never sent back).
    pub client_secret_set: bool,
    /// Where the provider sends the browser back: the app's `/sign-in/callback` page, registered at
    /// the provider.
    pub redirect_uri: String,
    /// Which claim names the Bluelamp user.
    pub username_claim: UsernameClaim,
    /// A domain the claim must end with, taken off before matching (`@nsp.police.uk`), if any.
    pub username_domain: Option<String>,
    /// The button on the sign-in page (`North Shire Police account`).
    pub label: String,
    /// Whether the sign-in page offers it.
    pub enabled: bool,
    /// Version for optimistic concurrency (also sent as the `ETag`).
    pub version: i64,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

/// Set your force's identity provider (the first time, or replacing what is set: then send the `ETag`
/// you read as `If-Match`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct IdentityProviderRequest {
    /// The issuer identifier: `https://`, or `http://` on this machine only (`127.0.0.1`, `localhost`).
    #[serde(default)]
    #[schema(example = "https://login.microsoftonline.com/TENANT/v2.0")]
    pub issuer: String,
    /// Bluelamp's client id at the provider.
    #[serde(default)]
    #[schema(example = "bluelamp-rms")]
    pub client_id: String,
    /// The client secret; required the first time, kept as it was when absent afterwards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Where the provider sends the browser back: this app's address followed by `/sign-in/callback`.
    #[serde(default)]
    #[schema(example = "https://rms.nsp.police.uk/sign-in/callback")]
    pub redirect_uri: String,
    /// Which claim names the Bluelamp user.
    pub username_claim: UsernameClaim,
    /// A domain the claim must end with, taken off before matching: `@` and a domain name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "@nsp.police.uk")]
    pub username_domain: Option<String>,
    /// The button on the sign-in page: 3 to 60 characters.
    #[serde(default)]
    #[schema(example = "North Shire Police account")]
    pub label: String,
    /// Whether the sign-in page offers it.
    pub enabled: bool,
}

/// A force's identity provider as the sign-in page offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SsoProvider {
    /// The force.
    pub force: ForceCode,
    /// The force's name.
    pub force_name: String,
    /// The button's words.
    pub label: String,
}

/// Start signing in with a force's identity provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SsoStartRequest {
    /// The force whose provider to use.
    #[serde(default)]
    #[schema(example = "NS", max_length = 10)]
    pub force: String,
}

/// Where to send the browser to sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SsoStart {
    /// The provider's authorisation address (with `state`, `nonce` and the PKCE challenge).
    pub authorization_url: String,
    /// The `state` the provider will send back; keep it and check it on return, so a sign-in you did
    /// not start is refused.
    pub state: String,
    /// Seconds the sign-in may take before it must be started again.
    pub expires_in: i64,
}

/// Finish signing in with what the provider sent back to `/sign-in/callback`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SsoFinishRequest {
    /// The `state` from the return address.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub state: String,
    /// The `code` from the return address (omit it when sending `totp_code` after an `mfa_required`
    /// answer: the sign-in remembers who the provider said you are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 2000)]
    pub code: Option<String>,
    /// For an account with multi-factor sign-in, when the provider did not itself ask for a second
    /// factor: the 6-digit code from the authenticator app, or a recovery code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "492039", max_length = 20)]
    pub totp_code: Option<String>,
}

/// Seconds between starting a sign-in and finishing it (the provider's own page included).
pub const SIGN_IN_WINDOW_SECS: i64 = 600;
/// Longest issuer or redirect address.
pub const URL_MAX: usize = 300;
/// Shortest client id.
pub const CLIENT_ID_MIN: usize = 1;
/// Longest client id.
pub const CLIENT_ID_MAX: usize = 200;
/// Shortest client secret.
pub const SECRET_MIN: usize = 1;
/// Longest client secret.
pub const SECRET_MAX: usize = 500;
/// Shortest label.
pub const LABEL_MIN: usize = 3;
/// Longest label.
pub const LABEL_MAX: usize = 60;
/// Longest username domain.
pub const DOMAIN_MAX: usize = 100;

/// Whether `url` may be an issuer or return address: `https://` and a host, or `http://` to this
/// machine (for a provider run beside the server in a test or a demonstration); no spaces, no fragment.
pub fn acceptable_url(url: &str) -> bool {
    let host_part = |rest: &str| rest.split(['/', '?']).next().unwrap_or("").to_owned();
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.contains('#') {
        return false;
    }
    if let Some(rest) = url.strip_prefix("https://") {
        let host = host_part(rest);
        return !host.is_empty() && !host.starts_with(':') && !host.contains('@');
    }
    if let Some(rest) = url.strip_prefix("http://") {
        let host = host_part(rest);
        let name = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
        return matches!(name, "127.0.0.1" | "localhost" | "[::1]");
    }
    false
}

fn check_url(errors: &mut Vec<FieldError>, path: &str, url: &str, what: &str) {
    let url = url.trim();
    if url.is_empty() {
        errors.push(FieldError::new(path, "required", format!("Enter the {what}")));
    } else if url.chars().count() > URL_MAX {
        errors.push(FieldError::new(
            path,
            "length",
            format!("An address is at most {URL_MAX} characters"),
        ));
    } else if !acceptable_url(url) {
        errors.push(FieldError::new(
            path,
            "format",
            format!("The {what} is an https:// address (http:// only to this machine, for testing)"),
        ));
    }
}

/// The shared length rule, for one-line settings: a control character (a line break) is refused as
/// a length fault too.
fn check_length(errors: &mut Vec<FieldError>, path: &str, value: &str, min: usize, max: usize, what: &str) {
    let before = errors.len();
    crate::validation::check_length(errors, path, value, min, max, what);
    if errors.len() == before && value.chars().any(char::is_control) {
        errors.push(crate::validation::length_fault(path, min, max, what));
    }
}

/// Whether `domain` is `@` and a domain name (`@nsp.police.uk`).
pub fn valid_domain(domain: &str) -> bool {
    domain.strip_prefix('@').is_some_and(|d| {
        domain.len() <= DOMAIN_MAX
            && d.contains('.')
            && !d.starts_with('.')
            && !d.ends_with('.')
            && d.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

/// Checks an identity provider's settings; `secret_kept` says whether a secret is already stored (so
/// it may be left out).
pub fn check_identity_provider(r: &IdentityProviderRequest, secret_kept: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_url(&mut errors, "issuer", &r.issuer, "issuer address");
    check_length(
        &mut errors,
        "client_id",
        &r.client_id,
        CLIENT_ID_MIN,
        CLIENT_ID_MAX,
        "client id",
    );
    match &r.client_secret {
        Some(s) => check_length(
            &mut errors,
            "client_secret",
            s,
            SECRET_MIN,
            SECRET_MAX,
            "client secret",
        ),
        None if !secret_kept => errors.push(FieldError::new(
            "client_secret",
            "required",
            "Enter the client secret the provider gave you",
        )),
        None => {}
    }
    check_url(&mut errors, "redirect_uri", &r.redirect_uri, "return address");
    if !errors.iter().any(|e| e.path == "redirect_uri")
        && !r.redirect_uri.trim().ends_with("/sign-in/callback")
    {
        errors.push(FieldError::new(
            "redirect_uri",
            "format",
            "The return address is this app's address followed by /sign-in/callback",
        ));
    }
    if let Some(d) = &r.username_domain {
        if !valid_domain(d.trim()) {
            errors.push(FieldError::new(
                "username_domain",
                "format",
                format!(
                    "A domain is @ and a domain name such as @nsp.police.uk, at most {DOMAIN_MAX} characters"
                ),
            ));
        }
    }
    check_length(
        &mut errors,
        "label",
        &r.label,
        LABEL_MIN,
        LABEL_MAX,
        "button label",
    );
    errors
}

/// The Bluelamp user name a claim's value names: lowercased, less `domain` when one is set. `None`
/// when the value is empty or does not end with the domain (someone from another organisation at the
/// same provider).
pub fn username_from_claim(value: &str, domain: Option<&str>) -> Option<String> {
    let value = value.trim().to_lowercase();
    let name = match domain {
        Some(d) => value.strip_suffix(&d.trim().to_lowercase())?.to_owned(),
        None => value,
    };
    (!name.is_empty()).then_some(name)
}

/// Whether the provider says the person used a second factor (`amr` values of RFC 8176 that are one:
/// `mfa`, `otp`, `hwk`, `sms`, `sc`, `swk` with `pin`, `fpt`, `face`, `iris`, `retina`, `vbm`).
pub fn provider_asked_second_factor(amr: &[String]) -> bool {
    let has = |v: &str| amr.iter().any(|a| a == v);
    [
        "mfa", "otp", "hwk", "sms", "sc", "fpt", "face", "iris", "retina", "vbm",
    ]
    .into_iter()
    .any(has)
        || (has("swk") && has("pin"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(errors: Vec<FieldError>) -> Vec<String> {
        errors
            .into_iter()
            .map(|e| format!("{}:{}", e.path, e.code))
            .collect()
    }

    fn good() -> IdentityProviderRequest {
        IdentityProviderRequest {
            issuer: "https://login.example/tenant/v2.0".into(),
            client_id: "bluelamp".into(),
            client_secret: Some("s".into()),
            redirect_uri: "https://rms.example/sign-in/callback".into(),
            username_claim: UsernameClaim::PreferredUsername,
            username_domain: Some("@nsp.police.uk".into()),
            label: "NSP".into(),
            enabled: true,
        }
    }

    #[test]
    fn addresses_are_https_or_this_machine() {
        assert!(acceptable_url("https://login.example"));
        assert!(acceptable_url("https://login.example:8443/t/v2.0"));
        assert!(acceptable_url("http://127.0.0.1:4000"));
        assert!(acceptable_url("http://localhost/x"));
        assert!(acceptable_url("http://[::1]:9/x"));
        assert!(!acceptable_url("http://login.example"));
        assert!(!acceptable_url("http://127.0.0.2"));
        assert!(!acceptable_url("https://"));
        assert!(!acceptable_url("https://user@login.example"));
        assert!(!acceptable_url("https://login.example/a b"));
        assert!(!acceptable_url("https://login.example/#x"));
        assert!(!acceptable_url("ftp://login.example"));
    }

    #[test]
    fn a_complete_setting_passes_and_each_fault_is_named() {
        assert!(check_identity_provider(&good(), false).is_empty());
        let none = IdentityProviderRequest::default();
        assert_eq!(
            paths(check_identity_provider(&none, false)),
            [
                "issuer:required",
                "client_id:required",
                "client_secret:required",
                "redirect_uri:required",
                "label:required"
            ]
        );
        let kept = IdentityProviderRequest {
            client_secret: None,
            ..good()
        };
        assert!(check_identity_provider(&kept, true).is_empty());
        let wrong_return = IdentityProviderRequest {
            redirect_uri: "https://rms.example/callback".into(),
            ..good()
        };
        assert_eq!(
            paths(check_identity_provider(&wrong_return, true)),
            ["redirect_uri:format"]
        );
    }

    #[test]
    fn lengths_are_checked_at_their_limits() {
        let with = |label: &str, client_id: &str, issuer_len: usize| IdentityProviderRequest {
            label: label.into(),
            client_id: client_id.into(),
            issuer: format!("https://{}", "a".repeat(issuer_len - 8)),
            ..good()
        };
        assert!(check_identity_provider(&with("abc", "c", URL_MAX), true).is_empty());
        let max = with(&"l".repeat(LABEL_MAX), &"c".repeat(CLIENT_ID_MAX), URL_MAX);
        assert!(check_identity_provider(&max, true).is_empty());
        assert_eq!(
            paths(check_identity_provider(&with("ab", "c", URL_MAX + 1), true)),
            ["issuer:length", "label:length"]
        );
        assert_eq!(
            paths(check_identity_provider(
                &with(&"l".repeat(LABEL_MAX + 1), &"c".repeat(CLIENT_ID_MAX + 1), 20),
                true
            )),
            ["client_id:length", "label:length"]
        );
    }

    #[test]
    fn domains_are_an_at_sign_and_a_domain_name() {
        assert!(valid_domain("@nsp.police.uk"));
        assert!(valid_domain(&format!("@{}.uk", "a".repeat(DOMAIN_MAX - 4))));
        assert!(!valid_domain(&format!("@{}.uk", "a".repeat(DOMAIN_MAX - 3))));
        assert!(!valid_domain("nsp.police.uk"));
        assert!(!valid_domain("@police"));
        assert!(!valid_domain("@.police.uk"));
        assert!(!valid_domain("@police.uk."));
        assert!(!valid_domain("@nsp police.uk"));
    }

    #[test]
    fn claims_map_to_user_names() {
        assert_eq!(
            username_from_claim(" NS.Okafor ", None).as_deref(),
            Some("ns.okafor")
        );
        assert_eq!(
            username_from_claim("NS.Okafor@NSP.police.uk", Some("@nsp.police.uk")).as_deref(),
            Some("ns.okafor")
        );
        assert_eq!(
            username_from_claim("ns.okafor@wvp.police.uk", Some("@nsp.police.uk")),
            None
        );
        assert_eq!(
            username_from_claim("@nsp.police.uk", Some("@nsp.police.uk")),
            None
        );
        assert_eq!(username_from_claim("  ", None), None);
    }

    #[test]
    fn a_second_factor_is_read_from_amr() {
        let amr = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(!provider_asked_second_factor(&amr(&[])));
        assert!(!provider_asked_second_factor(&amr(&["pwd"])));
        assert!(provider_asked_second_factor(&amr(&["pwd", "otp"])));
        assert!(provider_asked_second_factor(&amr(&["mfa"])));
        assert!(!provider_asked_second_factor(&amr(&["swk"])));
        assert!(provider_asked_second_factor(&amr(&["swk", "pin"])));
    }

    #[test]
    fn claims_parse_from_their_names() {
        for c in [
            UsernameClaim::PreferredUsername,
            UsernameClaim::Email,
            UsernameClaim::Sub,
        ] {
            assert_eq!(UsernameClaim::parse(c.as_str()), Some(c));
        }
        assert_eq!(UsernameClaim::parse("upn"), None);
    }
}

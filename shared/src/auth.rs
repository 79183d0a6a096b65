//! Roles, what each gives its holder, and the sign-in / session messages.

use crate::forces::ForceDto;
use crate::ids::{SessionId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// A role a user holds. A user may hold several; access is the union of what they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Front-line officer attending incidents.
    ResponseOfficer,
    /// Detective or investigator carrying crimes to an outcome.
    Investigator,
    /// Sergeant supervising crimes and reviewing investigations.
    Supervisor,
    /// Custody sergeant: authorises detention, charges, releases.
    CustodyOfficer,
    /// Detention officer: visits, checks and care of detainees.
    DetentionOfficer,
    /// Inspector: PACE reviews before charge, supervision.
    Inspector,
    /// Superintendent: extensions of detention and authority for delays of rights.
    Superintendent,
    /// Intelligence-unit officer: evaluates, sanitises and disseminates intelligence.
    IntelligenceOfficer,
    /// Criminal-justice / case staff: prosecution files.
    CaseStaff,
    /// Force crime registrar: crime-recording standards, cancellations.
    ForceCrimeRegistrar,
    /// Force administrator: user accounts, sharing agreements, custody suites and the audit log of
    /// their own force.
    ForceAdmin,
    /// Consortium administrator: adds forces to the consortium (above the force administrators, who
    /// manage their own force).
    ConsortiumAdmin,
    /// Information manager: MoPI retention reviews and decisions for the force's records.
    InformationManager,
    /// Crown prosecutor (a partner account of the CPS): reads the case files sent to it and decides.
    Prosecutor,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 14] = [
        Role::ResponseOfficer,
        Role::Investigator,
        Role::Supervisor,
        Role::CustodyOfficer,
        Role::DetentionOfficer,
        Role::Inspector,
        Role::Superintendent,
        Role::IntelligenceOfficer,
        Role::CaseStaff,
        Role::ForceCrimeRegistrar,
        Role::ForceAdmin,
        Role::ConsortiumAdmin,
        Role::InformationManager,
        Role::Prosecutor,
    ];

    /// The snake_case wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ResponseOfficer => "response_officer",
            Role::Investigator => "investigator",
            Role::Supervisor => "supervisor",
            Role::CustodyOfficer => "custody_officer",
            Role::DetentionOfficer => "detention_officer",
            Role::Inspector => "inspector",
            Role::Superintendent => "superintendent",
            Role::IntelligenceOfficer => "intelligence_officer",
            Role::CaseStaff => "case_staff",
            Role::ForceCrimeRegistrar => "force_crime_registrar",
            Role::ForceAdmin => "force_admin",
            Role::ConsortiumAdmin => "consortium_admin",
            Role::InformationManager => "information_manager",
            Role::Prosecutor => "prosecutor",
        }
    }

    /// Whether a force administrator may grant it: every police role of the force. The prosecutor's
    /// role belongs to the CPS's partner accounts, which the force does not manage; the consortium
    /// administrator's is above any one force.
    pub fn granted_by_force(self) -> bool {
        !matches!(self, Role::Prosecutor | Role::ConsortiumAdmin)
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Role::ResponseOfficer => "Response officer",
            Role::Investigator => "Investigator",
            Role::Supervisor => "Supervisor",
            Role::CustodyOfficer => "Custody officer",
            Role::DetentionOfficer => "Detention officer",
            Role::Inspector => "Inspector",
            Role::Superintendent => "Superintendent",
            Role::IntelligenceOfficer => "Intelligence officer",
            Role::CaseStaff => "Criminal-justice / case staff",
            Role::ForceCrimeRegistrar => "Force crime registrar",
            Role::ForceAdmin => "Force administrator",
            Role::ConsortiumAdmin => "Consortium administrator",
            Role::InformationManager => "Information manager",
            Role::Prosecutor => "Crown prosecutor (CPS)",
        }
    }

    /// What the role lets its holder do.
    pub fn capabilities(self) -> &'static [Capability] {
        use Capability::*;
        match self {
            Role::ResponseOfficer => &[SearchIndex, RecordCrime, SubmitIntelligence, WriteStatements],
            Role::Investigator => &[
                SearchIndex,
                RecordCrime,
                InvestigateCrime,
                SubmitIntelligence,
                WriteStatements,
                BuildCaseFiles,
                MergePeople,
            ],
            Role::Supervisor => &[
                SearchIndex,
                RecordCrime,
                ReviewCrime,
                AllocateCrime,
                CertifyCaseFiles,
                MergePeople,
            ],
            Role::CustodyOfficer => &[SearchIndex, RunCustody, AuthoriseDetention, ChargeDetainee],
            Role::DetentionOfficer => &[SearchIndex, RunCustody],
            Role::Inspector => &[SearchIndex, ReviewDetention, ReviewCrime, AllocateCrime],
            Role::Superintendent => &[SearchIndex, ReviewDetention, ExtendDetention, AuthoriseDelays],
            Role::IntelligenceOfficer => &[
                SearchIndex,
                SubmitIntelligence,
                EvaluateIntelligence,
                ReadSourceRegister,
                MergePeople,
            ],
            Role::CaseStaff => &[SearchIndex, BuildCaseFiles, SubmitCaseFiles],
            Role::ForceCrimeRegistrar => &[
                SearchIndex,
                MergePeople,
                ApproveCancellations,
                AuditCrimeRecording,
            ],
            Role::ForceAdmin => &[ManageUsers, ManageSharing, ManageForceStructure, ReadAuditLog],
            Role::ConsortiumAdmin => &[ManageForces, ManageReferenceData],
            Role::InformationManager => &[SearchIndex, ReviewRetention],
            Role::Prosecutor => &[DecideCaseFiles],
        }
    }
}

/// The modules of Bluelamp, as they appear in the app's navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Module {
    /// The shared index of people, objects, locations and events.
    Search,
    /// Crime recording to outcome.
    Investigation,
    /// Graded intelligence reports.
    Intelligence,
    /// PACE-compliant detention.
    Custody,
    /// Prosecution files for the CPS.
    Case,
    /// Users and the audit log.
    Admin,
}

impl Module {
    /// Every module in navigation order.
    pub const ALL: [Module; 6] = [
        Module::Search,
        Module::Investigation,
        Module::Intelligence,
        Module::Custody,
        Module::Case,
        Module::Admin,
    ];

    /// The name users see.
    pub fn label(self) -> &'static str {
        match self {
            Module::Search => "Search",
            Module::Investigation => "Investigation",
            Module::Intelligence => "Intelligence",
            Module::Custody => "Custody",
            Module::Case => "Case",
            Module::Admin => "Administration",
        }
    }
}

/// One thing a role allows, shown on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Search people, objects, locations and events.
    SearchIndex,
    /// Merge duplicate people into one record, and undo a merge (a data-quality decision).
    MergePeople,
    /// Record incidents and crimes.
    RecordCrime,
    /// Investigate allocated crimes.
    InvestigateCrime,
    /// Review crimes awaiting supervision.
    ReviewCrime,
    /// Allocate crimes to officers and queues.
    AllocateCrime,
    /// Approve crime cancellations.
    ApproveCancellations,
    /// Audit crime-recording compliance.
    AuditCrimeRecording,
    /// Submit intelligence reports.
    SubmitIntelligence,
    /// Evaluate, sanitise and disseminate intelligence.
    EvaluateIntelligence,
    /// Read the protected source register.
    ReadSourceRegister,
    /// Keep custody records: visits, care, medication.
    RunCustody,
    /// Authorise detention on booking-in.
    AuthoriseDetention,
    /// Charge a detainee.
    ChargeDetainee,
    /// Carry out PACE reviews of detention.
    ReviewDetention,
    /// Extend detention to 36 hours.
    ExtendDetention,
    /// Authorise delays to detainees' rights.
    AuthoriseDelays,
    /// Write witness statements.
    WriteStatements,
    /// Build prosecution case files.
    BuildCaseFiles,
    /// Certify case summaries.
    CertifyCaseFiles,
    /// Submit case files to the CPS.
    SubmitCaseFiles,
    /// Read the case files sent to the CPS and decide on them (prosecutors).
    DecideCaseFiles,
    /// Manage user accounts of the force.
    ManageUsers,
    /// Propose, answer, suspend and end the force's sharing agreements.
    ManageSharing,
    /// Manage the force's custody suites and its force-local reference values.
    ManageForceStructure,
    /// Add forces to the consortium.
    ManageForces,
    /// Apply new editions of the national reference lists.
    ManageReferenceData,
    /// Query and export the audit log.
    ReadAuditLog,
    /// Review the force's records under MoPI: override a group, decide a review.
    ReviewRetention,
}

impl Capability {
    /// The module the capability belongs to.
    pub fn module(self) -> Module {
        use Capability::*;
        match self {
            SearchIndex | MergePeople => Module::Search,
            RecordCrime | InvestigateCrime | ReviewCrime | AllocateCrime | ApproveCancellations
            | AuditCrimeRecording => Module::Investigation,
            SubmitIntelligence | EvaluateIntelligence | ReadSourceRegister => Module::Intelligence,
            RunCustody | AuthoriseDetention | ChargeDetainee | ReviewDetention | ExtendDetention
            | AuthoriseDelays => Module::Custody,
            WriteStatements | BuildCaseFiles | CertifyCaseFiles | SubmitCaseFiles | DecideCaseFiles => {
                Module::Case
            }
            ManageUsers | ManageSharing | ManageForceStructure | ManageForces | ManageReferenceData
            | ReadAuditLog | ReviewRetention => Module::Admin,
        }
    }

    /// A sentence users see.
    pub fn label(self) -> &'static str {
        use Capability::*;
        match self {
            SearchIndex => "Search people, objects, locations and events across the consortium",
            MergePeople => "Merge duplicate people, and undo a merge",
            RecordCrime => "Record incidents and crimes",
            InvestigateCrime => "Investigate crimes allocated to you",
            ReviewCrime => "Review crimes awaiting supervision",
            AllocateCrime => "Allocate crimes to officers and queues",
            ApproveCancellations => "Approve crime cancellations",
            AuditCrimeRecording => "Audit crime-recording compliance",
            SubmitIntelligence => "Submit intelligence reports",
            EvaluateIntelligence => "Evaluate, sanitise and disseminate intelligence",
            ReadSourceRegister => "Read the protected source register",
            RunCustody => "Keep custody records: visits, care and medication",
            AuthoriseDetention => "Authorise detention on booking-in",
            ChargeDetainee => "Charge detainees",
            ReviewDetention => "Carry out PACE reviews of detention",
            ExtendDetention => "Extend detention to 36 hours",
            AuthoriseDelays => "Authorise delays to detainees' rights",
            WriteStatements => "Write witness statements",
            BuildCaseFiles => "Build prosecution case files",
            CertifyCaseFiles => "Certify case summaries (MG5)",
            SubmitCaseFiles => "Submit case files to the CPS",
            DecideCaseFiles => "Decide on case files sent to the CPS: charge, accept or return",
            ManageUsers => "Manage your force's user accounts",
            ManageSharing => "Propose, accept, suspend and end your force's sharing agreements",
            ManageForceStructure => {
                "Manage your force's stations, teams, units, custody suites and its own reference values"
            }
            ManageForces => "Add forces to the consortium",
            ManageReferenceData => "Apply new editions of the national reference lists",
            ReadAuditLog => "Query and export the audit log",
            ReviewRetention => "Review the force's records for retention (MoPI) and decide each review",
        }
    }
}

/// The capabilities a set of roles gives, without repeats, grouped in module order.
pub fn capabilities_of(roles: &[Role]) -> Vec<Capability> {
    let mut caps: Vec<Capability> = roles
        .iter()
        .flat_map(|r| r.capabilities().iter().copied())
        .collect();
    caps.sort_by_key(|c| (c.module(), *c));
    caps.dedup();
    caps
}

/// The modules a set of roles opens.
pub fn modules_of(roles: &[Role]) -> Vec<Module> {
    let mut m: Vec<Module> = capabilities_of(roles)
        .into_iter()
        .map(Capability::module)
        .collect();
    m.dedup();
    m
}

/// One of the signed-in user's own sessions (a sign-in on one browser or device).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionDto {
    /// The session.
    pub id: SessionId,
    /// When it was signed in.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_active_at: DateTime<Utc>,
    /// When it ends at the latest.
    pub expires_at: DateTime<Utc>,
    /// The browser or client that signed in, as it said.
    pub user_agent: Option<String>,
    /// Whether this is the session making the request.
    pub current: bool,
}

/// How many sessions a sign-out ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SessionsEnded {
    /// Sessions ended.
    pub ended: u32,
}

/// The kind of account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A police officer or member of police staff.
    Officer,
    /// A partner agency's system or user (CPS, victim services...).
    Partner,
}

/// Sign-in with user name and password.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct SignInRequest {
    /// The user name given by the force administrator (case-insensitive).
    #[serde(default)]
    #[validate(length(min = 1, code = "required", message = "Enter your user name"))]
    #[schema(example = "ns.hughes")]
    pub username: String,
    /// The password.
    #[serde(default)]
    #[validate(length(min = 1, code = "required", message = "Enter your password"))]
    #[schema(example = "correct horse battery staple")]
    pub password: String,
    /// For an account with multi-factor sign-in: the 6-digit code from the authenticator app, or one
    /// of the recovery codes (each works once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "492039", max_length = 20)]
    pub totp_code: Option<String>,
}

/// Exchange a refresh token for a fresh access token.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate, ToSchema)]
pub struct RefreshRequest {
    /// The refresh token returned by sign-in or the previous refresh (each is single-use).
    #[serde(default)]
    #[validate(length(min = 1, code = "required", message = "A refresh token is required"))]
    pub refresh_token: String,
    /// Whether the user has used the app (typed, clicked) since the last refresh. Only user
    /// activity keeps a session from ending after the idle timeout; background refreshes do not.
    #[serde(default)]
    pub user_active: bool,
}

/// Tokens for a signed-in session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SessionTokens {
    /// A short-lived JWT for the `Authorization: Bearer` header.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// When the access token expires.
    pub access_expires_at: DateTime<Utc>,
    /// Single-use token to obtain the next access token (rotated on every refresh).
    pub refresh_token: String,
    /// The session; it ends after `idle_timeout_secs` without activity.
    pub session_id: SessionId,
    /// Idle time after which the session ends.
    pub idle_timeout_secs: i64,
    /// The signed-in user.
    pub user: Me,
    /// What the user should know as they sign in (for example that their account was locked after
    /// failed sign-ins since they last signed in). Absent when there is nothing to tell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// The signed-in user, with what their roles give them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Me {
    /// The user's id.
    pub id: UserId,
    /// User name used to sign in.
    pub username: String,
    /// Full name.
    pub display_name: String,
    /// Collar (warrant/staff) number.
    pub collar_number: String,
    /// Rank or grade.
    pub rank: String,
    /// The user's force.
    pub force: ForceDto,
    /// Officer or partner account.
    pub kind: AccountKind,
    /// Roles held.
    pub roles: Vec<Role>,
    /// What the roles allow, in module order.
    pub capabilities: Vec<Capability>,
    /// The modules the user can open.
    pub modules: Vec<Module>,
    /// Whether the user has multi-factor sign-in (an authenticator app) set up.
    #[serde(default)]
    pub mfa_enrolled: bool,
    /// Whether a role of the user requires multi-factor sign-in and it is not set up: until it is,
    /// only the enrolment is open.
    #[serde(default)]
    pub mfa_enrolment_required: bool,
}

/// The start of setting up an authenticator app: scan the QR code (or type the secret), then confirm
/// with a code it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TotpEnrolment {
    /// The shared secret, base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://` URI the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG image.
    pub qr_svg: String,
}

/// Confirm the authenticator app with a code it shows now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConfirmTotpRequest {
    /// The 6-digit code.
    #[serde(default)]
    #[schema(example = "492039", pattern = "^[0-9]{6}$")]
    pub code: String,
}

/// Recovery codes: each signs in once in place of an authenticator code. Shown once; keep them safe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecoveryCodes {
    /// The codes.
    pub codes: Vec<String>,
}

/// Which roles of the force must sign in with multi-factor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MfaPolicy {
    /// The roles (police roles of the force) that must set up an authenticator app.
    #[serde(default)]
    pub required_roles: Vec<Role>,
}

/// Helper used by both sides to build [`Me`]'s derived lists.
pub fn describe_roles(roles: &[Role]) -> (Vec<Capability>, Vec<Module>) {
    (capabilities_of(roles), modules_of(roles))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_wire_names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(json, format!("\"{}\"", r.as_str()));
        }
        assert_eq!(Role::parse("chief_constable"), None);
    }

    #[test]
    fn every_role_gives_something_and_capabilities_are_deduplicated() {
        for r in Role::ALL {
            assert!(!r.capabilities().is_empty(), "{r:?}");
        }
        let caps = capabilities_of(&[Role::ResponseOfficer, Role::Investigator]);
        let mut sorted = caps.clone();
        sorted.dedup();
        assert_eq!(caps, sorted);
        assert!(caps.contains(&Capability::InvestigateCrime));
        assert_eq!(modules_of(&[Role::ForceAdmin]), vec![Module::Admin]);
        let mergers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.capabilities().contains(&Capability::MergePeople))
            .collect();
        assert_eq!(
            mergers,
            vec![
                Role::Investigator,
                Role::Supervisor,
                Role::IntelligenceOfficer,
                Role::ForceCrimeRegistrar
            ]
        );
        assert_eq!(
            modules_of(&[Role::CustodyOfficer]),
            vec![Module::Search, Module::Custody]
        );
    }
}

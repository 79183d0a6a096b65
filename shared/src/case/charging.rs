//! The charging route (DG6): who decides the charge, with its reason.

use super::*;

/// Who may make the charging decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// The police may charge.
    PoliceMayCharge,
    /// The case must be referred to the CPS for the decision.
    CpsDecides,
}

/// The charging route with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChargingRoute {
    /// Who decides.
    pub route: Route,
    /// Why, in words a user can check against the guidance.
    pub reason: String,
}

/// The facts of a case that decide the charging route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteFacts<'a> {
    /// The offences (reference data) the suspects are charged or to be charged with.
    pub offences: &'a [Offence],
    /// The crime is flagged as domestic abuse.
    pub domestic_abuse: bool,
    /// The crime is flagged with a hate-crime strand.
    pub hate_crime: bool,
    /// The plea anticipated (none: not yet known, as on a pre-charge file).
    pub anticipated_guilty: Option<bool>,
}

/// Works out who may charge (DG6): the CPS decides anything indictable-only, any domestic abuse or
/// hate crime and the offences reference data marks for referral (GBH/ABH, harassment, stalking,
/// deaths...); otherwise the police may charge summary-only offences, retail theft whatever the
/// plea, and either-way offences where a guilty plea is anticipated.
pub fn charging_route(f: &RouteFacts<'_>) -> ChargingRoute {
    let cps = |reason: String| ChargingRoute {
        route: Route::CpsDecides,
        reason,
    };
    let police = |reason: &str| ChargingRoute {
        route: Route::PoliceMayCharge,
        reason: reason.to_owned(),
    };
    if f.offences.is_empty() {
        return cps("No offence is recorded for a charge yet".to_owned());
    }
    if let Some(o) = f
        .offences
        .iter()
        .find(|o| o.mode_of_trial == ModeOfTrial::Indictable)
    {
        return cps(format!("{} is indictable only", o.label));
    }
    if f.domestic_abuse {
        return cps("Domestic abuse cases must be referred to the CPS".to_owned());
    }
    if f.hate_crime {
        return cps("Hate crime cases must be referred to the CPS".to_owned());
    }
    if let Some(o) = f.offences.iter().find(|o| o.cps_referral.is_some()) {
        return cps(format!(
            "{}: {}",
            o.label,
            o.cps_referral.as_deref().unwrap_or_default()
        ));
    }
    let either_way: Vec<&Offence> = f
        .offences
        .iter()
        .filter(|o| o.mode_of_trial == ModeOfTrial::EitherWay)
        .collect();
    if either_way.is_empty() {
        return police("Summary-only offences: the police may charge");
    }
    if either_way
        .iter()
        .all(|o| o.classification == RETAIL_THEFT_CLASSIFICATION)
    {
        return police("Retail theft: the police may charge whatever the anticipated plea");
    }
    match f.anticipated_guilty {
        Some(true) => police("Either-way offence with a guilty plea anticipated: the police may charge"),
        Some(false) => {
            cps("Either-way offence with a not guilty plea anticipated: the CPS decides".to_owned())
        }
        None => cps("Either-way offence and the plea is not yet anticipated: the CPS decides".to_owned()),
    }
}

/// A charge on the file: the offence code with its wording from reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Charge {
    /// Offence code.
    pub offence: String,
    /// The wording.
    pub wording: String,
    /// The legislation.
    pub legislation: String,
    /// How it may be tried.
    pub mode_of_trial: ModeOfTrial,
}

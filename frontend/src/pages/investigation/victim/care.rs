//! A victim's care under the Victims' Code: the form, saved with `If-Match`.

use super::{opt, parse_yes_no, yes_no, CodeChecks};
use crate::components::field::{SelectField, TextField};
use crate::components::record::{choices, use_reference_data};
use crate::components::time::today_text;
use crate::pages::investigation::crime::CrimeCtx;
use bluelamp_shared::error::FieldError;
use bluelamp_shared::investigation::victims::{check_care, VictimCare};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

/// The care form's inputs.
#[derive(Debug, Clone, Copy)]
struct CareInputs {
    assessed: RwSignal<String>,
    needs: RwSignal<Vec<String>>,
    enhanced: RwSignal<Vec<String>>,
    update_method: RwSignal<String>,
    update_frequency: RwSignal<String>,
    safe: RwSignal<String>,
    safe_method: RwSignal<String>,
    safe_number: RwSignal<String>,
    consent: RwSignal<String>,
    vulnerabilities: RwSignal<Vec<String>>,
}

impl CareInputs {
    fn new(c: &VictimCare) -> Self {
        let assessed = RwSignal::new(
            c.needs_assessed_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        );
        let needs = RwSignal::new(c.needs.clone());
        let enhanced = RwSignal::new(c.enhanced_reasons.clone());
        let update_method = RwSignal::new(c.update_method.clone().unwrap_or_default());
        let update_frequency = RwSignal::new(c.update_frequency.clone().unwrap_or_default());
        let safe = RwSignal::new(yes_no(c.safe_to_contact));
        let safe_method = RwSignal::new(c.safe_contact_method.clone().unwrap_or_default());
        let safe_number = RwSignal::new(c.safe_contact_number.clone().unwrap_or_default());
        let consent = RwSignal::new(yes_no(c.consent_to_referral));
        let vulnerabilities = RwSignal::new(c.vulnerabilities.clone());
        Self {
            assessed,
            needs,
            enhanced,
            update_method,
            update_frequency,
            safe,
            safe_method,
            safe_number,
            consent,
            vulnerabilities,
        }
    }

    /// The care as entered, and every problem with it.
    fn read(self) -> (VictimCare, Vec<FieldError>) {
        let Self {
            assessed,
            needs,
            enhanced,
            update_method,
            update_frequency,
            safe,
            safe_method,
            safe_number,
            consent,
            vulnerabilities,
        } = self;
        let mut problems = Vec::new();
        let a = assessed.get_untracked();
        let needs_assessed_on = NaiveDate::parse_from_str(a.trim(), "%Y-%m-%d").ok();
        if !a.trim().is_empty() && needs_assessed_on.is_none() {
            problems.push(FieldError::new(
                "needs_assessed_on",
                "format",
                "Enter a real date",
            ));
        }
        let care = VictimCare {
            needs_assessed_on,
            needs: needs.get_untracked(),
            enhanced_reasons: enhanced.get_untracked(),
            update_method: opt(update_method),
            update_frequency: opt(update_frequency),
            safe_to_contact: parse_yes_no(&safe.get_untracked()),
            safe_contact_method: opt(safe_method),
            safe_contact_number: opt(safe_number),
            consent_to_referral: parse_yes_no(&consent.get_untracked()),
            vulnerabilities: vulnerabilities.get_untracked(),
        };
        let today = NaiveDate::parse_from_str(&today_text(), "%Y-%m-%d").unwrap_or_default();
        problems.extend(check_care(&care, today));
        (care, problems)
    }
}

/// The care form (needs, entitlements, updates, safe contact, consent).
#[component]
pub(super) fn CareDetails(
    ctx: CrimeCtx,
    vid: Uuid,
    version: i64,
    c: VictimCare,
    /// Id prefix (`victim-{id}`).
    p: String,
) -> impl IntoView {
    let refdata = use_reference_data();
    let f = CareInputs::new(&c);
    let CareInputs {
        assessed,
        needs,
        enhanced,
        update_method,
        update_frequency,
        safe,
        safe_method,
        safe_number,
        consent,
        vulnerabilities,
    } = f;
    let busy = RwSignal::new(false);

    let prefix = p.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (care, problems) = f.read();
        if !problems.is_empty() {
            ctx.invalid(&prefix, &problems);
            return;
        }
        busy.set(true);
        let prefix = prefix.clone();
        spawn_local(async move {
            let r = ctx.client.update_victim(vid, &care, version).await;
            let _ = busy.try_set(false);
            match r {
                Ok(_) => ctx.saved(None, "Victim care saved."),
                Err(e) => ctx.fail(&prefix, e),
            }
        });
    };

    let yes_no_choices = Signal::derive(|| {
        vec![
            ("yes".to_owned(), "Yes".to_owned()),
            ("no".to_owned(), "No".to_owned()),
        ]
    });
    let methods = Signal::derive(move || refdata.with(|d| choices(d, "contact_method")));
    let frequencies = Signal::derive(move || refdata.with(|d| choices(d, "update_frequency")));
    let pv = StoredValue::new(p.clone());
    let id = move |f: &str| format!("{}-{f}", pv.get_value());
    view! {
        <details class="details">
            <summary class="details__summary">"Care under the Victims' Code"</summary>
            <form novalidate on:submit=save>
                <TextField
                    id=id("needs-assessed-on")
                    label="Needs assessed on"
                    input_type="date"
                    value=assessed
                    error=ctx.err(id("needs-assessed-on"))
                />
                <CodeChecks prefix=id("needs") legend="Needs found" vocabulary="victim_need" selected=needs />
                <CodeChecks
                    prefix=id("enhanced-reasons")
                    legend="Enhanced entitlements because"
                    vocabulary="enhanced_reason"
                    selected=enhanced
                />
                <CodeChecks prefix=id("vulnerabilities") legend="Vulnerabilities" vocabulary="vulnerability" selected=vulnerabilities />
                <div class="inline-fields">
                    <SelectField id=id("update-method") label="Updates by" value=update_method options=methods error=ctx.err(id("update-method")) empty="Not asked" />
                    <SelectField
                        id=id("update-frequency")
                        label="How often"
                        value=update_frequency
                        options=frequencies
                        error=ctx.err(id("update-frequency"))
                        empty="Not asked"
                    />
                </div>
                <div class="inline-fields">
                    <SelectField id=id("safe-to-contact") label="Safe to contact?" value=safe options=yes_no_choices error=ctx.err(id("safe-to-contact")) empty="Not asked" />
                    <SelectField
                        id=id("safe-contact-method")
                        label="Safe way to contact"
                        value=safe_method
                        options=methods
                        error=ctx.err(id("safe-contact-method"))
                        empty="Not asked"
                    />
                    <TextField id=id("safe-contact-number") label="Safe number" input_type="tel" value=safe_number error=ctx.err(id("safe-contact-number")) />
                </div>
                <SelectField
                    id=id("consent-to-referral")
                    label="Consents to referral to victim services?"
                    value=consent
                    options=yes_no_choices
                    error=ctx.err(id("consent-to-referral"))
                    empty="Not asked"
                />
                <button type="submit" class="button button--secondary" data-testid="save-care" aria-disabled=move || busy.get().to_string()>
                    "Save care"
                </button>
            </form>
        </details>
    }
}

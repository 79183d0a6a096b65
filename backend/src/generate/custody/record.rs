//! One open custody record: the detention's times, the arrest, booking in (risk assessment and
//! medication), rights, visits, doses, PACE reviews and an extension, each written as the custody
//! service writes its entry, then the record row, its detainee link and its grants.

use super::{minutes, Context, RecordWriter, Suite, Tables};
use crate::custody::restriction;
use crate::generate::{pick, Counts, Generator, Val, FORCES, PNC_CHECK, SURNAMES};
use bluelamp_shared::custody::{
    risk_calls_for, ArrestDetails, CustodyEntry, DoseEntry, DoseOutcome, ExtensionEntry, Prescription,
    ReviewDecision, ReviewEntry, Right, RightStatus, RightsEntry, RiskAnswer, RiskAssessmentEntry,
    RiskQuestion, VisitEntry, VisitKind, OFFICER_DEFINED_ETHNICITIES, SELF_DEFINED_ETHNICITIES,
};
use bluelamp_shared::records::Grantee;
use chrono::{DateTime, Datelike, NaiveTime, TimeZone, Utc};
use rand::Rng;
use std::collections::HashSet;

/// At most this many visits per record (the latest are kept).
const MAX_VISITS: usize = 48;
/// At most this many doses per prescription.
const MAX_DOSES: usize = 4;

/// A prescription as written: its entry id, the prescription, and when its schedule runs from.
type Prescribed = (String, Prescription, DateTime<Utc>);

/// When a record's detention began and was authorised.
struct Detention {
    /// Held beyond 24 hours on a superintendent's extension to 36 hours.
    extended: bool,
    /// The relevant time the detention clock runs from.
    relevant: DateTime<Utc>,
    /// When detention was authorised.
    decided: DateTime<Utc>,
}

/// What the record row says, drawn before its entries.
struct RecordRow {
    number: String,
    arrest: ArrestDetails,
    indictable: bool,
    asn: String,
    ethnicity: &'static str,
    officer_defined: &'static str,
    nationality: &'static str,
    relevant: DateTime<Utc>,
    decided: DateTime<Utc>,
}

/// A medicine as prescribed: (medicine, dose, every so many minutes, or times of day).
type Medicine = (&'static str, &'static str, Option<i64>, &'static [(u32, u32)]);

#[rustfmt::skip]
const MEDICINES: &[Medicine] = &[
    ("Paracetamol", "1 g", Some(360), &[]),
    ("Ibuprofen", "400 mg", Some(480), &[]),
    ("Salbutamol inhaler", "2 puffs", Some(240), &[]),
    ("Co-codamol 30/500", "2 tablets", Some(360), &[]),
    ("Sertraline", "50 mg", None, &[(8, 0)]),
    ("Metformin", "500 mg", None, &[(8, 0), (18, 0)]),
    ("Diazepam", "5 mg", None, &[(8, 0), (14, 0), (20, 0)]),
    ("Methadone (oral solution)", "60 ml", None, &[(9, 0)]),
    ("Insulin glargine", "20 units", None, &[(22, 0)]),
    ("Levothyroxine", "100 micrograms", None, &[(7, 30)]),
    ("Amlodipine", "5 mg", None, &[(9, 0)]),
    ("Quetiapine", "100 mg", None, &[(21, 0)]),
];

const PRESCRIBERS: &[&str] = &[
    "Custody nurse (HCP) J. Bell",
    "Dr A. Shah, forensic medical examiner",
    "Own GP, confirmed by telephone",
    "Paramedic (HCP) M. Grant",
];

const RISK_NOTES: &[&str] = &[
    "Calm and cooperative at the desk.",
    "Smelt of alcohol, unsteady on feet; speech slurred.",
    "Tearful, said they had been having a hard time; no current thoughts of self-harm.",
    "Abusive at first, settled once in the cell.",
    "Says they take medication daily; GP details taken.",
    "Small graze to left hand from arrest; no other injury seen.",
];

const VISIT_RESPONSES: &[&str] = &[
    "Lying on the bench, breathing seen",
    "Awake, asked for a drink; water given",
    "Asleep, breathing regular",
    "Spoken to, answered clearly",
    "Sitting up, asked when the interview is",
    "Awake, asked for a blanket; given",
];

const REVIEW_GROUNDS: &[&str] = &[
    "Detention necessary to obtain evidence by questioning: interview awaited with the solicitor.",
    "Detention necessary to secure and preserve evidence: search of the address under way.",
    "Enquiries continue: CCTV being viewed and witness statements taken.",
    "Awaiting the CPS charging decision; detention still necessary.",
];

const REPRESENTATIONS: &[&str] = &[
    "",
    "None made; detainee asleep and not woken (Code C 15.3A).",
    "Detainee said they want to go home.",
    "Solicitor made representations by telephone that detention is no longer necessary.",
];

const DECISION_REASONS: &[&str] = &[
    "To secure and preserve evidence relating to the offence (s.37(2))",
    "To obtain evidence by questioning (s.37(2))",
    "To secure and preserve evidence and to obtain evidence by questioning (s.37(2))",
];

const NECESSITY: &[&str] = &[
    "To allow the prompt and effective investigation of the offence (Code G 2.9(e))",
    "To prevent physical injury to another person (Code G 2.9(c)(i))",
    "To protect a vulnerable person (Code G 2.9(c)(v))",
    "To ascertain the person's name and address (Code G 2.9(a), (b))",
];

const NATIONALITIES: &[&str] = &[
    "Irish",
    "Polish",
    "Romanian",
    "Nigerian",
    "Indian",
    "Pakistani",
    "Portuguese",
];

/// The chance of a "yes" to a risk question (every detainee here takes medication).
fn risk_yes(code: &str) -> f64 {
    match code {
        "medication" => 1.0,
        "injury_illness" => 0.25,
        "mental_health" => 0.3,
        "self_harm_history" => 0.15,
        "suicidal_now" => 0.03,
        "intoxicated" => 0.3,
        "head_injury" => 0.05,
        "vulnerable" => 0.08,
        _ => 0.1,
    }
}

impl Generator {
    fn minutes_between(&mut self, from: i64, to: i64) -> chrono::Duration {
        minutes(self.rng.gen_range(from..=to))
    }

    /// Writes one entry of `w`'s record: `at` is when it happened (the entry's own time, else
    /// `default_at`); it was recorded `recorded_after` later (a random minute or so when none).
    /// Entries added after booking in bump the record's version, as `add_entry` does.
    fn custody_entry(
        &mut self,
        w: &mut RecordWriter<'_>,
        entry: &CustodyEntry,
        default_at: DateTime<Utc>,
        recorded_after: Option<chrono::Duration>,
        by: &str,
    ) -> anyhow::Result<String> {
        let id = self.id();
        let at = entry.at().unwrap_or(default_at);
        let after = recorded_after.unwrap_or_else(|| chrono::Duration::seconds(self.rng.gen_range(20..300)));
        let recorded = (at + after).min(w.now);
        let data = serde_json::to_string(entry)?;
        w.t.entries.row(&[
            Val::S(&id),
            Val::S(&w.id),
            Val::S(entry.kind()),
            Val::T(at.naive_utc()),
            Val::S(&data),
            Val::S(by),
            Val::T(recorded.naive_utc()),
        ]);
        w.counts.custody_entries += 1;
        w.updated = w.updated.max(recorded);
        if !matches!(
            entry,
            CustodyEntry::RiskAssessment(_) | CustodyEntry::Prescription(_)
        ) {
            w.version += 1;
        }
        Ok(id)
    }

    /// One open custody record of `suite` in `cell` for `person`, with its entries, link and
    /// grants. The steps draw on the random generator in the order they run here.
    pub(super) fn custody_record(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        cx: &mut Context,
        suite: &Suite,
        cell: &str,
        person: &str,
    ) -> anyhow::Result<()> {
        let now = cx.now;
        let force_index = FORCES.iter().position(|f| *f == suite.force).unwrap_or(0);
        let staff = &cx.staff[&suite.force];
        let (custody_officer, detention_officer, inspector, superintendent) = (
            staff.custody_officer.clone(),
            staff.detention_officer.clone(),
            staff.inspector.clone(),
            staff.superintendent.clone(),
        );
        let d = self.detention(now);
        let (arrest, indictable) = self.arrest(cx, &d, force_index);
        let year = d.decided.year();
        let n = {
            let last = cx.numbers.entry((suite.force.clone(), year)).or_insert(0);
            *last += 1;
            *last
        };
        let mut w = RecordWriter {
            t,
            counts,
            id: self.id(),
            now,
            version: 1,
            updated: d.decided,
        };
        let row = self.record_row(&suite.force, force_index, year, n, arrest, indictable, &d);
        let (level, rousing, prescriptions) =
            self.booking_in(&mut w, &cx.questions, d.decided, &custody_officer)?;
        self.rights(&mut w, d.decided, &custody_officer)?;
        self.visits(&mut w, level, rousing, d.decided, &detention_officer)?;
        self.doses(&mut w, &prescriptions, &detention_officer)?;
        self.reviews(&mut w, d.decided, &inspector)?;
        if d.extended {
            self.extension(&mut w, d.relevant, &superintendent)?;
        }
        self.write_record(&mut w, suite, cell, person, &row, &custody_officer)
    }

    /// How long the detainee has been held: 10% just booked in (no review due yet), 75% in their
    /// first day (1-2 reviews), 15% held beyond 24 hours on a superintendent's extension to 36
    /// hours.
    fn detention(&mut self, now: DateTime<Utc>) -> Detention {
        let roll = self.rng.gen::<f64>();
        let extended = roll >= 0.85;
        let held = if roll < 0.10 {
            self.rng.gen_range(40..330)
        } else if !extended {
            self.rng.gen_range(420..1300)
        } else {
            self.rng.gen_range(1460..2000)
        };
        let relevant = now - minutes(held);
        let decided = relevant + self.minutes_between(5, 25);
        Detention {
            extended,
            relevant,
            decided,
        }
    }

    /// The arrest: 1-2 offences, an indictable (or either-way) one first when extended; and
    /// whether any offence is indictable.
    fn arrest(&mut self, cx: &Context, d: &Detention, force_index: usize) -> (ArrestDetails, bool) {
        let mut codes: Vec<usize> = Vec::new();
        let n_offences = if self.chance(0.25) { 2 } else { 1 };
        while codes.len() < n_offences {
            let i = self.rng.gen_range(0..cx.offences.len());
            if codes.contains(&i) || (d.extended && codes.is_empty() && !cx.offences[i].2) {
                continue;
            }
            codes.push(i);
        }
        let indictable = codes.iter().any(|i| cx.offences[*i].2);
        let street = self.new_street(force_index);
        let arrest = ArrestDetails {
            at: Some(d.relevant - self.minutes_between(10, 75)),
            place: format!("{}, {}", street.name, street.town),
            officer: format!(
                "PC {} {}",
                self.rng.gen_range(1000..9999),
                pick(&mut self.rng, SURNAMES)
            ),
            offences: codes.iter().map(|i| cx.offences[*i].0.clone()).collect(),
            grounds: format!(
                "Reasonable grounds to suspect {}: identified by a witness and on CCTV",
                cx.offences[codes[0]].1.to_lowercase()
            ),
            necessity: (*pick(&mut self.rng, NECESSITY)).to_owned(),
        };
        (arrest, indictable)
    }

    /// What the record row says besides its entries: the custody number (`n` of `year`), the
    /// arrest, the ASN, ethnicity and nationality.
    #[allow(clippy::too_many_arguments)]
    fn record_row(
        &mut self,
        force: &str,
        force_index: usize,
        year: i32,
        n: i64,
        arrest: ArrestDetails,
        indictable: bool,
        d: &Detention,
    ) -> RecordRow {
        let asn = format!(
            "{:02}/{:02}{}/{:02}/{n:06}{}",
            year.rem_euclid(100),
            force_index + 1,
            force,
            self.rng.gen_range(1..=20),
            PNC_CHECK[(n % 23) as usize] as char
        );
        let ethnicity = *pick(&mut self.rng, SELF_DEFINED_ETHNICITIES);
        let officer_defined = OFFICER_DEFINED_ETHNICITIES
            .iter()
            .find(|(c, _)| ethnicity.0.starts_with(*c))
            .map_or("O", |(c, _)| *c);
        let nationality = if self.chance(0.85) {
            "British"
        } else {
            *pick(&mut self.rng, NATIONALITIES)
        };
        RecordRow {
            number: format!("{force}-CUS-{year}-{n:06}"),
            arrest,
            indictable,
            asn,
            ethnicity: ethnicity.0,
            officer_defined,
            nationality,
            relevant: d.relevant,
            decided: d.decided,
        }
    }

    /// Booking in: the risk assessment and the confirmed medication (`book_in` writes both at the
    /// booking-in time). Returns the observation level, whether the detainee is to be roused, and
    /// each prescription with its entry id and when its schedule runs from.
    fn booking_in(
        &mut self,
        w: &mut RecordWriter<'_>,
        questions: &[RiskQuestion],
        decided: DateTime<Utc>,
        custody_officer: &str,
    ) -> anyhow::Result<(u8, bool, Vec<Prescribed>)> {
        let answers: Vec<RiskAnswer> = questions
            .iter()
            .map(|q| RiskAnswer {
                question: q.code.clone(),
                yes: self.chance(risk_yes(&q.code)),
            })
            .collect();
        let (level, rousing) = risk_calls_for(questions, &answers);
        let notes = (*pick(&mut self.rng, RISK_NOTES)).to_owned();
        let risk = CustodyEntry::RiskAssessment(RiskAssessmentEntry {
            at: Some(decided),
            answers,
            observation_level: Some(level),
            rousing,
            notes,
        });
        let booking = Some(self.minutes_between(3, 12));
        self.custody_entry(w, &risk, decided, booking, custody_officer)?;
        let first = self.rng.gen_range(0..MEDICINES.len());
        let mut medicines = vec![first];
        if self.chance(0.4) {
            medicines.push((first + self.rng.gen_range(1..MEDICINES.len())) % MEDICINES.len());
        }
        let mut prescriptions: Vec<Prescribed> = Vec::new();
        for m in medicines {
            let (medicine, dose, every, times) = MEDICINES[m];
            let p = Prescription {
                medicine: medicine.to_owned(),
                dose: dose.to_owned(),
                times: times
                    .iter()
                    .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0))
                    .collect(),
                every_minutes: every,
                first_at: match every {
                    Some(_) if self.chance(0.5) => Some(decided + self.minutes_between(15, 90)),
                    _ => None,
                },
                prescriber: (*pick(&mut self.rng, PRESCRIBERS)).to_owned(),
            };
            let e = CustodyEntry::Prescription(p.clone());
            let entry_id = self.custody_entry(w, &e, decided, booking, custody_officer)?;
            // The schedule runs from when the prescription was recorded.
            prescriptions.push((entry_id, p, booking.map_or(decided, |b| decided + b).min(w.now)));
        }
        Ok((level, rousing, prescriptions))
    }

    /// Rights read and answered.
    fn rights(
        &mut self,
        w: &mut RecordWriter<'_>,
        decided: DateTime<Utc>,
        custody_officer: &str,
    ) -> anyhow::Result<()> {
        let rights_at = decided + self.minutes_between(1, 6);
        for right in Right::ALL {
            let asked = match right {
                Right::SomeoneInformed => 0.5,
                Right::LegalAdvice => 0.55,
                Right::ConsultCodes => 0.2,
            };
            let status = if self.chance(asked) {
                RightStatus::Requested
            } else {
                RightStatus::Declined
            };
            let e = CustodyEntry::Rights(RightsEntry {
                right,
                status,
                at: Some(rights_at),
                authorised_by: None,
                reason: String::new(),
            });
            self.custody_entry(w, &e, rights_at, None, custody_officer)?;
        }
        Ok(())
    }

    /// Visits at the level's interval (continuous observation logged half-hourly); one record in
    /// ten has its next visit overdue now.
    fn visits(
        &mut self,
        w: &mut RecordWriter<'_>,
        level: u8,
        rousing: bool,
        decided: DateTime<Utc>,
        detention_officer: &str,
    ) -> anyhow::Result<()> {
        let now = w.now;
        let every = if level == 1 && !rousing { 60 } else { 30 };
        let stop = if self.chance(0.1) {
            now - minutes(every + self.rng.gen_range(3..30))
        } else {
            now
        };
        let mut visits = Vec::new();
        let mut at = decided + self.minutes_between(every * 3 / 4, every);
        while at <= stop {
            visits.push(at);
            at += self.minutes_between(every * 3 / 4, every);
        }
        let skip = visits.len().saturating_sub(MAX_VISITS);
        for at in visits.into_iter().skip(skip) {
            let (check, response) = if rousing {
                (
                    VisitKind::Rousing,
                    "Roused: responded to name, answered questions, moved limbs".to_owned(),
                )
            } else {
                let check = match self.rng.gen_range(0..20) {
                    0..=9 => VisitKind::Observation,
                    10..=16 => VisitKind::Verbal,
                    _ => VisitKind::Physical,
                };
                (check, (*pick(&mut self.rng, VISIT_RESPONSES)).to_owned())
            };
            let e = CustodyEntry::Visit(VisitEntry {
                at: Some(at),
                check,
                response,
            });
            self.custody_entry(w, &e, at, None, detention_officer)?;
        }
        Ok(())
    }

    /// Doses as they fell due, a few of each medicine.
    fn doses(
        &mut self,
        w: &mut RecordWriter<'_>,
        prescriptions: &[Prescribed],
        detention_officer: &str,
    ) -> anyhow::Result<()> {
        let now = w.now;
        for (prescription_id, p, recorded) in prescriptions {
            let prescription = prescription_id.parse().unwrap_or_default();
            for slot in dose_slots(p, *recorded, now).into_iter().take(MAX_DOSES) {
                let at = (slot + self.minutes_between(0, 15)).min(now);
                let refused = self.chance(0.1);
                let e = CustodyEntry::Dose(DoseEntry {
                    prescription,
                    at: Some(at),
                    outcome: if refused {
                        DoseOutcome::Refused
                    } else {
                        DoseOutcome::Given
                    },
                    notes: if refused {
                        "Declined, said it was not needed".to_owned()
                    } else {
                        String::new()
                    },
                });
                self.custody_entry(w, &e, at, None, detention_officer)?;
            }
        }
        Ok(())
    }

    /// PACE reviews by an inspector: the first within 6 hours of authorisation, then every 9
    /// hours (s.40(3)).
    fn reviews(
        &mut self,
        w: &mut RecordWriter<'_>,
        decided: DateTime<Utc>,
        inspector: &str,
    ) -> anyhow::Result<()> {
        let now = w.now;
        let mut due = decided + minutes(6 * 60);
        loop {
            let at = due - self.minutes_between(5, 60);
            if at > now {
                break;
            }
            let e = CustodyEntry::Review(ReviewEntry {
                at: Some(at),
                postponed: false,
                postponement_reason: String::new(),
                representations: (*pick(&mut self.rng, REPRESENTATIONS)).to_owned(),
                decision: ReviewDecision::Continue,
                grounds: (*pick(&mut self.rng, REVIEW_GROUNDS)).to_owned(),
                remote: self.chance(0.3),
            });
            self.custody_entry(w, &e, at, None, inspector)?;
            due = at + minutes(9 * 60);
        }
        Ok(())
    }

    /// A superintendent's extension to 36 hours: after the second review, before 24 hours
    /// (s.42).
    fn extension(
        &mut self,
        w: &mut RecordWriter<'_>,
        relevant: DateTime<Utc>,
        superintendent: &str,
    ) -> anyhow::Result<()> {
        let at = relevant + self.minutes_between(20 * 60, 23 * 60 + 30);
        let e = CustodyEntry::Extension(ExtensionEntry {
            at: Some(at),
            until: Some(relevant + minutes(36 * 60)),
            grounds: "Detention necessary to obtain evidence by questioning; the offence is \
                      indictable and the investigation is being conducted diligently and \
                      expeditiously (s.42(1))"
                .to_owned(),
        });
        self.custody_entry(w, &e, at, None, superintendent)?;
        Ok(())
    }

    /// The record row, then the detainee link and the grants, as `book_in` writes them.
    fn write_record(
        &mut self,
        w: &mut RecordWriter<'_>,
        suite: &Suite,
        cell: &str,
        person: &str,
        row: &RecordRow,
        custody_officer: &str,
    ) -> anyhow::Result<()> {
        let decision_reason = (*pick(&mut self.rng, DECISION_REASONS)).to_owned();
        let id = w.id.clone();
        w.t.records.row(&[
            Val::S(&id),
            Val::S(&suite.force),
            Val::S(&row.number),
            Val::S(&suite.id),
            Val::S(cell),
            Val::S(person),
            Val::Null,
            Val::S("open"),
            Val::S(&serde_json::to_string(&row.arrest)?),
            Val::B(row.indictable),
            Val::S(&row.asn),
            Val::T(row.relevant.naive_utc()),
            Val::S("authorised"),
            Val::T(row.decided.naive_utc()),
            Val::S(custody_officer),
            Val::S(&decision_reason),
            Val::S(row.ethnicity),
            Val::S(row.officer_defined),
            Val::S(row.nationality),
            Val::Null,
            Val::S(custody_officer),
            Val::T(row.decided.naive_utc()),
            Val::T(w.updated.naive_utc()),
            Val::I(w.version),
        ]);
        w.counts.custody_records += 1;
        let link_id = self.id();
        w.t.links.row(&[
            Val::S(&link_id),
            Val::S(&suite.force),
            Val::S("event"),
            Val::S(&id),
            Val::S("person"),
            Val::S(person),
            Val::S("custody_detainee"),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::S(custody_officer),
            Val::T(row.decided.naive_utc()),
        ]);
        w.counts.links += 1;
        let mut seen = HashSet::new();
        for grantee in &restriction().grantees {
            let (ty, who) = match grantee {
                Grantee::User(u) => ("user", u.to_string()),
                Grantee::Role(r) => ("role", r.as_str().to_owned()),
            };
            if seen.insert((ty, who.clone())) {
                w.t.grants
                    .row(&[Val::S("event"), Val::S(&id), Val::S(ty), Val::S(&who)]);
                w.counts.record_grants += 1;
            }
        }
        Ok(())
    }
}

/// When doses fell due between the prescription and now: every interval from the first, or the
/// times of day in UK local time.
fn dose_slots(p: &Prescription, recorded: DateTime<Utc>, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    match p.every_minutes {
        Some(every) => {
            let mut at = p.first_at.unwrap_or(recorded);
            while at < now {
                out.push(at);
                at += minutes(every);
            }
        }
        None => {
            let london = chrono_tz::Europe::London;
            let mut day = recorded.with_timezone(&london).date_naive();
            let last = now.with_timezone(&london).date_naive();
            while day <= last {
                for time in &p.times {
                    if let Some(at) = london.from_local_datetime(&day.and_time(*time)).earliest() {
                        let at = at.with_timezone(&Utc);
                        if at > recorded && at < now {
                            out.push(at);
                        }
                    }
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
            out.sort();
        }
    }
    out
}

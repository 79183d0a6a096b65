//! What the area does: its rules and side effects, each use case a public function the routes call.

use crate::db::schema::{
    links, locations, object_keys, organisations, person_contacts, person_dobs, person_identifiers,
    person_name_keys, person_names,
};
use crate::db::{AnyConnection, Db};
use crate::error::ApiError;
use crate::index::names::{self, Equivalents};
use crate::index::reference;
use crate::kernel::access::Visibility;
use crate::kernel::audit::{self, Entry};
use crate::kernel::auth::Caller;
use crate::views::summaries;
use bluelamp_shared::audit::AuditAction;
use bluelamp_shared::index::people::{PersonMatch, PersonMatchQuery};
use bluelamp_shared::index::search::{SearchHit, SearchQuery, SearchResults};
use bluelamp_shared::records::RecordKind;
use bluelamp_shared::validation as v;
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use std::collections::HashMap;

/// Most candidates read from one index route.
const CANDIDATES_PER_ROUTE: i64 = 2000;
/// A name must be at least this alike to be shown when nothing else matched.
const NAME_THRESHOLD: f64 = 0.72;

/// What is known about a person being looked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonQuery {
    /// Given name.
    pub forename: String,
    /// Surname.
    pub surname: String,
    /// Exact date of birth.
    pub dob: Option<NaiveDate>,
    /// Year of birth.
    pub birth_year: Option<i32>,
    /// Age range.
    pub age: Option<(u32, u32)>,
    /// An identifier (PNC ID, CRO, NI...).
    pub identifier: Option<String>,
    /// A phone number.
    pub phone: Option<String>,
    /// A postcode.
    pub postcode: Option<String>,
}

impl PersonQuery {
    fn has_name(&self) -> bool {
        !names::normalise(&self.forename).is_empty() || !names::normalise(&self.surname).is_empty()
    }
}

/// A scored person.
#[derive(Debug, Clone)]
pub struct Scored {
    /// Person id.
    pub id: String,
    /// 0 to 100.
    pub score: u8,
    /// Why.
    pub reasons: Vec<String>,
}

fn age_on(dob: NaiveDate, today: NaiveDate) -> u32 {
    let mut a = today.year() - dob.year();
    if (today.month(), today.day()) < (dob.month(), dob.day()) {
        a -= 1;
    }
    a.max(0) as u32
}

/// How many candidates survive the first, index-only ranking to be scored on their full records.
const FULLY_SCORED: usize = 60;

/// People matching a query, best first (before visibility filtering).
///
/// Two stages: candidates from the key routes are first ranked on what the index rows carry (the
/// matched name and the earliest date of birth); the best few are then scored on every name and date
/// of birth they have.
pub fn find_people(
    conn: &mut AnyConnection,
    eq: &Equivalents,
    q: &PersonQuery,
    today: NaiveDate,
) -> Result<Vec<Scored>, ApiError> {
    let memo = names::Memo::default();
    let surname = names::normalise(&q.surname);
    let forename = names::normalise(&q.forename);
    let mut c = Candidates::default();
    for (pid, f, s, dob) in &name_key_rows(conn, eq, &forename, &surname)? {
        let (ns, _) = names::similarity_with(&memo, eq, &forename, &surname, f, s);
        if ns < NAME_THRESHOLD {
            continue;
        }
        let score =
            ns * 80.0 + dob_adjustment(q, dob.iter().copied().collect::<Vec<_>>().as_slice(), today).0;
        let e = c.first.entry(pid.clone()).or_insert(f64::MIN);
        *e = e.max(score);
    }
    c.by_dob(conn, q, &surname)?;
    c.by_identifier(conn, q)?;
    c.by_phone(conn, q)?;
    c.by_postcode(conn, q)?;
    let Candidates { first, mut exact } = c;
    if first.is_empty() {
        return Ok(Vec::new());
    }
    let mut ranked: Vec<(String, f64)> = first.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(FULLY_SCORED);
    let ids: Vec<String> = ranked.into_iter().map(|(id, _)| id).collect();
    let full = FullRecords::load(conn, &ids)?;
    let mut out = Vec::new();
    for id in ids {
        let exact_reasons = exact.remove(&id).unwrap_or_default();
        if let Some(s) = full.score(eq, &memo, q, today, id, exact_reasons) {
            out.push(s);
        }
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

/// A name-key row: (person id, forename, surname, earliest date of birth).
type KeyRow = (String, String, String, Option<NaiveDate>);

/// The name-key rows the (normalised) names find: by the surname's sound alone without a
/// forename; else by surname and forename sounding alike (nicknames included through the forename
/// keys), and by the same first two letters of the surname with a forename that sounds alike
/// (typing errors).
fn name_key_rows(
    conn: &mut AnyConnection,
    eq: &Equivalents,
    forename: &str,
    surname: &str,
) -> Result<Vec<KeyRow>, ApiError> {
    let mut rows: Vec<KeyRow> = Vec::new();
    if !surname.is_empty() {
        let s_keys = names::phonetic(surname);
        let select = (
            person_name_keys::person_id,
            person_name_keys::forename,
            person_name_keys::surname,
            person_name_keys::dob,
        );
        if forename.is_empty() {
            rows.extend(
                person_name_keys::table
                    .filter(person_name_keys::surname_key.eq_any(&s_keys))
                    .select(select)
                    .limit(CANDIDATES_PER_ROUTE)
                    .load::<KeyRow>(conn)?,
            );
        } else {
            let f_keys: Vec<String> = eq.forename_keys(forename).into_iter().collect();
            rows.extend(
                person_name_keys::table
                    .filter(person_name_keys::surname_key.eq_any(&s_keys))
                    .filter(person_name_keys::forename_key.eq_any(&f_keys))
                    .select(select)
                    .limit(CANDIDATES_PER_ROUTE)
                    .load::<KeyRow>(conn)?,
            );
            rows.extend(
                person_name_keys::table
                    .filter(person_name_keys::surname_prefix.eq(names::prefix(surname)))
                    .filter(person_name_keys::forename_key.eq_any(&f_keys))
                    .select(select)
                    .limit(CANDIDATES_PER_ROUTE)
                    .load::<KeyRow>(conn)?,
            );
        }
    }
    Ok(rows)
}

/// The first stage's candidates.
#[derive(Default)]
struct Candidates {
    /// Person id -> best first-stage score.
    first: HashMap<String, f64>,
    /// Person id -> the exact matches found, as reasons.
    exact: HashMap<String, Vec<String>>,
}

impl Candidates {
    /// A date of birth finds candidates on its own too (about forty people share any one date).
    fn by_dob(&mut self, conn: &mut AnyConnection, q: &PersonQuery, surname: &str) -> Result<(), ApiError> {
        if let Some(d) = q.dob {
            let ids: Vec<String> = person_dobs::table
                .filter(person_dobs::dob.eq(d))
                .select(person_dobs::person_id)
                .limit(CANDIDATES_PER_ROUTE)
                .load(conn)?;
            for id in ids {
                self.first
                    .entry(id)
                    .or_insert(if surname.is_empty() { 50.0 } else { 0.0 });
            }
        }
        Ok(())
    }

    /// People with the identifier given (an exact match).
    fn by_identifier(&mut self, conn: &mut AnyConnection, q: &PersonQuery) -> Result<(), ApiError> {
        if let Some(i) = q.identifier.as_deref().map(v::compact).filter(|s| !s.is_empty()) {
            let rows: Vec<(String, String)> = person_identifiers::table
                .filter(person_identifiers::normalized.eq(&i))
                .select((person_identifiers::person_id, person_identifiers::kind))
                .limit(50)
                .load(conn)?;
            for (pid, kind) in rows {
                let label = bluelamp_shared::index::people::IdentifierKind::parse(&kind)
                    .map(|k| k.label())
                    .unwrap_or("identifier");
                self.exact
                    .entry(pid.clone())
                    .or_default()
                    .push(format!("same {label}"));
                self.first.insert(pid, 100.0);
            }
        }
        Ok(())
    }

    /// People with the phone number given (an exact match).
    fn by_phone(&mut self, conn: &mut AnyConnection, q: &PersonQuery) -> Result<(), ApiError> {
        if let Some(p) = q
            .phone
            .as_deref()
            .map(v::normalise_phone)
            .filter(|s| s.len() >= 7)
        {
            let rows: Vec<String> = person_contacts::table
                .filter(person_contacts::normalized.eq(&p))
                .select(person_contacts::person_id)
                .limit(200)
                .load(conn)?;
            for pid in rows {
                self.exact
                    .entry(pid.clone())
                    .or_default()
                    .push("same phone number".to_owned());
                self.first.insert(pid, 100.0);
            }
        }
        Ok(())
    }

    /// People living at the postcode given: candidates on their own without a name, else a
    /// bonus for those the name found.
    fn by_postcode(&mut self, conn: &mut AnyConnection, q: &PersonQuery) -> Result<(), ApiError> {
        if let Some(pc) = q.postcode.as_deref().map(v::compact).filter(|s| !s.is_empty()) {
            let locs: Vec<String> = locations::table
                .filter(locations::postcode_key.eq(&pc))
                .select(locations::id)
                .limit(500)
                .load(conn)?;
            let rows: Vec<String> = links::table
                .filter(links::to_id.eq_any(&locs))
                .filter(links::from_kind.eq("person"))
                .select(links::from_id)
                .limit(2000)
                .load(conn)?;
            for pid in rows {
                if !q.has_name() || self.first.contains_key(&pid) {
                    self.exact
                        .entry(pid.clone())
                        .or_default()
                        .push("lives at that postcode".to_owned());
                    let e = self.first.entry(pid).or_insert(50.0);
                    *e += 20.0;
                }
            }
        }
        Ok(())
    }
}

/// Every name and date of birth of the best candidates.
struct FullRecords {
    /// Person id -> (forename, surname) of each name.
    names: HashMap<String, Vec<(String, String)>>,
    /// Person id -> dates of birth.
    dobs: HashMap<String, Vec<NaiveDate>>,
}

impl FullRecords {
    fn load(conn: &mut AnyConnection, ids: &[String]) -> Result<Self, ApiError> {
        let mut names: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let all_names: Vec<(String, String, String)> = person_names::table
            .filter(person_names::person_id.eq_any(ids))
            .select((
                person_names::person_id,
                person_names::forename,
                person_names::surname,
            ))
            .load(conn)?;
        for (pid, f, s) in all_names {
            names.entry(pid).or_default().push((f, s));
        }
        let mut dobs: HashMap<String, Vec<NaiveDate>> = HashMap::new();
        let all_dobs: Vec<(String, NaiveDate)> = person_dobs::table
            .filter(person_dobs::person_id.eq_any(ids))
            .select((person_dobs::person_id, person_dobs::dob))
            .load(conn)?;
        for (pid, d) in all_dobs {
            dobs.entry(pid).or_default().push(d);
        }
        Ok(Self { names, dobs })
    }

    /// The second stage: `id` scored on its best name, its dates of birth and its exact matches;
    /// none when a name was asked for, none of theirs is close enough and nothing matched exactly.
    fn score(
        &self,
        eq: &Equivalents,
        memo: &names::Memo,
        q: &PersonQuery,
        today: NaiveDate,
        id: String,
        exact_reasons: Vec<String>,
    ) -> Option<Scored> {
        let mut reasons: Vec<String> = Vec::new();
        let mut score = 0.0;
        let has_exact = !exact_reasons.is_empty();
        if q.has_name() {
            let best = self
                .names
                .get(&id)
                .into_iter()
                .flatten()
                .map(|(f, s)| names::similarity_with(memo, eq, &q.forename, &q.surname, f, s))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let (ns, nr) = best.unwrap_or((0.0, Vec::new()));
            if ns < NAME_THRESHOLD && !has_exact {
                return None;
            }
            score += ns * 80.0;
            reasons.extend(nr);
        } else {
            score += 50.0;
        }
        let (adj, why) = dob_adjustment(
            q,
            self.dobs.get(&id).map(Vec::as_slice).unwrap_or_default(),
            today,
        );
        score += adj;
        reasons.extend(why);
        for r in exact_reasons {
            score += if r.starts_with("same ") && !r.contains("phone") {
                35.0
            } else {
                20.0
            };
            reasons.push(r);
        }
        Some(Scored {
            id,
            score: score.clamp(0.0, 100.0).round() as u8,
            reasons,
        })
    }
}

/// How the dates of birth on record agree with the query's date, year or age.
fn dob_adjustment(q: &PersonQuery, theirs: &[NaiveDate], today: NaiveDate) -> (f64, Vec<String>) {
    let mut score = 0.0;
    let mut reasons = Vec::new();
    if let Some(d) = q.dob {
        if theirs.contains(&d) {
            score += 25.0;
            reasons.push("same date of birth".to_owned());
        } else if theirs.iter().any(|t| {
            t.year() == d.year()
                && ((t.month() == d.day() && t.day() == d.month())
                    || t.month() == d.month()
                    || t.day() == d.day())
        }) {
            score += 10.0;
            reasons.push("date of birth nearly the same".to_owned());
        } else if !theirs.is_empty() {
            score -= 20.0;
        }
    }
    if let Some(y) = q.birth_year {
        if theirs.iter().any(|t| t.year() == y) {
            score += 20.0;
            reasons.push(format!("born in {y}"));
        } else if !theirs.is_empty() {
            score -= 20.0;
        }
    }
    if let Some((lo, hi)) = q.age {
        if theirs.iter().any(|t| (lo..=hi).contains(&age_on(*t, today))) {
            score += 15.0;
            reasons.push(format!("aged {lo}–{hi}"));
        } else if !theirs.is_empty() {
            score -= 25.0;
        }
    }
    (score, reasons)
}

/// How the search box understood a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// Person search.
    pub person: Option<PersonQuery>,
    /// Object key (VRM, phone number, IMEI, VIN, serial).
    pub object_key: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Street or organisation name prefix.
    pub text: Option<String>,
}

fn parse_date(t: &str) -> Option<NaiveDate> {
    for f in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d);
        }
    }
    None
}

/// Understands what was typed.
pub fn plan(q: &str, today: NaiveDate) -> Plan {
    let q = q.trim();
    let compact = v::compact(q);
    let mut plan = Plan::default();
    if q.is_empty() {
        return plan;
    }
    if v::pnc_id(q).is_ok() || v::cro_number(q).is_ok() || v::ni_number(q).is_ok() {
        plan.person = Some(PersonQuery {
            identifier: Some(compact),
            ..Default::default()
        });
        return plan;
    }
    let digits = q.chars().filter(|c| c.is_ascii_digit()).count();
    let phoneish = q.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) && digits >= 7;
    if phoneish {
        let p = v::normalise_phone(q);
        plan.person = Some(PersonQuery {
            phone: Some(q.to_owned()),
            ..Default::default()
        });
        plan.object_key = Some(p);
        return plan;
    }
    if v::postcode(q).is_ok() {
        plan.postcode = Some(compact.clone());
        plan.person = Some(PersonQuery {
            postcode: Some(compact.clone()),
            ..Default::default()
        });
    }
    if v::vrm(q).is_ok()
        || v::vin(q).is_ok()
        || (compact.len() >= 5 && compact.chars().any(|c| c.is_ascii_digit()) && !q.contains(' '))
    {
        plan.object_key = Some(compact.clone());
    }
    if plan.postcode.is_some() || plan.object_key.is_some() {
        return plan;
    }
    // A name, perhaps with a date of birth, a year of birth or an age.
    let mut pq = PersonQuery::default();
    let mut words: Vec<String> = Vec::new();
    let surname_first = q.contains(',');
    let tokens: Vec<&str> = q
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let lower = t.to_lowercase();
        if let Some(d) = parse_date(t) {
            pq.dob = Some(d);
        } else if lower == "age" || lower == "aged" {
            if let Some(n) = tokens.get(i + 1) {
                if let Some(r) = parse_age(n) {
                    pq.age = Some(r);
                    i += 1;
                }
            }
        } else if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            let y: i32 = t.parse().unwrap_or(0);
            if (1900..=today.year()).contains(&y) {
                pq.birth_year = Some(y);
            }
        } else if let Some(r) = parse_age(t) {
            pq.age = Some(r);
        } else if t.chars().any(|c| c.is_alphabetic()) {
            words.push(t.to_owned());
        }
        i += 1;
    }
    match words.len() {
        0 => {}
        1 => pq.surname = words[0].clone(),
        _ if surname_first => {
            pq.surname = words[0].clone();
            pq.forename = words[1].clone();
        }
        _ => {
            pq.forename = words[0].clone();
            pq.surname = words[words.len() - 1].clone();
        }
    }
    if !words.is_empty() && pq.dob.is_none() && pq.birth_year.is_none() && pq.age.is_none() {
        plan.text = Some(names::normalise(&words.join("")));
    }
    if pq.has_name() || pq.dob.is_some() {
        plan.person = Some(pq);
    }
    plan
}

fn parse_age(t: &str) -> Option<(u32, u32)> {
    if let Some((a, b)) = t.split_once('-') {
        let (a, b) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
        return (a <= b && b <= 120).then_some((a, b));
    }
    let n: u32 = t.parse().ok()?;
    (t.len() <= 2 && n <= 120).then_some((n.saturating_sub(2), n + 2))
}

fn describe(plan: &Plan) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &plan.person {
        let name = format!("{} {}", p.forename, p.surname).trim().to_owned();
        if !name.is_empty() {
            parts.push(format!("name “{name}”"));
        }
        if let Some(d) = p.dob {
            parts.push(format!("born {}", d.format("%d/%m/%Y")));
        }
        if let Some(y) = p.birth_year {
            parts.push(format!("born in {y}"));
        }
        if let Some((a, b)) = p.age {
            parts.push(format!("aged {a}–{b}"));
        }
        if let Some(i) = &p.identifier {
            parts.push(format!("identifier {i}"));
        }
        if let Some(ph) = &p.phone {
            parts.push(format!("phone {ph}"));
        }
    }
    if let Some(k) = &plan.object_key {
        parts.push(format!("vehicle, phone or serial {k}"));
    }
    if let Some(pc) = &plan.postcode {
        parts.push(format!("postcode {}", v::format_postcode(pc)));
    }
    if plan.text.is_some() && plan.person.as_ref().is_some_and(|p| p.forename.is_empty()) {
        parts.push("organisation or street".to_owned());
    }
    if parts.is_empty() {
        "nothing to search for".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Runs a search (audited with the query).
pub async fn search(
    db: &Db,
    caller: &Caller,
    q: SearchQuery,
    today: NaiveDate,
) -> Result<SearchResults, ApiError> {
    let limit = q.checked_limit().map_err(|e| ApiError::validation(vec![e]))? as usize;
    let plan = plan(&q.q, today);
    let c = caller.clone();
    let text = q.q.chars().take(200).collect::<String>();
    let kind = q.kind;
    let reader = c.clone();
    let cache_db = db.clone();
    let results = db
        .read(move |conn| {
            let c = reader;
            let vis = Visibility::load(conn, &c)?;
            let (reference, eq) = reference::cached(&cache_db, conn)?;
            let mut scored: Vec<(RecordKind, String, u8, Vec<String>)> = Vec::new();
            let wants = |k: RecordKind| kind.is_none_or(|x| x == k);
            if let (Some(pq), true) = (&plan.person, wants(RecordKind::Person)) {
                for s in find_people(conn, &eq, pq, today)?.into_iter().take(200) {
                    scored.push((RecordKind::Person, s.id, s.score, s.reasons));
                }
            }
            if let (Some(k), true) = (&plan.object_key, wants(RecordKind::Object)) {
                let ids: Vec<String> = object_keys::table
                    .filter(object_keys::key.eq(k))
                    .select(object_keys::object_id)
                    .limit(50)
                    .load(conn)?;
                for id in ids {
                    scored.push((RecordKind::Object, id, 100, vec!["exact match".to_owned()]));
                }
            }
            if let (Some(pc), true) = (&plan.postcode, wants(RecordKind::Location)) {
                let ids: Vec<String> = locations::table
                    .filter(locations::postcode_key.eq(pc))
                    .select(locations::id)
                    .limit(50)
                    .load(conn)?;
                for id in ids {
                    scored.push((RecordKind::Location, id, 90, vec!["same postcode".to_owned()]));
                }
            }
            if let Some(t) = plan.text.as_deref().filter(|t| t.len() >= 3) {
                let upper = format!("{t}~");
                if wants(RecordKind::Organisation) {
                    let rows: Vec<(String, String)> = organisations::table
                        .filter(organisations::name_key.ge(t))
                        .filter(organisations::name_key.lt(&upper))
                        .select((organisations::id, organisations::name_key))
                        .limit(50)
                        .load(conn)?;
                    for (id, key) in rows {
                        let s = if key == t { 95 } else { 80 };
                        scored.push((RecordKind::Organisation, id, s, vec!["name matches".to_owned()]));
                    }
                }
                if wants(RecordKind::Location) {
                    let ids: Vec<String> = locations::table
                        .filter(locations::street_key.ge(t))
                        .filter(locations::street_key.lt(&upper))
                        .select(locations::id)
                        .limit(30)
                        .load(conn)?;
                    for id in ids {
                        scored.push((RecordKind::Location, id, 65, vec!["street matches".to_owned()]));
                    }
                }
            }
            scored.sort_by_key(|x| std::cmp::Reverse(x.2));
            // Visibility for the best few hundred from their access facts alone; restricted and unshared
            // records vanish here, before anything is counted or shown. Only the shown few are described.
            let refs: Vec<(RecordKind, String)> = scored
                .iter()
                .take(300)
                .map(|(k, id, _, _)| (*k, id.clone()))
                .collect();
            let visible = summaries::visible_among(conn, &vis, &refs)?;
            let shown: Vec<(RecordKind, String, u8, Vec<String>)> = scored
                .into_iter()
                .filter(|(_, id, _, _)| visible.contains(id))
                .take(limit)
                .collect();
            let shown_refs: Vec<(RecordKind, String)> =
                shown.iter().map(|(k, id, _, _)| (*k, id.clone())).collect();
            let found = summaries::load(conn, &reference, today, &shown_refs)?;
            let hits: Vec<SearchHit> = shown
                .into_iter()
                .filter_map(|(_, id, score, reasons)| {
                    found.get(&id).map(|ix| SearchHit {
                        summary: ix.summary.clone(),
                        score,
                        reasons,
                    })
                })
                .collect();
            Ok(SearchResults {
                understood_as: describe(&plan),
                hits,
            })
        })
        .await?;
    // The search is recorded before any result leaves the server.
    let n = results.hits.len();
    db.write(move |conn| {
        audit::append(
            conn,
            AuditAction::Search,
            Entry::by(&c).detail(format!("q={text} ({n} results)")),
        )
    })
    .await?;
    Ok(results)
}

/// Likely existing matches for a person being entered (duplicate suggestions).
pub async fn matches(
    db: &Db,
    caller: &Caller,
    q: PersonMatchQuery,
    today: NaiveDate,
) -> Result<Vec<PersonMatch>, ApiError> {
    let pq = PersonQuery {
        forename: q.forename.clone(),
        surname: q.surname.clone(),
        dob: q.date_of_birth,
        identifier: q.identifier.clone().filter(|s| !s.trim().is_empty()),
        phone: q.phone.clone().filter(|s| !s.trim().is_empty()),
        postcode: q.postcode.clone().filter(|s| !s.trim().is_empty()),
        ..Default::default()
    };
    let c = caller.clone();
    let reader = c.clone();
    let cache_db = db.clone();
    let (out, forename, surname) = db
        .read(move |conn| {
            let c = reader;
            let vis = Visibility::load(conn, &c)?;
            let (reference, eq) = reference::cached(&cache_db, conn)?;
            let scored: Vec<Scored> = find_people(conn, &eq, &pq, today)?
                .into_iter()
                .filter(|s| s.score >= 50)
                .take(100)
                .collect();
            let refs: Vec<(RecordKind, String)> = scored
                .iter()
                .map(|s| (RecordKind::Person, s.id.clone()))
                .collect();
            let visible = summaries::visible_among(conn, &vis, &refs)?;
            let scored: Vec<Scored> = scored
                .into_iter()
                .filter(|s| visible.contains(&s.id))
                .take(10)
                .collect();
            let shown: Vec<(RecordKind, String)> = scored
                .iter()
                .map(|s| (RecordKind::Person, s.id.clone()))
                .collect();
            let found = summaries::load(conn, &reference, today, &shown)?;
            let out: Vec<PersonMatch> = scored
                .into_iter()
                .filter(|s| visible.contains(&s.id))
                .filter_map(|s| {
                    found.get(&s.id).map(|ix| PersonMatch {
                        summary: ix.summary.clone(),
                        score: s.score,
                        reasons: s.reasons,
                    })
                })
                .take(10)
                .collect();
            Ok((out, pq.forename, pq.surname))
        })
        .await?;
    let n = out.len();
    db.write(move |conn| {
        audit::append(
            conn,
            AuditAction::Search,
            Entry::by(&c).detail(format!("duplicate check: {forename} {surname} ({n} suggestions)")),
        )
    })
    .await?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_search_box_understands_what_was_typed() {
        let p = plan("John Smith 12/03/1985", today());
        let pq = p.person.unwrap();
        assert_eq!((pq.forename.as_str(), pq.surname.as_str()), ("John", "Smith"));
        assert_eq!(pq.dob, NaiveDate::from_ymd_opt(1985, 3, 12));
        let p = plan("Smith, John", today()).person.unwrap();
        assert_eq!((p.forename.as_str(), p.surname.as_str()), ("John", "Smith"));
        let p = plan("smith 1985", today()).person.unwrap();
        assert_eq!(p.birth_year, Some(1985));
        let p = plan("Jones age 30-35", today()).person.unwrap();
        assert_eq!(p.age, Some((30, 35)));
        assert!(plan("98/123456X", today()).person.unwrap().identifier.is_some());
        assert_eq!(plan("AB12 CDE", today()).object_key.as_deref(), Some("AB12CDE"));
        let pc = plan("NB1 2AB", today());
        assert_eq!(pc.postcode.as_deref(), Some("NB12AB"));
        let phone = plan("07700 900123", today());
        assert_eq!(phone.object_key.as_deref(), Some("07700900123"));
        assert!(plan("northby superstore", today()).text.is_some());
        assert_eq!(plan("   ", today()), Plan::default());
    }
}

//! The people of the index with their names, search keys, dates of birth, identifiers, contacts, markers, homes, vehicles and organisations, and their near-duplicates.

use super::*;

/// A street: the addresses on it share the street, locality, town and postcode district.
#[derive(Clone)]
pub(super) struct Street {
    pub(super) name: String,
    pub(super) key: String,
    pub(super) locality: &'static str,
    pub(super) town: &'static str,
    pub(super) outward: String,
}

/// An address already written, that more people may live at.
#[derive(Clone)]
pub(super) struct Home {
    pub(super) id: String,
}

/// A generated person remembered so that a near-duplicate of them can be entered later.
#[derive(Clone)]
pub(super) struct Original {
    pub(super) forename: String,
    pub(super) middle_names: String,
    pub(super) surname: String,
    pub(super) gender: &'static str,
    pub(super) dob: NaiveDate,
    pub(super) force: usize,
    pub(super) home: Home,
}

/// Millisecond base of the generated ids (UUID v7, so inserts go to the end of the primary-key indexes).
// 2025-01-01T00:00:00Z
pub(super) const ID_BASE_MS: u64 = 1_735_689_600_000;

/// The (surname key, surname prefix, forename key) rows of one name.
pub(super) type NameKeys = Vec<(String, String, String)>;

/// People per organisation.
pub(super) const PEOPLE_PER_ORGANISATION: u64 = 50;

pub(super) struct Generator {
    pub(super) rng: StdRng,
    pub(super) tick: u64,
    pub(super) seed: u64,
    pub(super) eq: Equivalents,
    /// canonical forename → every name (nicknames included) standing for it.
    pub(super) forms: HashMap<String, Vec<String>>,
    pub(super) key_cache: HashMap<(String, String), NameKeys>,
    pub(super) surnames: Zipf,
    pub(super) male: Zipf,
    pub(super) female: Zipf,
    pub(super) streets: [Vec<Street>; 2],
    pub(super) homes: [VecDeque<Home>; 2],
    pub(super) recent: VecDeque<Original>,
    pub(super) vrms: HashSet<String>,
    pub(super) pnc_serial: u64,
    /// People to generate before the next organisation.
    pub(super) until_organisation: u64,
    pub(super) reference_time: NaiveDateTime,
    pub(super) today: NaiveDate,
    /// People generated so far.
    pub(super) people_made: u64,
    /// Every this many people, one is kept as a future detainee (0: none).
    pub(super) detainee_every: u64,
    /// How many detainees to keep.
    pub(super) detainees_wanted: usize,
    /// Ids of people kept as detainees for the custody records (distinct people).
    pub(super) detainees: Vec<String>,
}

/// A Zipf-like weighted choice over a list ordered from most to least common.
pub(super) struct Zipf {
    pub(super) cumulative: Vec<f64>,
}

impl Zipf {
    pub(super) fn new(len: usize, exponent: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..len)
            .map(|i| {
                total += 1.0 / ((i + 1) as f64).powf(exponent);
                total
            })
            .collect();
        Self { cumulative }
    }

    pub(super) fn pick(&self, rng: &mut StdRng) -> usize {
        let last = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.gen::<f64>() * last;
        self.cumulative
            .partition_point(|c| *c < x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

impl Generator {
    pub(super) fn new(seed: u64, equivalents: &[(String, String)]) -> Self {
        let mut forms: HashMap<String, Vec<String>> = HashMap::new();
        for (n, c) in equivalents {
            forms
                .entry(names::normalise(c))
                .or_default()
                .push(names::normalise(n));
        }
        for v in forms.values_mut() {
            v.sort();
            v.dedup();
        }
        let reference_time = NaiveDate::from_ymd_opt(2026, 11, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        Self {
            rng: StdRng::seed_from_u64(seed),
            tick: 0,
            seed,
            eq: Equivalents::new(equivalents.iter().cloned()),
            forms,
            key_cache: HashMap::new(),
            surnames: Zipf::new(SURNAMES.len(), 0.5),
            male: Zipf::new(MALE_FORENAMES.len(), 0.6),
            female: Zipf::new(FEMALE_FORENAMES.len(), 0.6),
            streets: [Vec::new(), Vec::new()],
            homes: [VecDeque::new(), VecDeque::new()],
            recent: VecDeque::new(),
            vrms: HashSet::new(),
            pnc_serial: 0,
            until_organisation: PEOPLE_PER_ORGANISATION,
            reference_time,
            today: reference_time.date(),
            people_made: 0,
            detainee_every: 0,
            detainees_wanted: 0,
            detainees: Vec::new(),
        }
    }

    /// Keeps `wanted` of the `people` to be generated, spread evenly, as detainees.
    pub(super) fn want_detainees(&mut self, wanted: u64, people: u64) {
        self.detainees_wanted = wanted as usize;
        self.detainee_every = people.checked_div(wanted).map_or(0, |k| k.max(1));
    }

    /// The id the next call of [`Generator::id`] will return.
    pub(super) fn peek_id(&self) -> String {
        let mut rng = self.rng.clone();
        let bytes: [u8; 10] = rng.gen();
        uuid::Builder::from_unix_timestamp_millis(ID_BASE_MS + self.tick + 1, &bytes)
            .into_uuid()
            .to_string()
    }

    pub(super) fn id(&mut self) -> String {
        self.tick += 1;
        let bytes: [u8; 10] = self.rng.gen();
        uuid::Builder::from_unix_timestamp_millis(ID_BASE_MS + self.tick, &bytes)
            .into_uuid()
            .to_string()
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.rng.gen_bool(p)
    }

    pub(super) fn name_keys(&mut self, forename: &str, surname: &str) -> NameKeys {
        let k = (forename.to_owned(), surname.to_owned());
        if let Some(v) = self.key_cache.get(&k) {
            return v.clone();
        }
        if self.key_cache.len() > 200_000 {
            self.key_cache.clear();
        }
        let v = names::name_keys(&self.eq, forename, surname);
        self.key_cache.insert(k, v.clone());
        v
    }

    /// A timestamp in the eight years before the reference time.
    pub(super) fn timestamp(&mut self) -> NaiveDateTime {
        let secs = self.rng.gen_range(0..8 * 365 * 86_400i64);
        let micros = self.rng.gen_range(0..1_000_000i64);
        self.reference_time - chrono::Duration::seconds(secs) + chrono::Duration::microseconds(micros)
    }

    pub(super) fn date_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        if to <= from {
            return to;
        }
        let span = (to - from).num_days().max(1);
        from + Days::days(self.rng.gen_range(0..span))
    }

    pub(super) fn dob(&mut self) -> NaiveDate {
        // Ages 10 to 90, most between 18 and 45.
        let age_days: i64 = if self.chance(0.7) {
            self.rng.gen_range(18 * 365..46 * 365)
        } else {
            self.rng.gen_range(10 * 365..91 * 365)
        };
        self.today - Days::days(age_days)
    }

    pub(super) fn surname(&mut self) -> String {
        if self.chance(0.35) {
            // The long tail: rarer surnames built from place-name parts.
            let a = pick(&mut self.rng, SURNAME_STEMS);
            let b = pick(&mut self.rng, SURNAME_ENDINGS);
            format!("{a}{b}")
        } else {
            SURNAMES[self.surnames.pick(&mut self.rng)].to_owned()
        }
    }

    pub(super) fn forename(&mut self, gender: &str) -> String {
        if gender == "female" {
            FEMALE_FORENAMES[self.female.pick(&mut self.rng)].to_owned()
        } else {
            MALE_FORENAMES[self.male.pick(&mut self.rng)].to_owned()
        }
    }

    /// Another form of the forename (Robert → Bob), if the equivalents know one.
    pub(super) fn nickname(&mut self, forename: &str) -> Option<String> {
        let own = names::normalise(forename);
        let mut options: Vec<&String> = self
            .eq
            .canonical(forename)
            .iter()
            .filter_map(|c| self.forms.get(c))
            .flatten()
            .filter(|n| **n != own)
            .collect();
        options.sort();
        options.dedup();
        if options.is_empty() {
            return None;
        }
        let i = self.rng.gen_range(0..options.len());
        Some(capitalise(options[i]))
    }

    /// A plausible keying error: swapped, dropped, doubled or substituted letter.
    pub(super) fn misspell(&mut self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 3 {
            return format!("{s}e");
        }
        for _ in 0..8 {
            let mut c = chars.clone();
            // Never the first two letters, so the surname-prefix route still finds the person.
            let i = self.rng.gen_range(2..c.len());
            match self.rng.gen_range(0..4) {
                0 if i + 1 < c.len() => c.swap(i, i + 1),
                1 => {
                    c.remove(i);
                }
                2 => c.insert(i, c[i]),
                _ => {
                    let swap = match c[i] {
                        'i' => 'y',
                        'y' => 'i',
                        'a' => 'e',
                        'e' => 'a',
                        'o' => 'u',
                        'c' => 'k',
                        'k' => 'c',
                        's' => 'z',
                        other => other,
                    };
                    c[i] = swap;
                }
            }
            let out: String = c.into_iter().collect();
            if out != s && out.chars().any(char::is_alphabetic) {
                return out;
            }
        }
        format!("{s}e")
    }

    pub(super) fn postcode(&mut self, outward: &str) -> String {
        let d = self.rng.gen_range(0..10);
        let a = *pick(&mut self.rng, INWARD_LETTERS) as char;
        let b = *pick(&mut self.rng, INWARD_LETTERS) as char;
        format!("{outward} {d}{a}{b}")
    }

    pub(super) fn new_street(&mut self, force: usize) -> Street {
        let town = pick(&mut self.rng, TOWNS[force]);
        let first = pick(&mut self.rng, STREET_NAMES);
        let name = if *first == "High" {
            "High Street".to_owned()
        } else {
            format!("{first} {}", pick(&mut self.rng, STREET_TYPES))
        };
        let locality = if self.chance(0.6) {
            *pick(&mut self.rng, town.localities)
        } else {
            ""
        };
        let outward = format!("{}{}", town.area, self.rng.gen_range(1..=town.districts));
        Street {
            key: names::normalise(&name),
            name,
            locality,
            town: town.name,
            outward,
        }
    }

    /// Writes a new address of the force and returns its id.
    pub(super) fn location(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        force: usize,
        premises: String,
        at: NaiveDateTime,
    ) -> Home {
        let street = if self.streets[force].len() < 50 || self.chance(0.12) {
            let s = self.new_street(force);
            self.streets[force].push(s.clone());
            s
        } else {
            let i = self.rng.gen_range(0..self.streets[force].len());
            self.streets[force][i].clone()
        };
        let postcode = self.postcode(&street.outward);
        let id = self.id();
        t.locations.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::B(false),
            Val::S("address"),
            Val::S(&premises),
            Val::S(&street.name),
            Val::S(&street.key),
            Val::S(street.locality),
            Val::S(street.town),
            Val::S(&postcode),
            Val::S(&v::compact(&postcode)),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::S(""),
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        counts.locations += 1;
        Home { id }
    }

    pub(super) fn house(&mut self) -> String {
        let n = self.rng.gen_range(1..=180);
        if self.chance(0.12) {
            format!("Flat {}, {n}", self.rng.gen_range(1..=12))
        } else if self.chance(0.05) {
            (*pick(&mut self.rng, HOUSE_NAMES)).to_owned()
        } else {
            n.to_string()
        }
    }

    /// An address for a person: a new one 40% of the time (so ~2.5 people per address), else a recent one.
    pub(super) fn home(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        force: usize,
        at: NaiveDateTime,
    ) -> Home {
        if self.homes[force].is_empty() || self.chance(0.4) {
            let premises = self.house();
            let home = self.location(t, counts, force, premises, at);
            self.homes[force].push_back(home.clone());
            if self.homes[force].len() > 64 {
                self.homes[force].pop_front();
            }
            home
        } else {
            let i = self.rng.gen_range(0..self.homes[force].len());
            self.homes[force][i].clone()
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn link(
        &mut self,
        t: &mut Tables,
        counts: &mut Counts,
        force: usize,
        from: (&str, &str),
        to: (&str, &str),
        reason: &str,
        valid_from: Option<NaiveDate>,
        at: NaiveDateTime,
    ) {
        let id = self.id();
        t.links.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::S(from.0),
            Val::S(from.1),
            Val::S(to.0),
            Val::S(to.1),
            Val::S(reason),
            Val::OptD(valid_from),
            Val::Null,
            Val::Null,
            Val::Null,
            Val::Null,
            Val::T(at),
        ]);
        counts.links += 1;
    }

    pub(super) fn vrm(&mut self) -> String {
        loop {
            let a = *pick(&mut self.rng, VRM_AREA) as char;
            let b = *pick(&mut self.rng, VRM_SECOND) as char;
            let year = self.rng.gen_range(2..=25u32);
            let age = if self.chance(0.5) { year } else { year + 50 };
            let r: String = (0..3).map(|_| *pick(&mut self.rng, VRM_RANDOM) as char).collect();
            let vrm = format!("{a}{b}{age:02} {r}");
            if self.vrms.insert(vrm.clone()) {
                return vrm;
            }
        }
    }

    /// A unique PNC ID: two-digit year, seven-digit serial, check letter.
    pub(super) fn pnc_id(&mut self, year: i32) -> String {
        // An odd multiplier not divisible by 5 permutes 0..10^7, so serials are unique within a run.
        let serial = (self.seed.wrapping_mul(7919) % 10_000_000 + self.pnc_serial * 3_141_593) % 10_000_000;
        self.pnc_serial += 1;
        let yy = (year.rem_euclid(100)) as u64;
        let check = PNC_CHECK[((yy * 10_000_000 + serial) % 23) as usize] as char;
        format!("{yy:02}/{serial:07}{check}")
    }

    pub(super) fn phone(&mut self) -> String {
        format!(
            "0770{} 9{:05}",
            self.rng.gen_range(0..10),
            self.rng.gen_range(0..100_000)
        )
    }

    pub(super) fn organisation(&mut self, t: &mut Tables, counts: &mut Counts, at: NaiveDateTime) {
        let force = self.rng.gen_range(0..FORCES.len());
        let surname = SURNAMES[self.surnames.pick(&mut self.rng)];
        let town = pick(&mut self.rng, TOWNS[force]).name;
        let (name, kind) = match self.rng.gen_range(0..10) {
            0 => (format!("{surname} & Sons Ltd"), "business"),
            1 => (format!("{surname} Motors"), "business"),
            2 => (
                format!(
                    "{} {}",
                    pick(&mut self.rng, PUB_FIRST),
                    pick(&mut self.rng, PUB_SECOND)
                ),
                "business",
            ),
            3 => (format!("{surname} Builders"), "business"),
            4 => (format!("{town} {}", pick(&mut self.rng, SHOP_KINDS)), "business"),
            5 => (
                format!("{surname} {}", pick(&mut self.rng, SHOP_KINDS)),
                "business",
            ),
            6 => (format!("{town} Academy"), "school"),
            7 => (format!("{town} Medical Practice"), "health"),
            8 => (format!("{town} Food Bank"), "charity"),
            _ => (format!("{town} Borough Council"), "public_body"),
        };
        let phone = if self.chance(0.6) {
            Some(format!("01632 9{:05}", self.rng.gen_range(0..100_000)))
        } else {
            None
        };
        let id = self.id();
        t.organisations.row(&[
            Val::S(&id),
            Val::S(FORCES[force]),
            Val::B(false),
            Val::S(&name),
            Val::S(&names::normalise(&name)),
            Val::S(kind),
            Val::OptS(phone.as_deref()),
            Val::Null,
            Val::Null,
            Val::T(at),
            Val::T(at),
            Val::I(1),
        ]);
        counts.organisations += 1;
        let premises = format!("Unit {}", self.rng.gen_range(1..=40));
        let place = self.location(t, counts, force, premises, at);
        self.link(
            t,
            counts,
            force,
            ("organisation", &id),
            ("location", &place.id),
            "premises",
            None,
            at,
        );
    }

    pub(super) fn batch(&mut self, people: u64) -> Batch {
        let mut t = Tables::new();
        let mut counts = Counts::default();
        for _ in 0..people {
            self.person(&mut t, &mut counts);
        }
        Batch {
            sql: t.finish(),
            counts,
        }
    }
}

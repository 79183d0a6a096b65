//! Name matching: normalisation, phonetic keys (Double Metaphone), nickname equivalents and the
//! similarity score used to rank people. Candidates are found through indexed keys on either database;
//! ranking happens here, so it is identical on SQLite and PostgreSQL.

use rphonetic::DoubleMetaphone;
use std::collections::{BTreeSet, HashMap};

/// Lower-case ASCII letters only (accents folded where simple, everything else dropped).
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
                'ç' | 'Ç' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' => 'i',
                'ñ' | 'Ñ' => 'n',
                'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ò' | 'Ó' | 'Ö' | 'Ø' => 'o',
                'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Ü' => 'u',
                'ł' | 'Ł' => 'l',
                'ś' | 'Ś' => 's',
                'ż' | 'ź' | 'Ż' | 'Ź' => 'z',
                other => other,
            };
            c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase())
        })
        .collect()
}

fn encoder() -> DoubleMetaphone {
    DoubleMetaphone::default()
}

/// The phonetic codes of a name (primary, and the alternate when it differs).
pub fn phonetic(name: &str) -> Vec<String> {
    let n = normalise(name);
    if n.is_empty() {
        return vec![String::new()];
    }
    let enc = encoder();
    let r = enc.double_metaphone(&n);
    let mut out = vec![r.primary()];
    if r.alternate() != r.primary() && !r.alternate().is_empty() {
        out.push(r.alternate());
    }
    if out[0].is_empty() {
        out[0] = n.chars().take(4).collect();
    }
    out
}

/// The first two letters of a normalised surname (the typo-tolerant route to candidates).
pub fn prefix(surname: &str) -> String {
    normalise(surname).chars().take(2).collect()
}

/// Forename equivalents: `name` → the canonical names it may stand for (itself included).
#[derive(Debug, Default, Clone)]
pub struct Equivalents {
    map: HashMap<String, Vec<String>>,
}

impl Equivalents {
    /// From (name, canonical) rows.
    pub fn new(rows: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (n, c) in rows {
            map.entry(normalise(&n)).or_default().push(normalise(&c));
        }
        Self { map }
    }

    /// The canonical forms of a forename, itself always included.
    pub fn canonical(&self, forename: &str) -> BTreeSet<String> {
        let n = normalise(forename);
        let mut set: BTreeSet<String> = self
            .map
            .get(&n)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .collect();
        set.insert(n);
        set
    }

    /// Whether two forenames can be the same person's (equal, or sharing a canonical form).
    pub fn equivalent(&self, a: &str, b: &str) -> bool {
        let (ca, cb) = (self.canonical(a), self.canonical(b));
        ca.intersection(&cb).next().is_some()
    }

    /// Forename keys: the phonetic codes of every canonical form.
    pub fn forename_keys(&self, forename: &str) -> BTreeSet<String> {
        if normalise(forename).is_empty() {
            return BTreeSet::from([String::new()]);
        }
        self.canonical(forename)
            .iter()
            .flat_map(|c| phonetic(c))
            .collect()
    }
}

/// Keys stored for one name: every (surname code, surname prefix, forename code) combination.
pub fn name_keys(eq: &Equivalents, forename: &str, surname: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let p = prefix(surname);
    for s in phonetic(surname) {
        for f in eq.forename_keys(forename) {
            out.push((s.clone(), p.clone(), f));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Remembers phonetic codes within one request: candidate names repeat a lot (many Smiths).
#[derive(Debug, Default)]
pub struct Memo {
    codes: std::cell::RefCell<HashMap<String, Vec<String>>>,
}

impl Memo {
    /// Whether two normalised names share a phonetic code.
    pub fn sounds_alike(&self, a: &str, b: &str) -> bool {
        let mut codes = self.codes.borrow_mut();
        let ca = codes.entry(a.to_owned()).or_insert_with(|| phonetic(a)).clone();
        let cb = codes.entry(b.to_owned()).or_insert_with(|| phonetic(b));
        ca.iter().any(|k| cb.contains(k))
    }
}

/// How alike two names are, 0.0 to 1.0, with the reasons.
pub fn similarity(
    eq: &Equivalents,
    q_forename: &str,
    q_surname: &str,
    c_forename: &str,
    c_surname: &str,
) -> (f64, Vec<String>) {
    similarity_with(&Memo::default(), eq, q_forename, q_surname, c_forename, c_surname)
}

/// [`similarity`] with a memo of phonetic codes shared across the candidates of one query.
pub fn similarity_with(
    memo: &Memo,
    eq: &Equivalents,
    q_forename: &str,
    q_surname: &str,
    c_forename: &str,
    c_surname: &str,
) -> (f64, Vec<String>) {
    let mut reasons = Vec::new();
    let (qs, cs) = (normalise(q_surname), normalise(c_surname));
    let surname = if qs.is_empty() {
        None
    } else if qs == cs {
        reasons.push("same surname".to_owned());
        Some(1.0)
    } else {
        let jw = strsim::jaro_winkler(&qs, &cs);
        let sounds = memo.sounds_alike(&qs, &cs);
        if sounds {
            reasons.push("surname sounds alike".to_owned());
            Some(jw.max(0.9))
        } else {
            if jw >= 0.85 {
                reasons.push("surname spelt similarly".to_owned());
            }
            Some(jw)
        }
    };
    let (qf, cf) = (normalise(q_forename), normalise(c_forename));
    let forename = if qf.is_empty() {
        None
    } else if qf == cf {
        reasons.push("same forename".to_owned());
        Some(1.0)
    } else if eq.equivalent(&qf, &cf) {
        reasons.push(format!(
            "{} is a form of {}",
            q_forename.trim(),
            c_forename.trim()
        ));
        Some(0.95)
    } else if qf.len() == 1 && cf.starts_with(&qf) {
        reasons.push("initial matches".to_owned());
        Some(0.85)
    } else {
        let jw = strsim::jaro_winkler(&qf, &cf);
        let sounds = memo.sounds_alike(&qf, &cf);
        if sounds {
            reasons.push("forename sounds alike".to_owned());
            Some(jw.max(0.9))
        } else {
            Some(jw)
        }
    };
    let score = match (surname, forename) {
        (Some(s), Some(f)) => 0.6 * s + 0.4 * f,
        (Some(s), None) => s,
        (None, Some(f)) => f,
        (None, None) => 0.0,
    };
    (score, reasons)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq() -> Equivalents {
        Equivalents::new(
            [
                ("bob", "robert"),
                ("robert", "robert"),
                ("jon", "john"),
                ("jon", "jonathan"),
                ("john", "john"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned())),
        )
    }

    #[test]
    fn spelling_variants_share_keys() {
        assert_eq!(phonetic("Smith")[0], phonetic("Smyth")[0]);
        assert!(phonetic("Schmidt").iter().any(|k| phonetic("Smith").contains(k)));
        assert_eq!(phonetic("Catherine")[0], phonetic("Kathryn")[0]);
        assert_eq!(normalise("O'Brien-Ñúñez"), "obriennunez");
        assert_eq!(prefix("Smtih"), "sm");
    }

    #[test]
    fn nicknames_are_equivalent() {
        let e = eq();
        assert!(e.equivalent("Bob", "Robert"));
        assert!(e.equivalent("Jon", "Jonathan"));
        assert!(!e.equivalent("Bob", "John"));
        let keys = name_keys(&e, "Bob", "Smith");
        let robert = phonetic("Robert")[0].clone();
        assert!(keys.iter().any(|(_, _, f)| *f == robert), "{keys:?}");
    }

    #[test]
    fn similarity_ranks_near_duplicates_above_strangers() {
        let e = eq();
        let (same, _) = similarity(&e, "John", "Smith", "John", "Smith");
        let (nick, r) = similarity(&e, "Jon", "Smyth", "John", "Smith");
        let (typo, _) = similarity(&e, "John", "Smtih", "John", "Smith");
        let (other, _) = similarity(&e, "John", "Smith", "Peter", "Jones");
        assert!(same > nick && nick > other, "{same} {nick} {other}");
        assert!(typo > 0.85, "{typo}");
        assert!(other < 0.6, "{other}");
        assert!(r.iter().any(|x| x.contains("sounds alike")), "{r:?}");
    }
}

//! Validation rules the browser and the server apply identically, and the conversion of
//! `validator` errors into the API's field errors.

use crate::error::FieldError;
use std::borrow::Cow;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

fn err(code: &'static str, message: &'static str) -> ValidationError {
    let mut e = ValidationError::new(code);
    e.message = Some(Cow::Borrowed(message));
    e
}

/// Shortest user name, in characters.
pub const USERNAME_MIN_CHARS: usize = 3;
/// Longest user name, in characters.
pub const USERNAME_MAX_CHARS: usize = 40;

/// User names: 3 to 40 of `a-z 0-9 . - _`, starting with a letter.
pub fn username(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() {
        return Err(err("required", "Enter a user name"));
    }
    let ok_len = (USERNAME_MIN_CHARS..=USERNAME_MAX_CHARS).contains(&v.chars().count());
    let ok_chars = v
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    let starts_letter = v.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if ok_len && ok_chars && starts_letter {
        Ok(())
    } else {
        Err(err(
            "format",
            "User name must be 3 to 40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter",
        ))
    }
}

/// Shortest full name, in characters (surrounding spaces not counted).
pub const DISPLAY_NAME_MIN_CHARS: usize = 2;
/// Longest full name, in characters (surrounding spaces not counted).
pub const DISPLAY_NAME_MAX_CHARS: usize = 100;

/// A person's full name as shown: letters, spaces, hyphens and apostrophes; 2 to 100 characters.
pub fn display_name(v: &str) -> Result<(), ValidationError> {
    let t = v.trim();
    if t.is_empty() {
        return Err(err("required", "Enter the full name"));
    }
    if t.chars().count() < DISPLAY_NAME_MIN_CHARS || t.chars().count() > DISPLAY_NAME_MAX_CHARS {
        return Err(err("length", "Name must be 2 to 100 characters"));
    }
    if !t
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '’')
    {
        return Err(err(
            "format",
            "Name may contain only letters, spaces, hyphens and apostrophes",
        ));
    }
    Ok(())
}

/// Shortest collar number (ASCII letters or digits, so bytes and characters agree).
pub const COLLAR_NUMBER_MIN: usize = 2;
/// Longest collar number (ASCII letters or digits, so bytes and characters agree).
pub const COLLAR_NUMBER_MAX: usize = 8;

/// Collar numbers: 2 to 8 letters or digits.
pub fn collar_number(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() {
        return Err(err("required", "Enter the collar number"));
    }
    if (COLLAR_NUMBER_MIN..=COLLAR_NUMBER_MAX).contains(&v.len())
        && v.chars().all(|c| c.is_ascii_alphanumeric())
    {
        Ok(())
    } else {
        Err(err("format", "Collar number must be 2 to 8 letters or digits"))
    }
}

/// Shortest rank or grade, in characters (surrounding spaces not counted).
pub const RANK_MIN_CHARS: usize = 2;
/// Longest rank or grade, in characters (surrounding spaces not counted).
pub const RANK_MAX_CHARS: usize = 60;

/// Rank or grade: 2 to 60 characters.
pub fn rank(v: &str) -> Result<(), ValidationError> {
    let n = v.trim().chars().count();
    if n == 0 {
        return Err(err("required", "Enter the rank or grade"));
    }
    if !(RANK_MIN_CHARS..=RANK_MAX_CHARS).contains(&n) {
        return Err(err("length", "Rank must be 2 to 60 characters"));
    }
    Ok(())
}

/// The minimum password length (NIST SP 800-63B: no composition rules, a length floor and a
/// check against commonly used passwords).
pub const MIN_PASSWORD_LEN: usize = 12;
/// The maximum password length, in characters.
pub const MAX_PASSWORD_LEN: usize = 128;

const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "password1234",
    "passwordpassword",
    "qwertyuiopas",
    "111111111111",
    "iloveyou1234",
    "administrator",
    "letmein12345",
    "welcome12345",
    "changeme1234",
    "police123456",
    "password123!",
    "qwerty123456",
    "abc123456789",
    "bluelamp1234",
];

/// Roles a force administrator grants: police roles only (see [`crate::auth::Role::granted_by_force`]).
pub fn police_roles(roles: &[crate::auth::Role]) -> Result<(), ValidationError> {
    use crate::auth::Role;
    if roles.contains(&Role::ConsortiumAdmin) {
        Err(err(
            "consortium_role",
            "The consortium administrator's role is above any one force: a force cannot grant it",
        ))
    } else if roles.iter().all(|r| r.granted_by_force()) {
        Ok(())
    } else {
        Err(err(
            "partner_role",
            "The prosecutor's role belongs to the CPS's partner accounts: a force cannot grant it",
        ))
    }
}

/// Passwords: 12 to 128 characters and not a commonly used password.
pub fn password(v: &str) -> Result<(), ValidationError> {
    let n = v.chars().count();
    if n == 0 {
        return Err(err("required", "Enter a password"));
    }
    if n < MIN_PASSWORD_LEN {
        return Err(err("length", "Password must be at least 12 characters"));
    }
    if n > MAX_PASSWORD_LEN {
        return Err(err("length", "Password must be at most 128 characters"));
    }
    let lower = v.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str())
        || lower.chars().all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Err(err("common", "That password is too common; choose another"));
    }
    Ok(())
}

/// Titles that must not be typed into a name field.
pub const TITLES: &[&str] = &[
    "mr", "mrs", "miss", "ms", "mx", "dr", "sir", "dame", "lady", "lord", "rev", "revd", "prof", "master",
];

/// Longest name part, in characters (surrounding spaces not counted).
pub const MAX_NAME_PART_CHARS: usize = 60;

/// One name part (a forename, a middle name or a surname): letters, hyphens and apostrophes (surnames
/// may also contain spaces, as in "van der Berg"); no titles.
pub fn name_part(v: &str, allow_spaces: bool) -> Result<(), ValidationError> {
    let t = v.trim();
    if t.is_empty() {
        return Ok(());
    }
    if t.chars().count() > MAX_NAME_PART_CHARS {
        return Err(err("length", "A name may be at most 60 characters"));
    }
    let lower = t.trim_end_matches('.').to_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return Err(err("title", "Leave titles (Mr, Mrs, Dr…) out of names"));
    }
    let ok = t
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’' || (allow_spaces && c == ' '));
    if !ok {
        return Err(if !allow_spaces && t.contains(' ') {
            err("one_name", "Enter one name per field")
        } else {
            err(
                "format",
                "Names may contain only letters, hyphens and apostrophes",
            )
        });
    }
    Ok(())
}

/// A date that must not be in the future.
pub fn not_future(d: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<(), ValidationError> {
    if d > today {
        Err(err("future_date", "The date cannot be in the future"))
    } else {
        Ok(())
    }
}

/// Upper-cases and removes spaces (for postcodes, VRMs and identifiers).
pub fn compact(v: &str) -> String {
    v.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A UK postcode (e.g. `SW1A 1AA`, `M1 1AE`, `B33 8TH`, `CR2 6XH`, `DN55 1PT`), spaces optional.
pub fn postcode(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    let bad = || err("format", "Enter a real UK postcode, like SW1A 1AA");
    if !(5..=7).contains(&c.len()) || !c.is_ascii() {
        return Err(bad());
    }
    let (outward, inward) = c.split_at(c.len() - 3);
    let inward: Vec<char> = inward.chars().collect();
    if !(inward[0].is_ascii_digit() && inward[1].is_ascii_alphabetic() && inward[2].is_ascii_alphabetic()) {
        return Err(bad());
    }
    let o: Vec<char> = outward.chars().collect();
    let letters = o.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || o.len() <= letters || !o[letters].is_ascii_digit() {
        return Err(bad());
    }
    if !o[letters + 1..].iter().all(|c| c.is_ascii_alphanumeric()) || o.len() - letters > 3 {
        return Err(bad());
    }
    Ok(())
}

/// Formats a valid postcode with its single space (`sw1a1aa` → `SW1A 1AA`).
pub fn format_postcode(v: &str) -> String {
    let c = compact(v);
    if c.len() > 3 {
        format!("{} {}", &c[..c.len() - 3], &c[c.len() - 3..])
    } else {
        c
    }
}

/// A UK vehicle registration mark: 2 to 7 letters and digits with at least one of each (current,
/// prefix, suffix and dateless formats), spaces optional.
pub fn vrm(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    let ok = (2..=7).contains(&c.len())
        && c.chars().all(|ch| ch.is_ascii_alphanumeric())
        && c.chars().any(|ch| ch.is_ascii_digit())
        && c.chars().any(|ch| ch.is_ascii_alphabetic());
    if ok {
        Ok(())
    } else {
        Err(err("format", "Enter a registration mark like AB12 CDE"))
    }
}

/// A vehicle identification number: 17 letters and digits, without I, O or Q.
pub fn vin(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    if c.len() == 17
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() && !"IOQ".contains(ch))
    {
        Ok(())
    } else {
        Err(err("format", "A VIN is 17 letters and digits (never I, O or Q)"))
    }
}

/// An IMEI: 15 digits with a valid Luhn check digit.
pub fn imei(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    if c.len() != 15 || !c.chars().all(|ch| ch.is_ascii_digit()) {
        return Err(err("format", "An IMEI is 15 digits"));
    }
    let sum: u32 = c
        .chars()
        .rev()
        .enumerate()
        .map(|(i, ch)| {
            let d = ch.to_digit(10).unwrap_or(0);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    if sum.is_multiple_of(10) {
        Ok(())
    } else {
        Err(err(
            "checksum",
            "That IMEI's check digit is wrong: check it against the handset",
        ))
    }
}

/// A telephone number: 7 to 15 digits, optionally starting with +, spaces and hyphens allowed.
pub fn phone(v: &str) -> Result<(), ValidationError> {
    let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
    let ok_chars = v.trim().chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || c == ' ' || c == '-' || (i == 0 && c == '+') || c == '(' || c == ')'
    });
    if ok_chars && (7..=15).contains(&digits.len()) {
        Ok(())
    } else {
        Err(err(
            "format",
            "Enter a telephone number like 07700 900123 or +44 7700 900123",
        ))
    }
}

/// The digits of a phone number with a UK leading 0 for +44 numbers (for matching).
pub fn normalise_phone(v: &str) -> String {
    let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
    match digits.strip_prefix("44") {
        Some(rest) if v.trim_start().starts_with('+') => format!("0{rest}"),
        _ => digits,
    }
}

/// An e-mail address (one @, something either side, a dot in the domain).
pub fn email(v: &str) -> Result<(), ValidationError> {
    let t = v.trim();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.contains(' ')
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(err("format", "Enter an e-mail address like name@example.com"))
    }
}

/// A PNC ID: year / serial number + check letter, e.g. `98/123456X` (2 or 4 digit year, up to 7 digits).
pub fn pnc_id(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    let ok = match c.split_once('/') {
        Some((year, rest)) => {
            (year.len() == 2 || year.len() == 4)
                && year.chars().all(|ch| ch.is_ascii_digit())
                && (2..=8).contains(&rest.len())
                && rest[..rest.len() - 1].chars().all(|ch| ch.is_ascii_digit())
                && rest.chars().last().is_some_and(|ch| ch.is_ascii_alphabetic())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(err("format", "A PNC ID looks like 98/123456X"))
    }
}

/// A CRO number: serial / two-digit year + check letter, e.g. `123456/98X` (or SF… for fingerprint-only).
pub fn cro_number(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    let ok = match c.split_once('/') {
        Some((serial, rest)) => {
            (1..=6).contains(&serial.trim_start_matches("SF").len())
                && serial
                    .trim_start_matches("SF")
                    .chars()
                    .all(|ch| ch.is_ascii_digit())
                && rest.len() == 3
                && rest[..2].chars().all(|ch| ch.is_ascii_digit())
                && rest.chars().last().is_some_and(|ch| ch.is_ascii_alphabetic())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(err("format", "A CRO number looks like 123456/98X"))
    }
}

/// A National Insurance number: two letters, six digits, a letter A–D (e.g. `QQ 12 34 56 C`).
pub fn ni_number(v: &str) -> Result<(), ValidationError> {
    let c = compact(v);
    let b = c.as_bytes();
    let ok = c.len() == 9
        && b[0].is_ascii_alphabetic()
        && b[1].is_ascii_alphabetic()
        && b[2..8].iter().all(u8::is_ascii_digit)
        && (b'A'..=b'D').contains(&b[8])
        && !"DFIQUV".contains(b[0] as char)
        && !"DFIQUVO".contains(b[1] as char);
    if ok {
        Ok(())
    } else {
        Err(err(
            "format",
            "A National Insurance number looks like AB 12 34 56 C",
        ))
    }
}

/// Checks a text's length in characters, ignoring surrounding spaces: `required` when it is blank,
/// `length` outside `min..=max`. `what` names it in the message ("Enter the reason").
pub fn check_length(
    errors: &mut Vec<FieldError>,
    path: &str,
    value: &str,
    min: usize,
    max: usize,
    what: &str,
) {
    let n = value.trim().chars().count();
    if n == 0 {
        errors.push(FieldError::new(path, "required", format!("Enter the {what}")));
    } else if !(min..=max).contains(&n) {
        errors.push(length_fault(path, min, max, what));
    }
}

/// The `length` fault of [`check_length`].
pub fn length_fault(path: &str, min: usize, max: usize, what: &str) -> FieldError {
    FieldError::new(path, "length", format!("The {what} is {min} to {max} characters"))
}

/// Adds a rule's failure (if any) to `errors` under `path`.
pub fn push_rule(errors: &mut Vec<FieldError>, path: impl Into<String>, r: Result<(), ValidationError>) {
    if let Err(e) = r {
        errors.push(FieldError::new(
            path,
            e.code.to_string(),
            e.message
                .map(|m| m.to_string())
                .unwrap_or_else(|| "Not valid".to_owned()),
        ));
    }
}

/// Flattens `validator` errors into API field errors with dotted paths, sorted by path.
pub fn field_errors(errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect(errors: &ValidationErrors, prefix: &str, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(errs) => {
                for e in errs {
                    out.push(FieldError::new(
                        path.clone(),
                        e.code.to_string(),
                        e.message
                            .as_ref()
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| format!("{path} is not valid")),
                    ));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(inner, &format!("{path}.{i}"), out);
                }
            }
        }
    }
}

/// Validates `value` and returns every field error at once (empty when valid).
pub fn check<T: validator::Validate>(value: &T) -> Vec<FieldError> {
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(e) => field_errors(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;
    use crate::users::CreateUserRequest;

    #[test]
    fn usernames() {
        assert!(username("ns.hughes").is_ok());
        assert!(username("a_b-c9").is_ok());
        assert_eq!(username("").unwrap_err().code, "required");
        assert_eq!(username("ab").unwrap_err().code, "format");
        assert_eq!(username("Hughes").unwrap_err().code, "format");
        assert_eq!(username("9lives").unwrap_err().code, "format");
        assert_eq!(username("has space").unwrap_err().code, "format");
    }

    #[test]
    fn names() {
        assert!(display_name("Siobhan O'Neill-Burke").is_ok());
        assert!(display_name("Zoë Ångström").is_ok());
        assert_eq!(display_name("  ").unwrap_err().code, "required");
        assert_eq!(display_name("R2D2").unwrap_err().code, "format");
        assert_eq!(display_name("X").unwrap_err().code, "length");
    }

    #[test]
    fn collar_numbers_and_ranks() {
        assert!(collar_number("4521").is_ok());
        assert!(collar_number("PC123").is_ok());
        assert_eq!(collar_number("1").unwrap_err().code, "format");
        assert_eq!(collar_number("12 34").unwrap_err().code, "format");
        assert!(rank("Police Sergeant").is_ok());
        assert_eq!(rank("").unwrap_err().code, "required");
    }

    #[test]
    fn passwords() {
        assert!(password("correct horse battery").is_ok());
        assert_eq!(password("short").unwrap_err().code, "length");
        assert_eq!(password("Password1234").unwrap_err().code, "common");
        assert_eq!(password("aaaaaaaaaaaaaa").unwrap_err().code, "common");
        assert_eq!(password(&"x".repeat(129)).unwrap_err().code, "length");
    }

    #[test]
    fn name_parts() {
        assert!(name_part("O'Brien", false).is_ok());
        assert!(name_part("Smith-Jones", false).is_ok());
        assert!(name_part("van der Berg", true).is_ok());
        assert_eq!(name_part("Mr", false).unwrap_err().code, "title");
        assert_eq!(name_part("Dr.", false).unwrap_err().code, "title");
        assert_eq!(name_part("John Paul", false).unwrap_err().code, "one_name");
        assert_eq!(name_part("J0hn", false).unwrap_err().code, "format");
        assert_eq!(name_part("Tesco Express Ltd.", true).unwrap_err().code, "format");
    }

    #[test]
    fn postcodes() {
        for ok in [
            "SW1A 1AA", "sw1a1aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "W1A 0AX",
        ] {
            assert!(postcode(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "SW1A", "1AA SW1", "ABC 1AA", "SW1A 1A1", "SW1A-1AA", "Q", "M1 1AEE",
        ] {
            assert!(postcode(bad).is_err(), "{bad}");
        }
        assert_eq!(format_postcode("sw1a1aa"), "SW1A 1AA");
    }

    #[test]
    fn vehicles_and_phones() {
        for ok in ["AB12 CDE", "ab12cde", "A123 BCD", "ABC 123D", "1234 AB", "K1"] {
            assert!(vrm(ok).is_ok(), "{ok}");
        }
        for bad in ["", "ABCDEFGH", "AB12-CDE", "ABCDE", "12345"] {
            assert!(vrm(bad).is_err(), "{bad}");
        }
        assert!(vin("1HGCM82633A004352").is_ok());
        assert!(vin("1HGCM82633A00435O").is_err());
        assert!(imei("490154203237518").is_ok());
        assert_eq!(imei("490154203237519").unwrap_err().code, "checksum");
        assert!(phone("07700 900123").is_ok());
        assert!(phone("+44 7700 900123").is_ok());
        assert!(phone("call me").is_err());
        assert_eq!(normalise_phone("+44 7700 900123"), "07700900123");
        assert_eq!(normalise_phone("07700-900123"), "07700900123");
        assert!(email("a.b@example.co.uk").is_ok());
        assert!(email("a b@example.com").is_err());
        assert!(email("nobody").is_err());
    }

    #[test]
    fn identifiers() {
        assert!(pnc_id("98/123456X").is_ok());
        assert!(pnc_id("2001/1234567Z").is_ok());
        assert!(pnc_id("98123456X").is_err());
        assert!(cro_number("123456/98X").is_ok());
        assert!(cro_number("SF123/98X").is_ok());
        assert!(cro_number("123456/9X").is_err());
        assert!(ni_number("AB 12 34 56 C").is_ok());
        assert!(ni_number("AB123456E").is_err());
        assert!(ni_number("DA123456A").is_err());
    }

    #[test]
    fn every_field_error_is_reported_at_once() {
        let req = CreateUserRequest::default();
        let errs = check(&req);
        let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "collar_number",
                "display_name",
                "password",
                "rank",
                "roles",
                "username"
            ]
        );
        assert!(errs.iter().all(|e| !e.message.is_empty()));
        let ok = CreateUserRequest {
            username: "ns.new".into(),
            display_name: "New Officer".into(),
            collar_number: "1234".into(),
            rank: "Police Constable".into(),
            roles: vec![Role::ResponseOfficer],
            password: "a long enough passphrase".into(),
        };
        assert!(check(&ok).is_empty());
    }
}

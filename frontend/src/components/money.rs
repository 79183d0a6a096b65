//! Money as the forms show and read it: pence as pounds (`£12.50`) and pounds typed into pence.

/// Pence as pounds, e.g. `£12.50`.
pub fn pounds(p: i64) -> String {
    format!("£{}.{:02}", p / 100, (p % 100).abs())
}

/// Reads an amount of money typed as pounds ("12", "12.5", "£1,012.50") into pence.
pub fn parse_pounds(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if t.is_empty() {
        return None;
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    let w: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let f: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    (w >= 0).then_some(w * 100 + f)
}

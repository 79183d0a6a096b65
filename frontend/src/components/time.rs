//! Times and dates in the browser's time zone: now, today, a time in words, relative times
//! ("in 3 h 20 min") and the text of `datetime-local` inputs.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Now, by the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn js_date(t: DateTime<Utc>) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64))
}

/// A time in the browser's time zone, e.g. `Sat 28 Mar 2026 14:05`.
pub fn local_time(t: DateTime<Utc>) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = js_date(t);
    format!(
        "{} {} {} {} {:02}:{:02}",
        DAYS[(d.get_day() % 7) as usize],
        d.get_date(),
        MONTHS[(d.get_month() % 12) as usize],
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// The value of a `datetime-local` input for `t` (browser time zone).
pub fn to_input(t: DateTime<Utc>) -> String {
    let d = js_date(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Reads a `datetime-local` value (browser time zone).
pub fn from_input(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let n = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    use chrono::{Datelike, Timelike};
    let d = js_sys::Date::new_with_year_month_day_hr_min(
        n.year() as u32,
        n.month0() as i32,
        n.day() as i32,
        n.hour() as i32,
        n.minute() as i32,
    );
    DateTime::from_timestamp_millis(d.get_time() as i64)
}

/// Today's date in the browser's time zone, as `YYYY-MM-DD`.
pub fn today_text() -> String {
    to_input(now())[..10].to_owned()
}

/// "in 3 h 20 min" / "2 h 5 min ago".
pub fn relative(t: DateTime<Utc>) -> String {
    let mins = (t - now()).num_minutes();
    let span = |m: i64| {
        let m = m.abs();
        if m >= 48 * 60 {
            format!("{} days", m / (24 * 60))
        } else if m >= 60 {
            format!("{} h {} min", m / 60, m % 60)
        } else {
            format!("{m} min")
        }
    };
    if mins >= 0 {
        format!("in {}", span(mins))
    } else {
        format!("{} ago", span(mins))
    }
}

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

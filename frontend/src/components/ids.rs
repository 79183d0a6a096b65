//! Ids the app makes itself: idempotency keys for creating calls and v4 UUIDs for drafts.

use uuid::Uuid;

/// A fresh idempotency key (a v4 UUID) from the browser's `crypto`.
pub fn new_idempotency_key() -> String {
    let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) else {
        return format!("bluelamp-{}", js_sys::Date::now());
    };
    // `randomUUID` exists only in secure contexts (HTTPS, localhost); `getRandomValues` always.
    if js_sys::Reflect::has(&crypto, &"randomUUID".into()).unwrap_or(false) {
        return crypto.random_uuid();
    }
    let mut b = [0u8; 16];
    if crypto.get_random_values_with_u8_array(&mut b).is_err() {
        return format!("bluelamp-{}", js_sys::Date::now());
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A fresh random (v4) id from the browser's `crypto`, for records whose id the app chooses
/// (drafts). Falls back to time and `Math.random` where `crypto` is unavailable.
pub fn new_uuid() -> Uuid {
    new_idempotency_key().parse().unwrap_or_else(|_| {
        let hi = (js_sys::Math::random() * u64::MAX as f64) as u64;
        let lo = (js_sys::Date::now() as u64) ^ ((js_sys::Math::random() * u32::MAX as f64) as u64);
        uuid::Builder::from_random_bytes(((u128::from(hi) << 64) | u128::from(lo)).to_be_bytes()).into_uuid()
    })
}

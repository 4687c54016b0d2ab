//! When a Keystone token must be renewed: `expires_at` as Unix seconds, and the
//! margin before it at which a new token is fetched.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::timestamp::{Timestamp, TimestampParts};

/// A token is renewed when less than this remains before its `expires_at`, so a call
/// never starts with a token that may expire on the way.
pub(crate) const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(60);

/// `expires_at` (`2026-11-28T09:23:42.000000Z`) as Unix seconds; `None` if it does
/// not parse (such a token is then kept until a 401 says otherwise).
pub(crate) fn unix_seconds(expires_at: &str) -> Option<i64> {
    let parts = Timestamp::new(expires_at).parse().ok()?;
    Some(parts_to_unix(&parts))
}

/// Whether a token expiring at `expires_at` (Unix seconds) should be renewed at `now`.
pub(crate) fn renewal_due(expires_at: Option<i64>, now: SystemTime) -> bool {
    let Some(expires_at) = expires_at else {
        return false;
    };
    let now = match now.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(_) => 0,
    };
    let margin = i64::try_from(RENEW_BEFORE_EXPIRY.as_secs()).unwrap_or(i64::MAX);
    expires_at.saturating_sub(now) < margin
}

fn parts_to_unix(p: &TimestampParts) -> i64 {
    let days = days_from_civil(i64::from(p.year), i64::from(p.month), i64::from(p.day));
    let seconds =
        days * 86_400 + i64::from(p.hour) * 3_600 + i64::from(p.minute) * 60 + i64::from(p.second);
    // A missing zone means UTC (Keystone and Nova both write UTC).
    seconds - i64::from(p.offset_minutes.unwrap_or(0)) * 60
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_keystone_timestamps() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            unix_seconds("2026-11-28T09:23:42.000000Z"),
            Some(1_795_857_822)
        );
        assert_eq!(unix_seconds("2000-02-29T12:00:00+01:00"), Some(951_822_000));
        assert_eq!(unix_seconds("2024-03-01T00:00:00"), Some(1_709_251_200));
        assert_eq!(unix_seconds("tomorrow"), None);
    }

    #[test]
    fn renews_within_the_margin_only() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(!renewal_due(Some(1_000_000 + 3_600), now));
        assert!(!renewal_due(Some(1_000_000 + 60), now));
        assert!(renewal_due(Some(1_000_000 + 59), now));
        assert!(renewal_due(Some(1_000_000 - 5), now));
        assert!(!renewal_due(None, now));
    }
}

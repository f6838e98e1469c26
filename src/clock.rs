//! Time, with one clock and one date crate (jiff): the current time as UTC seconds (the only
//! timestamp Ayni stores), the region's time zones, and how times are read from forms and
//! written for people and for machines.

/// Current time as UTC unix seconds.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// The clock of one instance: real time, plus an offset that only tests move (to reach the
/// end of an edit window or a day of standing without waiting). Requests read it once, into
/// `Ctx::now` and the operations' dependencies.
#[derive(Clone, Default, Debug)]
pub struct Clock(std::sync::Arc<std::sync::atomic::AtomicI64>);

impl Clock {
    pub fn now(&self) -> i64 {
        now() + self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
    /// Moves this clock `secs` forward.
    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The current year (UTC).
pub fn this_year() -> i64 {
    i64::from(
        jiff::tz::TimeZone::UTC
            .to_datetime(jiff::Timestamp::now())
            .year(),
    )
}

/// Time zones offered for calls and forums (the region's IANA zones); the first is the
/// default.
pub const TIME_ZONES: [&str; 16] = [
    "America/La_Paz",
    "America/Lima",
    "America/Bogota",
    "America/Guayaquil",
    "America/Caracas",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Montevideo",
    "America/Asuncion",
    "America/Sao_Paulo",
    "America/Manaus",
    "America/Mexico_City",
    "America/Guatemala",
    "America/Tegucigalpa",
    "America/Havana",
    "America/Santo_Domingo",
];

fn timestamp(ts: i64) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_second(ts).ok()
}

/// A UTC date and time for people (`2026-11-25 14:03 UTC`).
pub fn utc(ts: i64) -> String {
    timestamp(ts)
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// A UTC date and time for machines (RFC 3339: `2026-11-25T14:03:00Z`).
pub fn rfc3339(ts: i64) -> String {
    timestamp(ts).map(|t| t.to_string()).unwrap_or_default()
}

/// A date-time in a zone, for people: `2026-12-01 09:00 (America/La_Paz)`.
pub fn local_time(ts: i64, zone: &str) -> String {
    let Ok(tz) = jiff::tz::TimeZone::get(zone) else {
        return utc(ts);
    };
    match timestamp(ts) {
        Some(t) => format!("{} ({zone})", tz.to_datetime(t).strftime("%Y-%m-%d %H:%M")),
        None => String::new(),
    }
}

/// A UTC timestamp as a `datetime-local` value in `zone` (`2026-12-01T09:00`).
pub fn local_input(ts: i64, zone: &str) -> String {
    match (jiff::tz::TimeZone::get(zone), timestamp(ts)) {
        (Ok(tz), Some(t)) => tz.to_datetime(t).strftime("%Y-%m-%dT%H:%M").to_string(),
        _ => String::new(),
    }
}

/// `2026-12-01T09:00` in `zone` → UTC seconds.
pub fn parse_local(value: &str, zone: &str) -> Option<i64> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let dt: jiff::civil::DateTime = value.trim().parse().ok()?;
    Some(tz.to_timestamp(dt).ok()?.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_back_and_print_the_same() {
        let ts = parse_local("2026-12-01T09:30", "America/Lima").unwrap();
        assert_eq!(local_input(ts, "America/Lima"), "2026-12-01T09:30");
        assert_eq!(
            local_time(ts, "America/Lima"),
            "2026-12-01 09:30 (America/Lima)"
        );
        assert_eq!(utc(ts), "2026-12-01 14:30 UTC");
        assert_eq!(rfc3339(ts), "2026-12-01T14:30:00Z");
        assert!(this_year() >= 2026);
        assert_eq!(utc(i64::MAX), "");
    }
}

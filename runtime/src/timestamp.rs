//! Timestamps exactly as the server sent them. Nova mixes forms (`...Z`, no zone with
//! microseconds, `-05:00` offsets), so decoding keeps the string (and never fails on an
//! odd form); [`Timestamp::parse`] gives typed fields without a date-time dependency.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A timestamp string, kept byte for byte; serializes back to the same string.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Timestamp(String);

/// The fields of an ISO 8601 / RFC 3339 timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimestampParts {
    /// The year, four digits.
    pub year: u16,
    /// 1–12.
    pub month: u8,
    /// 1–31, checked against the month and leap years.
    pub day: u8,
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–60 (60 for a leap second).
    pub second: u8,
    /// The fraction of the second, in nanoseconds (Nova sends microseconds).
    pub nanos: u32,
    /// Offset from UTC in minutes: `Some(0)` for `Z`, `None` when the string has no zone
    /// (Nova means UTC then).
    pub offset_minutes: Option<i16>,
}

/// Why a timestamp string does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError {
    input: String,
    reason: &'static str,
}

impl Timestamp {
    /// Keeps `value` as is; nothing is checked here,
    /// so an odd server value never fails a whole reply: [`Timestamp::parse`] checks it on demand.
    pub fn new(value: impl Into<String>) -> Self {
        Timestamp(value.into())
    }

    /// The exact text the server sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`.
    pub fn parse(&self) -> Result<TimestampParts, TimestampError> {
        parse(&self.0).map_err(|reason| TimestampError {
            input: self.0.clone(),
            reason,
        })
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn digits(&mut self, n: usize) -> Result<u32, &'static str> {
        let end = self.pos + n;
        let chunk = self.bytes.get(self.pos..end).ok_or("too short")?;
        if !chunk.iter().all(u8::is_ascii_digit) {
            return Err("expected a digit");
        }
        self.pos = end;
        Ok(chunk
            .iter()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0')))
    }

    fn expect(&mut self, allowed: &[u8], what: &'static str) -> Result<u8, &'static str> {
        match self.bytes.get(self.pos) {
            Some(b) if allowed.contains(b) => {
                self.pos += 1;
                Ok(*b)
            }
            _ => Err(what),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }
}

fn parse(s: &str) -> Result<TimestampParts, &'static str> {
    let mut c = Cursor {
        bytes: s.as_bytes(),
        pos: 0,
    };
    let year = c.digits(4)?;
    c.expect(b"-", "expected '-' after the year")?;
    let month = c.digits(2)?;
    c.expect(b"-", "expected '-' after the month")?;
    let day = c.digits(2)?;
    c.expect(b"Tt ", "expected 'T' between date and time")?;
    let hour = c.digits(2)?;
    c.expect(b":", "expected ':' after the hour")?;
    let minute = c.digits(2)?;
    c.expect(b":", "expected ':' after the minute")?;
    let second = c.digits(2)?;

    let mut nanos = 0u32;
    if c.peek() == Some(b'.') {
        c.pos += 1;
        let start = c.pos;
        while c.peek().is_some_and(|b| b.is_ascii_digit()) {
            let digit = u32::from(c.bytes[c.pos] - b'0');
            let index = c.pos - start;
            if index < 9 {
                nanos += digit * 10u32.pow(8 - index as u32);
            }
            c.pos += 1;
        }
        if c.pos == start {
            return Err("expected digits after '.'");
        }
    }

    let offset_minutes = match c.peek() {
        None => None,
        Some(b'Z' | b'z') => {
            c.pos += 1;
            Some(0)
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let hours = c.digits(2)?;
            if c.peek() == Some(b':') {
                c.pos += 1;
            }
            let minutes = c.digits(2)?;
            if hours > 23 || minutes > 59 {
                return Err("offset out of range");
            }
            // At most 23 * 60 + 59, which fits in i16.
            let total = (hours * 60 + minutes) as i16;
            Some(if sign == b'-' { -total } else { total })
        }
        Some(_) => return Err("unexpected character after the time"),
    };
    if c.pos != c.bytes.len() {
        return Err("trailing characters");
    }

    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("day out of range");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("time out of range");
    }
    // Each value was range-checked above (year has four digits), so the casts are lossless.
    Ok(TimestampParts {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        nanos,
        offset_minutes,
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl From<String> for Timestamp {
    fn from(value: String) -> Self {
        Timestamp(value)
    }
}

impl From<&str> for Timestamp {
    fn from(value: &str) -> Self {
        Timestamp(value.to_owned())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.0)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp)
    }
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid timestamp {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for TimestampError {}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMS: [&str; 3] = [
        "2010-11-11T12:00:00Z",
        "2026-11-27T08:31:30.987430",
        "2015-08-27T09:49:58-05:00",
    ];

    #[test]
    fn round_trips_exactly() {
        for form in FORMS {
            let json = format!("\"{form}\"");
            let ts: Timestamp = serde_json::from_str(&json).expect("string");
            assert_eq!(ts.as_str(), form);
            assert_eq!(serde_json::to_string(&ts).expect("serializes"), json);
        }
    }

    #[test]
    fn parses_the_three_forms() {
        let p = Timestamp::new(FORMS[0]).parse().expect("parses");
        assert_eq!(
            p,
            TimestampParts {
                year: 2010,
                month: 11,
                day: 11,
                hour: 12,
                minute: 0,
                second: 0,
                nanos: 0,
                offset_minutes: Some(0),
            }
        );
        let p = Timestamp::new(FORMS[1]).parse().expect("parses");
        assert_eq!(
            (p.second, p.nanos, p.offset_minutes),
            (30, 987_430_000, None)
        );
        let p = Timestamp::new(FORMS[2]).parse().expect("parses");
        assert_eq!((p.hour, p.offset_minutes), (9, Some(-300)));
        let p = Timestamp::new("2015-08-27 09:49:58+0530")
            .parse()
            .expect("parses");
        assert_eq!(p.offset_minutes, Some(330));
        let p = Timestamp::new("2024-02-29T00:00:00.123456789123Z")
            .parse()
            .expect("parses");
        assert_eq!(p.nanos, 123_456_789);
    }

    #[test]
    fn rejects_bad_forms_but_still_decodes_them() {
        for bad in [
            "",
            "2010-11-11",
            "2010-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2010-11-11T24:00:00Z",
            "2010-11-11T12:00:00.Z",
            "2010-11-11T12:00:00+5",
            "2010-11-11T12:00:00Zjunk",
            "２010-11-11T12:00:00Z",
        ] {
            assert!(Timestamp::new(bad).parse().is_err(), "{bad:?} parsed");
            let json = serde_json::to_string(bad).expect("serializes");
            let ts: Timestamp = serde_json::from_str(&json).expect("any string decodes");
            assert_eq!(ts.as_str(), bad);
        }
    }
}

//! Timestamps with their UTC offset, as articles carry them (`2023-12-07T15:58:54+08:00`).
//!
//! A tiny RFC 3339 subset instead of `chrono`/`jiff`: the app only needs to validate, order and
//! format publication times, and every kilobyte of wasm counts on a slow phone. China has had one
//! fixed offset (+08:00, no daylight saving) since 1991, so "Asia/Shanghai" is exactly +08:00 for
//! any article we will ever show.

use std::fmt;

/// The offset of Asia/Shanghai in minutes east of UTC.
pub const SHANGHAI_OFFSET_MINUTES: i32 = 8 * 60;

/// A point in time together with the UTC offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
    /// Minutes east of UTC that the timestamp was written in.
    pub offset_minutes: i32,
}

/// Calendar fields of a [`Timestamp`] seen in some offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// Why a timestamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a timestamp like 2023-12-07T15:58:54+08:00: {reason}")]
pub struct TimestampError {
    pub input: String,
    pub reason: &'static str,
}

impl Timestamp {
    /// Parses an RFC 3339 timestamp with seconds and an explicit offset (`Z` or `±HH:MM`).
    ///
    /// ```
    /// use yuedu_core::time::Timestamp;
    /// let t = Timestamp::parse_rfc3339("2023-12-07T15:58:54+08:00").unwrap();
    /// assert_eq!(t.unix_seconds, 1_701_935_934);
    /// assert_eq!(t.to_string(), "2023-12-07T15:58:54+08:00");
    /// assert!(Timestamp::parse_rfc3339("2023-02-30T00:00:00Z").is_err());
    /// ```
    pub fn parse_rfc3339(input: &str) -> Result<Self, TimestampError> {
        let err = |reason| TimestampError { input: input.to_owned(), reason };
        let b = input.as_bytes();
        if b.len() < 20 {
            return Err(err("too short"));
        }
        let num = |range: std::ops::Range<usize>| -> Result<u32, TimestampError> {
            let s = input.get(range).ok_or_else(|| err("not ASCII"))?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err("expected digits"));
            }
            s.parse().map_err(|_| err("expected digits"))
        };
        if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
            return Err(err("wrong separators"));
        }
        let civil = CivilTime {
            year: num(0..4)? as i32,
            month: num(5..7)?,
            day: num(8..10)?,
            hour: num(11..13)?,
            minute: num(14..16)?,
            second: num(17..19)?,
        };
        let mut rest = &input[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(err("empty fraction of a second"));
            }
            rest = &frac[digits..];
        }
        let offset_minutes = match rest {
            "Z" | "z" => 0,
            // Byte checks only: `rest` is untrusted and may hold multi-byte characters.
            _ if rest.len() == 6 && rest.is_ascii() && matches!(rest.as_bytes()[0], b'+' | b'-') && rest.as_bytes()[3] == b':' => {
                let hh: i32 = rest[1..3].parse().map_err(|_| err("bad offset"))?;
                let mm: i32 = rest[4..6].parse().map_err(|_| err("bad offset"))?;
                if hh > 23 || mm > 59 {
                    return Err(err("offset out of range"));
                }
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                sign * (hh * 60 + mm)
            }
            _ => return Err(err("missing offset (Z or ±HH:MM)")),
        };
        Self::from_civil(civil, offset_minutes).ok_or_else(|| err("no such date or time"))
    }

    /// Builds a timestamp from calendar fields written in `offset_minutes`; `None` for
    /// impossible dates (Feb 30th, hour 24, …).
    pub fn from_civil(c: CivilTime, offset_minutes: i32) -> Option<Self> {
        let leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
        let days_in_month = match c.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if c.day == 0 || c.day > days_in_month || c.hour > 23 || c.minute > 59 || c.second > 60 {
            return None;
        }
        let days = days_from_civil(c.year, c.month, c.day);
        let local = days * 86_400 + i64::from(c.hour * 3600 + c.minute * 60 + c.second.min(59));
        Some(Timestamp { unix_seconds: local - i64::from(offset_minutes) * 60, offset_minutes })
    }

    /// The calendar fields of this instant as seen at `offset_minutes` east of UTC.
    pub fn civil_at(&self, offset_minutes: i32) -> CivilTime {
        let local = self.unix_seconds + i64::from(offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        CivilTime { year, month, day, hour: secs / 3600, minute: secs / 60 % 60, second: secs % 60 }
    }

    /// Formats for Chinese readers in Asia/Shanghai: `2023年12月7日 15:58`.
    ///
    /// ```
    /// use yuedu_core::time::Timestamp;
    /// let t = Timestamp::parse_rfc3339("2023-12-07T07:58:54Z").unwrap();
    /// assert_eq!(t.format_zh_shanghai(), "2023年12月7日 15:58");
    /// ```
    pub fn format_zh_shanghai(&self) -> String {
        let c = self.civil_at(SHANGHAI_OFFSET_MINUTES);
        format!("{}年{}月{}日 {:02}:{:02}", c.year, c.month, c.day, c.hour, c.minute)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in the timestamp's own offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.civil_at(self.offset_minutes);
        write!(f, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", c.year, c.month, c.day, c.hour, c.minute, c.second)?;
        if self.offset_minutes == 0 {
            return f.write_str("Z");
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let m = self.offset_minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    /// Orders by instant; equal instants by offset so the order is total and deterministic.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.unix_seconds, self.offset_minutes).cmp(&(other.unix_seconds, other.offset_minutes))
    }
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_offsets() {
        for s in ["2023-12-07T15:58:54+08:00", "1999-01-01T00:00:00Z", "2024-02-29T23:59:59-05:30"] {
            assert_eq!(Timestamp::parse_rfc3339(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn accepts_fractions_but_not_a_space_separator() {
        let t = Timestamp::parse_rfc3339("2023-12-07t15:58:54.123+08:00").unwrap();
        assert_eq!(t.to_string(), "2023-12-07T15:58:54+08:00");
        // RFC 3339's grammar has `T`; a space, which its prose allows "for readability", is
        // refused, as JSON Schema's `date-time` refuses it (the schema and decoder agree).
        assert!(Timestamp::parse_rfc3339("2023-12-07 15:58:54+08:00").is_err());
    }

    #[test]
    fn rejects_impossible_and_offsetless() {
        for s in [
            "2023-12-07T15:58:54+0ȼ00",
            "2023-12-07T15:58:5ȼ+08:00",
            "2023-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2023-12-07T24:00:00Z",
            "2023-12-07T15:58:54",
            "2023-12-07",
            "２023-12-07T15:58:54Z",
            "",
        ] {
            assert!(Timestamp::parse_rfc3339(s).is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn shanghai_crosses_midnight() {
        let t = Timestamp::parse_rfc3339("2023-12-31T16:30:00Z").unwrap();
        assert_eq!(t.format_zh_shanghai(), "2024年1月1日 00:30");
    }

    #[test]
    fn civil_days_agree_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}

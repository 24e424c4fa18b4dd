//! Calendar dates as the data file writes them (`YYYY-MM-DD`), checked without a date crate.

/// A real calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Parses exactly `YYYY-MM-DD` and rejects dates that do not exist (`2024-02-30`).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = digits(0..4)? as i32;
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        (year >= 1000 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (before it, when negative): what a clock's Unix
    /// time divided by 86,400 gives. The model reads no clock; its callers do.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's `civil_from_days`: eras of 400 years (146,097 days) from 0000-03-01.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from March 1
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: year as i32,
            month,
            day,
        }
    }

    /// `2024-09-28`, as the data file writes it (and as Atom and sitemaps want it).
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `Sep 28, 2024`.
    pub fn display(&self) -> String {
        format!(
            "{} {}, {}",
            MONTHS[self.month as usize - 1],
            self.day,
            self.year
        )
    }

    /// `Sep 2024`.
    pub fn month_year(&self) -> String {
        format!("{} {}", MONTHS[self.month as usize - 1], self.year)
    }
}

/// Today by the system clock (UTC). Native only: in the browser the app asks JavaScript's clock.
#[cfg(not(target_arch = "wasm32"))]
pub fn today_utc() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// The year of a `YYYY-MM-DD` string, if it is a real date.
pub fn year_of(s: &str) -> Option<i32> {
    Date::parse(s).map(|d| d.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(
            Date::parse("2024-09-28"),
            Some(Date {
                year: 2024,
                month: 9,
                day: 28
            })
        );
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        for bad in [
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-9-28",
            "24-09-28",
            "2024/09/28",
            "",
            "2024-09-28T00",
            "+024-09-28",
            "2024-0a-01",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad} should be rejected");
        }
    }

    #[test]
    fn long_text_is_rejected_at_once() {
        for c in ["2", "-", "é"] {
            assert!(Date::parse(&c.repeat(1_000_000)).is_none());
            assert!(year_of(&c.repeat(1_000_000)).is_none());
        }
    }

    #[test]
    fn unix_days_become_dates() {
        let ymd = |days| Date::from_unix_days(days).iso();
        assert_eq!(ymd(0), "1970-01-01");
        assert_eq!(ymd(-1), "1969-12-31");
        assert_eq!(ymd(11_016), "2000-02-29");
        assert_eq!(ymd(19_723), "2024-01-01");
        assert_eq!(ymd(20_513), "2026-03-01");
        // Every day from 1900 to 2200 is a real date, one after the other.
        let mut previous = Date::from_unix_days(-25_567);
        assert_eq!(ymd(-25_567), "1900-01-01");
        for days in -25_566..84_000 {
            let d = Date::from_unix_days(days);
            assert!(d > previous && Date::parse(&ymd(days)) == Some(d), "{days}");
            previous = d;
        }
    }

    #[test]
    fn displays_month_names() {
        assert_eq!(Date::parse("2024-09-28").unwrap().display(), "Sep 28, 2024");
        assert_eq!(Date::parse("2025-01-05").unwrap().month_year(), "Jan 2025");
        assert_eq!(year_of("2023-12-31"), Some(2023));
        assert_eq!(year_of("soon"), None);
    }
}

//! Cleaning the values of an LWT site on their way into the data file, each change with the
//! reason the report gives: spaces around a name, non-breaking spaces, HTML entities that the
//! citation tools leave (`&amp;`), text that was mis-decoded somewhere upstream (UTF-8 read as
//! Windows-1252, Latin-1 or Mac Roman: "DÎµpS", "DŒµpS" for "DεpS"), a link without its
//! scheme, and dates in the shapes YAML files hold them.

use lab_model::date::Date;
use lab_model::text::misdecoded_marker;
use serde_norway::Value;

use super::source::scalar;

/// The characters of Windows-1252 bytes 0x80-0x9F; bytes the code page leaves undefined keep
/// their Latin-1 meaning (a C1 control), as decoders do.
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The characters of Mac Roman bytes 0x80-0xFF.
const MAC_ROMAN: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', //
    'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', //
    '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø', //
    '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', //
    '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«', '»', '…', '\u{A0}', 'À', 'Ã', 'Õ', 'Œ', 'œ', //
    '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ', //
    '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô', //
    '\u{F8FF}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

/// The character a Windows-1252 byte stands for.
pub fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => WINDOWS_1252[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

fn windows_1252_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ (0..=0x7F | 0xA0..=0xFF) => u8::try_from(n).ok(),
        _ => WINDOWS_1252
            .iter()
            .position(|&w| w == c)
            .map(|i| 0x80 + i as u8),
    }
}

fn mac_roman_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        return u8::try_from(u32::from(c)).ok();
    }
    MAC_ROMAN
        .iter()
        .position(|&m| m == c)
        .map(|i| 0x80 + i as u8)
}

/// One run of non-ASCII characters re-read as the UTF-8 bytes it was decoded from, when it is
/// that (and not, say, a real "ü").
fn repair_run(run: &str, mac_roman: bool) -> Option<String> {
    let encoders: &[fn(char) -> Option<u8>] = if mac_roman {
        &[windows_1252_byte, mac_roman_byte]
    } else {
        &[windows_1252_byte]
    };
    for encode in encoders {
        if run.chars().count() < 2 {
            return None;
        }
        let bytes: Option<Vec<u8>> = run.chars().map(encode).collect();
        let Some(bytes) = bytes else { continue };
        if let Ok(fixed) = String::from_utf8(bytes) {
            let plausible = fixed
                .chars()
                .all(|c| !c.is_control() && !('\u{E000}'..='\u{F8FF}').contains(&c));
            if fixed != run && plausible {
                return Some(fixed);
            }
        }
    }
    None
}

/// `s` with text mis-decoded upstream repaired ("Ã\u{8D}Ã±igo" → "Íñigo", "DŒµpS" → "DεpS",
/// "üìê" → "📐"), or `None` when it does not look mis-decoded. Each run of non-ASCII
/// characters is repaired on its own, so a text that mixes good and bad characters is fixed
/// where it is bad.
pub fn repair_mojibake(s: &str) -> Option<String> {
    // A run of two or more characters that Windows-1252 or Latin-1 turns back into UTF-8 is
    // mojibake (real text nearly never spells UTF-8's byte patterns); Mac Roman's table is wider,
    // so it is tried only on text with a sign of it.
    let mac_roman = misdecoded_marker(s).is_some() || s.contains('\u{F8FF}');
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let mut changed = false;
    let mut flush = |run: &mut String, out: &mut String| {
        if let Some(fixed) = repair_run(run, mac_roman) {
            out.push_str(&fixed);
            changed = true;
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_ascii() {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    changed.then_some(out)
}

/// Named HTML entities that citation tools and hand-written YAML leave in text.
const ENTITIES: [(&str, &str); 16] = [
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("eacute", "é"),
    ("copy", "©"),
    ("times", "×"),
];

/// `s` with HTML entities (`&amp;`, `&#39;`, `&#x2013;`) decoded, or `None` when it has none.
pub fn decode_entities(s: &str) -> Option<String> {
    if !s.contains('&') {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut changed = false;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e > 0 && e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                None
            };
            code.map(String::from).or_else(|| {
                ENTITIES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            })
        });
        match (decoded, end) {
            (Some(text), Some(e)) => {
                out.push_str(&text);
                rest = &after[e + 1..];
                changed = true;
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// A one-line text (a name, a title, a venue) cleaned, with the reasons for each change.
pub fn clean_line(s: &str) -> (String, Vec<String>) {
    let mut why = Vec::new();
    let mut text = s.to_string();
    if let Some(fixed) = decode_entities(&text) {
        text = fixed;
        why.push("HTML entities decoded".to_string());
    }
    if let Some(fixed) = repair_mojibake(&text) {
        text = fixed;
        why.push(
            "mis-decoded characters repaired (UTF-8 that was read in another encoding)".to_string(),
        );
    }
    if text
        .chars()
        .any(|c| c != ' ' && c.is_whitespace() && c != '\n')
    {
        text = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        why.push("tabs or non-breaking spaces made plain spaces".to_string());
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        text.retain(|c| !c.is_control() || c == '\n');
        why.push("invisible control characters removed".to_string());
    }
    let single: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if single != text {
        if text.trim() != text {
            why.push("spaces around it removed".to_string());
        }
        if single != text.trim() {
            why.push("repeated spaces or line breaks made one space".to_string());
        }
        text = single;
    }
    (text, why)
}

/// A web address as the site follows it: `http(s)://` or `mailto:` kept, `//host` and a bare
/// `www.host/…` or `host.tld/…` given `https://`. `None` when it is not a web address. The
/// second value says what was changed.
pub fn web_url(s: &str) -> Option<(String, Option<&'static str>)> {
    let t = s.trim();
    if t.is_empty() || t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return (t.len() > lower.find("//")? + 2).then(|| (t.to_string(), None));
    }
    if lower.starts_with("mailto:") {
        return t.contains('@').then(|| (t.to_string(), None));
    }
    if let Some(rest) = t.strip_prefix("//") {
        return looks_like_host(rest).then(|| {
            (
                format!("https://{rest}"),
                Some("the link had no scheme; https:// added"),
            )
        });
    }
    if looks_like_host(t) {
        return Some((
            format!("https://{t}"),
            Some("the link had no scheme; https:// added"),
        ));
    }
    None
}

/// `www.x.org/…` or `name.tld/…`: a host with a dot and a top-level domain of letters.
fn looks_like_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && !host.contains('@')
        && (2..=24).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && !matches!(
            tld.to_ascii_lowercase().as_str(),
            "md" | "html" | "htm" | "png" | "jpg" | "jpeg" | "gif" | "svg" | "pdf" | "webp"
        )
}

use crate::bibtex_import::MONTH_NAMES;

/// The month a word names (`Jan`, `January`, `Sept.`).
pub fn month_of_word(w: &str) -> Option<u8> {
    let w = w.trim_end_matches(['.', ',']).to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.starts_with(&w) || (w == "sept" && *m == "september"))
        .map(|i| i as u8 + 1)
}

fn ymd(year: i64, month: i64, day: i64) -> Option<String> {
    let iso = format!("{year:04}-{month:02}-{day:02}");
    Date::parse(&iso).map(|_| iso)
}

/// A date as YAML files hold them, as `YYYY-MM-DD`, with a note when it was not written that
/// way: `2020-12-4`, `2020/12/04`, `2021-04-28 10:00:00 -0500`, `20201204`, `2020-12`, `2020`,
/// `Dec 4, 2020`, `4 December 2020`, `December 2020`.
pub fn date_of(v: &Value) -> Option<(String, Option<String>)> {
    let raw = scalar(v)?;
    let s = raw.trim();
    let note = |what: &str| Some(format!("the date {s:?} {what}"));
    if Date::parse(s).is_some() {
        return Some((s.to_string(), None));
    }
    if let Some(head) = s.get(..10).filter(|h| Date::parse(h).is_some()) {
        return Some((head.to_string(), None));
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        return ymd(n / 10_000, n / 100 % 100, n % 100)
            .map(|d| (d, note("was a number; read as YYYYMMDD")));
    }
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(s.parse().ok()?, 1, 1).map(|d| (d, note("gives only a year; January 1 taken")));
    }
    let numbers: Vec<&str> = s
        .split(['-', '/', '.', ' ', 'T'])
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| -> Option<i64> {
        (p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    if let [y, m, rest @ ..] = numbers.as_slice() {
        if y.len() == 4 {
            if let (Some(y), Some(m)) = (num(y), num(m)) {
                let day = rest.first().and_then(|d| num(d));
                let d = match day {
                    Some(d) => ymd(y, m, d).map(|d| (d, note("was not written YYYY-MM-DD"))),
                    None => ymd(y, m, 1).map(|d| (d, note("gives no day; the 1st taken"))),
                };
                if d.is_some() {
                    return d;
                }
            }
        }
    }
    // Words: a month name, a day and a four-digit year in any order.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.iter().find_map(|w| month_of_word(w))?;
    let year = words
        .iter()
        .find_map(|w| (w.len() == 4).then(|| num(w)).flatten())?;
    let day = words.iter().find_map(|w| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (w.len() <= 2).then(|| num(w)).flatten()
    });
    match day {
        Some(d) => ymd(year, i64::from(month), d).map(|iso| (iso, note("was written in words"))),
        None => ymd(year, i64::from(month), 1)
            .map(|iso| (iso, note("gives a month and no day; the 1st taken"))),
    }
}

/// The years a text names, in order: four-digit years (`NeurIPS 2022`, `Fellowship 2023`) and
/// a venue's two-digit year (`ICLR'21`, `OSDI’24`).
pub fn years_in_text(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let digits_at = |i: usize, n: usize| -> Option<i32> {
        let part: String = chars.get(i..i + n)?.iter().collect();
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_ascii_digit())
    };
    let alnum = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(y) = digits_at(i, 4) {
            if (1950..=2100).contains(&y) && !digit(i.checked_sub(1)) && !digit(Some(i + 4)) {
                out.push(y);
            }
        }
        if matches!(c, '\'' | '’') && alnum(i.checked_sub(1)) {
            if let Some(y) = digits_at(i + 1, 2) {
                if !alnum(Some(i + 3)) {
                    out.push(2000 + y);
                }
            }
        }
    }
    out
}

/// `Open science` for `open science`: the first letter made capital, the rest as written.
pub fn label_of(tag: &str) -> String {
    let t = tag.trim().replace(['-', '_'], " ");
    let mut chars = t.chars();
    match chars.next() {
        Some(first) if t.chars().all(|c| !c.is_uppercase()) => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_text_mis_decoded_in_three_encodings() {
        assert_eq!(
            repair_mojibake("\u{C3}\u{8D}\u{C3}\u{B1}igo Goiri").as_deref(),
            Some("Íñigo Goiri")
        );
        assert_eq!(repair_mojibake("D\u{CE}\u{B5}pS").as_deref(), Some("DεpS"));
        assert_eq!(repair_mojibake("DŒµpS").as_deref(), Some("DεpS"));
        assert_eq!(repair_mojibake("donâ€™t").as_deref(), Some("don’t"));
        assert_eq!(
            repair_mojibake("Metron \u{F8FF}üìê -- x").as_deref(),
            Some("Metron 📐 -- x")
        );
        assert_eq!(
            repair_mojibake("Sarathi-Serve ‚ò∏Ô∏è, y").as_deref(),
            Some("Sarathi-Serve ☸️, y")
        );
        assert_eq!(
            repair_mojibake("cafÃ© and DεpS").as_deref(),
            Some("café and DεpS")
        );
        for good in [
            "Müller",
            "Antoñanzas",
            "DεpS 📐",
            "Œuvre",
            "naïve café",
            "°C ±2",
            "¿Qué?",
            "Ångström",
            "Straße",
            "«Très» ça",
        ] {
            assert_eq!(repair_mojibake(good), None, "{good}");
        }
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode_entities("Data &amp; Mining").as_deref(),
            Some("Data & Mining")
        );
        assert_eq!(
            decode_entities("a&#39;b &#x2013; &nbsp;").as_deref(),
            Some("a'b – \u{A0}")
        );
        assert_eq!(decode_entities("AT&T; R&D"), None);
        assert_eq!(decode_entities("&unknown;"), None);
    }

    #[test]
    fn cleans_lines_and_says_why() {
        let (t, why) = clean_line(" Payman\u{A0}Behnam  ");
        assert_eq!(t, "Payman Behnam");
        assert_eq!(why.len(), 2, "{why:?}");
        assert_eq!(clean_line("Plain"), ("Plain".to_string(), vec![]));
        let (t, why) = clean_line("Data &amp; Mining");
        assert_eq!((t.as_str(), why.len()), ("Data & Mining", 1));
    }

    #[test]
    fn fixes_links_without_a_scheme() {
        assert_eq!(
            web_url("https://x.org").unwrap(),
            ("https://x.org".into(), None)
        );
        let (u, why) = web_url("www.linkedin.com/in/someone").unwrap();
        assert_eq!(u, "https://www.linkedin.com/in/someone");
        assert!(why.is_some());
        assert_eq!(web_url("//cdn.x.org/a").unwrap().0, "https://cdn.x.org/a");
        assert_eq!(web_url("example.com").unwrap().0, "https://example.com");
        for bad in [
            "research",
            "/team",
            "a b.com",
            "jane@x.org",
            "photo.png",
            "https://",
            "javascript:x",
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_dates_in_many_shapes() {
        let d = |yaml: &str| date_of(&serde_norway::from_str(yaml).unwrap()).map(|(d, _)| d);
        assert_eq!(d("2021-04-28").as_deref(), Some("2021-04-28"));
        assert_eq!(d("'2021-04-28'").as_deref(), Some("2021-04-28"));
        assert_eq!(d("2020-12-4").as_deref(), Some("2020-12-04"));
        assert_eq!(d("2020/12/04").as_deref(), Some("2020-12-04"));
        assert_eq!(
            d("2021-04-28 10:00:00 -0500").as_deref(),
            Some("2021-04-28")
        );
        assert_eq!(d("20201204").as_deref(), Some("2020-12-04"));
        assert_eq!(d("2020").as_deref(), Some("2020-01-01"));
        assert_eq!(d("2020-12").as_deref(), Some("2020-12-01"));
        assert_eq!(d("Dec 4, 2020").as_deref(), Some("2020-12-04"));
        assert_eq!(d("4th December 2020").as_deref(), Some("2020-12-04"));
        assert_eq!(d("December 2020").as_deref(), Some("2020-12-01"));
        for bad in ["2020-13-01", "soon", "null", "[1]", "2023-02-29", "12345"] {
            assert_eq!(d(bad), None, "{bad}");
        }
        assert_eq!(
            date_of(&serde_norway::from_str("2021-04-28").unwrap())
                .unwrap()
                .1,
            None
        );
        assert!(date_of(&serde_norway::from_str("2020").unwrap())
            .unwrap()
            .1
            .is_some());
    }

    #[test]
    fn finds_years() {
        assert_eq!(years_in_text("Proc. of ICLR'21"), [2021]);
        assert_eq!(years_in_text("OSDI\u{2019}24, Santa Clara"), [2024]);
        assert_eq!(years_in_text("NeurIPS 2022 and 2023"), [2022, 2023]);
        assert_eq!(
            years_in_text("Volume 59, Issue 2, 12345, it's 20"),
            Vec::<i32>::new()
        );
    }

    #[test]
    fn labels_tags() {
        assert_eq!(label_of("open science"), "Open science");
        assert_eq!(label_of("big-data"), "Big data");
        assert_eq!(label_of("GPU"), "GPU");
        assert_eq!(label_of("LLM inference"), "LLM inference");
    }
}

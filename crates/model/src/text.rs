//! Text normalisation: case- and diacritic-insensitive folding for search and name matching,
//! slugs, initials, and detection of mis-decoded text.

/// Base letters of a lowercase Latin letter with a diacritic, or `None` when it has none.
fn strip_diacritic(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Lowercases and strips diacritics, so that "Antoñanzas" and "ANTONANZAS" fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match strip_diacritic(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
    out
}

/// A person's name reduced for comparison: folded, punctuation dropped, single spaces.
/// "Jesús M. Antoñanzas" → "jesus m antonanzas".
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| c.is_alphanumeric()));
    }
    out
}

/// Up to two initials of a name, for an avatar: "Alexey Tumanov" → "AT", "Monish R" → "MR".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = words.first().and_then(|w| w.chars().next());
    let last = if words.len() > 1 {
        words.last().and_then(|w| w.chars().next())
    } else {
        None
    };
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// True for `lowercase-hyphenated` slugs: ASCII lowercase letters and digits in
/// non-empty runs joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Turns a title or a name into a slug: "DεpS: Delayed ε-Shrinking" → "deps-delayed-shrinking".
pub fn slugify(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else if !c.is_alphanumeric() || !c.is_ascii() {
            pending_hyphen = true;
        }
    }
    out
}

/// Character sequences that UTF-8 text takes on when it is decoded as Latin-1, Windows-1252 or
/// Mac Roman ("DŒµpS" for "DεpS", "Ã©" for "é", "â€™" for "’").
const MISDECODED: [&str; 12] = [
    "Ã", "Â", "â€", "Œ", "Ô∏", "üì", "üë", "‚ò", "Ï€", "Ã©", "Ã±", "\u{FFFD}",
];

/// The first suspicious sequence if `s` looks like mis-decoded text.
pub fn misdecoded_marker(s: &str) -> Option<&'static str> {
    MISDECODED.iter().copied().find(|m| s.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Antoñanzas"), "antonanzas");
        assert_eq!(fold("ÍÑIGO Goiri"), "inigo goiri");
        assert_eq!(fold("Œuvre Straße"), "oeuvre strasse");
        assert_eq!(fold("DεpS"), "dεps");
    }

    #[test]
    fn name_keys_ignore_punctuation_and_spacing() {
        assert_eq!(name_key("Jesús  M. Antoñanzas"), "jesus m antonanzas");
        assert_eq!(name_key("A. Tumanov"), name_key("a tumanov"));
        assert_eq!(name_key("Po-An Tsai"), "po an tsai");
        assert_ne!(name_key("Sukrit Kalra"), name_key("Sukrit Kumar"));
    }

    #[test]
    fn initials_take_first_and_last_words() {
        assert_eq!(initials("Alexey Tumanov"), "AT");
        assert_eq!(initials("Venkata Prabhakara Sarath Nookala"), "VN");
        assert_eq!(initials("Plato"), "P");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("íñigo goiri"), "ÍG");
    }

    #[test]
    fn slugs() {
        assert!(is_slug("amey-agrawal"));
        assert!(is_slug("srihas-y"));
        assert!(is_slug("x2"));
        for bad in ["", "Amey", "amey_agrawal", "-a", "a-", "a--b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
        assert_eq!(
            slugify("DεpS: Delayed ε-Shrinking"),
            "d-ps-delayed-shrinking"
        );
        assert_eq!(slugify("Jesús Antoñanzas"), "jesus-antonanzas");
        assert!(is_slug(&slugify("  Hello, World!  ")));
    }

    /// 10^6 bytes of one repeated character go through every function in milliseconds. Nothing
    /// is timed; a quadratic step makes this test run for minutes.
    #[test]
    fn hostile_text_is_handled_in_linear_time() {
        const N: usize = 300_000;
        for c in ["a", "Ã", "â", "-", " ", ".", "é", "\u{FFFD}", "İ", "ß"] {
            let text = c.repeat(N / c.len());
            assert!(!fold(&text).is_empty());
            let _ = name_key(&text);
            let _ = slugify(&text);
            let _ = initials(&text);
            let _ = is_slug(&text);
            let _ = misdecoded_marker(&text);
        }
    }

    #[test]
    fn detects_misdecoded_text() {
        assert_eq!(misdecoded_marker("DŒµpS"), Some("Œ"));
        assert_eq!(misdecoded_marker("cafÃ©"), Some("Ã"));
        assert_eq!(misdecoded_marker("donâ€™t"), Some("â€"));
        assert_eq!(misdecoded_marker("Metron üìê"), Some("üì"));
        assert_eq!(misdecoded_marker("DεpS, Antoñanzas, 📐 ☸️"), None);
    }
}

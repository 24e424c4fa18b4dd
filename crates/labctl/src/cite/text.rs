//! Plain text from what the APIs send: Crossref and DataCite titles may hold JATS or HTML markup
//! (`<i>…</i>`, `<sub>2</sub>`) and character references (`&amp;`); arXiv titles are wrapped over
//! lines. Everything becomes one line of plain Unicode text.

/// Markup tags removed, the usual character references decoded, whitespace runs made one space,
/// trimmed. Never panics, whatever the input.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            // A tag is `<` then a letter, `/` or `!`, up to the next `>`; anything else is text.
            let tagged = rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!');
            if let (true, Some(end)) = (tagged, rest.find('>')) {
                rest = &rest[end + 1..];
                continue;
            }
        }
        if c == '&' {
            if let Some((decoded, used)) = reference(rest) {
                out.push(decoded);
                rest = &rest[used..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The character of the reference at the start of `text` (`&amp;`, `&#233;`, `&#xE9;`) and its
/// length.
fn reference(text: &str) -> Option<(char, usize)> {
    let (end, _) = text.char_indices().take(12).find(|(_, c)| *c == ';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => {
                    u32::from_str_radix(&hex[1..], 16).ok()?
                }
                Some(dec) => dec.parse().ok()?,
                None => return None,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn strips_markup_and_decodes_references() {
        assert_eq!(plain("Fast <i>and</i>\n   Furious"), "Fast and Furious");
        assert_eq!(
            plain("CO<sub>2</sub> &amp; H&#8322;O &#xE9;t&eacute;"),
            "CO2 & H₂O ét&eacute;"
        );
        assert_eq!(plain("a < b > c"), "a < b > c");
        assert_eq!(
            plain("<mml:math><mml:mi>x</mml:mi></mml:math> wins"),
            "x wins"
        );
        assert_eq!(plain("unclosed <b tag"), "unclosed <b tag");
        assert_eq!(plain("&"), "&");
        assert_eq!(plain("&#xFFFFFFFF; &#;"), "&#xFFFFFFFF; &#;");
        assert_eq!(plain("é&"), "é&");
        assert_eq!(plain("A&amp;"), "A&");
    }
}

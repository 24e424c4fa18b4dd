//! One linear pass over the text of a data file for what a typed parse cannot see: a key given
//! twice in one object (a JSON parser keeps one of the two without a word) and a string holding
//! a character that is invisible and that XML forbids (an escaped control character such as
//! `\u000b`, or U+007F-U+009F, U+FFFE, U+FFFF).
//!
//! The pass keeps a stack of the open objects and arrays (no recursion, so any depth is fine)
//! and, for each open object, the set of its keys; it costs O(n log k) for a text of n bytes
//! whose objects have at most k keys. At most [`MAX_REPORTS`] of each kind are listed (the rest
//! are counted), so that the paths of deeply nested finds cannot add up to more than the text.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// How many finds of each kind a scan lists; the others are only counted.
pub const MAX_REPORTS: usize = 100;

/// Paths name at most this many levels (serde reads no deeper than 128 anyway); a find deeper
/// down is named by its ancestor at that depth.
const MAX_PATH_DEPTH: usize = 130;

/// A place in the text: a byte offset and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub offset: usize,
    pub line: usize,
}

/// A key given a second (or third…) time in one object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// JSON path of the repeated key's value, such as `publications` or `members[3].name`.
    pub path: String,
    /// The key, unescaped.
    pub key: String,
    /// Where the key is first given (its opening quote).
    pub first: Spot,
    /// Where it is given again (its opening quote).
    pub again: Spot,
}

/// A string holding a character that is invisible and that XML forbids or discourages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlChar {
    /// JSON path of the string (for a key: of the key's value).
    pub path: String,
    /// The first such character of the string.
    pub character: char,
    /// Whether the string is an object key rather than a value.
    pub in_key: bool,
    /// Where the character (or its escape) stands.
    pub at: Spot,
}

/// What [`scan`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Repeated keys, in file order (at most [`MAX_REPORTS`]).
    pub duplicates: Vec<DuplicateKey>,
    /// Repeated keys found beyond [`MAX_REPORTS`].
    pub more_duplicates: usize,
    /// Strings with a control character, in file order, one per string (at most
    /// [`MAX_REPORTS`]).
    pub controls: Vec<ControlChar>,
    /// Such strings found beyond [`MAX_REPORTS`].
    pub more_controls: usize,
}

/// Whether the site warns about `c` in a string: C0 controls but tab, line feed and carriage
/// return; DEL and the C1 controls (U+007F-U+009F); the noncharacters U+FFFE and U+FFFF.
pub fn is_forbidden_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

enum Frame<'a> {
    Object {
        keys: BTreeMap<Cow<'a, str>, Spot>,
        /// The key whose value comes (or came) last.
        key: Option<Cow<'a, str>>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

fn path_of(stack: &[Frame<'_>]) -> String {
    let mut path = String::new();
    for frame in stack.iter().take(MAX_PATH_DEPTH) {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => break,
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        path.push('$');
    }
    path
}

/// The first forbidden character of the JSON string literal `lit` (quotes included), with its
/// byte offset in `lit`.
fn first_forbidden(lit: &str) -> Option<(char, usize)> {
    let b = lit.as_bytes();
    let mut i = 1;
    while i + 1 < b.len() {
        match b[i] {
            b'\\' => {
                // `i + 1` is a char boundary: the backslash is ASCII.
                let next = lit[i + 1..].chars().next()?;
                let hex = lit
                    .get(i + 2..i + 6)
                    .filter(|h| next == 'u' && h.bytes().all(|d| d.is_ascii_hexdigit()));
                let c = match next {
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{C}'),
                    _ => hex
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32),
                };
                if let Some(c) = c.filter(|c| is_forbidden_char(*c)) {
                    return Some((c, i));
                }
                i += if hex.is_some() {
                    6
                } else {
                    1 + next.len_utf8()
                };
            }
            byte if byte < 0x80 => {
                if is_forbidden_char(byte as char) {
                    return Some((byte as char, i));
                }
                i += 1;
            }
            _ => {
                // A multi-byte character: `i` is at its first byte (escapes and ASCII are
                // stepped over whole), so it is a char boundary.
                let c = lit[i..].chars().next()?;
                if is_forbidden_char(c) {
                    return Some((c, i));
                }
                i += c.len_utf8();
            }
        }
    }
    None
}

/// Scans the text of a JSON value (the loader calls it once the text has parsed): repeated keys
/// and strings with forbidden characters, each with its JSON path and place. On text that is
/// not JSON it finds what it can and never fails.
pub fn scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut out = Scan::default();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'{' => {
                stack.push(Frame::Object {
                    keys: BTreeMap::new(),
                    key: None,
                    expect_key: true,
                });
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array { index }) => *index += 1,
                    Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                    None => {}
                }
                i += 1;
            }
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
                i += 1;
            }
            b'"' => {
                let start = i;
                let start_line = line;
                let mut escaped = false;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    match b[i] {
                        b'\\' => {
                            escaped = true;
                            i += 1;
                        }
                        b'\n' => line += 1,
                        _ => {}
                    }
                    i += 1;
                }
                i = (i + 1).min(b.len());
                // Quotes are ASCII and escapes step over whole ASCII bytes: both ends are
                // char boundaries (or the end of the text).
                let lit = &text[start..i];
                let here = Spot {
                    offset: start,
                    line: start_line,
                };
                let mut in_key = false;
                if let Some(Frame::Object {
                    keys,
                    key,
                    expect_key: expect_key @ true,
                }) = stack.last_mut()
                {
                    in_key = true;
                    *expect_key = false;
                    let name: Cow<'_, str> = if escaped {
                        serde_json::from_str::<String>(lit)
                            .map(Cow::Owned)
                            .unwrap_or(Cow::Borrowed(lit))
                    } else {
                        Cow::Borrowed(lit.get(1..lit.len().saturating_sub(1)).unwrap_or(""))
                    };
                    // The repeated key, with where it was first given.
                    let repeat = match keys.get(&name) {
                        Some(first) => Some((*first, name.to_string())),
                        None => {
                            keys.insert(name.clone(), here);
                            None
                        }
                    };
                    *key = Some(name);
                    if let Some((first, repeated)) = repeat {
                        if out.duplicates.len() < MAX_REPORTS {
                            out.duplicates.push(DuplicateKey {
                                key: repeated,
                                path: path_of(&stack),
                                first,
                                again: here,
                            });
                        } else {
                            out.more_duplicates += 1;
                        }
                    }
                }
                if let Some((character, at)) = first_forbidden(lit) {
                    if out.controls.len() < MAX_REPORTS {
                        out.controls.push(ControlChar {
                            path: path_of(&stack),
                            character,
                            in_key,
                            at: Spot {
                                offset: start + at,
                                line: start_line,
                            },
                        });
                    } else {
                        out.more_controls += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_keys_with_their_paths_and_places() {
        let text = "{\"a\": 1,\n \"b\": [{\"x\": 1, \"y\": {\"x\": 2}, \"x\": 3}],\n \"a\": 2, \"\\u0061\": 3}";
        let s = scan(text);
        let found: Vec<_> = s
            .duplicates
            .iter()
            .map(|d| (d.path.as_str(), d.key.as_str(), d.first.line, d.again.line))
            .collect();
        assert_eq!(
            found,
            [("b[0].x", "x", 2, 2), ("a", "a", 1, 3), ("a", "a", 1, 3)]
        );
        assert_eq!(s.duplicates[0].first.offset, text.find("\"x\"").unwrap());
        assert_eq!(
            s.duplicates[0].again.offset,
            text.rfind("\"x\": 3").unwrap()
        );
        assert_eq!(
            s.duplicates[2].again.offset,
            text.find("\"\\u0061\"").unwrap()
        );
        assert!(s.controls.is_empty());
        // The same key in sibling objects, or as a value, is no repeat.
        assert_eq!(scan(r#"[{"a":"a"},{"a":"a"}]"#), Scan::default());
        assert_eq!(scan(r#"{"a":{"b":1},"b":"a"}"#), Scan::default());
    }

    #[test]
    fn finds_control_characters_in_any_string() {
        let text = "{\"ok\": \"tab\\t nl\\n cr\\r \\u0009 \\/ \\\\b é\",\n\"a\": [\"x\\u000by\", \"\\b\\f\"],\n\"k\\u0000\": \"\u{85}\", \"z\": \"\\uFFFF \u{FFFE} \u{7F}\"}";
        let s = scan(text);
        let found: Vec<_> = s
            .controls
            .iter()
            .map(|c| (c.path.as_str(), c.character, c.in_key, c.at.line))
            .collect();
        assert_eq!(
            found,
            [
                ("a[0]", '\u{B}', false, 2),
                ("a[1]", '\u{8}', false, 2),
                ("k\u{0}", '\u{0}', true, 3),
                ("k\u{0}", '\u{85}', false, 3),
                ("z", '\u{FFFF}', false, 3),
            ]
        );
        assert_eq!(s.controls[0].at.offset, text.find("\\u000b").unwrap());
        assert_eq!(s.controls[3].at.offset, text.find('\u{85}').unwrap());
        assert!(s.duplicates.is_empty());
    }

    #[test]
    fn never_fails_on_text_that_is_not_json() {
        for text in [
            "",
            "\"",
            "\"\\",
            "\"\\u00",
            "\"\\ué\"",
            "\"\\é\\u12\"",
            "}}]]",
            "{\"a\":1,\"a\"",
            "[\"é",
            "{\"\u{85}",
        ] {
            let _ = scan(text);
        }
        assert_eq!(scan("{\"a\":1,\"a\"").duplicates.len(), 1);
    }

    /// Sizes that would take minutes if anything were quadratic: nothing is timed.
    #[test]
    fn is_linear_on_huge_objects_and_deep_nesting() {
        // 100,000 distinct keys in one object, then each of them again.
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":{i}")).collect();
        let text = format!("{{{},{}}}", keys.join(","), keys.join(","));
        assert!(text.len() > 2_000_000);
        let s = scan(&text);
        assert_eq!(s.duplicates.len(), MAX_REPORTS);
        assert_eq!(s.more_duplicates, 100_000 - MAX_REPORTS);
        // 300,000 levels of arrays (900 KB of paths each if listed), with a repeat and a
        // control character at the bottom, and many of each.
        let depth = 300_000;
        let bottom = "{\"a\":\"\\b\",\"a\":1}".repeat(1000).replace("}{", "},{");
        let text = format!("{}{bottom}{}", "[".repeat(depth), "]".repeat(depth));
        let s = scan(&text);
        assert_eq!(s.duplicates.len() + s.more_duplicates, 1000);
        assert_eq!(s.controls.len() + s.more_controls, 1000);
        assert!(
            s.duplicates[0].path.len() < 1000,
            "{}",
            s.duplicates[0].path.len()
        );
        assert!(s.duplicates[0].path.starts_with("[0][0]"));
    }
}

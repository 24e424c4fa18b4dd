//! The data file as text: where a JSON path's value stands (line and column), and an
//! order-keeping JSON tree that prints in the file's own style (2-space indent, UTF-8 unescaped,
//! trailing newline), so that a rewrite changes only what it means to change.
//!
//! Spans come from `jsonc-parser`'s AST; the tree is built from it so object keys keep the order
//! they have in the file.

use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::common::Ranged;
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The line and column of byte `offset` in `text` (clamped to the text, and to a char boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// The byte offset of a 1-based line and a column counted in bytes (as `serde_json` reports
/// them), clamped to the text.
pub fn offset_of_byte_column(text: &str, line: usize, byte_column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start + byte_column.saturating_sub(1)).min(end)
}

/// Finds the values of JSON paths in one text, parsed once.
pub struct Locator<'a> {
    root: Option<Ast<'a>>,
}

impl<'a> Locator<'a> {
    /// Parses `text`; in a text that is not JSON no path is found.
    pub fn new(text: &'a str) -> Locator<'a> {
        let root = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .ok()
            .and_then(|r| r.value);
        Locator { root }
    }

    /// The byte offset of the value at `path` (`members[3].links.homepage`, `$` for the root).
    /// When the path goes further than the file (a missing field), this is the deepest value on
    /// the way, so the report points at the object that lacks it. `None` when the text is not
    /// JSON.
    pub fn offset(&self, path: &str) -> Option<usize> {
        let mut node = self.root.as_ref()?;
        // `$` is the root, but `$schema` is a key.
        let mut rest = match path.strip_prefix('$') {
            Some(after) if after.is_empty() || after.starts_with(['.', '[']) => after,
            _ => path,
        };
        loop {
            rest = rest.strip_prefix('.').unwrap_or(rest);
            if rest.is_empty() {
                break;
            }
            let next = if let Some(after) = rest.strip_prefix('[') {
                let Some(close) = after.find(']') else { break };
                let index: Option<usize> = after[..close].parse().ok();
                let element = match (node, index) {
                    (Ast::Array(a), Some(i)) => a.elements.get(i),
                    _ => None,
                };
                element.map(|e| (e, &after[close + 1..]))
            } else {
                // The longest key the path continues with, so that keys holding dots match.
                let Ast::Object(o) = node else { break };
                o.properties
                    .iter()
                    .filter_map(|p| {
                        let key = p.name.as_str();
                        let after = rest.strip_prefix(key)?;
                        (after.is_empty() || after.starts_with(['.', '['])).then_some((
                            key.len(),
                            &p.value,
                            after,
                        ))
                    })
                    .max_by_key(|(len, _, _)| *len)
                    .map(|(_, value, after)| (value, after))
            };
            match next {
                Some((child, after)) => {
                    node = child;
                    rest = after;
                }
                None => break,
            }
        }
        Some(node.range().start)
    }
}

/// `text` with every `\uD800`-`\uDFFF` escape written `\uFFFD`: of the same length, so every
/// offset and position holds. A text that the loader reads (it reports a lone surrogate as a
/// bad item) but `jsonc-parser` refuses for such an escape can then be located in.
pub fn without_surrogate_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let escape = &rest[i..];
        let hex = escape.get(2..6).filter(|_| escape[1..].starts_with('u'));
        match hex.and_then(|h| u16::from_str_radix(h, 16).ok()) {
            Some(0xD800..=0xDFFF) => {
                out.push_str("\\uFFFD");
                rest = &escape[6..];
            }
            _ => {
                // The backslash and the character it escapes (a `\\` must not start another).
                let len = escape[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&escape[..1 + len]);
                rest = &escape[1 + len..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// [`Locator::offset`] for a single path.
pub fn locate(text: &str, path: &str) -> Option<usize> {
    Locator::new(text).offset(path)
}

/// A JSON value whose objects keep their key order. Numbers, booleans and null keep their text.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Literal(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses JSON text, keeping key order.
    pub fn parse(text: &str) -> Result<Json, String> {
        let result = parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default())
            .map_err(|e| e.to_string())?;
        result
            .value
            .map(|v| Json::from_ast(&v, text))
            .ok_or_else(|| "the text holds no JSON value".to_string())
    }

    /// The tree of a serializable value, keys in the order serde writes them (struct order).
    pub fn from_serialize<T: serde::Serialize>(value: &T) -> Result<Json, String> {
        let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
        Json::parse(&text)
    }

    fn from_ast(v: &Ast<'_>, text: &str) -> Json {
        match v {
            Ast::StringLit(s) => Json::String(s.value.to_string()),
            Ast::Array(a) => {
                Json::Array(a.elements.iter().map(|e| Json::from_ast(e, text)).collect())
            }
            Ast::Object(o) => Json::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        let key = match &p.name {
                            ObjectPropName::String(s) => s.value.to_string(),
                            ObjectPropName::Word(w) => w.value.to_string(),
                        };
                        (key, Json::from_ast(&p.value, text))
                    })
                    .collect(),
            ),
            other => {
                let r = other.range();
                Json::Literal(text.get(r.start..r.end).unwrap_or("null").to_string())
            }
        }
    }

    /// The value under `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(props) => props.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Replaces (or appends) the value under `key` of an object.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(props) = self {
            match props.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => props.push((key.to_string(), value)),
            }
        }
    }

    /// `self` with the key order of `like` wherever the two have an object at the same place:
    /// keys `like` has come first, in its order, then the others in their own order. Array
    /// elements are matched by index.
    pub fn ordered_like(self, like: Option<&Json>) -> Json {
        match (self, like) {
            (Json::Object(mut props), Some(Json::Object(old))) => {
                let mut out = Vec::with_capacity(props.len());
                for (key, old_value) in old {
                    if let Some(i) = props.iter().position(|(k, _)| k == key) {
                        let (k, v) = props.remove(i);
                        out.push((k, v.ordered_like(Some(old_value))));
                    }
                }
                out.extend(props);
                Json::Object(out)
            }
            (Json::Array(items), Some(Json::Array(old))) => Json::Array(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| v.ordered_like(old.get(i)))
                    .collect(),
            ),
            (value, _) => value,
        }
    }

    /// The text in the data file's style: 2-space indent, `"key": value`, empty containers as
    /// `[]` and `{}`, non-ASCII characters as they are, and a final newline.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
        match self {
            Json::Literal(s) => out.push_str(s),
            Json::String(s) => out.push_str(&quote(s)),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(props) if props.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, indent + 2);
                    item.write(out, indent + 2);
                }
                out.push('\n');
                pad(out, indent);
                out.push(']');
            }
            Json::Object(props) => {
                out.push('{');
                for (i, (key, value)) in props.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    pad(out, indent + 2);
                    out.push_str(&quote(key));
                    out.push_str(": ");
                    value.write(out, indent + 2);
                }
                out.push('\n');
                pad(out, indent);
                out.push('}');
            }
        }
    }
}

/// A JSON string literal as `serde_json` writes it (only quotes, backslashes and control
/// characters are escaped).
fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"version\": 1,\n  \"members\": [\n    {\"slug\": \"a\", \"name\": \"Ånn\"},\n    {\"slug\": \"b\", \"links\": {\"home.page\": \"x\"}}\n  ]\n}\n";

    fn at(path: &str) -> (usize, usize) {
        let p = position(TEXT, locate(TEXT, path).unwrap());
        (p.line, p.column)
    }

    #[test]
    fn locates_values_by_path() {
        assert_eq!(at("$"), (1, 1));
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("version"), (2, 14));
        assert_eq!(at("members"), (3, 14));
        assert_eq!(at("members[0]"), (4, 5));
        assert_eq!(at("members[0].name"), (4, 27));
        assert_eq!(at("members[1].links.home.page"), (5, 42));
        assert_eq!(at("$.version"), (2, 14));
        assert_eq!(at("$schema"), (1, 1));
        let text = "{\"a\": 1, \"$schema\": \"x\"}";
        assert_eq!(locate(text, "$schema"), Some(20));
    }

    #[test]
    fn a_missing_value_points_at_its_deepest_ancestor() {
        assert_eq!(at("members[1].name"), at("members[1]"));
        assert_eq!(at("members[7].slug"), at("members"));
        assert_eq!(at("news"), at("$"));
        assert_eq!(at("members[x]"), at("members"));
        assert_eq!(at("members[0"), at("members"));
        assert_eq!(locate("{oops", "a"), None);
    }

    #[test]
    fn columns_count_characters_and_offsets_clamp() {
        let text = "ab\n\"é\": 1\n";
        assert_eq!(position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position(text, 3), Position { line: 2, column: 1 });
        // After `"é"` (4 bytes), the colon is the 4th character.
        assert_eq!(position(text, 7), Position { line: 2, column: 4 });
        // Inside the two bytes of é: moved back to its start.
        assert_eq!(position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(position(text, 999), Position { line: 3, column: 1 });
        assert_eq!(offset_of_byte_column(text, 2, 6), 8);
        assert_eq!(offset_of_byte_column(text, 2, 99), 10);
        assert_eq!(offset_of_byte_column(text, 9, 1), text.len());
    }

    #[test]
    fn prints_in_the_data_file_style_and_keeps_key_order() {
        let text = "{\n  \"b\": [],\n  \"a\": {\n    \"z\": \"Ünï \\\"q\\\" \\n\",\n    \"y\": [\n      1.50,\n      true,\n      null\n    ],\n    \"x\": {}\n  }\n}\n";
        let json = Json::parse(text).unwrap();
        assert_eq!(json.to_pretty(), text);
        let compact = Json::parse(
            "{\"b\":[],\"a\":{\"z\":\"Ünï \\\"q\\\" \\n\",\"y\":[1.50,true,null],\"x\":{}}}",
        )
        .unwrap();
        assert_eq!(compact.to_pretty(), text);
    }

    #[test]
    fn reorders_like_an_older_tree() {
        let old = Json::parse(r#"{"b":1,"a":{"y":1,"x":2},"list":[{"q":1,"p":2}]}"#).unwrap();
        let new = Json::parse(
            r#"{"a":{"x":2,"new":3,"y":1},"c":0,"b":1,"list":[{"p":2,"q":1},{"p":5,"q":6}]}"#,
        )
        .unwrap();
        let ordered = new.ordered_like(Some(&old));
        assert_eq!(
            ordered,
            Json::parse(
                r#"{"b":1,"a":{"y":1,"x":2,"new":3},"list":[{"q":1,"p":2},{"p":5,"q":6}],"c":0}"#
            )
            .unwrap()
        );
    }

    #[test]
    fn surrogate_escapes_are_replaced_in_place() {
        let text = r#"{"a": "x\ud800y", "b": "\\ud800", "c": "\uD83D\uDE00é"}"#;
        let clean = without_surrogate_escapes(text);
        assert_eq!(
            clean,
            r#"{"a": "x\uFFFDy", "b": "\\ud800", "c": "\uFFFD\uFFFDé"}"#
        );
        assert_eq!(clean.len(), text.len());
        assert_eq!(locate(&clean, "b"), text.find("\"\\\\"));
    }

    #[test]
    fn gets_and_sets_keys() {
        let mut json = Json::parse(r#"{"a":1}"#).unwrap();
        json.set("a", Json::Literal("2".into()));
        json.set("b", Json::String("x".into()));
        assert_eq!(json.get("a"), Some(&Json::Literal("2".into())));
        assert_eq!(json.to_pretty(), "{\n  \"a\": 2,\n  \"b\": \"x\"\n}\n");
        assert_eq!(Json::Literal("1".into()).get("a"), None);
        assert!(Json::parse("").is_err());
    }
}

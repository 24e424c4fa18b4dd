//! Invariants the fuzz targets assert, shared between them.

use lab_model::markdown::{self, Href, Inline};

/// How deep emphasis and links may nest (the parser's `MAX_DEPTH`).
pub const MAX_NESTING: usize = 6;

/// A link target is one the rules allow: it classifies to itself, and it is an http(s) URL, a
/// mailto address or a site path, never a script, data or protocol-relative URL.
pub fn assert_safe_href(href: &Href) {
    let s = match href {
        Href::External(s) | Href::Mail(s) | Href::Internal(s) => s,
    };
    assert_eq!(Href::classify(s).as_ref(), Some(href), "{s:?}");
    assert!(
        !s.chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\'),
        "{s:?}"
    );
    let lower = s.to_ascii_lowercase();
    for bad in ["javascript:", "data:", "vbscript:", "//"] {
        assert!(!lower.starts_with(bad), "{s:?}");
    }
    match href {
        Href::External(_) => assert!(
            lower.starts_with("http://") || lower.starts_with("https://"),
            "{s:?}"
        ),
        Href::Mail(_) => assert!(lower.starts_with("mailto:") && s.contains('@'), "{s:?}"),
        Href::Internal(_) => assert!(s.starts_with('/') && !s.starts_with("//"), "{s:?}"),
    }
}

/// Checks a node list; returns the nesting depth of its deepest container.
fn check_nodes(nodes: &[Inline], in_link: bool) -> usize {
    let mut depth = 0;
    for n in nodes {
        let d = match n {
            Inline::Text(t) | Inline::Code(t) => {
                assert!(!t.is_empty(), "empty leaf");
                0
            }
            Inline::Emph(c) | Inline::Strong(c) => 1 + check_nodes(c, in_link),
            Inline::Link { href, children } => {
                assert!(!in_link, "a link inside a link: {n:?}");
                assert_safe_href(href);
                1 + check_nodes(children, true)
            }
        };
        depth = depth.max(d);
    }
    for pair in nodes.windows(2) {
        assert!(
            !matches!(pair, [Inline::Text(_), Inline::Text(_)]),
            "adjacent text nodes"
        );
    }
    depth
}

fn is_markup(c: char) -> bool {
    matches!(c, '[' | ']' | '(' | ')' | '*' | '`' | '\\')
}

/// Parses `text` as the markdown subset and checks everything the rules promise.
pub fn check_markdown(text: &str) -> Vec<Inline> {
    let nodes = markdown::parse(text);
    let depth = check_nodes(&nodes, false);
    assert!(depth <= MAX_NESTING, "nesting depth {depth}");
    for href in markdown::hrefs(&nodes) {
        assert_safe_href(href);
        let _ = href.member_slug();
    }
    let plain = markdown::plain_text(&nodes);
    if !text.contains('[') {
        // Without links only markup characters may go; the rest of the text stays, in order.
        let strip = |t: &str| t.chars().filter(|c| !is_markup(*c)).collect::<String>();
        assert_eq!(strip(&plain), strip(text));
    }
    if !text.contains(is_markup) {
        assert_eq!(plain, text);
    }
    nodes
}

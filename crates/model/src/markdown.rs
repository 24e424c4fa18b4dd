//! The small markdown subset that text fields support: `[links](target)`, `*emphasis*`,
//! `**strong**`, `` `code` `` and backslash escapes. Everything else is literal text.
//!
//! The parser returns a tree of [`Inline`] nodes that views turn into DOM nodes one by one, so no
//! data is ever parsed as HTML. Link targets are checked here: only `http(s)`, `mailto` and
//! site-relative targets become links; any other link renders as its plain label.

/// One piece of formatted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link { href: Href, children: Vec<Inline> },
}

/// A link target that is safe to follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// `http://` or `https://`.
    External(String),
    /// `mailto:`.
    Mail(String),
    /// A path inside the site, starting with one `/` (the base path is added when rendered).
    Internal(String),
}

impl Href {
    /// Classifies a link target, or `None` when it must not be followed
    /// (`javascript:`, `data:`, `//host`, relative paths, whitespace or control characters…).
    pub fn classify(target: &str) -> Option<Href> {
        let t = target.trim();
        if t.is_empty()
            || t.chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return None;
        }
        if t.starts_with('/') {
            return (!t.starts_with("//")).then(|| Href::Internal(t.to_string()));
        }
        let lower = t.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
        {
            return (!rest.is_empty() && !rest.starts_with('/'))
                .then(|| Href::External(t.to_string()));
        }
        if lower
            .strip_prefix("mailto:")
            .is_some_and(|rest| rest.contains('@'))
        {
            return Some(Href::Mail(t.to_string()));
        }
        None
    }

    /// The member slug if this is a link to a profile (`/members/<slug>`, optional trailing slash).
    pub fn member_slug(&self) -> Option<&str> {
        match self {
            Href::Internal(path) => path
                .strip_prefix("/members/")
                .map(|s| s.strip_suffix('/').unwrap_or(s))
                .filter(|s| !s.is_empty() && !s.contains(['/', '?', '#'])),
            _ => None,
        }
    }

    /// The project slug if this is a link to a project page (`/projects/<slug>`, optional
    /// trailing slash).
    pub fn project_slug(&self) -> Option<&str> {
        match self {
            Href::Internal(path) => path
                .strip_prefix("/projects/")
                .map(|s| s.strip_suffix('/').unwrap_or(s))
                .filter(|s| !s.is_empty() && !s.contains(['/', '?', '#'])),
            _ => None,
        }
    }
}

/// How deep emphasis and links may nest before the rest is taken literally.
const MAX_DEPTH: usize = 6;

/// Parses a text field into inline nodes. Never fails: malformed markup is literal text.
pub fn parse(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    parse_into(text, 0, false, &mut out);
    out
}

fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = out.last_mut() {
        prev.push_str(s);
    } else {
        out.push(Inline::Text(s.to_string()));
    }
}

/// The brackets and parentheses of one text that pair up, found in one pass, so that looking for
/// the end of a link costs a lookup and not a scan (a scan from every `[` of 200,000 unclosed ones
/// took minutes). Built on the first `[` of a text; each nesting level builds its own for its
/// part of the text, and there are at most [`MAX_DEPTH`] of them.
struct Pairs {
    /// `(open, close)` of every `[` and the `]` that closes it, skipping nested pairs and
    /// escaped brackets, sorted by `open`.
    brackets: Vec<(usize, usize)>,
    /// `(open, close)` of every `(` and the `)` that closes it on the same line, allowing
    /// balanced parentheses inside (as URLs have them), sorted by `open`.
    parens: Vec<(usize, usize)>,
}

impl Pairs {
    fn new(s: &str) -> Pairs {
        let mut brackets = Vec::new();
        let mut parens = Vec::new();
        let mut open_brackets = Vec::new();
        let mut open_parens = Vec::new();
        let mut escaped = false;
        // Every byte that matters is ASCII, and no byte of a multi-byte character is.
        for (i, b) in s.bytes().enumerate() {
            match b {
                b'(' => open_parens.push(i),
                b')' => {
                    if let Some(open) = open_parens.pop() {
                        parens.push((open, i));
                    }
                }
                b'\n' => open_parens.clear(),
                _ => {}
            }
            if escaped {
                escaped = false;
                continue;
            }
            match b {
                b'\\' => escaped = true,
                b'[' => open_brackets.push(i),
                b']' => {
                    if let Some(open) = open_brackets.pop() {
                        brackets.push((open, i));
                    }
                }
                _ => {}
            }
        }
        brackets.sort_unstable();
        parens.sort_unstable();
        Pairs { brackets, parens }
    }

    fn close(pairs: &[(usize, usize)], open: usize) -> Option<usize> {
        pairs
            .binary_search_by_key(&open, |p| p.0)
            .ok()
            .map(|k| pairs[k].1)
    }

    /// Index of the `]` that closes the `[` at `open` of `s` (the text the pairs were built
    /// from), skipping nested pairs and escapes.
    fn closing_bracket(&self, s: &str, open: usize) -> Option<usize> {
        let close = Pairs::close(&self.brackets, open);
        #[cfg(test)]
        if s.len() <= 4096 {
            assert_eq!(
                close,
                tests::scan_closing_bracket(s, open),
                "{s:?} at {open}"
            );
        }
        let _ = s;
        close
    }

    /// Index of the `)` that closes the `(` at `open` of `s`, allowing balanced parentheses
    /// inside URLs.
    fn closing_paren(&self, s: &str, open: usize) -> Option<usize> {
        let close = Pairs::close(&self.parens, open);
        #[cfg(test)]
        if s.len() <= 4096 {
            assert_eq!(close, tests::scan_closing_paren(s, open), "{s:?} at {open}");
        }
        let _ = s;
        close
    }
}

/// `in_link`: inside the label of a link, where further links keep only their label, as HTML
/// does not nest links.
fn parse_into(s: &str, depth: usize, in_link: bool, out: &mut Vec<Inline>) {
    let mut i = 0;
    let mut text_start = 0;
    let bytes = s.as_bytes();
    let mut pairs: Option<Pairs> = None;
    while i < bytes.len() {
        let rest = &s[i..];
        let flush = |out: &mut Vec<Inline>, end: usize| push_text(out, &s[text_start..end]);
        match bytes[i] {
            b'\\' if rest.len() > 1 && bytes[i + 1].is_ascii_punctuation() => {
                flush(out, i);
                push_text(out, &s[i + 1..i + 2]);
                i += 2;
                text_start = i;
            }
            b'`' => {
                if let Some(end) = rest[1..].find('`').filter(|&e| e > 0) {
                    flush(out, i);
                    out.push(Inline::Code(rest[1..1 + end].to_string()));
                    i += end + 2;
                    text_start = i;
                } else {
                    i += 1;
                }
            }
            b'*' if depth < MAX_DEPTH && rest.starts_with("**") => {
                match rest[2..].find("**").filter(|&e| e > 0) {
                    Some(end) => {
                        flush(out, i);
                        let mut inner = Vec::new();
                        parse_into(&rest[2..2 + end], depth + 1, in_link, &mut inner);
                        out.push(Inline::Strong(inner));
                        i += end + 4;
                        text_start = i;
                    }
                    None => i += 2,
                }
            }
            b'*' if depth < MAX_DEPTH => {
                let end = rest[1..]
                    .find('*')
                    .filter(|&e| e > 0 && !rest[1..].starts_with(char::is_whitespace));
                match end {
                    Some(end) => {
                        flush(out, i);
                        let mut inner = Vec::new();
                        parse_into(&rest[1..1 + end], depth + 1, in_link, &mut inner);
                        out.push(Inline::Emph(inner));
                        i += end + 2;
                        text_start = i;
                    }
                    None => i += 1,
                }
            }
            b'[' if depth < MAX_DEPTH => {
                let pairs = pairs.get_or_insert_with(|| Pairs::new(s));
                let link = pairs.closing_bracket(s, i).and_then(|close| {
                    let after = close + 1;
                    (s[after..].starts_with('('))
                        .then(|| pairs.closing_paren(s, after))
                        .flatten()
                        .map(|paren_end| (close, after, paren_end))
                });
                match link {
                    Some((close, paren_open, paren_end)) => {
                        flush(out, i);
                        let mut children = Vec::new();
                        parse_into(&s[i + 1..close], depth + 1, true, &mut children);
                        let href = Href::classify(&s[paren_open + 1..paren_end]);
                        match href.filter(|_| !in_link) {
                            Some(href) => out.push(Inline::Link { href, children }),
                            // An unsafe or unparseable target, or a link inside a link's label:
                            // keep the label, drop the link.
                            None => children.into_iter().for_each(|c| match c {
                                Inline::Text(t) => push_text(out, &t),
                                other => out.push(other),
                            }),
                        }
                        i = paren_end + 1;
                        text_start = i;
                    }
                    None => i += 1,
                }
            }
            // Plain text up to the next byte that may start markup, in one step: every such
            // byte is ASCII, and no byte of a multi-byte character is, so this lands on a
            // character boundary.
            _ => {
                i += 1 + bytes[i + 1..]
                    .iter()
                    .position(|b| matches!(b, b'\\' | b'`' | b'*' | b'['))
                    .unwrap_or(bytes.len() - i - 1)
            }
        }
    }
    push_text(out, &s[text_start..]);
}

/// The text of inline nodes without formatting, for search and for titles.
pub fn plain_text(nodes: &[Inline]) -> String {
    fn walk(nodes: &[Inline], out: &mut String) {
        for n in nodes {
            match n {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Link { children: c, .. } => {
                    walk(c, out)
                }
            }
        }
    }
    let mut out = String::new();
    walk(nodes, &mut out);
    out
}

/// Every link target in the nodes, depth first.
pub fn hrefs(nodes: &[Inline]) -> Vec<&Href> {
    fn walk<'a>(nodes: &'a [Inline], out: &mut Vec<&'a Href>) {
        for n in nodes {
            match n {
                Inline::Text(_) | Inline::Code(_) => {}
                Inline::Emph(c) | Inline::Strong(c) => walk(c, out),
                Inline::Link { href, children } => {
                    out.push(href);
                    walk(children, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(nodes, &mut out);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan the parser did before [`Pairs`], from the `[` at `open` (quadratic over many
    /// unclosed brackets): every lookup in the unit tests is checked against it.
    pub(crate) fn scan_closing_bracket(s: &str, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut escaped = false;
        for (i, c) in s[open..].char_indices() {
            if escaped {
                escaped = false;
                continue;
            }
            match c {
                '\\' => escaped = true,
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(open + i);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The scan the parser did before [`Pairs`], from the `(` at `open`.
    pub(crate) fn scan_closing_paren(s: &str, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (i, c) in s[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(open + i);
                    }
                }
                '\n' => return None,
                _ => {}
            }
        }
        None
    }

    /// Text dense in brackets, parentheses, escapes, emphasis and code.
    fn markup() -> impl Strategy<Value = String> {
        let token = prop::sample::select(
            &[
                "[",
                "]",
                "(",
                ")",
                "*",
                "**",
                "`",
                "\\",
                "](",
                "a",
                "é",
                " ",
                "\n",
                "/x",
                "https://a.org",
                "\\[",
                "\\]",
                "\\\\",
                "[a](/m)",
                "\\(",
            ][..],
        );
        prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The pairs found in one pass are the ones the old scans found, at every bracket the
        /// parser looks at (the lookups assert it) and at every one it could.
        #[test]
        fn pairs_agree_with_the_scans(s in markup()) {
            let _ = parse(&s);
            let pairs = Pairs::new(&s);
            for (i, b) in s.bytes().enumerate() {
                if b == b'(' {
                    prop_assert_eq!(pairs.closing_paren(&s, i), scan_closing_paren(&s, i));
                }
            }
        }
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn parses_links_and_emphasis() {
        let nodes =
            parse("[DεpS](https://arxiv.org/abs/2407.06167) is *fast* and **new** in `v2`.");
        assert_eq!(
            nodes,
            vec![
                Inline::Link {
                    href: Href::External("https://arxiv.org/abs/2407.06167".into()),
                    children: vec![t("DεpS")]
                },
                t(" is "),
                Inline::Emph(vec![t("fast")]),
                t(" and "),
                Inline::Strong(vec![t("new")]),
                t(" in "),
                Inline::Code("v2".into()),
                t("."),
            ]
        );
    }

    #[test]
    fn internal_links_and_member_slugs() {
        let nodes = parse("Congratulations to [Prof. Alexey Tumanov](/members/alexey-tumanov)!");
        let Inline::Link { href, .. } = &nodes[1] else {
            panic!("{nodes:?}")
        };
        assert_eq!(href, &Href::Internal("/members/alexey-tumanov".into()));
        assert_eq!(href.member_slug(), Some("alexey-tumanov"));
        assert_eq!(
            Href::Internal("/members/x/".into()).member_slug(),
            Some("x")
        );
        assert_eq!(Href::Internal("/news".into()).member_slug(), None);
        assert_eq!(
            Href::Internal("/projects/vidur/".into()).project_slug(),
            Some("vidur")
        );
        assert_eq!(Href::Internal("/projects/".into()).project_slug(), None);
        assert_eq!(Href::Internal("/projects/a/b".into()).project_slug(), None);
        assert_eq!(href.project_slug(), None);
        assert_eq!(
            plain_text(&nodes),
            "Congratulations to Prof. Alexey Tumanov!"
        );
    }

    #[test]
    fn unsafe_targets_render_as_label_text() {
        for target in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "relative/path",
            "http://",
            "https:///x",
            "java\tscript:x",
            "mailto:nobody",
        ] {
            let nodes = parse(&format!("see [here]({target}) now"));
            assert_eq!(nodes, vec![t("see here now")], "{target}");
        }
        assert_eq!(
            Href::classify("mailto:a@b.org"),
            Some(Href::Mail("mailto:a@b.org".into()))
        );
        assert_eq!(
            Href::classify("HTTPS://Example.org/A"),
            Some(Href::External("HTTPS://Example.org/A".into()))
        );
    }

    #[test]
    fn malformed_markup_is_literal() {
        assert_eq!(parse("PLUM -- a * b"), vec![t("PLUM -- a * b")]);
        assert_eq!(
            parse("[no target] and [open"),
            vec![t("[no target] and [open")]
        );
        assert_eq!(parse("[x](https://a.org"), vec![t("[x](https://a.org")]);
        assert_eq!(parse("**unclosed"), vec![t("**unclosed")]);
        assert_eq!(parse("tick ` alone"), vec![t("tick ` alone")]);
        assert_eq!(parse(r"\*not em\*"), vec![t("*not em*")]);
        assert_eq!(
            parse("<script>alert(1)</script>"),
            vec![t("<script>alert(1)</script>")]
        );
    }

    #[test]
    fn urls_with_parentheses_and_nested_labels() {
        let nodes = parse("[a [b] c](https://en.wikipedia.org/wiki/X_(y))");
        assert_eq!(
            nodes,
            vec![Inline::Link {
                href: Href::External("https://en.wikipedia.org/wiki/X_(y)".into()),
                children: vec![t("a [b] c")]
            }]
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(5000) + "x" + &"](/a)".repeat(5000);
        let nodes = parse(&deep);
        assert!(plain_text(&nodes).contains('x'));
        let stars = "*".repeat(10_000);
        assert_eq!(plain_text(&parse(&stars)), stars);
    }

    #[test]
    fn links_do_not_nest() {
        // Found by the property tests: a link in a link's label became an `<a>` inside an `<a>`,
        // which HTML forbids. The outer link keeps the inner one's label as its text.
        let link = |href: &str, children| Inline::Link {
            href: Href::Internal(href.into()),
            children,
        };
        assert_eq!(parse("[[a](/x)](/y)"), vec![link("/y", vec![t("a")])]);
        assert_eq!(
            parse("[see *[b](/x)* now](/y)"),
            vec![link(
                "/y",
                vec![t("see "), Inline::Emph(vec![t("b")]), t(" now")]
            )]
        );
        assert_eq!(hrefs(&parse("[[a](/members/x)](/y)")).len(), 1);
    }

    /// Inputs that took minutes while every `[` scanned to the end of the text for its `]` (and
    /// every `(` for its `)`): each is parsed here in milliseconds. Nothing is timed; a quadratic
    /// parser makes this test run for minutes.
    #[test]
    fn hostile_inputs_parse_in_linear_time() {
        const N: usize = 200_000;
        let cases = [
            "[".repeat(N),
            "]".repeat(N),
            "(".repeat(N),
            "*".repeat(N),
            "`".repeat(N),
            "\\".repeat(N),
            "[a](".repeat(N / 4),
            "[a](/x".repeat(N / 6),
            "[(".repeat(N / 2),
            "* ".repeat(N / 2),
            "*a ".repeat(N / 3),
            "**a ".repeat(N / 4),
            "` a".repeat(N / 3),
            format!("{}{}", "[".repeat(N / 2), "]".repeat(N / 2)),
            format!("{}x{}", "*".repeat(N / 2), "*".repeat(N / 2)),
            format!("[{}", "a](".repeat(N / 3)),
            "[*".repeat(N / 2),
            "[**`".repeat(N / 4),
        ];
        for text in &cases {
            let nodes = parse(text);
            // Nothing is lost: without links, the text comes back less its markup.
            assert!(plain_text(&nodes).len() <= text.len());
            assert!(!plain_text(&nodes).is_empty() || text.chars().all(|c| "*`".contains(c)));
        }
        assert_eq!(plain_text(&parse(&"[".repeat(N))), "[".repeat(N));
        assert_eq!(
            plain_text(&parse(&"[a](".repeat(N / 4))),
            "[a](".repeat(N / 4)
        );
    }

    #[test]
    fn collects_hrefs() {
        let nodes = parse("[A](/members/a) and *[B](https://b.org)*");
        assert_eq!(hrefs(&nodes).len(), 2);
    }
}

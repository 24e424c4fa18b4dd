//! The boot script. Trunk writes its wasm loader as an inline `<script type="module">`; a strict
//! Content-Security-Policy (`script-src 'self'`) forbids inline scripts, so the loader is replaced
//! by a file of ours (`boot.js`) that loads the app only when the page needs it, marks the page
//! as booting (for the progress bar) or as failed to boot (the pre-rendered page then stays, with a
//! notice), and carries out what the visitor did while the app was on its way.

/// The Content-Security-Policy every generated page carries in a `<meta http-equiv>`.
/// `frame-ancestors` is left out: browsers ignore it in a `<meta>` (and log an error for it); it
/// only works as an HTTP header, which [`HEADERS_FILE`] gives hosts that read one.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'self'";

/// `_headers` for hosts that set HTTP headers from a file (Netlify, Cloudflare Pages): the full
/// policy, `frame-ancestors` included. GitHub Pages ignores it.
pub const HEADERS_FILE: &str = "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'\n  X-Frame-Options: DENY\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n";

/// The boot script, with `'__APP_JS__'` and `'__APP_WASM__'` for the app's files and
/// `'__DATA_FILES__'` for the data files it fetches at start.
const BOOT_JS: &str = include_str!("boot.js");

/// The lists' script before the app (see `list.js`), loaded in the head of the list pages.
pub const LIST_JS: &str = include_str!("list.js");

/// The file name of [`LIST_JS`] below the site's base, with a content hash.
pub fn list_script_name() -> String {
    format!("list-{}.js", lab_model::fingerprint(LIST_JS.as_bytes()))
}

/// A boot script file to write and the tag that loads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boot {
    /// File name below the site's base, with a content hash: `boot-0123abcd.js`.
    pub file_name: String,
    pub script: String,
}

/// The text between `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

/// Replaces Trunk's inline loader in `template` by `<script type="module" src=…>`; returns the
/// new template and the script to write.
pub fn extract_loader(template: &str, public_url: &str) -> Result<(String, Boot), String> {
    const OPEN: &str = "<script type=\"module\">";
    let start = template
        .find(OPEN)
        .ok_or("index.html has no inline module loader from Trunk")?;
    let len = template[start..]
        .find("</script>")
        .ok_or("the loader <script> is not closed")?;
    let end = start + len + "</script>".len();
    let loader = &template[start + OPEN.len()..start + len];
    let js = between(loader, "from '", "'")
        .ok_or("cannot find the app's JS module in Trunk's loader")?;
    let wasm = between(loader, "module_or_path: '", "'")
        .ok_or("cannot find the app's wasm in Trunk's loader")?;
    if [js, wasm].iter().any(|p| p.contains(['\\', '\'', '\n'])) {
        return Err(format!(
            "unexpected asset paths in Trunk's loader: {js:?}, {wasm:?}"
        ));
    }
    let data_files = [
        sail_site::api::DATA_URL,
        lab_model::images::MANIFEST_URL,
        lab_model::posts::POSTS_URL,
    ];
    let script = BOOT_JS
        .replace("'__APP_JS__'", &format!("'{js}'"))
        .replace("'__APP_WASM__'", &format!("'{wasm}'"))
        .replace("'__DATA_FILES__'", &format!("'{}'", data_files.join(" ")));
    let file_name = format!("boot-{}.js", lab_model::fingerprint(script.as_bytes()));
    let tag = format!("<script type=\"module\" src=\"{public_url}{file_name}\"></script>");
    let replaced = without_preloads(&format!("{}{tag}{}", &template[..start], &template[end..]));
    Ok((replaced, Boot { file_name, script }))
}

/// Drops Trunk's `<link rel="preload">` / `rel="modulepreload"` of the app's JS and wasm. The pages
/// are readable before the app runs, so the half-megabyte wasm should not compete with the first
/// paint (on a slow phone it delayed the largest paint by seconds); the boot script loads it.
fn without_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link ") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + len];
        out.push_str(&rest[..start]);
        if !(tag.contains("rel=\"preload\"") || tag.contains("rel=\"modulepreload\"")) {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = "<head>\n<script type=\"module\">\nimport init, * as bindings from '/sail/app-1.js';\nconst wasm = await init({ module_or_path: '/sail/app-1_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script>\n<link rel=\"x\"></head>";

    #[test]
    fn replaces_the_inline_loader_with_a_file() {
        let (html, boot) = extract_loader(TRUNK, "/sail/").unwrap();
        assert!(!html.contains("<script type=\"module\">"));
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"/sail/{}\"></script>",
            boot.file_name
        )));
        assert!(html.ends_with("\n<link rel=\"x\"></head>"));
        assert!(boot.script.contains("const appJs = '/sail/app-1.js';"));
        assert!(boot
            .script
            .contains("const appWasm = '/sail/app-1_bg.wasm';"));
        assert!(!boot.script.contains("__APP_"));
        // The data files the app takes from boot.js are the ones it would fetch itself.
        assert!(boot.script.contains(
            "const dataFiles = 'data/site.json data/images.json data/posts.json'.split(' ');"
        ));
        assert!(boot.file_name.starts_with("boot-") && boot.file_name.ends_with(".js"));
        // A page shown for another address loads the app after its first frame (or 200 ms in a
        // tab that gets no frames); a page rendered for this address waits for the visitor.
        let wait = boot.script.rfind("requestAnimationFrame").unwrap();
        let mismatch = boot.script.find("rendered.dataset.renderedAt !==").unwrap();
        assert!(mismatch < wait && wait < boot.script.rfind("load();").unwrap());
        assert!(boot.script.contains("setTimeout(painted, 200)"));
    }

    #[test]
    fn drops_preloads_and_keeps_other_links() {
        let html = "<link rel=\"stylesheet\" href=\"/a.css\"/>\n<link rel=\"modulepreload\" href=\"/app.js\"><link rel=\"preload\" href=\"/app.wasm\" as=\"fetch\"></head>";
        assert_eq!(
            without_preloads(html),
            "<link rel=\"stylesheet\" href=\"/a.css\"/>\n</head>"
        );
        let (out, _) = extract_loader(
            &format!("{TRUNK}<link rel=\"preload\" href=\"/w.wasm\">"),
            "/sail/",
        )
        .unwrap();
        assert!(!out.contains("preload"));
    }

    #[test]
    fn refuses_an_unknown_loader() {
        assert!(extract_loader("<head></head>", "/").is_err());
        assert!(extract_loader("<script type=\"module\">run()</script>", "/").is_err());
    }

    #[test]
    fn the_header_policy_is_the_meta_policy_plus_frame_ancestors() {
        assert!(HEADERS_FILE.contains(&format!(
            "{CONTENT_SECURITY_POLICY}; frame-ancestors 'none'\n"
        )));
        assert!(!CONTENT_SECURITY_POLICY.contains("frame-ancestors"));
    }

    #[test]
    fn hash_changes_with_content() {
        let (_, a) = extract_loader(TRUNK, "/sail/").unwrap();
        let (_, b) = extract_loader(&TRUNK.replace("app-1", "app-2"), "/sail/").unwrap();
        assert_ne!(a.file_name, b.file_name);
    }
}

//! `sitegen [DIST]`: the build step that makes the Trunk output a complete static site.
//!
//! Run by Trunk after each build (see Trunk.toml). It reads `DIST/index.html` (the app shell Trunk
//! wrote) and `DIST/data/site.json`, then writes, from the app's own views rendered to HTML:
//! an entry page for every route (`news/index.html`, `members/<slug>/index.html`, …), each with its
//! own title, description, canonical URL and Open Graph / Twitter tags and its content readable
//! without JavaScript; `404.html`; the Atom feed `feed.xml`; `sitemap.xml` and `robots.txt`.
//!
//! The base path comes from `TRUNK_PUBLIC_URL` (or `--public-url`); absolute URLs from `SITE_URL`
//! (or `--site-url`), which defaults to `http://127.0.0.1:8080` followed by the base path.
//! `SITE_DATA=DIR` builds the site from another data folder than the repository's `data/` (it
//! replaces `DIST/data/`): the browser tests build a site imported from another lab this way.

use std::path::PathBuf;
use std::process::ExitCode;

use sitegen::{generate, Options};

const USAGE: &str = "usage: sitegen [DIST] [--public-url /base/] [--site-url https://host/base/]\n(DIST defaults to $TRUNK_STAGING_DIR when run as a Trunk hook)";

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut dist = None;
    let mut public_url = std::env::var("TRUNK_PUBLIC_URL")
        .ok()
        .filter(|s| !s.is_empty());
    let mut site_url = std::env::var("SITE_URL").ok().filter(|s| !s.is_empty());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--public-url" => public_url = Some(args.next().ok_or(USAGE)?),
            "--site-url" => site_url = Some(args.next().ok_or(USAGE)?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ if dist.is_none() && !arg.starts_with('-') => dist = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    let dist = dist
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .ok_or(USAGE)?;
    let public_url = public_url.unwrap_or_else(|| "/".to_string());
    Options::new(dist, &public_url, site_url.as_deref())
}

fn main() -> ExitCode {
    let result = parse_args().and_then(|options| {
        if let Some(dir) = std::env::var_os("SITE_DATA").filter(|d| !d.is_empty()) {
            sitegen::replace_data(&options.dist, std::path::Path::new(&dir))?;
        }
        generate(&options)
    });
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sitegen: {e}");
            ExitCode::FAILURE
        }
    }
}

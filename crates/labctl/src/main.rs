//! `labctl`: the maintainer's command-line tool, over the same model as the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod pages;

const USAGE: &str =
    "usage: labctl pages DIST_DIR   write an HTML entry page for every route of the built site";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["pages", dist] => pages::write_route_pages(Path::new(dist)).map(|n| {
            println!("labctl: wrote {n} route pages into {dist}");
        }),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("labctl: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `dir/rel`, for messages.
fn display(dir: &Path, rel: &str) -> PathBuf {
    dir.join(rel)
}

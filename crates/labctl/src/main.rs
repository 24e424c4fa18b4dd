//! `labctl`: the maintainer's command-line tool, over the same model as the app. The commands
//! live in the library (`labctl::cli`); `pages` stays here for the Trunk build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod pages;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, dist] = args.as_slice() {
        if command == "pages" {
            return match pages::write_route_pages(Path::new(dist)) {
                Ok(n) => {
                    println!("labctl: wrote {n} route pages into {dist}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("labctl: {e}");
                    ExitCode::FAILURE
                }
            };
        }
    }
    let code = labctl::cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// `dir/rel`, for messages.
fn display(dir: &Path, rel: &str) -> PathBuf {
    dir.join(rel)
}

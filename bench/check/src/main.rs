//! `bench-check FILE...`: loads each data file as the app does and prints its size and every
//! notice; exits non-zero when a file does not load or has any notice.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut ok = true;
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                ok = false;
                continue;
            }
        };
        let start = Instant::now();
        match lab_model::load_site(&text) {
            Ok(loaded) => {
                let d = loaded.site.data();
                println!(
                    "{path}: {} news, {} publications, {} members, {} notices (loaded natively in {:.0} ms)",
                    d.news.len(),
                    d.publications.len(),
                    d.members.len(),
                    loaded.notices.len(),
                    start.elapsed().as_secs_f64() * 1000.0
                );
                for n in loaded.notices.iter().take(20) {
                    println!("  {n}");
                }
                ok &= loaded.notices.is_empty();
            }
            Err(e) => {
                println!("{path}: {e}");
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

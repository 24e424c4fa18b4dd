//! Runs the pipeline over a folder of images and prints the time and bytes, to measure settings:
//! `cargo run -p lab-images --example encode_dir -- SRC_DIR OUT_DIR CACHE_DIR [WIDTH...]`.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn sources(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("a folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, into);
        } else {
            into.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, out, cache, widths @ ..] = &args[..] else {
        eprintln!("usage: encode_dir SRC_DIR OUT_DIR CACHE_DIR [WIDTH...]");
        std::process::exit(2);
    };
    let widths: Vec<u32> = widths.iter().map(|w| w.parse().expect("a width")).collect();
    let widths = if widths.is_empty() {
        vec![160, 320]
    } else {
        widths
    };
    let mut files = Vec::new();
    sources(Path::new(src), &mut files);
    let mut pipeline = lab_images::Pipeline::new(Path::new(out), Path::new(cache));
    let mut by_mime = std::collections::BTreeMap::<String, u64>::new();
    let mut source_bytes = 0;
    let start = Instant::now();
    for file in &files {
        let one = Instant::now();
        match pipeline.process(file, &widths) {
            Ok(entry) => {
                source_bytes += std::fs::metadata(file).map_or(0, |m| m.len());
                let mut line = String::new();
                for format in &entry.formats {
                    let bytes: u64 = format
                        .files
                        .iter()
                        .map(|r| {
                            std::fs::metadata(Path::new(out).join(&r.file)).map_or(0, |m| m.len())
                        })
                        .sum();
                    *by_mime.entry(format.mime.clone()).or_default() += bytes;
                    line += &format!(" {}={bytes}", format.mime.trim_start_matches("image/"));
                }
                println!(
                    "{:>6} ms {}:{line}",
                    one.elapsed().as_millis(),
                    file.display()
                );
            }
            Err(e) => println!(
                "{:>6} ms {}: {e}",
                one.elapsed().as_millis(),
                file.display()
            ),
        }
    }
    println!(
        "{} files in {:.2} s; {:?}; source bytes {source_bytes}; output bytes {by_mime:?}",
        files.len(),
        start.elapsed().as_secs_f64(),
        pipeline.stats()
    );
}

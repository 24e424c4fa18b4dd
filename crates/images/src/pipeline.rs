//! Turns one source image into its output files and manifest entry, reusing files encoded by an
//! earlier build from the cache folder: encoding AVIF is slow, and sources rarely change.

use std::fs;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use lab_model::images::{Encoded, ImageEntry, Rendition};

use crate::encode::{self, Format, Pixels, SETTINGS_VERSION};
use crate::{decode, read_source, sniff, svg, ImageError, Kind};

/// What a pipeline has done so far, counted in raster output files (an SVG, copied as it is,
/// counts in neither).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Encoded in this run.
    pub encoded: usize,
    /// Copied from the cache.
    pub reused: usize,
}

/// Processes source images into `out_dir/img/`, with a cache of encoded files in `cache_dir`.
#[derive(Debug)]
pub struct Pipeline {
    out_dir: PathBuf,
    cache_dir: PathBuf,
    stats: Stats,
}

impl Pipeline {
    /// `out_dir` is the site's dist folder: files go to `out_dir/img/`. `cache_dir` keeps encoded
    /// files across builds (e.g. `target/image-cache`); neither needs to exist yet.
    pub fn new(out_dir: &Path, cache_dir: &Path) -> Pipeline {
        Pipeline {
            out_dir: out_dir.to_path_buf(),
            cache_dir: cache_dir.to_path_buf(),
            stats: Stats::default(),
        }
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Processes one source image for display at `widths` pixels wide (e.g. `[160, 320]` for 1x
    /// and 2x of a 160 px slot). Widths larger than the source are dropped; if none remain, the
    /// source's own width is used. A raster source gives AVIF, lossy WebP and a fallback in its
    /// own format (PNG for GIF and WebP sources), each at every kept width, narrowest first; an
    /// SVG is copied as it is, once, at its declared width. Nothing is written for a source
    /// with a problem.
    pub fn process(&mut self, src: &Path, widths: &[u32]) -> Result<ImageEntry, ImageError> {
        let bytes = read_source(src)?;
        let kind = sniff::sniff(&bytes)?;
        let hash = hash(&bytes);
        if kind == Kind::Svg {
            let probe = svg::probe(&bytes)?;
            let name = format!("{hash}-{}.svg", probe.width);
            self.write_out(&name, &bytes)?;
            return Ok(ImageEntry {
                width: probe.width,
                height: probe.height,
                formats: vec![Encoded {
                    mime: kind.mime().to_string(),
                    files: vec![Rendition {
                        w: probe.width,
                        file: format!("img/{name}"),
                    }],
                }],
            });
        }

        let header = decode::header(&bytes, kind)?;
        let probe = header.probe();
        let widths = kept_widths(widths, probe.width);
        let fallback = match kind {
            Kind::Jpeg => Format::Jpeg,
            _ => Format::Png,
        };
        let jobs: Vec<(Format, u32)> = [Format::Avif, Format::Webp, fallback]
            .into_iter()
            .flat_map(|f| widths.iter().map(move |&w| (f, w)))
            .collect();
        let name = |(format, w): (Format, u32)| format!("{hash}-{w}.{}", format.extension());
        let mut outputs: Vec<Option<Vec<u8>>> = jobs
            .iter()
            .map(|&job| self.cached(&name(job), job.0))
            .collect();

        let missing: Vec<usize> = (0..jobs.len()).filter(|&i| outputs[i].is_none()).collect();
        if !missing.is_empty() {
            // The full decode happens only here: when every output is cached, the source was
            // decoded without error by the build that encoded them (the name holds its hash).
            let decoded = header.decode(&bytes)?;
            let source = encode::prepare(decoded.image);
            let mut needed: Vec<u32> = missing.iter().map(|&i| jobs[i].1).collect();
            needed.sort_unstable();
            needed.dedup();
            let resized: Vec<(u32, Pixels)> = parallel(&needed, |&w| {
                (
                    w,
                    encode::resize(&source, w, height_at(probe.width, probe.height, w)),
                )
            });
            let encoded = parallel(&missing, |&i| {
                let (format, w) = jobs[i];
                let pixels = &resized
                    .iter()
                    .find(|(rw, _)| *rw == w)
                    .expect("resized above")
                    .1;
                catch_unwind(AssertUnwindSafe(|| encode::encode(format, pixels, &source)))
                    .unwrap_or_else(|_| Err("the encoder crashed".to_string()))
                    .map_err(|e| {
                        ImageError::Corrupt(format!("encoding it as {} failed: {e}", format.mime()))
                    })
            });
            for (&i, file) in missing.iter().zip(encoded) {
                let file = file?;
                self.store(&name(jobs[i]), &file);
                outputs[i] = Some(file);
            }
        }

        for (&job, file) in jobs.iter().zip(&outputs) {
            self.write_out(&name(job), file.as_deref().unwrap_or_default())?;
        }
        self.stats.encoded += missing.len();
        self.stats.reused += jobs.len() - missing.len();

        let formats = [Format::Avif, Format::Webp, fallback]
            .into_iter()
            .map(|format| Encoded {
                mime: format.mime().to_string(),
                files: widths
                    .iter()
                    .map(|&w| Rendition {
                        w,
                        file: format!("img/{}", name((format, w))),
                    })
                    .collect(),
            })
            .collect();
        Ok(ImageEntry {
            width: probe.width,
            height: probe.height,
            formats,
        })
    }

    /// A file from the cache, if it is there and looks whole.
    fn cached(&self, name: &str, format: Format) -> Option<Vec<u8>> {
        let bytes = fs::read(self.cache_dir.join(name)).ok()?;
        format.looks_right(&bytes).then_some(bytes)
    }

    /// Keeps an encoded file for later builds. A cache that cannot be written only costs time,
    /// so errors are ignored; the rename makes a half-written file impossible to find.
    fn store(&self, name: &str, bytes: &[u8]) {
        let temp = self
            .cache_dir
            .join(format!(".{name}.{}.tmp", std::process::id()));
        let written = fs::create_dir_all(&self.cache_dir)
            .and_then(|()| fs::File::create(&temp))
            .and_then(|mut f| f.write_all(bytes))
            .and_then(|()| fs::rename(&temp, self.cache_dir.join(name)));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
    }

    fn write_out(&self, name: &str, bytes: &[u8]) -> Result<(), ImageError> {
        let dir = self.out_dir.join("img");
        let path = dir.join(name);
        fs::create_dir_all(&dir)
            .and_then(|()| fs::write(&path, bytes))
            .map_err(|e| {
                ImageError::Unreadable(format!(
                    "its output {} cannot be written: {e}",
                    path.display()
                ))
            })
    }
}

/// The widths to encode: those not wider than the source, narrowest first, else the source's.
fn kept_widths(widths: &[u32], source: u32) -> Vec<u32> {
    let mut kept: Vec<u32> = widths
        .iter()
        .copied()
        .filter(|&w| w > 0 && w <= source)
        .collect();
    kept.sort_unstable();
    kept.dedup();
    if kept.is_empty() {
        kept.push(source);
    }
    kept
}

/// Same rounding as [`ImageEntry::height_at`], so the pages' sizes match the files.
fn height_at(width: u32, height: u32, w: u32) -> u32 {
    ImageEntry {
        width,
        height,
        formats: Vec::new(),
    }
    .height_at(w)
}

/// 12 hex digits of 64-bit FNV-1a over the settings version and the source: stable across runs
/// and platforms, and a new name whenever the source or the settings change.
fn hash(bytes: &[u8]) -> String {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for &b in SETTINGS_VERSION
        .as_bytes()
        .iter()
        .chain([0u8].iter())
        .chain(bytes)
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")[..12].to_string()
}

/// Runs `f` over `items` on every core, results in order.
fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was run"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_kept() {
        assert_eq!(kept_widths(&[320, 160, 160, 0], 1000), vec![160, 320]);
        assert_eq!(kept_widths(&[160, 320], 200), vec![160]);
        assert_eq!(kept_widths(&[1600], 200), vec![200]);
        assert_eq!(kept_widths(&[], 50), vec![50]);
    }

    #[test]
    fn hash_is_stable() {
        let h = hash(b"abc");
        assert_eq!(h.len(), 12);
        assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(h, hash(b"abc"));
        assert_ne!(h, hash(b"abd"));
    }

    #[test]
    fn parallel_keeps_order() {
        let items: Vec<u32> = (0..50).collect();
        assert_eq!(
            parallel(&items, |x| x * 2),
            (0..50).map(|x| x * 2).collect::<Vec<_>>()
        );
    }
}

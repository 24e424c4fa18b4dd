//! The images an LWT site names, found in the checkout and planned for copying into the new
//! site's image folder (`<out>/data/images/…`), where the data file names them by their path
//! relative to itself (`images/…`). A web address stays a web address. A reference that the old
//! site could not show either (a missing file, a file that is not an image) is reported and
//! left out, so the result passes `labctl check`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lab_model::images::ImageRef;

use super::report::{Origin, Report};

/// A 64-bit FNV-1a hash of a file's bytes: enough to tell whether a copy was edited since.
pub fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `%20` and friends decoded (invalid escapes kept as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// A path segment made safe for a web address and the data file's rules: letters without
/// accents, digits, `.`, `-`, `_`; anything else a hyphen.
fn safe_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let push = |out: &mut String, c: char| {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-' {
            if c == '.' && out.ends_with('-') {
                out.pop();
            }
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(&mut out, c);
        } else {
            let base = lab_model::text::fold(&c.to_string());
            if base.is_ascii() && !base.is_empty() {
                base.chars().for_each(|b| push(&mut out, b));
            } else {
                push(&mut out, '-');
            }
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() || out.chars().all(|c| c == '.') {
        "image".to_string()
    } else {
        out
    }
}

/// The images of one import.
pub struct Images {
    root: PathBuf,
    out_data: PathBuf,
    /// The address of the old site (`https://host/base`), whose absolute image URLs are files
    /// of the checkout.
    site_prefixes: Vec<String>,
    /// The hash of each file the previous import wrote, by path below `out_data`.
    previous: BTreeMap<String, u64>,
    /// Planned copies: path below `out_data` (`images/…`) → source file.
    pub planned: BTreeMap<String, PathBuf>,
    by_source: BTreeMap<PathBuf, String>,
    /// Sources already reported as unusable, with the reason.
    bad: BTreeMap<PathBuf, String>,
}

impl Images {
    pub fn new(
        root: &Path,
        out_data: &Path,
        site_prefixes: Vec<String>,
        previous: BTreeMap<String, u64>,
    ) -> Images {
        Images {
            root: root.to_path_buf(),
            out_data: out_data.to_path_buf(),
            site_prefixes,
            previous,
            planned: BTreeMap::new(),
            by_source: BTreeMap::new(),
            bad: BTreeMap::new(),
        }
    }

    /// The file of the checkout a site path names, trying the path as written and then ignoring
    /// case (GitHub Pages is case-sensitive, so the second is a link that was broken).
    fn find(&self, rel: &str) -> Option<(PathBuf, bool)> {
        let exact = self.root.join(rel);
        if exact.is_file() {
            return Some((exact, false));
        }
        let mut dir = self.root.clone();
        for part in rel.split('/') {
            let entries = std::fs::read_dir(&dir).ok()?;
            let mut names: Vec<String> = entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            let name = names.into_iter().find(|n| n.eq_ignore_ascii_case(part))?;
            dir = dir.join(name);
        }
        dir.is_file().then_some((dir, true))
    }

    /// The value the data file gets for an image an LWT field or post names: the web address as
    /// it is, or `images/…` of the planned copy. `None` when there is nothing to show (reported).
    /// `near` is the folder of the file that names it, for a path relative to that file.
    pub fn resolve(
        &mut self,
        raw: &str,
        near: Option<&str>,
        at: &Origin,
        report: &mut Report,
    ) -> Option<String> {
        let mut value = raw.trim().to_string();
        for prefix in [
            "{{site.baseurl}}",
            "{{ site.baseurl }}",
            "{{ site.url }}{{ site.baseurl }}",
        ] {
            if let Some(rest) = value.strip_prefix(prefix) {
                value = rest.to_string();
            }
        }
        if value.is_empty() {
            return None;
        }
        if value.contains("{{") || value.contains("{%") {
            report.not_carried(
                at.clone(),
                format!("image {raw:?} is made by Liquid, which only Jekyll runs; left out"),
            );
            return None;
        }
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("//") {
            value = format!("https:{value}");
        }
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let own = self
                .site_prefixes
                .iter()
                .find(|p| lower.starts_with(&p.to_ascii_lowercase()))
                .map(|p| value[p.len()..].to_string());
            match own {
                Some(path) if !path.is_empty() => value = path,
                _ => {
                    let url = value.replace(' ', "%20");
                    return match ImageRef::classify(&url) {
                        Some(ImageRef::External(_)) => Some(url),
                        _ => {
                            report.not_carried(
                                at.clone(),
                                format!(
                                    "image {raw:?} is not an address the site can show; left out"
                                ),
                            );
                            None
                        }
                    };
                }
            }
        } else if lower.contains(':') && !lower.starts_with('/') {
            report.not_carried(
                at.clone(),
                format!("image {raw:?} is neither a file of the site nor a web address; left out"),
            );
            return None;
        }
        // A path of the site: without query or fragment, decoded, relative to the checkout.
        let path = value.split(['?', '#']).next().unwrap_or("");
        let path = percent_decode(path);
        let from_root = path.starts_with('/');
        // Jekyll's `relative_url` reads a path from the site's root; a path relative to the
        // file that names it is tried second.
        let mut candidates = vec![path.clone()];
        if let (false, Some(dir)) = (from_root, near.filter(|d| !d.is_empty())) {
            candidates.push(format!("{dir}/{path}"));
        }
        let normalised: Vec<String> = candidates.iter().filter_map(|c| normalise(c)).collect();
        let Some(rel) = normalised.first().cloned() else {
            report.not_carried(
                at.clone(),
                format!("image {raw:?} points outside the site; left out"),
            );
            return None;
        };
        let found = normalised
            .iter()
            .find_map(|c| self.find(c).map(|f| (c.clone(), f)));
        let Some((rel, (source, case_differs))) = found else {
            report.not_carried(
                at.clone(),
                format!("image {raw:?}: {rel} is not in the repository (the old site could not show it either); left out"),
            );
            return None;
        };
        if case_differs {
            report.changed(
                at.clone(),
                format!("image {raw:?}: no file has that name; one that differs only in upper and lower case was taken (the old site could not show it)"),
            );
        }
        if let Some(reason) = self.bad.get(&source) {
            report.not_carried(at.clone(), format!("image {raw:?} {reason}; left out"));
            return None;
        }
        if let Some(dest) = self.by_source.get(&source) {
            return Some(dest.clone());
        }
        let mut kind_fix = None;
        match lab_images::inspect(&source) {
            Ok((probe, warnings)) => {
                if !warnings.is_empty() {
                    kind_fix = Some(probe.kind);
                }
            }
            Err(e) => {
                let reason = e.to_string();
                report.not_carried(at.clone(), format!("image {raw:?} {reason}; left out"));
                self.bad.insert(source, reason);
                return None;
            }
        }
        let dest = self.destination(&rel, kind_fix);
        let wanted = rel
            .strip_prefix("images/")
            .map_or_else(|| format!("images/{rel}"), |r| format!("images/{r}"));
        if dest != wanted {
            report.changed(
                at.clone(),
                format!(
                    "image {rel} is copied to data/{dest}{}",
                    match kind_fix {
                        Some(k) => format!(" (it is a {} file; its name said otherwise)", k.name()),
                        None => " (its name had characters a web address cannot hold, or the name was taken)".to_string(),
                    }
                ),
            );
        }
        self.by_source.insert(source.clone(), dest.clone());
        self.planned.insert(dest.clone(), source);
        Some(dest)
    }

    /// Where a source file goes below the data folder: `images/` and its path in the checkout
    /// (without a first `images/`), each part made safe, a unique name, and an extension that
    /// fits its format.
    fn destination(&self, rel: &str, kind: Option<lab_images::Kind>) -> String {
        let rel = rel.strip_prefix("images/").unwrap_or(rel);
        let mut parts: Vec<String> = rel.split('/').map(safe_segment).collect();
        let file = parts.pop().unwrap_or_else(|| "image".to_string());
        let (stem, ext) = match file.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s.to_string(), e.to_string()),
            _ => (file.clone(), String::new()),
        };
        let ext = match kind {
            Some(k) => k.extension().to_string(),
            None => ext,
        };
        let dir = if parts.is_empty() {
            "images".to_string()
        } else {
            format!("images/{}", parts.join("/"))
        };
        let name = |n: usize| {
            let stem = if n == 1 {
                stem.clone()
            } else {
                format!("{stem}-{n}")
            };
            if ext.is_empty() {
                format!("{dir}/{stem}")
            } else {
                format!("{dir}/{stem}.{ext}")
            }
        };
        let mut n = 1;
        loop {
            let candidate = name(n);
            let taken = self.planned.contains_key(&candidate) || self.foreign(&candidate);
            if !taken || n > 1000 {
                return candidate;
            }
            n += 1;
        }
    }

    /// A file at `dest` in the output that this importer did not write.
    fn foreign(&self, dest: &str) -> bool {
        let path = self.out_data.join(dest);
        path.exists() && !self.previous.contains_key(dest)
    }
}

/// `a/./b/../c` → `a/c`; `None` when it leaves the checkout or names nothing.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// What happened to one planned copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    Written,
    Unchanged,
    /// The file in the output was changed since the last import: kept.
    KeptEdited,
}

/// Copies one planned image, unless the output already has the same bytes, or bytes edited
/// since the previous import (`previous` is the hash the previous import wrote, if any).
pub fn copy_image(source: &Path, dest: &Path, previous: Option<u64>) -> std::io::Result<Copied> {
    let bytes = std::fs::read(source)?;
    if let Ok(existing) = std::fs::read(dest) {
        if existing == bytes {
            return Ok(Copied::Unchanged);
        }
        if previous != Some(hash(&existing)) {
            return Ok(Copied::KeptEdited);
        }
    }
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::datafile::write_atomic(dest, &bytes)?;
    Ok(Copied::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_names_safe() {
        assert_eq!(safe_segment("My Photo (1).JPG"), "My-Photo-1.JPG");
        assert_eq!(safe_segment("Zoë"), "Zoe");
        assert_eq!(safe_segment("???"), "image");
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
        assert_eq!(
            normalise("/images/./a/../b.png").as_deref(),
            Some("images/b.png")
        );
        assert_eq!(normalise("../x.png"), None);
        assert_eq!(hash(b"a"), hash(b"a"));
        assert_ne!(hash(b"a"), hash(b"b"));
    }
}

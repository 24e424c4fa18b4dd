//! Writing the data file safely. The new text goes to a temporary file in the same directory,
//! is flushed to disk, and is then renamed over the original, so a crash or an error at any
//! point leaves either the old file or the new one, never a half-written mix.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces the file at `path` with `contents`, atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, contents, |_| Ok(()))
}

/// [`write_atomic`], calling `before_rename` with the temporary file's path once it is complete
/// and synced, just before it replaces `path`. An error from the hook aborts the write the way a
/// crash there would (the temporary file is removed, `path` is untouched); tests inject failures
/// through it.
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    before_rename: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp, mut file) = create_temp(dir, path)?;
    let result = (|| {
        file.write_all(contents)?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        before_rename(&tmp)?;
        fs::rename(&tmp, path)
    })();
    match result {
        Ok(()) => {
            // Makes the rename itself durable; the new file is in place even if this fails.
            if let Ok(d) = File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// A new, empty temporary file beside `path`: `.NAME.labctl-PID-N.tmp`.
fn create_temp(dir: &Path, path: &Path) -> io::Result<(PathBuf, File)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.labctl-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name left")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("labctl-datafile-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_nothing_behind() {
        let dir = scratch("ok");
        let path = dir.join("site.json");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(entries(&dir), ["site.json"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failure_before_the_rename_keeps_the_original() {
        let dir = scratch("fail");
        let path = dir.join("site.json");
        fs::write(&path, "old").unwrap();
        let mut seen = None;
        let err = write_atomic_with(&path, b"new", |tmp| {
            // The temporary file is complete and beside the original.
            assert_eq!(fs::read_to_string(tmp).unwrap(), "new");
            assert_eq!(tmp.parent(), Some(dir.as_path()));
            seen = Some(tmp.to_path_buf());
            Err(io::Error::other("injected"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "injected");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert!(!seen.unwrap().exists());
        assert_eq!(entries(&dir), ["site.json"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn creates_a_missing_file_and_skips_stale_temporaries() {
        let dir = scratch("new");
        let path = dir.join("out.json");
        let stale = dir.join(format!(".out.json.labctl-{}-0.tmp", std::process::id()));
        fs::write(&stale, "stale").unwrap();
        write_atomic(&path, b"x").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "x");
        assert_eq!(fs::read_to_string(&stale).unwrap(), "stale");
        fs::remove_dir_all(dir).unwrap();
    }
}

//! The images step: every local image the data file names is made into the sizes and formats
//! the views show (through `lab-images`, which caches what it encoded), and the manifest the
//! views read is written beside the data file. A bad image is reported and skipped, never fatal:
//! the pages then show the image's original file, or nothing.

use std::collections::BTreeMap;
use std::path::Path;

use lab_images::Pipeline;
use lab_model::images::{local_images, ImageManifest, LocalImage, DATA_DIR};
use lab_model::validate::Positions;
use lab_model::SiteData;

/// What the step did, for the build's report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImagesReport {
    pub images: usize,
    pub encoded: usize,
    pub reused: usize,
    pub failed: usize,
}

/// Processes the images of `data` and `more` (the posts' figures; files under `dist/data/`) into
/// `dist/img/`. Problems are returned as lines for the build log.
pub fn build_images(
    data: &SiteData,
    pos: &Positions,
    more: BTreeMap<String, LocalImage>,
    dist: &Path,
    cache: &Path,
) -> (ImageManifest, ImagesReport, Vec<String>) {
    let mut pipeline = Pipeline::new(dist, cache);
    let mut images = BTreeMap::new();
    let mut problems = Vec::new();
    let mut report = ImagesReport::default();
    let mut wanted = local_images(data, pos);
    for (path, image) in more {
        let entry = wanted.entry(path).or_default();
        entry.widths.extend(image.widths);
        entry.fields.extend(image.fields);
    }
    for (path, image) in wanted {
        let widths: Vec<u32> = image.widths.iter().copied().collect();
        match pipeline.process(&dist.join(DATA_DIR).join(&path), &widths) {
            Ok(entry) => {
                images.insert(path, entry);
                report.images += 1;
            }
            Err(e) => {
                report.failed += 1;
                problems.push(format!(
                    "{}: {DATA_DIR}{path} {e}; it is left out (run `labctl check`)",
                    image.fields.join(", ")
                ));
            }
        }
    }
    report.encoded = pipeline.stats().encoded;
    report.reused = pipeline.stats().reused;
    (ImageManifest { images }, report, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab_model::load::parse_data;

    const DATA: &str = r#"{"version":1,
      "lab":{"name":"L","short_name":"L","institution":"I","description":"d",
             "logo":"images/icon.png","share_image":"images/missing.jpg"},
      "topics":[],
      "members":[{"slug":"a","name":"A","role":"phd","photo":"images/broken.png"},
                 {"slug":"b","name":"B","role":"phd","photo":"https://example.org/b.jpg"}],
      "publications":[],"news":[]}"#;

    #[test]
    fn a_bad_image_is_reported_and_skipped_and_the_cache_is_used_again() {
        let dist = tempfile::tempdir().unwrap();
        let cache = tempfile::tempdir().unwrap();
        let images = dist.path().join("data/images");
        std::fs::create_dir_all(&images).unwrap();
        let icon = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/images/icon.png");
        std::fs::copy(&icon, images.join("icon.png")).unwrap();
        let bytes = std::fs::read(&icon).unwrap();
        std::fs::write(images.join("broken.png"), &bytes[..bytes.len() / 3]).unwrap();
        let (data, pos, _) = parse_data(DATA).unwrap();

        let (manifest, report, problems) =
            build_images(&data, &pos, BTreeMap::new(), dist.path(), cache.path());
        assert_eq!(
            manifest.images.keys().collect::<Vec<_>>(),
            ["images/icon.png"]
        );
        assert_eq!((report.images, report.failed), (1, 2));
        assert!(report.encoded > 0);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("members[0].photo: data/images/broken.png is cut short")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("lab.share_image: data/images/missing.jpg does not exist")),
            "{problems:?}"
        );
        // Every rendition the manifest names was written.
        for f in manifest.images["images/icon.png"]
            .formats
            .iter()
            .flat_map(|f| &f.files)
        {
            assert!(dist.path().join(&f.file).is_file(), "{}", f.file);
        }

        // A second build into a fresh folder encodes nothing.
        let again = tempfile::tempdir().unwrap();
        let images = again.path().join("data/images");
        std::fs::create_dir_all(&images).unwrap();
        std::fs::copy(&icon, images.join("icon.png")).unwrap();
        let (second, report, _) =
            build_images(&data, &pos, BTreeMap::new(), again.path(), cache.path());
        assert_eq!(second, manifest);
        assert_eq!(report.encoded, 0);
        assert!(report.reused > 0);
    }
}

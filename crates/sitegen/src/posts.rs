//! The posts step: every `data/posts/*.md` is read and checked, its figures go to the images
//! step, and once the images are made each body is rendered to HTML and the posts are written to
//! `data/posts.json` for the views. A post that cannot be read is reported and left out; any other
//! problem is reported and the post still published (`labctl check` fails on errors first).

use std::collections::BTreeMap;
use std::path::Path;

use lab_model::images::{widths, ImageManifest, LocalImage, DATA_DIR};
use lab_model::posts::{Post, POSTS_DIR};
use lab_model::SiteData;
use lab_posts::{Context, Source, FIGURE_WIDTHS};

/// The posts read from `dist/data/posts/`, drafts left out.
pub struct PostSources {
    pub sources: Vec<Source>,
    /// Build log lines.
    pub problems: Vec<String>,
}

/// Reads and checks every post file under `dist/data/posts/`.
pub fn read_posts(dist: &Path, data: &SiteData) -> PostSources {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in lab_posts::post_files(&dist.join(DATA_DIR).join(POSTS_DIR)) {
        let name = format!(
            "{DATA_DIR}{POSTS_DIR}/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        match lab_posts::read(&path) {
            Ok(source) => {
                for p in lab_posts::check(&source, data) {
                    problems.push(format!("{name}:{p}"));
                }
                if !source.front.draft {
                    sources.push(source);
                }
            }
            Err(p) => problems.push(format!("{name}:{p}; the post is left out")),
        }
    }
    PostSources { sources, problems }
}

/// The images the posts show, for the images step: figures at the text column's widths, a post's
/// own picture at a project card's and a link preview's.
pub fn post_images(sources: &[Source]) -> BTreeMap<String, LocalImage> {
    let mut out: BTreeMap<String, LocalImage> = BTreeMap::new();
    for s in sources {
        let own = s.front.image.as_deref().map(str::trim);
        for (path, line) in lab_posts::local_images(s) {
            let entry = out.entry(path.clone()).or_default();
            if own == Some(path.as_str()) {
                entry.widths.extend(widths::PROJECT);
                entry.widths.extend(widths::SHARE);
            } else {
                entry.widths.extend(FIGURE_WIDTHS);
            }
            entry
                .fields
                .push(format!("{DATA_DIR}{POSTS_DIR}/{}.md:{line}", s.slug));
        }
    }
    out
}

/// Renders every post with the images made; problems as build log lines.
pub fn render_posts(
    sources: &[Source],
    manifest: &ImageManifest,
    base: &str,
) -> (Vec<Post>, Vec<String>) {
    let lookup = |path: &str| manifest.get(path);
    let cx = Context {
        base,
        image: &lookup,
    };
    let mut posts = Vec::new();
    let mut problems = Vec::new();
    for s in sources {
        let (post, found) = lab_posts::compile(s, &cx);
        for p in found {
            problems.push(format!("{DATA_DIR}{POSTS_DIR}/{}.md:{p}", s.slug));
        }
        posts.push(post);
    }
    (posts, problems)
}

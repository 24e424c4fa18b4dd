//! The topic vocabulary an import builds: every LWT tag (of a publication, a post or a project)
//! becomes a topic with a readable label, in the order first met; tags that differ only in case
//! or punctuation are one topic.

use lab_model::text::slugify;
use lab_model::Topic;

use super::clean::label_of;
use super::report::{Origin, Report};

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub topics: Vec<Topic>,
}

impl Vocabulary {
    /// The slug of `tag`, added to the vocabulary if new; `None` (reported) when the tag has no
    /// letter or digit to make a slug of.
    pub fn add(&mut self, tag: &str, at: &Origin, report: &mut Report) -> Option<String> {
        let slug = slugify(tag);
        if slug.is_empty() {
            report.not_carried(
                at.clone(),
                format!("the tag {tag:?} has no letters or digits to name a topic by; dropped"),
            );
            return None;
        }
        if !self.topics.iter().any(|t| t.slug == slug) {
            let (label, _) = super::clean::clean_line(&label_of(tag));
            self.topics.push(Topic {
                slug: slug.clone(),
                label,
            });
        }
        Some(slug)
    }

    /// Adds a topic with its own label (for the topics the import gives news items).
    pub fn add_labelled(&mut self, slug: &str, label: &str) {
        if !self.topics.iter().any(|t| t.slug == slug) {
            self.topics.push(Topic {
                slug: slug.to_string(),
                label: label.to_string(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_topic_per_slug() {
        let mut v = Vocabulary::default();
        let mut r = Report::default();
        let at = Origin::default();
        assert_eq!(v.add("Big Data", &at, &mut r).as_deref(), Some("big-data"));
        assert_eq!(v.add("big-data", &at, &mut r).as_deref(), Some("big-data"));
        assert_eq!(v.add("!!", &at, &mut r), None);
        assert_eq!(v.topics.len(), 1);
        assert_eq!(v.topics[0].label, "Big Data");
        assert_eq!(r.lines.len(), 1);
    }
}

//! What one run of `labctl cite` did, identifier by identifier, as plain text that reads in a
//! terminal and as the description of the workflow's pull request.

use std::fmt;

/// One line of the report about one publication or identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The publication's id, the place of an entry listed by identifier alone
    /// (`publications[3]`), or the identifier (`doi:10.1145/…`).
    pub what: String,
    /// Where the identifier came from and what was done or went wrong.
    pub detail: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// New publications.
    pub added: Vec<Line>,
    /// Entries listed by identifier alone, now complete.
    pub filled: Vec<Line>,
    /// Listed publications with fields changed.
    pub updated: Vec<Line>,
    /// Publications a source says nothing new about.
    pub unchanged: usize,
    /// Records not applied, and why (the merge's safety rules, duplicates, works removed by hand).
    pub skipped: Vec<Line>,
    /// Identifiers that could not be resolved: the service and the reason. Their entries are left
    /// as they were.
    pub failed: Vec<Line>,
    /// Things worth a look that changed nothing.
    pub notes: Vec<String>,
    /// HTTP requests sent, retries included.
    pub requests: usize,
}

impl Report {
    /// True when the data file changes.
    pub fn changes(&self) -> bool {
        !self.added.is_empty() || !self.filled.is_empty() || !self.updated.is_empty()
    }

    pub(crate) fn fail(&mut self, what: impl Into<String>, detail: impl Into<String>) {
        self.failed.push(Line {
            what: what.into(),
            detail: detail.into(),
        });
    }

    pub(crate) fn skip(&mut self, what: impl Into<String>, detail: impl Into<String>) {
        self.skipped.push(Line {
            what: what.into(),
            detail: detail.into(),
        });
    }

    /// The one-line summary that closes the report.
    pub fn summary(&self) -> String {
        format!(
            "{} added, {} filled in, {} updated, {} unchanged, {} skipped, {} failed; {} request{}",
            self.added.len(),
            self.filled.len(),
            self.updated.len(),
            self.unchanged,
            self.skipped.len(),
            self.failed.len(),
            self.requests,
            if self.requests == 1 { "" } else { "s" }
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: [(&str, &[Line]); 5] = [
            ("added", &self.added),
            ("filled in", &self.filled),
            ("updated", &self.updated),
            ("skipped", &self.skipped),
            ("failed", &self.failed),
        ];
        for (label, lines) in groups {
            for line in lines {
                writeln!(f, "{label:<10} {}: {}", line.what, line.detail)?;
            }
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        write!(f, "{}", self.summary())
    }
}

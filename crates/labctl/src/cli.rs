//! Command-line parsing and dispatch for every subcommand. Output goes to the writers given, so
//! tests run commands in-process. (The static pages, feed and sitemap are `sitegen`'s job.)

use std::io::Write;
use std::path::Path;

use lab_model::load::parse_data;
use lab_model::validate::Severity;

use crate::{bibtex_import, check, cite, datafile, lwt, schema};

/// The help text.
pub const USAGE: &str = "\
usage: labctl COMMAND [ARGS]

  check [FILE] [--strict]
      Report every problem in the data file (default data/site.json), the
      images it names and the posts beside it (posts/*.md) as
      FILE:LINE:COLUMN: error|warning: PATH: message. Exit 1 on errors, or on
      warnings too with --strict. Never changes a file.
  schema [--out FILE]
      Write the JSON Schema of the data file (default data/site.schema.json;
      - for standard output).
  import-bibtex FILE.bib [--data FILE] [--dry-run]
      Merge the publications of a BibTeX file into the data file (default
      data/site.json): add new ones, update known ones without losing hand edits.
      --dry-run reports what would change and writes nothing.
  export-bibtex [--data FILE] [--out FILE]
      Write every publication as BibTeX (default: standard output).
  import-lwt PATH [--out DIR] [--dry-run]
      Import a lab-website-template (Jekyll) site: members, publications,
      posts, projects, news, the lab and its images, into DIR/data/ (default:
      the current folder). Reports what was imported, changed and not carried
      over, with file and line. Refuses to replace a DIR/data/site.json that an
      earlier import-lwt did not write; a re-run keeps the edits made since.
      --dry-run reports and writes nothing.
  cite [ID...] [--data FILE] [--dry-run] [--offline] [--refresh] [--strict]
      Fill in publications from their DOI (Crossref, DataCite), arXiv id
      (arXiv) or PubMed id (NCBI), and add the works of the ORCID iDs in
      lab.orcid and members' orcid; or only the IDs named. Keeps hand edits as
      import-bibtex does. Fetched metadata is cached in citations.cache.json
      beside the data file: --offline uses only it, --refresh fetches all again.
      --dry-run reports and writes nothing. Exit 0 when every identifier
      resolved, 3 when some failed (their entries are left as they were), 1
      with --strict or when cite cannot run. Environment: LABCTL_CITE_MAILTO
      (contact for the services; default lab.links.email), LABCTL_CROSSREF_URL,
      LABCTL_DATACITE_URL, LABCTL_ARXIV_URL, LABCTL_NCBI_URL, LABCTL_ORCID_URL,
      LABCTL_CITE_TIMEOUT_MS, LABCTL_CITE_RETRIES, LABCTL_CITE_BACKOFF_MS,
      LABCTL_CITE_MAX_WAIT_MS, LABCTL_CITE_PAUSE_MS.
";

const DATA: &str = "data/site.json";
const SCHEMA: &str = "data/site.schema.json";

/// Positional arguments and options of one command line.
struct Args {
    positional: Vec<String>,
    flags: Vec<String>,
    out: Option<String>,
    data: Option<String>,
}

fn parse_args(args: &[String], allowed: &[&str]) -> Result<Args, String> {
    let mut parsed = Args {
        positional: Vec::new(),
        flags: Vec::new(),
        out: None,
        data: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        if !name.starts_with("--") || name == "-" {
            parsed.positional.push(arg.clone());
            continue;
        }
        if !allowed.contains(&name) {
            return Err(format!("unknown option {name}"));
        }
        match name {
            "--out" | "--data" => {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("{name} needs a file"))?,
                };
                if name == "--out" {
                    parsed.out = Some(value);
                } else {
                    parsed.data = Some(value);
                }
            }
            _ => parsed.flags.push(name.to_string()),
        }
    }
    Ok(parsed)
}

/// Runs one command line (without the program name); returns the exit code: 0 success, 1 the
/// command failed (problems found, a file could not be read or written), 2 a usage error, 3 some
/// identifiers of `cite` could not be resolved (the rest was applied).
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some((command, rest)) = args.split_first() else {
        let _ = write!(err, "{USAGE}");
        return 2;
    };
    let (allowed, max_positional): (&[&str], usize) = match command.as_str() {
        "check" => (&["--strict"], 1),
        "schema" => (&["--out"], 0),
        "import-bibtex" => (&["--data", "--dry-run"], 1),
        "export-bibtex" => (&["--data", "--out"], 0),
        "import-lwt" => (&["--out", "--dry-run"], 1),
        "cite" => (
            &["--data", "--dry-run", "--offline", "--refresh", "--strict"],
            usize::MAX,
        ),
        "help" | "--help" | "-h" => {
            let _ = write!(out, "{USAGE}");
            return 0;
        }
        other => {
            let _ = write!(err, "labctl: unknown command {other:?}\n\n{USAGE}");
            return 2;
        }
    };
    let parsed = match parse_args(rest, allowed) {
        Ok(p) if p.positional.len() <= max_positional => p,
        Ok(_) => {
            let _ = write!(err, "labctl {command}: too many arguments\n\n{USAGE}");
            return 2;
        }
        Err(e) => {
            let _ = write!(err, "labctl {command}: {e}\n\n{USAGE}");
            return 2;
        }
    };
    let result = match command.as_str() {
        "check" => run_check(&parsed, out),
        "schema" => run_schema(&parsed, out),
        "import-bibtex" => run_import(&parsed, out),
        "cite" => run_cite(&parsed, out),
        "import-lwt" => run_import_lwt(&parsed, out),
        _ => run_export(&parsed, out),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "labctl {command}: {e}");
            1
        }
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn write_output(path: &str, text: &str, out: &mut dyn Write, what: &str) -> Result<(), String> {
    if path == "-" {
        return out.write_all(text.as_bytes()).map_err(|e| e.to_string());
    }
    datafile::write_atomic(Path::new(path), text.as_bytes())
        .map_err(|e| format!("cannot write {path}: {e}"))?;
    writeln!(out, "labctl: wrote {what} to {path}").map_err(|e| e.to_string())
}

fn run_check(args: &Args, out: &mut dyn Write) -> Result<i32, String> {
    let file = args.positional.first().map_or(DATA, String::as_str);
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let (text, mut findings) = check::check_bytes(&bytes);
    let dir = Path::new(file).parent().unwrap_or(Path::new(""));
    if let Some(text) = &text {
        findings.extend(check::check_images(text, dir));
    }
    findings.sort_by_key(|f| f.position);
    let shown_dir = match file.rfind('/') {
        Some(i) => &file[..=i],
        None => "",
    };
    let posts = check::check_posts(text.as_deref(), dir, shown_dir);
    let strict = args.flags.iter().any(|f| f == "--strict");
    let (report, code) = check::report_with(file, &findings, &posts, strict);
    out.write_all(report.as_bytes())
        .map_err(|e| e.to_string())?;
    Ok(code)
}

fn run_schema(args: &Args, out: &mut dyn Write) -> Result<i32, String> {
    let text = schema::site_schema()?;
    write_output(
        args.out.as_deref().unwrap_or(SCHEMA),
        &text,
        out,
        "the schema",
    )?;
    Ok(0)
}

fn run_import(args: &Args, out: &mut dyn Write) -> Result<i32, String> {
    let Some(bib) = args.positional.first() else {
        return Err("name the BibTeX file to import".to_string());
    };
    let data = args.data.as_deref().unwrap_or(DATA);
    let dry_run = args.flags.iter().any(|f| f == "--dry-run");
    let report = bibtex_import::import_file(Path::new(data), Path::new(bib), dry_run, |_| Ok(()))
        .map_err(|e| e.to_string())?;
    let verdict = if !report.changes() {
        format!("{data} is unchanged")
    } else if dry_run {
        "dry run: nothing written".to_string()
    } else {
        format!("wrote {data}")
    };
    writeln!(out, "{report}; {verdict}").map_err(|e| e.to_string())?;
    Ok(0)
}

fn run_cite(args: &Args, out: &mut dyn Write) -> Result<i32, String> {
    let data = args.data.as_deref().unwrap_or(DATA);
    let flag = |name: &str| args.flags.iter().any(|f| f == name);
    let options = cite::Options {
        ids: args.positional.clone(),
        dry_run: flag("--dry-run"),
        offline: flag("--offline"),
        refresh: flag("--refresh"),
    };
    let cited = cite::cite_file(Path::new(data), &options, |lab, email| {
        cite::Config::from_env(lab, email, |name| std::env::var(name).ok())
    })
    .map_err(|e| e.to_string())?;
    let cache = cited.cache_path.display();
    let verdict = match (options.dry_run, cited.wrote_data, cited.wrote_cache) {
        (true, _, _) => "dry run: nothing written".to_string(),
        (false, true, true) => format!("wrote {data} and {cache}"),
        (false, true, false) => format!("wrote {data}"),
        (false, false, true) => format!("{data} is unchanged; wrote {cache}"),
        (false, false, false) => format!("{data} is unchanged"),
    };
    writeln!(out, "{}; {verdict}", cited.report).map_err(|e| e.to_string())?;
    let failed = cited.report.failed.len();
    if failed == 0 {
        return Ok(0);
    }
    let strict = flag("--strict");
    let (ids, entries) = match failed {
        1 => ("1 identifier".to_string(), "its entry is left as it was"),
        n => (
            format!("{n} identifiers"),
            "their entries are left as they were",
        ),
    };
    let severity = if strict { "error" } else { "warning" };
    writeln!(
        out,
        "labctl cite: {severity}: {ids} could not be resolved; {entries}"
    )
    .map_err(|e| e.to_string())?;
    Ok(if strict { 1 } else { 3 })
}

fn run_import_lwt(args: &Args, out: &mut dyn Write) -> Result<i32, String> {
    let Some(source) = args.positional.first() else {
        return Err("name the lab-website-template checkout to import".to_string());
    };
    let options = lwt::Options {
        source: Path::new(source).to_path_buf(),
        out: Path::new(args.out.as_deref().unwrap_or(".")).to_path_buf(),
        dry_run: args.flags.iter().any(|f| f == "--dry-run"),
    };
    let imported = lwt::import(&options).map_err(|e| e.to_string())?;
    let verdict = if options.dry_run {
        "dry run: nothing written".to_string()
    } else if imported.report.written.is_empty() {
        "nothing changed".to_string()
    } else {
        format!(
            "wrote {} file(s) below {}",
            imported.report.written.len(),
            options.out.display()
        )
    };
    writeln!(out, "{}; {verdict}", imported.report).map_err(|e| e.to_string())?;
    Ok(0)
}

fn run_export(args: &Args, out: &mut dyn Write) -> Result<i32, String> {
    let data = args.data.as_deref().unwrap_or(DATA);
    let text = read(data)?;
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let (site, _, skipped) = parse_data(body).map_err(|e| format!("{data}: {e}"))?;
    // Warnings (an unknown section, a control character) do not stop an export; a skipped
    // item or a repeated key does.
    if skipped.iter().any(|p| p.severity == Severity::Error) {
        return Err(format!(
            "{data} has items that cannot be read; run labctl check {data} and fix them first"
        ));
    }
    let bib = lab_model::bibtex::bibliography(&site.publications);
    match args.out.as_deref() {
        None | Some("-") => out.write_all(bib.as_bytes()).map_err(|e| e.to_string())?,
        Some(path) => write_output(path, &bib, out, "the bibliography")?,
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options_in_both_spellings() {
        let a = parse_args(
            &args(&["x.bib", "--data=d.json", "--dry-run"]),
            &["--data", "--dry-run"],
        )
        .unwrap();
        assert_eq!(
            (a.positional, a.data, a.flags),
            (
                args(&["x.bib"]),
                Some("d.json".into()),
                args(&["--dry-run"])
            )
        );
        let a = parse_args(&args(&["--out", "-"]), &["--out"]).unwrap();
        assert_eq!((a.out, a.positional.len()), (Some("-".into()), 0));
        assert_eq!(
            parse_args(&args(&["--out"]), &["--out"]).err().unwrap(),
            "--out needs a file"
        );
        assert_eq!(
            parse_args(&args(&["--strict"]), &["--out"]).err().unwrap(),
            "unknown option --strict"
        );
    }

    #[test]
    fn usage_errors_exit_2_and_help_exits_0() {
        let run_code = |list: &[&str]| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = run(&args(list), &mut out, &mut err);
            (
                code,
                String::from_utf8(out).unwrap(),
                String::from_utf8(err).unwrap(),
            )
        };
        let (code, out, _) = run_code(&["help"]);
        assert_eq!((code, out.as_str()), (0, USAGE));
        let (code, _, err) = run_code(&["import-bibtex"]);
        assert_eq!(code, 1);
        assert!(err.contains("name the BibTeX file"), "{err}");
        let (code, _, err) = run_code(&["schema", "extra"]);
        assert_eq!(code, 2);
        assert!(err.contains("too many arguments"), "{err}");
        let (code, out, _) = run_code(&["schema", "--out", "-"]);
        assert_eq!(code, 0);
        assert!(
            out.starts_with("{\n  \"$schema\": \"https://json-schema.org/"),
            "{out}"
        );
    }
}

//! `labctl schema`: the JSON Schema of the data file, generated from the model's Rust types, so
//! editors validate and complete `data/site.json` by its `"$schema"` pointer.

use lab_model::SiteData;

/// The schema text, pretty-printed like the data file, with a final newline.
pub fn site_schema() -> Result<String, String> {
    let schema = schemars::schema_for!(SiteData);
    let mut text = serde_json::to_string_pretty(&schema).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

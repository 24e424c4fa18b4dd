//! `labctl schema`: the committed `data/site.schema.json` is the one the types generate, and it
//! accepts the bundled data and rejects data of the wrong shape (checked with the `jsonschema`
//! validator).

use serde_json::{json, Value};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.json");
const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/site.schema.json");

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_committed_schema_is_up_to_date() {
    let committed = std::fs::read_to_string(SCHEMA).unwrap();
    let generated = labctl::schema::site_schema().unwrap();
    assert!(
        committed == generated,
        "data/site.schema.json is stale; regenerate it with `cargo run -p labctl -- schema` from the repository root"
    );
}

#[test]
fn the_command_writes_the_generated_schema() {
    let dir = std::env::temp_dir().join(format!("labctl-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("schema.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_labctl"))
        .args(["schema", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        labctl::schema::site_schema().unwrap()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&read_json(SCHEMA)).unwrap()
}

#[test]
fn the_schema_accepts_the_bundled_data() {
    let data = read_json(DATA);
    let errors: Vec<String> = validator()
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(data["$schema"], json!("./site.schema.json"));
}

#[test]
fn the_schema_rejects_data_of_the_wrong_shape() {
    let v = validator();
    let data = read_json(DATA);
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut d = data.clone();
        edit(&mut d);
        d
    };
    let cases = [
        broken(&|d| {
            d["publications"][0]
                .as_object_mut()
                .unwrap()
                .remove("title");
        }),
        broken(&|d| d["members"][0]["role"] = json!("wizard")),
        broken(&|d| d["news"][0]["tittle"] = json!("x")),
        broken(&|d| d["publications"][0]["featured"] = json!("yes")),
        broken(&|d| d["topics"] = json!({})),
        broken(&|d| {
            d.as_object_mut().unwrap().remove("lab");
        }),
    ];
    for (i, case) in cases.iter().enumerate() {
        assert!(!v.is_valid(case), "case {i} was accepted");
    }
}

//! Moving sheets in and out in bulk: `ayni import sheets.csv` (validated as a whole before
//! anything is written; re-importing the same file creates no duplicates) and `ayni export`.
//! The CSV columns are the open-data columns (see `/datos`), so an export imports back.

use super::{Experience, ExperienceContent, ExperienceForm};
use crate::db::Db;
use crate::i18n::Lang;
use crate::taxonomy::Taxonomy;
use std::collections::HashMap;

/// Largest file accepted, so a wrong file fails fast with a clear message.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// One problem in plain words: row (1 is the header), column, what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub message: String,
}

pub struct ImportRow {
    pub row: usize,
    /// Stable identity: the `import_key` column, or title + country + place.
    pub key: String,
    /// The sheet's address on its site (the `url` column of open data, or an export's key):
    /// a row from this very site updates the sheet it came from.
    pub address: String,
    /// The file has the columns only editors see (contact, links). Open data has not: a sheet
    /// it updates keeps its own.
    pub has_private_columns: bool,
    pub content: ExperienceContent,
}

/// The id of the sheet at `address` when that is an address of this site (`base`).
fn sheet_of_site(base: &str, address: &str) -> Option<i64> {
    let base = base.trim_end_matches('/');
    let rest = address.strip_prefix(base)?.strip_prefix("/experiencias/")?;
    rest.split(['-', '/', '?', '#']).next()?.parse().ok()
}

const REQUIRED: [&str; 2] = ["title", "country"];
/// Columns accepted besides the open-data columns (which are accepted and partly ignored).
const EXTRA_COLUMNS: [&str; 5] = [
    "contact_name",
    "contact_email",
    "import_key",
    "links",
    "state",
];

fn known(column: &str) -> bool {
    crate::catalogue::open_data::columns().contains(&column) || EXTRA_COLUMNS.contains(&column)
}

/// Form field → CSV column, for messages.
fn column_of(field: &str) -> &str {
    super::Section::parse(field).map_or(field, |s| s.csv_column())
}

fn one(lang: Lang, row: usize, column: &str, key: &str) -> Problem {
    Problem {
        row,
        column: column.to_string(),
        message: lang.t(key),
    }
}

/// Reads and validates a whole file. Either every row is valid, or the list of problems.
/// Undoes `open_data::csv_cell`: an apostrophe guarding a leading formula character.
fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

pub fn parse_csv(
    bytes: &[u8],
    taxonomy: &Taxonomy,
    lang: Lang,
    this_year: i64,
    publish: bool,
) -> Result<Vec<ImportRow>, Vec<Problem>> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(vec![one(lang, 0, "-", "import-too-large")]);
    }
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            return Err(vec![one(lang, line, "-", "import-not-utf8")]);
        }
    };
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|h| h.matches(';').count() > h.matches(',').count())
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_lowercase()).collect(),
        Err(_) => return Err(vec![one(lang, 1, "-", "import-unreadable")]),
    };
    let mut problems = Vec::new();
    for r in REQUIRED {
        if !headers.iter().any(|h| h == r) {
            problems.push(one(lang, 1, r, "import-missing-column"));
        }
    }
    for (i, h) in headers.iter().enumerate() {
        if !known(h) {
            problems.push(one(lang, 1, h, "import-unknown-column"));
        } else if headers[..i].contains(h) {
            problems.push(one(lang, 1, h, "import-duplicate-column"));
        }
    }
    let has_private_columns = ["contact_name", "contact_email", "links"]
        .iter()
        .any(|c| headers.iter().any(|h| h == c));
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                problems.push(one(lang, row, "-", "import-bad-row"));
                continue;
            }
        };
        let get = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|p| record.get(p))
                .map(unguard_formula)
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let list = |name: &str| {
            get(name)
                .split('|')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        // nothing is invented: a blank or unknown status is a problem to fix in the file
        let has_status = headers.iter().any(|h| h == "status");
        let status = match get("status").to_lowercase().as_str() {
            // a file without the column: every experience is taken as ongoing (README)
            "" if !has_status => "ongoing".to_string(),
            "en curso" | "em andamento" | "ongoing" => "ongoing".to_string(),
            "finalizada" | "finalizado" | "concluída" | "concluida" | "finished" => {
                "finished".to_string()
            }
            _ => {
                problems.push(one(lang, row, "status", "import-status"));
                continue;
            }
        };
        let form = ExperienceForm {
            language: get("language"),
            title: get("title"),
            summary: get("summary"),
            country: get("country").to_uppercase(),
            place: get("place"),
            latitude: get("latitude"),
            longitude: get("longitude"),
            scale: get("scale"),
            status,
            year_start: get("year_start"),
            year_end: get("year_end"),
            themes: list("themes"),
            actor_types: list("actor_types"),
            modalities: list("modalities"),
            partners: get("partners"),
            narrative: {
                let mut n = super::Narrative::default();
                for s in super::Section::ALL {
                    n.set(*s, get(s.csv_column()));
                }
                n
            },
            contact_name: get("contact_name"),
            contact_email: get("contact_email"),
            links: list("links").join("\n"),
            version: String::new(),
            note: String::new(),
        };
        match ExperienceContent::parse(&form, taxonomy, this_year) {
            // publishing checks the same rules as the web form's "Publicar"
            Ok(content) if publish && !content.publication_errors().is_empty() => {
                for (field, _) in content.publication_errors().iter() {
                    problems.push(one(
                        lang,
                        row,
                        column_of(field),
                        "import-required-to-publish",
                    ));
                }
            }
            Ok(content) => {
                let key = match get("import_key") {
                    k if !k.is_empty() => format!("import:{k}"),
                    _ => format!(
                        "import:{}",
                        crate::web::hash_token(&format!(
                            "{}|{}|{}",
                            content.title, content.country, content.place
                        ))
                    ),
                };
                if let Some(first) = seen.insert(key.clone(), row) {
                    problems.push(Problem {
                        row,
                        column: "title".into(),
                        message: lang.t_args("import-duplicate-row", &[("row", first.to_string())]),
                    });
                }
                let address = match get("url") {
                    url if url.is_empty() => get("import_key"),
                    url => url,
                };
                rows.push(ImportRow {
                    row,
                    key,
                    address,
                    has_private_columns,
                    content,
                });
            }
            Err(errors) => {
                for (field, key) in errors.iter() {
                    if key == "error-country-unknown" {
                        // a file cannot show a list: the message names the accepted codes
                        let codes: Vec<&str> =
                            taxonomy.countries.iter().map(|c| c.code.as_str()).collect();
                        problems.push(Problem {
                            row,
                            column: "country".into(),
                            message: lang
                                .t_args("import-country-unknown", &[("codes", codes.join(", "))]),
                        });
                    } else {
                        problems.push(one(lang, row, column_of(field), key));
                    }
                }
            }
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(one(lang, 2, "-", "import-empty"));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Equal up to the order of taxonomy codes (stored sheets list them in the database's order).
fn same_content(a: &ExperienceContent, b: &ExperienceContent) -> bool {
    let sorted = |c: &ExperienceContent| {
        let mut c = c.clone();
        c.themes.sort();
        c.actor_types.sort();
        c.modalities.sort();
        c
    };
    sorted(a) == sorted(b)
}

/// What an import did: new sheets, sheets updated (a new revision), sheets unchanged.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// The sheet a row updates: the one imported before with its key, or the one of this site
/// (`base`) its address names; `None` for a new sheet.
async fn existing(db: &Db, base: &str, r: &ImportRow) -> anyhow::Result<Option<Experience>> {
    let id = match super::find_demo(db, &r.key).await? {
        Some(id) => Some(id),
        None => sheet_of_site(base, &r.address),
    };
    match id {
        Some(id) => super::load(db, id).await,
        None => Ok(None),
    }
}

/// What an import would do, without doing it: (new sheets, sheets that exist already).
pub async fn plan(db: &Db, rows: &[ImportRow], base: &str) -> anyhow::Result<(usize, usize)> {
    let mut existing_ones = 0;
    for r in rows {
        if existing(db, base, r).await?.is_some() {
            existing_ones += 1;
        }
    }
    Ok((rows.len() - existing_ones, existing_ones))
}

/// Writes the valid rows. A row whose key was imported before, or that names a sheet of this
/// site (`base`, as in its open data or an export), updates that sheet with a new revision
/// when its content changed (a corrected file), and leaves it alone otherwise.
pub async fn import(
    db: &Db,
    rows: &[ImportRow],
    (owner, base): (i64, &str),
    publish: bool,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<Imported> {
    let mut done = Imported::default();
    for (i, r) in rows.iter().enumerate() {
        match existing(db, base, r).await? {
            None => {
                super::insert_demo(db, &r.key, owner, &r.content, None, publish).await?;
                done.new += 1;
            }
            Some(current) => {
                let id = current.id;
                let mut content = r.content.clone();
                if !r.has_private_columns {
                    content.contact_name = current.content.contact_name.clone();
                    content.contact_email = current.content.contact_email.clone();
                    content.links = current.content.links.clone();
                }
                if same_content(&current.content, &content) {
                    done.unchanged += 1;
                } else {
                    super::store::update(db, owner, id, current.version, &content, "importación")
                        .await?;
                    done.updated += 1;
                }
                if publish && current.state != super::State::Published {
                    super::set_state(db, id, super::State::Published)
                        .await
                        .map_err(|e| anyhow::anyhow!("publishing {id}: {e:?}"))?;
                }
            }
        }
        progress(i + 1);
    }
    Ok(done)
}

/// Every sheet (any state) as CSV rows for operators: the open-data columns plus state and
/// contact details.
pub fn export_csv(
    sheets: &[Experience],
    import_keys: &HashMap<i64, String>,
    taxonomy: &Taxonomy,
    base: &str,
) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = crate::catalogue::open_data::columns();
    header.extend([
        "state",
        "contact_name",
        "contact_email",
        "links",
        "import_key",
    ]);
    w.write_record(&header)?;
    for e in sheets {
        let mut row = crate::catalogue::open_data::OpenRecord::new(e, taxonomy, base).csv_row();
        // the import key travels with the sheet, so importing an export twice, or into
        // another instance and back, updates instead of duplicating
        let key = import_keys
            .get(&e.id)
            .and_then(|k| k.strip_prefix("import:"))
            .map(str::to_string)
            .unwrap_or_else(|| format!("{base}/experiencias/{}", e.id));
        row.extend([
            e.state.code().to_string(),
            crate::catalogue::open_data::csv_cell(&e.content.contact_name),
            crate::catalogue::open_data::csv_cell(&e.content.contact_email),
            e.content.links.join("|"),
            key,
        ]);
        w.write_record(&row)?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!(e.to_string()))
}

/// Property tests: a CSV from anywhere (any bytes, separators, quotes, missing or extra
/// columns) is either imported row by row or explained problem by problem; it never panics,
/// and an export of what was imported reads back the same.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn taxonomy() -> Taxonomy {
        Taxonomy::for_tests()
    }

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,30}",
            Just("\"con \"\"comillas\"\", y comas\"".to_string()),
            Just("=HYPERLINK(\"x\")".to_string()),
            Just("'=SUM(A1)".to_string()),
            Just("BO".to_string()),
            Just("turismo|nada".to_string()),
            Just("-16.5".to_string()),
            Just(String::new()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_bytes_import_or_explain(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            match parse_csv(&bytes, &taxonomy(), Lang::Es, 2026, false) {
                Ok(rows) => prop_assert!(rows.iter().all(|r| !r.content.title.is_empty())),
                Err(problems) => prop_assert!(!problems.is_empty()),
            }
        }

        #[test]
        fn any_table_imports_or_explains(
            header in proptest::collection::vec(prop::sample::select(vec![
                "title", "country", "summary", "themes", "latitude", "place", "status", "x", ""
            ]), 0..8),
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..9), 0..20),
            separator in prop::sample::select(vec![b',', b';']),
        ) {
            let mut w = csv::WriterBuilder::new().delimiter(separator).flexible(true).from_writer(Vec::new());
            w.write_record(&header).unwrap();
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let bytes = w.into_inner().unwrap();
            match parse_csv(&bytes, &taxonomy(), Lang::Es, 2026, false) {
                Ok(imported) => {
                    prop_assert!(imported.len() <= rows.len());
                    for r in imported {
                        prop_assert_eq!(r.content.country.as_str(), "BO");
                        // a guarded formula comes back as typed
                        prop_assert!(!r.content.summary.starts_with("'="));
                    }
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    prop_assert!(problems.len() <= (rows.len() + 1) * 40);
                }
            }
        }
    }
}

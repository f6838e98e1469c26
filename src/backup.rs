//! `ayni backup` and `ayni restore`: one `.tar.gz` archive holding every table as JSON lines
//! (read in one snapshot transaction, so the archive is consistent while the site runs) and
//! every uploaded file. The format does not depend on the backend, so an archive made on
//! SQLite restores into PostgreSQL (how a small deployment grows) and back.
//!
//! Archive: `manifest.json` first (format, migrations, tables with their columns and row
//! counts), then `tables/<name>.jsonl` (one JSON array per row, in the manifest's column
//! order, parents before children), then `files/<key>`. Sessions and rate-limit windows are
//! not kept: after a restore everyone signs in again.

use crate::db::Db;
use crate::db::schema::{self, ColumnKind, Table};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;
use std::io::{BufRead, BufWriter, Read, Write};
use std::path::Path;

const FORMAT: u32 = 1;
/// Tables whose rows are not worth keeping, and `stored_files`, whose files travel as
/// `files/<key>`.
const TRANSIENT: &[&str] = &[
    "sessions",
    "rate_limits",
    "form_submissions",
    "stored_files",
];
/// Most values in one INSERT (both backends accept this many parameters).
const MAX_PARAMS: usize = 30_000;

#[derive(Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: i64,
    pub migrations: Vec<String>,
    pub tables: Vec<TableEntry>,
    pub files: u64,
}

#[derive(Serialize, Deserialize)]
pub struct TableEntry {
    pub name: String,
    pub columns: Vec<(String, ColumnKind)>,
    pub rows: u64,
}

/// What a backup or a restore did.
#[derive(Debug, Default)]
pub struct Summary {
    pub rows: u64,
    pub files: u64,
    pub bytes: u64,
}

fn value_of(row: &sqlx::any::AnyRow, i: usize, kind: ColumnKind) -> anyhow::Result<Value> {
    Ok(match kind {
        ColumnKind::Int => match row.try_get::<Option<i64>, _>(i) {
            Ok(v) => v.map(Value::from).unwrap_or(Value::Null),
            Err(_) => row
                .try_get::<Option<f64>, _>(i)?
                .map(|f| Value::from(f as i64))
                .unwrap_or(Value::Null),
        },
        ColumnKind::Real => match row.try_get::<Option<f64>, _>(i) {
            Ok(v) => v.map(Value::from).unwrap_or(Value::Null),
            Err(_) => row
                .try_get::<Option<i64>, _>(i)?
                .map(|n| Value::from(n as f64))
                .unwrap_or(Value::Null),
        },
        ColumnKind::Text => row
            .try_get::<Option<String>, _>(i)?
            .map(Value::from)
            .unwrap_or(Value::Null),
    })
}

/// Writes the archive `out` of the database and the files in `files_dir`.
pub async fn backup(db: &Db, files_dir: &Path, out: &Path) -> anyhow::Result<Summary> {
    let tables: Vec<Table> = schema::tables(db)
        .await?
        .into_iter()
        .filter(|t| !TRANSIENT.contains(&t.name.as_str()))
        .collect();
    let work = out.with_extension("parts");
    std::fs::create_dir_all(&work)?;
    let storage = crate::files::Storage::new(files_dir.to_path_buf(), db.clone())?;
    storage.adopt_folder().await?;
    let result = write_archive(db, &storage, out, &work, &tables).await;
    let _ = std::fs::remove_dir_all(&work);
    result
}

async fn write_archive(
    db: &Db,
    storage: &crate::files::Storage,
    out: &Path,
    work: &Path,
    tables: &[Table],
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let mut entries = Vec::new();
    // every table from one snapshot
    let mut tx = schema::snapshot(db).await?;
    for t in tables {
        let columns: Vec<&str> = t.columns.iter().map(|(c, _)| c.as_str()).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            t.name,
            if columns.contains(&"id") {
                "id"
            } else {
                columns[0]
            }
        );
        let mut file = BufWriter::new(std::fs::File::create(work.join(&t.name))?);
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch(&mut *tx);
        let mut n = 0;
        while let Some(row) = rows.try_next().await? {
            let values = t
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| value_of(&row, i, *kind))
                .collect::<anyhow::Result<Vec<Value>>>()?;
            serde_json::to_writer(&mut file, &values)?;
            file.write_all(b"\n")?;
            n += 1;
        }
        file.flush()?;
        summary.rows += n;
        entries.push(TableEntry {
            name: t.name.clone(),
            columns: t.columns.clone(),
            rows: n,
        });
    }
    tx.rollback().await?;
    // the files the database holds, wherever they were uploaded
    let files = storage.keys().await?;
    let manifest = Manifest {
        format: FORMAT,
        created_at: crate::now(),
        migrations: crate::db::MIGRATIONS
            .iter()
            .map(|m| m.name.to_string())
            .collect(),
        tables: entries,
        files: files.len() as u64,
    };
    let gz =
        flate2::write::GzEncoder::new(std::fs::File::create(out)?, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    let json = serde_json::to_vec_pretty(&manifest)?;
    let mut header = tar::Header::new_gnu();
    header.set_size(json.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    tar.append_data(&mut header, "manifest.json", json.as_slice())?;
    for t in &manifest.tables {
        tar.append_path_with_name(work.join(&t.name), format!("tables/{}.jsonl", t.name))?;
    }
    for key in &files {
        if let Some(bytes) = storage.find(key).await? {
            let mut header = tar::Header::new_gnu();
            header.set_size(bytes.len() as u64);
            header.set_mode(0o600);
            header.set_cksum();
            tar.append_data(&mut header, format!("files/{key}"), bytes.as_slice())?;
            summary.files += 1;
        }
    }
    let file = tar.into_inner()?.finish()?;
    file.sync_all()?;
    // it holds password hashes and pending e-mails with links: its owner reads it, nobody else
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o600))?;
    }
    summary.bytes = std::fs::metadata(out)?.len();
    Ok(summary)
}

/// Restores `archive` into a fresh instance (no people, no sheets yet): every table, then the
/// files into `files_dir`. The archive is read through once to check it whole (manifest,
/// version, every row, row counts, file names); only then are the rows written, all in one
/// transaction, so a damaged archive leaves the target as it was and can be retried.
pub async fn restore(db: &Db, files_dir: &Path, archive: &Path) -> anyhow::Result<Summary> {
    let (people,): (i64,) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM experiences)")
            .fetch_one(&db.pool)
            .await?;
    anyhow::ensure!(
        people == 0,
        "the target database already holds people or sheets: restore into a fresh one"
    );
    let target = schema::tables(db).await?;
    let manifest = check(archive, &target)
        .map_err(|e| anyhow::anyhow!("the archive is damaged or not an Ayni backup: {e}"))?;
    let mut summary = Summary::default();
    let mut tx = db.pool.begin().await?;
    // what the migrations and the taxonomy seed put there is replaced by the archive
    for t in target.iter().rev() {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", t.name)))
            .execute(&mut *tx)
            .await?;
    }
    let mut tar = open(archive)?;
    let mut files = Vec::new();
    for entry in tar.entries()? {
        let entry = entry?;
        let path = entry.path()?.to_string_lossy().into_owned();
        if let Some(name) = path
            .strip_prefix("tables/")
            .and_then(|p| p.strip_suffix(".jsonl"))
        {
            let info = manifest.tables.iter().find(|t| t.name == name);
            let table = target.iter().find(|t| t.name == name);
            if let (Some(info), Some(table)) = (info, table) {
                summary.rows +=
                    insert_rows(&mut tx, db, table, info, std::io::BufReader::new(entry)).await?;
            }
        } else if let Some(key) = path.strip_prefix("files/") {
            files.push(key.to_string());
        }
    }
    tx.commit().await?;
    for t in &target {
        if t.kind_of("id").is_some() {
            schema::reset_ids(db, &t.name).await?;
        }
    }
    // the files, once the rows are in
    let storage = crate::files::Storage::new(files_dir.to_path_buf(), db.clone())?;
    let mut tar = open(archive)?;
    for entry in tar.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.to_string_lossy().into_owned();
        if let Some(key) = path.strip_prefix("files/") {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes)?;
            storage.put_as(key, &bytes).await?;
            summary.files += 1;
        }
    }
    crate::catalogue::request_rebuild(db).await?;
    summary.bytes = std::fs::metadata(archive)?.len();
    Ok(summary)
}

fn open(archive: &Path) -> anyhow::Result<tar::Archive<flate2::read::GzDecoder<std::fs::File>>> {
    Ok(tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(archive)?,
    )))
}

/// A file name as `ayni backup` writes them (storage keys).
fn safe_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Reads the whole archive once: the manifest first, this version's migrations, every table
/// known here with the columns it says and as many rows as it says, safe file names.
fn check(archive: &Path, target: &[Table]) -> anyhow::Result<Manifest> {
    let mut tar = open(archive)?;
    let mut manifest: Option<Manifest> = None;
    let mut seen = Vec::new();
    for entry in tar.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.to_string_lossy().into_owned();
        if path == "manifest.json" {
            let mut text = String::new();
            entry.read_to_string(&mut text)?;
            let m: Manifest = serde_json::from_str(&text)?;
            anyhow::ensure!(m.format == FORMAT, "unknown archive format {}", m.format);
            let ours: Vec<String> = crate::db::MIGRATIONS
                .iter()
                .map(|m| m.name.to_string())
                .collect();
            anyhow::ensure!(
                m.migrations == ours,
                "it comes from another version of Ayni (its migrations differ): restore it with that version"
            );
            for t in &m.tables {
                let here = target
                    .iter()
                    .find(|x| x.name == t.name)
                    .ok_or_else(|| anyhow::anyhow!("table {} does not exist here", t.name))?;
                for (c, _) in &t.columns {
                    anyhow::ensure!(
                        here.kind_of(c).is_some(),
                        "column {}.{c} does not exist here",
                        t.name
                    );
                }
            }
            manifest = Some(m);
        } else if let Some(name) = path
            .strip_prefix("tables/")
            .and_then(|p| p.strip_suffix(".jsonl"))
        {
            let m = manifest
                .as_ref()
                .ok_or_else(|| anyhow::anyhow!("it does not start with its manifest"))?;
            let info = m
                .tables
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(|| anyhow::anyhow!("table {name} is not in its manifest"))?;
            let mut rows = 0;
            for line in std::io::BufReader::new(entry).lines() {
                let row: Vec<Value> = serde_json::from_str(&line?)?;
                anyhow::ensure!(
                    row.len() == info.columns.len(),
                    "a row of {name} has the wrong width"
                );
                rows += 1;
            }
            anyhow::ensure!(
                rows == info.rows,
                "table {name} holds {rows} rows, its manifest says {}",
                info.rows
            );
            seen.push(name.to_string());
        } else if let Some(key) = path.strip_prefix("files/") {
            anyhow::ensure!(safe_key(key), "odd file name in it: {key}");
        } else {
            anyhow::bail!("unexpected entry {path}");
        }
    }
    let m = manifest.ok_or_else(|| anyhow::anyhow!("no manifest"))?;
    for t in &m.tables {
        anyhow::ensure!(seen.contains(&t.name), "table {} is missing", t.name);
    }
    Ok(m)
}

async fn insert_rows(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    table: &Table,
    entry: &TableEntry,
    lines: impl BufRead,
) -> anyhow::Result<u64> {
    // the archive's columns, each as this schema reads it
    let kinds: Vec<ColumnKind> = entry
        .columns
        .iter()
        .map(|(c, _)| {
            table
                .kind_of(c)
                .ok_or_else(|| anyhow::anyhow!("column {}.{c} does not exist here", table.name))
        })
        .collect::<anyhow::Result<_>>()?;
    let names: Vec<&str> = entry.columns.iter().map(|(c, _)| c.as_str()).collect();
    let per_insert = (MAX_PARAMS / names.len().max(1)).max(1);
    let prefix = schema::insert_prefix(db, &table.name, &names);
    let mut batch: Vec<Vec<Value>> = Vec::new();
    let mut n = 0;
    let mut lines = lines.lines();
    loop {
        let line = lines.next().transpose()?;
        if let Some(line) = &line {
            let row: Vec<Value> = serde_json::from_str(line)?;
            anyhow::ensure!(
                row.len() == names.len(),
                "a row of {} has the wrong width",
                table.name
            );
            batch.push(row);
        }
        if batch.len() >= per_insert || (line.is_none() && !batch.is_empty()) {
            let mut sql = prefix.clone();
            for (r, _) in batch.iter().enumerate() {
                let start = r * names.len();
                let marks: Vec<String> = (1..=names.len())
                    .map(|i| format!("${}", start + i))
                    .collect();
                if r > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("({})", marks.join(", ")));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in &batch {
                for (v, kind) in row.iter().zip(&kinds) {
                    q = match kind {
                        ColumnKind::Int => q.bind(v.as_i64()),
                        ColumnKind::Real => q.bind(v.as_f64()),
                        ColumnKind::Text => q.bind(v.as_str().map(str::to_string)),
                    };
                }
            }
            q.execute(&mut **tx).await?;
            n += batch.len() as u64;
            batch.clear();
        }
        if line.is_none() {
            break;
        }
    }
    Ok(n)
}

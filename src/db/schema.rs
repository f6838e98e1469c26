//! The live schema, as the backup needs it: every table with its columns and their kinds, in
//! an order where each table comes after the tables it refers to. Only this module (with
//! `db/mod.rs`) knows which backend runs.

use super::{Backend, Db};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{BTreeMap, BTreeSet};

/// How a column's values are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    Int,
    Real,
    Text,
}

impl ColumnKind {
    fn of(declared: &str) -> ColumnKind {
        let t = declared.to_ascii_lowercase();
        if t.contains("int") {
            ColumnKind::Int
        } else if t.contains("real") || t.contains("double") || t.contains("float") {
            ColumnKind::Real
        } else {
            ColumnKind::Text
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<(String, ColumnKind)>,
}

impl Table {
    pub fn kind_of(&self, column: &str) -> Option<ColumnKind> {
        self.columns
            .iter()
            .find(|(c, _)| c == column)
            .map(|(_, k)| *k)
    }
}

/// Every table but the migration record, parents before children.
pub async fn tables(db: &Db) -> anyhow::Result<Vec<Table>> {
    let (columns_sql, fks_sql) = match db.backend {
        Backend::Sqlite => (
            "SELECT m.name AS t, p.name AS c, p.type AS k FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             ORDER BY m.name, p.cid",
            "SELECT m.name AS t, f.\"table\" AS r FROM sqlite_master m \
             JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        ),
        Backend::Postgres => (
            "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c, \
             CAST(data_type AS TEXT) AS k FROM information_schema.columns \
             WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
            "SELECT CAST(c.conrelid::regclass AS TEXT) AS t, CAST(c.confrelid::regclass AS TEXT) AS r \
             FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
             WHERE c.contype = 'f' AND n.nspname = current_schema()",
        ),
    };
    let mut by_name: BTreeMap<String, Vec<(String, ColumnKind)>> = BTreeMap::new();
    let rows: Vec<AnyRow> = sqlx::query(columns_sql).fetch_all(&db.pool).await?;
    for r in rows {
        let (t, c, k): (String, String, String) =
            (r.try_get("t")?, r.try_get("c")?, r.try_get("k")?);
        by_name.entry(t).or_default().push((c, ColumnKind::of(&k)));
    }
    by_name.remove("schema_migrations");
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in sqlx::query(fks_sql).fetch_all(&db.pool).await? {
        let (t, p): (String, String) = (r.try_get("t")?, r.try_get("r")?);
        if t != p {
            parents.entry(t).or_default().insert(p);
        }
    }
    // parents first (a table referring to itself is ordered by its rows' ids)
    let mut ordered: Vec<Table> = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    while done.len() < by_name.len() {
        let ready: Vec<String> = by_name
            .keys()
            .filter(|t| !done.contains(*t))
            .filter(|t| {
                parents.get(*t).is_none_or(|ps| {
                    ps.iter()
                        .all(|p| done.contains(p) || !by_name.contains_key(p))
                })
            })
            .cloned()
            .collect();
        anyhow::ensure!(
            !ready.is_empty(),
            "the tables refer to each other in a circle"
        );
        for t in ready {
            ordered.push(Table {
                name: t.clone(),
                columns: by_name[&t].clone(),
            });
            done.insert(t);
        }
    }
    Ok(ordered)
}

/// `INSERT INTO …` that accepts the stored ids as they are (PostgreSQL's identity columns
/// need to be told).
pub fn insert_prefix(db: &Db, table: &str, columns: &[&str]) -> String {
    let overriding = match db.backend {
        Backend::Postgres if columns.contains(&"id") => " OVERRIDING SYSTEM VALUE",
        _ => "",
    };
    format!(
        "INSERT INTO {table} ({}){overriding} VALUES ",
        columns.join(", ")
    )
}

/// After inserting rows with their ids: PostgreSQL's identity counters continue after the
/// largest id (SQLite does so by itself).
pub async fn reset_ids(db: &Db, table: &str) -> anyhow::Result<()> {
    if db.backend == Backend::Postgres {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&db.pool)
            .await?;
    }
    Ok(())
}

/// Opens a read transaction that sees one moment of the database for all its reads.
pub async fn snapshot(db: &Db) -> anyhow::Result<sqlx::Transaction<'static, sqlx::Any>> {
    let mut tx = db.pool.begin().await?;
    if db.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    Ok(tx)
}

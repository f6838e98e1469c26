//! The database: pool, backend choice, migrations, and the few dialect differences.
//!
//! One `AnyPool` serves SQLite and PostgreSQL with the same SQL text (`$1` parameters,
//! `RETURNING`, `ON CONFLICT`). Timestamps are unix seconds, flags are integers, so rows
//! decode identically on both. Only this module knows which backend is running.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

mod migrations;
mod params;
pub mod schema;
pub use migrations::{MIGRATIONS, migrate};
pub use params::{Params, query, query_as, query_scalar};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

/// Declares a plain row struct and its `FromRow` for `AnyRow` by column name.
/// (sqlx's derive would compile the drivers a second time for the proc-macro; this is cheaper.)
#[macro_export]
macro_rules! record {
    ($(#[$m:meta])* pub struct $name:ident { $($(#[$fm:meta])* pub $f:ident : $t:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone)]
        pub struct $name { $($(#[$fm])* pub $f: $t),* }
        impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for $name {
            fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
                use sqlx::Row as _;
                Ok(Self { $($f: row.try_get(stringify!($f))?),* })
            }
        }
    };
}

/// Declares a domain enum whose values have fixed text codes (in forms, URLs and the
/// database): `ALL`, `code()`, `parse()`, `Display`, and storage through `text_value!`.
#[macro_export]
macro_rules! text_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($code => Some($name::$v),)+ _ => None }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
        $crate::text_value!($name);
    };
}

/// Stores a domain enum as its text code, on both backends: binding writes `code()`, and
/// reading an unknown text is a decoding error, never a silent default. The type needs
/// `fn code(self) -> &'static str` and `fn parse(&str) -> Option<Self>`.
#[macro_export]
macro_rules! text_value {
    ($t:ty) => {
        impl sqlx::Type<sqlx::Any> for $t {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <str as sqlx::Type<sqlx::Any>>::type_info()
            }
        }
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $t {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'_, sqlx::Any>>::encode(self.code(), buf)
            }
        }
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $t {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                <$t>::parse(text).ok_or_else(|| {
                    format!("unknown {} {text:?} in the database", stringify!($t)).into()
                })
            }
        }
    };
}

impl Db {
    /// Connects to `url`, creating the SQLite file (and its folder) when needed.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:");
        };
        let mut url = url.to_string();
        if backend == Backend::Sqlite {
            let path = url
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:")
                .split('?')
                .next()
                .unwrap_or("")
                .to_string();
            if let Some(dir) = std::path::Path::new(&path).parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir)?;
            }
            if !url.contains('?') {
                url.push_str("?mode=rwc");
            }
        }
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                             PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await?;
        Ok(Db { pool, backend })
    }

    /// Column names of every application table, in order: used to prove both migration
    /// folders produce the same schema.
    pub async fn schema_columns(&self) -> anyhow::Result<Vec<(String, String)>> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT m.name AS table_name, p.name AS column_name \
                 FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                 ORDER BY m.name, p.cid"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) AS table_name, CAST(column_name AS TEXT) AS column_name \
                 FROM information_schema.columns WHERE table_schema = current_schema() \
                 ORDER BY table_name, ordinal_position"
            }
        };
        let rows: Vec<AnyRow> = sqlx::query(sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("table_name")?, r.try_get("column_name")?)))
            .collect()
    }
}

/// `$from, $from+1, …` for an `IN (…)` list of `n` values (numbered parameters on both backends).
pub fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends to the change log that every instance follows (search index, live updates). Call it
/// inside the transaction that makes the change, so the log never misses or invents one.
/// Forgets changes older than `before`, always keeping the newest (instances follow the
/// log by id; one that falls days behind rebuilds from the tables at its next start).
pub async fn prune_change_log(db: &Db, before: i64) -> anyhow::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM change_log WHERE created_at < $1 AND id < (SELECT MAX(id) FROM change_log)",
    )
    .bind(before)
    .execute(&db.pool)
    .await?
    .rows_affected())
}

pub async fn record_change(
    conn: &mut sqlx::AnyConnection,
    entity: &str,
    entity_id: i64,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO change_log (entity, entity_id, created_at) VALUES ($1, $2, $3)")
        .bind(entity)
        .bind(entity_id)
        .bind(crate::now())
        .execute(conn)
        .await?;
    Ok(())
}

//! The `ayni` command line: parses the command and calls into the library. Nothing else.

use ayni::config::Settings;
use ayni::db::Db;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ayni",
    version,
    about = "Ayni: experiencias y aprendizajes de desarrollo territorial"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site. Settings come from the environment and ayni.toml (the README and
    /// ayni.example.toml explain each):
    /// DATABASE_URL (sqlite://data/ayni.db | postgres://…), AYNI_BIND (127.0.0.1:8080),
    /// AYNI_BASE_URL (for e-mailed links; set it when several instances serve one site),
    /// AYNI_DATA_DIR (data), AYNI_SMTP_URL (empty: write e-mails to data/outbox),
    /// AYNI_MAIL_FROM, AYNI_SECURE_COOKIES, AYNI_MAX_UPLOAD_BYTES, AYNI_UPLOAD_QUOTA_BYTES,
    /// AYNI_AUTH_ATTEMPTS (per client and 10 minutes), AYNI_JSON_LOGS,
    /// AYNI_FORUM_POSTS_PER_WINDOW, AYNI_MESSAGES_PER_WINDOW, AYNI_FORUM_FLAGS_PER_HOUR,
    /// AYNI_FORUM_FLAGS_TO_HIDE, AYNI_FORUM_EDIT_MINUTES, AYNI_DIGEST_HOUR_UTC,
    /// AYNI_LIVE_STREAMS_PER_CLIENT, AYNI_LIVE_STREAMS_MAX, AYNI_TRUSTED_PROXIES (behind a
    /// load balancer or proxy: its addresses, or every visitor shares one for the limits).
    Serve {
        /// Load the demonstration data first (skipped for what is already there).
        #[arg(long)]
        demo: bool,
        /// Listen on this address instead of AYNI_BIND.
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Load the demonstration data (idempotent).
    Demo {
        /// Also add this many synthetic sheets derived from the demo set (for benchmarks).
        #[arg(long, default_value_t = 0)]
        synthetic: usize,
        /// Also fill a benchmark forum with this many posts (one thread has 500 replies).
        #[arg(long, default_value_t = 0)]
        forum_posts: usize,
    },
    /// Rebuild the search index from the database (with a progress bar), and ask every
    /// running instance to rebuild its own.
    Reindex,
    /// Background jobs (e-mails, digests): how many wait, and the ones given up after their
    /// last attempt, with the error (e-mails that could not be delivered).
    Jobs,
    /// Import sheets from a CSV file (UTF-8, comma or semicolon; columns as in /datos).
    /// The whole file (up to 20 MB) is checked first: if any row has a problem, nothing is
    /// imported. Importing again updates the sheets whose rows changed (a new revision).
    ///
    /// Columns and limits: title 5-200 characters (required); country: two-letter code of a
    /// country of the region (required); summary up to 1000; place, contact_name up to 200;
    /// partners up to 2000; narrative sections up to 20,000 each; language es, pt or en;
    /// status ongoing/en curso or finished/finalizada (a blank cell is a problem; no column
    /// means ongoing); latitude/longitude in decimal degrees, both or neither, not 0,0, inside
    /// the country; years 1950 to next year; themes, actor_types, modalities: codes separated
    /// by |; links: up to 10 http(s) addresses separated by |. With --publish, summary,
    /// themes, objectives and problems are required, as in the form.
    Import {
        file: std::path::PathBuf,
        /// Only check the file and print the report.
        #[arg(long)]
        dry_run: bool,
        /// E-mail of the account that will own the imported sheets (default: the first administrator).
        #[arg(long)]
        owner: Option<String>,
        /// Publish the imported sheets (otherwise they are drafts).
        #[arg(long)]
        publish: bool,
        /// Language of the report: es, pt or en.
        #[arg(long, default_value = "es")]
        lang: String,
    },
    /// Export every sheet (any state, with contact details) to CSV and JSON files.
    Export {
        /// Folder to write experiencias.csv and experiencias.json into.
        #[arg(long, default_value = ".")]
        out: std::path::PathBuf,
        /// Only the sheets submitted to this call (its number, as in /convocatorias/N).
        #[arg(long)]
        convocatoria: Option<i64>,
    },
    /// Administrator accounts and roles.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Write one archive (.tar.gz) of the whole database and every uploaded file, consistent
    /// while the site runs. It restores into SQLite or PostgreSQL alike.
    Backup {
        /// The archive to write.
        #[arg(long, default_value = "ayni-backup.tar.gz")]
        out: std::path::PathBuf,
    },
    /// Restore an archive made by `ayni backup` into this (fresh) instance: the database of
    /// DATABASE_URL (SQLite or PostgreSQL, whichever the archive came from) and the files.
    Restore { archive: std::path::PathBuf },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator (or make an existing account one).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administración")]
        name: String,
        /// Password; read from AYNI_ADMIN_PASSWORD when omitted.
        #[arg(long, env = "AYNI_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Give or take a role: `ayni admin role --email ana@… --add facilitador`.
    Role {
        #[arg(long)]
        email: String,
        /// facilitador (facilitator) or admin.
        #[arg(long, conflicts_with = "remove")]
        add: Option<String>,
        /// Back to participant.
        #[arg(long)]
        remove: bool,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load()?;
    init_tracing(settings.json_logs);
    // `import --dry-run` only reads: with no database yet, it checks against a throwaway one
    // (the taxonomies are seeded the same), leaving nothing behind
    let scratch = match &cli.command {
        Command::Import { dry_run: true, .. } => settings
            .database_url
            .strip_prefix("sqlite://")
            .filter(|path| !std::path::Path::new(path).exists())
            .map(|_| std::env::temp_dir().join(format!("ayni-dry-run-{}.db", std::process::id()))),
        _ => None,
    };
    let url = match &scratch {
        Some(path) => format!("sqlite://{}", path.display()),
        None => settings.database_url.clone(),
    };
    let db = Db::connect(&url).await?;
    ayni::db::migrate(&db).await?;
    ayni::taxonomy::seed(&db).await?;
    match cli.command {
        Command::Migrate => println!("migrations applied"),
        Command::Demo {
            synthetic,
            forum_posts,
        } => {
            let report = ayni::demo::load(&db).await?;
            println!("{report}");
            if synthetic > 0 {
                let bar = indicatif::ProgressBar::new(synthetic as u64);
                let started = std::time::Instant::now();
                let added =
                    ayni::demo::load_synthetic(&db, synthetic, |n| bar.set_position(n as u64))
                        .await?;
                bar.finish();
                println!(
                    "{added} synthetic sheets added in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
            if forum_posts > 0 {
                let bar = indicatif::ProgressBar::new(forum_posts as u64);
                let started = std::time::Instant::now();
                let (forum, thread) =
                    ayni::demo::forum::load_bench(&db, forum_posts, |n| bar.set_position(n as u64))
                        .await?;
                bar.finish();
                println!(
                    "benchmark forum {forum} (thread of 500 replies: {thread}) ready in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
        }
        Command::Reindex => reindex(&db).await?,
        Command::Jobs => {
            println!("waiting: {}", ayni::jobs::pending(&db).await?);
            let failed = ayni::jobs::failed(&db, 100).await?;
            println!("given up: {}", failed.len());
            for j in failed {
                let what = serde_json::from_str::<ayni::mail::Mail>(&j.payload)
                    .map(|m| format!("to {}: {}", m.to, m.subject))
                    .unwrap_or(j.payload);
                println!(
                    "  #{} {} after {} attempts: {} ({what})",
                    j.id, j.kind, j.attempts, j.last_error
                );
            }
        }
        Command::Import {
            file,
            dry_run,
            owner,
            publish,
            lang,
        } => {
            let ok = import(
                &db,
                &file,
                dry_run,
                (owner, &settings.base_url),
                publish,
                &lang,
            )
            .await?;
            if let Some(path) = &scratch {
                db.pool.close().await;
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            if !ok {
                std::process::exit(1);
            }
        }
        Command::Export { out, convocatoria } => {
            let ids = match convocatoria {
                Some(call) => {
                    anyhow::ensure!(
                        ayni::calls::load(&db, call).await?.is_some(),
                        "there is no call {call}"
                    );
                    ayni::calls::submissions_of(&db, call)
                        .await?
                        .into_iter()
                        .map(|s| s.experience_id)
                        .collect()
                }
                None => ayni::experiences::all_ids(&db).await?,
            };
            let sheets = ayni::experiences::load_many(&db, &ids).await?;
            let taxonomy = ayni::taxonomy::Taxonomy::load(&db).await?;
            std::fs::create_dir_all(&out)?;
            let ids: Vec<i64> = sheets.iter().map(|e| e.id).collect();
            let keys = ayni::experiences::import_keys(&db, &ids).await?;
            let csv = ayni::experiences::transfer::export_csv(
                &sheets,
                &keys,
                &taxonomy,
                &settings.base_url,
            )?;
            std::fs::write(out.join("experiencias.csv"), csv)?;
            let records: Vec<serde_json::Value> = sheets
                .iter()
                .map(|e| {
                    let mut v = serde_json::to_value(ayni::catalogue::open_data::OpenRecord::new(
                        e,
                        &taxonomy,
                        &settings.base_url,
                    ))?;
                    v["state"] = e.state.code().into();
                    v["contact_name"] = e.content.contact_name.clone().into();
                    v["contact_email"] = e.content.contact_email.clone().into();
                    v["links"] = e.content.links.clone().into();
                    Ok(v)
                })
                .collect::<Result<_, serde_json::Error>>()?;
            std::fs::write(
                out.join("experiencias.json"),
                serde_json::to_vec_pretty(&records)?,
            )?;
            println!("{} sheets written to {}", sheets.len(), out.display());
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    name,
                    password,
                },
        } => {
            let id = ayni::accounts::create_admin(&db, &email, &name, &password).await?;
            println!("administrator {email} (id {id}) ready");
        }
        Command::Admin {
            command: AdminCommand::Role { email, add, remove },
        } => {
            let role = match (add.as_deref(), remove) {
                (Some("facilitador" | "facilitator"), _) => ayni::accounts::Role::Facilitator,
                (Some("admin" | "administrador"), _) => ayni::accounts::Role::Admin,
                (None, true) => ayni::accounts::Role::Participant,
                _ => anyhow::bail!("say --add facilitador, --add admin, or --remove"),
            };
            let user = ayni::accounts::find_by_email(&db, &email.trim().to_lowercase())
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account with the address {email}"))?;
            anyhow::ensure!(
                ayni::accounts::is_active(&db, user.id).await?,
                "{email} is suspended or deleted: reactivate it at /admin first"
            );
            let changed = ayni::admin::give_role(&db, None, user.id, role).await?;
            let already = if changed { "" } else { " (already)" };
            println!("{email}: {}{already}", role.code());
        }
        Command::Backup { out } => {
            let started = std::time::Instant::now();
            let done = ayni::backup::backup(&db, &settings.data_dir.join("files"), &out).await?;
            println!(
                "{}: {} rows, {} files, {} bytes in {:.1} s",
                out.display(),
                done.rows,
                done.files,
                done.bytes,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Restore { archive } => {
            let started = std::time::Instant::now();
            let done =
                ayni::backup::restore(&db, &settings.data_dir.join("files"), &archive).await?;
            println!(
                "{}: {} rows and {} files restored in {:.1} s; the search index is rebuilt at the next start",
                archive.display(),
                done.rows,
                done.files,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Serve { demo, bind } => {
            if demo {
                let report = ayni::demo::load(&db).await?;
                tracing::info!("{report}");
            }
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            let addr = settings.bind.clone();
            let state = ayni::app::AppState::new(db.clone(), settings)?;
            // files uploaded before they moved into the database
            let adopted = state.storage.adopt_folder().await?;
            if adopted > 0 {
                tracing::info!("{adopted} files from the data folder moved into the database");
            }
            let started = std::time::Instant::now();
            let n = state.catalogue.rebuild(&db, |_| {}).await?;
            tracing::info!(
                "search index: {n} sheets in {:.2} s",
                started.elapsed().as_secs_f64()
            );
            let worker = state.start_background();
            let live = state.live.clone();
            let app = ayni::app::router(state);
            let listener = tokio::net::TcpListener::bind(&addr).await?;
            tracing::info!("Ayni listening on http://{addr}");
            println!("Ayni: http://{addr}");
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(async move {
                shutdown().await;
                // open live-update streams end, so the graceful shutdown does not wait
                live.stop();
            })
            .await?;
            // requests in flight are done; jobs this instance held go back to the queue
            match ayni::jobs::release_leases(&db, &worker).await {
                Ok(n) => tracing::info!("stopped; {n} job leases released"),
                Err(e) => tracing::error!(error = ?e, "releasing job leases failed"),
            }
        }
    }
    Ok(())
}

/// `ayni import`: prints a validation report; imports only a file without problems.
async fn import(
    db: &Db,
    file: &std::path::Path,
    dry_run: bool,
    (owner, base): (Option<String>, &str),
    publish: bool,
    lang: &str,
) -> anyhow::Result<bool> {
    use ayni::experiences::transfer;
    let lang = ayni::i18n::Lang::parse(lang).unwrap_or_default();
    // the file named, in the operator's language, with the reason (not found, no permission)
    let unreadable = |e: std::io::Error| {
        let name = ("file", file.display().to_string());
        anyhow::anyhow!("{}: {e}", lang.t_args("import-file-unreadable", &[name]))
    };
    let size = std::fs::metadata(file).map_err(unreadable)?.len() as usize;
    let bytes = if size > transfer::MAX_IMPORT_BYTES {
        vec![0; transfer::MAX_IMPORT_BYTES + 1]
    } else {
        std::fs::read(file).map_err(unreadable)?
    };
    let taxonomy = ayni::taxonomy::Taxonomy::load(db).await?;
    let year = ayni::clock::this_year();
    let rows = match transfer::parse_csv(&bytes, &taxonomy, lang, year, publish) {
        Ok(rows) => rows,
        Err(problems) => {
            println!(
                "{}",
                lang.t_args(
                    "import-report-problems",
                    &[("count", problems.len().to_string())]
                )
            );
            println!(
                "{:>5}  {:<14}  {}",
                lang.t("import-col-row"),
                lang.t("import-col-column"),
                lang.t("import-col-problem")
            );
            for p in &problems {
                println!("{:>5}  {:<14}  {}", p.row, p.column, p.message);
            }
            return Ok(false);
        }
    };
    println!(
        "{}",
        lang.t_args("import-report-valid", &[("count", rows.len().to_string())])
    );
    if dry_run {
        let (new, existing) = transfer::plan(db, &rows, base).await?;
        println!(
            "{}",
            lang.t_args(
                "import-report-plan",
                &[("new", new.to_string()), ("existing", existing.to_string())]
            )
        );
        return Ok(true);
    }
    let owner_id = match owner {
        Some(email) => {
            ayni::accounts::find_by_email(db, &email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account {email}"))?
                .id
        }
        None => ayni::accounts::first_admin(db).await?.ok_or_else(|| {
            anyhow::anyhow!("no administrator yet: run `ayni admin create` or pass --owner")
        })?,
    };
    let bar = indicatif::ProgressBar::new(rows.len() as u64);
    let done = transfer::import(db, &rows, (owner_id, base), publish, |n| {
        bar.set_position(n as u64)
    })
    .await?;
    bar.finish();
    println!(
        "{}",
        lang.t_args(
            "import-report-done",
            &[
                ("imported", done.new.to_string()),
                ("updated", done.updated.to_string()),
                ("existing", done.unchanged.to_string())
            ]
        )
    );
    Ok(true)
}

async fn reindex(db: &Db) -> anyhow::Result<()> {
    let total = ayni::experiences::count_published(db).await?;
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} sheets {elapsed}")
    {
        bar.set_style(style);
    }
    let catalogue = ayni::catalogue::Catalogue::new()?;
    let started = std::time::Instant::now();
    let n = catalogue
        .rebuild(db, |done| bar.set_position(done as u64))
        .await?;
    bar.finish();
    ayni::catalogue::request_rebuild(db).await?;
    println!(
        "indexed {n} published sheets in {:.2} s; running instances rebuild their own index within seconds",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn init_tracing(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

/// Waits for Ctrl-C or SIGTERM (systemd, containers): the server then stops accepting,
/// finishes the requests in flight and returns.
async fn shutdown() {
    #[cfg(unix)]
    {
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        let sigterm = async {
            match term.as_mut() {
                Some(t) => {
                    t.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = sigterm => {}
        }
        tracing::info!("stopping: finishing requests in flight");
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

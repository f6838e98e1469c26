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
    /// Serve the site. Settings come from the environment and ayni.toml:
    /// DATABASE_URL (sqlite://data/ayni.db | postgres://…), AYNI_BIND (127.0.0.1:8080),
    /// AYNI_BASE_URL (for e-mailed links), AYNI_DATA_DIR (data), AYNI_SMTP_URL (empty: write
    /// e-mails to data/outbox), AYNI_MAIL_FROM, AYNI_SECURE_COOKIES, AYNI_MAX_UPLOAD_BYTES,
    /// AYNI_AUTH_ATTEMPTS (per client and 10 minutes), AYNI_JSON_LOGS.
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
    },
    /// Rebuild the search index from the database (with a progress bar), and ask every
    /// running instance to rebuild its own.
    Reindex,
    /// Administrator accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
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
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let mut settings = Settings::load()?;
    init_tracing(settings.json_logs);
    let db = Db::connect(&settings.database_url).await?;
    ayni::db::migrate(&db).await?;
    ayni::taxonomy::seed(&db).await?;
    match cli.command {
        Command::Migrate => println!("migrations applied"),
        Command::Demo { synthetic } => {
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
        }
        Command::Reindex => reindex(&db).await?,
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
            let started = std::time::Instant::now();
            let n = state.catalogue.rebuild(&db, |_| {}).await?;
            tracing::info!(
                "search index: {n} sheets in {:.2} s",
                started.elapsed().as_secs_f64()
            );
            state.catalogue.follow(db);
            let app = ayni::app::router(state);
            let listener = tokio::net::TcpListener::bind(&addr).await?;
            tracing::info!("Ayni listening on http://{addr}");
            println!("Ayni: http://{addr}");
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown())
                .await?;
        }
    }
    Ok(())
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

async fn shutdown() {
    let _ = tokio::signal::ctrl_c().await;
}

//! E-mail through a real SMTP server (Python's aiosmtpd, installed by .ci/run), not the outbox.

use crate::common::TestApp;
use ayni::db::Backend;
use std::process::{Child, Command, Stdio};

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

#[tokio::test]
async fn confirmation_mail_travels_through_a_real_smtp_server() {
    let required = std::env::var("AYNI_SMTP_TESTS").is_ok_and(|v| v == "required");
    let available = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            !required,
            "AYNI_SMTP_TESTS=required but Python's aiosmtpd is missing"
        );
        eprintln!("aiosmtpd not installed: SMTP test skipped (pip install aiosmtpd)");
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let maildir = tempfile::tempdir().unwrap();
    let _server = Server(
        Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(maildir.path().join("server.log")).unwrap())
            .spawn()
            .expect("start aiosmtpd"),
    );
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let app = TestApp::with_settings(Backend::Sqlite, |s| {
        s.smtp_url = format!("smtp://127.0.0.1:{port}")
    })
    .await;
    let email = app.register("Lucia Fernandez").await;
    // the request only queued the e-mail; the worker sends it
    app.run_jobs(ayni::now()).await;
    assert!(
        !app.outbox().exists() || std::fs::read_dir(app.outbox()).unwrap().next().is_none(),
        "nothing goes to the outbox"
    );
    let mut message = String::new();
    for _ in 0..100 {
        let new = maildir.path().join("box").join("new");
        if let Some(entry) = std::fs::read_dir(&new).ok().and_then(|mut d| d.next()) {
            message = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let log = std::fs::read_to_string(maildir.path().join("server.log")).unwrap_or_default();
    assert!(
        message.contains(&format!("To: {email}")),
        "no message delivered: {message}\nserver: {log}"
    );
    assert!(
        message.contains("Subject: Confirme su correo en Ayni"),
        "{message}"
    );
    let joined = message
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let start = joined
        .find("http://ayni.test/cuenta/confirmar/")
        .expect("confirmation link");
    let link: String = joined[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let page = app.get(link.trim_start_matches("http://ayni.test")).await;
    assert_eq!(page.location(), "/cuenta?aviso=confirmado");
}

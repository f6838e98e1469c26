//! Uploaded files: checked by content (not by the name the browser sends), size-limited, and
//! kept behind one storage interface, `Storage`: the database holds the bytes, so instances
//! behind a load balancer share them without a shared folder.

use crate::db::Db;
use std::path::{Path, PathBuf};

/// What an upload may be. Anything else is refused.
const ALLOWED: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("image/png", &["png"]),
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/webp", &["webp"]),
];

/// What a forum space may attach: the talk's video or audio, or a reference document.
pub const SPACE_MEDIA: &[(&str, &[&str])] = &[
    ("application/pdf", &["pdf"]),
    ("video/mp4", &["mp4"]),
    ("video/webm", &["webm"]),
    ("audio/mpeg", &["mp3"]),
];

#[derive(Debug, PartialEq, Eq)]
pub enum UploadError {
    Empty,
    TooLarge,
    /// Content is not one of the allowed kinds.
    UnsupportedType,
    /// Name says one kind, content is another (e.g. an executable named `.pdf`).
    Disguised,
    /// An image larger than `MAX_PIXELS` or `MAX_SIDE` (a "decompression bomb" that would
    /// take gigabytes to show on a phone), or whose size cannot be read.
    TooManyPixels,
}

/// Largest image accepted, in pixels (40 megapixels) and per side.
pub const MAX_PIXELS: u64 = 40_000_000;
pub const MAX_SIDE: u32 = 10_000;

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?) as u32)
}

/// Width and height an image declares, read from its header (PNG, JPEG, WebP).
pub fn image_size(mime: &str, b: &[u8]) -> Option<(u32, u32)> {
    match mime {
        "image/png" => {
            let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
            let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
            Some((w, h))
        }
        "image/jpeg" => {
            let mut at = 2;
            while at + 9 < b.len() {
                if b[at] != 0xFF {
                    return None;
                }
                let marker = b[at + 1];
                if marker == 0xFF {
                    at += 1;
                    continue;
                }
                let is_frame =
                    (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker);
                if is_frame {
                    return Some((be16(b, at + 7)?, be16(b, at + 5)?));
                }
                at += 2 + be16(b, at + 2)? as usize;
            }
            None
        }
        "image/webp" => {
            let le24 = |at: usize| -> Option<u32> {
                let s = b.get(at..at + 3)?;
                Some(s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16)
            };
            match b.get(12..16)? {
                b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
                b"VP8 " => {
                    let w = u16::from_le_bytes(b.get(26..28)?.try_into().ok()?) & 0x3fff;
                    let h = u16::from_le_bytes(b.get(28..30)?.try_into().ok()?) & 0x3fff;
                    Some((w as u32, h as u32))
                }
                b"VP8L" => {
                    let v = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                    Some(((v & 0x3fff) + 1, ((v >> 14) & 0x3fff) + 1))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

impl UploadError {
    pub fn message_key(&self) -> &'static str {
        match self {
            UploadError::Empty => "upload-empty",
            UploadError::TooLarge => "upload-too-large",
            UploadError::UnsupportedType => "upload-unsupported",
            UploadError::Disguised => "upload-disguised",
            UploadError::TooManyPixels => "upload-too-many-pixels",
        }
    }
}

/// Checks an upload and returns its real content type.
pub fn check_upload(
    file_name: &str,
    bytes: &[u8],
    max: usize,
) -> Result<&'static str, UploadError> {
    check_upload_in(file_name, bytes, max, ALLOWED)
}

/// `check_upload` against another list of accepted types.
pub fn check_upload_in(
    file_name: &str,
    bytes: &[u8],
    max: usize,
    allowed: &'static [(&'static str, &'static [&'static str])],
) -> Result<&'static str, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > max {
        return Err(UploadError::TooLarge);
    }
    let detected = infer::get(bytes).map(|k| k.mime_type());
    let ext = Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let by_name = allowed
        .iter()
        .find(|(_, exts)| exts.contains(&ext.as_str()));
    match (
        detected.and_then(|d| allowed.iter().find(|(m, _)| *m == d)),
        by_name,
    ) {
        (Some((mime, _)), Some((name_mime, _))) if mime == name_mime => {
            if mime.starts_with("image/") {
                match image_size(mime, bytes) {
                    Some((w, h))
                        if w > 0
                            && h > 0
                            && w <= MAX_SIDE
                            && h <= MAX_SIDE
                            && w as u64 * h as u64 <= MAX_PIXELS => {}
                    _ => return Err(UploadError::TooManyPixels),
                }
            }
            Ok(mime)
        }
        (Some(_), Some(_)) | (None, Some(_)) => Err(UploadError::Disguised),
        _ => Err(UploadError::UnsupportedType),
    }
}

/// A file name safe to show and to put in a `Content-Disposition` header.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .collect();
    // a long name is shortened before its extension, which tells what the file is
    let cleaned: String = match kept.rsplit_once('.') {
        Some((stem, ext)) if kept.chars().count() > 120 && ext.chars().count() <= 8 => {
            format!("{}.{ext}", stem.chars().take(110).collect::<String>())
        }
        _ => kept.chars().take(120).collect(),
    };
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "archivo".into()
    } else {
        cleaned
    }
}

/// Uploaded files. The database holds them (`stored_files`), so every instance behind a
/// load balancer serves every file, a deleted file is gone for all of them, and a backup
/// holds exactly what the rows name. The folder (`AYNI_DATA_DIR/files`) only holds files
/// from before, which go into the database when serving starts (`adopt_folder`).
#[derive(Clone)]
pub struct Storage {
    root: PathBuf,
    db: Db,
}

impl Storage {
    pub fn new(root: PathBuf, db: Db) -> std::io::Result<Storage> {
        std::fs::create_dir_all(&root)?;
        Ok(Storage { root, db })
    }

    /// Stores bytes under a fresh random key and returns the key.
    pub async fn put(&self, bytes: &[u8]) -> anyhow::Result<String> {
        let key = crate::web::random_token(18);
        self.put_as(&key, bytes).await?;
        Ok(key)
    }

    /// Stores bytes under `key` (a restored archive's names); a key already held is kept.
    pub async fn put_as(&self, key: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.path(key)?;
        crate::db::query(
            "INSERT INTO stored_files (key, bytes, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO NOTHING",
            (key, bytes, crate::now()),
        )
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// Removes a stored file (already gone is fine).
    pub async fn delete(&self, key: &str) -> anyhow::Result<()> {
        let path = self.path(key)?;
        crate::db::query("DELETE FROM stored_files WHERE key = $1", (key,))
            .execute(&self.db.pool)
            .await?;
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// A stored file: `None` when it is nowhere (an archive restored without it), so a
    /// download answers 404, not 500.
    pub async fn find(&self, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let path = self.path(key)?;
        let row: Option<(Vec<u8>,)> =
            crate::db::query_as("SELECT bytes FROM stored_files WHERE key = $1", (key,))
                .fetch_optional(&self.db.pool)
                .await?;
        if let Some((bytes,)) = row {
            return Ok(Some(bytes));
        }
        // a file from before, on this instance's disk, not adopted yet
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                tracing::warn!(key, "stored file missing");
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The keys of every stored file.
    pub async fn keys(&self) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT key FROM stored_files ORDER BY key")
            .fetch_all(&self.db.pool)
            .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Files in this instance's folder that the database does not hold yet (uploaded before
    /// files moved into it) go in; returns how many. Run when serving starts and before a
    /// backup.
    pub async fn adopt_folder(&self) -> anyhow::Result<usize> {
        let held: std::collections::HashSet<String> = self.keys().await?.into_iter().collect();
        let mut adopted = 0;
        for entry in std::fs::read_dir(&self.root)?.filter_map(|e| e.ok()) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if held.contains(&name) || self.path(&name).is_err() || !entry.path().is_file() {
                continue;
            }
            let bytes = tokio::fs::read(entry.path()).await?;
            self.put_as(&name, &bytes).await?;
            adopted += 1;
        }
        Ok(adopted)
    }

    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        anyhow::ensure!(
            !key.is_empty() && !key.contains(['/', '\\', '.']),
            "not a stored file's key: {key:?}"
        );
        Ok(self.root.join(key))
    }
}

/// A size in kilobytes for people, rounded up: a small file is "1 KB", never "0 KB".
pub fn kilobytes(bytes: i64) -> i64 {
    (bytes + 1023) / 1024
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
    /// A PNG header of a 1×1 image.
    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R', 0,
        0, 0, 1, 0, 0, 0, 1,
    ];

    #[test]
    fn accepts_a_pdf_named_pdf() {
        assert_eq!(
            check_upload("informe.PDF", PDF, 1000),
            Ok("application/pdf")
        );
        assert_eq!(check_upload("foto.png", PNG, 1000), Ok("image/png"));
    }

    #[test]
    fn refuses_disguised_oversized_and_unknown_files() {
        assert_eq!(
            check_upload("informe.pdf", b"MZ\x90\x00 not a pdf", 1000),
            Err(UploadError::Disguised)
        );
        assert_eq!(
            check_upload("foto.jpg", PNG, 1000),
            Err(UploadError::Disguised)
        );
        assert_eq!(check_upload("a.pdf", PDF, 10), Err(UploadError::TooLarge));
        assert_eq!(
            check_upload("a.exe", b"MZ\x90\x00", 1000),
            Err(UploadError::UnsupportedType)
        );
        assert_eq!(check_upload("a.pdf", b"", 1000), Err(UploadError::Empty));
    }

    #[test]
    fn image_bombs_are_refused_by_their_declared_size() {
        let png = |w: u32, h: u32| {
            let mut b = PNG[..16].to_vec();
            b.extend_from_slice(&w.to_be_bytes());
            b.extend_from_slice(&h.to_be_bytes());
            b
        };
        assert_eq!(
            check_upload("foto.png", &png(1024, 768), 10_000),
            Ok("image/png")
        );
        assert_eq!(
            check_upload("bomba.png", &png(30_000, 30_000), 10_000),
            Err(UploadError::TooManyPixels)
        );
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0x75, 0x30, 0x75, 0x30, 3,
        ];
        assert_eq!(image_size("image/jpeg", &jpeg), Some((30_000, 30_000)));
    }

    #[test]
    fn long_names_keep_their_extension() {
        let name = format!("{}.png", "a".repeat(300));
        let cleaned = clean_file_name(&name);
        assert!(
            cleaned.ends_with(".png") && cleaned.chars().count() <= 120,
            "{cleaned}"
        );
    }

    #[test]
    fn file_names_lose_paths_and_odd_characters() {
        assert_eq!(clean_file_name("../../etc/pass\"wd.pdf"), "passwd.pdf");
        assert_eq!(
            clean_file_name("C:\\x\\Plan Municipal 2016.pdf"),
            "Plan Municipal 2016.pdf"
        );
        assert_eq!(clean_file_name("..."), "archivo");
    }
}

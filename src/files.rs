//! Uploaded files: checked by content (not by the name the browser sends), size-limited, and
//! kept behind one storage interface (a local folder today; object storage can implement the
//! same two functions for scale-out).

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
}

impl UploadError {
    pub fn message_key(&self) -> &'static str {
        match self {
            UploadError::Empty => "upload-empty",
            UploadError::TooLarge => "upload-too-large",
            UploadError::UnsupportedType => "upload-unsupported",
            UploadError::Disguised => "upload-disguised",
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
        (Some((mime, _)), Some((name_mime, _))) if mime == name_mime => Ok(mime),
        (Some(_), Some(_)) | (None, Some(_)) => Err(UploadError::Disguised),
        _ => Err(UploadError::UnsupportedType),
    }
}

/// A file name safe to show and to put in a `Content-Disposition` header.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' '))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "archivo".into()
    } else {
        cleaned
    }
}

#[derive(Clone)]
pub struct Storage {
    root: PathBuf,
}

impl Storage {
    pub fn local(root: PathBuf) -> std::io::Result<Storage> {
        std::fs::create_dir_all(&root)?;
        Ok(Storage { root })
    }

    /// Stores bytes under a fresh random key and returns the key.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = crate::web::random_token(18);
        tokio::fs::write(self.root.join(&key), bytes).await?;
        Ok(key)
    }

    /// Removes a stored file (already gone is fine).
    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        if key.contains(['/', '\\', '.']) {
            return Err(std::io::ErrorKind::InvalidInput.into());
        }
        match tokio::fs::remove_file(self.root.join(key)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        if key.contains(['/', '\\', '.']) {
            return Err(std::io::ErrorKind::InvalidInput.into());
        }
        tokio::fs::read(self.root.join(key)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
    const PNG: &[u8] = &[
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
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
    fn file_names_lose_paths_and_odd_characters() {
        assert_eq!(clean_file_name("../../etc/pass\"wd.pdf"), "passwd.pdf");
        assert_eq!(
            clean_file_name("C:\\x\\Plan Municipal 2016.pdf"),
            "Plan Municipal 2016.pdf"
        );
        assert_eq!(clean_file_name("..."), "archivo");
    }
}

//! Any text through the Markdown renderer with mentions: no panic, and no tag the sanitizer
//! should have removed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let html = ayni::markdown::render_with_mentions(text, &["Rosa".into(), "Rosa Mamani".into()]);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script") && !lower.contains("<img"));
    let _ = ayni::markdown::plain_text(text);
});

//! Any urlencoded body as the sheet form: parsed or explained, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let Ok(form) = serde_html_form::from_str::<ayni::experiences::ExperienceForm>(body) else { return };
    let _ = ayni::experiences::ExperienceContent::parse(&form, &ayni::taxonomy::Taxonomy::default(), 2026);
});

//! Any urlencoded body as a forum topic form, in every kind of space.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let Ok(form) = serde_html_form::from_str::<ayni::forums::TopicForm>(body) else { return };
    for kind in ayni::forums::Kind::ALL.iter().copied() {
        let _ = ayni::forums::TopicDraft::parse(kind, &form);
    }
});

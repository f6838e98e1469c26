//! Any bytes as an import file: a report or rows, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let taxonomy = ayni::taxonomy::Taxonomy::default();
    let _ = ayni::experiences::transfer::parse_csv(data, &taxonomy, ayni::i18n::Lang::Es, 2026, true);
});

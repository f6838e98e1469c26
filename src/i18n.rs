//! Translations (Project Fluent, files in `locales/{es,pt,en}/*.ftl`, embedded at build time).
//! Spanish is the reference language; `tests/it/i18n.rs` fails when a key is missing elsewhere.
//! Language choice: the user's saved preference, then the `ayni_lang` cookie, then
//! `Accept-Language`, then Spanish.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "es",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Es,
    Pt,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Es, Lang::Pt, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Es => "Español",
            Lang::Pt => "Português",
            Lang::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().get(..2)? {
            "es" => Some(Lang::Es),
            "pt" => Some(Lang::Pt),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Best supported language of an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Es => unic_langid::langid!("es"),
            Lang::Pt => unic_langid::langid!("pt"),
            Lang::En => unic_langid::langid!("en"),
        }
    }

    /// The message for `key`. A missing key renders as the key itself, and is remembered
    /// (`missing`) so that the tests that walk every page can forbid it.
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.id(), key)
            .unwrap_or_else(|| missed(self, key))
    }

    /// The message for `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| {
                // numbers stay numbers, so plural forms ([one], [other]) are chosen right
                let value = match v.parse::<f64>() {
                    Ok(n) if !v.is_empty() => FluentValue::from(n),
                    _ => FluentValue::from(v.clone()),
                };
                (Cow::Owned(k.to_string()), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id(), key, &map)
            .unwrap_or_else(|| missed(self, key))
    }
}

static MISSING: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// A key asked for that no message answers: logged once, and shown as the key itself.
fn missed(lang: Lang, key: &str) -> String {
    let entry = format!("{}:{key}", lang.code());
    if let Ok(mut seen) = MISSING.lock()
        && seen.insert(entry)
    {
        tracing::warn!(key, lang = lang.code(), "message missing");
    }
    key.to_string()
}

/// The keys (as `lang:key`) that were asked for and missing since the process started.
pub fn missing() -> Vec<String> {
    MISSING
        .lock()
        .map(|m| m.iter().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality_supported_tag() {
        assert_eq!(
            Lang::from_accept_language("pt-BR,pt;q=0.9,en;q=0.8"),
            Some(Lang::Pt)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, en;q=0.5, es;q=0.7"),
            Some(Lang::Es)
        );
        assert_eq!(Lang::from_accept_language("fr, de"), None);
    }

    #[test]
    fn lookup_translates_and_interpolates() {
        assert_eq!(Lang::Es.t("nav-experiences"), "Experiencias");
        assert_eq!(Lang::En.t("nav-experiences"), "Experiences");
        assert!(
            Lang::Pt
                .t_args("history-revision", &[("number", "3".into())])
                .contains('3')
        );
    }
}

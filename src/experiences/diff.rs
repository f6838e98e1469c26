//! Readable differences between two versions of a sheet: per field, a word-level diff as
//! escaped HTML with `<del>`/`<ins>` marks; fields holding taxonomy codes show names, and
//! lists of them (themes, actors, modalities) are compared as sets, item by item. Pure
//! functions, no I/O.

use super::ExperienceContent;
use super::content::diff_fields;
use similar::{ChangeTag, TextDiff};

pub struct FieldDiff {
    pub field: &'static str,
    /// Escaped HTML, safe to insert as is.
    pub html: String,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// How long one comparison of two versions may compute word diffs in all: past it, the
/// remaining differences are shown coarser (whole changed runs), never slower. Public
/// history pages are open to anyone, so their cost must be bounded.
pub const DIFF_BUDGET: std::time::Duration = std::time::Duration::from_millis(150);

/// Word-level diff of two texts as HTML.
pub fn diff_html(old: &str, new: &str) -> String {
    diff_html_until(old, new, std::time::Instant::now() + DIFF_BUDGET)
}

fn diff_html_until(old: &str, new: &str, deadline: std::time::Instant) -> String {
    let diff = TextDiff::configure()
        .deadline(deadline)
        .diff_words(old, new);
    let mut html = String::new();
    for change in diff.iter_all_changes() {
        let text = escape(change.value());
        match change.tag() {
            ChangeTag::Equal => html.push_str(&text),
            ChangeTag::Delete => {
                html.push_str("<del>");
                html.push_str(&text);
                html.push_str("</del>");
            }
            ChangeTag::Insert => {
                html.push_str("<ins>");
                html.push_str(&text);
                html.push_str("</ins>");
            }
        }
    }
    html.replace("</del><del>", "").replace("</ins><ins>", "")
}

/// Fields holding one taxonomy code (shown by name).
const CODED: [&str; 3] = ["country", "scale", "status"];

/// The codes of a list field (themes, actor types, modalities), or `None` for other fields.
fn codes<'a>(c: &'a ExperienceContent, field: &str) -> Option<&'a [String]> {
    match field {
        "themes" => Some(&c.themes),
        "actor_types" => Some(&c.actor_types),
        "modalities" => Some(&c.modalities),
        _ => None,
    }
}

/// Whether `field` differs: lists of codes as sets (the same choices in another order are
/// no change), every other field by its text.
fn differs(old: &ExperienceContent, new: &ExperienceContent, field: &str) -> bool {
    match (codes(old, field), codes(new, field)) {
        (Some(a), Some(b)) => a.iter().any(|x| !b.contains(x)) || b.iter().any(|x| !a.contains(x)),
        _ => old.field_text(field) != new.field_text(field),
    }
}

fn marked(tag: &str, text: &str) -> String {
    format!("<{tag}>{}</{tag}>", escape(text))
}

/// The fields that differ between two versions, each with its diff. `name(field, code)` is
/// what people read for a taxonomy code (a theme, a country, a status).
pub fn diff_contents(
    old: &ExperienceContent,
    new: &ExperienceContent,
    name: impl Fn(&str, &str) -> String,
) -> Vec<FieldDiff> {
    // one budget for the whole comparison, however many fields changed
    let deadline = std::time::Instant::now() + DIFF_BUDGET;
    diff_fields()
        .into_iter()
        .filter(|field| differs(old, new, field))
        .map(|field| {
            let html = match (codes(old, field), codes(new, field)) {
                (Some(a), Some(b)) => {
                    let kept_or_added = b.iter().map(|x| match a.contains(x) {
                        true => escape(&name(field, x)),
                        false => marked("ins", &name(field, x)),
                    });
                    let removed = a
                        .iter()
                        .filter(|x| !b.contains(x))
                        .map(|x| marked("del", &name(field, x)));
                    kept_or_added.chain(removed).collect::<Vec<_>>().join(", ")
                }
                _ if CODED.contains(&field) => {
                    let (a, b) = (old.field_text(field), new.field_text(field));
                    [("del", a), ("ins", b)]
                        .iter()
                        .filter(|(_, code)| !code.is_empty())
                        .map(|(tag, code)| marked(tag, &name(field, code)))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
                _ => diff_html_until(&old.field_text(field), &new.field_text(field), deadline),
            };
            FieldDiff { field, html }
        })
        .collect()
}

/// Names of the fields that differ (for the concurrent-edit message).
pub fn changed_fields(old: &ExperienceContent, new: &ExperienceContent) -> Vec<&'static str> {
    diff_fields()
        .into_iter()
        .filter(|f| differs(old, new, f))
        .collect()
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn marks_removed_and_added_words_and_escapes_html() {
        let html = diff_html("La feria <anual> creció", "La feria semanal creció");
        assert!(html.contains("<del>&lt;anual&gt;</del>"), "{html}");
        assert!(html.contains("<ins>semanal</ins>"), "{html}");
        assert!(html.starts_with("La feria "));
    }

    #[test]
    fn only_changed_fields_are_listed() {
        let mut a = ExperienceContent {
            title: "Uno".into(),
            ..Default::default()
        };
        let mut b = a.clone();
        a.narrative.set(crate::experiences::Section::Lessons, "x");
        b.narrative.set(crate::experiences::Section::Lessons, "y");
        let d = diff_contents(&a, &b, |_, code| code.to_string());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "lessons");
    }

    #[test]
    fn choices_are_named_and_compared_as_sets() {
        let a = ExperienceContent {
            themes: vec!["turismo".into(), "medio-ambiente".into()],
            status: "ongoing".into(),
            ..Default::default()
        };
        let mut b = a.clone();
        b.themes = vec!["medio-ambiente".into(), "turismo".into()];
        assert!(diff_contents(&a, &b, |_, c| c.to_string()).is_empty());
        assert!(changed_fields(&a, &b).is_empty());
        b.themes = vec!["turismo".into(), "genero".into()];
        b.status = "finished".into();
        let d = diff_contents(&a, &b, |f, c| format!("{f}:{}", c.to_uppercase()));
        let html = |field: &str| d.iter().find(|x| x.field == field).unwrap().html.clone();
        assert_eq!(
            html("themes"),
            "themes:TURISMO, <ins>themes:GENERO</ins>, <del>themes:MEDIO-AMBIENTE</del>"
        );
        assert_eq!(
            html("status"),
            "<del>status:ONGOING</del> <ins>status:FINISHED</ins>"
        );
    }
}

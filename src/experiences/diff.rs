//! Readable differences between two versions of a sheet: per field, a word-level diff as
//! escaped HTML with `<del>`/`<ins>` marks. Pure functions, no I/O.

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

/// The fields that differ between two versions, each with its diff.
pub fn diff_contents(old: &ExperienceContent, new: &ExperienceContent) -> Vec<FieldDiff> {
    // one budget for the whole comparison, however many fields changed
    let deadline = std::time::Instant::now() + DIFF_BUDGET;
    diff_fields()
        .into_iter()
        .filter_map(|field| {
            let (a, b) = (old.field_text(field), new.field_text(field));
            (a != b).then(|| FieldDiff {
                field,
                html: diff_html_until(&a, &b, deadline),
            })
        })
        .collect()
}

/// Names of the fields that differ (for the concurrent-edit message).
pub fn changed_fields(old: &ExperienceContent, new: &ExperienceContent) -> Vec<&'static str> {
    diff_fields()
        .into_iter()
        .filter(|f| old.field_text(f) != new.field_text(f))
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
        let d = diff_contents(&a, &b);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field, "lessons");
    }
}

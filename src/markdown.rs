//! User text: Markdown rendered with pulldown-cmark, then sanitized by ammonia. Never trust
//! HTML from users; this is the only place that produces HTML from their text.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown to sanitized HTML (links get `rel="noopener noreferrer nofollow"`).
pub fn render(source: &str) -> String {
    let parser = Parser::new_ext(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(&["img"])
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_emphasis_and_lists() {
        let html = render("Hola *mundo*\n\n- uno\n- dos");
        assert!(html.contains("<em>mundo</em>"));
        assert!(html.contains("<li>uno</li>"));
    }

    #[test]
    fn strips_scripts_event_handlers_and_javascript_links() {
        let html = render(
            "<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>",
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("onclick"));
    }

    #[test]
    fn arbitrary_input_never_yields_script_tags() {
        // A cheap, deterministic fuzz over tricky fragments.
        let pieces = [
            "<",
            "script",
            ">",
            "</",
            "&lt;",
            "[x](",
            "javascript:",
            ")",
            "\n",
            "`",
            "<img src=x onerror=y>",
            "*",
        ];
        let mut seed: u64 = 7;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let out = render(&s).to_ascii_lowercase();
            // text may mention these words (escaped); no tag or attribute may carry them
            assert!(
                !out.contains("<script")
                    && !out.contains("<img")
                    && !out.contains("href=\"javascript"),
                "{s}"
            );
        }
    }
}

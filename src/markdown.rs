//! User text: Markdown rendered with pulldown-cmark, then sanitized by ammonia. Never trust
//! HTML from users; this is the only place that produces HTML from their text.
//!
//! Bounds: nesting is cut at `MAX_DEPTH` containers per line (block quotes and list markers),
//! so pathological input such as thousands of `>` renders in linear time. `@mentions` of
//! members are marked on the parser's text events, never inside links, images or code, and
//! before sanitizing, so they can never break a link or an attribute.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Containers (block quotes, list items) one line may open; deeper markers are dropped.
pub const MAX_DEPTH: usize = 8;

/// Renders Markdown to sanitized HTML (links get `rel="noopener noreferrer nofollow"`).
pub fn render(source: &str) -> String {
    render_with_mentions(source, &[])
}

/// Renders Markdown and marks `@Name` of the given members as `<strong class="mention">`.
pub fn render_with_mentions(source: &str, members: &[String]) -> String {
    let source = flatten_deep_nesting(source);
    let mut names: Vec<&str> = members
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    // longest first, so "@Rosa" never takes the start of "@Rosa Mamani"
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    let parser = Parser::new_ext(
        &source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut opaque = 0usize; // inside a link, an image or a code block
    let mut events: Vec<Event> = Vec::new();
    for event in parser {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => opaque += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                opaque = opaque.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::Text(text) if opaque == 0 && !names.is_empty() && text.contains('@') => {
                mark(&text, &names, &mut events)
            }
            other => events.push(other),
        }
    }
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .rm_tags(&["img"])
        .add_allowed_classes("strong", &["mention"])
        .clean(&unsafe_html)
        .to_string()
}

/// The words of a Markdown text without its marks (`**Análisis**` → `Análisis`), blocks
/// separated by spaces: for snippets and excerpts.
pub fn plain_text(source: &str) -> String {
    let source = flatten_deep_nesting(source);
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(
        &source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Splits a text event at each `@Name` of a member (case as typed in the name).
fn mark<'a>(text: &str, names: &[&str], out: &mut Vec<Event<'a>>) {
    let mut rest = text;
    let mut plain = String::new();
    while let Some(at) = rest.find('@') {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let hit = names.iter().find(|n| {
            after.starts_with(**n)
                && !after[n.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        });
        match hit {
            Some(name) => {
                if !plain.is_empty() {
                    out.push(Event::Text(CowStr::from(std::mem::take(&mut plain))));
                }
                out.push(Event::InlineHtml(CowStr::from(
                    "<strong class=\"mention\">",
                )));
                out.push(Event::Text(CowStr::from(format!("@{name}"))));
                out.push(Event::InlineHtml(CowStr::from("</strong>")));
                rest = &after[name.len()..];
            }
            None => {
                plain.push('@');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Event::Text(CowStr::from(plain)));
    }
}

/// Drops container markers beyond `MAX_DEPTH` at the start of each line (`> > > …`,
/// `- - - …`, `1. 1. …`), keeping the text. Parsing cost then stays linear in the input.
fn flatten_deep_nesting(source: &str) -> std::borrow::Cow<'_, str> {
    fn marker_len(s: &str) -> Option<usize> {
        let trimmed = s.trim_start_matches([' ', '\t']);
        let indent = s.len() - trimmed.len();
        let b = trimmed.as_bytes();
        let len = match b.first()? {
            b'>' => 1,
            b'-' | b'*' | b'+' if b.get(1).is_some_and(|c| *c == b' ' || *c == b'\t') => 2,
            b'0'..=b'9' => {
                let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
                match b.get(digits) {
                    Some(b'.' | b')') if digits <= 9 => digits + 1,
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(indent + len)
    }
    let deep = |line: &str| {
        let mut rest = line;
        let mut depth = 0;
        while let Some(n) = marker_len(rest) {
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(line.len() - rest.len());
            }
            rest = &rest[n..];
        }
        None
    };
    if !source.lines().any(|l| deep(l).is_some()) {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        match deep(line) {
            Some(keep) => {
                out.push_str(&line[..keep]);
                let mut rest = &line[keep..];
                while let Some(n) = marker_len(rest) {
                    rest = &rest[n..];
                }
                out.push_str(rest.trim_start_matches([' ', '\t']));
            }
            None => out.push_str(line),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_marked_in_text_only() {
        let members = ["Rosa".to_string(), "Rosa Mamani".to_string()];
        let html = render_with_mentions(
            "Gracias @Rosa Mamani, ver [perfil](https://social.example/@Rosa), \
             <mailto:x@Rosa.org>, [correo](mailto:a@Rosa) y `@Rosa`",
            &members,
        );
        assert!(
            html.contains("<strong class=\"mention\">@Rosa Mamani</strong>"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://social.example/@Rosa\""),
            "{html}"
        );
        assert!(html.contains("href=\"mailto:a@Rosa\""), "{html}");
        assert!(html.contains("<code>@Rosa</code>"), "{html}");
        assert_eq!(html.matches("class=\"mention\"").count(), 1, "{html}");
    }

    #[test]
    fn plain_text_drops_the_marks() {
        assert_eq!(
            plain_text("**Análisis** de _campo_\n\n- uno\n- dos"),
            "Análisis de campo uno dos"
        );
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let deep = format!("{} hola", ">".repeat(20_000));
        let html = render(&deep);
        assert!(html.contains("hola"));
        assert!(html.matches("<blockquote>").count() <= MAX_DEPTH);
        let lists = format!("{}fin", "- ".repeat(5_000));
        assert!(render(&lists).matches("<ul>").count() <= MAX_DEPTH);
    }

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

/// Property tests: any text, however hostile or nested, renders to sanitized, balanced HTML;
/// mentions never break a link. (`fuzz/` holds the matching cargo-fuzz target.)
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that stress the parser, the sanitizer and the mention marker.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<script>alert(1)</script>".to_string()),
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("[perfil](https://social.example/@Rosa)".to_string()),
            Just("<mailto:rosa@Rosa.org>".to_string()),
            Just("[x](javascript:alert(1))".to_string()),
            Just("@Rosa Mamani ".to_string()),
            Just("@Rosa".to_string()),
            Just("`@Rosa`".to_string()),
            Just("```\n@Rosa\n```\n".to_string()),
            Just(">".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("**".to_string()),
            Just("\n".to_string()),
            Just("<a href=\"x\" onclick=\"y\">z</a>".to_string()),
            Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
            "[a-zA-Záéíóúñ <>&\"'()\\[\\]*_`#!-]{0,12}",
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    /// Tags left open or closed out of order, ignoring void elements.
    fn balanced(html: &str) -> bool {
        let mut stack: Vec<String> = Vec::new();
        for part in html.split('<').skip(1) {
            let tag: String = part
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if tag.is_empty() || ["br", "hr", "img", "input"].contains(&tag.as_str()) {
                continue;
            }
            if part.starts_with('/') {
                if stack.pop().as_deref() != Some(tag.as_str()) {
                    return false;
                }
            } else if !part.split('>').next().unwrap_or("").ends_with('/') {
                stack.push(tag);
            }
        }
        stack.is_empty()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn output_is_sanitized_and_balanced(text in hostile()) {
            let members = ["Rosa".to_string(), "Rosa Mamani".to_string()];
            let html = render_with_mentions(&text, &members);
            // text keeps `<` escaped, so every `<` left opens a real tag: check each one
            for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("").to_ascii_lowercase()) {
                let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                prop_assert!(!["script", "img", "iframe", "style", "object"].contains(&name.as_str()), "{html}");
                prop_assert!(!tag.split_whitespace().skip(1).any(|a| a.starts_with("on")), "{html}");
                prop_assert!(!tag.contains("javascript:"), "{html}");
            }
            prop_assert!(balanced(&html), "unbalanced: {html}");
            // a mention is only ever the text of a strong element
            for part in html.split("<strong class=\"mention\">").skip(1) {
                prop_assert!(part.starts_with("@Rosa"), "{html}");
            }
        }

        #[test]
        fn links_stay_intact_whatever_surrounds_them(
            // (an unclosed code fence or span would rightly turn the link into code)
            before in hostile().prop_filter("no open code", |s| s.matches('`').count() % 2 == 0 && !s.contains("```")),
            name in "[A-Za-z]{1,10}",
            after in "[a-z ]{0,20}",
        ) {
            let link = format!("https://social.example/@{name}");
            let text = format!("{before}\n\n[perfil]({link}) {after}");
            let html = render_with_mentions(&text, std::slice::from_ref(&name));
            prop_assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
        }

        #[test]
        fn plain_text_never_keeps_tags(text in hostile()) {
            let plain = plain_text(&text);
            prop_assert!(plain.len() <= text.len() * 2 + 16);
        }
    }
}

//! The markdown subset authors write, rendered to safe HTML at build time.
//!
//! Allowed: paragraphs, `*emphasis*`, `**strong**`, `` `inline code` ``, fenced and indented
//! code blocks, bulleted and numbered lists, hard and soft line breaks, and links to `https://`
//! URLs (opened in a new tab with `rel="noopener noreferrer"`). Everything else that
//! pulldown-cmark recognises — raw HTML, images, headings, tables, block quotes, rules — is an
//! error, so nothing an author writes can reach the page as markup. All text is HTML-escaped.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// How a text may be shaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Stems, explanations, scenarios and `why` texts: any allowed block, `<p>` included.
    Block,
    /// Options, prompts and responses: a single paragraph, rendered without the `<p>`.
    Inline,
}

/// A problem in a text, at a byte offset into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkdownError {
    pub offset: usize,
    pub message: String,
}

/// Renders `src` to HTML, or lists every construct outside the subset.
///
/// # Errors
/// Every disallowed construct, with its byte offset in `src`.
pub fn render(src: &str, mode: Mode) -> Result<String, Vec<MarkdownError>> {
    render_with_terms(src, mode, &BTreeSet::new())
}

/// [`render`], also accepting links to glossary entries (`[drift](glossary:data-drift)`) whose
/// id is in `terms`; they become in-app links to the entry.
///
/// # Errors
/// Every disallowed construct, and every link to an unknown term, with its byte offset.
pub fn render_with_terms(
    src: &str,
    mode: Mode,
    terms: &BTreeSet<String>,
) -> Result<String, Vec<MarkdownError>> {
    let mut out = String::with_capacity(src.len() + src.len() / 4);
    let mut errors = Vec::new();
    let mut err = |range: &Range<usize>, message: String| {
        errors.push(MarkdownError {
            offset: range.start,
            message,
        });
    };
    // Tables are parsed only to be refused; without the extension they would pass as text.
    let parser = Parser::new_ext(src, Options::ENABLE_TABLES).into_offset_iter();
    let mut paragraphs = 0usize;
    for (event, range) in parser {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    paragraphs += 1;
                    if mode == Mode::Block {
                        out.push_str("<p>");
                    } else if paragraphs == 2 {
                        err(&range, "must be a single paragraph (no blank lines)".into());
                    }
                }
                Tag::Emphasis => out.push_str("<em>"),
                Tag::Strong => out.push_str("<strong>"),
                Tag::CodeBlock(kind) => {
                    block_in_inline(mode, &range, "a code block", &mut err);
                    if let CodeBlockKind::Fenced(info) = &kind
                        && let Some(lang) = info.split_whitespace().next()
                    {
                        out.push_str("<pre><code class=\"language-");
                        escape_into(&mut out, lang);
                        out.push_str("\">");
                    } else {
                        out.push_str("<pre><code>");
                    }
                }
                Tag::List(start) => {
                    block_in_inline(mode, &range, "a list", &mut err);
                    match start {
                        None => out.push_str("<ul>"),
                        Some(1) => out.push_str("<ol>"),
                        Some(n) => out.push_str(&format!("<ol start=\"{n}\">")),
                    }
                }
                Tag::Item => out.push_str("<li>"),
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                } => {
                    if let Some(id) = dest_url.strip_prefix("glossary:") {
                        if !terms.contains(id) {
                            err(&range, format!("`glossary:{id}` names no glossary entry"));
                        }
                        out.push_str("<a class=\"term\" href=\"#/glossary/");
                        escape_into(&mut out, id);
                        out.push_str("\">");
                        continue;
                    }
                    if let Some(problem) = link_problem(link_type, &dest_url) {
                        err(&range, problem);
                    }
                    out.push_str("<a href=\"");
                    escape_into(&mut out, &dest_url);
                    out.push('"');
                    if !title.is_empty() {
                        out.push_str(" title=\"");
                        escape_into(&mut out, &title);
                        out.push('"');
                    }
                    out.push_str(" target=\"_blank\" rel=\"noopener noreferrer\">");
                }
                Tag::HtmlBlock => {} // its Html events report it
                Tag::Image { .. } => err(&range, "images are not allowed".into()),
                Tag::Heading { .. } => err(
                    &range,
                    "headings are not allowed (a line starting with `#`)".into(),
                ),
                Tag::Table(_) => err(&range, "tables are not allowed".into()),
                Tag::BlockQuote(_) => err(
                    &range,
                    "block quotes are not allowed (a line starting with `>`)".into(),
                ),
                Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::MetadataBlock(_) => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph if mode == Mode::Block => out.push_str("</p>"),
                TagEnd::Emphasis => out.push_str("</em>"),
                TagEnd::Strong => out.push_str("</strong>"),
                TagEnd::CodeBlock => out.push_str("</code></pre>"),
                TagEnd::List(ordered) => out.push_str(if ordered { "</ol>" } else { "</ul>" }),
                TagEnd::Item => out.push_str("</li>"),
                TagEnd::Link => out.push_str("</a>"),
                _ => {}
            },
            Event::Text(text) => escape_into(&mut out, &text),
            Event::Code(code) => {
                out.push_str("<code>");
                escape_into(&mut out, &code);
                out.push_str("</code>");
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                err(
                    &range,
                    format!("raw HTML is not allowed (`{}`)", html.trim()),
                );
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>"),
            Event::Rule => err(&range, "horizontal rules are not allowed".into()),
            Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {
                err(&range, "this markdown construct is not allowed".into());
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn block_in_inline(
    mode: Mode,
    range: &Range<usize>,
    what: &str,
    err: &mut impl FnMut(&Range<usize>, String),
) {
    if mode == Mode::Inline {
        err(
            range,
            format!("must be a single paragraph; {what} is not allowed here"),
        );
    }
}

/// Why a link target is refused, if it is.
fn link_problem(link_type: LinkType, dest: &str) -> Option<String> {
    if link_type == LinkType::Email {
        return Some(format!("links must be https URLs, found `mailto:{dest}`"));
    }
    let host = dest.strip_prefix("https://").unwrap_or("");
    if host.is_empty() || host.starts_with('/') {
        return Some(format!("links must be https URLs, found `{dest}`"));
    }
    if dest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(format!("link `{dest}` contains whitespace"));
    }
    None
}

/// Appends `text` with `& < > " '` escaped, safe in element content and quoted attributes.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(src: &str) -> String {
        render(src, Mode::Block).expect("renders")
    }

    fn inline(src: &str) -> String {
        render(src, Mode::Inline).expect("renders")
    }

    fn errors(src: &str, mode: Mode) -> Vec<String> {
        render(src, mode)
            .expect_err("refused")
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn paragraphs_and_inline_styles() {
        assert_eq!(
            block("One *two* **three** `four`.\n\nFive\nsix."),
            "<p>One <em>two</em> <strong>three</strong> <code>four</code>.</p><p>Five\nsix.</p>"
        );
    }

    #[test]
    fn inline_mode_drops_the_paragraph() {
        assert_eq!(
            inline("Use **AWS Glue**.\n"),
            "Use <strong>AWS Glue</strong>."
        );
        assert_eq!(inline(""), "");
    }

    #[test]
    fn lists() {
        assert_eq!(block("- a\n- b\n"), "<ul><li>a</li><li>b</li></ul>");
        assert_eq!(block("1. a\n2. b\n"), "<ol><li>a</li><li>b</li></ol>");
        assert_eq!(
            block("3. c\n4. d\n"),
            "<ol start=\"3\"><li>c</li><li>d</li></ol>"
        );
    }

    #[test]
    fn code_blocks_are_escaped() {
        assert_eq!(
            block("```json\n{\"a\": \"<b>\"}\n```\n"),
            "<pre><code class=\"language-json\">{&quot;a&quot;: &quot;&lt;b&gt;&quot;}\n</code></pre>"
        );
        assert_eq!(block("    x < y\n"), "<pre><code>x &lt; y\n</code></pre>");
    }

    #[test]
    fn https_links_open_in_a_new_tab() {
        assert_eq!(
            inline("[docs](https://docs.aws.amazon.com/a?b=1&c=\"2\" \"T\")"),
            "<a href=\"https://docs.aws.amazon.com/a?b=1&amp;c=&quot;2&quot;\" title=\"T\" target=\"_blank\" rel=\"noopener noreferrer\">docs</a>"
        );
        assert_eq!(
            inline("<https://docs.aws.amazon.com/>"),
            "<a href=\"https://docs.aws.amazon.com/\" target=\"_blank\" rel=\"noopener noreferrer\">https://docs.aws.amazon.com/</a>"
        );
    }

    #[test]
    fn text_is_escaped_and_entities_stay_text() {
        assert_eq!(
            inline("a & b > c \"d\" 'e'"),
            "a &amp; b &gt; c &quot;d&quot; &#39;e&#39;"
        );
        assert_eq!(
            inline("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(inline("&amp;lt;b&amp;gt;"), "&amp;lt;b&amp;gt;");
        assert_eq!(
            inline("&#60;img src=x onerror=alert(1)&#62;"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(inline("\\<script>"), "&lt;script&gt;");
        assert_eq!(inline("`<script>`"), "<code>&lt;script&gt;</code>");
    }

    #[test]
    fn raw_html_is_refused() {
        assert_eq!(
            errors("<script>alert(1)</script>", Mode::Block),
            ["raw HTML is not allowed (`<script>alert(1)</script>`)"]
        );
        assert_eq!(
            errors("x <img src=x onerror=alert(1)> y", Mode::Inline),
            ["raw HTML is not allowed (`<img src=x onerror=alert(1)>`)"]
        );
        assert_eq!(
            errors("<div>\nhi\n</div>", Mode::Block),
            [
                "raw HTML is not allowed (`<div>`)",
                "raw HTML is not allowed (`hi`)",
                "raw HTML is not allowed (`</div>`)"
            ]
        );
        assert_eq!(
            errors("a <!-- c --> b", Mode::Inline),
            ["raw HTML is not allowed (`<!-- c -->`)"]
        );
    }

    #[test]
    fn hostile_links_are_refused() {
        assert_eq!(
            errors("[x](javascript:alert(1))", Mode::Inline),
            ["links must be https URLs, found `javascript:alert(1)`"]
        );
        assert_eq!(
            errors("[x](JavaScript:alert(1))", Mode::Inline),
            ["links must be https URLs, found `JavaScript:alert(1)`"]
        );
        assert_eq!(
            errors("[x](http://example.com)", Mode::Inline),
            ["links must be https URLs, found `http://example.com`"]
        );
        assert_eq!(
            errors("[x](/relative)", Mode::Inline),
            ["links must be https URLs, found `/relative`"]
        );
        assert_eq!(
            errors("[x](https:///x)", Mode::Inline),
            ["links must be https URLs, found `https:///x`"]
        );
        assert_eq!(
            errors("<someone@example.com>", Mode::Inline),
            ["links must be https URLs, found `mailto:someone@example.com`"]
        );
        assert_eq!(
            errors("[x](data:text/html;base64,PHNjcmlwdD4=)", Mode::Inline),
            ["links must be https URLs, found `data:text/html;base64,PHNjcmlwdD4=`"]
        );
    }

    #[test]
    fn other_constructs_are_refused() {
        assert_eq!(
            errors("![a](https://x.example/a.png)", Mode::Block),
            ["images are not allowed"]
        );
        assert_eq!(
            errors("# Title", Mode::Block),
            ["headings are not allowed (a line starting with `#`)"]
        );
        assert_eq!(
            errors("Title\n=====", Mode::Block),
            ["headings are not allowed (a line starting with `#`)"]
        );
        assert_eq!(
            errors("| a | b |\n|---|---|\n| 1 | 2 |", Mode::Block),
            ["tables are not allowed"]
        );
        assert_eq!(
            errors("> quoted", Mode::Block),
            ["block quotes are not allowed (a line starting with `>`)"]
        );
        assert_eq!(
            errors("a\n\n***\n", Mode::Block),
            ["horizontal rules are not allowed"]
        );
    }

    #[test]
    fn inline_mode_allows_one_paragraph_only() {
        assert_eq!(
            errors("a\n\nb", Mode::Inline),
            ["must be a single paragraph (no blank lines)"]
        );
        assert_eq!(
            errors("- a\n- b", Mode::Inline),
            ["must be a single paragraph; a list is not allowed here"]
        );
        assert_eq!(
            errors("```\ncode\n```", Mode::Inline),
            ["must be a single paragraph; a code block is not allowed here"]
        );
    }

    #[test]
    fn errors_carry_offsets() {
        let errors = render("ok\n\n# heading", Mode::Block).expect_err("refused");
        assert_eq!(errors[0].offset, 4);
    }
}

//! The markdown subset authors write, rendered to safe HTML at build time.
//!
//! Allowed: paragraphs, `*emphasis*`, `**strong**`, `` `inline code` ``, fenced and indented
//! code blocks, bulleted and numbered lists, hard and soft line breaks, and links to `https://`
//! URLs (opened in a new tab with `rel="noopener noreferrer"`). Everything else that
//! pulldown-cmark recognises — raw HTML, images, headings, tables, block quotes, rules — is an
//! error, so nothing an author writes can reach the page as markup. All text is HTML-escaped.

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
                TagEnd::Paragraph => {
                    if mode == Mode::Block {
                        out.push_str("</p>");
                    }
                }
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

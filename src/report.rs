//! "Report a problem with this question": a prefilled new-issue link on the project's
//! repository. The address is set at build time (`MOGI_ISSUES_URL`, e.g.
//! `https://github.com/<owner>/<repo>/issues/new`; the Pages workflow sets it); without it the
//! app offers no report link. Nothing is sent anywhere: the user's browser opens the link.

use mogi_core::bank::Lang;

/// Where new issues are opened, if the build was given one.
pub(crate) const ISSUES_URL: Option<&str> = option_env!("MOGI_ISSUES_URL");

/// The new-issue link for a question, with its id, the bank revision, the language and the
/// user's note in the title and body.
pub(crate) fn report_url(
    base: &str,
    question_id: &str,
    revision: &str,
    lang: Lang,
    note: &str,
) -> String {
    let title = format!("Question {question_id}: ");
    let body = format!(
        "Question: {question_id}\nBank revision: {revision}\nLanguage: {}\n\n{}",
        lang.tag(),
        note.trim()
    );
    let separator = if base.contains('?') { '&' } else { '?' };
    format!(
        "{base}{separator}title={}&body={}",
        encode(&title),
        encode(&body)
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters. Written here rather than
/// calling the browser's `encodeURIComponent` (`js_sys::encode_uri_component`) so that the link
/// is built and tested on the host, where browser functions cannot run; it is nine lines.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_carries_id_revision_language_and_note_encoded() {
        let url = report_url(
            "https://github.com/o/r/issues/new",
            "mla-c01-d1-0007",
            "abc123",
            Lang::Ja,
            "キーが違う? <b>&",
        );
        assert_eq!(
            url,
            "https://github.com/o/r/issues/new?title=Question%20mla-c01-d1-0007%3A%20&body=Question%3A%20mla-c01-d1-0007%0ABank%20revision%3A%20abc123%0ALanguage%3A%20ja%0A%0A%E3%82%AD%E3%83%BC%E3%81%8C%E9%81%95%E3%81%86%3F%20%3Cb%3E%26"
        );
    }

    #[test]
    fn a_base_with_a_query_gets_more_parameters() {
        let url = report_url("https://x.example/new?labels=bank", "q", "r", Lang::En, "");
        assert!(
            url.starts_with("https://x.example/new?labels=bank&title="),
            "{url}"
        );
    }
}

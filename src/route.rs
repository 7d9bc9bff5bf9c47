//! The app's routes, kept in the URL hash (`#/exam`) so any static host serves deep links.

/// A screen the URL can name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    Start,
    Exam,
    Results(String),
    History,
    /// The exam-guide map with the user's standing.
    Guide,
    /// The glossary, optionally opened at one entry.
    Glossary(Option<String>),
    /// The landing page of a shared exam link; the payload is checked by the reducer.
    Take(String),
    /// A shared result, shown read-only.
    SharedResult(String),
    /// The group board.
    Group,
    /// What changed from the exam that this one (a blueprint code) replaces.
    Changes(String),
    /// A hash that names no screen; the app shows the start page and says so.
    NotFound(String),
    /// `#/test/panic`: the app panics on purpose. It exists for the end-to-end test of the
    /// recovery screen (tests/e2e/tests/crash.rs), which must make the release build panic;
    /// nothing links here, and all it does is show that screen (nothing stored is touched).
    TestPanic,
}

impl Route {
    /// Reads a `location.hash` value (`""`, `"#/"`, `"#/results/abc"` …).
    pub(crate) fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '&']).next().unwrap_or_default();
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        match (parts.next(), parts.next(), parts.next()) {
            (None, ..) => Self::Start,
            (Some("exam"), None, _) => Self::Exam,
            (Some("history"), None, _) => Self::History,
            // Everything after the prefix is the link's payload, for the decoder to judge.
            (Some("take"), Some(_), _) => Self::Take(rest_after(path, "take/")),
            (Some("result"), Some(_), _) => Self::SharedResult(rest_after(path, "result/")),
            (Some("group"), None, _) => Self::Group,
            (Some("changes"), Some(code), None) if is_id_segment(code) => {
                Self::Changes(code.to_owned())
            }
            (Some("guide"), None, _) => Self::Guide,
            (Some("glossary"), None, _) => Self::Glossary(None),
            (Some("glossary"), Some(id), None) if is_id_segment(id) => {
                Self::Glossary(Some(id.to_owned()))
            }
            (Some("results"), Some(id), None) if is_id_segment(id) => Self::Results(id.to_owned()),
            (Some("test"), Some("panic"), None) => Self::TestPanic,
            _ => Self::NotFound(hash.to_owned()),
        }
    }

    /// The hash that names this route.
    pub(crate) fn to_hash(&self) -> String {
        match self {
            Self::Start | Self::NotFound(_) => "#/".to_owned(),
            Self::Exam => "#/exam".to_owned(),
            Self::History => "#/history".to_owned(),
            Self::Take(payload) => format!("#/take/{payload}"),
            Self::SharedResult(payload) => format!("#/result/{payload}"),
            Self::Group => "#/group".to_owned(),
            Self::Changes(code) => format!("#/changes/{code}"),
            Self::Guide => "#/guide".to_owned(),
            Self::Glossary(None) => "#/glossary".to_owned(),
            Self::Glossary(Some(id)) => format!("#/glossary/{id}"),
            Self::Results(id) => format!("#/results/{id}"),
            Self::TestPanic => "#/test/panic".to_owned(),
        }
    }
}

/// What follows `prefix` in `path`.
fn rest_after(path: &str, prefix: &str) -> String {
    path.strip_prefix(prefix).unwrap_or_default().to_owned()
}

fn is_id_segment(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_root_hashes_are_the_start_page() {
        assert_eq!(Route::parse(""), Route::Start);
        assert_eq!(Route::parse("#"), Route::Start);
        assert_eq!(Route::parse("#/"), Route::Start);
    }

    #[test]
    fn every_route_survives_a_round_trip_through_its_hash() {
        for route in [
            Route::Start,
            Route::Exam,
            Route::History,
            Route::Results("a1-b2".into()),
            Route::Take("TQEB_x-1".into()),
            Route::SharedResult("TQEC".into()),
            Route::Group,
            Route::TestPanic,
        ] {
            assert_eq!(Route::parse(&route.to_hash()), route);
        }
    }

    #[test]
    fn unknown_or_hostile_hashes_are_not_found() {
        for hash in [
            "#/nope",
            "#/results/",
            "#/results/<script>",
            "#/exam/1",
            "#/results/a/b",
            "#/test",
            "#/test/panic/1",
        ] {
            assert!(matches!(Route::parse(hash), Route::NotFound(_)), "{hash}");
        }
    }
}

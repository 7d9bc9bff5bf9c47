//! Keyboard shortcuts on the exam screen, as a pure mapping from a key to what it does.

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shortcut {
    /// Choose (or toggle) the option shown at this position: keys 1–9 and A–I.
    Option(usize),
    Next,
    Previous,
    Mark,
    Review,
    /// Say the time left to screen readers.
    SayTime,
    /// Show or hide the list of shortcuts.
    Help,
    /// Close an overlay or dialog.
    Close,
}

/// The shortcut for a `KeyboardEvent.key`, if any. Keys with Ctrl, Alt or Meta are left to
/// the browser.
pub(crate) fn shortcut(key: &str, modified: bool) -> Option<Shortcut> {
    if modified {
        return None;
    }
    let mut chars = key.chars();
    let single = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c.to_ascii_lowercase()),
        _ => None,
    };
    match (key, single) {
        ("Escape", _) => Some(Shortcut::Close),
        (_, Some(c @ '1'..='9')) => Some(Shortcut::Option(c as usize - '1' as usize)),
        (_, Some(c @ 'a'..='i')) => Some(Shortcut::Option(c as usize - 'a' as usize)),
        (_, Some('n')) => Some(Shortcut::Next),
        (_, Some('p')) => Some(Shortcut::Previous),
        (_, Some('m')) => Some(Shortcut::Mark),
        (_, Some('r')) => Some(Shortcut::Review),
        (_, Some('t')) => Some(Shortcut::SayTime),
        (_, Some('?')) => Some(Shortcut::Help),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_letters_choose_options_by_position() {
        assert_eq!(shortcut("1", false), Some(Shortcut::Option(0)));
        assert_eq!(shortcut("5", false), Some(Shortcut::Option(4)));
        assert_eq!(shortcut("a", false), Some(Shortcut::Option(0)));
        assert_eq!(shortcut("C", false), Some(Shortcut::Option(2)));
    }

    #[test]
    fn navigation_marking_review_time_and_help_have_keys() {
        assert_eq!(shortcut("n", false), Some(Shortcut::Next));
        assert_eq!(shortcut("P", false), Some(Shortcut::Previous));
        assert_eq!(shortcut("m", false), Some(Shortcut::Mark));
        assert_eq!(shortcut("r", false), Some(Shortcut::Review));
        assert_eq!(shortcut("t", false), Some(Shortcut::SayTime));
        assert_eq!(shortcut("?", false), Some(Shortcut::Help));
        assert_eq!(shortcut("Escape", false), Some(Shortcut::Close));
    }

    #[test]
    fn modified_and_unknown_keys_do_nothing() {
        assert_eq!(shortcut("r", true), None, "Ctrl+R must still reload");
        assert_eq!(shortcut("0", false), None);
        assert_eq!(shortcut("z", false), None);
        assert_eq!(shortcut("Enter", false), None);
        assert_eq!(
            shortcut("ArrowRight", false),
            None,
            "arrows move within radio groups"
        );
    }
}

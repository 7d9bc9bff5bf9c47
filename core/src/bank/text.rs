//! Text in both interface languages ([`Text`], [`Lang`]), values whose text the bank files
//! ship one language at a time ([`Bilingual`]), and rendered bank HTML read as plain text
//! ([`plain_text`]).

use serde::{Deserialize, Serialize};

/// A string in both interface languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

/// The text of rendered bank HTML without its markup, for places that cannot hold HTML
/// (`<option>`), for excerpts and for counting characters. Tags are dropped (a block tag
/// leaves a space, so paragraphs do not run together) and the five entities the bank's
/// renderer writes (`mogi_bank::markdown::escape_into`) are read back; the renderer writes
/// no others.
#[must_use]
pub fn plain_text(html: &str) -> String {
    const BLOCKS: [&str; 9] = ["p", "li", "ul", "ol", "br", "pre", "blockquote", "h3", "h4"];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let name: String = rest[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if BLOCKS.contains(&name.as_str()) && !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            rest = &rest[end..];
        } else {
            let entities = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ];
            match entities.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((entity, c)) => {
                    out.push(*c);
                    rest = &rest[entity.len()..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out.trim_end().to_owned()
}

/// The two languages of the interface and of every question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// Both languages, in the order the bank files list their parts.
    pub const ALL: [Self; 2] = [Self::En, Self::Ja];

    /// The position in [`Lang::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            Self::En => 0,
            Self::Ja => 1,
        }
    }

    /// The BCP 47 tag used for `<html lang>`.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ja => "ja",
        }
    }

    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::En => Self::Ja,
            Self::Ja => Self::En,
        }
    }
}

impl Text {
    /// Whether both languages are empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ja.is_empty()
    }

    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    fn get_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::En => &mut self.en,
            Lang::Ja => &mut self.ja,
        }
    }
}

/// A value whose text the bank files ship one language at a time (see [`crate::pack`]): each
/// file holds the value with the other language's strings empty, and the app joins the two
/// parts once both are in.
pub trait Bilingual: Clone {
    /// Every text of the value that is shipped per language, in a fixed order.
    fn texts_mut(&mut self) -> Vec<&mut Text>;

    /// The value with only `lang`'s text (the other language's strings empty).
    fn only(&self, lang: Lang) -> Self {
        let mut part = self.clone();
        for text in part.texts_mut() {
            text.get_mut(lang.other()).clear();
        }
        part
    }

    /// This part with `lang`'s text taken from `other`, the part of that language. Parts of
    /// different shapes (never written so, but files can be damaged) keep this part as it is.
    fn joined(mut self, lang: Lang, other: &Self) -> Self {
        let mut other = other.clone();
        let theirs = other.texts_mut();
        let mine = self.texts_mut();
        if mine.len() == theirs.len() {
            for (mine, theirs) in mine.into_iter().zip(theirs) {
                *mine.get_mut(lang) = std::mem::take(theirs.get_mut(lang));
            }
        }
        self
    }
}

//! Bidirectional text in what a record holds. A right-to-left override (U+202E) or another
//! bidirectional control in a name or a rationale changes the order in which the characters
//! after it are displayed, up to the end of the paragraph: text around it, words the widget
//! writes itself included, can be made to read otherwise than it is stored. Two ways to
//! show record text, one for each place it appears:
//!
//! - [`isolate`]: the record's text shown as itself, among other text, in every view of the
//!   widget and in print (table cells, summary lists, list items, option labels, headings,
//!   hidden labels). The text reads in its own direction, controls and all, and cannot
//!   reorder anything around it.
//! - [`escape`]: the record's text quoted inside a sentence the software writes (the
//!   findings of `validate`, a refused change, a hot spot's flag, a refused file), and
//!   everything the command line prints. Each control is shown as a visible escape
//!   (`\u{202e}`), the same in the widget and on a terminal, so the sentence cannot be
//!   reordered and the message shows what is hidden in the text.
//!
//! [`reorders`] picks the characters `validate` warns about, named by [`name`].

use std::borrow::Cow;

/// FIRST STRONG ISOLATE: starts an isolate whose direction is that of its first letter.
pub const FIRST_STRONG_ISOLATE: char = '\u{2068}';
/// POP DIRECTIONAL ISOLATE: ends the isolate, and with it every embedding and override
/// begun inside it.
pub const POP_DIRECTIONAL_ISOLATE: char = '\u{2069}';
const POP_DIRECTIONAL_FORMATTING: char = '\u{202C}';

/// The bidirectional controls: ALM (U+061C), LRM and RLM (U+200E, U+200F), the embeddings
/// and overrides LRE, RLE, PDF, LRO and RLO (U+202A to U+202E), and the isolates LRI, RLI,
/// FSI and PDI (U+2066 to U+2069).
pub const BIDI_CONTROLS: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// Whether a character is one of [`BIDI_CONTROLS`].
pub fn is_bidi_control(character: char) -> bool {
    BIDI_CONTROLS.contains(&character)
}

/// The text with every bidirectional control written as a visible escape (`\u{202e}`);
/// everything else as it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(BIDI_CONTROLS) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if is_bidi_control(character) {
            escaped.extend(character.escape_unicode());
        } else {
            escaped.push(character);
        }
    }
    Cow::Owned(escaped)
}

/// Whether a character can change the order in which other characters are displayed: the
/// embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069). The marks (ALM,
/// LRM, RLM) are left out: they are part of ordinary right-to-left writing and cannot
/// reverse a letter.
pub fn reorders(character: char) -> bool {
    matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The Unicode name of a bidirectional control (`RIGHT-TO-LEFT OVERRIDE`); empty for any
/// other character.
pub fn name(character: char) -> &'static str {
    match character {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => "",
    }
}

/// Whether a character is written right to left: a letter or digit of a script in the blocks
/// of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
/// neighbours, their presentation forms, and the right-to-left blocks above U+FFFF). The
/// blocks are taken whole: a neutral character among them is isolated with its text, which
/// does no harm.
fn is_right_to_left(character: char) -> bool {
    matches!(character,
        '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFE}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}')
}

/// The Unicode bidirectional algorithm ends a paragraph at these characters (class B), and
/// every embedding, override and isolate with it.
fn ends_paragraph(character: char) -> bool {
    matches!(
        character,
        '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}'
    )
}

/// Record text made safe to put among other text: each of its lines between FIRST STRONG
/// ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069), so that it reads in its own
/// direction (that of its first letter) and, to everything around it, counts as one
/// neutral character. An override or embedding left open inside it ends at the isolate's
/// end (rule X6a of the bidirectional algorithm): it cannot reach the words after it.
///
/// The text is balanced first: a POP DIRECTIONAL ISOLATE that closes nothing the text
/// itself opened would close the isolate around it early and let what follows out, so it
/// is dropped; every embedding, override and isolate the text leaves open is closed before
/// the end of its line.
///
/// Characters rather than `<bdi>` elements, so that one mechanism works everywhere the
/// views put record text: they build much of it as strings (a participant's label is the
/// text of an `<option>`, which cannot hold elements, and of a table cell; an amendment's
/// line joins several texts with the widget's own words), and the characters isolate alike
/// in a cell, a list item, an option, a heading, a hidden label, print, and text copied
/// from the page. A `<bdi>` would need the balancing too: in Chromium a stray POP
/// DIRECTIONAL ISOLATE ends a `<bdi>` early as well (it isolates an element with the same
/// characters).
///
/// Text without a bidirectional control or a right-to-left letter cannot reorder its
/// neighbours, and is returned as it is, so most text on the page is exactly as typed.
pub fn isolate(text: &str) -> Cow<'_, str> {
    if text.is_ascii()
        || !text
            .chars()
            .any(|character| is_bidi_control(character) || is_right_to_left(character))
    {
        return Cow::Borrowed(text);
    }
    let mut isolated = String::with_capacity(text.len() + 8);
    let mut line = String::new();
    for character in text.chars() {
        if ends_paragraph(character) {
            isolate_line(&line, &mut isolated);
            isolated.push(character);
            line.clear();
        } else {
            line.push(character);
        }
    }
    isolate_line(&line, &mut isolated);
    Cow::Owned(isolated)
}

/// One line of [`isolate`]: balanced and isolated.
fn isolate_line(line: &str, isolated: &mut String) {
    #[derive(PartialEq)]
    enum Open {
        Embedding,
        Isolate,
    }
    let mut open = Vec::new();
    isolated.push(FIRST_STRONG_ISOLATE);
    for character in line.chars() {
        match character {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(Open::Embedding),
            // A PDF closes the embedding the text opened last, if it is still open; one that
            // closes nothing is ignored by the algorithm, and kept as typed.
            POP_DIRECTIONAL_FORMATTING if open.last() == Some(&Open::Embedding) => {
                open.pop();
            }
            '\u{2066}'..='\u{2068}' => open.push(Open::Isolate),
            POP_DIRECTIONAL_ISOLATE => match open.iter().rposition(|kind| *kind == Open::Isolate) {
                // It closes the text's own isolate and whatever was opened inside it.
                Some(at) => open.truncate(at),
                None => continue,
            },
            _ => {}
        }
        isolated.push(character);
    }
    for kind in open.iter().rev() {
        isolated.push(match kind {
            Open::Embedding => POP_DIRECTIONAL_FORMATTING,
            Open::Isolate => POP_DIRECTIONAL_ISOLATE,
        });
    }
    isolated.push(POP_DIRECTIONAL_ISOLATE);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FSI: char = FIRST_STRONG_ISOLATE;
    const PDI: char = POP_DIRECTIONAL_ISOLATE;

    #[test]
    fn plain_text_is_left_as_it_is() {
        for text in ["", "Jo Bloggs", "Zoë Ng – “Police”", "O'Neill\nsecond line"] {
            assert!(
                matches!(isolate(text), Cow::Borrowed(same) if same == text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_with_a_control_or_a_right_to_left_letter_is_isolated() {
        let cases = [
            ("a\u{202E}b", format!("{FSI}a\u{202E}b\u{202C}{PDI}")),
            (
                "a\u{202E}b\u{202C}c",
                format!("{FSI}a\u{202E}b\u{202C}c{PDI}"),
            ),
            ("\u{200F}x", format!("{FSI}\u{200F}x{PDI}")),
            ("أحمد", format!("{FSI}أحمد{PDI}")),
            ("שרה כהן", format!("{FSI}שרה כהן{PDI}")),
            // An isolate the text opens is closed; one it closes is kept.
            ("\u{2067}a", format!("{FSI}\u{2067}a{PDI}{PDI}")),
            ("\u{2067}a\u{2069}b", format!("{FSI}\u{2067}a{PDI}b{PDI}")),
            // A PDI that closes nothing of the text's own would end the isolate early.
            ("\u{2069}\u{202E}a", format!("{FSI}\u{202E}a\u{202C}{PDI}")),
            ("a\u{2069}\u{2069}", format!("{FSI}a{PDI}")),
            // A PDI closes the embeddings opened inside its isolate.
            (
                "\u{2066}\u{202E}a\u{2069}\u{202B}",
                format!("{FSI}\u{2066}\u{202E}a{PDI}\u{202B}\u{202C}{PDI}"),
            ),
            // A PDF does not reach past an isolate.
            (
                "\u{202E}\u{2066}\u{202C}",
                format!("{FSI}\u{202E}\u{2066}\u{202C}{PDI}\u{202C}{PDI}"),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(isolate(text), expected, "{text:?}");
        }
    }

    #[test]
    fn each_line_is_isolated_on_its_own() {
        assert_eq!(
            isolate("one\u{202E}\r\ntwo\u{2029}three"),
            format!(
                "{FSI}one\u{202E}\u{202C}{PDI}\r{FSI}{PDI}\n{FSI}two{PDI}\u{2029}{FSI}three{PDI}"
            )
        );
    }

    #[test]
    fn reorders_picks_the_embeddings_overrides_and_isolates_and_every_control_has_a_name() {
        let picked: Vec<char> = BIDI_CONTROLS.into_iter().filter(|c| reorders(*c)).collect();
        assert_eq!(
            picked,
            [
                '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
                '\u{2068}', '\u{2069}'
            ]
        );
        for control in BIDI_CONTROLS {
            assert!(!name(control).is_empty(), "{control:?}");
        }
        assert_eq!(name('a'), "");
        assert!(!reorders('a'));
    }
}

//! Record text made safe to show. Records come from other systems and may be hostile: a new
//! line or an escape sequence in a name could forge or hide a line of a report, and a
//! bidirectional control (a right-to-left override, U+202E) could make a terminal or a
//! spreadsheet show the characters after it in another order than they are stored.
//!
//! - [`terminal`] is the one way the command line shows record text, file names and
//!   anything else it did not write itself as human-readable text: the `validate`,
//!   `verify`, `summarise` and `flatten` messages and the `summarise` text report.
//! - [`bidi_escaped`] is what CSV cells get (see [`super::csv`]): line breaks are kept
//!   there, quoted, but bidirectional controls are escaped.
//!
//! Escapes are Rust's: `\n`, `\t`, `\u{1b}`, `\u{202e}`. [`bidi_escaped`] is
//! [`crate::bidi::escape`], which the core's messages also use; the widget isolates the
//! record's own text instead ([`crate::bidi::isolate`]).

pub use crate::bidi::{escape as bidi_escaped, is_bidi_control, BIDI_CONTROLS};

/// The text made safe to print on one line of a terminal: control characters (new lines,
/// escape sequences) and bidirectional controls are written as visible escapes, and text
/// longer than `limit` characters (escapes counted as they are shown) is cut short with an
/// ellipsis.
pub fn terminal(text: &str, limit: usize) -> String {
    let mut output = String::with_capacity(text.len().min(limit.saturating_add(8)));
    let mut written = 0usize;
    for character in text.chars() {
        // `escape_default` writes a control as `\n`, `\t` or `\u{…}`, and a bidirectional
        // control (outside printable ASCII) as `\u{…}`.
        let escape = (character.is_control() || is_bidi_control(character))
            .then(|| character.escape_default());
        let width = escape.clone().map_or(1, Iterator::count);
        if written.saturating_add(width) > limit {
            output.push('…');
            break;
        }
        written += width;
        match escape {
            Some(escape) => output.extend(escape),
            None => output.push(character),
        }
    }
    output
}

/// The text as [`terminal`] shows it, in double quotes: for naming what someone typed.
pub fn quoted(text: &str, limit: usize) -> String {
    format!("\"{}\"", terminal(text, limit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn escapes_every_bidirectional_control_on_a_terminal() {
        for control in BIDI_CONTROLS {
            let shown = terminal(&format!("a{control}b"), usize::MAX);
            assert_eq!(
                shown,
                format!("a\\u{{{:x}}}b", u32::from(control)),
                "{control:?}"
            );
            assert_eq!(bidi_escaped(&format!("a{control}b")), shown, "{control:?}");
        }
    }

    #[test]
    fn escapes_control_characters_and_cuts_long_text() {
        assert_eq!(terminal("one\ntwo\u{1b}[2J", 100), "one\\ntwo\\u{1b}[2J");
        assert_eq!(terminal("abcdef", 3), "abc…");
        assert_eq!(terminal("ab\u{202e}", 3), "ab…");
        assert_eq!(terminal("Zoë Ng", 100), "Zoë Ng");
    }

    #[test]
    fn bidi_escaped_keeps_everything_else() {
        assert!(matches!(
            bidi_escaped("two\nlines"),
            Cow::Borrowed("two\nlines")
        ));
    }
}

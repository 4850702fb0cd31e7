//! CSV as RFC 4180 has it, with guards for spreadsheets. [`row`] is the one way any CSV the
//! analysis writes (the flat tables, the hot-spot and theme reports) is put together, and it
//! guards every cell, headers, ids, numbers and codes included, so no cell can reach a
//! spreadsheet unguarded.
//!
//! Fields are separated by commas and rows end with CRLF; a field holding a comma, a double
//! quote, a carriage return or a line feed is quoted, with its quotes doubled. Records come
//! from other systems and may be hostile:
//!
//! - a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and some
//!   skip a leading tab, carriage return, line feed or NUL before one (OWASP's CSV injection
//!   guidance and ASVS 1.2.10), so a cell that starts with any of [`FORMULA_STARTS`] gets a
//!   leading `'`, which spreadsheets show as text. A plain number (`-3`, `-1.5`) is left as
//!   it is: it is no formula, and quoting it would make it text;
//! - a spreadsheet shows bidirectional controls (a right-to-left override in a name) by
//!   reordering the text around them, so they are written as visible escapes (`\u{202e}`,
//!   see [`super::escape`]).
//!
//! The JSON Lines files carry the exact text.

use super::escape::bidi_escaped;
use std::borrow::Cow;

/// Characters that make a spreadsheet treat a cell as a formula when it starts with one.
pub const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\t', '\r', '\n', '\0'];

/// Whether a cell is a plain decimal number: an optional `-`, digits, and optionally a point
/// and more digits.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

/// One cell as written: bidirectional controls escaped, guarded against formulas, and
/// quoted when it needs to be.
fn cell(text: &str) -> Cow<'_, str> {
    let text = bidi_escaped(text);
    let text = if text.starts_with(FORMULA_STARTS) && !is_plain_number(&text) {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    };
    if text.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

/// One row with its line ending: each of `cells` (the values as they are, unquoted)
/// escaped, guarded and quoted as the module documentation says.
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = String::new();
    for (index, value) in cells.iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        line.push_str(&cell(value.as_ref()));
    }
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quoting() {
        assert_eq!(row(&["plain"]), "plain\r\n");
        assert_eq!(row(&["a,b"]), "\"a,b\"\r\n");
        assert_eq!(row(&["say \"hi\""]), "\"say \"\"hi\"\"\"\r\n");
        assert_eq!(row(&["two\nlines"]), "\"two\nlines\"\r\n");
        assert_eq!(row(&["a", "b", ""]), "a,b,\r\n");
    }

    #[test]
    fn guards_every_cell_that_starts_a_formula() {
        assert_eq!(
            row(&["=HYPERLINK(\"x\")"]),
            "\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(row(&["+1+2", "@SUM(A1)"]), "'+1+2,'@SUM(A1)\r\n");
        assert_eq!(row(&["-2+3", "\t=1", "\0=1"]), "'-2+3,'\t=1,'\0=1\r\n");
        assert_eq!(row(&["\r=1"]), "\"'\r=1\"\r\n");
        assert_eq!(row(&["\n=1"]), "\"'\n=1\"\r\n");
        assert_eq!(row(&["Police", "a=b", "1"]), "Police,a=b,1\r\n");
    }

    #[test]
    fn leaves_plain_numbers_as_numbers() {
        assert_eq!(
            row(&["-3", "-1.5", "12", "2026-03-02"]),
            "-3,-1.5,12,2026-03-02\r\n"
        );
        assert_eq!(row(&["-", "-.5", "-1.", "-1e5"]), "'-,'-.5,'-1.,'-1e5\r\n");
    }

    #[test]
    fn escapes_bidirectional_controls() {
        assert_eq!(
            row(&["Ann \u{202e}evil", "\u{2066}=1"]),
            "Ann \\u{202e}evil,\\u{2066}=1\r\n"
        );
    }
}

//! CSV as RFC 4180 has it, with one guard for spreadsheets.
//!
//! Fields are separated by commas and rows end with CRLF; a field holding a comma, a double
//! quote, a carriage return or a line feed is quoted, with its quotes doubled. Records come
//! from other systems and may be hostile, and a spreadsheet runs a cell that starts with
//! `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so text
//! fields that start with one of those characters get a leading `'`, which spreadsheets
//! show as text. Numbers, dates and codes are written by this crate and never start with
//! one; the JSON Lines files carry the exact text.

/// Characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text field, guarded against formulas and quoted when it needs to be.
pub fn text_field(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        quote(&format!("'{text}"))
    } else {
        quote(text)
    }
}

/// A field written by this crate (a number, a date, a code): quoted only when it needs to
/// be, never altered.
pub fn quote(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Joins fields (already quoted) into one row with its line ending.
pub fn row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            line.push(',');
        }
        line.push_str(field.as_ref());
    }
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quoting() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn guards_formulas_in_text() {
        assert_eq!(
            text_field("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(text_field("-1"), "'-1");
        assert_eq!(text_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_field("Police"), "Police");
        assert_eq!(row(&["a", "b"]), "a,b\r\n");
    }
}

//! Text compared as people read it.

/// `text` in lower case by Unicode's rules. In the browser this is the browser's own
/// `toLowerCase`, so the module carries no case tables of its own (about 12 KiB of gzip);
/// natively (the server-side rendering tests) it is Rust's, which follows the same rules.
pub(crate) fn lower_case(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
    }
}

/// `text` as [`same_words`] compares it: without spaces at the ends, in lower case. Where one
/// list is matched against another, fold each side once rather than comparing every pair.
pub(crate) fn folded(text: &str) -> String {
    lower_case(text.trim())
}

/// True when `a` and `b` are the same words apart from case and spaces at the ends: the
/// same person's name, or agency, typed twice.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    a.trim() == b.trim() || folded(a) == folded(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_same_apart_from_case_and_spaces_at_the_ends() {
        assert!(same_words(" Zoë Ng", "ZOË NG "));
        assert!(same_words("Łukasz", "łukasz"));
        assert!(same_words(
            "Children's Social Care",
            "children's social care"
        ));
        assert!(!same_words("Zoe Ng", "Zoë Ng"));
        assert!(!same_words("Jo Bloggs", "Jo  Bloggs"));
    }
}

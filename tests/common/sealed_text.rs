//! The texts a sealed draft is written as, held in both builds: the widget's base64 is the
//! browser's `btoa` and `atob`, the native build's the `base64` crate (`src/autosave.rs`).
//! Run in the browser by `tests/browser.rs` and natively by `tests/integrity.rs`.

use risk_sensible::autosave::DraftKey;

/// Seals with a fixed key and nonce, every byte value included, and checks the text written,
/// that it opens, and which keys are read.
pub fn check() {
    let key = DraftKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=").unwrap();
    let every_byte: Vec<u8> = (0u8..=255).collect();
    let sealed = key.seal(&every_byte, b"context", [7; 12]);
    assert_eq!(
        sealed,
        "BwcHBwcHBwcHBwcHD2ukX2sK0fPOlBmLjFz6lLFNn2Cc4pcO5qJE4RjDLAQHZdNdpWXStSrXi9buOvcJi3mBeuGUNzyl0dvZUYW9zwXksnHNjWyGBJJ9C6vOXpWUaQBz4vsdY7djPQU0elnUru7tzroucugnFaJN/K2YPttA/EVZNnQYn8HWufJP9gDXAEaMdCUKKK+/t5ZUWhkdpNmlSx28Fc52w2VWuoteNCKVNFS8Zd/d9Snaxes/C9gF2gMaNvnDCZVK5Ctz50YIu/XTO+Xjcytr7wXBi+8V/1XRClQDw2MTp7ABI8BsxWjgoH5ygS3K2aGqH3I3DUovNwO/Z9IPb84RL7wT6OBhvpexIM7TiFAh5YTSr0osVno="
    );
    assert_eq!(key.open(&sealed, b"context"), Some(every_byte));
    assert_eq!(
        key.seal(b"", b"", [255; 12]),
        "////////////////2HnhJSBSoY6hT1495q3nNQ=="
    );
    assert_eq!(key.open("not base64!", b"context"), None);
    assert!(DraftKey::from_base64("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8").is_ok());
    assert!(DraftKey::from_base64("AAECAwQFBgcICQoLDA0ODw==").is_err());
    assert!(DraftKey::from_base64("not a key!").is_err());
    assert!(DraftKey::from_base64("").is_err());
}

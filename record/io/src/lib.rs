//! Reading a decision record from untrusted text ([`import`]) and its integrity: the
//! canonical form, the digests and the audit hash chain ([`integrity`]).
//!
//! Use it as `risk_sensible::record::import` and `risk_sensible::record::integrity`: the
//! domain core re-exports both modules inside `record`, beside the types. It is a crate of
//! its own only so that the release build can optimise it for speed (see its Cargo.toml).

mod canonical;
pub mod import;
pub mod integrity;

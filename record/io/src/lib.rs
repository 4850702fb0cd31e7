//! Reading a decision record from untrusted text ([`import`]) and its integrity: the
//! canonical form, the digests and the audit hash chain ([`integrity`]).
//!
//! Use it as `risk_sensible::record::import` and `risk_sensible::record::integrity`: the
//! domain core re-exports both modules inside `record`, beside the types.

pub mod import;
pub mod integrity;

//! The benchmark's large record, shared by `benches/import.rs` and `examples/grow_record.rs`.
//!
//! The example draft with its participants, information, risks and actions repeated until
//! the exported JSON reaches about 1 MB. Copies get fresh ids and keep their references
//! pointing at existing participants, so import accepts it.

use risk_sensible::example::example_record;
use risk_sensible::record::import::export;
use risk_sensible::record::DecisionRecord;

/// The size the benchmark record grows to.
pub const TARGET_BYTES: usize = 1_000_000;

/// The example draft, grown to about [`TARGET_BYTES`] of JSON with valid references.
pub fn large_record() -> DecisionRecord {
    let example = example_record(false);
    let mut record = example.clone();
    let mut round = 0usize;
    while export(&record).len() < TARGET_BYTES {
        round += 1;
        for participant in &example.participants {
            let mut copy = participant.clone();
            copy.id = format!("{}-{round}", participant.id);
            copy.name = format!("{} ({round})", participant.name);
            record.participants.push(copy);
        }
        // Owners and sources keep pointing at the original participants, which exist.
        for (index, item) in example.information.iter().enumerate() {
            let mut copy = item.clone();
            copy.id = format!("i{round}-{index}");
            record.information.push(copy);
        }
        for (index, risk) in example.risks.iter().enumerate() {
            let mut copy = risk.clone();
            copy.id = format!("r{round}-{index}");
            record.risks.push(copy);
        }
        for (index, action) in example.actions.iter().enumerate() {
            let mut copy = action.clone();
            copy.id = format!("x{round}-{index}");
            record.actions.push(copy);
        }
    }
    record
}

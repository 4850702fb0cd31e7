//! The cost of receiving a large record: import (limits, JSON, types, references and
//! integrity) + validate + content digest, on a record of about 1 MB.
//!
//! The record is the example draft with its participants, information, risks and actions
//! repeated until the exported JSON reaches 1 MB. Copies get fresh ids and keep their
//! references pointing at existing participants, so import accepts it. Run with
//! `cargo bench --bench import` (add `-- --quick` for a short run).

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion, Throughput};
    use risk_sensible::example::example_record;
    use risk_sensible::meeting::{validate, Config};
    use risk_sensible::record::import::{export, import};
    use risk_sensible::record::integrity::content_digest;
    use risk_sensible::record::DecisionRecord;
    use std::hint::black_box;

    /// The size the benchmark record grows to.
    const TARGET_BYTES: usize = 1_000_000;

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

    fn import_validate_digest(criterion: &mut Criterion) {
        let text = export(&large_record());
        let config = Config::default();
        let mut group = criterion.benchmark_group("receive");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.bench_function(
            format!("import+validate+digest {} bytes", text.len()),
            |bench| {
                bench.iter(|| {
                    let record = import(black_box(&text)).expect("the benchmark record imports");
                    let findings = validate(&record, &config);
                    let digest = content_digest(&record);
                    black_box((findings, digest))
                })
            },
        );
        // The parts on their own, to show where the time goes.
        let record = import(&text).expect("the benchmark record imports");
        group.bench_function("import alone", |bench| {
            bench.iter(|| import(black_box(&text)))
        });
        group.bench_function("validate alone", |bench| {
            bench.iter(|| validate(black_box(&record), &config))
        });
        group.bench_function("digest alone", |bench| {
            bench.iter(|| content_digest(black_box(&record)))
        });
        group.finish();
    }

    criterion_group!(benches, import_validate_digest);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

/// Criterion does not build for WebAssembly; the benchmark is for the native host only.
#[cfg(target_arch = "wasm32")]
fn main() {}

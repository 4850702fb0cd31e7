//! The cost of receiving a large record: import (limits, JSON, types, references and
//! integrity) + validate + content digest, on a record of about 1 MB.
//!
//! The record is `support/large_record.rs` (also written out by `examples/grow_record.rs`).
//! Run with `cargo bench --profile native-bench --bench import` (add `-- --quick` for a short run).

#[cfg(not(target_arch = "wasm32"))]
#[path = "support/large_record.rs"]
mod support;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion, Throughput};
    use risk_sensible::meeting::{validate, Config};
    use risk_sensible::record::import::{export, import};
    use risk_sensible::record::integrity::content_digest;
    use std::hint::black_box;

    use super::support::large_record;

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

//! Writes the browser benchmark's two inputs (`scripts/bench.sh`) into DIR:
//! `large-meeting.json`, the benchmark's large meeting (`example::large_meeting`: 30
//! participants, 60 risks, 200 actions, 100 information items, 20 dissents, every section
//! filled), and `record-1mb.json`, the ~1 MB record that `benches/import.rs` times natively,
//! so the browser's `checkRecord` times the same text.
//!
//! `cargo run --release --example grow_record -- DIR`

#[path = "../benches/support/large_record.rs"]
mod support;

use risk_sensible::example::large_meeting;
use risk_sensible::record::import::export;
use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: grow_record DIR");
        std::process::exit(2);
    };
    let files = [
        ("large-meeting.json", export(&large_meeting())),
        ("record-1mb.json", export(&support::large_record())),
    ];
    for (name, text) in files {
        if let Err(error) = std::fs::write(dir.join(name), text) {
            eprintln!("grow_record: {}: {error}", dir.join(name).display());
            std::process::exit(2);
        }
    }
}

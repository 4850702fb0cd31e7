//! Helpers shared by the host tests: a fixed context and a one-line way to apply commands.
#![allow(dead_code)]

use risk_sensible::meeting::{apply, Command, Config, Context, Problem};
use risk_sensible::record::{Actor, DecisionRecord, Timestamp};
use std::sync::OnceLock;

pub fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(Config::default)
}

pub fn actor() -> &'static Actor {
    static ACTOR: OnceLock<Actor> = OnceLock::new();
    ACTOR.get_or_init(|| Actor {
        name: "Test Chair".into(),
        role: "Team manager".into(),
        agency: "Children's social care".into(),
    })
}

pub fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Applies a command at a fixed time as the test chair.
pub fn run(record: &mut DecisionRecord, command: Command) -> Result<(), Problem> {
    run_at(record, command, "2026-03-02T11:00:00Z")
}

/// Applies a command at the given time as the test chair.
pub fn run_at(record: &mut DecisionRecord, command: Command, time: &str) -> Result<(), Problem> {
    let context = Context {
        at: at(time),
        actor: actor(),
        config: config(),
    };
    apply(record, command, &context)
}

pub fn new_record() -> DecisionRecord {
    DecisionRecord::new(
        "7d9c1a52-0b8e-4a53-9a51-2d1c3f0e8b11".to_string(),
        at("2026-03-02T09:00:00Z"),
    )
}

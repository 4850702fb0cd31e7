//! Property tests: any sequence of commands, accepted or refused, keeps every invariant of
//! the record; the JSON form round-trips exactly.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use risk_sensible::meeting::limits::bytes_bound;
use risk_sensible::meeting::limits::{FINALISE_ROOM, LINE_CHARS, LIST_ITEMS, TEXT_CHARS};
use risk_sensible::meeting::{
    apply_bounded, validate, Command, Config, Context, Item, ItemKind, Problem, Validation,
};
use risk_sensible::record::import::{import, MAX_BYTES};
use risk_sensible::record::integrity::{canonical_json, verify};
use risk_sensible::record::*;
use std::collections::HashSet;

const AGENCIES: [&str; 4] = ["Children's social care", "Police", "Health", "Education"];

fn participant_id() -> impl Strategy<Value = String> {
    (1u8..8).prop_map(|n| format!("p{n}"))
}

fn maybe_owner() -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), participant_id().prop_map(Some)]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z <>&\"é😀\\x{202E}]{1,12}"]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (text(), text(), 0usize..4, any::<bool>()).prop_map(|(name, role, agency, attended)| {
            Command::Add(Item::Participant(Participant {
                id: String::new(),
                name,
                role,
                agency: AGENCIES[agency].into(),
                attendance: if attended {
                    Attendance::Attended
                } else {
                    Attendance::Apologies
                },
                decision_authority: Tristate::Unknown,
            }))
        }),
        (text(), maybe_owner()).prop_map(|(description, owner_id)| {
            Command::Add(Item::Risk(Risk {
                description,
                owner_id,
                ..Risk::default()
            }))
        }),
        (text(), maybe_owner()).prop_map(|(task, owner_id)| {
            Command::Add(Item::Action(Action {
                task,
                owner_id,
                ..Action::default()
            }))
        }),
        (participant_id(), text()).prop_map(|(participant_id, view)| {
            Command::Add(Item::Dissent(Dissent {
                participant_id,
                view,
                ..Dissent::default()
            }))
        }),
        (1u8..5, text(), maybe_owner()).prop_map(|(n, description, owner_id)| {
            Command::Edit(Item::Risk(Risk {
                id: format!("r{n}"),
                description,
                owner_id,
                ..Risk::default()
            }))
        }),
        participant_id().prop_map(|id| Command::Remove {
            kind: ItemKind::Participant,
            id
        }),
        (1u8..5).prop_map(|n| Command::Remove {
            kind: ItemKind::Risk,
            id: format!("r{n}")
        }),
        (1u8..5).prop_map(|n| Command::Remove {
            kind: ItemKind::Action,
            id: format!("x{n}")
        }),
        (participant_id(), 0u8..12, text()).prop_map(|(participant_id, score, reason)| {
            Command::SetScale(SafetyScale {
                participant_id,
                score,
                reason,
                restrictions: None,
            })
        }),
        maybe_owner().prop_map(|chair_id| Command::EditMeeting(Meeting {
            chair_id,
            ..Meeting::default()
        })),
        Just(Command::Finalise),
        (text(), text()).prop_map(|(reason, change)| Command::Amend {
            reason,
            change,
            restrictions: None
        }),
    ]
}

fn assert_invariants(record: &DecisionRecord) {
    fn unique<'a>(ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            assert!(seen.insert(id), "duplicate id {id}");
        }
    }
    unique(record.participants.iter().map(|p| p.id.as_str()));
    unique(record.risks.iter().map(|r| r.id.as_str()));
    unique(record.actions.iter().map(|a| a.id.as_str()));
    unique(record.dissent.iter().map(|d| d.id.as_str()));
    unique(record.scales.iter().map(|s| s.participant_id.as_str()));
    let present = |id: &str| record.participant(id).is_some();
    for id in record
        .risks
        .iter()
        .filter_map(|r| r.owner_id.as_deref())
        .chain(record.actions.iter().filter_map(|a| a.owner_id.as_deref()))
        .chain(record.dissent.iter().map(|d| d.participant_id.as_str()))
        .chain(record.scales.iter().map(|s| s.participant_id.as_str()))
        .chain(record.meeting.chair_id.as_deref())
    {
        assert!(present(id), "dangling reference to {id}");
    }
    assert!(record.scales.iter().all(|s| s.score <= 10));
    assert_eq!(
        record.amendments.is_empty(),
        record.meta.status != Status::Amended
    );
    verify(record).unwrap_or_else(|failure| panic!("verify failed: {failure}"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// `None` in the sequence undoes the last removal accepted, as the widget's Undo does.
    #[test]
    fn any_sequence_of_commands_keeps_every_invariant(steps in prop::collection::vec(prop::option::weighted(0.9, command()), 1..40)) {
        let mut record = common::new_record();
        let mut undo = None;
        // The widget's text of each revision, written from the one before.
        let mut text: Option<(DecisionRecord, CompactText)> = None;
        let mut first: Option<CompactText> = None;
        // The widget's findings, kept from one revision to the next.
        let config = std::rc::Rc::new(Config::default());
        let mut validation = Validation::<std::rc::Rc<DecisionRecord>, _>::default();
        for (index, step) in steps.into_iter().enumerate() {
            let Some(command) = step.or_else(|| undo.take()) else {
                continue;
            };
            let before = record.clone();
            let undoing = command.undoing(&record);
            let time = format!("2026-03-02T11:{:02}:00Z", index % 60);
            let audit_before = record.audit.len();
            match common::run_at(&mut record, command, &time) {
                Ok(()) => {
                    prop_assert!(record.audit.len() >= audit_before);
                    undo = undoing.or(undo);
                }
                Err(_) => prop_assert_eq!(&record, &before, "a refused command changed the record"),
            }
            assert_invariants(&record);
            let next = risk_sensible::record::import::export_compact_after(
                text.as_ref().map(|(before, text)| (before, text)),
                &record,
            );
            prop_assert_eq!(&next.text, &risk_sensible::record::import::export_compact(&record));
            // What the draft's journal holds: the changes since an earlier text (the one
            // before, and the first), which put that text back together as this one.
            first.get_or_insert_with(|| next.clone());
            for base in [text.as_ref().map(|(_, text)| text), first.as_ref()].into_iter().flatten() {
                let changes = next.changes_since(base);
                let rebuilt = risk_sensible::record::replace_ranges(
                    &base.text,
                    changes.iter().map(|(old, new)| (old.clone(), &next.text[new.clone()])),
                );
                prop_assert_eq!(rebuilt.as_ref(), Some(&next.text));
            }
            text = Some((record.clone(), next));
            let revision = std::rc::Rc::new(record.clone());
            prop_assert_eq!(validation.findings(&revision, &config), &validate(&record, &config)[..]);
        }
        let json = serde_json::to_string(&record).unwrap();
        let back: DecisionRecord = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &record);
        // The widget's compact text (characters above U+00FF escaped) is the same JSON, and
        // import reads it back to the same record.
        let compact = risk_sensible::record::import::export_compact(&record);
        let beyond_latin_1 = compact.chars().filter(|c| u32::from(*c) > 0xff).count();
        prop_assert_eq!(beyond_latin_1, 0);
        prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&compact).unwrap(), serde_json::from_str::<serde_json::Value>(&json).unwrap());
        prop_assert_eq!(&risk_sensible::record::import::import(&compact).unwrap(), &record);
        // Without the escapes (the fallback for a record they would take over the limit) it
        // is serde_json's own compact text, byte for byte.
        prop_assert_eq!(&risk_sensible::record::export_compact_unescaped(&record), &json);
        // Read back as a JSON value it is the value `serde_json::to_value` gives (the FHIR
        // export reads the record that way, and the forms and the handle read its parts).
        prop_assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            serde_json::to_value(&record).unwrap()
        );
        prop_assert_eq!(risk_sensible::record::to_json_value(&record), serde_json::to_value(&record).unwrap());
        prop_assert_eq!(risk_sensible::record::to_json_value(&record.meta), serde_json::to_value(&record.meta).unwrap());
        for risk in &record.risks {
            prop_assert_eq!(risk_sensible::record::to_json_value(risk), serde_json::to_value(risk).unwrap());
        }
        for action in &record.actions {
            prop_assert_eq!(risk_sensible::record::to_json_value(action), serde_json::to_value(action).unwrap());
        }
        prop_assert_eq!(
            serde_json::Value::String(risk_sensible::record::wire_name(&record.meta.status)),
            serde_json::to_value(record.meta.status).unwrap()
        );
        // The widget's other downloads are serde_json's own pretty text too.
        prop_assert_eq!(
            risk_sensible::record::to_json_pretty(&risk_sensible::copy::family_copy(&record)),
            format!("{}\n", serde_json::to_string_pretty(&risk_sensible::copy::family_copy(&record)).unwrap())
        );
        let fhir = risk_sensible::export::fhir_questionnaire_response(&record);
        prop_assert_eq!(
            risk_sensible::record::to_json_pretty(&fhir),
            format!("{}\n", serde_json::to_string_pretty(&fhir).unwrap())
        );
        // The exported file is serde_json's own pretty text, byte for byte.
        prop_assert_eq!(
            risk_sensible::record::export(&record),
            format!("{}\n", serde_json::to_string_pretty(&record).unwrap())
        );
        // The canonical writer writes exactly what the sorted JSON value writes.
        prop_assert_eq!(
            canonical_json(&record),
            serde_json::to_value(&record).unwrap().to_string()
        );
    }

    #[test]
    fn a_final_record_only_ever_grows_by_amendments(commands in prop::collection::vec(command(), 1..25)) {
        let mut record = risk_sensible::example::example_record(true);
        let content = risk_sensible::record::integrity::content_digest(&record);
        for (index, command) in commands.into_iter().enumerate() {
            let is_amend = matches!(command, Command::Amend { .. });
            let before = record.clone();
            let time = format!("2026-03-03T09:{:02}:00Z", index % 60);
            let result = common::run_at(&mut record, command, &time);
            if result.is_ok() {
                prop_assert!(is_amend, "only amendments are accepted after finalising");
                prop_assert_eq!(record.amendments.len(), before.amendments.len() + 1);
            } else {
                prop_assert_eq!(&record, &before);
            }
            prop_assert_eq!(risk_sensible::record::integrity::content_digest(&record), content.clone());
            assert_invariants(&record);
        }
    }
}

/// A text of `limit` characters or so: mostly at the limit or under it, sometimes one
/// character over, sometimes far over (a whole document pasted); in one of the characters
/// that take most room when written (a control character escaped as `\u0001`, a quote,
/// two- and four-byte characters) or in plain letters.
fn text_up_to(limit: usize) -> impl Strategy<Value = String> {
    let character = prop::sample::select(vec!['a', 'a', '\u{1}', '"', 'é', '😀', '\n']);
    let length = prop_oneof![
        6 => Just(limit),
        2 => 1..limit,
        1 => Just(limit + 1),
        1 => Just(150_000usize),
    ];
    (character, length).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect())
}

/// A one-line text (a name, a role).
fn line_text() -> impl Strategy<Value = String> {
    text_up_to(LINE_CHARS)
}

/// A free text (a reason, a rationale).
fn free_text() -> impl Strategy<Value = String> {
    text_up_to(TEXT_CHARS)
}

/// The example meeting's details, which make it ready to finalise.
fn example_meeting() -> Meeting {
    static MEETING: std::sync::OnceLock<Meeting> = std::sync::OnceLock::new();
    MEETING
        .get_or_init(|| risk_sensible::example::example_record(false).meeting)
        .clone()
}

/// A command carrying long texts, and how many times it is sent in a row: enough for a
/// list to fill, the audit trail to grow long and the record to reach import's size.
fn heavy_commands() -> impl Strategy<Value = Vec<Command>> {
    let agency = (0usize..4).prop_map(|index| AGENCIES[index].to_string());
    let command = prop_oneof![
        4 => (line_text(), line_text(), agency.clone()).prop_map(|(name, role, agency)| {
            Command::Add(Item::Participant(Participant {
                name,
                role,
                agency,
                ..Participant::default()
            }))
        }),
        4 => (free_text(), free_text(), free_text()).prop_map(
            |(rationale, options_considered, evidence)| {
                Command::Add(Item::Decision(Decision {
                    decision_type: Some(DecisionType::ALL[0]),
                    rationale,
                    options_considered,
                    evidence,
                    ..Decision::default()
                }))
            }
        ),
        4 => (agency, free_text()).prop_map(|(source_agency, content)| {
            Command::Add(Item::Information(InformationItem {
                source_agency,
                content,
                ..InformationItem::default()
            }))
        }),
        4 => (line_text(), free_text(), free_text()).prop_map(|(name, needs, notes)| {
            Command::Add(Item::Subject(Subject {
                name,
                needs,
                history: Some(CarerHistory {
                    notes,
                    ..CarerHistory::default()
                }),
                ..Subject::default()
            }))
        }),
        4 => (free_text(), free_text(), line_text()).prop_map(
            |(description, accountable_for, review_trigger)| {
                Command::Add(Item::Risk(Risk {
                    description,
                    accountable_for,
                    review_trigger,
                    ..Risk::default()
                }))
            }
        ),
        4 => (1u8..4, free_text()).prop_map(|(n, description)| {
            Command::Edit(Item::Risk(Risk {
                id: format!("r{n}"),
                description,
                ..Risk::default()
            }))
        }),
        4 => free_text().prop_map(|reason| Command::EditMeeting(Meeting {
            reason,
            ..example_meeting()
        })),
        4 => free_text().prop_map(|text| Command::EditScaleDiscussion {
            text,
            restrictions: None,
        }),
        4 => (1u8..4, free_text()).prop_map(|(n, reason)| {
            Command::SetScale(SafetyScale {
                participant_id: format!("p{n}"),
                score: 5,
                reason,
                restrictions: None,
            })
        }),
        4 => (1u8..4).prop_map(|n| Command::Remove {
            kind: ItemKind::Risk,
            id: format!("r{n}")
        }),
        1 => Just(Command::Finalise),
        4 => (free_text(), free_text()).prop_map(|(reason, change)| Command::Amend { reason, change, restrictions: None }),
    ];
    let times = prop::sample::select(vec![1usize, 1, 1, 3, 40, 600]);
    (command, times).prop_map(|(command, times)| vec![command; times])
}

/// The characters of text a command carries.
fn text_size(command: &Command) -> usize {
    let texts: Vec<&str> = match command {
        Command::Add(Item::Participant(p)) => vec![&p.name, &p.role],
        Command::Add(Item::Decision(d)) => vec![&d.rationale, &d.options_considered, &d.evidence],
        Command::Add(Item::Information(i)) => vec![&i.content],
        Command::Add(Item::Subject(s)) => {
            let notes = s.history.as_ref().map_or("", |h| h.notes.as_str());
            vec![&s.name, &s.needs, notes]
        }
        Command::Add(Item::Risk(r)) | Command::Edit(Item::Risk(r)) => {
            vec![&r.description, &r.accountable_for, &r.review_trigger]
        }
        Command::EditMeeting(meeting) => vec![&meeting.reason],
        Command::EditScaleDiscussion { text, .. } => vec![text],
        Command::SetScale(scale) => vec![&scale.reason],
        Command::Amend { reason, change, .. } => vec![reason, change],
        _ => Vec::new(),
    };
    texts.iter().map(|text| text.len()).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the widget, a host or the command line sends, every record `apply`
    /// accepts can be written out and read back by import: texts, lists, the audit trail
    /// and the whole record stay within import's limits.
    #[test]
    fn any_sequence_of_accepted_edits_yields_a_record_import_accepts(
        batches in prop::collection::vec(heavy_commands(), 1..20),
    ) {
        let mut record = risk_sensible::example::example_record(false);
        let mut accepted = 0usize;
        // Up to a million characters accepted: past the point where the record's size is
        // measured rather than bounded (filling it to import's limit is slow in a debug
        // build, and has a test of its own below).
        let mut budget = 1_000_000usize;
        for (index, command) in batches.into_iter().flatten().enumerate() {
            let time = format!("2026-03-02T{:02}:{:02}:{:02}Z", 10 + index / 3600 % 10, index / 60 % 60, index % 60);
            let size = text_size(&command);
            if size > budget {
                break;
            }
            if common::run_at(&mut record, command, &time).is_ok() {
                accepted += 1;
                budget -= size;
            }
        }
        let exported = risk_sensible::record::export(&record);
        prop_assert!(exported.len() <= MAX_BYTES, "{} bytes after {accepted} changes", exported.len());
        let back = import(&exported).map_err(|problems| TestCaseError::fail(format!("{:?}", &problems[..1])))?;
        prop_assert_eq!(&back, &record);
        let compact = risk_sensible::record::import::export_compact(&record);
        prop_assert_eq!(&import(&compact).map_err(|problems| TestCaseError::fail(format!("{:?}", &problems[..1])))?, &record);
    }
}

/// Far past every limit, in one meeting: a list fills and stops at its limit, an
/// over-long text is refused at its path, and once the record is as large as import reads,
/// a change that would make it larger is refused; the record can still be finalised and
/// amended, and is read back at every step.
#[test]
fn a_record_filled_to_every_limit_is_still_read_back_and_can_be_finalised() {
    let mut record = risk_sensible::example::example_record(false);
    let person = |n: usize| {
        Command::Add(Item::Participant(Participant {
            name: format!("Person {n}"),
            role: "Social worker".into(),
            agency: AGENCIES[0].into(),
            ..Participant::default()
        }))
    };
    for n in record.participants.len()..LIST_ITEMS {
        common::run(&mut record, person(n)).unwrap();
    }
    let Err(Problem::Invalid(findings)) = common::run(&mut record, person(LIST_ITEMS)) else {
        panic!("a full list took another item");
    };
    assert_eq!(findings[0].path, "$.participants[500]");
    let Err(Problem::Invalid(findings)) = common::run(
        &mut record,
        Command::EditScaleDiscussion {
            text: "x".repeat(TEXT_CHARS + 1),
            restrictions: None,
        },
    ) else {
        panic!("an over-long text was taken");
    };
    assert_eq!(findings[0].path, "$.assessment.scaleDiscussion");
    assert_eq!(
        findings[0].message,
        "Enter 10,000 characters or fewer (this has 10,001)"
    );
    // Information whose text is at its limit, in the character that takes most room.
    let heavy = Command::Add(Item::Information(InformationItem {
        source_agency: AGENCIES[1].into(),
        content: "\u{1}".repeat(TEXT_CHARS),
        ..InformationItem::default()
    }));
    // The widget's way, beside it: a bound of the record's size kept from one change to
    // the next (`apply_bounded`) takes and refuses exactly what `apply` does, and stays a
    // bound of the record as it grows.
    let mut kept = record.clone();
    let mut bound = None;
    let context = Context {
        at: common::at("2026-03-02T11:00:00Z"),
        actor: common::actor(),
        config: common::config(),
    };
    let refused = loop {
        let plain = common::run(&mut record, heavy.clone());
        let widget = apply_bounded(&mut kept, heavy.clone(), &context, &mut bound);
        assert_eq!(widget, plain);
        assert_eq!(kept, record);
        if let Some(bound) = bound {
            assert!(
                bound >= bytes_bound(&kept),
                "{bound} < {}",
                bytes_bound(&kept)
            );
        }
        if let Err(problem) = plain {
            break problem;
        }
    };
    let Problem::Invalid(findings) = refused else {
        panic!("refused for another reason: {refused}");
    };
    assert_eq!(
        findings[0].path.to_string(),
        format!("$.information[{}]", record.information.len())
    );
    assert!(
        findings[0].message.contains("larger than 8 MiB"),
        "{}",
        findings[0].message
    );
    let exported = risk_sensible::record::export(&record);
    assert!(exported.len() <= MAX_BYTES - FINALISE_ROOM);
    assert!(
        exported.len() > MAX_BYTES - FINALISE_ROOM - 100_000,
        "{}",
        exported.len()
    );
    assert_eq!(import(&exported).unwrap(), record);
    // The room kept for finalising is enough, and amendments fill what is left.
    common::run(&mut record, Command::Finalise).unwrap_or_else(|problem| panic!("{problem}"));
    assert_eq!(
        import(&risk_sensible::record::export(&record)).unwrap(),
        record
    );
    let amend = Command::Amend {
        reason: "\u{1}".repeat(TEXT_CHARS),
        change: "\u{1}".repeat(TEXT_CHARS),
        restrictions: None,
    };
    let refused = loop {
        if let Err(problem) = common::run(&mut record, amend.clone()) {
            break problem;
        }
    };
    assert!(
        refused.to_string().contains("larger than 8 MiB"),
        "{refused}"
    );
    let exported = risk_sensible::record::export(&record);
    assert!(exported.len() <= MAX_BYTES);
    assert_eq!(import(&exported).unwrap(), record);
}

/// The wire text of a value that is a string on the wire, or `None` where it cannot be
/// written.
fn written<T: serde::Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::String(text) => Some(text),
        other => panic!("not a string on the wire: {other}"),
    }
}

/// Seconds since 1970 from before year 0 to the end of year 9999 (the last `time` holds),
/// the edges of both often.
fn unix_seconds() -> impl Strategy<Value = i64> {
    const YEAR_0: i64 = -62_167_219_200;
    const YEAR_10000: i64 = 253_402_300_800;
    prop_oneof![
        YEAR_0 - 100_000_000..YEAR_10000,
        YEAR_0 - 100_000..YEAR_0 + 100_000,
        YEAR_10000 - 100_000..YEAR_10000,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Dates, times of day and timestamps are written by a direct writer for years 0 to
    /// 9999; `time`'s own formatting is the reference, for every instant and offset, in
    /// range or not (outside it both refuse).
    #[test]
    fn dates_times_and_timestamps_are_written_as_time_formats_them(
        seconds in unix_seconds(),
        nanos in prop_oneof![Just(0u32), (0u32..1000).prop_map(|ms| ms * 1_000_000), 0u32..1_000_000_000],
        offset in -86_399i32..86_400,
    ) {
        use time::format_description::well_known::Rfc3339;
        use time::macros::format_description;
        let utc = time::OffsetDateTime::from_unix_timestamp(seconds)
            .unwrap()
            .replace_nanosecond(nanos)
            .unwrap();
        let offset = time::UtcOffset::from_whole_seconds(offset).unwrap();
        let instant = utc.checked_to_offset(offset).unwrap_or(utc);

        let expected = instant.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok();
        prop_assert_eq!(written(&Timestamp(instant)), expected.clone());
        if let Some(text) = &expected {
            prop_assert_eq!(text.parse::<Timestamp>().map(|stamp| stamp.0), Ok(utc));
        }

        let date = instant.date();
        let expected = date.format(format_description!("[year]-[month]-[day]")).ok();
        prop_assert_eq!(written(&IsoDate(date)), expected);

        let clock = instant.time();
        let expected = clock.format(format_description!("[hour]:[minute]")).ok();
        prop_assert_eq!(written(&ClockTime(clock)), expected);
    }
}

/// Texts near a date or a time of day: the right shape most of the time, with signs,
/// impossible days and hours, stray characters and the wrong lengths besides.
fn near_date_or_time() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+-]?[0-9]{4}-[01][0-9]-[0-3][0-9]",
        "[+-]?[0-9]{3,5}-[0-9]{1,3}-[0-9]{1,3}",
        "[0-2][0-9]:[0-6][0-9]",
        "[0-9]{1,3}:[0-9]{1,3}",
        "[-+0-9:T Z٣a]{0,12}",
    ]
}

/// Texts near an RFC 3339 date and time: mostly the right shape, with leap seconds, the
/// last days of months, fractions, offsets, other separators and stray characters.
fn near_timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{4}-[01][0-9]-[0-3][0-9][Tt ][0-2][0-9]:[0-5][0-9]:[0-6][0-9](\\.[0-9]{0,12})?([Zz]|[+-][0-2][0-9]:[0-6][0-9])",
        "(0000|9999|2016|2026)-(02|06|12)-(28|29|30|31)T23:59:60(\\.[0-9]{1,3})?([Zz]|[+-]0[01]:[03]0)",
        "(0000|9999)-(01|12)-(01|31)T(00|23):(00|59):(00|59|60)([+-](00|23):(00|59)|Z)",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}.[0-9]{2}:[0-9]{2}:[0-9]{2}[-+.0-9:Zz٣]{0,8}",
        "[-+0-9:.TZ ]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    /// Timestamps are read directly; `time`'s own RFC 3339 parser is the reference, on every
    /// text.
    #[test]
    fn timestamps_are_read_as_time_parses_them(text in near_timestamp()) {
        use time::format_description::well_known::Rfc3339;
        let expected = time::OffsetDateTime::parse(&text, &Rfc3339).ok();
        prop_assert_eq!(read_timestamp(&text), expected);
        prop_assert_eq!(text.parse::<Timestamp>().ok().map(|stamp| stamp.0), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    /// Dates and times of day are read directly; `time`'s own parser of `[year]-[month]-[day]`
    /// and `[hour]:[minute]` is the reference, on every text.
    #[test]
    fn dates_and_times_of_day_are_read_as_time_parses_them(text in near_date_or_time()) {
        use time::macros::format_description;
        let date = time::Date::parse(&text, format_description!("[year]-[month]-[day]")).ok();
        prop_assert_eq!(read_date(&text), date);
        prop_assert_eq!(text.parse::<IsoDate>().ok().map(|date| date.0), date);
        let clock = time::Time::parse(&text, format_description!("[hour]:[minute]")).ok();
        prop_assert_eq!(read_clock_time(&text), clock);
        prop_assert_eq!(text.parse::<ClockTime>().ok().map(|clock| clock.0), clock);
    }
}

//! Caseload hot spots: what in a record needs someone's attention as of a date, and the
//! order a team manager reads them in.
//!
//! # The rules
//!
//! Each rule adds a [`Flag`] to the record's row. A record with no flag has no row.
//!
//! | rule | flagged when | band |
//! | --- | --- | --- |
//! | overdue action | not done (not started or in progress), and at least one working day has passed since its due date | overdue |
//! | risk past review | at least one working day has passed since its review date | overdue |
//! | ICPC clock | section 47 enquiries started; the conference's due date (15 working days) has passed, or is within the due-soon window | overdue / due soon |
//! | assessment clock | the assessment's due date (the group's, or 45 working days, as the host sets, after the concern arose) has passed, or is within the window | overdue / due soon |
//! | open dissent | a disagreement with no resolution recorded; escalated or not | needs attention |
//! | undiscussed spread | the safety scales spread by 3 or more points and no discussion of the difference is recorded | needs attention |
//! | man not seen | a father, or a man who lives with or looks after the child, not recorded as seen (version 3) | needs attention |
//! | child without own record | another child in the household with no record of their own and no decision here (version 3) | needs attention |
//! | no same-day medical | a child who is not independently mobile has an injury and no medical on the day it was first seen (version 3) | needs attention |
//! | baby | the child is not independently mobile (by age or disability), or unborn | vulnerable child |
//!
//! "Passed" counts working days (weekends and bank holidays do not count), from the day
//! after the due date up to and including the as-of date: an action due on the Friday
//! before a bank holiday Monday is not overdue on the Monday and is one working day overdue
//! on the Tuesday. A due date that fell on a day that is over but was not a working day
//! (a clock "due" on a Saturday, read on the Sunday) counts as due now.
//!
//! The record has no field for "the conference was held" or "the assessment was
//! completed", so a clock whose date has passed is flagged for someone to check, in those
//! words.
//!
//! # The order
//!
//! Rows are sorted by their most urgent band (overdue, then due soon, then needs attention,
//! then vulnerable child); within a band, children who are not independently mobile and unborn babies first (the review
//! that started this project was about them); then by how far past due (for overdue: the
//! most working days overdue of any item) or how close (for due soon: the fewest working
//! days left); then by the number of flags; then by case reference and record id, so the
//! order never depends on the order of the input. This is an order for attention, never a
//! score that decides anything.
//!
//! # One row per child
//!
//! A child discussed more than once (a strategy discussion, then a review) has one row, from
//! their most recent record (by meeting date, then creation time): the later discussion is
//! where the group said what is current. Children are told apart by case reference, name
//! and date of birth, so siblings who share a family case reference keep a row each, and a
//! change of name between records errs towards listing both. `Settings::every_record`
//! lists every record instead.

use super::Settings;
use crate::bidi::escape;
use crate::meeting::{
    panel_notification_due, scale_spread, starts_section_47, statutory_clocks,
    working_days_between, Config, SPREAD_TO_DISCUSS,
};
use crate::record::{
    ActionStatus, DecisionRecord, EscalationStage, IsoDate, MedicalTiming, MeetingType, Mobility,
    Restricted, Restrictions, Status, SubjectRole, Timestamp, Tristate,
};
use serde::Serialize;
use std::cmp::Ordering;
use time::Date;

/// The most flags kept in full on one row; any more are counted in `moreFlags`. A record may
/// hold thousands of actions, and a row must stay small.
pub const MAX_FLAGS_PER_ROW: usize = 20;

/// How urgent a flag is, least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Band {
    /// A vulnerable child: nothing is late, but the child is a baby.
    Vulnerable,
    /// Something is unresolved: open dissent, a spread of scales nobody discussed.
    Attention,
    /// A statutory clock is due within the window.
    DueSoon,
    /// Something is past its date.
    Overdue,
}

impl Band {
    /// Every band, most urgent first.
    pub const ALL: [Band; 4] = [
        Band::Overdue,
        Band::DueSoon,
        Band::Attention,
        Band::Vulnerable,
    ];

    /// The plain-English label.
    pub fn label(self) -> &'static str {
        match self {
            Band::Overdue => "Overdue",
            Band::DueSoon => "Due soon",
            Band::Attention => "Needs attention",
            Band::Vulnerable => "Vulnerable child",
        }
    }

    /// The wire value (`overdue`, `dueSoon`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Overdue => "overdue",
            Band::DueSoon => "dueSoon",
            Band::Attention => "attention",
            Band::Vulnerable => "vulnerable",
        }
    }
}

/// A person a flag concerns: the owner of an action or risk, or the person who dissents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// Their participant id in the record, if one was recorded.
    pub participant_id: Option<String>,
    /// Their name ("No owner recorded" when there is none).
    pub name: String,
    /// Their agency (empty when there is no owner).
    pub agency: String,
}

impl Person {
    fn of(record: &DecisionRecord, id: Option<&str>) -> Person {
        let id = id.filter(|id| !id.is_empty());
        match id.and_then(|id| record.participant(id)) {
            Some(participant) => Person {
                participant_id: Some(participant.id.clone()),
                name: participant.name.trim().to_string(),
                agency: participant.agency.trim().to_string(),
            },
            None => Person {
                participant_id: id.map(str::to_string),
                name: NO_OWNER.to_string(),
                agency: String::new(),
            },
        }
    }

    /// "Name (Agency)", or the name alone when there is no agency.
    pub fn label(&self) -> String {
        if self.agency.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.agency)
        }
    }
}

/// The name shown for an item nobody owns.
pub const NO_OWNER: &str = "No owner recorded";

/// Where a statutory clock stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ClockState {
    /// Its date has passed: `workingDays` is how many working days ago.
    Passed,
    /// Its date is within the window: `workingDays` is how many working days are left
    /// (0: due today, or due on a non-working day just gone).
    DueSoon,
}

/// One thing in a record that needs attention. The wire form is an object with a `kind`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Flag {
    /// An action not done by its due date. The task is left out (`null`) when the action is
    /// restricted, as a shared screen would hide it.
    OverdueAction {
        action_id: String,
        task: Option<String>,
        restrictions: Restrictions,
        owner: Person,
        due: IsoDate,
        status: ActionStatus,
        working_days_overdue: i64,
    },
    /// A risk whose review date has passed. The description is left out (`null`) when the
    /// risk is restricted, as a shared screen would mask it.
    RiskReviewPassed {
        risk_id: String,
        description: Option<String>,
        restrictions: Restrictions,
        owner: Person,
        review_date: IsoDate,
        working_days_overdue: i64,
    },
    /// The initial child protection conference's clock.
    IcpcClock {
        due: IsoDate,
        state: ClockState,
        working_days: i64,
        /// False when the bank-holiday list does not cover every day counted.
        reliable: bool,
    },
    /// The assessment's due date.
    AssessmentClock {
        due: IsoDate,
        state: ClockState,
        working_days: i64,
    },
    /// A follow-up says the child died or was seriously harmed, with abuse or neglect known
    /// or suspected, and none says the Child Safeguarding Practice Review Panel was notified:
    /// five working days from learning of it (Children Act 2004, section 16C).
    PanelNotification {
        due: IsoDate,
        state: ClockState,
        working_days: i64,
    },
    /// A disagreement with no resolution recorded.
    OpenDissent {
        dissent_id: String,
        person: Person,
        escalation: EscalationStage,
        escalated_on: Option<IsoDate>,
    },
    /// The safety scales spread by [`SPREAD_TO_DISCUSS`] points or more, and no discussion of
    /// the difference is recorded.
    UndiscussedSpread { spread: u8, lowest: u8, highest: u8 },
    /// A father or a man who lives with or looks after the child is not recorded as seen
    /// (version 3 records). Names are left out: the person by id and relationship.
    ManNotSeen {
        subject_id: String,
        role: SubjectRole,
    },
    /// Another child in the household has no record of their own linked (version 3
    /// records).
    ChildWithoutOwnRecord { subject_id: String },
    /// A child who is not independently mobile has an injury recorded and no medical on
    /// the day it was first seen: none recorded (`medical` null), none dated, or a later
    /// day (version 3 records). `seen` is the day the injury was first seen, or the
    /// meeting's day.
    NoSameDayMedical {
        seen: Option<IsoDate>,
        medical: Option<IsoDate>,
    },
    /// The child is a pre-mobile baby.
    PreMobileBaby,
    /// The child is unborn.
    UnbornBaby,
}

impl Flag {
    /// How urgent it is.
    pub fn band(&self) -> Band {
        match self {
            Flag::OverdueAction { .. } | Flag::RiskReviewPassed { .. } => Band::Overdue,
            Flag::IcpcClock { state, .. }
            | Flag::AssessmentClock { state, .. }
            | Flag::PanelNotification { state, .. } => match state {
                ClockState::Passed => Band::Overdue,
                ClockState::DueSoon => Band::DueSoon,
            },
            Flag::OpenDissent { .. }
            | Flag::UndiscussedSpread { .. }
            | Flag::ManNotSeen { .. }
            | Flag::ChildWithoutOwnRecord { .. }
            | Flag::NoSameDayMedical { .. } => Band::Attention,
            Flag::PreMobileBaby | Flag::UnbornBaby => Band::Vulnerable,
        }
    }

    /// The wire value of `kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            Flag::OverdueAction { .. } => "overdueAction",
            Flag::RiskReviewPassed { .. } => "riskReviewPassed",
            Flag::IcpcClock { .. } => "icpcClock",
            Flag::AssessmentClock { .. } => "assessmentClock",
            Flag::PanelNotification { .. } => "panelNotification",
            Flag::OpenDissent { .. } => "openDissent",
            Flag::UndiscussedSpread { .. } => "undiscussedSpread",
            Flag::ManNotSeen { .. } => "manNotSeen",
            Flag::ChildWithoutOwnRecord { .. } => "childWithoutOwnRecord",
            Flag::NoSameDayMedical { .. } => "noSameDayMedical",
            Flag::PreMobileBaby => "preMobileBaby",
            Flag::UnbornBaby => "unbornBaby",
        }
    }

    /// The person the flag concerns, for filtering by owner and agency.
    pub fn person(&self) -> Option<&Person> {
        match self {
            Flag::OverdueAction { owner, .. } | Flag::RiskReviewPassed { owner, .. } => Some(owner),
            Flag::OpenDissent { person, .. } => Some(person),
            _ => None,
        }
    }

    /// For an overdue item or a passed clock, how many working days overdue; for a clock
    /// due soon, how many are left.
    pub fn working_days(&self) -> Option<i64> {
        match self {
            Flag::OverdueAction {
                working_days_overdue,
                ..
            }
            | Flag::RiskReviewPassed {
                working_days_overdue,
                ..
            } => Some(*working_days_overdue),
            Flag::IcpcClock { working_days, .. }
            | Flag::AssessmentClock { working_days, .. }
            | Flag::PanelNotification { working_days, .. } => Some(*working_days),
            _ => None,
        }
    }

    /// The flag in a sentence, as the text table, the CSV and the caseload view show it.
    /// Quotes the record, so a caller printing to a terminal escapes control characters; its
    /// bidirectional controls are written as escapes ([`escape`]), so that one in a task or
    /// a name cannot reorder the rest of the sentence, on a terminal or in the caseload view.
    pub fn describe(&self) -> String {
        fn days(count: i64) -> String {
            if count == 1 {
                "1 working day".to_string()
            } else {
                format!("{count} working days")
            }
        }
        fn clock(what: &str, due: IsoDate, state: ClockState, count: i64, check: &str) -> String {
            match state {
                ClockState::Passed => {
                    format!("{what} was due {due}, {} ago: {check}", days(count))
                }
                ClockState::DueSoon if count == 0 => format!("{what} is due now ({due})"),
                ClockState::DueSoon => format!("{what} is due {due}, in {}", days(count)),
            }
        }
        match self {
            Flag::OverdueAction {
                task,
                restrictions,
                owner,
                due,
                working_days_overdue,
                ..
            } => format!(
                "Action {} was due {due}, {} overdue; owner {}",
                match task {
                    Some(text) => format!("\u{201c}{}\u{201d}", escape(text)),
                    None => format!("(restricted: {})", restrictions.words().to_lowercase()),
                },
                days(*working_days_overdue),
                escape(&owner.label())
            ),
            Flag::RiskReviewPassed {
                description,
                restrictions,
                owner,
                review_date,
                working_days_overdue,
                ..
            } => {
                let what = match description {
                    Some(text) => format!("\u{201c}{}\u{201d}", escape(text)),
                    None => format!("(restricted: {})", restrictions.words().to_lowercase()),
                };
                format!(
                    "Risk {what} was due for review {review_date}, {} overdue; owner {}",
                    days(*working_days_overdue),
                    escape(&owner.label())
                )
            }
            Flag::IcpcClock {
                due,
                state,
                working_days,
                reliable,
            } => {
                let mut text = clock(
                    "The initial child protection conference",
                    *due,
                    *state,
                    *working_days,
                    "check it was held",
                );
                if !reliable {
                    text.push_str(" (check the date: it is outside the bank holidays known)");
                }
                text
            }
            Flag::AssessmentClock {
                due,
                state,
                working_days,
            } => clock(
                "The assessment",
                *due,
                *state,
                *working_days,
                "check it was completed",
            ),
            Flag::PanelNotification {
                due,
                state,
                working_days,
            } => clock(
                "The serious incident notification to the Child Safeguarding Practice Review \
                 Panel",
                *due,
                *state,
                *working_days,
                "notify the Panel and record it",
            ),
            Flag::OpenDissent {
                person,
                escalation,
                escalated_on,
                ..
            } => match (escalation, escalated_on) {
                (EscalationStage::None, _) => {
                    format!("Dissent from {} is not resolved", escape(&person.label()))
                }
                (stage, Some(date)) => format!(
                    "Dissent from {} escalated to {} on {date} is not resolved",
                    escape(&person.label()),
                    stage.label().to_lowercase()
                ),
                (stage, None) => format!(
                    "Dissent from {} escalated to {} is not resolved",
                    escape(&person.label()),
                    stage.label().to_lowercase()
                ),
            },
            Flag::UndiscussedSpread {
                spread,
                lowest,
                highest,
            } => format!(
                "Safety scales spread by {spread} points ({lowest} to {highest}) with no \
                 discussion recorded"
            ),
            Flag::ManNotSeen { role, .. } => format!(
                "A man around the child is not recorded as seen ({})",
                role.label().to_lowercase()
            ),
            Flag::ChildWithoutOwnRecord { .. } => {
                "Another child in the household has no record of their own".to_string()
            }
            Flag::NoSameDayMedical { medical: None, .. } => {
                "Not independently mobile and injured: no same-day medical recorded".to_string()
            }
            Flag::NoSameDayMedical {
                medical: Some(day),
                seen,
            } => format!(
                "Not independently mobile and injured: the medical is on {day}{}",
                seen.map(|seen| format!(", the injury was seen on {seen}"))
                    .unwrap_or_default()
            ),
            Flag::PreMobileBaby => "Not independently mobile".to_string(),
            Flag::UnbornBaby => "Unborn baby".to_string(),
        }
    }

    /// Orders flags within a row: most urgent band first, then most working days overdue
    /// (or fewest left).
    fn order(&self, other: &Flag) -> Ordering {
        other
            .band()
            .cmp(&self.band())
            .then_with(|| match self.band() {
                Band::DueSoon => self.working_days().cmp(&other.working_days()),
                _ => other.working_days().cmp(&self.working_days()),
            })
    }
}

/// One child's (or record's) row in the hot-spot list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HotSpot {
    /// The record the row comes from (`meta.id`): what the host opens.
    pub record_id: String,
    /// The child's case reference in the host's system.
    pub case_reference: String,
    /// The child's name (or pseudonym) as recorded.
    pub child_name: String,
    /// When the group met.
    pub meeting_date: Option<IsoDate>,
    /// What kind of meeting it was.
    pub meeting_type: Option<MeetingType>,
    /// Draft, final or amended.
    pub status: Status,
    /// The most urgent band of any flag.
    pub band: Band,
    /// The urgency in words: "Overdue by 12 working days", "Due in 2 working days".
    pub urgency: String,
    /// The child is pre-mobile or unborn.
    pub baby: bool,
    /// Working days: for the overdue band the most overdue of any item, for due soon the
    /// fewest left; 0 otherwise.
    pub working_days: i64,
    /// Every flag (at most [`MAX_FLAGS_PER_ROW`]), most urgent first.
    pub flags: Vec<Flag>,
    /// Flags beyond [`MAX_FLAGS_PER_ROW`], counted but not kept.
    pub more_flags: u32,
    /// How many flags of each band, most urgent first (`[overdue, dueSoon, attention,
    /// vulnerable]`), including any not kept.
    pub band_counts: [u32; 4],
}

impl HotSpot {
    /// Distinct people (name and agency) the row's flags concern, in order of first mention.
    pub fn people(&self) -> Vec<&Person> {
        let mut people: Vec<&Person> = Vec::new();
        for person in self.flags.iter().filter_map(Flag::person) {
            if !people
                .iter()
                .any(|seen| seen.name == person.name && seen.agency == person.agency)
            {
                people.push(person);
            }
        }
        people
    }

    /// Flags of one kind kept on the row.
    pub fn count_of(&self, kind: &str) -> usize {
        self.flags.iter().filter(|flag| flag.kind() == kind).count()
    }
}

/// The urgency order: most urgent first, and total (ties broken by case reference and record
/// id), so the same records always give the same list.
pub fn urgency_order(first: &HotSpot, second: &HotSpot) -> Ordering {
    second
        .band
        .cmp(&first.band)
        .then_with(|| second.baby.cmp(&first.baby))
        .then_with(|| match first.band {
            Band::DueSoon => first.working_days.cmp(&second.working_days),
            _ => second.working_days.cmp(&first.working_days),
        })
        .then_with(|| {
            let total = |row: &HotSpot| row.band_counts.iter().sum::<u32>();
            total(second).cmp(&total(first))
        })
        .then_with(|| first.case_reference.cmp(&second.case_reference))
        .then_with(|| first.record_id.cmp(&second.record_id))
}

/// Sorts rows most urgent first.
pub fn sort_by_urgency(rows: &mut [HotSpot]) {
    rows.sort_by(urgency_order);
}

/// A record's place in the caseload: which child, how recent, and its row (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseloadEntry {
    /// The record, by its id.
    pub record: Key,
    /// The child, told apart by case reference, name and date of birth ([`child_key`]).
    pub child: Key,
    /// The meeting date, for choosing a child's most recent record.
    pub meeting_date: Option<IsoDate>,
    /// When the record was created, to break ties between meetings on the same day.
    pub created_at: Timestamp,
    /// The row, when anything is flagged (boxed: most entries of a large input have none).
    pub hot_spot: Option<Box<HotSpot>>,
}

impl CaseloadEntry {
    /// Works out the entry for a record.
    pub fn of(record: &DecisionRecord, settings: &Settings, config: &Config) -> Self {
        CaseloadEntry {
            record: Key::of(&record.meta.id),
            child: Key::of(&child_key(record)),
            meeting_date: record.meeting.date,
            created_at: record.meta.created_at,
            hot_spot: settings
                .hot_spots
                .then(|| assess(record, settings, config).map(Box::new))
                .flatten(),
        }
    }

    /// When the record is, for choosing a child's most recent record.
    pub fn recency(&self) -> Recency {
        Recency::new(self.meeting_date, self.created_at, self.record)
    }
}

/// A record or a child, told apart from every other in 16 bytes: the first 128 bits of the
/// SHA-256 of its id (or of [`child_key`]). Two of a million collide with a chance near
/// 10⁻²⁷, so the analysis keeps these rather than the strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key([u64; 2]);

impl Key {
    /// The key of `text`.
    pub fn of(text: &str) -> Key {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(text.as_bytes());
        let half = |at: usize| {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(&digest[at..at + 8]);
            u64::from_be_bytes(bytes)
        };
        Key([half(0), half(8)])
    }
}

/// How recent a record is, in 24 bytes: the meeting day, then the creation time, then (for
/// a total order) the record's key. Ordered so that the larger is the more recent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Recency {
    /// The meeting day as a Julian day number (`i32::MIN`: not recorded).
    meeting: i32,
    /// The creation time in nanoseconds since 1970 (as far as 2262).
    created: i64,
    /// The record's key.
    record: Key,
}

impl Recency {
    pub fn new(meeting: Option<IsoDate>, created: Timestamp, record: Key) -> Self {
        let nanos = created.0.unix_timestamp_nanos();
        Recency {
            meeting: meeting.map_or(i32::MIN, |date| date.0.to_julian_day()),
            created: i64::try_from(nanos).unwrap_or(if nanos < 0 { i64::MIN } else { i64::MAX }),
            record,
        }
    }
}

/// Case reference, name and date of birth of the child, or the record id when the record
/// names no child (the text a child's [`Key`] is taken from).
pub fn child_key(record: &DecisionRecord) -> String {
    match record.child() {
        Some(child)
            if !(child.case_reference.trim().is_empty() && child.name.trim().is_empty()) =>
        {
            format!(
                "child\u{0}{}\u{0}{}\u{0}{}",
                child.case_reference.trim(),
                child.name.trim().to_lowercase(),
                child
                    .date_of_birth
                    .or(child.expected_date)
                    .map(|date| date.to_string())
                    .unwrap_or_default()
            )
        }
        _ => format!("record\u{0}{}", record.meta.id),
    }
}

/// Working days overdue: how many working days after `due` up to and including `as_of`.
/// Positive means overdue.
fn overdue_by(due: Date, settings: &Settings) -> i64 {
    working_days_between(due, settings.as_of, &settings.holidays)
}

/// Where a clock due on `due` stands, or `None` when it is neither passed nor due soon.
fn clock_state(due: Date, settings: &Settings) -> Option<(ClockState, i64)> {
    let overdue = overdue_by(due, settings);
    if overdue >= 1 {
        return Some((ClockState::Passed, overdue));
    }
    // Not a working day late: due today, ahead, or due on a non-working day just gone.
    let left = working_days_between(settings.as_of, due, &settings.holidays).max(0);
    (left <= i64::from(settings.due_within)).then_some((ClockState::DueSoon, left))
}

/// Every flag for a record, as of the settings' date, and the row they make (`None` when
/// nothing is flagged).
pub fn assess(record: &DecisionRecord, settings: &Settings, config: &Config) -> Option<HotSpot> {
    let mut flags = Vec::new();
    for action in &record.actions {
        let open = matches!(
            action.status,
            ActionStatus::NotStarted | ActionStatus::InProgress
        );
        let Some(due) = action.due.filter(|_| open) else {
            continue;
        };
        let overdue = overdue_by(due.0, settings);
        if overdue >= 1 {
            flags.push(Flag::OverdueAction {
                action_id: action.id.clone(),
                task: (!action.is_restricted()).then(|| action.task.trim().to_string()),
                restrictions: action.restrictions(),
                owner: Person::of(record, action.owner_id.as_deref()),
                due,
                status: action.status,
                working_days_overdue: overdue,
            });
        }
    }
    for risk in &record.risks {
        let Some(review_date) = risk.review_date else {
            continue;
        };
        let overdue = overdue_by(review_date.0, settings);
        if overdue >= 1 {
            flags.push(Flag::RiskReviewPassed {
                risk_id: risk.id.clone(),
                description: (!risk.is_restricted()).then(|| risk.description.trim().to_string()),
                restrictions: risk.restrictions(),
                owner: Person::of(record, risk.owner_id.as_deref()),
                review_date,
                working_days_overdue: overdue,
            });
        }
    }
    if let Some((due, reliable)) = icpc_due(record, settings, config) {
        if let Some((state, working_days)) = clock_state(due.0, settings) {
            flags.push(Flag::IcpcClock {
                due,
                state,
                working_days,
                reliable,
            });
        }
    }
    // The group's own date, or the statutory one from the day the concern arose.
    let assessment_due = record.timescales.assessment_due.or_else(|| {
        statutory_clocks(record, config)
            .assessment
            .map(|clock| IsoDate(clock.due))
    });
    if let Some(due) = assessment_due {
        if let Some((state, working_days)) = clock_state(due.0, settings) {
            flags.push(Flag::AssessmentClock {
                due,
                state,
                working_days,
            });
        }
    }
    if let Some(notification) = record.panel_notification() {
        if notification.notified.is_none() {
            let due = panel_notification_due(notification.learned, &config.holidays);
            // Passed or due soon, as a clock; due later is still listed: it is never quiet.
            let (state, working_days) = clock_state(due.0, settings).unwrap_or((
                ClockState::DueSoon,
                working_days_between(settings.as_of, due.0, &settings.holidays),
            ));
            flags.push(Flag::PanelNotification {
                due,
                state,
                working_days,
            });
        }
    }
    for dissent in &record.dissent {
        if dissent.resolution.trim().is_empty() {
            flags.push(Flag::OpenDissent {
                dissent_id: dissent.id.clone(),
                person: Person::of(record, Some(&dissent.participant_id)),
                escalation: dissent.escalation,
                escalated_on: dissent.escalated_on,
            });
        }
    }
    if let Some(spread) = undiscussed_spread(record) {
        flags.push(spread);
    }
    // The same people the record's check asks about (version 3 on).
    for subject in record
        .subjects
        .iter()
        .filter(|_| record.schema_version >= 3)
    {
        if subject.is_man_around_the_child() && subject.seen != Tristate::Yes {
            flags.push(Flag::ManNotSeen {
                subject_id: subject.id.clone(),
                role: subject.role,
            });
        }
        if subject.lacks_own_record() {
            flags.push(Flag::ChildWithoutOwnRecord {
                subject_id: subject.id.clone(),
            });
        }
    }
    let timing = record
        .medical_timing()
        .filter(|_| record.schema_version >= 3);
    match timing {
        Some(MedicalTiming::NotRecorded | MedicalTiming::Undated) => {
            flags.push(Flag::NoSameDayMedical {
                seen: record
                    .injury
                    .as_ref()
                    .and_then(|injury| injury.seen_on)
                    .or(record.meeting.date),
                medical: None,
            })
        }
        Some(MedicalTiming::Later { seen, day }) => flags.push(Flag::NoSameDayMedical {
            seen: Some(seen),
            medical: Some(day),
        }),
        Some(MedicalTiming::SameDay) | None => {}
    }
    let child = record.child();
    if child.is_some_and(|child| child.unborn) {
        flags.push(Flag::UnbornBaby);
    } else if child.is_some_and(|child| child.mobility == Mobility::PreMobile) {
        flags.push(Flag::PreMobileBaby);
    }
    if flags.is_empty() {
        return None;
    }
    flags.sort_by(Flag::order);
    let mut band_counts = [0u32; 4];
    for flag in &flags {
        let slot = Band::ALL
            .iter()
            .position(|band| *band == flag.band())
            .unwrap_or(3);
        band_counts[slot] = band_counts[slot].saturating_add(1);
    }
    let band = flags.first().map_or(Band::Vulnerable, Flag::band);
    let working_days = match band {
        Band::Overdue | Band::DueSoon => flags.first().and_then(Flag::working_days).unwrap_or(0),
        _ => 0,
    };
    let more_flags =
        u32::try_from(flags.len().saturating_sub(MAX_FLAGS_PER_ROW)).unwrap_or(u32::MAX);
    flags.truncate(MAX_FLAGS_PER_ROW);
    let baby = child.is_some_and(|child| child.unborn || child.mobility == Mobility::PreMobile);
    Some(HotSpot {
        record_id: record.meta.id.clone(),
        case_reference: child
            .map(|child| child.case_reference.trim().to_string())
            .unwrap_or_default(),
        child_name: child
            .map(|child| child.name.trim().to_string())
            .unwrap_or_default(),
        meeting_date: record.meeting.date,
        meeting_type: record.meeting.meeting_type,
        status: record.meta.status,
        urgency: urgency_text(band, working_days, baby),
        band,
        baby,
        working_days,
        flags,
        more_flags,
        band_counts,
    })
}

fn urgency_text(band: Band, working_days: i64, baby: bool) -> String {
    let plural = |count: i64| if count == 1 { "" } else { "s" };
    match band {
        Band::Overdue => format!(
            "Overdue by {working_days} working day{}",
            plural(working_days)
        ),
        Band::DueSoon if working_days == 0 => "Due now".to_string(),
        Band::DueSoon => format!("Due in {working_days} working day{}", plural(working_days)),
        Band::Attention => "Needs attention".to_string(),
        Band::Vulnerable if baby => "Baby: no dates due".to_string(),
        Band::Vulnerable => "Vulnerable child".to_string(),
    }
}

/// The ICPC due date and whether it is certain: the date written on finalising, or worked
/// out from the meeting (or `s47StartedOn`) for a draft. `None` when no section 47 enquiry
/// was started.
pub fn icpc_due(
    record: &DecisionRecord,
    settings: &Settings,
    config: &Config,
) -> Option<(IsoDate, bool)> {
    if let Some(due) = record.timescales.icpc_due {
        return Some((due, settings.holidays.covers(due.0)));
    }
    if !starts_section_47(record) {
        return None;
    }
    statutory_clocks(record, config)
        .icpc
        .map(|clock| (IsoDate(clock.due), clock.reliable))
}

/// The undiscussed-spread flag, when the scales spread by 3 or more and the discussion is
/// empty.
fn undiscussed_spread(record: &DecisionRecord) -> Option<Flag> {
    let spread = scale_spread(&record.scales)?;
    if spread < SPREAD_TO_DISCUSS || !record.assessment.scale_discussion.trim().is_empty() {
        return None;
    }
    let scores = record.scales.iter().map(|scale| scale.score);
    Some(Flag::UndiscussedSpread {
        spread,
        lowest: scores.clone().min().unwrap_or(0),
        highest: scores.max().unwrap_or(0),
    })
}

/// Whether any subject is the child's father or a male carer.
pub fn is_father_or_male_carer(role: SubjectRole) -> bool {
    matches!(role, SubjectRole::Father | SubjectRole::MaleCarer)
}

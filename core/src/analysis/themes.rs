//! Partnership themes: counts across every record, as small tables.
//!
//! Every record counts, including a child's earlier discussions (each discussion is an
//! event the partnership wants to see), unlike the hot-spot list which keeps each child's
//! most recent record. The themes:
//!
//! - `overview`: records, children, drafts and final records, the span of meeting dates.
//! - `attendance`: per agency, people invited, attended, sent apologies or information only,
//!   the attendance and apology rates, and the share of meetings the agency attended.
//! - `outcomes`: decisions by Standard Safeguarding Dataset section 47 outcome, with the
//!   dataset's `s47e_s47_outcome_json` flag for each.
//! - `decisionTypes`: decisions by type.
//! - `fathers`: records that identify a father or male carer, name him, know his history.
//! - `unknowns`: what the records show is not known, by kind; `gaps`: the information gaps
//!   the groups listed, with and without an owner and a date.
//! - `divergence`: how often the safety scales spread by 3 or more, and how often that was
//!   discussed; `dissent`: how often someone disagreed and whether it was resolved;
//!   `escalations`: how far disagreements went and how they ended.
//! - `wellbeing`: from the professionals' wellbeing debrief documents (not records), the
//!   professionals offered a debrief and those who took it up, by agency.
//! - `icpc` and `icpcTimeliness`: section 47 enquiries and the 15-working-day standard for
//!   the initial child protection conference (see the `icpc` table's description for what
//!   the records can and cannot say).

use super::facts::{RecordFacts, UnknownKind};
use super::table::{Cell, Chart, Column, Group, ThemeTable};
use super::InputCounts;
use crate::meeting::Deadlines;
use crate::record::{
    Attendance, DecisionType, EscalationStage, HarmCategory, IsoDate, MedicalTiming, S47Outcome,
    ThresholdAnswer, Tristate, WellbeingDocument,
};
use std::collections::BTreeMap;
use time::Date;

/// The most distinct agency names counted separately; the rest are pooled, so a stream of
/// records with made-up agency names cannot use unbounded memory.
pub const MAX_AGENCIES: usize = 100;

/// The row that pools agencies beyond [`MAX_AGENCIES`].
pub const OTHER_AGENCIES: &str = "Other agencies (beyond the first 100 names)";

/// The row for participants with no agency recorded.
pub const NO_AGENCY: &str = "Agency not recorded";

/// The Standard Safeguarding Dataset's flag (in `s47e_s47_outcome_json`) for each outcome.
/// Some extracts prefix them with `OUTCOME_` (all but `OTHER_OUTCOMES_EXIST_FLAG`).
pub fn ssd_flag(outcome: S47Outcome) -> &'static str {
    match outcome {
        S47Outcome::Icpc => "CP_CONFERENCE_FLAG",
        S47Outcome::OtherAgencyToMonitor => "MONITOR_FLAG",
        S47Outcome::NfaContinueAssessment => "NFA_CONTINUE_SINGLE_FLAG",
        S47Outcome::LegalAction => "LEGAL_ACTION_FLAG",
        S47Outcome::S17Services => "PROV_OF_SERVICES_FLAG",
        S47Outcome::S17ShortBreaks => "PROV_OF_SB_CARE_FLAG",
        S47Outcome::NoFurtherAction => "NFA_FLAG",
        S47Outcome::Other => "OTHER_OUTCOMES_EXIST_FLAG",
    }
}

/// The wire value of an enumeration (its serde name).
pub use crate::record::wire_name as wire;

/// One agency's attendance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgencyCounts {
    /// People invited (every participant).
    pub invited: u64,
    /// Of those, who attended.
    pub attended: u64,
    /// Who sent apologies.
    pub apologies: u64,
    /// Who sent information only.
    pub sent_information: u64,
    /// Meetings with at least one person from the agency attending.
    pub meetings_attended: u64,
}

/// The running counts behind the themes. Adding a record's facts is all it does: it never
/// holds a record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThemeCounts {
    records: u64,
    finalised: u64,
    earliest: Option<IsoDate>,
    latest: Option<IsoDate>,
    agencies: BTreeMap<String, AgencyCounts>,
    decisions: u64,
    decision_types: BTreeMap<usize, u64>,
    decisions_without_type: u64,
    outcomes: BTreeMap<usize, u64>,
    records_with_outcome: u64,
    records_without_decision: u64,
    men_recorded: u64,
    men_named: u64,
    men_history_known: u64,
    version_3_records: u64,
    /// Yes, no, not yet, not answered.
    threshold_answers: [u64; 4],
    /// By [`HarmCategory::ALL`], for a yes.
    harm_categories: [u64; 4],
    men_around: u64,
    men_seen: u64,
    men_checked: u64,
    men_police_checked: u64,
    men_caring_alone: u64,
    /// Same day, a later day, no day, none recorded.
    medicals: [u64; 4],
    interpreter_needed: u64,
    /// Records with a parent or carer; with adversity known, yes; care experience known,
    /// yes.
    carers: [u64; 5],
    /// A recent change of worker: yes, no, not known.
    worker_changes: [u64; 3],
    /// Disagreements by the agency disagreeing and the chair's agency: recorded, escalated,
    /// resolved.
    dissent_between: BTreeMap<(String, String), [u64; 3]>,
    child_disability: u64,
    child_culture: u64,
    /// Records with the day the concern arose: the strategy discussion within the local
    /// timescale, and after it.
    strategy_discussions: (u64, u64),
    /// Working days from the concern to the meeting: the same day, 1, 2, 3 to 5, more.
    concern_to_meeting: [u64; 5],
    /// Conferences held (recorded in a follow-up): within the standard, after it.
    conferences_held: (u64, u64),
    /// The timescales the clocks and the standards are counted with.
    deadlines: Deadlines,
    /// Wellbeing debrief documents read (not records: they name no child).
    debriefs: u64,
    /// Those whose debrief was offered to the group.
    debriefs_offered_to_group: u64,
    /// Per agency: professionals recorded in a debrief document, offered one, who took it up.
    debrief_people: BTreeMap<String, [u64; 3]>,
    unknowns: [u64; UnknownKind::ALL.len()],
    gap_items: u64,
    gaps_without_owner: u64,
    gaps_without_due: u64,
    gaps_due_passed: u64,
    records_with_two_scales: u64,
    spread_three_plus: u64,
    spread_three_plus_discussed: u64,
    records_with_dissent: u64,
    dissent: [(u64, u64); 4],
    s47_records: u64,
    icpc_due_passed: u64,
    icpc_decisions: u64,
    icpc_decisions_dated: u64,
    /// Working days from s47 start to the ICPC decision: index = days, the last slot counts
    /// everything beyond.
    icpc_days: Vec<u64>,
}

/// The largest number of working days counted exactly for the ICPC decision's timing.
const ICPC_DAYS_EXACT: usize = 120;

fn stage_index(stage: EscalationStage) -> usize {
    EscalationStage::ALL
        .iter()
        .position(|known| *known == stage)
        .unwrap_or(0)
}

fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|known| known == value).unwrap_or(0)
}

impl ThemeCounts {
    /// No records yet, counted against these timescales.
    pub fn new(deadlines: Deadlines) -> Self {
        ThemeCounts {
            deadlines,
            ..ThemeCounts::default()
        }
    }

    /// Counts one wellbeing debrief document: the professionals offered a debrief and who
    /// took it up, by agency. Its notes are never read.
    pub fn add_debrief(&mut self, debrief: &WellbeingDocument) {
        self.debriefs += 1;
        self.debriefs_offered_to_group += u64::from(debrief.offered == Tristate::Yes);
        for person in &debrief.people {
            let agency = person.agency.trim();
            let row = if agency.is_empty() {
                NO_AGENCY.to_string()
            } else if self.debrief_people.contains_key(agency)
                || self.debrief_people.len() < MAX_AGENCIES
            {
                agency.to_string()
            } else {
                OTHER_AGENCIES.to_string()
            };
            let counts = self.debrief_people.entry(row).or_default();
            counts[0] += 1;
            counts[1] += u64::from(person.offered == Tristate::Yes);
            counts[2] += u64::from(person.taken_up == Tristate::Yes);
        }
    }

    /// Counts one record.
    pub fn add(&mut self, facts: &RecordFacts) {
        self.records += 1;
        self.finalised += u64::from(facts.finalised);
        if let Some(date) = facts.meeting_date {
            self.earliest = Some(self.earliest.map_or(date, |earliest| earliest.min(date)));
            self.latest = Some(self.latest.map_or(date, |latest| latest.max(date)));
        }
        let mut attended_here: Vec<&str> = Vec::new();
        for (agency, attendance) in &facts.attendance {
            let name = self.agency_row(agency);
            let counts = self.agencies.entry(name.clone()).or_default();
            counts.invited += 1;
            match attendance {
                Attendance::Attended => {
                    counts.attended += 1;
                    if !attended_here.contains(&agency.as_str()) {
                        attended_here.push(agency);
                        counts.meetings_attended += 1;
                    }
                }
                Attendance::Apologies => counts.apologies += 1,
                Attendance::SentInformation => counts.sent_information += 1,
            }
        }
        self.decisions += facts.decision_types.len() as u64;
        for kind in &facts.decision_types {
            match kind {
                Some(kind) => {
                    *self
                        .decision_types
                        .entry(index_of(DecisionType::ALL, kind))
                        .or_default() += 1;
                }
                None => self.decisions_without_type += 1,
            }
        }
        if facts.decision_types.is_empty() {
            self.records_without_decision += 1;
        }
        for outcome in &facts.outcomes {
            *self
                .outcomes
                .entry(index_of(S47Outcome::ALL, outcome))
                .or_default() += 1;
        }
        self.records_with_outcome += u64::from(!facts.outcomes.is_empty());
        self.men_recorded += u64::from(facts.man_recorded);
        self.men_named += u64::from(facts.man_named);
        self.men_history_known += u64::from(facts.man_history_known);
        let carers = facts.carers_history;
        for (slot, counted) in [
            carers.carer_recorded,
            carers.adversity_known,
            carers.adversity,
            carers.care_known,
            carers.care_experienced,
        ]
        .into_iter()
        .enumerate()
        {
            self.carers[slot] += u64::from(counted);
        }
        self.worker_changes[index_of(&Tristate::ALL, &facts.worker_change)] += 1;
        for (from, chair, escalated, resolved) in &facts.dissent_between {
            let key = (self.agency_row(from), self.agency_row(chair));
            let key = if self.dissent_between.contains_key(&key)
                || self.dissent_between.len() < MAX_AGENCIES
            {
                key
            } else {
                (OTHER_AGENCIES.to_string(), OTHER_AGENCIES.to_string())
            };
            let counts = self.dissent_between.entry(key).or_default();
            counts[0] += 1;
            counts[1] += u64::from(*escalated);
            counts[2] += u64::from(*resolved);
        }
        if let Some(days) = facts.conference_held_after {
            if days <= i64::from(self.deadlines.icpc) {
                self.conferences_held.0 += 1;
            } else {
                self.conferences_held.1 += 1;
            }
        }
        if let Some(days) = facts.concern_to_meeting {
            let band = match days {
                ..=0 => 0,
                1 => 1,
                2 => 2,
                3..=5 => 3,
                _ => 4,
            };
            self.concern_to_meeting[band] += 1;
        }
        match facts.strategy_discussion_in_time {
            Some(true) => self.strategy_discussions.0 += 1,
            Some(false) => self.strategy_discussions.1 += 1,
            None => {}
        }
        if let Some(v3) = &facts.version_3 {
            self.version_3_records += 1;
            let answer = match v3.threshold {
                Some(answer) => index_of(ThresholdAnswer::ALL, &answer),
                None => ThresholdAnswer::ALL.len(),
            };
            self.threshold_answers[answer] += 1;
            for category in &v3.harm_categories {
                self.harm_categories[index_of(HarmCategory::ALL, category)] += 1;
            }
            self.men_around += v3.men_around;
            self.men_seen += v3.men_seen;
            self.men_checked += v3.men_checked;
            self.men_police_checked += v3.men_police_checked;
            self.men_caring_alone += v3.men_caring_alone;
            self.interpreter_needed += u64::from(v3.interpreter_needed);
            self.child_disability += u64::from(v3.child_disability);
            self.child_culture += u64::from(v3.child_culture);
            if let Some(timing) = v3.medical {
                let slot = match timing {
                    MedicalTiming::SameDay => 0,
                    MedicalTiming::Later { .. } => 1,
                    MedicalTiming::Undated => 2,
                    MedicalTiming::NotRecorded => 3,
                };
                self.medicals[slot] += 1;
            }
        }
        for (slot, kind) in UnknownKind::ALL.iter().enumerate() {
            self.unknowns[slot] += u64::from(facts.has_unknown(*kind));
        }
        self.gap_items += facts.gap_items;
        self.gaps_without_owner += facts.gaps_without_owner;
        self.gaps_without_due += facts.gaps_without_due;
        self.gaps_due_passed += facts.gaps_due_passed;
        if facts.scales >= 2 {
            self.records_with_two_scales += 1;
            if facts.spread.is_some_and(|spread| spread >= 3) {
                self.spread_three_plus += 1;
                self.spread_three_plus_discussed += u64::from(facts.spread_discussed);
            }
        }
        self.records_with_dissent += u64::from(!facts.dissent.is_empty());
        for (stage, resolved) in &facts.dissent {
            let slot = &mut self.dissent[stage_index(*stage)];
            if *resolved {
                slot.0 += 1;
            } else {
                slot.1 += 1;
            }
        }
        if let Some(icpc) = facts.icpc {
            self.s47_records += 1;
            self.icpc_due_passed += u64::from(icpc.due_date_passed);
        }
        if let Some(decision) = facts.icpc_decision {
            self.icpc_decisions += 1;
            if let Some(days) = decision.working_days.filter(|days| *days >= 0) {
                self.icpc_decisions_dated += 1;
                if self.icpc_days.is_empty() {
                    self.icpc_days = vec![0; ICPC_DAYS_EXACT + 2];
                }
                let slot = usize::try_from(days)
                    .unwrap_or(usize::MAX)
                    .min(ICPC_DAYS_EXACT + 1);
                self.icpc_days[slot] += 1;
            }
        }
    }

    /// The row an agency's people are counted in.
    fn agency_row(&self, agency: &str) -> String {
        if agency.is_empty() {
            NO_AGENCY.to_string()
        } else if self.agencies.contains_key(agency) || self.agencies.len() < MAX_AGENCIES {
            agency.to_string()
        } else {
            OTHER_AGENCIES.to_string()
        }
    }

    /// Records counted.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// One agency's attendance counts.
    pub fn agency(&self, name: &str) -> Option<AgencyCounts> {
        self.agencies.get(name).copied()
    }

    /// Working days from the start of section 47 enquiries to the decision to convene an
    /// ICPC, within the standard and beyond it.
    fn icpc_split(&self) -> (u64, u64) {
        let limit = self.deadlines.icpc as usize;
        let within = self.icpc_days.iter().take(limit + 1).sum();
        let beyond = self.icpc_days.iter().skip(limit + 1).sum();
        (within, beyond)
    }

    /// The median of the ICPC decision timings, from the histogram.
    fn icpc_median(&self) -> Option<f64> {
        let count = self.icpc_decisions_dated;
        if count == 0 {
            return None;
        }
        let nth = |rank: u64| -> f64 {
            let mut seen = 0;
            for (days, number) in self.icpc_days.iter().enumerate() {
                seen += number;
                if seen > rank {
                    return days as f64;
                }
            }
            ICPC_DAYS_EXACT as f64 + 1.0
        };
        Some(if count % 2 == 1 {
            nth(count / 2)
        } else {
            (nth(count / 2 - 1) + nth(count / 2)) / 2.0
        })
    }

    /// The themes as tables, unsuppressed (see [`ThemeTable::suppress`]).
    pub fn tables(&self, counts: &InputCounts, as_of: Date) -> Vec<ThemeTable> {
        vec![
            self.overview(counts),
            self.attendance(),
            self.outcomes(),
            self.decision_types(),
            self.fathers(),
            self.threshold(),
            self.men_around_the_child(),
            self.medicals(),
            self.needs(),
            self.carers_history(),
            self.worker_changes(),
            self.unknowns(),
            self.gaps(as_of),
            self.divergence(),
            self.dissent(),
            self.escalations(),
            self.dissent_between(),
            self.strategy_discussions(),
            self.concern_to_meeting(),
            self.icpc(as_of),
            self.icpc_timeliness(),
            self.conferences_held(),
            self.wellbeing(),
        ]
    }

    fn wellbeing(&self) -> ThemeTable {
        let rows = self
            .debrief_people
            .iter()
            .enumerate()
            .map(|(index, (agency, [recorded, offered, taken_up]))| {
                vec![
                    Cell::text(agency.clone()),
                    Cell::count(*recorded),
                    Cell::count(*offered),
                    Cell::count(*taken_up),
                    Cell::percent(*taken_up, *offered, vec![(index, 2), (index, 3)]),
                ]
            })
            .collect();
        let column = |id, label| Column { id, label };
        let (debriefs, offered) = (self.debriefs, self.debriefs_offered_to_group);
        ThemeTable {
            id: "wellbeing",
            title: "The professionals' wellbeing debriefs",
            description: format!(
                "From the wellbeing debrief documents the widget hands the host apart from \
                 the children's records ({debriefs} read; in {offered} a debrief was offered \
                 to the group): the professionals recorded in them, by agency, how many were \
                 offered a debrief and how many took it up. No child, family member or \
                 professional is named in them."
            ),
            columns: vec![
                column("agency", "Agency"),
                column("recorded", "Professionals recorded"),
                column("offered", "Offered a debrief"),
                column("takenUp", "Took it up"),
                column("takenUpPercent", "Share of those offered who took it up"),
            ],
            rows,
            groups: Vec::new(),
            chart: Some(Chart {
                column: 2,
                skip_last_rows: 0,
            }),
            threshold: 0,
        }
    }

    fn overview(&self, counts: &InputCounts) -> ThemeTable {
        let span = match (self.earliest, self.latest) {
            (Some(first), Some(last)) => format!("{first} to {last}"),
            _ => "–".to_string(),
        };
        let rows = vec![
            vec![
                Cell::text("Records analysed"),
                Cell::count(self.records),
                Cell::text(""),
            ],
            vec![
                Cell::text("Children"),
                Cell::count(counts.children),
                Cell::text(""),
            ],
            vec![
                Cell::text("Final or amended records"),
                Cell::count(self.finalised),
                Cell::percent(self.finalised, self.records, vec![(0, 1), (2, 1)]),
            ],
            vec![
                Cell::text("Draft records"),
                Cell::count(self.records - self.finalised),
                Cell::percent(
                    self.records - self.finalised,
                    self.records,
                    vec![(0, 1), (3, 1)],
                ),
            ],
            vec![
                Cell::text("Meeting dates"),
                Cell::text(span),
                Cell::text(""),
            ],
        ];
        ThemeTable {
            id: "overview",
            title: "Records analysed",
            description: format!(
                "Every record that passed the import checks. {} record(s) were skipped as \
                 unreadable or invalid and {} as duplicates; the hot-spot list uses each \
                 child's most recent record, the themes count every record.",
                counts.bad_records, counts.duplicate_records
            ),
            columns: vec![
                Column {
                    id: "measure",
                    label: "Measure",
                },
                Column {
                    id: "count",
                    label: "Count",
                },
                Column {
                    id: "percent",
                    label: "Share of records",
                },
            ],
            groups: vec![Group {
                total: (0, 1),
                parts: vec![(2, 1), (3, 1)],
            }],
            rows,
            chart: None,
            threshold: 0,
        }
    }

    fn attendance(&self) -> ThemeTable {
        let mut agencies: Vec<(&String, &AgencyCounts)> = self.agencies.iter().collect();
        // Most invited first; pooled and unrecorded rows last.
        agencies.sort_by(|first, second| {
            let pooled = |name: &str| name == OTHER_AGENCIES || name == NO_AGENCY;
            pooled(first.0)
                .cmp(&pooled(second.0))
                .then(second.1.invited.cmp(&first.1.invited))
                .then(first.0.cmp(second.0))
        });
        let mut rows = Vec::new();
        let mut groups = Vec::new();
        for (index, (name, counts)) in agencies.iter().enumerate() {
            rows.push(vec![
                Cell::text(name.as_str()),
                Cell::count(counts.invited),
                Cell::count(counts.attended),
                Cell::count(counts.apologies),
                Cell::count(counts.sent_information),
                Cell::percent(
                    counts.attended,
                    counts.invited,
                    vec![(index, 1), (index, 2)],
                ),
                Cell::percent(
                    counts.apologies,
                    counts.invited,
                    vec![(index, 1), (index, 3)],
                ),
                Cell::count(counts.meetings_attended),
                Cell::percent(counts.meetings_attended, self.records, vec![(index, 7)]),
            ]);
            groups.push(Group {
                total: (index, 1),
                parts: vec![(index, 2), (index, 3), (index, 4)],
            });
        }
        ThemeTable {
            id: "attendance",
            title: "Agency attendance",
            description: format!(
                "Everyone invited to the {} meetings, by the agency they spoke for. The \
                 attendance and apology rates are shares of those invited; meetings attended \
                 counts meetings with at least one person from the agency there.",
                self.records
            ),
            columns: vec![
                Column {
                    id: "agency",
                    label: "Agency",
                },
                Column {
                    id: "invited",
                    label: "Invited",
                },
                Column {
                    id: "attended",
                    label: "Attended",
                },
                Column {
                    id: "apologies",
                    label: "Apologies",
                },
                Column {
                    id: "sentInformation",
                    label: "Sent information only",
                },
                Column {
                    id: "attendedPercent",
                    label: "Attendance rate",
                },
                Column {
                    id: "apologiesPercent",
                    label: "Apology rate",
                },
                Column {
                    id: "meetingsAttended",
                    label: "Meetings attended",
                },
                Column {
                    id: "meetingsPercent",
                    label: "Share of meetings",
                },
            ],
            rows,
            groups,
            chart: Some(Chart {
                column: 5,
                skip_last_rows: 0,
            }),
            threshold: 0,
        }
    }

    fn outcomes(&self) -> ThemeTable {
        let total: u64 = self.outcomes.values().sum();
        let total_row = S47Outcome::ALL.len();
        let mut rows: Vec<Vec<Cell>> = S47Outcome::ALL
            .iter()
            .enumerate()
            .map(|(index, outcome)| {
                let count = self.outcomes.get(&index).copied().unwrap_or(0);
                vec![
                    Cell::text(outcome.label()),
                    Cell::text(ssd_flag(*outcome)),
                    Cell::text(wire(outcome)),
                    Cell::count(count),
                    Cell::percent(count, total, vec![(index, 3), (total_row, 3)]),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::text("All outcomes recorded"),
            Cell::text(""),
            Cell::text(""),
            Cell::count(total),
            Cell::text(""),
        ]);
        ThemeTable {
            id: "outcomes",
            title: "Section 47 outcomes",
            description: format!(
                "Decisions with a Standard Safeguarding Dataset outcome code, in {} of {} \
                 records. The flag is the dataset's key in s47e_s47_outcome_json.",
                self.records_with_outcome, self.records
            ),
            columns: vec![
                Column {
                    id: "outcome",
                    label: "Outcome",
                },
                Column {
                    id: "ssdFlag",
                    label: "Standard Safeguarding Dataset flag",
                },
                Column {
                    id: "code",
                    label: "Record value",
                },
                Column {
                    id: "decisions",
                    label: "Decisions",
                },
                Column {
                    id: "percent",
                    label: "Share of outcomes",
                },
            ],
            groups: vec![Group {
                total: (total_row, 3),
                parts: (0..total_row).map(|row| (row, 3)).collect(),
            }],
            rows,
            chart: Some(Chart {
                column: 3,
                skip_last_rows: 1,
            }),
            threshold: 0,
        }
    }

    fn decision_types(&self) -> ThemeTable {
        let mut rows: Vec<Vec<Cell>> = DecisionType::ALL
            .iter()
            .enumerate()
            .map(|(index, kind)| {
                vec![
                    Cell::text(kind.label()),
                    Cell::text(wire(kind)),
                    Cell::count(self.decision_types.get(&index).copied().unwrap_or(0)),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::text("Type not recorded"),
            Cell::text(""),
            Cell::count(self.decisions_without_type),
        ]);
        let total_row = rows.len();
        rows.push(vec![
            Cell::text("All decisions"),
            Cell::text(""),
            Cell::count(self.decisions),
        ]);
        ThemeTable {
            id: "decisionTypes",
            title: "Decisions by type",
            description: format!(
                "Every decision recorded. {} record(s) recorded no decision.",
                self.records_without_decision
            ),
            columns: vec![
                Column {
                    id: "decisionType",
                    label: "Decision",
                },
                Column {
                    id: "code",
                    label: "Record value",
                },
                Column {
                    id: "decisions",
                    label: "Decisions",
                },
            ],
            groups: vec![Group {
                total: (total_row, 2),
                parts: (0..total_row).map(|row| (row, 2)).collect(),
            }],
            rows,
            chart: None,
            threshold: 0,
        }
    }

    /// A measure / count / share table with one denominator per row.
    fn shares(
        id: &'static str,
        title: &'static str,
        description: String,
        unit: &'static str,
        rows: Vec<(String, u64, u64, Option<usize>)>,
    ) -> ThemeTable {
        let cells = rows
            .iter()
            .enumerate()
            .map(|(index, (label, count, of, of_row))| {
                let mut depends_on = vec![(index, 1)];
                depends_on.extend(of_row.map(|row| (row, 1)));
                // A row that is its own denominator (a total) has no share.
                let share = if *of_row == Some(index) {
                    Cell::text("")
                } else {
                    Cell::percent(*count, *of, depends_on)
                };
                vec![Cell::text(label.clone()), Cell::count(*count), share]
            })
            .collect();
        ThemeTable {
            id,
            title,
            description,
            columns: vec![
                Column {
                    id: "measure",
                    label: "Measure",
                },
                Column {
                    id: "count",
                    label: unit,
                },
                Column {
                    id: "percent",
                    label: "Share",
                },
            ],
            rows: cells,
            groups: Vec::new(),
            chart: None,
            threshold: 0,
        }
    }

    fn fathers(&self) -> ThemeTable {
        Self::shares(
            "fathers",
            "Fathers and male carers",
            format!(
                "Records that identify the child's father or a male carer (shares of all {} \
                 records). Men were too often unseen (The Myth of Invisible Men, 2021).",
                self.records
            ),
            "Records",
            vec![
                (
                    "Father or male carer recorded".into(),
                    self.men_recorded,
                    self.records,
                    None,
                ),
                (
                    "Father or male carer named".into(),
                    self.men_named,
                    self.records,
                    None,
                ),
                (
                    "His own history known".into(),
                    self.men_history_known,
                    self.records,
                    None,
                ),
            ],
        )
        .charted(2)
    }

    fn threshold(&self) -> ThemeTable {
        let yes = self.threshold_answers[0];
        let mut rows = vec![(
            "Records of version 3 or later".to_string(),
            self.version_3_records,
            self.version_3_records,
            Some(0),
        )];
        for (slot, answer) in ThresholdAnswer::ALL.iter().enumerate() {
            rows.push((
                answer.label().to_string(),
                self.threshold_answers[slot],
                self.version_3_records,
                Some(0),
            ));
        }
        rows.push((
            "Not answered".to_string(),
            self.threshold_answers[ThresholdAnswer::ALL.len()],
            self.version_3_records,
            Some(0),
        ));
        for (slot, category) in HarmCategory::ALL.iter().enumerate() {
            rows.push((
                format!("Yes, suspecting {}", category.label().to_lowercase()),
                self.harm_categories[slot],
                yes,
                Some(1),
            ));
        }
        Self::shares(
            "threshold",
            "The threshold decision and the categories of harm",
            "Records of version 3 or later (earlier records were never asked) by the answer to \
             \"is there reasonable cause to suspect significant harm?\", as shares of those \
             records; then each category of harm, as a share of the yeses (a record may name \
             more than one)."
                .to_string(),
            "Records",
            rows,
        )
        .charted(1)
    }

    fn men_around_the_child(&self) -> ThemeTable {
        let men = self.men_around;
        Self::shares(
            "menAroundTheChild",
            "Men around the child: seen and checked",
            "Fathers and men who live with or look after the child, in records of version 3 or \
             later, and how many were seen by a professional, checked, and look after the child \
             alone at times, as shares of those men. The national review of serious injuries to \
             babies found such men unseen again and again."
                .to_string(),
            "Men",
            vec![
                ("Men around the child".into(), men, men, Some(0)),
                ("Seen by a professional".into(), self.men_seen, men, Some(0)),
                ("Any check made".into(), self.men_checked, men, Some(0)),
                (
                    "Police records checked".into(),
                    self.men_police_checked,
                    men,
                    Some(0),
                ),
                (
                    "Looks after the child alone at times".into(),
                    self.men_caring_alone,
                    men,
                    Some(0),
                ),
            ],
        )
        .charted(2)
    }

    fn medicals(&self) -> ThemeTable {
        let total: u64 = self.medicals.iter().sum();
        Self::shares(
            "medicals",
            "Medicals for injured children who are not independently mobile",
            "Records of version 3 or later in which a child who is not independently mobile (by \
             age or disability) has an injury recorded, by when the child protection medical \
             is against the day the injury was first seen (or the meeting's day): the bruising \
             protocols ask for the same day."
                .to_string(),
            "Records",
            vec![
                (
                    "Injured, not independently mobile".into(),
                    total,
                    total,
                    Some(0),
                ),
                (
                    "Medical the same day".into(),
                    self.medicals[0],
                    total,
                    Some(0),
                ),
                (
                    "Medical on a later day".into(),
                    self.medicals[1],
                    total,
                    Some(0),
                ),
                (
                    "Medical without a day".into(),
                    self.medicals[2],
                    total,
                    Some(0),
                ),
                (
                    "No medical recorded".into(),
                    self.medicals[3],
                    total,
                    Some(0),
                ),
            ],
        )
        .charted(2)
    }

    fn needs(&self) -> ThemeTable {
        let records = self.version_3_records;
        Self::shares(
            "needs",
            "Language, disability, culture and faith",
            "Records of version 3 or later (earlier records held needs as free text) in which \
             someone in the child's world needs an interpreter, and in which the child's \
             disability or additional needs, and culture, ethnicity and faith, are recorded, \
             as shares of those records."
                .to_string(),
            "Records",
            vec![
                (
                    "Records of version 3 or later".into(),
                    records,
                    records,
                    Some(0),
                ),
                (
                    "Someone needs an interpreter".into(),
                    self.interpreter_needed,
                    records,
                    Some(0),
                ),
                (
                    "The child's disability or additional needs recorded".into(),
                    self.child_disability,
                    records,
                    Some(0),
                ),
                (
                    "The child's culture, ethnicity and faith recorded".into(),
                    self.child_culture,
                    records,
                    Some(0),
                ),
            ],
        )
        .charted(2)
    }

    fn carers_history(&self) -> ThemeTable {
        let [recorded, adversity_known, adversity, care_known, care] = self.carers;
        Self::shares(
            "carersHistory",
            "Parents' and carers' own histories",
            "Records that name a parent or carer, and of those, how many record someone's own \
             childhood adversity and care experience, and how many found it. Context for help, \
             never a score."
                .to_string(),
            "Records",
            vec![
                (
                    "A parent or carer recorded".into(),
                    recorded,
                    recorded,
                    Some(0),
                ),
                (
                    "Childhood adversity known".into(),
                    adversity_known,
                    recorded,
                    Some(0),
                ),
                ("Childhood adversity".into(), adversity, recorded, Some(0)),
                (
                    "Care experience known".into(),
                    care_known,
                    recorded,
                    Some(0),
                ),
                ("Care-experienced".into(), care, recorded, Some(0)),
            ],
        )
        .charted(2)
    }

    fn worker_changes(&self) -> ThemeTable {
        let records = self.records;
        let rows = Tristate::ALL
            .iter()
            .enumerate()
            .map(|(slot, answer)| {
                let label = match answer {
                    Tristate::Yes => "The worker or team changed recently",
                    Tristate::No => "No recent change",
                    Tristate::Unknown => "Not known",
                };
                (label.to_string(), self.worker_changes[slot], records, None)
            })
            .collect();
        Self::shares(
            "workerChanges",
            "Changes of worker around the case",
            format!(
                "Records by whether the allocated worker or team changed in recent months \
                 (shares of all {records} records): organisational flux around a case."
            ),
            "Records",
            rows,
        )
        .charted(2)
    }

    fn dissent_between(&self) -> ThemeTable {
        let rows = self
            .dissent_between
            .iter()
            .enumerate()
            .map(
                |(index, ((from, chair), [recorded, escalated, resolved]))| {
                    vec![
                        Cell::text(format!("{from}, with the chair from {chair}")),
                        Cell::count(*recorded),
                        Cell::count(*escalated),
                        Cell::count(*resolved),
                        Cell::percent(*escalated, *recorded, vec![(index, 1), (index, 2)]),
                    ]
                },
            )
            .collect();
        let column = |id, label| Column { id, label };
        ThemeTable {
            id: "dissentBetween",
            title: "Disagreement between agencies",
            description: "Disagreements by the agency of the person disagreeing and the \
                          chair's agency: how many, how many were escalated beyond the \
                          meeting, and how many were resolved."
                .to_string(),
            columns: vec![
                column("agencies", "Agency disagreeing, and the chair's"),
                column("disagreements", "Disagreements"),
                column("escalated", "Escalated"),
                column("resolved", "Resolved"),
                column("escalatedPercent", "Share escalated"),
            ],
            rows,
            groups: Vec::new(),
            chart: Some(Chart {
                column: 1,
                skip_last_rows: 0,
            }),
            threshold: 0,
        }
    }

    fn unknowns(&self) -> ThemeTable {
        let rows = UnknownKind::ALL
            .iter()
            .enumerate()
            .map(|(slot, kind)| {
                (
                    kind.label().to_string(),
                    self.unknowns[slot],
                    self.records,
                    None,
                )
            })
            .collect();
        Self::shares(
            "unknowns",
            "What is not known, by kind",
            format!(
                "Records showing each kind of unknown, as shares of all {} records. Unknown \
                 is not the same as no: these are gaps in what is gathered.",
                self.records
            ),
            "Records",
            rows,
        )
        .charted(2)
    }

    fn gaps(&self, as_of: Date) -> ThemeTable {
        Self::shares(
            "gaps",
            "Information gaps listed",
            format!(
                "Every information gap the groups listed (something to find out), as shares of \
                 all gaps. \"Date passed\" counts gaps whose date to find out by was at least \
                 one working day before {as_of}; the record does not say whether they were \
                 since filled."
            ),
            "Gaps",
            vec![
                (
                    "Gaps listed".into(),
                    self.gap_items,
                    self.gap_items,
                    Some(0),
                ),
                (
                    "With no one to find out".into(),
                    self.gaps_without_owner,
                    self.gap_items,
                    Some(0),
                ),
                (
                    "With no date to find out by".into(),
                    self.gaps_without_due,
                    self.gap_items,
                    Some(0),
                ),
                (
                    "Date passed".into(),
                    self.gaps_due_passed,
                    self.gap_items,
                    Some(0),
                ),
            ],
        )
    }

    fn divergence(&self) -> ThemeTable {
        Self::shares(
            "divergence",
            "Divergent safety scales",
            "Records where two or more people gave a safety scale; of those, where the scales \
             spread by 3 points or more; of those, where the group's discussion of the \
             difference is recorded."
                .to_string(),
            "Records",
            vec![
                (
                    "Two or more safety scales".into(),
                    self.records_with_two_scales,
                    self.records,
                    None,
                ),
                (
                    "Spread of 3 or more".into(),
                    self.spread_three_plus,
                    self.records_with_two_scales,
                    Some(0),
                ),
                (
                    "Spread discussed".into(),
                    self.spread_three_plus_discussed,
                    self.spread_three_plus,
                    Some(1),
                ),
            ],
        )
    }

    fn dissent(&self) -> ThemeTable {
        let items: u64 = self
            .dissent
            .iter()
            .map(|(resolved, open)| resolved + open)
            .sum();
        let resolved: u64 = self.dissent.iter().map(|(resolved, _)| resolved).sum();
        let mut table = Self::shares(
            "dissent",
            "Dissent",
            format!(
                "Records where someone's disagreement was recorded (share of all {} records), \
                 and the disagreements themselves, resolved or not.",
                self.records
            ),
            "Count",
            vec![
                (
                    "Records with dissent".into(),
                    self.records_with_dissent,
                    self.records,
                    None,
                ),
                ("Disagreements recorded".into(), items, items, Some(1)),
                ("Resolved".into(), resolved, items, Some(1)),
                ("Not resolved".into(), items - resolved, items, Some(1)),
            ],
        );
        table.groups.push(Group {
            total: (1, 1),
            parts: vec![(2, 1), (3, 1)],
        });
        table
    }

    fn escalations(&self) -> ThemeTable {
        let total_row = EscalationStage::ALL.len();
        let mut rows: Vec<Vec<Cell>> = EscalationStage::ALL
            .iter()
            .enumerate()
            .map(|(index, stage)| {
                let (resolved, open) = self.dissent[index];
                vec![
                    Cell::text(stage.label()),
                    Cell::count(resolved + open),
                    Cell::count(resolved),
                    Cell::count(open),
                ]
            })
            .collect();
        let resolved: u64 = self.dissent.iter().map(|(resolved, _)| resolved).sum();
        let open: u64 = self.dissent.iter().map(|(_, open)| open).sum();
        rows.push(vec![
            Cell::text("All disagreements"),
            Cell::count(resolved + open),
            Cell::count(resolved),
            Cell::count(open),
        ]);
        let mut groups: Vec<Group> = (0..=total_row)
            .map(|row| Group {
                total: (row, 1),
                parts: vec![(row, 2), (row, 3)],
            })
            .collect();
        for column in 1..=3 {
            groups.push(Group {
                total: (total_row, column),
                parts: (0..total_row).map(|row| (row, column)).collect(),
            });
        }
        ThemeTable {
            id: "escalations",
            title: "How disagreements ended",
            description: "Disagreements by the furthest stage they were escalated to, and \
                          whether a resolution is recorded."
                .to_string(),
            columns: vec![
                Column {
                    id: "stage",
                    label: "Escalated to",
                },
                Column {
                    id: "disagreements",
                    label: "Disagreements",
                },
                Column {
                    id: "resolved",
                    label: "Resolved",
                },
                Column {
                    id: "open",
                    label: "Not resolved",
                },
            ],
            rows,
            groups,
            chart: None,
            threshold: 0,
        }
    }

    fn strategy_discussions(&self) -> ThemeTable {
        let (within, after) = self.strategy_discussions;
        let total = within + after;
        let days = self.deadlines.strategy_discussion;
        let mut table = Self::shares(
            "strategyDiscussions",
            "Strategy discussions within the local timescale",
            format!(
                "Records with the day the concern arose, by whether the meeting was held within \
                 {days} working day(s) of it (the local timescale)."
            ),
            "Records",
            vec![
                (
                    "With the day the concern arose".into(),
                    total,
                    total,
                    Some(0),
                ),
                (
                    format!("Within {days} working day(s)"),
                    within,
                    total,
                    Some(0),
                ),
                ("Later".into(), after, total, Some(0)),
            ],
        );
        table.chart = Some(Chart {
            column: 2,
            skip_last_rows: 0,
        });
        table
    }

    fn conferences_held(&self) -> ThemeTable {
        let (within, after) = self.conferences_held;
        let total = within + after;
        let days = self.deadlines.icpc;
        Self::shares(
            "conferencesHeld",
            "Initial child protection conferences held",
            format!(
                "Conferences held, as a follow-up of the record that started section 47 \
                 enquiries says, by whether they were held within {days} working days of the \
                 strategy discussion."
            ),
            "Records",
            vec![
                ("Conferences held".into(), total, total, Some(0)),
                (
                    format!("Within {days} working days"),
                    within,
                    total,
                    Some(0),
                ),
                (format!("After {days} working days"), after, total, Some(0)),
            ],
        )
        .charted(2)
    }

    fn concern_to_meeting(&self) -> ThemeTable {
        let total: u64 = self.concern_to_meeting.iter().sum();
        let labels = [
            "The same day",
            "1 working day",
            "2 working days",
            "3 to 5 working days",
            "More than 5 working days",
        ];
        let rows = labels
            .iter()
            .zip(self.concern_to_meeting)
            .map(|(label, count)| (label.to_string(), count, total, None))
            .collect();
        Self::shares(
            "concernToMeeting",
            "Time from the concern to the strategy discussion",
            format!(
                "Working days from the day the concern arose to the meeting, in the {total} \
                 records with both dates (a meeting recorded before the concern counts as the \
                 same day)."
            ),
            "Records",
            rows,
        )
        .charted(2)
    }

    fn icpc(&self, as_of: Date) -> ThemeTable {
        let (within, beyond) = self.icpc_split();
        let mut table = Self::shares(
            "icpc",
            "Initial child protection conferences",
            format!(
                "Records that started section 47 enquiries (share of all records) and, as of \
                 {as_of}, whether the conference's due date ({} working days \
                 after the strategy discussion) has passed. The record has no field for the \
                 date a conference was held, so the timing against the standard is measured \
                 to the meeting that recorded the decision to convene one (0 when it was the \
                 strategy discussion itself).",
                self.deadlines.icpc
            ),
            "Records",
            vec![
                (
                    "Section 47 enquiries started".into(),
                    self.s47_records,
                    self.records,
                    None,
                ),
                (
                    "Conference due date passed".into(),
                    self.icpc_due_passed,
                    self.s47_records,
                    Some(0),
                ),
                (
                    "Decision to convene a conference recorded".into(),
                    self.icpc_decisions,
                    self.records,
                    None,
                ),
                (
                    format!("Decided within {} working days", self.deadlines.icpc),
                    within,
                    self.icpc_decisions_dated,
                    None,
                ),
                (
                    format!("Decided after {} working days", self.deadlines.icpc),
                    beyond,
                    self.icpc_decisions_dated,
                    None,
                ),
            ],
        );
        // The two timings add up to the dated decisions: a total the table does not show,
        // so each percentage also depends on the other count.
        if let Some(Cell::Percent { depends_on, .. }) = table.rows[3].get_mut(2) {
            depends_on.push((4, 1));
        }
        if let Some(Cell::Percent { depends_on, .. }) = table.rows[4].get_mut(2) {
            depends_on.push((3, 1));
        }
        table.rows.push(vec![
            Cell::text("Median working days to the decision"),
            Cell::Number {
                value: self.icpc_median(),
                basis: self.icpc_decisions_dated,
                suppressed: false,
            },
            Cell::text(""),
        ]);
        table
    }

    fn icpc_timeliness(&self) -> ThemeTable {
        let buckets: [(&str, usize, usize); 5] = [
            ("0 to 5 working days", 0, 5),
            ("6 to 10 working days", 6, 10),
            ("11 to 15 working days", 11, 15),
            ("16 to 20 working days", 16, 20),
            ("More than 20 working days", 21, usize::MAX),
        ];
        let total_row = buckets.len();
        let mut rows: Vec<Vec<Cell>> = buckets
            .iter()
            .map(|(label, from, to)| {
                let count: u64 = self
                    .icpc_days
                    .iter()
                    .enumerate()
                    .filter(|(days, _)| days >= from && days <= to)
                    .map(|(_, count)| count)
                    .sum();
                vec![Cell::text(*label), Cell::count(count)]
            })
            .collect();
        rows.push(vec![
            Cell::text("All dated decisions"),
            Cell::count(self.icpc_decisions_dated),
        ]);
        ThemeTable {
            id: "icpcTimeliness",
            title: "Time from strategy discussion to the decision to convene a conference",
            description: format!(
                "Working days from the discussion that started section 47 enquiries to the \
                 meeting that recorded the decision to convene an initial child protection \
                 conference, against the {}-working-day standard.",
                self.deadlines.icpc
            ),
            columns: vec![
                Column {
                    id: "workingDays",
                    label: "Working days",
                },
                Column {
                    id: "decisions",
                    label: "Decisions",
                },
            ],
            groups: vec![Group {
                total: (total_row, 1),
                parts: (0..total_row).map(|row| (row, 1)).collect(),
            }],
            rows,
            chart: Some(Chart {
                column: 1,
                skip_last_rows: 1,
            }),
            threshold: 0,
        }
    }
}

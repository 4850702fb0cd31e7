//! The records as tidy tables: one row per record, participant, person in the child's
//! world, information item, gap, safety scale, risk, action, decision and disagreement, for
//! an analyst to load into DuckDB, a spreadsheet or Spark.
//!
//! [`TABLES`] describes every table and column (`docs/analysis.md` is the same list for
//! people, and a test keeps the two in step). Each table is written twice, as CSV
//! (RFC 4180, every cell through the spreadsheet guards of [`super::csv`], ids included: an
//! id is a free string in the record format) and as JSON Lines (one object per line, keys in
//! column order, absent values `null`, the exact text), with the same rows in the same
//! order.
//!
//! Deliberate omissions: free text and people's names ([`Kind::Words`] columns) unless the
//! analyst asks for them (`flatten --with-text`), the child's and family's names even then
//! (the case reference is the key to the host's system), and the text of items marked
//! restricted (their restrictions are kept, so they can still be counted). The wellbeing
//! debrief is never exported, as elsewhere.

use super::csv;
use super::hotspots::is_father_or_male_carer;
use super::themes::{ssd_flag, wire};
use crate::meeting::{scale_spread, starts_section_47};
use crate::record::{
    AssessmentColumn, Attendance, DecisionRecord, Injury, MedicalTiming, Restricted, Restrictions,
};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Short text from the record that names no one (an agency, a role, a procedure, a
    /// case reference).
    Text,
    /// Free text, or a professional's name: written only when asked for (`--with-text`),
    /// `null` otherwise.
    Words,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339 in UTC.
    Timestamp,
    /// A value from a fixed list (the record's camelCase wire values).
    Code,
    /// An identifier.
    Id,
}

impl Kind {
    /// The name used in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Words => "words",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
            Kind::Timestamp => "timestamp",
            Kind::Code => "code",
            Kind::Id => "id",
        }
    }
}

/// One column of a flat table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Its name (camelCase), the CSV header and the JSON key.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
}

/// One flat table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableSpec {
    /// Its name: the files are `NAME.csv` and `NAME.jsonl`.
    pub name: &'static str,
    /// The columns that together identify a row.
    pub key: &'static [&'static str],
    /// Its columns, in order.
    pub columns: &'static [ColumnSpec],
}

const fn column(name: &'static str, kind: Kind) -> ColumnSpec {
    ColumnSpec { name, kind }
}

/// Every table, in the order they are written.
pub const TABLES: [TableSpec; 16] = [
    TableSpec {
        name: "records",
        key: &["recordId"],
        columns: &[
            column("recordId", Kind::Id),
            column("source", Kind::Text),
            column("schemaVersion", Kind::Integer),
            column("status", Kind::Code),
            column("createdAt", Kind::Timestamp),
            column("finalisedAt", Kind::Timestamp),
            column("procedureName", Kind::Text),
            column("procedureVersion", Kind::Text),
            column("meetingType", Kind::Code),
            column("meetingMode", Kind::Code),
            column("meetingDate", Kind::Date),
            column("chairId", Kind::Id),
            column("childCaseReference", Kind::Text),
            column("childDateOfBirth", Kind::Date),
            column("childUnborn", Kind::Boolean),
            column("childExpectedDate", Kind::Date),
            column("childMobility", Kind::Code),
            column("fatherOrMaleCarerRecorded", Kind::Boolean),
            column("fatherOrMaleCarerNamed", Kind::Boolean),
            column("recentWorkerChange", Kind::Code),
            column("participants", Kind::Integer),
            column("attended", Kind::Integer),
            column("informationItems", Kind::Integer),
            column("gaps", Kind::Integer),
            column("scales", Kind::Integer),
            column("scaleSpread", Kind::Integer),
            column("scaleDiscussionRecorded", Kind::Boolean),
            column("decisions", Kind::Integer),
            column("s47Started", Kind::Boolean),
            column("s47StartedOn", Kind::Date),
            column("icpcDue", Kind::Date),
            column("distributionDue", Kind::Date),
            column("assessmentDue", Kind::Date),
            column("nextReview", Kind::Date),
            column("risks", Kind::Integer),
            column("actions", Kind::Integer),
            column("dissent", Kind::Integer),
            column("amendments", Kind::Integer),
            column("linkedRecords", Kind::Text),
            column("concernRaisedOn", Kind::Date),
            column("thresholdAnswer", Kind::Code),
            column("thresholdRoute", Kind::Code),
            column("harmCategories", Kind::Code),
            column("injuryRecorded", Kind::Boolean),
            column("explanationFits", Kind::Code),
            column("medicalDate", Kind::Date),
            column("medicalTiming", Kind::Code),
            column("article6", Kind::Code),
            column("specialCategory", Kind::Code),
            column("familyTold", Kind::Code),
        ],
    },
    TableSpec {
        name: "participants",
        key: &["recordId", "participantId"],
        columns: &[
            column("recordId", Kind::Id),
            column("participantId", Kind::Id),
            column("name", Kind::Words),
            column("role", Kind::Text),
            column("agency", Kind::Text),
            column("attendance", Kind::Code),
            column("decisionAuthority", Kind::Code),
            column("chair", Kind::Boolean),
        ],
    },
    TableSpec {
        name: "subjects",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("subjectId", Kind::Id),
            column("role", Kind::Code),
            column("dateOfBirth", Kind::Date),
            column("unborn", Kind::Boolean),
            column("mobility", Kind::Code),
            column("livesWithChild", Kind::Code),
            column("parentalResponsibility", Kind::Code),
            column("seen", Kind::Code),
            column("checks", Kind::Code),
            column("caresAlone", Kind::Code),
            column("ownRecordLinked", Kind::Boolean),
            column("ownDecisionRecorded", Kind::Boolean),
            column("toBeExamined", Kind::Code),
            column("interpreter", Kind::Code),
            column("language", Kind::Text),
            column("disabilityRecorded", Kind::Boolean),
            column("childhoodAdversity", Kind::Code),
            column("careExperienced", Kind::Code),
            column("restrictions", Kind::Code),
        ],
    },
    TableSpec {
        name: "information",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("informationId", Kind::Id),
            column("sourceAgency", Kind::Text),
            column("sharedById", Kind::Id),
            column("sharedByAgency", Kind::Text),
            column("kind", Kind::Code),
            column("basis", Kind::Code),
            column("date", Kind::Date),
            column("restrictions", Kind::Code),
            column("content", Kind::Words),
        ],
    },
    TableSpec {
        name: "gaps",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("gapId", Kind::Id),
            column("ownerId", Kind::Id),
            column("ownerAgency", Kind::Text),
            column("due", Kind::Date),
            column("restrictions", Kind::Code),
            column("unknown", Kind::Words),
        ],
    },
    TableSpec {
        name: "scales",
        key: &["recordId", "participantId"],
        columns: &[
            column("recordId", Kind::Id),
            column("participantId", Kind::Id),
            column("participantAgency", Kind::Text),
            column("score", Kind::Integer),
            column("restrictions", Kind::Code),
            column("reason", Kind::Words),
        ],
    },
    TableSpec {
        name: "statements",
        key: &["recordId", "column", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("column", Kind::Code),
            column("index", Kind::Integer),
            column("statementId", Kind::Id),
            column("restrictions", Kind::Code),
            column("text", Kind::Words),
        ],
    },
    TableSpec {
        name: "tools",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("toolId", Kind::Id),
            column("name", Kind::Text),
            column("date", Kind::Date),
            column("restrictions", Kind::Code),
            column("completedBy", Kind::Words),
            column("result", Kind::Words),
        ],
    },
    TableSpec {
        name: "risks",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("riskId", Kind::Id),
            column("description", Kind::Words),
            column("restrictions", Kind::Code),
            column("ownerId", Kind::Id),
            column("ownerAgency", Kind::Text),
            column("accountableFor", Kind::Words),
            column("reviewDate", Kind::Date),
            column("reviewTrigger", Kind::Words),
        ],
    },
    TableSpec {
        name: "actions",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("actionId", Kind::Id),
            column("task", Kind::Words),
            column("ownerId", Kind::Id),
            column("ownerAgency", Kind::Text),
            column("due", Kind::Date),
            column("status", Kind::Code),
            column("notDoneReason", Kind::Code),
            column("outcome", Kind::Words),
        ],
    },
    TableSpec {
        name: "decisions",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("decisionId", Kind::Id),
            column("decisionType", Kind::Code),
            column("owningAgency", Kind::Text),
            column("decisionMakerId", Kind::Id),
            column("decisionMakerAgency", Kind::Text),
            column("outcomeCode", Kind::Code),
            column("ssdOutcomeFlag", Kind::Code),
            column("rationale", Kind::Words),
        ],
    },
    TableSpec {
        name: "dissent",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("dissentId", Kind::Id),
            column("participantId", Kind::Id),
            column("participantAgency", Kind::Text),
            column("escalation", Kind::Code),
            column("escalatedOn", Kind::Date),
            column("resolved", Kind::Boolean),
            column("view", Kind::Words),
            column("chairResponse", Kind::Words),
            column("resolution", Kind::Words),
        ],
    },
    TableSpec {
        name: "contingencies",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("contingencyId", Kind::Id),
            column("ownerId", Kind::Id),
            column("ownerAgency", Kind::Text),
            column("restrictions", Kind::Code),
            column("ifThis", Kind::Words),
            column("thenThat", Kind::Words),
        ],
    },
    TableSpec {
        name: "familyCommunication",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("communicationId", Kind::Id),
            column("byId", Kind::Id),
            column("byAgency", Kind::Text),
            column("when", Kind::Date),
            column("withheld", Kind::Boolean),
            column("restrictions", Kind::Code),
            column("toWhom", Kind::Words),
            column("what", Kind::Words),
            column("withheldReason", Kind::Words),
        ],
    },
    TableSpec {
        name: "followUp",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("kind", Kind::Code),
            column("on", Kind::Date),
            column("outcome", Kind::Code),
            column("ssdOutcomeFlag", Kind::Code),
            column("plan", Kind::Code),
            column("categories", Kind::Code),
            column("actionId", Kind::Id),
            column("abuseSuspected", Kind::Code),
            column("recordedAt", Kind::Timestamp),
            column("recordedByAgency", Kind::Text),
            column("restrictions", Kind::Code),
            column("details", Kind::Words),
        ],
    },
    TableSpec {
        name: "distribution",
        key: &["recordId", "index"],
        columns: &[
            column("recordId", Kind::Id),
            column("index", Kind::Integer),
            column("recipientId", Kind::Id),
            column("kind", Kind::Code),
            column("agency", Kind::Text),
            column("sentOn", Kind::Date),
            column("cleared", Kind::Code),
            column("name", Kind::Words),
        ],
    },
];

/// One value in a flat row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlatValue {
    /// Not recorded: empty in CSV, `null` in JSON.
    Null,
    /// Text, a date, a code or an id.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A yes or no.
    Boolean(bool),
}

impl FlatValue {
    fn text(text: &str) -> FlatValue {
        FlatValue::Text(text.to_string())
    }

    fn optional<T: ToString>(value: Option<T>) -> FlatValue {
        value.map_or(FlatValue::Null, |value| FlatValue::Text(value.to_string()))
    }

    fn code<T: serde::Serialize>(value: Option<T>) -> FlatValue {
        value.map_or(FlatValue::Null, |value| FlatValue::Text(wire(&value)))
    }

    fn count(count: usize) -> FlatValue {
        FlatValue::Integer(i64::try_from(count).unwrap_or(i64::MAX))
    }

    /// Restricted text is left out (`null`), as a shared screen would mask it.
    fn guarded(text: &str, restrictions: &Restrictions) -> FlatValue {
        if !restrictions.is_empty() {
            FlatValue::Null
        } else {
            FlatValue::text(text)
        }
    }

    /// The value as a CSV cell's text, before [`csv::row`] guards and quotes it.
    fn csv(&self) -> String {
        match self {
            FlatValue::Null => String::new(),
            FlatValue::Text(text) => text.clone(),
            FlatValue::Integer(number) => number.to_string(),
            FlatValue::Boolean(flag) => flag.to_string(),
        }
    }

    fn json(&self) -> String {
        match self {
            FlatValue::Null => "null".to_string(),
            FlatValue::Text(text) => {
                serde_json::to_string(text).unwrap_or_else(|_| "null".to_string())
            }
            FlatValue::Integer(number) => number.to_string(),
            FlatValue::Boolean(flag) => flag.to_string(),
        }
    }
}

/// One record's rows in every table, in [`TABLES`] order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlatRecord {
    /// For each table, its rows; each row has one value per column.
    pub tables: [Vec<Vec<FlatValue>>; TABLES.len()],
}

impl FlatRecord {
    /// The rows of one table (by its index in [`TABLES`]) as CSV lines, every cell (ids,
    /// codes and numbers included) through [`csv::row`]'s guards.
    pub fn csv(&self, table: usize) -> String {
        self.tables[table]
            .iter()
            .map(|row| {
                let cells: Vec<String> = row.iter().map(FlatValue::csv).collect();
                csv::row(&cells)
            })
            .collect()
    }

    /// The rows of one table as JSON Lines.
    pub fn jsonl(&self, table: usize) -> String {
        let columns = TABLES[table].columns;
        let mut text = String::new();
        for row in &self.tables[table] {
            text.push('{');
            for (index, (value, column)) in row.iter().zip(columns).enumerate() {
                if index > 0 {
                    text.push(',');
                }
                text.push('"');
                text.push_str(column.name);
                text.push_str("\":");
                text.push_str(&value.json());
            }
            text.push_str("}\n");
        }
        text
    }
}

/// The CSV header line of a table.
pub fn csv_header(table: usize) -> String {
    let names: Vec<&str> = TABLES[table].columns.iter().map(|c| c.name).collect();
    csv::row(&names)
}

/// A record's rows. `source` says where it was read from (file, or file and line);
/// [`Kind::Words`] columns are written only `with_text`.
pub fn flatten(record: &DecisionRecord, source: &str, with_text: bool) -> FlatRecord {
    let id = FlatValue::text(&record.meta.id);
    let agency_of = |participant: Option<&str>| {
        participant
            .and_then(|id| record.participant(id))
            .map_or(FlatValue::Null, |participant| {
                FlatValue::text(&participant.agency)
            })
    };
    let child = record.child();
    let men: Vec<_> = record
        .subjects
        .iter()
        .filter(|subject| is_father_or_male_carer(subject.role))
        .collect();
    let timescales = &record.timescales;
    let threshold = record.threshold.as_ref();
    let lawful = record.lawful_basis.as_ref();
    let records = vec![vec![
        id.clone(),
        FlatValue::text(source),
        FlatValue::Integer(i64::from(record.schema_version)),
        FlatValue::Text(wire(&record.meta.status)),
        FlatValue::Text(record.meta.created_at.to_string()),
        FlatValue::optional(record.meta.finalised_at),
        record
            .meta
            .procedure
            .as_ref()
            .map_or(FlatValue::Null, |procedure| {
                FlatValue::text(&procedure.name)
            }),
        record
            .meta
            .procedure
            .as_ref()
            .map_or(FlatValue::Null, |procedure| {
                FlatValue::text(&procedure.version)
            }),
        FlatValue::code(record.meeting.meeting_type),
        FlatValue::code(record.meeting.mode),
        FlatValue::optional(record.meeting.date),
        FlatValue::optional(record.meeting.chair_id.as_deref()),
        child.map_or(FlatValue::Null, |child| {
            FlatValue::text(&child.case_reference)
        }),
        FlatValue::optional(child.and_then(|child| child.date_of_birth)),
        child.map_or(FlatValue::Null, |child| FlatValue::Boolean(child.unborn)),
        FlatValue::optional(child.and_then(|child| child.expected_date)),
        FlatValue::code(child.map(|child| child.mobility)),
        FlatValue::Boolean(!men.is_empty()),
        FlatValue::Boolean(men.iter().any(|man| super::facts::is_a_name(&man.name))),
        FlatValue::code(Some(record.practice_context.recent_worker_change)),
        FlatValue::count(record.participants.len()),
        FlatValue::count(
            record
                .participants
                .iter()
                .filter(|participant| participant.attendance == Attendance::Attended)
                .count(),
        ),
        FlatValue::count(record.information.len()),
        FlatValue::count(record.gaps.len()),
        FlatValue::count(record.scales.len()),
        scale_spread(&record.scales).map_or(FlatValue::Null, |spread| {
            FlatValue::Integer(i64::from(spread))
        }),
        FlatValue::Boolean(!record.assessment.scale_discussion.trim().is_empty()),
        FlatValue::count(record.decisions.len()),
        FlatValue::Boolean(starts_section_47(record)),
        FlatValue::optional(timescales.s47_started_on),
        FlatValue::optional(timescales.icpc_due),
        FlatValue::optional(timescales.distribution_due),
        FlatValue::optional(timescales.assessment_due),
        FlatValue::optional(timescales.next_review),
        FlatValue::count(record.risks.len()),
        FlatValue::count(record.actions.len()),
        FlatValue::count(record.dissent.len()),
        FlatValue::count(record.amendments.len()),
        if record.meta.linked_records.is_empty() {
            FlatValue::Null
        } else {
            FlatValue::Text(record.meta.linked_records.join(" "))
        },
        FlatValue::optional(record.meeting.concern_raised_on),
        FlatValue::code(threshold.and_then(|threshold| threshold.answer)),
        FlatValue::code(threshold.and_then(|threshold| threshold.route)),
        threshold.map_or(FlatValue::Null, |threshold| {
            code_list(&threshold.harm_categories)
        }),
        FlatValue::Boolean(record.injury.as_ref().is_some_and(Injury::is_recorded)),
        FlatValue::code(record.injury.as_ref().map(|injury| injury.explanation_fits)),
        FlatValue::optional(record.medical.as_ref().and_then(|medical| medical.date)),
        record.medical_timing().map_or(FlatValue::Null, |timing| {
            FlatValue::text(match timing {
                MedicalTiming::SameDay => "sameDay",
                MedicalTiming::Later { .. } => "later",
                MedicalTiming::Undated => "undated",
                MedicalTiming::NotRecorded => "notRecorded",
            })
        }),
        FlatValue::code(lawful.and_then(|basis| basis.article6)),
        FlatValue::code(lawful.and_then(|basis| basis.special_category)),
        FlatValue::code(lawful.map(|basis| basis.family_told)),
    ]];
    let participants = record
        .participants
        .iter()
        .map(|participant| {
            vec![
                id.clone(),
                FlatValue::text(&participant.id),
                FlatValue::text(&participant.name),
                FlatValue::text(&participant.role),
                FlatValue::text(&participant.agency),
                FlatValue::Text(wire(&participant.attendance)),
                FlatValue::Text(wire(&participant.decision_authority)),
                FlatValue::Boolean(record.meeting.chair_id.as_deref() == Some(&participant.id)),
            ]
        })
        .collect();
    let subjects = record
        .subjects
        .iter()
        .enumerate()
        .map(|(index, subject)| {
            let history = subject.history.clone().unwrap_or_default();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&subject.id),
                FlatValue::Text(wire(&subject.role)),
                FlatValue::optional(subject.date_of_birth),
                FlatValue::Boolean(subject.unborn),
                FlatValue::Text(wire(&subject.mobility)),
                FlatValue::Text(wire(&subject.lives_with_child)),
                FlatValue::Text(wire(&subject.parental_responsibility)),
                FlatValue::Text(wire(&subject.seen)),
                code_list(&subject.checks),
                FlatValue::Text(wire(&subject.cares_alone)),
                FlatValue::Boolean(!subject.own_record.trim().is_empty()),
                FlatValue::Boolean(!subject.own_decision.trim().is_empty()),
                FlatValue::Text(wire(&subject.to_be_examined)),
                FlatValue::Text(wire(&subject.interpreter)),
                FlatValue::guarded(&subject.language, &subject.restrictions()),
                FlatValue::Boolean(!subject.disability.trim().is_empty()),
                FlatValue::Text(wire(&history.childhood_adversity)),
                FlatValue::Text(wire(&history.care_experienced)),
                FlatValue::Text(codes(&subject.restrictions())),
            ]
        })
        .collect();
    let information = record
        .information
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let restrictions = item.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&item.id),
                FlatValue::text(&item.source_agency),
                FlatValue::optional(item.shared_by.as_deref()),
                agency_of(item.shared_by.as_deref()),
                FlatValue::Text(wire(&item.kind)),
                FlatValue::Text(wire(&item.basis)),
                FlatValue::optional(item.date),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&item.content, &restrictions),
            ]
        })
        .collect();
    let gaps = record
        .gaps
        .iter()
        .enumerate()
        .map(|(index, gap)| {
            let restrictions = gap.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&gap.id),
                FlatValue::optional(gap.owner_id.as_deref()),
                agency_of(gap.owner_id.as_deref()),
                FlatValue::optional(gap.due),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&gap.unknown, &restrictions),
            ]
        })
        .collect();
    let scales = record
        .scales
        .iter()
        .map(|scale| {
            let restrictions = scale.restrictions();
            vec![
                id.clone(),
                FlatValue::text(&scale.participant_id),
                agency_of(Some(&scale.participant_id)),
                FlatValue::Integer(i64::from(scale.score)),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&scale.reason, &restrictions),
            ]
        })
        .collect();
    let statements = AssessmentColumn::ALL
        .iter()
        .flat_map(|column| {
            record.assessment[*column]
                .iter()
                .enumerate()
                .map(|(index, statement)| {
                    let restrictions = statement.restrictions();
                    vec![
                        id.clone(),
                        FlatValue::Text(wire(column)),
                        FlatValue::count(index),
                        FlatValue::text(&statement.id),
                        FlatValue::Text(codes(&restrictions)),
                        FlatValue::guarded(&statement.text, &restrictions),
                    ]
                })
        })
        .collect();
    let tools = record
        .tools
        .iter()
        .enumerate()
        .map(|(index, tool)| {
            let restrictions = tool.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&tool.id),
                FlatValue::text(&tool.name),
                FlatValue::optional(tool.date),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&tool.completed_by, &restrictions),
                FlatValue::guarded(&tool.result, &restrictions),
            ]
        })
        .collect();
    let contingencies = record
        .contingencies
        .iter()
        .enumerate()
        .map(|(index, contingency)| {
            let restrictions = contingency.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&contingency.id),
                FlatValue::optional(contingency.owner_id.as_deref()),
                agency_of(contingency.owner_id.as_deref()),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&contingency.if_this, &restrictions),
                FlatValue::guarded(&contingency.then_that, &restrictions),
            ]
        })
        .collect();
    let family_communication = record
        .family_communication
        .iter()
        .enumerate()
        .map(|(index, talk)| {
            let restrictions = talk.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&talk.id),
                FlatValue::optional(talk.by_id.as_deref()),
                agency_of(talk.by_id.as_deref()),
                FlatValue::optional(talk.when),
                FlatValue::Boolean(!talk.withheld.trim().is_empty()),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&talk.to_whom, &restrictions),
                FlatValue::guarded(&talk.what, &restrictions),
                FlatValue::guarded(&talk.withheld_reason, &restrictions),
            ]
        })
        .collect();
    let follow_up = record
        .follow_up
        .iter()
        .enumerate()
        .map(|(index, follow_up)| {
            let restrictions = follow_up.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::Text(wire(&follow_up.kind)),
                FlatValue::optional(follow_up.on),
                FlatValue::code(follow_up.outcome),
                follow_up
                    .outcome
                    .map_or(FlatValue::Null, |code| FlatValue::text(ssd_flag(code))),
                FlatValue::Text(wire(&follow_up.plan)),
                code_list(&follow_up.categories),
                FlatValue::optional(follow_up.action_id.as_deref()),
                FlatValue::Text(wire(&follow_up.abuse_suspected)),
                FlatValue::Text(follow_up.at.to_string()),
                FlatValue::text(&follow_up.by.agency),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::guarded(&follow_up.details, &restrictions),
            ]
        })
        .collect();
    let distribution = record
        .distribution
        .iter()
        .enumerate()
        .map(|(index, recipient)| {
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&recipient.id),
                FlatValue::Text(wire(&recipient.effective_kind())),
                FlatValue::text(&recipient.agency),
                FlatValue::optional(recipient.sent_on),
                FlatValue::Text(codes(&recipient.effective_cleared())),
                // A professional's name; the family's, never.
                if recipient.effective_kind().is_professional() {
                    FlatValue::text(&recipient.name)
                } else {
                    FlatValue::Null
                },
            ]
        })
        .collect();
    let risks = record
        .risks
        .iter()
        .enumerate()
        .map(|(index, risk)| {
            let restrictions = risk.restrictions();
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&risk.id),
                FlatValue::guarded(&risk.description, &restrictions),
                FlatValue::Text(codes(&restrictions)),
                FlatValue::optional(risk.owner_id.as_deref()),
                agency_of(risk.owner_id.as_deref()),
                FlatValue::guarded(&risk.accountable_for, &restrictions),
                FlatValue::optional(risk.review_date),
                FlatValue::guarded(&risk.review_trigger, &restrictions),
            ]
        })
        .collect();
    let actions = record
        .actions
        .iter()
        .enumerate()
        .map(|(index, action)| {
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&action.id),
                FlatValue::text(&action.task),
                FlatValue::optional(action.owner_id.as_deref()),
                agency_of(action.owner_id.as_deref()),
                FlatValue::optional(action.due),
                FlatValue::Text(wire(&action.status)),
                FlatValue::code(action.not_done_reason),
                FlatValue::text(&action.outcome),
            ]
        })
        .collect();
    let decisions = record
        .decisions
        .iter()
        .enumerate()
        .map(|(index, decision)| {
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&decision.id),
                FlatValue::code(decision.decision_type),
                FlatValue::text(&decision.owning_agency),
                FlatValue::optional(decision.decision_maker_id.as_deref()),
                agency_of(decision.decision_maker_id.as_deref()),
                FlatValue::code(decision.outcome_code),
                decision
                    .outcome_code
                    .map_or(FlatValue::Null, |code| FlatValue::text(ssd_flag(code))),
                FlatValue::text(&decision.rationale),
            ]
        })
        .collect();
    let dissent = record
        .dissent
        .iter()
        .enumerate()
        .map(|(index, dissent)| {
            vec![
                id.clone(),
                FlatValue::count(index),
                FlatValue::text(&dissent.id),
                FlatValue::text(&dissent.participant_id),
                agency_of(Some(&dissent.participant_id)),
                FlatValue::Text(wire(&dissent.escalation)),
                FlatValue::optional(dissent.escalated_on),
                FlatValue::Boolean(!dissent.resolution.trim().is_empty()),
                FlatValue::text(&dissent.view),
                FlatValue::text(&dissent.chair_response),
                FlatValue::text(&dissent.resolution),
            ]
        })
        .collect();
    let mut flat = FlatRecord {
        tables: [
            records,
            participants,
            subjects,
            information,
            gaps,
            scales,
            statements,
            tools,
            risks,
            actions,
            decisions,
            dissent,
            contingencies,
            family_communication,
            follow_up,
            distribution,
        ],
    };
    if !with_text {
        for (rows, spec) in flat.tables.iter_mut().zip(TABLES) {
            for (at, column) in spec.columns.iter().enumerate() {
                if column.kind == Kind::Words {
                    for row in rows.iter_mut() {
                        row[at] = FlatValue::Null;
                    }
                }
            }
        }
    }
    flat
}

/// A list of codes (`physical;neglect`), empty for none.
fn code_list<T: serde::Serialize>(values: &[T]) -> FlatValue {
    let codes: Vec<String> = values.iter().map(wire).collect();
    FlatValue::Text(codes.join(";"))
}

/// Restrictions as a code list: their wire names joined by `;`, empty for none.
fn codes(restrictions: &Restrictions) -> String {
    let codes: Vec<String> = restrictions
        .iter()
        .map(|restriction| wire(&restriction))
        .collect();
    codes.join(";")
}

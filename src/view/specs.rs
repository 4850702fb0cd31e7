//! What each list and section of the record looks like as a form: its fields, the
//! columns its table shows, and how a draft becomes the core's typed item.

use super::form::{choices, FieldKind, FieldSpec};
use crate::meeting::{Command, Item, ItemKind};
use crate::record::*;
use serde_json::Value;
use std::rc::Rc;

/// A list of the record as a stage shows it.
pub struct ItemSpec {
    pub kind: ItemKind,
    /// Names the form in element ids (`risk`, `worries`).
    pub form: &'static str,
    /// The item in words, for button names ("risk").
    pub noun: &'static str,
    pub heading: &'static str,
    pub intro: Option<&'static str>,
    pub add_label: &'static str,
    pub fields: Rc<Vec<FieldSpec>>,
    /// The keys shown as table columns; the first is the row header.
    pub columns: Vec<&'static str>,
    /// The record's JSON path to the list, for findings (`$.risks`).
    pub path: &'static str,
    /// Reads a draft as the typed item.
    pub build: Rc<dyn Fn(Value) -> Result<Item, String>>,
}

impl PartialEq for ItemSpec {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

fn builder<T: crate::record::ReadJson + 'static>(
    wrap: impl Fn(T) -> Item + 'static,
) -> Rc<dyn Fn(Value) -> Result<Item, String>> {
    Rc::new(move |value| {
        crate::record::read_json::<T>(value)
            .map(&wrap)
            .map_err(|error| error.to_string())
    })
}

fn sensitivity() -> FieldSpec {
    FieldSpec::new("sensitivity", "Sensitivity", choices::<Sensitivity>())
        .hint("Restricted items are hidden on the shared screen and left out of the family's copy.")
        .required()
}

/// The spec of one list.
// One tuple per list keeps each list's definition on one screen; naming the tuple's type
// would only move the same nine parts elsewhere.
#[allow(clippy::type_complexity)]
pub fn item_spec(kind: ItemKind) -> ItemSpec {
    use FieldKind::*;
    let (form, noun, heading, intro, add_label, fields, columns, path, build): (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        Vec<FieldSpec>,
        Vec<&'static str>,
        &'static str,
        Rc<dyn Fn(Value) -> Result<Item, String>>,
    ) = match kind {
        ItemKind::Subject => (
            "subject",
            "person",
            "The child and the people in their life",
            Some("One record per child. Include fathers and male carers, and adults who do not live with the child."),
            "Add person",
            vec![
                FieldSpec::new("role", "Relationship to the child", choices::<SubjectRole>()).required(),
                FieldSpec::new("name", "Name", Text).hint("Write \"Not known\" if nobody knows."),
                FieldSpec::new("caseReference", "Case reference", Text),
                FieldSpec::new("dateOfBirth", "Date of birth", Date),
                FieldSpec::new("unborn", "Unborn?", YesNo),
                FieldSpec::new("expectedDate", "Expected date of delivery", Date),
                FieldSpec::new("mobility", "Mobility", choices::<Mobility>()).hint("Bruising to a pre-mobile baby is a red flag.").required(),
                FieldSpec::new("livesWithChild", "Lives with the child?", choices::<Tristate>()).required(),
                FieldSpec::new("parentalResponsibility", "Parental responsibility?", choices::<Tristate>()).required(),
                FieldSpec::new("needs", "Language, interpreter, ethnicity and disability needs", TextArea),
                FieldSpec::new("history.childhoodAdversity", "Adults: adversity in their own childhood?", choices::<Tristate>())
                    .hint("Context for help, never a score."),
                FieldSpec::new("history.careExperienced", "Adults: care-experienced?", choices::<Tristate>()),
                FieldSpec::new("history.currentSupport", "Adults: support they have now", TextArea),
                FieldSpec::new("history.notes", "Adults: anything else to hold in mind", TextArea),
            ],
            vec!["name", "role", "dateOfBirth", "mobility", "livesWithChild"],
            "$.subjects",
            builder::<Subject>(Item::Subject),
        ),
        ItemKind::Participant => unreachable!("participants have their own stage"),
        ItemKind::Information => (
            "information",
            "information item",
            "What each agency knows",
            Some("Say whether each item is fact, opinion or hearsay, the lawful basis for sharing it, and how far it may travel."),
            "Add information",
            vec![
                FieldSpec::new("sourceAgency", "Source agency", Agency).required(),
                FieldSpec::new("sharedBy", "Shared by", Owner),
                FieldSpec::new("content", "What was shared", TextArea),
                FieldSpec::new("kind", "Fact, opinion or hearsay", choices::<InformationKind>()).required(),
                FieldSpec::new("date", "Date of the event or record", Date),
                FieldSpec::new("basis", "Lawful basis for sharing", choices::<SharingBasis>())
                    .hint("Consent is rarely the basis in safeguarding; missing consent does not stop sharing.")
                    .required(),
                sensitivity(),
            ],
            vec!["content", "sourceAgency", "kind", "basis", "sensitivity"],
            "$.information",
            builder::<InformationItem>(Item::Information),
        ),
        ItemKind::Tool => (
            "tool",
            "tool",
            "Tools used as inputs",
            Some("For example a DASH checklist or the bruising protocol. Tools inform judgement; they never decide."),
            "Add tool",
            vec![
                FieldSpec::new("name", "Tool", Text),
                FieldSpec::new("result", "Result or clinician's judgement", TextArea),
                FieldSpec::new("completedBy", "Completed by", Text),
                FieldSpec::new("date", "Date", Date),
            ],
            vec!["name", "result", "completedBy"],
            "$.tools",
            builder::<ToolInput>(Item::Tool),
        ),
        ItemKind::Gap => (
            "gap",
            "gap",
            "What we do not know",
            Some("Unknown is not the same as no. Say who will find out, and by when."),
            "Add gap",
            vec![
                FieldSpec::new("unknown", "What is not known", TextArea),
                FieldSpec::new("ownerId", "Who will find out", Owner),
                FieldSpec::new("due", "By when", Date),
            ],
            vec!["unknown", "ownerId", "due"],
            "$.gaps",
            builder::<InformationGap>(Item::Gap),
        ),
        ItemKind::Statement(column) => {
            let (form, path) = match column {
                AssessmentColumn::Worries => ("worries", "$.assessment.worries"),
                AssessmentColumn::WorkingWell => ("working-well", "$.assessment.workingWell"),
                AssessmentColumn::NeedsToHappen => ("needs-to-happen", "$.assessment.needsToHappen"),
                AssessmentColumn::DangerStatements => ("danger", "$.assessment.dangerStatements"),
                AssessmentColumn::SafetyGoals => ("goals", "$.assessment.safetyGoals"),
            };
            (
                form,
                "statement",
                column.label(),
                None,
                "Add statement",
                vec![FieldSpec::new("text", "Statement", TextArea), sensitivity()],
                vec!["text", "sensitivity"],
                path,
                builder::<Statement>(move |statement| Item::Statement(column, statement)),
            )
        }
        ItemKind::Decision => (
            "decision",
            "decision",
            "Decisions",
            Some("Each decision is owned in law by one agency and made by a named person: it is not a vote. Others advise, and may record dissent."),
            "Add decision",
            vec![
                FieldSpec::new("decisionType", "Type of decision", choices::<DecisionType>()),
                FieldSpec::new("owningAgency", "Agency that owns it in law", Agency).required(),
                FieldSpec::new("decisionMakerId", "Decision-maker", Owner),
                FieldSpec::new("rationale", "Rationale", TextArea).hint("Why, including why it is proportionate."),
                FieldSpec::new("optionsConsidered", "Options considered", TextArea),
                FieldSpec::new("evidence", "Evidence relied on", TextArea),
                FieldSpec::new("outcomeCode", "Outcome code (Standard Safeguarding Dataset)", choices::<S47Outcome>()),
            ],
            vec!["decisionType", "owningAgency", "decisionMakerId", "rationale"],
            "$.decisions",
            builder::<Decision>(Item::Decision),
        ),
        ItemKind::Risk => (
            "risk",
            "risk",
            "Risks and their owners",
            Some("Every risk has a named owner who is accountable for it, and a review date or trigger."),
            "Add risk",
            vec![
                FieldSpec::new("description", "Risk", TextArea),
                FieldSpec::new("ownerId", "Owner", Owner),
                FieldSpec::new("accountableFor", "What the owner is accountable for", TextArea),
                FieldSpec::new("reviewDate", "Review date", Date),
                FieldSpec::new("reviewTrigger", "Review trigger", Text).hint("What would bring the review forward."),
                sensitivity(),
            ],
            vec!["description", "ownerId", "reviewDate", "sensitivity"],
            "$.risks",
            builder::<Risk>(Item::Risk),
        ),
        ItemKind::Action => (
            "action",
            "action",
            "Actions",
            Some("One owner and a due date for each action."),
            "Add action",
            vec![
                FieldSpec::new("task", "Action", TextArea),
                FieldSpec::new("ownerId", "Owner", Owner),
                FieldSpec::new("due", "Due date", Date),
                FieldSpec::new("status", "Status", choices::<ActionStatus>()).required(),
                FieldSpec::new("outcome", "Outcome", TextArea),
                FieldSpec::new("notDoneReason", "If not done, why", choices::<NotDoneReason>()),
            ],
            vec!["task", "ownerId", "due", "status"],
            "$.actions",
            builder::<Action>(Item::Action),
        ),
        ItemKind::Contingency => (
            "contingency",
            "contingency",
            "Contingency plans",
            Some("If this happens, then that: with the person who acts on it."),
            "Add contingency",
            vec![
                FieldSpec::new("ifThis", "If", TextArea),
                FieldSpec::new("thenThat", "Then", TextArea),
                FieldSpec::new("ownerId", "Who acts", Owner),
            ],
            vec!["ifThis", "thenThat", "ownerId"],
            "$.contingencies",
            builder::<Contingency>(Item::Contingency),
        ),
        ItemKind::Dissent => (
            "dissent",
            "dissent",
            "Dissent",
            Some("Record the view in the person's own words, the chair's response, and any escalation."),
            "Add dissent",
            vec![
                FieldSpec::new("participantId", "Who disagrees", Owner).required(),
                FieldSpec::new("view", "Their view, verbatim", TextArea),
                FieldSpec::new("chairResponse", "The chair's response", TextArea),
                FieldSpec::new("escalation", "Escalation", choices::<EscalationStage>()).required(),
                FieldSpec::new("escalatedOn", "Date escalated", Date),
                FieldSpec::new("resolution", "Resolution", TextArea),
            ],
            vec!["participantId", "view", "chairResponse", "escalation"],
            "$.dissent",
            builder::<Dissent>(Item::Dissent),
        ),
        ItemKind::FamilyCommunication => (
            "family",
            "communication",
            "What the family will be told",
            Some("What, by whom and when; anything withheld, and why."),
            "Add communication",
            vec![
                FieldSpec::new("toWhom", "Who in the family", Text),
                FieldSpec::new("what", "What they will be told", TextArea),
                FieldSpec::new("byId", "Told by", Owner),
                FieldSpec::new("when", "When", Date),
                FieldSpec::new("withheld", "Anything withheld for now", TextArea),
                FieldSpec::new("withheldReason", "Why it is withheld", TextArea),
            ],
            vec!["what", "toWhom", "byId", "when"],
            "$.familyCommunication",
            builder::<FamilyCommunication>(Item::FamilyCommunication),
        ),
        ItemKind::Recipient => (
            "recipient",
            "recipient",
            "Distribution",
            Some("Who receives the record, and the most sensitive items they may see."),
            "Add recipient",
            vec![
                FieldSpec::new("name", "Name", Text),
                FieldSpec::new("agency", "Agency", Agency).required(),
                FieldSpec::new("sentOn", "Sent on", Date),
                FieldSpec::new("mayReceive", "May receive up to", choices::<Sensitivity>()).required(),
            ],
            vec!["name", "agency", "sentOn", "mayReceive"],
            "$.distribution",
            builder::<Recipient>(Item::Recipient),
        ),
    };
    ItemSpec {
        kind,
        form,
        noun,
        heading,
        intro,
        add_label,
        fields: Rc::new(fields),
        columns,
        path,
        build,
    }
}

/// A whole-section form (one object rather than a list).
pub struct SectionSpec {
    pub form: &'static str,
    pub heading: &'static str,
    pub intro: Option<&'static str>,
    pub fields: Rc<Vec<FieldSpec>>,
    /// The record's JSON path to the section.
    pub path: &'static str,
    /// The section's current value.
    pub read: fn(&DecisionRecord) -> Value,
    /// Turns an edited value into the command that stores it.
    pub command: fn(Value) -> Result<Command, String>,
}

fn read_as<T: serde::Serialize>(value: &T) -> Value {
    crate::record::to_json_value(value)
}

/// The specs of the whole-section forms.
pub mod sections {
    use super::*;
    use FieldKind::*;

    pub fn practice_context() -> SectionSpec {
        SectionSpec {
            form: "practice",
            heading: "Practice context",
            intro: Some(
                "Changes of worker or team, vacancies or restructures that touched this case.",
            ),
            fields: Rc::new(vec![
                FieldSpec::new(
                    "recentWorkerChange",
                    "Did the allocated worker or team change in recent months?",
                    choices::<Tristate>(),
                )
                .required(),
                FieldSpec::new("details", "Details", TextArea),
            ]),
            path: "$.practiceContext",
            read: |record| read_as(&record.practice_context),
            command: |value| {
                crate::record::read_json(value)
                    .map(Command::EditPracticeContext)
                    .map_err(|e| e.to_string())
            },
        }
    }

    pub fn child_voice() -> SectionSpec {
        SectionSpec {
            form: "voice",
            heading: "The child's voice",
            intro: Some("The child's own words; for a baby, what their day is like as observed."),
            fields: Rc::new(vec![
                FieldSpec::new("howCaptured", "How it was captured", Text),
                FieldSpec::new("words", "The child's own words", TextArea),
                FieldSpec::new("observedExperience", "Observed lived experience", TextArea)
                    .hint("For a baby or pre-verbal child."),
                FieldSpec::new("capturedBy", "Captured by", Owner),
            ]),
            path: "$.childVoice",
            read: |record| read_as(&record.child_voice),
            command: |value| {
                crate::record::read_json(value)
                    .map(Command::EditChildVoice)
                    .map_err(|e| e.to_string())
            },
        }
    }

    pub fn timescales() -> SectionSpec {
        SectionSpec {
            form: "timescales",
            heading: "Timescales",
            intro: None,
            fields: Rc::new(vec![
                FieldSpec::new(
                    "s47StartedOn",
                    "Date section 47 enquiries started, if not at this meeting",
                    Date,
                ),
                FieldSpec::new("assessmentDue", "Assessment due", Date),
                FieldSpec::new("nextReview", "Next review", Date),
            ]),
            path: "$.timescales",
            read: |record| read_as(&record.timescales),
            command: |value| {
                crate::record::read_json(value)
                    .map(Command::EditTimescales)
                    .map_err(|e| e.to_string())
            },
        }
    }

    pub fn wellbeing() -> SectionSpec {
        SectionSpec {
            form: "wellbeing",
            heading: "Wellbeing debrief",
            intro: Some("Optional, for the professionals. It is kept apart from the child's record: exports and minutes leave it out."),
            fields: Rc::new(vec![
                FieldSpec::new("offered", "Was a debrief offered?", choices::<Tristate>()).required(),
                FieldSpec::new("notes", "Support arranged, in general terms", TextArea),
            ]),
            path: "$.wellbeingDebrief",
            read: |record| {
                record
                    .wellbeing_debrief
                    .as_ref()
                    .map(read_as)
                    .unwrap_or_else(|| Value::Object(Default::default()))
            },
            command: |value| {
                crate::record::read_json(value)
                    .map(|debrief| Command::EditWellbeingDebrief(Some(debrief)))
                    .map_err(|e| e.to_string())
            },
        }
    }
}

/// The record's list of this kind, as JSON values.
pub fn list_values(record: &DecisionRecord, kind: ItemKind) -> Vec<Value> {
    fn values<T: serde::Serialize>(list: &[T]) -> Vec<Value> {
        list.iter().map(read_as).collect()
    }
    match kind {
        ItemKind::Participant => values(&record.participants),
        ItemKind::Subject => values(&record.subjects),
        ItemKind::Information => values(&record.information),
        ItemKind::Gap => values(&record.gaps),
        ItemKind::Statement(column) => values(record.assessment.column(column)),
        ItemKind::Tool => values(&record.tools),
        ItemKind::Decision => values(&record.decisions),
        ItemKind::Risk => values(&record.risks),
        ItemKind::Action => values(&record.actions),
        ItemKind::Contingency => values(&record.contingencies),
        ItemKind::Dissent => values(&record.dissent),
        ItemKind::FamilyCommunication => values(&record.family_communication),
        ItemKind::Recipient => values(&record.distribution),
    }
}

//! Copies of a record for the people who receive it. One rule decides whether a reader may
//! receive an item ([`may_receive`]): every restriction on the item must allow them. A
//! professional's copy is the record with everything they may not receive left out
//! ([`professional_copy`]); the family's copy is not built by leaving things out but from
//! what the meeting agreed to tell the family and the items the chair approved for it
//! ([`family_copy`]): an allow-list. Every copy says whose it is and how much was left out,
//! by section, never what.
//!
//! # Who may receive what
//!
//! | restriction | goes to | and to whom its owner agrees (a recipient's `cleared`) |
//! | --- | --- | --- |
//! | police sensitive | the police | yes |
//! | health confidential | health | yes |
//! | legally privileged | children's social care | yes |
//! | third-party information, the child's own disclosure, not for the family | every professional | – |
//!
//! Which agency is the police, health or children's social care is the host's
//! configuration ([`Config::agency_roles`]); an agency it does not name receives none of
//! the owned material unless the owner agrees. The family receives nothing through this
//! rule: only the family's copy.

use crate::dates::long_date;
use crate::meeting::{AgencyRole, Config};
use crate::record::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Who a copy is for, with what decides what they may receive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    pub kind: RecipientKind,
    pub name: String,
    pub agency: String,
    pub role: AgencyRole,
    /// Restrictions whose owners agreed this reader may receive them.
    pub cleared: Restrictions,
}

impl Reader {
    /// A recipient on the record's distribution list.
    pub fn of(recipient: &Recipient, config: &Config) -> Self {
        Reader {
            kind: recipient.effective_kind(),
            name: recipient.name.clone(),
            agency: recipient.agency.clone(),
            role: config.role_of(&recipient.agency),
            cleared: recipient.effective_cleared(),
        }
    }

    /// A professional of `agency`, with what the record's distribution list clears for that
    /// agency: the restrictions cleared for every professional recipient of it (none when
    /// the list names no one from it).
    pub fn agency(record: &DecisionRecord, agency: &str, config: &Config) -> Self {
        let mut listed = record.distribution.iter().filter(|recipient| {
            recipient.effective_kind() == RecipientKind::Professional
                && recipient.agency.trim() == agency.trim()
        });
        let cleared = match listed.next() {
            Some(first) => listed.fold(first.effective_cleared(), |cleared, next| {
                let theirs = next.effective_cleared();
                Restrictions::of(
                    &cleared
                        .iter()
                        .filter(|restriction| theirs.contains(*restriction))
                        .collect::<Vec<_>>(),
                )
            }),
            None => Restrictions::none(),
        };
        Reader {
            kind: RecipientKind::Professional,
            name: String::new(),
            agency: agency.trim().to_string(),
            role: config.role_of(agency),
            cleared,
        }
    }

    fn recipient(&self) -> CopyRecipient {
        CopyRecipient {
            kind: self.kind,
            name: self.name.clone(),
            agency: self.agency.clone(),
        }
    }
}

/// True when one restriction allows the reader to receive what it restricts.
fn allows(restriction: Restriction, reader: &Reader) -> bool {
    if reader.cleared.contains(restriction) {
        return true;
    }
    match restriction {
        Restriction::PoliceSensitive => reader.role == AgencyRole::Police,
        Restriction::HealthConfidential => reader.role.is_health(),
        Restriction::LegallyPrivileged => reader.role == AgencyRole::ChildrensSocialCare,
        Restriction::ThirdParty | Restriction::ChildDisclosure | Restriction::NotForFamily => true,
    }
}

/// The one rule: the reader may receive an item with these restrictions when every one of
/// them allows them. The family receives nothing by this rule (see [`family_copy`]).
pub fn may_receive(reader: &Reader, restrictions: &Restrictions) -> bool {
    reader.kind == RecipientKind::Professional
        && restrictions
            .iter()
            .all(|restriction| allows(restriction, reader))
}

/// Whether a copy keeps what carries these restrictions. A trait object, so that leaving
/// out, for each type of item, is compiled once for all the copies.
type Keep<'a> = &'a dyn Fn(&Restrictions) -> bool;

/// Counts what a copy leaves out, by section.
#[derive(Default)]
struct LeftOut(CountMap);

impl LeftOut {
    fn add(&mut self, section: impl Into<String>, count: usize) {
        if count > 0 {
            let count = u32::try_from(count).unwrap_or(u32::MAX);
            let total = self.0.entry(section.into()).or_default();
            *total = total.saturating_add(count);
        }
    }

    /// Keeps the items whose restrictions `keep` allows, counting the rest under `section`.
    fn retain<T: Restricted>(&mut self, section: String, items: &mut Vec<T>, keep: Keep<'_>) {
        let before = items.len();
        items.retain(|item| keep(&item.restrictions()));
        self.add(section, before - items.len());
    }

    /// Takes out a whole section whose restrictions `keep` refuses, counting it under
    /// `section`.
    fn take<T: Restricted>(&mut self, section: &str, held: &mut Option<T>, keep: Keep<'_>) {
        if held
            .as_ref()
            .is_some_and(|held| !keep(&held.restrictions()))
        {
            *held = None;
            self.add(section, 1);
        }
    }
}

/// A professional's copy: the record with every item the reader may not receive left out
/// (and the texts of a section they may not receive emptied), the professionals' wellbeing
/// debrief and the audit trail (whose entries quote the items) removed, no integrity data,
/// and `meta.copy` saying whose copy it is and how much was left out of each section.
pub fn professional_copy(record: &DecisionRecord, reader: &Reader) -> DecisionRecord {
    leave_out(record, reader.recipient(), &|restrictions| {
        may_receive(reader, restrictions)
    })
}

/// What the shared screen shows (the window the room sees): the record with every item
/// that carries any restriction, or no label, left out, and every restricted section text
/// emptied; like a professional's copy, without the debrief, the audit trail or integrity
/// data. A restricted safety scale keeps its score (the spread is the room's) and loses its
/// reason. Nothing left out reaches the shared screen's window at all, so nothing on it can
/// be revealed by a slip.
pub fn shared_screen_copy(record: &DecisionRecord) -> DecisionRecord {
    let screen = CopyRecipient {
        kind: RecipientKind::Professional,
        name: "The shared screen".into(),
        agency: String::new(),
    };
    let mut scores = record.clone();
    for scale in &mut scores.scales {
        if scale.is_restricted() {
            scale.reason.clear();
            scale.restrictions = Some(Restrictions::none());
        }
    }
    leave_out(&scores, screen, &Restrictions::is_empty)
}

/// The record with everything whose restrictions `keep` refuses left out, counted by
/// section in `meta.copy`.
fn leave_out(record: &DecisionRecord, recipient: CopyRecipient, keep: Keep<'_>) -> DecisionRecord {
    let mut copy = record.clone();
    let mut left = LeftOut::default();
    let key = |kind: ItemKind| kind.key();
    left.retain(key(ItemKind::Subject), &mut copy.subjects, keep);
    left.retain(key(ItemKind::Information), &mut copy.information, keep);
    left.retain(key(ItemKind::Gap), &mut copy.gaps, keep);
    for column in AssessmentColumn::ALL {
        left.retain(
            key(ItemKind::Statement(*column)),
            &mut copy.assessment[*column],
            keep,
        );
    }
    left.retain("scales".into(), &mut copy.scales, keep);
    left.retain(key(ItemKind::Tool), &mut copy.tools, keep);
    left.retain(key(ItemKind::Decision), &mut copy.decisions, keep);
    left.retain(key(ItemKind::Risk), &mut copy.risks, keep);
    left.retain(key(ItemKind::Action), &mut copy.actions, keep);
    left.retain(key(ItemKind::Contingency), &mut copy.contingencies, keep);
    left.retain(key(ItemKind::Dissent), &mut copy.dissent, keep);
    left.retain(
        key(ItemKind::FamilyCommunication),
        &mut copy.family_communication,
        keep,
    );
    left.retain("amendments".into(), &mut copy.amendments, keep);
    left.retain("followUp".into(), &mut copy.follow_up, keep);
    if !keep(&copy.meeting.restrictions()) && !copy.meeting.reason.is_empty() {
        copy.meeting.reason.clear();
        left.add("meeting.reason", 1);
    }
    if !keep(&copy.child_voice.restrictions()) {
        let voice = &mut copy.child_voice;
        let texts = [
            &mut voice.how_captured,
            &mut voice.words,
            &mut voice.observed_experience,
        ];
        let emptied = texts
            .into_iter()
            .filter(|text| !text.is_empty())
            .map(String::clear)
            .count();
        left.add("childVoice", emptied);
    }
    left.take("threshold", &mut copy.threshold, keep);
    left.take("lawfulBasis", &mut copy.lawful_basis, keep);
    left.take("injury", &mut copy.injury, keep);
    left.take("medical", &mut copy.medical, keep);
    if !keep(&copy.practice_context.restrictions()) && !copy.practice_context.details.is_empty() {
        copy.practice_context.details.clear();
        left.add("practiceContext", 1);
    }
    let discussion = copy
        .assessment
        .scale_discussion_restrictions
        .clone()
        .unwrap_or_else(Restrictions::unlabelled);
    if !keep(&discussion) && !copy.assessment.scale_discussion.is_empty() {
        copy.assessment.scale_discussion.clear();
        left.add("assessment.scaleDiscussion", 1);
    }
    if copy.wellbeing_debrief.take().is_some() {
        left.add("wellbeingDebrief", 1);
    }
    left.add("audit", copy.audit.len());
    copy.audit.clear();
    copy.meta.digest = None;
    copy.meta.section_digests.clear();
    copy.meta.copy = Some(CopyMark::Of(CopyOf {
        recipient,
        left_out: left.0,
    }));
    copy
}

/// True while a criminal investigation is open: the record holds a decision to investigate
/// (a criminal investigation, or section 47 enquiries jointly with the police). The family
/// may then be told of decisions and actions only with the police's agreement.
pub fn investigation_open(record: &DecisionRecord) -> bool {
    record.decisions.iter().any(|decision| {
        matches!(
            decision.decision_type,
            Some(DecisionType::CriminalInvestigation | DecisionType::S47Joint)
        )
    })
}

/// The lists whose items the chair may approve for the family's copy: the assessment's
/// statements, decisions and actions. Never scales, dissent, tools, contingencies,
/// information, risks, gaps or other people's histories.
pub fn approvable(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Statement(_) | ItemKind::Decision | ItemKind::Action
    )
}

/// Why an item is not in the family's copy although it may be approved, or `None` when it
/// goes (approved, with no restriction, and agreed by the police where that is needed).
pub fn family_refusal(
    record: &DecisionRecord,
    kind: ItemKind,
    id: &str,
    restrictions: &Restrictions,
) -> Option<&'static str> {
    if !approvable(kind) {
        return Some("the family's copy never holds this kind of item");
    }
    let approval = record.family_copy.as_ref().and_then(|plan| {
        plan.approved
            .iter()
            .find(|approval| approval.list == kind && approval.id == id)
    });
    let Some(approval) = approval else {
        return Some("not approved for the family");
    };
    if !restrictions.is_empty() {
        return Some("it is restricted");
    }
    let needs_police = matches!(kind, ItemKind::Decision | ItemKind::Action);
    if needs_police && investigation_open(record) && !approval.police_agreed {
        return Some("the police have not agreed while their investigation is open");
    }
    None
}

/// The family's copy: what the meeting agreed to tell the family, and nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyCopy {
    /// Always `family`: whose copy this is.
    pub copy_for: RecipientKind,
    /// The record it was made from.
    pub record_id: String,
    /// The child's name.
    pub child: String,
    /// When the meeting was held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_date: Option<IsoDate>,
    /// The one professional the copy names: who to contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_worker: Option<FamilyContact>,
    /// What the meeting agreed to tell the family, by whom and when.
    pub what_we_will_tell_you: Vec<FamilyMessage>,
    /// The approved statements of the assessment, by column.
    pub worries: Vec<String>,
    pub working_well: Vec<String>,
    pub needs_to_happen: Vec<String>,
    pub danger_statements: Vec<String>,
    pub safety_goals: Vec<String>,
    /// The approved decisions.
    pub decisions: Vec<FamilyDecision>,
    /// The approved actions.
    pub actions: Vec<FamilyAction>,
    /// How many items of each section of the record are not in this copy: counts, never
    /// content.
    #[serde(serialize_with = "crate::record::write_map")]
    #[schemars(with = "BTreeMap<String, u32>")]
    pub left_out: CountMap,
}

/// The family's contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyContact {
    pub name: String,
    pub role: String,
    pub agency: String,
}

/// One thing the family will be told.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyMessage {
    pub what: String,
    pub to_whom: String,
    /// Who tells them: the lead worker's name, or another professional's agency.
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<IsoDate>,
}

/// A decision the family is told of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyDecision {
    /// What was decided, in words.
    pub decision: String,
    /// Why.
    pub why: String,
}

/// An action the family is told of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FamilyAction {
    pub task: String,
    /// Which agency does it.
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
}

/// Who does something, as the family's copy says it: the lead worker by name, any other
/// professional by their agency only.
fn told_by(record: &DecisionRecord, id: Option<&str>) -> String {
    let lead = record
        .family_copy
        .as_ref()
        .and_then(|plan| plan.lead_worker_id.as_deref());
    match id.and_then(|id| record.participant(id)) {
        Some(person) if Some(person.id.as_str()) == lead => person.name.clone(),
        Some(person) => person.agency.clone(),
        None => String::new(),
    }
}

impl FamilyDecision {
    fn of(decision: &Decision) -> Self {
        FamilyDecision {
            decision: decision
                .decision_type
                .map(DecisionType::label)
                .unwrap_or_default()
                .to_string(),
            why: decision.rationale.trim().to_string(),
        }
    }

    /// The decision as the family's letter says it.
    pub fn sentence(&self) -> String {
        format!("{}: {}", self.decision, self.why)
    }
}

impl FamilyAction {
    fn of(record: &DecisionRecord, action: &Action) -> Self {
        FamilyAction {
            task: action.task.trim().to_string(),
            by: told_by(record, action.owner_id.as_deref()),
            due: action.due,
        }
    }

    /// The action as the family's letter says it.
    pub fn sentence(&self) -> String {
        match self.due {
            Some(due) => format!("{} ({}, by {})", self.task, self.by, long_date(due)),
            None => format!("{} ({})", self.task, self.by),
        }
    }
}

/// One item the chair may approve for the family's copy, as the review shows it: the
/// sentence that would go, in the words the family's copy uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub kind: ItemKind,
    pub id: String,
    pub sentence: String,
    pub restrictions: Restrictions,
    pub approved: bool,
    pub police_agreed: bool,
    /// The police must agree before it goes (a decision or action while their
    /// investigation is open).
    pub needs_police: bool,
}

/// Every item the chair may approve for the family's copy, in the order the copy holds
/// them: the assessment's statements by column, then decisions, then actions.
pub fn candidates(record: &DecisionRecord) -> Vec<Candidate> {
    let plan = record.family_copy.clone().unwrap_or_default();
    let open = investigation_open(record);
    let candidate = |kind: ItemKind, id: &str, sentence: String, restrictions: Restrictions| {
        let approval = plan
            .approved
            .iter()
            .find(|approval| approval.list == kind && approval.id == id);
        Candidate {
            kind,
            id: id.to_string(),
            sentence,
            restrictions,
            approved: approval.is_some(),
            police_agreed: approval.is_some_and(|approval| approval.police_agreed),
            needs_police: open && matches!(kind, ItemKind::Decision | ItemKind::Action),
        }
    };
    let mut all = Vec::new();
    for column in AssessmentColumn::ALL {
        for statement in &record.assessment[*column] {
            all.push(candidate(
                ItemKind::Statement(*column),
                &statement.id,
                statement.text.trim().to_string(),
                statement.restrictions(),
            ));
        }
    }
    for decision in &record.decisions {
        all.push(candidate(
            ItemKind::Decision,
            &decision.id,
            FamilyDecision::of(decision).sentence(),
            decision.restrictions(),
        ));
    }
    for action in &record.actions {
        all.push(candidate(
            ItemKind::Action,
            &action.id,
            FamilyAction::of(record, action).sentence(),
            action.restrictions(),
        ));
    }
    all
}

/// The family's copy of `record`: what the family will be told (never what is withheld
/// or why), the named lead worker, and the items the chair approved that carry no
/// restriction (decisions and actions, while a criminal investigation is open, only with
/// the police's agreement). Everything else is counted as left out: scales, dissent, other
/// people's histories, tools, contingencies, legal advice, the audit trail, the debrief and
/// every other professional's details.
pub fn family_copy(record: &DecisionRecord) -> FamilyCopy {
    let plan = record.family_copy.clone().unwrap_or_default();
    let lead = plan
        .lead_worker_id
        .as_deref()
        .and_then(|id| record.participant(id));
    let by = |id: Option<&str>| told_by(record, id);
    let mut left = LeftOut::default();
    let mut goes = |kind: ItemKind, id: &str, restrictions: Restrictions| {
        let refused = family_refusal(record, kind, id, &restrictions).is_some();
        if refused {
            left.add(kind.key(), 1);
        }
        !refused
    };
    let mut statements = |column: AssessmentColumn| -> Vec<String> {
        record.assessment[column]
            .iter()
            .filter(|statement| {
                goes(
                    ItemKind::Statement(column),
                    &statement.id,
                    statement.restrictions(),
                )
            })
            .map(|statement| statement.text.trim().to_string())
            .collect()
    };
    let worries = statements(AssessmentColumn::Worries);
    let working_well = statements(AssessmentColumn::WorkingWell);
    let needs_to_happen = statements(AssessmentColumn::NeedsToHappen);
    let danger_statements = statements(AssessmentColumn::DangerStatements);
    let safety_goals = statements(AssessmentColumn::SafetyGoals);
    let decisions = record
        .decisions
        .iter()
        .filter(|decision| goes(ItemKind::Decision, &decision.id, decision.restrictions()))
        .map(FamilyDecision::of)
        .collect();
    let actions = record
        .actions
        .iter()
        .filter(|action| goes(ItemKind::Action, &action.id, action.restrictions()))
        .map(|action| FamilyAction::of(record, action))
        .collect();
    for (section, count) in [
        ("subjects", record.subjects.len().saturating_sub(1)),
        (
            "participants",
            record.participants.len() - usize::from(lead.is_some()),
        ),
        ("information", record.information.len()),
        ("gaps", record.gaps.len()),
        ("scales", record.scales.len()),
        ("tools", record.tools.len()),
        ("risks", record.risks.len()),
        ("contingencies", record.contingencies.len()),
        ("dissent", record.dissent.len()),
        ("distribution", record.distribution.len()),
        ("amendments", record.amendments.len()),
        ("followUp", record.follow_up.len()),
        ("audit", record.audit.len()),
        (
            "wellbeingDebrief",
            usize::from(record.wellbeing_debrief.is_some()),
        ),
        (
            "childVoice",
            usize::from(record.child_voice != ChildVoice::default()),
        ),
        (
            "practiceContext",
            usize::from(!record.practice_context.details.is_empty()),
        ),
        (
            "meeting.reason",
            usize::from(!record.meeting.reason.is_empty()),
        ),
        (
            "assessment.scaleDiscussion",
            usize::from(!record.assessment.scale_discussion.is_empty()),
        ),
        ("threshold", usize::from(record.threshold.is_some())),
        ("injury", usize::from(record.injury.is_some())),
        ("lawfulBasis", usize::from(record.lawful_basis.is_some())),
        ("medical", usize::from(record.medical.is_some())),
    ] {
        left.add(section, count);
    }
    let withheld = record
        .family_communication
        .iter()
        .filter(|talk| !talk.withheld.trim().is_empty())
        .count();
    left.add("familyCommunication.withheld", withheld);
    FamilyCopy {
        copy_for: RecipientKind::Family,
        record_id: record.meta.id.clone(),
        child: record
            .child()
            .map(|child| child.name.clone())
            .unwrap_or_default(),
        meeting_date: record.meeting.date,
        lead_worker: lead.map(|person| FamilyContact {
            name: person.name.clone(),
            role: person.role.clone(),
            agency: person.agency.clone(),
        }),
        what_we_will_tell_you: record
            .family_communication
            .iter()
            .map(|talk| FamilyMessage {
                what: talk.what.trim().to_string(),
                to_whom: talk.to_whom.trim().to_string(),
                by: by(talk.by_id.as_deref()),
                when: talk.when,
            })
            .collect(),
        worries,
        working_well,
        needs_to_happen,
        danger_statements,
        safety_goals,
        decisions,
        actions,
        left_out: left.0,
    }
}

/// The family's copy as a letter: plain sentences under plain headings, for printing.
pub fn family_letter(copy: &FamilyCopy) -> String {
    let mut letter = String::new();
    let mut line = |text: String| {
        letter.push_str(&text);
        letter.push('\n');
    };
    line(format!(
        "About {}",
        if copy.child.is_empty() {
            "your child"
        } else {
            &copy.child
        }
    ));
    if let Some(date) = copy.meeting_date {
        line(format!(
            "Professionals who work with your family met on {} to talk about how to keep {} safe.",
            long_date(date),
            if copy.child.is_empty() {
                "your child"
            } else {
                &copy.child
            }
        ));
    }
    if let Some(lead) = &copy.lead_worker {
        line(format!(
            "Your lead worker is {}, {} ({}). Please contact them with any questions.",
            lead.name, lead.role, lead.agency
        ));
    }
    let mut section = |heading: &str, items: Vec<String>| {
        if !items.is_empty() {
            line(String::new());
            line(heading.to_string());
            for item in items {
                line(format!("- {item}"));
            }
        }
    };
    section(
        "What we will tell you",
        copy.what_we_will_tell_you
            .iter()
            .map(|message| {
                let mut text = message.what.clone();
                if !message.by.is_empty() {
                    text.push_str(&format!(" ({}", message.by));
                    if let Some(when) = message.when {
                        text.push_str(&format!(", {}", long_date(when)));
                    }
                    text.push(')');
                }
                text
            })
            .collect(),
    );
    section("What we are worried about", copy.worries.clone());
    section("What is working well", copy.working_well.clone());
    section("What needs to happen", copy.needs_to_happen.clone());
    section(
        "What could happen if nothing changes",
        copy.danger_statements.clone(),
    );
    section("What safe enough looks like", copy.safety_goals.clone());
    section(
        "What was decided",
        copy.decisions
            .iter()
            .map(FamilyDecision::sentence)
            .collect(),
    );
    section(
        "What will happen next",
        copy.actions.iter().map(FamilyAction::sentence).collect(),
    );
    letter
}

//! Validation: what is missing or doubtful in a record, as findings rather than failures.
//! Errors block finalising; warnings are for the group to consider. A message that quotes
//! the record's text shows its bidirectional controls as escapes ([`bidi::escape`]).

use super::clock::{panel_notification_due, PANEL_NOTIFICATION_WORKING_DAYS};
use super::command::Item;
use super::config::{AgencyRole, Config};
use crate::bidi;
use crate::dates::long_date;
use crate::record::*;
use serde::Serialize;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Blocks finalising.
    Error,
    /// Does not block finalising; the group should consider it.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// What a person reads beside a finding: "Must fix" or "Consider".
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "Must fix",
            Severity::Warning => "Consider",
        }
    }
}

/// One thing wrong with, or worth a second look in, a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Where: a JSON path into the record such as `$.participants[2].agency`.
    pub path: JsonPath,
    /// Whether it blocks finalising.
    pub severity: Severity,
    /// What is wrong, in plain English, saying what to do.
    pub message: String,
}

// `#[inline(never)]`: made at about a hundred places in the checks, each would otherwise be a
// copy of the constructor.
impl Finding {
    /// A finding that blocks finalising.
    #[inline(never)]
    pub fn error(path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            path,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A finding for the group to consider.
    #[inline(never)]
    pub fn warning(path: JsonPath, message: impl Into<String>) -> Self {
        Finding {
            path,
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

/// Every finding for the record, in the order of its sections.
pub fn validate(record: &DecisionRecord, config: &Config) -> Vec<Finding> {
    let mut found = Found::default();
    found.run(record, config, u64::MAX);
    found.findings
}

/// The bits of the record's members `names` names, by the names the record writes them
/// under, with `meeting.date` for the meeting's date alone: worked out as the program is
/// compiled, which refuses a name that is not a member's.
const fn reads(names: &[&str]) -> u64 {
    let mut bits = 0;
    let mut at = 0;
    while at < names.len() {
        bits |= bit(names[at]);
        at += 1;
    }
    bits
}

/// The bit that stands for the meeting's date alone; the bits below it stand for the
/// record's members, in their order.
const MEETING_DATE: u64 = 1 << DecisionRecord::MEMBERS.len();
const _: () = assert!(DecisionRecord::MEMBERS.len() < 63);

const fn bit(name: &str) -> u64 {
    if same(name, "meeting.date") {
        return MEETING_DATE;
    }
    let mut index = 0;
    while index < DecisionRecord::MEMBERS.len() {
        if same(DecisionRecord::MEMBERS[index], name) {
            return 1 << index;
        }
        index += 1;
    }
    panic!("a check names something that is not a member of the record")
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// What each check reads of the record ([`reads`]), in the order of [`run_check`]'s checks,
/// the order their findings are made in; the check for hidden controls, which reads each
/// member apart, comes after them ([`Found::run`]). [`Validation`] runs a check again only
/// when a member it reads changed; a test holds each check's findings unchanged whatever
/// the members it does not name hold.
const READS: [u64; 19] = [
    // validate_meeting
    reads(&["schemaVersion", "meeting", "participants"]),
    // validate_subjects
    reads(&["schemaVersion", "meta", "meeting.date", "subjects"]),
    // validate_participants
    reads(&["participants"]),
    // validate_information
    reads(&["information", "gaps"]),
    // validate_lawful_basis
    reads(&["schemaVersion", "information", "lawfulBasis"]),
    // validate_child_voice
    reads(&["subjects", "childVoice"]),
    // validate_scales
    reads(&["participants", "assessment", "scales"]),
    // validate_threshold
    reads(&["schemaVersion", "participants", "threshold", "decisions"]),
    // validate_injury_and_medical
    reads(&[
        "schemaVersion",
        "meeting.date",
        "subjects",
        "injury",
        "participants",
        "medical",
        "decisions",
    ]),
    // validate_decisions
    reads(&["decisions"]),
    // validate_risks
    reads(&["risks"]),
    // validate_actions
    reads(&["meeting.date", "actions"]),
    // validate_contingencies
    reads(&["contingencies"]),
    // validate_dissent
    reads(&["dissent"]),
    // validate_family_communication
    reads(&["familyCommunication"]),
    // validate_timescales
    reads(&["meeting.date", "timescales"]),
    // validate_distribution
    reads(&["distribution"]),
    // validate_follow_ups
    reads(&["followUp"]),
    // validate_references
    reads(&["participants"]) | reads(&PARTICIPANT_REFERENCE_MEMBERS),
];

/// Runs check `check` ([`READS`]).
fn run_check(check: usize, record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    match check {
        0 => validate_meeting(record, findings),
        1 => validate_subjects(record, findings),
        2 => validate_participants(record, config, findings),
        3 => validate_information(record, findings),
        4 => validate_lawful_basis(record, config, findings),
        5 => validate_child_voice(record, findings),
        6 => validate_scales(record, findings),
        7 => validate_threshold(record, config, findings),
        8 => validate_injury_and_medical(record, config, findings),
        9 => validate_decisions(record, config, findings),
        10 => validate_risks(record, findings),
        11 => validate_actions(record, findings),
        12 => validate_contingencies(record, findings),
        13 => validate_dissent(record, findings),
        14 => validate_family_communication(record, findings),
        15 => validate_timescales(record, findings),
        16 => validate_distribution(record, findings),
        17 => validate_follow_ups(record, config, findings),
        _ => validate_references(record, findings),
    }
}

/// The findings of each check and of each member's hidden controls, kept, and all of
/// them in order.
#[derive(Default)]
struct Found {
    /// Each check's findings, in [`READS`]'s order.
    checks: Vec<Vec<Finding>>,
    /// The warnings on hidden controls in each member ([`validate_text`]).
    texts: Vec<Vec<Finding>>,
    findings: Vec<Finding>,
}

impl Found {
    /// Runs again each check that reads a member `changed` has the bit of, and the check
    /// for hidden controls on each member it has the bit of.
    fn run(&mut self, record: &DecisionRecord, config: &Config, changed: u64) {
        self.checks.resize_with(READS.len(), Vec::new);
        for (check, (reads, findings)) in READS.iter().zip(&mut self.checks).enumerate() {
            if changed & reads != 0 {
                findings.clear();
                run_check(check, record, config, findings);
            }
        }
        let members = DecisionRecord::MEMBERS;
        self.texts.resize_with(members.len(), Vec::new);
        for (index, (member, findings)) in members.iter().zip(&mut self.texts).enumerate() {
            if changed & (1 << index) != 0 {
                findings.clear();
                validate_text(record, member, findings);
            }
        }
        self.findings.clear();
        for findings in self.checks.iter().chain(&self.texts) {
            self.findings.extend_from_slice(findings);
        }
        self.findings.sort_by_key(|finding| place(&finding.path));
    }
}

/// [`validate`] kept from one revision of a record to the next, for a record that changes
/// a little at a time (the widget validates on every key). Each check runs again only
/// when a member it reads changed (a long list the two revisions share is known unchanged
/// at once, see [`Shared`]), and the check for hidden controls walks only the members that
/// changed. `R` holds a revision (an `Rc<DecisionRecord>`), `C` the configuration; with a
/// configuration other than the last one's (not the same value in memory) every check
/// runs. The findings are [`validate`]'s, in the same order.
pub struct Validation<R, C> {
    last: Option<(R, C)>,
    found: Found,
}

impl<R, C> Default for Validation<R, C> {
    fn default() -> Self {
        Validation {
            last: None,
            found: Found::default(),
        }
    }
}

impl<R, C> Validation<R, C>
where
    R: std::ops::Deref<Target = DecisionRecord> + Clone,
    C: std::ops::Deref<Target = Config> + Clone,
{
    /// Every finding for `record`, as [`validate`] makes them.
    pub fn findings(&mut self, record: &R, config: &C) -> &[Finding] {
        let changed = match &self.last {
            Some((last, last_config)) if std::ptr::eq(&**last_config, &**config) => {
                let mut changed = 0;
                if !std::ptr::eq(&**last, &**record) {
                    for index in 0..DecisionRecord::MEMBERS.len() {
                        if !record.same_member(last, index) {
                            changed |= 1 << index;
                        }
                    }
                    if record.meeting.date != last.meeting.date {
                        changed |= MEETING_DATE;
                    }
                }
                changed
            }
            _ => u64::MAX,
        };
        if changed != 0 {
            self.found.run(record, config, changed);
            self.last = Some((record.clone(), config.clone()));
        }
        &self.found.findings
    }

    /// The findings of the record [`Validation::findings`] was last called with.
    pub fn last(&self) -> &[Finding] {
        &self.found.findings
    }
}

/// The serious incident notification a follow-up calls for: a prompt until a follow-up
/// says the Panel was notified, and a warning when that was after the five working days.
fn validate_follow_ups(record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    let Some(notification) = record.panel_notification() else {
        return;
    };
    let due = panel_notification_due(notification.learned, &config.holidays);
    let at = JsonPath::keys(&["followUp"]).index(notification.index);
    match notification.notified {
        None => findings.push(Finding::warning(
            at,
            format!(
                "Notify the Child Safeguarding Practice Review Panel of the child's death or \
                 serious harm within {PANEL_NOTIFICATION_WORKING_DAYS} working days of \
                 learning of it, by {} (Children Act 2004, section 16C), and add a \
                 follow-up saying so",
                long_date(due)
            ),
        )),
        Some(notified) if notified > due => findings.push(Finding::warning(
            at,
            format!(
                "The Panel was notified on {}, after the {PANEL_NOTIFICATION_WORKING_DAYS} \
                 working days (by {})",
                long_date(notified),
                long_date(due)
            ),
        )),
        Some(_) => {}
    }
}

/// The largest score minus the smallest, when at least two participants gave one. The
/// spread is what the group discusses; the scales are never averaged.
pub fn scale_spread(scales: &[SafetyScale]) -> Option<u8> {
    let scores = scales.iter().map(|scale| scale.score);
    let highest = scores.clone().max()?;
    let lowest = scores.min()?;
    (scales.len() >= 2).then(|| highest.saturating_sub(lowest))
}

/// A spread of this many points or more asks the group to discuss the difference.
pub const SPREAD_TO_DISCUSS: u8 = 3;

/// Pushes an error when a participant the record needs here was not chosen.
fn require_participant(
    findings: &mut Vec<Finding>,
    path: JsonPath,
    id: Option<&str>,
    message: &str,
) {
    if id.is_none_or(str::is_empty) {
        findings.push(Finding::error(path, message));
    }
}

/// An error for every reference to an id that is not one of the participants.
fn validate_references(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    // A map, not a set: import's map of the same type is in the module already.
    let mut ids = std::collections::HashMap::<&str, usize>::new();
    for (index, participant) in record.participants.iter().enumerate() {
        ids.insert(&participant.id, index);
    }
    record.for_each_participant_reference(|site, id| {
        // The chair has its own, more specific finding (see `validate_meeting`).
        if !id.is_empty() && !ids.contains_key(id) && site != ReferenceSite::Chair {
            findings.push(Finding::error(
                site.path(),
                format!("{id:?} is not one of the participants: choose someone from the list"),
            ));
        }
    });
}

/// A warning on every text of the record's `member` that holds a bidirectional control
/// able to reorder what is displayed (an embedding, override or isolate:
/// [`bidi::reorders`]), at the text's path. The widget isolates such text wherever it
/// shows it ([`bidi::isolate`]), but other systems, emails and printouts made from the
/// record may not: someone should check that the text says what was meant.
///
/// Every string of every member is looked at, through one walk of its fields
/// ([`member_strings_with`]), so a field added later is covered too: names, free text, ids
/// (free strings a host may choose) and the amendments. The audit trail is not: it repeats
/// what the record held, cannot be corrected, and no view shows it.
fn validate_text(record: &DecisionRecord, member: &'static str, findings: &mut Vec<Finding>) {
    if member == "audit" {
        return;
    }
    for (path, characters) in member_strings_with(record, member, &bidi::reorders) {
        findings.push(Finding::warning(path, hidden_controls(&characters)));
    }
}

/// What [`validate_text`] says about the bidirectional controls in one text.
fn hidden_controls(characters: &[char]) -> String {
    let named: Vec<String> = characters
        .iter()
        .map(|character| format!("U+{:04X} {}", u32::from(*character), bidi::name(*character)))
        .collect();
    let (what, them) = if characters.len() == 1 {
        ("a hidden control character", "it")
    } else {
        ("hidden control characters", "them")
    };
    format!(
        "This text contains {what} that can reverse how text around {them} is displayed ({}): \
         check the text as typed",
        named.join(", ")
    )
}

/// Where a finding goes in the list: by section in the record's order, then by item.
fn place(path: &JsonPath) -> (usize, usize) {
    const SECTIONS: [&str; 20] = [
        "meeting",
        "subjects",
        "injury",
        "participants",
        "information",
        "lawfulBasis",
        "gaps",
        "childVoice",
        "scales",
        "threshold",
        "medical",
        "decisions",
        "risks",
        "actions",
        "contingencies",
        "dissent",
        "familyCommunication",
        "timescales",
        "distribution",
        "amendments",
    ];
    let section = match path.steps().first() {
        Some(Step::Key(key)) => SECTIONS.iter().position(|name| name == key),
        _ => None,
    };
    let item = match path.steps().get(1) {
        Some(Step::Index(index)) => *index,
        _ => 0,
    };
    (section.unwrap_or(SECTIONS.len()), item)
}

/// The men around the child and the other children (records of version 3 on): the national
/// review of serious harm to babies found the men around them unseen and unchecked again
/// and again, and other children in the household without a decision of their own.
fn validate_people_around_the_child(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    if record.schema_version < 3 {
        return;
    }
    for (index, subject) in record.subjects.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Subject.item_path(index).key(field);
        let name = bidi::escape(&subject.name);
        if subject.is_man_around_the_child() {
            if subject.seen != Tristate::Yes {
                findings.push(Finding::warning(
                    path("seen"),
                    format!(
                        "{name} is not recorded as seen: men in the household or caring for a \
                         child are too often never seen; say who will see him, and when"
                    ),
                ));
            }
            if subject.checks.is_empty() {
                findings.push(Finding::warning(
                    path("checks"),
                    format!(
                        "Record the checks made on {name}: police, children's social care, \
                         health, probation, other areas he has lived in"
                    ),
                ));
            }
        }
        if subject.interpreter == Tristate::Yes && subject.language.trim().is_empty() {
            findings.push(Finding::warning(
                path("language"),
                format!("Record the language {name} needs an interpreter for"),
            ));
        }
        if subject.lacks_own_record() {
            findings.push(Finding::warning(
                path("ownRecord"),
                format!(
                    "{name} needs a decision of their own: link their own record (a strategy \
                     discussion for them), or record what this meeting decided for them"
                ),
            ));
        }
    }
}

/// The injury and the child protection medical (records of version 3 on). A child who is
/// not independently mobile (by age or disability) with an injury is seen by a paediatrician
/// the same day the injury is first seen, and the other children are considered for
/// examination too; a medical is requested by children's social care or the police, carried
/// out by a paediatrician, and relies on the consent of a person with parental
/// responsibility or on a court order.
fn validate_injury_and_medical(
    record: &DecisionRecord,
    config: &Config,
    findings: &mut Vec<Finding>,
) {
    if record.schema_version < 3 {
        return;
    }
    let injury = record.injury.clone().unwrap_or_default();
    // Some only for a child who is not independently mobile with an injury recorded.
    let timing = record.medical_timing();
    let at_injury = |field: &'static str| JsonPath::keys(&["injury"]).key(field);
    if injury.is_recorded() {
        if injury.explanation.trim().is_empty() {
            findings.push(Finding::warning(
                at_injury("explanation"),
                "Record the explanation given for the injury, and by whom (or that none was \
                 given)",
            ));
        }
        if injury.explanation_fits == Tristate::Unknown {
            findings.push(Finding::warning(
                at_injury("explanationFits"),
                "Record whether the explanation fits the child's age and development",
            ));
        }
        if timing.is_some() && injury.protocol.trim().is_empty() {
            findings.push(Finding::warning(
                at_injury("protocol"),
                "Record the protocol followed for an injury to a child who is not \
                 independently mobile, with its version",
            ));
        }
    }
    let medical = record.medical.clone().unwrap_or_default();
    let at = |field: &'static str| JsonPath::keys(&["medical"]).key(field);
    if !medical.is_planned() {
        if timing == Some(MedicalTiming::NotRecorded) {
            findings.push(Finding::error(
                at("date"),
                "A child who is not independently mobile with an injury is seen by a \
                 paediatrician the same day: record the child protection medical",
            ));
        } else if let Some(index) = record
            .decisions
            .iter()
            .position(|decision| decision.decision_type == Some(DecisionType::Medical))
        {
            findings.push(Finding::warning(
                ItemKind::Decision.item_path(index).key("decisionType"),
                "Record the medical itself under \"The child protection medical\": who \
                 requests it, the paediatrician, consent and when",
            ));
        }
        return;
    }
    if let Some(person) = medical
        .requested_by_id
        .as_deref()
        .and_then(|id| record.participant(id))
    {
        let role = config.role_of(&person.agency);
        if !role.counts_as(AgencyRole::ChildrensSocialCare) && !role.counts_as(AgencyRole::Police) {
            findings.push(Finding::warning(
                at("requestedById"),
                format!(
                    "Children's social care or the police request a child protection medical; \
                     {} ({}) can advise",
                    bidi::escape(&person.name),
                    bidi::escape(&person.agency)
                ),
            ));
        }
    } else {
        findings.push(Finding::warning(
            at("requestedById"),
            "Choose who requests the medical, for children's social care or the police",
        ));
    }
    if medical.paediatrician.trim().is_empty() {
        findings.push(Finding::warning(
            at("paediatrician"),
            "Name the paediatrician who carries out the medical",
        ));
    }
    match medical.authority {
        None => findings.push(Finding::warning(
            at("authority"),
            "Record what the medical relies on: the consent of a person with parental \
             responsibility, or a court order",
        )),
        Some(MedicalAuthority::Consent) if medical.consent_from.trim().is_empty() => {
            findings.push(Finding::warning(
                at("consentFrom"),
                "Record who consented: a person with parental responsibility",
            ))
        }
        Some(MedicalAuthority::Consent) => {
            let named = medical.consent_from.trim();
            if let Some(subject) = record.subjects.iter().find(|subject| {
                subject.name.trim().eq_ignore_ascii_case(named)
                    && subject.parental_responsibility == Tristate::No
            }) {
                findings.push(Finding::warning(
                    at("consentFrom"),
                    format!(
                        "{} does not hold parental responsibility: consent comes from a person \
                         who does, or the medical needs a court order",
                        bidi::escape(&subject.name)
                    ),
                ));
            }
        }
        Some(MedicalAuthority::CourtOrder) if medical.consent_from.trim().is_empty() => findings
            .push(Finding::warning(
                at("consentFrom"),
                "Name the court order the medical relies on",
            )),
        Some(_) => {}
    }
    match timing {
        Some(MedicalTiming::Undated) => findings.push(Finding::warning(
            at("date"),
            "Set the day of the medical: for a child who is not independently mobile it is \
             the same day the injury is seen",
        )),
        Some(MedicalTiming::Later { seen, day }) => findings.push(Finding::warning(
            at("date"),
            format!(
                "The injury was first seen on {}; the medical is on {}: for a child who is not \
                 independently mobile it is the same day",
                long_date(seen),
                long_date(day)
            ),
        )),
        _ => {}
    }
    if timing.is_some() {
        for (index, subject) in record.subjects.iter().enumerate() {
            if subject.role == SubjectRole::Sibling && subject.to_be_examined == Tristate::Unknown {
                findings.push(Finding::warning(
                    ItemKind::Subject.item_path(index).key("toBeExamined"),
                    format!(
                        "Decide whether {} is examined by a paediatrician too",
                        bidi::escape(&subject.name)
                    ),
                ));
            }
        }
    }
}

/// The threshold decision (records of version 3 on; an earlier record was finalised without
/// one): answered, with reasons, who decided, the categories of harm for a yes, the route
/// that follows, a date to reconvene for "not yet", and no decision that contradicts it.
fn validate_threshold(record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    if record.schema_version < 3 {
        return;
    }
    let path = |field: &'static str| JsonPath::keys(&["threshold"]).key(field);
    let threshold = record.threshold.clone().unwrap_or_default();
    decisions_against_threshold(record, threshold.answer, threshold.route, findings);
    let Some(answer) = threshold.answer else {
        findings.push(Finding::error(
            path("answer"),
            "Record the threshold decision: is there reasonable cause to suspect that the child \
             is suffering, or is likely to suffer, significant harm?",
        ));
        return;
    };
    if threshold.reasoning.trim().is_empty() {
        findings.push(Finding::error(
            path("reasoning"),
            "Record the reasons for the threshold decision",
        ));
    }
    require_participant(
        findings,
        path("decidedById"),
        threshold.decided_by_id.as_deref(),
        "Choose who made the threshold decision for children's social care",
    );
    if let Some(person) = threshold
        .decided_by_id
        .as_deref()
        .and_then(|id| record.participant(id))
    {
        if !config
            .role_of(&person.agency)
            .counts_as(AgencyRole::ChildrensSocialCare)
        {
            findings.push(Finding::warning(
                path("decidedById"),
                format!(
                    "The threshold decision is children's social care's, for the local \
                     authority; {} ({}) can advise and dissent",
                    bidi::escape(&person.name),
                    bidi::escape(&person.agency)
                ),
            ));
        }
    }
    let route = threshold.route;
    match answer {
        ThresholdAnswer::Yes => {
            if threshold.harm_categories.is_empty() {
                findings.push(Finding::error(
                    path("harmCategories"),
                    "Select the category or categories of harm suspected",
                ));
            }
            match route {
                None => findings.push(Finding::error(
                    path("route"),
                    "Select what follows: section 47 enquiries, jointly with the police or not",
                )),
                Some(route) if !route.is_section_47() => findings.push(Finding::error(
                    path("route"),
                    format!(
                        "Reasonable cause to suspect significant harm means section 47 \
                         enquiries, not \"{}\"",
                        route.label()
                    ),
                )),
                Some(_) => {}
            }
        }
        ThresholdAnswer::No => match route {
            None => findings.push(Finding::error(
                path("route"),
                "Select what follows: section 17, early help or no further action",
            )),
            Some(route) if route.is_section_47() => findings.push(Finding::error(
                path("route"),
                "Section 47 enquiries follow only when there is reasonable cause to suspect \
                 significant harm",
            )),
            Some(_) => {}
        },
        ThresholdAnswer::NotYet => {
            if threshold.reconvene_by.is_none() {
                findings.push(Finding::error(
                    path("reconveneBy"),
                    "Say by when the meeting reconvenes to decide",
                ));
            }
        }
    }
}

/// The decisions must not contradict the threshold decision, nor each other.
fn decisions_against_threshold(
    record: &DecisionRecord,
    answer: Option<ThresholdAnswer>,
    route: Option<ThresholdRoute>,
    findings: &mut Vec<Finding>,
) {
    for (index, decision) in record.decisions.iter().enumerate() {
        let Some(kind) = decision.decision_type else {
            continue;
        };
        let at = ItemKind::Decision.item_path(index).key("decisionType");
        let contradiction = match (answer, route) {
            (Some(ThresholdAnswer::Yes), _) if kind == DecisionType::NoFurtherAction => Some(
                "No further action contradicts the threshold decision: reasonable cause to \
                 suspect significant harm",
            ),
            (Some(ThresholdAnswer::No | ThresholdAnswer::NotYet), _)
                if kind.starts_section_47() =>
            {
                Some(
                    "Section 47 enquiries contradict the threshold decision: record reasonable \
                 cause to suspect significant harm, or change this decision",
                )
            }
            (_, Some(ThresholdRoute::S47SingleAgency)) if kind == DecisionType::S47Joint => {
                Some("The threshold decision says single-agency enquiries; this says joint")
            }
            (_, Some(ThresholdRoute::S47Joint)) if kind == DecisionType::S47SingleAgency => {
                Some("The threshold decision says joint enquiries; this says single agency")
            }
            _ => None,
        };
        if let Some(message) = contradiction {
            findings.push(Finding::error(at, message));
        }
    }
    // Without a threshold decision, the decisions must still agree with each other.
    let starts_47 = record
        .decisions
        .iter()
        .any(|d| d.decision_type.is_some_and(DecisionType::starts_section_47));
    let no_further = record
        .decisions
        .iter()
        .position(|d| d.decision_type == Some(DecisionType::NoFurtherAction));
    if let (true, Some(index), None) = (starts_47, no_further, answer) {
        findings.push(Finding::error(
            ItemKind::Decision.item_path(index).key("decisionType"),
            "No further action contradicts the decision to start section 47 enquiries",
        ));
    }
}

fn validate_subjects(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    validate_people_around_the_child(record, findings);
    let children: Vec<usize> = record
        .subjects
        .iter()
        .enumerate()
        .filter(|(_, subject)| subject.role == SubjectRole::Child)
        .map(|(index, _)| index)
        .collect();
    match children.as_slice() {
        [] => findings.push(Finding::error(
            JsonPath::keys(&["subjects"]),
            "Add the child this record is about",
        )),
        [_] => {}
        [_, rest @ ..] => {
            for index in rest {
                findings.push(Finding::error(
                    ItemKind::Subject.item_path(*index).key("role"),
                    "One record per child: record a brother or sister as a sibling and give \
                     them a linked record of their own",
                ));
            }
        }
    }
    if let Some(&index) = children.first() {
        let child = &record.subjects[index];
        if child.date_of_birth.is_none() && !(child.unborn && child.expected_date.is_some()) {
            findings.push(Finding::error(
                ItemKind::Subject.item_path(index).key("dateOfBirth"),
                "Enter the child's date of birth, or the expected date for an unborn baby",
            ));
        }
        if child.mobility == Mobility::Unknown && !child.unborn {
            findings.push(Finding::warning(
                ItemKind::Subject.item_path(index).key("mobility"),
                "Record whether the child is independently mobile: any bruise on a child who \
                 is not (a baby not yet moving, or a disabled child) is a red flag",
            ));
        }
    }
    for (index, subject) in record.subjects.iter().enumerate() {
        findings.extend(born_after_the_meeting(
            record,
            subject,
            ItemKind::Subject.item_path(index),
        ));
    }
    let men = record
        .subjects
        .iter()
        .any(|subject| matches!(subject.role, SubjectRole::Father | SubjectRole::MaleCarer));
    if !men {
        findings.push(Finding::warning(
            JsonPath::keys(&["subjects"]),
            "Record the child's father and any male carers or partners, even if not living \
             with the child or not known",
        ));
    }
}

fn validate_information(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    for (index, item) in record.information.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Information.item_path(index).key(field);
        if item.content.trim().is_empty() {
            findings.push(Finding::error(
                path("content"),
                "Enter the information shared",
            ));
        }
        if item.source_agency.trim().is_empty() {
            findings.push(Finding::error(
                path("sourceAgency"),
                "Select the agency the information comes from",
            ));
        }
        if item.basis == SharingBasis::Consent {
            findings.push(Finding::warning(
                path("basis"),
                "Consent is rarely the lawful basis for sharing in safeguarding: check \
                 whether a statutory duty or public task applies (sharing does not wait \
                 for consent)",
            ));
        }
    }
    for (index, gap) in record.gaps.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Gap.item_path(index).key(field);
        require_participant(
            findings,
            path("ownerId"),
            gap.owner_id.as_deref(),
            "Choose who will find this out",
        );
        if gap.due.is_none() {
            findings.push(Finding::warning(
                path("due"),
                "Set when this will be found out by",
            ));
        }
    }
}

/// The lawful basis for the meeting's sharing (records of version 3 on): the duty, the
/// Article 6 basis, the Article 9 condition once health information is shared, Part 3 once
/// the police share, and whether the family was told and, if not, why.
fn validate_lawful_basis(record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    if record.schema_version < 3 || record.information.is_empty() {
        return;
    }
    let basis = record.lawful_basis.clone().unwrap_or_default();
    let at = |field: &'static str| JsonPath::keys(&["lawfulBasis"]).key(field);
    if basis.duties.is_empty() {
        findings.push(Finding::warning(
            at("duties"),
            "Record the statutory duty the sharing rests on (for section 47 enquiries, the \
             Children Act 1989, section 47)",
        ));
    }
    match basis.article6 {
        None => findings.push(Finding::warning(
            at("article6"),
            "Record the UK GDPR Article 6 basis (usually public task)",
        )),
        Some(Article6Basis::Consent) => findings.push(Finding::warning(
            at("article6"),
            "Consent is rarely the basis for sharing in safeguarding, and cannot be if the \
             sharing would go ahead without it: check whether public task applies",
        )),
        Some(_) => {}
    }
    let from = |role: AgencyRole| {
        record
            .information
            .iter()
            .any(|item| config.role_of(&item.source_agency).counts_as(role))
    };
    let health = from(AgencyRole::Health)
        || record.information.iter().any(|item| {
            item.restrictions()
                .contains(Restriction::HealthConfidential)
        });
    if health
        && matches!(
            basis.special_category,
            None | Some(SpecialCategoryCondition::NotShared)
        )
    {
        findings.push(Finding::warning(
            at("specialCategory"),
            "Health information was shared: record the Article 9 condition (usually \
             safeguarding of children, DPA 2018 Schedule 1, paragraph 18)",
        ));
    }
    if from(AgencyRole::Police) && basis.police_part3 == Tristate::Unknown {
        findings.push(Finding::warning(
            at("policePart3"),
            "The police shared information: record whether they did so under Part 3 of the \
             Data Protection Act 2018 (law enforcement)",
        ));
    }
    match basis.family_told {
        Tristate::Unknown => findings.push(Finding::warning(
            at("familyTold"),
            "Record whether the family has been told that information about them is shared",
        )),
        Tristate::No if basis.not_told_reason.trim().is_empty() => findings.push(Finding::warning(
            at("notToldReason"),
            "Say why the family has not been told (it would put the child at risk, or \
             prejudice a criminal investigation), or when they will be",
        )),
        _ => {}
    }
}

fn validate_child_voice(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    let voice = &record.child_voice;
    if !voice.words.trim().is_empty() || !voice.observed_experience.trim().is_empty() {
        return;
    }
    // An unborn child has no words and no day to observe: what the parents and the
    // professionals observe stands for them, and its absence is no reason to stop.
    if record.child().is_some_and(|child| child.unborn) {
        findings.push(Finding::warning(
            JsonPath::keys(&["childVoice"]),
            "For an unborn child, record what the parents and professionals observe (the \
             pregnancy, antenatal care, the home being made ready) as the observed experience",
        ));
    } else {
        findings.push(Finding::error(
            JsonPath::keys(&["childVoice"]),
            "Record the child's voice: their words, or for a baby their observed daily \
             experience",
        ));
    }
}

fn validate_scales(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    for (index, scale) in record.scales.iter().enumerate() {
        let path = |field: &'static str| JsonPath::keys(&["scales"]).index(index).key(field);
        if scale.score > 10 {
            findings.push(Finding::error(
                path("score"),
                "A safety scale runs from 0 to 10",
            ));
        }
        if scale.reason.trim().is_empty() {
            findings.push(Finding::warning(
                path("reason"),
                format!(
                    "Record why {} chose {}",
                    bidi::escape(&record.participant_label(&scale.participant_id)),
                    scale.score
                ),
            ));
        }
    }
    if let Some(spread) = scale_spread(&record.scales) {
        if spread >= SPREAD_TO_DISCUSS && record.assessment.scale_discussion.trim().is_empty() {
            findings.push(Finding::warning(
                JsonPath::keys(&["scales"]),
                format!(
                    "The safety scales differ by {spread} points: discuss the difference and \
                     record what the group made of it"
                ),
            ));
        }
    }
}

fn validate_decisions(record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    if record.decisions.is_empty() {
        findings.push(Finding::error(
            JsonPath::keys(&["decisions"]),
            "Record the decision about section 47 enquiries, with who made it and why",
        ));
    }
    for (index, decision) in record.decisions.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Decision.item_path(index).key(field);
        if decision.decision_type.is_none() {
            findings.push(Finding::error(
                path("decisionType"),
                "Select the type of decision",
            ));
        }
        if decision.owning_agency.trim().is_empty() {
            findings.push(Finding::error(
                path("owningAgency"),
                "Select the agency that owns this decision in law",
            ));
        }
        require_participant(
            findings,
            path("decisionMakerId"),
            decision.decision_maker_id.as_deref(),
            "Choose the named person who made this decision",
        );
        if decision.rationale.trim().is_empty() {
            findings.push(Finding::error(
                path("rationale"),
                "Record the reasons for this decision",
            ));
        }
        // The owner in law is a fact of statute, not a vote: flag a mismatch (by the role of
        // the host's agency, whatever its local name) rather than refuse it.
        let expected_owner = match decision.decision_type {
            Some(
                DecisionType::S47SingleAgency
                | DecisionType::S47Joint
                | DecisionType::LegalPlanning
                | DecisionType::EmergencyProtectionOrder,
            ) => Some(AgencyRole::ChildrensSocialCare),
            Some(DecisionType::CriminalInvestigation | DecisionType::PoliceProtection) => {
                Some(AgencyRole::Police)
            }
            _ => None,
        };
        if let Some(owner) = expected_owner {
            let owning = decision.owning_agency.trim();
            if !owning.is_empty() && !config.role_of(owning).counts_as(owner) {
                findings.push(Finding::warning(
                    path("owningAgency"),
                    format!(
                        "In law this decision is owned by {}; others advise and may dissent",
                        owner.words()
                    ),
                ));
            }
        }
    }
}

fn validate_risks(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    for (index, risk) in record.risks.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Risk.item_path(index).key(field);
        if risk.description.trim().is_empty() {
            findings.push(Finding::error(path("description"), "Describe the risk"));
        }
        require_participant(
            findings,
            path("ownerId"),
            risk.owner_id.as_deref(),
            "Every risk needs a named owner: choose a participant",
        );
        if risk.review_date.is_none() && risk.review_trigger.trim().is_empty() {
            findings.push(Finding::error(
                path("reviewDate"),
                "Set a review date or what would trigger a review",
            ));
        }
    }
}

fn validate_actions(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    for (index, action) in record.actions.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Action.item_path(index).key(field);
        if action.task.trim().is_empty() {
            findings.push(Finding::error(path("task"), "Enter what is to be done"));
        }
        require_participant(
            findings,
            path("ownerId"),
            action.owner_id.as_deref(),
            "Every action needs one owner: choose a participant",
        );
        if action.due.is_none() {
            findings.push(Finding::error(
                path("due"),
                "Set the date this action is due",
            ));
        }
        findings.extend(due_before_the_meeting(
            record,
            action,
            ItemKind::Action.item_path(index),
        ));
        if action.status == ActionStatus::NotDone && action.not_done_reason.is_none() {
            findings.push(Finding::error(
                path("notDoneReason"),
                "Say whether circumstances changed or the action simply was not done",
            ));
        }
        if action.status == ActionStatus::Done && action.outcome.trim().is_empty() {
            findings.push(Finding::warning(
                path("outcome"),
                "Record what came of this action",
            ));
        }
    }
}

/// The day a date of birth cannot be after, and its words: the meeting's date, or while
/// that is not entered, the day the record was created (in UTC). The core has no clock, so
/// "in the future" is from the meeting's point of view.
fn reference_day(record: &DecisionRecord) -> (IsoDate, String) {
    match record.meeting.date {
        Some(date) => (date, format!("the meeting on {}", long_date(date))),
        None => {
            let created = IsoDate(
                record
                    .meta
                    .created_at
                    .0
                    .to_offset(time::UtcOffset::UTC)
                    .date(),
            );
            (
                created,
                format!("this record was started on {}", long_date(created)),
            )
        }
    }
}

/// An error when someone not yet born has a date of birth after the meeting: a typing
/// slip, or a baby to be recorded as unborn with the expected date. `at` is the subject's
/// path.
fn born_after_the_meeting(
    record: &DecisionRecord,
    subject: &Subject,
    at: JsonPath,
) -> Option<Finding> {
    let born = subject.date_of_birth?;
    let (day, words) = reference_day(record);
    (!subject.unborn && born > day).then(|| {
        Finding::error(
            at.key("dateOfBirth"),
            format!(
                "The date of birth, {}, is after {words}: check it, or for a baby not yet born \
                 answer \"Unborn?\" Yes and give the expected date",
                long_date(born)
            ),
        )
    })
}

/// A warning when an action still to do is due before the meeting that agreed it: most
/// often a slip in the year. `at` is the action's path.
fn due_before_the_meeting(
    record: &DecisionRecord,
    action: &Action,
    at: JsonPath,
) -> Option<Finding> {
    let (due, meeting) = (action.due?, record.meeting.date?);
    let open = matches!(
        action.status,
        ActionStatus::NotStarted | ActionStatus::InProgress
    );
    (open && due < meeting).then(|| {
        Finding::warning(
            at.key("due"),
            format!(
                "This action is due on {}, before the meeting on {}: check the date",
                long_date(due),
                long_date(meeting)
            ),
        )
    })
}

/// What a form raises about an item as it is saved, as the item at `at` (where it is, or
/// where it would be added): the findings of the rules a person can break as they type
/// (a date of birth after the meeting, an action due before it), which [`validate`] reports
/// too. An error stops the save; a warning is for the person to confirm.
pub fn entry_findings(record: &DecisionRecord, item: &Item, at: &JsonPath) -> Vec<Finding> {
    match item {
        Item::Subject(subject) => born_after_the_meeting(record, subject, at.clone()),
        Item::Action(action) => due_before_the_meeting(record, action, at.clone()),
        _ => None,
    }
    .into_iter()
    .collect()
}

fn validate_contingencies(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    for (index, contingency) in record.contingencies.iter().enumerate() {
        require_participant(
            findings,
            ItemKind::Contingency.item_path(index).key("ownerId"),
            contingency.owner_id.as_deref(),
            "Choose who acts if this happens",
        );
    }
}

fn validate_dissent(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    for (index, dissent) in record.dissent.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Dissent.item_path(index).key(field);
        require_participant(
            findings,
            path("participantId"),
            Some(&dissent.participant_id),
            "Choose who disagrees",
        );
        if dissent.view.trim().is_empty() {
            findings.push(Finding::error(
                path("view"),
                "Record the view in the person's own words",
            ));
        }
        if dissent.chair_response.trim().is_empty() {
            findings.push(Finding::error(
                path("chairResponse"),
                "Record the chair's response to this dissent",
            ));
        }
        if dissent.escalation != EscalationStage::None && dissent.escalated_on.is_none() {
            findings.push(Finding::error(
                path("escalatedOn"),
                "Enter the date it was escalated",
            ));
        }
    }
}

fn validate_family_communication(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    if record.family_communication.is_empty() {
        findings.push(Finding::warning(
            JsonPath::keys(&["familyCommunication"]),
            "Record what the family will be told, by whom and when",
        ));
    }
    for (index, talk) in record.family_communication.iter().enumerate() {
        let path = |field: &'static str| ItemKind::FamilyCommunication.item_path(index).key(field);
        require_participant(
            findings,
            path("byId"),
            talk.by_id.as_deref(),
            "Choose who will tell the family",
        );
        if !talk.withheld.trim().is_empty() && talk.withheld_reason.trim().is_empty() {
            findings.push(Finding::error(
                path("withheldReason"),
                "Record why this is being withheld from the family",
            ));
        }
    }
}

fn validate_timescales(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    if let (Some(started), Some(meeting)) = (record.timescales.s47_started_on, record.meeting.date)
    {
        if started > meeting {
            findings.push(Finding::error(
                JsonPath::keys(&["timescales", "s47StartedOn"]),
                "Section 47 enquiries cannot have started after this meeting",
            ));
        }
    }
}

fn validate_distribution(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    if record.distribution.is_empty() {
        findings.push(Finding::warning(
            JsonPath::keys(&["distribution"]),
            "Add who will receive this record",
        ));
    }
}

fn validate_meeting(record: &DecisionRecord, findings: &mut Vec<Finding>) {
    let meeting = &record.meeting;
    if meeting.meeting_type.is_none() {
        findings.push(Finding::error(
            JsonPath::keys(&["meeting", "meetingType"]),
            "Select the type of meeting",
        ));
    }
    if meeting.mode.is_none() {
        findings.push(Finding::error(
            JsonPath::keys(&["meeting", "mode"]),
            "Select how the meeting was held",
        ));
    }
    if meeting.date.is_none() {
        findings.push(Finding::error(
            JsonPath::keys(&["meeting", "date"]),
            "Enter the date of the meeting",
        ));
    }
    if meeting.reason.trim().is_empty() {
        findings.push(Finding::error(
            JsonPath::keys(&["meeting", "reason"]),
            "Enter the reason for the meeting: the concern about significant harm",
        ));
    }
    // The day the concern arose starts the strategy discussion's and the assessment's
    // timescales (version 3 records on).
    let concern = JsonPath::keys(&["meeting", "concernRaisedOn"]);
    match (meeting.concern_raised_on, meeting.date) {
        (None, _) if record.schema_version >= 3 => findings.push(Finding::warning(
            concern,
            "Enter the day the concern arose: the strategy discussion's and the assessment's \
             timescales run from it",
        )),
        (Some(raised), Some(held)) if raised > held => findings.push(Finding::error(
            concern,
            format!(
                "The concern cannot have arisen after the meeting ({}): check both dates",
                long_date(held)
            ),
        )),
        _ => {}
    }
    match &meeting.chair_id {
        None => findings.push(Finding::error(
            JsonPath::keys(&["meeting", "chairId"]),
            "Select who chaired the meeting",
        )),
        Some(chair_id) => match record.participant(chair_id) {
            None => findings.push(Finding::error(
                JsonPath::keys(&["meeting", "chairId"]),
                format!("The chair {chair_id:?} is not in the participant list"),
            )),
            Some(chair) if chair.attendance != Attendance::Attended => {
                findings.push(Finding::error(
                    JsonPath::keys(&["meeting", "chairId"]),
                    format!(
                        "{} is recorded as the chair but did not attend: change the chair or \
                         their attendance",
                        bidi::escape(&chair.name)
                    ),
                ))
            }
            Some(_) => {}
        },
    }
}

fn validate_participants(record: &DecisionRecord, config: &Config, findings: &mut Vec<Finding>) {
    // Who each participant is for telling repeats apart: the agency and the name, ignoring
    // case and spaces at the ends (in a map of the type of `validate_references`'). The
    // agency's length keeps the two apart.
    let keys: Vec<String> = record
        .participants
        .iter()
        .map(|participant| {
            let name = participant.name.trim().to_ascii_lowercase();
            let agency = &participant.agency;
            format!("{}:{agency}{name}", agency.len())
        })
        .collect();
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    for (index, participant) in record.participants.iter().enumerate() {
        let path = |field: &'static str| ItemKind::Participant.item_path(index).key(field);
        if participant.name.trim().is_empty() {
            findings.push(Finding::error(
                path("name"),
                "Enter the participant's full name",
            ));
        }
        if participant.role.trim().is_empty() {
            findings.push(Finding::error(path("role"), "Enter the participant's role"));
        }
        if participant.agency.trim().is_empty() {
            findings.push(Finding::error(
                path("agency"),
                "Select the participant's agency",
            ));
        }
        // Seen before: the same name (ignoring case and spaces at the ends) and agency.
        let duplicate = seen.insert(&keys[index], index).is_some();
        if duplicate && !participant.name.trim().is_empty() {
            findings.push(Finding::warning(
                path("name"),
                format!(
                    "{} ({}) is listed more than once",
                    bidi::escape(&participant.name),
                    bidi::escape(&participant.agency)
                ),
            ));
        }
    }
    // Each agency the law expects must have taken part: someone attended for it, or sent
    // the information it holds. Apologies alone leave the meeting without what it knows.
    for required in &config.required_roles {
        let from: Vec<&Participant> = record
            .participants
            .iter()
            .filter(|p| config.role_of(&p.agency).counts_as(*required))
            .collect();
        let took_part = from.iter().any(|p| p.attendance != Attendance::Apologies);
        let words = required.words();
        // An agency the host offers under its own name counts only once the host says what
        // it is: say so, or the chair is left looking for an agency that is there.
        let known = config
            .agencies
            .iter()
            .any(|agency| config.role_of(agency).counts_as(*required));
        if from.is_empty() && !known {
            findings.push(Finding::error(
                JsonPath::keys(&["participants"]),
                format!(
                    "No one from {words} is listed, and none of the agencies offered is marked \
                     as {words}: whoever runs this page names it in the agencyRoles option"
                ),
            ));
        } else if from.is_empty() {
            findings.push(Finding::error(
                JsonPath::keys(&["participants"]),
                format!(
                    "No one from {words} is listed: add who attended for {words}, or who sent \
                     its information"
                ),
            ));
        } else if !took_part {
            let names: Vec<String> = from
                .iter()
                .map(|p| format!("{} ({})", bidi::escape(&p.name), bidi::escape(&p.agency)))
                .collect();
            findings.push(Finding::error(
                JsonPath::keys(&["participants"]),
                format!(
                    "Only apologies from {words} ({}): {words} must attend or send its \
                     information before the record is finalised",
                    names.join(", ")
                ),
            ));
        }
    }
    let attended = record
        .participants
        .iter()
        .filter(|p| p.attendance == Attendance::Attended)
        .count();
    if !record.participants.is_empty() && attended == 0 {
        findings.push(Finding::error(
            JsonPath::keys(&["participants"]),
            "No participant is recorded as attending",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{example_actor, example_commands, example_followed_up, large_meeting};
    use crate::meeting::{apply, Context};
    use serde_json::Value;
    use std::rc::Rc;

    /// `record` with every member `reads` has no bit of taken from `other` (with the bit of
    /// the meeting's date alone, the meeting is `other`'s but for its date).
    fn hybrid(record: &DecisionRecord, other: &DecisionRecord, reads: u64) -> DecisionRecord {
        let (Ok(Value::Object(mut own)), Ok(Value::Object(others))) =
            (serde_json::to_value(record), serde_json::to_value(other))
        else {
            panic!("a record is written as an object");
        };
        for (index, name) in DecisionRecord::MEMBERS.iter().enumerate() {
            if reads & 1 << index != 0 {
                continue;
            }
            let mut taken = others.get(*name).cloned();
            if *name == "meeting" && reads & MEETING_DATE != 0 {
                let date = own["meeting"].get("date").cloned();
                if let Some(Value::Object(meeting)) = &mut taken {
                    match date {
                        Some(date) => meeting.insert("date".into(), date),
                        None => meeting.remove("date"),
                    };
                }
            }
            match taken {
                Some(value) => own.insert((*name).into(), value),
                None => own.remove(*name),
            };
        }
        serde_json::from_value(Value::Object(own)).expect("a hybrid is a record")
    }

    /// Records unlike each other in every member: an empty one, the example meeting as its
    /// commands build it (every stage), the example followed up, the large meeting, and
    /// the example with each member in turn as an empty record has it, or with its
    /// meeting's date moved or gone.
    fn records() -> Vec<DecisionRecord> {
        let empty = DecisionRecord::new("empty".into(), crate::example::at("2026-03-02T10:30:00Z"));
        let example = crate::example::example_record(false);
        let mut records = vec![
            empty.clone(),
            example.clone(),
            example_followed_up(),
            large_meeting(),
        ];
        for name in DecisionRecord::MEMBERS {
            if !["schemaVersion", "meta"].contains(name) {
                records.push(hybrid(&example, &empty, !bit(name)));
            }
        }
        // Findings that quote or depend on another member than their own: a scale's reason
        // missing (it names the participant), a child born after the record was started
        // (with no meeting date), an unborn child's voice, a serious incident's
        // notification, an injury to a baby with the medical on a later day, and enquiries
        // started after the meeting.
        let date = |text: &str| -> IsoDate { text.parse().expect("a date") };
        let mut scales = example.clone();
        for scale in &mut scales.scales {
            scale.reason.clear();
        }
        let mut born = example.clone();
        born.meeting.date = None;
        born.meta.created_at = crate::example::at("2001-01-01T09:00:00Z");
        for subject in &mut born.subjects {
            subject.unborn = false;
            subject.date_of_birth = Some(date("2010-06-01"));
        }
        let mut unborn = example.clone();
        for subject in &mut unborn.subjects {
            subject.unborn = true;
            subject.mobility = Mobility::PreMobile;
        }
        unborn.injury = Some(Injury {
            description: "Bruising to the cheek".into(),
            ..Injury::default()
        });
        unborn.medical = Some(Medical {
            paediatrician: "Dr Invented".into(),
            date: Some(date("2026-03-09")),
            ..Medical::default()
        });
        unborn.child_voice = ChildVoice::default();
        let mut baby = unborn.clone();
        for subject in &mut baby.subjects {
            subject.unborn = false;
        }
        let mut incident = example_followed_up();
        if let Some(first) = incident.follow_up.first().cloned() {
            incident.follow_up.push(FollowUp {
                kind: FollowUpKind::SeriousIncident,
                abuse_suspected: Tristate::Yes,
                ..first
            });
        }
        // A threshold decided, and a medical requested, by agencies that only advise.
        let mut advisers = baby.clone();
        let of = |agency: &str| {
            example
                .participants
                .iter()
                .find(|participant| participant.agency == agency)
                .map(|participant| participant.id.clone())
        };
        if let Some(threshold) = &mut advisers.threshold {
            threshold.decided_by_id = of("Police");
        }
        if let Some(medical) = &mut advisers.medical {
            medical.requested_by_id = of("Health");
        }
        // A threshold the decisions contradict, and a gap with nothing said of it.
        let mut contradicted = example.clone();
        if let Some(threshold) = &mut contradicted.threshold {
            threshold.answer = Some(ThresholdAnswer::No);
        }
        contradicted.gaps.push(InformationGap::default());
        let mut started = example.clone();
        started.timescales.s47_started_on = Some(date("2099-01-01"));
        records.extend([
            scales,
            born,
            unborn,
            baby,
            advisers,
            contradicted,
            incident,
            started,
        ]);
        for day in [None, Some("2001-01-01"), Some("2099-12-31")] {
            let mut moved = example.clone();
            moved.meeting.date = day.map(date);
            records.push(moved);
        }
        records
    }

    #[test]
    fn the_bits_name_the_members_and_the_meetings_date() {
        assert_eq!(bit("schemaVersion"), 1);
        assert_eq!(reads(&["meta", "meeting"]), 0b110);
        assert_eq!(bit("audit"), 1 << (DecisionRecord::MEMBERS.len() - 1));
        assert_eq!(bit("meeting.date"), 1 << DecisionRecord::MEMBERS.len());
        assert!(std::panic::catch_unwind(|| bit("meetingDate")).is_err());
    }

    #[test]
    fn a_check_finds_the_same_whatever_the_members_it_does_not_name_hold() {
        let config = Config::default();
        let records = records();
        let others = [
            &records[0],
            &records[1],
            &records[3],
            &records[records.len() - 1],
        ];
        for (check, reads) in READS.iter().enumerate() {
            for record in &records {
                let mut expected = Vec::new();
                run_check(check, record, &config, &mut expected);
                for other in others {
                    let mut found = Vec::new();
                    run_check(check, &hybrid(record, other, *reads), &config, &mut found);
                    assert_eq!(found, expected, "check {check} reads more than {reads:b}");
                }
            }
        }
    }

    #[test]
    fn validation_kept_from_revision_to_revision_finds_what_validate_finds() {
        let config = Rc::new(Config::default());
        let actor = example_actor();
        let context = Context {
            at: crate::example::at("2026-03-02T10:30:00Z"),
            actor: &actor,
            config: &config,
        };
        let mut validation = Validation::<Rc<DecisionRecord>, Rc<Config>>::default();
        let mut record =
            DecisionRecord::new("kept".into(), crate::example::at("2026-03-02T10:30:00Z"));
        let mut revisions = vec![Rc::new(record.clone())];
        // The example built one command at a time, then each record of the pool after the
        // one before (every member changing at once, or none).
        for command in example_commands() {
            apply(&mut record, command, &context).expect("the example's commands are taken");
            revisions.push(Rc::new(record.clone()));
        }
        revisions.extend(records().into_iter().map(Rc::new));
        revisions.push(Rc::clone(&revisions[revisions.len() - 1]));
        for (number, revision) in revisions.iter().enumerate() {
            assert_eq!(
                validation.findings(revision, &config),
                validate(revision, &config),
                "revision {number}"
            );
        }
        // Another configuration runs every check again.
        let other = Rc::new(Config {
            agency_roles: [("Police".to_string(), AgencyRole::ChildrensSocialCare)]
                .into_iter()
                .collect(),
            ..Config::default()
        });
        let last = &revisions[revisions.len() - 1];
        assert_eq!(validation.findings(last, &other), validate(last, &other));
    }
}

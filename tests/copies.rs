//! What leaves the meeting, and to whom: the one rule, every recipient's copy, the family's
//! allow-list, and version 1 records read without losing anything or breaking a digest.
//!
//! The canary: a record in which every free-text field holds a unique token, its items
//! carrying every combination of restrictions, some approved for the family. Each
//! recipient's copy, built in the library and by `risk-sensible copy`, holds exactly the
//! tokens the rule below allows: the rule is written out here as a table, independently of
//! the code under test.

mod common;

use common::{new_record, run};
use risk_sensible::copy::{
    candidates, family_copy, family_letter, family_refusal, investigation_open, may_receive,
    professional_copy, shared_screen_copy, Reader,
};
use risk_sensible::dates::long_date;
use risk_sensible::example::example_record;
use risk_sensible::meeting::{AgencyRole, Command, Config, Item, Problem};
use risk_sensible::record::import::{export, import};
use risk_sensible::record::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command as Process;
use Restriction::*;

/// The rule as the partnership's procedure states it: which role owns a restriction.
fn owner_of(restriction: Restriction) -> Option<AgencyRole> {
    match restriction {
        PoliceSensitive => Some(AgencyRole::Police),
        HealthConfidential => Some(AgencyRole::Health),
        LegallyPrivileged => Some(AgencyRole::ChildrensSocialCare),
        ThirdParty | ChildDisclosure | NotForFamily => None,
    }
}

/// May a professional of `role`, cleared for `cleared`, receive an item with `restrictions`?
fn expected(role: AgencyRole, cleared: &[Restriction], restrictions: &[Restriction]) -> bool {
    restrictions.iter().all(|restriction| {
        cleared.contains(restriction)
            || owner_of(*restriction).is_none_or(|owner| {
                // Every part of health holds health's material.
                owner == role || owner == AgencyRole::Health && HEALTH_PARTS.contains(&role)
            })
    })
}

/// The parts of health a host may name its agencies as.
const HEALTH_PARTS: [AgencyRole; 4] = [
    AgencyRole::Paediatrics,
    AgencyRole::HealthVisiting,
    AgencyRole::Midwifery,
    AgencyRole::Gp,
];

const ROLES: [(AgencyRole, &str); 9] = [
    (AgencyRole::ChildrensSocialCare, "Children's social care"),
    (AgencyRole::Police, "Police"),
    (AgencyRole::Health, "Health"),
    (AgencyRole::Paediatrics, "City Hospital paediatrics"),
    (AgencyRole::HealthVisiting, "Health visiting service"),
    (AgencyRole::Midwifery, "Maternity unit"),
    (AgencyRole::Gp, "Riverside GP surgery"),
    (AgencyRole::Education, "Education"),
    (AgencyRole::Other, "Housing"),
];

/// The default configuration, with the host's names for the parts of health.
fn configured() -> Config {
    let mut config = Config::default();
    config
        .agency_roles
        .extend(ROLES.map(|(role, agency)| (agency.to_string(), role)));
    config
}

/// [`ROLES`] as a roles file for the command line.
fn roles_file() -> String {
    let roles: serde_json::Map<String, Value> = ROLES
        .iter()
        .map(|(role, agency)| (agency.to_string(), Value::from(role.wire_name())))
        .collect();
    temp("all-roles.json", &Value::Object(roles).to_string())
}

#[test]
fn a_reader_receives_an_item_only_when_every_restriction_on_it_allows_them() {
    let config = configured();
    let every = Restriction::ALL;
    // Every subset of the restrictions, for every role, cleared for nothing or for one
    // owned restriction.
    for mask in 0u32..(1 << every.len()) {
        let restrictions: Vec<Restriction> = every
            .iter()
            .enumerate()
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, restriction)| *restriction)
            .collect();
        for (role, agency) in ROLES {
            for cleared in [&[][..], &[PoliceSensitive], &[HealthConfidential]] {
                let reader = Reader {
                    kind: RecipientKind::Professional,
                    name: String::new(),
                    agency: agency.into(),
                    role: config.role_of(agency),
                    cleared: Restrictions::of(cleared),
                };
                assert_eq!(reader.role, role, "{agency}");
                assert_eq!(
                    may_receive(&reader, &Restrictions::of(&restrictions)),
                    expected(role, cleared, &restrictions),
                    "{agency} cleared for {cleared:?}: {restrictions:?}"
                );
            }
        }
        let family = Reader {
            kind: RecipientKind::Family,
            name: "A parent".into(),
            agency: String::new(),
            role: AgencyRole::Other,
            cleared: Restrictions::of(every),
        };
        assert!(
            !may_receive(&family, &Restrictions::of(&restrictions)),
            "the family receives nothing by the rule, only its own copy"
        );
    }
}

#[test]
fn restrictions_are_a_set_not_a_ladder() {
    let config = Config::default();
    let police = Reader::agency(&new_record(), "Police", &config);
    // Police receive police-sensitive items, but not health-confidential ones: health
    // decide who sees health material.
    assert!(may_receive(&police, &Restrictions::of(&[PoliceSensitive])));
    assert!(!may_receive(
        &police,
        &Restrictions::of(&[HealthConfidential])
    ));
    assert!(!may_receive(
        &police,
        &Restrictions::of(&[PoliceSensitive, HealthConfidential])
    ));
    let health = Reader::agency(&new_record(), "Health", &config);
    assert!(!may_receive(&health, &Restrictions::of(&[PoliceSensitive])));
    assert!(may_receive(
        &health,
        &Restrictions::of(&[HealthConfidential])
    ));
}

/// One item's label in the canary: its restrictions, and for approvable lists whether the
/// chair approved it and the police agreed.
#[derive(Clone)]
struct Label {
    restrictions: Vec<Restriction>,
    approved: bool,
    police_agreed: bool,
}

/// The combinations each list's items carry: every single restriction, none, none but not
/// labelled at all, two owners at once, and approvals with and without the police.
fn labels() -> Vec<Option<Label>> {
    let label = |restrictions: &[Restriction], approved: bool, police_agreed: bool| {
        Some(Label {
            restrictions: restrictions.to_vec(),
            approved,
            police_agreed,
        })
    };
    vec![
        label(&[], false, false),
        label(&[], true, true),
        label(&[], true, false),
        label(&[PoliceSensitive], true, true),
        label(&[HealthConfidential], false, false),
        label(&[ThirdParty], false, false),
        label(&[LegallyPrivileged], false, false),
        label(&[ChildDisclosure], false, false),
        label(&[NotForFamily], true, true),
        label(&[PoliceSensitive, HealthConfidential], false, false),
        None,
    ]
}

/// What the canary expects of each token: the restrictions it travels under, or that it
/// goes to the family.
struct Token {
    text: String,
    /// The restrictions of its item (`None`: unlabelled, so not for the family).
    restrictions: Vec<Restriction>,
    /// True when the family's copy holds it.
    for_family: bool,
    /// True when no professional's copy holds it (the debrief, the audit trail).
    never: bool,
}

struct Canary {
    record: DecisionRecord,
    tokens: Vec<Token>,
}

impl Canary {
    fn token(&mut self, restrictions: &[Restriction], for_family: bool) -> String {
        let text = format!("TKN{:04}X", self.tokens.len());
        self.tokens.push(Token {
            text: text.clone(),
            restrictions: restrictions.to_vec(),
            for_family,
            never: false,
        });
        text
    }
}

fn restrictions_of(label: &Option<Label>) -> Vec<Restriction> {
    label
        .as_ref()
        .map_or(vec![NotForFamily], |label| label.restrictions.clone())
}

fn wire(label: &Option<Label>) -> Option<Restrictions> {
    label
        .as_ref()
        .map(|label| Restrictions::of(&label.restrictions))
}

/// The canary record: a draft with a criminal investigation open, so the family hears of
/// decisions and actions only with the police's agreement.
fn canary() -> Canary {
    let mut canary = Canary {
        record: new_record(),
        tokens: Vec::new(),
    };
    let people = [
        ("Lead Worker", "Children's social care"),
        ("Officer", "Police"),
        ("Nurse", "Health"),
        ("Teacher", "Education"),
    ];
    // Seven more, so that each of the labels' safety scales is someone's own.
    let people = people.into_iter().chain(
        ["One", "Two", "Three", "Four", "Five", "Six", "Seven"]
            .into_iter()
            .map(|name| (name, "Housing")),
    );
    for (name, agency) in people {
        run(
            &mut canary.record,
            Command::Add(Item::Participant(Participant {
                name: name.into(),
                role: "Practitioner".into(),
                agency: agency.into(),
                ..Participant::default()
            })),
        )
        .unwrap();
    }
    let mut commands = Vec::new();
    let mut approvals = Vec::new();
    for (index, label) in labels().into_iter().enumerate() {
        let restrictions = restrictions_of(&label);
        let approvable_goes = |kind: ItemKind| {
            let Some(label) = &label else { return false };
            let police =
                !matches!(kind, ItemKind::Decision | ItemKind::Action) || label.police_agreed;
            label.approved && label.restrictions.is_empty() && police
        };
        let id = format!("{}", index + 1);
        let token = |canary: &mut Canary, for_family: bool| canary.token(&restrictions, for_family);
        // The family's copy names the child it is about.
        let name = token(&mut canary, index == 0);
        commands.push(Command::Add(Item::Subject(Subject {
            role: if index == 0 {
                SubjectRole::Child
            } else {
                SubjectRole::Other
            },
            name,
            needs: token(&mut canary, false),
            own_decision: token(&mut canary, false),
            language: token(&mut canary, false),
            disability: token(&mut canary, false),
            culture_and_faith: token(&mut canary, false),
            history: Some(CarerHistory {
                current_support: token(&mut canary, false),
                notes: token(&mut canary, false),
                ..CarerHistory::default()
            }),
            restrictions: wire(&label),
            ..Subject::default()
        })));
        commands.push(Command::Add(Item::Information(InformationItem {
            source_agency: "Police".into(),
            content: token(&mut canary, false),
            restrictions: wire(&label),
            ..InformationItem::default()
        })));
        commands.push(Command::Add(Item::Gap(InformationGap {
            unknown: token(&mut canary, false),
            restrictions: wire(&label),
            ..InformationGap::default()
        })));
        for column in AssessmentColumn::ALL {
            let kind = ItemKind::Statement(*column);
            let goes = approvable_goes(kind);
            commands.push(Command::Add(Item::Statement(
                *column,
                Statement {
                    text: token(&mut canary, goes),
                    restrictions: wire(&label),
                    ..Statement::default()
                },
            )));
            if label.as_ref().is_some_and(|label| label.approved) {
                approvals.push((
                    kind,
                    format!("a{id}"),
                    label.as_ref().unwrap().police_agreed,
                ));
            }
        }
        commands.push(Command::Add(Item::Tool(ToolInput {
            name: token(&mut canary, false),
            result: token(&mut canary, false),
            completed_by: token(&mut canary, false),
            restrictions: wire(&label),
            ..ToolInput::default()
        })));
        let decision_goes = approvable_goes(ItemKind::Decision);
        commands.push(Command::Add(Item::Decision(Decision {
            decision_type: Some(if index == 0 {
                DecisionType::CriminalInvestigation
            } else {
                DecisionType::Medical
            }),
            owning_agency: "Health".into(),
            rationale: token(&mut canary, decision_goes),
            options_considered: token(&mut canary, false),
            evidence: token(&mut canary, false),
            restrictions: wire(&label),
            ..Decision::default()
        })));
        commands.push(Command::Add(Item::Risk(Risk {
            description: token(&mut canary, false),
            accountable_for: token(&mut canary, false),
            review_trigger: token(&mut canary, false),
            restrictions: wire(&label),
            ..Risk::default()
        })));
        let action_goes = approvable_goes(ItemKind::Action);
        commands.push(Command::Add(Item::Action(Action {
            task: token(&mut canary, action_goes),
            outcome: token(&mut canary, false),
            restrictions: wire(&label),
            ..Action::default()
        })));
        if let Some(label) = &label {
            if label.approved {
                approvals.push((ItemKind::Decision, format!("d{id}"), label.police_agreed));
                approvals.push((ItemKind::Action, format!("x{id}"), label.police_agreed));
            }
        }
        commands.push(Command::Add(Item::Contingency(Contingency {
            if_this: token(&mut canary, false),
            then_that: token(&mut canary, false),
            restrictions: wire(&label),
            ..Contingency::default()
        })));
        commands.push(Command::Add(Item::Dissent(Dissent {
            participant_id: "p2".into(),
            view: token(&mut canary, false),
            chair_response: token(&mut canary, false),
            resolution: token(&mut canary, false),
            restrictions: wire(&label),
            ..Dissent::default()
        })));
        commands.push(Command::SetScale(SafetyScale {
            participant_id: format!("p{}", 1 + index),
            score: 5,
            reason: token(&mut canary, false),
            restrictions: wire(&label),
        }));
        // What the family will be told goes to the family whatever its label; what is
        // withheld, and why, never does.
        let what = canary.token(&restrictions, true);
        let to_whom = canary.token(&restrictions, true);
        let withheld = token(&mut canary, false);
        let withheld_reason = token(&mut canary, false);
        commands.push(Command::Add(Item::FamilyCommunication(
            FamilyCommunication {
                what,
                to_whom,
                withheld,
                withheld_reason,
                restrictions: wire(&label),
                ..FamilyCommunication::default()
            },
        )));
    }
    // The sections, each under one label.
    let sections = labels();
    let section = |canary: &mut Canary, at: usize| {
        let label = &sections[at % sections.len()];
        (canary.token(&restrictions_of(label), false), wire(label))
    };
    let (reason, restrictions) = section(&mut canary, 3);
    commands.push(Command::EditMeeting(Meeting {
        reason,
        restrictions,
        ..Meeting::default()
    }));
    let (words, restrictions) = section(&mut canary, 7);
    commands.push(Command::EditChildVoice(ChildVoice {
        words,
        restrictions,
        ..ChildVoice::default()
    }));
    let (details, restrictions) = section(&mut canary, 5);
    commands.push(Command::EditPracticeContext(PracticeContext {
        details,
        restrictions,
        ..PracticeContext::default()
    }));
    let (text, restrictions) = section(&mut canary, 4);
    commands.push(Command::EditScaleDiscussion { text, restrictions });
    let (reasoning, restrictions) = section(&mut canary, 2);
    commands.push(Command::EditThreshold(Threshold {
        answer: Some(ThresholdAnswer::Yes),
        reasoning,
        restrictions,
        ..Threshold::default()
    }));
    // Every text of the injury and the medical under one label each.
    let injury_label = &sections[4];
    let injury_text = |canary: &mut Canary| canary.token(&restrictions_of(injury_label), false);
    commands.push(Command::EditInjury(Injury {
        description: injury_text(&mut canary),
        explanation: injury_text(&mut canary),
        seen_by: injury_text(&mut canary),
        protocol: injury_text(&mut canary),
        restrictions: wire(injury_label),
        ..Injury::default()
    }));
    let medical_label = &sections[9];
    let medical_text = |canary: &mut Canary| canary.token(&restrictions_of(medical_label), false);
    commands.push(Command::EditMedical(Medical {
        paediatrician: medical_text(&mut canary),
        consent_from: medical_text(&mut canary),
        restrictions: wire(medical_label),
        ..Medical::default()
    }));
    let (not_told_reason, restrictions) = section(&mut canary, 3);
    let (notes, _) = {
        let label = &sections[3];
        (canary.token(&restrictions_of(label), false), ())
    };
    commands.push(Command::EditLawfulBasis(LawfulBasis {
        not_told_reason,
        notes,
        restrictions,
        ..LawfulBasis::default()
    }));
    // The distribution list: every professional's copy holds it, the family's never.
    for (agency, kind) in [
        ("Police", RecipientKind::Professional),
        ("Housing", RecipientKind::Professional),
        ("", RecipientKind::Family),
    ] {
        let name = canary.token(&[], false);
        let recipient = Recipient {
            name,
            agency: agency.into(),
            kind,
            ..Recipient::default()
        };
        commands.push(Command::Add(Item::Recipient(recipient)));
    }
    commands.push(Command::EditFamilyCopy(FamilyCopyPlan {
        lead_worker_id: Some("p1".into()),
        approved: approvals
            .into_iter()
            .map(|(list, id, police_agreed)| FamilyApproval {
                list,
                id,
                police_agreed,
            })
            .collect(),
    }));
    for command in commands {
        let description = format!("{command:?}");
        run(&mut canary.record, command)
            .unwrap_or_else(|problem| panic!("{description}: {problem}"));
    }
    canary
}

/// The tokens a text holds.
fn tokens_in(text: &str) -> BTreeSet<String> {
    text.match_indices("TKN")
        .filter_map(|(at, _)| text.get(at..at + 8))
        .filter(|token| token.ends_with('X'))
        .map(str::to_string)
        .collect()
}

fn professional_tokens(
    canary: &Canary,
    role: AgencyRole,
    cleared: &[Restriction],
) -> BTreeSet<String> {
    canary
        .tokens
        .iter()
        .filter(|token| !token.never && expected(role, cleared, &token.restrictions))
        .map(|token| token.text.clone())
        .collect()
}

fn family_tokens(canary: &Canary) -> BTreeSet<String> {
    canary
        .tokens
        .iter()
        .filter(|token| token.for_family)
        .map(|token| token.text.clone())
        .collect()
}

#[test]
fn every_recipients_copy_holds_exactly_the_tokens_it_may() {
    let canary = canary();
    assert!(canary.tokens.len() > 300, "{} tokens", canary.tokens.len());
    let everything = tokens_in(&export(&canary.record));
    assert_eq!(
        everything.len(),
        canary.tokens.len(),
        "every token is in the record itself"
    );
    let config = configured();
    for (role, agency) in ROLES {
        for cleared in [
            &[][..],
            &[PoliceSensitive],
            &[HealthConfidential, LegallyPrivileged],
        ] {
            let reader = Reader {
                kind: RecipientKind::Professional,
                name: "A recipient".into(),
                agency: agency.into(),
                role: config.role_of(agency),
                cleared: Restrictions::of(cleared),
            };
            let copy = professional_copy(&canary.record, &reader);
            assert_eq!(
                tokens_in(&export(&copy)),
                professional_tokens(&canary, role, cleared),
                "{agency} cleared for {cleared:?}"
            );
        }
    }
    let family = family_copy(&canary.record);
    let text = serde_json::to_string(&family).unwrap();
    assert_eq!(tokens_in(&text), family_tokens(&canary));
    // The one professional it names is the lead worker.
    assert!(text.contains("Lead Worker"));
    for other in ["Officer", "Nurse", "Teacher"] {
        assert!(
            !text.contains(other),
            "{other} is named in the family's copy"
        );
    }
}

#[test]
fn the_shared_screen_copy_holds_only_what_carries_no_restriction_and_every_score() {
    let canary = canary();
    let screen = shared_screen_copy(&canary.record);
    let expected: BTreeSet<String> = canary
        .tokens
        .iter()
        .filter(|token| !token.never && token.restrictions.is_empty())
        .map(|token| token.text.clone())
        .collect();
    assert!(expected.len() > 20, "{} tokens on screen", expected.len());
    assert_eq!(tokens_in(&export(&screen)), expected);
    // Every safety scale stays, its score with it; a restricted one without its reason.
    assert_eq!(screen.scales.len(), canary.record.scales.len());
    for (shown, scale) in screen.scales.iter().zip(&canary.record.scales) {
        assert_eq!(shown.score, scale.score);
        assert_eq!(shown.participant_id, scale.participant_id);
        assert!(scale.restrictions().is_empty() || shown.reason.is_empty());
    }
    // No audit trail, debrief or integrity data; it says it is the shared screen's.
    assert!(screen.audit.is_empty() && screen.wellbeing_debrief.is_none());
    assert!(screen.meta.digest.is_none());
    assert!(matches!(
        &screen.meta.copy,
        Some(CopyMark::Of(of)) if of.recipient.name == "The shared screen"
    ));
}

fn copy_cli(arguments: &[&str]) -> (i32, String, String) {
    let output = Process::new(env!("CARGO_BIN_EXE_risk-sensible"))
        .args(arguments)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn temp(name: &str, text: &str) -> String {
    let directory = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("copies");
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn the_command_line_writes_each_agencys_copy_and_the_familys_with_exactly_their_tokens() {
    let canary = canary();
    let file = temp("canary.json", &export(&canary.record));
    let roles = roles_file();
    for (role, agency) in ROLES {
        let (code, stdout, stderr) = copy_cli(&["copy", "--for", agency, "--roles", &roles, &file]);
        assert_eq!((code, stderr.as_str()), (0, ""), "{agency}");
        let copy: DecisionRecord = serde_json::from_str(&stdout).unwrap();
        assert!(
            matches!(copy.meta.copy, Some(CopyMark::Of(ref of)) if of.recipient.agency == agency)
        );
        assert_eq!(
            tokens_in(&stdout),
            professional_tokens(&canary, role, &[]),
            "{agency}"
        );
    }
    let (code, stdout, _) = copy_cli(&["copy", "--for", "family", &file]);
    assert_eq!(code, 0);
    assert_eq!(tokens_in(&stdout), family_tokens(&canary));
    // A host's own agency names, given roles: its police receive police material.
    let roles = temp("roles.json", r#"{"Thames Valley Police": "police"}"#);
    let (code, stdout, _) = copy_cli(&[
        "copy",
        "--for",
        "Thames Valley Police",
        "--roles",
        &roles,
        &file,
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        tokens_in(&stdout),
        professional_tokens(&canary, AgencyRole::Police, &[])
    );
    // Without the roles, an agency nobody named receives no owned material.
    let (_, stdout, _) = copy_cli(&["copy", "--for", "Thames Valley Police", &file]);
    assert_eq!(
        tokens_in(&stdout),
        professional_tokens(&canary, AgencyRole::Other, &[])
    );
}

#[test]
fn copy_refuses_what_it_cannot_do_with_the_other_verbs_exit_codes() {
    let file = temp("example.json", &export(&example_record(true)));
    let (code, stdout, stderr) = copy_cli(&["copy", &file]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("--for family"), "{stderr}");
    let (code, _, stderr) = copy_cli(&["copy", "--for", "Police", "/nonexistent/record.json"]);
    assert_eq!(code, 2, "{stderr}");
    let broken = temp("broken.json", "{\"schemaVersion\": 2}");
    let (code, stdout, stderr) = copy_cli(&["copy", "--for", "Police", &broken]);
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    assert!(stderr.contains(": $"), "{stderr}");
    let (code, _, stderr) = copy_cli(&["copy", "--for", "Police", "--roles", &file, &file]);
    assert_eq!(code, 2, "a roles file that is not a map of roles: {stderr}");
}

#[test]
fn the_example_familys_copy_is_what_the_meeting_agreed_to_tell_them_and_nothing_else() {
    let record = example_record(true);
    let copy = family_copy(&record);
    let text = serde_json::to_string(&copy).unwrap();
    for secret in [
        "Two call-outs to the address",      // police-sensitive information
        "postnatal depression",              // health confidential
        "shouting at night",                 // a child's words
        "Police call-outs suggest conflict", // a police-sensitive worry
        "Conflict between the adults escalating", // a police-sensitive risk
        "The police call-out history",       // what is withheld
        "prejudice the criminal investigation", // why it is withheld
        "the police will investigate jointly", // the criminal investigation
        "rejected: possible offence",        // options considered
        "Police scored lower",               // the scale discussion
        "Previous call-outs",                // the police officer's scale
        "Police checks on Connor Hale",      // an action that tips off
        "Connor Hale's history",             // a gap about him
        "postnatal low mood",                // the mother's history
        "seek legal advice",                 // a contingency
        "Bruising protocol",                 // a tool
        "put Jade off attending",            // dissent
        "Tom Reyes",                         // a professional's details
        "Priya Nandra",
        "blue-purple",      // the injury
        "version 4 (2025)", // the protocol the injury was assessed under
        "Dr Hannah Osei",   // the medical
    ] {
        assert!(!text.contains(secret), "{secret:?} is in the family's copy");
    }
    for told in [
        "That a strategy meeting was held",
        "An unexplained bruise on a pre-mobile baby",
        "Leo is cared for by calm adults",
        "a child protection medical today",
        "Arrange the child protection medical",
        "Ruth Adeyemi",
    ] {
        assert!(
            text.contains(told),
            "{told:?} is missing from the family's copy"
        );
    }
    assert_eq!(copy.copy_for, RecipientKind::Family);
    assert_eq!(copy.left_out.get("information"), Some(&4));
    assert_eq!(copy.left_out.get("decisions"), Some(&2));
}

#[test]
fn changing_an_approved_item_withdraws_its_approval_and_the_police_must_agree_while_they_investigate(
) {
    let mut record = example_record(false);
    let told = |record: &DecisionRecord| serde_json::to_string(&family_copy(record)).unwrap();
    assert!(told(&record).contains("Arrange the child protection medical"));
    let mut action = record.actions[0].clone();
    action.task = "Arrange the child protection medical at the hospital".into();
    run(&mut record, Command::Edit(Item::Action(action))).unwrap();
    assert!(
        !told(&record).contains("at the hospital"),
        "changed words are not approved"
    );
    let plan = record.family_copy.clone().unwrap();
    assert!(!plan
        .approved
        .iter()
        .any(|approval| approval.id == "x1" && approval.list == ItemKind::Action));
    // The medical decision, approved without the police's agreement, does not go while
    // the investigation is open.
    let mut plan = plan;
    for approval in &mut plan.approved {
        approval.police_agreed = false;
    }
    run(&mut record, Command::EditFamilyCopy(plan)).unwrap();
    assert!(!told(&record).contains("a child protection medical today"));
    // An approved item that is restricted does not go either.
    let mut worry = record.assessment.worries[0].clone();
    worry.restrictions = Some(Restrictions::of(&[NotForFamily]));
    let mut plan = record.family_copy.clone().unwrap();
    run(
        &mut record,
        Command::Edit(Item::Statement(AssessmentColumn::Worries, worry)),
    )
    .unwrap();
    plan.approved.retain(|_| true);
    assert!(!told(&record).contains("An unexplained bruise"));
}

#[test]
fn without_a_police_investigation_approved_decisions_go_to_the_family_without_police_agreement() {
    let mut record = example_record(false);
    record.decisions.retain(|decision| {
        !matches!(
            decision.decision_type,
            Some(DecisionType::CriminalInvestigation | DecisionType::S47Joint)
        )
    });
    let plan = record.family_copy.as_mut().unwrap();
    for approval in &mut plan.approved {
        approval.police_agreed = false;
    }
    let told = serde_json::to_string(&family_copy(&record)).unwrap();
    assert!(told.contains("a child protection medical today"), "{told}");
}

#[test]
fn the_familys_copy_never_holds_a_risk_information_a_scale_or_dissent_even_if_approved() {
    let record = example_record(false);
    for kind in ItemKind::ALL {
        let approvable = matches!(
            kind,
            ItemKind::Statement(_) | ItemKind::Decision | ItemKind::Action
        );
        let refusal = family_refusal(&record, kind, "r1", &Restrictions::none());
        assert_eq!(
            refusal == Some("the family's copy never holds this kind of item"),
            !approvable,
            "{kind:?}"
        );
    }
}

#[test]
fn the_family_reads_who_does_what_by_when_and_the_chair_reviews_the_same_sentences() {
    let record = example_record(false);
    let plan = record.family_copy.clone().unwrap();
    let lead = record
        .participant(plan.lead_worker_id.as_deref().unwrap())
        .unwrap();
    let copy = family_copy(&record);
    // Who acts: the lead worker by name, anyone else by their agency only.
    assert!(!copy.actions.is_empty());
    for family_action in &copy.actions {
        let action = record
            .actions
            .iter()
            .find(|action| action.task.trim() == family_action.task)
            .unwrap();
        let owner = record
            .participant(action.owner_id.as_deref().unwrap())
            .unwrap();
        let expected = if owner.id == lead.id {
            &owner.name
        } else {
            &owner.agency
        };
        assert_eq!(&family_action.by, expected, "{}", family_action.task);
    }
    // The letter: the child, the meeting, the lead worker, then each section's sentences.
    let letter = family_letter(&copy);
    let child = record.child().unwrap();
    assert!(
        letter.starts_with(&format!("About {}\n", child.name)),
        "{letter}"
    );
    assert!(letter.contains(&format!(
        "met on {} to talk about how to keep {} safe.",
        long_date(record.meeting.date.unwrap()),
        child.name
    )));
    assert!(letter.contains(&format!(
        "Your lead worker is {}, {} ({}).",
        lead.name, lead.role, lead.agency
    )));
    for decision in &copy.decisions {
        assert!(letter.contains(&format!("\n- {}: {}\n", decision.decision, decision.why)));
    }
    for action in &copy.actions {
        let due = long_date(action.due.unwrap());
        assert!(letter.contains(&format!("\n- {} ({}, by {due})\n", action.task, action.by)));
    }
    for message in &copy.what_we_will_tell_you {
        assert!(letter.contains(&format!("\n- {} ({}", message.what, message.by)));
    }
    // A section with nothing in it has no heading; a message with no teller no brackets.
    let mut bare = copy.clone();
    bare.decisions.clear();
    for message in &mut bare.what_we_will_tell_you {
        message.by.clear();
    }
    let bare_letter = family_letter(&bare);
    assert!(letter.contains("\nWhat was decided\n") && !bare_letter.contains("What was decided"));
    for message in &bare.what_we_will_tell_you {
        assert!(
            bare_letter.contains(&format!("\n- {}\n", message.what)),
            "{bare_letter}"
        );
    }
    // The chair reviews every statement, decision and action, each as the family would
    // read it, with its approval and whether the police must agree.
    let all = candidates(&record);
    let statements: usize = AssessmentColumn::ALL
        .iter()
        .map(|column| record.assessment[*column].len())
        .sum();
    assert_eq!(
        all.len(),
        statements + record.decisions.len() + record.actions.len()
    );
    let open = investigation_open(&record);
    assert!(open);
    for candidate in &all {
        let approval = plan
            .approved
            .iter()
            .find(|approval| approval.list == candidate.kind && approval.id == candidate.id);
        assert_eq!(candidate.approved, approval.is_some(), "{}", candidate.id);
        assert_eq!(
            candidate.police_agreed,
            approval.is_some_and(|approval| approval.police_agreed),
            "{}",
            candidate.id
        );
        assert_eq!(
            candidate.needs_police,
            matches!(candidate.kind, ItemKind::Decision | ItemKind::Action),
            "{}",
            candidate.id
        );
    }
    for family_decision in &copy.decisions {
        assert!(all
            .iter()
            .any(|candidate| candidate.sentence == family_decision.sentence()));
    }
    for family_action in &copy.actions {
        assert!(all
            .iter()
            .any(|candidate| candidate.sentence == family_action.sentence()));
    }
}

#[test]
fn the_familys_copy_counts_what_it_leaves_out_of_each_section() {
    let record = example_record(false);
    let copy = family_copy(&record);
    let count = |key: &str| copy.left_out.get(key).copied().unwrap_or(0) as usize;
    assert_eq!(count("participants"), record.participants.len() - 1);
    assert_eq!(count("meeting.reason"), 1);
    assert_eq!(count("childVoice"), 1);
    assert_eq!(
        count("practiceContext"),
        usize::from(!record.practice_context.details.is_empty())
    );
    assert_eq!(
        count("assessment.scaleDiscussion"),
        usize::from(!record.assessment.scale_discussion.is_empty())
    );
    let withheld = record
        .family_communication
        .iter()
        .filter(|talk| !talk.withheld.trim().is_empty())
        .count();
    assert!(withheld > 0);
    assert_eq!(count("familyCommunication.withheld"), withheld);
    // An empty record leaves nothing out of its empty sections.
    let empty = family_copy(&new_record());
    for key in [
        "participants",
        "meeting.reason",
        "childVoice",
        "practiceContext",
        "assessment.scaleDiscussion",
        "familyCommunication.withheld",
    ] {
        assert!(
            !empty.left_out.contains_key(key),
            "{key}: {:?}",
            empty.left_out
        );
    }
}

#[test]
fn an_item_is_approved_for_the_family_once_and_only_if_it_exists() {
    let mut record = example_record(false);
    let before = record.clone();
    let mut plan = record.family_copy.clone().unwrap();
    let first = plan.approved[0].clone();
    plan.approved.push(first);
    let Err(Problem::Invalid(findings)) = run(&mut record, Command::EditFamilyCopy(plan)) else {
        panic!("an item approved twice was taken");
    };
    let last = record.family_copy.as_ref().unwrap().approved.len();
    assert_eq!(
        findings[0].path.to_string(),
        format!("$.familyCopy.approved[{last}]")
    );
    let mut plan = record.family_copy.clone().unwrap();
    plan.approved[0].id = "no-such-item".into();
    assert!(run(&mut record, Command::EditFamilyCopy(plan)).is_err());
    assert_eq!(record, before, "a refused plan changes nothing");
}

#[test]
fn a_copy_says_whose_it_is_and_counts_what_was_left_out_never_what() {
    let record = example_record(true);
    let reader = Reader::agency(&record, "Education", &Config::default());
    let copy = professional_copy(&record, &reader);
    let Some(CopyMark::Of(of)) = &copy.meta.copy else {
        panic!("the copy is marked");
    };
    assert_eq!(of.recipient.agency, "Education");
    // Of the four: the police's, health's; the bruise and the nursery's report go.
    assert_eq!(of.left_out.get("information"), Some(&2));
    assert_eq!(
        of.left_out.get("audit").map(|n| *n as usize),
        Some(record.audit.len())
    );
    assert!(
        copy.audit.is_empty() && copy.meta.digest.is_none() && copy.wellbeing_debrief.is_none()
    );
    // Only sections something was left out of are named, each with how many.
    assert!(
        of.left_out.values().all(|count| *count > 0),
        "{:?}",
        of.left_out
    );
    assert!(!of.left_out.contains_key("contingencies"));
    // A copy never passes for the record itself, and says whose it is.
    let refusal = risk_sensible::record::integrity::verify(&copy).unwrap_err();
    assert_eq!(refusal.path, "$.meta.copy");
    assert!(
        refusal.message.contains("(a recipient's copy)"),
        "{}",
        refusal.message
    );
    let mut family = copy.clone();
    family.meta.copy = Some(CopyMark::Version1(CopyKind::Family));
    let refusal = risk_sensible::record::integrity::verify(&family).unwrap_err();
    assert!(
        refusal.message.contains("(the family's copy)"),
        "{}",
        refusal.message
    );
}

#[test]
fn an_agency_is_cleared_only_by_what_its_own_professional_recipients_are_cleared_for() {
    let config = Config::default();
    let mut record = new_record();
    let recipient = |name: &str, agency: &str, kind, cleared: &[Restriction]| Recipient {
        name: name.into(),
        agency: agency.into(),
        kind,
        cleared: Restrictions::of(cleared),
        ..Recipient::default()
    };
    use RecipientKind::{Family, Professional};
    record.distribution = vec![
        recipient(
            "Housing officer",
            "Housing",
            Professional,
            &[PoliceSensitive],
        ),
        recipient("Teacher", "Education", Professional, &[]),
        // A family member whose agency field names Housing clears nothing for Housing.
        recipient("A parent", "Housing", Family, &[]),
    ];
    let cleared = |agency: &str| Reader::agency(&record, agency, &config).cleared;
    assert_eq!(cleared("Housing"), Restrictions::of(&[PoliceSensitive]));
    assert_eq!(cleared(" Housing "), Restrictions::of(&[PoliceSensitive]));
    assert_eq!(cleared("Education"), Restrictions::none());
    assert_eq!(cleared("Early help"), Restrictions::none());
    // Two recipients of one agency: the agency gets only what both are cleared for.
    record.distribution.push(recipient(
        "Second officer",
        "Housing",
        Professional,
        &[PoliceSensitive, HealthConfidential],
    ));
    assert_eq!(
        Reader::agency(&record, "Housing", &config).cleared,
        Restrictions::of(&[PoliceSensitive])
    );
}

// --- Version 1 records. ---

fn version_1(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/v1")
            .join(name),
    )
    .unwrap()
}

#[test]
fn a_final_version_1_record_keeps_its_version_its_text_and_its_digests() {
    for name in ["example-final.json", "amended-final.json"] {
        let text = version_1(name);
        let record = import(&text).unwrap_or_else(|problems| panic!("{name}: {problems:?}"));
        assert_eq!(record.schema_version, 1, "{name}");
        assert_eq!(
            export(&record),
            text,
            "{name}: read and written back unchanged"
        );
        integrity::verify(&record).unwrap();
        // Read as version 2 reads it: the labels become restrictions, the ladder clears.
        let police = &record.information[1];
        assert_eq!(police.restrictions(), Restrictions::of(&[PoliceSensitive]));
        let unlabelled = &record.decisions[0];
        assert_eq!(unlabelled.restrictions(), Restrictions::unlabelled());
        let health = record
            .distribution
            .iter()
            .find(|recipient| recipient.agency == "Health")
            .unwrap();
        assert_eq!(
            health.effective_cleared(),
            Restrictions::of(&[PoliceSensitive, HealthConfidential])
        );
    }
}

/// A version 1 label, as version 2 writes what it stands for.
fn restrictions_for(label: &str) -> Value {
    match label {
        "shareable" => serde_json::json!([]),
        "notForFamily" => serde_json::json!(["notForFamily"]),
        "policeSensitive" => serde_json::json!(["policeSensitive"]),
        "healthConfidential" => serde_json::json!(["healthConfidential"]),
        other => panic!("no such label {other}"),
    }
}

#[test]
fn a_version_1_draft_is_migrated_without_losing_anything() {
    let text = version_1("example-draft.json");
    let mut expected: Value = serde_json::from_str(&text).unwrap();
    // What the migration does, written out by hand.
    expected["schemaVersion"] = SCHEMA_VERSION.into();
    let lists = [
        "/information",
        "/risks",
        "/assessment/worries",
        "/assessment/workingWell",
        "/assessment/needsToHappen",
        "/assessment/dangerStatements",
        "/assessment/safetyGoals",
    ];
    for pointer in lists {
        for item in expected
            .pointer_mut(pointer)
            .unwrap()
            .as_array_mut()
            .unwrap()
        {
            let item = item.as_object_mut().unwrap();
            let label = item.remove("sensitivity").unwrap();
            item.insert(
                "restrictions".into(),
                restrictions_for(label.as_str().unwrap()),
            );
        }
    }
    for recipient in expected["distribution"].as_array_mut().unwrap() {
        let recipient = recipient.as_object_mut().unwrap();
        let cleared = match recipient.remove("mayReceive").unwrap().as_str().unwrap() {
            "policeSensitive" => Some(serde_json::json!(["policeSensitive"])),
            "healthConfidential" => {
                Some(serde_json::json!(["policeSensitive", "healthConfidential"]))
            }
            "notForFamily" => None,
            other => panic!("the example has no {other} recipient"),
        };
        if let Some(cleared) = cleared {
            recipient.insert("cleared".into(), cleared);
        }
    }
    // The professionals' debrief leaves the child's record, and is read apart, whole.
    let debrief = expected
        .as_object_mut()
        .unwrap()
        .remove("wellbeingDebrief")
        .unwrap();
    let record = import(&text).unwrap();
    assert_eq!(record.schema_version, SCHEMA_VERSION);
    let migrated: Value = serde_json::from_str(&export(&record)).unwrap();
    assert_eq!(migrated, expected);
    let apart = risk_sensible::record::import::earlier_debrief(&text).unwrap();
    assert_eq!(serde_json::to_value(&apart).unwrap(), debrief);
}

#[test]
fn a_version_2_record_with_a_version_1_label_is_refused() {
    let mut value: Value = serde_json::from_str(&export(&example_record(false))).unwrap();
    value["risks"][1]
        .as_object_mut()
        .unwrap()
        .insert("sensitivity".into(), "shareable".into());
    let problems = import(&value.to_string()).unwrap_err();
    assert_eq!(problems[0].path, "$.risks[1].sensitivity", "{problems:?}");
    let mut value: Value = serde_json::from_str(&export(&example_record(false))).unwrap();
    value["distribution"][0]
        .as_object_mut()
        .unwrap()
        .insert("mayReceive".into(), "healthConfidential".into());
    let problems = import(&value.to_string()).unwrap_err();
    assert_eq!(
        problems[0].path, "$.distribution[0].mayReceive",
        "{problems:?}"
    );
}

#[test]
fn an_item_without_a_label_is_not_for_the_family_never_shareable() {
    let mut record = example_record(false);
    record.assessment.worries[0].restrictions = None;
    assert_eq!(
        record.assessment.worries[0].restrictions(),
        Restrictions::unlabelled()
    );
    let text = serde_json::to_string(&family_copy(&record)).unwrap();
    assert!(
        !text.contains("An unexplained bruise"),
        "approved, but unlabelled"
    );
}

#[test]
fn an_item_approved_twice_for_the_familys_copy_is_refused_where_it_is_repeated() {
    let mut record = example_record(false);
    let before = record.clone();
    let mut plan = record.family_copy.clone().unwrap();
    assert!(plan.approved.len() >= 2, "the example approves items");
    // Every item once: accepted.
    let result = run(&mut record.clone(), Command::EditFamilyCopy(plan.clone()));
    assert!(result.is_ok(), "{result:?}");
    // The first item again, at the end: refused there, and the record is unchanged.
    let repeated = plan.approved[0].clone();
    plan.approved.push(repeated.clone());
    let at = plan.approved.len() - 1;
    let Err(Problem::Invalid(findings)) = run(&mut record, Command::EditFamilyCopy(plan)) else {
        panic!("an item approved twice is accepted");
    };
    let paths: Vec<String> = findings.iter().map(|f| f.path.to_string()).collect();
    assert_eq!(
        paths,
        [format!("$.familyCopy.approved[{at}]")],
        "{findings:?}"
    );
    assert!(findings[0].message.contains("is approved already"));
    assert_eq!(record, before);
}

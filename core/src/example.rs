//! A complete, realistic example record built through the core's own transition function,
//! every section filled. Used by `risk-sensible example`, the golden fixtures, the tests and
//! the demo. Everyone in it is invented.

use crate::meeting::{apply, Command, Config, Context, Item};
use crate::record::*;

/// The example's record id.
pub const EXAMPLE_ID: &str = "0b6f2a8e-5d1c-4c7e-9a43-7f2e1d9c3b10";

fn date(text: &str) -> IsoDate {
    text.parse().expect("example dates are valid")
}

pub(crate) fn at(text: &str) -> Timestamp {
    text.parse().expect("example times are valid")
}

/// A label: these restrictions, chosen in the form.
fn only(restrictions: &[Restriction]) -> Option<Restrictions> {
    Some(Restrictions::of(restrictions))
}

use Restriction::{ChildDisclosure, HealthConfidential, NotForFamily, PoliceSensitive};

fn statement(text: &str, restrictions: &[Restriction]) -> Statement {
    Statement {
        text: text.into(),
        restrictions: only(restrictions),
        ..Statement::default()
    }
}

/// The commands that build the example, in the order a chair would enter them.
pub fn example_commands() -> Vec<Command> {
    let mut commands = Vec::new();
    let people = [
        (
            "Amara Okafor",
            "Team manager (chair)",
            "Children's social care",
            Attendance::Attended,
        ),
        (
            "Ruth Adeyemi",
            "Social worker",
            "Children's social care",
            Attendance::Attended,
        ),
        (
            "Tom Reyes",
            "Detective sergeant",
            "Police",
            Attendance::Attended,
        ),
        (
            "Priya Nandra",
            "Health visitor",
            "Health",
            Attendance::Attended,
        ),
        (
            "Dr Owen Marsh",
            "Named GP for safeguarding",
            "Health",
            Attendance::SentInformation,
        ),
        (
            "Kate Lindqvist",
            "Nursery manager",
            "Education",
            Attendance::Apologies,
        ),
    ];
    for (name, role, agency, attendance) in people {
        commands.push(Command::Add(Item::Participant(Participant {
            id: String::new(),
            name: name.into(),
            role: role.into(),
            agency: agency.into(),
            attendance,
            decision_authority: if attendance == Attendance::Attended {
                Tristate::Yes
            } else {
                Tristate::Unknown
            },
        })));
    }
    commands.push(Command::EditMeeting(Meeting {
        meeting_type: Some(MeetingType::StrategyMeeting),
        mode: Some(MeetingMode::Hybrid),
        date: Some(date("2026-03-02")),
        start_time: Some("10:30".parse().expect("valid time")),
        concern_raised_on: Some(date("2026-03-02")),
        reason: "A 4-month-old baby, Leo, was seen by the health visitor with a 2 cm bruise \
                 to the left cheek. The explanation given (a sibling's toy) does not fit a \
                 pre-mobile baby."
            .into(),
        chair_id: Some("p1".into()),
        restrictions: only(&[]),
    }));
    let subjects = [
        Subject {
            role: SubjectRole::Child,
            name: "Leo Marsden-Hale".into(),
            case_reference: "NS-204518".into(),
            date_of_birth: Some(date("2025-10-28")),
            mobility: Mobility::PreMobile,
            lives_with_child: Tristate::Yes,
            parental_responsibility: Tristate::No,
            interpreter: Tristate::No,
            language: "English".into(),
            restrictions: only(&[]),
            ..Subject::default()
        },
        Subject {
            role: SubjectRole::Mother,
            name: "Jade Marsden".into(),
            date_of_birth: Some(date("2003-05-14")),
            interpreter: Tristate::No,
            language: "English".into(),
            culture_and_faith: "White British; no religion".into(),
            lives_with_child: Tristate::Yes,
            parental_responsibility: Tristate::Yes,
            history: Some(CarerHistory {
                childhood_adversity: Tristate::Yes,
                care_experienced: Tristate::Yes,
                current_support: "Her aunt visits weekly; no other family nearby".into(),
                notes: "Left care at 18; postnatal low mood noted by the GP".into(),
            }),
            restrictions: only(&[HealthConfidential]),
            ..Subject::default()
        },
        Subject {
            role: SubjectRole::MaleCarer,
            name: "Connor Hale".into(),
            lives_with_child: Tristate::Yes,
            parental_responsibility: Tristate::Unknown,
            history: Some(CarerHistory {
                childhood_adversity: Tristate::Unknown,
                care_experienced: Tristate::Unknown,
                current_support: "Not known".into(),
                notes: "Seen briefly by the health visitor at the routine visit; no agency \
                        knows his history"
                    .into(),
            }),
            seen: Tristate::Yes,
            checks: vec![BackgroundCheck::Police, BackgroundCheck::LocalAuthority],
            cares_alone: Tristate::Yes,
            restrictions: only(&[NotForFamily]),
            ..Subject::default()
        },
        Subject {
            role: SubjectRole::Father,
            name: "Not known".into(),
            lives_with_child: Tristate::No,
            parental_responsibility: Tristate::Unknown,
            restrictions: only(&[]),
            ..Subject::default()
        },
        Subject {
            role: SubjectRole::Sibling,
            name: "Mia Marsden".into(),
            date_of_birth: Some(date("2022-01-09")),
            mobility: Mobility::Mobile,
            lives_with_child: Tristate::Yes,
            own_record: "NS-204519".into(),
            to_be_examined: Tristate::Yes,
            restrictions: only(&[]),
            ..Subject::default()
        },
    ];
    for subject in subjects {
        commands.push(Command::Add(Item::Subject(subject)));
    }
    commands.push(Command::EditInjury(Injury {
        description: "A bruise 2 cm across on the left cheek, blue-purple; no other marks seen"
            .into(),
        explanation: "Jade Marsden: Mia (4) hit him with a plastic toy. Connor Hale: he does not \
                      know."
            .into(),
        explanation_fits: Tristate::No,
        seen_by: "Priya Nandra, health visitor, at a routine visit".into(),
        seen_on: Some(date("2026-03-02")),
        protocol: "Northshire bruising protocol for children who are not independently mobile, \
                   version 4 (2025)"
            .into(),
        restrictions: only(&[NotForFamily]),
    }));
    commands.push(Command::EditPracticeContext(PracticeContext {
        recent_worker_change: Tristate::Yes,
        details: "Allocated social worker changed in January after a team restructure; the \
                  health visiting team has one vacancy."
            .into(),
        restrictions: only(&[NotForFamily]),
    }));
    let information = [
        InformationItem {
            source_agency: "Health".into(),
            shared_by: Some("p4".into()),
            content: "2 cm bruise to the left cheek seen at a routine visit this morning.".into(),
            kind: InformationKind::Fact,
            date: Some(date("2026-03-02")),
            basis: SharingBasis::StatutoryDuty,
            restrictions: only(&[]),
            ..InformationItem::default()
        },
        InformationItem {
            source_agency: "Police".into(),
            shared_by: Some("p3".into()),
            content: "Two call-outs to the address in 2025 for verbal arguments; no charges."
                .into(),
            kind: InformationKind::Fact,
            basis: SharingBasis::PublicTask,
            restrictions: only(&[PoliceSensitive]),
            ..InformationItem::default()
        },
        InformationItem {
            source_agency: "Health".into(),
            shared_by: Some("p5".into()),
            content: "Mother treated for postnatal depression since December.".into(),
            kind: InformationKind::Fact,
            basis: SharingBasis::StatutoryDuty,
            restrictions: only(&[HealthConfidential]),
            ..InformationItem::default()
        },
        InformationItem {
            source_agency: "Education".into(),
            content: "Nursery staff say Mia has talked about 'shouting at night'.".into(),
            kind: InformationKind::Hearsay,
            basis: SharingBasis::StatutoryDuty,
            restrictions: only(&[ChildDisclosure]),
            ..InformationItem::default()
        },
    ];
    for item in information {
        commands.push(Command::Add(Item::Information(item)));
    }
    commands.push(Command::Add(Item::Gap(InformationGap {
        id: String::new(),
        unknown: "Connor Hale's history and whether he has contact with other children".into(),
        owner_id: Some("p3".into()),
        due: Some(date("2026-03-04")),
        restrictions: only(&[PoliceSensitive]),
    })));
    commands.push(Command::EditChildVoice(ChildVoice {
        how_captured: "Observed at home by the health visitor".into(),
        words: String::new(),
        observed_experience: "Leo feeds well and settles; he startles at raised voices and is \
                              often left in his car seat."
            .into(),
        captured_by: Some("p4".into()),
        restrictions: only(&[NotForFamily]),
    }));
    let columns = [
        (
            AssessmentColumn::Worries,
            "An unexplained bruise on a pre-mobile baby.",
            &[][..],
        ),
        (
            AssessmentColumn::Worries,
            "Police call-outs suggest conflict at home.",
            &[PoliceSensitive],
        ),
        (
            AssessmentColumn::WorkingWell,
            "Jade took Leo to every health appointment and asked for help with her mood.",
            &[],
        ),
        (
            AssessmentColumn::NeedsToHappen,
            "A child protection medical today and a joint visit to see both adults.",
            &[],
        ),
        (
            AssessmentColumn::DangerStatements,
            "We are worried that Leo could be seriously hurt if the adults' arguments happen \
             while he is being cared for.",
            &[],
        ),
        (
            AssessmentColumn::SafetyGoals,
            "Leo is cared for by calm adults who keep him safe and get help early.",
            &[],
        ),
    ];
    for (column, text, restrictions) in columns {
        commands.push(Command::Add(Item::Statement(
            column,
            statement(text, restrictions),
        )));
    }
    for (participant, score, reason, restrictions) in [
        (
            "p1",
            4,
            "The bruise is unexplained but mother is engaging.",
            &[NotForFamily][..],
        ),
        (
            "p2",
            4,
            "Mother engages; we have not met Connor.",
            &[NotForFamily],
        ),
        (
            "p3",
            2,
            "Previous call-outs and an unexplained injury.",
            &[PoliceSensitive],
        ),
        (
            "p4",
            5,
            "Good care seen at every visit until now.",
            &[NotForFamily],
        ),
    ] {
        commands.push(Command::SetScale(SafetyScale {
            participant_id: participant.into(),
            score,
            reason: reason.into(),
            restrictions: only(restrictions),
        }));
    }
    commands.push(Command::EditScaleDiscussion {
        text: "Police scored lower because of the call-outs the others had not known about; \
               the group agreed the medical and joint visit will inform the next scale."
            .into(),
        restrictions: only(&[PoliceSensitive]),
    });
    commands.push(Command::EditLawfulBasis(LawfulBasis {
        duties: vec![StatutoryDuty::Section47, StatutoryDuty::Section11],
        article6: Some(Article6Basis::PublicTask),
        special_category: Some(SpecialCategoryCondition::SafeguardingChildren),
        police_part3: Tristate::Yes,
        family_told: Tristate::No,
        not_told_reason: "Not until the joint visit this afternoon: telling them first could \
                          prejudice the police investigation."
            .into(),
        notes: String::new(),
        restrictions: only(&[PoliceSensitive]),
    }));
    commands.push(Command::Add(Item::Tool(ToolInput {
        id: String::new(),
        name: "Bruising protocol for children who are not independently mobile".into(),
        result: "Protocol followed: referral to children's social care and a medical".into(),
        completed_by: "Priya Nandra (Health)".into(),
        date: Some(date("2026-03-02")),
        restrictions: only(&[NotForFamily]),
    })));
    commands.push(Command::EditThreshold(Threshold {
        answer: Some(ThresholdAnswer::Yes),
        harm_categories: vec![HarmCategory::Physical],
        route: Some(ThresholdRoute::S47Joint),
        reasoning: "A bruise to the cheek of a baby who is not yet mobile, with no explanation \
                    from the mother, and police call-outs to the address: reasonable cause to \
                    suspect that Leo is suffering, or is likely to suffer, significant harm."
            .into(),
        decided_by_id: Some("p1".into()),
        reconvene_by: None,
        restrictions: only(&[PoliceSensitive]),
    }));
    commands.push(Command::Add(Item::Decision(Decision {
        decision_type: Some(DecisionType::S47Joint),
        owning_agency: "Children's social care".into(),
        decision_maker_id: Some("p1".into()),
        rationale: "Reasonable cause to suspect significant harm: an unexplained injury to a \
                    pre-mobile baby with no consistent explanation."
            .into(),
        options_considered: "Single-agency enquiry (rejected: possible offence); section 17 \
                             assessment (rejected: threshold met)."
            .into(),
        evidence: "Health visitor's observation; bruising protocol; police call-outs.".into(),
        restrictions: only(&[PoliceSensitive]),
        ..Decision::default()
    })));
    commands.push(Command::Add(Item::Decision(Decision {
        decision_type: Some(DecisionType::CriminalInvestigation),
        owning_agency: "Police".into(),
        decision_maker_id: Some("p3".into()),
        rationale: "An unexplained injury to a baby: the police will investigate jointly.".into(),
        evidence: "As above.".into(),
        restrictions: only(&[PoliceSensitive]),
        ..Decision::default()
    })));
    commands.push(Command::EditMedical(Medical {
        requested_by_id: Some("p1".into()),
        paediatrician: "Dr Hannah Osei, consultant paediatrician, Northshire General".into(),
        authority: Some(MedicalAuthority::Consent),
        consent_from: "Jade Marsden".into(),
        date: Some(date("2026-03-02")),
        time: Some("14:00".parse().expect("valid time")),
        investigations: vec![
            Investigation::SkeletalSurvey,
            Investigation::CtHead,
            Investigation::EyeExamination,
            Investigation::Bloods,
            Investigation::Photographs,
        ],
        restrictions: only(&[NotForFamily]),
    }));
    commands.push(Command::Add(Item::Decision(Decision {
        decision_type: Some(DecisionType::Medical),
        owning_agency: "Children's social care".into(),
        decision_maker_id: Some("p1".into()),
        rationale: "A bruise on a baby who is not independently mobile: a child protection \
                    medical today, requested jointly with the police."
            .into(),
        restrictions: only(&[]),
        ..Decision::default()
    })));
    commands.push(Command::Add(Item::Risk(Risk {
        description: "Further injury to Leo while the explanation is unknown".into(),
        owner_id: Some("p2".into()),
        accountable_for: "The safety plan with the family and daily contact until the medical"
            .into(),
        review_date: Some(date("2026-03-04")),
        review_trigger: "Any new injury or the medical's findings".into(),
        restrictions: only(&[]),
        ..Risk::default()
    })));
    commands.push(Command::Add(Item::Risk(Risk {
        description: "Conflict between the adults escalating".into(),
        owner_id: Some("p3".into()),
        accountable_for: "Checks on call-outs and flagging the address".into(),
        review_trigger: "Any call-out to the address".into(),
        restrictions: only(&[PoliceSensitive]),
        ..Risk::default()
    })));
    for (task, owner, due, status, outcome, restrictions) in [
        (
            "Arrange the child protection medical",
            "p4",
            "2026-03-02",
            ActionStatus::InProgress,
            "Booked for this afternoon at the children's hospital",
            &[][..],
        ),
        (
            "Joint visit to see Jade and Connor",
            "p2",
            "2026-03-03",
            ActionStatus::NotStarted,
            "",
            &[],
        ),
        (
            "Police checks on Connor Hale",
            "p3",
            "2026-03-04",
            ActionStatus::NotStarted,
            "",
            &[PoliceSensitive],
        ),
    ] {
        commands.push(Command::Add(Item::Action(Action {
            task: task.into(),
            owner_id: Some(owner.into()),
            due: Some(date(due)),
            status,
            outcome: outcome.into(),
            restrictions: only(restrictions),
            ..Action::default()
        })));
    }
    commands.push(Command::Add(Item::Contingency(Contingency {
        id: String::new(),
        if_this: "the medical finds further injuries or the family refuses it".into(),
        then_that: "reconvene the same day and seek legal advice on immediate protection".into(),
        owner_id: Some("p1".into()),
        restrictions: only(&[NotForFamily]),
    })));
    commands.push(Command::Add(Item::Dissent(Dissent {
        participant_id: "p4".into(),
        view: "I think a joint visit before the medical will put Jade off attending; I would \
               do the medical first."
            .into(),
        chair_response: "Noted. The medical is arranged for this afternoon and the visit \
                         tomorrow, so the order is as you suggest."
            .into(),
        escalation: EscalationStage::None,
        resolution: "Resolved at the meeting".into(),
        restrictions: only(&[NotForFamily]),
        ..Dissent::default()
    })));
    commands.push(Command::Add(Item::FamilyCommunication(
        FamilyCommunication {
            id: String::new(),
            to_whom: "Jade Marsden and Connor Hale".into(),
            what: "That a strategy meeting was held, why, and that a medical and a joint visit \
               will follow."
                .into(),
            by_id: Some("p2".into()),
            when: Some(date("2026-03-02")),
            withheld: "The police call-out history".into(),
            withheld_reason: "Sharing it now could prejudice the criminal investigation.".into(),
            restrictions: only(&[PoliceSensitive]),
        },
    )));
    commands.push(Command::EditTimescales(Timescales {
        assessment_due: Some(date("2026-04-27")),
        next_review: Some(date("2026-03-09")),
        ..Timescales::default()
    }));
    // Children's social care lead the joint enquiry: the police agreed that they receive
    // police-sensitive items. Health and education receive what their agency may.
    for (name, agency, kind, cleared) in [
        (
            "Ruth Adeyemi",
            "Children's social care",
            RecipientKind::Professional,
            &[PoliceSensitive][..],
        ),
        ("Tom Reyes", "Police", RecipientKind::Professional, &[]),
        ("Priya Nandra", "Health", RecipientKind::Professional, &[]),
        (
            "Kate Lindqvist",
            "Education",
            RecipientKind::Professional,
            &[],
        ),
        ("Jade Marsden", "", RecipientKind::Family, &[]),
    ] {
        commands.push(Command::Add(Item::Recipient(Recipient {
            name: name.into(),
            agency: agency.into(),
            sent_on: Some(date("2026-03-03")),
            kind,
            cleared: Restrictions::of(cleared),
            ..Recipient::default()
        })));
    }
    // The chair's review of the family's copy: Ruth is the lead worker; the plain
    // statements, the medical and the two actions the police agreed the family may be told
    // of. Nothing that names the police's interest in Connor goes.
    let approve = |list: ItemKind, id: &str, police_agreed: bool| FamilyApproval {
        list,
        id: id.into(),
        police_agreed,
    };
    commands.push(Command::EditFamilyCopy(FamilyCopyPlan {
        lead_worker_id: Some("p2".into()),
        approved: vec![
            approve(ItemKind::Statement(AssessmentColumn::Worries), "a1", false),
            approve(
                ItemKind::Statement(AssessmentColumn::WorkingWell),
                "a1",
                false,
            ),
            approve(
                ItemKind::Statement(AssessmentColumn::NeedsToHappen),
                "a1",
                false,
            ),
            approve(
                ItemKind::Statement(AssessmentColumn::DangerStatements),
                "a1",
                false,
            ),
            approve(
                ItemKind::Statement(AssessmentColumn::SafetyGoals),
                "a1",
                false,
            ),
            approve(ItemKind::Decision, "d3", true),
            approve(ItemKind::Action, "x1", true),
            approve(ItemKind::Action, "x2", true),
        ],
    }));
    commands
}

/// The chair who operates the widget in the example.
pub fn example_actor() -> Actor {
    Actor {
        name: "Amara Okafor".into(),
        role: "Team manager".into(),
        agency: "Children's social care".into(),
    }
}

/// The example record, as a draft or finalised. Each command is stamped a minute after
/// the one before, from 10:30 on the meeting day.
pub fn example_record(finalised: bool) -> DecisionRecord {
    let config = Config::default();
    let actor = example_actor();
    let start = at("2026-03-02T10:30:00Z");
    let mut record = DecisionRecord::new(EXAMPLE_ID.into(), start);
    record.meta.procedure = Some(Procedure {
        name: "Northshire Safeguarding Children Partnership procedures".into(),
        version: "2026.1".into(),
    });
    let mut commands = example_commands();
    if finalised {
        commands.push(Command::Finalise);
    }
    for (minute, command) in commands.into_iter().enumerate() {
        let context = Context {
            at: Timestamp(start.0 + time::Duration::minutes(minute as i64)),
            actor: &actor,
            config: &config,
        };
        let description = format!("{command:?}");
        if let Err(problem) = apply(&mut record, command, &context) {
            // The example is fixed data: a refusal is a bug that the tests catch.
            panic!("the example's command {description} was refused: {problem}");
        }
    }
    record
}

/// The final example with what happened after the meeting appended, as the team manager
/// recorded it: the section 47 enquiry's outcome (a conference), then the initial child
/// protection conference, held on the 15th working day with a plan under the category of
/// physical abuse.
pub fn example_followed_up() -> DecisionRecord {
    let config = Config::default();
    let actor = example_actor();
    let mut record = example_record(true);
    // Both are for the family too: the parents attended the conference.
    let follow_up = |kind, at: &str, on: &str| FollowUp {
        on: Some(on.parse().expect("the example's dates are valid")),
        restrictions: Some(Restrictions::none()),
        ..FollowUp::new(actor.clone(), self::at(at), kind)
    };
    let follow_ups = [
        FollowUp {
            outcome: Some(S47Outcome::Icpc),
            details: "The enquiry found the bruise unexplained; the conference is convened.".into(),
            ..follow_up(
                FollowUpKind::EnquiryOutcome,
                "2026-03-13T16:00:00Z",
                "2026-03-13",
            )
        },
        FollowUp {
            plan: Tristate::Yes,
            categories: vec![HarmCategory::Physical],
            details: "Chaired by an independent reviewing officer; both parents attended.".into(),
            ..follow_up(
                FollowUpKind::ConferenceHeld,
                "2026-03-23T15:00:00Z",
                "2026-03-23",
            )
        },
    ];
    for follow_up in follow_ups {
        let context = Context {
            at: follow_up.at,
            actor: &actor,
            config: &config,
        };
        if let Err(problem) = apply(&mut record, Command::FollowUp(follow_up), &context) {
            panic!("the example's follow-up was refused: {problem}");
        }
    }
    record
}

/// The benchmark's large meeting, built through the transition function: 30 participants,
/// 60 risks, 200 actions, 100 information items and 20 dissents, every section filled.
/// Everyone in it is invented.
pub fn large_meeting() -> DecisionRecord {
    let config = Config::default();
    let actor = example_actor();
    let start = at("2026-03-02T10:30:00Z");
    let mut record = example_record(false);
    let agencies = [
        "Children's social care",
        "Police",
        "Health",
        "Education",
        "Early help",
        "Probation",
        "Housing",
    ];
    let mut commands = Vec::new();
    for index in record.participants.len()..30 {
        commands.push(Command::Add(Item::Participant(Participant {
            id: String::new(),
            name: format!("Invented Person {index:02}"),
            role: "Practitioner".into(),
            agency: agencies[index % agencies.len()].into(),
            attendance: Attendance::Attended,
            decision_authority: Tristate::Unknown,
        })));
    }
    let owner = |index: usize| Some(format!("p{}", 1 + index % 30));
    let labels = [
        only(&[]),
        only(&[NotForFamily]),
        only(&[PoliceSensitive]),
        only(&[HealthConfidential]),
    ];
    for index in record.information.len()..100 {
        commands.push(Command::Add(Item::Information(InformationItem {
            source_agency: agencies[index % agencies.len()].into(),
            shared_by: owner(index),
            content: format!(
                "Information item {index}: what the agency knows, as shared at the meeting."
            ),
            kind: InformationKind::Fact,
            basis: SharingBasis::StatutoryDuty,
            restrictions: labels[index % labels.len()].clone(),
            date: Some(date("2026-02-20")),
            ..InformationItem::default()
        })));
    }
    for index in record.risks.len()..60 {
        commands.push(Command::Add(Item::Risk(Risk {
            description: format!("Risk {index}: a named risk to the child, stated plainly."),
            owner_id: owner(index),
            accountable_for: "Monitoring and reporting back to the group".into(),
            review_date: Some(date("2026-03-16")),
            review_trigger: "Any new concern".into(),
            restrictions: labels[index % labels.len()].clone(),
            ..Risk::default()
        })));
    }
    for index in record.actions.len()..200 {
        commands.push(Command::Add(Item::Action(Action {
            task: format!("Action {index}: a task with one owner and a due date."),
            owner_id: owner(index),
            due: Some(date("2026-03-09")),
            status: ActionStatus::NotStarted,
            ..Action::default()
        })));
    }
    for index in record.dissent.len()..20 {
        commands.push(Command::Add(Item::Dissent(Dissent {
            participant_id: format!("p{}", 1 + index % 30),
            view: format!("Dissent {index}: the view in the person's own words."),
            chair_response: "Noted, with the chair's reasons.".into(),
            escalation: EscalationStage::None,
            ..Dissent::default()
        })));
    }
    for (minute, command) in commands.into_iter().enumerate() {
        let context = Context {
            at: Timestamp(start.0 + time::Duration::minutes(100 + minute as i64)),
            actor: &actor,
            config: &config,
        };
        let description = format!("{command:?}");
        if let Err(problem) = apply(&mut record, command, &context) {
            panic!("the large meeting's command {description} was refused: {problem}");
        }
    }
    record
}

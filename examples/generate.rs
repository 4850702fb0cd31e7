//! Generates invented decision records as JSON Lines, for benchmarking `risk-sensible
//! summarise` and `flatten` on a county's year or a national sample.
//!
//! ```text
//! cargo run --release --example generate -- 100000 > records.jsonl
//! cargo run --release --example generate -- 2000 --seed 7 > small.jsonl
//! ```
//!
//! Every record is built through the core's own transition function (so it has a real
//! audit chain; three in four are then finalised, which the core refuses for a record with
//! an error finding, such as no child's voice or a gap nobody owns, so about two in five
//! end finalised with a digest), is deterministic for
//! a given count and seed, and passes `import`. Everyone in them is invented: names are
//! drawn from short lists of common first names and surnames, case references are
//! `GEN-…`. About one record in ten is a later discussion about a child already generated,
//! so the hot-spot list has earlier records to leave out.

use risk_sensible::meeting::{apply, Command, Config, Context, Item};
use risk_sensible::record::*;
use std::io::{self, BufWriter, Write};
use time::{Date, Duration, Month};

/// SplitMix64: small, fast and good enough to vary invented records.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `below - 1`.
    fn below(&mut self, below: u64) -> u64 {
        self.next() % below.max(1)
    }

    /// True with the given chance (0-100).
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: [&str; 24] = [
    "Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kemi",
    "Leo", "Maya", "Noah", "Olive", "Priya", "Quinn", "Ruby", "Sam", "Tia", "Umar", "Vera", "Will",
    "Zara",
];
const MEN: [&str; 12] = [
    "Adam", "Callum", "Darren", "Ethan", "Kieran", "Liam", "Marcus", "Nathan", "Omar", "Ryan",
    "Scott", "Tyler",
];
const WOMEN: [&str; 12] = [
    "Amy", "Bethany", "Courtney", "Danielle", "Emma", "Gemma", "Jade", "Kayleigh", "Lauren",
    "Megan", "Natalie", "Shannon",
];
const SURNAMES: [&str; 20] = [
    "Ashworth", "Bennett", "Carter", "Dlamini", "Evans", "Fraser", "Gill", "Hughes", "Iqbal",
    "Jones", "Khan", "Lowe", "Mensah", "Nowak", "O'Neill", "Patel", "Quinn", "Reid", "Shaw",
    "Turner",
];
const TASKS: [&str; 10] = [
    "Arrange the child protection medical",
    "Joint visit to see both parents",
    "Police checks on the adults in the household",
    "Health visitor to visit within 48 hours",
    "Speak with the nursery about attendance",
    "Complete the child and family assessment",
    "Share the safety plan with the family",
    "Check GP records for both parents",
    "Seek legal advice on immediate protection",
    "See the child alone at school",
];
const RISKS: [&str; 6] = [
    "Further injury while the explanation is unknown",
    "Conflict between the adults escalating",
    "Missed health appointments",
    "Parental alcohol use affecting supervision",
    "Unsafe sleeping arrangements",
    "Contact with an adult who poses a risk",
];

fn date(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).expect("a valid calendar date")
}

/// A weekday between 1 April 2025 and 31 March 2026.
fn meeting_date(random: &mut Random) -> Date {
    let start = date(2025, Month::April, 1);
    loop {
        let day = start + Duration::days(random.below(365) as i64);
        if !matches!(
            day.weekday(),
            time::Weekday::Saturday | time::Weekday::Sunday
        ) {
            return day;
        }
    }
}

fn person(random: &mut Random, first: &[&str]) -> String {
    format!("{} {}", random.pick(first), random.pick(&SURNAMES))
}

/// The commands for one record about child `child` (the same child gives the same name,
/// date of birth and case reference).
fn commands(random: &mut Random, child: u64, review: bool) -> (Vec<Command>, Date) {
    let mut identity = Random(child.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5DEE_CE66);
    let child_name = person(&mut identity, &FIRST);
    let baby = identity.chance(25);
    let unborn = !baby && identity.chance(5);
    let meeting = meeting_date(random);
    // From the child's identity alone, so a later discussion about the same child gives the
    // same date of birth (the hot-spot list tells children apart by it).
    let born = if baby {
        date(2025, Month::March, 31) - Duration::days(identity.below(120) as i64)
    } else {
        date(2024, Month::January, 1) - Duration::days(identity.below(5_500) as i64)
    };
    let expected = date(2026, Month::May, 1) + Duration::days(identity.below(120) as i64);
    let mut commands = Vec::new();
    let mut participants: Vec<(&str, Attendance)> = vec![
        ("Children's social care", Attendance::Attended),
        ("Children's social care", Attendance::Attended),
    ];
    let police = if random.chance(85) {
        Attendance::Attended
    } else if random.chance(60) {
        Attendance::SentInformation
    } else {
        Attendance::Apologies
    };
    participants.push(("Police", police));
    let health = if random.chance(75) {
        Attendance::Attended
    } else if random.chance(50) {
        Attendance::SentInformation
    } else {
        Attendance::Apologies
    };
    participants.push(("Health", health));
    for (agency, chance) in [
        ("Health", 40),
        ("Education", 50),
        ("Early help", 15),
        ("Probation", 8),
        ("Housing", 6),
    ] {
        if random.chance(chance) {
            let attendance = if random.chance(65) {
                Attendance::Attended
            } else if random.chance(50) {
                Attendance::Apologies
            } else {
                Attendance::SentInformation
            };
            participants.push((agency, attendance));
        }
    }
    let roles = |agency: &str, index: usize| match (agency, index) {
        ("Children's social care", 0) => "Team manager (chair)",
        ("Children's social care", _) => "Social worker",
        ("Police", _) => "Detective constable",
        ("Health", _) => "Health visitor",
        ("Education", _) => "Designated safeguarding lead",
        ("Early help", _) => "Family support worker",
        ("Probation", _) => "Probation officer",
        _ => "Housing officer",
    };
    for (index, (agency, attendance)) in participants.iter().enumerate() {
        commands.push(Command::Add(Item::Participant(Participant {
            id: String::new(),
            name: person(random, &FIRST),
            role: roles(agency, index).into(),
            agency: (*agency).into(),
            attendance: *attendance,
            decision_authority: if *attendance == Attendance::Attended {
                if random.chance(90) {
                    Tristate::Yes
                } else {
                    Tristate::Unknown
                }
            } else {
                Tristate::Unknown
            },
        })));
    }
    let count = participants.len();
    let id = |index: usize| format!("p{}", index + 1);
    let any = |random: &mut Random| id(random.below(count as u64) as usize);
    commands.push(Command::EditMeeting(Meeting {
        meeting_type: Some(if unborn {
            MeetingType::PreBirth
        } else if review {
            MeetingType::Review
        } else if random.chance(50) {
            MeetingType::StrategyDiscussion
        } else {
            MeetingType::StrategyMeeting
        }),
        mode: Some(*random.pick(MeetingMode::ALL.as_slice())),
        date: Some(IsoDate(meeting)),
        start_time: Some(ClockTime(
            time::Time::from_hms(9 + random.below(8) as u8, 0, 0).expect("a valid time"),
        )),
        // Up to two days before the meeting, from its own date, so that the random
        // sequence (and every record after this one) is unchanged.
        concern_raised_on: Some(IsoDate(
            meeting - time::Duration::days(i64::from(meeting.day() % 3)),
        )),
        reason: "Concerns reported by a professional about the child's safety at home.".into(),
        chair_id: Some("p1".into()),
        restrictions: Some(Restrictions::none()),
    }));
    let case_reference = format!("GEN-{:06}", child);
    commands.push(Command::Add(Item::Subject(Subject {
        role: SubjectRole::Child,
        name: if unborn {
            format!("Unborn baby of {}", person(&mut identity, &WOMEN))
        } else {
            child_name
        },
        case_reference,
        date_of_birth: (!unborn).then_some(IsoDate(born)),
        unborn,
        expected_date: unborn.then_some(IsoDate(expected)),
        mobility: if baby && identity.chance(85) {
            Mobility::PreMobile
        } else if unborn || random.chance(10) {
            Mobility::Unknown
        } else {
            Mobility::Mobile
        },
        lives_with_child: Tristate::Yes,
        ..Subject::default()
    })));
    let history = |random: &mut Random| {
        Some(CarerHistory {
            childhood_adversity: *random.pick(&[Tristate::Yes, Tristate::No, Tristate::Unknown]),
            care_experienced: *random.pick(&[Tristate::Yes, Tristate::No, Tristate::Unknown]),
            current_support: "Some family support nearby".into(),
            notes: String::new(),
        })
    };
    let mother_history = history(random);
    commands.push(Command::Add(Item::Subject(Subject {
        role: SubjectRole::Mother,
        name: person(random, &WOMEN),
        lives_with_child: Tristate::Yes,
        parental_responsibility: Tristate::Yes,
        history: mother_history,
        ..Subject::default()
    })));
    if random.chance(65) {
        let named = random.chance(75);
        let father_history = if named && random.chance(50) {
            history(random)
        } else {
            None
        };
        commands.push(Command::Add(Item::Subject(Subject {
            role: SubjectRole::Father,
            name: if named {
                person(random, &MEN)
            } else {
                "Not known".into()
            },
            lives_with_child: *random.pick(&[Tristate::Yes, Tristate::No, Tristate::Unknown]),
            parental_responsibility: Tristate::Unknown,
            history: father_history,
            ..Subject::default()
        })));
    }
    if random.chance(20) {
        commands.push(Command::Add(Item::Subject(Subject {
            role: SubjectRole::MaleCarer,
            name: person(random, &MEN),
            lives_with_child: Tristate::Yes,
            ..Subject::default()
        })));
    }
    commands.push(Command::EditPracticeContext(PracticeContext {
        recent_worker_change: *random.pick(&[Tristate::Yes, Tristate::No, Tristate::Unknown]),
        details: String::new(),
        restrictions: Some(Restrictions::none()),
    }));
    for _ in 0..2 + random.below(4) {
        let (agency, _) = participants[random.below(count as u64) as usize];
        commands.push(Command::Add(Item::Information(InformationItem {
            source_agency: agency.into(),
            content: "Information shared about the family's circumstances.".into(),
            kind: *random.pick(InformationKind::ALL),
            basis: SharingBasis::StatutoryDuty,
            restrictions: Some(Restrictions::of(&[*random.pick(Restriction::ALL)])),
            ..InformationItem::default()
        })));
    }
    for _ in 0..random.below(3) {
        commands.push(Command::Add(Item::Gap(InformationGap {
            id: String::new(),
            unknown: "Who else lives at the address".into(),
            owner_id: random.chance(80).then(|| any(random)),
            due: random
                .chance(70)
                .then(|| IsoDate(meeting + Duration::days(1 + random.below(10) as i64))),
            restrictions: Some(Restrictions::none()),
        })));
    }
    if random.chance(80) {
        commands.push(Command::EditChildVoice(ChildVoice {
            how_captured: "Observed at home".into(),
            observed_experience: "Settled with the mother; startles at raised voices.".into(),
            captured_by: Some("p2".into()),
            ..ChildVoice::default()
        }));
    }
    commands.push(Command::Add(Item::Statement(
        AssessmentColumn::Worries,
        Statement {
            id: String::new(),
            text: "An injury that has not been explained.".into(),
            restrictions: Some(Restrictions::none()),
            ..Statement::default()
        },
    )));
    let base = 2 + random.below(6) as u8;
    let mut spread = 0;
    for (index, (_, attendance)) in participants.iter().enumerate() {
        if *attendance == Attendance::Attended && random.chance(80) {
            let score = (base + random.below(4) as u8).min(10);
            spread = spread.max(score - base);
            commands.push(Command::SetScale(SafetyScale {
                participant_id: id(index),
                score,
                reason: "My view from what I know.".into(),
                restrictions: Some(Restrictions::none()),
            }));
        }
    }
    if spread >= 3 && random.chance(70) {
        commands.push(Command::EditScaleDiscussion {
            text: "The group discussed why the police scored lower.".into(),
            restrictions: Some(Restrictions::of(&[Restriction::PoliceSensitive])),
        });
    }
    let s47 = random.chance(60);
    if s47 {
        let joint = random.chance(50);
        // The threshold decision the section 47 decision follows from (version 3 on: a
        // record cannot be finalised without one).
        commands.push(Command::EditThreshold(Threshold {
            answer: Some(ThresholdAnswer::Yes),
            harm_categories: vec![*random.pick(HarmCategory::ALL)],
            route: Some(if joint {
                ThresholdRoute::S47Joint
            } else {
                ThresholdRoute::S47SingleAgency
            }),
            reasoning: "Reasonable cause to suspect that the child is suffering, or is likely \
                        to suffer, significant harm."
                .into(),
            decided_by_id: Some("p1".into()),
            reconvene_by: None,
            restrictions: Some(Restrictions::none()),
        }));
        commands.push(Command::Add(Item::Decision(Decision {
            decision_type: Some(if joint {
                DecisionType::S47Joint
            } else {
                DecisionType::S47SingleAgency
            }),
            owning_agency: "Children's social care".into(),
            decision_maker_id: Some("p1".into()),
            rationale: "Reasonable cause to suspect significant harm.".into(),
            outcome_code: random.chance(60).then(|| {
                *random.pick(&[
                    S47Outcome::Icpc,
                    S47Outcome::Icpc,
                    S47Outcome::NfaContinueAssessment,
                    S47Outcome::S17Services,
                    S47Outcome::NoFurtherAction,
                    S47Outcome::OtherAgencyToMonitor,
                    S47Outcome::LegalAction,
                ])
            }),
            ..Decision::default()
        })));
    } else {
        let (decision, route) = *random.pick(&[
            (DecisionType::S17, ThresholdRoute::S17),
            (
                DecisionType::NoFurtherAction,
                ThresholdRoute::NoFurtherAction,
            ),
            (DecisionType::Other, ThresholdRoute::EarlyHelp),
        ]);
        commands.push(Command::EditThreshold(Threshold {
            answer: Some(ThresholdAnswer::No),
            route: Some(route),
            reasoning: "No reasonable cause to suspect significant harm.".into(),
            decided_by_id: Some("p1".into()),
            restrictions: Some(Restrictions::none()),
            ..Threshold::default()
        }));
        commands.push(Command::Add(Item::Decision(Decision {
            decision_type: Some(decision),
            owning_agency: "Children's social care".into(),
            decision_maker_id: Some("p1".into()),
            rationale: "The threshold for section 47 enquiries is not met.".into(),
            ..Decision::default()
        })));
    }
    if review && random.chance(40) {
        commands.push(Command::Add(Item::Decision(Decision {
            decision_type: Some(DecisionType::Icpc),
            owning_agency: "Children's social care".into(),
            decision_maker_id: Some("p1".into()),
            rationale: "Enquiries found continuing risk of significant harm.".into(),
            ..Decision::default()
        })));
    }
    for _ in 0..1 + random.below(3) {
        commands.push(Command::Add(Item::Risk(Risk {
            description: (*random.pick(&RISKS)).into(),
            owner_id: Some(any(random)),
            accountable_for: "Reviewing the risk with the family.".into(),
            review_date: Some(IsoDate(
                meeting + Duration::days(5 + random.below(40) as i64),
            )),
            restrictions: Some(if random.chance(15) {
                Restrictions::of(&[Restriction::PoliceSensitive])
            } else {
                Restrictions::none()
            }),
            ..Risk::default()
        })));
    }
    for _ in 0..2 + random.below(6) {
        let status = *random.pick(&[
            ActionStatus::Done,
            ActionStatus::Done,
            ActionStatus::InProgress,
            ActionStatus::NotStarted,
            ActionStatus::NotDone,
        ]);
        commands.push(Command::Add(Item::Action(Action {
            task: (*random.pick(&TASKS)).into(),
            owner_id: Some(any(random)),
            due: Some(IsoDate(
                meeting + Duration::days(1 + random.below(20) as i64),
            )),
            status,
            outcome: if status == ActionStatus::Done {
                "Completed as planned.".into()
            } else {
                String::new()
            },
            not_done_reason: (status == ActionStatus::NotDone)
                .then(|| *random.pick(NotDoneReason::ALL)),
            ..Action::default()
        })));
    }
    if random.chance(15) {
        let escalation = if random.chance(30) {
            *random.pick(&EscalationStage::ALL[1..])
        } else {
            EscalationStage::None
        };
        commands.push(Command::Add(Item::Dissent(Dissent {
            participant_id: any(random),
            view: "I do not agree that the threshold is met.".into(),
            chair_response: "Noted; the decision stands for now.".into(),
            escalation,
            escalated_on: (escalation != EscalationStage::None)
                .then(|| IsoDate(meeting + Duration::days(2))),
            resolution: if random.chance(60) {
                "Agreed after discussion with managers.".into()
            } else {
                String::new()
            },
            ..Dissent::default()
        })));
    }
    commands.push(Command::EditTimescales(Timescales {
        s47_started_on: review
            .then(|| IsoDate(meeting - Duration::days(7 + random.below(20) as i64))),
        assessment_due: Some(IsoDate(
            meeting + Duration::days(30 + random.below(40) as i64),
        )),
        next_review: Some(IsoDate(meeting + Duration::days(14))),
        ..Timescales::default()
    }));
    (commands, meeting)
}

fn main() -> io::Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: generate COUNT [--seed N]";
    let count: u64 = arguments
        .first()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, usage))?;
    let seed: u64 = match arguments.get(1).map(String::as_str) {
        Some("--seed") => arguments
            .get(2)
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, usage))?,
        Some(_) => return Err(io::Error::new(io::ErrorKind::InvalidInput, usage)),
        None => 1,
    };
    let config = Config::default();
    let actor = Actor {
        name: "Generated chair".into(),
        role: "Team manager".into(),
        agency: "Children's social care".into(),
    };
    let mut random = Random(seed);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    for number in 0..count {
        // About one record in ten is a later discussion about an earlier child.
        let review = number > 10 && random.chance(10);
        let child = if review { random.below(number) } else { number };
        let (mut commands, meeting) = commands(&mut random, child, review);
        let finalise = random.chance(75);
        let start =
            time::PrimitiveDateTime::new(meeting, time::Time::from_hms(9, 0, 0).expect("valid"))
                .assume_utc();
        let id = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            random.next() as u32,
            random.below(0x1_0000),
            random.below(0x1000),
            random.below(0x1000),
            random.next() & 0xFFFF_FFFF_FFFF
        );
        let mut record = DecisionRecord::new(id, Timestamp(start));
        if finalise {
            commands.push(Command::Finalise);
        }
        for (minute, command) in commands.into_iter().enumerate() {
            let context = Context {
                at: Timestamp(start + Duration::minutes(minute as i64)),
                actor: &actor,
                config: &config,
            };
            // A refused command (finalising a record with an error finding) leaves the
            // record as it was: it stays a draft.
            let _ = apply(&mut record, command, &context);
        }
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

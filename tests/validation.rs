//! Every validation rule, each with a passing and a failing case. The passing case is the
//! complete example record (built through the transition function); each failing case
//! changes one thing and must produce exactly the expected new finding.

mod common;

use risk_sensible::example::example_record;
use risk_sensible::meeting::{scale_spread, validate, AgencyRole, Config, Finding, Severity};
use risk_sensible::record::*;

fn findings(record: &DecisionRecord) -> Vec<(String, Severity)> {
    validate(record, common::config())
        .into_iter()
        .map(|Finding { path, severity, .. }| (path.to_string(), severity))
        .collect()
}

/// The findings `change` adds to the example, and their messages.
fn added_by(change: impl FnOnce(&mut DecisionRecord)) -> Vec<(String, Severity, String)> {
    let baseline = validate(&example_record(false), common::config());
    let mut record = example_record(false);
    change(&mut record);
    validate(&record, common::config())
        .into_iter()
        .filter(|finding| !baseline.contains(finding))
        .map(
            |Finding {
                 path,
                 severity,
                 message,
             }| (path.to_string(), severity, message),
        )
        .collect()
}

fn check(name: &str, change: impl FnOnce(&mut DecisionRecord), path: &str, severity: Severity) {
    let added = added_by(change);
    let found: Vec<(&str, Severity)> = added.iter().map(|(p, s, _)| (p.as_str(), *s)).collect();
    assert_eq!(found, [(path, severity)], "{name}: {added:#?}");
    assert!(added[0].2.len() > 10, "{name}: the message says what to do");
}

use Severity::{Error, Warning};

#[test]
fn the_complete_example_has_no_errors_and_no_warnings() {
    assert_eq!(findings(&example_record(false)), Vec::new());
}

#[test]
fn meeting_rules() {
    check(
        "no type",
        |r| r.meeting.meeting_type = None,
        "$.meeting.meetingType",
        Error,
    );
    check(
        "no mode",
        |r| r.meeting.mode = None,
        "$.meeting.mode",
        Error,
    );
    check(
        "no date",
        |r| r.meeting.date = None,
        "$.meeting.date",
        Error,
    );
    check(
        "blank reason",
        |r| r.meeting.reason = " ".into(),
        "$.meeting.reason",
        Error,
    );
    check(
        "no chair",
        |r| r.meeting.chair_id = None,
        "$.meeting.chairId",
        Error,
    );
    check(
        "chair not present",
        |r| r.meeting.chair_id = Some("p99".into()),
        "$.meeting.chairId",
        Error,
    );
    check(
        "chair sent apologies",
        |r| r.participants[0].attendance = Attendance::Apologies,
        "$.meeting.chairId",
        Error,
    );
    // The day the concern arose: asked for (version 3), never after the meeting.
    check(
        "no day the concern arose",
        |r| r.meeting.concern_raised_on = None,
        "$.meeting.concernRaisedOn",
        Warning,
    );
    let added = added_by(|r| r.meeting.concern_raised_on = Some("2026-03-03".parse().unwrap()));
    assert_eq!(
        added,
        [(
            "$.meeting.concernRaisedOn".to_string(),
            Error,
            "The concern cannot have arisen after the meeting (2 March 2026): check both dates"
                .to_string()
        )]
    );
    assert_eq!(
        added_by(|r| r.meeting.concern_raised_on = Some("2026-02-27".parse().unwrap())),
        Vec::new(),
        "an earlier day"
    );
}

#[test]
fn participant_rules() {
    check(
        "blank name",
        |r| r.participants[1].name.clear(),
        "$.participants[1].name",
        Error,
    );
    check(
        "blank role",
        |r| r.participants[1].role.clear(),
        "$.participants[1].role",
        Error,
    );
    check(
        "blank agency",
        |r| r.participants[5].agency.clear(),
        "$.participants[5].agency",
        Error,
    );
    check(
        "same person twice",
        |r| {
            let mut again = r.participants[2].clone();
            again.id = "p7".into();
            again.name = again.name.to_uppercase();
            r.participants.push(again);
        },
        "$.participants[6].name",
        Warning,
    );
}

#[test]
fn each_statutory_agency_must_attend_or_send_its_information() {
    for (agency, words) in [
        ("Children's social care", "children's social care"),
        ("Police", "the police"),
        ("Health", "health"),
    ] {
        // Nobody listed for it.
        let added: Vec<_> = added_by(|record| {
            for participant in &mut record.participants {
                if participant.agency == agency {
                    participant.agency = "Other".into();
                }
            }
        })
        .into_iter()
        // Who decided the threshold, and who requested the medical, are no longer of
        // children's social care: their own findings.
        .filter(|(path, _, _)| {
            path != "$.threshold.decidedById" && path != "$.medical.requestedById"
        })
        .collect();
        assert_eq!(added.len(), 1, "{agency}: {added:#?}");
        assert_eq!((added[0].0.as_str(), added[0].1), ("$.participants", Error));
        assert!(
            added[0]
                .2
                .starts_with(&format!("No one from {words} is listed")),
            "{added:?}"
        );
        // Only apologies: named, and an error, since the meeting lacks what it knows.
        let added = added_by(|record| {
            for participant in &mut record.participants {
                if participant.agency == agency {
                    participant.attendance = Attendance::Apologies;
                }
            }
        });
        let apologies: Vec<_> = added
            .iter()
            .filter(|(_, _, message)| message.starts_with("Only apologies"))
            .collect();
        assert_eq!(apologies.len(), 1, "{agency}: {added:#?}");
        assert_eq!(apologies[0].1, Error);
        assert!(
            apologies[0].2.contains(&format!("({agency})")),
            "{apologies:?}"
        );
        // Information sent counts as taking part.
        let added = added_by(|record| {
            for participant in &mut record.participants {
                if participant.agency == agency {
                    participant.attendance = Attendance::SentInformation;
                }
            }
        });
        assert!(
            !added.iter().any(|(path, _, _)| path == "$.participants"),
            "{agency}: {added:#?}"
        );
    }
    // The example's nursery manager sent apologies for Education: requiring education too
    // finds only that.
    let config = Config {
        required_roles: [AgencyRole::STATUTORY.as_slice(), &[AgencyRole::Education]].concat(),
        ..Config::default()
    };
    let found = validate(&example_record(false), &config);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]
        .message
        .starts_with("Only apologies from education"));
}

/// A host's own names for its agencies count by the role it gives them, and every part of
/// health counts as health.
#[test]
fn local_agency_names_count_by_their_role() {
    let renamed = |record: &mut DecisionRecord| {
        for participant in &mut record.participants {
            participant.agency = match participant.agency.as_str() {
                "Children's social care" => "Oxfordshire Children's Services".into(),
                "Police" => "Thames Valley Police".into(),
                "Health" => "Oxford University Hospitals".into(),
                other => other.to_string(),
            };
        }
        for decision in &mut record.decisions {
            decision.owning_agency = match decision.owning_agency.as_str() {
                "Children's social care" => "Oxfordshire Children's Services".into(),
                "Police" => "Thames Valley Police".into(),
                other => other.to_string(),
            };
        }
    };
    let mut record = example_record(false);
    renamed(&mut record);
    // Without roles, none of the three is known.
    let found = validate(&record, &Config::default());
    let missing: Vec<_> = found
        .iter()
        .filter(|finding| finding.message.starts_with("No one from"))
        .collect();
    assert_eq!(missing.len(), 3, "{found:#?}");
    // A host that offers its own names without saying what they are is told so.
    let config = Config {
        agencies: vec![
            "Oxfordshire Children's Services".into(),
            "Thames Valley Police".into(),
            "Oxford University Hospitals".into(),
        ],
        ..Config::default()
    };
    let found = validate(&record, &config);
    let unmapped: Vec<_> = found
        .iter()
        .filter(|finding| finding.message.contains("agencyRoles"))
        .collect();
    assert_eq!(unmapped.len(), 3, "{found:#?}");
    // With the host's roles, the record is as valid as with the default names.
    for health in [
        AgencyRole::Health,
        AgencyRole::Paediatrics,
        AgencyRole::HealthVisiting,
        AgencyRole::Midwifery,
        AgencyRole::Gp,
    ] {
        let mut config = Config::default();
        config.agency_roles.extend([
            (
                "Oxfordshire Children's Services".to_string(),
                AgencyRole::ChildrensSocialCare,
            ),
            ("Thames Valley Police".to_string(), AgencyRole::Police),
            ("Oxford University Hospitals".to_string(), health),
        ]);
        assert_eq!(
            validate(&record, &config),
            validate(&example_record(false), &Config::default()),
            "{health:?}"
        );
    }
    // A part of health that is not health does not count for the police.
    let mut config = Config::default();
    config.agency_roles.extend([
        (
            "Oxfordshire Children's Services".to_string(),
            AgencyRole::ChildrensSocialCare,
        ),
        ("Thames Valley Police".to_string(), AgencyRole::Gp),
        (
            "Oxford University Hospitals".to_string(),
            AgencyRole::Health,
        ),
    ]);
    let found = validate(&record, &config);
    assert!(
        found
            .iter()
            .any(|f| f.message.starts_with("No one from the police")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f
            .message
            .starts_with("In law this decision is owned by the police")),
        "{found:#?}"
    );
}

#[test]
fn nobody_attending_is_an_error() {
    let added = added_by(|record| {
        for participant in &mut record.participants {
            participant.attendance = Attendance::Apologies;
        }
    });
    assert!(added
        .iter()
        .any(|(_, _, message)| message == "No participant is recorded as attending"));
}

#[test]
fn subject_rules() {
    check(
        "no child",
        |r| r.subjects.retain(|s| s.role != SubjectRole::Child),
        "$.subjects",
        Error,
    );
    check(
        "a sibling recorded as a second child",
        |r| r.subjects[4].role = SubjectRole::Child,
        "$.subjects[4].role",
        Error,
    );
    check(
        "child without date of birth",
        |r| r.subjects[0].date_of_birth = None,
        "$.subjects[0].dateOfBirth",
        Error,
    );
    check(
        "unborn child with an expected date needs no date of birth",
        |r| {
            r.subjects[0].date_of_birth = None;
            r.subjects[0].unborn = true;
            r.subjects[0].expected_date = Some("2026-06-01".parse().unwrap());
            // A pre-birth meeting would be the usual type; the rule is only about dates.
            r.meeting.chair_id = None;
        },
        "$.meeting.chairId",
        Error,
    );
    check(
        "the child's date of birth after the meeting",
        |r| r.subjects[0].date_of_birth = Some("2026-03-03".parse().unwrap()),
        "$.subjects[0].dateOfBirth",
        Error,
    );
    check(
        "an adult's date of birth after the meeting",
        |r| r.subjects[1].date_of_birth = Some("2030-05-14".parse().unwrap()),
        "$.subjects[1].dateOfBirth",
        Error,
    );
    // Before the meeting's date is entered, the day the record was started stands for it.
    let started = added_by(|r| {
        r.meeting.date = None;
        r.subjects[0].date_of_birth = Some("2026-03-03".parse().unwrap());
    });
    let found: Vec<(&str, Severity)> = started.iter().map(|(p, s, _)| (p.as_str(), *s)).collect();
    assert_eq!(
        found,
        [
            ("$.meeting.date", Error),
            ("$.subjects[0].dateOfBirth", Error)
        ],
        "{started:#?}"
    );
    assert!(
        started[1]
            .2
            .contains("this record was started on 2 March 2026"),
        "{started:#?}"
    );
    let born_on_the_day = added_by(|r| r.subjects[0].date_of_birth = r.meeting.date);
    assert_eq!(
        born_on_the_day,
        Vec::new(),
        "born on the day of the meeting"
    );
    let unborn = added_by(|r| {
        r.subjects[0].unborn = true;
        r.subjects[0].date_of_birth = Some("2026-06-01".parse().unwrap());
        r.subjects[0].expected_date = Some("2026-06-01".parse().unwrap());
    });
    assert_eq!(
        unborn,
        Vec::new(),
        "an unborn child's dates are in the future"
    );
    let message =
        &added_by(|r| r.subjects[0].date_of_birth = Some("2026-12-05".parse().unwrap()))[0].2;
    assert!(
        message.contains("5 December 2026") && message.contains("the meeting on 2 March 2026"),
        "the dates in words: {message}"
    );
    check(
        "mobility unknown",
        |r| r.subjects[0].mobility = Mobility::Unknown,
        "$.subjects[0].mobility",
        Warning,
    );
    check(
        "no father or male carer",
        |r| {
            r.subjects
                .retain(|s| !matches!(s.role, SubjectRole::Father | SubjectRole::MaleCarer))
        },
        "$.subjects",
        Warning,
    );
}

#[test]
fn information_rules() {
    check(
        "consent as the basis",
        |r| r.information[0].basis = SharingBasis::Consent,
        "$.information[0].basis",
        Warning,
    );
    check(
        "blank content",
        |r| r.information[1].content.clear(),
        "$.information[1].content",
        Error,
    );
    check(
        "no source agency",
        |r| r.information[1].source_agency.clear(),
        "$.information[1].sourceAgency",
        Error,
    );
    check(
        "shared by someone not present",
        |r| r.information[0].shared_by = Some("p42".into()),
        "$.information[0].sharedBy",
        Error,
    );
    check(
        "gap without owner",
        |r| r.gaps[0].owner_id = None,
        "$.gaps[0].ownerId",
        Error,
    );
    check(
        "gap without due date",
        |r| r.gaps[0].due = None,
        "$.gaps[0].due",
        Warning,
    );
}

#[test]
fn child_voice_rules() {
    check(
        "no voice at all",
        |r| r.child_voice.observed_experience.clear(),
        "$.childVoice",
        Error,
    );
    // Words alone are enough for a child who can speak.
    check(
        "words instead of observation",
        |r| {
            r.child_voice.observed_experience.clear();
            r.child_voice.words = "I like it at nanny's".into();
            r.meeting.reason.clear();
        },
        "$.meeting.reason",
        Error,
    );
    // An unborn child's voice is what the parents and professionals observe: asked for,
    // never a reason the record cannot be finalised.
    let unborn = |r: &mut DecisionRecord| {
        let child = r
            .subjects
            .iter_mut()
            .find(|s| s.role == SubjectRole::Child)
            .unwrap();
        child.unborn = true;
        child.date_of_birth = None;
        child.expected_date = Some("2026-06-01".parse().unwrap());
        child.mobility = Mobility::Unknown;
    };
    assert_eq!(added_by(unborn), Vec::new());
    check(
        "an unborn child, nothing observed",
        |r| {
            unborn(r);
            r.child_voice.observed_experience.clear();
        },
        "$.childVoice",
        Warning,
    );
}

#[test]
fn scale_rules_show_the_spread_and_never_average() {
    // The example's scales run from 2 to 5: a spread of 3, discussed by the group.
    assert_eq!(scale_spread(&example_record(false).scales), Some(3));
    check(
        "a spread of 3 with no discussion",
        |r| r.assessment.scale_discussion.clear(),
        "$.scales",
        Warning,
    );
    let message = &added_by(|r| r.assessment.scale_discussion.clear())[0].2;
    assert!(message.contains("3 points"), "{message}");
    assert!(!message.to_lowercase().contains("average"), "{message}");
    // A spread of 2 needs no discussion.
    let added = added_by(|r| {
        r.assessment.scale_discussion.clear();
        r.scales[2].score = 3;
    });
    assert_eq!(added, Vec::new());
    check(
        "a scale without a reason",
        |r| r.scales[1].reason.clear(),
        "$.scales[1].reason",
        Warning,
    );
    check(
        "a score above 10 (imported)",
        |r| r.scales[3].score = 11,
        "$.scales[3].score",
        Error,
    );
    check(
        "a scale from someone not present",
        |r| r.scales[0].participant_id = "p77".into(),
        "$.scales[0].participantId",
        Error,
    );
}

/// The threshold decision: required on a version 3 record, with reasons, who decided, the
/// harm and the route for a yes, a date for "not yet", and no decision that contradicts it.
#[test]
fn threshold_rules() {
    fn threshold(record: &mut DecisionRecord) -> &mut Threshold {
        record.threshold.as_mut().unwrap()
    }
    check(
        "no threshold decision",
        |r| r.threshold = None,
        "$.threshold.answer",
        Error,
    );
    check(
        "no answer",
        |r| threshold(r).answer = None,
        "$.threshold.answer",
        Error,
    );
    check(
        "no reasons",
        |r| threshold(r).reasoning.clear(),
        "$.threshold.reasoning",
        Error,
    );
    check(
        "nobody decided",
        |r| threshold(r).decided_by_id = None,
        "$.threshold.decidedById",
        Error,
    );
    check(
        "decided by the police",
        |r| threshold(r).decided_by_id = Some("p3".into()),
        "$.threshold.decidedById",
        Warning,
    );
    check(
        "yes without a category of harm",
        |r| threshold(r).harm_categories.clear(),
        "$.threshold.harmCategories",
        Error,
    );
    check(
        "yes without a route",
        |r| threshold(r).route = None,
        "$.threshold.route",
        Error,
    );
    check(
        "yes, then early help",
        |r| threshold(r).route = Some(ThresholdRoute::EarlyHelp),
        "$.threshold.route",
        Error,
    );
    check(
        "yes, single agency, with a joint enquiry decided",
        |r| threshold(r).route = Some(ThresholdRoute::S47SingleAgency),
        "$.decisions[0].decisionType",
        Error,
    );
    check(
        "yes, with no further action decided",
        |r| r.decisions[2].decision_type = Some(DecisionType::NoFurtherAction),
        "$.decisions[2].decisionType",
        Error,
    );
    // A no, with the joint enquiry the example decided: the enquiry contradicts it.
    let added = added_by(|r| {
        let threshold = threshold(r);
        threshold.answer = Some(ThresholdAnswer::No);
        threshold.route = Some(ThresholdRoute::S17);
    });
    let found: Vec<(&str, Severity)> = added.iter().map(|(p, s, _)| (p.as_str(), *s)).collect();
    assert_eq!(
        found,
        [("$.decisions[0].decisionType", Error)],
        "{added:#?}"
    );
    check(
        "no, then section 47",
        |r| {
            let threshold = threshold(r);
            threshold.answer = Some(ThresholdAnswer::No);
            r.decisions.remove(0);
        },
        "$.threshold.route",
        Error,
    );
    check(
        "no, and no route",
        |r| {
            let threshold = threshold(r);
            threshold.answer = Some(ThresholdAnswer::No);
            threshold.route = None;
            r.decisions.remove(0);
        },
        "$.threshold.route",
        Error,
    );
    let not_yet = |r: &mut DecisionRecord| {
        let threshold = threshold(r);
        threshold.answer = Some(ThresholdAnswer::NotYet);
        threshold.route = None;
        r.decisions.remove(0);
    };
    check(
        "not yet, with no date to reconvene",
        not_yet,
        "$.threshold.reconveneBy",
        Error,
    );
    assert_eq!(
        added_by(|r| {
            not_yet(r);
            threshold(r).reconvene_by = Some("2026-03-04".parse().unwrap());
        }),
        Vec::new()
    );
    // Without a threshold decision, enquiries and no further action contradict each other.
    let mut record = example_record(false);
    record.threshold = None;
    record.decisions[2].decision_type = Some(DecisionType::NoFurtherAction);
    let found = findings(&record);
    assert!(
        found.contains(&("$.decisions[2].decisionType".to_string(), Error)),
        "{found:?}"
    );
    // A version 2 record was finalised without one: it is not asked for.
    let mut record = example_record(false);
    record.schema_version = 2;
    record.threshold = None;
    assert_eq!(findings(&record), Vec::new());
}

/// The men around the child are seen and checked, and another child has a decision of their
/// own (version 3 records).
#[test]
fn men_around_the_child_and_other_children() {
    // Connor Hale, the mother's partner, lives with Leo (subject 2); Mia is his sister (4).
    check(
        "the man in the household not seen",
        |r| r.subjects[2].seen = Tristate::Unknown,
        "$.subjects[2].seen",
        Warning,
    );
    check(
        "the man in the household not checked",
        |r| r.subjects[2].checks.clear(),
        "$.subjects[2].checks",
        Warning,
    );
    // The father (3) lives elsewhere and does not look after Leo: nothing is asked; once he
    // looks after him alone at times, he is asked about too.
    assert_eq!(added_by(|r| r.subjects[3].seen = Tristate::No), Vec::new());
    let added = added_by(|r| r.subjects[3].cares_alone = Tristate::Yes);
    let paths: Vec<&str> = added.iter().map(|(path, _, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        ["$.subjects[3].seen", "$.subjects[3].checks"],
        "{added:#?}"
    );
    check(
        "a sister without a record of her own",
        |r| r.subjects[4].own_record.clear(),
        "$.subjects[4].ownRecord",
        Warning,
    );
    // An interpreter needs a language.
    check(
        "an interpreter for no language",
        |r| {
            r.subjects[1].interpreter = Tristate::Yes;
            r.subjects[1].language.clear();
        },
        "$.subjects[1].language",
        Warning,
    );
    let added = added_by(|r| r.subjects[1].interpreter = Tristate::Yes);
    assert_eq!(added, Vec::new(), "English is recorded");
    // A decision about her made here stands for a record of her own.
    assert_eq!(
        added_by(|r| {
            r.subjects[4].own_record.clear();
            r.subjects[4].own_decision =
                "Seen at nursery today; included in the joint visit".into();
        }),
        Vec::new()
    );
    // A version 2 record is not asked.
    let mut record = example_record(false);
    record.schema_version = 2;
    record.threshold = None;
    record.subjects[2].seen = Tristate::Unknown;
    record.subjects[4].own_record.clear();
    assert_eq!(findings(&record), Vec::new());
}

/// The lawful basis as the law structures it (version 3 records): the duty, Article 6, the
/// Article 9 condition once health information is shared, Part 3 once the police share,
/// and whether the family was told.
#[test]
fn the_lawful_basis_for_sharing() {
    for (name, change, path) in [
        (
            "no duty",
            (|r: &mut DecisionRecord| r.lawful_basis.as_mut().unwrap().duties.clear())
                as fn(&mut DecisionRecord),
            "$.lawfulBasis.duties",
        ),
        (
            "no Article 6 basis",
            |r| r.lawful_basis.as_mut().unwrap().article6 = None,
            "$.lawfulBasis.article6",
        ),
        (
            "consent as the Article 6 basis",
            |r| r.lawful_basis.as_mut().unwrap().article6 = Some(Article6Basis::Consent),
            "$.lawfulBasis.article6",
        ),
        (
            "health shared, no Article 9 condition",
            |r| r.lawful_basis.as_mut().unwrap().special_category = None,
            "$.lawfulBasis.specialCategory",
        ),
        (
            "health shared, said to be none",
            |r| {
                r.lawful_basis.as_mut().unwrap().special_category =
                    Some(SpecialCategoryCondition::NotShared)
            },
            "$.lawfulBasis.specialCategory",
        ),
        (
            "the police shared, Part 3 not said",
            |r| r.lawful_basis.as_mut().unwrap().police_part3 = Tristate::Unknown,
            "$.lawfulBasis.policePart3",
        ),
        (
            "whether the family was told not said",
            |r| r.lawful_basis.as_mut().unwrap().family_told = Tristate::Unknown,
            "$.lawfulBasis.familyTold",
        ),
        (
            "not told, no reason",
            |r| r.lawful_basis.as_mut().unwrap().not_told_reason.clear(),
            "$.lawfulBasis.notToldReason",
        ),
    ] {
        check(name, change, path, Warning);
    }
    // Without health or police information, neither condition is asked for.
    assert_eq!(
        added_by(|r| {
            r.information
                .retain(|item| item.source_agency == "Early help");
            r.information.push(InformationItem {
                source_agency: "Education".into(),
                content: "Attends nursery".into(),
                restrictions: Some(Restrictions::none()),
                ..InformationItem::default()
            });
            let basis = r.lawful_basis.as_mut().unwrap();
            basis.special_category = None;
            basis.police_part3 = Tristate::Unknown;
        }),
        Vec::new()
    );
    // Told: no reason asked for.
    assert_eq!(
        added_by(|r| {
            let basis = r.lawful_basis.as_mut().unwrap();
            basis.family_told = Tristate::Yes;
            basis.not_told_reason.clear();
        }),
        Vec::new()
    );
    // Nothing shared, nothing asked; nor of a version 2 record.
    assert_eq!(
        added_by(|r| {
            r.information.clear();
            r.lawful_basis = None;
        }),
        Vec::new()
    );
    let mut record = example_record(false);
    record.schema_version = 2;
    record.threshold = None;
    record.lawful_basis = None;
    assert_eq!(findings(&record), Vec::new());
}

/// The injury and the child protection medical (version 3 records): a child who is not
/// independently mobile, by age or by disability, with an injury has a medical the same
/// day; it is requested by children's social care or the police, with consent from a
/// person with parental responsibility or an order; the other children are considered for
/// examination too.
#[test]
fn the_injury_and_the_medical() {
    // Leo is 4 months old and not independently mobile; the bruise was seen on 2 March.
    let added = added_by(|r| r.medical = None);
    assert_eq!(added.len(), 1, "{added:#?}");
    assert_eq!((added[0].0.as_str(), added[0].1), ("$.medical.date", Error));
    assert!(added[0].2.contains("the same day"), "{added:?}");
    // An older child whose disability means they cannot move about on their own: the same.
    let added = added_by(|r| {
        r.subjects[0].date_of_birth = Some("2019-06-01".parse().unwrap());
        r.medical = None;
    });
    assert_eq!(
        added
            .iter()
            .map(|(path, severity, _)| (path.as_str(), *severity))
            .collect::<Vec<_>>(),
        [("$.medical.date", Error)]
    );
    // A child who moves about on their own: no medical is required of the record, but a
    // decision to have one asks for its details.
    check(
        "a mobile child's medical decided but not recorded",
        |r| {
            r.subjects[0].mobility = Mobility::Mobile;
            r.medical = None;
        },
        "$.decisions[2].decisionType",
        Warning,
    );
    // No injury recorded: nothing is asked of the medical's timing.
    assert_eq!(
        added_by(|r| {
            r.injury = None;
            r.medical.as_mut().unwrap().date = Some("2026-03-05".parse().unwrap());
        }),
        Vec::new()
    );
    let added =
        added_by(|r| r.medical.as_mut().unwrap().date = Some("2026-03-03".parse().unwrap()));
    assert_eq!(
        added,
        [(
            "$.medical.date".to_string(),
            Warning,
            "The injury was first seen on 2 March 2026; the medical is on 3 March 2026: for a \
             child who is not independently mobile it is the same day"
                .to_string()
        )]
    );
    check(
        "no day",
        |r| r.medical.as_mut().unwrap().date = None,
        "$.medical.date",
        Warning,
    );
    // Without the day the injury was seen, the meeting's day is the mark.
    check(
        "a later day than the meeting, the injury's day not recorded",
        |r| {
            r.injury.as_mut().unwrap().seen_on = None;
            r.medical.as_mut().unwrap().date = Some("2026-03-04".parse().unwrap());
        },
        "$.medical.date",
        Warning,
    );
    // Who requests it: children's social care or the police, never health.
    assert_eq!(
        added_by(|r| r.medical.as_mut().unwrap().requested_by_id = Some("p3".into())),
        Vec::new()
    );
    let added = added_by(|r| r.medical.as_mut().unwrap().requested_by_id = Some("p4".into()));
    assert_eq!(added.len(), 1, "{added:#?}");
    assert_eq!(added[0].0, "$.medical.requestedById");
    assert!(
        added[0].2.contains("Priya Nandra (Health) can advise"),
        "{added:?}"
    );
    check(
        "nobody requested it",
        |r| r.medical.as_mut().unwrap().requested_by_id = None,
        "$.medical.requestedById",
        Warning,
    );
    check(
        "no paediatrician",
        |r| r.medical.as_mut().unwrap().paediatrician.clear(),
        "$.medical.paediatrician",
        Warning,
    );
    // Consent, from someone with parental responsibility, or an order.
    check(
        "nothing relied on",
        |r| r.medical.as_mut().unwrap().authority = None,
        "$.medical.authority",
        Warning,
    );
    check(
        "consent from nobody named",
        |r| r.medical.as_mut().unwrap().consent_from.clear(),
        "$.medical.consentFrom",
        Warning,
    );
    let added = added_by(|r| {
        r.subjects[2].parental_responsibility = Tristate::No;
        r.medical.as_mut().unwrap().consent_from = " connor hale".into();
    });
    assert_eq!(added.len(), 1, "{added:#?}");
    assert_eq!(added[0].0, "$.medical.consentFrom");
    assert!(added[0]
        .2
        .starts_with("Connor Hale does not hold parental responsibility"));
    check(
        "an order not named",
        |r| {
            let medical = r.medical.as_mut().unwrap();
            medical.authority = Some(MedicalAuthority::CourtOrder);
            medical.consent_from.clear();
        },
        "$.medical.consentFrom",
        Warning,
    );
    // The other children.
    check(
        "Mia not considered for examination",
        |r| r.subjects[4].to_be_examined = Tristate::Unknown,
        "$.subjects[4].toBeExamined",
        Warning,
    );
    // The injury itself.
    check(
        "no explanation",
        |r| r.injury.as_mut().unwrap().explanation.clear(),
        "$.injury.explanation",
        Warning,
    );
    check(
        "whether it fits not said",
        |r| r.injury.as_mut().unwrap().explanation_fits = Tristate::Unknown,
        "$.injury.explanationFits",
        Warning,
    );
    check(
        "no protocol",
        |r| r.injury.as_mut().unwrap().protocol.clear(),
        "$.injury.protocol",
        Warning,
    );
    // A version 2 record is not asked.
    let mut record = example_record(false);
    record.schema_version = 2;
    record.threshold = None;
    record.medical = None;
    record.subjects[4].to_be_examined = Tristate::Unknown;
    assert_eq!(findings(&record), Vec::new());
}

#[test]
fn decision_rules() {
    check(
        "no decisions",
        |r| r.decisions.clear(),
        "$.decisions",
        Error,
    );
    check(
        "no type",
        |r| r.decisions[2].decision_type = None,
        "$.decisions[2].decisionType",
        Error,
    );
    check(
        "no owning agency",
        |r| r.decisions[0].owning_agency.clear(),
        "$.decisions[0].owningAgency",
        Error,
    );
    check(
        "no decision-maker",
        |r| r.decisions[0].decision_maker_id = None,
        "$.decisions[0].decisionMakerId",
        Error,
    );
    check(
        "a decision-maker who is not a participant",
        |r| r.decisions[0].decision_maker_id = Some("p9".into()),
        "$.decisions[0].decisionMakerId",
        Error,
    );
    check(
        "no rationale",
        |r| r.decisions[1].rationale.clear(),
        "$.decisions[1].rationale",
        Error,
    );
    check(
        "section 47 owned by the police",
        |r| r.decisions[0].owning_agency = "Police".into(),
        "$.decisions[0].owningAgency",
        Warning,
    );
    check(
        "a criminal investigation owned by social care",
        |r| r.decisions[1].owning_agency = "Children's social care".into(),
        "$.decisions[1].owningAgency",
        Warning,
    );
    // Legal planning is a route of its own: the local authority owns a legal planning
    // meeting and an emergency protection order, the police their own protection.
    for (kind, owner, wrong) in [
        (
            DecisionType::LegalPlanning,
            "Children's social care",
            "Police",
        ),
        (
            DecisionType::EmergencyProtectionOrder,
            "Children's social care",
            "Health",
        ),
        (
            DecisionType::PoliceProtection,
            "Police",
            "Children's social care",
        ),
    ] {
        let with = |agency: &'static str| {
            move |r: &mut DecisionRecord| {
                r.decisions[2].decision_type = Some(kind);
                r.decisions[2].owning_agency = agency.into();
            }
        };
        assert_eq!(added_by(with(owner)), Vec::new(), "{kind:?}");
        check(
            "legal planning owned by the wrong agency",
            with(wrong),
            "$.decisions[2].owningAgency",
            Warning,
        );
    }
}

#[test]
fn risk_rules() {
    check(
        "no owner",
        |r| r.risks[0].owner_id = None,
        "$.risks[0].ownerId",
        Error,
    );
    check(
        "owner not a participant",
        |r| r.risks[1].owner_id = Some("p0".into()),
        "$.risks[1].ownerId",
        Error,
    );
    check(
        "neither review date nor trigger",
        |r| {
            r.risks[1].review_date = None;
            r.risks[1].review_trigger.clear();
        },
        "$.risks[1].reviewDate",
        Error,
    );
    check(
        "blank description",
        |r| r.risks[0].description.clear(),
        "$.risks[0].description",
        Error,
    );
}

#[test]
fn action_rules() {
    check(
        "no owner",
        |r| r.actions[0].owner_id = None,
        "$.actions[0].ownerId",
        Error,
    );
    check(
        "no due date",
        |r| r.actions[1].due = None,
        "$.actions[1].due",
        Error,
    );
    check(
        "blank task",
        |r| r.actions[2].task.clear(),
        "$.actions[2].task",
        Error,
    );
    check(
        "not done without saying why",
        |r| r.actions[2].status = ActionStatus::NotDone,
        "$.actions[2].notDoneReason",
        Error,
    );
    check(
        "done without an outcome",
        |r| r.actions[1].status = ActionStatus::Done,
        "$.actions[1].outcome",
        Warning,
    );
    let added = added_by(|r| {
        r.actions[2].status = ActionStatus::NotDone;
        r.actions[2].not_done_reason = Some(NotDoneReason::CircumstancesChanged);
    });
    assert_eq!(added, Vec::new());
    check(
        "due before the meeting",
        |r| r.actions[1].due = Some("2025-03-03".parse().unwrap()),
        "$.actions[1].due",
        Warning,
    );
    check(
        "in progress, due before the meeting",
        |r| {
            r.actions[1].status = ActionStatus::InProgress;
            r.actions[1].due = Some("2026-03-01".parse().unwrap());
        },
        "$.actions[1].due",
        Warning,
    );
    let message = &added_by(|r| r.actions[1].due = Some("2026-03-01".parse().unwrap()))[0].2;
    assert!(
        message.contains("1 March 2026") && message.contains("2 March 2026"),
        "the dates in words: {message}"
    );
    let on_the_day = added_by(|r| r.actions[1].due = r.meeting.date);
    assert_eq!(on_the_day, Vec::new(), "due on the day of the meeting");
    // An earlier meeting's action, done or not done, was due before this one.
    let done = added_by(|r| {
        r.actions[0].due = Some("2026-02-20".parse().unwrap());
        r.actions[0].status = ActionStatus::Done;
        r.actions[0].outcome = "Seen by the paediatrician".into();
    });
    assert_eq!(done, Vec::new(), "a done action");
}

/// The rules a form raises as an item is saved are the ones `validate` reports, at the
/// path the item is saved to: an error for a birth after the meeting, a warning for an
/// action due before it, and nothing for other items.
#[test]
fn a_form_raises_the_same_date_rules_as_validation_at_the_items_path() {
    use risk_sensible::meeting::{entry_findings, Item};
    let record = example_record(false);
    let mut child = record.subjects[0].clone();
    child.date_of_birth = Some("2026-03-03".parse().unwrap());
    let at = ItemKind::Subject.item_path(record.subjects.len());
    let raised = entry_findings(&record, &Item::Subject(child.clone()), &at);
    assert_eq!(raised.len(), 1);
    assert_eq!(
        raised[0].path.to_string(),
        format!("$.subjects[{}].dateOfBirth", record.subjects.len())
    );
    assert_eq!(raised[0].severity, Error);
    let mut changed = record.clone();
    changed.subjects[0] = child;
    let found = validate(&changed, common::config());
    assert!(found
        .iter()
        .any(|finding| finding.path == "$.subjects[0].dateOfBirth"
            && finding.message == raised[0].message));

    let mut action = record.actions[0].clone();
    action.due = Some("2026-02-27".parse().unwrap());
    let raised = entry_findings(
        &record,
        &Item::Action(action),
        &ItemKind::Action.item_path(0),
    );
    assert_eq!(raised.len(), 1);
    assert_eq!(
        (raised[0].path.to_string().as_str(), raised[0].severity),
        ("$.actions[0].due", Warning)
    );
    let risk = Item::Risk(record.risks[0].clone());
    assert_eq!(
        entry_findings(&record, &risk, &ItemKind::Risk.item_path(0)),
        Vec::new()
    );
}

#[test]
fn contingency_dissent_and_family_rules() {
    check(
        "contingency without owner",
        |r| r.contingencies[0].owner_id = None,
        "$.contingencies[0].ownerId",
        Error,
    );
    check(
        "dissent without the chair's response",
        |r| r.dissent[0].chair_response.clear(),
        "$.dissent[0].chairResponse",
        Error,
    );
    check(
        "dissent without the view",
        |r| r.dissent[0].view.clear(),
        "$.dissent[0].view",
        Error,
    );
    check(
        "escalated without a date",
        |r| r.dissent[0].escalation = EscalationStage::LineManager,
        "$.dissent[0].escalatedOn",
        Error,
    );
    check(
        "dissent by someone not present",
        |r| r.dissent[0].participant_id = "p12".into(),
        "$.dissent[0].participantId",
        Error,
    );
    check(
        "nothing said to the family",
        |r| r.family_communication.clear(),
        "$.familyCommunication",
        Warning,
    );
    check(
        "withheld without a reason",
        |r| r.family_communication[0].withheld_reason.clear(),
        "$.familyCommunication[0].withheldReason",
        Error,
    );
    check(
        "nobody to tell the family",
        |r| r.family_communication[0].by_id = None,
        "$.familyCommunication[0].byId",
        Error,
    );
}

#[test]
fn timescale_and_distribution_rules() {
    check(
        "section 47 started after this meeting",
        |r| r.timescales.s47_started_on = Some("2026-03-05".parse().unwrap()),
        "$.timescales.s47StartedOn",
        Error,
    );
    check(
        "nobody receives the record",
        |r| r.distribution.clear(),
        "$.distribution",
        Warning,
    );
}

/// The warning on one bidirectional control, as `validate` words it.
fn hidden_control_message(control: char, name: &str) -> String {
    format!(
        "This text contains a hidden control character that can reverse how text around it is \
         displayed (U+{:04X} {name}): check the text as typed",
        u32::from(control)
    )
}

/// A text planted with `control` in the middle, as a hostile or pasted text would hold it.
fn planted(text: &str, control: char) -> String {
    let middle = text.len() / 2;
    let middle = (middle..=text.len())
        .find(|at| text.is_char_boundary(*at))
        .unwrap_or(text.len());
    format!("{}{control}{}", &text[..middle], &text[middle..])
}

#[test]
fn bidirectional_controls_that_can_reorder_text_are_flagged_at_their_field() {
    // Every bidirectional control, and whether it is flagged: the embeddings, overrides and
    // isolates are; the marks, part of ordinary right-to-left writing, are not.
    let controls = [
        ('\u{061C}', None),
        ('\u{200E}', None),
        ('\u{200F}', None),
        ('\u{202A}', Some("LEFT-TO-RIGHT EMBEDDING")),
        ('\u{202B}', Some("RIGHT-TO-LEFT EMBEDDING")),
        ('\u{202C}', Some("POP DIRECTIONAL FORMATTING")),
        ('\u{202D}', Some("LEFT-TO-RIGHT OVERRIDE")),
        ('\u{202E}', Some("RIGHT-TO-LEFT OVERRIDE")),
        ('\u{2066}', Some("LEFT-TO-RIGHT ISOLATE")),
        ('\u{2067}', Some("RIGHT-TO-LEFT ISOLATE")),
        ('\u{2068}', Some("FIRST STRONG ISOLATE")),
        ('\u{2069}', Some("POP DIRECTIONAL ISOLATE")),
    ];
    type Plant = fn(&mut DecisionRecord, char);
    // Names, free text, nested free text and ids.
    let fields: [(&str, Plant); 7] = [
        ("$.participants[1].name", |r, c| {
            r.participants[1].name = planted(&r.participants[1].name, c)
        }),
        ("$.participants[1].agency", |r, c| {
            r.participants[1].agency = planted(&r.participants[1].agency, c)
        }),
        ("$.decisions[0].rationale", |r, c| {
            r.decisions[0].rationale = planted(&r.decisions[0].rationale, c)
        }),
        ("$.meeting.reason", |r, c| {
            r.meeting.reason = planted(&r.meeting.reason, c)
        }),
        ("$.subjects[1].history.notes", |r, c| {
            let history = r.subjects[1].history.as_mut().unwrap();
            history.notes = planted(&history.notes, c)
        }),
        ("$.childVoice.words", |r, c| {
            r.child_voice.words = planted(&r.child_voice.words, c)
        }),
        ("$.meta.id", |r, c| r.meta.id = planted(&r.meta.id, c)),
    ];
    for (control, name) in controls {
        for (path, plant) in fields {
            let added = added_by(|record| plant(record, control));
            let expected: Vec<(String, Severity, String)> = name
                .map(|name| {
                    (
                        path.to_string(),
                        Warning,
                        hidden_control_message(control, name),
                    )
                })
                .into_iter()
                .collect();
            assert_eq!(added, expected, "{control:?} in {path}");
        }
    }
}

#[test]
fn several_controls_in_one_text_are_one_warning_naming_each_once() {
    let added = added_by(|record| {
        record.risks[0].description =
            "\u{202B}Mother\u{202C} will \u{202E}not\u{202C} supervise\u{202B}".into()
    });
    assert_eq!(
        added,
        [(
            "$.risks[0].description".to_string(),
            Warning,
            "This text contains hidden control characters that can reverse how text around them \
             is displayed (U+202B RIGHT-TO-LEFT EMBEDDING, U+202C POP DIRECTIONAL FORMATTING, \
             U+202E RIGHT-TO-LEFT OVERRIDE): check the text as typed"
                .to_string()
        )]
    );
}

/// The check walks every string of the record, not a list of fields: a control planted in
/// any text of the complete example (one at a time) is flagged at exactly that text's path.
/// Dates, times and enumeration values, which cannot hold one, are refused by the types
/// and skipped; the audit trail is not checked.
#[test]
fn a_control_in_any_text_of_the_record_is_flagged_at_its_path() {
    let example = example_record(false);
    let baseline = validate(&example, common::config());
    let json = to_json_value(&example);
    let mut texts = Vec::new();
    fn each_text(value: &serde_json::Value, path: String, texts: &mut Vec<String>) {
        match value {
            serde_json::Value::String(_) => texts.push(path),
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    each_text(item, format!("{path}/{index}"), texts);
                }
            }
            serde_json::Value::Object(members) => {
                for (key, member) in members {
                    each_text(member, format!("{path}/{key}"), texts);
                }
            }
            _ => {}
        }
    }
    each_text(&json, String::new(), &mut texts);
    let mut flagged = Vec::new();
    for pointer in texts
        .iter()
        .filter(|pointer| !pointer.starts_with("/audit/"))
    {
        let mut changed = json.clone();
        let text = changed.pointer_mut(pointer).unwrap();
        *text = planted(text.as_str().unwrap(), '\u{202E}').into();
        let Ok(record) = from_json::<DecisionRecord>(changed) else {
            continue;
        };
        // A reference to a participant changed also refers to no one: that has its own
        // finding.
        let added: Vec<Finding> = validate(&record, common::config())
            .into_iter()
            .filter(|finding| !baseline.contains(finding))
            .filter(|finding| finding.message.starts_with("This text contains"))
            .collect();
        assert_eq!(added.len(), 1, "{pointer}: {added:#?}");
        let expected_path = pointer
            .split('/')
            .skip(1)
            .fold(JsonPath::root(), |path, step| match step.parse() {
                Ok(index) => path.index(index),
                Err(_) => path.key(step.to_string()),
            });
        assert_eq!(added[0].path, expected_path, "{pointer}");
        assert_eq!(added[0].severity, Warning);
        flagged.push(added[0].path.to_string());
    }
    // Names, free text, ids and references of every section.
    for path in [
        "$.meta.id",
        "$.meta.procedure.name",
        "$.meeting.reason",
        "$.meeting.chairId",
        "$.subjects[0].name",
        "$.subjects[1].history.currentSupport",
        "$.practiceContext.details",
        "$.participants[0].name",
        "$.participants[0].id",
        "$.information[0].content",
        "$.gaps[0].unknown",
        "$.childVoice.words",
        "$.assessment.worries[0].text",
        "$.assessment.scaleDiscussion",
        "$.scales[0].reason",
        "$.tools[0].name",
        "$.decisions[0].rationale",
        "$.risks[0].description",
        "$.actions[0].task",
        "$.contingencies[0].ifThis",
        "$.dissent[0].view",
        "$.familyCommunication[0].withheldReason",
        "$.distribution[0].name",
    ] {
        assert!(
            flagged.iter().any(|flagged| flagged == path),
            "{path} not flagged"
        );
    }
}

#[test]
fn amendments_are_checked_and_the_audit_trail_is_not() {
    let mut record = example_record(true);
    common::run(
        &mut record,
        risk_sensible::meeting::Command::Amend {
            reason: "Typing \u{202E}error".into(),
            change: "The medical is booked".into(),
            restrictions: None,
        },
    )
    .unwrap();
    record.audit[0].actor.name = "Test \u{202E}Chair".into();
    record.audit[1].change = "Added \u{2067}something".into();
    let added: Vec<(String, Severity)> = findings(&record)
        .into_iter()
        .filter(|(path, _)| {
            !findings(&example_record(true))
                .iter()
                .any(|(p, _)| p == path)
        })
        .collect();
    assert_eq!(added, [("$.amendments[0].reason".to_string(), Warning)]);
}

/// A message that quotes the record (a name in a finding, an item in a refused removal)
/// shows its bidirectional controls as escapes: the widget and the command line show the
/// same sentence, and a control cannot reorder the words after it.
#[test]
fn messages_that_quote_the_record_show_its_controls_as_escapes() {
    let escaped = |added: Vec<(String, Severity, String)>, path: &str| {
        added
            .into_iter()
            .find(|(at, _, message)| at == path && !message.starts_with("This text contains"))
            .map(|(_, _, message)| message)
            .unwrap_or_default()
    };
    let chair = escaped(
        added_by(|r| {
            r.participants[0].name = "Amara\u{202E}Okafor".into();
            r.participants[0].attendance = Attendance::Apologies;
        }),
        "$.meeting.chairId",
    );
    assert!(
        chair.starts_with("Amara\\u{202e}Okafor is recorded as the chair but did not attend"),
        "{chair}"
    );
    let twice = escaped(
        added_by(|r| {
            let mut again = r.participants[2].clone();
            again.id = "p7".into();
            again.name = format!("{}\u{2067}", again.name);
            r.participants[2].name = again.name.clone();
            r.participants.push(again);
        }),
        "$.participants[6].name",
    );
    assert!(twice.contains("\\u{2067} ("), "{twice}");
    assert!(twice.ends_with(") is listed more than once"), "{twice}");
    let reason = escaped(
        added_by(|r| {
            r.participants[1].agency = "Police\u{202E}".into();
            r.scales[0].participant_id = r.participants[1].id.clone();
            r.scales[0].reason.clear();
        }),
        "$.scales[0].reason",
    );
    assert!(reason.contains("Police\\u{202e}) chose"), "{reason}");
    for message in [&chair, &twice, &reason] {
        assert!(
            !message.contains(risk_sensible::bidi::BIDI_CONTROLS),
            "{message}"
        );
    }

    let mut record = example_record(false);
    record.participants[1].name = "Pat\u{202E}Constable".into();
    record.actions[0].owner_id = Some(record.participants[1].id.clone());
    record.actions[0].task = "Visit\u{202E}home".into();
    let id = record.participants[1].id.clone();
    let refused = common::run(
        &mut record,
        risk_sensible::meeting::Command::Remove {
            kind: ItemKind::Participant,
            id,
        },
    )
    .unwrap_err()
    .to_string();
    assert!(refused.starts_with("Pat\\u{202e}Constable ("), "{refused}");
    assert!(refused.contains("Visit\\u{202e}home"), "{refused}");
    assert!(
        !refused.contains(risk_sensible::bidi::BIDI_CONTROLS),
        "{refused}"
    );
}

/// A participant listed again (the same name, whatever its case and the spaces at its ends,
/// for the same agency) is flagged where the repeat is; the same name for another agency,
/// or names and agencies that only run together alike, are other people.
#[test]
fn a_participant_listed_twice_is_found_by_name_and_agency() {
    let cases: [(&str, &str, &str, &str, bool); 5] = [
        ("Ann Lee", "Police", "  ann LEE ", "Police", true),
        ("Ann Lee", "Police", "Ann Lee", "Health", false),
        ("Ann Lee", "Police", "Ann Leigh", "Police", false),
        // The agency and name together are alike; apart they are not.
        ("b", "Police a", "ab", "Police ", false),
        ("Ann Lee", "Police", "Ann Lee", "Police ", false),
    ];
    for (first_name, first_agency, second_name, second_agency, repeated) in cases {
        let added = added_by(|record| {
            let mut first = record.participants[2].clone();
            first.id = "p-first".into();
            first.name = first_name.into();
            first.agency = first_agency.into();
            let mut second = first.clone();
            second.id = "p-second".into();
            second.name = second_name.into();
            second.agency = second_agency.into();
            record.participants.push(first);
            record.participants.push(second);
        });
        let at = format!(
            "$.participants[{}].name",
            example_record(false).participants.len() + 1
        );
        let flagged: Vec<&str> = added
            .iter()
            .filter(|(_, _, message)| message.ends_with("is listed more than once"))
            .map(|(path, _, _)| path.as_str())
            .collect();
        let expected: Vec<&str> = if repeated { vec![&at] } else { vec![] };
        assert_eq!(
            flagged, expected,
            "{first_name:?} ({first_agency}) then {second_name:?} ({second_agency})"
        );
    }
}

#[test]
fn the_reference_walk_reads_exactly_the_members_its_check_is_run_again_for() {
    // The complete example refers to a participant from every site the walk knows; the
    // check of references (validation) runs again only when one of these members changed.
    let record = example_record(false);
    let mut members: Vec<&str> = Vec::new();
    record.for_each_participant_reference(|site, _| {
        if !members.contains(&site.member()) {
            members.push(site.member());
        }
        assert_eq!(
            site.path().to_string().split(['.', '[']).nth(1),
            Some(site.member()),
            "{site:?}"
        );
    });
    assert_eq!(members, PARTICIPANT_REFERENCE_MEMBERS);
}

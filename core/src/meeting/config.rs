//! Host-configurable lists with good defaults: local procedures differ, so nothing here is
//! hard-coded into the rules.

use super::clock::Holidays;
use crate::record::{Attendance, DecisionType, Participant, Tristate};

/// What an agency is, for the rules that depend on it: who owns police-sensitive,
/// health-confidential and legally privileged material, and who must attend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AgencyRole {
    /// Children's social care: owns the section 47 decision and the local authority's
    /// legal advice.
    ChildrensSocialCare,
    /// The police: own police-sensitive material and any criminal investigation.
    Police,
    /// Health, when the host does not say which part: owns health-confidential material,
    /// as every part of health below does.
    Health,
    /// Paediatrics (hospital or community paediatricians, who carry out child protection
    /// medicals).
    Paediatrics,
    /// Health visiting (and school nursing).
    HealthVisiting,
    /// Midwifery.
    Midwifery,
    /// General practice.
    Gp,
    /// Schools and nurseries.
    Education,
    /// Any other agency: receives no owned material unless its owner agrees.
    Other,
}

// Read from its name alone, as the record's enumerations are.
crate::record::read_by_name!(AgencyRole => &AgencyRole::ALL);

impl AgencyRole {
    /// Every role, in the order the documentation lists them.
    pub const ALL: [AgencyRole; 9] = [
        AgencyRole::ChildrensSocialCare,
        AgencyRole::Police,
        AgencyRole::Health,
        AgencyRole::Paediatrics,
        AgencyRole::HealthVisiting,
        AgencyRole::Midwifery,
        AgencyRole::Gp,
        AgencyRole::Education,
        AgencyRole::Other,
    ];

    /// The agencies whose attendance or information finalising needs (Working Together to
    /// Safeguard Children 2023: a strategy discussion involves children's social care, the
    /// police and health as a minimum).
    pub const STATUTORY: [AgencyRole; 3] = [
        AgencyRole::ChildrensSocialCare,
        AgencyRole::Police,
        AgencyRole::Health,
    ];

    /// True for health and each part of it.
    pub fn is_health(self) -> bool {
        matches!(
            self,
            AgencyRole::Health
                | AgencyRole::Paediatrics
                | AgencyRole::HealthVisiting
                | AgencyRole::Midwifery
                | AgencyRole::Gp
        )
    }

    /// True when an agency with this role stands for `required`: itself, or any part of
    /// health for health.
    pub fn counts_as(self, required: AgencyRole) -> bool {
        self == required || (required == AgencyRole::Health && self.is_health())
    }

    /// The role in words, within a sentence ("the police").
    pub fn words(self) -> &'static str {
        match self {
            AgencyRole::ChildrensSocialCare => "children's social care",
            AgencyRole::Police => "the police",
            AgencyRole::Health => "health",
            AgencyRole::Paediatrics => "paediatrics",
            AgencyRole::HealthVisiting => "health visiting",
            AgencyRole::Midwifery => "midwifery",
            AgencyRole::Gp => "general practice",
            AgencyRole::Education => "education",
            AgencyRole::Other => "another agency",
        }
    }

    /// The role as the mount options and the command line's roles file write it.
    pub fn wire_name(self) -> &'static str {
        crate::record::unit_name(&self)
    }
}

/// What a host may configure about the meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The agencies a participant can be chosen from, in display order.
    pub agencies: Vec<String>,
    /// The agencies, by role, that must have attended or sent information before the
    /// record is finalised: at least [`AgencyRole::STATUTORY`]. Which of the host's agencies
    /// has which role is [`Config::agency_roles`].
    pub required_roles: Vec<AgencyRole>,
    /// The decision types offered, in display order.
    pub decision_types: Vec<DecisionType>,
    /// Bank holidays for the working-day clocks (England and Wales by default).
    pub holidays: Holidays,
    /// What each agency is, by the name the host gives it. An agency not listed is
    /// [`AgencyRole::Other`]: it receives no police, health or legal material unless the
    /// owner of that material agrees, the safe default.
    pub agency_roles: crate::record::LiteMap<String, AgencyRole>,
    /// Who the host invited (its invitation list), offered to be marked present, sending
    /// apologies or sending information in one step each.
    pub invited: Vec<Invitation>,
    /// The timescales the local procedures set.
    pub deadlines: Deadlines,
}

/// The timescales the local procedures set, in working days (the pre-birth conference in
/// weeks before the expected date). Working Together to Safeguard Children 2023 sets the
/// conference's 15 working days and the assessment's 45; the others are local, so each has
/// the common default and a host may change any of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlines {
    /// From the day the concern arose to the strategy discussion.
    pub strategy_discussion: u32,
    /// From the strategy discussion that started section 47 enquiries to the initial child
    /// protection conference.
    pub icpc: u32,
    /// From the day the concern arose to the assessment's completion.
    pub assessment: u32,
    /// From the meeting to its record reaching the attendees.
    pub distribution: u32,
    /// For an unborn child, the weeks before the expected date by which the pre-birth
    /// conference is held.
    pub pre_birth_weeks: u32,
}

// Read as the record's structs are: each timescale optional, keeping its default; an unknown
// key refused.
crate::record::read_members!(Deadlines: default {
    strategy_discussion,
    icpc,
    assessment,
    distribution,
    pre_birth_weeks
});

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            strategy_discussion: 1,
            icpc: super::clock::ICPC_WORKING_DAYS,
            assessment: 45,
            distribution: super::clock::DISTRIBUTION_WORKING_DAYS,
            pre_birth_weeks: 10,
        }
    }
}

impl Deadlines {
    /// The most working days any timescale may be (a year of them).
    pub const MAX_WORKING_DAYS: u32 = 250;
    /// The most weeks before the expected date (a whole pregnancy).
    pub const MAX_WEEKS: u32 = 40;

    /// The first timescale out of range, as "`name` must be …", or `None`.
    pub fn out_of_range(&self) -> Option<String> {
        let days = [
            ("strategyDiscussion", self.strategy_discussion),
            ("icpc", self.icpc),
            ("assessment", self.assessment),
            ("distribution", self.distribution),
        ];
        for (name, value) in days {
            if !(1..=Self::MAX_WORKING_DAYS).contains(&value) {
                return Some(format!(
                    "{name} must be from 1 to {} working days (it is {value})",
                    Self::MAX_WORKING_DAYS
                ));
            }
        }
        (!(1..=Self::MAX_WEEKS).contains(&self.pre_birth_weeks)).then(|| {
            format!(
                "preBirthWeeks must be from 1 to {} weeks (it is {})",
                Self::MAX_WEEKS,
                self.pre_birth_weeks
            )
        })
    }
}

/// Someone the host invited to the meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Invitation {
    pub name: String,
    pub role: String,
    pub agency: String,
    /// Whether they can make decisions for their agency.
    pub decision_authority: Tristate,
}

// Read as the record's structs are: `name` and `agency` required, an unknown key refused.
crate::record::read_members!(Invitation {
    name: required,
    role,
    agency: required,
    decision_authority
});

impl Invitation {
    /// The participant they become, with this attendance.
    pub fn participant(&self, attendance: Attendance) -> Participant {
        Participant {
            id: String::new(),
            name: self.name.trim().to_string(),
            role: self.role.trim().to_string(),
            agency: self.agency.trim().to_string(),
            attendance,
            decision_authority: self.decision_authority,
        }
    }
}

impl Config {
    /// What `agency` is ([`AgencyRole::Other`] when the host has not said).
    pub fn role_of(&self, agency: &str) -> AgencyRole {
        self.agency_roles
            .get(agency.trim())
            .copied()
            .unwrap_or(AgencyRole::Other)
    }
}

/// Children's social care: owns the section 47 decision in law.
pub const CHILDRENS_SOCIAL_CARE: &str = "Children's social care";
/// The police: own any criminal investigation.
pub const POLICE: &str = "Police";
/// Health (GP, health visitor, midwife, hospital, named nurse).
pub const HEALTH: &str = "Health";

impl Default for Config {
    fn default() -> Self {
        let agencies = [
            CHILDRENS_SOCIAL_CARE,
            POLICE,
            HEALTH,
            "Education",
            "Early help",
            "Probation",
            "Housing",
            "Adult social care",
            "Voluntary sector",
            "Other",
        ];
        let mut config = Config {
            agencies: agencies.iter().map(|name| name.to_string()).collect(),
            required_roles: AgencyRole::STATUTORY.to_vec(),
            decision_types: DecisionType::ALL.to_vec(),
            holidays: Holidays::england_and_wales(),
            agency_roles: crate::record::LiteMap::new(),
            invited: Vec::new(),
            deadlines: Deadlines::default(),
        };
        // Inserted one by one: `collect` or `extend` compiles a sort of its own.
        for (name, role) in [
            (CHILDRENS_SOCIAL_CARE, AgencyRole::ChildrensSocialCare),
            (POLICE, AgencyRole::Police),
            (HEALTH, AgencyRole::Health),
            ("Education", AgencyRole::Education),
        ] {
            config.agency_roles.insert(name.to_string(), role);
        }
        config
    }
}

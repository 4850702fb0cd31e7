//! Host-configurable lists with good defaults: local procedures differ, so nothing here is
//! hard-coded into the rules.

use super::clock::Holidays;
use crate::record::{Attendance, DecisionType, Participant, Tristate};
use std::collections::BTreeMap;

/// What an agency is, for the rules that depend on it: who owns police-sensitive,
/// health-confidential and legally privileged material, and who must attend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
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
        match self {
            AgencyRole::ChildrensSocialCare => "childrensSocialCare",
            AgencyRole::Police => "police",
            AgencyRole::Health => "health",
            AgencyRole::Paediatrics => "paediatrics",
            AgencyRole::HealthVisiting => "healthVisiting",
            AgencyRole::Midwifery => "midwifery",
            AgencyRole::Gp => "gp",
            AgencyRole::Education => "education",
            AgencyRole::Other => "other",
        }
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
    pub agency_roles: BTreeMap<String, AgencyRole>,
    /// Who the host invited (its invitation list), offered to be marked present, sending
    /// apologies or sending information in one step each.
    pub invited: Vec<Invitation>,
}

/// Someone the host invited to the meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Invitation {
    pub name: String,
    #[serde(default)]
    pub role: String,
    pub agency: String,
    /// Whether they can make decisions for their agency.
    #[serde(default)]
    pub decision_authority: Tristate,
}

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

    /// True when `participant` is this person (the same name and agency, as typed apart
    /// from case and spaces at the ends).
    pub fn is(&self, participant: &Participant) -> bool {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        same(&self.name, &participant.name) && same(&self.agency, &participant.agency)
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
        Config {
            agencies: agencies.iter().map(|name| name.to_string()).collect(),
            required_roles: AgencyRole::STATUTORY.to_vec(),
            decision_types: DecisionType::ALL.to_vec(),
            holidays: Holidays::england_and_wales(),
            agency_roles: [
                (CHILDRENS_SOCIAL_CARE, AgencyRole::ChildrensSocialCare),
                (POLICE, AgencyRole::Police),
                (HEALTH, AgencyRole::Health),
                ("Education", AgencyRole::Education),
            ]
            .into_iter()
            .map(|(name, role)| (name.to_string(), role))
            .collect(),
            invited: Vec::new(),
        }
    }
}

//! Host-configurable lists with good defaults: local procedures differ, so nothing here is
//! hard-coded into the rules.

use super::clock::Holidays;
use crate::record::DecisionType;

/// What a host may configure about the meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The agencies a participant can be chosen from, in display order.
    pub agencies: Vec<String>,
    /// Agencies that must be at the meeting or have their absence recorded (statutory
    /// guidance: children's social care, police and health as a minimum).
    pub required_agencies: Vec<String>,
    /// The decision types offered, in display order.
    pub decision_types: Vec<DecisionType>,
    /// Bank holidays for the working-day clocks (England and Wales by default).
    pub holidays: Holidays,
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
            required_agencies: [CHILDRENS_SOCIAL_CARE, POLICE, HEALTH]
                .iter()
                .map(|name| name.to_string())
                .collect(),
            decision_types: DecisionType::ALL.to_vec(),
            holidays: Holidays::england_and_wales(),
        }
    }
}

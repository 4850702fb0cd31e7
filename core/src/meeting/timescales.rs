//! The statutory clocks of one record: when the record must be distributed and, once a
//! section 47 enquiry is decided, when the initial child protection conference is due.

use super::clock::{distribution_due, icpc_due, Clock};
use super::config::Config;
use crate::record::{DecisionRecord, IsoDate};

/// The statutory clocks that apply to a record, when their start date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatutoryClocks {
    /// Record distribution: 1 working day after the meeting.
    pub distribution: Option<Clock>,
    /// ICPC: 15 working days after the discussion that started section 47 enquiries,
    /// present only when a decision starts them.
    pub icpc: Option<Clock>,
}

/// True when any decision in the record starts section 47 enquiries.
pub fn starts_section_47(record: &DecisionRecord) -> bool {
    record.decisions.iter().any(|decision| {
        decision
            .decision_type
            .is_some_and(|kind| kind.starts_section_47())
    })
}

/// Works out the clocks from the meeting date and the decisions.
pub fn statutory_clocks(record: &DecisionRecord, config: &Config) -> StatutoryClocks {
    let meeting_date = record.meeting.date.map(|date| date.0);
    let s47_start = record
        .timescales
        .s47_started_on
        .map(|date| date.0)
        .or(meeting_date);
    StatutoryClocks {
        distribution: meeting_date.map(|date| distribution_due(date, &config.holidays)),
        icpc: s47_start
            .filter(|_| starts_section_47(record))
            .map(|date| icpc_due(date, &config.holidays)),
    }
}

/// Writes the computed statutory dates into the record, as finalising does, so a host
/// without this code can read them.
pub fn freeze_statutory_dates(record: &mut DecisionRecord, config: &Config) {
    let clocks = statutory_clocks(record, config);
    record.timescales.distribution_due = clocks.distribution.map(|clock| IsoDate(clock.due));
    record.timescales.icpc_due = clocks.icpc.map(|clock| IsoDate(clock.due));
}

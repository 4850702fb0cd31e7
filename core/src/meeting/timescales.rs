//! The statutory clocks of one record, with the host's timescales ([`Deadlines`]): when the
//! strategy discussion was due after the concern arose, when the record must be
//! distributed, when the assessment is due, and, once section 47 enquiries are decided,
//! when the initial child protection conference is due (and, for an unborn child, the
//! pre-birth conference).

use super::clock::{clock, Clock};
use super::config::{Config, Deadlines};
use crate::record::{DecisionRecord, DecisionType, IsoDate, ThresholdRoute};
use time::Duration;

/// The statutory clocks that apply to a record, when their start date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatutoryClocks {
    /// The strategy discussion: [`Deadlines::strategy_discussion`] working days after the
    /// concern arose, present when that day is recorded.
    pub strategy_discussion: Option<Clock>,
    /// Record distribution: [`Deadlines::distribution`] working days after the meeting.
    pub distribution: Option<Clock>,
    /// ICPC: [`Deadlines::icpc`] working days after the discussion that started section 47
    /// enquiries, present only when a decision starts them.
    pub icpc: Option<Clock>,
    /// For an unborn child with an expected date, when section 47 enquiries start: the
    /// pre-birth conference, [`Deadlines::pre_birth_weeks`] weeks before the expected date.
    pub pre_birth: Option<Clock>,
    /// The assessment: [`Deadlines::assessment`] working days after the concern arose,
    /// present when that day is recorded and the meeting decided on section 47 enquiries or
    /// section 17.
    pub assessment: Option<Clock>,
    /// The timescales the clocks were counted with.
    pub deadlines: Deadlines,
}

/// True when any decision in the record starts section 47 enquiries.
pub fn starts_section_47(record: &DecisionRecord) -> bool {
    record.decisions.iter().any(|decision| {
        decision
            .decision_type
            .is_some_and(|kind| kind.starts_section_47())
    })
}

/// True when the meeting decided on an assessment: section 47 enquiries or section 17, in
/// the threshold decision's route or a decision.
fn assessment_follows(record: &DecisionRecord) -> bool {
    let route = record
        .threshold
        .as_ref()
        .and_then(|threshold| threshold.route);
    matches!(
        route,
        Some(ThresholdRoute::S47Joint | ThresholdRoute::S47SingleAgency | ThresholdRoute::S17)
    ) || starts_section_47(record)
        || record
            .decisions
            .iter()
            .any(|decision| decision.decision_type == Some(DecisionType::S17))
}

/// Works out the clocks from the record's dates and decisions and the host's timescales.
pub fn statutory_clocks(record: &DecisionRecord, config: &Config) -> StatutoryClocks {
    let deadlines = config.deadlines;
    let holidays = &config.holidays;
    let meeting_date = record.meeting.date.map(|date| date.0);
    let concern = record.meeting.concern_raised_on.map(|date| date.0);
    let s47_start = record
        .timescales
        .s47_started_on
        .map(|date| date.0)
        .or(meeting_date)
        .filter(|_| starts_section_47(record));
    let pre_birth = record
        .child()
        .filter(|child| child.unborn)
        .and_then(|child| child.expected_date)
        .zip(s47_start)
        .map(|(expected, _)| Clock {
            name: "Pre-birth child protection conference",
            due: expected
                .0
                .checked_sub(Duration::weeks(i64::from(deadlines.pre_birth_weeks)))
                .unwrap_or(expected.0),
            reliable: true,
        });
    StatutoryClocks {
        strategy_discussion: concern.map(|date| {
            clock(
                "Strategy discussion",
                date,
                deadlines.strategy_discussion,
                holidays,
            )
        }),
        distribution: meeting_date.map(|date| {
            clock(
                "Meeting record distributed to attendees",
                date,
                deadlines.distribution,
                holidays,
            )
        }),
        icpc: s47_start.map(|date| {
            clock(
                "Initial child protection conference",
                date,
                deadlines.icpc,
                holidays,
            )
        }),
        pre_birth,
        assessment: concern
            .filter(|_| assessment_follows(record))
            .map(|date| clock("Assessment", date, deadlines.assessment, holidays)),
        deadlines,
    }
}

/// Writes the computed statutory dates into the record, as finalising does, so a host
/// without this code can read them: the distribution's and the conference's, and the
/// assessment's when the group set none of its own.
pub fn freeze_statutory_dates(record: &mut DecisionRecord, config: &Config) {
    let clocks = statutory_clocks(record, config);
    record.timescales.distribution_due = clocks.distribution.map(|clock| IsoDate(clock.due));
    record.timescales.icpc_due = clocks.icpc.map(|clock| IsoDate(clock.due));
    if record.timescales.assessment_due.is_none() {
        record.timescales.assessment_due = clocks.assessment.map(|clock| IsoDate(clock.due));
    }
}

//! A summary written out: the hot-spot list and the themes as a text table for a terminal,
//! CSV for a spreadsheet, or JSON for another program.
//!
//! # Wire format (JSON)
//!
//! One object: `asOf` (`YYYY-MM-DD`), `dueWithinWorkingDays`, `input` (the counts of
//! [`InputCounts`](super::InputCounts)), then `hotSpots` (each row as
//! [`HotSpot`] serialises, with its `rank` from 1) and `themes`
//! (each table as [`ThemeTable::to_json`](super::table::ThemeTable::to_json) writes it),
//! either of which is left out when not asked for. Flag kinds, bands and theme ids may grow
//! in later versions; a reader should skip what it does not know.
//!
//! # CSV
//!
//! Hot spots: one row per child (or record), in urgency order, the columns in
//! [`HOT_SPOT_COLUMNS`]. Themes: one row per figure, `theme,row,column,value`, a tidy layout
//! a spreadsheet can pivot.

use super::csv;
use super::escape::terminal;
use super::hotspots::{Band, ClockState, Flag, HotSpot};
use super::table::{Cell, ThemeTable};
use super::Summary;
use serde_json::{json, Value};
use std::io::{self, Write};

/// The longest piece of record text printed in the text table, in characters.
const TEXT_CHARS: usize = 200;

/// How to write the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// Comma-separated values.
    Csv,
    /// One JSON object.
    Json,
}

/// Which parts to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parts {
    /// The hot-spot list (for the team: names, not suppressed).
    HotSpots,
    /// The themes (for the partnership: suppressed by default).
    Themes,
    /// Both.
    Both,
}

impl Parts {
    fn hot_spots(self) -> bool {
        self != Parts::Themes
    }

    fn themes(self) -> bool {
        self != Parts::HotSpots
    }
}

/// The columns of the hot-spot CSV.
pub const HOT_SPOT_COLUMNS: [&str; 22] = [
    "rank",
    "recordId",
    "caseReference",
    "childName",
    "meetingDate",
    "meetingType",
    "status",
    "band",
    "urgency",
    "workingDays",
    "baby",
    "overdueActions",
    "risksPastReview",
    "icpcDue",
    "icpcState",
    "assessmentDue",
    "assessmentState",
    "openDissent",
    "openEscalations",
    "scaleSpread",
    "people",
    "details",
];

/// Writes the summary. `suppress_below` applies to the themes (0: no suppression).
pub fn write(
    summary: &Summary,
    format: Format,
    parts: Parts,
    suppress_below: u64,
    out: &mut dyn Write,
) -> io::Result<()> {
    let tables = if parts.themes() {
        summary.theme_tables(suppress_below)
    } else {
        Vec::new()
    };
    match format {
        Format::Json => write_json(summary, parts, &tables, out),
        Format::Csv => {
            if parts.hot_spots() {
                write_hot_spots_csv(summary, out)?;
            }
            if parts.themes() {
                write_themes_csv(&tables, out)?;
            }
            Ok(())
        }
        Format::Table => {
            if parts.hot_spots() {
                write_hot_spots_text(summary, out)?;
            }
            if parts.themes() {
                if parts.hot_spots() {
                    out.write_all(b"\n")?;
                }
                write_themes_text(summary, &tables, suppress_below, out)?;
            }
            Ok(())
        }
    }
}

/// A hot-spot row with its rank, as the JSON output has it.
#[derive(serde::Serialize)]
struct Ranked<'a> {
    rank: usize,
    #[serde(flatten)]
    row: &'a HotSpot,
}

/// Writes the JSON output a row at a time (one row per line), so a national sample's
/// hot-spot list is never held as one JSON value. Reads back as [`to_json`] builds it.
pub fn write_json(
    summary: &Summary,
    parts: Parts,
    tables: &[ThemeTable],
    out: &mut dyn Write,
) -> io::Result<()> {
    let counts = serde_json::to_string(&summary.counts).map_err(io::Error::other)?;
    write!(
        out,
        "{{\n\"asOf\": \"{}\",\n\"dueWithinWorkingDays\": {},\n\"input\": {counts}",
        summary.as_of, summary.due_within
    )?;
    if parts.hot_spots() {
        out.write_all(b",\n\"hotSpots\": [")?;
        for (index, row) in summary.hot_spots.iter().enumerate() {
            out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(
                &mut *out,
                &Ranked {
                    rank: index + 1,
                    row,
                },
            )
            .map_err(io::Error::other)?;
        }
        out.write_all(b"\n]")?;
    }
    if parts.themes() {
        out.write_all(b",\n\"themes\": [")?;
        for (index, table) in tables.iter().enumerate() {
            out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &table.to_json()).map_err(io::Error::other)?;
        }
        out.write_all(b"\n]")?;
    }
    out.write_all(b"\n}\n")
}

/// The summary as one JSON value (see the module documentation). For a caseload's worth of
/// rows; [`write_json`] streams the same document.
pub fn to_json(summary: &Summary, parts: Parts, tables: &[ThemeTable]) -> Value {
    let mut object = serde_json::Map::new();
    object.insert("asOf".into(), json!(summary.as_of.to_string()));
    object.insert("dueWithinWorkingDays".into(), json!(summary.due_within));
    object.insert(
        "input".into(),
        serde_json::to_value(&summary.counts).unwrap_or(Value::Null),
    );
    if parts.hot_spots() {
        let rows: Vec<Value> = summary
            .hot_spots
            .iter()
            .enumerate()
            .map(|(index, row)| {
                serde_json::to_value(Ranked {
                    rank: index + 1,
                    row,
                })
                .unwrap_or(Value::Null)
            })
            .collect();
        object.insert("hotSpots".into(), Value::Array(rows));
    }
    if parts.themes() {
        object.insert(
            "themes".into(),
            Value::Array(tables.iter().map(ThemeTable::to_json).collect()),
        );
    }
    Value::Object(object)
}

fn clock_cell(row: &HotSpot, kind: &str) -> (String, String) {
    row.flags
        .iter()
        .find_map(|flag| match flag {
            Flag::IcpcClock {
                due,
                state,
                working_days,
                ..
            } if kind == "icpc" => Some((*due, *state, *working_days)),
            Flag::AssessmentClock {
                due,
                state,
                working_days,
            } if kind == "assessment" => Some((*due, *state, *working_days)),
            _ => None,
        })
        .map(|(due, state, days)| {
            let state = match state {
                ClockState::Passed => format!("passed {days} working days ago"),
                ClockState::DueSoon => format!("due in {days} working days"),
            };
            (due.to_string(), state)
        })
        .unwrap_or_default()
}

/// One hot-spot row as CSV cells, in [`HOT_SPOT_COLUMNS`] order, before [`csv::row`] guards
/// and quotes them. Record text is on one line, its control characters escaped.
pub fn hot_spot_fields(rank: usize, row: &HotSpot) -> Vec<String> {
    let (icpc_due, icpc_state) = clock_cell(row, "icpc");
    let (assessment_due, assessment_state) = clock_cell(row, "assessment");
    let escalations = row
        .flags
        .iter()
        .filter(|flag| {
            matches!(flag, Flag::OpenDissent { escalation, .. }
                if *escalation != crate::record::EscalationStage::None)
        })
        .count();
    let spread = row
        .flags
        .iter()
        .find_map(|flag| match flag {
            Flag::UndiscussedSpread { spread, .. } => Some(spread.to_string()),
            _ => None,
        })
        .unwrap_or_default();
    let people: Vec<String> = row.people().iter().map(|person| person.label()).collect();
    let mut details: Vec<String> = row.flags.iter().map(Flag::describe).collect();
    if row.more_flags > 0 {
        details.push(format!("and {} more", row.more_flags));
    }
    let text = |value: &str| terminal(value, usize::MAX);
    vec![
        rank.to_string(),
        text(&row.record_id),
        text(&row.case_reference),
        text(&row.child_name),
        row.meeting_date
            .map(|date| date.to_string())
            .unwrap_or_default(),
        row.meeting_type
            .map(|kind| super::themes::wire(&kind))
            .unwrap_or_default(),
        super::themes::wire(&row.status),
        row.band.as_str().to_string(),
        row.urgency.clone(),
        row.working_days.to_string(),
        row.baby.to_string(),
        row.count_of("overdueAction").to_string(),
        row.count_of("riskReviewPassed").to_string(),
        icpc_due,
        icpc_state,
        assessment_due,
        assessment_state,
        row.count_of("openDissent").to_string(),
        escalations.to_string(),
        spread,
        text(&people.join("; ")),
        text(&details.join("; ")),
    ]
}

fn write_hot_spots_csv(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(csv::row(&HOT_SPOT_COLUMNS).as_bytes())?;
    for (index, row) in summary.hot_spots.iter().enumerate() {
        out.write_all(csv::row(&hot_spot_fields(index + 1, row)).as_bytes())?;
    }
    Ok(())
}

fn write_themes_csv(tables: &[ThemeTable], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(csv::row(&["theme", "row", "column", "value"]).as_bytes())?;
    for table in tables {
        for cells in &table.rows {
            let label = match cells.first() {
                Some(Cell::Text(label)) => label.as_str(),
                _ => "",
            };
            for (column, cell) in table.columns.iter().zip(cells).skip(1) {
                if matches!(cell, Cell::Text(text) if text.is_empty()) {
                    continue;
                }
                let fields = [
                    table.id.to_string(),
                    label.to_string(),
                    column.id.to_string(),
                    cell.plain(table.threshold),
                ];
                out.write_all(csv::row(&fields).as_bytes())?;
            }
        }
    }
    Ok(())
}

fn plural(count: u64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(count))
    }
}

/// What the themes' suppression does, in a sentence for the top of the themes.
pub fn suppression_note(threshold: u64) -> String {
    if threshold <= 1 {
        "Small numbers are NOT suppressed: do not share these figures beyond the team.".into()
    } else {
        format!(
            "Counts from 1 to {} are shown as <{threshold}, and figures that would give them \
             away as \"suppressed\".",
            threshold - 1
        )
    }
}

/// A count with commas between thousands: `2,000`.
pub fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// The sentence about what was read, skipped and left out.
pub fn input_sentence(summary: &Summary) -> String {
    let counts = &summary.counts;
    let mut sentence = format!("{} analysed", plural(counts.records, "record", "records"));
    if counts.superseded_records > 0 {
        sentence.push_str(&format!(
            "; {} for a child with a more recent one not listed",
            plural(counts.superseded_records, "older record", "older records")
        ));
    }
    if counts.bad_records > 0 {
        sentence.push_str(&format!(
            "; {} skipped (see the messages)",
            plural(counts.bad_records, "bad record", "bad records")
        ));
    }
    if counts.duplicate_records > 0 {
        sentence.push_str(&format!(
            "; {} skipped",
            plural(
                counts.duplicate_records,
                "duplicate record",
                "duplicate records"
            )
        ));
    }
    if counts.unreadable_paths > 0 {
        sentence.push_str(&format!(
            "; {} could not be read",
            plural(counts.unreadable_paths, "path", "paths")
        ));
    }
    if counts.skipped_paths > 0 {
        sentence.push_str(&format!(
            "; {} skipped (not regular files)",
            plural(counts.skipped_paths, "path", "paths")
        ));
    }
    if counts.wellbeing_debriefs > 0 {
        sentence.push_str(&format!(
            "; {} counted apart",
            plural(
                counts.wellbeing_debriefs,
                "wellbeing debrief",
                "wellbeing debriefs"
            )
        ));
    }
    sentence.push('.');
    sentence
}

fn write_hot_spots_text(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    let heading = format!(
        "Caseload hot spots as of {} (due soon: within {} working days)",
        summary.as_of, summary.due_within
    );
    writeln!(out, "{heading}\n{}", "=".repeat(heading.chars().count()))?;
    writeln!(out, "{}", input_sentence(summary))?;
    writeln!(
        out,
        "Children with something flagged: {} of {}, most urgent first.\n",
        thousands(summary.hot_spots.len() as u64),
        thousands(summary.counts.children)
    )?;
    let text = |value: &str| terminal(value, TEXT_CHARS);
    for (index, row) in summary.hot_spots.iter().enumerate() {
        let child = [row.case_reference.as_str(), row.child_name.as_str()]
            .iter()
            .filter(|part| !part.is_empty())
            .map(|part| text(part))
            .collect::<Vec<_>>()
            .join(" ");
        let child = if child.is_empty() {
            "Child not recorded".to_string()
        } else {
            child
        };
        writeln!(out, "{}. {child} - {}", index + 1, row.urgency)?;
        let meeting = row
            .meeting_type
            .map(|kind| kind.label().to_string())
            .unwrap_or_else(|| "Meeting".to_string());
        let date = row
            .meeting_date
            .map(|date| date.to_string())
            .unwrap_or_else(|| "date not recorded".to_string());
        writeln!(
            out,
            "   {meeting} {date} · {} · record {}",
            super::themes::wire(&row.status),
            text(&row.record_id)
        )?;
        for flag in &row.flags {
            let band = match flag.band() {
                Band::Overdue => "overdue  ",
                Band::DueSoon => "due soon ",
                Band::Attention => "attention",
                Band::Vulnerable => "baby     ",
            };
            writeln!(
                out,
                "   {band} {}",
                terminal(&flag.describe(), TEXT_CHARS * 2)
            )?;
        }
        if row.more_flags > 0 {
            writeln!(out, "   and {} more", row.more_flags)?;
        }
    }
    Ok(())
}

fn write_themes_text(
    summary: &Summary,
    tables: &[ThemeTable],
    suppress_below: u64,
    out: &mut dyn Write,
) -> io::Result<()> {
    let heading = format!("Partnership themes as of {}", summary.as_of);
    writeln!(out, "{heading}\n{}", "=".repeat(heading.chars().count()))?;
    writeln!(out, "{}", suppression_note(suppress_below))?;
    for table in tables {
        writeln!(
            out,
            "\n{}\n{}",
            table.title,
            "-".repeat(table.title.chars().count())
        )?;
        writeln!(out, "{}", terminal(&table.description, usize::MAX))?;
        let cells: Vec<Vec<String>> = std::iter::once(
            table
                .columns
                .iter()
                .map(|column| column.label.to_string())
                .collect(),
        )
        .chain(table.rows.iter().map(|cells| {
            cells
                .iter()
                .map(|cell| terminal(&cell.display(table.threshold), TEXT_CHARS))
                .collect()
        }))
        .collect();
        let widths: Vec<usize> = (0..table.columns.len())
            .map(|column| {
                cells
                    .iter()
                    .map(|row| row.get(column).map_or(0, |cell| cell.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &cells {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                let width = widths[column];
                let padding = width.saturating_sub(cell.chars().count());
                if column == 0 {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(padding));
                } else {
                    line.push_str("  ");
                    line.push_str(&" ".repeat(padding));
                    line.push_str(cell);
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    Ok(())
}

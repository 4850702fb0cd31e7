//! The partnership's themes as small tables, and small-number suppression.
//!
//! # Suppression
//!
//! Anything shared beyond the team is suppressed by default: a count from 1 to below the
//! threshold (5 unless the caller says otherwise) is shown as `<5`. A zero is shown: it
//! names nobody, and hiding it would only force the cells beside it to be hidden too (a
//! table of 2,000 draft records and 0 final ones would have to hide the 2,000). Then:
//!
//! - **Secondary suppression.** Where a table shows parts and their total (agencies'
//!   attendance adds up to those invited; outcomes add up to all outcomes), a single
//!   suppressed part could be worked out by subtraction, so when exactly one part of a
//!   shown total is suppressed, the smallest other part is hidden too, shown as
//!   `suppressed` (it may not be below the threshold, so `<5` could be untrue). This
//!   repeats until no total has exactly one hidden part.
//! - **Derived figures.** A percentage is shown only when neither its numerator nor its
//!   denominator is a suppressed count and every count it is worked out from is shown;
//!   otherwise it reads `suppressed`. A median is shown only when it is worked out from at
//!   least the threshold's number of values.
//!
//! This is the common primary-and-secondary rule, not full statistical disclosure control:
//! a partnership publishing figures should still have someone look at the tables.

use serde_json::{json, Value};

/// A cell's position: row, then column.
pub type CellRef = (usize, usize);

/// Whether a count is shown, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// Shown.
    Shown,
    /// From 1 to below the threshold: shown as `<5`.
    Small,
    /// At or above the threshold, but hidden so a small count beside it cannot be worked
    /// out by subtraction: shown as `suppressed`.
    Secondary,
}

/// One cell of a theme table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A label.
    Text(String),
    /// A count of records, people or items.
    Count { value: u64, hidden: Hidden },
    /// A percentage, `numerator` of `denominator`.
    Percent {
        numerator: u64,
        denominator: u64,
        /// The counts in the same table it is worked out from: suppressed if any is.
        depends_on: Vec<CellRef>,
        suppressed: bool,
    },
    /// A statistic (a median) worked out from `basis` values; `None` when there were none.
    Number {
        value: Option<f64>,
        basis: u64,
        suppressed: bool,
    },
}

impl Cell {
    /// A count, not (yet) suppressed.
    pub fn count(value: u64) -> Cell {
        Cell::Count {
            value,
            hidden: Hidden::Shown,
        }
    }

    /// A percentage, not (yet) suppressed.
    pub fn percent(numerator: u64, denominator: u64, depends_on: Vec<CellRef>) -> Cell {
        Cell::Percent {
            numerator,
            denominator,
            depends_on,
            suppressed: false,
        }
    }

    /// A label.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// Whether the cell is hidden by suppression.
    pub fn is_suppressed(&self) -> bool {
        match self {
            Cell::Text(_) => false,
            Cell::Count { hidden, .. } => *hidden != Hidden::Shown,
            Cell::Percent { suppressed, .. } | Cell::Number { suppressed, .. } => *suppressed,
        }
    }

    /// The count, when the cell is a count that is shown.
    pub fn shown_count(&self) -> Option<u64> {
        match self {
            Cell::Count {
                value,
                hidden: Hidden::Shown,
            } => Some(*value),
            _ => None,
        }
    }

    /// The percentage (0-100), when the cell is a percentage that is shown and defined.
    pub fn shown_percent(&self) -> Option<f64> {
        match self {
            Cell::Percent {
                numerator,
                denominator,
                suppressed: false,
                ..
            } if *denominator > 0 => Some(*numerator as f64 * 100.0 / *denominator as f64),
            _ => None,
        }
    }

    /// The cell as text for people: `1,200`, `<5` (a small count), `suppressed` (a count hidden
    /// to protect a small one, or a figure worked out from one), `45.2%`, `–` (no data).
    pub fn display(&self, threshold: u64) -> String {
        match self {
            Cell::Percent { .. } if !self.is_suppressed() => match self.shown_percent() {
                Some(percent) => format!("{percent:.1}%"),
                None => "–".to_string(),
            },
            Cell::Count {
                value,
                hidden: Hidden::Shown,
            } => super::report::thousands(*value),
            Cell::Number {
                value: None,
                suppressed: false,
                ..
            } => "–".to_string(),
            _ => self.plain(threshold),
        }
    }

    /// The cell as text for machines (CSV): like [`display`](Cell::display) but a
    /// percentage has no `%` sign and no data is empty.
    pub fn plain(&self, threshold: u64) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count {
                hidden: Hidden::Small,
                ..
            } => format!("<{threshold}"),
            Cell::Count {
                hidden: Hidden::Secondary,
                ..
            } => SUPPRESSED.to_string(),
            Cell::Count { value, .. } => value.to_string(),
            Cell::Percent {
                suppressed: true, ..
            }
            | Cell::Number {
                suppressed: true, ..
            } => SUPPRESSED.to_string(),
            Cell::Percent { .. } => self
                .shown_percent()
                .map(|percent| format!("{percent:.1}"))
                .unwrap_or_default(),
            Cell::Number { value, .. } => {
                value.map(|value| format!("{value:.1}")).unwrap_or_default()
            }
        }
    }

    /// The cell as JSON: a number when shown, `"<5"` or `"suppressed"` when not, `null`
    /// when there is no data.
    pub fn json(&self, threshold: u64) -> Value {
        match self {
            Cell::Text(text) => json!(text),
            Cell::Count {
                value,
                hidden: Hidden::Shown,
            } => json!(value),
            Cell::Percent {
                suppressed: false, ..
            } => self
                .shown_percent()
                .map(|percent| json!((percent * 10.0).round() / 10.0))
                .unwrap_or(Value::Null),
            Cell::Number {
                value,
                suppressed: false,
                ..
            } => value
                .map(|value| json!((value * 10.0).round() / 10.0))
                .unwrap_or(Value::Null),
            _ => json!(self.plain(threshold)),
        }
    }
}

/// Whether a count is small enough to suppress: from 1 to below the threshold.
pub fn is_small(count: u64, threshold: u64) -> bool {
    count > 0 && count < threshold
}

/// What a suppressed percentage or statistic reads.
pub const SUPPRESSED: &str = "suppressed";

/// A column of a theme table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Machine name (camelCase), used in CSV and JSON.
    pub id: &'static str,
    /// Heading for people.
    pub label: &'static str,
}

/// Cells that add up to another cell: the parts and their total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The cell holding the sum.
    pub total: CellRef,
    /// The cells that add up to it.
    pub parts: Vec<CellRef>,
}

/// How a table is drawn as a bar chart: one bar per row, labelled by the first column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chart {
    /// The column whose values the bars show.
    pub column: usize,
    /// Rows at the end not drawn (a total row).
    pub skip_last_rows: usize,
}

/// One theme: a small table with a title and a sentence saying what it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeTable {
    /// Machine name (camelCase).
    pub id: &'static str,
    /// Heading for people.
    pub title: &'static str,
    /// What it counts and from what, in a sentence or two.
    pub description: String,
    /// The columns; the first labels the rows.
    pub columns: Vec<Column>,
    /// The rows, each with one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Cells that add up to others, for secondary suppression.
    pub groups: Vec<Group>,
    /// How to draw it, when it is worth drawing.
    pub chart: Option<Chart>,
    /// The threshold it was suppressed with (0: not suppressed).
    pub threshold: u64,
}

impl ThemeTable {
    /// The table drawn as a bar chart of `column`, every row a bar.
    pub fn charted(mut self, column: usize) -> ThemeTable {
        self.chart = Some(Chart {
            column,
            skip_last_rows: 0,
        });
        self
    }

    /// The cell at a position.
    pub fn cell(&self, (row, column): CellRef) -> Option<&Cell> {
        self.rows.get(row)?.get(column)
    }

    /// The cell in the row labelled `row` (first column) and the column named `column`.
    pub fn find(&self, row: &str, column: &str) -> Option<&Cell> {
        let column = self.columns.iter().position(|c| c.id == column)?;
        self.rows
            .iter()
            .find(|cells| matches!(cells.first(), Some(Cell::Text(label)) if label == row))?
            .get(column)
    }

    fn count_at(&self, at: CellRef) -> Option<(u64, bool)> {
        match self.cell(at)? {
            Cell::Count { value, hidden } => Some((*value, *hidden != Hidden::Shown)),
            _ => None,
        }
    }

    fn hide_secondary(&mut self, (row, column): CellRef) {
        if let Some(Cell::Count { hidden, .. }) = self
            .rows
            .get_mut(row)
            .and_then(|cells| cells.get_mut(column))
        {
            *hidden = Hidden::Secondary;
        }
    }

    /// Suppresses counts below `threshold` and everything that would give them away (see
    /// the module documentation). A threshold of 0 suppresses nothing.
    pub fn suppress(&mut self, threshold: u64) {
        self.threshold = threshold;
        for cells in &mut self.rows {
            for cell in cells.iter_mut() {
                match cell {
                    Cell::Count { value, hidden } => {
                        *hidden = if is_small(*value, threshold) {
                            Hidden::Small
                        } else {
                            Hidden::Shown
                        };
                    }
                    Cell::Percent { suppressed, .. } | Cell::Number { suppressed, .. } => {
                        *suppressed = false;
                    }
                    Cell::Text(_) => {}
                }
            }
        }
        if threshold == 0 {
            return;
        }
        // Secondary suppression; each round suppresses at least one more cell or stops.
        loop {
            let mut changed = false;
            for index in 0..self.groups.len() {
                let group = self.groups[index].clone();
                if !matches!(self.count_at(group.total), Some((_, false))) {
                    continue;
                }
                let parts: Vec<(CellRef, u64, bool)> = group
                    .parts
                    .iter()
                    .filter_map(|at| {
                        self.count_at(*at)
                            .map(|(value, hidden)| (*at, value, hidden))
                    })
                    .collect();
                if parts.iter().filter(|(_, _, hidden)| *hidden).count() != 1 {
                    continue;
                }
                let smallest = parts
                    .iter()
                    .filter(|(_, _, hidden)| !hidden)
                    .min_by_key(|(at, value, _)| (*value, *at));
                if let Some((at, _, _)) = smallest {
                    self.hide_secondary(*at);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let hidden: Vec<Vec<bool>> = self
            .rows
            .iter()
            .map(|cells| cells.iter().map(Cell::is_suppressed).collect())
            .collect();
        let is_hidden = |(row, column): CellRef| {
            hidden
                .get(row)
                .and_then(|cells| cells.get(column))
                .copied()
                .unwrap_or(false)
        };
        for cells in &mut self.rows {
            for cell in cells.iter_mut() {
                match cell {
                    Cell::Percent {
                        numerator,
                        denominator,
                        depends_on,
                        suppressed,
                    } => {
                        *suppressed = is_small(*numerator, threshold)
                            || is_small(*denominator, threshold)
                            || depends_on.iter().any(|at| is_hidden(*at));
                    }
                    Cell::Number {
                        basis, suppressed, ..
                    } => *suppressed = is_small(*basis, threshold),
                    _ => {}
                }
            }
        }
    }

    /// The table as JSON: `{id, title, description, suppressedBelow, columns, rows}`, each row
    /// an object keyed by column id.
    pub fn to_json(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|cells| {
                let mut object = serde_json::Map::new();
                for (column, cell) in self.columns.iter().zip(cells) {
                    object.insert(column.id.to_string(), cell.json(self.threshold));
                }
                Value::Object(object)
            })
            .collect();
        let columns: Vec<Value> = self
            .columns
            .iter()
            .map(|column| json!({ "id": column.id, "label": column.label }))
            .collect();
        json!({
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "suppressedBelow": self.threshold,
            "columns": columns,
            "rows": rows,
        })
    }
}

//! Analysis across many decision records: the hot spots in a team's caseload, the themes a
//! safeguarding partnership looks at, and the records as tidy tables for an analyst.
//!
//! A single record says what one group decided about one child. The review that started
//! this project asked two questions no single record answers: where are the hot spots and
//! vulnerabilities in a caseload, so a team can prioritise; and what do the records say,
//! together, about how the agencies work (the partnership's data group). This module
//! answers both, from the records alone.
//!
//! - [`hotspots`]: the rules that flag a record (overdue actions, risks past review, statutory
//!   clocks due or missed, open dissent, a wide spread of safety scales left undiscussed,
//!   pre-mobile and unborn babies) and the order a team manager reads them in.
//! - [`facts`] and [`themes`]: what each record contributes to the partnership's counts, and
//!   the counts themselves, as [`table::ThemeTable`]s.
//! - [`table`]: those tables and small-number suppression.
//! - [`report`]: hot spots and themes written as a text table, CSV or JSON; [`csv`] the one
//!   CSV writer (every cell guarded against formulas), [`escape`] record text made safe to
//!   show on a terminal or in a spreadsheet.
//! - [`flatten`]: the records as tidy tables (CSV and JSON Lines) for DuckDB, a spreadsheet or
//!   Spark; `docs/analysis.md` documents every column.
//! - `input` and `cli` (native only): reading files, directories and JSON Lines as a stream,
//!   in parallel, for `risk-sensible summarise` and `flatten`.
//!
//! Architecture invariant: everything but `input` and `cli` is deterministic and does no
//! I/O, like the rest of the core: the as-of date comes in through [`Settings`], never from
//! the clock. Nothing holds all the records: each one is read, turned into a
//! [`Contribution`] (counts and at most one hot-spot row) and dropped, so memory grows with
//! the number of children with hot spots, not with the number of records.

pub mod csv;
pub mod escape;
pub mod facts;
pub mod flatten;
pub mod hotspots;
pub mod report;
pub mod table;
pub mod themes;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod input;
#[cfg(not(target_arch = "wasm32"))]
pub mod parquet;

use crate::meeting::{Config, Deadlines, Holidays};
use crate::record::{DecisionRecord, WellbeingDocument};
use facts::RecordFacts;
use hotspots::{CaseloadEntry, HotSpot, Key, Recency};
use std::collections::HashSet;
use themes::ThemeCounts;
use time::Date;

/// Working days ahead within which a statutory clock counts as due soon, unless the caller
/// says otherwise.
pub const DEFAULT_DUE_WITHIN: u32 = 5;

/// Counts from 1 to below this are shown as "<5" in anything shared beyond the team, unless
/// the caller says otherwise (see [`table`]).
pub const DEFAULT_SUPPRESS_BELOW: u64 = 5;

/// What an analysis needs to know that the records do not say.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The day the analysis is for: overdue and due-soon are counted from it.
    pub as_of: Date,
    /// A statutory clock due within this many working days of `as_of` is a hot spot.
    pub due_within: u32,
    /// Bank holidays for every working-day count.
    pub holidays: Holidays,
    /// List every record as its own row, rather than only each child's most recent one.
    pub every_record: bool,
    /// Work out hot spots (false when only the themes are wanted: no rows are kept).
    pub hot_spots: bool,
    /// The local timescales the clocks and the standards are counted with.
    pub deadlines: Deadlines,
}

impl Settings {
    /// The defaults, as of `as_of`: due soon within five working days, England and Wales
    /// bank holidays, one row per child.
    pub fn new(as_of: Date) -> Self {
        Settings {
            as_of,
            due_within: DEFAULT_DUE_WITHIN,
            holidays: Holidays::england_and_wales(),
            every_record: false,
            hot_spots: true,
            deadlines: Deadlines::default(),
        }
    }

    /// A meeting configuration with these holidays, for the statutory clocks.
    pub fn config(&self) -> Config {
        Config {
            holidays: self.holidays.clone(),
            deadlines: self.deadlines,
            ..Config::default()
        }
    }
}

/// What one record adds to an analysis: its facts for the themes and its candidate row for
/// the hot-spot list. Small, so records can be analysed on other threads and their
/// contributions added in input order.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The record's id, to notice the same record read twice.
    pub record_id: String,
    /// What the themes count.
    pub facts: RecordFacts,
    /// The record's place in the caseload: which child, how recent, and its hot spots.
    pub caseload: CaseloadEntry,
}

impl Contribution {
    /// Works out what `record` contributes, as of the settings' date.
    pub fn of(record: &DecisionRecord, settings: &Settings, config: &Config) -> Self {
        Contribution {
            record_id: record.meta.id.clone(),
            facts: RecordFacts::of(record, settings, config),
            caseload: CaseloadEntry::of(record, settings, config),
        }
    }
}

/// How the input went: what was analysed and what was not.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InputCounts {
    /// Records analysed.
    pub records: u64,
    /// Records that could not be read or did not pass the import checks, skipped.
    pub bad_records: u64,
    /// Records whose id had already been read, skipped.
    pub duplicate_records: u64,
    /// Files or directories that could not be read at all.
    pub unreadable_paths: u64,
    /// Entries that are not regular files (named pipes, devices, sockets, links to them),
    /// left unread.
    pub skipped_paths: u64,
    /// Wellbeing debrief documents (not records), counted in the `wellbeing` theme only.
    pub wellbeing_debriefs: u64,
    /// Distinct children (by case reference, name and date of birth).
    pub children: u64,
    /// Older records for a child who has a more recent one: not listed as hot spots (every
    /// record still counts in the themes).
    pub superseded_records: u64,
}

/// Adds records one at a time and keeps only what the analysis needs: for each record its
/// key (to notice one read twice) and a 48-byte place in the caseload, and the rows of
/// those with hot spots. Which of a child's records is the most recent is worked out once,
/// at the end, by sorting those places.
#[derive(Clone, Debug)]
pub struct Summariser {
    settings: Settings,
    config: Config,
    seen: HashSet<Key>,
    caseload: Vec<Place>,
    rows: Vec<HotSpot>,
    /// Listing every record: the children, counted apart.
    children: HashSet<Key>,
    themes: ThemeCounts,
    counts: InputCounts,
}

/// One record's place in the caseload: its child (or, listing every record, itself), how
/// recent it is, and its hot-spot row in [`Summariser::rows`], if any.
#[derive(Clone, Copy, Debug)]
struct Place {
    group: Key,
    recency: Recency,
    /// `u32::MAX`: no row.
    row: u32,
}

impl Summariser {
    /// An empty analysis.
    pub fn new(settings: Settings) -> Self {
        Summariser {
            config: settings.config(),
            themes: ThemeCounts::new(settings.deadlines),
            settings,
            seen: HashSet::new(),
            caseload: Vec::new(),
            rows: Vec::new(),
            children: HashSet::new(),
            counts: InputCounts::default(),
        }
    }

    /// The settings the analysis runs with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The meeting configuration the statutory clocks use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Adds one record that passed the import checks. Returns false, and counts it as a
    /// duplicate, when a record with the same id was added before.
    pub fn add_record(&mut self, record: &DecisionRecord) -> bool {
        let contribution = Contribution::of(record, &self.settings, &self.config);
        self.add(contribution)
    }

    /// Adds what one record contributes (worked out with the same settings, perhaps on
    /// another thread). Returns false, and counts it as a duplicate, when a record with the
    /// same id was added before: the first one read is the one analysed.
    pub fn add(&mut self, contribution: Contribution) -> bool {
        let mut entry = contribution.caseload;
        if !self.seen.insert(entry.record) {
            self.counts.duplicate_records += 1;
            return false;
        }
        self.counts.records += 1;
        self.themes.add(&contribution.facts);
        let row = match entry.hot_spot.take() {
            Some(row) => {
                self.rows.push(*row);
                u32::try_from(self.rows.len() - 1).unwrap_or(u32::MAX)
            }
            None => u32::MAX,
        };
        // Listing every record, each is its own group; the children are counted apart.
        let group = if self.settings.every_record {
            self.children.insert(entry.child);
            entry.record
        } else {
            entry.child
        };
        self.caseload.push(Place {
            group,
            recency: entry.recency(),
            row,
        });
        true
    }

    /// Counts a wellbeing debrief document (not a record: it names no child).
    pub fn add_debrief(&mut self, debrief: &WellbeingDocument) {
        self.counts.wellbeing_debriefs += 1;
        self.themes.add_debrief(debrief);
    }

    /// Counts a record that could not be read or imported.
    pub fn add_bad_record(&mut self) {
        self.counts.bad_records += 1;
    }

    /// Counts a file or directory that could not be read.
    pub fn add_unreadable_path(&mut self) {
        self.counts.unreadable_paths += 1;
    }

    /// Counts a path left unread because it is not a regular file.
    pub fn add_skipped_path(&mut self) {
        self.counts.skipped_paths += 1;
    }

    /// The finished analysis: hot spots sorted by urgency, and the theme counts.
    pub fn finish(self) -> Summary {
        let mut counts = self.counts;
        let mut caseload = self.caseload;
        // Each group's most recent record last within it.
        caseload.sort_unstable_by(|first, second| {
            (first.group, first.recency).cmp(&(second.group, second.recency))
        });
        let mut latest: Vec<u32> = Vec::new();
        let mut groups = 0u64;
        for (index, place) in caseload.iter().enumerate() {
            let last_of_group = caseload
                .get(index + 1)
                .is_none_or(|next| next.group != place.group);
            if last_of_group {
                groups += 1;
                if place.row != u32::MAX {
                    latest.push(place.row);
                }
            }
        }
        drop(caseload);
        if self.settings.every_record {
            counts.children = self.children.len() as u64;
            counts.superseded_records = 0;
        } else {
            counts.children = groups;
            counts.superseded_records = counts.records - groups;
        }
        let mut rows: Vec<Option<HotSpot>> = self.rows.into_iter().map(Some).collect();
        let mut hot_spots: Vec<HotSpot> = latest
            .into_iter()
            .filter_map(|row| rows.get_mut(row as usize).and_then(Option::take))
            .collect();
        hotspots::sort_by_urgency(&mut hot_spots);
        Summary {
            as_of: self.settings.as_of,
            due_within: self.settings.due_within,
            counts,
            hot_spots,
            themes: self.themes,
        }
    }
}

/// The result of an analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The day it is for.
    pub as_of: Date,
    /// The due-soon window, in working days.
    pub due_within: u32,
    /// What was read and what was skipped.
    pub counts: InputCounts,
    /// One row per child (or record) with anything flagged, most urgent first.
    pub hot_spots: Vec<HotSpot>,
    /// The partnership's counts.
    pub themes: ThemeCounts,
}

impl Summary {
    /// The themes as tables, with counts below `suppress_below` suppressed (0 or 1 shows
    /// everything).
    pub fn theme_tables(&self, suppress_below: u64) -> Vec<table::ThemeTable> {
        let mut tables = self.themes.tables(&self.counts, self.as_of);
        for table in &mut tables {
            table.suppress(suppress_below);
        }
        tables
    }
}

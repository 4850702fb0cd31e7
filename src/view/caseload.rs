//! The caseload view: a team's hot spots, sortable and filterable, each row opening its
//! record through an event to the host; then the partnership's themes as simple bar charts,
//! each beside the table it draws. Everything it shows comes from [`crate::analysis`]; this
//! file only lays it out and keeps what the person has chosen (sort, filters, page).
//!
//! Long lists are paged ([`PAGE_SIZE`] rows a page) so that every sort, filter and page
//! turn renders one page, whatever the size of the caseload.
//!
//! The records' text is isolated ([`isolate`]) wherever it is shown, as in the meeting's
//! views; the flags and the reasons a record could not be read, sentences that quote it,
//! show its bidirectional controls as escapes ([`escape`]).

use super::class_list;
use crate::analysis::hotspots::{Band, Flag, HotSpot};
use crate::analysis::report::{input_sentence, suppression_note};
use crate::analysis::table::{Cell, Chart, ThemeTable};
use crate::analysis::Summary;
use crate::bidi::{escape, isolate};
use std::cmp::Ordering;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Rows on one page of the hot-spot list.
pub const PAGE_SIZE: usize = 25;

/// Props of the caseload view.
#[derive(Properties)]
pub struct CaseloadProps {
    /// The analysis of the caseload.
    pub summary: Rc<Summary>,
    /// The themes, suppressed as the host asked.
    pub themes: Rc<Vec<ThemeTable>>,
    /// One line per record that could not be read, to say what was left out.
    #[prop_or_default]
    pub problems: Rc<Vec<String>>,
    /// Prefix for element ids, unique per caseload on the page.
    pub id_prefix: AttrValue,
    /// Told the record id when someone asks to open a record.
    #[prop_or_default]
    pub on_open: Callback<String>,
}

impl PartialEq for CaseloadProps {
    fn eq(&self, other: &Self) -> bool {
        // The analysis is built once per mount: the same allocation is the same analysis.
        Rc::ptr_eq(&self.summary, &other.summary)
            && Rc::ptr_eq(&self.themes, &other.themes)
            && Rc::ptr_eq(&self.problems, &other.problems)
            && self.id_prefix == other.id_prefix
            && self.on_open == other.on_open
    }
}

/// The columns the list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// The urgency order of [`crate::analysis::hotspots`].
    Urgency,
    /// Case reference, then name.
    Child,
    /// Meeting date.
    Meeting,
}

impl SortKey {
    fn label(self) -> &'static str {
        match self {
            SortKey::Urgency => "Urgency",
            SortKey::Child => "Child",
            SortKey::Meeting => "Meeting",
        }
    }

    /// The direction a first click sorts in: most urgent, A to Z, newest.
    fn first_direction(self) -> Direction {
        match self {
            SortKey::Urgency | SortKey::Meeting => Direction::Descending,
            SortKey::Child => Direction::Ascending,
        }
    }

    fn describe(self, direction: Direction) -> &'static str {
        match (self, direction) {
            (SortKey::Urgency, Direction::Descending) => "urgency, most urgent first",
            (SortKey::Urgency, Direction::Ascending) => "urgency, least urgent first",
            (SortKey::Child, Direction::Ascending) => "child, A to Z",
            (SortKey::Child, Direction::Descending) => "child, Z to A",
            (SortKey::Meeting, Direction::Descending) => "meeting date, newest first",
            (SortKey::Meeting, Direction::Ascending) => "meeting date, oldest first",
        }
    }
}

/// Which way a column is sorted (as `aria-sort` names it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// What the person has chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListState {
    pub sort: SortKey,
    pub direction: Direction,
    /// Only rows with a flag concerning this agency.
    pub agency: Option<String>,
    /// Only rows with a flag concerning this person ("Name (Agency)").
    pub owner: Option<String>,
    /// The page shown, from 0.
    pub page: usize,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            sort: SortKey::Urgency,
            direction: Direction::Descending,
            agency: None,
            owner: None,
            page: 0,
        }
    }
}

/// A change to what the person has chosen.
pub enum ListAction {
    /// Sort by a column: the column already sorted by turns round.
    Sort(SortKey),
    /// Filter by agency ("" for all).
    Agency(String),
    /// Filter by owner ("" for all).
    Owner(String),
    /// Show a page.
    Page(usize),
}

impl Reducible for ListState {
    type Action = ListAction;

    fn reduce(self: Rc<Self>, action: ListAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ListAction::Sort(key) if key == self.sort => {
                next.direction = match self.direction {
                    Direction::Ascending => Direction::Descending,
                    Direction::Descending => Direction::Ascending,
                };
                next.page = 0;
            }
            ListAction::Sort(key) => {
                next.sort = key;
                next.direction = key.first_direction();
                next.page = 0;
            }
            ListAction::Agency(agency) => {
                next.agency = (!agency.is_empty()).then_some(agency);
                next.page = 0;
            }
            ListAction::Owner(owner) => {
                next.owner = (!owner.is_empty()).then_some(owner);
                next.page = 0;
            }
            ListAction::Page(page) => next.page = page,
        }
        Rc::new(next)
    }
}

/// Whether a row has a flag concerning the chosen agency and person.
fn matches(row: &HotSpot, agency: Option<&str>, owner: Option<&str>) -> bool {
    if agency.is_none() && owner.is_none() {
        return true;
    }
    row.flags.iter().filter_map(Flag::person).any(|person| {
        agency.is_none_or(|agency| person.agency == agency)
            && owner.is_none_or(|owner| person.label() == owner)
    })
}

/// The rows to show, in order: indexes into the summary's (urgency-sorted) list.
pub fn visible_rows(rows: &[HotSpot], state: &ListState) -> Vec<usize> {
    let mut indexes: Vec<usize> = (0..rows.len())
        .filter(|index| {
            matches(
                &rows[*index],
                state.agency.as_deref(),
                state.owner.as_deref(),
            )
        })
        .collect();
    let compare = |first: &usize, second: &usize| -> Ordering {
        let (a, b) = (&rows[*first], &rows[*second]);
        match state.sort {
            // The list arrives in urgency order, most urgent first.
            SortKey::Urgency => second.cmp(first),
            SortKey::Child => (&a.case_reference, &a.child_name, first).cmp(&(
                &b.case_reference,
                &b.child_name,
                second,
            )),
            SortKey::Meeting => (a.meeting_date, std::cmp::Reverse(*first))
                .cmp(&(b.meeting_date, std::cmp::Reverse(*second))),
        }
    };
    indexes.sort_by(|first, second| match state.direction {
        Direction::Ascending => compare(first, second),
        Direction::Descending => compare(second, first),
    });
    indexes
}

/// Distinct agencies and people the rows' flags concern, sorted, for the filters.
fn filter_choices(rows: &[HotSpot]) -> (Vec<String>, Vec<String>) {
    let mut agencies = std::collections::BTreeSet::new();
    let mut people = std::collections::BTreeSet::new();
    for person in rows
        .iter()
        .flat_map(|row| row.flags.iter().filter_map(Flag::person))
    {
        if !person.agency.is_empty() {
            agencies.insert(person.agency.clone());
        }
        people.insert(person.label());
    }
    (agencies.into_iter().collect(), people.into_iter().collect())
}

fn thousands(count: usize) -> String {
    crate::analysis::report::thousands(count as u64)
}

fn band_modifier(band: Band) -> &'static str {
    match band {
        Band::Overdue => "overdue",
        Band::DueSoon => "due-soon",
        Band::Attention => "attention",
        Band::Vulnerable => "vulnerable",
    }
}

/// The caseload view.
#[function_component(Caseload)]
pub fn caseload(props: &CaseloadProps) -> Html {
    let state = use_reducer(ListState::default);
    let summary = props.summary.clone();
    let rows = &summary.hot_spots;
    let choices = {
        let summary = summary.clone();
        use_memo((), move |_| filter_choices(&summary.hot_spots))
    };
    let visible = {
        let summary = summary.clone();
        use_memo((*state).clone(), move |state| {
            visible_rows(&summary.hot_spots, state)
        })
    };
    let id = |suffix: &str| format!("{}-{suffix}", props.id_prefix);
    let pages = visible.len().div_ceil(PAGE_SIZE).max(1);
    let page = state.page.min(pages - 1);
    let first = page * PAGE_SIZE;
    let shown: Vec<usize> = visible
        .iter()
        .skip(first)
        .take(PAGE_SIZE)
        .copied()
        .collect();
    let status = if visible.is_empty() {
        "No children match these filters.".to_string()
    } else {
        format!(
            "Sorted by {}. Showing {} to {} of {} {}.",
            state.sort.describe(state.direction),
            thousands(first + 1),
            thousands(first + shown.len()),
            thousands(visible.len()),
            if visible.len() == 1 {
                "child"
            } else {
                "children"
            }
        )
    };

    let sort_header = |key: SortKey| {
        let sorted = state.sort == key;
        let dispatcher = state.dispatcher();
        let onclick =
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(ListAction::Sort(key)));
        html! {
            <th scope="col" class="rs-caseload__sortable"
                aria-sort={if sorted { state.direction.aria() } else { "none" }}>
                <button type="button" class="rs-caseload__sort" {onclick}>
                    { key.label() }
                    <span class="rs-caseload__sort-icon" aria-hidden="true">
                        { match (sorted, state.direction) {
                            (false, _) => "↕",
                            (true, Direction::Ascending) => "▲",
                            (true, Direction::Descending) => "▼",
                        } }
                    </span>
                </button>
            </th>
        }
    };
    let select = |name: &str,
                  label: &str,
                  all: &str,
                  options: &[String],
                  value: Option<&str>,
                  action: fn(String) -> ListAction| {
        let dispatcher = state.dispatcher();
        let onchange = Callback::from(move |event: Event| {
            dispatcher.dispatch(action(
                event.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        });
        let field = id(name);
        html! {
            <div class="rs-field rs-caseload__filter">
                <label class="rs-field__label" for={field.clone()}>{ label.to_string() }</label>
                <select class="rs-field__select" id={field.clone()} name={field} {onchange}>
                    <option value="" selected={value.is_none()}>{ all.to_string() }</option>
                    { for options.iter().map(|option| html! {
                        <option key={option.clone()} value={option.clone()}
                            selected={value == Some(option.as_str())}>{ isolate(option).into_owned() }</option>
                    }) }
                </select>
            </div>
        }
    };
    let row_html = |index: usize| {
        let row = &rows[index];
        let record_id = row.record_id.clone();
        let onclick = props.on_open.reform(move |_: MouseEvent| record_id.clone());
        let child = [row.case_reference.as_str(), row.child_name.as_str()]
            .iter()
            .filter(|part| !part.is_empty())
            .map(|part| isolate(part))
            .collect::<Vec<_>>()
            .join(" ");
        let child = if child.is_empty() {
            "Child not recorded".to_string()
        } else {
            child
        };
        let meeting = row
            .meeting_date
            .map(|date| date.to_string())
            .unwrap_or_else(|| "Not recorded".into());
        let meeting_type = row
            .meeting_type
            .map(|kind| kind.label())
            .unwrap_or("Meeting");
        html! {
            <tr class="rs-caseload__row">
                <th scope="row" class="rs-caseload__child">
                    { isolate(&row.case_reference).into_owned() }
                    if !row.child_name.is_empty() {
                        <span class="rs-caseload__child-name">{ isolate(&row.child_name).into_owned() }</span>
                    }
                    if row.baby {
                        <strong class="rs-tag rs-caseload__baby">{ "Baby" }</strong>
                    }
                </th>
                <td>
                    { meeting }
                    <span class="rs-caseload__meeting-type">{ meeting_type }</span>
                </td>
                <td>
                    <strong class={class_list("rs-tag rs-caseload__band", &[Some(&format!("rs-caseload__band--{}", band_modifier(row.band)))])}>
                        { row.band.label() }
                    </strong>
                    <span class="rs-caseload__urgency">{ row.urgency.clone() }</span>
                </td>
                <td>
                    <ul class="rs-caseload__flags">
                        { for row.flags.iter().map(|flag| html! {
                            <li class="rs-caseload__flag">{ flag.describe() }</li>
                        }) }
                        if row.more_flags > 0 {
                            <li class="rs-caseload__flag">{ format!("and {} more", row.more_flags) }</li>
                        }
                    </ul>
                </td>
                <td>
                    <button type="button" class="rs-button rs-button--secondary rs-caseload__open" {onclick}>
                        { "Open record" }
                        <span class="rs-visually-hidden">{ format!(" for {child}") }</span>
                    </button>
                </td>
            </tr>
        }
    };
    let pager = {
        let dispatcher = state.dispatcher();
        let previous = Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(ListAction::Page(page.saturating_sub(1)))
        });
        let dispatcher = state.dispatcher();
        let next =
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(ListAction::Page(page + 1)));
        html! {
            <nav class="rs-caseload__pages" aria-label="Hot spot pages">
                <button type="button" class="rs-button rs-button--secondary" disabled={page == 0} onclick={previous}>
                    { "Previous page" }
                </button>
                <p class="rs-caseload__page">{ format!("Page {} of {pages}", page + 1) }</p>
                <button type="button" class="rs-button rs-button--secondary" disabled={page + 1 >= pages} onclick={next}>
                    { "Next page" }
                </button>
            </nav>
        }
    };
    let (agencies, owners) = &*choices;
    html! {
        <div class="rs-widget rs-caseload" id={id("caseload")}>
            <h2 class="rs-caseload__title">{ "Caseload" }</h2>
            <p class="rs-caseload__lede">
                { format!(
                    "As of {}. {} Children with something flagged: {} of {}.",
                    summary.as_of,
                    input_sentence(&summary),
                    thousands(rows.len()),
                    thousands(summary.counts.children as usize)
                ) }
            </p>
            if !props.problems.is_empty() {
                <div class="rs-notice rs-caseload__problems" role="alert">
                    <p class="rs-notice__text">
                        { format!("{} could not be read and {} left out:",
                            if props.problems.len() == 1 { "1 record".to_string() } else { format!("{} records", props.problems.len()) },
                            if props.problems.len() == 1 { "is" } else { "are" }) }
                    </p>
                    <ul class="rs-caseload__problem-list">
                        { for props.problems.iter().take(20).map(|problem| html! { <li>{ escape(problem).into_owned() }</li> }) }
                        if props.problems.len() > 20 {
                            <li>{ format!("and {} more", props.problems.len() - 20) }</li>
                        }
                    </ul>
                </div>
            }
            <section class="rs-caseload__section" aria-labelledby={id("hot-spots-heading")}>
                <h3 class="rs-caseload__heading" id={id("hot-spots-heading")}>{ "Hot spots" }</h3>
                <p class="rs-caseload__hint">
                    { format!("Overdue first, then due within {} working days, then what needs attention, \
                               then babies; within each, pre-mobile and unborn babies first.", summary.due_within) }
                </p>
                <div class="rs-caseload__filters">
                    { select("agency", "Agency", "All agencies", agencies, state.agency.as_deref(), ListAction::Agency) }
                    { select("owner", "Owner", "All owners", owners, state.owner.as_deref(), ListAction::Owner) }
                </div>
                <p class="rs-caseload__status" role="status">{ status }</p>
                if !shown.is_empty() {
                    <div class="rs-table-scroll" tabindex="0" role="region" aria-label="Hot spots table">
                        <table class="rs-table rs-caseload__table">
                            <caption class="rs-visually-hidden">{ "Hot spots, one row per child" }</caption>
                            <colgroup>
                                <col class="rs-caseload__column--child" />
                                <col class="rs-caseload__column--meeting" />
                                <col class="rs-caseload__column--urgency" />
                                <col />
                                <col class="rs-caseload__column--open" />
                            </colgroup>
                            <thead>
                                <tr>
                                    { sort_header(SortKey::Child) }
                                    { sort_header(SortKey::Meeting) }
                                    { sort_header(SortKey::Urgency) }
                                    <th scope="col">{ "What needs attention" }</th>
                                    <th scope="col"><span class="rs-visually-hidden">{ "Record" }</span></th>
                                </tr>
                            </thead>
                            <tbody>{ for shown.iter().map(|index| row_html(*index)) }</tbody>
                        </table>
                    </div>
                }
                if pages > 1 { { pager } }
            </section>
            <Themes themes={props.themes.clone()} id_prefix={props.id_prefix.clone()} />
        </div>
    }
}

/// Props of the themes section.
#[derive(Properties)]
struct ThemesProps {
    themes: Rc<Vec<ThemeTable>>,
    id_prefix: AttrValue,
}

impl PartialEq for ThemesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.themes, &other.themes) && self.id_prefix == other.id_prefix
    }
}

/// The themes: a component of their own so that sorting, filtering and paging the list
/// (which re-render the caseload) leave their charts and tables alone.
#[function_component(Themes)]
fn themes(props: &ThemesProps) -> Html {
    let id = |suffix: &str| format!("{}-{suffix}", props.id_prefix);
    html! {
        <section class="rs-caseload__section" aria-labelledby={id("themes-heading")}>
            <h3 class="rs-caseload__heading" id={id("themes-heading")}>{ "Partnership themes" }</h3>
            <p class="rs-caseload__hint">
                { suppression_note(props.themes.first().map_or(0, |table| table.threshold)) }
            </p>
            { for props.themes.iter().map(|table| theme(table, &id(&format!("theme-{}", table.id)))) }
        </section>
    }
}

/// One theme: heading, what it counts, a bar chart when it has one, and its table.
fn theme(table: &ThemeTable, id: &str) -> Html {
    let heading = format!("{id}-heading");
    html! {
        <section class="rs-caseload__theme" aria-labelledby={heading.clone()}>
            <h4 class="rs-caseload__theme-heading" id={heading.clone()}>{ table.title }</h4>
            <p class="rs-caseload__theme-description">{ table.description.clone() }</p>
            if let Some(chart) = table.chart {
                { bar_chart(table, chart, id) }
            }
            <div class="rs-table-scroll" tabindex="0" role="region" aria-label={format!("{} table", table.title)}>
                <table class="rs-table rs-caseload__theme-table">
                    <caption class="rs-visually-hidden">{ table.title }</caption>
                    <thead>
                        <tr>
                            { for table.columns.iter().map(|column| html! { <th scope="col">{ column.label }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for table.rows.iter().map(|cells| html! {
                            <tr>
                                { for cells.iter().enumerate().map(|(index, cell)| {
                                    let text = isolate(&cell.display(table.threshold)).into_owned();
                                    if index == 0 {
                                        html! { <th scope="row">{ text }</th> }
                                    } else {
                                        let numeric = !matches!(cell, Cell::Text(_));
                                        html! { <td class={numeric.then_some("rs-caseload__number")}>{ text }</td> }
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Height of one bar's row in the chart, in SVG units: its label above, the bar below.
const BAR_ROW: u32 = 44;
/// Width of the chart, in SVG units; the bars use [`BAR_WIDTH`] of it, the rest is for the
/// value after the longest bar.
const CHART_WIDTH: u32 = 640;
const BAR_WIDTH: f64 = 520.0;

/// A horizontal bar chart of one column. Drawn with classes only (the page's CSP refuses
/// inline styles); read by a screen reader as one image named by its title, with the table
/// beside it carrying the figures.
fn bar_chart(table: &ThemeTable, chart: Chart, id: &str) -> Html {
    let rows = &table.rows[..table.rows.len().saturating_sub(chart.skip_last_rows)];
    let value = |cells: &Vec<Cell>| -> Option<f64> {
        match cells.get(chart.column)? {
            cell @ Cell::Count { .. } => cell.shown_count().map(|count| count as f64),
            cell @ Cell::Percent { .. } => cell.shown_percent(),
            _ => None,
        }
    };
    let percent = matches!(
        rows.first().and_then(|cells| cells.get(chart.column)),
        Some(Cell::Percent { .. })
    );
    let largest = if percent {
        100.0
    } else {
        rows.iter().filter_map(value).fold(0.0, f64::max).max(1.0)
    };
    let column = table
        .columns
        .get(chart.column)
        .map_or("", |column| column.label);
    let height = BAR_ROW * rows.len().max(1) as u32;
    html! {
        <figure class="rs-caseload__figure">
            <svg class="rs-caseload__chart" role="img" aria-labelledby={format!("{id}-chart-title")}
                viewBox={format!("0 0 {CHART_WIDTH} {height}")} preserveAspectRatio="xMinYMin meet">
                <title id={format!("{id}-chart-title")}>
                    { format!("Bar chart: {} by {}. The table below gives the figures.", column, table.columns[0].label.to_ascii_lowercase()) }
                </title>
                { for rows.iter().enumerate().map(|(index, cells)| {
                    let top = BAR_ROW * index as u32;
                    let label = cells.first().map(|cell| isolate(&cell.display(table.threshold)).into_owned()).unwrap_or_default();
                    let shown = cells.get(chart.column).map(|cell| cell.display(table.threshold)).unwrap_or_default();
                    let width = value(cells).map_or(0.0, |value| (value / largest * BAR_WIDTH).max(if value > 0.0 { 2.0 } else { 0.0 }));
                    html! {
                        <g>
                            <text class="rs-caseload__chart-label" x="0" y={(top + 16).to_string()}>{ label }</text>
                            <rect class="rs-caseload__bar" x="0" y={(top + 22).to_string()}
                                width={format!("{width:.1}")} height="14" />
                            <text class="rs-caseload__chart-value" x={format!("{:.1}", width + 6.0)} y={(top + 34).to_string()}>
                                { shown }
                            </text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::hotspots::{Person, NO_OWNER};
    use crate::record::{ActionStatus, IsoDate, Status};

    fn row(id: &str, case: &str, meeting: &str, agency: &str, name: &str) -> HotSpot {
        let due: IsoDate = "2026-03-03".parse().unwrap();
        HotSpot {
            record_id: id.into(),
            case_reference: case.into(),
            child_name: String::new(),
            meeting_date: Some(meeting.parse().unwrap()),
            meeting_type: None,
            status: Status::Draft,
            band: Band::Overdue,
            urgency: String::new(),
            baby: false,
            working_days: 1,
            flags: vec![Flag::OverdueAction {
                action_id: "x1".into(),
                task: Some("Visit".into()),
                restrictions: Default::default(),
                owner: Person {
                    participant_id: Some("p1".into()),
                    name: name.into(),
                    agency: agency.into(),
                },
                due,
                status: ActionStatus::NotStarted,
                working_days_overdue: 1,
            }],
            more_flags: 0,
            band_counts: [1, 0, 0, 0],
        }
    }

    /// Three rows in urgency order.
    fn rows() -> Vec<HotSpot> {
        vec![
            row("a", "NX-2", "2026-03-02", "Police", "Pat Constable"),
            row("b", "NX-3", "2026-03-09", "Health", "Hana Visitor"),
            row("c", "NX-1", "2026-03-05", "Police", "Sam Sergeant"),
            row("d", "NX-4", "2026-03-06", "", NO_OWNER),
        ]
    }

    fn ids(rows: &[HotSpot], state: &ListState) -> Vec<String> {
        visible_rows(rows, state)
            .into_iter()
            .map(|index| rows[index].record_id.clone())
            .collect()
    }

    fn after(actions: Vec<ListAction>) -> ListState {
        let mut state = Rc::new(ListState::default());
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    #[test]
    fn sorts_by_each_column_and_turns_round_on_a_second_click() {
        let rows = rows();
        assert_eq!(ids(&rows, &ListState::default()), ["a", "b", "c", "d"]);
        assert_eq!(
            ids(&rows, &after(vec![ListAction::Sort(SortKey::Urgency)])),
            ["d", "c", "b", "a"]
        );
        assert_eq!(
            ids(&rows, &after(vec![ListAction::Sort(SortKey::Child)])),
            ["c", "a", "b", "d"]
        );
        assert_eq!(
            ids(
                &rows,
                &after(vec![
                    ListAction::Sort(SortKey::Child),
                    ListAction::Sort(SortKey::Child)
                ])
            ),
            ["d", "b", "a", "c"]
        );
        assert_eq!(
            ids(&rows, &after(vec![ListAction::Sort(SortKey::Meeting)])),
            ["b", "d", "c", "a"]
        );
    }

    #[test]
    fn filters_by_agency_and_owner_and_starts_again_at_the_first_page() {
        let rows = rows();
        let police = after(vec![
            ListAction::Page(3),
            ListAction::Agency("Police".into()),
        ]);
        assert_eq!(police.page, 0);
        assert_eq!(ids(&rows, &police), ["a", "c"]);
        let owner = after(vec![ListAction::Owner("Hana Visitor (Health)".into())]);
        assert_eq!(ids(&rows, &owner), ["b"]);
        let both = after(vec![
            ListAction::Agency("Police".into()),
            ListAction::Owner("Hana Visitor (Health)".into()),
        ]);
        assert!(ids(&rows, &both).is_empty());
        let cleared = after(vec![
            ListAction::Agency("Police".into()),
            ListAction::Agency(String::new()),
        ]);
        assert_eq!(ids(&rows, &cleared).len(), 4);
        assert_eq!(
            ids(&rows, &after(vec![ListAction::Owner(NO_OWNER.into())])),
            ["d"]
        );
        let (agencies, owners) = filter_choices(&rows);
        assert_eq!(agencies, ["Health", "Police"]);
        assert_eq!(
            owners,
            [
                "Hana Visitor (Health)",
                "No owner recorded",
                "Pat Constable (Police)",
                "Sam Sergeant (Police)"
            ]
        );
    }

    #[test]
    fn large_numbers_have_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}

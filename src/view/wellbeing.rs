//! The professionals' wellbeing debrief at the close: a document of its own, kept apart from
//! the child's record (`Session::set_wellbeing`). The form lists who attended so the chair
//! can tick who was offered a debrief and who took it up; the document keeps only their
//! agencies.

use super::context::use_widget;
use super::fields::Choice;
use super::form::{build, lens, specs, texts_of, use_item_form, Control, Field, Fields};
use crate::bidi::isolate;
use crate::record::{
    Attendance, DebriefOffer, DecisionRecord, JsonPath, Participant, Tristate, WellbeingDocument,
    WELLBEING_VERSION,
};
use std::rc::Rc;
use yew::prelude::*;

/// Props of the wellbeing debrief.
#[derive(Properties, PartialEq)]
pub struct WellbeingProps {
    pub record: Rc<DecisionRecord>,
    /// The debrief kept so far (the session's).
    pub kept: Option<Rc<WellbeingDocument>>,
}

/// What the form holds: the ids of those offered a debrief and of those who took it up,
/// each a space-separated list (the checkboxes' text).
#[derive(Clone, Debug, Default, PartialEq)]
struct DebriefDraft {
    offered: Tristate,
    offered_to: String,
    taken_up_by: String,
    notes: String,
}

/// Those who attended: the professionals a debrief is for.
fn present(record: &DecisionRecord) -> Vec<&Participant> {
    record
        .participants
        .iter()
        .filter(|person| person.attendance == Attendance::Attended)
        .collect()
}

fn debrief_fields(record: &DecisionRecord) -> Vec<Field<DebriefDraft>> {
    type F = Field<DebriefDraft>;
    let people: Vec<Choice> = present(record)
        .into_iter()
        .map(|person| {
            let label = format!("{} ({})", isolate(&person.name), isolate(&person.agency));
            Choice::new(person.id.clone(), label)
        })
        .collect();
    vec![
        F::new(
            "offered",
            "Was a debrief offered to those present?",
            Control::radios::<Tristate>(true),
            lens!(offered),
        ),
        F::new(
            "offeredTo",
            "Offered a debrief",
            Control::Checkboxes(people.clone()),
            lens!(offered_to),
        ),
        F::new(
            "takenUpBy",
            "Took it up",
            Control::Checkboxes(people),
            lens!(taken_up_by),
        ),
        F::new(
            "notes",
            "Support arranged, in general terms",
            Control::TextArea,
            lens!(notes),
        )
        .hint("Name no one: the debrief is counted by agency only."),
    ]
}

/// The document a draft stands for: one entry per professional present, by agency only,
/// in the order they attended. Someone who took a debrief up was offered one.
fn document_of(
    draft: &DebriefDraft,
    record: &DecisionRecord,
    earlier: Option<&WellbeingDocument>,
    new_id: impl FnOnce() -> String,
) -> WellbeingDocument {
    let ticked = |list: &str, id: &str| list.split_whitespace().any(|code| code == id);
    let yes_no = |yes: bool| if yes { Tristate::Yes } else { Tristate::No };
    let people = present(record)
        .into_iter()
        .map(|person| {
            let taken_up = ticked(&draft.taken_up_by, &person.id);
            DebriefOffer {
                agency: person.agency.clone(),
                offered: yes_no(taken_up || ticked(&draft.offered_to, &person.id)),
                taken_up: yes_no(taken_up),
            }
        })
        .collect();
    WellbeingDocument {
        version: WELLBEING_VERSION,
        id: earlier.map_or_else(new_id, |earlier| earlier.id.clone()),
        held_on: record.meeting.date,
        offered: draft.offered,
        people,
        notes: draft.notes.trim().to_string(),
        ..WellbeingDocument::default()
    }
}

/// The draft a kept document stands for. Its entries are matched to those present by
/// position and agency: the document names no one, so ticks are restored only while the
/// same people, in the same order, are recorded as present.
fn draft_of(document: &WellbeingDocument, record: &DecisionRecord) -> DebriefDraft {
    let people = present(record);
    let same = people.len() == document.people.len()
        && people
            .iter()
            .zip(&document.people)
            .all(|(person, entry)| person.agency == entry.agency);
    let ids = |chosen: fn(&DebriefOffer) -> bool| -> String {
        if !same {
            return String::new();
        }
        let ids: Vec<&str> = people
            .iter()
            .zip(&document.people)
            .filter(|(_, entry)| chosen(entry))
            .map(|(person, _)| person.id.as_str())
            .collect();
        ids.join(" ")
    };
    DebriefDraft {
        offered: document.offered,
        offered_to: ids(|entry| entry.offered == Tristate::Yes),
        taken_up_by: ids(|entry| entry.taken_up == Tristate::Yes),
        notes: document.notes.clone(),
    }
}

/// The wellbeing debrief's stage: the form, and what was kept.
#[function_component(Wellbeing)]
pub fn wellbeing(props: &WellbeingProps) -> Html {
    let context = use_widget();
    let fields = Rc::new(debrief_fields(&props.record));
    let field_specs = specs(&fields);
    let container = use_node_ref();
    let kept = props.kept.clone();
    let start = {
        let fields = fields.clone();
        let record = props.record.clone();
        let kept = kept.clone();
        move || {
            let draft = kept
                .as_deref()
                .map(|document| draft_of(document, &record))
                .unwrap_or_default();
            texts_of(&fields, &draft)
        }
    };
    let form = use_item_form(&start, container.clone());
    let read_only = context.session.locked();
    let onsubmit = {
        let form = form.clone();
        let fields = fields.clone();
        let context = context.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let draft = build(&fields, DebriefDraft::default(), &form.texts);
            let record = context.session.record();
            let earlier = context.session.wellbeing();
            let document = document_of(&draft, &record, earlier.as_deref(), || {
                crate::host_js::random_id()
            });
            context.session.set_wellbeing(document);
        })
    };
    let onchange = {
        let form = form.clone();
        Callback::from(move |(index, text): (usize, String)| form.set(index, text))
    };
    let download = {
        let kept = kept.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(document) = &kept {
                let text = crate::record::to_json_text(&**document).unwrap_or_default();
                // A download the browser refuses leaves the debrief as it is, kept here.
                let _ = super::exports::download(
                    &format!("wellbeing-debrief-{}.json", document.id),
                    &text,
                    "application/json",
                );
            }
        })
    };
    let mut views = form.views(&field_specs, &JsonPath::root(), &[]);
    // With nobody recorded as attending there is no one to tick.
    let nobody = present(&props.record).is_empty();
    for (view, spec) in views.iter_mut().zip(field_specs.iter()) {
        view.hidden = nobody && matches!(spec.key, "offeredTo" | "takenUpBy");
    }
    let summary = kept.as_deref().map(|document| {
        let offered = document
            .people
            .iter()
            .filter(|person| person.offered == Tristate::Yes)
            .count();
        let taken_up = document
            .people
            .iter()
            .filter(|person| person.taken_up == Tristate::Yes)
            .count();
        format!(
            "Kept apart from the child's record and handed to your system: {} present, {offered} offered a debrief, {taken_up} took it up.",
            document.people.len()
        )
    });
    html! {
        <form class="rs-item-list__form rs-wellbeing" novalidate=true {onsubmit}
            aria-label="Wellbeing debrief" ref={container}>
            <h4>{ "The professionals' debrief" }</h4>
            <p>{ "Optional, for the professionals. It is never part of the child's record, its minutes or its copies: it is handed to your system as a document of its own, which names no one and is counted by agency." }</p>
            if let Some(summary) = summary {
                <p class="rs-wellbeing__kept" role="status">{ summary }</p>
            }
            if nobody {
                <p class="rs-field__hint">{ "Mark who attended in \"Attendance and reason\" to tick who was offered a debrief and who took it up." }</p>
            }
            <Fields form="wellbeing" fields={views} participants={props.record.participants.clone()} {onchange} />
            <div class="rs-button-group">
                if !read_only {
                    <button type="submit" class="rs-button">{ "Save the debrief" }</button>
                }
                if kept.is_some() {
                    <button type="button" class="rs-button rs-button--secondary" onclick={download}>
                        { "Download the debrief (JSON)" }
                    </button>
                }
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Participant;

    fn record() -> DecisionRecord {
        let mut record = DecisionRecord::new("r".into(), "2026-03-02T10:00:00Z".parse().unwrap());
        for (id, agency, attendance) in [
            ("p1", "Children's social care", Attendance::Attended),
            ("p2", "Police", Attendance::Apologies),
            ("p3", "Health visiting", Attendance::Attended),
            ("p4", "Education", Attendance::Attended),
        ] {
            record.participants.push(Participant {
                id: id.into(),
                name: format!("Person {id}"),
                agency: agency.into(),
                attendance,
                ..Participant::default()
            });
        }
        record
    }

    #[test]
    fn the_document_names_no_one_and_counts_those_present_by_agency() {
        let record = record();
        let draft = DebriefDraft {
            offered: Tristate::Yes,
            offered_to: "p1 p3".into(),
            taken_up_by: "p3 p4".into(),
            notes: "  Supervision this week.  ".into(),
        };
        let document = document_of(&draft, &record, None, || "new".into());
        let rows: Vec<(&str, Tristate, Tristate)> = document
            .people
            .iter()
            .map(|person| (person.agency.as_str(), person.offered, person.taken_up))
            .collect();
        // The police sent apologies: not present. Taking one up means it was offered.
        assert_eq!(
            rows,
            [
                ("Children's social care", Tristate::Yes, Tristate::No),
                ("Health visiting", Tristate::Yes, Tristate::Yes),
                ("Education", Tristate::Yes, Tristate::Yes),
            ]
        );
        assert_eq!(document.notes, "Supervision this week.");
        assert_eq!(document.id, "new");
        let text = crate::record::to_json_text(&document).unwrap();
        assert!(!text.contains("Person") && !text.contains("p1") && !text.contains("\"r\""));
        // Saved again, it keeps its id, and the form starts from what was kept.
        let again = document_of(&draft, &record, Some(&document), || "other".into());
        assert_eq!(again.id, "new");
        let restored = draft_of(&document, &record);
        assert_eq!(restored.offered_to, "p1 p3 p4");
        assert_eq!(restored.taken_up_by, "p3 p4");
    }

    #[test]
    fn ticks_are_not_restored_onto_other_people() {
        let record = record();
        let draft = DebriefDraft {
            offered_to: "p1".into(),
            ..DebriefDraft::default()
        };
        let document = document_of(&draft, &record, None, || "id".into());
        let mut changed = record.clone();
        changed.participants[3].agency = "Police".into();
        assert_eq!(draft_of(&document, &changed).offered_to, "");
        assert_eq!(draft_of(&document, &record).offered_to, "p1");
    }
}

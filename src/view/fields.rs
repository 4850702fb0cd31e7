//! Labelled form fields in the pattern agency staff know from GOV.UK services: label, hint,
//! inline error, and the error wired to the control with `aria-describedby`.
//!
//! A text control holds at most as many characters as its field may (the core's
//! [`limits`](crate::meeting::limits)): its `maxlength` is set, it says its limit (a text
//! area always, a one-line input once it is nearly full), and a paste that would take it
//! over is cut to what fits, with a message at the field saying so; the rest is not taken.

use super::class_list;
use super::context::{use_value, State};
use crate::meeting::limits::grouped;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The ids of a field's hint, limit, cut message and error, joined for
/// `aria-describedby`.
fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    described_by_all(id, &[(hint, "hint"), (error, "error")])
}

fn described_by_all(id: &str, parts: &[(bool, &str)]) -> Option<AttrValue> {
    let ids: Vec<String> = parts
        .iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}

/// What a text control says about its limit, if anything: a text area always says it; a
/// one-line input once it is at least four-fifths full. Lengths are in UTF-16 units, as
/// the browser counts them for `maxlength`.
fn limit_text(value: &str, most: usize, always: bool) -> Option<String> {
    let used = value.encode_utf16().count();
    if used > most {
        return Some(format!(
            "This has {} characters; the field holds up to {}: it can be shortened, not \
             lengthened.",
            grouped(used),
            grouped(most)
        ));
    }
    let left = most - used;
    if used * 10 >= most * 9 || (!always && used * 5 >= most * 4) {
        Some(match left {
            0 => format!(
                "You have reached the limit of {} characters.",
                grouped(most)
            ),
            1 => format!("You have 1 character left of {}.", grouped(most)),
            left => format!(
                "You have {} characters left of {}.",
                grouped(left),
                grouped(most)
            ),
        })
    } else {
        always.then(|| format!("Up to {} characters.", grouped(most)))
    }
}

/// The message for a paste cut to `kept` characters in a field of `most`.
fn cut_message(kept: usize, most: usize, was_empty: bool) -> String {
    match (kept, was_empty) {
        (0, _) => format!(
            "Nothing was pasted: the field already holds {}, the most it takes.",
            grouped(most)
        ),
        (kept, true) => format!(
            "Only the first {} characters were kept: the field holds up to {}.",
            grouped(kept),
            grouped(most)
        ),
        (kept, false) => format!(
            "Only the first {} characters of what you pasted were kept: the field holds up \
             to {}.",
            grouped(kept),
            grouped(most)
        ),
    }
}

/// The byte index in `text` of the end of its first `units` UTF-16 units, never inside a
/// character (the end of `text`, past it).
fn utf16_index(text: &str, units: usize) -> usize {
    let mut counted = 0;
    for (index, character) in text.char_indices() {
        counted += character.len_utf16();
        if counted > units {
            return index;
        }
    }
    text.len()
}

/// A paste into a text control holding `value`, with `start..end` (UTF-16 units) selected,
/// that would take it over `most` UTF-16 units: the value with as much of `pasted` as fits
/// in place of the selection, where the caret goes after it (UTF-16 units), and the
/// message. `None` when the whole paste fits, for the browser to paste as usual. A
/// one-line control's paste loses its line breaks, as the browser's own paste does.
fn cut_paste(
    value: &str,
    start: usize,
    end: usize,
    pasted: &str,
    most: usize,
    one_line: bool,
) -> Option<(String, usize, String)> {
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let pasted = if one_line {
        pasted.replace('\n', "")
    } else {
        pasted
    };
    let (start, end) = (start.min(end), end.max(start));
    let start_byte = utf16_index(value, start);
    let end_byte = utf16_index(value, end).max(start_byte);
    let kept_units = value.encode_utf16().count() - (end - start).min(value.encode_utf16().count());
    let room = most.saturating_sub(kept_units);
    if pasted.encode_utf16().count() <= room {
        return None;
    }
    let cut = &pasted[..utf16_index(&pasted, room)];
    let cut_units = cut.encode_utf16().count();
    let next = format!("{}{cut}{}", &value[..start_byte], &value[end_byte..]);
    let message = cut_message(cut.chars().count(), most, value.is_empty());
    Some((next, start + cut_units, message))
}

/// The limit note and the cut message of a text control, under it.
fn limit_and_cut(id: &str, limit: &Option<String>, cut: &Option<String>) -> Html {
    html! {
        <>
            if let Some(limit) = limit {
                <div id={format!("{id}-limit")} class="rs-field__limit">{ limit.clone() }</div>
            }
            if let Some(cut) = cut {
                <p id={format!("{id}-cut")} class="rs-field__cut" role="status">{ cut.clone() }</p>
            }
        </>
    }
}

/// A cut paste's message, and the value it was shown for: it goes as soon as the value is
/// anything else (typed on, or the form cleared).
type CutState = State<Option<(String, String)>>;

/// The message of `cut` while the control still holds the value it was shown for.
fn shown_cut(cut: &CutState, value: &str) -> Option<String> {
    cut.as_ref()
        .filter(|(for_value, _)| for_value == value)
        .map(|(_, message)| message.clone())
}

fn hint_and_error(id: &str, hint: &Option<AttrValue>, error: &Option<AttrValue>) -> Html {
    html! {
        <>
            if let Some(hint) = hint {
                <div id={format!("{id}-hint")} class="rs-field__hint">{ hint.clone() }</div>
            }
            if let Some(error) = error {
                <p id={format!("{id}-error")} class="rs-field__error">
                    <span class="rs-visually-hidden">{ "Error: " }</span>{ error.clone() }
                </p>
            }
        </>
    }
}

fn field_class(error: &Option<AttrValue>) -> AttrValue {
    class_list("rs-field", &[error.is_some().then_some("rs-field--error")])
}

/// Props of a text control: a one-line text, date or time input, or with `rows` a
/// multi-line text area.
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The input's type (one line only).
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub node_ref: NodeRef,
    /// The most characters it takes (ignored for dates and times). A text area always says
    /// so; a one-line input only when the value is over it.
    #[prop_or_default]
    pub maxlength: Option<usize>,
    /// A text area of this many rows rather than a one-line input.
    #[prop_or_default]
    pub rows: Option<u32>,
    /// In a text area, Enter saves its form, as in a one-line field; Shift + Enter starts a
    /// new line.
    #[prop_or_default]
    pub enter_adds: bool,
}

/// The input or text area an event came from.
enum Editable {
    Line(HtmlInputElement),
    Area(HtmlTextAreaElement),
}

impl Editable {
    fn of(event: &Event, multi_line: bool) -> Self {
        if multi_line {
            Editable::Area(event.target_unchecked_into())
        } else {
            Editable::Line(event.target_unchecked_into())
        }
    }

    fn value(&self) -> String {
        match self {
            Editable::Line(input) => input.value(),
            Editable::Area(area) => area.value(),
        }
    }

    /// The selection's start and end, in UTF-16 code units.
    fn selection(&self) -> (Option<u32>, Option<u32>) {
        match self {
            Editable::Line(input) => (
                input.selection_start().ok().flatten(),
                input.selection_end().ok().flatten(),
            ),
            Editable::Area(area) => (
                area.selection_start().ok().flatten(),
                area.selection_end().ok().flatten(),
            ),
        }
    }

    /// Sets the value and puts the caret at `caret`.
    fn replace(&self, value: &str, caret: u32) {
        match self {
            Editable::Line(input) => {
                input.set_value(value);
                let _ = input.set_selection_range(caret, caret);
            }
            Editable::Area(area) => {
                area.set_value(value);
                let _ = area.set_selection_range(caret, caret);
            }
        }
    }
}

/// A labelled text control: a single-line input, or a multi-line text area. A paste that
/// would take it over its limit is cut to fit, with a message at the field.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let cut: CutState = use_value(None);
    let multi_line = props.rows.is_some();
    let oninput = props
        .oninput
        .reform(move |event: InputEvent| Editable::of(&event, multi_line).value());
    let id = props.id.to_string();
    let most = props
        .maxlength
        .filter(|_| multi_line || props.input_type == "text");
    let onpaste = most.map(|most| {
        let (oninput, cut) = (props.oninput.clone(), cut.clone());
        Callback::from(move |event: Event| {
            let control = Editable::of(&event, multi_line);
            let value = control.value();
            let end = value.encode_utf16().count() as u32;
            let (start, finish) = control.selection();
            let (start, finish) = (start.unwrap_or(end), finish.unwrap_or(end));
            let Some((next, caret, message)) = pasted(&event).and_then(|text| {
                cut_paste(
                    &value,
                    start as usize,
                    finish as usize,
                    &text,
                    most,
                    !multi_line,
                )
            }) else {
                return;
            };
            event.prevent_default();
            control.replace(&next, caret as u32);
            cut.set(Some((next.clone(), message)));
            oninput.emit(next);
        })
    });
    let limit = most.and_then(|most| limit_text(&props.value, most, multi_line));
    let cut_shown = shown_cut(&cut, &props.value);
    let described_by = described_by_all(
        &id,
        &[
            (props.hint.is_some(), "hint"),
            (props.error.is_some(), "error"),
            (limit.is_some(), "limit"),
            (cut_shown.is_some(), "cut"),
        ],
    );
    let invalid = props.error.is_some().then_some("true");
    let control = match props.rows {
        Some(rows) => {
            let onkeydown = props.enter_adds.then(|| Callback::from(enter_submits));
            html! {
                <textarea
                    ref={props.node_ref.clone()}
                    class="rs-field__textarea"
                    id={id.clone()}
                    name={id.clone()}
                    rows={rows.to_string()}
                    value={props.value.clone()}
                    maxlength={most.map(|most| most.to_string())}
                    aria-invalid={invalid}
                    aria-describedby={described_by}
                    {oninput}
                    {onpaste}
                    {onkeydown}
                />
            }
        }
        None => html! {
            <input
                ref={props.node_ref.clone()}
                class="rs-field__input"
                id={id.clone()}
                name={id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                maxlength={most.map(|most| most.to_string())}
                autocomplete={props.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                aria-invalid={invalid}
                aria-describedby={described_by}
                {oninput}
                {onpaste}
            />
        },
    };
    html! {
        <div class={field_class(&props.error)}>
            <label class="rs-field__label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            { control }
            { limit_and_cut(&id, &limit, &cut_shown) }
        </div>
    }
}

/// Enter without a modifier in a text area submits its form.
fn enter_submits(event: KeyboardEvent) {
    let plain = !(event.shift_key() || event.alt_key() || event.ctrl_key() || event.meta_key());
    if event.key() != "Enter" || !plain || event.is_composing() {
        return;
    }
    event.prevent_default();
    let area = event.target_unchecked_into::<HtmlTextAreaElement>();
    if let Some(form) = area.form() {
        let _ = form.request_submit();
    }
}

/// The text a paste event carries.
fn pasted(event: &Event) -> Option<String> {
    event
        .dyn_ref::<web_sys::ClipboardEvent>()?
        .clipboard_data()?
        .get_data("text")
        .ok()
}

/// One choice in a select or a radio group: the value sent and the label shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: AttrValue,
    pub label: AttrValue,
}

impl Choice {
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Self {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A drop-down list: what [`select_field`] draws.
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub choices: Vec<Choice>,
    /// The selected value; empty selects the placeholder.
    pub value: AttrValue,
    /// The first, empty option, e.g. "Select an agency".
    pub placeholder: AttrValue,
    pub onchange: Callback<String>,
    pub hint: Option<AttrValue>,
    pub error: Option<AttrValue>,
}

/// A labelled drop-down list with an empty first option.
pub fn select_field(props: SelectFieldProps) -> Html {
    let onchange = props
        .onchange
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let id = props.id.to_string();
    html! {
        <div class={field_class(&props.error)}>
            <label class="rs-field__label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            <select
                class="rs-field__select"
                id={id.clone()}
                name={id.clone()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                {onchange}
            >
                <option value="" selected={props.value.is_empty()}>{ props.placeholder.clone() }</option>
                { for props.choices.iter().map(|choice| html! {
                    <option
                        key={choice.value.to_string()}
                        value={choice.value.clone()}
                        selected={choice.value == props.value}
                    >{ choice.label.clone() }</option>
                }) }
            </select>
        </div>
    }
}

/// A group of radio buttons: what [`radio_group`] draws.
#[derive(Default)]
pub struct RadioGroupProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    pub choices: Vec<Choice>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    pub hint: Option<AttrValue>,
    pub error: Option<AttrValue>,
    /// Lay the radios out in a row (for short labels).
    pub inline: bool,
    /// A numbered scale: the row closer together, so 0 to 10 fit on one line.
    pub scale: bool,
}

/// A fieldset of radio buttons. The first radio carries the group id, so an error link
/// can focus it.
pub fn radio_group(props: RadioGroupProps) -> Html {
    let id = props.id.to_string();
    let list_class = class_list(
        "rs-radios",
        &[
            props.inline.then_some("rs-radios--inline"),
            props.scale.then_some("rs-radios--scale"),
        ],
    );
    html! {
        <div class={field_class(&props.error)}>
            <fieldset
                class="rs-fieldset"
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
            >
                <legend class="rs-fieldset__legend">{ props.legend.clone() }</legend>
                { hint_and_error(&id, &props.hint, &props.error) }
                <div class={list_class}>
                    { for props.choices.iter().enumerate().map(|(index, choice)| {
                        let radio_id = if index == 0 { id.clone() } else { format!("{id}-{index}") };
                        let value = choice.value.to_string();
                        let onchange = props.onchange.reform(move |_: Event| value.clone());
                        html! {
                            <div class="rs-radios__item" key={choice.value.to_string()}>
                                <input
                                    class="rs-radios__input"
                                    type="radio"
                                    id={radio_id.clone()}
                                    name={id.clone()}
                                    value={choice.value.clone()}
                                    checked={choice.value == props.value}
                                    {onchange}
                                />
                                <label class="rs-radios__label" for={radio_id}>{ choice.label.clone() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

/// A group of checkboxes: what [`checkbox_group`] draws.
pub struct CheckboxGroupProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    pub choices: Vec<Choice>,
    /// The values that are ticked.
    pub checked: Vec<String>,
    /// The ticked values after a change, in the order of `choices`.
    pub onchange: Callback<Vec<String>>,
    pub hint: Option<AttrValue>,
    pub error: Option<AttrValue>,
}

/// A fieldset of checkboxes. The first carries the group id, so an error link can focus it.
pub fn checkbox_group(props: CheckboxGroupProps) -> Html {
    let id = props.id.to_string();
    html! {
        <div class={field_class(&props.error)}>
            <fieldset
                class="rs-fieldset"
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
            >
                <legend class="rs-fieldset__legend">{ props.legend.clone() }</legend>
                { hint_and_error(&id, &props.hint, &props.error) }
                <div class="rs-checkboxes">
                    { for props.choices.iter().enumerate().map(|(index, choice)| {
                        let box_id = if index == 0 { id.clone() } else { format!("{id}-{index}") };
                        let value = choice.value.to_string();
                        let ticked = props.checked.contains(&value);
                        let onchange = {
                            let choices = props.choices.clone();
                            let checked = props.checked.clone();
                            props.onchange.reform(move |_: Event| {
                                choices
                                    .iter()
                                    .map(|choice| choice.value.to_string())
                                    .filter(|other| {
                                        if *other == value { !ticked } else { checked.contains(other) }
                                    })
                                    .collect()
                            })
                        };
                        html! {
                            <div class="rs-checkboxes__item" key={choice.value.to_string()}>
                                <input
                                    class="rs-checkboxes__input"
                                    type="checkbox"
                                    id={box_id.clone()}
                                    name={id.clone()}
                                    value={choice.value.clone()}
                                    checked={ticked}
                                    {onchange}
                                />
                                <label class="rs-checkboxes__label" for={box_id}>{ choice.label.clone() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_that_fits_is_left_to_the_browser() {
        assert_eq!(cut_paste("abc", 3, 3, "de", 5, false), None);
        assert_eq!(cut_paste("abc", 0, 3, "vwxyz", 5, false), None);
    }

    #[test]
    fn a_paste_too_long_is_cut_to_what_fits_in_place_of_the_selection() {
        let (next, caret, message) =
            cut_paste("", 0, 0, &"x".repeat(150_000), 10_000, false).unwrap();
        assert_eq!(next.len(), 10_000);
        assert_eq!(caret, 10_000);
        assert_eq!(
            message,
            "Only the first 10,000 characters were kept: the field holds up to 10,000."
        );
        let (next, caret, message) = cut_paste("ab|cd", 2, 3, "123456", 8, false).unwrap();
        assert_eq!((next.as_str(), caret), ("ab1234cd", 6));
        assert!(
            message.starts_with("Only the first 4 characters of what you pasted"),
            "{message}"
        );
        // Never half a character: an emoji is two UTF-16 units.
        let (next, _, _) = cut_paste("", 0, 0, "😀😀😀", 5, false).unwrap();
        assert_eq!(next, "😀😀");
        // A one-line input loses the line breaks, as the browser's own paste does.
        let (next, _, _) = cut_paste("", 0, 0, "a\r\nb\nc\rd-and-more", 4, true).unwrap();
        assert_eq!(next, "abcd");
        let (next, _, message) = cut_paste("full", 4, 4, "more", 4, true).unwrap();
        assert_eq!(next, "full");
        assert!(message.starts_with("Nothing was pasted"), "{message}");
    }

    #[test]
    fn the_limit_is_said_always_for_text_areas_and_near_it_for_one_line() {
        assert_eq!(
            limit_text("", 10_000, true).as_deref(),
            Some("Up to 10,000 characters.")
        );
        assert_eq!(limit_text("", 300, false), None);
        assert_eq!(
            limit_text(&"x".repeat(240), 300, false).as_deref(),
            Some("You have 60 characters left of 300.")
        );
        assert_eq!(
            limit_text(&"x".repeat(9_999), 10_000, true).as_deref(),
            Some("You have 1 character left of 10,000.")
        );
        assert_eq!(
            limit_text(&"x".repeat(10_000), 10_000, true).as_deref(),
            Some("You have reached the limit of 10,000 characters.")
        );
        assert!(limit_text(&"x".repeat(10_001), 10_000, true)
            .unwrap()
            .starts_with("This has 10,001 characters"));
    }
}

//! Labelled form fields in the pattern agency staff know from GOV.UK services: label, hint,
//! inline error, and the error wired to the control with `aria-describedby`.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The ids of a field's hint and error, joined for `aria-describedby`.
fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
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

fn field_class(error: &Option<AttrValue>) -> Classes {
    classes!("rs-field", error.is_some().then_some("rs-field--error"))
}

/// Props of a one-line text, date or time input.
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
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// A labelled single-line input.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let oninput = props
        .oninput
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    let id = props.id.to_string();
    html! {
        <div class={field_class(&props.error)}>
            <label class="rs-field__label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            <input
                ref={props.node_ref.clone()}
                class="rs-field__input"
                id={id.clone()}
                name={id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                autocomplete={props.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                {oninput}
            />
        </div>
    }
}

/// Props of a multi-line text area.
#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or(4)]
    pub rows: u32,
}

/// A labelled multi-line text area.
#[function_component(TextArea)]
pub fn text_area(props: &TextAreaProps) -> Html {
    let oninput = props
        .oninput
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlTextAreaElement>().value());
    let id = props.id.to_string();
    html! {
        <div class={field_class(&props.error)}>
            <label class="rs-field__label" for={id.clone()}>{ props.label.clone() }</label>
            { hint_and_error(&id, &props.hint, &props.error) }
            <textarea
                class="rs-field__textarea"
                id={id.clone()}
                name={id.clone()}
                rows={props.rows.to_string()}
                value={props.value.clone()}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), props.error.is_some())}
                {oninput}
            />
        </div>
    }
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

/// Props of a drop-down list.
#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub choices: Vec<Choice>,
    /// The selected value; empty selects the placeholder.
    pub value: AttrValue,
    /// The first, empty option, e.g. "Select an agency".
    pub placeholder: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// A labelled drop-down list with an empty first option.
#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
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

/// Props of a group of radio buttons.
#[derive(Properties, PartialEq)]
pub struct RadioGroupProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    pub choices: Vec<Choice>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Lay the radios out in a row (for short labels).
    #[prop_or_default]
    pub inline: bool,
}

/// A fieldset of radio buttons. The first radio carries the group id, so an error link
/// can focus it.
#[function_component(RadioGroup)]
pub fn radio_group(props: &RadioGroupProps) -> Html {
    let id = props.id.to_string();
    let list_class = classes!("rs-radios", props.inline.then_some("rs-radios--inline"));
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

/// Props of a group of checkboxes.
#[derive(Properties, PartialEq)]
pub struct CheckboxGroupProps {
    pub id: AttrValue,
    pub legend: AttrValue,
    pub choices: Vec<Choice>,
    /// The values that are ticked.
    pub checked: Vec<String>,
    /// The ticked values after a change, in the order of `choices`.
    pub onchange: Callback<Vec<String>>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

/// A fieldset of checkboxes. The first carries the group id, so an error link can focus it.
#[function_component(CheckboxGroup)]
pub fn checkbox_group(props: &CheckboxGroupProps) -> Html {
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

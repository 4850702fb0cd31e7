//! What each list and section of the record looks like as a form: its fields over the
//! record's own types, and the columns a list's table shows.

use super::form::{
    build, lens, new_texts, specs, texts_of, Control, Field, FieldSpec, FieldValue, Lens,
};
use super::item_list::Listed;
use super::quick::QuickKeys;
use crate::meeting::Command;
use crate::record::*;
use std::rc::Rc;

/// A list of the record as a stage shows it, over its items' own type.
pub struct ListSpec<T> {
    pub kind: ItemKind,
    /// Names the form in element ids (`risk`, `worries`).
    pub form: &'static str,
    pub heading: &'static str,
    pub intro: Option<&'static str>,
    pub add_label: &'static str,
    pub fields: Vec<Field<T>>,
    /// The fields an item typed in one line fills, in order ([`super::quick`]); `None` for
    /// a list added only through its form.
    pub quick: Option<QuickKeys>,
    /// The keys of the fields shown as table columns; the first is the row header. The
    /// minutes list an item's other fields beside them.
    pub columns: Vec<&'static str>,
}

/// One item of a list as a form and a table show it.
pub struct Row {
    pub id: String,
    /// Each field's text, in the order of the form.
    pub texts: Vec<String>,
    pub restrictions: Restrictions,
}

/// A list's form whatever the type of its items: what the list stage and the minutes need.
/// Each list's type is behind this once, so the components that draw lists are compiled
/// once rather than once per type.
pub trait ListForm {
    fn kind(&self) -> ItemKind;
    fn form(&self) -> &'static str;
    fn heading(&self) -> &'static str;
    fn intro(&self) -> Option<&'static str>;
    fn add_label(&self) -> &'static str;
    /// The fields its one-line entry fills, when it has one.
    fn quick(&self) -> Option<QuickKeys>;
    fn columns(&self) -> &[&'static str];
    fn fields(&self) -> &[FieldSpec];
    /// How many items the record's list holds.
    fn len(&self, record: &DecisionRecord) -> usize;
    /// The item at `index`.
    fn row(&self, record: &DecisionRecord, index: usize) -> Option<Row>;
    /// What the form shows for a new item in `record` (with what [`super::defaults::opening`]
    /// offers).
    fn new_texts(&self, record: &DecisionRecord) -> Vec<String>;
    /// Each field's text on a blank item (the type's default): what a field holds when
    /// nothing was entered in it.
    fn blank_texts(&self) -> Vec<String>;
    /// The command that saves the form: adds a new item, or changes the item `editing`.
    fn command(&self, record: &DecisionRecord, texts: &[String], editing: Option<&str>) -> Command;
    /// True when two records hold the same list.
    fn same_items(&self, one: &DecisionRecord, other: &DecisionRecord) -> bool;

    /// Fills in what follows from the field at `changed` (see [`super::defaults`]); `before`
    /// is the form's texts before the change.
    fn follow(
        &self,
        changed: usize,
        before: &[String],
        texts: &mut [String],
        record: &DecisionRecord,
        config: &crate::meeting::Config,
    ) {
        super::defaults::at_field(self.fields(), changed, texts, |key, form| {
            super::defaults::follow(self.kind(), key, before, form, record, config)
        });
    }

    /// The columns' headings: each column's field label.
    fn column_labels(&self) -> Vec<&'static str> {
        self.columns()
            .iter()
            .map(|key| {
                self.fields()
                    .iter()
                    .find(|field| field.key == *key)
                    .map(|field| field.label)
                    .unwrap_or(key)
            })
            .collect()
    }
}

/// A [`ListSpec`] behind [`ListForm`].
struct TypedList<T> {
    spec: ListSpec<T>,
    fields: Vec<FieldSpec>,
}

impl<T: Listed> ListForm for TypedList<T> {
    fn kind(&self) -> ItemKind {
        self.spec.kind
    }
    fn form(&self) -> &'static str {
        self.spec.form
    }
    fn heading(&self) -> &'static str {
        self.spec.heading
    }
    fn intro(&self) -> Option<&'static str> {
        self.spec.intro
    }
    fn add_label(&self) -> &'static str {
        self.spec.add_label
    }
    fn quick(&self) -> Option<QuickKeys> {
        self.spec.quick
    }
    fn columns(&self) -> &[&'static str] {
        &self.spec.columns
    }
    fn fields(&self) -> &[FieldSpec] {
        &self.fields
    }
    fn len(&self, record: &DecisionRecord) -> usize {
        T::list(record, self.spec.kind).len()
    }
    fn row(&self, record: &DecisionRecord, index: usize) -> Option<Row> {
        let item = T::list(record, self.spec.kind).get(index)?;
        Some(Row {
            id: item.id().to_string(),
            texts: texts_of(&self.spec.fields, item),
            restrictions: item.restrictions(),
        })
    }
    fn new_texts(&self, record: &DecisionRecord) -> Vec<String> {
        let mut texts = new_texts(&self.spec.fields);
        let mut form = super::defaults::FormTexts::new(&self.fields, &mut texts);
        super::defaults::opening(self.spec.kind, &mut form, record);
        texts
    }
    fn blank_texts(&self) -> Vec<String> {
        texts_of(&self.spec.fields, &T::default())
    }
    fn command(&self, record: &DecisionRecord, texts: &[String], editing: Option<&str>) -> Command {
        let kind = self.spec.kind;
        let existing = editing.and_then(|id| {
            T::list(record, kind)
                .iter()
                .find(|item| item.id() == id)
                .cloned()
        });
        let mut item = build(&self.spec.fields, existing.unwrap_or_default(), texts);
        match editing {
            Some(id) => {
                item.set_id(id.to_string());
                Command::Edit(item.into_item(kind))
            }
            None => {
                item.set_id(String::new());
                Command::Add(item.into_item(kind))
            }
        }
    }
    fn same_items(&self, one: &DecisionRecord, other: &DecisionRecord) -> bool {
        T::list(one, self.spec.kind) == T::list(other, self.spec.kind)
    }
}

impl<T: Listed> ListSpec<T> {
    /// The list's form, its type put behind [`ListForm`].
    pub fn erased(self) -> Rc<dyn ListForm> {
        let fields = specs(&self.fields);
        Rc::new(TypedList { spec: self, fields })
    }
}

/// The form of the list of `kind`: the one map from the record's lists to their forms.
pub fn list_form(kind: ItemKind) -> Rc<dyn ListForm> {
    match kind {
        ItemKind::Participant => participants().erased(),
        ItemKind::Subject => subjects().erased(),
        ItemKind::Information => information().erased(),
        ItemKind::Tool => tools().erased(),
        ItemKind::Gap => gaps().erased(),
        ItemKind::Statement(column) => statements(column).erased(),
        ItemKind::Decision => decisions().erased(),
        ItemKind::Risk => risks().erased(),
        ItemKind::Action => actions().erased(),
        ItemKind::Contingency => contingencies().erased(),
        ItemKind::Dissent => dissent().erased(),
        ItemKind::FamilyCommunication => family().erased(),
        ItemKind::Recipient => distribution().erased(),
    }
}

/// A whole-section form: one object of the record rather than a list.
pub struct SectionSpec<T> {
    pub form: &'static str,
    pub heading: &'static str,
    pub intro: Option<&'static str>,
    pub fields: Vec<Field<T>>,
    /// The record's keys from its root to the section.
    pub keys: &'static [&'static str],
    /// The section's current value; `None` for a section the record does not hold yet
    /// (its form shows a new item's texts).
    pub read: fn(&DecisionRecord) -> Option<T>,
    /// The command that stores an edited value.
    pub command: fn(T) -> Command,
    /// True once anything that counts has been entered.
    pub started: fn(&DecisionRecord) -> bool,
    /// True when the section holds text under restrictions: hidden on a shared screen until
    /// revealed.
    pub restricted: fn(&DecisionRecord) -> bool,
    /// Fills in what follows from a change to the field with this key.
    pub follow: super::defaults::SectionFollow,
}

/// A section with no text yet and no label takes the form's default (no restriction), so
/// that what is typed into it is labelled as the form shows; one that holds text without a
/// label keeps it, read as not for the family.
fn labelled_when_empty(restrictions: &mut Option<Restrictions>, empty: bool) {
    if empty && restrictions.is_none() {
        *restrictions = Some(Restrictions::none());
    }
}

/// A section's form whatever its type, compiled once like [`ListForm`].
pub trait Section {
    fn form(&self) -> &'static str;
    fn heading(&self) -> &'static str;
    fn intro(&self) -> Option<&'static str>;
    fn fields(&self) -> &[FieldSpec];
    /// The section's path in the record.
    fn path(&self) -> JsonPath;
    /// What the form shows for the record's section.
    fn texts(&self, record: &DecisionRecord) -> Vec<String>;
    /// The command that stores the section with these texts.
    fn command(&self, record: &DecisionRecord, texts: &[String]) -> Command;
    /// True once anything that counts has been entered.
    fn started(&self, record: &DecisionRecord) -> bool;
    /// True when the section holds text under restrictions.
    fn restricted(&self, record: &DecisionRecord) -> bool;
    /// Fills in what follows from the field at `changed` (see [`super::defaults`]); `before`
    /// is the form's texts before the change.
    fn follow(
        &self,
        changed: usize,
        before: &[String],
        texts: &mut [String],
        record: &DecisionRecord,
        config: &crate::meeting::Config,
    );
}

/// A [`SectionSpec`] behind [`Section`].
struct TypedSection<T> {
    spec: SectionSpec<T>,
    fields: Vec<FieldSpec>,
}

impl<T: Default + 'static> Section for TypedSection<T> {
    fn form(&self) -> &'static str {
        self.spec.form
    }
    fn heading(&self) -> &'static str {
        self.spec.heading
    }
    fn intro(&self) -> Option<&'static str> {
        self.spec.intro
    }
    fn fields(&self) -> &[FieldSpec] {
        &self.fields
    }
    fn path(&self) -> JsonPath {
        JsonPath::keys(self.spec.keys)
    }
    fn texts(&self, record: &DecisionRecord) -> Vec<String> {
        match (self.spec.read)(record) {
            Some(value) => texts_of(&self.spec.fields, &value),
            None => new_texts(&self.spec.fields),
        }
    }
    fn command(&self, record: &DecisionRecord, texts: &[String]) -> Command {
        let base = (self.spec.read)(record).unwrap_or_default();
        (self.spec.command)(build(&self.spec.fields, base, texts))
    }
    fn started(&self, record: &DecisionRecord) -> bool {
        (self.spec.started)(record)
    }
    fn restricted(&self, record: &DecisionRecord) -> bool {
        (self.spec.restricted)(record)
    }
    fn follow(
        &self,
        changed: usize,
        before: &[String],
        texts: &mut [String],
        record: &DecisionRecord,
        config: &crate::meeting::Config,
    ) {
        super::defaults::at_field(&self.fields, changed, texts, |key, form| {
            (self.spec.follow)(key, before, form, record, config)
        });
    }
}

impl<T: Default + 'static> SectionSpec<T> {
    /// The section's form, its type put behind [`Section`].
    pub fn erased(self) -> Rc<dyn Section> {
        let fields = specs(&self.fields);
        Rc::new(TypedSection { spec: self, fields })
    }
}

/// Who may receive the item: the section's default ticked in a new item's form, for the
/// chair to change.
pub fn restrictions<T: 'static>(lens: Lens<T>, default: &[Restriction]) -> Field<T> {
    Field::new(
        "restrictions",
        "Restrictions on sharing",
        Control::Restrictions,
        lens,
    )
    .hint("Tick each that applies. With none ticked it goes to every professional who receives the record; the family sees only what you approve for their copy. Restricted items are hidden on the shared screen.")
    .initially(Some(Restrictions::of(default)))
}

pub fn subjects() -> ListSpec<Subject> {
    type F = Field<Subject>;
    /// The adult's history, created when any part of it is first given.
    macro_rules! history {
        ($member:ident) => {
            Lens {
                read: |subject: &Subject| {
                    subject
                        .history
                        .clone()
                        .unwrap_or_default()
                        .$member
                        .to_text()
                },
                write: |subject: &mut Subject, text| {
                    if let Some(value) = FieldValue::from_text(text) {
                        subject.history.get_or_insert_with(Default::default).$member = value
                    }
                },
            }
        };
    }
    ListSpec {
        kind: ItemKind::Subject,
        form: "subject",
        heading: "The child and the people in their life",
        intro: Some("One record per child. Include fathers and male carers, and adults who do not live with the child."),
        add_label: "Add person",
        fields: vec![
            F::new("role", "Relationship to the child", Control::choice::<SubjectRole>(), lens!(role))
                .must_choose("Select relationship to the child"),
            F::new("name", "Name", Control::Text, lens!(name)).hint("Write \"Not known\" if nobody knows."),
            F::new("caseReference", "Case reference", Control::Text, lens!(case_reference)),
            F::new("dateOfBirth", "Date of birth", Control::Date, lens!(date_of_birth)),
            F::new("unborn", "Unborn?", Control::YesNo, lens!(unborn)),
            F::new("expectedDate", "Expected date of delivery", Control::Date, lens!(expected_date)),
            F::new("mobility", "Mobility", Control::choice::<Mobility>(), lens!(mobility))
                .hint("Not independently mobile: a baby not yet crawling, cruising or walking, or a child whose disability means they cannot move about on their own. Any bruise is a red flag."),
            F::new("livesWithChild", "Lives with the child?", Control::choice::<Tristate>(), lens!(lives_with_child)),
            F::new("parentalResponsibility", "Parental responsibility?", Control::choice::<Tristate>(), lens!(parental_responsibility)),
            F::new("seen", "Men: seen by a professional for this enquiry?", Control::choice::<Tristate>(), lens!(seen))
                .hint("For a father, or a man who lives with or looks after the child."),
            F::new("checks", "Men: checks made", Control::checkboxes::<BackgroundCheck>(), lens!(checks)),
            F::new("caresAlone", "Men: looks after the child alone at times?", Control::choice::<Tristate>(), lens!(cares_alone)),
            F::new("ownRecord", "Another child: their own record", Control::Text, lens!(own_record))
                .hint("The case reference of their own strategy discussion or of the decision made about them."),
            F::new("ownDecision", "Another child: what this meeting decided for them", Control::TextArea, lens!(own_decision))
                .hint("When they have no record of their own."),
            F::new("toBeExamined", "Another child: to be examined by a paediatrician?", Control::choice::<Tristate>(), lens!(to_be_examined)),
            F::new("interpreter", "Needs an interpreter?", Control::choice::<Tristate>(), lens!(interpreter)),
            F::new("language", "Language", Control::Text, lens!(language))
                .hint("Their first or preferred language; for an interpreter, the language needed."),
            F::new("disability", "Disability or additional needs", Control::TextArea, lens!(disability))
                .hint("And what it means for how to see and talk with them."),
            F::new("cultureAndFaith", "Culture, ethnicity and faith", Control::TextArea, lens!(culture_and_faith))
                .hint("As they describe them."),
            F::new("needs", "Other needs", Control::TextArea, lens!(needs)),
            F::new("history.childhoodAdversity", "Adults: adversity in their own childhood?", Control::choice::<Tristate>(), history!(childhood_adversity))
                .hint("Context for help, never a score."),
            F::new("history.careExperienced", "Adults: care-experienced?", Control::choice::<Tristate>(), history!(care_experienced)),
            F::new("history.currentSupport", "Adults: support they have now", Control::TextArea, history!(current_support)),
            F::new("history.notes", "Adults: anything else to hold in mind", Control::TextArea, history!(notes)),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: None,
        columns: vec!["name", "role", "dateOfBirth", "mobility", "livesWithChild"],
    }
}

pub fn information() -> ListSpec<InformationItem> {
    type F = Field<InformationItem>;
    ListSpec {
        kind: ItemKind::Information,
        form: "information",
        heading: "What each agency knows",
        intro: Some("Say whether each item is fact, opinion or hearsay, the lawful basis for sharing it, and how far it may travel."),
        add_label: "Add information",
        fields: vec![
            F::new("sharedBy", "Shared by", Control::Owner, lens!(shared_by))
                .hint("Their agency, and who owns what they share, follow; change either if need be."),
            F::new("sourceAgency", "Source agency", Control::Agency, lens!(source_agency)),
            F::new("content", "What was shared", Control::TextArea, lens!(content)),
            F::new("kind", "Fact, opinion or hearsay", Control::radios::<InformationKind>(true), lens!(kind))
                .must_choose("Select fact, opinion or hearsay"),
            F::new("date", "Date of the event or record", Control::Date, lens!(date)),
            F::new("basis", "Lawful basis for sharing", Control::choice::<SharingBasis>(), lens!(basis))
                .hint("Consent is rarely the basis in safeguarding; missing consent does not stop sharing.")
                .initially(SharingBasis::StatutoryDuty)
                .must_choose("Select lawful basis for sharing"),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: Some(&["sharedBy", "content", "kind", "restrictions"]),
        columns: vec!["content", "sourceAgency", "kind", "basis", "restrictions"],
    }
}

pub fn tools() -> ListSpec<ToolInput> {
    type F = Field<ToolInput>;
    ListSpec {
        kind: ItemKind::Tool,
        form: "tool",
        heading: "Tools used as inputs",
        intro: Some("For example a DASH checklist or the bruising protocol. Tools inform judgement; they never decide."),
        add_label: "Add tool",
        fields: vec![
            F::new("name", "Tool", Control::Text, lens!(name)),
            F::new("result", "Result or clinician's judgement", Control::TextArea, lens!(result)),
            F::new("completedBy", "Completed by", Control::Text, lens!(completed_by)),
            F::new("date", "Date", Control::Date, lens!(date)),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: Some(&["name", "result", "completedBy"]),
        columns: vec!["name", "result", "completedBy"],
    }
}

pub fn gaps() -> ListSpec<InformationGap> {
    type F = Field<InformationGap>;
    ListSpec {
        kind: ItemKind::Gap,
        form: "gap",
        heading: "What we do not know",
        intro: Some("Unknown is not the same as no. Say who will find out, and by when."),
        add_label: "Add gap",
        fields: vec![
            F::new(
                "unknown",
                "What is not known",
                Control::TextArea,
                lens!(unknown),
            ),
            F::new(
                "ownerId",
                "Who will find out",
                Control::Owner,
                lens!(owner_id),
            ),
            F::new("due", "By when", Control::Date, lens!(due)),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: Some(&["unknown", "ownerId", "due"]),
        columns: vec!["unknown", "ownerId", "due"],
    }
}

pub fn statements(column: AssessmentColumn) -> ListSpec<Statement> {
    type F = Field<Statement>;
    ListSpec {
        kind: ItemKind::Statement(column),
        form: match column {
            AssessmentColumn::Worries => "worries",
            AssessmentColumn::WorkingWell => "working-well",
            AssessmentColumn::NeedsToHappen => "needs-to-happen",
            AssessmentColumn::DangerStatements => "danger",
            AssessmentColumn::SafetyGoals => "goals",
        },
        heading: column.label(),
        intro: None,
        add_label: "Add statement",
        fields: vec![
            F::new("text", "Statement", Control::TextArea, lens!(text))
                .hint("Enter adds it; Shift + Enter starts a new line.")
                .enter_adds(),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: None,
        columns: vec!["text", "restrictions"],
    }
}

pub fn decisions() -> ListSpec<Decision> {
    type F = Field<Decision>;
    ListSpec {
        kind: ItemKind::Decision,
        form: "decision",
        heading: "Decisions",
        intro: Some("Each decision is owned in law by one agency and made by a named person: it is not a vote. Others advise, and may record dissent."),
        add_label: "Add decision",
        fields: vec![
            F::new("decisionType", "Type of decision", Control::choice::<DecisionType>(), lens!(decision_type)),
            F::new("owningAgency", "Agency that owns it in law", Control::Agency, lens!(owning_agency)),
            F::new("decisionMakerId", "Decision-maker", Control::Owner, lens!(decision_maker_id)),
            F::new("rationale", "Rationale", Control::TextArea, lens!(rationale))
                .hint("Why, including why it is proportionate."),
            F::new("optionsConsidered", "Options considered", Control::TextArea, lens!(options_considered)),
            F::new("evidence", "Evidence relied on", Control::TextArea, lens!(evidence)),
            F::new("outcomeCode", "Outcome code (Standard Safeguarding Dataset)", Control::choice::<S47Outcome>(), lens!(outcome_code))
                .hint("Kept from an earlier record: the enquiry's outcome is known only after the meeting.")
                .earlier_only(),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: None,
        columns: vec!["decisionType", "owningAgency", "decisionMakerId", "rationale"],
    }
}

pub fn risks() -> ListSpec<Risk> {
    type F = Field<Risk>;
    ListSpec {
        kind: ItemKind::Risk,
        form: "risk",
        heading: "Risks and their owners",
        intro: Some(
            "Every risk has a named owner who is accountable for it, and a review date or trigger.",
        ),
        add_label: "Add risk",
        fields: vec![
            F::new("description", "Risk", Control::TextArea, lens!(description)),
            F::new("ownerId", "Owner", Control::Owner, lens!(owner_id)),
            F::new(
                "accountableFor",
                "What the owner is accountable for",
                Control::TextArea,
                lens!(accountable_for),
            ),
            F::new(
                "reviewDate",
                "Review date",
                Control::Date,
                lens!(review_date),
            ),
            F::new(
                "reviewTrigger",
                "Review trigger",
                Control::Text,
                lens!(review_trigger),
            )
            .hint("What would bring the review forward."),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: Some(&["description", "ownerId", "accountableFor", "reviewDate"]),
        columns: vec!["description", "ownerId", "reviewDate", "restrictions"],
    }
}

pub fn actions() -> ListSpec<Action> {
    type F = Field<Action>;
    ListSpec {
        kind: ItemKind::Action,
        form: "action",
        heading: "Actions",
        intro: Some("One owner and a due date for each action."),
        add_label: "Add action",
        fields: vec![
            F::new("task", "Action", Control::TextArea, lens!(task)),
            F::new("ownerId", "Owner", Control::Owner, lens!(owner_id)),
            F::new("due", "Due date", Control::Date, lens!(due)),
            F::new(
                "status",
                "Status",
                Control::choice::<ActionStatus>(),
                lens!(status),
            ),
            F::new("outcome", "Outcome", Control::TextArea, lens!(outcome)),
            F::new(
                "notDoneReason",
                "If not done, why",
                Control::choice::<NotDoneReason>(),
                lens!(not_done_reason),
            ),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: Some(&["task", "ownerId", "due"]),
        columns: vec!["task", "ownerId", "due", "status"],
    }
}

pub fn contingencies() -> ListSpec<Contingency> {
    type F = Field<Contingency>;
    ListSpec {
        kind: ItemKind::Contingency,
        form: "contingency",
        heading: "Contingency plans",
        intro: Some("If this happens, then that: with the person who acts on it."),
        add_label: "Add contingency",
        fields: vec![
            F::new("ifThis", "If", Control::TextArea, lens!(if_this)),
            F::new("thenThat", "Then", Control::TextArea, lens!(then_that)),
            F::new("ownerId", "Who acts", Control::Owner, lens!(owner_id)),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: Some(&["ifThis", "thenThat", "ownerId"]),
        columns: vec!["ifThis", "thenThat", "ownerId"],
    }
}

pub fn dissent() -> ListSpec<Dissent> {
    type F = Field<Dissent>;
    ListSpec {
        kind: ItemKind::Dissent,
        form: "dissent",
        heading: "Dissent",
        intro: Some(
            "Record the view in the person's own words, the chair's response, and any escalation.",
        ),
        add_label: "Add dissent",
        fields: vec![
            F::new(
                "participantId",
                "Who disagrees",
                Control::Owner,
                lens!(participant_id),
            ),
            F::new(
                "view",
                "Their view, verbatim",
                Control::TextArea,
                lens!(view),
            ),
            F::new(
                "chairResponse",
                "The chair's response",
                Control::TextArea,
                lens!(chair_response),
            ),
            F::new(
                "escalation",
                "Escalation",
                Control::choice::<EscalationStage>(),
                lens!(escalation),
            ),
            F::new(
                "escalatedOn",
                "Date escalated",
                Control::Date,
                lens!(escalated_on),
            ),
            F::new(
                "resolution",
                "Resolution",
                Control::TextArea,
                lens!(resolution),
            ),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: None,
        columns: vec!["participantId", "view", "chairResponse", "escalation"],
    }
}

pub fn family() -> ListSpec<FamilyCommunication> {
    type F = Field<FamilyCommunication>;
    ListSpec {
        kind: ItemKind::FamilyCommunication,
        form: "family",
        heading: "What the family will be told",
        intro: Some("What, by whom and when; anything withheld, and why."),
        add_label: "Add communication",
        fields: vec![
            F::new("toWhom", "Who in the family", Control::Text, lens!(to_whom)),
            F::new(
                "what",
                "What they will be told",
                Control::TextArea,
                lens!(what),
            ),
            F::new("byId", "Told by", Control::Owner, lens!(by_id)),
            F::new("when", "When", Control::Date, lens!(when)),
            F::new(
                "withheld",
                "Anything withheld for now",
                Control::TextArea,
                lens!(withheld),
            ),
            F::new(
                "withheldReason",
                "Why it is withheld",
                Control::TextArea,
                lens!(withheld_reason),
            ),
            restrictions(lens!(restrictions), &[]),
        ],
        quick: None,
        columns: vec!["what", "toWhom", "byId", "when"],
    }
}

pub fn distribution() -> ListSpec<Recipient> {
    type F = Field<Recipient>;
    ListSpec {
        kind: ItemKind::Recipient,
        form: "recipient",
        heading: "Distribution",
        intro: Some("Who receives the record. Each receives their own copy: the family only what the meeting agreed to tell them."),
        add_label: "Add recipient",
        fields: vec![
            F::new("name", "Name", Control::Text, lens!(name)),
            F::new("agency", "Agency", Control::Agency, lens!(agency)),
            F::new("sentOn", "Sent on", Control::Date, lens!(sent_on)),
            F::new("kind", "Receives", Control::choice::<RecipientKind>(), lens!(kind)),
            F::new("cleared", "Also cleared to receive", Control::Restrictions, Lens {
                read: |recipient: &Recipient| Some(recipient.cleared.clone()).to_text(),
                write: |recipient: &mut Recipient, text| {
                    if let Some(value) = Option::<Restrictions>::from_text(text) {
                        recipient.cleared = value.unwrap_or_default()
                    }
                },
            })
            .hint("Police sensitive items go to the police, health confidential items to health and legally privileged items to children's social care. Tick what the owner of such items has agreed this recipient may also receive.")
            .initially(Some(Restrictions::none())),
        ],
        quick: None,
        columns: vec!["name", "agency", "sentOn", "kind"],
    }
}

/// Participants, as their stage's form edits them.
pub fn participants() -> ListSpec<Participant> {
    type F = Field<Participant>;
    let fields = vec![
        F::new("name", "Full name", Control::Text, lens!(name)),
        F::new("role", "Role", Control::Text, lens!(role))
            .hint("For example, social worker, detective sergeant, health visitor."),
        F::new("agency", "Agency", Control::Agency, lens!(agency)),
        F::new(
            "attendance",
            "Attendance",
            Control::radios::<Attendance>(true),
            lens!(attendance),
        ),
        F::new(
            "decisionAuthority",
            "Can they make decisions for their agency?",
            Control::radios::<Tristate>(true),
            lens!(decision_authority),
        )
        .named("authority"),
    ];
    ListSpec {
        kind: ItemKind::Participant,
        form: "participant",
        heading: "Participants",
        intro: None,
        add_label: "Add participant",
        fields,
        quick: None,
        columns: vec!["name", "role", "agency", "attendance", "decisionAuthority"],
    }
}

/// The meeting details, as their stage's form edits them.
pub fn meeting() -> SectionSpec<Meeting> {
    type F = Field<Meeting>;
    SectionSpec {
        form: "meeting",
        heading: "Meeting details",
        intro: None,
        fields: vec![
            F::new("chairId", "Chair", Control::Chair, lens!(chair_id)).named("chair"),
            F::new("meetingType", "Type of meeting", Control::radios::<MeetingType>(false), lens!(meeting_type))
                .named("type"),
            F::new("mode", "How was it held?", Control::radios::<MeetingMode>(false), lens!(mode))
                .hint("A phone or video discussion is recorded just as formally."),
            F::new("date", "Date of meeting", Control::Date, lens!(date)),
            F::new("startTime", "Start time", Control::Time, lens!(start_time)).named("time"),
            F::new("concernRaisedOn", "The day the concern arose", Control::Date, lens!(concern_raised_on))
                .hint("The referral, or the event itself: the strategy discussion's and the assessment's timescales run from it."),
            F::new("reason", "Reason for the meeting", Control::TextArea, lens!(reason))
                .hint("The concern that gives reasonable cause to suspect the child is suffering, or likely to suffer, significant harm."),
            restrictions::<Meeting>(lens!(restrictions), &[]).named("reason-restrictions"),
        ],
        keys: &["meeting"],
        read: |record| {
            let mut meeting = record.meeting.clone();
            labelled_when_empty(&mut meeting.restrictions, meeting.reason.is_empty());
            Some(meeting)
        },
        restricted: |record| {
            !record.meeting.reason.is_empty() && record.meeting.is_restricted()
        },
        command: Command::EditMeeting,
        follow: super::defaults::nothing_follows,
        started: |record| {
            let meeting = &record.meeting;
            meeting.meeting_type.is_some()
                || meeting.mode.is_some()
                || meeting.date.is_some()
                || !meeting.reason.is_empty()
                || meeting.chair_id.is_some()
        },
    }
}

pub fn threshold() -> SectionSpec<Threshold> {
    type F = Field<Threshold>;
    SectionSpec {
        form: "threshold",
        heading: "The threshold decision",
        intro: Some(
            "Children's social care decides, for the local authority, whether there is \
             reasonable cause to suspect that the child is suffering, or is likely to suffer, \
             significant harm (Children Act 1989, section 47). Others advise, and may dissent.",
        ),
        fields: vec![
            F::new(
                "answer",
                "Is there reasonable cause to suspect significant harm?",
                Control::radios::<ThresholdAnswer>(false),
                lens!(answer),
            ),
            F::new(
                "harmCategories",
                "Categories of harm suspected",
                Control::checkboxes::<HarmCategory>(),
                lens!(harm_categories),
            )
            .hint("For a yes: every category that applies."),
            F::new(
                "route",
                "What follows",
                Control::radios::<ThresholdRoute>(false),
                lens!(route),
            )
            .hint(
                "A yes: section 47 enquiries. A no: section 17, early help or no further action.",
            ),
            F::new("reasoning", "Why", Control::TextArea, lens!(reasoning))
                .hint("What the meeting knows that makes the answer what it is."),
            F::new(
                "decidedById",
                "Decided by (children's social care)",
                Control::Owner,
                lens!(decided_by_id),
            ),
            F::new(
                "reconveneBy",
                "Not yet: the meeting reconvenes by",
                Control::Date,
                lens!(reconvene_by),
            ),
            restrictions(lens!(restrictions), &[]),
        ],
        keys: &["threshold"],
        read: |record| {
            let mut threshold = record.threshold.clone().unwrap_or_default();
            labelled_when_empty(&mut threshold.restrictions, threshold.reasoning.is_empty());
            Some(threshold)
        },
        restricted: |record| {
            record.threshold.as_ref().is_some_and(|threshold| {
                !threshold.reasoning.is_empty() && threshold.is_restricted()
            })
        },
        command: Command::EditThreshold,
        follow: super::defaults::threshold_follows,
        started: |record| {
            record.threshold.as_ref().is_some_and(|threshold| {
                threshold.answer.is_some() || !threshold.reasoning.is_empty()
            })
        },
    }
}

pub fn lawful_basis() -> SectionSpec<LawfulBasis> {
    type F = Field<LawfulBasis>;
    SectionSpec {
        form: "lawful-basis",
        heading: "How the law allows this sharing",
        intro: Some(
            "As the law structures it: the statutory duty, the UK GDPR basis, the condition \
             for health and other special category data, and the police's own regime. Sharing \
             to safeguard a child does not wait for consent.",
        ),
        fields: vec![
            F::new(
                "duties",
                "Statutory duty or power",
                Control::checkboxes::<StatutoryDuty>(),
                lens!(duties),
            ),
            F::new(
                "article6",
                "UK GDPR Article 6 basis",
                Control::radios::<Article6Basis>(false),
                lens!(article6),
            ),
            F::new(
                "specialCategory",
                "Condition for health and other special category data",
                Control::radios::<SpecialCategoryCondition>(false),
                lens!(special_category),
            ),
            F::new(
                "policePart3",
                "Did the police share under Part 3 of the Data Protection Act 2018?",
                Control::radios::<Tristate>(true),
                lens!(police_part3),
            )
            .hint("Law enforcement processing."),
            F::new(
                "familyTold",
                "Has the family been told that information about them is shared?",
                Control::radios::<Tristate>(true),
                lens!(family_told),
            ),
            F::new(
                "notToldReason",
                "If not, why not, and when they will be",
                Control::TextArea,
                lens!(not_told_reason),
            )
            .hint("For example: it would put the child at risk, or prejudice a criminal investigation."),
            F::new("notes", "Notes", Control::TextArea, lens!(notes))
                .hint("Another power relied on, or an agreement between the agencies."),
            restrictions(lens!(restrictions), &[]),
        ],
        keys: &["lawfulBasis"],
        read: |record| {
            let mut basis = record.lawful_basis.clone().unwrap_or_default();
            let empty = !basis.is_recorded();
            labelled_when_empty(&mut basis.restrictions, empty);
            Some(basis)
        },
        restricted: |record| {
            record.lawful_basis.as_ref().is_some_and(|basis| {
                !(basis.not_told_reason.trim().is_empty() && basis.notes.trim().is_empty())
                    && basis.is_restricted()
            })
        },
        command: Command::EditLawfulBasis,
        follow: super::defaults::nothing_follows,
        started: |record| record.lawful_basis.as_ref().is_some_and(LawfulBasis::is_recorded),
    }
}

pub fn injury() -> SectionSpec<Injury> {
    type F = Field<Injury>;
    SectionSpec {
        form: "injury",
        heading: "The injury",
        intro: Some(
            "What a rapid review asks first: what was seen, the explanation and whether it fits \
             the child's development, who saw it and when, and the protocol followed.",
        ),
        fields: vec![
            F::new("description", "What was seen", Control::TextArea, lens!(description))
                .hint("Where on the body, the pattern and the size of each injury."),
            F::new("explanation", "Explanation given", Control::TextArea, lens!(explanation))
                .hint("What was said, and by whom; or that no explanation was given."),
            F::new(
                "explanationFits",
                "Does the explanation fit the child's age and development?",
                Control::radios::<Tristate>(true),
                lens!(explanation_fits),
            ),
            F::new("seenBy", "First seen by", Control::Text, lens!(seen_by)),
            F::new("seenOn", "First seen by a professional on", Control::Date, lens!(seen_on)),
            F::new("protocol", "Protocol followed, with its version", Control::Text, lens!(protocol))
                .hint("For example the partnership's bruising protocol for children who are not independently mobile."),
            restrictions(lens!(restrictions), &[]),
        ],
        keys: &["injury"],
        read: |record| {
            let mut injury = record.injury.clone().unwrap_or_default();
            let empty = !injury.is_recorded();
            labelled_when_empty(&mut injury.restrictions, empty);
            Some(injury)
        },
        restricted: |record| {
            record
                .injury
                .as_ref()
                .is_some_and(|injury| injury.is_recorded() && injury.is_restricted())
        },
        command: Command::EditInjury,
        follow: super::defaults::nothing_follows,
        started: |record| record.injury.as_ref().is_some_and(Injury::is_recorded),
    }
}

pub fn medical() -> SectionSpec<Medical> {
    type F = Field<Medical>;
    SectionSpec {
        form: "medical",
        heading: "The child protection medical",
        intro: Some(
            "Requested by children's social care or the police, carried out by a \
             paediatrician, with the consent of a person with parental responsibility or a \
             court order. For a child who is not independently mobile, the same day.",
        ),
        fields: vec![
            F::new(
                "requestedById",
                "Requested by",
                Control::Owner,
                lens!(requested_by_id),
            ),
            F::new(
                "paediatrician",
                "Paediatrician",
                Control::Text,
                lens!(paediatrician),
            )
            .hint("Name and hospital."),
            F::new(
                "authority",
                "The medical relies on",
                Control::radios::<MedicalAuthority>(false),
                lens!(authority),
            ),
            F::new(
                "consentFrom",
                "Who consented, or the order relied on",
                Control::Text,
                lens!(consent_from),
            )
            .hint("Consent comes from a person with parental responsibility."),
            F::new("date", "Day of the medical", Control::Date, lens!(date)),
            F::new("time", "Time", Control::Time, lens!(time)),
            F::new(
                "investigations",
                "Investigations planned",
                Control::checkboxes::<Investigation>(),
                lens!(investigations),
            ),
            restrictions(lens!(restrictions), &[]),
        ],
        keys: &["medical"],
        read: |record| {
            let mut medical = record.medical.clone().unwrap_or_default();
            let empty = !medical.is_planned();
            labelled_when_empty(&mut medical.restrictions, empty);
            Some(medical)
        },
        restricted: |record| {
            record
                .medical
                .as_ref()
                .is_some_and(|medical| medical.is_planned() && medical.is_restricted())
        },
        command: Command::EditMedical,
        follow: super::defaults::nothing_follows,
        started: |record| record.medical.as_ref().is_some_and(Medical::is_planned),
    }
}

pub fn practice_context() -> SectionSpec<PracticeContext> {
    type F = Field<PracticeContext>;
    SectionSpec {
        form: "practice",
        heading: "Practice context",
        intro: Some("Changes of worker or team, vacancies or restructures that touched this case."),
        fields: vec![
            F::new(
                "recentWorkerChange",
                "Did the allocated worker or team change in recent months?",
                Control::choice::<Tristate>(),
                lens!(recent_worker_change),
            ),
            F::new("details", "Details", Control::TextArea, lens!(details)),
            restrictions(lens!(restrictions), &[]),
        ],
        keys: &["practiceContext"],
        read: |record| {
            let mut practice = record.practice_context.clone();
            labelled_when_empty(&mut practice.restrictions, practice.details.is_empty());
            Some(practice)
        },
        restricted: |record| {
            !record.practice_context.details.is_empty() && record.practice_context.is_restricted()
        },
        command: Command::EditPracticeContext,
        follow: super::defaults::nothing_follows,
        started: |record| !record.practice_context.details.is_empty(),
    }
}

pub fn child_voice() -> SectionSpec<ChildVoice> {
    type F = Field<ChildVoice>;
    SectionSpec {
        form: "voice",
        heading: "The child's voice",
        intro: Some("The child's own words; for a baby, what their day is like as observed."),
        fields: vec![
            F::new(
                "howCaptured",
                "How it was captured",
                Control::Text,
                lens!(how_captured),
            ),
            F::new(
                "words",
                "The child's own words",
                Control::TextArea,
                lens!(words),
            ),
            F::new(
                "observedExperience",
                "Observed lived experience",
                Control::TextArea,
                lens!(observed_experience),
            )
            .hint("For a baby or pre-verbal child; for an unborn child, what the parents and professionals observe."),
            F::new(
                "capturedBy",
                "Captured by",
                Control::Owner,
                lens!(captured_by),
            ),
            restrictions(lens!(restrictions), &[]),
        ],
        keys: &["childVoice"],
        read: |record| {
            let mut voice = record.child_voice.clone();
            let empty = voice.how_captured.is_empty()
                && voice.words.is_empty()
                && voice.observed_experience.is_empty();
            labelled_when_empty(&mut voice.restrictions, empty);
            Some(voice)
        },
        restricted: |record| {
            let voice = &record.child_voice;
            let written = !(voice.how_captured.is_empty()
                && voice.words.is_empty()
                && voice.observed_experience.is_empty());
            written && voice.is_restricted()
        },
        command: Command::EditChildVoice,
        follow: super::defaults::nothing_follows,
        started: |record| {
            let voice = &record.child_voice;
            !voice.words.is_empty()
                || !voice.observed_experience.is_empty()
                || !voice.how_captured.is_empty()
        },
    }
}

pub fn timescales() -> SectionSpec<Timescales> {
    type F = Field<Timescales>;
    SectionSpec {
        form: "timescales",
        heading: "Timescales",
        intro: None,
        fields: vec![
            F::new(
                "s47StartedOn",
                "Date section 47 enquiries started, if not at this meeting",
                Control::Date,
                lens!(s47_started_on),
            ),
            F::new(
                "assessmentDue",
                "Assessment due",
                Control::Date,
                lens!(assessment_due),
            ),
            F::new(
                "nextReview",
                "Next review",
                Control::Date,
                lens!(next_review),
            ),
        ],
        keys: &["timescales"],
        read: |record| Some(record.timescales.clone()),
        command: Command::EditTimescales,
        follow: super::defaults::nothing_follows,
        started: |record| {
            record.timescales.assessment_due.is_some() || record.timescales.next_review.is_some()
        },
        restricted: |_| false,
    }
}

//! The record's sections beyond the meeting and its participants: the child and household,
//! what was shared and what is unknown, the assessment, decisions, risks, actions,
//! dissent, family communication, timescales, distribution, integrity and history.
//!
//! Every list item has an `id` that is stable within the record (`s1`, `i3`, `r2`, …):
//! owners and other references use participant ids, never names.

use super::types::{ClockTime, IsoDate, Timestamp, Tristate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares a wire enumeration with its plain-English labels, in form order.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$variant_meta:meta])* $variant:ident => $label:literal, )+ }
        $(default = $default:ident)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
        #[serde(rename_all = "camelCase")]
        pub enum $name { $( $(#[$variant_meta])* $variant, )+ }

        crate::read_by_name!($name => $name::ALL);

        impl $name {
            /// Every value, in the order a form lists them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The plain-English label.
            pub fn label(self) -> &'static str {
                match self { $( $name::$variant => $label, )+ }
            }
        }

        $(impl Default for $name {
            fn default() -> Self { $name::$default }
        })?
    };
}

labelled_enum! {
    /// How a person in the record relates to the child.
    pub enum SubjectRole {
        /// The child this record is about (exactly one per record).
        Child => "The child",
        /// The child's mother.
        Mother => "Mother",
        /// The child's father, resident or not.
        Father => "Father",
        /// A man who cares for the child or lives in the household (stepfather, partner).
        MaleCarer => "Male carer or partner",
        /// A woman who cares for the child other than the mother.
        FemaleCarer => "Female carer",
        /// A brother or sister (they get linked records of their own, never merged).
        Sibling => "Sibling",
        /// Anyone else in the household.
        HouseholdMember => "Other household member",
        /// Anyone else significant to the child.
        Other => "Other significant person",
    }
    default = Child
}

labelled_enum! {
    /// Whether the child can move about on their own: any bruise on a child who is not
    /// independently mobile is a red flag, so this is recorded, with unknown kept distinct.
    pub enum Mobility {
        /// Not independently mobile: a baby not yet crawling, cruising or walking, or a child
        /// whose disability means they cannot move about on their own (the wire name
        /// `preMobile` is kept from version 1).
        PreMobile => "Not independently mobile",
        /// Crawling, cruising or walking.
        Mobile => "Mobile",
        /// Not known.
        Unknown => "Not known",
    }
    default = Unknown
}

/// What is known of an adult's own history, as context for help, never as a score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CarerHistory {
    /// Adverse experiences in their own childhood.
    #[serde(default)]
    pub childhood_adversity: Tristate,
    /// Whether they were a looked-after child (care-experienced).
    #[serde(default)]
    pub care_experienced: Tristate,
    /// The support they have now (family, friends, services).
    #[serde(default)]
    pub current_support: String,
    /// Anything else the group should hold in mind.
    #[serde(default)]
    pub notes: String,
}

crate::read_members!(CarerHistory {
    childhood_adversity,
    care_experienced,
    current_support,
    notes
});

/// The child or a member of the child's world.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subject {
    /// Stable id within the record (`s1`, …).
    #[serde(default)]
    pub id: String,
    /// How they relate to the child.
    pub role: SubjectRole,
    /// Their name, or a pseudonym where the host stores names elsewhere.
    pub name: String,
    /// The host system's case reference (for the child, used in exported file names).
    #[serde(default)]
    pub case_reference: String,
    /// Date of birth, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<IsoDate>,
    /// True for an unborn child; then `expectedDate` is the due date.
    #[serde(default)]
    pub unborn: bool,
    /// Expected date of delivery for an unborn child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_date: Option<IsoDate>,
    /// For the child: whether they are independently mobile, by age or disability.
    #[serde(default)]
    pub mobility: Mobility,
    /// Whether they live in the child's household.
    #[serde(default)]
    pub lives_with_child: Tristate,
    /// Whether they hold parental responsibility.
    #[serde(default)]
    pub parental_responsibility: Tristate,
    /// Other needs, in words (before version 3, every need: language, interpreter,
    /// ethnicity and disability).
    #[serde(default)]
    pub needs: String,
    /// Whether they need an interpreter (version 3).
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub interpreter: Tristate,
    /// Their first or preferred language, and for an interpreter the language needed
    /// (version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub language: String,
    /// Any disability or additional need, and what it means for how to work with them
    /// (version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub disability: String,
    /// Culture, ethnicity, religion and faith, as they describe them (version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub culture_and_faith: String,
    /// For adults: their own history, as context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<CarerHistory>,
    /// For a father or a man in the household or caring for the child: whether a
    /// professional has seen him for this enquiry (version 3).
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub seen: Tristate,
    /// For a father or male carer: the checks made on him (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<BackgroundCheck>,
    /// For a father or male carer: whether he looks after the child alone at times
    /// (version 3).
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub cares_alone: Tristate,
    /// For another child: the case reference or id of their own record, where their own
    /// strategy discussion or decision is (version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub own_record: String,
    /// For another child: what this meeting decided for them, when their own record is not
    /// linked (version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub own_decision: String,
    /// For another child: whether a paediatrician is to examine them too (version 3).
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub to_be_examined: Tristate,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Subject {
    id,
    role: required,
    name: required,
    case_reference,
    date_of_birth,
    unborn,
    expected_date,
    mobility,
    lives_with_child,
    parental_responsibility,
    needs,
    interpreter,
    language,
    disability,
    culture_and_faith,
    history,
    seen,
    checks,
    cares_alone,
    own_record,
    own_decision,
    to_be_examined,
    restrictions
});

impl Subject {
    /// A father, or a man who lives with or looks after the child: whom a version 3 record
    /// asks whether he was seen and which checks were made.
    pub fn is_man_around_the_child(&self) -> bool {
        matches!(self.role, SubjectRole::Father | SubjectRole::MaleCarer)
            && (self.lives_with_child != Tristate::No || self.cares_alone == Tristate::Yes)
    }

    /// A parent or carer: a mother, a father, or a male or female carer, whose own history
    /// the record asks about.
    pub fn is_parent_or_carer(&self) -> bool {
        matches!(
            self.role,
            SubjectRole::Mother
                | SubjectRole::Father
                | SubjectRole::MaleCarer
                | SubjectRole::FemaleCarer
        )
    }

    /// Another child in the household with neither a record of their own linked nor a
    /// decision about them in this one.
    pub fn lacks_own_record(&self) -> bool {
        self.role == SubjectRole::Sibling
            && self.own_record.trim().is_empty()
            && self.own_decision.trim().is_empty()
    }
}

labelled_enum! {
    /// A check made on an adult around the child.
    pub enum BackgroundCheck {
        /// Police: national and local records.
        Police => "Police records",
        /// Children's social care records, here and in other local authorities.
        LocalAuthority => "Children's social care records",
        /// Health records (GP, health visiting, hospital).
        Health => "Health records",
        /// Probation.
        Probation => "Probation",
        /// The areas he has lived in before.
        OtherAreas => "Other areas he has lived in",
    }
}

/// Organisational change around the case, so that flux is visible.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PracticeContext {
    /// Whether the allocated worker or team changed in recent months.
    #[serde(default)]
    pub recent_worker_change: Tristate,
    /// Vacancies, restructures or changes of worker that touched the case.
    #[serde(default)]
    pub details: String,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(PracticeContext {
    recent_worker_change,
    details,
    restrictions
});

labelled_enum! {
    /// What kind of knowledge an information item is.
    pub enum InformationKind {
        /// Seen, measured or documented.
        Fact => "Fact",
        /// A professional's judgement.
        Opinion => "Professional opinion",
        /// Reported by someone else, not verified.
        Hearsay => "Reported by others (hearsay)",
    }
    default = Fact
}

labelled_enum! {
    /// The lawful basis for sharing. Consent is rarely the basis in safeguarding, and
    /// missing consent never blocks the record.
    pub enum SharingBasis {
        /// Children Act 1989 duties (section 47 enquiries, section 17).
        StatutoryDuty => "Statutory safeguarding duty (Children Act 1989)",
        /// UK GDPR Article 6(1)(e): a task in the public interest.
        PublicTask => "Public task (UK GDPR 6(1)(e))",
        /// UK GDPR Article 6(1)(c): a legal obligation.
        LegalObligation => "Legal obligation (UK GDPR 6(1)(c))",
        /// UK GDPR Article 6(1)(d): to protect someone's life.
        VitalInterests => "Vital interests (UK GDPR 6(1)(d))",
        /// The person agreed.
        Consent => "Consent",
        /// Another basis, stated in the item.
        Other => "Other (stated)",
    }
    default = StatutoryDuty
}

labelled_enum! {
    /// The statutory duty or power the meeting's sharing rests on (the "gateway").
    pub enum StatutoryDuty {
        /// Enquiries into whether a child is suffering, or likely to suffer, significant harm.
        Section47 => "Children Act 1989, section 47 (enquiries)",
        /// Services for a child in need.
        Section17 => "Children Act 1989, section 17 (a child in need)",
        /// Every agency's duty to safeguard and promote children's welfare.
        Section11 => "Children Act 2004, section 11 (the duty to safeguard)",
        /// Another power, stated in the notes.
        Other => "Another power (say which in the notes)",
    }
}

labelled_enum! {
    /// The UK GDPR Article 6 basis for processing personal data.
    pub enum Article6Basis {
        /// A task in the public interest or in official authority.
        PublicTask => "Public task (Article 6(1)(e))",
        /// A legal obligation.
        LegalObligation => "Legal obligation (Article 6(1)(c))",
        /// To protect someone's life.
        VitalInterests => "Vital interests (Article 6(1)(d))",
        /// The person agreed: rarely the basis in safeguarding.
        Consent => "Consent (Article 6(1)(a))",
    }
}

labelled_enum! {
    /// The UK GDPR Article 9 condition, with its Data Protection Act 2018 Schedule 1
    /// condition, for special category data (health above all).
    pub enum SpecialCategoryCondition {
        /// Safeguarding of children and of individuals at risk.
        SafeguardingChildren => "Safeguarding of children (Article 9(2)(g); DPA 2018 Schedule 1, paragraph 18)",
        /// Health or social care.
        HealthOrSocialCare => "Health or social care (Article 9(2)(h); DPA 2018 Schedule 1, paragraph 2)",
        /// Statutory and government purposes.
        StatutoryPurposes => "Statutory purposes (Article 9(2)(g); DPA 2018 Schedule 1, paragraph 6)",
        /// No special category data was shared.
        NotShared => "No special category data was shared",
    }
}

/// The lawful basis for the meeting's sharing as the law structures it (version 3): the
/// statutory duty, the UK GDPR Article 6 basis, the Article 9 and Schedule 1 condition for
/// special category data, the police's processing under Part 3 of the Data Protection Act
/// 2018, and whether the family has been told that information is shared and, if not, why.
/// Each information item keeps its own basis beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LawfulBasis {
    /// The statutory duties or powers relied on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<StatutoryDuty>,
    /// The Article 6 basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article6: Option<Article6Basis>,
    /// The Article 9 condition for special category data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_category: Option<SpecialCategoryCondition>,
    /// Whether the police shared under Part 3 of the Data Protection Act 2018 (law
    /// enforcement processing).
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub police_part3: Tristate,
    /// Whether the family has been told that information about them is being shared.
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub family_told: Tristate,
    /// Why the family has not been told (it would put the child at risk, or prejudice a
    /// criminal investigation), or when they will be.
    #[serde(default)]
    pub not_told_reason: String,
    /// Anything else: the other power relied on, an agreement between agencies.
    #[serde(default)]
    pub notes: String,
    /// Who may receive it; absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(LawfulBasis {
    duties,
    article6,
    special_category,
    police_part3,
    family_told,
    not_told_reason,
    notes,
    restrictions
});

impl LawfulBasis {
    /// True once anything of it is recorded.
    pub fn is_recorded(&self) -> bool {
        let bare = LawfulBasis {
            restrictions: None,
            ..self.clone()
        };
        bare != LawfulBasis::default()
    }
}

labelled_enum! {
    /// Version 1's single label of how far an item may travel, read only in records written
    /// in version 1 (version 2 writes [`Restrictions`]); see
    /// [`Restrictions::from_sensitivity`] for what each value stands for.
    pub enum Sensitivity {
        /// May be shared with everyone who receives the record, the family included.
        Shareable => "Can be shared with the family",
        /// Professionals only.
        NotForFamily => "Not to be shared with the family",
        /// Police intelligence: police decide any further sharing.
        PoliceSensitive => "Police sensitive",
        /// Confidential health information.
        HealthConfidential => "Health confidential",
    }
    default = Shareable
}

impl Sensitivity {
    /// True for everything but `shareable`: masked on a shared screen, left out of the
    /// family's copy.
    pub fn is_restricted(self) -> bool {
        self != Sensitivity::Shareable
    }
}

labelled_enum! {
    /// One restriction on how far an item may travel. An item carries a set of them; a
    /// recipient receives the item only if every one of them allows that recipient. Each
    /// has an owner who decides who else may see it: restrictions are not a ladder.
    pub enum Restriction {
        /// Police intelligence or material of a criminal investigation: it goes to the
        /// police and to whom the police agree (telling a suspect could prejudice the
        /// investigation).
        PoliceSensitive => "Police sensitive",
        /// Confidential health information: it goes to health and to whom health agree.
        HealthConfidential => "Health confidential",
        /// Information about or from a third party (a neighbour, a relative, another
        /// agency's client): professionals only.
        ThirdParty => "Third-party information",
        /// Legal advice to the local authority: it goes to children's social care and to
        /// whom they agree.
        LegallyPrivileged => "Legally privileged",
        /// What the child said, in their own words: professionals only.
        ChildDisclosure => "The child's own disclosure",
        /// Professionals only: never in the family's copy.
        NotForFamily => "Not to be shared with the family",
    }
}

/// The restrictions on one item: a set, each at most once, kept in the order
/// [`Restriction::ALL`] lists them. Empty means the item may go to every professional who
/// receives the record; nothing goes to the family unless the chair approves it for the
/// family's copy. On the wire an item without `restrictions` is not for the family: a
/// missing label is never read as shareable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Restrictions(Vec<Restriction>);

impl Restrictions {
    /// No restriction.
    pub fn none() -> Self {
        Restrictions(Vec::new())
    }

    /// The set of these restrictions.
    pub fn of(restrictions: &[Restriction]) -> Self {
        Restrictions(
            Restriction::ALL
                .iter()
                .copied()
                .filter(|restriction| restrictions.contains(restriction))
                .collect(),
        )
    }

    /// What an item without a label is: not for the family.
    pub fn unlabelled() -> Self {
        Restrictions::of(&[Restriction::NotForFamily])
    }

    pub fn contains(&self, restriction: Restriction) -> bool {
        self.0.contains(&restriction)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each restriction, in order.
    pub fn iter(&self) -> impl Iterator<Item = Restriction> + '_ {
        self.0.iter().copied()
    }

    /// The set with `restriction` added or taken away.
    pub fn with(&self, restriction: Restriction, present: bool) -> Self {
        let mut list = self.0.clone();
        list.retain(|existing| *existing != restriction);
        if present {
            list.push(restriction);
        }
        Restrictions::of(&list)
    }

    /// The restrictions in words ("Police sensitive; not for the family"), or "None".
    pub fn words(&self) -> String {
        if self.0.is_empty() {
            return "No restriction".to_string();
        }
        let words: Vec<&str> = self.iter().map(Restriction::label).collect();
        words.join("; ")
    }

    /// The restrictions a version 1 record's `sensitivity` label stands for.
    pub fn from_sensitivity(sensitivity: Option<Sensitivity>) -> Self {
        match sensitivity {
            Some(Sensitivity::Shareable) => Restrictions::none(),
            Some(Sensitivity::NotForFamily) | None => Restrictions::unlabelled(),
            Some(Sensitivity::PoliceSensitive) => Restrictions::of(&[Restriction::PoliceSensitive]),
            Some(Sensitivity::HealthConfidential) => {
                Restrictions::of(&[Restriction::HealthConfidential])
            }
        }
    }
}

impl Serialize for Restrictions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Read as a list in which no restriction appears twice, in any order.
impl<'de> Deserialize<'de> for Restrictions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<Restriction>::deserialize(deserializer)?;
        for (index, restriction) in list.iter().enumerate() {
            if list[..index].contains(restriction) {
                return Err(serde::de::Error::custom(format!(
                    "{:?} is listed twice",
                    restriction.label()
                )));
            }
        }
        Ok(Restrictions::of(&list))
    }
}

impl JsonSchema for Restrictions {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Restrictions".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = <Vec<Restriction>>::json_schema(generator);
        schema.insert("uniqueItems".into(), true.into());
        schema
    }
}

/// One piece of information an agency shared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InformationItem {
    /// Stable id within the record (`i1`, …).
    #[serde(default)]
    pub id: String,
    /// The agency it comes from.
    pub source_agency: String,
    /// The participant who shared it, if present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_by: Option<String>,
    /// What was shared.
    pub content: String,
    /// Fact, opinion or hearsay.
    pub kind: InformationKind,
    /// When the thing it describes happened or was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// The lawful basis for sharing it.
    pub basis: SharingBasis,
    /// Version 1's label, in records written in version 1 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(InformationItem {
    id,
    source_agency: required,
    shared_by,
    content: required,
    kind: required,
    date,
    basis: required,
    sensitivity,
    restrictions
});

/// Something the group does not know and needs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InformationGap {
    /// Stable id within the record (`g1`, …).
    #[serde(default)]
    pub id: String,
    /// What is unknown.
    pub unknown: String,
    /// The participant who will find out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(InformationGap {
    id,
    unknown: required,
    owner_id,
    due,
    restrictions
});

/// The child's voice: their words, or for a baby their observed lived experience.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChildVoice {
    /// How it was captured (seen alone, play, observation, a trusted adult's account).
    #[serde(default)]
    pub how_captured: String,
    /// The child's own words, verbatim.
    #[serde(default)]
    pub words: String,
    /// For a pre-verbal child: what their day is like, as observed.
    #[serde(default)]
    pub observed_experience: String,
    /// The participant who captured it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_by: Option<String>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(ChildVoice {
    how_captured,
    words,
    observed_experience,
    captured_by,
    restrictions
});

/// One statement in the assessment (a worry, a strength, a danger statement, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Statement {
    /// Stable id within the record (`a1`, …).
    #[serde(default)]
    pub id: String,
    /// The statement, in plain words the family could understand.
    pub text: String,
    /// Version 1's label, in records written in version 1 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Statement {
    id,
    text: required,
    sensitivity,
    restrictions
});

labelled_enum! {
    /// The columns of the assessment, in the generic three-column language plus danger
    /// statements and safety goals.
    pub enum AssessmentColumn {
        /// What the group is worried about.
        Worries => "What are we worried about?",
        /// What is working well.
        WorkingWell => "What's working well?",
        /// What needs to happen.
        NeedsToHappen => "What needs to happen?",
        /// Danger statements: what harm, by whom, if nothing changes.
        DangerStatements => "Danger statements",
        /// Safety goals: what safe enough looks like.
        SafetyGoals => "Safety goals",
    }
}

/// The group's shared assessment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    /// What are we worried about?
    #[serde(default)]
    pub worries: Vec<Statement>,
    /// What's working well?
    #[serde(default)]
    pub working_well: Vec<Statement>,
    /// What needs to happen?
    #[serde(default)]
    pub needs_to_happen: Vec<Statement>,
    /// Danger statements.
    #[serde(default)]
    pub danger_statements: Vec<Statement>,
    /// Safety goals.
    #[serde(default)]
    pub safety_goals: Vec<Statement>,
    /// The group's discussion of any difference between the safety scales.
    #[serde(default)]
    pub scale_discussion: String,
    /// Who may receive the discussion (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_discussion_restrictions: Option<Restrictions>,
}

crate::read_members!(Assessment {
    worries,
    working_well,
    needs_to_happen,
    danger_statements,
    safety_goals,
    scale_discussion,
    scale_discussion_restrictions
});

impl Assessment {
    /// The statements in one column.
    pub fn column(&self, column: AssessmentColumn) -> &Vec<Statement> {
        match column {
            AssessmentColumn::Worries => &self.worries,
            AssessmentColumn::WorkingWell => &self.working_well,
            AssessmentColumn::NeedsToHappen => &self.needs_to_happen,
            AssessmentColumn::DangerStatements => &self.danger_statements,
            AssessmentColumn::SafetyGoals => &self.safety_goals,
        }
    }

    /// The statements in one column, to change.
    pub fn column_mut(&mut self, column: AssessmentColumn) -> &mut Vec<Statement> {
        match column {
            AssessmentColumn::Worries => &mut self.worries,
            AssessmentColumn::WorkingWell => &mut self.working_well,
            AssessmentColumn::NeedsToHappen => &mut self.needs_to_happen,
            AssessmentColumn::DangerStatements => &mut self.danger_statements,
            AssessmentColumn::SafetyGoals => &mut self.safety_goals,
        }
    }
}

impl std::ops::Index<AssessmentColumn> for Assessment {
    type Output = Vec<Statement>;

    fn index(&self, column: AssessmentColumn) -> &Vec<Statement> {
        self.column(column)
    }
}

impl std::ops::IndexMut<AssessmentColumn> for Assessment {
    fn index_mut(&mut self, column: AssessmentColumn) -> &mut Vec<Statement> {
        self.column_mut(column)
    }
}

/// One participant's own view of the child's safety. The spread is the information:
/// scales are shown side by side, never averaged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SafetyScale {
    /// The participant giving the view.
    pub participant_id: String,
    /// 0 = the child cannot live at home; 10 = safe enough to close.
    #[schemars(range(min = 0, max = 10))]
    pub score: u8,
    /// Why they chose that number.
    #[serde(default)]
    pub reason: String,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(SafetyScale {
    participant_id: required,
    score: required,
    reason,
    restrictions
});

/// A structured tool whose result informed the group's judgement (never decided it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ToolInput {
    /// Stable id within the record (`t1`, …).
    #[serde(default)]
    pub id: String,
    /// The tool, e.g. "DASH risk checklist", "Bruising protocol".
    pub name: String,
    /// Its result or the clinician's judgement, in words.
    pub result: String,
    /// Who completed it (name and agency).
    #[serde(default)]
    pub completed_by: String,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(ToolInput {
    id,
    name: required,
    result: required,
    completed_by,
    date,
    restrictions
});

labelled_enum! {
    /// The kinds of decision a strategy discussion makes. Hosts may restrict the list.
    pub enum DecisionType {
        /// Section 47 enquiries by children's social care alone.
        S47SingleAgency => "Section 47 enquiry (single agency)",
        /// Joint section 47 enquiries with the police.
        S47Joint => "Section 47 enquiry (joint with police)",
        /// A criminal investigation (owned by the police).
        CriminalInvestigation => "Criminal investigation",
        /// Child in need services under section 17.
        S17 => "Section 17 child in need",
        /// An initial child protection conference.
        Icpc => "Initial child protection conference",
        /// Seek legal advice or take legal action.
        LegalAdvice => "Legal advice or action",
        /// A legal planning meeting: whether the threshold for care proceedings is met, and
        /// the Public Law Outline's pre-proceedings (version 3).
        LegalPlanning => "Legal planning meeting (Public Law Outline)",
        /// Apply to the court for an emergency protection order (Children Act 1989, section
        /// 44), by the local authority (version 3).
        EmergencyProtectionOrder => "Apply for an emergency protection order",
        /// Police protection (Children Act 1989, section 46), by the police (version 3).
        PoliceProtection => "Police protection (section 46)",
        /// A child protection medical.
        Medical => "Child protection medical",
        /// Immediate protective action.
        ImmediateProtection => "Immediate protection",
        /// No further action.
        NoFurtherAction => "No further action",
        /// Anything else, stated in the rationale.
        Other => "Other",
    }
}

impl DecisionType {
    /// True when this decision starts section 47 enquiries (and so the ICPC clock).
    pub fn starts_section_47(self) -> bool {
        matches!(self, DecisionType::S47SingleAgency | DecisionType::S47Joint)
    }
}

labelled_enum! {
    /// The answer to the threshold question of section 47(1) of the Children Act 1989.
    pub enum ThresholdAnswer {
        /// There is reasonable cause to suspect significant harm: section 47 enquiries
        /// follow.
        Yes => "Yes: reasonable cause to suspect significant harm",
        /// There is not: the child's needs are met another way, or not at all.
        No => "No",
        /// The meeting cannot yet say: it reconvenes by a date, with what it needs to know.
        NotYet => "Not yet: the meeting reconvenes",
    }
}

labelled_enum! {
    /// The categories of significant harm (Working Together to Safeguard Children 2023).
    pub enum HarmCategory {
        /// Physical abuse.
        Physical => "Physical abuse",
        /// Emotional abuse.
        Emotional => "Emotional abuse",
        /// Sexual abuse (including exploitation).
        Sexual => "Sexual abuse",
        /// Neglect.
        Neglect => "Neglect",
    }
}

labelled_enum! {
    /// What follows the threshold decision.
    pub enum ThresholdRoute {
        /// Section 47 enquiries jointly with the police.
        S47Joint => "Section 47 enquiries, jointly with the police",
        /// Section 47 enquiries by children's social care alone.
        S47SingleAgency => "Section 47 enquiries, single agency",
        /// An assessment and services as a child in need under section 17.
        S17 => "Section 17: child in need",
        /// Early help.
        EarlyHelp => "Early help",
        /// No further action.
        NoFurtherAction => "No further action",
    }
}

impl ThresholdRoute {
    /// True for the routes that are section 47 enquiries.
    pub fn is_section_47(self) -> bool {
        matches!(
            self,
            ThresholdRoute::S47Joint | ThresholdRoute::S47SingleAgency
        )
    }
}

/// The threshold decision (version 3): is there reasonable cause to suspect that the child
/// is suffering, or is likely to suffer, significant harm? Made by children's social care
/// for the local authority, with the reasons and the categories of harm, and the route that
/// follows. The enquiry's outcome is not part of it: that is known only later.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Threshold {
    /// Yes, no, or not yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<ThresholdAnswer>,
    /// The categories of harm suspected (at least one when the answer is yes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub harm_categories: Vec<HarmCategory>,
    /// What follows: section 47 (jointly or not) for yes; section 17, early help or no
    /// further action for no.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<ThresholdRoute>,
    /// Why: what the meeting knows that makes the answer what it is.
    #[serde(default)]
    pub reasoning: String,
    /// Who decided, for children's social care.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by_id: Option<String>,
    /// When the meeting reconvenes, for "not yet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconvene_by: Option<IsoDate>,
    /// Who may receive it; absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Threshold {
    answer,
    harm_categories,
    route,
    reasoning,
    decided_by_id,
    reconvene_by,
    restrictions
});

/// The injury that brought the child to the meeting (version 3): what a rapid review asks
/// first. One section describes every injury seen; the body map stays in the health record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Injury {
    /// Where on the body, the pattern and the size of each injury.
    #[serde(default)]
    pub description: String,
    /// The explanation given, and by whom; "none given" is an answer.
    #[serde(default)]
    pub explanation: String,
    /// Whether the explanation fits the child's age and development.
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub explanation_fits: Tristate,
    /// Who saw the injury first (a name and role, or a relationship).
    #[serde(default)]
    pub seen_by: String,
    /// When it was first seen by a professional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen_on: Option<IsoDate>,
    /// The protocol followed, with its version (a partnership's bruising protocol).
    #[serde(default)]
    pub protocol: String,
    /// Who may receive it; absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Injury {
    description,
    explanation,
    explanation_fits,
    seen_by,
    seen_on,
    protocol,
    restrictions
});

impl Injury {
    /// True once anything of the injury is recorded.
    pub fn is_recorded(&self) -> bool {
        !self.description.trim().is_empty()
            || !self.explanation.trim().is_empty()
            || self.seen_on.is_some()
    }
}

labelled_enum! {
    /// What a child protection medical relies on to go ahead.
    pub enum MedicalAuthority {
        /// The consent of a person with parental responsibility.
        Consent => "Consent of a person with parental responsibility",
        /// A court order (an emergency protection order, an interim care order, a child
        /// assessment order).
        CourtOrder => "A court order",
        /// Neither yet: the meeting plans how it will be sought.
        NotYet => "Not yet agreed",
    }
}

labelled_enum! {
    /// The investigations a paediatrician may plan beside the examination.
    pub enum Investigation {
        /// A skeletal survey (X-rays of the whole skeleton).
        SkeletalSurvey => "Skeletal survey",
        /// A CT scan of the head.
        CtHead => "CT head scan",
        /// An eye examination by an ophthalmologist (retinal haemorrhages).
        EyeExamination => "Eye examination (ophthalmology)",
        /// Blood tests (clotting and bone).
        Bloods => "Blood tests (clotting and bone)",
        /// Medical photographs of the injuries.
        Photographs => "Medical photographs",
    }
}

/// The child protection medical (version 3): requested by children's social care or the
/// police, carried out by a paediatrician, with consent or an order, and when. For a child
/// who is not independently mobile it is the same day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Medical {
    /// The participant who requested it, for children's social care or the police.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by_id: Option<String>,
    /// The paediatrician who carries it out (name and hospital).
    #[serde(default)]
    pub paediatrician: String,
    /// What it relies on: consent, an order, or not yet agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<MedicalAuthority>,
    /// Who consented (a person with parental responsibility), or the order relied on.
    #[serde(default)]
    pub consent_from: String,
    /// The day it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IsoDate>,
    /// The time it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// The investigations planned beside the examination.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub investigations: Vec<Investigation>,
    /// Who may receive it; absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Medical {
    requested_by_id,
    paediatrician,
    authority,
    consent_from,
    date,
    time,
    investigations,
    restrictions
});

impl Medical {
    /// True once anything of the medical is recorded.
    pub fn is_planned(&self) -> bool {
        self.requested_by_id.is_some()
            || !self.paediatrician.trim().is_empty()
            || self.date.is_some()
            || self.authority.is_some()
    }
}

labelled_enum! {
    /// Outcome codes from the Standard Safeguarding Dataset (`s47_outcome`).
    pub enum S47Outcome {
        /// Initial child protection conference.
        Icpc => "ICPC",
        /// Another agency to monitor.
        OtherAgencyToMonitor => "Other agency to monitor",
        /// No further action, continue assessment.
        NfaContinueAssessment => "No further action but continue assessment",
        /// Legal action.
        LegalAction => "Legal action",
        /// Section 17 services.
        S17Services => "Section 17 services",
        /// Section 17 short breaks.
        S17ShortBreaks => "Section 17 short breaks",
        /// No further action.
        NoFurtherAction => "No further action",
        /// Other.
        Other => "Other",
    }
}

/// A decision, owned in law by one agency and made by a named person: never a vote.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    /// Stable id within the record (`d1`, …).
    #[serde(default)]
    pub id: String,
    /// What kind of decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_type: Option<DecisionType>,
    /// The agency that owns the decision in law.
    #[serde(default)]
    pub owning_agency: String,
    /// The participant who made it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_maker_id: Option<String>,
    /// Why: the reasoning, including proportionality.
    #[serde(default)]
    pub rationale: String,
    /// The other options considered and why they were not chosen.
    #[serde(default)]
    pub options_considered: String,
    /// The evidence relied on.
    #[serde(default)]
    pub evidence: String,
    /// The Standard Safeguarding Dataset outcome code, in records before version 3 (kept,
    /// and counted by the themes). The enquiry's outcome is known only after the meeting, so
    /// a version 3 record's forms do not offer it on a decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_code: Option<S47Outcome>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Decision {
    id,
    decision_type,
    owning_agency,
    decision_maker_id,
    rationale,
    options_considered,
    evidence,
    outcome_code,
    restrictions
});

/// A risk with a named owner who is accountable for it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Risk {
    /// Stable id within the record (`r1`, …).
    #[serde(default)]
    pub id: String,
    /// The risk, in plain words.
    pub description: String,
    /// The participant who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// What the owner is accountable for.
    #[serde(default)]
    pub accountable_for: String,
    /// When it is next reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<IsoDate>,
    /// What would trigger an earlier review.
    #[serde(default)]
    pub review_trigger: String,
    /// Version 1's label, in records written in version 1 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Risk {
    id,
    description: required,
    owner_id,
    accountable_for,
    review_date,
    review_trigger,
    sensitivity,
    restrictions
});

labelled_enum! {
    /// Where an action is.
    pub enum ActionStatus {
        /// Not started yet.
        NotStarted => "Not started",
        /// Under way.
        InProgress => "In progress",
        /// Done; the outcome says what came of it.
        Done => "Done",
        /// Not done; the reason says why.
        NotDone => "Not done",
    }
    default = NotStarted
}

labelled_enum! {
    /// Why an action was not done: the difference matters to the next meeting.
    pub enum NotDoneReason {
        /// Circumstances changed and it was no longer needed.
        CircumstancesChanged => "Circumstances changed",
        /// It simply was not done.
        NotDone => "It was not done",
    }
}

/// A task with one owner and a due date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Action {
    /// Stable id within the record (`x1`, …).
    #[serde(default)]
    pub id: String,
    /// What is to be done.
    pub task: String,
    /// The one participant who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
    /// Where it is.
    #[serde(default)]
    pub status: ActionStatus,
    /// What came of it.
    #[serde(default)]
    pub outcome: String,
    /// When not done: whether circumstances changed or it simply was not done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_done_reason: Option<NotDoneReason>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Action {
    id,
    task: required,
    owner_id,
    due,
    status,
    outcome,
    not_done_reason,
    restrictions
});

/// "If this happens, then that", with an owner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Contingency {
    /// Stable id within the record (`c1`, …).
    #[serde(default)]
    pub id: String,
    /// The circumstance.
    pub if_this: String,
    /// What will happen.
    pub then_that: String,
    /// The participant who acts on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Contingency {
    id,
    if_this: required,
    then_that: required,
    owner_id,
    restrictions
});

labelled_enum! {
    /// How far a disagreement has been escalated under the local resolution procedure.
    pub enum EscalationStage {
        /// Not escalated.
        None => "Not escalated",
        /// To the professionals' line managers.
        LineManager => "Line managers",
        /// To senior managers in each agency.
        SeniorManager => "Senior managers",
        /// To the safeguarding partnership.
        Partnership => "Safeguarding partnership",
    }
    default = None
}

/// A participant's disagreement, recorded verbatim, with the chair's response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dissent {
    /// Stable id within the record (`v1`, …).
    #[serde(default)]
    pub id: String,
    /// The participant who disagrees.
    pub participant_id: String,
    /// Their view, in their words.
    pub view: String,
    /// The chair's response.
    #[serde(default)]
    pub chair_response: String,
    /// How far it has been escalated.
    #[serde(default)]
    pub escalation: EscalationStage,
    /// When it was escalated to that stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated_on: Option<IsoDate>,
    /// How it ended, once resolved.
    #[serde(default)]
    pub resolution: String,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Dissent {
    id,
    participant_id: required,
    view: required,
    chair_response,
    escalation,
    escalated_on,
    resolution,
    restrictions
});

/// What the family is told, by whom and when, and anything withheld.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FamilyCommunication {
    /// Stable id within the record (`f1`, …).
    #[serde(default)]
    pub id: String,
    /// Who in the family is told (e.g. "Both parents").
    #[serde(default)]
    pub to_whom: String,
    /// What they are told.
    pub what: String,
    /// The participant who tells them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_id: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<IsoDate>,
    /// Anything deliberately not shared yet.
    #[serde(default)]
    pub withheld: String,
    /// Why it is withheld (e.g. it would prejudice a criminal investigation).
    #[serde(default)]
    pub withheld_reason: String,
    /// Who may receive it (version 2); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(FamilyCommunication {
    id,
    to_whom,
    what: required,
    by_id,
    when,
    withheld,
    withheld_reason,
    restrictions
});

/// Dates the group set or the law sets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timescales {
    /// The date of the strategy discussion that started section 47 enquiries, when it
    /// was not this meeting (the ICPC clock runs from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s47_started_on: Option<IsoDate>,
    /// ICPC due: 15 working days after the discussion that started section 47. Written
    /// when the record is finalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icpc_due: Option<IsoDate>,
    /// Record distribution due: 1 working day after the meeting. Written on finalising.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution_due: Option<IsoDate>,
    /// When the assessment is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_due: Option<IsoDate>,
    /// When the group meets again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review: Option<IsoDate>,
}

crate::read_members!(Timescales {
    s47_started_on,
    icpc_due,
    distribution_due,
    assessment_due,
    next_review
});

/// Someone who receives the record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Recipient {
    /// Stable id within the record (`e1`, …).
    #[serde(default)]
    pub id: String,
    /// Who.
    pub name: String,
    /// Their agency.
    #[serde(default)]
    pub agency: String,
    /// When it was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_on: Option<IsoDate>,
    /// A professional of their agency, or the family (version 2).
    #[serde(default, skip_serializing_if = "RecipientKind::is_professional")]
    pub kind: RecipientKind,
    /// Restrictions whose owners have agreed that this recipient may receive items
    /// carrying them (the police agreeing to share police-sensitive items with a school,
    /// say), beyond what their agency receives anyway (version 2).
    #[serde(default, skip_serializing_if = "Restrictions::is_empty")]
    pub cleared: Restrictions,
    /// Version 1's highest sensitivity they could receive, in records written in version 1
    /// only (`shareable` meant the family's copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub may_receive: Option<Sensitivity>,
}

crate::read_members!(Recipient {
    id,
    name: required,
    agency,
    sent_on,
    kind,
    cleared,
    may_receive
});

labelled_enum! {
    /// Who a recipient of the record is.
    pub enum RecipientKind {
        /// A professional, receiving what their agency may.
        Professional => "A professional",
        /// The family, receiving only what the meeting agreed to tell them.
        Family => "The family",
    }
    default = Professional
}

impl Recipient {
    /// Who the recipient is, as version 2 reads it: version 1's `shareable` meant the
    /// family.
    pub fn effective_kind(&self) -> RecipientKind {
        match self.may_receive {
            Some(Sensitivity::Shareable) => RecipientKind::Family,
            _ => self.kind,
        }
    }

    /// The restrictions cleared for them: version 1's `mayReceive` read as everything at or
    /// below it on version 1's scale, so they receive what they received before.
    pub fn effective_cleared(&self) -> Restrictions {
        use Restriction::*;
        match self.may_receive {
            None | Some(Sensitivity::Shareable) => self.cleared.clone(),
            // Every professional receives what is not for the family anyway.
            Some(Sensitivity::NotForFamily) => Restrictions::none(),
            Some(Sensitivity::PoliceSensitive) => Restrictions::of(&[PoliceSensitive]),
            Some(Sensitivity::HealthConfidential) => {
                Restrictions::of(&[PoliceSensitive, HealthConfidential])
            }
        }
    }
}

impl RecipientKind {
    /// True for a professional (the default, left out of the record).
    pub fn is_professional(&self) -> bool {
        *self == RecipientKind::Professional
    }
}

/// What the meeting agreed the family's copy holds beside what the family will be told: an
/// allow-list, reviewed by the chair item by item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FamilyCopyPlan {
    /// The participant the family's copy names as their lead worker: the one professional
    /// whose details it gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_worker_id: Option<String>,
    /// The items the chair approved for the family's copy. Changing an item withdraws its
    /// approval, so the chair reviews the new words.
    #[serde(default)]
    pub approved: Vec<FamilyApproval>,
}

crate::read_members!(FamilyCopyPlan {
    lead_worker_id,
    approved
});

/// One item the chair approved for the family's copy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FamilyApproval {
    /// The list the item is in (`decisions`, `actions`, `assessment.worries`, …).
    pub list: crate::ItemKind,
    /// The item's id in that list.
    pub id: String,
    /// The police agreed that the family may be told this, while a criminal investigation
    /// is open (needed then for decisions and actions).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub police_agreed: bool,
}

crate::read_members!(FamilyApproval {
    list: required,
    id: required,
    police_agreed
});

/// The professionals' wellbeing check at the close, as versions 1 and 2 kept it inside the
/// child's record. Version 3 keeps it apart, as a [`WellbeingDocument`]; a final record of
/// an earlier version keeps it as it was finalised, and exports, copies and minutes leave
/// it out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WellbeingDebrief {
    /// Whether a debrief was offered.
    #[serde(default)]
    pub offered: Tristate,
    /// Support arranged, in general terms.
    #[serde(default)]
    pub notes: String,
}

crate::read_members!(WellbeingDebrief { offered, notes });

/// What a [`WellbeingDocument`] is: always `wellbeingDebrief`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum WellbeingDocumentKind {
    /// The professionals' wellbeing debrief after a meeting.
    #[default]
    WellbeingDebrief,
}

crate::read_by_name!(WellbeingDocumentKind => &[WellbeingDocumentKind::WellbeingDebrief]);

/// The format version of [`WellbeingDocument`]s this build writes.
pub const WELLBEING_VERSION: u32 = 1;

/// The professionals' wellbeing debrief after a strategy meeting: a small document of its
/// own, which the widget hands the host apart from the child's record (never in the record,
/// its minutes or its copies), for the host to file with the workforce's support rather
/// than on the child's case. It names no child, no family member and no professional, and
/// carries no reference to the meeting's record: the partnership counts debriefs offered
/// and taken up by agency (`risk-sensible summarise`, theme `wellbeing`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WellbeingDocument {
    /// What this document is: `wellbeingDebrief`.
    pub document: WellbeingDocumentKind,
    /// The format version (1).
    pub version: u32,
    /// The document's own id (a random UUID, unrelated to the meeting's record).
    pub id: String,
    /// The day of the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_on: Option<IsoDate>,
    /// Whether a debrief was offered to those present.
    #[serde(default)]
    pub offered: Tristate,
    /// One entry for each professional present, by agency only: offered a debrief or not,
    /// and whether they took it up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<DebriefOffer>,
    /// Support arranged, in general terms (never counted).
    #[serde(default)]
    pub notes: String,
}

crate::read_members!(WellbeingDocument {
    document: required,
    version: required,
    id: required,
    held_on,
    offered,
    people,
    notes
});

/// One professional's debrief, by agency only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DebriefOffer {
    /// Their agency, as the meeting named it.
    pub agency: String,
    /// Whether a debrief was offered to them.
    #[serde(default)]
    pub offered: Tristate,
    /// Whether they took it up.
    #[serde(default)]
    pub taken_up: Tristate,
}

crate::read_members!(DebriefOffer {
    agency: required,
    offered,
    taken_up
});

/// Who operated the widget, as the host told it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Actor {
    /// Their name.
    pub name: String,
    /// Their role.
    #[serde(default)]
    pub role: String,
    /// Their agency.
    #[serde(default)]
    pub agency: String,
}

crate::read_members!(Actor {
    name: required,
    role,
    agency
});

/// A change appended to a final record: who, when, why and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Amendment {
    /// Who made it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// Why it was needed.
    pub reason: String,
    /// What is amended, in words: the correction or addition itself.
    pub change: String,
    /// Who may receive the amendment (version 2; also on an amendment added to a version 1
    /// record); absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(Amendment {
    by: required,
    at: required,
    reason: required,
    change: required,
    restrictions
});

labelled_enum! {
    /// What a follow-up records of what happened after the meeting.
    pub enum FollowUpKind {
        /// The section 47 enquiry's outcome, with its Standard Safeguarding Dataset code.
        EnquiryOutcome => "The outcome of the section 47 enquiry",
        /// The initial child protection conference was held.
        ConferenceHeld => "The initial child protection conference was held",
        /// What the child protection medical found.
        MedicalFindings => "What the medical found",
        /// An action of the meeting was completed.
        ActionCompleted => "An action was completed",
        /// The child was referred again, or injured again.
        ReReferral => "A new referral or a new injury",
        /// The child died or was seriously harmed: with abuse or neglect known or suspected,
        /// the local authority notifies the Child Safeguarding Practice Review Panel within
        /// five working days of learning of it (Children Act 2004, section 16C).
        SeriousIncident => "The child died or was seriously harmed",
        /// The Child Safeguarding Practice Review Panel was notified of a serious incident.
        PanelNotified => "The Child Safeguarding Practice Review Panel was notified",
    }
}

/// What happened after the meeting, appended to a final record (version 3): the enquiry's
/// outcome, the conference, the medical's findings, an action completed, a new referral.
/// Like an amendment it never edits the record: it is chained into the audit trail, and the
/// content digest does not change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowUp {
    /// Who recorded it.
    pub by: Actor,
    /// When it was recorded.
    pub at: Timestamp,
    /// What it records.
    pub kind: FollowUpKind,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<IsoDate>,
    /// For the enquiry's outcome: the Standard Safeguarding Dataset code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<S47Outcome>,
    /// For the conference: whether the child became subject to a child protection plan.
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub plan: Tristate,
    /// For the conference's plan: its category or categories of harm.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<HarmCategory>,
    /// For an action completed: its id (`x1`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_id: Option<String>,
    /// For a death or serious harm: whether abuse or neglect is known or suspected (then the
    /// Panel must be notified).
    #[serde(default, skip_serializing_if = "Tristate::is_unknown")]
    pub abuse_suspected: Tristate,
    /// What happened, in words: the findings, what the new referral said.
    #[serde(default)]
    pub details: String,
    /// Who may receive it; absent: not for the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
}

crate::read_members!(FollowUp {
    by: required,
    at: required,
    kind: required,
    on,
    outcome,
    plan,
    categories,
    action_id,
    abuse_suspected,
    details,
    restrictions
});

impl FollowUp {
    /// A follow-up of `kind` recorded by `by` at `at`, with nothing else said yet and not
    /// for the family.
    pub fn new(by: Actor, at: Timestamp, kind: FollowUpKind) -> Self {
        FollowUp {
            by,
            at,
            kind,
            on: None,
            outcome: None,
            plan: Tristate::Unknown,
            categories: Vec::new(),
            action_id: None,
            abuse_suspected: Tristate::Unknown,
            details: String::new(),
            restrictions: None,
        }
    }
}

/// One entry of the audit trail, chained to the one before by its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditEntry {
    /// 1 for the first entry, then consecutive.
    pub sequence: u64,
    /// When the change was made.
    pub at: Timestamp,
    /// Who made it.
    pub actor: Actor,
    /// What changed, in words.
    pub change: String,
    /// For finalising: the record's digest; for an amendment: the amendment's digest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// The previous entry's `hash` (64 zeros for the first entry).
    pub previous_hash: String,
    /// SHA-256 (hex) of this entry's canonical JSON without `hash`.
    pub hash: String,
}

crate::read_members!(AuditEntry {
    sequence: required,
    at: required,
    actor: required,
    change: required,
    digest,
    previous_hash: required,
    hash: required
});

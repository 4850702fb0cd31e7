//! Sensible defaults that a chair sees in the form and can change: when one field of an add
//! form is chosen, others that follow from it in law or in practice are filled in, but only
//! while they are empty or still hold what was filled in for them before. Nothing here is
//! saved until the chair saves the form.
//!
//! - Information: who shared it gives the source agency; an item the police share is police
//!   sensitive, one health shares is health confidential (their owners decide who else sees
//!   it).
//! - The child and household: a new person's relationship starts as "The child" while the
//!   record has no child (one record per child, and the child comes first).
//! - Decisions: the type of decision gives the agency that owns it in law (section 47 and the
//!   other social-care decisions to children's social care, a criminal investigation to the
//!   police, a medical to health), and that agency's one present decision-maker.
//! - The threshold decision: a yes gives section 47 enquiries, jointly when the police took
//!   part; who decided starts as children's social care's one present decision-maker.

use super::form::{FieldSpec, FieldValue};
use crate::meeting::{AgencyRole, Config};
use crate::record::{
    Attendance, DecisionRecord, DecisionType, ItemKind, Participant, Restriction, Restrictions,
    SubjectRole, ThresholdAnswer, ThresholdRoute, Tristate,
};

/// A form's texts, read and written by field key.
pub struct FormTexts<'a> {
    fields: &'a [FieldSpec],
    texts: &'a mut [String],
}

impl<'a> FormTexts<'a> {
    pub fn new(fields: &'a [FieldSpec], texts: &'a mut [String]) -> Self {
        FormTexts { fields, texts }
    }

    fn index(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.key == key)
    }

    pub fn get(&self, key: &str) -> &str {
        self.index(key)
            .and_then(|index| self.texts.get(index))
            .map_or("", String::as_str)
    }

    pub fn set(&mut self, key: &str, text: String) {
        if let Some(slot) = self.index(key).and_then(|index| self.texts.get_mut(index)) {
            *slot = text;
        }
    }

    /// Sets `key` to `next` if it is empty or still holds `filled_before` (what this rule
    /// filled in for the earlier choice).
    fn follow(&mut self, key: &str, filled_before: &str, next: String) {
        let now = self.get(key);
        if now.is_empty() || now == filled_before {
            self.set(key, next);
        }
    }
}

/// Runs `rule` on a form's texts with the key of the field at `changed` (nothing when there
/// is no such field).
pub fn at_field(
    fields: &[FieldSpec],
    changed: usize,
    texts: &mut [String],
    rule: impl FnOnce(&str, &mut FormTexts),
) {
    if let Some(key) = fields.get(changed).map(|field| field.key) {
        rule(key, &mut FormTexts::new(fields, texts));
    }
}

/// What a section fills in when one of its fields changes: the field's key, the section's
/// texts before the change, the texts now, the record and the host's configuration.
pub type SectionFollow = fn(&str, &[String], &mut FormTexts, &DecisionRecord, &Config);

/// For a section where nothing follows from a change.
pub fn nothing_follows(_: &str, _: &[String], _: &mut FormTexts, _: &DecisionRecord, _: &Config) {}

/// The threshold decision: an answer gives the route that usually follows (a yes, section 47
/// enquiries, jointly when the police took part; a no or not yet, none yet), and who
/// decided starts as children's social care's one present decision-maker.
pub fn threshold_follows(
    changed: &str,
    before: &[String],
    texts: &mut FormTexts,
    record: &DecisionRecord,
    config: &Config,
) {
    if changed != "answer" {
        return;
    }
    let police_took_part = record.participants.iter().any(|person| {
        person.attendance != Attendance::Apologies
            && config.role_of(&person.agency) == AgencyRole::Police
    });
    let route_for = |answer: &str| match ThresholdAnswer::from_text(answer) {
        Some(ThresholdAnswer::Yes) if police_took_part => ThresholdRoute::S47Joint.to_text(),
        Some(ThresholdAnswer::Yes) => ThresholdRoute::S47SingleAgency.to_text(),
        _ => String::new(),
    };
    let earlier = texts
        .fields
        .iter()
        .position(|field| field.key == "answer")
        .and_then(|index| before.get(index))
        .cloned()
        .unwrap_or_default();
    let next = route_for(texts.get("answer"));
    texts.follow("route", &route_for(&earlier), next);
    if texts.get("decidedById").is_empty() {
        let maker = agency_of(AgencyRole::ChildrensSocialCare, config)
            .and_then(|agency| decision_maker(record, &agency));
        if let Some(maker) = maker {
            texts.set("decidedById", maker);
        }
    }
}

/// What a new item's form offers before anything is chosen in it.
pub fn opening(kind: ItemKind, form: &mut FormTexts, record: &DecisionRecord) {
    if kind == ItemKind::Subject && !record.subjects.iter().any(|s| s.role == SubjectRole::Child) {
        form.set("role", SubjectRole::Child.to_text());
    }
}

/// Fills in what follows from the field `changed` of a `kind` form, whose texts were
/// `before` the change.
pub fn follow(
    kind: ItemKind,
    changed: &str,
    before: &[String],
    texts: &mut FormTexts,
    record: &DecisionRecord,
    config: &Config,
) {
    let fields = texts.fields;
    let earlier = |key: &str| -> String {
        fields
            .iter()
            .position(|field| field.key == key)
            .and_then(|index| before.get(index))
            .cloned()
            .unwrap_or_default()
    };
    match (kind, changed) {
        (ItemKind::Information, "sharedBy") => {
            let agency = |id: &str| {
                record
                    .participant(id)
                    .map(|person| person.agency.clone())
                    .unwrap_or_default()
            };
            let before_agency = agency(&earlier("sharedBy"));
            let now_agency = agency(texts.get("sharedBy"));
            if !now_agency.is_empty() {
                texts.follow("sourceAgency", &before_agency, now_agency);
                information_restrictions(texts, &earlier("sourceAgency"), config);
            }
        }
        (ItemKind::Information, "sourceAgency") => {
            information_restrictions(texts, &earlier("sourceAgency"), config);
        }
        (ItemKind::Decision, "decisionType") => {
            let owner_of = |text: &str| {
                DecisionType::from_text(text)
                    .and_then(owning_role)
                    .and_then(|role| agency_of(role, config))
                    .unwrap_or_default()
            };
            let before_owner = owner_of(&earlier("decisionType"));
            let owner = owner_of(texts.get("decisionType"));
            if owner.is_empty() {
                return;
            }
            let maker_before = decision_maker(record, &before_owner).unwrap_or_default();
            texts.follow("owningAgency", &before_owner, owner);
            let owner = texts.get("owningAgency").to_string();
            if let Some(maker) = decision_maker(record, &owner) {
                texts.follow("decisionMakerId", &maker_before, maker);
            }
        }
        _ => {}
    }
}

/// The restriction an item shared by `agency` carries until the chair says otherwise.
fn shared_by_owner(agency: &str, config: &Config) -> String {
    let role = config.role_of(agency);
    let restriction = match role {
        AgencyRole::Police => Restriction::PoliceSensitive,
        _ if role.is_health() => Restriction::HealthConfidential,
        _ => return String::new(),
    };
    Some(Restrictions::of(&[restriction])).to_text()
}

/// An information item's restrictions follow its source agency while they are still the
/// default (none) or what the earlier agency gave.
fn information_restrictions(texts: &mut FormTexts, agency_before: &str, config: &Config) {
    let before = shared_by_owner(agency_before, config);
    let next = shared_by_owner(texts.get("sourceAgency"), config);
    let now = texts.get("restrictions");
    if now.is_empty() || now == before {
        texts.set("restrictions", next);
    }
}

/// Who owns a decision of this type in law.
fn owning_role(kind: DecisionType) -> Option<AgencyRole> {
    match kind {
        DecisionType::CriminalInvestigation | DecisionType::PoliceProtection => {
            Some(AgencyRole::Police)
        }
        DecisionType::Other => None,
        _ => Some(AgencyRole::ChildrensSocialCare),
    }
}

/// The host's name for the agency with this role, among the agencies it offers.
fn agency_of(role: AgencyRole, config: &Config) -> Option<String> {
    config
        .agencies
        .iter()
        .find(|agency| config.role_of(agency).counts_as(role))
        .cloned()
}

/// The one present person of `agency` who can make decisions for it (or, when nobody is
/// recorded as able to, its one present person).
fn decision_maker(record: &DecisionRecord, agency: &str) -> Option<String> {
    let present: Vec<&Participant> = record
        .participants
        .iter()
        .filter(|person| {
            person.attendance == Attendance::Attended && person.agency.trim() == agency.trim()
        })
        .collect();
    let deciders: Vec<&&Participant> = present
        .iter()
        .filter(|person| person.decision_authority == Tristate::Yes)
        .collect();
    match (deciders.as_slice(), present.as_slice()) {
        ([one], _) => Some(one.id.clone()),
        ([], [one]) => Some(one.id.clone()),
        _ => None,
    }
}

/// The restrictions' text of a form (for tests).
#[cfg(test)]
fn text_of(restrictions: &[Restriction]) -> String {
    Some(Restrictions::of(restrictions)).to_text()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::example_record;

    /// A list's form, its texts, and the record and configuration defaults follow from.
    struct Form {
        kind: ItemKind,
        fields: Vec<FieldSpec>,
        texts: Vec<String>,
        record: DecisionRecord,
        config: Config,
    }

    impl Form {
        fn new(kind: ItemKind) -> Self {
            let fields = super::super::specs::list_form(kind).fields().to_vec();
            Form {
                kind,
                texts: vec![String::new(); fields.len()],
                fields,
                record: example_record(false),
                config: Config::default(),
            }
        }

        /// The chair sets `field`; what follows from it is filled in.
        fn choose(&mut self, field: &str, value: String) {
            let before = self.texts.clone();
            let mut texts = FormTexts::new(&self.fields, &mut self.texts);
            texts.set(field, value);
            follow(
                self.kind,
                field,
                &before,
                &mut texts,
                &self.record,
                &self.config,
            );
        }

        /// The chair types into `field` by hand; nothing follows.
        fn type_in(&mut self, field: &str, value: String) {
            FormTexts::new(&self.fields, &mut self.texts).set(field, value);
        }

        fn get(&mut self, field: &str) -> String {
            FormTexts::new(&self.fields, &mut self.texts)
                .get(field)
                .to_string()
        }

        fn participant(&self, agency: &str) -> String {
            self.record
                .participants
                .iter()
                .find(|person| person.agency == agency)
                .unwrap()
                .id
                .clone()
        }
    }

    #[test]
    fn information_takes_its_agency_from_who_shared_it_and_its_owners_restriction() {
        let mut form = Form::new(ItemKind::Information);
        let (police, health) = (form.participant("Police"), form.participant("Health"));
        form.choose("sharedBy", police.clone());
        assert_eq!(form.get("sourceAgency"), "Police");
        assert_eq!(
            form.get("restrictions"),
            text_of(&[Restriction::PoliceSensitive])
        );
        // Another person: both follow, as neither was changed by hand.
        form.choose("sharedBy", health);
        assert_eq!(form.get("sourceAgency"), "Health");
        assert_eq!(
            form.get("restrictions"),
            text_of(&[Restriction::HealthConfidential])
        );
        // What the chair ticked is kept.
        form.type_in("restrictions", text_of(&[Restriction::ThirdParty]));
        form.choose("sharedBy", police);
        assert_eq!(
            form.get("restrictions"),
            text_of(&[Restriction::ThirdParty])
        );
    }

    /// The threshold form's texts after the chair chooses `answer`, from `texts`.
    fn threshold_after(
        record: &DecisionRecord,
        texts: &mut [String],
        answer: ThresholdAnswer,
    ) -> (String, String) {
        let section = super::super::specs::threshold().erased();
        let fields = section.fields().to_vec();
        let changed = fields.iter().position(|f| f.key == "answer").unwrap();
        let before = texts.to_vec();
        texts[changed] = answer.to_text();
        section.follow(changed, &before, texts, record, &Config::default());
        let form = FormTexts::new(&fields, texts);
        (
            form.get("route").to_string(),
            form.get("decidedById").to_string(),
        )
    }

    #[test]
    fn a_threshold_answer_gives_the_usual_route_and_who_decides() {
        use ThresholdAnswer::{No, NotYet, Yes};
        let mut record = example_record(false);
        // Amara Okafor (p1) is the one of children's social care who can decide.
        for person in &mut record.participants {
            if person.agency == "Children's social care" {
                person.decision_authority = if person.id == "p1" {
                    Tristate::Yes
                } else {
                    Tristate::No
                };
            }
        }
        let section = super::super::specs::threshold().erased();
        let mut texts = vec![String::new(); section.fields().len()];
        // The police attended the example: a yes means joint enquiries; children's social
        // care's decision-maker decides.
        let joint = ThresholdRoute::S47Joint.to_text();
        assert_eq!(
            threshold_after(&record, &mut texts, Yes),
            (joint.clone(), "p1".into())
        );
        // A no takes back the route it gave, and keeps who decided.
        assert_eq!(
            threshold_after(&record, &mut texts, No),
            (String::new(), "p1".into())
        );
        // A route the chair chose is kept whatever the answer.
        let chosen = ThresholdRoute::EarlyHelp.to_text();
        let route = section
            .fields()
            .iter()
            .position(|f| f.key == "route")
            .unwrap();
        texts[route] = chosen.clone();
        assert_eq!(threshold_after(&record, &mut texts, NotYet).0, chosen);
        // Without the police, a yes means single-agency enquiries.
        let mut without_police = example_record(false);
        without_police.participants.retain(|p| p.agency != "Police");
        let mut texts = vec![String::new(); section.fields().len()];
        assert_eq!(
            threshold_after(&without_police, &mut texts, Yes).0,
            ThresholdRoute::S47SingleAgency.to_text()
        );
    }

    #[test]
    fn a_decision_type_gives_the_agency_that_owns_it_in_law_and_its_decision_maker() {
        for (kind, owner) in [
            (DecisionType::S47Joint, "Children's social care"),
            (DecisionType::CriminalInvestigation, "Police"),
            (DecisionType::Medical, "Children's social care"),
            (DecisionType::Icpc, "Children's social care"),
            (
                DecisionType::EmergencyProtectionOrder,
                "Children's social care",
            ),
            (DecisionType::PoliceProtection, "Police"),
        ] {
            let mut form = Form::new(ItemKind::Decision);
            form.choose("decisionType", kind.to_text());
            assert_eq!(form.get("owningAgency"), owner, "{kind:?}");
            assert_eq!(
                form.get("decisionMakerId"),
                decision_maker(&form.record, owner).unwrap_or_default(),
                "{kind:?}"
            );
        }
        // An agency chosen by hand is kept.
        let mut form = Form::new(ItemKind::Decision);
        form.type_in("owningAgency", "Police".into());
        form.choose("decisionType", DecisionType::Medical.to_text());
        assert_eq!(form.get("owningAgency"), "Police");
    }
}

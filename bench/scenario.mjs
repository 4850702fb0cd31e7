// The chair's scenario: an ordinary strategy meeting run from an empty record on the demo
// page, as a chair would enter it, counting every interaction (a fill, a choice in a
// select, a click, a key press, a box ticked) and every character typed. The benchmark
// (bench/run.mjs) prints the counts as figures; the end-to-end test
// (tests/e2e/scenario.spec.mjs) runs the same scenario and checks the record it leaves.
//
// The case, with invented people: Leo, a pre-mobile baby of 4 months, has a bruise to the
// cheek seen by the health visitor at a routine visit. Six professionals from five
// agencies; the mother and her partner at home; police call-outs in 2025.
import { expect } from '@playwright/test';

/** The six professionals: name, role, agency and attendance. */
export const PEOPLE = [
  ['Amara Okafor', 'Team manager', "Children's social care", 'Attended'],
  ['Ben Carter', 'Social worker', "Children's social care", 'Attended'],
  ['Tom Reyes', 'Detective sergeant', 'Police', 'Attended'],
  ['Priya Nandra', 'Health visitor', 'Health', 'Attended'],
  ['Helen Moss', 'Consultant paediatrician', 'Health', 'Attended'],
  ['Sara Quinn', 'Early help worker', 'Early help', 'Sent information only'],
];

/**
 * Counts what the chair does: every fill, choice, tick, click and key press, and a move to a
 * control (a click or a Tab) before typing into or choosing in one that does not already
 * have focus, as a person at a keyboard must.
 */
export class Chair {
  /** `shared`: the shared screen's window, when one is open; it must follow every stage. */
  constructor(page, shared = null) {
    this.page = page;
    this.shared = shared;
    this.interactions = 0;
    this.moves = 0;
    this.characters = 0;
  }

  /** The stage's content. */
  get stage() {
    return this.page.locator('.rs-stage');
  }

  /** Counts the move to `control` unless it has focus already. */
  async reach(control) {
    const focused = await control.evaluate((element) => element === element.getRootNode().activeElement);
    if (!focused) {
      this.interactions += 1;
      this.moves += 1;
    }
  }

  async fill(scope, label, text) {
    const control = scope.getByLabel(label, { exact: true });
    await this.reach(control);
    await control.fill(text);
    this.interactions += 1;
    this.characters += text.length;
  }

  /** Picks the option labelled `option`, or a person's (their name, then details). */
  async select(scope, label, option) {
    const control = scope.getByLabel(label, { exact: true });
    const labels = await control.evaluate((select) => [...select.options].map((o) => o.label));
    const chosen = labels.find((text) => text === option) ?? labels.find((text) => text.startsWith(`${option} (`));
    if (chosen === undefined) throw new Error(`${label}: no option ${option} in ${labels.join(' | ')}`);
    await this.reach(control);
    await control.selectOption({ label: chosen });
    this.interactions += 1;
  }

  async choose(scope, name) {
    await scope.getByRole('radio', { name, exact: true }).check();
    this.interactions += 1;
  }

  async tick(scope, name) {
    await scope.getByRole('checkbox', { name, exact: true }).check();
    this.interactions += 1;
  }

  async click(scope, name) {
    await scope.getByRole('button', { name, exact: true }).click();
    this.interactions += 1;
  }

  /** Enter in the focused control (a one-line field's form is saved). */
  async enter() {
    await this.page.keyboard.press('Enter');
    this.interactions += 1;
  }

  /** Waits for an add form to have been saved: it is empty again, ready for the next. */
  async saved(form) {
    await expect(this.page.locator('.rs-stage .rs-error-summary')).toHaveCount(0);
    await expect(form.locator('input[type=text], textarea').first()).toHaveValue('');
  }

  async goTo(title) {
    await this.page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: title }).click();
    this.interactions += 1;
    await expect(this.page.getByRole('heading', { level: 3, name: title, exact: true })).toBeVisible();
    if (this.shared) await expect(this.shared.getByRole('heading', { level: 3, name: title, exact: true })).toBeVisible();
  }

  /** A form in the stage, by its accessible name. */
  form(name) {
    return this.stage.getByRole('form', { name });
  }

  /**
   * Adds an item in its list's one-line entry within `scope` ("Action in one line"): types
   * `text`, presses Enter, and waits for the line to be empty again and the row whose
   * header is `row` to show.
   */
  async addLine(scope, label, text, row) {
    const form = scope.getByRole('form', { name: label, exact: true });
    await this.fill(form, label, text);
    await this.enter();
    await expect(form.getByLabel(label, { exact: true })).toHaveValue('');
    await expect(this.page.locator('.rs-stage .rs-error-summary')).toHaveCount(0);
    if (row) await expect(this.stage.getByRole('rowheader', { name: row, exact: true })).toBeVisible();
  }

  /** A list's region in the stage, by its heading. */
  region(name) {
    return this.stage.getByRole('region', { name, exact: true });
  }
}

/**
 * Runs the meeting from an empty record to a finalised one. Returns the counts: the
 * record is read by the caller.
 */
export async function runScenario(page, shared = null) {
  const chair = new Chair(page, shared);
  const { stage } = chair;

  // Attendance and the reason: who is present first, from the host's invitation list (one
  // step each; the operator, present first, is the chair), then the meeting.
  for (const [name, , , attendance] of PEOPLE) {
    const mark = { Attended: 'Present', Apologies: 'Apologies', 'Sent information only': 'Sent information' }[attendance];
    await chair.click(stage, `${mark} ${name}`);
    await expect(stage.getByRole('rowheader', { name })).toBeVisible();
  }
  await chair.choose(stage, 'Strategy meeting');
  await chair.choose(stage, 'Video call');
  await chair.fill(stage, 'Date of meeting', '2026-03-02');
  await chair.fill(stage, 'Start time', '10:30');
  await chair.fill(stage, 'Reason for the meeting',
    'A 2 cm bruise to the left cheek of Leo, aged 4 months and not yet mobile, seen by the health visitor at a routine visit. No explanation was given.');
  await expect(stage.getByLabel('Chair', { exact: true })).toHaveValue('p1');

  // The child and household.
  await chair.goTo('Child and household');
  const subject = stage.locator('form').first();
  for (const [role, name, extra] of [
    ['The child', 'Leo Marsden', async () => {
      await chair.fill(subject, 'Date of birth', '2025-11-03');
      await chair.select(subject, 'Mobility', 'Not independently mobile');
    }],
    ['Mother', 'Jade Marsden', null],
    ['Male carer or partner', 'Connor Hale', null],
  ]) {
    // The first person's relationship starts as the child's.
    if (role === 'The child') await expect(subject.getByLabel('Relationship to the child', { exact: true })).toHaveValue('child');
    else await chair.select(subject, 'Relationship to the child', role);
    await chair.fill(subject, 'Name', name);
    if (extra) await extra();
    await chair.click(subject, 'Add person');
    await expect(stage.getByRole('rowheader', { name })).toBeVisible();
  }

  // Information shared.
  await chair.goTo('Information shared');
  // Each item in one line: who shared it (their agency and, for the police and health, the
  // restriction follow), what, and whether it is fact, opinion or hearsay; the lawful
  // basis starts as the statutory duty.
  const known = chair.region('What each agency knows');
  // Each is restricted as it follows from its source, so hidden on this screen.
  for (const line of [
    'Priya; A 2 cm bruise to the left cheek seen at a routine visit, and mother said she did not know how it happened.; fact',
    'Tom; Two call-outs to the address in 2025 for shouting, with no further action.; fact',
    'Helen; A bruise on a pre-mobile baby is unusual and needs a child protection medical.; opinion',
    'Sara; A neighbour told the early help worker of shouting late at night.; hearsay; third-party',
  ]) {
    await chair.addLine(known, 'Information item in one line', line, null);
  }
  await expect(known.getByRole('rowheader', { name: 'Hidden on the shared screen' })).toHaveCount(4);
  await chair.addLine(chair.region('Tools used as inputs'), 'Tool in one line',
    "Bruising protocol; Referral for a child protection medical; Priya Nandra", 'Bruising protocol');

  // Information gaps.
  await chair.goTo('Information gaps');
  for (const [line, row] of [
    ["Connor Hale's history in other areas; Tom; 4 March", "Connor Hale's history in other areas"],
    ["How the bruise happened, in the mother's words; Ben; tomorrow", "How the bruise happened, in the mother's words"],
  ]) {
    await chair.addLine(stage, 'Gap in one line', line, row);
  }

  // The child's voice.
  await chair.goTo("The child's voice");
  await chair.fill(stage, 'How it was captured', 'Observed at home by the health visitor');
  await chair.fill(stage, 'Observed lived experience', 'Leo feeds well, settles with his mother and startles at raised voices.');
  await chair.select(stage, 'Captured by', 'Priya Nandra');

  // The assessment.
  await chair.goTo('Assessment');
  for (const [column, text] of [
    ['What are we worried about?', 'An unexplained bruise on a baby who is not yet mobile.'],
    ['What are we worried about?', 'Police call-outs for shouting at the address in 2025.'],
    ["What's working well?", 'Mother took Leo to every health visitor appointment.'],
    ['What needs to happen?', 'A child protection medical today.'],
    ['Danger statements', 'We are worried Leo could be hurt again while we do not know how the bruise happened.'],
    ['Safety goals', 'Leo is cared for by adults who keep him safe from harm.'],
  ]) {
    // Enter adds a statement; the next starts in the same box.
    const form = chair.region(column).locator('form');
    await chair.fill(form, 'Statement', text);
    await chair.enter();
    await expect(chair.region(column).getByRole('rowheader', { name: text })).toBeVisible();
  }

  // Safety scales: each present professional's own view.
  await chair.goTo('Safety scales');
  // Each in one line: whose view, the score and why.
  for (const line of [
    'Amara; 4; The bruise is unexplained, but mother is engaging.',
    'Ben; 4; Mother is open with us, and Connor has not been seen.',
    'Tom; 2; An unexplained injury to a baby and call-outs to the address.',
    'Priya; 5; Good care seen at every visit until now.',
    'Helen; 3; The injury needs a medical before anyone can be reassured.',
  ]) {
    await chair.addLine(stage, 'Scale in one line', line, null);
  }
  await chair.fill(stage, 'What the group made of the difference',
    'Police scored lower because of the call-outs; everyone agreed the medical comes first.');

  // The threshold decision, then the decisions, each owned by the agency the law gives it
  // to.
  await chair.goTo('Decisions');
  // A yes gives joint section 47 enquiries (the police are here), decided by children's
  // social care's decision-maker.
  await chair.choose(stage, 'Yes: reasonable cause to suspect significant harm');
  await expect(stage.getByRole('radio', { name: 'Section 47 enquiries, jointly with the police' })).toBeChecked();
  await expect(stage.getByLabel("Decided by (children's social care)", { exact: true })).toHaveValue('p1');
  await chair.tick(stage, 'Physical abuse');
  await chair.fill(stage, 'Why', 'An unexplained bruise on a baby who is not yet mobile, and police call-outs to the address.');
  const decision = stage.locator('form').first();
  // The type gives the agency that owns it in law, and that agency's decision-maker.
  for (const [type, agency, maker, rationale] of [
    ['Section 47 enquiry (joint with police)', "Children's social care", 'Amara Okafor', 'An unexplained injury to a pre-mobile baby with no consistent explanation.'],
    ['Child protection medical', "Children's social care", 'Amara Okafor', 'Bruising in a pre-mobile baby needs a medical the same day.'],
    ['Criminal investigation', 'Police', 'Tom Reyes', 'A possible non-accidental injury to a baby.'],
  ]) {
    await chair.select(decision, 'Type of decision', type);
    await expect(decision.getByLabel('Agency that owns it in law', { exact: true })).toHaveValue(agency);
    await expect(decision.getByLabel('Decision-maker', { exact: true }).locator('option:checked')).toHaveText(new RegExp(`^${maker} \\(`));
    await chair.fill(decision, 'Rationale', rationale);
    await chair.click(decision, 'Add decision');
    await expect(stage.getByRole('rowheader', { name: type })).toBeVisible();
  }

  // Risks and owners.
  await chair.goTo('Risks and owners');
  for (const [line, row] of [
    ['Further injury while the explanation is unknown; Amara; The safety plan until the medical; 4/3', 'Further injury while the explanation is unknown'],
    ['Connor Hale is not seen by the enquiry; Tom; Police checks and seeing Connor; Friday', 'Connor Hale is not seen by the enquiry'],
  ]) {
    await chair.addLine(stage, 'Risk in one line', line, row);
  }

  // Actions: one owner and a due date each.
  await chair.goTo('Actions');
  for (const [line, row] of [
    ['Arrange the child protection medical; Helen; today', 'Arrange the child protection medical'],
    ['Police checks on Connor Hale; Tom; tomorrow', 'Police checks on Connor Hale'],
    ['Visit the family with the police; Ben; today', 'Visit the family with the police'],
    ['Strategy review; Amara; 9 March', 'Strategy review'],
  ]) {
    await chair.addLine(stage, 'Action in one line', line, row);
  }

  // A contingency.
  await chair.goTo('Contingency plans');
  await chair.addLine(stage, 'Contingency in one line',
    'The medical finds a non-accidental injury; Seek legal advice on immediate protection the same day; Amara',
    'The medical finds a non-accidental injury');

  // What the family will be told.
  await chair.goTo('What the family will be told');
  const told = stage.locator('form').first();
  await chair.fill(told, 'Who in the family', 'Jade Marsden');
  await chair.fill(told, 'What they will be told', 'That a strategy meeting was held and Leo needs a medical today.');
  await chair.select(told, 'Told by', 'Ben Carter');
  await chair.fill(told, 'Anything withheld for now', 'The police call-out history');
  await chair.fill(told, 'Why it is withheld', 'Telling the family could prejudice the criminal investigation.');
  await chair.click(told, 'Add communication');

  // Dissent, verbatim.
  await chair.goTo('Dissent and escalation');
  const dissent = stage.locator('form').first();
  await chair.select(dissent, 'Who disagrees', 'Priya Nandra');
  await chair.fill(dissent, 'Their view, verbatim', 'I think a joint visit will frighten mother away from health services.');
  await chair.fill(dissent, "The chair's response", 'Noted; the health visitor will join the visit.');
  await chair.click(dissent, 'Add dissent');

  // Timescales and distribution.
  await chair.goTo('Timescales and distribution');
  await chair.fill(stage, 'Assessment due', '2026-04-13');
  await chair.fill(stage, 'Next review', '2026-03-09');
  await chair.click(stage, 'Add everyone present to the distribution (5)');
  await expect(chair.region('Distribution').getByRole('rowheader', { name: 'Helen Moss' })).toBeVisible();

  // Check and finalise.
  await chair.goTo('Check and finalise');
  await chair.click(stage, 'Finalise the record');
  await chair.click(stage, 'Confirm and finalise');
  await expect(page.getByRole('heading', { name: 'This record is final', exact: true })).toBeVisible();
  return { interactions: chair.interactions, moves: chair.moves, characters: chair.characters };
}

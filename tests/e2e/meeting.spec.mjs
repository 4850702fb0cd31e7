// A whole strategy meeting end to end on the built bundle: entered with the keyboard alone,
// scanned with axe on every stage (normal and chair mode, and at 320 px), screen-safe
// masking, the spread prompt, finalising and amending, the printed minutes, the keyboard
// shortcuts and reflow. Driven by roles and accessible names. Everyone named is invented;
// the sample page opens the example record (`risk-sensible example`, committed as
// www/sample-record.json).
import { test, expect } from '@playwright/test';
import { openDemo, expectNoAxeViolations, openStage, tabTo } from './helpers.mjs';

// en-GB: time inputs take typed digits as 24-hour HHMM; see typeDate for date inputs.
test.use({ locale: 'en-GB' });

const STAGES = [
  'Attendance and reason',
  'Child and household',
  'Information shared',
  'Information gaps',
  "The child's voice",
  'Assessment',
  'Safety scales',
  'Decisions',
  'Risks and owners',
  'Actions',
  'Contingency plans',
  'What the family will be told',
  'Dissent and escalation',
  'Timescales and distribution',
  'Wellbeing debrief',
  'Check and finalise',
];

// Restricted items of the example record, one per sensitivity label (and a risk and a
// worry), which a shared screen must not show until the chair reveals them.
const RESTRICTED = {
  police: 'Two call-outs to the address in 2025',
  health: 'Mother treated for postnatal depression',
  notForFamily: "Nursery staff say Mia has talked about 'shouting at night'",
};

const taskList = (page) => page.getByRole('navigation', { name: 'Meeting stages' });
const stageHeading = (page, title) => page.getByRole('heading', { level: 3, name: title, exact: true });
const record = (page) => page.evaluate(() => window.riskSensibleDemo.widget.record());

/** Opens the sample page (the example record), optionally in chair mode from the start. */
async function openSample(page, { chair = false } = {}) {
  return openDemo(page, `/sample.html${chair ? '?chair=1' : ''}`);
}

/** Opens a stage by clicking its task-list link (for the tests that are not about keys). */
async function clickStage(page, title) {
  await taskList(page).getByRole('link', { name: title }).click();
  await expect(stageHeading(page, title)).toBeFocused();
}

/** Focuses the field labelled `label` with Tab and types `text` into it. */
async function typeInto(page, label, text) {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

/**
 * Tabs to a date field and types the date as digits. An en-GB page wants DDMMYYYY, but
 * Chromium orders a date field's parts by its own UI language, and Debian's package ships
 * only en-US (MMDDYYYY) unless chromium-l10n is installed. So: type DDMMYYYY, and if the
 * field read it the other way round, go back to its first part (Shift+Tab moves between
 * the parts) and type MMDDYYYY over it.
 */
async function typeDate(page, field, iso) {
  const [year, month, day] = iso.split('-');
  await tabTo(page, field);
  await page.keyboard.type(`${day}${month}${year}`);
  if ((await field.inputValue()) !== iso) {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(`${month}${day}${year}`);
  }
  await expect(field).toHaveValue(iso);
}

/** Tabs to the button named `name` and presses Enter. */
async function pressButton(page, name) {
  await tabTo(page, page.getByRole('button', { name, exact: true }));
  await page.keyboard.press('Enter');
}

/** The page's visible text (innerText leaves out display: none, e.g. the print copy). */
const visibleText = (page) => page.locator('body').innerText();

async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

test('a whole meeting, from an empty record to a finalised one, with the keyboard alone', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = await openDemo(page);

  // Who is present: the three statutory agencies. Enter in a text field adds the person.
  await openStage(page, 'Attendance and reason');
  for (const [name, role, agency] of [
    ['Amara Okafor', 'Team manager', "Children's social care"],
    ['Tom Reyes', 'Detective sergeant', 'Police'],
    ['Priya Nandra', 'Health visitor', 'Health'],
  ]) {
    await typeInto(page, page.getByLabel('Full name'), name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(role);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Agency')).toBeFocused();
    await page.keyboard.type(agency); // a closed select picks the option typed
    await expect(page.getByLabel('Agency')).toHaveValue(agency);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('rowheader', { name })).toBeVisible();
    await expect(page.getByLabel('Full name')).toBeFocused();
  }

  // Meeting details: arrow keys move within a radio group, Space checks.
  await openStage(page, 'Attendance and reason');
  await tabTo(page, page.getByRole('radio', { name: 'Strategy discussion', exact: true }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Strategy meeting', exact: true })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'In person', exact: true })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'In person', exact: true })).toBeChecked();
  await typeDate(page, page.getByLabel('Date of meeting'), '2026-03-02');
  await typeDate(page, page.getByLabel('The day the concern arose'), '2026-03-02');
  await typeInto(page, page.getByLabel('Start time'), '1030');
  // A 12-hour field (en-US, as above) waits for its AM/PM part.
  if ((await page.getByLabel('Start time').inputValue()) === '') await page.keyboard.type('A');
  await expect(page.getByLabel('Start time')).toHaveValue('10:30');
  await typeInto(page, page.getByLabel('Reason for the meeting'),
    'Bruise to the cheek of a 4-month-old baby, seen by the health visitor.');
  await typeInto(page, page.getByLabel('Chair'), 'Amara');
  await expect(page.getByLabel('Chair')).toHaveValue('p1');

  // The seed's typical case: a baby who is not independently mobile with an unexplained
  // bruise, the mother's new partner with a police history, a sister at nursery. The child,
  // and the man in the household (the "invisible men" of the national review).
  await openStage(page, 'Child and household');
  await typeInto(page, page.getByLabel('Relationship to the child'), 'The child');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('Leo Marsden-Hale');
  await typeDate(page, page.getByLabel('Date of birth'), '2025-10-28');
  await typeInto(page, page.getByLabel('Mobility'), 'Not i');
  await expect(page.getByLabel('Mobility')).toHaveValue('preMobile');
  await pressButton(page, 'Add person');
  await expect(page.getByRole('rowheader', { name: 'Leo Marsden-Hale' })).toBeVisible();
  // Focus is back at the top of the form for the next person.
  await expect(page.getByLabel('Relationship to the child')).toBeFocused();
  await page.keyboard.type('Male');
  await expect(page.getByLabel('Relationship to the child')).toHaveValue('maleCarer');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Connor Hale');
  // He lives with Leo, was seen, was checked with the police and looks after him alone.
  await typeInto(page, page.getByLabel('Lives with the child?'), 'Y');
  await expect(page.getByLabel('Lives with the child?')).toHaveValue('yes');
  await typeInto(page, page.getByLabel('Men: seen by a professional for this enquiry?'), 'Y');
  await tabTo(page, page.getByRole('checkbox', { name: 'Police records' }));
  await page.keyboard.press('Space');
  await typeInto(page, page.getByLabel('Men: looks after the child alone at times?'), 'Y');
  await pressButton(page, 'Add person');
  await expect(page.getByRole('rowheader', { name: 'Connor Hale' })).toBeVisible();
  // His sister, at nursery: what this meeting decided for her, and her examination.
  await expect(page.getByLabel('Relationship to the child')).toBeFocused();
  await page.keyboard.type('Sib');
  await expect(page.getByLabel('Relationship to the child')).toHaveValue('sibling');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Mia Marsden');
  await typeInto(page, page.getByLabel('Another child: what this meeting decided for them'),
    'Seen at nursery today by the social worker; included in the joint visit.');
  await typeInto(page, page.getByLabel('Another child: to be examined by a paediatrician?'), 'Y');
  await pressButton(page, 'Add person');
  await expect(page.getByRole('rowheader', { name: 'Mia Marsden' })).toBeVisible();
  // The injury, saved as it is typed.
  await typeInto(page, page.getByLabel('What was seen'), 'A bruise 2 cm across on the left cheek.');
  await typeInto(page, page.getByLabel('Explanation given'), 'Mother: his sister hit him with a toy.');
  const fits = page.getByRole('group', { name: "Does the explanation fit the child's age and development?" });
  // "Not known" until answered: Tab reaches the chosen radio, an arrow moves the choice.
  await tabTo(page, fits.getByRole('radio', { name: 'Not known', exact: true }));
  await page.keyboard.press('ArrowLeft');
  await expect(fits.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
  await typeInto(page, page.getByLabel('First seen by', { exact: true }), 'Priya Nandra, health visitor');
  await typeDate(page, page.getByLabel('First seen by a professional on'), '2026-03-02');
  await typeInto(page, page.getByLabel('Protocol followed, with its version'), 'Bruising protocol, version 4');

  // One item of information, shared by a participant picked from the list: their agency,
  // the restriction health information starts with and the usual lawful basis follow.
  await openStage(page, 'Information shared');
  await typeInto(page, page.getByLabel('Shared by'), 'Priya');
  await expect(page.getByLabel('Shared by')).toHaveValue('p3');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Source agency')).toBeFocused();
  await expect(page.getByLabel('Source agency')).toHaveValue('Health');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2 cm bruise to the left cheek seen at a routine visit.');
  await expect(page.getByLabel('Lawful basis for sharing')).toHaveValue('statutoryDuty');
  await pressButton(page, 'Add information');
  // The choice the record needs is asked for in words, in a summary that takes focus and
  // links to the field.
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Select fact, opinion or hearsay']);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  // The link goes to the first of the radios; Space chooses it.
  await expect(page.getByRole('radio', { name: 'Fact', exact: true })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Fact', exact: true })).toBeChecked();
  // Who may receive it: the form shows the default that followed from Health; the chair
  // keeps it.
  const restrictions = page.getByRole('form', { name: 'Add information' })
    .getByRole('group', { name: 'Restrictions on sharing' });
  await expect(restrictions.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(restrictions.getByRole('checkbox', { name: 'Health confidential' })).toBeChecked();
  await pressButton(page, 'Add information');
  // Health-confidential, so hidden on the shared screen as soon as it is saved.
  await expect(page.getByRole('rowheader', { name: 'Hidden on the shared screen' })).toBeVisible();
  await expect(page.getByText(/2 cm bruise/)).toHaveCount(0);
  // The partner's police history, shared by the police: police sensitive from the start.
  await typeInto(page, page.getByLabel('Shared by'), 'Tom');
  await expect(page.getByLabel('Source agency')).toHaveValue('Police');
  await typeInto(page, page.getByLabel('What was shared'), 'Connor Hale: cautioned in 2022 for assaulting a former partner.');
  await tabTo(page, page.getByRole('radio', { name: 'Fact', exact: true }));
  await page.keyboard.press('Space');
  await expect(restrictions.getByRole('checkbox', { name: 'Police sensitive' })).toBeChecked();
  await pressButton(page, 'Add information');
  await expect(page.getByRole('rowheader', { name: 'Hidden on the shared screen' })).toHaveCount(2);
  // The lawful basis for sharing, as the law structures it: Space ticks and chooses.
  await tabTo(page, page.getByRole('checkbox', { name: 'Children Act 1989, section 47 (enquiries)' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('radio', { name: 'Public task (Article 6(1)(e))' }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('radio', { name: /^Safeguarding of children/ }));
  await page.keyboard.press('Space');
  const partThree = page.getByRole('group', { name: 'Did the police share under Part 3 of the Data Protection Act 2018?' });
  await tabTo(page, partThree.getByRole('radio', { name: 'Not known', exact: true }));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(partThree.getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
  const told = page.getByRole('group', { name: 'Has the family been told that information about them is shared?' });
  await tabTo(page, told.getByRole('radio', { name: 'Not known', exact: true }));
  await page.keyboard.press('ArrowLeft');
  await expect(told.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
  await typeInto(page, page.getByLabel('If not, why not, and when they will be'),
    'At the joint visit this afternoon: telling them first could prejudice the investigation.');

  // The child's voice: a section saved as it is typed.
  await openStage(page, "The child's voice");
  await typeInto(page, page.getByLabel('How it was captured'), 'Observed at home by the health visitor');
  await typeInto(page, page.getByLabel('Observed lived experience'), 'Leo feeds well and startles at raised voices.');
  await typeInto(page, page.getByLabel('Captured by'), 'Priya');
  await expect(page.getByLabel('Captured by')).toHaveValue('p3');

  // A worry: Alt+N jumps to the first field of the stage's first add form.
  await openStage(page, 'Assessment');
  await page.keyboard.press('Alt+N');
  const worries = page.getByRole('region', { name: 'What are we worried about?' });
  await expect(worries.getByLabel('Statement', { exact: true })).toBeFocused();
  await page.keyboard.type('An unexplained bruise on a pre-mobile baby.');
  // One box per restriction follows, each reachable by Tab; none is ticked by default here.
  await page.keyboard.press('Tab');
  await expect(worries.getByRole('checkbox', { name: 'Police sensitive' })).toBeFocused();
  await tabTo(page, worries.getByRole('button', { name: 'Add statement' }));
  await page.keyboard.press('Enter');
  await expect(worries.getByRole('rowheader', { name: 'An unexplained bruise on a pre-mobile baby.' })).toBeVisible();

  // Two safety scales, each person's own view: one typed in one line, one in the form.
  await openStage(page, 'Safety scales');
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('textbox', { name: 'Scale in one line', exact: true })).toBeFocused();
  await page.keyboard.type('Amara; 4; The bruise is unexplained but mother is engaging.');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Safety scales (1)' })).toBeVisible();
  for (const [who, score, reason] of [['Tom', '2', 'An unexplained injury to a baby.']]) {
    // Past the line and its button to the form.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Whose view')).toBeFocused();
    await page.keyboard.type(who);
    // The score is a row of radios, 0 to 10: Tab reaches 0, each arrow moves one along.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: '0', exact: true })).toBeFocused();
    for (let step = 0; step < Number(score); step += 1) await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: score, exact: true })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.type(reason);
    // Who may receive the reason: the form's default, kept.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: 'Police sensitive' })).toBeFocused();
    await tabTo(page, page.getByRole('button', { name: 'Save scale' }));
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('table', { name: 'Safety scales (2)' })).toBeVisible();

  // The threshold decision, by keyboard: Space chooses a radio or ticks a box, Tab moves on.
  await openStage(page, 'Decisions');
  const yes = page.getByRole('radio', { name: 'Yes: reasonable cause to suspect significant harm' });
  await tabTo(page, yes);
  await page.keyboard.press('Space');
  await expect(yes).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox', { name: 'Physical abuse' })).toBeFocused();
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('radio', { name: 'Section 47 enquiries, jointly with the police' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Why', { exact: true })).toBeFocused();
  await page.keyboard.type('A bruise on a baby who is not yet mobile, with no explanation.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Amara');
  await expect(page.getByLabel("Decided by (children's social care)")).toHaveValue('p1');

  // The child protection medical: the same day, with the mother's consent.
  await typeInto(page, page.getByLabel('Requested by'), 'Amara');
  await expect(page.getByLabel('Requested by')).toHaveValue('p1');
  await typeInto(page, page.getByLabel('Paediatrician'), 'Dr Hannah Osei, Northshire General');
  await tabTo(page, page.getByRole('radio', { name: 'Consent of a person with parental responsibility' }));
  await page.keyboard.press('Space');
  await typeInto(page, page.getByLabel('Who consented, or the order relied on'), 'Jade Marsden');
  await typeDate(page, page.getByLabel('Day of the medical'), '2026-03-02');
  await typeInto(page, page.getByLabel('Time', { exact: true }), '1400');
  if ((await page.getByLabel('Time', { exact: true }).inputValue()) === '') await page.keyboard.type('P');
  await expect(page.getByLabel('Time', { exact: true })).toHaveValue('14:00');
  for (const investigation of ['Skeletal survey', 'CT head scan', 'Eye examination (ophthalmology)']) {
    await tabTo(page, page.getByRole('checkbox', { name: investigation }));
    await page.keyboard.press('Space');
  }

  // The section 47 decision that follows, with its decision-maker.
  await typeInto(page, page.getByLabel('Type of decision'), 'S');
  await page.keyboard.press('ArrowDown'); // single agency -> joint with police
  await expect(page.getByLabel('Type of decision')).toHaveValue('s47Joint');
  await page.keyboard.press('Tab');
  await page.keyboard.type("Children's");
  await expect(page.getByLabel('Agency that owns it in law')).toHaveValue("Children's social care");
  await page.keyboard.press('Tab');
  await page.keyboard.type('Amara');
  await expect(page.getByLabel('Decision-maker')).toHaveValue('p1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('An unexplained injury to a pre-mobile baby with no consistent explanation.');
  await pressButton(page, 'Add decision');
  await expect(page.getByRole('rowheader', { name: 'Section 47 enquiry (joint with police)' })).toBeVisible();

  // A risk with its owner and review date.
  await openStage(page, 'Risks and owners');
  await typeInto(page, page.getByLabel('Risk', { exact: true }), 'Further injury while the explanation is unknown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Amara');
  await expect(page.getByLabel('Owner', { exact: true })).toHaveValue('p1');
  await typeDate(page, page.getByLabel('Review date'), '2026-03-04');
  await pressButton(page, 'Add risk');
  const risks = page.getByRole('table', { name: 'Risks and their owners (1)' });
  await expect(risks.getByRole('row', { name: /Further injury.*Amara Okafor \(Children's social care\).*4 March 2026/ })).toBeVisible();

  // An action with its owner and due date.
  await openStage(page, 'Actions');
  await typeInto(page, page.getByLabel('Action', { exact: true }), 'Arrange the child protection medical');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Priya');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Due date')).toBeFocused();
  await typeDate(page, page.getByLabel('Due date'), '2026-03-02');
  await pressButton(page, 'Add action');
  await expect(page.getByRole('row', { name: /Arrange the child protection medical.*Priya Nandra \(Health\).*2 March 2026/ })).toBeVisible();

  // What the family will be told.
  await openStage(page, 'What the family will be told');
  await typeInto(page, page.getByLabel('Who in the family'), 'The mother and Connor Hale');
  await page.keyboard.press('Tab');
  await page.keyboard.type('That a strategy meeting was held and a medical will follow.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Amara');
  await pressButton(page, 'Add communication');
  await expect(page.getByRole('rowheader', { name: /That a strategy meeting was held/ })).toBeVisible();

  // A recipient of the record.
  await openStage(page, 'Timescales and distribution');
  await typeInto(page, page.getByLabel('Name', { exact: true }), 'Tom Reyes');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Police');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('rowheader', { name: 'Tom Reyes' })).toBeVisible();

  // Check and finalise.
  await openStage(page, 'Check and finalise');
  await expect(page.getByRole('heading', { name: 'Ready to finalise' })).toBeVisible();
  await pressButton(page, 'Finalise the record');
  // It asks first, saying what will be locked.
  await expect(page.getByRole('heading', { name: 'Finalise this record?' })).toBeFocused();
  await pressButton(page, 'Confirm and finalise');
  // Focus follows the change, rather than falling to the top of the page.
  await expect(page.getByRole('heading', { name: 'This record is final', exact: true })).toBeFocused();
  const final = await record(page);
  expect(final.meta.status).toBe('final');
  expect(final.meta.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(final.participants).toHaveLength(3);
  expect(final.subjects.map((s) => s.role)).toEqual(['child', 'maleCarer', 'sibling']);
  expect(final.subjects[1]).toMatchObject({ livesWithChild: 'yes', seen: 'yes', checks: ['police'], caresAlone: 'yes' });
  expect(final.subjects[2]).toMatchObject({ toBeExamined: 'yes' });
  expect(final.subjects[2].ownDecision).toMatch(/^Seen at nursery/);
  expect(final.injury).toMatchObject({
    description: 'A bruise 2 cm across on the left cheek.',
    explanationFits: 'no',
    seenOn: '2026-03-02',
    protocol: 'Bruising protocol, version 4',
  });
  expect(final.medical).toMatchObject({
    requestedById: 'p1',
    authority: 'consent',
    consentFrom: 'Jade Marsden',
    date: '2026-03-02',
    time: '14:00',
    investigations: ['skeletalSurvey', 'ctHead', 'eyeExamination'],
  });
  expect(final.scales).toHaveLength(2);
  expect(final.decisions[0]).toMatchObject({ decisionType: 's47Joint', decisionMakerId: 'p1' });
  expect(final.risks[0]).toMatchObject({ ownerId: 'p1', reviewDate: '2026-03-04' });
  expect(final.actions[0]).toMatchObject({ ownerId: 'p3', due: '2026-03-02' });
  expect(final.information.map((item) => item.restrictions)).toEqual([['healthConfidential'], ['policeSensitive']]);
  expect(final.meeting.concernRaisedOn).toBe('2026-03-02');
  expect(final.lawfulBasis).toMatchObject({
    duties: ['section47'],
    article6: 'publicTask',
    specialCategory: 'safeguardingChildren',
    policePart3: 'yes',
    familyTold: 'no',
  });
  expect(final.lawfulBasis.notToldReason).toMatch(/^At the joint visit/);
  expect(final.familyCommunication).toHaveLength(1);
  expect(final.distribution).toHaveLength(1);
  // The digest on screen: its first 12 hex digits in groups of four.
  const hex = final.meta.digest.slice('sha256:'.length);
  await expect(page.getByText(`${hex.slice(0, 4)} ${hex.slice(4, 8)} ${hex.slice(8, 12)}…`)).toBeVisible();
  await expect(page.getByText('Final (read-only)')).toBeVisible();
  expect(problems).toEqual([]);
});

for (const chair of [false, true]) {
  test(`every stage of the example record has no axe violations${chair ? ' in chair mode' : ''}`, async ({ page }) => {
    test.setTimeout(120_000);
    await openSample(page);
    if (chair) {
      const toggle = page.getByRole('button', { name: 'Chair mode' });
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    }
    for (const title of STAGES) {
      await clickStage(page, title);
      await expectNoAxeViolations(page);
    }
    // Restricted items revealed, and the help panel open, are scanned too.
    await clickStage(page, 'Information shared');
    await page.getByRole('button', { name: 'Show restricted items' }).click();
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expectNoAxeViolations(page);
  });
}

test('screen-safe masks restricted items until revealed, and again after leaving the stage', async ({ page }) => {
  await openSample(page);
  await expect(page.getByRole('button', { name: 'Screen-safe' })).toHaveAttribute('aria-pressed', 'true');
  await clickStage(page, 'Information shared');
  const text = await visibleText(page);
  for (const secret of Object.values(RESTRICTED)) expect(text).not.toContain(secret);
  await expect(page.getByText('Restricted items are hidden on this shared screen.')).toBeVisible();
  // The shareable item is shown; each masked row says so once and offers no Change button
  // (its form would show the content).
  await expect(page.getByRole('rowheader', { name: /2 cm bruise/ })).toBeVisible();
  // Three items and the tool (not for the family) are hidden.
  await expect(page.getByRole('rowheader', { name: 'Hidden on the shared screen' })).toHaveCount(4);
  await expect(page.getByRole('button', { name: /^Change information item/ })).toHaveCount(1);

  const reveal = page.getByRole('button', { name: 'Show restricted items' });
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await reveal.click();
  await expect(reveal).toHaveAttribute('aria-pressed', 'true');
  for (const secret of Object.values(RESTRICTED)) await expect(page.getByRole('rowheader', { name: secret })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Change information item/ })).toHaveCount(4);

  // Leaving the stage masks them again.
  await page.getByRole('button', { name: 'Next: Information gaps' }).click();
  await clickStage(page, 'Information shared');
  const again = await visibleText(page);
  for (const secret of Object.values(RESTRICTED)) expect(again).not.toContain(secret);
  await expect(page.getByRole('button', { name: 'Show restricted items' })).toHaveAttribute('aria-pressed', 'false');

  // Other stages with restricted items: a risk, a worry, and the whole record at the end.
  await clickStage(page, 'Risks and owners');
  expect(await visibleText(page)).not.toContain('Conflict between the adults escalating');
  await clickStage(page, 'Assessment');
  expect(await visibleText(page)).not.toContain('Police call-outs suggest conflict at home.');
  await clickStage(page, 'Check and finalise');
  const check = await visibleText(page);
  for (const secret of Object.values(RESTRICTED)) expect(check).not.toContain(secret);
  expect(check).not.toContain('Police call-outs suggest conflict at home.');
  await page.getByRole('button', { name: 'Show restricted items' }).click();
  await expect(page.getByRole('rowheader', { name: /Police call-outs suggest conflict at home/ })).toBeVisible();
});

test('a spread of three points prompts discussion, and dissent can be recorded from it', async ({ page }) => {
  await openSample(page);
  await clickStage(page, 'Safety scales');
  const prompt = page.getByRole('note', { name: 'The views differ by 3 points, from 2 to 5' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('Ask those furthest apart');
  // The spread is shown, never averaged.
  expect((await visibleText(page)).toLowerCase()).not.toContain('average');

  // An empty dissent is refused with the reason, by the fields.
  await prompt.getByRole('button', { name: 'Record dissent' }).click();
  await expect(prompt.getByLabel('Who disagrees')).toBeFocused();
  await expect(prompt.getByLabel('Who disagrees')).toHaveAccessibleDescription(/Select who disagrees/);
  await expect(prompt.getByLabel('Their view, in their own words')).toHaveAccessibleDescription(/Enter their view/);

  await prompt.getByLabel('Who disagrees').selectOption({ label: 'Tom Reyes (Police)' });
  await prompt.getByLabel('Their view, in their own words').fill('Two call-outs and an unexplained injury: I would score this lower.');
  await prompt.getByRole('button', { name: 'Record dissent' }).click();
  await expect(page.getByRole('status').filter({ hasText: /dissent/i })).toHaveCount(1);
  const after = await record(page);
  expect(after.dissent).toHaveLength(2);
  expect(after.dissent[1]).toMatchObject({ participantId: 'p3', view: 'Two call-outs and an unexplained injury: I would score this lower.' });
  await expect(prompt.getByLabel('Their view, in their own words')).toHaveValue('');

  await clickStage(page, 'Dissent and escalation');
  await expect(page.getByRole('table', { name: 'Dissent (2)' }).getByRole('rowheader', { name: 'Tom Reyes (Police)' })).toBeVisible();
});

test('a finalised record is amended with who and why, never edited in place', async ({ page }) => {
  await openSample(page);
  await clickStage(page, 'Check and finalise');
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await expect(page.getByRole('heading', { name: 'This record is final', exact: true })).toBeFocused();
  await expect(page.getByText('Leo Marsden-Hale · Final (read-only)')).toBeVisible();
  const digest = (await record(page)).meta.digest;
  await expect(page.getByText(`${digest.slice(7, 11)} ${digest.slice(11, 15)} ${digest.slice(15, 19)}…`)).toBeVisible();

  // A final record offers no way to change a list.
  await clickStage(page, 'Risks and owners');
  await expect(page.getByRole('button', { name: 'Add risk' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await clickStage(page, 'Check and finalise');

  // An amendment without the why is refused, with focus on the summary.
  const form = page.getByRole('form', { name: 'Amend the record' });
  await form.getByLabel('Your name').fill('Amara Okafor');
  await form.getByRole('button', { name: 'Add amendment' }).click();
  const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Enter why the record is being amended', 'Enter the amendment']);

  await form.getByLabel('Your role').fill('Team manager');
  await form.getByLabel('Your agency').fill("Children's social care");
  await form.getByLabel('Why is the record being amended?').fill('The medical took place on 3 March, not 2 March.');
  await form.getByLabel('The amendment').fill('Action 1: the medical was held on 2026-03-03.');
  await form.getByRole('button', { name: 'Add amendment' }).click();

  await expect(page.getByText('Leo Marsden-Hale · Final, amended (read-only)')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This record is final, with amendments' })).toBeVisible();
  await expect(page.getByText(/by Amara Okafor \(Children's social care\): Action 1: the medical was held on 2026-03-03\. Reason: The medical took place on 3 March/).first()).toBeVisible();
  const amended = await record(page);
  expect(amended.meta.status).toBe('amended');
  expect(amended.amendments).toHaveLength(1);
  expect(amended.amendments[0].by).toMatchObject({ name: 'Amara Okafor', role: 'Team manager', agency: "Children's social care" });
  // The digest of the finalised content is kept; the amendment is appended beside it.
  expect(amended.meta.digest).toBe(digest);
  await expectNoAxeViolations(page);
});

test('what happened after the meeting is added to a final record, each kind asking what it needs', async ({ page }) => {
  await openSample(page);
  await clickStage(page, 'Check and finalise');
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await expect(page.getByRole('heading', { name: 'This record is final', exact: true })).toBeFocused();
  const digest = (await record(page)).meta.digest;

  // The conference, without its day or whether a plan was made: refused, saying what.
  const form = page.getByRole('form', { name: 'What happened after the meeting' });
  // Only what the chosen kind asks for is shown.
  const planGroup = form.getByRole('group', { name: 'The conference: is the child subject to a child protection plan?' });
  await expect(planGroup).toHaveCount(0);
  await form.getByRole('radio', { name: 'The initial child protection conference was held' }).check();
  await expect(planGroup).toBeVisible();
  await expect(form.getByLabel("The enquiry's outcome (Standard Safeguarding Dataset)")).toHaveCount(0);
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Enter when the conference was held',
    'Say whether the child became subject to a child protection plan',
  ]);
  await form.getByLabel('When it happened').fill('2026-03-23');
  const plan = form.getByRole('group', { name: 'The conference: is the child subject to a child protection plan?' });
  await plan.getByRole('radio', { name: 'Yes', exact: true }).check();
  await form.getByRole('checkbox', { name: 'Physical abuse' }).check();
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(page.getByText(/The initial child protection conference was held; on .*; child protection plan: Yes; category: Physical abuse/).first()).toBeVisible();

  const followed = await record(page);
  expect(followed.followUp).toHaveLength(1);
  expect(followed.followUp[0]).toMatchObject({ kind: 'conferenceHeld', on: '2026-03-23', plan: 'yes', categories: ['physical'] });
  // Nothing in the record changed: its digest stands, and it is still final.
  expect(followed.meta.digest).toBe(digest);
  expect(followed.meta.status).toBe('final');
  expect(followed.audit.at(-1).change).toMatch(/^Followed up the record: /);
  await expectNoAxeViolations(page);
});

test('the minutes print on their own, without the stage UI', async ({ page }) => {
  await openSample(page);
  // A browser fires beforeprint when printing starts; emulated print media does not.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const minutes = page.getByRole('heading', { name: 'Minutes of the strategy meeting' });
  await expect(minutes).toBeVisible();
  await expect(taskList(page)).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Strategy meeting record' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Chair mode' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Stage navigation' })).toBeHidden();
  // Every stage's section is there, restricted items marked rather than dropped, the
  // wellbeing debrief left out.
  for (const title of STAGES.slice(0, -2)) {
    await expect(page.getByRole('heading', { level: 3, name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByText('Restricted: Police sensitive.').first()).toBeVisible();
  await expect(page.getByText('3 points, from 2 to 5')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wellbeing debrief' })).toHaveCount(0);
  await page.screenshot({ fullPage: true, path: 'test-results/minutes-print.png' });
  // On an A4 page's width (210 mm less the 15 mm margins) every table fits: none is cut,
  // and the browser need not shrink the page to fit.
  await page.setViewportSize({ width: 680, height: 900 });
  const tooWide = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.rs-minutes table')]
        .filter((table) => table.getBoundingClientRect().width > table.parentElement.getBoundingClientRect().width + 0.5)
        .map((table) => table.caption?.textContent),
    );
  expect(await tooWide()).toEqual([]);
  // So does a table holding a link, which breaks inside the link only.
  const link = 'https://intranet.example.org/cases/NS-204518/documents/' + 'x'.repeat(60);
  await page.evaluate((link) => {
    const { widget } = window.riskSensibleDemo;
    const record = widget.record();
    record.information[0].content += ` ${link}`;
    record.decisions[0].rationale += ` ${link}`;
    widget.load(record);
    window.dispatchEvent(new Event('beforeprint'));
  }, link);
  await expect(page.locator('.rs-minutes td', { hasText: link })).toHaveCount(1);
  expect(await tooWide()).toEqual([]);
  // Chair mode's large type stays on screen.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Chair mode' }).click();
  // A browser fires beforeprint when printing starts; emulated print media does not.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const size = await minutes.evaluate((element) => getComputedStyle(element.closest('.rs-widget')).fontSize);
  expect(Number.parseFloat(size)).toBeLessThan(16);
});

test('keyboard shortcuts move between stages and to the add form, and are listed in a help panel', async ({ page }) => {
  await openDemo(page);
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await tabTo(page, help);
  // Visible focus: a solid outline at least 3 px wide.
  const outline = await help.evaluate((element) => {
    const style = getComputedStyle(element);
    return [style.outlineStyle, Number.parseFloat(style.outlineWidth)];
  });
  expect(outline[0]).toBe('solid');
  expect(outline[1]).toBeGreaterThanOrEqual(3);

  await expect(help).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(help).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'Keyboard shortcuts' });
  await expect(panel).toBeVisible();
  for (const [keys, what] of [
    ['Alt + Page Down', 'Next stage'],
    ['Alt + Page Up', 'Previous stage'],
    ['Alt + N', 'Add an item on this stage'],
    ['Alt + M', 'Go to the list of stages'],
  ]) {
    await expect(panel.getByRole('term').filter({ hasText: keys })).toBeVisible();
    await expect(panel.getByRole('definition').filter({ hasText: what })).toBeVisible();
  }
  await page.keyboard.press('Enter');
  await expect(panel).toHaveCount(0);

  await page.keyboard.press('Alt+PageDown');
  await expect(stageHeading(page, 'Child and household')).toBeFocused();
  await page.keyboard.press('Alt+PageDown');
  await expect(stageHeading(page, 'Information shared')).toBeFocused();
  await page.keyboard.press('Alt+PageUp');
  await expect(stageHeading(page, 'Child and household')).toBeFocused();
  await page.keyboard.press('Alt+N');
  await expect(page.getByLabel('Relationship to the child')).toBeFocused();
  await page.keyboard.press('Alt+M');
  await expect(taskList(page).getByRole('link', { name: 'Child and household' })).toBeFocused();
  await page.keyboard.press('Alt+PageUp');
  await expect(stageHeading(page, 'Attendance and reason')).toBeFocused();
  // Nothing before the first stage.
  await page.keyboard.press('Alt+PageUp');
  await expect(stageHeading(page, 'Attendance and reason')).toBeFocused();

  // On the scales stage Alt+N goes to its one-line entry, not the spread prompt's form.
  await openSample(page);
  await tabTo(page, page.getByRole('button', { name: 'Chair mode' }));
  // Each press moves one stage on from the stage drawn: wait for it before the next.
  for (const title of ['Child and household', 'Information shared', 'Information gaps', "The child's voice", 'Assessment', 'Safety scales']) {
    await page.keyboard.press('Alt+PageDown');
    await expect(stageHeading(page, title)).toBeFocused();
  }
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('textbox', { name: 'Scale in one line', exact: true })).toBeFocused();
});

test('an item typed in one line: people by name, dates in words, a wrong part said where it is, a warning asked in the form', async ({ page }) => {
  const problems = await openSample(page);
  const actions = async () => (await page.evaluate(() => window.riskSensibleDemo.widget.record())).actions;
  await clickStage(page, 'Actions');
  const count = (await actions()).length;
  const entry = page.getByRole('form', { name: 'Action in one line', exact: true });
  const line = entry.getByRole('textbox', { name: 'Action in one line', exact: true });
  await page.keyboard.press('Alt+N');
  await expect(line).toBeFocused();

  // A part that names nobody is said at the line, which keeps what was typed.
  await page.keyboard.type('Call the GP; Tim; Friday');
  await page.keyboard.press('Enter');
  await expect(entry.getByText('Owner: no participant is called "Tim": add them to the participants first.')).toBeVisible();
  await expect(line).toHaveValue('Call the GP; Tim; Friday');
  await expect(line).toHaveAttribute('aria-invalid', 'true');
  await expect(line).toBeFocused();
  expect(await actions()).toHaveLength(count);

  // Put right, the line shows what it will add (the meeting was on Monday 2 March 2026),
  // and Enter adds it, leaving the line empty and focused for the next.
  await line.fill('Call the GP; priya; Friday');
  await expect(entry).toContainText('Will add: Action: Call the GP · Owner: Priya Nandra (Health) · Due date: 6 March 2026');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('rowheader', { name: 'Call the GP', exact: true })).toBeVisible();
  await expect(line).toHaveValue('');
  await expect(line).toBeFocused();
  const added = (await actions()).at(-1);
  expect([added.task, added.due]).toEqual(['Call the GP', '2026-03-06']);
  const priya = (await page.evaluate(() => window.riskSensibleDemo.widget.record())).participants.find((p) => p.name === 'Priya Nandra');
  expect(added.ownerId).toBe(priya.id);

  // A warning goes to the form, which holds the item until it is saved as it is.
  await page.keyboard.type('Chase the school; Tom; 1/3');
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Add action' });
  const check = form.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toBeFocused();
  await expect(check.getByRole('link')).toHaveText('This action is due on 1 March 2026, before the meeting on 2 March 2026: check the date');
  await expect(form.getByLabel('Action', { exact: true })).toHaveValue('Chase the school');
  await expect(line).toHaveValue('');
  expect(await actions()).toHaveLength(count + 1);
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Add action' }).click();
  expect((await actions()).at(-1)).toMatchObject({ task: 'Chase the school', due: '2026-03-01' });

  // Enter straight after the last key, before the page has drawn it: the line as typed is
  // what is read.
  await page.evaluate(() => {
    const box = document.querySelector('input[id$="-action-line"]');
    box.value = 'Ring the school; Tom; Friday';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.form.requestSubmit();
  });
  await expect(page.getByRole('rowheader', { name: 'Ring the school', exact: true })).toBeVisible();
  expect((await actions()).at(-1)).toMatchObject({ task: 'Ring the school', due: '2026-03-06' });
  expect(problems).toEqual([]);
});

test('Enter adds a statement and the next starts at once; Shift + Enter starts a new line', async ({ page }) => {
  const problems = await openDemo(page);
  await clickStage(page, 'Assessment');
  const worries = page.getByRole('region', { name: 'What are we worried about?', exact: true });
  const box = worries.getByLabel('Statement', { exact: true });
  await box.click();
  await page.keyboard.type('An unexplained bruise.');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('Seen on Monday.');
  await expect(box).toHaveValue('An unexplained bruise.\nSeen on Monday.');
  await page.keyboard.press('Enter');
  await expect(worries.getByRole('rowheader', { name: /An unexplained bruise\.\s*Seen on Monday\./ })).toBeVisible();
  await expect(box).toHaveValue('');
  await expect(box).toBeFocused();
  await page.keyboard.type('Police call-outs.');
  await page.keyboard.press('Enter');
  await expect(worries.getByRole('rowheader', { name: 'Police call-outs.', exact: true })).toBeVisible();
  const statements = (await page.evaluate(() => window.riskSensibleDemo.widget.record())).assessment.worries.map((s) => s.text);
  expect(statements).toEqual(['An unexplained bruise.\nSeen on Monday.', 'Police call-outs.']);
  expect(problems).toEqual([]);
});

test('forced colours and reduced motion are respected', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  await openSample(page);
  await clickStage(page, 'Safety scales');
  // Buttons keep a border when their fill is dropped, the chosen scale points an outline.
  const border = await page.getByRole('button', { name: 'Save scale' }).evaluate((element) => {
    const style = getComputedStyle(element);
    return [style.borderTopStyle, Number.parseFloat(style.borderTopWidth), style.borderTopColor];
  });
  expect(border[0]).toBe('solid');
  expect(border[1]).toBeGreaterThanOrEqual(2);
  expect(border[2]).not.toBe('rgba(0, 0, 0, 0)'); // transparent outside forced colours
  const chosen = await page.locator('.rs-scales__point--chosen').first().evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(chosen).toBe('solid');
  // Nothing moves when reduced motion is asked for.
  await clickStage(page, 'Decisions');
  expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
  await expectNoAxeViolations(page);
});

for (const [label, width, chair] of [
  ['320 px', 320, false],
  ['320 px in chair mode', 320, true],
  ['640 px (200% zoom of a 1280 px screen)', 640, false],
]) {
  test(`at ${label} no stage scrolls the page sideways`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 800 });
    await openSample(page, { chair });
    const wide = [];
    for (const title of STAGES) {
      await clickStage(page, title);
      if (!(await noHorizontalScroll(page))) wide.push(title);
      if (width === 320 && !chair) await expectNoAxeViolations(page);
    }
    expect(wide).toEqual([]);
  });
}

test('every state can be seen: toggles look pressed when on, a banner while restricted items show, chair mode puts the stage first', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openSample(page);
  const look = (name) => page.getByRole('button', { name, exact: true }).evaluate((button) => {
    const style = getComputedStyle(button);
    return `${style.backgroundColor} ${style.color} ${getComputedStyle(button, '::before').content}`;
  });
  const chair = page.getByRole('button', { name: 'Chair mode', exact: true });
  const off = await look('Chair mode');
  await chair.click();
  await expect(chair).toHaveAttribute('aria-pressed', 'true');
  expect(await look('Chair mode'), 'a toggle that is on looks different').not.toBe(off);
  expect(await look('Screen-safe'), 'two toggles that are on look alike').toBe(await look('Chair mode'));

  // Chair mode at 1920×1080: the stage's content starts on the first screen, and every
  // stage's status is still shown in the strip.
  const heading = stageHeading(page, 'Attendance and reason');
  const box = await heading.boundingBox();
  expect(box.y + box.height).toBeLessThan(1080 / 2);
  const content = await page.getByRole('heading', { name: 'Who is present', level: 4 }).boundingBox();
  expect(content.y + content.height).toBeLessThan(1080);
  const statuses = taskList(page).locator('.rs-tag');
  await expect(statuses).toHaveCount(16);
  for (const status of await statuses.all()) await expect(status).toBeVisible();

  // No banner while screen-safe masks restricted items; one that stays on screen while they
  // show, on this stage after a reveal or everywhere with screen-safe off.
  const banner = page.getByRole('status').filter({ hasText: 'restricted items are shown' });
  await expect(banner).toHaveCount(0);
  await clickStage(page, 'Information shared');
  await page.getByRole('button', { name: 'Show restricted items' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restricted items are shown on this stage' })).toBeVisible();
  await page.getByRole('button', { name: 'Hide restricted items' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restricted items are shown on this stage' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Screen-safe', exact: true }).click();
  await expect(banner).toBeVisible();
  await page.mouse.wheel(0, 3000);
  await expect(banner).toBeInViewport();
  await clickStage(page, 'Decisions');
  await expect(banner).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Hide restricted items' }).click();
  await expect(page.getByRole('button', { name: 'Screen-safe', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(banner).toHaveCount(0);
});

test('the followed-up example shows what happened after the meeting in the widget and the printed minutes', async ({ page }) => {
  await openDemo(page, '/sample.html?record=followed-up');
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'Check and finalise' }).click();
  const after = page.getByRole('heading', { name: 'After the meeting' });
  await expect(after.first()).toBeVisible();
  await expect(page.getByText(/The outcome of the section 47 enquiry.*ICPC/).first()).toBeVisible();
  await expect(page.getByText(/The initial child protection conference was held.*child protection plan: Yes/).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('.rs-print-only');
  await expect(printed).toContainText('After the meeting');
  await expect(printed).toContainText('Chaired by an independent reviewing officer');
});

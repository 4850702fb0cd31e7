// The first stage end to end: meeting details and who is present, on the built demo page,
// driven by roles, accessible names and the keyboard.
import { test, expect } from '@playwright/test';
import { openDemo, expectNoAxeViolations, openStage, tabTo } from './helpers.mjs';

test.use({ locale: 'en-GB' });

/** Adds a participant using only the keyboard, starting from wherever focus is. */
async function addByKeyboard(page, { name, role, agency }) {
  if (!(await page.getByLabel('Full name').isVisible())) await openStage(page, 'Attendance and reason');
  await tabTo(page, page.getByLabel('Full name'));
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(role);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Agency')).toBeFocused();
  // A closed select picks the option that starts with what is typed.
  await page.keyboard.type(agency);
  await expect(page.getByLabel('Agency')).toHaveValue(agency);
  // Enter in a field submits the form, as it would anywhere on the web.
  await tabTo(page, page.getByLabel('Role'), { backwards: true });
  await page.keyboard.press('Enter');
}

test('a person adds participants with the keyboard alone', async ({ page }) => {
  const problems = await openDemo(page);
  await addByKeyboard(page, { name: 'Ruth Adeyemi', role: 'Social worker', agency: 'Children\'s social care' });
  await addByKeyboard(page, { name: 'Tom Reyes', role: 'Detective sergeant', agency: 'Police' });

  const table = page.getByRole('table', { name: 'Participants (2)' });
  await expect(table.getByRole('rowheader', { name: 'Ruth Adeyemi' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Tom Reyes Detective sergeant Police Attended/ })).toBeVisible();
  // Focus is back in the name field, ready for the next person.
  await expect(page.getByLabel('Full name')).toBeFocused();
  // The host heard about each change through the widget's events.
  await expect(page.getByText('Changes received: 2. Participants in the record: 2.')).toBeVisible();
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.participants.map((p) => [p.id, p.name, p.agency])).toEqual([
    ['p1', 'Ruth Adeyemi', 'Children\'s social care'],
    ['p2', 'Tom Reyes', 'Police'],
  ]);
  expect(problems).toEqual([]);
});

test('a missing name and agency are reported in a summary that links to each field', async ({ page }) => {
  await openDemo(page);
  await openStage(page, 'Attendance and reason');
  await tabTo(page, page.getByLabel('Role'));
  await page.keyboard.type('Health visitor');
  await page.keyboard.press('Enter');

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Enter the participant\'s full name',
    'Select the participant\'s agency',
  ]);
  await expect(page.getByLabel('Full name')).toHaveAccessibleDescription(/Enter the participant's full name/);
  await expectNoAxeViolations(page);

  // Following a link by keyboard puts focus in the field it names.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Full name')).toBeFocused();
  await page.keyboard.type('Priya Nandra');
  await tabTo(page, page.getByLabel('Agency'));
  await page.keyboard.type('Health');
  // Enter on a select does not submit a form; the submit button is the next stop after
  // the radio groups.
  await tabTo(page, page.getByRole('button', { name: 'Add participant' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('rowheader', { name: 'Priya Nandra' })).toBeVisible();
  await expect(page.getByText('There is a problem')).toHaveCount(0);
});

test('a participant is changed and removed from the keyboard', async ({ page }) => {
  await openDemo(page);
  await addByKeyboard(page, { name: 'Jo Bell', role: 'Teacher', agency: 'Education' });

  await tabTo(page, page.getByRole('button', { name: 'Change Jo Bell' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Change participant details' })).toBeVisible();
  await expect(page.getByLabel('Full name')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Designated safeguarding lead');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: /Jo Bell Designated safeguarding lead Education/ })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Remove Jo Bell' }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByText('No participants yet.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Removed the participant Jo Bell (Education)' })).toHaveCount(1);
});

test('the chair cannot be removed while chairing, and the refusal says why', async ({ page }) => {
  await openDemo(page);
  await addByKeyboard(page, { name: 'Amara Okafor', role: 'Team manager', agency: 'Children\'s social care' });
  await openStage(page, 'Attendance and reason');
  await page.getByLabel('Chair').selectOption({ label: 'Amara Okafor (Team manager, Children\'s social care)' });
  await openStage(page, 'Attendance and reason');
  await page.getByRole('button', { name: 'Remove Amara Okafor' }).click();
  await expect(page.getByRole('alert')).toContainText('Amara Okafor (Children\'s social care) cannot be removed because they are recorded as the chair');
  await expect(page.getByRole('rowheader', { name: 'Amara Okafor' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('meeting details are recorded, and their problems are shown only when the chair checks the stage', async ({ page }) => {
  await openDemo(page);
  // Calm until asked: nothing is flagged on an empty meeting.
  const typeError = page.getByText('Select the type of meeting');
  await expect(typeError).toHaveCount(0);
  const link = page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'Attendance and reason' });
  await expect(link).toHaveAccessibleDescription('Not started');

  await page.getByRole('radio', { name: 'Strategy meeting' }).check();
  await page.getByRole('radio', { name: 'Video call' }).check();
  await page.getByLabel('Date of meeting').fill('2026-03-02');
  await page.getByLabel('Start time').fill('10:30');
  await page.getByLabel('Reason for the meeting').fill('Bruise to the cheek of a 4-month-old baby, seen by the health visitor.');
  await expect(link).toHaveAccessibleDescription('In progress');
  await expect(page.getByLabel('Chair')).not.toHaveAccessibleDescription(/Select who chaired the meeting/);
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.meeting).toMatchObject({
    meetingType: 'strategyMeeting',
    mode: 'video',
    date: '2026-03-02',
    startTime: '10:30',
  });

  // The chair asks: what remains is listed at the top of the stage, which takes focus, and
  // shown by its field, which describes it to assistive technology.
  await page.getByRole('button', { name: 'Check this stage' }).click();
  const check = page.locator('.rs-stage-check');
  await expect(check).toBeFocused();
  await expect(check).toContainText('This stage needs attention');
  await expect(check).toContainText('Select who chaired the meeting');
  await expect(page.getByLabel('Chair')).toHaveAccessibleDescription(/Select who chaired the meeting/);
  await expect(link).toHaveAccessibleDescription('Needs attention');
  await expectNoAxeViolations(page);
});

test('the demo page has no accessibility violations when empty or filled', async ({ page }) => {
  await openDemo(page);
  await expectNoAxeViolations(page);
  await addByKeyboard(page, { name: 'Ruth Adeyemi', role: 'Social worker', agency: 'Children\'s social care' });
  await expectNoAxeViolations(page);
});

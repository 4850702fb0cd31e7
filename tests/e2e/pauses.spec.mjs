// The live meeting's pauses and human text: finalising asks first (by keyboard, Escape
// goes back), a removal can be undone on its stage (back in place, both in the audit
// trail), a second scale for one person asks before replacing, dates in the host's locale,
// the digest short with a copy button, dates checked as they are entered, and Change /
// Remove never clipped off a table at 1366 x 768 or 320 px. Driven by roles and accessible
// names; axe on each new piece of UI. Everyone named is invented (the sample record).
import { test, expect } from '@playwright/test';
import { openDemo, expectNoAxeViolations, openStage, tabTo } from './helpers.mjs';

test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

const record = (page) => page.evaluate(() => window.riskSensibleDemo.widget.record());
const taskList = (page) => page.getByRole('navigation', { name: 'Meeting stages' });

async function clickStage(page, title) {
  await taskList(page).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 3, name: title, exact: true })).toBeFocused();
}

test('finalising asks first, by keyboard: what will be locked, Escape and Cancel go back, Confirm finalises', async ({ page }) => {
  const problems = await openDemo(page, '/sample.html');
  await openStage(page, 'Check and finalise');
  const finalise = page.getByRole('button', { name: 'Finalise the record' });
  await tabTo(page, finalise);
  await page.keyboard.press('Enter');

  const confirm = page.getByRole('region', { name: 'Finalise this record?' });
  await expect(confirm.getByRole('heading', { name: 'Finalise this record?' })).toBeFocused();
  const sample = await record(page);
  for (const line of [
    `${sample.participants.length} participants`,
    `${sample.decisions.length} decisions`,
    `${sample.risks.length} risks`,
    `${sample.actions.length} actions`,
  ]) {
    await expect(confirm.getByRole('listitem').filter({ hasText: new RegExp(`^${line}$`) })).toHaveCount(1);
  }
  await expect(confirm).toContainText('corrections and additions can only be added as amendments');
  await expectNoAxeViolations(page);

  // Escape goes back to the finalise button; nothing is finalised.
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(finalise).toBeFocused();
  expect((await record(page)).meta.status).toBe('draft');

  // Cancel does the same.
  await page.keyboard.press('Enter');
  await expect(confirm.getByRole('heading', { name: 'Finalise this record?' })).toBeFocused();
  await tabTo(page, confirm.getByRole('button', { name: 'Cancel' }));
  await page.keyboard.press('Enter');
  await expect(finalise).toBeFocused();
  expect((await record(page)).meta.status).toBe('draft');

  // Confirm finalises.
  await page.keyboard.press('Enter');
  await tabTo(page, confirm.getByRole('button', { name: 'Confirm and finalise' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'This record is final', exact: true })).toBeFocused();
  expect((await record(page)).meta.status).toBe('final');
  expect(problems).toEqual([]);
});

test('a removal says what went in words and can be undone in place on its stage, the audit trail keeping both', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await openStage(page, 'Actions');
  const before = await record(page);
  const task = before.actions[1].task;

  await tabTo(page, page.getByRole('button', { name: 'Remove action 2' }));
  await page.keyboard.press('Enter');
  const removed = page.getByText(`Removed the action "${task}".`);
  await expect(removed).toBeFocused();
  await expect(page.locator('.rs-stage')).not.toContainText('[x2]');
  expect((await record(page)).actions.map((action) => action.id)).toEqual(['x1', 'x3']);
  // While it is gone, the family's copy no longer holds it.
  expect((await record(page)).familyCopy.approved.some((approval) => approval.id === 'x2' && approval.list === 'actions')).toBe(false);
  await expectNoAxeViolations(page);

  await page.keyboard.press('Tab');
  const undo = page.getByRole('button', { name: /^Undo/ });
  await expect(undo).toBeFocused();
  await expect(undo).toHaveAccessibleName(`Undo (put back the action "${task}")`);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Put back the action "${task}" where it was.`)).toBeFocused();
  await expect(undo).toHaveCount(0);

  const after = await record(page);
  expect(after.actions).toEqual(before.actions);
  // Its approval for the family's copy, with the police's agreement, is back too.
  expect(after.familyCopy.approved).toContainEqual(before.familyCopy.approved.find((approval) => approval.id === 'x2' && approval.list === 'actions'));
  const changes = after.audit.slice(before.audit.length).map((entry) => entry.change);
  expect(changes).toEqual([`Removed action "${task}" [x2]`, `Restored action "${task}" [x2]`]);
  expect(after.audit.slice(0, before.audit.length)).toEqual(before.audit);
  await expect(page.getByRole('table', { name: 'Actions (3)' }).getByRole('rowheader').nth(1)).toHaveText(task);

  // The offer ends when the chair leaves the stage.
  await page.getByRole('button', { name: 'Remove action 1' }).click();
  await expect(page.getByRole('button', { name: /^Undo/ })).toBeVisible();
  await clickStage(page, 'Risks and owners');
  await clickStage(page, 'Actions');
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveCount(0);
  await expect(page.locator('.rs-stage').getByText(/^Removed the action/)).toHaveCount(0);
});

test('a removed participant and a withdrawn scale are put back where they were', async ({ page }) => {
  await openDemo(page, '/sample.html');
  // Someone who owns nothing, added at the end and removed: back at the end.
  await clickStage(page, 'Attendance and reason');
  await page.getByLabel('Full name').fill('Jo Bell');
  await page.getByLabel('Role').fill('Teacher');
  await page.getByLabel('Agency').selectOption('Education');
  await page.getByRole('button', { name: 'Add participant' }).click();
  const before = await record(page);
  await page.getByRole('button', { name: 'Remove Jo Bell' }).click();
  await expect(page.getByText('Removed the participant Jo Bell (Education).')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Removed the participant Jo Bell (Education)' })).toHaveCount(1);
  await page.getByRole('button', { name: /^Undo/ }).click();
  expect((await record(page)).participants).toEqual(before.participants);

  // A scale in the middle of the list.
  await clickStage(page, 'Safety scales');
  await page.getByRole('button', { name: 'Show restricted items' }).click();
  const scales = (await record(page)).scales;
  await page.getByRole('button', { name: 'Withdraw scale of Ruth Adeyemi (Children\'s social care)' }).click();
  await expect(page.getByText("Withdrew the safety scale of Ruth Adeyemi (Children's social care).")).toBeFocused();
  await page.getByRole('button', { name: /^Undo/ }).click();
  expect((await record(page)).scales).toEqual(scales);
  await expectNoAxeViolations(page);
});

test('a second scale for one person asks whether to replace the earlier one, showing it', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await clickStage(page, 'Safety scales');
  const form = page.getByRole('form', { name: 'Record a scale' });
  await form.getByLabel('Whose view').selectOption({ label: 'Tom Reyes (Police)' });
  await form.getByRole('radio', { name: '6', exact: true }).check();
  await form.getByLabel('Why this score').fill('Checks came back clear.');
  await form.getByRole('button', { name: 'Save scale' }).click();

  const question = form.getByRole('region', { name: 'Tom Reyes (Police) has a scale already' });
  await expect(question.getByRole('heading')).toBeFocused();
  // Screen-safe: the police officer's restricted reason is not shown, the score is.
  await expect(question).toContainText('Their earlier score is 2');
  await expect(question).toContainText('Replace it with 6?');
  await expectNoAxeViolations(page);

  // Keep the earlier one: nothing changes, and what was typed stays.
  await question.getByRole('button', { name: 'Keep the earlier one' }).click();
  await expect(form.getByLabel('Whose view')).toBeFocused();
  await expect(form.getByLabel('Why this score')).toHaveValue('Checks came back clear.');
  const p3 = async () => (await record(page)).scales.find((scale) => scale.participantId === 'p3');
  expect((await p3()).score).toBe(2);

  // By keyboard: Escape keeps it too.
  await form.getByRole('button', { name: 'Save scale' }).press('Enter');
  await expect(question.getByRole('heading')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(form.getByLabel('Whose view')).toBeFocused();
  expect((await p3()).score).toBe(2);

  // Replace.
  await form.getByRole('button', { name: 'Save scale' }).click();
  await question.getByRole('button', { name: 'Replace' }).click();
  expect(await p3()).toMatchObject({ score: 6, reason: 'Checks came back clear.' });
  expect((await record(page)).scales.filter((scale) => scale.participantId === 'p3')).toHaveLength(1);

  // Changing someone's own scale from its row replaces it without asking.
  await page.getByRole('button', { name: 'Change scale of Tom Reyes (Police)' }).click();
  await form.getByRole('radio', { name: '5', exact: true }).check();
  await form.getByRole('button', { name: 'Save scale' }).click();
  await expect(question).toHaveCount(0);
  expect((await p3()).score).toBe(5);
});

test('dates and times are shown in the host\'s locale, never as ISO', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await clickStage(page, 'Actions');
  await expect(page.getByRole('row', { name: /Joint visit to see Jade and Connor.* 3 March 2026/ })).toBeVisible();
  await clickStage(page, 'Timescales and distribution');
  await expect(page.locator('.rs-clocks')).toContainText('3 March 2026');
  await clickStage(page, 'Check and finalise');
  const check = page.locator('.rs-finalise__check');
  await expect(check).toContainText('2 March 2026, 10:30');
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  const finalised = page.locator('.rs-summary-list__row').filter({ has: page.locator('dt', { hasText: /^Finalised$/ }) }).locator('dd');
  await expect(finalised).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}$/);
  const text = await page.locator('.rs-stage').innerText();
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
});

test.describe('in another locale', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });
  test('dates follow the browser\'s locale', async ({ page }) => {
    await openDemo(page, '/sample.html');
    await clickStage(page, 'Actions');
    await expect(page.getByRole('row', { name: /Joint visit to see Jade and Connor.* March 3, 2026/ })).toBeVisible();
  });
});

test('the digest is shown short, whole on request, and copied whole', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await clickStage(page, 'Check and finalise');
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  const digest = (await record(page)).meta.digest;
  const hex = digest.slice('sha256:'.length);
  const short = `${hex.slice(0, 4)} ${hex.slice(4, 8)} ${hex.slice(8, 12)}…`;
  const row = page.locator('.rs-finalise__digest');
  await expect(row.getByText(short)).toBeVisible();
  // The whole value is not on screen until asked for, and then it is.
  await expect(page.getByText(digest, { exact: true })).toBeHidden();
  await row.getByText('Show the full digest').click();
  await expect(row.getByText(digest)).toBeVisible();

  const copy = row.getByRole('button', { name: 'Copy the full digest' });
  await tabTo(page, copy, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(row.getByRole('status')).toHaveText('The full digest was copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digest);
  await expectNoAxeViolations(page);

  // On paper, the whole value.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.rs-print-only').getByText(`Integrity digest: ${digest}`)).toBeVisible();
});

test('an action due before the meeting asks to be checked as it is saved; a birth after the meeting is refused', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await clickStage(page, 'Actions');
  const form = page.getByRole('form', { name: 'Add action' });
  await form.getByLabel('Action', { exact: true }).fill('Strategy review');
  await form.getByLabel('Owner').selectOption({ label: 'Amara Okafor (Children\'s social care)' });
  await form.getByLabel('Due date').fill('2025-03-09');
  const count = (await record(page)).actions.length;
  await form.getByRole('button', { name: 'Add action' }).click();

  const check = form.getByRole('alert').filter({ hasText: 'Check before saving' });
  await expect(check).toBeFocused();
  await expect(check.getByRole('link')).toHaveText('This action is due on 9 March 2025, before the meeting on 2 March 2026: check the date');
  expect((await record(page)).actions).toHaveLength(count);
  await expectNoAxeViolations(page);
  // The link goes to the date.
  await check.getByRole('link').click();
  await expect(form.getByLabel('Due date')).toBeFocused();
  // Saved again as it is, it goes, and stays in what needs attention.
  await form.getByRole('button', { name: 'Add action' }).click();
  expect((await record(page)).actions).toHaveLength(count + 1);
  // The stage's check lists it with what needs attention.
  await page.getByRole('button', { name: 'Check this stage' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: /Action 4: This action is due on 9 March 2025/ })).toBeVisible();

  await clickStage(page, 'Child and household');
  const person = page.getByRole('form', { name: 'Add person' });
  await person.getByLabel('Relationship to the child').selectOption({ label: 'Sibling' });
  await person.getByLabel('Name', { exact: true }).fill('Ava Marsden');
  await person.getByLabel('Date of birth').fill('2027-01-01');
  const people = (await record(page)).subjects.length;
  await person.getByRole('button', { name: 'Add person' }).click();
  const problem = person.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(problem).toBeFocused();
  await expect(problem.getByRole('link')).toHaveText(/^The date of birth, 1 January 2027, is after the meeting on 2 March 2026/);
  expect((await record(page)).subjects).toHaveLength(people);
});

const LIST_STAGES = [
  'Child and household',
  'Attendance and reason',
  'Information shared',
  'Information gaps',
  'Assessment',
  'Safety scales',
  'Decisions',
  'Risks and owners',
  'Actions',
  'Contingency plans',
  'What the family will be told',
  'Dissent and escalation',
  'Timescales and distribution',
];

for (const [width, height] of [[1366, 768], [320, 800]]) {
  test(`at ${width} x ${height} every Change and Remove button is in view in its table`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height });
    await openDemo(page, '/sample.html');
    const clipped = [];
    let buttons = 0;
    for (const title of LIST_STAGES) {
      await clickStage(page, title);
      // Every row's buttons, restricted ones included.
      const reveal = page.getByRole('button', { name: 'Show restricted items' });
      if (await reveal.count()) await reveal.click();
      const found = await page.locator('.rs-stage').evaluate((stage) => {
        const out = [];
        for (const button of stage.querySelectorAll('td button')) {
          let box = button.parentElement;
          while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
          const inner = button.getBoundingClientRect();
          const outer = box.getBoundingClientRect();
          out.push({
            name: button.textContent,
            inBox: inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5,
            inView: inner.left >= 0 && inner.right <= document.documentElement.clientWidth,
          });
        }
        return out;
      });
      buttons += found.length;
      for (const button of found) if (!button.inBox || !button.inView) clipped.push(`${title}: ${button.name}`);
    }
    expect(buttons).toBeGreaterThan(30);
    expect(clipped).toEqual([]);
  });
}

// On a 1280 px screen every list's table fits its box as the meeting opens (screen-safe on,
// restricted items masked): the actions column, which stays at the box's right edge, then
// covers none of the columns before it. (With restricted items shown, their longer words
// can make a table wider than its box; it then scrolls beneath the actions.)
test('at 1280 x 800 every list table fits its box, so the actions column covers no column', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openDemo(page, '/sample.html');
  const overflowing = [];
  // The people present, on the first stage, as well as every list.
  const people = await page.locator('.rs-stage .rs-participants__scroll').evaluateAll((boxes) =>
    boxes.map((box) => box.scrollWidth - box.clientWidth));
  expect(people).toHaveLength(1);
  if (people[0] > 0) overflowing.push(`Who is present: ${people[0]} px wider than its box`);
  let tables = 0;
  for (const title of LIST_STAGES) {
    await clickStage(page, title);
    const found = await page.locator('.rs-stage .rs-item-list__scroll').evaluateAll((boxes) =>
      boxes.map((box) => box.scrollWidth - box.clientWidth));
    tables += found.length;
    found.forEach((over, index) => {
      if (over > 0) overflowing.push(`${title}, table ${index + 1}: ${over} px wider than its box`);
    });
  }
  expect(tables).toBeGreaterThan(8);
  expect(overflowing).toEqual([]);
});

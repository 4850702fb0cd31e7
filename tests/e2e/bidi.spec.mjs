// Bidirectional controls in what people type, end to end on the built bundle (SECURITY.md,
// "The shared screen"): a right-to-left override left open in a name or an amendment's
// reason reads in its own direction and does not reorder the words the widget writes
// beside it, in the check-your-answers minutes, the final record and the printed minutes;
// and the record's findings flag it. Checked by where the browser draws each character, not
// by the markup. Everyone named is invented.
import { test, expect } from '@playwright/test';
import { openDemo, expectNoAxeViolations } from './helpers.mjs';

test.use({ locale: 'en-GB', viewport: { width: 1600, height: 1000 } });

// A POP DIRECTIONAL ISOLATE that closes nothing (it would end an isolate around the text
// early) and a RIGHT-TO-LEFT OVERRIDE left open (it would reverse everything after it to
// the end of the paragraph).
const HOSTILE = '\u2069\u202E';

/** Opens a stage by its task-list link. */
async function clickStage(page, title) {
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 3, name: title, exact: true })).toBeFocused();
}

/**
 * Where the browser draws `pieces`, found in this order in the element's text: the line
 * (top) and left edge of each of their characters, in the order they are stored. The
 * bidirectional controls around and in record text take no room, and are not looked for.
 */
function drawn(element, pieces) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push([node, text.length]);
    text += node.data;
  }
  const box = (offset) => {
    const [node, start] = nodes.findLast(([, at]) => at <= offset);
    const range = document.createRange();
    range.setStart(node, offset - start);
    range.setEnd(node, offset - start + 1);
    return range.getBoundingClientRect();
  };
  const characters = [];
  let from = 0;
  for (const piece of pieces) {
    const at = text.indexOf(piece, from);
    if (at < 0) return { missing: piece, text };
    from = at + piece.length;
    [...piece].forEach((character, index) => {
      const { top, left, width } = box(at + index);
      if (width > 0) characters.push({ character, piece, top, left });
    });
  }
  return { characters };
}

/**
 * Expects every character of `pieces` (record text, and the words the widget writes around
 * it) drawn in reading order: line by line, left to right. A right-to-left override leaking
 * out of record text would draw the words after it right to left.
 */
async function expectInOrder(locator, pieces, where) {
  await expect(locator).toBeVisible();
  const { missing, text, characters } = await locator.evaluate(drawn, pieces);
  expect(missing, `${where}: "${missing}" in ${JSON.stringify(text)}`).toBeUndefined();
  for (let index = 1; index < characters.length; index += 1) {
    const [before, after] = [characters[index - 1], characters[index]];
    const nextLine = after.top > before.top + 3;
    const sameLine = Math.abs(after.top - before.top) <= 3;
    expect(
      nextLine || (sameLine && after.left >= before.left),
      `${where}: "${after.character}" of "${after.piece}" is drawn after "${before.character}" of "${before.piece}"`,
    ).toBe(true);
  }
}

/** The printed minutes, as the browser's print builds them. */
async function printed(page) {
  // A browser fires beforeprint when printing starts; emulated print media does not.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'Minutes of the strategy meeting' })).toBeVisible();
  return page.locator('.rs-print-only');
}

test('a right-to-left override in a name or an amendment does not reorder the words around it, on screen and in print, and is flagged', async ({ page }) => {
  const problems = await openDemo(page, '/sample.html');

  // Amara Okafor (Children's social care) chaired the meeting.
  await clickStage(page, 'Attendance and reason');
  await page.getByRole('button', { name: 'Change Amara Okafor' }).click();
  await page.getByLabel('Full name').fill(`Amara Okafor${HOSTILE}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const stored = await page.evaluate(() => window.riskSensibleDemo.widget.record().participants[0].name);
  expect(stored, 'the name is kept exactly as typed').toBe(`Amara Okafor${HOSTILE}`);

  await clickStage(page, 'Check and finalise');
  // Flagged: a warning at the name, which does not stop finalising.
  await expect(page.locator('.rs-finalise__findings li', { hasText: 'U+202E RIGHT-TO-LEFT OVERRIDE' })).toContainText(
    'Attendance and reason: This text contains hidden control characters that can reverse how text around them is '
    + 'displayed (U+2069 POP DIRECTIONAL ISOLATE, U+202E RIGHT-TO-LEFT OVERRIDE): check the text as typed',
  );
  // The chair, in the minutes' meeting details: "Amara Okafor (Children's social care)".
  const chair = (scope) => scope.locator('.rs-summary-list__row')
    .filter({ has: page.locator('dt', { hasText: /^Chair$/ }) }).locator('dd').first();
  const label = ['Amara Okafor', '(', "Children's social care", ')'];
  await expectInOrder(chair(page.locator('.rs-finalise__check')), label, 'check your answers');
  await expectNoAxeViolations(page);

  let print = await printed(page);
  await expectInOrder(chair(print), label, 'printed minutes');
  await page.emulateMedia({ media: 'screen' });

  // Finalised, then amended by someone whose name, and whose amendment, end in an open
  // override.
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await expect(page.getByRole('heading', { name: 'This record is final', exact: true })).toBeFocused();
  const form = page.getByRole('form', { name: 'Amend the record' });
  await form.getByLabel('Your name').fill(`Ruth Adeyemi${HOSTILE}`);
  await form.getByLabel('Your role').fill('Team manager');
  await form.getByLabel('Your agency').fill("Children's social care");
  await form.getByLabel('Why is the record being amended?').fill(`Typing error${HOSTILE}`);
  await form.getByLabel('The amendment').fill(`Ava needs a child protection medical${HOSTILE}`);
  await form.getByRole('button', { name: 'Add amendment' }).click();
  await expect(page.getByRole('heading', { name: 'This record is final, with amendments' })).toBeVisible();

  const amendment = (scope) => scope.locator('.rs-minutes__section li', { hasText: 'Reason:' }).first();
  const line = ['by', 'Ruth Adeyemi', '(', "Children's social care", '):', 'Ava needs a child protection medical', 'Reason:', 'Typing error'];
  await expectInOrder(amendment(page.locator('.rs-finalise__final')), line, 'the final record');
  // The fixed words lie outside the isolate around each record text.
  const text = await amendment(page.locator('.rs-finalise__final')).textContent();
  expect(text).toContain('by \u2068Ruth Adeyemi\u202E\u202C\u2069 (Children\'s social care): \u2068Ava needs a child protection medical\u202E\u202C\u2069. Reason: \u2068Typing error\u202E\u202C\u2069.');
  await expectNoAxeViolations(page);

  print = await printed(page);
  await expectInOrder(amendment(print), line, 'printed minutes');
  await expectInOrder(chair(print), label, 'printed minutes of the final record');
  await page.emulateMedia({ media: 'screen' });
  expect(problems).toEqual([]);
});

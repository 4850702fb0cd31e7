// Shared helpers for the end-to-end tests: load the demo page, fail on console errors, run
// axe, and move focus with the keyboard alone.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Opens the demo host page and waits until the widget accepts input. */
export async function openDemo(page, path = '/') {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  return problems;
}

/** Runs axe with the WCAG 2.2 AA tags and fails listing every violation. */
export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

/**
 * Presses Tab (or Shift+Tab) until `locator` has focus: proves it can be reached by
 * keyboard, in the page's own tab order.
 */
export async function tabTo(page, locator, { backwards = false, limit = 120 } = {}) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await locator.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${locator} with the keyboard in ${limit} presses`);
}

/** Opens a stage from the task list with the keyboard: Tab to its link, then Enter. */
export async function openStage(page, title) {
  const link = page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: title });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 3, name: title, exact: true })).toBeFocused();
}

/**
 * Reads a draft as the widget stores it without a host key: a header line
 * (`{"draft":2,"savedAt":…,"tab":"…"}`), a newline, then the record's JSON; with the
 * journal stored beside it (`journal`, its stored text, if any), the record as the journal's
 * changes leave it (src/autosave.rs, `JOURNAL_FORM`).
 */
export function readDraft(text, journal = null) {
  const newline = text.indexOf('\n');
  expect(newline, 'a header line, then the record').toBeGreaterThan(0);
  const header = JSON.parse(text.slice(0, newline));
  expect(header.draft).toBe(2);
  return { header, record: JSON.parse(withJournal(header, text.slice(newline + 1), journal)) };
}

/**
 * A draft's record text with the changes of the journal beside it made, when the journal
 * follows that draft: the same tab wrote it after the draft, naming the draft's save time.
 * Each change replaces bytes of the UTF-8 text.
 */
export function withJournal(header, recordText, journal) {
  if (!journal) return recordText;
  const stored = JSON.parse(journal);
  if (stored.tab !== header.tab || !(stored.savedAt > header.savedAt)) return recordText;
  expect(stored.record, 'an unsealed journal').toEqual(expect.any(String));
  // `journal 1 BASE START,END,LENGTH …`, a newline, the texts of the changes.
  const newline = stored.record.indexOf('\n');
  const [form, number, base, ...changes] = stored.record.slice(0, newline).split(' ');
  expect(`${form} ${number}`).toBe('journal 1');
  if (Number(base) !== header.savedAt) return recordText;
  const texts = Buffer.from(stored.record.slice(newline + 1), 'utf8');
  const draft = Buffer.from(recordText, 'utf8');
  const parts = [];
  let at = 0;
  let from = 0;
  for (const [start, end, length] of changes.map((change) => change.split(',').map(Number))) {
    parts.push(draft.subarray(at, start), texts.subarray(from, from + length));
    at = end;
    from += length;
  }
  parts.push(draft.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}

/** The stored draft under the host's storage key and the journal beside it, read together. */
export async function storedDraft(page, storageKey = 'demo-meeting') {
  const [draft, journal] = await page.evaluate(
    (key) => [localStorage.getItem(`risk-sensible:draft:${key}`), localStorage.getItem(`risk-sensible:draft:${key}:journal`)],
    storageKey,
  );
  return readDraft(draft, journal);
}

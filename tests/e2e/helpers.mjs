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
 * (`{"draft":2,"savedAt":…,"tab":"…"}`), a newline, then the record's JSON.
 */
export function readDraft(text) {
  const newline = text.indexOf('\n');
  expect(newline, 'a header line, then the record').toBeGreaterThan(0);
  const header = JSON.parse(text.slice(0, newline));
  expect(header.draft).toBe(2);
  return { header, record: JSON.parse(text.slice(newline + 1)) };
}

// The chair's scenario (bench/scenario.mjs), end to end from an empty record: every stage as a
// chair fills it, then finalised; the record holds what was entered. The benchmark prints
// how many interactions it takes.
import { test, expect } from '@playwright/test';
import { openDemo } from './helpers.mjs';
import { runScenario, PEOPLE } from '../../bench/scenario.mjs';

test('the chair runs an ordinary case from an empty record to a final one, the shared screen following', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = await openDemo(page);
  page.setDefaultTimeout(10_000);
  const [shared] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Open the shared screen' }).click(),
  ]);
  const sharedProblems = [];
  shared.on('pageerror', (error) => sharedProblems.push(error.message));
  shared.on('console', (message) => { if (message.type() === 'error') sharedProblems.push(message.text()); });
  await expect(shared.getByText('Restricted items are never sent to this window.')).toBeVisible();
  const counts = await runScenario(page, shared);
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.meta.status).toBe('final');
  expect(record.participants.map((p) => p.name)).toEqual(PEOPLE.map(([name]) => name));
  expect(record.meeting.chairId).toBe('p1');
  expect(record.subjects.map((s) => s.role)).toEqual(['child', 'mother', 'maleCarer']);
  expect(record.information).toHaveLength(4);
  expect(record.scales.map((s) => s.score)).toEqual([4, 4, 2, 5, 3]);
  expect(record.threshold).toMatchObject({ answer: 'yes', harmCategories: ['physical'], route: 's47Joint', decidedById: 'p1' });
  expect(record.decisions.map((d) => d.owningAgency)).toEqual(["Children's social care", "Children's social care", 'Police']);
  expect(record.actions.map((a) => a.ownerId)).toEqual(['p5', 'p3', 'p2', 'p1']);
  expect(record.dissent[0].view).toContain('frighten mother');
  // What each one-line entry read: people by first name, dates in words from the meeting's
  // day (Monday 2 March 2026).
  expect(record.actions.map((a) => a.due)).toEqual(['2026-03-02', '2026-03-03', '2026-03-02', '2026-03-09']);
  expect(record.gaps.map((g) => [g.ownerId, g.due])).toEqual([['p3', '2026-03-04'], ['p2', '2026-03-03']]);
  expect(record.risks.map((r) => [r.ownerId, r.accountableFor, r.reviewDate])).toEqual([
    ['p1', 'The safety plan until the medical', '2026-03-04'],
    ['p3', 'Police checks and seeing Connor', '2026-03-06'],
  ]);
  expect(record.contingencies.map((c) => c.ownerId)).toEqual(['p1']);
  expect(record.tools.map((t) => [t.name, t.completedBy])).toEqual([['Bruising protocol', 'Priya Nandra']]);
  expect(record.information[0].content).toContain('mother said she did not know');
  expect(record.information.map((i) => i.kind)).toEqual(['fact', 'fact', 'opinion', 'hearsay']);
  expect(record.information.map((i) => i.sourceAgency)).toEqual(['Health', 'Police', 'Health', 'Early help']);
  expect(record.information.map((i) => i.restrictions)).toEqual([['healthConfidential'], ['policeSensitive'], ['healthConfidential'], ['thirdParty']]);
  expect(record.decisions.map((d) => d.decisionMakerId)).toEqual(['p1', 'p1', 'p3']);
  expect(record.participants.map((p) => p.attendance)).toEqual(['attended', 'attended', 'attended', 'attended', 'attended', 'sentInformation']);
  expect(record.distribution.map((r) => r.name)).toEqual(PEOPLE.slice(0, 5).map(([name]) => name));
  expect(counts.interactions).toBeGreaterThan(0);
  console.log(`scenario: ${counts.interactions} interactions (${counts.moves} moves), ${counts.characters} characters`);
  expect(problems).toEqual([]);
  // The shared screen followed to the end, and never showed what was restricted: the
  // information items (health confidential, police sensitive, third party) are absent.
  await expect(shared.getByRole('heading', { level: 3, name: 'Check and finalise', exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'Information shared' }).click();
  await expect(shared.getByRole('heading', { level: 3, name: 'Information shared', exact: true })).toBeVisible();
  await expect(shared.locator('#meeting')).toContainText(record.subjects[0].name);
  for (const item of record.information) await expect(shared.locator('#meeting')).not.toContainText(item.content);
  expect(sharedProblems).toEqual([]);
});

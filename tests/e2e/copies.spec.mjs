// What leaves the meeting, and to whom, in the browser: the canary record (a unique token in
// every free-text field, items under every restriction, approvals with and without the
// police) loaded into the widget; every recipient's download holds exactly the tokens the
// rule allows; on a shared screen no restricted token is shown on any stage, in normal or
// chair mode, until the chair reveals it; the chair's review of the family's copy works by
// keyboard; printing asks what to print; the finalise and amend events give the anchor.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openDemo, expectNoAxeViolations, openStage, tabTo } from './helpers.mjs';

const sample = JSON.parse(readFileSync(new URL('../../www/sample-record.json', import.meta.url)));

// The rule, as the procedure states it: which agency owns each restriction.
const OWNER = { policeSensitive: 'Police', healthConfidential: 'Health', legallyPrivileged: "Children's social care" };
const AGENCIES = ["Children's social care", 'Police', 'Health', 'Education', 'Housing'];
const mayReceive = (agency, restrictions) => restrictions.every((r) => !OWNER[r] || OWNER[r] === agency);

// Every label the canary's items cycle through; null is an item with no label at all.
const LABELS = [[], ['policeSensitive'], ['healthConfidential'], ['thirdParty'], ['legallyPrivileged'],
  ['childDisclosure'], ['notForFamily'], ['policeSensitive', 'healthConfidential'], null];
const FREE_TEXT = {
  subjects: ['name', 'needs'],
  information: ['content'],
  gaps: ['unknown'],
  scales: ['reason'],
  tools: ['name', 'result', 'completedBy'],
  decisions: ['rationale', 'optionsConsidered', 'evidence'],
  risks: ['description', 'accountableFor', 'reviewTrigger'],
  actions: ['task', 'outcome'],
  contingencies: ['ifThis', 'thenThat'],
  dissent: ['view', 'chairResponse', 'resolution'],
  familyCommunication: ['what', 'toWhom', 'withheld', 'withheldReason'],
};
const COLUMNS = ['worries', 'workingWell', 'needsToHappen', 'dangerStatements', 'safetyGoals'];

/** The canary, from the example: its tokens, each with its item's restrictions. */
function canary() {
  const record = structuredClone(sample);
  const tokens = [];
  let next = 0;
  const token = (restrictions, forFamily = false, hidden = false) => {
    const text = `TKN${String(next++).padStart(4, '0')}X`;
    tokens.push({ text, restrictions: restrictions ?? ['notForFamily'], forFamily, hidden });
    return text;
  };
  const label = (item, index) => {
    const chosen = LABELS[index % LABELS.length];
    if (chosen === null) delete item.restrictions;
    else item.restrictions = chosen;
    return chosen;
  };
  for (const [list, keys] of Object.entries(FREE_TEXT)) {
    record[list].forEach((item, index) => {
      const restrictions = label(item, index);
      for (const key of keys) {
        const family = list === 'familyCommunication' && (key === 'what' || key === 'toWhom');
        const child = list === 'subjects' && key === 'name' && item.role === 'child';
        item[key] = token(restrictions, family || child);
      }
      if (item.history) item.history.notes = token(restrictions);
    });
  }
  // The assessment's statements, the first of each column approved for the family.
  const approved = [];
  for (const column of COLUMNS) {
    record.assessment[column].forEach((item, index) => {
      const restrictions = label(item, index + COLUMNS.indexOf(column));
      const goes = index === 0 && restrictions !== null && restrictions.length === 0;
      item.text = token(restrictions, goes);
      if (index === 0) approved.push({ list: `assessment.${column}`, id: item.id });
    });
  }
  // The medical decision and the first two actions are approved, with the police agreeing
  // to the decision only: the criminal investigation is open.
  record.decisions[2].restrictions = [];
  record.actions[0].restrictions = [];
  record.actions[1].restrictions = [];
  approved.push({ list: 'decisions', id: 'd3', policeAgreed: true }, { list: 'actions', id: 'x1', policeAgreed: true },
    { list: 'actions', id: 'x2' });
  for (const token of tokens) {
    if ([record.decisions[2].rationale, record.actions[0].task].includes(token.text)) {
      token.restrictions = [];
      token.forFamily = true;
    }
    if ([record.decisions[2].optionsConsidered, record.decisions[2].evidence, record.actions[0].outcome,
      record.actions[1].task, record.actions[1].outcome].includes(token.text)) token.restrictions = [];
  }
  record.familyCopy = { leadWorkerId: 'p2', approved };
  const section = (object, keys, index) => {
    const restrictions = label(object, index);
    for (const key of keys) object[key] = token(restrictions);
  };
  section(record.meeting, ['reason'], 1);
  section(record.childVoice, ['howCaptured', 'words', 'observedExperience'], 5);
  section(record.practiceContext, ['details'], 2);
  record.assessment.scaleDiscussion = token(['policeSensitive']);
  record.assessment.scaleDiscussionRestrictions = ['policeSensitive'];
  record.distribution = [
    ...AGENCIES.map((agency, index) => ({ id: `e${index + 1}`, name: `Reader ${index + 1}`, agency })),
    { id: 'e9', name: 'A parent', agency: '', kind: 'family' },
  ];
  return { record, tokens };
}

const tokensIn = (text) => new Set(text.match(/TKN\d{4}X/g) ?? []);
/** Everything the widget shows: its text, and what its fields hold. */
const shownIn = (widget) => widget.evaluate((element) => [
  element.innerText,
  ...[...element.querySelectorAll('input, textarea')].map((field) => field.value),
].join('\n'));
const sorted = (set) => [...set].sort();

async function loadCanary(page, path = '/') {
  const { record, tokens } = canary();
  const problems = await openDemo(page, path);
  await page.evaluate((value) => window.riskSensibleDemo.widget.load(value), record);
  return { record, tokens, problems };
}

test('every recipient downloads a copy that holds exactly the tokens it may', async ({ page }) => {
  const { tokens } = await loadCanary(page);
  for (const [index, agency] of AGENCIES.entries()) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download the copy for Reader ${index + 1}` }).click(),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    const expected = tokens.filter((token) => !token.hidden && mayReceive(agency, token.restrictions)).map((token) => token.text);
    expect(sorted(tokensIn(text)), agency).toEqual(sorted(new Set(expected)));
    expect(JSON.parse(text).meta.copy.recipient.agency).toBe(agency);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the copy for A parent' }).click(),
  ]);
  const family = readFileSync(await download.path(), 'utf8');
  const expected = tokens.filter((token) => token.forFamily).map((token) => token.text);
  expect(sorted(tokensIn(family))).toEqual(sorted(new Set(expected)));
  expect(JSON.parse(family).copyFor).toBe('family');
});

test("the host's agencyRoles say which of its agencies is the police, and an unnamed one is other", async ({ page }) => {
  const { record, tokens } = canary();
  record.distribution = [
    { id: 'e1', name: 'Force reader', agency: 'Thames Valley Police' },
    { id: 'e2', name: 'Unnamed reader', agency: 'Thames Valley Constabulary' },
  ];
  await openDemo(page);
  const refused = await page.evaluate(async (value) => {
    window.riskSensibleDemo.widget.destroy();
    const { mount } = await import('/pkg/risk_sensible.js');
    const element = document.createElement('div');
    element.id = 'roles-host';
    document.body.append(element);
    let message = '';
    try {
      mount(document.createElement('div'), { agencyRoles: { 'Thames Valley Police': 'cops' } });
    } catch (error) {
      message = error.message;
    }
    mount(element, { record: value, agencyRoles: { 'Thames Valley Police': 'police' } });
    return message;
  }, record);
  expect(refused).toContain('agencyRoles');
  const host = page.locator('#roles-host');
  const copyFor = async (name) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      host.getByRole('button', { name: `Download the copy for ${name}` }).click(),
    ]);
    return tokensIn(readFileSync(await download.path(), 'utf8'));
  };
  const police = tokens.filter((token) => !token.hidden && mayReceive('Police', token.restrictions)).map((token) => token.text);
  const other = tokens.filter((token) => !token.hidden && mayReceive('Housing', token.restrictions)).map((token) => token.text);
  expect(sorted(await copyFor('Force reader'))).toEqual(sorted(new Set(police)));
  expect(sorted(await copyFor('Unnamed reader'))).toEqual(sorted(new Set(other)));
});

test('on a shared screen no restricted token is shown on any stage, in normal or chair mode, until revealed', async ({ page }) => {
  test.setTimeout(120_000);
  const { tokens, problems } = await loadCanary(page);
  const restricted = new Set(tokens.filter((token) => token.restrictions.length > 0).map((token) => token.text));
  const stages = page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link');
  const widget = page.locator('#meeting');
  for (const mode of ['normal', 'chair']) {
    if (mode === 'chair') await page.getByRole('button', { name: 'Chair mode' }).click();
    const count = await stages.count();
    for (let index = 0; index < count; index += 1) {
      await stages.nth(index).click();
      const shown = [...tokensIn(await shownIn(widget))].filter((token) => restricted.has(token));
      expect(shown, `${mode}: stage ${index + 1}`).toEqual([]);
    }
  }
  // A deliberate reveal shows them, on the stage revealed only.
  await stages.first().click();
  await page.getByRole('button', { name: 'Show restricted items' }).click();
  const revealed = [...tokensIn(await shownIn(widget))].filter((token) => restricted.has(token));
  expect(revealed.length).toBeGreaterThan(0);
  expect(problems).toEqual([]);
});

test("the chair reviews the family's copy sentence by sentence, with the keyboard", async ({ page }) => {
  await openDemo(page, '/sample.html');
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'What the family will be told' }).click();
  const review = page.getByRole('region', { name: "The family's copy", exact: true });
  const letter = review.getByRole('region', { name: "What the family's copy says" });
  await expect(letter).toContainText('An unexplained bruise on a pre-mobile baby.');
  await expect(letter).toContainText('Your lead worker is Ruth Adeyemi');
  // A restricted item cannot be approved, and says why without showing itself.
  await expect(review.getByText('Restricted (police sensitive): it cannot go to the family.').first()).toBeVisible();
  await expect(review).not.toContainText('Police call-outs suggest conflict');
  // Withdraw one approval with the keyboard: it leaves the copy.
  const bruise = review.getByRole('checkbox', { name: 'An unexplained bruise on a pre-mobile baby.' });
  await expect(bruise).toBeChecked();
  await tabTo(page, bruise);
  await page.keyboard.press('Space');
  await expect(bruise).not.toBeChecked();
  await expect(letter).not.toContainText('An unexplained bruise');
  expect((await page.evaluate(() => window.riskSensibleDemo.widget.record())).familyCopy.approved
    .some((approval) => approval.list === 'assessment.worries')).toBe(false);
  // While the police investigate, an approved action goes only once they agree.
  const agree = review.getByRole('checkbox', { name: 'The police agree the family may be told this' }).last();
  await expect(agree).toBeChecked();
  await tabTo(page, agree);
  await page.keyboard.press('Space');
  await expect(letter).not.toContainText('Joint visit to see Jade and Connor');
  await expectNoAxeViolations(page);
});

test('printing asks what to print: the full minutes, a recipient copy, or the family letter', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  const print = page.getByRole('button', { name: 'Print minutes' });
  await print.click();
  await expect(print).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'Print' });
  await panel.getByRole('radio', { name: "The family's letter, for Jade Marsden" }).check();
  await panel.getByRole('button', { name: 'Print', exact: true }).click();
  await expect.poll(() => page.evaluate(() => window.printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('.rs-print-only');
  await expect(printed).toContainText('For Jade Marsden');
  await expect(printed).toContainText('Your lead worker is Ruth Adeyemi');
  for (const secret of ['Two call-outs', 'Police checks on Connor Hale', 'Tom Reyes', 'postnatal depression']) {
    await expect(printed).not.toContainText(secret);
  }
  await page.emulateMedia({ media: 'screen' });
  await print.click();
  await panel.getByRole('radio', { name: 'The copy for Kate Lindqvist (Education)' }).check();
  await panel.getByRole('button', { name: 'Print', exact: true }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(printed).toContainText('the copy for Kate Lindqvist (Education)');
  await expect(printed).not.toContainText('Two call-outs');
  await expect(printed).toContainText('2 cm bruise');
});

test('finalising and amending give the host the anchor to keep', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await page.evaluate(() => {
    window.anchors = [];
    const element = document.getElementById('meeting');
    for (const name of ['risk-sensible:finalise', 'risk-sensible:amend']) {
      element.addEventListener(name, (event) => window.anchors.push([name, event.detail.anchor, event.detail.record.audit.at(-1).hash]));
    }
  });
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'Check and finalise' }).click();
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await page.getByLabel('Why is the record being amended?').fill('A correction.');
  await page.getByLabel('The amendment').fill('The visit is on Wednesday.');
  await page.getByRole('button', { name: 'Add amendment' }).click();
  await expect.poll(() => page.evaluate(() => window.anchors.length)).toBe(2);
  const anchors = await page.evaluate(() => window.anchors);
  expect(anchors.map(([name]) => name)).toEqual(['risk-sensible:finalise', 'risk-sensible:amend']);
  for (const [, anchor, head] of anchors) expect(anchor).toBe(head);
  expect(anchors[0][1]).not.toBe(anchors[1][1]);
});

test('the host appends a follow-up to a final record: refused on a draft and when incomplete, then chained with a new anchor', async ({ page }) => {
  await openDemo(page, '/sample.html');
  const by = { name: 'Priya Natarajan', role: 'Team manager', agency: "Children's social care" };
  const conference = { by, at: '2026-01-01T00:00:00Z', kind: 'conferenceHeld', on: '2026-03-20', plan: 'yes', categories: ['physical'], details: 'Plan agreed.' };
  const attempt = (followUp) => page.evaluate((followUp) => {
    try {
      window.riskSensibleDemo.widget.appendFollowUp(followUp);
      return 'appended';
    } catch (error) {
      return error.message;
    }
  }, followUp);
  // A draft takes no follow-up, and nothing changes.
  const draft = await page.evaluate(() => JSON.stringify(window.riskSensibleDemo.widget.record()));
  expect(await attempt(conference)).toMatch(/^risk-sensible: the follow-up was not appended:\n.*final/i);
  expect(await page.evaluate(() => JSON.stringify(window.riskSensibleDemo.widget.record()))).toBe(draft);

  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'Check and finalise' }).click();
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await page.evaluate(() => {
    window.followUps = [];
    document.getElementById('meeting').addEventListener('risk-sensible:follow-up', (event) => window.followUps.push([event.detail.anchor, event.detail.record.audit.at(-1).hash, event.detail.record.followUp.length]));
  });
  // Incomplete: each missing field named at its path; the final record is as it was.
  const final = await page.evaluate(() => JSON.stringify(window.riskSensibleDemo.widget.record()));
  const incomplete = await attempt({ ...conference, on: undefined, plan: 'unknown' });
  expect(incomplete).toContain('$.followUp[0].on: Enter when the conference was held');
  expect(incomplete).toContain('$.followUp[0].plan: Say whether the child became subject to a child protection plan');
  expect(await attempt({ ...conference, kind: 'aMeeting' })).toMatch(/\$\.kind: .*aMeeting/);
  expect(await page.evaluate(() => JSON.stringify(window.riskSensibleDemo.widget.record()))).toBe(final);
  expect(await page.evaluate(() => window.followUps.length)).toBe(0);

  expect(await attempt(conference)).toBe('appended');
  await expect.poll(() => page.evaluate(() => window.followUps.length)).toBe(1);
  const [[anchor, head, count]] = await page.evaluate(() => window.followUps);
  expect(anchor).toBe(head);
  expect(count).toBe(1);
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.followUp[0]).toMatchObject({ by, kind: 'conferenceHeld', on: '2026-03-20', plan: 'yes' });
  expect(record.followUp[0].at).not.toBe(conference.at);
  expect(record.audit.at(-1).actor).toEqual(by);
  await expect(page.getByText('The initial child protection conference was held').first()).toBeVisible();
});

test('the shared screen follows the chair through every stage, with no axe violation, and never receives a restricted token', async ({ page, context }) => {
  test.setTimeout(180_000);
  // Every message any window's BroadcastChannel hears, as the shared window received it.
  await context.addInitScript(() => {
    window.heardOnChannels = [];
    const Original = window.BroadcastChannel;
    window.BroadcastChannel = class extends Original {
      constructor(name) {
        super(name);
        this.addEventListener('message', (event) => window.heardOnChannels.push(String(event.data)));
      }
    };
  });
  const { tokens, problems } = await loadCanary(page);
  const restricted = new Set(tokens.filter((token) => token.hidden || token.restrictions.length > 0).map((token) => token.text));
  const [shared] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Open the shared screen' }).click(),
  ]);
  const sharedProblems = [];
  shared.on('console', (message) => { if (message.type() === 'error') sharedProblems.push(message.text()); });
  shared.on('pageerror', (error) => sharedProblems.push(error.message));
  // The page's own address, loaded again: nothing else is opened.
  expect(shared.url()).toBe(page.url());
  const sharedWidget = shared.locator('#meeting');
  const stageHeading = (title) => shared.getByRole('heading', { level: 3, name: title, exact: true });
  await expect(shared.getByText('Restricted items are never sent to this window.')).toBeVisible();
  // No controls: nothing there changes the record or reveals anything.
  await expect(sharedWidget.getByRole('button')).toHaveCount(0);
  await expect(sharedWidget.locator(':is(input, select, textarea):not(:disabled)')).toHaveCount(0);

  const stages = page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link');
  const titles = [];
  let shownUnrestricted = 0;
  let saysLeftOut = 0;
  for (let index = 0; index < await stages.count(); index += 1) {
    await stages.nth(index).click();
    const title = await page.locator('.rs-stage__title').innerText();
    titles.push(title);
    await expect(stageHeading(title)).toBeVisible();
    const shown = [...tokensIn(await shownIn(sharedWidget))];
    expect(shown.filter((token) => restricted.has(token)), title).toEqual([]);
    shownUnrestricted += shown.length;
    // Where restricted items are left out, the room is told how many, never what.
    saysLeftOut += await sharedWidget.getByText(/restricted items? (is|are) not sent to the shared screen/).count();
    await expectNoAxeViolations(shared);
  }
  expect(shownUnrestricted).toBeGreaterThan(10);
  expect(saysLeftOut).toBeGreaterThan(3);
  // The chair reveals restricted items on their own screen: the shared screen is unchanged.
  await stages.nth(2).click();
  await page.getByRole('button', { name: 'Show restricted items' }).click();
  await expect(page.getByText('Restricted items are shown on this stage.')).toBeVisible();
  const heard = (await shared.evaluate(() => window.heardOnChannels)).join('\n');
  expect(heard.length).toBeGreaterThan(1000);
  expect([...tokensIn(heard)].filter((token) => restricted.has(token))).toEqual([]);

  // It follows the chair's scrolling.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => shared.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => shared.evaluate(() => window.scrollY)).toBe(0);

  // Either window reloads and the shared screen carries on.
  await shared.reload();
  await expect(stageHeading(titles[2])).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  await stages.nth(4).click();
  await expect(stageHeading(titles[4])).toBeVisible();
  // A change the chair makes reaches it.
  await stages.first().click();
  await expect(shared.getByRole('rowheader', { name: sample.participants[0].name })).toBeVisible();
  expect(problems).toEqual([]);
  expect(sharedProblems).toEqual([]);
});

test('the wellbeing debrief is handed to the host apart from the record, names no one, survives a reload and never reaches the shared screen', async ({ page }) => {
  await openDemo(page);
  const sample = await (await page.request.get('/sample-record.json')).json();
  await page.evaluate((record) => {
    window.debriefs = [];
    document.getElementById('meeting').addEventListener('risk-sensible:wellbeing', (event) => window.debriefs.push(event.detail));
    window.riskSensibleDemo.widget.load(record);
  }, sample);
  await openStage(page, 'Wellbeing debrief');
  const form = page.getByRole('form', { name: 'Wellbeing debrief' });
  await form.getByRole('group', { name: 'Was a debrief offered to those present?' }).getByRole('radio', { name: 'Yes' }).check();
  const offered = form.getByRole('group', { name: 'Offered a debrief' });
  const tookUp = form.getByRole('group', { name: 'Took it up' });
  const people = await offered.getByRole('checkbox').count();
  expect(people).toBeGreaterThan(2);
  for (let index = 0; index < people; index += 1) await offered.getByRole('checkbox').nth(index).check();
  await tookUp.getByRole('checkbox').nth(1).check();
  await form.getByLabel('Support arranged, in general terms').fill('Supervision this week.');
  await form.getByRole('button', { name: 'Save the debrief' }).click();
  await expect(form.getByRole('status')).toContainText(`${people} present, ${people} offered a debrief, 1 took it up`);
  await expect(page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('listitem').filter({ hasText: 'Wellbeing debrief' })).toContainText('Ready');
  await expect.poll(() => page.evaluate(() => window.debriefs.length)).toBe(1);
  const [{ debrief }] = await page.evaluate(() => window.debriefs);
  expect(debrief).toMatchObject({ document: 'wellbeingDebrief', version: 1, offered: 'yes', notes: 'Supervision this week.' });
  expect(debrief.people).toHaveLength(people);
  expect(debrief.people.filter((person) => person.takenUp === 'yes')).toHaveLength(1);
  // It names no one and does not point back to the child's record.
  const text = JSON.stringify(debrief);
  for (const participant of sample.participants) expect(text).not.toContain(participant.name);
  expect(text).not.toContain(sample.meta.id);
  for (const subject of sample.subjects ?? []) expect(text).not.toContain(subject.name);
  // The record holds none of it, nor does any change event.
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.wellbeingDebrief).toBeUndefined();
  expect(JSON.stringify(record)).not.toContain('Supervision this week.');
  await expectNoAxeViolations(page);
  await page.screenshot({ fullPage: true, path: 'test-results/wellbeing.png' });
  // Its own export: the same document.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: 'Download the debrief (JSON)' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe(`wellbeing-debrief-${debrief.id}.json`);
  expect(JSON.parse(readFileSync(await file.path(), 'utf8'))).toEqual(debrief);

  // A reload restores it beside the draft.
  await page.reload();
  await openStage(page, 'Wellbeing debrief');
  await expect(form.getByLabel('Support arranged, in general terms')).toHaveValue('Supervision this week.');
  await expect(tookUp.getByRole('checkbox').nth(1)).toBeChecked();
  await expect(tookUp.getByRole('checkbox').nth(0)).not.toBeChecked();

  // The shared screen follows the chair to the stage and shows none of it.
  const [shared] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Open the shared screen' }).click(),
  ]);
  await expect(shared.getByRole('heading', { level: 3, name: 'Wellbeing debrief', exact: true })).toBeVisible();
  await expect(shared.getByText('Supervision this week.')).toHaveCount(0);
  await expect(shared.getByRole('form', { name: 'Wellbeing debrief' })).toHaveCount(0);
});

test('a version 2 draft carrying a wellbeing debrief loads without it, and the widget hands it over apart', async ({ page }) => {
  await openDemo(page);
  const sample = await (await page.request.get('/sample-record.json')).json();
  const version2 = { ...sample, schemaVersion: 2, wellbeingDebrief: { offered: 'yes', notes: 'Offered supervision the same week.' } };
  for (const key of ['threshold', 'injury', 'medical', 'lawfulBasis']) delete version2[key];
  const outcome = await page.evaluate((record) => {
    window.debriefs = [];
    document.getElementById('meeting').addEventListener('risk-sensible:wellbeing', (event) => window.debriefs.push(event.detail.debrief));
    try {
      window.riskSensibleDemo.widget.load(record);
    } catch (error) {
      return error.message;
    }
    return window.riskSensibleDemo.widget.record();
  }, version2);
  expect(typeof outcome, String(outcome)).toBe('object');
  expect(outcome.schemaVersion).toBe(3);
  expect(outcome.wellbeingDebrief).toBeUndefined();
  const debriefs = await page.evaluate(() => window.debriefs);
  expect(debriefs).toHaveLength(1);
  expect(debriefs[0]).toMatchObject({ document: 'wellbeingDebrief', offered: 'yes', notes: 'Offered supervision the same week.' });
});

test('a version 2 record opened from a file hands its wellbeing debrief over apart too', async ({ page }) => {
  await openDemo(page);
  const sample = await (await page.request.get('/sample-record.json')).json();
  const version2 = { ...sample, schemaVersion: 2, wellbeingDebrief: { offered: 'yes', notes: 'Offered supervision the same week.' } };
  for (const key of ['threshold', 'injury', 'medical', 'lawfulBasis']) delete version2[key];
  await page.evaluate(() => {
    window.debriefs = [];
    document.getElementById('meeting').addEventListener('risk-sensible:wellbeing', (event) => window.debriefs.push(event.detail.debrief));
  });
  await page.getByLabel('Open a record from a file (JSON)').setInputFiles({
    name: 'version-2.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(version2)),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Opened version-2.json.' })).toBeVisible();
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.schemaVersion).toBe(3);
  expect(record.meta.id).toBe(sample.meta.id);
  expect(record.wellbeingDebrief).toBeUndefined();
  const debriefs = await page.evaluate(() => window.debriefs);
  expect(debriefs).toHaveLength(1);
  expect(debriefs[0]).toMatchObject({ document: 'wellbeingDebrief', offered: 'yes', notes: 'Offered supervision the same week.' });
});

test('a death or serious harm with abuse suspected prompts the Panel notification until a follow-up records it', async ({ page }) => {
  await openDemo(page, '/sample.html');
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: 'Check and finalise' }).click();
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  const form = page.getByRole('form', { name: 'What happened after the meeting' });
  await form.getByRole('radio', { name: 'The child died or was seriously harmed' }).check();
  await form.getByLabel('When it happened').fill('2026-03-20');
  await form.getByRole('group', { name: 'Is abuse or neglect known or suspected?' }).getByRole('radio', { name: 'Yes' }).check();
  await form.getByLabel('What happened, in words').fill('Admitted to hospital with a head injury.');
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  const prompt = page.getByRole('note', { name: 'Serious incident notification' });
  await expect(prompt).toContainText('Notify the Child Safeguarding Practice Review Panel');
  await expect(prompt).toContainText('2026');
  await expectNoAxeViolations(page);
  await form.getByRole('radio', { name: 'The Child Safeguarding Practice Review Panel was notified' }).check();
  await expect(form.getByRole('group', { name: 'Is abuse or neglect known or suspected?' })).toBeHidden();
  await form.getByLabel('When it happened').fill('2026-03-25');
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(prompt).toHaveCount(0);
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.followUp.map((followUp) => followUp.kind)).toEqual(['seriousIncident', 'panelNotified']);
  expect(record.followUp[0].abuseSuspected).toBe('yes');
});

test('on an empty record the wellbeing debrief asks for who attended before anyone can be ticked', async ({ page }) => {
  await openDemo(page);
  await openStage(page, 'Wellbeing debrief');
  const form = page.getByRole('form', { name: 'Wellbeing debrief' });
  await expect(form.getByText('Mark who attended in "Attendance and reason"')).toBeVisible();
  await expect(form.getByRole('group', { name: 'Offered a debrief' })).toHaveCount(0);
  await expect(form.getByRole('group', { name: 'Took it up' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

// Faults mid-meeting, end to end on the built bundle (see SECURITY.md): the page crashes
// after each kind of change (a real renderer crash, so no unload or pagehide runs) and is
// reopened; storage fills up and frees again; two tabs edit the same meeting; the page is
// reloaded with panels, a change form and a file chooser open; and drafts on a shared
// computer are sealed with the host's key, expire, and go when the host acknowledges.
// Everyone named is invented.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { openDemo, openStage, storedDraft } from './helpers.mjs';
import { fillAndSubmit, gotoStage, stringsIn } from './hostile.mjs';

const sample = JSON.parse(readFileSync(new URL('../../www/sample-record.json', import.meta.url)));
const DRAFT = 'risk-sensible:draft:demo-meeting';
const OTHER_TAB = /already open in another tab/;
// A 256-bit key, as a case system would hand one to its page (base64).
const KEY = Buffer.from(Array.from({ length: 32 }, (_, index) => (index * 37 + 11) % 256)).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 7).toString('base64');

test.use({ locale: 'en-GB' });

// Every test has a browser context of its own, so storage starts empty. (Not opening
// favicon.svg first: the browser then asks for /favicon.ico, whose 404 reaches the console.)

const record = (page) => page.evaluate(() => window.riskSensibleDemo.widget.record());
const stored = (page, key = DRAFT) => page.evaluate((name) => localStorage.getItem(name), key);
const storedRecord = async (page) => (await storedDraft(page)).record;

/** Crashes the page's renderer: no unload, no pagehide, no timers; then closes the tab. */
async function crash(page) {
  const session = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  session.send('Page.crash').catch(() => {});
  await crashed;
  await page.close().catch(() => {});
}

/**
 * Opens the page again in the same browser after a crash. The crashed tab's claim on the
 * meeting is still fresh, so the new tab first follows read-only; the page's clock is run
 * on until the claim is stale and the new tab has taken over.
 */
async function reopen(context, path = '/') {
  const page = await context.newPage();
  await page.clock.install();
  const problems = await openDemo(page, path);
  await expect(page.getByText(/Restored the draft saved in this browser at \d\d:\d\d/)).toBeVisible();
  await expect(page.getByText(OTHER_TAB)).toBeVisible();
  // Each reopened page's clock ran ahead of the real one, so the claim it left can lie in
  // this page's future: run on until it is stale (a heartbeat every 3 s, stale after 10 s).
  for (let step = 0; step < 100 && (await page.getByText(OTHER_TAB).count()); step += 1) {
    await page.clock.runFor(5_000);
  }
  await expect(page.getByText(OTHER_TAB)).toHaveCount(0);
  return { page, problems };
}

test('the page crashes after each kind of change and is reopened: every change is there', async ({ page: first, context }, testInfo) => {
  test.setTimeout(240_000);
  let page = first;
  let problems = await openDemo(page);
  const imported = testInfo.outputPath('imported.json');
  writeFileSync(imported, JSON.stringify({ ...sample, meeting: { ...sample.meeting, reason: 'Imported from a file after the crash test began' } }));
  const changes = [
    ['a typed field', (p) => p.getByLabel('Reason for the meeting').fill('Bruise seen by the health visitor')],
    ['a choice', (p) => p.getByRole('radio', { name: 'Strategy meeting' }).check()],
    ['a participant added', async (p) => {
      await gotoStage(p, 'Attendance and reason');
      const form = p.locator('.rs-stage form.rs-participants__form');
      await form.getByLabel('Full name').fill('Ruth Adeyemi');
      await form.getByLabel('Role').fill('Social worker');
      await form.getByLabel('Agency').selectOption("Children's social care");
      await form.getByRole('button', { name: 'Add participant' }).click();
      await expect(p.getByRole('rowheader', { name: 'Ruth Adeyemi' })).toBeVisible();
    }],
    ['an item added', async (p) => {
      await gotoStage(p, 'Risks and owners');
      const form = p.locator('.rs-stage form.rs-item-list__form');
      await form.getByLabel('Risk', { exact: true }).fill('Unexplained bruising to a pre-mobile baby');
      await fillAndSubmit(form, () => 'Safety plan agreed with the family');
    }],
    ['an item changed', async (p) => {
      await gotoStage(p, 'Risks and owners');
      await p.getByRole('button', { name: 'Change risk 1' }).click();
      const form = p.locator('.rs-stage form.rs-item-list__form');
      await form.getByLabel('Risk', { exact: true }).fill('Unexplained bruising, changed after the crash');
      await form.locator('button[type=submit]').click();
      await expect(p.getByText('Unexplained bruising, changed after the crash').first()).toBeVisible();
    }],
    ['an item removed', async (p) => {
      await gotoStage(p, 'Risks and owners');
      await p.getByRole('button', { name: 'Remove risk 1' }).click();
      await expect(p.getByRole('button', { name: 'Remove risk 1' })).toHaveCount(0);
    }],
    ['a section field', async (p) => {
      await gotoStage(p, "The child's voice");
      await p.getByLabel('How it was captured').fill('Observed at home by the health visitor');
    }],
    ['a safety scale', async (p) => {
      await gotoStage(p, 'Safety scales');
      const form = p.locator('.rs-stage form[aria-label="Record a scale"]');
      await form.getByLabel('Whose view').selectOption('p1');
      await form.getByRole('radio', { name: '4', exact: true }).check();
      await fillAndSubmit(form, () => 'Worried, but the family are engaging');
    }],
    ['a record loaded by the host', (p) => p.evaluate((r) => window.riskSensibleDemo.widget.load(r), sample)],
    ['a file imported', async (p) => {
      await p.getByLabel('Open a record from a file (JSON)').setInputFiles(imported);
      await expect(p.getByText('Opened imported.json.')).toBeVisible();
    }],
    ['finalised', async (p) => {
      await gotoStage(p, 'Check and finalise');
      await p.getByRole('button', { name: 'Finalise the record' }).click();
      await p.getByRole('button', { name: 'Confirm and finalise' }).click();
      await expect(p.getByRole('heading', { name: 'This record is final' })).toBeVisible();
    }],
    ['amended', async (p) => {
      await gotoStage(p, 'Check and finalise');
      const form = p.locator('.rs-stage form.rs-finalise__amend');
      await form.getByLabel('Why is the record being amended?').fill('Police checks came back after the meeting');
      await form.getByLabel('The amendment').fill('No convictions found for Connor Hale');
      await form.locator('button[type=submit]').click();
      await expect(p.getByRole('heading', { name: 'This record is final, with amendments' })).toBeVisible();
    }],
  ];
  const seen = [];
  for (const [kind, change] of changes) {
    await change(page);
    const before = await record(page);
    expect(JSON.stringify(before), `${kind} changed the record`).not.toBe(seen.at(-1));
    seen.push(JSON.stringify(before));
    expect(problems, kind).toEqual([]);
    await crash(page);
    ({ page, problems } = await reopen(context));
    expect(await record(page), `after a crash following ${kind}`).toEqual(before);
  }
  expect((await record(page)).meta.status).toBe('amended');
  expect(problems).toEqual([]);
});

test('keys typed on a large meeting go to the journal beside the draft, and a crash loses none of them', async ({ page: first, context }) => {
  let problems = await openDemo(first);
  await first.evaluate((r) => window.riskSensibleDemo.widget.load(r), sample);
  const draft = await stored(first);
  const reason = first.getByLabel('Reason for the meeting');
  await reason.press('Control+End');
  await reason.pressSequentially(' Seen again by the health visitor — “fingertip” marks, café.');
  // The draft is as the load left it; the keys are in the journal, a small fraction of it.
  expect(await stored(first)).toBe(draft);
  const journal = await stored(first, `${DRAFT}:journal`);
  expect(journal.length * 8).toBeLessThan(draft.length);
  const before = await record(first);
  expect((await storedDraft(first)).record).toEqual(before);
  expect(problems).toEqual([]);
  await crash(first);
  let page;
  ({ page, problems } = await reopen(context));
  expect(await record(page)).toEqual(before);
  expect(problems).toEqual([]);
});

test('storage full mid-meeting: warned once, kept in memory, and saved again as soon as there is room', async ({ page, context }) => {
  await context.addInitScript(() => {
    window.widgetErrors = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('risk-sensible:draft:') && localStorage.getItem('test:full') === 'yes') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
    document.addEventListener('risk-sensible:error', (event) => window.widgetErrors.push(event.detail.message));
  });
  await openDemo(page);
  await page.getByLabel('Reason for the meeting').fill('Before the disk filled');
  expect((await storedRecord(page)).meeting.reason).toBe('Before the disk filled');

  await page.evaluate(() => localStorage.setItem('test:full', 'yes'));
  await page.getByRole('radio', { name: 'Strategy meeting' }).check();
  await page.getByRole('radio', { name: 'Video call' }).check();
  await page.getByLabel('Reason for the meeting').fill('While the disk was full');
  const warning = page.locator('#meeting').getByText(/Autosave failed: this browser's storage is full/);
  await expect(warning).toBeVisible();
  // Told once, not at every change; every change is in the page.
  expect(await page.evaluate(() => window.widgetErrors.filter((m) => m.startsWith('Autosave failed')).length)).toBe(1);
  expect((await record(page)).meeting).toMatchObject({ reason: 'While the disk was full', meetingType: 'strategyMeeting', mode: 'video' });
  expect((await storedRecord(page)).meeting.reason).toBe('Before the disk filled');

  // Room again: the next heartbeat saves everything, with no change needed, and the
  // warning goes.
  await page.evaluate(() => localStorage.removeItem('test:full'));
  await expect(warning).toHaveCount(0, { timeout: 10_000 });
  expect(await storedRecord(page)).toEqual(await record(page));
  const before = await record(page);
  await crash(page);
  const { page: again } = await reopen(context);
  expect(await record(again)).toEqual(before);
});

test('two tabs on the same meeting: the second follows read-only, and takes over with nothing lost when the first crashes', async ({ page: first, context }) => {
  test.setTimeout(90_000);
  await openDemo(first);
  await first.getByLabel('Reason for the meeting').fill('Written in the first tab');
  const second = await context.newPage();
  await openDemo(second);
  await expect(second.getByText(OTHER_TAB)).toBeVisible();
  await expect(second.getByLabel('Reason for the meeting')).toHaveValue('Written in the first tab');
  // Read-only: no field of the second tab can change the record.
  await expect(second.getByLabel('Reason for the meeting')).not.toBeEditable();
  await expect(second.getByRole('radio', { name: 'Strategy meeting' })).toBeDisabled();
  await expect(second.getByLabel('Open a record from a file (JSON)')).toHaveCount(0);

  // The first tab goes on; the second follows what it saves.
  await first.getByRole('radio', { name: 'Video call' }).check();
  await gotoStage(first, 'Attendance and reason');
  const form = first.locator('.rs-stage form.rs-participants__form');
  await form.getByLabel('Full name').fill('Tom Reyes');
  await form.getByLabel('Role').fill('Detective sergeant');
  await form.getByLabel('Agency').selectOption('Police');
  await form.getByRole('button', { name: 'Add participant' }).click();
  const latest = await record(first);
  expect(await storedRecord(first)).toEqual(latest);
  await expect.poll(() => record(second), { timeout: 10_000 }).toEqual(latest);
  await expect(second.getByRole('radio', { name: 'Video call' })).toBeChecked();

  // The first tab crashes: the second takes over once its claim is stale, editable, with
  // everything the first tab did.
  await crash(first);
  await expect(second.getByText(OTHER_TAB)).toHaveCount(0, { timeout: 20_000 });
  await second.getByLabel('Reason for the meeting').fill('Typed in the second tab after it took over');
  const after = await storedRecord(second);
  expect(after.meeting.reason).toBe('Typed in the second tab after it took over');
  expect(after.meeting.mode).toBe('video');
  expect(after.participants.map((person) => person.name)).toEqual(['Tom Reyes']);
});

test('a paste of 150,000 characters into a field keeps the first 10,000, says so at the field, and the draft restores after a reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems = await openDemo(page);
  const reason = page.getByLabel('Reason for the meeting');
  await expect(page.getByText('Up to 10,000 characters.')).toBeVisible();
  await expect(reason).toHaveAttribute('maxlength', '10000');
  // A whole document pasted from the clipboard, with the keyboard.
  const pasted = Array.from({ length: 150_000 }, (_, index) => 'abcdefghij klmnopqrstuvwxyz.\n'[index % 29]).join('');
  await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  await reason.focus();
  await page.keyboard.press('ControlOrMeta+V');
  const kept = pasted.slice(0, 10_000);
  await expect(page.getByText('Only the first 10,000 characters were kept: the field holds up to 10,000.')).toBeVisible();
  await expect(page.getByText('You have reached the limit of 10,000 characters.')).toBeVisible();
  await expect(reason).toHaveValue(kept);
  expect((await record(page)).meeting.reason).toBe(kept);
  expect((await storedRecord(page)).meeting.reason).toBe(kept);
  // The excess was not taken: typing more adds nothing.
  await page.keyboard.type('more');
  expect((await record(page)).meeting.reason).toBe(kept);

  // The draft is within import's limits, so a reload restores all of it, and autosave goes on.
  await page.reload();
  await expect(page.getByText(/Restored the draft saved in this browser at \d\d:\d\d/)).toBeVisible();
  await expect(page.getByText(/could not be restored/)).toHaveCount(0);
  await expect(reason).toHaveValue(kept);
  await page.getByRole('radio', { name: 'Strategy meeting' }).check();
  expect((await storedRecord(page)).meeting).toMatchObject({ reason: kept, meetingType: 'strategyMeeting' });

  // Five million characters: the same, and nothing typed after it is lost.
  await reason.fill('');
  await page.evaluate(() => navigator.clipboard.writeText('x'.repeat(5_000_000)));
  await reason.focus();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByText('Only the first 10,000 characters were kept: the field holds up to 10,000.')).toBeVisible();
  await page.getByRole('radio', { name: 'Video call' }).check();
  expect((await storedRecord(page)).meeting).toMatchObject({ reason: 'x'.repeat(10_000), mode: 'video' });
  await page.reload();
  await expect(page.getByText(/Restored the draft/)).toBeVisible();
  expect((await record(page)).meeting).toMatchObject({ reason: 'x'.repeat(10_000), mode: 'video' });
  expect(problems).toEqual([]);
});

/** Makes localStorage refuse the widget's writes (as a full one does) while `full` is set. */
async function fillableStorage(context) {
  await context.addInitScript(() => {
    window.widgetErrors = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('risk-sensible:') && localStorage.getItem('test:full') === 'yes') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
    document.addEventListener('risk-sensible:error', (event) => window.widgetErrors.push(event.detail.message));
  });
}

const UNCLAIMED = /This tab could not claim the meeting: this browser's storage is full or refused the write/;

/**
 * Waits until every page sees the same storage. A write reaches the other tabs' storage a
 * moment later (each renderer keeps a copy), and with the clock run by hand two heartbeats
 * come milliseconds apart instead of seconds: without this, a tab could act on storage
 * from before the other tab's last heartbeat.
 */
async function settle(pages, keys) {
  const seen = (page) => page.evaluate((names) => JSON.stringify(names.map((name) => localStorage.getItem(name))), keys);
  await expect.poll(async () => new Set(await Promise.all(pages.map(seen))).size).toBe(1);
}

/** Whether a tab takes changes: its reason field is editable. */
const editable = (page) => page.getByLabel('Reason for the meeting').isEditable();

test('storage full with two tabs on the same meeting: at most one tab takes changes, and nothing taken is lost when space frees up', async ({ page: first, context }) => {
  test.setTimeout(120_000);
  await fillableStorage(context);
  await openDemo(first);
  await first.getByLabel('Reason for the meeting').fill('Written before the disk filled');
  // That tab is closed; the meeting is opened again in two tabs while storage is full. Each
  // tab's clock is run by hand, so that the heartbeats come in a known order.
  await first.close();
  const setup = await context.newPage();
  await setup.goto('/favicon.svg');
  await setup.evaluate(() => localStorage.setItem('test:full', 'yes'));
  const tabs = [await context.newPage(), await context.newPage()];
  const base = Date.now() + 60_000;
  for (const tab of tabs) {
    await tab.clock.install({ time: base });
    await openDemo(tab);
    // Neither can write its claim, so neither can know the other is there: both show the
    // meeting read-only, and say why.
    await expect(tab.locator('#meeting').getByText(/Restored the draft/)).toBeVisible();
    await expect(tab.locator('#meeting').getByText(UNCLAIMED)).toBeVisible();
    await expect(tab.getByLabel('Reason for the meeting')).toHaveValue('Written before the disk filled');
    await expect(tab.getByLabel('Reason for the meeting')).not.toBeEditable();
    await expect(tab.getByRole('radio', { name: 'Strategy meeting' })).toBeDisabled();
    expect((await tab.evaluate(() => window.widgetErrors)).join('\n')).toMatch(UNCLAIMED);
  }
  // From here on the clock (the browser context's, shared by both tabs) stands still but
  // for one heartbeat at a time.
  await tabs[0].clock.pauseAt(base + 30_000);
  const settled = () => settle([setup, ...tabs], ['test:full', 'risk-sensible:lock:demo-meeting', DRAFT, `${DRAFT}:journal`]);
  const beat = async () => {
    await tabs[0].clock.runFor(3_000);
    await settled();
  };
  const full = async (yes) => {
    await setup.evaluate((on) => (on ? localStorage.setItem('test:full', 'yes') : localStorage.removeItem('test:full')), yes);
    await settled();
  };
  const editableTabs = async () => (await Promise.all(tabs.map(editable))).filter(Boolean).length;

  // Space again: one tab claims the meeting at its next heartbeat; the other follows it.
  await full(false);
  await beat();
  await beat();
  await expect.poll(editableTabs).toBe(1);
  const [owner, other] = (await editable(tabs[0])) ? tabs : [tabs[1], tabs[0]];
  await expect(other.locator('#meeting').getByText(OTHER_TAB)).toBeVisible();
  await owner.getByLabel('Reason for the meeting').fill('Written once there was room');
  expect((await storedRecord(owner)).meeting.reason).toBe('Written once there was room');
  await beat();
  await expect(other.getByLabel('Reason for the meeting')).toHaveValue('Written once there was room');

  // Full again mid-meeting: the owner takes changes (kept in the page, the draft failing),
  // then cannot renew its claim, and takes no more, rather than let the other tab take
  // the meeting over and write over them.
  await full(true);
  await owner.getByRole('radio', { name: 'Video call' }).check();
  await owner.getByLabel('Reason for the meeting').fill('Taken while the disk was full');
  const taken = await record(owner);
  expect(taken.meeting).toMatchObject({ reason: 'Taken while the disk was full', mode: 'video' });
  await expect(owner.locator('#meeting').getByText(/Autosave failed: this browser's storage is full/)).toBeVisible();
  await beat();
  await expect(owner.locator('#meeting').getByText(UNCLAIMED)).toBeVisible();
  await expect(owner.locator('#meeting').getByText(/The changes made here that autosave could not keep are still on this page/)).toBeVisible();
  await expect(owner.getByLabel('Reason for the meeting')).not.toBeEditable();
  // Its claim goes stale; the other tab cannot write one either, and stays read-only.
  for (let step = 0; step < 10 && !(await other.locator('#meeting').getByText(UNCLAIMED).count()); step += 1) await beat();
  await expect(other.locator('#meeting').getByText(UNCLAIMED)).toBeVisible();
  await expect.poll(editableTabs).toBe(0);

  // Space again: the tab holding the changes claims the meeting back and saves them (the
  // other gives it a heartbeat to do so); the other follows. Nothing taken is lost.
  await full(false);
  await beat();
  await beat();
  await expect(owner.getByLabel('Reason for the meeting')).toBeEditable();
  await expect(other.locator('#meeting').getByText(OTHER_TAB)).toBeVisible();
  await expect(other.getByLabel('Reason for the meeting')).toHaveValue('Taken while the disk was full');
  await expect.poll(editableTabs).toBe(1);
  expect(await storedRecord(owner)).toEqual(taken);
  expect(await record(other)).toEqual(taken);
  await crash(owner);
  await crash(other);
  const { page: again } = await reopen(context);
  expect(await record(again)).toEqual(taken);
});

test('a tab that slept while another took over stands back instead of writing over it, and follows it', async ({ page: first }) => {
  await openDemo(first);
  await first.getByLabel('Reason for the meeting').fill('Written before the tab slept');
  // Another tab took the meeting over while this one's heartbeat was held back in the
  // background, and saved its own change.
  await first.evaluate(() => {
    // The other tab is an earlier version of the widget: its draft is one JSON object.
    const draft = localStorage.getItem('risk-sensible:draft:demo-meeting');
    const record = JSON.parse(draft.slice(draft.indexOf('\n') + 1));
    record.meeting.reason = 'Written by the tab that took over';
    localStorage.setItem('risk-sensible:lock:demo-meeting', JSON.stringify({ tab: 'another-tab', at: Date.now() + 60_000 }));
    localStorage.setItem('risk-sensible:draft:demo-meeting', JSON.stringify({ savedAt: Date.now(), tab: 'another-tab', record: JSON.stringify(record) }));
  });
  const theirs = await stored(first);
  // A change here is not written over theirs; this tab says so, and goes read-only.
  await first.getByRole('radio', { name: 'Strategy meeting' }).check().catch(() => {});
  expect(await stored(first)).toBe(theirs);
  await expect(first.getByText(OTHER_TAB)).toBeVisible({ timeout: 10_000 });
  await expect(first.getByLabel('Reason for the meeting')).not.toBeEditable();
  // It follows what the other tab saved.
  await expect(first.getByLabel('Reason for the meeting')).toHaveValue('Written by the tab that took over', { timeout: 10_000 });
  expect(await stored(first)).toBe(theirs);
});

test('a reload with the shortcuts panel, a change form and the file chooser open: the saved record comes back, the widget works', async ({ page }) => {
  const problems = await openDemo(page);
  await page.evaluate((r) => window.riskSensibleDemo.widget.load(r), sample);
  const before = await record(page);
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(page.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await openStage(page, 'Risks and owners');
  await page.getByRole('button', { name: 'Change risk 1' }).click();
  await page.locator('.rs-stage form.rs-item-list__form').getByLabel('Risk', { exact: true }).fill('Typed into the open form, not yet saved');
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('Open a record from a file (JSON)').click();
  await chooser;
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  await expect(page.getByText(/Restored the draft/)).toBeVisible();
  // Every change that was made is there; text typed into a form but never saved is not
  // a change, and is not kept.
  expect(await record(page)).toEqual(before);
  expect(JSON.stringify(await record(page))).not.toContain('Typed into the open form');
  await page.getByLabel('Reason for the meeting').fill('Changed after the reload');
  expect((await storedRecord(page)).meeting.reason).toBe('Changed after the reload');
  expect(problems).toEqual([]);
});

// --- Drafts on a shared computer (www/shared.html: a key from the host, 60 minutes). ---

const SHARED = 'risk-sensible:draft:shared-meeting';

/** Gives every page in the context the host's key, as a server-rendered page would. */
async function withKey(context, key) {
  await context.addInitScript((value) => sessionStorage.setItem('demo-draft-key', value), key);
}

/** Every value in localStorage (the keys are the host's storage keys). */
async function everythingStored(page) {
  return page.evaluate(() => Object.values(localStorage).join('\n'));
}

test('drafts sealed with the host\'s key: unreadable in storage, restored with the key, refused with another or none, tampering detected', async ({ page, context }) => {
  test.setTimeout(90_000);
  await withKey(context, KEY);
  const problems = await openDemo(page, '/shared.html');
  await page.evaluate((r) => window.riskSensibleDemo.widget.load(r), sample);
  await page.getByLabel('Reason for the meeting').fill('Bruising seen by the nursery, sealed');
  const current = await record(page);

  // Nothing of the record is readable in storage: only the save time, the tab and the
  // sealed text, of the draft and of the journal of the last change beside it.
  const draft = JSON.parse(await stored(page, SHARED));
  expect(Object.keys(draft).sort()).toEqual(['savedAt', 'sealed', 'tab']);
  const journalText = await stored(page, `${SHARED}:journal`);
  expect(Object.keys(JSON.parse(journalText)).sort()).toEqual(['savedAt', 'sealed', 'tab']);
  expect(draft.sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
  const all = await everythingStored(page);
  // The sealed text is base64 of random-looking bytes, tens of thousands of characters, so a
  // short word of letters alone ("none") turns up in it by chance now and then (a given
  // four letters about once in 17 million places). The texts looked for are those base64
  // cannot hold (a space, punctuation, a letter beyond ASCII), or ten characters or more.
  const unlikely = (text) => text.length >= 10 || (text.length >= 4 && /[^A-Za-z0-9+/=]/.test(text));
  const texts = [...new Set(stringsIn(current).filter(unlikely))];
  expect(texts.length).toBeGreaterThan(50);
  expect(texts.filter((text) => all.includes(text))).toEqual([]);

  // The same key opens it again.
  await page.reload();
  await expect(page.getByText(/Restored the draft/)).toBeVisible();
  expect(await record(page)).toEqual(current);

  // Another key (another person's session) cannot open it, and it is left untouched.
  const sealedText = await stored(page, SHARED);
  const strangers = await context.browser().newContext({ locale: 'en-GB', storageState: await context.storageState() });
  await withKey(strangers, OTHER_KEY);
  const stranger = await strangers.newPage();
  // The first person's browser has closed (their claim on the meeting is gone).
  await stranger.goto('/favicon.svg');
  await stranger.evaluate(() => localStorage.removeItem('risk-sensible:lock:shared-meeting'));
  await openDemo(stranger, '/shared.html');
  await expect(stranger.getByText(/could not be opened with this page's key/)).toBeVisible();
  expect((await record(stranger)).meta.id).not.toBe(current.meta.id);
  await stranger.getByLabel('Reason for the meeting').fill('Typed by someone else');
  expect(await stored(stranger, SHARED)).toBe(sealedText);

  // No key at all: refused the same way.
  const outcome = await stranger.evaluate(async () => {
    window.riskSensibleDemo.widget.destroy();
    const { mount } = await import('/pkg/risk_sensible.js');
    const element = document.createElement('div');
    document.body.append(element);
    const errors = [];
    element.addEventListener('risk-sensible:error', (event) => errors.push(event.detail.message));
    const widget = mount(element, { storageKey: 'shared-meeting' });
    const id = widget.record().meta.id;
    widget.destroy();
    return { errors, id };
  });
  expect(outcome.errors.join('\n')).toContain('A saved draft is encrypted, and this page gave no key to open it');
  expect(outcome.id).not.toBe(current.meta.id);
  expect(await stored(stranger, SHARED)).toBe(sealedText);
  await strangers.close();

  // One changed character and the draft does not open; it is left for recovery.
  const tampered = JSON.parse(sealedText);
  const middle = Math.floor(tampered.sealed.length / 2);
  tampered.sealed = tampered.sealed.slice(0, middle) + (tampered.sealed[middle] === 'A' ? 'B' : 'A') + tampered.sealed.slice(middle + 1);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SHARED, JSON.stringify(tampered)]);
  await page.reload();
  await expect(page.getByText(/could not be opened with this page's key: the key is different, or the draft was changed/)).toBeVisible();
  expect(JSON.parse(await stored(page, SHARED))).toEqual(tampered);
  // Made to look newer (to escape expiry): the save time is sealed in too.
  await page.evaluate(([key, value]) => {
    const draft = JSON.parse(value);
    draft.savedAt += 1;
    localStorage.setItem(key, JSON.stringify(draft));
  }, [SHARED, sealedText]);
  await page.reload();
  await expect(page.getByText(/could not be opened with this page's key/)).toBeVisible();

  // The journal of the last change beside the draft is sealed the same way: one changed
  // character and neither opens; put back, both do.
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SHARED, sealedText]);
  const journal = JSON.parse(journalText);
  const at = Math.floor(journal.sealed.length / 2);
  journal.sealed = journal.sealed.slice(0, at) + (journal.sealed[at] === 'A' ? 'B' : 'A') + journal.sealed.slice(at + 1);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`${SHARED}:journal`, JSON.stringify(journal)]);
  await page.reload();
  await expect(page.getByText(/could not be opened with this page's key: the key is different, or the draft was changed/)).toBeVisible();
  expect((await record(page)).meta.id).not.toBe(current.meta.id);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [`${SHARED}:journal`, journalText]);
  await page.reload();
  await expect(page.getByText(/Restored the draft/)).toBeVisible();
  expect(await record(page)).toEqual(current);
  expect(problems).toEqual([]);
});

test('every sealed draft has a fresh nonce, and a sealed draft moved to another meeting does not open there', async ({ page, context }) => {
  await withKey(context, KEY);
  const problems = await openDemo(page, '/shared.html');
  // AES-GCM with a nonce used twice under one key gives the plaintexts away: each write has
  // its own (the first 12 bytes of what is sealed).
  const nonceOf = (text) => Buffer.from(JSON.parse(text).sealed, 'base64').subarray(0, 12).toString('hex');
  // Each change writes the draft or the journal beside it, sealed afresh.
  const written = new Set();
  const nonces = new Set();
  for (const reason of ['First reason', 'Second reason', 'Third reason', 'First reason']) {
    await page.getByLabel('Reason for the meeting').fill(reason);
    for (const key of [SHARED, `${SHARED}:journal`]) {
      const text = await stored(page, key);
      if (text && !written.has(text)) {
        written.add(text);
        nonces.add(nonceOf(text));
      }
    }
  }
  expect(written.size).toBeGreaterThanOrEqual(4);
  expect(nonces.size).toBe(written.size);

  // The draft is sealed to its meeting (the storage key): copied under another meeting's
  // key, the same person's key does not open it there, and it is left as it was.
  const sealedText = await stored(page, SHARED);
  const moved = await page.evaluate(async ([text, key]) => {
    window.riskSensibleDemo.widget.destroy();
    localStorage.setItem('risk-sensible:draft:other-meeting', text);
    const { mount } = await import('/pkg/risk_sensible.js');
    const element = document.createElement('div');
    document.body.append(element);
    const errors = [];
    element.addEventListener('risk-sensible:error', (event) => errors.push(event.detail.message));
    const widget = mount(element, { storageKey: 'other-meeting', draftKey: key });
    const reason = widget.record().meeting.reason;
    return { errors, reason, left: localStorage.getItem('risk-sensible:draft:other-meeting') };
  }, [sealedText, KEY]);
  expect(moved.errors.join('\n')).toContain("could not be opened with this page's key");
  await expect(page.getByText(/could not be opened with this page's key/)).toBeVisible();
  expect(moved.reason).toBe('');
  expect(moved.left).toBe(sealedText);
  expect(problems).toEqual([]);
});

test('a draft kept unencrypted before the host gave a key is restored and sealed at once', async ({ page, context }) => {
  await withKey(context, KEY);
  await page.goto('/favicon.svg');
  await page.evaluate(([key, text]) => localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), tab: 'old', record: text })),
    [SHARED, JSON.stringify(sample)]);
  await openDemo(page, '/shared.html');
  await expect(page.getByText(/Restored the draft/)).toBeVisible();
  expect((await record(page)).meta.id).toBe(sample.meta.id);
  const draft = JSON.parse(await stored(page, SHARED));
  expect(Object.keys(draft).sort()).toEqual(['savedAt', 'sealed', 'tab']);
  expect(await everythingStored(page)).not.toContain(sample.participants[0].name);
});

test('drafts older than the host\'s limit are deleted on mount, with a notice; drafts in use are kept', async ({ page, context }) => {
  await withKey(context, KEY);
  await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
  await openDemo(page, '/shared.html');
  await page.getByLabel('Reason for the meeting').fill('Written at nine');
  expect(await stored(page, SHARED)).not.toBeNull();
  await page.evaluate(() => {
    const at = Date.now();
    // Two other meetings' drafts from an hour ago: one still open in a tab, one not.
    localStorage.setItem('risk-sensible:draft:old-meeting', JSON.stringify({ savedAt: at - 3_600_000, tab: 't', record: '{}' }));
    localStorage.setItem('risk-sensible:draft:open-meeting', JSON.stringify({ savedAt: at - 3_600_000, tab: 't', record: '{}' }));
  });
  // 61 minutes later; the open meeting's tab is still renewing its claim.
  await page.clock.setFixedTime(new Date('2026-03-02T10:01:00Z'));
  await page.evaluate(() => localStorage.setItem('risk-sensible:lock:open-meeting', JSON.stringify({ tab: 'x', at: Date.now() })));
  await page.reload();
  await expect(page.getByText(/The draft of this meeting saved in this browser at \d\d:\d\d was older than 60 minutes, so it has been deleted\./)).toBeVisible();
  await expect(page.getByText('1 draft of other meetings older than 60 minutes was deleted from this browser.')).toBeVisible();
  await expect(page.getByText(/Restored the draft/)).toHaveCount(0);
  expect((await record(page)).meeting.reason).toBe('');
  expect(await stored(page, SHARED)).toBeNull();
  expect(await stored(page, 'risk-sensible:draft:old-meeting')).toBeNull();
  expect(await stored(page, 'risk-sensible:draft:open-meeting')).not.toBeNull();

  // A draft younger than the limit is restored as usual.
  await page.getByLabel('Reason for the meeting').fill('Written at one minute past ten');
  await page.clock.setFixedTime(new Date('2026-03-02T10:59:00Z'));
  await page.reload();
  await expect(page.getByText(/Restored the draft/)).toBeVisible();
  expect((await record(page)).meeting.reason).toBe('Written at one minute past ten');
});

test('the host\'s acknowledgement removes the draft: nothing of the record is left in the browser', async ({ page, context }) => {
  await withKey(context, KEY);
  await openDemo(page, '/shared.html');
  await page.evaluate((r) => window.riskSensibleDemo.widget.load(r), sample);
  expect(await stored(page, SHARED)).not.toBeNull();
  await page.getByRole('button', { name: 'Save to the case system' }).click();
  await expect(page.getByText('Saved by your system', { exact: true })).toBeVisible();
  expect(await stored(page, SHARED)).toBeNull();
  const all = await everythingStored(page);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['risk-sensible:lock:shared-meeting']);
  expect(stringsIn(sample).filter((text) => text.length >= 4 && all.includes(text))).toEqual([]);
  // The same without a key (the plain demo page); wait for it to mount, not only to load.
  await openDemo(page);
  await page.evaluate((r) => window.riskSensibleDemo.widget.load(r), sample);
  expect(await stored(page)).not.toBeNull();
  await page.getByRole('button', { name: 'Save to the case system' }).click();
  await expect.poll(() => stored(page)).toBeNull();
});

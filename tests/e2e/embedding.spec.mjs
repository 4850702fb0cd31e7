// The host contract end to end: mount / record / load / destroy, events, autosave and
// recovery, storage faults, two tabs, two widgets, the custom element under hostile CSS,
// exports validated by third-party tools, import, and the strict CSP pages.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { openDemo, openStage, storedDraft } from './helpers.mjs';

const sample = JSON.parse(readFileSync(new URL('../../www/sample-record.json', import.meta.url)));
const python = '.tools/py/bin/python';
const checkJsonschema = '.tools/py/bin/check-jsonschema';
const schema = 'www/schema/decision-record.schema.json';

test.use({ locale: 'en-GB' });

test.beforeEach(async ({ page }) => {
  // Each test starts from clean storage (the context is fresh, but be explicit).
  await page.goto('/favicon.svg');
  await page.evaluate(() => localStorage.clear());
});

test('mount, record, load and destroy follow the host contract', async ({ page }) => {
  await openDemo(page);
  const loaded = await page.evaluate((record) => {
    const { widget } = window.riskSensibleDemo;
    widget.load(record);
    return widget.record();
  }, sample);
  expect(loaded).toEqual(sample);
  await expect(page.getByText('Leo Marsden-Hale · Draft')).toBeVisible();
  await page.evaluate(() => {
    window.riskSensibleDemo.widget.destroy();
    window.riskSensibleDemo.widget.destroy();
  });
  await expect.poll(() => page.evaluate(() => document.getElementById('meeting').childElementCount)).toBe(0);
});

test('after destroy() every method throws and nothing is written or fired; the element then takes a new widget', async ({ page }) => {
  await openDemo(page);
  const outcome = await page.evaluate(async (record) => {
    const { mount } = await import('/pkg/risk_sensible.js');
    const { widget } = window.riskSensibleDemo;
    const element = document.getElementById('meeting');
    widget.load(record);
    const draftKey = 'risk-sensible:draft:demo-meeting';
    const draft = localStorage.getItem(draftKey);
    const events = [];
    for (const name of ['risk-sensible:change', 'risk-sensible:error', 'risk-sensible:finalise']) {
      element.addEventListener(name, () => events.push(name));
    }
    widget.destroy();
    const attempt = (call) => {
      try {
        call();
        return 'returned';
      } catch (error) {
        return `${error.constructor.name}: ${error.message}`;
      }
    };
    const calls = {
      record: attempt(() => widget.record()),
      load: attempt(() => widget.load({ ...record, meeting: { ...record.meeting, reason: 'After destroy' } })),
      acknowledge: attempt(() => widget.acknowledge()),
      appendFollowUp: attempt(() => widget.appendFollowUp({})),
      destroy: attempt(() => widget.destroy()),
    };
    // Past a heartbeat: nothing runs on.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const after = {
      events: [...events],
      sameDraft: localStorage.getItem(draftKey) === draft,
      lock: localStorage.getItem('risk-sensible:lock:demo-meeting'),
      children: element.childElementCount,
    };
    const again = mount(element, { storageKey: 'demo-meeting' });
    const restored = again.record().meta.id === record.meta.id;
    again.destroy();
    return { calls, after, restored };
  }, sample);
  const destroyed = 'Error: risk-sensible: this widget was destroyed';
  expect(outcome.calls).toEqual({ record: destroyed, load: destroyed, acknowledge: destroyed, appendFollowUp: destroyed, destroy: 'returned' });
  expect(outcome.after).toEqual({ events: [], sameDraft: true, lock: null, children: 0 });
  expect(outcome.restored).toBe(true);
});

test('mount on an element that holds a widget throws and stacks nothing', async ({ page }) => {
  await openDemo(page);
  const outcome = await page.evaluate(async () => {
    const { mount } = await import('/pkg/risk_sensible.js');
    const element = document.getElementById('meeting');
    const before = element.innerHTML;
    try {
      mount(element, { storageKey: 'demo-meeting' });
      return { threw: false };
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { threw: true, message: error.message, same: element.innerHTML === before, headings: element.querySelectorAll('h2').length };
    }
  });
  expect(outcome.threw).toBe(true);
  expect(outcome.message).toContain('this element already holds a widget');
  expect(outcome.same).toBe(true);
  await page.getByLabel('Reason for the meeting').fill('The first widget still works');
  expect((await page.evaluate(() => window.riskSensibleDemo.widget.record())).meeting.reason).toBe('The first widget still works');
});

test('the meeting and the caseload are two modules, and neither mounts on an element the other holds', async ({ page }) => {
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/caseload.html');
  await expect(page.getByRole('heading', { level: 2, name: 'Caseload' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const meeting = await import('/pkg/risk_sensible.js');
    await meeting.default();
    const element = document.getElementById('caseload');
    let refused = '';
    try {
      meeting.mount(element, {});
    } catch (error) {
      refused = String(error.message ?? error);
    }
    // Once the caseload lets the element go, the meeting may take it.
    window.riskSensibleCaseload.caseload.destroy();
    const widget = meeting.mount(element, {});
    const mounted = typeof widget.record === 'function';
    widget.destroy();
    return { refused, mounted };
  });
  expect(outcome.refused).toContain('this element already holds a widget');
  expect(outcome.mounted).toBe(true);
  expect(problems).toEqual([]);
});

test('load from inside a change listener is applied in order: every listener hears each record, and the widget ends on the last', async ({ page }) => {
  await openDemo(page);
  const outcome = await page.evaluate((record) => {
    const { widget } = window.riskSensibleDemo;
    const element = document.getElementById('meeting');
    const withReason = (reason) => ({ ...record, meeting: { ...record.meeting, reason } });
    const first = [];
    const second = [];
    element.addEventListener('risk-sensible:change', (event) => {
      const { reason } = event.detail.record.meeting;
      first.push(reason);
      if (reason === 'A') widget.load(withReason('B'));
    });
    element.addEventListener('risk-sensible:change', (event) => second.push(event.detail.record.meeting.reason));
    widget.load(withReason('A'));
    return { first, second, reason: widget.record().meeting.reason };
  }, sample);
  expect(outcome.first).toEqual(['A', 'B']);
  expect(outcome.second).toEqual(['A', 'B']);
  expect(outcome.reason).toBe('B');
  expect((await storedDraft(page)).record.meeting.reason).toBe('B');
  await expect(page.getByLabel('Reason for the meeting')).toHaveValue('B');
});

test('load of a bad record throws every problem and leaves record() byte-identical', async ({ page }) => {
  await openDemo(page);
  const outcome = await page.evaluate((record) => {
    const { widget } = window.riskSensibleDemo;
    widget.load(record);
    const before = JSON.stringify(widget.record());
    const bad = structuredClone(record);
    bad.meeting.meetingType = 'vote';
    bad.risks[0].ownerId = 'p99';
    try {
      widget.load(bad);
      return { threw: false };
    } catch (error) {
      return { threw: true, message: error.message, same: JSON.stringify(widget.record()) === before };
    }
  }, sample);
  expect(outcome.threw).toBe(true);
  expect(outcome.message).toContain('$.meeting.meetingType');
  expect(outcome.same).toBe(true);
});

test('events carry the record: change after every change, finalise when finalised', async ({ page }) => {
  await openDemo(page);
  await page.evaluate((record) => {
    window.events = [];
    const element = document.getElementById('meeting');
    for (const name of ['risk-sensible:change', 'risk-sensible:finalise']) {
      document.body.addEventListener(name, (event) => window.events.push([name, event.detail.record.meta.status, event.composed, event.bubbles]));
    }
    window.riskSensibleDemo.widget.load(record);
    void element;
  }, sample);
  await openStage(page, 'Check and finalise');
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await expect(page.getByRole('heading', { name: 'This record is final' })).toBeVisible();
  const events = await page.evaluate(() => window.events);
  expect(events).toContainEqual(['risk-sensible:change', 'draft', true, true]);
  expect(events).toContainEqual(['risk-sensible:finalise', 'final', true, true]);
});

test('load announces the new record once: the view showing it is not another change', async ({ page }) => {
  await openDemo(page);
  const seen = await page.evaluate(async (record) => {
    window.reasonsSeen = [];
    document.body.addEventListener('risk-sensible:change', (event) => window.reasonsSeen.push(event.detail.record.meeting.reason));
    window.riskSensibleDemo.widget.load(record);
    // Time for the view to render the loaded record and run its effects.
    for (let frame = 0; frame < 5; frame += 1) await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    return window.reasonsSeen.slice();
  }, sample);
  expect(seen).toEqual([sample.meeting.reason]);
  // The next change the view makes is announced as usual, once.
  const reason = page.getByLabel('Reason for the meeting');
  await reason.press('Control+End');
  await reason.pressSequentially('!');
  await expect.poll(() => page.evaluate(() => window.reasonsSeen)).toEqual([sample.meeting.reason, `${sample.meeting.reason}!`]);
});

test('each keystroke: the change event, the handle and the draft all hold the record as typed', async ({ page }) => {
  await openDemo(page);
  await page.evaluate(() => {
    window.changes = [];
    document.body.addEventListener('risk-sensible:change', (event) => window.changes.push(event.detail.record));
  });
  await page.getByLabel('Reason for the meeting').pressSequentially('Bruise');
  const seen = await page.evaluate(() => ({
    reasons: window.changes.map((record) => record.meeting.reason),
    last: window.changes.at(-1),
    handle: window.riskSensibleDemo.widget.record(),
  }));
  // One event per keystroke, each with the text as it stood after that key.
  expect(seen.reasons.slice(-6)).toEqual(['B', 'Br', 'Bru', 'Brui', 'Bruis', 'Bruise']);
  expect(seen.last).toEqual(seen.handle);
  expect((await storedDraft(page)).record).toEqual(seen.handle);
});

test('a reload after a single change restores it, with a notice, until the host acknowledges', async ({ page }) => {
  await openDemo(page);
  await expect(page.getByText('Not yet saved by your system')).toBeVisible();
  await page.getByLabel('Reason for the meeting').fill('Bruise seen by the health visitor');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  await expect(page.getByText(/Restored the draft saved in this browser at \d\d:\d\d/)).toBeVisible();
  await expect(page.getByLabel('Reason for the meeting')).toHaveValue('Bruise seen by the health visitor');
  // The host stores it and acknowledges: the draft goes, and the widget says so.
  await page.getByRole('button', { name: 'Save to the case system' }).click();
  await expect(page.getByText('Saved by your system', { exact: true })).toBeVisible();
  const draft = await page.evaluate(() => localStorage.getItem('risk-sensible:draft:demo-meeting'));
  expect(draft).toBeNull();
});

test('a draft kept by an earlier version (one JSON object) is restored, and the next change saves it in the current form', async ({ page }) => {
  const earlier = JSON.stringify({ savedAt: Date.now() - 60_000, tab: 'an-earlier-page', record: JSON.stringify(sample, null, 2) });
  await page.addInitScript((draft) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('risk-sensible:draft:demo-meeting', draft);
      sessionStorage.setItem('seeded', 'yes');
    }
  }, earlier);
  await openDemo(page);
  await expect(page.getByText(/Restored the draft saved in this browser at \d\d:\d\d/)).toBeVisible();
  expect(await page.evaluate(() => window.riskSensibleDemo.widget.record())).toEqual(sample);
  const reason = page.getByLabel('Reason for the meeting');
  await reason.press('Control+End');
  await reason.pressSequentially(' Seen again.');
  const { header, record } = await storedDraft(page);
  expect(header.tab).not.toBe('an-earlier-page');
  expect(record.meeting.reason).toBe(`${sample.meeting.reason} Seen again.`);
  expect(record).toEqual(await page.evaluate(() => window.riskSensibleDemo.widget.record()));
});

test('storage switched off: a visible warning, an error event, and the widget keeps working', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
    window.widgetErrors = [];
    document.addEventListener('risk-sensible:error', (event) => window.widgetErrors.push(event.detail.message));
  });
  await openDemo(page);
  await expect(page.getByText(/Autosave is not available/)).toBeVisible();
  await page.getByLabel('Reason for the meeting').fill('Still works in memory');
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.meeting.reason).toBe('Still works in memory');
  expect(await page.evaluate(() => window.widgetErrors.length)).toBeGreaterThan(0);
});

test('storage full mid-meeting: a visible warning, an error event, nothing lost in memory', async ({ page }) => {
  await page.addInitScript(() => {
    let writes = 0;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.startsWith('risk-sensible:draft:') && ++writes > 1) {
        throw new DOMException('full', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
    window.widgetErrors = [];
    document.addEventListener('risk-sensible:error', (event) => window.widgetErrors.push(event.detail.message));
  });
  await openDemo(page);
  await page.getByRole('radio', { name: 'Strategy meeting' }).check();
  await page.getByRole('radio', { name: 'Video call' }).check();
  await expect(page.locator('#meeting').getByText(/Autosave failed/)).toBeVisible();
  const errors = await page.evaluate(() => window.widgetErrors);
  expect(errors.some((message) => message.includes('Autosave failed'))).toBe(true);
  const record = await page.evaluate(() => window.riskSensibleDemo.widget.record());
  expect(record.meeting).toMatchObject({ meetingType: 'strategyMeeting', mode: 'video' });
});

test('a second tab on the same meeting is told, follows read-only and never overwrites the first', async ({ page, context }) => {
  await openDemo(page);
  await page.getByLabel('Reason for the meeting').fill('Written in the first tab');
  const saved = await page.evaluate(() => localStorage.getItem('risk-sensible:draft:demo-meeting'));
  const second = await context.newPage();
  await openDemo(second);
  await expect(second.getByText(/already open in another tab/)).toBeVisible();
  await expect(second.getByLabel('Reason for the meeting')).toHaveValue('Written in the first tab');
  await expect(second.getByLabel('Reason for the meeting')).not.toBeEditable();
  const after = await page.evaluate(() => localStorage.getItem('risk-sensible:draft:demo-meeting'));
  expect(after).toBe(saved);
  // When the first tab closes, the second takes over and saves from then on.
  await page.close();
  await expect(second.getByText(/already open in another tab/)).toHaveCount(0, { timeout: 15_000 });
  await second.getByLabel('Reason for the meeting').fill('Typed in the second tab');
  expect((await storedDraft(second)).record.meeting.reason).toBe('Typed in the second tab');
});

test('two widgets on one page are independent', async ({ page }) => {
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto('/two.html');
  const first = page.locator('#first');
  const second = page.locator('#second');
  await expect(first.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  await expect(second.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  await first.getByLabel('Reason for the meeting').fill('About Leo');
  const records = await page.evaluate(() => [window.riskSensibleDemo.first.record(), window.riskSensibleDemo.second.record()]);
  expect(records[0].meeting.reason).toBe('About Leo');
  expect(records[1].meeting.reason).toBe('');
  expect(records[0].meta.id).not.toBe(records[1].meta.id);
  await expect(second.getByLabel('Reason for the meeting')).toHaveValue('');
  expect(problems).toEqual([]);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('the custom element renders in a shadow root that hostile host CSS cannot break', async ({ page }) => {
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  await page.goto('/element.html');
  const widget = page.locator('risk-sensible-meeting');
  await expect(widget.getByRole('heading', { name: 'Strategy meeting record' })).toBeVisible();
  const styles = await page.evaluate(() => {
    const root = document.querySelector('risk-sensible-meeting').shadowRoot;
    const button = root.querySelector('.rs-button');
    const title = root.querySelector('.rs-widget__title');
    const buttonStyle = getComputedStyle(button);
    const titleStyle = getComputedStyle(title);
    return {
      buttonFont: buttonStyle.fontSize,
      buttonBorder: buttonStyle.borderTopStyle,
      titleTransform: titleStyle.textTransform,
      titleSpacing: titleStyle.letterSpacing,
      hostHeading: getComputedStyle(document.querySelector('h1')).fontFamily,
    };
  });
  expect(styles.buttonFont).not.toBe('7px');
  expect(styles.buttonBorder).not.toBe('dotted');
  expect(styles.titleTransform).toBe('none');
  expect(styles.titleSpacing).toBe('normal');
  // The widget's styles do not leak out to the host.
  expect(styles.hostHeading).toContain('Comic Sans');
  // It works: options, events, and the record property.
  await widget.getByLabel('Reason for the meeting').fill('Inside the element');
  await expect(page.getByText('Changes received: 1.')).toBeVisible();
  const reason = await page.evaluate(() => document.querySelector('risk-sensible-meeting').record.meeting.reason);
  expect(reason).toBe('Inside the element');
  const loaded = await page.evaluate((record) => {
    const element = document.querySelector('risk-sensible-meeting');
    element.record = record;
    return element.record.meta.id;
  }, sample);
  expect(loaded).toBe(sample.meta.id);
  // Checked before axe runs: axe itself applies inline styles, which this CSP refuses.
  expect(problems).toEqual([]);
  const results = await new AxeBuilder({ page }).include('risk-sensible-meeting')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});

test('every export is valid: JSON against the schema, FHIR with fhir.resources, the family copy without restricted items', async ({ page }, testInfo) => {
  await openDemo(page);
  await page.evaluate((record) => window.riskSensibleDemo.widget.load(record), sample);
  const dir = testInfo.outputPath('exports');
  mkdirSync(dir, { recursive: true });
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const path = `${dir}/${download.suggestedFilename()}`;
    await download.saveAs(path);
    return { path, name: download.suggestedFilename() };
  };
  const record = await save('Download record (JSON)');
  expect(record.name).toBe('strategy-meeting-2026-03-02-NS-204518.json');
  expect(JSON.parse(readFileSync(record.path, 'utf8'))).toEqual(sample);
  const family = await save('Download family copy');
  expect(family.name).toBe('strategy-meeting-2026-03-02-NS-204518-family-copy.json');
  const familyText = readFileSync(family.path, 'utf8');
  for (const secret of ['Two call-outs', 'postnatal depression', 'shouting at night', 'police call-out history',
    'Police checks on Connor Hale', 'investigate jointly', 'Police scored lower', 'Tom Reyes']) {
    expect(familyText).not.toContain(secret);
  }
  expect(JSON.parse(familyText).copyFor).toBe('family');
  // Each professional on the distribution list gets their own copy, a record in form.
  const education = await save('Download the copy for Kate Lindqvist');
  const educationText = readFileSync(education.path, 'utf8');
  for (const secret of ['Two call-outs', 'postnatal depression', 'Police checks on Connor Hale']) {
    expect(educationText).not.toContain(secret);
  }
  expect(JSON.parse(educationText).meta.copy.recipient.agency).toBe('Education');
  execFileSync(checkJsonschema, ['--schemafile', schema, record.path, education.path], { stdio: 'pipe' });
  const fhir = await save('Download FHIR QuestionnaireResponse');
  const output = execFileSync(python, ['tests/e2e/validate_fhir.py', fhir.path], { encoding: 'utf8' });
  expect(output).toContain('valid QuestionnaireResponse');
  // The clipboard holds the same record.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy record' }).click();
  await expect(page.getByText('The record was copied to the clipboard.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toEqual(sample);
});

test('importing a file: problems are listed and the record is untouched; a good file opens', async ({ page }, testInfo) => {
  await openDemo(page);
  const before = await page.evaluate(() => JSON.stringify(window.riskSensibleDemo.widget.record()));
  const bad = testInfo.outputPath('bad.json');
  const broken = structuredClone(sample);
  broken.actions[0].due = '2026-02-30';
  writeFileSync(bad, JSON.stringify(broken));
  await page.getByLabel('Open a record from a file (JSON)').setInputFiles(bad);
  const alert = page.getByRole('alert').filter({ hasText: 'The file was not opened' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('$.actions[0].due');
  expect(await page.evaluate(() => JSON.stringify(window.riskSensibleDemo.widget.record()))).toBe(before);
  const good = testInfo.outputPath('good.json');
  writeFileSync(good, JSON.stringify(sample));
  await page.getByLabel('Open a record from a file (JSON)').setInputFiles(good);
  await expect(page.getByText('Leo Marsden-Hale · Draft')).toBeVisible();
  expect(await page.evaluate(() => window.riskSensibleDemo.widget.record().meta.id)).toBe(sample.meta.id);
});

for (const path of ['/', '/two.html', '/element.html', '/sample.html', '/shared.html']) {
  test(`the strict-CSP page ${path} runs with no console error or policy violation`, async ({ page }) => {
    const problems = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Strategy meeting record' }).first()).toBeVisible();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
    expect(problems).toEqual([]);
  });
}

// Every demo page preloads the module and the wasm (README, "Embedding"). A preload whose
// request does not match the loader's (another credentials mode, say) is fetched a second
// time: 1.3 MB more on every cold load, and a console warning. Each page loads its own
// entry's module only: a meeting page nothing of the caseload, the caseload page nothing of
// the meeting.
for (const [path, module, other] of [
  ['/', 'risk_sensible', 'risk_sensible_caseload'],
  ['/two.html', 'risk_sensible', 'risk_sensible_caseload'],
  ['/element.html', 'risk_sensible', 'risk_sensible_caseload'],
  ['/sample.html', 'risk_sensible', 'risk_sensible_caseload'],
  ['/shared.html', 'risk_sensible', 'risk_sensible_caseload'],
  ['/caseload.html', 'risk_sensible_caseload', 'risk_sensible'],
]) {
  test(`${path} fetches the widget's module and wasm once each, from the preload, and nothing of the other module`, async ({ page }) => {
    const fetched = [];
    const warnings = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    page.on('console', (message) => {
      if (/preload/i.test(message.text())) warnings.push(message.text());
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => [new URL(entry.name).pathname, entry.initiatorType]),
    );
    expect(fetched.filter((name) => name.endsWith(`/pkg/${module}_bg.wasm`))).toHaveLength(1);
    expect(fetched.filter((name) => name.endsWith(`/pkg/${module}.js`))).toHaveLength(1);
    expect(fetched.filter((name) => name.endsWith(`/pkg/${other}_bg.wasm`) || name.endsWith(`/pkg/${other}.js`))).toEqual([]);
    // Fetched by the <link>, before the loader asked for it.
    expect(entries.filter(([name]) => name.endsWith(`/pkg/${module}_bg.wasm`))).toEqual([
      [expect.stringMatching(new RegExp(`${module}_bg\\.wasm$`)), 'link'],
    ]);
    expect(warnings).toEqual([]);
  });
}

test('the npm package holds every file its exports name, and each module its own entry', async () => {
  const dist = new URL('../../dist/npm/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('package.json', dist), 'utf8'));
  const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of targets) expect(existsSync(new URL(target, dist)), target).toBe(true);
  const meeting = readFileSync(new URL('pkg/risk_sensible.js', dist), 'utf8');
  const caseload = readFileSync(new URL('pkg/risk_sensible_caseload.js', dist), 'utf8');
  expect(meeting).toContain('export function mount(');
  expect(meeting).not.toContain('mountCaseload');
  expect(caseload).toContain('export function mountCaseload(');
  expect(caseload).not.toContain('export function mount(');
});

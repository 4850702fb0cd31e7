// The threat model's promises, end to end on the built bundle (see SECURITY.md):
// hostile text is only ever text (in every stage, chair mode, print and every export), no
// request leaves the page, the strict Content-Security-Policy is never violated, nothing
// from the record reaches the console, the URL or window.name, and hostile records given
// to `load`, `mount` or the import button are refused with a JSON path, changing nothing.
// Everyone named is invented.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDemo } from './helpers.mjs';
import { PAYLOADS, STAGES, emptyText, gotoStage, injected, payloadCycle, stringsIn, wholeMeeting } from './hostile.mjs';

const sample = JSON.parse(readFileSync(new URL('../../www/sample-record.json', import.meta.url)));
const final = JSON.parse(readFileSync(new URL('../fixtures/example-final.json', import.meta.url)));
const dist = new URL('../../dist/', import.meta.url);

test.use({ locale: 'en-GB' });

// Every test has a browser context of its own, so storage starts empty. (Not opening
// favicon.svg first: the browser then asks for /favicon.ico, whose 404 reaches the console.)

const record = (page) => page.evaluate(() => window.riskSensibleDemo.widget.record());

/** Downloads an export by its button and parses it. */
async function download(page, name, testInfo) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, json: JSON.parse(readFileSync(path, 'utf8')) };
}

/** Expects every payload among these strings, exactly as it was typed. */
function expectEveryPayload(strings, what) {
  const missing = PAYLOADS.filter((payload) => !strings.includes(payload));
  expect(missing.map((payload) => payload.slice(0, 60)), `payloads missing from ${what}`).toEqual([]);
}

/** Expects every payload in the text, or (for the long one) its first 300 characters. */
function expectEveryPayloadShown(text, what) {
  const missing = PAYLOADS.filter((payload) => !text.includes(payload.slice(0, 300)));
  expect(missing.map((payload) => payload.slice(0, 60)), `payloads not shown as text in ${what}`).toEqual([]);
}

async function expectNothingInjected(page, where) {
  expect(await injected(page), where).toEqual({ found: [] });
}

/** Visits every stage, checking nothing was injected; returns the stages' text. */
async function tourStages(page, where) {
  let text = '';
  for (const title of STAGES) {
    await gotoStage(page, title);
    await expectNothingInjected(page, `${where}: ${title}`);
    text += await page.locator('.rs-stage').evaluate((stage) => stage.textContent);
  }
  return text;
}

test.describe('with the page\'s Content-Security-Policy switched off, so only escaping protects', () => {
  test.use({ bypassCSP: true });

  test('hostile text in every free-text field is only text: every stage, chair mode, print, exports and import', async ({ page, browser }, testInfo) => {
    test.setTimeout(300_000);
    const problems = await openDemo(page);

    // The detector works, and scripts would run here: an element injected on purpose runs
    // its handler and is found.
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'probe';
      probe.innerHTML = '<img src="data:," onerror=window.__xss=1>';
      document.getElementById('meeting').append(probe);
    });
    await expect.poll(() => page.evaluate(() => window.__xss)).toBe(1);
    expect((await injected(page)).found).toContain('<img>');
    await page.evaluate(() => { document.getElementById('probe').remove(); delete window.__xss; });
    await expectNothingInjected(page, 'after the probe');

    const filled = await wholeMeeting(page, payloadCycle());
    expect(filled).toBeGreaterThan(50);
    const entered = await record(page);
    expect(entered.meta.status).toBe('amended');
    // Every free-text field of every stage was filled.
    expect(emptyText(entered)).toEqual([]);
    expectEveryPayload(stringsIn(entered), 'the record');

    // Restricted items shown, so their text is rendered too.
    await page.getByRole('button', { name: 'Screen-safe' }).click();
    await expect(page.getByRole('button', { name: 'Screen-safe' })).toHaveAttribute('aria-pressed', 'false');
    expectEveryPayloadShown(await tourStages(page, 'stages'), 'the stages');
    await page.getByRole('button', { name: 'Chair mode' }).click();
    await expect(page.locator('.rs-widget--chair')).toBeVisible();
    expectEveryPayloadShown(await tourStages(page, 'chair mode'), 'chair mode');

    // The printed minutes.
    // A browser fires beforeprint when printing starts; emulated print media does not.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.rs-print-only')).toBeVisible();
    expectEveryPayloadShown(await page.locator('.rs-print-only').evaluate((minutes) => minutes.textContent), 'the printed minutes');
    await expectNothingInjected(page, 'print');
    await page.emulateMedia({ media: 'screen' });

    // Every export carries the text exactly, as inert JSON strings, under a safe file name.
    const json = await download(page, 'Download record (JSON)', testInfo);
    expect(json.json).toEqual(entered);
    const fhir = await download(page, 'Download FHIR QuestionnaireResponse', testInfo);
    const family = await download(page, 'Download family copy', testInfo);
    for (const file of [json, fhir]) {
      expect(file.name).toMatch(/^[A-Za-z0-9.-]+$/);
      expectEveryPayload(stringsIn(file.json), file.name);
    }
    // The family's copy holds only what the meeting agreed to tell them, as inert text.
    expect(family.name).toMatch(/^[A-Za-z0-9.-]+$/);
    expect(family.json.copyFor).toBe('family');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy record' }).click();
    await expect(page.getByText('The record was copied to the clipboard.')).toBeVisible();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(entered);

    // The same text through import, in a fresh browser: opened from the downloaded file.
    const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    const fresh = await context.newPage();
    const freshProblems = await openDemo(fresh);
    await fresh.getByLabel('Open a record from a file (JSON)').setInputFiles(json.path);
    await expect(fresh.getByText('Final, amended (read-only)')).toBeVisible();
    expect(await record(fresh)).toEqual(entered);
    await fresh.getByRole('button', { name: 'Screen-safe' }).click();
    expectEveryPayloadShown(await tourStages(fresh, 'imported'), 'the imported record');

    // A file whose keys are hostile is refused, and the keys quoted in the problems are text.
    const keys = testInfo.outputPath('hostile-keys.json');
    const hostile = JSON.parse(JSON.stringify(sample));
    hostile[PAYLOADS[0]] = 1;
    hostile.meeting[PAYLOADS[2]] = PAYLOADS[1];
    writeFileSync(keys, JSON.stringify(hostile));
    await fresh.getByLabel('Open a record from a file (JSON)').setInputFiles(keys);
    const alert = fresh.getByRole('alert').filter({ hasText: 'The file was not opened' });
    // Types are read in document order, so the first problem is the meeting's hostile key
    // (the root's comes last in the file).
    await expect(alert).toContainText(PAYLOADS[2].slice(0, 20));
    await expectNothingInjected(fresh, 'problems quoting hostile keys');
    expect(freshProblems).toEqual([]);
    await context.close();

    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});

/** Every page asset the bundle has, by path: what a request may ask for. */
function isOwnAsset(url, origin) {
  if (url.startsWith(`blob:${origin}/`)) return true; // downloads made in the page
  const parsed = new URL(url);
  if (parsed.origin !== origin) return false;
  const path = parsed.pathname === '/' ? 'index.html' : decodeURIComponent(parsed.pathname.slice(1));
  return !path.includes('..') && existsSync(new URL(path, dist));
}

for (const path of ['/', '/element.html', '/shared.html']) {
  test(`a whole meeting on ${path}: no request beyond the page's own files, no CSP violation, nothing from the record in the console, URL or window.name`, async ({ page }, testInfo) => {
    test.setTimeout(300_000);
    const requests = [];
    const sockets = [];
    const messages = [];
    page.on('request', (request) => requests.push({ url: request.url(), method: request.method() }));
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('console', (message) => messages.push(message.text()));
    await page.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    const problems = await openDemo(page, path);
    const url = page.url();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");

    await wholeMeeting(page, payloadCycle());
    // The rest of a meeting: chair mode, shown restricted items, print, every export.
    await page.getByRole('button', { name: 'Chair mode' }).click();
    await page.getByRole('button', { name: 'Screen-safe' }).click();
    for (const title of STAGES) await gotoStage(page, title);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    // A browser fires beforeprint when printing starts; emulated print media does not.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.emulateMedia({ media: 'screen' });
    const saved = await download(page, 'Download record (JSON)', testInfo);
    await download(page, 'Download FHIR QuestionnaireResponse', testInfo);
    await download(page, 'Download family copy', testInfo);

    const origin = new URL(url).origin;
    const foreign = requests.filter((request) => request.method !== 'GET' || !isOwnAsset(request.url, origin));
    expect(foreign).toEqual([]);
    expect(sockets).toEqual([]);
    expect(requests.some((request) => request.url.endsWith('.wasm')), 'the requests were recorded').toBe(true);
    expect(await page.evaluate(() => window.violations)).toEqual([]);

    // Nothing of the record outside it: not logged, not in the URL, window.name, cookies
    // or session storage.
    const texts = [...new Set(stringsIn(saved.json).filter((text) => text.length >= 6))];
    expect(texts.length).toBeGreaterThan(50);
    const logged = messages.filter((message) => texts.some((text) => message.includes(text) || message.includes(text.slice(0, 40))));
    expect(logged).toEqual([]);
    const places = await page.evaluate(() => ({
      href: decodeURIComponent(location.href),
      name: window.name,
      cookie: document.cookie,
      session: Object.keys(sessionStorage).filter((key) => key !== 'demo-draft-key'),
      history: history.state,
    }));
    expect(places.href.split('#')[0]).toBe(url.split('#')[0]);
    expect(texts.filter((text) => places.href.includes(text))).toEqual([]);
    expect(places).toMatchObject({ name: '', cookie: '', session: [], history: null });
    expect(problems).toEqual([]);
  });
}

test('the built widget imports no network function: no fetch, XHR, socket, beacon or event source', async () => {
  const glue = readFileSync(new URL('pkg/risk_sensible.js', dist), 'utf8');
  // What the wasm calls out to (storage, events, the DOM), checked to be read properly.
  expect(glue).toContain('setItem');
  // And the module's own JavaScript (wasm-bindgen's snippets), imported by the glue.
  const snippets = [...glue.matchAll(/from\s*['"]\.\/(snippets\/[^'"]+\.js)['"]/g)].map((match) => match[1]);
  expect(snippets.length).toBeGreaterThan(0);
  const code = [glue, ...snippets.map((path) => readFileSync(new URL(`pkg/${path}`, dist), 'utf8'))].join('\n');
  expect(code).toContain('JSON.parse');
  // wasm-bindgen's loader fetches the module's wasm where the host says it is (by default the
  // file beside the glue) and names it when that fails: its one `fetch`.
  expect(code).toContain('new URL("risk_sensible_bg.wasm",import.meta.url)');
  const loader = code.match(/\((\w+)=fetch\(\1\)\)/g);
  expect(loader).toHaveLength(1);
  const failure = code.match(/`failed to fetch Wasm:[^`]*`/g);
  expect(failure).toHaveLength(1);
  // One window.open: the shared screen's window, always the page's own address (the shared
  // screen's test in copies.spec.mjs holds it to that).
  const opens = code.match(/\b\w+\.open\(\w+\(\w+,\w+\),\w+\(\w+,\w+\)\)/g);
  expect(opens).toHaveLength(1);
  const rest = [loader[0], failure[0], opens[0]].reduce((text, allowed) => text.replace(allowed, ''), code);
  const names = rest.match(/\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|importScripts|serviceWorker)\b|\b(open|import|eval)\s*\(|\bnew\s+Function\b/g);
  expect(names).toBeNull();
});

// --- Hostile records given to `load`. ---

/** A JSON text that cannot be a JavaScript object literal (repeated keys), parsed. */
const deep = (levels) => {
  let value = {};
  for (let level = 0; level < levels; level += 1) value = { a: value };
  return value;
};

/**
 * One hostile value per row: a function of the sample record returning what is passed to
 * `load` (built in the page, so it can be a Proxy, a cycle or a BigInt), and the JSON path
 * the first problem must name. Built from source text because the page builds it.
 */
const LOAD_CASES = [
  ['undefined', '() => undefined', '$', 'is undefined'],
  ['null', '() => null', '$', 'this is null'],
  ['a number', '() => 42', '$', 'this is a number'],
  ['a string of JSON', '(r) => JSON.stringify(r)', '$', 'this is text'],
  ['a list', '(r) => [r]', '$', 'this is a list'],
  ['a function', '() => () => 1', '$', 'is function'],
  ['a symbol', '() => Symbol("record")', '$', 'is symbol'],
  ['a cycle', '(r) => { r.meeting.self = r; return r; }', '$', 'cannot be written as JSON'],
  ['a BigInt', '(r) => { r.scales[0].score = 10n; return r; }', '$', 'cannot be written as JSON'],
  ['a throwing getter', '(r) => Object.defineProperty(r, "meta", { enumerable: true, get() { throw new Error("no\\u001b[31m way"); } })', '$', 'no\\u{1b}[31m way'],
  ['a throwing toJSON', '(r) => { r.toJSON = () => { throw new RangeError("nope"); }; return r; }', '$', 'nope'],
  ['a hostile Proxy', '(r) => new Proxy(r, { ownKeys() { throw new Error("trap"); } })', '$', 'trap'],
  ['nesting 100,000 deep', `(r) => { let v = {}; for (let i = 0; i < 100000; i += 1) v = { a: v }; r.meeting.reason = v; return r; }`, '$', ''],
  ['nesting 65 deep', `(r) => { let v = 1; for (let i = 0; i < 65; i += 1) v = [v]; r.linked = v; return r; }`, '$', 'nested more than 64 deep'],
  ['truncated: a section missing', '(r) => { delete r.meta; return r; }', '$', 'missing field `meta`'],
  ['wrong type: text for a list', '(r) => { r.participants = "everyone"; return r; }', '$.participants', 'expected a sequence'],
  ['wrong type: a number for text', '(r) => { r.meeting.reason = 5; return r; }', '$.meeting.reason', 'expected a string'],
  ['wrong type: an object for a date', '(r) => { r.actions[0].due = {}; return r; }', '$.actions[0].due', ''],
  ['wrong type: a list for a boolean', '(r) => { r.subjects[0].unborn = []; return r; }', '$.subjects[0].unborn', ''],
  ['wrong type: a string for a score', '(r) => { r.scales[1].score = "7"; return r; }', '$.scales[1].score', 'expected u8'],
  ['an unknown enumeration value', '(r) => { r.meeting.meetingType = "vote"; return r; }', '$.meeting.meetingType', 'unknown variant `vote`'],
  ['an unknown field', '(r) => { r.participants[0].email = "a@b.invalid"; return r; }', '$.participants[0].email', 'unknown field `email`'],
  ['a string over 100,000 characters', '(r) => { r.meeting.reason = "x".repeat(100001); return r; }', '$.meeting.reason', '100001 characters long'],
  ['a list over 5,000 items', '(r) => { r.meta.linkedRecords = Array(5001).fill("x"); return r; }', '$.meta.linkedRecords', '5001 items'],
  ['more than 8 MiB', '(r) => { r.meeting.reason = "x".repeat(9 * 1024 * 1024); return r; }', '$', 'larger than 8 MiB'],
  ['a lone leading surrogate', '(r) => { r.meeting.reason = "bruise \\ud800"; return r; }', '$.meeting.reason', 'between D800 and DFFF'],
  ['a lone trailing surrogate', '(r) => { r.participants[0].name = "\\udc00"; return r; }', '$.participants[0].name', 'surrogate'],
  ['NaN', '(r) => { r.scales[0].score = NaN; return r; }', '$.scales[0].score', 'invalid type: null'],
  ['Infinity', '(r) => { r.schemaVersion = Infinity; return r; }', '$.schemaVersion', 'whole number'],
  ['a huge number', '(r) => { r.scales[0].score = 1e308; return r; }', '$.scales[0].score', 'expected u8'],
  ['a negative zero version', '(r) => { r.schemaVersion = -0; return r; }', '$.schemaVersion', '0 is not a schema version'],
  ['__proto__ as an own key', '(r) => { Object.defineProperty(r.meta, "__proto__", { value: { status: "final" }, enumerable: true }); return r; }', '$.meta.__proto__', 'not allowed'],
  ['__proto__ from JSON.parse', '(r) => JSON.parse(JSON.stringify(r).replace(\'"meeting":{\', \'"meeting":{"__proto__":{"x":1},\'))', '$.meeting.__proto__', 'not allowed'],
  ['constructor', '(r) => { r.constructor = { prototype: {} }; return r; }', '$.constructor', 'not allowed'],
  ['prototype in an item', '(r) => { r.risks[0].prototype = 1; return r; }', '$.risks[0].prototype', 'not allowed'],
  ['schema version 4', '(r) => { r.schemaVersion = 4; return r; }', '$.schemaVersion', 'version 4 is newer'],
  ['schema version 0', '(r) => { r.schemaVersion = 0; return r; }', '$.schemaVersion', '0 is not a schema version'],
  ['schema version as text', '(r) => { r.schemaVersion = "1"; return r; }', '$.schemaVersion', 'whole number'],
  ['schema version missing', '(r) => { delete r.schemaVersion; return r; }', '$.schemaVersion', 'is missing'],
  ['a dangling risk owner', '(r) => { r.risks[0].ownerId = "p99"; return r; }', '$.risks[0].ownerId', '"p99"'],
  ['a dangling chair', '(r) => { r.meeting.chairId = "p42"; return r; }', '$.meeting.chairId', '"p42"'],
  ['two participants with one id', '(r) => { r.participants[2].id = r.participants[0].id; return r; }', '$.participants[2].id', 'also the id'],
  ['a broken audit chain', '(r) => { r.audit[2].change = "Added nothing"; return r; }', '$.audit[2]', 'entry 3 has been changed'],
  ['an audit entry removed', '(r) => { r.audit.splice(1, 1); return r; }', '$.audit[1].sequence', 'expected entry 2'],
  ['a final record with a wrong digest', '(r, f) => { f.meta.digest = "sha256:" + "0".repeat(64); return f; }', '$.meta.digest', 'does not match'],
  ['a final record whose content changed', '(r, f) => { f.risks[0].description = "No risk."; return f; }', '$.risks', 'changed since the record was finalised'],
  ['a final record marked draft', '(r, f) => { f.meta.status = "draft"; return f; }', '$.meta.status', 'marked draft'],
  ['a final record with a broken chain', '(r, f) => { f.audit[4].actor.name = "Someone Else"; return f; }', '$.audit[4]', 'entry 5 has been changed'],
];

test('load: every hostile record is refused with a JSON path, and record(), the draft and the events are unchanged', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await openDemo(page);
  await page.evaluate((record) => window.riskSensibleDemo.widget.load(record), sample);
  const outcomes = await page.evaluate(({ cases, record, final }) => {
    const { widget } = window.riskSensibleDemo;
    const element = document.getElementById('meeting');
    let events = 0;
    element.addEventListener('risk-sensible:change', () => { events += 1; });
    const before = JSON.stringify(widget.record());
    const draft = localStorage.getItem('risk-sensible:draft:demo-meeting');
    return cases.map(([name, source]) => {
      // eslint-disable-next-line no-new-func
      const make = new Function(`return (${source});`)();
      const value = make(structuredClone(record), structuredClone(final));
      let outcome;
      try {
        widget.load(value);
        outcome = { name, threw: false };
      } catch (error) {
        outcome = { name, threw: true, isError: error instanceof Error, message: String(error.message) };
      }
      outcome.same = JSON.stringify(widget.record()) === before;
      outcome.draft = localStorage.getItem('risk-sensible:draft:demo-meeting') === draft;
      outcome.events = events;
      return outcome;
    });
  }, { cases: LOAD_CASES, record: sample, final });
  const failures = [];
  LOAD_CASES.forEach(([name, , path, words], index) => {
    const outcome = outcomes[index];
    const lines = (outcome.message ?? '').split('\n');
    const first = lines[1] ?? '';
    const ok = outcome.threw && outcome.isError && outcome.same && outcome.draft && outcome.events === 0
      && lines[0] === 'risk-sensible: the record was not loaded:'
      && (first === path || first.startsWith(`${path}:`) || first.startsWith(`${path}.`) || first.startsWith(`${path}[`))
      && first.includes(words)
      && lines.slice(1).every((line) => line.startsWith('$') && !/[\u0000-\u001f]/.test(line))
      && outcome.message.length < 40_000;
    if (!ok) failures.push(`${name}: ${JSON.stringify({ ...outcome, message: outcome.message?.slice(0, 300) })}`);
  });
  expect(failures).toEqual([]);
  // Still working after all that: the sample opens and a change is applied and announced.
  await page.getByLabel('Reason for the meeting').fill('Still working');
  expect((await record(page)).meeting.reason).toBe('Still working');
  expect(problems).toEqual([]);
});

test('mount: a hostile record or bad options throw a clear error and mount nothing', async ({ page }) => {
  await openDemo(page);
  const outcomes = await page.evaluate(async (record) => {
    const { mount } = await import('/pkg/risk_sensible.js');
    const attempt = (options) => {
      const element = document.createElement('div');
      document.body.append(element);
      try {
        mount(element, options);
        return { threw: false };
      } catch (error) {
        return { threw: true, message: error.message, empty: element.childElementCount === 0 };
      } finally {
        element.remove();
      }
    };
    let nested = {};
    for (let i = 0; i < 100000; i += 1) nested = { a: nested };
    const cyclic = structuredClone(record);
    cyclic.meta.self = cyclic;
    return {
      deep: attempt({ record: { ...record, meeting: nested } }),
      cycle: attempt({ record: cyclic }),
      dangling: attempt({ record: { ...record, meeting: { ...record.meeting, chairId: 'p99' } } }),
      unknown: attempt({ storageKey: 'x', draftkey: 'AAAA' }),
      shortKey: attempt({ storageKey: 'x', draftKey: btoa('sixteen bytes!!!') }),
      notBase64: attempt({ storageKey: 'x', draftKey: 'not a key!' }),
      keyWithoutStorage: attempt({ draftKey: btoa('x'.repeat(32)) }),
      zeroAge: attempt({ storageKey: 'x', draftMaxAgeMinutes: 0 }),
      ageAsText: attempt({ storageKey: 'x', draftMaxAgeMinutes: '60' }),
      list: attempt([]),
      nameless: attempt({ participants: [{ name: ' ', agency: 'Police' }] }),
      crowd: attempt({ participants: Array.from({ length: 501 }, (_, i) => ({ name: `P${i}`, agency: 'Police' })) }),
      authority: attempt({ participants: [{ name: 'A', agency: 'Police', decisionAuthority: 'maybe' }] }),
    };
  }, sample);
  expect(outcomes.deep).toMatchObject({ threw: true, empty: true });
  expect(outcomes.deep.message).toMatch(/^risk-sensible: the record was not loaded:\n\$: /);
  expect(outcomes.cycle.message).toMatch(/^risk-sensible: the record was not loaded:\n\$: the record cannot be written as JSON/);
  expect(outcomes.dangling.message).toContain('$.meeting.chairId: refers to participant "p99"');
  expect(outcomes.unknown.message).toContain('unknown field `draftkey`');
  expect(outcomes.shortKey.message).toContain('draftKey must be 32 bytes (256 bits) in base64, but is 16 bytes');
  expect(outcomes.notBase64.message).toContain('draftKey is not base64');
  expect(outcomes.keyWithoutStorage.message).toContain('draftKey needs storageKey');
  expect(outcomes.zeroAge.message).toContain('draftMaxAgeMinutes must be at least 1');
  expect(outcomes.ageAsText.message).toContain('draftMaxAgeMinutes');
  expect(outcomes.list.message).toContain('options must be an object');
  expect(outcomes.nameless.message).toContain('participants[0] needs a name and an agency');
  expect(outcomes.crowd.message).toContain('participants lists more than 500 people');
  expect(outcomes.authority.message).toContain('maybe');
  for (const outcome of Object.values(outcomes)) expect(outcome).toMatchObject({ threw: true, empty: true });
});

test('import from a file: hostile files are refused with a JSON path and the record is unchanged', async ({ page }, testInfo) => {
  await openDemo(page);
  await page.evaluate((record) => window.riskSensibleDemo.widget.load(record), sample);
  const before = JSON.stringify(await record(page));
  const text = JSON.stringify(sample, null, 2);
  const files = [
    ['truncated', Buffer.from(text.slice(0, 5000)), '$', 'ends too soon'],
    ['not UTF-8', Buffer.concat([Buffer.from('{"schemaVersion": 1, "x": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), '$', 'not UTF-8'],
    ['a byte order mark', Buffer.from(`\ufeff${text}`), '$', 'byte order mark'],
    ['a repeated key', Buffer.from(text.replace('"status": "draft"', '"status": "draft", "status": "final"')), '$.meta.status', 'more than once'],
    ['__proto__', Buffer.from(text.replace('"meeting": {', '"meeting": {"__proto__": {},')), '$.meeting.__proto__', 'not allowed'],
    ['nesting 10,000 deep', Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`), '$', 'nested more than 64 deep'],
    ['9 MiB', Buffer.from(text.replace('"reason": "', `"reason": "${'x'.repeat(9 * 1024 * 1024)}`)), '$', 'larger than 8 MiB'],
    ['a lone surrogate', Buffer.from(text.replace('"reason": "', '"reason": "\\ud800')), '$.meeting.reason', 'between D800 and DFFF'],
    ['NaN', Buffer.from(text.replace(/"score": \d+/, '"score": NaN')), '$.scales[0].score', 'expected value'],
    ['version 99', Buffer.from(text.replace(/"schemaVersion": \d+/, '"schemaVersion": 99')), '$.schemaVersion', 'newer'],
  ];
  for (const [name, bytes, path, words] of files) {
    const file = testInfo.outputPath(`${name.replace(/\W+/g, '-')}.json`);
    writeFileSync(file, bytes);
    await page.getByLabel('Open a record from a file (JSON)').setInputFiles(file);
    const alert = page.getByRole('alert').filter({ hasText: 'The file was not opened' });
    await expect(alert, name).toBeVisible();
    const first = (await alert.getByRole('listitem').first().innerText()).trim();
    expect(first.startsWith(`${path}:`) || first.startsWith(`${path}.`) || first.startsWith(`${path}[`), `${name}: ${first}`).toBe(true);
    expect(first, name).toContain(words);
    expect(JSON.stringify(await record(page)), name).toBe(before);
    // Clear the alert for the next file: a good file replaces it.
    writeFileSync(testInfo.outputPath('good.json'), text);
    await page.getByLabel('Open a record from a file (JSON)').setInputFiles(testInfo.outputPath('good.json'));
    await expect(alert).toHaveCount(0);
  }
});

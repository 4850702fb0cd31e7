// Shared by the security and fault tests: hostile text, a whole meeting entered through
// every free-text field of every stage, and checks of what the widget put in the page.
// Everyone and everything entered is invented.
import { expect } from '@playwright/test';

/** Text an attacker (or a careless paste) might put in any field. */
export const PAYLOADS = [
  '<img src=x onerror=window.__xss=1>',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  "'><iframe src=javascript:window.__xss=1></iframe>",
  'javascript:window.__xss=1',
  '{{7*7}} ${7*7} #{7*7} <%= 7*7 %>',
  '\u202Eexe.gnp \u202E reversed \u200F',
  '</textarea></title><script>window.__xss=1</script>',
  '<a href="javascript:window.__xss=1" onclick="window.__xss=1">a link</a>',
  // Nearly as long as a free-text field may be (10,000 characters).
  `${'Long text, '.repeat(905)}<img src=x onerror=window.__xss=1>`,
];

/** The stages, in order, as the task list names them. */
export const STAGES = [
  'Attendance and reason',
  'Child and household',
  'Information shared',
  'Information gaps',
  "The child's voice",
  'Assessment',
  'Safety scales',
  'Decisions',
  'Risks and owners',
  'Actions',
  'Contingency plans',
  'What the family will be told',
  'Dissent and escalation',
  'Timescales and distribution',
  'Wellbeing debrief',
  'Check and finalise',
];

/** Hands out the payloads in turn. */
export function payloadCycle(payloads = PAYLOADS) {
  let next = 0;
  return () => payloads[next++ % payloads.length];
}

/** Opens a stage from the task list. */
export async function gotoStage(page, title) {
  await page.getByRole('navigation', { name: 'Meeting stages' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 3, name: title, exact: true })).toBeVisible();
}

/**
 * Fills every visible, editable control among `controls` that is still empty: text with
 * the next payload, dates and times with fixed values, selects with their first real
 * option, radio groups with their first choice. Returns how many text fields it filled.
 */
export async function fillEmpty(controls, text) {
  let filled = 0;
  const count = await controls.count();
  for (let index = 0; index < count; index += 1) {
    const control = controls.nth(index);
    if (!(await control.isVisible()) || !(await control.isEditable())) continue;
    const kind = await control.evaluate((element) => ({
      tag: element.tagName.toLowerCase(),
      type: element.type,
      value: element.value,
      maxLength: element.maxLength,
      options: element.tagName === 'SELECT' ? [...element.options].map((option) => option.value).filter(Boolean) : [],
      groupChecked: element.type === 'radio'
        && [...element.getRootNode().querySelectorAll(`input[type=radio][name="${element.name}"]`)].some((radio) => radio.checked),
    }));
    if (kind.tag === 'textarea' || (kind.tag === 'input' && ['text', 'search', ''].includes(kind.type))) {
      if (!kind.value) {
        // As much as the field takes, as a paste would be cut.
        const value = text();
        await control.fill(kind.maxLength > 0 ? value.slice(0, kind.maxLength) : value);
        filled += 1;
      }
    } else if (kind.type === 'date') {
      if (!kind.value) await control.fill('2026-03-10');
    } else if (kind.type === 'time') {
      if (!kind.value) await control.fill('10:30');
    } else if (kind.tag === 'select') {
      if (!kind.value && kind.options.length > 0) await control.selectOption(kind.options[0]);
    } else if (kind.type === 'radio') {
      if (!kind.groupChecked) await control.check();
    }
  }
  return filled;
}

/** Fills a form (twice over, for fields that appear after a choice) and submits it. */
export async function fillAndSubmit(form, text) {
  let filled = 0;
  for (let pass = 0; pass < 2; pass += 1) filled += await fillEmpty(form.locator('input, textarea, select'), text);
  await form.locator('button[type=submit]').click();
  // A second scale for someone who has one asks first: replace it.
  const replace = form.getByRole('button', { name: 'Replace', exact: true });
  if (await replace.count()) await replace.click();
  const page = form.page();
  const refused = page.locator('.rs-stage .rs-error-summary, .rs-notice:has(button:text-is("Dismiss"))');
  if (await refused.count()) throw new Error(`the form was refused: ${await refused.first().innerText()}`);
  return filled;
}

/**
 * A whole meeting from an empty record, entered through the screens: three participants,
 * then every stage in order, every add form filled and submitted, every section field
 * filled, then finalised and amended. Every free-text field gets text from `text()`.
 * Returns how many free-text fields were filled.
 */
export async function wholeMeeting(page, text = payloadCycle()) {
  let filled = 0;
  await gotoStage(page, 'Attendance and reason');
  const participants = page.locator('.rs-stage form.rs-participants__form');
  // The three statutory agencies, so that the record can be finalised.
  for (const [person, agency] of ["Children's social care", 'Police', 'Health'].entries()) {
    await participants.getByLabel('Agency').selectOption(agency);
    filled += await fillAndSubmit(participants, text);
    await expect(page.locator('.rs-stage table tbody tr')).toHaveCount(person + 1);
  }
  for (const title of STAGES.filter((stage) => stage !== 'Check and finalise')) {
    await gotoStage(page, title);
    if (title === 'Safety scales') {
      // Views far apart, so the spread prompt (its discussion field and dissent form) shows.
      const scale = page.locator('.rs-stage form[aria-label="Record a scale"]');
      for (const [who, score] of [['p1', '0'], ['p2', '10']]) {
        await scale.getByLabel('Whose view').selectOption(who);
        await scale.getByRole('radio', { name: String(score), exact: true }).check();
        filled += await fillAndSubmit(scale, text);
      }
      await expect(page.getByText('The views differ by 10 points')).toBeVisible();
    }
    if (title === 'Decisions') {
      // The threshold decision agrees with the decision the form below adds (its first
      // type, a single-agency section 47 enquiry) and names a category of harm.
      await page.getByRole('checkbox', { name: 'Physical abuse' }).check();
      await page.getByRole('radio', { name: 'Section 47 enquiries, single agency' }).check();
    }
    if (title === 'Dissent and escalation') {
      // The dissent recorded from the scales has only the view: complete it.
      await page.getByRole('button', { name: 'Change dissent 1' }).click();
      filled += await fillAndSubmit(page.locator('.rs-stage form'), text);
    }
    // Fields edited in place (meeting details, section forms): every change is applied as
    // it is typed.
    for (let pass = 0; pass < 2; pass += 1) {
      filled += await fillEmpty(page.locator('.rs-stage :is(input, textarea, select):not(form *)'), text);
    }
    // Every add form but the participants' (three are enough, added above) and the
    // one-line entries (their parts are the forms' own fields).
    const forms = page.locator('.rs-stage form:not(.rs-participants__form):not(.rs-quick)');
    const count = await forms.count();
    for (let index = 0; index < count; index += 1) {
      const form = forms.nth(index);
      if (await form.isVisible()) filled += await fillAndSubmit(form, text);
    }
  }
  await gotoStage(page, 'Check and finalise');
  await page.getByRole('button', { name: 'Finalise the record' }).click();
  await page.getByRole('button', { name: 'Confirm and finalise' }).click();
  await expect(page.getByRole('heading', { name: /This record is final/ })).toBeVisible();
  const amend = page.locator('.rs-stage form.rs-finalise__amend');
  // Who amends is typed too (it starts as the widget's operator).
  for (const label of ['Your name', 'Your role', 'Your agency']) {
    await amend.getByLabel(label).fill(text());
    filled += 1;
  }
  filled += await fillAndSubmit(amend, text);
  await expect(page.getByRole('heading', { name: 'This record is final, with amendments' })).toBeVisible();
  return filled;
}

/**
 * The JSON paths of every empty string in a record, outside its metadata and audit trail:
 * a free-text field nobody filled. Empty after `wholeMeeting` means it missed a field.
 */
export function emptyText(value, path = '$', found = []) {
  if (path === '$.meta' || path === '$.audit') return found;
  if (value === '') found.push(path);
  else if (Array.isArray(value)) value.forEach((item, index) => emptyText(item, `${path}[${index}]`, found));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([key, item]) => emptyText(item, `${path}.${key}`, found));
  return found;
}

/** Every string anywhere in a JSON value. */
export function stringsIn(value, found = []) {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => stringsIn(item, found));
  return found;
}

/**
 * What hostile text could have done to the page: whether any script set `window.__xss`,
 * and every element or attribute inside the widget (including shadow roots) that the
 * widget never renders itself: scripts, images, SVG, frames, styles, event-handler
 * attributes, javascript: URLs.
 */
export async function injected(page, selector = '#meeting, risk-sensible-meeting') {
  return page.evaluate((rootSelector) => {
    const dangerous = new Set(['script', 'img', 'svg', 'iframe', 'frame', 'object', 'embed', 'style', 'link',
      'meta', 'base', 'math', 'video', 'audio', 'source', 'template', 'portal']);
    const found = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        // The custom element's shadow root holds its own stylesheet link: the widget's own.
        const own = tag === 'link' && element.getRootNode() instanceof ShadowRoot && element.getAttribute('rel') === 'stylesheet'
          && !/^\s*javascript:/i.test(element.getAttribute('href') ?? '');
        if (dangerous.has(tag) && !own) found.push(`<${tag}>`);
        for (const attribute of element.attributes) {
          if (attribute.name.startsWith('on')) found.push(`<${tag} ${attribute.name}>`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attribute.name)
            && /^\s*(javascript|data|vbscript):/i.test(attribute.value)) found.push(`<${tag} ${attribute.name}=${attribute.value}>`);
        }
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    for (const root of document.querySelectorAll(rootSelector)) {
      walk(root);
      if (root.shadowRoot) walk(root.shadowRoot);
    }
    return { xss: window.__xss, found };
  }, selector);
}

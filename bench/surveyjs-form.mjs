// Builds the peer's questionnaire: the large meeting as a SurveyJS form with the same items
// and the same fields, prefilled with the same data. Generated from the record and the
// committed JSON Schema (www/schema/decision-record.schema.json), so it follows the record:
// every property of every section except ids, `meta`, `audit` and `amendments` becomes one
// question (enumerations and participant references a dropdown, dates and times typed
// inputs, long text a comment box), every list a dynamic panel, one page per stage of the
// widget. Run by scripts/bench.sh:
//   node bench/surveyjs-form.mjs RECORD.json SCHEMA.json OUT.json
import { readFileSync, writeFileSync } from "node:fs";

// The widget's stages (src/view/stages.rs) and the record sections each one edits.
const PAGES = [
  ["Meeting details", ["meeting"]],
  ["Child and household", ["subjects", "practiceContext"]],
  ["Who is present", ["participants"]],
  ["Information shared", ["information", "tools"]],
  ["Information gaps", ["gaps"]],
  ["The child's voice", ["childVoice"]],
  ["Assessment", ["assessment"]],
  ["Safety scales", ["scales"]],
  ["Decisions", ["decisions"]],
  ["Risks and owners", ["risks"]],
  ["Actions", ["actions"]],
  ["Contingency plans", ["contingencies"]],
  ["What the family will be told", ["familyCommunication"]],
  ["Dissent and escalation", ["dissent"]],
  ["Timescales and distribution", ["timescales", "distribution"]],
  ["Wellbeing debrief", ["wellbeingDebrief"]],
];
// Properties that name a participant: a dropdown of the meeting's participants, as the
// widget's owner fields are.
const PARTICIPANT_REFS = new Set([
  "chairId", "ownerId", "sharedBy", "participantId", "decisionMakerId", "byId", "capturedBy",
]);
const LONG_TEXT = 40; // characters: longer values get a comment box (the widget's textarea)

export function buildForm(record, schema) {
  const defs = schema.$defs;
  const resolve = (node) => {
    while (node && node.$ref) node = defs[node.$ref.replace("#/$defs/", "")];
    if (node && node.anyOf) {
      const real = node.anyOf.filter((option) => option.type !== "null");
      if (real.length === 1) return { ...resolve(real[0]), description: node.description ?? resolve(real[0]).description };
    }
    return node;
  };
  const kindOf = (node) => {
    const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") : node.type;
    if (node.oneOf && node.oneOf.every((option) => "const" in option)) return "enum";
    if (node.enum) return "enum";
    return type;
  };
  const participants = record.participants.map((p) => ({ value: p.id, text: p.name }));
  const title = (key, node) => (node.description || key).replace(/\.$/, "").slice(0, 90);
  let questions = 0;

  // Longest string seen for each "section.key" in the record, to pick text or comment.
  // The key order of the record's objects at each path, to order the questions as the
  // record does (the schema lists properties alphabetically).
  const longest = new Map();
  const order = new Map();
  const scan = (prefix, value) => {
    if (Array.isArray(value)) value.forEach((item) => scan(prefix, item));
    else if (value && typeof value === "object") {
      if (!order.has(prefix)) order.set(prefix, Object.keys(value));
      for (const [key, inner] of Object.entries(value)) scan(`${prefix}.${key}`, inner);
    } else if (typeof value === "string") {
      longest.set(prefix, Math.max(longest.get(prefix) ?? 0, value.length));
    }
  };
  scan("", record);

  // Questions for an object's properties; nested objects are flattened (`history_notes`).
  const elementsFor = (node, path, namePrefix = "") => {
    node = resolve(node);
    const elements = [];
    const known = order.get(path) ?? [];
    const rank = (key) => (known.includes(key) ? known.indexOf(key) : known.length);
    const properties = Object.entries(node.properties ?? {}).sort(([a], [b]) => rank(a) - rank(b));
    for (const [key, raw] of properties) {
      if (key === "id") continue;
      const prop = resolve(raw);
      const name = namePrefix + key;
      const kind = kindOf(prop);
      const base = { name, title: title(key, prop) };
      if (kind === "array" && resolve(prop.items)?.type === "object") {
        elements.push(dynamicPanel(name, prop, `${path}.${key}`));
        continue;
      }
      if (kind === "object") {
        elements.push(...elementsFor(prop, `${path}.${key}`, `${name}_`));
        continue;
      }
      questions += 1;
      if (PARTICIPANT_REFS.has(key)) elements.push({ ...base, type: "dropdown", choices: participants });
      else if (kind === "enum") {
        const options = prop.oneOf ?? prop.enum.map((value) => ({ const: value }));
        elements.push({
          ...base,
          type: "dropdown",
          choices: options.map((option) => ({ value: option.const, text: (option.description || option.const).replace(/\.$/, "") })),
        });
      } else if (kind === "boolean") elements.push({ ...base, type: "boolean" });
      else if (kind === "integer" || kind === "number") elements.push({ ...base, type: "text", inputType: "number" });
      else if (prop.format === "date" || /IsoDate/.test(raw.$ref ?? JSON.stringify(raw))) {
        elements.push({ ...base, type: "text", inputType: "date" });
      } else if (/ClockTime/.test(raw.$ref ?? JSON.stringify(raw))) elements.push({ ...base, type: "text", inputType: "time" });
      else if ((longest.get(`${path}.${key}`) ?? 0) > LONG_TEXT) elements.push({ ...base, type: "comment", rows: 3 });
      else elements.push({ ...base, type: "text" });
    }
    return elements;
  };
  const dynamicPanel = (name, node, path) => {
    const before = questions;
    const templateElements = elementsFor(node.items, path);
    const perItem = questions - before;
    const items = itemCount(path);
    questions = before + perItem * items; // one set of questions per item in the record
    return {
      type: "paneldynamic",
      name,
      title: title(name, node),
      templateTitle: `${name} {panelIndex}`,
      templateElements,
      minPanelCount: 0,
      panelAddText: "Add",
    };
  };
  const itemCount = (path) => {
    let value = record;
    for (const key of path.split(".").filter(Boolean)) value = value?.[key];
    return Array.isArray(value) ? value.length : 0;
  };

  const pages = PAGES.map(([pageTitle, sections]) => ({
    name: pageTitle.toLowerCase().replace(/[^a-z]+/g, "-"),
    title: pageTitle,
    elements: sections.flatMap((section) => {
      const node = schema.properties[section];
      const resolved = resolve(node);
      if (resolved.type === "array") return [dynamicPanel(section, resolved, `.${section}`)];
      return [{ type: "panel", name: section, title: title(section, resolved), elements: elementsFor(resolved, `.${section}`, `${section}_`) }];
    }),
  }));

  // The data, shaped like the questions: objects flattened, nested lists kept, ids dropped.
  const flatten = (value, prefix, out) => {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "id" || inner === null || inner === undefined) continue;
      if (Array.isArray(inner)) {
        if (inner.length && typeof inner[0] === "object") out[prefix + key] = inner.map((item) => flatten(item, "", {}));
        else out[prefix + key] = inner.join("\n");
      } else if (typeof inner === "object") flatten(inner, `${prefix}${key}_`, out);
      else out[prefix + key] = inner;
    }
    return out;
  };
  const data = {};
  for (const [, sections] of PAGES) {
    for (const section of sections) {
      const value = record[section];
      if (Array.isArray(value)) data[section] = value.map((item) => flatten(item, "", {}));
      else if (value) flatten(value, `${section}_`, data);
    }
  }
  const items = Object.fromEntries(
    PAGES.flatMap(([, sections]) => sections).filter((s) => Array.isArray(record[s])).map((s) => [s, record[s].length]),
  );
  return {
    json: {
      showQuestionNumbers: "off",
      checkErrorsMode: "onComplete",
      pages,
    },
    data,
    questions,
    items,
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const [recordPath, schemaPath, outPath] = process.argv.slice(2);
  if (!outPath) {
    console.error("usage: node bench/surveyjs-form.mjs RECORD.json SCHEMA.json OUT.json");
    process.exit(2);
  }
  const form = buildForm(JSON.parse(readFileSync(recordPath, "utf8")), JSON.parse(readFileSync(schemaPath, "utf8")));
  writeFileSync(outPath, JSON.stringify(form));
  console.log(`surveyjs-form: ${form.questions} questions in ${form.json.pages.length} pages; items ${JSON.stringify(form.items)}`);
}

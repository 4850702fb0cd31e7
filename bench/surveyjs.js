// The peer's bench page: SurveyJS (survey-core + survey-js-ui, the vanilla UI) rendering the
// large meeting as an equivalent questionnaire (bench/surveyjs-form.mjs), prefilled with the
// same data. Like for like with the widget (bench/README.md):
// - every list (dynamic panel) uses `displayMode: "carousel"`: one item open at a time,
//   as the widget opens one item in its form beside the list;
// - `?layout=paged` (default): one page per widget stage, the first page shown, as the
//   widget shows one stage; `?layout=single`: every section on one page with SurveyJS's
//   lazy rendering (`lazyRenderEnabled`: questions enter the DOM as they scroll into view);
// - `?mode=onTyping` updates the value on every key, as the widget's reason field updates
//   the record; the default, "onBlur", when the field loses focus, as the widget's item
//   form holds its text until "Save changes".
// The page is ready when the meeting's reason (page 1) is shown: the field the widget's
// first stage shows first, and the field the harness's first key goes into.
/* global Survey */
const bench = window.__bench;
const params = new URLSearchParams(location.search);
const layout = params.get("layout") === "single" ? "single" : "paged";
const mode = params.get("mode") === "onTyping" ? "onTyping" : "onBlur";
const lists = params.get("lists") === "list" ? "list" : "carousel";

const form = await fetch("data/surveyjs-large.json").then((response) => response.json());
// Without this SurveyJS keeps the first 100 panels of a list and silently drops the rest.
Survey.settings.panel.maxPanelCount = 1000;
const json = structuredClone(form.json);
json.textUpdateMode = mode;
// One item of each list open at a time (SurveyJS's carousel), nested lists too.
const eachList = (elements) => {
  for (const element of elements ?? []) {
    if (element.type === "paneldynamic") element.displayMode = lists;
    eachList(element.elements);
    eachList(element.templateElements);
  }
};
json.pages.forEach((page) => eachList(page.elements));
if (layout === "single") {
  json.pages = [{
    name: "all",
    elements: json.pages.map((page) => ({ type: "panel", name: `${page.name}-section`, title: page.title, elements: page.elements })),
  }];
}
const survey = new Survey.Model(json);
if (layout === "single") survey.lazyRenderEnabled = true;
survey.data = form.data;
bench.mark("model");
survey.render(document.getElementById("survey"));
bench.mark("renderCalled");

// Scrolls to a question on the lazily rendered page. SurveyJS renders a lazy row on the
// window's scroll events, listening from 10 ms after the row is created; a scroll that came
// sooner is told again, as a user's next scroll step would, until the box is in the DOM.
async function reveal(question) {
  question.focus();
  for (let frames = 0; !document.getElementById(question.inputId) && frames < 600; frames += 1) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    dispatchEvent(new Event("scroll"));
  }
}
const reason = () => survey.getQuestionByName("meeting_reason");
// The reason's box: the first field the harness types into, as on the widget. On the one
// lazily rendered page it is below the first screen and not rendered until it is scrolled
// to: the page scrolls to it (SurveyJS's own focus(), which renders what it scrolls past) as
// soon as the survey is in the DOM, as a chair would scroll to it.
if (layout === "single") {
  bench.whenShown("#survey .sd-question", "firstQuestion")
    .then(() => reveal(reason()))
    .catch((error) => bench.errors.push(String(error)));
}
bench.whenShown(`#${CSS.escape(reason().inputId)}`, "ready").catch((error) => bench.errors.push(String(error)));

const actionTask = () => survey.getQuestionByName("actions").panels[0].getQuestionByName("task");

window.__sj = {
  survey,
  layout,
  mode,
  lists,
  // The reason question's value and its box's id.
  reason() {
    return { id: reason().inputId, value: String(reason().value ?? "") };
  },
  // The first action's task: its value in the model (what a save would keep).
  actionTaskValue() {
    return String(actionTask().value ?? "");
  },
  // Shows the Actions list (its page) with its first action open and resolves with the id of
  // that action's task box and the ms until it was painted.
  async showActions() {
    const start = performance.now();
    if (layout === "paged") survey.currentPage = survey.getPageByName("actions");
    const list = survey.getQuestionByName("actions");
    if (list.displayMode === "carousel") list.currentIndex = 0;
    const question = actionTask();
    if (layout === "single") await reveal(question);
    for (let frames = 0; !document.getElementById(question.inputId); frames += 1) {
      if (frames > 1200) throw new Error("the Actions list did not appear");
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await bench.afterPaint();
    return { id: question.inputId, ms: performance.now() - start };
  },
  counts() {
    return {
      pages: survey.pages.length,
      questions: survey.getAllQuestions(true).length,
      actionPanels: survey.getQuestionByName("actions").panelCount,
      domElements: document.getElementsByTagName("*").length,
    };
  },
  memory() {
    return {
      jsHeapBytes: performance.memory ? performance.memory.usedJSHeapSize : null,
      domElements: document.getElementsByTagName("*").length,
    };
  },
};
bench.mark("exposed");

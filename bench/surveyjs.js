// The peer's bench page: SurveyJS (survey-core + survey-js-ui, the vanilla UI) rendering the
// large meeting as an equivalent questionnaire (bench/surveyjs-form.mjs), prefilled with the
// same data. `?layout=paged` (default): one page per widget stage, the first page shown, as
// the widget shows one stage; `?layout=single`: every section on one page, SurveyJS's
// default for a form without pages. `?mode=onTyping` updates the value on every key;
// the default, "onBlur", when the field loses focus.
/* global Survey */
const bench = window.__bench;
const params = new URLSearchParams(location.search);
const layout = params.get("layout") === "single" ? "single" : "paged";
const mode = params.get("mode") === "onTyping" ? "onTyping" : "onBlur";

const form = await fetch("data/surveyjs-large.json").then((response) => response.json());
// Without this SurveyJS keeps the first 100 panels of a list and silently drops the rest.
Survey.settings.panel.maxPanelCount = 1000;
const json = structuredClone(form.json);
json.textUpdateMode = mode;
if (layout === "single") {
  json.pages = [{
    name: "all",
    elements: json.pages.map((page) => ({ type: "panel", name: `${page.name}-section`, title: page.title, elements: page.elements })),
  }];
}
const survey = new Survey.Model(json);
survey.data = form.data;
bench.mark("model");
survey.render(document.getElementById("survey"));
bench.mark("renderCalled");

const READY = "#survey textarea, #survey input.sd-input";
bench.whenShown(READY, "ready").catch((error) => bench.errors.push(String(error)));

const actionTask = () => survey.getQuestionByName("actions").panels[0].getQuestionByName("task");

window.__sj = {
  survey,
  layout,
  mode,
  // Shows the Actions list (its page, or scrolls to it on the single page) and resolves
  // with the id of the first action's task box and the ms until it was painted.
  async showActions() {
    const start = performance.now();
    if (layout === "paged") survey.currentPage = survey.getPageByName("actions");
    const question = actionTask();
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

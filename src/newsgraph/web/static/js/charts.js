// Draws each chart of a page: a .chart element whose specification (Vega or Vega-Lite, data
// included) is the JSON of the script element "<chart id>-spec". Vega runs with its expression
// interpreter (ast: true), so the page's Content-Security-Policy needs no 'unsafe-eval'.
(function () {
  "use strict";

  const OPTIONS = {
    ast: true,
    actions: false,
    renderer: "svg",
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };

  function draw(element) {
    const source = document.getElementById(element.id + "-spec");
    if (!source) {
      return;
    }
    const spec = JSON.parse(source.textContent);
    const aspect = Number(element.dataset.aspect);
    if (aspect > 0) {
      if (spec.width !== "container") {
        spec.width = element.clientWidth;
      }
      spec.height = Math.max(160, Math.round(element.clientWidth * aspect));
    }
    const options = Object.assign({ mode: element.dataset.mode }, OPTIONS);
    window
      .vegaEmbed(element, spec, options)
      .then(function () {
        element.dataset.drawn = "true";
      })
      .catch(function (error) {
        element.dataset.drawn = "failed";
        element.textContent = "The chart could not be drawn (" + error.message + "); the table has the data.";
      });
  }

  for (const element of document.querySelectorAll(".chart[data-mode]")) {
    draw(element);
  }
})();

// Progressive enhancement: open the options of the chosen rule and fold the others.
(function () {
  "use strict";
  var rules = document.querySelectorAll(".tally-rule");
  if (!rules.length) { return; }
  function show() {
    rules.forEach(function (rule) {
      var radio = rule.querySelector("input[type=radio]");
      var details = rule.querySelector("details");
      if (radio && details && !details.querySelector(".field-invalid")) {
        details.open = radio.checked;
      }
    });
  }
  rules.forEach(function (rule) {
    var radio = rule.querySelector("input[type=radio]");
    if (radio) { radio.addEventListener("change", show); }
  });
  show();
})();

// Small progressive touches; every page works without this file.
(function () {
  "use strict";
  var text = document.querySelector(".article-text");
  var legend = document.querySelector("p.legend");
  if (!text || !legend) return;

  // The legend becomes three toggles that switch one kind of highlight off and on.
  legend.querySelectorAll("span").forEach(function (label) {
    var kind = label.className.replace("hl-", "");
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.textContent = label.textContent;
    button.setAttribute("aria-pressed", "true");
    button.addEventListener("click", function () {
      var shown = button.getAttribute("aria-pressed") === "true";
      button.setAttribute("aria-pressed", shown ? "false" : "true");
      text.classList.toggle("hide-" + kind, shown);
    });
    label.replaceWith(button);
  });

  // Pointing at a highlighted piece outlines every piece of the same statement.
  function pieces(numbers) {
    return Array.prototype.filter.call(text.querySelectorAll("[data-statements]"), function (piece) {
      var own = piece.getAttribute("data-statements").split(" ");
      return numbers.some(function (n) { return own.indexOf(n) >= 0; });
    });
  }
  text.addEventListener("mouseover", function (event) {
    var piece = event.target.closest("[data-statements]");
    if (!piece) return;
    var numbers = piece.getAttribute("data-statements").split(" ");
    pieces(numbers).forEach(function (p) { p.classList.add("focus"); });
  });
  text.addEventListener("mouseout", function () {
    text.querySelectorAll(".focus").forEach(function (p) { p.classList.remove("focus"); });
  });
})();

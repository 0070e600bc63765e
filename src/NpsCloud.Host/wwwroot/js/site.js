// Loaded in the head of every app page (_Layout), before the body is drawn, so the phone's menu starts
// closed without a flash; without script the menu simply stays open and the tables keep their headers.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // The menu button opens and closes the navigation on narrow screens (it is hidden on wide ones).
  function wireMenu() {
    var toggle = document.querySelector("[data-menu-toggle]");
    if (!toggle) return;
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var group = document.querySelector("[data-nav-group][open]");
      if (group) { group.removeAttribute("open"); group.querySelector("summary").focus(); return; }
      if (toggle.getAttribute("aria-expanded") === "true") { toggle.click(); toggle.focus(); }
    });
    // The Settings dropdown closes when a click lands elsewhere, as menus do.
    document.addEventListener("click", function (event) {
      document.querySelectorAll("[data-nav-group][open]").forEach(function (group) {
        if (!group.contains(event.target)) group.removeAttribute("open");
      });
    });
  }

  // Tables in the main area become stacked cards on a phone (site.css); each cell shows its column's
  // header as its label, copied here once so that no page has to repeat it on every cell.
  function labelCells() {
    document.querySelectorAll("main table").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return (th.textContent || "").trim();
      });
      if (headers.length === 0) return;
      table.classList.add("labelled");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var label = headers[column];
          if (label && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", label);
          column += cell.colSpan || 1;
        });
      });
    });
  }

  function ready() { wireMenu(); labelCells(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

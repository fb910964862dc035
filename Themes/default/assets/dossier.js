// Dossier's page behaviour: navigation toggle, copy buttons and sortable tables.
// No dependencies and no network: the site works from file:// as well as from a server.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var toggle = document.querySelector(".nav-toggle");
    if (toggle) toggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });

    document.querySelectorAll(".code .copy").forEach(function (button) {
      button.addEventListener("click", function () {
        var code = button.parentElement.querySelector("code");
        var text = code ? code.innerText : "";
        function done(label) { button.textContent = label; setTimeout(function () { button.textContent = "Copy"; }, 1500); }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () { done("Failed"); });
        } else {
          var area = document.createElement("textarea");
          area.value = text; document.body.appendChild(area); area.select();
          try { document.execCommand("copy"); done("Copied"); } catch (e) { done("Failed"); }
          document.body.removeChild(area);
        }
      });
    });

    document.querySelectorAll("table.sortable").forEach(function (table) {
      var headers = table.querySelectorAll("thead th");
      headers.forEach(function (th, column) {
        th.setAttribute("tabindex", "0");
        function sort() {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var numeric = th.getAttribute("data-sort") === "num";
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          function key(row) {
            var cell = row.cells[column];
            if (!cell) return numeric ? -Infinity : "";
            var raw = cell.getAttribute("data-value");
            if (numeric) { var n = parseFloat(raw !== null ? raw : cell.textContent); return isNaN(n) ? -Infinity : n; }
            return (raw !== null ? raw : cell.textContent).trim().toLowerCase();
          }
          rows.sort(function (a, b) {
            var x = key(a), y = key(b);
            var order = x < y ? -1 : x > y ? 1 : 0;
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
      });
    });
  });
})();

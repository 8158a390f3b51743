// manualpack browser edition: search as you type, ticks kept in this browser, print, review date.
// Plain script, no frameworks, no network: text is only ever set with textContent.
(function () {
  "use strict";
  var body = document.body;

  // Browsers that print @page margin boxes print the footer details on every page from the CSS;
  // the others print the footer once, after the content.
  if (window.CSSMarginRule) { document.documentElement.classList.add("margin-boxes"); }

  // Overdue review date.
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll("[data-next-review]").forEach(function (el) {
    if (el.getAttribute("data-next-review") < today) {
      el.classList.add("overdue");
      el.textContent += " (overdue: ask for a newer copy)";
    }
  });

  // Print buttons.
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });

  // Ticks, kept in localStorage when the browser allows it on file:// pages.
  var store = body.getAttribute("data-store");
  var storage = null;
  try {
    storage = window.localStorage;
    storage.setItem("manualpack|probe", "1");
    storage.removeItem("manualpack|probe");
  } catch (e) { storage = null; }
  if (store) {
    var boxes = document.querySelectorAll("input[data-tick]");
    boxes.forEach(function (box) {
      var key = store + "|" + box.getAttribute("data-tick");
      if (storage) {
        try { var v = storage.getItem(key); if (v !== null) { box.checked = v === "1"; } } catch (e) {}
      }
      box.addEventListener("change", function () {
        if (!storage) { return; }
        try { storage.setItem(key, box.checked ? "1" : "0"); } catch (e) {}
      });
    });
    document.querySelectorAll("[data-tick-note]").forEach(function (note) {
      if (!storage) {
        note.firstChild.textContent = "This browser cannot keep ticks for a page opened from a file: they are lost when you close it. Nothing is saved to the stick. ";
      }
    });
    document.querySelectorAll("[data-clear-ticks]").forEach(function (b) {
      b.addEventListener("click", function () {
        boxes.forEach(function (box) {
          box.checked = false;
          if (storage) { try { storage.removeItem(store + "|" + box.getAttribute("data-tick")); } catch (e) {} }
        });
      });
    });
  }

  // Search as you type over the index embedded in the page.
  var data = document.getElementById("mp-index");
  var box = document.querySelector("[data-search]");
  if (!box) { return; }
  var input = document.getElementById("mp-q");
  var list = document.getElementById("mp-results");
  var status = document.getElementById("mp-status");
  if (!data) {
    // A big pack keeps its index on the front page only: Enter searches there.
    if (box.hasAttribute("data-search-remote")) {
      box.hidden = false;
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && input.value.trim()) {
          window.location.href = "index.html?q=" + encodeURIComponent(input.value);
        }
      });
      input.addEventListener("input", function () { status.textContent = "Press Enter to search"; });
    }
    return;
  }
  var engine = manualpackSearch.load(data.textContent);
  if (!engine) { return; }
  box.hidden = false;

  // The snippet as text nodes, the matched words in <mark>.
  function marked(parent, text, marks) {
    var at = 0;
    marks.forEach(function (m) {
      parent.appendChild(document.createTextNode(text.slice(at, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      parent.appendChild(mark);
      at = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function show(q) {
    var found = engine.search(q, 12), hits = found.hits;
    list.textContent = "";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.url;
      a.textContent = h.title + (h.path.length ? " \u203a " + h.path.join(" \u203a ") : "");
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + h.kind + ")"));
      var s = document.createElement("span");
      s.className = "snip";
      marked(s, h.snippet, h.marks);
      li.appendChild(s);
      list.appendChild(li);
    });
    var shown = found.total > hits.length ? "best " + hits.length + " of " + found.total : String(found.total);
    status.textContent = q.trim() ? (hits.length ? shown + " found" : "Nothing found for \u201c" + q + "\u201d") : "";
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; show(""); }
    if (e.key === "Enter") { var first = list.querySelector("a"); if (first) { first.click(); } }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; show(q); }
}());

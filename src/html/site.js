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
  var index;
  try { index = JSON.parse(data.textContent); } catch (e) { return; }
  box.hidden = false;

  function has(text, term) { return text.toLowerCase().indexOf(term) >= 0; }

  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    if (at < 0) { return text.slice(0, 140); }
    var from = Math.max(0, at - 60), to = Math.min(text.length, at + 100);
    if (from > 0) { from = text.indexOf(" ", from) + 1 || from; }
    if (to < text.length) { to = text.lastIndexOf(" ", to) > at ? text.lastIndexOf(" ", to) : to; }
    return (from > 0 ? "\u2026 " : "") + text.slice(from, to) + (to < text.length ? " \u2026" : "");
  }

  function search(q) {
    var terms = q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    if (!terms.length) { return []; }
    var hits = [];
    index.docs.forEach(function (d) {
      var score = 0, best = null, bestScore = -1, all = true;
      terms.forEach(function (t) {
        var s = 0;
        if (has(d.t, t)) { s += 10; }
        if (has(d.x, t)) { s += 6; }
        d.s.forEach(function (sec) {
          var ss = (has(sec[0], t) ? 4 : 0) + (has(sec[2], t) ? 1 : 0);
          s += ss;
          if (ss > bestScore) { bestScore = ss; best = sec; }
        });
        if (!s) { all = false; }
        score += s;
      });
      if (all) {
        // Link to the best section's heading, unless that heading is the title itself.
        var found = best && bestScore > 0;
        var anchor = found && best[1] && best[0] !== d.t;
        hits.push({ score: score, title: d.t, kind: d.k, url: d.u + (anchor ? "#" + best[1] : ""),
          where: anchor ? best[0] : "", snip: snippet(found ? best[2] : d.x, terms[0]) });
      }
    });
    index.contacts.forEach(function (c) {
      var score = 0, all = true;
      terms.forEach(function (t) {
        var s = (has(c.n, t) ? 8 : 0) + (has(c.x, t) ? 2 : 0);
        if (!s) { all = false; }
        score += s;
      });
      if (all) { hits.push({ score: score, title: c.n, kind: "contact", url: c.u, where: "", snip: snippet(c.x, terms[0]) }); }
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, 12);
  }

  function show(q) {
    var hits = search(q);
    list.textContent = "";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.url;
      a.textContent = h.title + (h.where ? " \u203a " + h.where : "");
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + h.kind + ")"));
      var s = document.createElement("span");
      s.className = "snip";
      s.textContent = h.snip;
      li.appendChild(s);
      list.appendChild(li);
    });
    status.textContent = q.trim() ? (hits.length ? hits.length + " found" : "Nothing found for \u201c" + q + "\u201d") : "";
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; show(""); }
    if (e.key === "Enter") { var first = list.querySelector("a"); if (first) { first.click(); } }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; show(q); }
}());

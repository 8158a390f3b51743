// manualpack browser search: the matching and ranking of `manualpack search`, over the index the
// program embeds in the page: its dictionary of folded words and numbers, its postings, its
// weights and thresholds, its fold table and synonyms. This file only mirrors the rules of
// src/search (fold.rs: cutting and folding; query.rs: parsing and matching; index.rs: scoring;
// hits.rs: section and snippet); every constant comes from the index. Plain script, no network.
var manualpackSearch = (function () {
  "use strict";
  var f32 = Math.fround;
  // Rust's char::is_alphanumeric: Alphabetic, or a number (Nd, Nl, No). Built at run time so that
  // a browser without Unicode property classes still runs the rest of the page script; it then
  // takes every character that has a case, or is past the punctuation of Latin-1, as a letter.
  var WORD;
  try { WORD = new RegExp("[\\p{Alphabetic}\\p{Nd}\\p{Nl}\\p{No}]", "u"); } catch (e) {
    WORD = { test: function (c) { return c.toLowerCase() !== c.toUpperCase() || c > "\u00bf"; } };
  }
  var VERSION = 1;
  var MAX_CLAUSES = 64; // clauses past this many are not counted when choosing a snippet

  function Engine(ix) {
    var r = ix.rules;
    this.r = {
      field: r.field.map(f32), quality: r.quality.map(f32),
      countWeight: f32(r.count_weight), countCap: f32(r.count_cap),
      typoMin: r.typo_min, innerMin: r.inner_digits_min,
      gapMax: r.gap_max, gapChars: r.gap_chars, country: r.country, marks: r.marks
    };
    var fold = this.fold = new Map();
    ix.fold.forEach(function (run) {
      for (var cp = run[0]; cp <= run[1]; cp++) { fold.set(cp, run[2]); }
    });
    this.syn = ix.syn;
    this.terms = ix.terms ? ix.terms.split(" ") : [];
    this.chars = [];
    this.post = ix.post.map(function (text) { return decodePostings(text, r.digits); });
    this.items = ix.items;
  }

  // html/search.rs encode_postings, undone: owner * 1024 + (count << 2 | field), as in index.rs.
  function decodePostings(text, digits) {
    var out = [], n = 0, owner = 0, low = false;
    for (var i = 0; i < text.length; i++) {
      var d = digits.indexOf(text[i]);
      n = n * 32 + (d & 31);
      if (d >= 32) { continue; }
      if (low) { out.push(owner * 1024 + n); } else { owner += n; }
      low = !low;
      n = 0;
    }
    return out;
  }

  // fold.rs fold: lower case, with the table's characters replaced.
  Engine.prototype.foldText = function (text) {
    var out = "";
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), n = cp > 0xffff ? 2 : 1;
      var f = cp < 128 ? undefined : this.fold.get(cp);
      out += f !== undefined ? f : text.slice(i, i + n).toLowerCase();
      i += n;
    }
    return out;
  };

  // fold.rs find_runs: runs of word characters, and whether each is ASCII digits only.
  Engine.prototype.runs = function (text) {
    var out = [], cur = null, m = this.r.marks;
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), n = cp > 0xffff ? 2 : 1, word, digit = false;
      if (cp < 128) {
        digit = cp >= 48 && cp <= 57;
        word = digit || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
      } else {
        word = (cp >= m[0] && cp <= m[1]) || WORD.test(text.slice(i, i + n));
      }
      if (word) {
        if (!cur) { cur = { s: i, e: i, d: true }; }
        cur.d = cur.d && digit;
        cur.e = i + n;
      } else if (cur) { out.push(cur); cur = null; }
      i += n;
    }
    if (cur) { out.push(cur); }
    return out;
  };

  // fold.rs Scanner::scan: words {w, s, e} and numbers {d, spans}, in order.
  Engine.prototype.scan = function (text) {
    var runs = this.runs(text), out = [], r = this.r;
    for (var i = 0; i < runs.length;) {
      var run = runs[i];
      if (!run.d) {
        var w = this.foldText(text.slice(run.s, run.e));
        if (w) { out.push({ w: w, s: run.s, e: run.e }); }
        i++;
        continue;
      }
      var digits = "", spans = [], j = i;
      for (;;) {
        var rj = runs[j];
        for (var k = rj.s; k < rj.e; k++) { digits += text[k]; spans.push([k, k + 1]); }
        var next = runs[j + 1];
        if (!next) { break; }
        var gap = text.slice(rj.e, next.s);
        if (!next.d || gap.length > r.gapMax || !onlyOf(gap, r.gapChars)) { break; }
        j++;
      }
      var code = r.country.length;
      if (run.s > 0 && text[run.s - 1] === "+" && digits.indexOf(r.country) === 0 && digits.length > code) {
        var cut = digits[code] === "0" ? code + 1 : code;
        var end = spans[cut - 1][1];
        digits = "0" + digits.slice(cut);
        spans.splice(0, cut, [run.s - 1, end]);
      }
      out.push({ d: digits, spans: spans });
      i = j + 1;
    }
    return out;
  };

  function onlyOf(text, chars) {
    for (var i = 0; i < text.length; i++) { if (chars.indexOf(text[i]) < 0) { return false; } }
    return true;
  }

  function word(folded) { return { w: folded, c: Array.from(folded) }; }

  // query.rs Query::parse: clauses, each a list of alternatives, each a list of terms.
  Engine.prototype.parse = function (text) {
    var terms = this.scan(text).map(function (p) {
      return p.w !== undefined ? word(p.w) : { d: p.d };
    });
    var clauses = [], syn = this.syn;
    outer: for (var i = 0; i < terms.length;) {
      for (var g = 0; g < syn.length; g++) {
        for (var p = 0; p < syn[g].length; p++) {
          var phrase = syn[g][p];
          if (startsPhrase(terms, i, phrase)) {
            clauses.push(syn[g].map(function (ph) { return ph.map(word); }));
            i += phrase.length;
            continue outer;
          }
        }
      }
      clauses.push([[terms[i]]]);
      i++;
    }
    return clauses;
  };

  function startsPhrase(terms, at, phrase) {
    if (phrase.length > terms.length - at) { return false; }
    for (var i = 0; i < phrase.length; i++) { if (terms[at + i].w !== phrase[i]) { return false; } }
    return true;
  }

  // fold.rs within_one: at most one insertion, deletion, substitution or swap of neighbours.
  function withinOne(a, b) {
    if (a.length > b.length) { return withinOne(b, a); }
    if (b.length - a.length > 1) { return false; }
    var i = 0;
    while (i < a.length && a[i] === b[i]) { i++; }
    if (i === a.length) { return true; }
    if (a.length < b.length) { return same(a, i, b, i + 1); }
    if (same(a, i + 1, b, i + 1)) { return true; }
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && same(a, i + 2, b, i + 2);
  }

  function same(a, i, b, j) {
    if (a.length - i !== b.length - j) { return false; }
    for (; i < a.length; i++, j++) { if (a[i] !== b[j]) { return false; } }
    return true;
  }

  // fold.rs prefix_within_one: some prefix of `term` is within one edit of `w`.
  function prefixWithinOne(w, term) {
    var n = w.length, lens = [Math.max(n - 1, 0), n, n + 1];
    for (var i = 0; i < 3; i++) {
      if (lens[i] <= term.length && withinOne(w, term.slice(0, lens[i]))) { return true; }
    }
    return false;
  }

  // query.rs Term::match_word: 2 exact, 1 prefix, 0 typo, -1 none.
  Engine.prototype.matchWord = function (term, text, chars) {
    if (text === term.w) { return 2; }
    if (text.indexOf(term.w) === 0) { return 1; }
    if (term.c.length < this.r.typoMin) { return -1; }
    return prefixWithinOne(term.c, chars || Array.from(text)) ? 0 : -1;
  };

  // query.rs Term::digit_matches: where the digits occur in a number's digits.
  Engine.prototype.digitMatches = function (want, digits) {
    if (want.length < this.r.innerMin) { return digits.indexOf(want) === 0 ? [[0, want.length]] : []; }
    var out = [], at = digits.indexOf(want);
    while (at >= 0) { out.push([at, at + want.length]); at = digits.indexOf(want, at + want.length); }
    return out;
  };

  // index.rs Index::term_scores: per owner, the best weighted match of one term (f32, as there).
  Engine.prototype.termScores = function (term) {
    var n = this.items.length, scores = new Array(n).fill(0), r = this.r;
    for (var i = 0; i < this.terms.length; i++) {
      var t = this.terms[i], q;
      if (term.d !== undefined) {
        if (t[0] !== "#") { continue; }
        var num = t.slice(1);
        var found = term.d.length >= r.innerMin ? num.indexOf(term.d) >= 0 : num.indexOf(term.d) === 0;
        q = found ? 2 : -1;
      } else {
        if (t[0] === "#") { continue; }
        if (!this.chars[i]) { this.chars[i] = Array.from(t); }
        q = this.matchWord(term, t, this.chars[i]);
      }
      if (q < 0) { continue; }
      var qw = r.quality[q], list = this.post[i];
      for (var k = 0; k < list.length; k++) {
        var p = list[k], owner = Math.floor(p / 1024), count = Math.floor(p / 4) % 256;
        var s = f32(f32(r.field[p % 4] * qw) +
          f32(r.countWeight * f32(Math.sqrt(Math.min(count, r.countCap)))));
        if (owner < n && s > scores[owner]) { scores[owner] = s; }
      }
    }
    return scores;
  };

  // index.rs and: the sum where both match, else 0.
  function and(a, b) {
    for (var i = 0; i < a.length; i++) { a[i] = a[i] > 0 && b[i] > 0 ? f32(a[i] + b[i]) : 0; }
    return a;
  }

  // index.rs Index::scores and search.rs rank: [owner, score] best first, ties in owner order.
  Engine.prototype.rank = function (clauses) {
    var self = this, total = null;
    clauses.forEach(function (alternatives) {
      var best = new Array(self.items.length).fill(0);
      alternatives.forEach(function (alt) {
        var sum = null;
        alt.forEach(function (term) {
          var s = self.termScores(term);
          sum = sum ? and(sum, s) : s;
        });
        for (var i = 0; i < best.length; i++) { if (sum[i] > best[i]) { best[i] = sum[i]; } }
      });
      total = total ? and(total, best) : best;
    });
    var found = [];
    (total || []).forEach(function (s, o) { if (s > 0) { found.push([o, s]); } });
    found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return found;
  };

  // query.rs Query::scan: the ranges of text matching any term, and how many clauses matched.
  Engine.prototype.scanQuery = function (clauses, text) {
    var self = this, ranges = [], matched = [];
    this.scan(text).forEach(function (p) {
      clauses.forEach(function (alternatives, ci) {
        alternatives.forEach(function (alt) {
          alt.forEach(function (term) {
            if (p.w !== undefined) {
              if (term.w !== undefined && self.matchWord(term, p.w) >= 0) {
                matched[ci] = true;
                ranges.push([p.s, p.e]);
              }
            } else if (term.d !== undefined) {
              self.digitMatches(term.d, p.d).forEach(function (m) {
                matched[ci] = true;
                ranges.push([p.spans[m[0]][0], p.spans[m[1] - 1][1]]);
              });
            }
          });
        });
      });
    });
    var n = 0;
    for (var i = 0; i < Math.min(clauses.length, MAX_CLAUSES); i++) { if (matched[i]) { n++; } }
    return { ranges: merge(ranges), n: n };
  };

  function merge(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { out.push([r[0], r[1]]); }
    });
    return out;
  }

  function better(n, field, best) {
    return !best || n > best.n || (n === best.n && field > best.field);
  }

  // hits.rs doc_snippet: the unit that matches best gives the section and the snippet.
  Engine.prototype.docHit = function (d, clauses) {
    var all = Math.min(clauses.length, MAX_CLAUSES), best = null, about = null;
    var firstBody = null, summary = null;
    d.x.forEach(function (u) { if (u[0] & 8) { summary = u[2]; } });
    for (var i = 0; i < d.x.length; i++) {
      if (best && best.n >= all) { break; }
      var u = d.x[i], field = u[0] & 3, text = u[2];
      var sc = this.scanQuery(clauses, text);
      if (u[0] & 4) {
        if (sc.ranges.length && (!about || sc.n > about.n) && field !== 3) { about = { n: sc.n, text: text }; }
        continue;
      }
      if (!firstBody && field === 1) { firstBody = { text: text, section: u[1] }; }
      if (!sc.ranges.length) { continue; }
      if (better(sc.n, field, best)) { best = { n: sc.n, field: field, text: text, section: u[1] }; }
    }
    var pick = best || (about && { text: about.text, section: -1 }) ||
      (summary !== null && { text: summary, section: -1 }) || firstBody || { text: "", section: -1 };
    var h = d.h[pick.section], anchor = h ? h[2] : "";
    return { title: d.t, kind: d.k, url: d.u + (anchor ? "#" + anchor : ""),
      path: h ? headingPath(d.h, pick.section) : [], text: pick.text };
  };

  // hits.rs heading_path: the headings above and including a section, without level 1.
  function headingPath(h, section) {
    var stack = [];
    for (var i = 0; i <= section && i < h.length; i++) {
      while (stack.length && stack[stack.length - 1][0] >= h[i][0]) { stack.pop(); }
      stack.push(h[i]);
    }
    return stack.filter(function (x) { return x[0] > 1; }).map(function (x) { return x[1]; });
  }

  // hits.rs contact_snippet: the field that matches best, labelled.
  Engine.prototype.contactHit = function (c, clauses) {
    var self = this, best = null, nameN = 0;
    c.x.forEach(function (u) {
      var field = u[0], label = u[1], sc = self.scanQuery(clauses, u[2]);
      if (!sc.ranges.length) { return; }
      if (!label && field === 3) { nameN = sc.n; return; }
      if (better(sc.n, field, best)) {
        best = { n: sc.n, field: field, text: label ? label + ": " + u[2] : u[2] };
      }
    });
    var text = best && (best.field === 3 || best.n > nameN) ? best.text : c.f;
    return { title: c.t, kind: c.k, url: c.u, path: [c.g], text: text };
  };

  // hits.rs cut: one line of about 120 characters around the first match.
  function cut(text, focus) {
    var flat = text.replace(/\s/g, " "), trimmed = flat.trim();
    focus = Math.max(0, focus - (flat.length - flat.replace(/^\s+/, "").length));
    flat = trimmed;
    if (flat.length <= 120) { return flat; }
    var start = Math.max(0, focus - 40);
    if (start > 0) {
      var sp = flat.indexOf(" ", start);
      if (sp >= 0) { start = Math.min(sp + 1, Math.max(focus, start)); }
    }
    var end = Math.min(start + 120, flat.length);
    if (end < flat.length) {
      var back = flat.lastIndexOf(" ", end - 1);
      if (back >= start) { end = back; }
    }
    start = whole(flat, start);
    end = whole(flat, end);
    return (start > 0 ? "\u2026" : "") + flat.slice(start, end).trim() + (end < flat.length ? "\u2026" : "");
  }

  // Not inside a surrogate pair.
  function whole(text, at) {
    var c = text.charCodeAt(at);
    return at > 0 && c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
  }

  // The best `limit` hits: {title, kind, url, path, snippet, marks}, and how many matched.
  Engine.prototype.search = function (q, limit) {
    var clauses = this.parse(q);
    if (!clauses.length) { return { hits: [], total: 0 }; }
    var self = this, ranked = this.rank(clauses);
    var hits = ranked.slice(0, limit).map(function (found) {
      var item = self.items[found[0]];
      var hit = item.k === "contact" ? self.contactHit(item, clauses) : self.docHit(item, clauses);
      var first = self.scanQuery(clauses, hit.text).ranges[0];
      hit.snippet = cut(hit.text, first ? first[0] : 0);
      hit.marks = self.scanQuery(clauses, hit.snippet).ranges;
      return hit;
    });
    return { hits: hits, total: ranked.length };
  };

  return {
    // An engine for the index JSON text, or null if it cannot be read.
    load: function (json) {
      try {
        var ix = JSON.parse(json);
        return ix && ix.v === VERSION ? new Engine(ix) : null;
      } catch (e) { return null; }
    }
  };
}());

/*
 * Dossier site search. Plain ES2017, no modules, no dependencies: it works from file:// and never
 * asks another host for anything.
 *
 * The index (written by SearchIndex.swift under dossier/search/) is a set of scripts, because a
 * page opened from disk may not fetch JSON but may load <script src>. Each calls back into this
 * file: dossierSearchManifest, dossierSearchShard, dossierSearchDocs. Nothing is loaded until the
 * reader types; then the manifest (a few kB), the term shard(s) each query word needs, and the
 * document metadata of the results shown.
 *
 * The pure parts (tokenize, shardsFor, search, rendering) are exported for Node tests.
 */
(function () {
  'use strict';

  var MAX_RESULTS = 20;
  var DEBOUNCE_MS = 100;
  /* A word that only starts a term ("peng" in "penguins") counts a little less than the word. */
  var PREFIX_FACTOR = 0.8;
  /* Shorter words match whole terms only: "pe" would start a tenth of a site's vocabulary and
     load that much of the index on the way to "penguin". CJK characters always match as prefixes
     (one character is a word there). */
  var MIN_PREFIX = 3;
  /* A word matched only through one typo counts half. Typos are tried only when a query finds
     nothing, and only on words of FUZZY_MIN letters or more ("pengiun" → "penguin"). */
  var FUZZY_FACTOR = 0.5;
  var FUZZY_MIN = 5;

  var KIND_LABELS = {
    'data-source': 'Data source',
    schema: 'Schema',
    labeling: 'Labeling',
    experiment: 'Experiment',
    environment: 'Environment',
    pseudocode: 'Pseudocode',
    model: 'Model',
    page: 'Page',
    field: 'Field',
    run: 'Run'
  };

  /* Letters, marks and digits, as SearchTokenizer.swift reads them. Property escapes are ES2018;
     an engine without them gets an approximation (split on spaces and punctuation) instead of a
     syntax error that would take the whole script down. */
  var WORD_RE = (function () {
    try {
      return new RegExp('[\\p{L}\\p{M}\\p{N}]+', 'gu');
    } catch (e) {
      return /[^\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f]+/g;
    }
  })();

  /* Han, kana and the other CJK blocks: written without spaces, indexed as two-character terms. */
  function isCJK(cp) {
    return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xff66 && cp <= 0xff9f) || (cp >= 0x20000 && cp <= 0x3ffff);
  }

  /* The terms of a text exactly as the index stores them (stop words included: the caller
     decides what to do with those). Lengths count code points. */
  function tokenize(text, minLength, maxLength) {
    var out = [];
    var runs = String(text).match(WORD_RE) || [];
    for (var r = 0; r < runs.length; r++) {
      /* Lowercase the run, drop accents (combining diacritics after decomposition: "Adélie" is
         found by "adelie"), compose to NFC, fold final sigma (toLowerCase picks it by context). */
      var lowered = runs[r].toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
        .normalize('NFC').replace(/\u03c2/g, '\u03c3');
      splitRun(Array.from(lowered), minLength || 2, maxLength || 40, out);
    }
    return out;
  }

  /* Splits one lowercased run (an array of code points) into words and CJK pairs. */
  function splitRun(chars, minLength, maxLength, out) {
    var start = 0;
    while (start < chars.length) {
      var cjk = isCJK(chars[start].codePointAt(0));
      var end = start + 1;
      while (end < chars.length && isCJK(chars[end].codePointAt(0)) === cjk) end++;
      var length = end - start;
      if (!cjk) {
        if (length >= minLength && length <= maxLength) out.push(chars.slice(start, end).join(''));
      } else if (length === 1) {
        out.push(chars[start]);
      } else {
        for (var i = start; i + 1 < end; i++) out.push(chars[i] + chars[i + 1]);
      }
      start = end;
    }
  }

  /* A small English suffix stripper, the same as SearchStemmer.swift: the index holds each word's
     stem beside the word, and a query looks up its words' stems too ("flippers" → "flipper",
     "labeled" and "labeling" → "label"). Only ASCII words of four letters or more; null when the
     word is its own stem. */
  function stem(word) {
    var n = word.length;
    if (n < 4 || !/^[a-z]+$/.test(word)) return null;
    var last = word.charAt(n - 1);
    if (last !== 's' && last !== 'd' && last !== 'g') return null;
    function ends(suffix) { return n > suffix.length && word.slice(n - suffix.length) === suffix; }
    if (ends('sses')) return word.slice(0, n - 2);
    if (ends('ies')) return n >= 5 ? word.slice(0, n - 3) + 'y' : null;
    if (ends('ss') || ends('us') || ends('is')) return null;
    if (last === 's') return word.slice(0, n - 1);
    var cut = ends('ing') ? 3 : ends('ed') ? 2 : 0;
    if (!cut || n - cut < 3 || !/[aeiouy]/.test(word.slice(0, n - cut))) return null;
    var length = n - cut;
    var a = word.charAt(length - 1);
    if (a === word.charAt(length - 2) && 'aeiouylsz'.indexOf(a) < 0) length--;
    return word.slice(0, length);
  }

  /* True when `a` and `b` differ by at most one edit: an insertion, a deletion, a substitution or
     two neighbours swapped ("pengiun" / "penguin"). */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > 1) return false;
    var i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    var j = 0;
    while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
    var restX = x.length - i - j, restY = y.length - i - j;
    if (restX <= 1 && restY <= 1) return true;
    return restX === 2 && restY === 2 && x[i] === y[i + 1] && x[i + 1] === y[i];
  }

  /* The shards that may hold `token` (or, with `prefix`, terms starting with it). Shards are
     consecutive ranges of the terms in sorted order and `firstTerms[i]` is shard i's first term,
     so: the last shard starting at or before the token, and every following shard whose first
     term starts with the token. A term too large for one shard is cut over several, each of
     which starts with the term: those before the last are read too. */
  function shardsFor(token, firstTerms, prefix) {
    if (!firstTerms.length) return [];
    var low = 0;
    var high = firstTerms.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (firstTerms[mid] <= token) low = mid; else high = mid - 1;
    }
    var first = low;
    while (first > 0 && firstTerms[first - 1] === token) first--;
    var out = [];
    for (var k = first; k <= low; k++) out.push(k);
    if (!prefix) return out;
    for (var i = low + 1; i < firstTerms.length && firstTerms[i].startsWith(token); i++) out.push(i);
    return out;
  }

  /* The query's words, each {term, optional, prefix}. Stop words are never indexed as words, only
     as the start of longer ones ("the" → "theory"), so they rank but do not narrow — unless the
     query has nothing else. */
  function queryTerms(query, manifest) {
    var stop = new Set(manifest.stopWords || []);
    var seen = new Set();
    var terms = [];
    var tokens = tokenize(query, manifest.minLength, manifest.maxLength);
    for (var i = 0; i < tokens.length; i++) {
      if (seen.has(tokens[i])) continue;
      seen.add(tokens[i]);
      var chars = Array.from(tokens[i]);
      var stemmed = stem(tokens[i]);
      terms.push({
        term: tokens[i],
        stem: stemmed && !stop.has(stemmed) ? stemmed : null,
        optional: stop.has(tokens[i]),
        prefix: chars.length >= MIN_PREFIX || isCJK(chars[0].codePointAt(0)),
        fuzzy: chars.length >= FUZZY_MIN && !isCJK(chars[0].codePointAt(0))
      });
    }
    if (terms.every(function (t) { return t.optional; })) {
      terms.forEach(function (t) { t.optional = false; });
    }
    return terms;
  }

  /* Document number → best weight among the terms that are `token` or, with `prefix`, start with it. */
  function matchToken(token, shardObjects, prefix) {
    var scores = new Map();
    for (var s = 0; s < shardObjects.length; s++) {
      var shard = shardObjects[s];
      if (!shard) continue;
      var keys = Object.keys(shard);
      for (var k = 0; k < keys.length; k++) {
        var term = keys[k];
        if (term !== token && !(prefix && term.startsWith(token))) continue;
        addBest(scores, shard[term], term === token ? 1 : PREFIX_FACTOR);
      }
    }
    return scores;
  }

  /* Each document's weight in `postings` times `factor` into `scores`, keeping the best per
     document. Postings are (document-number gap, weight) pairs. */
  function addBest(scores, postings, factor) {
    var doc = 0;
    for (var p = 0; p + 1 < postings.length; p += 2) {
      doc += postings[p];
      var weight = postings[p + 1] * factor;
      var best = scores.get(doc);
      if (best === undefined || weight > best) scores.set(doc, weight);
    }
  }

  /* Document number → best weight among the terms one typo away from `token` (FUZZY_FACTOR). */
  function matchFuzzy(token, shardObjects) {
    var scores = new Map();
    for (var s = 0; s < shardObjects.length; s++) {
      var shard = shardObjects[s];
      if (!shard) continue;
      var keys = Object.keys(shard);
      for (var k = 0; k < keys.length; k++) {
        var term = keys[k];
        if (term === token || Array.from(term).length < FUZZY_MIN - 1 || !withinOneEdit(term, token)) continue;
        addBest(scores, shard[term], FUZZY_FACTOR);
      }
    }
    return scores;
  }

  /* The best of two score maps, document by document. */
  function mergeBest(into, more) {
    more.forEach(function (score, doc) {
      var current = into.get(doc);
      if (current === undefined || score > current) into.set(doc, score);
    });
    return into;
  }

  /* The shards typo matching reads for a word: every shard holding terms with its first two letters. */
  function fuzzyShards(term, firstTerms) {
    return shardsFor(Array.from(term).slice(0, 2).join(''), firstTerms, true);
  }

  /* Ranks documents for a query: every required word must match (AND) as itself, a prefix or its
     stem (and with `fuzzy`, one typo away), scores add up, ties go to the earlier document.
     `data` is {manifest, shards: {number: object}}; returns {results: [{doc, score}], total}. */
  function search(query, data, limit, fuzzy) {
    var terms = queryTerms(query, data.manifest);
    if (!terms.length) return { results: [], total: 0 };
    var firstTerms = data.manifest.shards || [];
    var total = null;
    var optional = [];
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      var shardObjects = shardsFor(t.term, firstTerms, t.prefix).map(function (n) { return data.shards[n]; });
      var scores = matchToken(t.term, shardObjects, t.prefix);
      if (t.stem) {
        var stemShards = shardsFor(t.stem, firstTerms, true).map(function (n) { return data.shards[n]; });
        mergeBest(scores, matchToken(t.stem, stemShards, true));
      }
      if (fuzzy && t.fuzzy && !t.optional) {
        var near = fuzzyShards(t.term, firstTerms).map(function (n) { return data.shards[n]; });
        mergeBest(scores, matchFuzzy(t.term, near));
      }
      if (t.optional) {
        optional.push(scores);
        continue;
      }
      if (total === null) {
        total = scores;
        continue;
      }
      var next = new Map();
      total.forEach(function (score, doc) {
        var more = scores.get(doc);
        if (more !== undefined) next.set(doc, score + more);
      });
      total = next;
    }
    optional.forEach(function (scores) {
      scores.forEach(function (score, doc) {
        var current = total.get(doc);
        if (current !== undefined) total.set(doc, current + score);
      });
    });
    var results = [];
    total.forEach(function (score, doc) { results.push({ doc: doc, score: score }); });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { results: results.slice(0, limit || MAX_RESULTS), total: results.length };
  }

  /* The shard numbers a query needs, so they can be loaded before `search` runs (with `fuzzy`,
     also those typo matching reads). */
  function shardsForQuery(query, manifest, fuzzy) {
    var needed = new Set();
    var firstTerms = manifest.shards || [];
    function add(n) { needed.add(n); }
    queryTerms(query, manifest).forEach(function (t) {
      shardsFor(t.term, firstTerms, t.prefix).forEach(add);
      if (t.stem) shardsFor(t.stem, firstTerms, true).forEach(add);
      if (fuzzy && t.fuzzy && !t.optional) fuzzyShards(t.term, firstTerms).forEach(add);
    });
    return Array.from(needed).sort(function (a, b) { return a - b; });
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function kindLabel(kind) {
    if (Object.prototype.hasOwnProperty.call(KIND_LABELS, kind)) return KIND_LABELS[kind];
    var words = String(kind || 'page').replace(/[-_]+/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function kindClass(kind) {
    return String(kind || 'page').toLowerCase().replace(/[^a-z0-9-]/g, '');
  }

  /* Index URLs are site-relative; anything with a scheme or a leading slash is refused, so a
     result can never point at another host or run script. */
  function isSiteRelative(url) {
    return typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[\/\\]/.test(url);
  }

  /* Whether an indexed-form word (from tokenize) is what a query term asked for: the word itself,
     a word it starts (for prefix terms), or the same stem. */
  function wordMatches(word, t) {
    if (word === t.term || (t.prefix && word.startsWith(t.term))) return true;
    var wordStem = stem(word) || word;
    return !!t.stem && (wordStem === t.stem || word.startsWith(t.stem)) || wordStem === t.term;
  }

  /* The first anchor of a result ([label, id, kind]) whose label holds every required query word:
     a field, run or heading the result should open at. */
  function bestAnchor(anchors, terms) {
    var required = terms.filter(function (t) { return !t.optional; });
    if (!anchors || !required.length) return null;
    for (var i = 0; i < anchors.length; i++) {
      var a = anchors[i];
      if (!Array.isArray(a) || typeof a[0] !== 'string' || typeof a[1] !== 'string') continue;
      var words = tokenize(a[0]);
      if (required.every(function (t) { return words.some(function (w) { return wordMatches(w, t); }); })) return a;
    }
    return null;
  }

  /* `text` escaped, with the words the query matched in <mark>. */
  function markWords(text, terms) {
    var out = '';
    var last = 0;
    String(text).replace(WORD_RE, function (run, offset) {
      var words = tokenize(run);
      var hit = words.length && words.some(function (w) { return terms.some(function (t) { return wordMatches(w, t); }); });
      out += escapeHTML(text.slice(last, offset)) + (hit ? '<mark>' + escapeHTML(run) + '</mark>' : escapeHTML(run));
      last = offset + run.length;
      return run;
    });
    return out + escapeHTML(String(text).slice(last));
  }

  var ANCHOR_LABELS = { field: 'Field', run: 'Run', heading: 'Section' };

  /* One result as HTML. `doc` is [url, title, kind, snippet?, anchors?] from a d-<n>.js file;
     `terms` (queryTerms) mark the snippet and pick the anchor to open at. */
  function renderResult(doc, root, index, terms) {
    var kind = doc[2];
    var anchor = terms ? bestAnchor(doc[4], terms) : null;
    var href = root + doc[0] + (anchor && doc[0].indexOf('#') < 0 ? '#' + anchor[1] : '');
    var where = anchor ? '<span class="search-where"> \u203a ' + escapeHTML(ANCHOR_LABELS[anchor[2]] || 'Section') +
      ' ' + (terms ? markWords(anchor[0], terms) : escapeHTML(anchor[0])) + '</span>' : '';
    var snippet = typeof doc[3] === 'string' && doc[3]
      ? '<span class="search-snippet">' + (terms ? markWords(doc[3], terms) : escapeHTML(doc[3])) + '</span>' : '';
    return '<li id="search-result-' + index + '" class="search-result" role="option" aria-selected="false">' +
      '<a href="' + escapeHTML(href) + '" tabindex="-1">' +
      '<span class="badge kind kind-' + kindClass(kind) + '">' + escapeHTML(kindLabel(kind)) + '</span> ' +
      escapeHTML(doc[1]) + where + snippet + '</a></li>';
  }

  /* The page that defines a field or run named exactly as the query comes first, ahead of pages
     that only mention its words; the others keep their order. `docs` are d-<n>.js entries. */
  function definesFirst(docs, query) {
    var wanted = String(query).trim().toLowerCase();
    function defines(doc) {
      return !!(doc && doc[4] && doc[4].some(function (a) {
        return (a[2] === 'field' || a[2] === 'run') && String(a[0]).toLowerCase() === wanted;
      }));
    }
    return docs.filter(defines).concat(docs.filter(function (doc) { return !defines(doc); }));
  }

  function renderMessage(text) {
    return '<li class="search-empty" role="presentation">' + escapeHTML(text) + '</li>';
  }

  /* The site root as a relative prefix ("", "../", "../../"); anything else is ignored so a
     page can never make this load from another host. */
  function siteRoot(value) {
    return typeof value === 'string' && /^(\.\.?\/)*$/.test(value) ? value : '';
  }

  /* The line shown when nothing matches: it names the query, so a reader sees what was searched. */
  function noResults(query) {
    return renderMessage('No results for \u201c' + String(query).trim() + '\u201d');
  }

  var api = {
    tokenize: tokenize,
    stem: stem,
    withinOneEdit: withinOneEdit,
    noResults: noResults,
    shardsFor: shardsFor,
    shardsForQuery: shardsForQuery,
    queryTerms: queryTerms,
    matchToken: matchToken,
    search: search,
    escapeHTML: escapeHTML,
    kindLabel: kindLabel,
    kindClass: kindClass,
    isSiteRelative: isSiteRelative,
    renderResult: renderResult,
    bestAnchor: bestAnchor,
    markWords: markWords,
    renderMessage: renderMessage,
    definesFirst: definesFirst,
    siteRoot: siteRoot
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window === 'undefined' || typeof document === 'undefined') return;

  /* ---- In the page ---- */

  var data = { manifest: null, shards: {}, docs: {} };
  window.dossierSearchManifest = function (manifest) { data.manifest = manifest; };
  window.dossierSearchShard = function (number, terms) { data.shards[number] = terms; };
  window.dossierSearchDocs = function (number, docs) { data.docs[number] = docs; };

  var pending = {};

  /* Loads dossier/search/<name> once; resolves false on failure (and forgets it, to retry). */
  function load(name) {
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve) {
        var script = document.createElement('script');
        script.src = siteRoot(window.DOSSIER_ROOT) + 'dossier/search/' + name;
        script.async = true;
        script.onload = function () { script.remove(); resolve(true); };
        script.onerror = function () { script.remove(); delete pending[name]; resolve(false); };
        document.head.appendChild(script);
      });
    }
    return pending[name];
  }

  function init() {
    var input = document.getElementById('search-input');
    var list = document.getElementById('search-results');
    if (!input || !list) return;

    var generation = 0;
    var timer = null;
    var active = -1;

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', 'search-results');
    input.setAttribute('aria-expanded', 'false');
    list.setAttribute('role', 'listbox');

    function items() { return list.querySelectorAll('li.search-result'); }

    function show(html) {
      list.innerHTML = html;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      setActive(-1);
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }

    function setActive(index) {
      var all = items();
      if (active >= 0 && all[active]) {
        all[active].classList.remove('active');
        all[active].setAttribute('aria-selected', 'false');
      }
      active = index >= 0 && index < all.length ? index : -1;
      if (active >= 0) {
        all[active].classList.add('active');
        all[active].setAttribute('aria-selected', 'true');
        input.setAttribute('aria-activedescendant', all[active].id);
        if (all[active].scrollIntoView) all[active].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    async function run() {
      var query = input.value;
      var mine = ++generation;
      if (!query.trim()) { close(); return; }
      if (!data.manifest && !(await load('manifest.js'))) {
        if (mine === generation) show(renderMessage('Search is unavailable'));
        return;
      }
      if (mine !== generation) return;
      var manifest = data.manifest;
      /* Nothing indexable (one-letter words, "1.9.1"): say so rather than close the box. */
      if (!queryTerms(query, manifest).length) { show(noResults(query)); return; }
      async function loadShards(fuzzy) {
        var shards = shardsForQuery(query, manifest, fuzzy);
        var ok = await Promise.all(shards.map(function (n) { return load('t-' + n + '.js'); }));
        return ok.indexOf(false) < 0;
      }
      var shardsOK = await loadShards(false);
      if (mine !== generation) return;
      if (!shardsOK) { show(renderMessage('Search is unavailable')); return; }
      var found = search(query, data, MAX_RESULTS);
      if (!found.total && queryTerms(query, manifest).some(function (t) { return t.fuzzy; })) {
        /* Nothing as typed: allow one typo per long word (loading the shards that needs). */
        if (!(await loadShards(true)) || mine !== generation) return;
        found = search(query, data, MAX_RESULTS, true);
      }
      var chunkSize = manifest.docsPerChunk || 25;
      var chunks = new Set(found.results.map(function (r) { return Math.floor(r.doc / chunkSize); }));
      await Promise.all(Array.from(chunks).map(function (n) { return load('d-' + n + '.js'); }));
      if (mine !== generation) return;
      var root = siteRoot(window.DOSSIER_ROOT);
      var terms = queryTerms(query, manifest);
      var html = '';
      var shown = 0;
      var docs = found.results.map(function (r) {
        var chunk = data.docs[Math.floor(r.doc / chunkSize)];
        return chunk && chunk[r.doc % chunkSize];
      });
      definesFirst(docs, query).forEach(function (doc) {
        if (!doc || !isSiteRelative(doc[0])) return;
        html += renderResult(doc, root, shown++, terms);
      });
      show(shown ? html : noResults(query));
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        timer = null;
        run().catch(function () { show(renderMessage('Search is unavailable')); });
      }, DEBOUNCE_MS);
    }

    function open(index) {
      var item = items()[index];
      var link = item && item.querySelector('a');
      if (link) window.location.href = link.href;
    }

    input.addEventListener('input', schedule);
    input.addEventListener('keydown', function (event) {
      var count = items().length;
      if (event.key === 'ArrowDown' || event.key === 'Down') {
        if (list.hidden) return;
        event.preventDefault();
        setActive(count ? (active + 1) % count : -1);
      } else if (event.key === 'ArrowUp' || event.key === 'Up') {
        if (list.hidden) return;
        event.preventDefault();
        setActive(count ? (active <= 0 ? count - 1 : active - 1) : -1);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        if (timer !== null) {
          /* Typed and pressed Enter before the debounce fired: search now, then open the top. */
          clearTimeout(timer);
          timer = null;
          run().then(function () { open(0); }, function () {});
        } else {
          open(active >= 0 ? active : 0);
        }
      } else if (event.key === 'Escape' || event.key === 'Esc') {
        if (!list.hidden) {
          event.preventDefault();
          close();
        } else if (input.value) {
          input.value = '';
        }
      }
    });
    input.addEventListener('focus', function () {
      if (input.value.trim() && list.innerHTML) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
    });
    list.addEventListener('mousemove', function (event) {
      var item = event.target.closest ? event.target.closest('li.search-result') : null;
      if (!item) return;
      var index = Array.prototype.indexOf.call(items(), item);
      if (index !== active) setActive(index);
    });
    document.addEventListener('click', function (event) {
      if (event.target !== input && !list.contains(event.target)) close();
    });
    /* "/" jumps to the search box, as on most documentation sites. */
    document.addEventListener('keydown', function (event) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      var tag = target && target.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (target && target.isContentEditable)) return;
      event.preventDefault();
      input.focus();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();

// Tests for Themes/default/assets/search.js: run with `node --test Tests/search-js/`.
//
// FILES below is the exact output of SearchIndex.files(for:shardTargetBytes: 120) for the seven
// entries listed (SearchIndexTests.javaScriptFixtureEntries). SearchIndexTests'
// javaScriptFixtureMatchesTheIndex fails when the index format changes, and prints the new block.
// A tiny shard target spreads even this small index over eleven shards, so shard lookup is
// exercised for real.
//
//   0 docs/data/penguins.html                   "Palmer penguins"          data-source
//   1 docs/schemas/penguins.html                "Penguins schema"          schema (fields species, bill_length_mm, island)
//   2 docs/schemas/penguins.html#field-species  "species"                  field
//   3 docs/experiments/classifier.html          "Species classifier"       experiment (runs baseline, xgb)
//   4 docs/experiments/classifier.html#run-xgb  "xgb"                      run
//   5 docs/models/card.html                     "Model card </script><b>"  model (body: "Café ΚΌΣΜΟΣ 機械学習")
//   6 README.html                               "Read me \"quoted\" & 'single'"  page (body: "penguins" ×3, "penguin")
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const vm = require('node:vm');

const SEARCH_JS = path.join(__dirname, '..', '..', 'Themes', 'default', 'assets', 'search.js');
const search = require(SEARCH_JS);

const FILES = {
  'd-0.js': "window.dossierSearchDocs(0,[[\"docs/data/penguins.html\",\"Palmer penguins\",\"data-source\"],[\"docs/schemas/penguins.html\",\"Penguins schema\",\"schema\"],[\"docs/schemas/penguins.html#field-species\",\"species\",\"field\"],[\"docs/experiments/classifier.html\",\"Species classifier\",\"experiment\"],[\"docs/experiments/classifier.html#run-xgb\",\"xgb\",\"run\"],[\"docs/models/card.html\",\"Model card \\u003c/script\\u003e\\u003cb\\u003e\",\"model\"],[\"README.html\",\"Read me \\\"quoted\\\" & 'single'\",\"page\"]]);\n",
  'manifest.js': "window.dossierSearchManifest({\"version\":1,\"docs\":7,\"docsPerChunk\":25,\"minLength\":2,\"maxLength\":40,\"stopWords\":[\"an\",\"and\",\"are\",\"as\",\"at\",\"be\",\"but\",\"by\",\"for\",\"from\",\"has\",\"have\",\"if\",\"in\",\"into\",\"is\",\"it\",\"its\",\"of\",\"on\",\"or\",\"that\",\"the\",\"their\",\"then\",\"there\",\"these\",\"this\",\"to\",\"was\",\"were\",\"which\",\"will\",\"with\"],\"shards\":[\"adelie\",\"cafe\",\"everywhere\",\"gradient\",\"me\",\"model\",\"per\",\"regression\",\"single\",\"xgb\",\"\\u68b0\\u5b66\"]});\n",
  't-0.js': "window.dossierSearchShard(0,{\"adelie\":[1,4],\"adult\":[0,1],\"antarctica\":[0,1],\"baseline\":[3,4],\"bill\":[1,4,4,1],\"boost\":[3,1],\"boosting\":[3,1]});\n",
  't-1.js': "window.dossierSearchShard(1,{\"cafe\":[5,1],\"card\":[5,10],\"chinstrap\":[1,4],\"classifier\":[3,10],\"compar\":[3,1],\"compared\":[3,1],\"depth\":[3,4,1,4]});\n",
  't-10.js': "window.dossierSearchShard(10,{\"\\u68b0\\u5b66\":[5,1],\"\\u6a5f\\u68b0\":[5,1]});\n",
  't-2.js': "window.dossierSearchShard(2,{\"everywhere\":[6,1],\"field\":[1,5],\"fields\":[1,5],\"flipper\":[5,1],\"forag\":[0,1],\"foraging\":[0,1],\"gentoo\":[1,4]});\n",
  't-3.js': "window.dossierSearchShard(3,{\"gradient\":[3,1],\"island\":[1,4],\"learn\":[3,4],\"learning\":[3,4],\"length\":[1,4],\"logistic\":[3,5],\"max\":[3,4,1,4]});\n",
  't-4.js': "window.dossierSearchShard(4,{\"me\":[6,10],\"measurement\":[0,1,3,1,2,1],\"measurements\":[0,1,3,1,2,1],\"millimetre\":[1,4],\"millimetres\":[1,4],\"mm\":[1,4]});\n",
  't-5.js': "window.dossierSearchShard(5,{\"model\":[5,10],\"near\":[0,1],\"one\":[1,1],\"palmer\":[0,11],\"penguin\":[0,11,1,15,1,4,1,1,2,1,1,4],\"penguins\":[0,11,1,10,5,3]});\n",
  't-6.js': "window.dossierSearchShard(6,{\"per\":[1,1],\"predict\":[5,1],\"predicts\":[5,1],\"quot\":[6,10],\"quoted\":[6,10],\"rate\":[3,4],\"read\":[6,10],\"readme\":[6,1]});\n",
  't-7.js': "window.dossierSearchShard(7,{\"regression\":[3,5],\"row\":[1,1],\"run\":[3,5],\"runs\":[3,5],\"schema\":[1,10],\"script\":[5,10],\"selection\":[3,5]});\n",
  't-8.js': "window.dossierSearchShard(8,{\"single\":[6,10],\"size\":[0,1],\"species\":[1,4,1,14,1,10,2,1],\"specy\":[1,4,1,14,1,10,2,1],\"station\":[0,1],\"we\":[3,1]});\n",
  't-9.js': "window.dossierSearchShard(9,{\"xgb\":[3,4,1,10],\"xgboost\":[3,4,1,4],\"\\u03ba\\u03bf\\u03c3\\u03bc\\u03bf\\u03c3\":[5,1],\"\\u5b66\\u7fd2\":[5,1]});\n",
};

/** Runs the index scripts with stand-in callbacks, as a page would. */
function loadIndex() {
  const data = { manifest: null, shards: {}, docs: {} };
  const window = {
    dossierSearchManifest: (m) => { data.manifest = m; },
    dossierSearchShard: (n, terms) => { data.shards[n] = terms; },
    dossierSearchDocs: (n, docs) => { data.docs[n] = docs; },
  };
  // In this realm (not a vm context) so arrays compare equal to literals.
  for (const source of Object.values(FILES)) new Function('window', source)(window);
  return data;
}

const INDEX = loadIndex();
const titles = (query) => search.search(query, INDEX).results.map((r) => INDEX.docs[0][r.doc][1]);

test('tokenize agrees with SearchTokenizer.swift', () => {
  // The same cases as SearchIndexTests.swift.
  assert.deepEqual(
    search.tokenize("Penguins' bill_length_mm (in mm) — F1-score: 0.93, ResNet50!"),
    ['penguins', 'bill', 'length', 'mm', 'in', 'mm', 'f1', 'score', '93', 'resnet50']);
  assert.deepEqual(search.tokenize('Cafe\u0301 Café ÉCOLE naïve Adélie Tiếng Việt'),
    ['cafe', 'cafe', 'ecole', 'naive', 'adelie', 'tieng', 'viet']);
  assert.deepEqual(search.tokenize('Straße Łódź ΚΌΣΜΟΣ κόσμος'), ['straße', 'łodz', 'κοσμοσ', 'κοσμοσ']);
  assert.deepEqual(search.tokenize('GPT模型 機械学習'), ['gpt', '模型', '機械', '械学', '学習']);
  assert.deepEqual(search.tokenize('猫'), ['猫']);
  assert.deepEqual(search.tokenize('한국어 모델'), ['한국어', '모델']);
  assert.deepEqual(search.tokenize('a I x ' + 'ab'.repeat(21) + ' ok'), ['ok']);
});

test('the fixture index loads and is what Swift wrote', () => {
  assert.equal(INDEX.manifest.docs, 7);
  assert.equal(INDEX.manifest.shards.length, 11);
  assert.equal(Object.keys(INDEX.shards).length, 11);
  assert.deepEqual(INDEX.docs[0][5], ['docs/models/card.html', 'Model card </script><b>', 'model']);
  for (const [name, source] of Object.entries(FILES)) {
    assert.ok(!/<\/script/i.test(source), name + ' must not close a script element');
    assert.ok(/^[\x20-\x7e]*\n$/.test(source), name + ' must be one line of printable ASCII');
  }
});

test('every term is found through the manifest', () => {
  const firstTerms = INDEX.manifest.shards;
  for (const [number, shard] of Object.entries(INDEX.shards)) {
    for (const term of Object.keys(shard)) {
      assert.deepEqual(search.shardsFor(term, firstTerms, false), [Number(number)], term + ' in t-' + number);
      assert.ok(search.shardsFor(term, firstTerms, true).includes(Number(number)), term + ' in t-' + number);
    }
  }
  // A prefix that spans shards needs all of them: "p…" runs from t-5 ("palmer", "penguin") into
  // t-6 ("per", "predicts"); the whole word "p" could only be in t-5.
  assert.deepEqual(search.shardsFor('p', firstTerms, true), [5, 6]);
  assert.deepEqual(search.shardsFor('p', firstTerms, false), [5]);
  assert.deepEqual(search.shardsFor('penguins', firstTerms, true), [5]);
  assert.deepEqual(search.shardsFor('aaa', firstTerms, true), [0]);
  assert.deepEqual(search.shardsFor('zzz', firstTerms, true), [9]);
  assert.deepEqual(search.shardsFor('x', [], true), []);
});

test('a term cut over several shards is read from all of them', () => {
  // SearchIndex.swift starts a shard with each piece of a term too large for one.
  const firstTerms = ['a', 'big', 'big', 'big', 'c'];
  assert.deepEqual(search.shardsFor('big', firstTerms, false), [1, 2, 3]);
  assert.deepEqual(search.shardsFor('bi', firstTerms, true), [0, 1, 2, 3]);
  assert.deepEqual(search.shardsFor('bigger', firstTerms, false), [3]);
  assert.deepEqual(search.shardsFor('c', firstTerms, false), [4]);
  assert.deepEqual(search.shardsFor('b', firstTerms, false), [0]);
  // Their postings are merged: each piece counts its gaps from 0.
  const data = {
    manifest: { docs: 4, docsPerChunk: 25, minLength: 2, maxLength: 40, stopWords: [], shards: ['big', 'big'] },
    shards: { 0: { big: [0, 3, 1, 2] }, 1: { big: [2, 5, 1, 1] } },
  };
  assert.deepEqual(search.search('big', data).results.map((r) => r.doc), [2, 0, 1, 3]);
});

test('prefixes match whole terms', () => {
  const peng = search.search('peng', INDEX);
  // "penguin" or "penguins": everything but the xgb run.
  assert.deepEqual(peng.results.map((r) => r.doc).sort(), [0, 1, 2, 3, 5, 6]);
  assert.deepEqual(titles('xgb'), ['xgb', 'Species classifier']);
  assert.deepEqual(titles('zebra'), []);
});

test('every word must match', () => {
  assert.deepEqual(titles('penguin classifier'), ['Species classifier']);
  assert.deepEqual(titles('palmer antarctica'), ['Palmer penguins']);
  assert.deepEqual(titles('palmer xgboost'), []);
  // Stop words rank but never narrow: "the" matches nothing as a word.
  assert.deepEqual(titles('the palmer'), ['Palmer penguins']);
});

test('a title outranks the body, an exact word outranks a prefix', () => {
  // "schema": only in doc 1's title.
  assert.deepEqual(titles('schema'), ['Penguins schema']);
  // "species": title and field of 2 (14), title of 3 (10), a field of 1 (4), the body of 5 (1).
  const species = search.search('species', INDEX).results;
  assert.deepEqual(species.map((r) => r.doc), [2, 3, 1, 5]);
  assert.deepEqual(species.map((r) => r.score), [14, 10, 4, 1]);
  assert.ok(species[0].score > species[3].score);
  // "penguins" also looks up its stem "penguin": title "Penguins", fields and body of 1 (15) >
  // title + body of 0 (11) > a field of 2 (4), which ties with the body of 6 and comes first.
  const penguins = search.search('penguins', INDEX).results.map((r) => r.doc);
  assert.deepEqual(penguins.slice(0, 3), [1, 0, 2]);
  // The index holds stems beside words, so "penguin" matches "Penguins" exactly, not by prefix.
  const penguin = search.search('penguin', INDEX).results;
  const byDoc = new Map(penguin.map((r) => [r.doc, r.score]));
  assert.equal(byDoc.get(0), 11);
  assert.equal(byDoc.get(1), 15);
});

test('non-Latin queries match', () => {
  assert.deepEqual(titles('café'), ['Model card </script><b>']);
  assert.deepEqual(titles('CAFE\u0301'), ['Model card </script><b>']);
  assert.deepEqual(titles('cafe'), ['Model card </script><b>']);
  assert.deepEqual(titles('adelie'), ['Penguins schema']);
  assert.deepEqual(titles('Adélie'), ['Penguins schema']);
  assert.deepEqual(titles('κόσμος'), ['Model card </script><b>']);
  assert.deepEqual(titles('機械学習'), ['Model card </script><b>']);
  assert.deepEqual(titles('機'), ['Model card </script><b>']);
  assert.deepEqual(titles('学術'), []);
});

test('short words match whole terms only', () => {
  assert.equal(search.search('p', INDEX).total, 0); // one letter is not a word yet
  assert.equal(search.search('pe', INDEX).total, 0); // two letters: only the word "pe" itself
  assert.deepEqual(titles('mm'), ['Penguins schema']);
  assert.deepEqual(titles('ME'), ['Read me "quoted" & \'single\'']);
  assert.deepEqual(search.queryTerms('pe pen 機', INDEX.manifest).map((t) => t.prefix), [false, true, true]);
});

test('results are capped and ties keep document order', () => {
  const many = search.search('pen', INDEX, 2);
  assert.equal(many.results.length, 2);
  assert.equal(many.total, 6);
  // "measurements" is in the body of 0, 3 and 5 with the same weight: document order.
  assert.deepEqual(search.search('measurements', INDEX).results.map((r) => r.doc), [0, 3, 5]);
});

test('rendering escapes text and refuses foreign URLs', () => {
  const html = search.renderResult(INDEX.docs[0][5], '../../', 3);
  assert.equal(html,
    '<li id="search-result-3" class="search-result" role="option" aria-selected="false">' +
    '<a href="../../docs/models/card.html" tabindex="-1"><span class="badge kind kind-model">Model</span> ' +
    'Model card &lt;/script&gt;&lt;b&gt;</a></li>');
  const quoted = search.renderResult(['a.html?x="1"&y=2', "Read me \"quoted\" & 'single'", 'data-source'], '', 0);
  assert.ok(quoted.includes('href="a.html?x=&quot;1&quot;&amp;y=2"'));
  assert.ok(quoted.includes('<span class="badge kind kind-data-source">Data source</span> Read me &quot;quoted&quot; &amp; &#39;single&#39;'));
  assert.equal(search.kindClass('x" onclick="y'), 'xonclicky');
  assert.equal(search.kindLabel('feature_store'), 'Feature store');
  assert.equal(search.renderMessage('No <results>'), '<li class="search-empty" role="presentation">No &lt;results&gt;</li>');
  assert.ok(search.isSiteRelative('docs/a.html#x'));
  for (const bad of ['javascript:alert(1)', 'https://example.com/', '//example.com/x', '/etc/passwd', 'JaVaScRiPt:x']) {
    assert.ok(!search.isSiteRelative(bad), bad);
  }
  assert.equal(search.siteRoot('../../'), '../../');
  assert.equal(search.siteRoot(''), '');
  assert.equal(search.siteRoot('https://evil.example/'), '');
  assert.equal(search.siteRoot(undefined), '');
});

// ---- The page: a stand-in DOM just large enough for search.js ----

function fakePage(root) {
  const listeners = { input: {}, document: {} };
  const requested = [];
  const input = {
    value: '',
    attributes: {},
    setAttribute(k, v) { this.attributes[k] = String(v); },
    removeAttribute(k) { delete this.attributes[k]; },
    addEventListener(type, fn) { listeners.input[type] = fn; },
    focus() {},
  };
  const list = {
    innerHTML: '',
    hidden: true,
    attributes: {},
    setAttribute(k, v) { this.attributes[k] = String(v); },
    addEventListener() {},
    contains() { return false; },
    // Items rebuilt from the HTML each call: enough for ids, selection and links.
    querySelectorAll() {
      return [...this.innerHTML.matchAll(/<li id="([^"]+)"[^>]*><a href="([^"]+)"/g)].map((m) => ({
        id: m[1],
        classList: { add() {}, remove() {} },
        setAttribute() {},
        querySelector: () => ({ href: m[2] }),
      }));
    },
  };
  const context = {
    DOSSIER_ROOT: root,
    location: { href: 'page.html' },
    setTimeout, clearTimeout, Promise,
    document: {
      readyState: 'complete',
      head: {
        appendChild(script) {
          const name = script.src.slice((root + 'dossier/search/').length);
          requested.push(script.src);
          setImmediate(() => {
            if (FILES[name] === undefined) { script.onerror(); return; }
            vm.runInContext(FILES[name], context);
            script.onload();
          });
        },
      },
      getElementById: (id) => ({ 'search-input': input, 'search-results': list })[id] || null,
      createElement: () => ({ remove() {} }),
      addEventListener(type, fn) { listeners.document[type] = fn; },
    },
  };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(require('node:fs').readFileSync(SEARCH_JS, 'utf8'), context);
  const type = async (text) => {
    input.value = text;
    listeners.input.input();
    await new Promise((resolve) => setTimeout(resolve, 250));
  };
  const key = (name) => listeners.input.keydown({ key: name, preventDefault() {} });
  return { input, list, requested, type, key, context };
}

test('the page loads nothing before the first keystroke, then only what the query needs', async () => {
  const page = fakePage('../../');
  assert.deepEqual(page.requested, []);
  assert.equal(page.input.attributes['aria-controls'], 'search-results');

  await page.type('xgb');
  assert.deepEqual(page.requested, [
    '../../dossier/search/manifest.js',
    '../../dossier/search/t-9.js',
    '../../dossier/search/d-0.js',
  ]);
  assert.equal(page.list.hidden, false);
  assert.equal(page.list.innerHTML,
    '<li id="search-result-0" class="search-result" role="option" aria-selected="false">' +
    '<a href="../../docs/experiments/classifier.html#run-xgb" tabindex="-1"><span class="badge kind kind-run">Run</span> xgb</a></li>' +
    '<li id="search-result-1" class="search-result" role="option" aria-selected="false">' +
    '<a href="../../docs/experiments/classifier.html" tabindex="-1"><span class="badge kind kind-experiment">Experiment</span> Species classifier</a></li>');

  // Loaded files are not asked for again.
  await page.type('xgboost');
  assert.match(page.list.innerHTML, /^<li id="search-result-0".*Species classifier.*xgb<\/a><\/li>$/);
  await page.type('xgb');
  assert.equal(page.requested.length, 3);

  page.key('ArrowDown');
  page.key('ArrowDown');
  assert.equal(page.input.attributes['aria-activedescendant'], 'search-result-1');
  page.key('ArrowDown');
  assert.equal(page.input.attributes['aria-activedescendant'], 'search-result-0');
  page.key('ArrowUp');
  assert.equal(page.input.attributes['aria-activedescendant'], 'search-result-1');
  page.key('Enter');
  assert.equal(page.context.location.href, '../../docs/experiments/classifier.html');
  page.key('Escape');
  assert.equal(page.list.hidden, true);
  assert.equal(page.input.attributes['aria-expanded'], 'false');

  await page.type('zebra');
  assert.equal(page.list.hidden, false);
  assert.equal(page.list.innerHTML, '<li class="search-empty" role="presentation">No results for \u201czebra\u201d</li>');

  await page.type('   ');
  assert.equal(page.list.hidden, true);
});

test('a missing index says so instead of throwing', async () => {
  const page = fakePage('');
  const saved = FILES['manifest.js'];
  delete FILES['manifest.js'];
  try {
    await page.type('penguin');
    assert.equal(page.list.innerHTML, '<li class="search-empty" role="presentation">Search is unavailable</li>');
  } finally {
    FILES['manifest.js'] = saved;
  }
  // Retried on the next keystroke once it is there.
  await page.type('penguins');
  assert.match(page.list.innerHTML, /Palmer penguins/);
});

test('stemming folds plurals and -ed/-ing the same way SearchStemmer.swift does', () => {
  // The same cases as SearchIndexTests.stemsAreIndexedBesideTheirWords.
  assert.equal(search.stem('flippers'), 'flipper');
  assert.equal(search.stem('labeled'), 'label');
  assert.equal(search.stem('labeling'), 'label');
  assert.equal(search.stem('studies'), 'study');
  assert.equal(search.stem('classes'), 'class');
  assert.equal(search.stem('running'), 'run');
  assert.equal(search.stem('falling'), 'fall');
  assert.equal(search.stem('status'), null);
  assert.equal(search.stem('analysis'), null);
  assert.equal(search.stem('used'), null);
  assert.equal(search.stem('bed'), null);
  assert.equal(search.stem('flipper'), null);
  assert.equal(search.stem('f1s'), null);
  // "classifiers" finds "Species classifier" through the stem "classifier".
  assert.deepEqual(titles('classifiers'), ['Species classifier']);
});

test('one typo on a long word is forgiven, only when nothing matches as typed', () => {
  assert.ok(search.withinOneEdit('pengiun', 'penguin'));  // swapped neighbours
  assert.ok(search.withinOneEdit('chinstap', 'chinstrap'));  // a letter left out
  assert.ok(search.withinOneEdit('gentoa', 'gentoo'));  // a wrong letter
  assert.ok(!search.withinOneEdit('gnetoa', 'gentoo'));
  assert.deepEqual(titles('chinstap'), []);
  const fuzzy = search.search('chinstap', INDEX, 20, true).results.map((r) => INDEX.docs[0][r.doc][1]);
  assert.deepEqual(fuzzy, ['Penguins schema']);
  // The shards that needs: those with the word's first two letters.
  const needed = search.shardsForQuery('chinstap', INDEX.manifest, true);
  assert.ok(needed.includes(search.shardsFor('chinstrap', INDEX.manifest.shards, false)[0]));
  // Short words are not guessed at.
  assert.deepEqual(search.search('xgc', INDEX, 20, true).results, []);
});

test('a query with nothing to look up says so, naming it', () => {
  assert.equal(search.noResults(' 1.9.1 '),
    '<li class="search-empty" role="presentation">No results for \u201c1.9.1\u201d</li>');
  assert.equal(search.noResults('<b>'), '<li class="search-empty" role="presentation">No results for \u201c&lt;b&gt;\u201d</li>');
});

test('a result opens at the field, run or heading the query names, with its words marked', () => {
  const manifest = INDEX.manifest;
  const doc = ['docs/schemas/penguins.html', 'Penguins schema', 'schema',
    'Measurements of <adult> penguins & their flippers.',
    [['species', 'field-species', 'field'], ['bill_length_mm', 'field-bill_length_mm', 'field'],
      ['Flipper notes', 'flipper-notes', 'heading']]];
  const html = search.renderResult(doc, '../', 0, search.queryTerms('bill_length_mm', manifest));
  assert.equal(html,
    '<li id="search-result-0" class="search-result" role="option" aria-selected="false">' +
    '<a href="../docs/schemas/penguins.html#field-bill_length_mm" tabindex="-1">' +
    '<span class="badge kind kind-schema">Schema</span> Penguins schema' +
    '<span class="search-where"> \u203a Field <mark>bill</mark>_<mark>length</mark>_<mark>mm</mark></span>' +
    '<span class="search-snippet">Measurements of &lt;adult&gt; penguins &amp; their flippers.</span></a></li>');
  // A plural finds the heading through its stem, and the snippet marks the plural too.
  const flippers = search.renderResult(doc, '', 0, search.queryTerms('flipper', manifest));
  assert.match(flippers, /href="docs\/schemas\/penguins.html#flipper-notes"/);
  assert.match(flippers, /their <mark>flippers<\/mark>\./);
  // Nothing on the page names every word: the result opens at the top.
  assert.equal(search.bestAnchor(doc[4], search.queryTerms('species flipper', manifest)), null);
  // A result that is itself an anchor keeps its own.
  const own = search.renderResult(['a.html#run-x', 'x', 'run', '', [['x', 'run-x', 'run']]], '', 0,
    search.queryTerms('x1', manifest));
  assert.match(own, /href="a.html#run-x"/);
});

test('the page that defines a field or run named as the query comes first', () => {
  const mentions = ['docs/raw.html', 'Raw', 'schema', 'Becomes bill_length_mm.', [['Culmen Length (mm)', 'field-culmen', 'field']]];
  const defines = ['docs/clean.html', 'Clean', 'schema', '', [['bill_length_mm', 'field-bill_length_mm', 'field']]];
  const run = ['docs/exp.html', 'Experiment', 'experiment', '', [['knn-k7', 'run-knn-k7', 'run']]];
  assert.deepEqual(search.definesFirst([mentions, defines], ' Bill_Length_MM '), [defines, mentions]);
  assert.deepEqual(search.definesFirst([mentions, run], 'knn-k7'), [run, mentions]);
  // A heading of the same name is not a definition; nothing moves.
  const heading = ['docs/h.html', 'H', 'page', '', [['bill_length_mm', 'h', 'heading']]];
  assert.deepEqual(search.definesFirst([mentions, heading], 'bill_length_mm'), [mentions, heading]);
});

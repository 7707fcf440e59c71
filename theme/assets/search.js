/* Handbook search: plain JavaScript, no framework, no server.
   The tokenizer and the stemmers are twins of Sources/HandbookSearch (Swift): both must give the stems in
   Tests/SearchVectors, so a query word and the indexed word meet. The bundle format is described in
   Sources/HandbookSearch/SearchIndexer.swift. */
(function () {
  'use strict';

  // ---- Language: tokenizer ----------------------------------------------------------------------------
  var WORD = /[\p{L}\p{M}\p{Nd}]/u, DIGIT = /\p{Nd}/u, APOSTROPHES = '\'\u2019\u02bc', HYPHENS = '-\u2010\u2011', MAX = 48;

  function normalize(text) { return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е'); }
  function isWord(c) { return WORD.test(c) && APOSTROPHES.indexOf(c) < 0; }

  /** The word forms of a text; with `compounds`, each part of a hyphenated word follows the whole. */
  function forms(text, compounds) {
    if (compounds === undefined) compounds = true;
    var s = Array.from(normalize(text)), out = [], word = '', part = '', parts = [];
    function finish() {
      if (part) parts.push(part);
      if (word && word.length <= MAX) out.push(word);
      if (compounds && parts.length > 1) parts.forEach(function (p) { if (p.length <= MAX) out.push(p); });
      word = ''; part = ''; parts = [];
    }
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (isWord(c)) { word += c; part += c; }
      else if (word && i + 1 < s.length && isWord(s[i + 1])) {
        if (APOSTROPHES.indexOf(c) >= 0) { /* joined */ }
        else if (HYPHENS.indexOf(c) >= 0) { parts.push(part); part = ''; }
        else if ((c === '.' || c === ',') && DIGIT.test(s[i - 1]) && DIGIT.test(s[i + 1])) { word += '.'; part += '.'; }
        else finish();
      } else if (word) finish();
    }
    finish();
    return out;
  }

  // ---- Language: stemmers ------------------------------------------------------------------------------
  function suffixes(groups) {
    var list = [];
    Object.keys(groups).forEach(function (g) { groups[g].forEach(function (s) { list.push([s, +g]); }); });
    return list.sort(function (a, b) { return b[0].length - a[0].length; });
  }
  /** The longest listed suffix of w that starts at or after `limit`, as [suffix, group]. */
  function longest(w, list, limit) {
    for (var i = 0; i < list.length; i++) {
      var s = list[i][0];
      if (w.length - s.length >= limit && w.slice(w.length - s.length) === s) return list[i];
    }
    return null;
  }
  function cut(w, n) { return w.slice(0, w.length - n); }

  var english = (function () {
    function isV(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y'; }
    function isVWXY(c) { return isV(c) || c === 'w' || c === 'x' || c === 'Y'; }
    var exceptions = new Map([['skis', 'ski'], ['skies', 'sky'], ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'],
      ['early', 'earli'], ['only', 'onli'], ['singly', 'singl'], ['andes', 'andes'], ['atlas', 'atlas'], ['bias', 'bias'],
      ['cosmos', 'cosmos'], ['howe', 'howe'], ['news', 'news'], ['sky', 'sky']]);
    var prefixes = ['arsen', 'commun', 'emerg', 'gener', 'inter', 'later', 'organ', 'past', 'univers'];
    var step1b = suffixes({ 1: ['eed', 'eedly'], 2: ['ed', 'edly', 'ingly'], 3: ['ing'] });
    var keptEed = ['succ', 'proc', 'exc'], keptIng = ['even', 'cann', 'inn', 'earr', 'herr', 'out'];
    var doubles = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
    var step2 = [['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['entli', 'ent'], ['izer', 'ize'],
      ['ization', 'ize'], ['ational', 'ate'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['alli', 'al'],
      ['fulness', 'ful'], ['fulli', 'ful'], ['ousli', 'ous'], ['ousness', 'ous'], ['iveness', 'ive'], ['iviti', 'ive'],
      ['biliti', 'ble'], ['bli', 'ble'], ['ogist', 'og'], ['ogi', 'og'], ['lessli', 'less'], ['li', '']];
    var step3 = [['tional', 'tion'], ['ational', 'ate'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ical', 'ic'],
      ['ful', ''], ['ness', ''], ['ative', '']];
    function table(pairs) { var g = {}; pairs.forEach(function (p, i) { g[i] = [p[0]]; }); return suffixes(g); }
    var step2List = table(step2), step3List = table(step3);
    var step4 = suffixes({ 1: ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate',
      'iti', 'ous', 'ive', 'ize'], 2: ['ion'] });
    var validLI = 'cdeghkmnrt';

    function regions(w) {
      var n = w.length;
      function past(start) {
        var i = start;
        while (i < n && !isV(w[i])) i++;
        if (i >= n) return -1;
        i++;
        while (i < n && isV(w[i])) i++;
        return i >= n ? -1 : i + 1;
      }
      var p1 = -1;
      for (var k = 0; k < prefixes.length; k++) if (w.indexOf(prefixes[k]) === 0) { p1 = prefixes[k].length; break; }
      if (p1 < 0) { p1 = past(0); if (p1 < 0) return [n, n]; }
      var p2 = past(p1);
      return [p1, p2 < 0 ? n : p2];
    }
    function shortSyllable(w, end) {
      if (end >= 3 && !isVWXY(w[end - 1]) && isV(w[end - 2]) && !isV(w[end - 3])) return true;
      if (end === 2 && !isV(w[1]) && isV(w[0])) return true;
      return end >= 4 && w.slice(end - 4, end) === 'past';
    }
    function hasVowel(s) { for (var i = 0; i < s.length; i++) if (isV(s[i])) return true; return false; }

    return function (word) {
      if (exceptions.has(word)) return exceptions.get(word);
      if (word.length < 3) return word;
      var w = word, foundY = false;
      if (w[0] === 'y') { w = 'Y' + w.slice(1); foundY = true; }
      for (var i = 1; i < w.length; i++) {
        if (w[i] === 'y' && isV(w[i - 1])) { w = w.slice(0, i) + 'Y' + w.slice(i + 1); foundY = true; }
      }
      var r = regions(w), p1 = r[0], p2 = r[1], m, start;
      // Step 1a
      if (/sses$/.test(w)) w = cut(w, 4) + 'ss';
      else if (/ie[ds]$/.test(w)) w = cut(w, 3) + (w.length >= 5 ? 'i' : 'ie');
      else if (/(ss|us)$/.test(w)) { /* kept */ }
      else if (/s$/.test(w) && w.length >= 3 && hasVowel(w.slice(0, w.length - 2))) w = cut(w, 1);
      // Step 1b
      m = longest(w, step1b, 0);
      if (m) {
        start = w.length - m[0].length;
        var before = w.slice(0, start), general = true;
        if (m[1] === 1) {
          if (start >= p1 && keptEed.indexOf(before) < 0) w = before + 'ee';
          general = false;
        } else if (m[1] === 3) {
          if (before.length === 2 && before[1] === 'y' && !isV(before[0])) { w = before[0] + 'ie'; general = false; }
          else if (keptIng.indexOf(before) >= 0) general = false;
        }
        if (general && hasVowel(before)) {
          w = before;
          if (/(at|bl|iz)$/.test(w)) w += 'e';
          else if (doubles.some(function (d) { return w.slice(-2) === d; })) {
            if (!(w.length === 3 && 'aeo'.indexOf(w[0]) >= 0)) w = cut(w, 1);
          } else if (w.length === p1 && shortSyllable(w, w.length)) w += 'e';
        }
      }
      // Step 1c
      var last = w[w.length - 1];
      if (w.length >= 3 && (last === 'y' || last === 'Y') && !isV(w[w.length - 2])) w = cut(w, 1) + 'i';
      // Steps 2 and 3
      m = longest(w, step2List, 0);
      if (m && (start = w.length - m[0].length) >= p1) {
        var e2 = step2[m[1]];
        var ok = !(e2[0] === 'ogi' && w[start - 1] !== 'l') && !(e2[0] === 'li' && !(start >= 1 && validLI.indexOf(w[start - 1]) >= 0));
        if (ok) w = w.slice(0, start) + e2[1];
      }
      m = longest(w, step3List, 0);
      if (m && (start = w.length - m[0].length) >= p1) {
        var e3 = step3[m[1]];
        if (!(e3[0] === 'ative' && start < p2)) w = w.slice(0, start) + e3[1];
      }
      // Step 4
      m = longest(w, step4, 0);
      if (m && (start = w.length - m[0].length) >= p2) {
        if (m[1] !== 2 || (start >= 1 && (w[start - 1] === 's' || w[start - 1] === 't'))) w = w.slice(0, start);
      }
      // Step 5
      start = w.length - 1;
      if (w[start] === 'e') {
        if (start >= p2 || (start >= p1 && !shortSyllable(w, start))) w = cut(w, 1);
      } else if (w[start] === 'l') {
        if (start >= p2 && w[start - 1] === 'l') w = cut(w, 1);
      }
      return foundY ? w.replace(/Y/g, 'y') : w;
    };
  })();

  /** RV (after the first vowel) and R2, as Snowball's Russian stemmer defines them. */
  function cyrillicRegions(w, vowels) {
    var n = w.length, i = 0;
    function passFirst(vowel) {
      while (i < n && (vowels.indexOf(w[i]) >= 0) !== vowel) i++;
      if (i >= n) return false;
      i++;
      return true;
    }
    if (!passFirst(true)) return [n, n];
    var rv = i;
    if (!(passFirst(false) && passFirst(true) && passFirst(false))) return [rv, n];
    return [rv, i];
  }

  var russian = (function () {
    var gerund = suffixes({ 1: ['в', 'вши', 'вшись'], 2: ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'] });
    var adjective = suffixes({ 1: ['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его',
      'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею'] });
    var participle = suffixes({ 1: ['ем', 'нн', 'вш', 'ющ', 'щ'], 2: ['ивш', 'ывш', 'ующ'] });
    var reflexive = suffixes({ 1: ['ся', 'сь'] });
    var verb = suffixes({ 1: ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'],
      2: ['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло', 'ено',
        'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю'] });
    var noun = suffixes({ 1: ['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й',
      'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я'] });
    var derivational = suffixes({ 1: ['ост', 'ость'] });
    var tidy = suffixes({ 1: ['ейш', 'ейше'], 2: ['н'], 3: ['ь'] });
    return function (word) {
      var r = cyrillicRegions(word, 'аеиоуыэюя'), rv = r[0], r2 = r[1], w = word, m;
      if (rv >= w.length) return w;
      function removeGroupOne(list) {
        var found = longest(w, list, rv);
        if (!found) return false;
        if (found[1] === 1) {
          var i = w.length - found[0].length - 1;
          if (i < rv || (w[i] !== 'а' && w[i] !== 'я')) return false;
        }
        w = cut(w, found[0].length);
        return true;
      }
      if (!removeGroupOne(gerund)) {
        if ((m = longest(w, reflexive, rv))) w = cut(w, m[0].length);
        if ((m = longest(w, adjective, rv))) { w = cut(w, m[0].length); removeGroupOne(participle); }
        else if (!removeGroupOne(verb) && (m = longest(w, noun, rv))) w = cut(w, m[0].length);
      }
      if (w.length > rv && w[w.length - 1] === 'и') w = cut(w, 1);
      if ((m = longest(w, derivational, rv)) && w.length - m[0].length >= r2) w = cut(w, m[0].length);
      if ((m = longest(w, tidy, rv))) {
        if (m[1] === 1) { w = cut(w, m[0].length); if (w.length - 2 >= rv && w.slice(-2) === 'нн') w = cut(w, 1); }
        else if (m[1] === 2) { if (w.length - 2 >= rv && w[w.length - 2] === 'н') w = cut(w, 1); }
        else w = cut(w, 1);
      }
      return w;
    };
  })();

  var ukrainian = (function () {
    var vowels = 'аеєиіїоуюя';
    var gerund = suffixes({ 1: ['вши', 'вшись', 'ючи', 'ючись', 'учи', 'учись', 'ачи', 'ачись', 'ячи', 'ячись'] });
    var reflexive = suffixes({ 1: ['ся', 'сь'] });
    var ending = suffixes({ 1: ['а', 'я', 'о', 'е', 'є', 'у', 'ю', 'і', 'ї', 'и', 'ам', 'ям', 'ах', 'ях', 'ами', 'ями', 'има', 'ові',
      'еві', 'єві', 'ом', 'ем', 'єм', 'ою', 'ею', 'єю', 'ів', 'їв', 'ей', 'ій', 'ії', 'ію', 'ією', 'ія', 'іям', 'іями', 'іях', 'ий',
      'ого', 'ому', 'им', 'ім', 'ими', 'іми', 'их', 'іх', 'ої', 'еш', 'єш', 'иш', 'іш', 'емо', 'ємо', 'имо', 'імо', 'ете', 'єте',
      'ите', 'іте', 'ють', 'уть', 'ять', 'ать', 'ить', 'іть', 'йте', 'ймо'] });
    function isVowel(c) { return c !== undefined && vowels.indexOf(c) >= 0; }
    return function (word) {
      var rv = cyrillicRegions(word, vowels)[0], w = word, m, removed = false;
      if (rv >= w.length) return w;
      if ((m = longest(w, gerund, rv))) { w = cut(w, m[0].length); removed = true; }
      else {
        if ((m = longest(w, reflexive, rv)) && w.length - m[0].length > rv) w = cut(w, m[0].length);
        if ((m = longest(w, ending, rv))) { w = cut(w, m[0].length); removed = true; }
      }
      var n = w.length;
      if (n - 3 >= rv && w.slice(-3) === 'ост') w = cut(w, 3) + 'іст';
      else if (!removed && w.slice(-2) === 'ок' && n >= 4 && !isVowel(w[n - 3]) && isVowel(w[n - 4])) w = cut(w, 2) + 'к';
      else if (!removed && n - 3 >= rv && w.slice(-3) === 'ець') w = cut(w, 3) + 'ц';
      if (w.length > rv && w[w.length - 1] === 'ь') w = cut(w, 1);
      if (w.length - 2 >= rv && w.slice(-2) === 'нн') w = cut(w, 1);
      return w;
    };
  })();

  /** The stem of a form: English for a–z words, Russian or Ukrainian for Cyrillic ones, else the form. */
  function stem(form, language) {
    var latin = true, cyrillic = true, ukrainianLetters = false;
    for (var i = 0; i < form.length; i++) {
      var u = form.charCodeAt(i);
      if (u < 97 || u > 122) latin = false;
      if (u === 0x454 || u === 0x456 || u === 0x457 || u === 0x491) ukrainianLetters = true;
      else if (u < 0x430 || u > 0x44f) cyrillic = false;
    }
    if (latin) return english(form);
    if (!cyrillic) return form;
    if (language === 'ru') return russian(form);
    if (language === 'uk') return ukrainian(form);
    return ukrainianLetters ? ukrainian(form) : russian(form);
  }

  // ---- The index ------------------------------------------------------------------------------------------
  function load(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
        return new Response(stream).text();
      }
      return new TextDecoder().decode(bytes);
    }).then(JSON.parse);
  }

  function Index(base) { this.base = base; this.cache = new Map(); }
  Index.prototype.get = function (path) {
    if (!this.cache.has(path)) {
      var promise = load(this.base + path), cache = this.cache;
      promise.catch(function () { cache.delete(path); });
      this.cache.set(path, promise);
    }
    return this.cache.get(path);
  };
  Index.prototype.manifest = function () {
    var self = this;
    return self.get('index.json').then(function (entry) { return self.get(entry.manifest); });
  };
  /** The shard whose range holds `term` (shards list their first term in UTF-16 order). */
  function shardOf(manifest, term) {
    var low = 0, high = manifest.shards.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (manifest.shards[mid][0] <= term) low = mid; else high = mid - 1;
    }
    return low;
  }

  var PREFIX_MIN = 3, PREFIX_SHARDS = 3, PREFIX_TERMS = 40, PREFIX_FACTOR = 0.6;
  /** Kind priors (manifest kind codes): policy ≥ principle > briefing > example > plain page. */
  var PRIORS = { p: 1.8, r: 1.5, f: 1.15, g: 0.85, b: 0.85, o: 0.7 };

  /** Ranks every matching document: BM25 over the shards' field-weighted frequencies, every word required
      (all words, else any). Returns {manifest, words, ranked: [{doc, score}]}, `ranked` in no order (see `best`). */
  function rank(index, query) {
    return index.manifest().then(function (manifest) {
      var language = manifest.language, typing = /[\p{L}\p{M}\p{Nd}]$/u.test(query);
      var words = forms(query, false).map(function (form, i, all) {
        return { form: form, stem: stem(form, language), prefix: typing && i === all.length - 1 && form.length >= PREFIX_MIN };
      });
      var wanted = new Set();
      words.forEach(function (w) {
        var first = shardOf(manifest, w.stem), last = w.prefix ? Math.min(shardOf(manifest, w.stem + '\uffff'), first + PREFIX_SHARDS - 1) : first;
        for (var s = first; s <= last; s++) wanted.add(s);
      });
      return Promise.all(Array.from(wanted).map(function (s) { return index.get(manifest.shards[s][1]); })).then(function (shards) {
        var n = manifest.documents, k1 = manifest.k1;
        // Each word's scores in a typed array indexed by document (a Map per word cost more than the ranking).
        var perWord = words.map(function (w) {
          var scores = new Float64Array(n), docs = [];
          function add(postings, factor) {
            var df = postings.length / 2, idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)), doc = 0;
            for (var i = 0; i < postings.length; i += 2) {
              doc += postings[i];
              if (doc >= scores.length) { var grown = new Float64Array(doc * 2 + 1); grown.set(scores); scores = grown; }
              var tf = postings[i + 1] / 10, score = idf * tf * (k1 + 1) / (tf + k1) * factor, old = scores[doc];
              if (old === 0) docs.push(doc);
              if (score > old) scores[doc] = score;
            }
          }
          shards.forEach(function (shard) {
            if (Object.prototype.hasOwnProperty.call(shard, w.stem)) add(shard[w.stem], 1);
            if (!w.prefix) return;
            var expanded = 0;
            for (var term in shard) {
              if (term !== w.stem && term.lastIndexOf(w.stem, 0) === 0 && expanded++ < PREFIX_TERMS) add(shard[term], PREFIX_FACTOR);
            }
          });
          return { scores: scores, docs: docs };
        });
        var docs = [];
        if (perWord.length) {
          perWord[0].docs.forEach(function (doc) { if (perWord.every(function (s) { return s.scores[doc] > 0; })) docs.push(doc); });
          if (!docs.length && perWord.length > 1) {
            var seen = new Uint8Array(Math.max.apply(null, perWord.map(function (s) { return s.scores.length; })));
            perWord.forEach(function (s) { s.docs.forEach(function (doc) { if (!seen[doc]) { seen[doc] = 1; docs.push(doc); } }); });
          }
        }
        // When no page has every word, pages with more of the words come first. Then the kind's prior: the
        // policy that sets a rule before the example that tells a story about it.
        var ranked = docs.map(function (doc) {
          var score = 0, matched = 0;
          perWord.forEach(function (s) { var value = s.scores[doc]; if (value > 0) { score += value; matched++; } });
          var coverage = matched / perWord.length;
          return { doc: doc, score: score * coverage * coverage * (PRIORS[manifest.kinds[doc]] || 1) };
        });
        return { manifest: manifest, words: words, ranked: ranked };
      });
    });
  }

  /** The `count` best entries of a ranking, best first (ties: the lower document first). The list itself
      is left unsorted: sorting every match (10,000 for a common word) cost more than the ranking. */
  function best(list, count) {
    function before(a, b) { return b.score - a.score || a.doc - b.doc; }
    if (list.length <= count * 8) return list.slice().sort(before).slice(0, count);
    var top = [];
    for (var i = 0; i < list.length; i++) {
      var entry = list[i];
      if (top.length === count && before(entry, top[count - 1]) >= 0) continue;
      var at = top.length;
      while (at > 0 && before(entry, top[at - 1]) < 0) at--;
      top.splice(at, 0, entry);
      if (top.length > count) top.pop();
    }
    return top;
  }

  /** Whether a word (as written in a text) matches one of the query's words. A cheap test comes first: a
      word can only match if it holds the first letters of a query word's stem. */
  function matcher(words, language) {
    var heads = words.map(function (w) { return w.stem.slice(0, 2); });
    return function (text) {
      var folded = text.toLowerCase().replace(/ё/g, 'е').replace(/['\u2019\u02bc]/g, '');
      if (!heads.some(function (head) { return folded.indexOf(head) >= 0; })) return false;
      return forms(text, true).some(function (form) {
        var s = stem(form, language);
        return words.some(function (w) { return s === w.stem || form === w.form || (w.prefix && s.lastIndexOf(w.stem, 0) === 0); });
      });
    };
  }

  /** Loads the fragments of the top results and reorders them with the exact-form, title and phrase bonuses. */
  function resolve(index, ranking, top) {
    var manifest = ranking.manifest, words = ranking.words, language = manifest.language;
    return Promise.all(top.map(function (entry) {
      return index.get(manifest.fragments + entry.doc + '.json').then(function (fragment) {
        var titleForms = forms(fragment.title, true), bonus = 1;
        var titleStems = titleForms.map(function (f) { return stem(f, language); });
        var inTitle = words.filter(function (w) {
          return titleStems.some(function (s) { return s === w.stem || (w.prefix && s.lastIndexOf(w.stem, 0) === 0); });
        }).length;
        if (words.length && inTitle === words.length) bonus += 0.5;
        words.forEach(function (w) { if (titleForms.indexOf(w.form) >= 0) bonus += 0.2; });
        var text = fragment.summary + '\n' + fragment.sections.map(function (s) { return s[1] + '\n' + s[2]; }).join('\n');
        if (words.length > 1) {
          var phrase = ' ' + words.map(function (w) { return w.form; }).join(' ') + ' ';
          if ((' ' + forms(fragment.title + '\n' + text, false).join(' ') + ' ').indexOf(phrase) >= 0) bonus += 0.5;
        }
        return { doc: entry.doc, score: entry.score * bonus, fragment: fragment };
      });
    })).then(function (results) {
      results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return results;
    });
  }

  // ---- Presenting results -----------------------------------------------------------------------------------
  var WORDS = /[\p{L}\p{M}\p{Nd}]+(?:['\u2019\u02bc\-\u2010\u2011.,][\p{L}\p{M}\p{Nd}]+)*/gu;

  function escapeHTML(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }

  /** A window of `text` around its first matching word, escaped, matched words in <mark>; null when nothing
      matches. Words are tested only until the window is full (texts can be long). */
  function snippet(text, matches, size, before) {
    if (before === undefined) before = 8;
    var found = [], match, first = -1, full = false;
    WORDS.lastIndex = 0;
    while ((match = WORDS.exec(text))) {
      var word = { start: match.index, end: match.index + match[0].length, hit: false, text: match[0] };
      found.push(word);
      if (first < 0) {
        if (matches(match[0])) { word.hit = true; first = found.length - 1; }
        else if (found.length > before) found.shift();
      } else {
        word.hit = matches(match[0]);
        if (found.length - first >= size) { full = true; break; }
      }
    }
    if (first < 0) return null;
    var more = full && WORDS.exec(text) !== null, html = found[0].start > 0 && text.slice(0, found[0].start).trim() ? '… ' : '';
    var position = found[0].start;
    for (var i = 0; i < found.length; i++) {
      html += escapeHTML(text.slice(position, found[i].start));
      var escaped = escapeHTML(found[i].text);
      html += found[i].hit ? '<mark>' + escaped + '</mark>' : escaped;
      position = found[i].end;
    }
    return html + (more ? ' …' : escapeHTML(text.slice(position)));
  }

  /** A result's line of context: where its words are, else its summary's first words. */
  function oneLine(f, matches) {
    var body = f.sections.map(function (s) { return s[2]; }).join('\n');
    return snippet(f.summary, matches, 10, 2) || snippet(body, matches, 10, 2) || lead(f.summary || body, 12);
  }

  // ---- When nothing is found -------------------------------------------------------------------------------
  /** Latin letters that look like Cyrillic ones, typed on the wrong keyboard layout by mistake. */
  var LOOKALIKE = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };
  function cyrillic(word) { return Array.from(word).map(function (c) { return LOOKALIKE[c] || c; }).join(''); }

  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 2) return 99;
    var previous = [], current;
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      for (j = 1; j <= b.length; j++) current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      previous = current;
    }
    return previous[b.length];
  }

  /** For each word that finds nothing, the closest term of the index's own vocabulary (its shard's terms,
      edit distance ≤ 2, the most used first), trying a Latin look-alike letter as its Cyrillic twin. Resolves
      to the corrected query, or null. */
  function didYouMean(index, query) {
    return index.manifest().then(function (manifest) {
      var language = manifest.language, words = forms(query, false);
      return Promise.all(words.map(function (form) {
        // A number is not misspelt; a Latin look-alike letter is tried as its Cyrillic twin (an exact word only,
        // unless the word mixes the two scripts).
        if (/\p{Nd}/u.test(form)) return Promise.resolve(null);
        var mixed = /[a-z]/.test(form) && /[\u0400-\u04ff]/.test(form);
        var tries = [form];
        if (/[a-z]/.test(form) && language !== 'en') tries.push(cyrillic(form));
        return Promise.all(tries.map(function (t) {
          var s = stem(t, language);
          return index.get(manifest.shards[shardOf(manifest, s)][1]).then(function (shard) { return [t, s, shard]; });
        })).then(function (found) {
          for (var k = 0; k < found.length; k++) if (Object.prototype.hasOwnProperty.call(found[k][2], found[k][1])) return k === 0 ? null : found[k][0];
          var best = null;
          found.forEach(function (entry, k) {
            if (k > 0 && !mixed) return;
            var target = entry[1], limit = target.length > 5 ? 2 : 1;
            for (var term in entry[2]) {
              var d = distance(target, term), uses = entry[2][term].length;
              if (d <= limit && (!best || d < best.d || (d === best.d && uses > best.uses))) best = { d: d, uses: uses, term: term, form: entry[0] };
            }
          });
          return best ? best.term : null;
        });
      })).then(function (fixed) {
        if (!fixed.some(Boolean)) return null;
        var corrected = words.map(function (w, i) { return fixed[i] || w; }).join(' ');
        // A stem is not a word: the corrected query shows the forms the best result writes.
        return rank(index, corrected).then(function (ranking) {
          return resolve(index, ranking, best(ranking.ranked, 1));
        }).then(function (top) {
          if (!top.length) return null;
          var f = top[0].fragment, written = forms(f.title + '\n' + f.summary + '\n' + f.sections.map(function (s) { return s[1] + '\n' + s[2]; }).join('\n'), true);
          return words.map(function (w, i) {
            if (!fixed[i]) return w;
            var form = written.find(function (candidate) { return stem(candidate, language) === fixed[i]; });
            return form || fixed[i];
          }).join(' ');
        });
      });
    });
  }

  /** What a reader who found nothing can do: the hits in the handbook's other languages, a corrected
      query, and the A–Z index. */
  function nothingFound(index, query, strings, form) {
    var here = document.documentElement.lang;
    var others = Array.from(document.querySelectorAll('link[rel=alternate][hreflang]')).filter(function (l) { return l.hreflang !== here; });
    var counts = Promise.all(others.map(function (link) {
      var other = new Index(form.dataset.index.replace(/[^\/]+\/$/, link.hreflang + '/'));
      return rank(other, query).then(function (r) { return [link, r.ranked.length]; }, function () { return [link, 0]; });
    }));
    return Promise.all([counts, didYouMean(index, query).catch(function () { return null; })]).then(function (both) {
      var html = '';
      var found = both[0].filter(function (c) { return c[1] > 0; });
      if (found.length) {
        html += '<li class="search-help"><p>' + escapeHTML(strings.search_other_languages) + '</p><ul>' + found.map(function (c) {
          var name = document.querySelector('.languages a[hreflang="' + c[0].hreflang + '"]');
          return '<li><a href="' + escapeHTML(c[0].href + '?q=' + encodeURIComponent(query)) + '" hreflang="' + escapeHTML(c[0].hreflang) + '" lang="' +
            escapeHTML(c[0].hreflang) + '">' + escapeHTML(name ? name.textContent : c[0].hreflang) + '</a>: ' + c[1] + '</li>';
        }).join('') + '</ul></li>';
      }
      if (both[1]) {
        html += '<li class="search-help"><p>' + escapeHTML(strings.search_did_you_mean) + ' <a class="did-you-mean" href="?q=' +
          escapeHTML(encodeURIComponent(both[1])) + '">' + escapeHTML(both[1]) + '</a></p></li>';
      }
      // The A–Z link stands under the results already.
      return html;
    });
  }

  /** The first words of a text, escaped. */
  function lead(text, size) {
    var words = text.split(/\s+/);
    return escapeHTML(words.slice(0, size).join(' ')) + (words.length > size ? ' …' : '');
  }

  function kindName(fragment, strings) {
    if (fragment.kind === 'example') return strings[fragment.verdict === 'bad' ? 'verdict_bad' : 'verdict_good'];
    return strings['kind_' + fragment.kind] || fragment.kind;
  }
  function kindClass(fragment) { return fragment.kind === 'example' ? 'example-' + (fragment.verdict || 'good') : fragment.kind; }

  /** One result as HTML: title, kind badge, snippet, and up to three matching sections linked to their anchors. */
  function resultHTML(result, words, language, strings) {
    var f = result.fragment, matches = matcher(words, language), url = escapeHTML(f.url);
    var body = f.sections.map(function (s) { return s[2]; }).join('\n');
    var text = snippet(f.summary, matches, 30) || snippet(body, matches, 30) || lead(f.summary || body, 30);
    // The sections that hold the words, those whose heading holds most of them first (a briefing's question
    // that is the query comes before the questions that only mention one word).
    var subs = f.sections.map(function (s, i) {
      if (!s[0]) return null;
      var inHeading = words.filter(function (w) { return matcher([w], language)(s[1]); }).length;
      if (!inHeading && !snippet(s[2], matches, 1)) return null;
      return { s: s, rank: inHeading, i: i };
    }).filter(Boolean).sort(function (a, b) { return b.rank - a.rank || a.i - b.i; }).slice(0, 3).map(function (x) { return x.s; });
    var meta = [f.owner, f.policy].filter(Boolean).map(escapeHTML).join(' · ');
    return '<li class="search-result" data-result-url="' + url + '"' + (f.version ? ' data-version="' + escapeHTML(f.version) + '"' : '') + '>' +
      '<a class="result-title" href="' + url + '">' + (snippet(f.title, matches, 99) || escapeHTML(f.title)) + '</a> ' +
      '<span class="kind-badge badge-kind-' + kindClass(f) + '">' + escapeHTML(kindName(f, strings)) + '</span>' +
      (meta ? '<span class="result-meta">' + meta + '</span>' : '') +
      '<p class="result-snippet">' + text + '</p>' +
      (subs.length ? '<ul class="sub-results">' + subs.map(function (s) {
        return '<li><a href="' + url + '#' + escapeHTML(encodeURIComponent(s[0])) + '">' + escapeHTML(s[1]) + '</a> ' +
          '<span class="result-snippet">' + (snippet(s[2], matches, 16) || '') + '</span></li>';
      }).join('') + '</ul>' : '') + '</li>';
  }

  // ---- The page: the box in the header and the search page ------------------------------------------------------
  var KINDS = [['p', 'kind_policy'], ['r', 'kind_principle'], ['g', 'verdict_good'], ['b', 'verdict_bad'], ['f', 'kind_faq'], ['o', 'kind_page']];

  function start() {
    var form = document.querySelector('form.search-box');
    if (!form || !form.dataset.index) return;
    var index = new Index(form.dataset.index), strings = {}, input = form.querySelector('input[name=q]');
    try { strings = JSON.parse(form.dataset.strings || '{}'); } catch (e) { strings = {}; }
    document.addEventListener('keydown', function (event) {
      var target = event.target, tag = target && target.tagName;
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && tag !== 'INPUT' && tag !== 'TEXTAREA' &&
          tag !== 'SELECT' && !(target && target.isContentEditable)) {
        event.preventDefault();
        (document.getElementById('search-query') || input).focus();
      }
    });
    if (document.body.classList.contains('page-search')) searchPage(index, strings);
    if (input) dropdown(form, input, index, strings);
  }

  function dropdown(form, input, index, strings) {
    var list = document.createElement('ul'), active = -1, sequence = 0;
    list.className = 'search-popup'; list.id = 'search-popup'; list.setAttribute('role', 'listbox'); list.hidden = true;
    form.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-autocomplete', 'list');
    function options() { return list.querySelectorAll('[role=option]'); }
    function close() { list.hidden = true; active = -1; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); }
    function highlight(next) {
      var all = options();
      if (!all.length) return;
      active = (next + all.length) % all.length;
      all.forEach(function (o, i) { o.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', all[active].id);
    }
    input.addEventListener('input', function () {
      var query = input.value, mine = ++sequence, started = performance.now();
      if (!query.trim()) { close(); list.innerHTML = ''; return; }
      rank(index, query).then(function (ranking) {
        return resolve(index, ranking, best(ranking.ranked, 8)).then(function (results) { return [ranking, results]; });
      }).then(function (pair) {
        if (mine !== sequence) return;
        var ranking = pair[0], results = pair[1], language = ranking.manifest.language, matches = matcher(ranking.words, language);
        list.innerHTML = results.map(function (r, i) {
          var f = r.fragment;
          return '<li role="option" id="search-option-' + i + '" aria-selected="false" data-result-url="' + escapeHTML(f.url) + '">' +
            '<span class="popup-line"><a href="' + escapeHTML(f.url) + '" tabindex="-1">' + (snippet(f.title, matches, 99) || escapeHTML(f.title)) + '</a> ' +
            '<span class="kind-badge badge-kind-' + kindClass(f) + '">' + escapeHTML(kindName(f, strings)) + '</span></span>' +
            '<span class="popup-snippet">' + oneLine(f, matches) + '</span></li>';
        }).join('') + '<li role="option" id="search-option-all" aria-selected="false" class="see-all" data-href="' +
          escapeHTML(form.action + '?q=' + encodeURIComponent(query)) + '"><a tabindex="-1" href="' +
          escapeHTML(form.action + '?q=' + encodeURIComponent(query)) + '">' +
          escapeHTML(results.length ? strings.search_see_all + ' (' + ranking.ranked.length + ')' : strings.search_no_results) + '</a></li>';
        list.dataset.ms = (performance.now() - started).toFixed(1);
        list.dataset.query = query;
        list.hidden = false; active = -1;
        input.setAttribute('aria-expanded', 'true');
      }).catch(function () {
        if (mine !== sequence) return;
        list.innerHTML = '<li class="search-error">' + escapeHTML(strings.search_failed || 'Search failed') + '</li>';
        list.hidden = false;
      });
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (list.hidden) return;
        event.preventDefault();
        highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        var option = options()[active];
        window.location.href = option.getAttribute('data-result-url') || option.getAttribute('data-href');
      } else if (event.key === 'Escape') {
        close();
      }
    });
    list.addEventListener('mousedown', function (event) { event.preventDefault(); });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  function searchPage(index, strings) {
    var input = document.getElementById('search-query'), status = document.getElementById('search-status');
    var results = document.getElementById('search-results'), filters = document.getElementById('search-filters');
    if (!input || !results) return;
    var params = new URLSearchParams(window.location.search), sequence = 0, shown = 10;
    var state = { kind: params.get('kind') || '', owner: params.get('owner') || '', policy: params.get('policy') || '' };
    input.value = params.get('q') || '';
    var filterData = null;

    function run() {
      var query = input.value, mine = ++sequence, started = performance.now();
      var url = new URL(window.location.href);
      url.searchParams.set('q', query);
      // The language switch keeps the query.
      document.querySelectorAll('.languages a[hreflang]').forEach(function (a) {
        var target = new URL(a.href); target.search = query ? '?q=' + encodeURIComponent(query) : ''; a.href = target.toString();
      });
      ['kind', 'owner', 'policy'].forEach(function (k) { if (state[k]) url.searchParams.set(k, state[k]); else url.searchParams.delete(k); });
      history.replaceState(null, '', url.toString());
      if (!query.trim()) { results.innerHTML = ''; status.textContent = ''; filters.hidden = true; return; }
      var needFilters = state.owner || state.policy || !filterData;
      rank(index, query).then(function (ranking) {
        var manifest = ranking.manifest;
        var extra = needFilters ? index.get(manifest.filters).then(function (data) { filterData = data; }) : Promise.resolve();
        return extra.then(function () {
          var byOwnerPolicy = ranking.ranked.filter(function (r) {
            return (!state.owner || ownerOf(r.doc) === state.owner) && (!state.policy || policyOf(r.doc) === state.policy);
          });
          var counts = {};
          byOwnerPolicy.forEach(function (r) { var k = manifest.kinds[r.doc]; counts[k] = (counts[k] || 0) + 1; });
          var kept = byOwnerPolicy.filter(function (r) { return !state.kind || manifest.kinds[r.doc] === state.kind; });
          return resolve(index, ranking, best(kept, shown)).then(function (top) {
            return { ranking: ranking, counts: counts, total: byOwnerPolicy.length, kept: kept, top: top };
          });
        });
      }).then(function (found) {
        if (mine !== sequence) return;
        var language = found.ranking.manifest.language;
        renderFilters(found.counts, found.total);
        results.innerHTML = found.top.map(function (r) { return resultHTML(r, found.ranking.words, language, strings); }).join('') +
          (found.kept.length > found.top.length ? '<li class="search-more"><button type="button">' + escapeHTML(strings.search_more) + '</button></li>' : '');
        status.textContent = found.kept.length ? strings.search_results + ' ' + found.kept.length : strings.search_no_results;
        if (!found.kept.length) {
          nothingFound(index, query, strings, document.querySelector('form.search-box')).then(function (html) {
            if (mine === sequence) results.innerHTML = html;
          });
        }
        results.dataset.ms = (performance.now() - started).toFixed(1);
        results.dataset.query = query;
      }).catch(function (error) {
        if (mine !== sequence) return;
        status.textContent = strings.search_failed + ' (' + error.message + ')';
      });
    }
    function ownerOf(doc) { var i = filterData ? filterData.owner[doc] : -1; return i >= 0 ? filterData.owners[i][0] : ''; }
    function policyOf(doc) { var i = filterData ? filterData.policy[doc] : -1; return i >= 0 ? filterData.policies[i][0] : ''; }

    /** The kind buttons with this query's counts; the owner and policy lists (hundreds of options) are made once. */
    function renderFilters(counts, total) {
      var kinds = '<div class="kind-filter" role="group">' +
        '<button type="button" data-kind=""' + (state.kind ? '' : ' aria-pressed="true"') + '>' + escapeHTML(strings.search_all) + ' (' + total + ')</button>' +
        KINDS.filter(function (k) { return counts[k[0]] || state.kind === k[0]; }).map(function (k) {
          return '<button type="button" data-kind="' + k[0] + '"' + (state.kind === k[0] ? ' aria-pressed="true"' : '') + '>' +
            escapeHTML(strings[k[1]]) + ' (' + (counts[k[0]] || 0) + ')</button>';
        }).join('') + '</div>';
      var group = filters.querySelector('.kind-filter');
      if (group) group.outerHTML = kinds; else filters.insertAdjacentHTML('afterbegin', kinds);
      function select(name, all, options, current) {
        if (!options || !options.length) return '';
        return '<select data-filter="' + name + '" aria-label="' + escapeHTML(all) + '"><option value="">' + escapeHTML(all) + '</option>' +
          options.map(function (o) {
            return '<option value="' + escapeHTML(o[0]) + '"' + (o[0] === current ? ' selected' : '') + '>' + escapeHTML(o[1]) + '</option>';
          }).join('') + '</select>';
      }
      if (filterData && !filters.querySelector('select')) {
        filters.insertAdjacentHTML('beforeend', select('owner', strings.search_any_owner, filterData.owners, state.owner) +
          select('policy', strings.search_any_policy, filterData.policies, state.policy));
      }
      filters.hidden = false;
    }
    filters.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-kind]');
      if (!button) return;
      state.kind = button.getAttribute('data-kind');
      run();
    });
    filters.addEventListener('change', function (event) {
      var name = event.target.getAttribute('data-filter');
      if (!name) return;
      state[name] = event.target.value;
      run();
    });
    results.addEventListener('click', function (event) {
      if (!event.target.closest('.search-more button')) return;
      shown += 10;
      run(true);
    });
    input.addEventListener('input', function () { shown = 10; run(); });
    input.form.addEventListener('submit', function (event) { event.preventDefault(); run(); });
    run();
  }

  var api = { normalize: normalize, forms: forms, stem: stem, Index: Index, rank: rank, best: best, resolve: resolve, snippet: snippet };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') {
    window.HandbookSearch = api;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
  }
})();

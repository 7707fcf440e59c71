/* Versions people can hold on to, in the reader's browser (nothing is sent anywhere):
   - the history page compares any two revisions (?from=SHORT&to=SHORT), older → newer;
   - a page opened with ?at=YYYY-MM-DD shows the text that was in force on that day;
   - a page remembers (localStorage) the version the reader last saw and, when a newer substantive
     version is out, says since when and how much changed, with a link to that diff;
   - the home page lists the pages changed since the reader's last visit;
   - a policy that asks for it takes an acknowledgement: a receipt by mail, form or clipboard.
   The texts come from the page's history.json, fetched only when one of these needs it. The word diff is
   the one of Sources/HandbookHistory/WordDiff.swift, step for step: Tests/WordDiffVectors holds the cases
   both must agree on. Without this script the history page keeps its diffs of adjacent revisions. */
(function () {
  'use strict';

  // ---- The word diff (the same tokens, prefix and suffix, alignment and tie-breaks as WordDiff.swift) ----
  function isSpace(c) { return c === 32 || c === 10 || c === 9 || c === 13; }
  function tokens(text) {
    var out = [], start = 0, n = text.length;
    while (start < n) {
      var space = isSpace(text.charCodeAt(start)), end = start + 1;
      while (end < n && isSpace(text.charCodeAt(end)) === space) end++;
      out.push({ t: text.slice(start, end), w: !space });
      start = end;
    }
    return out;
  }
  var alignmentLimit = 4000000;
  function align(a, b) {
    var ops = [], i, j;
    if (a.length === 0) { for (j = 0; j < b.length; j++) ops.push(['+', b[j]]); return ops; }
    if (b.length === 0) { for (i = 0; i < a.length; i++) ops.push(['-', a[i]]); return ops; }
    var columns = b.length + 1, lengths = new Uint32Array((a.length + 1) * columns);
    for (i = a.length - 1; i >= 0; i--) {
      for (j = b.length - 1; j >= 0; j--) {
        lengths[i * columns + j] = a[i].t === b[j].t ? lengths[(i + 1) * columns + j + 1] + 1
          : Math.max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1]);
      }
    }
    i = 0; j = 0;
    while (i < a.length && j < b.length) {
      if (a[i].t === b[j].t) { ops.push(['=', a[i]]); i++; j++; }
      else if (lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1]) { ops.push(['-', a[i]]); i++; }
      else { ops.push(['+', b[j]]); j++; }
    }
    for (; i < a.length; i++) ops.push(['-', a[i]]);
    for (; j < b.length; j++) ops.push(['+', b[j]]);
    return ops;
  }
  function wordDiff(oldText, newText) {
    var a = tokens(oldText), b = tokens(newText), prefix = 0, suffix = 0, k;
    while (prefix < a.length && prefix < b.length && a[prefix].t === b[prefix].t) prefix++;
    while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix].t === b[b.length - 1 - suffix].t) suffix++;
    var ops = [];
    for (k = 0; k < prefix; k++) ops.push(['=', a[k]]);
    var middleA = a.slice(prefix, a.length - suffix), middleB = b.slice(prefix, b.length - suffix);
    if (middleA.length * middleB.length <= alignmentLimit) ops = ops.concat(align(middleA, middleB));
    else {
      for (k = 0; k < middleA.length; k++) ops.push(['-', middleA[k]]);
      for (k = 0; k < middleB.length; k++) ops.push(['+', middleB[k]]);
    }
    for (k = a.length - suffix; k < a.length; k++) ops.push(['=', a[k]]);
    var parts = [], inserted = 0, deleted = 0, run = [], runOp = '';
    function flush() { if (run.length) { parts.push({ op: runOp, text: run.join('') }); run = []; } }
    ops.forEach(function (entry) {
      var op = entry[0], token = entry[1];
      if (op === '+' && token.w) inserted++;
      if (op === '-' && token.w) deleted++;
      if (op !== runOp) { flush(); runOp = op; }
      run.push(token.t);
    });
    flush();
    return { parts: parts, inserted: inserted, deleted: deleted };
  }
  var contextLines = 2;
  function context(text, first, last) {
    if (first && last) return text;
    var newlines = [], at = text.indexOf('\n');
    while (at !== -1) { newlines.push(at); at = text.indexOf('\n', at + 1); }
    var keep = contextLines + 1;
    function head() { return text.slice(0, newlines[keep - 1]); }
    function tail() { return text.slice(newlines[newlines.length - keep] + 1); }
    if (first && newlines.length >= keep) return '⋯\n' + tail();
    if (last && newlines.length >= keep) return head() + '\n⋯';
    if (!first && !last && newlines.length > 2 * keep) return head() + '\n⋯\n' + tail();
    return text;
  }
  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function diffHTML(diff, insertedLabel, deletedLabel) {
    var out = '';
    diff.parts.forEach(function (part, index) {
      if (part.op === '=') out += escapeHTML(context(part.text, index === 0, index === diff.parts.length - 1));
      else {
        var tag = part.op === '+' ? 'ins' : 'del', label = part.op === '+' ? insertedLabel : deletedLabel;
        out += '<' + tag + '><span class="visually-hidden">[' + escapeHTML(label) + ': </span>' + escapeHTML(part.text) +
          '<span class="visually-hidden">]</span></' + tag + '>';
      }
    });
    return out;
  }
  window.HandbookWordDiff = { diff: wordDiff, html: diffHTML };

  // ---- CRC-32 (the checksum of an acknowledgement's receipt; zlib's crc32 checks it on import) ----
  var crcTable = null;
  function crc32(text) {
    if (!crcTable) {
      crcTable = [];
      for (var n = 0; n < 256; n++) {
        var c = n;
        for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
        crcTable.push(c >>> 0);
      }
    }
    var bytes = new TextEncoder().encode(text), crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return ((crc ^ 0xFFFFFFFF) >>> 0).toString(16).padStart(8, '0');
  }
  window.HandbookReceipt = { crc32: crc32 };

  // ---- Strings, storage, history ----
  var form = document.querySelector('.search-box');
  var strings = {};
  try { strings = JSON.parse(form && form.getAttribute('data-strings') || '{}'); } catch (e) { strings = {}; }
  function s(key, values) {
    var text = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split('{' + name + '}').join(values[name]); });
    return text;
  }
  var language = document.documentElement.lang || 'en';
  // Two handbooks on one origin (project sites) keep their own memories: keys carry the site's base URL.
  var base = document.body.getAttribute('data-base') || '/';
  function storageGet(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function storageSet(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function wordForm(count) {
    var forms = (strings.word_forms || 'word|words|words').split('|');
    if (forms.length !== 3) return strings.word_forms || '';
    if (language === 'uk' || language === 'ru' || language === 'be') {
      if (count % 10 === 1 && count % 100 !== 11) return forms[0];
      if (count % 10 >= 2 && count % 10 <= 4 && !(count % 100 >= 12 && count % 100 <= 14)) return forms[1];
      return forms[2];
    }
    return count === 1 ? forms[0] : forms[2];
  }
  // "+12 words added, −3 words removed", as the history page says it.
  function counts(diff) {
    var parts = [];
    if (diff.inserted > 0) parts.push('+' + diff.inserted + ' ' + wordForm(diff.inserted) + ' ' + s('words_added'));
    if (diff.deleted > 0) parts.push('−' + diff.deleted + ' ' + wordForm(diff.deleted) + ' ' + s('words_removed'));
    return parts.length ? parts.join(', ') : s('no_text_change');
  }
  var histories = {};
  function loadHistory(url) {
    if (!histories[url]) {
      histories[url] = fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (json) {
        if (!json || !Array.isArray(json.revisions)) throw new Error('history.json');
        return json;
      });
    }
    return histories[url];
  }
  function humanDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!parts) return iso || '';
    try {
      return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
        .format(new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3])));
    } catch (e) { return iso; }
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function link(href, text) { var a = element('a', '', text); a.href = href; return a; }
  function compareURL(historyPage, from, to) {
    return historyPage + '?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to) + '#compare';
  }
  /// The newest revision whose text belongs to a version (editorial fixes after it included).
  function newestOf(revisions, version) {
    for (var i = 0; i < revisions.length; i++) if (revisions[i].version === version) return revisions[i];
    return null;
  }
  function isOlder(revisions, version, than) {
    var a = -1, b = -1;
    revisions.forEach(function (revision, index) {
      if (a === -1 && revision.version === version) a = index;
      if (b === -1 && revision.version === than) b = index;
    });
    return a > b && b !== -1;
  }

  // ---- A content page: its version remembered, "changed since you read it", ?at= ----
  var info = document.getElementById('page-version');
  if (info) {
    var current = info.getAttribute('data-version'), page = info.getAttribute('data-page') || location.pathname;
    var historyURL = info.getAttribute('data-history'), historyPage = info.getAttribute('data-history-page');
    var header = info.closest('.page-header') || info.parentNode;
    var seenKey = 'handbook-seen:' + page;
    var at = new URLSearchParams(location.search).get('at');
    var notice = function (className) {
      var box = element('div', 'notice ' + className);
      box.setAttribute('role', 'status');
      header.parentNode.insertBefore(box, header.nextSibling);
      return box;
    };
    if (at !== null) {
      showAt(at);
    } else {
      var seen = storageGet(seenKey);
      if (seen && seen !== current) showChanged(seen);
      storageSet(seenKey, current);
    }
  }

  function showChanged(seen) {
    loadHistory(historyURL).then(function (history) {
      var revisions = history.revisions, then = newestOf(revisions, seen), now = revisions[0];
      if (!then || !now || then === now || typeof then.text !== 'string' || typeof now.text !== 'string' || !isOlder(revisions, seen, current)) return;
      var diff = wordDiff(then.text, now.text), box = notice('version-changed');
      box.appendChild(element('strong', '', s('changed_since_read')));
      box.appendChild(document.createTextNode(' ' + s('changed_since_read_detail', { version: seen, date: humanDate(seen.slice(0, 10)), counts: counts(diff) }) + ' '));
      var show = link(compareURL(historyPage, then.short, now.short), s('show_changes'));
      show.className = 'version-diff-link';
      box.appendChild(show);
      box.setAttribute('data-inserted', diff.inserted);
      box.setAttribute('data-deleted', diff.deleted);
    }, function () { /* no history to compare with: nothing to say */ });
  }

  function showAt(day) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day), check = parts && new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    // A day that exists: 2026-02-30 is not one (Date would roll it over to March).
    var valid = !!check && check.getUTCFullYear() === +parts[1] && check.getUTCMonth() === +parts[2] - 1 && check.getUTCDate() === +parts[3];
    if (!valid) { notice('version-at').textContent = s('at_bad_date'); return; }
    loadHistory(historyURL).then(function (history) {
      var revisions = history.revisions, shown = null;
      for (var i = 0; i < revisions.length; i++) if (revisions[i].day <= day) { shown = revisions[i]; break; }
      var box = notice('version-at');
      if (!shown) {
        var first = revisions[revisions.length - 1];
        box.appendChild(document.createTextNode(s('at_before', { date: humanDate(day), version: first ? first.version : '' }) + ' '));
        box.appendChild(link(page, s('at_show_current')));
        return;
      }
      box.appendChild(element('strong', '', s('at_notice', { date: humanDate(day), version: shown.version })));
      box.appendChild(document.createTextNode(' ' + (shown.version === current ? s('at_current') : s('at_not_current', { version: current })) + ' '));
      box.appendChild(link(page, s('at_show_current')));
      if (shown !== revisions[0]) {
        box.appendChild(document.createTextNode(' · '));
        box.appendChild(link(compareURL(historyPage, shown.short, revisions[0].short), s('at_changes_since')));
      }
      box.setAttribute('data-version', shown.version);
      if (shown === revisions[0]) return;
      if (typeof shown.text !== 'string') {
        // Older than the revisions whose texts the site keeps: said, and the current page stays.
        box.appendChild(document.createTextNode(' ' + s('at_no_text')));
        return;
      }
      // The page's current content gives way to the text as it was: its lines as the history shows them
      // (the front matter's lines, then each paragraph and list item on its own line).
      var article = header.parentNode, old = element('div', 'prose as-at');
      old.setAttribute('data-version', shown.version);
      old.appendChild(element('div', 'as-at-text', shown.text));
      Array.prototype.slice.call(article.children).forEach(function (child) {
        if (child !== header && child !== box) child.hidden = true;
      });
      article.appendChild(old);
    }, function () { notice('version-at').textContent = s('history_failed'); });
  }

  // ---- The history page: any two revisions ----
  var compare = document.getElementById('compare');
  if (compare) {
    var compareForm = compare.querySelector('form'), result = compare.querySelector('.compare-result');
    var from = compare.querySelector('[name=from]'), to = compare.querySelector('[name=to]');
    var url = compare.getAttribute('data-history');
    compare.hidden = false;
    var asked = new URLSearchParams(location.search);
    var choose = function (select, value) {
      for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) { select.selectedIndex = i; return true; }
      return false;
    };
    var run = function (scroll) {
      // Always older → newer: the options are newest first.
      if (from.selectedIndex < to.selectedIndex) { var swap = from.selectedIndex; from.selectedIndex = to.selectedIndex; to.selectedIndex = swap; }
      loadHistory(url).then(function (history) {
        var bySort = {};
        history.revisions.forEach(function (revision) { bySort[revision.short] = revision; });
        var older = bySort[from.value], newer = bySort[to.value];
        result.textContent = '';
        if (!found) { result.appendChild(element('p', 'meta', s('compare_not_found'))); found = true; }
        if (!older || !newer || typeof older.text !== 'string' || typeof newer.text !== 'string') { result.textContent = s('history_failed'); return; }
        var heading = element('h3', '', s('compare_between', { from: older.day + ' · ' + older.short, to: newer.day + ' · ' + newer.short }));
        result.appendChild(heading);
        if (older === newer) { result.appendChild(element('p', 'meta', s('compare_same'))); return; }
        var diff = wordDiff(older.text, newer.text);
        var summary = element('p', 'meta compare-summary', counts(diff));
        summary.setAttribute('data-inserted', diff.inserted);
        summary.setAttribute('data-deleted', diff.deleted);
        result.appendChild(summary);
        var pre = element('pre', 'word-diff');
        pre.innerHTML = diffHTML(diff, s('inserted'), s('deleted'));
        result.appendChild(pre);
        if (scroll) compare.scrollIntoView();
      }, function () { result.textContent = s('history_failed'); });
    };
    compareForm.addEventListener('submit', function (event) {
      event.preventDefault();
      run(false);
      history.replaceState(null, '', '?from=' + encodeURIComponent(from.value) + '&to=' + encodeURIComponent(to.value) + '#compare');
    });
    var found = true;
    if (asked.get('from') || asked.get('to')) {
      // A revision the list does not have (older than the newest 100): said, not silently replaced.
      if (asked.get('from') && !choose(from, asked.get('from'))) found = false;
      if (asked.get('to') && !choose(to, asked.get('to'))) found = false;
      run(true);
    }
  }

  // ---- The home page: what changed since the last visit ----
  var since = document.querySelector('.since-visit[data-versions]');
  if (since) {
    fetch(since.getAttribute('data-versions'), { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    }).then(function (versions) {
      if (!versions || !Array.isArray(versions.pages)) return;
      // The mark is the newest change the reader's last visit could show (the site's clock, not the reader's).
      var markKey = 'handbook-visit:' + base + ':' + language, mark = Number(storageGet(markKey)) || 0, list = since.querySelector('ul');
      var shown = 0, newest = 0;
      versions.pages.forEach(function (entry) {
        var time = Date.parse(entry.timestamp) || 0;
        if (time > newest) newest = time;
        var seen = storageGet('handbook-seen:' + entry.url);
        var read = seen && seen !== entry.version, fresh = !seen && mark && time > mark;
        if (!read && !fresh) return;
        var item = element('li');
        item.appendChild(link(entry.url, entry.title));
        item.appendChild(document.createTextNode(' · ' + humanDate(entry.day) + ' · ' + (read ? s('since_visit_read') : s('since_visit_new'))));
        list.appendChild(item);
        shown++;
      });
      if (shown) since.hidden = false;
      if (newest > mark) storageSet(markKey, String(newest));
    }, function () { /* the list is a convenience */ });
  }

  // ---- A policy that asks for an acknowledgement ----
  var ack = document.querySelector('.acknowledge[data-policy]');
  if (ack) {
    var policy = ack.getAttribute('data-policy'), ackLanguage = ack.getAttribute('data-language'), version = ack.getAttribute('data-version');
    var ackForm = ack.querySelector('.ack-form'), nameField = ack.querySelector('[name=ack-name]');
    var receiptBox = ack.querySelector('.ack-receipt'), receiptText = ack.querySelector('.receipt');
    var status = ack.querySelector('.ack-status'), previous = ack.querySelector('.ack-previous');
    var ackKey = 'handbook-ack:' + base + ':' + policy + ':' + ackLanguage;
    Array.prototype.forEach.call(ack.querySelectorAll('.ack-nojs'), function (node) { node.hidden = true; });
    ackForm.hidden = false;
    nameField.value = storageGet('handbook-reader:' + base) || '';
    var acknowledged = storageGet(ackKey);
    if (acknowledged && acknowledged !== version && previous) {
      previous.hidden = false;
      previous.textContent = s('ack_outdated', { version: acknowledged }) + ' ';
      loadHistory(ack.getAttribute('data-history')).then(function (history) {
        var then = newestOf(history.revisions, acknowledged), now = history.revisions[0];
        if (then && now && then !== now) previous.appendChild(link(compareURL(ack.getAttribute('data-history-page'), then.short, now.short), s('ack_what_changed')));
      }, function () {});
    } else if (acknowledged === version && previous) {
      previous.hidden = false;
      previous.textContent = s('ack_done', { version: version });
    }
    ackForm.addEventListener('submit', function (event) {
      event.preventDefault();
      // The characters the importer drops before it checks the checksum (SafeName.isForbidden in Swift).
      var name = nameField.value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g, '').trim();
      if (!name) { status.textContent = s('ack_name_needed'); nameField.focus(); return; }
      var today = new Date(), date = today.getFullYear() + '-' + String(today.getMonth() + 1).padStart(2, '0') + '-' + String(today.getDate()).padStart(2, '0');
      var checksum = crc32(['handbook-ack-v1', policy, ackLanguage, version, name, date].join('\n'));
      var fields = { policy: policy, language: ackLanguage, version: version, name: name, date: date, checksum: checksum };
      var block = ['-----BEGIN HANDBOOK ACKNOWLEDGEMENT v1-----', 'Policy: ' + policy, 'Title: ' + ack.getAttribute('data-title'),
        'Language: ' + ackLanguage, 'Version: ' + version, 'Name: ' + name, 'Date: ' + date, 'Checksum: ' + checksum,
        '-----END HANDBOOK ACKNOWLEDGEMENT-----'].join('\n');
      receiptText.textContent = block;
      receiptBox.hidden = false;
      var mail = ack.querySelector('.ack-mail');
      if (mail && ack.getAttribute('data-mailbox')) {
        mail.href = 'mailto:' + ack.getAttribute('data-mailbox') + '?subject=' + encodeURIComponent(ack.getAttribute('data-subject')) +
          '&body=' + encodeURIComponent(block + '\n');
        mail.hidden = false;
      }
      var formLink = ack.querySelector('.ack-form-link'), template = ack.getAttribute('data-form');
      if (formLink && template) {
        var filled = template, placeholders = false;
        Object.keys(fields).forEach(function (key) {
          if (filled.indexOf('{' + key + '}') !== -1) { placeholders = true; filled = filled.split('{' + key + '}').join(encodeURIComponent(fields[key])); }
        });
        if (!placeholders) {
          filled += (filled.indexOf('?') === -1 ? '?' : '&') + Object.keys(fields).map(function (key) {
            return key + '=' + encodeURIComponent(fields[key]);
          }).join('&');
        }
        formLink.href = filled;
        formLink.hidden = false;
      }
      storageSet('handbook-reader:' + base, name);
      storageSet(ackKey, version);
      status.textContent = s('ack_done', { version: version });
      receiptBox.querySelector('h3').focus();
    });
    var copy = ack.querySelector('.ack-copy');
    if (copy) copy.addEventListener('click', function () {
      var done = function () { status.textContent = s('ack_copied'); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(receiptText.textContent).then(done, function () { selectReceipt(); });
      else selectReceipt();
    });
    var selectReceipt = function () {
      var range = document.createRange();
      range.selectNodeContents(receiptText);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    };
  }
})();

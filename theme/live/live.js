/* The preview server's script (never part of a built site): added by `handbook serve` to every HTML page it serves. */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = (script && script.dataset.base) || '/';
  var scrollKey = 'handbook-live-scroll:' + location.pathname;
  var saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    var y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener('load', function () { window.scrollTo(0, y); });
  }
  window.addEventListener('load', function () {
    var paint = performance.getEntriesByType('paint').filter(function (p) { return p.name === 'first-contentful-paint'; })[0];
    if (paint) window.HandbookLive.updatedAt = performance.timeOrigin + paint.startTime;
  });
  var live = window.HandbookLive = { session: null, builds: 0, updates: 0, updatedAt: 0, overlay: null };

  function painted() {
    requestAnimationFrame(function () {
      live.updatedAt = performance.timeOrigin + performance.now();
      live.updates += 1;
    });
  }

  function ownFile() {
    var path = decodeURIComponent(location.pathname);
    if (path.indexOf(base) === 0) path = path.slice(base.length);
    if (path === '' || path.charAt(path.length - 1) === '/') path += 'index.html';
    return path;
  }

  function reload() {
    sessionStorage.setItem(scrollKey, String(window.scrollY));
    location.reload();
  }

  // The page's own changes, in place: the new <main>, draft banner, title and body class.
  function refresh() {
    fetch(location.href, { cache: 'no-store' }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fresh = doc.getElementById('main'), old = document.getElementById('main');
      if (!fresh || !old) { reload(); return; }
      old.replaceWith(document.adoptNode(fresh));
      var banner = document.querySelector('body > .draft-banner');
      if (banner) banner.remove();
      var freshBanner = doc.querySelector('body > .draft-banner');
      if (freshBanner) fresh.before(document.adoptNode(freshBanner));
      document.title = doc.title;
      document.body.className = doc.body.className;
      painted();
    }).catch(reload);
  }

  function swapStylesheets() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set('live', String(Date.now()));
      var copy = link.cloneNode();
      copy.href = url.href;
      copy.addEventListener('load', function () { link.remove(); painted(); });
      link.after(copy);
    });
  }

  function showFindings(report) {
    var old = document.getElementById('handbook-live-overlay');
    if (old) old.remove();
    live.overlay = null;
    if (!report || !report.errors) return;
    var box = document.createElement('div');
    box.id = 'handbook-live-overlay';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:50vh;overflow:auto;z-index:2147483647;' +
      'background:#fff;color:#1a1a1a;border:3px solid #b00020;border-radius:6px;padding:1rem 1.25rem;' +
      'box-shadow:0 4px 24px rgba(0,0,0,.3);font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;text-align:left';
    var title = document.createElement('strong');
    title.style.cssText = 'display:block;color:#b00020;font-size:15px;margin-bottom:.5rem';
    title.textContent = report.errors + (report.errors === 1 ? ' error' : ' errors') +
      ' in the handbook: this is the last good build. Fix and save, and this page updates.';
    box.appendChild(title);
    var list = document.createElement('ul');
    list.style.cssText = 'margin:0;padding-left:1.25rem';
    report.findings.forEach(function (finding) {
      var item = document.createElement('li');
      item.className = 'handbook-live-finding';
      item.dataset.severity = finding.severity;
      item.style.cssText = 'margin:.25rem 0;color:' + (finding.severity === 'error' ? '#b00020' : '#7a5b00');
      item.textContent = finding.file + ':' + finding.line + ':' + finding.column + ': ' + finding.severity + ': ' +
        finding.message + (finding.hint ? ' (' + finding.hint + ')' : '') + ' [' + finding.rule + ']';
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Hide');
    close.style.cssText = 'position:absolute;top:.25rem;right:.5rem;border:0;background:none;font-size:20px;cursor:pointer';
    close.addEventListener('click', function () { box.remove(); });
    box.appendChild(close);
    (document.body || document.documentElement).appendChild(box);
    live.overlay = box;
  }

  // The address it was loaded from: the server renders this page first when a save changes it.
  var source = live.source = new EventSource('/_handbook/events?page=' + encodeURIComponent(location.pathname));
  source.addEventListener('hello', function (event) {
    var data = JSON.parse(event.data);
    // The server restarted: the page may be out of date.
    if (live.session && live.session !== data.session) { reload(); return; }
    live.session = data.session;
    showFindings(data.findings);
  });
  source.addEventListener('build', function (event) {
    var data = JSON.parse(event.data);
    live.builds += 1;
    showFindings(data.findings);
    if (!data.published) return;
    if (data.stylesheets) { swapStylesheets(); return; }
    if (data.everything) reload();
    else if (data.changed.indexOf(ownFile()) >= 0) refresh();
  });
})();

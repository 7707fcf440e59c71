/* "Right or wrong?": the self-check of a policy. Without this script every case still works: its answer
   is revealed with <details>. With it, the cases come in a new order on each visit (the HTML stays the
   same for every build); a reader picks good or bad and presses Check: the first answer counts (the
   choice is then locked), the verdict is shown and announced; once every case is answered, the score
   and the principles of the cases missed are shown, announced and focused. Answers are kept in
   localStorage under the policy's version (a new version starts afresh). Nothing is sent anywhere. */
(function () {
  'use strict';
  var root = document.querySelector('.self-check[data-storage-key]');
  if (!root) return;
  var key = root.getAttribute('data-storage-key');
  var list = root.querySelector('.cases');
  var cases = Array.prototype.slice.call(root.querySelectorAll('.case'));
  if (!list || cases.length === 0) return;
  var announce = root.querySelector('[data-announce]');
  var score = root.querySelector('.self-check-score');
  var reset = root.querySelector('[data-reset]');

  // Only what this page could have stored: an object of case ids answered "good" or "bad".
  function load() {
    var stored;
    try { stored = JSON.parse(localStorage.getItem(key) || '{}'); } catch (e) { return {}; }
    var answers = {};
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return answers;
    cases.forEach(function (item) {
      var value = stored[item.id];
      if (value === 'good' || value === 'bad') answers[item.id] = value;
    });
    return answers;
  }
  function save() {
    try { localStorage.setItem(key, JSON.stringify(answers)); } catch (e) { /* private mode: answers stay on the page */ }
  }
  var answers = load();

  // A new order on each visit (Fisher–Yates).
  var order = cases.slice();
  for (var i = order.length - 1; i > 0; i--) {
    var j = Math.floor(Math.random() * (i + 1));
    var swap = order[i]; order[i] = order[j]; order[j] = swap;
  }
  order.forEach(function (item, index) {
    list.appendChild(item);
    var number = item.querySelector('.case-number');
    if (number) number.textContent = String(index + 1);
  });

  function radios(item) { return Array.prototype.slice.call(item.querySelectorAll('input[type=radio]')); }

  function show(item, answer, speak) {
    var right = answer === item.getAttribute('data-answer');
    var outcome = item.querySelector('.outcome');
    outcome.textContent = root.getAttribute(right ? 'data-right' : 'data-wrong');
    outcome.hidden = false;
    item.classList.add('case-answered');
    item.classList.toggle('case-right', right);
    item.classList.toggle('case-wrong', !right);
    item.querySelector('details').open = true;
    radios(item).forEach(function (input) { input.checked = input.value === answer; input.disabled = true; });
    var check = item.querySelector('[data-check]');
    if (check) check.hidden = true;
    if (speak && announce) {
      var verdict = item.querySelector('.verdict');
      announce.textContent = outcome.textContent + ' ' + (verdict ? verdict.textContent.trim() : '');
    }
  }

  function tally(speak) {
    var answered = cases.filter(function (item) { return answers[item.id]; });
    if (answered.length < cases.length) { score.hidden = true; return; }
    var wrong = cases.filter(function (item) { return answers[item.id] !== item.getAttribute('data-answer'); });
    var heading = score.querySelector('[data-score]');
    heading.textContent = root.getAttribute('data-score-text')
      .replace('{right}', String(cases.length - wrong.length)).replace('{total}', String(cases.length));
    score.querySelector('[data-all-right]').hidden = wrong.length > 0;
    var missed = score.querySelector('[data-missed]');
    var links = missed.querySelector('ul');
    links.textContent = '';
    var seen = {};
    wrong.forEach(function (item) {
      Array.prototype.forEach.call(item.querySelectorAll('a.principle'), function (link) {
        if (seen[link.href]) return;
        seen[link.href] = true;
        var entry = document.createElement('li');
        entry.appendChild(link.cloneNode(true));
        links.appendChild(entry);
      });
    });
    missed.hidden = wrong.length === 0;
    score.hidden = false;
    if (speak) {
      if (announce) announce.textContent = heading.textContent;
      heading.focus();
    }
  }

  cases.forEach(function (item) {
    var check = item.querySelector('[data-check]');
    if (check) {
      check.hidden = false;
      check.addEventListener('click', function () {
        var chosen = radios(item).filter(function (input) { return input.checked; })[0];
        if (!chosen || answers[item.id]) return;
        answers[item.id] = chosen.value;
        save();
        show(item, chosen.value, true);
        tally(true);
      });
    }
    if (answers[item.id]) show(item, answers[item.id], false);
  });
  tally(false);

  if (reset) {
    reset.hidden = false;
    reset.addEventListener('click', function () {
      answers = {};
      save();
      cases.forEach(function (item) {
        item.classList.remove('case-answered', 'case-right', 'case-wrong');
        item.querySelector('.outcome').hidden = true;
        item.querySelector('details').open = false;
        radios(item).forEach(function (input) { input.checked = false; input.disabled = false; });
        var check = item.querySelector('[data-check]');
        if (check) check.hidden = false;
      });
      score.hidden = true;
      if (announce) announce.textContent = '';
      var first = list.querySelector('input');
      if (first) first.focus();
    });
  }
})();

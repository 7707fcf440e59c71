/* "Right or wrong?": the self-check of a policy. Without this script every case still works: its answer
   is revealed with <details>. With it, the cases come in a new order on each visit (the HTML stays the
   same for every build), an answer reveals the verdict and is announced, the score and the principles of
   the cases missed show once every case is answered, and the answers are kept in localStorage under the
   policy's version (a new version starts afresh). Nothing is sent anywhere. */
(function () {
  'use strict';
  var root = document.querySelector('.self-check[data-storage-key]');
  if (!root) return;
  var key = root.getAttribute('data-storage-key');
  var list = root.querySelector('.cases');
  var cases = Array.prototype.slice.call(root.querySelectorAll('.case'));
  var announce = root.querySelector('[data-announce]');
  var score = root.querySelector('.self-check-score');

  function load() {
    try { return JSON.parse(localStorage.getItem(key) || '{}') || {}; } catch (e) { return {}; }
  }
  function save(answers) {
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

  function show(item, answer, speak) {
    var right = answer === item.getAttribute('data-answer');
    var outcome = item.querySelector('.outcome');
    outcome.textContent = root.getAttribute(right ? 'data-right' : 'data-wrong');
    outcome.hidden = false;
    item.classList.toggle('case-right', right);
    item.classList.toggle('case-wrong', !right);
    item.querySelector('details').open = true;
    var input = item.querySelector('input[value="' + answer + '"]');
    if (input) input.checked = true;
    if (speak && announce) {
      var verdict = item.querySelector('.verdict');
      announce.textContent = outcome.textContent + ' ' + (verdict ? verdict.textContent.trim() : '');
    }
  }

  function tally() {
    var answered = cases.filter(function (item) { return answers[item.id]; });
    if (answered.length < cases.length) { score.hidden = true; return; }
    var wrong = cases.filter(function (item) { return answers[item.id] !== item.getAttribute('data-answer'); });
    score.querySelector('[data-score]').textContent = root.getAttribute('data-score-text')
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
  }

  cases.forEach(function (item) {
    if (answers[item.id]) show(item, answers[item.id], false);
    Array.prototype.forEach.call(item.querySelectorAll('input[type=radio]'), function (input) {
      input.addEventListener('change', function () {
        answers[item.id] = input.value;
        save(answers);
        show(item, input.value, true);
        tally();
      });
    });
  });
  tally();

  var reset = root.querySelector('[data-reset]');
  if (reset) reset.addEventListener('click', function () {
    answers = {};
    save(answers);
    cases.forEach(function (item) {
      item.classList.remove('case-right', 'case-wrong');
      item.querySelector('.outcome').hidden = true;
      item.querySelector('details').open = false;
      Array.prototype.forEach.call(item.querySelectorAll('input'), function (input) { input.checked = false; });
    });
    score.hidden = true;
    if (announce) announce.textContent = '';
    var first = list.querySelector('input');
    if (first) first.focus();
  });
})();

/* global document, window, fetch, FormData */
/**
 * Progressive enhancement of the contact form: when JavaScript runs, the form is sent with
 * fetch and the answer is shown in place, without reloading the page (or the university page
 * around an iframe). Without JavaScript the form posts as plain HTML and the server answers
 * with a page. Texts come from the page's data attributes, so they follow its language.
 */
(function () {
  'use strict';
  var form = document.getElementById('contact-form');
  if (!form || typeof fetch !== 'function' || typeof FormData !== 'function') return;
  var button = form.querySelector('button[type="submit"]');
  var status = document.getElementById('form-status');
  var summary = document.getElementById('form-errors');

  function clearErrors() {
    summary.hidden = true;
    summary.textContent = '';
    form.querySelectorAll('.field').forEach(function (block) {
      block.classList.remove('invalid');
    });
    form.querySelectorAll('[aria-invalid]').forEach(function (control) {
      control.removeAttribute('aria-invalid');
    });
    form.querySelectorAll('.error').forEach(function (message) {
      message.textContent = '';
    });
  }

  function showSummary(intro, items) {
    summary.textContent = '';
    var p = document.createElement('p');
    p.textContent = intro;
    summary.appendChild(p);
    if (items.length) {
      var list = document.createElement('ul');
      items.forEach(function (item) {
        var li = document.createElement('li');
        var link = document.createElement('a');
        link.href = '#' + item.field;
        link.textContent = item.message;
        li.appendChild(link);
        list.appendChild(li);
      });
      summary.appendChild(list);
    }
    summary.hidden = false;
    summary.focus();
  }

  function showFieldErrors(fields) {
    fields.forEach(function (item) {
      var control = document.getElementById(item.field);
      var message = document.getElementById(item.field + '-error');
      if (control) control.setAttribute('aria-invalid', 'true');
      if (message) message.textContent = item.message;
      if (control && control.closest('.field')) control.closest('.field').classList.add('invalid');
    });
    showSummary(form.dataset.errorSummary, fields);
  }

  function showThanks(data) {
    var box = document.createElement('div');
    box.className = 'thanks';
    var heading = document.createElement('h1');
    heading.textContent = data.title;
    heading.tabIndex = -1;
    var text = document.createElement('p');
    text.textContent = data.message;
    var again = document.createElement('p');
    var link = document.createElement('a');
    link.href = data.againUrl;
    link.textContent = data.again;
    again.appendChild(link);
    box.appendChild(heading);
    box.appendChild(text);
    box.appendChild(again);
    var main = form.closest('main');
    main.querySelectorAll('h1, .intro, #form-errors, form').forEach(function (node) {
      node.remove();
    });
    main.appendChild(box);
    heading.focus();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (button.disabled) return;
    clearErrors();
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    status.textContent = form.dataset.sending;
    fetch(form.action, { method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        status.textContent = '';
        if (answer.ok) return showThanks(answer.data);
        var error = answer.data.error || {};
        if (error.fields && error.fields.length) showFieldErrors(error.fields);
        else showSummary(error.message || form.dataset.networkError, []);
      })
      .catch(function () {
        status.textContent = '';
        showSummary(form.dataset.networkError, []);
      })
      .then(function () {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      });
  });
  window.contactFormEnhanced = true;
})();

// Progressive enhancement only: every page works without this file.
'use strict';

// "Copiar todo": copies the text of one environment's block, as "Label: value" lines;
// a block without labels (a token, a Client ID) is copied as its text alone.
function copyBlock(button) {
  var block = document.getElementById(button.getAttribute('data-copy'));
  var lines = [], dts = block.querySelectorAll('dt'), label = button.textContent;
  for (var i = 0; i < dts.length; i++) {
    var dd = dts[i].nextElementSibling;
    lines.push(dts[i].textContent + ': ' + (dd ? dd.textContent.trim() : ''));
  }
  var text = dts.length ? lines.join('\n') : block.textContent.trim();
  var done = function () {
    button.textContent = 'Copiado';
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
  } else {
    fallbackCopy(text);
    done();
  }
}

function fallbackCopy(text) {
  var ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'absolute';
  ta.style.left = '-9999px';
  document.body.appendChild(ta);
  ta.select();
  try { document.execCommand('copy'); } catch (e) { /* the text stays selectable */ }
  document.body.removeChild(ta);
}

document.addEventListener('DOMContentLoaded', function () {
  var buttons = document.querySelectorAll('[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function (e) { copyBlock(e.currentTarget); });
  }
  // Forms with data-confirm ask before sending.
  var forms = document.querySelectorAll('form[data-confirm]');
  for (var j = 0; j < forms.length; j++) {
    forms[j].addEventListener('submit', function (e) {
      if (!window.confirm(e.currentTarget.getAttribute('data-confirm'))) e.preventDefault();
    });
  }
});

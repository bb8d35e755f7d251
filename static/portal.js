// Progressive enhancement only: every page works without this file.
'use strict';

// "Copiar todo": copies the values of one environment's block, as "Label: value" lines:
// only the values marked data-copiar (never a masked one, nor a note that a value is
// missing); a block without labels (a token, a Client ID) is copied as its text alone.
function copyBlock(button) {
  var block = document.getElementById(button.getAttribute('data-copy'));
  var lines = [], dts = block.querySelectorAll('dt'), label = button.textContent;
  for (var i = 0; i < dts.length; i++) {
    var dd = dts[i].nextElementSibling;
    if (dd && dd.hasAttribute('data-copiar'))
      lines.push(dts[i].textContent + ': ' + dd.textContent.trim());
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
  // A form sent back with errors: its summary (links to each field in error) takes the
  // focus, so keyboard and screen-reader users start there (the GOV.UK pattern).
  var resumen = document.querySelector('[data-resumen]');
  if (resumen) resumen.focus();
  var buttons = document.querySelectorAll('[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function (e) { copyBlock(e.currentTarget); });
  }
  // A masked block's "Copiar todo" submits its Mostrar form (the reveal comes first);
  // the page that reveals it puts the focus on the block's own "Copiar todo".
  var reveal = document.querySelectorAll('[data-revelar]');
  for (var k = 0; k < reveal.length; k++) reveal[k].hidden = false;
  var focus = document.querySelector('[data-enfocar]');
  if (focus) focus.focus();
  // Forms with data-confirm ask before sending.
  var forms = document.querySelectorAll('form[data-confirm]');
  for (var j = 0; j < forms.length; j++) {
    forms[j].addEventListener('submit', function (e) {
      if (!window.confirm(e.currentTarget.getAttribute('data-confirm'))) e.preventDefault();
    });
  }
});

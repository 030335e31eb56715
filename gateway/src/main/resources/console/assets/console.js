// The console's only script, loaded from this origin (the CSP allows no inline script).
// Copy buttons: <button data-copy="ID"> copies the value of the input with that id.
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute('data-copy'));
  if (!field) {
    return;
  }
  var done = function () {
    button.textContent = 'Copied';
    window.setTimeout(function () { button.textContent = 'Copy'; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
  } else {
    // Without the clipboard API (plain http on a non-local host), leave the text selected for Ctrl+C.
    field.select();
  }
});

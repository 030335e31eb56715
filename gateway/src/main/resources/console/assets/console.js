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

// Fetches a JSON document every few seconds while the tab is visible and hands it to onBody;
// it stops when the session has ended (the answer is then not JSON) rather than retrying for ever.
function pollWhileVisible(url, everySeconds, now, onBody) {
  var timer;
  var refresh = function () {
    if (document.visibilityState !== 'visible') {
      timer = window.setTimeout(refresh, everySeconds * 1000);
      return;
    }
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        var json = (response.headers.get('Content-Type') || '').indexOf('application/json') === 0;
        if (!response.ok || !json) {
          throw new Error('stopped');
        }
        return response.json();
      })
      .then(function (body) {
        onBody(body);
        timer = window.setTimeout(refresh, everySeconds * 1000);
      })
      .catch(function () { window.clearTimeout(timer); });
  };
  if (now) {
    refresh();
  } else {
    timer = window.setTimeout(refresh, everySeconds * 1000);
  }
}

// The tokens table refreshes each token's "Last used" while the page is open, so that an admin sees
// the IdP's connector test arrive.
(function () {
  var table = document.querySelector('table[data-last-used]');
  if (!table || !window.fetch) {
    return;
  }
  var announce = document.getElementById('token-activity');
  var everySeconds = 3;
  var render = function (cell, lastUsed) {
    cell.textContent = '';
    if (!lastUsed) {
      cell.textContent = 'never';
      return;
    }
    var time = document.createElement('time');
    time.setAttribute('datetime', lastUsed.iso);
    time.textContent = lastUsed.relative;
    var exact = document.createElement('small');
    exact.textContent = lastUsed.exact;
    cell.appendChild(time);
    cell.appendChild(document.createElement('br'));
    cell.appendChild(exact);
  };
  pollWhileVisible(table.getAttribute('data-last-used'), everySeconds, false, function (body) {
    body.tokens.forEach(function (token) {
      var row = table.querySelector('tr[data-token-id="' + token.id + '"]');
      var cell = row && row.querySelector('.last-used');
      if (!cell) {
        return;
      }
      var shown = cell.querySelector('time');
      var before = shown ? shown.getAttribute('datetime') : null;
      var now = token.lastUsed ? token.lastUsed.iso : null;
      render(cell, token.lastUsed);
      if (now && now !== before) {
        row.classList.add('fresh');
        if (announce) {
          announce.textContent = 'Token ' + token.name + ' was used ' + token.lastUsed.relative + '.';
        }
      }
    });
  });
})();

// The Overview refreshes its counts and rate-limit usage while it is open, so that an onboarding
// burst shows its progress live: how many users arrived since the page opened, and how fast. The
// server counts at most every few seconds per tenant, however many pages poll.
(function () {
  var overview = document.querySelector('[data-figures]');
  if (!overview || !window.fetch) {
    return;
  }
  var progress = document.getElementById('progress');
  var everySeconds = 5;
  var first = null;
  var show = function (figures) {
    ['users', 'active', 'deactivated', 'groups'].forEach(function (name) {
      var element = document.querySelector('[data-figure="' + name + '"]');
      if (element) {
        element.textContent = String(figures[name]);
      }
    });
    ['read', 'write'].forEach(function (kind) {
      var meter = document.querySelector('[data-figure-meter="' + kind + '"]');
      var text = document.querySelector('[data-figure-text="' + kind + '"]');
      if (meter) {
        meter.value = figures[kind].spentPercent;
        meter.textContent = figures[kind].spentPercent + ' %';
      }
      if (text) {
        text.textContent = figures[kind].text;
      }
    });
    var asOf = document.getElementById('figures-as-of');
    if (asOf) {
      asOf.setAttribute('datetime', figures.asOf);
      asOf.textContent = figures.asOfText;
    }
    if (!first) {
      first = { users: figures.users, groups: figures.groups, at: Date.parse(figures.asOf) };
      return;
    }
    var users = figures.users - first.users;
    var groups = figures.groups - first.groups;
    var seconds = (Date.parse(figures.asOf) - first.at) / 1000;
    if ((users !== 0 || groups !== 0) && progress && seconds > 0) {
      progress.textContent = 'Since this page opened: ' + (users >= 0 ? '+' : '') + users + ' users, '
        + (groups >= 0 ? '+' : '') + groups + ' groups, in ' + Math.round(seconds) + ' s (about '
        + Math.round(Math.abs(users) / seconds * 10) / 10 + ' users a second).';
    }
  };
  pollWhileVisible(overview.getAttribute('data-figures'), everySeconds, true, function (body) {
    show(body.figures);
  });
})();

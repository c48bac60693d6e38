/* Live alerts of paid orders: a toast, a beep (WebAudio, no sound file) and, when this user turned it on, the
   order's ticket printed from a hidden frame. The preference is stored in this browser, per user. The texts come
   from the page (data-paid, data-dismiss, data-ticket-title: the console's bundle, in the page's language). */
var paydeskAlerts = (function () {
  var audio = null;

  function box() { return document.getElementById('paydesk-alerts'); }
  function prefKey() { return 'paydesk.printOnArrival.' + box().dataset.user; }

  function init() {
    var toggle = document.getElementById('print-on-arrival');
    if (!toggle || toggle.dataset.ready) { return; }
    toggle.dataset.ready = '1';
    toggle.checked = localStorage.getItem(prefKey()) === 'true';
    toggle.addEventListener('change', function () {
      localStorage.setItem(prefKey(), toggle.checked ? 'true' : 'false');
      unlockAudio();
    });
    // browsers start audio only after a gesture: the first click anywhere unlocks the beep
    document.addEventListener('click', unlockAudio, { once: true });
  }

  function unlockAudio() {
    try {
      if (!audio) { audio = new (window.AudioContext || window.webkitAudioContext)(); }
      if (audio.state === 'suspended') { audio.resume(); }
    } catch (e) { audio = null; }
  }

  function beep() {
    unlockAudio();
    if (!audio) { return; }
    var now = audio.currentTime;
    [0, 0.18].forEach(function (offset, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = i === 0 ? 880 : 1320;
      gain.gain.setValueAtTime(0.0001, now + offset);
      gain.gain.exponentialRampToValueAtTime(0.3, now + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + offset);
      osc.stop(now + offset + 0.17);
    });
    document.body.dataset.lastBeep = String(Date.now());
  }

  function toast(order) {
    var toasts = document.getElementById('paydesk-toasts');
    var item = document.createElement('div');
    item.className = 'toast';
    item.setAttribute('role', 'status');
    item.dataset.orderNo = order.orderNo;
    var link = document.createElement('a');
    link.href = box().dataset.order + encodeURIComponent(order.orderNo);
    link.textContent = box().dataset.paid + ' ' + order.orderNo + ' · ' + order.amount;
    var when = document.createElement('small');
    when.textContent = ' ' + order.paidAt;
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', box().dataset.dismiss);
    close.onclick = function () { item.remove(); };
    item.append(link, when, close);
    toasts.prepend(item);
    setTimeout(function () { item.remove(); }, 60000);
  }

  function printTicket(order) {
    var frame = document.createElement('iframe');
    frame.className = 'print-frame';
    frame.title = box().dataset.ticketTitle + ' ' + order.orderNo;
    frame.style.position = 'absolute';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.onload = function () {
      try { frame.contentWindow.focus(); frame.contentWindow.print(); } catch (e) { /* printing refused */ }
      document.body.dataset.lastPrinted = order.orderNo;
      setTimeout(function () { frame.remove(); }, 60000);
    };
    frame.src = box().dataset.ticket + encodeURIComponent(order.orderNo);
    document.body.appendChild(frame);
  }

  return {
    opened: function () { init(); document.body.dataset.alertsConnected = 'true'; },
    arrived: function (message) {
      init();
      var order = typeof message === 'string' ? JSON.parse(message) : message;
      toast(order);
      beep();
      if (document.getElementById('print-on-arrival').checked) { printTicket(order); }
    }
  };
})();

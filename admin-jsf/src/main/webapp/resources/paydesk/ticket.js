/* The ticket's print button, and printing at once when the page was opened to print (?print=true).
   A file rather than inline script: the console's Content-Security-Policy runs no inline code. */
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('print-ticket');
  if (button) {
    button.addEventListener('click', function () { window.print(); });
  }
});
window.addEventListener('load', function () {
  if (document.getElementById('print-on-load')) {
    window.print();
  }
});

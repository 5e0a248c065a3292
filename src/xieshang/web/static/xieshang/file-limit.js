/* File size checked in the browser before anything is sent: an <input type=file data-max-bytes="…"
   data-too-big="… {name} …"> whose chosen file is over the limit says so under the field at once (role=alert,
   linked with aria-describedby), and its form is not sent while the file stays chosen, so a 55 MB recording
   never travels. The server checks again (a browser without JavaScript sends the file and gets the same refusal
   from the server, located on the field). Used by the contact form; the bill page's upload.js does the same
   check in its own submit handler. */
(function () {
  "use strict";
  var SELECTOR = "input[type=file][data-max-bytes]";

  function tooBig(input) {
    var limit = parseInt(input.getAttribute("data-max-bytes") || "0", 10);
    var files = input.files ? Array.prototype.slice.call(input.files) : [];
    return files.filter(function (f) { return limit && f.size > limit; });
  }

  function note(input) {
    var id = input.id + "_size";
    var existing = document.getElementById(id);
    if (existing) return existing;
    var p = document.createElement("p");
    p.id = id;
    p.className = "errorlist size-error";
    p.setAttribute("role", "alert");
    p.setAttribute("data-testid", "file-too-big");
    input.insertAdjacentElement("afterend", p);
    return p;
  }

  function check(input) {
    var big = tooBig(input);
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (s) {
      return s && s !== input.id + "_size";
    });
    if (!big.length) {
      var old = document.getElementById(input.id + "_size");
      if (old) old.remove();
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", described.join(" "));
      return true;
    }
    var names = big.map(function (f) { return f.name; }).join("、");
    note(input).textContent = (input.getAttribute("data-too-big") || "").replace("{name}", names);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", described.concat([input.id + "_size"]).join(" "));
    return false;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches(SELECTOR)) check(input);
  });

  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll ? event.target.querySelectorAll(SELECTOR) : [];
    var first = null;
    Array.prototype.forEach.call(inputs, function (input) { if (!check(input) && !first) first = input; });
    if (first) {
      event.preventDefault();
      event.stopImmediatePropagation();
      first.focus();
    }
  }, true);
})();

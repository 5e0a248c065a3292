/* Bill upload with a progress bar (XMLHttpRequest upload events), no library. Without JavaScript the form
   posts normally. The size limit is checked before sending so a too-big file never travels. */
(function () {
  "use strict";
  function swapMain(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var main = document.getElementById("main");
    if (fresh && main) { main.innerHTML = fresh.innerHTML; main.focus(); }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload]") || !window.XMLHttpRequest || !window.FormData) return;
    var input = form.querySelector("input[type=file]");
    var limit = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    var files = input && input.files ? Array.prototype.slice.call(input.files) : [];
    var big = files.filter(function (f) { return limit && f.size > limit; });
    var box = form.querySelector("[data-progress]");
    var text = form.querySelector("[data-progress-text]");
    var bar = box ? box.querySelector("progress") : null;
    if (big.length) {
      event.preventDefault();
      if (box && text) {
        box.hidden = false;
        text.textContent = form.getAttribute("data-too-big").replace("{name}", big[0].name);
        text.setAttribute("role", "alert");
      }
      return;
    }
    if (!files.length) return; // let the server say the field is required
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    if (box) { box.hidden = false; }
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable || !bar) return;
      var pct = Math.round((e.loaded / e.total) * 100);
      bar.value = pct;
      bar.textContent = pct + "%";
      if (text) text.textContent = pct + "%";
    });
    xhr.upload.addEventListener("load", function () { if (bar) bar.removeAttribute("value"); });
    xhr.addEventListener("load", function () {
      var next = xhr.getResponseHeader("X-Upload-Redirect");
      if (xhr.status >= 200 && xhr.status < 300 && next) {
        window.location.assign(next);
      } else {
        swapMain(xhr.responseText);
        var again = document.querySelector("form[data-upload] button[type=submit]");
        if (again) again.disabled = false;
      }
    });
    xhr.addEventListener("error", function () { form.submit(); });
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    xhr.send(new FormData(form));
  });
})();

/* Bill upload, many files at once, no library. Each file is sent on its own (its progress bar fills as it
   travels, then the server says what it is: format, rows, or why it cannot be read); when every file has been
   read the group is imported in one request. Without JavaScript the form posts every file at once.
   The size limit is checked before sending so a too-big file never travels. */
(function () {
  "use strict";
  function swapMain(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var main = document.getElementById("main");
    if (fresh && main) { main.innerHTML = fresh.innerHTML; main.focus(); }
  }
  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }
  function groupId() {
    var bytes = new Uint8Array(12);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function csrf(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function post(url, data, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      if (onProgress) {
        xhr.upload.addEventListener("progress", function (e) { if (e.lengthComputable) onProgress(e.loaded, e.total); });
      }
      xhr.addEventListener("load", function () { resolve(xhr); });
      xhr.addEventListener("error", function () { reject(xhr); });
      xhr.send(data);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload]") || !window.XMLHttpRequest || !window.FormData || !window.Promise) return;
    var input = form.querySelector("input[type=file]");
    var limit = parseInt(form.getAttribute("data-max-bytes") || "0", 10);
    var files = input && input.files ? Array.prototype.slice.call(input.files) : [];
    var box = form.querySelector("[data-progress]");
    var text = form.querySelector("[data-progress-text]");
    var bar = box ? box.querySelector("progress") : null;
    var list = form.querySelector("[data-file-list]");
    var rest = form.querySelector("button[data-import-rest]");
    var button = form.querySelector("button[type=submit]");
    var big = files.filter(function (f) { return limit && f.size > limit; });
    if (big.length) {
      event.preventDefault();
      if (box && text) {
        box.hidden = false;
        text.textContent = fill(form.getAttribute("data-too-big"), { name: big[0].name });
        text.setAttribute("role", "alert");
      }
      return;
    }
    if (!files.length) return; // let the server say the field is required
    event.preventDefault();
    var group = groupId();
    var total = files.reduce(function (sum, f) { return sum + f.size; }, 0) || 1;
    var sent = 0, done = 0, staged = [], bad = 0;
    box.hidden = false;
    text.removeAttribute("role");
    list.innerHTML = "";
    if (rest) rest.hidden = true;
    button.disabled = true;
    var rows = files.map(function (file) {
      var item = document.createElement("li");
      item.setAttribute("data-file", file.name);
      var name = document.createElement("strong");
      name.textContent = file.name;
      var progress = document.createElement("progress");
      progress.max = 100; progress.value = 0;
      var status = document.createElement("span");
      status.className = "small";
      status.textContent = form.getAttribute("data-sending");
      item.appendChild(name); item.appendChild(progress); item.appendChild(status);
      list.appendChild(item);
      return { item: item, progress: progress, status: status };
    });
    function overall(extra) {
      var pct = Math.min(100, Math.round(((sent + extra) / total) * 100));
      bar.value = pct;
      bar.textContent = pct + "%";
      text.textContent = fill(form.getAttribute("data-overall"), { done: done, total: files.length }) + " · " + pct + "%";
    }
    function finish(ids) {
      text.textContent = form.getAttribute("data-importing");
      bar.removeAttribute("value");
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf(form));
      data.append("group", group);
      ids.forEach(function (id) { data.append("staged", id); });
      post(form.action || window.location.href, data).then(function (xhr) {
        var next = xhr.getResponseHeader("X-Upload-Redirect");
        if (xhr.status >= 200 && xhr.status < 300 && next) { window.location.assign(next); return; }
        swapMain(xhr.responseText);
      }, function () { text.textContent = form.getAttribute("data-failed"); button.disabled = false; });
    }
    files.reduce(function (chain, file, index) {
      return chain.then(function () {
        var row = rows[index];
        var data = new FormData();
        data.append("csrfmiddlewaretoken", csrf(form));
        data.append("group", group);
        data.append("file", file, file.name);
        if (files.length === 1) data.append("single", "1");
        return post(form.getAttribute("data-stage-url"), data, function (loaded, size) {
          row.progress.value = Math.round((loaded / size) * 100);
          overall(Math.min(loaded, file.size));
          if (loaded >= size) row.status.textContent = form.getAttribute("data-reading");
        }).then(function (xhr) {
          var answer = {};
          try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = { ok: false, text: form.getAttribute("data-failed") }; }
          sent += file.size; done += 1;
          row.progress.value = 100;
          row.status.textContent = answer.text || "";
          row.item.className = answer.ok ? "ok" : "bad";
          row.item.setAttribute("data-result", answer.ok ? "ok" : "bad");
          if (answer.ok) { staged.push(answer.id); } else {
            bad += 1;
            if (answer.mapping_url && files.length === 1) { window.location.assign(answer.mapping_url); return; }
            if (answer.mapping_url) {
              var link = document.createElement("a");
              link.href = answer.mapping_url; link.textContent = " →";
              row.status.appendChild(link);
            }
          }
          overall(0);
        }, function () {
          sent += file.size; done += 1; bad += 1;
          row.item.className = "bad";
          row.status.textContent = form.getAttribute("data-failed");
          overall(0);
        });
      });
    }, Promise.resolve()).then(function () {
      if (!bad) { finish(staged); return; }
      button.disabled = false;
      if (!staged.length) { text.textContent = form.getAttribute("data-all-bad"); text.setAttribute("role", "alert"); return; }
      text.textContent = fill(form.getAttribute("data-some-bad"), { bad: bad });
      text.setAttribute("role", "alert");
      if (rest) {
        rest.textContent = fill(form.getAttribute("data-import-rest"), { ok: staged.length });
        rest.hidden = false;
        rest.onclick = function () { rest.hidden = true; button.disabled = true; finish(staged); };
      }
    });
  });
})();

// Installable app (xieshang.web.pwa): register the service worker where the browser allows one (a secure
// context: 127.0.0.1, localhost or HTTPS; not a plain-HTTP network address), and show the "offline" banner
// while the device has no connection. A page the service worker answered from its cache is marked already.
(function () {
  "use strict";
  var root = document.documentElement;
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }
  function update() {
    if (!navigator.onLine) {
      if (!root.hasAttribute("data-offline")) root.setAttribute("data-offline", "now");
    } else if (root.getAttribute("data-offline") === "now") {
      root.removeAttribute("data-offline");
    }
  }
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
})();

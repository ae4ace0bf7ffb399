/* Progressive enhancement: remember the browser's time zone so event times are shown in it.
   Without JavaScript, times appear in the organiser's zone (or the one chosen in the form). */
(function () {
  "use strict";
  var COOKIE = "pbx_tz";
  var page = document.querySelector("[data-zone-known]");
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || !/^[A-Za-z_]+\/[A-Za-z_\/+-]+$/.test(zone)) {
    return;
  }
  var hadCookie = document.cookie.split("; ").some(function (part) {
    return part.indexOf(COOKIE + "=") === 0;
  });
  if (hadCookie) {
    return;
  }
  document.cookie = COOKIE + "=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
  var stored = document.cookie.split("; ").some(function (part) {
    return part.indexOf(COOKIE + "=") === 0;
  });
  // Reload once so the server shows times in the detected zone; never loops (cookie now set).
  if (stored && page && page.getAttribute("data-zone-known") === "false") {
    window.location.reload();
  }
})();

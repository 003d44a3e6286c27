// Starts Swagger UI on the emulator's own spec. Everything it loads comes
// from this server: no CDN, no validator badge, no external calls.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  var scheme = root.dataset.authScheme;
  var demoKey = root.dataset.demoKey;
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    displayOperationId: true,
    displayRequestDuration: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    onComplete: function () {
      if (scheme && demoKey) {
        // HTTP Basic with the key as user name and an EMPTY password.
        window.ui.preauthorizeBasic(scheme, demoKey, "");
      }
    }
  });
})();

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
    requestInterceptor: dropEmptyFormFields,
    onComplete: function () {
      if (scheme && demoKey) {
        // HTTP Basic with the key as user name and an EMPTY password.
        window.ui.preauthorizeBasic(scheme, demoKey, "");
      }
    }
  });

  // A form field left empty is not sent, as in an HTML form: Swagger UI
  // would send "vpa=" for the create form's empty VPA, which reads as a VPA
  // given (and refused) rather than a bank account alone.
  function dropEmptyFormFields(req) {
    var type = String((req.headers || {})["Content-Type"] || "");
    if (type.indexOf("application/x-www-form-urlencoded") !== 0 || !req.body) {
      return req;
    }
    if (typeof req.body === "string") {
      var kept = new URLSearchParams();
      new URLSearchParams(req.body).forEach(function (v, k) {
        if (v !== "") kept.append(k, v);
      });
      req.body = kept.toString();
    } else if (typeof req.body === "object") {
      Object.keys(req.body).forEach(function (k) {
        if (req.body[k] === "" || req.body[k] === undefined) delete req.body[k];
      });
    }
    return req;
  }
})();

// @ts-check
// /docs: Swagger UI (served from /vendor, no CDN) rendering the contract this deployment serves.

/**
 * @typedef {{ apis: unknown }} Presets
 * @typedef {((options: Record<string, unknown>) => unknown) & { presets: Presets }} SwaggerUIBundle
 */

const bundle = /** @type {{ SwaggerUIBundle?: SwaggerUIBundle }} */ (/** @type {unknown} */ (window)).SwaggerUIBundle;
if (bundle) {
  bundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    presets: [bundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    displayOperationId: true,
    persistAuthorization: false,
    // The default validator badge asks validator.swagger.io about the document: no third-party calls from here.
    validatorUrl: null,
  });
} else {
  const root = document.getElementById("swagger-ui");
  if (root) root.textContent = "Swagger UI is missing from /vendor: run npm run assets.";
}

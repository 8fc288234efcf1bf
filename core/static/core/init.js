// Starts the NHS.UK frontend components (header menu, skip link, error summary, tables...).
// An external module rather than the inline script of nhsuk-frontend's template, so that a
// Content-Security-Policy without 'unsafe-inline' allows it. A browser that runs this module
// supports ES modules, which is what the "nhsuk-frontend-supported" class declares.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();

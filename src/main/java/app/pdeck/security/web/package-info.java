/** Browser-facing hardening: security headers on every response and CORS for configured origins only. */
package app.pdeck.security.web;

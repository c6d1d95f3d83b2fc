/**
 * Versioned data migrations: the migrations themselves (one class per version), the runner with its changelog,
 * cluster lock and drift check, the start-up run, its readiness check and the admin REST resource.
 */
package app.pdeck.migration;

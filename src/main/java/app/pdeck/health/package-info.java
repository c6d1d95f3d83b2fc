/** MicroProfile Health checks: liveness, startup, and one readiness check per backend. */
package app.pdeck.health;

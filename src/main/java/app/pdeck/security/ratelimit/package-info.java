/**
 * Abuse limits shared by every node through Redis: sign-in and registration per client address and per account,
 * the per-user API budget, and the growing lock-out after repeated failed sign-ins.
 */
package app.pdeck.security.ratelimit;

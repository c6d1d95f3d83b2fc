/** The audit trail: who did what, when, from where and with what outcome, appended to {@code audit_log}. */
package app.pdeck.audit;

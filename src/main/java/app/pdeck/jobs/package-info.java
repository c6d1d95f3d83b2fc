/**
 * Scheduled jobs on EJB timers (schedules from configuration), the ledger of claimed occurrences and the lease lock
 * that let exactly one node run each occurrence, the {@code job_runs} record of every run, and the admin REST
 * resource for jobs.
 */
package app.pdeck.jobs;

/**
 * Scheduled jobs on EJB timers (schedules from configuration), the cluster-wide lease lock that lets exactly one
 * node run each occurrence, the {@code job_runs} record of every run, and the admin REST resource for jobs.
 */
package app.pdeck.jobs;

/**
 * Archiving: DONE tasks untouched for a while move from {@code tasks} to {@code tasks_archive} in crash-safe,
 * idempotent batches; users list their archived tasks and move one back.
 */
package app.pdeck.archive;

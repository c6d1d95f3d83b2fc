/** Tasks: the owner's to-dos with priority, due date, status and tags; listing, optimistic concurrency, bulk creation. */
package app.pdeck.task;

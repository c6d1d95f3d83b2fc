/** Projects: named groups of a user's tasks, archivable; deleting one keeps its tasks without a project. */
package app.pdeck.project;

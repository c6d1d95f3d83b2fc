/** The application's single MongoDB client, its settings, and the JNoSQL manager built on it. */
package app.pdeck.platform.mongo;

/** The application's single Redisson client and its settings. */
package app.pdeck.platform.redis;
